//! The macro-action menu a proposer chooses from by logit (docs/model.md §7.1): its offers
//! with their expected values, then the legal unilateral moves its policy allows (each valued
//! by the state it leads to) and waiting. Shared by every negotiator family; fixed capacity,
//! no allocation.

use crate::litigation_policy::LitigationPolicy;
use crate::logit;
use sim::strategy::{Move, View};
use sim::SimRng;

/// Most options a menu holds.
const CAPACITY: usize = 8;

/// A proposer's options and their expected values ($B, under its beliefs).
pub(crate) struct Menu {
    moves: [Move; CAPACITY],
    ev: [f64; CAPACITY],
    len: usize,
}

impl Menu {
    /// An empty menu.
    pub(crate) fn new() -> Menu {
        Menu {
            moves: [Move::Wait; CAPACITY],
            ev: [0.0; CAPACITY],
            len: 0,
        }
    }

    /// Whether another option fits.
    pub(crate) fn has_room(&self) -> bool {
        self.len < CAPACITY
    }

    /// Adds an option (ignored when full).
    pub(crate) fn push(&mut self, mv: Move, ev: f64) {
        if self.has_room() {
            self.moves[self.len] = mv;
            self.ev[self.len] = ev;
            self.len += 1;
        }
    }

    /// Adds waiting (worth `wait_value`) and each legal unilateral move the policy allows:
    /// none when `unilateral` is false; litigation moves only under the logit policy (the
    /// credible-threat policy decides them separately).
    pub(crate) fn push_moves(
        &mut self,
        view: &View<'_>,
        wait_value: f64,
        unilateral: bool,
        litigation: LitigationPolicy,
    ) {
        for mv in view.legal {
            let litigation_move = matches!(mv, Move::Threaten | Move::Sue | Move::DropThreat);
            let allowed = match mv {
                Move::Wait => true,
                _ if !unilateral => false,
                _ if litigation_move => litigation == LitigationPolicy::Logit,
                _ => true,
            };
            if allowed && self.has_room() {
                let ev = if *mv == Move::Wait {
                    wait_value
                } else {
                    view.valuer.after_move(view.me, mv)
                };
                self.push(*mv, ev);
            }
        }
    }

    /// Draws an option by logit choice at precision `lambda` (waiting if the menu is empty).
    pub(crate) fn choose(&self, lambda: f64, rng: &mut SimRng) -> Move {
        if self.len == 0 {
            return Move::Wait;
        }
        self.moves[logit::choose(&self.ev[..self.len], lambda, rng)]
    }
}

impl Default for Menu {
    fn default() -> Menu {
        Menu::new()
    }
}
