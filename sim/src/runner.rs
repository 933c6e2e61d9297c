//! Monte Carlo over runs of any [`Simulation`]: rayon over run indices in fixed-size chunks;
//! each chunk's records come back in run order and are folded serially (overlapped with
//! computing the next chunk), so results are identical for any thread count and memory is one
//! chunk whatever the number of runs. Never writes files: records are handed to a sink
//! (`output` streams them to `runs.csv`).
//!
//! The flagship model ([`Engine`]) is one [`Simulation`]; anything else that plays seeded runs
//! from a [`RunKey`] and folds their records (a repeated game, a toy model in a test) plugs into
//! the same runner, and so into sweeps, shards and resume, which only see this trait and what
//! its fold produces (a [`crate::sweep::CellSummary`]; `sweep`'s tests sweep a seeded coin).
//!
//! [`run_cells`] is the one "evaluate these cells" loop of every multi-cell command (sweeps,
//! sensitivity, Sobol, discovery, calibration): cells in batches, a batch's cells in parallel,
//! each built into its simulation by the caller's factory and run with [`run_cell`], results
//! handed over batch by batch in cell order.

use crate::event::Silent;
use crate::protocol::Engine;
use crate::results::{RunRecord, Summary};
use crate::rng::RunKey;
use crate::stats::Accumulator;
use rayon::prelude::*;

/// A seeded Monte Carlo model: one run from its [`RunKey`] gives a record; records are folded
/// in run order into a summary.
pub trait Simulation: Sync {
    /// What one run produces.
    type Record: Send + Sync;
    /// The running fold over records.
    type Fold: Fold<Self::Record> + Send;

    /// Plays run `key` (deterministic in the key).
    fn run(&self, key: RunKey) -> Self::Record;

    /// An empty fold.
    fn fold(&self) -> Self::Fold;
}

/// A fold over run records, fed in run order.
pub trait Fold<R> {
    /// The folded result.
    type Output;

    /// Adds the next record.
    fn push(&mut self, record: &R);

    /// The result over every record pushed.
    fn finish(&self) -> Self::Output;
}

impl Simulation for Engine {
    type Record = RunRecord;
    type Fold = Accumulator;

    fn run(&self, key: RunKey) -> RunRecord {
        Engine::run(self, key, &mut Silent)
    }

    fn fold(&self) -> Accumulator {
        Accumulator::new(self.scenario().params().simulation.horizon_weeks)
    }
}

impl Fold<RunRecord> for Accumulator {
    type Output = Summary;

    fn push(&mut self, record: &RunRecord) {
        Accumulator::push(self, record);
    }

    fn finish(&self) -> Summary {
        Accumulator::finish(self)
    }
}

/// Runs per parallel chunk.
pub const CHUNK: u64 = 8192;

/// What to run: master seed, the cell's parameter hash, and how many runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Master seed.
    pub seed: u64,
    /// Hash of the cell's resolved parameters.
    pub cell_hash: u64,
    /// Number of runs.
    pub runs: u64,
}

/// Runs a cell of `sim` on the current rayon pool. `sink` sees every record in run order;
/// `progress` is called after each chunk with the number of runs done.
pub fn run_cell<S: Simulation>(
    sim: &S,
    plan: Plan,
    sink: &mut (dyn FnMut(u64, &S::Record) -> std::io::Result<()> + Send),
    progress: &mut dyn FnMut(u64),
) -> std::io::Result<<S::Fold as Fold<S::Record>>::Output> {
    let mut acc = sim.fold();
    let compute = |start: u64| -> Vec<S::Record> {
        let end = (start + CHUNK).min(plan.runs);
        (start..end)
            .into_par_iter()
            .map(|r| sim.run(RunKey::new(plan.seed, plan.cell_hash, r)))
            .collect()
    };
    // Fold chunk k (serially, in run order) while chunk k + 1 is computed.
    let mut start = 0;
    let mut current = compute(0);
    while start < plan.runs {
        let next_start = start + current.len() as u64;
        let (next, folded) = rayon::join(
            || (next_start < plan.runs).then(|| compute(next_start)),
            || -> std::io::Result<()> {
                for (i, rec) in current.iter().enumerate() {
                    acc.push(rec);
                    sink(start + i as u64, rec)?;
                }
                Ok(())
            },
        );
        folded?;
        progress(next_start);
        start = next_start;
        current = next.unwrap_or_default();
    }
    Ok(acc.finish())
}

/// What a multi-cell computation reports as it goes (a progress bar, or nothing: `()`).
pub trait Progress: Sync {
    /// The computation starts: `cells` cells of `runs` runs each, `done` of them already
    /// finished (a resumed sweep).
    fn start(&self, cells: u64, done: u64, runs: u64) {
        let _ = (cells, done, runs);
    }

    /// A cell of `runs` runs finished (called from worker threads, in any order).
    fn cell_done(&self, runs: u64) {
        let _ = runs;
    }

    /// `done` of `cells` cells are finished and handed over (after each batch, in order).
    fn cells_done(&self, done: u64, cells: u64) {
        let _ = (done, cells);
    }

    /// The computation is over.
    fn finish(&self) {}
}

/// No progress reports.
impl Progress for () {}

/// The result of one cell of simulation `S`.
pub type CellResult<S> = <<S as Simulation>::Fold as Fold<<S as Simulation>::Record>>::Output;

/// Builds a cell's simulation and its [`Plan`].
pub type CellSimulation<'a, C, S, E> = dyn Fn(&C) -> Result<(S, Plan), E> + Sync + 'a;

/// Receives a batch of cells and their results, in cell order.
pub type CellSink<'a, C, S, E> = dyn FnMut(&[C], Vec<CellResult<S>>) -> Result<(), E> + 'a;

/// Runs `cells` on `pool`, `batch` cells at a time in parallel: `simulation` builds each cell's
/// simulation and [`Plan`], [`run_cell`] runs it, and `sink` receives each batch's results in
/// cell order (with the batch's cells) before the next batch starts, so a caller can stream
/// them to a file. Results do not depend on `batch` or on the number of threads. `progress`
/// sees every finished cell and batch (the count starts at `done`, for a resumed run; `start`
/// and `finish` are the caller's). Stops at the first error.
pub fn run_cells<C, S, E>(
    pool: &rayon::ThreadPool,
    cells: &[C],
    batch: usize,
    simulation: &CellSimulation<'_, C, S, E>,
    progress: &dyn Progress,
    sink: &mut CellSink<'_, C, S, E>,
) -> Result<(), E>
where
    C: Sync,
    S: Simulation,
    CellResult<S>: Send,
    E: Send,
{
    let total = cells.len() as u64;
    let mut done = 0u64;
    for chunk in cells.chunks(batch.max(1)) {
        let results = pool.install(|| {
            chunk
                .par_iter()
                .map(|c| {
                    let (sim, plan) = simulation(c)?;
                    let out = run_cell(&sim, plan, &mut |_, _| Ok(()), &mut |_| {})
                        .unwrap_or_else(|_| unreachable!("a silent sink never fails"));
                    progress.cell_done(plan.runs);
                    Ok(out)
                })
                .collect::<Result<Vec<_>, E>>()
        })?;
        sink(chunk, results)?;
        done += chunk.len() as u64;
        progress.cells_done(done, total);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy model: a run's record is its key's first draw; the fold sums them.
    struct Toy;

    struct Sum(u64);

    impl Fold<u64> for Sum {
        type Output = u64;

        fn push(&mut self, record: &u64) {
            self.0 = self.0.wrapping_add(*record);
        }

        fn finish(&self) -> u64 {
            self.0
        }
    }

    impl Simulation for Toy {
        type Record = u64;
        type Fold = Sum;

        fn run(&self, key: RunKey) -> u64 {
            use rand::Rng;
            key.stream(crate::rng::Stream::Setup).next_u64()
        }

        fn fold(&self) -> Sum {
            Sum(0)
        }
    }

    fn sums(threads: usize, batch: usize) -> Vec<u64> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let cells: Vec<u64> = (0..13).collect();
        let sim = |c: &u64| -> Result<(Toy, Plan), ()> {
            let plan = Plan {
                seed: 7,
                cell_hash: *c,
                runs: 100 + c,
            };
            Ok((Toy, plan))
        };
        let mut out = Vec::new();
        let mut keep = |_: &[u64], got: Vec<u64>| -> Result<(), ()> {
            out.extend(got);
            Ok(())
        };
        run_cells(&pool, &cells, batch, &sim, &(), &mut keep).unwrap();
        out
    }

    #[test]
    fn cells_come_back_in_order_whatever_the_batch_and_threads() {
        let one = sums(1, 1);
        assert_eq!(one.len(), 13);
        assert_eq!(sums(2, 4), one);
        assert_eq!(sums(3, 100), one);
    }
}
