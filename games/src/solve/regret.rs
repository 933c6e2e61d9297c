//! Regret matching (Hart & Mas-Colell 2000) for any number of players.
//!
//! Unconditional regret matching plays each strategy with probability proportional to its
//! positive cumulative regret; the empirical joint distribution converges to the coarse
//! correlated equilibria (Hannan set). Conditional regret matching switches from the last
//! action `j` to `k` with probability `[D(j,k)]⁺ / (t·μ)` (`D` the cumulative regret for not having
//! played `k` whenever `j` was played, `μ = 2 (m − 1) × payoff range`); its empirical joint
//! distribution converges to the set of correlated equilibria. Randomness comes from a seeded
//! ChaCha8 stream. The report gives the marginals of the empirical joint distribution as the
//! profile (epsilon = their Nash regret) and the joint distribution's largest correlated
//! equilibrium constraint violation as `ce_violation`.

use super::{Equilibrium, SolverOutput};
use crate::game::Game;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Which regret-matching procedure to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegretMode {
    /// Switching probabilities from conditional regrets (→ correlated equilibrium).
    Conditional,
    /// Play proportional to unconditional regrets (→ coarse correlated equilibrium).
    Unconditional,
}

fn sample(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut u = rng.random::<f64>() * total;
    for (k, w) in weights.iter().enumerate() {
        if u < *w {
            return k;
        }
        u -= w;
    }
    weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
}

/// Largest violation of a correlated-equilibrium constraint by the joint distribution `joint`
/// (probabilities over flat profile indices): `max_{i,j,k} Σ_{s: s_i = j} z(s)[u_i(k, s_−i) − u_i(s)]`,
/// clamped at zero.
pub(crate) fn ce_violation(game: &Game, joint: &[f64]) -> f64 {
    let n = game.num_players();
    let counts = game.strategy_counts();
    let mut strides = vec![1usize; n];
    for i in 1..n {
        strides[i] = strides[i - 1] * counts[i - 1];
    }
    let mut worst = 0.0f64;
    for i in 0..n {
        let m = counts[i];
        let mut gain = vec![0.0; m * m];
        for (index, &z) in joint.iter().enumerate() {
            if z == 0.0 {
                continue;
            }
            let j = (index / strides[i]) % m;
            let base = index - j * strides[i];
            let here = game.payoff_at(index, i);
            for k in 0..m {
                gain[j * m + k] += z * (game.payoff_at(base + k * strides[i], i) - here);
            }
        }
        worst = gain.into_iter().fold(worst, f64::max);
    }
    worst
}

/// Payoffs up to `2^DYNAMICS_LIMIT` in magnitude are played as given; a player with larger
/// payoffs plays on its payoffs divided by a power of two (exact in binary floating point, and
/// regret matching only ever compares a player's own payoffs, so the play is the same), so that
/// cumulative regrets over up to 2³⁵ rounds and `t·μ` cannot overflow.
const DYNAMICS_LIMIT: i32 = 900;

/// Runs `rounds` rounds of regret matching seeded by `seed`. The reported profile, its regret
/// and `ce_violation` are evaluated in `game` as given.
pub(crate) fn solve(game: &Game, rounds: usize, mode: RegretMode, seed: u64) -> SolverOutput {
    let original = game;
    let scaled = game
        .shifts_below(DYNAMICS_LIMIT, false)
        .map(|shift| game.scaled_down(&shift));
    let game = scaled.as_ref().unwrap_or(game);
    let n = game.num_players();
    let counts = game.strategy_counts();
    let mut strides = vec![1usize; n];
    for i in 1..n {
        strides[i] = strides[i - 1] * counts[i - 1];
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mu: Vec<f64> = (0..n)
        .map(|i| {
            let (lo, hi) = (0..game.num_profiles())
                .map(|p| game.payoff_at(p, i))
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(v), b.max(v))
                });
            (2.0 * (counts[i].max(2) - 1) as f64 * (hi - lo)).max(f64::MIN_POSITIVE)
        })
        .collect();
    // regrets[i]: m_i (unconditional) or m_i × m_i (conditional) cumulative regrets.
    let mut regrets: Vec<Vec<f64>> = counts
        .iter()
        .map(|&m| match mode {
            RegretMode::Unconditional => vec![0.0; m],
            RegretMode::Conditional => vec![0.0; m * m],
        })
        .collect();
    let mut joint = vec![0u64; game.num_profiles()];
    let mut actions: Vec<usize> = counts.iter().map(|&m| rng.random_range(0..m)).collect();
    let mut weights = Vec::new();
    for t in 0..rounds {
        if t > 0 {
            for i in 0..n {
                let m = counts[i];
                weights.clear();
                match mode {
                    RegretMode::Unconditional => {
                        weights.extend(regrets[i].iter().map(|r| r.max(0.0)));
                        if weights.iter().all(|w| *w == 0.0) {
                            weights.iter_mut().for_each(|w| *w = 1.0);
                        }
                    }
                    RegretMode::Conditional => {
                        let j = actions[i];
                        let scale = 1.0 / (t as f64 * mu[i]);
                        weights.extend((0..m).map(|k| {
                            if k == j {
                                0.0
                            } else {
                                regrets[i][j * m + k].max(0.0) * scale
                            }
                        }));
                        let switch: f64 = weights.iter().sum();
                        weights[j] = (1.0 - switch).max(0.0);
                    }
                }
                actions[i] = sample(&mut rng, &weights);
            }
        }
        let index: usize = actions.iter().zip(&strides).map(|(a, s)| a * s).sum();
        joint[index] += 1;
        for i in 0..n {
            let j = actions[i];
            let base = index - j * strides[i];
            let here = game.payoff_at(index, i);
            let m = counts[i];
            for k in 0..m {
                let diff = game.payoff_at(base + k * strides[i], i) - here;
                match mode {
                    RegretMode::Unconditional => regrets[i][k] += diff,
                    RegretMode::Conditional => regrets[i][j * m + k] += diff,
                }
            }
        }
    }
    let total = rounds as f64;
    let z: Vec<f64> = joint.iter().map(|&c| c as f64 / total).collect();
    let mut marginals: Vec<Vec<f64>> = counts.iter().map(|&m| vec![0.0; m]).collect();
    for (index, &p) in z.iter().enumerate() {
        for (i, s) in game.profile_at(index).into_iter().enumerate() {
            marginals[i][s] += p;
        }
    }
    let mut eq = Equilibrium::evaluate(original, marginals);
    let violation = ce_violation(original, &z);
    eq.ce_violation = Some(violation);
    let kind = match mode {
        RegretMode::Conditional => {
            "conditional regret matching (approaches a correlated equilibrium)"
        }
        RegretMode::Unconditional => {
            "unconditional regret matching (approaches a coarse correlated equilibrium)"
        }
    };
    SolverOutput {
        equilibria: vec![eq],
        notes: vec![format!(
            "{kind} after {rounds} rounds, seed {seed}: the profile is the marginal of the \
             empirical joint distribution (epsilon = its Nash regret); ce_violation = {violation:.3e} \
             is the joint distribution's largest correlated-equilibrium constraint violation"
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::*;

    #[test]
    fn rps_marginals_approach_one_third() {
        let out = solve(
            &rock_paper_scissors(),
            100_000,
            RegretMode::Unconditional,
            7,
        );
        let e = &out.equilibria[0];
        for p in e.profile.iter().flatten() {
            assert!((p - 1.0 / 3.0).abs() < 0.01, "{:?}", e.profile);
        }
    }

    #[test]
    fn chicken_ce_violation_vanishes() {
        let g = chicken();
        let short = solve(&g, 1_000, RegretMode::Conditional, 3).equilibria[0]
            .ce_violation
            .unwrap();
        let long = solve(&g, 200_000, RegretMode::Conditional, 3).equilibria[0]
            .ce_violation
            .unwrap();
        assert!(long < 0.01, "violation {long}");
        assert!(long <= short);
    }

    /// Payoffs near 10³⁰⁸ would overflow the cumulative regrets and `t·μ`; the
    /// dynamics run on the payoffs divided by a power of two, which changes no decision, so
    /// the play is exactly that of the game divided by 2¹⁰⁰⁰ (where nothing overflows).
    #[test]
    fn huge_payoffs_play_as_their_rescaled_game() {
        let g = audit_game(1e308);
        let small = g.scaled_down(&[1000, 1000]);
        for mode in [RegretMode::Conditional, RegretMode::Unconditional] {
            let big = solve(&g, 5_000, mode, 4);
            let reference = solve(&small, 5_000, mode, 4);
            let (a, b) = (&big.equilibria[0], &reference.equilibria[0]);
            assert_eq!(a.profile, b.profile, "{mode:?}");
            assert!(a.is_finite(), "{a:?}");
            assert!(a.ce_violation.is_some_and(f64::is_finite));
        }
    }

    #[test]
    fn deterministic_given_seed() {
        let g = random_game(&[3, 2, 2], 5);
        let a = solve(&g, 5_000, RegretMode::Conditional, 11);
        let b = solve(&g, 5_000, RegretMode::Conditional, 11);
        assert_eq!(a, b);
    }

    #[test]
    fn ce_violation_of_known_distributions() {
        let g = chicken();
        // Uniform over (C,C), (C,D), (D,C) is a correlated equilibrium of chicken.
        let idx = |r: usize, c: usize| g.profile_index(&[r, c]);
        let mut z = vec![0.0; 4];
        for (r, c) in [(0, 0), (0, 1), (1, 0)] {
            z[idx(r, c)] = 1.0 / 3.0;
        }
        assert!(ce_violation(&g, &z) < 1e-12);
        // (C,C) alone is not: either player gains 1 by daring.
        let mut z = vec![0.0; 4];
        z[idx(0, 0)] = 1.0;
        assert!((ce_violation(&g, &z) - 1.0).abs() < 1e-12);
    }
}
