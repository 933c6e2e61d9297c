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
    let clean: String = path.replace('"', "");
    let target: Vec<&str> = clean.split('.').collect();
    let mut header: Vec<String> = Vec::new();
    let mut best: Option<(usize, (usize, usize))> = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if t.starts_with('[') {
            let inner = t.trim_start_matches('[').split(']').next().unwrap_or("");
            header = inner.split('.').map(|s| s.trim().to_string()).collect();
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
        full.extend(key.trim().split('.').map(|s| s.trim().to_string()));
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

fn common_prefix(a: &[String], b: &[&str]) -> usize {
    a.iter()
        .zip(b)
        .take_while(|(x, y)| x.as_str() == **y)
        .count()
}
