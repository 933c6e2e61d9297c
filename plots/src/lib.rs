//! Chart rendering for pactsim.
//!
//! Two layers, both pure functions:
//!
//! - Rendering: chart specifications to image files. The chart modules know
//!   nothing about simulations: a [`Chart`] spec goes to [`render`], which
//!   writes SVG and/or PNG files.
//! - [`figures`]: which figures a results directory gets. It reads the saved
//!   results of `run`, `sweep` and `sensitivity` (types of the `sim` crate) and
//!   maps them into named [`Chart`] specs; it never runs a model (the
//!   cooperative reference points of a `run` come in as plain data).
//!
//! All text uses DejaVu Sans, embedded in the binary and registered with
//! plotters on first use, so PNG output needs no system fonts. Colours come
//! from the Okabe–Ito colour-blind-safe palette; wherever a spec has a
//! `colour: Option<usize>` field it is an index into that palette (0 blue,
//! 1 orange, 2 bluish green, 3 vermillion, 4 reddish purple, 5 sky blue,
//! 6 grey, 7 yellow; wraps around), so the same outcome can keep the same
//! colour across charts. `None` means "by position".
//!
//! Bad data never panics: non-finite values are skipped, and a chart with
//! nothing drawable is rendered with a "No data" notice under its title.

mod bar;
mod category_map;
mod distributions;
pub mod figures;
mod font;
mod frame;
mod grid;
mod heatmap;
mod histogram;
mod legend;
mod line;
mod marks;
mod number;
mod output;
mod placement;
mod rows;
mod scale;
mod scatter;
mod simplex;
mod theme;
mod tornado;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use bar::{Bar, BarChart, LegendEntry};
pub use category_map::{CategoryMap, MapClass};
pub use distributions::{BoxSummary, Distributions};
pub use heatmap::Heatmap;
pub use histogram::{Histogram, Marker};
pub use line::{LinePlot, Series, SeriesPoint, XMark};
pub use scatter::{PointGroup, ReferencePoint, Scatter};
pub use simplex::{Simplex, SimplexPoint, Trajectory};
pub use tornado::{Tornado, TornadoBar};

/// A chart specification: one variant per kind of figure.
///
/// Serialised with an internal `"kind"` tag, e.g. `{"kind": "bar", ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Chart {
    /// Outcome shares with 95% CI error bars.
    Bar(BarChart),
    /// P(outcome) over two swept parameters.
    Heatmap(Heatmap),
    /// Modal outcome over two swept parameters.
    CategoryMap(CategoryMap),
    /// Series over one swept parameter with CI bands.
    Line(LinePlot),
    /// Pre-binned histogram with labelled marker lines.
    Histogram(Histogram),
    /// Box plots of per-player payoff distributions.
    Distributions(Distributions),
    /// Sensitivity (tornado) chart.
    Tornado(Tornado),
    /// Points in a 2-D utility space with reference points.
    Scatter(Scatter),
    /// Trajectories on the 2-simplex of 3-strategy dynamics.
    Simplex(Simplex),
}

impl Chart {
    /// The chart's title.
    pub fn title(&self) -> &str {
        match self {
            Chart::Bar(c) => &c.title,
            Chart::Heatmap(c) => &c.title,
            Chart::CategoryMap(c) => &c.title,
            Chart::Line(c) => &c.title,
            Chart::Histogram(c) => &c.title,
            Chart::Distributions(c) => &c.title,
            Chart::Tornado(c) => &c.title,
            Chart::Scatter(c) => &c.title,
            Chart::Simplex(c) => &c.title,
        }
    }

    /// Canvas size in pixels (width, height) used by [`render`].
    pub fn size(&self) -> (u32, u32) {
        match self {
            Chart::Simplex(_) => (1100, 900),
            Chart::Distributions(d) => (theme::WIDTH, distributions::height(d)),
            Chart::Tornado(t) => (theme::WIDTH, tornado::height(t)),
            Chart::Bar(b) => (theme::WIDTH, bar::height(b)),
            _ => (theme::WIDTH, theme::HEIGHT),
        }
    }

    fn draw<DB: plotters::prelude::DrawingBackend>(&self, root: &frame::Area<DB>) -> frame::Drawn
    where
        DB::ErrorType: 'static,
    {
        match self {
            Chart::Bar(c) => bar::draw(c, root),
            Chart::Heatmap(c) => heatmap::draw(c, root),
            Chart::CategoryMap(c) => category_map::draw(c, root),
            Chart::Line(c) => line::draw(c, root),
            Chart::Histogram(c) => histogram::draw(c, root),
            Chart::Distributions(c) => distributions::draw(c, root),
            Chart::Tornado(c) => tornado::draw(c, root),
            Chart::Scatter(c) => scatter::draw(c, root),
            Chart::Simplex(c) => simplex::draw(c, root),
        }
    }
}

/// An output image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Scalable vector graphics (`.svg`).
    Svg,
    /// Portable network graphics (`.png`), rendered with the embedded font.
    Png,
}

impl Format {
    /// File extension without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }
}

/// Errors from [`render`].
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// Plotters failed while drawing or encoding the named file.
    #[error("failed to draw {}: {error}", path.display())]
    Draw {
        /// The file being produced.
        path: PathBuf,
        /// The underlying plotters error (part of the message, so not a separate `source`).
        error: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Creating the directory or writing/renaming the named file failed.
    #[error("failed to write {}: {error}", path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying I/O error (part of the message, so not a separate `source`).
        error: std::io::Error,
    },
    /// The embedded font could not be loaded (should never happen).
    #[error("the embedded DejaVu Sans font could not be registered")]
    Font,
}

/// Render `chart` to `stem.svg` and/or `stem.png` (one file per entry of
/// `formats`; duplicates are written once), creating parent directories.
///
/// Each file is drawn under a temporary name in the same directory and
/// renamed into place, so an error never leaves a half-written file.
/// Returns the paths written, in the order of `formats`.
pub fn render(chart: &Chart, stem: &Path, formats: &[Format]) -> Result<Vec<PathBuf>, PlotError> {
    font::ensure_registered()?;
    let mut written = Vec::new();
    for (i, &format) in formats.iter().enumerate() {
        if formats[..i].contains(&format) {
            continue;
        }
        written.push(output::write(chart, stem, format)?);
    }
    Ok(written)
}

#[cfg(test)]
mod tests;
