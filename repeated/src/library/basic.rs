//! Unconditional and cyclic strategies (Axelrod's `cooperator.py`, `defector.py`,
//! `alternator.py`, `rand.py`, `cycler.py`, `appeaser.py`, `negation.py`), and the m×n family:
//! "Play k", best response to the last move, and fictitious play.

use super::macros::stateless;
use crate::action::{flip, Action, C, D};
use crate::history::History;
use crate::seed::{below, MatchRng};
use crate::strategy::{random_choice, Classifier, Context, Strategy};

const M0: Classifier = Classifier::memory(Some(0));
const M1: Classifier = Classifier::memory(Some(1));

stateless!(
    /// Always C.
    Cooperator, M0, |h, ctx, rng| C
);
stateless!(
    /// Always D.
    Defector, M0, |h, ctx, rng| D
);
stateless!(
    /// C first, then the opposite of its own last move.
    Alternator, M1, |h, ctx, rng| h.own_last().map_or(C, flip)
);
stateless!(
    /// C with probability 0.5 (2×2); uniform over its actions in larger games.
    RandomPlayer, M0.random().any_game(), |h, ctx, rng| {
        if ctx.own_actions == 2 {
            random_choice(rng, 0.5)
        } else {
            below(rng, ctx.own_actions as u64) as Action
        }
    }
);
stateless!(
    /// C first; after an opponent's D it switches its own move, otherwise repeats it.
    Appeaser, Classifier::memory(None), |h, ctx, rng| match (h.own_last(), h.opp_last()) {
        (Some(own), Some(D)) => flip(own),
        (Some(own), _) => own,
        _ => C,
    }
);
stateless!(
    /// Random first move, then the opposite of the opponent's last move.
    Negation, M1.random(), |h, ctx, rng| match h.opp_last() {
        None => random_choice(rng, 0.5),
        Some(a) => flip(a),
    }
);

/// Repeats a fixed cycle of moves from the first turn.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cycler {
    cycle: &'static [Action],
}

impl Cycler {
    /// A cycler over `cycle` (non-empty).
    pub(crate) const fn new(cycle: &'static [Action]) -> Cycler {
        Cycler { cycle }
    }
}

impl Strategy for Cycler {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        self.cycle[h.turns() % self.cycle.len()]
    }

    fn classifier(&self) -> Classifier {
        Classifier::memory(Some(self.cycle.len() as u32 - 1))
    }
}

/// Always plays action `k` (any game; rejected when the player has no action `k`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlayAction(pub(crate) Action);

impl Strategy for PlayAction {
    fn choose(&mut self, _: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        self.0
    }

    fn classifier(&self) -> Classifier {
        M0.any_game()
    }
}

/// The action with the highest weighted payoff against `weights` of the opponent's actions
/// (lowest index on ties).
fn best_against(ctx: &Context, weights: impl Fn(usize) -> f64) -> Action {
    let mut best = (0usize, f64::NEG_INFINITY);
    for own in 0..ctx.own_actions {
        let v: f64 = (0..ctx.opp_actions)
            .map(|o| weights(o) * ctx.payoffs[own * ctx.opp_actions + o])
            .sum();
        if v > best.1 {
            best = (own, v);
        }
    }
    best.0 as Action
}

stateless!(
    /// Best response to the opponent's last action; first move: best response to a uniform
    /// opponent (not in Axelrod).
    BestResponse, M1.payoffs().any_game(), |h, ctx, rng| match h.opp_last() {
        None => best_against(ctx, |_| 1.0),
        Some(a) => best_against(ctx, |o| if o == usize::from(a) { 1.0 } else { 0.0 }),
    }
);

/// Best response to the empirical frequencies of the opponent's past actions (fictitious
/// play; first move against a uniform opponent; not in Axelrod).
#[derive(Debug, Clone, Default)]
pub(crate) struct FictitiousPlay {
    counts: Vec<u32>,
}

impl Strategy for FictitiousPlay {
    fn choose(&mut self, h: &History<'_>, ctx: &Context, _: &mut MatchRng) -> Action {
        if h.turns() == 0 {
            self.counts.clear();
            self.counts.resize(ctx.opp_actions, 0);
            return best_against(ctx, |_| 1.0);
        }
        if let Some(a) = h.opp_last() {
            if let Some(c) = self.counts.get_mut(usize::from(a)) {
                *c += 1;
            }
        }
        let counts = &self.counts;
        best_against(ctx, |o| f64::from(counts.get(o).copied().unwrap_or(0)))
    }

    fn classifier(&self) -> Classifier {
        Classifier::memory(None).payoffs().any_game()
    }

    fn reset(&mut self) {
        self.counts.clear();
    }
}
