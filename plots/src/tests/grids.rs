//! Heat maps and category maps.

use super::check;
use crate::*;

pub(super) fn sweep_heatmap(nx: usize, ny: usize) -> Heatmap {
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

pub(super) fn category_map(nx: usize, ny: usize) -> CategoryMap {
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
