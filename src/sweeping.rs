//! The sweep commands: `pactsim sweep` (whole sweep, one shard, or a resumed one), `pactsim
//! merge` (shard files → one results directory, byte-identical to an unsharded sweep) and
//! `pactsim sensitivity` (one-at-a-time and Morris screening over the documented ranges).
//! Options → the drivers in `sim::sweep` and `sim::sensitivity` (the flagship engine as the
//! simulation, the progress bar as the observer) → plots and what is printed
//! (`sweep_print`).

use crate::cli::PlotFormat;
use crate::evaluate::{Evaluator, Target};
use crate::progress::CellsProgress;
use crate::sweep_print::{print_sensitivity, print_sweep};
use crate::{bad, charts, engine, load_sweep, manifest, pool, SweepFlags};
use anyhow::{Context, Result};
use sim::output::{Manifest, ResultsDir};
use sim::reports::SweepSummary;
use sim::sensitivity::{Analysis, MorrisOptions};
use sim::sweep::{
    parse_shard, remove_checkpoint, shard_files, write_results, Cell, Executor, ShardHeader, Sweep,
};
use std::path::{Path, PathBuf};

/// Options of `pactsim sweep`.
pub(crate) struct SweepOptions {
    /// Threads, results directory (or shard directory with a shard), plots and progress bar.
    pub exec: crate::Execution,
    /// The sweep file.
    pub file: PathBuf,
    /// `--runs`, `--seed` and `--set`.
    pub flags: SweepFlags,
    /// `I/N`.
    pub shard: Option<String>,
    /// Continue an interrupted sweep.
    pub resume: bool,
    /// Read each cell against this facts file (a FACTS column in the printed table).
    pub facts: Option<PathBuf>,
    /// How heat maps are drawn.
    pub heat: plots::figures::HeatOptions,
}

/// The shard to compute: `--shard I/N`, else the Slurm array variables, else none.
fn shard_spec(flag: Option<&str>) -> Result<Option<(u64, u64)>> {
    if let Some(s) = flag {
        return parse_shard(s).map(Some).map_err(|e| bad(e.to_string()));
    }
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    match (var("SLURM_ARRAY_TASK_ID"), var("SLURM_ARRAY_TASK_COUNT")) {
        (None, None) => Ok(None),
        (Some(i), Some(n)) => {
            if let Some(min) = var("SLURM_ARRAY_TASK_MIN").filter(|m| m.trim() != "0") {
                return Err(bad(format!(
                    "SLURM_ARRAY_TASK_MIN = {min}: submit the array as --array=0-(N-1) (shards \
                     count from 0), or pass --shard I/N"
                )));
            }
            if let Some(step) = var("SLURM_ARRAY_TASK_STEP").filter(|s| s.trim() != "1") {
                return Err(bad(format!(
                    "SLURM_ARRAY_TASK_STEP = {step}: submit the array without a step \
                     (--array=0-(N-1)), or pass --shard I/N"
                )));
            }
            parse_shard(&format!("{}/{}", i.trim(), n.trim()))
                .map(Some)
                .map_err(|e| {
                    bad(format!(
                        "from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT: {e}"
                    ))
                })
        }
        (Some(_), None) | (None, Some(_)) => Err(bad(
            "only one of SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT is set; pass --shard I/N",
        )),
    }
}

/// Refuses a sweep (or one of its `shards` shards) that would make more than
/// [`MAX_TOTAL_RUNS`](sim::limits::MAX_TOTAL_RUNS) runs in all on this machine.
fn check_total_runs(sweep: &Sweep, shards: u64) -> Result<()> {
    let cells = sweep.cells.len() as u64;
    let here = cells.div_ceil(shards.max(1));
    let max = sim::limits::MAX_TOTAL_RUNS;
    match here.checked_mul(sweep.runs) {
        Some(total) if total <= max => Ok(()),
        _ => Err(bad(format!(
            "runs = {}: {here} cells × {} runs per cell exceed {max} runs in all on one machine \
             (limit, see configs/README.md); use fewer runs or split the sweep into shards",
            sweep.runs, sweep.runs
        ))),
    }
}

fn sweep_manifest(sweep: &Sweep, sets: &[String]) -> Result<Manifest> {
    let extra = sweep.manifest_extra();
    let mut m = manifest(&sweep.base, "sweep", sweep.seed, sweep.runs, extra)?;
    m.overrides = sim::overrides::canonical(sets);
    Ok(m)
}

/// `pactsim sweep`.
pub(crate) fn sweep(o: &SweepOptions) -> Result<()> {
    let sweep = load_sweep(&o.file, &o.flags)?;
    let name = sim::overrides::dir_name(&sweep.name, &o.flags.sets);
    let shard = shard_spec(o.shard.as_deref())?;
    check_total_runs(&sweep, shard.map_or(1, |(_, n)| n))?;
    let pool = pool(o.exec.threads)?;
    let facts = match &o.facts {
        Some(_) if shard.is_some() => {
            return Err(bad(
                "--facts with a shard: a shard prints no table; pass --facts to the merge",
            ))
        }
        Some(path) => {
            let eng = engine(&sweep.base)?;
            Some(crate::read_facts_for(path, &eng, sweep.seed, &pool)?)
        }
        None => None,
    };
    let (i, n) = shard.unwrap_or((0, 1));
    let header = ShardHeader::new(&sweep, (i, n), &sweep_manifest(&sweep, &o.flags.sets)?)?;
    let observer = CellsProgress::new(o.exec.quiet);
    let executor = Executor {
        sweep: &sweep,
        pool: &pool,
        simulation: |c: &Cell| engine(&c.scenario),
        observer: &observer,
        resume: o.resume,
    };
    let started = std::time::Instant::now();
    if shard.is_some() {
        let dir = o
            .exec
            .out
            .clone()
            .unwrap_or_else(|| PathBuf::from("results").join(format!("{name}.shards")));
        let done = executor.shard(&header, &dir)?;
        if done.already_complete {
            outln!("{}: already complete", done.path.display())?;
            return Ok(());
        }
        report_speed(done.computed, sweep.runs, started);
        outln!(
            "shard {i}/{n}: cells {}..{} of {} → {}",
            header.first,
            header.end,
            header.cells_total,
            done.path.display()
        )?;
        return Ok(());
    }
    let out = o
        .exec
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("results").join(&name));
    // Check and lock the target before computing anything.
    let dir = ResultsDir::create(&out)?;
    let done = executor.whole(&header, &dir)?;
    report_speed(done.computed, sweep.runs, started);
    let facts_path = o.facts.as_deref();
    let (path, met) = results(
        std::slice::from_ref(&done.path),
        dir,
        facts_path.zip(facts.as_ref()),
        o.exec.plots,
        &o.heat,
    )?;
    remove_checkpoint(&done)?;
    print_sweep(&path, met.as_ref())
}

fn report_speed(cells: u64, runs: u64, started: std::time::Instant) {
    let s = started.elapsed().as_secs_f64();
    if cells > 0 {
        eprintln!(
            "{cells} cells × {runs} runs in {s:.2} s ({:.0} runs/s)",
            (cells * runs) as f64 / s
        );
    }
}

/// `pactsim merge`: shard files (or directories of them) → one results directory.
pub(crate) fn merge(
    inputs: &[PathBuf],
    out: &Path,
    facts: Option<&Path>,
    plots: Option<PlotFormat>,
    heat: &plots::figures::HeatOptions,
) -> Result<()> {
    let facts = match facts {
        Some(path) => Some((path, crate::cmd_calibrate::read_facts(path)?)),
        None => None,
    };
    let files = shard_files(inputs)?;
    let (path, met) = results(
        &files,
        ResultsDir::create(out)?,
        facts.as_ref().map(|(p, f)| (*p, f)),
        plots,
        heat,
    )?;
    print_sweep(&path, met.as_ref())
}

/// The results directory `dir` from the record files, with its plots, committed. With `facts`
/// (`--facts` of a sweep or a merge), each of their statistics must be in the first cell's
/// summary, or nothing is committed; every cell is read against them into `facts.json`, which
/// is returned too (the plots draw it as a heat map).
fn results(
    files: &[PathBuf],
    dir: ResultsDir,
    facts: Option<(&Path, &sim::calibration::FactsFile)>,
    plots: Option<PlotFormat>,
    heat: &plots::figures::HeatOptions,
) -> Result<(PathBuf, Option<sim::calibration::SweepFacts>)> {
    let manifest = write_results::<sim::Summary>(files, &dir)?;
    let summary: SweepSummary = sim::output::read_json(&dir.path(""), "summary.json")?;
    let met = match facts {
        Some((path, f)) => {
            let name = path.display().to_string();
            if let Some(first) = summary.cells.first() {
                sim::calibration::require_fact_statistics(&name, &f.fact, &first.summary)
                    .map_err(crate::evaluate::CliError::from)?;
            }
            let met = sim::calibration::check_sweep_facts(&name, &f.fact, &summary)
                .map_err(crate::evaluate::CliError::from)?;
            dir.write_json(plots::figures::sweep::FACTS_FILE, &met)?;
            Some(met)
        }
        None => None,
    };
    if let Some(fmt) = plots {
        charts::render_named(
            &dir.path(""),
            &plots::figures::sweep::figures(&manifest, &summary, met.as_ref(), heat),
            &charts::formats(fmt),
        )?;
    }
    Ok((dir.commit()?, met))
}

/// Options of `pactsim sensitivity`.
pub(crate) struct SensitivityOptions {
    /// Scenario file (default: embedded).
    pub scenario: Option<PathBuf>,
    /// `--set` overrides.
    pub set: Vec<String>,
    /// Target outcome class name.
    pub target: String,
    /// Runs per evaluation point.
    pub runs: u64,
    /// Master seed (default: scenario).
    pub seed: Option<u64>,
    /// The Morris design and bootstrap (`--method morris`); `None`: the one-at-a-time
    /// tornado alone (`--method oat`).
    pub morris: Option<MorrisOptions>,
    /// Threads, results directory, plots and progress bar.
    pub exec: crate::Execution,
}

/// `pactsim sensitivity` (`--method morris`, or `--method oat`: the same one-at-a-time points
/// without the Morris trajectories).
pub(crate) fn sensitivity(o: &SensitivityOptions) -> Result<()> {
    if let Some(m) = &o.morris {
        m.check()?;
    }
    crate::check_runs(o.runs)?;
    let ev = Evaluator::new(o.scenario.as_deref(), &o.set, o.seed, o.runs)?;
    let target = Target::parse(&o.target, ev.base.params().simulation.horizon_weeks)?;
    let pool = pool(o.exec.threads)?;
    // Every point is validated before anything runs (bad ranges are bad input).
    let analysis = Analysis::new(
        target,
        ev.params.clone(),
        o.runs,
        ev.seed,
        o.morris,
        |l, v| {
            ev.scenario_at(v)
                .with_context(|| format!("sensitivity point {l}"))
        },
    )?;
    let kind = if o.morris.is_some() {
        "sensitivity"
    } else {
        "oat"
    };
    let out =
        o.exec.out.clone().unwrap_or_else(|| {
            crate::evaluate::default_out(&ev.base, kind, &analysis.target.name())
        });
    let dir = ResultsDir::create(&out)?;
    let started = std::time::Instant::now();
    let progress = CellsProgress::new(o.exec.quiet);
    let summaries = analysis.run(&pool, engine, &progress)?;
    report_speed(analysis.points.len() as u64, o.runs, started);
    let summary = analysis.summarise(&summaries, &pool)?;
    let m = manifest(
        &ev.base,
        "sensitivity",
        ev.seed,
        o.runs,
        analysis.manifest_extra(),
    )?;
    analysis.write(&dir, &m, &summary, &summaries)?;
    if let Some(f) = o.exec.plots {
        charts::render_named(
            &dir.path(""),
            &plots::figures::sensitivity::figures(&m, &summary),
            &charts::formats(f),
        )?;
    }
    let path = dir.commit()?;
    print_sensitivity(&summary, &path)
}
