//! # repeated — repeated two-player normal-form games
//!
//! A library that depends on no pactsim crate but `analysis` (model-free numerics: quantiles
//! and Wilson intervals): bimatrix games ([`Game`]), the
//! [`Strategy`] trait with Axelrod-style classifiers, a [`library`] of strategies that behave
//! as the Axelrod Python library 4.x implements them, single [`matches`](mod@matches) with optional noise and
//! random length, round-robin [`tournament`]s and [`moran`] processes that are byte-identical for any thread
//! count and resumable ([`checkpoint`]).
//!
//! Every random draw comes from a ChaCha8 stream keyed by [`seed`]; nothing touches a thread
//! RNG or global state.

#![forbid(unsafe_code)]

pub mod action;
pub mod checkpoint;
mod error;
mod game;
mod history;
pub mod library;
pub mod limits;
pub mod matches;
pub mod moran;
pub mod seed;
mod strategy;
pub mod tournament;

pub use action::{Action, C, D};
pub use error::{RepeatedError, Setting};
pub use game::Game;
pub use history::History;
pub use library::{lookup, Spec, SPECS};
pub use matches::{play_match, MatchLength, MatchOutcome, MatchSettings};
pub use strategy::{Classifier, Context, Strategy};
