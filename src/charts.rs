//! Maps results into chart specifications of the `plots` crate and renders a results
//! directory's figures into its `plots/` folder. A pure function of saved results: `pactsim
//! plot DIR` re-renders without re-running.

use crate::cli::PlotFormat;
use anyhow::{Context, Result};
use plots::{Bar, BarChart, BoxSummary, Chart, Distributions, Format, Histogram, Marker};
use sim::output::{read_json, Manifest};
use sim::results::Distribution;
use sim::{Outcome, Summary};
use std::path::{Path, PathBuf};

/// Real milestones marked on time-to-agreement histograms (DOMAIN §0): weeks since 27 Feb 2026.
pub const MILESTONES: [(f64, &str); 3] = [
    (2.7, "threat wk 2.7"),
    (8.4, "deal wk 8.4"),
    (12.0, "S-1 wk 12"),
];

/// A fixed palette index per outcome class, so colours agree across charts.
pub fn outcome_colour(o: Outcome) -> usize {
    match o {
        Outcome::AmazonCollapse => 6,
        Outcome::Litigation => 3,
        Outcome::LitigatedSettlement => 1,
        Outcome::AprilLikeStrict => 2,
        Outcome::AprilLikeBroad => 5,
        Outcome::OtherDeal => 4,
        Outcome::StatusQuoBackdown => 7,
        Outcome::Impasse => 0,
    }
}

/// The formats selected on the command line.
pub fn formats(f: PlotFormat) -> Vec<Format> {
    match f {
        PlotFormat::Svg => vec![Format::Svg],
        PlotFormat::Png => vec![Format::Png],
        PlotFormat::Both => vec![Format::Svg, Format::Png],
    }
}

fn subtitle(m: &Manifest) -> String {
    let name = m
        .scenario
        .get("meta")
        .and_then(|v| v.get("name"))
        .and_then(|v| v.as_str())
        .unwrap_or("scenario");
    format!("{name} · N = {} runs · seed {}", m.runs, m.seed)
}

/// The charts of a `run` results directory.
pub fn run_charts(m: &Manifest, s: &Summary) -> Vec<(&'static str, Chart)> {
    let sub = Some(subtitle(m));
    let bars = s
        .outcomes
        .iter()
        .map(|o| {
            let class = Outcome::from_name(&o.outcome);
            Bar {
                label: o.outcome.clone(),
                value: o.share,
                ci_lo: Some(o.ci_low),
                ci_hi: Some(o.ci_high),
                colour: class.map(outcome_colour),
            }
        })
        .collect();
    let outcomes = Chart::Bar(BarChart {
        title: "Outcome shares with 95% Wilson intervals".into(),
        subtitle: sub.clone(),
        y_label: "share of runs".into(),
        x_label: Some("outcome class (DOMAIN §2.7)".into()),
        bars,
        probability: true,
    });
    let h = &s.time_to_agreement.histogram;
    let agreement = Chart::Histogram(Histogram {
        title: "Time to agreement".into(),
        subtitle: Some(format!(
            "{} · {} runs with an MO agreement",
            subtitle(m),
            s.time_to_agreement.agreements
        )),
        x_label: "week of agreement (weeks since 27 Feb 2026)".into(),
        y_label: "runs".into(),
        edges: (0..=h.len()).map(|i| i as f64).collect(),
        counts: h.iter().map(|c| *c as f64).collect(),
        markers: MILESTONES
            .iter()
            .map(|(x, l)| Marker {
                x: *x,
                label: l.to_string(),
                colour: None,
            })
            .collect(),
    });
    let row = |label: &str, d: &Distribution, colour| BoxSummary {
        label: label.into(),
        p5: d.p5,
        p25: d.p25,
        p50: d.p50,
        p75: d.p75,
        p95: d.p95,
        mean: Some(d.mean),
        colour: Some(colour),
    };
    let payoffs = Chart::Distributions(Distributions {
        title: "Realised payoffs per player (5–95% whiskers, mean marked)".into(),
        subtitle: sub,
        x_label: "$B present value (each player's own discount rate)".into(),
        rows: vec![
            row("Microsoft", &s.payoffs.microsoft, 0),
            row("OpenAI", &s.payoffs.openai, 2),
            row("Amazon", &s.payoffs.amazon, 1),
        ],
    });
    vec![
        ("outcomes", outcomes),
        ("time_to_agreement", agreement),
        ("payoffs", payoffs),
    ]
}

/// Renders `charts` into `dir/plots`.
pub fn render(dir: &Path, charts: &[(&str, Chart)], formats: &[Format]) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (stem, chart) in charts {
        let path = dir.join("plots").join(stem);
        written.extend(
            plots::render(chart, &path, formats).with_context(|| format!("rendering {stem}"))?,
        );
    }
    Ok(written)
}

/// Re-renders the plots of a results directory from its saved files.
pub fn replot(dir: &Path, formats: &[Format]) -> Result<Vec<PathBuf>> {
    let manifest: Manifest =
        read_json(dir, "manifest.json").map_err(|e| crate::bad(format!("{e}")))?;
    match manifest.command.as_str() {
        "run" => {
            let summary: Summary =
                read_json(dir, "summary.json").map_err(|e| crate::bad(format!("{e}")))?;
            render(dir, &run_charts(&manifest, &summary), formats)
        }
        other => Err(crate::bad(format!(
            "{}: results of `{other}` have no plots in this version",
            dir.display()
        ))),
    }
}
