//! The strategy catalogue: catalogue names → parameter parsing (checked once per scenario) →
//! factories, with a classifier per entry (Axelrod-style), so scenario files can name agents.

use crate::deadline::{self, EarlyDeadline};
use crate::litigate_if_below::LitigateIfBelowFactory;
use crate::litigation_policy::LitigationPolicy;
use crate::negotiator::{NegotiatorFactory, NegotiatorParams};
use crate::noisy::{self, NoisyFactory};
use crate::params::Parser;
use crate::payoff_driven::{PayoffDrivenFactory, PayoffDrivenParams};
use crate::tactic::{Curve, Tactic};
use crate::threat_then_settle::ThreatThenSettleFactory;
use crate::tit_for_tat::{self, TitForTatFactory};
use sim::contract::{Contract, Issue};
use sim::player::{Coalition, Player};
use sim::strategy::{Catalog, SpecProblem, SpecProblems, StrategyFactory};
use std::sync::Arc;

/// How an entry concedes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concession {
    /// Follows a clock (Faratin time-dependent tactics, on issues or on payoffs).
    TimeDependent,
    /// Imitates the opponent's concessions (Faratin behaviour-dependent tactics).
    BehaviourDependent,
}

/// What kind of strategy an entry is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Classifier {
    /// Default Faratin β (`None`: per-player defaults of configs/README.md, or no β at all).
    pub beta: Option<f64>,
    /// How it concedes.
    pub concession: Concession,
    /// Uses unilateral moves (launch, sweeten, complaints…).
    pub unilateral: bool,
    /// Default litigation policy of its negotiator.
    pub litigation: LitigationPolicy,
    /// As Microsoft, may make a public threat.
    pub threatens: bool,
    /// As Microsoft, may file suit.
    pub sues: bool,
    /// Uses randomness (logit choice, noise).
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
    /// Parameter names accepted under `params`.
    pub params: &'static [&'static str],
}

const FARATIN: Classifier = Classifier {
    beta: None,
    concession: Concession::TimeDependent,
    unilateral: true,
    litigation: LitigationPolicy::Credible,
    threatens: true,
    sues: true,
    stochastic: true,
};

/// Every strategy in the catalogue. `noisy` stands for the `noisy(NAME, P)` transformer.
pub const ENTRIES: [Entry; 10] = [
    Entry {
        name: "payoff-driven",
        description: "Bargains on its payoff function (docs/model.md §7.1): aspiration concession, Nash-product offers on the coalition's Pareto frontier, accepts iff U ≥ max(d, a(t+1)); logit macro-actions; credible-threat litigation",
        classifier: FARATIN,
        params: &PAYOFF_KEYS,
    },
    Entry {
        name: "faratin-logit",
        description: "Faratin tactics with per-player issue weights and β (configs/README.md), logit macro-actions, credible-threat litigation",
        classifier: FARATIN,
        params: &PARAM_KEYS,
    },
    Entry {
        name: "boulware",
        description: "Faratin Boulware (β = 0.2 on every issue), logit macro-actions, credible-threat litigation",
        classifier: Classifier { beta: Some(0.2), ..FARATIN },
        params: &PARAM_KEYS,
    },
    Entry {
        name: "conceder",
        description: "Faratin Conceder (β = 5 on every issue), logit macro-actions, credible-threat litigation",
        classifier: Classifier { beta: Some(5.0), ..FARATIN },
        params: &PARAM_KEYS,
    },
    Entry {
        name: "linear",
        description: "Faratin linear concession (β = 1), logit macro-actions, credible-threat litigation",
        classifier: Classifier { beta: Some(1.0), ..FARATIN },
        params: &PARAM_KEYS,
    },
    Entry {
        name: "negotiate-only",
        description: "Faratin tactics with per-player defaults; offers or waits, never a unilateral or litigation move",
        classifier: Classifier { unilateral: false, litigation: LitigationPolicy::Never, threatens: false, sues: false, ..FARATIN },
        params: &PARAM_KEYS,
    },
    Entry {
        name: "tit-for-tat",
        description: "Faratin behaviour-dependent tactic on payoffs: concedes the proportion (relative) or $B amount (absolute) the opponent conceded δ offers earlier; Nash-product offers; logit macro-actions; credible-threat litigation",
        classifier: Classifier { concession: Concession::BehaviourDependent, ..FARATIN },
        params: &tit_for_tat::KEYS,
    },
    Entry {
        name: "threat-then-settle",
        description: "Microsoft threatens at its first chance, never sues, and accepts any offer ≥ d that beats the pre-threat offers by settle_margin; otherwise payoff-driven without litigation moves",
        classifier: Classifier { litigation: LitigationPolicy::Never, sues: false, ..FARATIN },
        params: &THREAT_KEYS,
    },
    Entry {
        name: "litigate-if-below",
        description: "Microsoft sues once a suit is legal and the best offer received is worth less than its value of suing (by margin); rejects offers below it; otherwise payoff-driven without litigation moves, never threatens",
        classifier: Classifier { litigation: LitigationPolicy::Never, threatens: false, ..FARATIN },
        params: &BELOW_KEYS,
    },
    Entry {
        name: "noisy",
        description: "noisy(NAME, P): strategy NAME (params go to it) whose proposer move is replaced, with probability P, by a uniformly drawn legal move (own seeded stream)",
        classifier: FARATIN,
        params: &[],
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

/// Parameters of the Faratin families (`faratin-logit`, `boulware`, `conceder`, `linear`,
/// `negotiate-only`).
const PARAM_KEYS: [&str; 13] = [
    "tactic",
    "kappa",
    "beta",
    "beta_issues",
    "deadline_weeks",
    deadline::KEYS[0],
    deadline::KEYS[1],
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
        // Faratin β (configs/README.md, agent parameters): M 0.2; O 2 (cash) / 0.5 (cloud); A 1.
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
    let early_deadline = EarlyDeadline::parse(&mut p);
    let weights_list = p
        .issue_table("weights", 0.0, false)
        .unwrap_or_else(|| default_weights(player));
    let mut weights = [0.0; Issue::ALL.len()];
    for (i, w) in &weights_list {
        weights[i.index()] = *w;
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        p.problems.push(SpecProblem::new(
            "weights",
            format!("{weights_list:?}"),
            "weights must have a positive sum",
        ));
    } else {
        weights.iter_mut().for_each(|w| *w /= total);
    }
    let lambda = p.number("lambda", 0.0, 1e6, false).unwrap_or(1.0);
    let litigation = p.litigation(entry.classifier.litigation);
    let patience = p.threat_patience();
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
    // The early deadline's α table is built once here, as the usual one is, not per run.
    let early_deadline = early_deadline.map(|e| {
        let early = Tactic {
            deadline: e.weeks,
            ..tactic.clone()
        };
        (e, NegotiatorParams::alpha_table(&early))
    });
    Ok(NegotiatorParams {
        alpha_table: NegotiatorParams::alpha_table(&tactic),
        early_deadline,
        tactic,
        lambda,
        litigation,
        threat_patience: patience,
        coalitions,
        unilateral,
    })
}

/// Parameters of `payoff-driven`.
const PAYOFF_KEYS: [&str; 10] = [
    "kappa",
    "beta",
    "deadline_weeks",
    deadline::KEYS[0],
    deadline::KEYS[1],
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
    let early_deadline = EarlyDeadline::parse(&mut p);
    let lambda = p.number("lambda", 0.0, 1e6, false).unwrap_or(2.0);
    let litigation = p.litigation(entry.classifier.litigation);
    let patience = p.threat_patience();
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
        early_deadline,
        lambda,
        litigation,
        threat_patience: patience,
        coalitions,
        unilateral,
    })
}

/// A wrapper's own parameter followed by those of its payoff-driven base.
const fn wrapper_keys(own: &'static str) -> [&'static str; 9] {
    [
        own,
        "kappa",
        "beta",
        "deadline_weeks",
        deadline::KEYS[0],
        deadline::KEYS[1],
        "lambda",
        "coalitions",
        "unilateral",
    ]
}

/// Parameters of `threat-then-settle`.
const THREAT_KEYS: [&str; 9] = wrapper_keys("settle_margin");

/// Parameters of `litigate-if-below`.
const BELOW_KEYS: [&str; 9] = wrapper_keys("margin");

/// The wrappers' own $B parameter `own` (default 0) and the parameters of their payoff-driven
/// base, which never uses litigation moves.
fn wrapper_base(
    e: &Entry,
    params: &toml::Table,
    own: &str,
    player: Player,
) -> Result<(f64, PayoffDrivenParams), SpecProblems> {
    let mut p = Parser::new(params, e.params);
    let x = p.number(own, 0.0, 1e4, false).unwrap_or(0.0);
    if !p.problems.is_empty() {
        return Err(p.problems);
    }
    let mut rest = params.clone();
    rest.remove(own);
    let mut base = parse_payoff_driven(e, &rest, player)?;
    base.litigation = LitigationPolicy::Never;
    Ok((x, base))
}

/// [`wrapper_base`] with the base as a factory.
fn wrapper_parts(
    e: &Entry,
    params: &toml::Table,
    own: &str,
    player: Player,
) -> Result<(f64, Box<dyn StrategyFactory>), SpecProblems> {
    let (x, base) = wrapper_base(e, params, own, player)?;
    let base = PayoffDrivenFactory {
        name: "payoff-driven",
        player,
        params: Arc::new(base),
    };
    Ok((x, Box::new(base)))
}

fn entry(name: &str) -> Result<&'static Entry, SpecProblems> {
    let found = ENTRIES.iter().find(|e| e.name == name && e.name != "noisy");
    found.ok_or_else(|| {
        let names: Vec<&str> = ENTRIES
            .iter()
            .map(|e| {
                if e.name == "noisy" {
                    "noisy(NAME, P)"
                } else {
                    e.name
                }
            })
            .collect();
        vec![SpecProblem::new(
            "",
            format!("\"{name}\""),
            format!("unknown strategy; the catalogue has: {}", names.join(", ")),
        )]
    })
}

/// The factory of strategy `name` (a catalogue name or `noisy(NAME, P)`) for `player`.
fn factory(
    name: &str,
    params: &toml::Table,
    player: Player,
) -> Result<Box<dyn StrategyFactory>, SpecProblems> {
    if let Some((base, p)) = noisy::split_name(name) {
        let p = match p.parse::<f64>() {
            Ok(x) if (0.0..=1.0).contains(&x) => x,
            _ => {
                return Err(vec![SpecProblem::new(
                    "",
                    format!("\"{name}\""),
                    format!("noise probability {p:?}: allowed is a number in [0, 1]"),
                )])
            }
        };
        let base = factory(base, params, player)?;
        return Ok(Box::new(NoisyFactory { base, p }));
    }
    let e = entry(name)?;
    Ok(match e.name {
        "payoff-driven" => Box::new(PayoffDrivenFactory {
            name: e.name,
            player,
            params: Arc::new(parse_payoff_driven(e, params, player)?),
        }),
        "tit-for-tat" => Box::new(TitForTatFactory {
            player,
            params: Arc::new(tit_for_tat::parse(params, player)?),
        }),
        "threat-then-settle" => {
            let (settle_margin, base) = wrapper_parts(e, params, "settle_margin", player)?;
            Box::new(ThreatThenSettleFactory {
                player,
                settle_margin,
                base,
            })
        }
        "litigate-if-below" => {
            let (margin, base) = wrapper_parts(e, params, "margin", player)?;
            Box::new(LitigateIfBelowFactory {
                player,
                margin,
                base,
            })
        }
        _ => Box::new(NegotiatorFactory {
            name: e.name,
            player,
            params: parse(e, params, player)?,
        }),
    })
}

impl Catalog for StrategyCatalog {
    fn check(&self, name: &str, params: &toml::Table) -> Result<(), SpecProblems> {
        // Parameters are player-independent in shape; check them for one player.
        factory(name, params, Player::OpenAi).map(|_| ())
    }

    fn build(
        &self,
        name: &str,
        params: &toml::Table,
        player: Player,
        _status_quo: &Contract,
    ) -> Result<Box<dyn StrategyFactory>, SpecProblems> {
        factory(name, params, player)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn every_entry_builds_for_every_player() {
        let sq = sim_status_quo();
        for e in ENTRIES {
            let name = if e.name == "noisy" {
                "noisy(payoff-driven, 0.1)"
            } else {
                e.name
            };
            for p in Player::ALL {
                assert!(catalog().build(name, &toml::Table::new(), p, &sq).is_ok());
            }
        }
    }

    #[test]
    fn bad_specs_are_reported_with_paths() {
        let t: toml::Table =
            toml::from_str("kappa = 1.5\nweights = { revenue_share_cap = -1, cap = 1 }\nfoo = 1")
                .unwrap();
        let problems = catalog().check("faratin-logit", &t).unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert!(
            keys.contains(&"weights.cap")
                && keys.contains(&"kappa")
                && keys.contains(&"weights.revenue_share_cap")
                && keys.contains(&"foo"),
            "{keys:?}"
        );
        let unknown = catalog()
            .check("tit-for-two-tats", &toml::Table::new())
            .unwrap_err();
        assert!(unknown[0].message.contains("faratin-logit"));
    }

    /// An early deadline needs both keys, a share in [0, 1] and weeks > 0; a run has it with
    /// probability `share`, drawn from its types stream only when one is set.
    #[test]
    fn an_early_deadline_is_drawn_per_run_from_the_types_stream() {
        use rand::{RngExt, SeedableRng};
        use sim::SimRng;
        let e = entry("payoff-driven").unwrap();
        let parse = |text: &str| {
            let t: toml::Table = toml::from_str(text).unwrap();
            parse_payoff_driven(e, &t, Player::Microsoft)
        };
        let keys = |text: &str| -> Vec<String> {
            parse(text)
                .unwrap_err()
                .iter()
                .map(|p| format!("{}: {}", p.path, p.message))
                .collect()
        };
        assert_eq!(
            keys("early_deadline_share = 0.3"),
            ["early_deadline_share: give early_deadline_weeks with it"]
        );
        assert_eq!(
            keys("early_deadline_weeks = 8.4"),
            ["early_deadline_weeks: give early_deadline_share with it"]
        );
        assert!(
            keys("early_deadline_weeks = 8.4\nearly_deadline_share = 1.5")[0]
                .starts_with("early_deadline_share: allowed range is [0, 1]")
        );
        assert!(
            keys("early_deadline_weeks = 0\nearly_deadline_share = 0.5")[0]
                .starts_with("early_deadline_weeks: allowed range is (0, 1040]")
        );
        // Without one, the usual deadline and no draw: the stream is as fresh as before.
        let plain = parse("deadline_weeks = 20").unwrap();
        assert_eq!(plain.early_deadline, None);
        let mut types = SimRng::seed_from_u64(9);
        assert_eq!(plain.run_deadline(&mut types), 20.0);
        assert_eq!(
            types.random::<u64>(),
            SimRng::seed_from_u64(9).random::<u64>()
        );
        // With one: share 0 never, share 1 always, share 0.3 in 30% of runs.
        let with = |share: f64| {
            parse(&format!(
                "deadline_weeks = 20\nearly_deadline_weeks = 8.4\nearly_deadline_share = {share}"
            ))
            .unwrap()
        };
        let mut types = SimRng::seed_from_u64(1);
        assert!((0..1000).all(|_| with(0.0).run_deadline(&mut types) == 20.0));
        assert!((0..1000).all(|_| with(1.0).run_deadline(&mut types) == 8.4));
        let p = with(0.3);
        let n = 20_000;
        let early = (0..n).filter(|_| p.run_deadline(&mut types) == 8.4).count() as f64;
        // Binomial(20,000, 0.3): sd 64.8 runs; 4 sd either side.
        assert!((early - 6_000.0).abs() < 260.0, "{early}");
    }

    /// `agents.<player>.params` problems of `name` with `text`, as "key = value: message".
    fn problems(name: &str, text: &str) -> Vec<String> {
        let t: toml::Table = toml::from_str(text).unwrap();
        catalog()
            .check(name, &t)
            .unwrap_err()
            .iter()
            .map(|p| format!("{} = {}: {}", p.path, p.value, p.message))
            .collect()
    }

    /// Run keys of the first `n` runs of one cell.
    fn runs(n: u64) -> Vec<sim::rng::RunKey> {
        (0..n).map(|r| sim::rng::RunKey::new(42, 7, r)).collect()
    }

    /// Whether `player`'s types stream of `run` draws its early deadline at `share`: the
    /// rule the agents must follow, written out independently of them.
    fn drawn(run: &sim::rng::RunKey, player: Player, share: f64) -> bool {
        use rand::RngExt;
        run.stream(sim::rng::Stream::types_of(player))
            .random::<f64>()
            < share
    }

    /// The Faratin families and the wrappers take the early-deadline pair with the same
    /// checks and messages as payoff-driven: each key alone names the other, and values out
    /// of range give the allowed range.
    #[test]
    fn every_agent_with_a_deadline_checks_the_early_deadline_pair() {
        for name in [
            "faratin-logit",
            "boulware",
            "conceder",
            "linear",
            "negotiate-only",
            "threat-then-settle",
            "litigate-if-below",
            "noisy(linear, 0.1)",
        ] {
            assert_eq!(
                problems(name, "early_deadline_share = 0.3"),
                ["early_deadline_share = 0.3: give early_deadline_weeks with it"],
                "{name}"
            );
            assert_eq!(
                problems(name, "early_deadline_weeks = 8.4"),
                ["early_deadline_weeks = 8.4: give early_deadline_share with it"],
                "{name}"
            );
            assert_eq!(
                problems(
                    name,
                    "early_deadline_weeks = 8.4\nearly_deadline_share = 1.5"
                ),
                ["early_deadline_share = 1.5: allowed range is [0, 1]"],
                "{name}"
            );
            assert_eq!(
                problems(name, "early_deadline_weeks = 0\nearly_deadline_share = 0.5"),
                ["early_deadline_weeks = 0: allowed range is (0, 1040]"],
                "{name}"
            );
            assert_eq!(
                problems(
                    name,
                    "early_deadline_weeks = 1041\nearly_deadline_share = 0.5"
                ),
                ["early_deadline_weeks = 1041: allowed range is (0, 1040]"],
                "{name}"
            );
            let t: toml::Table =
                toml::from_str("early_deadline_weeks = 8.4\nearly_deadline_share = 0.3").unwrap();
            assert!(catalog().check(name, &t).is_ok(), "{name}");
        }
        // tit-for-tat has no deadline, so it has no early one either.
        assert!(problems(
            "tit-for-tat",
            "early_deadline_weeks = 8.4\nearly_deadline_share = 0.3"
        )
        .iter()
        .all(|p| p.contains("unknown parameter")));
    }

    /// A Faratin agent's run has the early deadline, with the α table precomputed for it, in
    /// none of the runs at share 0, in all at share 1 and, at share 0.5, in the runs whose
    /// types stream draws below 0.5: different runs differ, the same run key always gives
    /// the same deadline. Without the pair every run has the usual deadline and table.
    #[test]
    fn a_faratin_agent_draws_its_early_deadline_per_run() {
        let e = entry("boulware").unwrap();
        let parse_with = |text: &str, player: Player| {
            let t: toml::Table = toml::from_str(text).unwrap();
            parse(e, &t, player).unwrap()
        };
        let with = |share: f64, player: Player| {
            parse_with(
                &format!(
                    "deadline_weeks = 20\nearly_deadline_weeks = 8\nearly_deadline_share = {share}"
                ),
                player,
            )
        };
        let m = Player::Microsoft;
        let plain = parse_with("deadline_weeks = 20", m);
        assert!(plain.early_deadline.is_none());
        let runs = runs(400);
        for run in &runs {
            let p = plain.for_run(run, m);
            assert_eq!(p.tactic, plain.tactic);
            assert!(Arc::ptr_eq(&p.alpha_table, &plain.alpha_table));
        }
        // The early table is the tactic's own at 8 weeks: fully conceded by week 8, where
        // the usual one (20 weeks) is not.
        let always = with(1.0, m);
        let (_, early_table) = always.early_deadline.clone().unwrap();
        assert!(early_table[8].iter().all(|a| *a == 1.0));
        assert!(always.alpha_table[8].iter().all(|a| *a < 1.0));
        assert_eq!(*always.alpha_table, *plain.alpha_table);
        let mut early_tactic = plain.tactic.clone();
        early_tactic.deadline = 8.0;
        assert_eq!(*early_table, *NegotiatorParams::alpha_table(&early_tactic));
        let is_early = |p: &NegotiatorParams, params: &NegotiatorParams| {
            let (_, table) = params.early_deadline.as_ref().unwrap();
            match p.tactic.deadline {
                8.0 => {
                    assert!(Arc::ptr_eq(&p.alpha_table, table));
                    true
                }
                20.0 => {
                    assert!(Arc::ptr_eq(&p.alpha_table, &params.alpha_table));
                    false
                }
                d => panic!("deadline {d}"),
            }
        };
        let never = with(0.0, m);
        assert!(runs.iter().all(|r| !is_early(&never.for_run(r, m), &never)));
        assert!(runs
            .iter()
            .all(|r| is_early(&always.for_run(r, m), &always)));
        for player in [Player::Microsoft, Player::Amazon] {
            let half = with(0.5, player);
            let early: Vec<bool> = runs
                .iter()
                .map(|r| is_early(&half.for_run(r, player), &half))
                .collect();
            for (run, got) in runs.iter().zip(&early) {
                assert_eq!(*got, drawn(run, player, 0.5));
                assert_eq!(is_early(&half.for_run(run, player), &half), *got);
            }
            let k = early.iter().filter(|e| **e).count();
            // Binomial(400, 0.5): sd 10 runs; 5 sd either side.
            assert!((150..=250).contains(&k), "{k}");
        }
    }

    /// The wrappers' payoff-driven base has the early deadline in none of the runs at share
    /// 0, in all at share 1 and, at share 0.5, in the runs whose types stream draws below
    /// 0.5; their own parameter is read alongside.
    #[test]
    fn a_wrapper_base_draws_its_early_deadline_per_run() {
        let runs = runs(400);
        let m = Player::Microsoft;
        for (name, own) in [
            ("threat-then-settle", "settle_margin"),
            ("litigate-if-below", "margin"),
        ] {
            let e = entry(name).unwrap();
            let with = |share: f64| {
                let text = format!(
                    "{own} = 0.5\ndeadline_weeks = 20\nearly_deadline_weeks = 8\nearly_deadline_share = {share}"
                );
                let t: toml::Table = toml::from_str(&text).unwrap();
                let (x, base) = wrapper_base(e, &t, own, m).unwrap();
                assert_eq!(x, 0.5);
                assert_eq!(base.litigation, LitigationPolicy::Never);
                base
            };
            let deadline = |base: &PayoffDrivenParams, run: &sim::rng::RunKey| {
                base.run_deadline(&mut run.stream(sim::rng::Stream::types_of(m)))
            };
            let (never, always, half) = (with(0.0), with(1.0), with(0.5));
            assert!(runs.iter().all(|r| deadline(&never, r) == 20.0), "{name}");
            assert!(runs.iter().all(|r| deadline(&always, r) == 8.0), "{name}");
            let mut k = 0;
            for run in &runs {
                let d = deadline(&half, run);
                assert_eq!(d == 8.0, drawn(run, m, 0.5), "{name}");
                assert_eq!(deadline(&half, run), d, "{name}");
                k += usize::from(d == 8.0);
            }
            assert!((150..=250).contains(&k), "{name}: {k}");
        }
    }

    /// The baseline's status-quo contract, for unit tests of this crate.
    pub(crate) fn sim_status_quo() -> Contract {
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
