//! Equilibrium solvers for normal-form games.
//!
//! Each solver is a pure function of a [`Game`] and options, in its own file:
//! [`pure`] (pure Nash equilibria), [`enummixed`] (support enumeration, 2 players),
//! [`lcp`] (Lemke–Howson from every label, 2 players), [`simpdiv`] (one Nash equilibrium of an
//! n-player game to 1e-9), [`logit`] (logit QRE principal branch), [`fictitious`] (fictitious
//! play), [`regret`] (Hart–Mas-Colell regret matching) and [`replicator`] (replicator dynamics).
//! Shared numerical machinery: `gauss` (small dense linear systems), `qre_path`
//! (predictor–corrector tracing of the logit correspondence) and `polish` (Newton on the
//! indifference equations of a support). This file holds the [`Method`] names, the
//! [`SolveOptions`], the [`SolveError`] type and the [`solve`] dispatcher; [`report`] holds the
//! serialisable [`SolveReport`].

pub mod enummixed;
pub mod fictitious;
pub(crate) mod gauss;
pub mod lcp;
pub mod logit;
pub(crate) mod polish;
pub mod pure;
pub(crate) mod qre_path;
pub mod regret;
pub mod replicator;
pub mod report;
pub mod simpdiv;

pub use regret::RegretMode;
pub use replicator::Population;
pub use report::{Equilibrium, GameSummary, SolveReport};

use crate::game::{Game, GameError, MixedProfile};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// Why a solver could not run or did not finish.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SolveError {
    /// The method only handles two-player games.
    #[error("method '{method}' needs a two-player game, this one has {players} players")]
    NotTwoPlayer {
        /// Method name.
        method: &'static str,
        /// Number of players in the game.
        players: usize,
    },
    /// One-population replicator dynamics need a symmetric two-player game.
    #[error("one-population replicator dynamics need a symmetric two-player game (B = Aᵀ)")]
    NotSymmetric,
    /// An option value is out of range.
    #[error("invalid option {name} = {value}: {allowed}")]
    BadOption {
        /// Option name.
        name: &'static str,
        /// Value given.
        value: String,
        /// What is allowed.
        allowed: &'static str,
    },
    /// A given starting profile does not fit the game.
    #[error(transparent)]
    Game(#[from] GameError),
    /// The game is too large for an exhaustive method.
    #[error("method '{method}' cannot handle this game: {reason}")]
    TooLarge {
        /// Method name.
        method: &'static str,
        /// Which limit was exceeded.
        reason: String,
    },
    /// A numerical method failed to converge.
    #[error("{method} did not converge: {reason}")]
    NoConvergence {
        /// Method name.
        method: &'static str,
        /// What went wrong.
        reason: String,
    },
}

/// An unknown method name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown method '{0}'; expected one of pure, enummixed, lcp, simpdiv, logit, fictitious, regret, replicator, all")]
pub struct UnknownMethod(pub String);

/// The solution methods, named as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// All pure-strategy Nash equilibria.
    Pure,
    /// All extreme equilibria of a two-player game by support enumeration.
    EnumMixed,
    /// Lemke–Howson from every starting label (two players).
    Lcp,
    /// One Nash equilibrium of an n-player game, to epsilon ≤ 1e-9.
    Simpdiv,
    /// Logit quantal response equilibria along the principal branch.
    Logit,
    /// Fictitious play (empirical frequencies).
    Fictitious,
    /// Regret matching (correlated / coarse correlated equilibrium).
    Regret,
    /// Replicator dynamics.
    Replicator,
    /// Every method applicable to the game.
    All,
}

impl Method {
    /// Every concrete method, in the order `all` runs them.
    pub const CONCRETE: [Method; 8] = [
        Method::Pure,
        Method::EnumMixed,
        Method::Lcp,
        Method::Simpdiv,
        Method::Logit,
        Method::Fictitious,
        Method::Regret,
        Method::Replicator,
    ];

    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            Method::Pure => "pure",
            Method::EnumMixed => "enummixed",
            Method::Lcp => "lcp",
            Method::Simpdiv => "simpdiv",
            Method::Logit => "logit",
            Method::Fictitious => "fictitious",
            Method::Regret => "regret",
            Method::Replicator => "replicator",
            Method::All => "all",
        }
    }

    /// Whether the method can run on `game` (two-player-only methods on two-player games).
    pub fn applies_to(self, game: &Game) -> bool {
        match self {
            Method::EnumMixed | Method::Lcp => game.num_players() == 2,
            _ => true,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = UnknownMethod;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Method::CONCRETE
            .into_iter()
            .chain([Method::All])
            .find(|m| m.name() == s)
            .ok_or_else(|| UnknownMethod(s.to_string()))
    }
}

/// Options for every solver; [`SolveOptions::default`] gives sensible values.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveOptions {
    /// λ values at which `logit` reports the QRE; empty means "trace to the limit Nash
    /// equilibrium". Must be finite and ≥ 0.
    pub lambdas: Vec<f64>,
    /// Iterations of fictitious play and rounds of regret matching.
    pub iterations: usize,
    /// Seed of the ChaCha8 stream used by regret matching and simpdiv restarts.
    pub seed: u64,
    /// Equilibrium tolerance of exact methods (best-response ties, dedup, validation).
    pub tolerance: f64,
    /// Conditional (→ correlated eq.) or unconditional (→ coarse correlated eq.) regret matching.
    pub regret_mode: RegretMode,
    /// Replicator population structure.
    pub population: Population,
    /// Replicator RK4 step size.
    pub replicator_step: f64,
    /// Number of replicator RK4 steps.
    pub replicator_steps: usize,
    /// Starting profile for replicator dynamics (default: the centroid).
    pub start: Option<MixedProfile>,
    /// Pivot cap per Lemke–Howson path.
    pub max_pivots: usize,
    /// Number of random restarts simpdiv may use after the centroid start.
    pub restarts: usize,
}

impl Default for SolveOptions {
    fn default() -> Self {
        Self {
            lambdas: Vec::new(),
            iterations: 100_000,
            seed: 0,
            tolerance: 1e-9,
            regret_mode: RegretMode::Conditional,
            population: Population::Auto,
            replicator_step: 0.01,
            replicator_steps: 100_000,
            start: None,
            max_pivots: 10_000,
            restarts: 20,
        }
    }
}

impl SolveOptions {
    fn validate(&self) -> Result<(), SolveError> {
        if let Some(l) = self.lambdas.iter().find(|l| !l.is_finite() || **l < 0.0) {
            return Err(SolveError::BadOption {
                name: "lambda",
                value: l.to_string(),
                allowed: "finite numbers >= 0",
            });
        }
        if !(self.tolerance.is_finite() && self.tolerance > 0.0 && self.tolerance < 1.0) {
            return Err(SolveError::BadOption {
                name: "tolerance",
                value: self.tolerance.to_string(),
                allowed: "a number in (0, 1)",
            });
        }
        if !(self.replicator_step.is_finite() && self.replicator_step > 0.0) {
            return Err(SolveError::BadOption {
                name: "replicator_step",
                value: self.replicator_step.to_string(),
                allowed: "a finite number > 0",
            });
        }
        if self.iterations == 0 {
            return Err(SolveError::BadOption {
                name: "iterations",
                value: "0".into(),
                allowed: "at least 1",
            });
        }
        Ok(())
    }
}

/// Equilibria and notes produced by one solver.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SolverOutput {
    /// Equilibria found.
    pub equilibria: Vec<Equilibrium>,
    /// Warnings (degeneracy, caps hit, what the profile means).
    pub notes: Vec<String>,
}

/// Appends `eq` unless an equilibrium within `tol` (max-abs over probabilities) is present.
pub(crate) fn push_unique(list: &mut Vec<Equilibrium>, eq: Equilibrium, tol: f64) -> bool {
    if list.iter().any(|e| e.distance(&eq.profile) <= tol) {
        false
    } else {
        list.push(eq);
        true
    }
}

/// Tolerance used when deciding that two reported equilibria are the same.
pub(crate) const DEDUP_TOLERANCE: f64 = 1e-7;

fn run_one(game: &Game, method: Method, opts: &SolveOptions) -> Result<SolverOutput, SolveError> {
    match method {
        Method::Pure => Ok(SolverOutput {
            equilibria: pure::solve(game),
            notes: vec![],
        }),
        Method::EnumMixed => enummixed::solve(game, opts.tolerance),
        Method::Lcp => lcp::solve(game, opts.max_pivots),
        Method::Simpdiv => simpdiv::solve(game, opts.restarts, opts.seed),
        Method::Logit => logit::solve(game, &opts.lambdas),
        Method::Fictitious => Ok(fictitious::solve(game, opts.iterations)),
        Method::Regret => Ok(regret::solve(
            game,
            opts.iterations,
            opts.regret_mode,
            opts.seed,
        )),
        Method::Replicator => replicator::solve(
            game,
            opts.population,
            opts.start.as_ref(),
            opts.replicator_step,
            opts.replicator_steps,
        ),
        Method::All => unreachable!("`all` is expanded by `solve`"),
    }
}

/// Runs `method` on `game`. `Method::All` runs every applicable method in
/// [`Method::CONCRETE`] order and tags each entry with its method; notes are prefixed with the
/// method name.
pub fn solve(game: &Game, method: Method, opts: &SolveOptions) -> Result<SolveReport, SolveError> {
    opts.validate()?;
    let out = if method == Method::All {
        let mut all = SolverOutput::default();
        for m in Method::CONCRETE.into_iter().filter(|m| m.applies_to(game)) {
            if m == Method::Replicator
                && opts.population == Population::One
                && !game.is_symmetric_two_player()
            {
                continue;
            }
            let out = run_one(game, m, opts)?;
            all.equilibria
                .extend(out.equilibria.into_iter().map(|mut e| {
                    e.method = Some(m.name().to_string());
                    e
                }));
            all.notes
                .extend(out.notes.into_iter().map(|n| format!("{m}: {n}")));
        }
        all
    } else {
        if !method.applies_to(game) {
            return Err(SolveError::NotTwoPlayer {
                method: method.name(),
                players: game.num_players(),
            });
        }
        run_one(game, method, opts)?
    };
    Ok(SolveReport {
        game: GameSummary::of(game),
        method: method.name().to_string(),
        equilibria: out.equilibria,
        notes: out.notes,
    })
}

#[cfg(test)]
pub(crate) mod test_games;

#[cfg(test)]
mod tests {
    use super::test_games::*;
    use super::*;

    #[test]
    fn method_names_round_trip() {
        for m in Method::CONCRETE.into_iter().chain([Method::All]) {
            assert_eq!(m.to_string().parse::<Method>().unwrap(), m);
        }
        assert!("nash".parse::<Method>().is_err());
    }

    #[test]
    fn dispatcher_checks_applicability_and_options() {
        let g = three_player_mixed_only();
        assert!(matches!(
            solve(&g, Method::Lcp, &SolveOptions::default()),
            Err(SolveError::NotTwoPlayer { players: 3, .. })
        ));
        let bad = SolveOptions {
            lambdas: vec![-1.0],
            ..SolveOptions::default()
        };
        assert!(matches!(
            solve(&g, Method::Logit, &bad),
            Err(SolveError::BadOption { name: "lambda", .. })
        ));
    }

    #[test]
    fn all_runs_every_method_on_battle_of_sexes() {
        let g = battle_of_sexes();
        let opts = SolveOptions {
            iterations: 2_000,
            replicator_steps: 2_000,
            ..SolveOptions::default()
        };
        let r = solve(&g, Method::All, &opts).unwrap();
        assert_eq!(r.method, "all");
        for m in Method::CONCRETE {
            assert!(
                r.equilibria
                    .iter()
                    .any(|e| e.method.as_deref() == Some(m.name())),
                "{m} missing"
            );
        }
        let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(json["method"], "all");
        let exact = r
            .equilibria
            .iter()
            .filter(|e| e.method.as_deref() == Some("enummixed"))
            .count();
        assert_eq!(exact, 3);
    }
}
