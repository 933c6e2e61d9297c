//! Versus-tests of the payoff-driven negotiator (docs/model.md §7.1) on a transferable-utility
//! frontier: two agents whose deadlines are inversely proportional to their discount rates split a
//! unit surplus at the asymmetric Nash point with weights 1/ρ_i, whatever the proposer order.

mod common;

use common::{base, calm, Tu};
use rand::SeedableRng;
use sim::contract::Contract;
use sim::player::{Coalition, Player};
use sim::strategy::{Catalog, Move, View};
use sim::SimRng;

/// Plays alternating offers (Microsoft first when `m_first`) until agreement; returns
/// (Microsoft's share, week).
fn bargain(rho: [f64; 2], m_first: bool) -> (f64, u32) {
    bargain_from(rho, m_first, 0, None)
}

/// [`bargain`] from week `start`, with a suit filed at `start` and judgment expected
/// `trial_weeks` later when `trial_weeks` is given.
fn bargain_from(rho: [f64; 2], m_first: bool, start: u32, trial_weeks: Option<f64>) -> (f64, u32) {
    // Deadlines T_i = c/ρ_i with c = 3 (only their ratio matters for the split).
    let params = |r: f64| -> toml::Table {
        toml::from_str(&format!(
            "beta = 1.0\nkappa = 0.0\ndeadline_weeks = {}\nlambda = 1000000.0\nlitigation = \"never\"\nunilateral = false\ncoalitions = [\"MO\"]",
            3.0 / r
        ))
        .unwrap()
    };
    let cat = strategies::catalog();
    let x0 = base();
    let mut agents = [
        cat.build("payoff-driven", &params(rho[0]), Player::Microsoft, &x0)
            .unwrap()
            .create(&sim::rng::RunKey::new(0, 0, 0)),
        cat.build("payoff-driven", &params(rho[1]), Player::OpenAi, &x0)
            .unwrap()
            .create(&sim::rng::RunKey::new(0, 0, 0)),
    ];
    let tu = Tu::new(x0, 1000);
    let mut rng = SimRng::seed_from_u64(1);
    for week in start..start + 500 {
        let proposer = usize::from((week % 2 == 0) != m_first);
        let responder = 1 - proposer;
        let mut public = calm(week, start + 500);
        if let Some(t) = trial_weeks {
            public.suit_filed = Some(start);
            public.suit_pending = true;
            public.trial_weeks = t;
        }
        let view = |me: Player| View {
            me,
            public: &public,
            belief: 0.5,
            current: &x0,
            legal: &[Move::Wait],
            valuer: &tu,
        };
        let who = [Player::Microsoft, Player::OpenAi];
        let mv = agents[proposer].propose(&view(who[proposer]), &mut rng);
        if let Move::Offer { contract, .. } = mv {
            let r = agents[responder].respond(&view(who[responder]), &contract, Coalition::MO);
            if r.accept {
                return (contract.side_payment, week);
            }
        }
    }
    panic!("no agreement in 500 weeks");
}

#[test]
fn patience_implies_the_asymmetric_nash_split() {
    for rho in [[0.1, 0.3], [0.08, 0.30], [0.2, 0.2], [0.3, 0.1]] {
        // Nash bargaining with weights 1/ρ_i on a unit TU surplus, d = 0.
        let nash = (1.0 / rho[0]) / (1.0 / rho[0] + 1.0 / rho[1]);
        for m_first in [true, false] {
            let (share, week) = bargain(rho, m_first);
            assert!(
                (share - nash).abs() < 0.05,
                "ρ = {rho:?}, M first {m_first}: share {share:.3} vs Nash {nash:.3} (week {week})"
            );
        }
    }
}

#[test]
fn a_filing_restarts_the_clock_on_the_court_calendar() {
    // Both deadlines (30 and 10 weeks) have passed by week 60, so without a suit the first
    // proposer concedes everything at once. A suit filed at week 60 with judgment expected
    // 40 weeks later restarts both clocks on that shared deadline: linear concession from
    // U_max = 1 meets at α = 1/2, 20 weeks after the filing, at the symmetric split.
    let rho = [0.1, 0.3];
    let (_, week) = bargain_from(rho, true, 60, None);
    assert_eq!(week, 60);
    for m_first in [true, false] {
        let (share, week) = bargain_from(rho, m_first, 60, Some(40.0));
        assert!((79..=81).contains(&week), "M first {m_first}: week {week}");
        assert!(
            (share - 0.5).abs() < 0.03,
            "M first {m_first}: share {share:.3}"
        );
    }
}

#[test]
fn more_patience_means_a_larger_share() {
    let (impatient, _) = bargain([0.3, 0.2], true);
    let (patient, _) = bargain([0.1, 0.2], true);
    assert!(patient > impatient + 0.1, "{patient} vs {impatient}");
}

#[test]
fn offers_never_repeat_the_terms_in_force() {
    // At week 5 of a 10-week linear concession Microsoft's aspiration is 0.5, and the offer
    // that maximises OpenAI's gain subject to it gives Microsoft exactly 0.5. When those are
    // the terms already in force, the agent must offer the next candidate (0.6) instead.
    let offer_at = |in_force: f64| -> f64 {
        let x0 = Contract {
            side_payment: in_force,
            ..base()
        };
        let tu = Tu::new(x0, 10);
        let params: toml::Table = toml::from_str(
            "beta = 1.0\nkappa = 0.0\ndeadline_weeks = 10\nlambda = 1000000.0\nlitigation = \"never\"\nunilateral = false",
        )
        .unwrap();
        let mut m = strategies::catalog()
            .build("payoff-driven", &params, Player::Microsoft, &x0)
            .unwrap()
            .create(&sim::rng::RunKey::new(0, 0, 0));
        let public = calm(5, 52);
        let view = View {
            me: Player::Microsoft,
            public: &public,
            belief: 0.5,
            current: &x0,
            legal: &[Move::Wait],
            valuer: &tu,
        };
        match m.propose(&view, &mut SimRng::seed_from_u64(2)) {
            Move::Offer { contract, .. } => contract.side_payment,
            other => panic!("expected an offer, got {other:?}"),
        }
    };
    assert!((offer_at(-1.0) - 0.5).abs() < 1e-12);
    assert!((offer_at(0.5) - 0.6).abs() < 1e-12);
}
