//! Small dense linear systems by Gaussian elimination with partial pivoting, for the inner
//! loops of vertex enumeration (allocation-free, row-major buffers supplied by the caller).

/// Solves `a · x = b` in place for an `n × n` row-major `a`; on success `b` holds `x`.
/// Returns `false` when a pivot is smaller than `pivot_tol` in absolute value (singular or
/// nearly singular system); `a` and `b` are then left in an unspecified state.
pub(crate) fn solve_in_place(a: &mut [f64], b: &mut [f64], n: usize, pivot_tol: f64) -> bool {
    debug_assert!(a.len() >= n * n && b.len() >= n);
    for col in 0..n {
        let mut best = col;
        let mut best_abs = a[col * n + col].abs();
        for row in col + 1..n {
            let v = a[row * n + col].abs();
            if v > best_abs {
                best = row;
                best_abs = v;
            }
        }
        if best_abs <= pivot_tol {
            return false;
        }
        if best != col {
            for k in 0..n {
                a.swap(col * n + k, best * n + k);
            }
            b.swap(col, best);
        }
        let pivot = a[col * n + col];
        for row in col + 1..n {
            let f = a[row * n + col] / pivot;
            if f != 0.0 {
                for k in col..n {
                    a[row * n + k] -= f * a[col * n + k];
                }
                b[row] -= f * b[col];
            }
        }
    }
    for col in (0..n).rev() {
        let mut s = b[col];
        for k in col + 1..n {
            s -= a[col * n + k] * b[k];
        }
        b[col] = s / a[col * n + col];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_detects_singularity() {
        let mut a = [0.0, 2.0, 1.0, 1.0];
        let mut b = [4.0, 3.0];
        assert!(solve_in_place(&mut a, &mut b, 2, 1e-12));
        assert!((b[0] - 1.0).abs() < 1e-15 && (b[1] - 2.0).abs() < 1e-15);
        let mut a = [1.0, 2.0, 2.0, 4.0];
        let mut b = [1.0, 2.0];
        assert!(!solve_in_place(&mut a, &mut b, 2, 1e-12));
    }
}
