//! Where a parameter is written in a file's text: the 1-based line and column of a dotted
//! parameter path ([`locate`]) and the dotted path of the key on a line ([`path_at`]). Used to
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
/// table headers and keys (inline tables and arrays resolve to their line).
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
        let Some((key, rest)) = t.split_once('=') else {
            continue;
        };
        let mut full = header.clone();
        full.extend(segments(key));
        let depth = common_prefix(&full, &target);
        if depth == full.len() && depth > best.map(|(d, _)| d).unwrap_or(0) {
            let mut col = indent + 1;
            if depth < target.len() {
                // The remaining segment may be a key of an inline table on this line.
                let sub = target[depth];
                if let Some(pos) = rest.find(sub) {
                    col = line.len() - rest.len() + pos + 1;
                    best = Some((depth + 1, (i + 1, col)));
                    continue;
                }
            }
            best = Some((depth, (i + 1, col)));
        }
    }
    best.map(|(_, loc)| loc)
}

/// The segments of a dotted TOML key or path, a quoted segment kept whole with its dots
/// (`ranges."openai.valuation"` → `ranges`, `openai.valuation`), each trimmed and unquoted.
fn segments(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for ch in key.chars() {
        match ch {
            '"' => quoted = !quoted,
            '.' if !quoted => out.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(ch),
        }
    }
    out.push(cur.trim().to_string());
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
    }
}
