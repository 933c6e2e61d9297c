//! The three firms and the coalitions they can form.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A player of the flagship game.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Player {
    /// Microsoft (M).
    Microsoft = 0,
    /// OpenAI (O).
    OpenAi = 1,
    /// Amazon (A).
    Amazon = 2,
}

impl Player {
    /// All players in index order.
    pub const ALL: [Player; 3] = [Player::Microsoft, Player::OpenAi, Player::Amazon];

    /// Scenario-file key (`microsoft`, `openai`, `amazon`).
    pub fn key(self) -> &'static str {
        match self {
            Player::Microsoft => "microsoft",
            Player::OpenAi => "openai",
            Player::Amazon => "amazon",
        }
    }

    /// One-letter label used in docs/model.md (M, O, A).
    pub fn letter(self) -> char {
        match self {
            Player::Microsoft => 'M',
            Player::OpenAi => 'O',
            Player::Amazon => 'A',
        }
    }
}

impl fmt::Display for Player {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Player::Microsoft => "Microsoft",
            Player::OpenAi => "OpenAI",
            Player::Amazon => "Amazon",
        })
    }
}

/// A coalition an offer is addressed to; unanimity inside it is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Coalition {
    /// Microsoft and OpenAI: the partnership contract.
    MO,
    /// OpenAI and Amazon: the distribution deal (hosting and tranche terms only).
    OA,
    /// All three.
    MOA,
}

impl Coalition {
    /// All coalitions.
    pub const ALL: [Coalition; 3] = [Coalition::MO, Coalition::OA, Coalition::MOA];

    /// Whether `p` is a member.
    pub fn contains(self, p: Player) -> bool {
        !matches!(
            (self, p),
            (Coalition::MO, Player::Amazon) | (Coalition::OA, Player::Microsoft)
        )
    }

    /// Members in index order.
    pub fn members(self) -> impl Iterator<Item = Player> {
        Player::ALL.into_iter().filter(move |p| self.contains(*p))
    }
}

impl fmt::Display for Coalition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}
