//! Why the model decides as it does (`pactsim explain`): each player's payoff, term by term,
//! at the scenario's expected values in four reference states (the undisputed status quo, the
//! contested status quo with a defiant launch, the April 2026 terms, and the AWS path blocked
//! by a court), Microsoft's litigation stake J and cost c_P with the credibility verdict under
//! each player's prior, and the Microsoft–OpenAI candidate frontier the agents bargain over.
//! Pure: builds data; printing is the binary's job.

use crate::contract::Contract;
use crate::frontier::mo_frontier;
use crate::outcome::april_features;
use crate::payoff::{Economics, Regime, Terms};
use crate::player::Player;
use crate::protocol::{court_rules, DisputeState};
use crate::scenario::Scenario;
use crate::shocks::Shocks;
use crate::valuer::{issue_preferences, LitigationTerms, StateValuer};
use serde::Serialize;

/// One reference state, valued term by term.
#[derive(Debug, Clone, Serialize)]
pub struct StateTerms {
    /// Short name of the state.
    pub state: &'static str,
    /// What it means.
    pub description: &'static str,
    /// The contract in force.
    pub contract: Contract,
    /// Effective opening of the third-party channel in this state.
    pub open: f64,
    /// Every term, (player, name, $B).
    pub terms: Vec<TermValue>,
    /// Totals (Microsoft, OpenAI, Amazon), $B.
    pub totals: [f64; 3],
}

/// One payoff term.
#[derive(Debug, Clone, Serialize)]
pub struct TermValue {
    /// Player key (`microsoft`, `openai`, `amazon`).
    pub player: &'static str,
    /// Term name.
    pub term: &'static str,
    /// Value, $B present value.
    pub value: f64,
}

/// Litigation verdict under one player's prior.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// Whose prior (its long-run belief: prior mean + its self-serving bias).
    pub prior_of: &'static str,
    /// θ used.
    pub theta: f64,
    /// J, $B.
    pub stake: f64,
    /// [U_M(blocked) − U_M(open)]⁺, $B.
    pub block_value: f64,
    /// Expected damages, $B.
    pub damages: f64,
    /// Leverage, $B.
    pub leverage: f64,
    /// c_P, $B.
    pub plaintiff_cost: f64,
    /// c_D, $B.
    pub defendant_cost: f64,
    /// θ·J, $B.
    pub expected_stake: f64,
    /// θ·J ≥ f_thr·c_P.
    pub threat: bool,
    /// θ·J ≥ c_P.
    pub credible: bool,
}

/// A candidate offer on the Microsoft–OpenAI frontier.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// Terms.
    pub contract: Contract,
    /// Values (Microsoft, OpenAI, Amazon), $B, at expected values.
    pub values: [f64; 3],
    /// Number of April features (0–6).
    pub april_features: usize,
}

/// Everything `explain` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// Scenario name.
    pub scenario: String,
    /// The four reference states.
    pub states: Vec<StateTerms>,
    /// J, c_P and the verdict under each player's prior.
    pub litigation: Vec<Verdict>,
    /// The candidate frontier.
    pub frontier: Vec<Candidate>,
}

fn named(t: &Terms) -> Vec<TermValue> {
    t.named()
        .iter()
        .map(|(p, name, v)| TermValue {
            player: Player::ALL[*p].key(),
            term: name,
            value: *v,
        })
        .collect()
}

/// Builds the explanation of a validated scenario at its expected values.
pub fn explain(scenario: &Scenario) -> Explanation {
    let s = scenario.params();
    let shocks = Shocks::expected(s);
    let econ = Economics::new(s, shocks.draws);
    let prefs = issue_preferences(s);
    let calm = DisputeState::new(s, court_rules(s));
    let mut launched = calm.clone();
    launched.launched = true;
    fn valuer<'a>(
        s: &'a crate::scenario::ScenarioFile,
        econ: &'a Economics,
        st: &'a DisputeState,
        shocks: &'a Shocks,
        theta: f64,
        prefs: &'a crate::valuer::IssuePreferences,
    ) -> StateValuer<'a> {
        StateValuer::new(s, econ, st, shocks, theta, prefs)
    }
    let theta = shocks.theta;
    let sq = s.contracts.status_quo;
    let april = s.contracts.april_2026;
    let musk = shocks.expected_musk_damages(s);
    let undisputed = Regime {
        musk_damages: musk,
        ..Regime::clear()
    };
    let contested = valuer(s, &econ, &launched, &shocks, theta, &prefs).impasse_regime(&launched);
    let agreement = valuer(s, &econ, &calm, &shocks, theta, &prefs).agreement_regime(&calm, &april);
    let blocked = Regime {
        open: 0.0,
        litigation_discount_share: 0.0,
        ..contested
    };
    let states = [
        ("status quo", "27 Feb 2026 terms, AWS path closed, no dispute", sq, undisputed),
        ("contested", "status-quo terms, Frontier launched on AWS without a waiver, no suit (base dispute and AGI risk in force)", sq, contested),
        ("april terms", "the 27 Apr 2026 amendment agreed", april, agreement),
        ("aws blocked by court", "status-quo terms after Microsoft wins at trial: the AWS path closed, the dispute unresolved", sq, blocked),
    ];
    let states = states
        .into_iter()
        .map(|(state, description, contract, r)| {
            let t = econ.terms(&contract, &r);
            StateTerms {
                state,
                description,
                contract,
                open: r.open,
                terms: named(&t),
                totals: t.totals(),
            }
        })
        .collect();
    let bias = s.litigation.signal_bias.to_array();
    let litigation = Player::ALL
        .iter()
        .map(|p| {
            let th = (s.litigation.win_probability_mean + bias[*p as usize]).clamp(0.01, 0.99);
            let l: LitigationTerms =
                valuer(s, &econ, &launched, &shocks, th, &prefs).litigation_terms();
            Verdict {
                prior_of: p.key(),
                theta: th,
                stake: l.stake,
                block_value: l.block_value,
                damages: l.damages,
                leverage: l.leverage,
                plaintiff_cost: l.plaintiff_cost,
                defendant_cost: l.defendant_cost,
                expected_stake: th * l.stake,
                threat: l.threat,
                credible: l.credible,
            }
        })
        .collect();
    let v = valuer(s, &econ, &calm, &shocks, theta, &prefs);
    let frontier = mo_frontier(s)
        .into_iter()
        .map(|x| Candidate {
            contract: x,
            values: v.agreement_values(&x),
            april_features: april_features(&x),
        })
        .collect();
    Explanation {
        scenario: s.meta.name.clone(),
        states,
        litigation,
        frontier,
    }
}
