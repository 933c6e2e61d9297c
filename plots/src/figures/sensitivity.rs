//! Figures of a `sensitivity` (Morris or one-at-a-time) results directory: the one-at-a-time
//! tornado and, with Morris, the μ* ranking with bootstrap intervals.

use super::{scenario_name, short_number, Figure};
use crate::{Bar, BarChart, Chart, Tornado, TornadoBar};
use sim::output::Manifest;
use sim::reports::SensitivitySummary;

/// The figures of a sensitivity analysis (see the module documentation).
pub fn figures(m: &Manifest, s: &SensitivitySummary) -> Vec<Figure> {
    let share = !(s.target.starts_with("payoff.") || s.target == "time_to_agreement");
    let what = if share {
        format!("P({})", s.target)
    } else {
        s.target.clone()
    };
    let sub = format!(
        "{} · {} runs per point · seed {} · base value {:.3} (MC s.e. {})",
        scenario_name(m),
        s.runs_per_point,
        m.seed,
        s.base_share,
        s.standard_error
            .map_or("unknown".to_string(), |e| format!("{e:.3}"))
    );
    let tornado = Chart::Tornado(Tornado {
        title: format!("{what}: one parameter at a time over its documented range"),
        subtitle: Some(sub.clone()),
        x_label: if share {
            format!("{what} (share of runs)")
        } else {
            what.clone()
        },
        base_value: s.base_share,
        base_label: Some(format!("base {:.3}", s.base_share)),
        bars: s
            .one_at_a_time
            .iter()
            .map(|r| TornadoBar {
                parameter: r.parameter.path.clone(),
                low_label: short_number(r.parameter.low),
                high_label: short_number(r.parameter.high),
                output_low: r.share_low,
                output_high: r.share_high,
            })
            .collect(),
    });
    let Some([trajectories, levels]) = s.morris_design else {
        return vec![("tornado".into(), tornado)];
    };
    let morris = Chart::Bar(BarChart {
        title: format!("Morris screening of {what}: μ* per parameter"),
        subtitle: Some(format!(
            "green raises P, vermillion lowers it · {trajectories} trajectories × {levels} \
             levels · {sub}"
        )),
        y_label: "μ* = mean |elementary effect| (share change per full range)".into(),
        x_label: Some("parameter".into()),
        bars: s
            .morris
            .iter()
            .map(|r| Bar {
                label: r.path.clone(),
                value: r.effect.mu_star,
                ci_lo: r.mu_star_lo,
                ci_hi: r.mu_star_hi,
                colour: Some(if r.effect.mu >= 0.0 { 2 } else { 3 }),
            })
            .collect(),
        probability: false,
        legend: Vec::new(),
    });
    vec![("tornado".into(), tornado), ("morris".into(), morris)]
}
