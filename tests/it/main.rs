//! End-to-end tests of the `pactsim` binary: one integration-test binary (ripgrep style).

mod analysis;
mod bad_input;
mod cli;
mod configs;
mod equilibria_plot;
mod golden;
mod inputs;
mod limits;
mod metagame;
mod outdir;
mod repeated;
mod reproducibility;
mod simulation;
mod solvers;
mod sweep;
mod toolkit;
mod util;
