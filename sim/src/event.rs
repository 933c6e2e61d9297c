//! What a run reports as it plays: the [`Event`]s of a run and the [`Observer`] that receives
//! them, which keeps I/O (traces, recorders) out of the round loop.

use crate::contract::Contract;
use crate::litigation::CourtEvent;
use crate::outcome::Outcome;
use crate::player::{Coalition, Player};
use crate::shocks::ShockEvent;
use crate::strategy::Response;

/// Something that happened in a run, reported to an [`Observer`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Per-run setup draws.
    Setup {
        /// True legal merit θ.
        theta: f64,
        /// Revenue multiplier G.
        revenue_multiplier: f64,
        /// Valuation multiplier.
        valuation_multiplier: f64,
        /// Litigation discount d_L.
        litigation_discount: f64,
    },
    /// A round starts.
    Round {
        /// Week.
        week: u32,
        /// Drawn proposer.
        proposer: Player,
        /// Each player's belief θ_i.
        beliefs: [f64; 3],
        /// Antitrust pressure.
        antitrust: f64,
    },
    /// Nature moved.
    Shock {
        /// Week.
        week: u32,
        /// What happened.
        event: ShockEvent,
    },
    /// Microsoft's board filed regardless.
    Breakdown {
        /// Week.
        week: u32,
    },
    /// A court ruled.
    Court {
        /// Week.
        week: u32,
        /// Ruling.
        event: CourtEvent,
    },
    /// An offer was made.
    Offer {
        /// Week.
        week: u32,
        /// Proposer.
        proposer: Player,
        /// Addressee coalition.
        coalition: Coalition,
        /// Terms.
        contract: Contract,
    },
    /// A responder answered.
    Response {
        /// Week.
        week: u32,
        /// Responder.
        responder: Player,
        /// Answer and reasons.
        response: Response,
    },
    /// The coalition agreed.
    Agreement {
        /// Week.
        week: u32,
        /// Coalition.
        coalition: Coalition,
        /// Terms.
        contract: Contract,
    },
    /// A unilateral move (or a wait).
    Move {
        /// Week.
        week: u32,
        /// Mover.
        player: Player,
        /// Label of the move.
        action: &'static str,
        /// Mover's continuation value before, $B (its beliefs).
        value_before: f64,
        /// Mover's value after, $B (its beliefs).
        value_after: f64,
    },
    /// Microsoft's litigation statement in a week another player proposes (a threat, a
    /// filing or a dropped threat, made before that proposal).
    Statement {
        /// Week.
        week: u32,
        /// Label of the move.
        action: &'static str,
        /// Microsoft's continuation value before, $B (its beliefs).
        value_before: f64,
        /// Its value after, $B (its beliefs).
        value_after: f64,
    },
    /// Microsoft's litigation arithmetic behind a threat, suit or dropped threat
    /// (docs/model.md §6.2).
    Litigation {
        /// Week.
        week: u32,
        /// Microsoft's belief θ_M.
        theta: f64,
        /// J, $B.
        stake: f64,
        /// c_P, $B.
        plaintiff_cost: f64,
        /// f_thr.
        threat_threshold: f64,
        /// Week Microsoft's outstanding public threat was made (`None` without one): a
        /// credible suit is filed once the threat has stood the strategy's patience.
        threat_week: Option<u32>,
        /// A defiant launch is live (there is something to sue over).
        launch_live: bool,
    },
    /// Microsoft learned from OpenAI's refusal of its offer (Nalebuff 1987; docs/model.md §6.3): θ
    /// lies below `cutoff`, so its belief moved from `before` to `after`.
    Inference {
        /// Week.
        week: u32,
        /// The θ below which OpenAI would have refused (the lowest such cutoff so far).
        cutoff: f64,
        /// Microsoft's belief before the refusal.
        before: f64,
        /// Microsoft's belief after it.
        after: f64,
    },
    /// A move the rules did not allow was replaced by waiting.
    Illegal {
        /// Week.
        week: u32,
        /// Mover.
        player: Player,
        /// Label of the attempted move.
        action: &'static str,
    },
    /// The run ended.
    End {
        /// Last week played.
        week: u32,
        /// Classification.
        outcome: Outcome,
        /// Realised payoffs, $B.
        payoffs: [f64; 3],
    },
}

/// Receives the events of a run. Keeps I/O out of the engine.
pub trait Observer {
    /// Called for every event, in order.
    fn event(&mut self, e: &Event);

    /// Whether this observer looks at events at all. The engine skips work whose only use is
    /// an event's fields (valuing a move for the trace) when it does not; the run itself is
    /// the same either way.
    fn enabled(&self) -> bool {
        true
    }
}

/// Observer that ignores everything (Monte Carlo).
pub struct Silent;

impl Observer for Silent {
    #[inline(always)]
    fn event(&mut self, _e: &Event) {}

    #[inline(always)]
    fn enabled(&self) -> bool {
        false
    }
}

impl Observer for Vec<Event> {
    fn event(&mut self, e: &Event) {
        self.push(e.clone());
    }
}
