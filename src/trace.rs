//! `pactsim trace`: replays one run exactly (same key as run R of `pactsim run --seed S`) and
//! tells it round by round, or prints one JSON object per event.

use serde_json::json;
use sim::event::Event;
use sim::litigation::CourtEvent;
use sim::shocks::{MuskStatus, ShockEvent};
use sim::{Engine, RunKey};
use std::io::{self, Write};

/// Replays run `run` under `seed` and writes it to `out`.
pub(crate) fn trace(
    engine: &Engine,
    seed: u64,
    run: u64,
    as_json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut events: Vec<Event> = Vec::new();
    let key = RunKey::new(seed, engine.scenario().hash(), run);
    engine.run(key, &mut events);
    if !as_json {
        writeln!(out, "{LEGEND}")?;
    }
    for e in &events {
        if as_json {
            writeln!(out, "{}", to_json(e))?;
        } else if let Some(line) = story(e) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// What the abbreviations of a traced run mean.
const LEGEND: &str = "legend: e = API exclusivity (2 all stateless calls on Azure, 1 stateless only, 0 none) · L = Azure-first lag, days · lic = licence (excl/non-excl, end year) · agi = AGI clause · r = O→M revenue share, cap = its total cap $B, end = its last year (AGI: until AGI) · r' = M→O share · h = Frontier third-party hosting · T2 = Amazon's $35B tranche · s = side payment O→M $B · θ_i = player i's belief that Microsoft wins in court · J = Microsoft's stake in winning, c_P = its incremental cost of suing, f_thr = threat threshold (threat iff θ_M·J ≥ f_thr·c_P; credible suit iff θ_M·J ≥ c_P; Microsoft may threaten, file or drop a threat in any week, publicly before another player's proposal) · θ_M already reflects what OpenAI's refusals told Microsoft (θ below the cutoff shown) · payoffs and thresholds in $B present value under the player's own beliefs\n";

fn shock_text(e: &ShockEvent) -> String {
    match e {
        ShockEvent::Antitrust { label, jump, level } => {
            format!("{label}: antitrust pressure {jump:+.3} → {level:.3}")
        }
        ShockEvent::Musk(MuskStatus::DefenceWin) => "Musk v. Altman verdict: defence win".into(),
        ShockEvent::Musk(MuskStatus::MuskWin { openai, microsoft, unwind }) => format!(
            "Musk v. Altman verdict: Musk wins; damages OpenAI ${openai:.1}B, Microsoft ${microsoft:.1}B{}",
            if *unwind { "; recapitalisation unwound" } else { "" }
        ),
        ShockEvent::Musk(MuskStatus::Pending) => "Musk trial pending".into(),
        ShockEvent::IpoWindow(open) => format!("IPO window {}", if *open { "opens" } else { "closes" }),
        ShockEvent::Agi => "panel verifies AGI".into(),
        ShockEvent::Breakdown => "exogenous breakdown".into(),
    }
}

fn court_text(e: &CourtEvent) -> String {
    match e {
        CourtEvent::Injunction(true) => {
            "court grants a preliminary injunction: Frontier-on-AWS halted".into()
        }
        CourtEvent::Injunction(false) => "court denies the preliminary injunction".into(),
        CourtEvent::Dismissal(true) => "court dismisses the suit".into(),
        CourtEvent::Dismissal(false) => "motion to dismiss denied".into(),
        CourtEvent::Judgment(true) => "judgment for Microsoft".into(),
        CourtEvent::Judgment(false) => "judgment for OpenAI and Amazon".into(),
    }
}

fn story(e: &Event) -> Option<String> {
    Some(match e {
        Event::Setup { theta, revenue_multiplier, valuation_multiplier, litigation_discount } => format!(
            "setup: true legal merit θ = {theta:.3}; revenue multiplier G = {revenue_multiplier:.3}; valuation multiplier {valuation_multiplier:.3}; litigation discount d_L = {litigation_discount:.3}"
        ),
        Event::Round { week, proposer, beliefs, antitrust } => format!(
            "\nweek {week:>2}: {proposer} proposes · beliefs θ_M {:.3} θ_O {:.3} θ_A {:.3} · antitrust {antitrust:.3}",
            beliefs[0], beliefs[1], beliefs[2]
        ),
        Event::Shock { week, event } => format!("week {week:>2}: Nature: {}", shock_text(event)),
        Event::Breakdown { week } => format!("week {week:>2}: Microsoft's board files suit regardless (exogenous breakdown after the threat)"),
        Event::Court { week, event } => format!("week {week:>2}: {}", court_text(event)),
        Event::Offer { proposer, coalition, contract, .. } => {
            format!("  {proposer} offers to {coalition}: {}", contract.summary())
        }
        Event::Response { responder, response: r, .. } => format!(
            "  {responder} {}: payoff ${:.1}B vs threshold ${:.1}B; score {:.3} vs own next offer {:.3}",
            if r.accept { "accepts" } else { "rejects" },
            r.value, r.threshold, r.score, r.score_threshold
        ),
        Event::Agreement { week, coalition: sim::Coalition::OA, contract } => format!(
            "  side deal (OpenAI–Amazon) in week {week}, Microsoft's claim remains: {}",
            contract.summary()
        ),
        Event::Agreement { week, coalition, contract } => {
            format!("  AGREEMENT ({coalition}) in week {week}: {}", contract.summary())
        }
        Event::Litigation { week, theta, stake, plaintiff_cost, threat_threshold, threat_week, launch_live } => format!(
            "  Microsoft weighs litigation: θ_M·J = {theta:.3} × {stake:.2} = {:.2} vs c_P = {plaintiff_cost:.2} (threat level f_thr·c_P = {:.2}): {}",
            theta * stake,
            threat_threshold * plaintiff_cost,
            if theta * stake >= *plaintiff_cost {
                match (threat_week, launch_live) {
                    (None, _) => "a suit is credible (a public threat comes first)".to_string(),
                    (Some(_), false) => "a suit is credible, but no defiant launch is live to sue over".to_string(),
                    (Some(t), true) => format!(
                        "a suit is credible; the threat made in week {t} has stood {} week(s), and Microsoft files once it has stood its patience (`threat_patience_weeks`)",
                        week.saturating_sub(*t)
                    ),
                }
            } else if theta * stake >= threat_threshold * plaintiff_cost {
                "a threat, not yet a credible suit".to_string()
            } else {
                "below the threat level".to_string()
            }
        ),
        Event::Inference { cutoff, before, after, .. } => format!(
            "  Microsoft reads the refusal (Nalebuff): OpenAI's aspiration would have taken the offer at any θ ≥ {cutoff:.3}, so θ lies below it; θ_M {before:.3} → {after:.3}"
        ),
        Event::Statement { action, value_before, value_after, .. } => format!(
            "  Microsoft, publicly, before the proposal: {action} (its value ${value_before:.1}B → ${value_after:.1}B)"
        ),
        Event::Move { player, action: "wait", value_before, .. } => {
            format!("  {player} waits (its continuation value ${value_before:.1}B)")
        }
        Event::Move { player, action, value_before, value_after, .. } => format!(
            "  {player}: {action} (its value ${value_before:.1}B → ${value_after:.1}B)"
        ),
        Event::Illegal { player, action, .. } => format!("  {player} attempted {action}, not allowed now: waits"),
        Event::End { week, outcome, payoffs } => format!(
            "\nend after week {week}: {outcome}\npayoffs ($B PV): Microsoft {:.1} · OpenAI {:.1} · Amazon {:.1}",
            payoffs[0], payoffs[1], payoffs[2]
        ),
    })
}

fn to_json(e: &Event) -> serde_json::Value {
    match e {
        Event::Setup {
            theta,
            revenue_multiplier,
            valuation_multiplier,
            litigation_discount,
        } => json!({
            "event": "setup", "theta": theta, "revenue_multiplier": revenue_multiplier,
            "valuation_multiplier": valuation_multiplier, "litigation_discount": litigation_discount }),
        Event::Round {
            week,
            proposer,
            beliefs,
            antitrust,
        } => json!({
            "event": "round", "week": week, "proposer": proposer.key(), "beliefs": beliefs, "antitrust": antitrust }),
        Event::Shock { week, event } => {
            json!({ "event": "shock", "week": week, "what": shock_text(event) })
        }
        Event::Breakdown { week } => json!({ "event": "breakdown", "week": week }),
        Event::Court { week, event } => {
            json!({ "event": "court", "week": week, "what": court_text(event) })
        }
        Event::Offer {
            week,
            proposer,
            coalition,
            contract,
        } => json!({
            "event": "offer", "week": week, "proposer": proposer.key(), "coalition": coalition.to_string(),
            "contract": contract }),
        Event::Response {
            week,
            responder,
            response: r,
        } => json!({
            "event": "response", "week": week, "responder": responder.key(), "accept": r.accept,
            "value": r.value, "threshold": r.threshold, "score": r.score, "score_threshold": r.score_threshold,
            "concession": r.concession }),
        Event::Agreement {
            week,
            coalition,
            contract,
        } => json!({
            "event": if *coalition == sim::Coalition::OA { "side_deal" } else { "agreement" },
            "week": week, "coalition": coalition.to_string(), "contract": contract }),
        Event::Move {
            week,
            player,
            action,
            value_before,
            value_after,
        } => json!({
            "event": "move", "week": week, "player": player.key(), "action": action,
            "value_before": value_before, "value_after": value_after }),
        Event::Litigation {
            week,
            theta,
            stake,
            plaintiff_cost,
            threat_threshold,
            threat_week,
            launch_live,
        } => json!({
            "event": "litigation", "week": week, "theta_m": theta, "stake": stake,
            "plaintiff_cost": plaintiff_cost, "threat_threshold": threat_threshold,
            "threat_week": threat_week, "launch_live": launch_live }),
        Event::Statement {
            week,
            action,
            value_before,
            value_after,
        } => json!({
            "event": "statement", "week": week, "player": "microsoft", "action": action,
            "value_before": value_before, "value_after": value_after }),
        Event::Inference {
            week,
            cutoff,
            before,
            after,
        } => json!({
            "event": "inference", "week": week, "cutoff": cutoff, "theta_m_before": before,
            "theta_m_after": after }),
        Event::Illegal {
            week,
            player,
            action,
        } => json!({
            "event": "illegal", "week": week, "player": player.key(), "action": action }),
        Event::End {
            week,
            outcome,
            payoffs,
        } => json!({
            "event": "end", "week": week, "outcome": outcome.name(), "payoffs": payoffs }),
    }
}
