//! `pactsim match`: one repeated-game match between two named strategies, printed as scores
//! and action sequences (or one JSON object). Also the game and match-settings parsing shared
//! by the `tournament` and `moran` commands.

use crate::bad;
use anyhow::{Context, Result};
use repeated::action::render;
use repeated::matches::{MatchLength, DEFAULT_MAX_TURNS};
use repeated::seed::MatchKey;
use repeated::{lookup, play_match, Game, MatchSettings};
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
pub(crate) fn load_game(spec: &str, base: Option<&Path>) -> Result<Game> {
    if !spec.ends_with(".nfg") {
        return Ok(Game::builtin(spec)?);
    }
    let path = match base {
        Some(b) if Path::new(spec).is_relative() => b.join(spec),
        _ => Path::new(spec).to_path_buf(),
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| bad(format!("{}: cannot read game file: {e}", path.display())))?;
    let g = games::game::nfg::read(&text).map_err(|e| bad(format!("{}: {e}", path.display())))?;
    if g.num_players() != 2 {
        return Err(bad(format!(
            "{}: game has {} players: allowed are 2-player games only",
            path.display(),
            g.num_players()
        )));
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
    Game::new(&name, &matrix(0), &matrix(1)).map_err(|e| bad(format!("{}: {e}", path.display())))
}

/// Match settings from the shared flags: fixed `turns` (default `default_turns`), or a
/// per-turn end probability with `turns` as the cap.
pub(crate) fn settings(
    turns: Option<u32>,
    prob_end: Option<f64>,
    noise: f64,
    default_turns: u32,
) -> Result<MatchSettings> {
    let length = match prob_end {
        Some(p) => MatchLength::ProbEnd {
            prob_end: p,
            max_turns: turns.unwrap_or(DEFAULT_MAX_TURNS),
        },
        None => MatchLength::Turns(turns.unwrap_or(default_turns)),
    };
    let s = MatchSettings { length, noise };
    s.validate()?;
    Ok(s)
}

/// Runs `pactsim match`.
pub(crate) fn run(a: &MatchArgs) -> Result<()> {
    let game = load_game(&a.game, None)?;
    let settings = settings(a.turns, a.prob_end, a.noise, 200)?;
    let players = [lookup(&a.a)?, lookup(&a.b)?];
    let key = MatchKey::new(a.seed, 0, 1, 0);
    let o = play_match(&game, [&players[0], &players[1]], &settings, &key)?;
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
