//! A second simulation through the sweep driver: a seeded Bernoulli coin whose bias is the
//! cell's first swept value, folded into its own summary type ([`CoinSummary`], a
//! [`CellSummary`] with its own `outcomes.csv` columns and `summary.json` label). The same
//! [`Executor`], checkpoints, shards, resume and merge that run the flagship run it, and the
//! results are byte-identical for any thread count, sharding or resume; the sensitivity
//! driver runs it too.

use super::*;
use crate::output::{Manifest, ResultsDir};
use crate::rng::{RunKey, Stream};
use crate::runner::{Fold, Simulation};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

/// A coin that lands heads with probability `p`.
struct Coin {
    p: f64,
}

/// Tosses and heads so far.
#[derive(Default)]
struct Tally {
    tosses: u64,
    heads: u64,
}

/// What the coin's sweep keeps of a cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CoinSummary {
    tosses: u64,
    heads: u64,
    share: f64,
}

impl Fold<bool> for Tally {
    type Output = CoinSummary;

    fn push(&mut self, heads: &bool) {
        self.tosses += 1;
        self.heads += u64::from(*heads);
    }

    fn finish(&self) -> CoinSummary {
        CoinSummary {
            tosses: self.tosses,
            heads: self.heads,
            share: self.heads as f64 / self.tosses as f64,
        }
    }
}

impl Simulation for Coin {
    type Record = bool;
    type Fold = Tally;

    fn run(&self, key: RunKey) -> bool {
        use rand::Rng;
        let u = (key.stream(Stream::Setup).next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        u < self.p
    }

    fn fold(&self) -> Tally {
        Tally::default()
    }
}

impl CellSummary for CoinSummary {
    const CSV_COLUMNS: &'static str = "tosses,heads,share";

    fn csv_rows(&self, lead: &str, out: &mut String) {
        out.push_str(&format!(
            "{lead},{},{},{:.6}\n",
            self.tosses, self.heads, self.share
        ));
    }

    fn labels(&self) -> Vec<(&'static str, serde_json::Value)> {
        let side = if 2 * self.heads > self.tosses {
            "heads"
        } else {
            "tails"
        };
        vec![("majority", side.into())]
    }
}

/// 5 biases × 3 (unused) costs = 15 cells: two batches of the driver.
const COIN_SWEEP: &str = r#"
[sweep]
name = "coin"
runs = 400
seed = 11
[[axis]]
path = "litigation.win_probability_mean"
values = [0.1, 0.3, 0.5, 0.7, 0.9]
[[axis]]
path = "microsoft.antitrust_cost_of_suing"
values = [1.0, 2.0, 3.0]
"#;

fn coin_sweep() -> Sweep {
    super::tests::build(COIN_SWEEP).unwrap()
}

fn manifest(sweep: &Sweep) -> Manifest {
    Manifest {
        schema: crate::output::SCHEMA_VERSION,
        pactsim_version: "test".into(),
        git_commit: None,
        command: "sweep".into(),
        scenario: serde_json::Value::Null,
        scenario_hash: format!("{:016x}", sweep.base.hash()),
        seed: sweep.seed,
        runs: sweep.runs,
        rng_scheme: "test".into(),
        overrides: Vec::new(),
        extra: sweep.manifest_extra(),
    }
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

fn coin_of(c: &Cell) -> Result<Coin, SweepError> {
    Ok(Coin {
        p: c.values[0].as_f64().unwrap(),
    })
}

/// A cell → its coin.
type CoinOf = fn(&Cell) -> Result<Coin, SweepError>;

fn executor<'a>(
    sweep: &'a Sweep,
    pool: &'a rayon::ThreadPool,
    resume: bool,
) -> Executor<'a, CoinOf> {
    Executor {
        sweep,
        pool,
        simulation: coin_of,
        observer: &(),
        resume,
    }
}

/// `manifest.json`, `outcomes.csv` and `summary.json` of the results directory `dir`.
fn files_of(dir: &Path) -> [String; 3] {
    ["manifest.json", "outcomes.csv", "summary.json"]
        .map(|f| fs::read_to_string(dir.join(f)).unwrap())
}

/// The results merged from `files` into `out`.
fn merged(files: &[PathBuf], out: &Path) -> [String; 3] {
    let dir = ResultsDir::create(out).unwrap();
    write_results::<CoinSummary>(files, &dir).unwrap();
    files_of(&dir.commit().unwrap())
}

/// The whole sweep on `threads` threads, checkpoint then merge.
fn whole(sweep: &Sweep, threads: usize, out: &Path) -> [String; 3] {
    let header = ShardHeader::new(sweep, (0, 1), &manifest(sweep)).unwrap();
    let dir = ResultsDir::create(out).unwrap();
    let done = executor(sweep, &pool(threads), false)
        .whole(&header, &dir)
        .unwrap();
    assert_eq!(done.computed, 15);
    write_results::<CoinSummary>(std::slice::from_ref(&done.path), &dir).unwrap();
    remove_checkpoint(&done).unwrap();
    files_of(&dir.commit().unwrap())
}

#[test]
fn a_coin_sweeps_through_the_driver_with_its_own_summary() {
    let sweep = coin_sweep();
    let tmp = tempfile::tempdir().unwrap();
    let [_, csv, json] = whole(&sweep, 1, &tmp.path().join("one"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "cell,litigation.win_probability_mean,microsoft.antitrust_cost_of_suing,tosses,heads,share"
    );
    assert_eq!(lines.len(), 16);
    assert!(lines[1].starts_with("0,0.1,1.0,400,"), "{}", lines[1]);
    // The bias shows: few heads at 0.1, most at 0.9.
    let heads = |l: &str| l.split(',').nth(4).unwrap().parse::<u64>().unwrap();
    assert!(heads(lines[1]) < 80 && heads(lines[15]) > 320, "{csv}");
    let summary: serde_json::Value = serde_json::from_str(&json).unwrap();
    let cells = summary["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 15);
    assert_eq!(cells[0]["majority"], "tails");
    assert_eq!(cells[14]["majority"], "heads");
    assert_eq!(cells[14]["summary"]["tosses"], 400);
    let keys: Vec<&String> = cells[0].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 5);
}

#[test]
fn a_coin_sweep_is_identical_for_any_threads_shards_and_resume() {
    let sweep = coin_sweep();
    let tmp = tempfile::tempdir().unwrap();
    let one = whole(&sweep, 1, &tmp.path().join("one"));
    assert_eq!(whole(&sweep, 2, &tmp.path().join("two")), one);
    assert_eq!(whole(&sweep, 3, &tmp.path().join("three")), one);

    // Three shards on different thread counts, merged.
    let shards = tmp.path().join("shards");
    for (i, threads) in [(0, 1), (1, 2), (2, 3)] {
        let header = ShardHeader::new(&sweep, (i, 3), &manifest(&sweep)).unwrap();
        let done = executor(&sweep, &pool(threads), false)
            .shard(&header, &shards)
            .unwrap();
        assert!(!done.already_complete);
    }
    let files = shard_files(std::slice::from_ref(&shards)).unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(merged(&files, &tmp.path().join("merged")), one);

    // An interrupted checkpoint (6 cells and a torn line) resumed on 2 threads.
    let header = ShardHeader::new(&sweep, (0, 1), &manifest(&sweep)).unwrap();
    let checkpoint = tmp.path().join("checkpoint.jsonl");
    executor(&sweep, &pool(1), false)
        .compute(&header, &checkpoint)
        .unwrap();
    let text = fs::read_to_string(&checkpoint).unwrap();
    let mut kept: String = text.split_inclusive('\n').take(7).collect();
    let torn = text.split_inclusive('\n').nth(7).unwrap();
    kept.push_str(&torn[..torn.len() / 2]);
    fs::write(&checkpoint, kept).unwrap();
    let resumed = executor(&sweep, &pool(2), true)
        .compute(&header, &checkpoint)
        .unwrap();
    assert_eq!(resumed, 9);
    assert_eq!(fs::read_to_string(&checkpoint).unwrap(), text);
    assert_eq!(merged(&[checkpoint], &tmp.path().join("resumed")), one);
}

#[test]
fn coin_records_are_not_flagship_records() {
    let sweep = coin_sweep();
    let tmp = tempfile::tempdir().unwrap();
    let header = ShardHeader::new(&sweep, (0, 1), &manifest(&sweep)).unwrap();
    let checkpoint = tmp.path().join("checkpoint.jsonl");
    executor(&sweep, &pool(1), false)
        .compute(&header, &checkpoint)
        .unwrap();
    let dir = ResultsDir::create(&tmp.path().join("flagship")).unwrap();
    let e = write_results::<crate::Summary>(&[checkpoint], &dir).unwrap_err();
    assert!(e.is_bad_input(), "{e}");
    assert!(e.to_string().contains(":2: not a cell record"), "{e}");
}

/// The sensitivity driver runs the coin too: its points' scenarios carry the bias
/// (`litigation.win_probability_mean`), [`crate::sensitivity::Analysis::run`] returns coin
/// summaries (identical for any thread count), the statistics read the coin's own [`Measure`]
/// (its heads share, under its own name) and `outcomes.csv` gets the coin's columns. One at a
/// time alone runs the same first points and gives the same swings, without Morris.
#[test]
fn a_coin_runs_through_the_sensitivity_driver() {
    use crate::sensitivity::{parameters, Analysis, Measure, MorrisOptions};
    use crate::strategy::testing::AnyAgents;
    use crate::Scenario;
    type Error = Box<dyn std::error::Error + Send + Sync>;
    let doc = crate::layers::Bases::single(super::tests::BASE, "base").unwrap();
    let base = Scenario::from_document(&doc, &[], &AnyAgents).unwrap();
    let varied = ["discount.openai", "litigation.win_probability_mean"];
    let params: Vec<_> = parameters(&base)
        .into_iter()
        .filter(|p| varied.contains(&p.path.as_str()))
        .collect();
    assert_eq!(params.len(), 2);
    let morris = MorrisOptions {
        trajectories: 4,
        levels: 4,
        bootstrap: 50,
    };
    /// The coin's measure: its share of heads.
    struct Heads;
    impl Measure for Heads {
        type Of = CoinSummary;
        fn name(&self) -> String {
            "heads".into()
        }
        fn value(&self, c: &CoinSummary) -> f64 {
            c.share
        }
    }
    let scenario_at = |_: &str, v: &[f64]| {
        let sets: Vec<String> = params.iter().zip(v).map(|(p, &x)| p.set(x)).collect();
        Scenario::from_document(&doc, &sets, &AnyAgents).map_err(Error::from)
    };
    let analysis = Analysis::new(Heads, params.clone(), 300, 5, Some(morris), scenario_at).unwrap();
    let coin = |sc: &Scenario| -> Result<Coin, String> {
        Ok(Coin {
            p: sc.params().litigation.win_probability_mean,
        })
    };
    let coins = analysis.run(&pool(1), coin, &()).unwrap();
    assert_eq!(coins.len(), 1 + 2 * 2 + 3 * 4);
    assert_eq!(analysis.run(&pool(3), coin, &()).unwrap(), coins);
    let summary = analysis.summarise(&coins, &pool(2)).unwrap();
    assert_eq!(summary.target, "heads");
    assert_eq!(summary.standard_error, None);
    assert_eq!(summary.base_share, coins[0].share);
    // The bias moves the share by about 0.75 − 0.35; the discount does not move the coin.
    let top = &summary.one_at_a_time[0];
    assert_eq!(top.parameter.path, "litigation.win_probability_mean");
    assert!(top.swing > 0.25, "{}", top.swing);
    assert_eq!(summary.morris[0].path, "litigation.win_probability_mean");
    // One at a time alone: the same points first, so the same swings, and no Morris part.
    let oat = Analysis::new(Heads, params.clone(), 300, 5, None, scenario_at).unwrap();
    assert!(oat.design.is_empty() && oat.manifest_extra()["sensitivity"].get("morris").is_none());
    let oat_coins = oat.run(&pool(2), coin, &()).unwrap();
    assert_eq!(oat_coins[..], coins[..1 + 2 * 2]);
    let oat_summary = oat.summarise(&oat_coins, &pool(1)).unwrap();
    let swings = |s: &crate::reports::SensitivitySummary| -> Vec<(String, f64)> {
        s.one_at_a_time
            .iter()
            .map(|r| (r.parameter.path.clone(), r.swing))
            .collect()
    };
    assert_eq!(swings(&oat_summary), swings(&summary));
    assert!(oat_summary.morris.is_empty() && oat_summary.morris_ranking.is_none());
    let text = serde_json::to_string(&oat_summary).unwrap();
    assert!(!text.contains("morris"), "{text}");
    let tmp = tempfile::tempdir().unwrap();
    let dir = ResultsDir::create(&tmp.path().join("sensitivity")).unwrap();
    let m = manifest(&coin_sweep());
    analysis.write(&dir, &m, &summary, &coins).unwrap();
    let csv = fs::read_to_string(dir.commit().unwrap().join("outcomes.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("cell,point,discount.openai,litigation.win_probability_mean,tosses,heads,share")
    );
    assert!(
        lines.next().unwrap().starts_with("0,base,0.3,0.55,300,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + coins.len());
}
