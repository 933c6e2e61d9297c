//! `pactsim` binary: parse arguments, call the app, map errors to exit codes
//! (0 success, 2 bad input, 1 anything else).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = pactsim::cli::Cli::parse();
    match pactsim::execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if pactsim::closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(pactsim::exit_code(&e))
        }
    }
}
