//! Heat map of a continuous value, typically P(outcome), over two swept
//! parameters, with a viridis colour bar and per-cell annotations when the
//! grid is small enough to read them.
//!
//! Probabilities use a fixed 0–100% colour scale unless auto-scaling is asked
//! for, and then the colour bar says "auto-scaled", so two maps can be
//! compared by colour. Cells whose 95% confidence interval is wider than a
//! threshold are hatched, with a note under the colour bar.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::FontTransform;
use serde::{Deserialize, Serialize};

use crate::frame::{self, page, Area, Drawn};
use crate::grid::{self, Sweep};
use crate::number;
use crate::scale;
use crate::theme::{self, INK};

/// A heat map: `z[row][col]` over `y_values[row]` × `x_values[col]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heatmap {
    /// Chart title.
    pub title: String,
    /// Optional second line (sample size, seed, fixed parameters).
    #[serde(default)]
    pub subtitle: Option<String>,
    /// X axis label with unit (first swept parameter).
    pub x_label: String,
    /// Y axis label with unit (second swept parameter).
    pub y_label: String,
    /// Swept values along x, one per column (drawn evenly spaced).
    pub x_values: Vec<f64>,
    /// Swept values along y, one per row, bottom to top.
    pub y_values: Vec<f64>,
    /// Grid values: `z[j][i]` is the cell at `y_values[j]`, `x_values[i]`.
    /// Missing or non-finite cells are drawn grey.
    pub z: Vec<Vec<f64>>,
    /// Colour bar label, e.g. "P(deal)".
    pub z_label: String,
    /// Colour scale range; defaults to \[0, 1\] for probabilities, else the
    /// data range.
    #[serde(default)]
    pub z_range: Option<[f64; 2]>,
    /// Values are probabilities: scale 0–1 and annotations in percent.
    #[serde(default)]
    pub probability: bool,
    /// Force cell annotations on or off; `None` shows them when cells are
    /// large enough.
    #[serde(default)]
    pub annotate: Option<bool>,
    /// Fit the colour scale to the data instead of the fixed 0–100% of
    /// probabilities; the colour bar label then says "auto-scaled".
    #[serde(default)]
    pub auto_scale: bool,
    /// Width of each cell's 95% confidence interval (same shape and units as
    /// `z`), when known.
    #[serde(default)]
    pub ci_width: Option<Vec<Vec<f64>>>,
    /// Cells whose CI is wider than this (units of `z`, e.g. 0.10 = 10
    /// percentage points) are hatched.
    #[serde(default)]
    pub ci_threshold: Option<f64>,
    /// The x values are log-spaced (the axis label says so).
    #[serde(default)]
    pub x_log: bool,
    /// The y values are log-spaced (the axis label says so).
    #[serde(default)]
    pub y_log: bool,
}

impl Heatmap {
    /// The colour scale `(low, high)`: an explicit `z_range`, else 0–1 for
    /// probabilities (unless `auto_scale`), else the data range. `None` when
    /// no cell is finite.
    pub fn colour_scale(&self) -> Option<(f64, f64)> {
        let values = self.z.iter().flatten().copied().filter(|v| v.is_finite());
        let (lo, hi) = scale::extent(values)?;
        Some(match self.z_range {
            Some([a, b]) if a.is_finite() && b.is_finite() && a != b => (a.min(b), a.max(b)),
            _ if self.probability && !self.auto_scale => (0.0, 1.0),
            _ => scale::sane(lo, hi),
        })
    }

    /// The colour bar label: `z_label`, marked "auto-scaled" when it is.
    pub fn colour_label(&self) -> String {
        if self.auto_scale {
            format!("{} (auto-scaled)", self.z_label)
        } else {
            self.z_label.clone()
        }
    }

    /// Cells `(column, row)` whose CI is wider than the threshold.
    pub fn hatched(&self) -> Vec<(usize, usize)> {
        let (Some(w), Some(t)) = (&self.ci_width, self.ci_threshold) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (j, row) in w.iter().enumerate() {
            for (i, v) in row.iter().enumerate() {
                if v.is_finite() && *v > t {
                    out.push((i, j));
                }
            }
        }
        out
    }

    /// The note explaining hatched cells, when there are any.
    pub fn hatch_note(&self) -> Option<String> {
        let t = self.ci_threshold?;
        if self.hatched().is_empty() {
            return None;
        }
        let t = if self.probability {
            format!("{} pp", number::value(t * 100.0))
        } else {
            number::value(t)
        };
        Some(format!("hatched: 95% CI wider than {t}"))
    }

    fn axis_label(label: &str, log: bool) -> String {
        if log {
            format!("{label} (log scale)")
        } else {
            label.to_string()
        }
    }
}

/// Width reserved right of the plot for the colour bar.
const BAR_PANEL: u32 = 150;

pub(crate) fn draw<DB: DrawingBackend>(h: &Heatmap, root: &Area<DB>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let area = page(root, &h.title, h.subtitle.as_deref())?;
    let (nx, ny) = (h.x_values.len(), h.y_values.len());
    let cell = |i: usize, j: usize| {
        h.z.get(j)
            .and_then(|row| row.get(i))
            .copied()
            .filter(|v| v.is_finite())
    };
    let Some((z0, z1)) = h.colour_scale() else {
        return frame::no_data(&area, "the grid has no finite values");
    };
    let (x_label, y_label) = (
        Heatmap::axis_label(&h.x_label, h.x_log),
        Heatmap::axis_label(&h.y_label, h.y_log),
    );
    let sweep = Sweep {
        x_values: &h.x_values,
        y_values: &h.y_values,
        x_label: &x_label,
        y_label: &y_label,
    };
    let mut c = grid::axes(root, &area, &sweep, BAR_PANEL)?;
    let colour = |v: f64| theme::viridis(((v - z0) / (z1 - z0)).clamp(0.0, 1.0));
    let hatched = h.hatched();
    let show = h.annotate.unwrap_or_else(|| grid::roomy(&c, nx, ny));
    for j in 0..ny {
        for i in 0..nx {
            let fill = cell(i, j).map_or(theme::MISSING, colour);
            grid::fill(&mut c, i, j, fill)?;
            if hatched.contains(&(i, j)) {
                grid::hatch(root, &c, i, j, theme::text_on(fill))?;
            }
            if show {
                if let Some(v) = cell(i, j) {
                    let text = if h.probability {
                        number::pct(v)
                    } else {
                        number::value(v)
                    };
                    grid::annotate(root, &c, i, j, text, fill)?;
                }
            }
        }
    }
    grid::outline(root, &c)?;
    colour_bar(root, &c, h, (z0, z1))
}

/// Vertical gradient bar with ticks and a rotated label right of the plot.
fn colour_bar<DB: DrawingBackend>(
    root: &Area<DB>,
    c: &frame::Plot<'_, DB>,
    h: &Heatmap,
    (z0, z1): (f64, f64),
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (_, top, right, plot_bottom) = frame::plot_box(c);
    let (x0, x1) = (right + 28, right + 56);
    // Room under the bar for the note on hatched cells.
    let note = h.hatch_note();
    let bottom = if note.is_some() {
        plot_bottom - 120
    } else {
        plot_bottom
    };
    let height = (bottom - top).max(1);
    for k in 0..height {
        let t = 1.0 - k as f64 / height as f64;
        root.draw(&Rectangle::new(
            [(x0, top + k), (x1, top + k + 1)],
            theme::viridis(t).filled(),
        ))?;
    }
    root.draw(&Rectangle::new(
        [(x0, top), (x1, bottom)],
        INK.mix(0.6).stroke_width(1),
    ))?;
    let ticks = 5;
    let mut max_w = 0;
    for k in 0..=ticks {
        let v = z0 + (z1 - z0) * k as f64 / ticks as f64;
        let y = bottom - (height as f64 * k as f64 / ticks as f64).round() as i32;
        let label = if h.probability {
            number::pct_tick(v, z1 - z0, ticks)
        } else {
            number::tick(v, z1 - z0, ticks)
        };
        max_w = max_w.max(frame::measure(root, &label, &theme::font(theme::TICK_SIZE)).0 as i32);
        root.draw(&PathElement::new(
            vec![(x1, y), (x1 + 5, y)],
            INK.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            label,
            (x1 + 8, y),
            theme::text(theme::TICK_SIZE, INK, HPos::Left, VPos::Center),
        ))?;
    }
    if let Some(note) = &note {
        let y = bottom + 30;
        grid::hatch_key(root, (x0, y), (x1, y + 22))?;
        let size = theme::TICK_SIZE - 3.0;
        let lines = frame::wrap(root, note, &theme::font(size), BAR_PANEL - 24);
        for (k, line) in lines.iter().enumerate() {
            root.draw(&Text::new(
                line.clone(),
                (x0, y + 28 + k as i32 * (size as i32 + 3)),
                theme::text(size, INK, HPos::Left, VPos::Top),
            ))?;
        }
    }
    let label = frame::fit(
        root,
        &h.colour_label(),
        &theme::font(theme::AXIS_SIZE),
        height as u32,
    );
    let style = theme::text(theme::AXIS_SIZE, INK, HPos::Center, VPos::Top)
        .transform(FontTransform::Rotate90);
    root.draw(&Text::new(
        label,
        (
            x1 + 16 + max_w + theme::AXIS_SIZE as i32,
            (top + bottom) / 2,
        ),
        style,
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Heatmap;
    use crate::{render, Chart, Format};

    /// A 3 × 2 map of small probabilities (all below 6%), with CI widths.
    fn rare() -> Heatmap {
        Heatmap {
            title: "P(LITIGATION) over litigation.threat_suit_belief × antitrust.initial".into(),
            subtitle: Some(
                "sweep t · 6 cells × 200 runs · seed 1 · set litigation.win_probability_mean=0.4"
                    .into(),
            ),
            x_label: "litigation.threat_suit_belief".into(),
            y_label: "antitrust cost of suing ($B)".into(),
            x_values: vec![0.2, 0.5, 0.8],
            y_values: vec![1.0, 10.0],
            z: vec![vec![0.01, 0.02, 0.05], vec![0.0, 0.03, 0.04]],
            z_label: "P(LITIGATION)".into(),
            z_range: None,
            probability: true,
            annotate: None,
            auto_scale: false,
            ci_width: Some(vec![vec![0.02, 0.15, 0.08], vec![0.01, 0.11, 0.10]]),
            ci_threshold: Some(0.10),
            x_log: false,
            y_log: true,
        }
    }

    #[test]
    fn probabilities_use_the_fixed_scale_unless_auto_scaled() {
        let h = rare();
        assert_eq!(h.colour_scale(), Some((0.0, 1.0)));
        assert_eq!(h.colour_label(), "P(LITIGATION)");
        let auto = Heatmap {
            auto_scale: true,
            ..rare()
        };
        let (lo, hi) = auto.colour_scale().unwrap();
        assert!(lo <= 0.0 && (0.05..0.2).contains(&hi), "{lo}..{hi}");
        assert_eq!(auto.colour_label(), "P(LITIGATION) (auto-scaled)");
    }

    #[test]
    fn cells_with_wide_intervals_are_hatched_and_explained() {
        let h = rare();
        // Exactly 0.10 is not wider than the threshold.
        assert_eq!(h.hatched(), vec![(1, 0), (1, 1)]);
        assert_eq!(
            h.hatch_note().as_deref(),
            Some("hatched: 95% CI wider than 10 pp")
        );
        let none = Heatmap {
            ci_threshold: Some(0.5),
            ..rare()
        };
        assert!(none.hatched().is_empty() && none.hatch_note().is_none());
    }

    #[test]
    fn the_picture_says_what_it_shows() {
        let dir = tempfile::tempdir().unwrap();
        let auto = Heatmap {
            auto_scale: true,
            ..rare()
        };
        let paths = render(&Chart::Heatmap(auto), &dir.path().join("h"), &[Format::Svg]).unwrap();
        let svg = std::fs::read_to_string(&paths[0]).unwrap();
        for text in [
            "(auto-scaled)",
            "hatched:",
            "antitrust cost of suing ($B) (log scale)",
            "litigation.threat_suit_belief",
            "litigation.win_probability_mean=0.4",
        ] {
            assert!(svg.contains(text), "`{text}` missing from the SVG");
        }
        assert!(!svg.contains('…'), "some text was cut short");
    }
}
