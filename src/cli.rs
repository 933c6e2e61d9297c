//! Command-line types (clap derive only; no behaviour).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// pactsim: agent-based simulation of the 2026 Microsoft–OpenAI–Amazon cloud-exclusivity dispute.
#[derive(Debug, Parser)]
#[command(name = "pactsim", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Scenario selection and overrides shared by several commands.
#[derive(Debug, Args, Clone)]
pub struct ScenarioArgs {
    /// Scenario file (TOML). Default: the embedded configs/april-2026.toml.
    pub scenario: Option<PathBuf>,
    /// Override a parameter before validation: dotted TOML path = value (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

/// Image format of plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlotFormat {
    /// SVG only.
    Svg,
    /// PNG only.
    Png,
    /// Both SVG and PNG.
    Both,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Monte Carlo of one scenario: prints the outcome table and writes a results directory.
    Run {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Number of runs (default: the scenario's simulation.runs).
        #[arg(long)]
        runs: Option<u64>,
        /// Master seed (default: the scenario's simulation.seed).
        #[arg(long)]
        seed: Option<u64>,
        /// Worker threads (default: all cores). Never changes results.
        #[arg(long)]
        threads: Option<usize>,
        /// Results directory (default: results/<scenario name>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also write runs.csv (one row per run, streamed).
        #[arg(long)]
        save_runs: bool,
        /// Plot formats.
        #[arg(long, value_enum, default_value = "both")]
        format: PlotFormat,
        /// Do not render plots.
        #[arg(long)]
        no_plots: bool,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Replays run R of `pactsim run --seed S` round by round.
    Trace {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Master seed (default: the scenario's simulation.seed).
        #[arg(long)]
        seed: Option<u64>,
        /// Run index (0-based).
        #[arg(long)]
        run: u64,
        /// One JSON object per event instead of the story.
        #[arg(long)]
        json: bool,
    },
    /// Checks scenario files and prints every problem found.
    Validate {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Equilibria of the scenario's reduced stage game, or of a Gambit .nfg game.
    Equilibria {
        /// Scenario and overrides (not used with --nfg).
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Solve this Gambit .nfg file instead of the scenario's stage game.
        #[arg(long, conflicts_with = "scenario")]
        nfg: Option<PathBuf>,
        /// pure | enummixed | lcp | lh | simpdiv | logit | fictitious | regret | replicator | all
        #[arg(long, default_value = "all")]
        method: String,
        /// λ values at which to report the logit QRE (comma-separated), e.g. 0.5,2,10.
        #[arg(long, value_delimiter = ',')]
        lambda: Vec<f64>,
        /// Iterations of fictitious play / regret matching.
        #[arg(long)]
        iterations: Option<usize>,
        /// Seed of the randomised methods (regret matching, simpdiv restarts).
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Label dropped by --method lh (0..m+n-1; player 1's strategies first).
        #[arg(long, default_value_t = 0)]
        label: usize,
        /// Exact rational arithmetic (pure, enummixed, lcp, lh on two-player games).
        #[arg(long)]
        exact: bool,
        /// Print one JSON object (DESIGN §5 contract).
        #[arg(long)]
        json: bool,
    },
    /// Cooperative benchmarks (Nash, KS, Nash-in-Nash, Baron–Ferejohn, Shapley) vs the April terms.
    Bargain {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Writes the scenario's reduced stage game as a Gambit .nfg file.
    ExportNfg {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Parameter sweep (grid, Latin hypercube or explicit points): one row per cell × outcome.
    Sweep {
        /// Sweep file (TOML; see configs/README.md "Sweep files").
        file: PathBuf,
        /// Results directory (default: results/<sweep name>); with a shard, the directory of
        /// shard files (default: results/<sweep name>.shards).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Compute only shard I of N (I from 0 to N−1) and write a shard file for `merge`.
        /// Default: SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT when set.
        #[arg(long, value_name = "I/N")]
        shard: Option<String>,
        /// Continue an interrupted sweep from its checkpoint (same bytes as an uninterrupted run).
        #[arg(long)]
        resume: bool,
        /// Worker threads (default: all cores). Never changes results.
        #[arg(long)]
        threads: Option<usize>,
        /// Plot formats.
        #[arg(long, value_enum, default_value = "both")]
        format: PlotFormat,
        /// Do not render plots.
        #[arg(long)]
        no_plots: bool,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Merges sweep shard files into one results directory (identical to an unsharded sweep).
    Merge {
        /// Shard files, or directories holding shard-*.jsonl files.
        #[arg(required = true, value_name = "DIR")]
        inputs: Vec<PathBuf>,
        /// Results directory to write.
        #[arg(long, required = true)]
        out: PathBuf,
        /// Plot formats.
        #[arg(long, value_enum, default_value = "both")]
        format: PlotFormat,
        /// Do not render plots.
        #[arg(long)]
        no_plots: bool,
    },
    /// Ranks the parameters of the scenario's [ranges] by their effect on one outcome's share:
    /// one-at-a-time (tornado chart) and Morris elementary effects.
    Sensitivity {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Outcome class whose share is analysed, e.g. APRIL_LIKE_BROAD.
        #[arg(long)]
        target: String,
        /// Runs per evaluation point.
        #[arg(long, default_value_t = 2000)]
        runs: u64,
        /// Master seed (default: the scenario's simulation.seed).
        #[arg(long)]
        seed: Option<u64>,
        /// Morris trajectories.
        #[arg(long, default_value_t = 10)]
        trajectories: usize,
        /// Morris grid levels.
        #[arg(long, default_value_t = 4)]
        levels: u32,
        /// Worker threads (default: all cores). Never changes results.
        #[arg(long)]
        threads: Option<usize>,
        /// Results directory (default: results/<scenario>-sensitivity-<target>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Plot formats.
        #[arg(long, value_enum, default_value = "both")]
        format: PlotFormat,
        /// Do not render plots.
        #[arg(long)]
        no_plots: bool,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Re-renders the plots of a results directory without re-running.
    Plot {
        /// Results directory.
        dir: PathBuf,
        /// Plot formats.
        #[arg(long, value_enum, default_value = "both")]
        format: PlotFormat,
    },
}
