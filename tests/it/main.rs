//! End-to-end tests of the `pactsim` binary: one integration-test binary (ripgrep style).

mod bad_input;
mod cli;
mod configs;
mod golden;
mod outdir;
mod reproducibility;
mod sweep;
mod toolkit;
mod util;
