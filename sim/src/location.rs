//! Where a parameter is written in a file's text: the 1-based line and column of a dotted
//! parameter path ([`locate`], which finds keys of inline tables and entries of arrays through
//! the TOML parser's spans) and the dotted path of the key on a line ([`path_at`]). Used to
//! place every reported problem at the file, line and column that wrote it; [`line_col`] turns
//! a parser's byte offset into the same coordinates (the workspace's one implementation,
//! `games::text::line_col`, re-exported).

pub use games::text::line_col;

/// The dotted path of the key defined on 1-based `line` (table header + key), if any.
pub fn path_at(text: &str, line: usize) -> Option<String> {
    let mut header = String::new();
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start();
        if t.starts_with('[') {
            header = t
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            if i + 1 == line {
                return Some(header);
            }
            continue;
        }
        if i + 1 == line {
            let key = t.split_once('=')?.0.trim().trim_matches('"');
            return Some(if header.is_empty() {
                key.to_string()
            } else {
                format!("{header}.{key}")
            });
        }
    }
    None
}

/// Finds the 1-based line and column of a dotted parameter path in the file text, by following
/// table headers and keys; inside an inline table or array, the key or entry itself (a number
/// segment is an entry of an array: `revenue.path_billion.2`), through the parser's spans.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let target_owned = segments(path);
    let target: Vec<&str> = target_owned.iter().map(String::as_str).collect();
    let mut header: Vec<String> = Vec::new();
    let mut best: Option<(usize, (usize, usize))> = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if t.starts_with('[') {
            let inner = t.trim_start_matches('[').split(']').next().unwrap_or("");
            header = segments(inner);
            let depth = common_prefix(&header, &target);
            if depth == header.len() && best.map(|(d, _)| depth > d).unwrap_or(depth > 0) {
                best = Some((depth, (i + 1, indent + 1)));
            }
            continue;
        }
        let Some((key, _)) = t.split_once('=') else {
            continue;
        };
        let mut full = header.clone();
        full.extend(segments(key));
        let depth = common_prefix(&full, &target);
        if depth == full.len() && depth > best.map(|(d, _)| d).unwrap_or(0) {
            best = Some((depth, (i + 1, indent + 1)));
        }
    }
    // The rest of the path may be written inside an inline table or array.
    match (best, written(text, &target)) {
        (Some((depth, _)), Some(w)) if depth < target.len() && w.depth > depth => Some(w.at),
        _ => best.map(|(_, loc)| loc),
    }
}

/// The deepest part of a path written in a file's text ([`written`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    /// How many segments of the path are written.
    pub(crate) depth: usize,
    /// The 1-based line and column of the last of them: its key, or the entry of an array.
    pub(crate) at: (usize, usize),
    /// Whether the path went through an entry of an array written in the text.
    pub(crate) entry: bool,
}

/// The deepest part of the path `segments` (table keys, and numbers for entries of arrays)
/// written in `text`, found through the TOML parser's spans, so that keys of inline tables
/// and entries of arrays, on one line or several, are found at their own column. `None` when
/// the text is not TOML or not even the first segment is written.
pub(crate) fn written<S: AsRef<str>>(text: &str, segments: &[S]) -> Option<Written> {
    use toml::de::{DeTable, DeValue};
    let root = DeValue::Table(DeTable::parse(text).ok()?.into_inner());
    let mut cur = &root;
    let mut found = None;
    let mut entry = false;
    for (depth, seg) in segments.iter().enumerate() {
        let seg = seg.as_ref();
        let next = match cur {
            DeValue::Table(t) => t
                .iter()
                .find(|(key, _)| key.get_ref().as_ref() == seg)
                .map(|(key, v)| (key.span().start, v)),
            DeValue::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)).map(|v| {
                entry = true;
                (v.span().start, v)
            }),
            _ => None,
        };
        let Some((start, v)) = next else { break };
        found = Some(Written {
            depth: depth + 1,
            at: line_col(text, start),
            entry,
        });
        cur = v.get_ref();
    }
    found
}

/// The segments of a dotted TOML key or path, a quoted segment kept whole with its dots
/// (`ranges."openai.valuation"` → `ranges`, `openai.valuation`), each trimmed and unquoted; an
/// index `[i]` is a segment of its own (`axis[1].steps` → `axis`, `1`, `steps`).
pub(crate) fn segments(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut close = false;
    for ch in key.chars() {
        match ch {
            '"' => quoted = !quoted,
            '.' | '[' if !quoted => {
                if !(close && cur.trim().is_empty()) {
                    out.push(std::mem::take(&mut cur).trim().to_string());
                }
                cur.clear();
                close = false;
            }
            ']' if !quoted => {
                out.push(std::mem::take(&mut cur).trim().to_string());
                close = true;
            }
            _ => cur.push(ch),
        }
    }
    if !(close && cur.trim().is_empty()) {
        out.push(cur.trim().to_string());
    }
    out
}

fn common_prefix(a: &[String], b: &[&str]) -> usize {
    a.iter()
        .zip(b)
        .take_while(|(x, y)| x.as_str() == **y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A quoted key with dots (the `[ranges]` keys) is found at its own line, not at its
    /// table's header.
    #[test]
    fn quoted_keys_with_dots_are_located_at_their_line() {
        let text = "[ranges]\n\"discount.openai\" = [0.2, 0.4]\n\"openai.valuation\" = [0, 1]\n\n\
                    [openai]\nvaluation = 852.0\n";
        assert_eq!(locate(text, "ranges.\"openai.valuation\""), Some((3, 1)));
        assert_eq!(locate(text, "ranges.\"discount.openai\""), Some((2, 1)));
        assert_eq!(locate(text, "openai.valuation"), Some((6, 1)));
        assert_eq!(locate(text, "ranges.\"missing.key\""), Some((1, 1)));
        assert_eq!(
            segments(" a . \"b.c\" .d"),
            vec!["a".to_string(), "b.c".into(), "d".into()]
        );
        assert_eq!(
            segments("axis[1].values[0]"),
            vec!["axis".to_string(), "1".into(), "values".into(), "0".into()]
        );
        assert_eq!(segments("pie.t[0][1]"), vec!["pie", "t", "0", "1"]);
    }

    /// An entry of an array, on one line or several, is found at its own column, as a key of
    /// an inline table is (not at the first place its text happens to appear on the line).
    #[test]
    fn entries_of_arrays_and_keys_of_inline_tables_are_found_at_their_column() {
        let text = "[revenue]\nshare = [0.06, 2.0, 0.105]\npath = [\n  1.0,\n  2.0,\n]\n\
                    [protocol]\nrecognition = { amazon_x = 1, amazon = 0.2 }\n";
        assert_eq!(locate(text, "revenue.share.1"), Some((2, 16)));
        assert_eq!(locate(text, "revenue.path.1"), Some((5, 3)));
        assert_eq!(locate(text, "protocol.recognition.amazon"), Some((8, 31)));
        // Not written: the deepest part that is.
        assert_eq!(locate(text, "revenue.share.7"), Some((2, 1)));
        assert_eq!(locate(text, "protocol.nope"), Some((7, 1)));
        let w = written(text, &["revenue", "path", "0"]).unwrap();
        assert_eq!((w.depth, w.at, w.entry), (3, (4, 3), true));
    }
}
