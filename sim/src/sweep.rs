//! Parameter sweeps: the sweep file (TOML, documented in configs/README.md "Sweep files"), its
//! validation into a [`Sweep`] whose every cell is a valid [`Scenario`], the designs (full grid,
//! seeded Latin hypercube, explicit points), the deterministic partition of cells into shards,
//! and the JSON-lines cell records that shards, checkpoints and merges exchange.
//!
//! A cell's runs are seeded from (master seed, [`Scenario::hash`] of the cell's fully resolved
//! parameters, run index), exactly like `pactsim run` of the same scenario: adding cells, axis
//! values or axes never changes an existing cell's results, and any cell can be reproduced with
//! `pactsim run --set path=value …`. Records hold floats in serde_json's shortest round-trip
//! form (the `float_roundtrip` feature), so a record read back is bit-identical to the one
//! written and a merge reproduces an unsharded run byte for byte.

use crate::layers::Document;
use crate::limits::{MAX_AXES, MAX_CELLS, MAX_RUNS};
use crate::outcome::Outcome;
use crate::overrides::lookup;
use crate::results::Summary;
use crate::rng::{fnv1a64, splitmix64, SimRng};
use crate::scenario::{Problem, Scenario, ScenarioError};
use crate::strategy::Catalog;
pub use crate::sweep_file::{AxisSpec, DesignKind, Scale, SweepFile, SweepSection};
use rand::{RngExt, SeedableRng};
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

/// One cell: its index in the sweep, its swept values (axis order) and its scenario hash.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Position in the sweep (0-based).
    pub index: u64,
    /// `path=value` overrides of this cell (axis order).
    pub overrides: Vec<String>,
    /// The swept values, axis order.
    pub values: Vec<serde_json::Value>,
    /// [`Scenario::hash`] of the cell: seeds its runs.
    pub hash: u64,
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
    base_doc: Document,
    base_sets: Vec<String>,
}

/// Text of a value as written in TOML (`--set` syntax).
fn toml_text(v: &toml::Value) -> String {
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

/// Rounds to 12 significant digits, so generated values read as written (0.4, not
/// 0.39999999999999997) and are the same on every machine.
fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    format!("{x:.11e}").parse().unwrap_or(x)
}

fn json_of(v: &toml::Value) -> serde_json::Value {
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
    /// Validates `file` (from `source`, whose text is `text`) against the base scenario
    /// document `base_doc` (the sweep's `base` with its `[scenario]` changes) and builds every cell through the same validation as
    /// `pactsim run`. Every problem found is reported, naming the cell and the parameter.
    pub fn build(
        file: SweepFile,
        text: &str,
        source: &str,
        base_doc: &Document,
        catalog: &dyn Catalog,
    ) -> Result<Sweep, ScenarioError> {
        let err = |problems: Vec<Problem>| ScenarioError {
            source: source.to_string(),
            problems,
        };
        let base_name = base_doc.name();
        let mut problems = Vec::new();
        let s = &file.sweep;
        let base_sets = s.set.clone();
        let base = match Scenario::from_document(base_doc, &base_sets, catalog) {
            Ok(b) => b,
            Err(e) => {
                return Err(err(vec![Problem {
                    path: "sweep.scenario".into(),
                    location: None,
                    value: base_name.to_string(),
                    message: format!("the base scenario (with sweep.set) is invalid: {e}"),
                }]))
            }
        };
        let base_value = toml::Value::try_from(base.file()).expect("scenario serialises");
        if s.runs == 0 {
            push(
                &mut problems,
                "sweep.runs",
                None,
                "0".into(),
                "runs per cell must be 1 or more".into(),
            );
        } else if s.runs > MAX_RUNS {
            push(
                &mut problems,
                "sweep.runs",
                None,
                s.runs.to_string(),
                format!("runs per cell must be at most {MAX_RUNS} (limit, see configs/README.md)"),
            );
        }
        if file.axis.len() > MAX_AXES {
            return Err(err(vec![Problem {
                path: "axis".into(),
                location: None,
                value: file.axis.len().to_string(),
                message: format!("a sweep has at most {MAX_AXES} axes (limit)"),
            }]));
        }
        if file.axis.is_empty() {
            push(
                &mut problems,
                "axis",
                None,
                String::new(),
                "a sweep needs at least one [[axis]]".into(),
            );
        }
        let n_axes = file.axis.len();
        let samples = match (s.design, s.samples) {
            (DesignKind::LatinHypercube, None) => {
                push(
                    &mut problems,
                    "sweep.samples",
                    None,
                    String::new(),
                    "a latin-hypercube design needs samples = N (1 or more)".into(),
                );
                0
            }
            (DesignKind::LatinHypercube, Some(0)) => {
                push(
                    &mut problems,
                    "sweep.samples",
                    None,
                    "0".into(),
                    "samples must be 1 or more".into(),
                );
                0
            }
            (DesignKind::LatinHypercube, Some(n)) if n > MAX_CELLS => {
                push(
                    &mut problems,
                    "sweep.samples",
                    None,
                    n.to_string(),
                    format!(
                        "samples must be at most {MAX_CELLS} (cell limit, see configs/README.md)"
                    ),
                );
                0
            }
            (DesignKind::LatinHypercube, Some(n)) => n,
            (_, Some(n)) => {
                push(
                    &mut problems,
                    "sweep.samples",
                    None,
                    n.to_string(),
                    "samples is only meaningful with design = \"latin-hypercube\"".into(),
                );
                0
            }
            (_, None) => 0,
        };
        match (s.design, &s.points) {
            (DesignKind::Points, None) => push(
                &mut problems,
                "sweep.points",
                None,
                String::new(),
                "a points design needs points = [[v1, v2, …], …], values in axis order".into(),
            ),
            (DesignKind::Points, Some(p)) if p.len() as u64 > MAX_CELLS => push(
                &mut problems,
                "sweep.points",
                None,
                p.len().to_string(),
                format!("at most {MAX_CELLS} points (cell limit, see configs/README.md)"),
            ),
            (DesignKind::Points, Some(p)) if p.is_empty() => push(
                &mut problems,
                "sweep.points",
                None,
                "[]".into(),
                "a points design needs at least one point".into(),
            ),
            (DesignKind::Grid | DesignKind::LatinHypercube, Some(_)) => push(
                &mut problems,
                "sweep.points",
                None,
                String::new(),
                "points is only meaningful with design = \"points\"".into(),
            ),
            _ => {}
        }
        // Axes.
        let mut axes = Vec::new();
        let mut grid_values: Vec<Vec<toml::Value>> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (i, a) in file.axis.iter().enumerate() {
            let path = a.path.trim().to_string();
            let loc = SweepFile::axis_location(text, i);
            let name = format!("axis[{i}] {path}");
            let current = lookup(&base_value, &path).cloned();
            let Some(current) = current else {
                push(
                    &mut problems,
                    &name,
                    loc,
                    path.clone(),
                    "unknown parameter path of the base scenario (dotted TOML path, e.g. \
                     litigation.win_probability_mean)"
                        .into(),
                );
                continue;
            };
            if !seen.insert(path.clone()) {
                push(
                    &mut problems,
                    &name,
                    loc,
                    path.clone(),
                    "the same parameter is swept by two axes".into(),
                );
            }
            let integer = matches!(current, toml::Value::Integer(_));
            let numeric = integer || matches!(current, toml::Value::Float(_));
            let range_given = a.from.is_some() || a.to.is_some() || a.steps.is_some();
            let mut values: Vec<toml::Value> = Vec::new();
            let mut range = None;
            match (s.design, &a.values, range_given) {
                (_, Some(_), true) => push(
                    &mut problems,
                    &name,
                    loc,
                    String::new(),
                    "give either values = […] or from/to/steps, not both".into(),
                ),
                (DesignKind::Points, Some(_), _) | (DesignKind::Points, _, true) => push(
                    &mut problems,
                    &name,
                    loc,
                    String::new(),
                    "in a points design an axis has only path (and label); values come from \
                     sweep.points"
                        .into(),
                ),
                (DesignKind::LatinHypercube, Some(_), _) => push(
                    &mut problems,
                    &name,
                    loc,
                    String::new(),
                    "a latin-hypercube axis needs a range from/to (no values list)".into(),
                ),
                (DesignKind::Grid, Some(v), _) => {
                    if v.is_empty() {
                        push(
                            &mut problems,
                            &name,
                            loc,
                            "[]".into(),
                            "empty axis: give one or more values".into(),
                        );
                    }
                    values = v.clone();
                }
                (DesignKind::Grid | DesignKind::LatinHypercube, None, _) => {
                    if !numeric {
                        push(
                            &mut problems,
                            &name,
                            loc,
                            toml_text(&current),
                            "a range needs a numeric parameter; use values = […]".into(),
                        );
                        continue;
                    }
                    let (Some(from), Some(to)) = (a.from, a.to) else {
                        push(
                            &mut problems,
                            &name,
                            loc,
                            String::new(),
                            "give values = […], or a range with from and to".into(),
                        );
                        continue;
                    };
                    if !from.is_finite() || !to.is_finite() {
                        push(
                            &mut problems,
                            &name,
                            loc,
                            format!("{from} .. {to}"),
                            "range ends must be finite numbers".into(),
                        );
                        continue;
                    }
                    if a.scale == Scale::Log && (from <= 0.0 || to <= 0.0) {
                        push(
                            &mut problems,
                            &name,
                            loc,
                            format!("{from} .. {to}"),
                            "a log range needs from > 0 and to > 0".into(),
                        );
                        continue;
                    }
                    range = Some([from, to]);
                    if s.design == DesignKind::Grid {
                        match a.steps {
                            None | Some(0) => {
                                push(
                                    &mut problems,
                                    &name,
                                    loc,
                                    a.steps.map_or("missing".into(), |n| n.to_string()),
                                    "steps must be 1 or more (number of values from `from` to \
                                     `to` inclusive)"
                                        .into(),
                                );
                                continue;
                            }
                            Some(n) if n > MAX_CELLS => {
                                push(
                                    &mut problems,
                                    &name,
                                    loc,
                                    n.to_string(),
                                    format!(
                                        "steps must be at most {MAX_CELLS} (cell limit, see \
                                         configs/README.md)"
                                    ),
                                );
                                continue;
                            }
                            Some(n) => {
                                for k in 0..n {
                                    let x = spaced(from, to, k, n, a.scale);
                                    match number_value(x, integer) {
                                        Some(v) => values.push(v),
                                        None => push(
                                            &mut problems,
                                            &name,
                                            loc,
                                            format!("{x}"),
                                            "the parameter is an integer; choose from/to/steps \
                                             that give whole numbers"
                                                .into(),
                                        ),
                                    }
                                }
                            }
                        }
                    } else if a.steps.is_some() {
                        push(
                            &mut problems,
                            &name,
                            loc,
                            String::new(),
                            "steps has no meaning in a latin-hypercube design (samples sets \
                             the count)"
                                .into(),
                        );
                    }
                }
                (DesignKind::Points, None, false) => {}
            }
            let mut uniq = std::collections::BTreeSet::new();
            for v in &values {
                if !uniq.insert(toml_text(v)) {
                    push(
                        &mut problems,
                        &name,
                        loc,
                        toml_text(v),
                        "duplicate value on this axis".into(),
                    );
                }
            }
            axes.push(Axis {
                label: a.label.clone().unwrap_or_else(|| path.clone()),
                path,
                values: values.iter().map(json_of).collect(),
                range,
                scale: a.scale,
            });
            grid_values.push(values);
        }
        if !problems.is_empty() || axes.len() != n_axes {
            return Err(err(problems));
        }
        if s.design == DesignKind::Grid {
            let cells = grid_values
                .iter()
                .try_fold(1u64, |n, v| n.checked_mul(v.len() as u64))
                .filter(|&n| n <= MAX_CELLS);
            if cells.is_none() {
                let sizes: Vec<String> = grid_values.iter().map(|v| v.len().to_string()).collect();
                return Err(err(vec![Problem {
                    path: "axis".into(),
                    location: None,
                    value: sizes.join(" × "),
                    message: format!(
                        "the grid has more than {MAX_CELLS} cells (limit, see configs/README.md); \
                         use fewer values, a latin-hypercube design or several sweeps"
                    ),
                }]));
            }
        }
        // Cells.
        let points: Vec<Point> = match s.design {
            DesignKind::Grid => grid_points(&grid_values)
                .into_iter()
                .map(|p| (p, None))
                .collect(),
            DesignKind::LatinHypercube => {
                let seed = s.seed.unwrap_or(base.params().simulation.seed);
                let integer: Vec<bool> = axes
                    .iter()
                    .map(|a| matches!(lookup(&base_value, &a.path), Some(toml::Value::Integer(_))))
                    .collect();
                latin_hypercube(&axes, &integer, samples, seed)
                    .into_iter()
                    .map(|p| (p, None))
                    .collect()
            }
            DesignKind::Points => {
                let mut out = Vec::new();
                for (k, p) in s.points.iter().flatten().enumerate() {
                    let loc = SweepFile::point_location(text, k);
                    if p.len() != axes.len() {
                        push(
                            &mut problems,
                            &format!("sweep.points[{k}]"),
                            loc,
                            toml_text(&toml::Value::Array(p.clone())),
                            format!(
                                "each point needs {} values, one per axis ({})",
                                axes.len(),
                                axes.iter()
                                    .map(|a| a.path.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        );
                    }
                    out.push((p.clone(), loc));
                }
                out
            }
        };
        if !problems.is_empty() {
            return Err(err(problems));
        }
        let mut cells = Vec::with_capacity(points.len());
        let mut hashes = std::collections::BTreeMap::new();
        for (index, (values, loc)) in points.into_iter().enumerate() {
            let overrides: Vec<String> = axes
                .iter()
                .zip(&values)
                .map(|(a, v)| format!("{}={}", a.path, toml_text(v)))
                .collect();
            let desc = overrides.join(", ");
            let cell_loc = |path: &str| {
                loc.or_else(|| {
                    file.axis
                        .iter()
                        .position(|a| a.path.trim() == path)
                        .and_then(|i| SweepFile::axis_location(text, i))
                })
            };
            let mut sets = base_sets.clone();
            sets.extend(overrides.iter().cloned());
            match Scenario::from_document(base_doc, &sets, catalog) {
                Ok(sc) => {
                    // Exactness: the resolved scenario holds exactly the swept values.
                    let resolved = toml::Value::try_from(sc.file()).expect("serialises");
                    for (a, v) in axes.iter().zip(&values) {
                        let got = lookup(&resolved, &a.path);
                        let same = match (got, v) {
                            (Some(toml::Value::Float(g)), toml::Value::Integer(i)) => {
                                *g == *i as f64
                            }
                            (Some(g), v) => g == v,
                            (None, _) => false,
                        };
                        if !same {
                            push(
                                &mut problems,
                                &format!("cell {index}: {}", a.path),
                                cell_loc(&a.path),
                                toml_text(v),
                                "the value did not survive into the scenario unchanged".into(),
                            );
                        }
                    }
                    if let Some(other) = hashes.insert(sc.hash(), index) {
                        push(
                            &mut problems,
                            &format!("cell {index}"),
                            loc,
                            desc.clone(),
                            format!("resolves to the same scenario as cell {other}"),
                        );
                    }
                    cells.push(Cell {
                        index: index as u64,
                        overrides,
                        values: values.iter().map(json_of).collect(),
                        hash: sc.hash(),
                    });
                }
                Err(e) => {
                    for p in e.problems {
                        let path = if p.path.is_empty() {
                            format!("cell {index}")
                        } else {
                            format!("cell {index}: {}", p.path)
                        };
                        let swept = axes.iter().any(|a| a.path == p.path);
                        push(
                            &mut problems,
                            &path,
                            if swept { cell_loc(&p.path) } else { None },
                            p.value,
                            format!(
                                "{} (cell {index}: {desc}{})",
                                p.message.trim_end_matches(" (value from --set)"),
                                match (swept, p.location) {
                                    (false, Some((l, c))) => format!("; {base_name}:{l}:{c}"),
                                    _ => String::new(),
                                }
                            ),
                        );
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(err(problems));
        }
        let seed = s.seed.unwrap_or(base.params().simulation.seed);
        Ok(Sweep {
            name: s.name.clone(),
            description: s.description.clone(),
            runs: s.runs,
            seed,
            design: s.design,
            axes,
            cells,
            base,
            base_doc: base_doc.clone(),
            base_sets,
        })
    }

    /// The scenario of a cell (validated when the sweep was built).
    pub fn scenario(&self, cell: &Cell, catalog: &dyn Catalog) -> Result<Scenario, ScenarioError> {
        let mut sets = self.base_sets.clone();
        sets.extend(cell.overrides.iter().cloned());
        Scenario::from_document(&self.base_doc, &sets, catalog)
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

/// The value `k` of `n` from `from` to `to` (inclusive), linear or log spaced.
pub fn spaced(from: f64, to: f64, k: u64, n: u64, scale: Scale) -> f64 {
    if n <= 1 || k == 0 {
        return from;
    }
    if k == n - 1 {
        return to;
    }
    let t = k as f64 / (n - 1) as f64;
    tidy(match scale {
        Scale::Linear => from + (to - from) * t,
        Scale::Log => (from.ln() + (to.ln() - from.ln()) * t).exp(),
    })
}

/// A cell's values and, for explicit points, the point's location in the file.
type Point = (Vec<toml::Value>, Option<(usize, usize)>);

fn push(
    problems: &mut Vec<Problem>,
    path: &str,
    location: Option<(usize, usize)>,
    value: String,
    message: String,
) {
    problems.push(Problem {
        path: path.to_string(),
        location,
        value,
        message,
    });
}

fn number_value(x: f64, integer: bool) -> Option<toml::Value> {
    if !integer {
        return Some(toml::Value::Float(x));
    }
    (x.fract() == 0.0 && x.abs() < 9.0e15).then_some(toml::Value::Integer(x as i64))
}

/// Every combination of the axes' values, first axis slowest.
fn grid_points(axes: &[Vec<toml::Value>]) -> Vec<Vec<toml::Value>> {
    let mut out: Vec<Vec<toml::Value>> = vec![Vec::new()];
    for values in axes {
        let mut next = Vec::with_capacity(out.len() * values.len());
        for p in &out {
            for v in values {
                let mut q = p.clone();
                q.push(v.clone());
                next.push(q);
            }
        }
        out = next;
    }
    out
}

/// A seeded Latin hypercube: each axis's range is split into `n` equal strata (equal ratios on a
/// log axis) and every stratum is hit by exactly one sample, at a uniform position inside it.
/// Integer parameters are rounded to the nearest whole number.
fn latin_hypercube(axes: &[Axis], integer: &[bool], n: u64, seed: u64) -> Vec<Vec<toml::Value>> {
    let mut rng = SimRng::seed_from_u64(splitmix64(seed ^ fnv1a64(b"pactsim latin hypercube")));
    let n = n as usize;
    let mut columns = Vec::new();
    for (a, &int) in axes.iter().zip(integer) {
        let [from, to] = a.range.unwrap_or([0.0, 1.0]);
        let mut strata: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = rng.random_range(0..=i);
            strata.swap(i, j);
        }
        let col: Vec<toml::Value> = strata
            .into_iter()
            .map(|k| {
                let t = (k as f64 + rng.random::<f64>()) / n as f64;
                let x = tidy(match a.scale {
                    Scale::Linear => from + (to - from) * t,
                    Scale::Log => (from.ln() + (to.ln() - from.ln()) * t).exp(),
                });
                if int {
                    toml::Value::Integer(x.round() as i64)
                } else {
                    toml::Value::Float(x)
                }
            })
            .collect();
        columns.push(col);
    }
    (0..n)
        .map(|i| columns.iter().map(|c| c[i].clone()).collect())
        .collect()
}

/// The cells `[lo, hi)` of shard `shard` of `shards` over `cells` cells: contiguous blocks
/// `lo = cells·i/N`, sizes differing by at most one.
pub fn shard_range(cells: u64, shard: u64, shards: u64) -> (u64, u64) {
    let at = |i: u64| ((cells as u128 * i as u128) / shards as u128) as u64;
    (at(shard), at(shard + 1))
}

/// Parses a shard spec `I/N` (I from 0 to N−1).
pub fn parse_shard(spec: &str) -> Result<(u64, u64), String> {
    let (i, n) = spec
        .split_once('/')
        .ok_or_else(|| format!("--shard {spec}: expected I/N, e.g. 0/4"))?;
    let i: u64 = i
        .trim()
        .parse()
        .map_err(|_| format!("--shard {spec}: I must be a whole number"))?;
    let n: u64 = n
        .trim()
        .parse()
        .map_err(|_| format!("--shard {spec}: N must be a whole number"))?;
    if n == 0 {
        return Err(format!("--shard {spec}: N must be 1 or more"));
    }
    if i >= n {
        return Err(format!(
            "--shard {spec}: I counts from 0 to N−1 = {} (like SLURM_ARRAY_TASK_ID with \
             --array=0-{})",
            n - 1,
            n - 1
        ));
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

/// The `kind` of shard headers.
pub const SHARD_KIND: &str = "pactsim-sweep-shard";

/// One cell's result: a line of a shard file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellRecord {
    /// Cell index.
    pub cell: u64,
    /// Swept values, axis order.
    pub values: Vec<serde_json::Value>,
    /// Scenario hash of the cell (hex).
    pub hash: String,
    /// The cell's summary.
    pub summary: Summary,
}

impl CellRecord {
    /// The most frequent outcome (first in classification order on ties).
    pub fn modal(&self) -> Outcome {
        modal_outcome(&self.summary)
    }
}

/// The most frequent outcome of a summary (first in classification order on ties).
pub fn modal_outcome(s: &Summary) -> Outcome {
    let mut best = 0;
    for (i, o) in s.outcomes.iter().enumerate() {
        if o.count > s.outcomes[best].count {
            best = i;
        }
    }
    Outcome::ALL[best]
}

/// Writes a record the way shard files hold it: one line of JSON.
pub fn record_line<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string(value).expect("records serialise");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = include_str!("../../configs/april-2026.toml");

    use crate::strategy::testing::AnyAgents;

    fn build(text: &str) -> Result<Sweep, ScenarioError> {
        let f = SweepFile::parse(text, "t.toml")?;
        let base = crate::layers::Bases::single(BASE, "base")?;
        Sweep::build(f, text, "t.toml", &base, &AnyAgents)
    }

    const GRID: &str = r#"
[sweep]
name = "t"
runs = 10
seed = 1
[[axis]]
path = "litigation.win_probability_mean"
values = [0.4, 0.5, 0.6]
[[axis]]
path = "microsoft.antitrust_cost_of_suing"
from = 1.0
to = 10.0
steps = 4
scale = "log"
"#;

    #[test]
    fn grid_counts_and_order() {
        let s = build(GRID).unwrap();
        assert_eq!(s.cells.len(), 12);
        assert_eq!(
            s.cells[0].overrides[1],
            "microsoft.antitrust_cost_of_suing=1.0"
        );
        assert_eq!(
            s.cells[3].overrides[1],
            "microsoft.antitrust_cost_of_suing=10.0"
        );
        assert_eq!(
            s.cells[4].overrides[0],
            "litigation.win_probability_mean=0.5"
        );
        // Log spacing: 1, 10^(1/3), 10^(2/3), 10.
        let v = s.cells[1].values[1].as_f64().unwrap();
        assert!((v - 10f64.powf(1.0 / 3.0)).abs() < 1e-9);
    }

    #[test]
    fn linear_range_values_are_tidy() {
        let t = GRID.replace(
            "values = [0.4, 0.5, 0.6]",
            "from = 0.35\nto = 0.75\nsteps = 9",
        );
        let s = build(&t).unwrap();
        let xs: Vec<f64> = s
            .cells
            .iter()
            .step_by(4)
            .map(|c| c.values[0].as_f64().unwrap())
            .collect();
        assert_eq!(xs, [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75]);
    }

    #[test]
    fn latin_hypercube_counts_and_strata() {
        let t = r#"
[sweep]
name = "t"
runs = 10
design = "latin-hypercube"
samples = 20
[[axis]]
path = "litigation.win_probability_mean"
from = 0.3
to = 0.7
[[axis]]
path = "discount.openai"
from = 0.2
to = 0.4
"#;
        let s = build(t).unwrap();
        assert_eq!(s.cells.len(), 20);
        let mut strata: Vec<usize> = s
            .cells
            .iter()
            .map(|c| ((c.values[0].as_f64().unwrap() - 0.3) / 0.4 * 20.0) as usize)
            .collect();
        strata.sort_unstable();
        assert_eq!(strata, (0..20).collect::<Vec<_>>());
        // Seeded: the same file gives the same points.
        assert_eq!(build(t).unwrap().cells, s.cells);
    }

    #[test]
    fn points_design_counts() {
        let t = r#"
[sweep]
name = "t"
runs = 10
design = "points"
points = [[0.4, 2.0], [0.6, 8.0]]
[[axis]]
path = "litigation.win_probability_mean"
[[axis]]
path = "microsoft.antitrust_cost_of_suing"
"#;
        let s = build(t).unwrap();
        assert_eq!(s.cells.len(), 2);
        assert_eq!(
            s.cells[1].overrides[1],
            "microsoft.antitrust_cost_of_suing=8.0"
        );
    }

    #[test]
    fn adding_values_keeps_cell_hashes() {
        let a = build(GRID).unwrap();
        let b = build(&GRID.replace("[0.4, 0.5, 0.6]", "[0.3, 0.4, 0.5, 0.6, 0.65]")).unwrap();
        for c in &a.cells {
            let twin = b.cells.iter().find(|d| d.values == c.values).unwrap();
            assert_eq!(twin.hash, c.hash);
        }
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn bad_files_name_the_problem() {
        let e = build(&GRID.replace("litigation.win_probability_mean", "litigation.nope"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("litigation.nope") && e.contains("unknown parameter path"),
            "{e}"
        );
        let e = build(&GRID.replace("[0.4, 0.5, 0.6]", "[]"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("empty axis"), "{e}");
        let e = build(&GRID.replace("steps = 4", "steps = 0"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("steps must be 1 or more") && e.contains(":10:"),
            "{e}"
        );
        let e = build(&GRID.replace("[0.4, 0.5, 0.6]", "[0.4, 1.5]"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("cell 4: litigation.win_probability_mean") && e.contains("1.5"),
            "{e}"
        );
        let e = build(&GRID.replace("seed = 1", "seed = 1\nbogus = 2"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("bogus") && e.contains("t.toml:6"), "{e}");
    }

    #[test]
    fn shards_tile_the_cells() {
        for cells in [0u64, 1, 7, 12, 97] {
            for n in 1..=9 {
                let mut next = 0;
                for i in 0..n {
                    let (lo, hi) = shard_range(cells, i, n);
                    assert_eq!(lo, next);
                    assert!(hi - lo <= cells / n + 1);
                    next = hi;
                }
                assert_eq!(next, cells);
            }
        }
        assert!(parse_shard("5/4").is_err());
        assert!(parse_shard("0/0").is_err());
        assert_eq!(parse_shard("3/4"), Ok((3, 4)));
    }

    #[test]
    fn toml_text_round_trips() {
        for x in [0.1, 1.0, 1e-7, 1e20, 0.30000000000000004, 12.5] {
            let t = toml_text(&toml::Value::Float(x));
            let back: toml::Table = toml::from_str(&format!("v = {t}")).unwrap();
            assert_eq!(back["v"].as_float(), Some(x), "{t}");
        }
    }
}
