//! Equilibrium solvers for normal-form games.
//!
//! Each solver is a pure function of a [`Game`] and options, in its own file:
//! [`pure`] (pure Nash equilibria), [`enummixed`] (vertex enumeration, 2 players),
//! [`lcp`] (Lemke–Howson from every label, 2 players), [`lh`] (one Lemke–Howson path), [`simpdiv`] (one Nash equilibrium of an
//! n-player game to 1e-9), [`logit`] (logit QRE principal branch), [`fictitious`] (fictitious
//! play), [`regret`] (Hart–Mas-Colell regret matching) and [`replicator`] (replicator dynamics). [`budget`] refuses
//! games over a method's size or work budget before it runs.
//! Shared numerical machinery: `tableau` (simplex tableaux with a lexicographic ratio test,
//! used by `lh`, `lcp` and `enummixed`), `qre_path`
//! (predictor–corrector tracing of the logit correspondence) and `polish` (Newton on the
//! indifference equations of a support). This file holds the [`Method`] names, the
//! [`SolveOptions`], the [`SolveError`] type and the [`solve`] dispatcher; [`report`] holds the
//! serialisable [`SolveReport`].

mod budget;
pub mod enummixed;
pub mod exact;
pub mod fictitious;
mod lcp;
pub mod lh;
pub mod logit;
pub(crate) mod polish;
pub mod pure;
pub(crate) mod qre_path;
mod regret;
pub mod replicator;
mod report;
mod simpdiv;
pub(crate) mod tableau;

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
#[error("unknown method '{0}'; expected one of pure, enummixed, lcp, lh, simpdiv, logit, fictitious, regret, replicator, all")]
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
    /// One Lemke–Howson path from one dropped label (two players).
    Lh,
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
    pub const CONCRETE: [Method; 9] = [
        Method::Pure,
        Method::EnumMixed,
        Method::Lcp,
        Method::Lh,
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
            Method::Lh => "lh",
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
            Method::EnumMixed | Method::Lcp | Method::Lh => game.num_players() == 2,
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
    /// Label dropped by `lh` (0..m+n; player 1's strategies first).
    pub label: usize,
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
            label: 0,
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
        Method::Lh => lh::solve(game, opts.label, opts.max_pivots),
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

/// Whether `method` iterates on the per-player normalised game ([`Game::normalised`]). Pure
/// equilibria compare payoffs exactly, regret matching is scale-invariant per player and `lh`
/// scales its own tableaux, so they see the game as given; `logit` is traced to its limit on
/// the normalised game, but QRE at requested λ are defined by the original payoffs.
fn normalises(method: Method, opts: &SolveOptions) -> bool {
    match method {
        Method::EnumMixed
        | Method::Lcp
        | Method::Simpdiv
        | Method::Fictitious
        | Method::Replicator => true,
        Method::Logit => opts.lambdas.is_empty(),
        _ => false,
    }
}

/// Runs one concrete method within its budget and evaluates what it found in the original
/// game: probabilities, payoffs and regret in the game's own units, non-finite entries
/// dropped. A method other than `pure` that finds nothing is an error, never an empty success.
fn run_checked(
    game: &Game,
    method: Method,
    opts: &SolveOptions,
) -> Result<SolverOutput, SolveError> {
    budget::check(game, method, opts)?;
    let raw = if normalises(method, opts) {
        run_one(&game.normalised(), method, opts)?
    } else {
        run_one(game, method, opts)?
    };
    let mut out = SolverOutput {
        equilibria: Vec::new(),
        notes: raw.notes,
    };
    let mut dropped = 0;
    for e in raw.equilibria {
        let mut r = if normalises(method, opts) {
            Equilibrium::evaluate(game, e.profile.clone())
        } else {
            e.clone()
        };
        r.lambda = e.lambda;
        r.ce_violation = e.ce_violation;
        if r.is_finite() {
            out.equilibria.push(r);
        } else {
            dropped += 1;
        }
    }
    if dropped > 0 {
        out.notes.push(format!(
            "{dropped} result(s) with non-finite probabilities, payoffs or regret discarded"
        ));
    }
    if matches!(method, Method::Fictitious | Method::Replicator) {
        if let Some(note) = unsettled_note(game, &out.equilibria) {
            out.notes.push(note);
        }
    }
    if out.equilibria.is_empty() && method != Method::Pure {
        let why = if out.notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", out.notes.join("; "))
        };
        return Err(SolveError::NoConvergence {
            method: method.name(),
            reason: format!("no equilibrium found{why}"),
        });
    }
    Ok(out)
}

/// Largest epsilon in the per-player normalised game (each player's payoffs mapped onto
/// \[0, 1\], [`Game::normalised`]) at which the end state of a learning dynamic (fictitious
/// play, replicator) is reported without a warning.
pub const UNSETTLED_EPSILON: f64 = 1e-2;

/// A note when a learning dynamic ended away from any Nash equilibrium: the dynamics need not
/// converge (they cycle in rock–paper–scissors and Shapley's game), so their end state is
/// reported with its epsilon and this warning, not passed off as an equilibrium.
fn unsettled_note(game: &Game, found: &[Equilibrium]) -> Option<String> {
    let scaled = game.normalised();
    let worst = found
        .iter()
        .map(|e| scaled.epsilon(&e.profile))
        .fold(0.0_f64, f64::max);
    (worst > UNSETTLED_EPSILON).then(|| {
        format!(
            "not settled: the end state's epsilon is {worst:.3} of the payoff range (above \
             {UNSETTLED_EPSILON}), so it is where the dynamics stopped, not a Nash equilibrium \
             (learning dynamics may cycle; an exact method finds the equilibria)"
        )
    })
}

/// Profiles closer than this (max-abs over probabilities) are one equilibrium in `all`.
pub const GROUP_TOLERANCE: f64 = 1e-6;

/// Adds `e`, found by `method`, to `list`: merged into an entry with the same profile (within
/// [`GROUP_TOLERANCE`]) and the same λ, else appended.
fn group_into(list: &mut Vec<Equilibrium>, mut e: Equilibrium, method: Method) {
    if let Some(same) = list
        .iter_mut()
        .find(|x| x.lambda == e.lambda && x.distance(&e.profile) <= GROUP_TOLERANCE)
    {
        if !same.methods.iter().any(|m| m == method.name()) {
            same.methods.push(method.name().to_string());
        }
        return;
    }
    e.method = Some(method.name().to_string());
    e.methods = vec![method.name().to_string()];
    list.push(e);
}

/// Runs `method` on `game`. `Method::All` runs every applicable method in
/// [`Method::CONCRETE`] order; identical equilibria found by several methods are listed once
/// with the methods that found each (`method` = the first, `methods` = all); a method that
/// fails (over budget, no convergence) becomes a note. Notes are prefixed with the method name.
pub fn solve(game: &Game, method: Method, opts: &SolveOptions) -> Result<SolveReport, SolveError> {
    opts.validate()?;
    let out = if method == Method::All {
        let mut all = SolverOutput::default();
        let mut first_error = None;
        for m in Method::CONCRETE.into_iter().filter(|m| m.applies_to(game)) {
            if m == Method::Replicator
                && opts.population == Population::One
                && !game.is_symmetric_two_player()
            {
                continue;
            }
            match run_checked(game, m, opts) {
                Ok(out) => {
                    for e in out.equilibria {
                        group_into(&mut all.equilibria, e, m);
                    }
                    all.notes
                        .extend(out.notes.into_iter().map(|n| format!("{m}: {n}")));
                }
                Err(e) => {
                    all.notes.push(format!("{m}: {e}"));
                    first_error.get_or_insert(e);
                }
            }
        }
        if all.equilibria.is_empty() {
            if let Some(e) = first_error {
                return Err(e);
            }
        }
        all
    } else {
        if !method.applies_to(game) {
            return Err(SolveError::NotTwoPlayer {
                method: method.name(),
                players: game.num_players(),
            });
        }
        run_checked(game, method, opts)?
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

    /// Shapley's game: row gets 1 for (A,B), (B,C), (C,A), column 1 for (A,A), (B,B), (C,C)
    /// (the classic case where fictitious play cycles without converging).
    fn shapley() -> Game {
        let a = vec![
            vec![0.0, 1.0, 0.0],
            vec![0.0, 0.0, 1.0],
            vec![1.0, 0.0, 0.0],
        ];
        let b = vec![
            vec![1.0, 0.0, 0.0],
            vec![0.0, 1.0, 0.0],
            vec![0.0, 0.0, 1.0],
        ];
        Game::bimatrix(&a, &b).unwrap()
    }

    #[test]
    fn dynamics_that_do_not_settle_say_so() {
        let opts = SolveOptions::default();
        let cycling = solve(&shapley(), Method::Fictitious, &opts).unwrap();
        let e = &cycling.equilibria[0];
        assert!(shapley().normalised().epsilon(&e.profile) > UNSETTLED_EPSILON);
        assert!(
            cycling.notes.iter().any(|n| n.starts_with("not settled")),
            "{:?}",
            cycling.notes
        );
        for m in [Method::Fictitious, Method::Replicator] {
            let settled = solve(&matching_pennies(), m, &opts).unwrap();
            assert!(settled.equilibria[0].epsilon < UNSETTLED_EPSILON);
            assert!(
                !settled.notes.iter().any(|n| n.contains("not settled")),
                "{m}: {:?}",
                settled.notes
            );
        }
    }

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

    /// A solver that cannot answer is an error naming the method and why (the CLI exits 1),
    /// never an empty success.
    #[test]
    fn a_solver_that_cannot_answer_is_an_error() {
        let g = rock_paper_scissors();
        let starved = SolveOptions {
            max_pivots: 1,
            ..SolveOptions::default()
        };
        for m in [Method::Lh, Method::Lcp] {
            let e = solve(&g, m, &starved).unwrap_err();
            assert!(matches!(e, SolveError::NoConvergence { .. }), "{m}: {e:?}");
            let text = e.to_string();
            assert!(text.starts_with(&format!("{m} did not converge")), "{text}");
        }
        // With the default caps both answer.
        for m in [Method::Lh, Method::Lcp] {
            assert!(!solve(&g, m, &SolveOptions::default())
                .unwrap()
                .equilibria
                .is_empty());
        }
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
                    .any(|e| e.methods.iter().any(|x| x == m.name())),
                "{m} missing"
            );
        }
        let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(json["method"], "all");
        let exact = r
            .equilibria
            .iter()
            .filter(|e| e.methods.iter().any(|m| m == "enummixed"))
            .count();
        assert_eq!(exact, 3);
        // Grouped: each equilibrium of enummixed is listed once, with every method finding it.
        let pure_ones: Vec<_> = r
            .equilibria
            .iter()
            .filter(|e| e.method.as_deref() == Some("pure"))
            .collect();
        assert_eq!(pure_ones.len(), 2);
        assert!(
            pure_ones.iter().all(|e| e.methods.len() >= 3),
            "{pure_ones:?}"
        );
        assert_eq!(json["equilibria"][0]["methods"][0], "pure");
    }
}
