//! Round-robin tournaments: every pair of strategies (optionally each against itself) plays
//! one match per repetition; matches run in parallel with rayon and are gathered in a fixed
//! order, each seeded from (master seed, i, j, repetition), so results are identical for any
//! thread count. Summaries follow Axelrod's `ResultSet`: rank by median normalised score.
//! Resumable runs are in [`crate::tournament::checkpoint`].

pub mod checkpoint;

use crate::error::{check_positive, RepeatedError};
use crate::game::Game;
use crate::library::Player;
use crate::limits::{
    check_payoffs, count_text, expected_turns, turn_cap, MAX_MATCHES, MAX_PLAYERS, MAX_TOTAL_TURNS,
};
use crate::matches::{contexts, play_into, Buffers, MatchSettings};
use crate::seed::MatchKey;
use crate::strategy::Strategy;
use analysis::stats::quantile;
use rayon::prelude::*;
use serde::Serialize;

/// A tournament to run.
#[derive(Debug, Clone)]
pub struct Tournament {
    /// The strategies, in input order (their index is `i`/`j` of the seeds).
    pub players: Vec<Player>,
    /// The stage game.
    pub game: Game,
    /// Match length and noise.
    pub settings: MatchSettings,
    /// Repetitions of the whole round robin.
    pub repetitions: u32,
    /// Master seed.
    pub seed: u64,
    /// Whether each strategy also plays a copy of itself.
    pub self_play: bool,
}

/// Appends `x` in Rust's shortest round-trip form (as `{x}`), with a fast path for whole
/// numbers, which most scores are.
pub fn push_number(out: &mut String, x: f64) {
    use std::fmt::Write as _;
    if x.trunc() == x && x.abs() < 1e15 && !(x == 0.0 && x.is_sign_negative()) {
        let _ = write!(out, "{}", x as i64);
    } else {
        let _ = write!(out, "{x}");
    }
}

/// The matches of one repetition of `players` strategies: n(n + 1)/2 with self-play,
/// n(n − 1)/2 without.
fn matches_of(players: usize, self_play: bool) -> u64 {
    let n = players as u64;
    if self_play {
        n * (n + 1) / 2
    } else {
        n * n.saturating_sub(1) / 2
    }
}

/// One worker's reusable strategy instances (one set per seat) and buffers.
struct Worker {
    seats: [Vec<Box<dyn Strategy>>; 2],
    buf: Buffers,
}

/// One match of a tournament.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MatchRow {
    /// Repetition (0-based).
    pub rep: u32,
    /// Row player's index.
    pub i: u32,
    /// Column player's index (`j ≥ i`).
    pub j: u32,
    /// Turns played.
    pub turns: u32,
    /// Total scores of `i` and `j`.
    pub scores: [f64; 2],
    /// Cooperations of `i` and `j`.
    pub cooperations: [u32; 2],
}

/// One player's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlayerSummary {
    /// Rank (1 = best median normalised score).
    pub rank: usize,
    /// Index in the input list.
    pub index: usize,
    /// Canonical name.
    pub name: String,
    /// Total score per turn over all matches against others.
    pub mean_score_per_turn: f64,
    /// Median over repetitions of the normalised score (mean score per turn against others).
    pub median_score: f64,
    /// Matches against others won (strictly higher score).
    pub wins: u64,
    /// Share of C over all turns against others.
    pub cooperation_rate: f64,
    /// Normalised score of each repetition.
    pub normalised_scores: Vec<f64>,
}

/// A finished tournament.
#[derive(Debug, Clone, PartialEq)]
pub struct TournamentResults {
    /// Names in input order.
    pub names: Vec<String>,
    /// Every match, by repetition then pair order.
    pub rows: Vec<MatchRow>,
    /// Player summaries, best rank first.
    pub ranked: Vec<PlayerSummary>,
    /// `payoff[i][j]`: mean over repetitions of i's score per turn against j (NaN for i = j
    /// without self-play).
    pub payoff: Vec<Vec<f64>>,
}

impl Tournament {
    /// Checks the settings, the repetitions, that every strategy suits the game and the
    /// documented limits ([`crate::limits`]). The error is the first problem found, those of
    /// [`Tournament::setting_problems`] first.
    pub fn validate(&self) -> Result<(), RepeatedError> {
        let n = self.players.len();
        if let Some(e) = Self::setting_problems(&self.settings, n, self.self_play, self.repetitions)
            .into_iter()
            .next()
        {
            return Err(e);
        }
        for p in &self.players {
            p.check(&self.game, 0)?;
            p.check(&self.game, 1)?;
        }
        self.check_size()
    }

    /// Every problem of the settings that need neither the game nor the strategies: the match
    /// settings, the number of `players` listed and the repetitions, each checked on its own.
    /// A file reader checks these even when its game or a strategy name is wrong, so that
    /// every problem is reported in one pass.
    pub fn setting_problems(
        settings: &MatchSettings,
        players: usize,
        self_play: bool,
        repetitions: u32,
    ) -> Vec<RepeatedError> {
        let mut problems = settings.problems();
        let invalid = |value: String, allowed: String| RepeatedError::Invalid {
            what: "players".into(),
            value,
            allowed,
        };
        if players == 0 {
            problems.push(invalid(
                "[]".into(),
                "list at least one strategy (two without self_play)".into(),
            ));
        } else if players > MAX_PLAYERS {
            problems.push(invalid(
                format!("{players} strategies"),
                format!(
                    "at most {MAX_PLAYERS} players are allowed (the payoff matrix and its heat \
                     map have players² cells)"
                ),
            ));
        } else if matches_of(players, self_play) == 0 {
            problems.push(invalid(
                format!("{players} strategy"),
                "at least two strategies are needed without self_play".into(),
            ));
        }
        problems.extend(check_positive("repetitions", repetitions).err());
        problems
    }

    /// Checks the documented limits ([`crate::limits`]) on matches, total turns and payoff
    /// magnitudes, before anything is played.
    fn check_size(&self) -> Result<(), RepeatedError> {
        let n = self.players.len();
        let reps = u64::from(self.repetitions);
        let per = self.matches_per_repetition();
        let matches = reps * per;
        if matches > MAX_MATCHES {
            return Err(RepeatedError::TooLarge {
                keys: vec!["repetitions".into(), "players".into()],
                what: "repetitions × matches per repetition".into(),
                value: format!("{reps} × {per} = {matches} matches"),
                allowed: format!(
                    "at most {MAX_MATCHES} matches are allowed (every match is kept in memory \
                     and written to matches.csv); lower repetitions or use fewer players"
                ),
            });
        }
        let turns = expected_turns(&self.settings.length);
        let work = matches as f64 * turns;
        if work > MAX_TOTAL_TURNS as f64 {
            let each = match self.settings.known_length() {
                Some(t) => format!("{t} turns"),
                None => format!("{} expected turns", count_text(turns)),
            };
            return Err(RepeatedError::TooLarge {
                keys: vec![
                    "repetitions".into(),
                    "turns".into(),
                    "prob_end".into(),
                    "players".into(),
                ],
                what: "repetitions × matches per repetition × turns per match".into(),
                value: format!("{reps} × {per} × {each} = {} turns", count_text(work)),
                allowed: format!(
                    "at most {} turns in total are allowed (about an hour and a quarter of \
                     play); lower repetitions or turns, or use fewer players",
                    count_text(MAX_TOTAL_TURNS as f64)
                ),
            });
        }
        // The largest total: a player's score over all its matches against the others.
        let cap = turn_cap(&self.settings.length);
        let opponents = n.saturating_sub(1).max(1) as u128;
        check_payoffs(
            &self.game,
            u128::from(cap) * opponents * u128::from(self.repetitions),
            || {
                format!(
                    "a player's total score over {} repetitions × {opponents} opponents × up to \
                     {cap} turns",
                    self.repetitions
                )
            },
            &["game", "turns", "repetitions", "players"],
        )
    }

    /// The number of matches of one repetition: n(n + 1)/2 with self-play, n(n − 1)/2
    /// without.
    pub fn matches_per_repetition(&self) -> u64 {
        matches_of(self.players.len(), self.self_play)
    }

    /// The pairs (i, j) of one repetition, in their fixed order.
    pub fn pairs(&self) -> Vec<(u32, u32)> {
        let n = self.players.len() as u32;
        let mut v = Vec::new();
        for i in 0..n {
            let start = if self.self_play { i } else { i + 1 };
            for j in start..n {
                v.push((i, j));
            }
        }
        v
    }

    /// Plays repetitions `reps` (in parallel, on the current rayon pool) and returns their
    /// rows in fixed order. Call [`Tournament::validate`] first.
    pub fn play_repetitions(&self, reps: std::ops::Range<u32>) -> Vec<MatchRow> {
        let pairs = self.pairs();
        let ctx = contexts(&self.game, &self.settings);
        let per = pairs.len();
        let first = reps.start;
        let total = (reps.end.saturating_sub(reps.start)) as usize * per;
        (0..total)
            .into_par_iter()
            .with_min_len(64)
            .map_init(
                || Worker {
                    seats: [
                        self.players.iter().map(Player::build).collect(),
                        self.players.iter().map(Player::build).collect(),
                    ],
                    buf: Buffers::default(),
                },
                |w, k| {
                    let rep = first + (k / per) as u32;
                    let (i, j) = pairs[k % per];
                    let key = MatchKey::new(self.seed, i, j, u64::from(rep));
                    let [s0, s1] = &mut w.seats;
                    let o = play_into(
                        &self.game,
                        &ctx,
                        [s0[i as usize].as_mut(), s1[j as usize].as_mut()],
                        &self.settings,
                        &key,
                        &mut w.buf,
                    );
                    MatchRow {
                        rep,
                        i,
                        j,
                        turns: o.turns,
                        scores: o.scores,
                        cooperations: o.cooperations,
                    }
                },
            )
            .collect()
    }

    /// Runs the whole tournament in memory.
    pub fn run(&self) -> Result<TournamentResults, RepeatedError> {
        self.validate()?;
        Ok(self.summarise(self.play_repetitions(0..self.repetitions)))
    }

    /// Summaries of complete rows (all repetitions, in fixed order).
    pub fn summarise(&self, rows: Vec<MatchRow>) -> TournamentResults {
        let n = self.players.len();
        let reps = self.repetitions as usize;
        let mut norm_sum = vec![vec![0.0f64; reps]; n];
        let mut score = vec![0.0f64; n];
        let mut turns = vec![0u64; n];
        let mut coops = vec![0u64; n];
        let mut wins = vec![0u64; n];
        let mut payoff = vec![vec![0.0f64; n]; n];
        for r in &rows {
            let (i, j, t) = (r.i as usize, r.j as usize, f64::from(r.turns.max(1)));
            payoff[i][j] += r.scores[0] / t / reps as f64;
            if i == j {
                continue;
            }
            payoff[j][i] += r.scores[1] / t / reps as f64;
            let rep = r.rep as usize;
            for (me, side) in [(i, 0usize), (j, 1usize)] {
                norm_sum[me][rep] += r.scores[side] / t;
                score[me] += r.scores[side];
                turns[me] += u64::from(r.turns);
                coops[me] += u64::from(r.cooperations[side]);
            }
            if r.scores[0] > r.scores[1] {
                wins[i] += 1;
            } else if r.scores[1] > r.scores[0] {
                wins[j] += 1;
            }
        }
        if !self.self_play {
            for (i, row) in payoff.iter_mut().enumerate() {
                row[i] = f64::NAN;
            }
        }
        let opponents = (n.saturating_sub(1)).max(1) as f64;
        let summaries: Vec<PlayerSummary> = (0..n)
            .map(|i| {
                let normalised: Vec<f64> = norm_sum[i].iter().map(|s| s / opponents).collect();
                PlayerSummary {
                    rank: 0,
                    index: i,
                    name: self.players[i].name().to_string(),
                    mean_score_per_turn: score[i] / (turns[i].max(1)) as f64,
                    median_score: quantile(&normalised, 0.5),
                    wins: wins[i],
                    cooperation_rate: coops[i] as f64 / (turns[i].max(1)) as f64,
                    normalised_scores: normalised,
                }
            })
            .collect();
        let mut ranked = summaries;
        // Stable: ties keep input order (as Axelrod's sorted()).
        ranked.sort_by(|a, b| b.median_score.total_cmp(&a.median_score));
        for (k, s) in ranked.iter_mut().enumerate() {
            s.rank = k + 1;
        }
        TournamentResults {
            names: self.players.iter().map(|p| p.name().to_string()).collect(),
            rows,
            ranked,
            payoff,
        }
    }

    /// A canonical description of everything that determines the results (for checkpoints).
    pub fn fingerprint(&self) -> String {
        let names: Vec<&str> = self.players.iter().map(Player::name).collect();
        format!(
            "players={names:?} game={} settings={:?} repetitions={} seed={} self_play={}",
            self.game.fingerprint(),
            self.settings,
            self.repetitions,
            self.seed,
            self.self_play
        )
    }
}
