//! Payoffs of dispute states under one player's beliefs: builds the [`Regime`] of the
//! current state (or of the state after a move or an agreement) and values it with the run's
//! [`Economics`]. This is what agents consult through the [`Valuer`] trait; the engine uses
//! the same code with the true θ for realised payoffs. Microsoft's litigation stakes and costs
//! (J, c_P, c_D, credibility) are in the `stakes` submodule.

use crate::contract::{Contract, Hosting, Issue, Tranche};
use crate::params::Params;
use crate::payoff::Economics;
use crate::player::{Coalition, Player};
use crate::regime::{IpoClass, Regime};
use crate::shocks::Shocks;
use crate::state::DisputeState;
use crate::strategy::{Move, SuitAssessment, SuitStakes, Valuer};
use std::cell::{Cell, RefCell};

mod refusal;
mod stakes;

pub(crate) use stakes::LitigationTerms;
use stakes::{Assessment, Stakes};

/// Preferences over issue levels, computed once per scenario.
pub(crate) type IssuePreferences = [[Option<bool>; Issue::ALL.len()]; 3];

/// The values of states for one viewer (with its belief θ_i), in one round.
pub(crate) struct StateValuer<'a> {
    /// Scenario parameters.
    pub s: &'a Params,
    /// Run economics.
    pub econ: &'a Economics,
    /// Dispute state.
    pub state: &'a DisputeState,
    /// Shock state.
    pub shocks: &'a Shocks,
    /// Viewer's belief that Microsoft wins in court.
    pub theta: f64,
    /// Per-scenario issue preferences.
    pub prefs: &'a IssuePreferences,
    /// Who is looking: `None` for the analyst (true θ, Microsoft's credibility test).
    viewer: Option<Player>,
    /// Microsoft–OpenAI candidate offers with their values at the run's start.
    candidates: &'a [(Contract, [f64; 3])],
    /// Cached value of the current state.
    current: Cell<Option<[f64; 3]>>,
    /// The belief-free values of this state, shared by every viewer's valuer of it.
    shared: &'a SharedValues,
    /// This viewer's own calm impasse value, used while a suit is pending (when the calm
    /// impasse involves the viewer's belief and cannot be shared).
    own_calm: Cell<Option<[f64; 3]>>,
    /// This viewer's own O–A side-deal candidates, used while a suit is pending.
    own_oa: RefCell<Option<OaCandidates>>,
    /// Cached litigation assessment of the current state.
    assessment: Cell<Option<Assessment>>,
    /// [`Shocks::expected_musk_damages`] of `shocks` (fixed while the valuer borrows them),
    /// computed once for every regime the valuer builds.
    musk_damages: [f64; 2],
}

/// The values of one dispute state that do not depend on who looks at it: agreement values,
/// Microsoft's litigation stakes (J, c_P, c_D), and (while no suit is pending, when the impasse
/// does not involve θ) the calm impasse and the O–A side deals. Every viewer's valuer of the
/// same state borrows one, so what one computes the others reuse. Each entry is a pure
/// function of the state and the shocks, so sharing changes no result, only the work; a new
/// state needs a new (or [`SharedValues::clear`]ed) one.
#[derive(Default)]
pub(crate) struct SharedValues {
    /// The last contracts valued as agreements (round robin).
    offers: RefCell<[Option<CachedOffer>; OFFER_CACHE]>,
    next_slot: Cell<usize>,
    /// Litigation stakes of the current terms.
    stakes: Cell<Option<Stakes>>,
    /// The calm impasse value (only while no suit is pending).
    calm: Cell<Option<[f64; 3]>>,
    /// The O–A side deals with their values (only while no suit is pending).
    oa: RefCell<Option<OaCandidates>>,
}

impl SharedValues {
    /// Forgets every value (the state they were computed for has changed).
    pub(crate) fn clear(&self) {
        *self.offers.borrow_mut() = [None; OFFER_CACHE];
        self.next_slot.set(0);
        self.stakes.set(None);
        self.calm.set(None);
        *self.oa.borrow_mut() = None;
    }
}

/// Agreement values cached per valuer.
const OFFER_CACHE: usize = 4;

/// A contract and its agreement values.
type CachedOffer = (Contract, [f64; 3]);

/// Most O–A side deals: two other hostings and two other tranche states.
const OA_MAX: usize = 4;

/// The O–A side deals of one state with their values.
#[derive(Clone, Copy)]
struct OaCandidates {
    list: [CachedOffer; OA_MAX],
    len: usize,
}

impl<'a> StateValuer<'a> {
    /// A valuer for one viewer (belief `theta`) of the current state.
    pub(crate) fn new(
        s: &'a Params,
        econ: &'a Economics,
        state: &'a DisputeState,
        shocks: &'a Shocks,
        theta: f64,
        prefs: &'a IssuePreferences,
        shared: &'a SharedValues,
    ) -> StateValuer<'a> {
        StateValuer {
            s,
            econ,
            state,
            shocks,
            theta,
            prefs,
            viewer: None,
            candidates: &[],
            current: Cell::new(None),
            shared,
            own_calm: Cell::new(None),
            own_oa: RefCell::new(None),
            assessment: Cell::new(None),
            musk_damages: shocks.expected_musk_damages(s),
        }
    }

    /// The same valuer as seen by `player` (its suit-risk rule).
    pub(crate) fn viewed_by(mut self, player: Player) -> Self {
        self.viewer = Some(player);
        self
    }

    /// The same valuer with the run's Microsoft–OpenAI candidate offers.
    pub(crate) fn with_candidates(mut self, candidates: &'a [(Contract, [f64; 3])]) -> Self {
        self.candidates = candidates;
        self
    }

    /// The same state seen by another player with belief `theta`: a valuer of the same
    /// state, sharing its belief-free values.
    pub(crate) fn for_viewer(&self, player: Player, theta: f64) -> StateValuer<'a> {
        StateValuer {
            s: self.s,
            econ: self.econ,
            state: self.state,
            shocks: self.shocks,
            theta,
            prefs: self.prefs,
            viewer: Some(player),
            candidates: self.candidates,
            current: Cell::new(None),
            shared: self.shared,
            own_calm: Cell::new(None),
            own_oa: RefCell::new(None),
            assessment: Cell::new(None),
            musk_damages: self.musk_damages,
        }
    }

    /// Where the calm impasse value is kept: shared while no suit is pending (it does not
    /// involve θ then), this viewer's own otherwise.
    fn calm_cell(&self) -> &Cell<Option<[f64; 3]>> {
        if self.state.suit_pending() {
            &self.own_calm
        } else {
            &self.shared.calm
        }
    }

    /// Where the O–A side deals are kept (shared under the same rule as the calm value).
    fn oa_cell(&self) -> &RefCell<Option<OaCandidates>> {
        if self.state.suit_pending() {
            &self.own_oa
        } else {
            &self.shared.oa
        }
    }

    /// Values of the current state for all players (cached).
    pub(crate) fn current_value(&self) -> [f64; 3] {
        if let Some(v) = self.current.get() {
            return v;
        }
        let v = self.state_value(self.state);
        self.current.set(Some(v));
        v
    }

    /// Values of an agreement on `x` now, for all players (the last one is cached).
    pub(crate) fn agreement_values(&self, x: &Contract) -> [f64; 3] {
        let shared = self.shared;
        if let Some((_, v)) = shared
            .offers
            .borrow()
            .iter()
            .flatten()
            .find(|(c, _)| c == x)
        {
            return *v;
        }
        let v = self.econ.evaluate(x, &self.agreement_regime(self.state, x));
        let slot = shared.next_slot.get();
        shared.offers.borrow_mut()[slot] = Some((*x, v));
        shared.next_slot.set((slot + 1) % OFFER_CACHE);
        v
    }
}

impl StateValuer<'_> {
    /// Value of the current state's impasse with no suit risk: the current terms in
    /// [`StateValuer::impasse_regime`] of the current state (cached).
    pub(super) fn calm_value(&self) -> [f64; 3] {
        if let Some(v) = self.calm_cell().get() {
            return v;
        }
        let st = self.state;
        let v = self.econ.evaluate(&st.current, &self.impasse_regime(st));
        self.calm_cell().set(Some(v));
        v
    }

    fn ipo_class(&self, st: &DisputeState) -> Option<IpoClass> {
        if let Some(locked) = st.ipo_locked {
            return locked;
        }
        Some(st.ipo_class())
    }

    /// Regime of "no Microsoft–OpenAI agreement, the state `st` persists" (docs/model.md §3, §5.5):
    /// the channel open de facto while a defiant launch is live (in expectation 1 − θ once a suit
    /// is pending), the base dispute and the AGI hazard multiplier in force.
    pub(crate) fn impasse_regime(&self, st: &DisputeState) -> Regime {
        let sh = self.shocks;
        let pending = st.suit_pending();
        let open = if st.aws_live() {
            if pending {
                1.0 - self.theta
            } else {
                1.0
            }
        } else {
            0.0
        };
        let lit_share = if pending {
            1.0
        } else if st.aws_live() {
            self.s.litigation.legal_cloud_share
        } else {
            0.0
        };
        Regime {
            open,
            aws_share: self.econ.aws_share(&st.current),
            amazon_alive: st.amazon_alive,
            contested: true,
            litigation_discount_share: lit_share,
            ipo: self.ipo_class(st),
            ipo_window_open: sh.ipo_open,
            fee_years: st
                .suit
                .map(|s| {
                    if s.pending() {
                        s.remaining_years(st.week)
                    } else {
                        0.0
                    }
                })
                .unwrap_or(0.0),
            defendant_loss: if pending {
                self.theta * self.expected_damages(st)
            } else {
                0.0
            },
            agi_verified: sh.agi,
            demand: sh.demand,
            musk_damages: self.musk_damages,
            musk_unwound: sh.musk_unwound(),
            sweetener: st.sweetener,
        }
    }

    /// Expectation damages if Microsoft wins: its margin on the traffic diverted so far plus
    /// the diversion expected until judgment (L-5).
    fn expected_damages(&self, st: &DisputeState) -> f64 {
        let weeks = st
            .suit
            .map(|s| s.remaining_years(st.week) * 52.0)
            .unwrap_or(self.s.litigation.trial_weeks);
        st.diverted_margin + self.econ.diverted_margin_per_week(self.shocks.demand) * weeks
    }

    /// Regime after an agreement on `x`: the dispute is over; the channel opens as far as
    /// reach(x)·(1 − hold(L)) allows.
    pub(crate) fn agreement_regime(&self, st: &DisputeState, x: &Contract) -> Regime {
        let sh = self.shocks;
        let channel_exists = st.amazon_alive || x.hosting == Hosting::AnyCloud;
        let open = if channel_exists {
            self.econ.open(x)
        } else {
            0.0
        };
        Regime {
            open,
            aws_share: if st.amazon_alive {
                self.econ.aws_share(x)
            } else {
                0.0
            },
            amazon_alive: st.amazon_alive,
            contested: false,
            litigation_discount_share: 0.0,
            // The dispute is resolved: clear prospects unless the window has already passed.
            ipo: st.ipo_locked.unwrap_or(Some(IpoClass::Clear)),
            ipo_window_open: sh.ipo_open,
            fee_years: 0.0,
            defendant_loss: 0.0,
            agi_verified: sh.agi,
            demand: sh.demand,
            musk_damages: self.musk_damages,
            musk_unwound: sh.musk_unwound(),
            sweetener: st.sweetener,
        }
    }

    /// Probability this viewer assigns to Microsoft suing (if no deal) while a defiant launch
    /// is live and no suit is pending: Microsoft (and the analyst) apply the credibility
    /// test; OpenAI and Amazon, who cannot see Microsoft's costs, use their belief after a
    /// public threat; after a threat, the board may also file regardless (breakdown hazard).
    fn suit_probability(&self, st: &DisputeState) -> f64 {
        let own = match self.viewer {
            Some(Player::Microsoft) | None => {
                let k = self.stakes(st);
                if self.theta * k.stake >= k.plaintiff_cost {
                    1.0
                } else {
                    0.0
                }
            }
            Some(_) => {
                if st.threat {
                    self.s.litigation.threat_suit_belief
                } else {
                    0.0
                }
            }
        };
        let breakdown = if st.threat && self.s.shocks.breakdown {
            let remaining = f64::from(st.horizon.saturating_sub(st.week));
            1.0 - (1.0 - self.s.protocol.breakdown_hazard_per_week).powf(remaining)
        } else {
            0.0
        };
        1.0 - (1.0 - own) * (1.0 - breakdown)
    }

    /// Value of the impasse in state `st`, including the risk that Microsoft sues later when a
    /// defiant launch is live and no suit is pending, and costs the move itself triggers.
    pub(crate) fn state_value(&self, st: &DisputeState) -> [f64; 3] {
        let x = &st.current;
        let mut calm = if std::ptr::eq(st, self.state) {
            self.calm_value()
        } else {
            self.econ.evaluate(x, &self.impasse_regime(st))
        };
        if st.rearchitected {
            calm[1] -= self.s.openai.rearchitecture_cost;
            return calm;
        }
        if !(st.aws_live() && st.suit.is_none()) {
            return calm;
        }
        let p_suit = self.suit_probability(st);
        if p_suit == 0.0 {
            return calm;
        }
        let sued = self.assess(st).values_if_sued;
        [0, 1, 2].map(|i| (1.0 - p_suit) * calm[i] + p_suit * sued[i])
    }
}

impl Valuer for StateValuer<'_> {
    fn agreement(&self, player: Player, contract: &Contract) -> f64 {
        self.agreement_values(contract)[player as usize]
    }

    fn continuation(&self, player: Player) -> f64 {
        self.current_value()[player as usize]
    }

    fn after_move(&self, player: Player, mv: &Move) -> f64 {
        let mut st = self.state.clone();
        let i = player as usize;
        let mut extra = [0.0; 3];
        match mv {
            Move::Offer { .. } | Move::Wait => {}
            Move::Threaten => st.threat = true,
            Move::DropThreat => {
                st.threat = false;
                extra[0] -= self.s.microsoft.threat_audience_cost;
            }
            Move::Sue => {
                if st.launched && st.suit.is_none() {
                    st.file_expected();
                    extra = self.filing_costs().map(|c| -c);
                }
            }
            Move::LaunchOnAws => st.launched = true,
            Move::Rearchitect => {
                st.rearchitected = true;
                st.launched = false;
            }
            Move::AntitrustComplaint => {
                extra[1] -= self.s.openai.complaint_cost;
                // Higher pressure makes suing costlier for Microsoft.
                let v = self.current_value_with_antitrust(self.s.antitrust.complaint_jump);
                return v[i] + extra[i];
            }
            Move::Sweeten => st.sweetener += self.s.amazon.sweetener_step,
            Move::Withdraw => st.amazon_alive = false,
        }
        self.state_value(&st)[i] + extra[i]
    }

    fn suit(&self) -> SuitAssessment {
        let a = self.assess(self.state);
        SuitAssessment {
            win_probability: self.theta,
            stake: a.stake,
            plaintiff_cost: a.plaintiff_cost,
            defendant_cost: a.defendant_cost,
            value_of_suing: a.values_if_sued[0],
            value_of_continuing: a.value_no_suit[0],
            threat_threshold: self.s.litigation.threat_threshold,
        }
    }

    fn suit_stakes(&self) -> SuitStakes {
        // `assess` takes J and c_P from `stakes` of the same state; the value of suing is
        // not needed here.
        let (stake, plaintiff_cost) = match self.assessment.get() {
            Some(a) => (a.stake, a.plaintiff_cost),
            None => {
                let k = self.stakes(self.state);
                (k.stake, k.plaintiff_cost)
            }
        };
        SuitStakes {
            win_probability: self.theta,
            stake,
            plaintiff_cost,
            threat_threshold: self.s.litigation.threat_threshold,
        }
    }

    fn acceptance(&self, responder: Player, contract: &Contract) -> f64 {
        let gain = self.agreement(responder, contract) - self.continuation(responder);
        let k = self.s.protocol.acceptance_slope_per_billion;
        1.0 / (1.0 + (-k * gain).exp())
    }

    fn prefers_higher(&self, player: Player, issue: Issue) -> Option<bool> {
        self.prefs[player as usize][issue.index()]
    }

    fn candidates(&self, coalition: Coalition, out: &mut Vec<(Contract, [f64; 3])>) {
        out.clear();
        match coalition {
            Coalition::MO | Coalition::MOA => out.extend_from_slice(self.candidates),
            Coalition::OA => {
                if let Some(c) = *self.oa_cell().borrow() {
                    out.extend_from_slice(&c.list[..c.len]);
                    return;
                }
                // One term changed at a time: each other hosting, each other tranche state.
                let now = self.state.current;
                let base = self.impasse_regime(self.state);
                for h in [Hosting::AzureOnly, Hosting::AwsExclusive, Hosting::AnyCloud] {
                    if h != now.hosting {
                        let x = Contract { hosting: h, ..now };
                        out.push((x, self.oa_values(&base, &x)));
                    }
                }
                for t in [Tranche::Live, Tranche::Renegotiated, Tranche::Cancelled] {
                    if t != now.amazon_tranche {
                        let x = Contract {
                            amazon_tranche: t,
                            ..now
                        };
                        out.push((x, self.oa_values(&base, &x)));
                    }
                }
                if out.len() <= OA_MAX {
                    let mut c = OaCandidates {
                        list: [(now, [0.0; 3]); OA_MAX],
                        len: out.len(),
                    };
                    c.list[..out.len()].copy_from_slice(out);
                    *self.oa_cell().borrow_mut() = Some(c);
                }
            }
        }
    }

    fn run_candidates(&self) -> Option<&[(Contract, [f64; 3])]> {
        Some(self.candidates)
    }
}

impl StateValuer<'_> {
    /// Values of an O–A side deal changing the distribution terms to `x`: the dispute with
    /// Microsoft goes on in the new terms. `base` is the impasse regime of the current state.
    fn oa_values(&self, base: &Regime, x: &Contract) -> [f64; 3] {
        // The contested state in the new terms (the suit risk is left as it is: it turns on
        // the partnership terms, which an O–A deal does not touch).
        self.econ.evaluate(x, &self.oa_regime(base, x))
    }

    /// [`StateValuer::impasse_regime`] of the current state with the terms `x` of an O–A side
    /// deal (cancelling the tranche takes Amazon out), patched from the current state's regime
    /// `base` instead of rebuilt: the terms enter the impasse regime only through the AWS share,
    /// and Amazon's withdrawal only through `amazon_alive` and the live launch it ends.
    fn oa_regime(&self, base: &Regime, x: &Contract) -> Regime {
        let mut r = *base;
        r.aws_share = self.econ.aws_share(x);
        if x.amazon_tranche == Tranche::Cancelled {
            // No live defiant launch without Amazon: the channel is closed and the litigation
            // discount applies only under a pending suit.
            r.amazon_alive = false;
            r.open = 0.0;
            r.litigation_discount_share = if self.state.suit_pending() { 1.0 } else { 0.0 };
        }
        r
    }
}

/// Computes, for each player and issue, whether the player's payoff rises with the issue's
/// level, holding the status quo elsewhere, in an agreement regime at the scenario's mean
/// economics.
pub(crate) fn issue_preferences(s: &Params) -> IssuePreferences {
    use crate::payoff::EconomicDraws;
    let econ = Economics::new(
        s,
        EconomicDraws {
            revenue_multiplier: 1.0,
            valuation_multiplier: 1.0,
            litigation_discount: 0.5
                * (s.litigation.valuation_discount[0] + s.litigation.valuation_discount[1]),
        },
    );
    let mut prefs = [[None; Issue::ALL.len()]; 3];
    let sq = s.contracts.status_quo;
    for issue in Issue::ALL {
        let mut lo = sq;
        lo.set_level(issue, 0);
        let mut hi = sq;
        hi.set_level(issue, issue.domain_len() - 1);
        let reg = |x: &Contract| Regime {
            open: econ.open(x),
            aws_share: econ.aws_share(x),
            amazon_alive: x.amazon_tranche != crate::contract::Tranche::Cancelled,
            ..Regime::clear()
        };
        let vl = econ.evaluate(&lo, &reg(&lo));
        let vh = econ.evaluate(&hi, &reg(&hi));
        for p in Player::ALL {
            let d = vh[p as usize] - vl[p as usize];
            prefs[p as usize][issue.index()] = if d.abs() < 1e-9 { None } else { Some(d > 0.0) };
        }
    }
    prefs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::tests::{april, status_quo};
    use crate::params::baseline;

    /// The expected draws of `s`, their economics and the issue preferences.
    fn expected(s: &Params) -> (Shocks, Economics, IssuePreferences) {
        let shocks = Shocks::expected(s);
        let econ = Economics::new(s, shocks.draws);
        (shocks, econ, issue_preferences(s))
    }

    /// One question to a valuer, answered with numbers.
    type Ask = Box<dyn Fn(&StateValuer<'_>) -> Vec<f64>>;

    /// Everything a viewer's valuer says about its state, in one order or the reverse (so a
    /// valuer that finds values cached by another is asked in a different order than the one
    /// that cached them).
    fn report(v: &StateValuer<'_>, me: Player, reverse: bool) -> Vec<f64> {
        let asks: Vec<Ask> = vec![
            Box::new(|v| v.current_value().to_vec()),
            Box::new(|v| v.calm_value().to_vec()),
            Box::new(|v| {
                let generous = Contract {
                    revenue_share: 0.08,
                    ..april()
                };
                [april(), status_quo(), generous]
                    .iter()
                    .flat_map(|x| v.agreement_values(x))
                    .collect()
            }),
            Box::new(|v| {
                let mut oa = Vec::new();
                Valuer::candidates(v, Coalition::OA, &mut oa);
                oa.iter().flat_map(|(_, values)| *values).collect()
            }),
            Box::new(|v| {
                let k = v.suit_stakes();
                vec![k.stake, k.plaintiff_cost, k.win_probability]
            }),
            Box::new(move |v| {
                [
                    Move::Threaten,
                    Move::Sue,
                    Move::DropThreat,
                    Move::LaunchOnAws,
                    Move::Wait,
                ]
                .iter()
                .map(|mv| v.after_move(me, mv))
                .collect()
            }),
        ];
        let mut answers: Vec<Vec<f64>> = vec![Vec::new(); asks.len()];
        let order: Vec<usize> = if reverse {
            (0..asks.len()).rev().collect()
        } else {
            (0..asks.len()).collect()
        };
        for i in order {
            answers[i] = asks[i](v);
        }
        answers.concat()
    }

    /// A valuer that borrows the values other viewers of the same state computed reports
    /// exactly what a valuer starting from nothing does: in a calm state, under a standing
    /// threat over a launch, and with a suit pending (when the calm impasse depends on θ and
    /// must not be shared).
    #[test]
    fn valuers_sharing_a_states_values_report_what_fresh_ones_do() {
        let s = baseline();
        let (shocks, econ, prefs) = expected(&s);
        let calm = DisputeState::new(&s);
        let mut threatened = calm.clone();
        threatened.threat = true;
        threatened.launched = true;
        let mut sued = threatened.clone();
        sued.file_expected();
        assert!(sued.suit_pending());
        for st in [&calm, &threatened, &sued] {
            let shared = SharedValues::default();
            let m = StateValuer::new(&s, &econ, st, &shocks, 0.7, &prefs, &shared)
                .viewed_by(Player::Microsoft);
            let m_first = report(&m, Player::Microsoft, false);
            for (p, theta) in [
                (Player::OpenAi, 0.3),
                (Player::Amazon, 0.45),
                (Player::Microsoft, 0.9),
            ] {
                let borrowing = report(&m.for_viewer(p, theta), p, true);
                let own = SharedValues::default();
                let fresh =
                    StateValuer::new(&s, &econ, st, &shocks, theta, &prefs, &own).viewed_by(p);
                assert_eq!(borrowing, report(&fresh, p, false), "{p:?} at θ {theta}");
            }
            assert_eq!(report(&m, Player::Microsoft, true), m_first);
        }
    }

    /// Beliefs matter where they should: with a suit pending OpenAI's value of the impasse
    /// moves with θ even when a valuer with another θ has valued it first.
    #[test]
    fn a_pending_suits_impasse_is_not_shared_across_beliefs() {
        let s = baseline();
        let (shocks, econ, prefs) = expected(&s);
        let mut st = DisputeState::new(&s);
        st.launched = true;
        st.threat = true;
        st.file_expected();
        let shared = SharedValues::default();
        let o = Player::OpenAi;
        let low = StateValuer::new(&s, &econ, &st, &shocks, 0.2, &prefs, &shared).viewed_by(o);
        let d_low = low.continuation(o);
        let d_high = low.for_viewer(o, 0.8).continuation(o);
        assert!(d_low > d_high + 1.0, "{d_low} vs {d_high}");
    }

    /// Clearing forgets every value.
    #[test]
    fn cleared_shared_values_hold_nothing() {
        let s = baseline();
        let (shocks, econ, prefs) = expected(&s);
        let st = DisputeState::new(&s);
        let shared = SharedValues::default();
        let v = StateValuer::new(&s, &econ, &st, &shocks, 0.5, &prefs, &shared);
        v.agreement_values(&april());
        v.calm_value();
        v.suit_stakes();
        assert!(shared.offers.borrow()[0].is_some());
        assert!(shared.calm.get().is_some() && shared.stakes.get().is_some());
        shared.clear();
        assert!(shared.offers.borrow().iter().all(Option::is_none));
        assert!(shared.calm.get().is_none() && shared.stakes.get().is_none());
        assert!(shared.oa.borrow().is_none() && shared.next_slot.get() == 0);
    }
}
