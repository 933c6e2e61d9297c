//! One-dimensional root finding shared by the model: the Illinois variant of regula falsi
//! (Dowell & Jarratt 1972) on a bracket where the function changes sign. Used for the θ at
//! which a refusal becomes informative (`valuer`, docs/model.md §6.3) and for the parameter
//! values at which a player's gain from the April terms changes sign (`strict_scan`).

/// Stop when |f| or the bracket's width falls below this.
const TOLERANCE: f64 = 1e-9;

/// Most steps before giving up on the tolerance (then the bracket's midpoint is returned).
const MAX_STEPS: usize = 100;

/// The root of `f` on the bracket [`a`, `b`], given f(a) = `fa` > 0 ≥ f(b) = `fb`, by the
/// Illinois variant of regula falsi: each step takes the secant point c of the bracket and
/// keeps the side where f changes sign, halving the kept end's value when the same side is
/// kept twice (which stops regula falsi from creeping along a curved function). Returns c
/// when |f(c)| < 10⁻⁹ or the bracket is narrower than 10⁻⁹; an error of `f` stops the search.
pub(crate) fn illinois<E>(
    f: &dyn Fn(f64) -> Result<f64, E>,
    (mut a, mut fa): (f64, f64),
    (mut b, mut fb): (f64, f64),
) -> Result<f64, E> {
    let mut last_side = 0i8;
    for _ in 0..MAX_STEPS {
        let c = (a * fb - b * fa) / (fb - fa);
        let fc = f(c)?;
        if fc.abs() < TOLERANCE || (b - a).abs() < TOLERANCE {
            return Ok(c);
        }
        if fc > 0.0 {
            (a, fa) = (c, fc);
            if last_side == 1 {
                fb *= 0.5;
            }
            last_side = 1;
        } else {
            (b, fb) = (c, fc);
            if last_side == -1 {
                fa *= 0.5;
            }
            last_side = -1;
        }
    }
    Ok(0.5 * (a + b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::convert::Infallible;

    fn root(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
        let g = |x: f64| Ok::<_, Infallible>(f(x));
        let Ok(x) = illinois(&g, (a, f(a)), (b, f(b)));
        x
    }

    #[test]
    fn finds_linear_and_curved_roots_in_either_direction() {
        assert!((root(|x| 0.4 - x, 0.0, 1.0) - 0.4).abs() < 1e-9);
        assert!((root(|x| 0.3 - x * x, 0.0, 1.0) - 0.3f64.sqrt()).abs() < 1e-8);
        // The bracket may run downwards (a > b) as long as f(a) > 0 ≥ f(b).
        assert!((root(|x| x - 2.5, 4.0, 1.0) - 2.5).abs() < 1e-9);
        // A steep, strongly curved function still converges (the Illinois halving).
        assert!((root(|x| (-(x - 0.7) * 8.0).exp() - 1.0, 0.0, 1.0) - 0.7).abs() < 1e-8);
    }

    #[test]
    fn an_error_of_the_function_stops_the_search() {
        let f = |x: f64| {
            if x > 0.5 {
                Err("beyond 0.5")
            } else {
                Ok(0.9 - x)
            }
        };
        assert_eq!(illinois(&f, (0.0, 0.9), (1.0, -0.1)), Err("beyond 0.5"));
    }
}
