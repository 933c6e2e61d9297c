//! The results directory (README.md, "Results directory"): `manifest.json`, `summary.json`,
//! `outcomes.csv` and the optional streamed `runs.csv`, written into a temporary sibling directory
//! that is renamed into place only when complete, so a failed or interrupted command never leaves a
//! partial results directory behind, and never replaces anything but an earlier pactsim results
//! directory (rules in [`crate::outdir`]). Also reads results back for re-plotting.

use crate::outdir::{self, Locked, OutputLock, Target, TargetError};
use crate::results::{RunRecord, Summary};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Version of the results-directory schema.
pub const SCHEMA_VERSION: u32 = 1;

/// `manifest.json`: everything needed to reproduce a results directory. No timestamps, host
/// names or thread counts, so it is byte-identical across machines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Schema version.
    pub schema: u32,
    /// pactsim version.
    pub pactsim_version: String,
    /// Git commit of the build, when known.
    pub git_commit: Option<String>,
    /// The command that produced the directory (`run`, `sweep`).
    pub command: String,
    /// The fully resolved scenario.
    pub scenario: serde_json::Value,
    /// Hash of the resolved scenario (hex).
    pub scenario_hash: String,
    /// Master seed.
    pub seed: u64,
    /// Runs per cell.
    pub runs: u64,
    /// RNG scheme.
    pub rng_scheme: String,
    /// The `--set path=value` overrides given on the command line, in canonical form
    /// ([`crate::overrides::canonical`]); omitted when there were none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<String>,
    /// Extra command-specific data (e.g. sweep cells), or null.
    #[serde(default)]
    pub extra: serde_json::Value,
}

/// Error writing or reading a results directory.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// I/O failure on a path.
    #[error("{path}: {error}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error (part of the message, so not a separate `source`).
        error: io::Error,
    },
    /// The output location was refused or is in use.
    #[error(transparent)]
    Target(#[from] TargetError),
    /// A file did not parse.
    #[error("{path}: {message}")]
    Parse {
        /// The path.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl OutputError {
    /// True when the error is the user's input (exit code 2): an unsafe or busy target.
    pub fn is_bad_input(&self) -> bool {
        matches!(self, OutputError::Target(t) if t.is_bad_input())
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |error| OutputError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// A results directory being written. Creating one checks the target (see [`crate::outdir`]),
/// takes the target's exclusive lock for the lifetime of the value, removes leftovers of dead
/// pactsim processes and writes into a hidden temporary sibling. Dropping it without
/// [`ResultsDir::commit`] removes the temporary directory.
pub struct ResultsDir {
    target: Target,
    given: PathBuf,
    tmp: PathBuf,
    committed: bool,
    _lock: OutputLock,
}

impl ResultsDir {
    /// Starts writing a results directory that will appear at `target`. Refuses unsafe
    /// targets and targets in use by another process ([`OutputError::Target`]).
    pub fn create(target: &Path) -> Result<ResultsDir, OutputError> {
        let checked = outdir::check(target)?;
        let lock = OutputLock::acquire(&checked.sibling("lock"), target, Locked::ResultsDir)
            .map_err(|e| match e {
                TargetError::Io { error, .. } => TargetError::Unwritable {
                    path: target.to_path_buf(),
                    reason: error.to_string(),
                },
                e => e,
            })?;
        // Re-check under the lock: another process may have committed meanwhile.
        let checked = outdir::check(target)?;
        outdir::clean_stale(&checked)?;
        let tmp = checked.sibling(&format!("partial-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
        }
        fs::create_dir_all(&tmp).map_err(io_err(&tmp))?;
        Ok(ResultsDir {
            target: checked,
            given: target.to_path_buf(),
            tmp,
            committed: false,
            _lock: lock,
        })
    }

    /// Path of a file inside the (temporary) directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.join(name)
    }

    /// A hidden file beside the target, `.<name>.<tag>` (e.g. a sweep checkpoint), covered by
    /// the same lock.
    pub fn sibling(&self, tag: &str) -> PathBuf {
        self.target.sibling(tag)
    }

    /// Writes a JSON file (pretty, trailing newline).
    pub fn write_json<T: Serialize>(&self, name: &str, value: &T) -> Result<(), OutputError> {
        let path = self.path(name);
        let mut text = serde_json::to_string_pretty(value).map_err(|e| OutputError::Parse {
            path: path.clone(),
            message: e.to_string(),
        })?;
        text.push('\n');
        fs::write(&path, text).map_err(io_err(&path))
    }

    /// Writes a text file.
    pub fn write_text(&self, name: &str, text: &str) -> Result<(), OutputError> {
        let path = self.path(name);
        fs::write(&path, text).map_err(io_err(&path))
    }

    /// Moves the finished directory into place, with its inventory ([`outdir::INVENTORY`]) of
    /// everything in it. A previous pactsim results directory there that holds only what its
    /// inventory lists is renamed aside (`.<name>.old-<pid>`), the new one renamed in, then the old one removed;
    /// anything else found at the target is refused and left untouched. Returns the path as
    /// given to [`ResultsDir::create`].
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        let dest = self.target.path();
        let old = self.target.sibling(&format!("old-{}", std::process::id()));
        outdir::write_inventory(&self.tmp).map_err(io_err(&self.tmp))?;
        let replacing = fs::symlink_metadata(&dest).is_ok();
        if replacing {
            outdir::is_replaceable(&dest).map_err(|reason| outdir::refusal(&self.given, reason))?;
            fs::rename(&dest, &old).map_err(io_err(&dest))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &dest) {
            if replacing {
                let _ = fs::rename(&old, &dest);
            }
            return Err(io_err(&dest)(e));
        }
        self.committed = true;
        if replacing {
            fs::remove_dir_all(&old).map_err(io_err(&old))?;
        }
        Ok(self.given.clone())
    }
}

impl Drop for ResultsDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Streams `runs.csv`, one row per run.
pub struct RunsCsv {
    out: BufWriter<fs::File>,
    path: PathBuf,
}

/// Header of `runs.csv`.
pub const RUNS_HEADER: &str = "run,outcome,agreement_week,april_distance,payoff_microsoft,payoff_openai,payoff_amazon,suit_week,injunction,judgment,threat,launched,last_week,theta,threat_credible";

impl RunsCsv {
    /// Creates `runs.csv` inside `dir`.
    pub fn create(dir: &ResultsDir) -> Result<RunsCsv, OutputError> {
        let path = dir.path("runs.csv");
        let f = fs::File::create(&path).map_err(io_err(&path))?;
        let mut out = BufWriter::new(f);
        writeln!(out, "{RUNS_HEADER}").map_err(io_err(&path))?;
        Ok(RunsCsv { out, path })
    }

    /// Appends one run.
    pub fn push(&mut self, run: u64, r: &RunRecord) -> io::Result<()> {
        let opt = |v: Option<u32>| v.map(|w| w.to_string()).unwrap_or_default();
        writeln!(
            self.out,
            "{run},{},{},{:.6},{:.6},{:.6},{:.6},{},{},{},{},{},{},{:.6},{}",
            r.outcome.name(),
            opt(r.agreement_week),
            r.april_distance,
            r.payoffs[0],
            r.payoffs[1],
            r.payoffs[2],
            opt(r.suit_filed),
            r.injunction,
            r.judgment.map(|j| j.to_string()).unwrap_or_default(),
            r.threat,
            r.launched,
            r.last_week,
            r.theta,
            r.threat_credible.map(|c| c.to_string()).unwrap_or_default()
        )
    }

    /// Flushes the file.
    pub fn finish(mut self) -> Result<(), OutputError> {
        self.out.flush().map_err(io_err(&self.path))
    }
}

/// How an input file or directory is named inside results files: its last component alone.
/// The path as typed (`configs/facts.toml` or `/home/me/configs/facts.toml`) differs between
/// working directories and machines, and results must not; a built-in input (`<embedded …>`)
/// is named as it is. Messages keep the path as typed.
pub fn recorded_input(name: &str) -> String {
    if name.starts_with('<') {
        return name.to_string();
    }
    Path::new(name)
        .file_name()
        .map_or_else(|| name.to_string(), |f| f.to_string_lossy().into_owned())
}

/// A CSV field, quoted when it holds a comma, a quote or a newline.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The columns of the flagship's `outcomes.csv` rows after the cell and its parameters.
pub const OUTCOME_COLUMNS: &str = "outcome,count,share,ci_low,ci_high";

/// The header line of `outcomes.csv`: `first` (e.g. `cell`), the given columns (quoted as
/// needed), then the summary's columns `tail` (e.g. [`OUTCOME_COLUMNS`]).
pub fn outcomes_csv_header(first: &str, columns: &[String], tail: &str) -> String {
    let mut head = String::from(first);
    for p in columns {
        head.push(',');
        head.push_str(&csv_field(p));
    }
    head.push(',');
    head.push_str(tail);
    head.push('\n');
    head
}

/// The start of a cell's `outcomes.csv` rows: its index, then its values (already CSV
/// fields), comma-separated.
pub fn csv_lead(cell: u64, values: &[String]) -> String {
    let mut lead = cell.to_string();
    for v in values {
        lead.push(',');
        lead.push_str(v);
    }
    lead
}

/// Tidy `outcomes.csv` rows: one per cell × outcome. `cells` pairs each cell's swept
/// parameter values (name, value as text) with its summary.
pub fn outcomes_csv(param_names: &[String], cells: &[(Vec<String>, &Summary)]) -> String {
    let mut s = String::from("cell");
    for n in param_names {
        s.push(',');
        s.push_str(n);
    }
    s.push(',');
    s.push_str(OUTCOME_COLUMNS);
    s.push('\n');
    for (i, (values, summary)) in cells.iter().enumerate() {
        outcomes_csv_rows(&csv_lead(i as u64, values), summary, &mut s);
    }
    s
}

/// Appends the `outcomes.csv` rows of one cell (see [`outcomes_csv`]) to `s`, each starting
/// with `lead` ([`csv_lead`]); sweeps stream their cells through this one at a time.
pub fn outcomes_csv_rows(lead: &str, summary: &Summary, s: &mut String) {
    for o in &summary.outcomes {
        s.push_str(lead);
        s.push_str(&format!(
            ",{},{},{:.6},{:.6},{:.6}\n",
            o.outcome, o.count, o.share, o.ci_low, o.ci_high
        ));
    }
}

/// Reads a JSON file of a results directory.
pub fn read_json<T: for<'de> Deserialize<'de>>(dir: &Path, name: &str) -> Result<T, OutputError> {
    let path = dir.join(name);
    let text = fs::read_to_string(&path).map_err(io_err(&path))?;
    serde_json::from_str(&text).map_err(|e| OutputError::Parse {
        path,
        message: e.to_string(),
    })
}
