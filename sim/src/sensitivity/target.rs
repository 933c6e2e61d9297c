//! What a sensitivity, Sobol or discovery analysis measures at each evaluation point: the
//! [`Measure`] trait (a named value read from a point's result, with its Monte Carlo noise),
//! and the flagship's measure of a [`Summary`], [`Target`] (a share of outcome classes, the
//! time to agreement, a player's payoff).

use super::SensitivityError;
use crate::outcome::STRICT_TERMS;
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
    /// Share of the deals the April classes judge that meet one term of the strict April
    /// class (`term.azure_first_lag`): an index into [`STRICT_TERMS`]. A point without such
    /// deals counts as 0.
    Term(usize),
    /// A litigation rate (`litigation.threat`, `litigation.suit`, `litigation.credible_threat`).
    Litigation(LitigationRate),
}

/// The litigation rates a target can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LitigationRate {
    /// Share of runs with a public threat.
    Threat,
    /// Share of runs with a suit filed.
    Suit,
    /// Share of threatened runs whose first threat was credible as a suit when made (a point
    /// without threats counts as 0).
    CredibleThreat,
}

impl LitigationRate {
    const ALL: [LitigationRate; 3] = [
        LitigationRate::Threat,
        LitigationRate::Suit,
        LitigationRate::CredibleThreat,
    ];

    fn key(self) -> &'static str {
        match self {
            LitigationRate::Threat => "threat",
            LitigationRate::Suit => "suit",
            LitigationRate::CredibleThreat => "credible_threat",
        }
    }
}

const PLAYERS: [&str; 3] = ["microsoft", "openai", "amazon"];

impl Target {
    /// Parses `--target`: `CLASS[+CLASS…]`, `time_to_agreement`, `payoff.PLAYER`, `term.KEY`
    /// or `litigation.RATE`.
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
        if let Some(k) = t.strip_prefix("litigation.") {
            return LitigationRate::ALL
                .into_iter()
                .find(|l| l.key() == k)
                .map(Target::Litigation)
                .ok_or_else(|| {
                    SensitivityError::Bad(format!(
                        "--target {s}: unknown litigation rate {k:?}; allowed: \
                         litigation.threat, litigation.suit, litigation.credible_threat"
                    ))
                });
        }
        if let Some(k) = t.strip_prefix("term.") {
            return STRICT_TERMS
                .iter()
                .position(|term| term.key == k)
                .map(Target::Term)
                .ok_or_else(|| {
                    SensitivityError::Bad(format!(
                        "--target {s}: unknown April term {k:?}; allowed: {}",
                        STRICT_TERMS
                            .map(|term| format!("term.{}", term.key))
                            .join(", ")
                    ))
                });
        }
        let mut classes = Vec::new();
        for part in t.split('+') {
            let o = Outcome::from_name(part.trim()).ok_or_else(|| {
                SensitivityError::Bad(format!(
                    "--target {s}: unknown outcome {:?}; allowed: an outcome class ({}), a sum \
                     of classes joined by '+', time_to_agreement, payoff.microsoft, \
                     payoff.openai, payoff.amazon, term.KEY (a term of the strict April \
                     class) or litigation.threat, litigation.suit, litigation.credible_threat",
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
            Target::Term(k) => format!("term.{}", STRICT_TERMS[*k].key),
            Target::Litigation(l) => format!("litigation.{}", l.key()),
        }
    }

    /// Axis label with unit.
    pub fn label(&self) -> String {
        match self {
            Target::Shares(_) => format!("P({}) (share of runs)", self.name()),
            Target::TimeToAgreement { .. } => "mean time to agreement (weeks)".into(),
            Target::Payoff(i) => format!("mean payoff of {} ($B PV)", PLAYERS[*i]),
            Target::Term(k) => format!("share of deals with {}", STRICT_TERMS[*k].label),
            Target::Litigation(LitigationRate::Threat) => "P(public threat) (share of runs)".into(),
            Target::Litigation(LitigationRate::Suit) => "P(suit) (share of runs)".into(),
            Target::Litigation(LitigationRate::CredibleThreat) => {
                "share of threats credible as a suit when made".into()
            }
        }
    }

    /// The target is a share in \[0, 1\] (of runs, or of deals).
    pub fn is_share(&self) -> bool {
        matches!(
            self,
            Target::Shares(_) | Target::Term(_) | Target::Litigation(_)
        )
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
            Target::Term(k) => s
                .april_terms
                .strict_terms
                .iter()
                .find(|t| t.term == STRICT_TERMS[*k].key)
                .map_or(0.0, |t| t.share),
            Target::Litigation(l) => {
                let x = &s.litigation;
                match l {
                    LitigationRate::Threat => x.threat_share,
                    LitigationRate::Suit => x.suit_share,
                    LitigationRate::CredibleThreat => x.credible_threat_share.unwrap_or(0.0),
                }
            }
        }
    }

    /// Monte Carlo variance of one point's value (binomial p(1−p)/runs for shares and the
    /// threat and suit rates, p(1−p)/deals for a term's share of deals, p(1−p)/threats for the
    /// credible-threat share, sd²/runs for payoffs; None for time to agreement, whose per-run
    /// spread is not in the summary).
    pub fn noise_variance(&self, s: &Summary) -> Option<f64> {
        let runs = s.runs.max(1) as f64;
        match self {
            Target::Shares(_) => {
                let p = self.value(s);
                Some(p * (1.0 - p) / runs)
            }
            Target::Term(_) => {
                let p = self.value(s);
                Some(p * (1.0 - p) / s.april_terms.deals.max(1) as f64)
            }
            Target::Litigation(l) => {
                let p = self.value(s);
                let n = match l {
                    LitigationRate::CredibleThreat => s.litigation.threats.max(1) as f64,
                    _ => runs,
                };
                Some(p * (1.0 - p) / n)
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
        let lag = Target::parse("term.azure_first_lag", 52).unwrap();
        assert_eq!(lag, Target::Term(3));
        assert_eq!(lag.name(), "term.azure_first_lag");
        assert!(lag.is_share());
        let e = Target::parse("term.cap", 52).unwrap_err().to_string();
        assert!(e.contains("term.cap_below_60"), "{e}");
    }

    /// A term target reads the share of deals meeting the term, with binomial noise over the
    /// deals (not the runs); a point without deals reads 0.
    #[test]
    fn term_target_reads_the_share_of_deals() {
        use crate::contract::tests::april;
        use crate::results::RunRecord;
        use crate::stats::Accumulator;
        let record = |outcome: Outcome, lag: Option<u16>| {
            let deal = lag.map(|days| {
                let mut x = april();
                x.azure_first_days = days;
                x
            });
            RunRecord {
                outcome,
                agreement_week: deal.map(|_| 9),
                deal_terms: deal,
                april_distance: 0.1,
                payoffs: [0.0; 3],
                suit_filed: None,
                injunction: false,
                judgment: None,
                threat: false,
                threat_credible: None,
                launched: false,
                last_week: 9,
                theta: 0.5,
            }
        };
        let lag = Target::parse("term.azure_first_lag", 52).unwrap();
        let mut acc = Accumulator::new(52);
        acc.push(&record(Outcome::Impasse, None));
        assert_eq!(lag.value(&acc.finish()), 0.0);
        acc.push(&record(Outcome::AprilLikeStrict, Some(30)));
        acc.push(&record(Outcome::AprilLikeBroad, Some(0)));
        acc.push(&record(Outcome::AprilLikeBroad, Some(0)));
        acc.push(&record(Outcome::AprilLikeBroad, Some(90)));
        let s = acc.finish();
        assert_eq!(lag.value(&s), 0.5);
        assert_eq!(lag.noise_variance(&s), Some(0.25 / 4.0));
    }

    /// Litigation targets read the threat and suit rates over runs and the credible share over
    /// threatened runs, each with binomial noise over what it counts; without threats the
    /// credible share reads 0.
    #[test]
    fn litigation_targets_read_their_rates() {
        use crate::results::RunRecord;
        use crate::stats::Accumulator;
        let record = |threat_credible: Option<bool>, sued: bool| RunRecord {
            outcome: if sued {
                Outcome::Litigation
            } else {
                Outcome::AprilLikeBroad
            },
            agreement_week: (!sued).then_some(9),
            deal_terms: None,
            april_distance: 0.2,
            payoffs: [0.0; 3],
            suit_filed: sued.then_some(8),
            injunction: false,
            judgment: None,
            threat: threat_credible.is_some(),
            threat_credible,
            launched: true,
            last_week: if sued { 51 } else { 9 },
            theta: 0.5,
        };
        let [threat, suit, credible] = ["threat", "suit", "credible_threat"]
            .map(|k| Target::parse(&format!("litigation.{k}"), 52).unwrap());
        assert_eq!(credible, Target::Litigation(LitigationRate::CredibleThreat));
        assert_eq!(credible.name(), "litigation.credible_threat");
        assert!(credible.is_share());
        let e = Target::parse("litigation.bluff", 52)
            .unwrap_err()
            .to_string();
        assert!(e.contains("litigation.credible_threat"), "{e}");
        let mut acc = Accumulator::new(52);
        acc.push(&record(None, false));
        assert_eq!(credible.value(&acc.finish()), 0.0);
        for (c, sued) in [
            (Some(false), false),
            (Some(true), true),
            (Some(false), false),
        ] {
            acc.push(&record(c, sued));
        }
        acc.push(&record(None, false));
        let s = acc.finish();
        assert_eq!((threat.value(&s), suit.value(&s)), (0.6, 0.2));
        assert_eq!(threat.noise_variance(&s), Some(0.6 * 0.4 / 5.0));
        assert!((credible.value(&s) - 1.0 / 3.0).abs() < 1e-15);
        let v = credible.noise_variance(&s).unwrap();
        assert!((v - (1.0 / 3.0) * (2.0 / 3.0) / 3.0).abs() < 1e-15, "{v}");
    }
}
