//! Entries to Axelrod's first tournament (1980) as Axelrod's `axelrod_first.py` interprets
//! them: Davis, Downing, Feld, Grofman, Joss (a memory-one player, built in the registry),
//! Nydegger, Shubik, Stein and Rapoport, Tullock and the anonymous entry.

use super::macros::stateless;
use crate::action::{flip, Action, C, D};
use crate::history::History;
use crate::seed::{uniform, MatchRng};
use crate::strategy::{random_choice, Classifier, Context, Strategy};

const INF: Classifier = Classifier::memory(None);

stateless!(
    /// C for 10 turns, then Grudger (D for ever once the opponent has defected).
    Davis, INF, |h, ctx, rng| if h.turns() >= 10 && h.opp_defections() > 0 { D } else { C }
);
stateless!(
    /// C first; C when both played the same last turn, else C with probability 2/7.
    Grofman, Classifier::memory(Some(1)).random(), |h, ctx, rng| {
        match (h.own_last(), h.opp_last()) {
            (Some(a), Some(b)) if a != b => random_choice(rng, 2.0 / 7.0),
            _ => C,
        }
    }
);
stateless!(
    /// Tit for tat whose C after the opponent's C happens with probability falling linearly
    /// from 1 to 0.5 over 200 turns; always D after its D.
    Feld, Classifier::memory(Some(200)).random(), |h, ctx, rng| match h.opp_last() {
        None => C,
        Some(D) => D,
        Some(_) => {
            let p = (1.0 - 0.5 / 200.0 * h.turns() as f64).max(0.5);
            random_choice(rng, p)
        }
    }
);
stateless!(
    /// C for 11 turns; then C with probability (opponent's C share over its last 10 moves) −
    /// 0.1, floored at 0.
    Tullock, INF.random(), |h, ctx, rng| {
        if h.turns() < 11 {
            return C;
        }
        let coops = h.opp_tail(10).iter().filter(|&&a| a == C).count();
        random_choice(rng, (coops as f64 / 10.0 - 0.1).max(0.0))
    }
);
stateless!(
    /// C with a probability drawn uniformly from [0.3, 0.7] each turn.
    Anonymous, Classifier::memory(Some(0)).random(), |h, ctx, rng| {
        let p = (3.0 + 4.0 * uniform(rng)) / 10.0;
        random_choice(rng, p)
    }
);

/// Nydegger's outcome code of one round (own, opponent): CC 0, CD 2, DC 1, DD 3.
#[inline]
fn nydegger_code(own: Action, opp: Action) -> u32 {
    u32::from(own == D) + 2 * u32::from(opp == D)
}

stateless!(
    /// Tit for tat for three moves (D on the third if the opponent opened D, C); then D iff
    /// A = 16·a₋₁ + 4·a₋₂ + a₋₃ is one of Nydegger's 19 values.
    Nydegger, Classifier::memory(Some(3)), |h, ctx, rng| {
        const DEFECT_ON: [u32; 19] = [
            1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61,
        ];
        let (own, opp, n) = (h.own(), h.opp(), h.turns());
        match n {
            0 => C,
            1 => opp[0],
            2 if opp[..2] == [D, C] => D,
            2 => opp[1],
            _ => {
                let a = 16 * nydegger_code(own[n - 1], opp[n - 1])
                    + 4 * nydegger_code(own[n - 2], opp[n - 2])
                    + nydegger_code(own[n - 3], opp[n - 3]);
                if DEFECT_ON.contains(&a) { D } else { C }
            }
        }
    }
);

/// Shubik: C until the opponent defects against its C; then retaliates with k D, k growing by
/// one with each such departure.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shubik {
    retaliating: bool,
    length: u32,
    remaining: u32,
}

impl Shubik {
    fn count_down(&mut self) {
        if self.retaliating {
            self.remaining -= 1;
            if self.remaining == 0 {
                self.retaliating = false;
            }
        }
    }
}

impl Strategy for Shubik {
    fn choose(&mut self, h: &History<'_>, _: &Context, _: &mut MatchRng) -> Action {
        if h.turns() == 0 {
            return C;
        }
        if self.retaliating {
            self.count_down();
            return D;
        }
        if h.opp_last() == Some(D) && h.own_last() == Some(C) {
            self.retaliating = true;
            self.length += 1;
            self.remaining = self.length;
            self.count_down();
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

/// The 95% quantile of χ² with one degree of freedom: Axelrod's `chisquare(...).pvalue ≥
/// 0.05` is `statistic ≤` this value.
const CHI2_1_95: f64 = 3.841_458_820_694_124;

/// Stein and Rapoport: C for 4 turns, tit for tat until turn 15, then every 15 turns a χ²
/// test of the opponent's C/D counts; D while it looks random (p ≥ 0.05), else tit for tat;
/// D on the last two turns of a fixed-length match.
#[derive(Debug, Clone, Default)]
pub(crate) struct SteinAndRapoport {
    opponent_random: bool,
}

impl Strategy for SteinAndRapoport {
    fn choose(&mut self, h: &History<'_>, ctx: &Context, _: &mut MatchRng) -> Action {
        let action = self.rule(h);
        match ctx.length {
            Some(len) if (h.turns() as u64) + 2 >= u64::from(len) && h.turns() < len as usize => D,
            _ => action,
        }
    }
    fn classifier(&self) -> Classifier {
        INF.length()
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

impl SteinAndRapoport {
    fn rule(&mut self, h: &History<'_>) -> Action {
        let round = h.turns() + 1;
        if round < 5 {
            return C;
        }
        let tft = h.opp_last().unwrap_or(C);
        if round < 15 {
            return tft;
        }
        if round.is_multiple_of(15) {
            let n = h.turns() as f64;
            let e = n / 2.0;
            let (c, d) = (h.opp_cooperations() as f64, h.opp_defections() as f64);
            let stat = ((c - e) * (c - e) + (d - e) * (d - e)) / e;
            self.opponent_random = stat <= CHI2_1_95;
        }
        if self.opponent_random {
            D
        } else {
            tft
        }
    }
}

/// Downing: estimates P(opponent C | own C) and P(opponent C | own D) and plays the move with
/// the higher expected payoff (alternating on ties); D on the first two turns.
#[derive(Debug, Clone, Default)]
pub(crate) struct Downing {
    coop_after_c: u32,
    coop_after_d: u32,
}

impl Strategy for Downing {
    fn choose(&mut self, h: &History<'_>, ctx: &Context, _: &mut MatchRng) -> Action {
        let (own, opp, n) = (h.own(), h.opp(), h.turns());
        if n == 0 {
            return D;
        }
        if n == 1 {
            if opp[0] == C {
                self.coop_after_c += 1;
            }
            return D;
        }
        if opp[n - 1] == C {
            if own[n - 2] == C {
                self.coop_after_c += 1;
            } else {
                self.coop_after_d += 1;
            }
        }
        let alpha = f64::from(self.coop_after_c) / (h.own_cooperations() as f64 + 1.0);
        let beta = f64::from(self.coop_after_d) / (h.own_defections().max(2) as f64);
        let (r, p, s, t) = ctx.rpst();
        let ec = alpha * r + (1.0 - alpha) * s;
        let ed = beta * t + (1.0 - beta) * p;
        if ec > ed {
            C
        } else if ec < ed {
            D
        } else {
            flip(own[n - 1])
        }
    }
    fn classifier(&self) -> Classifier {
        INF.payoffs()
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}
