//! Tornado chart of one-at-a-time sensitivities: per parameter, the output
//! with the parameter at its low and at its high value, as bars from the
//! base output, sorted by swing (largest on top) and labelled with the
//! parameter values.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use serde::{Deserialize, Serialize};

use crate::frame::{self, measure, page, Area, Drawn};
use crate::legend::{self, Item, Swatch};
use crate::number;
use crate::rows;
use crate::scale;
use crate::theme::{self, INK};

/// A tornado (sensitivity) chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tornado {
    /// Chart title.
    pub title: String,
    /// Optional second line.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Output axis label with unit, e.g. "P(deal)" or "OpenAI payoff ($B)".
    pub x_label: String,
    /// Output at the base case (all parameters at base values).
    pub base_value: f64,
    /// Label of the base line; defaults to `base {value}`.
    #[serde(default)]
    pub base_label: Option<String>,
    /// One bar per parameter, in any order (sorted by swing when drawn).
    pub bars: Vec<TornadoBar>,
}

/// One parameter of a [`Tornado`] chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TornadoBar {
    /// Parameter name.
    pub parameter: String,
    /// The low parameter value as text, e.g. "0.10".
    pub low_label: String,
    /// The high parameter value as text, e.g. "0.50".
    pub high_label: String,
    /// Output with the parameter at its low value.
    pub output_low: f64,
    /// Output with the parameter at its high value.
    pub output_high: f64,
}

/// Canvas height: grows with the number of parameters.
pub(crate) fn height(t: &Tornado) -> u32 {
    (260 + 60 * t.bars.len() as u32).clamp(theme::HEIGHT * 2 / 3, 1800)
}

pub(crate) fn draw<DB: DrawingBackend>(t: &Tornado, root: &Area<DB>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let area = page(root, &t.title, t.subtitle.as_deref())?;
    let mut bars: Vec<&TornadoBar> = t
        .bars
        .iter()
        .filter(|b| b.output_low.is_finite() && b.output_high.is_finite())
        .collect();
    if bars.is_empty() || !t.base_value.is_finite() {
        return frame::no_data(&area, "no parameter has finite low and high outputs");
    }
    bars.sort_by(|a, b| {
        (b.output_high - b.output_low)
            .abs()
            .total_cmp(&(a.output_high - a.output_low).abs())
    });
    let n = bars.len();
    let base = t.base_value;
    let values = bars
        .iter()
        .flat_map(|b| [b.output_low, b.output_high])
        .chain([base]);
    let (lo, hi) = scale::extent(values).unwrap_or((0.0, 1.0));
    let (x0, x1) = scale::padded(lo, hi, 0.16);
    let low_c = theme::palette(0);
    let high_c = theme::palette(1);
    let items = vec![
        Item::new("parameter at low value", Swatch::Fill(low_c)),
        Item::new("parameter at high value", Swatch::Fill(high_c)),
    ];
    let (plot_area, panel) = legend::split(&area, None, &items);
    let labels = rows::labels(root, &area, bars.iter().map(|b| b.parameter.as_str()));
    let mut c = rows::chart(root, &plot_area, &labels, &t.x_label, (x0, x1), 30)?;
    let row = |i: usize| rows::y(n, i);
    let half = 0.34;
    let note = theme::NOTE_SIZE;
    for (i, b) in bars.iter().enumerate() {
        let y = row(i);
        // Farther end first so the nearer bar stays visible on top of it.
        let mut ends = [
            (b.output_low, low_c, &b.low_label),
            (b.output_high, high_c, &b.high_label),
        ];
        ends.sort_by(|a, b| (b.0 - base).abs().total_cmp(&(a.0 - base).abs()));
        for (k, (end, colour, _)) in ends.iter().enumerate() {
            let shrink = if k == 1 && (ends[0].0 - base).signum() == (end - base).signum() {
                0.1
            } else {
                0.0
            };
            c.draw_series(std::iter::once(Rectangle::new(
                [(base, y - half + shrink), (*end, y + half - shrink)],
                colour.filled(),
            )))?;
        }
        // Labels: outside the bar end; if both ends are on the same side,
        // the nearer one goes inside its bar.
        for (k, (end, colour, label)) in ends.iter().enumerate() {
            let (px, py) = c.backend_coord(&(*end, y));
            let right_side = *end >= base;
            let same_side = (ends[0].0 - base).signum() == (end - base).signum();
            let inside = k == 1 && same_side;
            let text = label.to_string();
            let (anchor, dx, fg) = match (right_side, inside) {
                (true, false) => (HPos::Left, 6, INK),
                (false, false) => (HPos::Right, -6, INK),
                (true, true) => (HPos::Right, -6, theme::text_on(*colour)),
                (false, true) => (HPos::Left, 6, theme::text_on(*colour)),
            };
            if inside
                && measure(root, &text, &theme::font(note)).0 as i32 + 8
                    > (px - c.backend_coord(&(base, y)).0).abs()
            {
                continue;
            }
            root.draw(&Text::new(
                text,
                (px + dx, py),
                theme::text(note, fg, anchor, VPos::Center),
            ))?;
        }
    }
    c.draw_series(std::iter::once(PathElement::new(
        vec![(base, -0.5), (base, n as f64 - 0.5)],
        INK.stroke_width(2),
    )))?;
    let (_, top, _, _) = frame::plot_box(&c);
    let base_text = t
        .base_label
        .clone()
        .unwrap_or_else(|| format!("base {}", number::value(base)));
    let (bx, _) = c.backend_coord(&(base, 0.0));
    root.draw(&Text::new(
        base_text,
        (bx, top - 6),
        theme::bold_text(note, INK, HPos::Center, VPos::Bottom),
    ))?;
    rows::finish(root, &c, labels, panel, &items)
}
