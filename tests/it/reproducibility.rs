//! Byte-identical outputs for any thread count, and for repeated runs.

use crate::util::*;

#[test]
fn threads_do_not_change_results() {
    let tmp = tempfile::tempdir().unwrap();
    // More runs than one chunk, so chunking and folding are exercised.
    let args = |t: &'static str, out: &'static str| {
        vec![
            "run",
            "--runs",
            "9000",
            "--seed",
            "5",
            "--threads",
            t,
            "--out",
            out,
            "--save-runs",
            "-q",
        ]
    };
    let a = pactsim(&args("1", "t1"), tmp.path());
    let b = pactsim(&args("2", "t2"), tmp.path());
    assert!(a.status.success() && b.status.success(), "{}", stderr(&b));
    assert_same_dirs(&tmp.path().join("t1"), &tmp.path().join("t2"));
    assert_eq!(
        stdout(&a).replace("t1", "tX"),
        stdout(&b).replace("t2", "tX")
    );
}

#[test]
fn seeds_change_results_and_repeat_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |seed: &str, out: &str| {
        let o = pactsim(
            &[
                "run",
                "--runs",
                "500",
                "--seed",
                seed,
                "--out",
                out,
                "--save-runs",
                "--no-plots",
                "-q",
            ],
            tmp.path(),
        );
        assert!(o.status.success());
        std::fs::read(tmp.path().join(out).join("runs.csv")).unwrap()
    };
    let (a, b, c) = (run("1", "a"), run("1", "b"), run("2", "c"));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn fewer_runs_are_a_prefix_of_more_runs() {
    // Run r's stream depends on (seed, model hash, r) only, not on the run count.
    let tmp = tempfile::tempdir().unwrap();
    for (n, out) in [("100", "small"), ("250", "large")] {
        let o = pactsim(
            &[
                "run",
                "--runs",
                n,
                "--seed",
                "3",
                "--out",
                out,
                "--save-runs",
                "--no-plots",
                "-q",
            ],
            tmp.path(),
        );
        assert!(o.status.success());
    }
    let small = std::fs::read_to_string(tmp.path().join("small/runs.csv")).unwrap();
    let large = std::fs::read_to_string(tmp.path().join("large/runs.csv")).unwrap();
    assert!(large.starts_with(&small));
}
