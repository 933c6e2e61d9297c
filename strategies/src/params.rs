//! Parsing of a strategy's parameter table: numbers in ranges, names from a list, flags,
//! coalition lists and per-issue tables, every problem collected with its parameter sub-path
//! (the catalogue prefixes `agents.<player>.params.`).

use crate::litigation_policy::LitigationPolicy;
use sim::contract::Issue;
use sim::player::{Coalition, Player};
use sim::strategy::{SpecProblem, SpecProblems};

/// Reads one strategy's parameters, collecting every problem.
pub(crate) struct Parser<'a> {
    /// The table read.
    pub(crate) params: &'a toml::Table,
    /// Problems found so far.
    pub(crate) problems: SpecProblems,
}

impl<'a> Parser<'a> {
    /// A parser of `params` that has already reported every key not in `allowed`.
    pub(crate) fn new(params: &'a toml::Table, allowed: &[&str]) -> Parser<'a> {
        let mut p = Parser {
            params,
            problems: Vec::new(),
        };
        p.unknown_keys(allowed);
        p
    }

    /// Reports every parameter not in `allowed`.
    pub(crate) fn unknown_keys(&mut self, allowed: &[&str]) {
        for (key, value) in self.params {
            if !allowed.contains(&key.as_str()) {
                self.problems.push(SpecProblem::new(
                    key.clone(),
                    value.to_string(),
                    format!("unknown parameter; allowed: {}", allowed.join(", ")),
                ));
            }
        }
    }
    /// The `coalitions` list (each must contain `player`), or the per-player default.
    pub(crate) fn coalitions(
        &mut self,
        player: Player,
        m: &[Coalition],
        o: &[Coalition],
        a: &[Coalition],
    ) -> Vec<Coalition> {
        let default = match player {
            Player::Microsoft => m,
            Player::OpenAi => o,
            Player::Amazon => a,
        };
        let Some(v) = self.params.get("coalitions") else {
            return default.to_vec();
        };
        let Some(items) = v.as_array() else {
            self.bad(
                "coalitions",
                v,
                "expected an array such as [\"MO\", \"MOA\"]",
            );
            return default.to_vec();
        };
        let mut list = Vec::new();
        for item in items {
            let c = match item.as_str() {
                Some("MO") => Some(Coalition::MO),
                Some("OA") => Some(Coalition::OA),
                Some("MOA") => Some(Coalition::MOA),
                _ => None,
            };
            match c {
                Some(c) if c.contains(player) => list.push(c),
                Some(_) => self.bad(
                    "coalitions",
                    item,
                    &format!("{player} is not a member of this coalition"),
                ),
                None => self.bad("coalitions", item, "allowed: \"MO\", \"OA\", \"MOA\""),
            }
        }
        list
    }
    /// A boolean parameter.
    pub(crate) fn flag(&mut self, key: &str, default: bool) -> bool {
        match self.params.get(key) {
            None => default,
            Some(toml::Value::Boolean(b)) => *b,
            Some(v) => {
                self.bad(key, v, "expected true or false");
                default
            }
        }
    }
    /// Records a problem with `key`.
    pub(crate) fn bad(&mut self, key: &str, value: &toml::Value, msg: &str) {
        self.problems
            .push(SpecProblem::new(key, value.to_string(), msg));
    }
    /// A number in [lo, hi] (or (lo, hi] when `lo_open`).
    pub(crate) fn number(&mut self, key: &str, lo: f64, hi: f64, lo_open: bool) -> Option<f64> {
        let v = self.params.get(key)?;
        let x = match v {
            toml::Value::Float(f) => *f,
            toml::Value::Integer(i) => *i as f64,
            _ => {
                self.bad(key, v, "expected a number");
                return None;
            }
        };
        let ok = x.is_finite() && x <= hi && if lo_open { x > lo } else { x >= lo };
        if !ok {
            let open = if lo_open { "(" } else { "[" };
            self.bad(key, v, &format!("allowed range is {open}{lo}, {hi}]"));
            return None;
        }
        Some(x)
    }
    /// One of the `allowed` names.
    pub(crate) fn text(&mut self, key: &str, allowed: &[&str]) -> Option<String> {
        let v = self.params.get(key)?;
        match v.as_str() {
            Some(s) if allowed.contains(&s) => Some(s.to_string()),
            _ => {
                self.bad(key, v, &format!("allowed: {}", allowed.join(", ")));
                None
            }
        }
    }
    /// A table of issue = number, each ≥ lo (> lo when `lo_open`).
    pub(crate) fn issue_table(
        &mut self,
        key: &str,
        lo: f64,
        lo_open: bool,
    ) -> Option<Vec<(Issue, f64)>> {
        let v = self.params.get(key)?;
        let Some(t) = v.as_table() else {
            self.bad(key, v, "expected a table of issue = number");
            return None;
        };
        let mut out = Vec::new();
        for (k, val) in t {
            let path = format!("{key}.{k}");
            let Some(issue) = Issue::ALL.iter().copied().find(|i| i.key() == k) else {
                let names: Vec<&str> = Issue::ALL.iter().map(|i| i.key()).collect();
                self.bad(
                    &path,
                    val,
                    &format!("unknown issue; issues are: {}", names.join(", ")),
                );
                continue;
            };
            let x = match val {
                toml::Value::Float(f) => *f,
                toml::Value::Integer(i) => *i as f64,
                _ => {
                    self.bad(&path, val, "expected a number");
                    continue;
                }
            };
            if !x.is_finite() || if lo_open { x <= lo } else { x < lo } {
                self.bad(
                    &path,
                    val,
                    &format!("must be {} {lo}", if lo_open { ">" } else { "≥" }),
                );
                continue;
            }
            out.push((issue, x));
        }
        Some(out)
    }

    /// The `litigation` policy, or `default`.
    pub(crate) fn litigation(&mut self, default: LitigationPolicy) -> LitigationPolicy {
        self.text("litigation", &LitigationPolicy::NAMES)
            .and_then(|s| LitigationPolicy::from_name(&s))
            .unwrap_or(default)
    }

    /// `threat_patience_weeks` (weeks a threat stands before a credible suit), default 4.
    pub(crate) fn threat_patience(&mut self) -> u32 {
        self.number("threat_patience_weeks", 0.0, 520.0, false)
            .map_or(4, |x| x as u32)
    }
}
