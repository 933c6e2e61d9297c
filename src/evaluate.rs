//! Shared by `sensitivity`, `discover` and `calibrate`: what is measured at a parameter point
//! (a [`Target`], or any value of the run summary by dotted path), and how a set of parameter
//! points is evaluated. A point is a set of `--set` overrides on the scenario, re-validated like
//! `pactsim run`, and run with `run_cell` under `Plan { seed, cell_hash: hash of the resolved
//! scenario, runs }`, in parallel and collected in point order, so the results are
//! byte-identical for any `--threads` and a point equals `pactsim run --set …` with the same
//! seed and runs.

use crate::{bad, engine, progress};
use anyhow::{Context, Result};
use indicatif::ProgressBar;
use rayon::prelude::*;
use sim::runner::{run_cell, Plan};
use sim::sensitivity::{parameters, Parameter};
use sim::{Outcome, Scenario, Summary};
use std::path::{Path, PathBuf};

/// What a sensitivity or discovery analyses at each point.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Sum of the shares of these outcome classes (`APRIL_LIKE_STRICT+APRIL_LIKE_BROAD`).
    Shares(Vec<Outcome>),
    /// Mean weeks to agreement among runs with one; a point without any agreement counts as
    /// the horizon (censored).
    TimeToAgreement {
        /// The scenario's horizon in weeks.
        horizon: f64,
    },
    /// Mean payoff of a player, $B (`payoff.microsoft`, `payoff.openai`, `payoff.amazon`).
    Payoff(usize),
}

const PLAYERS: [&str; 3] = ["microsoft", "openai", "amazon"];

impl Target {
    /// Parses `--target`: `CLASS[+CLASS…]`, `time_to_agreement` or `payoff.PLAYER`.
    pub fn parse(s: &str, horizon: u32) -> Result<Target> {
        let t = s.trim();
        if t == "time_to_agreement" {
            return Ok(Target::TimeToAgreement {
                horizon: f64::from(horizon),
            });
        }
        if let Some(p) = t.strip_prefix("payoff.") {
            return PLAYERS
                .iter()
                .position(|q| *q == p)
                .map(Target::Payoff)
                .ok_or_else(|| {
                    bad(format!(
                        "--target {s}: unknown player {p:?}; allowed: payoff.microsoft, \
                         payoff.openai, payoff.amazon"
                    ))
                });
        }
        let mut classes = Vec::new();
        for part in t.split('+') {
            let o = Outcome::from_name(part.trim()).ok_or_else(|| {
                bad(format!(
                    "--target {s}: unknown outcome {:?}; allowed: an outcome class ({}), a sum \
                     of classes joined by '+', time_to_agreement, payoff.microsoft, \
                     payoff.openai or payoff.amazon",
                    part.trim(),
                    Outcome::ALL.map(|x| x.name()).join(", ")
                ))
            })?;
            if !classes.contains(&o) {
                classes.push(o);
            }
        }
        Ok(Target::Shares(classes))
    }

    /// Canonical name, e.g. `APRIL_LIKE_STRICT+APRIL_LIKE_BROAD`.
    pub fn name(&self) -> String {
        match self {
            Target::Shares(c) => c.iter().map(|o| o.name()).collect::<Vec<_>>().join("+"),
            Target::TimeToAgreement { .. } => "time_to_agreement".into(),
            Target::Payoff(i) => format!("payoff.{}", PLAYERS[*i]),
        }
    }

    /// Axis label with unit.
    pub fn label(&self) -> String {
        match self {
            Target::Shares(_) => format!("P({}) (share of runs)", self.name()),
            Target::TimeToAgreement { .. } => "mean time to agreement (weeks)".into(),
            Target::Payoff(i) => format!("mean payoff of {} ($B PV)", PLAYERS[*i]),
        }
    }

    /// The target is a share of runs in \[0, 1\].
    pub fn is_share(&self) -> bool {
        matches!(self, Target::Shares(_))
    }

    /// The target's value in a summary.
    pub fn value(&self, s: &Summary) -> f64 {
        match self {
            Target::Shares(c) => c.iter().map(|o| s.share(*o).share).sum::<f64>().min(1.0),
            Target::TimeToAgreement { horizon } => {
                s.time_to_agreement.mean_weeks.unwrap_or(*horizon)
            }
            Target::Payoff(i) => {
                let p = &s.payoffs;
                [&p.microsoft, &p.openai, &p.amazon][*i].mean
            }
        }
    }

    /// Monte Carlo variance of one point's value (binomial p(1−p)/runs for shares, sd²/runs
    /// for payoffs; None for time to agreement, whose per-run spread is not in the summary).
    pub fn noise_variance(&self, s: &Summary) -> Option<f64> {
        let runs = s.runs.max(1) as f64;
        match self {
            Target::Shares(_) => {
                let p = self.value(s);
                Some(p * (1.0 - p) / runs)
            }
            Target::TimeToAgreement { .. } => None,
            Target::Payoff(i) => {
                let p = &s.payoffs;
                let sd = [&p.microsoft, &p.openai, &p.amazon][*i].sd;
                Some(sd * sd / runs)
            }
        }
    }
}

/// Looks up a dotted path in a JSON value. Object keys match by name; in an array, a segment
/// matches the element with any string field equal to it (`outcomes.LITIGATION.share`) or
/// is an index. `Ok(None)` for a JSON null (e.g. no agreement), `Err` naming the first missing
/// segment when the path does not exist.
pub fn lookup<'a>(
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
pub fn statistic(summary: &serde_json::Value, expr: &str) -> Result<f64, String> {
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
pub struct Evaluator {
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
    pub fn new(
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
    pub fn names(&self) -> Vec<String> {
        self.params.iter().map(|p| p.path.clone()).collect()
    }

    /// Maps a point of the unit hypercube to parameter units.
    pub fn at_unit(&self, u: &[f64]) -> Vec<f64> {
        self.params.iter().zip(u).map(|(p, &u)| p.at(u)).collect()
    }

    /// The validated scenario at parameter values `v` (integers rounded).
    pub fn scenario_at(&self, v: &[f64]) -> Result<Scenario> {
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
    pub fn validate_box(&self, label: &str) -> Result<()> {
        for (name, u) in [("low corner", 0.0), ("centre", 0.5), ("high corner", 1.0)] {
            let v: Vec<f64> = self.params.iter().map(|p| p.at(u)).collect();
            self.scenario_at(&v)
                .map(drop)
                .with_context(|| format!("{label}: the {name} of the [ranges]"))?;
        }
        Ok(())
    }

    /// Summary of `runs` runs at parameter values `v` under master seed `seed`.
    pub fn run_point(&self, v: &[f64], seed: u64, runs: u64) -> Result<Summary> {
        let sc = self.scenario_at(v)?;
        let eng = engine(&sc)?;
        let plan = Plan {
            seed,
            cell_hash: sc.hash(),
            runs,
        };
        Ok(run_cell(&eng, plan, &mut |_, _| Ok(()), &mut |_| {})?)
    }

    /// Summaries at every point (in point order), `self.runs` runs each under `seed`, with a
    /// progress bar over all runs.
    pub fn evaluate(
        &self,
        points: &[Vec<f64>],
        seed: u64,
        pool: &rayon::ThreadPool,
        bar: &ProgressBar,
    ) -> Result<Vec<Summary>> {
        let batch = (pool.current_num_threads() * 8).max(8);
        let mut out = Vec::with_capacity(points.len());
        for chunk in points.chunks(batch) {
            let got: Vec<Summary> = pool.install(|| {
                chunk
                    .par_iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let s = self
                            .run_point(v, seed, self.runs)
                            .with_context(|| format!("point {}", out.len() + i))?;
                        bar.inc(self.runs);
                        Ok(s)
                    })
                    .collect::<Result<Vec<_>>>()
            })?;
            out.extend(got);
            bar.set_prefix(format!("{}/{}", out.len(), points.len()));
        }
        Ok(out)
    }

    /// A progress bar over `points` points of `self.runs` runs.
    pub fn bar(&self, points: usize, quiet: bool) -> ProgressBar {
        progress::cells_bar(points as u64, 0, self.runs, quiet)
    }
}

/// Default results directory `results/<scenario>-<what>-<target>`.
pub fn default_out(base: &Scenario, what: &str, target: &str) -> PathBuf {
    PathBuf::from("results").join(format!(
        "{}-{what}-{}",
        base.name(),
        target.to_lowercase().replace(['+', '.'], "-")
    ))
}

/// A CSV field, quoted when needed.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Shortest round-trip text of a float for CSV (empty for NaN).
pub fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x:?}")
    } else {
        String::new()
    }
}

/// Prints `text` to stdout, ignoring a closed pipe.
pub fn print(text: &str) -> Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to stdout"),
    }
}

/// Last segment of a dotted path.
pub fn tail(path: &str) -> &str {
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

    #[test]
    fn targets_parse() {
        assert_eq!(
            Target::parse("payoff.openai", 52).unwrap(),
            Target::Payoff(1)
        );
        let t = Target::parse("APRIL_LIKE_STRICT+APRIL_LIKE_BROAD", 52).unwrap();
        assert_eq!(t.name(), "APRIL_LIKE_STRICT+APRIL_LIKE_BROAD");
        assert!(Target::parse("NOPE", 52).is_err());
        assert!(Target::parse("payoff.musk", 52).is_err());
    }
}
