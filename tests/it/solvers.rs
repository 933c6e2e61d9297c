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
    // Its mixed equilibrium differs from each pure one in both players: three separate
    // equilibria, no component.
    assert!(v.get("components").is_none(), "{v}");
}

/// `--method all` on the embedded scenario: the two pure equilibria differ only in OpenAI's
/// strategy, so every mix of the two is an equilibrium; they are listed as the points of one
/// component, and what simpdiv, logit and the replicator found between them is listed under
/// it, not as two more equilibria.
#[test]
fn all_reports_the_stage_games_segment_of_equilibria_as_one_component() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json(&pactsim(&["equilibria", "--json"], tmp.path()));
    let eqs = v["equilibria"].as_array().unwrap();
    assert_eq!(eqs.len(), 2, "{v}");
    let openai = |e: &serde_json::Value| e["profile"][1].clone();
    assert_eq!(openai(&eqs[0]), serde_json::json!([1.0, 0.0, 0.0]));
    assert_eq!(openai(&eqs[1]), serde_json::json!([0.0, 1.0, 0.0]));
    for i in [0, 2] {
        assert_eq!(eqs[0]["profile"][i], eqs[1]["profile"][i], "player {i}");
    }
    // The existing fields stay as they were.
    assert_eq!(eqs[0]["method"], "pure");
    assert_eq!(eqs[0]["methods"][0], "pure");
    let components = v["components"].as_array().unwrap();
    assert_eq!(components.len(), 1, "{v}");
    let c = &components[0];
    assert_eq!(c["listed_points"], serde_json::json!([0, 1]));
    assert_eq!(c["single_piece"], true);
    assert_eq!(c["pieces"][0]["player"], 1);
    assert_eq!(
        c["pieces"][0]["description"],
        "OpenAI indifferent: every mix of renegotiate and launch on AWS"
    );
    let interior = c["interior"].as_array().unwrap();
    assert_eq!(interior.len(), 2, "{c}");
    let methods: Vec<&serde_json::Value> = interior.iter().map(|p| &p["methods"]).collect();
    assert_eq!(
        methods,
        [
            &serde_json::json!(["simpdiv", "logit"]),
            &serde_json::json!(["replicator"])
        ]
    );
    for p in interior {
        // Strictly between the ends: OpenAI mixes renegotiate and launch on AWS, the others
        // play as at the ends.
        let o = openai(p);
        let x = o[0].as_f64().unwrap();
        assert!(x > 0.0 && x < 1.0, "{p}");
        assert!((x + o[1].as_f64().unwrap() - 1.0).abs() < 1e-9, "{p}");
        assert_eq!(p["profile"][0], eqs[0]["profile"][0]);
        assert_eq!(p["profile"][2], eqs[0]["profile"][2]);
        assert_eq!(p["epsilon"], 0.0);
    }
    // The text says the same.
    let o = pactsim(&["equilibria"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for line in [
        "method all: 2 equilibria, all on 1 component of connected equilibria (below)",
        "#1 [pure, fictitious, regret]  epsilon=0.000e0  (component 1)",
        "#2 [pure]  epsilon=0.000e0  (component 1)",
        "component 1: #1 and #2, and every mix between them, are equilibria (OpenAI \
         indifferent: every mix of renegotiate and launch on AWS; the other players' strategies \
         are the same at #1 and #2)",
        "  found inside it:",
        "  [simpdiv, logit]  epsilon=0.000e0  OpenAI  renegotiate=0.500000 launch on AWS=0.500000 \
         back down=0.000000",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
    assert!(
        text.lines()
            .any(|l| l.starts_with("  [replicator]  epsilon=0.000e0  OpenAI  renegotiate=0.6")),
        "{text}"
    );
    assert!(!text.contains("#3"), "{text}");
}

/// `--method all` on a two-player game reports its exact structure: a 2×3 game with two
/// segments of equilibria (the pure (1, 1)–(1, 2), where the column player mixes columns 1 and
/// 2, and a mixed one) and the pure (2, 3), isolated. What simpdiv, logit and the replicator
/// found between (1, 1) and (1, 2) is listed and placed in that segment's component.
#[test]
fn all_reports_the_connected_components_of_a_two_player_game() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("two.nfg"),
        "NFG 1 R \"two segments\" { \"Row\" \"Column\" }\n\n{ { \"R1\" \"R2\" }\n{ \"C1\" \"C2\" \"C3\" }\n}\n\"\"\n\n2 1 0 0 2 1 0 0 0 0 1 1\n",
    )
    .unwrap();
    let v = json(&pactsim(
        &["equilibria", "--nfg", "two.nfg", "--json"],
        tmp.path(),
    ));
    let eqs = v["equilibria"].as_array().unwrap();
    assert_eq!(eqs.len(), 6, "{v}");
    let at = |p: serde_json::Value| eqs.iter().position(|e| e["profile"] == p).unwrap();
    let alone = at(serde_json::json!([[0.0, 1.0], [0.0, 0.0, 1.0]]));
    let inside = at(serde_json::json!([[1.0, 0.0], [0.5, 0.5, 0.0]]));
    assert!(v.get("components").is_none(), "{v}");
    let components = v["structure"]["components"].as_array().unwrap();
    assert_eq!(components.len(), 3, "{v}");
    let isolated: Vec<&serde_json::Value> = components
        .iter()
        .filter(|c| c["isolated"] == true)
        .collect();
    assert_eq!(isolated.len(), 1, "{v}");
    assert_eq!(isolated[0]["points"], serde_json::json!([alone]));
    assert!(components[0]["points"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!(inside)));
    let mut all: Vec<u64> = components
        .iter()
        .flat_map(|c| {
            c["points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_u64().unwrap())
        })
        .collect();
    all.sort_unstable();
    assert_eq!(
        all,
        [0, 1, 2, 3, 4, 5],
        "every listed equilibrium is placed once"
    );
    let text = stdout(&pactsim(&["equilibria", "--nfg", "two.nfg"], tmp.path()));
    // Each listed equilibrium's heading names its component.
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headings.len(), 6, "{text}");
    assert!(headings.iter().all(|h| h.contains("(component ")), "{text}");
    assert!(
        text.contains(&format!("component 2: #{}: isolated", alone + 1)),
        "{text}"
    );
}

/// The exact structure of a two-player game's equilibria, from `enummixed` (float and
/// `--exact`): in A = B = [[1, 1], [1, 0]], (row 1, any column) and (any row, column 1) are two
/// segments meeting at (1, 1), one component of two maximal Nash subsets, nothing isolated; the
/// 3×3 coordination game's seven equilibria are each isolated; the three-player stage game has
/// no such structure.
#[test]
fn enummixed_reports_the_exact_structure_of_the_equilibria() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("l.nfg"),
        "NFG 1 R \"L\" { \"Row\" \"Column\" } { 2 2 }\n1 1 1 1 1 1 0 0\n",
    )
    .unwrap();
    let mut shapes = Vec::new();
    for exact in [false, true] {
        let mut args = vec![
            "equilibria",
            "--nfg",
            "l.nfg",
            "--method",
            "enummixed",
            "--json",
        ];
        if exact {
            args.push("--exact");
        }
        let v = json(&pactsim(&args, tmp.path()));
        assert_eq!(v["equilibria"].as_array().unwrap().len(), 3, "{v}");
        let s = &v["structure"];
        let components = s["components"].as_array().unwrap();
        assert_eq!(components.len(), 1, "{v}");
        assert_eq!(components[0]["isolated"], false);
        assert_eq!(components[0]["points"], serde_json::json!([0, 1, 2]));
        let subsets = s["subsets"].as_array().unwrap();
        assert_eq!(subsets.len(), 2, "{v}");
        // One subset fixes the row and mixes the columns, the other the reverse.
        let mut sizes: Vec<(usize, usize)> = subsets
            .iter()
            .map(|x| {
                (
                    x["strategies"][0].as_array().unwrap().len(),
                    x["strategies"][1].as_array().unwrap().len(),
                )
            })
            .collect();
        sizes.sort_unstable();
        assert_eq!(sizes, [(1, 2), (2, 1)]);
        // The subsets as sets of profiles (the two methods list the equilibria in different
        // orders).
        let mut as_profiles: Vec<Vec<String>> = subsets
            .iter()
            .map(|x| {
                let mut p: Vec<String> = x["points"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| v["equilibria"][k.as_u64().unwrap() as usize]["profile"].to_string())
                    .collect();
                p.sort();
                p
            })
            .collect();
        as_profiles.sort();
        shapes.push(as_profiles);
    }
    assert_eq!(shapes[0], shapes[1], "float and exact agree");
    let text = stdout(&pactsim(
        &["equilibria", "--nfg", "l.nfg", "--method", "enummixed"],
        tmp.path(),
    ));
    assert!(
        text.contains(
            "1 connected component of equilibria, not an isolated equilibrium\ncomponent 1: #1, \
             #2 and #3: 2 maximal Nash subsets"
        ),
        "{text}"
    );
    assert!(text.contains("\n  maximal Nash subset 2: "), "{text}");
    let coordination = game_path("coordination-3x3.nfg");
    let v = json(&pactsim(
        &[
            "equilibria",
            "--nfg",
            &coordination,
            "--method",
            "enummixed",
            "--json",
        ],
        tmp.path(),
    ));
    let components = v["structure"]["components"].as_array().unwrap();
    assert_eq!(components.len(), 7, "{v}");
    assert!(components.iter().all(|c| c["isolated"] == true), "{v}");
    let v = json(&pactsim(&["equilibria", "--json"], tmp.path()));
    assert!(v.get("structure").is_none(), "{v}");
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

/// A profile (one array per player) as one flat list, each entry read by `read`.
fn flat(profile: &serde_json::Value, read: impl Fn(&serde_json::Value) -> f64) -> Vec<f64> {
    profile
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| v.as_array().unwrap().iter())
        .map(read)
        .collect()
}

/// Parses a Gambit-style probability ("2/3", "1", "0") into a float.
fn fraction(text: &str) -> f64 {
    match text.split_once('/') {
        Some((n, d)) => n.parse::<f64>().unwrap() / d.parse::<f64>().unwrap(),
        None => text.parse().unwrap(),
    }
}

#[test]
fn exact_and_float_answers_agree_on_every_two_player_example() {
    let tmp = tempfile::tempdir().unwrap();
    let mut games: Vec<std::path::PathBuf> = ["configs/games", "tests/games"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "nfg"))
        .collect();
    games.sort();
    let mut checked = 0;
    for game in &games {
        let g = game.display().to_string();
        for method in ["pure", "enummixed", "lcp", "lh"] {
            let float = pactsim(
                &["equilibria", "--nfg", &g, "--method", method, "--json"],
                tmp.path(),
            );
            let exact = pactsim(
                &[
                    "equilibria",
                    "--nfg",
                    &g,
                    "--method",
                    method,
                    "--exact",
                    "--json",
                ],
                tmp.path(),
            );
            if !exact.status.success() {
                // `--exact` is for two-player games only: a clear refusal, exit 2.
                assert_eq!(exact.status.code(), Some(2), "{g} {method}");
                assert!(
                    stderr(&exact).contains("needs a two-player game"),
                    "{g} {method}"
                );
                continue;
            }
            let (f, e) = (json(&float), json(&exact));
            let fe = f["equilibria"].as_array().unwrap();
            let ee = e["equilibria"].as_array().unwrap();
            assert_eq!(
                fe.len(),
                ee.len(),
                "{g} {method}: float {fe:?} exact {ee:?}"
            );
            for x in ee {
                // The exact fractions are the float profile, and some float answer is that profile.
                let fractions = flat(&x["exact"], |t| fraction(t.as_str().unwrap()));
                let profile = flat(&x["profile"], |p| p.as_f64().unwrap());
                assert_eq!(fractions, profile, "{g} {method}");
                assert!(
                    fe.iter().any(|y| {
                        let q = flat(&y["profile"], |p| p.as_f64().unwrap());
                        q.iter().zip(&fractions).all(|(a, b)| (a - b).abs() < 1e-9)
                    }),
                    "{g} {method}: exact {fractions:?} has no float twin in {fe:?}"
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 28,
        "two-player examples × 4 methods, got {checked}"
    );
}

/// A `rows × cols` bimatrix game with seeded integer payoffs 0–99, as Gambit text.
fn random_bimatrix(rows: usize, cols: usize, seed: u64) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % 100
    };
    let payoffs: Vec<String> = (0..rows * cols * 2).map(|_| next().to_string()).collect();
    format!(
        "NFG 1 R \"random\" {{ \"Row\" \"Column\" }} {{ {rows} {cols} }}\n\"\"\n{}\n",
        payoffs.join(" ")
    )
}

#[test]
fn size_driven_hangs_end_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // (game, method, what the refusal names). Each would run for minutes or ask for gigabytes.
    let cases = [
        ((20, 20), "enummixed", "candidate supports"),
        ((40, 40), "lcp", "strategies in total"),
        ((60, 60), "lcp", "strategies in total"),
    ];
    for ((m, n), method, why) in cases {
        let name = format!("g{m}x{n}.nfg");
        std::fs::write(d.join(&name), random_bimatrix(m, n, 7)).unwrap();
        let t0 = std::time::Instant::now();
        let o = pactsim(&["equilibria", "--nfg", &name, "--method", method], d);
        assert_eq!(o.status.code(), Some(2), "{name} {method}: {}", stderr(&o));
        assert!(stderr(&o).contains(why), "{name} {method}: {}", stderr(&o));
        assert!(
            t0.elapsed().as_secs() < 10,
            "{name} {method} took {:?}",
            t0.elapsed()
        );
    }
    // A degenerate 1,000-player game (one strategy each, all payoffs 0): the dynamics have
    // nothing to do and must say so quickly, with a finite answer or a refusal.
    let players: Vec<String> = (0..1000).map(|i| format!("\"p{i}\"")).collect();
    let ones = vec!["1"; 1000].join(" ");
    let zeros = vec!["0"; 1000].join(" ");
    let text = format!(
        "NFG 1 R \"crowd\" {{ {} }} {{ {ones} }}\n\"\"\n{zeros}\n",
        players.join(" ")
    );
    std::fs::write(d.join("crowd.nfg"), text).unwrap();
    for method in ["fictitious", "replicator"] {
        let t0 = std::time::Instant::now();
        let o = pactsim(
            &[
                "equilibria",
                "--nfg",
                "crowd.nfg",
                "--method",
                method,
                "--json",
            ],
            d,
        );
        assert!(
            matches!(o.status.code(), Some(0) | Some(2)),
            "{method}: {}",
            stderr(&o)
        );
        if o.status.success() {
            let text = stdout(&o);
            assert!(
                !text.contains("NaN") && !text.contains("null"),
                "{method}: {text}"
            );
        }
        assert!(
            t0.elapsed().as_secs() < 20,
            "{method} took {:?}",
            t0.elapsed()
        );
    }
}

/// A 2×2 game, Gambit payoff list `1 big 0 0 -big 0 1 1`.
fn audit_game(big: &str) -> String {
    format!("NFG 1 R \"audit\" {{ \"A\" \"B\" }}\n\n{{ {{ \"1\" \"2\" }}\n{{ \"1\" \"2\" }}\n}}\n\"\"\n\n1 {big} 0 0 -{big} 0 1 1\n")
}

/// The methods that list Nash equilibria (not QRE, learning dynamics or regret matching).
const NASH_METHODS: [&str; 6] = ["pure", "enummixed", "lcp", "lh", "simpdiv", "logit"];

/// At (A plays 2, B plays 1) each player gains 1 by deviating. `pure` used to list
/// it whenever a payoff reached 10¹², and with 10³⁰⁸ other methods did too.
#[test]
fn no_method_lists_a_profile_where_a_player_gains_by_deviating() {
    let tmp = tempfile::tempdir().unwrap();
    let fake = serde_json::json!([[0.0, 1.0], [1.0, 0.0]]);
    for big in ["1e6", "1e10", "1e12", "1e15", "1e16", "1e18", "1e308"] {
        std::fs::write(tmp.path().join("h.nfg"), audit_game(big)).unwrap();
        let v = json(&pactsim(
            &["equilibria", "--nfg", "h.nfg", "--method", "pure", "--json"],
            tmp.path(),
        ));
        let profiles: Vec<&serde_json::Value> = v["equilibria"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["profile"])
            .collect();
        assert_eq!(
            profiles,
            [
                &serde_json::json!([[1.0, 0.0], [1.0, 0.0]]),
                &serde_json::json!([[0.0, 1.0], [0.0, 1.0]])
            ],
            "{big}: {v}"
        );
        let o = pactsim(
            &["equilibria", "--nfg", "h.nfg", "--method", "all", "--json"],
            tmp.path(),
        );
        let text = stdout(&o);
        assert!(
            !text.contains("null") && !text.contains("NaN"),
            "{big}: {text}"
        );
        let v = json(&o);
        let limit: f64 = big.parse().unwrap();
        for e in v["equilibria"].as_array().unwrap() {
            assert_ne!(e["profile"], fake, "{big}: {e}");
            let nash = e["methods"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| NASH_METHODS.contains(&m.as_str().unwrap()));
            // A Nash entry's regret is within 1e-9 of the payoffs at stake (at most `big`).
            if nash {
                assert!(e["epsilon"].as_f64().unwrap() <= 1e-9 * limit, "{big}: {e}");
            }
        }
    }
    // The text report says what was dropped and why.
    let o = pactsim(
        &["equilibria", "--nfg", "h.nfg", "--method", "enummixed"],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("dropped as not Nash equilibria of the game as given"),
        "{}",
        stdout(&o)
    );
}

/// Payoffs whose averages or differences overflow double precision are refused at
/// load time, exit 2, naming the file, line, column, player and values and what is allowed.
#[test]
fn payoffs_beyond_double_range_are_refused_where_they_are() {
    let tmp = tempfile::tempdir().unwrap();
    let head = "NFG 1 R \"x\" { \"A\" \"B\" } { 2 2 }\n\"\"\n";
    for (body, wanted) in [
        (
            "1e308 0 0 0\n-1e308 0 0 0\n",
            &[
                "spread.nfg:4:1:",
                "player \"A\"'s payoffs range from -1e308",
                "to 1e308",
                "may differ by at most 1e308",
            ][..],
        ),
        (
            "1 2 3 4\n5 1.5e308 7 8\n",
            &["spread.nfg:4:3:", "1.5e308", "at most 1e308 in magnitude"][..],
        ),
        (
            "1 2 3 4\n5 6 1e400 8\n",
            &["spread.nfg:4:5:", "'1e400', not a finite number"][..],
        ),
    ] {
        std::fs::write(tmp.path().join("spread.nfg"), format!("{head}{body}")).unwrap();
        for method in ["all", "pure"] {
            let o = pactsim(
                &["equilibria", "--nfg", "spread.nfg", "--method", method],
                tmp.path(),
            );
            assert_eq!(o.status.code(), Some(2), "{body}: {}", stderr(&o));
            assert!(stdout(&o).is_empty());
            for w in wanted {
                assert!(stderr(&o).contains(w), "{w}: {}", stderr(&o));
            }
        }
    }
    assert_eq!(
        files(tmp.path()),
        vec![std::path::PathBuf::from("spread.nfg")]
    );
}

/// Payoffs of ±10³⁰⁸ split between players (max − min over all payoffs overflows,
/// each player's own spread does not) and a game whose every payoff is 10³⁰⁸ are solved by
/// every method with finite output; a λ whose λ·R overflows is refused by name.
#[test]
fn payoffs_near_the_double_limit_are_solved_with_finite_output() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("huge.nfg"), audit_game("1e308")).unwrap();
    std::fs::write(
        d.join("allbig.nfg"),
        "NFG 1 R \"allbig\" { \"A\" \"B\" } { 2 2 }\n\"\"\n1e308 1e308 1e308 1e308 1e308 1e308 1e308 1e308\n",
    )
    .unwrap();
    for game in ["huge.nfg", "allbig.nfg"] {
        for extra in [
            &["--method", "all"][..],
            &["--method", "logit", "--lambda", "0.1"],
        ] {
            let mut args = vec!["equilibria", "--nfg", game];
            args.extend(extra);
            let o = pactsim(&args, d);
            assert!(o.status.success(), "{game} {extra:?}: {}", stderr(&o));
            let text = stdout(&o);
            assert!(
                !text.contains("inf") && !text.contains("NaN"),
                "{game} {extra:?}: {text}"
            );
            // Payoffs of 10³⁰⁸ print in scientific notation, not as 309 digits.
            assert!(!text.contains("000000000000000000000"), "{text}");
            args.push("--json");
            let v = json(&pactsim(&args, d));
            assert!(!v.to_string().contains("null"), "{game} {extra:?}: {v}");
            assert!(!v["equilibria"].as_array().unwrap().is_empty());
        }
    }
    let o = pactsim(
        &[
            "equilibria",
            "--nfg",
            "huge.nfg",
            "--method",
            "logit",
            "--lambda",
            "2",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("invalid option lambda = 2: at most 4.040e-1 for this game"),
        "{}",
        stderr(&o)
    );
}

/// The Lemke–Howson note names the labels `--label` accepts.
#[test]
fn lh_note_names_the_labels_the_flag_accepts() {
    let tmp = tempfile::tempdir().unwrap();
    let bos = game_path("battle-of-the-sexes.nfg");
    let o = pactsim(
        &[
            "equilibria",
            "--nfg",
            &bos,
            "--method",
            "lh",
            "--label",
            "3",
        ],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("(labels 0..3: 0..1 are player 1's strategies, 2..3 player 2's)"),
        "{}",
        stdout(&o)
    );
    let o = pactsim(
        &[
            "equilibria",
            "--nfg",
            &bos,
            "--method",
            "lh",
            "--label",
            "4",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("label = 4: for this 2×2 game, labels 0..3"),
        "{}",
        stderr(&o)
    );
}

/// A support count beyond double range prints as a power of ten, not "inf".
#[test]
fn support_budget_note_is_finite_for_huge_games() {
    let tmp = tempfile::tempdir().unwrap();
    let zeros = vec!["0"; 520 * 520 * 2].join(" ");
    std::fs::write(
        tmp.path().join("wide.nfg"),
        format!("NFG 1 R \"wide\" {{ \"A\" \"B\" }} {{ 520 520 }}\n\"\"\n{zeros}\n"),
    )
    .unwrap();
    let o = pactsim(
        &["equilibria", "--nfg", "wide.nfg", "--method", "enummixed"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("520×520 has about 10^311 candidate supports"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("inf"), "{}", stderr(&o));
}
