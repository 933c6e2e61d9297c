//! `litigate-if-below`: Microsoft sues when the best offer on the table is worth less to it
//! than its litigation outside option. The table holds every offer it has received this run,
//! valued now under its beliefs; the outside option is its value of filing now
//! (`SuitAssessment::value_of_suing`, which includes fees, antitrust cost and the court's
//! odds under its posterior). It files as proposer once a suit is legal (a defiant launch is
//! live) and some offer has been received whose best value falls short of the outside option
//! by more than `margin` ($B); as responder it rejects offers below the outside option while a
//! suit is open to it. Otherwise it bargains as the payoff-driven agent without litigation
//! moves (its base): it never threatens. OpenAI and Amazon cannot sue: for them the strategy
//! is that base.

use sim::contract::Contract;
use sim::player::{Coalition, Player};
use sim::rng::RunKey;
use sim::strategy::{Move, PublicState, Response, Strategy, StrategyFactory, View};
use sim::SimRng;

/// Builds [`LitigateIfBelow`] agents around a base factory.
pub(crate) struct LitigateIfBelowFactory {
    /// The player.
    pub player: Player,
    /// How far ($B) the best offer must fall below the outside option before it sues.
    pub margin: f64,
    /// The base negotiator (payoff-driven, litigation never).
    pub base: Box<dyn StrategyFactory>,
}

impl StrategyFactory for LitigateIfBelowFactory {
    fn create(&self, run: &RunKey) -> Box<dyn Strategy> {
        Box::new(LitigateIfBelow {
            player: self.player,
            margin: self.margin,
            base: self.base.create(run),
            table: Vec::new(),
        })
    }
}

/// The litigate-if-below-outside-option agent.
pub(crate) struct LitigateIfBelow {
    player: Player,
    margin: f64,
    base: Box<dyn Strategy>,
    /// Offers received this run.
    table: Vec<Contract>,
}

/// Whether Microsoft may file now (the engine's rule: a live defiant launch, no suit yet, no
/// re-architecture).
fn suit_open(p: &PublicState) -> bool {
    p.launched && p.suit_filed.is_none() && !p.rearchitected
}

impl LitigateIfBelow {
    /// The best value to the agent, now, of the offers received (`None`: the table is empty).
    pub(crate) fn best_on_table(&self, view: &View<'_>) -> Option<f64> {
        self.table
            .iter()
            .map(|x| view.valuer.agreement(self.player, x))
            .reduce(f64::max)
    }
}

impl Strategy for LitigateIfBelow {
    fn name(&self) -> &'static str {
        "litigate-if-below"
    }

    fn propose(&mut self, view: &View<'_>, rng: &mut SimRng) -> Move {
        if self.player == Player::Microsoft && view.legal.contains(&Move::Sue) {
            let outside = view.valuer.suit().value_of_suing;
            if let Some(best) = self.best_on_table(view) {
                if best + self.margin < outside {
                    return Move::Sue;
                }
            }
        }
        match self.base.propose(view, rng) {
            Move::Sue | Move::Threaten | Move::DropThreat => Move::Wait,
            mv => mv,
        }
    }

    fn respond(&mut self, view: &View<'_>, offer: &Contract, coalition: Coalition) -> Response {
        let mut r = self.base.respond(view, offer, coalition);
        if self.player != Player::Microsoft {
            return r;
        }
        self.table.push(*offer);
        if suit_open(view.public) {
            let outside = view.valuer.suit().value_of_suing;
            if r.value < outside {
                r.accept = false;
                r.threshold = r.threshold.max(outside);
            }
        }
        r
    }
}
