//! Grudgers and punishers (Axelrod's `grudger.py`, `punisher.py`): strategies that answer a
//! defection with a long, possibly permanent, run of defections.

use super::macros::stateless;
use crate::action::{Action, C, D};
use crate::history::History;
use crate::seed::MatchRng;
use crate::strategy::{Classifier, Context, Strategy};

const INF: Classifier = Classifier::memory(None);

stateless!(
    /// C until the opponent's first D, then D for ever.
    Grudger, INF, |h, ctx, rng| if h.opp_defections() > 0 { D } else { C }
);
stateless!(
    /// D until the opponent's first C, then C for ever.
    OppositeGrudger, INF, |h, ctx, rng| if h.opp_cooperations() > 0 { C } else { D }
);
stateless!(
    /// D on the first three moves, then Grudger.
    Aggravater, INF, |h, ctx, rng| if h.turns() < 3 || h.opp_defections() > 0 { D } else { C }
);
stateless!(
    /// C until the opponent defects, then alternates D, C (D whenever its own last move was C).
    GrudgerAlternator, INF, |h, ctx, rng| {
        if h.opp_defections() > 0 && h.own_last() == Some(C) { D } else { C }
    }
);
stateless!(
    /// D until the opponent's first D, then C for ever.
    EasyGo, INF, |h, ctx, rng| if h.opp_defections() > 0 { C } else { D }
);
stateless!(
    /// C on the first two moves, then Grudger.
    SpitefulCC, INF, |h, ctx, rng| if h.turns() >= 2 && h.opp_defections() > 0 { D } else { C }
);
stateless!(
    /// C for the first 10 turns, then D whenever the opponent's defection rate exceeds 20%.
    LevelPunisher, INF, |h, ctx, rng| {
        let n = h.turns();
        if n >= 10 && h.opp_defections() as f64 / n as f64 > 0.2 { D } else { C }
    }
);
stateless!(
    /// D when the opponent's defection rate exceeds 20% (before turn 10), 10% (before 50) or
    /// 5% (before 100); C otherwise and after turn 100.
    TrickyLevelPunisher, INF, |h, ctx, rng| {
        let n = h.turns();
        if n == 0 {
            return C;
        }
        let rate = h.opp_defections() as f64 / n as f64;
        if (n < 10 && rate > 0.2) || (n < 50 && rate > 0.1) || (n < 100 && rate > 0.05) {
            D
        } else {
            C
        }
    }
);

/// Forgetful Grudger: grudges for 10 turns after an opponent's D, then forgets.
#[derive(Debug, Clone, Default)]
pub(crate) struct ForgetfulGrudger {
    grudged: bool,
    memory: u32,
}

impl Strategy for ForgetfulGrudger {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        if self.memory == 10 {
            self.memory = 0;
            self.grudged = false;
        }
        if h.opp_last() == Some(D) {
            self.grudged = true;
        }
        if self.grudged {
            self.memory += 1;
            return D;
        }
        C
    }
    fn classifier(&self) -> Classifier {
        Classifier::memory(Some(10))
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

/// Soft Grudger: answers an opponent's D with D, D, D, D, C, C, then cooperates again.
#[derive(Debug, Clone, Default)]
pub(crate) struct SoftGrudger {
    grudged: bool,
    memory: usize,
}

impl Strategy for SoftGrudger {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        const SEQUENCE: [Action; 5] = [D, D, D, C, C];
        if self.grudged {
            let a = SEQUENCE[self.memory];
            self.memory += 1;
            if self.memory == SEQUENCE.len() {
                self.memory = 0;
                self.grudged = false;
            }
            return a;
        }
        if h.opp_last() == Some(D) {
            self.grudged = true;
            return D;
        }
        C
    }
    fn classifier(&self) -> Classifier {
        Classifier::memory(Some(6))
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

/// Punisher (and Inverse Punisher): after an opponent's D, defects for
/// ⌊20 · (opponent defections, or cooperations) / turns⌋ turns.
#[derive(Debug, Clone)]
pub(crate) struct Punisher {
    inverse: bool,
    length: usize,
    grudged: bool,
    memory: usize,
}

impl Punisher {
    /// Punisher (`inverse = false`) or Inverse Punisher (`inverse = true`).
    pub(crate) const fn new(inverse: bool) -> Punisher {
        Punisher {
            inverse,
            length: 1,
            grudged: false,
            memory: 1,
        }
    }
}

impl Strategy for Punisher {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        if self.memory >= self.length {
            self.memory = 0;
            self.grudged = false;
        }
        if self.grudged {
            self.memory += 1;
            return D;
        }
        if h.opp_last() == Some(D) {
            let base = if self.inverse {
                h.opp_cooperations()
            } else {
                h.opp_defections()
            };
            self.length = base * 20 / h.turns();
            if self.inverse && self.length == 0 {
                self.length = 1;
            }
            self.grudged = true;
            return D;
        }
        C
    }
    fn classifier(&self) -> Classifier {
        INF
    }
    fn reset(&mut self) {
        *self = Punisher::new(self.inverse);
    }
}
