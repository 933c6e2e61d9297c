//! The Patient Rule Induction Method (Friedman & Fisher 1999) for scenario discovery: find a
//! box (a conjunction of interval restrictions on the inputs) where the outcome of interest is
//! dense.
//!
//! **Input.** Points X (n rows × k columns, in parameter units) and an outcome y per point, a
//! 0/1 indicator or a share in \[0, 1\]. Density of a box = mean y of its points; coverage =
//! (sum of y in the box) / (sum of y over all points); mass = points in the box / n.
//!
//! **Peeling.** Start from the box spanning the data. At each step, for each dimension and each
//! side, the candidate peel removes the m = ⌈α·n⌉ points of the box with the lowest (or
//! highest) values of that dimension and every point tied with the last of them (tied values
//! stay together, so on a grid a peel removes whole levels; a dimension whose values are all
//! tied is not peeled); the
//! candidate leaving the highest density is taken (ties: more points left, then lower
//! dimension, then lower side first). Peeling stops when no peel leaves mass ≥ the minimum
//! mass. Every step is recorded (the peeling trajectory).
//!
//! **Pasting** (optional). From the selected box, repeatedly widen one limit to take in the
//! α-fraction (of the box's points) of nearest outside points, when that raises the density,
//! until no paste does.
//!
//! **Selection.** By default the step with the highest density among those with mass ≥ the
//! minimum mass (ties: the earliest, i.e. larger, box); or a step chosen by index. A limit of
//! the reported box that excludes no point the other limits do not already exclude is widened
//! back to the data's span (the box keeps its points; only restrictions that matter remain).
//!
//! **Quasi-p-values.** For each restricted dimension j: take the box with the restriction on j
//! removed, with T_j points. For a 0/1 outcome (as in the EMA Workbench): with H_j = Σ y over
//! them, p_j = H_j / T_j, and the box holding T points and H = Σ y, the quasi-p-value is
//! P(X ≥ H) for X ~ Binomial(T, p_j). For a continuous outcome (a share): the share of random
//! subsets of T of those T_j points whose Σ y reaches the box's (a permutation test, 9,999
//! seeded subsets). Either way: how surprising the box's density would be if restricting j did
//! nothing. Small values mean the restriction matters; they are not corrected for the search
//! that found the box.

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

/// How the quasi-p-values of a [`PrimResult`] were computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuasiPTest {
    /// A 0/1 outcome: the one-sided binomial test (and every result written before the
    /// permutation test existed).
    #[default]
    Binomial,
    /// A continuous outcome: the permutation test.
    Permutation,
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
    /// The test behind the quasi-p-values.
    #[serde(default)]
    pub quasi_p_test: QuasiPTest,
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
                // The m lowest (highest) values go, and with them every value tied to the
                // last of them; the new limit is the nearest value left. When every value
                // is tied, this side cannot be peeled.
                let (cut, keep): (f64, Box<dyn Fn(f64) -> bool>) = if side == 0 {
                    let last = v[m - 1];
                    let i = v.partition_point(|t| *t <= last);
                    let Some(&c) = v.get(i) else { continue };
                    (c, Box::new(move |t| t >= c))
                } else {
                    let last = v[v.len() - m];
                    let i = v.partition_point(|t| *t < last);
                    if i == 0 {
                        continue;
                    }
                    let c = v[i - 1];
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
    let chosen = drop_redundant(&d, chosen);
    let binary = y.iter().all(|v| *v == 0.0 || *v == 1.0);
    let restrictions = chosen
        .restricted
        .iter()
        .map(|&j| {
            let without: Vec<f64> = (0..n)
                .filter(|&r| d.inside(r, &chosen.lower, &chosen.upper, Some(j)))
                .map(|r| y[r])
                .collect();
            let p_value = if binary {
                let p = without.iter().sum::<f64>() / without.len() as f64;
                binomial_sf_ge(chosen.y_sum.round() as u64, chosen.n as u64, p)
            } else {
                permutation_p(&without, chosen.n, chosen.y_sum, j as u64)
            };
            Restriction {
                dim: j,
                lower: chosen.lower[j],
                upper: chosen.upper[j],
                data_min: d.min[j],
                data_max: d.max[j],
                p_value,
            }
        })
        .collect();
    Ok(PrimResult {
        base_density: trajectory[0].density,
        trajectory,
        selected,
        chosen,
        restrictions,
        quasi_p_test: if binary {
            QuasiPTest::Binomial
        } else {
            QuasiPTest::Permutation
        },
    })
}

/// Random subsets drawn by the permutation test of a continuous share's quasi-p-values.
pub const PERMUTATIONS: usize = 9_999;

/// The quasi-p-value of a restriction for a continuous outcome: the share of random subsets of
/// `t` of the `pool` (the outcomes of the points in the box without the restriction) whose sum
/// is at least `box_sum`, the box's own (counted as (1 + hits) / (1 + [`PERMUTATIONS`])). If
/// the restriction did nothing, the box's points would be such a random subset. Seeded by the
/// dimension, so the value is reproducible.
fn permutation_p(pool: &[f64], t: usize, box_sum: f64, dim: u64) -> f64 {
    use rand::RngExt;
    if t >= pool.len() {
        return 1.0;
    }
    // A subset summing to the box's own up to rounding counts as reaching it.
    let bar = box_sum - 1e-9 * (1.0 + box_sum.abs());
    let mut rng = crate::stream(0x5052_494d, 2, dim);
    let mut v = pool.to_vec();
    let mut hits = 0usize;
    for _ in 0..PERMUTATIONS {
        let mut s = 0.0;
        for i in 0..t {
            let k = rng.random_range(i..v.len());
            v.swap(i, k);
            s += v[i];
        }
        if s >= bar {
            hits += 1;
        }
    }
    (1 + hits) as f64 / (1 + PERMUTATIONS) as f64
}

/// Widens, one dimension at a time (lowest first), every limit that excludes no point the
/// other limits do not already exclude: the box keeps the same points and reports only the
/// restrictions that matter.
fn drop_redundant(d: &Data<'_>, mut b: PrimBox) -> PrimBox {
    for j in b.restricted.clone() {
        let (mut lo, mut hi) = (b.lower.clone(), b.upper.clone());
        lo[j] = d.min[j];
        hi[j] = d.max[j];
        let wide = d.make(b.step, lo, hi);
        if wide.n == b.n {
            b = wide;
        }
    }
    b
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

    /// The quasi-p-value of dimension `j`'s restriction, if it is restricted.
    fn p_value(r: &PrimResult, j: usize) -> Option<f64> {
        r.restrictions
            .iter()
            .find(|q| q.dim == j)
            .map(|q| q.p_value)
    }

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
        let p = |j: usize| p_value(&r, j);
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

    /// A sweep-like grid: every value of a dimension is shared by many points, so the m lowest
    /// values are all tied with the next one. A peel removes whole levels.
    #[test]
    fn a_grid_is_peeled_level_by_level() {
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for a in 0..5 {
            for b in 0..9 {
                x.push(vec![f64::from(a), f64::from(b)]);
                // The share rises with the first parameter only.
                y.push(0.1 + 0.2 * f64::from(a));
            }
        }
        let r = prim(&x, &y, PrimOptions::default()).unwrap();
        assert!(r.trajectory.len() > 1, "{:?}", r.trajectory);
        // The first peel removes the lowest level of the first parameter (9 points, not 3).
        let s1 = &r.trajectory[1];
        assert_eq!((s1.lower[0], s1.n), (1.0, 36), "{s1:?}");
        // The box ends on the top level, and only the first parameter is restricted.
        assert_eq!(r.chosen.lower[0], 4.0);
        assert!((r.chosen.density - 0.9).abs() < 1e-12);
        assert_eq!(r.chosen.restricted, vec![0]);
        // A parameter with one value cannot be peeled.
        let flat: Vec<Vec<f64>> = x.iter().map(|_| vec![2.0]).collect();
        assert_eq!(
            prim(&flat, &y, PrimOptions::default())
                .unwrap()
                .trajectory
                .len(),
            1
        );
    }

    /// The reported box keeps only restrictions that exclude a point the others do not.
    #[test]
    fn redundant_limits_are_widened() {
        // Two readings of one driver, equal except at three points that the first reading
        // places high and the second low, where the outcome is 0. Peeling the first reading
        // finds the driver; peeling the second then drops the three points, and its limit
        // leaves the first one's nothing to exclude.
        let mut x: Vec<Vec<f64>> = (0..200)
            .map(|i| vec![f64::from(i) / 199.0, f64::from(i) / 199.0])
            .collect();
        let mut y: Vec<f64> = x.iter().map(|r| f64::from(u8::from(r[0] > 0.7))).collect();
        for k in 0..3 {
            x.push(vec![0.95 + 0.01 * f64::from(k), 0.0]);
            y.push(0.0);
        }
        let r = prim(&x, &y, PrimOptions::default()).unwrap();
        let b = &r.chosen;
        let step = &r.trajectory[r.selected];
        assert_eq!(step.restricted, vec![0, 1], "{step:?}");
        assert_eq!((b.n, b.y_sum), (step.n, step.y_sum));
        assert_eq!(b.restricted.len(), 1, "{b:?}");
        assert_eq!(r.restrictions.len(), 1);
        let j = b.restricted[0];
        let other = 1 - j;
        let span = &r.trajectory[0];
        assert_eq!(
            (b.lower[other], b.upper[other]),
            (span.lower[other], span.upper[other])
        );
        assert!(r.restrictions[0].p_value < 1e-6, "{r:?}");
    }

    /// For a continuous outcome the quasi-p-value is a permutation test.
    #[test]
    fn continuous_quasi_p_values_are_permutation_tests() {
        // One box point out of four, holding the only 1: exactly 1/4 of subsets reach it.
        let p = permutation_p(&[1.0, 0.0, 0.0, 0.0], 1, 1.0, 0);
        assert!((p - 0.25).abs() < 0.015, "{p}");
        // Two of four, summing to 1.5 from [1, 0.5, 0.2, 0.1]: only {1, 0.5} reaches it, 1/6.
        let p = permutation_p(&[1.0, 0.5, 0.2, 0.1], 2, 1.5, 1);
        assert!((p - 1.0 / 6.0).abs() < 0.015, "{p}");
        assert_eq!(permutation_p(&[0.3, 0.2], 2, 0.5, 0), 1.0);
        // Shares instead of 0/1: the planted dimensions matter, the others do not.
        let (x, y) = planted(3000, 7);
        let share: Vec<f64> = x
            .iter()
            .zip(&y)
            .map(|(p, v)| {
                0.02 + 0.01 * v
                    + if (0.2..=0.5).contains(&p[0]) && (0.6..=0.9).contains(&p[1]) {
                        0.1
                    } else {
                        0.0
                    }
            })
            .collect();
        let r = prim(&x, &share, PrimOptions::default()).unwrap();
        let p = |j: usize| p_value(&r, j);
        assert!(
            p(0).unwrap() < 1e-3 && p(1).unwrap() < 1e-3,
            "{:?}",
            r.restrictions
        );
        // The same inputs give the same p-values.
        assert_eq!(prim(&x, &share, PrimOptions::default()).unwrap(), r);
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
