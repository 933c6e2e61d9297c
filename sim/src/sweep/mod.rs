//! Parameter sweeps: the sweep file (TOML, documented in configs/README.md "Sweep files"), its
//! validation into a [`Sweep`] whose every cell holds its validated [`Scenario`], the designs,
//! the shards and record files, and the driver that runs the cells and writes the results.
//!
//! A cell's runs are seeded from (master seed, [`Scenario::hash`] of the cell's fully resolved
//! parameters, run index), exactly like `pactsim run` of the same scenario: adding cells, axis
//! values or axes never changes an existing cell's results, and any cell can be reproduced with
//! `pactsim run --set path=value …` (its [`Cell::overrides`]).
//!
//! - `build`: [`Sweep::build`], a sweep file → a validated sweep, in named steps; `axis`
//!   validates the axes.
//! - `design`: the full grid, the seeded Latin hypercube and range spacing ([`spaced`]).
//! - `shard`: the partition into shards ([`shard_range`], [`parse_shard`]), the record files
//!   ([`ShardHeader`], [`CellRecord`], [`record_line`]) and what a record keeps of a cell
//!   ([`CellSummary`], implemented by the flagship's [`crate::Summary`]).
//! - `execute`: the driver — computes cells into a shard file or a hidden checkpoint, resumes;
//!   generic over the simulation a cell becomes and its [`CellSummary`].
//! - `merge`: record files → one results directory (manifest.json, summary.json,
//!   outcomes.csv), byte-identical however the cells were split.
//!
//! Memory: a cell keeps its validated scenario, about 7 kB (measured: validating a
//! 10,000-cell sweep peaks at 82 MB, against 12 MB when cells kept only their `--set`
//! strings), so a sweep at the cell limit ([`crate::limits::MAX_CELLS`]) holds about 0.7 GB
//! of scenarios. Results are streamed to record files, never held.

mod axis;
mod build;
#[cfg(test)]
mod coin_tests;
mod design;
mod execute;
mod merge;
mod shard;
#[cfg(test)]
mod tests;

pub use crate::sweep_file::{AxisSpec, DesignKind, Scale, Shape, SweepFile, SweepSection};
pub use design::spaced;
pub use execute::{remove_checkpoint, Executor, Finished, SweepError, SweepObserver};
pub use merge::{shard_files, write_results};
pub use shard::{
    modal_outcome, parse_shard, read_header, record_line, resume_records, shard_range, CellRecord,
    CellSummary, ShardHeader, ShardSpecError, SHARD_KIND,
};

use crate::rng::fnv1a64;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// A validated axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    /// Parameter path.
    pub path: String,
    /// Plot label with unit.
    pub label: String,
    /// Grid values (empty for Latin-hypercube and points designs).
    pub values: Vec<serde_json::Value>,
    /// Range `[from, to]`, when given as a range.
    pub range: Option<[f64; 2]>,
    /// Range spacing.
    pub scale: Scale,
}

/// One cell: its index in the sweep, its swept values (axis order), its validated scenario and
/// that scenario's hash.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Position in the sweep (0-based).
    pub index: u64,
    /// `path=value` overrides of this cell (axis order): `pactsim run --set …` reproduces it.
    pub overrides: Vec<String>,
    /// The swept values, axis order.
    pub values: Vec<serde_json::Value>,
    /// [`Scenario::hash`] of the cell: seeds its runs.
    pub hash: u64,
    /// The cell's scenario, validated when the sweep was built.
    pub scenario: Scenario,
}

/// Cells are equal when they sit at the same place with the same values and resolve to the
/// same scenario (equal hashes).
impl PartialEq for Cell {
    fn eq(&self, other: &Cell) -> bool {
        self.index == other.index
            && self.overrides == other.overrides
            && self.values == other.values
            && self.hash == other.hash
    }
}

/// A validated sweep: every cell builds a valid scenario.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Runs per cell.
    pub runs: u64,
    /// Master seed.
    pub seed: u64,
    /// Design.
    pub design: DesignKind,
    /// Axes.
    pub axes: Vec<Axis>,
    /// The cells, in order.
    pub cells: Vec<Cell>,
    /// The base scenario (fixed overrides applied).
    pub base: Scenario,
}

/// Text of a value as written in TOML (`--set` syntax).
pub(crate) fn toml_text(v: &toml::Value) -> String {
    match v {
        toml::Value::Float(f) => {
            let s = format!("{f:?}");
            if s.contains(['.', 'e', 'E']) || !f.is_finite() {
                s
            } else {
                format!("{s}.0")
            }
        }
        toml::Value::Array(a) => {
            let items: Vec<String> = a.iter().map(toml_text).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

pub(crate) fn json_of(v: &toml::Value) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// A value as plain text for CSV cells and labels: numbers in shortest round-trip form,
/// strings unquoted, anything else as JSON.
pub fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Sweep {
    /// The `extra` part of the manifest of the sweep's results: name, description, design,
    /// axes, number of cells and [`Sweep::hash`].
    pub fn manifest_extra(&self) -> serde_json::Value {
        serde_json::json!({
            "sweep": {
                "name": self.name,
                "description": self.description,
                "design": self.design,
                "axes": self.axes,
                "cells": self.cells.len(),
                "sweep_hash": format!("{:016x}", self.hash()),
            }
        })
    }

    /// Identity of the sweep: base scenario, runs, seed, axes and every cell's hash. Shards,
    /// checkpoints and merges only combine records with the same identity.
    pub fn hash(&self) -> u64 {
        let ident = serde_json::json!({
            "base": format!("{:016x}", self.base.hash()),
            "runs": self.runs,
            "seed": self.seed,
            "axes": self.axes.iter().map(|a| &a.path).collect::<Vec<_>>(),
            "cells": self.cells.iter().map(|c| format!("{:016x}", c.hash)).collect::<Vec<_>>(),
        });
        fnv1a64(ident.to_string().as_bytes())
    }
}
