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
