//! Nature's side of a run (docs/model.md §4): the per-run setup draws and the weekly shock
//! processes — private θ signals, antitrust pressure, the Musk trial, the IPO window, demand, AGI
//! and exogenous breakdown. Each process draws from its own stream of the run key and draws the
//! same number of values every week whatever the agents do, so switching one process off (it then
//! holds its initial state) never changes another's draws.

use crate::limits::MAX_EVENTS;
use crate::params::Params;
use crate::payoff::EconomicDraws;
use crate::rng::{RunKey, SimRng, Stream};
use crate::Player;
use rand::RngExt;
use rand_distr::{Distribution, StandardNormal};

const _: () = assert!(
    MAX_EVENTS <= 64,
    "`Shocks::events_done` holds one bit per event"
);

/// Outcome of the Musk v. Altman trial, as known so far.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MuskStatus {
    /// Verdict not yet in.
    Pending,
    /// Defence win.
    DefenceWin,
    /// Musk won: damages (OpenAI, Microsoft) in $B, and whether the recapitalisation unwinds.
    MuskWin {
        /// OpenAI's damages, $B.
        openai: f64,
        /// Microsoft's damages, $B.
        microsoft: f64,
        /// Remedy unwinds the recapitalisation.
        unwind: bool,
    },
}

/// Something Nature did this week (reported to observers).
#[derive(Debug, Clone, PartialEq)]
pub enum ShockEvent {
    /// Scheduled or random antitrust news moved A_t.
    Antitrust {
        /// What happened.
        label: String,
        /// Change in A_t.
        jump: f64,
        /// A_t after.
        level: f64,
    },
    /// The Musk verdict.
    Musk(MuskStatus),
    /// The IPO window opened or closed.
    IpoWindow(bool),
    /// AGI verified by the panel.
    Agi,
    /// Microsoft's board filed regardless (exogenous breakdown).
    Breakdown,
}

/// The shock processes of one run and their current state.
pub struct Shocks {
    /// True legal merit θ.
    pub theta: f64,
    /// Antitrust pressure A_t.
    pub antitrust: f64,
    /// Enterprise demand D_t.
    pub demand: f64,
    /// IPO window open.
    pub ipo_open: bool,
    /// Musk trial.
    pub musk: MuskStatus,
    /// AGI verified.
    pub agi: bool,
    /// Economic setup draws.
    pub draws: EconomicDraws,
    signal_sum: [f64; 3],
    signal_count: u32,
    prior: (f64, f64),
    musk_week: f64,
    ftc_filed: bool,
    /// Weekly probability of a background antitrust news item, 1 − e^{−rate} (fixed per
    /// scenario, computed once per run rather than every week).
    news_probability: f64,
    /// Weekly probability of AGI verification, 1 − e^{−hazard/52}.
    agi_probability: f64,
    /// Bit `i` set once scheduled antitrust event `i` has come due (at most [`MAX_EVENTS`]
    /// events, so a word holds them without a per-run allocation).
    events_done: u64,
    rng_signals: SimRng,
    rng_antitrust: SimRng,
    rng_musk: SimRng,
    rng_ipo: SimRng,
    rng_demand: SimRng,
    rng_agi: SimRng,
    rng_breakdown: SimRng,
}

#[inline(always)]
fn normal(rng: &mut SimRng) -> f64 {
    StandardNormal.sample(rng)
}

impl Shocks {
    /// Draws the run's setup values and initial states.
    pub fn new(s: &Params, key: &RunKey) -> Shocks {
        let mut setup = key.stream(Stream::Setup);
        let l = &s.litigation;
        let (mean, sd) = (l.win_probability_mean, l.win_probability_sd);
        let theta = s.merit_prior().sample(&mut setup);
        let g = (s.revenue.multiplier_sigma * normal(&mut setup)).exp();
        let v = (s.openai.valuation_sigma * normal(&mut setup)).exp();
        let [lo, hi] = l.valuation_discount;
        let d_l = lo + (hi - lo) * setup.random::<f64>();
        let mut rng_musk = key.stream(Stream::Musk);
        let [a, b] = s.musk.verdict_weeks;
        let musk_week = a + (b - a) * rng_musk.random::<f64>();
        let mut rng_ipo = key.stream(Stream::Ipo);
        let ipo_draw = rng_ipo.random::<f64>();
        Shocks {
            theta,
            antitrust: s.antitrust.initial,
            demand: 1.0,
            ipo_open: if s.shocks.ipo {
                ipo_draw < s.ipo.open_initial
            } else {
                s.ipo.open_initial >= 0.5
            },
            musk: MuskStatus::Pending,
            agi: false,
            draws: EconomicDraws {
                revenue_multiplier: g,
                valuation_multiplier: v,
                litigation_discount: d_l,
            },
            signal_sum: [0.0; 3],
            signal_count: 0,
            prior: (mean, sd * sd),
            musk_week,
            ftc_filed: false,
            news_probability: 1.0 - (-s.antitrust.news_rate_per_week).exp(),
            agi_probability: 1.0 - (-s.agi.hazard_per_year / 52.0).exp(),
            events_done: 0,
            rng_signals: key.stream(Stream::Signals),
            rng_antitrust: key.stream(Stream::Antitrust),
            rng_musk,
            rng_ipo,
            rng_demand: key.stream(Stream::Demand),
            rng_agi: key.stream(Stream::Agi),
            rng_breakdown: key.stream(Stream::Breakdown),
        }
    }

    /// Nature at its expected values: θ at the prior mean, unit revenue and valuation
    /// multipliers, the mid-range litigation discount, initial antitrust pressure, the IPO
    /// window open. Used for reduced-form games and cooperative benchmarks (no randomness
    /// is drawn from the returned streams by those users).
    pub fn expected(s: &Params) -> Shocks {
        let mut sh = Shocks::new(s, &RunKey::new(0, 0, 0));
        sh.theta = s.litigation.win_probability_mean;
        sh.draws = EconomicDraws {
            revenue_multiplier: 1.0,
            valuation_multiplier: 1.0,
            litigation_discount: 0.5
                * (s.litigation.valuation_discount[0] + s.litigation.valuation_discount[1]),
        };
        sh.ipo_open = true;
        sh
    }

    /// Posterior mean of θ for `player` (normal approximation to the Beta prior, signals
    /// taken at face value: the self-serving bias is not corrected).
    pub fn belief(&self, s: &Params, player: Player) -> f64 {
        if self.signal_count == 0 {
            return self.prior.0;
        }
        self.posterior(s, player).0.clamp(0.01, 0.99)
    }

    /// `player`'s normal posterior of θ: mean (unclamped) and standard deviation.
    fn posterior(&self, s: &Params, player: Player) -> (f64, f64) {
        let (m0, v0) = self.prior;
        let sd = s.litigation.signal_sd.to_array()[player as usize];
        let prec = 1.0 / v0 + f64::from(self.signal_count) / (sd * sd);
        let mean = (m0 / v0 + self.signal_sum[player as usize] / (sd * sd)) / prec;
        (mean, prec.recip().sqrt())
    }

    /// [`Shocks::belief`] conditioned on θ lying below `cutoff`: the mean of `player`'s normal
    /// posterior truncated above at `cutoff` (clamped like the belief). This is Microsoft's
    /// belief after a refusal that only a defendant with θ below the cutoff would have made
    /// (Nalebuff 1987; docs/model.md §6.3).
    pub fn belief_below(&self, s: &Params, player: Player, cutoff: f64) -> f64 {
        let (mean, sigma) = self.posterior(s, player);
        let z = (cutoff - mean) / sigma;
        (mean - sigma * inverse_mills(z))
            .clamp(0.01, 0.99)
            .min(cutoff.max(0.01))
    }

    /// Expected Musk damages (OpenAI, Microsoft) given what is known now, $B.
    pub fn expected_musk_damages(&self, s: &Params) -> [f64; 2] {
        match self.musk {
            MuskStatus::Pending if s.shocks.musk => {
                let p = s.musk.win_probability;
                let mid = |[a, b]: [f64; 2]| 0.5 * (a + b);
                [
                    p * mid(s.musk.damages_openai),
                    p * mid(s.musk.damages_microsoft),
                ]
            }
            MuskStatus::MuskWin {
                openai, microsoft, ..
            } => [openai, microsoft],
            _ => [0.0, 0.0],
        }
    }

    /// Whether a Musk remedy has unwound the recapitalisation.
    pub fn musk_unwound(&self) -> bool {
        matches!(self.musk, MuskStatus::MuskWin { unwind: true, .. })
    }

    /// Advances every process to `week`; returns the events and whether an exogenous
    /// breakdown occurred (the caller decides whether it applies).
    pub fn step(&mut self, s: &Params, week: u32, events: &mut Vec<ShockEvent>) -> bool {
        let on = s.shocks;
        let w = f64::from(week);
        // Signals: one per player per week.
        let noise = [
            normal(&mut self.rng_signals),
            normal(&mut self.rng_signals),
            normal(&mut self.rng_signals),
        ];
        if on.signals {
            let bias = s.litigation.signal_bias.to_array();
            let sd = s.litigation.signal_sd.to_array();
            for i in 0..3 {
                self.signal_sum[i] += self.theta + bias[i] + sd[i] * noise[i];
            }
            self.signal_count += 1;
        }
        // Antitrust: scheduled events, FTC hazard, background news.
        let at = &s.antitrust;
        // One draw per scheduled event per week keeps this stream aligned by week.
        let mut scheduled = [0.0f64; MAX_EVENTS];
        for d in scheduled.iter_mut().take(at.events.len()) {
            *d = self.rng_antitrust.random::<f64>();
        }
        let ftc = self.rng_antitrust.random::<f64>();
        let news_u = self.rng_antitrust.random::<f64>();
        let news_z = normal(&mut self.rng_antitrust);
        if on.antitrust {
            for (i, e) in at.events.iter().enumerate() {
                if self.events_done & (1u64 << i) == 0 && w >= e.week {
                    self.events_done |= 1u64 << i;
                    if scheduled[i] < e.probability && e.jump != 0.0 {
                        self.jump_antitrust(e.jump, e.label.clone(), events);
                    }
                }
            }
            if !self.ftc_filed && ftc < at.ftc_hazard_per_week {
                self.ftc_filed = true;
                self.jump_antitrust(at.ftc_jump, "FTC complaint".into(), events);
            }
            // At most one background news item per week (rate ≪ 1): P = 1 − e^{−rate}.
            if news_u < self.news_probability {
                self.jump_antitrust(at.news_sd * news_z, "antitrust news".into(), events);
            }
        }
        // Musk verdict.
        let (mu_win, mu_dmg, mu_unwind) = (
            self.rng_musk.random::<f64>(),
            self.rng_musk.random::<f64>(),
            self.rng_musk.random::<f64>(),
        );
        if on.musk && self.musk == MuskStatus::Pending && w >= self.musk_week {
            let m = &s.musk;
            self.musk = if mu_win < m.win_probability {
                let lerp = |[a, b]: [f64; 2]| a + (b - a) * mu_dmg;
                MuskStatus::MuskWin {
                    openai: lerp(m.damages_openai),
                    microsoft: lerp(m.damages_microsoft),
                    unwind: mu_unwind < m.unwind_probability,
                }
            } else {
                MuskStatus::DefenceWin
            };
            events.push(ShockEvent::Musk(self.musk));
        }
        // IPO window.
        let ipo_u = self.rng_ipo.random::<f64>();
        if on.ipo {
            let flip = if self.ipo_open {
                ipo_u < s.ipo.open_to_closed
            } else {
                ipo_u < s.ipo.closed_to_open
            };
            if flip {
                self.ipo_open = !self.ipo_open;
                events.push(ShockEvent::IpoWindow(self.ipo_open));
            }
        }
        // Demand.
        let dz = normal(&mut self.rng_demand);
        if on.demand {
            self.demand *= (s.revenue.demand_volatility_weekly * dz).exp();
        }
        // AGI.
        let agi_u = self.rng_agi.random::<f64>();
        if on.agi && !self.agi && agi_u < self.agi_probability {
            self.agi = true;
            events.push(ShockEvent::Agi);
        }
        // Exogenous breakdown.
        let br = self.rng_breakdown.random::<f64>();
        on.breakdown && br < s.protocol.breakdown_hazard_per_week
    }

    /// Moves A_t by `jump` (clamped to [0, 1]) and reports it.
    pub fn jump_antitrust(&mut self, jump: f64, label: String, events: &mut Vec<ShockEvent>) {
        let before = self.antitrust;
        self.antitrust = (self.antitrust + jump).clamp(0.0, 1.0);
        events.push(ShockEvent::Antitrust {
            label,
            jump: self.antitrust - before,
            level: self.antitrust,
        });
    }
}

/// φ(z)/Φ(z), the inverse Mills ratio of a normal truncated above at z standard deviations
/// from its mean: the truncated mean is μ − σ·φ(z)/Φ(z). Φ(z) = erfc(−z/√2)/2 keeps its
/// relative accuracy deep in the tail; below z = −30, where it underflows, the asymptotic
/// expansion |z| + 1/|z| − 2/|z|³ is exact to 1e-7.
fn inverse_mills(z: f64) -> f64 {
    if z < -30.0 {
        let a = -z;
        return a + 1.0 / a - 2.0 / (a * a * a);
    }
    let pdf = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
    pdf / (0.5 * libm::erfc(-z / std::f64::consts::SQRT_2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Params {
        crate::params::baseline()
    }

    /// Everything each process produced over a year, week by week.
    #[derive(Debug, PartialEq)]
    struct Path {
        signals: Vec<[f64; 3]>,
        antitrust: Vec<f64>,
        musk: Vec<MuskStatus>,
        ipo: Vec<bool>,
        demand: Vec<f64>,
        agi: Vec<bool>,
        breakdown: Vec<bool>,
    }

    fn path(s: &Params, run: u64) -> Path {
        let mut sh = Shocks::new(s, &RunKey::new(99, 7, run));
        let mut p = Path {
            signals: vec![],
            antitrust: vec![],
            musk: vec![],
            ipo: vec![],
            demand: vec![],
            agi: vec![],
            breakdown: vec![],
        };
        let mut events = Vec::new();
        for w in 0..52 {
            let b = sh.step(s, w, &mut events);
            p.signals.push(Player::ALL.map(|pl| sh.belief(s, pl)));
            p.antitrust.push(sh.antitrust);
            p.musk.push(sh.musk);
            p.ipo.push(sh.ipo_open);
            p.demand.push(sh.demand);
            p.agi.push(sh.agi);
            p.breakdown.push(b);
        }
        p
    }

    #[test]
    fn switching_one_process_off_leaves_the_others_unchanged() {
        let base = scenario();
        for run in 0..20 {
            let on = path(&base, run);
            for off in [
                "signals",
                "antitrust",
                "musk",
                "ipo",
                "demand",
                "agi",
                "breakdown",
            ] {
                let mut s = base.clone();
                match off {
                    "signals" => s.shocks.signals = false,
                    "antitrust" => s.shocks.antitrust = false,
                    "musk" => s.shocks.musk = false,
                    "ipo" => s.shocks.ipo = false,
                    "demand" => s.shocks.demand = false,
                    "agi" => s.shocks.agi = false,
                    _ => s.shocks.breakdown = false,
                }
                let p = path(&s, run);
                // The switched-off process holds its initial state...
                match off {
                    "antitrust" => assert!(p.antitrust.iter().all(|a| *a == s.antitrust.initial)),
                    "demand" => assert!(p.demand.iter().all(|d| *d == 1.0)),
                    "musk" => assert!(p.musk.iter().all(|m| *m == MuskStatus::Pending)),
                    "breakdown" => assert!(p.breakdown.iter().all(|b| !b)),
                    _ => {}
                }
                // ...and every other process draws exactly what it drew before.
                if off != "signals" {
                    assert_eq!(p.signals, on.signals, "{off} off changed signals");
                }
                if off != "antitrust" {
                    assert_eq!(p.antitrust, on.antitrust, "{off} off changed antitrust");
                }
                if off != "musk" {
                    assert_eq!(p.musk, on.musk, "{off} off changed musk");
                }
                if off != "ipo" {
                    assert_eq!(p.ipo, on.ipo, "{off} off changed ipo");
                }
                if off != "demand" {
                    assert_eq!(p.demand, on.demand, "{off} off changed demand");
                }
                if off != "agi" {
                    assert_eq!(p.agi, on.agi, "{off} off changed agi");
                }
                if off != "breakdown" {
                    assert_eq!(p.breakdown, on.breakdown, "{off} off changed breakdown");
                }
            }
        }
    }

    #[test]
    fn processes_follow_their_calibration() {
        let s = scenario();
        let n = 4000;
        let (mut musk_done, mut musk_win, mut theta_sum, mut open_at_0) = (0, 0, 0.0, 0);
        for run in 0..n {
            let mut sh = Shocks::new(&s, &RunKey::new(5, 1, run));
            theta_sum += sh.theta;
            open_at_0 += usize::from(sh.ipo_open);
            let mut ev = Vec::new();
            for w in 0..14 {
                sh.step(&s, w, &mut ev);
            }
            if sh.musk != MuskStatus::Pending {
                musk_done += 1;
                musk_win += usize::from(matches!(sh.musk, MuskStatus::MuskWin { .. }));
            }
            // The scheduled EU view (week 16.9) has not happened by week 13: only the FTC
            // jump and small news can have moved A_t.
            assert!(sh.antitrust <= s.antitrust.initial + s.antitrust.ftc_jump + 0.2);
        }
        // Verdict by round 13 in every run (drawn in [11.4, 12.1]); P(Musk wins) = 0.35; θ has mean 0.55; window open 0.8.
        assert_eq!(musk_done, n);
        let p = musk_win as f64 / n as f64;
        assert!((p - 0.35).abs() < 0.03, "{p}");
        assert!((theta_sum / n as f64 - 0.55).abs() < 0.01);
        assert!((open_at_0 as f64 / n as f64 - 0.8).abs() < 0.03);
    }

    #[test]
    fn a_belief_below_a_cutoff_is_the_truncated_normal_mean() {
        let s = scenario();
        let sh = Shocks::expected(&s);
        let (m, var) = sh.prior;
        let sd = var.sqrt();
        let below = |c: f64| sh.belief_below(&s, Player::Microsoft, c);
        // Truncated at the mean: μ − σ·√(2/π).
        let at_mean = m - sd * (2.0 / std::f64::consts::PI).sqrt();
        assert!((below(m) - at_mean).abs() < 1e-9, "{}", below(m));
        // One sd below the mean: λ(−1) = φ(1)/Φ(−1) = 0.2419707/0.1586553 = 1.5251352.
        assert!((below(m - sd) - (m - sd * 1.525_135_2)).abs() < 1e-6);
        // A cutoff far above the posterior says nothing; the mean never exceeds the cutoff.
        assert!((below(m + 12.0 * sd) - sh.belief(&s, Player::Microsoft)).abs() < 1e-12);
        for k in 0..40 {
            let c = 0.02 + 0.024 * f64::from(k);
            assert!(below(c) <= c && below(c) <= sh.belief(&s, Player::Microsoft));
        }
    }

    #[test]
    fn the_inverse_mills_ratio_is_continuous_into_its_tail() {
        // λ(−5) = φ(5)/Φ(−5) = 1.4867195e-6 / 2.8665157e-7 = 5.1865.
        assert!((inverse_mills(-5.0) - 5.186_5).abs() < 1e-3);
        // Where the tail formula takes over, the exact ratio agrees with it.
        let tail = |a: f64| a + 1.0 / a - 2.0 / (a * a * a);
        let inside = inverse_mills(-29.999);
        assert!((inside - tail(29.999)).abs() < 1e-6, "{inside}");
        assert_eq!(inverse_mills(-40.0), tail(40.0));
        assert!((inverse_mills(0.0) - (2.0 / std::f64::consts::PI).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn beliefs_carry_the_self_serving_bias() {
        let s = scenario();
        let (mut m, mut o) = (0.0, 0.0);
        for run in 0..500 {
            let mut sh = Shocks::new(&s, &RunKey::new(3, 3, run));
            let mut ev = Vec::new();
            for w in 0..20 {
                sh.step(&s, w, &mut ev);
            }
            m += sh.belief(&s, Player::Microsoft) - sh.theta;
            o += sh.belief(&s, Player::OpenAi) - sh.theta;
        }
        // b_M = +0.10, b_O = −0.10: Microsoft is optimistic, OpenAI pessimistic about M's case.
        assert!(m / 500.0 > 0.05 && o / 500.0 < -0.05, "{m} {o}");
    }
}
