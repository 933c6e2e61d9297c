//! What `pactsim run` prints: the outcome table with Wilson intervals, time to agreement and
//! April-distance.

use sim::Summary;
use std::path::Path;

/// Prints the outcome table of a run.
pub fn print_run(name: &str, seed: u64, runs: u64, s: &Summary, dir: &Path) {
    println!("pactsim run: {name} · {runs} runs · seed {seed}");
    println!();
    println!(
        "{:<22} {:>9} {:>8}   95% CI (Wilson)",
        "outcome", "count", "share"
    );
    for o in &s.outcomes {
        println!(
            "{:<22} {:>9} {:>8.4}   [{:.4}, {:.4}]",
            o.outcome, o.count, o.share, o.ci_low, o.ci_high
        );
    }
    println!();
    match s.time_to_agreement.mean_weeks {
        Some(m) => println!(
            "mean time to agreement: {m:.2} weeks ({} runs with an agreement)",
            s.time_to_agreement.agreements
        ),
        None => println!("mean time to agreement: no agreement in any run"),
    }
    print!(
        "mean April-distance: {:.4} (all runs)",
        s.april_distance.mean
    );
    if let Some(d) = s.april_distance.mean_among_agreements {
        print!(", {d:.4} (agreements)");
    }
    println!();
    let l = &s.litigation;
    println!(
        "threats {} · defiant launches {} · suits {} · injunctions {} · judgments {} (Microsoft won {})",
        l.threats, l.launches, l.suits, l.injunctions, l.judgments, l.plaintiff_wins
    );
    println!("results: {}", dir.display());
}
