//! Binmore–Rubinstein–Wolinsky outside option principle, discrete version (Osborne–Rubinstein
//! 1990 §3.12): with a common discount factor `δ`, player 2 may opt out for `b` when responding.
//! The option only matters when it binds.

use super::{check_delta, check_range, BargainingError};

/// Player 1's SPE share: `1/(1+δ)` if `b ≤ δ/(1+δ)`, otherwise `1 − b`.
/// `δ ∈ [0, 1)`, `b ∈ [0, 1]`.
pub fn outside_option_share(delta: f64, b: f64) -> Result<f64, BargainingError> {
    check_delta(delta)?;
    check_range(
        "outside option b",
        b,
        0.0,
        1.0,
        false,
        "a share of the pie in [0, 1]",
    )?;
    let rubinstein = 1.0 / (1.0 + delta);
    Ok(if b <= delta * rubinstein {
        rubinstein
    } else {
        1.0 - b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_forms() {
        assert!((outside_option_share(0.9, 0.2).unwrap() - 0.526_316).abs() < 1e-6);
        assert!((outside_option_share(0.9, 0.6).unwrap() - 0.40).abs() < 1e-12);
        // Stationary SPE by value iteration with opt-out agrees.
        for b in [0.2, 0.45, 0.6] {
            let (mut v1, mut v2) = (1.0f64, 1.0f64);
            for _ in 0..10_000 {
                (v1, v2) = (1.0 - (0.9 * v2).max(b), 1.0 - 0.9 * v1);
            }
            assert!((v1 - outside_option_share(0.9, b).unwrap()).abs() < 1e-9);
        }
        assert!(outside_option_share(1.0, 0.2).is_err());
        assert!(outside_option_share(0.5, 1.5).is_err());
    }
}
