//! The driver of `pactsim sensitivity`: lays out the evaluation points (the base, each
//! parameter at its low and high value, then the Morris trajectories unless the analysis is
//! one at a time only), validates each into a scenario once, runs them as cells with
//! [`run_cells`] (the loop sweeps use), and turns the target's values into one-at-a-time
//! swings and, with Morris, μ, μ*, σ with bootstrap intervals of μ* and a ranking — a
//! [`SensitivitySummary`] — and the results files. The one-at-a-time points are the same
//! with or without Morris, so their swings are too.
//!
//! Generic and flagship parts: a point's simulation comes from the caller's factory (any
//! [`Simulation`] of the point's scenario) and [`Analysis::run`] returns whatever its runs
//! fold into; [`Analysis::write`] writes any [`CellSummary`] into `outcomes.csv`, and
//! [`Analysis::summarise`] reads the analysis' [`Measure`] from each point's result: the
//! flagship's [`Target`] (an outcome class, time to agreement or a payoff of a
//! [`crate::Summary`]) by default, or another simulation's own measure.
//! [`Analysis::statistics`] works on the measure's values alone. Nothing here prints;
//! progress goes to a [`Progress`].

use super::design::{morris_design, morris_effects, Parameter, Trajectory};
use super::{Measure, SensitivityError, Target};
use crate::limits::{check_points, MAX_BOOTSTRAP, MAX_LEVELS, MAX_RANGES, MAX_SENSITIVITY_POINTS};
use crate::output::{csv_lead, outcomes_csv_header, Manifest, OutputError, ResultsDir};
use crate::reports::{MorrisRow, OneAtATime, SensitivitySummary};
use crate::runner::{run_cells, CellResult, Plan, Progress, Simulation};
use crate::sweep::CellSummary;
use crate::Scenario;
use analysis::ranking::RankingReport;

/// The Morris design and its bootstrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MorrisOptions {
    /// Trajectories.
    pub trajectories: usize,
    /// Grid levels.
    pub levels: u32,
    /// Bootstrap resamples of μ*'s interval.
    pub bootstrap: usize,
}

impl MorrisOptions {
    /// Refuses values out of their allowed ranges (bad input), naming the flag.
    pub fn check(&self) -> Result<(), SensitivityError> {
        if self.trajectories == 0 {
            return Err(SensitivityError::Bad(
                "--trajectories 0: allowed values are 1 or more".into(),
            ));
        }
        if self.levels < 2 || self.levels > MAX_LEVELS {
            return Err(SensitivityError::Bad(format!(
                "--levels {}: allowed values are 2 to {MAX_LEVELS}",
                self.levels
            )));
        }
        if self.bootstrap == 0 || self.bootstrap > MAX_BOOTSTRAP {
            return Err(SensitivityError::Bad(format!(
                "--bootstrap {}: allowed values are 1 to {MAX_BOOTSTRAP}",
                self.bootstrap
            )));
        }
        Ok(())
    }
}

/// An evaluation point: its label (`base`, `oat PATH low`, `morris T.J`), every varied
/// parameter's value, and its validated scenario.
#[derive(Debug, Clone)]
pub struct Point {
    /// Label.
    pub label: String,
    /// Values of the parameters, in parameter order.
    pub values: Vec<f64>,
    /// The scenario at these values.
    pub scenario: Scenario,
}

/// A laid-out, validated sensitivity analysis of the measure `M` (the flagship's [`Target`]
/// unless another is given).
#[derive(Debug, Clone)]
pub struct Analysis<M = Target> {
    /// What is measured.
    pub target: M,
    /// The varied parameters.
    pub params: Vec<Parameter>,
    /// Runs per point.
    pub runs: u64,
    /// Master seed (of the Morris design, the bootstrap and every point's runs).
    pub seed: u64,
    /// The Morris options; `None`: one at a time only (`--method oat`).
    pub morris: Option<MorrisOptions>,
    /// The Morris trajectories (none without Morris).
    pub design: Vec<Trajectory>,
    /// Every evaluation point: the base, 2 per parameter, then the trajectories' points.
    pub points: Vec<Point>,
}

impl<M: Measure> Analysis<M> {
    /// Lays out the points of `params` (at most [`MAX_RANGES`], at most
    /// [`MAX_SENSITIVITY_POINTS`] points) and validates each with `scenario_at(label,
    /// values)`, before anything runs. Without `morris`, only the base and the
    /// one-at-a-time points.
    pub fn new<E: From<SensitivityError>>(
        target: M,
        params: Vec<Parameter>,
        runs: u64,
        seed: u64,
        morris: Option<MorrisOptions>,
        scenario_at: impl Fn(&str, &[f64]) -> Result<Scenario, E>,
    ) -> Result<Analysis<M>, E> {
        if params.len() > MAX_RANGES {
            return Err(SensitivityError::Bad(format!(
                "[ranges] has {} entries; at most {MAX_RANGES} can be varied (limit, see \
                 configs/README.md)",
                params.len()
            ))
            .into());
        }
        let k = params.len();
        let trajectories = morris.map_or(0, |m| m.trajectories);
        let n_points = (k as u64 + 1)
            .checked_mul(trajectories as u64)
            .and_then(|m| m.checked_add(1 + 2 * k as u64))
            .filter(|&n| n <= MAX_SENSITIVITY_POINTS);
        let Some(n_points) = n_points else {
            return Err(SensitivityError::Bad(format!(
                "--trajectories {trajectories}: with {k} parameters this is more than \
                 {MAX_SENSITIVITY_POINTS} evaluation points (limit, see configs/README.md)"
            ))
            .into());
        };
        let what = match morris {
            Some(m) => format!("--trajectories {}", m.trajectories),
            None => "--method oat".to_string(),
        };
        check_points(&what, n_points, runs).map_err(SensitivityError::Bad)?;
        let base_point: Vec<f64> = params.iter().map(|p| p.base).collect();
        let mut points: Vec<(String, Vec<f64>)> = vec![("base".into(), base_point.clone())];
        for (i, p) in params.iter().enumerate() {
            for (tag, u) in [("low", 0.0), ("high", 1.0)] {
                let mut v = base_point.clone();
                v[i] = p.at(u);
                points.push((format!("oat {} {tag}", p.path), v));
            }
        }
        let design = morris.map_or_else(Vec::new, |m| {
            morris_design(k, m.trajectories, m.levels, seed)
        });
        for (t, tr) in design.iter().enumerate() {
            for (j, u) in tr.points.iter().enumerate() {
                let v = params.iter().zip(u).map(|(p, &u)| p.at(u)).collect();
                points.push((format!("morris {t}.{j}"), v));
            }
        }
        let points = points
            .into_iter()
            .map(|(label, values)| {
                let scenario = scenario_at(&label, &values)?;
                Ok(Point {
                    label,
                    values,
                    scenario,
                })
            })
            .collect::<Result<Vec<_>, E>>()?;
        Ok(Analysis {
            target,
            params,
            runs,
            seed,
            morris,
            design,
            points,
        })
    }

    /// Runs every point on `pool` (`simulation` makes a point's simulation from its scenario;
    /// runs seeded by the master seed and the scenario's hash, like `pactsim run`), returning
    /// the summaries in point order.
    pub fn run<S, E>(
        &self,
        pool: &rayon::ThreadPool,
        simulation: impl Fn(&Scenario) -> Result<S, E> + Sync,
        progress: &dyn Progress,
    ) -> Result<Vec<CellResult<S>>, E>
    where
        S: Simulation,
        CellResult<S>: Send,
        E: Send,
    {
        let (seed, runs) = (self.seed, self.runs);
        let cell = |p: &Point| -> Result<(S, Plan), E> {
            let plan = Plan {
                seed,
                cell_hash: p.scenario.hash(),
                runs,
            };
            Ok((simulation(&p.scenario)?, plan))
        };
        let mut summaries = Vec::with_capacity(self.points.len());
        let mut keep = |_: &[Point], got: Vec<CellResult<S>>| -> Result<(), E> {
            summaries.extend(got);
            Ok(())
        };
        let batch = (pool.current_num_threads() * 8).max(8);
        progress.start(self.points.len() as u64, 0, runs);
        let ran = run_cells(pool, &self.points, batch, &cell, progress, &mut keep);
        progress.finish();
        ran?;
        Ok(summaries)
    }

    /// The statistics of the measure at the points' results `summaries` (in point order): one
    /// at a time ranked by |swing|, Morris (when the analysis has it) ranked by μ* with
    /// bootstrap intervals (on `pool`).
    pub fn summarise(
        &self,
        summaries: &[M::Of],
        pool: &rayon::ThreadPool,
    ) -> Result<SensitivitySummary, SensitivityError> {
        let values: Vec<f64> = summaries.iter().map(|s| self.target.value(s)).collect();
        let standard_error = self.target.noise_variance(&summaries[0]).map(f64::sqrt);
        self.statistics(&values, standard_error, pool)
    }

    /// [`Analysis::summarise`] from the target's value at every point (in point order) and
    /// the Monte Carlo standard error of one point's value at the base, when known.
    pub fn statistics(
        &self,
        values: &[f64],
        standard_error: Option<f64>,
        pool: &rayon::ThreadPool,
    ) -> Result<SensitivitySummary, SensitivityError> {
        let mut oat: Vec<OneAtATime> = self
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (lo, hi) = (values[1 + 2 * i], values[2 + 2 * i]);
                OneAtATime {
                    parameter: p.clone(),
                    share_low: lo,
                    share_high: hi,
                    swing: hi - lo,
                }
            })
            .collect();
        oat.sort_by(|a, b| b.swing.abs().total_cmp(&a.swing.abs()));
        let (morris, morris_ranking) = match self.morris {
            Some(m) => {
                let (rows, ranking) = self.morris_statistics(values, m.bootstrap, pool)?;
                (rows, Some(ranking))
            }
            None => (Vec::new(), None),
        };
        Ok(SensitivitySummary {
            target: self.target.name(),
            runs_per_point: self.runs,
            base_share: values[0],
            standard_error,
            one_at_a_time: oat,
            morris_design: self
                .morris
                .map(|m| [m.trajectories as u64, u64::from(m.levels)]),
            morris,
            morris_ranking,
        })
    }

    /// Morris μ, μ*, σ per parameter, ranked by μ*, with `bootstrap` resamples of μ*'s
    /// interval, and the ranking check, from the values at every point.
    fn morris_statistics(
        &self,
        values: &[f64],
        bootstrap: usize,
        pool: &rayon::ThreadPool,
    ) -> Result<(Vec<MorrisRow>, RankingReport), SensitivityError> {
        let k = self.params.len();
        let offset = 1 + 2 * k;
        let y: Vec<Vec<f64>> = (0..self.design.len())
            .map(|t| (0..=k).map(|j| values[offset + t * (k + 1) + j]).collect())
            .collect();
        // Elementary effects by trajectory, for the bootstrap of μ*.
        let ee: Vec<Vec<f64>> = self
            .design
            .iter()
            .zip(&y)
            .map(|(t, ys)| {
                let mut e = vec![0.0; k];
                for (j, (&i, &d)) in t.order.iter().zip(&t.step).enumerate() {
                    e[i] = (ys[j + 1] - ys[j]) / d;
                }
                e
            })
            .collect();
        let seed = self.seed;
        let ci = pool
            .install(|| analysis::morris::mu_star_intervals(&ee, bootstrap, 0.95, seed))
            .map_err(|e| SensitivityError::Bad(e.to_string()))?;
        let names: Vec<String> = self.params.iter().map(|p| p.path.clone()).collect();
        let ranking = analysis::morris::ranking_by_mu_star(
            &names,
            &ci,
            analysis::ranking::RankingOptions::default(),
        );
        let mut morris: Vec<MorrisRow> = self
            .params
            .iter()
            .zip(morris_effects(k, &self.design, &y))
            .zip(&ci)
            .map(|((p, effect), c)| MorrisRow {
                path: p.path.clone(),
                effect,
                mu_star_lo: Some(c.lo),
                mu_star_hi: Some(c.hi),
            })
            .collect();
        morris.sort_by(|a, b| b.effect.mu_star.total_cmp(&a.effect.mu_star));
        Ok((morris, ranking))
    }

    /// The `extra` part of the results' manifest: the target, the parameters, the number of
    /// points and the Morris options (absent when one at a time only).
    pub fn manifest_extra(&self) -> serde_json::Value {
        let mut extra = serde_json::json!({
            "target": self.target.name(),
            "parameters": self.params,
            "points": self.points.len(),
        });
        if let Some(m) = &self.morris {
            extra["morris"] = serde_json::json!({
                "trajectories": m.trajectories,
                "levels": m.levels,
                "bootstrap": m.bootstrap,
            });
        }
        serde_json::json!({ "sensitivity": extra })
    }

    /// Writes `manifest.json`, `summary.json`, `outcomes.csv` (every point with every varied
    /// parameter, then the point's summary's columns) and, with Morris, `warning.txt` (the
    /// ranking's warning, or empty) into `dir`.
    pub fn write<T: CellSummary>(
        &self,
        dir: &ResultsDir,
        manifest: &Manifest,
        summary: &SensitivitySummary,
        summaries: &[T],
    ) -> Result<(), OutputError> {
        dir.write_json("manifest.json", manifest)?;
        dir.write_json("summary.json", summary)?;
        let names: Vec<String> = self.params.iter().map(|p| p.path.clone()).collect();
        let mut csv = outcomes_csv_header("cell,point", &names, T::CSV_COLUMNS);
        for (i, (p, s)) in self.points.iter().zip(summaries).enumerate() {
            let mut vals = vec![p.label.clone()];
            vals.extend(p.values.iter().map(|x| format!("{x:?}")));
            s.csv_rows(&csv_lead(i as u64, &vals), &mut csv);
        }
        dir.write_text("outcomes.csv", &csv)?;
        match &summary.morris_ranking {
            Some(r) => {
                let warning = r.warning.clone().unwrap_or_default();
                dir.write_text("warning.txt", &format!("{warning}\n"))
            }
            None => Ok(()),
        }
    }
}
