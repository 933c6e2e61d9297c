//! The model's invariant checks on a raw [`ScenarioFile`]: ranges, probabilities, intervals,
//! per-year lists and the reference contracts, section by section. Every problem is collected
//! (none stops the others), each with its dotted parameter path, the value given and what is
//! allowed.

use crate::contract::{Contract, Issue};
use crate::limits::{MAX_EVENTS, MAX_RANGES};
use crate::overrides::{apply_override, lookup};
use crate::scenario::{Problem, ProblemKind};
use crate::schema::{ScenarioFile, YEARS};
use crate::strategy::Catalog;

/// Collects problems during validation.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn problem(&mut self, path: &str, value: &str, message: &str) {
        self.problems.push(Problem {
            kind: ProblemKind::Other,
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
            self.problem(path, &show(v), "must be a finite number");
            false
        }
    }
    fn prob(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && !(0.0..=1.0).contains(&v) {
            self.problem(path, &show(v), "a probability must lie in [0, 1]");
        }
    }
    fn positive(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && v <= 0.0 {
            self.problem(path, &show(v), "must be > 0");
        }
    }
    /// A value in (0, hi]: positive, at most `hi`; one problem naming the open lower end.
    fn positive_at_most(&mut self, path: &str, v: f64, hi: f64) {
        if self.finite(path, v) && !(v > 0.0 && v <= hi) {
            self.problem(
                path,
                &show(v),
                &format!("allowed range is (0, {}] (greater than 0)", show(hi)),
            );
        }
    }
    fn range(&mut self, path: &str, v: f64, lo: f64, hi: f64) {
        if self.finite(path, v) && !(lo..=hi).contains(&v) {
            self.problem(
                path,
                &show(v),
                &format!("allowed range is [{}, {}]", show(lo), show(hi)),
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
                &format!("[{}, {}]", show(v[0]), show(v[1])),
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
            Issue::AzureFirst => "one of 0, 30, 90, 180 (days)",
            Issue::LicenceEnd => "one of 2030, 2032, 2035",
            Issue::RevenueShare => "one of 0, 0.08, 0.10, 0.15, 0.20",
            Issue::Cap => "one of 20, 30, 38, 50, 60 ($B) or absent (uncapped)",
            Issue::ShareEnd => "one of 2028, 2030, 2032, \"until_agi\"",
            Issue::MicrosoftShare => "one of 0, 0.20",
            _ => "a value of the issue's domain (see docs/model.md §3)",
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

/// A number as a message shows it: plain decimals for ordinary magnitudes, scientific notation
/// for huge or tiny ones (so `1e308` is not printed as 309 digits).
fn show(v: f64) -> String {
    let a = v.abs();
    if v == 0.0 || !v.is_finite() || (1e-6..1e15).contains(&a) {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}

/// Every problem of a raw file, in a fixed order: each section's checks in file order, the
/// agents' strategy specs (checked by `catalog`), then the parameter paths of `[ranges]`.
pub(crate) fn problems(f: &ScenarioFile, catalog: &dyn Catalog) -> Vec<Problem> {
    let mut c = Checker::default();
    sections(f, catalog, &mut c);
    ranges(f, &mut c);
    range_paths(f, &mut c);
    c.problems
}

/// The problems at the ends of `[ranges]` ([`range_ends`]) of a file that is otherwise valid.
/// Not part of [`problems`]: a sweep's cells and an analysis's points all carry the same
/// `[ranges]`, so this is checked once, where a user's scenario is loaded.
pub(crate) fn range_end_problems(f: &ScenarioFile, catalog: &dyn Catalog) -> Vec<Problem> {
    let mut c = Checker::default();
    range_ends(f, catalog, &mut c);
    c.problems
}

/// Every section's checks, `[ranges]` aside.
fn sections(f: &ScenarioFile, catalog: &dyn Catalog, c: &mut Checker) {
    let c = &mut *c;
    simulation(f, c);
    protocol(f, c);
    discount(f, c);
    revenue(f, c);
    cloud(f, c);
    microsoft(f, c);
    openai(f, c);
    amazon(f, c);
    litigation(f, c);
    antitrust(f, c);
    musk(f, c);
    ipo(f, c);
    agi(f, c);
    contracts(f, c);
    agents(f, catalog, c);
}

/// `[meta]` and `[simulation]`: the name, runs and horizon.
fn simulation(f: &ScenarioFile, c: &mut Checker) {
    if let Err(allowed) = crate::names::check_name(&f.meta.name) {
        c.problem("meta.name", &format!("{:?}", f.meta.name), &allowed);
    }
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
}

/// `[protocol]`: recognition probabilities, breakdown hazard, acceptance slope.
fn protocol(f: &ScenarioFile, c: &mut Checker) {
    let p = &f.protocol;
    let rec = p.recognition.to_array();
    for (name, v) in ["microsoft", "openai", "amazon"].iter().zip(rec) {
        c.prob(&format!("protocol.recognition.{name}"), v);
    }
    let sum: f64 = rec.iter().sum();
    if (sum - 1.0).abs() > 1e-9 {
        c.problem(
            "protocol.recognition",
            // The sum to 1e-9, the tolerance of the test (not 0.6000000000000001).
            &format!("{:?} (sum {})", rec, (sum * 1e9).round() / 1e9),
            "recognition probabilities must sum to 1",
        );
    }
    c.prob(
        "protocol.breakdown_hazard_per_week",
        p.breakdown_hazard_per_week,
    );
    c.positive_at_most(
        "protocol.acceptance_slope_per_billion",
        p.acceptance_slope_per_billion,
        1e3,
    );
}

/// `[discount]`: annual discount rates.
fn discount(f: &ScenarioFile, c: &mut Checker) {
    for (name, v) in ["microsoft", "openai", "amazon"]
        .iter()
        .zip(f.discount.to_array())
    {
        c.range(&format!("discount.{name}"), v, 0.001, 2.0);
    }
}

/// `[revenue]`: the revenue path and channel shares.
fn revenue(f: &ScenarioFile, c: &mut Checker) {
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
}

/// `[cloud]`: margins, commitment years, channel shares.
fn cloud(f: &ScenarioFile, c: &mut Checker) {
    let cl = &f.cloud;
    c.prob("cloud.azure_margin", cl.azure_margin);
    c.prob("cloud.aws_margin", cl.aws_margin);
    let most = crate::payoff::COMMIT_YEARS;
    for (path, years) in [
        ("cloud.azure_commitment_years", cl.azure_commitment_years),
        ("cloud.aws_commitment_years", cl.aws_commitment_years),
    ] {
        if years == 0 || years as usize > most {
            c.problem(
                path,
                &years.to_string(),
                &format!(
                    "allowed: an integer from 1 to {most} (a commitment is spread over at most \
                     the {most} years 2026–{})",
                    2025 + most
                ),
            );
        }
    }
    c.range(
        "cloud.bedrock_value_share",
        cl.bedrock_value_share,
        0.0,
        1.0,
    );
    c.prob("cloud.non_exclusive_aws_share", cl.non_exclusive_aws_share);
    c.prob("cloud.competitive_harm", cl.competitive_harm);
    c.prob("cloud.azure_first_primacy", cl.azure_first_primacy);
    c.range(
        "cloud.stateless_only_reach",
        cl.stateless_only_reach,
        0.01,
        1.0,
    );
}

/// `[microsoft]`: Microsoft's economics.
fn microsoft(f: &ScenarioFile, c: &mut Checker) {
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
}

/// `[openai]`: OpenAI's economics.
fn openai(f: &ScenarioFile, c: &mut Checker) {
    let o = &f.openai;
    c.positive_at_most("openai.valuation", o.valuation, 1e5);
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
    c.range("openai.liability_pricing", o.liability_pricing, 0.0, 1.0);
    c.range(
        "openai.liability_discount_rate",
        o.liability_discount_rate,
        0.001,
        2.0,
    );
}

/// `[amazon]`: Amazon's economics.
fn amazon(f: &ScenarioFile, c: &mut Checker) {
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
    // OpenAI's other owners hold 1 − s_M − s_A, which cannot be negative.
    for (path, s_a) in [
        ("amazon.stake", a.stake),
        ("amazon.stake_after_tranche", a.stake_after_tranche),
    ] {
        let s_m = f.microsoft.stake;
        // Only stakes that are themselves valid shares are compared (see `litigation`).
        if (0.0..=1.0).contains(&s_m) && (0.0..=1.0).contains(&s_a) && s_m + s_a > 1.0 {
            c.problem(
                path,
                &show(s_a),
                &format!(
                    "with microsoft.stake = {} the two stakes exceed all of OpenAI ({}); \
                     allowed: at most 1 − microsoft.stake",
                    show(s_m),
                    show(s_m + s_a)
                ),
            );
        }
    }
    c.range("amazon.sweetener_step", a.sweetener_step, 0.0, 1e3);
    c.range("amazon.sweetener_max", a.sweetener_max, 0.0, 1e3);
}

/// `[litigation]`: the merit prior, signals, court calendar and IPO odds.
fn litigation(f: &ScenarioFile, c: &mut Checker) {
    let l = &f.litigation;
    c.range(
        "litigation.win_probability_mean",
        l.win_probability_mean,
        0.01,
        0.99,
    );
    c.positive_at_most("litigation.win_probability_sd", l.win_probability_sd, 0.5);
    // A check across two fields runs only on values that passed their own checks: a mean
    // that is out of range (or a placeholder for one of the wrong type) is reported once, as
    // itself, not again through the sd.
    let (mean, sd) = (l.win_probability_mean, l.win_probability_sd);
    if (0.01..=0.99).contains(&mean) && sd > 0.0 && sd <= 0.5 && sd * sd >= mean * (1.0 - mean) {
        c.problem(
            "litigation.win_probability_sd",
            &show(sd),
            &format!(
                "a Beta prior needs sd² < mean·(1 − mean) = {} (litigation.win_probability_mean \
                 = {}); allowed: sd at most {}",
                show((mean * (1.0 - mean) * 1e9).round() / 1e9),
                show(mean),
                // Four decimals, rounded down so that the value shown is itself allowed.
                show(((mean * (1.0 - mean)).sqrt() * 1e4).floor() / 1e4)
            ),
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
        c.positive_at_most(&format!("litigation.signal_sd.{name}"), v, 5.0);
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
}

/// `[antitrust]`: pressure, scheduled events and hazards.
fn antitrust(f: &ScenarioFile, c: &mut Checker) {
    let at = &f.antitrust;
    c.prob("antitrust.initial", at.initial);
    if at.events.len() > MAX_EVENTS {
        c.problem(
            "antitrust.events",
            &format!("{} events", at.events.len()),
            &format!("at most {} scheduled events", MAX_EVENTS),
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
}

/// `[musk]`: the Musk trial.
fn musk(f: &ScenarioFile, c: &mut Checker) {
    let mu = &f.musk;
    c.interval("musk.verdict_weeks", mu.verdict_weeks, 0.0, 520.0);
    c.prob("musk.win_probability", mu.win_probability);
    c.interval("musk.damages_openai", mu.damages_openai, 0.0, 1e4);
    c.interval("musk.damages_microsoft", mu.damages_microsoft, 0.0, 1e4);
    c.prob("musk.unwind_probability", mu.unwind_probability);
}

/// `[ipo]`: the IPO window.
fn ipo(f: &ScenarioFile, c: &mut Checker) {
    let i = &f.ipo;
    c.prob("ipo.open_initial", i.open_initial);
    c.prob("ipo.open_to_closed", i.open_to_closed);
    c.prob("ipo.closed_to_open", i.closed_to_open);
    c.range("ipo.s1_week", i.s1_week, 0.0, 1040.0);
    c.range("ipo.window_week", i.window_week, 0.0, 1040.0);
}

/// `[agi]`: the AGI hazard.
fn agi(f: &ScenarioFile, c: &mut Checker) {
    c.range("agi.hazard_per_year", f.agi.hazard_per_year, 0.0, 1.0);
    c.range(
        "agi.contested_hazard_multiplier",
        f.agi.contested_hazard_multiplier,
        1.0,
        10.0,
    );
}

/// `[contracts]`: the reference contracts.
fn contracts(f: &ScenarioFile, c: &mut Checker) {
    check_contract(c, "contracts.status_quo", &f.contracts.status_quo);
    check_contract(c, "contracts.april_2026", &f.contracts.april_2026);
}

/// `[ranges]`: each documented range is [low, high].
fn ranges(f: &ScenarioFile, c: &mut Checker) {
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

/// `[agents]`: each strategy and its parameters, as the catalogue checks them.
fn agents(f: &ScenarioFile, catalog: &dyn Catalog, c: &mut Checker) {
    for (path, spec) in [
        ("agents.microsoft", &f.agents.microsoft),
        ("agents.openai", &f.agents.openai),
        ("agents.amazon", &f.agents.amazon),
    ] {
        if let Err(list) = catalog.check(&spec.strategy, &spec.params) {
            for crate::strategy::SpecProblem {
                path: sub,
                value,
                message,
            } in list
            {
                let p = if sub.is_empty() {
                    format!("{path}.strategy")
                } else {
                    format!("{path}.params.{sub}")
                };
                c.problem(&p, &value, &message);
            }
        }
    }
}

/// `[ranges]`: both ends of every range are values the scenario accepts, with every other
/// parameter at its value in the file, so an analysis that varies the parameter can run (a
/// range such as `"openai.valuation" = [0, 100000]` is refused here, not only when `sensitivity`
/// reaches its low end). Checked only for a valid file ([`range_end_problems`]) whose
/// `[ranges]` is within [`MAX_RANGES`] entries.
fn range_ends(f: &ScenarioFile, catalog: &dyn Catalog, c: &mut Checker) {
    if !c.problems.is_empty() || f.ranges.len() > MAX_RANGES {
        return;
    }
    let Ok(base) = toml::Value::try_from(f) else {
        return;
    };
    for (key, [lo, hi]) in &f.ranges {
        let integer = matches!(lookup(&base, key), Some(toml::Value::Integer(_)));
        for (end, v) in [("low", *lo), ("high", *hi)] {
            let value = if integer {
                format!("{}", v.round() as i64)
            } else {
                format!("{v:?}")
            };
            let mut doc = base.clone();
            let Some(table) = doc.as_table_mut() else {
                return;
            };
            if apply_override(table, &format!("{key}={value}")).is_err() {
                continue;
            }
            let Ok(g) = doc.try_into::<ScenarioFile>() else {
                continue;
            };
            let mut inner = Checker::default();
            sections(&g, catalog, &mut inner);
            let found = inner.problems.iter().find(|p| p.path == *key);
            if let Some(p) = found.or(inner.problems.first()) {
                c.problem(
                    &format!("ranges.\"{key}\""),
                    &format!("[{}, {}]", show(*lo), show(*hi)),
                    &format!(
                        "the scenario refuses its {end} end: {} = {}: {}",
                        p.path, p.value, p.message
                    ),
                );
            }
        }
    }
}

/// `[ranges]`: every key names a numeric parameter of the resolved file.
fn range_paths(f: &ScenarioFile, c: &mut Checker) {
    // Serialised once, not once per key: thousands of keys stay linear.
    let resolved_file = toml::Value::try_from(f).ok();
    for key in f.ranges.keys() {
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
}
