//! The weekly round protocol of one run (DOMAIN §2.5): Nature moves, a proposer is drawn by
//! recognition probabilities, it offers terms to a coalition (unanimity inside it) or makes a
//! unilateral move, flows accrue, absorbing states are checked. Litigation runs as a
//! sub-process while bargaining continues.
//!
//! [`Engine`] holds what is fixed per scenario (strategy factories, issue preferences, court
//! rules); [`Engine::run`] plays one run from its [`RunKey`] and reports every step to an
//! [`Observer`] (a no-op one for Monte Carlo, a recorder for `pactsim trace`).

use crate::contract::{Contract, Exclusivity, Tranche};
use crate::litigation::{CourtEvent, CourtRules, Suit};
use crate::outcome::{classify, Outcome};
use crate::payoff::{Economics, IpoClass};
use crate::player::{Coalition, Player};
use crate::results::RunRecord;
use crate::rng::{RunKey, Stream};
use crate::scenario::{Scenario, ScenarioFile};
use crate::shocks::{ShockEvent, Shocks};
use crate::strategy::{Catalog, Move, PublicState, Response, SpecProblems, StrategyFactory, View};
use crate::valuer::{issue_preferences, IssuePreferences, StateValuer};
use rand::RngExt;

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
    /// A threat was ever made.
    pub threat_ever: bool,
    /// Frontier on AWS without a waiver.
    pub launched: bool,
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
    court: CourtRules,
}

impl DisputeState {
    /// The state at t = 0: the status quo, no threat, no launch, no suit.
    pub fn new(s: &ScenarioFile, court: CourtRules) -> DisputeState {
        DisputeState {
            week: 0,
            horizon: s.simulation.horizon_weeks,
            current: s.contracts.status_quo,
            threat: false,
            threat_ever: false,
            launched: false,
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
            court,
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

    fn public(&self, shocks: &Shocks, s: &ScenarioFile) -> PublicState {
        PublicState {
            week: self.week,
            horizon: self.horizon,
            threat: self.threat,
            launched: self.launched,
            rearchitected: self.rearchitected,
            suit_filed: self.suit.map(|s| s.filed),
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

    fn legal_moves(&self, p: Player, s: &ScenarioFile) -> LegalMoves {
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
struct LegalMoves {
    moves: [Option<Move>; 4],
    len: usize,
}

impl LegalMoves {
    fn push(&mut self, m: Move) {
        self.moves[self.len] = Some(m);
        self.len += 1;
    }
    fn as_array(&self) -> [Move; 4] {
        self.moves.map(|m| m.unwrap_or(Move::Wait))
    }
}

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
    /// Microsoft's litigation arithmetic behind a threat, suit or dropped threat (R6).
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
}

/// Observer that ignores everything (Monte Carlo).
pub struct Silent;

impl Observer for Silent {
    #[inline(always)]
    fn event(&mut self, _e: &Event) {}
}

impl Observer for Vec<Event> {
    fn event(&mut self, e: &Event) {
        self.push(e.clone());
    }
}

/// Per-scenario engine: everything fixed across runs.
pub struct Engine {
    scenario: Scenario,
    factories: [Box<dyn StrategyFactory>; 3],
    prefs: IssuePreferences,
    court: CourtRules,
    frontier: Vec<Contract>,
}

impl Engine {
    /// Prepares an engine for a validated scenario.
    pub fn new(scenario: &Scenario, catalog: &dyn Catalog) -> Result<Engine, SpecProblems> {
        let s = scenario.params();
        let sq = &s.contracts.status_quo;
        let build = |spec: &crate::scenario::AgentSpec, p: Player| {
            catalog.build(&spec.strategy, &spec.params, p, sq)
        };
        let factories = [
            build(&s.agents.microsoft, Player::Microsoft)?,
            build(&s.agents.openai, Player::OpenAi)?,
            build(&s.agents.amazon, Player::Amazon)?,
        ];
        Ok(Engine {
            scenario: scenario.clone(),
            factories,
            prefs: issue_preferences(s),
            court: court_rules(s),
            frontier: crate::frontier::mo_frontier(s),
        })
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Plays one run.
    pub fn run<O: Observer>(&self, key: RunKey, obs: &mut O) -> RunRecord {
        let mut run = self.start(key, obs);
        while run.round(obs) {}
        run.finish(obs)
    }

    /// Sets a run up: per-run draws, economics, fresh agents, the initial state.
    pub fn start<O: Observer>(&self, key: RunKey, obs: &mut O) -> Run<'_> {
        let s = self.scenario.params();
        let shocks = Shocks::new(s, &key);
        let econ = Economics::new(s, shocks.draws);
        let st = DisputeState::new(s, self.court);
        let candidates = {
            let v = StateValuer::new(s, &econ, &st, &shocks, shocks.theta, &self.prefs);
            let base = v.agreement_regime(&st, &s.contracts.status_quo);
            self.frontier
                .iter()
                .map(|x| {
                    let r = crate::payoff::Regime {
                        open: econ.open(x),
                        aws_share: econ.aws_share(x),
                        ..base
                    };
                    (*x, econ.evaluate(x, &r))
                })
                .collect()
        };
        obs.event(&Event::Setup {
            theta: shocks.theta,
            revenue_multiplier: shocks.draws.revenue_multiplier,
            valuation_multiplier: shocks.draws.valuation_multiplier,
            litigation_discount: shocks.draws.litigation_discount,
        });
        Run {
            engine: self,
            agents: self.factories.each_ref().map(|f| f.create()),
            agent_rngs: [
                key.stream(Stream::AgentMicrosoft),
                key.stream(Stream::AgentOpenAi),
                key.stream(Stream::AgentAmazon),
            ],
            recognition: key.stream(Stream::Recognition),
            court_rng: key.stream(Stream::Court),
            st,
            candidates,
            costs: [0.0; 3],
            shock_events: Vec::new(),
            shocks,
            econ,
            next_week: 0,
            last_week: 0,
            done: false,
        }
    }

    fn file(
        &self,
        st: &mut DisputeState,
        shocks: &Shocks,
        econ: &Economics,
        costs: &mut [f64; 3],
        rng: &mut crate::rng::SimRng,
    ) {
        let s = self.scenario.params();
        st.suit = Some(Suit::file(st.week, &self.court, rng));
        st.threat = false;
        let m = &s.microsoft;
        let c_at =
            m.antitrust_cost_of_suing * (1.0 + m.antitrust_pressure_multiplier * shocks.antitrust);
        let shade = m.shading_rate * econ.joint_value();
        costs[0] += (c_at + shade) * econ.week_discount(Player::Microsoft, f64::from(st.week));
    }

    /// Applies a unilateral move; returns true if the run ends.
    #[allow(clippy::too_many_arguments)]
    fn apply(
        &self,
        st: &mut DisputeState,
        mv: Move,
        shocks: &mut Shocks,
        econ: &Economics,
        costs: &mut [f64; 3],
        court_rng: &mut crate::rng::SimRng,
        events: &mut Vec<ShockEvent>,
    ) -> bool {
        let s = self.scenario.params();
        let w = f64::from(st.week);
        match mv {
            Move::Threaten => {
                st.threat = true;
                st.threat_ever = true;
            }
            Move::DropThreat => {
                st.threat = false;
                costs[0] +=
                    s.microsoft.threat_audience_cost * econ.week_discount(Player::Microsoft, w);
            }
            Move::Sue => self.file(st, shocks, econ, costs, court_rng),
            Move::LaunchOnAws => st.launched = true,
            Move::Rearchitect => {
                // A costly move, not the end of the run (R8): the channel closes; a later
                // deal can still reopen it.
                st.rearchitected = true;
                st.launched = false;
                costs[1] += s.openai.rearchitecture_cost * econ.week_discount(Player::OpenAi, w);
            }
            Move::AntitrustComplaint => {
                st.complaint = true;
                costs[1] += s.openai.complaint_cost * econ.week_discount(Player::OpenAi, w);
                shocks.jump_antitrust(
                    s.antitrust.complaint_jump,
                    "OpenAI antitrust complaint".into(),
                    events,
                );
            }
            Move::Sweeten => st.sweetener += s.amazon.sweetener_step,
            Move::Withdraw => {
                st.amazon_alive = false;
                st.amazon_withdrew = true;
                return true;
            }
            Move::Offer { .. } | Move::Wait => {}
        }
        false
    }
}

/// One run in progress: [`Run::round`] plays a week at a time (for stepping, tracing and
/// benchmarks); [`Engine::run`] plays it to the end.
pub struct Run<'e> {
    engine: &'e Engine,
    shocks: Shocks,
    econ: Economics,
    agents: [Box<dyn crate::strategy::Strategy>; 3],
    agent_rngs: [crate::rng::SimRng; 3],
    recognition: crate::rng::SimRng,
    court_rng: crate::rng::SimRng,
    st: DisputeState,
    candidates: Vec<(Contract, [f64; 3])>,
    costs: [f64; 3],
    shock_events: Vec<ShockEvent>,
    next_week: u32,
    last_week: u32,
    done: bool,
}

impl Run<'_> {
    /// The dispute state so far.
    pub fn state(&self) -> &DisputeState {
        &self.st
    }

    /// Plays the next week; returns false once the run has ended (absorption or horizon).
    pub fn round<O: Observer>(&mut self, obs: &mut O) -> bool {
        let Run {
            engine,
            shocks,
            econ,
            agents,
            agent_rngs,
            recognition,
            court_rng,
            st,
            candidates,
            costs,
            shock_events,
            next_week,
            last_week,
            done,
        } = self;
        let engine: &Engine = engine;
        let s = engine.scenario.params();
        if *done || *next_week >= s.simulation.horizon_weeks {
            return false;
        }
        let week = *next_week;
        *next_week += 1;
        st.week = week;
        *last_week = week;
        let rec = s.protocol.recognition.to_array();
        shock_events.clear();
        let breakdown = shocks.step(s, week, shock_events);
        for e in shock_events.drain(..) {
            obs.event(&Event::Shock { week, event: e });
        }
        if breakdown && st.threat && st.launched && st.suit.is_none() && !st.rearchitected {
            obs.event(&Event::Breakdown { week });
            engine.file(st, shocks, econ, costs, court_rng);
        }
        // Court calendar.
        if let Some(mut suit) = st.suit {
            if s.shocks.court {
                if let Some(ev) = suit.step(week, shocks.theta, &engine.court, court_rng) {
                    obs.event(&Event::Court { week, event: ev });
                    match ev {
                        CourtEvent::Injunction(granted) => {
                            st.injunction = granted;
                            st.injunction_ever |= granted;
                        }
                        CourtEvent::Dismissal(true) => st.injunction = false,
                        CourtEvent::Dismissal(false) => {}
                        CourtEvent::Judgment(won) => {
                            st.injunction = false;
                            if won {
                                st.launched = false;
                                st.launch_withdrawn = true;
                            } else {
                                st.current.exclusivity = Exclusivity::StatelessOnly;
                            }
                        }
                    }
                }
            }
            st.suit = Some(suit);
        }
        if f64::from(week) >= s.ipo.window_week && st.ipo_locked.is_none() {
            st.ipo_locked = Some(
                (shocks.ipo_open && !shocks.musk_unwound() && !st.injunction)
                    .then(|| st.ipo_class()),
            );
        }
        // Weekly flows.
        let w = f64::from(week);
        if st.suit_pending() {
            let fees = [
                s.microsoft.legal_fees_per_year,
                s.openai.legal_fees_per_year,
                s.amazon.legal_fees_per_year,
            ];
            for p in Player::ALL {
                costs[p as usize] += fees[p as usize] / 52.0 * econ.week_discount(p, w);
            }
        }
        if st.aws_live() {
            st.diverted_margin += econ.diverted_margin_per_week(shocks.demand);
            let shade = s.microsoft.shading_rate * econ.joint_value() / 52.0 / 7.0;
            costs[0] += shade * econ.week_discount(Player::Microsoft, w);
            costs[1] += shade * econ.week_discount(Player::OpenAi, w);
        }
        // Proposer.
        let u = recognition.random::<f64>();
        let proposer = if u < rec[0] {
            Player::Microsoft
        } else if u < rec[0] + rec[1] {
            Player::OpenAi
        } else {
            Player::Amazon
        };
        let beliefs = Player::ALL.map(|p| shocks.belief(s, p));
        obs.event(&Event::Round {
            week,
            proposer,
            beliefs,
            antitrust: shocks.antitrust,
        });
        let public = st.public(shocks, s);
        let legal_set = st.legal_moves(proposer, s);
        let legal_all = legal_set.as_array();
        let legal = &legal_all[..legal_set.len];
        let pi = proposer as usize;
        let valuer = StateValuer::new(s, econ, st, shocks, beliefs[pi], &engine.prefs)
            .viewed_by(proposer)
            .with_candidates(candidates);
        let view = View {
            me: proposer,
            public: &public,
            belief: beliefs[pi],
            current: &st.current,
            legal,
            valuer: &valuer,
        };
        let mv = agents[pi].propose(&view, &mut agent_rngs[pi]);
        let mv = match mv {
            Move::Offer { coalition, .. } if !coalition.contains(proposer) => {
                obs.event(&Event::Illegal {
                    week,
                    player: proposer,
                    action: "offer",
                });
                Move::Wait
            }
            Move::Offer { .. } => mv,
            other if !legal.contains(&other) => {
                obs.event(&Event::Illegal {
                    week,
                    player: proposer,
                    action: other.label(),
                });
                Move::Wait
            }
            other => other,
        };
        match mv {
            Move::Offer {
                coalition,
                contract,
            } => {
                let contract = normalise(&st.current, coalition, contract);
                obs.event(&Event::Offer {
                    week,
                    proposer,
                    coalition,
                    contract,
                });
                let mut all = true;
                for r in coalition.members().filter(|p| *p != proposer) {
                    let ri = r as usize;
                    let valuer = valuer.for_viewer(r, beliefs[ri]);
                    let view = View {
                        me: r,
                        belief: beliefs[ri],
                        valuer: &valuer,
                        ..view
                    };
                    let response = agents[ri].respond(&view, &contract, coalition);
                    obs.event(&Event::Response {
                        week,
                        responder: r,
                        response,
                    });
                    all &= response.accept;
                    if !all {
                        break;
                    }
                }
                if all {
                    obs.event(&Event::Agreement {
                        week,
                        coalition,
                        contract,
                    });
                    if coalition == Coalition::OA {
                        st.current = contract;
                        st.oa_agreements += 1;
                        if contract.amazon_tranche == Tranche::Cancelled {
                            st.amazon_alive = false;
                            {
                                *done = true;
                                return false;
                            }
                        }
                    } else {
                        st.current = contract;
                        st.agreement = Some(Agreement {
                            contract,
                            week,
                            coalition,
                        });
                        {
                            *done = true;
                            return false;
                        }
                    }
                }
            }
            Move::Wait => {
                let v = valuer.current_value()[pi];
                obs.event(&Event::Move {
                    week,
                    player: proposer,
                    action: "wait",
                    value_before: v,
                    value_after: v,
                });
            }
            unilateral => {
                if matches!(unilateral, Move::Threaten | Move::Sue | Move::DropThreat) {
                    let a = crate::strategy::Valuer::suit(&valuer);
                    obs.event(&Event::Litigation {
                        week,
                        theta: a.win_probability,
                        stake: a.stake,
                        plaintiff_cost: a.plaintiff_cost,
                        threat_threshold: a.threat_threshold,
                    });
                }
                let before = valuer.current_value()[pi];
                let after = crate::strategy::Valuer::after_move(&valuer, proposer, &unilateral);
                obs.event(&Event::Move {
                    week,
                    player: proposer,
                    action: unilateral.label(),
                    value_before: before,
                    value_after: after,
                });
                let ended =
                    engine.apply(st, unilateral, shocks, econ, costs, court_rng, shock_events);
                for e in shock_events.drain(..) {
                    obs.event(&Event::Shock { week, event: e });
                }
                if ended {
                    {
                        *done = true;
                        return false;
                    }
                }
            }
        }
        if st.suit.map(|s| s.judgment.is_some()).unwrap_or(false) {
            {
                *done = true;
                return false;
            }
        }
        true
    }

    /// Classifies the run and computes realised payoffs under the true θ.
    pub fn finish<O: Observer>(self, obs: &mut O) -> RunRecord {
        let Run {
            engine,
            shocks,
            econ,
            st,
            costs,
            last_week,
            ..
        } = &self;
        let s = engine.scenario.params();
        let truth = StateValuer::new(s, econ, st, shocks, shocks.theta, &engine.prefs);
        let mut payoffs = match st.agreement {
            Some(a) => econ.evaluate(&a.contract, &truth.agreement_regime(st, &a.contract)),
            None => econ.evaluate(&st.current, &truth.impasse_regime(st)),
        };
        for i in 0..3 {
            payoffs[i] -= costs[i];
        }
        let outcome = classify(st);
        obs.event(&Event::End {
            week: *last_week,
            outcome,
            payoffs,
        });
        let final_contract = st.agreement.map(|a| a.contract).unwrap_or(st.current);
        RunRecord {
            outcome,
            agreement_week: st.agreement.map(|a| a.week),
            april_distance: final_contract.distance(&s.contracts.april_2026),
            payoffs,
            suit_filed: st.suit.map(|s| s.filed),
            injunction: st.injunction_ever,
            judgment: st.suit.and_then(|s| s.judgment),
            threat: st.threat_ever,
            launched: st.launched || st.launch_withdrawn,
            last_week: *last_week,
            theta: shocks.theta,
        }
    }
}

/// The court calendar of a scenario.
pub fn court_rules(s: &ScenarioFile) -> CourtRules {
    let l = &s.litigation;
    CourtRules {
        injunction_weeks: l.injunction_ruling_weeks,
        dismissal_weeks: l.dismissal_ruling_weeks,
        trial_weeks: l.trial_weeks,
        trial_sigma: l.trial_weeks_sigma,
        injunction_exponent: l.injunction_exponent,
    }
}

/// Restricts an offer to the issues its coalition controls: an OA offer changes only the
/// hosting and tranche terms; an MO offer leaves them as they are.
pub fn normalise(current: &Contract, coalition: Coalition, mut x: Contract) -> Contract {
    match coalition {
        Coalition::OA => {
            let mut y = *current;
            y.hosting = x.hosting;
            y.amazon_tranche = x.amazon_tranche;
            y
        }
        Coalition::MO => {
            x.hosting = current.hosting;
            x.amazon_tranche = current.amazon_tranche;
            x.aws_commitment = current.aws_commitment;
            x
        }
        Coalition::MOA => x,
    }
}
