//! `pactsim sensitivity --method sobol`: variance-based sensitivity of a target over the
//! scenario's `[ranges]`: a Saltelli design of N(k + 2) points (Owen-scrambled Sobol sequence),
//! R Monte Carlo runs per point, first-order and total Sobol indices with bootstrap CIs
//! (crate `analysis`), the ranking by ST and whether it is settled.

use crate::evaluate::{csv_field, default_out, num, print, PointsOptions};
use crate::{bad, charts, manifest, pool};
use analysis::ranking::{RankingOptions, RankingReport};
use analysis::sobol::{self, SobolOptions};
use anyhow::Result;
use plots::{Bar, BarChart, Chart};
use serde::{Deserialize, Serialize};
use sim::limits::MAX_BOOTSTRAP;
use sim::output::ResultsDir;

/// Options of `pactsim sensitivity --method sobol`.
pub(crate) struct SobolCmd {
    /// Scenario, target, base sample size N, runs, seed and execution.
    pub points: PointsOptions,
    /// Bootstrap replicates.
    pub bootstrap: usize,
}

/// One parameter's row of the results.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SobolRow {
    /// Parameter path.
    pub path: String,
    /// Documented low value.
    pub low: f64,
    /// Documented high value.
    pub high: f64,
    /// Indices and intervals.
    #[serde(flatten)]
    pub index: sobol::SobolIndex,
}

/// `summary.json` of a Sobol analysis.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SobolSummary {
    /// Target.
    pub target: String,
    /// Axis label of the target.
    pub target_label: String,
    /// Base sample size N.
    pub samples: usize,
    /// Points evaluated, N(k + 2).
    pub points: usize,
    /// Runs per point.
    pub runs_per_point: u64,
    /// Sequence of the design.
    pub sequence: sobol::Sequence,
    /// Mean of the target over A and B.
    pub mean: f64,
    /// Variance of the target over A and B (includes Monte Carlo noise).
    pub variance: f64,
    /// Mean Monte Carlo noise variance of one point / variance: each ST is inflated by about
    /// this much (null when unknown).
    pub noise_floor: Option<f64>,
    /// The target did not vary: indices undefined (reported as 0).
    pub constant_output: bool,
    /// Bootstrap replicates and confidence level.
    pub bootstrap: usize,
    /// Confidence level.
    pub confidence: f64,
    /// Per parameter, in ranking order (by ST).
    pub parameters: Vec<SobolRow>,
    /// The ranking check.
    pub ranking: RankingReport,
    /// Parameters whose ST interval reaches down to the noise floor: their ST is not
    /// distinguishable from Monte Carlo noise.
    pub within_noise: Vec<String>,
}

/// Runs the Sobol analysis.
pub(crate) fn run(o: &SobolCmd) -> Result<()> {
    if o.bootstrap == 0 || o.bootstrap > MAX_BOOTSTRAP {
        return Err(bad(format!(
            "--bootstrap {}: allowed values are 1 to {MAX_BOOTSTRAP}",
            o.bootstrap
        )));
    }
    let (ev, target) = o.points.evaluator()?;
    let k = ev.params.len();
    // N(k + 2) points (saturating: an absurd N is refused, not overflowed).
    o.points
        .check_samples((o.points.samples as u64).saturating_mul(k as u64 + 2))?;
    let design = sobol::saltelli(k, o.points.samples, ev.seed).map_err(|e| bad(e.to_string()))?;
    let points: Vec<Vec<f64>> = design.points.iter().map(|u| ev.at_unit(u)).collect();
    let pool = pool(o.points.exec.threads)?;
    ev.validate_box("Sobol")?;
    let out = o
        .points
        .exec
        .out
        .clone()
        .unwrap_or_else(|| default_out(&ev.base, "sobol", &target.name()));
    let dir = ResultsDir::create(&out)?;
    let started = std::time::Instant::now();
    let summaries = ev.evaluate(&points, ev.seed, &pool, o.points.exec.quiet)?;
    let secs = started.elapsed().as_secs_f64();
    let y: Vec<f64> = summaries.iter().map(|s| target.value(s)).collect();
    let res = pool
        .install(|| {
            sobol::indices(
                k,
                o.points.samples,
                &y,
                SobolOptions {
                    bootstrap: o.bootstrap,
                    confidence: 0.95,
                    seed: ev.seed,
                },
            )
        })
        .map_err(|e| bad(e.to_string()))?;
    let names = ev.names();
    let ranking = sobol::ranking_by_total(&names, &res, RankingOptions::default());
    let noise: Option<Vec<f64>> = summaries[..2 * o.points.samples]
        .iter()
        .map(|s| target.noise_variance(s))
        .collect();
    let noise_floor = noise
        .filter(|_| res.variance > 0.0)
        .map(|v| v.iter().sum::<f64>() / v.len() as f64 / res.variance);
    let mut rows: Vec<SobolRow> = ev
        .params
        .iter()
        .zip(&res.indices)
        .map(|(p, ix)| SobolRow {
            path: p.path.clone(),
            low: p.low,
            high: p.high,
            index: ix.clone(),
        })
        .collect();
    rows.sort_by_key(|r| ranking.order.iter().position(|n| *n == r.path));
    let within_noise = match noise_floor {
        Some(f) => rows
            .iter()
            .filter(|r| r.index.st_lo <= f)
            .map(|r| r.path.clone())
            .collect(),
        None => Vec::new(),
    };
    let summary = SobolSummary {
        target: target.name(),
        target_label: target.label(),
        samples: o.points.samples,
        points: points.len(),
        runs_per_point: o.points.runs,
        sequence: design.sequence,
        mean: res.mean,
        variance: res.variance,
        noise_floor,
        constant_output: res.constant_output,
        bootstrap: res.bootstrap,
        confidence: res.confidence,
        parameters: rows,
        ranking,
        within_noise,
    };
    let extra = serde_json::json!({
        "sobol": {
            "target": target.name(),
            "parameters": ev.params,
            "samples": o.points.samples,
            "points": points.len(),
            "bootstrap": o.bootstrap,
        }
    });
    let m = manifest(&ev.base, "sobol", ev.seed, o.points.runs, extra)?;
    dir.write_json("manifest.json", &m)?;
    dir.write_json("summary.json", &summary)?;
    // points.csv: one row per evaluated point.
    let mut csv = String::from("point,block");
    for n in &names {
        csv.push(',');
        csv.push_str(&csv_field(n));
    }
    csv.push_str(",target\n");
    for (i, (v, yv)) in points.iter().zip(&y).enumerate() {
        let block = match i / o.points.samples {
            0 => "A".to_string(),
            1 => "B".to_string(),
            b => format!("AB{}", b - 2),
        };
        csv.push_str(&format!("{i},{block}"));
        for x in v {
            csv.push(',');
            csv.push_str(&num(*x));
        }
        csv.push_str(&format!(",{}\n", num(*yv)));
    }
    dir.write_text("points.csv", &csv)?;
    dir.write_text("indices.csv", &indices_csv(&summary))?;
    let text = report(&summary);
    let warning = summary.ranking.warning.clone().unwrap_or_default();
    dir.write_text("warning.txt", &format!("{warning}\n"))?;
    if let Some(f) = o.points.exec.plots {
        charts::render_named(
            &dir.path(""),
            &sobol_charts(&m, &summary),
            &charts::formats(f),
        )?;
    }
    let path = dir.commit()?;
    print(&format!("{text}results: {}\n", path.display()))?;
    eprintln!(
        "{} points × {} runs in {secs:.2} s ({:.0} runs/s, {} threads)",
        points.len(),
        o.points.runs,
        (points.len() as u64 * o.points.runs) as f64 / secs,
        pool.current_num_threads()
    );
    Ok(())
}

fn indices_csv(s: &SobolSummary) -> String {
    let mut csv = String::from("rank,parameter,low,high,s1,s1_lo,s1_hi,st,st_lo,st_hi\n");
    for (r, p) in s.parameters.iter().enumerate() {
        let i = &p.index;
        csv.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{}\n",
            r + 1,
            csv_field(&p.path),
            num(p.low),
            num(p.high),
            num(i.s1),
            num(i.s1_lo),
            num(i.s1_hi),
            num(i.st),
            num(i.st_lo),
            num(i.st_hi)
        ));
    }
    csv
}

fn report(s: &SobolSummary) -> String {
    let mut out = format!(
        "pactsim sensitivity --method sobol: {} · N = {} ({} points × {} runs) · mean {:.4}, \
         variance {:.3e}\n\n",
        s.target, s.samples, s.points, s.runs_per_point, s.mean, s.variance
    );
    out.push_str(&format!(
        "{:<4} {:<40} {:>8} {:>19} {:>8} {:>19}\n",
        "rank", "parameter (ranked by ST)", "S1", "95% CI", "ST", "95% CI"
    ));
    for (r, p) in s.parameters.iter().enumerate() {
        let i = &p.index;
        out.push_str(&format!(
            "{:<4} {:<40} {:>8.4} [{:>7.4}, {:>7.4}] {:>8.4} [{:>7.4}, {:>7.4}]\n",
            r + 1,
            p.path,
            i.s1,
            i.s1_lo,
            i.s1_hi,
            i.st,
            i.st_lo,
            i.st_hi
        ));
    }
    if s.constant_output {
        out.push_str(
            "\nthe target does not vary over the design: the indices are undefined (shown as 0)\n",
        );
    }
    if let Some(f) = s.noise_floor {
        out.push_str(&format!(
            "\nMonte Carlo noise floor: {f:.4} (noise variance / output variance; every ST is \
             inflated by about this much; raise --runs to lower it)\n"
        ));
    }
    if !s.within_noise.is_empty() {
        out.push_str(&format!(
            "ST not distinguishable from Monte Carlo noise (95% interval reaches the noise \
             floor): {}\n",
            s.within_noise.join(", ")
        ));
    }
    match &s.ranking.warning {
        Some(w) => out.push_str(&format!("\n{w}\n")),
        None => out.push_str("\nthe ranking by ST is settled: no adjacent pair's 95% intervals overlap by more than 25%\n"),
    }
    if !s.ranking.negligible.is_empty() {
        out.push_str(&format!(
            "negligible (ST upper bound < 0.01): {}\n",
            s.ranking.negligible.join(", ")
        ));
    }
    out
}

/// The charts of a Sobol results directory: S1 and ST per parameter with 95% CI whiskers.
pub(crate) fn sobol_charts(m: &sim::output::Manifest, s: &SobolSummary) -> Vec<(String, Chart)> {
    let mut bars = Vec::new();
    for p in &s.parameters {
        let i = &p.index;
        bars.push(Bar {
            label: format!("{} S1", p.path),
            value: i.s1,
            ci_lo: Some(i.s1_lo),
            ci_hi: Some(i.s1_hi),
            colour: Some(0),
        });
        bars.push(Bar {
            label: format!("{} ST", p.path),
            value: i.st,
            ci_lo: Some(i.st_lo),
            ci_hi: Some(i.st_hi),
            colour: Some(1),
        });
    }
    let noise = s
        .noise_floor
        .map(|f| format!(" · MC noise floor {f:.3}"))
        .unwrap_or_default();
    vec![(
        "sobol".into(),
        Chart::Bar(BarChart {
            title: format!(
                "Sobol indices of {}: first order S1 (blue) and total ST (orange)",
                s.target
            ),
            subtitle: Some(format!(
                "N = {} ({} points × {} runs) · seed {} · 95% bootstrap CIs ({} resamples){noise}",
                s.samples, s.points, s.runs_per_point, m.seed, s.bootstrap
            )),
            y_label: "Sobol index (share of output variance)".into(),
            x_label: Some("parameter, ranked by ST".into()),
            bars,
            probability: false,
            legend: Vec::new(),
        }),
    )]
}
