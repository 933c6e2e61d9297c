//! Criterion benchmarks of every solver on random 2-player 6×6 and 3-player 4×4×4 games
//! (payoffs uniform on [0, 1) from seeded ChaCha8 streams). Every iteration solves 20 games
//! and the throughput is declared per game, so criterion's `elem/s` reads as games per second.
//! `solve_6x6/<method>` and `solve_4x4x4/<method>` go through the dispatcher (budget check,
//! normalisation, evaluation in the original game, as the CLI does); `games_per_s_6x6` times
//! the raw two-player fast paths (`lh` dropping label 0, `enummixed` without the dispatcher).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use games::game::Game;
use games::solve::{self, Method, RegretMode, SolveOptions};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::time::Duration;

const GAMES: usize = 20;

fn random_games(counts: &[usize], seed: u64) -> Vec<Game> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let k: usize = counts.iter().product::<usize>() * counts.len();
    (0..GAMES)
        .map(|_| Game::from_counts(counts, (0..k).map(|_| rng.random::<f64>()).collect()).unwrap())
        .collect()
}

fn bench(c: &mut Criterion) {
    let opts = SolveOptions {
        iterations: 10_000,
        replicator_steps: 10_000,
        regret_mode: RegretMode::Conditional,
        ..SolveOptions::default()
    };
    for (label, counts, seed) in [("6x6", vec![6, 6], 12345u64), ("4x4x4", vec![4, 4, 4], 777)] {
        let games = random_games(&counts, seed);
        let mut group = c.benchmark_group(format!("solve_{label}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3))
            .throughput(Throughput::Elements(GAMES as u64));
        for method in Method::CONCRETE {
            if !method.applies_to(&games[0]) {
                continue;
            }
            group.bench_with_input(BenchmarkId::from_parameter(method), &games, |b, games| {
                b.iter(|| {
                    for g in games {
                        black_box(solve::solve(black_box(g), method, &opts).unwrap());
                    }
                })
            });
        }
        group.finish();
    }
    // Throughput of the two-player fast paths on random 6×6 games, comparable to QuantEcon's
    // lemke_howson / vertex_enumeration and pygambit's lcp / enummixed per-game figures.
    let games = random_games(&[6, 6], 2024);
    let mut group = c.benchmark_group("games_per_s_6x6");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Elements(GAMES as u64));
    group.bench_with_input("lh_label0", &games, |b, games| {
        b.iter(|| {
            for g in games {
                black_box(solve::lh::lemke_howson(black_box(g), 0, 10_000).unwrap());
            }
        })
    });
    group.bench_with_input("enummixed", &games, |b, games| {
        b.iter(|| {
            for g in games {
                black_box(solve::enummixed::solve(black_box(g), 1e-9).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
