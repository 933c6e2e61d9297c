//! Reliability suite for scenario files (docs/reliability.md): seeded mutations of the
//! shipped scenarios go through `Scenario::from_toml` (parsing and validation). Each case must
//! return `Ok` or a typed [`ScenarioError`] naming at least one problem — never a panic.
//! `PACTSIM_MUTATION_CASES` raises the case count (default 2,400).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sim::Scenario;
use std::path::PathBuf;

const VALUES: &[&str] = &[
    "0",
    "-1",
    "1",
    "2",
    "0.5",
    "-0.5",
    "1e308",
    "-1e308",
    "1e-320",
    "nan",
    "inf",
    "-inf",
    "9223372036854775807",
    "-9223372036854775808",
    "4294967296",
    "\"text\"",
    "true",
    "[]",
    "[1, 2]",
    "[0.5, 0.1]",
    "{}",
    "[[1]]",
    "\"\"",
    "1979-05-27",
    "0x10",
    "1_000",
];

fn mutate(text: &str, rng: &mut ChaCha8Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let assignments: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let l = lines[i].trim_start();
            l.contains(" = ") && !l.starts_with('#')
        })
        .collect();
    for _ in 0..rng.random_range(1..=3) {
        if lines.is_empty() {
            break;
        }
        let k = assignments[rng.random_range(0..assignments.len())];
        match rng.random_range(0..8) {
            0..=3 => {
                // Replace the value (keeping any trailing comment out).
                let at = k.min(lines.len() - 1);
                let line = lines[at].clone();
                if let Some((key, _)) = line.split_once(" = ") {
                    let v = VALUES[rng.random_range(0..VALUES.len())];
                    lines[at] = format!("{key} = {v}");
                }
            }
            4 => {
                lines.remove(k.min(lines.len() - 1));
            }
            5 => {
                let l = lines[k.min(lines.len() - 1)].clone();
                lines.insert(k.min(lines.len() - 1), l);
            }
            6 => {
                // Scale a number by a large or negative factor.
                let at = k.min(lines.len() - 1);
                let line = lines[at].clone();
                if let Some((key, rest)) = line.split_once(" = ") {
                    let v = rest.split('#').next().unwrap_or("").trim();
                    if let Ok(x) = v.parse::<f64>() {
                        let f = [-1.0, 1e6, 1e-9, 1e300, 0.0][rng.random_range(0..5)];
                        lines[at] = format!("{key} = {:?}", x * f);
                    }
                }
            }
            _ => {
                let at = rng.random_range(0..lines.len());
                let mut b = lines[at].clone().into_bytes();
                if !b.is_empty() {
                    let i = rng.random_range(0..b.len());
                    b[i] = rng.random_range(0x20..0x7f);
                }
                lines[at] = String::from_utf8_lossy(&b).into_owned();
            }
        }
    }
    lines.join("\n")
}

#[test]
fn mutated_scenarios_never_panic() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../configs/april-2026.toml");
    let base = std::fs::read_to_string(&path).unwrap();
    assert!(Scenario::from_toml(&base, "base", &[], strategies::catalog()).is_ok());
    let n: u64 = std::env::var("PACTSIM_MUTATION_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_400);
    let mut rng = ChaCha8Rng::seed_from_u64(0x5ce7_a210);
    let (mut ok, mut refused) = (0u64, 0u64);
    for case in 0..n {
        let text = mutate(&base, &mut rng);
        let got = std::panic::catch_unwind(|| {
            Scenario::from_toml(&text, "mutated", &[], strategies::catalog())
        });
        match got {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(e)) => {
                assert!(
                    !e.problems.is_empty(),
                    "case {case}: error without problems"
                );
                assert!(!e.to_string().is_empty());
                refused += 1;
            }
            Err(_) => panic!("case {case}: panic on mutated scenario:\n{text}"),
        }
    }
    assert_eq!(ok + refused, n);
    assert!(
        refused > n / 4,
        "mutations too gentle: only {refused} of {n} refused"
    );
}
