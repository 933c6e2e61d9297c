//! Connected sets of equilibria in the listing of `--method all`.
//!
//! The segment rule: when two Nash equilibria differ in exactly one player's strategy, every
//! mix of the two is a Nash equilibrium too. That player is indifferent between its two
//! strategies given the others' (both are best responses to the same opponents), so it is
//! indifferent to any mix of them; each other player's payoffs are linear in that player's
//! mix, so a best response against both ends is one against every mix. (With regrets instead
//! of exact equilibria, a mix's regret is at most the larger of the ends'.) More generally,
//! equilibria that agree outside one player span a convex set: every mix of their strategies
//! for that player is an equilibrium. Such a set is a *piece*.
//!
//! [`group`] finds the pieces among the equilibria `all` lists, joins pieces that share an
//! equilibrium into *components*, keeps listing the equilibria that span each piece (its
//! points: the extreme points of what was found on it, by a non-negative least-squares hull
//! test), and moves the ones inside the hull of the others, with the methods that found them,
//! under their component.
//!
//! Solvers' answers are floating point, so "agree outside one player" is decided within
//! [`COMPONENT_TOLERANCE`]; an equilibrium joins a piece only if, in addition, the mixes of it
//! with each member already in the piece (at ¼, ½ and ¾, every player's strategy mixed) pass
//! the game's own Nash check ([`super::nash_violation`] at the solver's tolerance). Two
//! isolated equilibria a hair apart in a second player are therefore not joined.
//!
//! What is claimed, and what is not: every mix of a piece's points is an equilibrium. A chain
//! of pieces (for different players, or for one player with the others at different
//! strategies) is connected; whether mixes across pieces are equilibria is not claimed either
//! way. Equilibria that are not one player apart from another are listed on their own, but
//! that does not say they are isolated: they may be connected to others through mixes in which
//! several players' strategies change, which is not tested. QRE at given λ are never grouped.

use super::nash_violation;
use super::report::Equilibrium;
use crate::game::{Game, MixedProfile};
use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// Largest difference of a probability at which `all` treats two strategies as the same, or
/// a profile as lying on a segment, when grouping equilibria into components.
pub const COMPONENT_TOLERANCE: f64 = 1e-6;

/// A connected set of Nash equilibria: the listed equilibria that span it, the convex pieces
/// it is made of, and the equilibria found inside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    /// Indices (from 0) in the report's `equilibria` of the equilibria found on the set that
    /// stay listed: the points of its pieces.
    pub listed_points: Vec<usize>,
    /// Whether the set found is one piece: every mix of its listed points is then an
    /// equilibrium. With several pieces, mixes across pieces are not claimed to be equilibria
    /// (nor claimed not to be).
    pub single_piece: bool,
    /// The convex pieces.
    pub pieces: Vec<Piece>,
    /// The set in words.
    pub description: String,
    /// Equilibria found strictly inside a piece, with the methods that found them, in the order
    /// `all` found them.
    pub interior: Vec<InteriorPoint>,
}

/// A convex set of equilibria that agree outside one player: every mix of that player's
/// mixed strategies at its points (the others playing as there) is an equilibrium.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Piece {
    /// The player who is indifferent (index in the game's players).
    pub player: usize,
    /// Indices (from 0) in the report's `equilibria` of the piece's listed points: the extreme
    /// points of the equilibria found on it (none is in the hull of the others; the piece is
    /// their convex hull).
    pub points: Vec<usize>,
    /// The piece in words.
    pub description: String,
}

/// An equilibrium found strictly inside a piece of a component.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InteriorPoint {
    /// Index (from 0) in the component's `pieces` of the piece it lies in.
    pub piece: usize,
    /// The equilibrium, with `method` and `methods` as in the report's `equilibria`.
    #[serde(flatten)]
    pub equilibrium: Equilibrium,
}

/// Largest absolute difference between two probability vectors of the same length.
pub(super) fn gap(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// The one player whose strategy differs between `a` and `b` (all others agree within `tol`),
/// or `None` when none or several do.
#[cfg(test)]
fn one_player_apart(a: &MixedProfile, b: &MixedProfile, tol: f64) -> Option<usize> {
    let mut differ = (0..a.len()).filter(|&i| gap(&a[i], &b[i]) > tol);
    match (differ.next(), differ.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// Whether `p` lies strictly between `a` and `b` on the segment joining them: within `tol` of
/// the point a + t·(b − a) for some t, and farther than `tol` from both ends.
#[cfg(test)]
fn strictly_between(p: &[f64], a: &[f64], b: &[f64], tol: f64) -> bool {
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
    let norm: f64 = d.iter().map(|x| x * x).sum();
    if norm == 0.0 || gap(p, a) <= tol || gap(p, b) <= tol {
        return false;
    }
    let t = p
        .iter()
        .zip(a)
        .zip(&d)
        .map(|((x, y), z)| (x - y) * z)
        .sum::<f64>()
        / norm;
    let on_line = p
        .iter()
        .zip(a)
        .zip(&d)
        .all(|((x, y), z)| (x - (y + t * z)).abs() <= tol);
    on_line && t > 0.0 && t < 1.0
}

/// Whether `p` is a convex combination of `points`, to `tol` in every coordinate, and farther
/// than `tol` from each of them: a non-negative least-squares fit of `p` by the points, with
/// the weights' sum held at 1 by a heavily weighted extra row.
pub(super) fn in_hull(p: &[f64], points: &[&[f64]], tol: f64) -> bool {
    if points.is_empty() || points.iter().any(|q| gap(p, q) <= tol) {
        return false;
    }
    const SUM_WEIGHT: f64 = 1e3;
    let m = p.len();
    let a = DMatrix::from_fn(m + 1, points.len(), |r, c| {
        if r < m {
            points[c][r]
        } else {
            SUM_WEIGHT
        }
    });
    let b = DVector::from_fn(m + 1, |r, _| if r < m { p[r] } else { SUM_WEIGHT });
    let Some(x) = nnls(&a, &b) else {
        return false;
    };
    let fit = &a * &x;
    (0..m).all(|r| (fit[r] - b[r]).abs() <= tol) && ((fit[m] - b[m]) / SUM_WEIGHT).abs() <= tol
}

/// Non-negative least squares, min ‖A·x − b‖ over x ≥ 0, by Lawson and Hanson's active-set
/// method; `None` when it does not settle within its budget of 3n + 10 outer steps (the
/// caller then treats the point as outside the hull, which claims less).
fn nnls(a: &DMatrix<f64>, b: &DVector<f64>) -> Option<DVector<f64>> {
    let n = a.ncols();
    let mut x = DVector::zeros(n);
    let mut passive = vec![false; n];
    // The stopping floor on the gradient, near rounding: a coarser one (1e-12 of the norms,
    // which the hull test's weighted sum row inflates) stopped short of small weights.
    let floor = 1e-15 * (a.norm() * b.norm()).max(1.0);
    for _ in 0..3 * n + 10 {
        let w = a.transpose() * (b - a * &x);
        let entering = (0..n)
            .filter(|&j| !passive[j])
            .max_by(|&i, &j| w[i].total_cmp(&w[j]))
            .filter(|&j| w[j] > floor);
        let Some(j) = entering else {
            return Some(x);
        };
        passive[j] = true;
        loop {
            let idx: Vec<usize> = (0..n).filter(|&i| passive[i]).collect();
            if idx.is_empty() {
                break;
            }
            let s = a
                .select_columns(idx.iter())
                .svd(true, true)
                .solve(b, 1e-14)
                .ok()?;
            if s.iter().all(|&v| v > 0.0) {
                x.fill(0.0);
                for (t, &i) in idx.iter().enumerate() {
                    x[i] = s[t];
                }
                break;
            }
            // Step from x toward s until the first passive weight reaches 0; drop those at 0.
            let alpha = idx
                .iter()
                .enumerate()
                .filter(|&(t, _)| s[t] <= 0.0)
                .map(|(t, &i)| x[i] / (x[i] - s[t]))
                .fold(f64::INFINITY, f64::min);
            for (t, &i) in idx.iter().enumerate() {
                x[i] += alpha * (s[t] - x[i]);
                if x[i] <= 1e-15 {
                    x[i] = 0.0;
                    passive[i] = false;
                }
            }
        }
    }
    None
}

/// The profile (1 − t)·a + t·b, every player's strategy mixed.
fn mix(a: &MixedProfile, b: &MixedProfile, t: f64) -> MixedProfile {
    a.iter()
        .zip(b)
        .map(|(x, y)| {
            x.iter()
                .zip(y)
                .map(|(p, q)| (1.0 - t) * p + t * q)
                .collect()
        })
        .collect()
}

/// A piece while grouping: its player and members (indices into the listing).
struct Raw {
    player: usize,
    members: Vec<usize>,
}

/// Groups `list` (the equilibria `all` found, in order) into components (module docs): returns
/// the equilibria still listed (isolated ones and the ends of pieces, in their order) and the
/// components, whose indices refer to the returned list. `list` comes back unchanged, with no
/// component, when no two equilibria are one player apart. `tau` is the Nash tolerance the
/// mixes are checked at (the solvers' `tolerance`).
pub fn group(game: &Game, list: Vec<Equilibrium>, tau: f64) -> (Vec<Equilibrium>, Vec<Component>) {
    let tol = COMPONENT_TOLERANCE;
    // Whether the mixes of `a` and `b` (every player's strategy mixed) at ¼, ½ and ¾ are Nash
    // equilibria: what the segment rule promises when the others agree exactly.
    let mixes_hold = |a: &MixedProfile, b: &MixedProfile| {
        [0.25, 0.5, 0.75]
            .iter()
            .all(|&t| nash_violation(game, &mix(a, b, t), tau).is_none())
    };
    let candidates: Vec<usize> = (0..list.len())
        .filter(|&k| list[k].lambda.is_none())
        .collect();
    // Pieces: for each player, the classes of two or more equilibria that agree outside it.
    let mut raw: Vec<Raw> = Vec::new();
    for player in 0..game.num_players() {
        let mut classes: Vec<Vec<usize>> = Vec::new();
        for &k in &candidates {
            let agrees = |c: &Vec<usize>| {
                (0..game.num_players())
                    .filter(|&j| j != player)
                    .all(|j| gap(&list[c[0]].profile[j], &list[k].profile[j]) <= tol)
                    && c.iter()
                        .all(|&m| mixes_hold(&list[m].profile, &list[k].profile))
            };
            match classes.iter_mut().find(|c| agrees(c)) {
                Some(c) => c.push(k),
                None => classes.push(vec![k]),
            }
        }
        raw.extend(
            classes
                .into_iter()
                .filter(|c| c.len() >= 2)
                .map(|members| Raw { player, members }),
        );
    }
    if raw.is_empty() {
        return (list, Vec::new());
    }
    // Ends of each piece: members not strictly between two other members.
    // Points of each piece: its members outside the convex hull of its other points, taken in
    // order (dropping a point inside the hull leaves the hull as it was, so the order does not
    // change the hull, only which of two equal points stays).
    let ends: Vec<Vec<usize>> = raw
        .iter()
        .map(|piece| {
            let at = |m: usize| list[m].profile[piece.player].as_slice();
            let mut points = piece.members.clone();
            for &k in &piece.members {
                let others: Vec<&[f64]> =
                    points.iter().filter(|&&m| m != k).map(|&m| at(m)).collect();
                if in_hull(at(k), &others, tol) {
                    points.retain(|&m| m != k);
                }
            }
            points
        })
        .collect();
    // Listed: in no piece, or an end of one.
    let in_piece = |k: usize| raw.iter().any(|p| p.members.contains(&k));
    let listed: Vec<bool> = (0..list.len())
        .map(|k| !in_piece(k) || ends.iter().any(|e| e.contains(&k)))
        .collect();
    // Components: pieces joined through shared members (union–find over the pieces).
    let mut root: Vec<usize> = (0..raw.len()).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    for a in 0..raw.len() {
        for b in a + 1..raw.len() {
            if raw[a].members.iter().any(|k| raw[b].members.contains(k)) {
                let (ra, rb) = (find(&mut root, a), find(&mut root, b));
                root[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    // New indices of the listed equilibria.
    let mut new_index = vec![usize::MAX; list.len()];
    let mut next = 0;
    for (k, slot) in new_index.iter_mut().enumerate() {
        if listed[k] {
            *slot = next;
            next += 1;
        }
    }
    // Components in the order of their first piece.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: Vec<Option<usize>> = vec![None; raw.len()];
    for p in 0..raw.len() {
        let r = find(&mut root, p);
        match group_of_root[r] {
            Some(g) => groups[g].push(p),
            None => {
                group_of_root[r] = Some(groups.len());
                groups.push(vec![p]);
            }
        }
    }
    let components: Vec<Component> = groups
        .iter()
        .map(|pieces| {
            let mut members: Vec<usize> = pieces
                .iter()
                .flat_map(|&p| raw[p].members.iter().copied())
                .collect();
            members.sort_unstable();
            members.dedup();
            let pieces_out: Vec<Piece> = pieces
                .iter()
                .map(|&p| {
                    let e: Vec<usize> = ends[p].iter().map(|&k| new_index[k]).collect();
                    Piece {
                        player: raw[p].player,
                        description: piece_words(game, &list, raw[p].player, &ends[p], &e),
                        points: e,
                    }
                })
                .collect();
            let interior = members
                .iter()
                .filter(|&&k| !listed[k])
                .map(|&k| InteriorPoint {
                    piece: pieces
                        .iter()
                        .position(|&p| raw[p].members.contains(&k))
                        .unwrap_or(0),
                    equilibrium: list[k].clone(),
                })
                .collect();
            let listed_points: Vec<usize> = members
                .iter()
                .filter(|&&k| listed[k])
                .map(|&k| new_index[k])
                .collect();
            let single_piece = pieces_out.len() == 1;
            Component {
                description: component_words(&listed_points, &pieces_out, single_piece),
                listed_points,
                single_piece,
                pieces: pieces_out,
                interior,
            }
        })
        .collect();
    let kept = list
        .into_iter()
        .zip(listed)
        .filter_map(|(e, l)| l.then_some(e))
        .collect();
    (kept, components)
}

/// `#k` for an index from 0, as the text report numbers the equilibria.
fn number(k: usize) -> String {
    format!("#{}", k + 1)
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "#1 and #2" for indices from 0.
pub(super) fn numbers(ends: &[usize]) -> String {
    and_list(&ends.iter().map(|&k| number(k)).collect::<Vec<_>>())
}

/// A piece in words, from its player and its ends (`ends`: indices into the original listing;
/// `shown`: the same in the returned listing).
fn piece_words(
    game: &Game,
    list: &[Equilibrium],
    player: usize,
    ends: &[usize],
    shown: &[usize],
) -> String {
    let name = &game.players()[player];
    let names = &game.strategies()[player];
    // The strategy each end plays with certainty, when every end is pure for the player.
    let pure: Option<Vec<usize>> = ends
        .iter()
        .map(|&k| {
            let p = &list[k].profile[player];
            let mut played = (0..p.len()).filter(|&j| p[j] > COMPONENT_TOLERANCE);
            match (played.next(), played.next()) {
                (Some(j), None) => Some(j),
                _ => None,
            }
        })
        .collect();
    match pure {
        Some(mut s) => {
            s.sort_unstable();
            s.dedup();
            let s: Vec<String> = s.into_iter().map(|j| names[j].clone()).collect();
            format!("{name} indifferent: every mix of {}", and_list(&s))
        }
        None => format!(
            "{name} indifferent: every mix of {name}'s mixed strategies at {}",
            numbers(shown)
        ),
    }
}

/// A component in words (indices into the returned listing).
fn component_words(listed: &[usize], pieces: &[Piece], single_piece: bool) -> String {
    let ends = numbers;
    if single_piece {
        let p = &pieces[0];
        let between = if p.points.len() == 2 {
            "every mix between them"
        } else {
            "every mix of them"
        };
        return format!(
            "{}, and {between}, are equilibria ({}; the other players' strategies are the same \
             at {})",
            ends(&p.points),
            p.description,
            ends(&p.points),
        );
    }
    format!(
        "a connected set of equilibria through {}, made of {} convex pieces, each a set \
         of equilibria; mixes across pieces are not claimed to be equilibria",
        ends(listed),
        pieces.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::*;

    fn eq(game: &Game, profile: MixedProfile) -> Equilibrium {
        Equilibrium::evaluate(game, profile)
    }

    /// The segment rule: two equilibria one player apart have every mix between them as an
    /// equilibrium; two equilibria that differ in both players need not (battle of the sexes:
    /// the midpoint of its pure equilibria is not one), and are not joined.
    #[test]
    fn the_segment_rule() {
        let g = two_segments();
        let a = vec![vec![1.0, 0.0], vec![1.0, 0.0, 0.0]];
        let b = vec![vec![1.0, 0.0], vec![0.0, 1.0, 0.0]];
        assert_eq!(g.epsilon(&a), 0.0);
        assert_eq!(g.epsilon(&b), 0.0);
        assert_eq!(one_player_apart(&a, &b, COMPONENT_TOLERANCE), Some(1));
        for k in 1..10 {
            let t = f64::from(k) / 10.0;
            let mix = vec![vec![1.0, 0.0], vec![1.0 - t, t, 0.0]];
            assert_eq!(g.epsilon(&mix), 0.0, "t = {t}");
            assert!(strictly_between(&mix[1], &a[1], &b[1], COMPONENT_TOLERANCE));
        }
        assert!(!strictly_between(&a[1], &a[1], &b[1], COMPONENT_TOLERANCE));
        assert!(!strictly_between(
            &[0.5, 0.4, 0.1],
            &a[1],
            &b[1],
            COMPONENT_TOLERANCE
        ));
        // Past an end is not between.
        assert!(!strictly_between(
            &[1.5, -0.5, 0.0],
            &a[1],
            &b[1],
            COMPONENT_TOLERANCE
        ));
        let bos = battle_of_sexes();
        let (x, y) = (
            vec![vec![1.0, 0.0], vec![1.0, 0.0]],
            vec![vec![0.0, 1.0], vec![0.0, 1.0]],
        );
        assert_eq!(one_player_apart(&x, &y, COMPONENT_TOLERANCE), None);
        assert!(bos.epsilon(&vec![vec![0.5, 0.5], vec![0.5, 0.5]]) > 0.1);
        let (listed, components) = group(&bos, vec![eq(&bos, x), eq(&bos, y)], 1e-9);
        assert_eq!(listed.len(), 2);
        assert!(components.is_empty());
    }

    #[test]
    fn interior_points_go_under_their_component_and_others_stay_separate() {
        let g = two_segments();
        let third = 1.0 / 3.0;
        let list = vec![
            eq(&g, vec![vec![1.0, 0.0], vec![1.0, 0.0, 0.0]]),
            eq(&g, vec![vec![1.0, 0.0], vec![0.0, 1.0, 0.0]]),
            eq(&g, vec![vec![0.0, 1.0], vec![0.0, 0.0, 1.0]]),
            eq(&g, vec![vec![1.0, 0.0], vec![0.5, 0.5, 0.0]]),
            eq(&g, vec![vec![0.5, 0.5], vec![third, 0.0, 2.0 * third]]),
            eq(&g, vec![vec![0.5, 0.5], vec![0.0, third, 2.0 * third]]),
            eq(
                &g,
                vec![vec![0.5, 0.5], vec![0.25, 0.25 * third, 2.0 * third]],
            ),
        ];
        assert!(list.iter().all(|e| e.epsilon < 1e-12));
        let (listed, components) = group(&g, list.clone(), 1e-9);
        assert_eq!(listed, [0, 1, 2, 4, 5].map(|k| list[k].clone()));
        assert_eq!(components.len(), 2, "{components:?}");
        let pure = &components[0];
        assert_eq!(pure.listed_points, [0, 1]);
        assert!(pure.single_piece);
        assert_eq!(pure.pieces[0].player, 1);
        assert_eq!(pure.interior.len(), 1);
        assert_eq!(pure.interior[0].equilibrium, list[3]);
        assert_eq!(
            pure.description,
            "#1 and #2, and every mix between them, are equilibria (Player 2 indifferent: \
             every mix of 1 and 2; the other players' strategies are the same at #1 and #2)"
        );
        let mixed = &components[1];
        assert_eq!(mixed.listed_points, [3, 4]);
        assert_eq!(mixed.interior[0].equilibrium, list[6]);
        assert!(
            mixed.pieces[0].description.ends_with(
                "Player 2 indifferent: every mix of Player 2's mixed strategies at #4 and #5"
            ),
            "{}",
            mixed.pieces[0].description
        );
        // (R2, C3), #3, is in neither.
        assert!(components.iter().all(|c| !c.listed_points.contains(&2)));
    }

    /// A chain: A–B one player apart and B–C another player apart is connected, but a mix of A
    /// and C need not be an equilibrium, and the description says so.
    #[test]
    fn a_chain_of_pieces_is_connected_and_claims_no_cross_mix() {
        // Both players get 1 unless (R2, C2), where both get 0: (R1, C1), (R1, C2) and
        // (R2, C1) are equilibria; (R1, C2) and (R2, C1) differ in both players.
        let g = bimatrix(&[[1.0, 1.0], [1.0, 0.0]], &[[1.0, 1.0], [1.0, 0.0]]);
        let a = vec![vec![1.0, 0.0], vec![0.0, 1.0]];
        let b = vec![vec![1.0, 0.0], vec![1.0, 0.0]];
        let c = vec![vec![0.0, 1.0], vec![1.0, 0.0]];
        let mid_ac = vec![vec![0.5, 0.5], vec![0.5, 0.5]];
        assert!(g.epsilon(&mid_ac) > 0.1, "a mix across pieces is not one");
        let (listed, components) = group(&g, vec![eq(&g, a), eq(&g, b), eq(&g, c)], 1e-9);
        assert_eq!(listed.len(), 3);
        assert_eq!(components.len(), 1);
        let c = &components[0];
        assert!(!c.single_piece);
        assert_eq!(c.pieces.len(), 2);
        assert_eq!(c.listed_points, [0, 1, 2]);
        assert!(
            c.description.contains("not claimed to be equilibria"),
            "{}",
            c.description
        );
    }

    /// The rule on many degenerate games (payoffs 0 or 1, so ties abound): for every piece
    /// `group` finds among the pure equilibria and those `enummixed` lists, mixes of any two of
    /// its ends are equilibria.
    #[test]
    fn every_mix_within_a_piece_is_an_equilibrium() {
        use rand::{RngExt, SeedableRng};
        let mut pieces = 0;
        for seed in 0..200u64 {
            let counts: &[usize] = if seed % 2 == 0 { &[3, 3] } else { &[2, 2, 2] };
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let k = counts.iter().product::<usize>() * counts.len();
            let payoffs = (0..k)
                .map(|_| f64::from(rng.random_range(0..2u8)))
                .collect();
            let g = Game::from_counts(counts, payoffs).unwrap();
            let mut list = crate::solve::pure::solve(&g);
            if counts.len() == 2 {
                if let Ok(out) = crate::solve::enummixed::solve(&g, 1e-9) {
                    for e in out.equilibria {
                        if list
                            .iter()
                            .all(|x| x.distance(&e.profile) > COMPONENT_TOLERANCE)
                        {
                            list.push(e);
                        }
                    }
                }
            }
            let (listed, components) = group(&g, list, 1e-9);
            for piece in components.iter().flat_map(|c| &c.pieces) {
                pieces += 1;
                for &a in &piece.points {
                    for &b in &piece.points {
                        for t in [0.25, 0.5, 0.75] {
                            let mix = mix(&listed[a].profile, &listed[b].profile, t);
                            assert!(g.epsilon(&mix) < 1e-9, "seed {seed}: {mix:?}");
                        }
                    }
                }
            }
        }
        assert!(pieces > 50, "only {pieces} pieces");
    }

    /// Two isolated equilibria whose other player differs by a hair (P2 at 1249999/2500000 and
    /// 1250001/2500000, within [`COMPONENT_TOLERANCE`]) are not joined: their midpoint's
    /// regret, 2e-7 of a payoff spread of 1, fails the Nash check, so no segment is claimed.
    #[test]
    fn equilibria_a_hair_apart_in_a_second_player_are_not_joined() {
        let g = Game::bimatrix(
            &[
                vec![1.0, 0.0],
                vec![0.0, 1.0],
                vec![0.500_000_4, 0.500_000_4],
            ],
            &[vec![1.0, 0.0], vec![1.0, 0.0], vec![-1.0, 0.0]],
        )
        .unwrap();
        let a = vec![vec![0.0, 0.5, 0.5], vec![0.499_999_6, 0.500_000_4]];
        let b = vec![vec![0.5, 0.0, 0.5], vec![0.500_000_4, 0.499_999_6]];
        assert!(g.epsilon(&a) < 1e-12 && g.epsilon(&b) < 1e-12);
        assert_eq!(one_player_apart(&a, &b, COMPONENT_TOLERANCE), Some(0));
        let (listed, components) = group(&g, vec![eq(&g, a), eq(&g, b)], 1e-9);
        assert_eq!(listed.len(), 2);
        assert!(components.is_empty(), "{components:?}");
        // The whole pipeline agrees: `all` lists the game's three isolated equilibria.
        let report =
            super::super::solve(&g, super::super::Method::All, &Default::default()).unwrap();
        assert!(report.components.is_empty(), "{:?}", report.components);
        assert_eq!(report.equilibria.len(), 3);
    }

    /// The text header counts equilibria and logit QRE apart: with `--lambda`, the QRE are
    /// listed but are not equilibria, so "all on 1 component" still reads right.
    #[test]
    fn the_header_counts_qre_apart_from_equilibria() {
        let opts = super::super::SolveOptions {
            lambdas: vec![0.5, 2.0],
            ..Default::default()
        };
        let header = |g: &Game, counts: (usize, usize)| {
            let r = super::super::solve(g, super::super::Method::All, &opts).unwrap();
            let qre = r.equilibria.iter().filter(|e| e.lambda.is_some()).count();
            assert_eq!((r.equilibria.len() - qre, qre), counts);
            r.to_string().lines().next().unwrap().to_string()
        };
        // Three players (no exact structure): the segment rule's components.
        assert_eq!(
            header(&with_bystander(&two_segments()), (3, 2)),
            "method all: 3 equilibria and 2 logit QRE at the λ asked for, 2 of the equilibria on \
             1 component of connected equilibria (below)"
        );
        // Two players: the exact structure's components.
        assert_eq!(
            header(&two_segments(), (6, 2)),
            "method all: 6 equilibria and 2 logit QRE at the λ asked for, the equilibria on 3 \
             connected components (below)"
        );
    }

    /// The hull test behind a piece's points: a centroid and a point on an edge are inside,
    /// a vertex, a point outside and a point equal to one of them are not.
    #[test]
    fn points_inside_the_hull_of_others_are_found() {
        let (a, b, c) = ([1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]);
        let tri: [&[f64]; 3] = [&a, &b, &c];
        let third = 1.0 / 3.0;
        assert!(in_hull(&[third, third, third], &tri, COMPONENT_TOLERANCE));
        assert!(in_hull(&[0.5, 0.5, 0.0], &tri, COMPONENT_TOLERANCE));
        assert!(in_hull(&[0.2, 0.3, 0.5], &tri, COMPONENT_TOLERANCE));
        assert!(!in_hull(&a, &tri, COMPONENT_TOLERANCE));
        let ab: [&[f64]; 2] = [&a, &b];
        assert!(!in_hull(&c, &ab, COMPONENT_TOLERANCE));
        assert!(!in_hull(&[0.4, 0.4, 0.2], &ab, COMPONENT_TOLERANCE));
        assert!(in_hull(&[0.4, 0.6, 0.0], &ab, COMPONENT_TOLERANCE));
        // Four points of a square's corners in a 4-strategy simplex and its centre.
        let sq = [
            [0.5, 0.5, 0.0, 0.0],
            [0.0, 0.5, 0.5, 0.0],
            [0.0, 0.0, 0.5, 0.5],
            [0.5, 0.0, 0.0, 0.5],
        ];
        let refs: Vec<&[f64]> = sq.iter().map(|q| q.as_slice()).collect();
        assert!(in_hull(&[0.25; 4], &refs, COMPONENT_TOLERANCE));
        assert!(!in_hull(&[0.7, 0.1, 0.1, 0.1], &refs, COMPONENT_TOLERANCE));
        // A replicator end state inside four extreme strategies of a 5×5 game, with 1.1e-6 on
        // a strategy only one of them plays: the fit needs a weight of 2.2e-6 on that one,
        // whose gradient (8e-7) a stopping floor scaled by the sum row's weight (2e-6) ignored.
        let ext = [
            [0.0, 1.0, 0.0, 0.0, 0.0],
            [0.0, 0.5, 0.0, 0.5, 0.0],
            [0.0, 0.375, 0.0, 0.5, 0.125],
            [0.0, 0.5, 0.0, 0.0, 0.5],
        ];
        let refs: Vec<&[f64]> = ext.iter().map(|q| q.as_slice()).collect();
        let p = [0.0, 0.923614540845, 0.0, 1.112899e-6, 0.076384346256];
        assert!(in_hull(&p, &refs, COMPONENT_TOLERANCE));
    }

    /// A piece's listed points are the extreme points of what was found: the centroid of three
    /// pure equilibria of an indifferent player moves under the component.
    #[test]
    fn a_centroid_found_by_a_solver_is_not_listed_as_a_point() {
        // Player 1's s1 is strictly dominant; player 2 is indifferent among three strategies.
        let g = Game::bimatrix(
            &[vec![1.0, 1.0, 1.0], vec![0.0, 0.0, 0.0]],
            &[vec![0.0, 0.0, 0.0], vec![0.0, 0.0, 0.0]],
        )
        .unwrap();
        let third = 1.0 / 3.0;
        let list = vec![
            eq(&g, vec![vec![1.0, 0.0], vec![1.0, 0.0, 0.0]]),
            eq(&g, vec![vec![1.0, 0.0], vec![0.0, 1.0, 0.0]]),
            eq(&g, vec![vec![1.0, 0.0], vec![0.0, 0.0, 1.0]]),
            eq(&g, vec![vec![1.0, 0.0], vec![third, third, third]]),
        ];
        let (listed, components) = group(&g, list.clone(), 1e-9);
        assert_eq!(listed, list[..3]);
        assert_eq!(components.len(), 1);
        assert_eq!(components[0].listed_points, [0, 1, 2]);
        assert_eq!(components[0].interior.len(), 1);
        assert_eq!(components[0].interior[0].equilibrium, list[3]);
    }

    /// QRE at given λ are not equilibria and never grouped.
    #[test]
    fn qre_are_never_grouped() {
        let g = two_segments();
        let mut a = eq(&g, vec![vec![1.0, 0.0], vec![1.0, 0.0, 0.0]]);
        let b = eq(&g, vec![vec![1.0, 0.0], vec![0.0, 1.0, 0.0]]);
        a.lambda = Some(1.0);
        let (listed, components) = group(&g, vec![a, b], 1e-9);
        assert_eq!(listed.len(), 2);
        assert!(components.is_empty());
    }
}
