//! `pactsim equilibria … --plot DIR`: pictures of a game for researchers.
//!
//! - `plots/qre_path`: the principal branch of the logit QRE, each strategy's probability
//!   against λ on a log axis, with the λ values asked for with `--lambda` marked; the points
//!   are in `qre_path.csv`.
//! - when every player has three strategies, `plots/dynamics` (symmetric two-player games:
//!   one population) or `plots/dynamics_player<i>` (one triangle per player): replicator
//!   trajectories from three interior starts and the path of fictitious-play frequencies on the
//!   simplex, with the Nash equilibria marked; the points are in `trajectories.csv`.
//!
//! The solvers hand their path points to observer callbacks; this module samples them, writes
//! the data and renders the charts. `DIR` is a pactsim results directory: the usual
//! output-safety rules apply (refused targets, atomic replacement, locking). [`open`] checks
//! and locks it before anything is solved, and its refusals name `--plot`.

use crate::charts;
use crate::evaluate::{csv_field, num};
use anyhow::Result;
use games::game::{binary_exponent, Game, MixedProfile};
use games::solve::{self, fictitious, logit, replicator, Method, Population, SolveOptions};
use plots::{Chart, Format, LinePlot, Series, SeriesPoint, Simplex, SimplexPoint, Trajectory};
use sim::outdir::TargetError;
use sim::output::{OutputError, ResultsDir, SCHEMA_VERSION};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The QRE path is traced until λ·R reaches this (R: the payoff range), where the logit
/// response is within e^-10000·… of a best response: the path has reached its Nash limit.
const PATH_PRECISION: f64 = 1e4;
/// Replicator step size and steps per trajectory; every `REPLICATOR_EVERY`-th state is kept.
const REPLICATOR_DT: f64 = 0.01;
const REPLICATOR_STEPS: usize = 3_000;
const REPLICATOR_EVERY: usize = 10;
/// Rounds of fictitious play drawn.
const FICTITIOUS_ROUNDS: usize = 1_000;
/// Replicator trajectories of a game whose payoff spread (largest difference between two
/// payoffs of one player) is `2^REPLICATOR_SPREAD_EXP` or more are integrated for the payoffs
/// divided by a power of two that brings the spread below that bound: the same orbits (a
/// common positive factor only changes the speed of time), where RK4 with step
/// `REPLICATOR_DT` is stable (step × spread < 1.3) instead of jumping to a vertex or, for
/// payoffs near 10³⁰⁸, overflowing into NaN.
const REPLICATOR_SPREAD_EXP: i32 = 7;

/// What `--plot` wrote.
pub(crate) struct Written {
    /// The results directory, as given.
    pub dir: PathBuf,
    /// Chart files written, relative to `dir`.
    pub files: Vec<PathBuf>,
    /// Warnings (e.g. a path that could not be traced to its end).
    pub notes: Vec<String>,
}

/// An error about the `--plot` target. The results-directory rules name the flag `--out`
/// (every other command's); here the user gave `--plot`, so a refusal (exit code 2) says so.
/// I/O failures keep their own message.
fn plot_target_error(e: OutputError) -> anyhow::Error {
    let refusal = match &e {
        OutputError::Target(TargetError::Forbidden { path, reason }) => Some(format!(
            "--plot {}: refusing to write results there: {reason}",
            path.display()
        )),
        OutputError::Target(TargetError::NotResults { path, reason }) => Some(format!(
            "--plot {}: exists and is not a pactsim results directory ({reason}); pactsim only \
             replaces directories it wrote itself: choose a new path or remove it yourself",
            path.display()
        )),
        OutputError::Target(TargetError::InUse {
            what,
            path,
            pid,
            lock,
        }) => Some(format!(
            "{what} {} is in use by pid {pid} (lock {}); wait for it to finish or choose \
             another --plot",
            path.display(),
            lock.display()
        )),
        OutputError::Target(TargetError::Parent {
            path,
            parent,
            reason,
        }) => Some(format!(
            "--plot {}: cannot create its parent directory {}: {reason}",
            path.display(),
            parent.display()
        )),
        _ => None,
    };
    match refusal {
        Some(message) => crate::bad(message),
        None => anyhow::Error::new(e).context("writing the --plot results directory"),
    }
}

/// Checks and locks the `--plot` results directory `dir` (refused targets exit with code 2,
/// naming `--plot`), before anything is solved. Dropping the value without [`write`] leaves
/// nothing behind but the lock file.
pub(crate) fn open(dir: &Path) -> Result<ResultsDir> {
    ResultsDir::create(dir).map_err(plot_target_error)
}

/// Writes the pictures of `game` into the results directory `out` (from [`open`]) and commits
/// it. `source` names the game (file path or scenario) in the manifest; `lambdas` are the λ
/// values to mark.
pub(crate) fn write(
    out: ResultsDir,
    game: &Game,
    source: &str,
    lambdas: &[f64],
    formats: &[Format],
) -> Result<Written> {
    let mut notes = Vec::new();
    let mut charts: Vec<(String, Chart)> = Vec::new();

    let (path, csv) = qre_path(game, lambdas, &mut notes);
    out.write_text("qre_path.csv", &csv)?;
    charts.push(("qre_path".into(), path));

    if game.strategy_counts().iter().all(|&m| m == 3) {
        let (dyn_charts, csv) = dynamics(game, &mut notes)?;
        out.write_text("trajectories.csv", &csv)?;
        charts.extend(dyn_charts);
    }

    let commit = env!("PACTSIM_GIT_COMMIT");
    let manifest = serde_json::json!({
        "schema": SCHEMA_VERSION,
        "pactsim_version": env!("CARGO_PKG_VERSION"),
        "git_commit": (!commit.is_empty()).then_some(commit),
        "command": "equilibria",
        "game": {"title": game.title(), "source": source, "players": game.players(),
                 "strategies": game.strategies()},
        "lambda": lambdas,
        "lambda_units": "multiplies the game's own payoffs",
        "notes": notes,
    });
    out.write_json("manifest.json", &manifest)?;
    let root = out.path("");
    let refs: Vec<(&str, Chart)> = charts
        .iter()
        .map(|(s, c)| (s.as_str(), c.clone()))
        .collect();
    let files = charts::render(&root, &refs, formats)?
        .into_iter()
        .map(|p| p.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(p))
        .collect();
    let dir = out.commit().map_err(plot_target_error)?;
    Ok(Written { dir, files, notes })
}

/// `Player: strategy` labels, player by player.
fn strategy_labels(game: &Game) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (i, names) in game.strategies().iter().enumerate() {
        for (j, s) in names.iter().enumerate() {
            out.push((i, j, format!("{}: {s}", game.players()[i])));
        }
    }
    out
}

/// The QRE path chart and its tidy CSV (`lambda,player,strategy,probability`).
fn qre_path(game: &Game, lambdas: &[f64], notes: &mut Vec<String>) -> (Chart, String) {
    // R: the largest difference between two payoffs of one player, finite for every game.
    let range = game.payoff_spread();
    let asked = lambdas.iter().copied().fold(0.0, f64::max);
    let lambda_max = if range > 0.0 {
        (PATH_PRECISION / range)
            .max(1.2 * asked)
            .min(logit::max_lambda(game))
    } else {
        0.0
    };
    let mut points: Vec<(f64, MixedProfile)> = Vec::new();
    if let Err(e) = logit::trace_path(game, lambda_max, |l, p| points.push((l, p.clone()))) {
        notes.push(format!(
            "QRE path: {e}; the path is drawn as far as it was traced"
        ));
    }
    let labels = strategy_labels(game);
    let mut csv = String::from("lambda,player,strategy,probability\n");
    for (l, p) in &points {
        for (i, j, _) in &labels {
            let _ = writeln!(
                csv,
                "{},{},{},{}",
                num(*l),
                csv_field(&game.players()[*i]),
                csv_field(&game.strategies()[*i][*j]),
                num(p[*i][*j])
            );
        }
    }
    let series = labels
        .iter()
        .map(|(i, j, label)| Series {
            label: label.clone(),
            points: points
                .iter()
                .map(|(l, p)| SeriesPoint {
                    x: *l,
                    y: p[*i][*j],
                    lo: None,
                    hi: None,
                })
                .collect(),
            colour: None,
        })
        .collect();
    let chart = Chart::Line(LinePlot {
        title: format!("Logit QRE path · {}", game.title()),
        subtitle: Some(format!(
            "principal branch from the centroid at λ = 0 to λ = {lambda_max:.3e}; λ multiplies \
             the game's payoffs (spread {}); dashed: --lambda values",
            short_number(range)
        )),
        x_label: "λ (log10 scale)".into(),
        y_label: "probability".into(),
        series,
        log_x: true,
        probability: true,
        x_marks: lambdas
            .iter()
            .map(|&l| plots::XMark {
                x: l,
                label: format!("λ = {}", short_number(l)),
            })
            .collect(),
    });
    (chart, csv)
}

/// `x` as Rust prints it (`5`, `0.25`) when it is 0 or 10⁻⁴ ≤ |x| < 10¹⁵, else in scientific
/// notation (`1e308`), so that no number prints as hundreds of digits.
fn short_number(x: f64) -> String {
    if x == 0.0 || (1e-4..1e15).contains(&x.abs()) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// Interior starting profiles: 0.6 on one strategy and 0.2 on the others, for each strategy,
/// for every player alike.
fn starts(game: &Game) -> Vec<MixedProfile> {
    (0..3)
        .map(|k| {
            (0..game.num_players())
                .map(|_| (0..3).map(|j| if j == k { 0.6 } else { 0.2 }).collect())
                .collect()
        })
        .collect()
}

/// One sampled trajectory: dynamics name, start label, (step, profile) samples.
type Run = (&'static str, String, Vec<(usize, MixedProfile)>);

/// Simplex charts of replicator and fictitious-play trajectories of a game where every player
/// has three strategies, and their tidy CSV
/// (`dynamics,start,step,player,strategy,probability`).
fn dynamics(game: &Game, notes: &mut Vec<String>) -> Result<(Vec<(String, Chart)>, String)> {
    let one = game.is_symmetric_two_player();
    // A large spread: integrate the replicator for the payoffs divided by 2^shift (exact).
    let spread = game.payoff_spread();
    let shift = (spread > 0.0)
        .then(|| binary_exponent(spread) + 1 - REPLICATOR_SPREAD_EXP)
        .filter(|&k| k > 0);
    let scaled = shift.map(|k| game.scaled_down(&vec![k; game.num_players()]));
    let replicator_game = scaled.as_ref().unwrap_or(game);
    let time_units = match shift {
        Some(k) => {
            notes.push(format!(
                "replicator trajectories are integrated for the payoffs divided by 2^{k} (payoff \
                 spread below {}, where RK4 with step {REPLICATOR_DT} is stable): the same \
                 orbits, with time t in those units",
                1u32 << REPLICATOR_SPREAD_EXP
            ));
            format!(" for payoffs / 2^{k}")
        }
        None => String::new(),
    };
    let population = if one {
        Population::One
    } else {
        Population::Multi
    };
    let mut runs: Vec<Run> = Vec::new();
    for start in starts(game) {
        let mut pts = Vec::new();
        replicator::solve_observed(
            replicator_game,
            population,
            Some(&start),
            REPLICATOR_DT,
            REPLICATOR_STEPS,
            |step, p| {
                if step % REPLICATOR_EVERY == 0 {
                    pts.push((step, p.clone()));
                }
            },
        )?;
        let label = format!("({} / {} / {})", start[0][0], start[0][1], start[0][2]);
        runs.push(("replicator", label, pts));
    }
    let mut pts = Vec::new();
    fictitious::solve_observed(game, FICTITIOUS_ROUNDS, |t, p| pts.push((t, p.clone())));
    runs.push(("fictitious", "uniform beliefs".into(), pts));

    let mut csv = String::from("dynamics,start,step,player,strategy,probability\n");
    for (name, start, pts) in &runs {
        for (step, p) in pts {
            for (i, names) in game.strategies().iter().enumerate() {
                for (j, s) in names.iter().enumerate() {
                    let _ = writeln!(
                        csv,
                        "{name},{},{step},{},{},{}",
                        csv_field(start),
                        csv_field(&game.players()[i]),
                        csv_field(s),
                        num(p[i][j])
                    );
                }
            }
        }
    }

    // Nash equilibria to mark (none if the method cannot answer).
    let method = if game.num_players() == 2 {
        Method::EnumMixed
    } else {
        Method::Simpdiv
    };
    let equilibria = solve::solve(game, method, &SolveOptions::default())
        .map(|r| r.equilibria)
        .unwrap_or_default();
    let panels: Vec<usize> = if one {
        vec![0]
    } else {
        (0..game.num_players()).collect()
    };
    let mut charts = Vec::new();
    for &i in &panels {
        let names = &game.strategies()[i];
        let trajectories = runs
            .iter()
            .enumerate()
            .map(|(k, (name, start, pts))| Trajectory {
                label: Some(format!("{name} from {start}")),
                points: pts
                    .iter()
                    .map(|(_, p)| [p[i][0], p[i][1], p[i][2]])
                    .collect(),
                colour: Some(k),
            })
            .collect();
        let points = equilibria
            .iter()
            .enumerate()
            .map(|(k, e)| SimplexPoint {
                label: format!("NE {}", k + 1),
                at: [e.profile[i][0], e.profile[i][1], e.profile[i][2]],
                hollow: false,
            })
            .collect();
        let (stem, who) = if one {
            ("dynamics".to_string(), "one population".to_string())
        } else {
            (
                format!("dynamics_player{}", i + 1),
                game.players()[i].clone(),
            )
        };
        charts.push((
            stem,
            Chart::Simplex(Simplex {
                title: format!("Replicator and fictitious play · {} · {who}", game.title()),
                subtitle: Some(format!(
                    "replicator: RK4, step {REPLICATOR_DT}, t = {}{time_units}; fictitious \
                     play: {} rounds; NE: Nash equilibria ({method})",
                    REPLICATOR_DT * REPLICATOR_STEPS as f64,
                    FICTITIOUS_ROUNDS
                )),
                vertex_labels: [names[0].clone(), names[1].clone(), names[2].clone()],
                trajectories,
                points,
            }),
        ));
    }
    Ok((charts, csv))
}
