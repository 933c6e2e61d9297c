//! The Patient Rule Induction Method (Friedman & Fisher 1999) for scenario discovery: find a
//! box (a conjunction of interval restrictions on the inputs) where the outcome of interest is
//! dense.
//!
//! **Input.** Points X (n rows × k columns, in parameter units) and an outcome y per point, a
//! 0/1 indicator or a share in \[0, 1\]. Density of a box = mean y of its points; coverage =
//! (sum of y in the box) / (sum of y over all points); mass = points in the box / n.
//!
//! **Peeling.** Start from the box spanning the data. At each step, for each dimension and each
//! side, the candidate peel removes the α-fraction of the box's points with the lowest (or
//! highest) values of that dimension (at least one point; tied values stay together); the
//! candidate leaving the highest density is taken (ties: more points left, then lower
//! dimension, then lower side first). Peeling stops when no peel leaves mass ≥ the minimum
//! mass. Every step is recorded (the peeling trajectory).
//!
//! **Pasting** (optional). From the selected box, repeatedly widen one limit to take in the
//! α-fraction (of the box's points) of nearest outside points, when that raises the density,
//! until no paste does.
//!
//! **Selection.** By default the step with the highest density among those with mass ≥ the
//! minimum mass (ties: the earliest, i.e. larger, box); or a step chosen by index.
//!
//! **Quasi-p-values** (as in the EMA Workbench). For each restricted dimension j: take the box
//! with the restriction on j removed, with T_j points and H_j = Σ y; p_j = H_j / T_j. With the
//! box holding T points and H = round(Σ y), the quasi-p-value is P(X ≥ H) for
//! X ~ Binomial(T, p_j): how surprising the box's density would be if restricting j did
//! nothing. For a continuous y the rounded sum is a heuristic count. Small values mean the
//! restriction matters; they are not corrected for the search that found the box.

use crate::stats::binomial_sf_ge;
use crate::AnalysisError;
use serde::{Deserialize, Serialize};

/// Which step of the peeling trajectory to report.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// The step with the highest density among those with mass ≥ the minimum mass.
    Densest,
    /// This step (0 = the box spanning the data).
    Step(usize),
}

/// Options of [`prim`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PrimOptions {
    /// Peeling (and pasting) fraction α (default 0.05).
    pub alpha: f64,
    /// Minimum mass of a box (default 0.05).
    pub min_mass: f64,
    /// Paste the selected box (default false).
    pub paste: bool,
    /// Box selection (default [`Selection::Densest`]).
    pub selection: Selection,
}

impl Default for PrimOptions {
    fn default() -> Self {
        PrimOptions {
            alpha: 0.05,
            min_mass: 0.05,
            paste: false,
            selection: Selection::Densest,
        }
    }
}

/// A box and its statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrimBox {
    /// Step of the peeling trajectory (0 = the data's span).
    pub step: usize,
    /// Lower limit per dimension.
    pub lower: Vec<f64>,
    /// Upper limit per dimension.
    pub upper: Vec<f64>,
    /// Points in the box.
    pub n: usize,
    /// Σ y over the box's points.
    pub y_sum: f64,
    /// Mean y in the box.
    pub density: f64,
    /// Share of all Σ y inside the box.
    pub coverage: f64,
    /// Share of all points inside the box.
    pub mass: f64,
    /// Dimensions whose limits are narrower than the data's span.
    pub restricted: Vec<usize>,
}

/// A restricted dimension of the selected box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Restriction {
    /// Dimension (column of X).
    pub dim: usize,
    /// Lower limit (the data's minimum when only the upper side is restricted).
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
    /// The data's minimum on this dimension.
    pub data_min: f64,
    /// The data's maximum on this dimension.
    pub data_max: f64,
    /// Quasi-p-value of the restriction (one-sided binomial test).
    pub p_value: f64,
}

/// Result of [`prim`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrimResult {
    /// Mean y over all points.
    pub base_density: f64,
    /// The peeling trajectory, step 0 first.
    pub trajectory: Vec<PrimBox>,
    /// Index of the selected step.
    pub selected: usize,
    /// The reported box: the selected step, pasted when pasting is on.
    pub chosen: PrimBox,
    /// Restricted dimensions of the reported box, with quasi-p-values.
    pub restrictions: Vec<Restriction>,
}

struct Data<'a> {
    x: &'a [Vec<f64>],
    y: &'a [f64],
    min: Vec<f64>,
    max: Vec<f64>,
    total: f64,
}

impl Data<'_> {
    fn inside(&self, r: usize, lower: &[f64], upper: &[f64], skip: Option<usize>) -> bool {
        self.x[r]
            .iter()
            .enumerate()
            .all(|(j, v)| Some(j) == skip || (lower[j] <= *v && *v <= upper[j]))
    }

    fn make(&self, step: usize, lower: Vec<f64>, upper: Vec<f64>) -> PrimBox {
        let rows: Vec<usize> = (0..self.x.len())
            .filter(|&r| self.inside(r, &lower, &upper, None))
            .collect();
        let y_sum: f64 = rows.iter().map(|&r| self.y[r]).sum();
        let n = rows.len();
        let restricted = (0..lower.len())
            .filter(|&j| lower[j] > self.min[j] || upper[j] < self.max[j])
            .collect();
        PrimBox {
            step,
            n,
            y_sum,
            density: if n > 0 { y_sum / n as f64 } else { 0.0 },
            coverage: if self.total > 0.0 {
                y_sum / self.total
            } else {
                0.0
            },
            mass: n as f64 / self.x.len() as f64,
            restricted,
            lower,
            upper,
        }
    }
}

/// Runs PRIM on points `x` (rows, parameter units) with outcomes `y` in \[0, 1\].
#[allow(clippy::needless_range_loop)] // j indexes both columns of x and limits
pub fn prim(x: &[Vec<f64>], y: &[f64], o: PrimOptions) -> Result<PrimResult, AnalysisError> {
    let n = x.len();
    let k = x.first().map_or(0, Vec::len);
    if n == 0 || k == 0 || y.len() != n || x.iter().any(|r| r.len() != k) {
        return Err(AnalysisError::Shape(format!(
            "PRIM needs n ≥ 1 points of equal dimension and one outcome per point (n = {n}, \
             outcomes = {})",
            y.len()
        )));
    }
    if x.iter().flatten().chain(y).any(|v| !v.is_finite())
        || y.iter().any(|v| !(0.0..=1.0).contains(v))
    {
        return Err(AnalysisError::Shape(
            "PRIM: every input must be finite and every outcome in [0, 1]".into(),
        ));
    }
    if !(o.alpha > 0.0 && o.alpha < 0.5) {
        return Err(AnalysisError::Option(format!(
            "alpha {}: must lie in (0, 0.5)",
            o.alpha
        )));
    }
    if !(o.min_mass > 0.0 && o.min_mass <= 1.0) {
        return Err(AnalysisError::Option(format!(
            "minimum mass {}: must lie in (0, 1]",
            o.min_mass
        )));
    }
    let min: Vec<f64> = (0..k)
        .map(|j| x.iter().map(|r| r[j]).fold(f64::INFINITY, f64::min))
        .collect();
    let max: Vec<f64> = (0..k)
        .map(|j| x.iter().map(|r| r[j]).fold(f64::NEG_INFINITY, f64::max))
        .collect();
    let d = Data {
        x,
        y,
        total: y.iter().sum(),
        min: min.clone(),
        max: max.clone(),
    };
    let mut trajectory = vec![d.make(0, min, max)];
    loop {
        let cur = trajectory.last().expect("step 0 exists");
        let rows: Vec<usize> = (0..n)
            .filter(|&r| d.inside(r, &cur.lower, &cur.upper, None))
            .collect();
        let m = ((o.alpha * rows.len() as f64).ceil() as usize).max(1);
        if rows.len() <= m {
            break;
        }
        // (density, remaining, dim, side, new limit)
        let mut best: Option<(f64, usize, usize, usize, f64)> = None;
        for j in 0..k {
            let mut v: Vec<f64> = rows.iter().map(|&r| x[r][j]).collect();
            v.sort_by(f64::total_cmp);
            for side in 0..2 {
                let (cut, keep): (f64, Box<dyn Fn(f64) -> bool>) = if side == 0 {
                    let c = v[m];
                    (c, Box::new(move |t| t >= c))
                } else {
                    let c = v[v.len() - 1 - m];
                    (c, Box::new(move |t| t <= c))
                };
                let (mut cnt, mut s) = (0usize, 0.0);
                for &r in &rows {
                    if keep(x[r][j]) {
                        cnt += 1;
                        s += y[r];
                    }
                }
                if cnt == rows.len() || cnt == 0 || (cnt as f64) / (n as f64) < o.min_mass {
                    continue;
                }
                let dens = s / cnt as f64;
                let better = match best {
                    None => true,
                    Some((bd, bc, ..)) => dens > bd || (dens == bd && cnt > bc),
                };
                if better {
                    best = Some((dens, cnt, j, side, cut));
                }
            }
        }
        let Some((_, _, j, side, cut)) = best else {
            break;
        };
        let (mut lower, mut upper) = (cur.lower.clone(), cur.upper.clone());
        if side == 0 {
            lower[j] = cut;
        } else {
            upper[j] = cut;
        }
        let step = trajectory.len();
        trajectory.push(d.make(step, lower, upper));
    }
    let selected = match o.selection {
        Selection::Step(s) => {
            if s >= trajectory.len() {
                return Err(AnalysisError::Option(format!(
                    "box {s}: the peeling trajectory has steps 0..={}",
                    trajectory.len() - 1
                )));
            }
            s
        }
        Selection::Densest => {
            let mut best = 0;
            for (i, b) in trajectory.iter().enumerate() {
                if b.mass >= o.min_mass && b.density > trajectory[best].density {
                    best = i;
                }
            }
            best
        }
    };
    let mut chosen = trajectory[selected].clone();
    if o.paste {
        chosen = paste(&d, chosen, o.alpha);
    }
    let restrictions = chosen
        .restricted
        .iter()
        .map(|&j| {
            let rows = (0..n).filter(|&r| d.inside(r, &chosen.lower, &chosen.upper, Some(j)));
            let (mut t, mut h) = (0usize, 0.0);
            for r in rows {
                t += 1;
                h += y[r];
            }
            let p = if t > 0 { h / t as f64 } else { 0.0 };
            Restriction {
                dim: j,
                lower: chosen.lower[j],
                upper: chosen.upper[j],
                data_min: d.min[j],
                data_max: d.max[j],
                p_value: binomial_sf_ge(chosen.y_sum.round() as u64, chosen.n as u64, p),
            }
        })
        .collect();
    Ok(PrimResult {
        base_density: trajectory[0].density,
        trajectory,
        selected,
        chosen,
        restrictions,
    })
}

/// Widens one limit at a time by the α-fraction of nearest outside points while that raises
/// the density.
fn paste(d: &Data<'_>, mut b: PrimBox, alpha: f64) -> PrimBox {
    let k = b.lower.len();
    for _ in 0..1000 {
        let m = ((alpha * b.n as f64).ceil() as usize).max(1);
        let mut best: Option<PrimBox> = None;
        for j in 0..k {
            // Points inside on every other dimension, outside on j.
            let outside: Vec<f64> = (0..d.x.len())
                .filter(|&r| d.inside(r, &b.lower, &b.upper, Some(j)))
                .map(|r| d.x[r][j])
                .collect();
            let mut below: Vec<f64> = outside
                .iter()
                .copied()
                .filter(|v| *v < b.lower[j])
                .collect();
            let mut above: Vec<f64> = outside
                .iter()
                .copied()
                .filter(|v| *v > b.upper[j])
                .collect();
            below.sort_by(|a, c| c.total_cmp(a));
            above.sort_by(f64::total_cmp);
            for (side, list) in [(0, &below), (1, &above)] {
                if list.is_empty() {
                    continue;
                }
                let limit = list[(m - 1).min(list.len() - 1)];
                let (mut lo, mut hi) = (b.lower.clone(), b.upper.clone());
                if side == 0 {
                    lo[j] = limit;
                } else {
                    hi[j] = limit;
                }
                let cand = d.make(b.step, lo, hi);
                if cand.density > best.as_ref().map_or(b.density, |x| x.density) {
                    best = Some(cand);
                }
            }
        }
        match best {
            Some(c) => b = c,
            None => break,
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream;
    use rand::RngExt;

    fn planted(n: usize, seed: u64) -> (Vec<Vec<f64>>, Vec<f64>) {
        let mut rng = stream(seed, 1, 0);
        let mut x = Vec::new();
        let mut y = Vec::new();
        for _ in 0..n {
            let p: Vec<f64> = (0..5).map(|_| rng.random::<f64>()).collect();
            let inside = (0.2..=0.5).contains(&p[0]) && (0.6..=0.9).contains(&p[1]);
            let u: f64 = rng.random();
            y.push(if u < if inside { 0.9 } else { 0.05 } {
                1.0
            } else {
                0.0
            });
            x.push(p);
        }
        (x, y)
    }

    #[test]
    fn recovers_a_planted_box() {
        let (x, y) = planted(4000, 11);
        let r = prim(&x, &y, PrimOptions::default()).unwrap();
        let b = &r.chosen;
        assert!(b.density > 0.8, "density {}", b.density);
        // The densest box lies inside the planted one, close to its limits on dims 0 and 1.
        assert!(
            (b.lower[0] - 0.2).abs() < 0.08 && (b.upper[0] - 0.5).abs() < 0.05,
            "{b:?}"
        );
        assert!(
            (b.lower[1] - 0.6).abs() < 0.05 && (b.upper[1] - 0.9).abs() < 0.05,
            "{b:?}"
        );
        let p = |j: usize| {
            r.restrictions
                .iter()
                .find(|q| q.dim == j)
                .map(|q| q.p_value)
        };
        assert!(
            p(0).unwrap() < 1e-6 && p(1).unwrap() < 1e-6,
            "{:?}",
            r.restrictions
        );
        // Restrictions on the irrelevant dims 2–4 (peeled inside the planted box) are not
        // significant.
        for j in 2..5 {
            assert!(p(j).is_none_or(|p| p > 0.05), "{:?}", r.restrictions);
        }
        // Along the trajectory, a box with both high density and high coverage exists.
        assert!(r
            .trajectory
            .iter()
            .any(|s| s.density > 0.8 && s.coverage > 0.55 && s.restricted == [0, 1]));
        // The trajectory starts at the data's span and shrinks monotonically.
        assert_eq!(r.trajectory[0].mass, 1.0);
        assert!(r.trajectory.windows(2).all(|w| w[1].mass < w[0].mass));
        assert!(r.trajectory.iter().all(|s| s.mass >= 0.05));
        // Pasting never lowers the density; a chosen step is honoured.
        let pasted = prim(
            &x,
            &y,
            PrimOptions {
                paste: true,
                ..PrimOptions::default()
            },
        )
        .unwrap();
        assert!(pasted.chosen.density >= b.density);
        let s = prim(
            &x,
            &y,
            PrimOptions {
                selection: Selection::Step(3),
                ..PrimOptions::default()
            },
        )
        .unwrap();
        assert_eq!(s.chosen.step, 3);
        assert!(prim(
            &x,
            &y,
            PrimOptions {
                selection: Selection::Step(100_000),
                ..PrimOptions::default()
            }
        )
        .is_err());
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert!(prim(&[], &[], PrimOptions::default()).is_err());
        assert!(prim(&[vec![0.0]], &[2.0], PrimOptions::default()).is_err());
        assert!(prim(
            &[vec![0.0]],
            &[1.0],
            PrimOptions {
                alpha: 0.7,
                ..PrimOptions::default()
            }
        )
        .is_err());
    }
}
