//! Variance-based sensitivity: Saltelli's sampling design and Sobol indices with bootstrap
//! confidence intervals.
//!
//! **Design** (Saltelli 2002, 2010). Two independent N × k sample matrices A and B of the unit
//! hypercube, and for each factor i the matrix A_B^(i): A with column i taken from B. The model
//! is evaluated at the N(k + 2) rows, laid out as A (rows 0..N), B (N..2N), then A_B^(0),
//! A_B^(1), … (each N rows). A and B are the first k and the next k coordinates of one
//! 2k-dimensional **Owen-scrambled Sobol sequence** (crate `sobol_burley`, Burley 2020, seeded;
//! f32 precision, 24 bits per coordinate) when N ≤ 2^16 and 2k ≤ 256; otherwise ChaCha8
//! pseudo-random uniforms (recorded in [`SaltelliDesign::sequence`]). Powers of two suit the
//! Sobol sequence best.
//!
//! **Estimators.** With f_A, f_B, f_ABi the outputs at matching rows, V the variance of the
//! 2N outputs of A and B together (denominator 2N) and m their mean:
//! - first order (Saltelli et al. 2010, eq. (b) of table 2): S_i = mean((f_B − m)(f_ABi − f_A))
//!   / V (centring f_B leaves the expectation unchanged and removes a variance term of order
//!   m², which dominates for outputs far from 0 such as shares near 1; SALib standardises the
//!   outputs for the same reason);
//! - total (Jansen 1999): ST_i = mean((f_A − f_ABi)²) / (2V).
//!
//! **Confidence intervals.** Percentile bootstrap: the N row indices are resampled with
//! replacement (the same rows for A, B and every A_B^(i), so the pairing is kept), the indices
//! recomputed, and the (1 − c)/2 and (1 + c)/2 percentiles of the replicates reported.
//! Replicate b draws from its own ChaCha stream of (seed, b), so intervals do not depend on the
//! number of threads. With a quasi-random design the bootstrap, which assumes independent rows,
//! is conservative.
//!
//! **Stochastic models.** When every evaluation carries independent Monte Carlo noise of
//! variance σ², S_i is unbiased but each ST_i is inflated by about σ²/V (f_A − f_ABi contains
//! two independent noise terms). Callers should report that "noise floor" beside ST.

use crate::ranking::{self, RankingOptions, RankingReport};
use crate::stats::quantile;
use crate::{stream, AnalysisError, Rng};
use rand::RngExt;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Largest base sample size served by the Sobol sequence (a limit of `sobol_burley`).
pub const MAX_SOBOL_SAMPLES: usize = 1 << 16;

/// The point sequence behind a design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sequence {
    /// Owen-scrambled Sobol (quasi-random), `sobol_burley`.
    OwenSobol,
    /// ChaCha8 pseudo-random uniforms.
    PseudoRandom,
}

/// A Saltelli design: the N(k + 2) points at which to evaluate the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaltelliDesign {
    /// Number of factors.
    pub k: usize,
    /// Base sample size N.
    pub n: usize,
    /// The sequence that produced A and B.
    pub sequence: Sequence,
    /// The points, rows of \[0, 1)^k: A, B, A_B^(0), …, A_B^(k−1), N rows each.
    pub points: Vec<Vec<f64>>,
}

/// Builds the Saltelli design for `k` factors and base sample size `n`, seeded by `seed`.
pub fn saltelli(k: usize, n: usize, seed: u64) -> Result<SaltelliDesign, AnalysisError> {
    if k == 0 || n < 2 {
        return Err(AnalysisError::Shape(format!(
            "a Saltelli design needs k ≥ 1 factors and N ≥ 2 samples (k = {k}, N = {n})"
        )));
    }
    let sobol = n <= MAX_SOBOL_SAMPLES && 2 * k <= sobol_burley::NUM_DIMENSIONS as usize;
    let mut ab = vec![vec![0.0; 2 * k]; n];
    if sobol {
        let s = crate::splitmix64(seed ^ 0x0053_4f42_4f4c) as u32;
        for (j, row) in ab.iter_mut().enumerate() {
            for (d, x) in row.iter_mut().enumerate() {
                *x = f64::from(sobol_burley::sample(j as u32, d as u32, s));
            }
        }
    } else {
        let mut rng: Rng = stream(seed, 0x0053_4f42_4f4c, 0);
        for row in ab.iter_mut() {
            for x in row.iter_mut() {
                *x = rng.random();
            }
        }
    }
    let mut points = Vec::with_capacity(n * (k + 2));
    points.extend(ab.iter().map(|r| r[..k].to_vec()));
    points.extend(ab.iter().map(|r| r[k..].to_vec()));
    for i in 0..k {
        points.extend(ab.iter().map(|r| {
            let mut a = r[..k].to_vec();
            a[i] = r[k + i];
            a
        }));
    }
    Ok(SaltelliDesign {
        k,
        n,
        sequence: if sobol {
            Sequence::OwenSobol
        } else {
            Sequence::PseudoRandom
        },
        points,
    })
}

/// Options of [`indices`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SobolOptions {
    /// Bootstrap replicates (default 1000).
    pub bootstrap: usize,
    /// Confidence level of the intervals (default 0.95).
    pub confidence: f64,
    /// Seed of the bootstrap resampling.
    pub seed: u64,
}

impl Default for SobolOptions {
    fn default() -> Self {
        SobolOptions {
            bootstrap: 1000,
            confidence: 0.95,
            seed: 0,
        }
    }
}

/// One factor's indices and their bootstrap intervals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SobolIndex {
    /// First-order index S_i.
    pub s1: f64,
    /// Lower bound of S_i's interval.
    pub s1_lo: f64,
    /// Upper bound of S_i's interval.
    pub s1_hi: f64,
    /// Total index ST_i.
    pub st: f64,
    /// Lower bound of ST_i's interval.
    pub st_lo: f64,
    /// Upper bound of ST_i's interval.
    pub st_hi: f64,
}

/// The indices of every factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SobolResult {
    /// Base sample size N.
    pub n: usize,
    /// Mean output over A and B.
    pub mean: f64,
    /// Output variance V over A and B (denominator 2N).
    pub variance: f64,
    /// The output does not vary over A and B (V = 0): the indices are undefined and set to 0.
    pub constant_output: bool,
    /// Bootstrap replicates used.
    pub bootstrap: usize,
    /// Confidence level of the intervals.
    pub confidence: f64,
    /// One entry per factor, in factor order.
    pub indices: Vec<SobolIndex>,
}

/// Point estimates (S1, ST, mean, V) over the rows `rows` (all rows when `None`).
fn estimate(
    k: usize,
    n: usize,
    y: &[f64],
    rows: Option<&[usize]>,
) -> (Vec<f64>, Vec<f64>, f64, f64) {
    let all: Vec<usize>;
    let rows = match rows {
        Some(r) => r,
        None => {
            all = (0..n).collect();
            &all
        }
    };
    let m = rows.len() as f64;
    let (mut sum, mut sum2) = (0.0, 0.0);
    for &j in rows {
        for v in [y[j], y[n + j]] {
            sum += v;
            sum2 += v * v;
        }
    }
    let mean = sum / (2.0 * m);
    let var = (sum2 / (2.0 * m) - mean * mean).max(0.0);
    let mut s1 = vec![0.0; k];
    let mut st = vec![0.0; k];
    if var <= 1e-300 {
        return (s1, st, mean, 0.0);
    }
    for i in 0..k {
        let base = (2 + i) * n;
        let (mut a, mut b) = (0.0, 0.0);
        for &j in rows {
            let (fa, fb, fab) = (y[j], y[n + j], y[base + j]);
            a += (fb - mean) * (fab - fa);
            b += (fa - fab) * (fa - fab);
        }
        s1[i] = a / m / var;
        st[i] = b / (2.0 * m) / var;
    }
    (s1, st, mean, var)
}

/// First-order and total Sobol indices with percentile-bootstrap intervals from the outputs `y`
/// at the points of a Saltelli design with `k` factors and base size `n` (`y.len()` must be
/// n(k + 2), in the design's row order).
pub fn indices(
    k: usize,
    n: usize,
    y: &[f64],
    o: SobolOptions,
) -> Result<SobolResult, AnalysisError> {
    if y.len() != n * (k + 2) || n < 2 || k == 0 {
        return Err(AnalysisError::Shape(format!(
            "Sobol indices need N(k + 2) = {} outputs for k = {k}, N = {n}; got {}",
            n * (k + 2),
            y.len()
        )));
    }
    if y.iter().any(|v| !v.is_finite()) {
        return Err(AnalysisError::Shape(
            "Sobol indices: an output is not finite".into(),
        ));
    }
    if !(o.confidence > 0.0 && o.confidence < 1.0) {
        return Err(AnalysisError::Option(format!(
            "confidence {}: must lie in (0, 1)",
            o.confidence
        )));
    }
    let (s1, st, mean, var) = estimate(k, n, y, None);
    let reps: Vec<(Vec<f64>, Vec<f64>)> = (0..o.bootstrap)
        .into_par_iter()
        .map(|b| {
            let mut rng = stream(o.seed, 0x424f_4f54, b as u64);
            let rows: Vec<usize> = (0..n).map(|_| rng.random_range(0..n)).collect();
            let (s1, st, _, _) = estimate(k, n, y, Some(&rows));
            (s1, st)
        })
        .collect();
    let (ql, qh) = ((1.0 - o.confidence) / 2.0, (1.0 + o.confidence) / 2.0);
    let ci = |i: usize, first: bool, point: f64| -> (f64, f64) {
        if reps.is_empty() {
            return (point, point);
        }
        let v: Vec<f64> = reps
            .iter()
            .map(|(a, b)| if first { a[i] } else { b[i] })
            .collect();
        (quantile(&v, ql), quantile(&v, qh))
    };
    let indices = (0..k)
        .map(|i| {
            let (s1_lo, s1_hi) = ci(i, true, s1[i]);
            let (st_lo, st_hi) = ci(i, false, st[i]);
            SobolIndex {
                s1: s1[i],
                s1_lo,
                s1_hi,
                st: st[i],
                st_lo,
                st_hi,
            }
        })
        .collect();
    Ok(SobolResult {
        n,
        mean,
        variance: var,
        constant_output: var == 0.0,
        bootstrap: o.bootstrap,
        confidence: o.confidence,
        indices,
    })
}

/// The ranking by total index ST and whether it is settled (see [`ranking`]); the warning of an
/// unsettled one says to raise the samples and the runs.
pub fn ranking_by_total(names: &[String], r: &SobolResult, o: RankingOptions) -> RankingReport {
    let st: Vec<f64> = r.indices.iter().map(|x| x.st).collect();
    let ci: Vec<(f64, f64)> = r.indices.iter().map(|x| (x.st_lo, x.st_hi)).collect();
    ranking::check(names, &st, &ci, "total Sobol index ST", "samples", o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    fn run(k: usize, n: usize, f: impl Fn(&[f64]) -> f64, seed: u64) -> SobolResult {
        let d = saltelli(k, n, seed).unwrap();
        assert_eq!(d.sequence, Sequence::OwenSobol);
        let y: Vec<f64> = d.points.iter().map(|p| f(p)).collect();
        indices(
            k,
            n,
            &y,
            SobolOptions {
                seed,
                ..SobolOptions::default()
            },
        )
        .unwrap()
    }

    fn assert_within(r: &SobolResult, s1: &[f64], st: &[f64]) {
        for (i, x) in r.indices.iter().enumerate() {
            assert!(
                x.s1_lo <= s1[i] && s1[i] <= x.s1_hi,
                "S{} = {} not in [{}, {}] (estimate {})",
                i + 1,
                s1[i],
                x.s1_lo,
                x.s1_hi,
                x.s1
            );
            assert!(
                x.st_lo <= st[i] && st[i] <= x.st_hi,
                "ST{} = {} not in [{}, {}] (estimate {})",
                i + 1,
                st[i],
                x.st_lo,
                x.st_hi,
                x.st
            );
            // The intervals are informative, not vacuous.
            assert!(x.s1_hi - x.s1_lo < 0.1 && x.st_hi - x.st_lo < 0.1);
        }
    }

    #[test]
    fn ishigami_indices_lie_within_their_intervals() {
        let (a, b) = (7.0, 0.1);
        let f = |x: &[f64]| {
            let x: Vec<f64> = x.iter().map(|u| -PI + 2.0 * PI * u).collect();
            x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
        };
        // Closed forms (Ishigami & Homma 1990; Sobol' & Levitan 1999).
        let pi4 = PI.powi(4);
        let pi8 = PI.powi(8);
        let v1 = 0.5 * (1.0 + b * pi4 / 5.0).powi(2);
        let v2 = a * a / 8.0;
        let v13 = b * b * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
        let v = v1 + v2 + v13;
        let s1 = [v1 / v, v2 / v, 0.0];
        let st = [(v1 + v13) / v, v2 / v, v13 / v];
        assert!((s1[0] - 0.3139).abs() < 1e-4 && (s1[1] - 0.4424).abs() < 1e-4);
        assert!((st[0] - 0.5576).abs() < 1e-4 && (st[2] - 0.2437).abs() < 1e-4);
        let r = run(3, 1 << 14, f, 20260427);
        assert_within(&r, &s1, &st);
        let names: Vec<String> = ["x1", "x2", "x3"].map(String::from).to_vec();
        let rank = ranking_by_total(&names, &r, RankingOptions::default());
        assert_eq!(rank.order, ["x1", "x2", "x3"]);
        assert!(rank.settled, "{:?}", rank.warning);
    }

    #[test]
    fn g_function_indices_lie_within_their_intervals() {
        let a = [0.0, 1.0, 4.5, 9.0, 99.0, 99.0];
        let f = |x: &[f64]| {
            x.iter()
                .zip(a)
                .map(|(x, a)| ((4.0 * x - 2.0).abs() + a) / (1.0 + a))
                .product::<f64>()
        };
        let vi: Vec<f64> = a
            .iter()
            .map(|a| 1.0 / (3.0 * (1.0 + a) * (1.0 + a)))
            .collect();
        let v = vi.iter().map(|v| 1.0 + v).product::<f64>() - 1.0;
        let s1: Vec<f64> = vi.iter().map(|x| x / v).collect();
        let st: Vec<f64> = (0..6)
            .map(|i| {
                vi[i]
                    * (0..6)
                        .filter(|&j| j != i)
                        .map(|j| 1.0 + vi[j])
                        .product::<f64>()
                    / v
            })
            .collect();
        let r = run(6, 1 << 13, f, 7);
        assert_within(&r, &s1, &st);
    }

    #[test]
    fn bootstrap_is_seeded_and_independent_of_threads() {
        let d = saltelli(2, 256, 3).unwrap();
        let y: Vec<f64> = d.points.iter().map(|p| p[0] + 0.2 * p[1] * p[1]).collect();
        let o = SobolOptions {
            bootstrap: 200,
            ..SobolOptions::default()
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let a = one.install(|| indices(2, 256, &y, o).unwrap());
        let b = two.install(|| indices(2, 256, &y, o).unwrap());
        assert_eq!(a, b);
        assert!(indices(2, 256, &y[1..], o).is_err());
        // A constant output has no variance to apportion.
        let c = indices(2, 256, &vec![1.0; y.len()], o).unwrap();
        assert!(c.constant_output && c.indices[0].st == 0.0);
        // Large designs fall back to pseudo-random points.
        assert_eq!(
            saltelli(200, 4, 1).unwrap().sequence,
            Sequence::PseudoRandom
        );
    }
}
