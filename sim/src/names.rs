//! What a scenario, sweep or tournament name may be. A name becomes a directory name under
//! `results/` (the default `--out`), so it must be one plain path component: no separators, no
//! `.`/`..`, nothing hidden, nothing a file system or a shell treats specially.

/// The longest name accepted (the results directory adds suffixes such as `-set-<hash8>` and
/// `.<name>.partial-<pid>` siblings, and common file systems cap a component at 255 bytes).
pub const MAX_NAME_LEN: usize = 100;

/// What a name may be, for error messages.
pub const NAME_RULE: &str = "1 to 100 ASCII letters, digits, '-', '_' or '.', starting with a \
                             letter or digit (it names the results directory)";

/// `Ok` when `name` is a valid name; otherwise why not (see [`NAME_RULE`]).
pub fn check_name(name: &str) -> Result<(), String> {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let starts_well = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if name.len() <= MAX_NAME_LEN && starts_well && name.chars().all(ok_char) {
        Ok(())
    } else {
        Err(format!("allowed: {NAME_RULE}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_pass_and_paths_do_not() {
        for ok in [
            "april-2026",
            "merit-x-antitrust",
            "t",
            "v1.2_final",
            &"a".repeat(100),
        ] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            ".hidden",
            "../../escape",
            "/tmp/abs",
            "a/b",
            "a\\b",
            "-flag",
            "two words",
            "naïve",
            &"a".repeat(101),
        ] {
            let e = check_name(bad).unwrap_err();
            assert!(e.contains("starting with a letter or digit"), "{bad}: {e}");
        }
    }
}
