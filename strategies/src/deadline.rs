//! A nearer deadline that a share of runs have (docs/model.md §7.1): the parameter pair
//! `early_deadline_weeks` W and `early_deadline_share` p, shared by every catalogue agent with
//! a deadline (`payoff-driven`, the wrappers around it, and the Faratin families). Each run
//! draws once, from the player's own types stream, whether its deadline is W (probability p)
//! or the agent's usual one. The draw is taken only when the pair is set, so runs without it
//! leave that stream untouched and are unchanged.

use crate::params::Parser;
use rand::RngExt;
use sim::player::Player;
use sim::rng::{RunKey, Stream};
use sim::SimRng;

/// The parameter names of the pair, in the order the catalogue lists them.
pub(crate) const KEYS: [&str; 2] = ["early_deadline_weeks", "early_deadline_share"];

/// A deadline nearer than the usual one, which a share of runs have: the player's pressure
/// to settle differs between runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EarlyDeadline {
    /// The nearer deadline, weeks.
    pub weeks: f64,
    /// The probability that a run has it.
    pub share: f64,
}

impl EarlyDeadline {
    /// Reads the pair from `p`: `early_deadline_weeks` in (0, 1040] and
    /// `early_deadline_share` in [0, 1], given together (each alone is a problem at its own
    /// key, naming the other). `None` when neither is given or a problem was recorded.
    pub(crate) fn parse(p: &mut Parser<'_>) -> Option<EarlyDeadline> {
        let [weeks_key, share_key] = KEYS;
        let weeks = p.number(weeks_key, 0.0, 1040.0, true);
        let share = p.number(share_key, 0.0, 1.0, false);
        for (key, other) in [(weeks_key, share_key), (share_key, weeks_key)] {
            if let (Some(v), false) = (p.params.get(key), p.params.contains_key(other)) {
                p.bad(key, v, &format!("give {other} with it"));
            }
        }
        weeks
            .zip(share)
            .map(|(weeks, share)| EarlyDeadline { weeks, share })
    }

    /// Whether a run has the early deadline: one uniform draw from its `types` stream,
    /// below `share`.
    pub(crate) fn drawn(&self, types: &mut SimRng) -> bool {
        types.random::<f64>() < self.share
    }

    /// Whether `player`'s agent has the early deadline in the run keyed `run`: [`drawn`]
    /// from a fresh copy of the player's types stream of that run.
    ///
    /// [`drawn`]: EarlyDeadline::drawn
    pub(crate) fn drawn_for(&self, run: &RunKey, player: Player) -> bool {
        self.drawn(&mut run.stream(Stream::types_of(player)))
    }
}

/// The deadline of a run with usual deadline `usual` and optional `early` deadline: the
/// early one when the run draws it from `types` ([`EarlyDeadline::drawn`]), else `usual`.
/// Nothing is drawn when `early` is `None`.
pub(crate) fn run_deadline(early: Option<EarlyDeadline>, usual: f64, types: &mut SimRng) -> f64 {
    match early {
        Some(e) if e.drawn(types) => e.weeks,
        _ => usual,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn parse(text: &str) -> Result<Option<EarlyDeadline>, Vec<String>> {
        let t: toml::Table = toml::from_str(text).unwrap();
        let mut p = Parser::new(&t, &KEYS);
        let e = EarlyDeadline::parse(&mut p);
        if p.problems.is_empty() {
            Ok(e)
        } else {
            Err(p
                .problems
                .iter()
                .map(|q| format!("{}: {}", q.path, q.message))
                .collect())
        }
    }

    /// The pair parses together, each alone names the other, and out-of-range values give
    /// the allowed range.
    #[test]
    fn the_pair_is_checked_together() {
        assert_eq!(parse(""), Ok(None));
        assert_eq!(
            parse("early_deadline_weeks = 8.4\nearly_deadline_share = 0.3"),
            Ok(Some(EarlyDeadline {
                weeks: 8.4,
                share: 0.3
            }))
        );
        assert_eq!(
            parse("early_deadline_weeks = 8"),
            Err(vec![
                "early_deadline_weeks: give early_deadline_share with it".to_string()
            ])
        );
        assert_eq!(
            parse("early_deadline_share = 1"),
            Err(vec![
                "early_deadline_share: give early_deadline_weeks with it".to_string()
            ])
        );
        assert_eq!(
            parse("early_deadline_weeks = 1041\nearly_deadline_share = -0.1"),
            Err(vec![
                "early_deadline_weeks: allowed range is (0, 1040]".to_string(),
                "early_deadline_share: allowed range is [0, 1]".to_string()
            ])
        );
    }

    /// Without an early deadline nothing is drawn; with one, exactly one draw per run.
    #[test]
    fn the_draw_is_taken_only_when_set() {
        let fresh = || SimRng::seed_from_u64(5);
        let mut types = fresh();
        assert_eq!(run_deadline(None, 20.0, &mut types), 20.0);
        assert_eq!(types.random::<u64>(), fresh().random::<u64>());
        let e = EarlyDeadline {
            weeks: 8.0,
            share: 0.5,
        };
        let mut types = fresh();
        let _ = run_deadline(Some(e), 20.0, &mut types);
        let mut once = fresh();
        let _ = once.random::<f64>();
        assert_eq!(types.random::<u64>(), once.random::<u64>());
    }
}
