//! The axes of a sweep file, validated against the base scenario: the parameter exists and
//! is swept once, values or a range fit the design and the parameter's type, and no value
//! repeats. Range values are spaced by [`spaced`].

use super::build::{push, Location};
use super::design::{number_value, spaced};
use super::{json_of, toml_text, Axis};
use crate::limits::MAX_CELLS;
use crate::overrides::lookup;
use crate::scenario::Problem;
use crate::sweep_file::{AxisSpec, DesignKind, Scale, SweepFile};

/// Validates every axis against the base scenario; returns the usable axes and their grid
/// values (an unusable axis is left out, its problems pushed).
pub(super) fn build_axes(
    file: &SweepFile,
    text: &str,
    base_value: &toml::Value,
    problems: &mut Vec<Problem>,
) -> (Vec<Axis>, Vec<Vec<toml::Value>>) {
    let mut axes = Vec::new();
    let mut grid_values: Vec<Vec<toml::Value>> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..file.axis.len() {
        if let Some((axis, values)) = build_axis(file, text, i, base_value, &mut seen, problems) {
            axes.push(axis);
            grid_values.push(values);
        }
    }
    (axes, grid_values)
}

/// Axis `i` and its grid values, or `None` when it is unusable.
fn build_axis(
    file: &SweepFile,
    text: &str,
    i: usize,
    base_value: &toml::Value,
    seen: &mut std::collections::BTreeSet<String>,
    problems: &mut Vec<Problem>,
) -> Option<(Axis, Vec<toml::Value>)> {
    let a = &file.axis[i];
    let path = a.path.trim().to_string();
    let loc = SweepFile::axis_location(text, i);
    let name = &format!("axis[{i}] {path}");
    let current = lookup(base_value, &path).cloned();
    let Some(current) = current else {
        push(
            problems,
            name,
            loc,
            path.clone(),
            "unknown parameter path of the base scenario (dotted TOML path, e.g. \
             litigation.win_probability_mean)"
                .into(),
        );
        return None;
    };
    if !seen.insert(path.clone()) {
        push(
            problems,
            name,
            loc,
            path.clone(),
            "the same parameter is swept by two axes".into(),
        );
    }
    // A problem of one key of the axis is reported at that key's line.
    let key = |k: &str| {
        let at = format!("axis[{i}].{k}");
        let line = SweepFile::locate(text, &at).or(loc);
        (at, line)
    };
    let (values, range) = axis_values(file.sweep.design, a, &current, name, loc, &key, problems)?;
    let mut uniq = std::collections::BTreeSet::new();
    let (values_key, values_loc) = key("values");
    for v in &values {
        if !uniq.insert(toml_text(v)) {
            push(
                problems,
                &values_key,
                values_loc,
                toml_text(v),
                format!("duplicate value on the axis of {path}"),
            );
        }
    }
    Some((
        Axis {
            label: a.label.clone().unwrap_or_else(|| path.clone()),
            path,
            values: values.iter().map(json_of).collect(),
            range,
            scale: a.scale,
        },
        values,
    ))
}

/// The values (and range) of axis `a` under `design`, or `None` when they cannot be made.
/// Problems of the whole axis are named `name` at `loc`; those of one of its keys are at
/// `key(k)`, the key's path and line.
fn axis_values(
    design: DesignKind,
    a: &AxisSpec,
    current: &toml::Value,
    name: &str,
    loc: Location,
    key: &dyn Fn(&str) -> (String, Location),
    problems: &mut Vec<Problem>,
) -> Option<(Vec<toml::Value>, Option<[f64; 2]>)> {
    let integer = matches!(current, toml::Value::Integer(_));
    let numeric = integer || matches!(current, toml::Value::Float(_));
    let range_given = a.from.is_some() || a.to.is_some() || a.steps.is_some();
    let mut values: Vec<toml::Value> = Vec::new();
    let mut range = None;
    match (design, &a.values, range_given) {
        (_, Some(_), true) => push(
            problems,
            name,
            loc,
            String::new(),
            "give either values = […] or from/to/steps, not both".into(),
        ),
        (DesignKind::Points, Some(_), _) | (DesignKind::Points, _, true) => push(
            problems,
            name,
            loc,
            String::new(),
            "in a points design an axis has only path (and label); values come from \
                 sweep.points"
                .into(),
        ),
        (DesignKind::LatinHypercube, Some(_), _) => push(
            problems,
            name,
            loc,
            String::new(),
            "a latin-hypercube axis needs a range from/to (no values list)".into(),
        ),
        (DesignKind::Grid, Some(v), _) => {
            if v.is_empty() {
                let (k, l) = key("values");
                push(
                    problems,
                    &k,
                    l,
                    "[]".into(),
                    format!("empty axis: give one or more values of {}", a.path.trim()),
                );
            }
            values = v.clone();
        }
        (DesignKind::Grid | DesignKind::LatinHypercube, None, _) => {
            if !numeric {
                push(
                    problems,
                    name,
                    loc,
                    toml_text(current),
                    "a range needs a numeric parameter; use values = […]".into(),
                );
                return None;
            }
            let (Some(from), Some(to)) = (a.from, a.to) else {
                push(
                    problems,
                    name,
                    loc,
                    String::new(),
                    "give values = […], or a range with from and to".into(),
                );
                return None;
            };
            if !from.is_finite() || !to.is_finite() {
                push(
                    problems,
                    name,
                    loc,
                    format!("{from} .. {to}"),
                    "range ends must be finite numbers".into(),
                );
                return None;
            }
            if a.scale == Scale::Log && (from <= 0.0 || to <= 0.0) {
                push(
                    problems,
                    name,
                    loc,
                    format!("{from} .. {to}"),
                    "a log range needs from > 0 and to > 0".into(),
                );
                return None;
            }
            range = Some([from, to]);
            if design == DesignKind::Grid {
                let (steps_key, steps_loc) = key("steps");
                match a.steps {
                    None | Some(0) => {
                        push(
                            problems,
                            &steps_key,
                            steps_loc,
                            a.steps.map_or("missing".into(), |n| n.to_string()),
                            format!(
                                "steps must be 1 or more (number of values of {} from `from` \
                                 to `to` inclusive)",
                                a.path.trim()
                            ),
                        );
                        return None;
                    }
                    Some(n) if n > MAX_CELLS => {
                        push(
                            problems,
                            &steps_key,
                            steps_loc,
                            n.to_string(),
                            format!(
                                "steps must be at most {MAX_CELLS} (cell limit, see \
                                     configs/README.md)"
                            ),
                        );
                        return None;
                    }
                    Some(n) => {
                        let mut fractions = Vec::new();
                        for k in 0..n {
                            let x = spaced(from, to, k, n, a.scale);
                            match number_value(x, integer) {
                                Some(v) => values.push(v),
                                None => fractions.push(x),
                            }
                        }
                        if !fractions.is_empty() {
                            not_whole(a, [from, to, n as f64], &fractions, key, problems);
                        }
                    }
                }
            } else if a.steps.is_some() {
                push(
                    problems,
                    name,
                    loc,
                    String::new(),
                    "steps has no meaning in a latin-hypercube design (samples sets \
                         the count)"
                        .into(),
                );
            }
        }
        (DesignKind::Points, None, false) => {}
    }
    Some((values, range))
}

/// Most of the values that are not whole numbers named in the message of [`not_whole`].
const SHOWN: usize = 5;

/// The problem of the range `[from, to, steps]` that gives the integer parameter of axis `a`
/// the values `fractions`, which are not whole numbers. The keys produce it together; it is
/// reported at the one that decides the spacing, named with the others: `scale` of a log
/// range (equal ratios rarely land on whole numbers), else `steps`.
fn not_whole(
    a: &AxisSpec,
    [from, to, n]: [f64; 3],
    fractions: &[f64],
    key: &dyn Fn(&str) -> (String, Location),
    problems: &mut Vec<Problem>,
) {
    let mut shown: Vec<String> = fractions
        .iter()
        .take(SHOWN)
        .map(|x| format!("{x}"))
        .collect();
    if fractions.len() > SHOWN {
        shown.push(format!("… ({} in all)", fractions.len()));
    }
    let (k, value, keys, fix) = match a.scale {
        Scale::Log => (
            "scale",
            "\"log\"".to_string(),
            format!("scale = \"log\" with from = {from}, to = {to} and steps = {n}"),
            "choose from, to and steps whose ratios give whole numbers, scale = \"linear\" or \
             values = […]",
        ),
        Scale::Linear => (
            "steps",
            n.to_string(),
            format!("steps = {n} with from = {from} and to = {to} (linear scale)"),
            "choose from, to and steps so that (to − from)/(steps − 1) is a whole number, or \
             values = […]",
        ),
    };
    let (at, line) = key(k);
    push(
        problems,
        &at,
        line,
        value,
        format!(
            "{} is an integer, but {keys} gives {}, not whole numbers; {fix}",
            a.path.trim(),
            shown.join(", ")
        ),
    );
}
