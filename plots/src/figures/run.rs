//! Figures of a `run` results directory: outcome shares with Wilson intervals, the
//! time-to-agreement histogram, payoff box plots per player, the share of deals meeting each
//! strict April term and, when `agreements.csv` is present, the sampled agreements in utility
//! space with the cooperative reference points.

use super::{
    agreement_histogram, box_summary, outcome_colour, overrides_note, scenario_name, Figure,
    FigureError,
};
use crate::{Bar, BarChart, Chart, Distributions, PointGroup, ReferencePoint, Scatter};
use serde::{Deserialize, Serialize};
use sim::agreements::{self, Agreement};
use sim::outcome::strict_term_label;
use sim::output::{read_json, Manifest};
use sim::results::{AprilTerms, Distribution};
use sim::{Outcome, Summary};
use std::path::Path;

/// File (in the results directory) holding the reference points.
pub const REFERENCE_FILE: &str = "reference_points.json";

/// A labelled reference point in payoff space (from the cooperative benchmarks, computed by
/// the caller from the scenario).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// Label.
    pub label: String,
    /// Payoffs (Microsoft, OpenAI, Amazon), $B.
    pub payoffs: [f64; 3],
}

/// "name · N = runs · seed S[ · set …]".
fn subtitle(m: &Manifest) -> String {
    format!(
        "{} · N = {} runs · seed {}{}",
        scenario_name(m),
        m.runs,
        m.seed,
        overrides_note(m)
    )
}

/// The figures of a `run`: outcomes, time to agreement and payoffs, then the agreements
/// scatter when `agreements` is given (the sample of `agreements.csv`).
pub fn figures(
    m: &Manifest,
    s: &Summary,
    agreements: Option<&[Agreement]>,
    refs: &[Reference],
) -> Vec<Figure> {
    let sub = Some(subtitle(m));
    let bars = s
        .outcomes
        .iter()
        .map(|o| Bar {
            label: o.outcome.clone(),
            value: o.share,
            ci_lo: Some(o.ci_low),
            ci_hi: Some(o.ci_high),
            colour: Outcome::from_name(&o.outcome).map(outcome_colour),
        })
        .collect();
    let outcomes = Chart::Bar(BarChart {
        title: "Outcome shares with 95% Wilson intervals".into(),
        subtitle: sub.clone(),
        y_label: "share of runs".into(),
        x_label: Some("outcome class (docs/model.md §8)".into()),
        bars,
        probability: true,
        legend: Vec::new(),
    });
    let agreement = agreement_histogram(
        "Time to agreement".into(),
        format!(
            "{} · {} runs with an MO agreement",
            subtitle(m),
            s.time_to_agreement.agreements
        ),
        &s.time_to_agreement.histogram,
    );
    let row = |label: &str, d: &Distribution, colour| box_summary(label.into(), d, colour);
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
    let mut out = vec![
        ("outcomes".to_string(), outcomes),
        ("time_to_agreement".to_string(), agreement),
        ("payoffs".to_string(), payoffs),
    ];
    if let Some(chart) = april_terms(m, &s.april_terms) {
        out.push(("april_terms".into(), chart));
    }
    if let Some(rows) = agreements {
        out.push(("agreements".into(), agreement_scatter(m, rows, refs)));
    }
    out
}

/// The share of deals meeting each term of the strict April class, with Wilson intervals
/// (none without deals, e.g. a results directory written before the count existed).
fn april_terms(m: &Manifest, a: &AprilTerms) -> Option<Chart> {
    if a.deals == 0 {
        return None;
    }
    let bars = a
        .strict_terms
        .iter()
        .map(|t| Bar {
            label: strict_term_label(&t.term).unwrap_or(&t.term).to_string(),
            value: t.share,
            ci_lo: Some(t.ci_low),
            ci_hi: Some(t.ci_high),
            colour: Some(outcome_colour(Outcome::AprilLikeStrict)),
        })
        .collect();
    Some(Chart::Bar(BarChart {
        title: "Deals meeting each term of the strict April class (95% Wilson)".into(),
        subtitle: Some(format!(
            "{} · {} deals without a suit · {} meet every term",
            subtitle(m),
            a.deals,
            a.all_strict_terms
        )),
        y_label: "share of deals".into(),
        x_label: Some("term of the April 2026 amendment (docs/model.md §8)".into()),
        bars,
        probability: true,
        legend: Vec::new(),
    }))
}

/// The figures of the `run` results directory `dir` (manifest `m`).
pub fn load(dir: &Path, m: &Manifest) -> Result<Vec<Figure>, FigureError> {
    let summary: Summary = read_json(dir, "summary.json")?;
    let rows = match agreements::read(dir) {
        Ok(rows) => Some(rows),
        // Missing is fine only when pactsim never wrote it (a sweep's cells, an older run);
        // a file its inventory lists has been removed since, and the figures would be partial.
        Err(e) if e.is_not_found() && !inventory_lists(dir, agreements::FILE) => None,
        Err(e) => return Err(e.into()),
    };
    let refs: Vec<Reference> = match rows {
        Some(_) => read_json(dir, REFERENCE_FILE).unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(figures(m, &summary, rows.as_deref(), &refs))
}

/// Whether `dir`'s inventory (what pactsim wrote there) lists `file`.
fn inventory_lists(dir: &Path, file: &str) -> bool {
    sim::outdir::read_inventory(dir).is_ok_and(|list| list.iter().any(|e| e == file))
}

/// Scatter of sampled agreements in (Microsoft, OpenAI) payoff space, one group per outcome
/// class, with the reference points.
pub fn agreement_scatter(m: &Manifest, rows: &[Agreement], refs: &[Reference]) -> Chart {
    let mut groups: Vec<(Outcome, PointGroup)> = Vec::new();
    for r in rows {
        let point = [r.payoffs[0], r.payoffs[1]];
        match groups.iter_mut().find(|(o, _)| *o == r.outcome) {
            Some((_, g)) => g.points.push(point),
            None => groups.push((
                r.outcome,
                PointGroup {
                    label: r.outcome.name().to_string(),
                    points: vec![point],
                    colour: Some(outcome_colour(r.outcome)),
                    shade: None,
                },
            )),
        }
    }
    groups.sort_by_key(|(o, _)| o.index());
    let n = rows.len();
    Chart::Scatter(Scatter {
        title: "Agreements in utility space".into(),
        subtitle: Some(format!(
            "{} · first {n} agreements · reference points at expected values",
            subtitle(m)
        )),
        x_label: "Microsoft payoff ($B present value)".into(),
        y_label: "OpenAI payoff ($B present value)".into(),
        groups: groups.into_iter().map(|(_, g)| g).collect(),
        references: refs
            .iter()
            .map(|r| ReferencePoint {
                label: r.label.clone(),
                x: r.payoffs[0],
                y: r.payoffs[1],
            })
            .collect(),
        legend_title: None,
        legend_note: None,
    })
}
