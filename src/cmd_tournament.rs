//! `pactsim tournament FILE.toml`: a round-robin repeated-game tournament; writes a results
//! directory (matches.csv, players.csv, payoff_matrix.csv, manifest.json, plots) and prints the
//! ranking. Completed repetitions are checkpointed in the results directory; `--resume`
//! continues an interrupted run with the same bytes as an uninterrupted one.

use crate::cmd_match::{load_game, read_settings, settings, Origin, SettingsFile};
use crate::evaluate::csv_field;
use crate::{bad, charts, pool, progress};
use analysis::stats::quantile;
use anyhow::{anyhow, Context, Result};
use plots::{Bar, BarChart, BoxSummary, Chart, Distributions, Heatmap};
use repeated::checkpoint::Progress;
use repeated::library::{lookup, Player};
use repeated::tournament::checkpoint::run_checkpointed;
use repeated::tournament::{push_number, Tournament, TournamentResults};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Arguments of `pactsim tournament`.
pub(crate) struct TournamentArgs {
    /// Tournament file.
    pub file: PathBuf,
    /// Threads, results directory, plots and progress bar.
    pub exec: crate::Execution,
    /// Continue from the checkpoint.
    pub resume: bool,
    /// Stop after this many repetitions (testing aid).
    pub stop_after: Option<u32>,
}

/// The tournament file (every key; unknown keys are rejected).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TournamentFile {
    /// Name (default: the file stem).
    pub name: Option<String>,
    /// Strategy names (see `pactsim strategies`).
    pub players: Vec<String>,
    /// Built-in game or .nfg path relative to the file.
    #[serde(default = "default_game")]
    pub game: String,
    /// Turns per match (default 200); the cap on drawn lengths with `prob_end`.
    pub turns: Option<u32>,
    /// Per-turn end probability (random lengths).
    pub prob_end: Option<f64>,
    /// Repetitions (default 10).
    #[serde(default = "default_repetitions")]
    pub repetitions: u32,
    /// Action noise (default 0).
    #[serde(default)]
    pub noise: f64,
    /// Master seed (default 0).
    #[serde(default)]
    pub seed: u64,
    /// Each strategy also meets a copy of itself (default true, as Axelrod).
    #[serde(default = "default_self_play")]
    pub self_play: bool,
}

fn default_game() -> String {
    "pd".into()
}
fn default_repetitions() -> u32 {
    10
}
fn default_self_play() -> bool {
    true
}

/// Reads a tournament file into a validated [`Tournament`]. Every problem is reported at its
/// file:line:column and entry, in the format of scenario files: the TOML's syntax and shape;
/// then, all in one pass, each setting (the game, the match settings, the repetitions, every
/// player name and whether it can play the game, the number of players); then the tournament
/// as a whole (the documented limits).
pub(crate) fn load(file: &Path) -> Result<(TournamentFile, Tournament)> {
    let read = read_settings::<TournamentFile>(file, "tournament")?;
    let cfg = read.value.clone();
    let origin = Origin::new(Some(SettingsFile::of(file, &read)), Vec::new());
    let mut problems = Vec::new();
    let settings = settings(cfg.turns, cfg.prob_end, cfg.noise, 200);
    let game = load_game(&cfg.game, file.parent())
        .map_err(|m| problems.push(("game".to_string(), None, m)))
        .ok();
    // Each entry may itself be a comma-separated list (as in `--players`).
    let mut players = Vec::new();
    let mut listed = 0;
    for (i, entry) in cfg.players.iter().enumerate() {
        for name in entry.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            listed += 1;
            // A strategy that cannot play this game (2×2 only, or an action it lacks).
            let fits = |p: &Player| match &game {
                Some(g) => p.check(g, 0).and_then(|()| p.check(g, 1)),
                None => Ok(()),
            };
            match lookup(name).and_then(|p| fits(&p).map(|()| p)) {
                Ok(p) => players.push(p),
                Err(e) => problems.push((
                    format!("players[{i}]"),
                    Some(format!("{entry:?}")),
                    e.to_string(),
                )),
            }
        }
    }
    let settings_problems =
        Tournament::setting_problems(&settings, listed, cfg.self_play, cfg.repetitions);
    problems.extend(settings_problems.iter().map(|e| origin.locate(e)));
    let (Some(game), true) = (game, problems.is_empty() && origin.clean()) else {
        return Err(origin.report(problems));
    };
    let t = Tournament {
        players,
        game,
        settings,
        repetitions: cfg.repetitions,
        seed: cfg.seed,
        self_play: cfg.self_play,
    };
    t.validate().map_err(|e| origin.error(e))?;
    Ok((cfg, t))
}

fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.6}")
    } else {
        String::new()
    }
}

/// `matches.csv`.
pub(crate) fn matches_csv(r: &TournamentResults) -> String {
    let mut s = String::from(
        "rep,i,j,player_i,player_j,turns,score_i,score_j,cooperations_i,cooperations_j\n",
    );
    let names: Vec<String> = r.names.iter().map(|n| csv_field(n)).collect();
    for m in &r.rows {
        let _ = write!(
            s,
            "{},{},{},{},{},{},",
            m.rep, m.i, m.j, names[m.i as usize], names[m.j as usize], m.turns,
        );
        push_number(&mut s, m.scores[0]);
        s.push(',');
        push_number(&mut s, m.scores[1]);
        let _ = writeln!(s, ",{},{}", m.cooperations[0], m.cooperations[1]);
    }
    s
}

/// `players.csv`.
pub(crate) fn players_csv(r: &TournamentResults) -> String {
    let mut s = String::from("rank,name,mean_score_per_turn,median_score,wins,cooperation_rate\n");
    for p in &r.ranked {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{}",
            p.rank,
            csv_field(&p.name),
            num(p.mean_score_per_turn),
            num(p.median_score),
            p.wins,
            num(p.cooperation_rate)
        );
    }
    s
}

/// `payoff_matrix.csv`: row player's mean score per turn against each column player.
pub(crate) fn payoff_csv(r: &TournamentResults) -> String {
    let mut s = String::from("player");
    for n in &r.names {
        s.push(',');
        s.push_str(&csv_field(n));
    }
    s.push('\n');
    for (i, row) in r.payoff.iter().enumerate() {
        s.push_str(&csv_field(&r.names[i]));
        for x in row {
            s.push(',');
            s.push_str(&num(*x));
        }
        s.push('\n');
    }
    s
}

fn plots_of(name: &str, t: &Tournament, r: &TournamentResults) -> Vec<(&'static str, Chart)> {
    let sub = format!(
        "{name}: {} players, {} repetitions, game {}, seed {}",
        r.names.len(),
        t.repetitions,
        t.game.name(),
        t.seed
    );
    let rows = r
        .ranked
        .iter()
        .map(|p| BoxSummary {
            label: format!("{}. {}", p.rank, p.name),
            p5: quantile(&p.normalised_scores, 0.05),
            p25: quantile(&p.normalised_scores, 0.25),
            p50: quantile(&p.normalised_scores, 0.5),
            p75: quantile(&p.normalised_scores, 0.75),
            p95: quantile(&p.normalised_scores, 0.95),
            mean: Some(
                p.normalised_scores.iter().sum::<f64>() / p.normalised_scores.len().max(1) as f64,
            ),
            colour: Some(0),
        })
        .collect();
    let order: Vec<usize> = r.ranked.iter().map(|p| p.index).collect();
    let ranks: Vec<f64> = (1..=order.len()).map(|k| k as f64).collect();
    let z = order
        .iter()
        .rev()
        .map(|&i| order.iter().map(|&j| r.payoff[i][j]).collect())
        .collect();
    let key: Vec<String> = r
        .ranked
        .iter()
        .map(|p| format!("{}={}", p.rank, p.name))
        .collect();
    vec![
        (
            "scores",
            Chart::Distributions(Distributions {
                title: "Normalised score per turn by repetition (ranked)".into(),
                subtitle: Some(sub.clone()),
                x_label: "mean score per turn against the others".into(),
                rows,
            }),
        ),
        (
            "payoffs",
            Chart::Heatmap(Heatmap {
                title: "Mean score per turn of row player against column player".into(),
                subtitle: Some(format!("rank: {}", key.join(", "))),
                x_label: "opponent (rank)".into(),
                y_label: "player (rank)".into(),
                x_values: ranks.clone(),
                y_values: ranks.iter().rev().copied().collect(),
                z,
                z_label: "score per turn".into(),
                z_range: None,
                probability: false,
                annotate: None,
                auto_scale: false,
                ci_width: None,
                ci_threshold: None,
                x_log: false,
                y_log: false,
            }),
        ),
        (
            "wins",
            Chart::Bar(BarChart {
                title: "Matches won".into(),
                subtitle: Some(sub),
                y_label: "wins (all repetitions)".into(),
                x_label: None,
                bars: r
                    .ranked
                    .iter()
                    .map(|p| Bar {
                        label: p.name.clone(),
                        value: p.wins as f64,
                        ci_lo: None,
                        ci_hi: None,
                        colour: Some(0),
                    })
                    .collect(),
                probability: false,
                legend: Vec::new(),
            }),
        ),
    ]
}

/// Tag of the checkpoint file, kept beside the results directory as `.<name>.<tag>` (under
/// the directory's lock) until the results are committed.
pub(crate) const CHECKPOINT: &str = "tournament-checkpoint";

/// Refuses `--resume` (bad input) when there is no checkpoint at `checkpoint`.
pub(crate) fn check_resume(checkpoint: &Path, resume: bool) -> Result<()> {
    if resume && !checkpoint.exists() {
        return Err(bad(format!(
            "--resume: no checkpoint at {}; run without --resume",
            checkpoint.display()
        )));
    }
    Ok(())
}

/// The results of a checkpointed run of `total` repetitions, or, when it stopped as asked
/// (`--stop-after`), an error that says so (exit code 1).
pub(crate) fn finished<T>(progress: Progress<T>, total: u32) -> Result<T> {
    match progress {
        Progress::Complete(r) => Ok(r),
        Progress::Stopped(done) => Err(anyhow!(
            "stopped after {done} of {total} repetitions as asked (--stop-after); continue with \
             --resume"
        )),
    }
}

/// Removes the checkpoint once the results it served are committed.
pub(crate) fn remove_checkpoint(checkpoint: &Path) -> Result<()> {
    if checkpoint.exists() {
        std::fs::remove_file(checkpoint)
            .with_context(|| format!("removing {}", checkpoint.display()))?;
    }
    Ok(())
}

/// Runs `pactsim tournament`.
pub(crate) fn run(a: &TournamentArgs) -> Result<()> {
    let (cfg, t) = load(&a.file)?;
    let pool = pool(a.exec.threads)?;
    let name = cfg.name.clone().unwrap_or_else(|| {
        a.file
            .file_stem()
            .map_or_else(|| "tournament".into(), |s| s.to_string_lossy().into_owned())
    });
    // Checks the target (never a directory pactsim did not write) and locks it first.
    let dir = crate::results_dir(a.exec.out.as_deref(), || name.clone())?;
    let checkpoint = dir.sibling(CHECKPOINT);
    check_resume(&checkpoint, a.resume)?;
    let bar = progress::bar(u64::from(t.repetitions), "repetitions", a.exec.quiet);
    let per = t.pairs().len() as u64;
    let started = std::time::Instant::now();
    let mut first = None;
    let mut last = 0u32;
    let res = pool.install(|| {
        run_checkpointed(&t, &checkpoint, a.resume, a.stop_after, &mut |done, _| {
            first.get_or_insert(done);
            last = done;
            bar.set_position(u64::from(done));
        })
    })?;
    bar.finish_and_clear();
    let elapsed = started.elapsed().as_secs_f64();
    let played = u64::from(last - first.unwrap_or(0)) * per;
    let results = finished(res, t.repetitions)?;
    dir.write_text("matches.csv", &matches_csv(&results))?;
    dir.write_text("players.csv", &players_csv(&results))?;
    dir.write_text("payoff_matrix.csv", &payoff_csv(&results))?;
    let fields = serde_json::json!({
        "name": name,
        "tournament": cfg,
        "players": results.names,
        "matches_per_repetition": per,
        "rng_scheme": repeated::seed::SEED_SCHEME,
    });
    dir.write_json(
        "manifest.json",
        &crate::command_manifest("tournament", fields),
    )?;
    if let Some(f) = a.exec.plots {
        charts::render(
            &dir.path(""),
            &plots_of(&name, &t, &results),
            &charts::formats(f),
        )?;
    }
    let path = dir.commit()?;
    remove_checkpoint(&checkpoint)?;
    outln!(
        "{:>4}  {:<30} {:>8} {:>8} {:>6} {:>6}",
        "rank",
        "player",
        "median",
        "mean",
        "wins",
        "coop"
    )?;
    for p in &results.ranked {
        outln!(
            "{:>4}  {:<30} {:>8.4} {:>8.4} {:>6} {:>6.3}",
            p.rank,
            p.name,
            p.median_score,
            p.mean_score_per_turn,
            p.wins,
            p.cooperation_rate
        )?;
    }
    outln!("results: {}", path.display())?;
    eprintln!(
        "{played} matches in {elapsed:.3} s ({:.0} matches/s, {} threads)",
        played as f64 / elapsed.max(1e-9),
        pool.current_num_threads()
    );
    Ok(())
}
