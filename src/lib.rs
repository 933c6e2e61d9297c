//! The pactsim application layer: loads and validates scenarios, runs the engines, writes
//! results and plots, and formats what the commands print. `main.rs` only parses arguments
//! and maps errors to exit codes; `sim`, `strategies` and `plots` know nothing of the CLI.

/// `println!` that returns the write error instead of panicking on it, for `?`: a reader
/// that closes the pipe early ends the command quietly ([`closed_pipe`]).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

pub mod charts;
pub mod cli;
mod cmd_calibrate;
mod cmd_discover;
mod cmd_match;
mod cmd_metagame;
mod cmd_moran;
mod cmd_pie;
mod cmd_sobol;
mod cmd_strategies;
mod cmd_tournament;
mod equilibria_plot;
mod evaluate;
mod explain_cmd;
mod inputs;
mod progress;
mod report;
mod rounding;
mod sweep_print;
mod sweeping;
mod toolkit;
mod trace;

pub use cmd_moran::MoranFile;
pub use inputs::{load_scenario, load_sweep, FileKind, SweepFlags};

use anyhow::{Context, Result};
use cli::{Cli, Command, ScenarioArgs};
use sim::limits::{MAX_RUNS, MAX_THREADS};
use sim::outdir::TargetError;
use sim::output::{Manifest, OutputError, ResultsDir, RunsCsv, SCHEMA_VERSION};
use sim::runner::{run_cell, Plan};
use sim::{Engine, Scenario, ScenarioError};
use std::fmt;
use std::path::{Path, PathBuf};

/// The embedded default scenario (configs/april-2026.toml).
pub const DEFAULT_SCENARIO: &str = include_str!("../configs/april-2026.toml");
/// How the embedded scenario is named in messages.
pub const DEFAULT_SCENARIO_NAME: &str = "<embedded configs/april-2026.toml>";

/// Bad input from the user (file, flag or value): exit code 2.
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// Exit code for an error: 2 for bad input, 1 otherwise.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    let bad = e.chain().any(|c| {
        c.is::<BadInput>()
            || c.is::<ScenarioError>()
            || c.downcast_ref::<repeated::RepeatedError>()
                .is_some_and(repeated::RepeatedError::is_bad_input)
            || c.downcast_ref::<OutputError>()
                .is_some_and(OutputError::is_bad_input)
            || c.downcast_ref::<TargetError>()
                .is_some_and(TargetError::is_bad_input)
            || c.downcast_ref::<sim::sweep::SweepError>()
                .is_some_and(sim::sweep::SweepError::is_bad_input)
            || c.downcast_ref::<sim::sensitivity::SensitivityError>()
                .is_some_and(sim::sensitivity::SensitivityError::is_bad_input)
            || c.downcast_ref::<strategies::metagame::MetagameError>()
                .is_some_and(strategies::metagame::MetagameError::is_bad_input)
    });
    if bad {
        2
    } else {
        1
    }
}

/// Whether `e` is stdout's reader closing the pipe (`pactsim … | head`): everything the
/// command writes to files is complete before it prints, so this is not a failure and is
/// not reported.
pub fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub(crate) fn bad(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(BadInput(msg.into()))
}

fn engine(scenario: &Scenario) -> Result<Engine> {
    Engine::new(scenario, strategies::catalog()).map_err(|problems| {
        let lines: Vec<String> = problems
            .into_iter()
            .map(|p| format!("  agents: {p}"))
            .collect();
        bad(format!("strategy problems:\n{}", lines.join("\n")))
    })
}

/// Threads, results directory, plots and progress bar: the settings every results-writing
/// analysis command shares.
#[derive(Debug, Clone)]
pub(crate) struct Execution {
    /// Worker threads (default: all cores).
    pub threads: Option<usize>,
    /// Results directory (default: one derived from the inputs).
    pub out: Option<PathBuf>,
    /// Plot formats, or no plots.
    pub plots: Option<cli::PlotFormat>,
    /// No progress bar.
    pub quiet: bool,
}

impl Execution {
    /// From the shared command-line flag groups.
    fn of(threads: cli::ThreadsArg, out: Option<PathBuf>, output: cli::OutputArgs) -> Execution {
        Execution {
            threads: threads.threads,
            out,
            plots: output.plots.plots(),
            quiet: output.quiet,
        }
    }
}

fn pool(threads: Option<usize>) -> Result<rayon::ThreadPool> {
    if threads == Some(0) {
        return Err(bad("--threads 0: allowed values are 1 or more"));
    }
    if let Some(t) = threads.filter(|&t| t > MAX_THREADS) {
        return Err(bad(format!(
            "--threads {t}: allowed values are 1 to {MAX_THREADS} (limit, see configs/README.md)"
        )));
    }
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(t) = threads {
        b = b.num_threads(t);
    }
    b.build().context("starting the worker threads")
}

/// The name of a `sensitivity --method` as written on the command line.
fn sensitivity_method(m: cli::SensitivityMethod) -> String {
    use clap::ValueEnum;
    m.to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

/// Runs a parsed command line.
pub fn execute(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Explain { scenario, json } => explain_cmd::run(&scenario, json),
        Command::Run {
            scenario,
            runs,
            seed,
            threads,
            out,
            save_runs,
            facts,
            output,
        } => {
            let opts = RunOptions {
                runs,
                seed: seed.seed,
                threads: threads.threads,
                out,
                save_runs,
                facts,
                plots: output.plots.plots(),
                quiet: output.quiet,
            };
            run(&scenario, &opts)
        }
        Command::Trace {
            scenario,
            seed,
            run,
            json,
        } => {
            let sc = load_scenario(scenario.scenario.as_deref(), &scenario.set)?;
            let seed = seed.seed.unwrap_or(sc.seed());
            let eng = engine(&sc)?;
            let mut out = std::io::stdout().lock();
            trace::trace(&eng, seed, run, json, &mut out).context("writing the trace")
        }
        Command::Validate { files, kind } => inputs::validate(&files, kind),
        Command::Equilibria {
            scenario,
            nfg,
            method,
            lambda,
            iterations,
            seed,
            label,
            exact,
            json,
            plot,
            format,
        } => {
            let mut opts = games::solve::SolveOptions {
                lambdas: lambda,
                seed,
                label,
                ..Default::default()
            };
            if let Some(n) = iterations {
                opts.iterations = n;
            }
            let plot = plot.map(|dir| (dir, charts::formats(format)));
            toolkit::equilibria(
                &scenario,
                nfg.as_deref(),
                &method,
                &opts,
                exact,
                json,
                plot.as_ref(),
            )
        }
        Command::Bargain {
            pie: Some(file),
            json,
            ..
        } => cmd_pie::run(&file, json),
        Command::Bargain {
            scenario,
            json,
            pie: None,
        } => toolkit::bargain(&scenario, json),
        Command::ExportNfg { scenario, out } => toolkit::export_nfg(&scenario, out.as_deref()),
        Command::Sweep {
            file,
            out,
            runs,
            seed,
            set,
            shard,
            resume,
            facts,
            heat,
            threads,
            output,
        } => sweeping::sweep(&sweeping::SweepOptions {
            file,
            flags: SweepFlags {
                runs,
                seed,
                sets: set,
            },
            shard,
            resume,
            facts,
            heat: heat_options(heat)?,
            exec: Execution::of(threads, out, output),
        }),
        Command::Merge {
            inputs,
            out,
            facts,
            heat,
            plots,
        } => sweeping::merge(
            &inputs,
            &out,
            facts.as_deref(),
            plots.plots(),
            &heat_options(heat)?,
        ),
        Command::Sensitivity {
            scenario,
            target,
            method,
            samples,
            bootstrap,
            runs,
            seed,
            trajectories,
            levels,
            threads,
            out,
            output,
        } => {
            use cli::SensitivityMethod::{Morris, Oat, Sobol};
            // Each method's own flags; a flag of another method is refused.
            for (flag, given, methods) in [
                ("--samples", samples.is_some(), &[Sobol][..]),
                ("--bootstrap", bootstrap.is_some(), &[Morris, Sobol]),
                ("--trajectories", trajectories.is_some(), &[Morris]),
                ("--levels", levels.is_some(), &[Morris]),
            ] {
                if given && !methods.contains(&method) {
                    let names: Vec<String> = methods
                        .iter()
                        .map(|m| format!("--method {}", sensitivity_method(*m)))
                        .collect();
                    return Err(bad(format!(
                        "{flag} is not used by --method {}: it applies to {} only",
                        sensitivity_method(method),
                        names.join(" and ")
                    )));
                }
            }
            let exec = Execution::of(threads, out, output);
            let bootstrap = bootstrap.unwrap_or(cli::BOOTSTRAP);
            match method {
                Sobol => cmd_sobol::run(&cmd_sobol::SobolCmd {
                    points: evaluate::PointsOptions::of(
                        scenario,
                        target,
                        samples.unwrap_or(cli::SOBOL_SAMPLES),
                        runs,
                        seed,
                        exec,
                    ),
                    bootstrap,
                }),
                Morris | Oat => sweeping::sensitivity(&sweeping::SensitivityOptions {
                    scenario: scenario.scenario,
                    set: scenario.set,
                    target,
                    runs,
                    seed: seed.seed,
                    morris: (method == Morris).then(|| sim::sensitivity::MorrisOptions {
                        trajectories: trajectories.unwrap_or(cli::MORRIS_TRAJECTORIES),
                        levels: levels.unwrap_or(cli::MORRIS_LEVELS),
                        bootstrap,
                    }),
                    exec,
                }),
            }
        }
        Command::Discover {
            scenario,
            target,
            samples,
            runs,
            seed,
            from_sweep,
            threshold,
            alpha,
            min_mass,
            paste,
            box_step,
            threads,
            out,
            output,
        } => cmd_discover::run(&cmd_discover::DiscoverCmd {
            points: evaluate::PointsOptions::of(
                scenario,
                target,
                samples.unwrap_or(cli::DISCOVER_SAMPLES),
                runs.unwrap_or(cli::DISCOVER_RUNS),
                seed,
                Execution::of(threads, out, output),
            ),
            sized: [samples.is_some(), runs.is_some()],
            from_sweep,
            threshold,
            alpha,
            min_mass,
            paste,
            box_step,
        }),
        Command::Calibrate {
            scenario,
            facts,
            samples,
            runs,
            seed,
            threads,
            out,
            output,
        } => cmd_calibrate::run(&cmd_calibrate::CalibrateCmd {
            scenario: scenario.scenario,
            set: scenario.set,
            facts,
            samples,
            runs,
            seed: seed.seed,
            exec: Execution::of(threads, out, output),
        }),
        Command::Match {
            a,
            b,
            game,
            turns,
            prob_end,
            noise,
            seed,
            json,
        } => cmd_match::run(&cmd_match::MatchArgs {
            a,
            b,
            game,
            turns,
            prob_end,
            noise,
            seed,
            json,
        }),
        Command::Strategies { json } => cmd_strategies::run(json),
        Command::Tournament {
            file,
            threads,
            out,
            resume,
            output,
            stop_after,
        } => cmd_tournament::run(&cmd_tournament::TournamentArgs {
            file,
            exec: Execution::of(threads, out, output),
            resume,
            stop_after,
        }),
        Command::Moran {
            file,
            players,
            settings,
            threads,
            out,
            json,
            resume,
            output,
            stop_after,
        } => cmd_moran::run(&cmd_moran::MoranArgs {
            file,
            flags: MoranFile {
                players: players
                    .map(|p| p.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
                ..settings
            },
            exec: Execution::of(threads, out, output),
            json,
            resume,
            stop_after,
        }),
        Command::Metagame {
            scenario,
            strategies,
            runs,
            seed,
            episodes,
            lambda,
            threads,
            out,
            output,
        } => cmd_metagame::run(&cmd_metagame::MetagameCmd {
            scenario,
            strategies,
            runs,
            seed: seed.seed,
            episodes,
            lambdas: lambda,
            exec: Execution::of(threads, out, output),
        }),
        Command::Plot { dir, heat, format } => {
            let written = charts::replot(&dir, &charts::formats(format), &heat_options(heat)?)?;
            // The figures drawn before (another format, or ones this data no longer makes)
            // go, so the directory holds one consistent set.
            let is_figure = |e: &str| e.ends_with(".png") || e.ends_with(".svg");
            sim::outdir::retire(&dir, &written, &is_figure)
                .and_then(|_| sim::outdir::extend_inventory(&dir, &written))
                .with_context(|| format!("{}: updating its inventory", dir.display()))?;
            for p in written {
                outln!("{}", p.display())?;
            }
            Ok(())
        }
    }
}

/// Options of `pactsim run`.
pub struct RunOptions {
    /// Runs (default: scenario).
    pub runs: Option<u64>,
    /// Seed (default: scenario).
    pub seed: Option<u64>,
    /// Threads.
    pub threads: Option<usize>,
    /// Results directory.
    pub out: Option<PathBuf>,
    /// Write runs.csv.
    pub save_runs: bool,
    /// Read the run against this facts file.
    pub facts: Option<PathBuf>,
    /// Plot formats, or no plots.
    pub plots: Option<cli::PlotFormat>,
    /// No progress bar.
    pub quiet: bool,
}

fn run(args: &ScenarioArgs, o: &RunOptions) -> Result<()> {
    let scenario = load_scenario(args.scenario.as_deref(), &args.set)?;
    let runs = o.runs.unwrap_or(scenario.runs());
    if runs == 0 {
        return Err(bad("--runs 0: allowed values are 1 or more"));
    }
    check_runs(runs)?;
    let seed = o.seed.unwrap_or(scenario.seed());
    let pool = pool(o.threads)?;
    let eng = engine(&scenario)?;
    // The facts file is read, and each of its statistics found in a one-run summary, before
    // anything is written or run at length.
    let facts = match &o.facts {
        Some(path) => Some((path, read_facts_for(path, &eng, seed, &pool)?)),
        None => None,
    };
    let dir = results_dir(o.out.as_deref(), || {
        sim::overrides::dir_name(scenario.name(), &args.set)
    })?;
    let mut runs_csv = if o.save_runs {
        Some(RunsCsv::create(&dir)?)
    } else {
        None
    };
    let plan = Plan {
        seed,
        cell_hash: scenario.hash(),
        runs,
    };
    let bar = progress::bar(runs, "runs", o.quiet);
    let started = std::time::Instant::now();
    // A bounded sample of agreements (the first ones in run order) for the utility-space plot.
    let mut agreements = sim::agreements::Sampler::default();
    let summary = pool.install(|| {
        run_cell(
            &eng,
            plan,
            &mut |i, r| {
                agreements.push(i, r);
                match runs_csv.as_mut() {
                    Some(w) => w.push(i, r),
                    None => Ok(()),
                }
            },
            &mut |done| bar.set_position(done),
        )
    })?;
    bar.finish_and_clear();
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(w) = runs_csv {
        w.finish()?;
    }
    let mut manifest = manifest(&scenario, "run", seed, runs, serde_json::Value::Null)?;
    manifest.overrides = sim::overrides::canonical(&args.set);
    dir.write_json("manifest.json", &manifest)?;
    dir.write_json("summary.json", &summary)?;
    dir.write_text(
        "outcomes.csv",
        &sim::output::outcomes_csv(&[], &[(vec![], &summary)]),
    )?;
    let agreements = agreements.rows();
    dir.write_text(sim::agreements::FILE, &sim::agreements::write(agreements))?;
    let refs = charts::reference_points(&scenario)?;
    dir.write_json(plots::figures::run::REFERENCE_FILE, &refs)?;
    let checks = match &facts {
        Some((path, file)) => {
            let checks = sim::calibration::check_facts(&file.fact, &summary)
                .map_err(evaluate::CliError::from)?;
            dir.write_json(
                "facts.json",
                &serde_json::json!({
                    "facts_file": sim::output::recorded_input(&path.display().to_string()),
                    "met": checks.iter().filter(|c| c.met).count(),
                    "facts": checks,
                }),
            )?;
            Some((path, checks))
        }
        None => None,
    };
    if let Some(f) = o.plots {
        let figures = plots::figures::run::figures(&manifest, &summary, Some(agreements), &refs);
        charts::render_named(&dir.path(""), &figures, &charts::formats(f))?;
    }
    let path = dir.commit()?;
    report::print_run(scenario.name(), seed, runs, &summary, &path)?;
    if let Some((facts_path, checks)) = &checks {
        report::print_facts(facts_path, checks)?;
    }
    eprintln!(
        "{runs} runs in {elapsed:.2} s ({:.0} runs/s, {} threads)",
        runs as f64 / elapsed,
        pool.current_num_threads()
    );
    Ok(())
}

/// The shape of a run summary (`summary.json`): one run of the embedded scenario, computed
/// once per process. Every scenario's summary has the same fields (a statistic without a value
/// in some run is a null, not a missing field), so a facts file's statistics can be checked
/// against it on their own (`pactsim validate FACTS`), in the same pass as its other problems.
pub(crate) fn summary_shape() -> Result<&'static serde_json::Value> {
    static SHAPE: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    if let Some(v) = SHAPE.get() {
        return Ok(v);
    }
    let scenario = load_scenario(None, &[])?;
    let eng = engine(&scenario)?;
    let probe = Plan {
        seed: 0,
        cell_hash: scenario.hash(),
        runs: 1,
    };
    let one = run_cell(&eng, probe, &mut |_, _| Ok(()), &mut |_| {})?;
    let v = serde_json::to_value(&one)?;
    Ok(SHAPE.get_or_init(|| v))
}

/// Reads the facts file of `--facts` and finds each of its statistics in the summary of one
/// run of `eng`, so that a statistic the summary lacks is refused before anything runs at
/// length or is written.
pub(crate) fn read_facts_for(
    path: &Path,
    eng: &Engine,
    seed: u64,
    pool: &rayon::ThreadPool,
) -> Result<sim::calibration::FactsFile> {
    let file = cmd_calibrate::read_facts(path)?;
    let probe = Plan {
        seed,
        cell_hash: eng.scenario().hash(),
        runs: 1,
    };
    let one = pool.install(|| run_cell(eng, probe, &mut |_, _| Ok(()), &mut |_| {}))?;
    sim::calibration::require_fact_statistics(&path.display().to_string(), &file.fact, &one)
        .map_err(evaluate::CliError::from)?;
    Ok(file)
}

/// Checks `--ci-threshold` (bad input unless in (0, 100] percentage points).
fn heat_options(h: cli::HeatArgs) -> Result<plots::figures::HeatOptions> {
    if !(h.ci_threshold.is_finite() && h.ci_threshold > 0.0 && h.ci_threshold <= 100.0) {
        return Err(bad(format!(
            "--ci-threshold {}: allowed values are greater than 0 and at most 100 (percentage \
             points of a 95% CI width)",
            h.ci_threshold
        )));
    }
    Ok(plots::figures::HeatOptions {
        auto_scale: h.auto_scale,
        ci_threshold_pp: h.ci_threshold,
    })
}

/// Starts writing the results directory `out` (`--out`), or `results/<default_name>` when
/// none is given.
pub(crate) fn results_dir(
    out: Option<&Path>,
    default_name: impl FnOnce() -> String,
) -> Result<ResultsDir, OutputError> {
    let path = match out {
        Some(p) => p.to_path_buf(),
        None => sim::outdir::default_results(&default_name())?,
    };
    ResultsDir::create(&path)
}

/// Refuses more runs than [`MAX_RUNS`] (bad input).
pub(crate) fn check_runs(runs: u64) -> Result<()> {
    if runs > MAX_RUNS {
        return Err(bad(format!(
            "runs = {runs}: allowed values are 1 to {MAX_RUNS} (limit, see configs/README.md)"
        )));
    }
    Ok(())
}

/// The manifest of a results directory that has no scenario (tournament, moran): pactsim's
/// schema header (`schema`, `pactsim_version`, `git_commit`, `command`) followed by the
/// command's own `fields` (a JSON object). The header is what marks the directory as pactsim's, so that a
/// later run may replace it.
pub fn command_manifest(command: &str, fields: serde_json::Value) -> serde_json::Value {
    let commit = env!("PACTSIM_GIT_COMMIT");
    let mut m = serde_json::Map::new();
    m.insert("schema".into(), SCHEMA_VERSION.into());
    m.insert("pactsim_version".into(), env!("CARGO_PKG_VERSION").into());
    m.insert(
        "git_commit".into(),
        (!commit.is_empty()).then_some(commit).into(),
    );
    m.insert("command".into(), command.into());
    if let serde_json::Value::Object(fields) = fields {
        m.extend(fields);
    }
    serde_json::Value::Object(m)
}

/// Builds the manifest of a results directory.
pub fn manifest(
    scenario: &Scenario,
    command: &str,
    seed: u64,
    runs: u64,
    extra: serde_json::Value,
) -> Result<Manifest> {
    let commit = env!("PACTSIM_GIT_COMMIT");
    Ok(Manifest {
        schema: SCHEMA_VERSION,
        pactsim_version: env!("CARGO_PKG_VERSION").to_string(),
        git_commit: (!commit.is_empty()).then(|| commit.to_string()),
        command: command.to_string(),
        scenario: serde_json::to_value(scenario.file()).context("serialising the scenario")?,
        scenario_hash: format!("{:016x}", scenario.hash()),
        seed,
        runs,
        rng_scheme: sim::rng::RNG_SCHEME.to_string(),
        overrides: Vec::new(),
        extra,
    })
}
