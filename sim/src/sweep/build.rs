//! [`Sweep::build`]: a sweep file → a validated [`Sweep`], in named steps (the base scenario,
//! the file's settings, the axes, the grid's size, the design's points, the cells). Every step
//! reports every problem it finds, naming the cell, the parameter and the file location; an
//! invalid base scenario (its `[scenario]` changes, `sweep.set`, the base file, or a base that
//! could not be loaded) does not stop the checks of the settings, the axes and each cell's
//! swept values, only the building of cells.

use super::axis::build_axes;
use super::design::{grid_points, latin_hypercube};
use super::{json_of, toml_text, Axis, Cell, Sweep};
use crate::layers::{Bases, Document};
use crate::limits::{MAX_AXES, MAX_CELLS, MAX_RUNS};
use crate::overrides::lookup;
use crate::scenario::{Problem, ProblemKind, Scenario, ScenarioError};
use crate::strategy::Catalog;
use crate::sweep_file::{DesignKind, SweepFile};

/// A cell's values and, for explicit points, the point's location in the file.
type Point = (Vec<toml::Value>, Option<(usize, usize)>);

/// Where an axis is in the sweep file.
pub(super) type Location = Option<(usize, usize)>;

impl Sweep {
    /// Validates `file` (from `source`, whose text is `text`) against the base scenario
    /// document `base_doc` (the sweep's `base` with its `[scenario]` changes) and builds every
    /// cell through the same validation as `pactsim run`, keeping each cell's validated
    /// scenario. Every problem found is reported, naming the cell and the parameter, in line
    /// order; the base scenario's problems are placed in the sweep file where it wrote them.
    pub fn build(
        file: SweepFile,
        text: &str,
        source: &str,
        base_doc: &Document,
        catalog: &dyn Catalog,
    ) -> Result<Sweep, ScenarioError> {
        // Problems of `[sweep]` keys are placed at the key's line in the file; all in line
        // order (those without a line last).
        let err = |mut problems: Vec<Problem>| {
            for p in &mut problems {
                if p.location.is_none() && p.path.starts_with("sweep.") {
                    p.location = crate::location::locate(text, &p.path);
                }
            }
            problems.sort_by_key(|p| p.location.unwrap_or((usize::MAX, 0)));
            ScenarioError {
                source: source.to_string(),
                problems,
            }
        };
        let s = &file.sweep;
        let mut problems = Vec::new();
        // An invalid base does not stop the checks of the sweep's own settings and axes,
        // which are made against the base as far as it can be read.
        let (base, base_value) = match Scenario::from_document(base_doc, &s.set, catalog) {
            Ok(base) => {
                let value = toml::Value::try_from(base.file()).expect("scenario serialises");
                (Some(base), Some(value))
            }
            Err(e) => {
                problems.extend(base_problems(e, &s.set, source, text));
                (None, stand_in(base_doc))
            }
        };
        let of_base = problems.len();
        let samples = match check_settings(&file, &mut problems) {
            Ok(samples) => samples,
            Err(p) => {
                problems.push(p);
                return Err(err(problems));
            }
        };
        // The design's points need its own settings; the others (name, runs) stop nothing.
        let design_ok = !problems[of_base..]
            .iter()
            .any(|p| p.path == "sweep.samples" || p.path == "sweep.points");
        let of_settings = problems.len();
        let (axes, grid_values) = match &base_value {
            Some(v) => build_axes(&file, text, v, &mut problems),
            None => (Vec::new(), Vec::new()),
        };
        let (Some(base_value), true) = (
            base_value,
            design_ok && problems.len() == of_settings && axes.len() == file.axis.len(),
        ) else {
            return Err(err(problems));
        };
        if s.design == DesignKind::Grid {
            if let Err(p) = check_grid_size(&grid_values) {
                problems.push(p);
                return Err(err(problems));
            }
        }
        let base_seed = match &base {
            Some(base) => base.params().simulation.seed,
            None => lookup(&base_value, "simulation.seed")
                .and_then(toml::Value::as_integer)
                .map_or(0, |seed| seed as u64),
        };
        let seed = s.seed.unwrap_or(base_seed);
        let design = Design {
            axes: &axes,
            grid_values: &grid_values,
            base_value: &base_value,
            samples,
            seed,
        };
        let points = design_points(&file, text, &design, &mut problems);
        if problems.len() > of_settings {
            return Err(err(problems));
        }
        let Some(base) = base else {
            // Each cell's swept values are still checked, on the base as far as it can be
            // read; the cells' other problems come from the base, reported above.
            let Some(stand_in) = stand_in_document(&base_value, base_doc.name()) else {
                return Err(err(problems));
            };
            let mut found = Vec::new();
            build_cells(&file, text, &stand_in, catalog, &axes, points, &mut found);
            problems.extend(found.into_iter().filter(|p| {
                let swept = p
                    .path
                    .strip_prefix("cell ")
                    .and_then(|c| c.split_once(": "));
                swept.is_some_and(|(_, path)| axes.iter().any(|a| a.path == path))
            }));
            return Err(err(problems));
        };
        let cells = build_cells(&file, text, base_doc, catalog, &axes, points, &mut problems);
        if !problems.is_empty() {
            return Err(err(problems));
        }
        Ok(Sweep {
            name: s.name.clone(),
            description: s.description.clone(),
            runs: s.runs,
            seed,
            design: s.design,
            axes,
            cells,
            base,
        })
    }
}

/// The problems of the base scenario `e` (the sweep's base with its `[scenario]` changes and
/// `sets`, the `sweep.set` entries and `--set` flags) as problems of the sweep file `source`
/// whose text is `text`: a value the file's `[scenario]` wrote at its line, named
/// `scenario.<path>`; an entry of the file's `sweep.set` at that key's line; a `--set` flag's
/// as it is; a value of a base file with a note naming the file (and line).
fn base_problems(e: ScenarioError, sets: &[String], source: &str, text: &str) -> Vec<Problem> {
    // The `sweep.set` entries written in the file (the others are `--set` flags).
    let written: Vec<String> = toml::from_str::<toml::Table>(text)
        .ok()
        .and_then(|t| t.get("sweep")?.get("set")?.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    // The override a problem comes from (scenario.rs marks them), if any.
    let from_set = |p: &Problem| {
        let marked = p.path == "--set"
            || p.message.starts_with("--set: ")
            || p.message.ends_with(" (value from --set)");
        if p.location.is_some() || !marked {
            return None;
        }
        sets.iter().find(|o| {
            let path = o.split_once('=').map_or("", |(k, _)| k.trim());
            (p.path == "--set" && p.value == o.as_str())
                || (!path.is_empty() && (p.path == path || p.path.starts_with(&format!("{path}."))))
        })
    };
    e.problems
        .into_iter()
        .map(|mut p| {
            if let Some(o) = from_set(&p).filter(|o| written.contains(o)) {
                let message = p
                    .message
                    .trim_start_matches("--set: ")
                    .trim_end_matches(" (value from --set)");
                let at = match o.split_once('=') {
                    Some((path, _)) if path.trim() != p.path => {
                        format!(" ({} = {})", p.path, p.value)
                    }
                    _ => String::new(),
                };
                return Problem {
                    kind: ProblemKind::Other,
                    path: "sweep.set".into(),
                    location: crate::location::locate(text, "sweep.set"),
                    value: format!("{o:?}"),
                    message: format!("{message}{at}"),
                };
            }
            if from_set(&p).is_some() {
                return p;
            }
            match (e.source == source, p.location) {
                // Written by the sweep file's `[scenario]`.
                (true, Some(_)) => p.path = format!("scenario.{}", p.path),
                // In the base file itself (the sweep changes nothing of the base).
                (false, Some((line, col))) => {
                    p.location = None;
                    p.message
                        .push_str(&format!(" (set in base {}:{line}:{col})", e.source));
                }
                (false, None) => p.message.push_str(&format!(" (base {})", e.source)),
                // In a base file under the changes (its note names the file and line), or
                // not written anywhere.
                (true, None) => {}
            }
            p
        })
        .collect()
}

/// What the axes of a sweep are checked against when its base scenario is invalid: the base
/// as read with placeholders where its shape is wrong, so that every parameter path has a
/// value of its type (`None` when it cannot be read at all).
fn stand_in(base_doc: &Document) -> Option<toml::Value> {
    let shaped = crate::shape::read_all::<crate::schema::ScenarioFile>(base_doc.table());
    toml::Value::try_from(shaped.value?).ok()
}

/// The stand-in base `value` ([`stand_in`]) as a document named `name`, for checking the
/// cells' swept values when the base is invalid.
fn stand_in_document(value: &toml::Value, name: &str) -> Option<Document> {
    let text = toml::to_string(value).ok()?;
    Bases::single(&text, name).ok()
}

/// Checks `[sweep]` (runs, samples, points) and the number of axes; returns the number of
/// Latin-hypercube samples (0 for other designs). Too many axes stops at once.
fn check_settings(file: &SweepFile, problems: &mut Vec<Problem>) -> Result<u64, Problem> {
    let s = &file.sweep;
    if let Err(allowed) = crate::names::check_name(&s.name) {
        push(
            problems,
            "sweep.name",
            None,
            format!("{:?}", s.name),
            allowed,
        );
    }
    if s.runs == 0 {
        push(
            problems,
            "sweep.runs",
            None,
            "0".into(),
            "runs per cell must be 1 or more".into(),
        );
    } else if s.runs > MAX_RUNS {
        push(
            problems,
            "sweep.runs",
            None,
            s.runs.to_string(),
            format!("runs per cell must be at most {MAX_RUNS} (limit, see configs/README.md)"),
        );
    }
    if file.axis.len() > MAX_AXES {
        return Err(Problem {
            kind: ProblemKind::Other,
            path: "axis".into(),
            location: None,
            value: file.axis.len().to_string(),
            message: format!("a sweep has at most {MAX_AXES} axes (limit)"),
        });
    }
    if file.axis.is_empty() {
        push(
            problems,
            "axis",
            None,
            String::new(),
            "a sweep needs at least one [[axis]]".into(),
        );
    }
    let samples = match (s.design, s.samples) {
        (DesignKind::LatinHypercube, None) => {
            push(
                problems,
                "sweep.samples",
                None,
                String::new(),
                "a latin-hypercube design needs samples = N (1 or more)".into(),
            );
            0
        }
        (DesignKind::LatinHypercube, Some(0)) => {
            push(
                problems,
                "sweep.samples",
                None,
                "0".into(),
                "samples must be 1 or more".into(),
            );
            0
        }
        (DesignKind::LatinHypercube, Some(n)) if n > MAX_CELLS => {
            push(
                problems,
                "sweep.samples",
                None,
                n.to_string(),
                format!("samples must be at most {MAX_CELLS} (cell limit, see configs/README.md)"),
            );
            0
        }
        (DesignKind::LatinHypercube, Some(n)) => n,
        (_, Some(n)) => {
            push(
                problems,
                "sweep.samples",
                None,
                n.to_string(),
                "samples is only meaningful with design = \"latin-hypercube\"".into(),
            );
            0
        }
        (_, None) => 0,
    };
    match (s.design, &s.points) {
        (DesignKind::Points, None) => push(
            problems,
            "sweep.points",
            None,
            String::new(),
            "a points design needs points = [[v1, v2, …], …], values in axis order".into(),
        ),
        (DesignKind::Points, Some(p)) if p.len() as u64 > MAX_CELLS => push(
            problems,
            "sweep.points",
            None,
            p.len().to_string(),
            format!("at most {MAX_CELLS} points (cell limit, see configs/README.md)"),
        ),
        (DesignKind::Points, Some(p)) if p.is_empty() => push(
            problems,
            "sweep.points",
            None,
            "[]".into(),
            "a points design needs at least one point".into(),
        ),
        (DesignKind::Grid | DesignKind::LatinHypercube, Some(_)) => push(
            problems,
            "sweep.points",
            None,
            String::new(),
            "points is only meaningful with design = \"points\"".into(),
        ),
        _ => {}
    }
    Ok(samples)
}

/// Refuses a grid of more than [`MAX_CELLS`] cells (before building any).
fn check_grid_size(grid_values: &[Vec<toml::Value>]) -> Result<(), Problem> {
    let cells = grid_values
        .iter()
        .try_fold(1u64, |n, v| n.checked_mul(v.len() as u64))
        .filter(|&n| n <= MAX_CELLS);
    if cells.is_none() {
        let sizes: Vec<String> = grid_values.iter().map(|v| v.len().to_string()).collect();
        return Err(Problem {
            kind: ProblemKind::Other,
            path: "axis".into(),
            location: None,
            value: sizes.join(" × "),
            message: format!(
                "the grid has more than {MAX_CELLS} cells (limit, see configs/README.md); \
                     use fewer values, a latin-hypercube design or several sweeps"
            ),
        });
    }
    Ok(())
}

/// What the design's points are made from.
struct Design<'a> {
    axes: &'a [Axis],
    grid_values: &'a [Vec<toml::Value>],
    base_value: &'a toml::Value,
    samples: u64,
    seed: u64,
}

/// The points of the design: each cell's values, axis order.
fn design_points(
    file: &SweepFile,
    text: &str,
    d: &Design,
    problems: &mut Vec<Problem>,
) -> Vec<Point> {
    let s = &file.sweep;
    let axes = d.axes;
    match s.design {
        DesignKind::Grid => grid_points(d.grid_values)
            .into_iter()
            .map(|p| (p, None))
            .collect(),
        DesignKind::LatinHypercube => {
            let integer: Vec<bool> = axes
                .iter()
                .map(|a| matches!(lookup(d.base_value, &a.path), Some(toml::Value::Integer(_))))
                .collect();
            latin_hypercube(axes, &integer, d.samples, d.seed)
                .into_iter()
                .map(|p| (p, None))
                .collect()
        }
        DesignKind::Points => {
            let mut out = Vec::new();
            for (k, p) in s.points.iter().flatten().enumerate() {
                let loc = SweepFile::point_location(text, k);
                if p.len() != axes.len() {
                    push(
                        problems,
                        &format!("sweep.points[{k}]"),
                        loc,
                        toml_text(&toml::Value::Array(p.clone())),
                        format!(
                            "each point needs {} values, one per axis ({})",
                            axes.len(),
                            axes.iter()
                                .map(|a| a.path.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
                out.push((p.clone(), loc));
            }
            out
        }
    }
}

/// Builds every cell's scenario through the same validation as `pactsim run` and checks that
/// it holds exactly the swept values and differs from every other cell.
fn build_cells(
    file: &SweepFile,
    text: &str,
    base_doc: &Document,
    catalog: &dyn Catalog,
    axes: &[Axis],
    points: Vec<Point>,
    problems: &mut Vec<Problem>,
) -> Vec<Cell> {
    let base_name = base_doc.name();
    let base_sets = &file.sweep.set;
    let mut cells = Vec::with_capacity(points.len());
    let mut hashes = std::collections::BTreeMap::new();
    for (index, (values, loc)) in points.into_iter().enumerate() {
        let overrides: Vec<String> = axes
            .iter()
            .zip(&values)
            .map(|(a, v)| format!("{}={}", a.path, toml_text(v)))
            .collect();
        let desc = overrides.join(", ");
        // A swept value is reported at its point, else at its entry in the axis's values.
        let cell_loc = |path: &str| {
            loc.or_else(|| {
                let i = file.axis.iter().position(|a| a.path.trim() == path)?;
                let listed = file.axis[i].values.as_ref();
                let k = listed.and_then(|vs| vs.iter().position(|v| Some(v) == values.get(i)));
                SweepFile::value_location(text, i, k)
            })
        };
        let mut sets = base_sets.clone();
        sets.extend(overrides.iter().cloned());
        match Scenario::from_document(base_doc, &sets, catalog) {
            Ok(sc) => {
                // Exactness: the resolved scenario holds exactly the swept values.
                let resolved = toml::Value::try_from(sc.file()).expect("serialises");
                for (a, v) in axes.iter().zip(&values) {
                    let got = lookup(&resolved, &a.path);
                    let same = match (got, v) {
                        (Some(toml::Value::Float(g)), toml::Value::Integer(i)) => *g == *i as f64,
                        (Some(g), v) => g == v,
                        (None, _) => false,
                    };
                    if !same {
                        push(
                            problems,
                            &format!("cell {index}: {}", a.path),
                            cell_loc(&a.path),
                            toml_text(v),
                            "the value did not survive into the scenario unchanged".into(),
                        );
                    }
                }
                if let Some(other) = hashes.insert(sc.hash(), index) {
                    push(
                        problems,
                        &format!("cell {index}"),
                        loc,
                        desc.clone(),
                        format!("resolves to the same scenario as cell {other}"),
                    );
                }
                cells.push(Cell {
                    index: index as u64,
                    overrides,
                    values: values.iter().map(json_of).collect(),
                    hash: sc.hash(),
                    scenario: sc,
                });
            }
            Err(e) => {
                for p in e.problems {
                    let path = if p.path.is_empty() {
                        format!("cell {index}")
                    } else {
                        format!("cell {index}: {}", p.path)
                    };
                    let swept = axes.iter().any(|a| a.path == p.path);
                    push(
                        problems,
                        &path,
                        if swept { cell_loc(&p.path) } else { None },
                        p.value,
                        format!(
                            "{} (cell {index}: {desc}{})",
                            p.message.trim_end_matches(" (value from --set)"),
                            match (swept, p.location) {
                                (false, Some((l, c))) => format!("; {base_name}:{l}:{c}"),
                                _ => String::new(),
                            }
                        ),
                    );
                }
            }
        }
    }
    cells
}

pub(super) fn push(
    problems: &mut Vec<Problem>,
    path: &str,
    location: Location,
    value: String,
    message: String,
) {
    problems.push(Problem {
        kind: ProblemKind::Other,
        path: path.to_string(),
        location,
        value,
        message,
    });
}
