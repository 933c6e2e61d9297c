//! Exact rational arithmetic for the two-player methods (`--exact` with `pure`, `enummixed`,
//! `lcp`, `lh`). Payoffs are read as the shortest decimal that round-trips their `f64` value
//! (so `0.1` is 1/10, `3/4` is 3/4), the computation runs in [`BigRational`], and
//! probabilities print as Gambit prints them: `1`, `0`, `2/3`.
//!
//! - `pure`: every pure profile where each strategy is a best response, compared exactly.
//! - `enummixed`: vertex enumeration of the two best-response polytopes in exact arithmetic,
//!   pairing vertices whose labels cover every strategy: every extreme equilibrium, of
//!   degenerate games too (like the float `enummixed` and Gambit's `enummixed`).
//! - `lh`: the Lemke–Howson path dropping one label, in exact pivots (no tolerance, so the
//!   lexicographic rule decides every tie).
//! - `lcp`: the Lemke–Howson graph explored in exact pivots, like the float `lcp`: paths for
//!   every label from the artificial equilibrium and from every equilibrium found.

use super::budget::{self, MAX_ENUM_SUPPORTS};
use super::tableau::Labels;
use super::{Equilibrium, GameSummary, Method, SolveError, SolveOptions, SolveReport};
use crate::game::Game;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

/// An exact mixed profile: per player, per strategy.
pub type ExactProfile = Vec<Vec<BigRational>>;

/// The rational whose shortest round-trip decimal expansion is `x`'s.
pub fn rational_of(x: f64) -> BigRational {
    let s = format!("{x:e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits_part = mantissa.trim_start_matches('-');
    let (int, frac) = digits_part.split_once('.').unwrap_or((digits_part, ""));
    let digits: BigInt = format!("{int}{frac}")
        .parse()
        .unwrap_or_else(|_| BigInt::zero());
    let scale = exp - frac.len() as i64;
    let ten = BigInt::from(10);
    let mut r = if scale >= 0 {
        BigRational::from_integer(digits * num_traits::pow(ten, scale as usize))
    } else {
        BigRational::new(digits, num_traits::pow(ten, (-scale) as usize))
    };
    if negative {
        r = -r;
    }
    r
}

/// Gambit-style text of a rational: `p/q` in lowest terms, or an integer.
pub fn text(r: &BigRational) -> String {
    if r.denom().is_one() {
        r.numer().to_string()
    } else {
        format!("{}/{}", r.numer(), r.denom())
    }
}

/// The payoff matrices A (player 1) and B (player 2), `m × n`, as rationals.
fn matrices(game: &Game) -> (Vec<Vec<BigRational>>, Vec<Vec<BigRational>>) {
    let (m, n) = (game.num_strategies(0), game.num_strategies(1));
    let t = game.payoff_table();
    let at = |i: usize, j: usize, p: usize| rational_of(t[2 * (i + j * m) + p]);
    (
        (0..m)
            .map(|i| (0..n).map(|j| at(i, j, 0)).collect())
            .collect(),
        (0..m)
            .map(|i| (0..n).map(|j| at(i, j, 1)).collect())
            .collect(),
    )
}

/// [`matrices`] with each player's payoffs shifted so that the smallest is 1 (equilibria do
/// not change), which keeps the best-response polytopes bounded.
fn shifted_matrices(game: &Game) -> (Vec<Vec<BigRational>>, Vec<Vec<BigRational>>) {
    let shifted = |mat: Vec<Vec<BigRational>>| {
        let min = mat
            .iter()
            .flatten()
            .min()
            .cloned()
            .unwrap_or_else(BigRational::zero);
        let shift = BigRational::one() - min;
        mat.into_iter()
            .map(|row| row.into_iter().map(|x| x + &shift).collect())
            .collect()
    };
    let (a, b) = matrices(game);
    (shifted(a), shifted(b))
}

fn two_player(game: &Game, method: &'static str) -> Result<(), SolveError> {
    if game.num_players() == 2 {
        Ok(())
    } else {
        Err(SolveError::NotTwoPlayer {
            method,
            players: game.num_players(),
        })
    }
}

/// Exact pure Nash equilibria of a two-player game, in Gambit profile order.
pub fn pure(game: &Game) -> Result<Vec<ExactProfile>, SolveError> {
    two_player(game, "pure")?;
    let (a, b) = matrices(game);
    let (m, n) = (a.len(), a[0].len());
    let mut out = Vec::new();
    for j in 0..n {
        for i in 0..m {
            let row_best = (0..m).all(|k| a[k][j] <= a[i][j]);
            let col_best = (0..n).all(|k| b[i][k] <= b[i][j]);
            if row_best && col_best {
                let unit = |len: usize, at: usize| {
                    (0..len)
                        .map(|k| {
                            if k == at {
                                BigRational::one()
                            } else {
                                BigRational::zero()
                            }
                        })
                        .collect()
                };
                out.push(vec![unit(m, i), unit(n, j)]);
            }
        }
    }
    Ok(out)
}

/// Solves `M z = rhs` exactly (square); `None` when singular.
fn solve_linear(
    mut mat: Vec<Vec<BigRational>>,
    mut rhs: Vec<BigRational>,
) -> Option<Vec<BigRational>> {
    let k = rhs.len();
    for col in 0..k {
        let piv = (col..k).find(|&r| !mat[r][col].is_zero())?;
        mat.swap(col, piv);
        rhs.swap(col, piv);
        let inv = BigRational::one() / mat[col][col].clone();
        for x in mat[col][col..].iter_mut() {
            *x = &*x * &inv;
        }
        rhs[col] = &rhs[col] * &inv;
        let prow = mat[col].clone();
        let prhs = rhs[col].clone();
        for (r, (line, b)) in mat.iter_mut().zip(rhs.iter_mut()).enumerate() {
            if r != col && !line[col].is_zero() {
                let f = line[col].clone();
                for (x, p) in line[col..].iter_mut().zip(&prow[col..]) {
                    *x -= &f * p;
                }
                *b -= &f * &prhs;
            }
        }
    }
    Some(rhs)
}

/// A vertex of a best-response polytope {z ≥ 0 : Σ_v z_v·coef[v][c] ≤ 1 for every constraint
/// c} other than 0, with its labels: the variables at zero and the tight constraints.
struct Vertex {
    z: Vec<BigRational>,
    zero: Vec<bool>,
    tight: Vec<bool>,
}

/// The size-`k` subsets of `0..len`, in lexicographic order.
fn subsets(len: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut cur: Vec<usize> = (0..k).collect();
    loop {
        out.push(cur.clone());
        let Some(i) = (0..k).rev().find(|&i| cur[i] != i + len - k) else {
            return out;
        };
        cur[i] += 1;
        for j in i + 1..k {
            cur[j] = cur[j - 1] + 1;
        }
    }
}

/// Every vertex but 0 of {z ≥ 0 : Σ_v z_v·coef[v][c] ≤ 1} (`coef` positive, `vars × cons`), in
/// a deterministic order, and whether any vertex has more labels than `vars` (degenerate).
///
/// A vertex makes `vars` independent constraints tight. Those that are not `z_v = 0` select a
/// support S and as many tight constraints T, so every vertex solves Σ_{v∈S} z_v·coef[v][c] =
/// 1 (c ∈ T) for some |S| = |T|; each such system is solved exactly and kept when its solution
/// is nonnegative and feasible. A degenerate vertex solves several systems and is kept once.
fn polytope_vertices(coef: &[Vec<BigRational>], cons: usize) -> (Vec<Vertex>, bool) {
    let vars = coef.len();
    let one = BigRational::one();
    let mut out: Vec<Vertex> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut degenerate = false;
    for k in 1..=vars.min(cons) {
        let supports = subsets(vars, k);
        let tights = subsets(cons, k);
        for s in &supports {
            for t in &tights {
                let mat = t
                    .iter()
                    .map(|&c| s.iter().map(|&v| coef[v][c].clone()).collect())
                    .collect();
                let Some(zs) = solve_linear(mat, vec![one.clone(); k]) else {
                    continue;
                };
                if zs.iter().any(Signed::is_negative) {
                    continue;
                }
                let mut z = vec![BigRational::zero(); vars];
                for (&v, x) in s.iter().zip(zs) {
                    z[v] = x;
                }
                let loads: Vec<BigRational> = (0..cons)
                    .map(|c| (0..vars).map(|v| &coef[v][c] * &z[v]).sum())
                    .collect();
                if loads.iter().any(|l| *l > one) || !seen.insert(z.clone()) {
                    continue;
                }
                let zero: Vec<bool> = z.iter().map(Zero::is_zero).collect();
                let tight: Vec<bool> = loads.iter().map(|l| *l == one).collect();
                let labels = zero.iter().chain(&tight).filter(|&&b| b).count();
                degenerate |= labels > vars;
                out.push(Vertex { z, zero, tight });
            }
        }
    }
    (out, degenerate)
}

/// Most linear systems exact vertex enumeration solves per polytope (C(m + n, m) − 1 for an
/// m × n game): rational arithmetic takes about 0.15 ms a system, so 9 × 9 (48,619) takes
/// about 6 s and 10 × 10 (184,755) would take 36 s without a word of progress.
const MAX_EXACT_ENUM_SYSTEMS: f64 = 5e4;

/// Refuses a game too large for exact vertex enumeration ([`MAX_EXACT_ENUM_SYSTEMS`]).
fn enum_budget(game: &Game) -> Result<(), SolveError> {
    let (m, n) = (game.num_strategies(0), game.num_strategies(1));
    // Σ_k C(m, k)·C(n, k) = C(m + n, m) − 1 (Vandermonde), printed without overflow.
    let systems: f64 = (1..=m.min(n))
        .map(|k| budget::binomial(m, k) * budget::binomial(n, k))
        .sum();
    if systems > MAX_EXACT_ENUM_SYSTEMS.min(MAX_ENUM_SUPPORTS) {
        return Err(SolveError::TooLarge {
            method: "enummixed",
            reason: format!(
                "{m}×{n} needs {} exact linear systems per polytope (limit \
                 {MAX_EXACT_ENUM_SYSTEMS:.0e}, about 6 s); drop --exact (the float enummixed \
                 lists the same extreme equilibria) or use lcp --exact",
                budget::binomial_text(m + n, m)
            ),
        });
    }
    Ok(())
}

/// Exact equilibria by vertex enumeration: every extreme Nash equilibrium, in a deterministic
/// order without duplicates.
pub fn enummixed(game: &Game) -> Result<Vec<ExactProfile>, SolveError> {
    Ok(extreme_equilibria(game)?.0)
}

/// [`enummixed`]'s equilibria and whether the game is degenerate.
///
/// Payoffs are shifted to be at least 1 (equilibria do not change), so the best-response
/// polytopes P = {x ≥ 0 : Bᵀx ≤ 1} and Q = {y ≥ 0 : Ay ≤ 1} are bounded. A pair of vertices
/// (x, y) is an equilibrium, after normalising, when every pure strategy is unplayed or a best
/// response: for each row i, x_i = 0 or (Ay)_i = 1; for each column j, y_j = 0 or (Bᵀx)_j = 1.
/// Unlike support enumeration over equal-sized supports, this finds every extreme equilibrium
/// of a degenerate game too (as the float `enummixed` does).
fn extreme_equilibria(game: &Game) -> Result<(Vec<ExactProfile>, bool), SolveError> {
    two_player(game, "enummixed")?;
    enum_budget(game)?;
    let (a, b) = shifted_matrices(game);
    let (m, n) = (a.len(), a[0].len());
    // P: variables x_i (rows), constraints the columns j (player 2's payoff against x).
    let (p, p_degenerate) = polytope_vertices(&b, n);
    // Q: variables y_j (columns), constraints the rows i (player 1's payoff against y).
    let a_t: Vec<Vec<BigRational>> = (0..n)
        .map(|j| (0..m).map(|i| a[i][j].clone()).collect())
        .collect();
    let (q, q_degenerate) = polytope_vertices(&a_t, m);
    let normalised = |z: &[BigRational]| {
        let total: BigRational = z.iter().sum();
        z.iter().map(|v| v / &total).collect::<Vec<_>>()
    };
    let mut out = Vec::new();
    for x in &p {
        for y in &q {
            let rows = (0..m).all(|i| x.zero[i] || y.tight[i]);
            let cols = (0..n).all(|j| y.zero[j] || x.tight[j]);
            if rows && cols {
                out.push(vec![normalised(&x.z), normalised(&y.z)]);
            }
        }
    }
    Ok((out, p_degenerate || q_degenerate))
}

/// A vertex pair of the exact best-response polytopes: `p` over (x, s), column = label, and
/// `q` over (y, r). The artificial equilibrium is both slack bases.
#[derive(Clone)]
struct ExactState {
    p: ExactTab,
    q: ExactTab,
    m: usize,
    n: usize,
}

impl ExactState {
    /// The artificial equilibrium of `game` (payoffs shifted to be ≥ 1).
    fn artificial(game: &Game) -> ExactState {
        let (a, b) = shifted_matrices(game);
        let (m, n) = (a.len(), a[0].len());
        ExactState {
            p: ExactTab::new(n, m, |j, i| b[i][j].clone()),
            q: ExactTab::new(m, n, |i, j| a[i][j].clone()),
            m,
            n,
        }
    }

    fn labels(&self) -> Labels {
        Labels {
            m: self.m,
            n: self.n,
        }
    }

    /// The two bases, sorted: identifies the vertex pair.
    fn key(&self) -> (Vec<usize>, Vec<usize>) {
        let mut a = self.p.basis.clone();
        let mut b = self.q.basis.clone();
        a.sort_unstable();
        b.sort_unstable();
        (a, b)
    }

    /// Follows the path that drops `label` from this vertex pair to the next completely
    /// labelled one. `Ok(None)` when the path does not end within `max_pivots` pivots.
    fn follow(&self, label: usize, max_pivots: usize) -> Result<Option<ExactState>, SolveError> {
        let mut s = self.clone();
        // The variable with the dropped label that is currently non-basic enters.
        let mut in_p = !s.p.basis.contains(&label);
        let mut entering = if in_p { label } else { s.labels().q_col(label) };
        let stuck = || SolveError::NoConvergence {
            method: "lh",
            reason: "exact ratio test found no pivot".into(),
        };
        for _ in 0..max_pivots {
            let left = if in_p {
                let r = s.p.ratio_row(entering).ok_or_else(stuck)?;
                s.p.pivot(r, entering)
            } else {
                let r = s.q.ratio_row(entering).ok_or_else(stuck)?;
                let c = s.q.pivot(r, entering);
                s.labels().q_label(c)
            };
            if left == label {
                return Ok(Some(s));
            }
            in_p = !in_p;
            entering = if in_p { left } else { s.labels().q_col(left) };
        }
        Ok(None)
    }

    fn profile(&self) -> ExactProfile {
        vec![self.p.distribution(self.m), self.q.distribution(self.n)]
    }
}

/// Exact Lemke–Howson path dropping `label` from the artificial equilibrium.
pub fn lh(game: &Game, label: usize, max_pivots: usize) -> Result<ExactProfile, SolveError> {
    two_player(game, "lh")?;
    let start = ExactState::artificial(game);
    if label >= start.m + start.n {
        return Err(super::lh::label_error(label, start.m, start.n));
    }
    match start.follow(label, max_pivots)? {
        Some(end) => Ok(end.profile()),
        None => Err(SolveError::NoConvergence {
            method: "lh",
            reason: format!("the exact path did not end within {max_pivots} pivots"),
        }),
    }
}

/// Exact `lcp`: explores the Lemke–Howson graph as the float `lcp` does — paths for every
/// label from the artificial equilibrium and, recursively, from every equilibrium found — and
/// returns the distinct equilibria in the order found. Paths longer than `max_pivots` are
/// skipped.
pub fn lcp(game: &Game, max_pivots: usize) -> Result<Vec<ExactProfile>, SolveError> {
    two_player(game, "lcp")?;
    let start = ExactState::artificial(game);
    let labels = start.m + start.n;
    let mut seen = std::collections::BTreeSet::from([start.key()]);
    let mut queue = std::collections::VecDeque::from([start]);
    let mut out: Vec<ExactProfile> = Vec::new();
    while let Some(state) = queue.pop_front() {
        for k in 0..labels {
            let Some(next) = state.follow(k, max_pivots)? else {
                continue;
            };
            if !seen.insert(next.key()) {
                continue;
            }
            let e = next.profile();
            if !out.contains(&e) {
                out.push(e);
            }
            queue.push_back(next);
        }
    }
    Ok(out)
}

/// An exact tableau `rows × (vars + rows + 1)`, slack block at `vars`.
#[derive(Clone)]
struct ExactTab {
    rows: usize,
    width: usize,
    slack: usize,
    t: Vec<Vec<BigRational>>,
    basis: Vec<usize>,
}

impl ExactTab {
    fn new(rows: usize, vars: usize, coef: impl Fn(usize, usize) -> BigRational) -> Self {
        let width = vars + rows + 1;
        let t = (0..rows)
            .map(|r| {
                (0..width)
                    .map(|c| {
                        if c < vars {
                            coef(r, c)
                        } else if c == vars + r || c == width - 1 {
                            BigRational::one()
                        } else {
                            BigRational::zero()
                        }
                    })
                    .collect()
            })
            .collect();
        Self {
            rows,
            width,
            slack: vars,
            t,
            basis: (vars..vars + rows).collect(),
        }
    }

    fn ratio_row(&self, e: usize) -> Option<usize> {
        let mut cand: Vec<usize> = (0..self.rows)
            .filter(|&r| self.t[r][e].is_positive())
            .collect();
        let keys = std::iter::once(self.width - 1).chain(self.slack..self.slack + self.rows);
        for key in keys {
            if cand.len() <= 1 {
                break;
            }
            let ratio = |r: usize| &self.t[r][key] / &self.t[r][e];
            let min = cand.iter().map(|&r| ratio(r)).min()?;
            cand.retain(|&r| ratio(r) == min);
        }
        cand.first().copied()
    }

    fn pivot(&mut self, r: usize, e: usize) -> usize {
        let inv = BigRational::one() / self.t[r][e].clone();
        for x in self.t[r].iter_mut() {
            *x = &*x * &inv;
        }
        let prow = self.t[r].clone();
        for (row, line) in self.t.iter_mut().enumerate() {
            if row == r || line[e].is_zero() {
                continue;
            }
            let f = line[e].clone();
            for (x, p) in line.iter_mut().zip(&prow) {
                *x -= &f * p;
            }
        }
        std::mem::replace(&mut self.basis[r], e)
    }

    fn distribution(&self, vars: usize) -> Vec<BigRational> {
        let mut v = vec![BigRational::zero(); vars];
        for (r, &b) in self.basis.iter().enumerate() {
            if b < vars {
                v[b] = self.t[r][self.width - 1].clone();
            }
        }
        let s: BigRational = v.iter().sum();
        if s.is_positive() {
            v.iter_mut().for_each(|x| *x = &*x / &s);
        }
        v
    }
}

/// Checks, without solving, that `--exact` can run `method` on `game` with `opts`: the method
/// is pure, enummixed, lcp or lh, the game has two players and is within the method's budget,
/// and `lh`'s label exists. These are the bad-input errors [`solve`] can return.
pub fn check(game: &Game, method: Method, opts: &SolveOptions) -> Result<(), SolveError> {
    if !matches!(
        method,
        Method::Pure | Method::EnumMixed | Method::Lcp | Method::Lh
    ) {
        return Err(SolveError::BadOption {
            name: "exact",
            value: method.name().into(),
            allowed: "--exact works with the two-player methods pure, enummixed, lcp and lh".into(),
        });
    }
    two_player(game, method.name())?;
    budget::check(game, method, opts)?;
    if method == Method::EnumMixed {
        enum_budget(game)?;
    }
    let (m, n) = (game.num_strategies(0), game.num_strategies(1));
    if method == Method::Lh && opts.label >= m + n {
        return Err(super::lh::label_error(opts.label, m, n));
    }
    Ok(())
}

/// `--exact`: runs `method` (pure, enummixed, lcp or lh) in rational arithmetic and reports
/// each equilibrium with its exact probabilities (`exact`, Gambit-style text) beside the float
/// values evaluated in the game.
pub fn solve(game: &Game, method: Method, opts: &SolveOptions) -> Result<SolveReport, SolveError> {
    budget::check(game, method, opts)?;
    let mut notes =
        vec!["exact rational arithmetic; payoffs read as their shortest decimals".into()];
    let profiles = match method {
        Method::Pure => pure(game)?,
        Method::EnumMixed => {
            let (found, degenerate) = extreme_equilibria(game)?;
            if degenerate {
                notes.push(super::enummixed::DEGENERATE_NOTE.to_string());
            }
            found
        }
        Method::Lcp => lcp(game, opts.max_pivots)?,
        Method::Lh => vec![lh(game, opts.label, opts.max_pivots)?],
        other => {
            return Err(SolveError::BadOption {
                name: "exact",
                value: other.name().into(),
                allowed: "--exact works with the two-player methods pure, enummixed, lcp and lh"
                    .into(),
            })
        }
    };
    let equilibria: Vec<Equilibrium> = profiles
        .iter()
        .map(|p| {
            let mut e = Equilibrium::evaluate(game, to_f64(p));
            e.exact = Some(p.iter().map(|v| v.iter().map(text).collect()).collect());
            e
        })
        .collect();
    // Every extreme equilibrium is listed: the exact structure of the set.
    let structure = if method == Method::EnumMixed {
        let extreme: Vec<usize> = (0..equilibria.len()).collect();
        match super::structure::analyse(game, &equilibria, &extreme, opts.tolerance) {
            Ok(s) => Some(s),
            Err(why) => {
                notes.push(why.to_string());
                None
            }
        }
    } else {
        None
    };
    Ok(SolveReport {
        game: GameSummary::of(game),
        method: method.name().to_string(),
        equilibria,
        components: Vec::new(),
        structure,
        notes,
    })
}

/// A float copy of an exact profile.
pub fn to_f64(p: &ExactProfile) -> Vec<Vec<f64>> {
    use num_traits::ToPrimitive;
    p.iter()
        .map(|v| v.iter().map(|r| r.to_f64().unwrap_or(f64::NAN)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::super::{enummixed as float_enum, lcp as float_lcp, lh as float_lh};
    use super::*;

    fn texts(p: &ExactProfile) -> Vec<Vec<String>> {
        p.iter().map(|v| v.iter().map(text).collect()).collect()
    }

    #[test]
    fn decimals_and_fractions() {
        assert_eq!(text(&rational_of(0.1)), "1/10");
        assert_eq!(text(&rational_of(-2.5)), "-5/2");
        assert_eq!(text(&rational_of(4294967296.0)), "4294967296");
        assert_eq!(text(&rational_of(1e-3)), "1/1000");
        assert_eq!(text(&rational_of(0.0)), "0");
    }

    #[test]
    fn battle_of_sexes_exact() {
        let g = battle_of_sexes();
        let all = enummixed(&g).unwrap();
        let t: Vec<_> = all.iter().map(texts).collect();
        assert!(t.contains(&vec![
            vec!["2/3".into(), "1/3".into()],
            vec!["1/3".into(), "2/3".into()]
        ]));
        assert_eq!(all.len(), 3);
        assert_eq!(pure(&g).unwrap().len(), 2);
        let e = lh(&g, 0, 100).unwrap();
        assert!(all.contains(&e));
        let explored = lcp(&g, 100).unwrap();
        assert_eq!(
            explored.len(),
            3,
            "the Lemke–Howson graph reaches the mixed equilibrium"
        );
        assert!(explored.iter().all(|e| all.contains(e)));
    }

    fn game(a: &[&[f64]], b: &[&[f64]]) -> Game {
        let rows = |m: &[&[f64]]| m.iter().map(|r| r.to_vec()).collect::<Vec<_>>();
        Game::bimatrix(&rows(a), &rows(b)).unwrap()
    }

    /// Degenerate games: the extreme equilibria whose supports differ in size are found too.
    /// In A = [[1, 3], [1, 1]], B = [[0, 3], [3, 2]] column 0 makes the row player indifferent,
    /// and x = (1/4, 3/4) makes the column player indifferent (9/4 either way): a third
    /// extreme equilibrium beside (r0, c1) and (r1, c0). In von Stengel's degenerate 3×2 game
    /// (Handbook of Game Theory vol. 3, ch. 45) ((1, 0, 0), (2/3, 1/3)) is one.
    #[test]
    fn degenerate_games_keep_every_extreme_equilibrium() {
        let g = game(&[&[1.0, 3.0], &[1.0, 1.0]], &[&[0.0, 3.0], &[3.0, 2.0]]);
        let found: Vec<_> = enummixed(&g).unwrap().iter().map(texts).collect();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found.contains(&vec![s(&["1/4", "3/4"]), s(&["1", "0"])]),
            "{found:?}"
        );
        assert!(
            found.contains(&vec![s(&["1", "0"]), s(&["0", "1"])]),
            "{found:?}"
        );
        assert!(
            found.contains(&vec![s(&["0", "1"]), s(&["1", "0"])]),
            "{found:?}"
        );
        let report = solve(&g, Method::EnumMixed, &SolveOptions::default()).unwrap();
        assert!(
            report
                .notes
                .iter()
                .any(|n| n.starts_with("the game is degenerate")),
            "{:?}",
            report.notes
        );
        let v = game(
            &[&[3.0, 3.0], &[2.0, 5.0], &[0.0, 6.0]],
            &[&[3.0, 3.0], &[2.0, 6.0], &[3.0, 1.0]],
        );
        let found: Vec<_> = enummixed(&v).unwrap().iter().map(texts).collect();
        assert!(
            found.contains(&vec![s(&["1", "0", "0"]), s(&["2/3", "1/3"])]),
            "{found:?}"
        );
        // A nondegenerate game gets no such note.
        let bos = solve(
            &battle_of_sexes(),
            Method::EnumMixed,
            &SolveOptions::default(),
        )
        .unwrap();
        assert!(
            !bos.notes.iter().any(|n| n.contains("degenerate")),
            "{:?}",
            bos.notes
        );
    }

    /// Small-integer payoffs make most games degenerate: exact and float vertex enumeration
    /// list the same extreme equilibria, and every one is an equilibrium (no pure strategy
    /// beats it, exactly).
    #[test]
    fn float_and_exact_agree_on_degenerate_games() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let mut degenerate = 0;
        for seed in 0..80 {
            let (m, n) = (rng.random_range(2..=4), rng.random_range(2..=4));
            let payoff = |rng: &mut rand_chacha::ChaCha8Rng| -> Vec<Vec<f64>> {
                (0..m)
                    .map(|_| {
                        (0..n)
                            .map(|_| f64::from(rng.random_range(0..4u8)))
                            .collect()
                    })
                    .collect()
            };
            let (a, b) = (payoff(&mut rng), payoff(&mut rng));
            let g = Game::bimatrix(&a, &b).unwrap();
            let exact = enummixed(&g).unwrap();
            let floats = float_enum::solve(&g, 1e-9).unwrap();
            degenerate += usize::from(floats.notes.iter().any(|n| n.contains("degenerate")));
            assert_eq!(
                exact.len(),
                floats.equilibria.len(),
                "seed {seed}: {a:?} {b:?}"
            );
            for e in &exact {
                let f = to_f64(e);
                assert!(
                    floats.equilibria.iter().any(|x| x.distance(&f) < 1e-9),
                    "seed {seed}: {f:?}"
                );
                let (ar, br) = (
                    a.iter()
                        .map(|r| r.iter().copied().map(rational_of).collect::<Vec<_>>())
                        .collect::<Vec<_>>(),
                    b.iter()
                        .map(|r| r.iter().copied().map(rational_of).collect::<Vec<_>>())
                        .collect::<Vec<_>>(),
                );
                let value = |i: usize, j: usize, k: usize| -> BigRational {
                    if k == 0 {
                        ar[i][j].clone()
                    } else {
                        br[i][j].clone()
                    }
                };
                let (x, y) = (&e[0], &e[1]);
                let row =
                    |i: usize| -> BigRational { (0..n).map(|j| value(i, j, 0) * &y[j]).sum() };
                let col =
                    |j: usize| -> BigRational { (0..m).map(|i| value(i, j, 1) * &x[i]).sum() };
                let u1: BigRational = (0..m).map(|i| row(i) * &x[i]).sum();
                let u2: BigRational = (0..n).map(|j| col(j) * &y[j]).sum();
                assert!(
                    (0..m).all(|i| row(i) <= u1) && (0..n).all(|j| col(j) <= u2),
                    "seed {seed}"
                );
            }
        }
        assert!(degenerate >= 20, "{degenerate} degenerate games of 80");
    }

    /// Exact vertex enumeration has its own budget: 10 × 10 (184,755 systems per polytope,
    /// about 36 s) is refused before any work, with the float method and `lcp --exact` named
    /// as the ways out; 6 × 6 (923) runs.
    #[test]
    fn exact_enumeration_refuses_games_beyond_its_budget() {
        let big = random_game(&[10, 10], 3);
        for e in [
            check(&big, Method::EnumMixed, &SolveOptions::default()).unwrap_err(),
            enummixed(&big).unwrap_err(),
        ] {
            let text = e.to_string();
            assert!(matches!(e, SolveError::TooLarge { .. }), "{text}");
            assert!(
                text.contains("limit 5e4") && text.contains("drop --exact"),
                "{text}"
            );
        }
        assert!(check(&big, Method::Lcp, &SolveOptions::default()).is_ok());
        let small = random_game(&[6, 6], 3);
        assert!(!enummixed(&small).unwrap().is_empty());
    }

    #[test]
    fn float_and_exact_agree_on_random_games() {
        for seed in 0..40 {
            let g = random_game(&[4, 4], seed);
            let exact = enummixed(&g).unwrap();
            let floats = float_enum::solve(&g, 1e-9).unwrap();
            assert_eq!(exact.len(), floats.equilibria.len(), "seed {seed}");
            for e in &exact {
                let f = to_f64(e);
                assert!(
                    floats.equilibria.iter().any(|x| x.distance(&f) < 1e-9),
                    "seed {seed}: {f:?}"
                );
            }
            let exact_lcp = lcp(&g, 1000).unwrap();
            let float_lcp = float_lcp::solve(&g, 1000).unwrap();
            assert_eq!(exact_lcp.len(), float_lcp.equilibria.len(), "seed {seed}");
            for (e, f) in exact_lcp.iter().zip(&float_lcp.equilibria) {
                assert!(
                    f.distance(&to_f64(e)) < 1e-9,
                    "seed {seed}: lcp order or value"
                );
            }
            for k in 0..8 {
                let f = float_lh::lemke_howson(&g, k, 1000).unwrap();
                let e = to_f64(&lh(&g, k, 1000).unwrap());
                let d = f
                    .iter()
                    .flatten()
                    .zip(e.iter().flatten())
                    .map(|(a, b)| (a - b).abs())
                    .fold(0.0, f64::max);
                assert!(d < 1e-9, "seed {seed} label {k}");
            }
        }
    }
}
