//! What a run produces ([`RunRecord`]) and what a cell of runs summarises to ([`Summary`]).
//! Plain serialisable data; computed by `stats`, written by `output`.

use crate::contract::Contract;
use crate::outcome::Outcome;
use serde::{Deserialize, Serialize};

/// The record of one run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunRecord {
    /// Outcome class.
    pub outcome: Outcome,
    /// Week of the MO/MOA agreement, if any.
    pub agreement_week: Option<u32>,
    /// The terms of that agreement, if any.
    pub deal_terms: Option<Contract>,
    /// April-distance of the final terms.
    pub april_distance: f64,
    /// Realised payoffs (M, O, A), $B present value.
    pub payoffs: [f64; 3],
    /// Week a suit was filed.
    pub suit_filed: Option<u32>,
    /// A preliminary injunction was granted.
    pub injunction: bool,
    /// Judgment (true: Microsoft won), if reached.
    pub judgment: Option<bool>,
    /// Microsoft made a public threat.
    pub threat: bool,
    /// Its first threat was credible as a suit when made (θ_M·J ≥ c_P); `None` without one.
    pub threat_credible: Option<bool>,
    /// OpenAI launched Frontier on AWS without a waiver at some point of the run (even if it
    /// later re-architected or a court withdrew the launch).
    pub launched: bool,
    /// Last week played.
    pub last_week: u32,
    /// True legal merit θ of the run.
    pub theta: f64,
}

/// Count, share and 95% Wilson interval of one outcome class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeShare {
    /// Outcome class name.
    pub outcome: String,
    /// Runs in the class.
    pub count: u64,
    /// count / runs.
    pub share: f64,
    /// Wilson 95% lower bound.
    pub ci_low: f64,
    /// Wilson 95% upper bound.
    pub ci_high: f64,
}

/// Distribution summary of one quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// Mean.
    pub mean: f64,
    /// Standard deviation.
    pub sd: f64,
    /// Minimum.
    pub min: f64,
    /// 5th percentile (exact up to 262,144 runs, type-7 interpolation; a P² estimate beyond).
    pub p5: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Maximum.
    pub max: f64,
    /// 95% interval of the mean over runs, mean ± 1.96·sd/√n (Monte Carlo noise only; null
    /// with fewer than two runs).
    #[serde(default)]
    pub mean_ci: Option<[f64; 2]>,
}

/// Payoff distributions per player, $B present value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payoffs {
    /// Microsoft.
    pub microsoft: Distribution,
    /// OpenAI.
    pub openai: Distribution,
    /// Amazon.
    pub amazon: Distribution,
}

/// Time to agreement among runs with an MO/MOA agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeToAgreement {
    /// Runs with an agreement.
    pub agreements: u64,
    /// Mean week of agreement (null when none).
    pub mean_weeks: Option<f64>,
    /// 95% interval of that mean, mean ± 1.96·sd/√n (null with fewer than two agreements).
    #[serde(default)]
    pub mean_weeks_ci: Option<[f64; 2]>,
    /// Counts per week 0..horizon (bin width 1 week).
    pub histogram: Vec<u64>,
}

/// April-distance statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AprilDistance {
    /// Mean over all runs (final terms).
    pub mean: f64,
    /// Standard deviation over all runs.
    pub sd: f64,
    /// Mean among runs with an agreement (null when none).
    pub mean_among_agreements: Option<f64>,
}

/// How close the deals came to the April terms: among the deals the April classes judge
/// (runs classed APRIL_LIKE_STRICT, APRIL_LIKE_BROAD or OTHER_DEAL: an M–O agreement, no
/// suit, Amazon in), how many meet each term of the strict April rule, and how many of the six
/// April features they carry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AprilTerms {
    /// Deals counted.
    pub deals: u64,
    /// One entry per term of the strict rule, in the order of docs/model.md §8.
    pub strict_terms: Vec<TermCount>,
    /// Deals meeting every term of the strict rule, whatever their week.
    pub all_strict_terms: u64,
    /// Deals by number of April features, 0 to 6.
    pub features_histogram: Vec<u64>,
}

/// Deals meeting one term of the strict April rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermCount {
    /// The term's key.
    pub term: String,
    /// Deals meeting it.
    pub count: u64,
    /// count / deals (0 without deals).
    pub share: f64,
    /// Wilson 95% lower bound.
    pub ci_low: f64,
    /// Wilson 95% upper bound.
    pub ci_high: f64,
}

/// Litigation statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LitigationStats {
    /// Runs with a public threat.
    pub threats: u64,
    /// Runs with a defiant launch at some point (even if later re-architected or withdrawn).
    pub launches: u64,
    /// Runs with a suit filed.
    pub suits: u64,
    /// Runs with a preliminary injunction granted.
    pub injunctions: u64,
    /// LITIGATION runs with a PI granted (the PI_GRANTED sub-tag).
    pub litigation_pi_granted: u64,
    /// Runs that reached judgment.
    pub judgments: u64,
    /// Judgments won by Microsoft.
    pub plaintiff_wins: u64,
    /// Share of runs with a public threat.
    #[serde(default)]
    pub threat_share: f64,
    /// Its Wilson 95% interval.
    #[serde(default)]
    pub threat_share_ci: [f64; 2],
    /// Share of runs with a suit filed.
    #[serde(default)]
    pub suit_share: f64,
    /// Its Wilson 95% interval.
    #[serde(default)]
    pub suit_share_ci: [f64; 2],
    /// Microsoft's win rate among runs that reached judgment (null without judgments).
    #[serde(default)]
    pub plaintiff_win_rate: Option<f64>,
    /// Its Wilson 95% interval over the judged runs (null without judgments).
    #[serde(default)]
    pub plaintiff_win_rate_ci: Option<[f64; 2]>,
    /// Runs whose first threat was credible as a suit when made (θ_M·J ≥ c_P); the other
    /// threatened runs' threats were bluffs (θ_M·J between f_thr·c_P and c_P).
    #[serde(default)]
    pub credible_threats: u64,
    /// credible_threats / threats (null without threats).
    #[serde(default)]
    pub credible_threat_share: Option<f64>,
    /// Its Wilson 95% interval over the threatened runs (null without threats).
    #[serde(default)]
    pub credible_threat_share_ci: Option<[f64; 2]>,
}

/// Summary of a cell of runs (one scenario).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of runs.
    pub runs: u64,
    /// One entry per outcome class, in classification order.
    pub outcomes: Vec<OutcomeShare>,
    /// Time to agreement.
    pub time_to_agreement: TimeToAgreement,
    /// April-distance.
    pub april_distance: AprilDistance,
    /// Realised payoffs.
    pub payoffs: Payoffs,
    /// Litigation statistics.
    pub litigation: LitigationStats,
    /// How close the deals came to the April terms (empty when read from a summary written
    /// before pactsim counted them).
    #[serde(default)]
    pub april_terms: AprilTerms,
}

impl Summary {
    /// Share entry of `outcome`.
    pub fn share(&self, outcome: Outcome) -> &OutcomeShare {
        &self.outcomes[outcome.index()]
    }
}
