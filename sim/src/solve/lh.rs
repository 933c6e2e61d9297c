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

use super::{Equilibrium, SolveError, SolverOutput};
use crate::game::{Game, MixedProfile};

/// Entries at or below this are not pivots.
const PIVOT_EPS: f64 = 1e-12;

/// One tableau: `rows × (vars + rows + 1)` row-major, the slack block starting at `vars`.
struct Tab {
    rows: usize,
    width: usize,
    slack: usize,
    t: Vec<f64>,
    basis: Vec<usize>,
}

impl Tab {
    /// `coef(r, v)`: coefficient of variable `v` in row `r`.
    fn new(rows: usize, vars: usize, coef: impl Fn(usize, usize) -> f64) -> Tab {
        let width = vars + rows + 1;
        let mut t = vec![0.0; rows * width];
        for r in 0..rows {
            let row = &mut t[r * width..(r + 1) * width];
            for (v, x) in row[..vars].iter_mut().enumerate() {
                *x = coef(r, v);
            }
            row[vars + r] = 1.0;
            row[width - 1] = 1.0;
        }
        Tab {
            rows,
            width,
            slack: vars,
            t,
            basis: (vars..vars + rows).collect(),
        }
    }

    #[inline]
    fn at(&self, r: usize, c: usize) -> f64 {
        self.t[r * self.width + c]
    }

    /// Lexicographic minimum-ratio row for entering column `e`.
    fn ratio_row(&self, e: usize) -> Option<usize> {
        let rhs = self.width - 1;
        let mut best: Option<usize> = None;
        let mut best_ratio = f64::INFINITY;
        let mut ties = false;
        for r in 0..self.rows {
            let a = self.at(r, e);
            if a > PIVOT_EPS {
                let ratio = self.at(r, rhs) / a;
                let tol = 1e-11 * (1.0 + ratio.abs().min(best_ratio.abs()));
                if ratio < best_ratio - tol {
                    best = Some(r);
                    best_ratio = ratio;
                    ties = false;
                } else if ratio <= best_ratio + tol {
                    ties = true;
                }
            }
        }
        if !ties {
            return best;
        }
        // Degenerate step: break ties by the basis-inverse columns, in order.
        let mut cand: Vec<usize> = (0..self.rows)
            .filter(|&r| {
                let a = self.at(r, e);
                a > PIVOT_EPS && {
                    let ratio = self.at(r, rhs) / a;
                    ratio <= best_ratio + 1e-11 * (1.0 + best_ratio.abs())
                }
            })
            .collect();
        for key in self.slack..self.slack + self.rows {
            if cand.len() <= 1 {
                break;
            }
            let ratio = |r: usize| self.at(r, key) / self.at(r, e);
            let min = cand.iter().map(|&r| ratio(r)).fold(f64::INFINITY, f64::min);
            let tol = 1e-11 * (1.0 + min.abs());
            cand.retain(|&r| ratio(r) <= min + tol);
        }
        cand.first().copied()
    }

    /// Pivots on (`r`, `e`); returns the column that left the basis.
    fn pivot(&mut self, r: usize, e: usize) -> usize {
        let w = self.width;
        let (before, rest) = self.t.split_at_mut(r * w);
        let (prow, after) = rest.split_at_mut(w);
        let inv = 1.0 / prow[e];
        for x in prow.iter_mut() {
            *x *= inv;
        }
        for row in before.chunks_exact_mut(w).chain(after.chunks_exact_mut(w)) {
            let f = row[e];
            if f != 0.0 {
                for (x, p) in row.iter_mut().zip(prow.iter()) {
                    *x -= f * p;
                }
            }
        }
        std::mem::replace(&mut self.basis[r], e)
    }

    /// Values of the first `vars` variables, normalised to a distribution.
    fn distribution(&self, vars: usize) -> Option<Vec<f64>> {
        let mut v = vec![0.0; vars];
        for (r, &b) in self.basis.iter().enumerate() {
            if b < vars {
                v[b] = self.at(r, self.width - 1).max(0.0);
            }
        }
        let s: f64 = v.iter().sum();
        if !(s > PIVOT_EPS && s.is_finite()) {
            return None;
        }
        v.iter_mut().for_each(|x| *x /= s);
        Some(v)
    }
}

/// Per-player payoff bounds of a two-player game's flat Gambit-order table.
fn bounds(table: &[f64], player: usize) -> (f64, f64) {
    table
        .iter()
        .skip(player)
        .step_by(2)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        })
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
    let table = game.payoff_table();
    let scale = |player: usize| {
        let (lo, hi) = bounds(table, player);
        let range = hi / 2.0 - lo / 2.0;
        move |v: f64| {
            if range > 0.0 {
                ((v / 2.0 - lo / 2.0) / range).clamp(0.0, 1.0) + 1.0
            } else {
                1.0
            }
        }
    };
    let (sa, sb) = (scale(0), scale(1));
    // Profile (i, j) has flat index i + j·m; payoff of player p at table[2·index + p].
    // P: rows j (n), variables x_i: coefficient B[i][j].
    let mut p = Tab::new(n, m, |j, i| sb(table[2 * (i + j * m) + 1]));
    // Q: rows i (m), variables y_j: coefficient A[i][j].
    let mut q = Tab::new(m, n, |i, j| sa(table[2 * (i + j * m)]));
    // Column of a label in each tableau: P has x_i at i, s_j at m + j; Q has y_j at j, r_i
    // at n + i.
    let q_col = |l: usize| if l < m { n + l } else { l - m };
    let q_label = |c: usize| if c < n { m + c } else { c - n };
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
