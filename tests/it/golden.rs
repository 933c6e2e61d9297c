//! Golden summary of a small fixed-seed run. Counts must match exactly, floats to 1e-9
//! relative (so a reordered but equivalent floating-point sum does not fail it; any change of
//! behaviour does). Regenerate deliberately with `UPDATE_GOLDEN=1 cargo test --test it golden`
//! and review the diff.

use crate::util::*;
use serde_json::Value;

fn same(a: &Value, b: &Value, path: &str) -> Result<(), String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0) {
                Ok(())
            } else {
                Err(format!("{path}: {x} vs {y}"))
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .try_for_each(|(i, (p, q))| same(p, q, &format!("{path}[{i}]"))),
        (Value::Object(x), Value::Object(y)) if x.len() == y.len() => {
            x.iter().try_for_each(|(k, v)| {
                same(
                    v,
                    y.get(k).ok_or(format!("{path}.{k} missing"))?,
                    &format!("{path}.{k}"),
                )
            })
        }
        _ if a == b => Ok(()),
        _ => Err(format!("{path}: {a} vs {b}")),
    }
}

#[test]
fn golden_summary_of_small_run() {
    let tmp = tempfile::tempdir().unwrap();
    let o = pactsim(
        &[
            "run",
            "--runs",
            "400",
            "--seed",
            "2026",
            "--out",
            "g",
            "--no-plots",
            "-q",
        ],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let got = std::fs::read_to_string(tmp.path().join("g/summary.json")).unwrap();
    let path = root().join("tests/golden/summary-400-seed2026.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want =
        std::fs::read_to_string(&path).expect("golden file exists (UPDATE_GOLDEN=1 to create)");
    let (g, w): (Value, Value) = (
        serde_json::from_str(&got).unwrap(),
        serde_json::from_str(&want).unwrap(),
    );
    if let Err(e) = same(&g, &w, "summary") {
        panic!("summary changed at {e}; if intended, regenerate with UPDATE_GOLDEN=1 and review");
    }
}
