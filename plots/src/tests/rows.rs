//! Row charts: payoff distributions and tornado charts.

use super::check;
use crate::*;

pub(super) fn distributions() -> Distributions {
    let row = |label: &str, base: f64, spread: f64| BoxSummary {
        label: label.into(),
        p5: base - 2.0 * spread,
        p25: base - 0.7 * spread,
        p50: base,
        p75: base + 0.8 * spread,
        p95: base + 2.4 * spread,
        mean: Some(base + 0.2 * spread),
        colour: None,
    };
    Distributions {
        title: "Payoff distributions by player".into(),
        subtitle: Some("N = 100000 runs, seed 42".into()),
        x_label: "payoff ($B present value)".into(),
        rows: vec![
            row("Microsoft", 42.0, 9.0),
            row("OpenAI", 31.0, 14.0),
            row("Amazon", 6.0, 5.0),
        ],
    }
}

#[test]
fn distributions_render() {
    let dir = tempfile::tempdir().unwrap();
    check(
        &Chart::Distributions(distributions()),
        dir.path(),
        "distributions",
    );
    let mut edge = distributions();
    edge.title = "Payoff distributions, degenerate rows".into();
    edge.rows[0].p50 = f64::NAN;
    edge.rows[1] = BoxSummary {
        label: "Constant player".into(),
        p5: 0.0,
        p25: 0.0,
        p50: 0.0,
        p75: 0.0,
        p95: 0.0,
        mean: Some(0.0),
        colour: None,
    };
    check(
        &Chart::Distributions(edge),
        dir.path(),
        "distributions_degenerate",
    );
    let mut empty = distributions();
    empty.rows.clear();
    check(
        &Chart::Distributions(empty),
        dir.path(),
        "distributions_empty",
    );
}

pub(super) fn tornado() -> Tornado {
    let bar = |p: &str, lo: &str, hi: &str, a: f64, b: f64| TornadoBar {
        parameter: p.into(),
        low_label: lo.into(),
        high_label: hi.into(),
        output_low: a,
        output_high: b,
    };
    Tornado {
        title: "Sensitivity of P(negotiated deal)".into(),
        subtitle: Some("one parameter at a time, others at base values".into()),
        x_label: "P(negotiated deal)".into(),
        base_value: 0.41,
        base_label: None,
        bars: vec![
            bar("Litigation cost", "$0.5B", "$4B", 0.33, 0.52),
            bar("Microsoft discount rate", "5%", "15%", 0.47, 0.36),
            bar("Amazon outside option value", "$2B", "$20B", 0.44, 0.21),
            bar("Regulator attention", "0.1", "0.6", 0.40, 0.43),
            bar("OpenAI compute need growth", "1.5×/yr", "4×/yr", 0.30, 0.35),
        ],
    }
}

#[test]
fn tornado_renders() {
    let dir = tempfile::tempdir().unwrap();
    check(&Chart::Tornado(tornado()), dir.path(), "tornado");
    let mut empty = tornado();
    empty.bars.clear();
    check(&Chart::Tornado(empty), dir.path(), "tornado_empty");
    let mut flat = tornado();
    flat.title = "Sensitivity, no swing".into();
    flat.bars.iter_mut().for_each(|b| {
        b.output_low = 0.41;
        b.output_high = 0.41;
    });
    flat.bars[0].output_high = f64::NAN;
    check(&Chart::Tornado(flat), dir.path(), "tornado_flat");
}
