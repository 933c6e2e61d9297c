//! Baron–Ferejohn (1989) legislative bargaining: stationary subgame-perfect values of a unit pie
//! with random recognition, closed rule and common discount factor `δ`, solved numerically.
//!
//! A responder accepts exactly its discounted continuation value `δ v_j`, so a proposer buys the
//! cheapest coalition it needs and `v_i = p_i · (proposer's keep) + Σ_{j≠i} p_j · P(i is bought by
//! j) · δ v_i`.

use super::{check_delta, BargainingError};

/// Tolerance of the fixed-point iterations.
const TOL: f64 = 1e-14;
/// Iteration cap (the maps are contractions with modulus ≤ δ).
const MAX_ITER: usize = 10_000_000;

fn check_probabilities(p: &[f64]) -> Result<(), BargainingError> {
    if p.iter().any(|x| !(x.is_finite() && *x >= 0.0)) || (p.iter().sum::<f64>() - 1.0).abs() > 1e-9
    {
        return Err(BargainingError::InvalidParameter {
            name: "recognition probabilities",
            value: format!("{p:?}"),
            allowed: "non-negative numbers summing to 1",
        });
    }
    Ok(())
}

/// Iterates `v ← map(v)` from `start` until the largest change is below `TOL`; `what` names
/// the iteration in the error when it does not converge.
fn iterate<T: AsRef<[f64]>>(
    start: T,
    map: impl Fn(&T) -> T,
    what: &'static str,
) -> Result<T, BargainingError> {
    let mut v = start;
    for _ in 0..MAX_ITER {
        let next = map(&v);
        let change = next
            .as_ref()
            .iter()
            .zip(v.as_ref())
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        v = next;
        if change < TOL {
            return Ok(v);
        }
    }
    Err(BargainingError::NoConvergence(what))
}

/// Stationary values under unanimity with recognition probabilities `p` (any number of
/// players), found by iterating `v_i ← p_i(1 − δ Σ_{j≠i} v_j) + (1 − p_i) δ v_i`; the result is
/// `v = p`. Also returns what each player keeps when proposing, `1 − δ(1 − v_i)`.
pub fn unanimity_values(p: &[f64], delta: f64) -> Result<(Vec<f64>, Vec<f64>), BargainingError> {
    check_probabilities(p)?;
    check_delta(delta)?;
    let n = p.len();
    let v = iterate(
        vec![1.0 / n as f64; n],
        |v: &Vec<f64>| {
            let total: f64 = v.iter().sum();
            (0..n)
                .map(|i| p[i] * (1.0 - delta * (total - v[i])) + (1.0 - p[i]) * delta * v[i])
                .collect()
        },
        "Baron-Ferejohn unanimity iteration",
    )?;
    let total: f64 = v.iter().sum();
    let keeps = v.iter().map(|vi| 1.0 - delta * (total - vi)).collect();
    Ok((v, keeps))
}

/// Stationary values of the hub/veto game.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VetoValues {
    /// Ex-ante value of the indispensable (veto) player.
    pub veto: f64,
    /// Ex-ante values of the two other players.
    pub others: [f64; 2],
    /// Probability that the veto player, when proposing, buys the first of the others.
    pub veto_picks_first: f64,
}

/// Hub/veto variant: the veto player must be in every winning coalition, either other player
/// suffices as its partner. `p = [p_veto, p_1, p_2]`. For a given probability `π` that the veto
/// proposer buys player 1, values come from fixed-point iteration; `π` is then set so the veto
/// player buys the cheaper partner (bisection on `v₁(π) − v₂(π)` when it must mix).
pub fn veto_values(p: [f64; 3], delta: f64) -> Result<VetoValues, BargainingError> {
    check_probabilities(&p)?;
    check_delta(delta)?;
    let [po, p1, p2] = p;
    let solve = |pi: f64| {
        iterate(
            [1.0 / 3.0; 3],
            |&[vo, v1, v2]| {
                [
                    po * (1.0 - delta * (pi * v1 + (1.0 - pi) * v2)) + (p1 + p2) * delta * vo,
                    p1 * (1.0 - delta * vo) + po * pi * delta * v1,
                    p2 * (1.0 - delta * vo) + po * (1.0 - pi) * delta * v2,
                ]
            },
            "Baron-Ferejohn fixed-point iteration",
        )
    };
    let gap = |pi: f64| solve(pi).map(|v| v[1] - v[2]);
    let pi = if gap(0.0)? >= 0.0 {
        0.0
    } else if gap(1.0)? <= 0.0 {
        1.0
    } else {
        let (mut a, mut b) = (0.0, 1.0);
        for _ in 0..100 {
            let m = 0.5 * (a + b);
            if gap(m)? < 0.0 {
                a = m;
            } else {
                b = m;
            }
        }
        0.5 * (a + b)
    };
    let [vo, v1, v2] = solve(pi)?;
    Ok(VetoValues {
        veto: vo,
        others: [v1, v2],
        veto_picks_first: pi,
    })
}

/// Shares in the symmetric majority game.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MajorityShares {
    /// What the proposer keeps.
    pub proposer: f64,
    /// What each of the `(n−1)/2` coalition partners is offered.
    pub partner: f64,
    /// Ex-ante value of each player.
    pub value: f64,
}

/// Symmetric majority rule, `n` odd, equal recognition `1/n`: the proposer buys `(n−1)/2`
/// partners chosen at random at `δv`; `v` solves `v = (1/n)(1 − mδv) + ((n−1)/n)(m/(n−1))δv`
/// (iterated), giving proposer `1 − δ(n−1)/(2n)` and partners `δ/n`.
pub fn majority_shares(n: usize, delta: f64) -> Result<MajorityShares, BargainingError> {
    if n < 3 || n & 1 == 0 {
        return Err(BargainingError::InvalidParameter {
            name: "number of players",
            value: n.to_string(),
            allowed: "an odd number >= 3",
        });
    }
    check_delta(delta)?;
    let nf = n as f64;
    let m = ((n - 1) / 2) as f64;
    let [v] = iterate(
        [0.0],
        |&[v]| [(1.0 - m * delta * v) / nf + (nf - 1.0) / nf * (m / (nf - 1.0)) * delta * v],
        "Baron-Ferejohn fixed-point iteration",
    )?;
    Ok(MajorityShares {
        proposer: 1.0 - m * delta * v,
        partner: delta * v,
        value: v,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unanimity_values_equal_recognition() {
        let (v, keeps) = unanimity_values(&[0.5, 0.3, 0.2], 0.9).unwrap();
        for (a, b) in v.iter().zip([0.5, 0.3, 0.2]) {
            assert!((a - b).abs() < 1e-9);
        }
        assert!((keeps[0] - (1.0 - 0.9 * 0.5)).abs() < 1e-9);
        assert!(unanimity_values(&[0.5, 0.6], 0.9).is_err());
        assert!(unanimity_values(&[0.5, 0.5], 1.0).is_err());
    }

    #[test]
    fn veto_closed_forms() {
        let third = 1.0 / 3.0;
        let v = veto_values([third; 3], 0.5).unwrap();
        assert!((v.veto - 0.428_571).abs() < 1e-6 && (v.veto - 1.5 / 3.5).abs() < 1e-9);
        assert!((v.others[0] - 0.285_714).abs() < 1e-6 && (v.others[1] - 1.0 / 3.5).abs() < 1e-9);
        assert!((v.veto_picks_first - 0.5).abs() < 1e-9);
        let v = veto_values([third; 3], 0.9).unwrap();
        assert!((v.veto - 0.733_333).abs() < 1e-6 && (v.veto - 1.1 / 1.5).abs() < 1e-9);
        assert!((v.others[0] - 0.133_333).abs() < 1e-6);
        // Values sum to one and the hub's advantage grows with patience.
        let v = veto_values([0.2, 0.5, 0.3], 0.8).unwrap();
        assert!((v.veto + v.others[0] + v.others[1] - 1.0).abs() < 1e-9);
        assert!(veto_values([0.2, 0.5, 0.3], 0.95).unwrap().veto > v.veto);
    }

    #[test]
    fn majority_closed_forms() {
        let s = majority_shares(3, 0.9).unwrap();
        assert!((s.proposer - 0.70).abs() < 1e-9);
        assert!((s.partner - 0.3).abs() < 1e-9 && (s.value - 1.0 / 3.0).abs() < 1e-9);
        let s = majority_shares(5, 0.8).unwrap();
        assert!((s.proposer - (1.0 - 0.8 * 4.0 / 10.0)).abs() < 1e-9);
        assert!((s.partner - 0.8 / 5.0).abs() < 1e-9);
        assert!(majority_shares(4, 0.9).is_err());
    }
}
