//! Renders figures into a results directory's `plots/` folder. Which figures a results
//! directory gets is decided by [`plots::figures`] (a pure function of the saved results);
//! this module adds what needs the application: the image formats chosen on the command line,
//! the cooperative reference points of a scenario (passed to `plots` as plain data) and the
//! results kinds whose figures still live with their commands (metagame, sobol, discover,
//! calibrate).

use crate::cli::PlotFormat;
use anyhow::{Context, Result};
use plots::figures::run::Reference;
use plots::figures::FigureError;
use plots::figures::HeatOptions;
use plots::{Chart, Format};
use sim::output::{read_json, Manifest};
use std::path::{Path, PathBuf};

/// The formats selected on the command line.
pub fn formats(f: PlotFormat) -> Vec<Format> {
    match f {
        PlotFormat::Svg => vec![Format::Svg],
        PlotFormat::Png => vec![Format::Png],
        PlotFormat::Both => vec![Format::Svg, Format::Png],
    }
}

/// The April terms, the Nash and Kalai–Smorodinsky solutions and the disagreement point at
/// the scenario's expected values.
pub fn reference_points(scenario: &sim::Scenario) -> Result<Vec<Reference>> {
    let b = sim::cooperative::benchmarks(scenario).context("computing reference points")?;
    let pick = |name: &str, label: &str| {
        b.solutions
            .iter()
            .find(|s| s.name == name)
            .map(|s| Reference {
                label: label.to_string(),
                payoffs: s.payoffs,
            })
    };
    Ok([
        pick("April 2026 terms", "April 2026"),
        pick("Nash bargaining (symmetric)", "Nash"),
        pick("Kalai–Smorodinsky", "KS"),
        pick("Disagreement (contested launch)", "disagreement"),
    ]
    .into_iter()
    .flatten()
    .collect())
}

/// Renders `charts` into `dir/plots`. In a results directory with an inventory (`pactsim
/// plot` redrawing one), a figure's file that exists but is not pactsim's is bad input, found
/// before anything is drawn: pactsim never overwrites a file of yours.
pub fn render(dir: &Path, charts: &[(&str, Chart)], formats: &[Format]) -> Result<Vec<PathBuf>> {
    if let Ok(own) = sim::outdir::read_inventory(dir) {
        for (stem, _) in charts {
            for f in formats {
                let rel = format!("plots/{stem}.{}", f.extension());
                let path = dir.join(&rel);
                if path.symlink_metadata().is_ok() && own.binary_search(&rel).is_err() {
                    return Err(crate::bad(format!(
                        "{}: pactsim did not write this file and will not overwrite it with \
                         its figure; move it elsewhere, then plot again",
                        path.display()
                    )));
                }
            }
        }
    }
    let mut written = Vec::new();
    for (stem, chart) in charts {
        let path = dir.join("plots").join(stem);
        written.extend(
            plots::render(chart, &path, formats).with_context(|| format!("rendering {stem}"))?,
        );
    }
    Ok(written)
}

/// [`render`] for charts with computed names.
pub(crate) fn render_named(
    dir: &Path,
    charts: &[(String, Chart)],
    formats: &[Format],
) -> Result<Vec<PathBuf>> {
    let named: Vec<(&str, Chart)> = charts
        .iter()
        .map(|(n, c)| (n.as_str(), c.clone()))
        .collect();
    render(dir, &named, formats)
}

/// Re-renders the plots of a results directory from its saved files.
pub fn replot(dir: &Path, formats: &[Format], heat: &HeatOptions) -> Result<Vec<PathBuf>> {
    let command = match plots::figures::load(dir, heat) {
        Ok(figures) => return render_named(dir, &figures, formats),
        Err(FigureError::Unsupported { command, .. }) if other_kind(&command) => command,
        Err(e) => return Err(crate::bad(e.to_string())),
    };
    if command == "metagame" {
        return crate::cmd_metagame::replot(dir, formats);
    }
    let manifest: Manifest = saved(dir, "manifest.json")?;
    let figures = match command.as_str() {
        "sobol" => crate::cmd_sobol::sobol_charts(&manifest, &saved(dir, "summary.json")?),
        "discover" => {
            let summary: crate::cmd_discover::DiscoverSummary = saved(dir, "summary.json")?;
            let (x, y) = crate::cmd_discover::read_points(dir, summary.parameters.len())?;
            crate::cmd_discover::discover_charts(&manifest, &summary, &x, &y)
        }
        _ => {
            let summary: crate::cmd_calibrate::CalibrateSummary = saved(dir, "summary.json")?;
            let res = crate::cmd_calibrate::read_draws(dir, &summary)?;
            crate::cmd_calibrate::calibrate_charts(&manifest, &summary, &res)
        }
    };
    render_named(dir, &figures, formats)
}

/// A JSON file of a results directory; a missing or malformed one is bad input.
fn saved<T: serde::de::DeserializeOwned>(dir: &Path, name: &str) -> Result<T> {
    read_json(dir, name).map_err(|e| crate::bad(format!("{e}")))
}

/// Results kinds whose figures are made by their command modules, not by [`plots::figures`].
fn other_kind(command: &str) -> bool {
    matches!(command, "metagame" | "sobol" | "discover" | "calibrate")
}
