//! The raw sweep file ([`SweepFile`]): its keys as written, reading it with every shape
//! problem found at once and the file repaired so that its other problems are still checked
//! ([`Shape`]), and finding its entries (axes, points) in the text for messages.
//! Validation into cells is [`crate::sweep::Sweep::build`].

use crate::layers;
use crate::location::locate;
use crate::scenario::{Problem, ProblemKind, ScenarioError};
use crate::shape;
use serde::{Deserialize, Serialize};

/// The raw sweep file, mirroring the TOML document (unknown keys rejected). Not yet validated.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepFile {
    /// `base`: the base scenario, an embedded name (`"april-2026"`) or a path relative to the
    /// sweep file; absent: `sweep.scenario`, else the embedded default.
    #[serde(default)]
    pub base: Option<String>,
    /// `[scenario]`: changes to the base scenario, deep-merged onto it (same keys as a
    /// scenario file; tables merge key by key, other values replace).
    #[serde(default)]
    pub scenario: Option<toml::Table>,
    /// `[sweep]`: what to run.
    pub sweep: SweepSection,
    /// `[[axis]]`: the swept parameters.
    #[serde(default)]
    pub axis: Vec<AxisSpec>,
}

/// The `[sweep]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepSection {
    /// Name (default results directory `results/<name>`).
    pub name: String,
    /// What the sweep asks.
    #[serde(default)]
    pub description: String,
    /// Base scenario file, relative to the sweep file (the older spelling of the top-level
    /// `base`); absent: the embedded default.
    #[serde(default)]
    pub scenario: Option<String>,
    /// Fixed `path=value` overrides applied to the base scenario in every cell.
    #[serde(default)]
    pub set: Vec<String>,
    /// Monte Carlo runs per cell.
    pub runs: u64,
    /// Master seed (default: the base scenario's `simulation.seed`).
    #[serde(default)]
    pub seed: Option<u64>,
    /// `grid` (default), `latin-hypercube` or `points`.
    #[serde(default)]
    pub design: DesignKind,
    /// Number of samples of a Latin-hypercube design.
    #[serde(default)]
    pub samples: Option<u64>,
    /// The cells of a `points` design: one array of values per cell, in axis order.
    #[serde(default)]
    pub points: Option<Vec<Vec<toml::Value>>>,
}

/// The kind of design.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DesignKind {
    /// Every combination of the axes' values (first axis varies slowest).
    #[default]
    Grid,
    /// `samples` points, each axis's range split into `samples` equal strata hit once each.
    LatinHypercube,
    /// The explicit `points` list.
    Points,
}

/// Spacing of a range.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Equal steps.
    #[default]
    Linear,
    /// Equal ratios (both ends > 0).
    Log,
}

/// One `[[axis]]` entry: a parameter path and either `values` or a range `from`/`to`/`steps`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxisSpec {
    /// Dotted parameter path of the scenario, e.g. `litigation.win_probability_mean`.
    pub path: String,
    /// Axis label with unit for plots (default: the path).
    #[serde(default)]
    pub label: Option<String>,
    /// Explicit values.
    #[serde(default)]
    pub values: Option<Vec<toml::Value>>,
    /// Range start.
    #[serde(default)]
    pub from: Option<f64>,
    /// Range end (inclusive).
    #[serde(default)]
    pub to: Option<f64>,
    /// Number of range values (grid designs).
    #[serde(default)]
    pub steps: Option<u64>,
    /// Range spacing.
    #[serde(default)]
    pub scale: Scale,
}

/// The shape problems of a sweep file ([`SweepFile::read`]) and the paths it filled with
/// placeholders, kept to be reported together with the problems found later.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    problems: Vec<Problem>,
    placeholders: Vec<String>,
}

impl Shape {
    /// The shape of the sweep file `text` from what [`shape::read_all`] found: its `problems`,
    /// located in the text (an unknown or missing key says the file is not a valid sweep
    /// file), and the `repaired` paths that hold placeholders (a removed unknown key leaves
    /// nothing behind; a placeholder may cause problems later).
    fn of(text: &str, mut problems: Vec<Problem>, repaired: Vec<String>) -> Shape {
        for p in &mut problems {
            p.location = SweepFile::locate(text, &p.path);
            if matches!(
                p.kind,
                ProblemKind::UnknownField | ProblemKind::MissingField
            ) {
                p.message = format!("not a valid sweep file: {}", p.message);
            }
        }
        let placeholders = repaired
            .into_iter()
            .filter(|r| {
                !problems
                    .iter()
                    .any(|p| &p.path == r && p.kind == ProblemKind::UnknownField)
            })
            .collect();
        Shape {
            problems,
            placeholders,
        }
    }

    /// True when the file had no shape problem.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// The error of the file `source`: its shape problems and `later` (problems found on the
    /// repaired file) except those a placeholder may have caused, in line order.
    pub fn error(&self, source: &str, later: Vec<Problem>) -> ScenarioError {
        let mut problems = self.problems.clone();
        problems.extend(
            later
                .into_iter()
                .filter(|p| !self.caused_by_placeholder(&p.path)),
        );
        problems.sort_by_key(|p| p.location.unwrap_or((usize::MAX, 0)));
        ScenarioError {
            source: source.to_string(),
            problems,
        }
    }

    /// What checking the repaired file of `source` gave, `built`, as the file's outcome: its
    /// value when the file has no problem at all, else every problem ([`Shape::error`]).
    pub fn finish<T>(
        &self,
        source: &str,
        built: Result<T, ScenarioError>,
    ) -> Result<T, ScenarioError> {
        match built {
            Ok(v) if self.is_clean() => Ok(v),
            Err(e) if self.is_clean() => Err(e),
            Ok(_) => Err(self.error(source, Vec::new())),
            Err(e) => Err(self.error(source, e.problems)),
        }
    }

    /// Whether a later problem at `path` may come from a placeholder. A problem of the
    /// `[scenario]` changes (`scenario.…`) depends on nothing else of the file: only when a
    /// placeholder is at, inside or around it. Any other: everything when the design or the
    /// whole `[sweep]` or axis list is one, a cell's problem when any value is, an axis's
    /// problem when one of its keys is, else a problem at, inside or around one.
    fn caused_by_placeholder(&self, path: &str) -> bool {
        let axis = |p: &str| -> Option<String> {
            let rest = p.strip_prefix("axis[")?;
            Some(format!("axis[{}]", rest.split(']').next()?))
        };
        let around = |r: &str| {
            path == r
                || path.starts_with(&format!("{r}."))
                || r.starts_with(&format!("{path}."))
                || r.starts_with(&format!("{path}["))
        };
        if path == "scenario" || path.starts_with("scenario.") {
            return self.placeholders.iter().any(|r| around(r));
        }
        self.placeholders.iter().any(|r| {
            ["sweep", "sweep.design", "axis"].contains(&r.as_str())
                || path.starts_with("cell ")
                || axis(path).is_some_and(|a| axis(r).as_deref() == Some(a.as_str()))
                || around(r)
        })
    }
}

impl SweepFile {
    /// Reads sweep-file text, finding every shape problem (unknown keys, wrong types, missing
    /// fields), each at its line and column. The file comes back repaired (unknown keys
    /// dropped, placeholders for wrong or missing values; `None` when it cannot be), so that
    /// its other problems can still be checked: [`Shape::finish`] then reports them together,
    /// leaving out what the placeholders caused. Errs only when the text is not TOML.
    pub fn read(text: &str, source: &str) -> Result<(Option<SweepFile>, Shape), ScenarioError> {
        // Straight from the text first: integers beyond i64 (absurd sizes, refused later with
        // the limit they break) only survive this way.
        if let Ok(f) = toml::from_str::<SweepFile>(text) {
            return Ok((Some(f), Shape::default()));
        }
        let table = layers::parse(text, source)?;
        let shaped = shape::read_all::<SweepFile>(&table);
        Ok((
            shaped.value,
            Shape::of(text, shaped.problems, shaped.repaired),
        ))
    }

    /// Line and column of a dotted path of a sweep file such as `sweep.runs` or
    /// `axis[1].from` (the axis counted from 0, an `[[axis]]` table or an entry of an inline
    /// `axis = [{ … }, …]`; see [`layers::locate_path`]).
    pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
        layers::locate_path(text, path)
    }

    /// Line and column of the `path` of axis `i` (counted from 0).
    pub fn axis_location(text: &str, i: usize) -> Option<(usize, usize)> {
        layers::locate_path(text, &format!("axis[{i}].path"))
    }

    /// Line and column of value `k` (counted from 0) of the `values` of axis `i`: the value
    /// itself in an inline array of axes, the `values` key in an `[[axis]]` table; the axis's
    /// `path` when `k` is `None` (a range).
    pub fn value_location(text: &str, i: usize, k: Option<usize>) -> Option<(usize, usize)> {
        match k {
            Some(k) => layers::locate_path(text, &format!("axis[{i}].values[{k}]")),
            None => SweepFile::axis_location(text, i),
        }
    }

    /// Line and column of point `k` (counted from 0) of `sweep.points`.
    pub fn point_location(text: &str, k: usize) -> Option<(usize, usize)> {
        let (line, _) = locate(text, "sweep.points")?;
        let start: usize = text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        let rest = &text[start..];
        let open = rest.find('=')? + 1;
        let (mut depth, mut seen, mut comment) = (0usize, 0usize, false);
        for (off, c) in rest[open..].char_indices() {
            match c {
                '\n' => comment = false,
                _ if comment => {}
                '#' => comment = true,
                '[' => {
                    depth += 1;
                    if depth == 2 {
                        if seen == k {
                            return Some(crate::location::line_col(text, start + open + off));
                        }
                        seen += 1;
                    }
                }
                ']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        Some((line, 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[sweep]\nname = \"t\"\nruns = 10\ndesign = \"points\"\npoints = [\n  [0.1],\n  [0.2],\n]\n[[axis]]\npath = \"a.b\"\n[[axis]]\nlabel = \"x\"\npath = \"c.d\"\n";

    #[test]
    fn entries_are_found_in_the_text() {
        assert_eq!(SweepFile::axis_location(TEXT, 0), Some((10, 1)));
        assert_eq!(SweepFile::axis_location(TEXT, 1), Some((13, 1)));
        assert_eq!(SweepFile::point_location(TEXT, 1), Some((7, 3)));
        assert_eq!(SweepFile::locate(TEXT, "axis[1].label"), Some((12, 1)));
        assert_eq!(SweepFile::locate(TEXT, "sweep.runs"), Some((3, 1)));
    }

    /// An unknown or missing key is told by its kind, whatever its message says: it is
    /// marked as making the file no valid sweep file, and an unknown key removed leaves no
    /// placeholder.
    #[test]
    fn unknown_and_missing_keys_are_told_by_their_kind() {
        let problem = |path: &str, kind: ProblemKind, message: &str| Problem {
            path: path.to_string(),
            location: None,
            value: String::new(),
            message: message.to_string(),
            kind,
        };
        let shape = Shape::of(
            TEXT,
            vec![
                problem("sweep.bogus", ProblemKind::UnknownField, "no such key"),
                problem("sweep.runs", ProblemKind::Other, "unknown field wording"),
                problem("sweep.name", ProblemKind::MissingField, "absent"),
            ],
            ["sweep.bogus", "sweep.runs", "sweep.name"]
                .map(String::from)
                .to_vec(),
        );
        let messages: Vec<&str> = shape.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "not a valid sweep file: no such key",
                "unknown field wording",
                "not a valid sweep file: absent"
            ]
        );
        assert_eq!(shape.placeholders, ["sweep.runs", "sweep.name"]);
        assert_eq!(shape.problems[1].location, Some((3, 1)));
    }

    /// The `[scenario]` changes are checked whatever placeholders the rest of the file got;
    /// only a placeholder for `[scenario]` itself hides their problems.
    #[test]
    fn scenario_problems_are_left_out_only_for_a_scenario_placeholder() {
        let shape = |r: &[&str]| Shape {
            problems: Vec::new(),
            placeholders: r.iter().map(|s| s.to_string()).collect(),
        };
        let whole_sweep = shape(&["sweep"]);
        assert!(!whole_sweep.caused_by_placeholder("scenario.nope"));
        assert!(whole_sweep.caused_by_placeholder("axis[0].steps"));
        assert!(whole_sweep.caused_by_placeholder("sweep.runs"));
        let scenario = shape(&["scenario.litigation"]);
        assert!(scenario.caused_by_placeholder("scenario.litigation.trial_weeks"));
        assert!(scenario.caused_by_placeholder("scenario"));
        assert!(!scenario.caused_by_placeholder("scenario.musk.win_probability"));
    }

    #[test]
    fn entries_of_an_inline_axis_array_are_found_in_the_text() {
        let text = "sweep = { name = \"t\", runs = 1 }\naxis = [{ path = \"a.b\", values = [1] },\n        { path = \"c.d\", steps = 0 }]\n";
        assert_eq!(SweepFile::axis_location(text, 0), Some((2, 11)));
        assert_eq!(SweepFile::axis_location(text, 1), Some((3, 11)));
        assert_eq!(SweepFile::locate(text, "axis[1].steps"), Some((3, 25)));
        assert_eq!(SweepFile::locate(text, "axis[0].values"), Some((2, 25)));
    }

    #[test]
    fn every_shape_problem_of_a_sweep_file_is_reported() {
        let bad = TEXT
            .replace("runs = 10", "runs = \"many\"\nbogus = 1")
            .replace("label = \"x\"", "label = \"x\"\nfrom = \"low\"");
        let (file, shape) = SweepFile::read(&bad, "t.toml").unwrap();
        assert!(file.is_some() && !shape.is_clean());
        let e = shape.error("t.toml", Vec::new());
        let msg = e.to_string();
        assert_eq!(e.problems.len(), 3, "{msg}");
        assert!(
            msg.contains("t.toml:3:1: sweep.runs = \"many\": invalid type"),
            "{msg}"
        );
        assert!(
            msg.contains("t.toml:4:1: sweep.bogus: not a valid sweep file: unknown field `bogus`"),
            "{msg}"
        );
        assert!(msg.contains("t.toml:14:1: axis[1].from = \"low\""), "{msg}");
    }
}
