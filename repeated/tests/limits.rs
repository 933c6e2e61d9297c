//! The documented limits (docs/repeated-games.md "Limits"): matches, tournaments and Moran
//! processes refuse absurd sizes and payoffs that could overflow in `validate`, before anything
//! is played, with typed errors naming the setting; and whatever they accept has finite
//! results.

use proptest::prelude::*;
use repeated::library::{lookup, lookup_list};
use repeated::limits::{
    MAX_MATCHES, MAX_MORAN_RECORD, MAX_PLAYERS, MAX_SCORE, MAX_TOTAL_TURNS, MAX_TURNS,
};
use repeated::matches::MatchLength;
use repeated::moran::Moran;
use repeated::seed::MatchKey;
use repeated::tournament::Tournament;
use repeated::{play_match, Game, MatchSettings, RepeatedError};

fn tournament(names: &str, turns: u32, reps: u32) -> Tournament {
    Tournament {
        players: lookup_list(names).unwrap(),
        game: Game::prisoners_dilemma(),
        settings: MatchSettings::turns(turns),
        repetitions: reps,
        seed: 1,
        self_play: true,
    }
}

fn moran(types: &[&str], counts: &[u32], turns: u32, reps: u32, generations: u32) -> Moran {
    Moran {
        types: types.iter().map(|n| lookup(n).unwrap()).collect(),
        counts: counts.to_vec(),
        game: Game::prisoners_dilemma(),
        settings: MatchSettings::turns(turns),
        mutation_rate: 0.0,
        max_generations: generations,
        repetitions: reps,
        seed: 1,
    }
}

/// The keys an error blames, in order.
fn keys(e: &RepeatedError) -> Vec<String> {
    e.setting().expect("an error about a setting").keys
}

/// A symmetric 2×2 game whose payoffs are `x` times those of the prisoner's dilemma, one of
/// them negative.
fn scaled(x: f64) -> Game {
    Game::symmetric_2x2("scaled", 3.0 * x, -x, 5.0 * x, x).unwrap()
}

#[test]
fn turns_over_the_limit_are_refused_fixed_or_as_a_cap() {
    assert!(MatchSettings::turns(MAX_TURNS).validate().is_ok());
    for (length, value) in [
        (MatchLength::Turns(MAX_TURNS + 1), "1000001"),
        (MatchLength::Turns(u32::MAX), "4294967295"),
        (
            MatchLength::ProbEnd {
                prob_end: 0.1,
                max_turns: u32::MAX,
            },
            "4294967295",
        ),
    ] {
        let s = MatchSettings { length, noise: 0.0 };
        let e = s.validate().unwrap_err();
        let set = e.setting().unwrap();
        assert_eq!(set.keys, ["turns"]);
        assert_eq!(set.value.as_deref(), Some(value));
        assert!(
            set.message.starts_with("allowed values are 1 to 1000000"),
            "{e}"
        );
    }
    let e = MatchSettings::turns(u32::MAX).validate().unwrap_err();
    assert_eq!(
        e.to_string().split(':').next(),
        Some("turns = 4294967295"),
        "{e}"
    );
}

#[test]
fn a_match_refuses_payoffs_whose_score_could_overflow() {
    let (a, b) = (lookup("Cooperator").unwrap(), lookup("Defector").unwrap());
    let key = MatchKey::new(0, 0, 1, 0);
    // 5·10¹⁴⁷ × 200 turns = 10¹⁵⁰: accepted, and the scores are finite.
    let g = Game::symmetric_2x2("edge", 5e147, -5e147, 5e147, 0.0).unwrap();
    let o = play_match(&g, [&a, &b], &MatchSettings::turns(200), &key).unwrap();
    assert!(o.scores.iter().all(|s| s.is_finite()), "{:?}", o.scores);
    assert!((o.scores[1] - 1e150).abs() < 1e137 && (o.scores[0] + 1e150).abs() < 1e137);
    // One turn more could exceed it.
    let e = play_match(&g, [&a, &b], &MatchSettings::turns(201), &key).unwrap_err();
    assert!(
        matches!(e, RepeatedError::PayoffsTooLarge { count: 201, .. }),
        "{e:?}"
    );
    assert_eq!(keys(&e), ["game", "turns"]);
    // The games of the audit: every payoff 1e308, or ±1e308. Before, their scores were ±inf.
    let all = Game::symmetric_2x2("allbig", 1e308, 1e308, 1e308, 1e308).unwrap();
    let e = play_match(&all, [&a, &b], &MatchSettings::turns(3), &key).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("game allbig is 1e308"), "{text}");
    assert!(text.contains("1e150"), "{text}");
    let huge = Game::new(
        "huge",
        &[vec![1.0, 0.0], vec![-1e308, 1.0]],
        &[vec![1e308, 0.0], vec![0.0, 1.0]],
    )
    .unwrap();
    let r = lookup("Random").unwrap();
    let e = play_match(&huge, [&a, &r], &MatchSettings::turns(200), &key).unwrap_err();
    assert!(matches!(e, RepeatedError::PayoffsTooLarge { .. }), "{e:?}");
    // With an end probability the cap counts: the drawn length could reach it.
    let s = MatchSettings {
        length: MatchLength::ProbEnd {
            prob_end: 0.5,
            max_turns: 1000,
        },
        noise: 0.0,
    };
    assert!(play_match(&scaled(1e147), [&a, &b], &s, &key).is_err());
    assert!(play_match(&scaled(1e146), [&a, &b], &s, &key).is_ok());
}

#[test]
fn a_tournament_refuses_sizes_over_the_limits() {
    // Players: the payoff matrix has players² cells.
    let many = vec!["Cooperator"; MAX_PLAYERS + 1].join(",");
    let e = tournament(&many, 1, 1).validate().unwrap_err();
    assert_eq!(keys(&e), ["players"]);
    assert!(e.to_string().contains("at most 500 players"), "{e}");
    let ok = vec!["Cooperator"; MAX_PLAYERS].join(",");
    assert!(tournament(&ok, 1, 1).validate().is_ok());
    // Matches: 3 players with self-play play 6 matches a repetition.
    let reps = (MAX_MATCHES / 6) as u32;
    assert!(tournament("TFT,Defector,Random", 1, reps)
        .validate()
        .is_ok());
    let e = tournament("TFT,Defector,Random", 1, reps + 1)
        .validate()
        .unwrap_err();
    assert_eq!(keys(&e)[0], "repetitions");
    assert!(e.to_string().contains("at most 10000000 matches"), "{e}");
    // Total turns: 6 matches × 1,000,000 turns × 16,667 repetitions > 10¹¹.
    let reps = (MAX_TOTAL_TURNS / 6 / u64::from(MAX_TURNS)) as u32;
    assert!(tournament("TFT,Defector,Random", MAX_TURNS, reps)
        .validate()
        .is_ok());
    let e = tournament("TFT,Defector,Random", MAX_TURNS, reps + 1)
        .validate()
        .unwrap_err();
    assert_eq!(keys(&e), ["repetitions", "turns", "prob_end", "players"]);
    assert!(e.to_string().contains("at most 100000000000 turns"), "{e}");
    // A request for 4294967295 turns.
    let e = tournament("TFT,Defector", u32::MAX, 1)
        .validate()
        .unwrap_err();
    assert_eq!(keys(&e), ["turns"]);
}

#[test]
fn a_tournament_with_an_end_probability_counts_expected_turns() {
    // Mean length about 100 (cap 1,000,000): 3,333,333 matches × 100 turns is allowed although
    // the cap times the matches is not.
    let mut t = tournament("TFT,Defector,Random", 1, (MAX_MATCHES / 3) as u32);
    t.self_play = false;
    t.settings.length = MatchLength::ProbEnd {
        prob_end: 0.01,
        max_turns: MAX_TURNS,
    };
    // Payoffs: the cap counts (3,333,333 repetitions × 2 opponents × 10⁶ turns × 5 ≤ 10¹⁵⁰).
    assert!(t.validate().is_ok(), "{:?}", t.validate());
    // Mean length about 10⁶: over the budget.
    t.settings.length = MatchLength::ProbEnd {
        prob_end: 1e-9,
        max_turns: MAX_TURNS,
    };
    let e = t.validate().unwrap_err();
    assert!(e.to_string().contains("expected turns"), "{e}");
}

#[test]
fn a_tournament_refuses_payoffs_whose_totals_could_overflow() {
    // A tournament of 3 players, 20 turns, 3 repetitions, every payoff 1e308.
    let mut t = tournament("TFT,Defector,Cooperator", 20, 3);
    t.game = Game::symmetric_2x2("big", 1e308, 1e308, 1e308, 1e308).unwrap();
    let e = t.validate().unwrap_err();
    assert!(
        matches!(e, RepeatedError::PayoffsTooLarge { count: 120, .. }),
        "{e:?}"
    );
    assert_eq!(keys(&e)[0], "game");
    // A player's total: 3 repetitions × 2 opponents × 20 turns = 120 payoffs of at most 5x.
    t.game = scaled(MAX_SCORE / 120.0 / 5.0);
    assert!(t.validate().is_ok());
    let r = t.run().unwrap();
    assert!(r
        .rows
        .iter()
        .all(|m| m.scores.iter().all(|s| s.is_finite())));
    t.game = scaled(MAX_SCORE / 120.0 / 4.0);
    assert!(t.validate().is_err());
}

#[test]
fn a_moran_process_refuses_sizes_over_the_limits() {
    // Defaults with 2 types: 100 × 10,001 × 2 counts are recorded.
    assert!(moran(&["TFT", "Defector"], &[2, 2], 100, 100, 10_000)
        .validate()
        .is_ok());
    // Recorded counts: repetitions × (generations + 1) × types.
    let reps = (MAX_MORAN_RECORD / 2 / 10_001) as u32;
    assert!(moran(&["TFT", "Defector"], &[2, 2], 1, reps, 10_000)
        .validate()
        .is_ok());
    let e = moran(&["TFT", "Defector"], &[2, 2], 1, reps + 1, 10_000)
        .validate()
        .unwrap_err();
    assert_eq!(keys(&e), ["max_generations", "repetitions"]);
    assert!(e.to_string().contains("population counts"), "{e}");
    let e = moran(&["TFT", "Defector"], &[2, 2], 1, 1, u32::MAX)
        .validate()
        .unwrap_err();
    assert!(matches!(e, RepeatedError::TooLarge { .. }), "{e:?}");
    // Total turns: 60 stochastic individuals, 1,770 pairs a generation.
    let e = moran(&["TFT", "Random"], &[30, 30], 100, 100, 10_000)
        .validate()
        .unwrap_err();
    assert!(e.to_string().contains("at most 100000000000 turns"), "{e}");
    // Deterministic types are cached: the same population of TFT and Defector is affordable.
    assert!(moran(&["TFT", "Defector"], &[30, 30], 100, 100, 10_000)
        .validate()
        .is_ok());
    // A request for 4294967295 turns.
    let e = moran(&["TFT", "Defector"], &[2, 1], u32::MAX, 1, 10)
        .validate()
        .unwrap_err();
    assert_eq!(keys(&e), ["turns"]);
    // Population.
    let e = moran(&["TFT", "Defector"], &[10_000, 1], 1, 1, 1)
        .validate()
        .unwrap_err();
    assert_eq!(keys(&e), ["players"]);
}

#[test]
fn a_moran_process_refuses_payoffs_whose_fitness_could_overflow() {
    let mut m = moran(&["TFT", "Defector"], &[2, 1], 100, 3, 100);
    m.game = Game::symmetric_2x2("big", 1e308, 1e308, 1e308, 1e308).unwrap();
    let e = m.validate().unwrap_err();
    // A generation's fitness: 3 individuals × 2 opponents × 100 turns.
    assert!(
        matches!(e, RepeatedError::PayoffsTooLarge { count: 600, .. }),
        "{e:?}"
    );
    m.game = scaled(MAX_SCORE / 600.0 / 5.0);
    let r = m.run().unwrap();
    assert!(r.fixation.iter().all(|f| f.probability.is_finite()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the payoff scale, a tournament is either refused up front or all its results
    /// are finite (before the limit, payoffs from 10³⁰⁶ up gave ±inf and NaN).
    #[test]
    fn accepted_tournaments_have_finite_results(
        exponent in 140i32..=308, turns in 1u32..40, reps in 1u32..4, noise in 0.0f64..0.2,
    ) {
        let x = 10f64.powi(exponent).min(f64::MAX / 5.0);
        let mut t = tournament("TFT,Defector,Random", turns, reps);
        t.game = scaled(x);
        t.settings.noise = noise;
        match t.run() {
            Ok(r) => {
                prop_assert!(r.rows.iter().all(|m| m.scores.iter().all(|s| s.is_finite())));
                for p in &r.ranked {
                    prop_assert!(p.mean_score_per_turn.is_finite());
                    prop_assert!(p.median_score.is_finite());
                    prop_assert!(p.normalised_scores.iter().all(|s| s.is_finite()));
                }
                prop_assert!(r.payoff.iter().flatten().all(|x| x.is_finite()));
            }
            Err(e) => {
                let is_payoffs = matches!(e, RepeatedError::PayoffsTooLarge { .. });
                prop_assert!(is_payoffs, "{:?}", e);
                prop_assert!(5.0 * x * f64::from(turns * reps * 2) > MAX_SCORE);
            }
        }
    }
}
