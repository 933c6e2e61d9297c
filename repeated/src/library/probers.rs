//! Probers, testers and hunters (Axelrod's `prober.py`, `handshake.py`, `calculator.py`,
//! `hunter.py` and Tester and Gladstein from `axelrod_second.py`): strategies that open with a
//! probe and exploit opponents whose answer reveals them.

use super::macros::stateless;
use super::memory_one::MemoryOne;
use crate::action::{flip, Action, C, D};
use crate::history::History;
use crate::seed::MatchRng;
use crate::strategy::{Classifier, Context, Strategy};

const INF: Classifier = Classifier::memory(None);

/// Tit for tat on the opponent's last move (C if none).
#[inline]
fn tft(h: &History<'_>) -> Action {
    h.opp_last().unwrap_or(C)
}

stateless!(
    /// D, C, C; then D for ever if the opponent played C, C on moves 2–3, else tit for tat.
    Prober, INF, |h, ctx, rng| match h.turns() {
        0 => D,
        1 | 2 => C,
        _ if h.opp()[1..3] == [C, C] => D,
        _ => tft(h),
    }
);
stateless!(
    /// D, C, C; then C for ever if the opponent played D, C on moves 2–3, else tit for tat.
    Prober2, INF, |h, ctx, rng| match h.turns() {
        0 => D,
        1 | 2 => C,
        _ if h.opp()[1..3] == [D, C] => C,
        _ => tft(h),
    }
);
stateless!(
    /// D, C; then D for ever if the opponent's second move was C, else tit for tat.
    Prober3, INF, |h, ctx, rng| match h.turns() {
        0 => D,
        1 => C,
        _ if h.opp()[1] == C => D,
        _ => tft(h),
    }
);
stateless!(
    /// D, D, C, C; then D for ever if the opponent played C, C on moves 2–3, else tit for tat.
    HardProber, INF, |h, ctx, rng| match h.turns() {
        0 | 1 => D,
        2 | 3 => C,
        _ if h.opp()[1..3] == [C, C] => D,
        _ => tft(h),
    }
);
stateless!(
    /// C, D; then C for ever if the opponent opened C, D too, else D for ever.
    Handshake, INF, |h, ctx, rng| match h.turns() {
        0 => C,
        1 => D,
        _ if h.opp()[..2] == [C, D] => C,
        _ => D,
    }
);
stateless!(
    /// C; from turn 5 on, D if the opponent has only ever defected.
    DefectorHunter, INF, |h, ctx, rng| {
        if h.turns() >= 4 && h.opp_defections() == h.turns() { D } else { C }
    }
);
stateless!(
    /// C; from turn 5 on, D if the opponent has only ever cooperated.
    CooperatorHunter, INF, |h, ctx, rng| {
        if h.turns() >= 4 && h.opp_cooperations() == h.turns() { D } else { C }
    }
);

/// Alternator Hunter: C for six turns, then D for ever if the opponent strictly alternated in
/// its first six moves.
#[derive(Debug, Clone, Default)]
pub(crate) struct AlternatorHunter {
    is_alternator: bool,
}

impl Strategy for AlternatorHunter {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        if h.turns() < 6 {
            return C;
        }
        if h.turns() == 6 {
            self.is_alternator = h.opp().windows(2).all(|w| w[0] != w[1]);
        }
        if self.is_alternator {
            D
        } else {
            C
        }
    }
    fn classifier(&self) -> Classifier {
        INF
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

/// Second by Tester: D first; if the opponent ever defects, apologises with C and plays tit
/// for tat from then on; otherwise C, C and then alternates D, C.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tester {
    is_tft: bool,
}

impl Strategy for Tester {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        let Some(last) = h.opp_last() else {
            return D;
        };
        if self.is_tft {
            return last;
        }
        if last == D {
            self.is_tft = true;
            return C;
        }
        match h.turns() {
            1 | 2 => C,
            _ => h.own_last().map_or(C, flip),
        }
    }
    fn classifier(&self) -> Classifier {
        INF
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

/// Second by Gladstein: D first; while the opponent has not defected, D whenever its own
/// cooperation rate exceeds 1/2, else C; after the opponent's first D it apologises with C and
/// plays tit for tat.
#[derive(Debug, Clone)]
pub(crate) struct Gladstein {
    patsy: bool,
}

impl Default for Gladstein {
    fn default() -> Self {
        Gladstein { patsy: true }
    }
}

impl Strategy for Gladstein {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        if h.turns() == 0 {
            return D;
        }
        if !self.patsy {
            return tft(h);
        }
        if h.opp_last() == Some(D) {
            self.patsy = false;
            return C;
        }
        if h.own_cooperations() as f64 / h.turns() as f64 > 0.5 {
            D
        } else {
            C
        }
    }
    fn classifier(&self) -> Classifier {
        INF
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

/// Axelrod's `detect_cycle(history)`: whether the sequence repeats a prefix of length 1 to
/// min(len/2, 12) throughout.
fn has_cycle(history: &[Action]) -> bool {
    let max = (history.len() / 2).min(12);
    (1..=max).any(|k| {
        history
            .iter()
            .enumerate()
            .all(|(j, &a)| a == history[j % k])
    })
}

/// Calculator: First by Joss for 20 turns; then D for ever if the opponent's first 20 moves
/// were periodic (cycle of length ≤ 10), else tit for tat.
#[derive(Debug, Clone)]
pub(crate) struct Calculator {
    joss: MemoryOne,
    cycle: bool,
}

impl Default for Calculator {
    fn default() -> Self {
        Calculator {
            joss: MemoryOne::new([0.9, 0.0, 0.9, 0.0], C),
            cycle: false,
        }
    }
}

impl Strategy for Calculator {
    fn choose(&mut self, h: &History<'_>, ctx: &Context, rng: &mut MatchRng) -> Action {
        let n = h.turns();
        if n < 20 {
            return self.joss.choose(h, ctx, rng);
        }
        if n == 20 {
            self.cycle = has_cycle(h.opp());
        }
        if self.cycle {
            D
        } else {
            tft(h)
        }
    }
    fn classifier(&self) -> Classifier {
        INF.random()
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}
