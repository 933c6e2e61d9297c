//! `pactsim discover`: scenario discovery with PRIM (crate `analysis`). The points are a Latin
//! hypercube over the scenario's `[ranges]` (R runs each), or the cells of a finished sweep
//! (`--from-sweep DIR`); the outcome per point is the target's share (PRIM on the continuous
//! share), or with `--threshold T` the indicator share ≥ T (then any target may be used).

use crate::evaluate::{csv_field, default_out, num, print, PointsOptions, Target};
use crate::{bad, charts, manifest, pool};
use analysis::prim::{self, PrimBox, PrimOptions, PrimResult, Selection};
use anyhow::Result;
use plots::{Chart, PointGroup, ReferencePoint, Scatter};
use serde::{Deserialize, Serialize};
use sim::output::ResultsDir;
use std::path::PathBuf;

/// Options of `pactsim discover`.
pub(crate) struct DiscoverCmd {
    /// Scenario, target, Latin-hypercube points, runs, seed and execution.
    pub points: PointsOptions,
    /// Whether `--samples` and `--runs` were given (`--from-sweep` refuses them).
    pub sized: [bool; 2],
    /// Read a sweep's results instead of sampling.
    pub from_sweep: Option<PathBuf>,
    /// Outcome = 1 when the target ≥ this.
    pub threshold: Option<f64>,
    /// PRIM α.
    pub alpha: f64,
    /// PRIM minimum mass.
    pub min_mass: f64,
    /// Paste the chosen box.
    pub paste: bool,
    /// Report this step of the peeling trajectory.
    pub box_step: Option<usize>,
}

/// A restricted parameter of the chosen box.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BoxLimit {
    /// Parameter path.
    pub path: String,
    /// Lower limit.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
    /// Range of the points on this parameter.
    pub data_min: f64,
    /// Range of the points on this parameter.
    pub data_max: f64,
    /// Quasi-p-value.
    pub p_value: f64,
}

/// `summary.json` of `discover`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DiscoverSummary {
    /// Target.
    pub target: String,
    /// What y is: "share" or "share >= T".
    pub outcome: String,
    /// Where the points came from: "latin-hypercube" or the sweep directory.
    pub source: String,
    /// Points.
    pub points: usize,
    /// Runs per point.
    pub runs_per_point: u64,
    /// Parameter paths (PRIM dimensions).
    pub parameters: Vec<String>,
    /// PRIM options.
    pub options: PrimOptions,
    /// Restricted parameters of the chosen box.
    pub box_limits: Vec<BoxLimit>,
    /// The PRIM result (trajectory, chosen box, restrictions by dimension index).
    pub prim: PrimResult,
}

/// With `--from-sweep`: refuses a SCENARIO, `--set`, `--samples`, `--runs` and `--seed` if
/// given, saying why: the sweep's results fix what they would set.
fn refuse_fixed_by_sweep(o: &DiscoverCmd) -> Result<()> {
    let [samples, runs] = o.sized;
    let (set, seed) = (!o.points.set.is_empty(), o.points.seed.is_some());
    let fixed = [
        (
            "SCENARIO",
            o.points.scenario.is_some(),
            "the sweep's results were simulated with its own scenario, which discover reads \
             from the sweep's manifest.json",
        ),
        (
            "--set",
            set,
            "the points' shares were simulated by the sweep with its own scenario; give \
             overrides to the sweep (`pactsim sweep FILE --set …`) and discover its results",
        ),
        ("--samples", samples, "the points are the sweep's cells"),
        (
            "--runs",
            runs,
            "each point's share comes from the sweep's runs per cell",
        ),
        (
            "--seed",
            seed,
            "the sweep's results were drawn with the sweep's seed",
        ),
    ];
    match fixed.iter().find(|(_, given, _)| *given) {
        Some((flag, _, why)) => Err(bad(format!("{flag} is not used with --from-sweep: {why}"))),
        None => Ok(()),
    }
}

/// The scenario a sweep's results were simulated with (its base, before the axes), rebuilt
/// from the sweep's `manifest.json`, so discover's own manifest names the same scenario.
fn sweep_scenario(dir: &std::path::Path, m: &sim::output::Manifest) -> Result<sim::Scenario> {
    let unreadable = |why: String| {
        bad(format!(
            "--from-sweep {}: manifest.json's scenario {why}",
            dir.display()
        ))
    };
    let file: sim::schema::ScenarioFile = serde_json::from_value(m.scenario.clone())
        .map_err(|e| unreadable(format!("cannot be read: {e}")))?;
    sim::Scenario::validate(file, strategies::catalog()).map_err(|problems| {
        let list: Vec<String> = problems
            .iter()
            .map(|p| format!("{} = {}: {}", p.path, p.value, p.message))
            .collect();
        unreadable(format!("is not valid: {}", list.join("; ")))
    })
}

/// Refuses a target that is not a share without `--threshold`, and a threshold that is not a
/// finite number, or outside (0, 1] for a share target.
fn check_threshold(threshold: Option<f64>, target: &Target) -> Result<()> {
    let Some(t) = threshold else {
        if target.is_share() {
            return Ok(());
        }
        return Err(bad(format!(
            "--target {}: not a share; give --threshold T to discover where it is ≥ T",
            target.name()
        )));
    };
    if !t.is_finite() {
        return Err(bad(format!(
            "--threshold {t}: allowed values are finite numbers"
        )));
    }
    if target.is_share() && !(t > 0.0 && t <= 1.0) {
        return Err(bad(format!(
            "--threshold {t}: {} is a share, so allowed values are in (0, 1]",
            target.name()
        )));
    }
    Ok(())
}

/// Runs `discover`.
pub(crate) fn run(o: &DiscoverCmd) -> Result<()> {
    if o.from_sweep.is_some() {
        // What the sweep's results fix is refused, not silently ignored.
        refuse_fixed_by_sweep(o)?;
    }
    let opts = PrimOptions {
        alpha: o.alpha,
        min_mass: o.min_mass,
        paste: o.paste,
        selection: o.box_step.map_or(Selection::Densest, Selection::Step),
    };
    if !(o.alpha > 0.0 && o.alpha < 0.5) {
        return Err(bad(format!(
            "--alpha {}: allowed values are in (0, 0.5)",
            o.alpha
        )));
    }
    if !(o.min_mass > 0.0 && o.min_mass <= 1.0) {
        return Err(bad(format!(
            "--min-mass {}: allowed values are in (0, 1]",
            o.min_mass
        )));
    }
    let pool = pool(o.points.exec.threads)?;
    let started = std::time::Instant::now();
    // The output is checked and locked before anything is computed.
    let open = |base: &sim::Scenario, target: &Target| {
        let out = o
            .points
            .exec
            .out
            .clone()
            .unwrap_or_else(|| default_out(base, "discover", &target.name()));
        ResultsDir::create(&out)
    };
    let (dir, base, names, x, values, runs, source, seed, target) = match &o.from_sweep {
        Some(d) => {
            let s: sim::reports::SweepSummary = sim::output::read_json(d, "summary.json")
                .map_err(|e| bad(format!("--from-sweep: {e}")))?;
            let m: sim::output::Manifest = sim::output::read_json(d, "manifest.json")
                .map_err(|e| bad(format!("--from-sweep: {e}")))?;
            let base = sweep_scenario(d, &m)?;
            let horizon = base.params().simulation.horizon_weeks;
            let target = Target::parse(&o.points.target, horizon)?;
            check_threshold(o.threshold, &target)?;
            let dir = open(&base, &target)?;
            let mut x = Vec::new();
            for c in &s.cells {
                let row: Option<Vec<f64>> = s
                    .params
                    .iter()
                    .map(|p| c.values.get(p).and_then(|v| v.as_f64()))
                    .collect();
                x.push(row.ok_or_else(|| {
                    bad(format!(
                        "--from-sweep {}: cell {} has a non-numeric swept value; PRIM needs numbers",
                        d.display(),
                        c.cell
                    ))
                })?);
            }
            let values: Vec<f64> = s.cells.iter().map(|c| target.value(&c.summary)).collect();
            (
                dir,
                base,
                s.params.clone(),
                x,
                values,
                s.runs_per_cell,
                sim::output::recorded_input(&d.display().to_string()),
                m.seed,
                target,
            )
        }
        None => {
            o.points.check_samples(o.points.samples as u64)?;
            let (ev, target) = o.points.evaluator()?;
            check_threshold(o.threshold, &target)?;
            let u = analysis::design::latin_hypercube(o.points.samples, ev.params.len(), ev.seed);
            let x: Vec<Vec<f64>> = u.iter().map(|u| ev.at_unit(u)).collect();
            ev.validate_box("discover")?;
            let dir = open(&ev.base, &target)?;
            let summaries = ev.evaluate(&x, ev.seed, &pool, o.points.exec.quiet)?;
            let values = summaries.iter().map(|s| target.value(s)).collect();
            let names = ev.names();
            (
                dir,
                ev.base.clone(),
                names,
                x,
                values,
                o.points.runs,
                "latin-hypercube".to_string(),
                ev.seed,
                target,
            )
        }
    };
    let (y, outcome): (Vec<f64>, String) = match o.threshold {
        Some(t) => (
            values
                .iter()
                .map(|v| f64::from(u8::from(*v >= t)))
                .collect(),
            format!("{} >= {t}", target.name()),
        ),
        // Checked before anything ran (`check_threshold`): the target is a share.
        None => (values.clone(), format!("share of {}", target.name())),
    };
    let res = prim::prim(&x, &y, opts).map_err(|e| bad(e.to_string()))?;
    let box_limits: Vec<BoxLimit> = res
        .restrictions
        .iter()
        .map(|r| BoxLimit {
            path: names[r.dim].clone(),
            lower: r.lower,
            upper: r.upper,
            data_min: r.data_min,
            data_max: r.data_max,
            p_value: r.p_value,
        })
        .collect();
    let summary = DiscoverSummary {
        target: target.name(),
        outcome,
        source: source.clone(),
        points: x.len(),
        runs_per_point: runs,
        parameters: names.clone(),
        options: opts,
        box_limits,
        prim: res,
    };
    // A sweep read back is named by its directory's name, and identified by its summary's
    // bytes (which the sweep's own contract makes the same on every machine).
    let source_hash = match &o.from_sweep {
        Some(d) => {
            let f = d.join("summary.json");
            let bytes = std::fs::read(&f)
                .map_err(|e| bad(format!("--from-sweep: {}: {e}", f.display())))?;
            Some(format!("{:016x}", sim::rng::fnv1a64(&bytes)))
        }
        None => None,
    };
    let extra = serde_json::json!({"discover": {
        "target": target.name(),
        "source": source,
        "source_summary_fnv1a64": source_hash,
        "points": x.len()
    }});
    let m = manifest(&base, "discover", seed, runs, extra)?;
    dir.write_json("manifest.json", &m)?;
    dir.write_json("summary.json", &summary)?;
    let mut csv = String::from("point");
    for n in &names {
        csv.push(',');
        csv.push_str(&csv_field(n));
    }
    csv.push_str(",target,y,in_box\n");
    let b = &summary.prim.chosen;
    for (i, (row, (v, yy))) in x.iter().zip(values.iter().zip(&y)).enumerate() {
        csv.push_str(&i.to_string());
        for a in row {
            csv.push(',');
            csv.push_str(&num(*a));
        }
        let inside = row
            .iter()
            .enumerate()
            .all(|(j, a)| b.lower[j] <= *a && *a <= b.upper[j]);
        csv.push_str(&format!(",{},{},{}\n", num(*v), num(*yy), u8::from(inside)));
    }
    dir.write_text("points.csv", &csv)?;
    let mut tr = String::from("step,coverage,density,mass,points,restricted_dims\n");
    for s in &summary.prim.trajectory {
        tr.push_str(&format!(
            "{},{},{},{},{},{}\n",
            s.step,
            num(s.coverage),
            num(s.density),
            num(s.mass),
            s.n,
            s.restricted.len()
        ));
    }
    dir.write_text("trajectory.csv", &tr)?;
    let mut bx = String::from("parameter,lower,upper,data_min,data_max,restricted,p_value\n");
    for (j, n) in names.iter().enumerate() {
        let r = summary.prim.restrictions.iter().find(|r| r.dim == j);
        bx.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            csv_field(n),
            num(b.lower[j]),
            num(b.upper[j]),
            num(summary.prim.trajectory[0].lower[j]),
            num(summary.prim.trajectory[0].upper[j]),
            u8::from(r.is_some()),
            r.map_or(String::new(), |r| num(r.p_value))
        ));
    }
    dir.write_text("box.csv", &bx)?;
    if let Some(f) = o.points.exec.plots {
        charts::render_named(
            &dir.path(""),
            &discover_charts(&m, &summary, &x, &y),
            &charts::formats(f),
        )?;
    }
    let path = dir.commit()?;
    let secs = started.elapsed().as_secs_f64();
    print(&format!(
        "{}results: {}\n",
        report(&summary),
        path.display()
    ))?;
    eprintln!("{} points in {secs:.2} s", x.len());
    Ok(())
}

fn report(s: &DiscoverSummary) -> String {
    let p = &s.prim;
    let b = &p.chosen;
    let mut out = format!(
        "pactsim discover: {} · {} points ({}) × {} runs · base density {:.4}\n\n",
        s.outcome, s.points, s.source, s.runs_per_point, p.base_density
    );
    out.push_str(&format!(
        "chosen box: step {} of {} · density {:.4} · coverage {:.4} · mass {:.4} ({} points){}\n",
        p.selected,
        p.trajectory.len() - 1,
        b.density,
        b.coverage,
        b.mass,
        b.n,
        if s.options.paste { " · pasted" } else { "" }
    ));
    if s.box_limits.is_empty() {
        out.push_str("no parameter is restricted: the box is the whole sample\n");
    } else {
        out.push_str(&format!(
            "\n{:<40} {:>10} {:>10} {:>22} {:>10}\n",
            "restricted parameter", "lower", "upper", "range of the points", "quasi-p"
        ));
        for l in &s.box_limits {
            out.push_str(&format!(
                "{:<40} {:>10.4} {:>10.4} [{:>9.4}, {:>9.4}] {:>10.2e}\n",
                l.path, l.lower, l.upper, l.data_min, l.data_max, l.p_value
            ));
        }
        let test = match p.quasi_p_test {
            prim::QuasiPTest::Permutation => {
                "permutation test (random subsets of the box without that restriction)"
            }
            prim::QuasiPTest::Binomial => {
                "one-sided binomial test against the box without that restriction"
            }
        };
        out.push_str(&format!(
            "\nquasi-p: {test}; small = the restriction matters (not corrected for the search)\n\
             the box's density is in-sample, so optimistic for a small box: check it with \
             `pactsim run --set …` at a point inside, or pick an earlier step with --box\n"
        ));
    }
    out
}

/// The two most restricted dimensions of the chosen box (by the share of the points' range
/// they keep), falling back to the first dimensions.
fn two_most_restricted(s: &DiscoverSummary) -> (usize, usize) {
    let b = &s.prim.chosen;
    let full = &s.prim.trajectory[0];
    let mut dims: Vec<(f64, usize)> = (0..b.lower.len())
        .map(|j| {
            let w = full.upper[j] - full.lower[j];
            let kept = if w > 0.0 {
                (b.upper[j] - b.lower[j]) / w
            } else {
                1.0
            };
            (kept, j)
        })
        .collect();
    dims.sort_by(|a, c| a.0.total_cmp(&c.0).then(a.1.cmp(&c.1)));
    let a = dims.first().map_or(0, |d| d.1);
    let c = dims.get(1).map_or(a, |d| d.1);
    (a, c)
}

/// The charts of `discover`: the peeling trajectory and the two most restricted parameters.
pub(crate) fn discover_charts(
    m: &sim::output::Manifest,
    s: &DiscoverSummary,
    x: &[Vec<f64>],
    y: &[f64],
) -> Vec<(String, Chart)> {
    let sub = format!(
        "{} points ({}) × {} runs · seed {} · α = {} · min mass {}",
        s.points, s.source, s.runs_per_point, m.seed, s.options.alpha, s.options.min_mass
    );
    let groups = peeling_groups(&s.prim.trajectory);
    let b = &s.prim.chosen;
    let peeling = Chart::Scatter(Scatter {
        title: format!("PRIM peeling trajectory: {}", s.outcome),
        subtitle: Some(sub.clone()),
        x_label: "coverage (share of the outcome inside the box)".into(),
        y_label: "density (mean outcome inside the box)".into(),
        groups,
        references: vec![ReferencePoint {
            label: format!("chosen (step {})", s.prim.selected),
            x: b.coverage,
            y: b.density,
        }],
        legend_title: Some("parameters restricted".into()),
        legend_note: None,
    });
    let (a, c) = two_most_restricted(s);
    let pts: Vec<[f64; 2]> = x.iter().map(|r| [r[a], r[c]]).collect();
    let (groups, legend_note) = outcome_groups(&pts, y);
    // Full paths: last segments are ambiguous (discount.openai, agents.openai…).
    let name = |j: usize| s.parameters.get(j).cloned().unwrap_or_default();
    let scatter = Chart::Scatter(Scatter {
        title: format!("{} by {} and {}", s.outcome, name(a), name(c)),
        subtitle: Some(format!(
            "chosen box: {} ∈ [{:.4}, {:.4}], {} ∈ [{:.4}, {:.4}] · {sub}",
            name(a),
            b.lower[a],
            b.upper[a],
            name(c),
            b.lower[c],
            b.upper[c]
        )),
        x_label: name(a),
        y_label: name(c),
        groups,
        references: vec![
            ReferencePoint {
                label: "box low corner".into(),
                x: b.lower[a],
                y: b.lower[c],
            },
            ReferencePoint {
                label: "box high corner".into(),
                x: b.upper[a],
                y: b.upper[c],
            },
        ],
        legend_title: Some(s.outcome.clone()),
        legend_note,
    });
    vec![("peeling".into(), peeling), ("box_scatter".into(), scatter)]
}

/// At most this many groups (legend entries) of restriction counts in the peeling plot.
const PEELING_GROUPS: usize = 6;

/// The peeling steps as (coverage, density) points grouped by how many parameters they
/// restrict: one group per count while there are at most [`PEELING_GROUPS`] counts, else
/// that many runs of consecutive counts. Groups are shaded on a sequential scale (dark = few
/// restrictions), so the colour reads as the count.
fn peeling_groups(trajectory: &[PrimBox]) -> Vec<PointGroup> {
    let maxr = trajectory
        .iter()
        .map(|t| t.restricted.len())
        .max()
        .unwrap_or(0);
    let width = (maxr + 1).div_ceil(PEELING_GROUPS);
    let groups = (maxr + 1).div_ceil(width);
    (0..groups)
        .filter_map(|g| {
            let (lo, hi) = (g * width, ((g + 1) * width - 1).min(maxr));
            let points: Vec<[f64; 2]> = trajectory
                .iter()
                .filter(|t| (lo..=hi).contains(&t.restricted.len()))
                .map(|t| [t.coverage, t.density])
                .collect();
            (!points.is_empty()).then(|| PointGroup {
                label: if lo == hi {
                    lo.to_string()
                } else {
                    format!("{lo}–{hi}")
                },
                points,
                colour: None,
                shade: Some(if groups > 1 {
                    0.85 * g as f64 / (groups - 1) as f64
                } else {
                    0.0
                }),
            })
        })
        .collect()
}

/// The points `pts` grouped by their outcome `y` for colour, with a note on the binning for
/// the legend: y = 0 and y = 1 when every outcome is one of them (`--threshold`); else four
/// equal bins over the range the outcomes span, not over [0, 1], so a target whose shares are
/// all small still spreads over the colours.
fn outcome_groups(pts: &[[f64; 2]], y: &[f64]) -> (Vec<PointGroup>, Option<String>) {
    const COLOURS: [usize; 4] = [6, 5, 1, 3];
    let group = |label: String, colour: usize, keep: &dyn Fn(f64) -> bool| PointGroup {
        label,
        points: pts
            .iter()
            .zip(y)
            .filter(|(_, v)| keep(**v))
            .map(|(p, _)| *p)
            .collect(),
        colour: Some(colour),
        shade: None,
    };
    if y.iter().all(|v| *v == 0.0 || *v == 1.0) {
        let groups = [(0.0, COLOURS[0]), (1.0, COLOURS[3])]
            .into_iter()
            .map(|(b, colour)| group(format!("y = {b}"), colour, &|v| v == b))
            .filter(|g| !g.points.is_empty())
            .collect();
        return (groups, None);
    }
    let finite = || y.iter().copied().filter(|v| v.is_finite());
    let lo = finite().fold(f64::INFINITY, f64::min);
    let hi = finite().fold(f64::NEG_INFINITY, f64::max);
    if hi <= lo {
        let label = if lo.is_finite() {
            format!("all points: {lo:.4}")
        } else {
            "all points".to_string()
        };
        return (vec![group(label, COLOURS[0], &|_| true)], None);
    }
    let w = (hi - lo) / 4.0;
    let decimals = ((-w.log10()).ceil() as i32 + 1).clamp(2, 6) as usize;
    let bin = |v: f64| (((v - lo) / w) as usize).min(3);
    let groups = (0..4)
        .map(|i| {
            let (a, b) = (
                lo + w * i as f64,
                if i == 3 { hi } else { lo + w * (i + 1) as f64 },
            );
            let close = if i == 3 { ']' } else { ')' };
            group(
                format!("[{a:.decimals$}, {b:.decimals$}{close}"),
                COLOURS[i],
                &|v| v.is_finite() && bin(v) == i,
            )
        })
        .filter(|g| !g.points.is_empty())
        .collect();
    let note = format!(
        "Colour bins: four equal parts of the range the outcomes span ({lo:.decimals$} to \
         {hi:.decimals$}), not of 0–1."
    );
    (groups, Some(note))
}

/// Reads `points.csv` of a `discover` results directory back: the points (k parameters) and y.
pub(crate) fn read_points(dir: &std::path::Path, k: usize) -> Result<(Vec<Vec<f64>>, Vec<f64>)> {
    let path = dir.join("points.csv");
    let text =
        std::fs::read_to_string(&path).map_err(|e| bad(format!("{}: {e}", path.display())))?;
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        let parse = |c: &str| -> Result<f64> {
            c.parse::<f64>()
                .map_err(|_| bad(format!("{}:{}: not a number: {c:?}", path.display(), i + 1)))
        };
        if cols.len() < k + 4 {
            return Err(bad(format!(
                "{}:{}: too few columns",
                path.display(),
                i + 1
            )));
        }
        x.push(
            cols[1..=k]
                .iter()
                .map(|c| parse(c))
                .collect::<Result<Vec<_>>>()?,
        );
        y.push(parse(cols[k + 2])?);
    }
    Ok((x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(restricted: usize) -> PrimBox {
        PrimBox {
            step: restricted,
            lower: Vec::new(),
            upper: Vec::new(),
            n: 10,
            y_sum: 1.0,
            density: 0.1,
            coverage: 1.0 - restricted as f64 / 30.0,
            mass: 0.5,
            restricted: (0..restricted).collect(),
        }
    }

    /// A long peeling (0 to 22 restricted parameters) gets a few legend entries of
    /// consecutive counts, each its own shade, ordered; a short one one entry per count.
    #[test]
    fn peeling_groups_are_few_and_ordered() {
        let long: Vec<PrimBox> = (0..=22).map(step).collect();
        let groups = peeling_groups(&long);
        let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["0–3", "4–7", "8–11", "12–15", "16–19", "20–22"]);
        assert_eq!(groups.iter().map(|g| g.points.len()).sum::<usize>(), 23);
        let shades: Vec<f64> = groups.iter().map(|g| g.shade.unwrap()).collect();
        assert!(shades.windows(2).all(|w| w[0] < w[1]), "{shades:?}");
        let short: Vec<PrimBox> = (0..=3).map(step).collect();
        let labels: Vec<String> = peeling_groups(&short)
            .into_iter()
            .map(|g| g.label)
            .collect();
        assert_eq!(labels, ["0", "1", "2", "3"]);
        assert_eq!(peeling_groups(&[step(0)]).len(), 1);
    }

    /// Shares that are all small spread over the four colours (bins over their own range,
    /// said in the note); 0/1 outcomes of a threshold get one group each; equal ones one.
    #[test]
    fn outcome_bins_follow_the_data() {
        let y: Vec<f64> = (0..=18).map(|i| f64::from(i) / 100.0).collect();
        let pts: Vec<[f64; 2]> = y.iter().map(|v| [*v, *v]).collect();
        let (groups, note) = outcome_groups(&pts, &y);
        let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "[0.000, 0.045)",
                "[0.045, 0.090)",
                "[0.090, 0.135)",
                "[0.135, 0.180]"
            ]
        );
        assert_eq!(groups.iter().map(|g| g.points.len()).sum::<usize>(), 19);
        assert!(note.unwrap().contains("0.000 to 0.180"));
        let y = [0.0, 1.0, 1.0];
        let (groups, note) = outcome_groups(&pts[..3], &y);
        let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["y = 0", "y = 1"]);
        assert!(note.is_none());
        let (groups, _) = outcome_groups(&pts[..2], &[0.2, 0.2]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].points.len(), 2);
    }
}
