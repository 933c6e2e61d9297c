//! Every shipped config validates, and the embedded default is configs/april-2026.toml.

use crate::util::*;

#[test]
fn every_shipped_config_validates() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("configs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().map(|e| e == "toml").unwrap_or(false))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            // Sweep, calibration facts and meta-game strategies files are not scenarios (the
            // meta-game's is the embedded default of tests/it/metagame.rs).
            !name.starts_with("sweep")
                && !name.starts_with("facts")
                && !name.starts_with("metagame")
        })
        // Repeated-game tournament files are checked in repeated.rs.
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("tournament")
        })
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut args = vec!["validate"];
    args.extend(files.iter().map(|s| s.as_str()));
    let o = pactsim(&args, &root());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o).matches(": ok").count(), files.len());
}

#[test]
fn embedded_default_is_the_shipped_baseline() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = root().join("configs/april-2026.toml");
    let a = pactsim(
        &["run", "--runs", "150", "--out", "a", "--no-plots", "-q"],
        tmp.path(),
    );
    let b = pactsim(
        &[
            "run",
            cfg.to_str().unwrap(),
            "--runs",
            "150",
            "--out",
            "b",
            "--no-plots",
            "-q",
        ],
        tmp.path(),
    );
    assert!(a.status.success() && b.status.success());
    assert_same_dirs(&tmp.path().join("a"), &tmp.path().join("b"));
}
