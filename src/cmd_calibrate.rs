//! `pactsim calibrate`: approximate Bayesian computation by rejection (crate `analysis`) of
//! the scenario's `[ranges]` parameters against stylised facts. Prior: independent uniforms
//! over the documented ranges. Each draw is simulated with R runs; its summary statistics are
//! read from the run summary (`summary.json`) by dotted path, generically, so statistics added
//! to the summary later work without changes here. A draw is accepted when every fact is met
//! within its tolerance. The accepted draws are run again with fresh seeds for the posterior
//! predictive outcome shares.

use crate::evaluate::{csv_field, default_out, num, print, statistic, tail, Evaluator};
use crate::{bad, charts, manifest, pool};
use analysis::abc::{self, AbcResult, Fact, Prior};
use analysis::stats::{mean, quantile};
use anyhow::{Context, Result};
use plots::{Bar, BarChart, Chart, Histogram, Marker, PointGroup, Scatter};
use serde::{Deserialize, Serialize};
use sim::output::ResultsDir;
use sim::{Outcome, Summary};
use std::path::{Path, PathBuf};

/// Options of `pactsim calibrate`.
pub(crate) struct CalibrateCmd {
    /// Scenario file (default: embedded).
    pub scenario: Option<PathBuf>,
    /// `--set` overrides.
    pub set: Vec<String>,
    /// Facts file.
    pub facts: PathBuf,
    /// Prior draws.
    pub samples: u64,
    /// Runs per draw.
    pub runs: u64,
    /// Master seed.
    pub seed: Option<u64>,
    /// Threads, results directory, plots and progress bar.
    pub exec: crate::Execution,
}

/// One fact of a facts file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FactEntry {
    /// Dotted path into the run summary, or several joined by `+` (summed).
    pub statistic: String,
    /// Observed value.
    pub observed: f64,
    /// Accept when |simulated − observed| ≤ tolerance.
    pub tolerance: f64,
    /// What the fact says (optional).
    #[serde(default)]
    pub description: Option<String>,
}

/// A facts file: `[[fact]]` tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FactsFile {
    /// The facts.
    pub fact: Vec<FactEntry>,
}

/// Posterior of one parameter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PosteriorRow {
    /// Parameter path.
    pub path: String,
    /// Prior low.
    pub prior_low: f64,
    /// Prior high.
    pub prior_high: f64,
    /// Value in the scenario.
    pub base: f64,
    /// Posterior mean (null when nothing was accepted).
    pub mean: Option<f64>,
    /// 5th percentile.
    pub q05: Option<f64>,
    /// Median.
    pub q50: Option<f64>,
    /// 95th percentile.
    pub q95: Option<f64>,
    /// Posterior sd / prior sd (1 = no information from the facts).
    pub sd_ratio: Option<f64>,
}

/// Posterior predictive of one quantity over the accepted draws.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Predictive {
    /// Outcome class or fact statistic.
    pub name: String,
    /// Mean over accepted draws.
    pub mean: f64,
    /// 5th percentile over accepted draws.
    pub q05: f64,
    /// 95th percentile over accepted draws.
    pub q95: f64,
}

/// `summary.json` of `calibrate`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CalibrateSummary {
    /// Facts file.
    pub facts_file: String,
    /// The facts.
    pub facts: Vec<FactEntry>,
    /// Prior draws.
    pub draws: u64,
    /// Runs per draw.
    pub runs_per_draw: u64,
    /// Accepted draws.
    pub accepted: usize,
    /// accepted / draws.
    pub acceptance_rate: f64,
    /// Per fact: share of draws meeting it alone.
    pub fact_pass_rates: Vec<f64>,
    /// Posterior per parameter.
    pub posterior: Vec<PosteriorRow>,
    /// Posterior predictive outcome shares (fresh seeds; 90% intervals over accepted draws).
    pub predictive_outcomes: Vec<Predictive>,
    /// Posterior predictive of each fact's statistic.
    pub predictive_facts: Vec<Predictive>,
}

/// Reads and checks a facts file.
pub(crate) fn read_facts(path: &Path) -> Result<FactsFile> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| bad(format!("{}: cannot read facts file: {e}", path.display())))?;
    crate::inputs::check_facts(path, &text)?;
    toml::from_str(&text).map_err(|e| bad(format!("{}: {e}", path.display())))
}

fn stats_of(facts: &[FactEntry], s: &Summary) -> Result<Vec<f64>> {
    let v = serde_json::to_value(s).context("serialising a summary")?;
    facts
        .iter()
        .map(|f| {
            statistic(&v, &f.statistic).map_err(|missing| {
                bad(format!(
                    "fact statistic = {:?}: the run summary has no {missing:?} (fields of \
                     summary.json today: {})",
                    f.statistic,
                    v.as_object()
                        .map(|o| o.keys().cloned().collect::<Vec<_>>().join(", "))
                        .unwrap_or_default()
                ))
            })
        })
        .collect()
}

/// Runs `calibrate`.
pub(crate) fn run(o: &CalibrateCmd) -> Result<()> {
    if o.samples == 0 {
        return Err(bad("--samples 0: allowed values are 1 or more"));
    }
    let facts_file = read_facts(&o.facts)?;
    let ev = Evaluator::new(o.scenario.as_deref(), &o.set, o.seed, o.runs)?;
    let pool = pool(o.exec.threads)?;
    // Every statistic must exist in the summary before anything long runs.
    let base_point: Vec<f64> = ev.params.iter().map(|p| p.base).collect();
    let probe = pool.install(|| ev.run_point(&base_point, ev.seed, 1))?;
    stats_of(&facts_file.fact, &probe).with_context(|| format!("{}", o.facts.display()))?;
    let prior = Prior {
        names: ev.names(),
        ranges: ev.params.iter().map(|p| (p.low, p.high)).collect(),
    };
    let facts: Vec<Fact> = facts_file
        .fact
        .iter()
        .map(|f| Fact {
            name: f.statistic.clone(),
            observed: f.observed,
            tolerance: f.tolerance,
        })
        .collect();
    ev.validate_box("calibrate prior")?;
    let out = o.exec.out.clone().unwrap_or_else(|| {
        let stem = o
            .facts
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        default_out(&ev.base, "calibrate", &stem)
    });
    let dir = ResultsDir::create(&out)?;
    let started = std::time::Instant::now();
    let bar = crate::progress::cells_bar(o.samples, 0, o.runs, o.exec.quiet);
    let res: AbcResult = pool.install(|| {
        abc::rejection(
            &prior,
            &facts,
            o.samples,
            ev.seed,
            |_, theta| -> Result<Vec<f64>> {
                let s = ev.run_point(theta, ev.seed, o.runs)?;
                bar.inc(o.runs);
                stats_of(&facts_file.fact, &s)
            },
        )
    })?;
    bar.finish_and_clear();
    // Posterior predictive with fresh seeds.
    let fresh = analysis::splitmix64(ev.seed ^ 0x5052_4544_4943_5449);
    let accepted: Vec<Vec<f64>> = res.posterior().iter().map(|t| t.to_vec()).collect();
    let bar = crate::progress::cells_bar(accepted.len() as u64, 0, o.runs, o.exec.quiet);
    let pred = ev.evaluate(&accepted, fresh, &pool, &bar)?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let summary = summarise(o, &ev, &facts_file.fact, &res, &pred)?;
    let extra = serde_json::json!({"calibrate": {"facts": o.facts.display().to_string(), "draws": o.samples, "predictive_seed": fresh}});
    let m = manifest(&ev.base, "calibrate", ev.seed, o.runs, extra)?;
    dir.write_json("manifest.json", &m)?;
    dir.write_json("summary.json", &summary)?;
    dir.write_text("draws.csv", &draws_csv(&ev.names(), &facts_file.fact, &res))?;
    let mut post = String::from("parameter,prior_low,prior_high,base,mean,q05,q50,q95,sd_ratio\n");
    let opt = |x: Option<f64>| x.map_or(String::new(), num);
    for p in &summary.posterior {
        post.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            csv_field(&p.path),
            num(p.prior_low),
            num(p.prior_high),
            num(p.base),
            opt(p.mean),
            opt(p.q05),
            opt(p.q50),
            opt(p.q95),
            opt(p.sd_ratio)
        ));
    }
    dir.write_text("posterior.csv", &post)?;
    let mut pc = String::from("quantity,mean,q05,q95\n");
    for p in summary
        .predictive_outcomes
        .iter()
        .chain(&summary.predictive_facts)
    {
        pc.push_str(&format!(
            "{},{},{},{}\n",
            csv_field(&p.name),
            num(p.mean),
            num(p.q05),
            num(p.q95)
        ));
    }
    dir.write_text("predictive.csv", &pc)?;
    if let Some(f) = o.exec.plots {
        charts::render_named(
            &dir.path(""),
            &calibrate_charts(&m, &summary, &res),
            &charts::formats(f),
        )?;
    }
    let path = dir.commit()?;
    print(&format!(
        "{}results: {}\n",
        report(&summary),
        path.display()
    ))?;
    eprintln!(
        "{} draws × {} runs (+ {} predictive) in {secs:.2} s",
        o.samples,
        o.runs,
        accepted.len()
    );
    Ok(())
}

fn predictive(name: String, v: &[f64]) -> Predictive {
    Predictive {
        name,
        mean: if v.is_empty() { f64::NAN } else { mean(v) },
        q05: quantile(v, 0.05),
        q95: quantile(v, 0.95),
    }
}

fn summarise(
    o: &CalibrateCmd,
    ev: &Evaluator,
    facts: &[FactEntry],
    res: &AbcResult,
    pred: &[Summary],
) -> Result<CalibrateSummary> {
    let q = res.posterior_quantiles(&[0.05, 0.5, 0.95]);
    let post = res.posterior();
    let posterior = ev
        .params
        .iter()
        .enumerate()
        .map(|(j, p)| {
            let v: Vec<f64> = post.iter().map(|t| t[j]).collect();
            let some = !v.is_empty();
            let sd = analysis::stats::variance(&v).sqrt();
            let prior_sd = (p.high - p.low) / 12f64.sqrt();
            PosteriorRow {
                path: p.path.clone(),
                prior_low: p.low,
                prior_high: p.high,
                base: p.base,
                mean: some.then(|| mean(&v)),
                q05: some.then_some(q[j][0]),
                q50: some.then_some(q[j][1]),
                q95: some.then_some(q[j][2]),
                sd_ratio: (v.len() > 1).then(|| sd / prior_sd),
            }
        })
        .collect();
    let predictive_outcomes = Outcome::ALL
        .iter()
        .map(|oc| {
            let v: Vec<f64> = pred.iter().map(|s| s.share(*oc).share).collect();
            predictive(oc.name().into(), &v)
        })
        .collect();
    let mut per_fact: Vec<Vec<f64>> = vec![Vec::new(); facts.len()];
    for s in pred {
        for (acc, x) in per_fact.iter_mut().zip(stats_of(facts, s)?) {
            acc.push(x);
        }
    }
    let predictive_facts = facts
        .iter()
        .zip(&per_fact)
        .map(|(f, v)| predictive(f.statistic.clone(), v))
        .collect();
    let n = res.draws.len().max(1) as f64;
    let fact_pass_rates = facts
        .iter()
        .enumerate()
        .map(|(i, f)| {
            res.draws
                .iter()
                .filter(|d| (d.stats[i] - f.observed).abs() <= f.tolerance)
                .count() as f64
                / n
        })
        .collect();
    Ok(CalibrateSummary {
        facts_file: o.facts.display().to_string(),
        facts: facts.to_vec(),
        draws: o.samples,
        runs_per_draw: o.runs,
        accepted: res.accepted,
        acceptance_rate: res.acceptance_rate,
        fact_pass_rates,
        posterior,
        predictive_outcomes,
        predictive_facts,
    })
}

fn draws_csv(names: &[String], facts: &[FactEntry], res: &AbcResult) -> String {
    let mut s = String::from("draw");
    for n in names {
        s.push(',');
        s.push_str(&csv_field(n));
    }
    for f in facts {
        s.push(',');
        s.push_str(&csv_field(&format!("stat:{}", f.statistic)));
    }
    s.push_str(",accepted\n");
    for d in &res.draws {
        s.push_str(&d.index.to_string());
        for x in d.theta.iter().chain(&d.stats) {
            s.push(',');
            s.push_str(&num(*x));
        }
        s.push_str(&format!(",{}\n", u8::from(d.accepted)));
    }
    s
}

fn report(s: &CalibrateSummary) -> String {
    let mut out = format!(
        "pactsim calibrate: {} · {} prior draws × {} runs · accepted {} (acceptance rate {:.4})\n\n",
        s.facts_file, s.draws, s.runs_per_draw, s.accepted, s.acceptance_rate
    );
    out.push_str(&format!(
        "{:<58} {:>9} {:>9} {:>10}\n",
        "fact (statistic)", "observed", "± tol", "met alone"
    ));
    for (f, r) in s.facts.iter().zip(&s.fact_pass_rates) {
        out.push_str(&format!(
            "{:<58} {:>9.4} {:>9.4} {:>9.1}%\n",
            f.statistic,
            f.observed,
            f.tolerance,
            100.0 * r
        ));
    }
    if s.accepted == 0 {
        out.push_str(
            "\nno draw met every fact: the model cannot reproduce these facts over the prior \
             ranges at these tolerances (see 'met alone' for the binding facts)\n",
        );
        return out;
    }
    out.push_str(&format!(
        "\n{:<40} {:>9} {:>9} {:>9} {:>9} {:>9}\n",
        "posterior (ranked by sd ratio)", "prior lo", "prior hi", "q05", "median", "q95"
    ));
    let mut rows: Vec<&PosteriorRow> = s.posterior.iter().collect();
    rows.sort_by(|a, b| {
        a.sd_ratio
            .unwrap_or(1.0)
            .total_cmp(&b.sd_ratio.unwrap_or(1.0))
    });
    for p in rows {
        out.push_str(&format!(
            "{:<40} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {:>9.4}\n",
            p.path,
            p.prior_low,
            p.prior_high,
            p.q05.unwrap_or(f64::NAN),
            p.q50.unwrap_or(f64::NAN),
            p.q95.unwrap_or(f64::NAN)
        ));
    }
    out.push_str(&format!(
        "\n{:<40} {:>9} {:>20}\n",
        "posterior predictive (fresh seeds)", "mean", "90% over draws"
    ));
    for p in &s.predictive_outcomes {
        out.push_str(&format!(
            "{:<40} {:>9.4} [{:>8.4}, {:>8.4}]\n",
            p.name, p.mean, p.q05, p.q95
        ));
    }
    out
}

/// The charts of `calibrate`: posterior marginals, pairs of the most informed parameters,
/// posterior predictive outcome shares.
pub(crate) fn calibrate_charts(
    m: &sim::output::Manifest,
    s: &CalibrateSummary,
    res: &AbcResult,
) -> Vec<(String, Chart)> {
    let sub = format!(
        "{} draws × {} runs · accepted {} ({:.2}%) · seed {}",
        s.draws,
        s.runs_per_draw,
        s.accepted,
        100.0 * s.acceptance_rate,
        m.seed
    );
    let post = res.posterior();
    let mut out = Vec::new();
    for (j, p) in s.posterior.iter().enumerate() {
        let bins = 20;
        let w = (p.prior_high - p.prior_low) / bins as f64;
        let edges: Vec<f64> = (0..=bins).map(|i| p.prior_low + w * i as f64).collect();
        let mut counts = vec![0.0; bins];
        for t in &post {
            let b = (((t[j] - p.prior_low) / w) as usize).min(bins - 1);
            counts[b] += 1.0;
        }
        out.push((
            format!("posterior_{j:02}_{}", tail(&p.path)),
            Chart::Histogram(Histogram {
                title: format!("Posterior of {} (prior: uniform over the range)", p.path),
                subtitle: Some(sub.clone()),
                x_label: p.path.clone(),
                y_label: "accepted draws".into(),
                edges,
                counts,
                markers: vec![Marker {
                    x: p.base,
                    label: "scenario value".into(),
                    colour: None,
                }],
            }),
        ));
    }
    // Pairs of the three parameters the facts inform most.
    let mut informed: Vec<(f64, usize)> = s
        .posterior
        .iter()
        .enumerate()
        .map(|(j, p)| (p.sd_ratio.unwrap_or(1.0), j))
        .collect();
    informed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let top: Vec<usize> = informed.iter().take(3).map(|x| x.1).collect();
    let rejected: Vec<&[f64]> = res
        .draws
        .iter()
        .filter(|d| !d.accepted)
        .take(2000)
        .map(|d| d.theta.as_slice())
        .collect();
    for (ia, &a) in top.iter().enumerate() {
        for &b in &top[ia + 1..] {
            let pts = |v: &[&[f64]]| v.iter().map(|t| [t[a], t[b]]).collect::<Vec<_>>();
            out.push((
                format!(
                    "pairs_{}_{}",
                    tail(&s.posterior[a].path),
                    tail(&s.posterior[b].path)
                ),
                Chart::Scatter(Scatter {
                    title: format!(
                        "Accepted draws: {} vs {}",
                        tail(&s.posterior[a].path),
                        tail(&s.posterior[b].path)
                    ),
                    subtitle: Some(sub.clone()),
                    x_label: s.posterior[a].path.clone(),
                    y_label: s.posterior[b].path.clone(),
                    groups: vec![
                        PointGroup {
                            label: "rejected (first 2000)".into(),
                            points: pts(&rejected),
                            colour: Some(6),
                        },
                        PointGroup {
                            label: "accepted".into(),
                            points: pts(&post),
                            colour: Some(3),
                        },
                    ],
                    references: vec![],
                }),
            ));
        }
    }
    out.push((
        "predictive".into(),
        Chart::Bar(BarChart {
            title: "Posterior predictive outcome shares (fresh seeds)".into(),
            subtitle: Some(format!(
                "mean over accepted draws, 90% interval over draws · {sub}"
            )),
            y_label: "share of runs".into(),
            x_label: Some("outcome".into()),
            bars: s
                .predictive_outcomes
                .iter()
                .zip(Outcome::ALL)
                .map(|(p, oc)| Bar {
                    label: p.name.clone(),
                    value: p.mean,
                    ci_lo: Some(p.q05),
                    ci_hi: Some(p.q95),
                    colour: Some(plots::figures::outcome_colour(oc)),
                })
                .collect(),
            probability: true,
        }),
    ));
    out
}

/// Reads `draws.csv` of a `calibrate` results directory back into an ABC result.
pub(crate) fn read_draws(dir: &Path, s: &CalibrateSummary) -> Result<AbcResult> {
    let path = dir.join("draws.csv");
    let text =
        std::fs::read_to_string(&path).map_err(|e| bad(format!("{}: {e}", path.display())))?;
    let (k, f) = (s.posterior.len(), s.facts.len());
    let mut draws = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        if cols.len() != 2 + k + f {
            return Err(bad(format!(
                "{}:{}: expected {} columns",
                path.display(),
                i + 1,
                2 + k + f
            )));
        }
        let num = |c: &str| c.parse::<f64>().unwrap_or(f64::NAN);
        draws.push(abc::Draw {
            index: cols[0].parse().unwrap_or(i as u64 - 1),
            theta: cols[1..=k].iter().map(|c| num(c)).collect(),
            stats: cols[1 + k..1 + k + f].iter().map(|c| num(c)).collect(),
            accepted: cols[1 + k + f] == "1",
        });
    }
    Ok(AbcResult {
        accepted: s.accepted,
        acceptance_rate: s.acceptance_rate,
        draws,
    })
}
