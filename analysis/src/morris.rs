//! Bootstrap confidence intervals on Morris's μ* (Campolongo, Cariboni & Saltelli 2007).
//!
//! The design and the elementary effects themselves are computed by the caller (pactsim's
//! design lives in `sim::sensitivity`); this module takes the elementary effects arranged by
//! trajectory, `ee[t][i]` = the effect of factor i in trajectory t, resamples whole trajectories
//! with replacement (percentile bootstrap, replicate b seeded from (seed, b)) and reports μ* =
//! mean |EE| with its interval, plus the ranking check of [`crate::ranking`].

use crate::ranking::{self, RankingOptions, RankingReport};
use crate::stats::quantile;
use crate::{stream, AnalysisError};
use rand::RngExt;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// μ* of one factor with its bootstrap interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MuStar {
    /// Mean absolute elementary effect.
    pub mu_star: f64,
    /// Lower bound of the interval.
    pub lo: f64,
    /// Upper bound of the interval.
    pub hi: f64,
}

/// μ* per factor with percentile-bootstrap intervals at level `confidence` from `bootstrap`
/// resamples of the trajectories of `ee` (`ee[t][i]`, every row of the same length k).
pub fn mu_star_intervals(
    ee: &[Vec<f64>],
    bootstrap: usize,
    confidence: f64,
    seed: u64,
) -> Result<Vec<MuStar>, AnalysisError> {
    let t = ee.len();
    let k = ee.first().map_or(0, Vec::len);
    if t == 0 || k == 0 || ee.iter().any(|r| r.len() != k) {
        return Err(AnalysisError::Shape(
            "Morris bootstrap: needs ≥ 1 trajectory and the same number of factors in each".into(),
        ));
    }
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(AnalysisError::Option(format!(
            "confidence {confidence}: must lie in (0, 1)"
        )));
    }
    let mu_star = |rows: &mut dyn Iterator<Item = usize>| -> Vec<f64> {
        let mut s = vec![0.0; k];
        let mut m = 0.0;
        for r in rows {
            for (acc, e) in s.iter_mut().zip(&ee[r]) {
                *acc += e.abs();
            }
            m += 1.0;
        }
        s.into_iter().map(|v| v / m).collect()
    };
    let point = mu_star(&mut (0..t));
    let reps: Vec<Vec<f64>> = (0..bootstrap)
        .into_par_iter()
        .map(|b| {
            let mut rng = stream(seed, 0x4d4f_5252, b as u64);
            let rows: Vec<usize> = (0..t).map(|_| rng.random_range(0..t)).collect();
            mu_star(&mut rows.into_iter())
        })
        .collect();
    let (ql, qh) = ((1.0 - confidence) / 2.0, (1.0 + confidence) / 2.0);
    Ok((0..k)
        .map(|i| {
            let v: Vec<f64> = reps.iter().map(|r| r[i]).collect();
            let (lo, hi) = if v.is_empty() {
                (point[i], point[i])
            } else {
                (quantile(&v, ql), quantile(&v, qh))
            };
            MuStar {
                mu_star: point[i],
                lo,
                hi,
            }
        })
        .collect())
}

/// The ranking by μ* and whether it is settled; the warning of an unsettled one says to raise
/// the trajectories and the runs.
pub fn ranking_by_mu_star(names: &[String], m: &[MuStar], o: RankingOptions) -> RankingReport {
    let v: Vec<f64> = m.iter().map(|x| x.mu_star).collect();
    let ci: Vec<(f64, f64)> = m.iter().map(|x| (x.lo, x.hi)).collect();
    ranking::check(names, &v, &ci, "Morris μ*", "trajectories", o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_cover_the_point_and_shrink_to_it_without_spread() {
        // Factor 0 always has effect ±3, factor 1 varies, factor 2 none.
        let ee: Vec<Vec<f64>> = (0..20)
            .map(|t| vec![if t % 2 == 0 { 3.0 } else { -3.0 }, t as f64 / 10.0, 0.0])
            .collect();
        let m = mu_star_intervals(&ee, 500, 0.95, 1).unwrap();
        assert!((m[0].mu_star - 3.0).abs() < 1e-12 && m[0].lo == 3.0 && m[0].hi == 3.0);
        assert!(m[1].lo < m[1].mu_star && m[1].mu_star < m[1].hi);
        assert_eq!(m[2].hi, 0.0);
        let names: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let r = ranking_by_mu_star(&names, &m, RankingOptions::default());
        assert_eq!(r.order, ["a", "b", "c"]);
        assert!(r.settled);
        assert_eq!(m, mu_star_intervals(&ee, 500, 0.95, 1).unwrap());
        assert!(mu_star_intervals(&[], 10, 0.95, 1).is_err());
    }

    /// An unsettled Morris ranking tells the reader to raise Morris's own design size, the
    /// trajectories (`--samples` is Sobol's, refused with `--method morris`).
    #[test]
    fn an_unsettled_ranking_names_the_trajectories() {
        let m = [(0.5, 0.3, 0.7), (0.45, 0.25, 0.65)].map(|(mu_star, lo, hi)| MuStar {
            mu_star,
            lo,
            hi,
        });
        let names: Vec<String> = ["a", "b"].map(String::from).to_vec();
        let r = ranking_by_mu_star(&names, &m, RankingOptions::default());
        let warning = r.warning.expect("overlapping intervals are not settled");
        assert!(
            warning.contains("more trajectories or runs (raise --trajectories and --runs)"),
            "{warning}"
        );
        assert!(!warning.contains("--samples"), "{warning}");
    }
}
