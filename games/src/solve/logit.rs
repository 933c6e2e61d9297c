//! Logit quantal response equilibria along the principal branch (McKelvey–Palfrey).
//!
//! The branch starts at the uniform profile for λ = 0 and is traced by
//! predictor–corrector continuation (see `qre_path`). At requested λ values the exact QRE is
//! solved by Newton with λ fixed; each entry reports `lambda` and its Nash regret as `epsilon`.
//! Without requested values the branch is traced towards λ = ∞ and its limit is polished into
//! an exact Nash equilibrium by Newton on the apparent support.

use super::polish::polish;
use super::qre_path::{max_precision, Control, PathPoint, QreSystem};
use super::{Equilibrium, SolveError, SolverOutput};
use crate::game::{Game, MixedProfile};

/// Largest scaled precision `λ·R` traced.
const MU_MAX: f64 = 1e7;
/// Which branch is followed, printed with every logit result (docs/reliability.md).
const BRANCH_NOTE: &str = "principal branch from the centroid at lambda = 0; where it meets a \
     symmetry-breaking bifurcation (e.g. battle of the sexes, chicken) pactsim continues on the \
     symmetric branch, whose limit is the mixed equilibrium";
/// Step budget per trace.
const MAX_STEPS: usize = 20_000;
/// A polished equilibrium is accepted as the branch's limit only if no probability differs
/// from the current QRE by more than this.
const LIMIT_DISTANCE: f64 = 0.05;
/// Regret accepted for a polished Nash equilibrium, relative to the payoff spread.
const NASH_TOL: f64 = 1e-12;

/// Follows the logit branch from `prior` towards λ = ∞ and returns the Nash equilibrium it
/// converges to, polished to regret ≤ 1e-12·R (R = [`Game::payoff_spread`]), with the scaled
/// precision reached. `None` when
/// tracing fails before a polish succeeds.
pub(crate) fn trace_to_nash(game: &Game, prior: &MixedProfile) -> Option<(MixedProfile, f64)> {
    let range = game.payoff_spread();
    if range <= 0.0 {
        return Some((game.centroid(), 0.0));
    }
    let system = QreSystem::new(game, prior, range);
    let mut next_check = 10.0;
    let mut found: Option<(MixedProfile, f64)> = None;
    let tol = NASH_TOL * range;
    system.trace(system.start(), MU_MAX, MAX_STEPS, |_, cur| {
        if cur.mu < next_check {
            return Control::Continue;
        }
        next_check = cur.mu * 1.5;
        let sigma = system.profile(&cur.y);
        for cutoff in [5.0, 10.0, 20.0, 40.0] {
            let support: Vec<Vec<usize>> = sigma
                .iter()
                .map(|p| {
                    let best = p.iter().copied().fold(0.0, f64::max).ln();
                    (0..p.len())
                        .filter(|&j| p[j].ln() >= best - cutoff)
                        .collect()
                })
                .collect();
            if let Some(eq) = polish(game, &sigma, &support, tol) {
                let near = eq
                    .iter()
                    .flatten()
                    .zip(sigma.iter().flatten())
                    .all(|(a, b)| (a - b).abs() <= LIMIT_DISTANCE);
                if near {
                    found = Some((eq, cur.mu));
                    return Control::Stop;
                }
            }
        }
        Control::Continue
    });
    found
}

/// Largest λ at which the logit QRE of `game` can be computed: the tracer works at precision
/// `λ·R` (R = [`Game::payoff_spread`]), which must stay representable with room for the
/// payoff differences it multiplies. About 10³⁰⁶ / R² for ordinary games, never more than the
/// largest double; infinite when every player is indifferent (R = 0).
pub fn max_lambda(game: &Game) -> f64 {
    let range = game.payoff_spread();
    if range > 0.0 {
        // At most the largest double, even when R is so small that the quotient overflows.
        (max_precision(range) / range).min(f64::MAX)
    } else {
        f64::INFINITY
    }
}

/// Refuses a λ that is negative, not finite, or above [`max_lambda`].
pub(crate) fn check_lambda(game: &Game, lambda: f64) -> Result<(), SolveError> {
    if !(lambda.is_finite() && lambda >= 0.0) {
        return Err(SolveError::BadOption {
            name: "lambda",
            value: lambda.to_string(),
            allowed: "finite numbers >= 0".into(),
        });
    }
    let max = max_lambda(game);
    if lambda > max {
        return Err(SolveError::BadOption {
            name: "lambda",
            value: lambda.to_string(),
            allowed: format!(
                "at most {max:.3e} for this game: the logit tracer works at precision lambda*R \
                 (R = {:.3e}, the largest difference between two payoffs of one player), which \
                 must stay a finite double",
                game.payoff_spread()
            ),
        });
    }
    Ok(())
}

/// Follows the principal branch from the centroid at λ = 0 up to `lambda_max` (λ in the
/// units of the game's own payoffs), calling `observe(λ, profile)` at the start and after every
/// accepted continuation step, e.g. to draw the path. Fails with
/// [`SolveError::BadOption`] if `lambda_max` is negative, not finite or above [`max_lambda`],
/// and with [`SolveError::NoConvergence`] if the branch cannot be traced that far (the points
/// observed until then are valid QRE).
pub fn trace_path(
    game: &Game,
    lambda_max: f64,
    mut observe: impl FnMut(f64, &MixedProfile),
) -> Result<(), SolveError> {
    check_lambda(game, lambda_max)?;
    let range = game.payoff_spread();
    observe(0.0, &game.centroid());
    if range <= 0.0 || lambda_max == 0.0 {
        return Ok(());
    }
    let system = QreSystem::new(game, &game.centroid(), range);
    let end = system.trace(system.start(), lambda_max * range, MAX_STEPS, |_, cur| {
        observe(cur.mu / range, &system.profile(&cur.y));
        Control::Continue
    });
    end.map(|_| ()).ok_or_else(|| SolveError::NoConvergence {
        method: "logit",
        reason: format!("the principal branch could not be traced to lambda = {lambda_max}"),
    })
}

/// Logit QRE of `game` at each λ in `lambdas` (sorted ascending, duplicates removed), or the
/// limiting Nash equilibrium of the principal branch when `lambdas` is empty.
pub fn solve(game: &Game, lambdas: &[f64]) -> Result<SolverOutput, SolveError> {
    let mut out = SolverOutput::default();
    out.notes.push(BRANCH_NOTE.into());
    if lambdas.is_empty() {
        let (eq, mu) =
            trace_to_nash(game, &game.centroid()).ok_or_else(|| SolveError::NoConvergence {
                method: "logit",
                reason: "the principal branch could not be traced to a Nash equilibrium".into(),
            })?;
        let range = game.payoff_spread();
        out.notes.push(format!(
            "limit of the principal branch (traced to lambda = {:.4e}, then polished to a Nash \
             equilibrium)",
            if range > 0.0 { mu / range } else { 0.0 }
        ));
        out.equilibria.push(Equilibrium::evaluate(game, eq));
        return Ok(out);
    }
    let mut targets: Vec<f64> = lambdas.to_vec();
    targets.sort_by(f64::total_cmp);
    targets.dedup();
    for &l in &targets {
        check_lambda(game, l)?;
    }
    let range = game.payoff_spread();
    let mut results: Vec<Option<MixedProfile>> = vec![None; targets.len()];
    if range <= 0.0 {
        results.iter_mut().for_each(|r| *r = Some(game.centroid()));
    } else {
        let system = QreSystem::new(game, &game.centroid(), range);
        let start = system.start();
        for (k, &l) in targets.iter().enumerate() {
            if l == 0.0 {
                results[k] = Some(system.profile(&start.y));
            }
        }
        let mu_max = targets.last().copied().unwrap_or(0.0) * range;
        let pending = results.iter().any(Option::is_none);
        let solve_crossings = |prev: &PathPoint, cur: &PathPoint| {
            let (a, b) = (prev.mu.min(cur.mu), prev.mu.max(cur.mu));
            for (k, &l) in targets.iter().enumerate() {
                let mu = l * range;
                if results[k].is_some() || mu < a || mu > b {
                    continue;
                }
                let w = if b > a {
                    (mu - prev.mu) / (cur.mu - prev.mu)
                } else {
                    1.0
                };
                let guess: Vec<f64> = prev
                    .y
                    .iter()
                    .zip(&cur.y)
                    .map(|(p, c)| p + w * (c - p))
                    .collect();
                let y = system
                    .solve_at(mu, &guess)
                    .or_else(|| system.solve_at(mu, &cur.y))
                    .or_else(|| system.solve_at(mu, &prev.y));
                results[k] = y.map(|y| system.profile(&y));
            }
            if results.iter().all(Option::is_some) {
                Control::Stop
            } else {
                Control::Continue
            }
        };
        if pending {
            let end = system.trace(start, mu_max * (1.0 + 1e-9), MAX_STEPS, solve_crossings);
            if end.is_none() {
                out.notes
                    .push("the branch could not be traced to every requested lambda".into());
            }
        }
    }
    for (l, r) in targets.iter().zip(results) {
        match r {
            Some(profile) => {
                let mut e = Equilibrium::evaluate(game, profile);
                e.lambda = Some(*l);
                out.equilibria.push(e);
            }
            None => out.notes.push(format!("no QRE found at lambda = {l}")),
        }
    }
    out.notes.push(
        "each entry is the principal-branch logit QRE at its lambda; epsilon is its Nash regret"
            .into(),
    );
    out.notes.push(format!(
        "lambda multiplies the game's own payoffs (payoff spread R = {}, the largest \
         difference between two payoffs of one player); the tracer works on payoffs divided by \
         R, where the same point has precision lambda*R",
        super::report::short_number(range)
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::*;

    #[test]
    fn symmetric_matching_pennies_is_uniform_at_every_lambda() {
        let out = solve(&matching_pennies(), &[0.0, 0.5, 2.0, 10.0, 100.0]).unwrap();
        assert_eq!(out.equilibria.len(), 5);
        for e in &out.equilibria {
            for p in e.profile.iter().flatten() {
                assert!((p - 0.5).abs() < 1e-9, "{:?}", e.profile);
            }
        }
    }

    #[test]
    fn asymmetric_matching_pennies_published_values() {
        let g = asymmetric_matching_pennies();
        let out = solve(&g, &[50.0, 0.0]).unwrap();
        let at0 = &out.equilibria[0];
        assert_eq!(at0.lambda, Some(0.0));
        assert!(at0
            .profile
            .iter()
            .flatten()
            .all(|p| (p - 0.5).abs() < 1e-12));
        let at50 = &out.equilibria[1];
        assert_eq!(at50.lambda, Some(50.0));
        // (0.542, 0.085), sometimes quoted for λ = 50, is the state of a damped iteration
        // (step 0.01) that is still oscillating: with step 0.001 the same iteration converges to
        // (0.521953, 0.100176), the exact fixed point below. (0.542, 0.085) is not a logit fixed
        // point at any λ: P(U) > 1/2 needs 10q > 1, i.e. q > 0.1.
        assert!(
            (at50.profile[0][0] - 0.521_952_7).abs() < 1e-6,
            "{:?}",
            at50.profile
        );
        assert!(
            (at50.profile[1][0] - 0.100_175_7).abs() < 1e-6,
            "{:?}",
            at50.profile
        );
        // Fixed-point check: the profile is a logit response to itself.
        for i in 0..2 {
            let v = g.strategy_values(&at50.profile, i);
            let p0 = 1.0 / (1.0 + (50.0 * (v[1] - v[0])).exp());
            assert!((p0 - at50.profile[i][0]).abs() < 1e-10);
        }
        let domain = vec![vec![0.542, 0.458], vec![0.085, 0.915]];
        let v = g.strategy_values(&domain, 0);
        let p_u = 1.0 / (1.0 + (50.0 * (v[1] - v[0])).exp());
        assert!((p_u - 0.542).abs() > 0.05);
        assert!(at50.epsilon > 0.0);
        // The limit is the NE (0.5, 0.1).
        let limit = solve(&g, &[]).unwrap();
        let e = &limit.equilibria[0];
        assert!(e.epsilon < 1e-12);
        assert!((e.profile[0][0] - 0.5).abs() < 1e-12 && (e.profile[1][0] - 0.1).abs() < 1e-12);
        // Regret shrinks along the branch.
        let path = solve(&g, &[1.0, 10.0, 100.0, 1000.0]).unwrap();
        let eps: Vec<f64> = path.equilibria.iter().map(|e| e.epsilon).collect();
        assert!(eps.windows(2).all(|w| w[1] < w[0]), "{eps:?}");
    }

    /// Issue 11: an ordinary game (7×7, integer payoffs 0–99 from a fixed seed) has a QRE at
    /// each requested λ, each a logit response to itself, and the output says what λ means.
    #[test]
    fn random_7x7_integer_game_has_qre_at_requested_lambdas() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        let payoffs: Vec<f64> = (0..2 * 49)
            .map(|_| f64::from(rng.random_range(0..100u32)))
            .collect();
        let g = Game::from_counts(&[7, 7], payoffs).unwrap();
        let lambdas = [0.5, 2.0, 10.0];
        let out = solve(&g, &lambdas).unwrap();
        assert_eq!(out.equilibria.len(), 3, "{:?}", out.notes);
        for (e, l) in out.equilibria.iter().zip(lambdas) {
            assert_eq!(e.lambda, Some(l));
            for i in 0..2 {
                let v = g.strategy_values(&e.profile, i);
                let top = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let w: Vec<f64> = v.iter().map(|x| (l * (x - top)).exp()).collect();
                let total: f64 = w.iter().sum();
                for (wj, pj) in w.iter().zip(&e.profile[i]) {
                    assert!(
                        (wj / total - pj).abs() < 1e-9,
                        "lambda {l}: {:?}",
                        e.profile
                    );
                }
            }
        }
        // Regret falls towards the Nash limit as λ grows.
        assert!(out.equilibria[2].epsilon < out.equilibria[0].epsilon);
        let units = format!(
            "lambda multiplies the game's own payoffs (payoff spread R = {}, the largest",
            g.payoff_spread()
        );
        assert!(
            out.notes.iter().any(|n| n.contains(&units)),
            "{:?}",
            out.notes
        );
        assert!(out.notes.iter().any(|n| n.contains("symmetric branch")));
    }

    /// Payoffs of ±10³⁰⁸ (max − min over all payoffs overflows to infinity). The
    /// tracer works with R = the payoff spread (10³⁰⁸, finite) on the game divided by 2¹⁰²³:
    /// QRE at an allowed λ come out finite, λ·R beyond double range is refused by name, and
    /// nothing prints "inf".
    #[test]
    fn payoffs_near_the_double_limit_are_traced_or_refused_by_name() {
        let g = audit_game(1e308);
        let out = solve(&g, &[0.1, 1e-307]).unwrap();
        assert_eq!(out.equilibria.len(), 2, "{:?}", out.notes);
        assert!(out.equilibria.iter().all(Equilibrium::is_finite));
        assert!(
            out.notes.iter().any(|n| n.contains("R = 1e308")),
            "{:?}",
            out.notes
        );
        assert!(
            out.notes.iter().all(|n| !n.contains("inf")),
            "{:?}",
            out.notes
        );
        // At λ = 1e-307 λ·u is at most 10 in magnitude: a genuine interior QRE.
        let small = &out.equilibria[0];
        assert_eq!(small.lambda, Some(1e-307));
        assert!(small.profile.iter().flatten().all(|&p| p > 0.0 && p < 1.0));
        let max = max_lambda(&g);
        assert!(max.is_finite() && (0.3..0.5).contains(&max), "{max}");
        match solve(&g, &[2.0]) {
            Err(SolveError::BadOption { name, allowed, .. }) => {
                assert_eq!(name, "lambda");
                assert!(allowed.contains("at most 4.040e-1"), "{allowed}");
            }
            other => panic!("{other:?}"),
        }
        let mut points = Vec::new();
        trace_path(&g, 1e4 / 1e308, |l, p| points.push((l, p.clone()))).unwrap();
        assert!(points.len() > 10);
        assert!(points
            .iter()
            .all(|(l, p)| l.is_finite() && p.iter().flatten().all(|x| x.is_finite())));
    }

    /// Scaling a game by a power of two before tracing changes no bit of the answer.
    #[test]
    fn tracing_a_rescaled_game_is_exact() {
        let g = asymmetric_matching_pennies();
        let big = g.scaled_down(&[-200, -200]);
        let a = solve(&g, &[0.5, 5.0]).unwrap();
        let b = solve(&big, &[0.5 / 2f64.powi(200), 5.0 / 2f64.powi(200)]).unwrap();
        for (x, y) in a.equilibria.iter().zip(&b.equilibria) {
            assert_eq!(x.profile, y.profile);
        }
    }

    #[test]
    fn limits_are_nash_on_classic_and_three_player_games() {
        for g in [
            prisoners_dilemma(),
            battle_of_sexes(),
            rock_paper_scissors(),
            chicken(),
            three_player_mixed_only(),
        ] {
            let out = solve(&g, &[]).unwrap();
            assert!(out.equilibria[0].epsilon <= 1e-9);
        }
        let j = solve(&three_player_mixed_only(), &[]).unwrap();
        assert!(j.equilibria[0]
            .profile
            .iter()
            .flatten()
            .all(|p| (p - 0.5).abs() < 1e-12));
    }
}
