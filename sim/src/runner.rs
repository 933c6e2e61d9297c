//! Monte Carlo over runs of any [`Simulation`]: rayon over run indices in fixed-size chunks;
//! each chunk's records come back in run order and are folded serially (overlapped with
//! computing the next chunk), so results are identical for any thread count and memory is one
//! chunk whatever the number of runs. Never writes files: records are handed to a sink
//! (`output` streams them to `runs.csv`).
//!
//! The flagship model ([`Engine`]) is one [`Simulation`]; anything else that plays seeded runs
//! from a [`RunKey`] and folds their records (a repeated game, a toy model in a test) plugs into
//! the same runner, and so into sweeps, shards and resume, which only see this trait.

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
