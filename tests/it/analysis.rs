//! `pactsim sensitivity --method sobol`, `discover` and `calibrate`: results directories,
//! reproducibility across thread counts, equality with `pactsim run`, bad input. Tiny designs
//! and run counts only (CI budget).

use crate::util::{assert_same_dirs, pactsim, root, stderr, stdout};
use std::path::Path;

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
}

fn json(p: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

const SOBOL: &[&str] = &[
    "sensitivity",
    "--method",
    "sobol",
    "--target",
    "APRIL_LIKE_STRICT+APRIL_LIKE_BROAD",
    "--samples",
    "4",
    "--runs",
    "8",
    "--bootstrap",
    "50",
    "--no-plots",
    "-q",
];

#[test]
fn sobol_is_identical_for_any_thread_count_and_matches_run() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for t in ["1", "2"] {
        let mut a = SOBOL.to_vec();
        a.extend(["--threads", t, "--out", t]);
        let o = pactsim(&a, d);
        ok(&o);
        assert!(stdout(&o).contains("ranked by ST"), "{}", stdout(&o));
    }
    assert_same_dirs(&d.join("1"), &d.join("2"));
    let s = json(&d.join("1/summary.json"));
    let k = s["parameters"].as_array().unwrap().len();
    assert!(k >= 2);
    assert_eq!(s["points"], 4 * (k as u64 + 2));
    assert_eq!(s["sequence"], "owen-sobol");
    let indices = std::fs::read_to_string(d.join("1/indices.csv")).unwrap();
    assert_eq!(indices.lines().count(), k + 1);
    assert!(indices.starts_with("rank,parameter,low,high,s1,s1_lo,s1_hi,st,st_lo,st_hi\n"));
    assert!(d.join("1/warning.txt").exists());
    // Point 0 equals `pactsim run --set …` with the same seed and runs.
    let points = std::fs::read_to_string(d.join("1/points.csv")).unwrap();
    let mut lines = points.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut args = vec!["run", "--runs", "8", "--no-plots", "-q", "--out", "r"];
    let sets: Vec<String> = header[2..header.len() - 1]
        .iter()
        .zip(&row[2..row.len() - 1])
        .map(|(p, v)| format!("{p}={v}"))
        .collect();
    for s in &sets {
        args.extend(["--set", s]);
    }
    ok(&pactsim(&args, d));
    let run = json(&d.join("r/summary.json"));
    let share = |name: &str| {
        run["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["outcome"] == name)
            .unwrap()["share"]
            .as_f64()
            .unwrap()
    };
    let target: f64 = row[row.len() - 1].parse().unwrap();
    assert_eq!(
        target,
        share("APRIL_LIKE_STRICT") + share("APRIL_LIKE_BROAD")
    );
}

#[test]
fn sobol_and_morris_plots_render_and_replot() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut a: Vec<&str> = SOBOL
        .iter()
        .copied()
        .filter(|x| *x != "--no-plots")
        .collect();
    a.extend(["--format", "svg", "--out", "s"]);
    ok(&pactsim(&a, d));
    let svg = std::fs::read_to_string(d.join("s/plots/sobol.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("ST"));
    std::fs::remove_file(d.join("s/plots/sobol.svg")).unwrap();
    ok(&pactsim(&["plot", "s", "--format", "svg"], d));
    assert!(d.join("s/plots/sobol.svg").exists());
    // Morris (the default method) now reports μ* intervals; any target kind works.
    let o = pactsim(
        &[
            "sensitivity",
            "--target",
            "payoff.openai",
            "--runs",
            "8",
            "--trajectories",
            "3",
            "--bootstrap",
            "50",
            "--no-plots",
            "-q",
            "--out",
            "m",
        ],
        d,
    );
    ok(&o);
    let s = json(&d.join("m/summary.json"));
    assert_eq!(s["target"], "payoff.openai");
    assert!(s["morris"][0]["mu_star_lo"].is_number());
    assert!(s["morris_ranking"]["order"].is_array());
    // Three trajectories of 8 runs leave the ranking unsettled: the warning (printed, in
    // warning.txt and in summary.json) names Morris's flags, not Sobol's --samples, which
    // --method morris refuses.
    let warning = s["morris_ranking"]["warning"].as_str().expect("unsettled");
    let file = std::fs::read_to_string(d.join("m/warning.txt")).unwrap();
    for text in [warning, file.as_str(), stdout(&o).as_str()] {
        assert!(text.contains("(raise --trajectories and --runs)"), "{text}");
        assert!(!text.contains("--samples"), "{text}");
    }
}

/// `sensitivity --method oat` is the one-at-a-time tornado of `--method morris` alone: the same
/// points, seeds and values, so the same swings; its files have no Morris part; byte-identical
/// for any thread count; a flag of another method is refused (exit 2, nothing written).
#[test]
fn oat_is_the_tornado_of_morris_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let base = [
        "sensitivity",
        "--target",
        "payoff.openai",
        "--runs",
        "8",
        "--seed",
        "3",
        "--format",
        "svg",
        "-q",
    ];
    for t in ["1", "2"] {
        let mut a = base.to_vec();
        a.extend(["--method", "oat", "--threads", t, "--out", t]);
        let o = pactsim(&a, d);
        ok(&o);
        assert!(stdout(&o).contains("one at a time"), "{}", stdout(&o));
        assert!(!stdout(&o).contains("Morris"), "{}", stdout(&o));
    }
    assert_same_dirs(&d.join("1"), &d.join("2"));
    let mut written = crate::util::files(&d.join("1"));
    written.retain(|f| !f.starts_with(".pactsim-files"));
    written.sort();
    let want: Vec<std::path::PathBuf> = [
        "manifest.json",
        "outcomes.csv",
        "plots/tornado.svg",
        "summary.json",
    ]
    .iter()
    .map(std::path::PathBuf::from)
    .collect();
    assert_eq!(written, want);
    let mut a = base.to_vec();
    a.extend(["--trajectories", "1", "--bootstrap", "20", "--out", "m"]);
    ok(&pactsim(&a, d));
    let (oat, morris) = (
        json(&d.join("1/summary.json")),
        json(&d.join("m/summary.json")),
    );
    assert!(oat["one_at_a_time"].as_array().unwrap().len() >= 2);
    assert_eq!(oat["one_at_a_time"], morris["one_at_a_time"]);
    assert_eq!(oat["base_share"], morris["base_share"]);
    assert!(oat.get("morris").is_none() && oat.get("morris_design").is_none());
    let k = oat["one_at_a_time"].as_array().unwrap().len();
    let m = json(&d.join("1/manifest.json"));
    assert_eq!(m["command"], "sensitivity");
    assert_eq!(m["extra"]["sensitivity"]["points"], 1 + 2 * k as u64);
    assert!(m["extra"]["sensitivity"].get("morris").is_none());
    let csv = std::fs::read_to_string(d.join("1/outcomes.csv")).unwrap();
    let morris_csv = std::fs::read_to_string(d.join("m/outcomes.csv")).unwrap();
    assert!(morris_csv.starts_with(&csv));
    // `plot` redraws the tornado alone.
    std::fs::remove_file(d.join("1/plots/tornado.svg")).unwrap();
    ok(&pactsim(&["plot", "1", "--format", "svg"], d));
    assert!(d.join("1/plots/tornado.svg").exists() && !d.join("1/plots/morris.svg").exists());
    for (flag, value, applies) in [
        ("--trajectories", "3", "--method morris only"),
        ("--levels", "5", "--method morris only"),
        (
            "--bootstrap",
            "10",
            "--method morris and --method sobol only",
        ),
        ("--samples", "8", "--method sobol only"),
    ] {
        let e = tempfile::tempdir().unwrap();
        let mut a = base.to_vec();
        a.extend(["--method", "oat", flag, value, "--out", "o"]);
        let o = pactsim(&a, e.path());
        assert_eq!(o.status.code(), Some(2), "{flag}: {}", stderr(&o));
        let msg = stderr(&o);
        assert!(
            msg.contains(&format!(
                "{flag} is not used by --method oat: it applies to {applies}"
            )),
            "{msg}"
        );
        assert!(std::fs::read_dir(e.path()).unwrap().next().is_none());
    }
}

/// Writes `sweep` as `sw.toml` in `d` and runs it into `d/sw` (no plots), with a scenario
/// override, so that the sweep's scenario is not the default one.
fn sweep_into(d: &std::path::Path, sweep: &str) {
    std::fs::write(d.join("sw.toml"), sweep).unwrap();
    let set = ["--set", "cloud.competitive_harm=0.2"];
    let mut a = vec!["sweep", "sw.toml", "--out", "sw", "--no-plots", "-q"];
    a.extend(set);
    ok(&pactsim(&a, d));
}

/// `pactsim discover --target APRIL_LIKE_BROAD --from-sweep sw` in `d`, with `extra` flags.
fn discover_sweep(d: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut a = vec![
        "discover",
        "--target",
        "APRIL_LIKE_BROAD",
        "--from-sweep",
        "sw",
    ];
    a.extend_from_slice(extra);
    pactsim(&a, d)
}

/// On a sweep's grid every value of a parameter is shared by a whole row of cells; PRIM peels
/// whole levels, so a strong driver (ρ_O moves APRIL_LIKE_BROAD by about 20 points across its
/// range) is found, with a permutation quasi-p-value for the continuous share.
#[test]
fn discover_peels_a_sweeps_grid() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    sweep_into(
        d,
        "[sweep]\nname = \"g\"\nruns = 400\nseed = 5\ndesign = \"grid\"\n\
         [[axis]]\npath = \"discount.openai\"\nfrom = 0.2\nto = 0.4\nsteps = 5\n\
         [[axis]]\npath = \"microsoft.stake\"\nfrom = 0.24\nto = 0.27\nsteps = 4\n",
    );
    let o = discover_sweep(d, &["--out", "fs", "--no-plots"]);
    ok(&o);
    let s = json(&d.join("fs/summary.json"));
    assert_eq!(s["prim"]["quasi_p_test"], "permutation", "{s}");
    let limits = s["box_limits"].as_array().unwrap();
    let rho = limits
        .iter()
        .find(|l| l["path"] == "discount.openai")
        .unwrap_or_else(|| panic!("ρ_O not restricted: {}", stdout(&o)));
    // BROAD rises with ρ_O (72% at 0.2 against over 80% above): the box leaves out the
    // lowest level, and the first peel removes exactly that level, the 4 cells of ρ_O = 0.2.
    assert!(rho["lower"].as_f64().unwrap() > 0.2, "{rho}");
    let first = &s["prim"]["trajectory"][1];
    assert_eq!(first["lower"][0], 0.25, "{first}");
    assert_eq!(first["n"], 16, "{first}");
    assert!(stdout(&o).contains("permutation test"), "{}", stdout(&o));
    let chosen = &s["prim"]["chosen"];
    assert!(
        chosen["density"].as_f64() > s["prim"]["base_density"].as_f64(),
        "{s}"
    );
}

#[test]
fn discover_samples_or_reads_a_sweep() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let base = [
        "discover",
        "--target",
        "APRIL_LIKE_BROAD",
        "--samples",
        "12",
        "--runs",
        "8",
        "-q",
    ];
    for t in ["1", "2"] {
        let mut a = base.to_vec();
        a.extend(["--threads", t, "--out", t]);
        if t == "2" {
            a.push("--no-plots");
        }
        let o = pactsim(&a, d);
        ok(&o);
        assert!(stdout(&o).contains("chosen box"), "{}", stdout(&o));
    }
    // Same numbers with and without plots, for any thread count (the inventories differ by
    // the plots, so they are set aside).
    std::fs::remove_dir_all(d.join("1/plots")).unwrap();
    let inventory = std::fs::read_to_string(d.join("1/.pactsim-files")).unwrap();
    assert!(
        inventory.lines().any(|l| l == "plots/peeling.svg"),
        "{inventory}"
    );
    for dir in ["1", "2"] {
        std::fs::remove_file(d.join(dir).join(".pactsim-files")).unwrap();
    }
    assert_same_dirs(&d.join("1"), &d.join("2"));
    ok(&pactsim(&["plot", "1", "--format", "svg"], d));
    assert!(d.join("1/plots/peeling.svg").exists() && d.join("1/plots/box_scatter.svg").exists());
    let s = json(&d.join("1/summary.json"));
    assert_eq!(s["points"], 12);
    assert!(s["prim"]["trajectory"].as_array().unwrap().len() >= 2);
    let traj = std::fs::read_to_string(d.join("1/trajectory.csv")).unwrap();
    assert!(traj.starts_with("step,coverage,density,mass,points,restricted_dims\n0,1.0,"));
    // From a sweep.
    sweep_into(
        d,
        "[sweep]\nname = \"t\"\nruns = 20\nseed = 3\ndesign = \"latin-hypercube\"\nsamples = 10\n\
         [[axis]]\npath = \"revenue.compute_cost_share\"\nfrom = 0.4\nto = 0.9\n\
         [[axis]]\npath = \"discount.openai\"\nfrom = 0.2\nto = 0.4\n",
    );
    ok(&discover_sweep(
        d,
        &["--threshold", "0.99", "--out", "fs", "-q"],
    ));
    let s = json(&d.join("fs/summary.json"));
    assert_eq!(s["points"], 10);
    assert_eq!(
        s["parameters"],
        serde_json::json!(["revenue.compute_cost_share", "discount.openai"])
    );
    assert!(d.join("fs/plots/peeling.png").exists() && d.join("fs/plots/box_scatter.svg").exists());
    // The manifest names the scenario the sweep simulated (with its override), read from the
    // sweep's manifest; a SCENARIO given with --from-sweep is refused.
    let (sweep_m, disc_m) = (
        json(&d.join("sw/manifest.json")),
        json(&d.join("fs/manifest.json")),
    );
    assert_eq!(disc_m["scenario_hash"], sweep_m["scenario_hash"]);
    assert_eq!(disc_m["scenario"]["cloud"]["competitive_harm"], 0.2);
    std::fs::write(d.join("s.toml"), "base = \"april-2026\"\n").unwrap();
    let o = discover_sweep(d, &["s.toml", "--out", "refused", "-q"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("SCENARIO is not used with --from-sweep"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("refused").exists());
    // The sweep fixed the scenario, the points, the runs and the seed: flags that would set
    // them are refused with --from-sweep (exit 2, the flag and why named, nothing written),
    // not silently ignored.
    for (flag, value, why) in [
        (
            "--set",
            "litigation.win_probability_mean=0.4",
            "simulated by the sweep with its own scenario",
        ),
        ("--samples", "5", "the points are the sweep's cells"),
        ("--runs", "5", "the sweep's runs per cell"),
        ("--seed", "5", "the sweep's seed"),
    ] {
        let o = discover_sweep(d, &[flag, value, "--out", "refused", "-q"]);
        assert_eq!(o.status.code(), Some(2), "{flag}: {}", stderr(&o));
        let msg = stderr(&o);
        assert!(
            msg.contains(&format!("{flag} is not used with --from-sweep: ")) && msg.contains(why),
            "{msg}"
        );
        assert!(!d.join("refused").exists(), "{flag}");
    }
    // A non-share target needs a threshold.
    let o = pactsim(&["discover", "--target", "time_to_agreement", "-q"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--threshold"));
    // A term of the strict April class is a share of deals: discover takes it as it is,
    // and an unknown term is refused with the allowed keys.
    let o = pactsim(
        &[
            "discover",
            "--target",
            "term.azure_first_lag",
            "--from-sweep",
            "sw",
            "--out",
            "term",
            "-q",
        ],
        d,
    );
    ok(&o);
    let s = json(&d.join("term/summary.json"));
    assert_eq!(s["target"], "term.azure_first_lag");
    let o = pactsim(&["discover", "--target", "term.cap", "-q"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("term.cap_below_60"), "{}", stderr(&o));
    assert!(!d.join("results").exists());
}

// Tolerances wide enough that some of 10 prior draws pass: these tests check the ABC
// mechanics (acceptance, determinism, reports), not how well the model fits the episode.
const FACTS: &str = r#"
[[fact]]
statistic = "outcomes.LITIGATION.share+outcomes.LITIGATED_SETTLEMENT.share"
observed = 0.0
tolerance = 0.1
[[fact]]
statistic = "time_to_agreement.mean_weeks"
observed = 8.4
tolerance = 8.0
[[fact]]
statistic = "outcomes.AMAZON_COLLAPSE.share"
observed = 0.0
tolerance = 0.05
"#;

#[test]
fn calibrate_accepts_draws_reports_zero_acceptance_and_refuses_missing_facts() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("facts.toml"), FACTS).unwrap();
    let mut text = String::new();
    for t in ["1", "2"] {
        let o = pactsim(
            &[
                "calibrate",
                "--facts",
                "facts.toml",
                "--samples",
                "10",
                "--runs",
                "8",
                "--threads",
                t,
                "--out",
                t,
                "--no-plots",
                "-q",
            ],
            d,
        );
        ok(&o);
        text = stdout(&o);
        assert!(text.contains("acceptance rate"), "{text}");
    }
    assert_same_dirs(&d.join("1"), &d.join("2"));
    let s = json(&d.join("1/summary.json"));
    let accepted = s["accepted"].as_u64().unwrap();
    assert!(accepted > 0, "{s}");
    assert_eq!(
        s["acceptance_rate"].as_f64().unwrap(),
        accepted as f64 / 10.0
    );
    let draws = std::fs::read_to_string(d.join("1/draws.csv")).unwrap();
    assert_eq!(draws.lines().count(), 11);
    assert_eq!(
        draws.lines().skip(1).filter(|l| l.ends_with(",1")).count() as u64,
        accepted
    );
    assert_eq!(s["predictive_outcomes"].as_array().unwrap().len(), 8);
    // The report prints the posterior's sd ratio (its ranking key) and the posterior
    // predictive of every fact's statistic, as summary.json has them.
    let header = text
        .lines()
        .find(|l| l.starts_with("posterior (ranked by sd ratio)"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(header.trim_end().ends_with("sd ratio"), "{header}");
    for p in s["posterior"].as_array().unwrap() {
        let path = p["path"].as_str().unwrap();
        let row = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(path))
            .unwrap_or_else(|| panic!("{path}: {text}"));
        let ratio = p["sd_ratio"].as_f64().map(|r| format!("{r:.4}"));
        assert_eq!(
            row.split_whitespace().last(),
            Some(ratio.as_deref().unwrap_or("–")),
            "{row}"
        );
    }
    let facts = s["predictive_facts"].as_array().unwrap();
    assert_eq!(facts.len(), 3);
    for f in facts {
        let name = f["name"].as_str().unwrap();
        // The last line starting with it: the predictive table, after the facts table.
        let row = text
            .lines()
            .rfind(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {text}"));
        let mean = format!("{:.4}", f["mean"].as_f64().unwrap());
        assert!(row.contains(&mean), "{row}: mean {mean}");
    }
    ok(&pactsim(&["plot", "1", "--format", "svg"], d));
    assert!(d.join("1/plots/predictive.svg").exists());
    // Posterior and pairs plots are named by the parameters' full paths (their last segments
    // are ambiguous: discount.microsoft and discount.openai).
    let plots: Vec<String> = std::fs::read_dir(d.join("1/plots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for (j, p) in s["posterior"].as_array().unwrap().iter().enumerate() {
        let name = format!("posterior_{j:02}_{}.svg", p["path"].as_str().unwrap());
        assert!(plots.contains(&name), "{name} in {plots:?}");
    }
    let pairs: Vec<&String> = plots.iter().filter(|p| p.starts_with("pairs_")).collect();
    assert_eq!(pairs.len(), 3, "{plots:?}");
    for p in pairs {
        let (a, b) = p["pairs_".len()..p.len() - ".svg".len()]
            .split_once("_vs_")
            .unwrap_or_else(|| panic!("{p}"));
        for path in [a, b] {
            assert!(
                s["posterior"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|q| q["path"] == path),
                "{p}: {path}"
            );
        }
    }
    // The shipped facts file runs (every statistic it names is in the run summary).
    let facts = root().join("configs/facts-2026.toml");
    ok(&pactsim(
        &[
            "calibrate",
            "--facts",
            facts.to_str().unwrap(),
            "--samples",
            "2",
            "--runs",
            "2",
            "--out",
            "shipped",
            "--no-plots",
            "-q",
        ],
        d,
    ));
    // Facts no draw can meet (a share of 2): zero accepted draws is a result, written without
    // a single null, NaN or inf, and its directory re-renders.
    std::fs::write(
        d.join("impossible.toml"),
        "[[fact]]\nstatistic = \"outcomes.APRIL_LIKE_BROAD.share\"\nobserved = 2.0\ntolerance = 0.01\n",
    )
    .unwrap();
    ok(&pactsim(
        &[
            "calibrate",
            "--facts",
            "impossible.toml",
            "--samples",
            "4",
            "--runs",
            "4",
            "--out",
            "none",
            "--no-plots",
            "-q",
        ],
        d,
    ));
    let text = std::fs::read_to_string(d.join("none/summary.json")).unwrap();
    let s: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(s["accepted"], 0);
    assert!(
        !text.contains("null") && !text.contains("NaN") && !text.contains("inf"),
        "{text}"
    );
    assert!(s["predictive_outcomes"].as_array().unwrap().is_empty());
    assert!(s["posterior"][0].get("mean").is_none());
    ok(&pactsim(&["plot", "none", "--format", "svg"], d));
    let o = pactsim(&["calibrate", "--facts", "nope.toml", "-q"], d);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bad_targets_and_sizes_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for args in [
        &[
            "sensitivity",
            "--method",
            "sobol",
            "--target",
            "payoff.nobody",
            "-q",
        ][..],
        &[
            "sensitivity",
            "--method",
            "sobol",
            "--target",
            "APRIL_LIKE_BROAD+NOPE",
            "-q",
        ],
        &[
            "sensitivity",
            "--method",
            "sobol",
            "--target",
            "IMPASSE",
            "--samples",
            "1",
            "-q",
        ],
        &["discover", "--target", "IMPASSE", "--alpha", "0.9", "-q"],
        &["calibrate", "--samples", "0", "-q"],
    ] {
        let o = pactsim(args, d);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    assert!(
        std::fs::read_dir(d).unwrap().next().is_none(),
        "nothing left behind"
    );
}

/// 400 runs of the baseline read against `facts` into `d/r`: the output, the run's
/// summary.json and its facts.json.
fn run_against(
    d: &Path,
    facts: &Path,
) -> (std::process::Output, serde_json::Value, serde_json::Value) {
    let o = pactsim(
        &[
            "run",
            "--runs",
            "400",
            "--no-plots",
            "-q",
            "--facts",
            facts.to_str().unwrap(),
            "--out",
            "r",
        ],
        d,
    );
    ok(&o);
    (
        o,
        json(&d.join("r/summary.json")),
        json(&d.join("r/facts.json")),
    )
}

/// `pactsim run --facts FILE` reads the run against a facts file: each fact's value is the
/// statistic of the run's own summary.json, met when within the tolerance, printed and written
/// to facts.json. A facts file naming a statistic the summary lacks is refused before anything
/// runs or is written.
#[test]
fn run_reads_itself_against_a_facts_file() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let facts = root().join("configs/facts-2026.toml");
    let (o, summary, checks) = run_against(d, &facts);
    let list = checks["facts"].as_array().unwrap();
    assert_eq!(list.len(), 6);
    let (mut met, mut noisy) = (0, 0);
    for c in list {
        let expr = c["statistic"].as_str().unwrap();
        // Sum the paths of the statistic by hand from summary.json.
        let mut want = 0.0;
        for path in expr.split('+') {
            let mut v = &summary;
            for seg in path.split('.') {
                v = match v {
                    serde_json::Value::Array(a) => a
                        .iter()
                        .find(|e| e["outcome"] == seg)
                        .unwrap_or_else(|| panic!("{seg} in {path}")),
                    other => &other[seg],
                };
            }
            want += v.as_f64().unwrap_or_else(|| panic!("{path}: {v}"));
        }
        let got = c["simulated"].as_f64().unwrap();
        assert!((got - want).abs() < 1e-12, "{expr}: {got} vs {want}");
        let (obs, tol) = (
            c["observed"].as_f64().unwrap(),
            c["tolerance"].as_f64().unwrap(),
        );
        let is_met = (got - obs).abs() <= tol;
        assert_eq!(c["met"].as_bool(), Some(is_met), "{c}");
        met += usize::from(is_met);
        // Shares, the threat rate and the time to agreement carry their 95% interval; the
        // verdict is settled when the whole interval is on one side of the target.
        if expr.starts_with("april_distance") {
            assert!(c.get("ci").is_none() && c.get("settled").is_none(), "{c}");
            continue;
        }
        let ci = c["ci"]
            .as_array()
            .unwrap_or_else(|| panic!("an interval: {c}"));
        let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
        assert!(lo <= got && got <= hi, "{c}");
        let inside = obs - tol <= lo && hi <= obs + tol;
        let outside = hi < obs - tol || lo > obs + tol;
        assert_eq!(c["settled"].as_bool(), Some(inside || outside), "{c}");
        noisy += usize::from(!(inside || outside));
        // A verdict within noise says how many runs would settle it, were the value to hold:
        // enough for the interval's half-width, shrinking as 1/√runs, to reach the nearer
        // crossed end of the target.
        if inside || outside {
            assert!(c.get("runs_to_settle").is_none(), "{c}");
        } else {
            let runs = summary["runs"].as_f64().unwrap();
            let gap = [obs - tol, obs + tol]
                .into_iter()
                .filter(|e| lo <= *e && *e <= hi)
                .map(|e| (got - e).abs())
                .fold(f64::INFINITY, f64::min);
            let want = (runs * ((hi - lo) / 2.0 / gap).powi(2)).ceil() as u64;
            assert_eq!(c["runs_to_settle"].as_u64(), Some(want), "{c}");
            assert!(want as f64 >= runs, "{c}");
            assert!(
                stdout(&o).contains(&format!("about {want} runs would settle it")),
                "{}",
                stdout(&o)
            );
        }
    }
    // A verdict within noise is marked as such where it is printed.
    assert_eq!(
        stdout(&o).matches("(within noise").count(),
        noisy,
        "{}",
        stdout(&o)
    );
    assert_eq!(checks["met"].as_u64(), Some(met as u64));
    assert!(
        stdout(&o).contains(&format!("{met} of 6 facts met")),
        "{}",
        stdout(&o)
    );
    // The baseline agrees later than week 8.4 ± 2: that fact is missed, and says so.
    let time = list
        .iter()
        .find(|c| c["statistic"] == "time_to_agreement.mean_weeks")
        .unwrap();
    assert_eq!(time["met"], false, "{time}");
    assert!(stdout(&o).contains("MISSED"), "{}", stdout(&o));
    // A statistic that exists but has no value in this run (no judgment at 50 runs) is
    // read as null: the fact is missed, not refused.
    std::fs::write(
        d.join("win.toml"),
        "[[fact]]\nstatistic = \"litigation.plaintiff_win_rate\"\nobserved = 0.5\ntolerance = 0.1\n",
    )
    .unwrap();
    let o = pactsim(
        &[
            "run",
            "--runs",
            "50",
            "--no-plots",
            "-q",
            "--facts",
            "win.toml",
            "--out",
            "w",
        ],
        d,
    );
    ok(&o);
    let w = json(&d.join("w/facts.json"));
    assert_eq!(w["facts"][0]["simulated"], serde_json::Value::Null, "{w}");
    assert_eq!(w["facts"][0]["met"], false, "{w}");
    assert!(stdout(&o).contains("0 of 1 facts met"), "{}", stdout(&o));
    // Without --facts there is no facts.json.
    ok(&pactsim(
        &["run", "--runs", "50", "--no-plots", "-q", "--out", "plain"],
        d,
    ));
    assert!(!d.join("plain/facts.json").exists());
    // A statistic the summary does not have: exit 2, naming the file and the path, and no
    // results directory.
    std::fs::write(
        d.join("bad.toml"),
        "[[fact]]\nstatistic = \"runs\"\nobserved = 50\ntolerance = 0\n\n\
         [[fact]]\nobserved = 1.0\nstatistic = \"litigation.nope\"\ntolerance = 0.1\n",
    )
    .unwrap();
    let o = pactsim(
        &[
            "run", "--runs", "50", "-q", "--facts", "bad.toml", "--out", "x",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // The second fact's statistic is on line 8.
    assert!(
        stderr(&o).contains("bad.toml:8:1") && stderr(&o).contains("litigation.nope"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("x").exists());
    // `validate` finds the same statistic, in one pass with the file's other problems (here
    // a negative tolerance), each at its line.
    std::fs::write(
        d.join("bad2.toml"),
        "[[fact]]\nstatistic = \"runs\"\nobserved = 50\ntolerance = -1\n\n\
         [[fact]]\nobserved = 1.0\nstatistic = \"litigation.nope\"\ntolerance = 0.1\n",
    )
    .unwrap();
    let o = pactsim(&["validate", "bad2.toml"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("bad2.toml: 2 problems"), "{out}");
    assert!(
        out.contains("bad2.toml:4:1: fact[0].tolerance = -1"),
        "{out}"
    );
    assert!(
        out.contains(
            "bad2.toml:8:1: fact[1].statistic = \"litigation.nope\": the run summary has no"
        ),
        "{out}"
    );
    // A statistic inside a value that is null in some summaries (an interval without a
    // judgment) is a field all the same; a table is named as not a number; an empty term of
    // a sum is named as such.
    std::fs::write(
        d.join("ci.toml"),
        "[[fact]]\nstatistic = \"litigation.plaintiff_win_rate_ci.0\"\nobserved = 0\ntolerance = 1\n",
    )
    .unwrap();
    ok(&pactsim(&["validate", "ci.toml"], d));
    std::fs::write(
        d.join("odd.toml"),
        "[[fact]]\nstatistic = \"outcomes.LITIGATION\"\nobserved = 0\ntolerance = 1\n\
         [[fact]]\nstatistic = \"runs+\"\nobserved = 0\ntolerance = 1\n",
    )
    .unwrap();
    let o = pactsim(&["validate", "odd.toml"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("\"outcomes.LITIGATION\" is not a number in the run summary"),
        "{out}"
    );
    assert!(
        out.contains("odd.toml:6:1") && out.contains("a term of the sum is empty"),
        "{out}"
    );
}

/// A fact may be a band (`min` and/or `max`) instead of observed ± tolerance. The shipped
/// validation bands read a run as a hand check of summary.json does; a band draws exactly the
/// acceptances of the observed ± tolerance it equals; a fact giving both forms, neither, or a
/// band whose max is below its min is refused at its line.
#[test]
fn facts_may_be_bands() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let bands = root().join("configs/bands-2026.toml");
    let (o, summary, checks) = run_against(d, &bands);
    let list = checks["facts"].as_array().unwrap();
    assert_eq!(list.len(), 6);
    let share = |class: &str| {
        summary["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["outcome"] == class)
            .unwrap()["share"]
            .as_f64()
            .unwrap()
    };
    let by_hand = [
        share("APRIL_LIKE_STRICT") + share("APRIL_LIKE_BROAD"),
        share("APRIL_LIKE_STRICT"),
        summary["litigation"]["threat_share"].as_f64().unwrap(),
        summary["litigation"]["suit_share"].as_f64().unwrap(),
        summary["time_to_agreement"]["mean_weeks"].as_f64().unwrap(),
        share("AMAZON_COLLAPSE"),
    ];
    let (mut met, mut noisy) = (0, 0);
    for (c, want) in list.iter().zip(by_hand) {
        assert!(
            c.get("observed").is_none() && c.get("tolerance").is_none(),
            "{c}"
        );
        let got = c["simulated"].as_f64().unwrap();
        assert!((got - want).abs() < 1e-12, "{c}: {want}");
        let lo = c["min"].as_f64().unwrap_or(f64::NEG_INFINITY);
        let hi = c["max"].as_f64().unwrap_or(f64::INFINITY);
        assert!(lo.is_finite() || hi.is_finite(), "{c}");
        let is_met = lo <= got && got <= hi;
        assert_eq!(c["met"].as_bool(), Some(is_met), "{c}");
        met += usize::from(is_met);
        // Every band's statistic has an interval here; an unsettled verdict says how many
        // runs would settle it, at least the 400 it has.
        let unsettled = c["settled"] == false;
        noisy += usize::from(unsettled);
        match c["runs_to_settle"].as_u64() {
            Some(n) => assert!(unsettled && n >= 400, "{c}"),
            None => assert!(!unsettled, "{c}"),
        }
    }
    let out = stdout(&o);
    assert!(out.contains(&format!("{met} of 6 facts met")), "{out}");
    // At 400 runs the baseline's plurality (about 0.87 ± 0.03 against at most 0.9) and threat
    // rate (about 0.21 ± 0.04 against at least 0.2) are within noise.
    assert!(noisy >= 1, "{out}");
    assert_eq!(out.matches("runs would settle it)").count(), noisy, "{out}");
    assert!(
        out.contains("band [0.005, 0.1]  a suit in 0.5-10% of runs"),
        "{out}"
    );
    assert!(out.contains("band ≥ 0.01  the strict April terms"), "{out}");
    assert!(out.contains("band ≤ 0.2  Amazon's deal intact"), "{out}");

    // [0.625, 0.875] is 0.75 ± 0.125 exactly (all four are binary fractions): the same draws
    // are accepted, some and not all of them.
    let stat = "statistic = \"outcomes.APRIL_LIKE_BROAD.share\"";
    std::fs::write(
        d.join("near.toml"),
        format!("[[fact]]\n{stat}\nobserved = 0.75\ntolerance = 0.125\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("band.toml"),
        format!("[[fact]]\n{stat}\nmin = 0.625\nmax = 0.875\n"),
    )
    .unwrap();
    for name in ["near", "band"] {
        ok(&pactsim(
            &[
                "calibrate",
                "--facts",
                &format!("{name}.toml"),
                "--samples",
                "40",
                "--runs",
                "20",
                "--out",
                name,
                "--no-plots",
                "-q",
            ],
            d,
        ));
    }
    let draws = |name: &str| std::fs::read_to_string(d.join(name).join("draws.csv")).unwrap();
    assert_eq!(draws("near"), draws("band"));
    let accepted = json(&d.join("band/summary.json"))["accepted"]
        .as_u64()
        .unwrap();
    assert!(accepted > 0 && accepted < 40, "{accepted}");
    let s = json(&d.join("band/summary.json"));
    assert_eq!(s["facts"][0]["min"].as_f64(), Some(0.625));
    assert!(s["facts"][0].get("observed").is_none());

    // Bad bands: both forms, neither, max below min; each named at its line, in one pass.
    std::fs::write(
        d.join("bad.toml"),
        "[[fact]]\nstatistic = \"runs\"\nobserved = 50\ntolerance = 1\nmin = 40\n\n\
         [[fact]]\nstatistic = \"runs\"\n\n\
         [[fact]]\nstatistic = \"runs\"\nmin = 60\nmax = 40\n",
    )
    .unwrap();
    let o = pactsim(&["validate", "bad.toml"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("bad.toml: 3 problems"), "{out}");
    assert!(
        out.contains(
            "bad.toml:5:1: fact[0].min = 40: a fact is either observed ± tolerance or a band"
        ),
        "{out}"
    );
    assert!(
        out.contains("bad.toml:8:1: fact[1].statistic = \"runs\": give observed and tolerance"),
        "{out}"
    );
    assert!(
        out.contains("bad.toml:13:1: fact[2].max = 40: must be at least min = 60"),
        "{out}"
    );
    let o = pactsim(
        &[
            "run", "--runs", "10", "-q", "--facts", "bad.toml", "--out", "x",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!d.join("x").exists());
}
