//! A run summary read against a facts file: each fact's statistic (a dotted path into
//! `summary.json`), the value the run gives it, and whether it is what the fact asks (within
//! its tolerance of the observed value, or inside its band). Shared by `pactsim calibrate` (which accepts a prior draw when every fact is
//! met) and `pactsim run --facts` (which reports how one scenario compares with the facts).

use super::{CalibrationError, FactEntry};
use crate::evaluate::statistic;
use crate::Summary;
use serde::Serialize;

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
}

/// Reads every fact of `facts` in the run summary `s`.
pub fn check(facts: &[FactEntry], s: &Summary) -> Result<Vec<FactCheck>, CalibrationError> {
    let values = statistics(facts, s)?;
    Ok(facts
        .iter()
        .zip(values)
        .map(|(f, x)| {
            let simulated = x.is_finite().then_some(x);
            FactCheck {
                fact: f.clone(),
                simulated,
                met: simulated.is_some_and(|x| f.met(x)),
            }
        })
        .collect())
}
