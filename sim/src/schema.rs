//! The raw scenario file: [`ScenarioFile`] and its section structs, mirroring the TOML
//! document one to one (unknown keys rejected). Nothing here is checked: a `ScenarioFile` is
//! input, turned into a [`crate::Scenario`] (and its [`crate::params::Params`]) only by
//! [`crate::Scenario::validate`].

use crate::contract::Contract;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Values per player, in the fixed order Microsoft, OpenAI, Amazon.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerPlayer<T> {
    /// Microsoft's value.
    pub microsoft: T,
    /// OpenAI's value.
    pub openai: T,
    /// Amazon's value.
    pub amazon: T,
}

impl<T: Copy> PerPlayer<T> {
    /// The values as an array indexed by [`crate::Player`].
    pub fn to_array(&self) -> [T; 3] {
        [self.microsoft, self.openai, self.amazon]
    }
}

/// `[meta]`: names the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Short name.
    pub name: String,
    /// One-paragraph description.
    #[serde(default)]
    pub description: String,
}

/// `[simulation]`: Monte Carlo defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulationParams {
    /// Default number of runs (`--runs` overrides).
    pub runs: u64,
    /// Default master seed (`--seed` overrides).
    pub seed: u64,
    /// Number of weekly rounds T.
    pub horizon_weeks: u32,
}

/// `[protocol]`: the round protocol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtocolParams {
    /// Recognition probabilities of the weekly proposer draw (sum to 1).
    pub recognition: PerPlayer<f64>,
    /// Weekly hazard that Microsoft files regardless once it has threatened (BRW mode b).
    pub breakdown_hazard_per_week: f64,
    /// Slope (per $B) of the logistic acceptance model a proposer uses to predict responses.
    pub acceptance_slope_per_billion: f64,
}

/// `[revenue]`: OpenAI's revenue path and channel parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevenueParams {
    /// Revenue R̄_y, $B, for each year 2026..=2032.
    pub path_billion: Vec<f64>,
    /// σ of the per-run log-normal revenue multiplier G.
    pub multiplier_sigma: f64,
    /// Weekly σ of the log enterprise-demand random walk D_t.
    pub demand_volatility_weekly: f64,
    /// φ_y: share of revenue reachable only through a third-party cloud, each year 2026..=2032.
    pub third_party_share: Vec<f64>,
    /// γ: incremental share of third-party-channel revenue.
    pub incremental_share: f64,
    /// κ_c: compute cost as a share of channel revenue.
    pub compute_cost_share: f64,
    /// λ_first: share of channel traffic held back per unit of Azure-first lag.
    pub azure_first_loss: f64,
}

/// `[cloud]`: cloud margins and commitments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudParams {
    /// m_Az: Azure contribution margin.
    pub azure_margin: f64,
    /// m_AWS: AWS contribution margin.
    pub aws_margin: f64,
    /// Years over which the Azure commitment is spent (from 2026).
    pub azure_commitment_years: u32,
    /// Years over which the AWS commitment is spent (from 2026).
    pub aws_commitment_years: u32,
    /// ψ: Amazon's strategic Bedrock value per $ of OpenAI channel revenue.
    pub bedrock_value_share: f64,
    /// Share of third-party Frontier traffic that runs on AWS when hosting is "any cloud"
    /// (the rest is served through Azure).
    pub non_exclusive_aws_share: f64,
    /// ζ: share of Microsoft's OpenAI-model franchise (Azure OpenAI + Bing revenue) exposed to
    /// competition when OpenAI products reach customers through another cloud (docs/model.md §5.1).
    pub competitive_harm: f64,
    /// ρ₁: reach of the third-party channel when only stateless calls stay on Azure (e = 1).
    pub stateless_only_reach: f64,
    /// ψ_first: share of Azure's exposed franchise an agreed Azure-first lag keeps on Azure
    /// (enterprises standardise where frontier models launch first; docs/model.md §5.1).
    /// Optional, 0 (off) by default; at 0 it is left out of the model hash
    /// ([`crate::scenario::model_hash`]), so scenarios without it keep their runs.
    #[serde(default)]
    pub azure_first_primacy: f64,
}

/// `[microsoft]`: Microsoft-specific economics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MicrosoftParams {
    /// s_M: equity stake in OpenAI.
    pub stake: f64,
    /// B_2026: Microsoft's OpenAI-model revenue (Azure OpenAI + Bing) in 2026, $B.
    pub openai_model_revenue_2026: f64,
    /// Annual growth of that revenue.
    pub openai_model_revenue_growth: f64,
    /// ω_x: value of licence exclusivity, $B.
    pub licence_exclusivity_premium: f64,
    /// ω_y: value per licence year beyond 2030, $B.
    pub licence_value_per_year: f64,
    /// Direct legal fees per year of a suit, $B.
    pub legal_fees_per_year: f64,
    /// c_AT0: expected antitrust cost of suing at zero pressure, $B.
    pub antitrust_cost_of_suing: f64,
    /// Multiplier of antitrust pressure in c_AT = c_AT0·(1 + k·A_t).
    pub antitrust_pressure_multiplier: f64,
    /// θ_sh: shading rate on the joint co-development value.
    pub shading_rate: f64,
    /// Audience cost of dropping a public threat, $B.
    pub threat_audience_cost: f64,
    /// δ_base: share of the O→M revenue share lost while the dispute is unresolved (OpenAI
    /// presses its reading of the revenue-share base).
    pub base_dispute_share: f64,
}

/// `[openai]`: OpenAI-specific economics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenAiParams {
    /// V_0: post-money valuation, $B.
    pub valuation: f64,
    /// σ of the per-run log-normal valuation multiplier.
    pub valuation_sigma: f64,
    /// u_mc: multi-cloud valuation uplift when the AWS path is open.
    pub multicloud_uplift: f64,
    /// B_IPO: value of listing in the 2026 window rather than later, $B.
    pub ipo_benefit: f64,
    /// Probability of an IPO or AGI milestone before 2029 if the 2026 window is missed.
    pub late_milestone_probability: f64,
    /// Amazon's upfront tranche, $B.
    pub upfront_tranche: f64,
    /// Amazon's conditional tranche, $B.
    pub conditional_tranche: f64,
    /// Direct legal fees per year of a suit, $B.
    pub legal_fees_per_year: f64,
    /// One-off cost of re-architecting so that stateless calls route to Azure, $B.
    pub rearchitecture_cost: f64,
    /// ω_O: value to OpenAI of a non-exclusive licence (it may license its models to other
    /// clouds and partners), $B.
    pub nonexclusive_licence_value: f64,
    /// Relationship cost to OpenAI of filing an antitrust complaint, $B.
    pub complaint_cost: f64,
    /// ν: share of a change in the market value of the revenue share OpenAI owes Microsoft that
    /// passes into OpenAI's equity value (docs/model.md §5.6; 0 switches the mechanism off).
    pub liability_pricing: f64,
    /// ρ_V: annual rate at which investors discount the revenue-share claim (docs/model.md §5.6).
    pub liability_discount_rate: f64,
}

/// `[amazon]`: Amazon-specific economics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmazonParams {
    /// s_A: equity stake in OpenAI now.
    pub stake: f64,
    /// Stake once the conditional tranche is paid.
    pub stake_after_tranche: f64,
    /// Direct legal fees per year as co-defendant, $B.
    pub legal_fees_per_year: f64,
    /// Share of OpenAI's litigation loss Amazon bears as co-defendant / indemnitor.
    pub codefendant_share: f64,
    /// Size of one sweetener (indemnity) step, $B.
    pub sweetener_step: f64,
    /// Largest total sweetener Amazon can commit, $B.
    pub sweetener_max: f64,
}

/// `[litigation]`: legal merit, beliefs, court timing and litigation costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LitigationParams {
    /// Mean of the Beta prior on θ = P(court finds Frontier-on-AWS a breach).
    pub win_probability_mean: f64,
    /// Standard deviation of that prior.
    pub win_probability_sd: f64,
    /// Self-serving bias b_i of each player's signals.
    pub signal_bias: PerPlayer<f64>,
    /// Noise σ_ε of each player's weekly signal.
    pub signal_sd: PerPlayer<f64>,
    /// PI granted with probability θ^k.
    pub injunction_exponent: f64,
    /// PI ruling delay after filing, weeks [min, max] (uniform).
    pub injunction_ruling_weeks: [f64; 2],
    /// Motion-to-dismiss / summary-judgment ruling delay after filing, weeks [min, max].
    pub dismissal_ruling_weeks: [f64; 2],
    /// Delay from filing to trial judgment, weeks.
    pub trial_weeks: f64,
    /// d_L: litigation discount on OpenAI's value, per-run uniform [min, max].
    pub valuation_discount: [f64; 2],
    /// Share of d_L that applies under the "legal cloud" of a defiant launch without a suit.
    pub legal_cloud_share: f64,
    /// π_IPO by dispute state.
    pub ipo_probability: IpoByState,
    /// σ of the log of the delay from filing to judgment (median `trial_weeks`).
    pub trial_weeks_sigma: f64,
    /// β_lev: share of OpenAI's and Amazon's gain from opening AWS that Microsoft could sell a
    /// waiver for (the leverage part of its stake J).
    pub leverage_share: f64,
    /// f_thr: Microsoft threatens publicly when θ_M·J ≥ f_thr·c_P.
    pub threat_threshold: f64,
    /// Probability OpenAI and Amazon assign to a suit after a public threat if talks fail
    /// (they cannot observe Microsoft's costs).
    pub threat_suit_belief: f64,
}

/// π_IPO by dispute state (docs/model.md §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpoByState {
    /// No dispute.
    pub none: f64,
    /// Public threat or contested launch.
    pub threat: f64,
    /// Suit filed.
    pub suit: f64,
    /// Preliminary injunction granted.
    pub injunction: f64,
}

/// One scheduled antitrust event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AntitrustEvent {
    /// Week of the event.
    pub week: f64,
    /// Jump in A_t.
    pub jump: f64,
    /// Probability the event happens.
    pub probability: f64,
    /// What it is.
    #[serde(default)]
    pub label: String,
}

/// `[antitrust]`: antitrust pressure A_t.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AntitrustParams {
    /// A_0.
    pub initial: f64,
    /// Scheduled jumps.
    pub events: Vec<AntitrustEvent>,
    /// Weekly hazard of an FTC complaint.
    pub ftc_hazard_per_week: f64,
    /// Jump in A_t if the FTC files.
    pub ftc_jump: f64,
    /// Poisson rate of background news per week.
    pub news_rate_per_week: f64,
    /// σ of a background news jump.
    pub news_sd: f64,
    /// Jump in A_t when OpenAI files an antitrust complaint.
    pub complaint_jump: f64,
}

/// `[musk]`: Musk v. Altman.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MuskParams {
    /// Verdict week range [min, max] (uniform).
    pub verdict_weeks: [f64; 2],
    /// P(Musk wins ≥ 1 claim).
    pub win_probability: f64,
    /// OpenAI's damages if Musk wins, $B [min, max].
    pub damages_openai: [f64; 2],
    /// Microsoft's damages if Musk wins, $B [min, max].
    pub damages_microsoft: [f64; 2],
    /// P(remedy unwinds the recapitalisation | Musk wins); blocks the IPO.
    pub unwind_probability: f64,
}

/// `[ipo]`: the IPO window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpoParams {
    /// P(window open at t0).
    pub open_initial: f64,
    /// Weekly P(open → closed).
    pub open_to_closed: f64,
    /// Weekly P(closed → open).
    pub closed_to_open: f64,
    /// Week of the confidential S-1 milestone.
    pub s1_week: f64,
    /// Week the listing window opens.
    pub window_week: f64,
}

/// `[agi]`: panel-verified AGI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgiParams {
    /// Poisson hazard per year.
    pub hazard_per_year: f64,
    /// χ: multiplier of the AGI hazard while the dispute is unresolved and the AGI clause is
    /// active (OpenAI may seek an early panel declaration).
    pub contested_hazard_multiplier: f64,
}

/// `[shocks]`: switches for each shock process (off = held at its initial state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShockSwitches {
    /// Private θ signals.
    pub signals: bool,
    /// Court events of a suit (PI, dismissal, judgment).
    pub court: bool,
    /// Antitrust pressure news and jumps.
    pub antitrust: bool,
    /// Musk trial.
    pub musk: bool,
    /// IPO window Markov chain.
    pub ipo: bool,
    /// Demand random walk.
    pub demand: bool,
    /// AGI hazard.
    pub agi: bool,
    /// Exogenous breakdown.
    pub breakdown: bool,
}

/// `[contracts]`: the reference contracts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contracts {
    /// x_SQ, the contested status quo of 27 Feb 2026.
    pub status_quo: Contract,
    /// x_Apr, the amended agreement of 27 Apr 2026.
    pub april_2026: Contract,
}

/// `[agents.<player>]`: a strategy from the catalogue and its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentSpec {
    /// Catalogue name.
    pub strategy: String,
    /// Strategy parameters (checked by the catalogue).
    #[serde(default)]
    pub params: toml::Table,
}

/// The raw scenario file, mirroring the TOML document. Parsed with unknown keys rejected;
/// not yet validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// `[meta]`.
    pub meta: Meta,
    /// `[simulation]`.
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
    /// `[agents]`.
    pub agents: PerPlayer<AgentSpec>,
    /// `[ranges]`: documented low/high values of parameters (dotted paths), for sensitivity.
    #[serde(default)]
    pub ranges: BTreeMap<String, [f64; 2]>,
}

/// Number of modelled contract years (2026..=2032).
pub const YEARS: usize = 7;
/// First modelled year.
pub const FIRST_YEAR: u16 = 2026;
