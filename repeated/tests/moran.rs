//! Moran processes: neutral drift fixes a type with probability initial/N; Defector fixes
//! against Cooperator; results do not depend on the thread count.

use repeated::library::lookup;
use repeated::moran::Moran;
use repeated::{Game, MatchSettings};

fn moran(types: &[&str], counts: &[u32], reps: u32, seed: u64) -> Moran {
    Moran {
        types: types.iter().map(|n| lookup(n).unwrap()).collect(),
        counts: counts.to_vec(),
        game: Game::prisoners_dilemma(),
        settings: MatchSettings::turns(20),
        mutation_rate: 0.0,
        max_generations: 10_000,
        repetitions: reps,
        seed,
    }
}

#[test]
fn neutral_mutant_fixes_with_probability_one_over_n() {
    // Tit For Tat among Cooperators: everyone always cooperates, so selection is neutral.
    let r = moran(&["Tit For Tat", "Cooperator"], &[1, 4], 2000, 11)
        .run()
        .unwrap();
    let p = r.fixation[0].probability;
    assert!((p - 0.2).abs() < 0.035, "{p}");
    assert_eq!(r.unfixated, 0);
    assert!(r.fixation[0].ci[0] <= 0.2 && 0.2 <= r.fixation[0].ci[1] + 0.01);
    assert!((r.fixation[0].probability + r.fixation[1].probability - 1.0).abs() < 1e-12);
}

#[test]
fn defector_fixes_against_cooperator() {
    let r = moran(&["Defector", "Cooperator"], &[1, 4], 300, 5)
        .run()
        .unwrap();
    assert!(r.fixation[0].probability > 0.6, "{:?}", r.fixation);
    let r = moran(&["Defector", "Cooperator"], &[3, 3], 300, 5)
        .run()
        .unwrap();
    assert!(r.fixation[0].probability > 0.85, "{:?}", r.fixation);
}

#[test]
fn history_tracks_counts_and_threads_do_not_matter() {
    let m = moran(&["Tit For Tat", "Defector", "Random"], &[2, 2, 2], 30, 3);
    let a = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| m.run().unwrap());
    let b = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap()
        .install(|| m.run().unwrap());
    assert_eq!(a, b);
    for run in &a.runs {
        assert_eq!(run.counts().len() as u32, run.generations + 1);
        assert!(run
            .counts()
            .all(|c| c.len() == 3 && c.iter().sum::<u32>() == 6));
        if let Some(t) = run.fixated {
            assert_eq!(run.counts().last().unwrap()[t], 6);
        }
    }
}

#[test]
fn mutation_runs_to_the_cap_and_bad_input_is_refused() {
    let mut m = moran(&["Tit For Tat", "Defector"], &[2, 2], 3, 1);
    m.mutation_rate = 0.1;
    m.max_generations = 50;
    let r = m.run().unwrap();
    assert!(r.runs.iter().all(|x| x.generations == 50));
    m.mutation_rate = 2.0;
    assert!(m.run().is_err());
    assert!(moran(&["Tit For Tat"], &[1], 1, 1).run().is_err());
}

#[test]
fn interrupted_checkpointed_moran_resumes_to_identical_results() {
    use repeated::checkpoint::Progress;
    use repeated::moran::checkpoint::run_checkpointed;
    let mut m = moran(&["Tit For Tat", "Defector", "Random"], &[3, 2, 2], 40, 8);
    m.settings.noise = 0.01;
    m.max_generations = 300;
    let dir = std::env::temp_dir().join(format!("repeated-moran-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("m.checkpoint");
    let full = m.run().unwrap();
    let stopped = run_checkpointed(&m, &path, false, Some(13), &mut |_, _| {}).unwrap();
    assert!(matches!(stopped, Progress::Stopped(13)));
    // Tear the last line, as a kill during a write would.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() - 3]).unwrap();
    let resumed = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| run_checkpointed(&m, &path, true, None, &mut |_, _| {}).unwrap());
    match resumed {
        Progress::Complete(r) => assert_eq!(*r, full),
        Progress::Stopped(_) => panic!("not finished"),
    }
    // A checkpoint of another process (another seed) is refused.
    let mut other = m.clone();
    other.seed = 9;
    let e = run_checkpointed(&other, &path, true, None, &mut |_, _| {}).unwrap_err();
    assert!(e.to_string().contains("different Moran process"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn setting_problems_are_all_reported() {
    let e = Moran::setting_problems(&MatchSettings::turns(0), 1, 2.0, 0, 0);
    let text: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(e.len(), 5, "{text:?}");
    for needle in [
        "turns = 0",
        "mutation_rate = 2",
        "population size = 1",
        "repetitions = 0",
        "max_generations = 0",
    ] {
        assert!(
            text.iter().any(|t| t.contains(needle)),
            "{needle}: {text:?}"
        );
    }
}
