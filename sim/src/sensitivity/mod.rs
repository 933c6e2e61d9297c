//! Sensitivity analysis over the documented parameter ranges of a scenario (`[ranges]`).
//!
//! - `design`: the parameters, the one-at-a-time and Morris designs and their statistics
//!   (pure).
//! - `target`: what is measured at a point ([`Target`]).
//! - `analysis`: the driver of `pactsim sensitivity` — evaluation points → validated
//!   scenarios → runs (the cell loop shared with sweeps, [`crate::runner::run_cells`]) →
//!   statistics → [`crate::reports::SensitivitySummary`] and the results files.

mod analysis;
mod design;
mod target;

pub use analysis::{Analysis, MorrisOptions, Point};
pub use design::{morris_design, morris_effects, parameters, MorrisEffect, Parameter, Trajectory};
pub use target::{LitigationRate, Measure, Target};

use crate::output::OutputError;

/// Error of a sensitivity analysis.
#[derive(Debug, thiserror::Error)]
pub enum SensitivityError {
    /// Bad input (exit code 2): an option out of range, an unknown target, too many points.
    #[error("{0}")]
    Bad(String),
    /// Writing the results directory failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl SensitivityError {
    /// True when the error is the user's input (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            SensitivityError::Bad(_) => true,
            SensitivityError::Output(o) => o.is_bad_input(),
        }
    }
}
