//! The sweep designs: the full grid (every combination of the axes' values), the seeded Latin
//! hypercube, and the spacing of range values. Values come out as TOML values; explicit points
//! are read from the sweep file in `build`.

use super::Axis;
use crate::rng::{fnv1a64, splitmix64, SimRng};
use crate::sweep_file::Scale;
use rand::{RngExt, SeedableRng};

/// Rounds to 12 significant digits, so generated values read as written (0.4, not
/// 0.39999999999999997) and are the same on every machine.
pub(super) fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// The value `k` of `n` from `from` to `to` (inclusive), linear or log spaced.
pub fn spaced(from: f64, to: f64, k: u64, n: u64, scale: Scale) -> f64 {
    if n <= 1 || k == 0 {
        return from;
    }
    if k == n - 1 {
        return to;
    }
    let t = k as f64 / (n - 1) as f64;
    tidy(match scale {
        Scale::Linear => from + (to - from) * t,
        Scale::Log => (from.ln() + (to.ln() - from.ln()) * t).exp(),
    })
}

pub(super) fn number_value(x: f64, integer: bool) -> Option<toml::Value> {
    if !integer {
        return Some(toml::Value::Float(x));
    }
    (x.fract() == 0.0 && x.abs() < 9.0e15).then_some(toml::Value::Integer(x as i64))
}

/// Every combination of the axes' values, first axis slowest.
pub(super) fn grid_points(axes: &[Vec<toml::Value>]) -> Vec<Vec<toml::Value>> {
    let mut out: Vec<Vec<toml::Value>> = vec![Vec::new()];
    for values in axes {
        let mut next = Vec::with_capacity(out.len() * values.len());
        for p in &out {
            for v in values {
                let mut q = p.clone();
                q.push(v.clone());
                next.push(q);
            }
        }
        out = next;
    }
    out
}

/// A seeded Latin hypercube: each axis's range is split into `n` equal strata (equal ratios on a
/// log axis) and every stratum is hit by exactly one sample, at a uniform position inside it.
/// Integer parameters are rounded to the nearest whole number.
pub(super) fn latin_hypercube(
    axes: &[Axis],
    integer: &[bool],
    n: u64,
    seed: u64,
) -> Vec<Vec<toml::Value>> {
    let mut rng = SimRng::seed_from_u64(splitmix64(seed ^ fnv1a64(b"pactsim latin hypercube")));
    let n = n as usize;
    let mut columns = Vec::new();
    for (a, &int) in axes.iter().zip(integer) {
        let [from, to] = a.range.unwrap_or([0.0, 1.0]);
        let mut strata: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = rng.random_range(0..=i);
            strata.swap(i, j);
        }
        let col: Vec<toml::Value> = strata
            .into_iter()
            .map(|k| {
                let t = (k as f64 + rng.random::<f64>()) / n as f64;
                let x = tidy(match a.scale {
                    Scale::Linear => from + (to - from) * t,
                    Scale::Log => (from.ln() + (to.ln() - from.ln()) * t).exp(),
                });
                if int {
                    toml::Value::Integer(x.round() as i64)
                } else {
                    toml::Value::Float(x)
                }
            })
            .collect();
        columns.push(col);
    }
    (0..n)
        .map(|i| columns.iter().map(|c| c[i].clone()).collect())
        .collect()
}
