//! Scenario files: the raw TOML form ([`ScenarioFile`]), `--set` overrides applied to the raw
//! document, and the one validation step that turns it into a [`Scenario`]. This is the only
//! place where input is checked; everything downstream may rely on the invariants.
//!
//! Errors name the file, line and column (where the key is found in the text), the parameter
//! path, the value given and what is allowed, and validation reports every problem at once.

use crate::contract::Contract;
use crate::layers::Document;
use crate::rng::fnv1a64;
use crate::strategy::Catalog;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

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
    /// competition when OpenAI products reach customers through another cloud (R1).
    pub competitive_harm: f64,
    /// ρ₁: reach of the third-party channel when only stateless calls stay on Azure (e = 1).
    pub stateless_only_reach: f64,
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

/// π_IPO by dispute state (DOMAIN §2.3).
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

/// One problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted parameter path (empty for whole-file problems).
    pub path: String,
    /// 1-based line and column in the file, when known.
    pub location: Option<(usize, usize)>,
    /// The value given, as written.
    pub value: String,
    /// What is allowed, or what went wrong.
    pub message: String,
}

/// Everything wrong with a scenario file: where it came from and every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// Name of the file (or `<embedded default>`).
    pub source: String,
    /// The problems, in file order where known.
    pub problems: Vec<Problem>,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{}: {} problem{}",
            self.source,
            n,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {}", self.source)?;
            if let Some((line, col)) = p.location {
                write!(f, ":{line}:{col}")?;
            }
            if !p.path.is_empty() {
                write!(f, ": {}", p.path)?;
            }
            if !p.value.is_empty() {
                write!(f, " = {}", p.value)?;
            }
            write!(f, ": {}", p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

/// A validated scenario: every invariant of the model holds. Immutable.
#[derive(Debug, Clone)]
pub struct Scenario {
    file: ScenarioFile,
    hash: u64,
}

impl Scenario {
    /// Parses TOML text, applies `overrides` (`path=value`), and validates.
    ///
    /// `source` names the file in messages. Every problem found is reported at once. The text
    /// may not name a `base` (use [`crate::layers::Bases::load`] and
    /// [`Scenario::from_document`] for files that inherit).
    pub fn from_toml(
        text: &str,
        source: &str,
        overrides: &[String],
        catalog: &dyn Catalog,
    ) -> Result<Scenario, ScenarioError> {
        let doc = crate::layers::Bases::single(text, source)?;
        Scenario::from_document(&doc, overrides, catalog)
    }

    /// Applies `overrides` (`path=value`) to a (possibly inherited) document and validates it.
    /// Every problem is reported at once: shape problems (unknown keys, wrong types, missing
    /// fields) together with the model's checks on everything the shape problems leave intact,
    /// each at the file and line that wrote it.
    pub fn from_document(
        doc: &Document,
        overrides: &[String],
        catalog: &dyn Catalog,
    ) -> Result<Scenario, ScenarioError> {
        let err = |mut problems: Vec<Problem>| {
            problems.sort_by_key(|p| p.location.unwrap_or((usize::MAX, 0)));
            ScenarioError {
                source: doc.name().to_string(),
                problems,
            }
        };
        let shaped = crate::shape::read_all::<ScenarioFile>(doc.table());
        if !shaped.problems.is_empty() {
            let mut problems = shaped.problems.clone();
            if let Some(Err(more)) = shaped
                .value
                .as_ref()
                .map(|f| Scenario::validate(f.clone(), catalog))
            {
                problems.extend(more.into_iter().filter(|p| !shaped.touches_repair(&p.path)));
            }
            for p in &mut problems {
                doc.place(p);
            }
            return Err(err(problems));
        }
        let mut table = doc.table().clone();
        let mut problems = Vec::new();
        for o in overrides {
            if let Err(p) = apply_override(&mut table, o) {
                problems.push(p);
            }
        }
        if !problems.is_empty() {
            return Err(err(problems));
        }
        let file: ScenarioFile = match ScenarioFile::deserialize(toml::Value::Table(table)) {
            Ok(f) => f,
            Err(e) => {
                // Find the override that broke the file, to name its path and value.
                let mut probe = doc.table().clone();
                let culprit = overrides.iter().find(|o| {
                    apply_override(&mut probe, o).is_ok()
                        && ScenarioFile::deserialize(toml::Value::Table(probe.clone())).is_err()
                });
                let (path, value) = culprit
                    .and_then(|o| o.split_once('='))
                    .map(|(p, v)| (p.trim().to_string(), v.trim().to_string()))
                    .unwrap_or_default();
                return Err(err(vec![Problem {
                    path,
                    location: None,
                    value,
                    message: format!("{} (value from --set)", e.message().trim()),
                }]));
            }
        };
        let overridden: Vec<&str> = overrides
            .iter()
            .filter_map(|o| o.split_once('=').map(|(p, _)| p.trim()))
            .collect();
        Scenario::validate(file, catalog).map_err(|mut problems| {
            for p in &mut problems {
                if overridden
                    .iter()
                    .any(|o| p.path == *o || p.path.starts_with(&format!("{o}.")))
                {
                    p.message.push_str(" (value from --set)");
                } else {
                    doc.place(p);
                }
            }
            err(problems)
        })
    }

    /// Validates a raw file; returns every problem (without locations).
    pub fn validate(file: ScenarioFile, catalog: &dyn Catalog) -> Result<Scenario, Vec<Problem>> {
        let mut c = Checker::default();
        check(&file, &mut c);
        for (path, spec) in [
            ("agents.microsoft", &file.agents.microsoft),
            ("agents.openai", &file.agents.openai),
            ("agents.amazon", &file.agents.amazon),
        ] {
            if let Err(list) = catalog.check(&spec.strategy, &spec.params) {
                for (sub, value, message) in list {
                    let p = if sub.is_empty() {
                        format!("{path}.strategy")
                    } else {
                        format!("{path}.params.{sub}")
                    };
                    c.problem(&p, &value, &message);
                }
            }
        }
        // Serialised once, not once per key: thousands of keys stay linear.
        let resolved_file = toml::Value::try_from(&file).ok();
        for key in file.ranges.keys() {
            let resolved = resolved_file.as_ref().and_then(|v| lookup(v, key).cloned());
            match resolved {
                Some(toml::Value::Float(_)) | Some(toml::Value::Integer(_)) => {}
                _ => c.problem(
                    &format!("ranges.\"{key}\""),
                    key,
                    "not a numeric parameter path of this scenario",
                ),
            }
        }
        if !c.problems.is_empty() {
            return Err(c.problems);
        }
        let hash = model_hash(&file);
        Ok(Scenario { file, hash })
    }

    /// The validated parameters.
    pub fn params(&self) -> &ScenarioFile {
        &self.file
    }

    /// Stable hash of the resolved model parameters (seeds runs; recorded in the manifest).
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// The fully resolved scenario as TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string(&self.file).expect("scenario serialises to TOML")
    }
}

/// Hash of the model parameters of a scenario: everything but `[meta]` and the Monte Carlo
/// defaults (`simulation.runs`, `simulation.seed`), so renaming a scenario or changing the
/// number of runs never changes what run `r` draws.
pub fn model_hash(file: &ScenarioFile) -> u64 {
    let mut f = file.clone();
    f.meta = Meta {
        name: String::new(),
        description: String::new(),
    };
    f.simulation.runs = 0;
    f.simulation.seed = 0;
    let canonical = serde_json::to_string(&f).expect("scenario serialises");
    fnv1a64(canonical.as_bytes())
}

/// Looks up a dotted path in a TOML value.
pub fn lookup<'a>(v: &'a toml::Value, path: &str) -> Option<&'a toml::Value> {
    let mut cur = v;
    for part in path.split('.') {
        cur = match cur {
            toml::Value::Table(t) => t.get(part)?,
            toml::Value::Array(a) => a.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Applies one `path=value` override to a raw document. The path must name an existing
/// parameter (free-form `params` tables of agents may gain new keys); the value is parsed as
/// TOML, or taken as a string when it does not parse.
pub fn apply_override(doc: &mut toml::Table, spec: &str) -> Result<(), Problem> {
    let problem = |path: &str, value: &str, message: String| Problem {
        path: path.to_string(),
        location: None,
        value: value.to_string(),
        message,
    };
    let Some((path, raw)) = spec.split_once('=') else {
        return Err(problem(
            "",
            spec,
            "--set expects path=value, e.g. litigation.win_probability_mean=0.4".into(),
        ));
    };
    let (path, raw) = (path.trim(), raw.trim());
    let value = parse_value(raw);
    let parts: Vec<&str> = path.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(problem(
            path,
            raw,
            "--set: empty segment in parameter path".into(),
        ));
    }
    let mut table = &mut *doc;
    let mut free_form = false;
    let mut i = 0;
    while i + 1 < parts.len() {
        let part = parts[i];
        free_form |= part == "params" || part == "ranges";
        let here = parts[..=i].join(".");
        let next = table.entry(part.to_string());
        let mut slot = match next {
            toml::map::Entry::Occupied(o) => o.into_mut(),
            toml::map::Entry::Vacant(v) if free_form || part == "params" => {
                v.insert(toml::Value::Table(toml::Table::new()))
            }
            toml::map::Entry::Vacant(_) => {
                return Err(problem(
                    path,
                    raw,
                    format!("--set: unknown parameter path (no table `{here}`)"),
                ))
            }
        };
        // Arrays of tables (e.g. `[[antitrust.events]]`): the next segment is an index.
        if let toml::Value::Array(items) = slot {
            let len = items.len();
            let index = parts[i + 1..parts.len() - 1]
                .first()
                .and_then(|s| s.parse::<usize>().ok());
            let Some(index) = index else {
                return Err(problem(
                    path,
                    raw,
                    format!(
                        "--set: `{here}` is a list; address an entry as `{here}.<index>.<key>`"
                    ),
                ));
            };
            slot = items.get_mut(index).ok_or_else(|| {
                problem(
                    path,
                    raw,
                    format!("--set: `{here}` has {len} entries; the index must be below {len}"),
                )
            })?;
            i += 1;
        }
        table = match slot {
            toml::Value::Table(t) => t,
            _ => {
                return Err(problem(
                    path,
                    raw,
                    format!("--set: `{here}` is a value, not a table"),
                ))
            }
        };
        i += 1;
    }
    let leaf = parts[parts.len() - 1];
    let free_form = free_form || parts.len() >= 2 && parts[parts.len() - 2] == "params";
    match table.get(leaf) {
        None if !free_form => {
            let mut known: Vec<&str> = table.keys().map(|k| k.as_str()).collect();
            known.sort_unstable();
            Err(problem(
                path,
                raw,
                format!(
                    "--set: unknown parameter path; keys here are: {}",
                    known.join(", ")
                ),
            ))
        }
        None => {
            table.insert(leaf.to_string(), value);
            Ok(())
        }
        Some(old) => {
            let value = match (old, value) {
                (toml::Value::Float(_), toml::Value::Integer(i)) => toml::Value::Float(i as f64),
                (_, v) => v,
            };
            // Fields that take a year or a keyword (e.g. `revenue_share_end`) switch between
            // integer and string; serde checks the value itself.
            let union = matches!(
                (old, &value),
                (toml::Value::String(_), toml::Value::Integer(_))
                    | (toml::Value::Integer(_), toml::Value::String(_))
            );
            if !union && std::mem::discriminant(old) != std::mem::discriminant(&value) {
                return Err(problem(
                    path,
                    raw,
                    format!(
                        "--set: expected a {} (the type in the file), found a {}",
                        old.type_str(),
                        value.type_str()
                    ),
                ));
            }
            table.insert(leaf.to_string(), value);
            Ok(())
        }
    }
}

fn parse_value(raw: &str) -> toml::Value {
    match toml::from_str::<toml::Table>(&format!("v = {raw}")) {
        Ok(mut t) => t
            .remove("v")
            .unwrap_or(toml::Value::String(raw.to_string())),
        Err(_) => toml::Value::String(raw.to_string()),
    }
}

/// The dotted path of the key defined on 1-based `line` (table header + key), if any.
pub fn path_at(text: &str, line: usize) -> Option<String> {
    let mut header = String::new();
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start();
        if t.starts_with('[') {
            header = t
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            if i + 1 == line {
                return Some(header);
            }
            continue;
        }
        if i + 1 == line {
            let key = t.split_once('=')?.0.trim().trim_matches('"');
            return Some(if header.is_empty() {
                key.to_string()
            } else {
                format!("{header}.{key}")
            });
        }
    }
    None
}

/// Finds the 1-based line and column of a dotted parameter path in the file text, by following
/// table headers and keys (inline tables and arrays resolve to their line).
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let clean: String = path.replace('"', "");
    let target: Vec<&str> = clean.split('.').collect();
    let mut header: Vec<String> = Vec::new();
    let mut best: Option<(usize, (usize, usize))> = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if t.starts_with('[') {
            let inner = t.trim_start_matches('[').split(']').next().unwrap_or("");
            header = inner.split('.').map(|s| s.trim().to_string()).collect();
            let depth = common_prefix(&header, &target);
            if depth == header.len() && best.map(|(d, _)| depth > d).unwrap_or(depth > 0) {
                best = Some((depth, (i + 1, indent + 1)));
            }
            continue;
        }
        let Some((key, rest)) = t.split_once('=') else {
            continue;
        };
        let mut full = header.clone();
        full.extend(key.trim().split('.').map(|s| s.trim().to_string()));
        let depth = common_prefix(&full, &target);
        if depth == full.len() && depth > best.map(|(d, _)| d).unwrap_or(0) {
            let mut col = indent + 1;
            if depth < target.len() {
                // The remaining segment may be a key of an inline table on this line.
                let sub = target[depth];
                if let Some(pos) = rest.find(sub) {
                    col = line.len() - rest.len() + pos + 1;
                    best = Some((depth + 1, (i + 1, col)));
                    continue;
                }
            }
            best = Some((depth, (i + 1, col)));
        }
    }
    best.map(|(_, loc)| loc)
}

fn common_prefix(a: &[String], b: &[&str]) -> usize {
    a.iter()
        .zip(b)
        .take_while(|(x, y)| x.as_str() == **y)
        .count()
}

/// Collects problems during validation.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn problem(&mut self, path: &str, value: &str, message: &str) {
        self.problems.push(Problem {
            path: path.to_string(),
            location: None,
            value: value.to_string(),
            message: message.to_string(),
        });
    }
    fn finite(&mut self, path: &str, v: f64) -> bool {
        if v.is_finite() {
            true
        } else {
            self.problem(path, &v.to_string(), "must be a finite number");
            false
        }
    }
    fn prob(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && !(0.0..=1.0).contains(&v) {
            self.problem(path, &v.to_string(), "a probability must lie in [0, 1]");
        }
    }
    fn positive(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && v <= 0.0 {
            self.problem(path, &v.to_string(), "must be > 0");
        }
    }
    fn range(&mut self, path: &str, v: f64, lo: f64, hi: f64) {
        if self.finite(path, v) && !(lo..=hi).contains(&v) {
            self.problem(
                path,
                &v.to_string(),
                &format!("allowed range is [{lo}, {hi}]"),
            );
        }
    }
    fn interval(&mut self, path: &str, v: [f64; 2], lo: f64, hi: f64) {
        for (i, x) in v.iter().enumerate() {
            self.range(&format!("{path}.{i}"), *x, lo, hi);
        }
        if v[0] > v[1] {
            self.problem(
                path,
                &format!("[{}, {}]", v[0], v[1]),
                "interval must be [min, max] with min ≤ max",
            );
        }
    }
    fn per_year(&mut self, path: &str, v: &[f64], lo: f64, hi: f64) {
        if v.len() != YEARS {
            self.problem(
                path,
                &format!("{} values", v.len()),
                &format!("needs exactly {YEARS} values, one per year 2026..=2032"),
            );
        }
        for (i, x) in v.iter().enumerate() {
            self.range(&format!("{path}.{i}"), *x, lo, hi);
        }
    }
}

fn check_contract(c: &mut Checker, path: &str, k: &Contract) {
    for issue in k.off_grid_issues() {
        let allowed = match issue {
            crate::contract::Issue::AzureFirst => "one of 0, 30, 90, 180 (days)",
            crate::contract::Issue::LicenceEnd => "one of 2030, 2032, 2035",
            crate::contract::Issue::RevenueShare => "one of 0, 0.08, 0.10, 0.15, 0.20",
            crate::contract::Issue::Cap => "one of 20, 30, 38, 50, 60 ($B) or absent (uncapped)",
            crate::contract::Issue::ShareEnd => "one of 2028, 2030, 2032, \"until_agi\"",
            crate::contract::Issue::MicrosoftShare => "one of 0, 0.20",
            _ => "a value of the issue's domain (DOMAIN §2.2)",
        };
        c.problem(
            &format!("{path}.{}", issue.key()),
            "",
            &format!("off the discretised domain: allowed {allowed}"),
        );
    }
    c.positive(&format!("{path}.azure_commitment"), k.azure_commitment);
    c.range(
        &format!("{path}.azure_commitment"),
        k.azure_commitment,
        0.0,
        1e4,
    );
    c.positive(&format!("{path}.aws_commitment"), k.aws_commitment);
    c.range(
        &format!("{path}.aws_commitment"),
        k.aws_commitment,
        0.0,
        1e4,
    );
    c.range(&format!("{path}.side_payment"), k.side_payment, -1e4, 1e4);
}

fn check(f: &ScenarioFile, c: &mut Checker) {
    let s = &f.simulation;
    if s.runs == 0 {
        c.problem("simulation.runs", "0", "must be ≥ 1");
    }
    if s.horizon_weeks == 0 || s.horizon_weeks > 520 {
        c.problem(
            "simulation.horizon_weeks",
            &s.horizon_weeks.to_string(),
            "must be in 1..=520 weeks",
        );
    }
    let p = &f.protocol;
    let rec = p.recognition.to_array();
    for (name, v) in ["microsoft", "openai", "amazon"].iter().zip(rec) {
        c.prob(&format!("protocol.recognition.{name}"), v);
    }
    let sum: f64 = rec.iter().sum();
    if (sum - 1.0).abs() > 1e-9 {
        c.problem(
            "protocol.recognition",
            &format!("{:?} (sum {sum})", rec),
            "recognition probabilities must sum to 1",
        );
    }
    c.prob(
        "protocol.breakdown_hazard_per_week",
        p.breakdown_hazard_per_week,
    );
    c.positive(
        "protocol.acceptance_slope_per_billion",
        p.acceptance_slope_per_billion,
    );
    c.range(
        "protocol.acceptance_slope_per_billion",
        p.acceptance_slope_per_billion,
        0.0,
        1e3,
    );
    for (name, v) in ["microsoft", "openai", "amazon"]
        .iter()
        .zip(f.discount.to_array())
    {
        c.range(&format!("discount.{name}"), v, 0.001, 2.0);
    }
    let r = &f.revenue;
    c.per_year("revenue.path_billion", &r.path_billion, 0.0, 1e5);
    c.range("revenue.multiplier_sigma", r.multiplier_sigma, 0.0, 2.0);
    c.range(
        "revenue.demand_volatility_weekly",
        r.demand_volatility_weekly,
        0.0,
        0.5,
    );
    c.per_year("revenue.third_party_share", &r.third_party_share, 0.0, 1.0);
    c.prob("revenue.incremental_share", r.incremental_share);
    c.prob("revenue.compute_cost_share", r.compute_cost_share);
    c.prob("revenue.azure_first_loss", r.azure_first_loss);
    let cl = &f.cloud;
    c.prob("cloud.azure_margin", cl.azure_margin);
    c.prob("cloud.aws_margin", cl.aws_margin);
    if cl.azure_commitment_years == 0 {
        c.problem("cloud.azure_commitment_years", "0", "must be ≥ 1");
    }
    if cl.aws_commitment_years == 0 {
        c.problem("cloud.aws_commitment_years", "0", "must be ≥ 1");
    }
    c.range(
        "cloud.bedrock_value_share",
        cl.bedrock_value_share,
        0.0,
        1.0,
    );
    c.prob("cloud.non_exclusive_aws_share", cl.non_exclusive_aws_share);
    c.prob("cloud.competitive_harm", cl.competitive_harm);
    c.range(
        "cloud.stateless_only_reach",
        cl.stateless_only_reach,
        0.01,
        1.0,
    );
    let m = &f.microsoft;
    c.prob("microsoft.stake", m.stake);
    c.range(
        "microsoft.openai_model_revenue_2026",
        m.openai_model_revenue_2026,
        0.0,
        1e4,
    );
    c.range(
        "microsoft.openai_model_revenue_growth",
        m.openai_model_revenue_growth,
        -0.5,
        2.0,
    );
    c.range(
        "microsoft.licence_exclusivity_premium",
        m.licence_exclusivity_premium,
        0.0,
        1e4,
    );
    c.range(
        "microsoft.licence_value_per_year",
        m.licence_value_per_year,
        0.0,
        1e3,
    );
    c.range(
        "microsoft.legal_fees_per_year",
        m.legal_fees_per_year,
        0.0,
        100.0,
    );
    c.range(
        "microsoft.antitrust_cost_of_suing",
        m.antitrust_cost_of_suing,
        0.0,
        1e3,
    );
    c.range(
        "microsoft.antitrust_pressure_multiplier",
        m.antitrust_pressure_multiplier,
        0.0,
        100.0,
    );
    c.prob("microsoft.shading_rate", m.shading_rate);
    c.range(
        "microsoft.threat_audience_cost",
        m.threat_audience_cost,
        0.0,
        100.0,
    );
    c.range(
        "microsoft.base_dispute_share",
        m.base_dispute_share,
        0.0,
        1.0,
    );
    let o = &f.openai;
    c.positive("openai.valuation", o.valuation);
    c.range("openai.valuation", o.valuation, 0.0, 1e5);
    c.range("openai.valuation_sigma", o.valuation_sigma, 0.0, 2.0);
    c.range("openai.multicloud_uplift", o.multicloud_uplift, 0.0, 1.0);
    c.range("openai.ipo_benefit", o.ipo_benefit, 0.0, 1e4);
    c.prob(
        "openai.late_milestone_probability",
        o.late_milestone_probability,
    );
    c.range("openai.upfront_tranche", o.upfront_tranche, 0.0, 1e4);
    c.range(
        "openai.conditional_tranche",
        o.conditional_tranche,
        0.0,
        1e4,
    );
    c.range(
        "openai.legal_fees_per_year",
        o.legal_fees_per_year,
        0.0,
        100.0,
    );
    c.range(
        "openai.rearchitecture_cost",
        o.rearchitecture_cost,
        0.0,
        1e3,
    );
    c.range(
        "openai.nonexclusive_licence_value",
        o.nonexclusive_licence_value,
        0.0,
        1e3,
    );
    c.range("openai.complaint_cost", o.complaint_cost, 0.0, 1e3);
    let a = &f.amazon;
    c.prob("amazon.stake", a.stake);
    c.prob("amazon.stake_after_tranche", a.stake_after_tranche);
    c.range(
        "amazon.legal_fees_per_year",
        a.legal_fees_per_year,
        0.0,
        100.0,
    );
    c.prob("amazon.codefendant_share", a.codefendant_share);
    c.range("amazon.sweetener_step", a.sweetener_step, 0.0, 1e3);
    c.range("amazon.sweetener_max", a.sweetener_max, 0.0, 1e3);
    let l = &f.litigation;
    c.range(
        "litigation.win_probability_mean",
        l.win_probability_mean,
        0.01,
        0.99,
    );
    c.positive("litigation.win_probability_sd", l.win_probability_sd);
    c.range(
        "litigation.win_probability_sd",
        l.win_probability_sd,
        0.0,
        0.5,
    );
    if l.win_probability_sd.is_finite()
        && l.win_probability_mean.is_finite()
        && l.win_probability_sd * l.win_probability_sd
            >= l.win_probability_mean * (1.0 - l.win_probability_mean)
    {
        c.problem(
            "litigation.win_probability_sd",
            &l.win_probability_sd.to_string(),
            "a Beta prior needs sd² < mean·(1 − mean)",
        );
    }
    for (name, v) in ["microsoft", "openai", "amazon"]
        .iter()
        .zip(l.signal_bias.to_array())
    {
        c.range(&format!("litigation.signal_bias.{name}"), v, -0.5, 0.5);
    }
    for (name, v) in ["microsoft", "openai", "amazon"]
        .iter()
        .zip(l.signal_sd.to_array())
    {
        c.positive(&format!("litigation.signal_sd.{name}"), v);
        c.range(&format!("litigation.signal_sd.{name}"), v, 0.0, 5.0);
    }
    c.range(
        "litigation.injunction_exponent",
        l.injunction_exponent,
        0.1,
        10.0,
    );
    c.interval(
        "litigation.injunction_ruling_weeks",
        l.injunction_ruling_weeks,
        0.0,
        520.0,
    );
    c.interval(
        "litigation.dismissal_ruling_weeks",
        l.dismissal_ruling_weeks,
        0.0,
        520.0,
    );
    c.range("litigation.trial_weeks", l.trial_weeks, 1.0, 1040.0);
    c.interval(
        "litigation.valuation_discount",
        l.valuation_discount,
        0.0,
        1.0,
    );
    c.prob("litigation.legal_cloud_share", l.legal_cloud_share);
    c.range(
        "litigation.trial_weeks_sigma",
        l.trial_weeks_sigma,
        0.0,
        2.0,
    );
    c.range("litigation.leverage_share", l.leverage_share, 0.0, 1.0);
    c.range("litigation.threat_threshold", l.threat_threshold, 0.0, 1.0);
    c.prob("litigation.threat_suit_belief", l.threat_suit_belief);
    let ipo = l.ipo_probability;
    for (name, v) in [
        ("none", ipo.none),
        ("threat", ipo.threat),
        ("suit", ipo.suit),
        ("injunction", ipo.injunction),
    ] {
        c.prob(&format!("litigation.ipo_probability.{name}"), v);
    }
    let at = &f.antitrust;
    c.prob("antitrust.initial", at.initial);
    if at.events.len() > crate::shocks::MAX_EVENTS {
        c.problem(
            "antitrust.events",
            &format!("{} events", at.events.len()),
            &format!("at most {} scheduled events", crate::shocks::MAX_EVENTS),
        );
    }
    for (i, e) in at.events.iter().enumerate() {
        c.range(&format!("antitrust.events.{i}.week"), e.week, 0.0, 1040.0);
        c.range(&format!("antitrust.events.{i}.jump"), e.jump, -1.0, 1.0);
        c.prob(&format!("antitrust.events.{i}.probability"), e.probability);
    }
    c.prob("antitrust.ftc_hazard_per_week", at.ftc_hazard_per_week);
    c.range("antitrust.ftc_jump", at.ftc_jump, -1.0, 1.0);
    c.range(
        "antitrust.news_rate_per_week",
        at.news_rate_per_week,
        0.0,
        10.0,
    );
    c.range("antitrust.news_sd", at.news_sd, 0.0, 1.0);
    c.range("antitrust.complaint_jump", at.complaint_jump, -1.0, 1.0);
    let mu = &f.musk;
    c.interval("musk.verdict_weeks", mu.verdict_weeks, 0.0, 520.0);
    c.prob("musk.win_probability", mu.win_probability);
    c.interval("musk.damages_openai", mu.damages_openai, 0.0, 1e4);
    c.interval("musk.damages_microsoft", mu.damages_microsoft, 0.0, 1e4);
    c.prob("musk.unwind_probability", mu.unwind_probability);
    let i = &f.ipo;
    c.prob("ipo.open_initial", i.open_initial);
    c.prob("ipo.open_to_closed", i.open_to_closed);
    c.prob("ipo.closed_to_open", i.closed_to_open);
    c.range("ipo.s1_week", i.s1_week, 0.0, 1040.0);
    c.range("ipo.window_week", i.window_week, 0.0, 1040.0);
    c.range("agi.hazard_per_year", f.agi.hazard_per_year, 0.0, 1.0);
    c.range(
        "agi.contested_hazard_multiplier",
        f.agi.contested_hazard_multiplier,
        1.0,
        10.0,
    );
    check_contract(c, "contracts.status_quo", &f.contracts.status_quo);
    check_contract(c, "contracts.april_2026", &f.contracts.april_2026);
    for (key, [lo, hi]) in &f.ranges {
        if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
            c.problem(
                &format!("ranges.\"{key}\""),
                &format!("[{lo}, {hi}]"),
                "a range must be [low, high] with low ≤ high",
            );
        }
    }
}
