//! Resumable Moran processes: completed repetitions are appended, one line each, to a
//! checkpoint file whose header fingerprints the process; a resumed run keeps the complete
//! lines (a torn last line is dropped) and plays only the missing repetitions (see
//! [`crate::checkpoint`]). A line holds its run exactly, so a resumed run is byte-identical to
//! an uninterrupted one.

use super::{Moran, MoranResults, MoranRun};
use crate::checkpoint::{self, Progress, Resumable};
use crate::error::RepeatedError;
use crate::library::Player;
use std::ops::Range;
use std::path::Path;

/// A repetition's line: `rep;fixated;generations;c,c,…` (the fixated type's index or `-`, then
/// the recorded counts, row after row).
impl Resumable for Moran {
    type Unit = MoranRun;
    type Done = Vec<MoranRun>;
    type Results = MoranResults;
    const MAGIC: &'static str = "# pactsim repeated-moran checkpoint v1";
    const KIND: &'static str = "Moran process";

    fn fingerprint(&self) -> String {
        let names: Vec<&str> = self.types.iter().map(Player::name).collect();
        format!(
            "types={names:?} counts={:?} game={} settings={:?} mutation_rate={:?} \
             max_generations={} repetitions={} seed={}",
            self.counts,
            self.game.fingerprint(),
            self.settings,
            self.mutation_rate,
            self.max_generations,
            self.repetitions,
            self.seed
        )
    }

    fn units(&self) -> u32 {
        self.repetitions
    }

    /// A few runs per thread: run lengths vary (fixation comes early or late), so a block of
    /// several keeps every core busy between checkpoint writes.
    fn block(&self) -> u32 {
        (rayon::current_num_threads() * 8).clamp(1, 1000) as u32
    }

    fn play(&self, reps: Range<u32>) -> Vec<MoranRun> {
        Moran::play(self, reps)
    }

    fn encode(&self, rep: u32, run: &MoranRun, s: &mut String) {
        use std::fmt::Write as _;
        let _ = write!(s, "{rep};");
        match run.fixated {
            Some(t) => {
                let _ = write!(s, "{t}");
            }
            None => s.push('-'),
        }
        let _ = write!(s, ";{};", run.generations);
        for (k, c) in run.history.iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            let _ = write!(s, "{c}");
        }
    }

    fn decode(&self, expected_rep: u32, line: &str) -> Option<MoranRun> {
        let mut parts = line.split(';');
        let rep: u32 = parts.next()?.parse().ok()?;
        let fixated = match parts.next()? {
            "-" => None,
            t => Some(t.parse::<usize>().ok().filter(|&t| t < self.types.len())?),
        };
        let generations: u32 = parts.next()?.parse().ok()?;
        let history = parts
            .next()?
            .split(',')
            .map(|c| c.parse().ok())
            .collect::<Option<Vec<u32>>>()?;
        let types = self.types.len();
        let complete = rep == expected_rep
            && parts.next().is_none()
            && generations <= self.max_generations
            && history.len() == (generations as usize + 1) * types;
        complete.then_some(MoranRun {
            fixated,
            generations,
            types,
            history,
        })
    }

    fn add(done: &mut Vec<MoranRun>, run: MoranRun) {
        done.push(run);
    }

    fn validate(&self) -> Result<(), RepeatedError> {
        Moran::validate(self)
    }

    fn finish(&self, done: Self::Done) -> MoranResults {
        self.summarise(done)
    }
}

/// Checks and runs `m`, appending each block of repetitions to the checkpoint at `path`.
/// With `resume`, continues from an existing checkpoint. `stop_after` stops once that many
/// repetitions are done in total (used to test interruption). `on_progress(done, total)` is
/// called after each block. The checkpoint is left in place; the caller removes it after
/// writing results.
pub fn run_checkpointed(
    m: &Moran,
    path: &Path,
    resume: bool,
    stop_after: Option<u32>,
    on_progress: &mut dyn FnMut(u32, u32),
) -> Result<Progress<Box<MoranResults>>, RepeatedError> {
    checkpoint::run(m, path, resume, stop_after, on_progress)
}
