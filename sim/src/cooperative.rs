//! Cooperative benchmarks of the flagship scenario (`pactsim bargain`): Nash (1950) bargaining
//! (symmetric and weighted by patience), Kalai–Smorodinsky (1975), Nash-in-Nash
//! (Horn & Wolinsky 1988) over the two bilateral contracts, Baron–Ferejohn (1989) stationary
//! values (unanimity and OpenAI-hub variants), the Shapley (1953) value and a core check,
//! beside the April-2026 terms.
//!
//! Utilities are the scenario's payoffs at its expected values (the stage game's reduced payoffs), over every
//! Microsoft–OpenAI contract of the discretised issue space, with the OpenAI–Amazon terms
//! (hosting, tranche) kept as in the status quo: the contracts the agents bargain over
//! (`crate::frontier`). Microsoft and OpenAI cannot change Amazon's terms between them, and a
//! fixed other hosting would lower Amazon's payoff in every solution for nothing (the channel's
//! split between clouds does not change Microsoft's or OpenAI's value). The disagreement point is the contested status quo after a defiant launch, whose
//! value includes the risk of a later suit; Microsoft's suit is its outside option, which binds
//! only if worth more than its bargaining payoff (Binmore–Rubinstein–Wolinsky).

use crate::contract::Contract;
use crate::reduced::{EndState, Reduced};
use crate::scenario::Scenario;
use games::bargaining::{
    baron_ferejohn::{unanimity_values, veto_values},
    kalai_smorodinsky::ks_finite,
    nash::nash_finite,
    nash_in_nash::nash_in_nash_hub,
    shapley::{core_check, shapley_value},
    BargainingError,
};
use serde::Serialize;

/// A benchmark: its terms (for solutions over contracts) and payoffs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    /// Name of the solution concept.
    pub name: String,
    /// The contract, when the solution picks one.
    pub contract: Option<Contract>,
    /// Payoffs (Microsoft, OpenAI, Amazon), $B.
    pub payoffs: [f64; 3],
    /// April-distance of the contract (when there is one).
    pub april_distance: Option<f64>,
}

/// A solution concept that has no solution at the scenario's parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unavailable {
    /// Name of the solution concept.
    pub name: String,
    /// Why there is no solution.
    pub reason: String,
}

/// Core check of an allocation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoreResult {
    /// Which allocation.
    pub allocation: String,
    /// In the core (within 1e-6).
    pub in_core: bool,
    /// v(N) − Σ x_i.
    pub efficiency_gap: f64,
    /// The most violated coalition and its excess v(C) − Σ_{i∈C} x_i, if any is violated.
    pub most_violated: Option<(String, f64)>,
}

/// Every benchmark of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Benchmarks {
    /// Contracts searched.
    pub contracts: usize,
    /// Disagreement point d: the contested status quo.
    pub disagreement: [f64; 3],
    /// Values if Microsoft sues (its outside option).
    pub litigation: [f64; 3],
    /// Whether Microsoft's litigation option binds against the symmetric Nash solution (`None`
    /// when that solution does not exist at these parameters).
    pub litigation_binds: Option<bool>,
    /// Nash weights (Microsoft, OpenAI) ∝ 1/ρ_i (BRW time-preference model).
    pub patience_weights: [f64; 2],
    /// The April-2026 terms and the solutions that exist at these parameters.
    pub solutions: Vec<Solution>,
    /// Solution concepts with no solution at these parameters, each with the reason (e.g.
    /// Nash-in-Nash when a bilateral link destroys value).
    pub unavailable: Vec<Unavailable>,
    /// Characteristic function v(C), C as "M", "O", "A", "MO", …
    pub characteristic_function: Vec<(String, f64)>,
    /// Core checks (Shapley value, April terms).
    pub core: Vec<CoreResult>,
}

const NAMES: [&str; 3] = ["M", "O", "A"];

fn coalition_name(mask: usize) -> String {
    (0..3)
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| NAMES[i])
        .collect()
}

/// Computes every benchmark of a scenario.
pub fn benchmarks(scenario: &Scenario) -> Result<Benchmarks, BargainingError> {
    let r = Reduced::new(scenario);
    let s = r.params();
    let april = s.contracts.april_2026;
    let space = crate::frontier::partnership_contracts(&s.contracts.status_quo);
    let values: Vec<[f64; 3]> = space.iter().map(|x| r.deal(x)).collect();
    let d = r.value(EndState::ContestedLaunch);
    let lit = r.value(EndState::Suit);
    let points: Vec<Vec<f64>> = values.iter().map(|v| vec![v[0], v[1]]).collect();
    let d2 = [d[0], d[1]];
    let solution = |name: &str, k: usize| Solution {
        name: name.to_string(),
        contract: Some(space[k]),
        payoffs: values[k],
        april_distance: Some(space[k].distance(&april)),
    };
    let rho = s.discount.to_array();
    let w = [1.0 / rho[0], 1.0 / rho[1]];
    let total = w[0] + w[1];
    let weights = [w[0] / total, w[1] / total];
    // A concept without a solution here (no contract beats d for both, a link that destroys
    // value) is reported as unavailable; the others are still computed.
    let mut unavailable = Vec::new();
    let mut found = |name: &str, r: Result<usize, BargainingError>| match r {
        Ok(k) => Some(solution(name, k)),
        Err(e) => {
            unavailable.push(Unavailable {
                name: name.to_string(),
                reason: e.to_string(),
            });
            None
        }
    };
    let nash = found(
        "Nash bargaining (symmetric)",
        nash_finite(&points, &d2, &[1.0, 1.0]),
    );
    let nash_w = found(
        "Nash bargaining (weighted 1/ρ)",
        nash_finite(&points, &d2, &weights),
    );
    let ks = found("Kalai–Smorodinsky", ks_finite(&points, &d2));
    let sum = |v: &[f64; 3]| v[0] + v[1] + v[2];
    // Grand-coalition surplus and the bilateral links of Nash-in-Nash.
    let best_total = (0..space.len())
        .max_by(|a, b| sum(&values[*a]).total_cmp(&sum(&values[*b])))
        .expect("non-empty contract space");
    let v_g = sum(&values[best_total]);
    let v_without_mo = sum(&d);
    let without_amazon: Vec<[f64; 3]> = space.iter().map(|x| r.deal_without_amazon(x)).collect();
    let v_without_oa = without_amazon
        .iter()
        .map(sum)
        .fold(f64::NEG_INFINITY, f64::max);
    let amazon_gone = r.value(EndState::AmazonGone);
    let nin = match nash_in_nash_hub(
        v_g,
        [v_without_mo, v_without_oa],
        [d[0], amazon_gone[2]],
        [0.5, 0.5],
    ) {
        Ok(nin) => Some(nin),
        Err(e) => {
            unavailable.push(Unavailable {
                name: "Nash-in-Nash (OpenAI hub)".into(),
                reason: e.to_string(),
            });
            None
        }
    };
    // Baron–Ferejohn: stationary shares of the surplus over the disagreement point.
    let rec = s.protocol.recognition.to_array();
    let delta = (-(rho[0] + rho[1] + rho[2]) / 3.0 / 52.0).exp();
    let surplus = v_g - sum(&d);
    let (unanimity, _) = unanimity_values(&rec, delta)?;
    let veto = veto_values([rec[1], rec[0], rec[2]], delta)?;
    let bf_u = [0, 1, 2].map(|i| d[i] + unanimity[i] * surplus);
    let bf_hub = [
        d[0] + veto.others[0] * surplus,
        d[1] + veto.veto * surplus,
        d[2] + veto.others[1] * surplus,
    ];
    // Characteristic function (bit 0 = M, bit 1 = O, bit 2 = A).
    let mut v = vec![0.0; 8];
    v[0b001] = d[0];
    v[0b010] = d[1];
    v[0b100] = d[2];
    // MO without Amazon's path: OpenAI stays Azure-only plus compensation.
    v[0b011] = space
        .iter()
        .zip(&values)
        .filter(|(x, _)| !x.aws_allowed())
        .map(|(_, u)| u[0] + u[1])
        .fold(f64::NEG_INFINITY, f64::max);
    // OA: the AWS path without Microsoft's waiver (litigation risk included).
    v[0b110] = d[1] + d[2];
    v[0b101] = d[0] + d[2];
    v[0b111] = v_g;
    let shapley = shapley_value(&v)?;
    let check = |name: &str, x: &[f64]| -> Result<CoreResult, BargainingError> {
        let c = core_check(&v, x, 1e-6)?;
        Ok(CoreResult {
            allocation: name.to_string(),
            in_core: c.in_core,
            efficiency_gap: c.efficiency_gap,
            most_violated: c.most_violated.map(|(mask, e)| (coalition_name(mask), e)),
        })
    };
    let april_values = r.deal(&april);
    let core = vec![
        check("Shapley value", &shapley)?,
        check("April 2026 terms", &april_values)?,
    ];
    let fixed = |name: &str, p: [f64; 3]| Solution {
        name: name.to_string(),
        contract: None,
        payoffs: p,
        april_distance: None,
    };
    let litigation_binds = nash.as_ref().map(|n| lit[0] > n.payoffs[0]);
    let april_solution = Solution {
        name: "April 2026 terms".into(),
        contract: Some(april),
        payoffs: april_values,
        april_distance: Some(0.0),
    };
    let solutions = [
        Some(april_solution),
        nash,
        nash_w,
        ks,
        Some(solution("Maximum joint surplus", best_total)),
        nin.map(|nin| fixed("Nash-in-Nash (OpenAI hub)", [nin[0], nin[2], nin[1]])),
        Some(fixed("Baron–Ferejohn (unanimity)", bf_u)),
        Some(fixed("Baron–Ferejohn (OpenAI veto)", bf_hub)),
        Some(fixed("Shapley value", [shapley[0], shapley[1], shapley[2]])),
        Some(fixed("Disagreement (contested launch)", d)),
        Some(fixed("Microsoft sues", lit)),
    ];
    Ok(Benchmarks {
        contracts: space.len(),
        disagreement: d,
        litigation: lit,
        litigation_binds,
        patience_weights: weights,
        solutions: solutions.into_iter().flatten().collect(),
        unavailable,
        characteristic_function: (1..8).map(|m| (coalition_name(m), v[m])).collect(),
        core,
    })
}
