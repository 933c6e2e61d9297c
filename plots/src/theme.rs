//! The shared look of every chart: canvas size, font sizes, text and grid
//! colours, the Okabe–Ito colour-blind-safe palette and the viridis colour
//! map used for continuous values.

use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::Color;
use plotters::style::{FontDesc, FontStyle, IntoFont, RGBColor, TextStyle};

/// Font family name every chart uses (registered from the embedded font).
///
/// In SVG output the name doubles as a CSS font list, so viewers without
/// DejaVu Sans fall back to another sans-serif face.
pub(crate) const FONT_FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

/// Default canvas width in pixels.
pub(crate) const WIDTH: u32 = 1200;
/// Default canvas height in pixels.
pub(crate) const HEIGHT: u32 = 750;
/// Outer margin around everything, in pixels.
pub(crate) const MARGIN: i32 = 24;

/// Title font size.
pub(crate) const TITLE_SIZE: f64 = 30.0;
/// Subtitle font size.
pub(crate) const SUBTITLE_SIZE: f64 = 20.0;
/// Axis description font size.
pub(crate) const AXIS_SIZE: f64 = 21.0;
/// Tick label font size.
pub(crate) const TICK_SIZE: f64 = 18.0;
/// Legend font size.
pub(crate) const LEGEND_SIZE: f64 = 18.0;
/// In-plot annotation font size (value labels, marker labels).
pub(crate) const NOTE_SIZE: f64 = 17.0;

/// Main text colour.
pub(crate) const INK: RGBColor = RGBColor(33, 33, 33);
/// Secondary text colour (subtitles, notes).
pub(crate) const MUTED: RGBColor = RGBColor(96, 96, 96);
/// Axis line colour.
pub(crate) const AXIS: RGBColor = RGBColor(110, 110, 110);
/// Grid line colour.
pub(crate) const GRID: RGBColor = RGBColor(226, 226, 226);
/// Fill for missing cells.
pub(crate) const MISSING: RGBColor = RGBColor(236, 236, 236);
/// Page background.
pub(crate) const PAPER: RGBColor = RGBColor(255, 255, 255);

/// Okabe–Ito palette, reordered so the first colours contrast best on white.
const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(120, 120, 120), // grey (stands in for Okabe–Ito black)
    RGBColor(240, 228, 66),  // yellow
];

/// Palette colour `i` (wraps around).
pub(crate) fn palette(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Colour for an item that may name its own palette index.
pub(crate) fn pick(explicit: Option<usize>, position: usize) -> RGBColor {
    palette(explicit.unwrap_or(position))
}

/// Viridis colour map at `t` in \[0, 1\] (clamped; NaN maps to 0).
pub(crate) fn viridis(t: f64) -> RGBColor {
    const STOPS: [(u8, u8, u8); 9] = [
        (68, 1, 84),
        (71, 44, 122),
        (59, 81, 139),
        (44, 113, 142),
        (33, 144, 141),
        (39, 173, 129),
        (92, 200, 99),
        (170, 220, 50),
        (253, 231, 37),
    ];
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let pos = t * (STOPS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(STOPS.len() - 2);
    let f = pos - i as f64;
    let lerp = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    RGBColor(lerp(a.0, b.0), lerp(a.1, b.1), lerp(a.2, b.2))
}

/// Readable text colour (ink or white) on top of `background`.
pub(crate) fn text_on(background: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = background;
    let lum = 0.2126 * r as f64 + 0.7152 * g as f64 + 0.0722 * b as f64;
    if lum > 140.0 {
        INK
    } else {
        PAPER
    }
}

/// `c` darkened until it is readable as text on white (for light palette
/// colours such as yellow).
pub(crate) fn readable(c: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = c;
    let lum = 0.2126 * r as f64 + 0.7152 * g as f64 + 0.0722 * b as f64;
    if lum <= 150.0 {
        return c;
    }
    let k = 150.0 / lum;
    let m = |v: u8| (v as f64 * k).round() as u8;
    RGBColor(m(r), m(g), m(b))
}

/// Lighten `c` towards white by `amount` in \[0, 1\].
pub(crate) fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let m = |v: u8| (v as f64 + (255.0 - v as f64) * amount).round() as u8;
    RGBColor(m(c.0), m(c.1), m(c.2))
}

/// Regular font of the given size.
pub(crate) fn font(size: f64) -> FontDesc<'static> {
    (FONT_FAMILY, size).into_font()
}

/// Bold font of the given size.
pub(crate) fn bold(size: f64) -> FontDesc<'static> {
    (FONT_FAMILY, size, FontStyle::Bold).into_font()
}

/// Text style: regular font, colour and anchor.
pub(crate) fn text(size: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    font(size).color(&colour.to_rgba()).pos(Pos::new(h, v))
}

/// Text style: bold font, colour and anchor.
pub(crate) fn bold_text(size: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    bold(size).color(&colour.to_rgba()).pos(Pos::new(h, v))
}
