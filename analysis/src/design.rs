//! Latin hypercube samples of the unit hypercube: each of the k coordinates has exactly one
//! point in each of the n equal-width strata, at a random position inside the stratum, with the
//! strata matched across coordinates by independent random permutations. Seeded.

use crate::stream;
use rand::RngExt;

/// `n` points of a Latin hypercube in \[0, 1)^k, seeded by `seed`.
pub fn latin_hypercube(n: usize, k: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = stream(seed, 0x004c_4853, 0);
    let mut x = vec![vec![0.0; k]; n];
    for j in 0..k {
        let mut perm: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let s = rng.random_range(0..=i);
            perm.swap(i, s);
        }
        for (i, row) in x.iter_mut().enumerate() {
            let u: f64 = rng.random();
            row[j] = (perm[i] as f64 + u) / n as f64;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_point_per_stratum_in_every_coordinate() {
        let x = latin_hypercube(50, 3, 7);
        for j in 0..3 {
            let mut strata: Vec<usize> = x.iter().map(|r| (r[j] * 50.0) as usize).collect();
            strata.sort();
            assert_eq!(strata, (0..50).collect::<Vec<_>>());
        }
        assert_eq!(x, latin_hypercube(50, 3, 7));
        assert_ne!(x, latin_hypercube(50, 3, 8));
    }
}
