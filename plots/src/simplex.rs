//! Simplex plot for 3-strategy dynamics: the 2-simplex as a triangle with
//! its vertices labelled by pure strategy, a light barycentric grid,
//! trajectories as polylines with an arrowhead at the end, and marked,
//! labelled points (rest points; hollow for unstable ones).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use serde::{Deserialize, Serialize};

use crate::frame::{self, page, Area, Drawn};
use crate::legend::{self, Item, Swatch};
use crate::placement::{around, boxed_label, Rect};
use crate::theme::{self, INK, PAPER};

/// A simplex (triangle) plot of population shares over three strategies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Simplex {
    /// Chart title.
    pub title: String,
    /// Optional second line.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Names of the three pure strategies: bottom-left, bottom-right, top.
    pub vertex_labels: [String; 3],
    /// Trajectories in barycentric coordinates.
    #[serde(default)]
    pub trajectories: Vec<Trajectory>,
    /// Marked points, e.g. rest points.
    #[serde(default)]
    pub points: Vec<SimplexPoint>,
}

/// A path through the simplex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trajectory {
    /// Legend label; unlabelled trajectories get no legend entry.
    #[serde(default)]
    pub label: Option<String>,
    /// Shares of the three strategies at each step; each triple is
    /// normalised to sum to 1, negative shares are clamped to 0, and
    /// non-finite or all-zero triples are skipped.
    pub points: Vec<[f64; 3]>,
    /// Palette index; `None`: labelled trajectories by position, unlabelled
    /// ones in a neutral slate blue.
    #[serde(default)]
    pub colour: Option<usize>,
}

/// A marked, labelled point in the simplex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimplexPoint {
    /// Label, e.g. "ESS" or "mixed NE".
    pub label: String,
    /// Shares of the three strategies (normalised like trajectory points).
    pub at: [f64; 3],
    /// Draw as a hollow ring (e.g. an unstable rest point).
    #[serde(default)]
    pub hollow: bool,
}

/// Colour of trajectories without label or colour (e.g. a phase portrait).
const UNLABELLED: RGBColor = RGBColor(84, 106, 128);

/// Normalised barycentric coordinates, or `None` if unusable.
fn normalise(p: [f64; 3]) -> Option<[f64; 3]> {
    if p.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let q = p.map(|v| v.max(0.0));
    let sum: f64 = q.iter().sum();
    (sum > 0.0).then(|| q.map(|v| v / sum))
}

/// Pixel geometry of the triangle.
struct Triangle {
    v: [(f64, f64); 3],
}

impl Triangle {
    fn px(&self, p: [f64; 3]) -> (i32, i32) {
        let x = p[0] * self.v[0].0 + p[1] * self.v[1].0 + p[2] * self.v[2].0;
        let y = p[0] * self.v[0].1 + p[1] * self.v[1].1 + p[2] * self.v[2].1;
        (x.round() as i32, y.round() as i32)
    }
}

pub(crate) fn draw<DB: DrawingBackend>(s: &Simplex, root: &Area<DB>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let area = page(root, &s.title, s.subtitle.as_deref())?;
    let trajs: Vec<(Vec<[f64; 3]>, &Trajectory)> = s
        .trajectories
        .iter()
        .map(|t| {
            (
                t.points
                    .iter()
                    .filter_map(|p| normalise(*p))
                    .collect::<Vec<_>>(),
                t,
            )
        })
        .filter(|(p, _)| !p.is_empty())
        .collect();
    let points: Vec<([f64; 3], &SimplexPoint)> = s
        .points
        .iter()
        .filter_map(|p| normalise(p.at).map(|q| (q, p)))
        .collect();
    if trajs.is_empty() && points.is_empty() {
        return frame::no_data(&area, "no trajectory or point has usable shares");
    }
    let mut labelled = 0;
    let colours: Vec<RGBColor> = trajs
        .iter()
        .map(|(_, t)| match (t.colour, &t.label) {
            (Some(c), _) => theme::palette(c),
            (None, Some(_)) => {
                labelled += 1;
                theme::palette(labelled - 1)
            }
            (None, None) => UNLABELLED,
        })
        .collect();
    let mut items: Vec<Item> = trajs
        .iter()
        .zip(&colours)
        .filter_map(|((_, t), c)| t.label.clone().map(|l| Item::new(l, Swatch::Line(*c))))
        .collect();
    if points.iter().any(|(_, p)| !p.hollow) {
        items.push(Item::new("stable / marked point", Swatch::Dot(INK)));
    }
    if points.iter().any(|(_, p)| p.hollow) {
        items.push(Item::new("unstable point", Swatch::Ring(INK)));
    }
    let (plot_area, panel) = legend::split(&area, None, &items);
    let (w, h) = plot_area.dim_in_pixel();
    let base = plot_area.get_base_pixel();
    // Room for vertex labels: below the base and above the apex.
    let pad_x = 60.0;
    let (pad_top, pad_bottom) = (44.0, 52.0);
    let side = ((w as f64 - 2.0 * pad_x)
        .min((h as f64 - pad_top - pad_bottom) / (3f64.sqrt() / 2.0)))
    .max(10.0);
    let tri_h = side * 3f64.sqrt() / 2.0;
    let cx = base.0 as f64 + w as f64 / 2.0;
    let bottom_y =
        base.1 as f64 + pad_top + tri_h + (h as f64 - pad_top - pad_bottom - tri_h) / 2.0;
    let tri = Triangle {
        v: [
            (cx - side / 2.0, bottom_y),
            (cx + side / 2.0, bottom_y),
            (cx, bottom_y - tri_h),
        ],
    };
    let corners: Vec<(i32, i32)> = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
        .iter()
        .map(|p| tri.px(*p))
        .collect();
    root.draw(&Polygon::new(
        corners.clone(),
        theme::tint(theme::GRID, 0.6).filled(),
    ))?;
    // Grid lines at 20% steps of each share.
    for k in 1..5 {
        let f = k as f64 / 5.0;
        for axis in 0..3 {
            let (a, b) = ((axis + 1) % 3, (axis + 2) % 3);
            let mut p = [0.0; 3];
            p[axis] = f;
            p[a] = 1.0 - f;
            let mut q = [0.0; 3];
            q[axis] = f;
            q[b] = 1.0 - f;
            root.draw(&PathElement::new(
                vec![tri.px(p), tri.px(q)],
                theme::GRID.stroke_width(1),
            ))?;
        }
    }
    let mut outline = corners.clone();
    outline.push(corners[0]);
    root.draw(&PathElement::new(outline, theme::AXIS.stroke_width(2)))?;
    // Vertex labels.
    let vfont = theme::bold(theme::AXIS_SIZE);
    let max_label = (side * 0.6) as u32;
    let vl: Vec<String> = s
        .vertex_labels
        .iter()
        .map(|l| frame::fit(root, l, &vfont, max_label))
        .collect();
    root.draw(&Text::new(
        vl[0].clone(),
        (corners[0].0, corners[0].1 + 14),
        theme::bold_text(theme::AXIS_SIZE, INK, HPos::Center, VPos::Top),
    ))?;
    root.draw(&Text::new(
        vl[1].clone(),
        (corners[1].0, corners[1].1 + 14),
        theme::bold_text(theme::AXIS_SIZE, INK, HPos::Center, VPos::Top),
    ))?;
    root.draw(&Text::new(
        vl[2].clone(),
        (corners[2].0, corners[2].1 - 12),
        theme::bold_text(theme::AXIS_SIZE, INK, HPos::Center, VPos::Bottom),
    ))?;
    // Trajectories with start dot and end arrowhead.
    for ((pts, _), colour) in trajs.iter().zip(&colours) {
        let px: Vec<(i32, i32)> = pts.iter().map(|p| tri.px(*p)).collect();
        root.draw(&PathElement::new(px.clone(), colour.stroke_width(2)))?;
        root.draw(&Circle::new(px[0], 3, colour.filled()))?;
        if let Some(head) = arrowhead(&px) {
            root.draw(&Polygon::new(head, colour.filled()))?;
        }
    }
    // Marked points with non-overlapping labels.
    let bounds = Rect {
        l: base.0,
        t: base.1,
        r: base.0 + w as i32,
        b: base.1 + h as i32,
    };
    let mut taken: Vec<Rect> = points
        .iter()
        .map(|(q, _)| tri.px(*q))
        .map(|(x, y)| Rect::at(x - 10, y - 10, 20, 20))
        .collect();
    for (q, p) in &points {
        let (x, y) = tri.px(*q);
        if p.hollow {
            root.draw(&Circle::new((x, y), 8, PAPER.filled()))?;
            root.draw(&Circle::new((x, y), 8, INK.stroke_width(3)))?;
        } else {
            root.draw(&Circle::new((x, y), 9, PAPER.filled()))?;
            root.draw(&Circle::new((x, y), 7, INK.filled()))?;
        }
        if p.label.is_empty() {
            continue;
        }
        let cands = |w, h| around((x, y), (w, h), (12, 2), None, 14);
        boxed_label(root, &p.label, cands, &mut taken, &bounds)?;
    }
    if let Some(panel) = panel {
        legend::draw(
            &panel,
            (tri.v[2].1 as i32) - panel.get_base_pixel().1,
            None,
            &items,
        )?;
    }
    Ok(())
}

/// Triangle at the last point pointing along the final direction of travel
/// (using the last point at least 4 px back), or `None` if the path does not move.
fn arrowhead(px: &[(i32, i32)]) -> Option<Vec<(i32, i32)>> {
    let &(ex, ey) = px.last()?;
    let &(sx, sy) = px
        .iter()
        .rev()
        .find(|(x, y)| ((x - ex).pow(2) + (y - ey).pow(2)) >= 16)?;
    let (dx, dy) = ((ex - sx) as f64, (ey - sy) as f64);
    let len = (dx * dx + dy * dy).sqrt();
    let (ux, uy) = (dx / len, dy / len);
    let (l, w) = (14.0, 6.0);
    let (bx, by) = (ex as f64 - ux * l, ey as f64 - uy * l);
    let p = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    Some(vec![
        p(ex as f64, ey as f64),
        p(bx - uy * w, by + ux * w),
        p(bx + uy * w, by - ux * w),
    ])
}
