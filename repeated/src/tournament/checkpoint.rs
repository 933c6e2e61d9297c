//! Resumable tournaments: completed repetitions are appended, one line each, to a checkpoint
//! file whose header fingerprints the tournament; `--resume` keeps the complete lines (a torn
//! last line is dropped) and plays only the missing repetitions. Floats are written in Rust's
//! shortest round-trip form, so a resumed run is byte-identical to an uninterrupted one.

use super::{push_number, MatchRow, Tournament, TournamentResults};
use crate::error::RepeatedError;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;

const MAGIC: &str = "# pactsim repeated-tournament checkpoint v1";

/// Stable FNV-1a 64-bit hash.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

fn header(t: &Tournament) -> String {
    format!("{MAGIC} {:016x}\n", fnv1a64(t.fingerprint().as_bytes()))
}

fn io(path: &Path, e: std::io::Error) -> RepeatedError {
    RepeatedError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

fn encode(rep: u32, rows: &[MatchRow], s: &mut String) {
    use std::fmt::Write as _;
    let _ = write!(s, "{rep}");
    for r in rows {
        let _ = write!(s, ";{},{},{},", r.i, r.j, r.turns);
        push_number(s, r.scores[0]);
        s.push(',');
        push_number(s, r.scores[1]);
        let _ = write!(s, ",{},{}", r.cooperations[0], r.cooperations[1]);
    }
    s.push('\n');
}

fn decode(line: &str, expected_rep: u32, per: usize) -> Option<Vec<MatchRow>> {
    let mut parts = line.split(';');
    let rep: u32 = parts.next()?.parse().ok()?;
    if rep != expected_rep {
        return None;
    }
    let mut rows = Vec::with_capacity(per);
    for p in parts {
        let f: Vec<&str> = p.split(',').collect();
        if f.len() != 7 {
            return None;
        }
        rows.push(MatchRow {
            rep,
            i: f[0].parse().ok()?,
            j: f[1].parse().ok()?,
            turns: f[2].parse().ok()?,
            scores: [f[3].parse().ok()?, f[4].parse().ok()?],
            cooperations: [f[5].parse().ok()?, f[6].parse().ok()?],
        });
    }
    (rows.len() == per).then_some(rows)
}

/// Reads the complete repetitions of a checkpoint for `t` (rows in fixed order).
fn load(t: &Tournament, path: &Path) -> Result<Vec<MatchRow>, RepeatedError> {
    let text = fs::read_to_string(path).map_err(|e| io(path, e))?;
    let want = header(t);
    if !text.starts_with(&want) {
        return Err(RepeatedError::Checkpoint {
            path: path.display().to_string(),
            message: "--resume: this checkpoint belongs to a different tournament (or pactsim version); remove it or run without --resume".into(),
        });
    }
    let per = t.pairs().len();
    let mut rows = Vec::new();
    let body = &text[want.len()..];
    // Only newline-terminated lines are complete.
    let complete = match body.rfind('\n') {
        Some(k) => &body[..=k],
        None => "",
    };
    for (k, line) in complete.lines().enumerate() {
        match decode(line, k as u32, per) {
            Some(r) if (k as u32) < t.repetitions => rows.extend(r),
            _ => break,
        }
    }
    Ok(rows)
}

/// What a checkpointed run did.
#[derive(Debug)]
pub enum Progress {
    /// All repetitions are done.
    Complete(Box<TournamentResults>),
    /// Stopped on request after this many repetitions in total (simulated interruption).
    Stopped(u32),
}

/// Runs `t`, appending each block of repetitions to the checkpoint at `path`. With `resume`,
/// continues from an existing checkpoint. `stop_after` stops once that many repetitions are
/// done in total (used to test interruption). `on_progress(done, total)` is called after each
/// block. The checkpoint is left in place; the caller removes it after writing results.
pub fn run_checkpointed(
    t: &Tournament,
    path: &Path,
    resume: bool,
    stop_after: Option<u32>,
    on_progress: &mut dyn FnMut(u32, u32),
) -> Result<Progress, RepeatedError> {
    t.validate()?;
    let mut rows = if resume && path.exists() {
        load(t, path)?
    } else {
        Vec::new()
    };
    let per = t.pairs().len();
    let mut done = (rows.len() / per) as u32;
    // Rewrite the file with exactly the complete part (drops any torn line).
    let mut text = header(t);
    for rep in 0..done {
        let k = rep as usize * per;
        encode(rep, &rows[k..k + per], &mut text);
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    fs::write(path, text).map_err(|e| io(path, e))?;
    let mut file = OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| io(path, e))?;
    // Blocks of at least ~2048 matches keep both cores busy between checkpoint writes.
    let block = (2048 / per.max(1)).clamp(1, 1000) as u32;
    on_progress(done, t.repetitions);
    while done < t.repetitions {
        if stop_after.is_some_and(|s| done >= s) {
            return Ok(Progress::Stopped(done));
        }
        let mut end = (done + block).min(t.repetitions);
        if let Some(s) = stop_after {
            end = end.min(s.max(done + 1));
        }
        let new = t.play_repetitions(done..end);
        let mut chunk = String::new();
        for (k, rep) in (done..end).enumerate() {
            encode(rep, &new[k * per..(k + 1) * per], &mut chunk);
        }
        file.write_all(chunk.as_bytes()).map_err(|e| io(path, e))?;
        file.flush().map_err(|e| io(path, e))?;
        rows.extend(new);
        done = end;
        on_progress(done, t.repetitions);
    }
    Ok(Progress::Complete(Box::new(t.summarise(rows))))
}
