//! Bar chart of outcome shares (or any per-category value) with 95% CI
//! error bars and value labels. Vertical bars with wrapped category labels;
//! switches to horizontal bars when the labels are too long to fit. An
//! optional legend above the bars says what their colours mean.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use serde::{Deserialize, Serialize};

use crate::frame::{self, measure, page, wrap, Area, AxisStyle, Drawn};
use crate::legend::{self, Item, Swatch};
use crate::number;
use crate::rows;
use crate::scale;
use crate::theme::{self, INK};

/// A bar chart: one bar per category, e.g. outcome shares across runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    /// Chart title.
    pub title: String,
    /// Optional second line, e.g. "N = 100000 runs, seed 42".
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Value axis label with unit, e.g. "share of runs".
    pub y_label: String,
    /// Optional category axis label, e.g. "outcome".
    #[serde(default)]
    pub x_label: Option<String>,
    /// The bars, drawn in this order (left to right, or top to bottom).
    pub bars: Vec<Bar>,
    /// Values are probabilities/shares in \[0, 1\]: the axis starts at 0, is
    /// capped at 1, and ticks and labels are shown as percentages.
    #[serde(default)]
    pub probability: bool,
    /// What the bar colours mean, drawn as a one-line legend above the bars (none when empty;
    /// keep it to a few short entries).
    #[serde(default)]
    pub legend: Vec<LegendEntry>,
}

/// A legend entry of a [`BarChart`]: a palette colour and what bars of that colour are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegendEntry {
    /// Legend label.
    pub label: String,
    /// Palette index, as the bars' `colour`.
    pub colour: usize,
}

/// One bar of a [`BarChart`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    /// Category name (long names are wrapped or drawn horizontally).
    pub label: String,
    /// Bar height. Non-finite values skip the bar.
    pub value: f64,
    /// Lower end of the 95% confidence interval (error bar), if known.
    #[serde(default)]
    pub ci_lo: Option<f64>,
    /// Upper end of the 95% confidence interval (error bar), if known.
    #[serde(default)]
    pub ci_hi: Option<f64>,
    /// Palette index for this bar; `None` uses the bar's position.
    #[serde(default)]
    pub colour: Option<usize>,
}

/// A bar with its validated interval and colour.
struct Drawable<'a> {
    label: &'a str,
    value: f64,
    ci: Option<(f64, f64)>,
    colour: RGBColor,
}

fn drawable(chart: &BarChart) -> Vec<Drawable<'_>> {
    chart
        .bars
        .iter()
        .enumerate()
        .filter(|(_, b)| b.value.is_finite())
        .map(|(i, b)| {
            let ci = match (b.ci_lo, b.ci_hi) {
                (Some(lo), Some(hi)) if lo.is_finite() && hi.is_finite() => {
                    Some((lo.min(hi), lo.max(hi)))
                }
                _ => None,
            };
            Drawable {
                label: &b.label,
                value: b.value,
                ci,
                colour: theme::pick(b.colour, i),
            }
        })
        .collect()
}

/// Label shown on a bar.
fn value_label(chart: &BarChart, v: f64) -> String {
    if chart.probability {
        number::pct(v)
    } else {
        number::value(v)
    }
}

const MAX_LINES: usize = 3;

/// Bars beyond which the canvas grows (one row each once the chart turns horizontal).
const ROWS_AT_DEFAULT_HEIGHT: usize = 20;

/// Canvas height: the default, growing by 26 pixels per bar beyond
/// [`ROWS_AT_DEFAULT_HEIGHT`] so that many horizontal rows (e.g. S1 and ST of 26 Sobol
/// parameters) keep their labels apart.
pub(crate) fn height(chart: &BarChart) -> u32 {
    let extra = chart.bars.len().saturating_sub(ROWS_AT_DEFAULT_HEIGHT) as u32;
    (theme::HEIGHT + 26 * extra).min(2400)
}

pub(crate) fn draw<DB: DrawingBackend>(chart: &BarChart, root: &Area<DB>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let area = page(root, &chart.title, chart.subtitle.as_deref())?;
    let bars = drawable(chart);
    if bars.is_empty() {
        return frame::no_data(&area, "no bar has a finite value");
    }
    let items: Vec<Item> = chart
        .legend
        .iter()
        .map(|e| Item::new(e.label.clone(), Swatch::Fill(theme::palette(e.colour))))
        .collect();
    let area = if items.is_empty() {
        area
    } else {
        let (band, rest) = area.split_vertically(legend::ROW_BAND);
        legend::row(&band, &items)?;
        rest
    };
    // Decide orientation: vertical if every label wraps into MAX_LINES
    // lines no wider than its slot.
    let (w, _) = area.dim_in_pixel();
    let slot = (w.saturating_sub(130) / bars.len() as u32).max(1);
    let tick_font = theme::font(theme::TICK_SIZE);
    let wrapped: Vec<Vec<String>> = bars
        .iter()
        .map(|b| wrap(root, b.label, &tick_font, slot * 9 / 10))
        .collect();
    let fits = wrapped.iter().all(|lines| {
        lines.len() <= MAX_LINES
            && lines
                .iter()
                .all(|l| measure(root, l, &tick_font).0 <= slot * 19 / 20)
    });
    if fits {
        vertical(chart, root, &area, &bars, &wrapped)
    } else {
        horizontal(chart, root, &area, &bars)
    }
}

/// Value range covering bars, intervals and zero.
fn value_range(chart: &BarChart, bars: &[Drawable<'_>], headroom: f64) -> (f64, f64) {
    let values = bars
        .iter()
        .flat_map(|b| [Some(b.value), b.ci.map(|c| c.0), b.ci.map(|c| c.1)])
        .flatten();
    let (lo, hi) = scale::extent(values).unwrap_or((0.0, 1.0));
    scale::from_zero(lo, hi, headroom, chart.probability)
}

fn vertical<DB: DrawingBackend>(
    chart: &BarChart,
    root: &Area<DB>,
    area: &Area<DB>,
    bars: &[Drawable<'_>],
    wrapped: &[Vec<String>],
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let n = bars.len();
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1) as u32;
    let x_desc = chart.x_label.as_deref().unwrap_or("");
    let desc_h = if x_desc.is_empty() {
        0
    } else {
        theme::AXIS_SIZE as u32 + 14
    };
    let (y0, y1) = value_range(chart, bars, 0.14);
    let span = y1 - y0;
    let yfmt = |v: &f64| {
        if chart.probability {
            number::pct_tick(*v, span, 8)
        } else {
            number::tick(*v, span, 8)
        }
    };
    let mut c = ChartBuilder::on(area)
        .margin_right(10)
        .x_label_area_size(lines * (theme::TICK_SIZE as u32 + 4) + 16 + desc_h)
        .y_label_area_size(110)
        .build_cartesian_2d(-0.5..(n as f64 - 0.5), y0..y1)?;
    frame::mesh(
        &mut c,
        AxisStyle {
            desc: x_desc,
            ticks: 0,
            format: &|_| String::new(),
            grid: false,
        },
        AxisStyle {
            desc: &chart.y_label,
            ticks: 8,
            format: &yfmt,
            grid: true,
        },
    )?;
    let half = 0.32;
    c.draw_series(bars.iter().enumerate().map(|(i, b)| {
        let x = i as f64;
        Rectangle::new([(x - half, 0.0), (x + half, b.value)], b.colour.filled())
    }))?;
    let err = theme::INK.stroke_width(2);
    for (i, b) in bars.iter().enumerate() {
        if let Some((lo, hi)) = b.ci {
            let x = i as f64;
            let (lo, hi) = (lo.clamp(y0, y1), hi.clamp(y0, y1));
            c.draw_series(std::iter::once(PathElement::new(
                vec![(x, lo), (x, hi)],
                err,
            )))?;
            for end in [lo, hi] {
                c.draw_series(std::iter::once(PathElement::new(
                    vec![(x - 0.07, end), (x + 0.07, end)],
                    err,
                )))?;
            }
        }
    }
    let (_, top, _, bottom) = frame::plot_box(&c);
    // Value labels above the bar / error bar, or inside the bar if there is
    // no room above.
    let note = theme::NOTE_SIZE;
    for (i, b) in bars.iter().enumerate() {
        let x = i as f64;
        let top_value = b.ci.map_or(b.value, |(_, hi)| hi.max(b.value)).min(y1);
        let (px, py) = c.backend_coord(&(x, top_value.max(0.0)));
        let label = value_label(chart, b.value);
        if py - note as i32 - 8 >= top {
            root.draw(&Text::new(
                label,
                (px, py - 6),
                theme::bold_text(note, INK, HPos::Center, VPos::Bottom),
            ))?;
        } else {
            let below = b.ci.map_or(b.value, |(lo, _)| lo.min(b.value));
            let (_, y) = c.backend_coord(&(x, below));
            let inside = theme::text_on(b.colour);
            root.draw(&Text::new(
                label,
                (px, y + 8),
                theme::bold_text(note, inside, HPos::Center, VPos::Top),
            ))?;
        }
    }
    let ticks: Vec<(i32, Vec<String>)> = wrapped
        .iter()
        .enumerate()
        .map(|(i, l)| (c.backend_coord(&(i as f64, 0.0)).0, l.clone()))
        .collect();
    frame::x_ticks(root, bottom, &ticks)
}

fn horizontal<DB: DrawingBackend>(
    chart: &BarChart,
    root: &Area<DB>,
    area: &Area<DB>,
    bars: &[Drawable<'_>],
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let n = bars.len();
    let (w, _) = area.dim_in_pixel();
    let labels = rows::wrapped(root, bars.iter().map(|b| b.label), w * 2 / 5);
    let label_w = rows::label_width(root, &labels);
    let y_desc = chart.x_label.as_deref().unwrap_or("");
    let desc_w = if y_desc.is_empty() {
        0
    } else {
        theme::AXIS_SIZE as u32 + 14
    };
    let (x0, x1) = value_range(chart, bars, 0.16);
    let span = x1 - x0;
    let xfmt = |v: &f64| {
        if chart.probability {
            number::pct_tick(*v, span, 8)
        } else {
            number::tick(*v, span, 8)
        }
    };
    let mut c = ChartBuilder::on(area)
        .margin_right(30)
        .x_label_area_size(theme::TICK_SIZE as u32 + theme::AXIS_SIZE as u32 + 34)
        .y_label_area_size(label_w + 20 + desc_w)
        .build_cartesian_2d(x0..x1, -0.5..(n as f64 - 0.5))?;
    frame::mesh(
        &mut c,
        AxisStyle {
            desc: &chart.y_label,
            ticks: 8,
            format: &xfmt,
            grid: true,
        },
        AxisStyle {
            desc: y_desc,
            ticks: 0,
            format: &|_| String::new(),
            grid: false,
        },
    )?;
    let row = |i: usize| (n - 1 - i) as f64;
    let half = 0.32;
    c.draw_series(bars.iter().enumerate().map(|(i, b)| {
        Rectangle::new(
            [(0.0, row(i) - half), (b.value, row(i) + half)],
            b.colour.filled(),
        )
    }))?;
    let err = theme::INK.stroke_width(2);
    for (i, b) in bars.iter().enumerate() {
        if let Some((lo, hi)) = b.ci {
            let y = row(i);
            let (lo, hi) = (lo.clamp(x0, x1), hi.clamp(x0, x1));
            c.draw_series(std::iter::once(PathElement::new(
                vec![(lo, y), (hi, y)],
                err,
            )))?;
            for end in [lo, hi] {
                c.draw_series(std::iter::once(PathElement::new(
                    vec![(end, y - 0.1), (end, y + 0.1)],
                    err,
                )))?;
            }
        }
    }
    let (left, _, right, _) = frame::plot_box(&c);
    let note = theme::NOTE_SIZE;
    let bold = theme::bold(note);
    for (i, b) in bars.iter().enumerate() {
        let y = row(i);
        let end = b.ci.map_or(b.value, |(_, hi)| hi.max(b.value)).min(x1);
        let (px, py) = c.backend_coord(&(end.max(0.0), y));
        let label = value_label(chart, b.value);
        let lw = measure(root, &label, &bold).0 as i32;
        if px + 8 + lw <= right {
            root.draw(&Text::new(
                label,
                (px + 8, py),
                theme::bold_text(note, INK, HPos::Left, VPos::Center),
            ))?;
        } else {
            let (bar_end, _) = c.backend_coord(&(b.value, y));
            let inside = theme::text_on(b.colour);
            root.draw(&Text::new(
                label,
                (bar_end - 8, py),
                theme::bold_text(note, inside, HPos::Right, VPos::Center),
            ))?;
        }
    }
    let ticks: Vec<(i32, Vec<String>)> = labels
        .into_iter()
        .enumerate()
        .map(|(i, l)| (c.backend_coord(&(0.0, row(i))).1, l))
        .collect();
    frame::y_ticks(root, left, &ticks)
}
