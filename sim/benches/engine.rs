//! Engine benchmarks on the baseline scenario (`cargo bench -p sim --bench engine`): one full
//! run, one round, a run's setup, and a scenario's setup (the engine with its contract
//! frontier, built once per scenario, sweep cell and sensitivity point).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use sim::event::Silent;
use sim::{Engine, RunKey, Scenario};
use std::hint::black_box;
use std::time::Duration;

fn scenario() -> Scenario {
    let text = include_str!("../../configs/april-2026.toml");
    Scenario::from_toml(text, "april-2026", &[], strategies_catalog()).expect("valid")
}

fn engine() -> Engine {
    Engine::new(&scenario(), strategies_catalog()).expect("engine")
}

fn strategies_catalog() -> &'static dyn sim::Catalog {
    bench_catalog::get()
}

/// The benches live in `sim`, which cannot depend on `strategies`; the catalogue is pulled
/// in as a dev-dependency.
mod bench_catalog {
    pub(crate) fn get() -> &'static dyn sim::Catalog {
        strategies::catalog()
    }
}

fn bench(c: &mut Criterion) {
    let eng = engine();
    let mut g = c.benchmark_group("engine");
    g.measurement_time(Duration::from_secs(4)).sample_size(30);
    let mut r = 0u64;
    g.bench_function("one_run", |b| {
        b.iter(|| {
            r += 1;
            black_box(eng.run(RunKey::new(1, eng.scenario().hash(), r), &mut Silent))
        })
    });
    let mut r = 0u64;
    g.bench_function("one_round", |b| {
        b.iter_batched(
            || {
                r += 1;
                eng.start(RunKey::new(1, eng.scenario().hash(), r), &mut Silent)
            },
            |mut run| black_box(run.round(&mut Silent)),
            BatchSize::SmallInput,
        )
    });
    let mut r = 0u64;
    g.bench_function("run_setup", |b| {
        b.iter(|| {
            r += 1;
            black_box(
                eng.start(RunKey::new(1, eng.scenario().hash(), r), &mut Silent)
                    .state()
                    .week,
            )
        })
    });
    g.finish();
    let s = scenario();
    let mut g = c.benchmark_group("scenario");
    g.measurement_time(Duration::from_secs(4)).sample_size(20);
    g.bench_function("engine_setup", |b| {
        b.iter(|| black_box(Engine::new(&s, strategies_catalog()).expect("engine")))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
