//! Random-number policy: the one RNG type, and how every run and every shock process gets its
//! own stream.
//!
//! Run `r` of a cell is keyed by (master seed, hash of the cell's resolved parameters, r): adding
//! cells to a sweep never shifts the draws of existing cells. Inside a run, each shock process
//! and each agent draws from its own ChaCha stream of that key, so turning one process off never
//! changes what the others draw. Nothing here touches a thread RNG or global state.

use rand::SeedableRng;

/// The one RNG type of pactsim: ChaCha with 8 rounds (deterministic and portable).
pub type SimRng = rand_chacha::ChaCha8Rng;

/// Name of the scheme, recorded in `manifest.json`.
pub const RNG_SCHEME: &str =
    "ChaCha8Rng; key = splitmix64(master_seed, cell_hash, run); stream = process id";

/// The independent random streams of one run. Each shock process and each agent has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Stream {
    /// Per-run draws made once at the start: legal merit θ, revenue and valuation multipliers.
    Setup = 1,
    /// Private signals about θ.
    Signals = 2,
    /// Court events of a suit.
    Court = 3,
    /// Antitrust pressure news and jumps.
    Antitrust = 4,
    /// The Musk v. Altman trial.
    Musk = 5,
    /// IPO window Markov chain.
    Ipo = 6,
    /// Enterprise demand random walk.
    Demand = 7,
    /// Panel-verified AGI hazard.
    Agi = 8,
    /// Exogenous breakdown (board files regardless).
    Breakdown = 9,
    /// Proposer recognition.
    Recognition = 10,
    /// Microsoft's agent.
    AgentMicrosoft = 11,
    /// OpenAI's agent.
    AgentOpenAi = 12,
    /// Amazon's agent.
    AgentAmazon = 13,
    /// Generic repeated games (one stream per match).
    Match = 14,
    /// Microsoft's agent's per-run type (drawn once, when its spec asks for one).
    TypesMicrosoft = 15,
    /// OpenAI's agent's per-run type.
    TypesOpenAi = 16,
    /// Amazon's agent's per-run type.
    TypesAmazon = 17,
}

impl Stream {
    /// The stream of `player`'s agent's per-run type.
    pub fn types_of(player: crate::player::Player) -> Stream {
        match player {
            crate::player::Player::Microsoft => Stream::TypesMicrosoft,
            crate::player::Player::OpenAi => Stream::TypesOpenAi,
            crate::player::Player::Amazon => Stream::TypesAmazon,
        }
    }
}

/// SplitMix64 finaliser: a bijective 64-bit mixer.
pub fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Stable 64-bit FNV-1a hash of bytes (used for cell parameter hashes; never `std` hashers,
/// whose output may change between Rust releases).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// The key of one run: everything its random streams derive from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunKey {
    seed: [u8; 32],
}

impl RunKey {
    /// Key of run `run` of the cell whose parameters hash to `cell_hash`, under `master_seed`.
    pub fn new(master_seed: u64, cell_hash: u64, run: u64) -> Self {
        let mut seed = [0u8; 32];
        let mut state = splitmix64(master_seed ^ splitmix64(cell_hash ^ splitmix64(run)));
        for chunk in seed.chunks_mut(8) {
            state = splitmix64(state);
            chunk.copy_from_slice(&state.to_le_bytes());
        }
        RunKey { seed }
    }

    /// A fresh RNG for one stream of this run.
    pub fn stream(&self, stream: Stream) -> SimRng {
        let mut rng = SimRng::from_seed(self.seed);
        rng.set_stream(stream as u64);
        rng
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    /// First draw of the setup stream of run 3, cell hash 7, seed 42 (ChaCha8, this scheme).
    const PINNED_SETUP_42_7_3: u64 = 10_394_352_522_543_017_968;

    #[test]
    fn value_stability_of_run_streams() {
        // Pinned outputs: changing the scheme changes every published result, so it must be
        // a deliberate act that updates this test and the schema version.
        let key = RunKey::new(42, 7, 3);
        let mut a = key.stream(Stream::Setup);
        let first = a.next_u64();
        let mut again = RunKey::new(42, 7, 3).stream(Stream::Setup);
        assert_eq!(first, again.next_u64());
        assert_eq!(first, PINNED_SETUP_42_7_3);
        assert_eq!(splitmix64(0), 0xE220_A839_7B1D_CDAF);
        assert_eq!(fnv1a64(b"a"), 0xAF63_DC4C_8601_EC8C);
    }

    #[test]
    fn streams_and_runs_differ() {
        let key = RunKey::new(1, 2, 3);
        let x = key.stream(Stream::Setup).next_u64();
        let y = key.stream(Stream::Signals).next_u64();
        let z = RunKey::new(1, 2, 4).stream(Stream::Setup).next_u64();
        let w = RunKey::new(1, 3, 3).stream(Stream::Setup).next_u64();
        assert!(x != y && x != z && x != w && z != w);
    }
}
