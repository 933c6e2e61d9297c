//! `pactsim strategies`: every strategy pactsim knows — the repeated-game library with its
//! classifiers, and the negotiation agents of the `strategies` catalogue — as a table or JSON.

use anyhow::{Context, Result};
use repeated::SPECS;
use serde_json::{json, Value};

fn depth(d: Option<u32>) -> String {
    d.map_or_else(|| "inf".to_string(), |d| d.to_string())
}

fn concession(c: strategies::catalog::Concession) -> &'static str {
    match c {
        strategies::catalog::Concession::TimeDependent => "time",
        strategies::catalog::Concession::BehaviourDependent => "behaviour",
    }
}

/// Runs `pactsim strategies`.
pub(crate) fn run(as_json: bool) -> Result<()> {
    let mut all: Vec<Value> = Vec::new();
    for s in SPECS {
        let c = s.classifier();
        all.push(json!({
            "kind": "repeated-game",
            "name": s.name,
            "aliases": s.aliases,
            "family": s.family,
            "rule": s.rule,
            "memory_depth": c.memory_depth,
            "stochastic": c.stochastic,
            "uses_payoffs": c.uses_payoffs,
            "uses_length": c.uses_length,
            "two_by_two_only": c.two_by_two_only,
        }));
    }
    for e in strategies::ENTRIES {
        all.push(json!({
            "kind": "negotiation",
            "name": e.name,
            "rule": e.description,
            "stochastic": e.classifier.stochastic,
            "beta": e.classifier.beta,
            "concession": concession(e.classifier.concession),
            "unilateral": e.classifier.unilateral,
            "litigation": format!("{:?}", e.classifier.litigation).to_lowercase(),
            "threatens": e.classifier.threatens,
            "sues": e.classifier.sues,
            "parameters": e.params,
        }));
    }
    if as_json {
        let v = json!({ "count": all.len(), "strategies": all });
        outln!(
            "{}",
            serde_json::to_string(&v).context("serialising the list")?
        )?;
        return Ok(());
    }
    outln!(
        "Repeated-game strategies ({}; memory, stochastic, uses payoffs, uses length, 2×2 only):",
        SPECS.len()
    )?;
    for s in SPECS {
        let c = s.classifier();
        let flag = |b: bool, t: &'static str| if b { t } else { "-" };
        outln!(
            "  {:<28} {:>4} {} {} {} {}  {}",
            s.name,
            depth(c.memory_depth),
            flag(c.stochastic, "S"),
            flag(c.uses_payoffs, "P"),
            flag(c.uses_length, "L"),
            flag(c.two_by_two_only, "2"),
            s.rule
        )?;
    }
    outln!(
        "\nNegotiation strategies ({}; scenario files, `pactsim run`, `pactsim metagame`; \
         concession, default β, U unilateral moves, T threatens, S sues):",
        strategies::ENTRIES.len()
    )?;
    for e in strategies::ENTRIES {
        let c = e.classifier;
        let flag = |b: bool, t: &'static str| if b { t } else { "-" };
        outln!(
            "  {:<28} {:<9} β {:<4} {}{}{}  {}",
            e.name,
            concession(c.concession),
            c.beta.map_or_else(|| "-".to_string(), |b| b.to_string()),
            flag(c.unilateral, "U"),
            flag(c.threatens, "T"),
            flag(c.sues, "S"),
            e.description
        )?;
        if !e.params.is_empty() {
            outln!("  {:<28} params: {}", "", e.params.join(", "))?;
        }
    }
    Ok(())
}
