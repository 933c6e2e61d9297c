//! Unit tests of [`Game`](super::Game): shapes, values, regret, and the two-player fast paths.

use super::*;

fn pd() -> Game {
    Game::bimatrix(
        &[vec![3.0, 0.0], vec![5.0, 1.0]],
        &[vec![3.0, 5.0], vec![0.0, 1.0]],
    )
    .unwrap()
}

/// The two-player fast paths of `expected_payoffs` / `strategy_values` give the same bits
/// as the general loops, including with zero probabilities and negative zeros.
#[test]
fn two_player_fast_paths_match_the_general_loops() {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(99);
    for case in 0..400 {
        let (m, n) = (1 + case % 7, 1 + (case / 7) % 6);
        let payoffs: Vec<f64> = (0..2 * m * n)
            .map(|_| (rng.random::<f64>() - 0.5) * 10f64.powi((case % 5) as i32))
            .collect();
        let g = Game::from_counts(&[m, n], payoffs).unwrap();
        let mix = |k: usize, rng: &mut rand_chacha::ChaCha8Rng| -> Vec<f64> {
            let mut v: Vec<f64> = (0..k)
                .map(|_| match rng.random_range(0..4u8) {
                    0 => 0.0,
                    1 => -0.0,
                    _ => rng.random::<f64>(),
                })
                .collect();
            let s: f64 = v.iter().sum();
            if s > 0.0 {
                v.iter_mut().for_each(|x| *x /= s);
            }
            v
        };
        let sigma = vec![mix(m, &mut rng), mix(n, &mut rng)];
        let bits = |v: Vec<f64>| v.into_iter().map(f64::to_bits).collect::<Vec<_>>();
        assert_eq!(
            bits(g.expected_payoffs(&sigma)),
            bits(g.expected_payoffs_general(&sigma, vec![0.0; 2])),
            "case {case}"
        );
        for player in 0..2 {
            let k = g.num_strategies(player);
            assert_eq!(
                bits(g.strategy_values(&sigma, player)),
                bits(g.strategy_values_general(&sigma, player, vec![0.0; k])),
                "case {case} player {player}"
            );
        }
    }
}

#[test]
fn gambit_order_and_payoffs() {
    let g = pd();
    assert_eq!(g.payoff_table(), &[3.0, 3.0, 5.0, 0.0, 0.0, 5.0, 1.0, 1.0]);
    assert_eq!(g.payoff(&[1, 0], 0), 5.0);
    assert_eq!(g.payoff(&[0, 1], 1), 5.0);
    assert_eq!(g.profile_at(g.profile_index(&[1, 1])), vec![1, 1]);
    assert!(g.is_symmetric_two_player());
}

#[test]
fn values_and_epsilon() {
    let g = pd();
    let s = g.centroid();
    assert_eq!(g.expected_payoffs(&s), vec![2.25, 2.25]);
    assert_eq!(g.strategy_values(&s, 0), vec![1.5, 3.0]);
    assert!((g.epsilon(&s) - 0.75).abs() < 1e-12);
    assert_eq!(g.epsilon(&vec![vec![0.0, 1.0], vec![0.0, 1.0]]), 0.0);
    assert_eq!(g.pair_values(&s, 0, 1), vec![3.0, 0.0, 5.0, 1.0]);
}

#[test]
fn validation() {
    assert_eq!(
        Game::new("", vec![], vec![], vec![]),
        Err(GameError::NoPlayers)
    );
    assert_eq!(
        Game::from_counts(&[2, 0], vec![]),
        Err(GameError::NoStrategies { player: 1 })
    );
    assert!(matches!(
        Game::from_counts(&[2, 2], vec![0.0; 7]),
        Err(GameError::PayoffCount {
            expected: 8,
            got: 7
        })
    ));
    assert!(matches!(
        Game::from_counts(&[1], vec![f64::NAN]),
        Err(GameError::NonFinitePayoff { index: 0, .. })
    ));
    let g = pd();
    assert!(g.check_profile(&vec![vec![0.5, 0.5]]).is_err());
    assert!(g
        .check_profile(&vec![vec![0.5, 0.6], vec![1.0, 0.0]])
        .is_err());
    assert!(g.check_profile(&g.centroid()).is_ok());
}

/// Payoffs beyond 1e308, or one player's payoffs more than 1e308 apart, are refused
/// (their averages or differences could overflow); the same magnitudes split between two
/// players are a valid game, because no solver compares payoffs of different players.
#[test]
fn payoffs_must_keep_averages_and_regrets_finite() {
    assert!(matches!(
        Game::from_counts(&[2], vec![1.0, 1.5e308]),
        Err(GameError::PayoffTooLarge { index: 1, value }) if value == 1.5e308
    ));
    assert!(matches!(
        Game::from_counts(&[2], vec![-f64::MAX, 0.0]),
        Err(GameError::PayoffTooLarge { index: 0, .. })
    ));
    let e = Game::from_counts(&[2, 1], vec![1e308, 0.0, -1e308, 0.0]).unwrap_err();
    assert_eq!(
        e,
        GameError::PayoffSpread {
            player: 0,
            low_index: 2,
            low: -1e308,
            high_index: 0,
            high: 1e308
        }
    );
    assert!(e.to_string().contains("at most 1e308"), "{e}");
    // Player 1 spans [-1e308, 1], player 2 [0, 1e308]: fine, though max − min overflows.
    let g = Game::from_counts(&[2, 2], vec![1.0, 1e308, 0.0, 0.0, -1e308, 0.0, 1.0, 1.0]).unwrap();
    let (lo, hi) = g.payoff_range();
    assert!((hi - lo).is_infinite());
    assert_eq!(g.payoff_spread(), 1e308);
    assert_eq!(g.player_payoff_range(0), (-1e308, 1.0));
    // Every average and regret is finite.
    for sigma in [g.centroid(), vec![vec![0.3, 0.7], vec![0.9, 0.1]]] {
        assert!(g.expected_payoffs(&sigma).iter().all(|v| v.is_finite()));
        assert!(g.epsilon(&sigma).is_finite());
    }
    // Every payoff 1e308: a valid, trivial game.
    let flat = Game::from_counts(&[2, 2], vec![1e308; 8]).unwrap();
    assert_eq!(flat.payoff_spread(), 0.0);
    assert_eq!(flat.epsilon(&flat.centroid()), 0.0);
}

#[test]
fn regrets_and_stakes_per_player() {
    let g = pd();
    let s = vec![vec![1.0, 0.0], vec![0.5, 0.5]];
    // Row cooperates; defecting gains 0.5·2 + 0.5·1.
    assert_eq!(g.regret(&s, 0), 1.5);
    assert_eq!(g.epsilon(&s), g.regret(&s, 0).max(g.regret(&s, 1)));
    // Row's payoffs at stake: both columns are played, so all four payoffs (0, 1, 3, 5).
    let st = g.stake(&s, 0);
    assert_eq!((st.low, st.high, st.profiles), (0.0, 5.0, 2));
    // Column's: only row 1 is played, so its payoffs there (3 and 5).
    let st = g.stake(&s, 1);
    assert_eq!((st.low, st.high, st.profiles), (3.0, 5.0, 1));
    assert_eq!((st.spread(), st.magnitude()), (2.0, 5.0));
    // Any number of players: the stake is the player's payoffs over the profiles whose other
    // strategies are played (the two-player fast path agrees with this general loop).
    let g = Game::from_counts(&[2, 3, 2], (0..36).map(f64::from).collect()).unwrap();
    let s = vec![vec![0.5, 0.5], vec![0.0, 1.0, 0.0], vec![1.0, 0.0]];
    for i in 0..3 {
        let (mut lo, mut hi, mut count) = (f64::INFINITY, f64::NEG_INFINITY, 0);
        for index in 0..g.num_profiles() {
            let p = g.profile_at(index);
            if (0..3).all(|k| k == i || s[k][p[k]] > 0.0) {
                lo = lo.min(g.payoff_at(index, i));
                hi = hi.max(g.payoff_at(index, i));
                count += usize::from(p[i] == 0);
            }
        }
        let st = g.stake(&s, i);
        assert_eq!(
            (st.low, st.high, st.profiles),
            (lo, hi, count),
            "player {i}"
        );
    }
    let two = Game::from_counts(&[3, 2], (0..12).map(f64::from).collect()).unwrap();
    let s = vec![vec![0.0, 1.0, 0.0], vec![0.5, 0.5]];
    // Player 1 (3 strategies) against both columns: all its payoffs; player 2 against row 2.
    assert_eq!(two.stake(&s, 0).low, 0.0);
    assert_eq!(two.stake(&s, 0).high, 10.0);
    assert_eq!(two.stake(&s, 0).profiles, 2);
    assert_eq!((two.stake(&s, 1).low, two.stake(&s, 1).high), (3.0, 9.0));
    assert_eq!(two.stake(&s, 1).profiles, 1);
}

#[test]
fn power_of_two_scaling_is_exact() {
    let g = Game::from_counts(&[2, 2], vec![1.0, 1e308, 0.0, 0.0, -1e308, 3.0, 0.1, 1.0]).unwrap();
    assert_eq!(
        g.shifts_below(1100, false),
        None,
        "already below: keep the game"
    );
    let shift = g.shifts_below(64, false).unwrap();
    assert_eq!(shift, vec![1023 + 1 - 64, 1023 + 1 - 64]);
    let s = g.scaled_down(&shift);
    for (a, b) in g.payoff_table().iter().zip(s.payoff_table()) {
        assert_eq!(b * 2f64.powi(480) * 2f64.powi(480), *a, "exact");
        assert!(b.abs() < 2f64.powi(64));
    }
    // Common shift: every player by the same power.
    let c = g.shifts_below(64, true).unwrap();
    assert!(c.iter().all(|&k| k == c[0]));
    // A player whose payoffs are all zero needs no shift (and must not overflow the exponent).
    let z = Game::from_counts(&[2], vec![0.0, 0.0]).unwrap();
    assert_eq!(z.shifts_below(10, false), None);
    assert_eq!(z.shifts_below(10, true), None);
    let mixed = Game::from_counts(&[2, 1], vec![0.0, 1e300, 0.0, 1.0]).unwrap();
    assert_eq!(mixed.shifts_below(10, false), Some(vec![0, 996 + 1 - 10]));
}
