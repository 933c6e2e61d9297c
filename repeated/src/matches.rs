//! One match: two strategies play a stage game for a fixed number of turns or until a
//! per-turn end probability stops them, with optional action noise (each chosen action is
//! replaced with probability `noise` — flipped C ↔ D in 2×2 games, a uniformly drawn other
//! action otherwise; the noisy action is what both players see and what is scored, as in
//! Axelrod). The turn loop allocates nothing.

use crate::action::{Action, C};
use crate::error::{check_probability, RepeatedError};
use crate::game::Game;
use crate::history::History;
use crate::library::Player;
use crate::limits::{check_payoffs, MAX_TURNS};
use crate::seed::{below, uniform, MatchKey, MatchRng};
use crate::strategy::{Context, Strategy};

/// Longest match drawn from an end probability when no cap is given (at most
/// [`MAX_TURNS`]).
pub const DEFAULT_MAX_TURNS: u32 = 100_000;

/// How long a match lasts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MatchLength {
    /// Exactly this many turns (known to the strategies, as Axelrod's `length`).
    Turns(u32),
    /// After each turn the match ends with probability `prob_end` (geometric length, at
    /// least 1, drawn from the match's seed; capped at `max_turns`). The strategies do not know
    /// the length.
    ProbEnd {
        /// Per-turn end probability, in (0, 1].
        prob_end: f64,
        /// Cap on the drawn length.
        max_turns: u32,
    },
}

/// Settings shared by the matches of a tournament or a Moran process.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchSettings {
    /// Length rule.
    pub length: MatchLength,
    /// Probability that each action is replaced by noise.
    pub noise: f64,
}

impl MatchSettings {
    /// Fixed-length, noiseless settings.
    pub fn turns(turns: u32) -> MatchSettings {
        MatchSettings {
            length: MatchLength::Turns(turns),
            noise: 0.0,
        }
    }

    /// Checks the settings: 1 to [`MAX_TURNS`] turns (or cap on drawn lengths), probabilities
    /// in range. The error is the first of [`MatchSettings::problems`].
    pub fn validate(&self) -> Result<(), RepeatedError> {
        self.problems().into_iter().next().map_or(Ok(()), Err)
    }

    /// Every problem of the settings, each setting checked on its own: the noise, the end
    /// probability and the turns (or cap on drawn lengths).
    pub fn problems(&self) -> Vec<RepeatedError> {
        let mut problems: Vec<RepeatedError> = check_probability("noise", self.noise)
            .err()
            .into_iter()
            .collect();
        let (turns, what) = match self.length {
            MatchLength::Turns(n) => (n, "match length"),
            MatchLength::ProbEnd {
                prob_end,
                max_turns,
            } => {
                match check_probability("prob_end", prob_end) {
                    Err(e) => problems.push(e),
                    Ok(0.0) => problems.push(RepeatedError::Invalid {
                        what: "prob_end".into(),
                        value: "0".into(),
                        allowed: "allowed values are in (0, 1] (0 would never end)".into(),
                    }),
                    Ok(_) => {}
                }
                (max_turns, "cap on drawn match lengths")
            }
        };
        if !(1..=MAX_TURNS).contains(&turns) {
            problems.push(RepeatedError::Invalid {
                what: "turns".into(),
                value: turns.to_string(),
                allowed: format!(
                    "allowed values are 1 to {MAX_TURNS} (the {what}; a match keeps every \
                     action it plays)"
                ),
            });
        }
        problems
    }

    /// The length known to strategies (`None` with an end probability).
    pub fn known_length(&self) -> Option<u32> {
        match self.length {
            MatchLength::Turns(n) => Some(n),
            MatchLength::ProbEnd { .. } => None,
        }
    }
}

/// The result of a match.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchOutcome {
    /// Turns played.
    pub turns: u32,
    /// Total scores (row player, column player).
    pub scores: [f64; 2],
    /// Actions as played (after noise), one sequence per player.
    pub actions: [Vec<Action>; 2],
    /// Number of C (action 0) played by each player.
    pub cooperations: [u32; 2],
}

/// The geometric match length: `⌊ln(1 − x) / ln(1 − p)⌋ + 1` for a uniform `x`.
fn sample_length(prob_end: f64, max_turns: u32, rng: &mut MatchRng) -> u32 {
    if prob_end >= 1.0 {
        return 1;
    }
    let x = uniform(rng);
    let n = ((1.0 - x).ln() / (1.0 - prob_end).ln()).floor() + 1.0;
    if n.is_finite() && n < f64::from(max_turns) {
        (n as u32).max(1)
    } else {
        max_turns
    }
}

/// The contexts of both seats.
pub fn contexts(game: &Game, settings: &MatchSettings) -> [Context; 2] {
    let seat = |s: usize| Context {
        own_actions: game.actions(s),
        opp_actions: game.actions(1 - s),
        length: settings.known_length(),
        payoffs: game.seat_payoffs(s),
    };
    [seat(0), seat(1)]
}

/// Reusable action buffers, so that a worker playing many matches allocates only once.
#[derive(Debug, Default, Clone)]
pub struct Buffers {
    actions: [Vec<Action>; 2],
}

/// Turns, scores and cooperation counts of a match (the actions stay in the [`Buffers`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchTotals {
    /// Turns played.
    pub turns: u32,
    /// Total scores (row player, column player).
    pub scores: [f64; 2],
    /// Number of C (action 0) played by each player.
    pub cooperations: [u32; 2],
}

/// Plays one match between two strategy instances (reset first), keeping the actions in
/// `buf`. `ctx` comes from [`contexts`]; `key` seeds the match. The strategies must suit the
/// game (see [`Player::check`]); settings must be valid.
pub fn play_into(
    game: &Game,
    ctx: &[Context; 2],
    players: [&mut dyn Strategy; 2],
    settings: &MatchSettings,
    key: &MatchKey,
    buf: &mut Buffers,
) -> MatchTotals {
    let [p0, p1] = players;
    p0.reset();
    p1.reset();
    let mut env = key.stream(0);
    let mut r0 = key.stream(1);
    let mut r1 = key.stream(2);
    let turns = match settings.length {
        MatchLength::Turns(n) => n,
        MatchLength::ProbEnd {
            prob_end,
            max_turns,
        } => sample_length(prob_end, max_turns, &mut env),
    };
    let n = turns as usize;
    let [a0, a1] = &mut buf.actions;
    a0.clear();
    a1.clear();
    a0.reserve(n);
    a1.reserve(n);
    let (mut c0, mut c1) = (0usize, 0usize);
    let mut scores = [0.0f64; 2];
    let (k0, k1) = (game.actions(0), game.actions(1));
    for _ in 0..n {
        let x = p0.choose(&History::new(a0, a1, c0, c1), &ctx[0], &mut r0);
        let y = p1.choose(&History::new(a1, a0, c1, c0), &ctx[1], &mut r1);
        let mut x = x.min((k0 - 1) as Action);
        let mut y = y.min((k1 - 1) as Action);
        if settings.noise > 0.0 {
            x = noisy(x, k0, settings.noise, &mut env);
            y = noisy(y, k1, settings.noise, &mut env);
        }
        let (u, v) = game.payoffs(x, y);
        scores[0] += u;
        scores[1] += v;
        c0 += usize::from(x == C);
        c1 += usize::from(y == C);
        a0.push(x);
        a1.push(y);
    }
    MatchTotals {
        turns,
        scores,
        cooperations: [c0 as u32, c1 as u32],
    }
}

/// Plays one match (see [`play_into`]) and returns the actions too.
pub fn play(
    game: &Game,
    ctx: &[Context; 2],
    players: [&mut dyn Strategy; 2],
    settings: &MatchSettings,
    key: &MatchKey,
) -> MatchOutcome {
    let mut buf = Buffers::default();
    let t = play_into(game, ctx, players, settings, key, &mut buf);
    MatchOutcome {
        turns: t.turns,
        scores: t.scores,
        actions: buf.actions,
        cooperations: t.cooperations,
    }
}

/// With probability `noise`, another action than `a` (its flip in 2×2 games).
#[inline]
fn noisy(a: Action, k: usize, noise: f64, rng: &mut MatchRng) -> Action {
    if k < 2 || uniform(rng) >= noise {
        return a;
    }
    if k == 2 {
        return a ^ 1;
    }
    let other = below(rng, k as u64 - 1) as Action;
    if other >= a {
        other + 1
    } else {
        other
    }
}

/// Plays a match between two named strategies, checking everything first.
pub fn play_match(
    game: &Game,
    players: [&Player; 2],
    settings: &MatchSettings,
    key: &MatchKey,
) -> Result<MatchOutcome, RepeatedError> {
    settings.validate()?;
    players[0].check(game, 0)?;
    players[1].check(game, 1)?;
    let cap = crate::limits::turn_cap(&settings.length);
    check_payoffs(
        game,
        u128::from(cap),
        || format!("a match score of up to {cap} turns"),
        &["game", "turns"],
    )?;
    let ctx = contexts(game, settings);
    let (mut s0, mut s1) = (players[0].build(), players[1].build());
    Ok(play(game, &ctx, [s0.as_mut(), s1.as_mut()], settings, key))
}
