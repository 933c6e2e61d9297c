//! What `pactsim run` prints: the outcome table with Wilson intervals, time to agreement with
//! the 95% interval of its mean, April-distance, and the litigation counts with the Wilson
//! intervals of their rates.

use sim::outcome::strict_term_label;
use sim::Summary;
use std::io::{self, Write};
use std::path::Path;

/// Prints the outcome table of a run. A closed stdout (e.g. `| head`) is not an error.
pub(crate) fn print_run(
    name: &str,
    seed: u64,
    runs: u64,
    s: &Summary,
    dir: &Path,
) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match write_run(&mut out, name, seed, runs, s, dir) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn write_run(
    out: &mut impl Write,
    name: &str,
    seed: u64,
    runs: u64,
    s: &Summary,
    dir: &Path,
) -> io::Result<()> {
    writeln!(out, "pactsim run: {name} · {runs} runs · seed {seed}")?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<22} {:>9} {:>8}   95% CI (Wilson)",
        "outcome", "count", "share"
    )?;
    for o in &s.outcomes {
        writeln!(
            out,
            "{:<22} {:>9} {:>8.4}   [{:.4}, {:.4}]",
            o.outcome, o.count, o.share, o.ci_low, o.ci_high
        )?;
    }
    writeln!(out)?;
    let t = &s.time_to_agreement;
    match t.mean_weeks {
        Some(m) => {
            write!(out, "mean time to agreement: {m:.2} weeks")?;
            if let Some([lo, hi]) = t.mean_weeks_ci {
                write!(out, ", 95% CI {lo:.2}–{hi:.2}")?;
            }
            writeln!(out, " ({} runs with an agreement)", t.agreements)
        }
        None => writeln!(out, "mean time to agreement: no agreement in any run"),
    }?;
    write!(
        out,
        "mean April-distance: {:.4} (all runs)",
        s.april_distance.mean
    )?;
    if let Some(d) = s.april_distance.mean_among_agreements {
        write!(out, ", {d:.4} (agreements)")?;
    }
    writeln!(out)?;
    write_april_terms(out, &s.april_terms)?;
    let l = &s.litigation;
    // A share with its 95% interval, e.g. "21.2%, 95% CI 21.0–21.3%".
    let pct = |[lo, hi]: [f64; 2]| format!("95% CI {:.1}–{:.1}%", 100.0 * lo, 100.0 * hi);
    write!(
        out,
        "threats {} ({:.1}%, {}; {} credible as a suit when made) · defiant launches {} · suits {} ({:.2}%, 95% CI {:.2}–{:.2}%) · injunctions {} · judgments {}",
        l.threats,
        100.0 * l.threat_share,
        pct(l.threat_share_ci),
        l.credible_threats,
        l.launches,
        l.suits,
        100.0 * l.suit_share,
        100.0 * l.suit_share_ci[0],
        100.0 * l.suit_share_ci[1],
        l.injunctions,
        l.judgments
    )?;
    match (l.plaintiff_win_rate, l.plaintiff_win_rate_ci) {
        (Some(rate), Some(ci)) => writeln!(
            out,
            " (Microsoft won {}: {:.1}%, {})",
            l.plaintiff_wins,
            100.0 * rate,
            pct(ci)
        ),
        _ => writeln!(out),
    }?;
    writeln!(out, "results: {}", dir.display())?;
    Ok(())
}

/// How close the deals came to the April terms: the share of judged deals meeting each term
/// of the strict rule, how many meet them all, and the April features per deal.
fn write_april_terms(out: &mut impl Write, a: &sim::results::AprilTerms) -> io::Result<()> {
    if a.deals == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "April terms in the {} deals without a suit (share meeting each term of the strict class):",
        a.deals
    )?;
    let terms: Vec<String> = a
        .strict_terms
        .iter()
        .map(|t| {
            let label = strict_term_label(&t.term).unwrap_or(&t.term);
            format!("{label} {:.1}%", 100.0 * t.share)
        })
        .collect();
    let mut line = String::new();
    for t in terms {
        if !line.is_empty() && line.len() + t.len() > 90 {
            writeln!(out, "  {line}")?;
            line.clear();
        }
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(&t);
    }
    writeln!(out, "  {line}")?;
    let features: Vec<String> = a
        .features_histogram
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(k, c)| format!("{k}: {:.1}%", 100.0 * *c as f64 / a.deals as f64))
        .collect();
    writeln!(
        out,
        "  all terms met: {} deals · April features per deal (of 6): {}",
        a.all_strict_terms,
        features.join(" · ")
    )
}

/// How the run meets the facts of `--facts`: each fact's value in the run against what was
/// observed, within its tolerance or not. A closed stdout is not an error.
pub(crate) fn print_facts(path: &Path, checks: &[sim::calibration::FactCheck]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match write_facts(&mut out, path, checks) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn write_facts(
    out: &mut impl Write,
    path: &Path,
    checks: &[sim::calibration::FactCheck],
) -> io::Result<()> {
    writeln!(
        out,
        "\nfacts of {} (met when |run − observed| ≤ tolerance, or inside the band; facts.json):",
        path.display()
    )?;
    for c in checks {
        let f = &c.fact;
        let value = match c.simulated {
            Some(x) => format!("{x:.4}"),
            None => "null".to_string(),
        };
        let target = match f.target() {
            Some(t @ sim::calibration::Target::Near { .. }) => format!("observed {t}"),
            Some(t) => format!("band {t}"),
            None => "no target".to_string(),
        };
        let interval = match c.ci {
            Some([lo, hi]) => format!(" [{lo:.4}, {hi:.4}]"),
            None => String::new(),
        };
        writeln!(
            out,
            "  {:<6} run {value:>8}{interval}  {target}  {}{}",
            if c.met { "met" } else { "MISSED" },
            f.description.as_deref().unwrap_or(&f.statistic),
            match (c.within_noise(), c.runs_to_settle) {
                (false, _) => String::new(),
                (true, Some(n)) => format!(" (within noise; about {n} runs would settle it)"),
                (true, None) => " (within noise)".to_string(),
            }
        )?;
    }
    let noisy = checks.iter().filter(|c| c.within_noise()).count();
    writeln!(
        out,
        "{} of {} facts met{}",
        checks.iter().filter(|c| c.met).count(),
        checks.len(),
        match noisy {
            0 => String::new(),
            n => format!(
                "; {n} verdict{} within noise (the 95% interval in brackets reaches across an end \
                 of the target: more runs could turn it; the runs that would settle it assume \
                 the value holds while the interval narrows as 1/√runs)",
                if n == 1 { "" } else { "s" }
            ),
        }
    )
}
