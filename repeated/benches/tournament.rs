//! Benchmark of the peers' workload: Tit For Tat, Grudger and Random, 100 turns, self-play
//! (6 matches per repetition), on the current rayon pool.

use criterion::{criterion_group, criterion_main, Criterion};
use repeated::library::lookup_list;
use repeated::tournament::Tournament;
use repeated::{Game, MatchSettings};

fn workload(repetitions: u32) -> Tournament {
    Tournament {
        players: lookup_list("TitForTat,Grudger,Random").expect("known names"),
        game: Game::prisoners_dilemma(),
        settings: MatchSettings::turns(100),
        repetitions,
        seed: 1,
        self_play: true,
    }
}

fn bench(c: &mut Criterion) {
    let t = workload(1000);
    c.bench_function(
        "tournament TFT/Grudger/Random 100 turns x1000 reps (6000 matches)",
        |b| b.iter(|| t.play_repetitions(0..t.repetitions)),
    );
    let one = workload(1);
    c.bench_function("one repetition (6 matches)", |b| {
        b.iter(|| one.play_repetitions(0..1))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
