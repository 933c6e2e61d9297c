//! The generic runner (`sim::runner`) plays any `Simulation`, not just the flagship: a
//! repeated-game match plugs in with a record type and a fold of its own, and inherits the
//! runner's guarantees (run order, identical results for any thread count).

use rand::RngExt;
use repeated::seed::MatchKey;
use repeated::{lookup, play_match, Game, MatchSettings};
use sim::rng::{RunKey, Stream};
use sim::runner::{run_cell, Fold, Plan, Simulation};

/// One match of two named strategies per run, seeded from the run's `Match` stream.
struct MatchRuns {
    game: Game,
    players: [repeated::library::Player; 2],
    settings: MatchSettings,
}

/// Mean scores over runs.
#[derive(Default)]
struct MeanScores {
    n: u64,
    sum: [f64; 2],
}

impl Fold<[f64; 2]> for MeanScores {
    type Output = (u64, [f64; 2]);

    fn push(&mut self, r: &[f64; 2]) {
        self.n += 1;
        self.sum[0] += r[0];
        self.sum[1] += r[1];
    }

    fn finish(&self) -> (u64, [f64; 2]) {
        let n = self.n.max(1) as f64;
        (self.n, [self.sum[0] / n, self.sum[1] / n])
    }
}

impl Simulation for MatchRuns {
    type Record = [f64; 2];
    type Fold = MeanScores;

    fn run(&self, key: RunKey) -> [f64; 2] {
        let master: u64 = key.stream(Stream::Match).random();
        let key = MatchKey::new(master, 0, 1, 0);
        let [a, b] = &self.players;
        play_match(&self.game, [a, b], &self.settings, &key)
            .expect("valid match")
            .scores
    }

    fn fold(&self) -> MeanScores {
        MeanScores::default()
    }
}

fn matches(a: &str, b: &str, noise: f64) -> MatchRuns {
    MatchRuns {
        game: Game::prisoners_dilemma(),
        players: [lookup(a).expect("strategy"), lookup(b).expect("strategy")],
        settings: MatchSettings {
            noise,
            ..MatchSettings::turns(10)
        },
    }
}

fn cell(sim: &MatchRuns, threads: usize) -> (Vec<[f64; 2]>, (u64, [f64; 2])) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    let plan = Plan {
        seed: 42,
        cell_hash: 7,
        runs: 20_000,
    };
    let mut records = Vec::new();
    let out = pool
        .install(|| {
            run_cell(
                sim,
                plan,
                &mut |i, r| {
                    assert_eq!(i as usize, records.len(), "records arrive in run order");
                    records.push(*r);
                    Ok(())
                },
                &mut |_| {},
            )
        })
        .expect("runs");
    (records, out)
}

#[test]
fn a_repeated_game_plugs_into_the_generic_runner() {
    // Deterministic: Tit For Tat cooperates once, then mirrors the Defector: 0 + 9·1 against
    // 5 + 9·1 in every run.
    let (records, (n, mean)) = cell(&matches("TitForTat", "Defector", 0.0), 2);
    assert_eq!(n, 20_000);
    assert!(records.iter().all(|r| *r == [9.0, 14.0]));
    assert_eq!(mean, [9.0, 14.0]);
    // With noise each run differs, yet the cell is the same for one thread and two.
    let noisy = matches("TitForTat", "Defector", 0.1);
    let (one, out_one) = cell(&noisy, 1);
    let (two, out_two) = cell(&noisy, 2);
    assert_eq!(one, two);
    assert_eq!(out_one.1, out_two.1);
    assert!(one.iter().any(|r| *r != [9.0, 14.0]));
    assert!((out_one.1[0] - 9.0).abs() > 0.1, "{out_one:?}");
}
