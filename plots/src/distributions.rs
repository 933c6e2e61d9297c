//! Horizontal box plots of payoff distributions, one row per player, drawn
//! from given quantiles (5th, 25th, 50th, 75th, 95th percentile) with a
//! mean marker and a key explaining the glyphs.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use serde::{Deserialize, Serialize};

use crate::frame::{self, page, Area, Drawn};
use crate::legend::{self, Item, Swatch};
use crate::number;
use crate::rows;
use crate::scale;
use crate::theme::{self, INK};

/// Box plots of per-player distributions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distributions {
    /// Chart title.
    pub title: String,
    /// Optional second line.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Value axis label with unit, e.g. "payoff ($B present value)".
    pub x_label: String,
    /// One box per row, drawn top to bottom in this order.
    pub rows: Vec<BoxSummary>,
}

/// Quantile summary of one distribution (one row of [`Distributions`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoxSummary {
    /// Row label, e.g. the player name.
    pub label: String,
    /// 5th percentile (whisker end).
    pub p5: f64,
    /// 25th percentile (box start).
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile (box end).
    pub p75: f64,
    /// 95th percentile (whisker end).
    pub p95: f64,
    /// Mean, drawn as a diamond.
    #[serde(default)]
    pub mean: Option<f64>,
    /// Palette index; `None` uses the row's position.
    #[serde(default)]
    pub colour: Option<usize>,
}

/// Canvas height: grows with the number of rows.
pub(crate) fn height(d: &Distributions) -> u32 {
    (300 + 90 * d.rows.len() as u32).clamp(theme::HEIGHT * 2 / 3, 1600)
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Distributions, root: &Area<DB>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let area = page(root, &d.title, d.subtitle.as_deref())?;
    // Rows with all five quantiles finite; quantiles sorted defensively.
    let rows: Vec<(&BoxSummary, [f64; 5], RGBColor)> = d
        .rows
        .iter()
        .enumerate()
        .filter_map(|(k, r)| {
            let mut q = [r.p5, r.p25, r.p50, r.p75, r.p95];
            if q.iter().any(|v| !v.is_finite()) {
                return None;
            }
            q.sort_by(f64::total_cmp);
            Some((r, q, theme::pick(r.colour, k)))
        })
        .collect();
    if rows.is_empty() {
        return frame::no_data(&area, "no row has five finite quantiles");
    }
    let n = rows.len();
    let values = rows
        .iter()
        .flat_map(|(r, q, _)| q.iter().copied().chain(r.mean));
    let (lo, hi) = scale::extent(values).unwrap_or((0.0, 1.0));
    let (x0, x1) = scale::padded(lo, hi, 0.06);
    let items = vec![
        Item::new("25th–75th percentile", Swatch::Fill(theme::tint(INK, 0.6))),
        Item::new("median", Swatch::Tick(INK)),
        Item::new("5th–95th percentile", Swatch::Whisker(INK)),
        Item::new("mean", Swatch::Diamond(INK)),
    ];
    let (plot_area, panel) = legend::split(&area, None, &items);
    let labels = rows::labels(root, &area, rows.iter().map(|(r, _, _)| r.label.as_str()));
    let mut c = rows::chart(root, &plot_area, &labels, &d.x_label, (x0, x1), 0)?;
    if x0 < 0.0 && x1 > 0.0 {
        c.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, -0.5), (0.0, n as f64 - 0.5)],
            theme::AXIS.stroke_width(2),
        )))?;
    }
    let row = |i: usize| rows::y(n, i);
    for (i, (r, q, colour)) in rows.iter().enumerate() {
        let y = row(i);
        let whisker = colour.stroke_width(2);
        c.draw_series(std::iter::once(PathElement::new(
            vec![(q[0], y), (q[1], y)],
            whisker,
        )))?;
        c.draw_series(std::iter::once(PathElement::new(
            vec![(q[3], y), (q[4], y)],
            whisker,
        )))?;
        for end in [q[0], q[4]] {
            c.draw_series(std::iter::once(PathElement::new(
                vec![(end, y - 0.12), (end, y + 0.12)],
                whisker,
            )))?;
        }
        c.draw_series(std::iter::once(Rectangle::new(
            [(q[1], y - 0.25), (q[3], y + 0.25)],
            theme::tint(*colour, 0.45).filled(),
        )))?;
        c.draw_series(std::iter::once(Rectangle::new(
            [(q[1], y - 0.25), (q[3], y + 0.25)],
            colour.stroke_width(2),
        )))?;
        let (mx, my0) = c.backend_coord(&(q[2], y + 0.25));
        let (_, my1) = c.backend_coord(&(q[2], y - 0.25));
        root.draw(&Rectangle::new(
            [(mx - 2, my0), (mx + 2, my1)],
            INK.filled(),
        ))?;
        if let Some(m) = r.mean.filter(|m| m.is_finite()) {
            legend::diamond(root, c.backend_coord(&(m, y)), 9, INK)?;
        }
        // Median value above the box.
        root.draw(&Text::new(
            format!("median {}", number::value(q[2])),
            (mx, my0 - 6),
            theme::text(theme::NOTE_SIZE - 1.0, INK, HPos::Center, VPos::Bottom),
        ))?;
    }
    rows::finish(root, &c, labels, panel, &items)
}
