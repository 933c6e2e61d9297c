//! Moran processes: a finite population of strategies; each generation every individual plays
//! every other once (fitness = its total score), one individual is chosen to reproduce with
//! probability proportional to fitness, and a uniformly chosen other individual is replaced by
//! its offspring (Axelrod's birth–death mode on a complete graph). With a mutation rate, the
//! offspring is, with that probability, a uniformly drawn different type. A run stops at
//! fixation (one type left) or at the generation cap.
//!
//! Seeding: repetition `rep` keys its selection stream as `MatchKey(seed, u32::MAX, u32::MAX,
//! rep)` stream 3, and the match between individuals `a < b` in generation `g` as
//! `MatchKey(seed ^ splitmix64(g + 1), a, b, rep)`. Matches between deterministic types
//! (no noise, fixed length) are played once per run and cached.
//!
//! Repetitions are independent, so a run is resumable repetition by repetition
//! ([`checkpoint`]).

pub mod checkpoint;

use crate::error::{check_positive, check_probability, RepeatedError};
use crate::game::Game;
use crate::library::Player;
use crate::limits::{
    check_payoffs, count_text, expected_turns, turn_cap, MAX_MORAN_RECORD, MAX_POPULATION,
    MAX_TOTAL_TURNS,
};
use crate::matches::{contexts, play, MatchSettings};
use crate::seed::{below, splitmix64, uniform, MatchKey};
use analysis::stats::{wilson, Z95};
use rayon::prelude::*;
use serde::Serialize;

/// A Moran process to run.
#[derive(Debug, Clone)]
pub struct Moran {
    /// Strategy types.
    pub types: Vec<Player>,
    /// Initial count of each type (total at least 2).
    pub counts: Vec<u32>,
    /// The stage game.
    pub game: Game,
    /// Match length and noise.
    pub settings: MatchSettings,
    /// Probability that an offspring mutates into another type.
    pub mutation_rate: f64,
    /// Generation cap.
    pub max_generations: u32,
    /// Independent repetitions.
    pub repetitions: u32,
    /// Master seed.
    pub seed: u64,
}

/// One repetition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoranRun {
    /// The type that fixated, if any.
    pub fixated: Option<usize>,
    /// Generations played.
    pub generations: u32,
    /// Number of types (the length of each row of `history`).
    pub types: usize,
    /// Count of each type before the first generation and after each one, row after row
    /// (`types` counts a row; see [`MoranRun::counts`]).
    pub history: Vec<u32>,
}

impl MoranRun {
    /// The counts of each type before the first generation and after each one.
    pub fn counts(&self) -> std::slice::ChunksExact<'_, u32> {
        self.history.chunks_exact(self.types.max(1))
    }
}

/// Fixation probability of one type over the repetitions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fixation {
    /// Type name.
    pub name: String,
    /// Initial count.
    pub initial: u32,
    /// Repetitions it fixated in.
    pub fixations: u64,
    /// Estimated probability.
    pub probability: f64,
    /// Wilson 95% interval.
    pub ci: [f64; 2],
}

/// All repetitions and the fixation estimates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoranResults {
    /// Per type, in input order.
    pub fixation: Vec<Fixation>,
    /// Repetitions that reached no fixation before the cap.
    pub unfixated: u64,
    /// Each repetition.
    pub runs: Vec<MoranRun>,
}

impl Moran {
    /// Checks the population, probabilities, caps and the documented limits
    /// ([`crate::limits`]). The error is the first problem found, those of
    /// [`Moran::setting_problems`] first.
    pub fn validate(&self) -> Result<(), RepeatedError> {
        if self.types.is_empty() || self.types.len() != self.counts.len() {
            return Err(RepeatedError::Invalid {
                what: "players".into(),
                value: format!("{} types, {} counts", self.types.len(), self.counts.len()),
                allowed: "give at least one strategy type, each with a count".into(),
            });
        }
        let n: u64 = self.counts.iter().map(|&c| u64::from(c)).sum();
        let first = Self::setting_problems(
            &self.settings,
            n,
            self.mutation_rate,
            self.repetitions,
            self.max_generations,
        )
        .into_iter()
        .next();
        if let Some(e) = first {
            return Err(e);
        }
        for p in &self.types {
            p.check(&self.game, 0)?;
            p.check(&self.game, 1)?;
        }
        self.check_size(n)
    }

    /// Every problem of the settings that need neither the game nor the strategies: the match
    /// settings, the mutation rate, the `population` size (the sum of the counts), the
    /// repetitions and the generation cap, each checked on its own. A file reader checks these
    /// even when its game or a strategy name is wrong, so that every problem is reported in one
    /// pass.
    pub fn setting_problems(
        settings: &MatchSettings,
        population: u64,
        mutation_rate: f64,
        repetitions: u32,
        max_generations: u32,
    ) -> Vec<RepeatedError> {
        let mut problems = settings.problems();
        problems.extend(check_probability("mutation_rate", mutation_rate).err());
        if !(2..=MAX_POPULATION).contains(&population) {
            problems.push(RepeatedError::Invalid {
                what: "population size".into(),
                value: population.to_string(),
                allowed: format!(
                    "allowed sizes are 2 to {MAX_POPULATION} (each generation plays every pair \
                     of individuals)"
                ),
            });
        }
        problems.extend(check_positive("repetitions", repetitions).err());
        problems.extend(check_positive("max_generations", max_generations).err());
        problems
    }

    /// Whether every match is determined by its pair of types (no noise, a fixed length, no
    /// stochastic type): such matches are played once per run and cached.
    fn deterministic(&self) -> bool {
        self.settings.noise == 0.0
            && self.settings.known_length().is_some()
            && self.types.iter().all(|p| !p.classifier().stochastic)
    }

    /// Checks the documented limits ([`crate::limits`]) for a population of `n`: the recorded
    /// counts, the total turns and the payoff magnitudes, assuming that no run fixates before
    /// the generation cap (the worst case, and the rule with a mutation rate).
    fn check_size(&self, n: u64) -> Result<(), RepeatedError> {
        let reps = u64::from(self.repetitions);
        let rows = reps * (u64::from(self.max_generations) + 1);
        let k = self.types.len() as u64;
        let record = rows.saturating_mul(k.max(2));
        if record > MAX_MORAN_RECORD {
            return Err(RepeatedError::TooLarge {
                keys: vec!["max_generations".into(), "repetitions".into()],
                what: "repetitions × (max_generations + 1) × types".into(),
                value: format!(
                    "{reps} × {} × {} = {record} population counts",
                    u64::from(self.max_generations) + 1,
                    k.max(2)
                ),
                allowed: format!(
                    "at most {} are allowed (every run records the count of each type after \
                     each generation, for population.csv); lower max_generations or \
                     repetitions",
                    count_text(MAX_MORAN_RECORD as f64)
                ),
            });
        }
        // Every generation of every run meets each pair of individuals once; with a cache
        // (deterministic matches) a meeting costs about one turn and each pair of types is
        // played once per run.
        let pairs = n * (n - 1) / 2;
        let meetings = reps as f64 * f64::from(self.max_generations) * pairs as f64;
        let turns = expected_turns(&self.settings.length);
        let work = if self.deterministic() {
            meetings + reps as f64 * (k * k) as f64 * turns
        } else {
            meetings * turns
        };
        if work > MAX_TOTAL_TURNS as f64 {
            return Err(RepeatedError::TooLarge {
                keys: vec![
                    "max_generations".into(),
                    "repetitions".into(),
                    "turns".into(),
                    "players".into(),
                ],
                what: "repetitions × max_generations × pairs of individuals × turns per match"
                    .into(),
                value: format!(
                    "{reps} × {} × {pairs} × {} = {} turns (in the worst case, when no run \
                     fixates before the cap{})",
                    self.max_generations,
                    count_text(turns),
                    count_text(work),
                    if self.deterministic() {
                        "; matches between deterministic types are cached, about a turn each"
                    } else {
                        ""
                    }
                ),
                allowed: format!(
                    "at most {} turns in total are allowed (about an hour and a quarter of \
                     play); lower max_generations, repetitions or turns, or use a smaller \
                     population",
                    count_text(MAX_TOTAL_TURNS as f64)
                ),
            });
        }
        // The largest total: the fitness of a whole generation, N(N − 1) match scores.
        let cap = turn_cap(&self.settings.length);
        check_payoffs(
            &self.game,
            u128::from(cap) * u128::from(n) * u128::from(n - 1),
            || {
                format!(
                    "the total fitness of a generation ({n} individuals × {} opponents × up to \
                     {cap} turns)",
                    n - 1
                )
            },
            &["game", "turns", "players"],
        )
    }

    /// Runs every repetition (in parallel; results in repetition order). Resumable runs are
    /// in [`crate::moran::checkpoint`].
    pub fn run(&self) -> Result<MoranResults, RepeatedError> {
        self.validate()?;
        Ok(self.summarise(self.play(0..self.repetitions)))
    }

    /// Plays repetitions `reps` (in parallel, on the current rayon pool), in repetition order.
    fn play(&self, reps: std::ops::Range<u32>) -> Vec<MoranRun> {
        reps.into_par_iter()
            .map(|rep| self.run_one(u64::from(rep)))
            .collect()
    }

    /// The fixation estimates of every repetition's run (in repetition order).
    fn summarise(&self, runs: Vec<MoranRun>) -> MoranResults {
        let reps = u64::from(self.repetitions);
        let fixation = self
            .types
            .iter()
            .enumerate()
            .map(|(t, p)| {
                let k = runs.iter().filter(|r| r.fixated == Some(t)).count() as u64;
                let (lo, hi) = wilson(k, reps, Z95);
                Fixation {
                    name: p.name().to_string(),
                    initial: self.counts[t],
                    fixations: k,
                    probability: k as f64 / reps as f64,
                    ci: [lo, hi],
                }
            })
            .collect();
        let unfixated = runs.iter().filter(|r| r.fixated.is_none()).count() as u64;
        MoranResults {
            fixation,
            unfixated,
            runs,
        }
    }

    fn fixated(counts: &[u32], total: u32) -> Option<usize> {
        counts.iter().position(|&c| c == total)
    }

    /// One repetition.
    pub fn run_one(&self, rep: u64) -> MoranRun {
        let k = self.types.len();
        let ctx = contexts(&self.game, &self.settings);
        let mut pop: Vec<usize> = Vec::new();
        for (t, &c) in self.counts.iter().enumerate() {
            pop.extend(std::iter::repeat_n(t, c as usize));
        }
        let n = pop.len();
        let total = n as u32;
        let mut counts = self.counts.clone();
        let mut history = counts.clone();
        let mut rng = MatchKey::new(self.seed, u32::MAX, u32::MAX, rep).stream(3);
        let deterministic = self.deterministic();
        let mut cache: Vec<Option<[f64; 2]>> = vec![None; k * k];
        let mut built: Vec<_> = self.types.iter().map(Player::build).collect();
        let mut built2: Vec<_> = self.types.iter().map(Player::build).collect();
        let mut fitness = vec![0.0f64; n];
        let mut generation = 0u32;
        while generation < self.max_generations {
            if self.mutation_rate == 0.0 && Self::fixated(&counts, total).is_some() {
                break;
            }
            fitness.iter_mut().for_each(|f| *f = 0.0);
            let gen_seed = self.seed ^ splitmix64(u64::from(generation) + 1);
            for a in 0..n {
                for b in a + 1..n {
                    let (ta, tb) = (pop[a], pop[b]);
                    let scores = match cache[ta * k + tb] {
                        Some(s) if deterministic => s,
                        _ => {
                            let key = MatchKey::new(gen_seed, a as u32, b as u32, rep);
                            let (x, y) = (&mut built[ta], &mut built2[tb]);
                            let o = play(
                                &self.game,
                                &ctx,
                                [x.as_mut(), y.as_mut()],
                                &self.settings,
                                &key,
                            );
                            if deterministic {
                                cache[ta * k + tb] = Some(o.scores);
                            }
                            o.scores
                        }
                    };
                    fitness[a] += scores[0];
                    fitness[b] += scores[1];
                }
            }
            let sum: f64 = fitness.iter().map(|f| f.max(0.0)).sum();
            let parent = if sum > 0.0 {
                let mut x = uniform(&mut rng) * sum;
                let mut chosen = n - 1;
                for (idx, f) in fitness.iter().enumerate() {
                    x -= f.max(0.0);
                    if x < 0.0 {
                        chosen = idx;
                        break;
                    }
                }
                chosen
            } else {
                below(&mut rng, n as u64) as usize
            };
            let mut child = pop[parent];
            if self.mutation_rate > 0.0 && k > 1 && uniform(&mut rng) < self.mutation_rate {
                let other = below(&mut rng, k as u64 - 1) as usize;
                child = if other >= child { other + 1 } else { other };
            }
            let mut dead = below(&mut rng, n as u64 - 1) as usize;
            if dead >= parent {
                dead += 1;
            }
            counts[pop[dead]] -= 1;
            counts[child] += 1;
            pop[dead] = child;
            generation += 1;
            history.extend_from_slice(&counts);
        }
        history.shrink_to_fit();
        MoranRun {
            fixated: Self::fixated(&counts, total),
            generations: generation,
            types: k,
            history,
        }
    }
}
