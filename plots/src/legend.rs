//! Legends drawn in their own panel beside the plot, or in a band above it,
//! so they never cover data: a list of swatches (filled box, line, band,
//! marker) with labels.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::frame::{fit, measure, Area, Drawn};
use crate::theme::{self, INK, PAPER};

/// What the key beside a legend label looks like.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    /// A filled square.
    Fill(RGBColor),
    /// A thick line.
    Line(RGBColor),
    /// A filled circle.
    Dot(RGBColor),
    /// A filled diamond with a white outline (reference point).
    Diamond(RGBColor),
    /// A hollow circle (e.g. unstable rest point).
    Ring(RGBColor),
    /// A line series: its dash pattern and marker, over a band when it has one.
    Series {
        /// Line colour.
        colour: RGBColor,
        /// Dash pattern.
        dash: crate::marks::Dash,
        /// Marker shape.
        shape: crate::marks::Shape,
        /// Draw the lighter confidence band behind it.
        band: bool,
    },
    /// A horizontal whisker with end caps.
    Whisker(RGBColor),
    /// A short thick vertical bar (median).
    Tick(RGBColor),
}

/// One legend row.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// Label text.
    pub label: String,
    /// Key drawn to the left of the label.
    pub swatch: Swatch,
}

impl Item {
    /// A legend row.
    pub(crate) fn new(label: impl Into<String>, swatch: Swatch) -> Self {
        Item {
            label: label.into(),
            swatch,
        }
    }
}

const KEY_W: i32 = 34;
const GAP: i32 = 10;
const ROW_H: i32 = 30;
const PAD: i32 = 12;

/// Width of a legend panel for `items` (with optional heading), at most
/// `max_w` pixels; 0 if there is nothing to show.
pub(crate) fn width<DB: DrawingBackend>(
    area: &Area<DB>,
    heading: Option<&str>,
    items: &[Item],
    max_w: u32,
) -> u32 {
    if items.is_empty() {
        return 0;
    }
    let font = theme::font(theme::LEGEND_SIZE);
    let widest = items
        .iter()
        .map(|i| measure(area, &i.label, &font).0)
        .max()
        .unwrap_or(0);
    let head = heading
        .map(|h| measure(area, h, &theme::bold(theme::LEGEND_SIZE)).0)
        .unwrap_or(0);
    let w = (widest + (KEY_W + GAP + 2 * PAD) as u32).max(head + 2 * PAD as u32) + 16;
    w.min(max_w)
}

/// Split `area` into (plot, legend panel) with the panel on the right.
pub(crate) fn split<DB: DrawingBackend>(
    area: &Area<DB>,
    heading: Option<&str>,
    items: &[Item],
) -> (Area<DB>, Option<Area<DB>>) {
    let (w, _) = area.dim_in_pixel();
    let lw = width(area, heading, items, w * 3 / 10);
    if lw == 0 {
        return (area.clone(), None);
    }
    let (plot, side) = area.split_horizontally(w - lw);
    (plot, Some(side))
}

/// Draw the legend at the top of `panel`, starting `top` pixels down.
pub(crate) fn draw<DB: DrawingBackend>(
    panel: &Area<DB>,
    top: i32,
    heading: Option<&str>,
    items: &[Item],
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (w, _) = panel.dim_in_pixel();
    let font = theme::font(theme::LEGEND_SIZE);
    let x0 = 16;
    let mut y = top + PAD;
    if let Some(h) = heading {
        let h = fit(
            panel,
            h,
            &theme::bold(theme::LEGEND_SIZE),
            w.saturating_sub(x0 as u32 + 4),
        );
        panel.draw(&Text::new(
            h,
            (x0 + PAD, y),
            theme::bold_text(theme::LEGEND_SIZE, INK, HPos::Left, VPos::Top),
        ))?;
        y += ROW_H;
    }
    let label_w = w.saturating_sub((x0 + PAD + KEY_W + GAP + 4) as u32);
    for item in items {
        let cy = y + ROW_H / 2 - 4;
        swatch(panel, item.swatch, (x0 + PAD, cy))?;
        let label = fit(panel, &item.label, &font, label_w);
        panel.draw(&Text::new(
            label,
            (x0 + PAD + KEY_W + GAP, cy),
            theme::text(theme::LEGEND_SIZE, INK, HPos::Left, VPos::Center),
        ))?;
        y += ROW_H;
    }
    Ok(())
}

/// Height in pixels of the band a [`row`] legend takes.
pub(crate) const ROW_BAND: u32 = (ROW_H + GAP) as u32;

/// Draw `items` left to right on one line at the top of `band`, for a chart that needs its
/// whole width (a bar chart with long row labels) and has only a few short legend items; an
/// item that does not fit in the width is left out.
pub(crate) fn row<DB: DrawingBackend>(band: &Area<DB>, items: &[Item]) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (w, _) = band.dim_in_pixel();
    let font = theme::font(theme::LEGEND_SIZE);
    let cy = ROW_H / 2;
    let mut x = 0;
    for item in items {
        let label_w = measure(band, &item.label, &font).0 as i32;
        let end = x + KEY_W + GAP + label_w;
        if end > w as i32 {
            break;
        }
        swatch(band, item.swatch, (x, cy))?;
        band.draw(&Text::new(
            item.label.clone(),
            (x + KEY_W + GAP, cy),
            theme::text(theme::LEGEND_SIZE, INK, HPos::Left, VPos::Center),
        ))?;
        x = end + 3 * GAP;
    }
    Ok(())
}

/// Draw a muted, wrapped note below a legend of `rows` rows (counting the
/// heading) that was drawn at `top`.
pub(crate) fn note<DB: DrawingBackend>(panel: &Area<DB>, top: i32, rows: usize, text: &str) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (w, _) = panel.dim_in_pixel();
    let size = theme::LEGEND_SIZE - 2.0;
    let lines = crate::frame::wrap(panel, text, &theme::font(size), w.saturating_sub(40));
    let mut y = top + PAD + rows as i32 * ROW_H + 10;
    for line in lines {
        panel.draw(&Text::new(
            line,
            (16 + PAD, y),
            theme::text(size, theme::MUTED, HPos::Left, VPos::Top),
        ))?;
        y += size as i32 + 6;
    }
    Ok(())
}

/// Draw one key with its left edge at `x`, vertically centred on `cy`.
pub(crate) fn swatch<DB: DrawingBackend>(area: &Area<DB>, s: Swatch, (x, cy): (i32, i32)) -> Drawn
where
    DB::ErrorType: 'static,
{
    let mid = x + KEY_W / 2;
    match s {
        Swatch::Fill(c) => {
            area.draw(&Rectangle::new(
                [(x + 4, cy - 9), (x + KEY_W - 4, cy + 9)],
                c.filled(),
            ))?;
        }
        Swatch::Series {
            colour,
            dash,
            shape,
            band,
        } => {
            if band {
                area.draw(&Rectangle::new(
                    [(x, cy - 9), (x + KEY_W, cy + 9)],
                    theme::tint(colour, 0.75).filled(),
                ))?;
            }
            crate::marks::polyline(
                area,
                &[(x, cy), (x + KEY_W, cy)],
                dash,
                colour.stroke_width(3),
            )?;
            crate::marks::draw(area, shape, (mid, cy), 5, colour)?;
        }
        Swatch::Line(c) => {
            area.draw(&PathElement::new(
                vec![(x, cy), (x + KEY_W, cy)],
                c.stroke_width(4),
            ))?;
        }
        Swatch::Dot(c) => {
            area.draw(&Circle::new((mid, cy), 7, c.filled()))?;
        }
        Swatch::Diamond(c) => {
            diamond(area, (mid, cy), 10, c)?;
        }
        Swatch::Ring(c) => {
            area.draw(&Circle::new((mid, cy), 7, PAPER.filled()))?;
            area.draw(&Circle::new((mid, cy), 7, c.stroke_width(3)))?;
        }
        Swatch::Whisker(c) => {
            area.draw(&PathElement::new(
                vec![(x + 2, cy), (x + KEY_W - 2, cy)],
                c.stroke_width(2),
            ))?;
            area.draw(&PathElement::new(
                vec![(x + 2, cy - 7), (x + 2, cy + 7)],
                c.stroke_width(2),
            ))?;
            area.draw(&PathElement::new(
                vec![(x + KEY_W - 2, cy - 7), (x + KEY_W - 2, cy + 7)],
                c.stroke_width(2),
            ))?;
        }
        Swatch::Tick(c) => {
            area.draw(&Rectangle::new(
                [(mid - 2, cy - 10), (mid + 2, cy + 10)],
                c.filled(),
            ))?;
        }
    }
    Ok(())
}

/// A filled diamond of half-size `r` with a white outline, centred at `c`.
pub(crate) fn diamond<DB: DrawingBackend>(
    area: &Area<DB>,
    (x, y): (i32, i32),
    r: i32,
    colour: RGBColor,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let outer = vec![
        (x, y - r - 2),
        (x + r + 2, y),
        (x, y + r + 2),
        (x - r - 2, y),
    ];
    let inner = vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
    area.draw(&Polygon::new(outer, PAPER.filled()))?;
    area.draw(&Polygon::new(inner, colour.filled()))?;
    Ok(())
}
