//! Payoffs of dispute states under one player's beliefs: builds the [`Regime`] of the
//! current state (or of the state after a move or an agreement) and values it with the run's
//! [`Economics`]. This is what agents consult through the [`Valuer`] trait; the engine uses
//! the same code with the true θ for realised payoffs.

use crate::contract::{Contract, Issue};
use crate::litigation::nalebuff_cutoff;
use crate::payoff::{Economics, IpoClass, Regime};
use crate::player::Player;
use crate::protocol::DisputeState;
use crate::scenario::ScenarioFile;
use crate::shocks::Shocks;
use crate::strategy::{Move, SuitAssessment, Valuer};
use std::cell::{Cell, RefCell};

/// Preferences over issue levels, computed once per scenario.
pub type IssuePreferences = [[Option<bool>; Issue::ALL.len()]; 3];

/// The values of states for one viewer (with its belief θ_i), in one round.
pub struct StateValuer<'a> {
    /// Scenario parameters.
    pub s: &'a ScenarioFile,
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
    /// Cached value of the current state.
    current: Cell<Option<[f64; 3]>>,
    /// Cached values of the last contracts valued as agreements (round robin).
    offers: RefCell<[Option<CachedOffer>; OFFER_CACHE]>,
    next_slot: Cell<usize>,
    /// Cached litigation assessment of the current state.
    assessment: Cell<Option<Assessment>>,
}

/// Agreement values cached per valuer.
const OFFER_CACHE: usize = 4;

/// A contract and its agreement values.
type CachedOffer = (Contract, [f64; 3]);

impl<'a> StateValuer<'a> {
    /// A valuer for one viewer (belief `theta`) of the current state.
    pub fn new(
        s: &'a ScenarioFile,
        econ: &'a Economics,
        state: &'a DisputeState,
        shocks: &'a Shocks,
        theta: f64,
        prefs: &'a IssuePreferences,
    ) -> StateValuer<'a> {
        StateValuer {
            s,
            econ,
            state,
            shocks,
            theta,
            prefs,
            current: Cell::new(None),
            offers: RefCell::new([None; OFFER_CACHE]),
            next_slot: Cell::new(0),
            assessment: Cell::new(None),
        }
    }

    /// The same state seen by another viewer. Agreement values never depend on beliefs, and
    /// the state's value does not either before a launch or a suit, so those caches are shared.
    pub fn for_viewer(&self, theta: f64) -> StateValuer<'a> {
        let v = StateValuer::new(
            self.s,
            self.econ,
            self.state,
            self.shocks,
            theta,
            self.prefs,
        );
        *v.offers.borrow_mut() = *self.offers.borrow();
        v.next_slot.set(self.next_slot.get());
        if !self.state.launched && self.state.suit.is_none() {
            v.current.set(self.current.get());
        }
        v
    }

    /// Values of the current state for all players (cached).
    pub fn current_value(&self) -> [f64; 3] {
        if let Some(v) = self.current.get() {
            return v;
        }
        let v = self.state_value(self.state);
        self.current.set(Some(v));
        v
    }

    /// Values of an agreement on `x` now, for all players (the last one is cached).
    pub fn agreement_values(&self, x: &Contract) -> [f64; 3] {
        if let Some((_, v)) = self.offers.borrow().iter().flatten().find(|(c, _)| c == x) {
            return *v;
        }
        let v = self.econ.evaluate(x, &self.agreement_regime(self.state, x));
        let slot = self.next_slot.get();
        self.offers.borrow_mut()[slot] = Some((*x, v));
        self.next_slot.set((slot + 1) % OFFER_CACHE);
        v
    }
}

impl StateValuer<'_> {
    fn ipo_class(&self, st: &DisputeState) -> Option<IpoClass> {
        if let Some(locked) = st.ipo_locked {
            return locked;
        }
        Some(st.ipo_class())
    }

    /// Regime of "no agreement, the state `st` persists" (expected court outcome under θ).
    pub fn impasse_regime(&self, st: &DisputeState) -> Regime {
        let sh = self.shocks;
        let live = st.aws_live();
        let pending = st.suit_pending();
        let blocked_p = if pending { self.theta } else { 0.0 };
        let traffic = if live { 1.0 - blocked_p } else { 0.0 };
        let (uplift, channel) = if st.rearchitected {
            let k = self.s.openai.rearchitecture_uplift_kept;
            (k, k)
        } else {
            (traffic, traffic)
        };
        let split = self.aws_split(&st.current);
        let (traffic, channel) = (traffic * split, channel * split);
        let lit_share = if pending {
            1.0
        } else if live {
            self.s.litigation.legal_cloud_share
        } else {
            0.0
        };
        Regime {
            aws_traffic: if st.rearchitected { 0.0 } else { traffic },
            aws_uplift: uplift,
            amazon_channel: if st.amazon_alive { channel } else { 0.0 },
            amazon_alive: st.amazon_alive,
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
            defendant_loss: blocked_p * st.diverted_margin,
            agi_verified: sh.agi,
            demand: sh.demand,
            musk_damages: sh.expected_musk_damages(self.s),
            musk_unwound: sh.musk_unwound(),
            sweetener: st.sweetener,
        }
    }

    /// Share of third-party Frontier traffic on AWS under `x`'s hosting term: all of it when
    /// AWS distributes exclusively, `cloud.non_exclusive_aws_share` when any cloud may.
    fn aws_split(&self, x: &Contract) -> f64 {
        match x.hosting {
            crate::contract::Hosting::AnyCloud => self.s.cloud.non_exclusive_aws_share,
            _ => 1.0,
        }
    }

    /// Regime after an agreement on `x`: the dispute is over.
    pub fn agreement_regime(&self, st: &DisputeState, x: &Contract) -> Regime {
        let sh = self.shocks;
        let open = if x.aws_allowed() && st.amazon_alive {
            1.0
        } else {
            0.0
        };
        let aws = open * self.aws_split(x);
        let mut resolved = st.clone();
        resolved.threat = false;
        resolved.launched = false;
        resolved.suit = None;
        resolved.injunction = false;
        Regime {
            aws_traffic: aws,
            aws_uplift: open,
            amazon_channel: aws,
            amazon_alive: st.amazon_alive,
            litigation_discount_share: 0.0,
            ipo: self.ipo_class(&resolved),
            ipo_window_open: sh.ipo_open,
            fee_years: 0.0,
            defendant_loss: 0.0,
            agi_verified: sh.agi,
            demand: sh.demand,
            musk_damages: sh.expected_musk_damages(self.s),
            musk_unwound: sh.musk_unwound(),
            sweetener: st.sweetener,
        }
    }

    /// Value of the impasse in state `st`, including the risk that Microsoft sues later when a
    /// defiant launch is live and no suit is pending, and costs the move itself triggers.
    pub fn state_value(&self, st: &DisputeState) -> [f64; 3] {
        let x = &st.current;
        if st.rearchitected {
            let mut v = self.econ.evaluate(x, &self.impasse_regime(st));
            v[1] -= self.s.openai.rearchitecture_cost;
            return v;
        }
        let calm = self.econ.evaluate(x, &self.impasse_regime(st));
        if !(st.launched && st.suit.is_none() && st.amazon_alive) {
            return calm;
        }
        // Risk of a later suit: certain if credible to Microsoft (under this viewer's belief),
        // else the exogenous breakdown hazard over the remaining horizon once threatened.
        let assess = self.assess(st);
        let remaining = f64::from(st.horizon.saturating_sub(st.week));
        let p_suit = if assess.credible {
            1.0
        } else if st.threat && self.s.shocks.breakdown {
            1.0 - (1.0 - self.s.protocol.breakdown_hazard_per_week).powf(remaining)
        } else {
            0.0
        };
        if p_suit == 0.0 {
            return calm;
        }
        let sued = assess.values_if_sued;
        [0, 1, 2].map(|i| (1.0 - p_suit) * calm[i] + p_suit * sued[i])
    }

    /// One-off costs of filing for each player at the current antitrust pressure.
    fn filing_costs(&self) -> [f64; 3] {
        let m = &self.s.microsoft;
        let c_at = m.antitrust_cost_of_suing
            * (1.0 + m.antitrust_pressure_multiplier * self.shocks.antitrust);
        let shade = m.shading_rate * self.econ.joint_value();
        [c_at + shade, 0.0, 0.0]
    }

    fn assess(&self, st: &DisputeState) -> Assessment {
        if std::ptr::eq(st, self.state) {
            if let Some(a) = self.assessment.get() {
                return a;
            }
            let a = self.assess_uncached(st);
            self.assessment.set(Some(a));
            return a;
        }
        self.assess_uncached(st)
    }

    fn assess_uncached(&self, st: &DisputeState) -> Assessment {
        let no_suit = self.econ.evaluate(&st.current, &self.impasse_regime(st));
        let mut sued_state = st.clone();
        sued_state.file_expected();
        let reg = self.impasse_regime(&sued_state);
        let costs = self.filing_costs();
        let mut sued = self.econ.evaluate(&st.current, &reg);
        for i in 0..3 {
            sued[i] -= costs[i];
        }
        if !st.launched {
            // No launch, no breach: a suit only adds costs (every term of the suit regime is
            // no better for Microsoft than the calm one), so nothing is at stake.
            return Assessment {
                credible: false,
                values_if_sued: sued,
                value_no_suit: no_suit,
                stake: 0.0,
                plaintiff_cost: (no_suit[0] - sued[0]).max(0.0),
                defendant_cost: 0.0,
            };
        }
        // Stake J: Microsoft's value with the AWS path blocked vs live, under the suit.
        let mut blocked = reg;
        blocked.aws_traffic = 0.0;
        blocked.aws_uplift = 0.0;
        blocked.amazon_channel = 0.0;
        let mut live = reg;
        live.aws_traffic = 1.0;
        live.aws_uplift = 1.0;
        live.amazon_channel = if st.amazon_alive { 1.0 } else { 0.0 };
        let vb = self.econ.evaluate(&st.current, &blocked);
        let vl = self.econ.evaluate(&st.current, &live);
        let damages = st.diverted_margin;
        let stake = vb[0] - vl[0] + damages;
        // Trial costs: what the suit costs each side whoever wins.
        let mut clean = reg;
        clean.litigation_discount_share = 0.0;
        clean.fee_years = 0.0;
        clean.defendant_loss = 0.0;
        clean.ipo = self.ipo_class(st);
        let vc = self.econ.evaluate(&st.current, &clean);
        let plaintiff_cost = (vc[0] - sued[0]).max(0.0);
        let defendant_cost = (vc[1] - (sued[1] + costs[1])).max(0.0);
        let credible = sued[0] > no_suit[0]
            && nalebuff_cutoff(stake, plaintiff_cost, defendant_cost).is_some();
        Assessment {
            credible,
            values_if_sued: sued,
            value_no_suit: no_suit,
            stake,
            plaintiff_cost,
            defendant_cost,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Assessment {
    credible: bool,
    values_if_sued: [f64; 3],
    value_no_suit: [f64; 3],
    stake: f64,
    plaintiff_cost: f64,
    defendant_cost: f64,
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
            Move::Rearchitect => st.rearchitected = true,
            Move::AntitrustComplaint => {
                extra[1] -= self.s.openai.complaint_cost;
                // Higher pressure makes suing costlier for Microsoft.
                let v = self.state_value_with_antitrust(&st, self.s.antitrust.complaint_jump);
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
}

impl StateValuer<'_> {
    fn state_value_with_antitrust(&self, st: &DisputeState, jump: f64) -> [f64; 3] {
        // Antitrust pressure only enters through the cost of filing; re-run the suit-risk
        // mixture with the higher pressure.
        let at = (self.shocks.antitrust + jump).clamp(0.0, 1.0);
        let delta = (at - self.shocks.antitrust)
            * self.s.microsoft.antitrust_cost_of_suing
            * self.s.microsoft.antitrust_pressure_multiplier;
        let mut v = self.state_value(st);
        if st.launched && st.suit.is_none() {
            let a = self.assess(st);
            // With a costlier suit, a marginally credible suit may stop being credible.
            if a.credible && a.values_if_sued[0] - delta <= a.value_no_suit[0] {
                v = a.value_no_suit;
            }
        }
        v
    }
}

/// Computes, for each player and issue, whether the player's payoff rises with the issue's
/// level, holding the status quo elsewhere, in an agreement regime at the scenario's mean
/// economics.
pub fn issue_preferences(s: &ScenarioFile) -> IssuePreferences {
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
        let reg = |x: &Contract| {
            let aws = if x.aws_allowed() { 1.0 } else { 0.0 };
            Regime {
                aws_traffic: aws,
                aws_uplift: aws,
                amazon_channel: aws,
                amazon_alive: x.amazon_tranche != crate::contract::Tranche::Cancelled,
                ..Regime::clear()
            }
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
