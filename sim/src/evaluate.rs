//! Evaluating parameter points of a scenario, shared by the Sobol, discovery and calibration
//! analyses (and the sensitivity command's loading): what is read at a point (any value of
//! the run summary by dotted path, [`statistic`]) and how a set of points is run
//! ([`Evaluator`]).
//!
//! A point is a set of `--set` overrides of the scenario's `[ranges]` parameters, validated
//! like `pactsim run`, and run under `Plan { seed, cell_hash: hash of the resolved scenario,
//! runs }` as cells of [`run_cells`], in parallel and collected in point order, so results are
//! byte-identical for any number of threads and a point equals `pactsim run --set …` with the
//! same seed and runs. A point's simulation comes from the caller's factory, and a point's
//! summary is whatever its runs fold into ([`statistic`] reads the flagship's `Summary` as
//! JSON); nothing here prints, progress goes to a [`Progress`].

use crate::layers::Document;
use crate::runner::{run_cell, run_cells, CellResult, Plan, Progress, Simulation};
use crate::sensitivity::{parameters, Parameter};
use crate::{Catalog, Scenario, ScenarioError};

/// Error of loading an [`Evaluator`] or of validating or running its points; all of it is
/// bad input.
#[derive(Debug, thiserror::Error)]
pub enum EvaluateError {
    /// `--runs 0`.
    #[error("--runs 0: allowed values are 1 or more")]
    ZeroRuns,
    /// The scenario has no `[ranges]` to vary.
    #[error(
        "{scenario}: the scenario has no [ranges] table of documented low/high values to vary"
    )]
    NoRanges {
        /// The scenario's name (its file, or the embedded scenario's name).
        scenario: String,
    },
    /// The base scenario (with the user's `--set`) is invalid.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// A corner or the centre of the `[ranges]` box is invalid.
    #[error("{label}: the {corner} of the [ranges]")]
    Range {
        /// What the box is validated for (`Sobol`, `discover`, `calibrate prior`).
        label: String,
        /// `low corner`, `centre` or `high corner`.
        corner: &'static str,
        /// Why the scenario there is invalid.
        #[source]
        source: ScenarioError,
    },
    /// An evaluation point is invalid.
    #[error("point {index}")]
    Point {
        /// The point's index.
        index: usize,
        /// Why the scenario there is invalid.
        #[source]
        source: ScenarioError,
    },
}

/// What is wrong with a [`statistic`] expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatisticProblem {
    /// The summary has no such path; the path up to its first missing segment.
    #[error("the run summary has no {0:?}")]
    Missing(String),
    /// The path exists but its value is not a number (e.g. a table of several fields).
    #[error("{0:?} is not a number in the run summary")]
    NotANumber(String),
    /// A term of a `+` sum is empty.
    #[error("a term of the sum is empty (a `+` with no path on one side)")]
    EmptyTerm,
}

/// A [`statistic`] expression that cannot be read from a summary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("statistic {expr:?}: {problem}")]
pub struct StatisticError {
    /// The expression.
    pub expr: String,
    /// What is wrong with it.
    pub problem: StatisticProblem,
}

/// Looks up a dotted path in a JSON value. Object keys match by name; in an array, a segment
/// matches the element with any string field equal to it (`outcomes.LITIGATION.share`) or
/// is an index. `Ok(None)` for a JSON null (e.g. no agreement), also where the null is a
/// table or list the path continues into (an interval that has no value in this summary);
/// `Err` with the path up to the first missing segment when the path does not exist.
pub(crate) fn lookup<'a>(
    v: &'a serde_json::Value,
    path: &str,
) -> Result<Option<&'a serde_json::Value>, String> {
    let mut cur = v;
    for (i, seg) in path.split('.').enumerate() {
        if cur.is_null() {
            return Ok(None);
        }
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

/// The top-level fields of a run summary (as JSON), comma-separated: what a message about a
/// missing statistic lists.
pub fn summary_fields(summary: &serde_json::Value) -> String {
    summary
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>().join(", "))
        .unwrap_or_default()
}

/// A statistic of the run summary (as JSON): a dotted path, or several joined by `+`
/// (summed). NaN when a value is null; an error naming the expression and the missing path,
/// or the path whose value is not a number.
pub fn statistic(summary: &serde_json::Value, expr: &str) -> Result<f64, StatisticError> {
    let err = |problem| StatisticError {
        expr: expr.to_string(),
        problem,
    };
    let mut total = 0.0;
    for path in expr.split('+').map(str::trim) {
        if path.is_empty() {
            return Err(err(StatisticProblem::EmptyTerm));
        }
        match lookup(summary, path).map_err(|p| err(StatisticProblem::Missing(p)))? {
            None => return Ok(f64::NAN),
            Some(v) => match v.as_f64() {
                Some(x) => total += x,
                None => return Err(err(StatisticProblem::NotANumber(path.to_string()))),
            },
        }
    }
    Ok(total)
}

/// The 95% interval of the statistic `expr` (as [`statistic`] reads it) in a run summary,
/// where the summary gives one: for outcome shares and sums of them
/// (`outcomes.A.share+outcomes.B.share`), the Wilson interval of their summed count over the
/// runs; for a single value `…name` whose object also holds `name_ci` (the threat and suit
/// rates, the mean time to agreement), that interval. `None` for anything else.
pub fn statistic_interval(summary: &serde_json::Value, expr: &str) -> Option<[f64; 2]> {
    let terms: Vec<&str> = expr.split('+').map(str::trim).collect();
    let classes: Option<Vec<&str>> = terms
        .iter()
        .map(|t| {
            t.strip_prefix("outcomes.")
                .and_then(|rest| rest.strip_suffix(".share"))
        })
        .collect();
    if let Some(classes) = classes {
        let runs = summary.get("runs")?.as_u64()?;
        let mut count = 0;
        for c in classes {
            count += lookup(summary, &format!("outcomes.{c}.count"))
                .ok()??
                .as_u64()?;
        }
        let (lo, hi) = crate::stats::wilson(count, runs, crate::stats::Z95);
        return Some([lo, hi]);
    }
    let [single] = terms.as_slice() else {
        return None;
    };
    let ci = match single.rsplit_once('.') {
        Some((parent, name)) => lookup(summary, &format!("{parent}.{name}_ci")),
        None => lookup(summary, &format!("{single}_ci")),
    };
    match ci.ok()??.as_array()?.as_slice() {
        [lo, hi] => Some([lo.as_f64()?, hi.as_f64()?]),
        _ => None,
    }
}

/// The scenario behind `--set` overrides, its varied `[ranges]` parameters, and the plan
/// (master seed, runs per point) of evaluating points of them.
pub struct Evaluator<'c> {
    doc: Document,
    set: Vec<String>,
    catalog: &'c dyn Catalog,
    /// The `[ranges]` parameters, in path order.
    pub params: Vec<Parameter>,
    /// The base scenario (with the user's `--set`).
    pub base: Scenario,
    /// Master seed.
    pub seed: u64,
    /// Monte Carlo runs per point.
    pub runs: u64,
}

impl<'c> Evaluator<'c> {
    /// Refuses 0 runs per point (named like the `--runs` flag); [`Evaluator::new`] checks
    /// this too, callers that load the scenario may check it first.
    pub fn check_runs(runs: u64) -> Result<(), EvaluateError> {
        if runs == 0 {
            return Err(EvaluateError::ZeroRuns);
        }
        Ok(())
    }

    /// The scenario `doc` with overrides `set` (strategies from `catalog`) and its `[ranges]`;
    /// `seed` defaults to the scenario's. Refuses `runs` 0 and a scenario without ranges.
    pub fn new(
        doc: Document,
        set: &[String],
        catalog: &'c dyn Catalog,
        seed: Option<u64>,
        runs: u64,
    ) -> Result<Evaluator<'c>, EvaluateError> {
        Evaluator::check_runs(runs)?;
        let base = Scenario::from_document(&doc, set, catalog)?;
        base.check_range_ends(&doc, catalog)?;
        let params = parameters(&base);
        if params.is_empty() {
            return Err(EvaluateError::NoRanges {
                scenario: doc.name().to_string(),
            });
        }
        let seed = seed.unwrap_or(base.seed());
        Ok(Evaluator {
            doc,
            set: set.to_vec(),
            catalog,
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
    pub fn scenario_at(&self, v: &[f64]) -> Result<Scenario, ScenarioError> {
        let mut sets = self.set.clone();
        sets.extend(
            self.params
                .iter()
                .zip(v)
                .map(|(p, &x)| p.set(if p.integer { x.round() } else { x })),
        );
        Scenario::from_document(&self.doc, &sets, self.catalog)
    }

    /// Validates the corners (every parameter low, every parameter high) and the centre of
    /// the ranges before anything runs, so a bad range is reported at once (`label` says for
    /// what). Every point is validated again when it is evaluated; validating all points up
    /// front would double the cost, which for small run counts is dominated by building each
    /// point's scenario.
    pub fn validate_box(&self, label: &str) -> Result<(), EvaluateError> {
        for (corner, u) in [("low corner", 0.0), ("centre", 0.5), ("high corner", 1.0)] {
            let v: Vec<f64> = self.params.iter().map(|p| p.at(u)).collect();
            self.scenario_at(&v)
                .map_err(|source| EvaluateError::Range {
                    label: label.to_string(),
                    corner,
                    source,
                })?;
        }
        Ok(())
    }

    /// Summary of `runs` runs at parameter values `v` under master seed `seed`, on the
    /// current thread pool (`simulation` makes the point's simulation from its scenario; the
    /// summary is what its runs fold into, the flagship's `Summary` for an `Engine`).
    pub fn run_point<S, E>(
        &self,
        v: &[f64],
        seed: u64,
        runs: u64,
        simulation: impl Fn(&Scenario) -> Result<S, E>,
    ) -> Result<CellResult<S>, E>
    where
        S: Simulation,
        E: From<ScenarioError>,
    {
        let sc = self.scenario_at(v)?;
        let plan = Plan {
            seed,
            cell_hash: sc.hash(),
            runs,
        };
        let sim = simulation(&sc)?;
        Ok(run_cell(&sim, plan, &mut |_, _| Ok(()), &mut |_| {})
            .unwrap_or_else(|_| unreachable!("a silent sink never fails")))
    }

    /// Summaries at every point (in point order), `self.runs` runs each under `seed`, on
    /// `pool`. Each point is validated as it is evaluated (an invalid one is
    /// [`EvaluateError::Point`]); `simulation(index, scenario)` makes a point's simulation.
    /// `progress` is started and finished here.
    pub fn evaluate<S, E>(
        &self,
        points: &[Vec<f64>],
        seed: u64,
        pool: &rayon::ThreadPool,
        simulation: impl Fn(usize, &Scenario) -> Result<S, E> + Sync,
        progress: &dyn Progress,
    ) -> Result<Vec<CellResult<S>>, E>
    where
        S: Simulation,
        CellResult<S>: Send,
        E: From<EvaluateError> + Send,
    {
        let runs = self.runs;
        let batch = (pool.current_num_threads() * 8).max(8);
        let cells: Vec<(usize, &[f64])> = points.iter().map(Vec::as_slice).enumerate().collect();
        let cell = |&(index, v): &(usize, &[f64])| -> Result<(S, Plan), E> {
            let sc = self
                .scenario_at(v)
                .map_err(|source| EvaluateError::Point { index, source })?;
            let plan = Plan {
                seed,
                cell_hash: sc.hash(),
                runs,
            };
            Ok((simulation(index, &sc)?, plan))
        };
        let mut out = Vec::with_capacity(points.len());
        let mut keep = |_: &[(usize, &[f64])], got: Vec<CellResult<S>>| -> Result<(), E> {
            out.extend(got);
            Ok(())
        };
        progress.start(points.len() as u64, 0, runs);
        let ran = run_cells(pool, &cells, batch, &cell, progress, &mut keep);
        progress.finish();
        ran?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Outcome shares and their sums get the Wilson interval of the summed count; a value
    /// with a `_ci` sibling gets that; anything else has none.
    #[test]
    fn a_statistic_has_an_interval_where_the_summary_gives_one() {
        let v = serde_json::json!({
            "runs": 200,
            "outcomes": [
                {"outcome": "A", "count": 30, "share": 0.15},
                {"outcome": "B", "count": 50, "share": 0.25}
            ],
            "litigation": {"threat_share": 0.2, "threat_share_ci": [0.15, 0.26]},
            "t": {"mean_weeks": 9.0, "mean_weeks_ci": [8.5, 9.5], "sd": 1.0}
        });
        let wilson = |k| {
            let (lo, hi) = crate::stats::wilson(k, 200, crate::stats::Z95);
            Some([lo, hi])
        };
        assert_eq!(statistic_interval(&v, "outcomes.A.share"), wilson(30));
        assert_eq!(
            statistic_interval(&v, "outcomes.A.share + outcomes.B.share"),
            wilson(80)
        );
        assert_eq!(
            statistic_interval(&v, "litigation.threat_share"),
            Some([0.15, 0.26])
        );
        assert_eq!(statistic_interval(&v, "t.mean_weeks"), Some([8.5, 9.5]));
        assert_eq!(statistic_interval(&v, "t.sd"), None);
        assert_eq!(statistic_interval(&v, "outcomes.A.count"), None);
        assert_eq!(
            statistic_interval(&v, "litigation.threat_share+t.mean_weeks"),
            None
        );
        assert_eq!(statistic_interval(&v, "outcomes.C.share"), None);
    }

    #[test]
    fn dotted_paths_reach_array_elements_by_name() {
        let v = serde_json::json!({
            "outcomes": [{"outcome": "A", "share": 0.25}, {"outcome": "B", "share": 0.5}],
            "t": {"mean_weeks": null, "x": 2, "s": "text"}
        });
        assert_eq!(statistic(&v, "outcomes.B.share"), Ok(0.5));
        assert_eq!(statistic(&v, "outcomes.A.share+outcomes.B.share"), Ok(0.75));
        assert_eq!(statistic(&v, "outcomes.0.share"), Ok(0.25));
        assert!(statistic(&v, "t.mean_weeks").unwrap().is_nan());
        let missing = |expr: &str, path: &str| {
            Err(StatisticError {
                expr: expr.into(),
                problem: StatisticProblem::Missing(path.into()),
            })
        };
        assert_eq!(
            statistic(&v, "t.nope.deeper"),
            missing("t.nope.deeper", "t.nope")
        );
        assert_eq!(
            statistic(&v, "litigation.threat_share"),
            missing("litigation.threat_share", "litigation")
        );
        let e = statistic(&v, "t.x + t.s").unwrap_err();
        assert_eq!(e.problem, StatisticProblem::NotANumber("t.s".into()));
        assert_eq!(
            e.to_string(),
            "statistic \"t.x + t.s\": \"t.s\" is not a number in the run summary"
        );
        // A table is not a number either, and says so (not "no such field").
        assert_eq!(
            statistic(&v, "t").unwrap_err().problem,
            StatisticProblem::NotANumber("t".into())
        );
        // A path into a null (an interval without a value in this summary) is a null: NaN.
        assert!(statistic(&v, "t.mean_weeks.0").unwrap().is_nan());
        // An empty term of a sum is named as such.
        assert_eq!(
            statistic(&v, "t.x+").unwrap_err().problem,
            StatisticProblem::EmptyTerm
        );
    }
}
