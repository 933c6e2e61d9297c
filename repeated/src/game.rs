//! Two-player normal-form stage games: a row player's and a column player's payoff matrix
//! (m×n), the built-in 2×2 games, and each seat's own view of the payoffs.
//!
//! Built-ins (row player's payoffs; the column player's are the transpose, except matching
//! pennies, which is zero-sum). Action 0 is C and action 1 is D:
//!
//! | name | (C,C) | (C,D) | (D,C) | (D,D) | ordering |
//! |---|---|---|---|---|---|
//! | `pd` | R = 3 | S = 0 | T = 5 | P = 1 | T > R > P > S (Axelrod's default) |
//! | `stag-hunt` | R = 4 | S = 1 | T = 3 | P = 2 | R > T > P > S |
//! | `chicken` | R = 3 | S = 1 | T = 4 | P = 0 | T > R > S > P |
//! | `matching-pennies` | 1 | −1 | −1 | 1 | column player gets the negative |

use crate::action::Action;
use crate::error::RepeatedError;

/// Names of the built-in games, in the order listed by the CLI.
pub(crate) const BUILTIN_GAMES: [&str; 4] = ["pd", "stag-hunt", "chicken", "matching-pennies"];

/// A two-player normal-form game: `rows` actions for the row player, `cols` for the column
/// player, payoffs stored row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Game {
    name: String,
    rows: usize,
    cols: usize,
    row_payoffs: Vec<f64>,
    col_payoffs: Vec<f64>,
}

impl Game {
    /// A game from the row player's matrix `a[r][c]` and the column player's `b[r][c]`.
    /// Both must be non-empty, rectangular, the same shape, at most 256×256 and finite.
    pub fn new(name: &str, a: &[Vec<f64>], b: &[Vec<f64>]) -> Result<Game, RepeatedError> {
        let rows = a.len();
        let cols = a.first().map_or(0, Vec::len);
        if rows == 0 || cols == 0 {
            return Err(RepeatedError::Game(
                "each player needs at least one action".into(),
            ));
        }
        if rows > 256 || cols > 256 {
            return Err(RepeatedError::Game(format!(
                "{rows}×{cols} actions: at most 256 per player are allowed"
            )));
        }
        if b.len() != rows || a.iter().chain(b).any(|row| row.len() != cols) {
            return Err(RepeatedError::Game(
                "the two payoff matrices must have the same rectangular shape".into(),
            ));
        }
        let row_payoffs: Vec<f64> = a.iter().flatten().copied().collect();
        let col_payoffs: Vec<f64> = b.iter().flatten().copied().collect();
        if row_payoffs
            .iter()
            .chain(&col_payoffs)
            .any(|x| !x.is_finite())
        {
            return Err(RepeatedError::Game("payoffs must be finite numbers".into()));
        }
        Ok(Game {
            name: name.to_string(),
            rows,
            cols,
            row_payoffs,
            col_payoffs,
        })
    }

    /// A symmetric 2×2 game from Axelrod's (R, S, T, P) payoffs.
    pub fn symmetric_2x2(
        name: &str,
        r: f64,
        s: f64,
        t: f64,
        p: f64,
    ) -> Result<Game, RepeatedError> {
        Game::new(name, &[vec![r, s], vec![t, p]], &[vec![r, t], vec![s, p]])
    }

    /// The prisoner's dilemma with Axelrod's payoffs R = 3, S = 0, T = 5, P = 1.
    pub fn prisoners_dilemma() -> Game {
        Game {
            name: "pd".into(),
            rows: 2,
            cols: 2,
            row_payoffs: vec![3.0, 0.0, 5.0, 1.0],
            col_payoffs: vec![3.0, 5.0, 0.0, 1.0],
        }
    }

    /// A built-in game by name (an unknown name's error lists the built-in names).
    pub fn builtin(name: &str) -> Result<Game, RepeatedError> {
        match name {
            "pd" => Ok(Game::prisoners_dilemma()),
            "stag-hunt" => Game::symmetric_2x2(name, 4.0, 1.0, 3.0, 2.0),
            "chicken" => Game::symmetric_2x2(name, 3.0, 1.0, 4.0, 0.0),
            "matching-pennies" => Game::new(
                name,
                &[vec![1.0, -1.0], vec![-1.0, 1.0]],
                &[vec![-1.0, 1.0], vec![1.0, -1.0]],
            ),
            _ => Err(RepeatedError::Invalid {
                what: "game".into(),
                value: name.into(),
                allowed: format!(
                    "allowed games are {} or a Gambit .nfg file",
                    BUILTIN_GAMES.join(", ")
                ),
            }),
        }
    }

    /// The game's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Number of actions of the player in `seat` (0 = row, 1 = column).
    pub fn actions(&self, seat: usize) -> usize {
        if seat == 0 {
            self.rows
        } else {
            self.cols
        }
    }

    /// Whether both players have exactly two actions (C and D).
    pub fn is_two_by_two(&self) -> bool {
        self.rows == 2 && self.cols == 2
    }

    /// Payoffs (row player's, column player's) when the row player plays `r` and the column
    /// player `c`.
    #[inline]
    pub fn payoffs(&self, r: Action, c: Action) -> (f64, f64) {
        let k = usize::from(r) * self.cols + usize::from(c);
        (self.row_payoffs[k], self.col_payoffs[k])
    }

    /// A canonical description of the game (name, size and every payoff), for checkpoints.
    pub(crate) fn fingerprint(&self) -> String {
        let mut payoffs = String::new();
        for (u, v) in self.row_payoffs.iter().zip(&self.col_payoffs) {
            payoffs.push_str(&format!("{u},{v};"));
        }
        format!("{}:{}x{}:{payoffs}", self.name, self.rows, self.cols)
    }

    /// The largest payoff magnitude of either player (0 for an all-zero game).
    pub fn largest_payoff(&self) -> f64 {
        self.row_payoffs
            .iter()
            .chain(&self.col_payoffs)
            .fold(0.0, |m, x| m.max(x.abs()))
    }

    /// The payoffs of the player in `seat` from its own point of view: entry
    /// `own * opponent_actions + opponent` is its payoff when it plays `own`.
    pub fn seat_payoffs(&self, seat: usize) -> Vec<f64> {
        if seat == 0 {
            return self.row_payoffs.clone();
        }
        let mut v = Vec::with_capacity(self.rows * self.cols);
        for own in 0..self.cols {
            for opp in 0..self.rows {
                v.push(self.col_payoffs[opp * self.cols + own]);
            }
        }
        v
    }
}
