//! `--set path=value` overrides: applying one to a raw document ([`apply_override`], with the
//! dotted-path addressing of [`lookup`]), and the identity of a set of overrides — a canonical
//! list and a short, stable hash that names results directories, so results computed with
//! overrides never land in (or replace) the baseline's directory.
//!
//! Canonical form: each override is trimmed and its value rewritten as TOML would write it
//! (`0.40` → `0.4`, `"x"` and `x` alike → `"x"`); when a path is given twice, the last value
//! wins (as when applied); the list is sorted by path. The hash is FNV-1a (64-bit) of the
//! canonical lines joined by newlines, shown as its first 8 hex digits. The same overrides in
//! any order therefore give the same hash, on every machine and in every pactsim version that
//! keeps this rule.

use crate::rng::fnv1a64;
use crate::scenario::{Problem, ProblemKind};
use std::collections::BTreeMap;

/// The canonical list of overrides (see the module docs); specs without `=` are kept as they
/// are, after the others.
pub fn canonical(overrides: &[String]) -> Vec<String> {
    let mut by_path: BTreeMap<String, String> = BTreeMap::new();
    let mut odd = Vec::new();
    for o in overrides {
        match o.split_once('=') {
            Some((path, raw)) => {
                by_path.insert(path.trim().to_string(), value_text(raw.trim()));
            }
            None => odd.push(o.trim().to_string()),
        }
    }
    by_path
        .into_iter()
        .map(|(p, v)| format!("{p}={v}"))
        .chain(odd)
        .collect()
}

fn value_text(raw: &str) -> String {
    match toml::from_str::<toml::Table>(&format!("v = {raw}")) {
        Ok(t) => t
            .get("v")
            .map(|v| v.to_string())
            .unwrap_or_else(|| raw.to_string()),
        Err(_) => toml::Value::String(raw.to_string()).to_string(),
    }
}

/// The short hash of a set of overrides (8 hex digits), or `None` when there are none.
pub fn tag(overrides: &[String]) -> Option<String> {
    if overrides.is_empty() {
        return None;
    }
    let text = canonical(overrides).join("\n");
    Some(format!("{:016x}", fnv1a64(text.as_bytes()))[..8].to_string())
}

/// The default results-directory name: `name` alone without overrides, `name-set-<hash8>`
/// with them.
pub fn dir_name(name: &str, overrides: &[String]) -> String {
    match tag(overrides) {
        Some(t) => format!("{name}-set-{t}"),
        None => name.to_string(),
    }
}

/// Looks up a dotted path in a TOML value.
pub fn lookup<'a>(v: &'a toml::Value, path: &str) -> Option<&'a toml::Value> {
    let mut cur = v;
    for part in path.split('.') {
        cur = match cur {
            toml::Value::Table(t) => t.get(part)?,
            toml::Value::Array(a) => a.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Applies one `path=value` override to a raw document. The path must name an existing
/// parameter (free-form `params` tables of agents may gain new keys); the value is parsed as
/// TOML, or taken as a string when it does not parse.
pub fn apply_override(doc: &mut toml::Table, spec: &str) -> Result<(), Problem> {
    let problem = |path: &str, value: &str, message: String| Problem {
        kind: ProblemKind::Other,
        path: path.to_string(),
        location: None,
        value: value.to_string(),
        message,
    };
    let Some((path, raw)) = spec.split_once('=') else {
        return Err(problem(
            "--set",
            spec,
            "no `=`: allowed is path=value, e.g. litigation.win_probability_mean=0.4".into(),
        ));
    };
    let (path, raw) = (path.trim(), raw.trim());
    let value = parse_value(raw);
    let parts: Vec<&str> = path.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(problem(
            path,
            raw,
            "--set: empty segment in parameter path".into(),
        ));
    }
    let mut table = &mut *doc;
    let mut free_form = false;
    let mut i = 0;
    while i + 1 < parts.len() {
        let part = parts[i];
        free_form |= part == "params" || part == "ranges";
        let here = parts[..=i].join(".");
        let next = table.entry(part.to_string());
        let mut slot = match next {
            toml::map::Entry::Occupied(o) => o.into_mut(),
            toml::map::Entry::Vacant(v) if free_form || part == "params" => {
                v.insert(toml::Value::Table(toml::Table::new()))
            }
            toml::map::Entry::Vacant(_) => {
                return Err(problem(
                    path,
                    raw,
                    format!("--set: unknown parameter path (no table `{here}`)"),
                ))
            }
        };
        // Arrays of tables (e.g. `[[antitrust.events]]`): the next segment is an index.
        if let toml::Value::Array(items) = slot {
            let len = items.len();
            if !items.iter().all(toml::Value::is_table) {
                return Err(problem(
                    path,
                    raw,
                    format!(
                        "--set: `{here}` is a list of values, set as a whole: e.g. --set \
                         '{here}=[…]' with all {len} entries"
                    ),
                ));
            }
            let index = parts[i + 1..parts.len() - 1]
                .first()
                .and_then(|s| s.parse::<usize>().ok());
            let Some(index) = index else {
                return Err(problem(
                    path,
                    raw,
                    format!(
                        "--set: `{here}` is a list; address an entry as `{here}.<index>.<key>`"
                    ),
                ));
            };
            slot = items.get_mut(index).ok_or_else(|| {
                problem(
                    path,
                    raw,
                    format!("--set: `{here}` has {len} entries; the index must be below {len}"),
                )
            })?;
            i += 1;
        }
        table = match slot {
            toml::Value::Table(t) => t,
            _ => {
                return Err(problem(
                    path,
                    raw,
                    format!("--set: `{here}` is a value, not a table"),
                ))
            }
        };
        i += 1;
    }
    let leaf = parts[parts.len() - 1];
    let free_form = free_form || parts.len() >= 2 && parts[parts.len() - 2] == "params";
    match table.get(leaf) {
        None if !free_form => {
            let mut known: Vec<&str> = table.keys().map(|k| k.as_str()).collect();
            known.sort_unstable();
            Err(problem(
                path,
                raw,
                format!(
                    "--set: unknown parameter path; keys here are: {}",
                    known.join(", ")
                ),
            ))
        }
        None => {
            table.insert(leaf.to_string(), value);
            Ok(())
        }
        Some(old) => {
            let value = match (old, value) {
                (toml::Value::Float(_), toml::Value::Integer(i)) => toml::Value::Float(i as f64),
                (_, v) => v,
            };
            // Fields that take a year or a keyword (e.g. `revenue_share_end`) switch between
            // integer and string; serde checks the value itself.
            let union = matches!(
                (old, &value),
                (toml::Value::String(_), toml::Value::Integer(_))
                    | (toml::Value::Integer(_), toml::Value::String(_))
            );
            if !union && std::mem::discriminant(old) != std::mem::discriminant(&value) {
                return Err(problem(
                    path,
                    raw,
                    format!(
                        "--set: expected {} (the type in the file), found {}",
                        with_article(old.type_str()),
                        with_article(value.type_str())
                    ),
                ));
            }
            table.insert(leaf.to_string(), value);
            Ok(())
        }
    }
}

fn parse_value(raw: &str) -> toml::Value {
    match toml::from_str::<toml::Table>(&format!("v = {raw}")) {
        Ok(mut t) => t
            .remove("v")
            .unwrap_or(toml::Value::String(raw.to_string())),
        Err(_) => toml::Value::String(raw.to_string()),
    }
}

/// A TOML type name with its indefinite article ("an integer", "a float").
fn with_article(name: &str) -> String {
    let vowel = name.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {name}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_hash_ignores_order_spacing_and_number_spelling() {
        let a = tag(&v(&[
            "litigation.win_probability_mean=0.4",
            "musk.stake=0.2",
        ]));
        let b = tag(&v(&[
            "musk.stake = 0.20",
            " litigation.win_probability_mean=0.40",
        ]));
        assert_eq!(a, b);
        assert_eq!(a.as_deref().map(str::len), Some(8));
        assert_eq!(
            canonical(&v(&["b=x", "a=\"x\""])),
            v(&["a=\"x\"", "b=\"x\""])
        );
    }

    #[test]
    fn the_hash_is_pinned() {
        // FNV-1a 64 of "litigation.win_probability_mean=0.4" is 0xdaf2ee5c5403d852 (computed
        // independently); a change here renames every results directory made with --set.
        assert_eq!(
            tag(&v(&["litigation.win_probability_mean = 0.40"])).as_deref(),
            Some("daf2ee5c")
        );
    }

    #[test]
    fn different_overrides_give_different_hashes() {
        let a = tag(&v(&["litigation.win_probability_mean=0.4"]));
        let b = tag(&v(&["litigation.win_probability_mean=0.45"]));
        let c = tag(&v(&["litigation.win_probability_sd=0.4"]));
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(tag(&[]), None);
    }

    #[test]
    fn the_last_value_of_a_path_wins() {
        assert_eq!(
            tag(&v(&["a=1", "a=2"])),
            tag(&v(&["a=2"])),
            "applied in order, a=1 then a=2 is a=2"
        );
        assert_ne!(tag(&v(&["a=1", "a=2"])), tag(&v(&["a=2", "a=1"])));
    }

    #[test]
    fn directory_names_keep_the_baseline_name_without_overrides() {
        assert_eq!(dir_name("april-2026", &[]), "april-2026");
        let d = dir_name("april-2026", &v(&["musk.stake=0.2"]));
        assert!(d.starts_with("april-2026-set-") && d.len() == "april-2026-set-".len() + 8);
    }
}
