//! Merlo–Wilson (1995) stochastic bargaining with complete information: two players split a
//! pie whose size follows a finite Markov chain, with a common discount factor δ and a proposer
//! drawn each period. The stationary subgame-perfect payoffs are unique. Let W(s) be the
//! joint value of state s:
//!
//! ```text
//! W(s) = max( π(s), δ·E[W(s') | s] )
//! ```
//!
//! The players agree at once in s exactly when the pie today is at least the discounted
//! expected joint value of waiting, π(s) ≥ δ·E[W(s') | s]: the state is in the *acceptance
//! region*. Outside it they wait, and the delay is efficient. In the region, the proposer
//! offers the responder its discounted continuation value and keeps the rest. Player 1's value
//! V₁ is the fixed point of
//!
//! ```text
//! V₁(s) = 1{agree}·ρ(s)·(π(s) − δ·E[W(s') | s]) + δ·E[V₁(s') | s]
//! ```
//!
//! where ρ(s) is the probability that player 1 proposes in s, and V₂ = W − V₁.
//!
//! Reference: Merlo, A. & Wilson, C. (1995) "A stochastic model of sequential bargaining with
//! complete information", *Econometrica* 63(2):371–399.

use super::{check_delta, check_range, BargainingError};

/// A stochastic pie: sizes per state, a row-stochastic transition matrix, and the probability
/// that player 1 proposes in each state.
#[derive(Debug, Clone, PartialEq)]
pub struct StochasticPie {
    /// π(s) ≥ 0, the size of the pie in each state.
    pub pies: Vec<f64>,
    /// `transition[s][t]` = P(next state t | state s); each row sums to 1.
    pub transition: Vec<Vec<f64>>,
    /// ρ(s) ∈ [0, 1], the probability that player 1 proposes in state s.
    pub proposer_one: Vec<f64>,
    /// The common discount factor δ ∈ [0, 1).
    pub delta: f64,
}

/// The stationary SPE of a [`StochasticPie`], per state.
#[derive(Debug, Clone, PartialEq)]
pub struct StochasticSolution {
    /// W(s): the joint value.
    pub joint: Vec<f64>,
    /// V₁(s): player 1's value.
    pub player_one: Vec<f64>,
    /// V₂(s) = W(s) − V₁(s): player 2's value.
    pub player_two: Vec<f64>,
    /// Whether s is in the acceptance region (the players agree at once).
    pub agree: Vec<bool>,
}

/// Tolerance of a transition row's sum.
const ROW_SUM_TOLERANCE: f64 = 1e-9;

/// Accuracy of the values, relative to the largest pie. A δ-contraction whose last step moved
/// no entry by more than m is within δ·m/(1 − δ) of its fixed point, so the iteration stops
/// when m ≤ CONVERGED·(1 − δ)·(largest pie).
const CONVERGED: f64 = 1e-13;

impl StochasticPie {
    /// Every problem of the inputs, each naming its entry (`delta`, `pies[2]`,
    /// `transition[1]`, `transition[1][0]`, `proposer_one[0]`): at least one state, one
    /// transition row and one proposer probability per state, finite non-negative pies,
    /// probability rows that sum to 1, proposer probabilities in [0, 1], δ ∈ [0, 1). Empty
    /// when the pie is valid.
    pub fn problems(&self) -> Vec<BargainingError> {
        let mut out = Vec::new();
        let mut bad = |path: String, value: String, allowed: &'static str| {
            out.push(BargainingError::InvalidEntry {
                path,
                value,
                allowed,
            })
        };
        let prob = |x: f64| x.is_finite() && (0.0..=1.0).contains(&x);
        if !(self.delta.is_finite() && (0.0..1.0).contains(&self.delta)) {
            bad(
                "delta".into(),
                self.delta.to_string(),
                "a discount factor in [0, 1)",
            );
        }
        let n = self.pies.len();
        if n == 0 {
            bad(
                "pies".into(),
                "[]".into(),
                "one size per state, at least one state",
            );
        }
        for (i, &p) in self.pies.iter().enumerate() {
            if !(p.is_finite() && p >= 0.0) {
                bad(format!("pies[{i}]"), p.to_string(), "a finite size ≥ 0");
            }
        }
        if self.proposer_one.len() != n {
            bad(
                "proposer_one".into(),
                format!("{} entries", self.proposer_one.len()),
                "one probability per state (as many as pies)",
            );
        }
        for (i, &r) in self.proposer_one.iter().enumerate() {
            if !prob(r) {
                bad(
                    format!("proposer_one[{i}]"),
                    r.to_string(),
                    "a probability in [0, 1]",
                );
            }
        }
        if self.transition.len() != n {
            bad(
                "transition".into(),
                format!("{} rows", self.transition.len()),
                "one row per state (as many as pies)",
            );
        }
        for (i, row) in self.transition.iter().enumerate() {
            if row.len() != n {
                bad(
                    format!("transition[{i}]"),
                    format!("{} entries", row.len()),
                    "one probability per state (as many as pies)",
                );
                continue;
            }
            let mut entries_ok = true;
            for (j, &q) in row.iter().enumerate() {
                if !prob(q) {
                    bad(
                        format!("transition[{i}][{j}]"),
                        q.to_string(),
                        "a probability in [0, 1]",
                    );
                    entries_ok = false;
                }
            }
            let sum: f64 = row.iter().sum();
            if entries_ok && (sum - 1.0).abs() > ROW_SUM_TOLERANCE {
                bad(
                    format!("transition[{i}]"),
                    format!("a row summing to {sum}"),
                    "each row of the transition matrix sums to 1",
                );
            }
        }
        out
    }

    /// The first of [`StochasticPie::problems`], if any.
    pub fn validate(&self) -> Result<(), BargainingError> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// E[x(s') | s] for every s.
    fn expect(&self, x: &[f64]) -> Vec<f64> {
        self.transition
            .iter()
            .map(|row| row.iter().zip(x).map(|(q, v)| q * v).sum())
            .collect()
    }

    /// The stationary SPE by value iteration (a δ-contraction, so it converges for any δ < 1),
    /// each value within about 1e-13 of the largest pie. `max_iterations` bounds the work: about
    /// 30/(1 − δ) steps are needed (10⁶ is ample for δ ≤ 0.9999); too few is an error.
    pub fn solve(&self, max_iterations: usize) -> Result<StochasticSolution, BargainingError> {
        self.validate()?;
        let scale = self.pies.iter().fold(1.0f64, |m, p| m.max(*p));
        let tol = CONVERGED * (1.0 - self.delta) * scale;
        let delta = self.delta;
        // W ← max(π, δ·E[W]).
        let joint = fixed_point(
            self.pies.clone(),
            tol,
            max_iterations,
            "Merlo–Wilson joint value",
            |w| {
                let wait = self.expect(w);
                self.pies
                    .iter()
                    .zip(&wait)
                    .map(|(p, e)| p.max(delta * e))
                    .collect()
            },
        )?;
        let wait = self.expect(&joint);
        let agree: Vec<bool> = self
            .pies
            .iter()
            .zip(&wait)
            .map(|(p, w)| *p >= delta * w)
            .collect();
        // What player 1 gains in s when agreeing now, before continuation.
        let gain: Vec<f64> = (0..self.pies.len())
            .map(|s| {
                if agree[s] {
                    self.proposer_one[s] * (self.pies[s] - delta * wait[s])
                } else {
                    0.0
                }
            })
            .collect();
        // V₁ ← gain + δ·E[V₁].
        let one = fixed_point(
            gain.clone(),
            tol,
            max_iterations,
            "Merlo–Wilson player value",
            |v| {
                let cont = self.expect(v);
                gain.iter().zip(&cont).map(|(g, c)| g + delta * c).collect()
            },
        )?;
        let two = joint.iter().zip(&one).map(|(w, v)| w - v).collect();
        Ok(StochasticSolution {
            joint,
            player_one: one,
            player_two: two,
            agree,
        })
    }
}

/// Iterates `x ← step(x)` from `start` until no entry moves by more than `tol`, at most
/// `max_iterations` times (`what` names the value in the error otherwise).
fn fixed_point(
    start: Vec<f64>,
    tol: f64,
    max_iterations: usize,
    what: &'static str,
    step: impl Fn(&[f64]) -> Vec<f64>,
) -> Result<Vec<f64>, BargainingError> {
    let mut x = start;
    for _ in 0..max_iterations {
        let next = step(&x);
        let moved = max_change(&x, &next);
        x = next;
        if moved <= tol {
            return Ok(x);
        }
    }
    Err(BargainingError::NoConvergence(what))
}

fn max_change(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// The two-state i.i.d. case in closed form: each period the pie is `high` with probability
/// `p_high` and `low` otherwise (0 ≤ low ≤ high), common δ. Returns whether the players agree
/// in the low state and the expected joint value E\[W\] before the state is drawn. Agreeing in
/// both states gives E\[W\] = p·high + (1 − p)·low, consistent iff low ≥ δ·E\[W\]; otherwise they
/// wait in the low state and E\[W\] = p·high / (1 − (1 − p)·δ). The high state is always in the
/// acceptance region.
pub fn two_state_iid(
    high: f64,
    low: f64,
    p_high: f64,
    delta: f64,
) -> Result<(bool, f64), BargainingError> {
    check_delta(delta)?;
    check_range("high pie", high, 0.0, f64::MAX, false, "a finite size ≥ 0")?;
    check_range("low pie", low, 0.0, high, false, "a size in [0, high]")?;
    check_range("p_high", p_high, 0.0, 1.0, false, "a probability in [0, 1]")?;
    let both = p_high * high + (1.0 - p_high) * low;
    if low >= delta * both {
        Ok((true, both))
    } else {
        Ok((false, p_high * high / (1.0 - (1.0 - p_high) * delta)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iid(high: f64, low: f64, p: f64, delta: f64) -> StochasticPie {
        StochasticPie {
            pies: vec![high, low],
            transition: vec![vec![p, 1.0 - p], vec![p, 1.0 - p]],
            proposer_one: vec![0.5, 0.5],
            delta,
        }
    }

    #[test]
    fn two_state_closed_form_values() {
        // high 1, low 0.5, p 0.5: at δ = 0.9 waiting out the low state is efficient,
        // E[W] = 0.5 / (1 − 0.45) = 0.909091 and δ·E[W] = 0.818182 > 0.5.
        let (agree_low, ew) = two_state_iid(1.0, 0.5, 0.5, 0.9).unwrap();
        assert!(!agree_low);
        assert!((ew - 0.5 / 0.55).abs() < 1e-12);
        // At δ = 0.6 they agree in both: E[W] = 0.75 and δ·E[W] = 0.45 ≤ 0.5.
        let (agree_low, ew) = two_state_iid(1.0, 0.5, 0.5, 0.6).unwrap();
        assert!(agree_low);
        assert!((ew - 0.75).abs() < 1e-12);
        // The boundary: low = δ·E[W] with agreement in both, δ = 0.5/0.75 = 2/3.
        let (agree_low, _) = two_state_iid(1.0, 0.5, 0.5, 2.0 / 3.0 - 1e-9).unwrap();
        assert!(agree_low);
        let (agree_low, _) = two_state_iid(1.0, 0.5, 0.5, 2.0 / 3.0 + 1e-6).unwrap();
        assert!(!agree_low);
    }

    /// The value iteration classifies states as the two-line closed form does, and finds the
    /// same expected joint value, over a grid of pies, probabilities and discount factors.
    #[test]
    fn value_iteration_matches_the_closed_form() {
        for &delta in &[0.0, 0.3, 0.6, 0.9, 0.99] {
            for &p in &[0.0, 0.1, 0.5, 0.9, 1.0] {
                for &low in &[0.0, 0.2, 0.5, 0.8, 1.0] {
                    let (agree_low, ew) = two_state_iid(1.0, low, p, delta).unwrap();
                    let sol = iid(1.0, low, p, delta).solve(1_000_000).unwrap();
                    let ew_vi = p * sol.joint[0] + (1.0 - p) * sol.joint[1];
                    let at = format!("δ {delta} p {p} low {low}");
                    assert!(sol.agree[0], "{at}");
                    assert_eq!(sol.agree[1], agree_low, "{at}");
                    assert!((ew_vi - ew).abs() < 1e-12, "{at}: {ew_vi} vs {ew}");
                    for s in 0..2 {
                        let sum = sol.player_one[s] + sol.player_two[s];
                        assert!((sum - sol.joint[s]).abs() < 1e-12, "{at}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_constant_pie_is_split_at_once_by_recognition() {
        // One state: immediate agreement, and player 1's value is its chance to propose
        // (proposer keeps 1 − δ·V₂; averaged over who proposes this gives V₁ = ρ).
        for &(rho, delta) in &[(0.5, 0.9), (0.3, 0.5), (1.0, 0.99), (0.0, 0.2)] {
            let pie = StochasticPie {
                pies: vec![1.0],
                transition: vec![vec![1.0]],
                proposer_one: vec![rho],
                delta,
            };
            let sol = pie.solve(1_000_000).unwrap();
            assert!(sol.agree[0]);
            assert!((sol.joint[0] - 1.0).abs() < 1e-12);
            assert!(
                (sol.player_one[0] - rho).abs() < 1e-9,
                "{rho} {delta}: {sol:?}"
            );
        }
    }

    #[test]
    fn a_growing_pie_is_worth_waiting_for() {
        // State 0 (pie 1) moves to the absorbing state 1 (pie 2) for sure: agree now iff
        // 1 ≥ δ·2, i.e. δ ≤ 0.5. Waiting is efficient delay, not a failure to agree.
        for &(delta, now) in &[(0.4, true), (0.5, true), (0.6, false), (0.9, false)] {
            let pie = StochasticPie {
                pies: vec![1.0, 2.0],
                transition: vec![vec![0.0, 1.0], vec![0.0, 1.0]],
                proposer_one: vec![1.0, 0.5],
                delta,
            };
            let sol = pie.solve(1_000_000).unwrap();
            assert_eq!(sol.agree[0], now, "δ {delta}");
            assert!(sol.agree[1]);
            let w0 = if now { 1.0 } else { 2.0 * delta };
            assert!((sol.joint[0] - w0).abs() < 1e-12, "δ {delta}: {sol:?}");
            // In the absorbing state the split is by recognition: V₁ = 0.5·2.
            assert!((sol.player_one[1] - 1.0).abs() < 1e-12);
            // Player 1 proposes in state 0: if agreeing now it keeps 1 − δ·V₂(1) = 1 − δ.
            if now {
                assert!((sol.player_one[0] - (1.0 - delta)).abs() < 1e-12, "{sol:?}");
            } else {
                assert!((sol.player_one[0] - delta).abs() < 1e-12, "{sol:?}");
            }
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let ok = iid(1.0, 0.5, 0.5, 0.9);
        assert!(ok.validate().is_ok());
        let mut bad = ok.clone();
        bad.delta = 1.0;
        assert!(bad.solve(10).is_err());
        let mut bad = ok.clone();
        bad.transition[1] = vec![0.5, 0.6];
        assert_eq!(
            bad.validate().unwrap_err().to_string(),
            "invalid transition[1] = a row summing to 1.1: each row of the transition matrix \
             sums to 1"
        );
        // Every problem is listed, each with its entry.
        let mut bad = ok.clone();
        bad.delta = -0.1;
        bad.pies[1] = -1.0;
        bad.proposer_one[0] = 2.0;
        bad.transition[0][1] = f64::NAN;
        let paths: Vec<String> = bad
            .problems()
            .iter()
            .map(|e| match e {
                BargainingError::InvalidEntry { path, .. } => path.clone(),
                other => panic!("{other}"),
            })
            .collect();
        assert_eq!(
            paths,
            ["delta", "pies[1]", "proposer_one[0]", "transition[0][1]"]
        );
        let mut bad = ok.clone();
        bad.pies[0] = f64::NAN;
        assert!(bad.validate().is_err());
        let mut bad = ok.clone();
        bad.proposer_one.pop();
        assert_eq!(
            bad.validate().unwrap_err().to_string(),
            "invalid proposer_one = 1 entries: one probability per state (as many as pies)"
        );
        let mut bad = ok.clone();
        bad.transition[0] = vec![1.0];
        assert!(bad.validate().is_err());
        let empty = StochasticPie {
            pies: vec![],
            transition: vec![],
            proposer_one: vec![],
            delta: 0.5,
        };
        assert!(empty.validate().is_err());
        assert!(two_state_iid(1.0, 1.5, 0.5, 0.9).is_err());
        assert!(two_state_iid(1.0, 0.5, 1.5, 0.9).is_err());
        // Too few iterations to converge is reported, not a silent answer.
        assert_eq!(
            iid(1.0, 0.5, 0.5, 0.999).solve(3),
            Err(BargainingError::NoConvergence("Merlo–Wilson joint value"))
        );
    }
}
