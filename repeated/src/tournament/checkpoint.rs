//! Resumable tournaments: completed repetitions are appended, one line each, to a checkpoint
//! file whose header fingerprints the tournament; `--resume` keeps the complete lines (a torn
//! last line is dropped) and plays only the missing repetitions (see [`crate::checkpoint`]).
//! Floats are written in Rust's shortest round-trip form, so a resumed run is byte-identical
//! to an uninterrupted one.

use super::{push_number, MatchRow, Tournament, TournamentResults};
use crate::checkpoint::{self, Progress, Resumable};
use crate::error::RepeatedError;
use std::ops::Range;
use std::path::Path;

/// A repetition's line: `rep;i,j,turns,score_i,score_j,coop_i,coop_j;…` (one entry a match).
impl Resumable for Tournament {
    type Unit = Vec<MatchRow>;
    type Done = Vec<MatchRow>;
    type Results = TournamentResults;
    const MAGIC: &'static str = "# pactsim repeated-tournament checkpoint v1";
    const KIND: &'static str = "tournament";

    fn fingerprint(&self) -> String {
        Tournament::fingerprint(self)
    }

    fn units(&self) -> u32 {
        self.repetitions
    }

    /// Blocks of at least ~2048 matches keep both cores busy between checkpoint writes.
    fn block(&self) -> u32 {
        (2048 / self.pairs().len().max(1)).clamp(1, 1000) as u32
    }

    fn play(&self, reps: Range<u32>) -> Vec<Vec<MatchRow>> {
        let per = self.pairs().len().max(1);
        let rows = self.play_repetitions(reps);
        rows.chunks(per).map(<[MatchRow]>::to_vec).collect()
    }

    fn encode(&self, rep: u32, rows: &Vec<MatchRow>, s: &mut String) {
        use std::fmt::Write as _;
        let _ = write!(s, "{rep}");
        for r in rows {
            let _ = write!(s, ";{},{},{},", r.i, r.j, r.turns);
            push_number(s, r.scores[0]);
            s.push(',');
            push_number(s, r.scores[1]);
            let _ = write!(s, ",{},{}", r.cooperations[0], r.cooperations[1]);
        }
    }

    fn decode(&self, expected_rep: u32, line: &str) -> Option<Vec<MatchRow>> {
        let mut parts = line.split(';');
        let rep: u32 = parts.next()?.parse().ok()?;
        if rep != expected_rep {
            return None;
        }
        let per = self.pairs().len();
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

    fn add(done: &mut Vec<MatchRow>, rows: Vec<MatchRow>) {
        done.extend(rows);
    }

    fn validate(&self) -> Result<(), RepeatedError> {
        Tournament::validate(self)
    }

    fn finish(&self, done: Self::Done) -> TournamentResults {
        self.summarise(done)
    }
}

/// Checks and runs `t`, appending each block of repetitions to the checkpoint at `path`.
/// With `resume`, continues from an existing checkpoint. `stop_after` stops once that many
/// repetitions are done in total (used to test interruption). `on_progress(done, total)` is
/// called after each block. The checkpoint is left in place; the caller removes it after
/// writing results.
pub fn run_checkpointed(
    t: &Tournament,
    path: &Path,
    resume: bool,
    stop_after: Option<u32>,
    on_progress: &mut dyn FnMut(u32, u32),
) -> Result<Progress<Box<TournamentResults>>, RepeatedError> {
    checkpoint::run(t, path, resume, stop_after, on_progress)
}
