//! Progress bars on stderr (hidden when stderr is not a terminal or with `--quiet`).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sim::runner::Progress;
use std::io::IsTerminal;

/// A bar over `total` units named `unit`.
pub(crate) fn bar(total: u64, unit: &str, quiet: bool) -> ProgressBar {
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
pub(crate) fn cells_bar(cells: u64, done: u64, runs: u64, quiet: bool) -> ProgressBar {
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

/// The progress bar of a sweep or an analysis: made by [`cells_bar`] when the computation
/// starts (hidden with `--quiet` or when nothing is left to compute).
pub(crate) struct CellsProgress {
    quiet: bool,
    bar: std::sync::OnceLock<ProgressBar>,
}

impl CellsProgress {
    /// No bar yet.
    pub(crate) fn new(quiet: bool) -> CellsProgress {
        CellsProgress {
            quiet,
            bar: std::sync::OnceLock::new(),
        }
    }
}

impl Progress for CellsProgress {
    fn start(&self, cells: u64, done: u64, runs: u64) {
        let bar = cells_bar(cells, done, runs, self.quiet || done >= cells);
        if let Err(bar) = self.bar.set(bar) {
            bar.finish_and_clear();
        }
    }

    fn cell_done(&self, runs: u64) {
        if let Some(b) = self.bar.get() {
            Bar(b).cell_done(runs);
        }
    }

    fn cells_done(&self, done: u64, cells: u64) {
        if let Some(b) = self.bar.get() {
            Bar(b).cells_done(done, cells);
        }
    }

    fn finish(&self) {
        if let Some(b) = self.bar.get() {
            b.finish_and_clear();
        }
    }
}

impl sim::sweep::SweepObserver for CellsProgress {
    fn resumed(&self, done: u64, cells: u64, path: &std::path::Path) {
        eprintln!(
            "resuming: {done} of {cells} cells already in {}",
            path.display()
        );
    }
}

/// A bar made by the caller, advanced by cells of runs.
pub(crate) struct Bar<'a>(pub &'a ProgressBar);

impl Progress for Bar<'_> {
    fn cell_done(&self, runs: u64) {
        self.0.inc(runs);
    }

    fn cells_done(&self, done: u64, cells: u64) {
        self.0.set_prefix(format!("{done}/{cells}"));
    }
}
