//! The Monte Carlo of every strategy profile: each profile is the scenario with its
//! `[agents.*]` replaced (validated once per profile) and run through `sim::runner::run_cell`.
//! Every profile uses the run keys of the base scenario (common random numbers): run r draws
//! the same θ, shocks and recognition order under every profile, so payoff differences between
//! profiles are not blurred by different luck. While the meta-game is small enough
//! ([`PAIRED_BUDGET`]) each run's payoffs are kept, so the standard error of a difference
//! between two profiles can be computed from the paired runs.

use super::spec::{own_agent, StrategySets};
use super::MetagameError;
use crate::catalog;
use serde::Serialize;
use sim::outcome::Outcome;
use sim::player::Player;
use sim::runner::{run_cell, Plan};
use sim::stats::{wilson, Z95};
use sim::{Engine, Scenario};

/// What one profile's runs gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileResult {
    /// Strategy index per role.
    pub profile: [usize; 3],
    /// Runs.
    pub runs: u64,
    /// Mean realised payoff per player, $B.
    pub mean: [f64; 3],
    /// Standard error of each mean, $B.
    pub se: [f64; 3],
    /// Runs per outcome class, in classification order.
    pub counts: [u64; 8],
    /// Realised payoffs of every run, in run order (kept only while the whole meta-game
    /// holds at most [`PAIRED_BUDGET`] runs; empty otherwise).
    #[serde(skip)]
    pub payoffs: Vec<[f64; 3]>,
}

/// Most runs (profiles × runs per profile) whose payoffs are kept for paired standard errors.
pub const PAIRED_BUDGET: u64 = 2_000_000;

impl ProfileResult {
    /// Runs in the April-like classes (APRIL_LIKE_STRICT + APRIL_LIKE_BROAD).
    pub fn april_like_count(&self) -> u64 {
        self.counts[Outcome::AprilLikeStrict.index()] + self.counts[Outcome::AprilLikeBroad.index()]
    }

    /// The April-like share.
    pub fn april_like(&self) -> f64 {
        self.april_like_count() as f64 / self.runs as f64
    }

    /// Wilson 95% interval of the April-like share.
    pub fn april_like_ci(&self) -> (f64, f64) {
        wilson(self.april_like_count(), self.runs, Z95)
    }

    /// Standard error of the April-like share (Agresti–Coull, so never zero).
    pub fn april_like_se(&self) -> f64 {
        let n = self.runs as f64 + 4.0;
        let p = (self.april_like_count() as f64 + 2.0) / n;
        (p * (1.0 - p) / n).sqrt()
    }
}

/// The profile with strategy indices `k` (per role) as a scenario.
pub fn profile_scenario(
    base: &Scenario,
    sets: &StrategySets,
    k: [usize; 3],
) -> Result<Scenario, MetagameError> {
    let mut file = base.file().clone();
    for (r, p) in Player::ALL.into_iter().enumerate() {
        let spec = match &sets.roles[r][k[r]].agent {
            Some(a) => a.clone(),
            None => own_agent(base, p).clone(),
        };
        match p {
            Player::Microsoft => file.agents.microsoft = spec,
            Player::OpenAi => file.agents.openai = spec,
            Player::Amazon => file.agents.amazon = spec,
        }
    }
    Scenario::validate(file, catalog()).map_err(|problems| MetagameError::Profile {
        labels: labels(sets, k),
        message: problems
            .iter()
            .map(|p| format!("{} = {}: {}", p.path, p.value, p.message))
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// The labels of profile `k`.
pub fn labels(sets: &StrategySets, k: [usize; 3]) -> [String; 3] {
    std::array::from_fn(|r| sets.roles[r][k[r]].label.clone())
}

/// Strategy indices of the profile at flat index `index` (Gambit order: Microsoft's strategy
/// varies fastest).
pub fn profile_at(sets: &StrategySets, mut index: usize) -> [usize; 3] {
    std::array::from_fn(|r| {
        let m = sets.roles[r].len();
        let k = index % m;
        index /= m;
        k
    })
}

/// Runs `runs` runs of every profile, in Gambit order, on the current rayon pool;
/// `progress(done, total)` is called after each profile.
pub fn run_profiles(
    base: &Scenario,
    sets: &StrategySets,
    seed: u64,
    runs: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<ProfileResult>, MetagameError> {
    let total = sets.profiles();
    let plan = Plan {
        seed,
        cell_hash: base.hash(),
        runs,
    };
    let keep = runs.saturating_mul(total as u64) <= PAIRED_BUDGET;
    let mut out = Vec::with_capacity(total);
    for index in 0..total {
        let k = profile_at(sets, index);
        let scenario = profile_scenario(base, sets, k)?;
        let engine =
            Engine::new(&scenario, catalog()).map_err(|problems| MetagameError::Profile {
                labels: labels(sets, k),
                message: problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            })?;
        let mut payoffs = Vec::with_capacity(if keep { runs as usize } else { 0 });
        let mut sink = |_: u64, r: &sim::RunRecord| {
            if keep {
                payoffs.push(r.payoffs);
            }
            Ok(())
        };
        let summary = run_cell(&engine, plan, &mut sink, &mut |_| {}).map_err(MetagameError::Io)?;
        let p = &summary.payoffs;
        let dists = [&p.microsoft, &p.openai, &p.amazon];
        let n = (summary.runs as f64).sqrt();
        let mut counts = [0u64; 8];
        for (c, o) in counts.iter_mut().zip(&summary.outcomes) {
            *c = o.count;
        }
        out.push(ProfileResult {
            profile: k,
            runs: summary.runs,
            mean: dists.map(|d| d.mean),
            se: dists.map(|d| d.sd / n),
            counts,
            payoffs,
        });
        progress(index + 1, total);
    }
    Ok(out)
}

/// Standard error of the mean difference of player `i`'s payoff between profiles `a` and `b`:
/// from the paired runs when both kept them, else √(SE_a² + SE_b²) (an upper bound under
/// common random numbers, whose pairs are positively correlated).
pub fn difference_se(a: &ProfileResult, b: &ProfileResult, i: usize) -> f64 {
    let n = a.payoffs.len();
    if n < 2 || b.payoffs.len() != n {
        return a.se[i].hypot(b.se[i]);
    }
    let d = |k: usize| b.payoffs[k][i] - a.payoffs[k][i];
    let mean = (0..n).map(d).sum::<f64>() / n as f64;
    let var = (0..n).map(|k| (d(k) - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    (var / n as f64).sqrt()
}
