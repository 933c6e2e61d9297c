//! Writing rendered charts to disk: SVG into memory then file, PNG through
//! plotters' bitmap encoder, both via a temporary file renamed into place.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use plotters::prelude::*;

use crate::frame::DrawError;
use crate::{Chart, Format, PlotError};

/// `stem` with `.ext` appended (keeps any dots already in the stem).
fn with_ext(stem: &Path, ext: &str) -> PathBuf {
    let mut s = OsString::from(stem.as_os_str());
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// A temporary sibling of `target` that still ends in `.ext` (the bitmap
/// encoder picks the format from the extension).
fn temp_path(target: &Path, ext: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = format!(".{name}.{}.tmp.{ext}", std::process::id());
    target.with_file_name(tmp)
}

/// Render `chart` in `format` next to `stem` and return the final path.
pub(crate) fn write(chart: &Chart, stem: &Path, format: Format) -> Result<PathBuf, PlotError> {
    let ext = format.extension();
    let target = with_ext(stem, ext);
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|error| PlotError::Io {
            path: dir.to_path_buf(),
            error,
        })?;
    }
    let tmp = temp_path(&target, ext);
    let result = match format {
        Format::Svg => write_svg(chart, &tmp, &target),
        Format::Png => write_png(chart, &tmp, &target),
    }
    .and_then(|()| {
        fs::rename(&tmp, &target).map_err(|error| PlotError::Io {
            path: target.clone(),
            error,
        })
    });
    if result.is_err() {
        // Best effort: the temporary file may not exist.
        let _ = fs::remove_file(&tmp);
    }
    result.map(|()| target)
}

fn draw_error(path: &Path, e: DrawError) -> PlotError {
    PlotError::Draw {
        path: path.to_path_buf(),
        error: e.0,
    }
}

fn write_svg(chart: &Chart, tmp: &Path, target: &Path) -> Result<(), PlotError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, chart.size()).into_drawing_area();
        chart.draw(&root).map_err(|e| draw_error(target, e))?;
        root.present().map_err(|e| draw_error(target, e.into()))?;
    }
    fs::write(tmp, svg).map_err(|error| PlotError::Io {
        path: target.to_path_buf(),
        error,
    })
}

fn write_png(chart: &Chart, tmp: &Path, target: &Path) -> Result<(), PlotError> {
    let root = BitMapBackend::new(tmp, chart.size()).into_drawing_area();
    chart.draw(&root).map_err(|e| draw_error(target, e))?;
    root.present().map_err(|e| draw_error(target, e.into()))?;
    Ok(())
}
