//! Reading a TOML table into a typed file while reporting **every** shape problem — unknown
//! keys, values of the wrong type, missing fields — rather than only the first one serde meets.
//!
//! serde stops at the first error. [`read_all`] records it, repairs the document (removes the
//! unknown key, or puts a placeholder of the expected type where a value is wrong or missing)
//! and tries again, until the document deserialises. The repaired paths are returned so that a
//! caller running further checks on the repaired value can drop what the placeholders caused.
//! Problems carry the parameter path and the offending value; the caller adds file locations.

use crate::scenario::{Problem, ProblemKind};
use serde::de::DeserializeOwned;

/// Most problems reported for one file.
pub const MAX_PROBLEMS: usize = 100;

/// The outcome of [`read_all`].
#[derive(Debug)]
pub struct Shaped<T> {
    /// The value read from the repaired document (`None` when it could not be repaired).
    pub value: Option<T>,
    /// Every shape problem, in the order found.
    pub problems: Vec<Problem>,
    /// Dotted paths that were removed or replaced by placeholders.
    pub repaired: Vec<String>,
    /// The document as repaired: unknown keys removed, placeholders of the expected type for
    /// wrong or missing values (the document itself when it had no shape problem).
    pub document: toml::Table,
}

impl<T> Shaped<T> {
    /// True when `path` (a problem found later on the repaired value) is, contains or lies
    /// inside a repaired path, so that it may be an artefact of a placeholder.
    pub fn touches_repair(&self, path: &str) -> bool {
        touches_repair(&self.repaired, path)
    }
}

/// True when `path` is, contains or lies inside one of the `repaired` paths: a problem there
/// may be an artefact of a placeholder ([`Shaped::touches_repair`]). Entries of a list are
/// told apart only by explicit indices on both sides: a problem of `players[2]` is not caused
/// by a placeholder at `players[1]` (each entry is checked on its own), while one of
/// `players` (the list as a whole) may be. An index on one side against a key on the other
/// (`pair.1` against `pair[0]`) counts as the same entry.
pub fn touches_repair(repaired: &[String], path: &str) -> bool {
    let path = parts(path);
    repaired.iter().any(|r| {
        let r = parts(r);
        // Every segment both have is the same, or an index against a key.
        path.iter()
            .zip(&r)
            .all(|(a, b)| a == b || matches!(a, Part::Index(_)) != matches!(b, Part::Index(_)))
    })
}

/// A segment of a problem's path: a key, or an explicit `[i]` index.
#[derive(Debug, PartialEq)]
enum Part<'a> {
    Key(&'a str),
    Index(&'a str),
}

/// The keys and `[i]` indices of a dotted path (`items[1].n` → `items`, `[1]`, `n`).
fn parts(path: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    for seg in path.split('.') {
        let (key, mut rest) = seg.split_once('[').map_or((seg, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Part::Key(key));
        }
        while let Some((index, after)) = rest.split_once(']') {
            out.push(Part::Index(index));
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn render(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Reads `doc` as a `T`, reporting every shape problem (see the module docs).
pub fn read_all<T: DeserializeOwned>(doc: &toml::Table) -> Shaped<T> {
    let mut doc = toml::Value::Table(doc.clone());
    let mut problems: Vec<Problem> = Vec::new();
    let mut repaired: Vec<String> = Vec::new();
    let mut last = String::new();
    for _ in 0..MAX_PROBLEMS * 4 {
        let e = match T::deserialize(doc.clone()) {
            Ok(value) => {
                return Shaped {
                    value: Some(value),
                    problems,
                    repaired,
                    document: table_of(doc),
                }
            }
            Err(e) => e.to_string(),
        };
        if e == last || problems.len() >= MAX_PROBLEMS {
            break;
        }
        last = e.clone();
        let (message, keys) = split(&e);
        let kind = kind_of_error(&message);
        let Some((path, found, fix)) = diagnose(&doc, &message, &keys) else {
            problems.push(Problem {
                kind,
                path: keys.join("."),
                location: None,
                value: String::new(),
                message,
            });
            break;
        };
        let shown = render(&path);
        let under_placeholder = repaired
            .iter()
            .any(|r| shown.starts_with(&format!("{r}.")) || shown.starts_with(&format!("{r}[")));
        let is_placeholder = repaired.contains(&shown)
            && (message.starts_with("invalid type") || message.starts_with("invalid value"));
        if !under_placeholder && !is_placeholder {
            problems.push(Problem {
                kind,
                path: shown.clone(),
                location: None,
                value: found,
                message: message.clone(),
            });
        }
        // An entry removed from a list moves the entries after it: the whole list is marked.
        let marked = match (&fix, path.split_last()) {
            (Fix::Remove, Some((Seg::Index(_), list))) => render(list),
            _ => shown,
        };
        apply(&mut doc, &path, fix);
        if !repaired.contains(&marked) {
            repaired.push(marked);
        }
    }
    Shaped {
        value: None,
        problems,
        repaired,
        document: table_of(doc),
    }
}

/// The kind of a problem from serde's message: the one place where its text is read for that.
fn kind_of_error(message: &str) -> ProblemKind {
    if message.starts_with("unknown field") {
        ProblemKind::UnknownField
    } else if message.starts_with("missing field") {
        ProblemKind::MissingField
    } else {
        ProblemKind::Other
    }
}

/// The table of a document (a read document is always one).
fn table_of(doc: toml::Value) -> toml::Table {
    match doc {
        toml::Value::Table(t) => t,
        _ => toml::Table::new(),
    }
}

/// Splits a toml error's text into its message and the key path it names ("in `a.b`").
fn split(e: &str) -> (String, Vec<String>) {
    let mut message = Vec::new();
    let mut keys = Vec::new();
    for line in e.lines() {
        match line.strip_prefix("in `").and_then(|l| l.strip_suffix('`')) {
            Some(k) => keys = k.split('.').map(str::to_string).collect(),
            None if !line.trim().is_empty() => message.push(line.trim()),
            None => {}
        }
    }
    (message.join("; "), keys)
}

/// What to do at a path: remove the key, or set a placeholder value.
enum Fix {
    Remove,
    Set(toml::Value),
}

fn apply(doc: &mut toml::Value, path: &[Seg], fix: Fix) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut cur = doc;
    for seg in parents {
        let next = match (seg, cur) {
            (Seg::Key(k), toml::Value::Table(t)) => t.get_mut(k),
            (Seg::Index(i), toml::Value::Array(a)) => a.get_mut(*i),
            _ => None,
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    match (last, cur, fix) {
        (Seg::Key(k), toml::Value::Table(t), Fix::Remove) => {
            t.remove(k);
        }
        (Seg::Key(k), toml::Value::Table(t), Fix::Set(v)) => {
            t.insert(k.clone(), v);
        }
        (Seg::Index(i), toml::Value::Array(a), Fix::Set(v)) if *i < a.len() => a[*i] = v,
        (Seg::Index(i), toml::Value::Array(a), Fix::Remove) if *i < a.len() => {
            a.remove(*i);
        }
        _ => {}
    }
}

/// The first concrete path (array elements tried in order) following `keys` whose target
/// satisfies `want` (`None` when the path ends on a missing key and `want(None)` holds).
fn concrete(
    v: &toml::Value,
    keys: &[String],
    want: &dyn Fn(Option<&toml::Value>) -> bool,
) -> Option<Vec<Seg>> {
    if let toml::Value::Array(items) = v {
        for (i, item) in items.iter().enumerate() {
            if let Some(mut rest) = concrete(item, keys, want) {
                rest.insert(0, Seg::Index(i));
                return Some(rest);
            }
        }
        if keys.is_empty() && want(Some(v)) {
            return Some(Vec::new());
        }
        return None;
    }
    let Some((first, rest)) = keys.split_first() else {
        return want(Some(v)).then(Vec::new);
    };
    let toml::Value::Table(t) = v else {
        return None;
    };
    match t.get(first) {
        Some(child) => concrete(child, rest, want).map(|mut p| {
            p.insert(0, Seg::Key(first.clone()));
            p
        }),
        None if rest.is_empty() && want(None) => Some(vec![Seg::Key(first.clone())]),
        None => None,
    }
}

fn quoted(message: &str, after: &str) -> Option<String> {
    let rest = message.split_once(after)?.1;
    let rest = rest.strip_prefix('`')?;
    Some(rest.split('`').next()?.to_string())
}

fn kind_of(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "string",
        toml::Value::Integer(_) => "integer",
        toml::Value::Float(_) => "floating point",
        toml::Value::Boolean(_) => "boolean",
        toml::Value::Datetime(_) => "datetime",
        toml::Value::Array(_) => "sequence",
        toml::Value::Table(_) => "map",
    }
}

/// How serde describes a value in "invalid type" and "invalid value" messages.
fn describe(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("string {s:?}"),
        toml::Value::Integer(i) => format!("integer `{i}`"),
        toml::Value::Float(f) => format!("floating point `{f:?}`"),
        toml::Value::Boolean(b) => format!("boolean `{b}`"),
        other => kind_of(other).to_string(),
    }
}

/// A value of the type described by serde's "expected …" text.
fn placeholder(expected: &str) -> Option<toml::Value> {
    let e = expected.trim();
    if let Some(v) = quoted(e, "one of ").or_else(|| quoted(e, "")) {
        return Some(toml::Value::String(v));
    }
    let has = |w: &[&str]| w.iter().any(|x| e.contains(x));
    if let Some(n) = e
        .split_once("of length ")
        .or_else(|| e.split_once("of size "))
        .and_then(|(_, n)| n.trim().parse::<usize>().ok())
    {
        return Some(toml::Value::Array(vec![toml::Value::Float(0.0); n]));
    }
    Some(if has(&["f32", "f64", "float"]) {
        toml::Value::Float(0.0)
    } else if has(&[
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "integer",
    ]) {
        toml::Value::Integer(0)
    } else if has(&["bool"]) {
        toml::Value::Boolean(false)
    } else if has(&["string", "char"]) {
        toml::Value::String(String::new())
    } else if has(&["sequence", "array", "tuple"]) {
        toml::Value::Array(Vec::new())
    } else if has(&["struct", "map", "table"]) {
        toml::Value::Table(toml::Table::new())
    } else {
        return None;
    })
}

/// Text of a value as written in TOML.
fn text_of(v: &toml::Value) -> String {
    match v {
        toml::Value::Table(_) => "{…}".to_string(),
        other => other.to_string(),
    }
}

/// Locates the error in `doc` and chooses the repair: (path, offending value, fix).
fn diagnose(doc: &toml::Value, message: &str, keys: &[String]) -> Option<(Vec<Seg>, String, Fix)> {
    if let Some(field) = quoted(message, "unknown field ") {
        let mut with = keys.to_vec();
        with.push(field.clone());
        let path = concrete(doc, &with, &|v| v.is_some())?;
        return Some((path, String::new(), Fix::Remove));
    }
    if let Some(field) = quoted(message, "missing field ") {
        let mut with = keys.to_vec();
        with.push(field);
        let path = concrete(doc, &with, &|v| v.is_none())?;
        return Some((path, String::new(), Fix::Set(toml::Value::Integer(0))));
    }
    let expected = message
        .rsplit_once("expected ")
        .map(|(_, e)| e)
        .unwrap_or("");
    // serde describes the offending value as e.g. "integer `-4`" or "string \"x\"".
    let unexpected = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|r| r.rsplit_once(", expected ").map(|(u, _)| u))
        .unwrap_or("");
    let exact = |v: Option<&toml::Value>| v.is_some_and(|v| describe(v) == unexpected);
    let kind = |v: Option<&toml::Value>| {
        v.is_some_and(|v| !unexpected.is_empty() && unexpected.starts_with(kind_of(v)))
    };
    let path = concrete(doc, keys, &exact)
        .or_else(|| concrete(doc, keys, &kind))
        .or_else(|| concrete(doc, keys, &|v| v.is_some()))?;
    if path.is_empty() {
        return None;
    }
    let found = {
        let mut cur = Some(doc);
        for seg in &path {
            cur = match (seg, cur) {
                (Seg::Key(k), Some(toml::Value::Table(t))) => t.get(k),
                (Seg::Index(i), Some(toml::Value::Array(a))) => a.get(*i),
                _ => None,
            };
        }
        cur.map(text_of).unwrap_or_default()
    };
    let fix = match placeholder(expected) {
        Some(v) => Fix::Set(v),
        None => Fix::Remove,
    };
    Some((path, found, fix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        x: f64,
        n: u32,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct File {
        name: String,
        inner: Inner,
        #[serde(default)]
        items: Vec<Inner>,
        pair: [f64; 2],
    }

    fn doc(text: &str) -> toml::Table {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn every_shape_problem_is_reported_in_one_pass() {
        let d = doc(concat!(
            "name = 3\n",
            "pair = [1.0, 2.0]\n",
            "typo = 1\n",
            "[inner]\n",
            "x = \"high\"\n",
            "[[items]]\n",
            "x = 1.0\n",
            "n = 2\n",
            "[[items]]\n",
            "x = 1.0\n",
            "n = -4\n",
            "extra = true\n",
        ));
        let s = read_all::<File>(&d);
        assert!(s.value.is_some(), "{:?}", s.problems);
        let got: Vec<(&str, &str)> = s
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.value.as_str()))
            .collect();
        for want in [
            ("name", "3"),
            ("typo", ""),
            ("inner.x", "\"high\""),
            ("inner.n", ""),
            ("items[1].n", "-4"),
            ("items[1].extra", ""),
        ] {
            assert!(got.contains(&want), "{want:?} not in {got:?}");
        }
        assert_eq!(s.problems.len(), 6, "{got:?}");
        let missing = s.problems.iter().find(|p| p.path == "inner.n").unwrap();
        assert!(missing.message.contains("missing field `n`"), "{missing:?}");
        let unknown = s.problems.iter().find(|p| p.path == "typo").unwrap();
        assert!(
            unknown.message.contains("unknown field `typo`"),
            "{unknown:?}"
        );
        // Each problem carries its kind, for callers to filter on.
        let kinds: Vec<(&str, ProblemKind)> = s
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.kind))
            .collect();
        for want in [
            ("name", ProblemKind::Other),
            ("typo", ProblemKind::UnknownField),
            ("inner.x", ProblemKind::Other),
            ("inner.n", ProblemKind::MissingField),
            ("items[1].n", ProblemKind::Other),
            ("items[1].extra", ProblemKind::UnknownField),
        ] {
            assert!(kinds.contains(&want), "{want:?} not in {kinds:?}");
        }
        assert!(s.touches_repair("inner.x"));
        assert!(s.touches_repair("inner"));
        assert!(!s.touches_repair("pair"));
        // The placeholder of items[1].n touches that entry and the list, not items[0].
        assert!(s.touches_repair("items[1].n"));
        assert!(s.touches_repair("items[1]"));
        assert!(s.touches_repair("items"));
        assert!(!s.touches_repair("items[0].n"));
        assert!(!s.touches_repair("items[0]"));
    }

    #[test]
    fn entries_of_a_list_are_told_apart_by_their_indices() {
        let r = vec!["players[1]".to_string(), "pair[0]".to_string()];
        assert!(touches_repair(&r, "players[1]"));
        assert!(touches_repair(&r, "players"));
        assert!(!touches_repair(&r, "players[2]"));
        assert!(!touches_repair(&r, "players[10]"));
        assert!(!touches_repair(&r, "game"));
        // An index written as a key (the scenario checks' `pair.1`) may be the same entry.
        assert!(touches_repair(&r, "pair.1"));
        assert!(touches_repair(&r, "pair"));
        let nested = vec!["pie.transition[0][1]".to_string()];
        assert!(touches_repair(&nested, "pie.transition[0]"));
        assert!(!touches_repair(&nested, "pie.transition[1]"));
        assert!(!touches_repair(&nested, "pie.transition[0][0]"));
    }

    #[test]
    fn a_missing_table_is_one_problem() {
        let s = read_all::<File>(&doc("name = \"a\"\npair = [0.0, 1.0]\n"));
        assert_eq!(s.problems.len(), 1, "{:?}", s.problems);
        assert_eq!(s.problems[0].path, "inner");
        assert!(s.value.is_some());
    }

    #[test]
    fn a_valid_document_has_no_problems() {
        let s = read_all::<File>(&doc(
            "name = \"a\"\npair = [0.0, 1.0]\n[inner]\nx = 1.0\nn = 1\n",
        ));
        assert!(s.problems.is_empty());
        assert!(s.repaired.is_empty());
        assert!(s.value.is_some());
    }
}
