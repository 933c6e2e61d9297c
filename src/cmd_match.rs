//! `pactsim match`: one repeated-game match between two named strategies, printed as scores
//! and action sequences (or one JSON object). Also what the `tournament` and `moran` commands
//! share: the game and match-settings parsing, reading a settings file (every problem at its
//! file:line:column) and reporting the `repeated` crate's errors at the flag that gave the value
//! or at the file line that wrote it.

use crate::bad;
use anyhow::{Context, Result};
use repeated::action::render;
use repeated::matches::{MatchLength, DEFAULT_MAX_TURNS};
use repeated::seed::MatchKey;
use repeated::{lookup, play_match, Game, MatchSettings, RepeatedError};
use sim::scenario::{Problem, ProblemKind};
use sim::ScenarioError;
use std::path::Path;

/// Arguments of `pactsim match`.
pub(crate) struct MatchArgs {
    /// Row player's strategy.
    pub a: String,
    /// Column player's strategy.
    pub b: String,
    /// Built-in game name or .nfg path.
    pub game: String,
    /// Turns (or cap with prob_end).
    pub turns: Option<u32>,
    /// Per-turn end probability.
    pub prob_end: Option<f64>,
    /// Action noise.
    pub noise: f64,
    /// Seed.
    pub seed: u64,
    /// JSON output.
    pub json: bool,
}

/// A built-in game by name, or a 2-player Gambit .nfg file (relative paths against `base`).
/// The error is what is wrong, without the setting: the caller names the flag or the file
/// entry (see [`Origin`]).
pub(crate) fn load_game(spec: &str, base: Option<&Path>) -> Result<Game, String> {
    if !spec.ends_with(".nfg") {
        return Game::builtin(spec).map_err(|e| match e.setting() {
            Some(s) => s.message,
            None => e.to_string(),
        });
    }
    let path = match base {
        Some(b) if Path::new(spec).is_relative() => b.join(spec),
        _ => Path::new(spec).to_path_buf(),
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read game file {}: {e}", path.display()))?;
    let g = games::game::nfg::read(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if g.num_players() != 2 {
        return Err(format!(
            "{}: game has {} players: allowed are 2-player games only",
            path.display(),
            g.num_players()
        ));
    }
    let (m, n) = (g.num_strategies(0), g.num_strategies(1));
    let matrix = |p: usize| -> Vec<Vec<f64>> {
        (0..m)
            .map(|r| (0..n).map(|c| g.payoff(&[r, c], p)).collect())
            .collect()
    };
    let name = path
        .file_stem()
        .map_or_else(|| spec.to_string(), |s| s.to_string_lossy().into_owned());
    Game::new(&name, &matrix(0), &matrix(1)).map_err(|e| format!("{}: {e}", path.display()))
}

/// Match settings from the shared flags or file keys: fixed `turns` (default
/// `default_turns`), or a per-turn end probability with `turns` as the cap (default
/// [`DEFAULT_MAX_TURNS`]). Not checked: see [`MatchSettings::problems`].
pub(crate) fn settings(
    turns: Option<u32>,
    prob_end: Option<f64>,
    noise: f64,
    default_turns: u32,
) -> MatchSettings {
    let length = match prob_end {
        Some(p) => MatchLength::ProbEnd {
            prob_end: p,
            max_turns: turns.unwrap_or(DEFAULT_MAX_TURNS),
        },
        None => MatchLength::Turns(turns.unwrap_or(default_turns)),
    };
    MatchSettings { length, noise }
}

/// The command-line flag of each settings key of `match`, `tournament` and `moran` files.
const FLAGS: [(&str, &str); 9] = [
    ("turns", "--turns"),
    ("prob_end", "--prob-end"),
    ("noise", "--noise"),
    ("game", "--game"),
    ("seed", "--seed"),
    ("repetitions", "--repetitions"),
    ("mutation_rate", "--mutation-rate"),
    ("max_generations", "--max-generations"),
    ("players", "--players"),
];

/// A settings file: its path, text and TOML table, and its shape problems.
pub(crate) struct SettingsFile<'a> {
    /// The file.
    pub path: &'a Path,
    /// Its text.
    pub text: &'a str,
    /// Its table.
    pub table: &'a toml::Table,
    /// Its shape problems (unknown keys, wrong types), located; reported with the others.
    pub shape: &'a [Problem],
    /// The paths the shape check repaired with placeholders: problems found there later are
    /// artefacts of the placeholders and are left out.
    pub repaired: &'a [String],
}

impl<'a> SettingsFile<'a> {
    /// The file of a [`Read`] at `path`.
    pub(crate) fn of<T>(path: &'a Path, r: &'a Read<T>) -> SettingsFile<'a> {
        SettingsFile {
            path,
            text: &r.text,
            table: &r.table,
            shape: &r.shape,
            repaired: &r.repaired,
        }
    }
}

/// Where the settings of a repeated-game command came from, so that an error is reported at
/// the flag that gave the value (`--turns 4294967295: …`) or at the file line that wrote it
/// (`t.toml:3:1: turns = 4294967295: …`, in the format of scenario files).
pub(crate) struct Origin<'a> {
    /// The settings file, if any.
    file: Option<SettingsFile<'a>>,
    /// Settings given as flags: (file key, value as given). They win over the file's.
    flags: Vec<(&'static str, String)>,
}

impl<'a> Origin<'a> {
    /// Whether the file (if any) has no shape problems: only then may its settings be used.
    pub(crate) fn clean(&self) -> bool {
        self.file.as_ref().is_none_or(|f| f.shape.is_empty())
    }

    /// Settings from `file` (if any) and from the flags given: (file key, value as given).
    pub(crate) fn new(
        file: Option<SettingsFile<'a>>,
        flags: Vec<(&'static str, String)>,
    ) -> Origin<'a> {
        Origin { file, flags }
    }

    /// The flag and the value given for `key`, if it was given as a flag.
    fn flag(&self, key: &str) -> Option<(&'static str, &str)> {
        let value = self.flags.iter().find(|(k, _)| *k == key)?.1.as_str();
        let flag = FLAGS.iter().find(|(k, _)| *k == key)?.1;
        Some((flag, value))
    }

    /// Whether `key` was given, as a flag or in the file.
    fn given(&self, key: &str) -> bool {
        self.flag(key).is_some()
            || self
                .file
                .as_ref()
                .is_some_and(|f| f.table.contains_key(key))
    }

    /// The problem at `path` (a key, or `players[i]`) of the file: its line and column, the
    /// value given (or, when `None`, the value written there if short) and what is wrong.
    pub(crate) fn problem(&self, path: &str, value: Option<String>, message: String) -> Problem {
        let file = self.file.as_ref();
        let written = || {
            let v = file?.table.get(path)?.to_string();
            (v.chars().count() <= 60).then_some(v)
        };
        Problem {
            kind: ProblemKind::Other,
            path: path.to_string(),
            location: file.and_then(|f| sim::layers::locate_path(f.text, path)),
            value: value.or_else(written).unwrap_or_default(),
            message,
        }
    }

    /// The file's problems as one error (exit code 2), in the format of scenario files and in
    /// file order (problems without a line last).
    pub(crate) fn problems(&self, mut problems: Vec<Problem>) -> anyhow::Error {
        problems.sort_by_key(|p| p.location.unwrap_or((usize::MAX, 0)));
        let source = self
            .file
            .as_ref()
            .map_or_else(String::new, |f| f.path.display().to_string());
        ScenarioError { source, problems }.into()
    }

    /// Problems about settings, each as (key or `players[i]`, the value given or `None`, what
    /// is wrong), as one error (exit code 2): each at its flag if given as one, else at its file
    /// line (in the format of scenario files), else as it is.
    pub(crate) fn report(&self, problems: Vec<(String, Option<String>, String)>) -> anyhow::Error {
        let mut lines = Vec::new();
        // The file's shape problems, then the others it did not cause with a placeholder.
        let mut in_file: Vec<Problem> = self
            .file
            .as_ref()
            .map(|f| f.shape.to_vec())
            .unwrap_or_default();
        for (key, value, message) in problems {
            if let Some((flag, given)) = self.flag(&key) {
                lines.push(format!("{flag} {given}: {message}"));
            } else if let Some(f) = &self.file {
                if !sim::shape::touches_repair(f.repaired, &key) {
                    in_file.push(self.problem(&key, value, message));
                }
            } else {
                lines.push(match value {
                    Some(v) => format!("{key} = {v}: {message}"),
                    None => message,
                });
            }
        }
        if in_file.is_empty() {
            return bad(lines.join("\n"));
        }
        let file = self.problems(in_file);
        if lines.is_empty() {
            file
        } else {
            bad(format!("{}\n{file}", lines.join("\n")))
        }
    }

    /// The setting `e` is about, as [`Origin::report`] takes it: the first of its settings that
    /// was given (as a flag or in the file), the value given and what is allowed.
    pub(crate) fn locate(&self, e: &RepeatedError) -> (String, Option<String>, String) {
        let Some(s) = e.setting() else {
            return (String::new(), None, e.to_string());
        };
        let key = s
            .keys
            .iter()
            .find(|k| self.given(k))
            .or(s.keys.first())
            .cloned()
            .unwrap_or_default();
        (key, s.value, s.message)
    }

    /// Every one of `errors`, each reported at the setting it is about (see [`Origin::report`]),
    /// or `Ok` when there is none.
    pub(crate) fn check(&self, errors: Vec<RepeatedError>) -> Result<()> {
        if errors.is_empty() {
            return Ok(());
        }
        Err(self.report(errors.iter().map(|e| self.locate(e)).collect()))
    }

    /// An error about setting `key`: at its flag if given as one, else at its file line,
    /// else as it is. `value` is the value given (`None`: `message` says it all).
    pub(crate) fn at(&self, key: &str, value: Option<String>, message: String) -> anyhow::Error {
        self.report(vec![(key.to_string(), value, message)])
    }

    /// A `repeated` error, reported at the setting it is about (the first of its settings
    /// that was given, as a flag or in the file).
    pub(crate) fn error(&self, e: RepeatedError) -> anyhow::Error {
        if e.setting().is_none() {
            return match &self.file {
                Some(f) => anyhow::Error::new(e).context(f.path.display().to_string()),
                None => e.into(),
            };
        }
        self.report(vec![self.locate(&e)])
    }
}

/// A settings file as read: its text and table, the value (placeholders where the shape was
/// wrong), the shape problems (located) and the paths repaired.
pub(crate) struct Read<T> {
    /// The file's text.
    pub text: String,
    /// Its TOML table.
    pub table: toml::Table,
    /// The value read (repaired where the shape was wrong).
    pub value: T,
    /// The shape problems, each at its file:line:column.
    pub shape: Vec<Problem>,
    /// The paths repaired with placeholders.
    pub repaired: Vec<String>,
}

/// Reads a settings file (`what`: "tournament", "Moran") as a `T`: the TOML and its shape
/// (types, unknown keys) are checked, every problem at its file:line:column. A wrong shape is
/// repaired with placeholders so that the caller can check the settings too and report every
/// problem in one pass ([`Origin::report`]); only a file that cannot be repaired is an error
/// here.
pub(crate) fn read_settings<T: serde::de::DeserializeOwned>(
    path: &Path,
    what: &str,
) -> Result<Read<T>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| bad(format!("{}: cannot read {what} file: {e}", path.display())))?;
    let source = path.display().to_string();
    let table = sim::layers::parse(&text, &source)?;
    let shaped = sim::shape::read_all::<T>(&table);
    let mut problems = shaped.problems;
    for p in &mut problems {
        if p.location.is_none() {
            p.location = sim::layers::locate_path(&text, &p.path);
        }
    }
    match shaped.value {
        Some(value) => Ok(Read {
            text,
            table,
            value,
            shape: problems,
            repaired: shaped.repaired,
        }),
        None => {
            if problems.is_empty() {
                problems.push(Problem {
                    kind: ProblemKind::Other,
                    path: String::new(),
                    location: None,
                    value: String::new(),
                    message: format!("not a valid {what} file"),
                });
            }
            Err(ScenarioError { source, problems }.into())
        }
    }
}

/// Runs `pactsim match`.
pub(crate) fn run(a: &MatchArgs) -> Result<()> {
    let mut flags = vec![
        ("game", a.game.clone()),
        ("noise", a.noise.to_string()),
        ("seed", a.seed.to_string()),
    ];
    if let Some(t) = a.turns {
        flags.push(("turns", t.to_string()));
    }
    if let Some(p) = a.prob_end {
        flags.push(("prob_end", p.to_string()));
    }
    let origin = Origin::new(None, flags);
    let settings = settings(a.turns, a.prob_end, a.noise, 200);
    origin.check(settings.problems())?;
    let game = load_game(&a.game, None).map_err(|m| origin.at("game", None, m))?;
    let players = [lookup(&a.a)?, lookup(&a.b)?];
    let key = MatchKey::new(a.seed, 0, 1, 0);
    let o = play_match(&game, [&players[0], &players[1]], &settings, &key)
        .map_err(|e| origin.error(e))?;
    let two = game.is_two_by_two();
    let actions = [render(&o.actions[0], two), render(&o.actions[1], two)];
    if a.json {
        let v = serde_json::json!({
            "players": [players[0].name(), players[1].name()],
            "scores": o.scores,
            "actions": actions,
        });
        outln!(
            "{}",
            serde_json::to_string(&v).context("serialising the match")?
        )?;
        return Ok(());
    }
    let w = players[0].name().len().max(players[1].name().len());
    outln!(
        "{} vs {} — game {}, {} turns, noise {}, seed {}",
        players[0].name(),
        players[1].name(),
        game.name(),
        o.turns,
        a.noise,
        a.seed
    )?;
    for k in 0..2 {
        outln!(
            "{:<w$}  score {:>10}  ({:.4}/turn)  {}",
            players[k].name(),
            o.scores[k],
            o.scores[k] / f64::from(o.turns.max(1)),
            actions[k]
        )?;
    }
    Ok(())
}
