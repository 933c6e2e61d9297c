//! The strategies file of the meta-game: per role (`[[microsoft]]`, `[[openai]]`,
//! `[[amazon]]`) a list of negotiation strategies, each a catalogue name, `noisy(NAME, P)` or
//! `"scenario"` (the scenario's own agent for that role), with an optional `label` and
//! `params`. Parsed with unknown keys rejected and every entry checked against the catalogue
//! in one pass; problems name the file, line, parameter path, value and what is allowed.

use crate::catalog;
use serde::Deserialize;
use sim::location::line_col;
use sim::player::Player;
use sim::scenario::{Problem, ProblemKind, ScenarioError};
use sim::schema::AgentSpec;
use sim::strategy::{Catalog, SpecProblem};
use sim::Scenario;
use toml::Spanned;

/// The embedded default list (`configs/metagame-strategies.toml`).
pub const DEFAULT_STRATEGIES: &str = include_str!("../../../configs/metagame-strategies.toml");

/// How the embedded default list is named in messages.
pub const DEFAULT_NAME: &str = "<embedded configs/metagame-strategies.toml>";

/// Most strategy profiles a meta-game may have (the product of the list lengths).
pub const MAX_PROFILES: usize = 1000;

/// The roles in the file, in player order.
pub const ROLES: [&str; 3] = ["microsoft", "openai", "amazon"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    microsoft: Vec<RawEntry>,
    openai: Vec<RawEntry>,
    amazon: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    label: Option<Spanned<String>>,
    strategy: Spanned<String>,
    #[serde(default)]
    params: Option<Spanned<toml::Table>>,
}

/// One strategy a role may play in the meta-game.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Name in tables, plots and the `.nfg` file.
    pub label: String,
    /// The agent; `None` is the scenario's own agent for the role.
    pub agent: Option<AgentSpec>,
}

/// The strategies of each role (index = `Player as usize`).
#[derive(Debug, Clone, PartialEq)]
pub struct StrategySets {
    /// Candidates per role; the first of each is the default profile.
    pub roles: [Vec<Candidate>; 3],
}

/// Everything wrong with a strategies file: the scenario module's error type (file, line and
/// column, parameter path, value, message), so it prints and exits like a bad scenario.
pub type SpecError = ScenarioError;

impl StrategySets {
    /// Parses a strategies file and checks every entry against the catalogue for its role in
    /// `scenario`; `source` names the file in messages. Every problem is reported at once.
    pub fn from_toml(
        text: &str,
        source: &str,
        scenario: &Scenario,
    ) -> Result<StrategySets, SpecError> {
        let err = |problems| SpecError {
            source: source.to_string(),
            problems,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            err(vec![Problem {
                kind: ProblemKind::Other,
                location: e.span().map(|s| line_col(text, s.start)),
                path: String::new(),
                value: String::new(),
                message: e.message().trim().to_string(),
            }])
        })?;
        let mut problems = Vec::new();
        let lists = [raw.microsoft, raw.openai, raw.amazon];
        let mut roles: [Vec<Candidate>; 3] = Default::default();
        for (r, list) in lists.into_iter().enumerate() {
            if list.is_empty() {
                problems.push(Problem {
                    kind: ProblemKind::Other,
                    location: None,
                    path: ROLES[r].to_string(),
                    value: "[]".into(),
                    message: "each role needs at least one strategy".into(),
                });
            }
            for (k, entry) in list.into_iter().enumerate() {
                let at = format!("{}[{k}]", ROLES[r]);
                // The label's own line, or the strategy's where the label is implied.
                let label_at = entry
                    .label
                    .as_ref()
                    .map_or(entry.strategy.span().start, |l| l.span().start);
                match candidate(text, &at, entry, Player::ALL[r], scenario) {
                    Ok(c) => {
                        if roles[r].iter().any(|o| o.label == c.label) {
                            problems.push(Problem {
                                kind: ProblemKind::Other,
                                location: Some(line_col(text, label_at)),
                                path: format!("{at}.label"),
                                value: format!("{:?}", c.label),
                                message: "labels must differ within a role".into(),
                            });
                        }
                        roles[r].push(c);
                    }
                    Err(mut p) => problems.append(&mut p),
                }
            }
        }
        let profiles: usize = roles.iter().map(|r| r.len().max(1)).product();
        if profiles > MAX_PROFILES {
            problems.push(Problem {
                kind: ProblemKind::Other,
                location: None,
                path: String::new(),
                value: profiles.to_string(),
                message: format!(
                    "{profiles} strategy profiles; allowed are at most {MAX_PROFILES} (the \
                     product of the three list lengths)"
                ),
            });
        }
        if problems.is_empty() {
            Ok(StrategySets { roles })
        } else {
            problems.sort_by_key(|p| p.location.unwrap_or((usize::MAX, 0)));
            Err(err(problems))
        }
    }

    /// The number of strategy profiles (product of the list lengths).
    pub fn profiles(&self) -> usize {
        self.roles.iter().map(Vec::len).product()
    }
}

fn candidate(
    text: &str,
    at: &str,
    entry: RawEntry,
    player: Player,
    scenario: &Scenario,
) -> Result<Candidate, Vec<Problem>> {
    let own = own_agent(scenario, player);
    let strategy = entry.strategy.get_ref().trim().to_string();
    let strategy_line = Some(line_col(text, entry.strategy.span().start));
    let label = match entry.label {
        Some(l) => l.into_inner(),
        None if strategy == "scenario" => own.strategy.clone(),
        None => strategy.clone(),
    };
    if strategy == "scenario" {
        return match entry.params {
            None => Ok(Candidate { label, agent: None }),
            Some(p) => Err(vec![Problem {
                kind: ProblemKind::Other,
                location: Some(line_col(text, p.span().start)),
                path: format!("{at}.params"),
                value: p.get_ref().to_string(),
                message: "\"scenario\" takes the scenario's own parameters; give none".into(),
            }]),
        };
    }
    let (params, params_line) = match entry.params {
        Some(p) => (p.get_ref().clone(), Some(line_col(text, p.span().start))),
        None => (toml::Table::new(), strategy_line),
    };
    let status_quo = &scenario.params().contracts.status_quo;
    match catalog().build(&strategy, &params, player, status_quo) {
        Ok(_) => Ok(Candidate {
            label,
            agent: Some(AgentSpec { strategy, params }),
        }),
        Err(list) => Err(list
            .into_iter()
            .map(
                |SpecProblem {
                     path: sub,
                     value,
                     message,
                 }| {
                    let (path, line) = if sub.is_empty() {
                        (format!("{at}.strategy"), strategy_line)
                    } else {
                        (format!("{at}.params.{sub}"), params_line)
                    };
                    Problem {
                        kind: ProblemKind::Other,
                        location: line,
                        path,
                        value,
                        message,
                    }
                },
            )
            .collect()),
    }
}

/// The scenario's own agent for `player`.
pub fn own_agent(scenario: &Scenario, player: Player) -> &AgentSpec {
    let agents = scenario.agents();
    match player {
        Player::Microsoft => &agents.microsoft,
        Player::OpenAi => &agents.openai,
        Player::Amazon => &agents.amazon,
    }
}
