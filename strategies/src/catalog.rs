//! The strategy catalogue: catalogue names → parameter parsing (checked once per scenario) →
//! factories, with a classifier per entry (Axelrod-style), so scenario files can name agents.

use crate::litigation_policy::LitigationPolicy;
use crate::negotiator::{NegotiatorFactory, NegotiatorParams};
use crate::payoff_driven::{PayoffDrivenFactory, PayoffDrivenParams};
use crate::tactic::{Curve, Tactic};
use sim::contract::{Contract, Issue};
use sim::player::{Coalition, Player};
use sim::strategy::{Catalog, SpecProblems, StrategyFactory};
use std::sync::Arc;

/// What kind of strategy an entry is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Classifier {
    /// Default Faratin β (`None`: per-player defaults of DOMAIN §3.2).
    pub beta: Option<f64>,
    /// Uses unilateral moves (launch, sweeten, complaints…).
    pub unilateral: bool,
    /// Default litigation policy.
    pub litigation: LitigationPolicy,
    /// Uses randomness (logit choice).
    pub stochastic: bool,
}

/// One catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// Catalogue name used in scenario files.
    pub name: &'static str,
    /// One-line description.
    pub description: &'static str,
    /// Classifier.
    pub classifier: Classifier,
}

/// Every strategy in the catalogue.
pub const ENTRIES: [Entry; 6] = [
    Entry {
        name: "payoff-driven",
        description: "Bargains on its payoff function (R7): aspiration concession, Nash-product offers on the coalition's Pareto frontier, accepts iff U ≥ max(d, a(t+1)); logit macro-actions; credible-threat litigation",
        classifier: Classifier { beta: None, unilateral: true, litigation: LitigationPolicy::Credible, stochastic: true },
    },
    Entry {
        name: "faratin-logit",
        description: "Faratin tactics with per-player issue weights and β (DOMAIN §2.6), logit macro-actions, credible-threat litigation",
        classifier: Classifier { beta: None, unilateral: true, litigation: LitigationPolicy::Credible, stochastic: true },
    },
    Entry {
        name: "boulware",
        description: "Faratin Boulware (β = 0.2 on every issue), logit macro-actions, credible-threat litigation",
        classifier: Classifier { beta: Some(0.2), unilateral: true, litigation: LitigationPolicy::Credible, stochastic: true },
    },
    Entry {
        name: "conceder",
        description: "Faratin Conceder (β = 5 on every issue), logit macro-actions, credible-threat litigation",
        classifier: Classifier { beta: Some(5.0), unilateral: true, litigation: LitigationPolicy::Credible, stochastic: true },
    },
    Entry {
        name: "linear",
        description: "Faratin linear concession (β = 1), logit macro-actions, credible-threat litigation",
        classifier: Classifier { beta: Some(1.0), unilateral: true, litigation: LitigationPolicy::Credible, stochastic: true },
    },
    Entry {
        name: "negotiate-only",
        description: "Faratin tactics with per-player defaults; offers or waits, never a unilateral or litigation move",
        classifier: Classifier { beta: None, unilateral: false, litigation: LitigationPolicy::Never, stochastic: true },
    },
];

/// The pactsim strategy catalogue.
#[derive(Debug, Clone, Copy, Default)]
pub struct StrategyCatalog;

/// The catalogue.
pub fn catalog() -> &'static StrategyCatalog {
    static C: StrategyCatalog = StrategyCatalog;
    &C
}

const PARAM_KEYS: [&str; 11] = [
    "tactic",
    "kappa",
    "beta",
    "beta_issues",
    "deadline_weeks",
    "weights",
    "lambda",
    "litigation",
    "threat_patience_weeks",
    "coalitions",
    "unilateral",
];

fn default_weights(player: Player) -> Vec<(Issue, f64)> {
    use Issue::*;
    match player {
        Player::Microsoft => vec![
            (RevenueShare, 0.25),
            (Cap, 0.20),
            (LicenceExclusive, 0.15),
            (AzureFirst, 0.15),
            (Exclusivity, 0.15),
            (LicenceEnd, 0.10),
        ],
        Player::OpenAi => vec![
            (Exclusivity, 0.30),
            (Cap, 0.25),
            (AgiClause, 0.15),
            (MicrosoftShare, 0.10),
            (AzureFirst, 0.10),
            (LicenceExclusive, 0.10),
        ],
        Player::Amazon => vec![(Hosting, 0.50), (Tranche, 0.30), (Exclusivity, 0.20)],
    }
}

struct Parser<'a> {
    params: &'a toml::Table,
    problems: SpecProblems,
}

impl<'a> Parser<'a> {
    /// A parser of `params` that has already reported every key not in `allowed`.
    fn new(params: &'a toml::Table, allowed: &[&str]) -> Parser<'a> {
        let mut p = Parser {
            params,
            problems: Vec::new(),
        };
        p.unknown_keys(allowed);
        p
    }

    /// Reports every parameter not in `allowed`.
    fn unknown_keys(&mut self, allowed: &[&str]) {
        for (key, value) in self.params {
            if !allowed.contains(&key.as_str()) {
                self.problems.push((
                    key.clone(),
                    value.to_string(),
                    format!("unknown parameter; allowed: {}", allowed.join(", ")),
                ));
            }
        }
    }
    fn coalitions(
        &mut self,
        player: Player,
        m: &[Coalition],
        o: &[Coalition],
        a: &[Coalition],
    ) -> Vec<Coalition> {
        let default = match player {
            Player::Microsoft => m,
            Player::OpenAi => o,
            Player::Amazon => a,
        };
        let Some(v) = self.params.get("coalitions") else {
            return default.to_vec();
        };
        let Some(items) = v.as_array() else {
            self.bad(
                "coalitions",
                v,
                "expected an array such as [\"MO\", \"MOA\"]",
            );
            return default.to_vec();
        };
        let mut list = Vec::new();
        for item in items {
            let c = match item.as_str() {
                Some("MO") => Some(Coalition::MO),
                Some("OA") => Some(Coalition::OA),
                Some("MOA") => Some(Coalition::MOA),
                _ => None,
            };
            match c {
                Some(c) if c.contains(player) => list.push(c),
                Some(_) => self.bad(
                    "coalitions",
                    item,
                    &format!("{player} is not a member of this coalition"),
                ),
                None => self.bad("coalitions", item, "allowed: \"MO\", \"OA\", \"MOA\""),
            }
        }
        list
    }
    fn flag(&mut self, key: &str, default: bool) -> bool {
        match self.params.get(key) {
            None => default,
            Some(toml::Value::Boolean(b)) => *b,
            Some(v) => {
                self.bad(key, v, "expected true or false");
                default
            }
        }
    }
    fn bad(&mut self, key: &str, value: &toml::Value, msg: &str) {
        self.problems
            .push((key.to_string(), value.to_string(), msg.to_string()));
    }
    fn number(&mut self, key: &str, lo: f64, hi: f64, lo_open: bool) -> Option<f64> {
        let v = self.params.get(key)?;
        let x = match v {
            toml::Value::Float(f) => *f,
            toml::Value::Integer(i) => *i as f64,
            _ => {
                self.bad(key, v, "expected a number");
                return None;
            }
        };
        let ok = x.is_finite() && x <= hi && if lo_open { x > lo } else { x >= lo };
        if !ok {
            let open = if lo_open { "(" } else { "[" };
            self.bad(key, v, &format!("allowed range is {open}{lo}, {hi}]"));
            return None;
        }
        Some(x)
    }
    fn text(&mut self, key: &str, allowed: &[&str]) -> Option<String> {
        let v = self.params.get(key)?;
        match v.as_str() {
            Some(s) if allowed.contains(&s) => Some(s.to_string()),
            _ => {
                self.bad(key, v, &format!("allowed: {}", allowed.join(", ")));
                None
            }
        }
    }
    fn issue_table(&mut self, key: &str, lo: f64, lo_open: bool) -> Option<Vec<(Issue, f64)>> {
        let v = self.params.get(key)?;
        let Some(t) = v.as_table() else {
            self.bad(key, v, "expected a table of issue = number");
            return None;
        };
        let mut out = Vec::new();
        for (k, val) in t {
            let path = format!("{key}.{k}");
            let Some(issue) = Issue::ALL.iter().copied().find(|i| i.key() == k) else {
                let names: Vec<&str> = Issue::ALL.iter().map(|i| i.key()).collect();
                self.bad(
                    &path,
                    val,
                    &format!("unknown issue; issues are: {}", names.join(", ")),
                );
                continue;
            };
            let x = match val {
                toml::Value::Float(f) => *f,
                toml::Value::Integer(i) => *i as f64,
                _ => {
                    self.bad(&path, val, "expected a number");
                    continue;
                }
            };
            if !x.is_finite() || if lo_open { x <= lo } else { x < lo } {
                self.bad(
                    &path,
                    val,
                    &format!("must be {} {lo}", if lo_open { ">" } else { "≥" }),
                );
                continue;
            }
            out.push((issue, x));
        }
        Some(out)
    }
}

fn parse(
    entry: &Entry,
    params: &toml::Table,
    player: Player,
) -> Result<NegotiatorParams, SpecProblems> {
    let mut p = Parser::new(params, &PARAM_KEYS);
    let curve = match p.text("tactic", &["polynomial", "exponential"]).as_deref() {
        Some("exponential") => Curve::Exponential,
        _ => Curve::Polynomial,
    };
    let kappa = p.number("kappa", 0.0, 0.999, false).unwrap_or(0.05);
    let (default_beta, default_deadline) = match player {
        // DOMAIN §3.2 Faratin β: M 0.2; O 2 (cash) / 0.5 (cloud); A 1.
        Player::Microsoft => (0.2, 26.0),
        Player::OpenAi => (2.0, 12.0),
        Player::Amazon => (1.0, 148.0),
    };
    let beta = p
        .number("beta", 0.0, 100.0, true)
        .or(entry.classifier.beta)
        .unwrap_or(default_beta);
    let mut betas = [beta; Issue::ALL.len()];
    if player == Player::OpenAi && entry.classifier.beta.is_none() && !params.contains_key("beta") {
        for i in [
            Issue::Exclusivity,
            Issue::AzureFirst,
            Issue::LicenceExclusive,
            Issue::Hosting,
        ] {
            betas[i.index()] = 0.5;
        }
    }
    if let Some(list) = p.issue_table("beta_issues", 0.0, true) {
        for (i, b) in list {
            betas[i.index()] = b;
        }
    }
    let deadline = p
        .number("deadline_weeks", 0.0, 1040.0, true)
        .unwrap_or(default_deadline);
    let weights_list = p
        .issue_table("weights", 0.0, false)
        .unwrap_or_else(|| default_weights(player));
    let mut weights = [0.0; Issue::ALL.len()];
    for (i, w) in &weights_list {
        weights[i.index()] = *w;
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        p.problems.push((
            "weights".into(),
            format!("{weights_list:?}"),
            "weights must have a positive sum".into(),
        ));
    } else {
        weights.iter_mut().for_each(|w| *w /= total);
    }
    let lambda = p.number("lambda", 0.0, 1e6, false).unwrap_or(1.0);
    let litigation = p
        .text("litigation", &LitigationPolicy::NAMES)
        .and_then(|s| LitigationPolicy::from_name(&s))
        .unwrap_or(entry.classifier.litigation);
    let patience = p
        .number("threat_patience_weeks", 0.0, 520.0, false)
        .map(|x| x as u32)
        .unwrap_or(4);
    let coalitions = p.coalitions(
        player,
        &[Coalition::MO, Coalition::MOA],
        &[Coalition::MO, Coalition::OA, Coalition::MOA],
        &[Coalition::OA, Coalition::MOA],
    );
    let unilateral = p.flag("unilateral", entry.classifier.unilateral);
    if !p.problems.is_empty() {
        return Err(p.problems);
    }
    let tactic = Tactic {
        curve,
        kappa,
        deadline,
        beta: betas,
        weight: weights,
    };
    Ok(NegotiatorParams {
        alpha_table: NegotiatorParams::alpha_table(&tactic),
        tactic,
        lambda,
        litigation,
        threat_patience: patience,
        coalitions,
        unilateral,
    })
}

const PAYOFF_KEYS: [&str; 8] = [
    "kappa",
    "beta",
    "deadline_weeks",
    "lambda",
    "litigation",
    "threat_patience_weeks",
    "coalitions",
    "unilateral",
];

fn parse_payoff_driven(
    entry: &Entry,
    params: &toml::Table,
    player: Player,
) -> Result<PayoffDrivenParams, SpecProblems> {
    let mut p = Parser::new(params, &PAYOFF_KEYS);
    // Defaults: deadlines inversely proportional to patience (T_i ∝ 1/ρ_i around OpenAI's
    // S-1 milestone), so linear concession splits a surplus at the 1/ρ-weighted Nash point.
    let (default_beta, default_deadline) = match player {
        Player::Microsoft => (1.0, 45.0),
        Player::OpenAi => (1.0, 12.0),
        Player::Amazon => (1.0, 40.0),
    };
    let kappa = p.number("kappa", 0.0, 0.999, false).unwrap_or(0.0);
    let beta = p.number("beta", 0.0, 100.0, true).unwrap_or(default_beta);
    let deadline = p
        .number("deadline_weeks", 0.0, 1040.0, true)
        .unwrap_or(default_deadline);
    let lambda = p.number("lambda", 0.0, 1e6, false).unwrap_or(2.0);
    let litigation = p
        .text("litigation", &LitigationPolicy::NAMES)
        .and_then(|s| LitigationPolicy::from_name(&s))
        .unwrap_or(entry.classifier.litigation);
    let patience = p
        .number("threat_patience_weeks", 0.0, 520.0, false)
        .map(|x| x as u32)
        .unwrap_or(4);
    // OpenAI answers Amazon's side-deal offers but proposes to Microsoft only (an O–A side
    // deal never removes Microsoft's claim); set `coalitions` to change that.
    let coalitions = p.coalitions(player, &[Coalition::MO], &[Coalition::MO], &[Coalition::OA]);
    let unilateral = p.flag("unilateral", entry.classifier.unilateral);
    if !p.problems.is_empty() {
        return Err(p.problems);
    }
    Ok(PayoffDrivenParams {
        kappa,
        beta,
        deadline,
        lambda,
        litigation,
        threat_patience: patience,
        coalitions,
        unilateral,
    })
}

fn entry(name: &str) -> Result<&'static Entry, SpecProblems> {
    ENTRIES.iter().find(|e| e.name == name).ok_or_else(|| {
        let names: Vec<&str> = ENTRIES.iter().map(|e| e.name).collect();
        vec![(
            String::new(),
            format!("\"{name}\""),
            format!("unknown strategy; the catalogue has: {}", names.join(", ")),
        )]
    })
}

impl Catalog for StrategyCatalog {
    fn check(&self, name: &str, params: &toml::Table) -> Result<(), SpecProblems> {
        let e = entry(name)?;
        // Parameters are player-independent in shape; check them for one player.
        if e.name == "payoff-driven" {
            return parse_payoff_driven(e, params, Player::OpenAi).map(|_| ());
        }
        parse(e, params, Player::OpenAi).map(|_| ())
    }

    fn build(
        &self,
        name: &str,
        params: &toml::Table,
        player: Player,
        _status_quo: &Contract,
    ) -> Result<Box<dyn StrategyFactory>, SpecProblems> {
        let e = entry(name)?;
        if e.name == "payoff-driven" {
            return Ok(Box::new(PayoffDrivenFactory {
                name: e.name,
                player,
                params: Arc::new(parse_payoff_driven(e, params, player)?),
            }));
        }
        let params = parse(e, params, player)?;
        Ok(Box::new(NegotiatorFactory {
            name: e.name,
            player,
            params,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_builds_for_every_player() {
        let sq = sim_status_quo();
        for e in ENTRIES {
            for p in Player::ALL {
                assert!(catalog().build(e.name, &toml::Table::new(), p, &sq).is_ok());
            }
        }
    }

    #[test]
    fn bad_specs_are_reported_with_paths() {
        let t: toml::Table =
            toml::from_str("kappa = 1.5\nweights = { revenue_share_cap = -1, cap = 1 }\nfoo = 1")
                .unwrap();
        let problems = catalog().check("faratin-logit", &t).unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|p| p.0.as_str()).collect();
        assert!(
            keys.contains(&"weights.cap")
                && keys.contains(&"kappa")
                && keys.contains(&"weights.revenue_share_cap")
                && keys.contains(&"foo"),
            "{keys:?}"
        );
        let unknown = catalog()
            .check("tit-for-tat", &toml::Table::new())
            .unwrap_err();
        assert!(unknown[0].2.contains("faratin-logit"));
    }

    fn sim_status_quo() -> Contract {
        toml::from_str(
            r#"exclusivity = "all_stateless"
azure_first_days = 180
licence_exclusive = true
licence_end_year = 2032
agi_clause = true
revenue_share = 0.2
revenue_share_end = "until_agi"
microsoft_share = 0.2
hosting = "aws_exclusive"
azure_commitment = 250.0
aws_commitment = 138.0
amazon_tranche = "live"
side_payment = 0.0"#,
        )
        .unwrap()
    }
}
