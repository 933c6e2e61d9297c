//! Why the model decides as it does (`pactsim explain`): each player's payoff, term by term,
//! at the scenario's expected values in four reference states (the undisputed status quo, the
//! contested status quo with a defiant launch, the April 2026 terms, and the AWS path blocked
//! by a court), Microsoft's litigation stake J and cost c_P with the credibility verdict under
//! each player's prior, the Microsoft–OpenAI candidate frontier the agents bargain over, and
//! where the strict April terms stand, at expected values and in the runs' own draws.
//! Pure: builds data; printing is the binary's job.

use crate::contract::Contract;
use crate::frontier::{frontier_gap, ValuedGrid};
use crate::outcome::{april_features, april_terms};
use crate::params::Params;
use crate::payoff::Economics;
use crate::player::Player;
use crate::regime::Regime;
use crate::rng::RunKey;
use crate::scenario::Scenario;
use crate::shocks::Shocks;
use crate::state::DisputeState;
use crate::terms::Terms;
use crate::valuer::{issue_preferences, LitigationTerms, SharedValues, StateValuer};
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
    /// θ, J and its parts, c_P, c_D and the verdicts.
    #[serde(flatten)]
    pub terms: LitigationTerms,
    /// θ·J, $B.
    pub expected_stake: f64,
}

/// The state in which `explain` computes J, c_P and c_D: a suit needs a defiant launch, so the
/// launch is live (hypothetically, at the start), with no agreement, no threat and no suit yet.
#[derive(Debug, Clone, Serialize)]
pub struct LitigationState {
    /// Week of the computation (the start of the episode).
    pub week: u32,
    /// No Microsoft–OpenAI agreement: the contested status quo (base dispute and AGI risk in force).
    pub contested: bool,
    /// A defiant launch of Frontier on AWS is live.
    pub launch_live: bool,
    /// A public threat has been made.
    pub threat_made: bool,
    /// Antitrust pressure A_t in that week (c_P's blow-back is c_AT0·(1 + 2·A_t)).
    pub antitrust_pressure: f64,
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

/// Why a suit settles rather than going to judgment (divergent expectations: Landes 1971;
/// Gould 1973; Posner 1973): the value to Microsoft and OpenAI of litigating a suit filed now
/// to judgment, each under its own prior, against the best Microsoft–OpenAI settlement on the
/// frontier. A trial needs the pair's optimism to exceed what settling saves: a negative joint
/// surplus.
#[derive(Debug, Clone, Serialize)]
pub struct SettlementZone {
    /// Microsoft's prior θ_M.
    pub theta_microsoft: f64,
    /// OpenAI's prior θ_O.
    pub theta_openai: f64,
    /// Microsoft's value of litigating to judgment under θ_M, $B (filing costs sunk).
    pub litigate_microsoft: f64,
    /// OpenAI's value of litigating to judgment under θ_O, $B.
    pub litigate_openai: f64,
    /// The largest joint value U_M + U_O of a settlement on the frontier, $B.
    pub best_settlement_joint: f64,
    /// Frontier contracts both prefer to litigating (the settlement zone).
    pub settlements_both_prefer: usize,
    /// best_settlement_joint − (litigate_microsoft + litigate_openai), $B: positive means
    /// a settlement leaves both better off than the trial they each expect.
    pub joint_surplus: f64,
    /// The same surplus at the most divergent beliefs possible (θ_M = 0.99, θ_O = 0.01).
    pub joint_surplus_extreme: f64,
    /// Median weeks from filing to judgment: after a filing the agents concede afresh toward
    /// their litigation values by this date, so a suit is judged only if the court rules
    /// before their concessions meet.
    pub median_weeks_to_judgment: f64,
}

/// How close the strict April terms come to the Microsoft–OpenAI frontier: a deal lands on
/// the frontier, so a class of contracts that the frontier beats for both players is never
/// offered by a payoff-driven agent.
#[derive(Debug, Clone, Serialize)]
pub struct StrictGap {
    /// Contracts of the partnership grid that meet the APRIL_LIKE_STRICT terms.
    pub strict_contracts: usize,
    /// Of those, how many no contract beats for both Microsoft and OpenAI.
    pub on_frontier: usize,
    /// The strict contract the frontier beats by the least.
    pub nearest: Option<Contract>,
    /// Its (Microsoft, OpenAI) value at expected values, $B (frontier valuation).
    pub nearest_values: Option<[f64; 2]>,
    /// The contract that beats it by the most for the worse-off of the two.
    pub beaten_by: Option<Contract>,
    /// That contract's (Microsoft, OpenAI) value, $B.
    pub beaten_by_values: Option<[f64; 2]>,
    /// What the Azure-first lag the strict terms require is worth on the scenario's April
    /// terms.
    pub lag: LagPrice,
}

/// The price of the Azure-first lag on the scenario's April terms at expected values: the
/// terms as written minus the same terms with no lag, in each player's frontier valuation.
/// The strict class requires a lag (L > 0); where it costs OpenAI more than it is worth to
/// Microsoft, an efficient contract carries one only when OpenAI has nothing cheaper left to
/// give, which is why strict contracts sit just off the frontier.
#[derive(Debug, Clone, Serialize)]
pub struct LagPrice {
    /// The lag of the scenario's April terms, days.
    pub days: u16,
    /// Microsoft's value of the lag, $B (positive: it gains).
    pub microsoft: f64,
    /// OpenAI's value of the lag, $B (negative: it loses).
    pub openai: f64,
    /// Their sum: negative when the lag destroys joint value.
    pub joint: f64,
}

/// Runs of the scenario sampled by [`StrictInRuns`].
pub const SAMPLED_RUNS: u64 = 200;

/// The strict April terms in the runs themselves. A run's draws (revenue and valuation
/// multipliers, above all) move the frontier, so strict contracts that the expected-value
/// frontier beats can be on a run's own frontier. For runs 0 … [`SAMPLED_RUNS`] − 1 of
/// `pactsim run` on the scenario (the same draws), the whole contract grid is valued with the
/// run's economics at week 0 and compared with each side's value of the contested state
/// (Frontier launched on AWS without a waiver, no suit) under its prior.
#[derive(Debug, Clone, Serialize)]
pub struct StrictInRuns {
    /// Runs sampled.
    pub runs: u64,
    /// Runs whose own Microsoft–OpenAI frontier holds a strict contract.
    pub on_run_frontier: u64,
    /// Runs in which such a contract is worth at least the contested state to both
    /// Microsoft and OpenAI (a deal both would take over the dispute).
    pub acceptable_to_both: u64,
    /// Runs in which the asymmetric Nash point of the run's frontier (weights 1/ρ_M and
    /// 1/ρ_O, disagreement at the contested state: the split the payoff-driven agents'
    /// deadlines aim at) is a strict contract.
    pub nash_point_strict: u64,
    /// The same with equal weights (the symmetric Nash bargaining solution).
    pub symmetric_nash_point_strict: u64,
    /// Median, over the runs with a strict contract on their frontier, of Microsoft's value
    /// of its best such contract minus its value of the contested state, $B (negative:
    /// Microsoft prefers the dispute to every strict contract of the run's frontier).
    pub microsoft_margin_median: Option<f64>,
}

/// Everything `explain` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// Scenario name.
    pub scenario: String,
    /// The four reference states.
    pub states: Vec<StateTerms>,
    /// The state J, c_P and c_D are computed in.
    pub litigation_state: LitigationState,
    /// J, c_P and the verdict under each player's prior.
    pub litigation: Vec<Verdict>,
    /// The candidate frontier.
    pub frontier: Vec<Candidate>,
    /// Why a suit filed now would settle (or not).
    pub settlement: SettlementZone,
    /// How close the strict April terms come to the frontier.
    pub strict: StrictGap,
    /// Where the strict April terms stand in the runs' own draws.
    pub strict_in_runs: StrictInRuns,
}

fn named(t: &Terms) -> Vec<TermValue> {
    t.named()
        .iter()
        .map(|(p, name, v)| TermValue {
            player: Player::ALL[*p].key(),
            term: name,
            // A term that is zero in a state can come out as −0.0 (minus a zero product);
            // adding +0.0 makes it an ordinary 0 in JSON and text and changes no other value.
            value: *v + 0.0,
        })
        .collect()
}

/// Builds the explanation of a validated scenario at its expected values.
pub fn explain(scenario: &Scenario) -> Explanation {
    let s = scenario.params();
    let shocks = Shocks::expected(s);
    let econ = Economics::new(s, shocks.draws);
    let prefs = issue_preferences(s);
    let calm = DisputeState::new(s);
    let mut launched = calm.clone();
    launched.launched = true;
    fn valuer<'a>(
        s: &'a Params,
        econ: &'a Economics,
        st: &'a DisputeState,
        shocks: &'a Shocks,
        theta: f64,
        prefs: &'a crate::valuer::IssuePreferences,
        shared: &'a SharedValues,
    ) -> StateValuer<'a> {
        StateValuer::new(s, econ, st, shocks, theta, prefs, shared)
    }
    // The belief-free values of each state, shared by its valuers.
    let (calm_sv, launched_sv, sued_sv) = Default::default();
    let theta = shocks.theta;
    let sq = s.contracts.status_quo;
    let april = s.contracts.april_2026;
    let musk = shocks.expected_musk_damages(s);
    let undisputed = Regime {
        musk_damages: musk,
        ..Regime::clear()
    };
    let [contested, agreement] = contested_and_april_regimes(s, &econ, &shocks, &prefs);
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
            let terms =
                valuer(s, &econ, &launched, &shocks, th, &prefs, &launched_sv).litigation_terms();
            Verdict {
                prior_of: p.key(),
                expected_stake: th * terms.stake,
                terms,
            }
        })
        .collect();
    let litigation_state = LitigationState {
        week: launched.week,
        contested: true,
        launch_live: launched.launched,
        threat_made: launched.threat,
        antitrust_pressure: shocks.antitrust,
    };
    let v = valuer(s, &econ, &calm, &shocks, theta, &prefs, &calm_sv);
    let grid = ValuedGrid::of(s);
    let frontier: Vec<Candidate> = grid
        .frontier()
        .into_iter()
        .map(|x| Candidate {
            contract: x,
            values: v.agreement_values(&x),
            april_features: april_features(&x),
        })
        .collect();
    let priors = [0, 1].map(|i| (s.litigation.win_probability_mean + bias[i]).clamp(0.01, 0.99));
    let mut sued = launched.clone();
    sued.file_expected();
    let litigate = |theta_m: f64, theta_o: f64| {
        let m = valuer(s, &econ, &sued, &shocks, theta_m, &prefs, &sued_sv).current_value()[0];
        let o = valuer(s, &econ, &sued, &shocks, theta_o, &prefs, &sued_sv).current_value()[1];
        (m, o)
    };
    let settle = valuer(s, &econ, &sued, &shocks, theta, &prefs, &sued_sv);
    let settlements: Vec<[f64; 3]> = frontier
        .iter()
        .map(|c| settle.agreement_values(&c.contract))
        .collect();
    let best = settlements
        .iter()
        .map(|v| v[0] + v[1])
        .fold(f64::NEG_INFINITY, f64::max);
    let (lm, lo) = litigate(priors[0], priors[1]);
    let (xm, xo) = litigate(0.99, 0.01);
    let settlement = SettlementZone {
        theta_microsoft: priors[0],
        theta_openai: priors[1],
        litigate_microsoft: lm,
        litigate_openai: lo,
        best_settlement_joint: best,
        settlements_both_prefer: settlements
            .iter()
            .filter(|v| v[0] >= lm && v[1] >= lo)
            .count(),
        joint_surplus: best - lm - lo,
        joint_surplus_extreme: best - xm - xo,
        median_weeks_to_judgment: s.litigation.trial_weeks,
    };
    let gap = frontier_gap(&grid, &april_terms);
    let lag = {
        let with = v.agreement_values(&april);
        let without = v.agreement_values(&Contract {
            azure_first_days: 0,
            ..april
        });
        let (m, o) = (with[0] - without[0], with[1] - without[1]);
        LagPrice {
            days: april.azure_first_days,
            // + 0.0: a lag of 0 days gives −0.0 for a player, printed and serialised as 0.
            microsoft: m + 0.0,
            openai: o + 0.0,
            joint: m + o + 0.0,
        }
    };
    let strict = StrictGap {
        strict_contracts: gap.count,
        on_frontier: gap.on_frontier_values.len(),
        nearest: gap.nearest.map(|n| n.0),
        nearest_values: gap.nearest.map(|n| n.1),
        beaten_by: gap.nearest.map(|n| n.2),
        beaten_by_values: gap.nearest.map(|n| n.3),
        lag,
    };
    Explanation {
        scenario: scenario.name().to_string(),
        states,
        litigation_state,
        litigation,
        frontier,
        settlement,
        strict,
        strict_in_runs: strict_in_runs(scenario, &prefs),
    }
}

/// The regimes of explain's contested state (status-quo terms, Frontier launched on AWS
/// without a waiver, no suit) and of the April terms agreed, at the expected `shocks`.
pub(crate) fn contested_and_april_regimes(
    s: &Params,
    econ: &Economics,
    shocks: &Shocks,
    prefs: &crate::valuer::IssuePreferences,
) -> [Regime; 2] {
    let calm = DisputeState::new(s);
    let mut launched = calm.clone();
    launched.launched = true;
    let (a, b) = (SharedValues::default(), SharedValues::default());
    let theta = shocks.theta;
    [
        StateValuer::new(s, econ, &launched, shocks, theta, prefs, &a).impasse_regime(&launched),
        StateValuer::new(s, econ, &calm, shocks, theta, prefs, &b)
            .agreement_regime(&calm, &s.contracts.april_2026),
    ]
}

/// Samples the scenario's first [`SAMPLED_RUNS`] runs for [`StrictInRuns`].
fn strict_in_runs(scenario: &Scenario, prefs: &crate::valuer::IssuePreferences) -> StrictInRuns {
    let s = scenario.params();
    let bias = s.litigation.signal_bias.to_array();
    let prior =
        |p: Player| (s.litigation.win_probability_mean + bias[p as usize]).clamp(0.01, 0.99);
    let calm = DisputeState::new(s);
    let mut launched = calm.clone();
    launched.launched = true;
    let rho = s.discount.to_array();
    let weights = [1.0 / rho[0], 1.0 / rho[1]];
    let mut out = StrictInRuns {
        runs: SAMPLED_RUNS,
        on_run_frontier: 0,
        acceptable_to_both: 0,
        nash_point_strict: 0,
        symmetric_nash_point_strict: 0,
        microsoft_margin_median: None,
    };
    let mut margins = Vec::new();
    for run in 0..SAMPLED_RUNS {
        let shocks = Shocks::new(s, &RunKey::new(scenario.seed(), scenario.hash(), run));
        let econ = Economics::new(s, shocks.draws);
        let base = StateValuer::new(
            s,
            &econ,
            &calm,
            &shocks,
            shocks.theta,
            prefs,
            &SharedValues::default(),
        )
        .agreement_regime(&calm, &s.contracts.status_quo);
        let grid = ValuedGrid::of_run(s, &econ, &base);
        let strict: Vec<[f64; 2]> = grid.on_frontier(&april_terms).map(|(_, v)| v).collect();
        if strict.is_empty() {
            continue;
        }
        out.on_run_frontier += 1;
        let contested = |p: Player| {
            StateValuer::new(
                s,
                &econ,
                &launched,
                &shocks,
                prior(p),
                prefs,
                &SharedValues::default(),
            )
            .current_value()[p as usize]
        };
        let (d_m, d_o) = (contested(Player::Microsoft), contested(Player::OpenAi));
        // The frontier contract maximising w_M·ln(U_M − d_M) + w_O·ln(U_O − d_O).
        let nash_point = |w: [f64; 2]| {
            grid.on_frontier(&|_| true)
                .filter(|(_, v)| v[0] > d_m && v[1] > d_o)
                .map(|(x, v)| (x, w[0] * (v[0] - d_m).ln() + w[1] * (v[1] - d_o).ln()))
                .fold(None, |best: Option<(Contract, f64)>, c| match best {
                    Some(b) if b.1 >= c.1 => Some(b),
                    _ => Some(c),
                })
                .is_some_and(|(x, _)| april_terms(&x))
        };
        out.nash_point_strict += u64::from(nash_point(weights));
        out.symmetric_nash_point_strict += u64::from(nash_point([1.0, 1.0]));
        let best_m = strict
            .iter()
            .map(|v| v[0])
            .fold(f64::NEG_INFINITY, f64::max);
        margins.push(best_m - d_m);
        if strict.iter().any(|v| v[0] >= d_m && v[1] >= d_o) {
            out.acceptable_to_both += 1;
        }
    }
    margins.sort_by(f64::total_cmp);
    out.microsoft_margin_median = (!margins.is_empty()).then(|| {
        let n = margins.len();
        if n % 2 == 1 {
            margins[n / 2]
        } else {
            0.5 * (margins[n / 2 - 1] + margins[n / 2])
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::testing::AnyAgents;

    fn baseline(sets: &[&str]) -> Explanation {
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        let sc = Scenario::from_toml(
            include_str!("../../configs/april-2026.toml"),
            "april-2026.toml",
            &sets,
            &AnyAgents,
        )
        .expect("baseline validates");
        explain(&sc)
    }

    fn term(e: &Explanation, state: &str, player: &str, name: &str) -> f64 {
        let st = e.states.iter().find(|s| s.state == state).expect("state");
        st.terms
            .iter()
            .find(|t| t.player == player && t.term == name)
            .expect("term")
            .value
    }

    /// Σ_y β_M(y)·B_y at the baseline (B_2026 = 15, +25%/yr, ρ_M = 0.08).
    fn ms_model_pv() -> f64 {
        (0..7)
            .map(|y| 15.0 * 1.25f64.powi(y) * (-0.08 * (f64::from(y) + 0.3)).exp())
            .sum()
    }

    #[test]
    fn terms_sum_to_totals_in_every_state() {
        let e = baseline(&[]);
        for st in &e.states {
            for (pi, p) in Player::ALL.iter().enumerate() {
                let sum: f64 = st
                    .terms
                    .iter()
                    .filter(|t| t.player == p.key())
                    .map(|t| t.value)
                    .sum();
                assert!((sum - st.totals[pi]).abs() < 1e-9, "{} {p}", st.state);
            }
        }
    }

    #[test]
    fn competitive_harm_and_uplift_have_their_closed_forms() {
        let e = baseline(&[]);
        // Competitive harm (docs/model.md §5.1): H_M = ζ·m_Az·Σβ_M·B_y·open, open = 1 under a live
        // defiant launch.
        let harm = 0.15 * 0.35 * ms_model_pv();
        let got = term(&e, "contested", "microsoft", "Azure competitive harm");
        assert!((got + harm).abs() < 1e-9, "{got} vs −{harm}");
        assert_eq!(
            term(&e, "status quo", "microsoft", "Azure competitive harm"),
            0.0
        );
        // The uplift reaches Microsoft once, through its stake: s_M·V_0·u_mc (docs/model.md §5.1).
        let uplift = term(&e, "contested", "microsoft", "stake x multi-cloud uplift");
        assert!((uplift - 0.27 * 852.0 * 0.075).abs() < 1e-9, "{uplift}");
        // Forced traffic is lost in full when the channel is open, kept when blocked.
        assert_eq!(
            term(&e, "contested", "microsoft", "Azure margin, forced traffic"),
            0.0
        );
        let sq = term(
            &e,
            "status quo",
            "microsoft",
            "Azure margin, forced traffic",
        );
        assert!(sq > 10.0);
        assert_eq!(
            term(
                &e,
                "aws blocked by court",
                "microsoft",
                "Azure margin, forced traffic"
            ),
            sq
        );
        // The April terms' 30-day lag holds back λ_first·30/365 of the channel.
        let april = e.states.iter().find(|s| s.state == "april terms").unwrap();
        assert!((april.open - (1.0 - 0.5 * 30.0 / 365.0)).abs() < 1e-12);
    }

    #[test]
    fn primacy_keeps_part_of_the_franchise_only_under_an_agreed_lag() {
        // docs/model.md §5.1: an agreed Azure-first lag with ψ_first keeps that share of the
        // exposed franchise on Azure, H_M·(1 − ψ_first); a defiant launch under the closed
        // status quo (its 180-day lag opens nothing) keeps none. Off by default.
        let base = baseline(&[]);
        let first = baseline(&["cloud.azure_first_primacy=0.4"]);
        let harm = |e: &Explanation, st: &str| term(e, st, "microsoft", "Azure competitive harm");
        let (h0, h1) = (harm(&base, "april terms"), harm(&first, "april terms"));
        assert!(h0 < -1.0, "{h0}");
        assert!((h1 - 0.6 * h0).abs() < 1e-9, "{h1} vs 0.6·{h0}");
        assert_eq!(harm(&first, "contested"), harm(&base, "contested"));
        // No other term moves: the lag's price to Microsoft rises by exactly ψ_first·|H_M| of
        // the April terms, OpenAI's not at all.
        let (l0, l1) = (&base.strict.lag, &first.strict.lag);
        assert!(
            (l1.microsoft - l0.microsoft - 0.4 * -h0).abs() < 1e-9,
            "{l0:?} {l1:?}"
        );
        assert!((l1.openai - l0.openai).abs() < 1e-12, "{l0:?} {l1:?}");
        // At ψ_first = 0.4 the lag is worth more to Microsoft than it costs OpenAI.
        assert!(l1.joint > 0.0, "{l1:?}");
        // A contract without a lag is valued exactly as before.
        let mut same = 0;
        for c in base
            .frontier
            .iter()
            .filter(|c| c.contract.azure_first_days == 0)
        {
            if let Some(d) = first.frontier.iter().find(|d| d.contract == c.contract) {
                assert_eq!(d.values, c.values, "{}", c.contract.summary());
                same += 1;
            }
        }
        assert!(same > 10, "{same}");
        // Off, the parameter is not part of the model hash that seeds the runs, so scenarios
        // written before it keep their draws; on, it is.
        let hash = |sets: &[&str]| {
            let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
            let toml = include_str!("../../configs/april-2026.toml");
            let without = toml.replace("azure_first_primacy = 0.0", "");
            let text = if sets.is_empty() {
                without.as_str()
            } else {
                toml
            };
            Scenario::from_toml(text, "april-2026.toml", &sets, &AnyAgents)
                .expect("validates")
                .hash()
        };
        let off = hash(&[]);
        assert_eq!(hash(&["cloud.azure_first_primacy=0.0"]), off);
        assert_ne!(hash(&["cloud.azure_first_primacy=0.4"]), off);
    }

    #[test]
    fn contested_state_costs_microsoft_the_base_dispute() {
        // docs/model.md §5.5: RS_in falls by δ_base (and by the AGI hazard × χ) while the dispute
        // is open.
        let e = baseline(&[]);
        let sq = term(&e, "status quo", "microsoft", "revenue share in");
        let blocked = term(&e, "aws blocked by court", "microsoft", "revenue share in");
        assert!(
            blocked < 0.75 * sq && blocked > 0.6 * sq,
            "{blocked} vs {sq}"
        );
        // Without the base dispute and the χ multiplier, the blocked state pays as before.
        let e0 = baseline(&[
            "microsoft.base_dispute_share=0.0",
            "agi.contested_hazard_multiplier=1.0",
        ]);
        let blocked0 = term(&e0, "aws blocked by court", "microsoft", "revenue share in");
        assert!((blocked0 - sq).abs() < 1e-9, "{blocked0} vs {sq}");
    }

    #[test]
    fn licence_terms_matter_to_openai_and_agi_cutoff_only_with_the_clause() {
        let e = baseline(&[]);
        // OpenAI values a non-exclusive licence at ω_O = 10 (docs/model.md §5.2).
        assert_eq!(
            term(&e, "april terms", "openai", "non-exclusive licence"),
            10.0
        );
        assert_eq!(
            term(&e, "status quo", "openai", "non-exclusive licence"),
            0.0
        );
        // April terms: no exclusivity premium, two licence years beyond 2030, no AGI cutoff.
        let lic = term(&e, "april terms", "microsoft", "licence");
        assert!((lic - 2.0 * 3.5).abs() < 1e-9, "{lic}");
    }

    #[test]
    fn litigation_stake_and_cost_decompose_and_respond_to_their_drivers() {
        let e = baseline(&[]);
        let m = &e.litigation[0].terms;
        assert_eq!(e.litigation[0].prior_of, "microsoft");
        assert!((m.stake - (m.block_value + m.damages + m.leverage)).abs() < 1e-9);
        assert!(m.stake > 0.0 && m.plaintiff_cost > 0.0 && m.defendant_cost > 0.0);
        assert!((e.litigation[0].expected_stake - m.theta * m.stake).abs() < 1e-12);
        assert_eq!(m.credible, m.theta * m.stake >= m.plaintiff_cost);
        // J and c_P do not depend on θ; only the verdicts do.
        let o = &e.litigation[1].terms;
        assert!((o.stake - m.stake).abs() < 1e-9 && o.theta < m.theta);
        // c_AT0 enters c_P with the factor 1 + k·A_0 = 1 + 2·0.45.
        let hi = baseline(&["microsoft.antitrust_cost_of_suing=4.0"]);
        let d = hi.litigation[0].terms.plaintiff_cost - m.plaintiff_cost;
        assert!((d - 1.9).abs() < 1e-9, "{d}");
        // Leverage is linear in β_lev.
        let lev = baseline(&["litigation.leverage_share=0.5"]);
        assert!((lev.litigation[0].terms.leverage - 2.0 * m.leverage).abs() < 1e-9);
        // A stronger case makes the threat worthwhile: at θ prior 0.75 + bias 0.10 = 0.85,
        // θ·J ≥ f_thr·c_P once β_lev is at the top of its range.
        let strong = baseline(&[
            "litigation.win_probability_mean=0.75",
            "litigation.leverage_share=0.5",
            "microsoft.antitrust_cost_of_suing=1.0",
        ]);
        let s = &strong.litigation[0].terms;
        assert!(s.threat, "{s:?}");
    }

    #[test]
    fn no_term_is_a_negative_zero() {
        let e = baseline(&[]);
        for st in &e.states {
            for t in &st.terms {
                assert!(
                    !(t.value == 0.0 && t.value.is_sign_negative()),
                    "{}: {} in {}",
                    t.player,
                    t.term,
                    st.state
                );
            }
        }
    }

    #[test]
    fn the_cost_of_suing_decomposes_into_its_parts() {
        let e = baseline(&[]);
        let m = &e.litigation[0].terms;
        let c = &m.plaintiff_cost_parts;
        let sum = c.antitrust + c.shading + c.own_stake + c.fees + c.other;
        assert!((sum - m.plaintiff_cost).abs() < 1e-9, "{c:?}");
        // Nothing but the four named parts changes when Microsoft sues with the channel open:
        // the residue is exactly 0 (not a rounding error such as -1.4e-14), here and for OpenAI.
        assert_eq!(c.other, 0.0, "{c:?}");
        assert_eq!(m.defendant_cost_parts.other, 0.0, "{m:?}");
        // c_AT0·(1 + k·A_0) = 3·(1 + 2·0.45), in the state explain reports: week 0,
        // contested, a defiant launch live, no threat yet, A = A_0.
        assert!((c.antitrust - 5.7).abs() < 1e-9, "{c:?}");
        let ls = &e.litigation_state;
        assert_eq!(
            (ls.week, ls.contested, ls.launch_live, ls.threat_made),
            (0, true, true, false)
        );
        assert!((ls.antitrust_pressure - 0.45).abs() < 1e-12, "{ls:?}");
        assert!((c.antitrust - 3.0 * (1.0 + 2.0 * ls.antitrust_pressure)).abs() < 1e-9);
        assert!(
            c.shading > 0.0 && c.own_stake > 0.0 && c.fees > 0.0,
            "{c:?}"
        );
        // The same parts under every prior: c_P does not depend on θ.
        assert_eq!(e.litigation[1].terms.plaintiff_cost_parts, *c);
        // Each driver moves its own part only.
        let at = baseline(&["microsoft.antitrust_cost_of_suing=10.0"]);
        let a = &at.litigation[0].terms.plaintiff_cost_parts;
        assert!((a.antitrust - 19.0).abs() < 1e-9, "{a:?}");
        assert_eq!(
            (a.shading, a.own_stake, a.fees),
            (c.shading, c.own_stake, c.fees)
        );
        let sh = baseline(&["microsoft.shading_rate=0.2"]);
        let b = &sh.litigation[0].terms.plaintiff_cost_parts;
        assert!((b.shading - 2.0 * c.shading).abs() < 1e-9, "{b:?}");
        assert_eq!((b.antitrust, b.own_stake), (c.antitrust, c.own_stake));
        // The stake part scales with the stake s_M.
        let st = baseline(&["microsoft.stake=0.24"]);
        let d = &st.litigation[0].terms.plaintiff_cost_parts;
        assert!(
            (d.own_stake / c.own_stake - 0.24 / 0.27).abs() < 1e-9,
            "{d:?}"
        );
        // OpenAI's side, c_D: its parts sum to it, and the IPO part is the IPO benefit times
        // the probability lost between the "threat" and "suit" classes, $20B × (0.45 − 0.25).
        let o = &m.defendant_cost_parts;
        let sum = o.valuation + o.ipo + o.tranche + o.fees + o.other;
        assert!((sum - m.defendant_cost).abs() < 1e-9, "{o:?}");
        assert!(o.other.abs() < 1e-9, "{o:?}");
        assert!((o.ipo - 20.0 * (0.45 - 0.25)).abs() < 1e-9, "{o:?}");
        // The tranche's trigger is 1 − (1 − π)(1 − p_late), p_late = 0.6: $35B × 0.2 × 0.4.
        assert!((o.tranche - 35.0 * 0.2 * 0.4).abs() < 1e-9, "{o:?}");
        assert!(o.valuation > o.ipo && o.fees > 0.0, "{o:?}");
        // A bigger IPO benefit moves only the IPO part.
        let ipo = baseline(&["openai.ipo_benefit=30.0"]);
        let b = &ipo.litigation[0].terms.defendant_cost_parts;
        assert!((b.ipo - 30.0 * 0.2).abs() < 1e-9, "{b:?}");
        assert_eq!((b.valuation, b.tranche), (o.valuation, o.tranche));
    }

    #[test]
    fn suits_settle_because_settling_saves_more_than_optimism_is_worth() {
        let e = baseline(&[]);
        let z = &e.settlement;
        assert!((z.theta_microsoft - 0.65).abs() < 1e-12 && (z.theta_openai - 0.45).abs() < 1e-12);
        // The identity the verdict rests on.
        let joint = z.best_settlement_joint - z.litigate_microsoft - z.litigate_openai;
        assert!((z.joint_surplus - joint).abs() < 1e-9);
        // At the baseline a settlement beats the trial both sides expect, even if Microsoft
        // were sure to win and OpenAI sure to lose: no suit can rationally reach judgment.
        assert!(
            z.joint_surplus > 0.0 && z.settlements_both_prefer >= 1,
            "{z:?}"
        );
        assert!(z.joint_surplus_extreme > 0.0 && z.joint_surplus_extreme < z.joint_surplus);
        // Optimism is what erodes it: a stronger prior for Microsoft (and the same bias)
        // raises its value of litigating and shrinks the surplus.
        let strong = baseline(&["litigation.win_probability_mean=0.75"]);
        let y = &strong.settlement;
        assert!(y.litigate_microsoft > z.litigate_microsoft);
        assert!(y.litigate_openai < z.litigate_openai);
        // What settling saves is mostly the litigation discount on OpenAI's value: at the
        // top of its range the surplus grows.
        let cloud = baseline(&["litigation.valuation_discount=[0.15, 0.15]"]);
        assert!(cloud.settlement.joint_surplus > z.joint_surplus + 10.0);
    }

    #[test]
    fn the_frontier_is_pareto_ordered() {
        let e = baseline(&[]);
        assert!(e.frontier.len() >= 10);
        for w in e.frontier.windows(2) {
            // Microsoft's value rises along the frontier while OpenAI's falls.
            assert!(w[1].values[0] >= w[0].values[0] - 1e-9);
            assert!(w[1].values[1] <= w[0].values[1] + 1e-9);
        }
    }

    #[test]
    fn strict_april_terms_sit_just_off_the_frontier_at_the_baseline_only() {
        // The contract grid holds a few hundred strict contracts. At the baseline's expected
        // values the frontier
        // beats every one for both players, by about $1B for OpenAI: a 30-day Azure-first lag
        // costs OpenAI more than it is worth to Microsoft.
        let e = baseline(&[]);
        let g = &e.strict;
        assert!(g.strict_contracts > 0 && g.on_frontier == 0, "{g:?}");
        let (v, w) = (g.nearest_values.unwrap(), g.beaten_by_values.unwrap());
        let margin = (w[0] - v[0]).min(w[1] - v[1]);
        assert!(margin > 0.0 && margin < 5.0, "{margin}");
        assert!(g.nearest.unwrap().azure_first_days > 0);
        assert_eq!(g.beaten_by.unwrap().azure_first_days, 0);
        // That is the lag's price on the April terms: it holds back the channel for
        // everyone, so OpenAI loses its channel and its other owners' uplift, while
        // Microsoft's forced traffic and avoided harm barely outweigh its own stake's lost
        // uplift. The sum is negative: the lag destroys joint value.
        let l = &g.lag;
        assert_eq!(l.days, 30);
        assert!(l.openai < -1.0 && l.microsoft > 0.0, "{l:?}");
        assert!(l.joint < -1.0, "{l:?}");
        assert!((l.joint - l.microsoft - l.openai).abs() < 1e-9);
        // With λ_first = 0 a lag holds nothing back and is worth nothing to anyone.
        let free = baseline(&["revenue.azure_first_loss=0.0"]);
        assert_eq!(
            (free.strict.lag.microsoft, free.strict.lag.openai),
            (0.0, 0.0)
        );
        // With half the revenue path, the cap gives up less and strict contracts are efficient.
        let half =
            baseline(&["revenue.path_billion=[15.0, 31.0, 52.5, 81.25, 120.0, 138.0, 158.7]"]);
        assert!(half.strict.on_frontier > 0, "{:?}", half.strict);
        assert_eq!(half.strict.strict_contracts, g.strict_contracts);
    }

    #[test]
    fn strict_terms_reach_run_frontiers_but_microsoft_prefers_the_dispute() {
        // A run's draws move the frontier: strict contracts, beaten at expected values, sit on
        // the run's own frontier in a large share of runs. Microsoft's contested value (the
        // uncapped share until AGI, less the base dispute) exceeds its best strict contract in
        // most of them, so few are acceptable to both sides.
        let e = baseline(&[]);
        let r = &e.strict_in_runs;
        assert_eq!(r.runs, SAMPLED_RUNS);
        assert!(r.on_run_frontier > r.runs / 5, "{r:?}");
        assert!(r.acceptable_to_both < r.on_run_frontier / 2, "{r:?}");
        // A Nash point lies in the zone of agreement, so a strict one is acceptable to both.
        assert!(r.nash_point_strict <= r.acceptable_to_both, "{r:?}");
        assert!(
            r.symmetric_nash_point_strict <= r.acceptable_to_both,
            "{r:?}"
        );
        let median = r.microsoft_margin_median.expect("some runs");
        assert!(median < -20.0, "{median}");
        // The base dispute lowers Microsoft's contested value one for one with the share it
        // disputes: at δ_base = 0.5 the gap narrows and more runs hold a deal both would take;
        // at δ_base = 0 almost none.
        let high = baseline(&["microsoft.base_dispute_share=0.5"]);
        let none = baseline(&["microsoft.base_dispute_share=0.0"]);
        let (h, z) = (&high.strict_in_runs, &none.strict_in_runs);
        assert!(
            h.acceptable_to_both > r.acceptable_to_both,
            "{h:?} vs {r:?}"
        );
        assert!(
            z.acceptable_to_both < r.acceptable_to_both,
            "{z:?} vs {r:?}"
        );
        let (mh, mz) = (
            h.microsoft_margin_median.unwrap(),
            z.microsoft_margin_median.unwrap(),
        );
        assert!(mz < median && median < mh, "{mz} {median} {mh}");
    }
}
