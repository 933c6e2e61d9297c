//! Calibration of a scenario's `[ranges]` parameters against stylised facts by approximate
//! Bayesian computation (rejection, crate `analysis`): the facts file's records, the
//! `summary.json` schema of a calibration, and the driver of `pactsim calibrate`.
//!
//! - `driver`: [`Calibration`] — prior draws over the ranges → runs through an
//!   [`crate::evaluate::Evaluator`] → each fact's statistic read from the run summary by
//!   dotted path ([`crate::evaluate::statistic`]) → acceptance → posterior and posterior
//!   predictive summaries ([`CalibrateSummary`]) and the results files.
//! - `facts`: one run summary read against the facts ([`check_facts`]), for `calibrate`'s
//!   acceptance and `pactsim run --facts`.
//!
//! Checking a facts file's fields (finite values, tolerances ≥ 0) is the caller's, before the
//! file is parsed into a [`FactsFile`].

mod driver;
mod facts;

pub use driver::{read_draws, Calibration, CalibrationRun};
pub use facts::{
    check as check_facts, require_statistics as require_fact_statistics,
    statistics as fact_statistics, FactCheck,
};

use crate::evaluate::StatisticError;
use serde::{Deserialize, Serialize};

/// Error of a calibration; all of it is bad input.
#[derive(Debug, thiserror::Error)]
pub enum CalibrationError {
    /// An option out of range, or a results file that cannot be read back.
    #[error("{0}")]
    Bad(String),
    /// A fact's statistic cannot be read from the run summary.
    #[error(
        "fact statistic = {:?}: {} (fields of summary.json today: {fields})",
        .error.expr,
        .error.problem
    )]
    Statistic {
        /// What is wrong with the statistic.
        error: StatisticError,
        /// The top-level fields of the run summary, comma-separated.
        fields: String,
    },
    /// A fact's statistic is missing from the run summary of the probe run, before anything
    /// long runs; `file` is the facts file.
    #[error("{file}{}: {error}", .at.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
    InFacts {
        /// The facts file, as given.
        file: String,
        /// Line and column of the fact's statistic in the file, where known.
        at: Option<(usize, usize)>,
        /// The problem.
        error: Box<CalibrationError>,
    },
}

/// One fact of a facts file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactEntry {
    /// Dotted path into the run summary, or several joined by `+` (summed).
    pub statistic: String,
    /// Observed value.
    pub observed: f64,
    /// Accept when |simulated − observed| ≤ tolerance.
    pub tolerance: f64,
    /// What the fact says (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Line and column of the `statistic` key in the facts file it was read from (set by the
    /// reader with [`FactsFile::locate`]; neither written nor read as a field).
    #[serde(skip)]
    pub at: Option<(usize, usize)>,
}

/// A facts file: `[[fact]]` tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    /// The facts.
    pub fact: Vec<FactEntry>,
}

impl FactsFile {
    /// Records where each fact's statistic is written in `text`, the file the facts were
    /// parsed from, so that a statistic the run summary lacks is reported at its line.
    pub fn locate(&mut self, text: &str) {
        for (i, f) in self.fact.iter_mut().enumerate() {
            f.at = crate::layers::locate_path(text, &format!("fact[{i}].statistic"));
        }
    }
}

/// Posterior of one parameter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PosteriorRow {
    /// Parameter path.
    pub path: String,
    /// Prior low.
    pub prior_low: f64,
    /// Prior high.
    pub prior_high: f64,
    /// Value in the scenario.
    pub base: f64,
    /// Posterior mean. This and the quantiles are absent when nothing was accepted;
    /// `sd_ratio` also needs two accepted draws.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// 5th percentile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q05: Option<f64>,
    /// Median.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q50: Option<f64>,
    /// 95th percentile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q95: Option<f64>,
    /// Posterior sd / prior sd (1 = no information from the facts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sd_ratio: Option<f64>,
}

/// Posterior predictive of one quantity over the accepted draws.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Predictive {
    /// Outcome class or fact statistic.
    pub name: String,
    /// Mean over accepted draws.
    pub mean: f64,
    /// 5th percentile over accepted draws.
    pub q05: f64,
    /// 95th percentile over accepted draws.
    pub q95: f64,
}

/// `summary.json` of `calibrate`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalibrateSummary {
    /// Facts file.
    pub facts_file: String,
    /// The facts.
    pub facts: Vec<FactEntry>,
    /// Prior draws.
    pub draws: u64,
    /// Runs per draw.
    pub runs_per_draw: u64,
    /// Accepted draws.
    pub accepted: usize,
    /// accepted / draws.
    pub acceptance_rate: f64,
    /// Per fact: share of draws meeting it alone.
    pub fact_pass_rates: Vec<f64>,
    /// Posterior per parameter.
    pub posterior: Vec<PosteriorRow>,
    /// Posterior predictive outcome shares (fresh seeds; 90% intervals over accepted draws);
    /// empty when nothing was accepted.
    pub predictive_outcomes: Vec<Predictive>,
    /// Posterior predictive of each fact's statistic; empty when nothing was accepted.
    pub predictive_facts: Vec<Predictive>,
}
