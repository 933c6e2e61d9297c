//! `pactsim moran`: a Moran process over a population of repeated-game strategies (from
//! `--players` or a TOML file); prints fixation probabilities with Wilson 95% intervals and
//! writes a results directory with the population-over-time plot. Completed repetitions are
//! checkpointed beside the results directory; `--resume` continues an interrupted run with the
//! same bytes as an uninterrupted one.

use crate::cmd_match::{load_game, read_settings, settings, Origin, SettingsFile};
use crate::cmd_tournament::{check_resume, finished, remove_checkpoint};
use crate::{bad, charts, pool, progress};
use anyhow::{Context, Result};
use plots::{Chart, LinePlot, Series, SeriesPoint};
use repeated::library::{lookup, Player};
use repeated::limits::MAX_POPULATION;
use repeated::moran::checkpoint::run_checkpointed;
use repeated::moran::{Moran, MoranResults};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Arguments of `pactsim moran` (flags override the file).
pub(crate) struct MoranArgs {
    /// Population file.
    pub file: Option<PathBuf>,
    /// The settings given as flags (`players` from `--players`, empty when not given); each
    /// one given overrides the file's.
    pub flags: MoranFile,
    /// Threads, results directory, plots and progress bar.
    pub exec: crate::Execution,
    /// JSON output.
    pub json: bool,
    /// Continue from the checkpoint.
    pub resume: bool,
    /// Stop after this many repetitions (testing aid).
    pub stop_after: Option<u32>,
}

/// The Moran settings: the keys of a Moran file (every key optional except `players`; unknown
/// keys are rejected), and the same settings as `pactsim moran` flags (`players` comes from
/// `--players`), which override the file's.
#[derive(Debug, Clone, Default, Serialize, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct MoranFile {
    /// Individuals: `"NAME"` or `"NAME*COUNT"`.
    #[serde(default)]
    #[arg(skip)]
    pub players: Vec<String>,
    /// Repetitions (default 100).
    #[arg(long)]
    pub repetitions: Option<u32>,
    /// Turns per match (default 100).
    #[arg(long)]
    pub turns: Option<u32>,
    /// Probability that each action is flipped (default 0).
    #[arg(long)]
    pub noise: Option<f64>,
    /// Probability that an offspring mutates to another type (default 0).
    #[arg(long)]
    pub mutation_rate: Option<f64>,
    /// Generation cap (default 10000).
    #[arg(long)]
    pub max_generations: Option<u32>,
    /// pd | stag-hunt | chicken | matching-pennies | FILE.nfg (default pd).
    #[arg(long)]
    pub game: Option<String>,
    /// Master seed (default 0).
    #[arg(long)]
    pub seed: Option<u64>,
}

impl MoranFile {
    /// These settings, each missing one (and empty `players`) taken from `file`.
    fn or(&self, file: MoranFile) -> MoranFile {
        MoranFile {
            players: if self.players.is_empty() {
                file.players
            } else {
                self.players.clone()
            },
            repetitions: self.repetitions.or(file.repetitions),
            turns: self.turns.or(file.turns),
            noise: self.noise.or(file.noise),
            mutation_rate: self.mutation_rate.or(file.mutation_rate),
            max_generations: self.max_generations.or(file.max_generations),
            game: self.game.clone().or(file.game),
            seed: self.seed.or(file.seed),
        }
    }
}

/// A population read from `NAME` / `NAME*COUNT` items.
struct Population {
    /// The types, in first-seen order (repeated names add up).
    types: Vec<Player>,
    /// The count of each type.
    counts: Vec<u32>,
    /// The number of individuals listed, those of unknown names included.
    size: u64,
    /// Each item that is wrong: its index and what is wrong with it.
    problems: Vec<(usize, String)>,
}

/// The population of `NAME` / `NAME*COUNT` items, with every item's problem.
fn population(items: &[String]) -> Population {
    let mut pop = Population {
        types: Vec::new(),
        counts: Vec::new(),
        size: 0,
        problems: Vec::new(),
    };
    let allowed = format!("allowed values are whole numbers 1 to {MAX_POPULATION}");
    for (i, item) in items.iter().enumerate() {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let (name, count) = match item.rsplit_once('*') {
            Some((n, c)) => match c.trim().parse::<u32>() {
                Ok(count) => (n.trim(), count),
                Err(_) => {
                    pop.problems
                        .push((i, format!("count {c:?} of {:?}: {allowed}", n.trim())));
                    continue;
                }
            },
            None => (item, 1),
        };
        if count == 0 {
            pop.problems
                .push((i, format!("count 0 of {name:?}: {allowed}")));
            continue;
        }
        pop.size += u64::from(count);
        let p = match lookup(name) {
            Ok(p) => p,
            Err(e) => {
                pop.problems.push((i, e.to_string()));
                continue;
            }
        };
        match pop.types.iter().position(|t| t.name() == p.name()) {
            // Saturating: a sum over the population limit is refused by validation.
            Some(k) => pop.counts[k] = pop.counts[k].saturating_add(count),
            None => {
                pop.types.push(p);
                pop.counts.push(count);
            }
        }
    }
    pop
}

fn table(m: &Moran, r: &MoranResults) -> String {
    let mut s = format!(
        "Moran process: population {}, {} repetitions, game {}, seed {}\n",
        m.counts.iter().sum::<u32>(),
        m.repetitions,
        m.game.name(),
        m.seed
    );
    let _ = writeln!(
        s,
        "{:<30} {:>7} {:>10} {:>20}",
        "strategy", "initial", "fixation", "Wilson 95% CI"
    );
    for f in &r.fixation {
        let _ = writeln!(
            s,
            "{:<30} {:>7} {:>10.4} {:>20}",
            f.name,
            f.initial,
            f.probability,
            format!("[{:.4}, {:.4}]", f.ci[0], f.ci[1])
        );
    }
    if r.unfixated > 0 {
        let _ = writeln!(
            s,
            "{} repetitions reached the generation cap without fixation",
            r.unfixated
        );
    }
    s
}

/// Most generations drawn per line of the population plot: longer runs are thinned to every
/// k-th generation (and the last), so the plot stays small whatever the generation cap.
const PLOT_GENERATIONS: usize = 10_001;

fn plot(m: &Moran, r: &MoranResults) -> Chart {
    let run = &r.runs[0];
    let rows = run.counts().len();
    let stride = if rows > PLOT_GENERATIONS {
        (rows - 1).div_ceil(PLOT_GENERATIONS - 1)
    } else {
        1
    };
    let shown: Vec<(usize, &[u32])> = run
        .counts()
        .enumerate()
        .filter(|(g, _)| g % stride == 0 || g + 1 == rows)
        .collect();
    let series = m
        .types
        .iter()
        .enumerate()
        .map(|(t, p)| Series {
            label: p.name().to_string(),
            points: shown
                .iter()
                .map(|(g, c)| SeriesPoint {
                    x: *g as f64,
                    y: f64::from(c[t]),
                    lo: None,
                    hi: None,
                })
                .collect(),
            colour: None,
        })
        .collect();
    let thinned = if stride > 1 {
        format!(", drawn every {stride} generations")
    } else {
        String::new()
    };
    Chart::Line(LinePlot {
        title: "Population over time (repetition 0)".into(),
        subtitle: Some(format!(
            "population {}, game {}, seed {}{thinned}",
            m.counts.iter().sum::<u32>(),
            m.game.name(),
            m.seed
        )),
        x_label: "generation".into(),
        y_label: "individuals".into(),
        series,
        log_x: false,
        probability: false,
        x_marks: Vec::new(),
    })
}

/// Tag of the checkpoint file, kept beside the results directory as `.<name>.<tag>` (under
/// the directory's lock) until the results are committed.
pub(crate) const CHECKPOINT: &str = "moran-checkpoint";

/// The Moran process of the file `file` (if any) and the flags `f` (which override the
/// file's settings), every problem of both reported in one pass, each at its flag or line.
/// `pactsim moran` runs it; `pactsim validate` checks a Moran file with it.
pub(crate) fn load(file: Option<&std::path::Path>, f: &MoranFile) -> Result<Moran> {
    let read = match file {
        Some(p) => Some(read_settings::<MoranFile>(p, "Moran")?),
        None => None,
    };
    let mut flags: Vec<(&'static str, String)> = Vec::new();
    if !f.players.is_empty() {
        flags.push(("players", f.players.join(",")));
    }
    let mut flag = |key: &'static str, value: Option<String>| {
        if let Some(v) = value {
            flags.push((key, v));
        }
    };
    flag("repetitions", f.repetitions.map(|x| x.to_string()));
    flag("turns", f.turns.map(|x| x.to_string()));
    flag("noise", f.noise.map(|x| x.to_string()));
    flag("mutation_rate", f.mutation_rate.map(|x| x.to_string()));
    flag("max_generations", f.max_generations.map(|x| x.to_string()));
    flag("game", f.game.clone());
    flag("seed", f.seed.map(|x| x.to_string()));
    let (from_file, origin) = match (file, &read) {
        (Some(path), Some(r)) => (
            r.value.clone(),
            Origin::new(Some(SettingsFile::of(path, r)), flags),
        ),
        _ => (MoranFile::default(), Origin::new(None, flags)),
    };
    let s = f.or(from_file);
    if s.players.is_empty() {
        return Err(bad("no population: give --players \"TitForTat*3,Defector\" or a TOML file with players = [...]"));
    }
    // Every problem of the settings in one pass, each at its flag or its file line.
    let pop = population(&s.players);
    let mut problems: Vec<(String, Option<String>, String)> = pop
        .problems
        .into_iter()
        .map(|(i, message)| {
            if f.players.is_empty() {
                (
                    format!("players[{i}]"),
                    Some(format!("{:?}", s.players[i])),
                    message,
                )
            } else {
                ("players".to_string(), None, message)
            }
        })
        .collect();
    let base = file.and_then(|p| p.parent().map(|p| p.to_path_buf()));
    let settings = settings(s.turns, None, s.noise.unwrap_or(0.0), 100);
    let game = load_game(s.game.as_deref().unwrap_or("pd"), base.as_deref())
        .map_err(|m| problems.push(("game".to_string(), None, m)))
        .ok();
    let mutation_rate = s.mutation_rate.unwrap_or(0.0);
    let max_generations = s.max_generations.unwrap_or(10_000);
    let repetitions = s.repetitions.unwrap_or(100);
    let settings_problems = Moran::setting_problems(
        &settings,
        pop.size,
        mutation_rate,
        repetitions,
        max_generations,
    );
    problems.extend(settings_problems.iter().map(|e| origin.locate(e)));
    let (Some(game), true) = (game, problems.is_empty() && origin.clean()) else {
        return Err(origin.report(problems));
    };
    let m = Moran {
        types: pop.types,
        counts: pop.counts,
        game,
        settings,
        mutation_rate,
        max_generations,
        repetitions,
        seed: s.seed.unwrap_or(0),
    };
    m.validate().map_err(|e| origin.error(e))?;
    Ok(m)
}

/// Runs `pactsim moran`.
pub(crate) fn run(a: &MoranArgs) -> Result<()> {
    let m = load(a.file.as_deref(), &a.flags)?;
    let pool = pool(a.exec.threads)?;
    // Checks the target (never a directory pactsim did not write) and locks it first.
    let dir = crate::results_dir(a.exec.out.as_deref(), || "moran".into())?;
    let checkpoint = dir.sibling(CHECKPOINT);
    check_resume(&checkpoint, a.resume)?;
    // Repetitions done, on stderr (hidden with --quiet or when stderr is not a terminal).
    let bar = progress::bar(u64::from(m.repetitions), "repetitions", a.exec.quiet);
    let outcome = pool.install(|| {
        run_checkpointed(&m, &checkpoint, a.resume, a.stop_after, &mut |done, _| {
            bar.set_position(u64::from(done));
        })
    })?;
    bar.finish_and_clear();
    let r = finished(outcome, m.repetitions)?;
    let mut fixation = String::from("strategy,initial,fixations,probability,ci_lo,ci_hi\n");
    for f in &r.fixation {
        let _ = writeln!(
            fixation,
            "{},{},{},{:.6},{:.6},{:.6}",
            f.name, f.initial, f.fixations, f.probability, f.ci[0], f.ci[1]
        );
    }
    dir.write_text("fixation.csv", &fixation)?;
    let mut pop = String::from("rep,generation");
    for t in &m.types {
        pop.push(',');
        pop.push_str(t.name());
    }
    pop.push('\n');
    for (rep, run) in r.runs.iter().enumerate() {
        for (g, c) in run.counts().enumerate() {
            let _ = write!(pop, "{rep},{g}");
            for x in c {
                let _ = write!(pop, ",{x}");
            }
            pop.push('\n');
        }
    }
    dir.write_text("population.csv", &pop)?;
    let summary = serde_json::json!({
        "players": m.types.iter().map(Player::name).collect::<Vec<_>>(),
        "counts": m.counts,
        "repetitions": m.repetitions,
        "seed": m.seed,
        "game": m.game.name(),
        "mutation_rate": m.mutation_rate,
        "max_generations": m.max_generations,
        "fixation": r.fixation,
        "unfixated": r.unfixated,
        "generations": r.runs.iter().map(|x| x.generations).collect::<Vec<_>>(),
        "rng_scheme": repeated::seed::SEED_SCHEME,
    });
    dir.write_json("moran.json", &summary)?;
    let fields = serde_json::json!({
        "players": m.types.iter().map(Player::name).collect::<Vec<_>>(),
        "counts": m.counts,
        "game": m.game.name(),
        "repetitions": m.repetitions,
        "seed": m.seed,
        "mutation_rate": m.mutation_rate,
        "max_generations": m.max_generations,
        "rng_scheme": repeated::seed::SEED_SCHEME,
    });
    dir.write_json("manifest.json", &crate::command_manifest("moran", fields))?;
    if let Some(f) = a.exec.plots {
        charts::render(
            &dir.path(""),
            &[("population", plot(&m, &r))],
            &charts::formats(f),
        )?;
    }
    let path = dir.commit()?;
    remove_checkpoint(&checkpoint)?;
    if a.json {
        outln!(
            "{}",
            serde_json::to_string(&summary).context("serialising the results")?
        )?;
    } else {
        outln!("{}results: {}", table(&m, &r), path.display())?;
    }
    Ok(())
}
