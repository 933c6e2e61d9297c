//! Lemke–Howson complementary pivoting for two-player games.
//!
//! Payoffs are rescaled to [1, 2]. Two tableaux hold `Bᵀx + s = 1` (variables `x_i` with label
//! `i`, slacks `s_j` with label `m + j`) and `Ay + r = 1` (`y_j` with label `m + j`, `r_i` with
//! label `i`). A path drops one label and pivots complementary variables alternately between the
//! tableaux until the dropped label is picked up again. The minimum-ratio test is lexicographic
//! (ratios of the right-hand side, then of the basis-inverse columns), so paths never cycle even
//! in degenerate games, and every path has a pivot cap. Paths are started from the artificial
//! equilibrium with every label and then, recursively, from every equilibrium found, which is how
//! Gambit's `lcp` explores the Lemke–Howson graph.

use super::tableau::{best_response_tableaux, Labels, Tableau};
use super::{push_unique, Equilibrium, SolveError, SolverOutput, DEDUP_TOLERANCE};
use crate::game::Game;
use std::collections::{BTreeSet, VecDeque};

/// The pair of tableaux: `p` over (x, s) with column = label, `q` over (y, r).
#[derive(Clone, Debug)]
struct State {
    p: Tableau,
    q: Tableau,
    m: usize,
    n: usize,
}

impl State {
    fn labels(&self) -> Labels {
        Labels {
            m: self.m,
            n: self.n,
        }
    }

    fn key(&self) -> (Vec<usize>, Vec<usize>) {
        let mut a = self.p.basis().to_vec();
        let mut b = self.q.basis().to_vec();
        a.sort_unstable();
        b.sort_unstable();
        (a, b)
    }

    /// Follows the path that drops label `k`. `None` when the pivot cap is hit or a ratio test
    /// fails (which cannot happen for positive payoff matrices; kept as a guard).
    fn follow(&self, k: usize, max_pivots: usize) -> Option<State> {
        let mut s = self.clone();
        // The variable with label k that is currently non-basic enters.
        let mut in_p = !s.p.basis().contains(&k);
        let mut entering = if in_p { k } else { s.labels().q_col(k) };
        for _ in 0..max_pivots {
            let label = if in_p {
                let r = s.p.ratio_row(entering)?;
                s.p.pivot(r, entering)
            } else {
                let r = s.q.ratio_row(entering)?;
                let left = s.q.pivot(r, entering);
                s.labels().q_label(left)
            };
            if label == k {
                return Some(s);
            }
            in_p = !in_p;
            entering = if in_p { label } else { s.labels().q_col(label) };
        }
        None
    }

    fn profile(&self) -> Option<Vec<Vec<f64>>> {
        Some(vec![
            self.p.distribution(self.m)?,
            self.q.distribution(self.n)?,
        ])
    }
}

/// Equilibria reachable by Lemke–Howson paths from the artificial equilibrium with every
/// starting label, and recursively from every equilibrium found. `max_pivots` caps each path.
pub(crate) fn solve(game: &Game, max_pivots: usize) -> Result<SolverOutput, SolveError> {
    if game.num_players() != 2 {
        return Err(SolveError::NotTwoPlayer {
            method: "lcp",
            players: game.num_players(),
        });
    }
    let (m, n) = (game.num_strategies(0), game.num_strategies(1));
    let (p, q) = best_response_tableaux(game);
    let start = State { p, q, m, n };
    let mut out = SolverOutput::default();
    let mut seen = BTreeSet::new();
    seen.insert(start.key());
    let mut queue = VecDeque::from([start]);
    let mut capped = 0usize;
    let mut inaccurate = 0usize;
    let accept = 1e-7 * game.payoff_spread().max(1.0);
    while let Some(state) = queue.pop_front() {
        for k in 0..m + n {
            let Some(next) = state.follow(k, max_pivots) else {
                capped += 1;
                continue;
            };
            if !seen.insert(next.key()) {
                continue;
            }
            let Some(profile) = next.profile() else {
                continue;
            };
            let eq = Equilibrium::evaluate(game, profile);
            if eq.epsilon > accept {
                inaccurate += 1;
                continue;
            }
            push_unique(&mut out.equilibria, eq, DEDUP_TOLERANCE);
            queue.push_back(next);
        }
    }
    if capped > 0 {
        out.notes.push(format!(
            "{capped} Lemke-Howson path(s) stopped at the cap of {max_pivots} pivots"
        ));
    }
    if inaccurate > 0 {
        out.notes.push(format!(
            "{inaccurate} path end(s) discarded: regret above {accept:e} (numerical trouble)"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::*;
    use proptest::prelude::*;

    fn has(out: &SolverOutput, profile: &[&[f64]]) -> bool {
        let p: Vec<Vec<f64>> = profile.iter().map(|v| v.to_vec()).collect();
        out.equilibria.iter().any(|e| e.distance(&p) < 1e-9)
    }

    #[test]
    fn classic_games() {
        let bos = solve(&battle_of_sexes(), 1000).unwrap();
        assert_eq!(bos.equilibria.len(), 3);
        assert!(has(
            &bos,
            &[&[2.0 / 3.0, 1.0 / 3.0], &[1.0 / 3.0, 2.0 / 3.0]]
        ));
        let rps = solve(&rock_paper_scissors(), 1000).unwrap();
        assert_eq!(rps.equilibria.len(), 1);
        let pd = solve(&prisoners_dilemma(), 1000).unwrap();
        assert_eq!(pd.equilibria.len(), 1);
        assert!(has(&pd, &[&[0.0, 1.0], &[0.0, 1.0]]));
        let mp = solve(&matching_pennies(), 1000).unwrap();
        assert!(has(&mp, &[&[0.5, 0.5], &[0.5, 0.5]]));
    }

    #[test]
    fn degenerate_games_terminate() {
        let zeros = Game::from_counts(&[3, 3], vec![0.0; 18]).unwrap();
        let out = solve(&zeros, 1000).unwrap();
        assert!(!out.equilibria.is_empty());
        assert!(out.equilibria.iter().all(|e| e.epsilon == 0.0));
        let g = Game::bimatrix(
            &[vec![1.0, 1.0, 0.0], vec![1.0, 1.0, 1.0]],
            &[vec![2.0, 2.0, 2.0], vec![0.0, 2.0, 2.0]],
        )
        .unwrap();
        let out = solve(&g, 1000).unwrap();
        assert!(!out.equilibria.is_empty());
        assert!(out.equilibria.iter().all(|e| e.epsilon < 1e-9));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(60))]
        #[test]
        fn finds_only_equilibria_subset_of_enummixed(m in 1usize..6, n in 1usize..6, seed in any::<u64>()) {
            let g = random_game(&[m, n], seed);
            let out = solve(&g, 10_000).unwrap();
            prop_assert!(!out.equilibria.is_empty());
            let all = super::super::enummixed::solve(&g, 1e-9).unwrap();
            for e in &out.equilibria {
                prop_assert!(e.epsilon <= 1e-9);
                prop_assert!(all.equilibria.iter().any(|a| a.distance(&e.profile) < 1e-7));
            }
        }

        #[test]
        fn integer_games_terminate(payoffs in prop::collection::vec(-2i32..3, 2 * 4 * 3)) {
            let g = Game::from_counts(&[4, 3], payoffs.into_iter().map(f64::from).collect()).unwrap();
            let out = solve(&g, 10_000).unwrap();
            prop_assert!(!out.equilibria.is_empty());
            for e in &out.equilibria {
                prop_assert!(e.epsilon <= 1e-9);
            }
        }
    }
}
