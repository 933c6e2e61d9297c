//! Monte Carlo over runs: rayon over run indices in fixed-size chunks; each chunk's records
//! come back in run order and are folded serially (overlapped with computing the next chunk), so results are identical for any thread
//! count and memory is one chunk whatever the number of runs. Never writes files: records
//! are handed to a sink (`output` streams them to `runs.csv`).

use crate::event::Silent;
use crate::protocol::Engine;
use crate::results::{RunRecord, Summary};
use crate::rng::RunKey;
use crate::stats::Accumulator;
use rayon::prelude::*;

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

/// Runs a cell on the current rayon pool. `sink` sees every record in run order; `progress`
/// is called after each chunk with the number of runs done.
pub fn run_cell(
    engine: &Engine,
    plan: Plan,
    sink: &mut (dyn FnMut(u64, &RunRecord) -> std::io::Result<()> + Send),
    progress: &mut dyn FnMut(u64),
) -> std::io::Result<Summary> {
    let horizon = engine.scenario().params().simulation.horizon_weeks;
    let mut acc = Accumulator::new(horizon);
    let compute = |start: u64| -> Vec<RunRecord> {
        let end = (start + CHUNK).min(plan.runs);
        (start..end)
            .into_par_iter()
            .map(|r| engine.run(RunKey::new(plan.seed, plan.cell_hash, r), &mut Silent))
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
