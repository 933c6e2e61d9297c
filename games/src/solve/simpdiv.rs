//! One Nash equilibrium of an n-player game, accurate to machine precision.
//!
//! Method: a global homotopy with restarts and refinement, in the role Gambit's simplicial
//! subdivision plays. The logit homotopy from a prior `ρ` (solutions of
//! `σ_ij ∝ ρ_ij · exp(λ u_ij(σ))`, a smooth path from `ρ` at λ = 0 to a Nash equilibrium as
//! λ → ∞ for generic games) is traced by predictor–corrector continuation; at checkpoints the
//! apparent support is refined by Newton's method on the indifference equations and accepted
//! only when the full game's regret is ≤ 1e-12 × payoff range. The first start is the centroid;
//! if a path fails, restarts use random interior priors from a seeded ChaCha8 stream.

use super::logit::trace_to_nash;
use super::{Equilibrium, SolveError, SolverOutput};
use crate::game::{Game, MixedProfile};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn random_prior(game: &Game, rng: &mut ChaCha8Rng) -> MixedProfile {
    game.strategy_counts()
        .into_iter()
        .map(|m| {
            let raw: Vec<f64> = (0..m).map(|_| 0.05 + rng.random::<f64>()).collect();
            let total: f64 = raw.iter().sum();
            raw.into_iter().map(|v| v / total).collect()
        })
        .collect()
}

/// One Nash equilibrium with epsilon ≤ 1e-12 × payoff range, trying the centroid first and
/// then up to `restarts` random priors drawn from `ChaCha8Rng::seed_from_u64(seed)`.
pub(crate) fn solve(game: &Game, restarts: usize, seed: u64) -> Result<SolverOutput, SolveError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut prior = game.centroid();
    for attempt in 0..=restarts {
        if let Some((eq, _)) = trace_to_nash(game, &prior) {
            let mut out = SolverOutput::default();
            if attempt > 0 {
                out.notes.push(format!(
                    "found after {attempt} restart(s) from random priors"
                ));
            }
            out.equilibria.push(Equilibrium::evaluate(game, eq));
            return Ok(out);
        }
        prior = random_prior(game, &mut rng);
    }
    Err(SolveError::NoConvergence {
        method: "simpdiv",
        reason: format!("no path converged from the centroid or {restarts} random priors"),
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn three_player_mixed_only_game() {
        let out = solve(&three_player_mixed_only(), 5, 1).unwrap();
        let e = &out.equilibria[0];
        assert!(e.epsilon <= 1e-12);
        assert!(e.profile.iter().flatten().all(|p| (p - 0.5).abs() < 1e-12));
    }

    #[test]
    fn classic_two_player_games() {
        for g in [
            prisoners_dilemma(),
            battle_of_sexes(),
            rock_paper_scissors(),
            chicken(),
        ] {
            let e = &solve(&g, 5, 1).unwrap().equilibria[0];
            assert!(e.epsilon <= 1e-9);
        }
    }

    #[test]
    fn trivial_games() {
        let one = Game::from_counts(&[3], vec![1.0, 3.0, 2.0]).unwrap();
        let e = &solve(&one, 0, 0).unwrap().equilibria[0];
        assert_eq!(e.profile, vec![vec![0.0, 1.0, 0.0]]);
        let flat = Game::from_counts(&[2, 3], vec![1.0; 12]).unwrap();
        assert_eq!(solve(&flat, 0, 0).unwrap().equilibria[0].epsilon, 0.0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn random_three_player_4x4x4(seed in any::<u64>()) {
            let g = random_game(&[4, 4, 4], seed);
            let e = &solve(&g, 5, seed).unwrap().equilibria[0];
            prop_assert!(e.epsilon <= 1e-9);
            for p in &e.profile {
                prop_assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            }
        }

        #[test]
        fn random_small_games(counts in prop::collection::vec(1usize..4, 1..4), seed in any::<u64>()) {
            let g = random_game(&counts, seed);
            let e = &solve(&g, 5, seed).unwrap().equilibria[0];
            prop_assert!(e.epsilon <= 1e-9);
        }
    }
}
