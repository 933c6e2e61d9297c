//! The strategy registry: every strategy's canonical (Axelrod) name, aliases, family, one-line
//! rule and constructor, and name lookup. Strategies live in one file per family.
//!
//! Names match ignoring case, spaces and punctuation, so `"Tit For Tat"`, `TitForTat` and
//! `titfortat` are the same; Axelrod class names (`FirstByDavis`) and short names (`Davis`)
//! are aliases. `Play k` (k = 0, 1, …) names the "always play action k" family.

mod basic;
mod first_tournament;
mod grudger;
mod macros;
mod majority;
mod memory_one;
mod probers;
mod titfortat;

use crate::action::{Action, C, D};
use crate::error::RepeatedError;
use crate::game::Game;
use crate::strategy::{Classifier, Strategy};
use basic::*;
use first_tournament::*;
use grudger::*;
use majority::*;
use memory_one::*;
use probers::*;
use titfortat::*;

/// One registered strategy.
#[derive(Clone, Copy)]
pub struct Spec {
    /// Canonical name (Axelrod's `name`).
    pub name: &'static str,
    /// Other accepted names (Axelrod class name, short names).
    pub aliases: &'static [&'static str],
    /// Family (the source file it lives in).
    pub family: &'static str,
    /// The rule in one line.
    pub rule: &'static str,
    make: fn(Action) -> Box<dyn Strategy>,
}

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Spec {
    /// The strategy's classifier.
    pub fn classifier(&self) -> Classifier {
        (self.make)(0).classifier()
    }
}

macro_rules! spec {
    ($name:literal, [$($alias:literal),*], $family:literal, $rule:literal, $make:expr) => {
        Spec {
            name: $name,
            aliases: &[$($alias),*],
            family: $family,
            rule: $rule,
            make: $make,
        }
    };
}

const PLAY_K: &str = "Play k";

/// Every registered strategy, grouped by family.
pub const SPECS: &[Spec] = &[
    spec!("Cooperator", [], "basic", "Always C.", |_| Box::new(
        Cooperator
    )),
    spec!("Defector", [], "basic", "Always D.", |_| Box::new(Defector)),
    spec!(
        "Alternator",
        [],
        "basic",
        "C first, then the opposite of its own last move.",
        |_| Box::new(Alternator)
    ),
    spec!(
        "Random",
        [],
        "basic",
        "C with probability 0.5 (uniform over its actions in m×n games).",
        |_| Box::new(RandomPlayer)
    ),
    spec!("Cycler CCD", [], "basic", "Repeats C, C, D.", |_| Box::new(
        Cycler::new(&[C, C, D])
    )),
    spec!("Cycler DDC", [], "basic", "Repeats D, D, C.", |_| Box::new(
        Cycler::new(&[D, D, C])
    )),
    spec!("Cycler CCCD", [], "basic", "Repeats C, C, C, D.", |_| {
        Box::new(Cycler::new(&[C, C, C, D]))
    }),
    spec!("Cycler DC", [], "basic", "Repeats D, C.", |_| Box::new(
        Cycler::new(&[D, C])
    )),
    spec!(
        "Cycler CCCCCD",
        [],
        "basic",
        "Repeats C, C, C, C, C, D.",
        |_| Box::new(Cycler::new(&[C, C, C, C, C, D]))
    ),
    spec!(
        "Appeaser",
        [],
        "basic",
        "C first; switches its own move after each opponent D, else repeats it.",
        |_| Box::new(Appeaser)
    ),
    spec!(
        "Negation",
        [],
        "basic",
        "Random first move, then the opposite of the opponent's last move.",
        |_| Box::new(Negation)
    ),
    spec!(
        "Tit For Tat",
        ["TFT"],
        "tit-for-tat",
        "C first, then the opponent's last move.",
        |_| Box::new(TitForTat)
    ),
    spec!(
        "Tit For 2 Tats",
        ["TitFor2Tats", "TF2T"],
        "tit-for-tat",
        "D only after two consecutive opponent D.",
        |_| Box::new(TitFor2Tats)
    ),
    spec!(
        "Two Tits For Tat",
        ["TwoTitsForTat", "TTFT"],
        "tit-for-tat",
        "D if the opponent defected in either of its last two moves.",
        |_| Box::new(TwoTitsForTat)
    ),
    spec!(
        "Bully",
        [],
        "tit-for-tat",
        "D first, then the opposite of the opponent's last move.",
        |_| Box::new(Bully)
    ),
    spec!(
        "Suspicious Tit For Tat",
        ["STFT"],
        "tit-for-tat",
        "D first, then the opponent's last move.",
        |_| Box::new(SuspiciousTitForTat)
    ),
    spec!(
        "Anti Tit For Tat",
        [],
        "tit-for-tat",
        "C first, then the opposite of the opponent's last move.",
        |_| Box::new(AntiTitForTat)
    ),
    spec!(
        "Hard Tit For Tat",
        [],
        "tit-for-tat",
        "C first; D if the opponent defected in any of its last three moves.",
        |_| Box::new(HardTitForTat)
    ),
    spec!(
        "Hard Tit For 2 Tats",
        ["HardTitFor2Tats"],
        "tit-for-tat",
        "C first; D if the opponent's last three moves hold two consecutive D.",
        |_| Box::new(HardTitFor2Tats)
    ),
    spec!(
        "Sneaky Tit For Tat",
        [],
        "tit-for-tat",
        "C, C; D while the opponent never defected; C after its D answering ours; else TFT.",
        |_| Box::new(SneakyTitForTat)
    ),
    spec!(
        "Spiteful Tit For Tat",
        [],
        "tit-for-tat",
        "TFT until the opponent plays D twice in a row, then D for ever.",
        |_| Box::new(SpitefulTitForTat::default())
    ),
    spec!(
        "Slow Tit For Two Tats 2",
        ["SlowTitForTwoTats2"],
        "tit-for-tat",
        "C, C; then the opponent's move if its last two agree, else its own last move.",
        |_| Box::new(SlowTitForTwoTats2)
    ),
    spec!(
        "Adaptive Tit For Tat",
        [],
        "tit-for-tat",
        "Estimate moved halfway to 1 (opponent C) or 0 (D); C while it is at least 0.5.",
        |_| Box::new(AdaptiveTitForTat::default())
    ),
    spec!(
        "Random Tit for Tat",
        ["RandomTitForTat"],
        "tit-for-tat",
        "C first, then alternately the opponent's last move and a random move (p = 0.5).",
        |_| Box::new(RandomTitForTat::default())
    ),
    spec!(
        "Dynamic Two Tits For Tat",
        [],
        "tit-for-tat",
        "C unless the opponent defected in its last two moves; then C with its overall C rate.",
        |_| Box::new(DynamicTwoTitsForTat)
    ),
    spec!(
        "Omega TFT",
        ["OmegaTitForTat"],
        "tit-for-tat",
        "TFT with a deadlock breaker (C) and a randomness detector (D).",
        |_| Box::new(OmegaTft::default())
    ),
    spec!(
        "Gradual",
        [],
        "tit-for-tat",
        "After an opponent D: D as many times as its total defections, then C, C.",
        |_| Box::new(Gradual::default())
    ),
    spec!(
        "Original Gradual",
        [],
        "tit-for-tat",
        "The n-th punishment is n D, then C, C.",
        |_| Box::new(OriginalGradual::default())
    ),
    spec!(
        "Grudger",
        ["Grim", "GrimTrigger"],
        "grudger",
        "C until the opponent's first D, then D for ever.",
        |_| Box::new(Grudger)
    ),
    spec!(
        "Forgetful Grudger",
        [],
        "grudger",
        "D for 10 turns after an opponent D, then forgets.",
        |_| Box::new(ForgetfulGrudger::default())
    ),
    spec!(
        "Opposite Grudger",
        [],
        "grudger",
        "D until the opponent's first C, then C for ever.",
        |_| Box::new(OppositeGrudger)
    ),
    spec!(
        "Aggravater",
        [],
        "grudger",
        "D on the first three moves, then Grudger.",
        |_| Box::new(Aggravater)
    ),
    spec!(
        "Soft Grudger",
        [],
        "grudger",
        "Answers an opponent D with D, D, D, D, C, C.",
        |_| Box::new(SoftGrudger::default())
    ),
    spec!(
        "GrudgerAlternator",
        [],
        "grudger",
        "C until the opponent defects, then alternates D, C.",
        |_| Box::new(GrudgerAlternator)
    ),
    spec!(
        "EasyGo",
        [],
        "grudger",
        "D until the opponent's first D, then C for ever.",
        |_| Box::new(EasyGo)
    ),
    spec!("SpitefulCC", [], "grudger", "C, C, then Grudger.", |_| {
        Box::new(SpitefulCC)
    }),
    spec!(
        "Punisher",
        [],
        "grudger",
        "After an opponent D, D for ⌊20 × its defections / turns⌋ turns.",
        |_| Box::new(Punisher::new(false))
    ),
    spec!(
        "Inverse Punisher",
        [],
        "grudger",
        "After an opponent D, D for ⌊20 × its cooperations / turns⌋ turns (at least 1).",
        |_| Box::new(Punisher::new(true))
    ),
    spec!(
        "Level Punisher",
        [],
        "grudger",
        "C for 10 turns, then D while the opponent's D rate exceeds 20%.",
        |_| Box::new(LevelPunisher)
    ),
    spec!(
        "Tricky Level Punisher",
        [],
        "grudger",
        "D if the opponent's D rate exceeds 20% (<10 turns), 10% (<50) or 5% (<100).",
        |_| Box::new(TrickyLevelPunisher)
    ),
    spec!(
        "Win-Stay Lose-Shift",
        ["WinStayLoseShift", "WSLS", "Pavlov"],
        "memory-one",
        "C first; C after CC or DD, D after CD or DC.",
        |_| Box::new(WinStayLoseShift)
    ),
    spec!(
        "GTFT",
        ["GenerousTitForTat"],
        "memory-one",
        "TFT that forgives a D with probability min(1−(T−R)/(R−S), (R−P)/(T−P)) (1/3 in pd).",
        |_| Box::new(Gtft)
    ),
    spec!(
        "Firm But Fair",
        [],
        "memory-one",
        "Memory-one (1, 0, 1, 2/3) for CC, CD, DC, DD; C first.",
        |_| Box::new(MemoryOne::new([1.0, 0.0, 1.0, 2.0 / 3.0], C))
    ),
    spec!(
        "Stochastic WSLS",
        ["StochasticWSLS"],
        "memory-one",
        "Memory-one (0.95, 0.05, 0.05, 0.95); C first.",
        |_| Box::new(MemoryOne::new([0.95, 0.05, 0.05, 0.95], C))
    ),
    spec!(
        "Soft Go By Majority",
        ["GoByMajority"],
        "majority",
        "C unless the opponent has defected more often than cooperated (ties C).",
        |_| Box::new(GoByMajority::new(0, true))
    ),
    spec!(
        "Soft Go By Majority: 5",
        ["GoByMajority5"],
        "majority",
        "Go By Majority over the opponent's last 5 moves.",
        |_| Box::new(GoByMajority::new(5, true))
    ),
    spec!(
        "Soft Go By Majority: 10",
        ["GoByMajority10"],
        "majority",
        "Go By Majority over the opponent's last 10 moves.",
        |_| Box::new(GoByMajority::new(10, true))
    ),
    spec!(
        "Soft Go By Majority: 20",
        ["GoByMajority20"],
        "majority",
        "Go By Majority over the opponent's last 20 moves.",
        |_| Box::new(GoByMajority::new(20, true))
    ),
    spec!(
        "Soft Go By Majority: 40",
        ["GoByMajority40"],
        "majority",
        "Go By Majority over the opponent's last 40 moves.",
        |_| Box::new(GoByMajority::new(40, true))
    ),
    spec!(
        "Hard Go By Majority",
        ["HardGoByMajority"],
        "majority",
        "D unless the opponent has cooperated more often than defected (ties D).",
        |_| Box::new(GoByMajority::new(0, false))
    ),
    spec!(
        "Hard Go By Majority: 5",
        ["HardGoByMajority5"],
        "majority",
        "Hard Go By Majority over the opponent's last 5 moves.",
        |_| Box::new(GoByMajority::new(5, false))
    ),
    spec!(
        "Hard Go By Majority: 10",
        ["HardGoByMajority10"],
        "majority",
        "Hard Go By Majority over the opponent's last 10 moves.",
        |_| Box::new(GoByMajority::new(10, false))
    ),
    spec!(
        "Hard Go By Majority: 20",
        ["HardGoByMajority20"],
        "majority",
        "Hard Go By Majority over the opponent's last 20 moves.",
        |_| Box::new(GoByMajority::new(20, false))
    ),
    spec!(
        "Hard Go By Majority: 40",
        ["HardGoByMajority40"],
        "majority",
        "Hard Go By Majority over the opponent's last 40 moves.",
        |_| Box::new(GoByMajority::new(40, false))
    ),
    spec!(
        "Forgiver",
        [],
        "majority",
        "D while the opponent has defected in more than 10% of turns, else C.",
        |_| Box::new(Forgiver)
    ),
    spec!(
        "Forgiving Tit For Tat",
        [],
        "majority",
        "TFT while the opponent has defected in more than 10% of turns, else C.",
        |_| Box::new(ForgivingTitForTat)
    ),
    spec!(
        "Prober",
        [],
        "prober",
        "D, C, C; then D for ever if the opponent answered C, C, else TFT.",
        |_| Box::new(Prober)
    ),
    spec!(
        "Prober 2",
        ["Prober2"],
        "prober",
        "D, C, C; then C for ever if the opponent answered D, C, else TFT.",
        |_| Box::new(Prober2)
    ),
    spec!(
        "Prober 3",
        ["Prober3"],
        "prober",
        "D, C; then D for ever if the opponent's second move was C, else TFT.",
        |_| Box::new(Prober3)
    ),
    spec!(
        "Hard Prober",
        [],
        "prober",
        "D, D, C, C; then D for ever if the opponent's moves 2–3 were C, C, else TFT.",
        |_| Box::new(HardProber)
    ),
    spec!(
        "Handshake",
        [],
        "prober",
        "C, D; then C for ever if the opponent opened C, D, else D for ever.",
        |_| Box::new(Handshake)
    ),
    spec!(
        "Calculator",
        [],
        "prober",
        "Joss for 20 turns; then D for ever if the opponent's moves were periodic, else TFT.",
        |_| Box::new(Calculator::default())
    ),
    spec!(
        "Second by Tester",
        ["SecondByTester", "Tester"],
        "prober",
        "D first; after an opponent D, C then TFT; otherwise C, C then alternates.",
        |_| Box::new(Tester::default())
    ),
    spec!(
        "Second by Gladstein",
        ["SecondByGladstein", "Gladstein"],
        "prober",
        "D first; exploits (D when own C rate > 1/2) until the opponent defects, then C and TFT.",
        |_| Box::new(Gladstein::default())
    ),
    spec!(
        "Defector Hunter",
        [],
        "prober",
        "C; D from turn 5 if the opponent has only defected.",
        |_| Box::new(DefectorHunter)
    ),
    spec!(
        "Cooperator Hunter",
        [],
        "prober",
        "C; D from turn 5 if the opponent has only cooperated.",
        |_| Box::new(CooperatorHunter)
    ),
    spec!(
        "Alternator Hunter",
        [],
        "prober",
        "C for 6 turns; D for ever if the opponent strictly alternated.",
        |_| Box::new(AlternatorHunter::default())
    ),
    spec!(
        "First by Davis",
        ["FirstByDavis", "Davis"],
        "first-tournament",
        "C for 10 turns, then Grudger.",
        |_| Box::new(Davis)
    ),
    spec!(
        "First by Downing",
        ["FirstByDowning", "Downing"],
        "first-tournament",
        "D, D; then the move maximising expected payoff from estimated P(C|C), P(C|D).",
        |_| Box::new(Downing::default())
    ),
    spec!(
        "First by Feld",
        ["FirstByFeld", "Feld"],
        "first-tournament",
        "TFT whose C after C falls linearly from p = 1 to 0.5 over 200 turns.",
        |_| Box::new(Feld)
    ),
    spec!(
        "First by Grofman",
        ["FirstByGrofman", "Grofman"],
        "first-tournament",
        "C if both moved alike last turn, else C with probability 2/7.",
        |_| Box::new(Grofman)
    ),
    spec!(
        "First by Joss",
        ["FirstByJoss", "Joss"],
        "first-tournament",
        "TFT that cooperates only 90% of the time after an opponent C.",
        |_| Box::new(MemoryOne::new([0.9, 0.0, 0.9, 0.0], C))
    ),
    spec!(
        "First by Nydegger",
        ["FirstByNydegger", "Nydegger"],
        "first-tournament",
        "TFT for 3 turns, then D iff 16a₁+4a₂+a₃ is in Nydegger's list of 19 values.",
        |_| Box::new(Nydegger)
    ),
    spec!(
        "First by Shubik",
        ["FirstByShubik", "Shubik"],
        "first-tournament",
        "Retaliates k times for the k-th departure from mutual cooperation.",
        |_| Box::new(Shubik::default())
    ),
    spec!(
        "First by Stein and Rapoport",
        ["FirstBySteinAndRapoport", "SteinAndRapoport"],
        "first-tournament",
        "C×4, TFT, χ² randomness test every 15 turns (D if random), D on the last two turns.",
        |_| Box::new(SteinAndRapoport::default())
    ),
    spec!(
        "First by Tullock",
        ["FirstByTullock", "Tullock"],
        "first-tournament",
        "C×11, then C with probability (opponent's C share in last 10) − 0.1.",
        |_| Box::new(Tullock)
    ),
    spec!(
        "First by Anonymous",
        ["FirstByAnonymous", "Anonymous"],
        "first-tournament",
        "C with probability drawn uniformly from [0.3, 0.7] each turn.",
        |_| Box::new(Anonymous)
    ),
    spec!(
        "Best Response",
        ["BestResponse"],
        "any-game",
        "Best response to the opponent's last action (not in Axelrod).",
        |_| Box::new(BestResponse)
    ),
    spec!(
        "Fictitious Play",
        ["FictitiousPlay"],
        "any-game",
        "Best response to the opponent's empirical action frequencies (not in Axelrod).",
        |_| Box::new(FictitiousPlay::default())
    ),
    spec!(
        "Play k",
        [],
        "any-game",
        "Always plays action k (Play 0, Play 1, …; any game; not in Axelrod).",
        |k| Box::new(PlayAction(k))
    ),
];

/// Lower-cased letters and digits only.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A strategy chosen by name: a registry entry plus, for `Play k`, its action.
#[derive(Debug, Clone)]
pub struct Player {
    name: String,
    spec: &'static Spec,
    param: Action,
}

impl Player {
    /// The canonical name (e.g. `Tit For Tat`, `Play 2`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The registry entry.
    pub fn spec(&self) -> &'static Spec {
        self.spec
    }

    /// The classifier.
    pub fn classifier(&self) -> Classifier {
        (self.spec.make)(self.param).classifier()
    }

    /// Checks that this strategy can play `seat` (0 = row, 1 = column) of `game`.
    pub fn check(&self, game: &Game, seat: usize) -> Result<(), RepeatedError> {
        if self.classifier().two_by_two_only && !game.is_two_by_two() {
            return Err(RepeatedError::NeedsTwoByTwo {
                strategy: self.name.clone(),
                rows: game.actions(0),
                cols: game.actions(1),
            });
        }
        if self.spec.name == PLAY_K && usize::from(self.param) >= game.actions(seat) {
            return Err(RepeatedError::NoSuchAction {
                strategy: self.name.clone(),
                action: usize::from(self.param),
                available: game.actions(seat),
            });
        }
        Ok(())
    }

    /// A fresh instance of the strategy.
    pub fn build(&self) -> Box<dyn Strategy> {
        (self.spec.make)(self.param)
    }
}

/// Finds a strategy by canonical name or alias (ignoring case, spaces and punctuation).
pub fn lookup(name: &str) -> Result<Player, RepeatedError> {
    let key = normalise(name);
    for spec in SPECS {
        if spec.name == PLAY_K {
            if let Some(k) = key.strip_prefix("play").and_then(|k| k.parse::<u8>().ok()) {
                return Ok(Player {
                    name: format!("Play {k}"),
                    spec,
                    param: k,
                });
            }
            continue;
        }
        if normalise(spec.name) == key || spec.aliases.iter().any(|a| normalise(a) == key) {
            return Ok(Player {
                name: spec.name.to_string(),
                spec,
                param: 0,
            });
        }
    }
    Err(RepeatedError::UnknownStrategy {
        name: name.to_string(),
        count: SPECS.len(),
    })
}

/// Looks up a comma-separated list of names (whitespace around names ignored).
pub fn lookup_list(names: &str) -> Result<Vec<Player>, RepeatedError> {
    names
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(lookup)
        .collect()
}
