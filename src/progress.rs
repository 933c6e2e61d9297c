//! Progress bars on stderr (hidden when stderr is not a terminal or with `--quiet`).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar over `total` units named `unit`.
pub fn bar(total: u64, unit: &str, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    }
    let pb = ProgressBar::new(total);
    let style = ProgressStyle::with_template(&format!(
        "{{bar:40}} {{pos}}/{{len}} {unit} · {{per_sec}} · ETA {{eta}}"
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    pb.set_style(style);
    pb
}

/// A bar over the `cells` cells of a sweep (`done` already finished), each of `runs` runs:
/// shows cells done, runs/s and the ETA.
pub fn cells_bar(cells: u64, done: u64, runs: u64, quiet: bool) -> ProgressBar {
    let total = cells.saturating_mul(runs);
    let pb = if quiet || !std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden())
    } else {
        let pb = ProgressBar::new(total);
        let style =
            ProgressStyle::with_template("{bar:40} {prefix} cells · {per_sec} runs · ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
        pb.set_style(style);
        pb
    };
    pb.set_prefix(format!("{done}/{cells}"));
    pb.set_position(done.saturating_mul(runs));
    pb.reset_eta();
    pb
}
