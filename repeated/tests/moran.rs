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
