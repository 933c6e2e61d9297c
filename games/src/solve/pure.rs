//! All pure-strategy Nash equilibria of an n-player game, by checking every profile against
//! every unilateral deviation.

use super::Equilibrium;
use crate::game::Game;

/// Every pure Nash equilibrium, in Gambit profile order. A profile is listed if and only if no
/// player has a strictly better pure deviation, comparing the game's own payoffs exactly (no
/// tolerance, no rescaling: a gain of 1 next to payoffs of 10¹⁸ is a gain).
pub fn solve(game: &Game) -> Vec<Equilibrium> {
    let n = game.num_players();
    let counts = game.strategy_counts();
    let mut strides = vec![1usize; n];
    for i in 1..n {
        strides[i] = strides[i - 1] * counts[i - 1];
    }
    let mut found = Vec::new();
    for index in 0..game.num_profiles() {
        let is_eq = (0..n).all(|i| {
            let own = (index / strides[i]) % counts[i];
            let base = index - own * strides[i];
            let current = game.payoff_at(index, i);
            (0..counts[i]).all(|j| game.payoff_at(base + j * strides[i], i) <= current)
        });
        if is_eq {
            let profile = game
                .profile_at(index)
                .iter()
                .zip(&counts)
                .map(|(&s, &m)| {
                    let mut p = vec![0.0; m];
                    p[s] = 1.0;
                    p
                })
                .collect();
            found.push(Equilibrium::evaluate(game, profile));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::*;

    #[test]
    fn classic_games() {
        let pd = solve(&prisoners_dilemma());
        assert_eq!(pd.len(), 1);
        assert_eq!(pd[0].profile, vec![vec![0.0, 1.0], vec![0.0, 1.0]]);
        assert_eq!(pd[0].payoffs, vec![1.0, 1.0]);
        assert_eq!(solve(&battle_of_sexes()).len(), 2);
        assert!(solve(&matching_pennies()).is_empty());
        assert!(solve(&rock_paper_scissors()).is_empty());
        assert!(solve(&three_player_mixed_only()).is_empty());
        let c = solve(&chicken());
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].payoffs, vec![7.0, 2.0]);
        assert_eq!(c[1].payoffs, vec![2.0, 7.0]);
    }

    /// A 2×2 game (Gambit list `1 big 0 0 -big 0 1 1`): (A 1, B 1) and (A 2, B 2) are
    /// the pure equilibria; at (A 2, B 1) each player gains 1 by deviating, which a tolerance
    /// relative to the payoff range (1e-12 × 2·10¹⁸ = 2·10⁶) used to hide.
    #[test]
    fn payoffs_are_compared_exactly_whatever_their_size() {
        for big in [1e6, 1e12, 1e15, 1e16, 1e18, 1e100, 1e308] {
            let eqs = solve(&audit_game(big));
            let profiles: Vec<_> = eqs.iter().map(|e| e.profile.clone()).collect();
            assert_eq!(
                profiles,
                vec![
                    vec![vec![1.0, 0.0], vec![1.0, 0.0]],
                    vec![vec![0.0, 1.0], vec![0.0, 1.0]]
                ],
                "big = {big}"
            );
            assert!(eqs.iter().all(|e| e.epsilon == 0.0), "big = {big}");
        }
        // A gain far below any relative tolerance still counts: 1 + 2^-52 beats 1.
        let tiny = 1.0 + f64::EPSILON;
        let g = bimatrix(&[[1.0, 0.0], [tiny, 0.0]], &[[1.0, 0.0], [1.0, 0.0]]);
        let eqs = solve(&g);
        assert_eq!(eqs.len(), 1, "{eqs:?}");
        assert_eq!(eqs[0].profile[0], vec![0.0, 1.0]);
        // Exact ties are equilibria.
        let g = bimatrix(&[[1.0, 0.0], [1.0, 0.0]], &[[1.0, 0.0], [1.0, 0.0]]);
        assert_eq!(solve(&g).len(), 2);
    }

    #[test]
    fn three_player_coordination() {
        // Everyone gets 1 when all choose the same strategy.
        let mut p = Vec::new();
        for idx in 0..27 {
            let s = [idx % 3, (idx / 3) % 3, idx / 9];
            let v = f64::from(u8::from(s[0] == s[1] && s[1] == s[2]));
            p.extend([v, v, v]);
        }
        let g = Game::from_counts(&[3, 3, 3], p).unwrap();
        let eqs = solve(&g);
        // A profile is an equilibrium iff no single player can complete a coordination:
        // all three equal (3 profiles) or all three distinct (6 profiles).
        assert_eq!(eqs.len(), 9);
        assert!(eqs.iter().all(|e| e.epsilon == 0.0));
    }
}
