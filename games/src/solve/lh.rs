//! Single-path Lemke–Howson (`--method lh`): one Nash equilibrium of a two-player game,
//! reached by dropping one label (default 0, i.e. player 1's first strategy) from the
//! artificial equilibrium.
//!
//! Built for throughput: payoffs are mapped to [1, 2] per player, the two tableaux
//! `Bᵀx + s = 1` (n rows over x, s) and `Ay + r = 1` (m rows over y, r) live in one flat
//! buffer, and the minimum-ratio test is lexicographic (right-hand side, then the
//! basis-inverse columns), so the path terminates in degenerate games too. Labels: `0..m` are
//! player 1's strategies (x_i, r_i), `m..m+n` player 2's (y_j, s_j). [`lcp`](super::lcp)
//! explores every path; this module follows exactly one.

use super::tableau::{fill_best_response_tableaux, Labels, Tableau};
use super::{Equilibrium, SolveError, SolverOutput};
use crate::game::{Game, MixedProfile};
use std::cell::RefCell;

thread_local! {
    /// The two tableaux of [`lemke_howson`], kept between calls on one thread so that solving
    /// many small games allocates only the returned profile.
    static TABLEAUX: RefCell<(Tableau, Tableau)> =
        const { RefCell::new((Tableau::empty(), Tableau::empty())) };
}

/// The Lemke–Howson equilibrium of a two-player `game` reached by dropping `label`
/// (`0..m+n`), with at most `max_pivots` pivots. The fast path used by `--method lh` and the
/// benchmarks.
pub fn lemke_howson(
    game: &Game,
    label: usize,
    max_pivots: usize,
) -> Result<MixedProfile, SolveError> {
    if game.num_players() != 2 {
        return Err(SolveError::NotTwoPlayer {
            method: "lh",
            players: game.num_players(),
        });
    }
    let (m, n) = (game.num_strategies(0), game.num_strategies(1));
    if label >= m + n {
        return Err(SolveError::BadOption {
            name: "label",
            value: label.to_string(),
            allowed: "a label 0..m+n-1 (0..m-1: player 1's strategies, m..: player 2's)",
        });
    }
    TABLEAUX.with_borrow_mut(|(p, q)| {
        fill_best_response_tableaux(game, p, q);
        follow_path(p, q, m, n, label, max_pivots)
    })
}

/// Follows the path dropping `label` from the artificial equilibrium of the tableaux `p`
/// (`n` rows) and `q` (`m` rows).
fn follow_path(
    p: &mut Tableau,
    q: &mut Tableau,
    m: usize,
    n: usize,
    label: usize,
    max_pivots: usize,
) -> Result<MixedProfile, SolveError> {
    // Column of a label in each tableau: P has x_i at i, s_j at m + j; Q has y_j at j, r_i
    // at n + i.
    let labels = Labels { m, n };
    let (q_col, q_label) = (|l| labels.q_col(l), |c| labels.q_label(c));
    let mut in_p = label < m;
    let mut entering = if in_p { label } else { q_col(label) };
    for _ in 0..max_pivots {
        let left_label = if in_p {
            let r = p.ratio_row(entering).ok_or_else(unbounded)?;
            p.pivot(r, entering)
        } else {
            let r = q.ratio_row(entering).ok_or_else(unbounded)?;
            q_label(q.pivot(r, entering))
        };
        if left_label == label {
            let x = p.distribution(m).ok_or_else(unbounded)?;
            let y = q.distribution(n).ok_or_else(unbounded)?;
            return Ok(vec![x, y]);
        }
        in_p = !in_p;
        entering = if in_p { left_label } else { q_col(left_label) };
    }
    Err(SolveError::NoConvergence {
        method: "lh",
        reason: format!("the path did not end within {max_pivots} pivots"),
    })
}

fn unbounded() -> SolveError {
    SolveError::NoConvergence {
        method: "lh",
        reason: "numerical failure in the ratio test".into(),
    }
}

/// `--method lh`: the equilibrium at the end of the path dropping `label`.
pub fn solve(game: &Game, label: usize, max_pivots: usize) -> Result<SolverOutput, SolveError> {
    let profile = lemke_howson(game, label, max_pivots)?;
    Ok(SolverOutput {
        equilibria: vec![Equilibrium::evaluate(game, profile)],
        notes: vec![format!(
            "Lemke-Howson path dropping label {label} (labels 0..{}: player 1's strategies \
             first)",
            game.num_strategies(0) + game.num_strategies(1)
        )],
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::*;

    #[test]
    fn every_label_ends_at_an_equilibrium() {
        for g in [
            prisoners_dilemma(),
            battle_of_sexes(),
            matching_pennies(),
            rock_paper_scissors(),
            chicken(),
            hawk_dove(),
            Game::from_counts(&[3, 3], vec![0.0; 18]).unwrap(),
        ] {
            let labels = g.num_strategies(0) + g.num_strategies(1);
            for k in 0..labels {
                let s = lemke_howson(&g, k, 1000).unwrap();
                assert!(g.epsilon(&s) < 1e-9, "{s:?}");
            }
        }
        for seed in 0..200 {
            let g = random_game(&[6, 6], seed);
            for k in [0, 5, 11] {
                let s = lemke_howson(&g, k, 1000).unwrap();
                assert!(g.epsilon(&s) < 1e-9, "seed {seed} label {k}: {s:?}");
            }
        }
        assert!(lemke_howson(&battle_of_sexes(), 4, 100).is_err());
    }
}
