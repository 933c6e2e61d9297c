//! `tit-for-tat`: Faratin–Sierra–Jennings (1998) behaviour-dependent tactic on payoffs. The
//! agent concedes only as the other side does: it imitates the opponent's concession instead
//! of following a clock.
//!
//! Per coalition it keeps a demand φ ∈ [0, 1], the share of its surplus range it still asks
//! for: aspiration a = d + φ·(U_max − d), with U_max its best value among the coalition's
//! candidates and d its disagreement value (both under its own beliefs). φ starts at 1 − κ.
//! Each offer received on the coalition is turned into the opponent's demand on it,
//! D = U_max − U(offer), and compared with the offer received δ offers earlier:
//! - relative tit-for-tat: φ ← φ · D_now / D_then (it gives up the same proportion of its
//!   demand as the opponent did);
//! - absolute tit-for-tat: φ ← φ − (D_then − D_now)/(U_max − d) (it gives up the same amount
//!   in $B of its own payoff as the opponent gave it).
//!
//! A retraction by the opponent raises φ again (clamped to [0, 1]). As proposer it offers the
//! candidate that maximises the responders' Nash product among those worth at least a to it
//! (as the payoff-driven agent does) and weighs it against its unilateral moves by logit; as
//! responder it accepts iff U(x) ≥ max(d, a) after taking the offer into account. Microsoft's
//! litigation moves follow its litigation policy (default: credible threat).

use crate::litigation_policy::{statement, LitigationPolicy};
use crate::menu::Menu;
use crate::params::Parser;
use crate::payoff_driven::{aspiration_response, best_offer, is_noop};
use sim::contract::Contract;
use sim::player::{Coalition, Player};
use sim::rng::RunKey;
use sim::strategy::{Move, Response, SpecProblems, Strategy, StrategyFactory, View};
use sim::SimRng;
use std::collections::VecDeque;
use std::sync::Arc;

/// How the opponent's concession is imitated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Imitation {
    /// Same proportion of the demand.
    Relative,
    /// Same amount, in $B of the agent's own payoff.
    Absolute,
}

/// Parameters of a [`TitForTat`] agent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TitForTatParams {
    /// Relative or absolute imitation.
    pub imitation: Imitation,
    /// δ: compare each offer with the one received δ offers earlier (≥ 1).
    pub delta: usize,
    /// Initial concession κ: φ starts at 1 − κ.
    pub kappa: f64,
    /// Logit precision λ over macro-actions, per $B.
    pub lambda: f64,
    /// Litigation policy.
    pub litigation: LitigationPolicy,
    /// Weeks a threat stands before a credible suit is filed.
    pub threat_patience: u32,
    /// Coalitions this player makes offers to.
    pub coalitions: Vec<Coalition>,
    /// Whether unilateral moves are considered at all.
    pub unilateral: bool,
}

/// Parameter names of `tit-for-tat`.
pub(crate) const KEYS: [&str; 8] = [
    "imitation",
    "delta",
    "kappa",
    "lambda",
    "litigation",
    "threat_patience_weeks",
    "coalitions",
    "unilateral",
];

/// Parses `tit-for-tat` parameters for `player`.
pub(crate) fn parse(params: &toml::Table, player: Player) -> Result<TitForTatParams, SpecProblems> {
    let mut p = Parser::new(params, &KEYS);
    let imitation = match p.text("imitation", &["relative", "absolute"]).as_deref() {
        Some("absolute") => Imitation::Absolute,
        _ => Imitation::Relative,
    };
    let delta = p
        .number("delta", 1.0, 52.0, false)
        .map_or(1, |d| d as usize);
    let kappa = p.number("kappa", 0.0, 0.999, false).unwrap_or(0.0);
    let lambda = p.number("lambda", 0.0, 1e6, false).unwrap_or(2.0);
    let litigation = p.litigation(LitigationPolicy::Credible);
    let threat_patience = p.threat_patience();
    let coalitions = p.coalitions(player, &[Coalition::MO], &[Coalition::MO], &[Coalition::OA]);
    let unilateral = p.flag("unilateral", true);
    if !p.problems.is_empty() {
        return Err(p.problems);
    }
    Ok(TitForTatParams {
        imitation,
        delta,
        kappa,
        lambda,
        litigation,
        threat_patience,
        coalitions,
        unilateral,
    })
}

/// Builds [`TitForTat`] agents.
pub(crate) struct TitForTatFactory {
    /// The player.
    pub player: Player,
    /// Parameters.
    pub params: Arc<TitForTatParams>,
}

impl StrategyFactory for TitForTatFactory {
    fn create(&self, _run: &RunKey) -> Box<dyn Strategy> {
        let start = 1.0 - self.params.kappa;
        Box::new(TitForTat {
            player: self.player,
            p: Arc::clone(&self.params),
            demand: [start; 3],
            seen: Default::default(),
            cands: Vec::new(),
        })
    }
}

/// The behaviour-dependent negotiator.
pub(crate) struct TitForTat {
    player: Player,
    p: Arc<TitForTatParams>,
    /// φ per coalition (index: MO, OA, MOA).
    demand: [f64; 3],
    /// The opponent's demands D of the last δ + 1 offers received, per coalition.
    seen: [VecDeque<f64>; 3],
    cands: Vec<(Contract, [f64; 3])>,
}

fn slot(c: Coalition) -> usize {
    match c {
        Coalition::MO => 0,
        Coalition::OA => 1,
        Coalition::MOA => 2,
    }
}

impl TitForTat {
    /// (U_max, d) on `coalition`: the best candidate value and the disagreement value.
    fn range(&mut self, view: &View<'_>, coalition: Coalition, extra: f64) -> (f64, f64) {
        view.valuer.candidates(coalition, &mut self.cands);
        let me = self.player as usize;
        let d = view.valuer.continuation(self.player);
        let top = self
            .cands
            .iter()
            .map(|(_, v)| v[me])
            .fold(extra.max(d), f64::max);
        (top, d)
    }

    /// Updates φ on `coalition` from an offer worth `value` to the agent.
    fn observe(&mut self, coalition: Coalition, value: f64, u_max: f64, d: f64) {
        let k = slot(coalition);
        let delta = self.p.delta;
        let now = (u_max - value).max(0.0);
        let seen = &mut self.seen[k];
        seen.push_back(now);
        if seen.len() > delta + 1 {
            seen.pop_front();
        }
        if seen.len() == delta + 1 {
            let then = seen[0];
            let phi = &mut self.demand[k];
            match self.p.imitation {
                Imitation::Relative if then > 1e-12 => *phi *= now / then,
                Imitation::Relative => {}
                Imitation::Absolute if u_max - d > 1e-12 => *phi -= (then - now) / (u_max - d),
                Imitation::Absolute => {}
            }
            *phi = phi.clamp(0.0, 1.0);
        }
    }
}

impl Strategy for TitForTat {
    fn name(&self) -> &'static str {
        "tit-for-tat"
    }

    fn propose(&mut self, view: &View<'_>, rng: &mut SimRng) -> Move {
        // Litigation moves take the place of an offer on its own turn.
        if let Some(mv) = self.statement(view) {
            return mv;
        }
        let me = self.player;
        let p = Arc::clone(&self.p);
        let mut menu = Menu::new();
        let d_me = view.valuer.continuation(me);
        for &c in p.coalitions.iter().filter(|c| c.contains(me)) {
            let (u_max, d) = self.range(view, c, d_me);
            let aspiration = d + self.demand[slot(c)] * (u_max - d);
            let others: Vec<(Player, f64)> = c
                .members()
                .filter(|j| *j != me)
                .map(|j| (j, view.valuer.continuation(j)))
                .collect();
            let current = *view.current;
            let exclude = |_: usize, x: &Contract| is_noop(c, x, &current);
            if let Some(k) = best_offer(&self.cands, me, aspiration, d, &others, &exclude) {
                let offer = self.cands[k].0;
                let accept: f64 = others
                    .iter()
                    .map(|(j, _)| view.valuer.acceptance(*j, &offer))
                    .product();
                let ev = accept * view.valuer.agreement(me, &offer) + (1.0 - accept) * d;
                let mv = Move::Offer {
                    coalition: c,
                    contract: offer,
                };
                menu.push(mv, ev);
            }
        }
        menu.push_moves(view, d_me, p.unilateral, p.litigation);
        menu.choose(p.lambda, rng)
    }

    fn statement(&mut self, view: &View<'_>) -> Option<Move> {
        let (policy, patience) = (self.p.litigation, self.p.threat_patience);
        statement(self.player, policy, view, patience)
    }

    fn respond(&mut self, view: &View<'_>, offer: &Contract, coalition: Coalition) -> Response {
        let value = view.valuer.agreement(self.player, offer);
        let (u_max, d) = self.range(view, coalition, value);
        self.observe(coalition, value, u_max, d);
        let aspiration = d + self.demand[slot(coalition)] * (u_max - d);
        // The demand mirrors the values the opponent's offers had to this player, which
        // depend on its beliefs: no belief-free concession to report.
        aspiration_response(value, d, u_max, aspiration, None)
    }
}
