//! Tournaments and matches: scores add up from the action sequences, results do not depend on
//! the thread count, interrupted checkpointed runs resume to identical results, and the
//! summaries agree with hand-computed values.

use proptest::prelude::*;
use repeated::checkpoint::Progress;
use repeated::library::{lookup, lookup_list};
use repeated::matches::MatchLength;
use repeated::seed::MatchKey;
use repeated::tournament::checkpoint::run_checkpointed;
use repeated::tournament::Tournament;
use repeated::{play_match, Game, MatchSettings, SPECS};

fn pool(n: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .unwrap()
}

fn tournament(names: &str, reps: u32, noise: f64, prob_end: Option<f64>) -> Tournament {
    Tournament {
        players: lookup_list(names).unwrap(),
        game: Game::prisoners_dilemma(),
        settings: MatchSettings {
            length: match prob_end {
                Some(p) => MatchLength::ProbEnd {
                    prob_end: p,
                    max_turns: 1000,
                },
                None => MatchLength::Turns(50),
            },
            noise,
        },
        repetitions: reps,
        seed: 42,
        self_play: true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_are_the_sum_of_stage_payoffs(
        a in 0..SPECS.len() - 3, b in 0..SPECS.len() - 3, seed in any::<u64>(),
        turns in 1u32..300, noise in 0.0f64..0.3,
    ) {
        let g = Game::prisoners_dilemma();
        let (pa, pb) = (lookup(SPECS[a].name).unwrap(), lookup(SPECS[b].name).unwrap());
        let s = MatchSettings { length: MatchLength::Turns(turns), noise };
        let o = play_match(&g, [&pa, &pb], &s, &MatchKey::new(seed, 0, 1, 0)).unwrap();
        prop_assert_eq!(o.turns as usize, o.actions[0].len());
        prop_assert_eq!(o.actions[1].len(), o.actions[0].len());
        let mut sum = [0.0, 0.0];
        for t in 0..o.actions[0].len() {
            let (u, v) = g.payoffs(o.actions[0][t], o.actions[1][t]);
            sum[0] += u;
            sum[1] += v;
        }
        prop_assert_eq!(sum, o.scores);
        let coops = o.actions[0].iter().filter(|&&x| x == 0).count() as u32;
        prop_assert_eq!(coops, o.cooperations[0]);
    }

    #[test]
    fn random_lengths_are_at_least_one_and_capped(p in 0.001f64..=1.0, seed in any::<u64>()) {
        let g = Game::prisoners_dilemma();
        let tft = lookup("TitForTat").unwrap();
        let s = MatchSettings { length: MatchLength::ProbEnd { prob_end: p, max_turns: 500 }, noise: 0.0 };
        let o = play_match(&g, [&tft, &tft], &s, &MatchKey::new(seed, 0, 1, 0)).unwrap();
        prop_assert!(o.turns >= 1 && o.turns <= 500);
    }
}

#[test]
fn random_lengths_have_the_geometric_mean() {
    let g = Game::prisoners_dilemma();
    let c = lookup("Cooperator").unwrap();
    let s = MatchSettings {
        length: MatchLength::ProbEnd {
            prob_end: 0.1,
            max_turns: 100_000,
        },
        noise: 0.0,
    };
    let n = 4000;
    let total: u64 = (0..n)
        .map(|r| {
            u64::from(
                play_match(&g, [&c, &c], &s, &MatchKey::new(3, 0, 1, r))
                    .unwrap()
                    .turns,
            )
        })
        .sum();
    let mean = total as f64 / n as f64;
    assert!((mean - 10.0).abs() < 0.6, "{mean}");
}

#[test]
fn noise_flips_at_the_given_rate() {
    let g = Game::prisoners_dilemma();
    let c = lookup("Cooperator").unwrap();
    let s = MatchSettings {
        length: MatchLength::Turns(20_000),
        noise: 0.1,
    };
    let o = play_match(&g, [&c, &c], &s, &MatchKey::new(9, 0, 1, 0)).unwrap();
    let flipped = 20_000 - o.cooperations[0];
    assert!((1800..2200).contains(&flipped), "{flipped}");
}

#[test]
fn results_do_not_depend_on_thread_count() {
    let t = tournament(
        "TitForTat,Grudger,Random,Joss,Feld,Tullock,Calculator",
        20,
        0.05,
        Some(0.02),
    );
    let one = pool(1).install(|| t.run().unwrap());
    let two = pool(2).install(|| t.run().unwrap());
    let four = pool(4).install(|| t.run().unwrap());
    assert_eq!(one, two);
    assert_eq!(one, four);
    assert_eq!(one.rows.len(), 20 * 28);
}

#[test]
fn interrupted_checkpointed_run_resumes_to_identical_results() {
    let dir = tempfile_dir();
    let t = tournament("TitForTat,Grudger,Random,Defector,Prober", 700, 0.01, None);
    let path = dir.join("a.checkpoint");
    let full = pool(2).install(|| t.run().unwrap());
    let stopped = run_checkpointed(&t, &path, false, Some(123), &mut |_, _| {}).unwrap();
    assert!(matches!(stopped, Progress::Stopped(123)));
    // Tear the last line, as a kill during a write would.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() - 7]).unwrap();
    let resumed =
        pool(1).install(|| run_checkpointed(&t, &path, true, None, &mut |_, _| {}).unwrap());
    match resumed {
        Progress::Complete(r) => assert_eq!(*r, full),
        Progress::Stopped(_) => panic!("not finished"),
    }
    // A checkpoint of another tournament is refused.
    let other = tournament("TitForTat,Grudger", 3, 0.0, None);
    assert!(run_checkpointed(&other, &path, true, None, &mut |_, _| {}).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("repeated-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn summary_of_a_deterministic_tournament() {
    // Tit For Tat, Defector, Cooperator; 10 turns, self-play, 2 repetitions.
    let mut t = tournament("TitForTat,Defector,Cooperator", 2, 0.0, None);
    t.settings = MatchSettings::turns(10);
    let r = t.run().unwrap();
    assert_eq!(r.rows.len(), 12);
    // Per turn against others: TFT (9+14)/10/2 = ... vs Defector 0.9, vs Cooperator 3 → 1.95
    // Defector: vs TFT 1.4, vs Cooperator 5 → 3.2; Cooperator: 3 and 0 → 1.5.
    let names: Vec<&str> = r.ranked.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Defector", "Tit For Tat", "Cooperator"]);
    assert!((r.ranked[0].median_score - 3.2).abs() < 1e-12);
    assert!((r.ranked[1].median_score - 1.95).abs() < 1e-12);
    assert_eq!(r.ranked[0].wins, 4);
    assert_eq!(r.ranked[1].wins, 0);
    assert!((r.payoff[0][1] - 0.9).abs() < 1e-12);
    assert!((r.payoff[1][0] - 1.4).abs() < 1e-12);
    assert!((r.payoff[0][0] - 3.0).abs() < 1e-12);
    assert!((r.ranked[2].cooperation_rate - 1.0).abs() < 1e-12);
}

#[test]
fn invalid_settings_are_typed_errors() {
    let mut t = tournament("TitForTat,Defector", 1, 0.0, None);
    t.repetitions = 0;
    assert!(t.run().is_err());
    let t = tournament("TitForTat,Defector", 1, 1.5, None);
    assert!(t.run().is_err());
    let mut t = tournament("TitForTat", 1, 0.0, None);
    t.self_play = false;
    assert!(t.run().is_err());
    assert!(lookup_list("TitForTat,Nobody").is_err());
}

#[test]
fn reset_makes_a_used_instance_play_like_a_fresh_one() {
    use repeated::matches::{contexts, play};
    let g = Game::prisoners_dilemma();
    let s = MatchSettings {
        length: MatchLength::Turns(60),
        noise: 0.05,
    };
    let ctx = contexts(&g, &s);
    for spec in SPECS.iter().filter(|s| s.name != "Play k") {
        let me = lookup(spec.name).unwrap();
        let mut used = me.build();
        for (k, opp) in ["Alternator", "Tit For Tat", "Random", "Defector"]
            .iter()
            .enumerate()
        {
            let key = MatchKey::new(k as u64, 0, 1, 0);
            let mut o1 = lookup(opp).unwrap().build();
            let mut o2 = lookup(opp).unwrap().build();
            let mut fresh = me.build();
            let a = play(&g, &ctx, [used.as_mut(), o1.as_mut()], &s, &key);
            let b = play(&g, &ctx, [fresh.as_mut(), o2.as_mut()], &s, &key);
            assert_eq!(a, b, "{} vs {opp}", spec.name);
        }
    }
}

#[test]
fn numbers_are_written_in_shortest_round_trip_form() {
    use repeated::tournament::push_number;
    for x in [0.0, -0.0, 199.0, -3.0, 0.1, 1.0 / 3.0, 2.5e20, -7.25] {
        let mut s = String::new();
        push_number(&mut s, x);
        assert_eq!(s, format!("{x}"));
    }
}
