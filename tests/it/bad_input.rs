//! Bad input exits with code 2, names the file, line, parameter path, value and what is
//! allowed, and leaves no results directory behind.

use crate::util::*;
use std::path::Path;

const BASE: &str = include_str!("../../configs/april-2026.toml");

/// Writes the baseline with `from` replaced by `to`, runs it, and checks the failure.
fn check_bad_file(from: &str, to: &str, expect: &[&str]) {
    assert!(
        BASE.contains(from),
        "test fixture: `{from}` not in the baseline"
    );
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.toml");
    std::fs::write(&file, BASE.replacen(from, to, 1)).unwrap();
    let o = pactsim(
        &["run", "bad.toml", "--runs", "10", "--out", "res", "-q"],
        tmp.path(),
    );
    assert_failed_cleanly(&o, tmp.path(), expect);
}

fn assert_failed_cleanly(o: &std::process::Output, dir: &Path, expect: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    for e in expect {
        assert!(err.contains(e), "missing `{e}` in: {err}");
    }
    let left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "bad.toml")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn unknown_key() {
    check_bad_file(
        "seed = 20260427",
        "seed = 20260427\nsede = 1",
        &["bad.toml:", "unknown field `sede`", "expected one of"],
    );
}

#[test]
fn wrong_type() {
    check_bad_file(
        "horizon_weeks = 52",
        "horizon_weeks = \"fifty\"",
        &["bad.toml:14:", "invalid type"],
    );
}

#[test]
fn probability_outside_unit_interval() {
    check_bad_file(
        "win_probability = 0.35",
        "win_probability = 1.35",
        &["bad.toml:", "musk.win_probability", "1.35", "[0, 1]"],
    );
}

/// A commitment is spread over at most the ten years 2026–2035: more years are refused, not
/// silently cut to ten (as an earlier build did).
#[test]
fn commitment_years_beyond_the_model() {
    run_set_fails(
        "cloud.aws_commitment_years=11",
        &[
            "cloud.aws_commitment_years = 11",
            "allowed: an integer from 1 to 10 (a commitment is spread over at most the 10 years \
             2026–2035)",
        ],
    );
    run_set_fails(
        "cloud.azure_commitment_years=0",
        &["cloud.azure_commitment_years = 0", "from 1 to 10"],
    );
}

#[test]
fn negative_cost() {
    check_bad_file(
        "antitrust_cost_of_suing = 3.0 ",
        "antitrust_cost_of_suing = -3.0 ",
        &[
            "microsoft.antitrust_cost_of_suing",
            "-3",
            "allowed range is [0, 1000]",
        ],
    );
}

#[test]
fn recognition_must_sum_to_one() {
    check_bad_file(
        "recognition = { microsoft = 0.4, openai = 0.4, amazon = 0.2 }",
        "recognition = { microsoft = 0.5, openai = 0.4, amazon = 0.2 }",
        &[
            "bad.toml:18:",
            "protocol.recognition",
            "sum 1.1",
            "must sum to 1",
        ],
    );
}

#[test]
fn zero_horizon() {
    check_bad_file(
        "horizon_weeks = 52",
        "horizon_weeks = 0",
        &["bad.toml:14:", "simulation.horizon_weeks", "1..=520"],
    );
}

#[test]
fn unknown_strategy() {
    check_bad_file(
        "strategy = \"payoff-driven\"",
        "strategy = \"tit-for-two-tats\"",
        &[
            "agents.microsoft.strategy",
            "tit-for-two-tats",
            "unknown strategy",
            "payoff-driven",
        ],
    );
}

#[test]
fn bad_strategy_parameter() {
    check_bad_file(
        "params = { beta = 1.0, kappa = 0.0, deadline_weeks = 45.0",
        "params = { beta = -1.0, kappa = 0.0, deadline_weeks = 45.0",
        &["agents.microsoft.params.beta", "-1"],
    );
}

#[test]
fn every_problem_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let text = BASE
        .replacen("win_probability = 0.35", "win_probability = 2.0", 1)
        .replacen("ftc_jump = 0.3", "ftc_jump = 3.0", 1)
        .replacen("stake = 0.27", "stake = -0.27", 1);
    std::fs::write(tmp.path().join("bad.toml"), text).unwrap();
    let o = pactsim(&["validate", "bad.toml"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(out.contains("3 problems"), "{out}");
    for p in [
        "musk.win_probability",
        "antitrust.ftc_jump",
        "microsoft.stake",
    ] {
        assert!(out.contains(p), "{out}");
    }
}

#[test]
fn unreadable_file() {
    let tmp = tempfile::tempdir().unwrap();
    let o = pactsim(&["run", "missing.toml", "--out", "res", "-q"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.toml") && stderr(&o).contains("cannot read"));
    assert!(!tmp.path().join("res").exists());
}

#[test]
fn not_toml() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bad.toml"), "this is [not toml\n").unwrap();
    let o = pactsim(&["run", "bad.toml", "--out", "res", "-q"], tmp.path());
    assert_failed_cleanly(&o, tmp.path(), &["bad.toml:1:", "not valid TOML"]);
}

/// `pactsim run --set SET` fails as bad input naming every `expect`, leaving nothing behind.
fn run_set_fails(set: &str, expect: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let o = pactsim(&["run", "--set", set, "--out", "res", "-q"], tmp.path());
    assert_failed_cleanly(&o, tmp.path(), expect);
}

#[test]
fn bad_set_path() {
    run_set_fails(
        "litigation.win_prob=0.4",
        &[
            "litigation.win_prob",
            "unknown parameter path",
            "win_probability_mean",
        ],
    );
}

#[test]
fn bad_set_value() {
    run_set_fails(
        "litigation.win_probability_mean=high",
        &[
            "litigation.win_probability_mean",
            "high",
            "expected a float",
        ],
    );
    run_set_fails(
        "litigation.win_probability_mean=1.4",
        &["litigation.win_probability_mean", "1.4", "allowed range"],
    );
    run_set_fails(
        "litigation.win_probability_mean",
        &[
            "--set = litigation.win_probability_mean: no `=`",
            "path=value",
        ],
    );
}

/// Every `--set` problem comes out in the same pass as the file's own problems, and one
/// override that cannot be applied does not hide the others: a file with an unknown key, run
/// with an unknown path, a value out of range and a value of the wrong type, gives all four
/// (an earlier build reported the file's problem alone, and with a clean file only the
/// unknown path).
#[test]
fn overrides_are_checked_beside_the_files_problems() {
    let tmp = tempfile::tempdir().unwrap();
    let text = BASE.replacen("[simulation]\n", "[simulation]\nfoo = 1\n", 1);
    assert_ne!(text, BASE, "test fixture: no [simulation] table");
    std::fs::write(tmp.path().join("bad.toml"), text).unwrap();
    let sets = [
        "--set",
        "nope.x=1",
        "--set",
        "litigation.win_probability_mean=7",
        "--set",
        "simulation.horizon_weeks=abc",
    ];
    let mut args = vec!["run", "bad.toml", "--runs", "10", "--out", "res", "-q"];
    args.extend(sets);
    let o = pactsim(&args, tmp.path());
    assert_failed_cleanly(
        &o,
        tmp.path(),
        &[
            "bad.toml: 4 problems",
            "simulation.foo: unknown field `foo`",
            "nope.x = 1: --set: unknown parameter path",
            "litigation.win_probability_mean = 7: allowed range is [0.01, 0.99] (value from --set)",
            "simulation.horizon_weeks = \"abc\": invalid type",
        ],
    );
    let mut args = vec!["run", "--runs", "10", "--out", "res", "-q"];
    args.extend(&sets[..4]);
    let o = pactsim(&args, tmp.path());
    assert_failed_cleanly(
        &o,
        tmp.path(),
        &[
            "2 problems",
            "nope.x = 1: --set: unknown parameter path",
            "litigation.win_probability_mean = 7: allowed range is [0.01, 0.99] (value from --set)",
        ],
    );
}

/// A value refused on its own (out of range, or of the wrong type) is reported once, as
/// itself: checks across two fields (the merit prior's sd against its mean, the two stakes)
/// do not report it again through the other field, blamed on a line the user never wrote.
#[test]
fn a_bad_value_is_not_reported_again_through_another_field() {
    for (set, expect) in [
        ("litigation.win_probability_mean=7", "allowed range"),
        ("litigation.win_probability_mean=0", "allowed range"),
        ("microsoft.stake=3", "a probability must lie in [0, 1]"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let o = pactsim(&["run", "--set", set, "--out", "res", "-q"], tmp.path());
        assert_failed_cleanly(&o, tmp.path(), &["1 problem", expect]);
    }
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("bad.toml"),
        "base = \"april-2026\"\n[meta]\nname = \"x\"\n[litigation]\nwin_probability_mean = \"high\"\n",
    )
    .unwrap();
    let o = pactsim(
        &["run", "bad.toml", "--runs", "10", "--out", "res", "-q"],
        tmp.path(),
    );
    assert_failed_cleanly(
        &o,
        tmp.path(),
        &["1 problem", "bad.toml:5:1", "invalid type"],
    );
    // The check across the two fields still holds for valid values, and says what is allowed.
    run_set_fails(
        "litigation.win_probability_sd=0.5",
        &[
            "litigation.win_probability_sd = 0.5",
            "mean·(1 − mean) = 0.2475 (litigation.win_probability_mean = 0.55)",
            "allowed: sd at most 0.4974",
        ],
    );
}

#[test]
fn bad_flags() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["run", "--runs", "0", "--out", "res"],
        vec!["run", "--threads", "0", "--out", "res"],
        vec!["run", "--runs", "many", "--out", "res"],
    ] {
        let o = pactsim(&args, tmp.path());
        assert_failed_cleanly(&o, tmp.path(), &[]);
    }
}

/// `--set` reaches entries of arrays of tables such as `[[antitrust.events]]` by index: a
/// valid value is accepted, an invalid one is checked by validation under its full path, and
/// a missing index or entry is refused with the list's size.
#[test]
fn set_overrides_antitrust_event_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let explain = |set: &str| pactsim(&["explain", "--set", set, "--json"], tmp.path());
    let ok = explain("antitrust.events.1.probability=0.5");
    assert!(ok.status.success(), "{}", stderr(&ok));
    let cases = [
        (
            "antitrust.events.1.probability=2",
            "antitrust.events.1.probability",
        ),
        ("antitrust.events.7.week=3", "has 3 entries"),
        ("antitrust.events.week=3", "address an entry"),
        ("antitrust.events.0.wek=3", "keys here are"),
    ];
    for (set, expect) in cases {
        let o = explain(set);
        assert_eq!(o.status.code(), Some(2), "{set}: {}", stderr(&o));
        assert!(stderr(&o).contains(expect), "{set}: {}", stderr(&o));
    }
}

/// A scenario file with thousands of `[ranges]` keys is checked in one pass: every bad key is
/// reported, and the command returns (no quadratic blow-up in the validator).
#[test]
fn thousands_of_ranges_keys_are_reported_in_one_pass() {
    let tmp = tempfile::tempdir().unwrap();
    let mut text = BASE.to_string();
    let at = text.find("[ranges]\n").expect("baseline has [ranges]") + "[ranges]\n".len();
    let extra: String = (0..5_000)
        .map(|i| format!("\"no.such.parameter{i}\" = [0.0, 1.0]\n"))
        .collect();
    text.insert_str(at, &extra);
    std::fs::write(tmp.path().join("wide.toml"), text).unwrap();
    let o = pactsim(&["validate", "wide.toml"], tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        out.contains("no.such.parameter0"),
        "{}",
        &out[..out.len().min(2000)]
    );
    assert!(out.contains("no.such.parameter4999"));
}

/// A scenario's or sweep's name becomes the default results directory `results/<name>`, so a
/// name that is a path (absolute, through `..`, with separators) is bad input: exit 2, the
/// file's line, nothing written anywhere.
#[test]
fn names_that_are_paths_are_refused() {
    check_bad_file(
        "name = \"april-2026\"",
        "name = \"/tmp/elsewhere\"",
        &[
            "bad.toml:8:1: meta.name = \"/tmp/elsewhere\"",
            "starting with a letter or digit",
        ],
    );
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let o = pactsim(
        &[
            "run",
            "--runs",
            "10",
            "-q",
            "--set",
            "meta.name=\"../../escape\"",
        ],
        &work,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("meta.name = \"../../escape\""),
        "{}",
        stderr(&o)
    );
    assert!(files(tmp.path()).is_empty(), "{:?}", files(tmp.path()));
    let sweep = include_str!("../../configs/sweep-merit-x-antitrust.toml").replacen(
        "name = \"merit-x-antitrust\"",
        "name = \"../up\"",
        1,
    );
    std::fs::write(work.join("sw.toml"), sweep).unwrap();
    let o = pactsim(&["sweep", "sw.toml", "--runs", "10", "-q"], &work);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("sw.toml:7:1: sweep.name = \"../up\""),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        files(tmp.path()),
        vec![std::path::PathBuf::from("work/sw.toml")]
    );
}

/// `validate` (and every command) refuses a `[ranges]` entry whose end the scenario itself
/// refuses, at the entry's own line, instead of passing a file every analysis then rejects.
#[test]
fn range_ends_the_scenario_refuses_are_reported_at_their_line() {
    let tmp = tempfile::tempdir().unwrap();
    let text = format!(
        "{BASE}\n\"openai.valuation\" = [0, 100000]\n\"litigation.win_probability_sd\" = [0.1, 0.5]\n"
    );
    let lines = text.lines().count();
    std::fs::write(tmp.path().join("bad.toml"), &text).unwrap();
    let o = pactsim(&["validate", "bad.toml"], tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = format!("{}{}", stdout(&o), stderr(&o));
    for expect in [
        format!(
            "bad.toml:{}:1: ranges.\"openai.valuation\" = [0, 100000]: the scenario refuses its \
             low end: openai.valuation = 0: allowed range is (0, 100000] (greater than 0)",
            lines - 1
        ),
        format!(
            "bad.toml:{lines}:1: ranges.\"litigation.win_probability_sd\" = [0.1, 0.5]: the \
             scenario refuses its high end: litigation.win_probability_sd = 0.5: a Beta prior"
        ),
    ] {
        assert!(out.contains(&expect), "missing `{expect}` in: {out}");
    }
    assert!(!out.contains("refuses its low end: litigation"), "{out}");
}

/// `--set` into a list of numbers names the list and how to set it; a sum that is not 1 prints
/// rounded to the test's tolerance.
#[test]
fn set_into_a_list_of_values_and_rounded_sums() {
    run_set_fails(
        "revenue.path_billion.0=31",
        &["`revenue.path_billion` is a list of values, set as a whole"],
    );
    run_set_fails(
        "protocol.recognition.microsoft=0.2",
        &["(sum 0.8)", "recognition probabilities must sum to 1"],
    );
}

/// An entry of a list of numbers is reported at the entry itself, not at the first place its
/// index happens to appear on the line (`0.105` held the `1` of `third_party_share.1`).
#[test]
fn a_list_entry_is_reported_at_its_own_column() {
    check_bad_file(
        "third_party_share = [0.06, 0.075,",
        "third_party_share = [0.06, 2.0,",
        &["bad.toml:35:28: revenue.third_party_share.1 = 2: allowed range is [0, 1]"],
    );
}

/// The keys an unknown `--set` path lists are keys the scenario accepts: an unknown key of the
/// user's own file is not offered (it was, taken from the parsed file).
#[test]
fn an_unknown_set_path_lists_only_valid_keys() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("bad.toml"),
        "base = \"april-2026\"\n[discount]\nbogus = 1\n",
    )
    .unwrap();
    let o = pactsim(
        &[
            "run",
            "bad.toml",
            "--set",
            "discount.foo=1",
            "--out",
            "res",
            "-q",
        ],
        tmp.path(),
    );
    assert_failed_cleanly(
        &o,
        tmp.path(),
        &[
            "bad.toml: 2 problems",
            "bad.toml:3:1: discount.bogus: unknown field `bogus`",
            "bad.toml: discount.foo = 1: --set: unknown parameter path; keys here are: amazon, \
             microsoft, openai\n",
        ],
    );
}

/// A file without a base that leaves out a contract's `revenue_share_end` gets one problem
/// for it, and the file's other values are still checked (the placeholder put in its place
/// was refused as a year, over and over, until the problems ran out).
#[test]
fn a_missing_share_end_is_one_problem() {
    let at = BASE
        .find("revenue_share_end = 2030")
        .expect("baseline's April terms");
    let end = at + BASE[at..].find('\n').unwrap() + 1;
    let text = format!("{}{}", &BASE[..at], &BASE[end..]).replacen(
        "win_probability = 0.35",
        "win_probability = 1.35",
        1,
    );
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bad.toml"), &text).unwrap();
    let o = pactsim(&["validate", "bad.toml"], tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    // The bad value's line, counted in the file as written.
    let at = text.find("win_probability = 1.35").unwrap();
    let row = text[..at].matches('\n').count() + 1;
    for line in [
        "bad.toml: 2 problems".to_string(),
        format!("bad.toml:{row}:1: musk.win_probability = 1.35: a probability must lie in [0, 1]"),
        "contracts.april_2026.revenue_share_end: missing field `revenue_share_end`".to_string(),
    ] {
        assert!(out.contains(&line), "missing `{line}` in:\n{out}");
    }
}
