//! `equilibria`, `bargain`, `export-nfg`: the JSON contract of `equilibria --json`, Gambit round
//! trips, bad input.

use crate::util::*;
use serde_json::Value;

fn json(o: &std::process::Output) -> Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_str(stdout(o).trim()).expect("one JSON object")
}

/// `pactsim equilibria --nfg NFG --method METHOD [EXTRA] --json` run in `dir`, parsed.
fn solve_nfg(nfg: &std::path::Path, method: &str, extra: &[&str], dir: &std::path::Path) -> Value {
    let mut args = vec![
        "equilibria",
        "--nfg",
        nfg.to_str().unwrap(),
        "--method",
        method,
    ];
    args.extend_from_slice(extra);
    args.push("--json");
    json(&pactsim(&args, dir))
}

#[test]
fn equilibria_json_follows_the_contract() {
    let pd = root().join("tests/games/pd.nfg");
    let v = solve_nfg(&pd, "enummixed", &[], &root());
    assert_eq!(v["game"]["players"], serde_json::json!(["Row", "Column"]));
    assert_eq!(
        v["game"]["strategies"][0],
        serde_json::json!(["cooperate", "defect"])
    );
    assert_eq!(v["method"], "enummixed");
    let eqs = v["equilibria"].as_array().unwrap();
    assert_eq!(eqs.len(), 1, "the prisoner's dilemma has one equilibrium");
    let e = &eqs[0];
    assert_eq!(e["profile"], serde_json::json!([[0.0, 1.0], [0.0, 1.0]]));
    assert_eq!(e["payoffs"], serde_json::json!([1.0, 1.0]));
    assert!(e["epsilon"].as_f64().unwrap() <= 1e-12);
}

#[test]
fn logit_entries_carry_lambda_and_regret() {
    let pd = root().join("tests/games/pd.nfg");
    let v = solve_nfg(&pd, "logit", &["--lambda", "0.5,2,10"], &root());
    let eqs = v["equilibria"].as_array().unwrap();
    let lambdas: Vec<f64> = eqs.iter().map(|e| e["lambda"].as_f64().unwrap()).collect();
    assert_eq!(lambdas, vec![0.5, 2.0, 10.0]);
    // As λ grows, play approaches defection and the regret falls.
    let defect: Vec<f64> = eqs
        .iter()
        .map(|e| e["profile"][0][1].as_f64().unwrap())
        .collect();
    assert!(defect[0] < defect[1] && defect[1] < defect[2] && defect[2] > 0.99);
    let eps: Vec<f64> = eqs.iter().map(|e| e["epsilon"].as_f64().unwrap()).collect();
    assert!(eps[0] > eps[2]);
}

#[test]
fn three_player_outcome_form_game_solves() {
    let g = root().join("tests/games/mp3.nfg");
    let v = solve_nfg(&g, "simpdiv", &[], &root());
    let e = &v["equilibria"][0];
    assert!(e["epsilon"].as_f64().unwrap() <= 1e-9);
    assert_eq!(v["game"]["players"].as_array().unwrap().len(), 3);
}

#[test]
fn exported_stage_game_round_trips_through_gambit_format() {
    let tmp = tempfile::tempdir().unwrap();
    let o = pactsim(&["export-nfg", "--out", "stage.nfg"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(tmp.path().join("stage.nfg")).unwrap();
    assert!(
        text.starts_with("NFG 1 R")
            && text.contains("\"Microsoft\"")
            && text.contains("\"launch on AWS\"")
    );
    // Solving the exported file gives the same pure equilibria as solving the scenario.
    let a = solve_nfg("stage.nfg".as_ref(), "pure", &[], tmp.path());
    let b = json(&pactsim(
        &["equilibria", "--method", "pure", "--json"],
        tmp.path(),
    ));
    assert_eq!(a["equilibria"], b["equilibria"]);
    assert!(!a["equilibria"].as_array().unwrap().is_empty());
}

#[test]
fn stage_game_reacts_to_overrides() {
    // Pure equilibria of the stage game for the baseline and for a scenario where suing is
    // nearly free and Microsoft is sure to win.
    let base = json(&pactsim(
        &["equilibria", "--method", "pure", "--json"],
        &root(),
    ));
    let cheap = json(&pactsim(
        &[
            "equilibria",
            "--method",
            "pure",
            "--json",
            "--set",
            "microsoft.antitrust_cost_of_suing=0",
            "--set",
            "microsoft.shading_rate=0",
            "--set",
            "litigation.win_probability_mean=0.95",
            "--set",
            "litigation.win_probability_sd=0.02",
        ],
        &root(),
    ));
    assert_ne!(base["equilibria"], cheap["equilibria"]);
}

#[test]
fn bargain_reports_every_benchmark() {
    let v = json(&pactsim(&["bargain", "--json"], &root()));
    let names: Vec<&str> = v["solutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for n in [
        "April 2026 terms",
        "Nash bargaining (symmetric)",
        "Kalai–Smorodinsky",
        "Nash-in-Nash (OpenAI hub)",
        "Baron–Ferejohn (unanimity)",
        "Shapley value",
    ] {
        assert!(names.contains(&n), "{names:?}");
    }
    // The Nash solution improves on the disagreement point for both bargainers.
    let nash = &v["solutions"][1]["payoffs"];
    let d = &v["disagreement"];
    assert!(nash[0].as_f64().unwrap() > d[0].as_f64().unwrap());
    assert!(nash[1].as_f64().unwrap() > d[1].as_f64().unwrap());
    // The Shapley value is efficient: it sums to v(MOA).
    let shapley: f64 = v["solutions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Shapley value")
        .unwrap()["payoffs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .sum();
    let grand = v["characteristic_function"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c[0] == "MOA")
        .unwrap()[1]
        .as_f64()
        .unwrap();
    assert!((shapley - grand).abs() < 1e-6);
    let text = stdout(&pactsim(&["bargain"], &root()));
    assert!(text.contains("April 2026 terms") && text.contains("core check"));
    // The Shapley value is efficient: its gap prints as 0.0, not as a negative zero.
    assert!(
        text.contains("core check, Shapley value: in the core; efficiency gap 0.0\n"),
        "{text}"
    );
}

/// `bargain` searches the contracts the agents bargain over: Microsoft–OpenAI terms with
/// Amazon's terms as in the status quo. A solution found on `explain`'s candidate frontier
/// has the same contract and the same three payoffs there (an earlier build fixed hosting at
/// "any cloud", which left Microsoft's and OpenAI's payoffs bit for bit as they were and cost
/// Amazon $2.6B in every solution).
#[test]
fn bargain_solutions_are_the_agents_contracts() {
    let b = json(&pactsim(&["bargain", "--json"], &root()));
    let e = json(&pactsim(&["explain", "--json"], &root()));
    let frontier = e["frontier"].as_array().unwrap();
    let mut matched = 0;
    for s in b["solutions"].as_array().unwrap() {
        let Some(c) = s["contract"].as_object() else {
            continue;
        };
        if s["name"] == "April 2026 terms" {
            continue;
        }
        assert_eq!(c["hosting"], "aws_exclusive", "{}", s["name"]);
        assert_eq!(c["amazon_tranche"], "live", "{}", s["name"]);
        if let Some(f) = frontier.iter().find(|f| f["contract"] == s["contract"]) {
            for i in 0..3 {
                let (x, y) = (
                    s["payoffs"][i].as_f64().unwrap(),
                    f["values"][i].as_f64().unwrap(),
                );
                assert!(
                    (x - y).abs() < 1e-9,
                    "{}: player {i}: {x} vs {y}",
                    s["name"]
                );
            }
            matched += 1;
        }
    }
    // The symmetric and weighted Nash points and Kalai–Smorodinsky are Pareto-efficient for
    // Microsoft and OpenAI, so they lie on the frontier.
    assert!(matched >= 3, "{matched} solutions found on the frontier");
}

/// With a large Amazon stake (in its allowed range) the O–A link destroys value, so
/// Nash-in-Nash has no solution: `bargain` reports it as unavailable, with the reason, and still
/// computes every other benchmark; `run` (whose plots use the reference points) succeeds. Two
/// stakes that add up to more than all of OpenAI are bad input.
#[test]
fn a_benchmark_without_a_solution_is_reported_not_fatal() {
    let set = ["--set", "amazon.stake=0.5"];
    let base = json(&pactsim(&["bargain", "--json"], &root()));
    assert_eq!(base["unavailable"], serde_json::json!([]));
    let o = pactsim(&[&["bargain", "--json"][..], &set].concat(), &root());
    let v = json(&o);
    let unavailable = v["unavailable"].as_array().unwrap();
    assert_eq!(unavailable.len(), 1, "{unavailable:?}");
    assert_eq!(unavailable[0]["name"], "Nash-in-Nash (OpenAI hub)");
    assert!(
        unavailable[0]["reason"]
            .as_str()
            .unwrap()
            .contains("link 2 destroys value"),
        "{unavailable:?}"
    );
    let names: Vec<&str> = v["solutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(!names.contains(&"Nash-in-Nash (OpenAI hub)"), "{names:?}");
    assert_eq!(names.len(), 10, "{names:?}");
    assert!(v["litigation_binds"].is_boolean());
    let text = stdout(&pactsim(&[&["bargain"][..], &set].concat(), &root()));
    assert!(
        text.contains("no Nash-in-Nash (OpenAI hub) at these parameters: no feasible agreement"),
        "{text}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let o = pactsim(
        &[&["run", "--runs", "50", "-q", "--out", "r"][..], &set].concat(),
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = pactsim(
        &[
            "run",
            "--runs",
            "50",
            "-q",
            "--out",
            "r2",
            "--set",
            "amazon.stake=0.9",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("amazon.stake = 0.9: with microsoft.stake = 0.27 the two stakes exceed"),
        "{}",
        stderr(&o)
    );
    assert!(!tmp.path().join("r2").exists());
}

#[test]
fn malformed_nfg_is_bad_input_with_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("bad.nfg"),
        "NFG 1 R \"t\" { \"A\" \"B\" }\n{ { \"x\" \"y\" } { \"u\" }\n}\n\"\"\n1 2 3\n",
    )
    .unwrap();
    let o = pactsim(&["equilibria", "--nfg", "bad.nfg"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.nfg:"), "{err}");
    let o = pactsim(&["equilibria", "--nfg", "missing.nfg"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    let o = pactsim(&["equilibria", "--method", "magic"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("enummixed"));
    // enummixed on a 3-player game is refused as bad input.
    let o = pactsim(&["equilibria", "--method", "enummixed"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
}

/// `bargain --pie FILE`: Merlo–Wilson over a pie file. The shipped example agrees at once in
/// every state at δ 0.995, and its JSON matches the text; at δ 0.999 the pending state waits
/// (its joint value rises above its pie); each player's values sum to the joint value.
#[test]
fn bargain_solves_a_stochastic_pie_file() {
    let tmp = tempfile::tempdir().unwrap();
    let shipped = root().join("configs/pie-ruling.toml");
    let file = shipped.to_str().unwrap();
    let v = json(&pactsim(&["bargain", "--pie", file, "--json"], tmp.path()));
    let states = v["states"].as_array().unwrap();
    assert_eq!(states.len(), 3);
    for s in states {
        assert_eq!(s["agree"], true, "{s}");
        let (w, a, b) = (
            s["joint"].as_f64().unwrap(),
            s["player_one"].as_f64().unwrap(),
            s["player_two"].as_f64().unwrap(),
        );
        assert!((w - s["pie"].as_f64().unwrap()).abs() < 1e-12, "{s}");
        assert!((a + b - w).abs() < 1e-12 && (a - b).abs() < 1e-12, "{s}");
    }
    let text = stdout(&pactsim(&["bargain", "--pie", file], tmp.path()));
    assert!(text.contains("δ 0.995 · 3 states"), "{text}");
    let row = text.lines().find(|l| l.starts_with("pending")).unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["pending", "0.8500", "yes", "0.8500", "0.4250", "0.4250"],
        "{text}"
    );
    // A more patient pair waits for the ruling.
    let patient = std::fs::read_to_string(&shipped)
        .unwrap()
        .replace("delta = 0.995", "delta = 0.999");
    std::fs::write(tmp.path().join("patient.toml"), patient).unwrap();
    let v = json(&pactsim(
        &["bargain", "--pie", "patient.toml", "--json"],
        tmp.path(),
    ));
    let pending = &v["states"][0];
    assert_eq!(pending["agree"], false, "{v}");
    let w = pending["joint"].as_f64().unwrap();
    assert!(w > 0.85 && (w - 0.8566).abs() < 5e-5, "{v}");
    // Nothing written beside the input.
    assert_eq!(files(tmp.path()).len(), 1);
}

/// A bad pie file is bad input: every problem with its line, entry, value and what is allowed;
/// a discount factor too close to 1 to settle is refused, naming it; `validate` knows the kind.
#[test]
fn bad_pie_files_are_bad_input() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let text = std::fs::read_to_string(root().join("configs/pie-ruling.toml")).unwrap();
    let bad = text
        .replace("delta = 0.995", "delta = 1.2")
        .replace("pies = [0.85", "pies = [-1")
        .replace("0.0875]", "0.1875]");
    std::fs::write(d.join("bad.toml"), bad).unwrap();
    let o = pactsim(&["bargain", "--pie", "bad.toml"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for line in [
        "bad.toml: 3 problems",
        "bad.toml:7:1: pie.delta = 1.2: allowed: a discount factor in [0, 1)",
        // Each entry at its own column, a row of the matrix on its own line.
        "bad.toml:9:9: pie.pies[0] = -1: allowed: a finite size ≥ 0",
        "bad.toml:12:5: pie.transition[0] = a row summing to 1.1: allowed: each row of the \
         transition matrix sums to 1",
    ] {
        assert!(err.contains(line), "{line} in {err}");
    }
    let o = pactsim(&["validate", "bad.toml"], d);
    assert_eq!(o.status.code(), Some(2));
    let o = pactsim(
        &[
            "validate",
            root().join("configs/pie-ruling.toml").to_str().unwrap(),
        ],
        d,
    );
    assert!(stdout(&o).contains("ok (pie, 3 states)"), "{}", stdout(&o));
    let slow = text.replace("delta = 0.995", "delta = 0.99999999");
    std::fs::write(d.join("slow.toml"), slow).unwrap();
    let o = pactsim(&["bargain", "--pie", "slow.toml"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("slow.toml:7:1: pie.delta = 0.99999999: Merlo–Wilson")
            && stderr(&o).contains("did not converge in 10000000 steps"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files(d).len(), 2);
}
