//! Approximate Bayesian computation by rejection (Pritchard et al. 1999; Beaumont 2010).
//!
//! The prior is a product of independent uniforms over parameter ranges. Draw i takes θ_i from
//! the prior with its own ChaCha stream of (seed, i), calls the simulator with (i, θ_i) (the
//! simulator seeds its own randomness from i), and is accepted iff **every** summary statistic
//! lies within its tolerance of the observed value: |s_j(θ_i) − obs_j| ≤ tol_j. The accepted θs
//! are a sample from the ABC posterior, which tends to the true posterior of the facts as the
//! tolerances shrink. Draws are evaluated in parallel and collected in index order, so the
//! result does not depend on the number of threads.

use crate::stats::quantile;
use crate::{stream, AnalysisError};
use rand::RngExt;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Independent uniform priors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prior {
    /// Parameter names.
    pub names: Vec<String>,
    /// (low, high) per parameter.
    pub ranges: Vec<(f64, f64)>,
}

impl Prior {
    /// Checks that there is one finite range with low < high per name.
    pub fn validate(&self) -> Result<(), AnalysisError> {
        if self.names.is_empty() || self.names.len() != self.ranges.len() {
            return Err(AnalysisError::Shape(
                "ABC prior: needs one range per parameter and at least one parameter".into(),
            ));
        }
        for (n, (lo, hi)) in self.names.iter().zip(&self.ranges) {
            if !(lo.is_finite() && hi.is_finite() && lo < hi) {
                return Err(AnalysisError::Option(format!(
                    "ABC prior {n} = [{lo}, {hi}]: needs finite low < high"
                )));
            }
        }
        Ok(())
    }

    /// Draw number `index` of the prior under `seed`.
    pub fn draw(&self, seed: u64, index: u64) -> Vec<f64> {
        let mut rng = stream(seed, 0x0041_4243, index);
        self.ranges
            .iter()
            .map(|(lo, hi)| lo + (hi - lo) * rng.random::<f64>())
            .collect()
    }
}

/// What a fact's simulated statistic must be for a draw to match it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Target {
    /// Near an observed value: |s − observed| ≤ tolerance.
    Near {
        /// Observed value.
        observed: f64,
        /// Largest distance accepted.
        tolerance: f64,
    },
    /// Inside a band: low ≤ s ≤ high. One end may be infinite (a one-sided band).
    Within {
        /// Lower end (−∞ for none).
        low: f64,
        /// Upper end (+∞ for none).
        high: f64,
    },
}

impl Target {
    /// Does the statistic `s` match? Never for a NaN or infinite `s`.
    pub fn met(&self, s: f64) -> bool {
        s.is_finite()
            && match *self {
                Target::Near {
                    observed,
                    tolerance,
                } => (s - observed).abs() <= tolerance,
                Target::Within { low, high } => low <= s && s <= high,
            }
    }

    /// The lowest and highest value that meet the target (infinite for an open side).
    fn ends(&self) -> (f64, f64) {
        match *self {
            Target::Near {
                observed,
                tolerance,
            } => (observed - tolerance, observed + tolerance),
            Target::Within { low, high } => (low, high),
        }
    }

    /// Whether sampling noise could change the verdict on a statistic whose 95% interval is
    /// [`lo`, `hi`]: `Some(true)` when the whole interval is on one side (every value in it
    /// meets the target, or none does), `Some(false)` when it reaches across an end of the
    /// target, `None` for an interval that is not finite or not ordered.
    pub fn settled(&self, lo: f64, hi: f64) -> Option<bool> {
        if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
            return None;
        }
        let (a, b) = self.ends();
        let inside = a <= lo && hi <= b;
        let outside = hi < a || lo > b;
        Some(inside || outside)
    }

    /// Roughly how many runs would settle a verdict that is not settled at `runs` runs: the
    /// statistic `s` with 95% interval [`lo`, `hi`] is taken to keep its value while the
    /// interval narrows as 1/√runs, until its half-width is the distance from `s` to the
    /// nearest end of the target inside the interval. `None` when the verdict is already
    /// settled (or the interval is not valid), or `s` sits on that end, where no number of
    /// runs settles it.
    pub fn runs_to_settle(&self, s: f64, lo: f64, hi: f64, runs: u64) -> Option<u64> {
        if self.settled(lo, hi) != Some(false) || !s.is_finite() {
            return None;
        }
        let (a, b) = self.ends();
        let gap = [a, b]
            .into_iter()
            .filter(|e| e.is_finite() && lo <= *e && *e <= hi)
            .map(|e| (s - e).abs())
            .fold(f64::INFINITY, f64::min);
        let half = (hi - lo) / 2.0;
        if !(gap > 0.0 && gap.is_finite()) {
            return None;
        }
        let needed = (runs as f64 * (half / gap).powi(2)).ceil();
        // Beyond u64 nothing could be run anyway.
        (needed < u64::MAX as f64).then_some(needed as u64)
    }

    /// A finite observed value and a tolerance ≥ 0; or a band with low ≤ high and at least one
    /// finite end.
    pub fn is_valid(&self) -> bool {
        match *self {
            Target::Near {
                observed,
                tolerance,
            } => observed.is_finite() && tolerance >= 0.0,
            Target::Within { low, high } => low <= high && (low.is_finite() || high.is_finite()),
        }
    }
}

impl std::fmt::Display for Target {
    /// `8.4 ± 2`, `≥ 0.01`, `≤ 0.9` or `[0.005, 0.1]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Target::Near {
                observed,
                tolerance,
            } => write!(f, "{observed} ± {tolerance}"),
            Target::Within { low, high } if high == f64::INFINITY => write!(f, "≥ {low}"),
            Target::Within { low, high } if low == f64::NEG_INFINITY => write!(f, "≤ {high}"),
            Target::Within { low, high } => write!(f, "[{low}, {high}]"),
        }
    }
}

/// An observed fact: a summary statistic and what it must be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Name (e.g. a dotted path into a run summary).
    pub name: String,
    /// What the statistic must be.
    pub target: Target,
}

/// One prior draw and what the simulator made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draw {
    /// Draw index.
    pub index: u64,
    /// Parameter values.
    pub theta: Vec<f64>,
    /// Simulated summary statistics, one per fact.
    pub stats: Vec<f64>,
    /// Every fact matched within tolerance.
    pub accepted: bool,
}

/// Result of [`rejection`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbcResult {
    /// Every draw, in index order.
    pub draws: Vec<Draw>,
    /// Accepted draws.
    pub accepted: usize,
    /// accepted / draws.
    pub acceptance_rate: f64,
}

impl AbcResult {
    /// The accepted parameter vectors.
    pub fn posterior(&self) -> Vec<&[f64]> {
        self.draws
            .iter()
            .filter(|d| d.accepted)
            .map(|d| d.theta.as_slice())
            .collect()
    }

    /// Quantiles `qs` of each parameter's posterior marginal (`[param][q]`; NaN when nothing
    /// was accepted).
    pub fn posterior_quantiles(&self, qs: &[f64]) -> Vec<Vec<f64>> {
        let post = self.posterior();
        let k = self.draws.first().map_or(0, |d| d.theta.len());
        (0..k)
            .map(|j| {
                let v: Vec<f64> = post.iter().map(|t| t[j]).collect();
                qs.iter().map(|&q| quantile(&v, q)).collect()
            })
            .collect()
    }
}

/// Does the vector of simulated statistics match every fact?
pub fn accepts(facts: &[Fact], stats: &[f64]) -> bool {
    facts.len() == stats.len() && facts.iter().zip(stats).all(|(f, s)| f.target.met(*s))
}

/// Rejection ABC with `draws` prior draws under `seed`; `simulate(index, θ)` returns one
/// statistic per fact.
pub fn rejection<E, F>(
    prior: &Prior,
    facts: &[Fact],
    draws: u64,
    seed: u64,
    simulate: F,
) -> Result<AbcResult, E>
where
    E: From<AnalysisError> + Send,
    F: Fn(u64, &[f64]) -> Result<Vec<f64>, E> + Sync,
{
    prior.validate()?;
    if facts.is_empty() || facts.iter().any(|f| !f.target.is_valid()) {
        return Err(AnalysisError::Option(
            "ABC: needs at least one fact, each with a finite observed value and tolerance ≥ 0, \
             or a band low ≤ high with a finite end"
                .into(),
        )
        .into());
    }
    let out: Vec<Draw> = (0..draws)
        .into_par_iter()
        .map(|i| -> Result<Draw, E> {
            let theta = prior.draw(seed, i);
            let stats = simulate(i, &theta)?;
            if stats.len() != facts.len() {
                return Err(AnalysisError::Shape(format!(
                    "ABC: the simulator returned {} statistics for {} facts",
                    stats.len(),
                    facts.len()
                ))
                .into());
            }
            let accepted = accepts(facts, &stats);
            Ok(Draw {
                index: i,
                theta,
                stats,
                accepted,
            })
        })
        .collect::<Result<_, E>>()?;
    let accepted = out.iter().filter(|d| d.accepted).count();
    Ok(AbcResult {
        acceptance_rate: if draws > 0 {
            accepted as f64 / draws as f64
        } else {
            0.0
        },
        accepted,
        draws: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Share of successes in `n` Bernoulli(p) trials, seeded by the draw index.
    fn binomial_share(i: u64, p: f64, n: u32) -> f64 {
        let mut rng = stream(99, 7, i);
        (0..n).filter(|_| rng.random::<f64>() < p).count() as f64 / f64::from(n)
    }

    #[test]
    fn recovers_a_binomial_rate() {
        // Observed: 60 successes in 200 trials from a true rate of 0.3.
        let prior = Prior {
            names: vec!["rate".into()],
            ranges: vec![(0.0, 1.0)],
        };
        let facts = [Fact {
            name: "share".into(),
            target: Target::Near {
                observed: 0.30,
                tolerance: 0.01,
            },
        }];
        let sim = |i: u64, t: &[f64]| -> Result<Vec<f64>, AnalysisError> {
            Ok(vec![binomial_share(i, t[0], 200)])
        };
        let r = rejection(&prior, &facts, 20_000, 5, sim).unwrap();
        assert!(r.accepted > 200, "accepted {}", r.accepted);
        assert!((r.acceptance_rate - r.accepted as f64 / 20_000.0).abs() < 1e-15);
        let q = r.posterior_quantiles(&[0.05, 0.5, 0.95]);
        assert!(q[0][0] <= 0.3 && 0.3 <= q[0][2], "90% interval {:?}", q[0]);
        // The posterior is much narrower than the prior (sd of the MLE ≈ 0.032).
        assert!(q[0][2] - q[0][0] < 0.15, "{:?}", q[0]);
        // Same draws whatever the number of threads.
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let r1 = one.install(|| rejection(&prior, &facts, 2_000, 5, sim).unwrap());
        let r2 = rejection(&prior, &facts, 2_000, 5, sim).unwrap();
        assert_eq!(r1, r2);
        assert_eq!(r1.draws[..], r.draws[..2_000]);
    }

    #[test]
    fn bad_priors_and_facts_are_errors() {
        let sim = |_: u64, _: &[f64]| -> Result<Vec<f64>, AnalysisError> { Ok(vec![0.0]) };
        let p = Prior {
            names: vec!["a".into()],
            ranges: vec![(1.0, 0.0)],
        };
        assert!(rejection(&p, &[], 1, 0, sim).is_err());
        let p = Prior {
            names: vec!["a".into()],
            ranges: vec![(0.0, 1.0)],
        };
        let f = Fact {
            name: "x".into(),
            target: Target::Near {
                observed: 0.0,
                tolerance: 0.0,
            },
        };
        assert!(rejection(&p, &[], 1, 0, sim).is_err());
        let two = |_: u64, _: &[f64]| -> Result<Vec<f64>, AnalysisError> { Ok(vec![0.0, 1.0]) };
        assert!(rejection(&p, std::slice::from_ref(&f), 1, 0, two).is_err());
        assert!(accepts(&[f], &[0.0]));
        // A band needs low ≤ high and a finite end.
        for (low, high) in [
            (1.0, 0.0),
            (f64::NEG_INFINITY, f64::INFINITY),
            (f64::NAN, 1.0),
        ] {
            let band = Fact {
                name: "x".into(),
                target: Target::Within { low, high },
            };
            assert!(
                rejection(&p, &[band], 1, 0, sim).is_err(),
                "[{low}, {high}]"
            );
        }
    }

    /// A verdict is settled when the statistic's interval lies wholly inside the target or
    /// wholly outside it, and open when the interval reaches across one of its ends.
    #[test]
    fn a_verdict_is_settled_only_when_its_interval_stays_on_one_side() {
        let at_least = Target::Within {
            low: 0.01,
            high: f64::INFINITY,
        };
        assert_eq!(at_least.settled(0.0095, 0.0137), Some(false));
        assert_eq!(at_least.settled(0.0101, 0.0137), Some(true));
        assert_eq!(at_least.settled(0.0, 0.0002), Some(true));
        assert_eq!(
            at_least.settled(0.0, 0.01),
            Some(false),
            "an end counts as inside"
        );
        let near = Target::Near {
            observed: 8.4,
            tolerance: 2.0,
        };
        assert_eq!(near.settled(10.2, 10.6), Some(false));
        assert_eq!(near.settled(13.6, 13.8), Some(true));
        assert_eq!(near.settled(6.4, 10.4), Some(true));
        assert_eq!(
            near.settled(1.0, 20.0),
            Some(false),
            "wider than the target"
        );
        assert_eq!(near.settled(f64::NAN, 1.0), None);
        assert_eq!(near.settled(2.0, 1.0), None);
    }

    /// A verdict within noise is settled once the interval's half-width, shrinking as
    /// 1/√runs, reaches the distance to the end it crosses.
    #[test]
    fn the_runs_to_settle_a_verdict_follow_the_square_of_its_interval() {
        // Dyadic values, so that the arithmetic is exact.
        let band = Target::Within {
            low: 0.5,
            high: 0.75,
        };
        // 0.71875 ± 0.0625 at 1,000 runs crosses 0.75 at distance 0.03125, half the
        // half-width: four times the runs.
        assert_eq!(
            band.runs_to_settle(0.71875, 0.65625, 0.78125, 1000),
            Some(4000)
        );
        // Settled verdicts (an end counts as inside) need no more runs; a value on the end is
        // never settled.
        assert_eq!(band.runs_to_settle(0.6875, 0.625, 0.75, 1000), None);
        assert_eq!(band.runs_to_settle(0.75, 0.6875, 0.8125, 1000), None);
        // The nearer of two crossed ends decides; a one-sided band has one end.
        let near = Target::Near {
            observed: 10.0,
            tolerance: 1.0,
        };
        assert_eq!(near.runs_to_settle(10.5, 8.5, 12.5, 100), Some(1600));
        let at_least = Target::Within {
            low: 0.21875,
            high: f64::INFINITY,
        };
        assert_eq!(
            at_least.runs_to_settle(0.25, 0.1875, 0.3125, 500),
            Some(2000)
        );
    }

    #[test]
    fn a_band_holds_its_ends_and_may_be_one_sided() {
        let band = Target::Within {
            low: 0.005,
            high: 0.1,
        };
        assert!(band.met(0.005) && band.met(0.1) && band.met(0.05));
        assert!(!band.met(0.004_999) && !band.met(0.100_001) && !band.met(f64::NAN));
        let at_least = Target::Within {
            low: 0.01,
            high: f64::INFINITY,
        };
        assert!(at_least.met(0.01) && at_least.met(1e300) && !at_least.met(0.0));
        assert!(!at_least.met(f64::INFINITY));
        let at_most = Target::Within {
            low: f64::NEG_INFINITY,
            high: 0.9,
        };
        assert!(at_most.met(-5.0) && at_most.met(0.9) && !at_most.met(0.900_000_1));
        assert_eq!(band.to_string(), "[0.005, 0.1]");
        assert_eq!(at_least.to_string(), "≥ 0.01");
        assert_eq!(at_most.to_string(), "≤ 0.9");
        let near = Target::Near {
            observed: 8.4,
            tolerance: 2.0,
        };
        assert_eq!(near.to_string(), "8.4 ± 2");
        assert!(near.met(6.4) && near.met(10.4) && !near.met(10.5));
        // A band draws the same acceptances as a Near target of the same interval, away
        // from its ends.
        let same = Target::Within {
            low: 6.4,
            high: 10.4,
        };
        for s in [5.0, 6.5, 8.4, 10.3, 11.0] {
            assert_eq!(same.met(s), near.met(s), "{s}");
        }
    }
}
