//! `noisy(NAME, P)`: a noise transformer around any catalogue strategy. As proposer, after the
//! wrapped strategy has chosen its move, with probability P the move is replaced by one drawn
//! uniformly from the moves the engine allows the player now (waiting and its legal unilateral
//! moves). Responses are the wrapped strategy's (the engine hands a random stream to proposers
//! only).
//!
//! The noise draws come from a stream of their own, derived from the agent's stream of the run
//! (same key, stream id + [`NOISE_STREAM_OFFSET`]): the wrapped strategy sees exactly the draws
//! it would see unwrapped, so `noisy(X, 0)` plays exactly as X, and `noisy(X, P)` departs from X
//! only in the rounds where the noise fires, reproducibly for a given seed.

use rand::{RngExt, SeedableRng};
use sim::contract::Contract;
use sim::player::Coalition;
use sim::rng::RunKey;
use sim::strategy::{Move, Response, Strategy, StrategyFactory, View};
use sim::SimRng;

/// Added to the agent's stream id to get the noise stream id.
pub(crate) const NOISE_STREAM_OFFSET: u64 = 1 << 32;

/// Splits `noisy(NAME, P)` into (NAME, P as written); `None` when `name` is not of that form.
pub(crate) fn split_name(name: &str) -> Option<(&str, &str)> {
    let inner = name.trim().strip_prefix("noisy(")?.strip_suffix(')')?;
    let (base, p) = inner.rsplit_once(',')?;
    Some((base.trim(), p.trim()))
}

/// Builds [`Noisy`] agents.
pub(crate) struct NoisyFactory {
    /// The wrapped strategy's factory.
    pub base: Box<dyn StrategyFactory>,
    /// Probability of replacing a proposer's move.
    pub p: f64,
}

impl StrategyFactory for NoisyFactory {
    fn create(&self, run: &RunKey) -> Box<dyn Strategy> {
        Box::new(Noisy {
            base: self.base.create(run),
            p: self.p,
            noise: None,
        })
    }
}

/// A strategy whose proposer moves are replaced by random legal ones with probability p.
pub(crate) struct Noisy {
    base: Box<dyn Strategy>,
    p: f64,
    noise: Option<SimRng>,
}

impl Strategy for Noisy {
    fn name(&self) -> &'static str {
        "noisy"
    }

    fn propose(&mut self, view: &View<'_>, rng: &mut SimRng) -> Move {
        let mv = self.base.propose(view, rng);
        if self.p <= 0.0 || view.legal.is_empty() {
            return mv;
        }
        let noise = self.noise.get_or_insert_with(|| {
            let mut r = SimRng::from_seed(rng.get_seed());
            r.set_stream(rng.get_stream().wrapping_add(NOISE_STREAM_OFFSET));
            r
        });
        if noise.random::<f64>() < self.p {
            view.legal[noise.random_range(0..view.legal.len())]
        } else {
            mv
        }
    }

    fn respond(&mut self, view: &View<'_>, offer: &Contract, coalition: Coalition) -> Response {
        self.base.respond(view, offer, coalition)
    }

    /// Statements are not perturbed: the noise stands for trembles at the table.
    fn statement(&mut self, view: &View<'_>) -> Option<Move> {
        self.base.statement(view)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_the_last_comma() {
        assert_eq!(
            split_name("noisy(payoff-driven, 0.1)"),
            Some(("payoff-driven", "0.1"))
        );
        assert_eq!(
            split_name("noisy(noisy(boulware, 0.1), 0.2)"),
            Some(("noisy(boulware, 0.1)", "0.2"))
        );
        assert_eq!(split_name("payoff-driven"), None);
        assert_eq!(split_name("noisy(boulware)"), None);
    }
}
