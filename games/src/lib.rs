//! # games — the game-theory toolkit
//!
//! Model-free game theory, with no knowledge of the flagship dispute: finite n-player
//! normal-form games and Gambit `.nfg` text ([`game`]), equilibrium solvers ([`solve`]),
//! cooperative and non-cooperative bargaining solutions with their closed forms
//! ([`bargaining`]), and the line and column of a position in input text ([`text`]).
//! Everything here is a pure function of its inputs; nothing reads files, prints or spawns
//! threads except where a solver documents a seeded restart stream.
//!
//! The crate sits at the bottom of the workspace: `games` ← `sim` (the flagship model and
//! the generic Monte Carlo engine) ← `strategies`, `plots` ← the `pactsim` binary.

#![forbid(unsafe_code)]

pub mod bargaining;
pub mod game;
pub mod solve;
pub mod text;
