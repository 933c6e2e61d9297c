//! Where the strict April terms become possible, one documented parameter at a time
//! (`pactsim explain`, last section). A strict April deal needs, before any question of
//! timing, three things at the scenario's expected values: Microsoft must prefer the April
//! terms to the contested status quo (the "gain" below is the April terms minus the contested
//! state, the two middle columns of `explain`'s payoff tables); some contract meeting the
//! strict class's terms must lie on the Microsoft–OpenAI frontier the agents bargain over
//! (agents never offer a contract that another beats for both); and such a frontier contract
//! must be worth the contested state to both (the zone of agreement). This module moves each
//! `[ranges]` parameter across its documented range, the others at their scenario values,
//! and reports all three at evenly spaced points, with the values where a player's gain
//! changes sign found by regula falsi (`root`). It runs no Monte Carlo: each point is the scenario's
//! expected-value economics and its contract grid, valued once.

use crate::evaluate::Evaluator;
use crate::explain::contested_and_april_regimes;
use crate::frontier::{frontier_gap, ValuedGrid};
use crate::outcome::april_terms;
use crate::params::Params;
use crate::payoff::Economics;
use crate::root::illinois;
use crate::shocks::Shocks;
use crate::valuer::issue_preferences;
use crate::ScenarioError;
use serde::Serialize;

/// The strict April terms at one parameter value, at expected values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StrictAtPoint {
    /// The parameter's value.
    pub value: f64,
    /// Value of the April terms minus value of the contested state, (Microsoft, OpenAI), $B.
    pub april_gain: [f64; 2],
    /// Contracts meeting the strict terms that lie on the Microsoft–OpenAI frontier (no
    /// contract of the grid beats them for both Microsoft and OpenAI, as in `explain`).
    pub strict_on_frontier: usize,
    /// Of those, how many are worth at least the contested state to both Microsoft and
    /// OpenAI.
    pub strict_in_zone: usize,
}

/// One parameter moved across its documented range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParameterScan {
    /// Dotted parameter path.
    pub path: String,
    /// Documented low and high values.
    pub range: [f64; 2],
    /// The scenario's value.
    pub base: f64,
    /// The evenly spaced points, low to high.
    pub points: Vec<StrictAtPoint>,
    /// Values inside the range where Microsoft's gain from the April terms over the
    /// contested state changes sign (empty: the sign is the same across the range).
    pub microsoft_break_even: Vec<f64>,
    /// The same for OpenAI.
    pub openai_break_even: Vec<f64>,
}

impl ParameterScan {
    /// Whether a strict contract is in the zone of agreement at some scanned point.
    pub fn ever_in_zone(&self) -> bool {
        self.points.iter().any(|p| p.strict_in_zone > 0)
    }
}

/// Every `[ranges]` parameter of a scenario, scanned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrictScan {
    /// Points per parameter, the ends of the range included.
    pub points_per_parameter: usize,
    /// The parameters, in the order of `[ranges]`.
    pub parameters: Vec<ParameterScan>,
}

/// The strict April terms under the parameters `s`, at expected values, reported as the
/// parameter value `value`.
fn strict_at(s: &Params, value: f64) -> StrictAtPoint {
    let [contested, april] = contested_and_april(s);
    let strict = frontier_gap(&ValuedGrid::of(s), &april_terms).on_frontier_values;
    StrictAtPoint {
        value,
        april_gain: gain(contested, april),
        strict_on_frontier: strict.len(),
        strict_in_zone: strict
            .iter()
            .filter(|v| v[0] >= contested[0] && v[1] >= contested[1])
            .count(),
    }
}

/// Values (Microsoft, OpenAI, Amazon) of the contested state and of the April terms under
/// `s`, at expected values: the `contested` and `april terms` totals of `explain`.
fn contested_and_april(s: &Params) -> [[f64; 3]; 2] {
    let shocks = Shocks::expected(s);
    let econ = Economics::new(s, shocks.draws);
    let [contested, agreement] =
        contested_and_april_regimes(s, &econ, &shocks, &issue_preferences(s));
    [
        econ.evaluate(&s.contracts.status_quo, &contested),
        econ.evaluate(&s.contracts.april_2026, &agreement),
    ]
}

/// (Microsoft, OpenAI) value of the April terms minus that of the contested state.
fn gain(contested: [f64; 3], april: [f64; 3]) -> [f64; 2] {
    [april[0] - contested[0], april[1] - contested[1]]
}

/// Scans each of `ev`'s `[ranges]` parameters at `points` (≥ 2) evenly spaced values of its
/// range, the others at their scenario values (with the evaluator's `--set`). An invalid
/// point is an error: the documented ranges are meant to be valid throughout.
pub fn strict_scan(ev: &Evaluator, points: usize) -> Result<StrictScan, ScenarioError> {
    let points = points.max(2);
    let base: Vec<f64> = ev.params.iter().map(|p| p.base).collect();
    let mut parameters = Vec::with_capacity(ev.params.len());
    for (i, p) in ev.params.iter().enumerate() {
        let at = |x: f64| {
            let mut v = base.clone();
            v[i] = x;
            ev.scenario_at(&v)
        };
        let mut scanned = Vec::with_capacity(points);
        for k in 0..points {
            let x = p.at(k as f64 / (points - 1) as f64);
            scanned.push(strict_at(at(x)?.params(), x));
        }
        let mut crossings = [Vec::new(), Vec::new()];
        for w in scanned.windows(2) {
            for (player, found) in crossings.iter_mut().enumerate() {
                let (g0, g1) = (w[0].april_gain[player], w[1].april_gain[player]);
                if g0 == 0.0 {
                    push_once(found, w[0].value);
                } else if g0 * g1 < 0.0 {
                    let f = |x: f64| {
                        at(x).map(|sc| {
                            let [c, a] = contested_and_april(sc.params());
                            gain(c, a)[player]
                        })
                    };
                    // The root finder wants f > 0 at the bracket's first end.
                    let sign = g0.signum();
                    let g = |x: f64| f(x).map(|v| sign * v);
                    let x = if p.integer {
                        w[1].value
                    } else {
                        illinois(&g, (w[0].value, sign * g0), (w[1].value, sign * g1))?
                    };
                    push_once(found, x);
                }
            }
        }
        if let Some(last) = scanned.last() {
            for (player, found) in crossings.iter_mut().enumerate() {
                if last.april_gain[player] == 0.0 {
                    push_once(found, last.value);
                }
            }
        }
        let [microsoft_break_even, openai_break_even] = crossings;
        parameters.push(ParameterScan {
            path: p.path.clone(),
            range: [p.low, p.high],
            base: p.base,
            points: scanned,
            microsoft_break_even,
            openai_break_even,
        });
    }
    Ok(StrictScan {
        points_per_parameter: points,
        parameters,
    })
}

fn push_once(found: &mut Vec<f64>, x: f64) {
    if found.last() != Some(&x) {
        found.push(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::Bases;
    use crate::strategy::testing::AnyAgents;
    use crate::Scenario;

    const BASELINE: &str = include_str!("../../configs/april-2026.toml");

    fn evaluator(sets: &[&str]) -> Evaluator<'static> {
        let doc = Bases::single(BASELINE, "april-2026.toml").expect("parses");
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        Evaluator::new(doc, &sets, &AnyAgents, None, 1).expect("baseline loads")
    }

    fn scenario(sets: &[&str]) -> Scenario {
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        Scenario::from_toml(BASELINE, "april-2026.toml", &sets, &AnyAgents).expect("validates")
    }

    fn point(sets: &[&str]) -> StrictAtPoint {
        strict_at(scenario(sets).params(), 0.0)
    }

    #[test]
    fn a_point_reads_explain_at_expected_values() {
        let sc = scenario(&[]);
        let e = crate::explain::explain(&sc);
        let total = |state: &str| e.states.iter().find(|s| s.state == state).unwrap().totals;
        let (c, a) = (total("contested"), total("april terms"));
        let p = strict_at(sc.params(), 0.25);
        assert_eq!(p.value, 0.25);
        for i in 0..2 {
            assert!((p.april_gain[i] - (a[i] - c[i])).abs() < 1e-9);
        }
        // Microsoft prefers the dispute by $23.0B, OpenAI the April terms by $50.0B.
        assert!((p.april_gain[0] + 23.0).abs() < 0.05, "{:?}", p.april_gain);
        assert!((p.april_gain[1] - 50.0).abs() < 0.05, "{:?}", p.april_gain);
        assert_eq!(p.strict_on_frontier, e.strict.on_frontier);
        assert_eq!((p.strict_on_frontier, p.strict_in_zone), (0, 0));
    }

    #[test]
    fn break_even_of_the_base_dispute_matches_its_linear_closed_form() {
        // δ_base scales the revenue share Microsoft receives in the contested state (and the
        // claim investors price there) linearly and touches nothing else, so Microsoft's gain
        // is linear in it and its root follows from any two points.
        let g0 = point(&["microsoft.base_dispute_share=0"]).april_gain[0];
        let g1 = point(&["microsoft.base_dispute_share=0.5"]).april_gain[0];
        let mid = point(&["microsoft.base_dispute_share=0.25"]).april_gain[0];
        assert!(
            (mid - 0.5 * (g0 + g1)).abs() < 1e-6,
            "not linear: {g0} {mid} {g1}"
        );
        assert!(g0 < 0.0 && g1 > 0.0);
        let root = 0.5 * g0 / (g0 - g1);
        let scan = strict_scan(&evaluator(&[]), 5).expect("scan");
        let p = scan
            .parameters
            .iter()
            .find(|p| p.path == "microsoft.base_dispute_share")
            .unwrap();
        assert_eq!(p.microsoft_break_even.len(), 1);
        assert!(
            (p.microsoft_break_even[0] - root).abs() < 1e-9,
            "{:?} vs {root}",
            p.microsoft_break_even
        );
        assert!(p.openai_break_even.is_empty());
        // The scan's points span the range evenly and carry their own values.
        let values: Vec<f64> = p.points.iter().map(|q| q.value).collect();
        assert_eq!(values, vec![0.0, 0.125, 0.25, 0.375, 0.5]);
        assert!((p.points[0].april_gain[0] - g0).abs() < 1e-9);
        assert!((p.points[4].april_gain[0] - g1).abs() < 1e-9);
    }

    #[test]
    fn every_range_is_scanned_and_beliefs_leave_the_terms_alone() {
        let ev = evaluator(&[]);
        let scan = strict_scan(&ev, 3).expect("scan");
        assert_eq!(scan.points_per_parameter, 3);
        assert_eq!(
            scan.parameters
                .iter()
                .map(|p| p.path.clone())
                .collect::<Vec<_>>(),
            ev.names()
        );
        for p in &scan.parameters {
            assert_eq!(p.points.len(), 3);
            assert_eq!(p.points[0].value, p.range[0]);
            assert_eq!(p.points[2].value, p.range[1]);
            for q in &p.points {
                assert!(q.strict_in_zone <= q.strict_on_frontier);
            }
        }
        // The court-merit prior changes beliefs about a suit, not the value of the contested
        // state (no suit) or of the April terms: the gains do not move and nothing crosses.
        let merit = scan
            .parameters
            .iter()
            .find(|p| p.path == "litigation.win_probability_mean")
            .unwrap();
        let g: Vec<[f64; 2]> = merit.points.iter().map(|q| q.april_gain).collect();
        assert!(g
            .iter()
            .all(|x| (x[0] - g[0][0]).abs() < 1e-9 && (x[1] - g[0][1]).abs() < 1e-9));
        assert!(merit.microsoft_break_even.is_empty() && !merit.ever_in_zone());
    }

    #[test]
    fn a_patient_openai_puts_strict_contracts_on_the_frontier() {
        // A cap moves the revenue share's tail from Microsoft to OpenAI, so it is an efficient
        // transfer only when OpenAI values that tail enough: at ρ_O = 0.2 strict contracts join
        // the frontier, at 0.4 none does.
        assert!(point(&["discount.openai=0.2"]).strict_on_frontier > 0);
        assert_eq!(point(&["discount.openai=0.4"]).strict_on_frontier, 0);
    }

    #[test]
    fn at_the_costly_dispute_corner_strict_contracts_enter_the_zone() {
        let corner = [
            "agi.contested_hazard_multiplier=3",
            "agi.hazard_per_year=0.08",
            "microsoft.base_dispute_share=0.5",
            "discount.openai=0.2",
        ];
        let p = point(&corner);
        assert!(
            p.april_gain[0] > 0.0 && p.april_gain[1] > 0.0,
            "{:?}",
            p.april_gain
        );
        assert!(p.strict_in_zone > 0 && p.strict_in_zone <= p.strict_on_frontier);
        // Raising OpenAI's impatience there takes them out of the frontier again.
        let scan = strict_scan(&evaluator(&corner), 9).expect("scan");
        let rho = scan
            .parameters
            .iter()
            .find(|p| p.path == "discount.openai")
            .unwrap();
        assert!(rho.ever_in_zone());
        assert_eq!(rho.points.last().unwrap().strict_on_frontier, 0);
    }
}
