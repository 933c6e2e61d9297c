//! Dense simplex tableaux `Cz + s = 1` with a lexicographic minimum-ratio test, shared by the
//! two-player pivoting methods: one Lemke–Howson path ([`lh`](super::lh)), the Lemke–Howson
//! graph ([`lcp`](super::lcp)) and vertex enumeration ([`enummixed`](super::enummixed)).
//!
//! A tableau has `rows` constraints over `vars` variables plus one slack per row; the slack
//! block starts at column `vars` and holds the basis inverse, which the ratio test uses to
//! break ties, so pivoting never cycles in degenerate games (it behaves as if the right-hand
//! side were perturbed by `(ε, ε², …)`).

use crate::game::Game;

/// Entries at or below this are not pivots.
pub(crate) const PIVOT_EPS: f64 = 1e-12;

/// One tableau: `rows × (vars + rows + 1)`, the last column the right-hand side. Stored
/// column-major, so that the ratio test reads two contiguous columns and a pivot updates
/// contiguous columns.
#[derive(Clone, Debug)]
pub(crate) struct Tableau {
    rows: usize,
    width: usize,
    slack: usize,
    t: Vec<f64>,
    basis: Vec<usize>,
    /// Copy of the pivot column during a pivot.
    scratch: Vec<f64>,
}

impl Tableau {
    /// The tableau of `coef(r, v) z_v + s_r = 1` with the slacks basic; `coef(r, v)` is the
    /// coefficient of variable `v` in row `r`.
    pub(crate) fn new(rows: usize, vars: usize, coef: impl Fn(usize, usize) -> f64) -> Tableau {
        let width = vars + rows + 1;
        let mut t = vec![0.0; rows * width];
        for v in 0..vars {
            for (r, x) in t[v * rows..(v + 1) * rows].iter_mut().enumerate() {
                *x = coef(r, v);
            }
        }
        for r in 0..rows {
            t[(vars + r) * rows + r] = 1.0;
        }
        t[(width - 1) * rows..].fill(1.0);
        Tableau {
            rows,
            width,
            slack: vars,
            t,
            basis: (vars..vars + rows).collect(),
            scratch: vec![0.0; rows],
        }
    }

    /// Column `c`.
    #[inline]
    fn col(&self, c: usize) -> &[f64] {
        &self.t[c * self.rows..(c + 1) * self.rows]
    }

    #[inline]
    fn at(&self, r: usize, c: usize) -> f64 {
        self.t[c * self.rows + r]
    }

    /// Number of columns (variables and slacks).
    pub(crate) fn columns(&self) -> usize {
        self.width - 1
    }

    /// The basic column of each row.
    pub(crate) fn basis(&self) -> &[usize] {
        &self.basis
    }

    /// Value of the basic variable of row `r`.
    pub(crate) fn rhs(&self, r: usize) -> f64 {
        self.at(r, self.width - 1)
    }

    /// Values of the basic variables, row by row.
    pub(crate) fn rhs_column(&self) -> &[f64] {
        self.col(self.width - 1)
    }

    /// Makes `self` a copy of `other`, reusing `self`'s buffers (no allocation when they are
    /// large enough).
    pub(crate) fn copy_from(&mut self, other: &Tableau) {
        self.rows = other.rows;
        self.width = other.width;
        self.slack = other.slack;
        self.t.clear();
        self.t.extend_from_slice(&other.t);
        self.basis.clear();
        self.basis.extend_from_slice(&other.basis);
        self.scratch.resize(other.rows, 0.0);
    }

    /// Lexicographic minimum-ratio row for entering column `e`; `None` when no entry of the
    /// column is positive (an unbounded direction).
    pub(crate) fn ratio_row(&self, e: usize) -> Option<usize> {
        let rhs = self.width - 1;
        // One pass: the smallest ratio and the runner-up, to detect ties.
        let (col, b) = (self.col(e), self.col(rhs));
        let mut best: Option<usize> = None;
        let mut best_ratio = f64::INFINITY;
        let mut second = f64::INFINITY;
        for (r, (&a, &v)) in col.iter().zip(b).enumerate() {
            if a > PIVOT_EPS {
                let ratio = v / a;
                if ratio < best_ratio {
                    second = best_ratio;
                    best_ratio = ratio;
                    best = Some(r);
                } else if ratio < second {
                    second = ratio;
                }
            }
        }
        best?;
        let ties = second <= best_ratio + 1e-11 * (1.0 + best_ratio.abs());
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
    pub(crate) fn pivot(&mut self, r: usize, e: usize) -> usize {
        let rows = self.rows;
        self.scratch
            .copy_from_slice(&self.t[e * rows..(e + 1) * rows]);
        let inv = 1.0 / self.scratch[r];
        let pcol = &self.scratch;
        for col in self.t.chunks_exact_mut(rows) {
            let f = col[r] * inv;
            if f != 0.0 {
                for (x, p) in col.iter_mut().zip(pcol) {
                    *x -= f * p;
                }
                col[r] = f;
            }
        }
        std::mem::replace(&mut self.basis[r], e)
    }

    /// Values of the first `vars` variables (non-basic ones are 0, negatives clamped to 0).
    pub(crate) fn values(&self, vars: usize) -> Vec<f64> {
        let mut v = vec![0.0; vars];
        for (r, &b) in self.basis.iter().enumerate() {
            if b < vars {
                v[b] = self.rhs(r).max(0.0);
            }
        }
        v
    }

    /// Values of the first `vars` variables normalised to a distribution; `None` when they
    /// are all (numerically) zero.
    pub(crate) fn distribution(&self, vars: usize) -> Option<Vec<f64>> {
        let mut v = self.values(vars);
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

/// The best-response tableaux of a two-player `m × n` game with each player's payoffs mapped
/// affinely onto [1, 2] (without overflow, even for payoffs near `f64::MAX`):
/// `P`: `Bᵀx + s = 1` (`n` rows; columns `x_i` = label `i`, then `s_j` = label `m + j`) and
/// `Q`: `Ay + r = 1` (`m` rows; columns `y_j` = label `m + j`, then `r_i` = label `i`).
pub(crate) fn best_response_tableaux(game: &Game) -> (Tableau, Tableau) {
    let (m, n) = (game.num_strategies(0), game.num_strategies(1));
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
    let p = Tableau::new(n, m, |j, i| sb(table[2 * (i + j * m) + 1]));
    let q = Tableau::new(m, n, |i, j| sa(table[2 * (i + j * m)]));
    (p, q)
}
