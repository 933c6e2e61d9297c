//! Record files → one results directory: checks that the shard files (or the checkpoint of an
//! unsharded sweep) come from one sweep and cover every cell exactly once, then streams their
//! records, in cell order, into `manifest.json`, `summary.json` and `outcomes.csv`. The
//! bytes do not depend on how the cells were split into shards, threads or resumes.
//!
//! The merge is generic over what a record holds of its cell (a [`CellSummary`]); for the
//! flagship's [`crate::Summary`] a `summary.json` entry has the shape of
//! [`crate::reports::SummaryCell`].

use super::shard::{read_header, CellRecord, CellSummary, ShardHeader};
use super::{value_text, SweepError};
use crate::output::{csv_field, csv_lead, outcomes_csv_header, Manifest, ResultsDir};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The shard files named by `inputs`: files as given, directories expanded to their
/// `shard-*.jsonl` files in name order.
pub fn shard_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, SweepError> {
    let mut files = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = fs::read_dir(p)
                .map_err(SweepError::io(format!("reading {}", p.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.file_name().is_some_and(|n| {
                        let n = n.to_string_lossy();
                        n.starts_with("shard-") && n.ends_with(".jsonl")
                    })
                })
                .collect();
            if found.is_empty() {
                return Err(SweepError::Bad(format!(
                    "{}: no shard-*.jsonl files in this directory",
                    p.display()
                )));
            }
            found.sort();
            files.extend(found);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            return Err(SweepError::Bad(format!(
                "{}: no such shard file or directory",
                p.display()
            )));
        }
    }
    Ok(files)
}

/// Checks that the record files `files` cover every cell of one sweep exactly once and writes
/// `manifest.json`, `summary.json` and `outcomes.csv` of the results directory `dir` from
/// them, reading each record's summary as a `T`. Returns the manifest (plots are the
/// caller's, before it commits `dir`).
pub fn write_results<T: CellSummary>(
    files: &[PathBuf],
    dir: &ResultsDir,
) -> Result<Manifest, SweepError> {
    let mut shards: Vec<(ShardHeader, &PathBuf)> = Vec::new();
    for f in files {
        shards.push((read_header(f)?, f));
    }
    let (h0, f0) = check_coverage(&mut shards)?;
    let manifest: Manifest = serde_json::from_value(h0.manifest.clone())
        .map_err(|e| SweepError::Bad(format!("{}: bad manifest in header: {e}", f0.display())))?;
    dir.write_json("manifest.json", &manifest)?;
    let create = |name: &str| -> Result<BufWriter<fs::File>, SweepError> {
        let path = dir.path(name);
        let f = fs::File::create(&path).map_err(SweepError::io(path.display().to_string()))?;
        Ok(BufWriter::new(f))
    };
    let mut out = Streams {
        csv: create("outcomes.csv")?,
        json: create("summary.json")?,
        params: h0.params.clone(),
        runs_per_cell: manifest.runs,
        cell: 0,
        summary: std::marker::PhantomData::<T>,
    };
    out.head(&manifest)?;
    for (h, f) in &shards {
        out.shard(h, f)?;
    }
    out.finish()?;
    Ok(manifest)
}

/// Sorts the shards and checks they come from one sweep and tile its cells; returns the first
/// header and its file.
fn check_coverage(
    shards: &mut [(ShardHeader, &PathBuf)],
) -> Result<(ShardHeader, PathBuf), SweepError> {
    let (h0, f0) = shards
        .first()
        .map(|(h, f)| (h.clone(), (*f).clone()))
        .ok_or_else(|| SweepError::Bad("merge: no shard files given".into()))?;
    for (h, f) in shards.iter() {
        if h.sweep_hash != h0.sweep_hash || h.cells_total != h0.cells_total {
            return Err(SweepError::Bad(format!(
                "{} and {} come from different sweeps (sweep hash {} vs {})",
                f0.display(),
                f.display(),
                h0.sweep_hash,
                h.sweep_hash
            )));
        }
    }
    shards.sort_by_key(|(h, _)| (h.first, h.end));
    let mut next = 0u64;
    let mut prev: Option<&PathBuf> = None;
    for (h, f) in shards.iter() {
        if h.first > next {
            return Err(SweepError::Bad(format!(
                "cells {next}..{} are missing: no shard file has them (have {} shard files of \
                 {} cells)",
                h.first,
                shards.len(),
                h0.cells_total
            )));
        }
        if h.first < next {
            return Err(SweepError::Bad(format!(
                "cells {}..{} appear more than once: in {} and in {}",
                h.first,
                next.min(h.end),
                prev.map(|p| p.display().to_string()).unwrap_or_default(),
                f.display()
            )));
        }
        next = h.end;
        prev = Some(f);
    }
    if next != h0.cells_total {
        return Err(SweepError::Bad(format!(
            "cells {next}..{} are missing: no shard file has them",
            h0.cells_total
        )));
    }
    Ok((h0, f0))
}

/// `outcomes.csv` and `summary.json` being written, cell by cell, from records of `T`.
struct Streams<T> {
    csv: BufWriter<fs::File>,
    json: BufWriter<fs::File>,
    params: Vec<String>,
    runs_per_cell: u64,
    cell: u64,
    summary: std::marker::PhantomData<T>,
}

impl<T: CellSummary> Streams<T> {
    fn head(&mut self, manifest: &Manifest) -> Result<(), SweepError> {
        let head = outcomes_csv_header("cell", &self.params, T::CSV_COLUMNS);
        self.csv.write_all(head.as_bytes()).map_err(write_err)?;
        let name = manifest
            .extra
            .pointer("/sweep/name")
            .and_then(|v| v.as_str())
            .unwrap_or("sweep");
        write!(
            self.json,
            "{{\n  \"sweep\": {},\n  \"runs_per_cell\": {},\n  \"params\": {},\n  \"cells\": [",
            serde_json::to_string(name)?,
            manifest.runs,
            serde_json::to_string(&self.params)?
        )
        .map_err(write_err)
    }

    /// Streams the records of shard file `f` (header `h`), checking they are the next cells.
    fn shard(&mut self, h: &ShardHeader, f: &Path) -> Result<(), SweepError> {
        let file = fs::File::open(f).map_err(SweepError::io(format!("opening {}", f.display())))?;
        let mut count = 0;
        for (k, line) in BufReader::new(file).lines().enumerate().skip(1) {
            let line = line.map_err(SweepError::io(format!("reading {}", f.display())))?;
            let r: CellRecord<T> = serde_json::from_str(&line).map_err(|e| {
                SweepError::Bad(format!(
                    "{}:{}: not a cell record (truncated shard?): {e}",
                    f.display(),
                    k + 1
                ))
            })?;
            if r.cell != self.cell || r.cell >= h.end {
                return Err(SweepError::Bad(format!(
                    "{}:{}: expected cell {}, found cell {} (shard covers {}..{})",
                    f.display(),
                    k + 1,
                    self.cell,
                    r.cell,
                    h.first,
                    h.end
                )));
            }
            if let Some(why) = r.summary.inconsistency(self.runs_per_cell) {
                return Err(SweepError::Bad(format!(
                    "{}:{}: cell {} is inconsistent: {why} (an edited or damaged shard?)",
                    f.display(),
                    k + 1,
                    r.cell
                )));
            }
            self.record(r)?;
            count += 1;
        }
        if count != h.end - h.first {
            return Err(SweepError::Bad(format!(
                "{}: has {count} cells, its header promises {} (cells {}..{}); incomplete shard",
                f.display(),
                h.end - h.first,
                h.first,
                h.end
            )));
        }
        Ok(())
    }

    fn record(&mut self, r: CellRecord<T>) -> Result<(), SweepError> {
        let texts: Vec<String> = r.values.iter().map(|v| csv_field(&value_text(v))).collect();
        let mut rows = String::new();
        r.summary.csv_rows(&csv_lead(r.cell, &texts), &mut rows);
        self.csv.write_all(rows.as_bytes()).map_err(write_err)?;
        let entry = Entry {
            values: self.params.iter().cloned().zip(r.values.clone()).collect(),
            labels: r.summary.labels(),
            record: &r,
        };
        let pretty = serde_json::to_string_pretty(&entry)?;
        let json = &mut self.json;
        json.write_all(if self.cell == 0 { b"\n" } else { b",\n" })
            .map_err(write_err)?;
        for (j, l) in pretty.lines().enumerate() {
            if j > 0 {
                json.write_all(b"\n").map_err(write_err)?;
            }
            json.write_all(b"    ").map_err(write_err)?;
            json.write_all(l.as_bytes()).map_err(write_err)?;
        }
        self.cell += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<(), SweepError> {
        self.json.write_all(b"\n  ]\n}\n").map_err(write_err)?;
        self.csv.flush().map_err(write_err)?;
        self.json.flush().map_err(write_err)
    }
}

/// A cell's entry in `summary.json`: `cell`, `values` (by parameter path), `hash`, the
/// summary's [`CellSummary::labels`], then `summary`.
struct Entry<'a, T> {
    values: serde_json::Map<String, serde_json::Value>,
    labels: Vec<(&'static str, serde_json::Value)>,
    record: &'a CellRecord<T>,
}

impl<T: CellSummary> Serialize for Entry<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4 + self.labels.len()))?;
        m.serialize_entry("cell", &self.record.cell)?;
        m.serialize_entry("values", &self.values)?;
        m.serialize_entry("hash", &self.record.hash)?;
        for (k, v) in &self.labels {
            m.serialize_entry(k, v)?;
        }
        m.serialize_entry("summary", &self.record.summary)?;
        m.end()
    }
}

fn write_err(source: std::io::Error) -> SweepError {
    SweepError::Io {
        context: "writing the results".into(),
        source,
    }
}
