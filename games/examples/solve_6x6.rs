//! Instruction-count driver for the two-player fast paths: solves the 20 random 6×6 games of
//! the `games_per_s_6x6` benchmark (ChaCha8 seed 2024, uniform [0, 1) payoffs) `rounds` times
//! with one method, for `valgrind --tool=callgrind` or `perf stat`:
//!
//! ```text
//! cargo build --release -p games --example solve_6x6
//! valgrind --tool=callgrind target/release/examples/solve_6x6 enummixed 10
//! ```
//!
//! Prints a checksum of the results so that the work cannot be optimised away.

use games::game::Game;
use games::solve;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn main() {
    let mut args = std::env::args().skip(1);
    let method = args.next().unwrap_or_else(|| "enummixed".into());
    let rounds: usize = args.next().map_or(1, |s| s.parse().expect("rounds"));
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let games: Vec<Game> = (0..20)
        .map(|_| {
            Game::from_counts(&[6, 6], (0..72).map(|_| rng.random::<f64>()).collect()).unwrap()
        })
        .collect();
    let mut sum = 0.0;
    let mut count = 0usize;
    for _ in 0..rounds {
        for g in &games {
            match method.as_str() {
                "lh" => {
                    let p = solve::lh::lemke_howson(g, 0, 10_000).unwrap();
                    sum += p[0][0] + p[1][0];
                    count += 1;
                }
                "enummixed" => {
                    let out = solve::enummixed::solve(g, 1e-9).unwrap();
                    count += out.equilibria.len();
                    sum += out
                        .equilibria
                        .iter()
                        .map(|e| e.epsilon + e.payoffs[0])
                        .sum::<f64>();
                }
                other => panic!("unknown method {other}; expected lh or enummixed"),
            }
        }
    }
    println!(
        "{method}: {} solves, {count} results, checksum {sum:.17e}",
        rounds * games.len()
    );
}
