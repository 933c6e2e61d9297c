//! The crate's typed errors: every way user input (names, probabilities, games, files) can be
//! rejected. Nothing in this crate panics on user input.

use thiserror::Error;

/// An invalid game, strategy name, setting or checkpoint.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum RepeatedError {
    /// No strategy has this name.
    #[error("unknown strategy {name:?}; run `pactsim strategies` for the {count} allowed names")]
    UnknownStrategy {
        /// The name given.
        name: String,
        /// How many strategies exist.
        count: usize,
    },
    /// A strategy that needs a 2×2 game was given a larger one.
    #[error("strategy {strategy:?} needs a 2×2 game (C = action 0, D = action 1), but the game is {rows}×{cols}")]
    NeedsTwoByTwo {
        /// The strategy.
        strategy: String,
        /// Row player's action count.
        rows: usize,
        /// Column player's action count.
        cols: usize,
    },
    /// A "play action k" strategy names an action the player does not have.
    #[error("strategy {strategy:?} plays action {action}, but that player has only {available} actions (0 to {})", available.saturating_sub(1))]
    NoSuchAction {
        /// The strategy.
        strategy: String,
        /// The action index.
        action: usize,
        /// Actions available.
        available: usize,
    },
    /// A probability outside [0, 1] (or not finite).
    #[error("{what} = {value}: allowed values are probabilities in [0, 1]")]
    Probability {
        /// Which setting.
        what: String,
        /// The value given.
        value: f64,
    },
    /// Any other invalid setting.
    #[error("{what} = {value}: {allowed}")]
    Invalid {
        /// Which setting.
        what: String,
        /// The value given, as text.
        value: String,
        /// What is allowed.
        allowed: String,
    },
    /// A malformed game.
    #[error("invalid game: {0}")]
    Game(String),
    /// A checkpoint that cannot be resumed.
    #[error("checkpoint {path}: {message}")]
    Checkpoint {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// An I/O failure (checkpoint file).
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The error text.
        message: String,
    },
}

impl RepeatedError {
    /// Whether the error is the user's input (everything but I/O failures).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, RepeatedError::Io { .. })
    }
}

/// Checks that `value` is a probability, naming the setting in the error.
pub(crate) fn check_probability(what: &str, value: f64) -> Result<f64, RepeatedError> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(RepeatedError::Probability {
            what: what.to_string(),
            value,
        })
    }
}
