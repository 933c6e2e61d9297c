//! Games other than the prisoner's dilemma: built-ins, m×n games, 2×2-only strategies
//! rejected with a typed error, and the any-game family (Random, Play k, best responses).

use repeated::library::lookup;
use repeated::seed::MatchKey;
use repeated::{play_match, Game, MatchSettings, RepeatedError};

fn rps() -> Game {
    let a = vec![
        vec![0.0, -1.0, 1.0],
        vec![1.0, 0.0, -1.0],
        vec![-1.0, 1.0, 0.0],
    ];
    let b: Vec<Vec<f64>> = a.iter().map(|r| r.iter().map(|x| -x).collect()).collect();
    Game::new("rps", &a, &b).unwrap()
}

#[test]
fn builtins_have_the_documented_payoffs() {
    let pd = Game::builtin("pd").unwrap();
    assert_eq!(
        [
            pd.payoffs(0, 0),
            pd.payoffs(0, 1),
            pd.payoffs(1, 0),
            pd.payoffs(1, 1)
        ],
        [(3.0, 3.0), (0.0, 5.0), (5.0, 0.0), (1.0, 1.0)]
    );
    let sh = Game::builtin("stag-hunt").unwrap();
    assert_eq!(
        [
            sh.payoffs(0, 0),
            sh.payoffs(0, 1),
            sh.payoffs(1, 0),
            sh.payoffs(1, 1)
        ],
        [(4.0, 4.0), (1.0, 3.0), (3.0, 1.0), (2.0, 2.0)]
    );
    let ch = Game::builtin("chicken").unwrap();
    assert_eq!(ch.payoffs(1, 1), (0.0, 0.0));
    assert_eq!(ch.payoffs(1, 0), (4.0, 1.0));
    let mp = Game::builtin("matching-pennies").unwrap();
    assert_eq!(mp.payoffs(0, 0), (1.0, -1.0));
    assert_eq!(mp.payoffs(0, 1), (-1.0, 1.0));
    assert!(matches!(
        Game::builtin("go"),
        Err(RepeatedError::Invalid { .. })
    ));
}

#[test]
fn malformed_games_are_rejected() {
    assert!(Game::new("x", &[], &[]).is_err());
    assert!(Game::new("x", &[vec![1.0, 2.0]], &[vec![1.0]]).is_err());
    assert!(Game::new("x", &[vec![f64::NAN]], &[vec![1.0]]).is_err());
}

#[test]
fn two_by_two_strategies_refuse_larger_games() {
    let g = rps();
    let (tft, rnd) = (lookup("TitForTat").unwrap(), lookup("Random").unwrap());
    let e = play_match(
        &g,
        [&tft, &rnd],
        &MatchSettings::turns(10),
        &MatchKey::new(0, 0, 1, 0),
    );
    assert!(
        matches!(
            e,
            Err(RepeatedError::NeedsTwoByTwo {
                rows: 3,
                cols: 3,
                ..
            })
        ),
        "{e:?}"
    );
    let p9 = lookup("Play 9").unwrap();
    let e = play_match(
        &g,
        [&p9, &rnd],
        &MatchSettings::turns(10),
        &MatchKey::new(0, 0, 1, 0),
    );
    assert!(matches!(
        e,
        Err(RepeatedError::NoSuchAction {
            action: 9,
            available: 3,
            ..
        })
    ));
}

#[test]
fn any_game_family_plays_rock_paper_scissors() {
    let g = rps();
    let (p1, br, fp, rnd) = (
        lookup("Play 1").unwrap(),
        lookup("Best Response").unwrap(),
        lookup("Fictitious Play").unwrap(),
        lookup("Random").unwrap(),
    );
    let s = MatchSettings::turns(50);
    let k = MatchKey::new(1, 0, 1, 0);
    // Best response to Paper (1) is Scissors (2) from turn 2 on; the first move is 0 (ties).
    let o = play_match(&g, [&br, &p1], &s, &k).unwrap();
    assert_eq!(o.actions[0][0], 0);
    assert!(o.actions[0][1..].iter().all(|&a| a == 2));
    assert_eq!(o.scores, [49.0 - 1.0, -49.0 + 1.0]);
    let o = play_match(&g, [&fp, &p1], &s, &k).unwrap();
    assert!(o.actions[0][1..].iter().all(|&a| a == 2));
    let o = play_match(&g, [&rnd, &rnd], &MatchSettings::turns(3000), &k).unwrap();
    for a in 0..3u8 {
        let n = o.actions[0].iter().filter(|&&x| x == a).count();
        assert!((900..1100).contains(&n), "action {a}: {n}");
    }
}

#[test]
fn payoff_aware_strategies_see_their_own_seat() {
    // In an asymmetric 2×2 game the column player's best response uses the column payoffs.
    let a = vec![vec![1.0, 0.0], vec![0.0, 1.0]];
    let b = vec![vec![0.0, 1.0], vec![1.0, 0.0]];
    let g = Game::new("asym", &a, &b).unwrap();
    let (p0, br) = (lookup("Play 0").unwrap(), lookup("Best Response").unwrap());
    let o = play_match(
        &g,
        [&p0, &br],
        &MatchSettings::turns(5),
        &MatchKey::new(0, 0, 1, 0),
    )
    .unwrap();
    assert!(
        o.actions[1][1..].iter().all(|&x| x == 1),
        "{:?}",
        o.actions[1]
    );
}
