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

/// Most evaluation points of one sensitivity analysis (1 + 2k one-at-a-time points plus
/// trajectories × (k + 1) Morris points).
pub const MAX_SENSITIVITY_POINTS: u64 = MAX_CELLS;

/// Most Morris grid levels (`sensitivity --levels`).
pub const MAX_LEVELS: u32 = 1_000;

/// Most scheduled antitrust events a scenario may list (`antitrust.events`).
pub const MAX_EVENTS: usize = 32;
