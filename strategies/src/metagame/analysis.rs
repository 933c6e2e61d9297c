//! Empirical game-theoretic analysis of the profile results: the empirical 3-player game
//! (payoff = mean payoff per player, $B), each profile's regret with its standard error, the
//! equilibria found by the toolkit (pure Nash, simpdiv, logit QRE), regret matching across
//! episodes to a learned mixture per role, and the April-like share under a mixture.
//!
//! Shares: a profile's April-like share p_s has its Wilson 95% interval ([`profile_share`]). A
//! mixture σ puts weight w_s = Π_i σ_i(s_i) on profile s; its April-like share is Σ_s w_s·p_s.
//! A mixture with weight 1 on one profile (a pure equilibrium, say) is that profile, and gets
//! that profile's Wilson interval, so one share has one interval wherever it is shown. Any
//! other mixture's 95% interval is share ± 1.96·Σ_s w_s·SE_s with SE_s the profile's
//! Agresti–Coull standard error. Summing standard errors (rather than adding variances) bounds
//! the standard deviation of the weighted sum whatever the correlation between profiles, which
//! share random numbers; the interval is therefore conservative.

use super::profiles::{difference_se, ProfileResult};
use super::MetagameError;
use games::game::Game;
use games::solve::{self, Method, RegretMode, SolveOptions};
use serde::Serialize;
use sim::stats::Z95;

/// A share with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ShareCi {
    /// The share.
    pub share: f64,
    /// Lower end of the 95% interval.
    pub ci_low: f64,
    /// Upper end of the 95% interval.
    pub ci_high: f64,
}

/// A profile's regret: the largest gain any player gets by switching strategy alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regret {
    /// max(0, largest unilateral gain), $B.
    pub regret: f64,
    /// The deviation achieving it (player index, strategy index), if any gain is positive.
    pub deviation: Option<(usize, usize)>,
    /// Standard error of that gain, $B: from the paired runs of the two profiles (common
    /// random numbers) when kept, else √(SE_dev² + SE_here²).
    pub se: f64,
    /// The regret is within noise: regret < 1.96·SE.
    pub within_noise: bool,
}

/// A mixed profile found by a method, with what it implies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mixture {
    /// Method (`pure`, `simpdiv`, `logit`, `regret-matching`).
    pub method: String,
    /// Logit λ (per $B), for QRE.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda: Option<f64>,
    /// Probability of each strategy, per role.
    pub mixture: Vec<Vec<f64>>,
    /// Expected payoff per player, $B.
    pub payoffs: Vec<f64>,
    /// Largest gain from a unilateral deviation, $B.
    pub epsilon: f64,
    /// April-like share under the mixture.
    pub april_like: ShareCi,
}

/// Builds the empirical game: players Microsoft, OpenAI, Amazon; strategies `labels` per
/// role; payoffs the profile means, in Gambit order (as `results`).
pub fn empirical_game(
    title: &str,
    comment: &str,
    labels: &[Vec<String>; 3],
    results: &[ProfileResult],
) -> Result<Game, MetagameError> {
    let players = ["Microsoft", "OpenAI", "Amazon"].map(String::from).to_vec();
    let payoffs = results.iter().flat_map(|r| r.mean).collect();
    Game::new(title, players, labels.to_vec(), payoffs)
        .map(|g| g.with_comment(comment))
        .map_err(|e| MetagameError::Game(e.to_string()))
}

/// The regret of the profile at flat index `index`, with `results` the profile results in
/// the game's order.
pub fn regret(game: &Game, results: &[ProfileResult], index: usize) -> Regret {
    let here = game.profile_at(index);
    let mut best: Option<(f64, usize, usize, f64)> = None;
    for i in 0..game.num_players() {
        for k in (0..game.num_strategies(i)).filter(|k| *k != here[i]) {
            let mut dev = here.clone();
            dev[i] = k;
            let j = game.profile_index(&dev);
            let gain = game.payoff_at(j, i) - game.payoff_at(index, i);
            let se = difference_se(&results[index], &results[j], i);
            if best.is_none_or(|b| gain > b.0) {
                best = Some((gain, i, k, se));
            }
        }
    }
    match best {
        Some((gain, i, k, se)) if gain > 0.0 => Regret {
            regret: gain,
            deviation: Some((i, k)),
            se,
            within_noise: gain < Z95 * se,
        },
        _ => Regret {
            regret: 0.0,
            deviation: None,
            se: best.map_or(0.0, |b| b.3),
            within_noise: true,
        },
    }
}

/// The April-like share of one profile's runs, with its Wilson 95% interval.
pub fn profile_share(result: &ProfileResult) -> ShareCi {
    let (ci_low, ci_high) = result.april_like_ci();
    ShareCi {
        share: result.april_like(),
        ci_low,
        ci_high,
    }
}

/// The flat index of the profile `mixture` plays with certainty (one strategy of positive
/// probability per role), if it is pure.
fn pure_profile(game: &Game, mixture: &[Vec<f64>]) -> Option<usize> {
    let strategies: Option<Vec<usize>> = mixture
        .iter()
        .map(|p| {
            let mut played = p.iter().enumerate().filter(|(_, x)| **x > 0.0);
            match (played.next(), played.next()) {
                (Some((k, _)), None) => Some(k),
                _ => None,
            }
        })
        .collect();
    strategies.map(|s| game.profile_index(&s))
}

/// The April-like share under `mixture` (probabilities per role), with the interval of the
/// module docs: the profile's own Wilson interval ([`profile_share`]) when the mixture plays
/// one profile with certainty, else the conservative mixture interval.
pub fn mixture_share(game: &Game, results: &[ProfileResult], mixture: &[Vec<f64>]) -> ShareCi {
    if let Some(index) = pure_profile(game, mixture) {
        return profile_share(&results[index]);
    }
    let mut share = 0.0;
    let mut se = 0.0;
    for (index, r) in results.iter().enumerate() {
        let w: f64 = game
            .profile_at(index)
            .iter()
            .enumerate()
            .map(|(i, &k)| mixture[i][k])
            .product();
        share += w * r.april_like();
        se += w * r.april_like_se();
    }
    ShareCi {
        share,
        ci_low: (share - Z95 * se).max(0.0),
        ci_high: (share + Z95 * se).min(1.0),
    }
}

/// Settings of the equilibrium search.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveSettings {
    /// λ values (per $B) at which the logit QRE is reported.
    pub lambdas: Vec<f64>,
    /// Episodes of regret matching.
    pub episodes: usize,
    /// Seed of simpdiv restarts and regret matching.
    pub seed: u64,
}

/// Runs `method` on `game` and turns each result into a [`Mixture`]; a method that fails
/// becomes a note.
fn mixtures(
    game: &Game,
    results: &[ProfileResult],
    method: Method,
    opts: &SolveOptions,
    label: &str,
    notes: &mut Vec<String>,
) -> Vec<Mixture> {
    match solve::solve(game, method, opts) {
        Ok(report) => {
            notes.extend(report.notes.iter().map(|n| format!("{label}: {n}")));
            report
                .equilibria
                .into_iter()
                .map(|e| Mixture {
                    method: label.to_string(),
                    lambda: e.lambda,
                    april_like: mixture_share(game, results, &e.profile),
                    mixture: e.profile,
                    payoffs: e.payoffs,
                    epsilon: e.epsilon,
                })
                .collect()
        }
        Err(e) => {
            notes.push(format!("{label}: {e}"));
            Vec::new()
        }
    }
}

/// Equilibria (pure Nash, simpdiv, logit QRE at each λ) and the regret-matching mixture.
pub fn solve_game(
    game: &Game,
    results: &[ProfileResult],
    s: &SolveSettings,
) -> (Vec<Mixture>, Option<Mixture>, Vec<String>) {
    let mut notes = Vec::new();
    let base = SolveOptions {
        seed: s.seed,
        ..SolveOptions::default()
    };
    let mut eq = mixtures(game, results, Method::Pure, &base, "pure", &mut notes);
    eq.extend(mixtures(
        game,
        results,
        Method::Simpdiv,
        &base,
        "simpdiv",
        &mut notes,
    ));
    if !s.lambdas.is_empty() {
        let opts = SolveOptions {
            lambdas: s.lambdas.clone(),
            ..base.clone()
        };
        eq.extend(mixtures(
            game,
            results,
            Method::Logit,
            &opts,
            "logit",
            &mut notes,
        ));
    }
    let opts = SolveOptions {
        iterations: s.episodes.max(1),
        regret_mode: RegretMode::Conditional,
        ..base
    };
    let learned = mixtures(
        game,
        results,
        Method::Regret,
        &opts,
        "regret-matching",
        &mut notes,
    )
    .into_iter()
    .next();
    (eq, learned, notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::stats::wilson;

    fn result(mean: [f64; 3], se: f64, april: u64) -> ProfileResult {
        let mut counts = [0; 8];
        counts[4] = april;
        counts[5] = 100 - april;
        ProfileResult {
            profile: [0; 3],
            runs: 100,
            mean,
            se: [se; 3],
            counts,
            payoffs: Vec::new(),
        }
    }

    /// A 2×2×1 game: a prisoner's dilemma between the first two players (the third has one
    /// strategy and gets 0), with (D, D) its only Nash equilibrium.
    fn dilemma(se: f64) -> (Game, Vec<ProfileResult>) {
        let cells = [
            (3.0, 3.0, 90),
            (5.0, 0.0, 50),
            (0.0, 5.0, 50),
            (1.0, 1.0, 10),
        ];
        let results: Vec<ProfileResult> = cells
            .iter()
            .map(|&(a, b, p)| result([a, b, 0.0], se, p))
            .collect();
        let labels = [
            vec!["C".to_string(), "D".into()],
            vec!["C".to_string(), "D".into()],
            vec!["only".to_string()],
        ];
        (
            empirical_game("pd", "", &labels, &results).unwrap(),
            results,
        )
    }

    #[test]
    fn regret_of_a_pure_nash_profile_is_zero() {
        let (g, r) = dilemma(0.1);
        let nash = solve::pure::solve(&g);
        assert_eq!(nash.len(), 1);
        let index = g.profile_index(&[1, 1, 0]);
        assert_eq!(nash[0].profile[0], vec![0.0, 1.0]);
        let reg = regret(&g, &r, index);
        assert_eq!(reg.regret, 0.0);
        assert_eq!(reg.deviation, None);
        // (C, C): each player gains 2 by defecting; far outside noise with SE 0.1.
        let cc = regret(&g, &r, 0);
        assert!((cc.regret - 2.0).abs() < 1e-12);
        assert!(!cc.within_noise);
        let (_, noisy) = dilemma(5.0);
        assert!(regret(&g, &noisy, 0).within_noise);
    }

    #[test]
    fn mixture_share_weights_profiles_and_bounds_the_interval() {
        let (g, r) = dilemma(0.1);
        let dd = mixture_share(&g, &r, &[vec![0.0, 1.0], vec![0.0, 1.0], vec![1.0]]);
        assert!((dd.share - 0.10).abs() < 1e-12);
        let half = mixture_share(&g, &r, &[vec![0.5, 0.5], vec![0.5, 0.5], vec![1.0]]);
        assert!((half.share - (0.9 + 0.5 + 0.5 + 0.1) / 4.0).abs() < 1e-12);
        assert!(half.ci_low < half.share && half.share < half.ci_high);
    }

    /// A mixture with weight 1 on one profile is that profile: its share has the profile's own
    /// Wilson interval, not the mixture formula's (±1.96 Agresti–Coull SE), which differs.
    #[test]
    fn a_pure_mixture_has_its_profiles_interval() {
        let (g, r) = dilemma(0.1);
        let dd = g.profile_index(&[1, 1, 0]);
        let pure = mixture_share(&g, &r, &[vec![0.0, 1.0], vec![0.0, 1.0], vec![1.0]]);
        let own = profile_share(&r[dd]);
        assert_eq!(pure, own);
        let (lo, hi) = wilson(10, 100, Z95);
        assert_eq!((own.share, own.ci_low, own.ci_high), (0.1, lo, hi));
        // The mixture formula gives another interval for the same share.
        let se = r[dd].april_like_se();
        assert!((own.ci_low - (0.1 - Z95 * se)).abs() > 1e-3, "{own:?}");
        // Any weight off that profile makes it a mixture again.
        let mixed = mixture_share(&g, &r, &[vec![1e-9, 1.0 - 1e-9], vec![0.0, 1.0], vec![1.0]]);
        assert!(
            (mixed.ci_low - (mixed.share - Z95 * se)).abs() < 1e-6,
            "{mixed:?}"
        );
    }

    #[test]
    fn regret_matching_learns_the_dominant_strategy_equilibrium() {
        let (g, r) = dilemma(0.1);
        let s = SolveSettings {
            lambdas: vec![1.0],
            episodes: 20_000,
            seed: 3,
        };
        let (eq, learned, _) = solve_game(&g, &r, &s);
        assert!(eq.iter().any(|m| m.method == "pure"));
        let learned = learned.unwrap();
        assert!(learned.mixture[0][1] > 0.95, "{:?}", learned.mixture);
        assert!(learned.mixture[1][1] > 0.95, "{:?}", learned.mixture);
        assert!((learned.april_like.share - 0.10).abs() < 0.05);
    }

    #[test]
    fn regret_matching_approaches_the_mixed_equilibrium_of_matching_pennies() {
        let cells = [(1.0, -1.0), (-1.0, 1.0), (-1.0, 1.0), (1.0, -1.0)];
        let results: Vec<ProfileResult> = cells
            .iter()
            .map(|&(a, b)| result([a, b, 0.0], 0.1, 50))
            .collect();
        let labels = [
            vec!["H".to_string(), "T".into()],
            vec!["H".to_string(), "T".into()],
            vec!["only".to_string()],
        ];
        let g = empirical_game("mp", "", &labels, &results).unwrap();
        let s = SolveSettings {
            lambdas: vec![],
            episodes: 50_000,
            seed: 5,
        };
        let (eq, learned, _) = solve_game(&g, &results, &s);
        assert!(eq.iter().all(|m| m.method != "pure"), "no pure equilibrium");
        let simpdiv = eq.iter().find(|m| m.method == "simpdiv").unwrap();
        assert!((simpdiv.mixture[0][0] - 0.5).abs() < 1e-6);
        let learned = learned.unwrap();
        for i in 0..2 {
            assert!(
                (learned.mixture[i][0] - 0.5).abs() < 0.05,
                "{:?}",
                learned.mixture
            );
        }
    }
}
