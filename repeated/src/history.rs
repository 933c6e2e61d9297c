//! What a strategy sees when it chooses: its own and its opponent's past actions (after noise),
//! with running cooperation counts so that no strategy has to rescan the history.

use crate::action::{Action, C, D};

/// The history of a match from one player's point of view.
#[derive(Debug, Clone, Copy)]
pub struct History<'a> {
    own: &'a [Action],
    opp: &'a [Action],
    own_coops: usize,
    opp_coops: usize,
}

impl<'a> History<'a> {
    /// A history from the two action sequences (equal lengths) and their counts of C.
    pub fn new(own: &'a [Action], opp: &'a [Action], own_coops: usize, opp_coops: usize) -> Self {
        History {
            own,
            opp,
            own_coops,
            opp_coops,
        }
    }

    /// A history from the sequences alone (counts the cooperations).
    pub fn from_slices(own: &'a [Action], opp: &'a [Action]) -> Self {
        let count = |s: &[Action]| s.iter().filter(|&&a| a == C).count();
        History::new(own, opp, count(own), count(opp))
    }

    /// Number of completed turns.
    #[inline]
    pub fn turns(&self) -> usize {
        self.own.len()
    }

    /// This player's past actions.
    #[inline]
    pub fn own(&self) -> &'a [Action] {
        self.own
    }

    /// The opponent's past actions.
    #[inline]
    pub fn opp(&self) -> &'a [Action] {
        self.opp
    }

    /// This player's last action.
    #[inline]
    pub fn own_last(&self) -> Option<Action> {
        self.own.last().copied()
    }

    /// The opponent's last action.
    #[inline]
    pub fn opp_last(&self) -> Option<Action> {
        self.opp.last().copied()
    }

    /// Times this player played C.
    #[inline]
    pub fn own_cooperations(&self) -> usize {
        self.own_coops
    }

    /// Times this player played anything but C.
    #[inline]
    pub fn own_defections(&self) -> usize {
        self.own.len() - self.own_coops
    }

    /// Times the opponent played C.
    #[inline]
    pub fn opp_cooperations(&self) -> usize {
        self.opp_coops
    }

    /// Times the opponent played anything but C.
    #[inline]
    pub fn opp_defections(&self) -> usize {
        self.opp.len() - self.opp_coops
    }

    /// The opponent's last `n` actions (fewer at the start).
    #[inline]
    pub fn opp_tail(&self, n: usize) -> &'a [Action] {
        &self.opp[self.opp.len().saturating_sub(n)..]
    }

    /// Whether the opponent defected in any of its last `n` moves.
    #[inline]
    pub fn opp_defected_within(&self, n: usize) -> bool {
        self.opp_tail(n).contains(&D)
    }
}
