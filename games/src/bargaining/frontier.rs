//! A two-player Pareto frontier `u₂ = f(u₁)` on `[lo, hi]` with `f` concave, and the numerics
//! the frontier solutions need: the feasible interval above a disagreement point and
//! golden-section maximisation.

use super::BargainingError;

/// A concave frontier `u₂ = f(u₁)` for `u₁ ∈ [lo, hi]`.
pub struct Frontier<F: Fn(f64) -> f64> {
    f: F,
    lo: f64,
    hi: f64,
}

/// The part of a frontier that gives both players at least their disagreement payoff.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeasibleArc {
    /// Smallest `u₁` with `u₁ ≥ d₁` and `f(u₁) ≥ d₂`.
    pub left: f64,
    /// Largest such `u₁` (player 1's utopia payoff).
    pub right: f64,
    /// The `u₁` maximising `f` on the arc.
    pub peak: f64,
    /// `f(peak)` (player 2's utopia payoff).
    pub peak_value: f64,
}

const ITERATIONS: usize = 200;

/// Maximises a unimodal `g` on `[a, b]` by golden-section search.
pub fn golden_max(g: impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
    let r = (5f64.sqrt() - 1.0) / 2.0;
    let mut c = b - r * (b - a);
    let mut d = a + r * (b - a);
    let (mut gc, mut gd) = (g(c), g(d));
    for _ in 0..ITERATIONS {
        if (b - a).abs() <= 1e-15 * (1.0 + a.abs()) {
            break;
        }
        if gc >= gd {
            b = d;
            d = c;
            gd = gc;
            c = b - r * (b - a);
            gc = g(c);
        } else {
            a = c;
            c = d;
            gc = gd;
            d = a + r * (b - a);
            gd = g(d);
        }
    }
    (a + b) / 2.0
}

/// Bisection for the root of `g` on `[a, b]`, given `g(a) ≤ 0 ≤ g(b)` (or the reverse).
pub fn bisect(g: impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
    let increasing = g(a) <= g(b);
    for _ in 0..ITERATIONS {
        let m = (a + b) / 2.0;
        if m <= a || m >= b {
            break;
        }
        if (g(m) <= 0.0) == increasing {
            a = m;
        } else {
            b = m;
        }
    }
    (a + b) / 2.0
}

impl<F: Fn(f64) -> f64> Frontier<F> {
    /// A frontier on `[lo, hi]`; `lo < hi`, both finite.
    pub fn new(f: F, lo: f64, hi: f64) -> Result<Self, BargainingError> {
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            return Err(BargainingError::InvalidParameter {
                name: "frontier domain",
                value: format!("[{lo}, {hi}]"),
                allowed: "finite bounds with lo < hi",
            });
        }
        Ok(Self { f, lo, hi })
    }

    /// `f(u₁)`.
    pub fn value(&self, u1: f64) -> f64 {
        (self.f)(u1)
    }

    /// The arc of the frontier where `u₁ ≥ d₁` and `u₂ ≥ d₂`.
    pub fn feasible_arc(&self, d: [f64; 2]) -> Result<FeasibleArc, BargainingError> {
        let start = self.lo.max(d[0]);
        if start > self.hi {
            return Err(BargainingError::Infeasible(format!(
                "d1 = {} exceeds the frontier's largest u1 = {}",
                d[0], self.hi
            )));
        }
        let peak = golden_max(&self.f, start, self.hi);
        let peak_value = self.value(peak);
        if !(peak_value.is_finite() && peak_value > d[1]) {
            return Err(BargainingError::Infeasible(format!(
                "the frontier never gives player 2 more than d2 = {} when u1 >= {}",
                d[1], start
            )));
        }
        let right = if self.value(self.hi) >= d[1] {
            self.hi
        } else {
            bisect(|u| self.value(u) - d[1], peak, self.hi)
        };
        let left = if self.value(start) >= d[1] {
            start
        } else {
            bisect(|u| self.value(u) - d[1], start, peak)
        };
        Ok(FeasibleArc {
            left,
            right,
            peak,
            peak_value,
        })
    }
}
