//! The driver of `pactsim calibrate`: prior draws (independent uniforms over the documented
//! ranges), each simulated with R runs and accepted when every fact's statistic, read from
//! its run summary, is what the fact asks; the accepted draws run again with fresh
//! seeds for the posterior predictive; then the [`CalibrateSummary`] and the results files
//! (`summary.json`, `draws.csv`, `posterior.csv`, `predictive.csv`, with the caller's
//! manifest). Nothing here prints; progress goes to a [`Progress`].

use super::{CalibrateSummary, CalibrationError, FactEntry, FactsFile, PosteriorRow, Predictive};
use crate::evaluate::{EvaluateError, Evaluator};
use crate::output::{csv_field, Manifest, OutputError, ResultsDir};
use crate::runner::{Fold, Progress, Simulation};
use crate::{Outcome, Scenario, ScenarioError, Summary};
use analysis::abc::{self, AbcResult, Fact, Prior};
use analysis::stats::{mean, quantile};
use analysis::AnalysisError;
use std::path::Path;

/// A calibration: the evaluator of the scenario's ranges, the facts and the prior draws.
pub struct Calibration<'e, 'c> {
    ev: &'e Evaluator<'c>,
    /// The facts file, as given (for messages; results name it by
    /// [`crate::output::recorded_input`]).
    pub facts_file: String,
    /// The facts.
    pub facts: Vec<FactEntry>,
    /// Prior draws.
    pub samples: u64,
}

/// The draws of a calibration and the posterior predictive runs of its accepted draws.
pub struct CalibrationRun {
    /// Every prior draw, its statistics and whether it was accepted.
    pub result: AbcResult,
    /// The run summary of each accepted draw under fresh seeds, in draw order.
    pub predictive: Vec<Summary>,
}

impl<'e, 'c> Calibration<'e, 'c> {
    /// Refuses 0 prior draws (named like the `--samples` flag), and more than the limits allow
    /// ([`crate::limits::check_points`]) for the prior draws plus as many posterior-predictive
    /// ones, of `runs` runs each.
    pub fn check_samples(samples: u64, runs: u64) -> Result<(), CalibrationError> {
        if samples == 0 {
            return Err(CalibrationError::Bad(
                "--samples 0: allowed values are 1 or more".into(),
            ));
        }
        // The prior draws and as many posterior-predictive ones at most.
        crate::limits::check_points(
            &format!("--samples {samples} (prior draws, plus up to as many predictive ones)"),
            samples.saturating_mul(2),
            runs,
        )
        .map_err(CalibrationError::Bad)
    }

    /// A calibration of `ev`'s ranges against the facts of `facts` (read from `facts_file`)
    /// with `samples` prior draws of `ev.runs` runs each.
    pub fn new(
        ev: &'e Evaluator<'c>,
        facts_file: String,
        facts: FactsFile,
        samples: u64,
    ) -> Calibration<'e, 'c> {
        Calibration {
            ev,
            facts_file,
            facts: facts.fact,
            samples,
        }
    }

    /// Each fact's statistic in the run summary `s`.
    pub fn statistics(&self, s: &Summary) -> Result<Vec<f64>, CalibrationError> {
        super::fact_statistics(&self.facts, s)
    }

    /// Runs the scenario's base point once on `pool` and checks that every fact's statistic
    /// exists in its summary, before anything long runs (a missing one is
    /// [`CalibrationError::InFacts`]).
    pub fn check_statistics<S, E>(
        &self,
        pool: &rayon::ThreadPool,
        simulation: impl Fn(&Scenario) -> Result<S, E> + Send,
    ) -> Result<(), E>
    where
        S: Simulation,
        S::Fold: Fold<S::Record, Output = Summary>,
        E: From<ScenarioError> + From<CalibrationError> + Send,
    {
        let ev = self.ev;
        let base_point: Vec<f64> = ev.params.iter().map(|p| p.base).collect();
        let probe = pool.install(|| ev.run_point(&base_point, ev.seed, 1, simulation))?;
        super::require_fact_statistics(&self.facts_file, &self.facts, &probe)?;
        Ok(())
    }

    /// The master seed of the posterior predictive runs.
    pub fn predictive_seed(&self) -> u64 {
        analysis::splitmix64(self.ev.seed ^ 0x5052_4544_4943_5449)
    }

    /// The prior draws on `pool` (progress to `draws`), then the accepted draws again under
    /// [`Calibration::predictive_seed`] (progress to `predictive`). `simulation(point,
    /// scenario)` makes a draw's simulation; `point` is the index among the accepted draws in
    /// the predictive runs, `None` for a prior draw.
    pub fn run<S, E>(
        &self,
        pool: &rayon::ThreadPool,
        simulation: impl Fn(Option<usize>, &Scenario) -> Result<S, E> + Sync,
        draws: &dyn Progress,
        predictive: &dyn Progress,
    ) -> Result<CalibrationRun, E>
    where
        S: Simulation,
        S::Fold: Fold<S::Record, Output = Summary>,
        E: From<ScenarioError>
            + From<EvaluateError>
            + From<CalibrationError>
            + From<AnalysisError>
            + Send,
    {
        let ev = self.ev;
        let prior = Prior {
            names: ev.names(),
            ranges: ev.params.iter().map(|p| (p.low, p.high)).collect(),
        };
        let facts: Vec<Fact> = self
            .facts
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let target = f.target().ok_or_else(|| {
                    CalibrationError::Bad(format!(
                        "fact[{i}] ({}): give observed and tolerance, or min and/or max",
                        f.statistic
                    ))
                })?;
                Ok(Fact {
                    name: f.statistic.clone(),
                    target,
                })
            })
            .collect::<Result<_, CalibrationError>>()?;
        let runs = ev.runs;
        draws.start(self.samples, 0, runs);
        let result = pool.install(|| {
            abc::rejection(&prior, &facts, self.samples, ev.seed, |_, theta| {
                let s = ev.run_point(theta, ev.seed, runs, |sc| simulation(None, sc))?;
                draws.cell_done(runs);
                Ok::<_, E>(self.statistics(&s)?)
            })
        })?;
        draws.finish();
        let accepted: Vec<Vec<f64>> = result.posterior().iter().map(|t| t.to_vec()).collect();
        let predictive = ev.evaluate(
            &accepted,
            self.predictive_seed(),
            pool,
            |i, sc| simulation(Some(i), sc),
            predictive,
        )?;
        Ok(CalibrationRun { result, predictive })
    }

    /// The posterior per parameter, the posterior predictive outcome shares and fact
    /// statistics, and how often each fact was met alone.
    pub fn summarise(&self, run: &CalibrationRun) -> Result<CalibrateSummary, CalibrationError> {
        let (res, pred) = (&run.result, &run.predictive);
        let q = res.posterior_quantiles(&[0.05, 0.5, 0.95]);
        let post = res.posterior();
        let posterior = self
            .ev
            .params
            .iter()
            .enumerate()
            .map(|(j, p)| {
                let v: Vec<f64> = post.iter().map(|t| t[j]).collect();
                let some = !v.is_empty();
                let sd = analysis::stats::variance(&v).sqrt();
                let prior_sd = (p.high - p.low) / 12f64.sqrt();
                PosteriorRow {
                    path: p.path.clone(),
                    prior_low: p.low,
                    prior_high: p.high,
                    base: p.base,
                    mean: some.then(|| mean(&v)),
                    q05: some.then_some(q[j][0]),
                    q50: some.then_some(q[j][1]),
                    q95: some.then_some(q[j][2]),
                    sd_ratio: (v.len() > 1).then(|| sd / prior_sd),
                }
            })
            .collect();
        let predictive_outcomes = Outcome::ALL
            .iter()
            .map(|oc| {
                let v: Vec<f64> = pred.iter().map(|s| s.share(*oc).share).collect();
                predictive_of(oc.name().into(), &v)
            })
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default();
        let facts = &self.facts;
        let mut per_fact: Vec<Vec<f64>> = vec![Vec::new(); facts.len()];
        for s in pred {
            for (acc, x) in per_fact.iter_mut().zip(self.statistics(s)?) {
                acc.push(x);
            }
        }
        let predictive_facts = facts
            .iter()
            .zip(&per_fact)
            .map(|(f, v)| predictive_of(f.statistic.clone(), v))
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default();
        let n = res.draws.len().max(1) as f64;
        let fact_pass_rates = facts
            .iter()
            .enumerate()
            .map(|(i, f)| res.draws.iter().filter(|d| f.met(d.stats[i])).count() as f64 / n)
            .collect();
        Ok(CalibrateSummary {
            facts_file: crate::output::recorded_input(&self.facts_file),
            facts: facts.to_vec(),
            draws: self.samples,
            runs_per_draw: self.ev.runs,
            accepted: res.accepted,
            acceptance_rate: res.acceptance_rate,
            fact_pass_rates,
            posterior,
            predictive_outcomes,
            predictive_facts,
        })
    }

    /// The `extra` part of the results' manifest.
    pub fn manifest_extra(&self) -> serde_json::Value {
        serde_json::json!({"calibrate": {
            "facts": crate::output::recorded_input(&self.facts_file),
            "fact_entries": self.facts,
            "draws": self.samples,
            "predictive_seed": self.predictive_seed()
        }})
    }

    /// Writes `manifest.json`, `summary.json`, `draws.csv` (every draw: parameters, fact
    /// statistics, accepted), `posterior.csv` and `predictive.csv` into `dir`.
    pub fn write(
        &self,
        dir: &ResultsDir,
        manifest: &Manifest,
        summary: &CalibrateSummary,
        run: &CalibrationRun,
    ) -> Result<(), OutputError> {
        dir.write_json("manifest.json", manifest)?;
        dir.write_json("summary.json", summary)?;
        dir.write_text("draws.csv", &self.draws_csv(&run.result))?;
        let mut post =
            String::from("parameter,prior_low,prior_high,base,mean,q05,q50,q95,sd_ratio\n");
        let opt = |x: Option<f64>| x.map_or(String::new(), num);
        for p in &summary.posterior {
            post.push_str(&format!(
                "{},{},{},{},{},{},{},{},{}\n",
                csv_field(&p.path),
                num(p.prior_low),
                num(p.prior_high),
                num(p.base),
                opt(p.mean),
                opt(p.q05),
                opt(p.q50),
                opt(p.q95),
                opt(p.sd_ratio)
            ));
        }
        dir.write_text("posterior.csv", &post)?;
        let mut pc = String::from("quantity,mean,q05,q95\n");
        for p in summary
            .predictive_outcomes
            .iter()
            .chain(&summary.predictive_facts)
        {
            pc.push_str(&format!(
                "{},{},{},{}\n",
                csv_field(&p.name),
                num(p.mean),
                num(p.q05),
                num(p.q95)
            ));
        }
        dir.write_text("predictive.csv", &pc)
    }

    fn draws_csv(&self, res: &AbcResult) -> String {
        let mut s = String::from("draw");
        for n in self.ev.names() {
            s.push(',');
            s.push_str(&csv_field(&n));
        }
        for f in &self.facts {
            s.push(',');
            s.push_str(&csv_field(&format!("stat:{}", f.statistic)));
        }
        s.push_str(",accepted\n");
        for d in &res.draws {
            s.push_str(&d.index.to_string());
            for x in d.theta.iter().chain(&d.stats) {
                s.push(',');
                s.push_str(&num(*x));
            }
            s.push_str(&format!(",{}\n", u8::from(d.accepted)));
        }
        s
    }
}

/// Shortest round-trip text of a float for CSV (empty for NaN).
fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x:?}")
    } else {
        String::new()
    }
}

/// The predictive summary of `v`, or `None` when there is nothing to summarise (no draw was
/// accepted): a quantity without draws is left out, never written as NaN or null.
fn predictive_of(name: String, v: &[f64]) -> Option<Predictive> {
    (!v.is_empty()).then(|| Predictive {
        name,
        mean: mean(v),
        q05: quantile(v, 0.05),
        q95: quantile(v, 0.95),
    })
}

/// Reads `draws.csv` of a calibration's results directory `dir` back into an ABC result
/// (`s` is its `summary.json`).
pub fn read_draws(dir: &Path, s: &CalibrateSummary) -> Result<AbcResult, CalibrationError> {
    let path = dir.join("draws.csv");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| CalibrationError::Bad(format!("{}: {e}", path.display())))?;
    let (k, f) = (s.posterior.len(), s.facts.len());
    let mut draws = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        if cols.len() != 2 + k + f {
            return Err(CalibrationError::Bad(format!(
                "{}:{}: expected {} columns",
                path.display(),
                i + 1,
                2 + k + f
            )));
        }
        let num = |c: &str| c.parse::<f64>().unwrap_or(f64::NAN);
        draws.push(abc::Draw {
            index: cols[0].parse().unwrap_or(i as u64 - 1),
            theta: cols[1..=k].iter().map(|c| num(c)).collect(),
            stats: cols[1 + k..1 + k + f].iter().map(|c| num(c)).collect(),
            accepted: cols[1 + k + f] == "1",
        });
    }
    Ok(AbcResult {
        accepted: s.accepted,
        acceptance_rate: s.acceptance_rate,
        draws,
    })
}
