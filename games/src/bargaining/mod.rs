//! Cooperative and non-cooperative bargaining solutions with closed forms; each module cites
//! the paper it follows.
//!
//! One concept per file: [`nash`] (weighted Nash bargaining: TU closed form, finite sets, 2-player
//! frontiers), [`kalai_smorodinsky`], [`frontier`] (a 2-player concave Pareto frontier and its
//! numerics), [`rubinstein`] (alternating offers, continuous-time limit, Shaked–Sutton),
//! [`outside_option`] (Binmore–Rubinstein–Wolinsky), [`baron_ferejohn`] (stationary values:
//! unanimity, veto hub, majority), [`nash_in_nash`] (bilateral contracts in a hub network),
//! [`shapley`] (Shapley value and core check), [`holdup`] (hold-up investment) and
//! [`stochastic`] (Merlo–Wilson: a pie that follows a Markov chain, the acceptance region and
//! efficient delay). All functions are pure and validate their inputs.

pub mod baron_ferejohn;
pub mod frontier;
pub mod holdup;
pub mod kalai_smorodinsky;
pub mod nash;
pub mod nash_in_nash;
pub mod outside_option;
pub mod rubinstein;
pub mod shapley;
pub mod stochastic;

use thiserror::Error;

/// Invalid bargaining input, or a problem without a solution.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BargainingError {
    /// A parameter is outside its allowed range.
    #[error("invalid {name} = {value}: {allowed}")]
    InvalidParameter {
        /// Parameter name.
        name: &'static str,
        /// Value given.
        value: String,
        /// What is allowed.
        allowed: &'static str,
    },
    /// An entry of a structured input is invalid; `path` names it (e.g. `transition[1]`).
    #[error("invalid {path} = {value}: {allowed}")]
    InvalidEntry {
        /// Where in the input, e.g. `pies[2]`.
        path: String,
        /// The value given.
        value: String,
        /// What is allowed.
        allowed: &'static str,
    },
    /// Vectors that must have matching lengths do not.
    #[error("{what}: expected length {expected}, got {got}")]
    LengthMismatch {
        /// Which input.
        what: &'static str,
        /// Required length.
        expected: usize,
        /// Length given.
        got: usize,
    },
    /// No feasible point improves on the disagreement point.
    #[error("no feasible agreement: {0}")]
    Infeasible(String),
    /// A fixed-point iteration did not converge.
    #[error("{0} did not converge")]
    NoConvergence(&'static str),
}

/// Checks `lo <= value <= hi` (with `open_hi`: `value < hi`) and finiteness.
/// Checks a discount factor δ ∈ [0, 1).
pub(crate) fn check_delta(delta: f64) -> Result<(), BargainingError> {
    check_range(
        "delta",
        delta,
        0.0,
        1.0,
        true,
        "a discount factor in [0, 1)",
    )
}

pub(crate) fn check_range(
    name: &'static str,
    value: f64,
    lo: f64,
    hi: f64,
    open_hi: bool,
    allowed: &'static str,
) -> Result<(), BargainingError> {
    let ok = value.is_finite() && value >= lo && if open_hi { value < hi } else { value <= hi };
    if ok {
        Ok(())
    } else {
        Err(BargainingError::InvalidParameter {
            name,
            value: value.to_string(),
            allowed,
        })
    }
}
