//! The designs of a sensitivity analysis over the documented parameter ranges of a scenario
//! (`[ranges]`): the evaluation points of a one-at-a-time design (each parameter at its low and at its high
//! value, the others at base) and of Morris's elementary-effects screening design (seeded
//! trajectories on a p-level grid of the unit hypercube), and the ranking statistics computed
//! from the outputs at those points (swing; Morris μ, μ*, σ). Pure: evaluating a point is the
//! caller's job (`analysis` runs them like sweep cells).

use crate::overrides::lookup;
use crate::rng::{fnv1a64, splitmix64, SimRng};
use crate::scenario::Scenario;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};

/// A parameter with a documented range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    /// Dotted parameter path.
    pub path: String,
    /// Documented low value.
    pub low: f64,
    /// Documented high value.
    pub high: f64,
    /// Value in the scenario.
    pub base: f64,
    /// The parameter is an integer (values are rounded).
    pub integer: bool,
}

impl Parameter {
    /// The value at position `u` ∈ \[0, 1\] of the range (rounded for integers).
    pub fn at(&self, u: f64) -> f64 {
        let x = self.low + (self.high - self.low) * u;
        if self.integer {
            x.round()
        } else {
            x
        }
    }

    /// `path=value` override text for the value `x`.
    pub fn set(&self, x: f64) -> String {
        if self.integer {
            format!("{}={}", self.path, x as i64)
        } else {
            format!("{}={x:?}", self.path)
        }
    }
}

/// The parameters of a scenario's `[ranges]` table, in path order.
pub fn parameters(scenario: &Scenario) -> Vec<Parameter> {
    let v = toml::Value::try_from(scenario.file()).expect("scenario serialises");
    scenario
        .file()
        .ranges
        .iter()
        .filter_map(|(path, [low, high])| {
            let (base, integer) = match lookup(&v, path)? {
                toml::Value::Float(f) => (*f, false),
                toml::Value::Integer(i) => (*i as f64, true),
                _ => return None,
            };
            Some(Parameter {
                path: path.clone(),
                low: *low,
                high: *high,
                base,
                integer,
            })
        })
        .collect()
}

/// One Morris trajectory: k + 1 points of the unit hypercube; point j + 1 differs from point
/// j in exactly one coordinate, `order[j]`, by `step[j]` = ±Δ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trajectory {
    /// The k + 1 points, coordinates in \[0, 1\].
    pub points: Vec<Vec<f64>>,
    /// The coordinate changed between points j and j + 1.
    pub order: Vec<usize>,
    /// The change (±Δ).
    pub step: Vec<f64>,
}

/// Morris trajectories for `k` factors on a `levels`-level grid with jump Δ =
/// levels / (2 (levels − 1)): a random start on the grid, factors moved once each in random
/// order, upwards when that stays inside \[0, 1\] and downwards otherwise. Seeded.
pub fn morris_design(k: usize, trajectories: usize, levels: u32, seed: u64) -> Vec<Trajectory> {
    let levels = levels.max(2);
    let delta = f64::from(levels) / (2.0 * f64::from(levels - 1));
    let mut rng = SimRng::seed_from_u64(splitmix64(seed ^ fnv1a64(b"pactsim morris")));
    (0..trajectories)
        .map(|_| {
            let mut x: Vec<f64> = (0..k)
                .map(|_| f64::from(rng.random_range(0..levels)) / f64::from(levels - 1))
                .collect();
            let mut order: Vec<usize> = (0..k).collect();
            for i in (1..k).rev() {
                let j = rng.random_range(0..=i);
                order.swap(i, j);
            }
            let mut points = vec![x.clone()];
            let mut step = Vec::with_capacity(k);
            for &i in &order {
                let d = if x[i] + delta <= 1.0 + 1e-12 {
                    delta
                } else {
                    -delta
                };
                x[i] = (x[i] + d).clamp(0.0, 1.0);
                step.push(d);
                points.push(x.clone());
            }
            Trajectory {
                points,
                order,
                step,
            }
        })
        .collect()
}

/// Morris statistics of one parameter, in output units per full low→high range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MorrisEffect {
    /// Mean elementary effect (sign shows direction).
    pub mu: f64,
    /// Mean absolute elementary effect (the ranking statistic).
    pub mu_star: f64,
    /// Standard deviation of the elementary effects (non-linearity or interactions).
    pub sigma: f64,
    /// Number of elementary effects.
    pub n: usize,
}

/// Elementary effects per factor from the outputs `y[t][j]` at `design[t].points[j]`.
pub fn morris_effects(k: usize, design: &[Trajectory], y: &[Vec<f64>]) -> Vec<MorrisEffect> {
    let mut ee: Vec<Vec<f64>> = vec![Vec::new(); k];
    for (t, ys) in design.iter().zip(y) {
        for (j, (&i, &d)) in t.order.iter().zip(&t.step).enumerate() {
            ee[i].push((ys[j + 1] - ys[j]) / d);
        }
    }
    ee.into_iter()
        .map(|e| {
            let n = e.len();
            if n == 0 {
                return MorrisEffect {
                    mu: 0.0,
                    mu_star: 0.0,
                    sigma: 0.0,
                    n,
                };
            }
            let nf = n as f64;
            let mu = e.iter().sum::<f64>() / nf;
            let mu_star = e.iter().map(|v| v.abs()).sum::<f64>() / nf;
            let sigma = if n > 1 {
                (e.iter().map(|v| (v - mu) * (v - mu)).sum::<f64>() / (nf - 1.0)).sqrt()
            } else {
                0.0
            };
            MorrisEffect {
                mu,
                mu_star,
                sigma,
                n,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn morris_recovers_a_linear_model() {
        // y = 3 x0 − 1 x1 + 0 x2: effects per unit range are exactly 3, 1, 0.
        let d = morris_design(3, 8, 4, 7);
        let y: Vec<Vec<f64>> = d
            .iter()
            .map(|t| t.points.iter().map(|p| 3.0 * p[0] - p[1]).collect())
            .collect();
        let e = morris_effects(3, &d, &y);
        assert!((e[0].mu - 3.0).abs() < 1e-12 && e[0].sigma < 1e-12);
        assert!((e[1].mu + 1.0).abs() < 1e-12 && (e[1].mu_star - 1.0).abs() < 1e-12);
        assert!(e[2].mu_star.abs() < 1e-12);
        assert_eq!(e[0].n, 8);
    }

    #[test]
    fn trajectories_move_one_factor_at_a_time_on_the_grid() {
        for t in morris_design(5, 20, 4, 1) {
            assert_eq!(t.points.len(), 6);
            for (j, w) in t.points.windows(2).enumerate() {
                let changed: Vec<usize> = (0..5).filter(|&i| w[0][i] != w[1][i]).collect();
                assert_eq!(changed, vec![t.order[j]]);
                assert!((w[1][t.order[j]] - w[0][t.order[j]] - t.step[j]).abs() < 1e-12);
                assert!(w[1].iter().all(|v| (0.0..=1.0).contains(v)));
            }
        }
        assert_eq!(morris_design(5, 3, 4, 9), morris_design(5, 3, 4, 9));
    }
}
