//! End-to-end tests of the `pactsim` binary: one integration-test binary (ripgrep style).

mod analysis;
mod bad_input;
mod cli;
mod configs;
mod equilibria_plot;
mod golden;
mod limits;
mod outdir;
mod repeated;
mod reproducibility;
mod solvers;
mod sweep;
mod toolkit;
mod util;
