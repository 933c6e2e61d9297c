//! Axis ranges: finite extents, padding, and probability axes that start at
//! 0 and never exceed 1. Every range returned is finite and non-empty, so
//! plotters never sees NaN bounds.

/// Smallest and largest finite value, or `None` if there is none.
pub(crate) fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// Widen a degenerate range and pad both ends by `frac` of the span.
pub(crate) fn padded(lo: f64, hi: f64, frac: f64) -> (f64, f64) {
    let (lo, hi) = sane(lo, hi);
    let span = hi - lo;
    (lo - span * frac, hi + span * frac)
}

/// A finite range with `lo < hi`.
pub(crate) fn sane(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = match (lo.is_finite(), hi.is_finite()) {
        (true, true) => (lo.min(hi), lo.max(hi)),
        (true, false) => (lo, lo),
        (false, true) => (hi, hi),
        (false, false) => (0.0, 1.0),
    };
    if hi - lo > f64::EPSILON * lo.abs().max(hi.abs()).max(1e-300) * 16.0 {
        (lo, hi)
    } else {
        let half = if lo == 0.0 { 0.5 } else { lo.abs() * 0.1 };
        (lo - half, hi + half)
    }
}

/// Value axis for non-negative data: starts at 0 (or below for negative
/// data) and leaves `headroom` above the largest value. With `probability`
/// the top is capped at 1.
pub(crate) fn from_zero(lo: f64, hi: f64, headroom: f64, probability: bool) -> (f64, f64) {
    let lo = if lo.is_finite() { lo.min(0.0) } else { 0.0 };
    let hi = if hi.is_finite() { hi.max(0.0) } else { 0.0 };
    if probability {
        let lo = 0.0;
        let top = if hi <= 0.0 {
            1.0
        } else {
            (hi * (1.0 + headroom)).min(1.0)
        };
        return (lo, top.max(1e-6));
    }
    if hi - lo <= 0.0 {
        return (0.0, 1.0);
    }
    let span = hi - lo;
    let lo = if lo < 0.0 { lo - span * headroom } else { 0.0 };
    (lo, hi + span * headroom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_always_usable() {
        assert_eq!(
            extent([f64::NAN, 2.0, -1.0, f64::INFINITY]),
            Some((-1.0, 2.0))
        );
        assert_eq!(extent([f64::NAN]), None);
        let (lo, hi) = padded(3.0, 3.0, 0.05);
        assert!(lo < 3.0 && hi > 3.0);
        let (lo, hi) = padded(f64::NAN, f64::NAN, 0.05);
        assert!(lo.is_finite() && hi.is_finite() && lo < hi);
        assert_eq!(from_zero(0.0, 0.0, 0.1, false), (0.0, 1.0));
        assert_eq!(from_zero(0.0, 0.0, 0.1, true), (0.0, 1.0));
        assert_eq!(from_zero(0.0, 0.95, 0.2, true).1, 1.0);
    }
}
