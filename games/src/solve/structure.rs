//! The exact structure of a two-player game's set of Nash equilibria: its maximal Nash subsets,
//! its connected components and which equilibria are isolated, computed from the list of every
//! extreme equilibrium (what `enummixed` enumerates).
//!
//! The theory (Winkels 1979, Jansen 1981; Avis, Rosenberg, Savani and von Stengel 2010, §7).
//! Take the bipartite graph whose nodes are the two players' strategies that occur in extreme
//! equilibria and whose edges are the extreme equilibria.
//! - *A complete bipartite subgraph is a convex set of equilibria.* If every pair (xᵢ, yⱼ) of
//!   sets X and Y is an equilibrium, the support of each xᵢ consists of best responses to every
//!   yⱼ, hence (payoffs being linear) to every mix of them; so every mix of X against every
//!   mix of Y is an equilibrium. The maximal ones, the maximal bicliques, are the *maximal
//!   Nash subsets*: conv(X) × conv(Y). Mixes across two of them are not all equilibria (else
//!   they would not be maximal).
//! - *Every equilibrium lies in one.* Let F and G be the smallest faces of the best-response
//!   polytopes containing an equilibrium (x, y). Each vertex of F carries at least x's labels
//!   and each vertex of G at least y's, so every pair of them is completely labelled: an
//!   extreme equilibrium (neither face contains the origin, since x and y are strategies).
//!   So vert(F) × vert(G) is a biclique, and x, y are mixes of its nodes.
//! - *Components are the graph's connected components.* Two maximal Nash subsets that
//!   intersect in (x, y) both put positive weight only on vertices of those faces F and G,
//!   and every vertex of F is joined to every vertex of G, so they are joined in the graph; a
//!   shared node joins two subsets in the set of equilibria too. An equilibrium is therefore
//!   *isolated* exactly when its component is one extreme equilibrium (a node of degree one on
//!   each side).
//!
//! Arithmetic. With `--exact` the extreme equilibria are exact rationals, so two strategies
//! are one node exactly when they are equal, and the structure is exact. In floating point,
//! strategies within [`STRATEGY_TOLERANCE`] are one node: two distinct vertices closer than
//! that are merged, so the structure is that of the float listing, exact only to the
//! precision the float solver resolves (the report says which arithmetic it rests on). Either
//! way each claim is checked against the game: every node pair of a subset, and its centroid,
//! must pass the solvers' Nash check ([`super::nash_violation`]); if one does not, no
//! structure is reported, which claims nothing.

use super::components::{gap, in_hull, numbers};
use super::nash_violation;
use super::report::Equilibrium;
use crate::game::Game;
use serde::Serialize;
use std::collections::BTreeSet;

/// Largest difference of a probability at which two extreme-equilibrium strategies of a player
/// found in floating point are one node of the graph (the same vertex reached from two bases
/// differs by rounding, about 1e-15).
pub const STRATEGY_TOLERANCE: f64 = 1e-9;

/// Largest difference of a probability at which a listed equilibrium that is not extreme is
/// taken to lie in a maximal Nash subset (what other methods find is approximate).
pub const PLACEMENT_TOLERANCE: f64 = 1e-6;

/// Most maximal Nash subsets enumerated; a game with more gets no structure (a note says so).
pub const MAX_SUBSETS: usize = 10_000;

/// The set of Nash equilibria of a two-player game: maximal Nash subsets and connected
/// components. Indices are into the report's `equilibria`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Structure {
    /// Whether the extreme equilibria were computed in exact rational arithmetic (`--exact`):
    /// the structure is then exact; otherwise it is that of the floating-point listing, with
    /// strategies within [`STRATEGY_TOLERANCE`] taken as one.
    pub exact_arithmetic: bool,
    /// The maximal Nash subsets: convex sets of equilibria, each the product of the convex hulls
    /// of its two players' extreme strategies.
    pub subsets: Vec<NashSubset>,
    /// The connected components of the set of equilibria.
    pub components: Vec<ExactComponent>,
}

/// A maximal Nash subset conv(X) × conv(Y): every mix of its first player's extreme strategies
/// against every mix of its second player's is an equilibrium, and no larger such product is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NashSubset {
    /// The component it belongs to (index into `components`).
    pub component: usize,
    /// Per player, for each of its distinct extreme strategies in the subset, one listed
    /// extreme equilibrium in which the player plays it (the first listed).
    pub strategies: Vec<Vec<usize>>,
    /// Every listed extreme equilibrium of the subset: all pairs of the strategies above.
    pub points: Vec<usize>,
    /// The subset in words.
    pub description: String,
}

/// A connected component of the set of Nash equilibria: the union of maximal Nash subsets
/// joined by shared extreme strategies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExactComponent {
    /// Its maximal Nash subsets (indices into `subsets`).
    pub subsets: Vec<usize>,
    /// The listed equilibria in it, extreme or not.
    pub points: Vec<usize>,
    /// Whether it is a single equilibrium, isolated from every other.
    pub isolated: bool,
    /// The component in words.
    pub description: String,
}

/// Why no structure could be given.
#[derive(Debug, Clone, PartialEq)]
pub enum NoStructure {
    /// A claimed subset failed the Nash check (in floating point: two distinct extreme
    /// strategies closer than [`STRATEGY_TOLERANCE`] were merged).
    Unresolved,
    /// More than [`MAX_SUBSETS`] maximal Nash subsets.
    TooManySubsets,
}

impl std::fmt::Display for NoStructure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoStructure::Unresolved => write!(
                f,
                "the connected components are not reported: two extreme strategies within \
                 {STRATEGY_TOLERANCE:e} of each other, taken as one, made a set of profiles \
                 that fails the Nash check (--exact computes them in exact arithmetic)"
            ),
            NoStructure::TooManySubsets => write!(
                f,
                "the connected components are not reported: the game has more than \
                 {MAX_SUBSETS} maximal Nash subsets"
            ),
        }
    }
}

/// The structure of the equilibria of the two-player `game`, given every one of its extreme
/// equilibria (`extreme`, indices into `list`, the report's listing) and every other listed
/// equilibrium (the rest of `list`, for example points other methods found), which is placed in
/// the component whose subset contains it (none if no subset does, within tolerance). `tau` is
/// the solvers' Nash tolerance.
///
/// # Panics
/// If `game` does not have two players or an index is out of range.
pub fn analyse(
    game: &Game,
    list: &[Equilibrium],
    extreme: &[usize],
    tau: f64,
) -> Result<Structure, NoStructure> {
    assert_eq!(
        game.num_players(),
        2,
        "the structure is for two-player games"
    );
    // Nodes: the distinct strategies of each player; `node[i][k]` is the node of extreme[k].
    // With exact probabilities (`--exact`) strategies are the same only if equal.
    let exact_arithmetic = extreme.iter().all(|&k| list[k].exact.is_some());
    let same = |i: usize, a: usize, b: usize| match (&list[a].exact, &list[b].exact) {
        (Some(x), Some(y)) if exact_arithmetic => x[i] == y[i],
        _ => gap(&list[a].profile[i], &list[b].profile[i]) <= STRATEGY_TOLERANCE,
    };
    let mut reps: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let mut node: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for (i, (reps, node)) in reps.iter_mut().zip(node.iter_mut()).enumerate() {
        for &k in extreme {
            let found = reps.iter().position(|&r| same(i, r, k));
            node.push(found.unwrap_or_else(|| {
                reps.push(k);
                reps.len() - 1
            }));
        }
    }
    let (rows, cols) = (reps[0].len(), reps[1].len());
    // neighbours[r] = the column nodes joined to row node r, sorted.
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); rows];
    for (&r, &c) in node[0].iter().zip(&node[1]) {
        if !neighbours[r].contains(&c) {
            neighbours[r].push(c);
        }
    }
    for n in &mut neighbours {
        n.sort_unstable();
    }
    // Maximal bicliques = the closed column sets with a non-empty row side: the intersections
    // of the rows' neighbourhoods (formal concepts).
    let mut intents: Vec<Vec<usize>> = Vec::new();
    let mut known: BTreeSet<Vec<usize>> = BTreeSet::new();
    for n in &neighbours {
        if known.insert(n.clone()) {
            intents.push(n.clone());
        }
    }
    // Each new set is met with every earlier one, so every intersection of neighbourhoods is
    // reached.
    let mut next = 0;
    while next < intents.len() {
        for j in 0..next {
            let meet: Vec<usize> = intents[next]
                .iter()
                .copied()
                .filter(|c| intents[j].binary_search(c).is_ok())
                .collect();
            if !meet.is_empty() && !known.contains(&meet) {
                if intents.len() >= MAX_SUBSETS {
                    return Err(NoStructure::TooManySubsets);
                }
                known.insert(meet.clone());
                intents.push(meet);
            }
        }
        next += 1;
    }
    let bicliques: Vec<(Vec<usize>, Vec<usize>)> = intents
        .into_iter()
        .map(|cols_of| {
            let rows_of = (0..rows)
                .filter(|&r| {
                    cols_of
                        .iter()
                        .all(|c| neighbours[r].binary_search(c).is_ok())
                })
                .collect();
            (rows_of, cols_of)
        })
        .collect();
    // Connected components of the graph (union–find over rows 0.., then columns rows..).
    let mut parent: Vec<usize> = (0..rows + cols).collect();
    fn root(parent: &mut [usize], mut a: usize) -> usize {
        while parent[a] != a {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        a
    }
    for (r, n) in neighbours.iter().enumerate() {
        for &c in n {
            let (a, b) = (root(&mut parent, r), root(&mut parent, rows + c));
            parent[a.max(b)] = a.min(b);
        }
    }
    // The extreme equilibrium with both nodes, for each row–column pair of a biclique.
    let point_of = |r: usize, c: usize| {
        (0..extreme.len())
            .find(|&k| node[0][k] == r && node[1][k] == c)
            .map(|k| extreme[k])
    };
    // Check every claim against the game.
    for (rows_of, cols_of) in &bicliques {
        for &r in rows_of {
            for &c in cols_of {
                let profile = vec![
                    list[reps[0][r]].profile[0].clone(),
                    list[reps[1][c]].profile[1].clone(),
                ];
                if point_of(r, c).is_none() || nash_violation(game, &profile, tau).is_some() {
                    return Err(NoStructure::Unresolved);
                }
            }
        }
        let centroid = vec![
            centroid(rows_of.iter().map(|&r| &list[reps[0][r]].profile[0][..])),
            centroid(cols_of.iter().map(|&c| &list[reps[1][c]].profile[1][..])),
        ];
        if nash_violation(game, &centroid, tau).is_some() {
            return Err(NoStructure::Unresolved);
        }
    }
    // Subsets are sorted by component, then by their first point.
    // Components in the order of their first listed extreme equilibrium.
    let mut by_listing: Vec<usize> = (0..extreme.len()).collect();
    by_listing.sort_by_key(|&k| extreme[k]);
    let mut comp_of_root: Vec<Option<usize>> = vec![None; rows + cols];
    let mut n_components = 0;
    let mut comp_of_row = vec![0; rows];
    for k in by_listing {
        let r = root(&mut parent, node[0][k]);
        if comp_of_root[r].is_none() {
            comp_of_root[r] = Some(n_components);
            n_components += 1;
        }
    }
    for (r, slot) in comp_of_row.iter_mut().enumerate() {
        let root_r = root(&mut parent, r);
        *slot = comp_of_root[root_r].unwrap_or_else(|| unreachable!("every row node is joined"));
    }
    let names = game.players();
    let mut subsets: Vec<NashSubset> = bicliques
        .iter()
        .map(|(rows_of, cols_of)| {
            let mut points: Vec<usize> = rows_of
                .iter()
                .flat_map(|&r| cols_of.iter().filter_map(move |&c| point_of(r, c)))
                .collect();
            points.sort_unstable();
            let first = |player: usize, n: usize| {
                (0..extreme.len())
                    .filter(|&k| node[player][k] == n && points.contains(&extreme[k]))
                    .map(|k| extreme[k])
                    .min()
                    .unwrap_or_else(|| unreachable!("a node of the subset has a point"))
            };
            let mut strategies = vec![
                rows_of.iter().map(|&r| first(0, r)).collect::<Vec<_>>(),
                cols_of.iter().map(|&c| first(1, c)).collect::<Vec<_>>(),
            ];
            for s in &mut strategies {
                s.sort_unstable();
            }
            let description = subset_words(names, &strategies);
            NashSubset {
                component: comp_of_row[rows_of[0]],
                strategies,
                points,
                description,
            }
        })
        .collect();
    subsets.sort_by_key(|s| (s.component, s.points[0]));
    // Listed equilibria: extreme ones by their node, the others by the subset containing them.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_components];
    for (k, e) in list.iter().enumerate() {
        if e.lambda.is_some() {
            continue;
        }
        let component = match extreme.iter().position(|&x| x == k) {
            Some(at) => Some(comp_of_row[node[0][at]]),
            None => subsets
                .iter()
                .find(|s| {
                    (0..2).all(|i| {
                        let ends: Vec<&[f64]> = s.strategies[i]
                            .iter()
                            .map(|&p| &list[p].profile[i][..])
                            .collect();
                        let p = &e.profile[i];
                        ends.iter().any(|q| gap(p, q) <= PLACEMENT_TOLERANCE)
                            || in_hull(p, &ends, PLACEMENT_TOLERANCE)
                    })
                })
                .map(|s| s.component),
        };
        if let Some(c) = component {
            members[c].push(k);
        }
    }
    let components = members
        .into_iter()
        .enumerate()
        .map(|(c, points)| {
            let of: Vec<usize> = (0..subsets.len())
                .filter(|&s| subsets[s].component == c)
                .collect();
            let isolated = of.len() == 1 && subsets[of[0]].points.len() == 1;
            let (ends, inside): (Vec<usize>, Vec<usize>) =
                points.iter().partition(|k| extreme.contains(k));
            let description = component_words(&subsets, &of, &ends, &inside, isolated);
            ExactComponent {
                subsets: of,
                points,
                isolated,
                description,
            }
        })
        .collect();
    Ok(Structure {
        exact_arithmetic,
        subsets,
        components,
    })
}

/// The mean of some probability vectors.
fn centroid<'a>(points: impl Iterator<Item = &'a [f64]>) -> Vec<f64> {
    let mut sum: Vec<f64> = Vec::new();
    let mut n = 0.0;
    for p in points {
        if sum.is_empty() {
            sum = vec![0.0; p.len()];
        }
        for (s, x) in sum.iter_mut().zip(p) {
            *s += x;
        }
        n += 1.0;
    }
    sum.iter().map(|s| s / n).collect()
}

/// A subset in words: per player, its strategy (as in one listed point) or every mix of its
/// strategies in several.
fn subset_words(players: &[String], strategies: &[Vec<usize>]) -> String {
    let parts: Vec<String> = players
        .iter()
        .zip(strategies)
        .map(|(name, s)| match s.as_slice() {
            [one] => format!("{name} as in #{}", one + 1),
            many => format!("{name} any mix of its strategies in {}", numbers(many)),
        })
        .collect();
    parts.join("; ")
}

/// A component in words.
/// A component in words: its extreme equilibria `ends`, the other listed equilibria found in
/// it (`inside`), and its subsets.
fn component_words(
    subsets: &[NashSubset],
    of: &[usize],
    ends: &[usize],
    inside: &[usize],
    isolated: bool,
) -> String {
    let points = if inside.is_empty() {
        numbers(ends)
    } else {
        format!("{} (with {} inside)", numbers(ends), numbers(inside))
    };
    if isolated {
        return format!("{points}: isolated");
    }
    match of {
        [one] => format!(
            "{points}: one convex set of equilibria ({})",
            subsets[*one].description
        ),
        _ => format!(
            "{points}: {} maximal Nash subsets, each convex, joined at shared strategies (mixes \
             across them are not all equilibria)",
            of.len()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::super::{solve, Method, SolveOptions};
    use super::*;

    /// The structure `enummixed` reports for `game`.
    fn of(game: &Game) -> Structure {
        let r = solve(game, Method::EnumMixed, &SolveOptions::default()).unwrap();
        r.structure
            .clone()
            .unwrap_or_else(|| panic!("no structure: {r}"))
    }

    #[test]
    fn nondegenerate_games_have_only_isolated_equilibria() {
        for game in [
            battle_of_sexes(),
            chicken(),
            prisoners_dilemma(),
            matching_pennies(),
        ] {
            let s = of(&game);
            let r = solve(&game, Method::EnumMixed, &SolveOptions::default()).unwrap();
            assert_eq!(s.components.len(), r.equilibria.len());
            assert!(s
                .components
                .iter()
                .all(|c| c.isolated && c.points.len() == 1));
            assert_eq!(s.subsets.len(), r.equilibria.len());
        }
    }

    #[test]
    fn the_all_zero_game_is_one_square() {
        let game = bimatrix(&[[0.0, 0.0], [0.0, 0.0]], &[[0.0, 0.0], [0.0, 0.0]]);
        let s = of(&game);
        assert_eq!(s.components.len(), 1);
        assert_eq!(s.subsets.len(), 1);
        assert_eq!(s.subsets[0].points.len(), 4);
        assert_eq!(s.subsets[0].strategies[0].len(), 2);
        assert_eq!(s.subsets[0].strategies[1].len(), 2);
        assert!(!s.components[0].isolated);
    }

    /// `two_segments`: (1,1)–(1,2) a segment, (2,3) isolated, and the segment
    /// ((½,½), (x, 1/3 − x, 2/3)) for x in [0, 1/3], not one player apart from the others.
    #[test]
    fn two_segments_has_three_components_one_isolated() {
        let game = two_segments();
        let r = solve(&game, Method::EnumMixed, &SolveOptions::default()).unwrap();
        let s = r.structure.clone().unwrap();
        assert_eq!(s.components.len(), 3, "{r}");
        let isolated: Vec<&ExactComponent> = s.components.iter().filter(|c| c.isolated).collect();
        assert_eq!(isolated.len(), 1);
        let lone = &r.equilibria[isolated[0].points[0]].profile;
        assert!(gap(&lone[0], &[0.0, 1.0]) < 1e-9 && gap(&lone[1], &[0.0, 0.0, 1.0]) < 1e-9);
        for c in s.components.iter().filter(|c| !c.isolated) {
            assert_eq!(c.points.len(), 2);
            assert_eq!(c.subsets.len(), 1);
            let sub = &s.subsets[c.subsets[0]];
            assert_eq!(sub.strategies[0].len(), 1, "the row player is fixed");
            assert_eq!(sub.strategies[1].len(), 2, "the column player mixes");
        }
        let half = s
            .components
            .iter()
            .find(|c| {
                c.points
                    .iter()
                    .any(|&k| gap(&r.equilibria[k].profile[0], &[0.5, 0.5]) < 1e-9)
            })
            .unwrap();
        for &k in &half.points {
            assert!(gap(&r.equilibria[k].profile[0], &[0.5, 0.5]) < 1e-9);
            assert!((r.equilibria[k].profile[1][2] - 2.0 / 3.0).abs() < 1e-9);
        }
    }

    /// Two maximal Nash subsets sharing a strategy: row 1 against columns 1 and 2 is one
    /// segment, column 1 against rows 1 and 2 another; they meet at (1, 1) but (2, 2) is not an
    /// equilibrium, so the component is not convex.
    #[test]
    fn an_l_shaped_component_is_two_subsets() {
        // A = [[1, 1], [1, 0]], B = [[1, 1], [1, 0]]: (1,1), (1,2), (2,1) are equilibria,
        // (2,2) is not (either player gains 1 by moving).
        let game = bimatrix(&[[1.0, 1.0], [1.0, 0.0]], &[[1.0, 1.0], [1.0, 0.0]]);
        let r = solve(&game, Method::EnumMixed, &SolveOptions::default()).unwrap();
        let s = r.structure.clone().unwrap();
        assert_eq!(s.components.len(), 1, "{r}");
        assert_eq!(s.subsets.len(), 2, "{r}");
        assert!(!s.components[0].isolated);
        assert_eq!(s.components[0].points.len(), 3);
        for sub in &s.subsets {
            assert_eq!(sub.points.len(), 2);
        }
        let mid = vec![vec![0.5, 0.5], vec![0.5, 0.5]];
        assert!(
            nash_violation(&game, &mid, 1e-9).is_some(),
            "a mix across the two subsets is not an equilibrium"
        );
    }

    /// Von Stengel's degenerate 3×2 game (Handbook of Game Theory vol. 3, ch. 45): the top
    /// row against every column mix with P(left) ≥ 2/3 is one segment of equilibria, and
    /// ((0, 1/3, 2/3), (1/3, 2/3)) is isolated; float and exact agree.
    #[test]
    fn von_stengels_degenerate_game() {
        let game = Game::bimatrix(
            &[vec![3.0, 3.0], vec![2.0, 5.0], vec![0.0, 6.0]],
            &[vec![3.0, 3.0], vec![2.0, 6.0], vec![3.0, 1.0]],
        )
        .unwrap();
        let exact = SolveOptions::default();
        for r in [
            solve(&game, Method::EnumMixed, &SolveOptions::default()).unwrap(),
            super::super::exact::solve(&game, Method::EnumMixed, &exact).unwrap(),
        ] {
            let s = r.structure.as_ref().unwrap();
            assert_eq!(s.components.len(), 2, "{r}");
            let segment = s.components.iter().find(|c| !c.isolated).unwrap();
            let mut ys: Vec<f64> = segment
                .points
                .iter()
                .map(|&k| {
                    assert!(gap(&r.equilibria[k].profile[0], &[1.0, 0.0, 0.0]) < 1e-12);
                    r.equilibria[k].profile[1][0]
                })
                .collect();
            ys.sort_by(f64::total_cmp);
            assert!((ys[0] - 2.0 / 3.0).abs() < 1e-12 && (ys[1] - 1.0).abs() < 1e-12);
            let lone = s.components.iter().find(|c| c.isolated).unwrap();
            let e = &r.equilibria[lone.points[0]].profile;
            assert!(gap(&e[0], &[0.0, 1.0 / 3.0, 2.0 / 3.0]) < 1e-12);
            assert!(gap(&e[1], &[1.0 / 3.0, 2.0 / 3.0]) < 1e-12);
        }
    }

    /// On 200 seeded games with payoffs in {0, 1, 2} (mostly degenerate): every mix drawn
    /// inside a claimed maximal Nash subset is an equilibrium, every extreme equilibrium is in
    /// exactly one component, a component is isolated exactly when it is one extreme
    /// equilibrium, and the exact arithmetic finds the same numbers of components, isolated
    /// equilibria and subsets.
    #[test]
    fn claims_hold_on_random_degenerate_games() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        let exact = SolveOptions::default();
        let mut joined = 0;
        for _ in 0..200 {
            let (m, n) = (rng.random_range(2..=4), rng.random_range(2..=4));
            let mut payoff = || -> Vec<Vec<f64>> {
                (0..m)
                    .map(|_| {
                        (0..n)
                            .map(|_| f64::from(rng.random_range(0..3u8)))
                            .collect()
                    })
                    .collect()
            };
            let game = Game::bimatrix(&payoff(), &payoff()).unwrap();
            let r = solve(&game, Method::EnumMixed, &SolveOptions::default()).unwrap();
            let s = r.structure.as_ref().unwrap_or_else(|| panic!("{r}"));
            for sub in &s.subsets {
                for _ in 0..20 {
                    let profile: Vec<Vec<f64>> = (0..2)
                        .map(|i| {
                            let w: Vec<f64> = sub.strategies[i]
                                .iter()
                                .map(|_| rng.random::<f64>())
                                .collect();
                            let total: f64 = w.iter().sum();
                            let mut p = vec![0.0; game.num_strategies(i)];
                            for (&k, wk) in sub.strategies[i].iter().zip(&w) {
                                for (pj, q) in p.iter_mut().zip(&r.equilibria[k].profile[i]) {
                                    *pj += wk / total * q;
                                }
                            }
                            p
                        })
                        .collect();
                    assert!(game.epsilon(&profile) < 1e-9, "{profile:?} in {r}");
                }
            }
            let mut seen = vec![0; r.equilibria.len()];
            for c in &s.components {
                for &k in &c.points {
                    seen[k] += 1;
                }
                assert_eq!(c.isolated, c.points.len() == 1, "{r}");
                joined += usize::from(!c.isolated);
            }
            assert!(seen.iter().all(|&n| n == 1), "{r}");
            let e = super::super::exact::solve(&game, Method::EnumMixed, &exact).unwrap();
            let t = e.structure.as_ref().unwrap();
            let count = |s: &Structure| {
                (
                    s.components.len(),
                    s.components.iter().filter(|c| c.isolated).count(),
                    s.subsets.len(),
                )
            };
            assert_eq!(count(s), count(t), "float {r}\nexact {e}");
        }
        assert!(joined > 50, "the games have connected equilibria: {joined}");
    }

    /// Two isolated equilibria whose first player's strategies differ by 2.5e-11 (a payoff of
    /// 1 − 10⁻¹⁰): exact arithmetic keeps them apart (three isolated equilibria), where a float
    /// listing cannot tell them apart and says its structure is the float one.
    #[test]
    fn exact_arithmetic_tells_close_strategies_apart() {
        let game = Game::bimatrix(
            &[vec![1.0, 0.0, 1.0], vec![0.0, 1.0, 0.0]],
            &[vec![1.0, 0.0, -1.0], vec![-1.0, 0.0, 0.999_999_999_9]],
        )
        .unwrap();
        let r =
            super::super::exact::solve(&game, Method::EnumMixed, &SolveOptions::default()).unwrap();
        let s = r.structure.as_ref().unwrap();
        assert!(s.exact_arithmetic);
        assert_eq!(s.components.len(), 3, "{r}");
        assert!(s.components.iter().all(|c| c.isolated), "{r}");
        assert!(r
            .to_string()
            .contains("in exact arithmetic): 3 connected components, each"));
        let f = solve(&game, Method::EnumMixed, &SolveOptions::default()).unwrap();
        assert!(!f.structure.as_ref().unwrap().exact_arithmetic);
        assert!(
            f.to_string().contains("--exact computes them exactly"),
            "{f}"
        );
    }

    /// Two extreme equilibria 10⁻⁷ apart (payoffs 10⁻⁷ and 1 − 10⁻⁷ make a segment that
    /// short): `enummixed` lists both and reports the segment; `all`, whose listing merges
    /// profiles within 10⁻⁶, withholds the structure with a note instead of calling the one
    /// entry isolated. (Mapping each extreme equilibrium to the first listed entry within
    /// 10⁻⁶ once put both on entry #1 and called "#1 and #2" isolated.)
    #[test]
    fn a_short_segment_is_not_called_isolated() {
        let game = Game::bimatrix(
            &[vec![1.0, 0.0], vec![1.0, 1.0]],
            &[vec![0.0, 0.999_999_9], vec![1e-7, 0.0]],
        )
        .unwrap();
        let r = solve(&game, Method::EnumMixed, &SolveOptions::default()).unwrap();
        assert_eq!(r.equilibria.len(), 2, "{r}");
        let s = r.structure.as_ref().unwrap();
        assert_eq!(s.components.len(), 1, "{r}");
        assert!(!s.components[0].isolated, "{r}");
        assert_eq!(s.subsets[0].points, [0, 1]);
        let all = solve(&game, Method::All, &SolveOptions::default()).unwrap();
        assert!(all.structure.is_none(), "{all}");
        assert!(
            all.notes
                .iter()
                .any(|n| n.contains("two extreme equilibria within 1e-6 of each other")),
            "{all}"
        );
    }

    #[test]
    fn a_point_inside_a_subset_joins_its_component() {
        let game = bimatrix(&[[0.0, 0.0], [0.0, 0.0]], &[[0.0, 0.0], [0.0, 0.0]]);
        let r = solve(&game, Method::EnumMixed, &SolveOptions::default()).unwrap();
        let mut list = r.equilibria.clone();
        list.push(Equilibrium::evaluate(
            &game,
            vec![vec![0.3, 0.7], vec![0.6, 0.4]],
        ));
        let extreme: Vec<usize> = (0..r.equilibria.len()).collect();
        let s = analyse(&game, &list, &extreme, 1e-9).unwrap();
        assert_eq!(s.components[0].points, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn distinct_vertices_merged_by_the_tolerance_are_refused() {
        // Battle of the sexes' three equilibria, with the mixed one's row strategy moved onto
        // the pure (1, 0) within the tolerance: the merged node would claim that ((1, 0),
        // (1/3, 2/3)) is an equilibrium, which it is not.
        let game = battle_of_sexes();
        let mut list = solve(&game, Method::EnumMixed, &SolveOptions::default())
            .unwrap()
            .equilibria;
        let pure_row = list
            .iter()
            .position(|e| gap(&e.profile[0], &[1.0, 0.0]) < 1e-9)
            .unwrap();
        let mixed = list
            .iter()
            .position(|e| e.profile[0][0] > 0.1 && e.profile[0][0] < 0.9)
            .unwrap();
        list[mixed].profile[0] = vec![1.0 - 5e-7, 5e-7];
        let extreme: Vec<usize> = (0..list.len()).collect();
        assert_ne!(pure_row, mixed);
        assert_eq!(
            analyse(&game, &list, &extreme, 1e-9),
            Err(NoStructure::Unresolved)
        );
    }
}
