//! `pactsim bargain --pie FILE`: Merlo–Wilson stochastic bargaining over a pie file (a pie that
//! follows a Markov chain; `games::bargaining::stochastic`). Reads and checks the file (every
//! problem with its line and entry), solves it, and prints per state whether the players agree
//! at once and what each expects, as text or one JSON object.

use crate::bad;
use crate::inputs::{check_pie, read};
use anyhow::Result;
use games::bargaining::stochastic::{StochasticPie, StochasticSolution};
use serde::{Deserialize, Serialize};
use sim::scenario::{Problem, ProblemKind};
use std::io::Write;
use std::path::Path;

/// Value-iteration steps before the solver gives up (enough for δ up to about 0.999995).
const MAX_ITERATIONS: usize = 10_000_000;

/// A pie file: one `[pie]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PieFile {
    /// The stochastic pie.
    pub pie: PieSpec,
}

/// `[pie]`: the Markov chain of pie sizes and who proposes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PieSpec {
    /// Common discount factor per period, in [0, 1).
    pub delta: f64,
    /// Pie size in each state (≥ 0).
    pub pies: Vec<f64>,
    /// Row-stochastic transition matrix: `transition[s][t]` = P(next state t | state s).
    pub transition: Vec<Vec<f64>>,
    /// Probability that player 1 proposes, per state.
    pub proposer_one: Vec<f64>,
    /// Optional state names (default: 0, 1, …).
    #[serde(default)]
    pub states: Vec<String>,
}

impl PieSpec {
    fn pie(&self) -> StochasticPie {
        StochasticPie {
            pies: self.pies.clone(),
            transition: self.transition.clone(),
            proposer_one: self.proposer_one.clone(),
            delta: self.delta,
        }
    }

    fn name(&self, s: usize) -> String {
        self.states.get(s).cloned().unwrap_or_else(|| s.to_string())
    }
}

/// The problems of a parsed pie file, with their paths (`pie.transition[1]`, …).
pub(crate) fn pie_problems(f: &PieFile) -> std::result::Result<(), Vec<Problem>> {
    use games::bargaining::BargainingError;
    let mut problems: Vec<Problem> = f
        .pie
        .pie()
        .problems()
        .into_iter()
        .map(|e| match e {
            BargainingError::InvalidEntry {
                path,
                value,
                allowed,
            } => Problem {
                kind: ProblemKind::Other,
                path: format!("pie.{path}"),
                location: None,
                value,
                message: format!("allowed: {allowed}"),
            },
            other => Problem {
                kind: ProblemKind::Other,
                path: "pie".into(),
                location: None,
                value: String::new(),
                message: other.to_string(),
            },
        })
        .collect();
    let (names, n) = (f.pie.states.len(), f.pie.pies.len());
    if names != 0 && names != n {
        problems.push(Problem {
            kind: ProblemKind::Other,
            path: "pie.states".into(),
            location: None,
            value: format!("{names} names"),
            message: "allowed: one name per state (as many as pies), or none".into(),
        });
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// One state of the answer.
#[derive(Serialize)]
struct StateAnswer {
    name: String,
    pie: f64,
    agree: bool,
    joint: f64,
    player_one: f64,
    player_two: f64,
}

/// The whole answer (`--json`).
#[derive(Serialize)]
struct Answer {
    file: String,
    delta: f64,
    states: Vec<StateAnswer>,
}

/// Runs `pactsim bargain --pie FILE`.
pub(crate) fn run(file: &Path, json: bool) -> Result<()> {
    let text = read(file, "pie")?;
    check_pie(file, &text)?;
    let spec: PieFile =
        toml::from_str(&text).map_err(|e| bad(format!("{}: {e}", file.display())))?;
    let spec = spec.pie;
    let solution = spec.pie().solve(MAX_ITERATIONS).map_err(|e| {
        let at = sim::layers::locate_path(&text, "pie.delta")
            .map(|(line, col)| format!(":{line}:{col}"))
            .unwrap_or_default();
        bad(format!(
            "{}{at}: pie.delta = {}: {e} in {MAX_ITERATIONS} steps; allowed: a discount factor \
             far enough below 1 for the value iteration to settle",
            file.display(),
            spec.delta
        ))
    })?;
    let answer = answer(file, &spec, &solution);
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string(&answer)?)?;
    } else {
        write_text(&mut out, &answer)?;
    }
    Ok(())
}

fn answer(file: &Path, spec: &PieSpec, s: &StochasticSolution) -> Answer {
    Answer {
        file: file.display().to_string(),
        delta: spec.delta,
        states: (0..spec.pies.len())
            .map(|k| StateAnswer {
                name: spec.name(k),
                pie: spec.pies[k],
                agree: s.agree[k],
                joint: s.joint[k],
                player_one: s.player_one[k],
                player_two: s.player_two[k],
            })
            .collect(),
    }
}

fn write_text(out: &mut impl Write, a: &Answer) -> std::io::Result<()> {
    writeln!(
        out,
        "Merlo–Wilson stochastic bargaining · {} · δ {} · {} states",
        a.file,
        a.delta,
        a.states.len()
    )?;
    writeln!(
        out,
        "agree now iff the pie is at least δ × the expected joint value of waiting; W = joint \
         value, V1 + V2 = W\n"
    )?;
    let width = a
        .states
        .iter()
        .map(|s| s.name.len())
        .max()
        .unwrap_or(0)
        .max(5);
    writeln!(
        out,
        "{:<width$}  {:>10}  {:>10}  {:>10}  {:>10}  {:>10}",
        "state", "pie", "agree now", "W", "V1", "V2"
    )?;
    for s in &a.states {
        writeln!(
            out,
            "{:<width$}  {:>10.4}  {:>10}  {:>10.4}  {:>10.4}  {:>10.4}",
            s.name,
            s.pie,
            if s.agree { "yes" } else { "no, wait" },
            s.joint,
            s.player_one,
            s.player_two
        )?;
    }
    Ok(())
}
