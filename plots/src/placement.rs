//! Placing text labels so they do not overlap each other: axis-aligned
//! pixel boxes, a first-fit search over candidate positions and boxed point
//! labels drawn at the first free one.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::frame::{measure, Area, Drawn};
use crate::theme::{self, INK, PAPER};

/// A pixel rectangle (left, top, right, bottom).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub l: i32,
    pub t: i32,
    pub r: i32,
    pub b: i32,
}

impl Rect {
    /// Rectangle from its top-left corner and size.
    pub(crate) fn at(l: i32, t: i32, w: i32, h: i32) -> Self {
        Rect {
            l,
            t,
            r: l + w,
            b: t + h,
        }
    }

    /// Whether the two rectangles overlap (touching edges do not count).
    pub(crate) fn overlaps(&self, o: &Rect) -> bool {
        self.l < o.r && o.l < self.r && self.t < o.b && o.t < self.b
    }

    /// Whether `self` lies entirely inside `o`.
    pub(crate) fn inside(&self, o: &Rect) -> bool {
        self.l >= o.l && self.r <= o.r && self.t >= o.t && self.b <= o.b
    }
}

/// The first candidate that stays inside `bounds` and overlaps nothing in
/// `taken`; if none is free, the candidate with least overlap area.
pub(crate) fn first_free(candidates: &[Rect], taken: &[Rect], bounds: &Rect) -> Option<usize> {
    if let Some(i) = candidates
        .iter()
        .position(|c| c.inside(bounds) && !taken.iter().any(|t| t.overlaps(c)))
    {
        return Some(i);
    }
    let overlap = |c: &Rect| -> i64 {
        taken
            .iter()
            .map(|t| {
                let w = (c.r.min(t.r) - c.l.max(t.l)).max(0) as i64;
                let h = (c.b.min(t.b) - c.t.max(t.t)).max(0) as i64;
                w * h
            })
            .sum()
    };
    candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.inside(bounds))
        .min_by_key(|(_, c)| overlap(c))
        .map(|(i, _)| i)
}

/// Candidate label boxes of `w` × `h` pixels around the point (`x`, `y`), in order of
/// preference: above right, above left, below right, below left (`corner` = horizontal and
/// vertical gap), then level right and left (`side` gap, when given), then centred above and
/// below (`vertical` gap).
pub(crate) fn around(
    (x, y): (i32, i32),
    (w, h): (i32, i32),
    corner: (i32, i32),
    side: Option<i32>,
    vertical: i32,
) -> Vec<Rect> {
    let (cx, cy) = corner;
    let mut c = vec![
        Rect::at(x + cx, y - h - cy, w, h),
        Rect::at(x - cx - w, y - h - cy, w, h),
        Rect::at(x + cx, y + cy, w, h),
        Rect::at(x - cx - w, y + cy, w, h),
    ];
    if let Some(s) = side {
        c.push(Rect::at(x + s, y - h / 2, w, h));
        c.push(Rect::at(x - s - w, y - h / 2, w, h));
    }
    c.push(Rect::at(x - w / 2, y - vertical - h, w, h));
    c.push(Rect::at(x - w / 2, y + vertical, w, h));
    c
}

/// Draws `label` (bold note text on a translucent paper box) at the first free
/// box of `candidates(w, h)` for a box of `w` × `h` pixels (the first candidate
/// when none is free), and marks that box as taken.
pub(crate) fn boxed_label<DB: DrawingBackend>(
    root: &Area<DB>,
    label: &str,
    candidates: impl Fn(i32, i32) -> Vec<Rect>,
    taken: &mut Vec<Rect>,
    bounds: &Rect,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (w, h) = measure(root, label, &theme::bold(theme::NOTE_SIZE));
    let cands = candidates(w as i32 + 8, h as i32 + 6);
    let pick = first_free(&cands, taken, bounds)
        .map(|i| cands[i])
        .unwrap_or(cands[0]);
    taken.push(pick);
    root.draw(&Rectangle::new(
        [(pick.l, pick.t), (pick.r, pick.b)],
        PAPER.mix(0.85).filled(),
    ))?;
    root.draw(&Text::new(
        label.to_string(),
        (pick.l + 4, (pick.t + pick.b) / 2),
        theme::bold_text(theme::NOTE_SIZE, INK, HPos::Left, VPos::Center),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_free_slot() {
        let bounds = Rect::at(0, 0, 100, 100);
        let taken = [Rect::at(0, 0, 50, 10)];
        let cands = [Rect::at(10, 0, 20, 10), Rect::at(10, 12, 20, 10)];
        assert_eq!(first_free(&cands, &taken, &bounds), Some(1));
        assert_eq!(first_free(&cands[..1], &taken, &bounds), Some(0));
        assert_eq!(first_free(&[Rect::at(200, 0, 5, 5)], &taken, &bounds), None);
    }
}
