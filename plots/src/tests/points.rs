//! Point charts: utility-space scatter and simplex trajectories.

use super::check;
use crate::*;

pub(super) fn scatter() -> Scatter {
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
            shade: None,
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
        legend_title: None,
        legend_note: None,
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
    // Ordered groups shaded on the sequential scale, a legend heading and a note under it.
    let mut shaded = scatter();
    shaded.title = "Shaded groups".into();
    for (k, g) in shaded.groups.iter_mut().enumerate() {
        g.shade = Some(0.85 * k as f64);
    }
    shaded.legend_title = Some("kind of deal".into());
    shaded.legend_note = Some("Shades run dark to light.".into());
    let paths = check(&Chart::Scatter(shaded), dir.path(), "scatter_shaded");
    let svg = std::fs::read_to_string(&paths[0]).unwrap();
    assert!(svg.contains("kind of deal") && svg.contains("Shades run dark to light."));
}

pub(super) fn simplex() -> Simplex {
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
