//! Shared by `sensitivity`, `sobol`, `discover` and `calibrate`: what is measured at a
//! parameter point (a [`Target`], from `sim::sensitivity`, or any value of the run summary by
//! dotted path), and how a set of parameter points is evaluated. A point is a set of `--set` overrides on the scenario, re-validated like
//! `pactsim run`, and run with `run_cell` under `Plan { seed, cell_hash: hash of the resolved
//! scenario, runs }`, in parallel and collected in point order, so the results are
//! byte-identical for any `--threads` and a point equals `pactsim run --set …` with the same
//! seed and runs.

use crate::{bad, engine, progress};
use anyhow::{Context, Result};
use indicatif::ProgressBar;
use sim::runner::{run_cell, run_cells, Plan};
use sim::sensitivity::{parameters, Parameter};
use sim::{Engine, Scenario, Summary};
use std::path::{Path, PathBuf};

pub(crate) use sim::output::csv_field;
pub(crate) use sim::sensitivity::Target;

/// Looks up a dotted path in a JSON value. Object keys match by name; in an array, a segment
/// matches the element with any string field equal to it (`outcomes.LITIGATION.share`) or
/// is an index. `Ok(None)` for a JSON null (e.g. no agreement), `Err` naming the first missing
/// segment when the path does not exist.
pub(crate) fn lookup<'a>(
    v: &'a serde_json::Value,
    path: &str,
) -> Result<Option<&'a serde_json::Value>, String> {
    let mut cur = v;
    for (i, seg) in path.split('.').enumerate() {
        let next = match cur {
            serde_json::Value::Object(m) => m.get(seg),
            serde_json::Value::Array(a) => seg
                .parse::<usize>()
                .ok()
                .and_then(|k| a.get(k))
                .or_else(|| {
                    a.iter().find(|e| {
                        e.as_object()
                            .is_some_and(|o| o.values().any(|x| x.as_str() == Some(seg)))
                    })
                }),
            _ => None,
        };
        match next {
            Some(n) => cur = n,
            None => {
                let prefix: Vec<&str> = path.split('.').take(i + 1).collect();
                return Err(prefix.join("."));
            }
        }
    }
    Ok((!cur.is_null()).then_some(cur))
}

/// A statistic of the run summary: a dotted path, or several joined by `+` (summed).
/// Returns NaN for a null value, an error naming the missing path when one does not exist.
pub(crate) fn statistic(summary: &serde_json::Value, expr: &str) -> Result<f64, String> {
    let mut total = 0.0;
    for path in expr.split('+').map(str::trim) {
        match lookup(summary, path)? {
            None => return Ok(f64::NAN),
            Some(v) => match v.as_f64() {
                Some(x) => total += x,
                None => return Err(format!("{path} (not a number)")),
            },
        }
    }
    Ok(total)
}

/// The scenario text and name behind `--set` overrides, the varied parameters, and the plan.
pub(crate) struct Evaluator {
    doc: sim::layers::Document,
    set: Vec<String>,
    /// The `[ranges]` parameters, in path order.
    pub params: Vec<Parameter>,
    /// The base scenario (with the user's `--set`).
    pub base: Scenario,
    /// Master seed.
    pub seed: u64,
    /// Monte Carlo runs per point.
    pub runs: u64,
}

impl Evaluator {
    /// Loads the scenario (the embedded one when `path` is None) with `set`, and its `[ranges]`.
    pub(crate) fn new(
        path: Option<&Path>,
        set: &[String],
        seed: Option<u64>,
        runs: u64,
    ) -> Result<Evaluator> {
        if runs == 0 {
            return Err(bad("--runs 0: allowed values are 1 or more"));
        }
        let doc = crate::inputs::scenario_document(path)?;
        let base = Scenario::from_document(&doc, set, strategies::catalog())?;
        let name = doc.name().to_string();
        let params = parameters(&base);
        if params.is_empty() {
            return Err(bad(format!(
                "{name}: the scenario has no [ranges] table of documented low/high values to vary"
            )));
        }
        let seed = seed.unwrap_or(base.seed());
        Ok(Evaluator {
            doc,
            set: set.to_vec(),
            params,
            base,
            seed,
            runs,
        })
    }

    /// The parameter paths.
    pub(crate) fn names(&self) -> Vec<String> {
        self.params.iter().map(|p| p.path.clone()).collect()
    }

    /// Maps a point of the unit hypercube to parameter units.
    pub(crate) fn at_unit(&self, u: &[f64]) -> Vec<f64> {
        self.params.iter().zip(u).map(|(p, &u)| p.at(u)).collect()
    }

    /// The validated scenario at parameter values `v` (integers rounded).
    pub(crate) fn scenario_at(&self, v: &[f64]) -> Result<Scenario> {
        let mut sets = self.set.clone();
        sets.extend(
            self.params
                .iter()
                .zip(v)
                .map(|(p, &x)| p.set(if p.integer { x.round() } else { x })),
        );
        Ok(Scenario::from_document(
            &self.doc,
            &sets,
            strategies::catalog(),
        )?)
    }

    /// Validates the corners (every parameter low, every parameter high) and the centre of
    /// the ranges before anything runs, so a bad range is reported at once. Every point is
    /// validated again when it is evaluated (a failure there is bad input too, exit 2, and
    /// leaves no output behind); validating all points up front would double the cost, which
    /// for small run counts is dominated by building each point's scenario.
    pub(crate) fn validate_box(&self, label: &str) -> Result<()> {
        for (name, u) in [("low corner", 0.0), ("centre", 0.5), ("high corner", 1.0)] {
            let v: Vec<f64> = self.params.iter().map(|p| p.at(u)).collect();
            self.scenario_at(&v)
                .map(drop)
                .with_context(|| format!("{label}: the {name} of the [ranges]"))?;
        }
        Ok(())
    }

    /// The engine and plan of `runs` runs at parameter values `v` under master seed `seed`.
    fn simulation_at(&self, v: &[f64], seed: u64, runs: u64) -> Result<(Engine, Plan)> {
        let sc = self.scenario_at(v)?;
        let plan = Plan {
            seed,
            cell_hash: sc.hash(),
            runs,
        };
        Ok((engine(&sc)?, plan))
    }

    /// Summary of `runs` runs at parameter values `v` under master seed `seed`.
    pub(crate) fn run_point(&self, v: &[f64], seed: u64, runs: u64) -> Result<Summary> {
        let (eng, plan) = self.simulation_at(v, seed, runs)?;
        Ok(run_cell(&eng, plan, &mut |_, _| Ok(()), &mut |_| {})?)
    }

    /// Summaries at every point (in point order), `self.runs` runs each under `seed`, with a
    /// progress bar over all runs. Each point is validated as it is evaluated.
    pub(crate) fn evaluate(
        &self,
        points: &[Vec<f64>],
        seed: u64,
        pool: &rayon::ThreadPool,
        bar: &ProgressBar,
    ) -> Result<Vec<Summary>> {
        let batch = (pool.current_num_threads() * 8).max(8);
        let cells: Vec<(usize, &[f64])> = points.iter().map(Vec::as_slice).enumerate().collect();
        let cell = |&(i, v): &(usize, &[f64])| {
            self.simulation_at(v, seed, self.runs)
                .with_context(|| format!("point {i}"))
        };
        let mut out = Vec::with_capacity(points.len());
        let mut keep = |_: &[(usize, &[f64])], got: Vec<Summary>| -> Result<()> {
            out.extend(got);
            Ok(())
        };
        run_cells(pool, &cells, batch, &cell, &progress::Bar(bar), &mut keep)?;
        Ok(out)
    }

    /// A progress bar over `points` points of `self.runs` runs.
    pub(crate) fn bar(&self, points: usize, quiet: bool) -> ProgressBar {
        progress::cells_bar(points as u64, 0, self.runs, quiet)
    }
}

/// Default results directory `results/<scenario>-<what>-<target>`.
pub(crate) fn default_out(base: &Scenario, what: &str, target: &str) -> PathBuf {
    PathBuf::from("results").join(format!(
        "{}-{what}-{}",
        base.name(),
        target.to_lowercase().replace(['+', '.'], "-")
    ))
}

/// Shortest round-trip text of a float for CSV (empty for NaN).
pub(crate) fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x:?}")
    } else {
        String::new()
    }
}

/// Prints `text` to stdout, ignoring a closed pipe.
pub(crate) fn print(text: &str) -> Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to stdout"),
    }
}

/// Last segment of a dotted path.
pub(crate) fn tail(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_paths_reach_array_elements_by_name() {
        let v = serde_json::json!({
            "outcomes": [{"outcome": "A", "share": 0.25}, {"outcome": "B", "share": 0.5}],
            "t": {"mean_weeks": null, "x": 2}
        });
        assert_eq!(statistic(&v, "outcomes.B.share"), Ok(0.5));
        assert_eq!(statistic(&v, "outcomes.A.share+outcomes.B.share"), Ok(0.75));
        assert_eq!(statistic(&v, "outcomes.0.share"), Ok(0.25));
        assert!(statistic(&v, "t.mean_weeks").unwrap().is_nan());
        assert_eq!(statistic(&v, "t.nope.deeper"), Err("t.nope".into()));
        assert_eq!(
            statistic(&v, "litigation.threat_share"),
            Err("litigation".into())
        );
    }
}
