//! Files that inherit from a base: a scenario file may start with `base = "april-2026"` (an
//! embedded scenario) or `base = "other.toml"` (a path relative to the file) and then hold only
//! what it changes. The file is deep-merged onto its base, the base onto its own base, and so
//! on: **tables merge key by key; any other value — a number, a string, an array, an array of
//! tables — replaces the base's value whole.**
//!
//! A [`Document`] keeps the merged table and every file it came from ([`Layer`]s, the file
//! itself first), so a problem found in the merged document can still be reported at the file
//! and line that wrote the offending value. This module only reads files and merges tables; it
//! never interprets what the keys mean (see [`crate::scenario`]).

use crate::location::locate;
use crate::overrides::lookup;
use crate::scenario::{Problem, ProblemKind, ScenarioError};
use std::path::{Path, PathBuf};

/// The key that names a file's base.
pub const BASE_KEY: &str = "base";

/// Most files in one chain of bases (the file itself included).
pub const MAX_DEPTH: usize = 16;

/// A scenario compiled into the binary that a `base` may name, e.g. `april-2026`.
#[derive(Debug, Clone, Copy)]
pub struct Embedded<'a> {
    /// The name a `base` uses.
    pub key: &'a str,
    /// How the file is named in messages.
    pub display: &'a str,
    /// Its text.
    pub text: &'a str,
}

/// One file of a document: its name in messages, its text, and its own parsed table.
#[derive(Debug, Clone)]
pub struct Layer {
    /// The file's name as shown in messages.
    pub name: String,
    /// Its text (locations are looked up in it).
    pub text: String,
    /// The file's own table (before merging), without its `base` key.
    table: toml::Table,
    /// Where this layer's table sits in the file's text (e.g. `scenario` for a sweep file's
    /// `[scenario]` table), empty when it is the whole file.
    prefix: String,
}

/// A merged document and the files it came from (the file itself first, then its bases).
#[derive(Debug, Clone)]
pub struct Document {
    table: toml::Table,
    layers: Vec<Layer>,
    /// True for a file whose base could not be loaded ([`Bases::without_base`]).
    base_missing: bool,
}

/// Deep merge: tables merge key by key; every other value of `over` replaces `base`'s.
pub fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

fn problem(path: &str, location: Option<(usize, usize)>, value: &str, message: String) -> Problem {
    Problem {
        kind: ProblemKind::Other,
        path: path.to_string(),
        location,
        value: value.to_string(),
        message,
    }
}

/// Parses TOML text into a table; a syntax error becomes a one-problem [`ScenarioError`].
pub fn parse(text: &str, name: &str) -> Result<toml::Table, ScenarioError> {
    toml::from_str(text).map_err(|e| ScenarioError {
        source: name.to_string(),
        problems: vec![problem(
            "",
            e.span().map(|s| crate::location::line_col(text, s.start)),
            "",
            format!("not valid TOML: {}", e.message().trim()),
        )],
    })
}

/// Where bases are found: the embedded scenarios, and files relative to the naming file.
#[derive(Debug, Clone, Copy)]
pub struct Bases<'a> {
    /// Scenarios a `base` may name without a path.
    pub embedded: &'a [Embedded<'a>],
}

impl Bases<'_> {
    /// A single-file document (no `base` key allowed to be followed): used for text that is
    /// not a file, such as the embedded default itself.
    pub fn single(text: &str, name: &str) -> Result<Document, ScenarioError> {
        let table = parse(text, name)?;
        Ok(Document::from_layer(Layer {
            name: name.to_string(),
            text: text.to_string(),
            table,
            prefix: String::new(),
        }))
    }

    /// The file `text` (named `name`) alone, without its `base` key: what is left to check of
    /// a file whose base could not be loaded ([`Document::lacks_base`]). Errs only when the
    /// text is not TOML.
    pub fn without_base(text: &str, name: &str) -> Result<Document, ScenarioError> {
        let mut doc = Bases::single(text, name)?;
        doc.table.remove(BASE_KEY);
        doc.layers[0].table.remove(BASE_KEY);
        doc.base_missing = true;
        Ok(doc)
    }

    /// Loads `text` (the file `name`, in directory `dir` when it is a file on disk) and every
    /// base it names, and merges them. Errors: TOML syntax, a `base` that is not a string, a
    /// base that cannot be found (naming what is allowed), and a cycle of bases.
    pub fn load(
        &self,
        text: &str,
        name: &str,
        dir: Option<&Path>,
    ) -> Result<Document, ScenarioError> {
        let mut layers = Vec::new();
        let mut seen: Vec<String> = vec![identity(name, dir)];
        let (mut text, mut name, mut dir) = (
            text.to_string(),
            name.to_string(),
            dir.map(Path::to_path_buf),
        );
        loop {
            let mut table = parse(&text, &name)?;
            let base = table.remove(BASE_KEY);
            layers.push(Layer {
                name: name.clone(),
                text: text.clone(),
                table,
                prefix: String::new(),
            });
            let Some(base) = base else { break };
            let here = layers.last().expect("just pushed");
            let at = locate(&here.text, BASE_KEY);
            let err = |value: &str, message: String| ScenarioError {
                source: here.name.clone(),
                problems: vec![problem(BASE_KEY, at, value, message)],
            };
            let toml::Value::String(wanted) = base else {
                return Err(err(
                    &base.to_string(),
                    "must be a string: the name of an embedded scenario or a path relative to \
                     this file"
                        .into(),
                ));
            };
            let (next_text, next_name, next_dir) = self
                .find(&wanted, dir.as_deref())
                .map_err(|m| err(&format!("{wanted:?}"), m))?;
            let id = identity(&next_name, next_dir.as_deref());
            if seen.contains(&id) {
                let mut chain: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
                chain.push(&next_name);
                return Err(err(
                    &format!("{wanted:?}"),
                    format!("bases form a cycle: {}", chain.join(" → ")),
                ));
            }
            if layers.len() >= MAX_DEPTH {
                return Err(err(
                    &format!("{wanted:?}"),
                    format!("at most {MAX_DEPTH} files in a chain of bases (limit)"),
                ));
            }
            seen.push(id);
            (text, name, dir) = (next_text, next_name, next_dir);
        }
        let mut table = toml::Table::new();
        for l in layers.iter().rev() {
            merge(&mut table, l.table.clone());
        }
        Ok(Document {
            table,
            layers,
            base_missing: false,
        })
    }

    /// Loads the base named `wanted` from directory `dir` (and its own bases), as a sweep
    /// file's `base` does. The error says what was wrong and what is allowed.
    pub fn load_base(&self, wanted: &str, dir: Option<&Path>) -> Result<Document, ScenarioError> {
        let (text, name, dir) = self.find(wanted, dir).map_err(|message| ScenarioError {
            source: String::new(),
            problems: vec![problem(BASE_KEY, None, &format!("{wanted:?}"), message)],
        })?;
        self.load(&text, &name, dir.as_deref())
    }

    /// Text, display name and directory of the base `wanted` named from directory `dir`.
    fn find(
        &self,
        wanted: &str,
        dir: Option<&Path>,
    ) -> Result<(String, String, Option<PathBuf>), String> {
        if let Some(e) = self.embedded.iter().find(|e| e.key == wanted) {
            return Ok((e.text.to_string(), e.display.to_string(), None));
        }
        let names: Vec<String> = self
            .embedded
            .iter()
            .map(|e| format!("\"{}\"", e.key))
            .collect();
        let allowed = format!(
            "allowed: an embedded scenario ({}) or a path relative to this file",
            names.join(", ")
        );
        let path = match dir {
            Some(d) => d.join(wanted),
            None => PathBuf::from(wanted),
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok((
                text,
                path.display().to_string(),
                Some(path.parent().map(Path::to_path_buf).unwrap_or_default()),
            )),
            Err(e) => Err(format!(
                "base not found: cannot read {}: {e}; {allowed}",
                path.display()
            )),
        }
    }
}

/// A name that identifies a file across spellings of its path (for cycle detection).
fn identity(name: &str, dir: Option<&Path>) -> String {
    match dir {
        Some(_) => std::fs::canonicalize(name)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| name.to_string()),
        None => name.to_string(),
    }
}

impl Document {
    fn from_layer(layer: Layer) -> Document {
        Document {
            table: layer.table.clone(),
            layers: vec![layer],
            base_missing: false,
        }
    }

    /// Puts `table` (the `prefix` table of the file `name` whose text is `text`, e.g. a sweep
    /// file's `[scenario]`) on top of this document, deep-merged.
    pub fn overlay(&mut self, table: toml::Table, name: &str, text: &str, prefix: &str) {
        merge(&mut self.table, table.clone());
        self.layers.insert(
            0,
            Layer {
                name: name.to_string(),
                text: text.to_string(),
                table,
                prefix: prefix.to_string(),
            },
        );
    }

    /// The merged table.
    pub fn table(&self) -> &toml::Table {
        &self.table
    }

    /// Name of the file itself (the top layer).
    pub fn name(&self) -> &str {
        &self.layers[0].name
    }

    /// Text of the file itself (the top layer).
    pub fn text(&self) -> &str {
        &self.layers[0].text
    }

    /// True when the document has bases (more than one file).
    pub fn inherits(&self) -> bool {
        self.layers.len() > 1
    }

    /// True when the file's base could not be loaded ([`Bases::without_base`]): the document
    /// holds only what the file itself writes, so what its base would give is missing.
    pub fn lacks_base(&self) -> bool {
        self.base_missing
    }

    /// Where the value at dotted `path` was written: the index of the layer (0 = the file
    /// itself) and the 1-based line and column in its text. The first layer that defines the
    /// path (or, failing that, the deepest part of it) wins.
    pub fn locate(&self, path: &str) -> Option<(usize, (usize, usize))> {
        let clean = path.replace('"', "");
        let segments: Vec<&str> = clean.split('.').collect();
        for depth in (1..=segments.len()).rev() {
            let prefix = segments[..depth].join(".");
            for (i, l) in self.layers.iter().enumerate() {
                if lookup(&toml::Value::Table(l.table.clone()), &prefix).is_some() {
                    let full = if l.prefix.is_empty() {
                        path.to_string()
                    } else {
                        format!("{}.{path}", l.prefix)
                    };
                    return locate(&l.text, &full).map(|loc| (i, loc));
                }
            }
        }
        None
    }

    /// Gives `p` the location of its path: in the file itself as a line and column, in a base
    /// as a note naming the base file and line.
    pub fn place(&self, p: &mut Problem) {
        match self.locate(&p.path) {
            Some((0, loc)) => p.location = Some(loc),
            Some((i, (line, col))) => {
                p.location = None;
                p.message.push_str(&format!(
                    " (set in base {}:{line}:{col})",
                    self.layers[i].name
                ));
            }
            None => p.location = None,
        }
    }
}

/// Line and column of a dotted path in a file's text, where a segment `name[i]` is entry `i`
/// (from 0) of the `[[name]]` tables, e.g. `axis[1].from` or `fact[0].observed`, or of an
/// inline array (`players = ["a", "b"]`: the entry itself; `axis = [{ path = "a.b" }, { … }]`:
/// the key inside the entry's inline table, else the inline table itself); other paths as
/// [`locate`]. Falls back to the entry's header, then to the table's first appearance.
pub fn locate_path(text: &str, path: &str) -> Option<(usize, usize)> {
    let Some((name, rest)) = path.split_once('[') else {
        return locate(text, path);
    };
    let (i, key) = rest.split_once(']')?;
    let i: usize = i.parse().ok()?;
    let key = key
        .trim_start_matches('.')
        .split(['.', '['])
        .next()
        .unwrap_or("");
    let mut count = 0usize;
    let mut header = None;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if t.starts_with('[') {
            if header.is_some() {
                break;
            }
            if t.starts_with("[[")
                && t.trim_start_matches('[').split(']').next().map(str::trim) == Some(name)
            {
                if count == i {
                    header = Some((n + 1, indent + 1));
                }
                count += 1;
            }
            continue;
        }
        if header.is_some() && !key.is_empty() {
            if let Some((lhs, _)) = t.split_once('=') {
                if lhs.trim() == key {
                    return Some((n + 1, indent + 1));
                }
            }
        }
    }
    header
        .or_else(|| inline_entry(text, path))
        .or_else(|| locate(text, name))
}

/// Line and column of `path` through the TOML parser's spans, when the path runs through an
/// entry of an inline array (`players = ["a", "b"]`, `axis = [{ … }, { … }]`, which have no
/// `[[…]]` headers to find): the deepest key or entry of the path that is written. `None`
/// when the path reaches no such entry or the text is not TOML.
fn inline_entry(text: &str, path: &str) -> Option<(usize, usize)> {
    crate::location::written(text, &crate::location::segments(path))
        .filter(|w| w.entry)
        .map(|w| w.at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn tables_merge_key_by_key_and_other_values_replace() {
        let mut base = table("a = 1\nlist = [1, 2, 3]\n[t]\nx = 1\ny = 2\n[t.u]\nz = 3\n");
        merge(&mut base, table("list = [9]\n[t]\ny = 20\n[t.u]\nw = 4\n"));
        assert_eq!(
            base,
            table("a = 1\nlist = [9]\n[t]\nx = 1\ny = 20\n[t.u]\nz = 3\nw = 4\n")
        );
        // A scalar replaces a table and a table replaces a scalar.
        merge(&mut base, table("t = 5\na = { k = 1 }\n"));
        assert_eq!(base, table("a = { k = 1 }\nlist = [9]\nt = 5\n"));
    }

    const EMBEDDED: &[Embedded<'static>] = &[Embedded {
        key: "root",
        display: "<embedded root>",
        text: "[s]\nx = 1\ny = 2\n",
    }];

    #[test]
    fn a_file_inherits_from_an_embedded_base_and_locates_values_in_either() {
        let b = Bases { embedded: EMBEDDED };
        let d = b
            .load("base = \"root\"\n[s]\ny = 5\n", "child.toml", None)
            .unwrap();
        assert_eq!(d.table(), &table("[s]\nx = 1\ny = 5\n"));
        assert!(d.inherits());
        assert_eq!(d.locate("s.y"), Some((0, (3, 1))));
        assert_eq!(d.locate("s.x"), Some((1, (2, 1))));
        let mut p = problem("s.x", None, "1", "bad".into());
        d.place(&mut p);
        assert_eq!(p.location, None);
        assert!(
            p.message.contains("base <embedded root>:2:1"),
            "{}",
            p.message
        );
    }

    #[test]
    fn chains_of_files_merge_in_order_and_cycles_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let write = |n: &str, t: &str| std::fs::write(dir.path().join(n), t).unwrap();
        write("a.toml", "base = \"root\"\n[s]\nx = 10\n");
        write("b.toml", "base = \"a.toml\"\n[s]\ny = 20\n");
        let b = Bases { embedded: EMBEDDED };
        let text = std::fs::read_to_string(dir.path().join("b.toml")).unwrap();
        let d = b.load(&text, "b.toml", Some(dir.path())).unwrap();
        assert_eq!(d.table(), &table("[s]\nx = 10\ny = 20\n"));

        write("c.toml", "base = \"d.toml\"\n");
        write("d.toml", "base = \"c.toml\"\n");
        let c = dir.path().join("c.toml");
        let text = std::fs::read_to_string(&c).unwrap();
        let e = b
            .load(&text, &c.display().to_string(), Some(dir.path()))
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("cycle"), "{msg}");
        // Reported where the chain closes: d.toml names c.toml again.
        assert!(msg.contains("d.toml:1:1: base = \"c.toml\""), "{msg}");
    }

    #[test]
    fn entries_of_an_inline_array_of_tables_are_found_at_their_keys() {
        let text = "sweep = { name = \"t\", runs = 1 }\naxis = [{ path = \"a.b\", values = [1] },\n        { path = \"c.d\",\n          from = 1.0 }]\n";
        assert_eq!(locate_path(text, "axis[0].values"), Some((2, 25)));
        assert_eq!(locate_path(text, "axis[1].path"), Some((3, 11)));
        assert_eq!(locate_path(text, "axis[1].from"), Some((4, 11)));
        // A key the entry does not have: the entry's inline table.
        assert_eq!(locate_path(text, "axis[1].steps"), Some((3, 9)));
        // An entry that is not a table: the entry itself; one that is not there: the key's
        // line.
        assert_eq!(
            locate_path("players = [\"a\", 3]\n", "players[1]"),
            Some((1, 17))
        );
        assert_eq!(
            locate_path("players = [\n  \"a\",\n  \"b\", 3,\n]\n", "players[2]"),
            Some((3, 8))
        );
        assert_eq!(
            locate_path("players = [\"a\", 3]\n", "players[2]"),
            Some((1, 1))
        );
        assert_eq!(locate_path(text, "axis[0].values[0]"), Some((2, 35)));
        assert_eq!(locate_path(text, "axis[5].path"), Some((2, 1)));
        // Array-of-tables entries are found by their headers.
        let aot = "[[axis]]\npath = \"a\"\n[[axis]]\npath = \"b\"\nsteps = 0\n";
        assert_eq!(locate_path(aot, "axis[1].steps"), Some((5, 1)));
        assert_eq!(locate_path(aot, "axis[1].from"), Some((3, 1)));
    }

    #[test]
    fn an_unknown_base_names_what_is_allowed() {
        let b = Bases { embedded: EMBEDDED };
        let e = b
            .load("base = \"april-2062\"\n", "x.toml", Some(Path::new(".")))
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("x.toml:1:1: base = \"april-2062\""), "{msg}");
        assert!(msg.contains("base not found"), "{msg}");
        assert!(msg.contains("\"root\""), "{msg}");
        let e = b.load("base = 3\n", "x.toml", None).unwrap_err();
        assert!(e.to_string().contains("must be a string"), "{e}");
    }
}
