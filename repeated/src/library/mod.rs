//! The strategy registry: every strategy's canonical (Axelrod) name, aliases, family, one-line
//! rule and constructor, and name lookup. Strategies live in one file per family.
//!
//! Names match ignoring case, spaces and punctuation, so `"Tit For Tat"`, `TitForTat` and
//! `titfortat` are the same; Axelrod class names (`FirstByDavis`) and short names (`Davis`)
//! are aliases. `Play k` (k = 0, 1, …) names the "always play action k" family.

mod basic;
mod first_tournament;
mod grudger;
mod macros;
mod majority;
mod memory_one;
mod probers;
mod registry;
mod titfortat;

use crate::action::Action;
use crate::error::RepeatedError;
use crate::game::Game;
use crate::strategy::{Classifier, Strategy};
use registry::PLAY_K;
pub use registry::SPECS;

/// One registered strategy.
#[derive(Clone, Copy)]
pub struct Spec {
    /// Canonical name (Axelrod's `name`).
    pub name: &'static str,
    /// Other accepted names (Axelrod class name, short names).
    pub aliases: &'static [&'static str],
    /// Family (the source file it lives in).
    pub family: &'static str,
    /// The rule in one line.
    pub rule: &'static str,
    make: fn(Action) -> Box<dyn Strategy>,
}

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Spec {
    /// The strategy's classifier.
    pub fn classifier(&self) -> Classifier {
        (self.make)(0).classifier()
    }
}

/// Lower-cased letters and digits only.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A strategy chosen by name: a registry entry plus, for `Play k`, its action.
#[derive(Debug, Clone)]
pub struct Player {
    name: String,
    spec: &'static Spec,
    param: Action,
}

impl Player {
    /// The canonical name (e.g. `Tit For Tat`, `Play 2`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The registry entry.
    pub fn spec(&self) -> &'static Spec {
        self.spec
    }

    /// The classifier.
    pub fn classifier(&self) -> Classifier {
        (self.spec.make)(self.param).classifier()
    }

    /// Checks that this strategy can play `seat` (0 = row, 1 = column) of `game`.
    pub fn check(&self, game: &Game, seat: usize) -> Result<(), RepeatedError> {
        if self.classifier().two_by_two_only && !game.is_two_by_two() {
            return Err(RepeatedError::NeedsTwoByTwo {
                strategy: self.name.clone(),
                rows: game.actions(0),
                cols: game.actions(1),
            });
        }
        if self.spec.name == PLAY_K && usize::from(self.param) >= game.actions(seat) {
            return Err(RepeatedError::NoSuchAction {
                strategy: self.name.clone(),
                action: usize::from(self.param),
                available: game.actions(seat),
            });
        }
        Ok(())
    }

    /// A fresh instance of the strategy.
    pub fn build(&self) -> Box<dyn Strategy> {
        (self.spec.make)(self.param)
    }
}

/// Finds a strategy by canonical name or alias (ignoring case, spaces and punctuation).
pub fn lookup(name: &str) -> Result<Player, RepeatedError> {
    let key = normalise(name);
    for spec in SPECS {
        if spec.name == PLAY_K {
            if let Some(k) = key.strip_prefix("play").and_then(|k| k.parse::<u8>().ok()) {
                return Ok(Player {
                    name: format!("Play {k}"),
                    spec,
                    param: k,
                });
            }
            continue;
        }
        if normalise(spec.name) == key || spec.aliases.iter().any(|a| normalise(a) == key) {
            return Ok(Player {
                name: spec.name.to_string(),
                spec,
                param: 0,
            });
        }
    }
    Err(RepeatedError::UnknownStrategy {
        name: name.to_string(),
        count: SPECS.len(),
    })
}

/// Looks up a comma-separated list of names (whitespace around names ignored).
pub fn lookup_list(names: &str) -> Result<Vec<Player>, RepeatedError> {
    names
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(lookup)
        .collect()
}
