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

/// Calls `$kernel::<R>(args…)` with `R` = `$rows` as a constant for 1 to 8 rows (so that the
/// column loops are unrolled), and `$kernel::<0>`, which reads the length off the slices, for
/// more rows.
macro_rules! by_rows {
    ($rows:expr, $kernel:ident($($arg:expr),*)) => {
        match $rows {
            1 => $kernel::<1>($($arg),*),
            2 => $kernel::<2>($($arg),*),
            3 => $kernel::<3>($($arg),*),
            4 => $kernel::<4>($($arg),*),
            5 => $kernel::<5>($($arg),*),
            6 => $kernel::<6>($($arg),*),
            7 => $kernel::<7>($($arg),*),
            8 => $kernel::<8>($($arg),*),
            _ => $kernel::<0>($($arg),*),
        }
    };
}
pub(crate) use by_rows;

/// `R` if it is not 0, else `len`: the column height of a kernel instance.
#[inline(always)]
fn height<const R: usize>(len: usize) -> usize {
    if R == 0 {
        len
    } else {
        R
    }
}

/// `if c { a } else { b }` by bit masks, which the optimiser keeps branch-free (a branch on
/// data-dependent comparisons mispredicts often in the pivoting loops).
#[inline(always)]
fn select(c: bool, a: f64, b: f64) -> f64 {
    let mask = u64::from(c).wrapping_neg();
    f64::from_bits((a.to_bits() & mask) | (b.to_bits() & !mask))
}

/// The smallest ratio `b[r] / col[r]` over rows with `col[r] > PIVOT_EPS`, its row (the first
/// one on exact ties) and the runner-up ratio (the second smallest, equal to the smallest when
/// it occurs twice). Written with selects rather than branches (the comparisons are
/// data-dependent and mispredict often); rows that do not qualify count as `+∞`, and NaN
/// ratios compare false, so neither ever replaces the best or the runner-up, as when skipped.
#[inline(always)]
fn min_ratios<const R: usize>(col: &[f64], b: &[f64]) -> (Option<usize>, f64, f64) {
    let h = height::<R>(col.len());
    let (col, b) = (&col[..h], &b[..h]);
    let mut best = usize::MAX;
    let mut best_ratio = f64::INFINITY;
    let mut second = f64::INFINITY;
    for (r, (&a, &v)) in col.iter().zip(b).enumerate() {
        let ratio = select(a > PIVOT_EPS, v / a, f64::INFINITY);
        // The runner-up becomes the old best when `ratio` beats it, else `ratio` when that
        // beats the runner-up: `min(second, max(best, ratio))`, written as compares that
        // compile to `maxsd` / `minsd` (no NaN can reach them but through `ratio`, which then
        // leaves both unchanged, as the comparisons of the branchy form would).
        let below_best = ratio < best_ratio;
        let hi = if best_ratio < ratio {
            ratio
        } else {
            best_ratio
        };
        second = if hi < second { hi } else { second };
        best_ratio = if below_best { ratio } else { best_ratio };
        best = if below_best { r } else { best };
    }
    ((best != usize::MAX).then_some(best), best_ratio, second)
}

/// The tie-break of a ratio test for entering column `e` whose smallest ratio `best_ratio` is
/// (numerically) shared by several rows: among those rows, the first with the lexicographically
/// smallest ratios of the basis-inverse columns `slack..slack + rows`, in order. `at(r, c)` is
/// the tableau entry, `rhs` the right-hand side's column.
#[cold]
#[inline(never)]
pub(crate) fn lexicographic_tie_break(
    rows: usize,
    slack: usize,
    e: usize,
    rhs: usize,
    best_ratio: f64,
    at: impl Fn(usize, usize) -> f64,
) -> Option<usize> {
    let mut cand: Vec<usize> = (0..rows)
        .filter(|&r| {
            let a = at(r, e);
            a > PIVOT_EPS && {
                let ratio = at(r, rhs) / a;
                ratio <= best_ratio + 1e-11 * (1.0 + best_ratio.abs())
            }
        })
        .collect();
    for key in slack..slack + rows {
        if cand.len() <= 1 {
            break;
        }
        let ratio = |r: usize| at(r, key) / at(r, e);
        let min = cand.iter().map(|&r| ratio(r)).fold(f64::INFINITY, f64::min);
        let tol = 1e-11 * (1.0 + min.abs());
        cand.retain(|&r| ratio(r) <= min + tol);
    }
    cand.first().copied()
}

/// [`min_ratios`] and the tie test of [`Tableau::ratio_row`] for column `col` and right-hand
/// side `b` (`R` rows, or their length if 0): `Ok(row)` when the smallest ratio is unique (or
/// no row qualifies: `Ok(None)`), else `Err(best_ratio)` for [`lexicographic_tie_break`].
#[inline(always)]
pub(crate) fn unique_min_ratio<const R: usize>(
    col: &[f64],
    b: &[f64],
) -> Result<Option<usize>, f64> {
    let (best, best_ratio, second) = min_ratios::<R>(col, b);
    if best.is_none() {
        return Ok(None);
    }
    let ties = second <= best_ratio + 1e-11 * (1.0 + best_ratio.abs());
    if ties {
        Err(best_ratio)
    } else {
        Ok(best)
    }
}

/// One column of a pivot on row `r` of `pcol` (`inv` = `1 / pcol[r]`), exactly as
/// [`pivot_copy`] computes it: `col` with `f = col[r]·inv ≠ 0` becomes `col − f·pcol` with
/// `f` in row `r`; other columns are copied. `R` rows, or `pcol`'s length if 0.
#[inline(always)]
pub(crate) fn pivot_column<const R: usize>(
    d: &mut [f64],
    col: &[f64],
    pcol: &[f64],
    r: usize,
    inv: f64,
) {
    let h = height::<R>(pcol.len());
    let (d, col, pcol) = (&mut d[..h], &col[..h], &pcol[..h]);
    let f = col[r] * inv;
    // Selects rather than a branch on `f` (data-dependent, often mispredicted): a column with
    // f = 0 is copied unchanged.
    let update = f != 0.0;
    for ((d, &x), &p) in d.iter_mut().zip(col).zip(pcol) {
        *d = select(update, x - f * p, x);
    }
    d[r] = select(update, f, col[r]);
}

/// Pivots the column-major matrix `t` (columns of `pcol.len()` rows) in place on row `r` of
/// the column whose copy is `pcol`: each column with `f = t[r] / pcol[r] ≠ 0` becomes
/// `t − f·pcol` with `f` in row `r`.
#[inline(always)]
fn pivot_in_place<const R: usize>(t: &mut [f64], pcol: &[f64], r: usize) {
    let h = height::<R>(pcol.len());
    let pcol = &pcol[..h];
    let inv = 1.0 / pcol[r];
    for col in t.chunks_exact_mut(h) {
        let f = col[r] * inv;
        if f != 0.0 {
            for (x, p) in col.iter_mut().zip(pcol) {
                *x -= f * p;
            }
            col[r] = f;
        }
    }
}

/// [`pivot_in_place`] writing the result into `dst` (resized to `src`'s length) and leaving
/// `src` as it is: the same arithmetic, without a separate copy.
#[inline(always)]
fn pivot_copy<const R: usize>(dst: &mut Vec<f64>, src: &[f64], pcol: &[f64], r: usize) {
    let h = height::<R>(pcol.len());
    let pcol = &pcol[..h];
    let inv = 1.0 / pcol[r];
    dst.resize(src.len(), 0.0);
    for (d, col) in dst.chunks_exact_mut(h).zip(src.chunks_exact(h)) {
        pivot_column::<R>(d, col, pcol, r, inv);
    }
}

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
    #[cfg(test)]
    pub(crate) fn new(rows: usize, vars: usize, coef: impl Fn(usize, usize) -> f64) -> Tableau {
        let mut t = Tableau::empty();
        let coefs = (0..vars).flat_map(|v| (0..rows).map(move |r| (r, v)));
        t.fill_columns(rows, vars, coefs.map(|(r, v)| coef(r, v)));
        t
    }

    /// A tableau with no rows, whose buffers [`fill_columns`](Self::fill_columns) grows.
    pub(crate) const fn empty() -> Tableau {
        Tableau {
            rows: 0,
            width: 1,
            slack: 0,
            t: Vec::new(),
            basis: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Makes `self` the tableau `Cz + s = 1` with the slacks basic, reusing its buffers (no
    /// allocation when they are large enough), from the coefficients of the variables in
    /// column-major order (variable 0's `rows` coefficients, then variable 1's, …); missing
    /// ones are 0.
    pub(crate) fn fill_columns(
        &mut self,
        rows: usize,
        vars: usize,
        coefs: impl IntoIterator<Item = f64>,
    ) {
        let width = vars + rows + 1;
        self.rows = rows;
        self.width = width;
        self.slack = vars;
        self.t.clear();
        self.t.resize(rows * width, 0.0);
        for (x, c) in self.t[..rows * vars].iter_mut().zip(coefs) {
            *x = c;
        }
        for r in 0..rows {
            self.t[(vars + r) * rows + r] = 1.0;
        }
        self.t[(width - 1) * rows..].fill(1.0);
        self.basis.clear();
        self.basis.extend(vars..vars + rows);
        self.scratch.resize(rows, 0.0);
    }

    /// Column `c`.
    #[inline]
    pub(crate) fn col(&self, c: usize) -> &[f64] {
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
    #[inline]
    pub(crate) fn ratio_row(&self, e: usize) -> Option<usize> {
        by_rows!(self.rows, ratio_row_kernel(self, e))
    }

    /// [`ratio_row`](Self::ratio_row) for a tableau of `R` rows (`R` = 0: any number), for
    /// callers that dispatch on the row count once.
    #[inline(always)]
    pub(crate) fn ratio_row_rows<const R: usize>(&self, e: usize) -> Option<usize> {
        let rhs = self.width - 1;
        // One pass: the smallest ratio and the runner-up, to detect ties.
        let (col, b) = (self.col(e), self.col(rhs));
        let (best, best_ratio, second) = min_ratios::<R>(col, b);
        best?;
        let ties = second <= best_ratio + 1e-11 * (1.0 + best_ratio.abs());
        if !ties {
            return best;
        }
        self.degenerate_ratio_row(e, best_ratio)
    }

    /// The tie-break of [`ratio_row`](Self::ratio_row) when the smallest ratio `best_ratio`
    /// is (numerically) shared by several rows.
    #[cold]
    #[inline(never)]
    fn degenerate_ratio_row(&self, e: usize, best_ratio: f64) -> Option<usize> {
        let rhs = self.width - 1;
        lexicographic_tie_break(self.rows, self.slack, e, rhs, best_ratio, |r, c| {
            self.at(r, c)
        })
    }

    /// Pivots on (`r`, `e`); returns the column that left the basis.
    #[inline]
    pub(crate) fn pivot(&mut self, r: usize, e: usize) -> usize {
        let rows = self.rows;
        self.scratch
            .copy_from_slice(&self.t[e * rows..(e + 1) * rows]);
        let pcol = &self.scratch;
        by_rows!(rows, pivot_in_place(&mut self.t, pcol, r));
        std::mem::replace(&mut self.basis[r], e)
    }

    /// Makes `self` the tableau `src` pivoted on (`r`, `e`), reusing `self`'s buffers: the
    /// same arithmetic as `copy_from(src)` then `pivot(r, e)`, in one pass.
    #[cfg(test)]
    pub(crate) fn pivot_from(&mut self, src: &Tableau, r: usize, e: usize) {
        by_rows!(src.rows, pivot_from_kernel(self, src, r, e))
    }

    /// [`pivot_from`](Self::pivot_from) for a tableau of `R` rows (`R` = 0: any number).
    #[inline(always)]
    pub(crate) fn pivot_from_rows<const R: usize>(&mut self, src: &Tableau, r: usize, e: usize) {
        let rows = src.rows;
        self.rows = rows;
        self.width = src.width;
        self.slack = src.slack;
        self.scratch.resize(rows, 0.0);
        pivot_copy::<R>(&mut self.t, &src.t, src.col(e), r);
        self.basis.clear();
        self.basis.extend_from_slice(&src.basis);
        self.basis[r] = e;
    }

    /// Number of rows.
    pub(crate) fn rows(&self) -> usize {
        self.rows
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

/// Where the variable columns of a [`LazyTableau`] come from: entry (row `r`, variable `v`) is
/// `scale(table[first + v·var_step + r·row_step])` of a game's flat payoff table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ColumnSource {
    pub(crate) scale: UnitScale,
    pub(crate) first: usize,
    pub(crate) var_step: usize,
    pub(crate) row_step: usize,
}

/// Column not yet filled from its [`ColumnSource`].
const UNFILLED: u32 = u32::MAX;

/// Applies the pivots (`etas`, one pivot column of `col.len()` rows each, with its row and
/// the reciprocal of its pivot entry) to one column, exactly as [`pivot_in_place`] updates
/// each column of a tableau.
#[inline(always)]
fn replay<const R: usize>(col: &mut [f64], etas: &[f64], rows: &[u32], invs: &[f64]) {
    let h = height::<R>(col.len());
    let col = &mut col[..h];
    for ((pcol, &r), &inv) in etas.chunks_exact(h).zip(rows).zip(invs) {
        let r = r as usize;
        let f = col[r] * inv;
        if f != 0.0 {
            for (x, p) in col.iter_mut().zip(pcol) {
                *x -= f * p;
            }
            col[r] = f;
        }
    }
}

/// A [`Tableau`] for following one pivoting path, with the same arithmetic but updated
/// lazily: a pivot records its pivot column (an "eta" column) and updates only the right-hand
/// side, and a column is filled from the game and brought up to date (replaying the pivots it
/// has not seen, each as [`Tableau::pivot`] would have applied it) only when the path reads it.
/// Every column read holds the same bits as in the eager tableau, so the path and its end are
/// identical, at a fraction of the work when paths are short.
#[derive(Clone, Debug)]
pub(crate) struct LazyTableau {
    rows: usize,
    vars: usize,
    src: ColumnSource,
    /// Columns (`vars + rows` of `rows`), valid once filled.
    t: Vec<f64>,
    /// Per column: the number of pivots applied to it, or [`UNFILLED`].
    done: Vec<u32>,
    /// Pivot columns, `rows` each, their rows and the reciprocals of their pivot entries.
    etas: Vec<f64>,
    eta_rows: Vec<u32>,
    eta_invs: Vec<f64>,
    rhs: Vec<f64>,
    basis: Vec<usize>,
    /// Candidate rows of a degenerate ratio test.
    cand: Vec<usize>,
}

impl LazyTableau {
    /// A tableau with no rows, whose buffers [`reset`](Self::reset) grows.
    pub(crate) const fn empty() -> LazyTableau {
        LazyTableau {
            rows: 0,
            vars: 0,
            src: ColumnSource {
                scale: UnitScale {
                    half_lo: 0.0,
                    range: 0.0,
                    spread: false,
                },
                first: 0,
                var_step: 0,
                row_step: 0,
            },
            t: Vec::new(),
            done: Vec::new(),
            etas: Vec::new(),
            eta_rows: Vec::new(),
            eta_invs: Vec::new(),
            rhs: Vec::new(),
            basis: Vec::new(),
            cand: Vec::new(),
        }
    }

    /// Makes `self` the tableau `Cz + s = 1` with the slacks basic, `C` read from `src`,
    /// reusing its buffers.
    pub(crate) fn reset(&mut self, rows: usize, vars: usize, src: ColumnSource) {
        let cols = vars + rows;
        self.rows = rows;
        self.vars = vars;
        self.src = src;
        self.t.resize(rows * cols, 0.0);
        self.done.clear();
        self.done.resize(cols, UNFILLED);
        self.etas.clear();
        self.eta_rows.clear();
        self.eta_invs.clear();
        self.rhs.clear();
        self.rhs.resize(rows, 1.0);
        self.basis.clear();
        self.basis.extend(vars..vars + rows);
    }

    /// Brings column `c` up to date with every pivot so far (`R`: the number of rows, or 0).
    #[inline(always)]
    fn update<const R: usize>(&mut self, c: usize, table: &[f64]) {
        let rows = height::<R>(self.rows);
        let col = &mut self.t[c * rows..(c + 1) * rows];
        let mut done = self.done[c];
        if done == UNFILLED {
            if c < self.vars {
                let src = self.src;
                let base = src.first + c * src.var_step;
                for (r, x) in col.iter_mut().enumerate() {
                    *x = src.scale.apply(table[base + r * src.row_step]);
                }
            } else {
                col.fill(0.0);
                col[c - self.vars] = 1.0;
            }
            done = 0;
        }
        let k = self.eta_rows.len();
        let from = done as usize;
        if from < k {
            let etas = &self.etas[from * rows..];
            let (er, ei) = (&self.eta_rows[from..], &self.eta_invs[from..]);
            replay::<R>(col, etas, er, ei);
        }
        self.done[c] = k as u32;
    }

    #[inline]
    fn at(&self, r: usize, c: usize) -> f64 {
        self.t[c * self.rows + r]
    }

    /// [`Tableau::ratio_row`] for entering column `e` (`table` is the game's payoff table;
    /// `R`: the number of rows, or 0).
    #[inline(always)]
    pub(crate) fn ratio_row<const R: usize>(&mut self, e: usize, table: &[f64]) -> Option<usize> {
        self.update::<R>(e, table);
        let rows = height::<R>(self.rows);
        let col = &self.t[e * rows..(e + 1) * rows];
        let (best, best_ratio, second) = min_ratios::<R>(col, &self.rhs);
        best?;
        let ties = second <= best_ratio + 1e-11 * (1.0 + best_ratio.abs());
        if !ties {
            return best;
        }
        self.degenerate_ratio_row(e, best_ratio, table)
    }

    #[cold]
    #[inline(never)]
    fn degenerate_ratio_row(&mut self, e: usize, best_ratio: f64, table: &[f64]) -> Option<usize> {
        let mut cand = std::mem::take(&mut self.cand);
        cand.clear();
        cand.extend((0..self.rows).filter(|&r| {
            let a = self.at(r, e);
            a > PIVOT_EPS && {
                let ratio = self.rhs[r] / a;
                ratio <= best_ratio + 1e-11 * (1.0 + best_ratio.abs())
            }
        }));
        for key in self.vars..self.vars + self.rows {
            if cand.len() <= 1 {
                break;
            }
            self.update::<0>(key, table);
            let ratio = |r: usize| self.at(r, key) / self.at(r, e);
            let min = cand.iter().map(|&r| ratio(r)).fold(f64::INFINITY, f64::min);
            let tol = 1e-11 * (1.0 + min.abs());
            cand.retain(|&r| ratio(r) <= min + tol);
        }
        let row = cand.first().copied();
        self.cand = cand;
        row
    }

    /// [`Tableau::pivot`] on (`r`, `e`), after [`ratio_row`](Self::ratio_row)`(e)`; returns
    /// the column that left the basis.
    #[inline(always)]
    pub(crate) fn pivot<const R: usize>(&mut self, r: usize, e: usize) -> usize {
        let rows = height::<R>(self.rows);
        debug_assert_eq!(self.done[e] as usize, self.eta_rows.len());
        let pcol = &self.t[e * rows..(e + 1) * rows];
        let inv = 1.0 / pcol[r];
        self.etas.extend_from_slice(pcol);
        self.eta_rows.push(r as u32);
        self.eta_invs.push(inv);
        replay::<R>(&mut self.rhs, pcol, &[r as u32], &[inv]);
        std::mem::replace(&mut self.basis[r], e)
    }

    /// [`Tableau::distribution`].
    pub(crate) fn distribution(&self, vars: usize) -> Option<Vec<f64>> {
        let mut v = vec![0.0; vars];
        for (r, &b) in self.basis.iter().enumerate() {
            if b < vars {
                v[b] = self.rhs[r].max(0.0);
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

fn ratio_row_kernel<const R: usize>(t: &Tableau, e: usize) -> Option<usize> {
    t.ratio_row_rows::<R>(e)
}

#[cfg(test)]
fn pivot_from_kernel<const R: usize>(dst: &mut Tableau, src: &Tableau, r: usize, e: usize) {
    dst.pivot_from_rows::<R>(src, r, e)
}

/// Per-player payoff bounds `[(lo₁, hi₁), (lo₂, hi₂)]` of a two-player game's flat
/// Gambit-order table (NaN entries are ignored, as by `f64::min` / `f64::max`).
fn bounds(table: &[f64]) -> [(f64, f64); 2] {
    let mut b = [(f64::INFINITY, f64::NEG_INFINITY); 2];
    for pair in table.chunks_exact(2) {
        for (bp, &v) in b.iter_mut().zip(pair) {
            // `f64::min` / `f64::max` without their NaN handling: a NaN compares false and is
            // skipped, and a tie between ±0 (either may be kept) maps to the same tableau.
            if v < bp.0 {
                bp.0 = v;
            }
            if v > bp.1 {
                bp.1 = v;
            }
        }
    }
    b
}

/// The label bookkeeping of a pair of best-response tableaux of an `m × n` game: the P tableau
/// over (x, s) has column = label; the Q tableau over (y, r) holds labels `m..m + n` (player 2's
/// strategies) in columns `0..n` and labels `0..m` (player 1's) in its slack columns.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Labels {
    /// Player 1's strategies.
    pub(crate) m: usize,
    /// Player 2's strategies.
    pub(crate) n: usize,
}

impl Labels {
    /// Q-tableau column of label `l`.
    pub(crate) fn q_col(self, l: usize) -> usize {
        if l < self.m {
            self.n + l
        } else {
            l - self.m
        }
    }

    /// Label of Q-tableau column `c`.
    pub(crate) fn q_label(self, c: usize) -> usize {
        if c < self.n {
            self.m + c
        } else {
            c - self.n
        }
    }
}

/// Maps a payoff with bounds (`lo`, `hi`) affinely onto [1, 2]; a constant payoff maps to 1.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UnitScale {
    half_lo: f64,
    range: f64,
    spread: bool,
}

impl UnitScale {
    #[inline(always)]
    pub(crate) fn apply(self, v: f64) -> f64 {
        if self.spread {
            ((v / 2.0 - self.half_lo) / self.range).clamp(0.0, 1.0) + 1.0
        } else {
            1.0
        }
    }
}

/// The [`UnitScale`] of payoffs with bounds (`lo`, `hi`).
pub(crate) fn unit_scale(lo: f64, hi: f64) -> impl Fn(f64) -> f64 + Copy {
    let s = unit_scale_of(lo, hi);
    move |v| s.apply(v)
}

fn unit_scale_of(lo: f64, hi: f64) -> UnitScale {
    let range = hi / 2.0 - lo / 2.0;
    UnitScale {
        half_lo: lo / 2.0,
        range,
        spread: range > 0.0,
    }
}

/// The [`UnitScale`]s of player 1's and player 2's payoffs in a two-player game's flat
/// Gambit-order table, as [`fill_best_response_tableaux`] maps them.
pub(crate) fn unit_scales(table: &[f64]) -> [UnitScale; 2] {
    let [(lo_a, hi_a), (lo_b, hi_b)] = bounds(table);
    [unit_scale_of(lo_a, hi_a), unit_scale_of(lo_b, hi_b)]
}

/// The best-response tableaux of a two-player `m × n` game with each player's payoffs mapped
/// affinely onto [1, 2] (without overflow, even for payoffs near `f64::MAX`):
/// `P`: `Bᵀx + s = 1` (`n` rows; columns `x_i` = label `i`, then `s_j` = label `m + j`) and
/// `Q`: `Ay + r = 1` (`m` rows; columns `y_j` = label `m + j`, then `r_i` = label `i`).
pub(crate) fn best_response_tableaux(game: &Game) -> (Tableau, Tableau) {
    let (mut p, mut q) = (Tableau::empty(), Tableau::empty());
    fill_best_response_tableaux(game, &mut p, &mut q);
    (p, q)
}

/// [`best_response_tableaux`] into existing tableaux, reusing their buffers.
pub(crate) fn fill_best_response_tableaux(game: &Game, p: &mut Tableau, q: &mut Tableau) {
    let (m, n) = (game.num_strategies(0), game.num_strategies(1));
    let table = game.payoff_table();
    let [(lo_a, hi_a), (lo_b, hi_b)] = bounds(table);
    let (sa, sb) = (unit_scale(lo_a, hi_a), unit_scale(lo_b, hi_b));
    // Profile (i, j) has flat index i + j·m; payoff of player p at table[2·index + p].
    // P's column i (rows j) is player 2's payoffs table[2(i + j·m) + 1]; Q's column j (rows
    // i) is player 1's table[2(i + j·m)], i.e. every other entry of the table in order.
    let p_cols = (0..m).flat_map(|i| table[2 * i + 1..].iter().step_by(2 * m).take(n));
    p.fill_columns(n, m, p_cols.map(|&v| sb(v)));
    q.fill_columns(m, n, table.iter().step_by(2).map(|&v| sa(v)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::test_games::random_game;

    /// `pivot_from` gives the same bits as `copy_from` then `pivot`, for unrolled (≤ 8 rows)
    /// and generic kernels, and `ratio_row` agrees between the two tableaux along the way.
    #[test]
    fn pivot_from_matches_copy_then_pivot() {
        for seed in 0..60u64 {
            let (m, n) = (1 + seed as usize % 10, 1 + (seed as usize / 10) % 10);
            let (mut a, _) = best_response_tableaux(&random_game(&[m, n], seed));
            let mut b = Tableau::empty();
            for step in 0..3 * (m + n) {
                let e = (step * 7 + seed as usize) % a.columns();
                let Some(r) = a.ratio_row(e) else { continue };
                b.pivot_from(&a, r, e);
                a.pivot(r, e);
                let bits = |t: &Tableau| t.t.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&a), bits(&b), "seed {seed} step {step}");
                assert_eq!(a.basis, b.basis);
            }
        }
    }

    /// The bounds loop keeps the `f64::min` / `f64::max` fold's values, and the tableaux are
    /// those of the original per-entry mapping.
    #[test]
    fn best_response_tableaux_match_the_reference_mapping() {
        for seed in 0..200u64 {
            let (m, n) = (1 + seed as usize % 6, 1 + (seed as usize / 6) % 6);
            let g = random_game(&[m, n], seed);
            let table: Vec<f64> = g
                .payoff_table()
                .iter()
                .map(|v| match seed % 4 {
                    0 => *v,
                    1 => (v * 4.0).floor() - 2.0,
                    2 => (v - 0.5) * 1e300,
                    _ => 0.0,
                })
                .collect();
            let g = Game::from_counts(&[m, n], table.clone()).unwrap();
            let reference = |player: usize| {
                let (lo, hi) = table
                    .iter()
                    .skip(player)
                    .step_by(2)
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                        (a.min(v), b.max(v))
                    });
                let range = hi / 2.0 - lo / 2.0;
                move |v: f64| {
                    if range > 0.0 {
                        ((v / 2.0 - lo / 2.0) / range).clamp(0.0, 1.0) + 1.0
                    } else {
                        1.0
                    }
                }
            };
            let (sa, sb) = (reference(0), reference(1));
            let p = Tableau::new(n, m, |j, i| sb(table[2 * (i + j * m) + 1]));
            let q = Tableau::new(m, n, |i, j| sa(table[2 * (i + j * m)]));
            let (p2, q2) = best_response_tableaux(&g);
            let bits = |t: &Tableau| t.t.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&p), bits(&p2), "seed {seed}");
            assert_eq!(bits(&q), bits(&q2), "seed {seed}");
        }
    }
}
