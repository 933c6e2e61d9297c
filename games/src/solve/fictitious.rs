//! Simultaneous fictitious play (Brown 1951) for any number of players.
//!
//! In round 0 every player best-responds to the uniform profile; afterwards each player
//! best-responds to the others' empirical frequencies so far, ties broken towards the lowest
//! strategy index. The reported profile is the empirical frequency of play, which converges to
//! a Nash equilibrium in two-player zero-sum, 2×2 and potential games.

use super::{Equilibrium, SolverOutput};
use crate::game::{Game, MixedProfile};

fn best_response(values: &[f64], tol: f64) -> usize {
    let best = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values.iter().position(|&v| v >= best - tol).unwrap_or(0)
}

/// Empirical mixed profile after `iterations` rounds of simultaneous fictitious play.
pub fn solve(game: &Game, iterations: usize) -> SolverOutput {
    solve_observed(game, iterations, |_, _| {})
}

/// [`solve`], calling `observe(round, frequencies)` with the empirical frequencies after every
/// round (rounds counted from 1), e.g. to draw their path.
pub fn solve_observed(
    game: &Game,
    iterations: usize,
    mut observe: impl FnMut(usize, &MixedProfile),
) -> SolverOutput {
    let n = game.num_players();
    let tol = 1e-12 * game.payoff_spread().max(1.0);
    let mut counts: Vec<Vec<f64>> = game
        .strategy_counts()
        .iter()
        .map(|&m| vec![0.0; m])
        .collect();
    let mut beliefs: MixedProfile = game.centroid();
    for t in 0..iterations {
        let choices: Vec<usize> = (0..n)
            .map(|i| best_response(&game.strategy_values(&beliefs, i), tol))
            .collect();
        for (i, &c) in choices.iter().enumerate() {
            counts[i][c] += 1.0;
        }
        let total = (t + 1) as f64;
        for (b, c) in beliefs.iter_mut().zip(&counts) {
            for (bj, cj) in b.iter_mut().zip(c) {
                *bj = cj / total;
            }
        }
        observe(t + 1, &beliefs);
    }
    SolverOutput {
        equilibria: vec![Equilibrium::evaluate(game, beliefs)],
        notes: vec![format!(
            "empirical frequencies after {iterations} rounds of fictitious play; epsilon is their \
             Nash regret"
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::*;

    #[test]
    fn chicken_style_2x2_converges_to_mixed_ne() {
        // The mixed NE of a 2×2 game, where fictitious play converges (Miyasawa 1961): row
        // mixes p* = (b22 − b21)/(b11 − b12 − b21 + b22), column
        // q* = (a22 − a12)/(a11 − a12 − a21 + a22).
        let (a11, a12, a21, a22) = (0.0, 4.0, 1.0, 2.0);
        let (b11, b12, b21, b22) = (0.0, 1.0, 4.0, 2.0);
        let g = bimatrix(&[[a11, a12], [a21, a22]], &[[b11, b12], [b21, b22]]);
        let p_star = (b22 - b21) / (b11 - b12 - b21 + b22);
        let q_star = (a22 - a12) / (a11 - a12 - a21 + a22);
        assert!((p_star - 2.0 / 3.0).abs() < 1e-12 && (q_star - 2.0 / 3.0).abs() < 1e-12);
        let out = solve(&g, 20_000);
        let e = &out.equilibria[0];
        assert!((e.profile[0][0] - p_star).abs() < 0.01, "{:?}", e.profile);
        assert!((e.profile[1][0] - q_star).abs() < 0.01, "{:?}", e.profile);
    }

    #[test]
    fn zero_sum_and_dominance() {
        let e = &solve(&rock_paper_scissors(), 30_000).equilibria[0];
        assert!(e
            .profile
            .iter()
            .flatten()
            .all(|p| (p - 1.0 / 3.0).abs() < 0.02));
        let e = &solve(&prisoners_dilemma(), 100).equilibria[0];
        assert_eq!(e.profile, vec![vec![0.0, 1.0], vec![0.0, 1.0]]);
        assert_eq!(e.epsilon, 0.0);
    }
}
