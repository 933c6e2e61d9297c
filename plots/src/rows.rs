//! Charts of labelled horizontal rows (box plots, tornado bars): row labels wrapped at the
//! left, a value axis along x with grid lines, the first row on top.

use plotters::prelude::*;

use crate::frame::{self, measure, Area, AxisStyle, Drawn, Plot};
use crate::legend::{self, Item};
use crate::number;
use crate::theme;

/// Row labels wrapped to at most two lines within a quarter of the page `area`'s width.
pub(crate) fn labels<'s, DB: DrawingBackend>(
    root: &Area<DB>,
    area: &Area<DB>,
    texts: impl Iterator<Item = &'s str>,
) -> Vec<Vec<String>> {
    let (w, _) = area.dim_in_pixel();
    wrapped(root, texts, w / 4)
}

/// Tick labels wrapped to at most two lines of at most `max_w` pixels.
pub(crate) fn wrapped<'s, DB: DrawingBackend>(
    root: &Area<DB>,
    texts: impl Iterator<Item = &'s str>,
    max_w: u32,
) -> Vec<Vec<String>> {
    let tick_font = theme::font(theme::TICK_SIZE);
    texts
        .map(|t| frame::wrap_lines(root, t, &tick_font, max_w, 2))
        .collect()
}

/// Pixel width of the widest line of tick `labels`.
pub(crate) fn label_width<DB: DrawingBackend>(root: &Area<DB>, labels: &[Vec<String>]) -> u32 {
    let tick_font = theme::font(theme::TICK_SIZE);
    labels
        .iter()
        .flatten()
        .map(|l| measure(root, l, &tick_font).0)
        .max()
        .unwrap_or(0)
}

/// The chart of one row per entry of `labels` over `x0..x1` (leaving room for the labels at
/// the left, `margin_top` pixels above): ten x ticks with grid lines, no y ticks.
pub(crate) fn chart<'a, DB: DrawingBackend>(
    root: &Area<DB>,
    plot_area: &'a Area<DB>,
    labels: &[Vec<String>],
    x_desc: &str,
    (x0, x1): (f64, f64),
    margin_top: u32,
) -> Drawn<Plot<'a, DB>>
where
    DB::ErrorType: 'static,
{
    let label_w = label_width(root, labels);
    let n = labels.len();
    let span = x1 - x0;
    let xfmt = |v: &f64| number::tick(*v, span, 10);
    let none = |_: &f64| String::new();
    let mut c = ChartBuilder::on(plot_area)
        .margin_right(16)
        .margin_top(margin_top)
        .x_label_area_size(theme::TICK_SIZE as u32 + theme::AXIS_SIZE as u32 + 36)
        .y_label_area_size(label_w + 24)
        .build_cartesian_2d(x0..x1, -0.5..(n as f64 - 0.5))?;
    frame::mesh(
        &mut c,
        AxisStyle {
            desc: x_desc,
            ticks: 10,
            format: &xfmt,
            grid: true,
        },
        AxisStyle {
            desc: "",
            ticks: 0,
            format: &none,
            grid: false,
        },
    )?;
    Ok(c)
}

/// The y coordinate of row `i` of `n` (the first row on top).
pub(crate) fn y(n: usize, i: usize) -> f64 {
    (n - 1 - i) as f64
}

/// Draws the row labels left of the plot and the legend `panel` (if any) level with its top.
pub(crate) fn finish<DB: DrawingBackend>(
    root: &Area<DB>,
    c: &Plot<'_, DB>,
    labels: Vec<Vec<String>>,
    panel: Option<Area<DB>>,
    items: &[Item],
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (left, top, _, _) = frame::plot_box(c);
    let n = labels.len();
    let x0 = c.x_range().start;
    let ticks: Vec<(i32, Vec<String>)> = labels
        .into_iter()
        .enumerate()
        .map(|(i, l)| (c.backend_coord(&(x0, y(n, i))).1, l))
        .collect();
    frame::y_ticks(root, left, &ticks)?;
    if let Some(panel) = panel {
        legend::draw(&panel, top - panel.get_base_pixel().1, None, items)?;
    }
    Ok(())
}
