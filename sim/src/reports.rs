//! The JSON result schemas of sweeps and sensitivity analyses: what `summary.json` of a sweep
//! results directory and of a sensitivity results directory hold. Written by the sweep and
//! sensitivity drivers, read back by `pactsim plot`, `pactsim discover` and by anyone's tools.

use crate::sensitivity::{MorrisEffect, Parameter};
use crate::Summary;
use serde::{Deserialize, Serialize};

/// A cell of a sweep's `summary.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SummaryCell {
    /// Cell index.
    pub cell: u64,
    /// Swept values by parameter path.
    pub values: serde_json::Map<String, serde_json::Value>,
    /// Scenario hash (hex) that seeds the cell's runs.
    pub hash: String,
    /// Most frequent outcome.
    pub modal_outcome: String,
    /// The cell's summary.
    pub summary: Summary,
}

/// A sweep's `summary.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepSummary {
    /// Sweep name.
    pub sweep: String,
    /// Runs per cell.
    pub runs_per_cell: u64,
    /// Swept parameter paths.
    pub params: Vec<String>,
    /// Every cell, in order.
    pub cells: Vec<SummaryCell>,
}

/// One parameter's one-at-a-time result.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OneAtATime {
    /// The parameter and its range.
    pub parameter: Parameter,
    /// Target share with the parameter at its low value.
    pub share_low: f64,
    /// Target share with the parameter at its high value.
    pub share_high: f64,
    /// share_high − share_low.
    pub swing: f64,
}

/// One parameter's Morris statistics.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MorrisRow {
    /// Parameter path.
    pub path: String,
    /// Statistics (target share per full low→high range).
    #[serde(flatten)]
    pub effect: MorrisEffect,
    /// Lower end of μ*'s 95% bootstrap interval (trajectories resampled).
    #[serde(default)]
    pub mu_star_lo: Option<f64>,
    /// Upper end of μ*'s 95% bootstrap interval.
    #[serde(default)]
    pub mu_star_hi: Option<f64>,
}

/// `summary.json` of `pactsim sensitivity`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SensitivitySummary {
    /// Target (outcome class, sum of classes, time_to_agreement or payoff.PLAYER).
    pub target: String,
    /// Runs per evaluation point.
    pub runs_per_point: u64,
    /// Target value ("share" for outcome targets) at the base scenario.
    pub base_share: f64,
    /// Monte Carlo standard error of one point's value at the base: sqrt(p(1−p)/runs) for
    /// shares, sd/sqrt(runs) for payoffs, null when unknown.
    pub standard_error: Option<f64>,
    /// One-at-a-time results, ranked by |swing|.
    pub one_at_a_time: Vec<OneAtATime>,
    /// Morris trajectories and levels (absent one at a time only, `--method oat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub morris_design: Option<[u64; 2]>,
    /// Morris statistics, ranked by μ* (absent one at a time only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub morris: Vec<MorrisRow>,
    /// The ranking by μ* and whether it is settled (intervals of adjacent parameters; absent
    /// one at a time only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub morris_ranking: Option<analysis::ranking::RankingReport>,
}
