//! Majority and forgiving rules (Axelrod's `gobymajority.py`, `forgiver.py`): choices driven
//! by the opponent's cooperation counts over a window or the whole match.

use super::macros::stateless;
use crate::action::{Action, C, D};
use crate::history::History;
use crate::seed::MatchRng;
use crate::strategy::{Classifier, Context, Strategy};

/// Go By Majority: C if the opponent cooperated more often than it defected over the last
/// `window` moves (all moves when `window` is 0); ties give C (soft) or D (hard).
#[derive(Debug, Clone, Copy)]
pub(crate) struct GoByMajority {
    window: usize,
    soft: bool,
}

impl GoByMajority {
    /// A soft or hard majority rule over `window` moves (0 = unbounded).
    pub(crate) const fn new(window: usize, soft: bool) -> GoByMajority {
        GoByMajority { window, soft }
    }
}

impl Strategy for GoByMajority {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        let (coops, defs) = if self.window == 0 {
            (h.opp_cooperations(), h.opp_defections())
        } else {
            let tail = h.opp_tail(self.window);
            let c = tail.iter().filter(|&&a| a == C).count();
            (c, tail.len() - c)
        };
        if defs > coops || (defs == coops && !self.soft) {
            D
        } else {
            C
        }
    }
    fn classifier(&self) -> Classifier {
        Classifier::memory((self.window > 0).then_some(self.window as u32))
    }
}

stateless!(
    /// D whenever the opponent has defected in more than 10% of the turns, else C.
    Forgiver, Classifier::memory(None), |h, ctx, rng| {
        if h.opp_defections() as f64 > h.turns() as f64 / 10.0 { D } else { C }
    }
);
stateless!(
    /// Tit for tat while the opponent has defected in more than 10% of the turns, else C.
    ForgivingTitForTat, Classifier::memory(None), |h, ctx, rng| {
        if h.opp_defections() as f64 > h.turns() as f64 / 10.0 {
            h.opp_last().unwrap_or(C)
        } else {
            C
        }
    }
);
