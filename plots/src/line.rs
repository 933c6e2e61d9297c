//! Line plot of several series (one per outcome) over one swept parameter,
//! each with a shaded 95% confidence band, an optional log x axis (labelled
//! as such), and the legend in a panel beside the plot. Each series has its
//! own dash pattern and marker shape ([`crate::marks`]), so series that
//! overlap stay distinguishable without colour.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use serde::{Deserialize, Serialize};

use crate::frame::{self, page, Area, AxisStyle, Drawn};
use crate::legend::{self, Item, Swatch};
use crate::marks::{self, Dash, Shape};
use crate::number;
use crate::scale;
use crate::theme::{self};

/// A line plot over one swept parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinePlot {
    /// Chart title.
    pub title: String,
    /// Optional second line.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// X axis label with unit (the swept parameter).
    pub x_label: String,
    /// Y axis label with unit, e.g. "P(outcome)".
    pub y_label: String,
    /// The series, one per outcome.
    pub series: Vec<Series>,
    /// Logarithmic x axis (points with x ≤ 0 are skipped).
    #[serde(default)]
    pub log_x: bool,
    /// Values are probabilities: y axis from 0, capped at 1, in percent.
    #[serde(default)]
    pub probability: bool,
    /// Labelled vertical marks at chosen x values (e.g. the parameter values a user asked
    /// for); marks outside the data's x range, or at x ≤ 0 on a log axis, are skipped.
    #[serde(default)]
    pub x_marks: Vec<XMark>,
}

/// A labelled vertical mark of a [`LinePlot`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XMark {
    /// Position on the x axis (in data units, not log10).
    pub x: f64,
    /// Label drawn at the top of the mark.
    pub label: String,
}

/// One line of a [`LinePlot`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// Points in any order (sorted by x when drawn); non-finite ones skipped.
    pub points: Vec<SeriesPoint>,
    /// Palette index; `None` uses the series' position.
    #[serde(default)]
    pub colour: Option<usize>,
}

/// One point of a [`Series`], with an optional confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    /// Parameter value.
    pub x: f64,
    /// Estimate.
    pub y: f64,
    /// Lower end of the 95% CI (band), if known.
    #[serde(default)]
    pub lo: Option<f64>,
    /// Upper end of the 95% CI (band), if known.
    #[serde(default)]
    pub hi: Option<f64>,
}

/// A series reduced to drawable points in axis space (log10 x if log).
struct Prepared {
    colour: RGBColor,
    dash: Dash,
    shape: Shape,
    label: String,
    points: Vec<(f64, f64)>,
    band: Vec<(f64, f64, f64)>,
}

fn prepare(p: &LinePlot) -> Vec<Prepared> {
    p.series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let mut pts: Vec<&SeriesPoint> = s
                .points
                .iter()
                .filter(|q| q.x.is_finite() && q.y.is_finite() && (!p.log_x || q.x > 0.0))
                .collect();
            pts.sort_by(|a, b| a.x.total_cmp(&b.x));
            let tx = |x: f64| if p.log_x { x.log10() } else { x };
            let band = pts
                .iter()
                .filter_map(|q| match (q.lo, q.hi) {
                    (Some(lo), Some(hi)) if lo.is_finite() && hi.is_finite() => {
                        Some((tx(q.x), lo.min(hi), lo.max(hi)))
                    }
                    _ => None,
                })
                .collect();
            let (dash, shape) = marks::style_of(k);
            Prepared {
                colour: theme::pick(s.colour, k),
                dash,
                shape,
                label: s.label.clone(),
                points: pts.iter().map(|q| (tx(q.x), q.y)).collect(),
                band,
            }
        })
        .collect()
}

/// Tick positions (in log10 space) and labels for a log axis over
/// \[a, b\] (log10 units).
fn log_ticks(a: f64, b: f64) -> Vec<(f64, String)> {
    let decades = b - a;
    let mults: &[f64] = if decades <= 1.2 {
        &[1.0, 2.0, 3.0, 5.0, 7.0]
    } else if decades <= 3.5 {
        &[1.0, 2.0, 5.0]
    } else {
        &[1.0]
    };
    let mut ticks = Vec::new();
    let (first, last) = (a.floor() as i32, b.ceil() as i32);
    for e in first..=last {
        for m in mults {
            let v = m * 10f64.powi(e);
            let t = v.log10();
            if t >= a - 1e-9 && t <= b + 1e-9 {
                ticks.push((t, number::value(v)));
            }
        }
    }
    if ticks.len() < 2 {
        // Less than a decade with no round numbers inside: evenly spaced values.
        let (va, vb) = (10f64.powf(a), 10f64.powf(b));
        ticks = (0..=4)
            .map(|k| va + (vb - va) * k as f64 / 4.0)
            .filter(|v| *v > 0.0)
            .map(|v| (v.log10(), number::value(v)))
            .collect();
    }
    ticks
}

pub(crate) fn draw<DB: DrawingBackend>(p: &LinePlot, root: &Area<DB>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let area = page(root, &p.title, p.subtitle.as_deref())?;
    let series = prepare(p);
    let Some((xa, xb)) = scale::extent(series.iter().flat_map(|s| s.points.iter().map(|q| q.0)))
    else {
        let why = if p.log_x {
            "no series has a finite point with x > 0"
        } else {
            "no series has a finite point"
        };
        return frame::no_data(&area, why);
    };
    let ys = series.iter().flat_map(|s| {
        s.points
            .iter()
            .map(|q| q.1)
            .chain(s.band.iter().flat_map(|b| [b.1, b.2]))
    });
    let (ya, yb) = scale::extent(ys).unwrap_or((0.0, 1.0));
    let (x0, x1) = if xa == xb {
        scale::sane(xa, xb)
    } else {
        scale::padded(xa, xb, 0.02)
    };
    let (y0, y1) = if p.probability {
        scale::from_zero(ya, yb, 0.08, true)
    } else {
        let (lo, hi) = scale::padded(ya, yb, 0.08);
        if ya >= 0.0 && lo < 0.0 {
            (0.0, hi)
        } else {
            (lo, hi)
        }
    };
    let items: Vec<Item> = series
        .iter()
        .map(|s| {
            Item::new(
                s.label.clone(),
                Swatch::Series {
                    colour: s.colour,
                    dash: s.dash,
                    shape: s.shape,
                    band: !s.band.is_empty(),
                },
            )
        })
        .collect();
    let (plot_area, panel) = legend::split(&area, None, &items);
    let (xspan, yspan) = (x1 - x0, y1 - y0);
    let xfmt = |v: &f64| number::tick(*v, xspan, 10);
    let yfmt = |v: &f64| {
        if p.probability {
            number::pct_tick(*v, yspan, 8)
        } else {
            number::tick(*v, yspan, 8)
        }
    };
    let x_desc = if p.log_x {
        format!("{} (log scale)", p.x_label)
    } else {
        p.x_label.clone()
    };
    let mut c = ChartBuilder::on(&plot_area)
        .margin_right(16)
        .x_label_area_size(theme::TICK_SIZE as u32 + theme::AXIS_SIZE as u32 + 36)
        .y_label_area_size(110)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    frame::mesh(
        &mut c,
        AxisStyle {
            desc: &x_desc,
            ticks: if p.log_x { 0 } else { 10 },
            format: &xfmt,
            grid: !p.log_x,
        },
        AxisStyle {
            desc: &p.y_label,
            ticks: 8,
            format: &yfmt,
            grid: true,
        },
    )?;
    if p.log_x {
        let ticks = log_ticks(x0, x1);
        for (t, _) in &ticks {
            c.draw_series(std::iter::once(PathElement::new(
                vec![(*t, y0), (*t, y1)],
                theme::GRID.stroke_width(1),
            )))?;
        }
        let (_, _, _, bottom) = frame::plot_box(&c);
        let px: Vec<(i32, Vec<String>)> = ticks
            .into_iter()
            .map(|(t, l)| (c.backend_coord(&(t, y0)).0, vec![l]))
            .collect();
        frame::x_ticks(root, bottom, &px)?;
    }
    for s in &series {
        if s.band.len() >= 2 {
            let mut poly: Vec<(f64, f64)> =
                s.band.iter().map(|b| (b.0, b.2.clamp(y0, y1))).collect();
            poly.extend(s.band.iter().rev().map(|b| (b.0, b.1.clamp(y0, y1))));
            c.draw_series(std::iter::once(Polygon::new(
                poly,
                s.colour.mix(0.18).filled(),
            )))?;
        } else if let Some(b) = s.band.first() {
            c.draw_series(std::iter::once(PathElement::new(
                vec![(b.0, b.1), (b.0, b.2)],
                s.colour.stroke_width(2),
            )))?;
        }
    }
    for m in &p.x_marks {
        if !m.x.is_finite() || (p.log_x && m.x <= 0.0) {
            continue;
        }
        let x = if p.log_x { m.x.log10() } else { m.x };
        if x < x0 || x > x1 {
            continue;
        }
        c.draw_series(std::iter::once(plotters::element::DashedPathElement::new(
            vec![(x, y0), (x, y1)],
            8,
            5,
            theme::INK.mix(0.55).stroke_width(2),
        )))?;
        let (px, py) = c.backend_coord(&(x, y1));
        root.draw(&Text::new(
            m.label.clone(),
            (px + 4, py + 4),
            theme::text(theme::NOTE_SIZE, theme::INK, HPos::Left, VPos::Top),
        ))?;
    }
    // Markers on at most ~30 points per series, so dense series stay readable.
    let most = series.iter().map(|s| s.points.len()).max().unwrap_or(0);
    let every = most.div_ceil(30).max(1);
    for s in &series {
        let px: Vec<(i32, i32)> = s.points.iter().map(|q| c.backend_coord(q)).collect();
        marks::polyline(root, &px, s.dash, s.colour.stroke_width(3))?;
        for (n, q) in px.iter().enumerate() {
            if n % every == 0 || px.len() == 1 {
                marks::draw(root, s.shape, *q, 5, s.colour)?;
            }
        }
    }
    if let Some(panel) = panel {
        let (_, top, _, _) = frame::plot_box(&c);
        legend::draw(&panel, top - panel.get_base_pixel().1, None, &items)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::log_ticks;

    #[test]
    fn log_ticks_cover_range() {
        let t = log_ticks(-1.0, 2.0);
        assert_eq!(t.first().map(|x| x.1.as_str()), Some("0.1"));
        assert_eq!(t.last().map(|x| x.1.as_str()), Some("100"));
        let narrow = log_ticks(0.1, 0.2);
        assert!(narrow.len() >= 2);
        assert!(narrow
            .iter()
            .all(|(v, _)| (0.1 - 1e-9..=0.2 + 1e-9).contains(v)));
    }
}
