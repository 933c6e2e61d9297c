//! Pure numerics for "what drives it" analyses of a stochastic simulator, independent of the
//! pactsim model (this crate does not depend on `sim`): it takes parameter points in the unit
//! hypercube or in parameter units, and model outputs at those points, and returns statistics.
//!
//! - [`sobol`]: Saltelli sampling and variance-based Sobol indices (first-order, total) with
//!   bootstrap confidence intervals.
//! - [`morris`]: bootstrap confidence intervals on Morris's μ*.
//! - [`ranking`]: is a ranking by an index settled, given the indices' intervals?
//! - [`prim`]: the Patient Rule Induction Method (scenario discovery).
//! - [`abc`]: approximate Bayesian computation by rejection.
//! - [`design`]: Latin hypercube samples.
//! - [`stats`]: percentiles, means and the binomial tail used by the others.
//!
//! Every random choice is seeded: the same inputs and seed give the same bytes for any number
//! of threads.

pub mod abc;
pub mod design;
pub mod morris;
pub mod prim;
pub mod ranking;
pub mod sobol;
pub mod stats;

use rand::SeedableRng;

/// The random-number generator of this crate: ChaCha with 8 rounds, as in `sim`.
pub type Rng = rand_chacha::ChaCha8Rng;

/// Errors of the analyses: inputs whose shapes or values do not fit.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    /// A size or shape mismatch, or an empty input.
    #[error("{0}")]
    Shape(String),
    /// An option outside its allowed values.
    #[error("{0}")]
    Option(String),
}

/// SplitMix64 finaliser: a well-mixed 64-bit hash of `x`.
pub fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The independent random stream number `index` of `seed` (e.g. bootstrap replicate `index`,
/// or ABC draw `index`): the same stream whichever thread computes it.
pub fn stream(seed: u64, purpose: u64, index: u64) -> Rng {
    Rng::seed_from_u64(splitmix64(
        splitmix64(seed ^ splitmix64(purpose)).wrapping_add(index),
    ))
}
