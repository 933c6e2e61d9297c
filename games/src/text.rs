//! Positions in input text: [`line_col`] turns a byte offset into the 1-based line and column
//! (in characters) that error messages report. The one implementation for the workspace: the
//! `.nfg` reader places its errors with it, and `sim::location` re-exports it for scenario,
//! sweep and meta-game files.

/// 1-based (line, column) of byte `offset` in `text`; the column counts characters. An
/// offset inside a character counts from that character's start; one past the end is the
/// position after the last character.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn lines_and_character_columns() {
        let t = "ab\n\u{e9}x\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 2), (1, 3));
        assert_eq!(line_col(t, 3), (2, 1));
        // 'x' follows a two-byte character: column 2; an offset inside 'é' is its start.
        assert_eq!(line_col(t, 5), (2, 2));
        assert_eq!(line_col(t, 4), (2, 1));
        assert_eq!(line_col(t, t.len()), (3, 1));
        assert_eq!(line_col(t, 99), (3, 1));
        assert_eq!(line_col("", 0), (1, 1));
    }
}
