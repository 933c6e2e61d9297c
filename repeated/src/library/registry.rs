//! The registry table: one [`Spec`] per strategy (canonical name, aliases, family, rule and
//! constructor), grouped by family. Name lookup lives in the parent module.

use super::basic::*;
use super::first_tournament::*;
use super::grudger::*;
use super::majority::*;
use super::memory_one::*;
use super::probers::*;
use super::titfortat::*;
use super::Spec;
use crate::action::{C, D};

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

pub(super) const PLAY_K: &str = "Play k";

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
