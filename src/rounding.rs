//! Printed numbers without a negative zero: a value that rounds to zero at the printed
//! precision is shown as 0, not as "-0.00" (a term computed as −0.0, or a rounding residue just
//! below zero).

/// `x`, or exactly 0 when it would print as a negative zero with `decimals` decimals.
pub(crate) fn unsigned_zero(x: f64, decimals: i32) -> f64 {
    if x.abs() < 0.5 * 10f64.powi(-decimals) {
        0.0
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::unsigned_zero;

    #[test]
    fn negative_zero_and_residue_print_as_zero() {
        assert_eq!(format!("{:.2}", -0.0f64), "-0.00");
        assert_eq!(format!("{:.2}", unsigned_zero(-0.0, 2)), "0.00");
        assert_eq!(format!("{:.1}", unsigned_zero(-0.04, 1)), "0.0");
        assert_eq!(format!("{:.2}", unsigned_zero(-0.004, 2)), "0.00");
        // Values that print as non-zero are kept.
        assert_eq!(format!("{:.2}", unsigned_zero(-0.005, 2)), "-0.01");
        assert_eq!(format!("{:.1}", unsigned_zero(-67.8, 1)), "-67.8");
        assert_eq!(unsigned_zero(1e-3, 4), 1e-3);
    }
}
