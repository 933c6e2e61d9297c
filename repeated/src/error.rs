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
    /// A request over a documented size limit that depends on several settings (see
    /// [`crate::limits`]).
    #[error("{what} = {value}: {allowed}")]
    TooLarge {
        /// The settings it depends on, as file keys (`repetitions`, `turns`, …), the one to
        /// blame first.
        keys: Vec<String>,
        /// What is counted, e.g. "repetitions × matches per repetition × turns".
        what: String,
        /// The count, e.g. "10 × 6 × 1000000 = 60000000".
        value: String,
        /// The limit, why, and what to lower.
        allowed: String,
    },
    /// Payoffs so large that a total of them could overflow (see [`crate::limits::MAX_SCORE`]).
    #[error(
        "payoffs too large for these settings: the largest payoff magnitude of game {game} is \
         {largest:e}, and {total} is a sum of up to {count} payoffs; allowed: largest |payoff| \
         × {count} ≤ {limit:e}, i.e. payoffs within ±{max} with these settings (so that every \
         score stays finite); rescale the game's payoffs or play fewer turns",
        limit = crate::limits::MAX_SCORE,
        max = crate::limits::short(crate::limits::MAX_SCORE / *count as f64)
    )]
    PayoffsTooLarge {
        /// The game's name.
        game: String,
        /// Its largest payoff magnitude.
        largest: f64,
        /// The largest total, e.g. "a match score of 200 turns".
        total: String,
        /// How many payoffs that total adds up.
        count: u128,
        /// The settings it depends on, as file keys, `game` first.
        keys: Vec<String>,
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

/// The setting an error is about, for callers that report it at a flag or at a file's line.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The settings involved, as file keys (`turns`, `prob_end`, `noise`, `repetitions`,
    /// `players`, `game`, …), the one to blame first.
    pub keys: Vec<String>,
    /// The value given, when the error is about one setting's value (else `None`, and the
    /// error's own text says what is wrong).
    pub value: Option<String>,
    /// What is allowed (with `value`), or the whole message.
    pub message: String,
}

impl RepeatedError {
    /// Whether the error is the user's input (everything but I/O failures).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, RepeatedError::Io { .. })
    }

    /// The setting this error is about, if any: its key, the value given and what is allowed.
    pub fn setting(&self) -> Option<Setting> {
        let one = |key: &str, value: String, message: String| Setting {
            keys: vec![key.to_string()],
            value: Some(value),
            message,
        };
        let whole = |keys: Vec<String>| Setting {
            keys,
            value: None,
            message: self.to_string(),
        };
        match self {
            RepeatedError::Probability { what, value } => Some(one(
                what,
                value.to_string(),
                "allowed values are probabilities in [0, 1]".into(),
            )),
            RepeatedError::Invalid {
                what,
                value,
                allowed,
            } => Some(match what.as_str() {
                "population size" => whole(vec!["players".into()]),
                _ => one(what, value.clone(), allowed.clone()),
            }),
            RepeatedError::TooLarge { keys, .. } | RepeatedError::PayoffsTooLarge { keys, .. } => {
                Some(whole(keys.clone()))
            }
            RepeatedError::Game(_) => Some(whole(vec!["game".into()])),
            RepeatedError::UnknownStrategy { .. }
            | RepeatedError::NeedsTwoByTwo { .. }
            | RepeatedError::NoSuchAction { .. } => Some(whole(vec!["players".into()])),
            RepeatedError::Checkpoint { .. } | RepeatedError::Io { .. } => None,
        }
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

/// Checks that a count (`repetitions`, `max_generations`) is at least 1, naming the setting.
pub(crate) fn check_positive(what: &str, value: u32) -> Result<u32, RepeatedError> {
    if value == 0 {
        Err(RepeatedError::Invalid {
            what: what.to_string(),
            value: "0".into(),
            allowed: "allowed values are 1 or more".into(),
        })
    } else {
        Ok(value)
    }
}
