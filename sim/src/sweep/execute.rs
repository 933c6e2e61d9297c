//! The sweep driver: computes a sweep's cells (all of them, or one shard's) with
//! [`run_cells`], streaming one JSON-lines [`CellRecord`] per cell to a record file — a shard
//! file, or a hidden checkpoint beside the results directory of an unsharded sweep — and
//! continuing such a file with `--resume`. The results directory is then always written by
//! the same merge of record files ([`super::write_results`]), so unsharded, sharded + merged
//! and resumed runs produce the same bytes, and memory stays flat in cells × runs.
//!
//! Generic and flagship parts: the driver is generic over the simulation a cell becomes (the
//! [`Executor::simulation`] factory, any [`Simulation`]), over what its runs fold into (any
//! [`CellSummary`]: records, `outcomes.csv` and `summary.json` hold it; the flagship's is
//! [`crate::Summary`]) and over the caller's error type. The cells are still a [`Sweep`]'s,
//! each with its flagship scenario and hash: another simulation reads its parameters from the
//! cell (its swept values) and its runs are seeded by the cell's hash. Progress goes to a
//! [`SweepObserver`]; nothing here prints.

use super::shard::{
    read_header, record_line, resume_records, CellRecord, CellSummary, ShardHeader,
};
use super::{Cell, Sweep};
use crate::outdir::{Locked, OutputLock, TargetError};
use crate::output::{OutputError, ResultsDir};
use crate::runner::{run_cells, CellResult, Plan, Progress, Simulation};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Cells computed in parallel at a time (each cell's runs are parallel too); also how often
/// the record file is flushed.
const BATCH: usize = 8;

/// Error of the sweep driver, merge and record files.
#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    /// Bad input (exit code 2): a foreign, broken or incomplete shard file, a checkpoint of
    /// another sweep, missing or repeated cells.
    #[error("{0}")]
    Bad(String),
    /// I/O failure, with what was being done.
    #[error("{context}")]
    Io {
        /// What was being done, naming the path.
        context: String,
        /// The failure.
        #[source]
        source: io::Error,
    },
    /// The output location was refused or is in use.
    #[error(transparent)]
    Target(#[from] TargetError),
    /// Writing the results directory failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A record did not serialise.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

impl SweepError {
    /// True when the error is the user's input (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            SweepError::Bad(_) => true,
            SweepError::Target(t) => t.is_bad_input(),
            SweepError::Output(o) => o.is_bad_input(),
            SweepError::Io { .. } | SweepError::Json(_) => false,
        }
    }

    /// Wraps an I/O error with what was being done.
    pub(crate) fn io(context: String) -> impl FnOnce(io::Error) -> SweepError {
        move |source| SweepError::Io { context, source }
    }
}

/// What a sweep reports as it goes: the [`Progress`] of its cells, and a resumed checkpoint.
pub trait SweepObserver: Progress {
    /// `--resume` found `done` of the `cells` cells already in the record file `path`.
    fn resumed(&self, done: u64, cells: u64, path: &Path) {
        let _ = (done, cells, path);
    }
}

/// No reports.
impl SweepObserver for () {}

/// What a run of the driver did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// The record file written: the shard file, or the checkpoint of an unsharded sweep.
    pub path: PathBuf,
    /// Cells computed now (not counting resumed ones).
    pub computed: u64,
    /// With `--resume`, the shard file was already complete: nothing ran.
    pub already_complete: bool,
}

/// Runs the cells of a sweep. `simulation` turns a cell into the simulation to run (for the
/// flagship, an `Engine` of [`Cell::scenario`]); its runs are seeded by (sweep seed, cell
/// hash, run index).
pub struct Executor<'a, F> {
    /// The sweep.
    pub sweep: &'a Sweep,
    /// Where cells run.
    pub pool: &'a rayon::ThreadPool,
    /// A cell → its simulation.
    pub simulation: F,
    /// Progress and notices.
    pub observer: &'a dyn SweepObserver,
    /// Continue an interrupted record file instead of starting over.
    pub resume: bool,
}

impl<F, S, E> Executor<'_, F>
where
    F: Fn(&Cell) -> Result<S, E> + Sync,
    S: Simulation,
    CellResult<S>: CellSummary,
    E: From<SweepError> + Send,
{
    /// Computes shard `header` into `dir/shard-IIII-of-NNNN.jsonl` (through a `.partial` file
    /// renamed when complete), under the shard's lock. With `resume`, a complete shard file of
    /// the same header is left alone and a partial one is continued.
    pub fn shard(&self, header: &ShardHeader, dir: &Path) -> Result<Finished, E> {
        let (i, n) = (header.shard, header.shards);
        fs::create_dir_all(dir).map_err(SweepError::io(format!("creating {}", dir.display())))?;
        let done = dir.join(format!("shard-{i:04}-of-{n:04}.jsonl"));
        let lock = dir.join(format!(".shard-{i:04}-of-{n:04}.lock"));
        let _lock =
            OutputLock::acquire(&lock, &done, Locked::ShardFile).map_err(SweepError::from)?;
        let partial = dir.join(format!("shard-{i:04}-of-{n:04}.jsonl.partial"));
        if self.resume && done.exists() && read_header(&done).ok().as_ref() == Some(header) {
            return Ok(Finished {
                path: done,
                computed: 0,
                already_complete: true,
            });
        }
        let computed = self.compute(header, &partial)?;
        fs::rename(&partial, &done)
            .map_err(SweepError::io(format!("renaming to {}", done.display())))?;
        Ok(Finished {
            path: done,
            computed,
            already_complete: false,
        })
    }

    /// Computes the whole sweep (`header` of shard 0/1) into the hidden checkpoint beside the
    /// results directory `dir` (continued with `resume`). Write the results from it with
    /// [`super::write_results`], then remove it with [`remove_checkpoint`].
    pub fn whole(&self, header: &ShardHeader, dir: &ResultsDir) -> Result<Finished, E> {
        let checkpoint = dir.sibling("sweep-progress.jsonl");
        let computed = self.compute(header, &checkpoint)?;
        Ok(Finished {
            path: checkpoint,
            computed,
            already_complete: false,
        })
    }

    /// Computes the cells `header.first..header.end` into the record file `path` (continuing
    /// it with `resume`). Returns the number of cells computed now.
    pub fn compute(&self, header: &ShardHeader, path: &Path) -> Result<u64, E> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(SweepError::io(format!("creating {}", parent.display())))?;
        }
        let cells = header.end - header.first;
        let mut done = 0u64;
        if self.resume && path.exists() {
            done = resume_records::<CellResult<S>>(path, header)?;
            self.observer.resumed(done, cells, path);
        } else {
            fs::write(path, record_line(header))
                .map_err(SweepError::io(format!("writing {}", path.display())))?;
        }
        let file = fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(SweepError::io(format!("opening {}", path.display())))?;
        let mut w = BufWriter::new(file);
        let todo = &self.sweep.cells[(header.first + done) as usize..header.end as usize];
        self.observer.start(cells, done, self.sweep.runs);
        let progress = Offset {
            inner: self.observer,
            done,
            cells,
        };
        let (seed, runs) = (self.sweep.seed, self.sweep.runs);
        let simulation = |c: &Cell| -> Result<(S, Plan), E> {
            let plan = Plan {
                seed,
                cell_hash: c.hash,
                runs,
            };
            Ok(((self.simulation)(c)?, plan))
        };
        let mut write = |batch: &[Cell], summaries: Vec<CellResult<S>>| -> Result<(), E> {
            let writing = || SweepError::io(format!("writing {}", path.display()));
            for (c, summary) in batch.iter().zip(summaries) {
                let r = CellRecord {
                    cell: c.index,
                    values: c.values.clone(),
                    hash: format!("{:016x}", c.hash),
                    summary,
                };
                w.write_all(record_line(&r).as_bytes()).map_err(writing())?;
            }
            w.flush().map_err(writing())?;
            Ok(())
        };
        let ran = run_cells(self.pool, todo, BATCH, &simulation, &progress, &mut write);
        self.observer.finish();
        ran?;
        Ok(todo.len() as u64)
    }
}

/// Removes the checkpoint of a whole sweep once its results directory is committed.
pub fn remove_checkpoint(finished: &Finished) -> Result<(), SweepError> {
    fs::remove_file(&finished.path).map_err(SweepError::io(format!(
        "removing {}",
        finished.path.display()
    )))
}

/// Counts cells from a resumed start.
struct Offset<'a> {
    inner: &'a dyn SweepObserver,
    done: u64,
    cells: u64,
}

impl Progress for Offset<'_> {
    fn cell_done(&self, runs: u64) {
        self.inner.cell_done(runs);
    }

    fn cells_done(&self, done: u64, _: u64) {
        self.inner.cells_done(self.done + done, self.cells);
    }
}
