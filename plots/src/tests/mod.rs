//! Render tests: every chart kind, plus edge cases, into a temporary
//! directory; checks file signatures, PNG dimensions and SVG content.
//! Set `PLOTS_SAMPLE_DIR` to also keep the sample images for inspection.
//! One file per family of chart kinds; this one holds the shared checks and
//! the tests of [`render`] itself.

mod bars;
mod grids;
mod points;
mod rows;

use std::path::{Path, PathBuf};

use super::*;
use bars::{histogram, line_plot, outcome_bars};
use grids::{category_map, sweep_heatmap};
use points::{scatter, simplex};
use rows::{distributions, tornado};

/// Width and height from a PNG's IHDR chunk.
pub(super) fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.len() > 24, "PNG too short");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// Render `chart` as SVG and PNG under `dir/name` and check both files.
pub(super) fn check(chart: &Chart, dir: &Path, name: &str) -> Vec<PathBuf> {
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
