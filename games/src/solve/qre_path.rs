//! Predictor–corrector continuation of the logit quantal-response correspondence.
//!
//! The unknowns are the log-probabilities `y_ij = ln σ_ij` and the precision `μ = λ·R`, where
//! `R` is the game's payoff spread, the largest difference between two payoffs of one player
//! ([`Game::payoff_spread`]; payoffs are used divided by `R`, so step sizes do not depend on
//! the payoff scale). For each player `i` the equations are `Σ_j e^{y_ij} = 1` and, for
//! `j ≥ 1`, `y_ij − y_i0 − ln(ρ_ij/ρ_i0) − μ (u_ij − u_i0)/R = 0`, with a prior `ρ` (the centroid
//! for the principal branch, where `σ(0) = ρ`). The curve is followed by arc length: an Euler
//! predictor along the unit tangent (kernel of the Jacobian, oriented continuously) and a Newton
//! corrector on the hyperplane orthogonal to it, with step-size adaptation and rejection of
//! steps whose corrector does not contract or whose tangent turns too sharply.

use crate::game::{binary_exponent, Game, MixedProfile};
use nalgebra::{DMatrix, DVector};
use std::borrow::Cow;

/// Payoff scales above `2^SCALE_LIMIT` are traced on a copy of the game divided by a power of
/// two (exact in binary floating point), so that `μ · (payoff difference) / R` cannot overflow;
/// smaller scales are traced on the game as given, bit for bit as before.
const SCALE_LIMIT: i32 = 64;

/// The power of two the tracer divides the payoffs of a game with scale `range` by, and the
/// scale after the division (`range` itself, or in [1, 2)).
fn tracer_scale(range: f64) -> (i32, f64) {
    if range > 2f64.powi(SCALE_LIMIT) {
        let shift = binary_exponent(range);
        (shift, range * 2f64.powi(-shift))
    } else {
        (0, range)
    }
}

/// Largest precision `μ = λ·R` the tracer can work at for a game whose payoffs it divides by
/// `range` (R): `μ` times a scaled payoff difference (at most the scaled R) stays below a
/// quarter of the largest double.
pub(crate) fn max_precision(range: f64) -> f64 {
    let (_, scaled) = tracer_scale(range);
    f64::MAX / 4.0 / scaled.max(1.0)
}

/// A point of the path: log-probabilities (flat, player by player) and `μ = λ·R`.
#[derive(Debug, Clone)]
pub(crate) struct PathPoint {
    pub y: Vec<f64>,
    pub mu: f64,
}

/// The logit equations of one game and prior.
pub(crate) struct QreSystem<'a> {
    /// The game, divided by a power of two when its scale is above `2^SCALE_LIMIT`.
    game: Cow<'a, Game>,
    offsets: Vec<usize>,
    log_prior: Vec<f64>,
    range: f64,
    dim: usize,
}

/// What the caller wants after an accepted step.
pub(crate) enum Control {
    Continue,
    Stop,
}

impl<'a> QreSystem<'a> {
    /// The system for `game` with a strictly positive `prior`; `range` (R) must be > 0 and
    /// finite. A game whose R is above `2^SCALE_LIMIT` is traced divided by a power of two (R
    /// with it), which leaves `μ = λ·R` and every profile unchanged.
    pub(crate) fn new(game: &'a Game, prior: &MixedProfile, range: f64) -> Self {
        let (shift, range) = tracer_scale(range);
        let game = if shift > 0 {
            Cow::Owned(game.scaled_down(&vec![shift; game.num_players()]))
        } else {
            Cow::Borrowed(game)
        };
        let mut offsets = Vec::with_capacity(game.num_players());
        let mut dim = 0;
        for i in 0..game.num_players() {
            offsets.push(dim);
            dim += game.num_strategies(i);
        }
        Self {
            game,
            offsets,
            log_prior: prior.iter().flatten().map(|p| p.ln()).collect(),
            range,
            dim,
        }
    }

    /// The profile of a point.
    pub(crate) fn profile(&self, y: &[f64]) -> MixedProfile {
        (0..self.game.num_players())
            .map(|i| {
                let s = &y[self.offsets[i]..self.offsets[i] + self.game.num_strategies(i)];
                s.iter().map(|v| v.exp()).collect()
            })
            .collect()
    }

    /// The starting point at μ = 0.
    pub(crate) fn start(&self) -> PathPoint {
        PathPoint {
            y: self.log_prior.clone(),
            mu: 0.0,
        }
    }

    /// Residual `H` and Jacobian (`dim × (dim + 1)`, last column ∂/∂μ).
    fn eval(&self, y: &[f64], mu: f64, with_jac: bool) -> (DVector<f64>, DMatrix<f64>) {
        let g: &Game = &self.game;
        let n = g.num_players();
        let sigma = self.profile(y);
        let mut h = DVector::zeros(self.dim);
        let mut jac = if with_jac {
            DMatrix::zeros(self.dim, self.dim + 1)
        } else {
            DMatrix::zeros(0, 0)
        };
        for i in 0..n {
            let o = self.offsets[i];
            let m = g.num_strategies(i);
            let vals = g.strategy_values(&sigma, i);
            h[o] = sigma[i].iter().sum::<f64>() - 1.0;
            for j in 1..m {
                h[o + j] = y[o + j]
                    - y[o]
                    - (self.log_prior[o + j] - self.log_prior[o])
                    - mu * (vals[j] - vals[0]) / self.range;
            }
            if !with_jac {
                continue;
            }
            for j in 0..m {
                jac[(o, o + j)] = sigma[i][j];
            }
            for j in 1..m {
                jac[(o + j, o + j)] += 1.0;
                jac[(o + j, o)] -= 1.0;
                jac[(o + j, self.dim)] = -(vals[j] - vals[0]) / self.range;
            }
            for k in (0..n).filter(|&k| k != i) {
                let pair = g.pair_values(&sigma, i, k);
                let mk = g.num_strategies(k);
                for j in 1..m {
                    for l in 0..mk {
                        jac[(o + j, self.offsets[k] + l)] -=
                            mu * (pair[j * mk + l] - pair[l]) / self.range * sigma[k][l];
                    }
                }
            }
        }
        (h, jac)
    }

    /// Newton on `y` with μ fixed, from `guess`. `None` if it does not converge.
    pub(crate) fn solve_at(&self, mu: f64, guess: &[f64]) -> Option<Vec<f64>> {
        let mut y = guess.to_vec();
        for _ in 0..50 {
            let (h, jac) = self.eval(&y, mu, true);
            if h.amax() < 1e-13 * (1.0 + mu) {
                return Some(y);
            }
            let jy = jac.columns(0, self.dim).into_owned();
            let step = jy.lu().solve(&(-h))?;
            let limit = step.amax();
            let damp = if limit > 2.0 { 2.0 / limit } else { 1.0 };
            for (v, s) in y.iter_mut().zip(step.iter()) {
                *v += damp * s;
            }
            if y.iter().any(|v| !v.is_finite() || *v > 1.0) {
                return None;
            }
        }
        None
    }

    /// Unit tangent at `(y, mu)` oriented along `prev`.
    fn tangent(&self, y: &[f64], mu: f64, prev: &DVector<f64>) -> Option<DVector<f64>> {
        let (_, jac) = self.eval(y, mu, true);
        let mut a = DMatrix::zeros(self.dim + 1, self.dim + 1);
        a.view_mut((0, 0), (self.dim, self.dim + 1)).copy_from(&jac);
        for c in 0..=self.dim {
            a[(self.dim, c)] = prev[c];
        }
        let mut rhs = DVector::zeros(self.dim + 1);
        rhs[self.dim] = 1.0;
        let t = a.lu().solve(&rhs)?;
        let norm = t.norm();
        (norm.is_finite() && norm > 0.0).then(|| t / norm)
    }

    /// Newton corrector from `pred`, constrained to the hyperplane through `pred` orthogonal to
    /// `t`. Returns the corrected point and the number of iterations.
    fn correct(
        &self,
        pred: &DVector<f64>,
        t: &DVector<f64>,
        h: f64,
    ) -> Option<(DVector<f64>, usize)> {
        let mut z = pred.clone();
        let mut last = f64::INFINITY;
        for it in 0..12 {
            let (res, jac) = self.eval(&z.as_slice()[..self.dim], z[self.dim], true);
            let mut a = DMatrix::zeros(self.dim + 1, self.dim + 1);
            a.view_mut((0, 0), (self.dim, self.dim + 1)).copy_from(&jac);
            for c in 0..=self.dim {
                a[(self.dim, c)] = t[c];
            }
            let mut rhs = DVector::zeros(self.dim + 1);
            rhs.rows_mut(0, self.dim).copy_from(&(-&res));
            let dz = a.lu().solve(&rhs)?;
            let size = dz.norm();
            if !size.is_finite() || (it == 0 && size > 0.5 * h.max(1e-3)) || size > 0.6 * last {
                return None;
            }
            z += &dz;
            if z.iter().take(self.dim).any(|v| !v.is_finite() || *v > 1.0) {
                return None;
            }
            last = size;
            let mu = z[self.dim].abs();
            if size < 1e-11 * (1.0 + z.amax()) && res.amax() < 1e-11 * (1.0 + mu) {
                return Some((z, it + 1));
            }
        }
        None
    }

    /// Follows the branch from `start` until `mu_max`, calling `on_step(previous, current)` after
    /// every accepted step. Returns the last point, or `None` if the step size collapses or the
    /// step budget runs out.
    pub(crate) fn trace(
        &self,
        start: PathPoint,
        mu_max: f64,
        max_steps: usize,
        mut on_step: impl FnMut(&PathPoint, &PathPoint) -> Control,
    ) -> Option<PathPoint> {
        let mut z = DVector::from_iterator(self.dim + 1, start.y.iter().copied().chain([start.mu]));
        let mut prev_t = DVector::zeros(self.dim + 1);
        prev_t[self.dim] = 1.0;
        let mut t = self.tangent(&start.y, start.mu, &prev_t)?;
        let mut h = 0.05;
        let mut current = start;
        for _ in 0..max_steps {
            if current.mu >= mu_max {
                return Some(current);
            }
            let pred = &z + &t * h;
            let accepted = self.correct(&pred, &t, h).and_then(|(zc, iters)| {
                let tn = self.tangent(&zc.as_slice()[..self.dim], zc[self.dim], &t)?;
                (tn.dot(&t) > 0.9).then_some((zc, tn, iters))
            });
            match accepted {
                None => {
                    h *= 0.5;
                    if h < 1e-12 {
                        return None;
                    }
                }
                Some((zc, tn, iters)) => {
                    let next = PathPoint {
                        y: zc.as_slice()[..self.dim].to_vec(),
                        mu: zc[self.dim],
                    };
                    if let Control::Stop = on_step(&current, &next) {
                        return Some(next);
                    }
                    z = zc;
                    t = tn;
                    current = next;
                    if iters <= 3 {
                        h *= 2.0;
                    } else if iters >= 6 {
                        h *= 0.7;
                    }
                }
            }
        }
        None
    }
}
