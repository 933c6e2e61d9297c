//! `threat-then-settle`: Microsoft threatens publicly at its first chance, never sues and never
//! drops the threat, and settles as soon as the threat has moved the other side: once a threat
//! stands, it accepts any offer worth at least its disagreement value that beats, by more than
//! `settle_margin` ($B), the best offer received before the threat (or, when none came before,
//! the first offer received after it). Otherwise it bargains as the payoff-driven agent
//! without litigation moves (its base). OpenAI and Amazon have no threat to make: for them the
//! strategy is that base.

use sim::contract::Contract;
use sim::player::{Coalition, Player};
use sim::rng::RunKey;
use sim::strategy::{Move, Response, Strategy, StrategyFactory, View};
use sim::SimRng;

/// Builds [`ThreatThenSettle`] agents around a base factory.
pub(crate) struct ThreatThenSettleFactory {
    /// The player.
    pub player: Player,
    /// Improvement ($B) over the pre-threat offers that counts as "moved".
    pub settle_margin: f64,
    /// The base negotiator (payoff-driven, litigation never).
    pub base: Box<dyn StrategyFactory>,
}

impl StrategyFactory for ThreatThenSettleFactory {
    fn create(&self, run: &RunKey) -> Box<dyn Strategy> {
        Box::new(ThreatThenSettle {
            player: self.player,
            margin: self.settle_margin,
            base: self.base.create(run),
            before: None,
        })
    }
}

/// The threat-then-settle agent.
pub(crate) struct ThreatThenSettle {
    player: Player,
    margin: f64,
    base: Box<dyn Strategy>,
    /// Best value of the offers received before the threat (or the first one after it).
    before: Option<f64>,
}

impl Strategy for ThreatThenSettle {
    fn name(&self) -> &'static str {
        "threat-then-settle"
    }

    fn propose(&mut self, view: &View<'_>, rng: &mut SimRng) -> Move {
        if let Some(threat) = self.statement(view) {
            return threat;
        }
        match self.base.propose(view, rng) {
            Move::Sue | Move::DropThreat => Move::Wait,
            mv => mv,
        }
    }

    /// Its first chance to threaten is the first week, whoever proposes.
    fn statement(&mut self, view: &View<'_>) -> Option<Move> {
        let can_threaten = self.player == Player::Microsoft
            && !view.public.threat
            && view.legal.contains(&Move::Threaten);
        can_threaten.then_some(Move::Threaten)
    }

    fn respond(&mut self, view: &View<'_>, offer: &Contract, coalition: Coalition) -> Response {
        let mut r = self.base.respond(view, offer, coalition);
        if self.player != Player::Microsoft {
            return r;
        }
        let value = r.value;
        if !view.public.threat {
            self.before = Some(self.before.map_or(value, |b| b.max(value)));
            return r;
        }
        match self.before {
            None => self.before = Some(value),
            Some(b) if value > b + self.margin => {
                let d = view.valuer.continuation(self.player);
                if value >= d {
                    r.accept = true;
                    r.threshold = d.max(b + self.margin);
                }
            }
            Some(_) => {}
        }
        r
    }
}
