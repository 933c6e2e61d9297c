//! Histogram of pre-binned counts (e.g. time to agreement) with labelled
//! vertical marker lines for real-world dates; marker labels are stacked
//! in rows so they never overlap each other.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use serde::{Deserialize, Serialize};

use crate::frame::{self, measure, page, Area, AxisStyle, Drawn};
use crate::number;
use crate::placement::{first_free, Rect};
use crate::scale;
use crate::theme::{self, PAPER};

/// A histogram from bin edges and counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// Chart title.
    pub title: String,
    /// Optional second line.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// X axis label with unit, e.g. "weeks from 1 Jan 2026".
    pub x_label: String,
    /// Y axis label with unit, e.g. "runs".
    pub y_label: String,
    /// Bin edges, ascending, `counts.len() + 1` of them.
    pub edges: Vec<f64>,
    /// Count (or density) per bin; bins with non-finite values are skipped.
    pub counts: Vec<f64>,
    /// Labelled vertical lines, e.g. "deal wk 8.4".
    #[serde(default)]
    pub markers: Vec<Marker>,
}

/// A labelled vertical line on a [`Histogram`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// Position on the x axis.
    pub x: f64,
    /// Label, e.g. "S-1 wk 12".
    pub label: String,
    /// Palette index; `None` picks from a marker sequence.
    #[serde(default)]
    pub colour: Option<usize>,
}

/// Default marker colours: vermillion, reddish purple, bluish green, grey, orange.
const MARKER_COLOURS: [usize; 5] = [3, 4, 2, 6, 1];

const ROW_H: i32 = 26;
/// Pixels either side of a marker line's centre that its 3 px stroke covers, plus one.
const LINE_CLEARANCE: i32 = 3;

pub(crate) fn draw<DB: DrawingBackend>(h: &Histogram, root: &Area<DB>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let area = page(root, &h.title, h.subtitle.as_deref())?;
    let bins: Vec<(f64, f64, f64)> = h
        .edges
        .windows(2)
        .zip(&h.counts)
        .filter(|(e, c)| e[0].is_finite() && e[1].is_finite() && e[1] > e[0] && c.is_finite())
        .map(|(e, c)| (e[0], e[1], *c))
        .collect();
    let markers: Vec<(f64, &str, RGBColor)> = h
        .markers
        .iter()
        .enumerate()
        .filter(|(_, m)| m.x.is_finite())
        .map(|(k, m)| {
            (
                m.x,
                m.label.as_str(),
                theme::palette(m.colour.unwrap_or(MARKER_COLOURS[k % MARKER_COLOURS.len()])),
            )
        })
        .collect();
    if bins.is_empty() {
        return frame::no_data(&area, "no bin has finite edges and count");
    }
    let xs = bins
        .iter()
        .flat_map(|b| [b.0, b.1])
        .chain(markers.iter().map(|m| m.0));
    let (xa, xb) = scale::extent(xs).unwrap_or((0.0, 1.0));
    let (x0, x1) = scale::padded(xa, xb, 0.03);
    let (ya, yb) = scale::extent(bins.iter().map(|b| b.2)).unwrap_or((0.0, 1.0));
    let (_, y_data) = scale::from_zero(ya, yb, 0.05, false);
    let y0 = ya.min(0.0);
    let x_area = theme::TICK_SIZE as u32 + theme::AXIS_SIZE as u32 + 36;

    // First pass: the plot box for these axes, to lay out marker labels.
    let probe = ChartBuilder::on(&area)
        .margin_right(16)
        .x_label_area_size(x_area)
        .y_label_area_size(110)
        .build_cartesian_2d(x0..x1, y0..y_data)?;
    let (left, top, right, bottom) = frame::plot_box(&probe);
    let font = theme::bold(theme::NOTE_SIZE);
    let px = |x: f64| probe.backend_coord(&(x, y0)).0;
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by(|a, b| markers[*a].0.total_cmp(&markers[*b].0));
    let lines: Vec<i32> = markers.iter().map(|m| px(m.0)).collect();
    let bounds = Rect {
        l: left,
        t: top,
        r: right,
        b: bottom,
    };
    let mut taken: Vec<Rect> = Vec::new();
    let mut placed: Vec<(usize, Rect)> = Vec::new();
    for &k in &order {
        let (w, _) = measure(root, markers[k].1, &font);
        let w = w as i32 + 8;
        let x = lines[k];
        let rows = markers.len().max(1) as i32;
        let mut cands = Vec::new();
        for row in 0..rows {
            let t = top + 4 + row * ROW_H;
            cands.push(Rect::at(x + 4, t, w, ROW_H - 4));
            cands.push(Rect::at(x - 4 - w, t, w, ROW_H - 4));
        }
        // Prefer spots that do not cross another marker's line.
        let crosses = |r: &Rect| {
            lines
                .iter()
                .enumerate()
                .any(|(j, lx)| j != k && *lx > r.l && *lx < r.r)
        };
        let clear: Vec<Rect> = cands.iter().copied().filter(|r| !crosses(r)).collect();
        let pick = first_free(&clear, &taken, &bounds)
            .map(|i| clear[i])
            .filter(|r| !taken.iter().any(|t| t.overlaps(r)))
            .or_else(|| first_free(&cands, &taken, &bounds).map(|i| cands[i]));
        if let Some(r) = pick {
            taken.push(r);
            placed.push((k, r));
        }
    }
    let label_bottom = taken.iter().map(|r| r.b).max().unwrap_or(top);
    let plot_h = (bottom - top).max(1) as f64;
    let reserved = ((label_bottom - top + 8) as f64 / plot_h).min(0.6);
    let y1 = if markers.is_empty() {
        y_data
    } else {
        y0 + (yb.max(0.0) * 1.03 - y0) / (1.0 - reserved)
    };
    let y1 = if y1 > y0 { y1 } else { y_data };
    drop(probe);

    let (xspan, yspan) = (x1 - x0, y1 - y0);
    let xfmt = |v: &f64| number::tick(*v, xspan, 12);
    let yfmt = |v: &f64| number::tick(*v, yspan, 8);
    let mut c = ChartBuilder::on(&area)
        .margin_right(16)
        .x_label_area_size(x_area)
        .y_label_area_size(110)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    frame::mesh(
        &mut c,
        AxisStyle {
            desc: &h.x_label,
            ticks: 12,
            format: &xfmt,
            grid: false,
        },
        AxisStyle {
            desc: &h.y_label,
            ticks: 8,
            format: &yfmt,
            grid: true,
        },
    )?;
    let fill = theme::tint(theme::palette(0), 0.35);
    c.draw_series(
        bins.iter()
            .map(|b| Rectangle::new([(b.0, 0.0), (b.1, b.2)], fill.filled())),
    )?;
    c.draw_series(
        bins.iter()
            .map(|b| Rectangle::new([(b.0, 0.0), (b.1, b.2)], PAPER.stroke_width(1))),
    )?;
    for m in &markers {
        c.draw_series(std::iter::once(plotters::element::DashedPathElement::new(
            vec![(m.0, y0), (m.0, y1)],
            10,
            6,
            m.2.stroke_width(3),
        )))?;
    }
    for (k, r) in placed {
        let (_, label, colour) = markers[k];
        // A background edge inside another marker's 3 px line would hide part of its width
        // (a glitch, not a gap): pull that edge back clear of the line.
        let (mut bl, mut br) = (r.l, r.r);
        for (j, &lx) in lines.iter().enumerate() {
            if j != k && (lx - bl).abs() <= LINE_CLEARANCE {
                bl = lx + LINE_CLEARANCE;
            }
            if j != k && (lx - br).abs() <= LINE_CLEARANCE {
                br = lx - LINE_CLEARANCE;
            }
        }
        root.draw(&Rectangle::new(
            [(bl, r.t), (br, r.b)],
            PAPER.mix(0.9).filled(),
        ))?;
        root.draw(&Text::new(
            label.to_string(),
            (r.l + 4, (r.t + r.b) / 2),
            theme::bold_text(
                theme::NOTE_SIZE,
                theme::readable(colour),
                HPos::Left,
                VPos::Center,
            ),
        ))?;
    }
    Ok(())
}
