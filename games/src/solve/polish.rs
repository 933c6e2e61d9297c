//! Newton's method on the indifference equations of a given support: turns an approximate
//! equilibrium into one accurate to machine precision, or reports that the support is wrong.

use crate::game::{Game, MixedProfile};
use nalgebra::{DMatrix, DVector};

/// Refines `start` on the support `support[i]` (strategy indices per player) by solving
/// `u_ij(σ) = v_i` for `j` in the support and `Σ_j σ_ij = 1`. Returns the refined profile when
/// Newton converges, every probability is non-negative and the Nash regret on the whole game is
/// at most `tol`.
pub(crate) fn polish(
    game: &Game,
    start: &MixedProfile,
    support: &[Vec<usize>],
    tol: f64,
) -> Option<MixedProfile> {
    let n = game.num_players();
    let mut sigma: MixedProfile = start
        .iter()
        .zip(support)
        .map(|(p, s)| {
            let mut q = vec![0.0; p.len()];
            let total: f64 = s.iter().map(|&j| p[j].max(0.0)).sum();
            for &j in s {
                q[j] = if total > 0.0 {
                    p[j].max(0.0) / total
                } else {
                    1.0 / s.len() as f64
                };
            }
            q
        })
        .collect();
    if game.epsilon(&sigma) <= tol {
        return Some(sigma);
    }
    let offsets: Vec<usize> = support
        .iter()
        .scan(0, |acc, s| {
            let o = *acc;
            *acc += s.len() + 1;
            Some(o)
        })
        .collect();
    let dim: usize = support.iter().map(|s| s.len() + 1).sum();
    let mut v: Vec<f64> = (0..n)
        .map(|i| {
            let vals = game.strategy_values(&sigma, i);
            support[i].iter().map(|&j| vals[j] * sigma[i][j]).sum()
        })
        .collect();
    let scale = game.payoff_spread().max(f64::MIN_POSITIVE);
    for _ in 0..40 {
        let mut f = DVector::zeros(dim);
        let mut jac = DMatrix::zeros(dim, dim);
        for i in 0..n {
            let vals = game.strategy_values(&sigma, i);
            let o = offsets[i];
            let k = support[i].len();
            for (r, &j) in support[i].iter().enumerate() {
                f[o + r] = vals[j] - v[i];
                jac[(o + r, o + k)] = -1.0;
                jac[(o + k, o + r)] = 1.0;
            }
            f[o + k] = support[i].iter().map(|&j| sigma[i][j]).sum::<f64>() - 1.0;
            for other in (0..n).filter(|&q| q != i) {
                let pair = game.pair_values(&sigma, i, other);
                let mo = game.num_strategies(other);
                for (r, &j) in support[i].iter().enumerate() {
                    for (c, &l) in support[other].iter().enumerate() {
                        jac[(o + r, offsets[other] + c)] = pair[j * mo + l];
                    }
                }
            }
        }
        let residual = f.amax() / scale;
        if residual < 1e-15 {
            break;
        }
        let step = jac.lu().solve(&(-&f))?;
        for i in 0..n {
            for (r, &j) in support[i].iter().enumerate() {
                sigma[i][j] += step[offsets[i] + r];
            }
            v[i] += step[offsets[i] + support[i].len()];
        }
        if sigma
            .iter()
            .flatten()
            .any(|x| !x.is_finite() || x.abs() > 10.0)
        {
            return None;
        }
    }
    for p in &mut sigma {
        if p.iter().any(|&x| x < -1e-10) {
            return None;
        }
        for x in p.iter_mut() {
            *x = x.max(0.0);
        }
        let t: f64 = p.iter().sum();
        for x in p.iter_mut() {
            *x /= t;
        }
    }
    (game.epsilon(&sigma) <= tol).then_some(sigma)
}

#[cfg(test)]
mod tests {
    use super::super::test_games::*;
    use super::*;

    #[test]
    fn polishes_on_the_right_support_and_rejects_wrong_ones() {
        let g = three_player_mixed_only();
        let start = vec![vec![0.6, 0.4], vec![0.45, 0.55], vec![0.5, 0.5]];
        let all = vec![vec![0, 1]; 3];
        let p = polish(&g, &start, &all, 1e-12).unwrap();
        for q in &p {
            assert!((q[0] - 0.5).abs() < 1e-12);
        }
        assert!(polish(&g, &start, &[vec![0], vec![0], vec![0]], 1e-9).is_none());
        let bos = battle_of_sexes();
        let p = polish(&bos, &bos.centroid(), &[vec![0, 1], vec![0, 1]], 1e-12).unwrap();
        assert!((p[0][0] - 2.0 / 3.0).abs() < 1e-12 && (p[1][0] - 1.0 / 3.0).abs() < 1e-12);
    }
}
