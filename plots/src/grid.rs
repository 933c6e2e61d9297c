//! The cell grid shared by [`crate::Heatmap`] and [`crate::CategoryMap`]:
//! one cell per (x value, y value) pair of a two-parameter sweep, drawn on
//! evenly spaced index axes whose tick labels show the swept values (so
//! log-spaced sweeps get equal-width cells).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::frame::{self, measure, Area, AxisStyle, Drawn, Plot};
use crate::number;
use crate::theme::{self, INK};

/// Axis labels and values of a sweep grid.
pub(crate) struct Sweep<'a> {
    /// Swept values along x (columns).
    pub x_values: &'a [f64],
    /// Swept values along y (rows, bottom to top).
    pub y_values: &'a [f64],
    /// X axis description.
    pub x_label: &'a str,
    /// Y axis description.
    pub y_label: &'a str,
}

/// Build the grid chart on `area` leaving `right` pixels free on the right,
/// draw its axes and tick labels, and return it.
pub(crate) fn axes<'a, DB: DrawingBackend>(
    root: &Area<DB>,
    area: &'a Area<DB>,
    sweep: &Sweep<'_>,
    right: u32,
) -> Drawn<Plot<'a, DB>>
where
    DB::ErrorType: 'static,
{
    let nx = sweep.x_values.len().max(1);
    let ny = sweep.y_values.len().max(1);
    let tick_font = theme::font(theme::TICK_SIZE);
    let x_labels: Vec<String> = sweep.x_values.iter().map(|v| number::value(*v)).collect();
    let y_labels: Vec<String> = sweep.y_values.iter().map(|v| number::value(*v)).collect();
    let y_label_w = y_labels
        .iter()
        .map(|l| measure(root, l, &tick_font).0)
        .max()
        .unwrap_or(0);
    let mut c = ChartBuilder::on(area)
        .margin_right(right)
        .x_label_area_size(theme::TICK_SIZE as u32 + theme::AXIS_SIZE as u32 + 36)
        .y_label_area_size(y_label_w + theme::AXIS_SIZE as u32 + 34)
        .build_cartesian_2d(-0.5..(nx as f64 - 0.5), -0.5..(ny as f64 - 0.5))?;
    let none = |_: &f64| String::new();
    frame::mesh(
        &mut c,
        AxisStyle {
            desc: sweep.x_label,
            ticks: 0,
            format: &none,
            grid: false,
        },
        AxisStyle {
            desc: sweep.y_label,
            ticks: 0,
            format: &none,
            grid: false,
        },
    )?;
    let (left, top, right_px, bottom) = frame::plot_box(&c);
    let cell_w = (right_px - left) as f64 / nx as f64;
    let cell_h = (bottom - top) as f64 / ny as f64;
    // Thin the labels so neighbours never overlap.
    let widest = x_labels
        .iter()
        .map(|l| measure(root, l, &tick_font).0)
        .max()
        .unwrap_or(0) as f64
        + 14.0;
    let x_step = ((widest / cell_w).ceil() as usize).max(1);
    let y_step = (((theme::TICK_SIZE + 8.0) / cell_h).ceil() as usize).max(1);
    let x_ticks: Vec<(i32, Vec<String>)> = x_labels
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % x_step == 0)
        .map(|(i, l)| (c.backend_coord(&(i as f64, 0.0)).0, vec![l]))
        .collect();
    let y_ticks: Vec<(i32, Vec<String>)> = y_labels
        .into_iter()
        .enumerate()
        .filter(|(j, _)| j % y_step == 0)
        .map(|(j, l)| (c.backend_coord(&(0.0, j as f64)).1, vec![l]))
        .collect();
    frame::x_ticks(root, bottom, &x_ticks)?;
    frame::y_ticks(root, left, &y_ticks)?;
    Ok(c)
}

/// Fill cell (column `i`, row `j`).
pub(crate) fn fill<DB: DrawingBackend>(
    c: &mut Plot<'_, DB>,
    i: usize,
    j: usize,
    colour: RGBColor,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (x, y) = (i as f64, j as f64);
    c.draw_series(std::iter::once(Rectangle::new(
        [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
        colour.filled(),
    )))?;
    Ok(())
}

/// Diagonal hatching over cell (column `i`, row `j`) in `colour`, marking an
/// uncertain value.
pub(crate) fn hatch<DB: DrawingBackend>(
    root: &Area<DB>,
    c: &Plot<'_, DB>,
    i: usize,
    j: usize,
    colour: RGBColor,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (x, y) = (i as f64, j as f64);
    let a = c.backend_coord(&(x - 0.5, y + 0.5));
    let b = c.backend_coord(&(x + 0.5, y - 0.5));
    hatch_box(root, a, b, colour.mix(0.55))
}

/// A hatched legend key in the box from `a` (top left) to `b` (bottom right).
pub(crate) fn hatch_key<DB: DrawingBackend>(root: &Area<DB>, a: (i32, i32), b: (i32, i32)) -> Drawn
where
    DB::ErrorType: 'static,
{
    root.draw(&Rectangle::new([a, b], INK.mix(0.6).stroke_width(1)))?;
    hatch_box(root, a, b, INK.mix(0.7))
}

/// Lines at 45° every 9 pixels, clipped to the box from `a` (top left) to `b`
/// (bottom right).
fn hatch_box<DB: DrawingBackend>(
    root: &Area<DB>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    style: RGBAColor,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (w, h) = (x1 - x0, y1 - y0);
    let mut k = 9;
    while k < w + h {
        // The line x + y = k (relative to the top left), clipped to the box.
        let (ax, ay) = (k.min(w), k - k.min(w));
        let (bx, by) = (k - k.min(h), k.min(h));
        root.draw(&PathElement::new(
            vec![(x0 + ax, y0 + ay), (x0 + bx, y0 + by)],
            style.stroke_width(2),
        ))?;
        k += 9;
    }
    Ok(())
}

/// Whether cells are big enough to hold a short annotation like "42%".
pub(crate) fn roomy<DB: DrawingBackend>(c: &Plot<'_, DB>, nx: usize, ny: usize) -> bool {
    let (left, top, right, bottom) = frame::plot_box(c);
    let cell_w = (right - left) / nx.max(1) as i32;
    let cell_h = (bottom - top) / ny.max(1) as i32;
    cell_w >= 52 && cell_h >= 26
}

/// Write `text` centred in cell (`i`, `j`) in a colour readable on `under`.
pub(crate) fn annotate<DB: DrawingBackend>(
    root: &Area<DB>,
    c: &Plot<'_, DB>,
    i: usize,
    j: usize,
    text: String,
    under: RGBColor,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let at = c.backend_coord(&(i as f64, j as f64));
    root.draw(&Text::new(
        text,
        at,
        theme::text(16.0, theme::text_on(under), HPos::Center, VPos::Center),
    ))?;
    Ok(())
}

/// Thin outline around the plot so light cells do not bleed into the page.
pub(crate) fn outline<DB: DrawingBackend>(root: &Area<DB>, c: &Plot<'_, DB>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (l, t, r, b) = frame::plot_box(c);
    root.draw(&Rectangle::new(
        [(l, t), (r, b)],
        INK.mix(0.6).stroke_width(1),
    ))?;
    Ok(())
}
