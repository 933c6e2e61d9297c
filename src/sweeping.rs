//! The sweep commands: `pactsim sweep` (whole sweep, one shard, or a resumed one), `pactsim
//! merge` (shard files → one results directory, byte-identical to an unsharded sweep) and
//! `pactsim sensitivity` (one-at-a-time and Morris screening over the documented ranges), with
//! what they print.
//!
//! Every sweep streams its cell records to a JSON-lines file (a shard file, or a hidden
//! checkpoint beside the output for an unsharded sweep) and the results directory is always
//! written by the same merge of record files, so unsharded, sharded + merged and resumed runs
//! produce the same bytes, and memory stays flat in cells × runs.

use crate::cli::PlotFormat;
use crate::evaluate::{Evaluator, Target};
use crate::{bad, charts, engine, load_sweep, manifest, pool, progress, SweepFlags};
use anyhow::{Context, Result};
use rayon::prelude::*;
use sim::limits::{MAX_LEVELS, MAX_RANGES, MAX_SENSITIVITY_POINTS};
use sim::outdir::OutputLock;
use sim::output::{outcomes_csv_rows, Manifest, ResultsDir};
use sim::reports::{MorrisRow, OneAtATime, SensitivitySummary, SummaryCell, SweepSummary};
use sim::runner::{run_cell, Plan};
use sim::sensitivity::{morris_design, morris_effects};
use sim::sweep::{
    parse_shard, record_line, shard_range, value_text, CellRecord, ShardHeader, Sweep, SHARD_KIND,
};
use sim::{Outcome, Summary};
use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Cells computed in parallel at a time (each cell's runs are parallel too).
const BATCH: usize = 8;

/// Options of `pactsim sweep`.
pub struct SweepOptions {
    /// The sweep file.
    pub file: PathBuf,
    /// Results directory (or shard directory with a shard).
    pub out: Option<PathBuf>,
    /// `--runs`, `--seed` and `--set`.
    pub flags: SweepFlags,
    /// `I/N`.
    pub shard: Option<String>,
    /// Continue an interrupted sweep.
    pub resume: bool,
    /// Worker threads.
    pub threads: Option<usize>,
    /// Plot formats, or no plots.
    pub plots: Option<PlotFormat>,
    /// How heat maps are drawn.
    pub heat: charts::HeatOptions,
    /// No progress bar.
    pub quiet: bool,
}

/// The shard to compute: `--shard I/N`, else the Slurm array variables, else none.
fn shard_spec(flag: Option<&str>) -> Result<Option<(u64, u64)>> {
    if let Some(s) = flag {
        return parse_shard(s).map(Some).map_err(bad);
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

fn sweep_manifest(sweep: &Sweep, sets: &[String]) -> Result<Manifest> {
    let extra = serde_json::json!({
        "sweep": {
            "name": sweep.name,
            "description": sweep.description,
            "design": sweep.design,
            "axes": sweep.axes,
            "cells": sweep.cells.len(),
            "sweep_hash": format!("{:016x}", sweep.hash()),
        }
    });
    let mut m = manifest(&sweep.base, "sweep", sweep.seed, sweep.runs, extra)?;
    m.overrides = sim::overrides::canonical(sets);
    Ok(m)
}

/// `pactsim sweep`.
pub fn sweep(o: &SweepOptions) -> Result<()> {
    let sweep = load_sweep(&o.file, &o.flags)?;
    let name = sim::overrides::dir_name(&sweep.name, &o.flags.sets);
    let shard = shard_spec(o.shard.as_deref())?;
    let pool = pool(o.threads)?;
    let total = sweep.cells.len() as u64;
    let (i, n) = shard.unwrap_or((0, 1));
    let (first, end) = shard_range(total, i, n);
    let header = ShardHeader {
        kind: SHARD_KIND.into(),
        sweep_hash: format!("{:016x}", sweep.hash()),
        shard: i,
        shards: n,
        cells_total: total,
        first,
        end,
        params: sweep.axes.iter().map(|a| a.path.clone()).collect(),
        manifest: serde_json::to_value(sweep_manifest(&sweep, &o.flags.sets)?)?,
    };
    let started = std::time::Instant::now();
    if shard.is_some() {
        let dir = o
            .out
            .clone()
            .unwrap_or_else(|| PathBuf::from("results").join(format!("{name}.shards")));
        fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let done = dir.join(format!("shard-{i:04}-of-{n:04}.jsonl"));
        let _lock = OutputLock::acquire(&dir.join(format!(".shard-{i:04}-of-{n:04}.lock")), &done)?;
        let partial = dir.join(format!("shard-{i:04}-of-{n:04}.jsonl.partial"));
        if o.resume && done.exists() && read_header(&done).ok().as_ref() == Some(&header) {
            println!("{}: already complete", done.display());
            return Ok(());
        }
        let ran = compute(&sweep, &header, &partial, o, &pool)?;
        fs::rename(&partial, &done).with_context(|| format!("renaming to {}", done.display()))?;
        report_speed(ran, sweep.runs, started);
        println!(
            "shard {i}/{n}: cells {first}..{end} of {total} → {}",
            done.display()
        );
        return Ok(());
    }
    let out = o
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("results").join(&name));
    // Check and lock the target before computing anything.
    let dir = ResultsDir::create(&out)?;
    let checkpoint = dir.sibling("sweep-progress.jsonl");
    let ran = compute(&sweep, &header, &checkpoint, o, &pool)?;
    report_speed(ran, sweep.runs, started);
    let path = write_results(std::slice::from_ref(&checkpoint), dir, o.plots, &o.heat)?;
    fs::remove_file(&checkpoint).with_context(|| format!("removing {}", checkpoint.display()))?;
    print_sweep(&path)?;
    Ok(())
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

/// Computes the cells `header.first..header.end` into the record file `path` (continuing it
/// with `--resume`). Returns the number of cells computed now.
fn compute(
    sweep: &Sweep,
    header: &ShardHeader,
    path: &Path,
    o: &SweepOptions,
    pool: &rayon::ThreadPool,
) -> Result<u64> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let mut done = 0u64;
    if o.resume && path.exists() {
        done = resume_records(path, header)?;
        eprintln!(
            "resuming: {done} of {} cells already in {}",
            header.end - header.first,
            path.display()
        );
    } else {
        fs::write(path, record_line(header))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let file = fs::OpenOptions::new()
        .append(true)
        .open(path)
        .with_context(|| format!("opening {}", path.display()))?;
    let mut w = BufWriter::new(file);
    let todo = &sweep.cells[(header.first + done) as usize..header.end as usize];
    let bar = progress::cells_bar(
        header.end - header.first,
        done,
        sweep.runs,
        o.quiet || todo.is_empty(),
    );
    let mut cells_done = done;
    for batch in todo.chunks(BATCH) {
        let records: Vec<CellRecord> = pool.install(|| {
            batch
                .par_iter()
                .map(|c| -> Result<CellRecord> {
                    let sc = sweep
                        .scenario(c, strategies::catalog())
                        .with_context(|| format!("cell {}", c.index))?;
                    let eng = engine(&sc)?;
                    let plan = Plan {
                        seed: sweep.seed,
                        cell_hash: c.hash,
                        runs: sweep.runs,
                    };
                    let summary = run_cell(&eng, plan, &mut |_, _| Ok(()), &mut |_| {})?;
                    bar.inc(sweep.runs);
                    Ok(CellRecord {
                        cell: c.index,
                        values: c.values.clone(),
                        hash: format!("{:016x}", c.hash),
                        summary,
                    })
                })
                .collect::<Result<Vec<_>>>()
        })?;
        for r in &records {
            w.write_all(record_line(r).as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
        }
        w.flush()
            .with_context(|| format!("writing {}", path.display()))?;
        cells_done += records.len() as u64;
        bar.set_prefix(format!("{cells_done}/{}", header.end - header.first));
    }
    bar.finish_and_clear();
    Ok(todo.len() as u64)
}

/// Checks a checkpoint's header and keeps its complete records (dropping a torn last line).
fn resume_records(path: &Path, header: &ShardHeader) -> Result<u64> {
    let text = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut lines = text.split_inclusive(|b| *b == b'\n');
    let first_line = lines.next().unwrap_or_default();
    let found: Option<ShardHeader> = serde_json::from_slice(first_line).ok();
    if found.as_ref() != Some(header) {
        return Err(bad(format!(
            "{}: --resume: this checkpoint belongs to a different sweep, shard or pactsim \
             build; run without --resume to start over",
            path.display()
        )));
    }
    let mut keep = first_line.len();
    let mut done = 0;
    for line in lines {
        let ok = line.ends_with(b"\n")
            && serde_json::from_slice::<CellRecord>(line)
                .is_ok_and(|r| r.cell == header.first + done);
        if !ok {
            break;
        }
        keep += line.len();
        done += 1;
    }
    let f = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("opening {}", path.display()))?;
    f.set_len(keep as u64)
        .with_context(|| format!("truncating {}", path.display()))?;
    Ok(done)
}

fn read_header(path: &Path) -> Result<ShardHeader> {
    let f = fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut line = String::new();
    BufReader::new(f)
        .read_line(&mut line)
        .with_context(|| format!("reading {}", path.display()))?;
    let h: ShardHeader = serde_json::from_str(&line)
        .map_err(|e| bad(format!("{}: not a pactsim shard file: {e}", path.display())))?;
    if h.kind != SHARD_KIND {
        return Err(bad(format!(
            "{}: not a pactsim shard file (kind {:?})",
            path.display(),
            h.kind
        )));
    }
    Ok(h)
}

/// `pactsim merge`: shard files (or directories of them) → one results directory.
pub fn merge(
    inputs: &[PathBuf],
    out: &Path,
    plots: Option<PlotFormat>,
    heat: &charts::HeatOptions,
) -> Result<()> {
    let mut files = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = fs::read_dir(p)
                .with_context(|| format!("reading {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.file_name().is_some_and(|n| {
                        let n = n.to_string_lossy();
                        n.starts_with("shard-") && n.ends_with(".jsonl")
                    })
                })
                .collect();
            if found.is_empty() {
                return Err(bad(format!(
                    "{}: no shard-*.jsonl files in this directory",
                    p.display()
                )));
            }
            found.sort();
            files.extend(found);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            return Err(bad(format!(
                "{}: no such shard file or directory",
                p.display()
            )));
        }
    }
    let path = write_results(&files, ResultsDir::create(out)?, plots, heat)?;
    print_sweep(&path)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Checks that the record files cover every cell exactly once and streams them, in cell
/// order, into the results directory `dir` (manifest.json, summary.json, outcomes.csv, plots).
fn write_results(
    files: &[PathBuf],
    dir: ResultsDir,
    plots: Option<PlotFormat>,
    heat: &charts::HeatOptions,
) -> Result<PathBuf> {
    let mut shards: Vec<(ShardHeader, &PathBuf)> = Vec::new();
    for f in files {
        shards.push((read_header(f)?, f));
    }
    let (h0, f0) = shards
        .first()
        .map(|(h, f)| (h.clone(), (*f).clone()))
        .ok_or_else(|| bad("merge: no shard files given"))?;
    for (h, f) in &shards {
        if h.sweep_hash != h0.sweep_hash || h.cells_total != h0.cells_total {
            return Err(bad(format!(
                "{} and {} come from different sweeps (sweep hash {} vs {})",
                f0.display(),
                f.display(),
                h0.sweep_hash,
                h.sweep_hash
            )));
        }
    }
    shards.sort_by_key(|(h, _)| (h.first, h.end));
    let mut next = 0u64;
    let mut prev: Option<&PathBuf> = None;
    for (h, f) in &shards {
        if h.first > next {
            return Err(bad(format!(
                "cells {next}..{} are missing: no shard file has them (have {} shard files of \
                 {} cells)",
                h.first,
                shards.len(),
                h0.cells_total
            )));
        }
        if h.first < next {
            return Err(bad(format!(
                "cells {}..{} appear more than once: in {} and in {}",
                h.first,
                next.min(h.end),
                prev.map(|p| p.display().to_string()).unwrap_or_default(),
                f.display()
            )));
        }
        next = h.end;
        prev = Some(f);
    }
    if next != h0.cells_total {
        return Err(bad(format!(
            "cells {next}..{} are missing: no shard file has them",
            h0.cells_total
        )));
    }
    let manifest: Manifest = serde_json::from_value(h0.manifest.clone())
        .map_err(|e| bad(format!("{}: bad manifest in header: {e}", f0.display())))?;
    dir.write_json("manifest.json", &manifest)?;
    let csv_path = dir.path("outcomes.csv");
    let json_path = dir.path("summary.json");
    let mut csv = BufWriter::new(
        fs::File::create(&csv_path).with_context(|| format!("{}", csv_path.display()))?,
    );
    let mut json = BufWriter::new(
        fs::File::create(&json_path).with_context(|| format!("{}", json_path.display()))?,
    );
    let mut head = String::from("cell");
    for p in &h0.params {
        head.push(',');
        head.push_str(&csv_field(p));
    }
    head.push_str(",outcome,count,share,ci_low,ci_high\n");
    csv.write_all(head.as_bytes())?;
    let name = manifest
        .extra
        .pointer("/sweep/name")
        .and_then(|v| v.as_str())
        .unwrap_or("sweep");
    write!(
        json,
        "{{\n  \"sweep\": {},\n  \"runs_per_cell\": {},\n  \"params\": {},\n  \"cells\": [",
        serde_json::to_string(name)?,
        manifest.runs,
        serde_json::to_string(&h0.params)?
    )?;
    let mut cell = 0u64;
    for (h, f) in &shards {
        let reader =
            BufReader::new(fs::File::open(f).with_context(|| format!("opening {}", f.display()))?);
        let mut count = 0;
        for (k, line) in reader.lines().enumerate().skip(1) {
            let line = line.with_context(|| format!("reading {}", f.display()))?;
            let r: CellRecord = serde_json::from_str(&line).map_err(|e| {
                bad(format!(
                    "{}:{}: not a cell record (truncated shard?): {e}",
                    f.display(),
                    k + 1
                ))
            })?;
            if r.cell != cell || r.cell >= h.end {
                return Err(bad(format!(
                    "{}:{}: expected cell {cell}, found cell {} (shard covers {}..{})",
                    f.display(),
                    k + 1,
                    r.cell,
                    h.first,
                    h.end
                )));
            }
            let texts: Vec<String> = r.values.iter().map(|v| csv_field(&value_text(v))).collect();
            let mut rows = String::new();
            outcomes_csv_rows(r.cell, &texts, &r.summary, &mut rows);
            csv.write_all(rows.as_bytes())?;
            let sc = SummaryCell {
                cell: r.cell,
                values: h0.params.iter().cloned().zip(r.values.clone()).collect(),
                hash: r.hash.clone(),
                modal_outcome: r.modal().name().to_string(),
                summary: r.summary,
            };
            let pretty = serde_json::to_string_pretty(&sc)?;
            json.write_all(if cell == 0 { b"\n" } else { b",\n" })?;
            for (j, l) in pretty.lines().enumerate() {
                if j > 0 {
                    json.write_all(b"\n")?;
                }
                json.write_all(b"    ")?;
                json.write_all(l.as_bytes())?;
            }
            cell += 1;
            count += 1;
        }
        if count != h.end - h.first {
            return Err(bad(format!(
                "{}: has {count} cells, its header promises {} (cells {}..{}); incomplete shard",
                f.display(),
                h.end - h.first,
                h.first,
                h.end
            )));
        }
    }
    json.write_all(b"\n  ]\n}\n")?;
    csv.flush()?;
    json.flush()?;
    drop((csv, json));
    if let Some(fmt) = plots {
        let summary: SweepSummary = sim::output::read_json(&dir.path(""), "summary.json")?;
        charts::render_named(
            &dir.path(""),
            &charts::sweep_charts(&manifest, &summary, heat),
            &charts::formats(fmt),
        )?;
    }
    Ok(dir.commit()?)
}

/// Prints the per-cell table of a sweep results directory.
fn print_sweep(dir: &Path) -> Result<()> {
    let s: SweepSummary = sim::output::read_json(dir, "summary.json")?;
    let shown: Vec<Outcome> = Outcome::ALL
        .into_iter()
        .filter(|o| s.cells.iter().any(|c| c.summary.share(*o).count > 0))
        .collect();
    let mut out = String::new();
    out.push_str(&format!(
        "pactsim sweep: {} · {} cells × {} runs\n\n",
        s.sweep,
        s.cells.len(),
        s.runs_per_cell
    ));
    out.push_str(&format!("{:>5}", "cell"));
    for p in &s.params {
        out.push_str(&format!(" {:>14}", short(p)));
    }
    for o in &shown {
        out.push_str(&format!(" {:>10}", abbreviation(*o)));
    }
    out.push_str("  modal\n");
    for c in &s.cells {
        out.push_str(&format!("{:>5}", c.cell));
        for p in &s.params {
            let v = c.values.get(p).map(value_text).unwrap_or_default();
            out.push_str(&format!(" {v:>14}"));
        }
        for o in &shown {
            out.push_str(&format!(" {:>10.4}", c.summary.share(*o).share));
        }
        out.push_str(&format!("  {}\n", c.modal_outcome));
    }
    out.push_str(&format!(
        "\nshares per cell (95% Wilson CIs in outcomes.csv); columns: {}\nresults: {}\n",
        shown
            .iter()
            .map(|o| format!("{} = {}", abbreviation(*o), o.name()))
            .collect::<Vec<_>>()
            .join(", "),
        dir.display()
    ));
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to stdout"),
    }
}

fn short(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    if last.chars().count() > 14 {
        last.chars().take(14).collect()
    } else {
        last.to_string()
    }
}

/// Short column heading of an outcome class.
pub fn abbreviation(o: Outcome) -> &'static str {
    match o {
        Outcome::AmazonCollapse => "A_COLLAPSE",
        Outcome::Litigation => "LITIGATION",
        Outcome::LitigatedSettlement => "LIT_SETTLE",
        Outcome::AprilLikeStrict => "APR_STRICT",
        Outcome::AprilLikeBroad => "APR_BROAD",
        Outcome::OtherDeal => "OTHER_DEAL",
        Outcome::StatusQuoBackdown => "SQ_BACKDWN",
        Outcome::Impasse => "IMPASSE",
    }
}

/// Options of `pactsim sensitivity`.
pub struct SensitivityOptions {
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
    /// Morris trajectories.
    pub trajectories: usize,
    /// Morris grid levels.
    pub levels: u32,
    /// Bootstrap resamples of μ*'s interval.
    pub bootstrap: usize,
    /// Threads.
    pub threads: Option<usize>,
    /// Results directory.
    pub out: Option<PathBuf>,
    /// Plot formats, or no plots.
    pub plots: Option<PlotFormat>,
    /// No progress bar.
    pub quiet: bool,
}

/// `pactsim sensitivity` (`--method morris`).
pub fn sensitivity(o: &SensitivityOptions) -> Result<()> {
    if o.trajectories == 0 {
        return Err(bad("--trajectories 0: allowed values are 1 or more"));
    }
    if o.levels < 2 || o.levels > MAX_LEVELS {
        return Err(bad(format!(
            "--levels {}: allowed values are 2 to {MAX_LEVELS}",
            o.levels
        )));
    }
    if o.bootstrap == 0 {
        return Err(bad("--bootstrap 0: allowed values are 1 or more"));
    }
    crate::check_runs(o.runs)?;
    let ev = Evaluator::new(o.scenario.as_deref(), &o.set, o.seed, o.runs)?;
    let target = Target::parse(&o.target, ev.base.params().simulation.horizon_weeks)?;
    let base = &ev.base;
    let params = &ev.params;
    let seed = ev.seed;
    if params.len() > MAX_RANGES {
        return Err(bad(format!(
            "[ranges] has {} entries; at most {MAX_RANGES} can be varied (limit, see \
             configs/README.md)",
            params.len()
        )));
    }
    let k = params.len();
    let n_points = (k as u64 + 1)
        .checked_mul(o.trajectories as u64)
        .and_then(|m| m.checked_add(1 + 2 * k as u64))
        .filter(|&n| n <= MAX_SENSITIVITY_POINTS);
    if n_points.is_none() {
        return Err(bad(format!(
            "--trajectories {}: with {k} parameters this is more than {MAX_SENSITIVITY_POINTS} \
             evaluation points (limit, see configs/README.md)",
            o.trajectories
        )));
    }
    // Evaluation points, as overrides (all parameters set explicitly).
    let base_point: Vec<f64> = params.iter().map(|p| p.base).collect();
    let mut points: Vec<(String, Vec<f64>)> = vec![("base".into(), base_point.clone())];
    for (i, p) in params.iter().enumerate() {
        for (tag, u) in [("low", 0.0), ("high", 1.0)] {
            let mut v = base_point.clone();
            v[i] = p.at(u);
            points.push((format!("oat {} {tag}", p.path), v));
        }
    }
    let design = morris_design(k, o.trajectories, o.levels, seed);
    for (t, tr) in design.iter().enumerate() {
        for (j, u) in tr.points.iter().enumerate() {
            points.push((format!("morris {t}.{j}"), ev.at_unit(u)));
        }
    }
    let values: Vec<Vec<f64>> = points.iter().map(|(_, v)| v.clone()).collect();
    let pool = pool(o.threads)?;
    // Validate every point up front (bad ranges are bad input, reported before running).
    for (label, v) in &points {
        ev.scenario_at(v)
            .with_context(|| format!("sensitivity point {label}"))?;
    }
    let out = o.out.clone().unwrap_or_else(|| {
        PathBuf::from("results").join(format!(
            "{}-sensitivity-{}",
            base.name(),
            target.name().to_lowercase().replace(['+', '.'], "-")
        ))
    });
    let dir = ResultsDir::create(&out)?;
    let bar = ev.bar(points.len(), o.quiet);
    let started = std::time::Instant::now();
    let summaries = ev.evaluate(&values, seed, &pool, &bar)?;
    bar.finish_and_clear();
    report_speed(points.len() as u64, o.runs, started);
    let share = |s: &Summary| target.value(s);
    let base_share = share(&summaries[0]);
    let mut oat: Vec<OneAtATime> = params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (lo, hi) = (share(&summaries[1 + 2 * i]), share(&summaries[2 + 2 * i]));
            OneAtATime {
                parameter: p.clone(),
                share_low: lo,
                share_high: hi,
                swing: hi - lo,
            }
        })
        .collect();
    oat.sort_by(|a, b| b.swing.abs().total_cmp(&a.swing.abs()));
    let offset = 1 + 2 * k;
    let y: Vec<Vec<f64>> = design
        .iter()
        .enumerate()
        .map(|(t, _)| {
            (0..=k)
                .map(|j| share(&summaries[offset + t * (k + 1) + j]))
                .collect()
        })
        .collect();
    // Elementary effects by trajectory, for the bootstrap of μ*.
    let ee: Vec<Vec<f64>> = design
        .iter()
        .zip(&y)
        .map(|(t, ys)| {
            let mut e = vec![0.0; k];
            for (j, (&i, &d)) in t.order.iter().zip(&t.step).enumerate() {
                e[i] = (ys[j + 1] - ys[j]) / d;
            }
            e
        })
        .collect();
    let ci = pool
        .install(|| analysis::morris::mu_star_intervals(&ee, o.bootstrap, 0.95, seed))
        .map_err(|e| bad(e.to_string()))?;
    let names: Vec<String> = params.iter().map(|p| p.path.clone()).collect();
    let ranking = analysis::morris::ranking_by_mu_star(
        &names,
        &ci,
        analysis::ranking::RankingOptions::default(),
    );
    let mut morris: Vec<MorrisRow> = params
        .iter()
        .zip(morris_effects(k, &design, &y))
        .zip(&ci)
        .map(|((p, effect), c)| MorrisRow {
            path: p.path.clone(),
            effect,
            mu_star_lo: Some(c.lo),
            mu_star_hi: Some(c.hi),
        })
        .collect();
    morris.sort_by(|a, b| b.effect.mu_star.total_cmp(&a.effect.mu_star));
    let summary = SensitivitySummary {
        target: target.name(),
        runs_per_point: o.runs,
        base_share,
        standard_error: target.noise_variance(&summaries[0]).map(f64::sqrt),
        one_at_a_time: oat,
        morris_design: [o.trajectories as u64, u64::from(o.levels)],
        morris,
        morris_ranking: Some(ranking),
    };
    let extra = serde_json::json!({
        "sensitivity": {
            "target": target.name(),
            "parameters": params,
            "points": points.len(),
            "morris": { "trajectories": o.trajectories, "levels": o.levels, "bootstrap": o.bootstrap },
        }
    });
    let m = manifest(base, "sensitivity", seed, o.runs, extra)?;
    dir.write_json("manifest.json", &m)?;
    dir.write_json("summary.json", &summary)?;
    // outcomes.csv: every evaluation point with all varied parameters.
    let mut csv = String::from("cell,point");
    for p in params {
        csv.push(',');
        csv.push_str(&csv_field(&p.path));
    }
    csv.push_str(",outcome,count,share,ci_low,ci_high\n");
    for (i, ((label, v), s)) in points.iter().zip(&summaries).enumerate() {
        let mut vals = vec![label.clone()];
        vals.extend(v.iter().map(|x| format!("{x:?}")));
        outcomes_csv_rows(i as u64, &vals, s, &mut csv);
    }
    dir.write_text("outcomes.csv", &csv)?;
    let warning = summary
        .morris_ranking
        .as_ref()
        .and_then(|r| r.warning.clone())
        .unwrap_or_default();
    dir.write_text("warning.txt", &format!("{warning}\n"))?;
    if let Some(f) = o.plots {
        charts::render_named(
            &dir.path(""),
            &charts::sensitivity_charts(&m, &summary),
            &charts::formats(f),
        )?;
    }
    let path = dir.commit()?;
    print_sensitivity(&summary, &path)
}

fn print_sensitivity(s: &SensitivitySummary, dir: &Path) -> Result<()> {
    let mut out = format!(
        "pactsim sensitivity: {} · {} runs per point · base value {:.4} (MC s.e. {})\n\n",
        s.target,
        s.runs_per_point,
        s.base_share,
        s.standard_error
            .map_or("unknown".to_string(), |e| format!("{e:.4}"))
    );
    out.push_str(&format!(
        "{:<40} {:>9} {:>9} {:>9} {:>9} {:>8}\n",
        "one at a time (ranked by |swing|)", "low", "high", "at low", "at high", "swing"
    ));
    for r in &s.one_at_a_time {
        out.push_str(&format!(
            "{:<40} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {:>+8.4}\n",
            r.parameter.path, r.parameter.low, r.parameter.high, r.share_low, r.share_high, r.swing
        ));
    }
    out.push_str(&format!(
        "\n{:<40} {:>9} {:>19} {:>9} {:>9}   ({} trajectories, {} levels; per full range)\n",
        "Morris elementary effects (ranked by μ*)",
        "μ*",
        "95% CI",
        "μ",
        "σ",
        s.morris_design[0],
        s.morris_design[1]
    ));
    for r in &s.morris {
        out.push_str(&format!(
            "{:<40} {:>9.4} [{:>7.4}, {:>7.4}] {:>+9.4} {:>9.4}\n",
            r.path,
            r.effect.mu_star,
            r.mu_star_lo.unwrap_or(f64::NAN),
            r.mu_star_hi.unwrap_or(f64::NAN),
            r.effect.mu,
            r.effect.sigma
        ));
    }
    if let Some(w) = s.morris_ranking.as_ref().and_then(|r| r.warning.as_ref()) {
        out.push_str(&format!("\n{w}\n"));
    }
    out.push_str(&format!("results: {}\n", dir.display()));
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to stdout"),
    }
}
