//! Render tests: every chart kind, plus edge cases, into a temporary
//! directory; checks file signatures, PNG dimensions and SVG content.
//! Set `PLOTS_SAMPLE_DIR` to also keep the sample images for inspection.

use std::path::{Path, PathBuf};

use super::*;

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.len() > 24, "PNG too short");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// Render `chart` as SVG and PNG under `dir/name` and check both files.
fn check(chart: &Chart, dir: &Path, name: &str) -> Vec<PathBuf> {
    let stem = dir.join(name);
    let paths = render(chart, &stem, &[Format::Svg, Format::Png]).expect("render");
    assert_eq!(paths.len(), 2);
    let svg = std::fs::read_to_string(&paths[0]).expect("svg");
    assert!(svg.contains("<svg"), "{name}: no <svg>");
    let title = chart
        .title()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    if !title.is_empty() {
        assert!(svg.contains(&title), "{name}: title missing from SVG");
    }
    let png = std::fs::read(&paths[1]).expect("png");
    assert_eq!(png_size(&png), chart.size(), "{name}: PNG size");
    if let Some(keep) = std::env::var_os("PLOTS_SAMPLE_DIR") {
        let keep = PathBuf::from(keep);
        render(chart, &keep.join(name), &[Format::Svg, Format::Png]).expect("render sample");
    }
    paths
}

fn outcome_bars() -> BarChart {
    let bar = |label: &str, v: f64, lo: f64, hi: f64| Bar {
        label: label.into(),
        value: v,
        ci_lo: Some(lo),
        ci_hi: Some(hi),
        colour: None,
    };
    BarChart {
        title: "Outcome frequencies".into(),
        subtitle: Some("N = 100000 runs, seed 42".into()),
        y_label: "share of runs".into(),
        x_label: Some("outcome".into()),
        bars: vec![
            bar("Negotiated deal", 0.412, 0.409, 0.415),
            bar("Litigation", 0.231, 0.228, 0.234),
            bar("Exclusivity waived", 0.187, 0.185, 0.190),
            bar("Stalemate", 0.121, 0.119, 0.123),
            bar("Regulatory intervention", 0.049, 0.047, 0.050),
        ],
        probability: true,
    }
}

#[test]
fn bar_chart_renders() {
    let dir = tempfile::tempdir().unwrap();
    check(&Chart::Bar(outcome_bars()), dir.path(), "bar");
    let mut long = outcome_bars();
    long.title = "Outcome frequencies with long labels".into();
    long.bars[0].label =
        "Negotiated settlement with revised revenue-sharing and non-exclusive Azure hosting".into();
    long.bars[1].label = "Litigation over the exclusivity clause in Delaware".into();
    check(&Chart::Bar(long), dir.path(), "bar_long_labels");
    let mut high = outcome_bars();
    high.title = "Outcome frequencies, one dominant".into();
    high.bars[0].value = 0.97;
    high.bars[0].ci_lo = Some(0.96);
    high.bars[0].ci_hi = Some(0.98);
    check(&Chart::Bar(high), dir.path(), "bar_dominant");
}

#[test]
fn bar_chart_edge_cases() {
    let dir = tempfile::tempdir().unwrap();
    let mut empty = outcome_bars();
    empty.bars.clear();
    check(&Chart::Bar(empty), dir.path(), "bar_empty");
    let mut zero = outcome_bars();
    for b in &mut zero.bars {
        b.value = 0.0;
        b.ci_lo = Some(0.0);
        b.ci_hi = Some(0.0);
    }
    check(&Chart::Bar(zero), dir.path(), "bar_zero");
    let mut nan = outcome_bars();
    nan.bars[1].value = f64::NAN;
    nan.bars[2].ci_hi = Some(f64::INFINITY);
    nan.probability = false;
    check(&Chart::Bar(nan), dir.path(), "bar_nan");
    let mut one = outcome_bars();
    one.bars.truncate(1);
    check(&Chart::Bar(one), dir.path(), "bar_single");
}

fn sweep_heatmap(nx: usize, ny: usize) -> Heatmap {
    let x_values: Vec<f64> = (0..nx).map(|i| 0.1 * (i + 1) as f64).collect();
    let y_values: Vec<f64> = (0..ny).map(|j| 2.0 + 2.0 * j as f64).collect();
    let z = (0..ny)
        .map(|j| {
            (0..nx)
                .map(|i| {
                    (0.15 + 0.7 * (i as f64 / nx as f64) * (1.0 - 0.5 * j as f64 / ny as f64))
                        .min(1.0)
                })
                .collect()
        })
        .collect();
    Heatmap {
        title: "P(negotiated deal) by Microsoft concession and deadline".into(),
        subtitle: Some("N = 2000 runs per cell, seed 42".into()),
        x_label: "Microsoft revenue-share concession (fraction)".into(),
        y_label: "deadline (weeks)".into(),
        x_values,
        y_values,
        z,
        z_label: "P(negotiated deal)".into(),
        z_range: None,
        probability: true,
        annotate: None,
        auto_scale: false,
        ci_width: None,
        ci_threshold: None,
        x_log: false,
        y_log: false,
    }
}

#[test]
fn heatmap_renders() {
    let dir = tempfile::tempdir().unwrap();
    check(
        &Chart::Heatmap(sweep_heatmap(8, 6)),
        dir.path(),
        "heatmap_small",
    );
    let mut big = sweep_heatmap(40, 30);
    big.title = "P(negotiated deal), fine sweep".into();
    big.z[3][5] = f64::NAN;
    big.z[10].truncate(4);
    check(&Chart::Heatmap(big), dir.path(), "heatmap_large");
}

#[test]
fn heatmap_edge_cases() {
    let dir = tempfile::tempdir().unwrap();
    let mut empty = sweep_heatmap(0, 0);
    empty.z.clear();
    check(&Chart::Heatmap(empty), dir.path(), "heatmap_empty");
    let mut nan = sweep_heatmap(3, 3);
    nan.z = vec![vec![f64::NAN; 3]; 3];
    check(&Chart::Heatmap(nan), dir.path(), "heatmap_nan");
    let mut flat = sweep_heatmap(1, 1);
    flat.z = vec![vec![0.0]];
    flat.probability = false;
    check(&Chart::Heatmap(flat), dir.path(), "heatmap_single");
}

fn category_map(nx: usize, ny: usize) -> CategoryMap {
    let cells = (0..ny)
        .map(|j| {
            (0..nx)
                .map(|i| {
                    let s = i as f64 / nx as f64 + 0.4 * j as f64 / ny as f64;
                    Some(if s < 0.4 {
                        1
                    } else if s < 0.8 {
                        0
                    } else {
                        2
                    })
                })
                .collect()
        })
        .collect();
    let shares = (0..ny)
        .map(|j| {
            (0..nx)
                .map(|i| 0.4 + 0.5 * ((i + j) % 5) as f64 / 5.0)
                .collect()
        })
        .collect();
    CategoryMap {
        title: "Modal outcome by concession and deadline".into(),
        subtitle: Some("N = 2000 runs per cell".into()),
        x_label: "Microsoft revenue-share concession (fraction)".into(),
        y_label: "deadline (weeks)".into(),
        x_values: (0..nx).map(|i| 0.1 * (i + 1) as f64).collect(),
        y_values: (0..ny).map(|j| 2.0 + 2.0 * j as f64).collect(),
        classes: vec![
            MapClass {
                label: "Negotiated deal".into(),
                colour: Some(0),
            },
            MapClass {
                label: "Litigation".into(),
                colour: Some(1),
            },
            MapClass {
                label: "Exclusivity waived".into(),
                colour: Some(2),
            },
            MapClass {
                label: "Stalemate".into(),
                colour: Some(3),
            },
        ],
        cells,
        shares: Some(shares),
    }
}

#[test]
fn category_map_renders() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = category_map(8, 6);
    m.cells[2][3] = None;
    m.cells[4][4] = Some(99);
    check(&Chart::CategoryMap(m), dir.path(), "category_map");
    let mut empty = category_map(3, 3);
    empty.cells = vec![vec![None; 3]; 3];
    check(&Chart::CategoryMap(empty), dir.path(), "category_map_empty");
}

fn line_plot(log_x: bool) -> LinePlot {
    let xs: Vec<f64> = if log_x {
        (0..13).map(|k| 10f64.powf(-2.0 + k as f64 / 4.0)).collect()
    } else {
        (0..21).map(|k| k as f64 * 0.05).collect()
    };
    let outcomes = [
        "Negotiated deal",
        "Litigation",
        "Exclusivity waived",
        "Stalemate",
    ];
    let series = outcomes
        .iter()
        .enumerate()
        .map(|(k, name)| Series {
            label: (*name).into(),
            colour: Some(k),
            points: xs
                .iter()
                .enumerate()
                .map(|(i, &x)| {
                    let t = i as f64 / (xs.len() - 1) as f64;
                    let y = match k {
                        0 => 0.2 + 0.5 * t,
                        1 => 0.45 - 0.3 * t,
                        2 => 0.2 + 0.05 * (t * 6.0).sin(),
                        _ => 0.15 - 0.1 * t,
                    };
                    SeriesPoint {
                        x,
                        y,
                        lo: Some(y - 0.03),
                        hi: Some(y + 0.03),
                    }
                })
                .collect(),
        })
        .collect();
    LinePlot {
        title: if log_x {
            "Outcome probabilities vs. litigation cost (log scale)".into()
        } else {
            "Outcome probabilities vs. Microsoft concession".into()
        },
        subtitle: Some("95% Wilson intervals shaded; N = 5000 runs per point".into()),
        x_label: if log_x {
            "litigation cost ($B)".into()
        } else {
            "revenue-share concession (fraction)".into()
        },
        y_label: "P(outcome)".into(),
        series,
        log_x,
        probability: true,
        x_marks: vec![XMark {
            x: 0.3,
            label: "asked".into(),
        }],
    }
}

#[test]
fn line_plot_renders() {
    let dir = tempfile::tempdir().unwrap();
    check(&Chart::Line(line_plot(false)), dir.path(), "line");
    check(&Chart::Line(line_plot(true)), dir.path(), "line_log");
}

#[test]
fn line_plot_edge_cases() {
    let dir = tempfile::tempdir().unwrap();
    let mut empty = line_plot(false);
    empty.series.clear();
    check(&Chart::Line(empty), dir.path(), "line_empty");
    let mut single = line_plot(false);
    single.series.truncate(1);
    single.series[0].points.truncate(1);
    check(&Chart::Line(single), dir.path(), "line_single");
    let mut bad = line_plot(true);
    bad.series[0].points[0].x = -1.0;
    bad.series[1].points[2].y = f64::NAN;
    bad.series[2].points[3].hi = Some(f64::INFINITY);
    check(&Chart::Line(bad), dir.path(), "line_bad_values");
    let mut nonpos = line_plot(true);
    for s in &mut nonpos.series {
        for p in &mut s.points {
            p.x = 0.0;
        }
    }
    check(&Chart::Line(nonpos), dir.path(), "line_log_nonpositive");
}

fn histogram() -> Histogram {
    let edges: Vec<f64> = (0..=30).map(|k| k as f64 * 0.5).collect();
    let counts = (0..30).map(|k| {
        let x = k as f64 * 0.5 + 0.25;
        (4000.0 * (-(x - 8.0).powi(2) / 8.0).exp() + 600.0 * (-(x - 3.0).powi(2) / 1.5).exp())
            .round()
    });
    Histogram {
        title: "Time to agreement".into(),
        subtitle: Some("runs ending in a deal; N = 41200".into()),
        x_label: "weeks from 1 January 2026".into(),
        y_label: "runs per half-week".into(),
        edges,
        counts: counts.collect(),
        markers: vec![
            Marker {
                x: 2.7,
                label: "threat wk 2.7".into(),
                colour: None,
            },
            Marker {
                x: 8.4,
                label: "deal wk 8.4".into(),
                colour: None,
            },
            Marker {
                x: 9.1,
                label: "announcement wk 9.1".into(),
                colour: None,
            },
            Marker {
                x: 12.0,
                label: "S-1 wk 12".into(),
                colour: None,
            },
        ],
    }
}

#[test]
fn histogram_renders() {
    let dir = tempfile::tempdir().unwrap();
    check(&Chart::Histogram(histogram()), dir.path(), "histogram");
    let mut crowded = histogram();
    crowded.title = "Time to agreement, crowded markers".into();
    crowded.markers = (0..6)
        .map(|k| Marker {
            x: 6.0 + 0.3 * k as f64,
            label: format!("event {k} wk {:.1}", 6.0 + 0.3 * k as f64),
            colour: None,
        })
        .collect();
    check(&Chart::Histogram(crowded), dir.path(), "histogram_crowded");
}

#[test]
fn histogram_edge_cases() {
    let dir = tempfile::tempdir().unwrap();
    let mut empty = histogram();
    empty.counts.clear();
    check(&Chart::Histogram(empty), dir.path(), "histogram_empty");
    let mut zero = histogram();
    zero.counts.iter_mut().for_each(|c| *c = 0.0);
    check(&Chart::Histogram(zero), dir.path(), "histogram_zero");
    let mut bad = histogram();
    bad.edges.truncate(5);
    bad.counts[1] = f64::NAN;
    bad.markers[0].x = f64::NAN;
    bad.markers.push(Marker {
        x: 40.0,
        label: "far marker".into(),
        colour: Some(7),
    });
    check(&Chart::Histogram(bad), dir.path(), "histogram_bad");
}

fn distributions() -> Distributions {
    let row = |label: &str, base: f64, spread: f64| BoxSummary {
        label: label.into(),
        p5: base - 2.0 * spread,
        p25: base - 0.7 * spread,
        p50: base,
        p75: base + 0.8 * spread,
        p95: base + 2.4 * spread,
        mean: Some(base + 0.2 * spread),
        colour: None,
    };
    Distributions {
        title: "Payoff distributions by player".into(),
        subtitle: Some("N = 100000 runs, seed 42".into()),
        x_label: "payoff ($B present value)".into(),
        rows: vec![
            row("Microsoft", 42.0, 9.0),
            row("OpenAI", 31.0, 14.0),
            row("Amazon", 6.0, 5.0),
        ],
    }
}

#[test]
fn distributions_render() {
    let dir = tempfile::tempdir().unwrap();
    check(
        &Chart::Distributions(distributions()),
        dir.path(),
        "distributions",
    );
    let mut edge = distributions();
    edge.title = "Payoff distributions, degenerate rows".into();
    edge.rows[0].p50 = f64::NAN;
    edge.rows[1] = BoxSummary {
        label: "Constant player".into(),
        p5: 0.0,
        p25: 0.0,
        p50: 0.0,
        p75: 0.0,
        p95: 0.0,
        mean: Some(0.0),
        colour: None,
    };
    check(
        &Chart::Distributions(edge),
        dir.path(),
        "distributions_degenerate",
    );
    let mut empty = distributions();
    empty.rows.clear();
    check(
        &Chart::Distributions(empty),
        dir.path(),
        "distributions_empty",
    );
}

fn tornado() -> Tornado {
    let bar = |p: &str, lo: &str, hi: &str, a: f64, b: f64| TornadoBar {
        parameter: p.into(),
        low_label: lo.into(),
        high_label: hi.into(),
        output_low: a,
        output_high: b,
    };
    Tornado {
        title: "Sensitivity of P(negotiated deal)".into(),
        subtitle: Some("one parameter at a time, others at base values".into()),
        x_label: "P(negotiated deal)".into(),
        base_value: 0.41,
        base_label: None,
        bars: vec![
            bar("Litigation cost", "$0.5B", "$4B", 0.33, 0.52),
            bar("Microsoft discount rate", "5%", "15%", 0.47, 0.36),
            bar("Amazon outside option value", "$2B", "$20B", 0.44, 0.21),
            bar("Regulator attention", "0.1", "0.6", 0.40, 0.43),
            bar("OpenAI compute need growth", "1.5×/yr", "4×/yr", 0.30, 0.35),
        ],
    }
}

#[test]
fn tornado_renders() {
    let dir = tempfile::tempdir().unwrap();
    check(&Chart::Tornado(tornado()), dir.path(), "tornado");
    let mut empty = tornado();
    empty.bars.clear();
    check(&Chart::Tornado(empty), dir.path(), "tornado_empty");
    let mut flat = tornado();
    flat.title = "Sensitivity, no swing".into();
    flat.bars.iter_mut().for_each(|b| {
        b.output_low = 0.41;
        b.output_high = 0.41;
    });
    flat.bars[0].output_high = f64::NAN;
    check(&Chart::Tornado(flat), dir.path(), "tornado_flat");
}

fn scatter() -> Scatter {
    // Deterministic pseudo-random cloud.
    let mut state = 12345u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let group =
        |label: &str, cx: f64, cy: f64, n: usize, next: &mut dyn FnMut() -> f64| PointGroup {
            label: label.into(),
            points: (0..n)
                .map(|_| [cx + 12.0 * (next() - 0.5), cy + 10.0 * (next() - 0.5)])
                .collect(),
            colour: None,
        };
    Scatter {
        title: "Agreements in utility space".into(),
        subtitle: Some("one point per run ending in agreement (sample of 1500)".into()),
        x_label: "Microsoft utility ($B PV)".into(),
        y_label: "OpenAI utility ($B PV)".into(),
        groups: vec![
            group("Negotiated deal", 40.0, 30.0, 1000, &mut next),
            group("Exclusivity waived", 28.0, 42.0, 500, &mut next),
        ],
        references: vec![
            ReferencePoint {
                label: "Nash".into(),
                x: 38.0,
                y: 36.0,
            },
            ReferencePoint {
                label: "KS".into(),
                x: 37.0,
                y: 37.5,
            },
            ReferencePoint {
                label: "April 2026".into(),
                x: 43.0,
                y: 28.0,
            },
            ReferencePoint {
                label: "Disagreement point".into(),
                x: 20.0,
                y: 18.0,
            },
        ],
    }
}

#[test]
fn scatter_renders() {
    let dir = tempfile::tempdir().unwrap();
    check(&Chart::Scatter(scatter()), dir.path(), "scatter");
    let mut single = scatter();
    single.groups.clear();
    single.references.truncate(1);
    check(&Chart::Scatter(single), dir.path(), "scatter_single");
    let mut empty = scatter();
    empty.groups[0].points = vec![[f64::NAN, 1.0]];
    empty.groups.truncate(1);
    empty.references.clear();
    check(&Chart::Scatter(empty), dir.path(), "scatter_empty");
}

fn simplex() -> Simplex {
    let spiral = |start: [f64; 3], steps: usize| -> Vec<[f64; 3]> {
        let centre = [1.0 / 3.0; 3];
        (0..steps)
            .map(|k| {
                let t = k as f64 / steps as f64;
                let decay = (-3.0 * t).exp();
                let angle = 6.0 * t;
                let d = [
                    start[0] - centre[0],
                    start[1] - centre[1],
                    start[2] - centre[2],
                ];
                let (c, s) = (angle.cos(), angle.sin());
                // Rotate within the plane x+y+z=1 (approximate, fine for a test).
                let r = [
                    c * d[0] - s * d[1],
                    s * d[0] + c * d[1],
                    -(c * d[0] - s * d[1]) - (s * d[0] + c * d[1]),
                ];
                [
                    centre[0] + decay * r[0],
                    centre[1] + decay * r[1],
                    centre[2] + decay * r[2],
                ]
            })
            .collect()
    };
    Simplex {
        title: "Replicator dynamics of negotiation postures".into(),
        subtitle: Some("population shares; arrows show direction of travel".into()),
        vertex_labels: ["Hardline".into(), "Concede".into(), "Tit-for-tat".into()],
        trajectories: vec![
            Trajectory {
                label: Some("start near Hardline".into()),
                points: spiral([0.8, 0.1, 0.1], 200),
                colour: None,
            },
            Trajectory {
                label: Some("start near Concede".into()),
                points: spiral([0.1, 0.8, 0.1], 200),
                colour: None,
            },
            Trajectory {
                label: None,
                points: spiral([0.1, 0.1, 0.8], 200),
                colour: None,
            },
        ],
        points: vec![
            SimplexPoint {
                label: "interior ESS".into(),
                at: [1.0, 1.0, 1.0],
                hollow: false,
            },
            SimplexPoint {
                label: "unstable vertex".into(),
                at: [1.0, 0.0, 0.0],
                hollow: true,
            },
        ],
    }
}

#[test]
fn simplex_renders() {
    let dir = tempfile::tempdir().unwrap();
    check(&Chart::Simplex(simplex()), dir.path(), "simplex");
    let mut bad = simplex();
    bad.title = "Simplex with bad points".into();
    bad.trajectories[0].points = vec![[f64::NAN, 0.0, 1.0], [0.0, 0.0, 0.0], [-1.0, 2.0, 0.0]];
    bad.points[0].at = [0.0, 0.0, 0.0];
    check(&Chart::Simplex(bad), dir.path(), "simplex_bad");
    let mut empty = simplex();
    empty.trajectories.clear();
    empty.points.clear();
    check(&Chart::Simplex(empty), dir.path(), "simplex_empty");
}

#[test]
fn render_writes_requested_formats_only() {
    let dir = tempfile::tempdir().unwrap();
    let chart = Chart::Bar(outcome_bars());
    let stem = dir.path().join("nested/deeper/outcomes.v2");
    let paths = render(&chart, &stem, &[Format::Png, Format::Png]).unwrap();
    assert_eq!(
        paths,
        vec![dir.path().join("nested/deeper/outcomes.v2.png")]
    );
    assert!(render(&chart, &stem, &[]).unwrap().is_empty());
    // No temporary files left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("nested/deeper"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn render_reports_unwritable_path() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"not a directory").unwrap();
    let err = render(
        &Chart::Bar(outcome_bars()),
        &blocker.join("chart"),
        &[Format::Svg],
    )
    .unwrap_err();
    assert!(matches!(err, PlotError::Io { .. }), "{err}");
    assert!(err.to_string().contains("file"), "{err}");
}

#[test]
fn charts_round_trip_through_serde() {
    let charts = vec![
        Chart::Bar(outcome_bars()),
        Chart::Heatmap(sweep_heatmap(2, 2)),
        Chart::CategoryMap(category_map(2, 2)),
        Chart::Line(line_plot(true)),
        Chart::Histogram(histogram()),
        Chart::Distributions(distributions()),
        Chart::Tornado(tornado()),
        Chart::Scatter(scatter()),
        Chart::Simplex(simplex()),
    ];
    for chart in charts {
        let json = serde_json::to_string(&chart).unwrap();
        let back: Chart = serde_json::from_str(&json).unwrap();
        assert_eq!(back, chart);
    }
    let minimal: Chart = serde_json::from_str(
        r#"{"kind":"bar","title":"t","y_label":"y","bars":[{"label":"a","value":0.5}]}"#,
    )
    .unwrap();
    assert_eq!(minimal.title(), "t");
}
