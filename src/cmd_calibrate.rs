//! `pactsim calibrate`: options → the ABC rejection driver in `sim::calibration` (the
//! scenario's `[ranges]` against the stylised facts of a facts file, run with the flagship
//! engine and progress bars) → results directory, charts and the printed report.

use crate::evaluate::{default_out, point_engine, print, CliError, Evaluator};
use crate::progress::CellsProgress;
use crate::{bad, charts, engine, manifest, pool};
use analysis::abc::AbcResult;
use anyhow::Result;
use plots::{Bar, BarChart, Chart, Histogram, Marker, PointGroup, Scatter};
use sim::calibration::{Calibration, PosteriorRow};
use sim::output::ResultsDir;
use sim::{Engine, Outcome, Scenario};
use std::path::{Path, PathBuf};

pub(crate) use sim::calibration::{CalibrateSummary, FactsFile};

/// Options of `pactsim calibrate`.
pub(crate) struct CalibrateCmd {
    /// Scenario file (default: embedded).
    pub scenario: Option<PathBuf>,
    /// `--set` overrides.
    pub set: Vec<String>,
    /// Facts file (default: the built-in [`DEFAULT_FACTS`]).
    pub facts: Option<PathBuf>,
    /// Prior draws.
    pub samples: u64,
    /// Runs per draw.
    pub runs: u64,
    /// Master seed.
    pub seed: Option<u64>,
    /// Threads, results directory, plots and progress bar.
    pub exec: crate::Execution,
}

/// The facts `calibrate` uses without `--facts`: the 2026 episode's stylised facts, built into
/// the binary (so the command works from any directory).
pub(crate) const DEFAULT_FACTS: &str = include_str!("../configs/facts-2026.toml");

/// How the built-in facts are named in messages and in `summary.json`.
const DEFAULT_FACTS_NAME: &str = "<embedded configs/facts-2026.toml>";

/// Reads and checks a facts file.
pub(crate) fn read_facts(path: &Path) -> Result<FactsFile> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| bad(format!("{}: cannot read facts file: {e}", path.display())))?;
    parse_facts(path, &text)
}

/// Checks and parses the facts text of `source`.
fn parse_facts(source: &Path, text: &str) -> Result<FactsFile> {
    crate::inputs::check_facts(source, text)?;
    let mut facts: FactsFile =
        toml::from_str(text).map_err(|e| bad(format!("{}: {e}", source.display())))?;
    facts.locate(text);
    Ok(facts)
}

/// Runs `calibrate`.
pub(crate) fn run(o: &CalibrateCmd) -> Result<()> {
    Calibration::check_samples(o.samples, o.runs).map_err(CliError::from)?;
    let (facts_name, facts_file) = match &o.facts {
        Some(p) => (p.display().to_string(), read_facts(p)?),
        None => (
            DEFAULT_FACTS_NAME.to_string(),
            parse_facts(Path::new(DEFAULT_FACTS_NAME), DEFAULT_FACTS)?,
        ),
    };
    let ev = Evaluator::new(o.scenario.as_deref(), &o.set, o.seed, o.runs)?;
    let pool = pool(o.exec.threads)?;
    let cal = Calibration::new(ev.inner(), facts_name, facts_file, o.samples);
    // Every statistic must exist in the summary before anything long runs.
    cal.check_statistics::<_, CliError>(&pool, |sc| Ok(engine(sc)?))?;
    ev.validate_box("calibrate prior")?;
    let out = o.exec.out.clone().unwrap_or_else(|| {
        let stem = o.facts.as_ref().map_or_else(
            || "facts-2026".to_string(),
            |p| {
                p.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            },
        );
        default_out(&ev.base, "calibrate", &stem)
    });
    let dir = ResultsDir::create(&out)?;
    let started = std::time::Instant::now();
    let simulation = |point: Option<usize>, sc: &Scenario| -> Result<Engine, CliError> {
        Ok(match point {
            Some(i) => point_engine(i, sc)?,
            None => engine(sc)?,
        })
    };
    let (draws, predictive) = (
        CellsProgress::new(o.exec.quiet),
        CellsProgress::new(o.exec.quiet),
    );
    let ran = cal.run(&pool, simulation, &draws, &predictive)?;
    let secs = started.elapsed().as_secs_f64();
    let summary = cal.summarise(&ran).map_err(CliError::from)?;
    let m = manifest(&ev.base, "calibrate", ev.seed, o.runs, cal.manifest_extra())?;
    cal.write(&dir, &m, &summary, &ran)?;
    if let Some(f) = o.exec.plots {
        charts::render_named(
            &dir.path(""),
            &calibrate_charts(&m, &summary, &ran.result),
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
        ran.predictive.len()
    );
    Ok(())
}

fn report(s: &CalibrateSummary) -> String {
    let mut out = format!(
        "pactsim calibrate: {} · {} prior draws × {} runs · accepted {} (acceptance rate {:.4})\n\n",
        s.facts_file, s.draws, s.runs_per_draw, s.accepted, s.acceptance_rate
    );
    // The fact tables' first column fits the longest statistic.
    let w = s
        .facts
        .iter()
        .map(|f| f.statistic.chars().count())
        .max()
        .unwrap_or(0)
        .max(58);
    out.push_str(&format!(
        "{:<w$} {:>19} {:>10}\n",
        "fact (statistic)", "target", "met alone"
    ));
    for (f, r) in s.facts.iter().zip(&s.fact_pass_rates) {
        out.push_str(&format!(
            "{:<w$} {:>19} {:>9.1}%\n",
            f.statistic,
            target(f),
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
        "\n{:<40} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n",
        "posterior (ranked by sd ratio)",
        "prior lo",
        "prior hi",
        "q05",
        "median",
        "q95",
        "sd ratio"
    ));
    let mut rows: Vec<&PosteriorRow> = s.posterior.iter().collect();
    rows.sort_by(|a, b| {
        a.sd_ratio
            .unwrap_or(1.0)
            .total_cmp(&b.sd_ratio.unwrap_or(1.0))
    });
    // A statistic that needs more accepted draws than there are (the sd ratio needs two).
    let value = |x: Option<f64>| x.map_or_else(|| "–".to_string(), |x| format!("{x:.4}"));
    for p in rows {
        out.push_str(&format!(
            "{:<40} {:>9.4} {:>9.4} {:>9} {:>9} {:>9} {:>9}\n",
            p.path,
            p.prior_low,
            p.prior_high,
            value(p.q05),
            value(p.q50),
            value(p.q95),
            value(p.sd_ratio)
        ));
    }
    out.push_str(
        "sd ratio = posterior sd / prior sd: 1 = the facts say nothing about the parameter, \
         about 0.3 or less = well identified\n",
    );
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
    out.push_str(&format!(
        "\n{:<w$} {:>19} {:>9} {:>20}\n",
        "fact (posterior predictive, fresh seeds)", "target", "mean", "90% over draws"
    ));
    for (f, p) in s.facts.iter().zip(&s.predictive_facts) {
        out.push_str(&format!(
            "{:<w$} {:>19} {:>9.4} [{:>8.4}, {:>8.4}]\n",
            f.statistic,
            target(f),
            p.mean,
            p.q05,
            p.q95
        ));
    }
    out
}

/// A fact's target for the tables: `8.4 ± 2`, `≥ 0.01`, `≤ 0.9` or `[0.005, 0.1]`.
fn target(f: &sim::calibration::FactEntry) -> String {
    f.target()
        .map_or_else(|| "none".to_string(), |t| t.to_string())
}

/// The charts of `calibrate`: posterior marginals (`posterior_NN_<parameter path>`), pairs of
/// the most informed parameters (`pairs_<path>_vs_<path>`), posterior predictive outcome
/// shares. Files are named by the parameters' full dotted paths: their last segments are
/// ambiguous (`discount.microsoft`, `discount.openai`).
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
            format!("posterior_{j:02}_{}", p.path),
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
            let (pa, pb) = (&s.posterior[a].path, &s.posterior[b].path);
            out.push((
                format!("pairs_{pa}_vs_{pb}"),
                Chart::Scatter(Scatter {
                    title: format!("Accepted draws: {pa} vs {pb}"),
                    subtitle: Some(sub.clone()),
                    x_label: s.posterior[a].path.clone(),
                    y_label: s.posterior[b].path.clone(),
                    groups: vec![
                        PointGroup {
                            label: "rejected (first 2000)".into(),
                            points: pts(&rejected),
                            colour: Some(6),
                            shade: None,
                        },
                        PointGroup {
                            label: "accepted".into(),
                            points: pts(&post),
                            colour: Some(3),
                            shade: None,
                        },
                    ],
                    references: vec![],
                    legend_title: None,
                    legend_note: None,
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
            legend: Vec::new(),
        }),
    ));
    out
}

/// Reads `draws.csv` of a `calibrate` results directory back into an ABC result.
pub(crate) fn read_draws(dir: &Path, s: &CalibrateSummary) -> Result<AbcResult> {
    Ok(sim::calibration::read_draws(dir, s).map_err(CliError::from)?)
}
