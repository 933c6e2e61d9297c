//! Seeding: how every match gets its own reproducible random streams.
//!
//! The house pattern of pactsim (`sim::rng::RunKey`), re-implemented here because this crate
//! depends on no other: a 256-bit ChaCha8 key is expanded with SplitMix64 from
//! `splitmix64(master ^ splitmix64(pair ^ splitmix64(rep)))`, where `pair = i << 32 | j` for a
//! tournament match between players `i` and `j` (or a Moran generation's match index). Within a
//! match, stream 0 draws the length and the noise, stream 1 the row player's choices, stream 2
//! the column player's. Results therefore never depend on thread count or scheduling.

use rand::SeedableRng;

/// The RNG of matches: ChaCha with 8 rounds (portable and deterministic).
pub type MatchRng = rand_chacha::ChaCha8Rng;

/// Text recorded in manifests to name this scheme.
pub const SEED_SCHEME: &str =
    "ChaCha8Rng; key = splitmix64(seed ^ splitmix64((i << 32 | j) ^ splitmix64(rep))); streams 0 = length+noise, 1 = row player, 2 = column player";

/// SplitMix64 finaliser: a bijective 64-bit mixer.
pub fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The key of one match: everything its random streams derive from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchKey {
    seed: [u8; 32],
}

impl MatchKey {
    /// Key of the match between `i` and `j` in repetition `rep` under `master`.
    pub fn new(master: u64, i: u32, j: u32, rep: u64) -> MatchKey {
        let pair = (u64::from(i) << 32) | u64::from(j);
        let mut state = splitmix64(master ^ splitmix64(pair ^ splitmix64(rep)));
        let mut seed = [0u8; 32];
        for chunk in seed.chunks_mut(8) {
            state = splitmix64(state);
            chunk.copy_from_slice(&state.to_le_bytes());
        }
        MatchKey { seed }
    }

    /// A fresh RNG for stream `stream` of this match.
    pub fn stream(&self, stream: u64) -> MatchRng {
        let mut rng = MatchRng::from_seed(self.seed);
        rng.set_stream(stream);
        rng
    }
}

/// A uniform draw in [0, 1) with 53 random bits.
#[inline]
pub fn uniform(rng: &mut MatchRng) -> f64 {
    use rand::Rng;
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform integer in `0..n` (`n` ≥ 1), by rejection (unbiased).
#[inline]
pub fn below(rng: &mut MatchRng, n: u64) -> u64 {
    use rand::Rng;
    let zone = u64::MAX - (u64::MAX % n.max(1));
    loop {
        let x = rng.next_u64();
        if x < zone {
            return x % n.max(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_and_repeat() {
        let a = MatchKey::new(1, 0, 1, 0);
        assert_eq!(a, MatchKey::new(1, 0, 1, 0));
        assert_ne!(a, MatchKey::new(1, 1, 0, 0));
        assert_ne!(a, MatchKey::new(1, 0, 1, 1));
        assert_ne!(a, MatchKey::new(2, 0, 1, 0));
        let mut r = a.stream(1);
        let x = uniform(&mut r);
        assert!((0.0..1.0).contains(&x));
        assert!(below(&mut r, 3) < 3);
    }
}
