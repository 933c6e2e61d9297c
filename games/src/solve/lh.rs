//! Single-path Lemke–Howson (`--method lh`): one Nash equilibrium of a two-player game,
//! reached by dropping one label (default 0, i.e. player 1's first strategy) from the
//! artificial equilibrium.
//!
//! Built for throughput: payoffs are mapped to [1, 2] per player, the two tableaux
//! `Bᵀx + s = 1` (n rows over x, s) and `Ay + r = 1` (m rows over y, r) live in one flat
//! buffer, and the minimum-ratio test is lexicographic (right-hand side, then the
//! basis-inverse columns), so the path terminates in degenerate games too. Labels: `0..m` are
//! player 1's strategies (x_i, r_i), `m..m+n` player 2's (y_j, s_j). `lcp`
//! explores every path; this module follows exactly one.

use super::tableau::{by_rows, unit_scales, ColumnSource, Labels, LazyTableau};
use super::{Equilibrium, SolveError, SolverOutput};
use crate::game::{Game, MixedProfile};
use std::cell::RefCell;

thread_local! {
    /// The two tableaux of [`lemke_howson`], kept between calls on one thread so that solving
    /// many small games allocates only the returned profile.
    static TABLEAUX: RefCell<(LazyTableau, LazyTableau)> =
        const { RefCell::new((LazyTableau::empty(), LazyTableau::empty())) };
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
        return Err(label_error(label, m, n));
    }
    let table = game.payoff_table();
    let [sa, sb] = unit_scales(table);
    TABLEAUX.with_borrow_mut(|(p, q)| {
        // P's entry (row j, column x_i) is player 2's payoff at profile (i, j), Q's (row i,
        // column y_j) player 1's: table[2(i + j·m) + player].
        p.reset(
            n,
            m,
            ColumnSource {
                scale: sb,
                first: 1,
                var_step: 2,
                row_step: 2 * m,
            },
        );
        q.reset(
            m,
            n,
            ColumnSource {
                scale: sa,
                first: 0,
                var_step: 2 * m,
                row_step: 2,
            },
        );
        if m == n {
            by_rows!(m, follow_square(p, q, table, m, label, max_pivots))
        } else {
            follow_path::<0, 0>(p, q, table, m, n, label, max_pivots)
        }
    })
}

/// [`follow_path`] for an `R × R` game (`R` = 0: any size), with the row loops unrolled.
fn follow_square<const R: usize>(
    p: &mut LazyTableau,
    q: &mut LazyTableau,
    table: &[f64],
    m: usize,
    label: usize,
    max_pivots: usize,
) -> Result<MixedProfile, SolveError> {
    follow_path::<R, R>(p, q, table, m, m, label, max_pivots)
}

/// Follows the path dropping `label` from the artificial equilibrium of the tableaux `p`
/// (`n` rows, or `RP` if not 0) and `q` (`m` rows, or `RQ` if not 0) of the game with payoff
/// table `table`.
#[inline(always)]
fn follow_path<const RP: usize, const RQ: usize>(
    p: &mut LazyTableau,
    q: &mut LazyTableau,
    table: &[f64],
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
            let r = p.ratio_row::<RP>(entering, table).ok_or_else(unbounded)?;
            p.pivot::<RP>(r, entering)
        } else {
            let r = q.ratio_row::<RQ>(entering, table).ok_or_else(unbounded)?;
            q_label(q.pivot::<RQ>(r, entering))
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

/// `a..b`, or `a` when the range holds one number (inclusive bounds, as `--label` takes them).
struct Inclusive(usize, usize);

impl std::fmt::Display for Inclusive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 == self.1 {
            write!(f, "{}", self.0)
        } else {
            write!(f, "{}..{}", self.0, self.1)
        }
    }
}

/// The labels of an `m × n` game, as `--label` accepts them: `0..m+n-1` with player 1's
/// strategies `0..m-1` first, e.g. "labels 0..3: 0..1 are player 1's strategies, 2..3 player
/// 2's" for a 2×2 game. Formatted in place (no allocation: `lh` is timed per game).
pub(crate) struct LabelsText(pub usize, pub usize);

impl std::fmt::Display for LabelsText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (m, n) = (self.0, self.1);
        if m > 1 && n > 1 {
            // The common case in one write.
            let last = m + n - 1;
            return write!(
                f,
                "labels 0..{last}: 0..{} are player 1's strategies, {m}..{last} player 2's",
                m - 1
            );
        }
        write!(
            f,
            "labels {}: {} {} player 1's {}, {} player 2's",
            Inclusive(0, m + n - 1),
            Inclusive(0, m - 1),
            if m == 1 { "is" } else { "are" },
            if m == 1 { "strategy" } else { "strategies" },
            Inclusive(m, m + n - 1)
        )
    }
}

/// The error for a label outside `0..m+n-1`, naming the labels of this `m × n` game.
pub(crate) fn label_error(label: usize, m: usize, n: usize) -> SolveError {
    SolveError::BadOption {
        name: "label",
        value: label.to_string(),
        allowed: format!("for this {m}×{n} game, {}", LabelsText(m, n)),
    }
}

/// `--method lh`: the equilibrium at the end of the path dropping `label`.
pub fn solve(game: &Game, label: usize, max_pivots: usize) -> Result<SolverOutput, SolveError> {
    let profile = lemke_howson(game, label, max_pivots)?;
    Ok(SolverOutput {
        equilibria: vec![Equilibrium::evaluate(game, profile)],
        notes: vec![format!(
            "Lemke-Howson path dropping label {label} ({})",
            LabelsText(game.num_strategies(0), game.num_strategies(1))
        )],
    })
}

#[cfg(test)]
mod tests {
    use super::super::tableau::{best_response_tableaux, Tableau};
    use super::super::test_games::*;
    use super::*;

    /// The eager path before the lazy tableaux (kept as the reference for [`lemke_howson`]):
    /// both tableaux pivoted in full at every step.
    fn lemke_howson_reference(
        game: &Game,
        label: usize,
        max_pivots: usize,
    ) -> Result<MixedProfile, SolveError> {
        let (m, n) = (game.num_strategies(0), game.num_strategies(1));
        let (mut p, mut q): (Tableau, Tableau) = best_response_tableaux(game);
        let labels = Labels { m, n };
        let mut in_p = label < m;
        let mut entering = if in_p { label } else { labels.q_col(label) };
        for _ in 0..max_pivots {
            let left_label = if in_p {
                let r = p.ratio_row(entering).ok_or_else(unbounded)?;
                p.pivot(r, entering)
            } else {
                let r = q.ratio_row(entering).ok_or_else(unbounded)?;
                labels.q_label(q.pivot(r, entering))
            };
            if left_label == label {
                let x = p.distribution(m).ok_or_else(unbounded)?;
                let y = q.distribution(n).ok_or_else(unbounded)?;
                return Ok(vec![x, y]);
            }
            in_p = !in_p;
            entering = if in_p {
                left_label
            } else {
                labels.q_col(left_label)
            };
        }
        Err(SolveError::NoConvergence {
            method: "lh",
            reason: format!("the path did not end within {max_pivots} pivots"),
        })
    }

    /// The lazy path ends at the same profile, to the last bit, as the eager reference from
    /// every label, on random games of 2×2 to 8×8 (and some larger), on small-integer games
    /// (often degenerate, so the lexicographic tie-break is exercised), with repeated payoffs
    /// and constant payoffs, and fails (or hits the pivot cap) exactly when it does.
    #[test]
    fn matches_the_eager_reference() {
        let bits = |r: &Result<MixedProfile, SolveError>| {
            r.as_ref()
                .map(|p| p.iter().flatten().map(|x| x.to_bits()).collect::<Vec<_>>())
                .map_err(|e| e.to_string())
        };
        let mut degenerate_seen = 0;
        for seed in 0..400u64 {
            let (m, n) = if seed < 343 {
                (2 + seed as usize % 7, 2 + (seed as usize / 7) % 7)
            } else {
                (1 + seed as usize % 12, 1 + (seed as usize / 3) % 12)
            };
            let random = random_game(&[m, n], seed);
            let table = random.payoff_table();
            let variants: Vec<Vec<f64>> = vec![
                table.to_vec(),
                table.iter().map(|v| (v * 3.0).floor()).collect(),
                table.iter().map(|v| (v * 2.0).floor() - 7.0).collect(),
                // Player 1's payoffs constant, player 2's from two values.
                table
                    .iter()
                    .enumerate()
                    .map(|(k, v)| if k % 2 == 0 { 1.0 } else { v.round() })
                    .collect(),
            ];
            for t in variants {
                let g = Game::from_counts(&[m, n], t).unwrap();
                for label in 0..m + n {
                    for cap in [3, 1000] {
                        let new = lemke_howson(&g, label, cap);
                        let old = lemke_howson_reference(&g, label, cap);
                        assert_eq!(bits(&new), bits(&old), "seed {seed} {m}x{n} label {label}");
                        degenerate_seen += usize::from(new.is_ok());
                    }
                }
            }
        }
        assert!(degenerate_seen > 0);
    }

    /// The note names the labels `--label` accepts (0..3 for a 2×2 game), and
    /// the refusal of a label outside them says which ones exist.
    #[test]
    fn note_and_accepted_labels_agree() {
        let g = battle_of_sexes();
        let out = solve(&g, 3, 100).unwrap();
        assert_eq!(
            out.notes[0],
            "Lemke-Howson path dropping label 3 (labels 0..3: 0..1 are player 1's strategies, \
             2..3 player 2's)"
        );
        let e = solve(&g, 4, 100).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid option label = 4: for this 2×2 game, labels 0..3: 0..1 are player 1's \
             strategies, 2..3 player 2's"
        );
        assert_eq!(
            LabelsText(1, 3).to_string(),
            "labels 0..3: 0 is player 1's strategy, 1..3 player 2's"
        );
    }

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
