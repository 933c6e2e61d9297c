//! `agreements.csv` of a `run` results directory: a bounded sample of the runs that ended in an
//! agreement (the first [`SAMPLE`] in run order), one typed [`Agreement`] row each. [`write`](fn@write)
//! produces the file's bytes and [`read`] parses it back (for re-plotting); a malformed row is
//! an [`AgreementsError`] naming the file and line.

use crate::outcome::Outcome;
use crate::results::RunRecord;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// File name inside a results directory.
pub const FILE: &str = "agreements.csv";
/// Header line of `agreements.csv` (with its newline).
pub const HEADER: &str = "run,outcome,week,payoff_microsoft,payoff_openai,payoff_amazon\n";
/// Agreements kept for the utility-space scatter (the first ones, in run order).
pub const SAMPLE: usize = 2000;

/// One row of `agreements.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Run index (0-based).
    pub run: u64,
    /// Outcome class of the run.
    pub outcome: Outcome,
    /// Week of the agreement.
    pub week: u32,
    /// Realised payoffs (Microsoft, OpenAI, Amazon), $B present value.
    pub payoffs: [f64; 3],
}

impl Agreement {
    /// The row of run `run`, when it ended in an agreement.
    pub fn of_run(run: u64, r: &RunRecord) -> Option<Agreement> {
        r.agreement_week.map(|week| Agreement {
            run,
            outcome: r.outcome,
            week,
            payoffs: r.payoffs,
        })
    }

    /// Appends the row (payoffs with six decimals) and its newline to `out`.
    pub fn write_to(&self, out: &mut String) {
        let [m, o, a] = self.payoffs;
        let _ = writeln!(
            out,
            "{},{},{},{m:.6},{o:.6},{a:.6}",
            self.run,
            self.outcome.name(),
            self.week
        );
    }

    /// Parses one data line (no newline); `Err` says what is wrong.
    pub fn parse(line: &str) -> Result<Agreement, LineError> {
        let cols: Vec<&str> = line.split(',').collect();
        if cols.len() != 6 {
            return Err(LineError::Columns(cols.len()));
        }
        let bad = |k: usize, expected: &'static str| LineError::Field {
            column: k + 1,
            value: cols[k].to_string(),
            expected,
        };
        let num = |k: usize| {
            cols[k]
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| bad(k, "a finite number"))
        };
        Ok(Agreement {
            run: cols[0].parse().map_err(|_| bad(0, "a run index"))?,
            outcome: Outcome::from_name(cols[1]).ok_or_else(|| bad(1, "an outcome class"))?,
            week: cols[2].parse().map_err(|_| bad(2, "a week"))?,
            payoffs: [num(3)?, num(4)?, num(5)?],
        })
    }
}

/// What is wrong with one line of `agreements.csv`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    /// The first line is not the header.
    #[error("expected the header `{}`", HEADER.trim_end())]
    Header,
    /// A data line has the wrong number of columns.
    #[error("expected 6 columns, found {0}")]
    Columns(usize),
    /// A field does not parse.
    #[error("column {column}: `{value}` is not {expected}")]
    Field {
        /// 1-based column.
        column: usize,
        /// The text found.
        value: String,
        /// What the column holds.
        expected: &'static str,
    },
}

/// The bytes of `agreements.csv` holding `rows`.
pub fn write(rows: &[Agreement]) -> String {
    let mut s = String::from(HEADER);
    for r in rows {
        r.write_to(&mut s);
    }
    s
}

/// Collects the first [`SAMPLE`] agreements of a run stream.
#[derive(Debug, Default)]
pub struct Sampler {
    rows: Vec<Agreement>,
}

impl Sampler {
    /// Offers run `run`; kept when it ended in an agreement and the sample is not full.
    pub fn push(&mut self, run: u64, r: &RunRecord) {
        if self.rows.len() < SAMPLE {
            self.rows.extend(Agreement::of_run(run, r));
        }
    }

    /// The sampled rows, in run order.
    pub fn rows(&self) -> &[Agreement] {
        &self.rows
    }
}

/// Error reading `agreements.csv`.
#[derive(Debug, thiserror::Error)]
pub enum AgreementsError {
    /// The file could not be read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The error (part of the message, so not a separate `source`).
        error: std::io::Error,
    },
    /// A line is not an `agreements.csv` line.
    #[error("{}:{line}: {message}", path.display())]
    Line {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: LineError,
    },
}

impl AgreementsError {
    /// True when the file does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, AgreementsError::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound)
    }
}

/// Parses the text of `agreements.csv` (named `path` in errors).
pub fn parse(text: &str, path: &Path) -> Result<Vec<Agreement>, AgreementsError> {
    let err = |line: usize, message: LineError| AgreementsError::Line {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut lines = text.lines();
    if lines.next() != Some(HEADER.trim_end()) {
        return Err(err(1, LineError::Header));
    }
    lines
        .enumerate()
        .map(|(i, l)| Agreement::parse(l).map_err(|m| err(i + 2, m)))
        .collect()
}

/// Reads `agreements.csv` of results directory `dir`.
pub fn read(dir: &Path) -> Result<Vec<Agreement>, AgreementsError> {
    let path = dir.join(FILE);
    let text = std::fs::read_to_string(&path).map_err(|error| AgreementsError::Io {
        path: path.clone(),
        error,
    })?;
    parse(&text, &path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_and_bad_lines_are_named() {
        let rows = vec![Agreement {
            run: 3,
            outcome: Outcome::AprilLikeBroad,
            week: 9,
            payoffs: [1.5, -2.25, 0.125],
        }];
        let text = write(&rows);
        assert_eq!(
            text,
            format!("{HEADER}3,APRIL_LIKE_BROAD,9,1.500000,-2.250000,0.125000\n")
        );
        assert_eq!(parse(&text, Path::new("a.csv")).unwrap(), rows);
        let bad = format!("{HEADER}3,APRIL_LIKE_BROAD,x,1,2,3\n");
        let e = parse(&bad, Path::new("a.csv")).unwrap_err().to_string();
        assert_eq!(e, "a.csv:2: column 3: `x` is not a week");
        let nan = format!("{HEADER}3,APRIL_LIKE_BROAD,9,NaN,2,3\n");
        let e = parse(&nan, Path::new("a.csv")).unwrap_err().to_string();
        assert_eq!(e, "a.csv:2: column 4: `NaN` is not a finite number");
        let e = parse("nope\n", Path::new("a.csv")).unwrap_err().to_string();
        assert!(e.starts_with("a.csv:1: expected the header"), "{e}");
    }
}
