//! How series stay distinguishable without colour: each series of a line plot
//! gets a dash pattern and a marker shape, chosen by its position so that
//! overlapping series (and readers who cannot tell the palette's colours apart)
//! can still be told apart, in the plot and in its legend.

use plotters::prelude::*;

/// A marker shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Filled circle.
    Circle,
    /// Filled square.
    Square,
    /// Filled triangle, point up.
    Triangle,
    /// Filled diamond.
    Diamond,
    /// Diagonal cross.
    Cross,
    /// Hollow circle.
    Ring,
}

/// Dash pattern of a line: `None` solid, else (dash, gap) in pixels.
pub(crate) type Dash = Option<(u32, u32)>;

const SHAPES: [Shape; 6] = [
    Shape::Circle,
    Shape::Square,
    Shape::Triangle,
    Shape::Diamond,
    Shape::Cross,
    Shape::Ring,
];
const DASHES: [Dash; 4] = [None, Some((14, 7)), Some((5, 5)), Some((18, 5))];

/// The dash pattern and marker of series `k`: neighbouring series differ in
/// both, and the first 12 series are all distinct.
pub(crate) fn style_of(k: usize) -> (Dash, Shape) {
    (DASHES[k % DASHES.len()], SHAPES[k % SHAPES.len()])
}

/// Pixel outline points of `shape` around `(x, y)` (polygon shapes), or `None`
/// for the circle-based ones.
pub(crate) fn outline(shape: Shape, (x, y): (i32, i32), r: i32) -> Option<Vec<(i32, i32)>> {
    match shape {
        Shape::Square => Some(vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
        ]),
        Shape::Triangle => Some(vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)]),
        Shape::Diamond => Some(vec![
            (x, y - r - 1),
            (x + r + 1, y),
            (x, y + r + 1),
            (x - r - 1, y),
        ]),
        _ => None,
    }
}

/// Draws the marker `shape` at pixel `at` on `area`.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    shape: Shape,
    at: (i32, i32),
    r: i32,
    colour: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    match shape {
        Shape::Circle => area.draw(&Circle::new(at, r, colour.filled())),
        Shape::Ring => {
            area.draw(&Circle::new(at, r, WHITE.filled()))?;
            area.draw(&Circle::new(at, r, colour.stroke_width(2)))
        }
        Shape::Cross => {
            let (x, y) = at;
            area.draw(&PathElement::new(
                vec![(x - r, y - r), (x + r, y + r)],
                colour.stroke_width(3),
            ))?;
            area.draw(&PathElement::new(
                vec![(x - r, y + r), (x + r, y - r)],
                colour.stroke_width(3),
            ))
        }
        s => area.draw(&Polygon::new(
            outline(s, at, r).unwrap_or_default(),
            colour.filled(),
        )),
    }
}

/// Draws a polyline through pixel points with the dash pattern `dash`.
pub(crate) fn polyline<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    points: &[(i32, i32)],
    dash: Dash,
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let Some((on, off)) = dash else {
        return area.draw(&PathElement::new(points.to_vec(), style));
    };
    let (on, period) = (on as f64, (on + off) as f64);
    // Distance along the line where the current segment starts.
    let mut travelled = 0.0;
    for w in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (
            (w[0].0 as f64, w[0].1 as f64),
            (w[1].0 as f64, w[1].1 as f64),
        );
        let len = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
        if len == 0.0 {
            continue;
        }
        let at = |d: f64| {
            let t = (d / len).clamp(0.0, 1.0);
            (
                (x0 + t * (x1 - x0)).round() as i32,
                (y0 + t * (y1 - y0)).round() as i32,
            )
        };
        // Start of the first dash at or before this segment's start.
        let mut d = -(travelled % period);
        while d < len {
            let (a, b) = (d.max(0.0), (d + on).min(len));
            if b > a {
                area.draw(&PathElement::new(vec![at(a), at(b)], style))?;
            }
            d += period;
        }
        travelled += len;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_series_differ_in_dash_and_marker() {
        for k in 0..11 {
            let (a, b) = (style_of(k), style_of(k + 1));
            assert_ne!(a.0, b.0, "series {k} and {} share a dash", k + 1);
            assert_ne!(a.1, b.1, "series {k} and {} share a marker", k + 1);
        }
        let all: Vec<_> = (0..12).map(style_of).collect();
        for i in 0..all.len() {
            for j in i + 1..all.len() {
                assert_ne!(all[i], all[j], "series {i} and {j} look alike");
            }
        }
    }
}
