//! Is a ranking settled? Given an index per parameter (e.g. Sobol total index ST or Morris μ*)
//! with a confidence interval, rank the parameters by the index and flag each pair of
//! adjacent-ranked parameters whose intervals overlap by more than a threshold: their order
//! could be the other way round with a larger design (samples, trajectories) or more runs.
//!
//! Overlap of two intervals = length of their intersection / length of the shorter interval
//! (0: disjoint, 1: one contains the other). Pairs where both upper bounds are below a
//! `negligible` level are not flagged one by one: they are reported together as "negligible",
//! since the order among parameters with no detectable effect is not a finding.

use serde::{Deserialize, Serialize};

/// Options of [`check`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RankingOptions {
    /// Flag adjacent pairs whose intervals overlap by more than this fraction (default 0.25).
    pub overlap_threshold: f64,
    /// Upper bounds below this are negligible (default 0.01, in index units).
    pub negligible: f64,
}

impl Default for RankingOptions {
    fn default() -> Self {
        RankingOptions {
            overlap_threshold: 0.25,
            negligible: 0.01,
        }
    }
}

/// A pair of adjacent-ranked parameters whose order is not settled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnsettledPair {
    /// Rank (0-based) of the higher-ranked parameter of the pair.
    pub rank: usize,
    /// Name of the higher-ranked parameter.
    pub higher: String,
    /// Name of the lower-ranked parameter.
    pub lower: String,
    /// Overlap of their intervals (intersection / shorter interval).
    pub overlap: f64,
}

/// The ranking and what is not settled about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankingReport {
    /// Parameter names, highest index first.
    pub order: Vec<String>,
    /// Adjacent pairs whose intervals overlap by more than the threshold.
    pub unsettled: Vec<UnsettledPair>,
    /// Parameters whose upper bound is below the negligible level.
    pub negligible: Vec<String>,
    /// True when no adjacent pair of non-negligible parameters is unsettled.
    pub settled: bool,
    /// A human-readable warning when the ranking is not settled (None when it is).
    pub warning: Option<String>,
}

/// Overlap of `[a_lo, a_hi]` and `[b_lo, b_hi]`: intersection / shorter length (1 when the
/// shorter interval has zero length and lies inside the other, 0 when disjoint).
pub fn overlap(a: (f64, f64), b: (f64, f64)) -> f64 {
    let inter = a.1.min(b.1) - a.0.max(b.0);
    if inter < 0.0 {
        return 0.0;
    }
    let shorter = (a.1 - a.0).min(b.1 - b.0);
    if shorter <= 0.0 {
        1.0
    } else {
        (inter / shorter).min(1.0)
    }
}

/// Ranks `names` by `value` (descending; ties by name) and checks adjacent intervals `(lo, hi)`.
/// `what` names the index in the warning (e.g. "total Sobol index ST"), and `design` what the
/// warning tells the reader to raise with the runs: the design's size, named as its flag is
/// without the dashes (e.g. "samples" for Sobol, "trajectories" for Morris).
pub fn check(
    names: &[String],
    value: &[f64],
    interval: &[(f64, f64)],
    what: &str,
    design: &str,
    o: RankingOptions,
) -> RankingReport {
    let mut idx: Vec<usize> = (0..names.len()).collect();
    idx.sort_by(|&a, &b| {
        value[b]
            .total_cmp(&value[a])
            .then_with(|| names[a].cmp(&names[b]))
    });
    let negligible_of = |i: usize| interval[i].1 < o.negligible;
    let mut unsettled = Vec::new();
    for (r, w) in idx.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        if negligible_of(a) && negligible_of(b) {
            continue;
        }
        let ov = overlap(interval[a], interval[b]);
        if ov > o.overlap_threshold {
            unsettled.push(UnsettledPair {
                rank: r,
                higher: names[a].clone(),
                lower: names[b].clone(),
                overlap: ov,
            });
        }
    }
    let negligible: Vec<String> = idx
        .iter()
        .filter(|&&i| negligible_of(i))
        .map(|&i| names[i].clone())
        .collect();
    let settled = unsettled.is_empty();
    let warning = (!settled).then(|| {
        let mut s = format!(
            "warning: the ranking by {what} is not settled: {} adjacent pair{} of parameters \
             have 95% intervals overlapping by more than {:.0}% of the shorter one, so their \
             order may flip with more {design} or runs (raise --{design} and --runs):",
            unsettled.len(),
            if unsettled.len() == 1 { "" } else { "s" },
            100.0 * o.overlap_threshold
        );
        for p in &unsettled {
            s.push_str(&format!(
                "\n  #{} {} vs #{} {}: overlap {:.0}%",
                p.rank + 1,
                p.higher,
                p.rank + 2,
                p.lower,
                100.0 * p.overlap
            ));
        }
        s
    });
    RankingReport {
        order: idx.iter().map(|&i| names[i].clone()).collect(),
        unsettled,
        negligible,
        settled,
        warning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("p{i}")).collect()
    }

    #[test]
    fn separated_intervals_are_settled_and_overlapping_ones_are_flagged() {
        let r = check(
            &names(3),
            &[0.1, 0.5, 0.3],
            &[(0.08, 0.12), (0.45, 0.55), (0.25, 0.35)],
            "ST",
            "samples",
            RankingOptions::default(),
        );
        assert_eq!(r.order, ["p1", "p2", "p0"]);
        assert!(r.settled && r.warning.is_none());
        let r = check(
            &names(3),
            &[0.30, 0.5, 0.32],
            &[(0.2, 0.4), (0.45, 0.55), (0.22, 0.42)],
            "ST",
            "samples",
            RankingOptions::default(),
        );
        assert_eq!(r.order, ["p1", "p2", "p0"]);
        assert_eq!(r.unsettled.len(), 1);
        assert_eq!(
            (r.unsettled[0].higher.as_str(), r.unsettled[0].rank),
            ("p2", 1)
        );
        assert!((r.unsettled[0].overlap - 0.9).abs() < 1e-9);
        let warning = r.warning.unwrap();
        assert!(warning.contains("#2 p2 vs #3 p0"), "{warning}");
        assert!(
            warning.contains("(raise --samples and --runs)"),
            "{warning}"
        );
    }

    #[test]
    fn negligible_parameters_are_grouped_not_flagged() {
        let r = check(
            &names(3),
            &[0.001, 0.002, 0.6],
            &[(0.0, 0.004), (0.0, 0.005), (0.5, 0.7)],
            "ST",
            "samples",
            RankingOptions::default(),
        );
        assert!(r.settled);
        assert_eq!(r.negligible, ["p1", "p0"]);
        assert_eq!(overlap((0.0, 1.0), (2.0, 3.0)), 0.0);
        assert_eq!(overlap((0.0, 1.0), (0.5, 0.5)), 1.0);
    }
}
