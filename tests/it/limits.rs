//! Documented limits (configs/README.md "Limits"): absurd sizes are refused at once with exit
//! code 2 and a message naming the limit, never a panic, an abort or minutes of work.

use crate::util::*;
use std::time::{Duration, Instant};

fn refused(args: &[&str], files: &[(&str, &str)], expect: &str) {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(tmp.path().join(name), text).unwrap();
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
