//! `pactsim sweep`, `merge`, `sensitivity` and `plot` of their results: expansion, seed
//! stability, byte-identical outputs across threads, shards and resumes, bad sweep files.

use crate::util::*;
use std::path::Path;

const SWEEP: &str = r#"
[sweep]
name = "t"
runs = 300
seed = 11
[[axis]]
path = "litigation.win_probability_mean"
label = "Microsoft's mean win probability (probability)"
values = [0.4, 0.6, 0.7]
[[axis]]
path = "microsoft.antitrust_cost_of_suing"
label = "antitrust cost of suing ($B)"
from = 1.0
to = 10.0
steps = 3
scale = "log"
"#;

fn write(dir: &Path, name: &str, text: &str) -> String {
    std::fs::write(dir.join(name), text).unwrap();
    name.to_string()
}

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
}

#[test]
fn threads_shards_and_merge_give_identical_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = write(d, "s.toml", SWEEP);
    ok(&pactsim(
        &["sweep", &f, "--out", "one", "--threads", "1", "-q"],
        d,
    ));
    ok(&pactsim(
        &["sweep", &f, "--out", "two", "--threads", "2", "-q"],
        d,
    ));
    assert_same_dirs(&d.join("one"), &d.join("two"));
    let csv = std::fs::read_to_string(d.join("one/outcomes.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 9 * 8, "9 cells × 8 outcomes");
    // Uneven split: 9 cells over 4 shards (2, 2, 2, 3), given out of order.
    for i in [3, 0, 2, 1] {
        let spec = format!("{i}/4");
        ok(&pactsim(
            &["sweep", &f, "--shard", &spec, "--out", "shards", "-q"],
            d,
        ));
    }
    ok(&pactsim(&["merge", "shards", "--out", "merged"], d));
    assert_same_dirs(&d.join("one"), &d.join("merged"));
    // Every cell present exactly once: a missing shard is refused, with no output.
    std::fs::remove_file(d.join("shards/shard-0002-of-0004.jsonl")).unwrap();
    let o = pactsim(&["merge", "shards", "--out", "bad"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing"), "{}", stderr(&o));
    assert!(!d.join("bad").exists());
    // Slurm variables stand in for --shard.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_pactsim"))
        .args(["sweep", &f, "--out", "shards", "-q"])
        .env("SLURM_ARRAY_TASK_ID", "2")
        .env("SLURM_ARRAY_TASK_COUNT", "4")
        .current_dir(d)
        .output()
        .unwrap();
    ok(&o);
    ok(&pactsim(
        &["merge", "shards", "--out", "merged2", "--no-plots"],
        d,
    ));
    assert_eq!(
        std::fs::read(d.join("merged2/summary.json")).unwrap(),
        std::fs::read(d.join("one/summary.json")).unwrap()
    );
    // Re-plotting reproduces the plots without re-running.
    std::fs::remove_dir_all(d.join("one/plots")).unwrap();
    ok(&pactsim(&["plot", "one"], d));
    assert_same_dirs(&d.join("one"), &d.join("two"));
}

/// The printed sweep table shows each cell's threat and suit rates next to its outcome shares,
/// the same numbers as the cell's summary.
#[test]
fn the_sweep_table_shows_threat_and_suit_rates() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = write(d, "s.toml", SWEEP);
    let o = pactsim(&["sweep", &f, "--out", "one", "--no-plots"], d);
    ok(&o);
    let text = stdout(&o);
    let header = text
        .lines()
        .find(|l| l.trim_start().starts_with("cell"))
        .expect("a header row");
    assert!(
        header.contains("THREATS") && header.contains("SUITS"),
        "{header}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("one/summary.json")).unwrap())
            .unwrap();
    let cells = summary["cells"].as_array().unwrap();
    for (k, cell) in cells.iter().enumerate() {
        let l = &cell["summary"]["litigation"];
        let rate = |key: &str| l[key].as_f64().unwrap();
        let row = text
            .lines()
            .find(|line| line.split_whitespace().next() == Some(&k.to_string()))
            .unwrap_or_else(|| panic!("row of cell {k}: {text}"));
        let fields: Vec<&str> = row.split_whitespace().collect();
        let n = fields.len();
        assert_eq!(
            fields[n - 3],
            format!("{:.4}", rate("threat_share")),
            "{row}"
        );
        assert_eq!(fields[n - 2], format!("{:.4}", rate("suit_share")), "{row}");
    }
    // Under the table: the widest 95% half-width of any share it shows (the outcome classes
    // seen in some cell, threats and suits), with the √2 rule for a difference of two cells.
    let mut shown = std::collections::BTreeSet::new();
    for cell in cells {
        for o in cell["summary"]["outcomes"].as_array().unwrap() {
            if o["count"].as_u64().unwrap() > 0 {
                shown.insert(o["outcome"].as_str().unwrap().to_string());
            }
        }
    }
    let mut widest = 0.0f64;
    for cell in cells {
        for o in cell["summary"]["outcomes"].as_array().unwrap() {
            if shown.contains(o["outcome"].as_str().unwrap()) {
                let half = (o["ci_high"].as_f64().unwrap() - o["ci_low"].as_f64().unwrap()) / 2.0;
                widest = widest.max(half);
            }
        }
        let l = &cell["summary"]["litigation"];
        for key in ["threat_share_ci", "suit_share_ci"] {
            let ci = &l[key];
            widest = widest.max((ci[1].as_f64().unwrap() - ci[0].as_f64().unwrap()) / 2.0);
        }
    }
    let line = format!("widest 95% interval of a share above: ±{widest:.4} (");
    assert!(text.contains(&line), "{line} in {text}");
    // The classes no cell has get no column (nor heat map or line-plot series), and the
    // table says which they are.
    let absent: Vec<&str> = cells[0]["summary"]["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["outcome"].as_str().unwrap())
        .filter(|o| !shown.contains(*o))
        .collect();
    assert!(!absent.is_empty(), "every class occurs: {text}");
    let line = format!(
        "in no cell, so no column, heat map or line-plot series: {}\n",
        absent.join(", ")
    );
    assert!(text.contains(&line), "{line} in {text}");
    let rule = format!(
        "beyond noise only when larger than about √2 × that ({:.4})",
        std::f64::consts::SQRT_2 * widest
    );
    assert!(text.contains(&rule), "{rule} in {text}");
    // Threats respond to the merit axis: more at θ 0.7 than at 0.4 (cells 6–8 against 0–2).
    let threats = |k: usize| {
        cells[k]["summary"]["litigation"]["threats"]
            .as_u64()
            .unwrap()
    };
    assert!(
        (6..9).map(threats).sum::<u64>() > (0..3).map(threats).sum::<u64>(),
        "{text}"
    );
}

/// `sweep --facts FILE` adds a FACTS column: how many facts each cell meets, read from the
/// cell's own summary. Not with a shard (exit 2, nothing written).
#[test]
fn the_sweep_table_counts_the_facts_each_cell_meets() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = write(d, "s.toml", SWEEP);
    // Always met (every cell has 300 runs), never met (a share is at most 1), and met exactly
    // where a cell's threat rate is at most 0.25.
    let facts = write(
        d,
        "facts.toml",
        "[[fact]]\nstatistic = \"runs\"\nobserved = 300\ntolerance = 0\n\n\
         [[fact]]\nstatistic = \"litigation.threat_share\"\nobserved = 2.0\ntolerance = 0.5\n\n\
         [[fact]]\nstatistic = \"litigation.threat_share\"\nobserved = 0.0\ntolerance = 0.25\n",
    );
    let o = pactsim(
        &["sweep", &f, "--out", "one", "--no-plots", "--facts", &facts],
        d,
    );
    ok(&o);
    let text = stdout(&o);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("one/summary.json")).unwrap())
            .unwrap();
    let (mut low, mut high) = (0, 0);
    let mut marks = Vec::new();
    for (k, cell) in summary["cells"].as_array().unwrap().iter().enumerate() {
        let threat = cell["summary"]["litigation"]["threat_share"]
            .as_f64()
            .unwrap();
        let want = if threat <= 0.25 { "2/3" } else { "1/3" };
        if threat <= 0.25 {
            low += 1;
        } else {
            high += 1;
        }
        let row = text
            .lines()
            .find(|line| line.split_whitespace().next() == Some(&k.to_string()))
            .unwrap_or_else(|| panic!("row of cell {k}: {text}"));
        let fields: Vec<&str> = row.split_whitespace().collect();
        let shown = fields[fields.len() - 2];
        assert_eq!(shown.trim_end_matches('~'), want, "{row}");
        marks.push(shown.ends_with('~'));
    }
    // The sweep has cells on both sides of the threshold, so both counts are exercised.
    assert!(low > 0 && high > 0, "{text}");
    // facts.json holds the same counts, cell by cell, with each fact's check.
    let read = |dir: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(d.join(dir).join("facts.json")).unwrap())
            .unwrap()
    };
    let met = read("one");
    assert_eq!(met["facts_file"], "facts.toml");
    assert_eq!(met["facts"], 3);
    let met_cells = met["cells"].as_array().unwrap();
    assert_eq!(met_cells.len(), summary["cells"].as_array().unwrap().len());
    for (k, cell) in met_cells.iter().enumerate() {
        assert_eq!(cell["cell"], k as u64);
        let checks = cell["checks"].as_array().unwrap();
        assert_eq!(checks.len(), 3);
        let counted = checks.iter().filter(|c| c["met"] == true).count();
        assert_eq!(cell["met"], counted as u64, "{cell}");
        let threat = summary["cells"][k]["summary"]["litigation"]["threat_share"].clone();
        assert_eq!(checks[1]["simulated"], threat);
        assert_eq!(
            cell["met"],
            if threat.as_f64().unwrap() <= 0.25 {
                2
            } else {
                1
            }
        );
        // `runs` has no interval; the threat rate has its own, and a verdict is within
        // noise when that interval reaches across 0.25 (the first threat fact, 2 ± 0.5, is
        // far from any rate). The table marks such a cell with `~`.
        assert!(checks[0].get("ci").is_none(), "{cell}");
        let ci = &summary["cells"][k]["summary"]["litigation"]["threat_share_ci"];
        assert_eq!(checks[2]["ci"], *ci);
        let crosses = ci[0].as_f64().unwrap() <= 0.25 && ci[1].as_f64().unwrap() > 0.25;
        assert_eq!(checks[1]["settled"], true);
        assert_eq!(checks[2]["settled"], !crosses, "{cell}");
        assert_eq!(cell["within_noise"], u64::from(crosses));
        assert_eq!(marks[k], crosses, "cell {k}");
    }
    // Apart from facts.json the results are those of a sweep without --facts, which writes
    // no facts.json.
    ok(&pactsim(
        &["sweep", &f, "--out", "two", "--no-plots", "-q"],
        d,
    ));
    assert!(!d.join("two/facts.json").exists());
    std::fs::remove_file(d.join("one/facts.json")).unwrap();
    // The list of files pactsim wrote there names it too.
    let listed = d.join("one/.pactsim-files");
    let list = std::fs::read_to_string(&listed).unwrap();
    assert!(list.lines().any(|l| l == "facts.json"), "{list}");
    let rest: String = list
        .lines()
        .filter(|l| *l != "facts.json")
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&listed, rest).unwrap();
    assert_same_dirs(&d.join("one"), &d.join("two"));
    let o = pactsim(
        &[
            "sweep", &f, "--shard", "0/2", "--out", "sh", "--facts", &facts, "-q",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--facts"), "{}", stderr(&o));
    assert!(!d.join("sh").exists());
    // Sharded, the merge takes --facts and prints the same table.
    for i in ["0/2", "1/2"] {
        ok(&pactsim(
            &["sweep", &f, "--shard", i, "--out", "sh", "-q"],
            d,
        ));
    }
    let merged = pactsim(
        &[
            "merge",
            "sh",
            "--out",
            "merged",
            "--no-plots",
            "--facts",
            &facts,
        ],
        d,
    );
    ok(&merged);
    let table = |t: &str| -> Vec<String> {
        t.lines()
            .skip_while(|l| !l.trim_start().starts_with("cell"))
            .take_while(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    assert!(table(&text).len() > 9, "{text}");
    assert_eq!(table(&stdout(&merged)), table(&text));
    assert_eq!(read("merged"), met, "the merge's facts.json is the sweep's");
    // A statistic the merged summary lacks: exit 2, and no merged directory.
    let bad = write(
        d,
        "bad.toml",
        "[[fact]]\nstatistic = \"nope\"\nobserved = 1.0\ntolerance = 0.1\n",
    );
    let o = pactsim(&["merge", "sh", "--out", "m2", "--facts", &bad], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("bad.toml"), "{}", stderr(&o));
    assert!(!d.join("m2").exists());
}

/// With --facts a two-axis grid gains a heat map of the facts each cell meets, which `pactsim
/// plot` draws again from the results directory alone; without --facts there is none.
#[test]
fn a_sweep_read_against_facts_maps_the_facts_met() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = write(d, "s.toml", SWEEP);
    let facts = write(
        d,
        "facts.toml",
        "[[fact]]\nstatistic = \"runs\"\nobserved = 300\ntolerance = 0\n\n\
         [[fact]]\nstatistic = \"litigation.threat_share\"\nmax = 0.25\n",
    );
    ok(&pactsim(
        &[
            "sweep", &f, "--out", "one", "--format", "svg", "-q", "--facts", &facts,
        ],
        d,
    ));
    let map = d.join("one/plots/heatmap_facts_met.svg");
    let svg = std::fs::read_to_string(&map).unwrap();
    assert!(
        svg.contains("Facts met (of 2)"),
        "title in {}",
        map.display()
    );
    assert!(
        svg.contains("facts: facts.toml"),
        "subtitle names the facts file"
    );
    std::fs::remove_dir_all(d.join("one/plots")).unwrap();
    ok(&pactsim(&["plot", "one", "--format", "svg"], d));
    assert_eq!(
        std::fs::read_to_string(&map).unwrap(),
        svg,
        "re-rendered from the directory"
    );
    ok(&pactsim(
        &["sweep", &f, "--out", "two", "--format", "svg", "-q"],
        d,
    ));
    assert!(d.join("two/plots/heatmap_april_like_broad.svg").exists());
    assert!(!d.join("two/plots/heatmap_facts_met.svg").exists());
}

/// A shard edited by hand so that a cell contradicts itself (counts that do not add up to its
/// runs, runs other than the sweep's) is refused by `merge`, naming the file, line and cell.
#[test]
fn merge_refuses_cells_that_contradict_themselves() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = write(d, "s.toml", SWEEP);
    ok(&pactsim(
        &["sweep", &f, "--shard", "0/1", "--out", "sh", "-q"],
        d,
    ));
    let shard = d.join("sh/shard-0000-of-0001.jsonl");
    let good = std::fs::read_to_string(&shard).unwrap();
    let edit = |line: usize, from: &str, to: &str| {
        let mut lines: Vec<String> = good.lines().map(String::from).collect();
        assert!(
            lines[line].contains(from),
            "fixture: {from} in {}",
            lines[line]
        );
        lines[line] = lines[line].replacen(from, to, 1);
        std::fs::write(&shard, lines.join("\n") + "\n").unwrap();
    };
    let cell: serde_json::Value = serde_json::from_str(good.lines().nth(2).unwrap()).unwrap();
    let runs = cell["summary"]["runs"].as_u64().unwrap();
    let count = cell["summary"]["outcomes"][4]["count"].as_u64().unwrap();
    for (from, to, expect) in [
        (
            format!("\"count\":{count},"),
            "\"count\":1000000,".to_string(),
            "cell 1 is inconsistent: its outcome counts add up to",
        ),
        (
            format!("\"runs\":{runs},"),
            "\"runs\":0,".to_string(),
            "cell 1 is inconsistent: runs = 0, but the sweep has",
        ),
    ] {
        edit(2, &from, &to);
        let o = pactsim(&["merge", "sh", "--out", "m", "--no-plots"], d);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("shard-0000-of-0001.jsonl:3: "),
            "{}",
            stderr(&o)
        );
        assert!(stderr(&o).contains(expect), "{}", stderr(&o));
        assert!(!d.join("m").exists());
    }
    std::fs::write(&shard, &good).unwrap();
    ok(&pactsim(&["merge", "sh", "--out", "m", "--no-plots"], d));
}

#[test]
fn resume_continues_a_torn_checkpoint_to_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = write(d, "s.toml", SWEEP);
    ok(&pactsim(
        &["sweep", &f, "--shard", "0/1", "--out", "full", "-q"],
        d,
    ));
    // An interrupted shard: header, four complete cells and half a line.
    let full = std::fs::read_to_string(d.join("full/shard-0000-of-0001.jsonl")).unwrap();
    let lines: Vec<&str> = full.lines().collect();
    std::fs::create_dir_all(d.join("part")).unwrap();
    let mut torn = lines[..5].join("\n");
    torn.push('\n');
    torn.push_str(&lines[5][..lines[5].len() / 2]);
    std::fs::write(d.join("part/shard-0000-of-0001.jsonl.partial"), torn).unwrap();
    ok(&pactsim(
        &[
            "sweep", &f, "--shard", "0/1", "--out", "part", "--resume", "-q",
        ],
        d,
    ));
    assert_eq!(
        std::fs::read_to_string(d.join("part/shard-0000-of-0001.jsonl")).unwrap(),
        full
    );
    // Unsharded resume from the hidden checkpoint.
    ok(&pactsim(
        &["sweep", &f, "--out", "whole", "--no-plots", "-q"],
        d,
    ));
    let mut cp = lines[..3].join("\n");
    cp.push('\n');
    std::fs::write(d.join(".again.sweep-progress.jsonl"), cp).unwrap();
    ok(&pactsim(
        &[
            "sweep",
            &f,
            "--out",
            "again",
            "--resume",
            "--no-plots",
            "-q",
        ],
        d,
    ));
    assert_same_dirs(&d.join("whole"), &d.join("again"));
    assert!(!d.join(".again.sweep-progress.jsonl").exists());
}

#[test]
fn adding_cells_never_changes_existing_cells() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let a = write(d, "a.toml", SWEEP);
    let b = write(
        d,
        "b.toml",
        &SWEEP.replace("[0.4, 0.6, 0.7]", "[0.3, 0.4, 0.5, 0.6, 0.7]"),
    );
    ok(&pactsim(
        &["sweep", &a, "--out", "a", "--no-plots", "-q"],
        d,
    ));
    ok(&pactsim(
        &["sweep", &b, "--out", "b", "--no-plots", "-q"],
        d,
    ));
    let rows = |dir: &str| -> Vec<String> {
        std::fs::read_to_string(d.join(dir).join("outcomes.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split_once(',').unwrap().1.to_string())
            .collect()
    };
    let (ra, rb) = (rows("a"), rows("b"));
    assert_eq!(rb.len(), 15 * 8);
    for r in &ra {
        assert!(rb.contains(r), "cell row changed: {r}");
    }
    // A cell equals `pactsim run` of the same scenario and seed.
    ok(&pactsim(
        &[
            "run",
            "--runs",
            "300",
            "--seed",
            "11",
            "--set",
            "litigation.win_probability_mean=0.6",
            "--set",
            "microsoft.antitrust_cost_of_suing=10.0",
            "--out",
            "r",
            "--no-plots",
            "-q",
        ],
        d,
    ));
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("r/summary.json")).unwrap()).unwrap();
    let sweep: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("a/summary.json")).unwrap()).unwrap();
    assert_eq!(sweep["cells"][5]["summary"], run);
}

#[test]
fn plots_are_valid_png_and_svg() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = write(d, "s.toml", SWEEP);
    ok(&pactsim(&["sweep", &f, "--out", "s", "-q"], d));
    ok(&pactsim(
        &[
            "sensitivity",
            "--target",
            "APRIL_LIKE_BROAD",
            "--runs",
            "100",
            "--trajectories",
            "2",
            "--out",
            "sens",
            "-q",
        ],
        d,
    ));
    for (dir, stems) in [
        (
            "s",
            &[
                "heatmap_april_like_broad",
                "heatmap_threat",
                "heatmap_credible_threat",
                "modal_outcome",
                "line_0_win_probability_mean",
                "time_to_agreement",
                "payoffs_openai",
            ][..],
        ),
        ("sens", &["tornado", "morris"][..]),
    ] {
        for stem in stems {
            let png = std::fs::read(d.join(dir).join("plots").join(format!("{stem}.png"))).unwrap();
            assert!(
                png.len() > 1000 && png.starts_with(b"\x89PNG\r\n\x1a\n"),
                "{stem}"
            );
            let svg =
                std::fs::read_to_string(d.join(dir).join("plots").join(format!("{stem}.svg")))
                    .unwrap();
            assert!(
                svg.contains("<svg") && svg.trim_end().ends_with("</svg>"),
                "{stem}"
            );
        }
    }
    let o = pactsim(&["sensitivity", "--target", "NOPE", "-q"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("APRIL_LIKE_BROAD"));
}

/// A sweep file's problems are all reported in one pass, each at its line: an unknown key
/// does not hide the axes' problems (a repeated value, `steps = 0`, a log range that gives a
/// non-integer value of an integer parameter, reported at its `scale`), and a wrong-typed value reports nothing its
/// placeholder causes. `validate` and `sweep` say the same; exit 2, nothing left behind.
#[test]
fn every_problem_of_a_sweep_file_is_reported_in_one_pass() {
    let bad = SWEEP
        .replace("seed = 11", "seed = 11\ncolour = \"red\"")
        .replace("[0.4, 0.6, 0.7]", "[0.4, 0.4, 0.7]")
        .replace("steps = 3", "steps = 0")
        + "[[axis]]\npath = \"simulation.horizon_weeks\"\nfrom = 10\nto = 20\nsteps = 3\nscale = \"log\"\n";
    refused_sweep(
        &bad,
        &[
            "s.toml: 4 problems",
            "s.toml:6:1: sweep.colour: not a valid sweep file: unknown field `colour`",
            "s.toml:10:1: axis[0].values = 0.4: duplicate value on the axis of \
             litigation.win_probability_mean",
            "s.toml:16:1: axis[1].steps = 0: steps must be 1 or more",
            // At `scale`, the key that makes 10..20 in 3 steps fractional.
            "s.toml:23:1: axis[2].scale = \"log\": simulation.horizon_weeks is an integer, but \
             scale = \"log\" with from = 10, to = 20 and steps = 3 gives 14.1421356237, not \
             whole numbers",
        ],
    );
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // A placeholder (for `from = "low"`, for the missing runs) causes no problem of its own.
    let text = bad
        .replace("from = 1.0", "from = \"low\"")
        .replace("runs = 300\n", "");
    let f = write(d, "t.toml", &text);
    let o = pactsim(&["validate", &f], d);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(out.contains("t.toml: 5 problems"), "{out}");
    assert!(out.contains("t.toml:2:1: sweep.runs: not a valid sweep file: missing field `runs`"));
    assert!(
        out.contains("t.toml:13:1: axis[1].from = \"low\": invalid type"),
        "{out}"
    );
    assert!(
        !out.contains("axis[1].steps") && !out.contains("runs per cell"),
        "{out}"
    );
}

/// Runs `validate` and `sweep` on `text` (as `s.toml`): both exit 2 with every line of
/// `want` in their report and leave nothing behind.
fn refused_sweep(text: &str, want: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = write(d, "s.toml", text);
    for args in [
        vec!["validate", f.as_str()],
        vec!["sweep", &f, "--out", "o", "-q"],
    ] {
        let o = pactsim(&args, d);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let out = format!("{}{}", stdout(&o), stderr(&o));
        for w in want {
            assert!(out.contains(w), "{args:?}: `{w}` not in:\n{out}");
        }
        assert_eq!(files(d), vec![std::path::PathBuf::from("s.toml")]);
    }
}

/// A problem of the sweep's `[scenario]` changes is reported at its own line under its own
/// path (`scenario.…`, as written), beside the axes' problems, which are still checked; so is
/// an unknown key of a table under `[scenario]`, a bad `sweep.set` entry and a problem of
/// the base file (named with its file and line).
#[test]
fn scenario_changes_are_checked_with_the_axes() {
    refused_sweep(
        concat!(
            "base = \"april-2026\"\n",
            "scenario.nope = 3\n",
            "scenario.litigation.win_probability_mean = 1.5\n",
            "[sweep]\n",
            "name = \"t\"\n",
            "runs = 10\n",
            "[[axis]]\n",
            "path = \"litigation.threat_suit_belief\"\n",
            "from = 0.1\n",
            "to = 0.5\n",
            "steps = 0\n",
        ),
        &[
            "s.toml: 3 problems",
            "s.toml:2:1: scenario.nope: unknown field `nope`, expected one of `meta`",
            "s.toml:3:1: scenario.litigation.win_probability_mean = 1.5: allowed range is \
             [0.01, 0.99]",
            "s.toml:11:1: axis[0].steps = 0: steps must be 1 or more",
        ],
    );
    refused_sweep(
        concat!(
            "[sweep]\n",
            "name = \"t\"\n",
            "runs = 10\n",
            "[scenario.litigation]\n",
            "nope = 1\n",
            "[[axis]]\n",
            "path = \"litigation.threat_suit_belief\"\n",
            "values = [0.2, 0.2]\n",
        ),
        &[
            "s.toml: 2 problems",
            "s.toml:5:1: scenario.litigation.nope: unknown field `nope`",
            "s.toml:8:1: axis[0].values = 0.2: duplicate value",
        ],
    );
    refused_sweep(
        concat!(
            "[sweep]\n",
            "name = \"t\"\n",
            "runs = 10\n",
            "set = [\"litigation.win_probability_mean=1.5\"]\n",
            "[[axis]]\n",
            "path = \"litigation.threat_suit_belief\"\n",
            "values = [0.2, 0.2]\n",
        ),
        &[
            "s.toml: 2 problems",
            "s.toml:4:1: sweep.set = \"litigation.win_probability_mean=1.5\": allowed range is \
             [0.01, 0.99]",
            "s.toml:7:1: axis[0].values = 0.2: duplicate value",
        ],
    );
    // A problem of the base file itself: named with that file's line.
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "b.toml",
        "base = \"april-2026\"\n[litigation]\nwin_probability_mean = 1.5\n",
    );
    let f = write(
        d,
        "s.toml",
        "base = \"b.toml\"\n[sweep]\nname = \"t\"\nruns = 10\n[[axis]]\npath = \
         \"litigation.threat_suit_belief\"\nvalues = [0.2, 0.2]\n",
    );
    let o = pactsim(&["validate", &f], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "s.toml: 2 problems",
        "s.toml:7:1: axis[0].values = 0.2: duplicate value",
        "s.toml: litigation.win_probability_mean = 1.5: allowed range is [0.01, 0.99] (set in \
         base b.toml:3:1)",
    ] {
        assert!(out.contains(want), "`{want}` not in:\n{out}");
    }
}

/// Axes written as an inline array of tables are reported at the offending key inside their
/// entry (line and column), as `[[axis]]` entries are at their key's line.
#[test]
fn inline_axes_are_reported_at_their_entries() {
    refused_sweep(
        concat!(
            "sweep = { name = \"t\", runs = 10 }\n",
            "axis = [{ path = \"litigation.threat_suit_belief\", values = [0.2, 0.2] },\n",
            "        { path = \"antitrust.nope\", values = [0.25] },\n",
            "        { path = \"litigation.win_probability_mean\",\n",
            "          from = 0.1, to = 0.5, steps = 0 },\n",
            "        { path = \"simulation.horizon_weeks\", from = \"low\", to = 5, steps = 2 }]\n",
        ),
        &[
            "s.toml: 4 problems",
            "s.toml:2:51: axis[0].values = 0.2: duplicate value on the axis of \
             litigation.threat_suit_belief",
            "s.toml:3:11: axis[1] antitrust.nope = antitrust.nope: unknown parameter path",
            "s.toml:5:33: axis[2].steps = 0: steps must be 1 or more",
            "s.toml:6:46: axis[3].from = \"low\": invalid type",
        ],
    );
}

/// A swept value out of its parameter's range is reported in the same pass as a problem of
/// the `[scenario]` changes or of the settings (it was not: the cells were not built), for
/// each cell that holds it, at the `values` of an `[[axis]]` table.
#[test]
fn swept_values_are_checked_beside_the_scenario_changes() {
    refused_sweep(
        concat!(
            "base = \"april-2026\"\n",
            "scenario.litigation.win_probability_mean = 1.5\n",
            "[sweep]\n",
            "name = \"t\"\n",
            "runs = 0\n",
            "[[axis]]\n",
            "path = \"litigation.threat_suit_belief\"\n",
            "values = [0.2, 1.5]\n",
            "[[axis]]\n",
            "path = \"antitrust.initial\"\n",
            "values = [0.25, 0.45]\n",
        ),
        &[
            "s.toml: 4 problems",
            "s.toml:2:1: scenario.litigation.win_probability_mean = 1.5: allowed range is \
             [0.01, 0.99]",
            "s.toml:5:1: sweep.runs = 0: runs per cell must be 1 or more",
            "s.toml:8:1: cell 2: litigation.threat_suit_belief = 1.5: a probability must lie in \
             [0, 1] (cell 2: litigation.threat_suit_belief=1.5, antitrust.initial=0.25)",
            "s.toml:8:1: cell 3: litigation.threat_suit_belief = 1.5",
        ],
    );
}

/// In an inline array of axes, a swept value the scenario refuses is reported at the value
/// itself (it was reported at the entry's `path`), also when the base is fine.
#[test]
fn an_inline_axis_value_is_reported_at_the_value() {
    refused_sweep(
        concat!(
            "sweep = { name = \"t\", runs = 10 }\n",
            "axis = [{ path = \"discount.openai\", values = [0.2, 7.0] },\n",
            "        { path = \"antitrust.initial\",\n",
            "          values = [0.25,\n",
            "                    -0.5] }]\n",
        ),
        &[
            "s.toml: 4 problems",
            "s.toml:2:52: cell 2: discount.openai = 7: allowed range is [0.001, 2]",
            "s.toml:2:52: cell 3: discount.openai = 7",
            "s.toml:5:21: cell 1: antitrust.initial = -0.5: a probability must lie in [0, 1]",
            "s.toml:5:21: cell 3: antitrust.initial = -0.5",
        ],
    );
}

/// Two processes computing the same shard: the second is refused, naming the shard file
/// (not a "results directory") and the holder.
#[test]
fn a_busy_shard_names_the_shard_file() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = write(d, "s.toml", SWEEP);
    std::fs::create_dir(d.join("sh")).unwrap();
    let lock = sim::outdir::OutputLock::acquire(
        &d.join("sh/.shard-0000-of-0002.lock"),
        &d.join("sh/shard-0000-of-0002.jsonl"),
        sim::outdir::Locked::ShardFile,
    )
    .unwrap();
    let o = pactsim(&["sweep", &f, "--shard", "0/2", "--out", "sh", "-q"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let want = format!(
        "error: shard file sh/shard-0000-of-0002.jsonl is in use by pid {} (lock \
         sh/.shard-0000-of-0002.lock); wait for it to finish or choose another --out",
        std::process::id()
    );
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));
    assert!(!d.join("sh/shard-0000-of-0002.jsonl").exists());
    drop(lock);
    ok(&pactsim(
        &["sweep", &f, "--shard", "0/2", "--out", "sh", "-q"],
        d,
    ));
}

#[test]
fn bad_sweep_files_exit_2_and_leave_nothing() {
    let cases = [
        (
            SWEEP.replace("litigation.win_probability_mean", "litigation.nope"),
            "unknown parameter path",
        ),
        (SWEEP.replace("[0.4, 0.6, 0.7]", "[]"), "empty axis"),
        (
            SWEEP.replace("steps = 3", "steps = 0"),
            "steps must be 1 or more",
        ),
        (
            SWEEP.replace("[0.4, 0.6, 0.7]", "[0.4, 1.6]"),
            "cell 3: litigation.win_probability_mean",
        ),
        (SWEEP.replace("runs = 300", "runs = 300\nrunz = 1"), "runz"),
    ];
    for (text, expect) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        let f = write(d, "s.toml", &text);
        let o = pactsim(&["sweep", &f, "--out", "o", "-q"], d);
        assert_eq!(o.status.code(), Some(2), "{expect}: {}", stderr(&o));
        assert!(stderr(&o).contains(expect), "{expect}: {}", stderr(&o));
        assert!(stderr(&o).contains("s.toml"), "{}", stderr(&o));
        assert_eq!(files(d), vec![std::path::PathBuf::from("s.toml")]);
    }
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = write(d, "s.toml", SWEEP);
    let o = pactsim(&["sweep", &f, "--shard", "5/4", "--out", "o", "-q"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--shard 5/4"), "{}", stderr(&o));
    assert_eq!(files(d), vec![std::path::PathBuf::from("s.toml")]);
}

#[test]
fn example_sweeps_validate() {
    // Validate (not run) every shipped sweep file: the shard is checked after the file, so
    // an impossible shard stops right after validation.
    for e in std::fs::read_dir(root().join("configs")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("sweep") && name.ends_with(".toml")) {
            continue;
        }
        let tmp = tempfile::tempdir().unwrap();
        let o = pactsim(
            &["sweep", p.to_str().unwrap(), "--shard", "9/3", "--out", "o"],
            tmp.path(),
        );
        // The file validated (else its error would come first), then the shard was refused.
        assert!(stderr(&o).contains("--shard 9/3"), "{name}: {}", stderr(&o));
    }
}
