//! `payoff-driven`: the default negotiator (docs/model.md §7.1). It bargains over its own payoff
//! function rather than over fixed issue weights, so it sees interactions between issues (the AGI
//! clause matters only while the share runs until AGI; hosting only once exclusivity is relaxed).
//!
//! - Aspiration: a(t) = U_max − α(t)·(U_max − d), with α(t) the Faratin polynomial
//!   concession curve of the player's β, κ and deadline, U_max its best value among the
//!   coalition's candidate offers and d its current disagreement value under its beliefs.
//!   While a suit is pending the clock runs from the filing to the median judgment date
//!   (`tactic::clock`).
//! - As proposer it offers, among the coalition's candidates worth at least a(t) (and d) to
//!   it, the one that maximises the responders' Nash product Π_j (U_j − d_j) as it estimates
//!   them; never the terms already in force. It weighs that offer (expected value with the
//!   predicted acceptance) against its unilateral moves and waiting by logit choice.
//! - As responder it accepts iff U(x) ≥ max(d, a(t + 1)).
//! - Microsoft's litigation moves follow the credible-threat policy.

use crate::deadline::{self, EarlyDeadline};
use crate::litigation_policy::{statement, LitigationPolicy};
use crate::menu::Menu;
use crate::tactic::{alpha, clock, Curve};
use sim::contract::{Contract, Issue};
use sim::player::{Coalition, Player};
use sim::rng::{RunKey, Stream};
use sim::strategy::{Move, PublicState, Response, Strategy, StrategyFactory, View};
use sim::SimRng;
use std::sync::Arc;

/// Parameters of a [`PayoffDriven`] agent, parsed once per scenario.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PayoffDrivenParams {
    /// Initial concession κ (α(0) = κ).
    pub kappa: f64,
    /// Concession shape β (< 1 Boulware, > 1 Conceder).
    pub beta: f64,
    /// Deadline t_max, weeks: α reaches 1 there.
    pub deadline: f64,
    /// A nearer deadline some runs have instead (`early_deadline_weeks` in a share
    /// `early_deadline_share` of runs), drawn once per run.
    pub early_deadline: Option<EarlyDeadline>,
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

impl PayoffDrivenParams {
    /// This run's deadline: the early one with probability `share` (one uniform draw from
    /// `types`, made only when an early deadline is set), else the usual one.
    pub(crate) fn run_deadline(&self, types: &mut SimRng) -> f64 {
        deadline::run_deadline(self.early_deadline, self.deadline, types)
    }

    /// α at `week` for an agent whose deadline is `deadline`: the share of the distance from
    /// U_max to d conceded, on the bargaining [`clock`] (the court's calendar while a suit is
    /// pending, the agent's own deadline otherwise).
    pub(crate) fn alpha(&self, public: &PublicState, week: u32, deadline: f64) -> f64 {
        let (t, t_max) = clock(public, week, deadline);
        alpha(Curve::Polynomial, t, t_max, self.kappa, self.beta)
    }

    /// The aspiration a = U_max − α·(U_max − d) at `week` (never below d).
    pub(crate) fn aspiration(
        &self,
        public: &PublicState,
        week: u32,
        deadline: f64,
        u_max: f64,
        d: f64,
    ) -> f64 {
        if u_max <= d {
            return d;
        }
        u_max - self.alpha(public, week, deadline) * (u_max - d)
    }
}

/// Builds [`PayoffDriven`] agents.
pub(crate) struct PayoffDrivenFactory {
    /// Catalogue name.
    pub name: &'static str,
    /// The player.
    pub player: Player,
    /// Parameters.
    pub params: Arc<PayoffDrivenParams>,
}

impl StrategyFactory for PayoffDrivenFactory {
    fn create(&self, run: &RunKey) -> Box<dyn Strategy> {
        let deadline = match self.params.early_deadline {
            Some(_) => self
                .params
                .run_deadline(&mut run.stream(Stream::types_of(self.player))),
            None => self.params.deadline,
        };
        Box::new(PayoffDriven {
            name: self.name,
            player: self.player,
            deadline,
            p: Arc::clone(&self.params),
            buf: Vec::new(),
            mo: Vec::new(),
            noop: NoopFlags::default(),
            run_best: None,
        })
    }
}

/// A negotiator on payoffs: aspiration concession, Nash-product offers, aspiration-based
/// acceptance.
pub(crate) struct PayoffDriven {
    name: &'static str,
    player: Player,
    /// This run's deadline ([`PayoffDrivenParams::run_deadline`]).
    deadline: f64,
    p: Arc<PayoffDrivenParams>,
    buf: Vec<(Contract, [f64; 3])>,
    /// The run's Microsoft–OpenAI candidates (fixed for the run), fetched once.
    mo: Vec<(Contract, [f64; 3])>,
    /// Which of the run's MO candidates are no-ops under the terms in force.
    noop: NoopFlags,
    /// This player's best value among the run's MO candidates (fixed for the run), with the
    /// address and length of the candidate list it was computed from.
    run_best: Option<(usize, usize, f64)>,
}

/// [`is_noop`] for MO of each of the run's MO candidates, for one set of terms in force: the
/// candidates are fixed for the run and the terms rarely change, so the flags are computed
/// once instead of for every candidate in every round.
#[derive(Default)]
struct NoopFlags {
    /// The terms in force the flags were computed for.
    current: Option<Contract>,
    flags: Vec<bool>,
}

impl NoopFlags {
    /// The flags of `cands` under `current` (recomputed only when either changed).
    fn of(&mut self, cands: &[(Contract, [f64; 3])], current: &Contract) -> &[bool] {
        if self.current.as_ref() != Some(current) || self.flags.len() != cands.len() {
            self.flags.clear();
            self.flags.extend(
                cands
                    .iter()
                    .map(|(x, _)| is_noop(Coalition::MO, x, current)),
            );
            self.current = Some(*current);
        }
        &self.flags
    }
}

/// Whether `x` would change nothing for `coalition` relative to the terms in force.
pub(crate) fn is_noop(coalition: Coalition, x: &Contract, current: &Contract) -> bool {
    match coalition {
        Coalition::OA => x.hosting == current.hosting && x.amazon_tranche == current.amazon_tranche,
        Coalition::MO => {
            x.side_payment == current.side_payment && same_partnership_levels(x, current)
        }
        Coalition::MOA => x == current,
    }
}

/// `Issue::partnership_terms().all(|i| x.same_level(current, i))`, unrolled: each term
/// compared by a `same_level` specialised to it, in the same order.
fn same_partnership_levels(x: &Contract, current: &Contract) -> bool {
    x.same_level(current, Issue::Exclusivity)
        && x.same_level(current, Issue::AzureFirst)
        && x.same_level(current, Issue::LicenceExclusive)
        && x.same_level(current, Issue::LicenceEnd)
        && x.same_level(current, Issue::AgiClause)
        && x.same_level(current, Issue::RevenueShare)
        && x.same_level(current, Issue::Cap)
        && x.same_level(current, Issue::ShareEnd)
        && x.same_level(current, Issue::MicrosoftShare)
}

/// Among `candidates`, the offer a proposer `me` with aspiration `a` and disagreement value
/// `d_me` makes to the responders `responders` with (estimated) disagreement values `d`:
/// the candidate maximising Π_j (U_j − d_j) among those worth ≥ max(a, d_me) to `me` and not a
/// no-op (`exclude`, given each candidate's index and terms); ties and all-negative cases go
/// to the largest smallest gain. `None` if no candidate meets the aspiration.
pub(crate) fn best_offer(
    candidates: &[(Contract, [f64; 3])],
    me: Player,
    a: f64,
    d_me: f64,
    responders: &[(Player, f64)],
    exclude: &dyn Fn(usize, &Contract) -> bool,
) -> Option<usize> {
    let floor = a.max(d_me);
    if let [(j, dj)] = responders {
        return best_offer_to_one(candidates, me, floor, (*j, *dj), exclude);
    }
    best_offer_to_many(candidates, me, floor, responders, exclude)
}

/// [`best_offer`] by its general rule, for any number of responders, with `floor` =
/// max(a, d_me).
fn best_offer_to_many(
    candidates: &[(Contract, [f64; 3])],
    me: Player,
    floor: f64,
    responders: &[(Player, f64)],
    exclude: &dyn Fn(usize, &Contract) -> bool,
) -> Option<usize> {
    let mut best: Option<(usize, f64, f64)> = None;
    for (k, (x, v)) in candidates.iter().enumerate() {
        if v[me as usize] < floor - 1e-9 {
            continue;
        }
        let mut nash = 1.0;
        let mut min_gain = f64::INFINITY;
        for (j, dj) in responders {
            let g = v[*j as usize] - dj;
            min_gain = min_gain.min(g);
            nash *= g.max(0.0);
        }
        let better = match best {
            None => true,
            Some((_, bn, bm)) => {
                nash > bn + 1e-12 || (nash <= bn + 1e-12 && nash >= bn - 1e-12 && min_gain > bm)
            }
        };
        // `exclude` is pure, so asking it only about a candidate that would become the best
        // picks the same offer as filtering every candidate first, at a fraction of the cost.
        if better && !exclude(k, x) {
            best = Some((k, nash, min_gain));
        }
    }
    best.map(|(k, _, _)| k)
}

/// [`best_offer`] with a single responder `(j, d_j)`. The Nash product is then max(g, 0) and
/// the smallest gain is g itself (g = U_j − d_j), so the general rule (a higher product beyond
/// the 1e-12 tolerance, or a tie within it broken by the larger smallest gain) prefers a
/// candidate exactly when its g is strictly larger: the offer is the first candidate with the
/// largest g among those eligible. This is the bilateral case of every Microsoft–OpenAI and
/// OpenAI–Amazon offer, the engine's most frequent loop.
fn best_offer_to_one(
    candidates: &[(Contract, [f64; 3])],
    me: Player,
    floor: f64,
    (j, dj): (Player, f64),
    exclude: &dyn Fn(usize, &Contract) -> bool,
) -> Option<usize> {
    let (me, j) = (me as usize, j as usize);
    let cut = floor - 1e-9;
    let mut best: Option<usize> = None;
    let mut best_gain = f64::NEG_INFINITY;
    for (k, (x, v)) in candidates.iter().enumerate() {
        if v[me] < cut {
            continue;
        }
        let g = v[j] - dj;
        if (best.is_none() || g > best_gain) && !exclude(k, x) {
            best = Some(k);
            best_gain = g;
        }
    }
    best
}

/// The candidates for `coalition`, on the agent's buffers (so the caller may borrow other
/// fields): the run's MO frontier (borrowed from the valuer when it lends it, else fetched
/// once and reused) or the O–A side deals valued now.
fn load<'v>(
    buf: &'v mut Vec<(Contract, [f64; 3])>,
    mo: &'v mut Vec<(Contract, [f64; 3])>,
    view: &'v View<'v>,
    coalition: Coalition,
) -> &'v [(Contract, [f64; 3])] {
    if coalition == Coalition::OA {
        view.valuer.candidates(coalition, buf);
        return buf;
    }
    if let Some(run) = view.valuer.run_candidates() {
        return run;
    }
    if mo.is_empty() {
        view.valuer.candidates(coalition, mo);
    }
    mo
}

fn u_max(cands: &[(Contract, [f64; 3])], me: Player, extra: f64) -> f64 {
    cands
        .iter()
        .map(|(_, v)| v[me as usize])
        .fold(extra, f64::max)
}

/// [`u_max`] of the candidates of `coalition`: those of the O–A side deals change with the
/// state; the run's MO candidates do not, so `me`'s best among them is taken once per run
/// (`cache`) and only compared with `extra` (the maximum of a set does not depend on the
/// order it is taken in).
fn u_max_of(
    cache: &mut Option<(usize, usize, f64)>,
    coalition: Coalition,
    cands: &[(Contract, [f64; 3])],
    me: Player,
    extra: f64,
) -> f64 {
    if coalition == Coalition::OA {
        return u_max(cands, me, extra);
    }
    let key = (cands.as_ptr() as usize, cands.len());
    let best = match *cache {
        Some((ptr, len, best)) if (ptr, len) == key => best,
        _ => {
            let best = u_max(cands, me, f64::NEG_INFINITY);
            *cache = Some((key.0, key.1, best));
            best
        }
    };
    extra.max(best)
}

impl Strategy for PayoffDriven {
    fn name(&self) -> &'static str {
        self.name
    }

    fn propose(&mut self, view: &View<'_>, rng: &mut SimRng) -> Move {
        // Litigation moves take the place of an offer on its own turn.
        if let Some(mv) = self.statement(view) {
            return mv;
        }
        let week = view.public.week;
        let me = self.player;
        let mut menu = Menu::new();
        let d_me = view.valuer.continuation(me);
        let p = Arc::clone(&self.p);
        for &c in &p.coalitions {
            if !c.contains(me) || !menu.has_room() {
                continue;
            }
            let cands = load(&mut self.buf, &mut self.mo, view, c);
            if cands.is_empty() {
                continue;
            }
            let best = u_max_of(&mut self.run_best, c, cands, me, d_me);
            let a = p.aspiration(view.public, week, self.deadline, best, d_me);
            let mut responders = [(Player::Microsoft, 0.0); 2];
            let mut r = 0;
            for j in c.members().filter(|j| *j != me) {
                responders[r] = (j, view.valuer.continuation(j));
                r += 1;
            }
            let current = *view.current;
            let flags: &[bool] = if c == Coalition::MO {
                self.noop.of(cands, &current)
            } else {
                &[]
            };
            let exclude = |k: usize, x: &Contract| match flags.get(k) {
                Some(&noop) => noop,
                None => is_noop(c, x, &current),
            };
            let Some(k) = best_offer(cands, me, a, d_me, &responders[..r], &exclude) else {
                continue;
            };
            let offer = cands[k].0;
            let value = view.valuer.agreement(me, &offer);
            let accept: f64 = responders[..r]
                .iter()
                .map(|(j, _)| view.valuer.acceptance(*j, &offer))
                .product();
            menu.push(
                Move::Offer {
                    coalition: c,
                    contract: offer,
                },
                accept * value + (1.0 - accept) * d_me,
            );
        }
        menu.push_moves(view, d_me, p.unilateral, p.litigation);
        menu.choose(p.lambda, rng)
    }

    fn statement(&mut self, view: &View<'_>) -> Option<Move> {
        let (policy, patience) = (self.p.litigation, self.p.threat_patience);
        statement(self.player, policy, view, patience)
    }

    fn respond(&mut self, view: &View<'_>, offer: &Contract, coalition: Coalition) -> Response {
        let me = self.player;
        let value = view.valuer.agreement(me, offer);
        let d = view.valuer.continuation(me);
        let cands = load(&mut self.buf, &mut self.mo, view, coalition);
        let u_max = u_max_of(&mut self.run_best, coalition, cands, me, value.max(d));
        let alpha = self
            .p
            .alpha(view.public, view.public.week + 1, self.deadline);
        let a_next = if u_max <= d {
            d
        } else {
            u_max - alpha * (u_max - d)
        };
        aspiration_response(value, d, u_max, a_next, Some(alpha))
    }
}

/// A responder's answer under an aspiration rule: accept iff the offer is worth at least
/// max(d, aspiration); scores are positions between d and U_max (for traces). `concession`
/// is the rule's α when the aspiration is (1 − α)·U_max + α·d with α free of beliefs
/// ([`Response::concession`]).
pub(crate) fn aspiration_response(
    value: f64,
    d: f64,
    u_max: f64,
    aspiration: f64,
    concession: Option<f64>,
) -> Response {
    let threshold = d.max(aspiration);
    let span = (u_max - d).max(1e-9);
    Response {
        accept: value >= threshold,
        value,
        threshold,
        score: ((value - d) / span).clamp(0.0, 1.0),
        score_threshold: ((aspiration - d) / span).clamp(0.0, 1.0),
        concession,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The single-responder path picks what the general rule picks, including ties
        /// (values on a coarse grid so that many coincide) and gains on both sides of zero.
        #[test]
        fn one_responder_offers_match_the_general_rule(
            values in prop::collection::vec((0u8..12, 0u8..12, 0u8..12), 1..40),
            me in 0usize..3,
            j in 0usize..3,
            floor in 0u8..12,
            dj in 0u8..12,
            excluded in prop::collection::vec(any::<bool>(), 40),
        ) {
            let x = crate::catalog::tests::sim_status_quo();
            let half = |k: u8| f64::from(k) * 0.5;
            let cands: Vec<(Contract, [f64; 3])> = values
                .iter()
                .map(|&(a, b, c)| (x, [half(a), half(b), half(c)]))
                .collect();
            let (me, j) = (Player::ALL[me], Player::ALL[j]);
            let exclude = |k: usize, _: &Contract| excluded[k];
            let floor = half(floor);
            let responders = [(j, half(dj))];
            prop_assert_eq!(
                best_offer(&cands, me, floor, f64::NEG_INFINITY, &responders, &exclude),
                best_offer_to_many(&cands, me, floor, &responders, &exclude)
            );
        }
    }
}
