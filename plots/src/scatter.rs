//! Scatter plot of points in a 2-D utility space (e.g. agreements by
//! payoff to each side), grouped with a legend (optionally headed and with a
//! note below it), plus highlighted and labelled reference points such as the
//! Nash and Kalai–Smorodinsky solutions or the real April 2026 terms. Groups
//! take a palette colour, or a shade of the sequential viridis scale for
//! ordered groups (e.g. bins of a count).

use plotters::prelude::*;
use serde::{Deserialize, Serialize};

use crate::frame::{self, page, Area, AxisStyle, Drawn};
use crate::legend::{self, Item, Swatch};
use crate::number;
use crate::placement::{around, boxed_label, Rect};
use crate::scale;
use crate::theme::{self, INK};

/// A grouped scatter plot with reference points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scatter {
    /// Chart title.
    pub title: String,
    /// Optional second line.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// X axis label with unit, e.g. "Microsoft utility ($B PV)".
    pub x_label: String,
    /// Y axis label with unit.
    pub y_label: String,
    /// Point groups, each with a legend entry. Subsample very large sets
    /// (tens of thousands of points make a heavy SVG).
    pub groups: Vec<PointGroup>,
    /// Highlighted, labelled points.
    #[serde(default)]
    pub references: Vec<ReferencePoint>,
    /// Heading of the legend (what the groups are), if any.
    #[serde(default)]
    pub legend_title: Option<String>,
    /// A muted note under the legend (e.g. how the groups were binned), if any.
    #[serde(default)]
    pub legend_note: Option<String>,
}

/// A group of points of a [`Scatter`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointGroup {
    /// Legend label.
    pub label: String,
    /// Points as `[x, y]`; non-finite ones are skipped.
    pub points: Vec<[f64; 2]>,
    /// Palette index; `None` uses the group's position.
    #[serde(default)]
    pub colour: Option<usize>,
    /// Position in \[0, 1\] on the sequential viridis scale (dark purple to yellow); when
    /// given it replaces `colour`, so ordered groups read as an ordered scale.
    #[serde(default)]
    pub shade: Option<f64>,
}

impl PointGroup {
    /// The group's colour: its shade, else its palette colour (by `position` without one).
    fn colour_at(&self, position: usize) -> RGBColor {
        match self.shade {
            Some(t) => theme::viridis(t),
            None => theme::pick(self.colour, position),
        }
    }
}

/// A highlighted, labelled point of a [`Scatter`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferencePoint {
    /// Label drawn next to the point, e.g. "Nash".
    pub label: String,
    /// X coordinate.
    pub x: f64,
    /// Y coordinate.
    pub y: f64,
}

pub(crate) fn draw<DB: DrawingBackend>(s: &Scatter, root: &Area<DB>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let area = page(root, &s.title, s.subtitle.as_deref())?;
    let finite = |p: &[f64; 2]| p[0].is_finite() && p[1].is_finite();
    let refs: Vec<&ReferencePoint> = s
        .references
        .iter()
        .filter(|r| r.x.is_finite() && r.y.is_finite())
        .collect();
    let all = s
        .groups
        .iter()
        .flat_map(|g| g.points.iter().filter(|p| finite(p)).copied())
        .chain(refs.iter().map(|r| [r.x, r.y]));
    let pts: Vec<[f64; 2]> = all.collect();
    if pts.is_empty() {
        return frame::no_data(&area, "no finite points");
    }
    let (xa, xb) = scale::extent(pts.iter().map(|p| p[0])).unwrap_or((0.0, 1.0));
    let (ya, yb) = scale::extent(pts.iter().map(|p| p[1])).unwrap_or((0.0, 1.0));
    let (x0, x1) = scale::padded(xa, xb, 0.06);
    let (y0, y1) = scale::padded(ya, yb, 0.08);
    let total: usize = s.groups.iter().map(|g| g.points.len()).sum();
    let (radius, alpha) = if total > 5000 {
        (2, 0.35)
    } else if total > 500 {
        (3, 0.5)
    } else {
        (5, 0.75)
    };
    let mut items: Vec<Item> = s
        .groups
        .iter()
        .enumerate()
        .map(|(k, g)| Item::new(g.label.clone(), Swatch::Dot(g.colour_at(k))))
        .collect();
    if !refs.is_empty() {
        items.push(Item::new("reference point", Swatch::Diamond(INK)));
    }
    let heading = s.legend_title.as_deref();
    let (plot_area, panel) = legend::split(&area, heading, &items);
    let (xspan, yspan) = (x1 - x0, y1 - y0);
    let xfmt = |v: &f64| number::tick(*v, xspan, 10);
    let yfmt = |v: &f64| number::tick(*v, yspan, 8);
    let mut c = ChartBuilder::on(&plot_area)
        .margin_right(16)
        .x_label_area_size(theme::TICK_SIZE as u32 + theme::AXIS_SIZE as u32 + 36)
        .y_label_area_size(110)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    frame::mesh(
        &mut c,
        AxisStyle {
            desc: &s.x_label,
            ticks: 10,
            format: &xfmt,
            grid: true,
        },
        AxisStyle {
            desc: &s.y_label,
            ticks: 8,
            format: &yfmt,
            grid: true,
        },
    )?;
    for (k, g) in s.groups.iter().enumerate() {
        let colour = g.colour_at(k);
        c.draw_series(
            g.points
                .iter()
                .filter(|p| finite(p))
                .map(|p| Circle::new((p[0], p[1]), radius, colour.mix(alpha).filled())),
        )?;
    }
    let (left, top, right, bottom) = frame::plot_box(&c);
    let bounds = Rect {
        l: left,
        t: top,
        r: right,
        b: bottom,
    };
    let markers: Vec<(i32, i32)> = refs.iter().map(|r| c.backend_coord(&(r.x, r.y))).collect();
    let mut taken: Vec<Rect> = markers
        .iter()
        .map(|(x, y)| Rect::at(x - 12, y - 12, 24, 24))
        .collect();
    for (r, &(x, y)) in refs.iter().zip(&markers) {
        legend::diamond(root, (x, y), 10, INK)?;
        let cands = |w, h| around((x, y), (w, h), (14, 4), Some(16), 16);
        boxed_label(root, &r.label, cands, &mut taken, &bounds)?;
    }
    if let Some(panel) = panel {
        let top = top - panel.get_base_pixel().1;
        legend::draw(&panel, top, heading, &items)?;
        if let Some(note) = &s.legend_note {
            let rows = items.len() + usize::from(heading.is_some());
            legend::note(&panel, top, rows, note)?;
        }
    }
    Ok(())
}
