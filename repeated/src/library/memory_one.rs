//! Memory-one strategies (Axelrod's `memoryone.py`): the probability of C depends only on the
//! previous round's outcome (CC, CD, DC, DD from this player's point of view).

use super::macros::stateless;
use crate::action::{Action, C, D};
use crate::history::History;
use crate::seed::MatchRng;
use crate::strategy::{random_choice, Classifier, Context, Strategy};

/// The probability of C after the previous round `(own, opp)` under `v = (CC, CD, DC, DD)`.
#[inline]
fn lookup(v: &[f64; 4], own: Action, opp: Action) -> f64 {
    v[usize::from(own == D) * 2 + usize::from(opp == D)]
}

/// A memory-one player: C with probability `vector[previous outcome]`, `initial` first.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MemoryOne {
    vector: [f64; 4],
    initial: Action,
}

impl MemoryOne {
    /// A memory-one player with four-vector (CC, CD, DC, DD) and first move `initial`.
    pub(crate) const fn new(vector: [f64; 4], initial: Action) -> MemoryOne {
        MemoryOne { vector, initial }
    }
}

impl Strategy for MemoryOne {
    fn choose(&mut self, h: &History<'_>, _: &Context, rng: &mut MatchRng) -> Action {
        match (h.own_last(), h.opp_last()) {
            (Some(own), Some(opp)) => random_choice(rng, lookup(&self.vector, own, opp)),
            _ => self.initial,
        }
    }
    fn classifier(&self) -> Classifier {
        let stochastic = self.vector.iter().any(|&p| p > 0.0 && p < 1.0);
        let c = Classifier::memory(Some(1));
        if stochastic {
            c.random()
        } else {
            c
        }
    }
}

stateless!(
    /// Win-Stay Lose-Shift (Pavlov): C first; C after CC or DD, D after CD or DC.
    WinStayLoseShift, Classifier::memory(Some(1)), |h, ctx, rng| match (h.own_last(), h.opp_last()) {
        (Some(a), Some(b)) if a != b => D,
        _ => C,
    }
);

/// GTFT's forgiveness probability for this player's payoffs:
/// `min(1 − (T − R)/(R − S), (R − P)/(T − P))`, clamped to [0, 1] (0 if undefined).
pub(crate) fn gtft_p(ctx: &Context) -> f64 {
    let (r, p, s, t) = ctx.rpst();
    let x = (1.0 - (t - r) / (r - s)).min((r - p) / (t - p));
    if x.is_nan() {
        0.0
    } else {
        x.clamp(0.0, 1.0)
    }
}

stateless!(
    /// Generous Tit For Tat: C first; C after the opponent's C, C with probability
    /// `min(1 − (T−R)/(R−S), (R−P)/(T−P))` (1/3 in the standard PD) after its D.
    Gtft, Classifier::memory(Some(1)).random().payoffs(), |h, ctx, rng| {
        match (h.own_last(), h.opp_last()) {
            (Some(own), Some(opp)) => {
                let p = gtft_p(ctx);
                random_choice(rng, lookup(&[1.0, p, 1.0, p], own, opp))
            }
            _ => C,
        }
    }
);
