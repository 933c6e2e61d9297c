//! Size and work budgets of the solvers (docs/reliability.md "Solver budgets"). Each method's
//! memory and work is estimated from the game's shape and the options before it runs; a game
//! over budget is refused with [`SolveError::TooLarge`] naming the limit, instead of hanging or
//! asking for gigabytes.

use super::{Method, RegretMode, SolveError, SolveOptions};
use crate::game::Game;

/// Floating-point work allowed to one iterative method (≈ 10–30 s on one core).
pub(crate) const MAX_WORK: f64 = 2e10;
/// Most candidate supports `C(m + n, min(m, n))` vertex enumeration (`enummixed`) may visit.
pub(crate) const MAX_ENUM_SUPPORTS: f64 = 1e6;
/// Most strategies in total (m + n) for Lemke–Howson graph exploration (`lcp`).
pub(crate) const MAX_LCP_STRATEGIES: usize = 40;
/// Most strategies in total (m + n) for one Lemke–Howson path (`lh`; tableaux are dense).
pub(crate) const MAX_LH_STRATEGIES: usize = 2_000;
/// Most payoff entries (profiles × players) simplicial subdivision and the logit tracer handle.
pub(crate) const MAX_PATH_ENTRIES: usize = 100_000;
/// Most strategies in total over all players for the logit tracer (its Jacobian is dense).
pub(crate) const MAX_LOGIT_STRATEGIES: usize = 400;
/// Most entries of the regret tables (Σ m_i² conditional, Σ m_i unconditional).
pub(crate) const MAX_REGRET_ENTRIES: f64 = 1e7;

/// `C(n, k)` as a float (large values are approximate).
pub(crate) fn binomial(n: usize, k: usize) -> f64 {
    let k = k.min(n.saturating_sub(k));
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// `log10 C(n, k)`, finite for every `n` and `k` (where [`binomial`] overflows to infinity).
pub(crate) fn log10_binomial(n: usize, k: usize) -> f64 {
    let k = k.min(n.saturating_sub(k));
    (0..k)
        .map(|i| ((n - i) as f64 / (i + 1) as f64).log10())
        .sum()
}

/// A count `C(n, k)` as text: `1.2e6` while it is a finite double, else `about 10^N` (e.g.
/// `about 10^423` for C(1414, 707)), never `inf`.
pub(crate) fn binomial_text(n: usize, k: usize) -> String {
    let c = binomial(n, k);
    if c.is_finite() {
        format!("about {c:.1e}")
    } else {
        format!("about 10^{:.0}", log10_binomial(n, k).floor())
    }
}

/// Refuses `method` on `game` with `opts` when it would exceed its budget.
pub(crate) fn check(game: &Game, method: Method, opts: &SolveOptions) -> Result<(), SolveError> {
    let counts = game.strategy_counts();
    let players = counts.len();
    let entries = (game.num_profiles() * players) as f64;
    let total: usize = counts.iter().sum();
    let shape = counts
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join("×");
    let too_large = |reason: String| SolveError::TooLarge {
        method: method.name(),
        reason,
    };
    match method {
        Method::EnumMixed if players == 2 => {
            let (total, k) = (counts[0] + counts[1], counts[0].min(counts[1]));
            if binomial(total, k) > MAX_ENUM_SUPPORTS {
                return Err(too_large(format!(
                    "{shape} has {} candidate supports (limit {MAX_ENUM_SUPPORTS:.0e}); use \
                     lcp, lh or simpdiv",
                    binomial_text(total, k)
                )));
            }
        }
        Method::Lcp if players == 2 && total > MAX_LCP_STRATEGIES => {
            return Err(too_large(format!(
                "{shape} has {total} strategies in total (limit {MAX_LCP_STRATEGIES}); use lh \
                 for one equilibrium"
            )));
        }
        Method::Lh if players == 2 && total > MAX_LH_STRATEGIES => {
            return Err(too_large(format!(
                "{shape} has {total} strategies in total (limit {MAX_LH_STRATEGIES})"
            )));
        }
        Method::Simpdiv if entries > MAX_PATH_ENTRIES as f64 => {
            return Err(too_large(format!(
                "{shape} has {entries} payoff entries (limit {MAX_PATH_ENTRIES})"
            )));
        }
        Method::Logit if entries > MAX_PATH_ENTRIES as f64 || total > MAX_LOGIT_STRATEGIES => {
            return Err(too_large(format!(
                "{shape}: the logit tracer handles at most {MAX_PATH_ENTRIES} payoff entries \
                 and {MAX_LOGIT_STRATEGIES} strategies in total"
            )));
        }
        Method::Fictitious => {
            // Each round every player values its strategies against the others' mix: a pass
            // over all payoff entries per player.
            let work = opts.iterations as f64 * entries * players as f64;
            if work > MAX_WORK {
                return Err(too_large(format!(
                    "{} iterations × {entries} payoff entries × {players} players exceed the work budget \
                     {MAX_WORK:.0e}; use fewer iterations (--iterations; --episodes for metagame)",
                    opts.iterations
                )));
            }
        }
        Method::Replicator => {
            // Four RK4 stages a step, each valuing every player's strategies (one pass over the
            // payoff entries per player).
            let work = 4.0 * opts.replicator_steps as f64 * entries * players as f64;
            if work > MAX_WORK {
                return Err(too_large(format!(
                    "{} RK4 steps × {entries} payoff entries × {players} players exceed the work \
                     budget {MAX_WORK:.0e}",
                    opts.replicator_steps
                )));
            }
        }
        Method::Regret => {
            let table: f64 = counts
                .iter()
                .map(|&m| match opts.regret_mode {
                    RegretMode::Conditional => (m as f64) * (m as f64),
                    RegretMode::Unconditional => m as f64,
                })
                .sum();
            if table > MAX_REGRET_ENTRIES {
                return Err(too_large(format!(
                    "{shape} needs {table:.1e} regret entries (limit {MAX_REGRET_ENTRIES:.0e})"
                )));
            }
            let work = opts.iterations as f64 * (table + total as f64 * players as f64);
            if work > MAX_WORK {
                return Err(too_large(format!(
                    "{} rounds on {shape} exceed the work budget {MAX_WORK:.0e}; use fewer \
                     iterations (--iterations; --episodes for metagame)",
                    opts.iterations
                )));
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_games_are_refused_small_ones_pass() {
        let big = Game::from_counts(&[100_000], vec![0.0; 100_000]).unwrap();
        let o = SolveOptions::default();
        assert!(check(&big, Method::Regret, &o).is_err());
        let long = SolveOptions {
            iterations: 1_000_000,
            ..SolveOptions::default()
        };
        assert!(check(&big, Method::Fictitious, &long).is_err());
        let g20 = Game::from_counts(&[20, 20], vec![0.0; 800]).unwrap();
        assert!(check(&g20, Method::EnumMixed, &o).is_err());
        let g6 = Game::from_counts(&[6, 6], vec![0.0; 72]).unwrap();
        for m in Method::CONCRETE {
            assert!(check(&g6, m, &o).is_ok(), "{m}");
        }
        assert!(check(
            &Game::from_counts(&[30, 30], vec![0.0; 1800]).unwrap(),
            Method::Lcp,
            &o
        )
        .is_err());
    }
}
