//! The weekly round protocol of one run (docs/model.md §2): Nature moves, a proposer is drawn by
//! recognition probabilities, it offers terms to a coalition (unanimity inside it) or makes a
//! unilateral move, flows accrue, absorbing states are checked. Litigation runs as a sub-process
//! while bargaining continues.
//!
//! [`Engine`] holds what is fixed per scenario (strategy factories, issue preferences, the
//! candidate frontier; the court rules come ready-built with the scenario's
//! [`crate::params::Params`]); [`Engine::run`] plays one run from its [`RunKey`] and reports every step to an
//! [`Observer`] (a no-op one for Monte Carlo, a recorder for `pactsim trace`).

use crate::contract::{Contract, Exclusivity, Tranche};
use crate::event::{Event, Observer};
use crate::litigation::{CourtEvent, Suit};
use crate::outcome::classify;
use crate::payoff::Economics;
use crate::player::{Coalition, Player};
use crate::results::RunRecord;
use crate::rng::{RunKey, Stream};
use crate::scenario::Scenario;
use crate::shocks::{ShockEvent, Shocks};
use crate::state::{Agreement, DisputeState};
use crate::strategy::{Catalog, Move, PublicState, SpecProblems, StrategyFactory, Valuer, View};
use crate::valuer::{issue_preferences, IssuePreferences, SharedValues, StateValuer};
use rand::RngExt;

/// Per-scenario engine: everything fixed across runs.
pub struct Engine {
    scenario: Scenario,
    factories: [Box<dyn StrategyFactory>; 3],
    prefs: IssuePreferences,
    frontier: Vec<Contract>,
    /// Each frontier contract's channel opening and AWS share ([`Economics::open`],
    /// [`Economics::aws_share`]): they depend on the scenario alone, not on a run's draws.
    frontier_channel: Vec<(f64, f64)>,
    discounts: WeekDiscounts,
}

/// Each player's weekly discount factor for every week of the horizon, computed once per
/// scenario: [`Economics::week_discount`] depends only on the scenario's discount rates, so
/// the table holds exactly the values it returns, without an `exp` per cost accrued.
struct WeekDiscounts {
    table: Vec<[f64; 3]>,
}

impl WeekDiscounts {
    fn new(s: &crate::params::Params) -> WeekDiscounts {
        // Any draws will do: the weekly discount does not depend on them.
        let econ = Economics::new(
            s,
            crate::payoff::EconomicDraws {
                revenue_multiplier: 1.0,
                valuation_multiplier: 1.0,
                litigation_discount: 0.0,
            },
        );
        let table = (0..s.simulation.horizon_weeks)
            .map(|w| Player::ALL.map(|p| econ.week_discount(p, f64::from(w))))
            .collect();
        WeekDiscounts { table }
    }

    /// `player`'s discount factor at `week` (from the table, or from `econ` past it).
    fn get(&self, econ: &Economics, player: Player, week: u32) -> f64 {
        match self.table.get(week as usize) {
            Some(d) => d[player as usize],
            None => econ.week_discount(player, f64::from(week)),
        }
    }
}

impl Engine {
    /// Prepares an engine for a validated scenario.
    pub fn new(scenario: &Scenario, catalog: &dyn Catalog) -> Result<Engine, SpecProblems> {
        let s = scenario.params();
        let sq = &s.contracts.status_quo;
        let build = |spec: &crate::schema::AgentSpec, p: Player| {
            catalog.build(&spec.strategy, &spec.params, p, sq)
        };
        let agents = scenario.agents();
        let factories = [
            build(&agents.microsoft, Player::Microsoft)?,
            build(&agents.openai, Player::OpenAi)?,
            build(&agents.amazon, Player::Amazon)?,
        ];
        let frontier = crate::frontier::mo_frontier(s);
        // Any draws will do: the opening and AWS share of a contract do not depend on them.
        let econ = Economics::new(
            s,
            crate::payoff::EconomicDraws {
                revenue_multiplier: 1.0,
                valuation_multiplier: 1.0,
                litigation_discount: 0.0,
            },
        );
        let frontier_channel = frontier
            .iter()
            .map(|x| (econ.open(x), econ.aws_share(x)))
            .collect();
        Ok(Engine {
            scenario: scenario.clone(),
            factories,
            prefs: issue_preferences(s),
            frontier,
            frontier_channel,
            discounts: WeekDiscounts::new(s),
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
        // Recorded in place: moving the run (its shock processes and generators) into
        // `finish` would copy it.
        run.record(obs)
    }

    /// Sets a run up: per-run draws, economics, fresh agents, the initial state.
    pub fn start<O: Observer>(&self, key: RunKey, obs: &mut O) -> Run<'_> {
        let s = self.scenario.params();
        let shocks = Shocks::new(s, &key);
        let econ = Economics::new(s, shocks.draws);
        let st = DisputeState::new(s);
        let candidates = {
            let shared = SharedValues::default();
            let v = StateValuer::new(s, &econ, &st, &shocks, shocks.theta, &self.prefs, &shared);
            let base = v.agreement_regime(&st, &s.contracts.status_quo);
            self.frontier
                .iter()
                .zip(&self.frontier_channel)
                .map(|(x, &(open, aws_share))| {
                    let r = crate::regime::Regime {
                        open,
                        aws_share,
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
            agents: self.factories.each_ref().map(|f| f.create(&key)),
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
        st.suit = Some(Suit::file(st.week, &s.court(), rng));
        st.threat = false;
        st.threat_week = None;
        let m = &s.microsoft;
        let c_at =
            m.antitrust_cost_of_suing * (1.0 + m.antitrust_pressure_multiplier * shocks.antitrust);
        let shade = m.shading_rate * econ.joint_value();
        costs[0] += (c_at + shade) * self.discounts.get(econ, Player::Microsoft, st.week);
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
        let w = st.week;
        let discount = |p: Player| self.discounts.get(econ, p, w);
        match mv {
            Move::Threaten => {
                st.threat = true;
                st.threat_week = Some(st.week);
                st.threat_ever = true;
            }
            Move::DropThreat => {
                st.threat = false;
                st.threat_week = None;
                costs[0] += s.microsoft.threat_audience_cost * discount(Player::Microsoft);
            }
            Move::Sue => self.file(st, shocks, econ, costs, court_rng),
            Move::LaunchOnAws => {
                st.launched = true;
                st.launched_ever = true;
            }
            Move::Rearchitect => {
                // A costly move, not the end of the run (docs/model.md §5.4): the channel closes; a
                // later deal can still reopen it.
                st.rearchitected = true;
                st.launched = false;
                costs[1] += s.openai.rearchitecture_cost * discount(Player::OpenAi);
            }
            Move::AntitrustComplaint => {
                st.complaint = true;
                costs[1] += s.openai.complaint_cost * discount(Player::OpenAi);
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
    ///
    /// A week has four phases, in this order: Nature ([`Run::nature`]), the court calendar
    /// ([`Run::court`]), the week's flows ([`Run::accrue`]), then bargaining ([`Run::bargain`]):
    /// a proposer is drawn and offers or moves. A week in which the court gives judgment has no
    /// bargaining phase: the judgment ends the run.
    pub fn round<O: Observer>(&mut self, obs: &mut O) -> bool {
        let s = self.engine.scenario.params();
        if self.done || self.next_week >= s.simulation.horizon_weeks {
            return false;
        }
        let week = self.next_week;
        self.next_week += 1;
        self.st.week = week;
        self.last_week = week;
        self.nature(week, obs);
        self.court(week, obs);
        self.accrue(week);
        // A judgment ends the run: nobody bargains after the court has ruled.
        if self.st.suit.is_some_and(|s| s.judgment.is_some()) || self.bargain(week, obs) {
            self.done = true;
            return false;
        }
        true
    }

    /// Nature moves (shocks, news, the IPO window, Musk, AGI); a threat outstanding over a
    /// live launch may break down into a filing by Microsoft's board.
    fn nature<O: Observer>(&mut self, week: u32, obs: &mut O) {
        let s = self.engine.scenario.params();
        self.shock_events.clear();
        let breakdown = self.shocks.step(s, week, &mut self.shock_events);
        for e in self.shock_events.drain(..) {
            obs.event(&Event::Shock { week, event: e });
        }
        let st = &self.st;
        if breakdown && st.threat && st.launched && st.suit.is_none() && !st.rearchitected {
            obs.event(&Event::Breakdown { week });
            self.engine.file(
                &mut self.st,
                &self.shocks,
                &self.econ,
                &mut self.costs,
                &mut self.court_rng,
            );
        }
    }

    /// The court calendar of a pending suit: injunction, dismissal and judgment rulings.
    fn court<O: Observer>(&mut self, week: u32, obs: &mut O) {
        let engine = self.engine;
        let st = &mut self.st;
        let Some(mut suit) = st.suit else {
            return;
        };
        if engine.scenario.params().shocks.court {
            if let Some(ev) = suit.step(
                week,
                self.shocks.theta,
                &engine.scenario.params().court(),
                &mut self.court_rng,
            ) {
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

    /// Locks the IPO class when the listing window opens, and accrues the week's flows:
    /// legal fees while a suit is pending; diverted Azure margin and relationship shading
    /// while a defiant launch is live.
    fn accrue(&mut self, week: u32) {
        let s = self.engine.scenario.params();
        let (st, econ, costs) = (&mut self.st, &self.econ, &mut self.costs);
        let discounts = &self.engine.discounts;
        if f64::from(week) >= s.ipo.window_week && st.ipo_locked.is_none() {
            st.ipo_locked = Some(
                (self.shocks.ipo_open && !self.shocks.musk_unwound() && !st.injunction)
                    .then(|| st.ipo_class()),
            );
        }
        if st.suit_pending() {
            let fees = [
                s.microsoft.legal_fees_per_year,
                s.openai.legal_fees_per_year,
                s.amazon.legal_fees_per_year,
            ];
            for p in Player::ALL {
                costs[p as usize] += fees[p as usize] / 52.0 * discounts.get(econ, p, week);
            }
        }
        if st.aws_live() {
            st.diverted_margin += econ.diverted_margin_per_week(self.shocks.demand);
            let shade = s.microsoft.shading_rate * econ.joint_value() / 52.0 / 7.0;
            costs[0] += shade * discounts.get(econ, Player::Microsoft, week);
            costs[1] += shade * discounts.get(econ, Player::OpenAi, week);
        }
    }

    /// Draws the week's proposer by the recognition probabilities.
    fn draw_proposer(&mut self) -> Player {
        let rec = self
            .engine
            .scenario
            .params()
            .protocol
            .recognition
            .to_array();
        let u = self.recognition.random::<f64>();
        if u < rec[0] {
            Player::Microsoft
        } else if u < rec[0] + rec[1] {
            Player::OpenAi
        } else {
            Player::Amazon
        }
    }

    /// The bargaining phase: the proposer offers terms to a coalition (each member answers
    /// in turn; unanimity agrees) or makes a unilateral move, after Microsoft's litigation
    /// statement if another player proposes. Returns true if the run ends.
    fn bargain<O: Observer>(&mut self, week: u32, obs: &mut O) -> bool {
        let proposer = self.draw_proposer();
        // Beliefs are pure functions of the shocks: only the proposer's and the responders'
        // are needed unless an observer records the round.
        if obs.enabled() {
            let s = self.engine.scenario.params();
            obs.event(&Event::Round {
                week,
                proposer,
                beliefs: Player::ALL.map(|p| belief_of(&self.shocks, &self.st, s, p)),
                antitrust: self.shocks.antitrust,
            });
        }
        // Every valuer of this week's state shares its belief-free values; a statement changes
        // the state, so Microsoft's valuer's values are then forgotten.
        let shared = SharedValues::default();
        if proposer != Player::Microsoft {
            match self.microsoft_statement(week, &shared, obs) {
                Ok(false) => {}
                Ok(true) => shared.clear(),
                Err(RunEnded) => return true,
            }
        }
        let Run {
            engine,
            shocks,
            econ,
            agents,
            agent_rngs,
            st,
            candidates,
            ..
        } = self;
        let engine: &Engine = engine;
        let s = engine.scenario.params();
        let seat = Seat::new(shocks, st, s, proposer);
        let legal = seat.legal();
        let pi = proposer as usize;
        let valuer = StateValuer::new(s, econ, st, shocks, seat.belief, &engine.prefs, &shared)
            .viewed_by(proposer)
            .with_candidates(candidates);
        let view = seat.view(&st.current, &valuer);
        let mv = agents[pi].propose(&view, &mut agent_rngs[pi]);
        // A filing is open to Microsoft (its threat stands over a live launch): a trace shows
        // the arithmetic whatever it does, so that a suit not filed is explained too.
        if obs.enabled()
            && proposer == Player::Microsoft
            && st.threat
            && st.launched
            && !st.rearchitected
            && st.suit.is_none()
            && !matches!(mv, Move::Threaten | Move::Sue | Move::DropThreat)
        {
            obs.event(&litigation_event(week, &valuer));
        }
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
                for r in coalition.members().filter(|p| *p != proposer) {
                    let ri = r as usize;
                    let belief = belief_of(shocks, st, s, r);
                    let valuer = valuer.for_viewer(r, belief);
                    let view = View {
                        me: r,
                        belief,
                        valuer: &valuer,
                        ..view
                    };
                    let response = agents[ri].respond(&view, &contract, coalition);
                    obs.event(&Event::Response {
                        week,
                        responder: r,
                        response,
                    });
                    if !response.accept {
                        let news = refusal_news(st, proposer, r, &response)
                            .and_then(|alpha| valuer.refusal_cutoff(r, &contract, alpha));
                        // Only a cutoff below the one already learned is news.
                        let news = news.filter(|c| st.refusal_cutoff.is_none_or(|old| *c < old));
                        if let Some(cutoff) = news {
                            let before = belief_of(shocks, st, s, proposer);
                            st.refusal_cutoff = Some(cutoff);
                            obs.event(&Event::Inference {
                                week,
                                cutoff,
                                before,
                                after: belief_of(shocks, st, s, proposer),
                            });
                        }
                        return false;
                    }
                }
                obs.event(&Event::Agreement {
                    week,
                    coalition,
                    contract,
                });
                st.current = contract;
                if coalition == Coalition::OA {
                    st.oa_agreements += 1;
                    if contract.amazon_tranche == Tranche::Cancelled {
                        st.amazon_alive = false;
                        return true;
                    }
                    false
                } else {
                    st.agreement = Some(Agreement {
                        contract,
                        week,
                        coalition,
                    });
                    true
                }
            }
            Move::Wait => {
                if obs.enabled() {
                    let v = valuer.current_value()[pi];
                    obs.event(&Event::Move {
                        week,
                        player: proposer,
                        action: "wait",
                        value_before: v,
                        value_after: v,
                    });
                }
                false
            }
            unilateral => {
                let credible = threat_credibility(&unilateral, &valuer);
                if obs.enabled() {
                    if matches!(unilateral, Move::Threaten | Move::Sue | Move::DropThreat) {
                        obs.event(&litigation_event(week, &valuer));
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
                }
                note_threat(&mut self.st, credible);
                self.apply_move(week, unilateral, obs)
            }
        }
    }

    /// Microsoft's litigation statement in a week another player proposes (docs/model.md §6.2: a
    /// threat, a filing or a dropped threat is a public move, not a turn at the table), made before
    /// that proposal by its strategy's [`crate::strategy::Strategy::statement`]. Microsoft's valuer
    /// shares `shared` (the week's belief-free values). Returns whether a statement was made (the
    /// state then changed).
    fn microsoft_statement<O: Observer>(
        &mut self,
        week: u32,
        shared: &SharedValues,
        obs: &mut O,
    ) -> Result<bool, RunEnded> {
        let m = Player::Microsoft;
        let engine: &Engine = self.engine;
        let s = engine.scenario.params();
        let statement = {
            let (st, shocks) = (&self.st, &self.shocks);
            let seat = Seat::new(shocks, st, s, m);
            let legal = seat.legal();
            let valuer = StateValuer::new(
                s,
                &self.econ,
                st,
                shocks,
                seat.belief,
                &engine.prefs,
                shared,
            )
            .viewed_by(m)
            .with_candidates(&self.candidates);
            let view = seat.view(&st.current, &valuer);
            let statement = self.agents[m as usize]
                .statement(&view)
                .filter(|mv| matches!(mv, Move::Threaten | Move::Sue | Move::DropThreat))
                .filter(|mv| legal.contains(mv));
            let Some(mv) = statement else {
                return Ok(false);
            };
            let credible = threat_credibility(&mv, &valuer);
            if obs.enabled() {
                obs.event(&litigation_event(week, &valuer));
                obs.event(&Event::Statement {
                    week,
                    action: mv.label(),
                    value_before: valuer.current_value()[m as usize],
                    value_after: crate::strategy::Valuer::after_move(&valuer, m, &mv),
                });
            }
            (mv, credible)
        };
        let (statement, credible) = statement;
        note_threat(&mut self.st, credible);
        if self.apply_move(week, statement, obs) {
            Err(RunEnded)
        } else {
            Ok(true)
        }
    }

    /// Applies a unilateral move or statement `mv` ([`Engine::apply`]) and reports the shock
    /// events it set off; returns true if the run ends.
    fn apply_move<O: Observer>(&mut self, week: u32, mv: Move, obs: &mut O) -> bool {
        let ended = self.engine.apply(
            &mut self.st,
            mv,
            &mut self.shocks,
            &self.econ,
            &mut self.costs,
            &mut self.court_rng,
            &mut self.shock_events,
        );
        for e in self.shock_events.drain(..) {
            obs.event(&Event::Shock { week, event: e });
        }
        ended
    }

    /// Classifies the run and computes realised payoffs under the true θ.
    pub fn finish<O: Observer>(self, obs: &mut O) -> RunRecord {
        self.record(obs)
    }

    /// [`Run::finish`] without consuming the run.
    fn record<O: Observer>(&self, obs: &mut O) -> RunRecord {
        let Run {
            engine,
            shocks,
            econ,
            st,
            costs,
            last_week,
            ..
        } = self;
        let s = engine.scenario.params();
        let shared = SharedValues::default();
        let truth = StateValuer::new(s, econ, st, shocks, shocks.theta, &engine.prefs, &shared);
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
            deal_terms: st.agreement.map(|a| a.contract),
            april_distance: final_contract.distance(&s.contracts.april_2026),
            payoffs,
            suit_filed: st.suit.map(|s| s.filed),
            injunction: st.injunction_ever,
            judgment: st.suit.and_then(|s| s.judgment),
            threat: st.threat_ever,
            threat_credible: st.threat_credible,
            launched: st.launched_ever,
            last_week: *last_week,
            theta: shocks.theta,
        }
    }
}

/// Microsoft's litigation arithmetic (θ_M, J, c_P, the threat level) under its valuer, for
/// an observer.
fn litigation_event(week: u32, valuer: &StateValuer<'_>) -> Event {
    let a = crate::strategy::Valuer::suit(valuer);
    Event::Litigation {
        week,
        theta: a.win_probability,
        stake: a.stake,
        plaintiff_cost: a.plaintiff_cost,
        threat_threshold: a.threat_threshold,
        threat_week: valuer
            .state
            .threat
            .then_some(valuer.state.threat_week)
            .flatten(),
        launch_live: valuer.state.aws_live(),
    }
}

/// For a threat `mv`, whether a suit would be credible under the threatening valuer's belief
/// (θ_M·J ≥ c_P, docs/model.md §6.2): most threats are made between f_thr·c_P and c_P.
fn threat_credibility(mv: &Move, valuer: &StateValuer<'_>) -> Option<bool> {
    (*mv == Move::Threaten).then(|| crate::strategy::Valuer::suit_stakes(valuer).credible())
}

/// Records the credibility of Microsoft's first threat.
fn note_threat(st: &mut DisputeState, credible: Option<bool>) {
    if st.threat_credible.is_none() {
        st.threat_credible = credible;
    }
}

/// A move that ended the run.
struct RunEnded;

/// What one player sees of the state when it decides, apart from the valuer: its belief, the
/// public facts and the moves open to it (the parts a [`View`] borrows).
struct Seat {
    player: Player,
    belief: f64,
    public: PublicState,
    legal: [Move; 4],
    len: usize,
}

impl Seat {
    #[inline]
    fn new(shocks: &Shocks, st: &DisputeState, s: &crate::params::Params, player: Player) -> Seat {
        let legal = st.legal_moves(player, s);
        Seat {
            player,
            belief: belief_of(shocks, st, s, player),
            public: st.public(shocks, s),
            legal: legal.as_array(),
            len: legal.len,
        }
    }

    /// The moves the engine accepts from this player now.
    fn legal(&self) -> &[Move] {
        &self.legal[..self.len]
    }

    /// The player's view, with the terms in force and its valuer.
    #[inline]
    fn view<'a>(&'a self, current: &'a Contract, valuer: &'a dyn Valuer) -> View<'a> {
        View {
            me: self.player,
            public: &self.public,
            belief: self.belief,
            current,
            legal: self.legal(),
            valuer,
        }
    }
}

/// `player`'s belief θ_i: its posterior from its signals, and for Microsoft conditioned on
/// what OpenAI's refusals told it ([`DisputeState::refusal_cutoff`]).
fn belief_of(shocks: &Shocks, st: &DisputeState, s: &crate::params::Params, player: Player) -> f64 {
    match st.refusal_cutoff {
        Some(cutoff) if player == Player::Microsoft => shocks.belief_below(s, player, cutoff),
        _ => shocks.belief(s, player),
    }
}

/// The concession α of `response` when it is news about θ for Microsoft (Nalebuff 1987;
/// docs/model.md §6.3): OpenAI refused an offer of Microsoft's while a suit is Microsoft's open
/// option (its threat stands over a live launch, no suit filed), and answered by a belief-free
/// aspiration rule.
fn refusal_news(
    st: &DisputeState,
    proposer: Player,
    responder: Player,
    response: &crate::strategy::Response,
) -> Option<f64> {
    let open_option = st.threat && st.launched && !st.rearchitected && st.suit.is_none();
    (proposer == Player::Microsoft && responder == Player::OpenAi && open_option)
        .then_some(response.concession)
        .flatten()
}

/// Restricts an offer to the issues its coalition controls: an OA offer changes only the
/// hosting and tranche terms; an MO offer leaves them as they are.
pub(crate) fn normalise(current: &Contract, coalition: Coalition, mut x: Contract) -> Contract {
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
