//! Documented size limits (docs/repeated-games.md "Limits"). Matches, tournaments and Moran
//! processes check their settings against these in `validate`, before anything is allocated or
//! played, so an absurd number is refused at once with a typed error instead of an abort on
//! allocation, hours of work or a score that overflows to ∞.
//!
//! Work is counted in turns: one turn is one call of each strategy and one payoff lookup
//! (release build on this machine: about 22 million turns a second on one loaded core).

use crate::error::RepeatedError;
use crate::game::Game;
use crate::matches::MatchLength;

/// Longest match: `turns`, and the cap on drawn lengths with an end probability. A match keeps
/// every action it plays (2 bytes a turn, one buffer per worker thread) and `pactsim match`
/// prints them all (up to 4 bytes a turn and player in m×n games): 2 MB of buffers and at most
/// 8 MB of printed actions per match at the limit, 5,000 times Axelrod's default of 200 turns.
pub const MAX_TURNS: u32 = 1_000_000;

/// Most turns one tournament or Moran process may play in total (its worst case: every match
/// as long as its cap, or, with an end probability, of its expected length; every Moran run
/// to its generation cap). 10¹¹ turns take about an hour and a quarter at the measured 22
/// million turns a second, so every accepted request finishes.
pub const MAX_TOTAL_TURNS: u64 = 100_000_000_000;

/// Most matches of one tournament (repetitions × matches per repetition). Every match is kept
/// in memory for the summaries and written as one row of `matches.csv`: measured peak about
/// 125 bytes a match (1.25 GB at the limit) and a `matches.csv` of about 62 bytes a row.
pub const MAX_MATCHES: u64 = 10_000_000;

/// Most players of one tournament. The payoff matrix, `payoff_matrix.csv` and the payoff heat
/// map have players² cells (250,000 at the limit, a heat map SVG of about 22 MB at 87 bytes a
/// cell); the library has 80 strategies (and `Play k`).
pub const MAX_PLAYERS: usize = 500;

/// Largest Moran population. Each generation plays every pair of individuals once:
/// N(N − 1)/2 matches, 50 million at the limit.
pub const MAX_POPULATION: u64 = 10_000;

/// Most population counts a Moran process may record: repetitions × (generation cap + 1) ×
/// types (at least 2). Every run keeps its count of each type after every generation for
/// `population.csv`: 4 bytes a count in memory and about 6 more in the file's text, measured
/// peak about 11 bytes a count, so about 1.1 GB at the limit in the worst case (no run fixating
/// before the cap).
pub const MAX_MORAN_RECORD: u64 = 100_000_000;

/// Largest magnitude a sum of payoffs may reach: |payoff| × (the most payoffs one total adds
/// up) must not exceed this. 10¹⁵⁰ is below √(f64::MAX) ≈ 1.3·10¹⁵⁴, so every score, total,
/// difference and mean of scores, and even a sum of up to 10⁸ of their squares, stays finite:
/// no ∞ or NaN can reach an output.
pub const MAX_SCORE: f64 = 1e150;

/// The expected number of turns of a match under `length`: the fixed length, or with an end
/// probability p and cap c the mean of min(G, c) for a geometric G ≥ 1,
/// Σₖ₌₀^{c−1} (1 − p)ᵏ = (1 − (1 − p)ᶜ) / p, computed without cancellation.
pub fn expected_turns(length: &MatchLength) -> f64 {
    match *length {
        MatchLength::Turns(n) => f64::from(n),
        MatchLength::ProbEnd {
            prob_end,
            max_turns,
        } => {
            let cap = f64::from(max_turns);
            if prob_end >= 1.0 {
                return 1.0;
            }
            if prob_end.is_nan() || prob_end <= 0.0 {
                return cap;
            }
            let mean = -(cap * (-prob_end).ln_1p()).exp_m1() / prob_end;
            if mean.is_finite() {
                mean.clamp(1.0, cap)
            } else {
                cap
            }
        }
    }
}

/// The cap on a match's length under `length` (the most payoffs one match score adds up).
pub fn turn_cap(length: &MatchLength) -> u32 {
    match *length {
        MatchLength::Turns(n) => n,
        MatchLength::ProbEnd { max_turns, .. } => max_turns,
    }
}

/// Checks that `count` payoffs of `game` cannot add up beyond [`MAX_SCORE`]. `total` names the
/// largest total (e.g. "a match score of 200 turns"), `keys` the settings it depends on.
pub(crate) fn check_payoffs(
    game: &Game,
    count: u128,
    total: impl FnOnce() -> String,
    keys: &[&str],
) -> Result<(), RepeatedError> {
    let largest = game.largest_payoff();
    let n = count.max(1) as f64;
    if largest * n <= MAX_SCORE {
        return Ok(());
    }
    Err(RepeatedError::PayoffsTooLarge {
        game: game.name().to_string(),
        largest,
        total: total(),
        count: count.max(1),
        keys: keys.iter().map(|k| k.to_string()).collect(),
    })
}

/// `x` in scientific notation with at most four significant digits (`5e147`, `3.333e149`).
pub(crate) fn short(x: f64) -> String {
    let s = format!("{x:.3e}");
    match s.split_once('e') {
        Some((m, e)) if m.contains('.') => {
            format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.'))
        }
        _ => s,
    }
}

/// A count or product as text: exact below 10¹⁵, else in scientific notation.
pub(crate) fn count_text(x: f64) -> String {
    if x < 1e15 {
        format!("{}", x.round() as u64)
    } else {
        format!("{x:.3e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_turns_is_the_mean_of_the_capped_geometric_length() {
        assert_eq!(expected_turns(&MatchLength::Turns(7)), 7.0);
        let e = |p: f64, c: u32| {
            expected_turns(&MatchLength::ProbEnd {
                prob_end: p,
                max_turns: c,
            })
        };
        assert_eq!(e(1.0, 50), 1.0);
        // Direct sum of (1 − p)^k for k < c.
        let direct: f64 = (0..1000).map(|k| 0.99f64.powi(k)).sum();
        assert!(
            (e(0.01, 1000) - direct).abs() < 1e-9 * direct,
            "{}",
            e(0.01, 1000)
        );
        assert!((e(0.005, 1_000_000) - 200.0).abs() < 1e-6);
        // So small that 1 − p rounds to 1: every drawn length is the cap.
        assert_eq!(e(1e-300, 1_000_000), 1_000_000.0);
        assert!((e(1e-12, 1000) - 1000.0).abs() < 1e-3);
    }

    #[test]
    fn payoffs_are_checked_against_the_largest_total() {
        let g = Game::symmetric_2x2("big", 1e148, 0.0, -2e148, 1.0).unwrap();
        assert!(check_payoffs(&g, 50, || "x".into(), &["game"]).is_ok());
        let e =
            check_payoffs(&g, 51, || "a match score of 51 turns".into(), &["game"]).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("2e148"), "{text}");
        assert!(text.contains("a match score of 51 turns"), "{text}");
        assert!(text.contains("1e150"), "{text}");
        assert_eq!(e.setting().unwrap().keys, ["game"]);
        assert!(text.contains("within ±1.961e148"), "{text}");
        assert_eq!(short(5e147), "5e147");
        assert_eq!(short(1e150 / 3.0), "3.333e149");
    }
}
