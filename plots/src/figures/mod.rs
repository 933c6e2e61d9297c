//! Which figures a results directory gets: a pure function from saved results to named
//! [`Chart`] specs, one module per results kind ([`run`], [`sweep`], [`sensitivity`]).
//! [`load`] reads a results directory (`manifest.json`, `summary.json`, `agreements.csv`,
//! `reference_points.json`) and returns its figures; nothing here runs a model: what needs the
//! scenario beyond the directory (the cooperative reference points) is passed in as plain data
//! ([`run::Reference`]). The caller renders the figures into the directory's `plots/` folder
//! (file stem = figure name).

pub mod run;
pub mod sensitivity;
pub mod sweep;

use crate::{BoxSummary, Chart, Histogram, Marker};
use sim::agreements::AgreementsError;
use sim::output::{read_json, Manifest, OutputError};
use sim::results::Distribution;
use sim::Outcome;
use std::path::{Path, PathBuf};

/// A named figure: file stem (inside `plots/`) and chart.
pub type Figure = (String, Chart);

/// Real milestones marked on time-to-agreement histograms (docs/model.md §1), in weeks since
/// 27 Feb 2026.
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

/// How sweep heat maps are drawn (`--auto-scale`, `--ci-threshold`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeatOptions {
    /// Fit the colour scale to the data instead of the fixed 0–100%.
    pub auto_scale: bool,
    /// Hatch cells whose 95% CI is wider than this many percentage points.
    pub ci_threshold_pp: f64,
}

impl Default for HeatOptions {
    fn default() -> Self {
        HeatOptions {
            auto_scale: false,
            ci_threshold_pp: 10.0,
        }
    }
}

/// Error loading the figures of a results directory.
#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    /// A results file is missing or does not parse.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// `agreements.csv` is unreadable or malformed.
    #[error(transparent)]
    Agreements(#[from] AgreementsError),
    /// The directory holds results of a kind this module has no figures for.
    #[error(
        "{}: `pactsim plot` cannot redraw results of `{command}` in this version: they are drawn \
         when they are made; run the same `pactsim {command}` command again (it reproduces \
         the same results) to redraw them",
        dir.display()
    )]
    Unsupported {
        /// The results directory.
        dir: PathBuf,
        /// The command that wrote it (`manifest.json`).
        command: String,
    },
}

/// The figures of the results directory `dir` (`run`, `sweep` or `sensitivity` results),
/// read from its saved files.
pub fn load(dir: &Path, heat: &HeatOptions) -> Result<Vec<Figure>, FigureError> {
    // The command first: results without a scenario (tournament, moran) have a shorter
    // manifest, and are reported as unsupported rather than as a malformed manifest.
    let head: ManifestHead = read_json(dir, "manifest.json")?;
    if !matches!(head.command.as_str(), "run" | "sweep" | "sensitivity") {
        return Err(FigureError::Unsupported {
            dir: dir.to_path_buf(),
            command: head.command,
        });
    }
    let manifest: Manifest = read_json(dir, "manifest.json")?;
    match manifest.command.as_str() {
        "run" => run::load(dir, &manifest),
        "sweep" => {
            let facts = if dir.join(sweep::FACTS_FILE).is_file() {
                Some(read_json(dir, sweep::FACTS_FILE)?)
            } else {
                None
            };
            Ok(sweep::figures(
                &manifest,
                &read_json(dir, "summary.json")?,
                facts.as_ref(),
                heat,
            ))
        }
        "sensitivity" => Ok(sensitivity::figures(
            &manifest,
            &read_json(dir, "summary.json")?,
        )),
        other => Err(FigureError::Unsupported {
            dir: dir.to_path_buf(),
            command: other.to_string(),
        }),
    }
}

/// The one field of a manifest every pactsim results directory has.
#[derive(serde::Deserialize)]
struct ManifestHead {
    command: String,
}

/// The scenario's name (`meta.name` of the resolved scenario in the manifest).
fn scenario_name(m: &Manifest) -> &str {
    m.scenario
        .get("meta")
        .and_then(|v| v.get("name"))
        .and_then(|v| v.as_str())
        .unwrap_or("scenario")
}

/// " · set a=1, b=2" when the results were computed with `--set` overrides, else "".
fn overrides_note(m: &Manifest) -> String {
    if m.overrides.is_empty() {
        String::new()
    } else {
        format!(" · set {}", m.overrides.join(", "))
    }
}

/// Histogram of agreement weeks (one bin per week) with the real milestones marked.
pub fn agreement_histogram(title: String, subtitle: String, counts: &[u64]) -> Chart {
    Chart::Histogram(Histogram {
        title,
        subtitle: Some(subtitle),
        x_label: "week of agreement (weeks since 27 Feb 2026)".into(),
        y_label: "runs".into(),
        edges: (0..=counts.len()).map(|i| i as f64).collect(),
        counts: counts.iter().map(|c| *c as f64).collect(),
        markers: MILESTONES
            .iter()
            .map(|(x, l)| Marker {
                x: *x,
                label: l.to_string(),
                colour: None,
            })
            .collect(),
    })
}

/// A box-plot row (5–95% whiskers, mean marked) from a payoff distribution.
pub fn box_summary(label: String, d: &Distribution, colour: usize) -> BoxSummary {
    BoxSummary {
        label,
        p5: d.p5,
        p25: d.p25,
        p50: d.p50,
        p75: d.p75,
        p95: d.p95,
        mean: Some(d.mean),
        colour: Some(colour),
    }
}

/// A parameter value for labels: four decimals at most, trailing zeros trimmed.
fn short_number(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// Last segment of a parameter path (titles; axis labels carry the full description).
fn tail(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}
