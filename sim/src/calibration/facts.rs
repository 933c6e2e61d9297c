//! A run summary read against a facts file: each fact's statistic (a dotted path into
//! `summary.json`), the value the run gives it, and whether it is what the fact asks (within
//! its tolerance of the observed value, or inside its band). Shared by `pactsim calibrate` (which accepts a prior draw when every fact is
//! met) and `pactsim run --facts` (which reports how one scenario compares with the facts).

use super::{CalibrationError, FactEntry};
use crate::evaluate::{statistic, statistic_interval};
use crate::reports::SweepSummary;
use crate::Summary;
use serde::{Deserialize, Serialize};

/// Each fact's statistic in the run summary `s` (NaN where the summary holds a null, e.g. a
/// mean time to agreement without any agreement); an error names a statistic the summary does
/// not have, with the fields it does have.
pub fn statistics(facts: &[FactEntry], s: &Summary) -> Result<Vec<f64>, CalibrationError> {
    located_statistics(facts, s).map_err(|(_, e)| e)
}

/// A fact's statistic that cannot be read: where the fact is in its file (when known), and why.
type Located = (Option<(usize, usize)>, CalibrationError);

/// As [`statistics`], with the failing fact's location in its file.
fn located_statistics(facts: &[FactEntry], s: &Summary) -> Result<Vec<f64>, Located> {
    let v = serde_json::to_value(s)
        .unwrap_or_else(|e| unreachable!("a summary always serialises: {e}"));
    facts
        .iter()
        .map(|f| {
            statistic(&v, &f.statistic).map_err(|error| {
                (
                    f.at,
                    CalibrationError::Statistic {
                        error,
                        fields: crate::evaluate::summary_fields(&v),
                    },
                )
            })
        })
        .collect()
}

/// Finds every fact's statistic in the run summary `s`, before anything long runs or is
/// written; a missing one is [`CalibrationError::InFacts`], naming the facts file `file` and
/// the statistic's line when the facts were located ([`super::FactsFile::locate`]).
pub fn require_statistics(
    file: &str,
    facts: &[FactEntry],
    s: &Summary,
) -> Result<(), CalibrationError> {
    located_statistics(facts, s)
        .map(|_| ())
        .map_err(|(at, e)| CalibrationError::InFacts {
            file: file.to_string(),
            at,
            error: Box::new(e),
        })
}

/// One fact as a run meets it or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactCheck {
    /// The fact as written in the facts file.
    #[serde(flatten)]
    pub fact: FactEntry,
    /// The run's value of the statistic (`None` where the summary holds a null).
    pub simulated: Option<f64>,
    /// The statistic is what the fact asks (false without a value).
    pub met: bool,
    /// The statistic's 95% interval, where the summary gives one
    /// ([`crate::evaluate::statistic_interval`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ci: Option<[f64; 2]>,
    /// Whether the verdict stands whatever the statistic's value within `ci`: false when the
    /// interval reaches across an end of what the fact asks, so that more runs could turn
    /// it (absent without an interval).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settled: Option<bool>,
    /// For a verdict within noise, roughly how many runs would settle it if the statistic
    /// kept its value ([`analysis::abc::Target::runs_to_settle`]; absent otherwise, and for a
    /// value on an end of the target, which no number of runs settles).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runs_to_settle: Option<u64>,
}

impl FactCheck {
    /// The verdict could change within the statistic's 95% interval.
    pub fn within_noise(&self) -> bool {
        self.settled == Some(false)
    }
}

/// Reads every fact of `facts` in the run summary `s`.
pub fn check(facts: &[FactEntry], s: &Summary) -> Result<Vec<FactCheck>, CalibrationError> {
    let values = statistics(facts, s)?;
    let v = serde_json::to_value(s)
        .unwrap_or_else(|e| unreachable!("a summary always serialises: {e}"));
    Ok(facts
        .iter()
        .zip(values)
        .map(|(f, x)| {
            let simulated = x.is_finite().then_some(x);
            let ci = simulated.and_then(|_| statistic_interval(&v, &f.statistic));
            let target = f.target();
            let settled = match (ci, target) {
                (Some([lo, hi]), Some(t)) => t.settled(lo, hi),
                _ => None,
            };
            let runs_to_settle = match (simulated, ci, target) {
                (Some(x), Some([lo, hi]), Some(t)) => t.runs_to_settle(x, lo, hi, s.runs),
                _ => None,
            };
            FactCheck {
                fact: f.clone(),
                simulated,
                met: simulated.is_some_and(|x| f.met(x)),
                ci,
                settled,
                runs_to_settle,
            }
        })
        .collect())
}

/// A sweep read against a facts file: how many facts each cell meets, and each fact as the
/// cell meets it or not. `pactsim sweep --facts` and `merge --facts` write it as the results
/// directory's `facts.json`; the sweep's plots draw `met` as a heat map. Read back, the
/// per-fact checks are left out (only the counts are needed to draw).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepFacts {
    /// The facts file, as recorded ([`crate::output::recorded_input`]).
    pub facts_file: String,
    /// How many facts the file has.
    pub facts: usize,
    /// Every cell of the sweep, in order.
    pub cells: Vec<CellFacts>,
}

/// One sweep cell read against the facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellFacts {
    /// Cell index.
    pub cell: u64,
    /// How many facts the cell meets.
    pub met: usize,
    /// How many of its verdicts could change within their statistic's 95% interval
    /// ([`FactCheck::within_noise`]).
    pub within_noise: usize,
    /// Each fact as the cell meets it or not (not read back).
    #[serde(skip_deserializing)]
    pub checks: Vec<FactCheck>,
}

/// Reads every cell of the sweep summary `s` against `facts` (of the file recorded as
/// `facts_file`).
pub fn check_sweep(
    facts_file: &str,
    facts: &[FactEntry],
    s: &SweepSummary,
) -> Result<SweepFacts, CalibrationError> {
    let cells = s
        .cells
        .iter()
        .map(|c| {
            let checks = check(facts, &c.summary)?;
            Ok(CellFacts {
                cell: c.cell,
                met: checks.iter().filter(|k| k.met).count(),
                within_noise: checks.iter().filter(|k| k.within_noise()).count(),
                checks,
            })
        })
        .collect::<Result<Vec<_>, CalibrationError>>()?;
    Ok(SweepFacts {
        facts_file: crate::output::recorded_input(facts_file),
        facts: facts.len(),
        cells,
    })
}
