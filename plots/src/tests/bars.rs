//! Bar charts, line plots and histograms.

use super::check;
use crate::*;

pub(super) fn outcome_bars() -> BarChart {
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
        legend: Vec::new(),
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
    // A legend of the bar colours is drawn above the bars, entries that fit left to right.
    let mut keyed = outcome_bars();
    keyed.title = "Outcome frequencies with a colour key".into();
    keyed.legend = vec![
        LegendEntry {
            label: "settled".into(),
            colour: 2,
        },
        LegendEntry {
            label: "not settled".into(),
            colour: 3,
        },
    ];
    let paths = check(&Chart::Bar(keyed), dir.path(), "bar_legend");
    let svg = std::fs::read_to_string(&paths[0]).unwrap();
    assert!(svg.contains("not settled") && svg.matches("settled").count() == 2);
}

/// A chart of many bars (S1 and ST of 26 Sobol parameters) gets a taller canvas, so its
/// horizontal rows stay apart; a few bars keep the default size.
#[test]
fn many_bars_grow_the_canvas() {
    let dir = tempfile::tempdir().unwrap();
    let few = outcome_bars();
    assert_eq!(Chart::Bar(few.clone()).size().1, 750);
    let mut many = few;
    many.title = "Fifty-two bars".into();
    many.bars = (0..52)
        .map(|k| Bar {
            label: format!(
                "parameter.number_{k} {}",
                if k % 2 == 0 { "S1" } else { "ST" }
            ),
            value: 0.01 * k as f64,
            ci_lo: None,
            ci_hi: None,
            colour: Some(k % 2),
        })
        .collect();
    many.probability = false;
    let chart = Chart::Bar(many);
    assert_eq!(chart.size().1, 750 + 26 * 32);
    check(&chart, dir.path(), "bar_many");
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

pub(super) fn line_plot(log_x: bool) -> LinePlot {
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

pub(super) fn histogram() -> Histogram {
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
