//! Input files that build on a base, the `sweep` command-line overrides, `validate` on every
//! kind of file (all problems in one pass), and results directories named by their overrides.

use crate::util::*;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Names of the entries of `dir` (without the hidden lock files), sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    v.sort();
    v
}

#[test]
fn a_scenario_with_a_base_equals_the_base_with_set() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "weaker.toml",
        "base = \"april-2026\"\n[litigation]\nwin_probability_mean = 0.4\n",
    );
    // A chain: child.toml → weaker.toml → the embedded scenario.
    write(
        d,
        "child.toml",
        "base = \"weaker.toml\"\n[musk]\nwin_probability = 0.3\n",
    );
    let o = pactsim(
        &[
            "run",
            "child.toml",
            "--runs",
            "300",
            "--out",
            "a",
            "-q",
            "--no-plots",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = pactsim(
        &[
            "run",
            "--runs",
            "300",
            "--out",
            "b",
            "-q",
            "--no-plots",
            "--set",
            "musk.win_probability=0.3",
            "--set",
            "litigation.win_probability_mean=0.4",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (a, b) = (
        json(&d.join("a/manifest.json")),
        json(&d.join("b/manifest.json")),
    );
    assert_eq!(a["scenario"], b["scenario"], "same resolved scenario");
    assert_eq!(a["scenario_hash"], b["scenario_hash"]);
    assert_eq!(
        std::fs::read(d.join("a/summary.json")).unwrap(),
        std::fs::read(d.join("b/summary.json")).unwrap()
    );
    // Other keys of [litigation] came from the base.
    assert_eq!(a["scenario"]["litigation"]["win_probability_sd"], 0.15);
}

#[test]
fn missing_unknown_and_cyclic_bases_are_bad_input() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "missing.toml", "base = \"nowhere.toml\"\n");
    write(d, "unknown.toml", "\n\nbase = \"april-2062\"\n");
    write(d, "a.toml", "base = \"b.toml\"\n");
    write(d, "b.toml", "base = \"a.toml\"\n");
    for (file, expect) in [
        (
            "missing.toml",
            vec![
                "missing.toml:1:1: base = \"nowhere.toml\"",
                "base not found",
            ],
        ),
        (
            "unknown.toml",
            vec!["unknown.toml:3:1: base = \"april-2062\"", "\"april-2026\""],
        ),
        ("a.toml", vec!["cycle", "a.toml → ", "b.toml"]),
    ] {
        let o = pactsim(&["run", file, "--out", "o", "-q"], d);
        assert_eq!(o.status.code(), Some(2), "{file}: {}", stderr(&o));
        for e in expect {
            assert!(
                stderr(&o).contains(e),
                "{file}: `{e}` not in {}",
                stderr(&o)
            );
        }
        assert!(!d.join("o").exists());
    }
}

/// A `base` that cannot be found does not hide the file's other problems: a scenario file
/// reports its unknown keys, refused values and bad `--set` overrides with it (and nothing
/// for the keys the base would give), a sweep file its settings, `[scenario]` changes and
/// axes; a sweep that names two bases likewise. Exit 2, nothing left behind.
#[test]
fn a_base_that_cannot_be_found_does_not_hide_the_other_problems() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let missing = "base = \"nowhere.toml\": base not found";
    write(
        d,
        "s.toml",
        "base = \"nowhere.toml\"\n[discount]\nmicrosoft = 5.0\nbogus = 1\n",
    );
    write(
        d,
        "ok.toml",
        "base = \"nowhere.toml\"\n[meta]\nname = \"x\"\n",
    );
    write(
        d,
        "w.toml",
        "base = \"nowhere.toml\"\nsweep = { name = \"t\", runs = 0 }\n\
         scenario.discount.microsoft = 5.0\n\
         axis = [{ path = \"discount.openai\", values = [0.2, 0.2] }]\n",
    );
    write(
        d,
        "two.toml",
        "base = \"april-2026\"\nsweep = { name = \"t\", runs = 10, scenario = \"x.toml\" }\n\
         scenario.nope = 1\naxis = [{ path = \"discount.openai\", values = [0.2, 0.2] }]\n",
    );
    let o = pactsim(&["validate", "s.toml", "ok.toml", "w.toml", "two.toml"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "s.toml: 3 problems",
        &format!("s.toml:1:1: {missing}"),
        "s.toml:3:1: discount.microsoft = 5: allowed range is [0.001, 2]",
        "s.toml:4:1: discount.bogus: unknown field `bogus`",
        // A file that only lacks its base: that is its one problem.
        "ok.toml: 1 problem\n",
        &format!("ok.toml:1:1: {missing}"),
        "w.toml: 4 problems",
        &format!("w.toml:1:1: {missing}"),
        "w.toml:2:23: sweep.runs = 0: runs per cell must be 1 or more",
        "w.toml:3:1: scenario.discount.microsoft = 5: allowed range is [0.001, 2]",
        "w.toml:4:37: axis[0].values = 0.2: duplicate value on the axis of discount.openai",
        "two.toml: 3 problems",
        "two.toml:2:34: sweep.scenario = \"x.toml\": the sweep already names its base scenario",
        "two.toml:3:1: scenario.nope: unknown field `nope`",
        "two.toml:4:37: axis[0].values = 0.2: duplicate value",
    ] {
        assert!(out.contains(line), "missing `{line}` in:\n{out}");
    }
    assert!(!out.contains("missing field"), "{out}");
    // `run` says the same, with the overrides' problems, and writes nothing.
    let o = pactsim(
        &[
            "run",
            "s.toml",
            "--set",
            "discount.openai=9",
            "--out",
            "o",
            "-q",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    for line in [
        "s.toml: 4 problems",
        &format!("s.toml:1:1: {missing}"),
        "s.toml:4:1: discount.bogus: unknown field `bogus`",
        "s.toml: discount.openai = 9: allowed range is [0.001, 2] (value from --set)",
    ] {
        assert!(
            stderr(&o).contains(line),
            "missing `{line}` in:\n{}",
            stderr(&o)
        );
    }
    assert!(!d.join("o").exists());
}

#[test]
fn the_five_line_sweep_and_its_command_line_overrides() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let file = root().join("configs/sweep-weaker-case.toml");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap().lines().count(),
        5,
        "the example is five lines"
    );
    let o = pactsim(
        &[
            "sweep",
            file.to_str().unwrap(),
            "--runs",
            "40",
            "--seed",
            "7",
            "--set",
            "musk.win_probability=0.3",
            "--no-plots",
            "-q",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // With --set and no --out, the directory is named by the overrides' hash.
    let results = entries(&d.join("results"));
    assert_eq!(results.len(), 1, "{results:?}");
    assert!(results[0].starts_with("weaker-case-set-"), "{results:?}");
    let m = json(&d.join("results").join(&results[0]).join("manifest.json"));
    assert_eq!(m["runs"], 40);
    assert_eq!(m["seed"], 7);
    assert_eq!(
        m["overrides"],
        serde_json::json!(["musk.win_probability=0.3"])
    );
    assert_eq!(m["scenario"]["musk"]["win_probability"], 0.3);
    assert_eq!(m["scenario"]["litigation"]["win_probability_mean"], 0.4);
    assert_eq!(m["extra"]["sweep"]["cells"], 15);

    // A --set naming a swept parameter, and a --set with a bad value, are refused.
    for (set, expect) in [
        ("antitrust.initial=0.3", "is swept by axis 1"),
        ("musk.win_probability=3", "musk.win_probability"),
    ] {
        let o = pactsim(
            &[
                "sweep",
                file.to_str().unwrap(),
                "--set",
                set,
                "--out",
                "x",
                "-q",
            ],
            d,
        );
        assert_eq!(o.status.code(), Some(2), "{set}: {}", stderr(&o));
        assert!(stderr(&o).contains(expect), "{set}: {}", stderr(&o));
        assert!(!d.join("x").exists());
    }
}

#[test]
fn run_with_overrides_never_touches_the_baseline_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let run = |sets: &[&str]| {
        let mut args = vec!["run", "--runs", "50", "-q", "--no-plots"];
        for s in sets {
            args.extend(["--set", s]);
        }
        let o = pactsim(&args, d);
        assert!(o.status.success(), "{}", stderr(&o));
    };
    run(&[]);
    run(&[
        "musk.win_probability=0.3",
        "litigation.win_probability_mean=0.40",
    ]);
    run(&[
        "litigation.win_probability_mean = 0.4",
        "musk.win_probability=0.30",
    ]);
    let dirs = entries(&d.join("results"));
    assert_eq!(
        dirs.len(),
        2,
        "same overrides in any order → one directory: {dirs:?}"
    );
    assert!(dirs.contains(&"april-2026".to_string()), "{dirs:?}");
    let baseline = json(&d.join("results/april-2026/manifest.json"));
    assert!(baseline.get("overrides").is_none(), "no overrides, no key");
    assert_eq!(baseline["scenario"]["musk"]["win_probability"], 0.35);
    run(&["musk.win_probability=0.31"]);
    assert_eq!(
        entries(&d.join("results")).len(),
        3,
        "other overrides, other directory"
    );
}

#[test]
fn plot_subtitles_list_the_overrides() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let o = pactsim(
        &[
            "run",
            "--runs",
            "50",
            "-q",
            "--format",
            "svg",
            "--out",
            "r",
            "--set",
            "musk.win_probability=0.3",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(d.join("r/plots/outcomes.svg")).unwrap();
    assert!(
        svg.contains("musk.win_probability=0.3"),
        "subtitle lacks the override"
    );
}

#[test]
fn validate_reports_every_problem_of_every_kind_in_one_pass() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "scenario.toml",
        "base = \"april-2026\"\n[simulation]\nhorizon_weeks = \"fifty\"\nsede = 3\n[musk]\nwin_probability = 1.5\n",
    );
    write(
        d,
        "sweep.toml",
        "[sweep]\nname = \"s\"\nruns = \"many\"\nbogus = 1\n[[axis]]\npath = \"musk.stake\"\nvalues = \"low\"\n",
    );
    write(
        d,
        "facts.toml",
        "[[fact]]\nstatistic = \"x\"\nobserved = \"one\"\ntolerance = -1.0\n[[fact]]\nstatistc = \"y\"\nobserved = 1.0\ntolerance = 0.1\n",
    );
    write(
        d,
        "tournament.toml",
        "players = [\"Tit For Tat\", 3]\nturns = \"many\"\ncolour = 1\n",
    );
    let o = pactsim(
        &[
            "validate",
            "scenario.toml",
            "sweep.toml",
            "facts.toml",
            "tournament.toml",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        // Scenario: a type error, an unknown key and a model check, with lines and values.
        "scenario.toml:3:1: simulation.horizon_weeks = \"fifty\": invalid type",
        "scenario.toml:4:1: simulation.sede: unknown field `sede`",
        "scenario.toml:6:1: musk.win_probability = 1.5: a probability must lie in [0, 1]",
        // Sweep.
        "sweep.toml:3:1: sweep.runs = \"many\": invalid type",
        "sweep.toml:4:1: sweep.bogus: not a valid sweep file: unknown field `bogus`",
        "sweep.toml:7:1: axis[0].values = \"low\": invalid type",
        // Facts: every entry, including a missing field.
        "facts.toml:3:1: fact[0].observed = \"one\": invalid type",
        "facts.toml:4:1: fact[0].tolerance = -1: allowed: a finite number ≥ 0",
        "facts.toml:6:1: fact[1].statistc: unknown field `statistc`",
        "fact[1].statistic: missing field `statistic`",
        // Not hidden by the placeholder of fact[1]'s missing statistic: another entry.
        "facts.toml:2:1: fact[0].statistic = \"x\": the run summary has no \"x\"",
        // Tournament.
        "tournament.toml:1:27: players[1] = 3: invalid type",
        "tournament.toml:2:1: turns = \"many\": invalid type",
        "tournament.toml:3:1: colour: unknown field `colour`",
    ] {
        assert!(out.contains(line), "missing `{line}` in:\n{out}");
    }
    assert!(out.contains("scenario.toml: 3 problems"), "{out}");
    assert!(out.contains("facts.toml: 5 problems"), "{out}");
    assert!(
        stderr(&o).contains("4 of 4 files invalid"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files(d).len(), 4, "validate writes nothing: {:?}", files(d));
    // --kind overrides the recognised kind.
    let o = pactsim(&["validate", "--kind", "facts", "scenario.toml"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("unknown field `base`"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn every_shipped_config_validates_with_its_kind() {
    let configs = root().join("configs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&configs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let args: Vec<&str> = std::iter::once("validate")
        .chain(files.iter().map(|p| p.to_str().unwrap()))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let o = pactsim(&args, tmp.path());
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    for (name, kind) in [
        ("april-2026.toml", "(scenario april-2026)"),
        ("facts-2026.toml", "(facts)"),
        ("bands-2026.toml", "(facts)"),
        ("tournament-classic.toml", "(tournament, 15 players)"),
        ("sweep-weaker-case.toml", "(sweep weaker-case, 15 cells)"),
        (
            "metagame-strategies.toml",
            "(metagame strategies, 27 profiles)",
        ),
    ] {
        assert!(
            out.lines().any(|l| l.contains(name) && l.contains(kind)),
            "{name}: {kind} not in {out}"
        );
    }
}
