//! The agent interface: what a player sees ([`View`]), what it can do ([`Move`]), how it
//! answers offers ([`Response`]), the [`Strategy`] trait that concrete agents implement (in the
//! `strategies` crate), and the [`Catalog`] trait through which scenario files name them.
//!
//! Strategies never see the true legal merit θ or other players' private signals: the
//! [`Valuer`] they are handed evaluates payoffs under the viewer's own beliefs.

use crate::contract::{Contract, Issue};
use crate::player::{Coalition, Player};
use crate::rng::SimRng;

/// A proposer's action in a round (docs/model.md §2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Move {
    /// Offer `contract` to `coalition` (the proposer must be a member).
    Offer {
        /// Who must accept.
        coalition: Coalition,
        /// Proposed terms.
        contract: Contract,
    },
    /// Microsoft: public threat to sue.
    Threaten,
    /// Microsoft: file suit.
    Sue,
    /// Microsoft: drop a public threat.
    DropThreat,
    /// OpenAI: launch Frontier on AWS without Microsoft's waiver.
    LaunchOnAws,
    /// OpenAI: re-architect so that all stateless calls route to Azure (back down).
    Rearchitect,
    /// OpenAI: file an antitrust complaint against Microsoft.
    AntitrustComplaint,
    /// Amazon: commit a further indemnity / side payment to OpenAI.
    Sweeten,
    /// Amazon: withdraw from Frontier distribution.
    Withdraw,
    /// Do nothing this round.
    Wait,
}

impl Move {
    /// Short label used in traces and tables.
    pub fn label(&self) -> &'static str {
        match self {
            Move::Offer { .. } => "offer",
            Move::Threaten => "threaten",
            Move::Sue => "sue",
            Move::DropThreat => "drop-threat",
            Move::LaunchOnAws => "launch-on-aws",
            Move::Rearchitect => "rearchitect",
            Move::AntitrustComplaint => "antitrust-complaint",
            Move::Sweeten => "sweeten",
            Move::Withdraw => "withdraw",
            Move::Wait => "wait",
        }
    }

    /// Which player may make this unilateral move (`None` for offers and waiting).
    pub fn owner(&self) -> Option<Player> {
        match self {
            Move::Threaten | Move::Sue | Move::DropThreat => Some(Player::Microsoft),
            Move::LaunchOnAws | Move::Rearchitect | Move::AntitrustComplaint => {
                Some(Player::OpenAi)
            }
            Move::Sweeten | Move::Withdraw => Some(Player::Amazon),
            Move::Offer { .. } | Move::Wait => None,
        }
    }
}

/// A responder's answer with its reasons.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Response {
    /// Accepted?
    pub accept: bool,
    /// Responder's payoff of the offer, $B (under its beliefs).
    pub value: f64,
    /// The payoff it needed ($B): its outside option / continuation value.
    pub threshold: f64,
    /// Responder's scoring-function value of the offer (strategy-specific, in [0, 1]).
    pub score: f64,
    /// The score it needed (its own next offer's score).
    pub score_threshold: f64,
    /// The share α of the way from its best terms to its disagreement value that the
    /// responder's rule had conceded when it answered: it accepted iff the offer was worth at
    /// least max(d, (1 − α)·U_max + α·d), U_max its best value among the coalition's
    /// candidates. α follows from the public clock and the responder's published strategy
    /// parameters, not from its beliefs, so the proposer may read it; with a refusal it tells
    /// Microsoft something about the defendants' view of the merits (Nalebuff 1987;
    /// docs/model.md §6.3). `None` for rules without such an aspiration.
    pub concession: Option<f64>,
}

/// Facts about the dispute that every player observes. `Default` is week 0 of a 0-week game
/// with nothing happened (for tests and tools that set the fields they need).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PublicState {
    /// Current week.
    pub week: u32,
    /// Horizon T.
    pub horizon: u32,
    /// Microsoft has a public threat outstanding.
    pub threat: bool,
    /// Week the outstanding threat was made (`None` without one).
    pub threat_week: Option<u32>,
    /// Frontier runs on AWS without a waiver.
    pub launched: bool,
    /// OpenAI re-architected to Azure.
    pub rearchitected: bool,
    /// Week the suit was filed, if any.
    pub suit_filed: Option<u32>,
    /// A filed suit is still before the court (neither dismissed nor judged).
    pub suit_pending: bool,
    /// Median weeks from filing to judgment (`litigation.trial_weeks`): while a suit is
    /// pending, the court's calendar is the deadline of pretrial bargaining.
    pub trial_weeks: f64,
    /// A preliminary injunction is in force.
    pub injunction: bool,
    /// OpenAI filed an antitrust complaint.
    pub complaint: bool,
    /// Antitrust pressure A_t.
    pub antitrust: f64,
    /// Amazon still distributes Frontier.
    pub amazon_alive: bool,
    /// Amazon's committed sweetener, $B.
    pub sweetener: f64,
    /// IPO window open.
    pub ipo_window_open: bool,
    /// Week of the confidential S-1 milestone.
    pub s1_week: f64,
    /// Week the listing window opens.
    pub ipo_window_week: f64,
}

/// What litigation is worth to Microsoft, under the viewer's beliefs (docs/model.md §6).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SuitAssessment {
    /// Microsoft's belief that it wins (θ_M).
    pub win_probability: f64,
    /// J: what winning is worth to Microsoft versus losing, $B.
    pub stake: f64,
    /// c_P: Microsoft's cost of going to trial (fees, antitrust, shading, own-stake loss), $B.
    pub plaintiff_cost: f64,
    /// c_D: the defendants' cost of trial, $B.
    pub defendant_cost: f64,
    /// Microsoft's value of filing now, $B.
    pub value_of_suing: f64,
    /// Microsoft's value of not filing (continuing), $B.
    pub value_of_continuing: f64,
    /// f_thr: Microsoft threatens publicly when θ_M·J ≥ f_thr·c_P.
    pub threat_threshold: f64,
}

impl SuitAssessment {
    /// Credibility (Nalebuff 1987; docs/model.md §6.2): θ_M·J ≥ c_P ([`SuitStakes::credible`]).
    pub fn credible(&self) -> bool {
        SuitStakes::from(*self).credible()
    }

    /// Worth a public threat: θ_M·J ≥ f_thr·c_P ([`SuitStakes::threat_worthy`]).
    pub fn threat_worthy(&self) -> bool {
        SuitStakes::from(*self).threat_worthy()
    }
}

/// The part of a [`SuitAssessment`] the credible-threat test reads: Microsoft's belief, stake,
/// cost of suing and threat threshold, without the values of suing and continuing (which
/// cost a valuation of the sued state).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SuitStakes {
    /// Microsoft's belief that it wins (θ_M).
    pub win_probability: f64,
    /// J: what winning is worth to Microsoft versus losing, $B.
    pub stake: f64,
    /// c_P: Microsoft's cost of going to trial, $B.
    pub plaintiff_cost: f64,
    /// f_thr: Microsoft threatens publicly when θ_M·J ≥ f_thr·c_P.
    pub threat_threshold: f64,
}

impl SuitStakes {
    /// Credibility (Nalebuff 1987; docs/model.md §6.2): θ_M·J ≥ c_P.
    pub fn credible(&self) -> bool {
        self.win_probability * self.stake >= self.plaintiff_cost
    }

    /// Worth a public threat: θ_M·J ≥ f_thr·c_P.
    pub fn threat_worthy(&self) -> bool {
        self.win_probability * self.stake >= self.threat_threshold * self.plaintiff_cost
    }
}

impl From<SuitAssessment> for SuitStakes {
    fn from(a: SuitAssessment) -> SuitStakes {
        SuitStakes {
            win_probability: a.win_probability,
            stake: a.stake,
            plaintiff_cost: a.plaintiff_cost,
            threat_threshold: a.threat_threshold,
        }
    }
}

/// Payoff evaluation under one player's beliefs, supplied by the engine.
pub trait Valuer {
    /// `player`'s payoff if `contract` were agreed now.
    fn agreement(&self, player: Player, contract: &Contract) -> f64;
    /// `player`'s payoff if talks continue in the current state (no deal, no new move).
    fn continuation(&self, player: Player) -> f64;
    /// `player`'s payoff right after the unilateral move `mv` (continuation in the new state).
    fn after_move(&self, player: Player, mv: &Move) -> f64;
    /// Litigation assessment from the viewer's beliefs.
    fn suit(&self) -> SuitAssessment;
    /// The stake and costs of [`Valuer::suit`] alone (the same figures; a valuer may skip
    /// valuing the sued state for them).
    fn suit_stakes(&self) -> SuitStakes {
        self.suit().into()
    }
    /// Probability that `responder` accepts `contract`, as the viewer predicts it.
    fn acceptance(&self, responder: Player, contract: &Contract) -> f64;
    /// Whether `player`'s payoff rises with the level of `issue` along its ascending domain
    /// (`None`: indifferent). Computed once per scenario from the payoff model.
    fn prefers_higher(&self, player: Player, issue: Issue) -> Option<bool>;
    /// Candidate offers to `coalition` with their values (M, O, A), written into `out`: the
    /// run's Microsoft–OpenAI Pareto frontier (computed once per scenario, valued once per
    /// run) for MO and MOA; every O–A change of the distribution terms that is not a no-op
    /// for OA (valued now).
    fn candidates(&self, coalition: Coalition, out: &mut Vec<(Contract, [f64; 3])>);
    /// The run's Microsoft–OpenAI candidates with their values, the same list
    /// [`Valuer::candidates`] writes for MO and MOA, borrowed instead of copied; `None` if
    /// this valuer does not lend it (callers then fall back to [`Valuer::candidates`]).
    fn run_candidates(&self) -> Option<&[(Contract, [f64; 3])]> {
        None
    }
}

/// What a player sees when it decides.
pub struct View<'a> {
    /// The deciding player.
    pub me: Player,
    /// Public state.
    pub public: &'a PublicState,
    /// The viewer's posterior mean of θ.
    pub belief: f64,
    /// The contract currently in force (status quo, with any OA modifications).
    pub current: &'a Contract,
    /// Moves the engine will accept from this player now (offers are always allowed).
    pub legal: &'a [Move],
    /// Payoffs under the viewer's beliefs.
    pub valuer: &'a dyn Valuer,
}

/// A decision rule for one player. Built fresh for every run from the scenario's spec by the
/// [`Catalog`]; never cloned mid-run.
pub trait Strategy: Send {
    /// Catalogue name.
    fn name(&self) -> &'static str;
    /// Choose this round's move as proposer.
    fn propose(&mut self, view: &View<'_>, rng: &mut SimRng) -> Move;
    /// Answer an offer made by another player.
    fn respond(&mut self, view: &View<'_>, offer: &Contract, coalition: Coalition) -> Response;
    /// A litigation statement made outside the player's turn at the table: asked of
    /// Microsoft every week another player proposes, before that proposal (a public threat,
    /// a filing or a dropped threat is not an offer and needs no turn). `None`: no
    /// statement. Rules without a litigation policy keep the default.
    fn statement(&mut self, view: &View<'_>) -> Option<Move> {
        let _ = view;
        None
    }
}

/// One problem with a strategy spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecProblem {
    /// Parameter sub-path below `params` (`weights.revenue_share`); empty for the strategy
    /// name itself.
    pub path: String,
    /// The value given, as written.
    pub value: String,
    /// What is allowed, or what went wrong.
    pub message: String,
}

impl SpecProblem {
    /// A problem at `path` with `value`: `message`.
    pub fn new(
        path: impl Into<String>,
        value: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        SpecProblem {
            path: path.into(),
            value: value.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for SpecProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} = {}: {}", self.path, self.value, self.message)
    }
}

/// Every problem found with a strategy spec.
pub type SpecProblems = Vec<SpecProblem>;

/// Maps catalogue names and parameters to strategies.
pub trait Catalog: Sync {
    /// Checks a spec without building it.
    fn check(&self, name: &str, params: &toml::Table) -> Result<(), SpecProblems>;
    /// Builds the factory of `player`'s strategies in a scenario whose status-quo terms are `status_quo`.
    fn build(
        &self,
        name: &str,
        params: &toml::Table,
        player: Player,
        status_quo: &Contract,
    ) -> Result<Box<dyn StrategyFactory>, SpecProblems>;
}

/// Makes fresh strategies for one player, one per run. Built once per scenario by a
/// [`Catalog`] (parameters are parsed and checked once), so starting a run is cheap.
pub trait StrategyFactory: Send + Sync {
    /// A fresh strategy with no memory for the run keyed `run`. A strategy with a per-run
    /// type (e.g. a deadline drawn per run) draws it from its player's
    /// [`crate::rng::Stream::types_of`] stream of `run`; one without leaves the key alone.
    fn create(&self, run: &crate::rng::RunKey) -> Box<dyn Strategy>;
}

/// Test support: a catalogue that accepts every strategy spec and builds none (unit tests of
/// `sim` cannot use the real catalogue, which lives in the `strategies` crate).
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Accepts every spec; building always fails.
    pub(crate) struct AnyAgents;

    impl Catalog for AnyAgents {
        fn check(&self, _: &str, _: &toml::Table) -> Result<(), SpecProblems> {
            Ok(())
        }
        fn build(
            &self,
            _: &str,
            _: &toml::Table,
            _: Player,
            _: &Contract,
        ) -> Result<Box<dyn StrategyFactory>, SpecProblems> {
            Err(vec![])
        }
    }
}
