//! The flagship meta-game: empirical game-theoretic analysis over negotiation strategies
//! (docs/negotiation-strategies.md). Each role (Microsoft, OpenAI, Amazon) picks one strategy from
//! its list; every profile is simulated by the Monte Carlo engine; the mean payoffs form an
//! empirical 3-player normal-form game, which is solved with the `games::solve` toolkit and learned
//! by regret matching across episodes.
//!
//! ```text
//! strategies file ─spec─▶ StrategySets ─profiles─▶ one validated scenario per profile
//!   ─sim::runner (common random numbers)─▶ ProfileResult (means, SEs, outcome counts)
//!   ─analysis─▶ empirical Game (.nfg), regrets, equilibria, learned mixture, April-like shares
//! ```
//!
//! Cost: (product of the list lengths) × runs simulated runs; the default 3 × 3 × 3 lists make
//! 27 profiles. Everything is seeded: outputs do not depend on the thread count.

pub mod analysis;
pub mod profiles;
pub mod spec;

use analysis::{Mixture, Regret, ShareCi, SolveSettings};
use games::game::{nfg, Game};
use profiles::ProfileResult;
use serde::Serialize;
use sim::outcome::Outcome;
use sim::Scenario;
use spec::{SpecError, StrategySets, ROLES};
use std::fmt::{self, Write as _};

/// Why a meta-game could not be run.
#[derive(Debug)]
pub enum MetagameError {
    /// The strategies file is wrong.
    Spec(SpecError),
    /// A profile's scenario did not validate.
    Profile {
        /// The profile's labels per role.
        labels: [String; 3],
        /// What was wrong.
        message: String,
    },
    /// The empirical game could not be built.
    Game(String),
    /// The runner failed.
    Io(std::io::Error),
}

impl MetagameError {
    /// True when the error is the user's input (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        matches!(self, MetagameError::Spec(_) | MetagameError::Profile { .. })
    }
}

impl fmt::Display for MetagameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetagameError::Spec(e) => e.fmt(f),
            MetagameError::Profile { labels, message } => {
                write!(f, "profile ({}): {message}", labels.join(", "))
            }
            MetagameError::Game(m) => write!(f, "empirical game: {m}"),
            MetagameError::Io(e) => write!(f, "running the profiles: {e}"),
        }
    }
}

impl std::error::Error for MetagameError {}

/// What to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Runs per profile.
    pub runs: u64,
    /// Master seed.
    pub seed: u64,
    /// Equilibrium search and learning.
    pub solve: SolveSettings,
}

/// One profile's row of the results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileRow {
    /// Labels per role.
    pub labels: [String; 3],
    /// The simulation results.
    #[serde(flatten)]
    pub result: ProfileResult,
    /// April-like share with its Wilson 95% interval ([`analysis::profile_share`]).
    pub april_like: ShareCi,
    /// Share of each outcome class, in classification order.
    pub shares: [f64; 8],
    /// Regret of the profile.
    pub regret: Regret,
}

/// How the April-like intervals are computed ([`Metagame::interval_method`]).
pub const INTERVAL_METHOD: &str = "each profile, the default profile and any mixture with \
    weight 1 on one profile (such as a pure equilibrium): that profile's Wilson 95% interval; \
    other mixtures: share ± 1.96·Σ_s w_s·SE_s (Agresti–Coull SE per profile; conservative \
    under common random numbers)";

/// The whole meta-game.
#[derive(Debug, Clone, Serialize)]
pub struct Metagame {
    /// Scenario name.
    pub scenario: String,
    /// Strategy labels per role.
    pub strategies: [Vec<String>; 3],
    /// Runs per profile.
    pub runs: u64,
    /// Master seed.
    pub seed: u64,
    /// Every profile, in Gambit order (Microsoft's strategy varies fastest).
    pub profiles: Vec<ProfileRow>,
    /// April-like share under the default profile (first strategy of each role), with that
    /// profile's Wilson 95% interval (the same as its row of `profiles`).
    pub default_profile: ShareCi,
    /// Equilibria of the empirical game (pure Nash, simpdiv, logit QRE).
    pub equilibria: Vec<Mixture>,
    /// The regret-matching mixture after the episodes.
    pub learned: Option<Mixture>,
    /// How mixture intervals are computed.
    pub interval_method: &'static str,
    /// Solver notes.
    pub notes: Vec<String>,
    /// The empirical game.
    #[serde(skip)]
    pub game: Game,
}

/// Runs the meta-game of `sets` on `scenario`: every profile's Monte Carlo (on the current
/// rayon pool), the empirical game and its analysis. `progress(done, total)` after each profile.
pub fn run(
    scenario: &Scenario,
    sets: &StrategySets,
    settings: &Settings,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Metagame, MetagameError> {
    let results = profiles::run_profiles(scenario, sets, settings.seed, settings.runs, progress)?;
    let labels: [Vec<String>; 3] =
        std::array::from_fn(|r| sets.roles[r].iter().map(|c| c.label.clone()).collect());
    let name = scenario.name();
    let game = analysis::empirical_game(
        &format!("pactsim meta-game: {name}"),
        &format!(
            "mean payoffs ($B) over {} runs per profile, seed {}",
            settings.runs, settings.seed
        ),
        &labels,
        &results,
    )?;
    let (equilibria, learned, notes) = analysis::solve_game(&game, &results, &settings.solve);
    let rows: Vec<ProfileRow> = results
        .iter()
        .enumerate()
        .map(|(index, r)| ProfileRow {
            labels: profiles::labels(sets, r.profile),
            april_like: analysis::profile_share(r),
            shares: r.counts.map(|c| c as f64 / r.runs as f64),
            regret: analysis::regret(&game, &results, index),
            result: r.clone(),
        })
        .collect();
    Ok(Metagame {
        scenario: name.to_string(),
        strategies: labels,
        runs: settings.runs,
        seed: settings.seed,
        default_profile: rows[0].april_like,
        profiles: rows,
        equilibria,
        learned,
        interval_method: INTERVAL_METHOD,
        notes,
        game,
    })
}

fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

impl Metagame {
    /// The empirical game as Gambit `.nfg` text.
    pub fn nfg(&self) -> String {
        nfg::write(&self.game)
    }

    /// `profiles.csv`: one row per profile with means, standard errors, April-like share and
    /// interval, the share of each outcome class, and the regret.
    pub fn profiles_csv(&self) -> String {
        let mut s = String::from("profile");
        for r in ROLES {
            let _ = write!(s, ",{r}");
        }
        s.push_str(",runs");
        for r in ROLES {
            let _ = write!(s, ",mean_{r},se_{r}");
        }
        s.push_str(",april_like,april_like_ci_low,april_like_ci_high");
        for o in Outcome::ALL {
            let _ = write!(s, ",{}", o.name());
        }
        s.push_str(",regret,regret_se,regret_within_noise,best_deviation\n");
        for (k, p) in self.profiles.iter().enumerate() {
            let _ = write!(s, "{k}");
            for l in &p.labels {
                let _ = write!(s, ",{}", csv_field(l));
            }
            let _ = write!(s, ",{}", p.result.runs);
            for i in 0..3 {
                let _ = write!(s, ",{},{}", num(p.result.mean[i]), num(p.result.se[i]));
            }
            let a = p.april_like;
            let _ = write!(s, ",{},{},{}", num(a.share), num(a.ci_low), num(a.ci_high));
            for x in p.shares {
                let _ = write!(s, ",{}", num(x));
            }
            let dev = p.regret.deviation.map_or(String::new(), |(i, k)| {
                csv_field(&format!("{} -> {}", ROLES[i], self.strategies[i][k]))
            });
            let _ = writeln!(
                s,
                ",{},{},{},{dev}",
                num(p.regret.regret),
                num(p.regret.se),
                p.regret.within_noise
            );
        }
        s
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
