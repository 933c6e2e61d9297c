//! Documented limits (configs/README.md "Limits"): absurd sizes are refused at once with exit
//! code 2 and a message naming the limit, never a panic, an abort or minutes of work.

use crate::util::*;
use std::time::{Duration, Instant};

fn refused(args: &[&str], files: &[(&str, &str)], expect: &str) {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = tmp.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let t0 = Instant::now();
    let o = pactsim(args, tmp.path());
    assert!(
        t0.elapsed() < Duration::from_secs(10),
        "{args:?} took {:?}",
        t0.elapsed()
    );
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    assert!(stderr(&o).contains(expect), "{args:?}: {}", stderr(&o));
    assert!(!tmp.path().join("o").exists());
}

const AXIS: &str = "[[axis]]\npath = \"litigation.win_probability_mean\"\n";

#[test]
fn sweep_sizes() {
    let lhs = |n: &str| {
        format!("[sweep]\nname = \"x\"\nruns = 10\ndesign = \"latin-hypercube\"\nsamples = {n}\n{AXIS}from = 0.1\nto = 0.9\n")
    };
    for n in ["9223372036854775807", "1000000000"] {
        refused(
            &["sweep", "s.toml", "--out", "o", "-q"],
            &[("s.toml", &lhs(n))],
            "samples must be at most 100000",
        );
    }
    let grid = |steps: &str| {
        format!("[sweep]\nname = \"x\"\nruns = 10\n{AXIS}from = 0.1\nto = 0.9\nsteps = {steps}\n")
    };
    refused(
        &["sweep", "s.toml", "--out", "o", "-q"],
        &[("s.toml", &grid("18446744073709551615"))],
        "steps must be at most 100000",
    );
    let square = "[sweep]\nname = \"x\"\nruns = 10\n[[axis]]\npath = \
                  \"litigation.win_probability_mean\"\nfrom = 0.1\nto = 0.9\nsteps = 1000\n\
                  [[axis]]\npath = \"microsoft.antitrust_cost_of_suing\"\nfrom = 1.0\nto = 9.0\n\
                  steps = 1000\n";
    refused(
        &["sweep", "s.toml", "--out", "o", "-q"],
        &[("s.toml", square)],
        "more than 100000 cells",
    );
    let runs = format!("[sweep]\nname = \"x\"\nruns = 10000000001\n{AXIS}values = [0.5]\n");
    refused(
        &["sweep", "s.toml", "--out", "o", "-q"],
        &[("s.toml", &runs)],
        "at most 10000000000",
    );
}

#[test]
fn runs_and_threads() {
    refused(
        &["run", "--runs", "10000000001", "--out", "o", "-q"],
        &[],
        "allowed values are 1 to 10000000000",
    );
    for t in ["1025", "10000", "1000000"] {
        refused(
            &["run", "--runs", "10", "--threads", t, "--out", "o", "-q"],
            &[],
            "allowed values are 1 to 1024",
        );
    }
    refused(
        &[
            "sensitivity",
            "--target",
            "APRIL_LIKE_BROAD",
            "--runs",
            "10",
            "--trajectories",
            "100000000",
            "--out",
            "o",
            "-q",
        ],
        &[],
        "evaluation points",
    );
    refused(
        &[
            "sensitivity",
            "--target",
            "APRIL_LIKE_BROAD",
            "--runs",
            "10",
            "--levels",
            "1000000",
            "--out",
            "o",
            "-q",
        ],
        &[],
        "allowed values are 2 to 1000",
    );
}

/// The analyses' sizes: bootstrap resamples, Sobol, `discover` and `calibrate` points, runs in
/// all, regret-matching episodes and a sweep's runs in all are refused before any work (these
/// panicked on a capacity overflow, ran out of memory or never ended).
#[test]
fn analysis_sizes() {
    const MAX: &str = "18446744073709551615";
    let cases: [(&[&str], &str); 10] = [
        (
            &[
                "sensitivity",
                "--target",
                "APRIL_LIKE_BROAD",
                "--runs",
                "20",
                "--bootstrap",
                MAX,
            ],
            "--bootstrap 18446744073709551615: allowed values are 1 to 100000",
        ),
        (
            &[
                "sensitivity",
                "--method",
                "sobol",
                "--target",
                "APRIL_LIKE_BROAD",
                "--samples",
                MAX,
            ],
            "evaluation points; allowed at most 100000",
        ),
        (
            &[
                "sensitivity",
                "--method",
                "sobol",
                "--target",
                "APRIL_LIKE_BROAD",
                "--samples",
                "100000",
            ],
            "--samples 100000: 2800000 evaluation points; allowed at most 100000",
        ),
        (
            &[
                "sensitivity",
                "--method",
                "sobol",
                "--target",
                "APRIL_LIKE_BROAD",
                "--bootstrap",
                "0",
            ],
            "--bootstrap 0: allowed values are 1 to 100000",
        ),
        (
            &["discover", "--target", "APRIL_LIKE_BROAD", "--samples", MAX],
            "evaluation points; allowed at most 100000",
        ),
        (
            &[
                "discover",
                "--target",
                "APRIL_LIKE_BROAD",
                "--samples",
                "20",
                "--runs",
                MAX,
            ],
            "20 points × 18446744073709551615 runs exceed 10000000000 runs in all",
        ),
        (
            &["calibrate", "--samples", MAX],
            "evaluation points; allowed at most 100000",
        ),
        (
            &["calibrate", "--runs", MAX],
            "runs exceed 10000000000 runs in all",
        ),
        (
            &["metagame", "--episodes", MAX],
            "--episodes 18446744073709551615: allowed values are 1 to 100000000",
        ),
        (
            &[
                "sweep",
                "configs/sweep-merit-x-antitrust.toml",
                "--runs",
                "9999999999",
            ],
            "45 cells × 9999999999 runs per cell exceed 10000000000 runs in all",
        ),
    ];
    let sweep = include_str!("../../configs/sweep-merit-x-antitrust.toml");
    for (args, expect) in cases {
        let mut a = args.to_vec();
        a.extend(["--out", "o", "-q", "--no-plots"]);
        refused(
            &a,
            &[("configs/sweep-merit-x-antitrust.toml", sweep)],
            expect,
        );
    }
}

/// `discover --threshold` must be a finite number, within (0, 1] for a share.
#[test]
fn discover_thresholds() {
    for (t, expect) in [
        ("nan", "--threshold NaN: allowed values are finite numbers"),
        ("inf", "--threshold inf: allowed values are finite numbers"),
        (
            "2",
            "--threshold 2: APRIL_LIKE_BROAD is a share, so allowed values are in (0, 1]",
        ),
        ("0", "--threshold 0: APRIL_LIKE_BROAD is a share"),
    ] {
        refused(
            &[
                "discover",
                "--target",
                "APRIL_LIKE_BROAD",
                "--samples",
                "20",
                "--runs",
                "10",
                "--threshold",
                t,
                "--out",
                "o",
                "-q",
            ],
            &[],
            expect,
        );
    }
}
