//! The repeated-game commands end to end: `match`, `strategies`, `tournament` (thread-count
//! independence, interrupt + resume byte-identity, shipped config) and `moran`, and their
//! exit code 2 on bad input.

use crate::util::*;
use std::path::Path;

fn json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "{}{}", stdout(o), stderr(o));
    serde_json::from_str(stdout(o).trim()).expect("one JSON object")
}

#[test]
fn match_json_contract() {
    let tmp = tempfile::tempdir().unwrap();
    let o = pactsim(
        &["match", "TitForTat", "Alternator", "--turns", "6", "--json"],
        tmp.path(),
    );
    assert_eq!(
        stdout(&o).trim(),
        r#"{"actions":["CCDCDC","CDCDCD"],"players":["Tit For Tat","Alternator"],"scores":[13.0,18.0]}"#
    );
    let v = json(&pactsim(
        &["match", "Tit For Tat", "Defector", "--json"],
        tmp.path(),
    ));
    assert_eq!(v["scores"], serde_json::json!([199.0, 204.0]));
    let o = pactsim(
        &[
            "match",
            "Random",
            "Joss",
            "--prob-end",
            "0.1",
            "--noise",
            "0.1",
            "--seed",
            "4",
        ],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn match_on_a_gambit_game() {
    let tmp = tempfile::tempdir().unwrap();
    // Rock–paper–scissors; payoffs listed with the row player's strategy changing fastest.
    let rps = "NFG 1 R \"RPS\" { \"Row\" \"Col\" } { 3 3 }\n\
               0 0 1 -1 -1 1 -1 1 0 0 1 -1 1 -1 -1 1 0 0\n";
    std::fs::write(tmp.path().join("rps.nfg"), rps).unwrap();
    let v = json(&pactsim(
        &[
            "match",
            "Best Response",
            "Play 1",
            "--game",
            "rps.nfg",
            "--turns",
            "4",
            "--json",
        ],
        tmp.path(),
    ));
    assert_eq!(v["actions"], serde_json::json!(["0 2 2 2", "1 1 1 1"]));
    assert_eq!(v["scores"], serde_json::json!([2.0, -2.0]));
    let o = pactsim(
        &["match", "TitForTat", "Play 1", "--game", "rps.nfg"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("needs a 2×2 game"), "{}", stderr(&o));
}

#[test]
fn bad_input_exits_2_naming_the_value() {
    let tmp = tempfile::tempdir().unwrap();
    for (args, needle) in [
        (
            vec!["match", "TitForTat", "Nobody"],
            "unknown strategy \"Nobody\"",
        ),
        (
            vec!["match", "TitForTat", "Defector", "--noise", "2"],
            "noise = 2",
        ),
        (
            vec!["match", "TitForTat", "Defector", "--prob-end", "1.5"],
            "prob_end = 1.5",
        ),
        (
            vec!["match", "TitForTat", "Defector", "--turns", "0"],
            "turns = 0",
        ),
        (
            vec!["match", "TitForTat", "Defector", "--game", "go"],
            "game = go",
        ),
        (
            vec!["match", "TitForTat", "Defector", "--game", "missing.nfg"],
            "missing.nfg",
        ),
        (
            vec!["moran", "--players", "TitForTat*0,Defector"],
            "count 0",
        ),
        (
            vec!["moran", "--players", "TitForTat", "--repetitions", "3"],
            "population size",
        ),
        (
            vec![
                "moran",
                "--players",
                "TitForTat,Defector",
                "--mutation-rate",
                "3",
            ],
            "mutation_rate = 3",
        ),
        (vec!["tournament", "missing.toml"], "missing.toml"),
    ] {
        let o = pactsim(&args, tmp.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn strategies_lists_both_kinds() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json(&pactsim(&["strategies", "--json"], tmp.path()));
    let all = v["strategies"].as_array().unwrap();
    let repeated = all.iter().filter(|s| s["kind"] == "repeated-game").count();
    let negotiation = all.iter().filter(|s| s["kind"] == "negotiation").count();
    assert!(repeated >= 40, "{repeated}");
    assert!(negotiation >= 5);
    let tft = all.iter().find(|s| s["name"] == "Tit For Tat").unwrap();
    assert_eq!(tft["memory_depth"], 1);
    assert_eq!(tft["stochastic"], false);
    let o = pactsim(&["strategies"], tmp.path());
    assert!(stdout(&o).contains("First by Stein and Rapoport") && stdout(&o).contains("boulware"));
}

const SMALL: &str = r#"
players = ["Tit For Tat", "Grudger", "Random", "First by Joss", "Defector"]
turns = 30
repetitions = 40
noise = 0.02
seed = 9
"#;

fn same_files(a: &Path, b: &Path) {
    let fa = files(a);
    assert_eq!(fa, files(b));
    for f in fa {
        if f.extension().is_some_and(|e| e == "png" || e == "svg") {
            continue;
        }
        assert_eq!(
            std::fs::read(a.join(&f)).unwrap(),
            std::fs::read(b.join(&f)).unwrap(),
            "{}",
            f.display()
        );
    }
}

#[test]
fn tournament_is_thread_independent_and_resumable() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("t.toml"), SMALL).unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["tournament", "t.toml", "--no-plots", "-q"];
        all.extend_from_slice(args);
        pactsim(&all, tmp.path())
    };
    let o = run(&["--threads", "1", "--out", "one"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Defector"));
    assert!(run(&["--threads", "2", "--out", "two"]).status.success());
    same_files(&tmp.path().join("one"), &tmp.path().join("two"));
    for f in [
        "matches.csv",
        "players.csv",
        "payoff_matrix.csv",
        "manifest.json",
    ] {
        assert!(tmp.path().join("one").join(f).exists(), "{f}");
    }
    let rows = std::fs::read_to_string(tmp.path().join("one/matches.csv")).unwrap();
    assert_eq!(rows.lines().count(), 1 + 40 * 15);
    // Interrupted after 7 repetitions, then resumed on another thread count.
    let o = run(&["--threads", "2", "--out", "three", "--stop-after", "7"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(tmp.path().join(".three.tournament-checkpoint").exists());
    let o = run(&["--threads", "1", "--out", "three", "--resume"]);
    assert!(o.status.success(), "{}", stderr(&o));
    same_files(&tmp.path().join("one"), &tmp.path().join("three"));
    // --resume without a checkpoint is bad input.
    assert_eq!(run(&["--out", "none", "--resume"]).status.code(), Some(2));
}

#[test]
fn tournament_rejects_bad_files() {
    let tmp = tempfile::tempdir().unwrap();
    for (text, needle) in [
        ("players = [\"TitForTat\", \"Nobody\"]\n", "Nobody"),
        ("players = [\"TitForTat\"]\nnoise = -1\n", "noise = -1"),
        ("players = [\"TitForTat\"]\nturns = 0\n", "turns = 0"),
        (
            "players = [\"TitForTat\"]\nrepetitions = 0\n",
            "repetitions = 0",
        ),
        ("players = [\"TitForTat\"]\ncolour = 1\n", "colour"),
    ] {
        std::fs::write(tmp.path().join("bad.toml"), text).unwrap();
        let o = pactsim(&["tournament", "bad.toml", "--no-plots"], tmp.path());
        assert_eq!(o.status.code(), Some(2), "{text}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{text}: {}", stderr(&o));
    }
}

#[test]
fn shipped_classic_tournament_runs_with_plots() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = root().join("configs/tournament-classic.toml");
    let o = pactsim(
        &[
            "tournament",
            cfg.to_str().unwrap(),
            "--out",
            "c",
            "--format",
            "svg",
            "-q",
        ],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "plots/scores.svg",
        "plots/payoffs.svg",
        "plots/wins.svg",
        "players.csv",
    ] {
        assert!(tmp.path().join("c").join(f).exists(), "{f}");
    }
    assert!(!tmp.path().join(".c.tournament-checkpoint").exists());
    let players = std::fs::read_to_string(tmp.path().join("c/players.csv")).unwrap();
    assert_eq!(players.lines().count(), 16);
}

#[test]
fn moran_prints_fixation_with_intervals() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json(&pactsim(
        &[
            "moran",
            "--players",
            "Defector,Cooperator*3",
            "--repetitions",
            "40",
            "--turns",
            "10",
            "--seed",
            "2",
            "--out",
            "m",
            "--format",
            "svg",
            "--json",
        ],
        tmp.path(),
    ));
    let fix = v["fixation"].as_array().unwrap();
    assert_eq!(fix.len(), 2);
    assert_eq!(fix[0]["name"], "Defector");
    let p = fix[0]["probability"].as_f64().unwrap();
    let ci = fix[0]["ci"].as_array().unwrap();
    assert!(ci[0].as_f64().unwrap() <= p && p <= ci[1].as_f64().unwrap());
    assert!(tmp.path().join("m/plots/population.svg").exists());
    std::fs::write(
        tmp.path().join("pop.toml"),
        "players = [\"TitForTat*2\", \"Defector\"]\nrepetitions = 10\n",
    )
    .unwrap();
    let o = pactsim(
        &["moran", "pop.toml", "--out", "m2", "--no-plots"],
        tmp.path(),
    );
    assert!(
        stdout(&o).contains("Wilson 95% CI"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    // Its directory is pactsim's (a manifest), so running the same command again replaces it
    // with the same bytes instead of refusing.
    let first = std::fs::read(tmp.path().join("m2/fixation.csv")).unwrap();
    let again = pactsim(
        &["moran", "pop.toml", "--out", "m2", "--no-plots"],
        tmp.path(),
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        std::fs::read(tmp.path().join("m2/fixation.csv")).unwrap(),
        first
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("m2/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["command"], "moran");
    // `plot` does not redraw these results; it says so and how to redraw them (exit 2).
    let o = pactsim(&["plot", "m2"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot redraw results of `moran`"),
        "{}",
        stderr(&o)
    );
}
