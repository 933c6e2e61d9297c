//! The command-line side of evaluating parameter points, shared by `sensitivity`, `sobol`,
//! `discover` and `calibrate`: [`Evaluator`] loads the scenario (file or embedded) for
//! `sim::evaluate::Evaluator` and runs its points with the flagship engine and a progress
//! bar, mapping errors to exit codes; [`PointsOptions`] are the options `sobol` and
//! `discover` share; [`CliError`] carries the library's errors into
//! `anyhow` with bad input marked; and small helpers for what the commands write and print.

use crate::progress::CellsProgress;
use crate::{bad, engine};
use anyhow::{Context, Result};
use sim::calibration::CalibrationError;
use sim::evaluate::EvaluateError;
use sim::{Scenario, ScenarioError, Summary};
use std::path::{Path, PathBuf};

pub(crate) use sim::output::csv_field;
pub(crate) use sim::sensitivity::Target;

/// An error of the library drivers on its way to `anyhow`: errors that are bad input become
/// [`crate::BadInput`] (or keep a [`ScenarioError`] in their chain), so they exit with code 2.
pub(crate) struct CliError(pub anyhow::Error);

impl From<anyhow::Error> for CliError {
    fn from(e: anyhow::Error) -> CliError {
        CliError(e)
    }
}

impl From<ScenarioError> for CliError {
    fn from(e: ScenarioError) -> CliError {
        CliError(e.into())
    }
}

impl From<EvaluateError> for CliError {
    fn from(e: EvaluateError) -> CliError {
        CliError(match e {
            e @ (EvaluateError::ZeroRuns | EvaluateError::NoRanges { .. }) => bad(e.to_string()),
            EvaluateError::Scenario(s) => s.into(),
            other => other.into(),
        })
    }
}

impl From<CalibrationError> for CliError {
    fn from(e: CalibrationError) -> CliError {
        CliError(bad(e.to_string()))
    }
}

impl From<analysis::AnalysisError> for CliError {
    fn from(e: analysis::AnalysisError) -> CliError {
        CliError(e.into())
    }
}

impl From<CliError> for anyhow::Error {
    fn from(e: CliError) -> anyhow::Error {
        e.0
    }
}

/// `sim::evaluate::Evaluator` of a scenario file (or the embedded scenario) with the
/// flagship strategies; its fields and other methods are the library's.
pub(crate) struct Evaluator(sim::evaluate::Evaluator<'static>);

impl std::ops::Deref for Evaluator {
    type Target = sim::evaluate::Evaluator<'static>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Evaluator {
    /// Loads the scenario (the embedded one when `path` is None) with `set`, and its `[ranges]`.
    pub(crate) fn new(
        path: Option<&Path>,
        set: &[String],
        seed: Option<u64>,
        runs: u64,
    ) -> Result<Evaluator> {
        sim::evaluate::Evaluator::check_runs(runs).map_err(CliError::from)?;
        let doc = crate::inputs::scenario_document(path, set)?;
        let ev = sim::evaluate::Evaluator::new(doc, set, strategies::catalog(), seed, runs)
            .map_err(CliError::from)?;
        Ok(Evaluator(ev))
    }

    /// Validates the corners and the centre of the ranges (see
    /// `sim::evaluate::Evaluator::validate_box`).
    pub(crate) fn validate_box(&self, label: &str) -> Result<()> {
        Ok(self.0.validate_box(label).map_err(CliError::from)?)
    }

    /// Summaries at every point (in point order), `self.runs` runs each under `seed`, with a
    /// progress bar over all runs (hidden when `quiet`).
    pub(crate) fn evaluate(
        &self,
        points: &[Vec<f64>],
        seed: u64,
        pool: &rayon::ThreadPool,
        quiet: bool,
    ) -> Result<Vec<Summary>> {
        self.0
            .evaluate(points, seed, pool, point_engine, &CellsProgress::new(quiet))
    }

    /// The library evaluator.
    pub(crate) fn inner(&self) -> &sim::evaluate::Evaluator<'static> {
        &self.0
    }
}

/// The options `sobol` and `discover` share: the scenario, the target, how many points of
/// its `[ranges]` are sampled and how many runs each, the seed, and how the command runs.
pub(crate) struct PointsOptions {
    /// Scenario file (default: embedded).
    pub scenario: Option<PathBuf>,
    /// `--set` overrides.
    pub set: Vec<String>,
    /// Target.
    pub target: String,
    /// Sample size (Sobol: the base sample size N; discover: Latin-hypercube points).
    pub samples: usize,
    /// Runs per point.
    pub runs: u64,
    /// Master seed.
    pub seed: Option<u64>,
    /// Threads, results directory, plots and progress bar.
    pub exec: crate::Execution,
}

impl PointsOptions {
    /// From the shared flag groups and the target, sample size and runs per point.
    pub(crate) fn of(
        scenario: crate::cli::ScenarioArgs,
        target: String,
        samples: usize,
        runs: u64,
        seed: crate::cli::SeedArg,
        exec: crate::Execution,
    ) -> PointsOptions {
        PointsOptions {
            scenario: scenario.scenario,
            set: scenario.set,
            target,
            samples,
            runs,
            seed: seed.seed,
            exec,
        }
    }

    /// Refuses fewer than 2 samples, and `points` evaluation points (of `self.runs` runs each)
    /// beyond the limits ([`sim::limits::check_points`]).
    pub(crate) fn check_samples(&self, points: u64) -> Result<()> {
        if self.samples < 2 {
            return Err(bad(format!(
                "--samples {}: allowed values are 2 or more",
                self.samples
            )));
        }
        sim::limits::check_points(&format!("--samples {}", self.samples), points, self.runs)
            .map_err(bad)
    }

    /// The scenario's evaluator and the target read against its horizon.
    pub(crate) fn evaluator(&self) -> Result<(Evaluator, Target)> {
        let ev = Evaluator::new(self.scenario.as_deref(), &self.set, self.seed, self.runs)?;
        let target = Target::parse(&self.target, ev.base.params().simulation.horizon_weeks)?;
        Ok((ev, target))
    }
}

/// The engine of evaluation point `i` (errors name the point).
pub(crate) fn point_engine(i: usize, sc: &Scenario) -> Result<sim::Engine> {
    engine(sc).with_context(|| format!("point {i}"))
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
