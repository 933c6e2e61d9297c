//! Reading the user's input files: scenario files (with their bases), sweep files (with their
//! base scenario, `[scenario]` changes and the `sweep` command's `--runs`/`--seed`/`--set`),
//! and `pactsim validate`, which recognises scenario, sweep, tournament and facts files and
//! reports every problem of each in one pass.

use crate::cmd_calibrate::FactsFile;
use crate::{bad, DEFAULT_SCENARIO, DEFAULT_SCENARIO_NAME};
use anyhow::Result;
use sim::layers::{Bases, Document, Embedded};
use sim::scenario::{Problem, ProblemKind};
use sim::shape;
use sim::sweep::{Sweep, SweepFile};
use sim::{Scenario, ScenarioError};
use std::path::{Path, PathBuf};

/// The scenarios a `base` may name without a path.
const EMBEDDED: &[Embedded<'static>] = &[Embedded {
    key: "april-2026",
    display: DEFAULT_SCENARIO_NAME,
    text: DEFAULT_SCENARIO,
}];

/// Where bases are found.
pub(crate) fn bases() -> Bases<'static> {
    Bases { embedded: EMBEDDED }
}

pub(crate) fn read(path: &Path, what: &str) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| bad(format!("{}: cannot read {what} file: {e}", path.display())))
}

/// The scenario document of `path` with its bases merged (the embedded default when `None`).
/// When its base cannot be loaded, the error also names the file's other problems and those
/// of `sets` (the overrides it is to be read with).
pub(crate) fn scenario_document(path: Option<&Path>, sets: &[String]) -> Result<Document> {
    Ok(match path {
        Some(p) => {
            let text = read(p, "scenario")?;
            let name = p.display().to_string();
            let catalog = strategies::catalog();
            sim::scenario::load_document(&bases(), &text, &name, p.parent(), sets, catalog)?
        }
        None => Bases::single(DEFAULT_SCENARIO, DEFAULT_SCENARIO_NAME)?,
    })
}

/// Reads, overrides and validates a scenario (the embedded default when `path` is `None`).
pub fn load_scenario(path: Option<&Path>, sets: &[String]) -> Result<Scenario> {
    let doc = scenario_document(path, sets)?;
    let scenario = Scenario::from_document(&doc, sets, strategies::catalog())?;
    scenario.check_range_ends(&doc, strategies::catalog())?;
    Ok(scenario)
}

/// What `pactsim sweep` may change on the command line, applied to every cell.
#[derive(Debug, Clone, Default)]
pub struct SweepFlags {
    /// Runs per cell instead of `sweep.runs`.
    pub runs: Option<u64>,
    /// Master seed instead of `sweep.seed`.
    pub seed: Option<u64>,
    /// `path=value` overrides added to `sweep.set`.
    pub sets: Vec<String>,
}

/// Reads and validates a sweep file and its base scenario, with the command-line flags.
pub fn load_sweep(path: &Path, flags: &SweepFlags) -> Result<Sweep> {
    let text = read(path, "sweep")?;
    let source = path.display().to_string();
    // Every problem of the file is reported together: its shape problems, then what the
    // checks of the (repaired) file find.
    let (file, shape) = SweepFile::read(&text, &source)?;
    let Some(mut file) = file else {
        return Err(shape.error(&source, Vec::new()).into());
    };
    let at = |key: &str, value: String, message: String| Problem {
        kind: ProblemKind::Other,
        path: key.to_string(),
        location: SweepFile::locate(&text, key),
        value,
        message,
    };
    // A base that cannot be loaded is reported beside the file's other problems, which are
    // checked without it (the `[scenario]` changes on their own, the axes against the
    // scenario's keys).
    let mut unloaded = Vec::new();
    let named = match (&file.base, &file.sweep.scenario) {
        (Some(b), Some(s)) => {
            unloaded.push(at(
                "sweep.scenario",
                format!("{s:?}"),
                format!("the sweep already names its base scenario (base = {b:?}); keep one"),
            ));
            None
        }
        (Some(b), None) => Some(("base", b.clone())),
        (None, Some(s)) => Some(("sweep.scenario", s.clone())),
        (None, None) => None,
    };
    let loaded = match named {
        Some((key, wanted)) => {
            match bases().load_base(&wanted, Some(path.parent().unwrap_or(Path::new(".")))) {
                Ok(doc) => Some(doc),
                // The base itself was not found: reported at the sweep file's key.
                Err(e) if e.source.is_empty() => {
                    let found = e.problems.into_iter();
                    unloaded.extend(found.map(|p| at(key, p.value, p.message)));
                    None
                }
                // A problem of the base file itself: reported in that file.
                Err(e) => return Err(e.into()),
            }
        }
        None if unloaded.is_empty() => {
            Some(Bases::single(DEFAULT_SCENARIO, DEFAULT_SCENARIO_NAME)?)
        }
        None => None,
    };
    let mut doc = match loaded {
        Some(doc) => doc,
        None => Bases::without_base("", "<base not loaded>")?,
    };
    if let Some(changes) = file.scenario.take() {
        doc.overlay(changes, &source, &text, "scenario");
    }
    if let Some(runs) = flags.runs {
        file.sweep.runs = runs;
    }
    if let Some(seed) = flags.seed {
        file.sweep.seed = Some(seed);
    }
    for s in &flags.sets {
        let p = s.split_once('=').map_or(s.as_str(), |(p, _)| p).trim();
        if let Some(i) = file.axis.iter().position(|a| a.path.trim() == p) {
            return Err(bad(format!(
                "--set {s}: {p} is swept by axis {i} of {source}; a --set applies to every \
                 cell, so it may not name a swept parameter"
            )));
        }
        file.sweep.set.push(s.clone());
    }
    let built = Sweep::build(file, &text, &source, &doc, strategies::catalog());
    if unloaded.is_empty() {
        return Ok(shape.finish(&source, built)?);
    }
    unloaded.extend(built.err().into_iter().flat_map(|e| e.problems));
    Err(shape.error(&source, unloaded).into())
}

/// The kinds of file `pactsim validate` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileKind {
    /// A scenario file (`[meta]`, `[simulation]`, … or a `base` and changes).
    Scenario,
    /// A sweep file (`[sweep]` and `[[axis]]`).
    Sweep,
    /// A repeated-game tournament file (`players = […]`).
    Tournament,
    /// A Moran process file (`players = […]` with `NAME*COUNT` entries, or Moran's own keys
    /// `mutation_rate`, `max_generations`).
    Moran,
    /// A facts file for `calibrate` (`[[fact]]`).
    Facts,
    /// A strategies file for `metagame` (`[[microsoft]]`, `[[openai]]`, `[[amazon]]` lists),
    /// checked against the embedded baseline's catalogue.
    Strategies,
    /// A Merlo–Wilson pie file for `bargain --pie` (`[pie]`).
    Pie,
}

impl FileKind {
    /// The kind a document's top-level keys suggest.
    fn detect(table: &toml::Table) -> FileKind {
        if table.contains_key("sweep") || table.contains_key("axis") {
            FileKind::Sweep
        } else if table.contains_key("fact") {
            FileKind::Facts
        } else if table.contains_key("pie") {
            FileKind::Pie
        } else if table.contains_key("players") {
            let counted = matches!(table.get("players"), Some(toml::Value::Array(a))
                if a.iter().any(|p| p.as_str().is_some_and(|p| p.contains('*'))));
            if counted
                || table.contains_key("mutation_rate")
                || table.contains_key("max_generations")
            {
                FileKind::Moran
            } else {
                FileKind::Tournament
            }
        } else if ["microsoft", "openai", "amazon"]
            .iter()
            .any(|k| matches!(table.get(*k), Some(toml::Value::Array(_))))
        {
            FileKind::Strategies
        } else {
            FileKind::Scenario
        }
    }

    fn name(self) -> &'static str {
        match self {
            FileKind::Scenario => "scenario",
            FileKind::Sweep => "sweep",
            FileKind::Tournament => "tournament",
            FileKind::Moran => "moran",
            FileKind::Facts => "facts",
            FileKind::Strategies => "strategies",
            FileKind::Pie => "pie",
        }
    }
}

/// Checks one file of a simple kind (tournament, facts): every shape problem located in the
/// text, then (when the shape is right) the kind's own checks.
fn check_simple<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    semantic: &dyn Fn(&T) -> Result<(), Vec<Problem>>,
) -> Result<(), ScenarioError> {
    let source = path.display().to_string();
    let table = sim::layers::parse(text, &source)?;
    let shaped = shape::read_all::<T>(&table);
    let mut problems = shaped.problems.clone();
    if let Some(v) = &shaped.value {
        if let Err(more) = semantic(v) {
            problems.extend(more.into_iter().filter(|p| !shaped.touches_repair(&p.path)));
        }
    }
    for p in &mut problems {
        if p.location.is_none() {
            p.location = sim::layers::locate_path(text, &p.path);
        }
    }
    problems.sort_by_key(|p| p.location.unwrap_or((usize::MAX, 0)));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ScenarioError { source, problems })
    }
}

fn facts_problems(f: &FactsFile) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    if f.fact.is_empty() {
        problems.push(Problem {
            kind: ProblemKind::Other,
            path: "fact".into(),
            location: None,
            value: "[]".into(),
            message: "no [[fact]] entries: give one or more".into(),
        });
    }
    for (i, x) in f.fact.iter().enumerate() {
        let mut bad = |key: &str, value: String, message: String| {
            problems.push(Problem {
                kind: ProblemKind::Other,
                path: format!("fact[{i}].{key}"),
                location: None,
                value,
                message,
            })
        };
        let near = x.observed.is_some() || x.tolerance.is_some();
        let band = x.min.is_some() || x.max.is_some();
        if near && band {
            let key = if x.min.is_some() { "min" } else { "max" };
            let v = x.min.or(x.max).unwrap_or_default();
            bad(
                key,
                v.to_string(),
                "a fact is either observed ± tolerance or a band (min and/or max), not both".into(),
            );
            continue;
        }
        if !near && !band {
            bad(
                "statistic",
                format!("{:?}", x.statistic),
                "give observed and tolerance (met when |run − observed| ≤ tolerance), or min \
                 and/or max (met when min ≤ run ≤ max)"
                    .into(),
            );
            continue;
        }
        if near {
            for (key, v, ok, allowed) in [
                (
                    "observed",
                    x.observed,
                    x.observed.is_some_and(f64::is_finite),
                    "a finite number, given with tolerance",
                ),
                (
                    "tolerance",
                    x.tolerance,
                    x.tolerance.is_some_and(|t| t.is_finite() && t >= 0.0),
                    "a finite number ≥ 0, given with observed",
                ),
            ] {
                if !ok {
                    let value = v.map_or_else(|| "(missing)".to_string(), |v| v.to_string());
                    bad(key, value, format!("allowed: {allowed}"));
                }
            }
            continue;
        }
        for (key, v) in [("min", x.min), ("max", x.max)] {
            if let Some(v) = v.filter(|v| !v.is_finite()) {
                bad(key, v.to_string(), "allowed: a finite number".into());
            }
        }
        if let (Some(lo), Some(hi)) = (x.min, x.max) {
            if lo > hi {
                bad(
                    "max",
                    hi.to_string(),
                    format!("must be at least min = {lo}"),
                );
            }
        }
    }
    // Each statistic must name a field of the run summary; checked here, with the values, so
    // that every problem of the file comes out in one pass (and `validate` sees it too).
    if let Ok(shape) = crate::summary_shape() {
        for (i, x) in f.fact.iter().enumerate() {
            if let Err(e) = sim::evaluate::statistic(shape, &x.statistic) {
                problems.push(Problem {
                    kind: ProblemKind::Other,
                    path: format!("fact[{i}].statistic"),
                    location: None,
                    value: format!("{:?}", x.statistic),
                    message: match e.problem {
                        // A missing path lists what the summary has at its top level.
                        sim::evaluate::StatisticProblem::Missing(_) => format!(
                            "{} (fields of summary.json: {})",
                            e.problem,
                            sim::evaluate::summary_fields(shape)
                        ),
                        _ => e.problem.to_string(),
                    },
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Checks a Merlo–Wilson pie file for `bargain --pie` (shape and values), reporting every
/// problem with its line.
pub(crate) fn check_pie(path: &Path, text: &str) -> Result<(), ScenarioError> {
    check_simple::<crate::cmd_pie::PieFile>(path, text, &crate::cmd_pie::pie_problems)
}

/// Checks a facts file (shape and values), reporting every problem.
pub(crate) fn check_facts(path: &Path, text: &str) -> Result<(), ScenarioError> {
    check_simple::<FactsFile>(path, text, &facts_problems)
}

/// Checks one file; `Ok(description)` when it is valid.
fn check_file(path: &Path, kind: Option<FileKind>) -> Result<String> {
    let text = read(path, "input")?;
    let source = path.display().to_string();
    let kind = match kind {
        Some(k) => k,
        None => FileKind::detect(&sim::layers::parse(&text, &source)?),
    };
    match kind {
        FileKind::Scenario => {
            let s = load_scenario(Some(path), &[])?;
            Ok(format!("scenario {}", s.name()))
        }
        FileKind::Sweep => {
            let s = load_sweep(path, &SweepFlags::default())?;
            Ok(format!("sweep {}, {} cells", s.name, s.cells.len()))
        }
        FileKind::Facts => {
            check_facts(path, &text)?;
            Ok("facts".into())
        }
        FileKind::Strategies => {
            let baseline = load_scenario(None, &[])?;
            let sets =
                strategies::metagame::spec::StrategySets::from_toml(&text, &source, &baseline)?;
            Ok(format!("metagame strategies, {} profiles", sets.profiles()))
        }
        FileKind::Pie => {
            check_pie(path, &text)?;
            let f: crate::cmd_pie::PieFile = toml::from_str(&text)?;
            Ok(format!("pie, {} states", f.pie.pies.len()))
        }
        FileKind::Moran => {
            let m = crate::cmd_moran::load(Some(path), &Default::default())?;
            Ok(format!(
                "moran, {} individuals of {} types",
                m.counts.iter().map(|&c| u64::from(c)).sum::<u64>(),
                m.types.len()
            ))
        }
        FileKind::Tournament => {
            let (cfg, _) = crate::cmd_tournament::load(path)?;
            Ok(format!("tournament, {} players", cfg.players.len()))
        }
    }
}

/// `pactsim validate`: checks every file, printing each one's problems; bad input (exit 2)
/// when any file is invalid.
pub(crate) fn validate(files: &[PathBuf], kind: Option<FileKind>) -> Result<()> {
    let mut failures = Vec::new();
    for f in files {
        match check_file(f, kind) {
            Ok(what) => outln!("{}: ok ({what})", f.display())?,
            Err(e) => {
                outln!("{e:#}")?;
                failures.push(f.display().to_string());
            }
        }
    }
    if failures.is_empty() {
        return Ok(());
    }
    let kinds = kind
        .map(|k| format!(" as {} files", k.name()))
        .unwrap_or_default();
    Err(bad(format!(
        "{} of {} files invalid{kinds}: {}",
        failures.len(),
        files.len(),
        failures.join(", ")
    )))
}
