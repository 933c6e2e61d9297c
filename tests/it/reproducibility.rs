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

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// Results name an input file by its file name alone, so the same inputs reached by another
/// path (relative or absolute, another working directory, another machine) give the same
/// bytes: `run --facts`, `calibrate --facts`, `discover --from-sweep` (and `metagame
/// --strategies`, by the same function).
#[test]
fn results_do_not_depend_on_how_an_input_path_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("inputs")).unwrap();
    std::fs::create_dir_all(d.join("elsewhere")).unwrap();
    std::fs::write(
        d.join("inputs/f.toml"),
        "[[fact]]\nstatistic = \"runs\"\nobserved = 40\ntolerance = 0\n",
    )
    .unwrap();
    let abs = d.join("inputs/f.toml").display().to_string();
    let runs = [
        (
            vec!["run", "--runs", "40", "-q", "--no-plots", "--facts"],
            "r",
        ),
        (
            vec![
                "calibrate",
                "--samples",
                "4",
                "--runs",
                "10",
                "-q",
                "--no-plots",
                "--facts",
            ],
            "c",
        ),
    ];
    for (args, name) in runs {
        let mut a = args.clone();
        a.extend(["inputs/f.toml", "--out", "a"]);
        let mut b = args.clone();
        let out_b = d.join(format!("{name}-b")).display().to_string();
        b.extend([abs.as_str(), "--out", out_b.as_str()]);
        let oa = pactsim(&a, d);
        let ob = pactsim(&b, &d.join("elsewhere"));
        assert!(oa.status.success(), "{}", stderr(&oa));
        assert!(ob.status.success(), "{}", stderr(&ob));
        let da = d.join(format!("{name}-a"));
        std::fs::rename(d.join("a"), &da).unwrap();
        assert_same_dirs(&da, &d.join(format!("{name}-b")));
    }
    // A sweep read back by discover, by a relative and an absolute path.
    std::fs::write(
        d.join("inputs/s.toml"),
        "[sweep]\nname = \"s\"\nruns = 20\nseed = 1\n[[axis]]\npath = \
         \"litigation.win_probability_mean\"\nvalues = [0.4, 0.5, 0.6, 0.7]\n",
    )
    .unwrap();
    ok(&pactsim(
        &["sweep", "inputs/s.toml", "--out", "sw", "-q", "--no-plots"],
        d,
    ));
    let sw_abs = d.join("sw").display().to_string();
    let common = [
        "discover",
        "--target",
        "APRIL_LIKE_BROAD",
        "--no-plots",
        "-q",
    ];
    let mut a = common.to_vec();
    a.extend(["--from-sweep", "sw", "--out", "da"]);
    let db = d.join("db").display().to_string();
    let mut b = common.to_vec();
    b.extend(["--from-sweep", sw_abs.as_str(), "--out", db.as_str()]);
    ok(&pactsim(&a, d));
    ok(&pactsim(&b, &d.join("elsewhere")));
    assert_same_dirs(&d.join("da"), &d.join("db"));
}
