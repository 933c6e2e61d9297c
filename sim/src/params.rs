//! The validated model parameters ([`Params`]): what the model reads. Built once, by
//! [`crate::Scenario::validate`], from a [`ScenarioFile`] whose every check has passed, and
//! handed to the model as `&Params`. Besides the model sections of the file (same names, so
//! model code reads `s.microsoft.stake` as the file writes it), it holds what is built from
//! raw numbers once per scenario instead of once per run: the Beta prior on legal merit and
//! the court calendar. Construction is where such a build reports its error (as
//! `rand_distr::Beta::new` does), so the model never `expect`s on input.
//!
//! Not here: `[meta]`, `[agents]` and `[ranges]` (the engine and the analyses read them from
//! [`crate::Scenario`]), which are not parameters of the model.

use crate::scenario::{Problem, ProblemKind};
use crate::schema::{
    AgiParams, AmazonParams, AntitrustParams, CloudParams, Contracts, IpoParams, LitigationParams,
    MicrosoftParams, MuskParams, OpenAiParams, PerPlayer, ProtocolParams, RevenueParams,
    ScenarioFile, ShockSwitches, SimulationParams,
};
use rand_distr::Beta;

/// The validated model parameters of a scenario. Immutable behind a [`crate::Scenario`]; the
/// ready-built parts ([`Params::merit_prior`], [`Params::court`]) are derived from the
/// sections at validation.
#[derive(Debug, Clone)]
pub struct Params {
    /// `[simulation]` (the model reads the horizon; runs and seed are Monte Carlo defaults).
    pub simulation: SimulationParams,
    /// `[protocol]`.
    pub protocol: ProtocolParams,
    /// `[discount]`: annual discount rates ρ_i.
    pub discount: PerPlayer<f64>,
    /// `[revenue]`.
    pub revenue: RevenueParams,
    /// `[cloud]`.
    pub cloud: CloudParams,
    /// `[microsoft]`.
    pub microsoft: MicrosoftParams,
    /// `[openai]`.
    pub openai: OpenAiParams,
    /// `[amazon]`.
    pub amazon: AmazonParams,
    /// `[litigation]`.
    pub litigation: LitigationParams,
    /// `[antitrust]`.
    pub antitrust: AntitrustParams,
    /// `[musk]`.
    pub musk: MuskParams,
    /// `[ipo]`.
    pub ipo: IpoParams,
    /// `[agi]`.
    pub agi: AgiParams,
    /// `[shocks]`.
    pub shocks: ShockSwitches,
    /// `[contracts]`.
    pub contracts: Contracts,
    merit_prior: Beta<f64>,
    court: CourtRules,
}

/// Court calendar and ruling parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CourtRules {
    /// PI ruling delay range, weeks.
    pub injunction_weeks: [f64; 2],
    /// Dismissal ruling delay range, weeks.
    pub dismissal_weeks: [f64; 2],
    /// Median delay from filing to judgment, weeks.
    pub trial_weeks: f64,
    /// σ of the log of that delay (lognormal; 0 = always the median).
    pub trial_sigma: f64,
    /// PI granted with probability θ^k.
    pub injunction_exponent: f64,
}

impl CourtRules {
    /// The court calendar and ruling parameters of a `[litigation]` section.
    pub fn of(l: &LitigationParams) -> CourtRules {
        CourtRules {
            injunction_weeks: l.injunction_ruling_weeks,
            dismissal_weeks: l.dismissal_ruling_weeks,
            trial_weeks: l.trial_weeks,
            trial_sigma: l.trial_weeks_sigma,
            injunction_exponent: l.injunction_exponent,
        }
    }
}

impl Params {
    /// Builds the parameters of a file that passed every check; a distribution that cannot be
    /// built is reported as a problem at the parameter that makes it fail.
    pub(crate) fn new(f: &ScenarioFile) -> Result<Params, Problem> {
        let l = &f.litigation;
        let (mean, sd) = (l.win_probability_mean, l.win_probability_sd);
        let common = mean * (1.0 - mean) / (sd * sd) - 1.0;
        let merit_prior = Beta::new(mean * common, (1.0 - mean) * common).map_err(|e| Problem {
            kind: ProblemKind::Other,
            path: "litigation.win_probability_sd".into(),
            location: None,
            value: sd.to_string(),
            message: format!("no Beta prior has this mean and sd ({e})"),
        })?;
        Ok(Params {
            simulation: f.simulation.clone(),
            protocol: f.protocol.clone(),
            discount: f.discount,
            revenue: f.revenue.clone(),
            cloud: f.cloud.clone(),
            microsoft: f.microsoft.clone(),
            openai: f.openai.clone(),
            amazon: f.amazon.clone(),
            litigation: f.litigation.clone(),
            antitrust: f.antitrust.clone(),
            musk: f.musk.clone(),
            ipo: f.ipo.clone(),
            agi: f.agi.clone(),
            shocks: f.shocks,
            contracts: f.contracts.clone(),
            merit_prior,
            court: CourtRules::of(l),
        })
    }

    /// The Beta prior on θ = P(court finds Frontier-on-AWS a breach), with the mean and sd of
    /// `[litigation]`; each run draws its true θ from it.
    pub fn merit_prior(&self) -> &Beta<f64> {
        &self.merit_prior
    }

    /// The court calendar and ruling parameters.
    pub fn court(&self) -> CourtRules {
        self.court
    }
}

/// Test support: the parameters of the baseline scenario (`configs/april-2026.toml`), built
/// through validation like every other `Params`.
#[cfg(test)]
pub(crate) fn baseline() -> Params {
    let text = include_str!("../../configs/april-2026.toml");
    crate::Scenario::from_toml(
        text,
        "april-2026.toml",
        &[],
        &crate::strategy::testing::AnyAgents,
    )
    .expect("the baseline validates")
    .params()
    .clone()
}
