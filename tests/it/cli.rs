//! The commands work end to end: run, trace, validate, plot.

use crate::util::*;

#[test]
fn run_prints_table_and_writes_results_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let o = pactsim(
        &["run", "--runs", "300", "--out", "res", "--save-runs", "-q"],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for class in [
        "AMAZON_COLLAPSE",
        "LITIGATION",
        "APRIL_LIKE_BROAD",
        "IMPASSE",
        "95% CI",
    ] {
        assert!(out.contains(class), "{out}");
    }
    assert!(out.contains("mean time to agreement") && out.contains("mean April-distance"));
    // Every rate and mean prints with its interval spelled out, one way.
    let summary: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("res/summary.json")).unwrap(),
    )
    .unwrap();
    let l = &summary["litigation"];
    let ci = &l["threat_share_ci"];
    let threats = format!(
        "({:.1}%, 95% CI {:.1}–{:.1}%;",
        100.0 * l["threat_share"].as_f64().unwrap(),
        100.0 * ci[0].as_f64().unwrap(),
        100.0 * ci[1].as_f64().unwrap()
    );
    assert!(out.contains(&threats), "{threats} in {out}");
    let ci = &summary["time_to_agreement"]["mean_weeks_ci"];
    let weeks = format!(
        " weeks, 95% CI {:.2}–{:.2} (",
        ci[0].as_f64().unwrap(),
        ci[1].as_f64().unwrap()
    );
    assert!(out.contains(&weeks), "{weeks} in {out}");
    assert!(!out.contains("]%"), "{out}");
    let dir = tmp.path().join("res");
    for f in [
        "manifest.json",
        "summary.json",
        "outcomes.csv",
        "runs.csv",
        "plots/outcomes.svg",
        "plots/outcomes.png",
        "plots/april_terms.svg",
    ] {
        assert!(dir.join(f).is_file(), "missing {f}");
    }
    let runs = std::fs::read_to_string(dir.join("runs.csv")).unwrap();
    assert_eq!(runs.lines().count(), 301);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    let total: u64 = summary["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 300);
    // The April-terms block counts exactly the deals of the three deal classes, and its
    // counts are consistent with the class shares.
    assert!(out.contains("April terms in the"), "{out}");
    let count = |class: &str| {
        summary["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["outcome"] == class)
            .unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    let a = &summary["april_terms"];
    let deals = a["deals"].as_u64().unwrap();
    assert_eq!(
        deals,
        count("APRIL_LIKE_STRICT") + count("APRIL_LIKE_BROAD") + count("OTHER_DEAL")
    );
    assert!(deals > 250, "{a}");
    let hist: Vec<u64> = a["features_histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .collect();
    assert_eq!(hist.len(), 7);
    assert_eq!(hist.iter().sum::<u64>(), deals);
    // BROAD and STRICT deals carry at least four features.
    assert!(
        hist[4..].iter().sum::<u64>() >= count("APRIL_LIKE_BROAD") + count("APRIL_LIKE_STRICT")
    );
    assert!(a["all_strict_terms"].as_u64().unwrap() >= count("APRIL_LIKE_STRICT"));
    let terms = a["strict_terms"].as_array().unwrap();
    assert_eq!(terms.len(), 9);
    for t in terms {
        assert!(t["count"].as_u64().unwrap() <= deals, "{t}");
    }
    let png = std::fs::read(dir.join("plots/outcomes.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["runs"], 300);
    assert_eq!(manifest["scenario"]["meta"]["name"], "april-2026");
    assert!(manifest.get("threads").is_none());
}

/// `pactsim run` with `args` into `dir/r`, saving runs.csv without plots; its runs.csv.
fn saved_runs(dir: &std::path::Path, args: &[&str]) -> String {
    let mut all = vec!["run", "--out", "r", "--save-runs", "--no-plots", "-q"];
    all.extend_from_slice(args);
    let o = pactsim(&all, dir);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read_to_string(dir.join("r/runs.csv")).unwrap()
}

#[test]
fn trace_replays_the_same_run() {
    let tmp = tempfile::tempdir().unwrap();
    let runs = saved_runs(tmp.path(), &["--runs", "40", "--seed", "9"]);
    for line in runs.lines().skip(1).take(12) {
        let cols: Vec<&str> = line.split(',').collect();
        let t = pactsim(
            &["trace", "--seed", "9", "--run", cols[0], "--json"],
            tmp.path(),
        );
        assert!(t.status.success(), "{}", stderr(&t));
        let text = stdout(&t);
        let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
        assert_eq!(last["event"], "end");
        assert_eq!(last["outcome"], cols[1], "run {}", cols[0]);
        let p = last["payoffs"][0].as_f64().unwrap();
        assert!((p - cols[4].parse::<f64>().unwrap()).abs() < 1e-5);
        // Every line is one JSON object.
        assert!(text
            .lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));
    }
    let story = pactsim(&["trace", "--seed", "9", "--run", "0"], tmp.path());
    let s = stdout(&story);
    assert!(
        s.contains("setup: true legal merit")
            && s.contains("proposes")
            && s.contains("payoffs ($B PV)"),
        "{s}"
    );
}

/// While Microsoft's threat stands over a live launch, every week it proposes shows its
/// litigation arithmetic, also when it does not file: a trace explains a suit not brought.
#[test]
fn trace_explains_a_suit_not_filed() {
    let tmp = tempfile::tempdir().unwrap();
    let runs = saved_runs(tmp.path(), &["--runs", "300"]);
    let header: Vec<&str> = runs.lines().next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (threat, launched, suit) = (col("threat"), col("launched"), col("suit_week"));
    let (mut explained, mut traced) = (0, 0);
    for line in runs.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        if c[threat] != "true" || c[launched] != "true" || !c[suit].is_empty() {
            continue;
        }
        traced += 1;
        if traced > 15 {
            break;
        }
        let t = pactsim(&["trace", "--run", c[0]], tmp.path());
        assert!(t.status.success(), "{}", stderr(&t));
        let text = stdout(&t);
        let lines: Vec<&str> = text.lines().collect();
        for w in lines.windows(2) {
            if w[0].contains("Microsoft weighs litigation")
                && (w[1].contains("Microsoft offers") || w[1].contains("Microsoft waits"))
            {
                explained += 1;
            }
        }
        // No suit was filed, so no line may claim one.
        assert!(!text.contains("Microsoft: sue"), "run {}", c[0]);
    }
    assert!(traced > 0, "no run with a standing threat and no suit");
    assert!(
        explained > 0,
        "no week with a standing threat shows Microsoft's arithmetic"
    );
}

/// A trace shows Microsoft's statements in other players' weeks, with their arithmetic, and
/// what a refusal of its offer taught it (the cutoff, its belief before and after).
#[test]
fn trace_shows_statements_and_what_a_refusal_taught() {
    let tmp = tempfile::tempdir().unwrap();
    let runs = saved_runs(tmp.path(), &["--runs", "400"]);
    let header: Vec<&str> = runs.lines().next().unwrap().split(',').collect();
    let threat = header.iter().position(|h| *h == "threat").unwrap();
    let (mut statements, mut lessons) = (0, 0);
    for line in runs.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        if c[threat] != "true" {
            continue;
        }
        let t = pactsim(&["trace", "--run", c[0]], tmp.path());
        assert!(t.status.success(), "{}", stderr(&t));
        let text = stdout(&t);
        let lines: Vec<&str> = text.lines().collect();
        for (k, l) in lines.iter().enumerate() {
            if l.contains("Microsoft, publicly, before the proposal:") {
                statements += 1;
                assert!(
                    lines[k - 1].contains("Microsoft weighs litigation"),
                    "run {}",
                    c[0]
                );
                let week = lines[..k]
                    .iter()
                    .rev()
                    .find(|w| w.contains(" proposes · beliefs"))
                    .unwrap();
                assert!(!week.contains("Microsoft proposes"), "run {}: {week}", c[0]);
            }
            if let Some(rest) = l
                .split("θ_M ")
                .nth(1)
                .filter(|_| l.contains("reads the refusal"))
            {
                lessons += 1;
                assert!(lines[k - 1].contains("OpenAI rejects"), "run {}", c[0]);
                let (before, after) = rest.split_once(" → ").unwrap();
                let (before, after): (f64, f64) = (before.parse().unwrap(), after.parse().unwrap());
                assert!(after <= before, "run {}: {l}", c[0]);
            }
        }
        if statements > 0 && lessons > 0 {
            break;
        }
    }
    assert!(statements > 0, "no statement in a trace");
    assert!(lessons > 0, "no refusal read in a trace");
}

#[test]
fn plot_rerenders_identical_files() {
    let tmp = tempfile::tempdir().unwrap();
    let o = pactsim(&["run", "--runs", "200", "--out", "r", "-q"], tmp.path());
    assert!(o.status.success());
    let dir = tmp.path().join("r");
    let before = std::fs::read(dir.join("plots/time_to_agreement.svg")).unwrap();
    std::fs::remove_dir_all(dir.join("plots")).unwrap();
    let p = pactsim(&["plot", "r"], tmp.path());
    assert!(p.status.success(), "{}", stderr(&p));
    assert_eq!(
        std::fs::read(dir.join("plots/time_to_agreement.svg")).unwrap(),
        before
    );
    assert!(dir.join("plots/payoffs.png").is_file());
    assert!(dir.join("plots/april_terms.png").is_file());
    // A summary written before the April-terms count existed still plots, without that
    // figure.
    let path = dir.join("summary.json");
    let mut summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    summary.as_object_mut().unwrap().remove("april_terms");
    std::fs::write(&path, serde_json::to_string_pretty(&summary).unwrap()).unwrap();
    std::fs::remove_dir_all(dir.join("plots")).unwrap();
    let p = pactsim(&["plot", "r"], tmp.path());
    assert!(p.status.success(), "{}", stderr(&p));
    assert!(dir.join("plots/payoffs.png").is_file());
    assert!(!dir.join("plots/april_terms.png").exists());
}

#[test]
fn set_overrides_change_the_model() {
    let tmp = tempfile::tempdir().unwrap();
    let a = pactsim(
        &["run", "--runs", "200", "--out", "a", "--no-plots", "-q"],
        tmp.path(),
    );
    let b = pactsim(
        &[
            "run",
            "--runs",
            "200",
            "--out",
            "b",
            "--no-plots",
            "-q",
            "--set",
            "agents.openai.params.deadline_weeks=60",
        ],
        tmp.path(),
    );
    assert!(a.status.success() && b.status.success());
    let read = |d: &str| -> serde_json::Value {
        serde_json::from_str(
            &std::fs::read_to_string(tmp.path().join(d).join("summary.json")).unwrap(),
        )
        .unwrap()
    };
    let (sa, sb) = (read("a"), read("b"));
    let wa = sa["time_to_agreement"]["mean_weeks"].as_f64().unwrap();
    let wb = sb["time_to_agreement"]["mean_weeks"].as_f64().unwrap();
    // A later deadline makes OpenAI concede more slowly: later agreements.
    assert!(wb > wa + 1.0, "{wa} vs {wb}");
}

/// A deadline drawn per run: Microsoft's is 12 weeks in a share of runs, 45 in the rest. At
/// share 1 every run agrees as early as with a 12-week deadline, at share 0 as late as the
/// baseline, and at one half in between; either key alone is refused, naming the other.
#[test]
fn an_early_deadline_applies_to_its_share_of_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let weeks = |name: &str, sets: &[&str]| -> f64 {
        let mut args = vec!["run", "--runs", "2000", "--out", name, "--no-plots", "-q"];
        for s in sets {
            args.extend(["--set", s]);
        }
        let o = pactsim(&args, tmp.path());
        assert!(o.status.success(), "{}", stderr(&o));
        let text = std::fs::read_to_string(tmp.path().join(name).join("summary.json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["time_to_agreement"]["mean_weeks"].as_f64().unwrap()
    };
    let early = |share: &'static str| ["agents.microsoft.params.early_deadline_weeks=12", share];
    let base = weeks("base", &[]);
    let twelve = weeks("twelve", &["agents.microsoft.params.deadline_weeks=12"]);
    let all = weeks(
        "all",
        &early("agents.microsoft.params.early_deadline_share=1"),
    );
    let none = weeks(
        "none",
        &early("agents.microsoft.params.early_deadline_share=0"),
    );
    let half = weeks(
        "half",
        &early("agents.microsoft.params.early_deadline_share=0.5"),
    );
    // About 0.1 week of noise at 2,000 runs; the two deadlines are 5 weeks apart.
    assert!(twelve < base - 3.0, "{twelve} vs {base}");
    assert!((all - twelve).abs() < 0.6, "{all} vs {twelve}");
    assert!((none - base).abs() < 0.6, "{none} vs {base}");
    assert!(all + 1.0 < half && half < none - 1.0, "{all} {half} {none}");
    let o = pactsim(
        &[
            "run",
            "--runs",
            "10",
            "--out",
            "lone",
            "--set",
            "agents.microsoft.params.early_deadline_share=0.3",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("early_deadline_share = 0.3: give early_deadline_weeks with it"),
        "{}",
        stderr(&o)
    );
    assert!(!tmp.path().join("lone").exists());
}

/// The Faratin families and the wrappers take the early-deadline pair too. A Boulware
/// Microsoft (usual deadline 26 weeks) with a 4-week deadline in every run (share 1) plays
/// as one whose `deadline_weeks` is 4: its outcome shares move away from share 0, which plays
/// as leaving the keys out. Share 0 cannot be compared with no keys byte for byte here: agent
/// parameters are part of the scenario hash that seeds each run, so any added key changes
/// every run's draws; the shares are compared within sampling noise instead (byte identity
/// with the keys left out is checked against the previous build's outputs). A
/// `threat-then-settle` Microsoft with a 12-week deadline in every run agrees sooner than
/// with its usual 45. Either key alone, or a value out of range, stops with exit 2 and the
/// parameter's path, value and allowed range.
#[test]
fn a_faratin_agent_and_a_wrapper_take_an_early_deadline() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = |name: &str, sets: &[&str]| -> serde_json::Value {
        let mut args = vec!["run", "--runs", "4000", "--out", name, "--no-plots", "-q"];
        for s in sets {
            args.extend(["--set", s]);
        }
        let o = pactsim(&args, tmp.path());
        assert!(o.status.success(), "{}", stderr(&o));
        let text = std::fs::read_to_string(tmp.path().join(name).join("summary.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let shares = |v: &serde_json::Value| -> Vec<(String, f64)> {
        v["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let class = c["outcome"].as_str().unwrap().to_string();
                (class, c["share"].as_f64().unwrap())
            })
            .collect()
    };
    let boulware = "agents.microsoft.strategy=boulware";
    let weeks = "agents.microsoft.params.early_deadline_weeks=4";
    let faratin = |name: &str, share: Option<&str>| {
        let share = share.map(|s| format!("agents.microsoft.params.early_deadline_share={s}"));
        match &share {
            Some(s) => shares(&summary(name, &[boulware, weeks, s])),
            None => shares(&summary(name, &[boulware])),
        }
    };
    let omitted = faratin("omitted", None);
    let none = faratin("none", Some("0"));
    let all = faratin("all", Some("1"));
    let four = shares(&summary(
        "four",
        &[boulware, "agents.microsoft.params.deadline_weeks=4"],
    ));
    // Largest difference in an outcome share; about 0.009 is one sd at 4,000 runs.
    let gap = |a: &[(String, f64)], b: &[(String, f64)]| {
        a.iter()
            .zip(b)
            .map(|((ca, x), (cb, y))| {
                assert_eq!(ca, cb);
                (x - y).abs()
            })
            .fold(0.0, f64::max)
    };
    assert!(gap(&none, &omitted) < 0.03, "{none:?} vs {omitted:?}");
    assert!(gap(&all, &four) < 0.03, "{all:?} vs {four:?}");
    // At 4 weeks Microsoft's Boulware tactic makes fewer deals: about 5 points fewer
    // OTHER_DEAL outcomes (5 sd).
    assert!(gap(&all, &none) > 0.03, "{all:?} vs {none:?}");
    let share = |v: &[(String, f64)], class: &str| v.iter().find(|(c, _)| c == class).unwrap().1;
    assert!(
        share(&all, "OTHER_DEAL") < share(&none, "OTHER_DEAL") - 0.025,
        "{all:?} vs {none:?}"
    );
    // A wrapper: threat-then-settle's payoff-driven base takes the pair. (The baseline's
    // Microsoft params include litigation keys the wrapper refuses, so they are replaced.)
    let tts = "agents.microsoft.strategy=threat-then-settle";
    let wrapper = |name: &str, share: &str| {
        let params = format!(
            "agents.microsoft.params={{ early_deadline_weeks = 12, early_deadline_share = {share} }}"
        );
        summary(name, &[tts, &params])["time_to_agreement"]["mean_weeks"]
            .as_f64()
            .unwrap()
    };
    let (late, soon) = (wrapper("tts0", "0"), wrapper("tts1", "1"));
    // About 0.05 week of noise at 4,000 runs.
    assert!(soon < late - 0.4, "{soon} vs {late}");
    // Errors: exit 2, nothing written, the parameter's path, value and what is allowed.
    for (name, sets, message) in [
        (
            "lone",
            vec![boulware, weeks],
            "agents.microsoft.params.early_deadline_weeks = 4: give early_deadline_share with it",
        ),
        (
            "range",
            vec![
                "agents.microsoft.strategy=litigate-if-below",
                "agents.microsoft.params={ early_deadline_weeks = 12, early_deadline_share = 1.5 }",
            ],
            "agents.microsoft.params.early_deadline_share = 1.5: allowed range is [0, 1]",
        ),
        (
            "weeks",
            vec![
                "agents.openai.strategy=linear",
                "agents.openai.params.early_deadline_weeks=0",
                "agents.openai.params.early_deadline_share=0.5",
            ],
            "agents.openai.params.early_deadline_weeks = 0: allowed range is (0, 1040]",
        ),
    ] {
        let mut args = vec!["run", "--runs", "10", "--out", name];
        for s in &sets {
            args.extend(["--set", s]);
        }
        let o = pactsim(&args, tmp.path());
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(message), "{}", stderr(&o));
        assert!(!tmp.path().join(name).exists());
    }
}

/// `explain` reports where the strict April terms stand in the runs' own draws, in text and
/// in JSON, with the same numbers.
#[test]
fn explain_reports_strict_terms_in_the_runs_own_draws() {
    let tmp = tempfile::tempdir().unwrap();
    let json = pactsim(&["explain", "--json"], tmp.path());
    assert!(json.status.success(), "{}", stderr(&json));
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("explain --json");
    let r = &v["strict_in_runs"];
    let count = |k: &str| r[k].as_u64().unwrap_or_else(|| panic!("{k}: {r}"));
    assert_eq!(count("runs"), 200);
    let (on, both) = (count("on_run_frontier"), count("acceptable_to_both"));
    assert!(on > 0 && both <= on, "{r}");
    let nash = [
        count("nash_point_strict"),
        count("symmetric_nash_point_strict"),
    ];
    assert!(nash.iter().all(|&k| k <= both), "{r}");
    let margin = r["microsoft_margin_median"].as_f64().expect("a median");
    assert!(margin.is_finite() && margin < 0.0, "{margin}");
    let text = pactsim(&["explain"], tmp.path());
    assert!(text.status.success(), "{}", stderr(&text));
    let line = format!("on the run's own frontier in {on} of 200 runs; worth the contested state to both Microsoft and OpenAI in {both}");
    assert!(stdout(&text).contains(&line), "{}", stdout(&text));
    let line = format!("is strict in {}; the symmetric one in {}", nash[0], nash[1]);
    assert!(stdout(&text).contains(&line), "{}", stdout(&text));
    assert!(
        stdout(&text).contains(&format!("median -${:.2}B", -margin)),
        "{}",
        stdout(&text)
    );
    // The price of the Azure-first lag the strict class requires, in both forms alike.
    let lag = &v["strict"]["lag"];
    let price = |k: &str| lag[k].as_f64().unwrap_or_else(|| panic!("{k}: {lag}"));
    let (m, o) = (price("microsoft"), price("openai"));
    assert!(m > 0.0 && o < 0.0 && price("joint") < 0.0, "{lag}");
    let line = format!(
        "on the April terms its {} days are worth ${m:.2}B to Microsoft and -${:.2}B to OpenAI",
        lag["days"], -o
    );
    assert!(stdout(&text).contains(&line), "{}", stdout(&text));
    // Nothing written.
    assert!(files(tmp.path()).is_empty());
}

/// `explain` splits Microsoft's cost of suing c_P, and OpenAI's cost of being sued c_D, into
/// their parts, in text and JSON, with the same numbers; the parts sum to c_P and c_D.
#[test]
fn explain_splits_the_costs_of_a_suit() {
    let tmp = tempfile::tempdir().unwrap();
    let json = pactsim(&["explain", "--json"], tmp.path());
    assert!(json.status.success(), "{}", stderr(&json));
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("explain --json");
    let m = &v["litigation"][0];
    assert_eq!(m["prior_of"], "microsoft");
    let c = &m["plaintiff_cost_parts"];
    let part = |k: &str| c[k].as_f64().unwrap_or_else(|| panic!("{k}: {c}"));
    let names = ["antitrust", "shading", "own_stake", "fees", "other"];
    let sum: f64 = names.iter().map(|k| part(k)).sum();
    let c_p = m["plaintiff_cost"].as_f64().unwrap();
    assert!((sum - c_p).abs() < 1e-9, "{sum} vs {c_p}");
    let text = pactsim(&["explain"], tmp.path());
    assert!(text.status.success(), "{}", stderr(&text));
    let line = format!(
        "c_P = antitrust blow-back {:.2} ({:.0}%) + relationship shading {:.2}",
        part("antitrust"),
        100.0 * part("antitrust") / c_p,
        part("shading")
    );
    assert!(stdout(&text).contains(&line), "{}", stdout(&text));
    // OpenAI's side, c_D, the same way.
    let d = &m["defendant_cost_parts"];
    let part = |k: &str| d[k].as_f64().unwrap_or_else(|| panic!("{k}: {d}"));
    let names = ["valuation", "ipo", "tranche", "fees", "other"];
    let sum: f64 = names.iter().map(|k| part(k)).sum();
    let c_d = m["defendant_cost"].as_f64().unwrap();
    assert!((sum - c_d).abs() < 1e-9, "{sum} vs {c_d}");
    let line = format!(
        "c_D = litigation discount on OpenAI's valuation (its other owners) {:.2} ({:.0}%) + IPO prospects {:.2}",
        part("valuation"),
        100.0 * part("valuation") / c_d,
        part("ipo")
    );
    assert!(stdout(&text).contains(&line), "{}", stdout(&text));
    // The state the stakes are computed in, the same in text and JSON.
    let ls = &v["litigation_state"];
    assert_eq!(ls["launch_live"], true, "{ls}");
    assert_eq!(ls["threat_made"], false, "{ls}");
    let line = format!(
        "computed in week {} in the contested state with a defiant launch live (a suit needs one), no threat made yet, antitrust pressure A = {:.2}",
        ls["week"],
        ls["antitrust_pressure"].as_f64().unwrap()
    );
    assert!(stdout(&text).contains(&line), "{}", stdout(&text));
    // A term that is zero in a state (the revenue share Microsoft pays under the April terms;
    // Azure's harm while AWS is closed) prints as 0.00, never as -0.00.
    assert!(!stdout(&text).contains("-0.00"), "{}", stdout(&text));
    assert!(files(tmp.path()).is_empty());
}

/// `explain` ends with the one-parameter scan of the strict April terms over `[ranges]`, the
/// same in text and JSON; a scenario without `[ranges]` skips it and says so.
#[test]
fn explain_scans_the_strict_terms_over_the_ranges() {
    let tmp = tempfile::tempdir().unwrap();
    let json = pactsim(&["explain", "--json"], tmp.path());
    assert!(json.status.success(), "{}", stderr(&json));
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("explain --json");
    let scan = &v["strict_scan"];
    assert_eq!(scan["points_per_parameter"], 9);
    let params = scan["parameters"].as_array().expect("parameters");
    assert_eq!(params.len(), 26);
    let base_dispute = params
        .iter()
        .find(|p| p["path"] == "microsoft.base_dispute_share")
        .expect("δ_base scanned");
    let x = base_dispute["microsoft_break_even"][0]
        .as_f64()
        .expect("a break-even");
    assert!(x > 0.25 && x < 0.5, "{x}");
    let beats = params
        .iter()
        .filter(|p| {
            p["points"]
                .as_array()
                .unwrap()
                .iter()
                .any(|q| q["april_gain"][0].as_f64().unwrap() >= 0.0)
        })
        .count();
    let text = pactsim(&["explain"], tmp.path());
    assert!(text.status.success(), "{}", stderr(&text));
    let out = stdout(&text);
    assert!(
        out.contains(&format!(
            "the April terms beat the dispute for Microsoft somewhere in the range of {beats} of 26 parameters"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("from {}", format!("{x:.4}").trim_end_matches('0'))),
        "{out}"
    );

    // Without [ranges]: explained, scan skipped.
    let full = std::fs::read_to_string(root().join("configs/april-2026.toml")).unwrap();
    let cut = full.find("[ranges]").expect("the baseline has ranges");
    let file = tmp.path().join("no-ranges.toml");
    std::fs::write(&file, &full[..cut]).unwrap();
    let o = pactsim(&["explain", file.to_str().unwrap()], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(
        "(no [ranges] table: the one-parameter scan of the strict April terms is skipped)"
    ));
    let o = pactsim(&["explain", file.to_str().unwrap(), "--json"], tmp.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("explain --json");
    assert!(v["strict_scan"].is_null());
}

/// A reader that stops early (`pactsim … | head`) ends the command quietly with exit 0: no
/// panic, no error message. The match prints 200 KB, far more than a pipe buffers, so the
/// writes after the reader has gone fail with a closed pipe.
#[test]
fn a_closed_stdout_pipe_ends_the_command_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pactsim"))
        .args(["match", "Tit For Tat", "Defector", "--turns", "100000"])
        .current_dir(tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pactsim starts");
    let mut first = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout piped")
        .read_exact(&mut first)
        .expect("some output");
    // The read end is dropped here: the pipe is closed.
    let out = child.wait_with_output().expect("pactsim ends");
    assert!(String::from_utf8_lossy(&first).starts_with("Tit For Tat vs Defector"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}
