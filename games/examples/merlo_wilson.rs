//! Merlo–Wilson stochastic bargaining with `games::bargaining::stochastic`: agree before a
//! court ruling, or wait for it?
//!
//! ```text
//! cargo run --release -p games --example merlo_wilson
//! ```
//!
//! Illustrative numbers (not the flagship scenario's): while a ruling is pending the pie is
//! 0.85; each week the ruling comes with probability 1/4, and it leaves a pie of 1.0 (the
//! defence wins, probability 0.65) or 0.6 (it loses). After the ruling the pie stays put. The
//! expected pie after the ruling, 0.86, is larger than the pie now, so waiting has an option
//! value; whether it is worth the delay depends on the weekly discount factor δ. The example
//! prints, for several δ, whether the players agree at once while the ruling is pending, and
//! what each expects. Only a very patient pair waits: they agree at once for δ up to 0.995 a
//! week and wait at 0.999, where the joint value rises from 0.85 to 0.8566.

use games::bargaining::stochastic::StochasticPie;

fn main() {
    let q = 0.25;
    let (p_win, pending, win, lose) = (0.65, 0.85, 1.0, 0.6);
    println!("pie while the ruling is pending {pending}; after it {win} (p {p_win}) or {lose}");
    println!("the ruling comes each week with probability {q}; player 1 proposes half the time\n");
    println!(
        "{:>8}  {:>16}  {:>10}  {:>10}  {:>10}",
        "δ/week", "pending: agree?", "W", "V1", "V2"
    );
    for delta in [0.90, 0.95, 0.98, 0.99, 0.995, 0.999] {
        let pie = StochasticPie {
            pies: vec![pending, win, lose],
            transition: vec![
                vec![1.0 - q, q * p_win, q * (1.0 - p_win)],
                vec![0.0, 1.0, 0.0],
                vec![0.0, 0.0, 1.0],
            ],
            proposer_one: vec![0.5; 3],
            delta,
        };
        let s = pie.solve(1_000_000).expect("a valid pie converges");
        println!(
            "{delta:>8}  {:>16}  {:>10.4}  {:>10.4}  {:>10.4}",
            if s.agree[0] { "yes" } else { "no, wait" },
            s.joint[0],
            s.player_one[0],
            s.player_two[0]
        );
    }
}
