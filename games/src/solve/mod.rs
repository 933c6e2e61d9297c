//! Equilibrium solvers for normal-form games.
//!
//! Each solver is a pure function of a [`Game`] and options, in its own file:
//! [`pure`] (pure Nash equilibria), [`enummixed`] (vertex enumeration, 2 players), `lcp`
//! (Lemke–Howson from every label, 2 players), [`lh`] (one Lemke–Howson path), `simpdiv` (one
//! Nash equilibrium of an n-player game to 1e-9), [`logit`] (logit QRE principal branch),
//! [`fictitious`] (fictitious play), `regret` (Hart–Mas-Colell regret matching) and
//! [`replicator`] (replicator dynamics). `budget` refuses games over a method's size or work
//! budget before it runs.
//! Shared numerical machinery: `tableau` (simplex tableaux with a lexicographic ratio test,
//! used by `lh`, `lcp` and `enummixed`), `qre_path`
//! (predictor–corrector tracing of the logit correspondence) and `polish` (Newton on the
//! indifference equations of a support). This file holds the [`Method`] names, the
//! [`SolveOptions`], the [`SolveError`] type, the [`solve`] dispatcher (which checks every
//! Nash equilibrium a method lists against the game as given, [`nash_violation`]) and
//! [`check`] (the bad-input refusals of [`solve`], without solving); `report` holds the
//! serialisable [`SolveReport`]; [`components`] groups the equilibria of `all` that are one
//! player apart into connected sets.

mod budget;
pub mod components;
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
pub mod structure;
pub(crate) mod tableau;

pub use components::{Component, InteriorPoint, Piece};
pub use regret::RegretMode;
pub use replicator::Population;
pub use report::{Equilibrium, GameSummary, SolveReport};
pub use structure::{ExactComponent, NashSubset, Structure};

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
        allowed: String,
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
    /// All extreme equilibria of a two-player game by vertex enumeration.
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
                allowed: "finite numbers >= 0".into(),
            });
        }
        if !(self.tolerance.is_finite() && self.tolerance > 0.0 && self.tolerance < 1.0) {
            return Err(SolveError::BadOption {
                name: "tolerance",
                value: self.tolerance.to_string(),
                allowed: "a number in (0, 1)".into(),
            });
        }
        let horizon = self.replicator_step * self.replicator_steps as f64;
        if !(self.replicator_step.is_finite() && self.replicator_step > 0.0 && horizon.is_finite())
        {
            return Err(SolveError::BadOption {
                name: "replicator_step",
                value: self.replicator_step.to_string(),
                allowed: "a finite number > 0 whose product with replicator_steps is finite".into(),
            });
        }
        if self.iterations == 0 {
            return Err(SolveError::BadOption {
                name: "iterations",
                value: "0".into(),
                allowed: "at least 1".into(),
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

/// Whether `method` (with `opts`) lists Nash equilibria, as opposed to QRE at given λ
/// (`logit --lambda`), end states of learning dynamics (`fictitious`, `replicator`) or the
/// marginals of a correlated distribution (`regret`), which are reported with their regret.
fn claims_nash(method: Method, opts: &SolveOptions) -> bool {
    match method {
        Method::Pure | Method::EnumMixed | Method::Lcp | Method::Lh | Method::Simpdiv => true,
        Method::Logit => opts.lambdas.is_empty(),
        _ => false,
    }
}

/// The regret `player` may have at `sigma` for the profile to be listed as a Nash equilibrium
/// with tolerance `tau`: `tau` × the spread of the player's payoffs at stake ([`Game::stake`]:
/// the payoffs of all its strategies against the others' pure profiles played with positive
/// probability), plus the rounding error of evaluating the regret in double precision
/// (`(3k + m + 4)·2⁻⁵²` × the largest payoff magnitude at stake, for `k` such profiles and `m`
/// strategies). The spread at stake, not the game's payoff range, is the yardstick: a gain of 1
/// where the player's payoffs at stake are 0 and 1 is a real gain even if another cell of the
/// game pays 10¹⁸.
pub fn nash_tolerance(game: &Game, sigma: &MixedProfile, player: usize, tau: f64) -> f64 {
    let stake = game.stake(sigma, player);
    let terms = 3 * stake.profiles + game.num_strategies(player) + 4;
    tau * stake.spread() + terms as f64 * f64::EPSILON * stake.magnitude()
}

/// The first player whose regret at `sigma` exceeds [`nash_tolerance`]: (player, regret,
/// tolerance); `None` when `sigma` is a Nash equilibrium within the tolerance.
pub fn nash_violation(game: &Game, sigma: &MixedProfile, tau: f64) -> Option<(usize, f64, f64)> {
    (0..game.num_players()).find_map(|i| {
        let values = game.strategy_values(sigma, i);
        // As in `Game::regret`.
        let current: f64 = values.iter().zip(&sigma[i]).map(|(v, p)| v * p).sum();
        let best = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let worst = values.iter().copied().fold(f64::INFINITY, f64::min);
        let regret = if (best - current).is_nan() {
            f64::NAN
        } else {
            (best - current).max(0.0)
        };
        // Shortcut: the values are averages of the payoffs at stake, so τ × their spread is
        // within the tolerance (up to rounding, which the tolerance allows for) and the stake
        // need not be computed.
        if regret == 0.0 || regret <= tau * (best - worst) {
            return None;
        }
        let tol = nash_tolerance(game, sigma, i, tau);
        // A NaN regret or tolerance is a violation.
        let within = regret.partial_cmp(&tol).is_some_and(|o| o.is_le());
        (!within).then_some((i, regret, tol))
    })
}

/// A Nash equilibrium of `game` (within [`nash_tolerance`]) near `sigma`, a profile that is
/// not one: Newton on the indifference equations ([`polish`]) in the game's own payoffs, on
/// the supports made of each player's best responses at `sigma`, then on those joined with
/// `sigma`'s supports. `None` when neither gives an equilibrium.
fn refine(game: &Game, sigma: &MixedProfile, tau: f64) -> Option<Equilibrium> {
    let best: Vec<Vec<usize>> = (0..game.num_players())
        .map(|i| {
            let values = game.strategy_values(sigma, i);
            let top = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let tol = nash_tolerance(game, sigma, i, tau);
            (0..values.len())
                .filter(|&j| values[j] >= top - tol)
                .collect()
        })
        .collect();
    let joined: Vec<Vec<usize>> = best
        .iter()
        .zip(sigma)
        .map(|(b, p)| {
            (0..p.len())
                .filter(|&j| p[j] > 0.0 || b.contains(&j))
                .collect()
        })
        .collect();
    [best, joined].into_iter().find_map(|support| {
        // Start from `sigma` restricted to the support (uniform where it has no mass there).
        let start: MixedProfile = sigma
            .iter()
            .zip(&support)
            .map(|(p, s)| {
                let mass: f64 = s.iter().map(|&j| p[j]).sum();
                let mut q = vec![0.0; p.len()];
                for &j in s {
                    q[j] = if mass > 0.0 {
                        p[j] / mass
                    } else {
                        1.0 / s.len() as f64
                    };
                }
                q
            })
            .collect();
        let tol = (0..game.num_players())
            .map(|i| nash_tolerance(game, &start, i, tau))
            .fold(f64::INFINITY, f64::min);
        let found = polish::polish(game, &start, &support, tol)?;
        let e = Equilibrium::evaluate(game, found);
        (e.is_finite() && nash_violation(game, &e.profile, tau).is_none()).then_some(e)
    })
}

/// Runs one concrete method within its budget and evaluates what it found in the original
/// game: probabilities, payoffs and regret in the game's own units, non-finite entries
/// dropped. The methods that list Nash equilibria ([`claims_nash`]) are checked against the
/// game as given (`pure` by construction, as it compares the payoffs exactly; the others
/// here): a profile with a regret above [`nash_tolerance`] (`opts.tolerance` × the spread of
/// the payoffs at stake) is dropped with a note. A method other than `pure` that finds nothing
/// is an error, never an empty success.
///
/// Returns, with the output, whether every profile the method found was kept (none dropped as
/// non-finite or not Nash).
fn run_checked(
    game: &Game,
    method: Method,
    opts: &SolveOptions,
) -> Result<(SolverOutput, bool), SolveError> {
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
    let mut not_nash: Vec<(usize, f64, f64)> = Vec::new();
    for e in raw.equilibria {
        let mut r = if normalises(method, opts) {
            Equilibrium::evaluate(game, e.profile.clone())
        } else {
            e.clone()
        };
        r.lambda = e.lambda;
        r.ce_violation = e.ce_violation;
        if !r.is_finite() {
            dropped += 1;
        } else if let Some(v) = (claims_nash(method, opts) && method != Method::Pure)
            .then(|| nash_violation(game, &r.profile, opts.tolerance))
            .flatten()
        {
            // simpdiv and logit answer with one equilibrium: refine the profile in the game as
            // given before giving up on it.
            match matches!(method, Method::Simpdiv | Method::Logit)
                .then(|| refine(game, &r.profile, opts.tolerance))
                .flatten()
            {
                Some(fixed) => {
                    out.notes.push(format!(
                        "the profile {method} found on the rescaled game was not an equilibrium \
                         of the game as given ({}'s regret {:.3e} above its tolerance {:.3e}); \
                         it was refined by Newton's method on its best responses in the game's \
                         own payoffs",
                        game.players()[v.0],
                        v.1,
                        v.2
                    ));
                    out.equilibria.push(fixed);
                }
                None => not_nash.push(v),
            }
        } else {
            out.equilibria.push(r);
        }
    }
    if dropped > 0 {
        out.notes.push(format!(
            "{dropped} result(s) with non-finite probabilities, payoffs or regret discarded"
        ));
    }
    if let Some(&(player, regret, tol)) = not_nash.first() {
        out.notes.push(format!(
            "{} profile(s) found were dropped as not Nash equilibria of the game as given: \
             e.g. {}'s regret {regret:.3e} exceeds its tolerance {tol:.3e} ({:e} × the spread \
             of its payoffs at stake, plus rounding); {method} computes on payoffs rescaled \
             per player to a unit range, which cannot resolve payoff differences below about \
             1e-16 of a player's payoff range",
            not_nash.len(),
            game.players()[player],
            opts.tolerance
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
    let complete = dropped == 0 && not_nash.is_empty();
    Ok((out, complete))
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

/// Why a two-player game's structure is not reported when `enummixed` dropped a profile.
const INCOMPLETE_NOTE: &str = "the connected components are not reported: a profile \
    enummixed found was dropped, so the list of extreme equilibria may be incomplete (--exact \
    computes them in exact arithmetic)";

/// `enummixed`'s extreme equilibria, if it kept every profile it found (`complete`), else
/// `None`: its list may then be incomplete, and no structure is derived from it.
fn extreme_equilibria(out: &SolverOutput, complete: bool) -> Option<Vec<MixedProfile>> {
    complete.then(|| out.equilibria.iter().map(|e| e.profile.clone()).collect())
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

/// Largest distance (max-abs over probabilities) at which `all` credits a learning dynamic's
/// end state to an equilibrium an earlier method listed: the dynamics approach an equilibrium
/// slowly (fictitious play at about one over the square root of its rounds), so their end state
/// is near it, not on it.
pub const DYNAMICS_MATCH: f64 = 1e-2;

/// The learning dynamics: their end state is where they stopped, which need not be a Nash
/// equilibrium (they may cycle), so `all` does not count it as one by itself.
fn is_dynamic(method: Method) -> bool {
    matches!(
        method,
        Method::Fictitious | Method::Regret | Method::Replicator
    )
}

/// `all` with a learning dynamic's end state `e`: credited to an equilibrium already listed
/// within [`DYNAMICS_MATCH`] (the method joins its `methods`), else listed when it passes the
/// Nash check against the game as given, else left out. Returns the note saying it was left
/// out.
fn credit_end_state(
    game: &Game,
    list: &mut Vec<Equilibrium>,
    e: Equilibrium,
    method: Method,
    opts: &SolveOptions,
) -> Option<String> {
    if let Some(same) = list
        .iter_mut()
        .find(|x| x.lambda.is_none() && x.distance(&e.profile) <= DYNAMICS_MATCH)
    {
        if !same.methods.iter().any(|m| m == method.name()) {
            same.methods.push(method.name().to_string());
        }
        return None;
    }
    if nash_violation(game, &e.profile, opts.tolerance).is_none() {
        group_into(list, e, method);
        return None;
    }
    let profile = e
        .profile
        .iter()
        .map(|p| {
            let v: Vec<String> = p.iter().map(|x| format!("{x:.4}")).collect();
            format!("({})", v.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some(format!(
        "its end state {profile} (epsilon {:.3e}) is not a Nash equilibrium of the game and \
         not within {DYNAMICS_MATCH} of one listed, so it is not counted",
        e.epsilon
    ))
}

/// Checks, without solving, that `method` can run on `game` with `opts`: the options are
/// valid, the method applies to the game (two-player methods, one-population replicator
/// dynamics on a symmetric game), the game is within the method's budget, `lh`'s label
/// exists and `logit`'s λ values are within [`logit::max_lambda`]. These are the bad-input
/// errors [`solve`] can return; callers use this to refuse bad input before any side effect
/// (e.g. creating an output directory). For `Method::All` only the options are checked, as
/// `all` turns a method that cannot run into a note.
pub fn check(game: &Game, method: Method, opts: &SolveOptions) -> Result<(), SolveError> {
    opts.validate()?;
    if method == Method::All {
        return Ok(());
    }
    if !method.applies_to(game) {
        return Err(SolveError::NotTwoPlayer {
            method: method.name(),
            players: game.num_players(),
        });
    }
    budget::check(game, method, opts)?;
    match method {
        Method::Lh => {
            let (m, n) = (game.num_strategies(0), game.num_strategies(1));
            if opts.label >= m + n {
                return Err(lh::label_error(opts.label, m, n));
            }
        }
        Method::Replicator
            if opts.population == Population::One && !game.is_symmetric_two_player() =>
        {
            return Err(SolveError::NotSymmetric);
        }
        Method::Logit => {
            for &l in &opts.lambdas {
                logit::check_lambda(game, l)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Runs `method` on `game`. `Method::All` runs every applicable method in
/// [`Method::CONCRETE`] order; identical equilibria found by several methods are listed once
/// with the methods that found each (`method` = the first, `methods` = all); a learning
/// dynamic's end state counts only as described at [`DYNAMICS_MATCH`]'s use (credited to a
/// listed equilibrium nearby, or itself a Nash equilibrium), else it is named in a note; a
/// method that fails (over budget, no convergence) becomes a note. Notes are prefixed with the
/// method name. Equilibria one player apart are then grouped into components
/// ([`components::group`]): the ends stay listed, the equilibria found between them move into
/// the report's `components`.
pub fn solve(game: &Game, method: Method, opts: &SolveOptions) -> Result<SolveReport, SolveError> {
    opts.validate()?;
    // The extreme equilibria of a two-player game, when enummixed kept every one it found.
    let mut extreme: Option<Vec<MixedProfile>> = None;
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
                Ok((out, complete)) => {
                    if m == Method::EnumMixed {
                        extreme = extreme_equilibria(&out, complete);
                        if extreme.is_none() {
                            all.notes.push(format!("{m}: {INCOMPLETE_NOTE}"));
                        }
                    }
                    for e in out.equilibria {
                        if is_dynamic(m) {
                            if let Some(note) =
                                credit_end_state(game, &mut all.equilibria, e, m, opts)
                            {
                                all.notes.push(format!("{m}: {note}"));
                            }
                        } else {
                            group_into(&mut all.equilibria, e, m);
                        }
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
        let (mut out, complete) = run_checked(game, method, opts)?;
        if method == Method::EnumMixed {
            extreme = extreme_equilibria(&out, complete);
            if extreme.is_none() {
                out.notes.push(INCOMPLETE_NOTE.to_string());
            }
        }
        out
    };
    let mut notes = out.notes;
    // Every extreme equilibrium of a two-player game was found: the structure of the set of
    // equilibria, over the whole listing (`structure`).
    let structure = extreme.and_then(|extreme| {
        let list = &out.equilibria;
        // `enummixed` lists exactly its extreme equilibria; `all` lists each at the entry
        // nearest to it, one entry per extreme equilibrium (two within GROUP_TOLERANCE share
        // an entry, and then the listing cannot carry the structure).
        let at: Option<Vec<usize>> = if method == Method::EnumMixed {
            Some((0..list.len()).collect())
        } else {
            extreme
                .iter()
                .map(|p| {
                    (0..list.len())
                        .filter(|&k| list[k].lambda.is_none())
                        .map(|k| (k, list[k].distance(p)))
                        .filter(|&(_, d)| d <= GROUP_TOLERANCE)
                        .min_by(|a, b| a.1.total_cmp(&b.1))
                        .map(|(k, _)| k)
                })
                .collect::<Option<Vec<usize>>>()
                .filter(|at| {
                    let mut sorted = at.clone();
                    sorted.sort_unstable();
                    sorted.windows(2).all(|w| w[0] != w[1])
                })
        };
        let why = match at {
            Some(at) => match structure::analyse(game, list, &at, opts.tolerance) {
                Ok(s) => return Some(s),
                Err(why) => why.to_string(),
            },
            None => format!(
                "the connected components are not reported: two extreme equilibria within \
                 {GROUP_TOLERANCE:e} of each other are listed as one (--method enummixed lists \
                 them apart)"
            ),
        };
        notes.push(if method == Method::All {
            format!("{}: {why}", Method::EnumMixed)
        } else {
            why
        });
        None
    });
    // Otherwise, under `all`, equilibria one player apart are one component (`components`).
    let (equilibria, components) = if method == Method::All && structure.is_none() {
        components::group(game, out.equilibria, opts.tolerance)
    } else {
        (out.equilibria, Vec::new())
    };
    Ok(SolveReport {
        game: GameSummary::of(game),
        method: method.name().to_string(),
        equilibria,
        components,
        structure,
        notes,
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

    /// At (A 2, B 1) of [`audit_game`] each player gains 1. No method may list it,
    /// however large `big` is; `pure` finds exactly the two pure equilibria, and every listed
    /// Nash equilibrium passes the check against the game as given.
    #[test]
    fn no_method_lists_a_profile_that_is_not_an_equilibrium() {
        let fake = vec![vec![0.0, 1.0], vec![1.0, 0.0]];
        let opts = SolveOptions {
            iterations: 2_000,
            replicator_steps: 2_000,
            ..SolveOptions::default()
        };
        for big in [1e12, 1e15, 1e16, 1e18, 1e308] {
            let g = audit_game(big);
            assert!(g.epsilon(&fake) >= 1.0);
            assert!(nash_violation(&g, &fake, opts.tolerance).is_some());
            let pure = solve(&g, Method::Pure, &opts).unwrap();
            assert_eq!(pure.equilibria.len(), 2, "{big}: {pure:?}");
            for m in Method::CONCRETE
                .into_iter()
                .filter(|&m| claims_nash(m, &opts))
            {
                match solve(&g, m, &opts) {
                    Ok(r) => {
                        for e in &r.equilibria {
                            // (The genuine mixed equilibrium is within 1/big of `fake`.)
                            assert_ne!(e.profile, fake, "{m} {big}");
                            assert_eq!(
                                nash_violation(&g, &e.profile, opts.tolerance),
                                None,
                                "{m} {big}"
                            );
                        }
                    }
                    // A method that can only see the fake profile says so.
                    Err(SolveError::NoConvergence { reason, .. }) => {
                        assert!(
                            reason.contains("not Nash equilibria"),
                            "{m} {big}: {reason}"
                        )
                    }
                    Err(e) => panic!("{m} {big}: {e}"),
                }
            }
            let all = solve(&g, Method::All, &opts).unwrap();
            for e in &all.equilibria {
                assert_ne!(e.profile, fake, "all {big}");
            }
            assert!(
                all.notes.iter().any(|n| n.contains("dropped as not Nash")),
                "{:?}",
                all.notes
            );
            // Nothing non-finite anywhere, even where max − min over all payoffs overflows.
            assert!(all.equilibria.iter().all(Equilibrium::is_finite));
            assert!(!all.to_string().contains("inf") && !all.to_string().contains("NaN"));
        }
    }

    /// The yardstick is the spread of the payoffs at stake, not the payoff range: at the fake
    /// profile A's payoffs at stake are 0 and 1 (B plays 1), so the tolerance is about 1e-9;
    /// at a fully mixed profile it is 1e-9 × A's whole spread.
    #[test]
    fn nash_tolerance_is_relative_to_the_payoffs_at_stake() {
        let g = audit_game(1e18);
        let fake = vec![vec![0.0, 1.0], vec![1.0, 0.0]];
        let t = nash_tolerance(&g, &fake, 0, 1e-9);
        assert!((1e-9..1.1e-9).contains(&t), "{t}");
        let mixed = g.centroid();
        let t = nash_tolerance(&g, &mixed, 0, 1e-9);
        assert!((1e9..1.1e9).contains(&t), "{t}");
        // Ordinary games: every equilibrium every exact method lists passes.
        for g in [
            battle_of_sexes(),
            chicken(),
            rock_paper_scissors(),
            matching_pennies(),
        ] {
            for m in [Method::EnumMixed, Method::Lcp] {
                for e in solve(&g, m, &SolveOptions::default()).unwrap().equilibria {
                    assert_eq!(nash_violation(&g, &e.profile, 1e-9), None, "{m}");
                }
            }
        }
    }

    /// A profile found on the rescaled game that is not an equilibrium of the game as given is
    /// refined in the game's own payoffs: with a payoff of −10³⁰⁰, A's strategy 2 dominates
    /// strictly, but rescaled to [0, 1] the difference at B's strategy 2 rounds away.
    #[test]
    fn simpdiv_and_logit_refine_what_rescaling_blurred() {
        let g = bimatrix(&[[-1e300, 0.0], [0.0, 1.0]], &[[1.0, 0.0], [0.0, 2.0]]);
        for m in [Method::Simpdiv, Method::Logit] {
            let r = solve(&g, m, &SolveOptions::default()).unwrap();
            assert_eq!(r.equilibria.len(), 1);
            assert_eq!(
                r.equilibria[0].profile,
                vec![vec![0.0, 1.0], vec![0.0, 1.0]],
                "{m}"
            );
            assert!(
                r.notes.iter().any(|n| n.contains("refined")),
                "{:?}",
                r.notes
            );
        }
    }

    #[test]
    fn check_refuses_what_solve_would_refuse() {
        let g = battle_of_sexes();
        let opts = |label: usize, lambdas: Vec<f64>| SolveOptions {
            label,
            lambdas,
            ..SolveOptions::default()
        };
        assert!(check(&g, Method::Lh, &opts(3, vec![])).is_ok());
        let e = check(&g, Method::Lh, &opts(4, vec![])).unwrap_err();
        assert!(e.to_string().contains("labels 0..3"), "{e}");
        assert_eq!(
            solve(&g, Method::Lh, &opts(4, vec![])).unwrap_err(),
            e,
            "check and solve agree"
        );
        assert!(matches!(
            check(&three_player_mixed_only(), Method::Lcp, &opts(0, vec![])),
            Err(SolveError::NotTwoPlayer { .. })
        ));
        // λ·R must stay a finite double: R = 10³⁰⁸ allows λ up to about 0.4.
        let huge = audit_game(1e308);
        assert!(check(&huge, Method::Logit, &opts(0, vec![0.1])).is_ok());
        let e = check(&huge, Method::Logit, &opts(0, vec![2.0])).unwrap_err();
        assert!(
            matches!(e, SolveError::BadOption { name: "lambda", .. }),
            "{e}"
        );
        assert!(e.to_string().contains("at most 4.0"), "{e}");
        let big = Game::from_counts(&[520, 520], vec![0.0; 520 * 520 * 2]).unwrap();
        let e = check(&big, Method::EnumMixed, &opts(0, vec![])).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("about 10^311"), "{text}");
        assert!(!text.contains("inf"), "{text}");
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
        // The dynamics' end states are credited to those equilibria, never counted again.
        assert_eq!(r.equilibria.len(), 3, "{:?}", r.equilibria);
    }

    /// Without the exact structure (here a third player, a bystander with one strategy, makes
    /// the game three-player), `all` reports equilibria one player apart as one component: its
    /// ends listed, the equilibria found between them under it with their methods; (2, 3),
    /// which differs from every other equilibrium in both players, stays separate.
    #[test]
    fn all_groups_equilibria_one_player_apart() {
        let g = with_bystander(&two_segments());
        let r = solve(&g, Method::All, &SolveOptions::default()).unwrap();
        assert!(r.structure.is_none());
        let want = [
            vec![vec![1.0, 0.0], vec![1.0, 0.0, 0.0], vec![1.0]],
            vec![vec![1.0, 0.0], vec![0.0, 1.0, 0.0], vec![1.0]],
            vec![vec![0.0, 1.0], vec![0.0, 0.0, 1.0], vec![1.0]],
        ];
        assert_eq!(r.equilibria.len(), want.len(), "{r}");
        for (e, w) in r.equilibria.iter().zip(&want) {
            assert!(e.distance(w) < 1e-9, "{w:?} missing: {r}");
        }
        assert_eq!(r.components.len(), 1, "{r}");
        let pure = &r.components[0];
        assert_eq!(pure.listed_points, [0, 1]);
        assert_eq!(pure.pieces[0].player, 1);
        // simpdiv, logit and the replicator end between the pure ends.
        let inside: Vec<&str> = pure
            .interior
            .iter()
            .flat_map(|p| p.equilibrium.methods.iter().map(String::as_str))
            .collect();
        for m in ["simpdiv", "logit", "replicator"] {
            assert!(inside.contains(&m), "{m}: {r}");
        }
        for p in &pure.interior {
            assert_eq!(p.equilibrium.profile[0], vec![1.0, 0.0]);
            assert!(g.epsilon(&p.equilibrium.profile) < 1e-9);
        }
        assert!(!r
            .equilibria
            .iter()
            .any(|e| e.methods.iter().any(|m| m == "simpdiv")));
        let text = r.to_string();
        assert!(
            text.starts_with(
                "method all: 3 equilibria, 2 of them on 1 component of connected equilibria \
                 (below)\n#1 [pure"
            ),
            "{text}"
        );
        assert!(text.contains("component 1: #1 and #2, and every mix between them"));
        let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(
            json["components"][0]["listed_points"],
            serde_json::json!([0, 1])
        );
        assert_eq!(json["components"][0]["interior"][0]["piece"], 0);
        assert!(json["structure"].is_null());
    }

    /// For a two-player game `all` reports the exact structure instead: in `two_segments`,
    /// the segment (1, 1)–(1, 2) with what simpdiv, logit and the replicator found inside it,
    /// the isolated (2, 3), and the mixed segment whose ends differ from the pure equilibria in
    /// both players; battle of the sexes' three equilibria are each isolated.
    #[test]
    fn all_reports_the_structure_of_a_two_player_game() {
        let g = two_segments();
        let r = solve(&g, Method::All, &SolveOptions::default()).unwrap();
        assert!(r.components.is_empty(), "{r}");
        let s = r.structure.as_ref().unwrap();
        assert!(!s.exact_arithmetic);
        let third = 1.0 / 3.0;
        let at = |w: &MixedProfile| {
            r.equilibria
                .iter()
                .position(|e| e.distance(w) < 1e-9)
                .unwrap_or_else(|| panic!("{w:?} missing: {r}"))
        };
        let a = at(&vec![vec![1.0, 0.0], vec![1.0, 0.0, 0.0]]);
        let b = at(&vec![vec![1.0, 0.0], vec![0.0, 1.0, 0.0]]);
        let lone = at(&vec![vec![0.0, 1.0], vec![0.0, 0.0, 1.0]]);
        let c = at(&vec![vec![0.5, 0.5], vec![0.0, third, 2.0 * third]]);
        let d = at(&vec![vec![0.5, 0.5], vec![third, 0.0, 2.0 * third]]);
        // simpdiv's (½, ½) between the pure ends is listed and placed in their component.
        let mid = at(&vec![vec![1.0, 0.0], vec![0.5, 0.5, 0.0]]);
        assert_eq!(r.equilibria.len(), 6, "{r}");
        assert_eq!(s.components.len(), 3, "{r}");
        let mut first = s.components[0].points.clone();
        first.sort_unstable();
        let mut want = vec![a, b, mid];
        want.sort_unstable();
        assert_eq!(first, want, "{r}");
        assert_eq!(s.components[1].points, [lone]);
        assert!(s.components[1].isolated);
        let mut last = s.components[2].points.clone();
        last.sort_unstable();
        assert_eq!(last, [c.min(d), c.max(d)]);
        let text = r.to_string();
        assert!(
            text.starts_with("method all: 6 equilibria on 3 connected components (below)\n#1 ["),
            "{text}"
        );
        assert!(text.contains(&format!("#{} [simpdiv", mid + 1)), "{text}");
        assert!(text.contains("\ncomponent 2: #3: isolated\n"), "{text}");
        // Battle of the sexes: each equilibrium isolated.
        let bos = solve(&battle_of_sexes(), Method::All, &SolveOptions::default()).unwrap();
        assert_eq!(bos.equilibria.len(), 3);
        assert!(bos.components.is_empty());
        let bos_json: serde_json::Value = serde_json::from_str(&bos.to_json()).unwrap();
        assert!(bos_json["components"].is_null());
        let exact = bos.structure.as_ref().unwrap();
        assert_eq!(exact.components.len(), 3);
        assert!(exact.components.iter().all(|c| c.isolated));
        assert!(bos.to_string().contains(
            "which a nearly degenerate game can get wrong; --exact computes them exactly): 3 \
             connected components, each an isolated equilibrium\ncomponent 1: #1: isolated\n"
        ));
        assert_eq!(bos_json["structure"]["components"][2]["isolated"], true);
    }

    /// `all` counts only Nash equilibria: in a matching-pennies game with unequal stakes
    /// (row 9/0/0/1, column 0/1/1/0) the one equilibrium is (1/2, 1/2), (1/10, 9/10); a
    /// learning dynamic that ends elsewhere is named in a note with its epsilon and not listed.
    #[test]
    fn all_counts_only_equilibria() {
        let a = [[9.0, 0.0], [0.0, 1.0]];
        let b = [[0.0, 1.0], [1.0, 0.0]];
        let g = bimatrix(&a, &b);
        let r = solve(&g, Method::All, &SolveOptions::default()).unwrap();
        assert_eq!(r.equilibria.len(), 1, "{:?}", r.equilibria);
        let e = &r.equilibria[0];
        assert!(e.distance(&vec![vec![0.5, 0.5], vec![0.1, 0.9]]) < 1e-9);
        // Replicator dynamics (two populations) cycle around the mixed equilibrium here.
        let left_out: Vec<&String> = r
            .notes
            .iter()
            .filter(|n| n.contains("is not a Nash equilibrium of the game"))
            .collect();
        for n in &left_out {
            assert!(
                ["fictitious:", "regret:", "replicator:"]
                    .iter()
                    .any(|m| n.starts_with(m)),
                "{n}"
            );
        }
        // Fictitious play ends 0.006 from it and is credited; regret matching's marginal
        // (0.03 away; it approaches a correlated equilibrium) and the replicator's end state
        // (epsilon 1.03) are named in notes and not counted.
        assert!(
            e.methods.iter().any(|m| m == "fictitious"),
            "{:?}",
            e.methods
        );
        for m in ["regret", "replicator"] {
            assert!(!e.methods.iter().any(|x| x == m), "{m}");
            assert!(
                left_out
                    .iter()
                    .any(|n| n.starts_with(&format!("{m}: its end state"))),
                "{m}: {:?}",
                r.notes
            );
        }
    }
}
