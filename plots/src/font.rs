//! The embedded DejaVu Sans font and its one-time registration with plotters.
//!
//! Plotters' `ab_glyph` backend never looks at system fonts, so every chart
//! draws with the family registered here; PNG output therefore renders the
//! same on a machine with no font packages installed.

use std::sync::OnceLock;

use plotters::style::{register_font, FontStyle};

use crate::theme::FONT_FAMILY;
use crate::PlotError;

/// DejaVu Sans, regular weight (licence: `assets/LICENSE-DejaVu.txt`).
static REGULAR: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");
/// DejaVu Sans, bold weight (licence: `assets/LICENSE-DejaVu.txt`).
static BOLD: &[u8] = include_bytes!("../assets/DejaVuSans-Bold.ttf");

/// Register the embedded fonts once per process.
///
/// Also registers them under plotters' generic `"sans-serif"` name so any
/// text drawn with a default style still finds a font.
pub(crate) fn ensure_registered() -> Result<(), PlotError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        [FONT_FAMILY, "sans-serif"].iter().all(|family| {
            register_font(family, FontStyle::Normal, REGULAR).is_ok()
                && register_font(family, FontStyle::Bold, BOLD).is_ok()
        })
    });
    if ok {
        Ok(())
    } else {
        Err(PlotError::Font)
    }
}
