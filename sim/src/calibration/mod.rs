//! Calibration of a scenario's `[ranges]` parameters against stylised facts by approximate
//! Bayesian computation (rejection, crate `analysis`): the facts file's records, the
//! `summary.json` schema of a calibration, and the driver of `pactsim calibrate`.
//!
//! - `driver`: [`Calibration`] — prior draws over the ranges → runs through an
//!   [`crate::evaluate::Evaluator`] → each fact's statistic read from the run summary by
//!   dotted path ([`crate::evaluate::statistic`]) → acceptance → posterior and posterior
//!   predictive summaries ([`CalibrateSummary`]) and the results files.
//! - `facts`: one run summary read against the facts ([`check_facts`]), for `calibrate`'s
//!   acceptance and `pactsim run --facts`; every cell of a sweep ([`check_sweep_facts`]), for
//!   `pactsim sweep --facts` and `merge --facts`.
//!
//! Checking a facts file's fields (one form per fact, finite values, tolerances ≥ 0, bands
//! with min ≤ max) is the caller's, before the file is parsed into a [`FactsFile`].

mod driver;
mod facts;

pub use driver::{read_draws, Calibration, CalibrationRun};
pub use facts::{
    check as check_facts, check_sweep as check_sweep_facts,
    require_statistics as require_fact_statistics, statistics as fact_statistics, CellFacts,
    FactCheck, SweepFacts,
};

use crate::evaluate::StatisticError;
pub use analysis::abc::Target;
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

/// One fact of a facts file: a statistic and either an observed value with a tolerance (met
/// when |simulated − observed| ≤ tolerance) or a band (met when min ≤ simulated ≤ max, either
/// end may be left out). Which form an entry takes is checked by the caller, before use
/// ([`FactEntry::target`] is `None` for an entry that gives neither or both).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactEntry {
    /// Dotted path into the run summary, or several joined by `+` (summed).
    pub statistic: String,
    /// Observed value (with `tolerance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<f64>,
    /// Accept when |simulated − observed| ≤ tolerance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
    /// Lower end of a band (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper end of a band (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// What the fact says (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Line and column of the `statistic` key in the facts file it was read from (set by the
    /// reader with [`FactsFile::locate`]; neither written nor read as a field).
    #[serde(skip)]
    pub at: Option<(usize, usize)>,
}

impl FactEntry {
    /// What the statistic must be: `observed` ± `tolerance`, or the band [`min`, `max`] (a
    /// missing end is infinite). `None` when the entry gives both forms, neither, or half of
    /// the first.
    pub fn target(&self) -> Option<Target> {
        match (self.observed, self.tolerance, self.min, self.max) {
            (Some(observed), Some(tolerance), None, None) => Some(Target::Near {
                observed,
                tolerance,
            }),
            (None, None, low, high) if low.is_some() || high.is_some() => Some(Target::Within {
                low: low.unwrap_or(f64::NEG_INFINITY),
                high: high.unwrap_or(f64::INFINITY),
            }),
            _ => None,
        }
    }

    /// Is `x` what the fact asks? Never for an entry without a [`FactEntry::target`].
    pub fn met(&self, x: f64) -> bool {
        self.target().is_some_and(|t| t.met(x))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(o: Option<f64>, t: Option<f64>, lo: Option<f64>, hi: Option<f64>) -> FactEntry {
        FactEntry {
            statistic: "runs".into(),
            observed: o,
            tolerance: t,
            min: lo,
            max: hi,
            description: None,
            at: None,
        }
    }

    #[test]
    fn an_entry_is_near_a_value_or_inside_a_band() {
        let near = entry(Some(8.4), Some(2.0), None, None);
        assert_eq!(
            near.target(),
            Some(Target::Near {
                observed: 8.4,
                tolerance: 2.0
            })
        );
        assert!(near.met(6.5) && !near.met(10.5));
        let at_least = entry(None, None, Some(0.01), None);
        assert!(at_least.met(0.01) && at_least.met(0.9) && !at_least.met(0.0));
        let at_most = entry(None, None, None, Some(0.2));
        assert!(at_most.met(0.0) && at_most.met(0.2) && !at_most.met(0.21));
        let band = entry(None, None, Some(5.0), Some(14.0));
        assert!(band.met(5.0) && band.met(14.0) && !band.met(14.01) && !band.met(f64::NAN));
        // Both forms, neither, or half of the first: no target, never met.
        for bad in [
            entry(Some(1.0), Some(0.1), Some(0.0), None),
            entry(None, None, None, None),
            entry(Some(1.0), None, None, None),
            entry(None, Some(0.1), None, Some(1.0)),
        ] {
            assert_eq!(bad.target(), None, "{bad:?}");
            assert!(!bad.met(1.0));
        }
    }
}
