//! Nash bargaining solution, symmetric and weighted (Nash 1950; Kalai 1977): the point
//! maximising `Π_i (u_i − d_i)^{α_i}` over feasible utilities above the disagreement point `d`.

use super::frontier::{golden_max, Frontier};
use super::BargainingError;

fn check_weights(weights: &[f64], n: usize) -> Result<(), BargainingError> {
    if weights.len() != n {
        return Err(BargainingError::LengthMismatch {
            what: "bargaining weights",
            expected: n,
            got: weights.len(),
        });
    }
    if let Some(w) = weights.iter().find(|w| !(w.is_finite() && **w > 0.0)) {
        return Err(BargainingError::InvalidParameter {
            name: "bargaining weight",
            value: w.to_string(),
            allowed: "finite numbers > 0",
        });
    }
    Ok(())
}

/// Weighted Nash solution with transferable utility over a pie `surplus`:
/// `u_i = d_i + α_i/Σα · (S − Σd)`. Errors if `S < Σd` (no agreement beats disagreement).
pub fn nash_tu(surplus: f64, d: &[f64], weights: &[f64]) -> Result<Vec<f64>, BargainingError> {
    check_weights(weights, d.len())?;
    if d.is_empty() || !surplus.is_finite() || d.iter().any(|x| !x.is_finite()) {
        return Err(BargainingError::InvalidParameter {
            name: "surplus or disagreement point",
            value: format!("S = {surplus}, d = {d:?}"),
            allowed: "finite values and at least one player",
        });
    }
    let gain = surplus - d.iter().sum::<f64>();
    if gain < 0.0 {
        return Err(BargainingError::Infeasible(format!(
            "the surplus {surplus} is below the sum of disagreement payoffs"
        )));
    }
    let total: f64 = weights.iter().sum();
    Ok(d.iter()
        .zip(weights)
        .map(|(di, w)| di + w / total * gain)
        .collect())
}

/// Index of the weighted Nash solution among a finite set of utility vectors: the point with
/// every `u_i > d_i` maximising `Σ α_i ln(u_i − d_i)` (ties: lowest index).
pub fn nash_finite(
    points: &[Vec<f64>],
    d: &[f64],
    weights: &[f64],
) -> Result<usize, BargainingError> {
    check_weights(weights, d.len())?;
    let mut best: Option<(usize, f64)> = None;
    for (k, u) in points.iter().enumerate() {
        if u.len() != d.len() {
            return Err(BargainingError::LengthMismatch {
                what: "utility vector",
                expected: d.len(),
                got: u.len(),
            });
        }
        if u.iter().zip(d).all(|(a, b)| a > b) {
            let score: f64 = u
                .iter()
                .zip(d)
                .zip(weights)
                .map(|((a, b), w)| w * (a - b).ln())
                .sum();
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((k, score));
            }
        }
    }
    best.map(|(k, _)| k)
        .ok_or_else(|| BargainingError::Infeasible("no point is strictly above d".into()))
}

/// Weighted Nash solution on a two-player concave frontier `u₂ = f(u₁)`, `u₁ ∈ [lo, hi]`.
pub fn nash_frontier(
    f: impl Fn(f64) -> f64,
    lo: f64,
    hi: f64,
    d: [f64; 2],
    weights: [f64; 2],
) -> Result<[f64; 2], BargainingError> {
    check_weights(&weights, 2)?;
    let frontier = Frontier::new(f, lo, hi)?;
    let arc = frontier.feasible_arc(d)?;
    let objective = |u: f64| {
        let (a, b) = (u - d[0], frontier.value(u) - d[1]);
        if a > 0.0 && b > 0.0 {
            weights[0] * a.ln() + weights[1] * b.ln()
        } else {
            f64::NEG_INFINITY
        }
    };
    let u1 = golden_max(objective, arc.left, arc.right);
    Ok([u1, frontier.value(u1)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tu_closed_forms() {
        let u = nash_tu(10.0, &[1.0, 2.0, 0.5], &[0.5, 0.3, 0.2]).unwrap();
        assert!((u[0] - 4.25).abs() < 1e-12);
        assert!((u.iter().sum::<f64>() - 10.0).abs() < 1e-12);
        // Symmetric, n = 3: d_i + (S − Σd)/3.
        let u = nash_tu(10.0, &[1.0, 2.0, 0.5], &[1.0; 3]).unwrap();
        assert!((u[1] - (2.0 + 6.5 / 3.0)).abs() < 1e-12);
        // Split-the-difference over an impasse point b: b_i + (1 − b1 − b2)/2.
        let u = nash_tu(1.0, &[0.2, 0.3], &[1.0, 1.0]).unwrap();
        assert!((u[0] - 0.45).abs() < 1e-12 && (u[1] - 0.55).abs() < 1e-12);
        assert!(nash_tu(1.0, &[0.8, 0.3], &[1.0, 1.0]).is_err());
        assert!(nash_tu(1.0, &[0.1, 0.3], &[1.0, 0.0]).is_err());
        assert!(nash_tu(1.0, &[0.1], &[1.0, 1.0]).is_err());
    }

    #[test]
    fn frontier_closed_form() {
        let [u1, u2] = nash_frontier(|u| 1.0 - u * u, 0.0, 1.0, [0.0, 0.0], [1.0, 1.0]).unwrap();
        // Golden section locates a flat maximum to about sqrt(machine epsilon).
        assert!((u1 - 0.577_350).abs() < 1e-6 && (u1 - 1.0 / 3f64.sqrt()).abs() < 1e-7);
        assert!((u2 - 2.0 / 3.0).abs() < 1e-7);
        // Weighted: maximise a ln u + b ln(1 − u²) ⇒ u² = a/(a + 2b).
        let [u1, _] = nash_frontier(|u| 1.0 - u * u, 0.0, 1.0, [0.0, 0.0], [2.0, 1.0]).unwrap();
        assert!((u1 - 0.5f64.sqrt()).abs() < 1e-7);
        assert!(nash_frontier(|u| 1.0 - u * u, 0.0, 1.0, [0.0, 2.0], [1.0, 1.0]).is_err());
    }

    #[test]
    fn finite_set_matches_tu_on_a_grid() {
        let points: Vec<Vec<f64>> = (0..=100)
            .map(|k| {
                let x = f64::from(k) / 10.0;
                vec![x, 10.0 - x]
            })
            .collect();
        let k = nash_finite(&points, &[1.0, 3.0], &[1.0, 1.0]).unwrap();
        assert_eq!(points[k], vec![4.0, 6.0]);
        assert!(nash_finite(&points, &[20.0, 0.0], &[1.0, 1.0]).is_err());
    }
}
