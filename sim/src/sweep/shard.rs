//! Shards and the JSON-lines record files they exchange: the deterministic partition of a
//! sweep's cells into shards (`I/N`), the header line of a shard or checkpoint file, one
//! [`CellRecord`] per following line, and reading them back (a header, a resumable prefix).
//!
//! What a record holds of its cell is the fold output of the cell's simulation, any
//! [`CellSummary`]: the trait says how it is stored in a record and what it contributes to the
//! merged `outcomes.csv` and `summary.json`. The flagship's [`Summary`] is one (one row per
//! outcome class, and the modal outcome); another simulation brings its own.
//!
//! Records hold floats in serde_json's shortest round-trip form (the `float_roundtrip`
//! feature), so a record read back is bit-identical to the one written and a merge reproduces
//! an unsharded run byte for byte.

use super::{Sweep, SweepError};
use crate::outcome::Outcome;
use crate::output::{outcomes_csv_rows, Manifest, OUTCOME_COLUMNS};
use crate::results::Summary;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// The cells `[lo, hi)` of shard `shard` of `shards` over `cells` cells: contiguous blocks
/// `lo = cells·i/N`, sizes differing by at most one.
pub fn shard_range(cells: u64, shard: u64, shards: u64) -> (u64, u64) {
    let at = |i: u64| ((cells as u128 * i as u128) / shards as u128) as u64;
    (at(shard), at(shard + 1))
}

/// A shard spec that is not `I/N` with `0 ≤ I < N`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardSpecError {
    /// No `/`.
    #[error("--shard {0}: expected I/N, e.g. 0/4")]
    Form(String),
    /// `I` is not a whole number.
    #[error("--shard {0}: I must be a whole number")]
    Index(String),
    /// `N` is not a whole number.
    #[error("--shard {0}: N must be a whole number")]
    Count(String),
    /// `N` is 0.
    #[error("--shard {0}: N must be 1 or more")]
    NoShards(String),
    /// `I ≥ N`.
    #[error(
        "--shard {spec}: I counts from 0 to N−1 = {last} (like SLURM_ARRAY_TASK_ID with \
         --array=0-{last})"
    )]
    OutOfRange {
        /// The spec as given.
        spec: String,
        /// N − 1.
        last: u64,
    },
}

/// Parses a shard spec `I/N` (I from 0 to N−1).
pub fn parse_shard(spec: &str) -> Result<(u64, u64), ShardSpecError> {
    let (i, n) = spec
        .split_once('/')
        .ok_or_else(|| ShardSpecError::Form(spec.into()))?;
    let i: u64 = i
        .trim()
        .parse()
        .map_err(|_| ShardSpecError::Index(spec.into()))?;
    let n: u64 = n
        .trim()
        .parse()
        .map_err(|_| ShardSpecError::Count(spec.into()))?;
    if n == 0 {
        return Err(ShardSpecError::NoShards(spec.into()));
    }
    if i >= n {
        return Err(ShardSpecError::OutOfRange {
            spec: spec.into(),
            last: n - 1,
        });
    }
    Ok((i, n))
}

/// First line of a shard or checkpoint file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardHeader {
    /// Always `"pactsim-sweep-shard"`.
    pub kind: String,
    /// [`Sweep::hash`] in hex.
    pub sweep_hash: String,
    /// Shard index.
    pub shard: u64,
    /// Number of shards.
    pub shards: u64,
    /// Cells in the whole sweep.
    pub cells_total: u64,
    /// First cell of this shard.
    pub first: u64,
    /// One past the last cell of this shard.
    pub end: u64,
    /// Swept parameter paths, axis order.
    pub params: Vec<String>,
    /// The manifest the merged results directory gets.
    pub manifest: serde_json::Value,
}

impl ShardHeader {
    /// The header of shard `i` of `n` of `sweep`, carrying the manifest its merged results
    /// directory gets.
    pub fn new(sweep: &Sweep, (i, n): (u64, u64), manifest: &Manifest) -> Result<Self, SweepError> {
        let total = sweep.cells.len() as u64;
        let (first, end) = shard_range(total, i, n);
        Ok(ShardHeader {
            kind: SHARD_KIND.into(),
            sweep_hash: format!("{:016x}", sweep.hash()),
            shard: i,
            shards: n,
            cells_total: total,
            first,
            end,
            params: sweep.axes.iter().map(|a| a.path.clone()).collect(),
            manifest: serde_json::to_value(manifest)?,
        })
    }
}

/// The `kind` of shard headers.
pub const SHARD_KIND: &str = "pactsim-sweep-shard";

/// What a sweep keeps of one cell's runs: the fold output of the cell's simulation. It is
/// stored in record files through serde (and must read back bit-identical: floats in
/// shortest round-trip form), and the merge writes it into the results directory: rows of
/// `outcomes.csv` under [`CellSummary::CSV_COLUMNS`], and an entry of `summary.json` (the
/// cell's index, swept values and hash, then [`CellSummary::labels`], then the summary
/// itself).
pub trait CellSummary: Serialize + DeserializeOwned + Send {
    /// The `outcomes.csv` header columns after the cell index and the swept parameters,
    /// comma-separated.
    const CSV_COLUMNS: &'static str;

    /// Appends this cell's `outcomes.csv` rows to `out`: each row is `lead` (the cell index
    /// and swept values, comma-separated) followed by this summary's columns and a newline.
    fn csv_rows(&self, lead: &str, out: &mut String);

    /// Named values the cell's `summary.json` entry shows before the summary (the flagship:
    /// its modal outcome). None by default.
    fn labels(&self) -> Vec<(&'static str, serde_json::Value)> {
        Vec::new()
    }

    /// Why this summary cannot be a cell of `runs_per_cell` runs (a shard file edited or
    /// damaged by hand), if it cannot. Nothing is checked by default.
    fn inconsistency(&self, runs_per_cell: u64) -> Option<String> {
        let _ = runs_per_cell;
        None
    }
}

/// The flagship summary: one `outcomes.csv` row per outcome class, and the modal outcome.
impl CellSummary for Summary {
    const CSV_COLUMNS: &'static str = OUTCOME_COLUMNS;

    fn csv_rows(&self, lead: &str, out: &mut String) {
        outcomes_csv_rows(lead, self, out);
    }

    fn labels(&self) -> Vec<(&'static str, serde_json::Value)> {
        vec![("modal_outcome", modal_outcome(self).name().into())]
    }

    /// The runs must be the sweep's runs per cell, and the outcome counts must add up to them,
    /// each share being its count over the runs.
    fn inconsistency(&self, runs_per_cell: u64) -> Option<String> {
        if self.runs != runs_per_cell {
            return Some(format!(
                "runs = {}, but the sweep has {runs_per_cell} runs per cell",
                self.runs
            ));
        }
        let total: u64 = self.outcomes.iter().map(|o| o.count).sum();
        if total != self.runs {
            return Some(format!(
                "its outcome counts add up to {total}, not to its {} runs",
                self.runs
            ));
        }
        self.outcomes.iter().find_map(|o| {
            let share = o.count as f64 / self.runs as f64;
            ((o.share - share).abs() > 1e-12).then(|| {
                format!(
                    "{} has share {} but count {} of {} runs",
                    o.outcome, o.share, o.count, self.runs
                )
            })
        })
    }
}

/// One cell's result: a line of a shard file. `T` is what the cell's simulation folds its
/// runs into (the flagship's [`Summary`] unless said otherwise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellRecord<T = Summary> {
    /// Cell index.
    pub cell: u64,
    /// Swept values, axis order.
    pub values: Vec<serde_json::Value>,
    /// Scenario hash of the cell (hex).
    pub hash: String,
    /// The cell's summary.
    pub summary: T,
}

impl CellRecord {
    /// The most frequent outcome (first in classification order on ties).
    pub fn modal(&self) -> Outcome {
        modal_outcome(&self.summary)
    }
}

/// The most frequent outcome of a summary (first in classification order on ties).
pub fn modal_outcome(s: &Summary) -> Outcome {
    let counts: Vec<u64> = s.outcomes.iter().map(|o| o.count).collect();
    Outcome::ALL[crate::stats::modal_index(&counts)]
}

/// Writes a record the way shard files hold it: one line of JSON.
pub fn record_line<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string(value).expect("records serialise");
    s.push('\n');
    s
}

/// Reads and checks the header line of a shard or checkpoint file.
pub fn read_header(path: &Path) -> Result<ShardHeader, SweepError> {
    let f = fs::File::open(path).map_err(SweepError::io(format!("opening {}", path.display())))?;
    let mut line = String::new();
    BufReader::new(f)
        .read_line(&mut line)
        .map_err(SweepError::io(format!("reading {}", path.display())))?;
    let h: ShardHeader = serde_json::from_str(&line).map_err(|e| {
        SweepError::Bad(format!("{}: not a pactsim shard file: {e}", path.display()))
    })?;
    if h.kind != SHARD_KIND {
        return Err(SweepError::Bad(format!(
            "{}: not a pactsim shard file (kind {:?})",
            path.display(),
            h.kind
        )));
    }
    Ok(h)
}

/// Checks a checkpoint's header against `header` and keeps its complete records of `T`
/// summaries in order (truncating a torn last line). Returns the number of records kept.
pub fn resume_records<T: CellSummary>(
    path: &Path,
    header: &ShardHeader,
) -> Result<u64, SweepError> {
    let text = fs::read(path).map_err(SweepError::io(format!("reading {}", path.display())))?;
    let mut lines = text.split_inclusive(|b| *b == b'\n');
    let first_line = lines.next().unwrap_or_default();
    let found: Option<ShardHeader> = serde_json::from_slice(first_line).ok();
    if found.as_ref() != Some(header) {
        return Err(SweepError::Bad(format!(
            "{}: --resume: this checkpoint belongs to a different sweep, shard or pactsim \
             build; run without --resume to start over",
            path.display()
        )));
    }
    let mut keep = first_line.len();
    let mut done = 0;
    for line in lines {
        let ok = line.ends_with(b"\n")
            && serde_json::from_slice::<CellRecord<T>>(line)
                .is_ok_and(|r| r.cell == header.first + done);
        if !ok {
            break;
        }
        keep += line.len();
        done += 1;
    }
    let f = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(SweepError::io(format!("opening {}", path.display())))?;
    f.set_len(keep as u64)
        .map_err(SweepError::io(format!("truncating {}", path.display())))?;
    Ok(done)
}
