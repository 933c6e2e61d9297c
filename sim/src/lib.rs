//! # sim — the pactsim model and engines
//!
//! The flagship model of the 2026 Microsoft–OpenAI–Amazon cloud-exclusivity dispute: contract
//! terms, payoffs, shocks, the weekly negotiation protocol with litigation, outcome
//! classification, and the seeded Monte Carlo runner. No CLI parsing, no plotting, no printing.
//!
//! ## Data flow (one direction)
//!
//! ```text
//! configs/x.toml ─serde─▶ ScenarioFile ─validate─▶ Scenario{Params} ─Sweep::build─▶ cells
//!    (--set key=value overrides are applied to the raw file, before validation; the model
//!     reads only the typed Params, never the raw ScenarioFile; cells hold validated scenarios)
//! cells ─runner::run_cells (rayon over cells and runs; one RNG per run)─▶ per-run records,
//!       folded in run order
//!       ─stats─▶ summary (counts, Wilson CIs, payoff moments, time-to-agreement histogram)
//!       ─output─▶ results dir (manifest.json, summary.json, outcomes.csv, [runs.csv],
//!                 agreements.csv via `agreements`)
//! results dir ─plots─▶ results/plots/*.svg|png        (`pactsim plot DIR` re-renders)
//! ```
//!
//! ## Glossary
//! - **round**: one week; a proposer is drawn and offers terms or makes a unilateral move.
//! - **run**: one play of the dispute from 27 Feb 2026 to agreement, absorption or the horizon.
//! - **cell**: one fully resolved scenario; a sweep has many.
//! - **regime**: the state a contract is valued in (AWS path, litigation, IPO prospects).
//!
//! ## Crate layout
//! - Input: `schema` (the raw `ScenarioFile` and its sections) · `scenario` (`Scenario`,
//!   the only place input is checked, and its hash) · `checks` (the model's invariants,
//!   section by section) · `params` (`Params`, the validated parameters the model reads, with
//!   distributions built once) · `location` (where a parameter is written in a file) ·
//!   `layers` (files that inherit from a `base`, deep-merged) · `shape` (typed reading that
//!   reports every problem) · `overrides` (`--set`: applying one, dotted-path lookup,
//!   canonical lists and their hash) · `limits` · `sweep_file` (the raw sweep file).
//! - Sweeps and analyses: `sweep` (a validated sweep whose cells hold their scenarios; its
//!   designs, shards and record files, and the driver that runs, checkpoints, resumes and
//!   merges cells into a results directory) · `sensitivity` (one-at-a-time and Morris designs,
//!   targets, and the analysis driver) · `evaluate` (points of the `[ranges]` run as cells,
//!   statistics of the run summary by dotted path) · `calibration` (the ABC rejection driver
//!   against a facts file). All run cells through `runner::run_cells`, generic over the
//!   simulation a cell becomes; sweeps (and sensitivity's runs and files) also over what its
//!   runs fold into (`sweep::CellSummary`, the flagship's `Summary` or another model's);
//!   progress goes to `runner::Progress`.
//! - The model (reads `&Params`): `contract` (terms) · `payoff` (present values) · `regime`
//!   (the state a contract is valued in) · `terms` (payoffs term by term) · `valuer` (values
//!   of states under beliefs) · `shocks` · `litigation` · `state` (the dispute state and legal
//!   moves) · `outcome` · `frontier` · `explain` · `strict_scan` (where the strict April terms
//!   become possible, one `[ranges]` parameter at a time) · `root` (the Illinois root finder both
//!   use) · `reduced`, `stage`, `cooperative` (the
//!   reduced-form games).
//! - The engine: `strategy` (agent interface) · `protocol` (the round loop, in phases) ·
//!   `event` (what a run reports to an observer) · `runner` · `rng` · `player`.
//! - Results: `stats` · `results` · `output` · `agreements` (the typed `agreements.csv`
//!   writer and reader) · `reports` (sweep and sensitivity `summary.json` schemas) · `outdir`
//!   (safe output locations, locks).
//!
//! The model-free game-theory toolkit (normal-form games, `.nfg`, solvers, bargaining closed
//! forms) is the `games` crate below this one; `cooperative` and `stage` use it.

#![forbid(unsafe_code)]

pub mod agreements;
pub mod calibration;
mod checks;
pub mod contract;
pub mod cooperative;
pub mod evaluate;
pub mod event;
pub mod explain;
mod frontier;
pub mod layers;
pub mod limits;
pub mod litigation;
pub mod location;
pub mod names;
pub mod outcome;
pub mod outdir;
pub mod output;
pub mod overrides;
pub mod params;
mod payoff;
pub mod player;
mod protocol;
mod reduced;
mod regime;
pub mod reports;
pub mod results;
pub mod rng;
mod root;
pub mod runner;
pub mod scenario;
pub mod schema;
pub mod sensitivity;
pub mod shape;
pub mod shocks;
pub mod stage;
mod state;
pub mod stats;
pub mod strategy;
pub mod strict_scan;
pub mod sweep;
mod sweep_file;
mod terms;
mod valuer;

pub use contract::{Contract, Issue};
pub use event::{Event, Observer};
pub use outcome::Outcome;
pub use params::Params;
pub use player::{Coalition, Player};
pub use protocol::Engine;
pub use results::{RunRecord, Summary};
pub use rng::{RunKey, SimRng};
pub use scenario::{Scenario, ScenarioError};
pub use schema::ScenarioFile;
pub use strategy::{Catalog, Move, Response, Strategy, StrategyFactory, View};
