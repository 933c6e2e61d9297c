//! `pactsim explain`: prints the payoff decomposition, the litigation stakes and the
//! candidate frontier computed by `sim::explain` (or one JSON object with `--json`).

use crate::cli::ScenarioArgs;
use crate::evaluate::CliError;
use crate::load_scenario;
use crate::rounding::unsigned_zero;
use anyhow::Result;
use serde::Serialize;
use sim::evaluate::EvaluateError;
use sim::explain::{explain, Explanation};
use sim::player::Player;
use sim::strict_scan::{strict_scan, ParameterScan, StrictScan};
use std::io::Write;

/// Points across each documented range in the scan of the strict April terms.
pub(crate) const SCAN_POINTS: usize = 9;

/// What `--json` prints: the explanation and, when the scenario has `[ranges]`, the scan.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    explanation: &'a Explanation,
    strict_scan: Option<&'a StrictScan>,
}

/// `pactsim explain`.
pub(crate) fn run(args: &ScenarioArgs, json: bool) -> Result<()> {
    let (e, scan) = explain_and_scan(args)?;
    let mut out = std::io::stdout().lock();
    if json {
        let report = Report {
            explanation: &e,
            strict_scan: scan.as_ref(),
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        print(&mut out, &e)?;
        match &scan {
            Some(scan) => print_scan(&mut out, scan)?,
            None => writeln!(
                out,
                "\n(no [ranges] table: the one-parameter scan of the strict April terms is skipped)"
            )?,
        }
    }
    Ok(())
}

/// The explanation of the scenario and, when it has `[ranges]`, the scan of the strict April
/// terms over them (the scenario is loaded once, by the evaluator that varies it).
fn explain_and_scan(args: &ScenarioArgs) -> Result<(Explanation, Option<StrictScan>)> {
    let doc = crate::inputs::scenario_document(args.scenario.as_deref(), &args.set)?;
    match sim::evaluate::Evaluator::new(doc, &args.set, strategies::catalog(), None, 1) {
        Ok(ev) => {
            ev.validate_box("explain's scan of the strict April terms")
                .map_err(CliError::from)?;
            let scan = strict_scan(&ev, SCAN_POINTS).map_err(CliError::from)?;
            Ok((explain(&ev.base), Some(scan)))
        }
        Err(EvaluateError::NoRanges { .. }) => {
            let sc = load_scenario(args.scenario.as_deref(), &args.set)?;
            Ok((explain(&sc), None))
        }
        Err(e) => Err(CliError::from(e).into()),
    }
}

fn print(out: &mut impl Write, e: &Explanation) -> std::io::Result<()> {
    writeln!(
        out,
        "pactsim explain: {} · $B present value at expected values (unit revenue and valuation multipliers, mean d_L, IPO window open)\n",
        e.scenario
    )?;
    for st in &e.states {
        writeln!(
            out,
            "  {:<22} {} (channel open {:.2})",
            st.state, st.description, st.open
        )?;
    }
    for (pi, p) in Player::ALL.iter().enumerate() {
        writeln!(out, "\n{p}")?;
        write!(out, "  {:<46}", "term")?;
        for st in &e.states {
            write!(out, "{:>22}", st.state)?;
        }
        writeln!(out)?;
        let n = e.states[0].terms.len();
        for k in 0..n {
            let t = &e.states[0].terms[k];
            if t.player != p.key() {
                continue;
            }
            write!(out, "  {:<46}", t.term)?;
            for st in &e.states {
                write!(out, "{:>22.2}", unsigned_zero(st.terms[k].value, 2))?;
            }
            writeln!(out)?;
        }
        write!(out, "  {:<46}", "total")?;
        for st in &e.states {
            write!(out, "{:>22.2}", unsigned_zero(st.totals[pi], 2))?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "\nLitigation over a defiant launch (docs/model.md §6.1): J = block value + damages + leverage; c_P = incremental cost of suing"
    )?;
    let ls = &e.litigation_state;
    writeln!(
        out,
        "  computed in week {} in the {} state with a defiant launch {}, {}, antitrust pressure A = {:.2}",
        ls.week,
        if ls.contested { "contested" } else { "agreed" },
        if ls.launch_live { "live (a suit needs one)" } else { "not live" },
        if ls.threat_made { "a threat made" } else { "no threat made yet" },
        ls.antitrust_pressure
    )?;
    writeln!(
        out,
        "  {:<10} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}  verdict",
        "prior of", "θ", "block", "damages", "leverage", "J", "θ·J", "c_P", "c_D"
    )?;
    for verdict_of in &e.litigation {
        let v = &verdict_of.terms;
        let verdict = if v.credible {
            "credible suit (θ·J ≥ c_P)"
        } else if v.threat {
            "threat, suit not credible (f_thr·c_P ≤ θ·J < c_P)"
        } else {
            "no threat (θ·J < f_thr·c_P)"
        };
        writeln!(
            out,
            "  {:<10} {:>6.3} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2}  {verdict}",
            verdict_of.prior_of,
            v.theta,
            v.block_value,
            v.damages,
            v.leverage,
            v.stake,
            verdict_of.expected_stake,
            v.plaintiff_cost,
            v.defendant_cost
        )?;
    }
    if let Some(first) = e.litigation.first() {
        let (t, c, d) = (
            &first.terms,
            &first.terms.plaintiff_cost_parts,
            &first.terms.defendant_cost_parts,
        );
        write_cost_split(
            out,
            "c_P",
            t.plaintiff_cost,
            &[
                ("antitrust blow-back", c.antitrust),
                ("relationship shading", c.shading),
                (
                    "its own stake (litigation discount, IPO class)",
                    c.own_stake,
                ),
            ],
            c.fees,
            c.other,
        )?;
        write_cost_split(
            out,
            "c_D",
            t.defendant_cost,
            &[
                (
                    "litigation discount on OpenAI's valuation (its other owners)",
                    d.valuation,
                ),
                ("IPO prospects", d.ipo),
                ("Amazon's conditional tranche", d.tranche),
            ],
            d.fees,
            d.other,
        )?;
    }
    let z = &e.settlement;
    writeln!(
        out,
        "\nWhy a suit filed now settles: trial needs the pair's optimism to beat what settling saves"
    )?;
    writeln!(
        out,
        "  litigating to judgment is worth ${:.2}B to Microsoft (θ_M {:.2}) and ${:.2}B to OpenAI (θ_O {:.2});",
        z.litigate_microsoft, z.theta_microsoft, z.litigate_openai, z.theta_openai
    )?;
    writeln!(
        out,
        "  the best settlement on the frontier is worth ${:.2}B to the pair: joint surplus ${:.2}B; {} of {} frontier contracts beat the trial for both",
        z.best_settlement_joint,
        z.joint_surplus,
        z.settlements_both_prefer,
        e.frontier.len()
    )?;
    writeln!(
        out,
        "  at the most divergent beliefs (θ_M 0.99, θ_O 0.01) the surplus is ${:.2}B: {}",
        z.joint_surplus_extreme,
        if z.joint_surplus_extreme > 0.0 {
            "no suit can rationally reach judgment"
        } else {
            "optimism can send a suit to trial"
        }
    )?;
    writeln!(
        out,
        "  after a filing each side concedes afresh toward its litigation value by the median judgment date ({:.0} weeks on): a suit is judged only if the court rules before their concessions meet",
        z.median_weeks_to_judgment
    )?;
    writeln!(
        out,
        "\nMicrosoft–OpenAI candidate frontier ({} contracts, Microsoft's value ascending; F = April features of 6)",
        e.frontier.len()
    )?;
    for c in &e.frontier {
        writeln!(
            out,
            "  M {:>8.2}  O {:>8.2}  A {:>7.2}  F {}  {}",
            c.values[0],
            c.values[1],
            c.values[2],
            c.april_features,
            c.contract.summary()
        )?;
    }
    let g = &e.strict;
    writeln!(
        out,
        "\nThe strict April terms and the frontier: {} of the grid's contracts meet them, {} on the frontier",
        g.strict_contracts, g.on_frontier
    )?;
    if let (Some(x), Some(v), Some(y), Some(w)) =
        (g.nearest, g.nearest_values, g.beaten_by, g.beaten_by_values)
    {
        writeln!(
            out,
            "  nearest   M {:>8.2}  O {:>8.2}  {}",
            v[0],
            v[1],
            x.summary()
        )?;
        if (w[0] - v[0]).min(w[1] - v[1]) <= 0.0 {
            writeln!(out, "  on the frontier: no contract beats it for both")?;
        } else {
            writeln!(
                out,
                "  beaten by M {:>8.2}  O {:>8.2}  {}  (by ${:.2}B for Microsoft, ${:.2}B for OpenAI)",
                w[0],
                w[1],
                y.summary(),
                w[0] - v[0],
                w[1] - v[1]
            )?;
        }
    }
    let l = &g.lag;
    if l.days > 0 {
        writeln!(
            out,
            "  the Azure-first lag the strict terms require: on the April terms its {} days are worth {} to Microsoft and {} to OpenAI (joint {}){}",
            l.days,
            billions(l.microsoft),
            billions(l.openai),
            billions(l.joint),
            if l.joint < 0.0 {
                ", so an efficient contract carries a lag only where OpenAI has nothing cheaper left to give"
            } else {
                ""
            }
        )?;
    }
    let r = &e.strict_in_runs;
    writeln!(
        out,
        "\nThe strict April terms in the runs' own draws (runs 0-{} of `pactsim run`, each run's grid valued at week 0)",
        r.runs - 1
    )?;
    writeln!(
        out,
        "  on the run's own frontier in {} of {} runs; worth the contested state to both Microsoft and OpenAI in {}",
        r.on_run_frontier, r.runs, r.acceptable_to_both
    )?;
    writeln!(
        out,
        "  the 1/rho-weighted Nash point of the run's frontier (the split the agents' deadlines aim at) is strict in {}; the symmetric one in {}",
        r.nash_point_strict, r.symmetric_nash_point_strict
    )?;
    if let Some(m) = r.microsoft_margin_median {
        writeln!(
            out,
            "  Microsoft's best strict contract minus its contested value: median {}${:.2}B over those runs",
            if m < 0.0 { "-" } else { "" },
            m.abs()
        )?;
    }
    Ok(())
}

/// Microsoft's break-even as text: where along the range the April terms beat the contested
/// state for it.
fn microsoft_region(p: &ParameterScan) -> String {
    let gain = |q: Option<&sim::strict_scan::StrictAtPoint>| q.map_or(0.0, |q| q.april_gain[0]);
    let (first, last) = (gain(p.points.first()), gain(p.points.last()));
    match p.microsoft_break_even.as_slice() {
        [] if first >= 0.0 => "across the range".into(),
        [] => "nowhere".into(),
        [x] if last > first => format!("from {}", num(*x)),
        [x] => format!("up to {}", num(*x)),
        xs => format!(
            "sign changes at {}",
            xs.iter().map(|x| num(*x)).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The largest count over the scanned points and where along the range the count is
/// positive: "0", "4 (whole range)" or "4 (0.2–0.225)" (runs of consecutive points).
fn count_region(p: &ParameterScan, count: impl Fn(usize) -> usize) -> String {
    let n = p.points.len();
    let max = (0..n).map(&count).max().unwrap_or(0);
    if max == 0 {
        return "0".into();
    }
    if (0..n).all(|k| count(k) > 0) {
        return format!("{max} (whole range)");
    }
    let mut runs: Vec<String> = Vec::new();
    let mut k = 0;
    while k < n {
        if count(k) == 0 {
            k += 1;
            continue;
        }
        let start = k;
        while k + 1 < n && count(k + 1) > 0 {
            k += 1;
        }
        let (a, b) = (num(p.points[start].value), num(p.points[k].value));
        runs.push(if start == k { a } else { format!("{a}–{b}") });
        k += 1;
    }
    format!("{max} ({})", runs.join(", "))
}

/// `names` when there are at most six of them, else nothing (the table lists them).
fn listed(names: &[&str]) -> String {
    if names.is_empty() || names.len() > 6 {
        String::new()
    } else {
        format!(": {}", names.join(", "))
    }
}

/// A parameter value, short.
fn num(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// One line splitting a litigation cost into its named parts (each with its share of the
/// total), legal fees and the residue.
fn write_cost_split(
    out: &mut impl Write,
    symbol: &str,
    total: f64,
    parts: &[(&str, f64)],
    fees: f64,
    other: f64,
) -> std::io::Result<()> {
    write!(out, "  {symbol} =")?;
    for (k, (name, value)) in parts.iter().enumerate() {
        let sep = if k == 0 { "" } else { " +" };
        write!(
            out,
            "{sep} {name} {value:.2} ({:.0}%)",
            100.0 * value / total
        )?;
    }
    let other = unsigned_zero(other, 2);
    writeln!(out, " + legal fees {fees:.2} + other {other:.2}")
}

fn print_scan(out: &mut impl Write, scan: &StrictScan) -> std::io::Result<()> {
    writeln!(
        out,
        "
What would make the strict April terms possible, one documented parameter at a time ({} points across each [ranges] interval, the others at the scenario's values; expected values)",
        scan.points_per_parameter
    )?;
    writeln!(
        out,
        "  gain = the April terms minus the contested state, $B; frontier = strict contracts on the Microsoft–OpenAI frontier (max over the points); zone = those worth the contested state to both"
    )?;
    writeln!(
        out,
        "  {:<40} {:>13}  {:>19}  {:>19}  {:<30} {:<22} zone",
        "parameter",
        "range",
        "Microsoft gain",
        "OpenAI gain",
        "April beats the dispute for M",
        "frontier"
    )?;
    for p in &scan.parameters {
        let (lo, hi) = (&p.points[0], &p.points[p.points.len() - 1]);
        writeln!(
            out,
            "  {:<40} {:>13}  {:>8.1} → {:>8.1}  {:>8.1} → {:>8.1}  {:<30} {:<22} {}",
            p.path,
            format!("{} – {}", num(p.range[0]), num(p.range[1])),
            lo.april_gain[0],
            hi.april_gain[0],
            lo.april_gain[1],
            hi.april_gain[1],
            microsoft_region(p),
            count_region(p, |k| p.points[k].strict_on_frontier),
            count_region(p, |k| p.points[k].strict_in_zone),
        )?;
    }
    let in_zone: Vec<&str> = scan
        .parameters
        .iter()
        .filter(|p| p.ever_in_zone())
        .map(|p| p.path.as_str())
        .collect();
    let beats: Vec<&str> = scan
        .parameters
        .iter()
        .filter(|p| p.points.iter().any(|q| q.april_gain[0] >= 0.0))
        .map(|p| p.path.as_str())
        .collect();
    writeln!(
        out,
        "  the April terms beat the dispute for Microsoft somewhere in the range of {} of {} parameters{}",
        beats.len(),
        scan.parameters.len(),
        listed(&beats)
    )?;
    writeln!(
        out,
        "  a strict contract is in the zone of agreement somewhere in the range of {} of {}{}; a strict deal also needs the agents' split to land on it by week 13",
        in_zone.len(),
        scan.parameters.len(),
        listed(&in_zone)
    )?;
    Ok(())
}

/// A signed amount in $B with the sign before the currency: "$0.44B", "-$2.07B".
fn billions(v: f64) -> String {
    if v < 0.0 {
        format!("-${:.2}B", -v)
    } else {
        format!("${v:.2}B")
    }
}
