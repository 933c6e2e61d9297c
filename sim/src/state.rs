//! The dispute's state during a run and the moves its rules allow: who has threatened,
//! launched, sued or re-architected, the terms in force, the IPO class, and each player's
//! legal unilateral moves. The round loop ([`crate::protocol`]) changes it; the valuer and the
//! outcome rules read it.

use crate::contract::Contract;
use crate::litigation::Suit;
use crate::params::CourtRules;
use crate::params::Params;
use crate::player::{Coalition, Player};
use crate::regime::IpoClass;
use crate::shocks::Shocks;
use crate::strategy::{Move, PublicState};

/// An agreement reached in a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Agreement {
    /// Agreed terms.
    pub contract: Contract,
    /// Week of agreement.
    pub week: u32,
    /// Coalition that agreed.
    pub coalition: Coalition,
}

/// The dispute's state during a run.
#[derive(Debug, Clone, PartialEq)]
pub struct DisputeState {
    /// Current week.
    pub week: u32,
    /// Horizon T.
    pub horizon: u32,
    /// Terms in force (status quo with OA modifications).
    pub current: Contract,
    /// Public threat outstanding.
    pub threat: bool,
    /// Week the outstanding public threat was made (`None` without one).
    pub threat_week: Option<u32>,
    /// A threat was ever made.
    pub threat_ever: bool,
    /// Whether Microsoft's first public threat was credible as a suit when it was made
    /// (θ_M·J ≥ c_P under its belief that week, docs/model.md §6.2); `None` without a threat.
    pub threat_credible: Option<bool>,
    /// Frontier on AWS without a waiver.
    pub launched: bool,
    /// OpenAI ever launched Frontier on AWS without a waiver (even if it later re-architected
    /// or a court withdrew the launch).
    pub launched_ever: bool,
    /// The launch was withdrawn (court order).
    pub launch_withdrawn: bool,
    /// OpenAI re-architected to Azure.
    pub rearchitected: bool,
    /// The suit, if filed.
    pub suit: Option<Suit>,
    /// PI in force.
    pub injunction: bool,
    /// PI was ever granted.
    pub injunction_ever: bool,
    /// OpenAI filed an antitrust complaint.
    pub complaint: bool,
    /// Amazon still in.
    pub amazon_alive: bool,
    /// Amazon withdrew.
    pub amazon_withdrew: bool,
    /// Amazon's committed sweetener, $B.
    pub sweetener: f64,
    /// Microsoft's margin lost to the defiant launch so far, $B.
    pub diverted_margin: f64,
    /// IPO class fixed when the listing window opened (`Some(None)`: no 2026 IPO).
    pub ipo_locked: Option<Option<IpoClass>>,
    /// MO / MOA agreement.
    pub agreement: Option<Agreement>,
    /// Number of OA agreements.
    pub oa_agreements: u32,
    /// What Microsoft has learned from OpenAI's refusals of its offers while its suit was an open
    /// option (Nalebuff 1987; docs/model.md §6.3): θ lies below this cutoff. `None` until a refusal
    /// said anything.
    pub refusal_cutoff: Option<f64>,
    court: CourtRules,
}

impl DisputeState {
    /// The state at t = 0: the status quo, no threat, no launch, no suit.
    pub fn new(s: &Params) -> DisputeState {
        DisputeState {
            week: 0,
            horizon: s.simulation.horizon_weeks,
            current: s.contracts.status_quo,
            threat: false,
            threat_week: None,
            threat_ever: false,
            threat_credible: None,
            launched: false,
            launched_ever: false,
            launch_withdrawn: false,
            rearchitected: false,
            suit: None,
            injunction: false,
            injunction_ever: false,
            complaint: false,
            amazon_alive: true,
            amazon_withdrew: false,
            sweetener: 0.0,
            diverted_margin: 0.0,
            ipo_locked: None,
            agreement: None,
            oa_agreements: 0,
            refusal_cutoff: None,
            court: s.court(),
        }
    }

    /// Frontier is live on AWS now (launched, not enjoined, Amazon in).
    pub fn aws_live(&self) -> bool {
        self.launched && !self.injunction && self.amazon_alive && !self.rearchitected
    }

    /// A suit is pending.
    pub fn suit_pending(&self) -> bool {
        self.suit.map(|s| s.pending()).unwrap_or(false)
    }

    /// IPO prospects class of the current dispute state.
    pub fn ipo_class(&self) -> IpoClass {
        if self.injunction {
            IpoClass::Injunction
        } else if self.suit_pending() {
            IpoClass::Suit
        } else if self.threat || (self.launched && !self.rearchitected) {
            IpoClass::Threat
        } else {
            IpoClass::Clear
        }
    }

    /// Files a suit with its expected calendar (for valuing a filing before it happens).
    pub fn file_expected(&mut self) {
        self.suit = Some(Suit::expected(self.week, &self.court));
    }

    pub(crate) fn public(&self, shocks: &Shocks, s: &Params) -> PublicState {
        PublicState {
            week: self.week,
            horizon: self.horizon,
            threat: self.threat,
            threat_week: self.threat.then_some(self.threat_week).flatten(),
            launched: self.launched,
            rearchitected: self.rearchitected,
            suit_filed: self.suit.map(|s| s.filed),
            suit_pending: self.suit_pending(),
            trial_weeks: s.litigation.trial_weeks,
            injunction: self.injunction,
            complaint: self.complaint,
            antitrust: shocks.antitrust,
            amazon_alive: self.amazon_alive,
            sweetener: self.sweetener,
            ipo_window_open: shocks.ipo_open,
            s1_week: s.ipo.s1_week,
            ipo_window_week: s.ipo.window_week,
        }
    }

    pub(crate) fn legal_moves(&self, p: Player, s: &Params) -> LegalMoves {
        let mut v = LegalMoves::default();
        v.push(Move::Wait);
        let no_suit = self.suit.is_none();
        match p {
            Player::Microsoft => {
                if !self.threat && no_suit {
                    v.push(Move::Threaten);
                }
                if self.threat && no_suit {
                    v.push(Move::DropThreat);
                }
                if self.launched && no_suit && !self.rearchitected {
                    v.push(Move::Sue);
                }
            }
            Player::OpenAi => {
                if !self.launched
                    && !self.launch_withdrawn
                    && self.amazon_alive
                    && !self.rearchitected
                {
                    v.push(Move::LaunchOnAws);
                }
                if !self.rearchitected {
                    v.push(Move::Rearchitect);
                }
                if !self.complaint {
                    v.push(Move::AntitrustComplaint);
                }
            }
            Player::Amazon => {
                if self.sweetener + s.amazon.sweetener_step <= s.amazon.sweetener_max + 1e-9
                    && s.amazon.sweetener_step > 0.0
                {
                    v.push(Move::Sweeten);
                }
                v.push(Move::Withdraw);
            }
        }
        v
    }
}

/// The unilateral moves legal for one player now (at most four), without allocating.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LegalMoves {
    moves: [Option<Move>; 4],
    pub(crate) len: usize,
}

impl LegalMoves {
    fn push(&mut self, m: Move) {
        self.moves[self.len] = Some(m);
        self.len += 1;
    }
    pub(crate) fn as_array(&self) -> [Move; 4] {
        self.moves.map(|m| m.unwrap_or(Move::Wait))
    }
}
