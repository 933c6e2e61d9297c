//! Faratin–Sierra–Jennings (1998) time-dependent negotiation decision functions: the concession
//! curve α(t) (polynomial or exponential), multi-issue offers over the discretised contract
//! domains, and the weighted scoring function V^a(x) = Σ_j w_j V_j(x_j).

use sim::contract::{Contract, Issue};
use sim::strategy::PublicState;

/// Shape of the concession curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Curve {
    /// α(t) = κ + (1 − κ)·(min(t, t_max)/t_max)^{1/β}.
    Polynomial,
    /// α(t) = exp((1 − min(t, t_max)/t_max)^β · ln κ).
    Exponential,
}

/// Concession α(t) ∈ [κ, 1]: α(0) = κ, α(t_max) = 1, monotone in t. β < 1 is Boulware
/// (holds firm, concedes near the deadline), β > 1 Conceder.
pub(crate) fn alpha(curve: Curve, t: f64, t_max: f64, kappa: f64, beta: f64) -> f64 {
    let frac = (t.min(t_max) / t_max).clamp(0.0, 1.0);
    match curve {
        Curve::Polynomial => {
            let e = 1.0 / beta;
            // x^1 = x exactly; skipping `powf` for the linear curve (β = 1, the default
            // agents') changes no bit.
            let f = if e == 1.0 { frac } else { frac.powf(e) };
            kappa + (1.0 - kappa) * f
        }
        Curve::Exponential => {
            if kappa <= 0.0 {
                if frac >= 1.0 {
                    1.0
                } else {
                    0.0
                }
            } else {
                ((1.0 - frac).powf(beta) * kappa.ln()).exp()
            }
        }
    }
}

/// The bargaining clock at `week`: (t, t_max) for [`alpha`]. Before a suit, t is the week
/// and t_max the agent's own `deadline`. While a suit is pending, the court's calendar sets
/// the deadline of pretrial bargaining (Spier 1992): the clock restarts at the filing and runs
/// to the median date of judgment, so every party concedes afresh from its best terms toward
/// its new disagreement value (litigation) and reaches it when the court is expected to rule.
/// Once the suit is dismissed the court sets no deadline, and the agent's own clock applies
/// again.
pub(crate) fn clock(public: &PublicState, week: u32, deadline: f64) -> (f64, f64) {
    match public.suit_filed {
        Some(filed) if public.suit_pending => {
            (f64::from(week.saturating_sub(filed)), public.trial_weeks)
        }
        _ => (f64::from(week), deadline),
    }
}

/// One player's Faratin tactic over all issues.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tactic {
    /// Curve shape.
    pub curve: Curve,
    /// Initial concession κ.
    pub kappa: f64,
    /// Deadline t_max, weeks.
    pub deadline: f64,
    /// β per issue (index = `Issue::index`).
    pub beta: [f64; Issue::ALL.len()],
    /// Normalised weight per issue (sums to 1).
    pub weight: [f64; Issue::ALL.len()],
}

/// For each issue: `Some(true)` if the player prefers higher levels, `Some(false)` lower,
/// `None` indifferent.
pub(crate) type Directions = [Option<bool>; Issue::ALL.len()];

impl Tactic {
    /// α_j(t) for every issue.
    pub(crate) fn alphas(&self, t: f64) -> [f64; Issue::ALL.len()] {
        self.alphas_until(t, self.deadline)
    }

    /// α_j(t) for every issue with deadline `t_max` instead of the tactic's own (see
    /// [`clock`]).
    pub(crate) fn alphas_until(&self, t: f64, t_max: f64) -> [f64; Issue::ALL.len()] {
        std::array::from_fn(|i| alpha(self.curve, t, t_max, self.kappa, self.beta[i]))
    }

    /// The offer at concession levels `alphas` (see [`Tactic::alphas`]) scaled by `scale`: on
    /// each weighted issue, the level `scale·α_j` of the way from the player's best end toward
    /// its worst end; other issues stay as in `base`.
    pub(crate) fn offer(
        &self,
        alphas: &[f64; Issue::ALL.len()],
        base: &Contract,
        dirs: &Directions,
        scale: f64,
    ) -> Contract {
        let mut x = *base;
        for issue in Issue::ALL {
            let i = issue.index();
            let Some(up) = dirs[i] else { continue };
            if self.weight[i] <= 0.0 {
                continue;
            }
            let top = (issue.domain_len() - 1) as f64;
            let steps = (scale * alphas[i] * top).round() as usize;
            let level = if up { top as usize - steps } else { steps };
            x.set_level(issue, level);
        }
        x
    }

    /// V^a(x) ∈ [0, 1]: weighted share of the way from the worst to the best end, per issue.
    pub(crate) fn score(&self, x: &Contract, dirs: &Directions) -> f64 {
        let mut total = 0.0;
        for issue in Issue::ALL {
            let i = issue.index();
            let (Some(up), w) = (dirs[i], self.weight[i]) else {
                continue;
            };
            if w <= 0.0 {
                continue;
            }
            let top = (issue.domain_len() - 1) as f64;
            let level = x.level(issue).unwrap_or(0) as f64;
            total += w * if up { level / top } else { 1.0 - level / top };
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faratin_closed_forms() {
        // Faratin, Sierra & Jennings (1998): α(0) = κ, α(t_max) = 1; polynomial, κ = 0.1 at
        // t_max/2: Boulware (β = 0.2) 0.1281, Conceder (β = 5) 0.8835.
        for curve in [Curve::Polynomial, Curve::Exponential] {
            assert!((alpha(curve, 0.0, 10.0, 0.1, 0.7) - 0.1).abs() < 1e-12);
            assert!((alpha(curve, 10.0, 10.0, 0.1, 0.7) - 1.0).abs() < 1e-12);
        }
        let b = alpha(Curve::Polynomial, 5.0, 10.0, 0.1, 0.2);
        let c = alpha(Curve::Polynomial, 5.0, 10.0, 0.1, 5.0);
        assert!((b - 0.128_125).abs() < 1e-6, "{b}");
        assert!((c - 0.883_5).abs() < 1e-4, "{c}");
    }

    #[test]
    fn a_filing_puts_the_clock_on_the_court_calendar() {
        let mut public = PublicState {
            week: 60,
            trial_weeks: 112.0,
            ..PublicState::default()
        };
        assert_eq!(clock(&public, 60, 45.0), (60.0, 45.0));
        public.suit_filed = Some(50);
        public.suit_pending = true;
        assert_eq!(clock(&public, 60, 45.0), (10.0, 112.0));
        // A dismissed suit sets no deadline: the agent's own clock applies again.
        public.suit_pending = false;
        assert_eq!(clock(&public, 60, 45.0), (60.0, 45.0));
        public.suit_pending = true;
        // Past its own deadline the tactic has conceded everything; after a filing it starts
        // again from κ and concedes toward the expected judgment date.
        let tactic = Tactic {
            curve: Curve::Polynomial,
            kappa: 0.05,
            deadline: 45.0,
            beta: [1.0; Issue::ALL.len()],
            weight: [1.0 / Issue::ALL.len() as f64; Issue::ALL.len()],
        };
        assert!(tactic.alphas(60.0).iter().all(|a| *a == 1.0));
        let (t, t_max) = clock(&public, 50, tactic.deadline);
        assert!(tactic.alphas_until(t, t_max).iter().all(|a| *a == 0.05));
        let (t, t_max) = clock(&public, 50 + 56, tactic.deadline);
        let half = 0.05 + 0.95 * 0.5;
        assert!(tactic
            .alphas_until(t, t_max)
            .iter()
            .all(|a| (a - half).abs() < 1e-12));
    }

    #[test]
    fn alpha_is_monotone() {
        for curve in [Curve::Polynomial, Curve::Exponential] {
            for beta in [0.1, 0.5, 1.0, 2.0, 5.0] {
                let mut prev = 0.0;
                for k in 0..=40 {
                    let a = alpha(curve, f64::from(k), 20.0, 0.05, beta);
                    assert!(a >= prev - 1e-12 && a <= 1.0 + 1e-12);
                    prev = a;
                }
            }
        }
    }
}
