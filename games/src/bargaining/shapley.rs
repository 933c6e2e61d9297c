//! Shapley value of a transferable-utility game and core membership.
//!
//! A characteristic function on `n` players is a slice of `2ⁿ` values indexed by coalition
//! bitmask (bit `i` set when player `i` is in the coalition); `v[0]` must be 0.

use super::BargainingError;

/// Largest number of players accepted (2ⁿ values are stored).
pub const MAX_PLAYERS: usize = 25;

fn players(v: &[f64]) -> Result<usize, BargainingError> {
    let n = v.len().trailing_zeros() as usize;
    if v.len() < 2 || !v.len().is_power_of_two() || n > MAX_PLAYERS {
        return Err(BargainingError::InvalidParameter {
            name: "characteristic function length",
            value: v.len().to_string(),
            allowed: "2^n values for 1 <= n <= 25 players",
        });
    }
    if v[0] != 0.0 || v.iter().any(|x| !x.is_finite()) {
        return Err(BargainingError::InvalidParameter {
            name: "characteristic function",
            value: format!("v(empty) = {}", v[0]),
            allowed: "finite values with v(empty set) = 0",
        });
    }
    Ok(n)
}

/// Shapley value `φ_i = Σ_{C ∌ i} |C|!(n−|C|−1)!/n! · [v(C ∪ {i}) − v(C)]`.
pub fn shapley_value(v: &[f64]) -> Result<Vec<f64>, BargainingError> {
    let n = players(v)?;
    // weight[s] = s!(n−s−1)!/n!
    let mut weight = vec![0.0; n];
    weight[0] = 1.0 / n as f64;
    for s in 1..n {
        weight[s] = weight[s - 1] * s as f64 / (n - s) as f64;
    }
    let mut phi = vec![0.0; n];
    for (c, &vc) in v.iter().enumerate() {
        let size = c.count_ones() as usize;
        for (i, p) in phi.iter_mut().enumerate() {
            if c >> i & 1 == 0 {
                *p += weight[size] * (v[c | 1 << i] - vc);
            }
        }
    }
    Ok(phi)
}

/// Result of a core-membership check.
#[derive(Debug, Clone, PartialEq)]
pub struct CoreCheck {
    /// Whether `x` is efficient (within tolerance) and no coalition can improve on it.
    pub in_core: bool,
    /// `Σ x_i − v(N)`.
    pub efficiency_gap: f64,
    /// The coalition (bitmask) with the largest `v(C) − Σ_{i∈C} x_i` and that excess, if
    /// positive.
    pub most_violated: Option<(usize, f64)>,
}

/// Checks whether the allocation `x` is in the core of `v`, with tolerance `tol`.
pub fn core_check(v: &[f64], x: &[f64], tol: f64) -> Result<CoreCheck, BargainingError> {
    let n = players(v)?;
    if x.len() != n {
        return Err(BargainingError::LengthMismatch {
            what: "allocation",
            expected: n,
            got: x.len(),
        });
    }
    let full = (1usize << n) - 1;
    let efficiency_gap = x.iter().sum::<f64>() - v[full];
    let mut worst: Option<(usize, f64)> = None;
    for (c, &vc) in v.iter().enumerate().skip(1) {
        let share: f64 = (0..n).filter(|i| c >> i & 1 == 1).map(|i| x[i]).sum();
        let excess = vc - share;
        if excess > tol && worst.is_none_or(|(_, e)| excess > e) {
            worst = Some((c, excess));
        }
    }
    Ok(CoreCheck {
        in_core: worst.is_none() && efficiency_gap.abs() <= tol,
        efficiency_gap,
        most_violated: worst,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glove_game() {
        // Player 0 holds a left glove, players 1 and 2 right gloves.
        let mut v = vec![0.0; 8];
        for c in [0b011, 0b101, 0b111] {
            v[c] = 1.0;
        }
        let phi = shapley_value(&v).unwrap();
        assert!((phi[0] - 2.0 / 3.0).abs() < 1e-12 && (phi[1] - 1.0 / 6.0).abs() < 1e-12);
        let check = core_check(&v, &phi, 1e-12).unwrap();
        assert!(!check.in_core);
        let (c, e) = check.most_violated.unwrap();
        assert_eq!(c, 0b011);
        assert!((e - 1.0 / 6.0).abs() < 1e-12);
        assert!(core_check(&v, &[1.0, 0.0, 0.0], 1e-12).unwrap().in_core);
    }

    #[test]
    fn majority_and_hub_games() {
        let v: Vec<f64> = (0..8u32)
            .map(|c| f64::from(u8::from(c.count_ones() >= 2)))
            .collect();
        let phi = shapley_value(&v).unwrap();
        assert!(phi.iter().all(|p| (p - 1.0 / 3.0).abs() < 1e-12));
        assert!(core_check(&v, &phi, 1e-9).unwrap().most_violated.is_some());
        // Additive game: Shapley value = stand-alone values, and it is in the core.
        let w = [1.0, 2.0, 4.0, 8.0];
        let v: Vec<f64> = (0..16)
            .map(|c: usize| (0..4).filter(|i| c >> i & 1 == 1).map(|i| w[i]).sum())
            .collect();
        let phi = shapley_value(&v).unwrap();
        for (a, b) in phi.iter().zip(w) {
            assert!((a - b).abs() < 1e-12);
        }
        assert!(core_check(&v, &phi, 1e-12).unwrap().in_core);
        assert!(shapley_value(&[0.0, 1.0, 2.0]).is_err());
        assert!(shapley_value(&[1.0, 1.0]).is_err());
        assert!(core_check(&v, &[1.0], 1e-9).is_err());
    }
}
