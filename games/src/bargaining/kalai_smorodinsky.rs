//! Kalai–Smorodinsky solution (1975): the Pareto point where every player gets the same
//! fraction of its utopia gain `(u_i − d_i)/(a_i − d_i)`, `a_i` being player i's best payoff
//! among points at least as good as `d` for everyone.

use super::frontier::{bisect, Frontier};
use super::BargainingError;

/// Index of the Kalai–Smorodinsky point of a finite set: among points with `u ≥ d`, the one
/// maximising `min_i (u_i − d_i)/(a_i − d_i)`; ties go to the larger total, then the lower index.
pub fn ks_finite(points: &[Vec<f64>], d: &[f64]) -> Result<usize, BargainingError> {
    for u in points {
        if u.len() != d.len() {
            return Err(BargainingError::LengthMismatch {
                what: "utility vector",
                expected: d.len(),
                got: u.len(),
            });
        }
    }
    let feasible: Vec<usize> = (0..points.len())
        .filter(|&k| points[k].iter().zip(d).all(|(a, b)| a >= b))
        .collect();
    if feasible.is_empty() {
        return Err(BargainingError::Infeasible("no point is at least d".into()));
    }
    let utopia: Vec<f64> = (0..d.len())
        .map(|i| {
            feasible
                .iter()
                .map(|&k| points[k][i])
                .fold(f64::NEG_INFINITY, f64::max)
        })
        .collect();
    let score = |k: usize| {
        points[k]
            .iter()
            .zip(d)
            .zip(&utopia)
            .map(|((u, di), a)| if a > di { (u - di) / (a - di) } else { 1.0 })
            .fold(f64::INFINITY, f64::min)
    };
    let mut best = feasible[0];
    for &k in &feasible[1..] {
        let (s, sb) = (score(k), score(best));
        let total = |k: usize| points[k].iter().sum::<f64>();
        if s > sb || (s == sb && total(k) > total(best)) {
            best = k;
        }
    }
    Ok(best)
}

/// Kalai–Smorodinsky point on a two-player concave frontier `u₂ = f(u₁)`, `u₁ ∈ [lo, hi]`.
pub fn ks_frontier(
    f: impl Fn(f64) -> f64,
    lo: f64,
    hi: f64,
    d: [f64; 2],
) -> Result<[f64; 2], BargainingError> {
    let frontier = Frontier::new(f, lo, hi)?;
    let arc = frontier.feasible_arc(d)?;
    let (a1, a2) = (arc.right, arc.peak_value);
    if a1 <= d[0] {
        return Ok([d[0].max(arc.left), arc.peak_value]);
    }
    let gap = |u: f64| (u - d[0]) / (a1 - d[0]) - (frontier.value(u) - d[1]) / (a2 - d[1]);
    let u1 = bisect(gap, arc.peak, arc.right);
    Ok([u1, frontier.value(u1)])
}

#[cfg(test)]
mod tests {
    use super::super::nash::nash_tu;
    use super::*;

    #[test]
    fn frontier_closed_form() {
        let [u1, u2] = ks_frontier(|u| 1.0 - u * u, 0.0, 1.0, [0.0, 0.0]).unwrap();
        assert!((u1 - 0.618_034).abs() < 1e-6 && (u1 - (5f64.sqrt() - 1.0) / 2.0).abs() < 1e-9);
        assert!((u1 - u2).abs() < 1e-9);
    }

    #[test]
    fn equals_symmetric_nash_with_tu() {
        let [u1, u2] = ks_frontier(|u| 10.0 - u, 0.0, 10.0, [1.0, 3.0]).unwrap();
        let nbs = nash_tu(10.0, &[1.0, 3.0], &[1.0, 1.0]).unwrap();
        assert!((u1 - nbs[0]).abs() < 1e-9 && (u2 - nbs[1]).abs() < 1e-9);
        let points: Vec<Vec<f64>> = (0..=100)
            .map(|k| vec![f64::from(k) / 10.0, 10.0 - f64::from(k) / 10.0])
            .collect();
        let k = ks_finite(&points, &[1.0, 3.0]).unwrap();
        assert_eq!(points[k], vec![4.0, 6.0]);
        assert!(ks_finite(&points, &[11.0, 0.0]).is_err());
    }
}
