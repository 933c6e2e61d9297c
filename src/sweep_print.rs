//! What `pactsim sweep`, `merge` and `sensitivity` print: the per-cell table of a sweep results
//! directory (outcome shares, then the threat and suit rates) and the rankings of a
//! sensitivity analysis.

use crate::evaluate::print;
use anyhow::Result;
use sim::calibration::SweepFacts;
use sim::reports::{SensitivitySummary, SweepSummary};
use sim::sweep::value_text;
use sim::Outcome;
use std::path::Path;

/// Prints the per-cell table of a sweep results directory; with `facts`, a FACTS column: how
/// many of them each cell meets.
pub(crate) fn print_sweep(dir: &Path, facts: Option<&SweepFacts>) -> Result<()> {
    let s: SweepSummary = sim::output::read_json(dir, "summary.json")?;
    let shown: Vec<Outcome> = Outcome::ALL
        .into_iter()
        .filter(|o| s.cells.iter().any(|c| c.summary.share(*o).count > 0))
        .collect();
    let mut out = String::new();
    out.push_str(&format!(
        "pactsim sweep: {} · {} cells × {} runs\n\n",
        s.sweep,
        s.cells.len(),
        s.runs_per_cell
    ));
    out.push_str(&format!("{:>5}", "cell"));
    for p in &s.params {
        out.push_str(&format!(" {:>14}", short(p)));
    }
    for o in &shown {
        out.push_str(&format!(" {:>10}", abbreviation(*o)));
    }
    out.push_str(&format!(" {:>10} {:>10}", "THREATS", "SUITS"));
    if facts.is_some() {
        out.push_str(&format!(" {:>6}", "FACTS"));
    }
    out.push_str("  modal\n");
    // The widest 95% interval of any share the table shows, so a reader knows which
    // differences between cells are beyond noise.
    let mut widest: Option<(f64, String, u64)> = None;
    let mut widen = |lo: f64, hi: f64, what: &str, cell: u64| {
        let half = (hi - lo) / 2.0;
        if widest.as_ref().is_none_or(|(w, _, _)| half > *w) {
            widest = Some((half, what.to_string(), cell));
        }
    };
    for c in &s.cells {
        out.push_str(&format!("{:>5}", c.cell));
        for p in &s.params {
            let v = c.values.get(p).map(cell_value).unwrap_or_default();
            out.push_str(&format!(" {v:>14}"));
        }
        for o in &shown {
            let sh = c.summary.share(*o);
            out.push_str(&format!(" {:>10.4}", sh.share));
            widen(sh.ci_low, sh.ci_high, o.name(), c.cell);
        }
        let l = &c.summary.litigation;
        out.push_str(&format!(" {:>10.4} {:>10.4}", l.threat_share, l.suit_share));
        widen(
            l.threat_share_ci[0],
            l.threat_share_ci[1],
            "THREATS",
            c.cell,
        );
        widen(l.suit_share_ci[0], l.suit_share_ci[1], "SUITS", c.cell);
        if let Some(f) = facts {
            let (met, noisy) = f
                .cells
                .iter()
                .find(|m| m.cell == c.cell)
                .map_or((0, 0), |m| (m.met, m.within_noise));
            let mark = if noisy > 0 { "~" } else { "" };
            out.push_str(&format!(" {:>6}", format!("{met}/{}{mark}", f.facts)));
        }
        out.push_str(&format!("  {}\n", c.modal_outcome));
    }
    if let Some((half, what, cell)) = &widest {
        out.push_str(&format!(
            "\nwidest 95% interval of a share above: ±{half:.4} ({what}, cell {cell}); a difference between two cells is beyond noise only when larger than about √2 × that ({:.4})\n",
            std::f64::consts::SQRT_2 * half
        ));
    }
    out.push_str(&format!(
        "\nshares per cell (95% Wilson CIs in outcomes.csv; for THREATS and SUITS in summary.json's `litigation`); columns: {}, THREATS = runs with a public threat, SUITS = runs with a suit filed{}\n{}results: {}\n",
        shown
            .iter()
            .map(|o| format!("{} = {}", abbreviation(*o), o.name()))
            .collect::<Vec<_>>()
            .join(", "),
        if facts.is_some() {
            ", FACTS = facts of --facts met by the cell (~: a verdict within noise, its statistic's 95% interval reaching across an end of the target; facts.json says which)"
        } else {
            ""
        },
        absent_note(&shown),
        dir.display()
    ));
    print(&out)
}

/// The line naming the outcome classes no cell has (so no column, heat map or line-plot
/// series either), given the classes `shown`; empty when every class occurs.
fn absent_note(shown: &[Outcome]) -> String {
    let absent: Vec<&str> = Outcome::ALL
        .into_iter()
        .filter(|o| !shown.contains(o))
        .map(Outcome::name)
        .collect();
    if absent.is_empty() {
        return String::new();
    }
    format!(
        "in no cell, so no column, heat map or line-plot series: {}\n",
        absent.join(", ")
    )
}

/// A cell's parameter value for the table: numbers to six significant digits (the exact value
/// is in summary.json and outcomes.csv), anything else as written.
fn cell_value(v: &serde_json::Value) -> String {
    match v.as_f64() {
        Some(x) if x.is_finite() && x != 0.0 && v.is_f64() => {
            let decimals = (5 - x.abs().log10().floor() as i32).clamp(0, 12) as usize;
            let text = format!("{x:.decimals$}");
            if text.contains('.') {
                text.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                text
            }
        }
        _ => value_text(v),
    }
}

fn short(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    if last.chars().count() > 14 {
        last.chars().take(14).collect()
    } else {
        last.to_string()
    }
}

/// Short column heading of an outcome class.
pub(crate) fn abbreviation(o: Outcome) -> &'static str {
    match o {
        Outcome::AmazonCollapse => "A_COLLAPSE",
        Outcome::Litigation => "LITIGATION",
        Outcome::LitigatedSettlement => "LIT_SETTLE",
        Outcome::AprilLikeStrict => "APR_STRICT",
        Outcome::AprilLikeBroad => "APR_BROAD",
        Outcome::OtherDeal => "OTHER_DEAL",
        Outcome::StatusQuoBackdown => "SQ_BACKDWN",
        Outcome::Impasse => "IMPASSE",
    }
}

pub(crate) fn print_sensitivity(s: &SensitivitySummary, dir: &Path) -> Result<()> {
    let mut out = format!(
        "pactsim sensitivity: {} · {} runs per point · base value {:.4} (MC s.e. {})\n\n",
        s.target,
        s.runs_per_point,
        s.base_share,
        s.standard_error
            .map_or("unknown".to_string(), |e| format!("{e:.4}"))
    );
    out.push_str(&format!(
        "{:<40} {:>9} {:>9} {:>9} {:>9} {:>8}\n",
        "one at a time (ranked by |swing|)", "low", "high", "at low", "at high", "swing"
    ));
    for r in &s.one_at_a_time {
        out.push_str(&format!(
            "{:<40} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {:>+8.4}\n",
            r.parameter.path, r.parameter.low, r.parameter.high, r.share_low, r.share_high, r.swing
        ));
    }
    if let Some([trajectories, levels]) = s.morris_design {
        out.push_str(&format!(
            "\n{:<40} {:>9} {:>19} {:>9} {:>9}   ({trajectories} trajectories, {levels} levels; \
             per full range)\n",
            "Morris elementary effects (ranked by μ*)", "μ*", "95% CI", "μ", "σ",
        ));
    }
    for r in &s.morris {
        out.push_str(&format!(
            "{:<40} {:>9.4} [{:>7.4}, {:>7.4}] {:>+9.4} {:>9.4}\n",
            r.path,
            r.effect.mu_star,
            r.mu_star_lo.unwrap_or(f64::NAN),
            r.mu_star_hi.unwrap_or(f64::NAN),
            r.effect.mu,
            r.effect.sigma
        ));
    }
    if let Some(w) = s.morris_ranking.as_ref().and_then(|r| r.warning.as_ref()) {
        out.push_str(&format!("\n{w}\n"));
    }
    out.push_str(&format!("results: {}\n", dir.display()));
    print(&out)
}

#[cfg(test)]
mod tests {
    use super::cell_value;
    use serde_json::json;

    #[test]
    fn cell_values_print_to_six_significant_digits() {
        assert_eq!(cell_value(&json!(1.778_279_410_038_922_8)), "1.77828");
        assert_eq!(cell_value(&json!(10.0)), "10");
        assert_eq!(cell_value(&json!(0.35)), "0.35");
        assert_eq!(cell_value(&json!(123_456.7)), "123457");
        assert_eq!(cell_value(&json!(1e-7)), "0.0000001");
        assert_eq!(cell_value(&json!(-2.5)), "-2.5");
        assert_eq!(cell_value(&json!(0.0)), "0.0");
        assert_eq!(cell_value(&json!(3)), "3");
        assert_eq!(cell_value(&json!("until_agi")), "until_agi");
        assert_eq!(cell_value(&json!(true)), "true");
    }
}
