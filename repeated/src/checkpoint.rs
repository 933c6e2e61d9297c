//! Resumable runs of independent seeded units of work (a tournament's repetitions, a Moran
//! process's repetitions): each completed unit is appended as one line to a checkpoint file
//! whose header fingerprints the run; a resumed run keeps the complete lines (a torn last
//! line is dropped) and plays only the missing units. A unit's line holds its results exactly
//! (floats in Rust's shortest round-trip form), so a resumed run is byte-identical to an
//! uninterrupted one.

use crate::error::RepeatedError;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::ops::Range;
use std::path::Path;

/// A run made of independent units `0..units()` (repetitions), each with its own seed, that
/// can be checkpointed one line per unit.
pub(crate) trait Resumable {
    /// The results of one unit.
    type Unit;
    /// The results of every unit so far, in unit order (a unit's are added with
    /// [`Resumable::add`]).
    type Done: Default;
    /// The finished run's results.
    type Results;
    /// First line of the checkpoint file, before the fingerprint's hash: names the kind of run
    /// and the format's version.
    const MAGIC: &'static str;
    /// What a run is called in messages ("tournament", "Moran process").
    const KIND: &'static str;
    /// A canonical description of everything that determines the results.
    fn fingerprint(&self) -> String;
    /// The number of units.
    fn units(&self) -> u32;
    /// Units played between two checkpoint writes (at least 1): enough to keep every core busy.
    fn block(&self) -> u32;
    /// Plays units `units` (in parallel, on the current rayon pool), results in unit order.
    fn play(&self, units: Range<u32>) -> Vec<Self::Unit>;
    /// Appends the line of unit `k` (without its newline) to `out`.
    fn encode(&self, k: u32, unit: &Self::Unit, out: &mut String);
    /// The results of unit `k` from its line, `None` unless the line is complete and valid.
    fn decode(&self, k: u32, line: &str) -> Option<Self::Unit>;
    /// Adds the results of the next unit to `done`.
    fn add(done: &mut Self::Done, unit: Self::Unit);
    /// Checks the run before anything is played or written.
    fn validate(&self) -> Result<(), RepeatedError>;
    /// The results of a run whose every unit is in `done`.
    fn finish(&self, done: Self::Done) -> Self::Results;
}

/// What a checkpointed run did.
#[derive(Debug)]
pub enum Progress<T> {
    /// Every unit is done: the results.
    Complete(T),
    /// Stopped on request after this many units (repetitions) in total (simulated
    /// interruption).
    Stopped(u32),
}

/// Stable FNV-1a 64-bit hash.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

fn header<R: Resumable>(r: &R) -> String {
    format!(
        "{} {:016x}\n",
        R::MAGIC,
        fnv1a64(r.fingerprint().as_bytes())
    )
}

fn io(path: &Path, e: std::io::Error) -> RepeatedError {
    RepeatedError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// The results of the complete units of the checkpoint at `path` for `r`, their number and the
/// text of their lines.
fn load<R: Resumable>(r: &R, path: &Path) -> Result<(R::Done, u32, String), RepeatedError> {
    let text = fs::read_to_string(path).map_err(|e| io(path, e))?;
    let want = header(r);
    if !text.starts_with(&want) {
        return Err(RepeatedError::Checkpoint {
            path: path.display().to_string(),
            message: format!(
                "--resume: this checkpoint belongs to a different {} (other inputs, or another \
                 pactsim version); remove it or run without --resume",
                R::KIND
            ),
        });
    }
    let body = &text[want.len()..];
    let mut done = R::Done::default();
    let mut k = 0;
    let mut kept = 0;
    // Only newline-terminated lines are complete.
    for line in body.split_inclusive('\n') {
        let Some(line) = line.strip_suffix('\n') else {
            break;
        };
        match r.decode(k, line) {
            Some(u) if k < r.units() => R::add(&mut done, u),
            _ => break,
        }
        k += 1;
        kept += line.len() + 1;
    }
    Ok((done, k, body[..kept].to_string()))
}

/// Checks and runs `r`, appending each block of units to the checkpoint at `path`. With
/// `resume`, continues from an existing checkpoint. `stop_after` stops once that many units
/// are done in total (used to test interruption). `on_progress(done, total)` is called after
/// each block. The checkpoint is left in place; the
/// caller removes it after writing results.
pub(crate) fn run<R: Resumable>(
    r: &R,
    path: &Path,
    resume: bool,
    stop_after: Option<u32>,
    on_progress: &mut dyn FnMut(u32, u32),
) -> Result<Progress<Box<R::Results>>, RepeatedError> {
    r.validate()?;
    let (mut results, mut done, lines) = if resume && path.exists() {
        load(r, path)?
    } else {
        (R::Done::default(), 0, String::new())
    };
    let total = r.units();
    // Rewrite the file with exactly the complete part (drops any torn line).
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    fs::write(path, header(r) + &lines).map_err(|e| io(path, e))?;
    let mut file = OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| io(path, e))?;
    let block = r.block().max(1);
    on_progress(done, total);
    while done < total {
        if stop_after.is_some_and(|s| done >= s) {
            return Ok(Progress::Stopped(done));
        }
        let mut end = done.saturating_add(block).min(total);
        if let Some(s) = stop_after {
            end = end.min(s.max(done + 1));
        }
        let new = r.play(done..end);
        let mut chunk = String::new();
        for (k, unit) in (done..end).zip(&new) {
            r.encode(k, unit, &mut chunk);
            chunk.push('\n');
        }
        file.write_all(chunk.as_bytes()).map_err(|e| io(path, e))?;
        file.flush().map_err(|e| io(path, e))?;
        for unit in new {
            R::add(&mut results, unit);
        }
        done = end;
        on_progress(done, total);
    }
    Ok(Progress::Complete(Box::new(r.finish(results))))
}
