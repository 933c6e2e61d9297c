//! The tit-for-tat family (Axelrod's `titfortat.py`): reciprocators that copy, delay, harden,
//! invert or escalate the opponent's last moves.

use super::macros::stateless;
use crate::action::{Action, C, D};
use crate::history::History;
use crate::seed::MatchRng;
use crate::strategy::{random_choice, Classifier, Context, Strategy};

const M1: Classifier = Classifier::memory(Some(1));
const M2: Classifier = Classifier::memory(Some(2));
const M3: Classifier = Classifier::memory(Some(3));
const INF: Classifier = Classifier::memory(None);

stateless!(
    /// C first, then the opponent's last move.
    TitForTat, M1, |h, ctx, rng| h.opp_last().unwrap_or(C)
);
stateless!(
    /// D only if the opponent's last two moves were both D.
    TitFor2Tats, M2, |h, ctx, rng| if h.opp_tail(2) == [D, D] { D } else { C }
);
stateless!(
    /// D if the opponent defected in either of its last two moves.
    TwoTitsForTat, M2, |h, ctx, rng| if h.opp_defected_within(2) { D } else { C }
);
stateless!(
    /// D first, then the opposite of the opponent's last move (C after its D).
    Bully, M1, |h, ctx, rng| if h.opp_last() == Some(D) { C } else { D }
);
stateless!(
    /// D first, then the opponent's last move.
    SuspiciousTitForTat, M1, |h, ctx, rng| if h.opp_last() == Some(C) { C } else { D }
);
stateless!(
    /// C first, then the opposite of the opponent's last move.
    AntiTitForTat, M1, |h, ctx, rng| if h.opp_last() == Some(C) { D } else { C }
);
stateless!(
    /// C first; D if the opponent defected in any of its last three moves.
    HardTitForTat, M3, |h, ctx, rng| if h.opp_defected_within(3) { D } else { C }
);
stateless!(
    /// C first; D if the opponent's last three moves contain two consecutive D.
    HardTitFor2Tats, M3, |h, ctx, rng| {
        if h.opp_tail(3).windows(2).any(|w| w == [D, D]) { D } else { C }
    }
);
stateless!(
    /// C twice; D while the opponent has never defected; C after its D that answered our D;
    /// otherwise tit for tat.
    SneakyTitForTat, INF, |h, ctx, rng| {
        let n = h.turns();
        if n < 2 {
            C
        } else if h.opp_defections() == 0 {
            D
        } else if h.opp_last() == Some(D) && h.own()[n - 2] == D {
            C
        } else {
            h.opp_last().unwrap_or(C)
        }
    }
);
stateless!(
    /// C twice; then the opponent's move if its last two agree, else its own last move.
    SlowTitForTwoTats2, M2, |h, ctx, rng| {
        let (o, n) = (h.opp(), h.turns());
        if n < 2 {
            C
        } else if o[n - 2] == o[n - 1] {
            o[n - 1]
        } else {
            h.own()[n - 1]
        }
    }
);
stateless!(
    /// Like Two Tits For Tat, but after a recent D it cooperates with probability equal to the
    /// opponent's overall cooperation rate.
    DynamicTwoTitsForTat, INF.random(), |h, ctx, rng| {
        if h.turns() == 0 {
            C
        } else if h.opp_defected_within(2) {
            random_choice(rng, h.opp_cooperations() as f64 / h.turns() as f64)
        } else {
            C
        }
    }
);

/// Tit for tat that, after two consecutive opponent defections, defects for ever.
#[derive(Debug, Clone, Default)]
pub(crate) struct SpitefulTitForTat {
    retaliating: bool,
}

impl Strategy for SpitefulTitForTat {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        if h.turns() == 0 {
            return C;
        }
        if h.opp_tail(2) == [D, D] {
            self.retaliating = true;
        }
        if self.retaliating {
            D
        } else {
            h.opp_last().unwrap_or(C)
        }
    }
    fn classifier(&self) -> Classifier {
        INF
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

/// Gradual (Beaufils et al., as Axelrod implements it): after an opponent's D it defects as
/// many times as the opponent has defected in total, then cooperates twice.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gradual {
    calm: usize,
    punish: usize,
}

impl Strategy for Gradual {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        if h.turns() == 0 {
            return C;
        }
        if self.punish > 0 {
            self.punish -= 1;
            return D;
        }
        if self.calm > 0 {
            self.calm -= 1;
            return C;
        }
        if h.opp_last() == Some(D) {
            self.punish = h.opp_defections() - 1;
            self.calm = 2;
            return D;
        }
        C
    }
    fn classifier(&self) -> Classifier {
        INF
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

/// The original Gradual: the n-th punishment lasts n rounds (n = punishments so far), then two
/// calming C.
#[derive(Debug, Clone, Default)]
pub(crate) struct OriginalGradual {
    calming: bool,
    punishing: bool,
    count: usize,
    limit: usize,
}

impl Strategy for OriginalGradual {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        if self.calming {
            self.calming = false;
            return C;
        }
        if self.punishing {
            if self.count < self.limit {
                self.count += 1;
                return D;
            }
            self.calming = true;
            self.punishing = false;
            self.count = 0;
            return C;
        }
        if h.opp_last() == Some(D) {
            self.punishing = true;
            self.count += 1;
            self.limit += 1;
            return D;
        }
        C
    }
    fn classifier(&self) -> Classifier {
        INF
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

/// Adaptive Tit For Tat: a "world" estimate moved at rate 0.5 towards 1 after the opponent's C
/// and towards 0 after its D; C while the estimate is at least 0.5.
#[derive(Debug, Clone)]
pub(crate) struct AdaptiveTitForTat {
    world: f64,
}

impl Default for AdaptiveTitForTat {
    fn default() -> Self {
        AdaptiveTitForTat { world: 0.5 }
    }
}

impl Strategy for AdaptiveTitForTat {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        const RATE: f64 = 0.5;
        match h.opp_last() {
            None => return C,
            Some(C) => self.world += RATE * (1.0 - self.world),
            Some(_) => self.world -= RATE * self.world,
        }
        if self.world >= 0.5 {
            C
        } else {
            D
        }
    }
    fn classifier(&self) -> Classifier {
        INF
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

/// Random Tit for Tat: C first, then alternates between copying the opponent's last move and
/// a random move (C with probability 0.5).
#[derive(Debug, Clone, Default)]
pub(crate) struct RandomTitForTat {
    act_random: bool,
}

impl Strategy for RandomTitForTat {
    fn choose(&mut self, h: &History<'_>, _: &Context, rng: &mut MatchRng) -> Action {
        if h.turns() == 0 {
            return C;
        }
        if self.act_random {
            self.act_random = false;
            return random_choice(rng, 0.5);
        }
        self.act_random = true;
        h.opp_last().unwrap_or(C)
    }
    fn classifier(&self) -> Classifier {
        M1.random()
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

/// Omega TFT (Slany and Kienreich): tit for tat with a deadlock counter (break C–D
/// alternations by cooperating) and a randomness counter (defect against noisy opponents).
#[derive(Debug, Clone, Default)]
pub(crate) struct OmegaTft {
    randomness: i32,
    deadlock: i32,
}

impl Strategy for OmegaTft {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        const DEADLOCK: i32 = 3;
        const RANDOMNESS: i32 = 8;
        let n = h.turns();
        if n == 0 {
            return C;
        }
        let (o, own) = (h.opp(), h.own());
        if n == 1 {
            return o[0];
        }
        if self.deadlock >= DEADLOCK {
            if self.deadlock == DEADLOCK {
                self.deadlock = DEADLOCK + 1;
            } else {
                self.deadlock = 0;
            }
            return C;
        }
        if o[n - 2] == C && o[n - 1] == C {
            self.randomness -= 1;
        }
        if o[n - 2] != o[n - 1] {
            self.randomness += 1;
        }
        if own[n - 1] != o[n - 1] {
            self.randomness += 1;
        }
        if self.randomness >= RANDOMNESS {
            return D;
        }
        if o[n - 2] != o[n - 1] {
            self.deadlock += 1;
        } else {
            self.deadlock = 0;
        }
        o[n - 1]
    }
    fn classifier(&self) -> Classifier {
        INF
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}
