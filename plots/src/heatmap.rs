//! Heat map of a continuous value, typically P(outcome), over two swept
//! parameters, with a viridis colour bar and per-cell annotations when the
//! grid is small enough to read them.

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
    let values = (0..ny)
        .flat_map(|j| (0..nx).map(move |i| (i, j)))
        .filter_map(|(i, j)| cell(i, j));
    let Some((lo, hi)) = scale::extent(values) else {
        return frame::no_data(&area, "the grid has no finite values");
    };
    let (z0, z1) = match h.z_range {
        Some([a, b]) if a.is_finite() && b.is_finite() && a != b => (a.min(b), a.max(b)),
        _ if h.probability => (0.0, 1.0),
        _ => scale::sane(lo, hi),
    };
    let sweep = Sweep {
        x_values: &h.x_values,
        y_values: &h.y_values,
        x_label: &h.x_label,
        y_label: &h.y_label,
    };
    let mut c = grid::axes(root, &area, &sweep, BAR_PANEL)?;
    let colour = |v: f64| theme::viridis((v - z0) / (z1 - z0));
    let show = h.annotate.unwrap_or_else(|| grid::roomy(&c, nx, ny));
    for j in 0..ny {
        for i in 0..nx {
            let fill = cell(i, j).map_or(theme::MISSING, colour);
            grid::fill(&mut c, i, j, fill)?;
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
    let (_, top, right, bottom) = frame::plot_box(c);
    let (x0, x1) = (right + 28, right + 56);
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
    let label = frame::fit(
        root,
        &h.z_label,
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
