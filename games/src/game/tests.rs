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
