//! Command-line types (clap derive only; no behaviour). Flags that several commands share are
//! groups flattened into each command ([`ScenarioArgs`], [`HeatArgs`], [`ThreadsArg`],
//! [`SeedArg`], [`PlotArgs`], [`OutputArgs`]), so their names, help and defaults are written once.

// The doc comments below are clap's help text, printed verbatim by `--help`: placeholders such
// as `results/<scenario name>` and section names such as `[ranges]` are meant literally there,
// not as HTML or intra-doc links.
#![allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

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

/// How sweep heat maps are drawn.
#[derive(Debug, Args, Clone, Copy)]
pub struct HeatArgs {
    /// Fit heat-map colour scales to the data instead of the fixed 0–100% (the colour bar then
    /// says "auto-scaled").
    #[arg(long)]
    pub auto_scale: bool,
    /// Hatch heat-map cells whose 95% CI is wider than this many percentage points.
    #[arg(long, value_name = "PP", default_value_t = 10.0)]
    pub ci_threshold: f64,
}

/// `--threads`, shared by the commands that run in parallel.
#[derive(Debug, Args, Clone, Copy)]
pub struct ThreadsArg {
    /// Worker threads (default: all cores). Never changes results.
    #[arg(long)]
    pub threads: Option<usize>,
}

/// `--seed` of the commands whose master seed defaults to the scenario's.
#[derive(Debug, Args, Clone, Copy)]
pub struct SeedArg {
    /// Master seed (default: the scenario's simulation.seed).
    #[arg(long)]
    pub seed: Option<u64>,
}

/// `--format` and `--no-plots` of the commands that render plots.
#[derive(Debug, Args, Clone, Copy)]
pub struct PlotArgs {
    /// Plot formats.
    #[arg(long, value_enum, default_value = "both")]
    pub format: PlotFormat,
    /// Do not render plots.
    #[arg(long)]
    pub no_plots: bool,
}

impl PlotArgs {
    /// The plot format, or `None` with `--no-plots`.
    pub fn plots(self) -> Option<PlotFormat> {
        (!self.no_plots).then_some(self.format)
    }
}

/// Plot flags and `--quiet` of the commands that write results with a progress bar.
#[derive(Debug, Args, Clone, Copy)]
pub struct OutputArgs {
    /// Plot formats and --no-plots.
    #[command(flatten)]
    pub plots: PlotArgs,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
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

/// `sensitivity --samples` when not given (Sobol's base sample size N).
pub const SOBOL_SAMPLES: usize = 256;
/// `sensitivity --bootstrap` when not given (Morris and Sobol).
pub const BOOTSTRAP: usize = 1000;
/// `sensitivity --trajectories` when not given (Morris).
pub const MORRIS_TRAJECTORIES: usize = 10;
/// `sensitivity --levels` when not given (Morris).
pub const MORRIS_LEVELS: u32 = 4;
/// `discover --samples` when not given (Latin-hypercube points).
pub const DISCOVER_SAMPLES: usize = 200;
/// `discover --runs` when not given (runs per point).
pub const DISCOVER_RUNS: u64 = 500;

/// Method of `pactsim sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SensitivityMethod {
    /// One-at-a-time tornado alone: each [ranges] parameter at its low and high value, the
    /// others at base (the same points as the tornado of `morris`).
    Oat,
    /// One-at-a-time tornado plus Morris elementary effects (μ* with bootstrap CIs).
    Morris,
    /// Saltelli design, Sobol first-order and total indices with bootstrap CIs.
    Sobol,
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
        /// Master seed.
        #[command(flatten)]
        seed: SeedArg,
        /// Worker threads.
        #[command(flatten)]
        threads: ThreadsArg,
        /// Results directory (default: results/<scenario name>, or
        /// results/<scenario name>-set-<hash8> with --set, hash8 naming the overrides).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also write runs.csv (one row per run, streamed).
        #[arg(long)]
        save_runs: bool,
        /// Also read the run against the stylised facts of FILE (as `pactsim calibrate` does,
        /// e.g. configs/facts-2026.toml): prints each fact's value in the run and whether it
        /// is within the fact's tolerance, and writes facts.json.
        #[arg(long, value_name = "FILE")]
        facts: Option<PathBuf>,
        /// Plot formats, --no-plots and --quiet.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Replays run R of `pactsim run --seed S` round by round.
    Trace {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Master seed.
        #[command(flatten)]
        seed: SeedArg,
        /// Run index (0-based).
        #[arg(long)]
        run: u64,
        /// One JSON object per event instead of the story.
        #[arg(long)]
        json: bool,
    },
    /// Checks scenario, sweep, tournament, facts, meta-game strategies and pie files and prints
    /// every problem found.
    Validate {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Kind of the files (default: recognised from each file's keys: [sweep]/[[axis]] →
        /// sweep, [[fact]] → facts, [pie] → pie, players → tournament, lists of agents →
        /// strategies, else scenario).
        #[arg(long, value_enum)]
        kind: Option<crate::FileKind>,
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
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// Also write pictures into this results directory: the logit QRE path (requested λ
        /// marked) and, when every player has three strategies, replicator and
        /// fictitious-play trajectories on the simplex with the equilibria marked.
        #[arg(long, value_name = "DIR")]
        plot: Option<PathBuf>,
        /// Image format of --plot.
        #[arg(long, value_enum, default_value_t = PlotFormat::Svg)]
        format: PlotFormat,
    },
    /// Cooperative benchmarks (Nash, KS, Nash-in-Nash, Baron–Ferejohn, Shapley) vs the April terms.
    Bargain {
        /// Scenario and overrides (not used with --pie).
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Solve this Merlo–Wilson pie file (TOML, `[pie]`: a pie that follows a Markov chain;
        /// configs/README.md "Pie files") instead of the scenario's benchmarks.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["scenario", "set"])]
        pie: Option<PathBuf>,
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
        /// Results directory (default: results/<sweep name>, or results/<sweep name>-set-<hash8>
        /// with --set); with a shard, the directory of shard files (default: that name +
        /// .shards).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Runs per cell (default: the sweep file's sweep.runs).
        #[arg(long)]
        runs: Option<u64>,
        /// Master seed (default: the sweep file's sweep.seed).
        #[arg(long)]
        seed: Option<u64>,
        /// Override a base-scenario parameter in every cell: dotted path = value (repeatable;
        /// may not name a swept parameter).
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        /// Compute only shard I of N (I from 0 to N−1) and write a shard file for `merge`.
        /// Default: SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT when set.
        #[arg(long, value_name = "I/N")]
        shard: Option<String>,
        /// Continue an interrupted sweep from its checkpoint (same bytes as an uninterrupted run).
        #[arg(long)]
        resume: bool,
        /// Also read each cell against the stylised facts of FILE (e.g.
        /// configs/facts-2026.toml): the printed table gains a FACTS column, the number of
        /// facts each cell meets. Not with a shard, which prints no table.
        #[arg(long, value_name = "FILE")]
        facts: Option<PathBuf>,
        /// Heat-map scale and CI hatching.
        #[command(flatten)]
        heat: HeatArgs,
        /// Worker threads.
        #[command(flatten)]
        threads: ThreadsArg,
        /// Plot formats, --no-plots and --quiet.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Merges sweep shard files into one results directory (identical to an unsharded sweep).
    Merge {
        /// Shard files, or directories holding shard-*.jsonl files.
        #[arg(required = true, value_name = "DIR")]
        inputs: Vec<PathBuf>,
        /// Results directory to write.
        #[arg(long, required = true)]
        out: PathBuf,
        /// Also read each cell against the stylised facts of FILE, as `sweep --facts` does: a
        /// FACTS column in the printed table.
        #[arg(long, value_name = "FILE")]
        facts: Option<PathBuf>,
        /// Heat-map scale and CI hatching.
        #[command(flatten)]
        heat: HeatArgs,
        /// Plot formats and --no-plots.
        #[command(flatten)]
        plots: PlotArgs,
    },
    /// Ranks the parameters of the scenario's [ranges] by their effect on a target:
    /// `--method morris` (default: one-at-a-time tornado + Morris μ* with bootstrap CIs),
    /// `--method oat` (the one-at-a-time tornado alone) or `--method sobol` (Sobol S1 and ST
    /// with bootstrap CIs). A flag of another method than the one chosen is refused.
    Sensitivity {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// What is analysed: an outcome class share (APRIL_LIKE_BROAD), a sum of classes
        /// (APRIL_LIKE_STRICT+APRIL_LIKE_BROAD), time_to_agreement (mean weeks),
        /// payoff.microsoft | payoff.openai | payoff.amazon (mean $B), term.KEY: the share
        /// of deals meeting one term of the strict April class (term.azure_first_lag, …), or
        /// litigation.threat | litigation.suit (share of runs) | litigation.credible_threat
        /// (share of threats credible as a suit when made).
        #[arg(long)]
        target: String,
        /// morris: one-at-a-time + Morris screening; oat: one-at-a-time alone; sobol:
        /// variance-based Sobol indices.
        #[arg(long, value_enum, default_value = "morris")]
        method: SensitivityMethod,
        /// Sobol only: base sample size N (N(k + 2) points; powers of two suit the Sobol
        /// sequence) [default: 256].
        #[arg(long)]
        samples: Option<usize>,
        /// Morris and Sobol only: bootstrap resamples of the confidence intervals (Sobol
        /// indices, Morris μ*) [default: 1000].
        #[arg(long)]
        bootstrap: Option<usize>,
        /// Runs per evaluation point.
        #[arg(long, default_value_t = 2000)]
        runs: u64,
        /// Master seed.
        #[command(flatten)]
        seed: SeedArg,
        /// Morris only: trajectories [default: 10].
        #[arg(long)]
        trajectories: Option<usize>,
        /// Morris only: grid levels [default: 4].
        #[arg(long)]
        levels: Option<u32>,
        /// Worker threads.
        #[command(flatten)]
        threads: ThreadsArg,
        /// Results directory (default: results/<scenario>-sensitivity-<target>, or
        /// results/<scenario>-oat-<target> with --method oat, results/<scenario>-sobol-<target>
        /// with --method sobol).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Plot formats, --no-plots and --quiet.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Explains the model at expected values: each player's payoff term by term in four
    /// reference states, Microsoft's litigation stake J and cost c_P with the credibility
    /// verdict under each player's prior, the candidate frontier agents bargain over, and,
    /// one [ranges] parameter at a time, where the strict April terms become possible.
    Explain {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Scenario discovery: PRIM finds the box of [ranges] parameters where a target is dense
    /// (Latin hypercube of --samples points × --runs runs, or a sweep's results: with
    /// --from-sweep, --set, --samples, --runs and --seed are refused, the sweep fixed them).
    Discover {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Outcome class share, a sum CLASS+CLASS, a term's share of deals term.KEY, or
        /// litigation.threat | litigation.suit | litigation.credible_threat (other targets
        /// need --threshold).
        #[arg(long)]
        target: String,
        /// Latin hypercube points (not with --from-sweep) [default: 200].
        #[arg(long)]
        samples: Option<usize>,
        /// Runs per point (not with --from-sweep) [default: 500].
        #[arg(long)]
        runs: Option<u64>,
        /// Master seed.
        #[command(flatten)]
        seed: SeedArg,
        /// Use the cells of this sweep results directory as the points instead of sampling
        /// (its runs per cell and seed apply; --set, --samples, --runs and --seed are refused).
        #[arg(long, value_name = "DIR")]
        from_sweep: Option<PathBuf>,
        /// Outcome per point = 1 when the target ≥ T, else 0 (default: the share itself).
        #[arg(long)]
        threshold: Option<f64>,
        /// PRIM peeling fraction α.
        #[arg(long, default_value_t = 0.05)]
        alpha: f64,
        /// PRIM minimum box mass (share of points).
        #[arg(long, default_value_t = 0.05)]
        min_mass: f64,
        /// Paste the chosen box after peeling.
        #[arg(long)]
        paste: bool,
        /// Report this step of the peeling trajectory (default: the densest with mass ≥ min).
        #[arg(long = "box", value_name = "STEP")]
        box_step: Option<usize>,
        /// Worker threads.
        #[command(flatten)]
        threads: ThreadsArg,
        /// Results directory (default: results/<scenario>-discover-<target>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Plot formats, --no-plots and --quiet.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// ABC rejection calibration of the [ranges] parameters against stylised facts.
    Calibrate {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Facts file (TOML [[fact]] tables: statistic, observed, tolerance; default: the
        /// built-in configs/facts-2026.toml).
        #[arg(long)]
        facts: Option<PathBuf>,
        /// Prior draws.
        #[arg(long, default_value_t = 1000)]
        samples: u64,
        /// Runs per draw (and per posterior-predictive draw).
        #[arg(long, default_value_t = 200)]
        runs: u64,
        /// Master seed.
        #[command(flatten)]
        seed: SeedArg,
        /// Worker threads.
        #[command(flatten)]
        threads: ThreadsArg,
        /// Results directory (default: results/<scenario>-calibrate-<facts file stem>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Plot formats, --no-plots and --quiet.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Plays one repeated-game match between two strategies (see `pactsim strategies`).
    Match {
        /// Row player's strategy, e.g. TitForTat or "Tit For Tat".
        a: String,
        /// Column player's strategy.
        b: String,
        /// pd | stag-hunt | chicken | matching-pennies | FILE.nfg (a 2-player Gambit game).
        #[arg(long, default_value = "pd")]
        game: String,
        /// Turns (default 200); with --prob-end, the cap on the drawn length.
        #[arg(long)]
        turns: Option<u32>,
        /// Per-turn end probability (random length drawn from the seed).
        #[arg(long)]
        prob_end: Option<f64>,
        /// Probability that each action is flipped.
        #[arg(long, default_value_t = 0.0)]
        noise: f64,
        /// Seed of the match's random streams.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Print one JSON object {"players", "scores", "actions"}.
        #[arg(long)]
        json: bool,
    },
    /// Lists every strategy: repeated-game strategies with classifiers, and negotiation agents.
    Strategies {
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Round-robin repeated-game tournament from a TOML file (see docs/repeated-games.md).
    Tournament {
        /// Tournament file (TOML).
        file: PathBuf,
        /// Worker threads.
        #[command(flatten)]
        threads: ThreadsArg,
        /// Results directory (default: results/<file stem>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Continue from the checkpoint in the results directory (same bytes as a full run).
        #[arg(long)]
        resume: bool,
        /// Plot formats, --no-plots and --quiet.
        #[command(flatten)]
        output: OutputArgs,
        /// Testing aid: stop (exit code 1) once this many repetitions are checkpointed.
        #[arg(long, hide = true)]
        stop_after: Option<u32>,
    },
    /// Moran process: fixation probabilities of a population of repeated-game strategies.
    Moran {
        /// Population file (TOML); alternatively use --players.
        file: Option<PathBuf>,
        /// Population, e.g. "TitForTat*3,Defector" (a name per individual, or NAME*COUNT).
        #[arg(long)]
        players: Option<String>,
        /// Repetitions, turns, noise, mutation rate, generation cap, game and seed (each
        /// overrides the file's).
        #[command(flatten)]
        settings: crate::MoranFile,
        /// Worker threads.
        #[command(flatten)]
        threads: ThreadsArg,
        /// Results directory (default: results/moran).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
        /// Continue from the checkpoint in the results directory (same bytes as a full run).
        #[arg(long)]
        resume: bool,
        /// Plot formats, --no-plots and --quiet.
        #[command(flatten)]
        output: OutputArgs,
        /// Testing aid: stop (exit code 1) once this many repetitions are checkpointed.
        #[arg(long, hide = true)]
        stop_after: Option<u32>,
    },
    /// Empirical meta-game over negotiation strategies per role: runs every strategy profile,
    /// writes the empirical game (.nfg), per-profile means, SEs, outcome shares and regrets,
    /// solves it (pure Nash, simpdiv, logit QRE) and learns a mixture by regret matching.
    Metagame {
        /// Scenario and overrides.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Strategies per role (TOML; default: the embedded configs/metagame-strategies.toml).
        #[arg(long)]
        strategies: Option<PathBuf>,
        /// Runs per profile (total runs = profiles × runs).
        #[arg(long, default_value_t = 1000)]
        runs: u64,
        /// Master seed.
        #[command(flatten)]
        seed: SeedArg,
        /// Episodes of regret matching over the empirical game.
        #[arg(long, default_value_t = 100_000)]
        episodes: usize,
        /// λ values (per $B) at which the logit QRE is reported (comma-separated).
        #[arg(long, value_delimiter = ',', default_value = "0.3,1,3")]
        lambda: Vec<f64>,
        /// Worker threads.
        #[command(flatten)]
        threads: ThreadsArg,
        /// Results directory (default: results/<scenario name>-metagame).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Plot formats, --no-plots and --quiet.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Re-renders the plots of a results directory without re-running.
    Plot {
        /// Results directory.
        dir: PathBuf,
        /// Heat-map scale and CI hatching (sweep results).
        #[command(flatten)]
        heat: HeatArgs,
        /// Plot formats.
        #[arg(long, value_enum, default_value = "both")]
        format: PlotFormat,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The help of `sensitivity` and `discover` states the defaults the commands apply (the
    /// flags are optional so that a flag of another method, or one a sweep's results fix, can
    /// be refused, so clap cannot show them).
    #[test]
    fn help_states_the_applied_defaults() {
        let mut cli = Cli::command();
        for (command, flag, default) in [
            ("sensitivity", "samples", SOBOL_SAMPLES.to_string()),
            ("sensitivity", "bootstrap", BOOTSTRAP.to_string()),
            (
                "sensitivity",
                "trajectories",
                MORRIS_TRAJECTORIES.to_string(),
            ),
            ("sensitivity", "levels", MORRIS_LEVELS.to_string()),
            ("discover", "samples", DISCOVER_SAMPLES.to_string()),
            ("discover", "runs", DISCOVER_RUNS.to_string()),
        ] {
            let help = cli
                .find_subcommand_mut(command)
                .expect(command)
                .render_long_help()
                .to_string();
            // The option's own entry, not a mention in the command's description.
            let at = help.find(&format!("      --{flag} <")).expect(flag) + 6;
            let rest = &help[at..];
            let end = rest[2..].find("\n      --").map_or(rest.len(), |e| e + 2);
            assert!(
                rest[..end].contains(&format!("[default: {default}]")),
                "{command} --{flag}: {}",
                &rest[..end]
            );
        }
    }
}
