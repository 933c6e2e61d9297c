//! What a sensitivity, Sobol or discovery analysis measures at each evaluation point: the
//! [`Measure`] trait (a named value read from a point's result, with its Monte Carlo noise),
//! and the flagship's measure of a [`Summary`], [`Target`] (a share of outcome classes, the
//! time to agreement, a player's payoff).

use super::SensitivityError;
use crate::{Outcome, Summary};

/// What an analysis reads from each evaluation point's result (`Of`, what the point's
/// simulation folds into): a value under a name. A second simulation brings its own.
pub trait Measure {
    /// The result the measure reads.
    type Of;

    /// Canonical name, written into the analysis' summary and manifest.
    fn name(&self) -> String;

    /// The measure's value in one point's result.
    fn value(&self, result: &Self::Of) -> f64;

    /// Monte Carlo variance of one point's value, when the result holds what it needs.
    fn noise_variance(&self, _result: &Self::Of) -> Option<f64> {
        None
    }
}

/// What a sensitivity or discovery analyses at each point of the flagship model.
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
    pub fn parse(s: &str, horizon: u32) -> Result<Target, SensitivityError> {
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
                    SensitivityError::Bad(format!(
                        "--target {s}: unknown player {p:?}; allowed: payoff.microsoft, \
                         payoff.openai, payoff.amazon"
                    ))
                });
        }
        let mut classes = Vec::new();
        for part in t.split('+') {
            let o = Outcome::from_name(part.trim()).ok_or_else(|| {
                SensitivityError::Bad(format!(
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

impl Measure for Target {
    type Of = Summary;

    fn name(&self) -> String {
        Target::name(self)
    }

    fn value(&self, s: &Summary) -> f64 {
        Target::value(self, s)
    }

    fn noise_variance(&self, s: &Summary) -> Option<f64> {
        Target::noise_variance(self, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
