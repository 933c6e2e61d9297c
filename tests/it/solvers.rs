//! Solver reliability end to end: grouped `--method all`, `--method lh`, scale-invariance on
//! extreme payoffs, parse-time size limits and solver budgets (docs/reliability.md).

use crate::util::*;

fn json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap()
}

/// Path of a shipped example game in `configs/games`.
pub(crate) fn game_path(name: &str) -> String {
    root()
        .join("configs/games")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn all_lists_each_equilibrium_once_with_its_methods() {
    let tmp = tempfile::tempdir().unwrap();
    let bos = game_path("battle-of-the-sexes.nfg");
    let v = json(&pactsim(
        &["equilibria", "--nfg", &bos, "--method", "all", "--json"],
        tmp.path(),
    ));
    let eqs = v["equilibria"].as_array().unwrap();
    let exact: Vec<_> = eqs
        .iter()
        .filter(|e| {
            e["methods"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m == "enummixed")
        })
        .collect();
    assert_eq!(exact.len(), 3, "{v}");
    for e in &exact {
        let ms = e["methods"].as_array().unwrap();
        assert!(ms.iter().any(|m| m == "lcp"), "{e}");
        assert_eq!(e["method"], ms[0]);
    }
}

#[test]
fn lh_with_each_label_finds_an_equilibrium() {
    let tmp = tempfile::tempdir().unwrap();
    let rps = game_path("rock-paper-scissors.nfg");
    for label in ["0", "3", "5"] {
        let v = json(&pactsim(
            &[
                "equilibria",
                "--nfg",
                &rps,
                "--method",
                "lh",
                "--label",
                label,
                "--json",
            ],
            tmp.path(),
        ));
        let e = &v["equilibria"][0];
        assert!(e["epsilon"].as_f64().unwrap() < 1e-9, "{v}");
        for p in e["profile"][0].as_array().unwrap() {
            assert!((p.as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9);
        }
    }
    let o = pactsim(
        &[
            "equilibria",
            "--nfg",
            &rps,
            "--method",
            "lh",
            "--label",
            "6",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn extreme_payoffs_give_finite_answers_or_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    for big in ["1e18", "4294967296"] {
        let text =
            format!("NFG 1 R \"big\" {{ \"A\" \"B\" }} {{ 2 2 }}\n\"\"\n{big} 1 0 0 0 0 1 2\n");
        std::fs::write(tmp.path().join("big.nfg"), text).unwrap();
        for method in [
            "replicator",
            "simpdiv",
            "logit",
            "fictitious",
            "enummixed",
            "lh",
        ] {
            let o = pactsim(
                &[
                    "equilibria",
                    "--nfg",
                    "big.nfg",
                    "--method",
                    method,
                    "--json",
                ],
                tmp.path(),
            );
            let v = json(&o);
            let eqs = v["equilibria"].as_array().unwrap();
            assert!(!eqs.is_empty(), "{method} {big}: {v}");
            for e in eqs {
                for p in e["profile"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|p| p.as_array().unwrap())
                {
                    assert!(
                        p.as_f64().is_some_and(f64::is_finite),
                        "{method} {big}: {v}"
                    );
                }
            }
        }
    }
}

#[test]
fn oversized_games_and_budgets_are_refused_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for (name, shape) in [
        ("cube.nfg", "{ 1000 1000 1000 }"),
        ("square.nfg", "{ 100000 100000 }"),
        ("max.nfg", "{ 18446744073709551615 18446744073709551615 }"),
    ] {
        let players = shape.split_whitespace().count() - 2;
        let names: Vec<String> = (0..players).map(|i| format!("\"p{i}\"")).collect();
        let text = format!(
            "NFG 1 R \"x\" {{ {} }} {shape}\n\"\"\n1 2\n",
            names.join(" ")
        );
        std::fs::write(d.join(name), text).unwrap();
        let t0 = std::time::Instant::now();
        let o = pactsim(&["equilibria", "--nfg", name], d);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("payoff entries"), "{}", stderr(&o));
        assert!(t0.elapsed().as_secs() < 5);
    }
    // One player, 100,000 strategies: regret matching would need 80 GB.
    let payoffs: Vec<String> = (0..100_000).map(|i| (i % 7).to_string()).collect();
    let text = format!(
        "NFG 1 R \"wide\" {{ \"solo\" }} {{ 100000 }}\n\"\"\n{}\n",
        payoffs.join(" ")
    );
    std::fs::write(d.join("wide.nfg"), text).unwrap();
    let o = pactsim(
        &["equilibria", "--nfg", "wide.nfg", "--method", "regret"],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot handle this game"),
        "{}",
        stderr(&o)
    );
}
