//! Finite n-player normal-form games.
//!
//! This module owns the [`Game`] type: player and strategy names, a title and comment, and the
//! payoff table stored flat in Gambit order (player 1's strategy index varies fastest, each
//! profile holding one payoff per player). It also evaluates mixed profiles: expected payoffs,
//! the value of every pure strategy against the others' mix, and the Nash regret (`epsilon`).
//! Reading and writing Gambit `.nfg` text lives in [`nfg`].

pub mod nfg;

use thiserror::Error;

/// A mixed strategy profile: one probability vector per player, indexed by strategy.
pub type MixedProfile = Vec<Vec<f64>>;

/// Tolerance used when checking that a mixed strategy sums to one.
const PROFILE_SUM_TOLERANCE: f64 = 1e-6;

/// Largest payoff magnitude, and largest difference between two payoffs of one player, that a
/// game may have. Double precision reaches 1.8·10³⁰⁸; this bound leaves room so that expected
/// payoffs (averages of payoffs) and regrets (differences of one player's payoffs) are always
/// finite numbers, whatever the profile.
pub const MAX_PAYOFF: f64 = 1e308;

/// Invalid game data or an ill-shaped mixed profile.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum GameError {
    /// The game has no players.
    #[error("a game needs at least one player")]
    NoPlayers,
    /// A player has no strategies.
    #[error("player {player} has no strategies; every player needs at least one")]
    NoStrategies {
        /// 0-based player index.
        player: usize,
    },
    /// The number of strategy lists differs from the number of players.
    #[error("{players} players but {lists} strategy lists")]
    StrategyListCount {
        /// Number of players.
        players: usize,
        /// Number of strategy lists given.
        lists: usize,
    },
    /// The payoff table has the wrong length.
    #[error("expected {expected} payoffs (profiles x players), got {got}")]
    PayoffCount {
        /// Required number of payoffs.
        expected: usize,
        /// Number given.
        got: usize,
    },
    /// A payoff is NaN or infinite.
    #[error("payoff #{index} is not finite ({value})")]
    NonFinitePayoff {
        /// Position in the flat payoff table.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// A payoff's magnitude exceeds [`MAX_PAYOFF`].
    #[error(
        "payoff #{} is {value:e}, beyond the largest payoff magnitude allowed, {MAX_PAYOFF:e} \
         (so that averages and differences of payoffs stay finite in double precision)",
        index + 1
    )]
    PayoffTooLarge {
        /// Position in the flat payoff table (0-based).
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// Two payoffs of one player differ by more than [`MAX_PAYOFF`], so a regret (a difference
    /// of the player's payoffs) could overflow.
    #[error(
        "player {}'s payoffs range from {low:e} (payoff #{}) to {high:e} (payoff #{}): one \
         player's payoffs may differ by at most {MAX_PAYOFF:e}, so that regrets stay finite in \
         double precision; divide that player's payoffs by a positive number (this does not \
         change the equilibria)",
        player + 1,
        low_index + 1,
        high_index + 1
    )]
    PayoffSpread {
        /// 0-based player index.
        player: usize,
        /// Position of the player's smallest payoff in the flat payoff table (0-based).
        low_index: usize,
        /// The smallest payoff.
        low: f64,
        /// Position of the player's largest payoff in the flat payoff table (0-based).
        high_index: usize,
        /// The largest payoff.
        high: f64,
    },
    /// The game is too large to index.
    #[error("the game has too many strategy profiles to store")]
    TooLarge,
    /// A mixed profile does not match the game's shape or is not a probability distribution.
    #[error("invalid mixed profile: {0}")]
    BadProfile(String),
}

/// Refuses payoffs beyond [`MAX_PAYOFF`] in magnitude, and players whose payoffs differ by more
/// than [`MAX_PAYOFF`] (`payoffs` is the flat table of `n` players, all entries finite).
fn check_magnitudes(payoffs: &[f64], n: usize) -> Result<(), GameError> {
    if let Some((index, &value)) = payoffs
        .iter()
        .enumerate()
        .find(|(_, v)| v.abs() > MAX_PAYOFF)
    {
        return Err(GameError::PayoffTooLarge { index, value });
    }
    for player in 0..n {
        let entries = payoffs.iter().enumerate().skip(player).step_by(n);
        let (mut lo, mut hi) = ((player, payoffs[player]), (player, payoffs[player]));
        for (k, &v) in entries {
            if v < lo.1 {
                lo = (k, v);
            }
            if v > hi.1 {
                hi = (k, v);
            }
        }
        // Both are at most MAX_PAYOFF in magnitude, so the difference is finite.
        if hi.1 - lo.1 > MAX_PAYOFF {
            return Err(GameError::PayoffSpread {
                player,
                low_index: lo.0,
                low: lo.1,
                high_index: hi.0,
                high: hi.1,
            });
        }
    }
    Ok(())
}

/// The binary exponent `e` of a finite `x ≠ 0` (`2^e ≤ |x| < 2^(e+1)` for normal numbers;
/// subnormals report −1023), e.g. to pick the power of two for [`Game::scaled_down`].
pub fn binary_exponent(x: f64) -> i32 {
    ((x.to_bits() >> 52) & 0x7ff) as i32 - 1023
}

/// A finite normal-form game with any number of players and strategies.
#[derive(Debug, Clone, PartialEq)]
pub struct Game {
    title: String,
    comment: String,
    players: Vec<String>,
    strategies: Vec<Vec<String>>,
    /// Flat payoffs: `payoffs[profile_index * n + player]`.
    payoffs: Vec<f64>,
}

impl Game {
    /// Builds a game, checking that there is at least one player, every player has at least one
    /// strategy, and `payoffs` holds one finite payoff per player for every pure profile, in
    /// Gambit order (player 1's strategy varies fastest; within a profile, players in order).
    pub fn new(
        title: impl Into<String>,
        players: Vec<String>,
        strategies: Vec<Vec<String>>,
        payoffs: Vec<f64>,
    ) -> Result<Self, GameError> {
        if players.is_empty() {
            return Err(GameError::NoPlayers);
        }
        if strategies.len() != players.len() {
            return Err(GameError::StrategyListCount {
                players: players.len(),
                lists: strategies.len(),
            });
        }
        let mut profiles: usize = 1;
        for (player, s) in strategies.iter().enumerate() {
            if s.is_empty() {
                return Err(GameError::NoStrategies { player });
            }
            profiles = profiles.checked_mul(s.len()).ok_or(GameError::TooLarge)?;
        }
        let expected = profiles
            .checked_mul(players.len())
            .ok_or(GameError::TooLarge)?;
        if payoffs.len() != expected {
            return Err(GameError::PayoffCount {
                expected,
                got: payoffs.len(),
            });
        }
        if let Some((index, &value)) = payoffs.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(GameError::NonFinitePayoff { index, value });
        }
        check_magnitudes(&payoffs, players.len())?;
        Ok(Self {
            title: title.into(),
            comment: String::new(),
            players,
            strategies,
            payoffs,
        })
    }

    /// Builds a game from strategy counts with generated names: players "Player 1", …;
    /// strategies "1", "2", ….
    pub fn from_counts(counts: &[usize], payoffs: Vec<f64>) -> Result<Self, GameError> {
        let players = (1..=counts.len()).map(|i| format!("Player {i}")).collect();
        let strategies = counts
            .iter()
            .map(|&m| (1..=m).map(|j| j.to_string()).collect())
            .collect();
        Self::new("", players, strategies, payoffs)
    }

    /// Builds a two-player game from the row player's matrix `a` and the column player's matrix
    /// `b` (both indexed `[row][column]`), with generated names.
    pub fn bimatrix(a: &[Vec<f64>], b: &[Vec<f64>]) -> Result<Self, GameError> {
        let rows = a.len();
        let cols = a.first().map_or(0, Vec::len);
        if b.len() != rows
            || a.iter().chain(b.iter()).any(|r| r.len() != cols)
            || rows == 0
            || cols == 0
        {
            return Err(GameError::PayoffCount {
                expected: rows * cols * 2,
                got: a.iter().chain(b.iter()).map(Vec::len).sum(),
            });
        }
        let mut payoffs = Vec::with_capacity(rows * cols * 2);
        for c in 0..cols {
            for r in 0..rows {
                payoffs.push(a[r][c]);
                payoffs.push(b[r][c]);
            }
        }
        Self::from_counts(&[rows, cols], payoffs)
    }

    /// Returns the game with its comment replaced.
    pub fn with_comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = comment.into();
        self
    }

    /// The game's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The game's comment (empty when none).
    pub fn comment(&self) -> &str {
        &self.comment
    }

    /// Player names, in order.
    pub fn players(&self) -> &[String] {
        &self.players
    }

    /// Strategy names per player.
    pub fn strategies(&self) -> &[Vec<String>] {
        &self.strategies
    }

    /// Number of players.
    pub fn num_players(&self) -> usize {
        self.players.len()
    }

    /// Number of strategies of `player`.
    ///
    /// # Panics
    /// If `player` is out of range.
    pub fn num_strategies(&self, player: usize) -> usize {
        self.strategies[player].len()
    }

    /// Number of strategies of every player.
    pub fn strategy_counts(&self) -> Vec<usize> {
        self.strategies.iter().map(Vec::len).collect()
    }

    /// Number of pure strategy profiles.
    pub fn num_profiles(&self) -> usize {
        self.payoffs.len() / self.players.len()
    }

    /// The flat payoff table in Gambit order (`[profile_index * num_players + player]`).
    pub fn payoff_table(&self) -> &[f64] {
        &self.payoffs
    }

    /// Flat index of a pure profile (player 1's strategy varies fastest).
    ///
    /// # Panics
    /// If the profile has the wrong length or a strategy index is out of range.
    pub fn profile_index(&self, profile: &[usize]) -> usize {
        assert_eq!(profile.len(), self.num_players(), "profile length");
        let mut index = 0;
        for (player, &s) in profile.iter().enumerate().rev() {
            let m = self.num_strategies(player);
            assert!(s < m, "strategy index out of range");
            index = index * m + s;
        }
        index
    }

    /// The pure profile with flat index `index`.
    pub fn profile_at(&self, mut index: usize) -> Vec<usize> {
        self.strategies
            .iter()
            .map(|s| {
                let j = index % s.len();
                index /= s.len();
                j
            })
            .collect()
    }

    /// Payoff of `player` at the pure profile `profile`.
    ///
    /// # Panics
    /// If the profile or player is out of range.
    pub fn payoff(&self, profile: &[usize], player: usize) -> f64 {
        assert!(player < self.num_players(), "player out of range");
        self.payoffs[self.profile_index(profile) * self.num_players() + player]
    }

    /// Payoff of `player` at the profile with flat index `index`.
    pub fn payoff_at(&self, index: usize, player: usize) -> f64 {
        self.payoffs[index * self.num_players() + player]
    }

    /// Smallest and largest payoff over all players and profiles.
    pub fn payoff_range(&self) -> (f64, f64) {
        self.payoffs
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            })
    }

    /// Smallest and largest payoff of `player`.
    ///
    /// # Panics
    /// If `player` is out of range.
    pub fn player_payoff_range(&self, player: usize) -> (f64, f64) {
        assert!(player < self.num_players(), "player out of range");
        self.payoffs
            .iter()
            .skip(player)
            .step_by(self.num_players())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            })
    }

    /// The payoff spread: the largest difference between two payoffs of the same player
    /// (`max_i (hi_i − lo_i)`). Always finite and at most [`MAX_PAYOFF`] (a [`Game`] refuses
    /// larger spreads); differences between payoffs of different players, which no solver
    /// compares, do not count.
    pub fn payoff_spread(&self) -> f64 {
        (0..self.num_players())
            .map(|i| {
                let (lo, hi) = self.player_payoff_range(i);
                hi - lo
            })
            .fold(0.0, f64::max)
    }

    /// The game with player `i`'s payoffs multiplied by `2^-shift[i]` (a shift of 0 leaves the
    /// player's payoffs as they are). Multiplying by a power of two is exact in binary floating
    /// point unless a result falls below 2⁻¹⁰²² (subnormal), and a positive factor per player
    /// preserves Nash and correlated equilibria and best responses.
    ///
    /// # Panics
    /// If `shift` does not have one entry per player.
    pub fn scaled_down(&self, shift: &[i32]) -> Game {
        let n = self.num_players();
        assert_eq!(shift.len(), n, "one shift per player");
        let payoffs = self
            .payoffs
            .iter()
            .enumerate()
            .map(|(k, &v)| {
                // 2^-s as a product of two representable factors, for shifts up to 2046.
                let s = shift[k % n];
                let (a, b) = (s / 2, s - s / 2);
                v * 2f64.powi(-a) * 2f64.powi(-b)
            })
            .collect();
        Game {
            payoffs,
            ..self.clone()
        }
    }

    /// Shifts for [`Game::scaled_down`] that bring every payoff of player `i` (or, with
    /// `common`, every payoff) to magnitude below `2^limit`; `None` when every payoff already is
    /// (so callers keep the game as given, bit for bit).
    pub fn shifts_below(&self, limit: i32, common: bool) -> Option<Vec<i32>> {
        let n = self.num_players();
        // Largest binary exponent of each player's nonzero payoffs (None: all zero).
        let mut top: Vec<Option<i32>> = vec![None; n];
        for (k, &v) in self.payoffs.iter().enumerate() {
            if v != 0.0 {
                let e = binary_exponent(v);
                top[k % n] = Some(top[k % n].map_or(e, |t| t.max(e)));
            }
        }
        if common {
            let t = top.iter().flatten().copied().max();
            top.iter_mut().for_each(|x| *x = t);
        }
        let shift: Vec<i32> = top
            .iter()
            .map(|e| e.map_or(0, |e| (e + 1 - limit).max(0)))
            .collect();
        shift.iter().any(|&s| s > 0).then_some(shift)
    }

    /// The game with each player's payoffs mapped affinely onto [0, 1] (`(u − lo_i)/(hi_i −
    /// lo_i)`; a player whose payoffs are all equal gets zeros). Positive affine maps per player
    /// preserve Nash and correlated equilibria and best responses, so solvers iterate on this
    /// well-scaled copy and report profiles evaluated in the original game.
    pub fn normalised(&self) -> Game {
        let n = self.num_players();
        let mut bounds = vec![(f64::INFINITY, f64::NEG_INFINITY); n];
        for (k, &v) in self.payoffs.iter().enumerate() {
            let b = &mut bounds[k % n];
            *b = (b.0.min(v), b.1.max(v));
        }
        let payoffs = self
            .payoffs
            .iter()
            .enumerate()
            .map(|(k, &v)| {
                let (lo, hi) = bounds[k % n];
                // Divide each term separately so that ranges near f64::MAX do not overflow.
                let range = hi / 2.0 - lo / 2.0;
                if range > 0.0 {
                    ((v / 2.0 - lo / 2.0) / range).clamp(0.0, 1.0)
                } else {
                    0.0
                }
            })
            .collect();
        Game {
            payoffs,
            ..self.clone()
        }
    }

    /// The uniform mixed profile.
    pub fn centroid(&self) -> MixedProfile {
        self.strategies
            .iter()
            .map(|s| vec![1.0 / s.len() as f64; s.len()])
            .collect()
    }

    /// Whether this is a two-player game with the same strategy count for both players and
    /// `B = Aᵀ` (the column player's payoff matrix is the transpose of the row player's).
    pub fn is_symmetric_two_player(&self) -> bool {
        if self.num_players() != 2 || self.num_strategies(0) != self.num_strategies(1) {
            return false;
        }
        let m = self.num_strategies(0);
        (0..m).all(|r| (0..m).all(|c| self.payoff(&[r, c], 0) == self.payoff(&[c, r], 1)))
    }

    /// Checks that `sigma` has one probability vector per player of the right length, with
    /// finite non-negative entries summing to one (within 1e-6).
    pub fn check_profile(&self, sigma: &MixedProfile) -> Result<(), GameError> {
        if sigma.len() != self.num_players() {
            return Err(GameError::BadProfile(format!(
                "{} strategy vectors for {} players",
                sigma.len(),
                self.num_players()
            )));
        }
        for (i, s) in sigma.iter().enumerate() {
            if s.len() != self.num_strategies(i) {
                return Err(GameError::BadProfile(format!(
                    "player {} has {} strategies but {} probabilities were given",
                    i + 1,
                    self.num_strategies(i),
                    s.len()
                )));
            }
            if s.iter().any(|p| !p.is_finite() || *p < 0.0) {
                return Err(GameError::BadProfile(format!(
                    "player {} has a negative or non-finite probability",
                    i + 1
                )));
            }
            let total: f64 = s.iter().sum();
            if (total - 1.0).abs() > PROFILE_SUM_TOLERANCE {
                return Err(GameError::BadProfile(format!(
                    "player {}'s probabilities sum to {total}, not 1",
                    i + 1
                )));
            }
        }
        Ok(())
    }

    /// Calls `f(profile, flat_index)` for every pure profile in Gambit order.
    fn for_each_profile(&self, mut f: impl FnMut(&[usize], usize)) {
        let n = self.num_players();
        let mut profile = vec![0usize; n];
        for index in 0..self.num_profiles() {
            f(&profile, index);
            for (player, s) in profile.iter_mut().enumerate() {
                *s += 1;
                if *s < self.strategies[player].len() {
                    break;
                }
                *s = 0;
            }
        }
    }

    /// Expected payoff of every player under `sigma`.
    ///
    /// # Panics
    /// If `sigma` does not match the game's shape (see [`Game::check_profile`]).
    pub fn expected_payoffs(&self, sigma: &MixedProfile) -> Vec<f64> {
        let n = self.num_players();
        let mut out = vec![0.0; n];
        if n == 2 {
            // The loop below specialised to two players: same terms, same order.
            let s0 = &sigma[0][..self.num_strategies(0)];
            let s1 = &sigma[1][..self.num_strategies(1)];
            let rows = self.payoffs.chunks_exact(2 * s0.len());
            for (&b, row) in s1.iter().zip(rows) {
                for (&a, u) in s0.iter().zip(row.chunks_exact(2)) {
                    let w = a * b;
                    if w != 0.0 {
                        out[0] += w * u[0];
                        out[1] += w * u[1];
                    }
                }
            }
            return out;
        }
        self.expected_payoffs_general(sigma, out)
    }

    /// [`Game::expected_payoffs`] for any number of players, accumulating into `out`.
    fn expected_payoffs_general(&self, sigma: &MixedProfile, mut out: Vec<f64>) -> Vec<f64> {
        let n = self.num_players();
        self.for_each_profile(|profile, index| {
            let w: f64 = profile
                .iter()
                .enumerate()
                .map(|(k, &s)| sigma[k][s])
                .product();
            if w != 0.0 {
                for (i, o) in out.iter_mut().enumerate() {
                    *o += w * self.payoffs[index * n + i];
                }
            }
        });
        out
    }

    /// Payoff to `player` of each of its pure strategies against the others' mix in `sigma`.
    ///
    /// # Panics
    /// If `sigma` does not match the game's shape.
    pub fn strategy_values(&self, sigma: &MixedProfile, player: usize) -> Vec<f64> {
        let n = self.num_players();
        let mut out = vec![0.0; self.num_strategies(player)];
        if n == 2 {
            // The loop below specialised to two players: same terms, same order.
            let m = self.num_strategies(0);
            let other = &sigma[1 - player][..self.num_strategies(1 - player)];
            for (j, row) in self.payoffs.chunks_exact(2 * m).enumerate() {
                for (i, u) in row.chunks_exact(2).enumerate() {
                    let (mine, theirs) = if player == 0 { (i, j) } else { (j, i) };
                    out[mine] += other[theirs] * u[player];
                }
            }
            return out;
        }
        self.strategy_values_general(sigma, player, out)
    }

    /// [`Game::strategy_values`] for any number of players, accumulating into `out`.
    fn strategy_values_general(
        &self,
        sigma: &MixedProfile,
        player: usize,
        mut out: Vec<f64>,
    ) -> Vec<f64> {
        let n = self.num_players();
        self.for_each_profile(|profile, index| {
            let w: f64 = profile
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != player)
                .map(|(k, &s)| sigma[k][s])
                .product();
            out[profile[player]] += w * self.payoffs[index * n + player];
        });
        out
    }

    /// Payoff to `player` when it plays `j` and `other` plays `l`, everyone else mixing as in
    /// `sigma`: a `num_strategies(player) × num_strategies(other)` matrix, row-major.
    ///
    /// # Panics
    /// If `player == other` or `sigma` does not match the game's shape.
    pub fn pair_values(&self, sigma: &MixedProfile, player: usize, other: usize) -> Vec<f64> {
        assert_ne!(player, other, "pair_values needs two distinct players");
        let n = self.num_players();
        let mo = self.num_strategies(other);
        let mut out = vec![0.0; self.num_strategies(player) * mo];
        self.for_each_profile(|profile, index| {
            let w: f64 = profile
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != player && k != other)
                .map(|(k, &s)| sigma[k][s])
                .product();
            out[profile[player] * mo + profile[other]] += w * self.payoffs[index * n + player];
        });
        out
    }

    /// Largest gain any player can get by a unilateral deviation to a pure strategy:
    /// `max_i (max_j value_ij − expected payoff_i)`, never negative. Zero at a Nash equilibrium;
    /// NaN when the profile or the values are not finite (so it can never pass a tolerance).
    ///
    /// # Panics
    /// If `sigma` does not match the game's shape.
    pub fn epsilon(&self, sigma: &MixedProfile) -> f64 {
        (0..self.num_players())
            .map(|i| self.regret(sigma, i))
            // NaN-propagating maximum: a profile with a non-finite value is never an equilibrium.
            .fold(0.0, |acc: f64, g| {
                if acc.is_nan() || g.is_nan() {
                    f64::NAN
                } else {
                    acc.max(g)
                }
            })
    }

    /// Largest gain `player` can get by deviating unilaterally to a pure strategy:
    /// `max_j value_j − expected payoff`, never negative; NaN when a value is not finite.
    ///
    /// # Panics
    /// If `sigma` does not match the game's shape or `player` is out of range.
    pub fn regret(&self, sigma: &MixedProfile, player: usize) -> f64 {
        let values = self.strategy_values(sigma, player);
        let current: f64 = values.iter().zip(&sigma[player]).map(|(v, p)| v * p).sum();
        let best = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let gain = best - current;
        if gain.is_nan() {
            f64::NAN
        } else {
            gain.max(0.0)
        }
    }

    /// What is at stake for `player` at `sigma`: the payoffs `u_i(j, s₋ᵢ)` for every strategy
    /// `j` of the player and every profile `s₋ᵢ` of the others that `sigma` plays with positive
    /// probability. These, and only these, enter the player's strategy values and regret.
    ///
    /// # Panics
    /// If `sigma` does not match the game's shape or `player` is out of range.
    pub fn stake(&self, sigma: &MixedProfile, player: usize) -> Stake {
        let n = self.num_players();
        let mut stake = Stake {
            low: f64::INFINITY,
            high: f64::NEG_INFINITY,
            profiles: 0,
        };
        if n == 2 {
            // The loop below specialised to two players: the other's played strategies.
            let m = self.num_strategies(0);
            let other = &sigma[1 - player];
            for (j, row) in self.payoffs.chunks_exact(2 * m).enumerate() {
                for (i, u) in row.chunks_exact(2).enumerate() {
                    let (mine, theirs) = if player == 0 { (i, j) } else { (j, i) };
                    if other[theirs] > 0.0 {
                        stake.low = stake.low.min(u[player]);
                        stake.high = stake.high.max(u[player]);
                        if mine == 0 {
                            stake.profiles += 1;
                        }
                    }
                }
            }
            return stake;
        }
        self.for_each_profile(|profile, index| {
            let played = profile
                .iter()
                .enumerate()
                .all(|(k, &s)| k == player || sigma[k][s] > 0.0);
            if played {
                let v = self.payoffs[index * n + player];
                stake.low = stake.low.min(v);
                stake.high = stake.high.max(v);
                if profile[player] == 0 {
                    stake.profiles += 1;
                }
            }
        });
        stake
    }
}

/// The payoffs at stake for one player at a mixed profile ([`Game::stake`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stake {
    /// Smallest payoff at stake.
    pub low: f64,
    /// Largest payoff at stake.
    pub high: f64,
    /// Number of the others' pure profiles played with positive probability (the terms of each
    /// strategy value).
    pub profiles: usize,
}

impl Stake {
    /// `high − low`: how much the player can gain or lose at this profile.
    pub fn spread(&self) -> f64 {
        self.high - self.low
    }

    /// The largest payoff magnitude at stake.
    pub fn magnitude(&self) -> f64 {
        self.high.abs().max(self.low.abs())
    }
}

#[cfg(test)]
mod tests;
