//! Streaming, order-sensitive aggregation of run records into a [`Summary`]: counts with
//! Wilson intervals, Welford moments, quantiles and histograms. Memory is bounded whatever the
//! number of runs: quantiles are exact order statistics up to [`EXACT_QUANTILE_LIMIT`]
//! observations, and P² estimates beyond. Records must be folded in run order (floating-point sums are
//! order-sensitive); the runner guarantees that.

use crate::outcome::{april_features, Outcome, STRICT_TERMS};
use crate::results::{
    AprilDistance, AprilTerms, Distribution, LitigationStats, OutcomeShare, Payoffs, RunRecord,
    Summary, TermCount, TimeToAgreement,
};

pub use analysis::stats::{wilson, Z95};

/// Index of the largest count (the first one on ties; 0 when there are none): the modal
/// outcome class of per-class counts in classification order.
pub fn modal_index(counts: &[u64]) -> usize {
    let mut best = 0;
    for (k, c) in counts.iter().enumerate() {
        if *c > counts[best] {
            best = k;
        }
    }
    best
}

/// The Wilson 95% interval as a pair.
fn wilson95(count: u64, n: u64) -> [f64; 2] {
    let (lo, hi) = wilson(count, n, Z95);
    [lo, hi]
}

/// `count / n`, and 0 when there is nothing to count (never NaN).
fn share_of(count: u64, n: u64) -> f64 {
    if n == 0 {
        0.0
    } else {
        count as f64 / n as f64
    }
}

/// Welford running mean and variance, plus min and max.
#[derive(Debug, Clone, Copy, Default)]
pub struct Moments {
    n: u64,
    mean: f64,
    m2: f64,
    min: f64,
    max: f64,
}

impl Moments {
    /// Adds one observation.
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        if self.n == 1 {
            self.min = x;
            self.max = x;
        } else {
            self.min = self.min.min(x);
            self.max = self.max.max(x);
        }
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }
    /// Number of observations.
    pub fn count(&self) -> u64 {
        self.n
    }
    /// Mean (0 when empty).
    pub fn mean(&self) -> f64 {
        self.mean
    }
    /// Sample standard deviation (0 with fewer than two observations).
    pub fn sd(&self) -> f64 {
        if self.n < 2 {
            0.0
        } else {
            (self.m2 / (self.n - 1) as f64).sqrt()
        }
    }
    /// 95% normal interval of the mean, mean ± 1.96·sd/√n (`None` with fewer than two
    /// observations, where the sample says nothing about its spread).
    pub fn mean_ci(&self) -> Option<[f64; 2]> {
        (self.n >= 2).then(|| {
            let half = Z95 * self.sd() / (self.n as f64).sqrt();
            [self.mean - half, self.mean + half]
        })
    }
}

/// P² streaming quantile estimator (Jain & Chlamtac 1985): five markers, O(1) memory.
#[derive(Debug, Clone, Copy)]
pub struct P2 {
    p: f64,
    q: [f64; 5],
    n: [f64; 5],
    np: [f64; 5],
    dn: [f64; 5],
    count: usize,
}

impl P2 {
    /// Estimator of the `p` quantile.
    pub fn new(p: f64) -> P2 {
        P2 {
            p,
            q: [0.0; 5],
            n: [0.0, 1.0, 2.0, 3.0, 4.0],
            np: [0.0, 2.0 * p, 4.0 * p, 2.0 + 2.0 * p, 4.0],
            dn: [0.0, p / 2.0, p, (1.0 + p) / 2.0, 1.0],
            count: 0,
        }
    }

    /// Adds one observation.
    pub fn push(&mut self, x: f64) {
        if self.count < 5 {
            self.q[self.count] = x;
            self.count += 1;
            if self.count == 5 {
                self.q.sort_by(f64::total_cmp);
            }
            return;
        }
        self.count += 1;
        let k = if x < self.q[0] {
            self.q[0] = x;
            0
        } else if x >= self.q[4] {
            self.q[4] = x;
            3
        } else {
            (0..4).find(|&i| x < self.q[i + 1]).unwrap_or(3)
        };
        for i in k + 1..5 {
            self.n[i] += 1.0;
        }
        for i in 0..5 {
            self.np[i] += self.dn[i];
        }
        for i in 1..4 {
            let d = self.np[i] - self.n[i];
            if (d >= 1.0 && self.n[i + 1] - self.n[i] > 1.0)
                || (d <= -1.0 && self.n[i - 1] - self.n[i] < -1.0)
            {
                let s = d.signum();
                let qp = self.parabolic(i, s);
                self.q[i] = if self.q[i - 1] < qp && qp < self.q[i + 1] {
                    qp
                } else {
                    self.linear(i, s)
                };
                self.n[i] += s;
            }
        }
    }

    fn parabolic(&self, i: usize, s: f64) -> f64 {
        let (q, n) = (&self.q, &self.n);
        q[i] + s / (n[i + 1] - n[i - 1])
            * ((n[i] - n[i - 1] + s) * (q[i + 1] - q[i]) / (n[i + 1] - n[i])
                + (n[i + 1] - n[i] - s) * (q[i] - q[i - 1]) / (n[i] - n[i - 1]))
    }

    fn linear(&self, i: usize, s: f64) -> f64 {
        let j = if s > 0.0 { i + 1 } else { i - 1 };
        self.q[i] + s * (self.q[j] - self.q[i]) / (self.n[j] - self.n[i])
    }

    /// Current estimate (exact order statistic while fewer than five observations).
    pub fn value(&self) -> f64 {
        if self.count >= 5 {
            return self.q[2];
        }
        if self.count == 0 {
            return 0.0;
        }
        let mut v = self.q[..self.count].to_vec();
        v.sort_by(f64::total_cmp);
        let idx = ((self.count - 1) as f64 * self.p).round() as usize;
        v[idx]
    }
}

/// Most observations a [`DistributionAcc`] keeps for exact quantiles (2 MiB of `f64`); with
/// more, its quantiles are P² estimates. P² is off by about twice the sampling error of a 95th
/// percentile at 3,000 runs (Microsoft's payoff: 673.9 against 666.2 exactly), so every run
/// count up to this limit (the README's 200,000-run baseline included) gets exact values.
pub const EXACT_QUANTILE_LIMIT: usize = 1 << 18;

/// The quantile levels a [`Distribution`] reports.
const LEVELS: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];

/// Streaming distribution summary.
#[derive(Debug, Clone)]
pub struct DistributionAcc {
    moments: Moments,
    quantiles: [P2; 5],
    /// The observations while there are at most [`EXACT_QUANTILE_LIMIT`].
    kept: Vec<f64>,
    count: usize,
}

impl Default for DistributionAcc {
    fn default() -> Self {
        DistributionAcc {
            moments: Moments::default(),
            quantiles: LEVELS.map(P2::new),
            kept: Vec::new(),
            count: 0,
        }
    }
}

/// The `p`-quantile of sorted `v` (not empty), interpolating linearly between order statistics
/// at rank (n − 1)·p (Hyndman & Fan's type 7, the default of R and NumPy).
fn sorted_quantile(v: &[f64], p: f64) -> f64 {
    let h = (v.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(v.len() - 1);
    v[lo] + (h - lo as f64) * (v[hi] - v[lo])
}

impl DistributionAcc {
    /// Adds one observation.
    pub fn push(&mut self, x: f64) {
        self.moments.push(x);
        for q in &mut self.quantiles {
            q.push(x);
        }
        self.count += 1;
        if self.count <= EXACT_QUANTILE_LIMIT {
            self.kept.push(x);
        } else if !self.kept.is_empty() {
            self.kept = Vec::new();
        }
    }
    /// The summary.
    pub fn finish(&self) -> Distribution {
        let q = if self.kept.is_empty() {
            self.quantiles.map(|q| q.value())
        } else {
            let mut v = self.kept.clone();
            v.sort_unstable_by(f64::total_cmp);
            LEVELS.map(|p| sorted_quantile(&v, p))
        };
        Distribution {
            mean: self.moments.mean(),
            sd: self.moments.sd(),
            min: self.moments.min,
            p5: q[0],
            p25: q[1],
            p50: q[2],
            p75: q[3],
            p95: q[4],
            max: self.moments.max,
            mean_ci: self.moments.mean_ci(),
        }
    }
}

/// Folds run records, in run order, into a [`Summary`].
#[derive(Debug, Clone)]
pub struct Accumulator {
    runs: u64,
    counts: [u64; Outcome::ALL.len()],
    agreement: Moments,
    histogram: Vec<u64>,
    distance: Moments,
    distance_deals: Moments,
    payoffs: [DistributionAcc; 3],
    lit: LitigationStats,
    april: AprilTermsAcc,
}

/// Counts behind [`AprilTerms`].
#[derive(Debug, Clone, Copy, Default)]
struct AprilTermsAcc {
    deals: u64,
    terms: [u64; STRICT_TERMS.len()],
    all: u64,
    features: [u64; 7],
}

impl AprilTermsAcc {
    /// Counts the deal of `r` if its class is one the April rules judge.
    fn push(&mut self, r: &RunRecord) {
        let judged = matches!(
            r.outcome,
            Outcome::AprilLikeStrict | Outcome::AprilLikeBroad | Outcome::OtherDeal
        );
        let Some(x) = r.deal_terms.filter(|_| judged) else {
            return;
        };
        self.deals += 1;
        let mut all = true;
        for (count, term) in self.terms.iter_mut().zip(&STRICT_TERMS) {
            let holds = (term.holds)(&x);
            *count += u64::from(holds);
            all &= holds;
        }
        self.all += u64::from(all);
        self.features[april_features(&x)] += 1;
    }

    fn finish(&self) -> AprilTerms {
        AprilTerms {
            deals: self.deals,
            strict_terms: STRICT_TERMS
                .iter()
                .zip(self.terms)
                .map(|(t, count)| {
                    let (ci_low, ci_high) = wilson(count, self.deals, Z95);
                    TermCount {
                        term: t.key.to_string(),
                        count,
                        share: share_of(count, self.deals),
                        ci_low,
                        ci_high,
                    }
                })
                .collect(),
            all_strict_terms: self.all,
            features_histogram: self.features.to_vec(),
        }
    }
}

impl Accumulator {
    /// An empty accumulator for runs of `horizon` weeks.
    pub fn new(horizon: u32) -> Accumulator {
        Accumulator {
            runs: 0,
            counts: [0; Outcome::ALL.len()],
            agreement: Moments::default(),
            histogram: vec![0; horizon as usize],
            distance: Moments::default(),
            distance_deals: Moments::default(),
            payoffs: std::array::from_fn(|_| DistributionAcc::default()),
            lit: LitigationStats {
                threats: 0,
                launches: 0,
                suits: 0,
                injunctions: 0,
                litigation_pi_granted: 0,
                judgments: 0,
                plaintiff_wins: 0,
                threat_share: 0.0,
                threat_share_ci: [0.0, 1.0],
                suit_share: 0.0,
                suit_share_ci: [0.0, 1.0],
                plaintiff_win_rate: None,
                plaintiff_win_rate_ci: None,
                credible_threats: 0,
                credible_threat_share: None,
                credible_threat_share_ci: None,
            },
            april: AprilTermsAcc::default(),
        }
    }

    /// Adds one run.
    pub fn push(&mut self, r: &RunRecord) {
        self.runs += 1;
        self.counts[r.outcome.index()] += 1;
        self.distance.push(r.april_distance);
        if let Some(w) = r.agreement_week {
            self.agreement.push(f64::from(w));
            if let Some(slot) = self.histogram.get_mut(w as usize) {
                *slot += 1;
            }
            self.distance_deals.push(r.april_distance);
        }
        for (acc, v) in self.payoffs.iter_mut().zip(r.payoffs) {
            acc.push(v);
        }
        let l = &mut self.lit;
        l.threats += u64::from(r.threat);
        l.credible_threats += u64::from(r.threat_credible == Some(true));
        l.launches += u64::from(r.launched);
        l.suits += u64::from(r.suit_filed.is_some());
        l.injunctions += u64::from(r.injunction);
        l.litigation_pi_granted += u64::from(r.outcome == Outcome::Litigation && r.injunction);
        if let Some(won) = r.judgment {
            l.judgments += 1;
            l.plaintiff_wins += u64::from(won);
        }
        self.april.push(r);
    }

    /// The summary of everything folded so far.
    pub fn finish(&self) -> Summary {
        let outcomes = Outcome::ALL
            .iter()
            .map(|o| {
                let c = self.counts[o.index()];
                let (lo, hi) = wilson(c, self.runs, Z95);
                OutcomeShare {
                    outcome: o.name().to_string(),
                    count: c,
                    share: share_of(c, self.runs),
                    ci_low: lo,
                    ci_high: hi,
                }
            })
            .collect();
        Summary {
            runs: self.runs,
            outcomes,
            time_to_agreement: TimeToAgreement {
                agreements: self.agreement.count(),
                mean_weeks: (self.agreement.count() > 0).then(|| self.agreement.mean()),
                mean_weeks_ci: self.agreement.mean_ci(),
                histogram: self.histogram.clone(),
            },
            april_distance: AprilDistance {
                mean: self.distance.mean(),
                sd: self.distance.sd(),
                mean_among_agreements: (self.distance_deals.count() > 0)
                    .then(|| self.distance_deals.mean()),
            },
            payoffs: Payoffs {
                microsoft: self.payoffs[0].finish(),
                openai: self.payoffs[1].finish(),
                amazon: self.payoffs[2].finish(),
            },
            litigation: {
                let mut l = self.lit.clone();
                l.threat_share = share_of(l.threats, self.runs);
                l.threat_share_ci = wilson95(l.threats, self.runs);
                l.suit_share = share_of(l.suits, self.runs);
                l.suit_share_ci = wilson95(l.suits, self.runs);
                l.plaintiff_win_rate =
                    (l.judgments > 0).then(|| l.plaintiff_wins as f64 / l.judgments as f64);
                l.plaintiff_win_rate_ci =
                    (l.judgments > 0).then(|| wilson95(l.plaintiff_wins, l.judgments));
                l.credible_threat_share =
                    (l.threats > 0).then(|| share_of(l.credible_threats, l.threats));
                l.credible_threat_share_ci =
                    (l.threats > 0).then(|| wilson95(l.credible_threats, l.threats));
                l
            },
            april_terms: self.april.finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A broad deal in `week` after a defiant launch, with no threat or suit.
    fn deal_in_week(week: u32) -> RunRecord {
        RunRecord {
            outcome: Outcome::AprilLikeBroad,
            agreement_week: Some(week),
            deal_terms: None,
            april_distance: 0.2,
            payoffs: [400.0, 380.0, 60.0],
            suit_filed: None,
            injunction: false,
            judgment: None,
            threat: false,
            threat_credible: None,
            launched: true,
            last_week: week,
            theta: 0.6,
        }
    }

    #[test]
    fn p2_tracks_uniform_quantiles() {
        let mut q = [0.05, 0.5, 0.95].map(P2::new);
        // A deterministic low-discrepancy sequence on [0, 1).
        for i in 0..100_000u64 {
            let x = (i as f64 * 0.618_033_988_749_894_9).fract();
            for e in &mut q {
                e.push(x);
            }
        }
        assert!((q[0].value() - 0.05).abs() < 0.01);
        assert!((q[1].value() - 0.5).abs() < 0.01);
        assert!((q[2].value() - 0.95).abs() < 0.01);
    }

    /// Up to the limit the quantiles are exact (type 7: 0, 1, …, 100 gives its percentiles
    /// back, and 1, 2, 3, 4 has median 2.5 and 5th percentile 1.15); past it they are P²
    /// estimates, still close on a uniform stream.
    #[test]
    fn quantiles_are_exact_up_to_the_limit() {
        let mut acc = DistributionAcc::default();
        // A shuffled 0..=100: the order of arrival does not matter.
        for k in 0..=100u32 {
            acc.push(f64::from(k * 37 % 101));
        }
        let d = acc.finish();
        assert_eq!(
            [d.p5, d.p25, d.p50, d.p75, d.p95],
            [5.0, 25.0, 50.0, 75.0, 95.0]
        );
        let mut small = DistributionAcc::default();
        for x in [4.0, 1.0, 3.0, 2.0] {
            small.push(x);
        }
        let d = small.finish();
        assert_eq!(d.p50, 2.5);
        assert!((d.p5 - 1.15).abs() < 1e-12, "{}", d.p5);
        let mut big = DistributionAcc::default();
        let n = EXACT_QUANTILE_LIMIT + 1;
        for k in 0..n {
            big.push((k * 7919 % n) as f64 / n as f64);
        }
        assert!(big.kept.is_empty());
        let d = big.finish();
        let p2: Vec<f64> = big.quantiles.iter().map(P2::value).collect();
        assert_eq!(vec![d.p5, d.p25, d.p50, d.p75, d.p95], p2);
        assert!((d.p95 - 0.95).abs() < 0.01, "{}", d.p95);
    }

    #[test]
    fn moments_match_direct_computation() {
        let xs = [1.0, 4.0, 9.0, 16.0, 25.0];
        let mut m = Moments::default();
        xs.iter().for_each(|x| m.push(*x));
        assert!((m.mean() - 11.0).abs() < 1e-12);
        let var = xs.iter().map(|x| (x - 11.0) * (x - 11.0)).sum::<f64>() / 4.0;
        assert!((m.sd() - var.sqrt()).abs() < 1e-12);
    }

    /// Only the deals the April classes judge are counted; each strict term and the feature
    /// count are read from the deal's own terms.
    #[test]
    fn april_terms_count_the_judged_deals() {
        use crate::contract::tests::{april, status_quo};
        use crate::contract::Exclusivity;
        let record = |outcome: Outcome, deal: Option<crate::contract::Contract>| RunRecord {
            outcome,
            agreement_week: deal.map(|_| 8),
            deal_terms: deal,
            ..deal_in_week(8)
        };
        let mut uncapped = april();
        uncapped.revenue_share_cap = None;
        let mut opened = status_quo();
        opened.exclusivity = Exclusivity::None;
        let mut acc = Accumulator::new(52);
        acc.push(&record(Outcome::AprilLikeStrict, Some(april())));
        acc.push(&record(Outcome::AprilLikeBroad, Some(uncapped)));
        acc.push(&record(Outcome::OtherDeal, Some(opened)));
        // Not judged by the April classes: a settlement after a suit, an impasse.
        acc.push(&record(Outcome::LitigatedSettlement, Some(april())));
        acc.push(&record(Outcome::Impasse, None));
        let a = acc.finish().april_terms;
        assert_eq!((a.deals, a.all_strict_terms), (3, 1));
        let count = |key: &str| {
            let t = a.strict_terms.iter().find(|t| t.term == key).unwrap();
            (t.count, t.share)
        };
        assert_eq!(a.strict_terms.len(), STRICT_TERMS.len());
        assert_eq!(count("aws_path_open"), (3, 1.0));
        assert_eq!(count("cap_below_60"), (1, 1.0 / 3.0));
        let cap = a
            .strict_terms
            .iter()
            .find(|t| t.term == "cap_below_60")
            .unwrap();
        assert_eq!((cap.ci_low, cap.ci_high), wilson(1, 3, Z95));
        assert!(cap.ci_low < 1.0 / 3.0 && 1.0 / 3.0 < cap.ci_high);
        // The status quo's terms: an exclusive licence to 2032, a 180-day lag, an uncapped
        // share until AGI, the M→O share and the AGI clause.
        assert_eq!(count("non_exclusive_licence"), (2, 2.0 / 3.0));
        assert_eq!(count("licence_to_2032_or_later"), (3, 1.0));
        assert_eq!(count("agi_clause_removed"), (2, 2.0 / 3.0));
        // Feature counts: April 6, uncapped but ending 2030 still 6, the opened status quo 2
        // (the lag and the licence end year).
        assert_eq!(count("azure_first_lag"), (3, 1.0));
        assert_eq!(a.features_histogram, [0, 0, 1, 0, 0, 0, 2]);
        let none = Accumulator::new(52).finish().april_terms;
        assert_eq!((none.deals, none.strict_terms[0].share), (0, 0.0));
    }

    /// Judged runs are counted, and Microsoft's win rate is taken among them only; without a
    /// judgment there is no rate (null in summary.json rather than 0 or NaN).
    #[test]
    fn judgments_fold_into_microsofts_win_rate() {
        let record = |judgment: Option<bool>| RunRecord {
            outcome: if judgment.is_some() {
                Outcome::Litigation
            } else {
                Outcome::AprilLikeBroad
            },
            agreement_week: judgment.is_none().then_some(9),
            suit_filed: judgment.map(|_| 20),
            judgment,
            threat: judgment.is_some(),
            // In this fixture a threat was credible exactly when Microsoft later won.
            threat_credible: judgment,
            last_week: if judgment.is_some() { 150 } else { 9 },
            ..deal_in_week(9)
        };
        let mut acc = Accumulator::new(400);
        acc.push(&record(None));
        let none = acc.finish().litigation;
        assert_eq!((none.judgments, none.plaintiff_win_rate), (0, None));
        assert_eq!(
            (none.credible_threats, none.credible_threat_share),
            (0, None)
        );
        // No value is written as null (never 0 or NaN), so the path exists for a fact to read.
        let json = serde_json::to_value(&none).unwrap();
        for key in [
            "plaintiff_win_rate",
            "plaintiff_win_rate_ci",
            "credible_threat_share",
            "credible_threat_share_ci",
        ] {
            assert!(json.get(key).is_some_and(|v| v.is_null()), "{key}: {json}");
        }
        // One run, no threat: the threat rate's interval still bounds 0 of 1.
        assert_eq!(none.threat_share_ci, wilson95(0, 1));
        for j in [true, false, true, true] {
            acc.push(&record(Some(j)));
        }
        let l = acc.finish().litigation;
        assert_eq!((l.suits, l.judgments, l.plaintiff_wins), (4, 4, 3));
        assert_eq!(l.plaintiff_win_rate, Some(0.75));
        assert_eq!(l.suit_share, 0.8);
        // Credible threats are counted among the threatened runs only (4 of the 5 runs).
        assert_eq!((l.threats, l.credible_threats), (4, 3));
        assert_eq!(l.credible_threat_share, Some(0.75));
        assert_eq!(
            serde_json::to_value(&l).unwrap()["plaintiff_win_rate"],
            0.75
        );
        // Every rate carries the Wilson interval of its own counts: the win rate over the
        // judged runs, the credible share over the threatened ones, the others over all runs.
        assert_eq!(l.plaintiff_win_rate_ci, Some(wilson95(3, 4)));
        assert_eq!(l.credible_threat_share_ci, Some(wilson95(3, 4)));
        assert_eq!(l.suit_share_ci, wilson95(4, 5));
        assert_eq!(l.threat_share_ci, wilson95(4, 5));
        let [lo, hi] = l.plaintiff_win_rate_ci.unwrap();
        assert!(lo < 0.75 && 0.75 < hi && hi < 1.0, "{lo} {hi}");
    }

    /// The interval of a mean is mean ± 1.96·sd/√n with the sample sd, and absent with fewer
    /// than two observations.
    #[test]
    fn means_carry_their_normal_interval() {
        let mut m = Moments::default();
        assert_eq!(m.mean_ci(), None);
        m.push(4.0);
        assert_eq!(m.mean_ci(), None);
        for x in 1..=10 {
            if x != 4 {
                m.push(f64::from(x));
            }
        }
        // 1..=10: mean 5.5, sample sd √(55/6) = 3.027650; half-width z·sd/√10 = 1.876523.
        let [lo, hi] = m.mean_ci().unwrap();
        assert!((lo - (5.5 - 1.876523)).abs() < 1e-6 && (hi - (5.5 + 1.876523)).abs() < 1e-6);
        // The accumulator's time to agreement and payoffs report it.
        let mut acc = Accumulator::new(52);
        for (week, payoff) in [(8, 400.0), (12, 420.0)] {
            acc.push(&RunRecord {
                payoffs: [payoff, 380.0, 60.0],
                ..deal_in_week(week)
            });
        }
        let s = acc.finish();
        // Two weeks 8 and 12: mean 10, sd 2√2, half-width z·2√2/√2 = 2z (z = 1.959964).
        let [lo, hi] = s.time_to_agreement.mean_weeks_ci.unwrap();
        let half = 2.0 * Z95;
        assert!((lo - (10.0 - half)).abs() < 1e-12 && (hi - (10.0 + half)).abs() < 1e-12);
        assert!((half - 3.919928).abs() < 1e-6, "{half}");
        let [lo, hi] = s.payoffs.microsoft.mean_ci.unwrap();
        assert!(
            (lo - (410.0 - 10.0 * Z95)).abs() < 1e-9 && (hi - (410.0 + 10.0 * Z95)).abs() < 1e-9
        );
        assert_eq!(s.payoffs.openai.mean_ci, Some([380.0, 380.0]));
    }
}
