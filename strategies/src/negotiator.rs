//! `faratin-logit` and its variants (the first build's default agent). Offers come from Faratin tactics over the issues with
//! per-player weights, never below the player's continuation value; responses accept an offer
//! when it beats both the player's own next offer (by score) and its continuation value (in
//! $B); macro-actions are chosen by logit over their expected values; Microsoft's litigation
//! moves follow the credible-threat policy. A share of runs may have a nearer deadline
//! (`crate::deadline`).

use crate::deadline::EarlyDeadline;
use crate::litigation_policy::{statement, LitigationPolicy};
use crate::menu::Menu;
use crate::tactic::{clock, Directions, Tactic};
use sim::contract::{Contract, Issue};
use sim::player::{Coalition, Player};
use sim::rng::RunKey;
use sim::strategy::{Move, Response, Strategy, StrategyFactory, View};
use sim::SimRng;
use std::sync::Arc;

/// Parameters of a [`Negotiator`], parsed once per scenario.
#[derive(Debug, Clone)]
pub(crate) struct NegotiatorParams {
    /// Offer tactic.
    pub tactic: Tactic,
    /// Logit precision λ, per $B.
    pub lambda: f64,
    /// Litigation policy.
    pub litigation: LitigationPolicy,
    /// Weeks a credible threat stands before filing.
    pub threat_patience: u32,
    /// Coalitions this player makes offers to.
    pub coalitions: Vec<Coalition>,
    /// Whether unilateral moves are considered at all (false: offers and waiting only).
    pub unilateral: bool,
    /// α_j(t) per week t = 0, 1, …, precomputed once per scenario (shared by all runs).
    pub alpha_table: AlphaTable,
    /// A nearer deadline some runs have instead (`early_deadline_weeks` in a share
    /// `early_deadline_share` of runs, drawn once per run), with the α table of the tactic
    /// at that deadline, precomputed once per scenario like `alpha_table`.
    pub early_deadline: Option<(EarlyDeadline, AlphaTable)>,
}

/// α_j(t) for every issue j, per week t = 0, 1, …, [`ALPHA_WEEKS`] − 1.
pub(crate) type AlphaTable = Arc<Vec<[f64; Issue::ALL.len()]>>;

/// Weeks covered by the precomputed α table (the longest allowed horizon plus one).
pub(crate) const ALPHA_WEEKS: usize = 522;

impl NegotiatorParams {
    /// Builds the α table of `tactic` for every week a run can reach.
    pub(crate) fn alpha_table(tactic: &Tactic) -> AlphaTable {
        Arc::new((0..ALPHA_WEEKS).map(|w| tactic.alphas(w as f64)).collect())
    }

    /// These parameters as `player`'s agent has them in the run keyed `run`: with the early
    /// deadline and its α table in place of the usual ones when the run draws it
    /// ([`EarlyDeadline::drawn_for`], one draw from the player's types stream, taken only
    /// when an early deadline is set), else unchanged.
    pub(crate) fn for_run(&self, run: &RunKey, player: Player) -> NegotiatorParams {
        let mut p = self.clone();
        if let Some((early, table)) = &self.early_deadline {
            if early.drawn_for(run, player) {
                p.tactic.deadline = early.weeks;
                p.alpha_table = Arc::clone(table);
            }
        }
        p
    }
}

/// Builds [`Negotiator`]s.
pub(crate) struct NegotiatorFactory {
    /// Catalogue name.
    pub name: &'static str,
    /// The player.
    pub player: Player,
    /// Parameters.
    pub params: NegotiatorParams,
}

impl StrategyFactory for NegotiatorFactory {
    fn create(&self, run: &RunKey) -> Box<dyn Strategy> {
        Box::new(Negotiator {
            name: self.name,
            player: self.player,
            p: self.params.for_run(run, self.player),
            dirs: None,
        })
    }
}

/// A Faratin negotiator with logit macro-choice and a litigation policy.
pub(crate) struct Negotiator {
    name: &'static str,
    player: Player,
    /// This run's parameters ([`NegotiatorParams::for_run`]).
    p: NegotiatorParams,
    dirs: Option<Directions>,
}

impl Negotiator {
    fn directions(&mut self, view: &View<'_>) -> Directions {
        *self.dirs.get_or_insert_with(|| {
            let mut d = [None; Issue::ALL.len()];
            for issue in Issue::ALL {
                d[issue.index()] = view.valuer.prefers_higher(self.player, issue);
            }
            d
        })
    }

    /// The tactic's offer at week `t`, pulled back toward the player's best terms until it is
    /// worth at least the continuation value.
    fn offer_at(&mut self, view: &View<'_>, week: u32) -> Contract {
        let dirs = self.directions(view);
        let alphas = self.alphas(view, week);
        let floor = view.valuer.continuation(self.player);
        let mut scale = 1.0;
        loop {
            let x = self.p.tactic.offer(&alphas, view.current, &dirs, scale);
            if scale <= 0.0 || view.valuer.agreement(self.player, &x) >= floor {
                return x;
            }
            scale -= 0.25;
        }
    }

    /// α_j on the bargaining clock at `week` ([`clock`]): from the table unless a suit is
    /// pending, then on the court's calendar.
    fn alphas(&self, view: &View<'_>, week: u32) -> [f64; Issue::ALL.len()] {
        if view.public.suit_pending {
            let (t, t_max) = clock(view.public, week, self.p.tactic.deadline);
            return self.p.tactic.alphas_until(t, t_max);
        }
        match self.p.alpha_table.get(week as usize) {
            Some(a) => *a,
            None => self.p.tactic.alphas(f64::from(week)),
        }
    }
}

impl Strategy for Negotiator {
    fn name(&self) -> &'static str {
        self.name
    }

    fn propose(&mut self, view: &View<'_>, rng: &mut SimRng) -> Move {
        // Litigation moves take the place of an offer on its own turn.
        if let Some(mv) = self.statement(view) {
            return mv;
        }
        let week = view.public.week;
        let mut menu = Menu::new();
        let cont = view.valuer.continuation(self.player);
        let offer = self.offer_at(view, week);
        for &c in &self.p.coalitions {
            if !c.contains(self.player) {
                continue;
            }
            let me = self.player;
            let accept: f64 = c
                .members()
                .filter(|p| *p != me)
                .map(|r| view.valuer.acceptance(r, &offer))
                .product();
            let value = view.valuer.agreement(self.player, &offer);
            menu.push(
                Move::Offer {
                    coalition: c,
                    contract: offer,
                },
                accept * value + (1.0 - accept) * cont,
            );
        }
        menu.push_moves(view, cont, self.p.unilateral, self.p.litigation);
        menu.choose(self.p.lambda, rng)
    }

    fn statement(&mut self, view: &View<'_>) -> Option<Move> {
        let (policy, patience) = (self.p.litigation, self.p.threat_patience);
        statement(self.player, policy, view, patience)
    }

    fn respond(&mut self, view: &View<'_>, offer: &Contract, _coalition: Coalition) -> Response {
        let dirs = self.directions(view);
        let next = self.offer_at(view, view.public.week + 1);
        let score = self.p.tactic.score(offer, &dirs);
        let score_threshold = self.p.tactic.score(&next, &dirs);
        let value = view.valuer.agreement(self.player, offer);
        let threshold = view.valuer.continuation(self.player);
        Response {
            accept: score >= score_threshold - 1e-12 && value >= threshold,
            value,
            threshold,
            score,
            score_threshold,
            concession: None,
        }
    }
}
