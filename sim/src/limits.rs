//! Documented size limits (configs/README.md "Limits", docs/reliability.md). Every command
//! checks its input against these before allocating or spawning anything, so an absurd
//! number is refused at once with a clear message (exit code 2) instead of a panic, an abort
//! on allocation or hours of work.

/// Most cells in one sweep (grid product, Latin-hypercube samples or explicit points), and
/// most values on one grid axis. Checked arithmetically before any cell is built.
pub const MAX_CELLS: u64 = 100_000;

/// Most Monte Carlo runs per cell (`run --runs`, `simulation.runs`, `sweep.runs`,
/// `sensitivity --runs`).
pub const MAX_RUNS: u64 = 10_000_000_000;

/// Most worker threads (`--threads`).
pub const MAX_THREADS: usize = 1024;

/// Most axes of one sweep.
pub const MAX_AXES: usize = 64;

/// Most `[ranges]` entries a sensitivity analysis varies.
pub const MAX_RANGES: usize = 256;

/// Most evaluation points of one analysis: a Morris sensitivity analysis (1 + 2k one-at-a-time
/// points plus trajectories × (k + 1) Morris points), a Sobol analysis (N(k + 2) points),
/// `discover`'s Latin hypercube, `calibrate`'s prior draws.
pub const MAX_SENSITIVITY_POINTS: u64 = MAX_CELLS;

/// Most Monte Carlo runs one command makes in all (points × runs per point): about a day on
/// two cores at the baseline's speed.
pub const MAX_TOTAL_RUNS: u64 = MAX_RUNS;

/// Most bootstrap resamples of a confidence interval (`--bootstrap`).
pub const MAX_BOOTSTRAP: usize = 100_000;

/// Most episodes of regret matching (`metagame --episodes`).
pub const MAX_EPISODES: usize = 100_000_000;

/// Refuses `points` evaluation points of `runs` runs each when they exceed
/// [`MAX_SENSITIVITY_POINTS`] or [`MAX_TOTAL_RUNS`] in all; `what` names the flag that set the
/// points (e.g. `--samples 5000`). The message says what is allowed.
pub fn check_points(what: &str, points: u64, runs: u64) -> Result<(), String> {
    if points > MAX_SENSITIVITY_POINTS {
        return Err(format!(
            "{what}: {points} evaluation points; allowed at most {MAX_SENSITIVITY_POINTS} \
             (limit, see configs/README.md)"
        ));
    }
    match points.checked_mul(runs) {
        Some(total) if total <= MAX_TOTAL_RUNS => Ok(()),
        _ => Err(format!(
            "{what} with --runs {runs}: {points} points × {runs} runs exceed {MAX_TOTAL_RUNS} \
             runs in all (limit, see configs/README.md)"
        )),
    }
}

/// Most Morris grid levels (`sensitivity --levels`).
pub const MAX_LEVELS: u32 = 1_000;

/// Most scheduled antitrust events a scenario may list (`antitrust.events`).
pub const MAX_EVENTS: usize = 32;
