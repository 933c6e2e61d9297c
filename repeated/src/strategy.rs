//! The [`Strategy`] trait, its Axelrod-style [`Classifier`], and the [`Context`] of the match a
//! strategy plays in (its own payoffs, action counts and, when known, the match length).

use crate::action::{Action, C, D};
use crate::history::History;
use crate::seed::{uniform, MatchRng};
use serde::Serialize;

/// Static properties of a strategy (as Axelrod's `classifier` dict).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Classifier {
    /// How many past turns the choice depends on; `None` = unbounded.
    pub memory_depth: Option<u32>,
    /// Draws random numbers.
    pub stochastic: bool,
    /// Reads the game's payoffs.
    pub uses_payoffs: bool,
    /// Reads the match length (only known for fixed-length matches).
    pub uses_length: bool,
    /// Only defined for 2×2 games (C = 0, D = 1).
    pub two_by_two_only: bool,
}

impl Classifier {
    /// A deterministic, 2×2-only strategy with the given memory depth.
    pub const fn memory(depth: Option<u32>) -> Classifier {
        Classifier {
            memory_depth: depth,
            stochastic: false,
            uses_payoffs: false,
            uses_length: false,
            two_by_two_only: true,
        }
    }

    /// The same, but stochastic.
    pub const fn random(self) -> Classifier {
        Classifier {
            stochastic: true,
            ..self
        }
    }

    /// The same, but reading the payoffs.
    pub const fn payoffs(self) -> Classifier {
        Classifier {
            uses_payoffs: true,
            ..self
        }
    }

    /// The same, but reading the match length.
    pub const fn length(self) -> Classifier {
        Classifier {
            uses_length: true,
            ..self
        }
    }

    /// The same, but valid in any m×n game.
    pub const fn any_game(self) -> Classifier {
        Classifier {
            two_by_two_only: false,
            ..self
        }
    }
}

/// The match as one player sees it.
#[derive(Debug, Clone)]
pub struct Context {
    /// This player's number of actions.
    pub own_actions: usize,
    /// The opponent's number of actions.
    pub opp_actions: usize,
    /// The match length when fixed and known in advance; `None` with a per-turn end
    /// probability (Axelrod's infinite length).
    pub length: Option<u32>,
    /// This player's payoffs: entry `own * opp_actions + opp`.
    pub payoffs: Vec<f64>,
}

impl Context {
    /// This player's payoff when it plays `own` and the opponent `opp`.
    #[inline]
    pub fn payoff(&self, own: Action, opp: Action) -> f64 {
        self.payoffs[usize::from(own) * self.opp_actions + usize::from(opp)]
    }

    /// Axelrod's (R, P, S, T) of a 2×2 game from this player's point of view.
    pub fn rpst(&self) -> (f64, f64, f64, f64) {
        (
            self.payoff(C, C),
            self.payoff(D, D),
            self.payoff(C, D),
            self.payoff(D, C),
        )
    }
}

/// A strategy of a repeated game. One instance plays one match at a time; [`Strategy::reset`]
/// returns it to its initial state.
pub trait Strategy: Send {
    /// The next action, from the history so far (both players' actions as actually played,
    /// i.e. after noise), the match context, and this player's own random stream.
    fn choose(&mut self, history: &History<'_>, ctx: &Context, rng: &mut MatchRng) -> Action;

    /// The strategy's classifier. Default: deterministic, unbounded memory, 2×2 only.
    fn classifier(&self) -> Classifier {
        Classifier::memory(None)
    }

    /// Memory depth (`None` = unbounded).
    fn memory_depth(&self) -> Option<u32> {
        self.classifier().memory_depth
    }

    /// Whether the strategy draws random numbers.
    fn stochastic(&self) -> bool {
        self.classifier().stochastic
    }

    /// Whether the strategy reads the game's payoffs.
    fn uses_payoffs(&self) -> bool {
        self.classifier().uses_payoffs
    }

    /// Whether the strategy reads the match length.
    fn uses_length(&self) -> bool {
        self.classifier().uses_length
    }

    /// Returns to the state before the first turn. Default: nothing to reset.
    fn reset(&mut self) {}
}

/// Axelrod's `random_choice(p)`: C with probability `p`, else D; no draw when `p` is 0 or 1.
#[inline]
pub(crate) fn random_choice(rng: &mut MatchRng, p: f64) -> Action {
    if p <= 0.0 {
        D
    } else if p >= 1.0 || uniform(rng) < p {
        C
    } else {
        D
    }
}
