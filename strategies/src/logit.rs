//! Logit (quantal-response) choice among macro-actions, after McKelvey & Palfrey (1995):
//! P(a) ∝ exp(λ·EV(a)), λ per $B. λ → 0 gives uniform play, λ → ∞ the best action.

use rand::RngExt;
use sim::SimRng;

/// Logit choice probabilities for expected values `ev` at precision `lambda` (stable
/// log-sum-exp form).
pub(crate) fn probabilities(ev: &[f64], lambda: f64) -> Vec<f64> {
    let max = ev.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let w: Vec<f64> = ev.iter().map(|v| (lambda * (v - max)).exp()).collect();
    let total: f64 = w.iter().sum();
    w.into_iter().map(|x| x / total).collect()
}

/// Most alternatives [`choose`] handles without allocating.
const STACK: usize = 16;

/// Draws an index by logit choice (one uniform draw; no allocation for up to 16 options).
pub(crate) fn choose(ev: &[f64], lambda: f64, rng: &mut SimRng) -> usize {
    if ev.len() > STACK {
        let p = probabilities(ev, lambda);
        return draw(&p, 1.0, rng);
    }
    let max = ev.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut w = [0.0f64; STACK];
    let mut total = 0.0;
    for (wi, v) in w.iter_mut().zip(ev) {
        *wi = (lambda * (v - max)).exp();
        total += *wi;
    }
    draw(&w[..ev.len()], total, rng)
}

fn draw(weights: &[f64], total: f64, rng: &mut SimRng) -> usize {
    let u = rng.random::<f64>() * total;
    let mut acc = 0.0;
    for (i, w) in weights.iter().enumerate() {
        acc += w;
        if u < acc {
            return i;
        }
    }
    weights.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn binary_logit_closed_form() {
        // P(sue) = 1/(1 + e^{−λΔU}): binary logit (McKelvey & Palfrey 1995).
        for (lambda, du) in [(1.0, 2.0), (0.5, -3.0), (10.0, 0.1)] {
            let p = probabilities(&[du, 0.0], lambda)[0];
            let expect = 1.0 / (1.0 + f64::exp(-lambda * du));
            assert!((p - expect).abs() < 1e-12);
        }
    }

    #[test]
    fn lambda_zero_is_uniform_and_large_lambda_is_argmax() {
        let p = probabilities(&[1.0, 5.0, -2.0], 0.0);
        assert!(p.iter().all(|x| (x - 1.0 / 3.0).abs() < 1e-12));
        let p = probabilities(&[1.0, 5.0, -2.0], 50.0);
        assert!(p[1] > 0.999_999);
    }

    proptest::proptest! {
        #[test]
        fn probabilities_sum_to_one_and_respect_order(
            ev in proptest::collection::vec(-1e3f64..1e3, 1..12),
            lambda in 0.0f64..20.0,
        ) {
            let p = probabilities(&ev, lambda);
            proptest::prop_assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            proptest::prop_assert!(p.iter().all(|x| (0.0..=1.0).contains(x)));
            for i in 0..ev.len() {
                for j in 0..ev.len() {
                    if ev[i] > ev[j] {
                        proptest::prop_assert!(p[i] >= p[j]);
                    }
                }
            }
        }
    }

    #[test]
    fn choice_frequencies_follow_probabilities() {
        let mut rng = SimRng::seed_from_u64(11);
        let ev = [0.0, 1.0];
        let n = 100_000;
        let hits = (0..n).filter(|_| choose(&ev, 1.0, &mut rng) == 1).count();
        let p = 1.0 / (1.0 + f64::exp(-1.0));
        assert!((hits as f64 / n as f64 - p).abs() < 0.01);
    }
}
