//! The parts every chart shares: the white page with its title and
//! subtitle, the "no data" placeholder, the styled axis mesh, text
//! measurement and fitting, and the internal drawing error type.

use std::error::Error;

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::theme::{self, INK, MUTED, PAPER};

/// A drawing area in pixel coordinates.
pub(crate) type Area<DB> = DrawingArea<DB, Shift>;
/// A chart with two linear `f64` axes.
pub(crate) type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Any failure while drawing, already type-erased (backend, font, layout).
#[derive(Debug)]
pub(crate) struct DrawError(pub(crate) Box<dyn Error + Send + Sync>);

impl<E: Error + Send + Sync + 'static> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        DrawError(Box::new(e))
    }
}

/// Result of a drawing step.
pub(crate) type Drawn<T = ()> = Result<T, DrawError>;

/// Width and height in pixels of `text` in `font`, or a rough estimate if
/// the font cannot measure it.
pub(crate) fn measure<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    font: &FontDesc,
) -> (u32, u32) {
    area.estimate_text_size(text, &TextStyle::from(font.clone()))
        .unwrap_or_else(|_| {
            let size = font.get_size();
            (
                (text.chars().count() as f64 * size * 0.55) as u32,
                size as u32,
            )
        })
}

/// `text` shortened with an ellipsis so it is at most `max_w` pixels wide.
pub(crate) fn fit<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    font: &FontDesc,
    max_w: u32,
) -> String {
    if measure(area, text, font).0 <= max_w {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 1 {
        keep -= 1;
        let candidate: String = chars[..keep]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…";
        if measure(area, &candidate, font).0 <= max_w {
            return candidate;
        }
    }
    "…".to_string()
}

/// Greedy word wrap of `text` into lines at most `max_w` pixels wide. A word
/// wider than `max_w` (a long parameter path) is broken after a `.`, `_`, `/`
/// or `=`; a piece still too wide stays on its own (over-wide) line.
pub(crate) fn wrap<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    font: &FontDesc,
    max_w: u32,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        if measure(area, word, font).0 <= max_w {
            words.push(word.to_string());
            continue;
        }
        // Break into pieces at path separators, then glue pieces that fit.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if matches!(c, '.' | '_' | '/' | '=') {
                words.push(std::mem::take(&mut piece) + "\u{200b}");
            }
        }
        if !piece.is_empty() {
            words.push(piece);
        }
    }
    for word in words {
        // A piece ending in a zero-width space joins the next without a blank.
        let glue = if current.ends_with('\u{200b}') {
            ""
        } else {
            " "
        };
        let candidate = if current.is_empty() {
            word.clone()
        } else {
            format!("{current}{glue}{word}")
        };
        if current.is_empty() || measure(area, &candidate.replace('\u{200b}', ""), font).0 <= max_w
        {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
        .into_iter()
        .map(|l| l.replace('\u{200b}', ""))
        .collect()
}

/// Paint the page white, draw the title and optional subtitle, and return
/// the area below them (inside the outer margin).
pub(crate) fn page<DB: DrawingBackend>(
    root: &Area<DB>,
    title: &str,
    subtitle: Option<&str>,
) -> Drawn<Area<DB>>
where
    DB::ErrorType: 'static,
{
    root.fill(&PAPER)?;
    let (w, _) = root.dim_in_pixel();
    let m = theme::MARGIN;
    let max_w = w.saturating_sub(2 * m as u32);
    let title_font = theme::bold(theme::TITLE_SIZE);
    let title = if title.trim().is_empty() {
        "Untitled chart"
    } else {
        title
    };
    // Long titles and subtitles wrap (up to three lines each) rather than lose their end.
    let mut band = m;
    for line in wrap_lines(root, title, &title_font, max_w, 3) {
        root.draw(&Text::new(
            line,
            (m, band),
            theme::bold_text(theme::TITLE_SIZE, INK, HPos::Left, VPos::Top),
        ))?;
        band += theme::TITLE_SIZE as i32 + 6;
    }
    band += 2;
    if let Some(sub) = subtitle.filter(|s| !s.trim().is_empty()) {
        let font = theme::font(theme::SUBTITLE_SIZE);
        for line in wrap_lines(root, sub, &font, max_w, 3) {
            root.draw(&Text::new(
                line,
                (m, band),
                theme::text(theme::SUBTITLE_SIZE, MUTED, HPos::Left, VPos::Top),
            ))?;
            band += theme::SUBTITLE_SIZE as i32 + 6;
        }
        band += 2;
    }
    Ok(root.margin(band + 10, m, m, m))
}

/// Fill `area` with a centred "No data" notice (and an optional reason).
pub(crate) fn no_data<DB: DrawingBackend>(area: &Area<DB>, reason: &str) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (w, h) = area.dim_in_pixel();
    let (cx, cy) = (w as i32 / 2, h as i32 / 2);
    area.draw(&Rectangle::new(
        [(0, 0), (w as i32 - 1, h as i32 - 1)],
        theme::GRID.stroke_width(2),
    ))?;
    area.draw(&Text::new(
        "No data",
        (cx, cy - 10),
        theme::bold_text(36.0, MUTED, HPos::Center, VPos::Bottom),
    ))?;
    if !reason.is_empty() {
        let reason = fit(
            area,
            reason,
            &theme::font(theme::SUBTITLE_SIZE),
            w.saturating_sub(40),
        );
        area.draw(&Text::new(
            reason,
            (cx, cy + 10),
            theme::text(theme::SUBTITLE_SIZE, MUTED, HPos::Center, VPos::Top),
        ))?;
    }
    Ok(())
}

/// How one axis of a [`mesh`] is labelled.
pub(crate) struct AxisStyle<'f> {
    /// Axis description, e.g. "share of runs".
    pub desc: &'f str,
    /// Maximum number of tick labels (0 = none; drawn by hand instead).
    pub ticks: usize,
    /// Tick label formatter.
    pub format: &'f dyn Fn(&f64) -> String,
    /// Draw grid lines at the ticks.
    pub grid: bool,
}

/// Draw the themed axes, tick labels and grid of a chart.
pub(crate) fn mesh<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    x: AxisStyle<'_>,
    y: AxisStyle<'_>,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(x.ticks)
        .y_labels(y.ticks)
        .x_label_formatter(x.format)
        .y_label_formatter(y.format)
        .x_desc(x.desc)
        .y_desc(y.desc)
        .label_style(theme::font(theme::TICK_SIZE).color(&INK))
        .axis_desc_style(theme::font(theme::AXIS_SIZE).color(&INK))
        .axis_style(theme::AXIS.stroke_width(1))
        .bold_line_style(theme::GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .set_all_tick_mark_size(5);
    if !x.grid {
        mesh.disable_x_mesh();
    }
    if !y.grid {
        mesh.disable_y_mesh();
    }
    mesh.draw()?;
    Ok(())
}

/// Pixel rectangle (left, top, right, bottom) of a chart's plotting area in
/// the root's coordinates.
pub(crate) fn plot_box<DB: DrawingBackend>(chart: &Plot<'_, DB>) -> (i32, i32, i32, i32) {
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    (xr.start, yr.start, xr.end, yr.end)
}

/// Draw hand-placed tick labels under the x axis at pixel columns `xs`,
/// each label possibly several lines, with a short tick mark.
pub(crate) fn x_ticks<DB: DrawingBackend>(
    root: &Area<DB>,
    bottom: i32,
    ticks: &[(i32, Vec<String>)],
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let line_h = theme::TICK_SIZE as i32 + 4;
    for (x, lines) in ticks {
        root.draw(&PathElement::new(
            vec![(*x, bottom), (*x, bottom + 5)],
            theme::AXIS.stroke_width(1),
        ))?;
        for (k, line) in lines.iter().enumerate() {
            root.draw(&Text::new(
                line.clone(),
                (*x, bottom + 9 + k as i32 * line_h),
                theme::text(theme::TICK_SIZE, INK, HPos::Center, VPos::Top),
            ))?;
        }
    }
    Ok(())
}

/// Draw hand-placed tick labels left of the y axis at pixel rows `ys`.
/// Multi-line labels are centred on their row.
pub(crate) fn y_ticks<DB: DrawingBackend>(
    root: &Area<DB>,
    left: i32,
    ticks: &[(i32, Vec<String>)],
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let line_h = theme::TICK_SIZE as i32 + 4;
    for (y, lines) in ticks {
        root.draw(&PathElement::new(
            vec![(left - 5, *y), (left, *y)],
            theme::AXIS.stroke_width(1),
        ))?;
        let first = *y - (lines.len() as i32 - 1) * line_h / 2;
        for (k, line) in lines.iter().enumerate() {
            root.draw(&Text::new(
                line.clone(),
                (left - 9, first + k as i32 * line_h),
                theme::text(theme::TICK_SIZE, INK, HPos::Right, VPos::Center),
            ))?;
        }
    }
    Ok(())
}

/// `text` wrapped to `max_w` pixels in at most `max_lines` lines, the last
/// one shortened with an ellipsis if needed.
pub(crate) fn wrap_lines<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    font: &FontDesc,
    max_w: u32,
    max_lines: usize,
) -> Vec<String> {
    let mut lines = wrap(area, text, font, max_w);
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(fit(area, &rest, font, max_w));
    }
    lines.iter().map(|l| fit(area, l, font, max_w)).collect()
}
