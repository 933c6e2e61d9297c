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
    let solve_error = |e: SolveError| match e {
        SolveError::NotTwoPlayer { .. }
        | SolveError::NotSymmetric
        | SolveError::BadOption { .. }
        | SolveError::Game(_)
        | SolveError::TooLarge { .. } => bad(format!("{e}")),
        other => anyhow::Error::new(other),
    };
    // Every bad-input refusal comes before anything is written: the options and the game for
    // the method, then the --plot target (checked and locked before solving, so a refused
    // directory costs no solving and prints no equilibria).
    if exact {
        games::solve::exact::check(&game, method, opts)
    } else {
        games::solve::check(&game, method, opts)
    }
    .map_err(solve_error)?;
    let plot_dir = plot
        .map(|(dir, _)| equilibria_plot::open(dir))
        .transpose()?;
    let result = if exact {
        games::solve::exact::solve(&game, method, opts)
    } else {
        solve(&game, method, opts)
    };
    let report = result.map_err(solve_error)?;
    {
        let mut out = std::io::stdout().lock();
        if json {
            writeln!(out, "{}", report.to_json())?;
        } else {
            writeln!(out, "{}", game.title())?;
            write!(out, "{report}")?;
        }
    }
    if let (Some(out), Some((_, formats))) = (plot_dir, plot) {
        let source = nfg_path.map_or_else(
            || "the scenario's reduced stage game".to_string(),
            |p| sim::output::recorded_input(&p.display().to_string()),
        );
        let w = equilibria_plot::write(out, &game, &source, &opts.lambdas, formats)?;
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
        Some(p) => write_exported_game(p, &text)?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}

/// The first line's opening of every game `export-nfg` writes: how it recognises a file it may
/// overwrite.
const EXPORT_HEADER: &str = "NFG 1 R \"pactsim stage game:";

/// Writes an exported game to `path` through a hidden sibling renamed into place. Missing parent
/// directories are created. An existing file is replaced only when it is itself a game
/// `export-nfg` wrote (its first line opens with [`EXPORT_HEADER`]); anything else there is
/// refused as bad input and left untouched.
fn write_exported_game(path: &Path, text: &str) -> Result<()> {
    let shown = path.display();
    let Some(name) = path.file_name() else {
        return Err(bad(format!(
            "--out {shown}: the path has no final file name"
        )));
    };
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(bad(format!(
                "--out {shown}: is a directory; give a file name for the game"
            )))
        }
        Ok(_) => {
            let ours = std::fs::read(path)
                .map(|b| b.starts_with(EXPORT_HEADER.as_bytes()))
                .unwrap_or(false);
            if !ours {
                return Err(bad(format!(
                    "--out {shown}: exists and is not a game pactsim exported; pactsim only \
                     replaces files it wrote itself: choose another name or remove it yourself"
                )));
            }
        }
        Err(_) => {}
    }
    let parent = sim::outdir::create_parent(path).map_err(|e| bad(e.to_string()))?;
    let tmp = parent.join(format!(
        ".{}.partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(bad(format!("--out {shown}: cannot write the game: {e}")));
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
    for u in &b.unavailable {
        writeln!(out, "no {} at these parameters: {}", u.name, u.reason)?;
    }
    let nash = b
        .solutions
        .iter()
        .find(|s| s.name == "Nash bargaining (symmetric)");
    match (b.litigation_binds, nash) {
        (Some(binds), Some(n)) => writeln!(
            out,
            "Microsoft's litigation option {} (suit ${:.1}B vs Nash ${:.1}B)",
            if binds { "binds" } else { "does not bind" },
            b.litigation[0],
            n.payoffs[0]
        )?,
        _ => writeln!(
            out,
            "Microsoft's litigation option: suit ${:.1}B (no Nash solution to compare)",
            b.litigation[0]
        )?,
    }
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
