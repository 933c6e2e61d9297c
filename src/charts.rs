//! Maps results into chart specifications of the `plots` crate and renders a results
//! directory's figures into its `plots/` folder. A pure function of saved results: `pactsim
//! plot DIR` re-renders without re-running.

use crate::cli::PlotFormat;
use anyhow::{Context, Result};
use plots::{
    Bar, BarChart, BoxSummary, CategoryMap, Chart, Distributions, Format, Heatmap, Histogram,
    LinePlot, MapClass, Marker, PointGroup, ReferencePoint, Scatter, Series, SeriesPoint, Tornado,
    TornadoBar,
};
use sim::output::{read_json, Manifest};
use sim::reports::{SensitivitySummary, SummaryCell, SweepSummary};
use sim::results::Distribution;
use sim::sweep::{value_text, Axis, Scale};
use sim::{Outcome, Summary};
use std::path::{Path, PathBuf};

/// Real milestones marked on time-to-agreement histograms (DOMAIN §0): weeks since 27 Feb 2026.
pub const MILESTONES: [(f64, &str); 3] = [
    (2.7, "threat wk 2.7"),
    (8.4, "deal wk 8.4"),
    (12.0, "S-1 wk 12"),
];

/// A fixed palette index per outcome class, so colours agree across charts.
pub fn outcome_colour(o: Outcome) -> usize {
    match o {
        Outcome::AmazonCollapse => 6,
        Outcome::Litigation => 3,
        Outcome::LitigatedSettlement => 1,
        Outcome::AprilLikeStrict => 2,
        Outcome::AprilLikeBroad => 5,
        Outcome::OtherDeal => 4,
        Outcome::StatusQuoBackdown => 7,
        Outcome::Impasse => 0,
    }
}

/// The formats selected on the command line.
pub fn formats(f: PlotFormat) -> Vec<Format> {
    match f {
        PlotFormat::Svg => vec![Format::Svg],
        PlotFormat::Png => vec![Format::Png],
        PlotFormat::Both => vec![Format::Svg, Format::Png],
    }
}

fn subtitle(m: &Manifest) -> String {
    let name = m
        .scenario
        .get("meta")
        .and_then(|v| v.get("name"))
        .and_then(|v| v.as_str())
        .unwrap_or("scenario");
    format!(
        "{name} · N = {} runs · seed {}{}",
        m.runs,
        m.seed,
        overrides_note(m)
    )
}

/// " · set a=1, b=2" when the results were computed with `--set` overrides, else "".
fn overrides_note(m: &Manifest) -> String {
    if m.overrides.is_empty() {
        String::new()
    } else {
        format!(" · set {}", m.overrides.join(", "))
    }
}

/// How sweep heat maps are drawn (`--auto-scale`, `--ci-threshold`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeatOptions {
    /// Fit the colour scale to the data instead of the fixed 0–100%.
    pub auto_scale: bool,
    /// Hatch cells whose 95% CI is wider than this many percentage points.
    pub ci_threshold_pp: f64,
}

impl Default for HeatOptions {
    fn default() -> Self {
        HeatOptions {
            auto_scale: false,
            ci_threshold_pp: 10.0,
        }
    }
}

/// An axis label, marked when its values are log-spaced.
fn axis_label(a: &Axis) -> String {
    if a.scale == Scale::Log {
        format!("{} (log scale)", a.label)
    } else {
        a.label.clone()
    }
}

/// Header of `agreements.csv`.
pub const AGREEMENTS_HEADER: &str =
    "run,outcome,week,payoff_microsoft,payoff_openai,payoff_amazon\n";
/// Agreements kept for the utility-space scatter (the first ones, in run order).
pub const AGREEMENT_SAMPLE: usize = 2000;

/// A labelled reference point in payoff space (from the cooperative benchmarks).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reference {
    /// Label.
    pub label: String,
    /// Payoffs (Microsoft, OpenAI, Amazon), $B.
    pub payoffs: [f64; 3],
}

/// The April terms, the Nash and Kalai–Smorodinsky solutions and the disagreement point at
/// the scenario's expected values.
pub fn reference_points(scenario: &sim::Scenario) -> Result<Vec<Reference>> {
    let b = sim::cooperative::benchmarks(scenario).context("computing reference points")?;
    let pick = |name: &str, label: &str| {
        b.solutions
            .iter()
            .find(|s| s.name == name)
            .map(|s| Reference {
                label: label.to_string(),
                payoffs: s.payoffs,
            })
    };
    Ok([
        pick("April 2026 terms", "April 2026"),
        pick("Nash bargaining (symmetric)", "Nash"),
        pick("Kalai–Smorodinsky", "KS"),
        pick("Disagreement (contested launch)", "disagreement"),
    ]
    .into_iter()
    .flatten()
    .collect())
}

/// Scatter of sampled agreements in (Microsoft, OpenAI) payoff space, one group per outcome
/// class, with the reference points.
pub fn agreement_scatter(m: &Manifest, agreements_csv: &str, refs: &[Reference]) -> Chart {
    let mut groups: Vec<PointGroup> = Vec::new();
    for line in agreements_csv.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        let (Some(class), Some(x), Some(y)) = (
            cols.get(1),
            cols.get(3).and_then(|v| v.parse::<f64>().ok()),
            cols.get(4).and_then(|v| v.parse::<f64>().ok()),
        ) else {
            continue;
        };
        match groups.iter_mut().find(|g| g.label == *class) {
            Some(g) => g.points.push([x, y]),
            None => groups.push(PointGroup {
                label: class.to_string(),
                points: vec![[x, y]],
                colour: Outcome::from_name(class).map(outcome_colour),
            }),
        }
    }
    groups.sort_by_key(|g| Outcome::from_name(&g.label).map(|o| o.index()));
    let n: usize = groups.iter().map(|g| g.points.len()).sum();
    Chart::Scatter(Scatter {
        title: "Agreements in utility space".into(),
        subtitle: Some(format!(
            "{} · first {n} agreements · reference points at expected values",
            subtitle(m)
        )),
        x_label: "Microsoft payoff ($B present value)".into(),
        y_label: "OpenAI payoff ($B present value)".into(),
        groups,
        references: refs
            .iter()
            .map(|r| ReferencePoint {
                label: r.label.clone(),
                x: r.payoffs[0],
                y: r.payoffs[1],
            })
            .collect(),
    })
}

/// Histogram of agreement weeks (one bin per week) with the real milestones marked.
pub fn agreement_histogram(title: String, subtitle: String, counts: &[u64]) -> Chart {
    Chart::Histogram(Histogram {
        title,
        subtitle: Some(subtitle),
        x_label: "week of agreement (weeks since 27 Feb 2026)".into(),
        y_label: "runs".into(),
        edges: (0..=counts.len()).map(|i| i as f64).collect(),
        counts: counts.iter().map(|c| *c as f64).collect(),
        markers: MILESTONES
            .iter()
            .map(|(x, l)| Marker {
                x: *x,
                label: l.to_string(),
                colour: None,
            })
            .collect(),
    })
}

/// A box-plot row (5–95% whiskers, mean marked) from a payoff distribution.
pub fn box_summary(label: String, d: &Distribution, colour: usize) -> BoxSummary {
    BoxSummary {
        label,
        p5: d.p5,
        p25: d.p25,
        p50: d.p50,
        p75: d.p75,
        p95: d.p95,
        mean: Some(d.mean),
        colour: Some(colour),
    }
}

/// The charts of a `run` results directory.
pub fn run_charts(m: &Manifest, s: &Summary) -> Vec<(&'static str, Chart)> {
    let sub = Some(subtitle(m));
    let bars = s
        .outcomes
        .iter()
        .map(|o| {
            let class = Outcome::from_name(&o.outcome);
            Bar {
                label: o.outcome.clone(),
                value: o.share,
                ci_lo: Some(o.ci_low),
                ci_hi: Some(o.ci_high),
                colour: class.map(outcome_colour),
            }
        })
        .collect();
    let outcomes = Chart::Bar(BarChart {
        title: "Outcome shares with 95% Wilson intervals".into(),
        subtitle: sub.clone(),
        y_label: "share of runs".into(),
        x_label: Some("outcome class (DOMAIN §2.7)".into()),
        bars,
        probability: true,
    });
    let h = &s.time_to_agreement.histogram;
    let agreement = agreement_histogram(
        "Time to agreement".into(),
        format!(
            "{} · {} runs with an MO agreement",
            subtitle(m),
            s.time_to_agreement.agreements
        ),
        h,
    );
    let row = |label: &str, d: &Distribution, colour| box_summary(label.into(), d, colour);
    let payoffs = Chart::Distributions(Distributions {
        title: "Realised payoffs per player (5–95% whiskers, mean marked)".into(),
        subtitle: sub,
        x_label: "$B present value (each player's own discount rate)".into(),
        rows: vec![
            row("Microsoft", &s.payoffs.microsoft, 0),
            row("OpenAI", &s.payoffs.openai, 2),
            row("Amazon", &s.payoffs.amazon, 1),
        ],
    });
    vec![
        ("outcomes", outcomes),
        ("time_to_agreement", agreement),
        ("payoffs", payoffs),
    ]
}

/// Renders `charts` into `dir/plots`.
pub fn render(dir: &Path, charts: &[(&str, Chart)], formats: &[Format]) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (stem, chart) in charts {
        let path = dir.join("plots").join(stem);
        written.extend(
            plots::render(chart, &path, formats).with_context(|| format!("rendering {stem}"))?,
        );
    }
    Ok(written)
}

/// Re-renders the plots of a results directory from its saved files.
pub fn replot(dir: &Path, formats: &[Format], heat: &HeatOptions) -> Result<Vec<PathBuf>> {
    let manifest: Manifest =
        read_json(dir, "manifest.json").map_err(|e| crate::bad(format!("{e}")))?;
    match manifest.command.as_str() {
        "run" => {
            let summary: Summary =
                read_json(dir, "summary.json").map_err(|e| crate::bad(format!("{e}")))?;
            let mut all = run_charts(&manifest, &summary);
            if let Ok(text) = std::fs::read_to_string(dir.join("agreements.csv")) {
                let refs: Vec<Reference> =
                    read_json(dir, "reference_points.json").unwrap_or_default();
                all.push(("agreements", agreement_scatter(&manifest, &text, &refs)));
            }
            render(dir, &all, formats)
        }
        "metagame" => crate::cmd_metagame::replot(dir, formats),
        "sweep" => {
            let summary: sim::reports::SweepSummary =
                read_json(dir, "summary.json").map_err(|e| crate::bad(format!("{e}")))?;
            render_named(dir, &sweep_charts(&manifest, &summary, heat), formats)
        }
        "sensitivity" => {
            let summary: sim::reports::SensitivitySummary =
                read_json(dir, "summary.json").map_err(|e| crate::bad(format!("{e}")))?;
            render_named(dir, &sensitivity_charts(&manifest, &summary), formats)
        }
        "sobol" => {
            let summary: crate::cmd_sobol::SobolSummary =
                read_json(dir, "summary.json").map_err(|e| crate::bad(format!("{e}")))?;
            render_named(
                dir,
                &crate::cmd_sobol::sobol_charts(&manifest, &summary),
                formats,
            )
        }
        "discover" => {
            let summary: crate::cmd_discover::DiscoverSummary =
                read_json(dir, "summary.json").map_err(|e| crate::bad(format!("{e}")))?;
            let (x, y) = crate::cmd_discover::read_points(dir, summary.parameters.len())?;
            render_named(
                dir,
                &crate::cmd_discover::discover_charts(&manifest, &summary, &x, &y),
                formats,
            )
        }
        "calibrate" => {
            let summary: crate::cmd_calibrate::CalibrateSummary =
                read_json(dir, "summary.json").map_err(|e| crate::bad(format!("{e}")))?;
            let res = crate::cmd_calibrate::read_draws(dir, &summary)?;
            render_named(
                dir,
                &crate::cmd_calibrate::calibrate_charts(&manifest, &summary, &res),
                formats,
            )
        }
        other => Err(crate::bad(format!(
            "{}: results of `{other}` have no plots in this version",
            dir.display()
        ))),
    }
}

/// [`render`] for charts with computed names.
pub(crate) fn render_named(
    dir: &Path,
    charts: &[(String, Chart)],
    formats: &[Format],
) -> Result<Vec<PathBuf>> {
    let named: Vec<(&str, Chart)> = charts
        .iter()
        .map(|(n, c)| (n.as_str(), c.clone()))
        .collect();
    render(dir, &named, formats)
}

fn sweep_subtitle(m: &Manifest, cells: usize, extra: &str) -> String {
    let name = m
        .extra
        .pointer("/sweep/name")
        .and_then(|v| v.as_str())
        .unwrap_or("sweep");
    format!(
        "sweep {name} · {cells} cells × {} runs · seed {}{extra}{}",
        m.runs,
        m.seed,
        overrides_note(m)
    )
}

/// Pooled outcome counts (per outcome class) and runs of the cells selected by `keep`.
fn pooled(s: &SweepSummary, keep: &dyn Fn(&SummaryCell) -> bool) -> ([u64; 8], u64) {
    let mut counts = [0u64; 8];
    let mut runs = 0;
    for c in s.cells.iter().filter(|c| keep(c)) {
        for (k, o) in c.summary.outcomes.iter().enumerate().take(8) {
            counts[k] += o.count;
        }
        runs += c.summary.runs;
    }
    (counts, runs)
}

/// The charts of a `sweep` results directory: heat maps of P(outcome) and the modal-outcome
/// map over the first two axes (grid designs), line plots with 95% CI bands over each axis,
/// the pooled time-to-agreement histogram and payoff distributions per player.
pub(crate) fn sweep_charts(
    m: &Manifest,
    s: &SweepSummary,
    heat: &HeatOptions,
) -> Vec<(String, Chart)> {
    let axes: Vec<Axis> = m
        .extra
        .pointer("/sweep/axes")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default();
    let grid = m.extra.pointer("/sweep/design").and_then(|v| v.as_str()) == Some("grid");
    let n = s.cells.len();
    let present: Vec<Outcome> = Outcome::ALL
        .into_iter()
        .filter(|o| s.cells.iter().any(|c| c.summary.share(*o).count > 0))
        .collect();
    let numeric = |a: &Axis| {
        s.cells
            .iter()
            .all(|c| c.values.get(&a.path).and_then(|v| v.as_f64()).is_some())
    };
    let mut out = Vec::new();
    // Heat maps and the modal map over the first two axes of a grid.
    if grid && axes.len() >= 2 && numeric(&axes[0]) && numeric(&axes[1]) {
        let (ax, ay) = (&axes[0], &axes[1]);
        let xs: Vec<f64> = ax.values.iter().filter_map(|v| v.as_f64()).collect();
        let ys: Vec<f64> = ay.values.iter().filter_map(|v| v.as_f64()).collect();
        let pooled_note = if axes.len() > 2 {
            " · pooled over the other axes"
        } else {
            ""
        };
        let at = |i: usize, j: usize| {
            pooled(s, &|c: &SummaryCell| {
                c.values.get(&ax.path) == ax.values.get(i)
                    && c.values.get(&ay.path) == ay.values.get(j)
            })
        };
        let table: Vec<Vec<([u64; 8], u64)>> = (0..ys.len())
            .map(|j| (0..xs.len()).map(|i| at(i, j)).collect())
            .collect();
        for o in &present {
            let k = o.index();
            out.push((
                format!("heatmap_{}", o.name().to_lowercase()),
                Chart::Heatmap(Heatmap {
                    title: format!(
                        "P({}) over {} × {}",
                        o.name(),
                        tail(&ax.path),
                        tail(&ay.path)
                    ),
                    subtitle: Some(sweep_subtitle(m, n, pooled_note)),
                    x_label: ax.label.clone(),
                    y_label: ay.label.clone(),
                    x_values: xs.clone(),
                    y_values: ys.clone(),
                    z: table
                        .iter()
                        .map(|row| {
                            row.iter()
                                .map(|(c, r)| c[k] as f64 / (*r).max(1) as f64)
                                .collect()
                        })
                        .collect(),
                    z_label: format!("P({})", o.name()),
                    z_range: None,
                    probability: true,
                    annotate: None,
                    auto_scale: heat.auto_scale,
                    ci_width: Some(
                        table
                            .iter()
                            .map(|row| {
                                row.iter()
                                    .map(|(c, r)| {
                                        let (lo, hi) =
                                            sim::stats::wilson(c[k], *r, 1.959963984540054);
                                        hi - lo
                                    })
                                    .collect()
                            })
                            .collect(),
                    ),
                    ci_threshold: Some(heat.ci_threshold_pp / 100.0),
                    x_log: ax.scale == Scale::Log,
                    y_log: ay.scale == Scale::Log,
                }),
            ));
        }
        let modal = |c: &[u64; 8]| {
            let mut best = 0;
            for k in 1..8 {
                if c[k] > c[best] {
                    best = k;
                }
            }
            best
        };
        let classes: Vec<Outcome> = Outcome::ALL
            .into_iter()
            .filter(|o| table.iter().flatten().any(|(c, _)| modal(c) == o.index()))
            .collect();
        out.push((
            "modal_outcome".into(),
            Chart::CategoryMap(CategoryMap {
                title: format!(
                    "Most frequent outcome over {} × {}",
                    tail(&ax.path),
                    tail(&ay.path)
                ),
                subtitle: Some(sweep_subtitle(m, n, pooled_note)),
                x_label: axis_label(ax),
                y_label: axis_label(ay),
                x_values: xs,
                y_values: ys,
                classes: classes
                    .iter()
                    .map(|o| MapClass {
                        label: o.name().into(),
                        colour: Some(outcome_colour(*o)),
                    })
                    .collect(),
                cells: table
                    .iter()
                    .map(|row| {
                        row.iter()
                            .map(|(c, _)| classes.iter().position(|o| o.index() == modal(c)))
                            .collect()
                    })
                    .collect(),
                shares: Some(
                    table
                        .iter()
                        .map(|row| {
                            row.iter()
                                .map(|(c, r)| c[modal(c)] as f64 / (*r).max(1) as f64)
                                .collect()
                        })
                        .collect(),
                ),
            }),
        ));
    }
    // Line plots: one per numeric axis (grid: pooled over the other axes; other designs
    // only with a single axis, points sorted by value).
    for (a_i, a) in axes.iter().enumerate() {
        if !numeric(a) || !(grid || axes.len() == 1) {
            continue;
        }
        let mut xs: Vec<serde_json::Value> = if grid {
            a.values.clone()
        } else {
            s.cells
                .iter()
                .filter_map(|c| c.values.get(&a.path).cloned())
                .collect()
        };
        xs.sort_by(|p, q| {
            p.as_f64()
                .unwrap_or(0.0)
                .total_cmp(&q.as_f64().unwrap_or(0.0))
        });
        xs.dedup();
        let rows: Vec<(f64, [u64; 8], u64)> = xs
            .iter()
            .map(|x| {
                let (c, r) = pooled(s, &|c: &SummaryCell| c.values.get(&a.path) == Some(x));
                (x.as_f64().unwrap_or(f64::NAN), c, r)
            })
            .collect();
        let series = present
            .iter()
            .map(|o| Series {
                label: o.name().into(),
                colour: Some(outcome_colour(*o)),
                points: rows
                    .iter()
                    .map(|(x, c, r)| {
                        let k = o.index();
                        let (lo, hi) = sim::stats::wilson(c[k], *r, 1.959963984540054);
                        SeriesPoint {
                            x: *x,
                            y: c[k] as f64 / (*r).max(1) as f64,
                            lo: Some(lo),
                            hi: Some(hi),
                        }
                    })
                    .collect(),
            })
            .collect();
        let note = if axes.len() > 1 {
            " · pooled over the other axes"
        } else {
            ""
        };
        out.push((
            format!("line_{a_i}_{}", a.path.rsplit('.').next().unwrap_or("axis")),
            Chart::Line(LinePlot {
                title: format!("Outcome shares vs {} (95% Wilson bands)", tail(&a.path)),
                subtitle: Some(sweep_subtitle(m, n, note)),
                x_label: a.label.clone(),
                y_label: "share of runs".into(),
                series,
                log_x: a.scale == Scale::Log,
                probability: true,
                x_marks: Vec::new(),
            }),
        ));
    }
    // Latin hypercube / points: where the cells fell, by modal outcome.
    if !grid && axes.len() >= 2 && numeric(&axes[0]) && numeric(&axes[1]) {
        let (ax, ay) = (&axes[0], &axes[1]);
        let groups = Outcome::ALL
            .into_iter()
            .filter_map(|o| {
                let points: Vec<[f64; 2]> = s
                    .cells
                    .iter()
                    .filter(|c| c.modal_outcome == o.name())
                    .filter_map(|c| {
                        Some([
                            c.values.get(&ax.path)?.as_f64()?,
                            c.values.get(&ay.path)?.as_f64()?,
                        ])
                    })
                    .collect();
                (!points.is_empty()).then(|| PointGroup {
                    label: format!("modal {}", o.name()),
                    points,
                    colour: Some(outcome_colour(o)),
                })
            })
            .collect();
        out.push((
            "modal_outcome_points".into(),
            Chart::Scatter(Scatter {
                title: format!(
                    "Most frequent outcome per cell: {} × {}",
                    tail(&ax.path),
                    tail(&ay.path)
                ),
                subtitle: Some(sweep_subtitle(m, n, "")),
                x_label: ax.label.clone(),
                y_label: ay.label.clone(),
                groups,
                references: vec![],
            }),
        ));
    }
    // Time to agreement, pooled over all cells.
    let len = s
        .cells
        .iter()
        .map(|c| c.summary.time_to_agreement.histogram.len())
        .max()
        .unwrap_or(0);
    let mut hist = vec![0u64; len];
    let mut agreements = 0;
    for c in &s.cells {
        agreements += c.summary.time_to_agreement.agreements;
        for (k, v) in c.summary.time_to_agreement.histogram.iter().enumerate() {
            hist[k] += v;
        }
    }
    out.push((
        "time_to_agreement".into(),
        agreement_histogram(
            "Time to agreement, all cells pooled".into(),
            sweep_subtitle(m, n, &format!(" · {agreements} runs with an MO agreement")),
            &hist,
        ),
    ));
    // Payoffs per player: one row per cell (at most 12, evenly spread over the sweep).
    let picked: Vec<&SummaryCell> = if n <= 12 {
        s.cells.iter().collect()
    } else {
        (0..12).map(|k| &s.cells[k * (n - 1) / 11]).collect()
    };
    let label = |c: &SummaryCell| {
        let vals: Vec<String> = s
            .params
            .iter()
            .map(|p| {
                let short = p.rsplit('.').next().unwrap_or(p);
                let v = match c.values.get(p) {
                    Some(serde_json::Value::Number(x)) => x
                        .as_f64()
                        .map(plots_number)
                        .unwrap_or_else(|| x.to_string()),
                    Some(other) => value_text(other),
                    None => String::new(),
                };
                format!("{short}={v}")
            })
            .collect();
        format!("cell {}: {}", c.cell, vals.join(", "))
    };
    for (stem, player, colour, get) in [
        (
            "payoffs_microsoft",
            "Microsoft",
            0,
            (|s: &Summary| s.payoffs.microsoft.clone()) as fn(&Summary) -> Distribution,
        ),
        ("payoffs_openai", "OpenAI", 2, |s: &Summary| {
            s.payoffs.openai.clone()
        }),
        ("payoffs_amazon", "Amazon", 1, |s: &Summary| {
            s.payoffs.amazon.clone()
        }),
    ] {
        out.push((
            stem.into(),
            Chart::Distributions(Distributions {
                title: format!("{player}: realised payoff per cell (5–95% whiskers, mean marked)"),
                subtitle: Some(sweep_subtitle(
                    m,
                    n,
                    if n > 12 { " · 12 cells shown" } else { "" },
                )),
                x_label: "$B present value (each player's own discount rate)".into(),
                rows: picked
                    .iter()
                    .map(|c| box_summary(label(c), &get(&c.summary), colour))
                    .collect(),
            }),
        ));
    }
    out
}

/// The charts of a `sensitivity` results directory: the one-at-a-time tornado and the Morris
/// μ* ranking.
pub(crate) fn sensitivity_charts(m: &Manifest, s: &SensitivitySummary) -> Vec<(String, Chart)> {
    let share = !(s.target.starts_with("payoff.") || s.target == "time_to_agreement");
    let what = if share {
        format!("P({})", s.target)
    } else {
        s.target.clone()
    };
    let sub = format!(
        "{} · {} runs per point · seed {} · base value {:.3} (MC s.e. {})",
        m.scenario
            .get("meta")
            .and_then(|v| v.get("name"))
            .and_then(|v| v.as_str())
            .unwrap_or("scenario"),
        s.runs_per_point,
        m.seed,
        s.base_share,
        s.standard_error
            .map_or("unknown".to_string(), |e| format!("{e:.3}"))
    );
    let tornado = Chart::Tornado(Tornado {
        title: format!("{what}: one parameter at a time over its documented range"),
        subtitle: Some(sub.clone()),
        x_label: if share {
            format!("{what} (share of runs)")
        } else {
            what.clone()
        },
        base_value: s.base_share,
        base_label: Some(format!("base {:.3}", s.base_share)),
        bars: s
            .one_at_a_time
            .iter()
            .map(|r| TornadoBar {
                parameter: r.parameter.path.clone(),
                low_label: plots_number(r.parameter.low),
                high_label: plots_number(r.parameter.high),
                output_low: r.share_low,
                output_high: r.share_high,
            })
            .collect(),
    });
    let morris = Chart::Bar(BarChart {
        title: format!("Morris screening of {what}: μ* per parameter"),
        subtitle: Some(format!(
            "green raises P, vermillion lowers it · {} trajectories × {} levels · {sub}",
            s.morris_design[0], s.morris_design[1]
        )),
        y_label: "μ* = mean |elementary effect| (share change per full range)".into(),
        x_label: Some("parameter".into()),
        bars: s
            .morris
            .iter()
            .map(|r| Bar {
                label: r.path.clone(),
                value: r.effect.mu_star,
                ci_lo: r.mu_star_lo,
                ci_hi: r.mu_star_hi,
                colour: Some(if r.effect.mu >= 0.0 { 2 } else { 3 }),
            })
            .collect(),
        probability: false,
    });
    vec![("tornado".into(), tornado), ("morris".into(), morris)]
}

fn plots_number(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// Last segment of a parameter path (titles; axis labels carry the full description).
fn tail(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}
