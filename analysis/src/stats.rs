//! Small statistics helpers: mean, sample variance, percentiles (linear interpolation between
//! order statistics, as numpy's default), the upper tail of the binomial distribution and the
//! Wilson score interval of a binomial share.

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Wilson score interval for `count` successes in `n` trials at normal quantile `z` ([`Z95`]
/// for 95%); (0, 1) when `n` is 0. With no successes the lower end is exactly 0, and with no
/// failures the upper end is exactly 1 (the closed form; computed naively they carry rounding
/// residue such as 1e-19).
pub fn wilson(count: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (none, all) = (count == 0, count >= n);
    let n = n as f64;
    let p = count as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    let lo = if none { 0.0 } else { (centre - half).max(0.0) };
    let hi = if all { 1.0 } else { (centre + half).min(1.0) };
    (lo, hi)
}

/// Arithmetic mean (NaN for an empty slice).
pub fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

/// Sample variance with denominator n − 1 (0 for fewer than two values).
pub fn variance(x: &[f64]) -> f64 {
    if x.len() < 2 {
        return 0.0;
    }
    let m = mean(x);
    x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (x.len() - 1) as f64
}

/// The `q`-quantile (q ∈ \[0, 1\]) of `x` by linear interpolation between order statistics.
/// Non-finite values are ignored; NaN when nothing finite is left.
pub fn quantile(x: &[f64], q: f64) -> f64 {
    let mut v: Vec<f64> = x.iter().copied().filter(|v| v.is_finite()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    quantile_sorted(&v, q)
}

/// [`quantile`] of an already sorted slice of finite values.
pub fn quantile_sorted(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let h = q.clamp(0.0, 1.0) * (v.len() - 1) as f64;
    let i = h.floor() as usize;
    let j = (i + 1).min(v.len() - 1);
    v[i] + (h - i as f64) * (v[j] - v[i])
}

/// Natural log of n! for n = 0..=max, by cumulative sums (exact to rounding).
fn log_factorials(max: u64) -> Vec<f64> {
    let mut t = Vec::with_capacity(max as usize + 1);
    let mut acc = 0.0;
    t.push(0.0);
    for i in 1..=max {
        acc += (i as f64).ln();
        t.push(acc);
    }
    t
}

/// P(X ≥ k) for X ~ Binomial(n, p): the one-sided binomial test of "k or more successes".
pub fn binomial_sf_ge(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let lf = log_factorials(n);
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    let terms: Vec<f64> = (k..=n)
        .map(|i| {
            lf[n as usize] - lf[i as usize] - lf[(n - i) as usize]
                + i as f64 * lp
                + (n - i) as f64 * lq
        })
        .collect();
    let m = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let s: f64 = terms.iter().map(|t| (t - m).exp()).sum();
    (m + s.ln()).exp().min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_known_values() {
        // 50/100: centre 0.5, half-width ≈ 0.0962 (textbook value 0.4038–0.5962).
        let (lo, hi) = wilson(50, 100, Z95);
        assert!((lo - 0.4038).abs() < 1e-4 && (hi - 0.5962).abs() < 1e-4);
        let (lo, hi) = wilson(0, 10, Z95);
        assert_eq!(lo, 0.0);
        assert!((hi - 0.2775).abs() < 1e-4);
        assert_eq!(wilson(0, 0, Z95), (0.0, 1.0));
    }

    #[test]
    fn wilson_ends_are_exact_at_zero_and_all() {
        // Computed naively, 0 of 2000 gives a lower end of about 1e-19, not 0.
        for n in [1, 7, 2000, 200_000, 10_000_000] {
            let (lo, hi) = wilson(0, n, Z95);
            assert_eq!(lo, 0.0, "0 of {n}");
            assert!(hi > 0.0 && hi < 1.0);
            let (c, d) = wilson(n, n, Z95);
            assert_eq!(d, 1.0, "{n} of {n}");
            assert!(c > 0.0 && c < 1.0);
            // The interval of n of n mirrors that of 0 of n.
            assert!((lo - (1.0 - d)).abs() < 1e-12 && (hi - (1.0 - c)).abs() < 1e-12);
        }
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let x = [4.0, 1.0, 3.0, 2.0];
        assert_eq!(quantile(&x, 0.0), 1.0);
        assert_eq!(quantile(&x, 1.0), 4.0);
        assert!((quantile(&x, 0.5) - 2.5).abs() < 1e-12);
        assert!((quantile(&x, 0.25) - 1.75).abs() < 1e-12);
        assert!((variance(&x) - 5.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn binomial_tail_matches_closed_forms() {
        // P(X ≥ 1) = 1 − (1 − p)^n; P(X ≥ n) = p^n.
        assert!((binomial_sf_ge(1, 10, 0.1) - (1.0 - 0.9f64.powi(10))).abs() < 1e-12);
        assert!((binomial_sf_ge(10, 10, 0.5) - 0.5f64.powi(10)).abs() < 1e-15);
        // scipy.stats.binom.sf(59, 100, 0.5) = 0.028443966820490...
        assert!((binomial_sf_ge(60, 100, 0.5) - 0.028_443_966_820_490_4).abs() < 1e-12);
        assert_eq!(binomial_sf_ge(0, 5, 0.3), 1.0);
        assert_eq!(binomial_sf_ge(6, 5, 0.3), 0.0);
    }
}
