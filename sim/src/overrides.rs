//! The identity of a set of `--set path=value` overrides: a canonical list and a short, stable
//! hash that names results directories, so results computed with overrides never land in (or
//! replace) the baseline's directory.
//!
//! Canonical form: each override is trimmed and its value rewritten as TOML would write it
//! (`0.40` → `0.4`, `"x"` and `x` alike → `"x"`); when a path is given twice, the last value
//! wins (as when applied); the list is sorted by path. The hash is FNV-1a (64-bit) of the
//! canonical lines joined by newlines, shown as its first 8 hex digits. The same overrides in
//! any order therefore give the same hash, on every machine and in every pactsim version that
//! keeps this rule.

use crate::rng::fnv1a64;
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
