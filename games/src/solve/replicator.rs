//! Replicator dynamics, integrated with fixed-step fourth-order Runge–Kutta.
//!
//! One population (symmetric two-player games): `ẋ_i = x_i[(Ax)_i − xᵀAx]`, both players
//! reported at `x`. Multi-population (any game): `ẋ_ij = x_ij[u_ij(x) − Σ_k x_ik u_ik(x)]` per
//! player. Starts from the centroid or a given interior profile; the state after the last step is
//! reported with its Nash regret (a rest point is Nash only if no extinct strategy does better).

use super::{Equilibrium, SolveError, SolverOutput};
use crate::game::{Game, MixedProfile};

/// Population structure of the replicator dynamics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Population {
    /// One population if the game is symmetric two-player, otherwise one per player.
    Auto,
    /// A single population playing a symmetric two-player game against itself.
    One,
    /// One population per player.
    Multi,
}

fn velocity(game: &Game, x: &MixedProfile, one: bool) -> MixedProfile {
    let players = if one { 1 } else { game.num_players() };
    let state: MixedProfile = if one {
        vec![x[0].clone(), x[0].clone()]
    } else {
        x.clone()
    };
    (0..players)
        .map(|i| {
            let u = game.strategy_values(&state, i);
            let mean: f64 = u.iter().zip(&state[i]).map(|(a, b)| a * b).sum();
            state[i]
                .iter()
                .zip(&u)
                .map(|(xi, ui)| xi * (ui - mean))
                .collect()
        })
        .collect()
}

fn axpy(x: &MixedProfile, k: &MixedProfile, h: f64) -> MixedProfile {
    x.iter()
        .zip(k)
        .map(|(a, b)| a.iter().zip(b).map(|(p, q)| p + h * q).collect())
        .collect()
}

/// Integrates replicator dynamics for `steps` RK4 steps of size `dt` from `start` (default: the
/// centroid).
pub fn solve(
    game: &Game,
    population: Population,
    start: Option<&MixedProfile>,
    dt: f64,
    steps: usize,
) -> Result<SolverOutput, SolveError> {
    solve_observed(game, population, start, dt, steps, |_, _| {})
}

/// [`solve`], calling `observe(step, profile)` with the start (step 0) and the state after
/// every step (the full profile; in one-population dynamics both players hold the population
/// state), e.g. to draw the trajectory.
pub fn solve_observed(
    game: &Game,
    population: Population,
    start: Option<&MixedProfile>,
    dt: f64,
    steps: usize,
    mut observe: impl FnMut(usize, &MixedProfile),
) -> Result<SolverOutput, SolveError> {
    // The horizon t = dt × steps is printed: it must be a finite number.
    if !(dt.is_finite() && dt > 0.0 && (dt * steps as f64).is_finite()) {
        return Err(SolveError::BadOption {
            name: "replicator_step",
            value: dt.to_string(),
            allowed: format!("a finite number > 0 whose product with the {steps} steps is finite"),
        });
    }
    let one = match population {
        Population::Auto => game.is_symmetric_two_player(),
        Population::One if !game.is_symmetric_two_player() => return Err(SolveError::NotSymmetric),
        Population::One => true,
        Population::Multi => false,
    };
    let start = match start {
        Some(s) => {
            game.check_profile(s)?;
            s.clone()
        }
        None => game.centroid(),
    };
    let full = |x: &MixedProfile| {
        if one {
            vec![x[0].clone(), x[0].clone()]
        } else {
            x.clone()
        }
    };
    let mut x: MixedProfile = if one { vec![start[0].clone()] } else { start };
    observe(0, &full(&x));
    for step in 1..=steps {
        let k1 = velocity(game, &x, one);
        let k2 = velocity(game, &axpy(&x, &k1, dt / 2.0), one);
        let k3 = velocity(game, &axpy(&x, &k2, dt / 2.0), one);
        let k4 = velocity(game, &axpy(&x, &k3, dt), one);
        for (i, xi) in x.iter_mut().enumerate() {
            for (j, v) in xi.iter_mut().enumerate() {
                *v += dt / 6.0 * (k1[i][j] + 2.0 * k2[i][j] + 2.0 * k3[i][j] + k4[i][j]);
                *v = v.max(0.0);
            }
            let t: f64 = xi.iter().sum();
            xi.iter_mut().for_each(|v| *v /= t);
        }
        observe(step, &full(&x));
    }
    let profile = full(&x);
    Ok(SolverOutput {
        equilibria: vec![Equilibrium::evaluate(game, profile)],
        notes: vec![format!(
            "{} replicator dynamics, RK4 with step {dt} for {steps} steps (t = {})",
            if one {
                "one-population"
            } else {
                "multi-population"
            },
            super::report::short_number(dt * steps as f64)
        )],
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::*;

    /// The note prints the horizon t = step × steps: a step whose horizon overflows is
    /// refused instead of printing "t = inf".
    #[test]
    fn horizon_must_be_finite() {
        let e = solve(&hawk_dove(), Population::Auto, None, 1e305, 10_000).unwrap_err();
        assert!(
            matches!(
                e,
                SolveError::BadOption {
                    name: "replicator_step",
                    ..
                }
            ),
            "{e}"
        );
        assert!(solve(&hawk_dove(), Population::Auto, None, f64::NAN, 10).is_err());
        let ok = solve(&hawk_dove(), Population::Auto, None, 0.01, 100).unwrap();
        assert!(ok.notes[0].ends_with("(t = 1)"), "{:?}", ok.notes);
    }

    #[test]
    fn hawk_dove_converges_to_v_over_c() {
        let out = solve(&hawk_dove(), Population::Auto, None, 0.01, 20_000).unwrap();
        let e = &out.equilibria[0];
        assert!(
            (e.profile[0][0] - 1.0 / 3.0).abs() < 1e-6,
            "{:?}",
            e.profile
        );
        assert!(e.epsilon < 1e-5);
        // From an off-centre start, too.
        let start = vec![vec![0.9, 0.1], vec![0.9, 0.1]];
        let e = &solve(&hawk_dove(), Population::One, Some(&start), 0.01, 20_000)
            .unwrap()
            .equilibria[0];
        assert!((e.profile[0][0] - 1.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn multi_population_strict_equilibrium_and_errors() {
        // Prisoner's dilemma: defection is strictly dominant.
        let e = &solve(&prisoners_dilemma(), Population::Multi, None, 0.05, 4_000)
            .unwrap()
            .equilibria[0];
        assert!(e.profile[0][1] > 0.999 && e.profile[1][1] > 0.999);
        assert!(matches!(
            solve(&battle_of_sexes(), Population::One, None, 0.01, 10),
            Err(SolveError::NotSymmetric)
        ));
        assert!(solve(
            &chicken(),
            Population::Multi,
            Some(&vec![vec![1.0]]),
            0.01,
            10
        )
        .is_err());
    }
}
