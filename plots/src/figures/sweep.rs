//! Figures of a `sweep` results directory: heat maps of P(outcome) and the modal-outcome map
//! over the first two axes (grid designs), line plots with 95% Wilson bands over each numeric
//! axis, where the cells of other designs fell by modal outcome, the pooled time-to-agreement
//! histogram and payoff distributions per player. A sweep read against a facts file
//! (`facts.json`) adds a heat map of how many facts each cell meets (two-axis grids only: a
//! count of facts met cannot be pooled over a third axis).

use super::{
    agreement_histogram, box_summary, outcome_colour, overrides_note, short_number, tail, Figure,
    HeatOptions,
};
use crate::{
    CategoryMap, Chart, Distributions, Heatmap, LinePlot, MapClass, PointGroup, Scatter, Series,
    SeriesPoint,
};
use sim::calibration::SweepFacts;
use sim::output::Manifest;
use sim::reports::{SummaryCell, SweepSummary};
use sim::results::Distribution;
use sim::stats::{modal_index, wilson, Z95};
use sim::sweep::{value_text, Axis, Scale};
use sim::{Outcome, Summary};

/// An axis label, marked when its values are log-spaced.
fn axis_label(a: &Axis) -> String {
    if a.scale == Scale::Log {
        format!("{} (log scale)", a.label)
    } else {
        a.label.clone()
    }
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

/// Pooled (threats, threats credible as a suit when made, runs) of some cells.
type Threats = (u64, u64, u64);

/// A threat heat map: file name, title, colour-bar label, the (count, of) it maps from a
/// cell's [`Threats`], and whether it is drawn.
type ThreatMap = (
    &'static str,
    &'static str,
    &'static str,
    fn(&Threats) -> (u64, u64),
    bool,
);

/// [`Threats`] of the cells selected by `keep`.
fn pooled_threats(s: &SweepSummary, keep: &dyn Fn(&SummaryCell) -> bool) -> Threats {
    s.cells
        .iter()
        .filter(|c| keep(c))
        .fold((0, 0, 0), |(t, k, r), c| {
            let l = &c.summary.litigation;
            (t + l.threats, k + l.credible_threats, r + c.summary.runs)
        })
}

/// The two axes of a grid's heat maps, with their values and the subtitle shared by its maps.
struct HeatGrid<'a> {
    x: &'a Axis,
    y: &'a Axis,
    xs: Vec<f64>,
    ys: Vec<f64>,
    subtitle: String,
}

impl HeatGrid<'_> {
    /// A heat map of shares k/n per cell (rows over y, columns over x), with each cell's 95%
    /// Wilson interval width for hatching; a cell with n = 0 shows 0 and an interval of
    /// [0, 1], so it is hatched as unknown.
    fn shares(
        &self,
        title: String,
        z_label: String,
        table: &[Vec<(u64, u64)>],
        heat: &HeatOptions,
    ) -> Heatmap {
        let z = table
            .iter()
            .map(|row| {
                row.iter()
                    .map(|&(k, n)| k as f64 / n.max(1) as f64)
                    .collect()
            })
            .collect();
        let ci_width = table
            .iter()
            .map(|row| {
                row.iter()
                    .map(|&(k, n)| {
                        let (lo, hi) = wilson(k, n, Z95);
                        hi - lo
                    })
                    .collect()
            })
            .collect();
        Heatmap {
            title,
            subtitle: Some(self.subtitle.clone()),
            x_label: self.x.label.clone(),
            y_label: self.y.label.clone(),
            x_values: self.xs.clone(),
            y_values: self.ys.clone(),
            z,
            z_label,
            z_range: None,
            probability: true,
            annotate: None,
            auto_scale: heat.auto_scale,
            ci_width: Some(ci_width),
            ci_threshold: Some(heat.ci_threshold_pp / 100.0),
            x_log: self.x.scale == Scale::Log,
            y_log: self.y.scale == Scale::Log,
        }
    }
}

/// The file of a sweep results directory that holds the facts each cell meets, when the
/// sweep was read against a facts file.
pub const FACTS_FILE: &str = "facts.json";

/// The heat map of how many of `f`'s facts each cell of a two-axis grid meets (a cell the
/// facts do not list is drawn grey), on a fixed scale from none to all of them.
fn facts_map(maps: &HeatGrid<'_>, s: &SweepSummary, f: &SweepFacts, over: &str) -> Chart {
    let met = |i: usize, j: usize| {
        s.cells
            .iter()
            .find(|c| {
                c.values.get(&maps.x.path) == maps.x.values.get(i)
                    && c.values.get(&maps.y.path) == maps.y.values.get(j)
            })
            .and_then(|c| f.cells.iter().find(|m| m.cell == c.cell))
            .map_or(f64::NAN, |m| m.met as f64)
    };
    let z = (0..maps.ys.len())
        .map(|j| (0..maps.xs.len()).map(|i| met(i, j)).collect())
        .collect();
    Chart::Heatmap(Heatmap {
        title: format!("Facts met (of {}) over {over}", f.facts),
        subtitle: Some(format!("{} · facts: {}", maps.subtitle, f.facts_file)),
        x_label: maps.x.label.clone(),
        y_label: maps.y.label.clone(),
        x_values: maps.xs.clone(),
        y_values: maps.ys.clone(),
        z,
        z_label: format!("facts met (of {})", f.facts),
        z_range: Some([0.0, f.facts as f64]),
        probability: false,
        annotate: None,
        auto_scale: false,
        ci_width: None,
        ci_threshold: None,
        x_log: maps.x.scale == Scale::Log,
        y_log: maps.y.scale == Scale::Log,
    })
}

/// The figures of a sweep (see the module documentation); `facts`, when the sweep was read
/// against a facts file, adds the map of facts met.
pub fn figures(
    m: &Manifest,
    s: &SweepSummary,
    facts: Option<&SweepFacts>,
    heat: &HeatOptions,
) -> Vec<Figure> {
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
        let maps = HeatGrid {
            x: ax,
            y: ay,
            xs: xs.clone(),
            ys: ys.clone(),
            subtitle: sweep_subtitle(m, n, pooled_note),
        };
        let over = format!("{} × {}", tail(&ax.path), tail(&ay.path));
        for o in &present {
            let k = o.index();
            let shares: Vec<Vec<(u64, u64)>> = table
                .iter()
                .map(|row| row.iter().map(|(c, r)| (c[k], *r)).collect())
                .collect();
            out.push((
                format!("heatmap_{}", o.name().to_lowercase()),
                Chart::Heatmap(maps.shares(
                    format!("P({}) over {over}", o.name()),
                    format!("P({})", o.name()),
                    &shares,
                    heat,
                )),
            ));
        }
        // Microsoft's threats: how often it threatens, and how often a threat could have
        // become a suit when it was made (the rest are bluffs).
        let threats: Vec<Vec<Threats>> = (0..ys.len())
            .map(|j| {
                (0..xs.len())
                    .map(|i| {
                        pooled_threats(s, &|c: &SummaryCell| {
                            c.values.get(&ax.path) == ax.values.get(i)
                                && c.values.get(&ay.path) == ay.values.get(j)
                        })
                    })
                    .collect()
            })
            .collect();
        // Summaries written before runs recorded their threats' credibility lack it.
        let recorded = s.cells.iter().all(|c| {
            let l = &c.summary.litigation;
            l.threats == 0 || l.credible_threat_share.is_some()
        });
        let threat_maps: [ThreatMap; 2] = [
            (
                "heatmap_threat",
                "P(public threat)",
                "P(threat)",
                |&(t, _, r)| (t, r),
                true,
            ),
            (
                "heatmap_credible_threat",
                "Threats credible as a suit when made (θ_M·J ≥ c_P)",
                "share of threats",
                |&(t, k, _)| (k, t),
                recorded,
            ),
        ];
        if threats.iter().flatten().any(|&(t, _, _)| t > 0) {
            for (name, title, z_label, count, drawn) in threat_maps {
                if !drawn {
                    continue;
                }
                let shares: Vec<Vec<(u64, u64)>> = threats
                    .iter()
                    .map(|row| row.iter().map(count).collect())
                    .collect();
                out.push((
                    name.into(),
                    Chart::Heatmap(maps.shares(
                        format!("{title} over {over}"),
                        z_label.into(),
                        &shares,
                        heat,
                    )),
                ));
            }
        }
        if let (Some(f), 2) = (facts, axes.len()) {
            out.push(("heatmap_facts_met".into(), facts_map(&maps, s, f, &over)));
        }
        let classes: Vec<Outcome> = Outcome::ALL
            .into_iter()
            .filter(|o| {
                table
                    .iter()
                    .flatten()
                    .any(|(c, _)| modal_index(c) == o.index())
            })
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
                            .map(|(c, _)| classes.iter().position(|o| o.index() == modal_index(c)))
                            .collect()
                    })
                    .collect(),
                shares: Some(
                    table
                        .iter()
                        .map(|row| {
                            row.iter()
                                .map(|(c, r)| c[modal_index(c)] as f64 / (*r).max(1) as f64)
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
                        let (lo, hi) = wilson(c[k], *r, Z95);
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
                    shade: None,
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
                legend_title: None,
                legend_note: None,
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
                        .map(short_number)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(path: &str, values: &[f64], scale: Scale) -> Axis {
        Axis {
            path: path.into(),
            label: format!("{path} (unit)"),
            values: values.iter().map(|v| serde_json::json!(v)).collect(),
            range: None,
            scale,
        }
    }

    /// A share map holds k/n per cell with its Wilson width; a cell with nothing to count
    /// shows 0 with the whole [0, 1] interval, so the map hatches it as unknown.
    #[test]
    fn share_maps_hold_k_over_n_and_hatch_empty_cells() {
        let (x, y) = (
            axis("a.x", &[1.0, 2.0], Scale::Linear),
            axis("a.y", &[1.0, 10.0], Scale::Log),
        );
        let grid = HeatGrid {
            x: &x,
            y: &y,
            xs: vec![1.0, 2.0],
            ys: vec![1.0, 10.0],
            subtitle: "sub".into(),
        };
        let table = vec![vec![(3, 4), (0, 0)], vec![(0, 50), (50, 50)]];
        let heat = HeatOptions::default();
        let map = grid.shares("t".into(), "z".into(), &table, &heat);
        assert_eq!(map.z, vec![vec![0.75, 0.0], vec![0.0, 1.0]]);
        let ci = map.ci_width.expect("widths");
        let (lo, hi) = wilson(3, 4, Z95);
        assert_eq!(ci[0][0], hi - lo);
        assert_eq!(ci[0][1], 1.0);
        assert!(ci[1][0] < 0.1 && ci[1][1] < 0.1);
        assert_eq!(map.ci_threshold, Some(heat.ci_threshold_pp / 100.0));
        assert!(!map.x_log && map.y_log);
        assert_eq!(
            (map.x_label.as_str(), map.y_label.as_str()),
            ("a.x (unit)", "a.y (unit)")
        );
        assert!(map.probability && map.z.iter().flatten().all(|v| v.is_finite()));
    }
}
