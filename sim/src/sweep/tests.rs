//! Tests of sweep building, designs and shards.

use super::*;
use crate::scenario::ScenarioError;

pub(super) const BASE: &str = include_str!("../../../configs/april-2026.toml");

use crate::strategy::testing::AnyAgents;

/// The sweep `text` over the flagship's April 2026 scenario, every problem of the file
/// reported (as `pactsim sweep` and `validate` read it).
pub(super) fn build(text: &str) -> Result<Sweep, ScenarioError> {
    let (f, shape) = SweepFile::read(text, "t.toml")?;
    let f = f.ok_or_else(|| shape.error("t.toml", Vec::new()))?;
    let base = crate::layers::Bases::single(BASE, "base")?;
    shape.finish("t.toml", Sweep::build(f, text, "t.toml", &base, &AnyAgents))
}

const GRID: &str = r#"
[sweep]
name = "t"
runs = 10
seed = 1
[[axis]]
path = "litigation.win_probability_mean"
values = [0.4, 0.5, 0.6]
[[axis]]
path = "microsoft.antitrust_cost_of_suing"
from = 1.0
to = 10.0
steps = 4
scale = "log"
"#;

#[test]
fn grid_counts_and_order() {
    let s = build(GRID).unwrap();
    assert_eq!(s.cells.len(), 12);
    assert_eq!(
        s.cells[0].overrides[1],
        "microsoft.antitrust_cost_of_suing=1.0"
    );
    assert_eq!(
        s.cells[3].overrides[1],
        "microsoft.antitrust_cost_of_suing=10.0"
    );
    assert_eq!(
        s.cells[4].overrides[0],
        "litigation.win_probability_mean=0.5"
    );
    // Log spacing: 1, 10^(1/3), 10^(2/3), 10.
    let v = s.cells[1].values[1].as_f64().unwrap();
    assert!((v - 10f64.powf(1.0 / 3.0)).abs() < 1e-9);
}

#[test]
fn linear_range_values_are_tidy() {
    let t = GRID.replace(
        "values = [0.4, 0.5, 0.6]",
        "from = 0.35\nto = 0.75\nsteps = 9",
    );
    let s = build(&t).unwrap();
    let xs: Vec<f64> = s
        .cells
        .iter()
        .step_by(4)
        .map(|c| c.values[0].as_f64().unwrap())
        .collect();
    assert_eq!(xs, [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75]);
}

#[test]
fn latin_hypercube_counts_and_strata() {
    let t = r#"
[sweep]
name = "t"
runs = 10
design = "latin-hypercube"
samples = 20
[[axis]]
path = "litigation.win_probability_mean"
from = 0.3
to = 0.7
[[axis]]
path = "discount.openai"
from = 0.2
to = 0.4
"#;
    let s = build(t).unwrap();
    assert_eq!(s.cells.len(), 20);
    let mut strata: Vec<usize> = s
        .cells
        .iter()
        .map(|c| ((c.values[0].as_f64().unwrap() - 0.3) / 0.4 * 20.0) as usize)
        .collect();
    strata.sort_unstable();
    assert_eq!(strata, (0..20).collect::<Vec<_>>());
    // Seeded: the same file gives the same points.
    assert_eq!(build(t).unwrap().cells, s.cells);
}

#[test]
fn points_design_counts() {
    let t = r#"
[sweep]
name = "t"
runs = 10
design = "points"
points = [[0.4, 2.0], [0.6, 8.0]]
[[axis]]
path = "litigation.win_probability_mean"
[[axis]]
path = "microsoft.antitrust_cost_of_suing"
"#;
    let s = build(t).unwrap();
    assert_eq!(s.cells.len(), 2);
    assert_eq!(
        s.cells[1].overrides[1],
        "microsoft.antitrust_cost_of_suing=8.0"
    );
}

#[test]
fn adding_values_keeps_cell_hashes() {
    let a = build(GRID).unwrap();
    let b = build(&GRID.replace("[0.4, 0.5, 0.6]", "[0.3, 0.4, 0.5, 0.6, 0.65]")).unwrap();
    for c in &a.cells {
        let twin = b.cells.iter().find(|d| d.values == c.values).unwrap();
        assert_eq!(twin.hash, c.hash);
    }
    assert_ne!(a.hash(), b.hash());
}

#[test]
fn bad_files_name_the_problem() {
    let e = build(&GRID.replace("litigation.win_probability_mean", "litigation.nope"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("litigation.nope") && e.contains("unknown parameter path"),
        "{e}"
    );
    let e = build(&GRID.replace("[0.4, 0.5, 0.6]", "[]"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("empty axis"), "{e}");
    let e = build(&GRID.replace("steps = 4", "steps = 0"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("steps must be 1 or more") && e.contains("t.toml:13:1: axis[1].steps = 0"),
        "{e}"
    );
    // An unknown key does not hide the other problems.
    let e = build(&GRID.replace(
        "steps = 4",
        "steps = 0
colour = 1",
    ))
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("2 problems") && e.contains("t.toml:13:1: axis[1].steps = 0"),
        "{e}"
    );
    assert!(e.contains("t.toml:14:1: axis[1].colour"), "{e}");
    let e = build(&GRID.replace("[0.4, 0.5, 0.6]", "[0.4, 1.5]"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("cell 4: litigation.win_probability_mean") && e.contains("1.5"),
        "{e}"
    );
    let e = build(&GRID.replace("seed = 1", "seed = 1\nbogus = 2"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("bogus") && e.contains("t.toml:6"), "{e}");
}

/// A range that gives an integer parameter fractional values is one problem, at the key that
/// spaces it (`steps` of a linear range, `scale` of a log one), naming the keys that together
/// produce it and the values.
#[test]
fn fractional_values_of_an_integer_are_reported_at_the_key_that_spaces_them() {
    let integer = GRID.replace(
        "microsoft.antitrust_cost_of_suing",
        "simulation.horizon_weeks",
    );
    let linear = integer.replace(
        "from = 1.0\nto = 10.0\nsteps = 4\nscale = \"log\"",
        "from = 10.0\nto = 100.0\nsteps = 5",
    );
    let e = build(&linear).unwrap_err().to_string();
    assert!(e.contains("1 problem\n"), "{e}");
    assert!(
        e.contains(
            "t.toml:13:1: axis[1].steps = 5: simulation.horizon_weeks is an integer, but steps = \
             5 with from = 10 and to = 100 (linear scale) gives 32.5, 77.5, not whole numbers"
        ),
        "{e}"
    );
    let log = integer.replace("from = 1.0\nto = 10.0", "from = 10.0\nto = 100.0");
    let e = build(&log).unwrap_err().to_string();
    assert!(e.contains("1 problem\n"), "{e}");
    assert!(
        e.contains(
            "t.toml:14:1: axis[1].scale = \"log\": simulation.horizon_weeks is an integer, but \
             scale = \"log\" with from = 10, to = 100 and steps = 4 gives 21.5443469003, \
             46.4158883361, not whole numbers"
        ),
        "{e}"
    );
}

#[test]
fn shards_tile_the_cells() {
    for cells in [0u64, 1, 7, 12, 97] {
        for n in 1..=9 {
            let mut next = 0;
            for i in 0..n {
                let (lo, hi) = shard_range(cells, i, n);
                assert_eq!(lo, next);
                assert!(hi - lo <= cells / n + 1);
                next = hi;
            }
            assert_eq!(next, cells);
        }
    }
    assert!(parse_shard("5/4").is_err());
    assert!(parse_shard("0/0").is_err());
    assert_eq!(parse_shard("3/4"), Ok((3, 4)));
}

#[test]
fn toml_text_round_trips() {
    for x in [0.1, 1.0, 1e-7, 1e20, 0.30000000000000004, 12.5] {
        let t = toml_text(&toml::Value::Float(x));
        let back: toml::Table = toml::from_str(&format!("v = {t}")).unwrap();
        assert_eq!(back["v"].as_float(), Some(x), "{t}");
    }
}
