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
            "--noise 2: allowed values are probabilities in [0, 1]",
        ),
        (
            vec!["match", "TitForTat", "Defector", "--prob-end", "1.5"],
            "--prob-end 1.5: allowed values are probabilities in [0, 1]",
        ),
        (
            vec!["match", "TitForTat", "Defector", "--turns", "0"],
            "--turns 0: allowed values are 1 to 1000000",
        ),
        (
            vec!["match", "TitForTat", "Defector", "--game", "go"],
            "--game go: allowed games are pd",
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
            "--mutation-rate 3: allowed values are probabilities in [0, 1]",
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

/// Runs `pactsim` in a fresh directory holding `files` and checks that it exits with code 2,
/// says each of `needles` on stderr, and leaves nothing behind (no results, lock, partial or
/// checkpoint): only the input files are there afterwards.
fn refused(args: &[&str], inputs: &[(&str, &str)], needles: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in inputs {
        std::fs::write(tmp.path().join(name), text).unwrap();
    }
    let o = pactsim(args, tmp.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}{}", stdout(&o));
    for n in needles {
        assert!(err.contains(n), "{args:?}: `{n}` not in: {err}");
    }
    let mut left: Vec<String> = files(tmp.path())
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    left.sort();
    let mut want: Vec<String> = inputs.iter().map(|(n, _)| n.to_string()).collect();
    want.sort();
    assert_eq!(left, want, "{args:?} left files behind");
}

/// `tournament` and `validate` both refuse the tournament file `t` (as `t.toml`), each saying
/// every line of `want`.
fn tournament_and_validate_refuse(t: &str, want: &[&str]) {
    refused(
        &["tournament", "t.toml", "--no-plots", "--out", "o"],
        &[("t.toml", t)],
        want,
    );
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("t.toml"), t).unwrap();
    let o = pactsim(&["validate", "t.toml"], tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    for w in want {
        assert!(stdout(&o).contains(w), "`{w}` not in {}", stdout(&o));
    }
}

/// A request for 4294967295 turns (an abort on allocating 4 GB before), as a flag and
/// as a file entry, and as the cap of drawn lengths; the limits on repetitions, total turns,
/// population and recorded generations. Each is refused before anything is written.
#[test]
fn sizes_over_the_limits_are_refused_before_any_work() {
    let pd = [("TitForTat", "Defector")];
    let (a, b) = pd[0];
    refused(
        &["match", a, b, "--turns", "4294967295"],
        &[],
        &["--turns 4294967295: allowed values are 1 to 1000000"],
    );
    refused(
        &["match", a, b, "--prob-end", "0.01", "--turns", "4294967295"],
        &[],
        &["--turns 4294967295", "cap on drawn match lengths"],
    );
    refused(
        &[
            "moran",
            "--players",
            "TitForTat*2,Defector",
            "--turns",
            "4294967295",
        ],
        &[],
        &["--turns 4294967295: allowed values are 1 to 1000000"],
    );
    let t = "players = [\"TitForTat\", \"Defector\"]\nturns = 4294967295\n";
    refused(
        &["tournament", "t.toml", "-q", "--out", "o"],
        &[("t.toml", t)],
        &["t.toml:2:1: turns = 4294967295: allowed values are 1 to 1000000"],
    );
    let m = "players = [\"TitForTat*2\", \"Defector\"]\nturns = 4294967295\n";
    refused(
        &["moran", "m.toml", "--out", "o"],
        &[("m.toml", m)],
        &["m.toml:2:1: turns = 4294967295"],
    );
    // Total turns of a tournament: 3 matches × 100,000 turns × 10⁶ repetitions.
    let t = "players = [\"TitForTat\", \"Defector\"]\nturns = 100000\nrepetitions = 1000000\n";
    refused(
        &["tournament", "t.toml", "-q", "--out", "o"],
        &[("t.toml", t)],
        &[
            "t.toml:3:1: repetitions = 1000000",
            "1000000 × 3 × 100000 turns = 300000000000 turns",
            "at most 100000000000 turns",
        ],
    );
    // Matches kept in memory.
    let t = "players = [\"TitForTat\", \"Defector\"]\nturns = 1\nrepetitions = 4000000\n";
    refused(
        &["tournament", "t.toml", "-q", "--out", "o"],
        &[("t.toml", t)],
        &[
            "t.toml:3:1: repetitions = 4000000",
            "at most 10000000 matches",
        ],
    );
    // Players.
    let names = vec!["\"Cooperator\""; 501].join(", ");
    let t = format!("players = [{names}]\nturns = 1\nrepetitions = 1\n");
    refused(
        &["tournament", "t.toml", "-q", "--out", "o"],
        &[("t.toml", &t)],
        &["t.toml:1:1: players", "at most 500 players"],
    );
    // Moran: recorded counts (generations × repetitions), total turns, population.
    refused(
        &[
            "moran",
            "--players",
            "TitForTat,Defector",
            "--repetitions",
            "100000",
        ],
        &[],
        &[
            "--repetitions 100000:",
            "100000 × 10001 × 2",
            "at most 100000000",
        ],
    );
    refused(
        &[
            "moran",
            "--players",
            "TitForTat,Defector",
            "--max-generations",
            "4294967295",
        ],
        &[],
        &["--max-generations 4294967295:"],
    );
    refused(
        &["moran", "--players", "TitForTat*30,Random*30"],
        &[],
        &[
            "--players TitForTat*30,Random*30:",
            "at most 100000000000 turns",
        ],
    );
    refused(
        &["moran", "--players", "TitForTat*10001"],
        &[],
        &["--players TitForTat*10001: population size = 10001"],
    );
}

/// Gambit games for the payoff tests, payoffs in Gambit's order (row player's strategy
/// changing fastest, both players' payoffs per profile).
const ALL_BIG: &str = "NFG 1 R \"allbig\" { \"Row\" \"Col\" } { 2 2 }\n\
                       1e308 1e308 1e308 1e308 1e308 1e308 1e308 1e308\n";
const HUGE: &str = "NFG 1 R \"huge\" { \"Row\" \"Col\" } { 2 2 }\n1 1e308 0 0 -1e308 0 1 1\n";

/// A 2×2 games with payoffs up to ±1e308: every score, total and mean would be ±inf or
/// NaN (exit 0 before); now each command refuses them up front, naming the game file, the
/// largest payoff and the limit.
#[test]
fn payoffs_too_large_for_the_turns_are_refused() {
    refused(
        &["match", "TitForTat", "Random", "--game", "huge.nfg"],
        &[("huge.nfg", HUGE)],
        &[
            "--game huge.nfg: payoffs too large",
            "largest payoff magnitude of game huge is 1e308",
            "a match score of up to 200 turns",
            "≤ 1e150",
        ],
    );
    refused(
        &[
            "match",
            "Cooperator",
            "Defector",
            "--game",
            "allbig.nfg",
            "--turns",
            "3",
            "--json",
        ],
        &[("allbig.nfg", ALL_BIG)],
        &[
            "--game allbig.nfg: payoffs too large",
            "payoffs within ±3.333e149",
        ],
    );
    let big = "players = [\"Tit For Tat\", \"Defector\", \"Cooperator\"]\ngame = \"allbig.nfg\"\n\
               turns = 20\nrepetitions = 3\n";
    refused(
        &[
            "tournament",
            "big.toml",
            "--threads",
            "1",
            "-q",
            "--format",
            "svg",
            "--out",
            "tno/big",
        ],
        &[("big.toml", big), ("allbig.nfg", ALL_BIG)],
        &[
            "big.toml:2:1: game = \"allbig.nfg\": payoffs too large",
            "is 1e308",
            "3 repetitions × 2 opponents × up to 20 turns",
        ],
    );
    refused(
        &[
            "moran",
            "--players",
            "TitForTat,Defector",
            "--game",
            "huge.nfg",
        ],
        &[("huge.nfg", HUGE)],
        &[
            "--game huge.nfg: payoffs too large",
            "total fitness of a generation",
        ],
    );
}

/// Large payoffs within the limit are played, and no output holds inf, NaN or an empty number.
#[test]
fn large_payoffs_within_the_limit_give_finite_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    // ±1e140: a player's total over 3 × 2 × 20 turns is at most 1.2e142.
    std::fs::write(
        tmp.path().join("large.nfg"),
        "NFG 1 R \"large\" { \"Row\" \"Col\" } { 2 2 }\n\
         3e140 3e140 5e140 -1e140 -1e140 5e140 1e140 1e140\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("t.toml"),
        "players = [\"Tit For Tat\", \"Defector\", \"Random\"]\ngame = \"large.nfg\"\n\
         turns = 20\nrepetitions = 3\n",
    )
    .unwrap();
    let o = pactsim(
        &[
            "tournament",
            "t.toml",
            "-q",
            "--format",
            "svg",
            "--out",
            "t",
        ],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = stdout(&o);
    let o = pactsim(
        &[
            "match",
            "TitForTat",
            "Random",
            "--game",
            "large.nfg",
            "--json",
        ],
        tmp.path(),
    );
    let v = json(&o);
    assert!(
        v["scores"].as_array().unwrap().iter().all(|s| s.is_f64()),
        "{v}"
    );
    let mut texts = vec![printed, stdout(&o)];
    for f in files(&tmp.path().join("t")) {
        texts.push(std::fs::read_to_string(tmp.path().join("t").join(&f)).unwrap());
    }
    for text in &texts {
        let bad = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .find(|w| ["inf", "infinity", "nan"].contains(&&*w.to_lowercase()));
        assert!(bad.is_none(), "{bad:?} in {text}");
    }
    // Every number of players.csv is present (non-finite ones were empty fields).
    let players = std::fs::read_to_string(tmp.path().join("t/players.csv")).unwrap();
    assert!(!players.contains(",,"), "{players}");
}

/// Every problem of a tournament or Moran file is reported in one pass, each at its line: the
/// match settings, the repetitions, the generation cap, the game and every player entry.
#[test]
fn files_report_every_problem_in_one_pass() {
    refused(
        &["tournament", "t.toml", "--no-plots", "--out", "o"],
        &[(
            "t.toml",
            "players = [\"Tit For Tat\", \"Defector\"]\nrepetitions = 0\nnoise = 2\n",
        )],
        &[
            "t.toml: 2 problems",
            "t.toml:2:1: repetitions = 0: allowed values are 1 or more",
            "t.toml:3:1: noise = 2: allowed values are probabilities in [0, 1]",
        ],
    );
    refused(
        &["tournament", "t.toml", "--no-plots", "--out", "o"],
        &[(
            "t.toml",
            "players = [\"Tit For Tat\", \"Nobody\"]\nnoise = 2\nturns = 0\ngame = \"x\"\n",
        )],
        &[
            "t.toml: 4 problems",
            "t.toml:1:27: players[1] = \"Nobody\": unknown strategy",
            "t.toml:2:1: noise = 2: allowed",
            "t.toml:3:1: turns = 0: allowed values are 1 to",
            "t.toml:4:1: game = \"x\": allowed games are",
        ],
    );
    refused(
        &["tournament", "t.toml", "--no-plots", "--out", "o"],
        &[(
            "t.toml",
            "players = [\"Defector\"]\nself_play = false\nprob_end = 2\n",
        )],
        &[
            "t.toml: 2 problems",
            "t.toml:1:1: players = 1 strategy: at least two strategies",
            "t.toml:3:1: prob_end = 2: allowed values are probabilities",
        ],
    );
    refused(
        &["moran", "m.toml", "--no-plots", "--out", "o"],
        &[(
            "m.toml",
            "players = [\"TitForTat*2\", \"Defector*0\", \"Nobody\"]\nmutation_rate = 3\n\
             repetitions = 0\nmax_generations = 0\nturns = 0\n",
        )],
        &[
            "m.toml: 6 problems",
            "m.toml:1:27: players[1] = \"Defector*0\": count 0 of \"Defector\"",
            "m.toml:1:41: players[2] = \"Nobody\": unknown strategy",
            "m.toml:2:1: mutation_rate = 3: allowed",
            "m.toml:3:1: repetitions = 0: allowed values are 1 or more",
            "m.toml:4:1: max_generations = 0: allowed values are 1 or more",
            "m.toml:5:1: turns = 0: allowed values are 1 to",
        ],
    );
    // Flags are named as flags, the file's values at their lines, all in one report.
    refused(
        &[
            "moran",
            "m.toml",
            "--turns",
            "0",
            "--no-plots",
            "--out",
            "o",
        ],
        &[("m.toml", "players = [\"TitForTat*2\"]\nrepetitions = 0\n")],
        &[
            "--turns 0: allowed values are 1 to",
            "m.toml:2:1: repetitions = 0: allowed values are 1 or more",
        ],
    );
}

/// A Moran process stopped after some repetitions (`--stop-after`) and resumed on another
/// thread count writes the same bytes as an uninterrupted run; a resume with other inputs, or
/// without a checkpoint, is refused with exit code 2.
#[test]
fn moran_is_resumable() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("m.toml"),
        "players = [\"TitForTat*3\", \"Defector*2\", \"Random*2\"]\nrepetitions = 30\n\
         turns = 10\nnoise = 0.01\nmax_generations = 200\nseed = 3\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["moran", "m.toml", "--no-plots"];
        all.extend_from_slice(args);
        pactsim(&all, tmp.path())
    };
    let o = run(&["--threads", "1", "--out", "one"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!tmp.path().join(".one.moran-checkpoint").exists());
    let o = run(&["--threads", "2", "--out", "two", "--stop-after", "11"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("stopped after 11 of 30 repetitions"));
    assert!(tmp.path().join(".two.moran-checkpoint").exists());
    assert!(!tmp.path().join("two").exists());
    // Other inputs: refused, and the checkpoint is kept.
    let o = run(&["--out", "two", "--resume", "--seed", "4"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("different Moran process"),
        "{}",
        stderr(&o)
    );
    assert!(tmp.path().join(".two.moran-checkpoint").exists());
    let o = run(&["--threads", "1", "--out", "two", "--resume"]);
    assert!(o.status.success(), "{}", stderr(&o));
    same_files(&tmp.path().join("one"), &tmp.path().join("two"));
    assert!(!tmp.path().join(".two.moran-checkpoint").exists());
    // --resume without a checkpoint is bad input.
    assert_eq!(run(&["--out", "none", "--resume"]).status.code(), Some(2));
}

/// Value errors of tournament and Moran files name file:line:column and the entry, like
/// scenario files; a flag that overrides a Moran file's value is named as the flag.
#[test]
fn file_value_errors_name_the_line_and_entry() {
    refused(
        &["tournament", "t.toml", "--no-plots", "--out", "o"],
        &[(
            "t.toml",
            "players = [\"TitForTat\", \"Nobody\"]\nseed = 1\nnoise = 2\n",
        )],
        &[
            "t.toml: 2 problems",
            "t.toml:1:25: players[1] = \"Nobody\": unknown strategy \"Nobody\"",
            "t.toml:3:1: noise = 2: allowed values are probabilities in [0, 1]",
        ],
    );
    refused(
        &["tournament", "t.toml", "--no-plots", "--out", "o"],
        &[(
            "t.toml",
            "players = [\"TitForTat\", \"Play 2\"]\n\ngame = \"pd\"\n",
        )],
        &["t.toml:1:25: players[1] = \"Play 2\": strategy \"Play 2\" plays action 2"],
    );
    refused(
        &["tournament", "t.toml", "--no-plots", "--out", "o"],
        &[("t.toml", "players = [\"TitForTat\"]\nprob_end = 0\n")],
        &["t.toml:2:1: prob_end = 0: allowed values are in (0, 1]"],
    );
    let m = "players = [\"TitForTat*2\", \"Defector*0\"]\nmutation_rate = 3\n";
    refused(
        &["moran", "m.toml", "--no-plots", "--out", "o"],
        &[("m.toml", m)],
        &["m.toml:1:27: players[1] = \"Defector*0\": count 0 of \"Defector\""],
    );
    let m = "players = [\"TitForTat*2\", \"Defector\"]\n\nmutation_rate = 3\n";
    refused(
        &["moran", "m.toml", "--no-plots", "--out", "o"],
        &[("m.toml", m)],
        &["m.toml:3:1: mutation_rate = 3: allowed values are probabilities in [0, 1]"],
    );
    // The flag wins over the file, and is what the message names.
    refused(
        &[
            "moran",
            "m.toml",
            "--mutation-rate",
            "4",
            "--no-plots",
            "--out",
            "o",
        ],
        &[("m.toml", m)],
        &["--mutation-rate 4: allowed values are probabilities in [0, 1]"],
    );
    refused(
        &["moran", "m.toml", "--no-plots", "--out", "o"],
        &[(
            "m.toml",
            "players = [\"TitForTat*2\", \"Defector\"]\nturns = \"x\"\n",
        )],
        &["m.toml:2:1: turns = \"x\": invalid type"],
    );
}

/// A wrong shape (an unknown key, a value of the wrong type) does not stop the other checks of
/// a tournament or Moran file: every problem comes out in one pass, and none is invented by
/// the placeholder put where the shape was wrong.
#[test]
fn a_wrong_shape_does_not_hide_the_other_problems() {
    refused(
        &["tournament", "t.toml", "--no-plots", "--out", "o"],
        &[(
            "t.toml",
            "players = [\"Tit For Tat\", \"Nobody\"]\nturns = 0\nseed = 1.5\ncolour = 1\n",
        )],
        &[
            "t.toml: 4 problems",
            "t.toml:1:27: players[1] = \"Nobody\": unknown strategy",
            "t.toml:2:1: turns = 0: allowed values are 1 to",
            "t.toml:3:1: seed = 1.5: invalid type",
            "t.toml:4:1: colour: unknown field",
        ],
    );
    refused(
        &["moran", "m.toml", "--no-plots", "--out", "o"],
        &[(
            "m.toml",
            "players = [\"TitForTat*3\", \"Defector*0\"]\nturns = \"many\"\nnoise = 2\ncolour = 1\n",
        )],
        &[
            "m.toml: 4 problems",
            "m.toml:1:27: players[1] = \"Defector*0\": count 0",
            "m.toml:2:1: turns = \"many\": invalid type",
            "m.toml:3:1: noise = 2: allowed values are probabilities",
            "m.toml:4:1: colour: unknown field",
        ],
    );
}

/// A player entry of the wrong type (`3` among names) does not hide the other entries'
/// problems, in a tournament or a Moran file, for the command and for `validate`; and its
/// placeholder invents nothing (one name left is not reported as too few players).
#[test]
fn a_player_entry_of_the_wrong_type_does_not_hide_the_others() {
    let t = "players = [\"Tit For Tat\", 3, \"Nobody\"]\n";
    let want = [
        "t.toml: 2 problems",
        "t.toml:1:27: players[1] = 3: invalid type: integer `3`, expected a string",
        "t.toml:1:30: players[2] = \"Nobody\": unknown strategy \"Nobody\"",
    ];
    tournament_and_validate_refuse(t, &want);
    refused(
        &["tournament", "t.toml", "--no-plots", "--out", "o"],
        &[(
            "t.toml",
            "players = [\"Tit For Tat\", 3]\nself_play = false\n",
        )],
        &[
            "t.toml: 1 problem\n",
            "t.toml:1:27: players[1] = 3: invalid type",
        ],
    );
    refused(
        &["moran", "m.toml", "--no-plots", "--out", "o"],
        &[(
            "m.toml",
            "players = [\"TitForTat*3\", 3, \"Nobody\", \"Defector*0\"]\nturns = 5\n",
        )],
        &[
            "m.toml: 3 problems",
            "m.toml:1:27: players[1] = 3: invalid type",
            "m.toml:1:30: players[2] = \"Nobody\": unknown strategy \"Nobody\"",
            "m.toml:1:40: players[3] = \"Defector*0\": count 0 of \"Defector\"",
        ],
    );
}

/// An entry of `players` is reported at its own line and column, in a list written over
/// several lines too (it was reported at column 1 of the line of `players`).
#[test]
fn a_player_entry_is_reported_at_its_own_column() {
    let t = "players = [\n    \"Tit For Tat\", \"Nobody\",\n    \"Grudger\", 3,\n]\n";
    let want = [
        "t.toml: 2 problems",
        "t.toml:2:20: players[1] = \"Nobody\": unknown strategy \"Nobody\"",
        "t.toml:3:16: players[3] = 3: invalid type: integer `3`, expected a string",
    ];
    tournament_and_validate_refuse(t, &want);
}

/// `pactsim moran` draws a progress bar of repetitions on stderr when it is a terminal, as
/// `tournament` does; `-q` hides it; the output files are the same bytes either way. The
/// terminal is a pseudo-terminal the test opens itself, so the bar is always checked.
#[cfg(unix)]
#[test]
fn moran_draws_a_progress_bar_unless_quiet() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let args = |out: &'static str| {
        vec![
            "moran",
            "--players",
            "TitForTat*3,Defector*3",
            "--repetitions",
            "200",
            "--seed",
            "1",
            "--no-plots",
            "--out",
            out,
        ]
    };
    // Not a terminal: no bar, with or without -q.
    for (out, quiet) in [("plain", true), ("piped", false)] {
        let mut a = args(out);
        if quiet {
            a.push("-q");
        }
        let o = pactsim(&a, d);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!stderr(&o).contains("repetitions ·"), "{}", stderr(&o));
    }
    // A terminal: the bar, unless -q.
    let bar = pactsim_on_a_terminal(&args("bar"), d);
    assert!(bar.status.success(), "{}", bar.terminal);
    assert!(
        bar.terminal.contains("/200 repetitions ·"),
        "{:?}",
        bar.terminal
    );
    let mut a = args("quiet");
    a.push("-q");
    let quiet = pactsim_on_a_terminal(&a, d);
    assert!(quiet.status.success(), "{}", quiet.terminal);
    assert!(
        !quiet.terminal.contains("repetitions ·"),
        "{:?}",
        quiet.terminal
    );
    // The bar goes to the terminal only: standard output is the same either way.
    assert_eq!(
        bar.stdout.replace("bar", "X"),
        quiet.stdout.replace("quiet", "X")
    );
    for out in ["piped", "bar", "quiet"] {
        for f in ["fixation.csv", "population.csv", "moran.json"] {
            assert_eq!(
                std::fs::read(d.join("plain").join(f)).unwrap(),
                std::fs::read(d.join(out).join(f)).unwrap(),
                "{out}/{f}"
            );
        }
    }
}

/// `pactsim validate` recognises a Moran file (counted players, or Moran's own keys) and checks
/// it as `pactsim moran` does: a valid one is accepted (not read as a tournament with an
/// unknown strategy "TitForTat*3"), and a bad one gets every problem at its line.
#[test]
fn validate_checks_moran_files_as_moran_does() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(
        d.join("m.toml"),
        "players = [\"TitForTat*3\", \"Defector\"]\nturns = 10\nrepetitions = 5\n",
    )
    .unwrap();
    std::fs::write(
        d.join("g.toml"),
        "players = [\"TitForTat\", \"Defector\"]\nmax_generations = 50\n",
    )
    .unwrap();
    let o = pactsim(&["validate", "m.toml", "g.toml"], d);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("m.toml: ok (moran, 4 individuals of 2 types)"));
    assert!(stdout(&o).contains("g.toml: ok (moran, 2 individuals of 2 types)"));
    std::fs::write(
        d.join("b.toml"),
        "players = [\"TitForTat*3\", \"Nobody\", \"Defector*0\"]\nturns = 0\nnoise = 2\n",
    )
    .unwrap();
    let o = pactsim(&["validate", "--kind", "moran", "b.toml"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    for line in [
        "b.toml: 4 problems",
        "b.toml:1:27: players[1] = \"Nobody\": unknown strategy",
        "b.toml:1:37: players[2] = \"Defector*0\": count 0",
        "b.toml:2:1: turns = 0",
        "b.toml:3:1: noise = 2",
    ] {
        assert!(
            stdout(&o).contains(line),
            "missing `{line}` in {}",
            stdout(&o)
        );
    }
}
