//! `pactsim metagame`: thread-count byte identity, the empirical game's .nfg read back by the
//! toolkit, and bad strategies files.

use crate::util::*;

fn metagame(args: &[&str], cwd: &std::path::Path) -> std::process::Output {
    let mut all = vec![
        "metagame",
        "--runs",
        "40",
        "--seed",
        "3",
        "--episodes",
        "2000",
        "-q",
    ];
    all.extend_from_slice(args);
    pactsim(&all, cwd)
}

#[test]
fn metagame_outputs_do_not_depend_on_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let a = metagame(
        &["--threads", "1", "--out", "t1", "--format", "svg"],
        tmp.path(),
    );
    let b = metagame(
        &["--threads", "2", "--out", "t2", "--format", "svg"],
        tmp.path(),
    );
    assert!(a.status.success(), "{}", stderr(&a));
    assert!(b.status.success(), "{}", stderr(&b));
    let dir = tmp.path().join("t1");
    for f in [
        "metagame.nfg",
        "profiles.csv",
        "metagame.json",
        "manifest.json",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    assert!(dir.join("plots/april_like_by_profile.svg").is_file());
    assert!(dir.join("plots/regret_by_profile.svg").is_file());
    assert_same_dirs(&dir, &tmp.path().join("t2"));
    assert_eq!(
        stdout(&a).replace("t1", "tX"),
        stdout(&b).replace("t2", "tX")
    );
    let text = stdout(&a);
    assert!(text.contains("default profile") && text.contains("regret matching (learned)"));
    let csv = std::fs::read_to_string(dir.join("profiles.csv")).unwrap();
    assert!(!csv.contains("NaN") && !csv.contains("inf"));
    assert_eq!(
        csv.lines().count(),
        1 + 27,
        "27 profiles of the default lists"
    );
}

/// The table marks a regret `~` exactly when profiles.csv (and metagame.json) say it is within
/// noise, a regret of 0 included; the regret plot says what its two colours mean.
#[test]
fn the_noise_marker_follows_regret_within_noise() {
    let tmp = tempfile::tempdir().unwrap();
    let o = metagame(&["--out", "m", "--format", "svg"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let rows: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("profile (Microsoft"))
        .skip(1)
        .take_while(|l| !l.starts_with("(payoffs"))
        .collect();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("m/metagame.json")).unwrap())
            .unwrap();
    let profiles = json["profiles"].as_array().unwrap();
    assert_eq!(rows.len(), profiles.len(), "{text}");
    let csv = std::fs::read_to_string(tmp.path().join("m/profiles.csv")).unwrap();
    let mut zero = 0;
    for ((row, p), line) in rows.iter().zip(profiles).zip(csv.lines().skip(1)) {
        let within = p["regret"]["within_noise"].as_bool().unwrap();
        assert!(
            line.contains(&format!(",{within},")),
            "profiles.csv disagrees with metagame.json: {line}"
        );
        assert_eq!(row.ends_with('~'), within, "{row}");
        zero += usize::from(p["regret"]["regret"].as_f64().unwrap() == 0.0);
    }
    assert!(zero > 0, "no profile has regret 0 at this seed: {text}");
    let svg = std::fs::read_to_string(tmp.path().join("m/plots/regret_by_profile.svg")).unwrap();
    assert!(
        svg.contains("within noise (below 1.96 SE, or 0)") && svg.contains("beyond noise"),
        "the regret plot's legend"
    );
}

#[test]
fn the_empirical_game_round_trips_through_the_nfg_parser() {
    let tmp = tempfile::tempdir().unwrap();
    let o = metagame(&["--out", "m", "--no-plots"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = tmp.path().join("m");
    let text = std::fs::read_to_string(dir.join("metagame.nfg")).unwrap();
    let game = games::game::nfg::read(&text).unwrap();
    assert_eq!(game.num_players(), 3);
    assert_eq!(game.strategies()[0][1], "threat-then-settle");
    assert_eq!(games::game::nfg::write(&game), text, "write(read(x)) = x");
    // Payoffs are the per-profile means of metagame.json, in Gambit order.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("metagame.json")).unwrap()).unwrap();
    let profiles = json["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), game.num_profiles());
    for (index, p) in profiles.iter().enumerate() {
        for i in 0..3 {
            let mean = p["mean"][i].as_f64().unwrap();
            assert_eq!(
                game.payoff_at(index, i),
                mean,
                "profile {index}, player {i}"
            );
        }
    }
    // The toolkit's command line solves it too.
    let eq = pactsim(
        &[
            "equilibria",
            "--nfg",
            "m/metagame.nfg",
            "--method",
            "simpdiv",
            "--json",
        ],
        tmp.path(),
    );
    assert!(eq.status.success(), "{}", stderr(&eq));
}

#[test]
fn bad_strategies_files_name_file_line_path_and_leave_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("s.toml"),
        "[[microsoft]]\nstrategy = \"scenario\"\n\n[[openai]]\nstrategy = \"tit-for-tat\"\nparams = { delta = 0 }\n\n[[amazon]]\nstrategy = \"noisy(conceder, 2)\"\n",
    )
    .unwrap();
    let o = metagame(&["--strategies", "s.toml", "--out", "bad"], tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("s.toml:6:") && err.contains("openai[0].params.delta = 0"),
        "{err}"
    );
    assert!(err.contains("allowed range"), "{err}");
    assert!(
        err.contains("s.toml:9:") && err.contains("amazon[0].strategy"),
        "{err}"
    );
    assert!(err.contains("[0, 1]"), "{err}");
    assert!(!tmp.path().join("bad").exists());
    let unknown = tmp.path().join("u.toml");
    std::fs::write(
        &unknown,
        "[[microsoft]]\nstrategy = \"scenario\"\nwho = 1\n",
    )
    .unwrap();
    let o = metagame(&["--strategies", "u.toml", "--out", "bad"], tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("u.toml:3"), "{}", stderr(&o));
    assert!(!tmp.path().join("bad").exists());
    // A repeated label is reported at the second entry's label (line 9), and an implied label
    // (the strategy's name) at the strategy's line (line 15).
    std::fs::write(
        tmp.path().join("d.toml"),
        "[[microsoft]]\nstrategy = \"scenario\"\n\n[[openai]]\nlabel = \"x\"\nstrategy = \"tit-for-tat\"\n\n[[openai]]\nlabel = \"x\"\nstrategy = \"tit-for-tat\"\n\n[[amazon]]\nstrategy = \"scenario\"\n[[amazon]]\nstrategy = \"scenario\"\n",
    )
    .unwrap();
    let o = metagame(&["--strategies", "d.toml", "--out", "bad"], tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("d.toml:9:") && err.contains("openai[1].label"),
        "{err}"
    );
    assert!(
        err.contains("d.toml:15:") && err.contains("amazon[1].label"),
        "{err}"
    );
    assert!(!tmp.path().join("bad").exists());
}

#[test]
fn every_shipped_strategies_file_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let mut n = 0;
    for e in std::fs::read_dir(root().join("configs")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("metagame") && name.ends_with(".toml")) {
            continue;
        }
        n += 1;
        let o = pactsim(
            &[
                "metagame",
                "--strategies",
                p.to_str().unwrap(),
                "--runs",
                "2",
                "--episodes",
                "100",
                "--out",
                &name,
                "--no-plots",
                "-q",
            ],
            tmp.path(),
        );
        assert!(o.status.success(), "{name}: {}", stderr(&o));
    }
    assert!(n >= 2);
}

/// One share, one interval: a mixture with weight 1 on one profile (here a pure equilibrium,
/// simpdiv's answer and the learned mixture) shows that profile's Wilson interval, the one of its
/// row in the table, in the text, metagame.json and charts.json; so does the default profile.
#[test]
fn a_profile_has_the_same_interval_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let o = metagame(&["--out", "m", "--no-plots"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let dir = tmp.path().join("m");
    let read = |f: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(f)).unwrap()).unwrap()
    };
    let json = read("metagame.json");
    let charts = read("charts.json");
    // The interval as printed: the last three words before the mixture ("0.5000 [0.3520, 0.6480]").
    let interval = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        words[words.len() - 3..].join(" ")
    };
    let rows: Vec<String> = text
        .lines()
        .skip_while(|l| !l.starts_with("profile (Microsoft"))
        .skip(1)
        .take_while(|l| !l.starts_with("(payoffs"))
        // Drop the regret column.
        .map(|l| interval(l.rsplit_once(' ').unwrap().0))
        .collect();
    let profiles = json["profiles"].as_array().unwrap();
    assert_eq!(rows.len(), profiles.len(), "{text}");
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("April-like share (95% CI):"))
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with("note:") && !l.starts_with("results:"))
        .collect();
    assert!(
        block[0].trim_start().starts_with("default profile"),
        "{text}"
    );
    assert_eq!(interval(block[0]), rows[0], "{text}");
    assert_eq!(json["default_profile"], profiles[0]["april_like"]);
    let bars = charts[0][1]["bars"].as_array().unwrap();
    for (bar, p) in bars.iter().zip(profiles) {
        assert_eq!(bar["ci_lo"], p["april_like"]["ci_low"]);
        assert_eq!(bar["ci_hi"], p["april_like"]["ci_high"]);
    }
    // The mixtures, in the order printed.
    let mut mixtures: Vec<&serde_json::Value> =
        json["equilibria"].as_array().unwrap().iter().collect();
    mixtures.extend(json["learned"].as_object().map(|_| &json["learned"]));
    assert_eq!(block.len(), 1 + mixtures.len(), "{text}");
    let sizes: Vec<usize> = json["strategies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_array().unwrap().len())
        .collect();
    let mut pure = 0;
    for (m, line) in mixtures.iter().zip(&block[1..]) {
        let played: Vec<Vec<usize>> = m["mixture"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let p = p.as_array().unwrap();
                (0..p.len())
                    .filter(|&k| p[k].as_f64().unwrap() > 0.0)
                    .collect()
            })
            .collect();
        if played.iter().any(|k| k.len() != 1) {
            continue;
        }
        pure += 1;
        // Gambit order: Microsoft's strategy varies fastest.
        let index = played[0][0] + sizes[0] * (played[1][0] + sizes[1] * played[2][0]);
        let shown = interval(line.rsplit_once("   ").unwrap().0);
        assert_eq!(shown, rows[index], "{line}\n{text}");
        assert_eq!(m["april_like"], profiles[index]["april_like"], "{m}");
    }
    assert!(pure >= 2, "no pure mixture at this seed: {text}");
}
