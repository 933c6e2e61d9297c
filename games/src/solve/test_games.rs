//! Classic games with known equilibria, shared by the solver tests.

use crate::game::Game;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub(crate) fn bimatrix(a: &[[f64; 2]], b: &[[f64; 2]]) -> Game {
    Game::bimatrix(
        &a.iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
        &b.iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
    )
    .unwrap()
}

/// (C,C)=(3,3), (C,D)=(0,5), (D,C)=(5,0), (D,D)=(1,1). Unique NE (D,D).
pub(crate) fn prisoners_dilemma() -> Game {
    bimatrix(&[[3.0, 0.0], [5.0, 1.0]], &[[3.0, 5.0], [0.0, 1.0]])
}

/// (O,O)=(2,1), (F,F)=(1,2), else 0. NE: two pure and ((2/3,1/3),(1/3,2/3)).
pub(crate) fn battle_of_sexes() -> Game {
    bimatrix(&[[2.0, 0.0], [0.0, 1.0]], &[[1.0, 0.0], [0.0, 2.0]])
}

/// Zero-sum matching pennies. Unique NE: uniform.
pub(crate) fn matching_pennies() -> Game {
    bimatrix(&[[1.0, -1.0], [-1.0, 1.0]], &[[-1.0, 1.0], [1.0, -1.0]])
}

/// Asymmetric matching pennies (Ochs 1995; logit QRE in McKelvey & Palfrey 1995): row 9 at
/// (U,L), 1 at (D,R); column 1 at (U,R) and (D,L). Unique NE: P(U) = 0.5, P(L) = 0.1.
pub(crate) fn asymmetric_matching_pennies() -> Game {
    bimatrix(&[[9.0, 0.0], [0.0, 1.0]], &[[0.0, 1.0], [1.0, 0.0]])
}

/// Rock–paper–scissors, zero-sum. Unique NE: uniform.
pub(crate) fn rock_paper_scissors() -> Game {
    let a = vec![
        vec![0.0, -1.0, 1.0],
        vec![1.0, 0.0, -1.0],
        vec![-1.0, 1.0, 0.0],
    ];
    let b: Vec<Vec<f64>> = a.iter().map(|r| r.iter().map(|v| -v).collect()).collect();
    Game::bimatrix(&a, &b).unwrap()
}

/// Chicken (C,C)=(6,6), (C,D)=(2,7), (D,C)=(7,2), (D,D)=(0,0). NE: (C,D), (D,C), and
/// both playing C with probability 2/3.
pub(crate) fn chicken() -> Game {
    bimatrix(&[[6.0, 2.0], [7.0, 0.0]], &[[6.0, 7.0], [2.0, 0.0]])
}

/// Hawk–Dove with V = 2, C = 6: HH = -2, HD = 2, DH = 0, DD = 1. Symmetric mixed NE x_H = 1/3.
pub(crate) fn hawk_dove() -> Game {
    bimatrix(&[[-2.0, 2.0], [0.0, 1.0]], &[[-2.0, 0.0], [2.0, 1.0]])
}

/// Row 2/2/0 against 0/0/1, column 1/1/0 against 0/0/1 (rows 1, 2; columns 1, 2, 3).
/// Equilibria: (1, 1) and (1, 2), one player apart, with every mix of columns 1 and 2 between
/// them; (2, 3) alone; and ((1/2, 1/2), (x, 1/3 − x, 2/3)) for x in [0, 1/3], another segment,
/// whose ends differ from the pure equilibria in both players.
pub(crate) fn two_segments() -> Game {
    Game::bimatrix(
        &[vec![2.0, 2.0, 0.0], vec![0.0, 0.0, 1.0]],
        &[vec![1.0, 1.0, 0.0], vec![0.0, 0.0, 1.0]],
    )
    .unwrap()
}

/// `game` (two players) with a third player who has one strategy and payoff 0: the same
/// equilibria, each with the bystander's one strategy, in a three-player game, to which the
/// two-player methods and the exact structure do not apply.
pub(crate) fn with_bystander(game: &Game) -> Game {
    let counts = [game.num_strategies(0), game.num_strategies(1), 1];
    let mut payoffs = Vec::new();
    for index in 0..game.num_profiles() {
        payoffs.extend([game.payoff_at(index, 0), game.payoff_at(index, 1), 0.0]);
    }
    Game::from_counts(&counts, payoffs).unwrap()
}

/// Jordan's three-player matching game: 1 wants to match 2, 2 wants to match 3, 3 wants to
/// mismatch 1. No pure equilibrium; the unique NE has everyone mixing 1/2.
pub(crate) fn three_player_mixed_only() -> Game {
    let mut payoffs = Vec::new();
    for s3 in 0..2 {
        for s2 in 0..2 {
            for s1 in 0..2 {
                payoffs.push(f64::from(u8::from(s1 == s2)));
                payoffs.push(f64::from(u8::from(s2 == s3)));
                payoffs.push(f64::from(u8::from(s3 != s1)));
            }
        }
    }
    Game::from_counts(&[2, 2, 2], payoffs).unwrap()
}

/// A 2×2 game with Gambit payoff list `1 big 0 0 -big 0 1 1`: A = [[1, −big],
/// [0, 1]], B = [[big, 0], [0, 1]]. Pure equilibria (1, 1) and (2, 2); a mixed one in which
/// A plays 1 with probability 1/(big + 1) and B plays 2 with probability about 1/big, which
/// double precision rounds to the pure profile (2, 1), where each player gains 1 by deviating.
pub(crate) fn audit_game(big: f64) -> Game {
    bimatrix(&[[1.0, -big], [0.0, 1.0]], &[[big, 0.0], [0.0, 1.0]])
}

/// A game with payoffs uniform on [0, 1) from a seeded ChaCha8 stream.
pub(crate) fn random_game(counts: &[usize], seed: u64) -> Game {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let k: usize = counts.iter().product::<usize>() * counts.len();
    Game::from_counts(counts, (0..k).map(|_| rng.random::<f64>()).collect()).unwrap()
}
