//! The researchers' commands: `equilibria`, `bargain`, `export-nfg`. Games and benchmarks
//! come from `sim` (the stage game and cooperative benchmarks use the scenario's payoff model);
//! this module only loads inputs, maps errors to exit codes and formats output.

use crate::cli::ScenarioArgs;
use crate::rounding::unsigned_zero;
use crate::{bad, equilibria_plot, load_scenario};
use anyhow::{Context, Result};
use games::game::{nfg, Game};
use games::solve::{solve, Method, SolveError, SolveOptions};
use plots::Format;
use sim::cooperative::benchmarks;
use sim::stage::stage_game;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

fn game_from(args: &ScenarioArgs, nfg_path: Option<&Path>) -> Result<Game> {
    match nfg_path {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| bad(format!("{}: cannot read game file: {e}", p.display())))?;
            nfg::read(&text).map_err(|e| {
                bad(format!(
                    "{}:{}:{}: {}",
                    p.display(),
                    e.line,
                    e.column,
                    e.message
                ))
            })
        }
        None => {
            let sc = load_scenario(args.scenario.as_deref(), &args.set)?;
            stage_game(&sc).context("building the stage game")
        }
    }
}

/// `pactsim equilibria`.
pub(crate) fn equilibria(
    args: &ScenarioArgs,
    nfg_path: Option<&Path>,
    method: &str,
    opts: &SolveOptions,
    exact: bool,
    json: bool,
    plot: Option<&(PathBuf, Vec<Format>)>,
) -> Result<()> {
    // A positional `.nfg` file is a game, not a scenario.
    let positional_nfg = args
        .scenario
        .as_deref()
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("nfg")));
    let nfg_path = nfg_path.or(positional_nfg);
    let method = Method::from_str(method).map_err(|_| {
        bad(format!(
            "--method {method}: allowed: pure, enummixed, lcp, lh, simpdiv, logit, fictitious, regret, replicator, all"
        ))
    })?;
    let game = game_from(args, nfg_path)?;
    if exact
        && !matches!(
            method,
            Method::Pure | Method::EnumMixed | Method::Lcp | Method::Lh
        )
    {
        return Err(bad(format!(
            "--exact works with --method pure, enummixed, lcp or lh, not {method}"
        )));
    }
    let result = if exact {
        games::solve::exact::solve(&game, method, opts)
    } else {
        solve(&game, method, opts)
    };
    let report = result.map_err(|e| match e {
        SolveError::NotTwoPlayer { .. }
        | SolveError::NotSymmetric
        | SolveError::BadOption { .. }
        | SolveError::Game(_)
        | SolveError::TooLarge { .. } => bad(format!("{e}")),
        other => anyhow::Error::new(other),
    })?;
    {
        let mut out = std::io::stdout().lock();
        if json {
            writeln!(out, "{}", report.to_json())?;
        } else {
            writeln!(out, "{}", game.title())?;
            write!(out, "{report}")?;
        }
    }
    if let Some((dir, formats)) = plot {
        let source = nfg_path.map_or_else(
            || "the scenario's reduced stage game".to_string(),
            |p| p.display().to_string(),
        );
        let w = equilibria_plot::write(&game, &source, dir, &opts.lambdas, formats)?;
        for n in &w.notes {
            eprintln!("warning: {n}");
        }
        eprintln!(
            "plots written to {}: {}",
            w.dir.display(),
            w.files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

/// `pactsim export-nfg`.
pub(crate) fn export_nfg(args: &ScenarioArgs, out: Option<&Path>) -> Result<()> {
    let game = game_from(args, None)?;
    let text = nfg::write(&game);
    match out {
        Some(p) => {
            let tmp = p.with_extension("nfg.partial");
            std::fs::write(&tmp, &text).with_context(|| format!("writing {}", tmp.display()))?;
            std::fs::rename(&tmp, p).with_context(|| format!("writing {}", p.display()))?;
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}

/// `pactsim bargain`.
pub(crate) fn bargain(args: &ScenarioArgs, json: bool) -> Result<()> {
    let sc = load_scenario(args.scenario.as_deref(), &args.set)?;
    let b = benchmarks(&sc).context("computing the cooperative benchmarks")?;
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string(&b)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "Cooperative benchmarks · {} · {} Microsoft–OpenAI contracts searched",
        sc.name(),
        b.contracts
    )?;
    writeln!(
        out,
        "payoffs in $B present value at the scenario's expected values; d = contested status quo"
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<34} {:>10} {:>10} {:>10} {:>9}",
        "solution", "Microsoft", "OpenAI", "Amazon", "d_April"
    )?;
    for s in &b.solutions {
        let dist = s
            .april_distance
            .map(|d| format!("{d:.3}"))
            .unwrap_or_else(|| "—".into());
        writeln!(
            out,
            "{:<34} {:>10.1} {:>10.1} {:>10.1} {:>9}",
            s.name, s.payoffs[0], s.payoffs[1], s.payoffs[2], dist
        )?;
    }
    writeln!(out)?;
    writeln!(out, "terms:")?;
    for s in &b.solutions {
        if let Some(x) = &s.contract {
            writeln!(out, "  {:<32} {}", s.name, x.summary())?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Nash weights ∝ 1/ρ: Microsoft {:.3}, OpenAI {:.3}",
        b.patience_weights[0], b.patience_weights[1]
    )?;
    writeln!(
        out,
        "Microsoft's litigation option {} (suit ${:.1}B vs Nash ${:.1}B)",
        if b.litigation_binds {
            "binds"
        } else {
            "does not bind"
        },
        b.litigation[0],
        b.solutions[1].payoffs[0]
    )?;
    write!(out, "characteristic function:")?;
    for (c, v) in &b.characteristic_function {
        write!(out, " v({c}) = {v:.1}")?;
    }
    writeln!(out)?;
    for c in &b.core {
        write!(
            out,
            "core check, {}: {}",
            c.allocation,
            if c.in_core {
                "in the core"
            } else {
                "not in the core"
            }
        )?;
        if let Some((coal, e)) = &c.most_violated {
            write!(out, " (coalition {coal} can gain {e:.1})")?;
        }
        writeln!(
            out,
            "; efficiency gap {:.1}",
            unsigned_zero(c.efficiency_gap, 1)
        )?;
    }
    Ok(())
}
