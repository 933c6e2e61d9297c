//! Rubinstein (1982) alternating offers: the unique subgame-perfect split, its continuous-time
//! limit, and the stationary split of the three-player rotating-proposer game (Shaked; Sutton
//! 1986).

use super::{check_range, BargainingError};

/// SPE shares `(x₁, x₂)` of a unit pie when player 1 proposes first:
/// `x₁ = (1 − δ₂)/(1 − δ₁δ₂)`. Discount factors in `[0, 1]`, not both 1.
pub fn rubinstein_shares(delta1: f64, delta2: f64) -> Result<(f64, f64), BargainingError> {
    check_range(
        "delta1",
        delta1,
        0.0,
        1.0,
        false,
        "a discount factor in [0, 1]",
    )?;
    check_range(
        "delta2",
        delta2,
        0.0,
        1.0,
        false,
        "a discount factor in [0, 1]",
    )?;
    if delta1 * delta2 >= 1.0 {
        return Err(BargainingError::InvalidParameter {
            name: "delta1 * delta2",
            value: (delta1 * delta2).to_string(),
            allowed: "at least one discount factor below 1",
        });
    }
    let x1 = (1.0 - delta2) / (1.0 - delta1 * delta2);
    Ok((x1, 1.0 - x1))
}

/// Player 1's share in the limit of short periods with `δ_i = e^{−r_i Δ}`, `Δ → 0`:
/// `r₂/(r₁ + r₂)` (the Nash solution with weights `1/r_i`). Rates must be > 0.
pub fn rubinstein_limit(r1: f64, r2: f64) -> Result<f64, BargainingError> {
    check_range(
        "r1",
        r1,
        f64::MIN_POSITIVE,
        f64::INFINITY,
        true,
        "a finite rate > 0",
    )?;
    check_range(
        "r2",
        r2,
        f64::MIN_POSITIVE,
        f64::INFINITY,
        true,
        "a finite rate > 0",
    )?;
    Ok(r2 / (r1 + r2))
}

/// Stationary SPE of three-player unanimity bargaining with a rotating proposer and common `δ`:
/// proposer, next proposer and the one after get `(1, δ, δ²)/(1 + δ + δ²)`.
pub fn shaked_sutton_shares(delta: f64) -> Result<[f64; 3], BargainingError> {
    check_range(
        "delta",
        delta,
        0.0,
        1.0,
        false,
        "a discount factor in [0, 1]",
    )?;
    let s = 1.0 + delta + delta * delta;
    Ok([1.0 / s, delta / s, delta * delta / s])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_forms() {
        let (x1, x2) = rubinstein_shares(0.95, 0.90).unwrap();
        assert!((x1 - 0.689_655).abs() < 1e-6 && (x1 + x2 - 1.0).abs() < 1e-15);
        assert!((rubinstein_limit(0.10, 0.30).unwrap() - 0.75).abs() < 1e-15);
        // The discrete split approaches the limit as Δ → 0.
        let dt: f64 = 1e-5;
        let (x, _) = rubinstein_shares((-0.1 * dt).exp(), (-0.3 * dt).exp()).unwrap();
        assert!((x - 0.75).abs() < 1e-5);
        let s = shaked_sutton_shares(0.9).unwrap();
        assert!((s[0] - 0.369_004).abs() < 1e-6);
        assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        assert!(rubinstein_shares(1.0, 1.0).is_err());
        assert!(rubinstein_shares(-0.1, 0.5).is_err());
        assert!(rubinstein_limit(0.0, 1.0).is_err());
        assert!(shaked_sutton_shares(f64::NAN).is_err());
    }
}
