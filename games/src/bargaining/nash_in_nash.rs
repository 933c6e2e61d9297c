//! Nash-in-Nash bargaining (Horn–Wolinsky 1988; Collard-Wexler, Gowrisankaran & Lee 2019) in a
//! three-node hub network with transferable utility: each hub–spoke link splits its marginal
//! surplus `V(G) − V(G∖link)` by Nash bargaining holding the other contract fixed, and the hub
//! keeps the residual.

use super::{check_range, BargainingError};

/// Payoffs `[spoke 1, spoke 2, hub]`. `v_full = V(G)`; `v_without[k] = V(G ∖ hub–spoke k)`;
/// `standalone[k]` is spoke k's payoff without its link; `spoke_power[k] ∈ [0, 1]` is spoke k's
/// bargaining weight (½ for the symmetric Nash split). Spoke k gets
/// `standalone[k] + spoke_power[k] (V(G) − V(G∖k))`.
pub fn nash_in_nash_hub(
    v_full: f64,
    v_without: [f64; 2],
    standalone: [f64; 2],
    spoke_power: [f64; 2],
) -> Result<[f64; 3], BargainingError> {
    for (name, v) in [
        ("V(G)", v_full),
        ("V(G without link 1)", v_without[0]),
        ("V(G without link 2)", v_without[1]),
        ("stand-alone payoff 1", standalone[0]),
        ("stand-alone payoff 2", standalone[1]),
    ] {
        check_range(
            name,
            v,
            f64::NEG_INFINITY,
            f64::INFINITY,
            true,
            "a finite number",
        )?;
    }
    for b in spoke_power {
        check_range(
            "spoke bargaining weight",
            b,
            0.0,
            1.0,
            false,
            "a weight in [0, 1]",
        )?;
    }
    let mut out = [0.0; 3];
    for k in 0..2 {
        let marginal = v_full - v_without[k];
        if marginal < 0.0 {
            return Err(BargainingError::Infeasible(format!(
                "link {} destroys value (V(G) = {v_full:.2} < V(G without it) = {:.2})",
                k + 1,
                v_without[k]
            )));
        }
        out[k] = standalone[k] + spoke_power[k] * marginal;
    }
    out[2] = v_full - out[0] - out[1];
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example() {
        let [m, a, o] = nash_in_nash_hub(100.0, [60.0, 80.0], [0.0, 0.0], [0.5, 0.5]).unwrap();
        assert_eq!((m, a, o), (20.0, 10.0, 70.0));
        let [m, _, o] = nash_in_nash_hub(100.0, [60.0, 80.0], [5.0, 0.0], [1.0, 0.5]).unwrap();
        assert_eq!((m, o), (45.0, 45.0));
        assert!(nash_in_nash_hub(50.0, [60.0, 10.0], [0.0; 2], [0.5; 2]).is_err());
        assert!(nash_in_nash_hub(50.0, [10.0, 10.0], [0.0; 2], [1.5, 0.5]).is_err());
    }
}
