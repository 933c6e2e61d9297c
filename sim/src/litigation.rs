//! Bargaining in the shadow of litigation: the closed forms of divergent expectations
//! (Landes 1971; Gould 1973; Posner 1973), Priest–Klein (1984) selection, Bebchuk (1984)
//! screening and Nalebuff (1987) credibility, and the suit sub-process of a run
//! (preliminary-injunction ruling, dismissal motion, judgment; docs/model.md §6.2).

use crate::params::CourtRules;
use crate::rng::SimRng;
use rand::RngExt;
use rand_distr::{Distribution, StandardNormal};

/// Divergent expectations (Landes; Gould; Posner): trial iff (p_P − p_D)·J > c_P + c_D.
pub fn trial_by_optimism(
    p_plaintiff: f64,
    p_defendant: f64,
    stake: f64,
    c_p: f64,
    c_d: f64,
) -> bool {
    (p_plaintiff - p_defendant) * stake > c_p + c_d
}

/// Bebchuk (1984) screening with p ~ U[0, 1] known to the defendant: the trial probability
/// p̂ = 1 − (c_P + c_D)/J (clamped to [0, 1]) and the demand S* = J − c_P.
pub fn bebchuk_uniform(stake: f64, c_p: f64, c_d: f64) -> (f64, f64) {
    let cutoff = (1.0 - (c_p + c_d) / stake).clamp(0.0, 1.0);
    (cutoff, stake - c_p)
}

/// Nalebuff (1987) credible cutoff, uniform version: p̂_N = max(1 − (c_P+c_D)/J, 2c_P/J) when
/// J ≥ 2c_P; `None` when the threat is not credible (J < 2c_P).
pub fn nalebuff_cutoff(stake: f64, c_p: f64, c_d: f64) -> Option<f64> {
    if stake <= 0.0 || stake < 2.0 * c_p {
        return None;
    }
    Some((1.0 - (c_p + c_d) / stake).max(2.0 * c_p / stake).min(1.0))
}

/// Priest–Klein (1984) selection, simulated: disputes with quality Y ~ N(0, sd_y²) (plaintiff
/// wins iff Y > 0); each side observes Y + N(0, σ²); litigate iff P_P·J − P_D·J > C. Returns
/// the plaintiff's win rate among tried cases (`None` if no case was tried).
pub fn priest_klein_win_rate(
    stake: f64,
    joint_cost: f64,
    sd_y: f64,
    sigma: f64,
    cases: usize,
    rng: &mut SimRng,
) -> Option<f64> {
    let (mut tried, mut won) = (0usize, 0usize);
    for _ in 0..cases {
        let z: f64 = StandardNormal.sample(rng);
        let y = sd_y * z;
        let obs = |rng: &mut SimRng| -> f64 {
            let e: f64 = StandardNormal.sample(rng);
            y + sigma * e
        };
        let (yp, yd) = (obs(rng), obs(rng));
        // P(Y > 0 | Ŷ) with a N(0, sd_y²) prior and N(0, σ²) noise.
        let post = |yh: f64| {
            let w = sd_y * sd_y / (sd_y * sd_y + sigma * sigma);
            let mean = w * yh;
            let sd = (w * sigma * sigma).sqrt();
            normal_cdf(mean / sd)
        };
        if (post(yp) - post(yd)) * stake > joint_cost {
            tried += 1;
            won += usize::from(y > 0.0);
        }
    }
    (tried > 0).then(|| won as f64 / tried as f64)
}

fn normal(rng: &mut SimRng) -> f64 {
    StandardNormal.sample(rng)
}

/// Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7).
pub fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs() / std::f64::consts::SQRT_2);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-(x * x) / 2.0).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// A court event of a pending suit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourtEvent {
    /// Preliminary-injunction ruling: granted or denied.
    Injunction(bool),
    /// Motion to dismiss / summary judgment: dismissed (suit over, Microsoft lost) or denied.
    Dismissal(bool),
    /// Judgment at trial: Microsoft won or lost.
    Judgment(bool),
}

/// A filed suit and its court calendar, drawn at filing from the court stream.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Suit {
    /// Week of filing.
    pub filed: u32,
    injunction_week: f64,
    dismissal_week: f64,
    judgment_week: f64,
    /// PI ruling (once made).
    pub injunction: Option<bool>,
    /// Dismissal ruling (once made).
    pub dismissed: Option<bool>,
    /// Judgment (once given): true if Microsoft won.
    pub judgment: Option<bool>,
}

impl Suit {
    /// Files a suit at `week`, drawing its calendar.
    pub fn file(week: u32, rules: &CourtRules, rng: &mut SimRng) -> Suit {
        let u = |rng: &mut SimRng, [a, b]: [f64; 2]| a + (b - a) * rng.random::<f64>();
        let w = f64::from(week);
        Suit {
            filed: week,
            injunction_week: w + u(rng, rules.injunction_weeks),
            dismissal_week: w + u(rng, rules.dismissal_weeks),
            judgment_week: w + rules.trial_weeks * (rules.trial_sigma * normal(rng)).exp(),
            injunction: None,
            dismissed: None,
            judgment: None,
        }
    }

    /// A suit filed at `week` with its expected calendar (used to value filing before it
    /// happens; no randomness).
    pub fn expected(week: u32, rules: &CourtRules) -> Suit {
        let mid = |[a, b]: [f64; 2]| 0.5 * (a + b);
        let w = f64::from(week);
        Suit {
            filed: week,
            injunction_week: w + mid(rules.injunction_weeks),
            dismissal_week: w + mid(rules.dismissal_weeks),
            judgment_week: w + rules.trial_weeks,
            injunction: None,
            dismissed: None,
            judgment: None,
        }
    }

    /// Whether the suit is still pending.
    pub fn pending(&self) -> bool {
        self.judgment.is_none() && self.dismissed != Some(true)
    }

    /// Advances the court calendar to `week`, given true merit θ; returns what happened.
    pub fn step(
        &mut self,
        week: u32,
        theta: f64,
        rules: &CourtRules,
        rng: &mut SimRng,
    ) -> Option<CourtEvent> {
        let w = f64::from(week);
        if !self.pending() {
            return None;
        }
        if self.injunction.is_none() && w >= self.injunction_week {
            let granted = rng.random::<f64>() < theta.powf(rules.injunction_exponent);
            self.injunction = Some(granted);
            return Some(CourtEvent::Injunction(granted));
        }
        if self.dismissed.is_none() && w >= self.dismissal_week {
            // Weak claims are dismissed: P(dismissal) = (1 − θ)² [assumption].
            let dismissed = rng.random::<f64>() < (1.0 - theta) * (1.0 - theta);
            self.dismissed = Some(dismissed);
            return Some(CourtEvent::Dismissal(dismissed));
        }
        if self.judgment.is_none() && w >= self.judgment_week {
            let won = rng.random::<f64>() < theta;
            self.judgment = Some(won);
            return Some(CourtEvent::Judgment(won));
        }
        None
    }

    /// Expected remaining years of litigation from `week`.
    pub fn remaining_years(&self, week: u32) -> f64 {
        ((self.judgment_week - f64::from(week)) / 52.0).max(0.0)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rand::SeedableRng;

    /// The baseline's court rules: injunction ruling 4–12 weeks after filing, dismissal
    /// motion 26–52, judgment at a median 112 weeks (σ of its log 0.4), injunction w.p. θ^1.5.
    pub(crate) fn rules() -> CourtRules {
        CourtRules {
            injunction_weeks: [4.0, 12.0],
            dismissal_weeks: [26.0, 52.0],
            trial_weeks: 112.0,
            trial_sigma: 0.4,
            injunction_exponent: 1.5,
        }
    }

    #[test]
    fn bebchuk_closed_form() {
        // Bebchuk (1984), uniform p: J = 100, c_P = 10, c_D = 15 ⇒ trial probability 0.75,
        // demand 90.
        let (p, s) = bebchuk_uniform(100.0, 10.0, 15.0);
        assert!((p - 0.75).abs() < 1e-12);
        assert!((s - 90.0).abs() < 1e-12);
    }

    #[test]
    fn nalebuff_closed_forms() {
        // Slack: 0.75; binding: 0.667 (unconstrained 0.167); J = 15, c_P = 10: not credible.
        assert!((nalebuff_cutoff(100.0, 10.0, 15.0).unwrap() - 0.75).abs() < 1e-12);
        let binding = nalebuff_cutoff(30.0, 10.0, 15.0).unwrap();
        assert!((binding - 2.0 / 3.0).abs() < 1e-12);
        assert!((bebchuk_uniform(30.0, 10.0, 15.0).0 - 1.0 / 6.0).abs() < 1e-12);
        assert_eq!(nalebuff_cutoff(15.0, 10.0, 15.0), None);
    }

    #[test]
    fn nalebuff_reversal_when_binding() {
        // When the credibility constraint binds, ∂p̂/∂c_P > 0 and ∂p̂/∂c_D = 0.
        let base = nalebuff_cutoff(30.0, 10.0, 15.0).unwrap();
        assert!(nalebuff_cutoff(30.0, 11.0, 15.0).unwrap() > base);
        assert_eq!(nalebuff_cutoff(30.0, 10.0, 16.0).unwrap(), base);
    }

    #[test]
    fn divergent_expectations() {
        assert!(trial_by_optimism(0.7, 0.4, 100.0, 10.0, 15.0));
        assert!(!trial_by_optimism(0.6, 0.4, 100.0, 10.0, 15.0));
    }

    #[test]
    fn priest_klein_tried_cases_near_half() {
        // Priest & Klein (1984): the plaintiff wins about half the tried cases. J = 100, C = 6,
        // sd(Y) = 10: σ = 2 ⇒ 0.505; σ = 0.5 ⇒ 0.507 (simulated).
        for sigma in [2.0, 0.5] {
            let mut rng = SimRng::seed_from_u64(7);
            let rate = priest_klein_win_rate(100.0, 6.0, 10.0, sigma, 400_000, &mut rng).unwrap();
            assert!((rate - 0.505).abs() < 0.03, "σ={sigma}: {rate}");
        }
    }

    #[test]
    fn normal_cdf_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-9);
        assert!((normal_cdf(1.96) - 0.975).abs() < 1e-4);
        assert!((normal_cdf(-1.0) - 0.158_655).abs() < 1e-5);
    }

    #[test]
    fn court_calendar_follows_rules() {
        let rules = rules();
        let mut rng = SimRng::seed_from_u64(3);
        let mut granted = 0;
        for _ in 0..2000 {
            let mut s = Suit::file(10, &rules, &mut rng);
            let mut first = None;
            for w in 10..=130 {
                if let Some(e) = s.step(w, 0.64, &rules, &mut rng) {
                    if first.is_none() {
                        first = Some((w, e));
                    }
                }
            }
            let (w, e) = first.unwrap();
            assert!((14..=23).contains(&w), "PI ruling at week {w}");
            if e == CourtEvent::Injunction(true) {
                granted += 1;
            }
        }
        // P(granted) = 0.64^1.5 = 0.512.
        let share = granted as f64 / 2000.0;
        assert!((share - 0.512).abs() < 0.04, "{share}");
    }

    /// The trial calendar of a suit left to run: a dismissal w.p. (1 − θ)², otherwise a
    /// judgment at filing + 112·exp(0.4·z) weeks (lognormal: half within the median of 112
    /// weeks, Φ(1) = 84.1% within 112·e^0.4 ≈ 167), which Microsoft wins w.p. θ.
    #[test]
    fn judgments_follow_the_lognormal_calendar_and_the_merit() {
        let rules = rules();
        let theta = 0.6;
        let mut rng = SimRng::seed_from_u64(11);
        let n = 8000;
        let (mut dismissed, mut judged, mut won, mut by_median, mut by_one_sd) = (0, 0, 0, 0, 0);
        for _ in 0..n {
            let mut s = Suit::file(0, &rules, &mut rng);
            for w in 0..2000 {
                match s.step(w, theta, &rules, &mut rng) {
                    Some(CourtEvent::Dismissal(true)) => {
                        dismissed += 1;
                        break;
                    }
                    Some(CourtEvent::Judgment(m)) => {
                        judged += 1;
                        won += usize::from(m);
                        by_median += usize::from(w <= 112);
                        by_one_sd += usize::from(w <= 167);
                        break;
                    }
                    _ => {}
                }
            }
            assert!(!s.pending(), "every suit ends");
        }
        assert_eq!(dismissed + judged, n);
        let share = |k: usize, of: usize| k as f64 / of as f64;
        assert!((share(dismissed, n) - 0.16).abs() < 0.02, "{dismissed}");
        assert!((share(won, judged) - theta).abs() < 0.03, "{won}/{judged}");
        assert!(
            (share(by_median, judged) - 0.5).abs() < 0.03,
            "{by_median}/{judged}"
        );
        assert!(
            (share(by_one_sd, judged) - 0.841).abs() < 0.03,
            "{by_one_sd}/{judged}"
        );
    }
}
