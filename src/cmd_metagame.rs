//! `pactsim metagame [SCENARIO]`: the empirical meta-game over negotiation strategies per role
//! (`strategies::metagame`). Writes a results directory (manifest.json, metagame.nfg,
//! profiles.csv, metagame.json, charts.json, plots) and prints the profiles, the equilibria
//! and the April-like shares.

use crate::cli::ScenarioArgs;
use crate::{bad, charts, check_runs, load_scenario, manifest, pool, progress};
use anyhow::{Context, Result};
use plots::{Bar, BarChart, Chart, LegendEntry};
use sim::limits::MAX_EPISODES;
use std::path::PathBuf;
use strategies::metagame::analysis::{Mixture, ShareCi, SolveSettings};
use strategies::metagame::spec::{StrategySets, DEFAULT_NAME, DEFAULT_STRATEGIES};
use strategies::metagame::{self, Metagame, Settings};

/// Options of `pactsim metagame`.
pub(crate) struct MetagameCmd {
    /// Scenario and overrides.
    pub scenario: ScenarioArgs,
    /// Strategies file (default: the embedded list).
    pub strategies: Option<PathBuf>,
    /// Runs per profile.
    pub runs: u64,
    /// Master seed (default: the scenario's).
    pub seed: Option<u64>,
    /// Episodes of regret matching.
    pub episodes: usize,
    /// Logit λ values.
    pub lambdas: Vec<f64>,
    /// Threads, results directory, plots and progress bar.
    pub exec: crate::Execution,
}

/// Runs `pactsim metagame`.
pub(crate) fn run(o: &MetagameCmd) -> Result<()> {
    let scenario = load_scenario(o.scenario.scenario.as_deref(), &o.scenario.set)?;
    if o.runs == 0 {
        return Err(bad("--runs 0: allowed values are 1 or more"));
    }
    check_runs(o.runs)?;
    if o.episodes == 0 || o.episodes > MAX_EPISODES {
        return Err(bad(format!(
            "--episodes {}: allowed values are 1 to {MAX_EPISODES}",
            o.episodes
        )));
    }
    if let Some(l) = o.lambdas.iter().find(|l| !l.is_finite() || **l < 0.0) {
        return Err(bad(format!("--lambda {l}: allowed are finite numbers ≥ 0")));
    }
    let (text, source) = match &o.strategies {
        Some(p) => (
            std::fs::read_to_string(p)
                .map_err(|e| bad(format!("{}: cannot read strategies file: {e}", p.display())))?,
            p.display().to_string(),
        ),
        None => (DEFAULT_STRATEGIES.to_string(), DEFAULT_NAME.to_string()),
    };
    let sets = StrategySets::from_toml(&text, &source, &scenario)
        .map_err(|e| anyhow::Error::new(metagame::MetagameError::Spec(e)))?;
    check_runs(o.runs.saturating_mul(sets.profiles() as u64))?;
    let seed = o.seed.unwrap_or(scenario.seed());
    let pool = pool(o.exec.threads)?;
    let name = scenario.name();
    let dir = crate::results_dir(o.exec.out.as_deref(), || format!("{name}-metagame"))?;
    let settings = Settings {
        runs: o.runs,
        seed,
        solve: SolveSettings {
            lambdas: o.lambdas.clone(),
            episodes: o.episodes,
            seed,
        },
    };
    let bar = progress::bar(sets.profiles() as u64, "profiles", o.exec.quiet);
    let started = std::time::Instant::now();
    let mg = pool.install(|| {
        metagame::run(&scenario, &sets, &settings, &mut |done, _| {
            bar.set_position(done as u64)
        })
    })?;
    bar.finish_and_clear();
    let elapsed = started.elapsed().as_secs_f64();
    let extra = serde_json::json!({
        "strategies_file": o
            .strategies
            .as_ref()
            .map(|p| sim::output::recorded_input(&p.display().to_string())),
        "strategies": text,
        "episodes": o.episodes,
        "lambdas": o.lambdas,
    });
    dir.write_json(
        "manifest.json",
        &manifest(&scenario, "metagame", seed, o.runs, extra)?,
    )?;
    dir.write_text("metagame.nfg", &mg.nfg())?;
    dir.write_text("profiles.csv", &mg.profiles_csv())?;
    dir.write_json("metagame.json", &mg)?;
    let all = metagame_charts(&mg);
    dir.write_json("charts.json", &all)?;
    if let Some(f) = o.exec.plots {
        charts::render_named(&dir.path(""), &all, &charts::formats(f))?;
    }
    let path = dir.commit()?;
    print(&mg, &path)?;
    eprintln!(
        "{} profiles × {} runs in {elapsed:.2} s ({} threads)",
        mg.profiles.len(),
        mg.runs,
        pool.current_num_threads()
    );
    Ok(())
}

fn ci(s: &ShareCi) -> String {
    format!("{:.4} [{:.4}, {:.4}]", s.share, s.ci_low, s.ci_high)
}

fn mixture_line(m: &Mixture, labels: &[Vec<String>; 3]) -> String {
    let roles: Vec<String> = m
        .mixture
        .iter()
        .zip(labels)
        .map(|(p, names)| {
            let parts: Vec<String> = p
                .iter()
                .zip(names)
                .filter(|(x, _)| **x > 5e-4)
                .map(|(x, n)| format!("{n} {x:.3}"))
                .collect();
            parts.join(" + ")
        })
        .collect();
    roles.join(" | ")
}

fn print(mg: &Metagame, path: &std::path::Path) -> std::io::Result<()> {
    outln!(
        "pactsim metagame: {} · {} profiles × {} runs · seed {}\n",
        mg.scenario,
        mg.profiles.len(),
        mg.runs,
        mg.seed
    )?;
    outln!(
        "{:<62} {:>8} {:>8} {:>8}  {:<26} {:>7}",
        "profile (Microsoft | OpenAI | Amazon)",
        "U_M",
        "U_O",
        "U_A",
        "April-like [95% CI]",
        "regret"
    )?;
    for p in &mg.profiles {
        // As `regret_within_noise` in profiles.csv: a regret of 0 (no player gains by
        // deviating) is within noise too.
        let noise = if p.regret.within_noise { "~" } else { "" };
        outln!(
            "{:<62} {:>8.2} {:>8.2} {:>8.2}  {:<26} {:>6.2}{noise}",
            p.labels.join(" | "),
            p.result.mean[0],
            p.result.mean[1],
            p.result.mean[2],
            ci(&p.april_like),
            p.regret.regret
        )?;
    }
    outln!(
        "(payoffs in $B; regret = largest unilateral gain, $B; ~ = within noise: below 1.96 SE, \
         or 0)\n"
    )?;
    outln!("April-like share (95% CI):")?;
    outln!("  default profile            {}", ci(&mg.default_profile))?;
    for m in &mg.equilibria {
        let name = match m.lambda {
            Some(l) => format!("logit QRE λ={l}"),
            None => m.method.clone(),
        };
        outln!(
            "  {:<26} {}   {}",
            name,
            ci(&m.april_like),
            mixture_line(m, &mg.strategies)
        )?;
    }
    if let Some(m) = &mg.learned {
        outln!(
            "  {:<26} {}   {}",
            "regret matching (learned)",
            ci(&m.april_like),
            mixture_line(m, &mg.strategies)
        )?;
    }
    for n in &mg.notes {
        outln!("  note: {n}")?;
    }
    outln!("results: {}", path.display())?;
    Ok(())
}

/// The meta-game's charts: April-like share per profile with 95% intervals, and regret per
/// profile, coloured (with a legend) by whether it is within noise.
pub(crate) fn metagame_charts(mg: &Metagame) -> Vec<(String, Chart)> {
    // Palette colours of the regret bars: bluish green within noise, vermillion beyond.
    const NOISE: usize = 2;
    const BEYOND: usize = 3;
    let sub = format!(
        "{}: {} profiles × {} runs, seed {} (Microsoft | OpenAI | Amazon)",
        mg.scenario,
        mg.profiles.len(),
        mg.runs,
        mg.seed
    );
    let chart = |title: &str,
                 y_label: &str,
                 bars: Vec<Bar>,
                 probability: bool,
                 legend: Vec<LegendEntry>| {
        Chart::Bar(BarChart {
            title: title.into(),
            subtitle: Some(sub.clone()),
            y_label: y_label.into(),
            x_label: Some("profile".into()),
            bars,
            probability,
            legend,
        })
    };
    let bar = |p: &metagame::ProfileRow, value: f64, ci: (f64, f64), colour: usize| Bar {
        label: p.labels.join(" | "),
        value,
        ci_lo: Some(ci.0),
        ci_hi: Some(ci.1),
        colour: Some(colour),
    };
    let april = mg
        .profiles
        .iter()
        .map(|p| {
            let a = p.april_like;
            bar(p, a.share, (a.ci_low, a.ci_high), 0)
        })
        .collect();
    let regret = mg
        .profiles
        .iter()
        .map(|p| {
            let r = &p.regret;
            let ci = ((r.regret - 1.96 * r.se).max(0.0), r.regret + 1.96 * r.se);
            bar(p, r.regret, ci, if r.within_noise { NOISE } else { BEYOND })
        })
        .collect();
    let april = chart(
        "April-like share by strategy profile",
        "share of runs (APRIL_LIKE_STRICT + APRIL_LIKE_BROAD)",
        april,
        true,
        Vec::new(),
    );
    let regret = chart(
        "Regret by strategy profile (largest unilateral gain)",
        "regret ($B; whiskers ±1.96 SE)",
        regret,
        false,
        vec![
            LegendEntry {
                label: "within noise (below 1.96 SE, or 0)".into(),
                colour: NOISE,
            },
            LegendEntry {
                label: "beyond noise".into(),
                colour: BEYOND,
            },
        ],
    );
    vec![
        ("april_like_by_profile".to_string(), april),
        ("regret_by_profile".to_string(), regret),
    ]
}

/// Re-renders the charts of a metagame results directory from its `charts.json`.
pub(crate) fn replot(dir: &std::path::Path, formats: &[plots::Format]) -> Result<Vec<PathBuf>> {
    let all: Vec<(String, Chart)> =
        sim::output::read_json(dir, "charts.json").map_err(|e| bad(format!("{e}")))?;
    charts::render_named(dir, &all, formats).context("rendering the metagame charts")
}
