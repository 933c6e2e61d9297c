//! All extreme Nash equilibria of a two-player game by vertex enumeration.
//!
//! Payoffs are mapped to [1, 2] per player. The vertices of the best-response polytopes
//! `P = {x ≥ 0 : Bᵀx ≤ 1}` and `Q = {y ≥ 0 : Ay ≤ 1}` are enumerated by a depth-first search
//! over the bases reachable from the origin by lexicographic pivots (the idea behind `lrs`):
//! those bases are the vertices of a perturbed, nondegenerate copy of the polytope, whose graph
//! is connected and which has at least one vertex over every vertex of the original, so every
//! vertex is found even in degenerate games, and each basis is visited once (a table indexed by
//! the basis's bit mask for up to 16 columns, which also marks the edges already followed so
//! that each edge is ratio-tested once, else a bit set indexed by the basis's rank among all
//! `C(m + n, ·)` bases). Tableaux of up to 8 rows and 16 columns are searched with fixed-size
//! columns. Each vertex carries its label set (zero
//! variables and tight constraints, with a tolerance); a completely labelled pair `(x, y) ≠ 0`
//! is an extreme equilibrium. A vertex with more labels than dimensions marks the game as
//! degenerate, which is reported as a note.

use super::budget::{binomial, MAX_ENUM_SUPPORTS};
use super::tableau::{
    by_rows, fill_best_response_tableaux, lexicographic_tie_break, pivot_column, unique_min_ratio,
    Tableau,
};
use super::{push_unique, Equilibrium, SolveError, SolverOutput, DEDUP_TOLERANCE};
use crate::game::Game;
use std::cell::RefCell;

/// Largest number of labels (rows + columns) handled: label sets are `u64` bit masks.
const MAX_LABELS: usize = 40;

/// Up to this many tableau columns, the visited set is indexed by the basis mask directly
/// (a `u32` of marks per mask, at most 2^16 of them = 256 KiB, kept per thread) instead of by
/// the basis's rank.
const DIRECT_INDEX_COLUMNS: usize = 16;

/// Most tableaux kept in `SLOTS` between calls.
const MAX_KEPT_SLOTS: usize = 256;

thread_local! {
    /// Tableau buffers reused by [`vertices`] across calls on one thread, so that enumerating
    /// the vertices of many small games allocates almost nothing.
    static SLOTS: RefCell<Vec<Tableau>> = const { RefCell::new(Vec::new()) };

    /// The tableau slots, bases, free slots and pending slots of [`vertices_fixed`].
    #[allow(clippy::type_complexity)]
    static FIXED: RefCell<(Vec<Column>, Vec<[u8; FIXED_ROWS]>, Vec<u32>, Vec<u32>)> =
        const { RefCell::new((Vec::new(), Vec::new(), Vec::new(), Vec::new())) };

    /// The start tableaux of [`solve`], reused across calls on one thread.
    static START: RefCell<(Tableau, Tableau)> =
        const { RefCell::new((Tableau::empty(), Tableau::empty())) };

    /// Per label set (a bit mask of at most [`DIRECT_INDEX_COLUMNS`] labels), 1 + the index of
    /// the vertex of Q with those labels, or 0; all zero between calls of [`solve`].
    static LABEL_INDEX: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };

    /// The marks of [`vertices_rows`] (indexed by basis mask) and the masks marked, all zero
    /// and empty between calls.
    static MARKS: RefCell<(Vec<u32>, Vec<u64>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// Mark of a basis that the search has reached; the low bits mark entering columns.
const SEEN: u32 = 1 << 31;

/// The vertices of one best-response polytope, except the origin.
struct Vertices {
    /// Coordinates, `vars` per vertex, vertex after vertex.
    coords: Vec<f64>,
    /// Per vertex, bit `c` set when tableau column `c` is zero (a zero variable or a tight
    /// constraint's slack).
    zeros: Vec<u64>,
    /// Whether some vertex has more zero columns than dimensions.
    degenerate: bool,
}

/// Rank of a `size`-subset of `0..cols` (a bit mask) among all such subsets, and the number of
/// subsets: the combinatorial number system.
struct SubsetRank {
    /// `binom[c * (size + 1) + i]` = C(c, i).
    binom: Vec<usize>,
    size: usize,
    count: usize,
}

impl SubsetRank {
    fn new(cols: usize, size: usize) -> Self {
        let w = size + 1;
        let mut binom = vec![0usize; (cols + 1) * w];
        for c in 0..=cols {
            binom[c * w] = 1;
            for i in 1..=size.min(c) {
                binom[c * w + i] = binom[(c - 1) * w + i - 1] + binom[(c - 1) * w + i];
            }
        }
        let count = binom[cols * w + size];
        Self { binom, size, count }
    }

    fn rank(&self, mut mask: u64) -> usize {
        let mut r = 0;
        let mut i = 1;
        while mask != 0 {
            let c = mask.trailing_zeros() as usize;
            r += self.binom[c * (self.size + 1) + i];
            i += 1;
            mask &= mask - 1;
        }
        r
    }
}

fn basis_mask(basis: &[usize]) -> u64 {
    basis.iter().fold(0u64, |m, &b| m | 1 << b)
}

/// Every vertex of the polytope of `start` (whose first `vars` columns are the variables)
/// except the origin. `tol` decides when a basic variable is zero.
fn vertices(start: &Tableau, vars: usize, tol: f64) -> Vertices {
    if start.columns() > DIRECT_INDEX_COLUMNS {
        return by_rows!(start.rows(), vertices_rows(start.clone(), vars, tol));
    }
    match start.rows() {
        1 => vertices_fixed::<1>(start, vars, tol),
        2 => vertices_fixed::<2>(start, vars, tol),
        3 => vertices_fixed::<3>(start, vars, tol),
        4 => vertices_fixed::<4>(start, vars, tol),
        5 => vertices_fixed::<5>(start, vars, tol),
        6 => vertices_fixed::<6>(start, vars, tol),
        7 => vertices_fixed::<7>(start, vars, tol),
        8 => vertices_fixed::<8>(start, vars, tol),
        _ => by_rows!(start.rows(), vertices_rows(start.clone(), vars, tol)),
    }
}

/// Most rows of the fixed-size search.
const FIXED_ROWS: usize = 8;

/// A tableau column of the fixed-size search: its first `R` entries.
type Column = [f64; FIXED_ROWS];

/// [`vertices_rows`] for tableaux of `R` (1 to [`FIXED_ROWS`]) rows and at most
/// [`DIRECT_INDEX_COLUMNS`] columns, with columns as fixed-size arrays in one pool of
/// tableau slots (`cols + 1` columns each, the last the right-hand side) reused across calls:
/// the same pivots, ratio tests and order, so the same vertices to the last bit, without the
/// per-tableau vectors.
fn vertices_fixed<const R: usize>(start: &Tableau, vars: usize, tol: f64) -> Vertices {
    let cols = start.columns();
    let width = cols + 1;
    let (mut marks, mut reached) = MARKS.take();
    if marks.len() < 1 << cols {
        marks.resize(1 << cols, 0);
    }
    let (mut pool, mut bases, mut free, mut pending) = FIXED.take();
    pool.clear();
    bases.clear();
    free.clear();
    pending.clear();
    for c in 0..width {
        let mut col: Column = [0.0; FIXED_ROWS];
        col[..R].copy_from_slice(start.col(c));
        pool.push(col);
    }
    let mut basis0 = [0u8; FIXED_ROWS];
    for (x, &b) in basis0.iter_mut().zip(start.basis()) {
        *x = b as u8;
    }
    bases.push(basis0);
    marks[basis_mask(start.basis()) as usize] = SEEN;
    let var_mask = (1u64 << vars) - 1;
    let all = (1u64 << cols) - 1;
    let mut out = Vertices {
        coords: Vec::with_capacity(64 * vars),
        zeros: Vec::with_capacity(64),
        degenerate: false,
    };
    pending.push(0u32);
    while let Some(s) = pending.pop() {
        let s = s as usize;
        let basis = bases[s];
        let base = s * width;
        let rhs = pool[base + cols];
        let basic = basis[..R].iter().fold(0u64, |m, &b| m | 1 << b);
        let nonbasic = all & !basic;
        let mut zeros = nonbasic;
        for (&b, &v) in basis[..R].iter().zip(&rhs[..R]) {
            if v <= tol {
                zeros |= 1 << b;
            }
        }
        let degenerate = zeros != nonbasic;
        out.degenerate |= degenerate;
        let known = degenerate && out.zeros.contains(&zeros);
        if zeros & var_mask != var_mask && !known {
            let at = out.coords.len();
            out.coords.resize(at + vars, 0.0);
            for (&b, &v) in basis[..R].iter().zip(&rhs[..R]) {
                if usize::from(b) < vars {
                    out.coords[at + usize::from(b)] = v.max(0.0);
                }
            }
            out.zeros.push(zeros);
        }
        reached.push(basic);
        let skip = u64::from(marks[basic as usize] & !SEEN);
        let mut entering = nonbasic & !skip;
        while entering != 0 {
            let e = entering.trailing_zeros() as usize;
            entering &= entering - 1;
            let r = match unique_min_ratio::<R>(&pool[base + e][..R], &rhs[..R]) {
                Ok(Some(r)) => r,
                Ok(None) => continue,
                Err(best_ratio) => {
                    let at = |r: usize, c: usize| pool[base + c][r];
                    match lexicographic_tie_break(R, vars, e, cols, best_ratio, at) {
                        Some(r) => r,
                        None => continue,
                    }
                }
            };
            let leaving = usize::from(basis[r]);
            let target = basic & !(1 << leaving) | 1 << e;
            let mark = &mut marks[target as usize];
            let fresh = *mark & SEEN == 0;
            *mark |= SEEN | 1 << leaving;
            if !fresh {
                continue;
            }
            let child = match free.pop() {
                Some(c) => c as usize,
                None => {
                    pool.resize(pool.len() + width, [0.0; FIXED_ROWS]);
                    bases.push(basis);
                    bases.len() - 1
                }
            };
            let (src, dst) = if child > s {
                let (a, b) = pool.split_at_mut(child * width);
                (&a[base..base + width], &mut b[..width])
            } else {
                let (a, b) = pool.split_at_mut(base);
                (&b[..width], &mut a[child * width..(child + 1) * width])
            };
            let pcol = src[e];
            let inv = 1.0 / pcol[r];
            for (d, col) in dst.iter_mut().zip(src) {
                pivot_column::<R>(&mut d[..R], &col[..R], &pcol[..R], r, inv);
            }
            let mut next = basis;
            next[r] = e as u8;
            bases[child] = next;
            pending.push(child as u32);
        }
        free.push(s as u32);
    }
    FIXED.set((pool, bases, free, pending));
    for &mask in &reached {
        marks[mask as usize] = 0;
    }
    reached.clear();
    MARKS.set((marks, reached));
    out
}

/// [`vertices`] for a tableau of `R` rows (`R` = 0: any number), so that the ratio tests and
/// pivots of the search are unrolled and inlined.
///
/// With at most [`DIRECT_INDEX_COLUMNS`] columns, each basis reached is marked in a table
/// indexed by its mask, together with the entering columns known to lead from it to a basis
/// already reached: the reverse of every edge the search has followed (a lexicographic pivot
/// is undone by the pivot entering the column that left). Those are skipped, as the one
/// leading back to the parent is, so that each edge of the graph is ratio-tested once rather
/// than from both ends; the bases pushed, and their order, are those of the plain search.
fn vertices_rows<const R: usize>(start: Tableau, vars: usize, tol: f64) -> Vertices {
    let cols = start.columns();
    let direct = cols <= DIRECT_INDEX_COLUMNS;
    // Without the direct table, a basis is indexed by its rank.
    let ranks = (!direct).then(|| SubsetRank::new(cols, cols - vars));
    let mut seen = ranks
        .as_ref()
        .map_or(Vec::new(), |ranks| vec![0u64; ranks.count.div_ceil(64)]);
    let mut visit = |mask: u64| {
        let r = ranks.as_ref().map_or(0, |ranks| ranks.rank(mask));
        let fresh = seen[r / 64] >> (r % 64) & 1 == 0;
        seen[r / 64] |= 1 << (r % 64);
        fresh
    };
    let (mut marks, mut reached) = if direct {
        MARKS.take()
    } else {
        (Vec::new(), Vec::new())
    };
    if direct && marks.len() < 1 << cols {
        marks.resize(1 << cols, 0);
    }
    let start_mask = basis_mask(start.basis());
    if direct {
        marks[start_mask as usize] = SEEN;
    } else {
        visit(start_mask);
    }
    let var_mask = (1u64 << vars) - 1;
    let all = if cols == 64 {
        u64::MAX
    } else {
        (1u64 << cols) - 1
    };
    let mut out = Vertices {
        coords: Vec::with_capacity(64 * vars),
        zeros: Vec::with_capacity(64),
        degenerate: false,
    };
    // A stack of tableaux whose slots are reused (within the call and, through `SLOTS`,
    // across calls on one thread): `stack[..top]` are the pending bases.
    let mut stack = SLOTS.take();
    let mut current = stack.pop().unwrap_or_else(|| start.clone());
    match stack.first_mut() {
        Some(slot) => slot.copy_from(&start),
        None => stack.push(start),
    }
    let mut top = 1;
    // Without the direct table, back[i]: the column whose entry leads from stack[i] back to
    // the basis it came from.
    let mut back = if direct {
        Vec::new()
    } else {
        vec![usize::MAX; stack.len().max(1)]
    };
    while top > 0 {
        top -= 1;
        std::mem::swap(&mut current, &mut stack[top]);
        let tab = &current;
        let basic = basis_mask(tab.basis());
        let nonbasic = all & !basic;
        let mut zeros = nonbasic;
        for (&b, &v) in tab.basis().iter().zip(tab.rhs_column()) {
            if v <= tol {
                zeros |= 1 << b;
            }
        }
        let degenerate = zeros != nonbasic;
        out.degenerate |= degenerate;
        let known = degenerate && out.zeros.contains(&zeros);
        if zeros & var_mask != var_mask && !known {
            let at = out.coords.len();
            out.coords.resize(at + vars, 0.0);
            for (&b, &v) in tab.basis().iter().zip(tab.rhs_column()) {
                if b < vars {
                    out.coords[at + b] = v.max(0.0);
                }
            }
            out.zeros.push(zeros);
        }
        // The nonbasic columns but those known to lead back, in increasing order.
        let skip = if direct {
            reached.push(basic);
            u64::from(marks[basic as usize] & !SEEN)
        } else {
            1u64.checked_shl(back[top] as u32).unwrap_or(0)
        };
        let mut entering = nonbasic & !skip;
        while entering != 0 {
            let e = entering.trailing_zeros() as usize;
            entering &= entering - 1;
            let Some(r) = tab.ratio_row_rows::<R>(e) else {
                continue;
            };
            let leaving = tab.basis()[r];
            let target = basic & !(1 << leaving) | 1 << e;
            if direct {
                let mark = &mut marks[target as usize];
                let fresh = *mark & SEEN == 0;
                *mark |= SEEN | 1 << leaving;
                if !fresh {
                    continue;
                }
            } else {
                if !visit(target) {
                    continue;
                }
                if top == back.len() {
                    back.push(0);
                }
                back[top] = leaving;
            }
            if top == stack.len() {
                stack.push(Tableau::empty());
            }
            stack[top].pivot_from_rows::<R>(tab, r, e);
            top += 1;
        }
    }
    stack.truncate(MAX_KEPT_SLOTS);
    stack.push(current);
    SLOTS.set(stack);
    if direct {
        for &mask in &reached {
            marks[mask as usize] = 0;
        }
        reached.clear();
        MARKS.set((marks, reached));
    }
    out
}

/// The note of `enummixed` (float and exact) on a degenerate game.
pub(crate) const DEGENERATE_NOTE: &str = "the game is degenerate (some mixed strategy has more \
    pure best responses than the size of its support); equilibria may form connected sets, of \
    which only the extreme points are listed";

/// Every extreme Nash equilibrium of a two-player game. `tol` is the tolerance (on payoffs
/// rescaled to [1, 2]) for deciding that a constraint is tight or a probability is zero.
pub fn solve(game: &Game, tol: f64) -> Result<SolverOutput, SolveError> {
    if game.num_players() != 2 {
        return Err(SolveError::NotTwoPlayer {
            method: "enummixed",
            players: game.num_players(),
        });
    }
    let (m, n) = (game.num_strategies(0), game.num_strategies(1));
    if m + n > MAX_LABELS || binomial(m + n, m.min(n)) > MAX_ENUM_SUPPORTS {
        return Err(SolveError::TooLarge {
            method: "enummixed",
            reason: format!(
                "{m}x{n} has more than {MAX_ENUM_SUPPORTS:.0e} candidate bases or more than \
                 {MAX_LABELS} strategies in total; use lcp, lh or simpdiv"
            ),
        });
    }
    let (p, q) = START.with_borrow_mut(|(p, q)| {
        fill_best_response_tableaux(game, p, q);
        (vertices(p, m, tol), vertices(q, n, tol))
    });
    // Labels: P's columns are already labels (x_i = i, s_j = m + j); Q's are y_j = m + j,
    // r_i = i.
    let q_labels = |z: u64| z >> n | (z & ((1u64 << n) - 1)) << m;
    let full: u64 = (1u64 << (m + n)) - 1;
    let mut out = SolverOutput::default();
    let mut add = |pi: usize, qi: usize| {
        let x = &p.coords[pi * m..(pi + 1) * m];
        let y = &q.coords[qi * n..(qi + 1) * n];
        let (sx, sy): (f64, f64) = (x.iter().sum(), y.iter().sum());
        let profile = vec![
            x.iter().map(|v| v / sx).collect(),
            y.iter().map(|v| v / sy).collect(),
        ];
        push_unique(
            &mut out.equilibria,
            Equilibrium::evaluate(game, profile),
            DEDUP_TOLERANCE,
        );
    };
    if p.degenerate || q.degenerate {
        // Label sets may overlap: try every pair.
        for (pi, &pz) in p.zeros.iter().enumerate() {
            for (qi, &qz) in q.zeros.iter().enumerate() {
                if pz | q_labels(qz) == full {
                    add(pi, qi);
                }
            }
        }
    } else {
        // Nondegenerate: every vertex of P has exactly m labels and every vertex of Q exactly
        // n, each label set belongs to one vertex, so P's vertex `pi` pairs with the one vertex
        // of Q (if any) whose labels are the complement of its own. The pairs come out in the
        // order of the double loop above.
        if m + n <= DIRECT_INDEX_COLUMNS {
            // Q's vertices indexed by label set (1 + index; 0: none), in a table that is all
            // zero between calls.
            LABEL_INDEX.with_borrow_mut(|index| {
                if index.len() < 1 << (m + n) {
                    index.resize(1 << (m + n), 0);
                }
                for (qi, &qz) in q.zeros.iter().enumerate() {
                    index[q_labels(qz) as usize] = qi as u32 + 1;
                }
                for (pi, &pz) in p.zeros.iter().enumerate() {
                    let want = full & !pz;
                    if let Some(qi) = index[want as usize].checked_sub(1) {
                        add(pi, qi as usize);
                    }
                }
                for &qz in &q.zeros {
                    index[q_labels(qz) as usize] = 0;
                }
            });
        } else {
            let mut by_labels: Vec<(u64, usize)> = q
                .zeros
                .iter()
                .enumerate()
                .map(|(qi, &qz)| (q_labels(qz), qi))
                .collect();
            by_labels.sort_unstable();
            for (pi, &pz) in p.zeros.iter().enumerate() {
                let want = full & !pz;
                if let Ok(k) = by_labels.binary_search_by_key(&want, |&(l, _)| l) {
                    add(pi, by_labels[k].1);
                }
            }
        }
    }
    if p.degenerate || q.degenerate {
        out.notes.push(DEGENERATE_NOTE.to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::tableau::best_response_tableaux;
    use super::super::test_games::*;
    use super::*;
    use proptest::prelude::*;

    fn eqs(g: &Game) -> SolverOutput {
        solve(g, 1e-9).unwrap()
    }

    fn has(out: &SolverOutput, profile: &[&[f64]]) -> bool {
        let p: Vec<Vec<f64>> = profile.iter().map(|v| v.to_vec()).collect();
        out.equilibria.iter().any(|e| e.distance(&p) < 1e-9)
    }

    #[test]
    fn classic_games() {
        let bos = eqs(&battle_of_sexes());
        assert_eq!(bos.equilibria.len(), 3);
        assert!(has(&bos, &[&[1.0, 0.0], &[1.0, 0.0]]));
        assert!(has(&bos, &[&[0.0, 1.0], &[0.0, 1.0]]));
        assert!(has(
            &bos,
            &[&[2.0 / 3.0, 1.0 / 3.0], &[1.0 / 3.0, 2.0 / 3.0]]
        ));
        assert!(bos.notes.is_empty());

        let mp = eqs(&matching_pennies());
        assert_eq!(mp.equilibria.len(), 1);
        assert!(has(&mp, &[&[0.5, 0.5], &[0.5, 0.5]]));

        let rps = eqs(&rock_paper_scissors());
        assert_eq!(rps.equilibria.len(), 1);
        let third = 1.0 / 3.0;
        assert!(has(&rps, &[&[third; 3], &[third; 3]]));

        let pd = eqs(&prisoners_dilemma());
        assert_eq!(pd.equilibria.len(), 1);
        assert!(has(&pd, &[&[0.0, 1.0], &[0.0, 1.0]]));

        let ch = eqs(&chicken());
        assert_eq!(ch.equilibria.len(), 3);
        assert!(has(
            &ch,
            &[&[2.0 / 3.0, 1.0 / 3.0], &[2.0 / 3.0, 1.0 / 3.0]]
        ));
        assert!(ch.equilibria.iter().all(|e| e.epsilon < 1e-12));
    }

    #[test]
    fn degenerate_game_is_flagged_and_extremes_found() {
        // Column player indifferent everywhere: row's best response set is a continuum.
        let g = Game::bimatrix(
            &[vec![1.0, 0.0], vec![0.0, 1.0]],
            &[vec![1.0, 1.0], vec![1.0, 1.0]],
        )
        .unwrap();
        let out = eqs(&g);
        assert!(!out.notes.is_empty());
        // Extreme equilibria: (T, L), (B, R) and the two ends of y = (1/2, 1/2) with any x.
        assert!(has(&out, &[&[1.0, 0.0], &[1.0, 0.0]]));
        assert!(has(&out, &[&[0.0, 1.0], &[0.0, 1.0]]));
        assert!(has(&out, &[&[1.0, 0.0], &[0.5, 0.5]]));
        assert!(has(&out, &[&[0.0, 1.0], &[0.5, 0.5]]));
        assert!(out.equilibria.iter().all(|e| e.epsilon < 1e-12));
    }

    /// Label sets of every vertex but the origin of `{z ≥ 0 : C z ≤ 1}` (`coef(r, v)`), by
    /// brute force over all bases: each nonsingular basis solved on its own,
    /// kept when feasible.
    fn brute_force_vertices(
        rows: usize,
        vars: usize,
        coef: impl Fn(usize, usize) -> f64,
    ) -> Vec<u64> {
        let cols = vars + rows;
        let column = |c: usize, r: usize| {
            if c < vars {
                coef(r, c)
            } else {
                f64::from(u8::from(c - vars == r))
            }
        };
        let mut out: Vec<u64> = Vec::new();
        for mask in 0u64..1 << cols {
            if mask.count_ones() as usize != rows {
                continue;
            }
            let basis: Vec<usize> = (0..cols).filter(|c| mask >> c & 1 == 1).collect();
            let m = nalgebra::DMatrix::from_fn(rows, rows, |r, k| column(basis[k], r));
            // Not a basis: a singular matrix (say, two equal constraint rows) can still "solve"
            // after rounding, giving a point inside a face rather than a vertex.
            if m.rank(1e-9) < rows {
                continue;
            }
            let Some(z) = m.lu().solve(&nalgebra::DVector::from_element(rows, 1.0)) else {
                continue;
            };
            if z.iter().any(|v| *v < -1e-9) {
                continue;
            }
            let mut zeros = !mask & ((1 << cols) - 1);
            for (k, &c) in basis.iter().enumerate() {
                if z[k] <= 1e-9 {
                    zeros |= 1 << c;
                }
            }
            let var_mask = (1u64 << vars) - 1;
            if zeros & var_mask != var_mask && !out.contains(&zeros) {
                out.push(zeros);
            }
        }
        out.sort_unstable();
        out
    }

    /// [`vertices`] before the edge marks and the row-count dispatch (kept as the
    /// reference): every vertex of the polytope of `start` except the origin.
    fn vertices_reference(start: Tableau, vars: usize, tol: f64) -> Vertices {
        let cols = start.columns();
        // A basis is indexed by its mask itself when that is small, else by its rank.
        let ranks = (cols > DIRECT_INDEX_COLUMNS).then(|| SubsetRank::new(cols, cols - vars));
        let slots = ranks.as_ref().map_or(1usize << cols, |ranks| ranks.count);
        let mut seen = vec![0u64; slots.div_ceil(64)];
        let mut visit = |mask: u64| {
            let r = match &ranks {
                None => mask as usize,
                Some(ranks) => ranks.rank(mask),
            };
            let fresh = seen[r / 64] >> (r % 64) & 1 == 0;
            seen[r / 64] |= 1 << (r % 64);
            fresh
        };
        visit(basis_mask(start.basis()));
        let var_mask = (1u64 << vars) - 1;
        let all = if cols == 64 {
            u64::MAX
        } else {
            (1u64 << cols) - 1
        };
        let mut out = Vertices {
            coords: Vec::with_capacity(64 * vars),
            zeros: Vec::with_capacity(64),
            degenerate: false,
        };
        // A stack of tableaux whose slots are reused (within the call and, through `SLOTS`,
        // across calls on one thread): `stack[..top]` are the pending bases.
        let mut stack = SLOTS.take();
        let mut current = stack.pop().unwrap_or_else(|| start.clone());
        match stack.first_mut() {
            Some(slot) => slot.copy_from(&start),
            None => stack.push(start),
        }
        let mut top = 1;
        // back[i]: the column whose entry leads from stack[i] back to the basis it came from.
        let mut back = vec![usize::MAX; stack.len().max(1)];
        while top > 0 {
            top -= 1;
            std::mem::swap(&mut current, &mut stack[top]);
            let came_back = back[top];
            let tab = &current;
            let basic = basis_mask(tab.basis());
            let nonbasic = all & !basic;
            let mut zeros = nonbasic;
            for (&b, &v) in tab.basis().iter().zip(tab.rhs_column()) {
                if v <= tol {
                    zeros |= 1 << b;
                }
            }
            let degenerate = zeros != nonbasic;
            out.degenerate |= degenerate;
            let known = degenerate && out.zeros.contains(&zeros);
            if zeros & var_mask != var_mask && !known {
                let at = out.coords.len();
                out.coords.resize(at + vars, 0.0);
                for (&b, &v) in tab.basis().iter().zip(tab.rhs_column()) {
                    if b < vars {
                        out.coords[at + b] = v.max(0.0);
                    }
                }
                out.zeros.push(zeros);
            }
            // The nonbasic columns but the one leading back, in increasing order.
            let mut entering = nonbasic & !1u64.checked_shl(came_back as u32).unwrap_or(0);
            while entering != 0 {
                let e = entering.trailing_zeros() as usize;
                entering &= entering - 1;
                let Some(r) = tab.ratio_row(e) else { continue };
                if !visit(basic & !(1 << tab.basis()[r]) | 1 << e) {
                    continue;
                }
                if top == back.len() {
                    back.push(0);
                }
                back[top] = tab.basis()[r];
                if top == stack.len() {
                    stack.push(Tableau::empty());
                }
                stack[top].pivot_from(tab, r, e);
                top += 1;
            }
        }
        stack.truncate(MAX_KEPT_SLOTS);
        stack.push(current);
        SLOTS.set(stack);
        out
    }

    /// The algorithm before the nondegenerate label lookup: every pair of vertices tried in
    /// order (kept as the reference for [`solve`]).
    fn solve_reference(game: &Game, tol: f64) -> SolverOutput {
        let (m, n) = (game.num_strategies(0), game.num_strategies(1));
        let (p, q) = best_response_tableaux(game);
        let p = vertices_reference(p, m, tol);
        let q = vertices_reference(q, n, tol);
        let q_labels = |z: u64| z >> n | (z & ((1u64 << n) - 1)) << m;
        let full: u64 = (1u64 << (m + n)) - 1;
        let mut out = SolverOutput::default();
        for (pi, &pz) in p.zeros.iter().enumerate() {
            for (qi, &qz) in q.zeros.iter().enumerate() {
                if pz | q_labels(qz) != full {
                    continue;
                }
                let x = &p.coords[pi * m..(pi + 1) * m];
                let y = &q.coords[qi * n..(qi + 1) * n];
                let (sx, sy): (f64, f64) = (x.iter().sum(), y.iter().sum());
                let profile = vec![
                    x.iter().map(|v| v / sx).collect(),
                    y.iter().map(|v| v / sy).collect(),
                ];
                push_unique(
                    &mut out.equilibria,
                    Equilibrium::evaluate(game, profile),
                    DEDUP_TOLERANCE,
                );
            }
        }
        if p.degenerate || q.degenerate {
            out.notes.push("degenerate".into());
        }
        out
    }

    /// Same equilibria, in the same order, to the last bit, as the reference on random
    /// (nondegenerate) and small-integer (often degenerate) games of several shapes.
    #[test]
    fn matches_the_all_pairs_reference() {
        let bits = |o: &SolverOutput| {
            o.equilibria
                .iter()
                .map(|e| {
                    let mut v: Vec<u64> = e.profile.iter().flatten().map(|x| x.to_bits()).collect();
                    v.extend(e.payoffs.iter().map(|x| x.to_bits()));
                    v.push(e.epsilon.to_bits());
                    v
                })
                .collect::<Vec<_>>()
        };
        for seed in 0..400u64 {
            let (m, n) = if seed < 200 {
                (6, 6)
            } else {
                (1 + seed as usize % 7, 1 + (seed as usize / 7) % 7)
            };
            let random = random_game(&[m, n], seed);
            let small: Vec<f64> = random
                .payoff_table()
                .iter()
                .map(|v| (v * 3.0).floor())
                .collect();
            let integer = Game::from_counts(&[m, n], small).unwrap();
            for g in [random, integer] {
                let (new, old) = (solve(&g, 1e-9).unwrap(), solve_reference(&g, 1e-9));
                assert_eq!(bits(&new), bits(&old), "seed {seed} {m}x{n}");
                assert_eq!(new.notes.is_empty(), old.notes.is_empty(), "seed {seed}");
            }
        }
    }

    /// The marked search finds the same vertices, coordinates to the last bit, in the same
    /// order, as the plain one, for both polytopes of random and small-integer (often
    /// degenerate) games of 1×1 to 9×9 (up to 16 columns with the direct marks, beyond with
    /// the rank-indexed set).
    #[test]
    fn vertices_match_the_reference() {
        let mut degenerate = 0;
        for seed in 0..243u64 {
            let (m, n) = (1 + seed as usize % 9, 1 + (seed as usize / 9) % 9);
            let random = random_game(&[m, n], seed);
            let table = random.payoff_table();
            for t in [
                table.to_vec(),
                table.iter().map(|v| (v * 3.0).floor()).collect(),
                table.iter().map(|v| (v * 2.0).floor()).collect(),
            ] {
                let g = Game::from_counts(&[m, n], t).unwrap();
                let (p, q) = best_response_tableaux(&g);
                for (tab, vars) in [(p, m), (q, n)] {
                    let new = vertices(&tab, vars, 1e-9);
                    let old = vertices_reference(tab, vars, 1e-9);
                    let bits =
                        |v: &Vertices| v.coords.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&new), bits(&old), "seed {seed} {m}x{n}");
                    assert_eq!(new.zeros, old.zeros, "seed {seed} {m}x{n}");
                    assert_eq!(new.degenerate, old.degenerate, "seed {seed} {m}x{n}");
                    degenerate += usize::from(new.degenerate);
                }
            }
        }
        assert!(degenerate > 50, "{degenerate} degenerate polytopes");
    }

    /// Two equal constraint rows make some column sets singular; such a set is no basis, and
    /// the point rounding makes of it lies on an edge (this case once failed the brute-force
    /// comparison below because the reference took it for a vertex).
    #[test]
    fn equal_rows_give_no_extra_vertex() {
        let b = [
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0,
        ];
        let coef = |j: usize, i: usize| b[i * 4 + j] / 2.0 + 1.0;
        let mut found = vertices(&Tableau::new(4, 4, coef), 4, 1e-9).zeros;
        found.sort_unstable();
        assert_eq!(found, brute_force_vertices(4, 4, coef));
        assert_eq!(found, [27, 211, 231, 253, 254]);
    }

    #[test]
    fn rejects_three_players() {
        assert!(solve(&three_player_mixed_only(), 1e-9).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(60))]
        #[test]
        fn random_games_equilibria_are_exact(m in 1usize..6, n in 1usize..6, seed in any::<u64>()) {
            let g = random_game(&[m, n], seed);
            let out = eqs(&g);
            prop_assert!(!out.equilibria.is_empty());
            prop_assert!(out.equilibria.len() % 2 == 1, "generic games have an odd number");
            for e in &out.equilibria {
                prop_assert!(e.epsilon <= 1e-9);
            }
            for p in super::super::pure::solve(&g) {
                prop_assert!(out.equilibria.iter().any(|e| e.distance(&p.profile) < 1e-9));
            }
        }

        /// The pivoting search finds exactly the vertices a brute-force pass over all bases
        /// finds, also in degenerate games (small integer payoffs are often degenerate).
        #[test]
        fn pivoting_finds_every_vertex(
            m in 1usize..5,
            n in 1usize..5,
            payoffs in prop::collection::vec(0i32..3, 16),
        ) {
            let b: Vec<f64> = payoffs.iter().take(m * n).map(|&v| f64::from(v)).collect();
            prop_assume!(b.len() == m * n);
            let (lo, hi) = b.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, z), &v| (a.min(v), z.max(v)));
            let unit = |v: f64| if hi > lo { (v - lo) / (hi - lo) + 1.0 } else { 1.0 };
            // P: n rows over x_i, coefficient B[i][j].
            let coef = |j: usize, i: usize| unit(b[i * n + j]);
            let mut found = vertices(&Tableau::new(n, m, coef), m, 1e-9).zeros;
            found.sort_unstable();
            prop_assert_eq!(found, brute_force_vertices(n, m, coef));
        }

        #[test]
        fn integer_games_equilibria_are_exact(
            payoffs in prop::collection::vec(-3i32..4, 2 * 3 * 3),
        ) {
            let g = Game::from_counts(&[3, 3], payoffs.into_iter().map(f64::from).collect()).unwrap();
            let out = eqs(&g);
            prop_assert!(!out.equilibria.is_empty());
            for e in &out.equilibria {
                prop_assert!(e.epsilon <= 1e-9);
            }
            for p in super::super::pure::solve(&g) {
                prop_assert!(out.equilibria.iter().any(|e| e.distance(&p.profile) < 1e-9));
            }
        }
    }
}
