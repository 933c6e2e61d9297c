//! Golden summary of a small fixed-seed run. Regenerate deliberately with
//! `UPDATE_GOLDEN=1 cargo test --test it golden` and review the diff.

use crate::util::*;

#[test]
fn golden_summary_of_small_run() {
    let tmp = tempfile::tempdir().unwrap();
    let o = pactsim(&["run", "--runs", "400", "--seed", "2026", "--out", "g", "--no-plots", "-q"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let got = std::fs::read_to_string(tmp.path().join("g/summary.json")).unwrap();
    let path = root().join("tests/golden/summary-400-seed2026.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).expect("golden file exists (UPDATE_GOLDEN=1 to create)");
    assert_eq!(got, want, "summary changed; if intended, regenerate with UPDATE_GOLDEN=1 and review");
}
