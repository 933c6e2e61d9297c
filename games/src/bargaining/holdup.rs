//! Hold-up (Grossman–Hart; Hart–Moore): an investor who receives a share `β` of the ex-post
//! value `v(I)` of a non-contractible investment `I` chooses `I` to maximise `β v(I) − I`, so it
//! under-invests relative to the first best `v′(I*) = 1`.

use super::frontier::golden_max;
use super::{check_range, BargainingError};

/// Closed form for `v(I) = a√I`: `I = (βa/2)²` (for `a = 2`, `I = β²`; first best at `β = 1`).
pub fn holdup_investment_sqrt(beta: f64, a: f64) -> Result<f64, BargainingError> {
    check_range("beta", beta, 0.0, 1.0, false, "a share in [0, 1]")?;
    check_range("a", a, 0.0, f64::INFINITY, true, "a finite number >= 0")?;
    Ok((beta * a / 2.0).powi(2))
}

/// Investment maximising `β v(I) − I` over `[0, i_max]` for a concave value function `v`
/// (golden-section search).
pub fn holdup_investment(
    beta: f64,
    v: impl Fn(f64) -> f64,
    i_max: f64,
) -> Result<f64, BargainingError> {
    check_range("beta", beta, 0.0, 1.0, false, "a share in [0, 1]")?;
    check_range(
        "i_max",
        i_max,
        f64::MIN_POSITIVE,
        f64::INFINITY,
        true,
        "a finite number > 0",
    )?;
    Ok(golden_max(|i| beta * v(i) - i, 0.0, i_max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_forms() {
        assert!((holdup_investment_sqrt(0.5, 2.0).unwrap() - 0.25).abs() < 1e-15);
        assert!((holdup_investment_sqrt(1.0, 2.0).unwrap() - 1.0).abs() < 1e-15);
        for beta in [0.5, 1.0] {
            let i = holdup_investment(beta, |i| 2.0 * i.sqrt(), 2.0).unwrap();
            assert!((i - beta * beta).abs() < 1e-6, "{i}");
        }
        assert!(holdup_investment_sqrt(1.5, 2.0).is_err());
        assert!(holdup_investment(0.5, f64::sqrt, 0.0).is_err());
    }
}
