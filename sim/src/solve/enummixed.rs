//! All extreme Nash equilibria of a two-player game by vertex enumeration.
//!
//! Payoffs are rescaled to [1, 2] per player. The best-response polytopes
//! `P = {x ≥ 0 : Bᵀx ≤ 1}` and `Q = {y ≥ 0 : Ay ≤ 1}` are enumerated vertex by vertex (every
//! support `S` of the variables paired with an equal-sized set `T` of tight constraints), each
//! vertex carrying its label set (zero variables and tight constraints, with a tolerance). A
//! completely labelled pair `(x, y) ≠ 0` is an extreme equilibrium. Because vertices are
//! identified by their full label sets, degenerate games lose no extreme equilibria; a vertex
//! with more labels than dimensions marks the game as degenerate, which is reported as a note.

use super::gauss::solve_in_place;
use super::{push_unique, Equilibrium, SolveError, SolverOutput, DEDUP_TOLERANCE};
use crate::game::Game;

/// Largest number of labels (rows + columns) handled; the work grows like C(m+n, m).
const MAX_LABELS: usize = 40;

/// A vertex of a best-response polytope.
struct Vertex {
    coords: Vec<f64>,
    /// Bit `v` set when variable `v` is zero.
    zero_vars: u64,
    /// Bit `c` set when constraint `c` is tight.
    tight: u64,
}

/// Every vertex of `{z ≥ 0 : Σ_v coef[v][c] z_v ≤ 1 ∀c}` except the origin, for `k` variables and
/// `l` constraints (`coef` row-major `k × l`), and whether any vertex is degenerate.
fn vertices(coef: &[f64], k: usize, l: usize, tol: f64) -> (Vec<Vertex>, bool) {
    let mut by_size: Vec<Vec<u64>> = vec![Vec::new(); k.min(l) + 1];
    for mask in 1u64..(1u64 << l) {
        let c = mask.count_ones() as usize;
        if c <= k {
            by_size[c].push(mask);
        }
    }
    let mut out: Vec<Vertex> = Vec::new();
    let mut degenerate = false;
    let mut a = vec![0.0; k * k];
    let mut b = vec![0.0; k];
    let mut vars = Vec::with_capacity(k);
    let mut cons = Vec::with_capacity(k);
    for support in 1u64..(1u64 << k) {
        let size = support.count_ones() as usize;
        if size > l {
            continue;
        }
        vars.clear();
        vars.extend((0..k).filter(|v| support >> v & 1 == 1));
        for &tmask in &by_size[size] {
            cons.clear();
            cons.extend((0..l).filter(|c| tmask >> c & 1 == 1));
            for (r, &c) in cons.iter().enumerate() {
                for (col, &v) in vars.iter().enumerate() {
                    a[r * size + col] = coef[v * l + c];
                }
                b[r] = 1.0;
            }
            if !solve_in_place(&mut a[..size * size], &mut b[..size], size, 1e-12) {
                continue;
            }
            if b[..size].iter().any(|&x| x < -tol) {
                continue;
            }
            let mut coords = vec![0.0; k];
            for (col, &v) in vars.iter().enumerate() {
                coords[v] = b[col].max(0.0);
            }
            let mut tight = 0u64;
            let mut feasible = true;
            for c in 0..l {
                let value: f64 = vars.iter().map(|&v| coef[v * l + c] * coords[v]).sum();
                if value > 1.0 + tol {
                    feasible = false;
                    break;
                }
                if value >= 1.0 - tol {
                    tight |= 1 << c;
                }
            }
            if !feasible {
                continue;
            }
            let zero_vars = (0..k)
                .filter(|&v| coords[v] <= tol)
                .fold(0u64, |m, v| m | 1 << v);
            if (zero_vars.count_ones() + tight.count_ones()) as usize > k {
                degenerate = true;
            }
            if !out
                .iter()
                .any(|o| o.zero_vars == zero_vars && o.tight == tight)
            {
                out.push(Vertex {
                    coords,
                    zero_vars,
                    tight,
                });
            }
        }
    }
    (out, degenerate)
}

/// Payoffs of `player` as a row-major `rows × cols` matrix rescaled to [1, 2].
fn normalised(game: &Game, player: usize) -> Vec<f64> {
    let (m, n) = (game.num_strategies(0), game.num_strategies(1));
    let mut out = Vec::with_capacity(m * n);
    for r in 0..m {
        for c in 0..n {
            out.push(game.payoff(&[r, c], player));
        }
    }
    let lo = out.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = out.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = hi - lo;
    for v in &mut out {
        *v = if range > 0.0 {
            (*v - lo) / range + 1.0
        } else {
            1.0
        };
    }
    out
}

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
    if m + n > MAX_LABELS {
        return Err(SolveError::TooLarge {
            method: "enummixed",
            reason: format!("{m}x{n} has more than {MAX_LABELS} strategies in total"),
        });
    }
    let a = normalised(game, 0);
    let b = normalised(game, 1);
    // P: variables x_i (rows), constraints (Bᵀx)_j; coef[i][j] = B[i][j].
    let (p_vertices, p_degenerate) = vertices(&b, m, n, tol);
    // Q: variables y_j (columns), constraints (Ay)_i; coef[j][i] = A[i][j].
    let at: Vec<f64> = (0..n)
        .flat_map(|j| (0..m).map(move |i| (i, j)))
        .map(|(i, j)| a[i * n + j])
        .collect();
    let (q_vertices, q_degenerate) = vertices(&at, n, m, tol);
    let full: u64 = (1u64 << (m + n)) - 1;
    let mut out = SolverOutput::default();
    for p in &p_vertices {
        let p_labels = p.zero_vars | p.tight << m;
        for q in &q_vertices {
            let q_labels = q.tight | q.zero_vars << m;
            if p_labels | q_labels != full {
                continue;
            }
            let sx: f64 = p.coords.iter().sum();
            let sy: f64 = q.coords.iter().sum();
            let profile = vec![
                p.coords.iter().map(|v| v / sx).collect(),
                q.coords.iter().map(|v| v / sy).collect(),
            ];
            push_unique(
                &mut out.equilibria,
                Equilibrium::evaluate(game, profile),
                DEDUP_TOLERANCE,
            );
        }
    }
    if p_degenerate || q_degenerate {
        out.notes.push(
            "the game is degenerate (some mixed strategy has more pure best responses than \
             the size of its support); equilibria may form connected sets, of which only the \
             extreme points are listed"
                .to_string(),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
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
