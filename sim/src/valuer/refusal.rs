//! What a refusal tells Microsoft about the merits (Nalebuff 1987; docs/model.md §6.3). OpenAI's
//! aspiration rule accepts an offer worth U to it iff U ≥ max(d(θ), (1 − α)·U_max + α·d(θ)), where
//! α is the share of its concession made by then (public: the clock and its published strategy),
//! U_max its best candidate value (belief-free) and d(θ) its value of going on, which falls as
//! Microsoft's chance θ of winning rises once a threat stands over a live launch. Treating OpenAI
//! as knowing θ, a refusal says θ lies below the θ* at which that threshold equals U; it says
//! nothing when every θ, or no θ, would have refused.

use super::StateValuer;
use crate::contract::Contract;
use crate::player::Player;
use crate::strategy::Valuer;

/// The ends of the belief scale (beliefs are clamped to them).
const LOW: f64 = 0.01;
const HIGH: f64 = 0.99;

impl StateValuer<'_> {
    /// The cutoff θ* below which `responder`, knowing θ and answering by an aspiration rule
    /// with concession `alpha`, would have refused `offer` in the current state; `None` when
    /// the refusal carries no news about θ (it would have refused at every θ in [0.01, 0.99],
    /// or at none, which the rule cannot explain).
    pub(crate) fn refusal_cutoff(
        &self,
        responder: Player,
        offer: &Contract,
        alpha: f64,
    ) -> Option<f64> {
        let u = self.agreement(responder, offer);
        let best = self.best_value(responder, u);
        crossing(|theta| self.aspiration_threshold(responder, theta, alpha, best) - u)
    }

    /// `responder`'s best value U_max among the run's candidates and `u` (the offer's value).
    fn best_value(&self, responder: Player, u: f64) -> f64 {
        let i = responder as usize;
        self.candidates.iter().map(|(_, v)| v[i]).fold(u, f64::max)
    }

    /// `responder`'s acceptance threshold max(d(θ), (1 − α)·U_max + α·d(θ)) were its belief
    /// θ, with U_max = `best`.
    fn aspiration_threshold(&self, responder: Player, theta: f64, alpha: f64, best: f64) -> f64 {
        let d = self.for_viewer(responder, theta).continuation(responder);
        d.max((1.0 - alpha) * best + alpha * d)
    }
}

/// Where `excess` (the refusal threshold minus the offer's value, as a function of θ; the
/// rule refuses where it is positive) changes sign on [0.01, 0.99], by the Illinois variant of
/// regula falsi (the excess is close to linear in θ, so a few evaluations suffice). `None`
/// unless it is positive at 0.01 and not at 0.99.
fn crossing(excess: impl Fn(f64) -> f64) -> Option<f64> {
    let (fa, fb) = (excess(LOW), excess(HIGH));
    if fb > 0.0 || fa <= 0.0 {
        return None;
    }
    let f = |theta: f64| Ok::<_, std::convert::Infallible>(excess(theta));
    let Ok(theta) = crate::root::illinois(&f, (LOW, fa), (HIGH, fb));
    Some(theta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::tests::{april, status_quo};
    use crate::params::{baseline, Params};
    use crate::payoff::Economics;
    use crate::shocks::Shocks;
    use crate::state::DisputeState;
    use crate::valuer::{issue_preferences, SharedValues};

    #[test]
    fn the_crossing_is_found_where_the_excess_changes_sign() {
        let linear = crossing(|t| 0.4 - t).unwrap();
        assert!((linear - 0.4).abs() < 1e-9, "{linear}");
        let curved = crossing(|t| 0.3 - t * t).unwrap();
        assert!((curved - 0.3f64.sqrt()).abs() < 1e-7, "{curved}");
        // Refused at every θ, or at none: no news.
        assert_eq!(crossing(|t| 2.0 - t), None);
        assert_eq!(crossing(|t| -t), None);
    }

    /// The April terms with a smaller revenue share: better for OpenAI.
    fn generous() -> Contract {
        Contract {
            revenue_share: 0.08,
            ..april()
        }
    }

    /// Runs `f` with Microsoft's valuer of the state `st` at expected draws, the run's
    /// candidates being the status quo, the April terms and [`generous`] ones.
    fn with_valuer<T>(s: &Params, st: &DisputeState, f: impl Fn(&StateValuer<'_>) -> T) -> T {
        let shocks = Shocks::expected(s);
        let econ = Economics::new(s, shocks.draws);
        let prefs = issue_preferences(s);
        let shared = SharedValues::default();
        let v = StateValuer::new(s, &econ, st, &shocks, 0.5, &prefs, &shared)
            .viewed_by(Player::Microsoft);
        let cands: Vec<(Contract, [f64; 3])> = [status_quo(), april(), generous()]
            .iter()
            .map(|x| (*x, v.agreement_values(x)))
            .collect();
        f(&v.with_candidates(&cands))
    }

    fn threatened(s: &Params) -> DisputeState {
        let mut st = DisputeState::new(s);
        st.threat = true;
        st.launched = true;
        st
    }

    #[test]
    fn a_refusal_bounds_theta_at_the_rules_cutoff() {
        let s = baseline();
        let o = Player::OpenAi;
        with_valuer(&s, &threatened(&s), |v| {
            let d = |theta: f64| v.for_viewer(o, theta).continuation(o);
            let (d_low, d_high) = (d(LOW), d(HIGH));
            assert!(
                d_low > d_high + 1.0,
                "OpenAI's value of going on falls with θ"
            );
            let offer = april();
            let u = v.agreement(o, &offer);
            let best = v.best_value(o, u);
            // The concession at which the rule is indifferent at θ = 0.5's d.
            let mid = d(0.5);
            let alpha = (best - u) / (best - mid);
            assert!(
                alpha > 0.0 && alpha < 1.0,
                "α = {alpha}: the setup has no crossing"
            );
            let cut = v.refusal_cutoff(o, &offer, alpha).expect("news");
            assert!((cut - 0.5).abs() < 0.02, "cutoff {cut}");
            let refuses = |theta: f64| v.aspiration_threshold(o, theta, alpha, best) > u;
            assert!(refuses(cut - 1e-3) && !refuses(cut + 1e-3));
            // Conceding nothing, OpenAI refuses anything short of its best: no news.
            assert_eq!(v.refusal_cutoff(o, &offer, 0.0), None);
        });
    }

    #[test]
    fn a_refusal_before_any_threat_says_nothing() {
        let s = baseline();
        let mut st = DisputeState::new(&s);
        st.launched = true;
        with_valuer(&s, &st, |v| {
            for alpha in [0.0, 0.3, 0.7, 1.0] {
                assert_eq!(v.refusal_cutoff(Player::OpenAi, &april(), alpha), None);
            }
        });
    }
}
