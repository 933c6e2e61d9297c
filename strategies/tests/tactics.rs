//! Versus-tests of the behaviour-dependent and rule-based negotiators (`tit-for-tat`,
//! `threat-then-settle`, `litigate-if-below`) on the transferable-utility frontier of
//! `common`, and of the `noisy(NAME, P)` transformer in the full engine.

mod common;

use common::{base, calm, Tu};
use rand::SeedableRng;
use sim::contract::Contract;
use sim::event::Silent;
use sim::player::{Coalition, Player};
use sim::rng::RunKey;
use sim::strategy::{Catalog, Move, PublicState, Strategy, View};
use sim::{Engine, Scenario, SimRng};

/// Offers only, never a unilateral move, argmax choice.
const QUIET: &str = "lambda = 1000000.0\nunilateral = false\ncoalitions = [\"MO\"]";

fn agent(name: &str, params: &str, player: Player) -> Box<dyn Strategy> {
    let t: toml::Table = toml::from_str(params).unwrap();
    strategies::catalog()
        .build(name, &t, player, &base())
        .unwrap()
        .create(&sim::rng::RunKey::new(0, 0, 0))
}

fn offer(side_payment: f64) -> Contract {
    Contract {
        side_payment,
        ..base()
    }
}

fn view<'a>(me: Player, public: &'a PublicState, legal: &'a [Move], tu: &'a Tu) -> View<'a> {
    View {
        me,
        public,
        belief: 0.5,
        current: tu_current(),
        legal,
        valuer: tu,
    }
}

fn tu_current() -> &'static Contract {
    static X: std::sync::OnceLock<Contract> = std::sync::OnceLock::new();
    X.get_or_init(base)
}

/// Microsoft's share in OpenAI's offer after OpenAI (`tit-for-tat`, `imitation`) has received
/// Microsoft's offers `m_offers` (Microsoft's side payments) and answered each.
fn tft_counter(imitation: &str, m_offers: &[f64]) -> (f64, Vec<bool>) {
    let tu = Tu::new(base(), 1000);
    let params = format!("imitation = \"{imitation}\"\nlitigation = \"never\"\n{QUIET}");
    let mut o = agent("tit-for-tat", &params, Player::OpenAi);
    let mut answers = Vec::new();
    for (week, &u) in m_offers.iter().enumerate() {
        let public = calm(week as u32, 52);
        let v = view(Player::OpenAi, &public, &[Move::Wait], &tu);
        answers.push(o.respond(&v, &offer(u), Coalition::MO).accept);
    }
    let public = calm(m_offers.len() as u32, 52);
    let v = view(Player::OpenAi, &public, &[Move::Wait], &tu);
    match o.propose(&v, &mut SimRng::seed_from_u64(3)) {
        Move::Offer { contract, .. } => (contract.side_payment, answers),
        other => panic!("expected an offer, got {other:?}"),
    }
}

#[test]
fn tit_for_tat_mirrors_a_conceding_opponent() {
    // Microsoft's demand on OpenAI falls 0.9 → 0.8 → 0.7 of the unit surplus.
    // Relative: OpenAI's demand φ shrinks in the same proportion, 0.7/0.9 of its range.
    let (m_share, _) = tft_counter("relative", &[0.9, 0.8, 0.7]);
    assert!((m_share - (1.0 - 0.7 / 0.9)).abs() < 2e-3, "{m_share}");
    // Absolute: OpenAI gives back the same $0.2B it was given.
    let (m_share, _) = tft_counter("absolute", &[0.9, 0.8, 0.7]);
    assert!((m_share - 0.2).abs() < 2e-3, "{m_share}");
}

#[test]
fn tit_for_tat_holds_firm_against_a_firm_opponent_and_punishes_retraction() {
    let (firm, answers) = tft_counter("relative", &[0.9, 0.9, 0.9, 0.9]);
    assert!(firm.abs() < 2e-3, "no concession answered: {firm}");
    assert!(answers.iter().all(|a| !a));
    let (conceded, _) = tft_counter("absolute", &[0.9, 0.6]);
    let (retracted, _) = tft_counter("absolute", &[0.9, 0.6, 0.8]);
    assert!(
        retracted < conceded - 0.15,
        "{retracted} vs {conceded}: a retraction is answered in kind"
    );
}

#[test]
fn tit_for_tat_accepts_once_the_offer_meets_its_mirrored_demand() {
    // Absolute imitation: after Microsoft's 0.9 → 0.5, OpenAI's demand is 1 − 0.4 = 0.6 and an
    // offer worth 0.5 to it falls short; Microsoft's next step to 0.35 (worth 0.65, demand
    // 0.45) is accepted.
    let (_, answers) = tft_counter("absolute", &[0.9, 0.5, 0.35]);
    assert_eq!(answers, vec![false, false, true]);
}

fn launched(week: u32, threat: bool) -> PublicState {
    PublicState {
        threat,
        launched: true,
        ..calm(week, 52)
    }
}

#[test]
fn threat_then_settle_threatens_first_and_never_sues() {
    let tu = Tu::new(base(), 100);
    let mut m = agent("threat-then-settle", QUIET, Player::Microsoft);
    let mut rng = SimRng::seed_from_u64(4);
    let public = calm(0, 52);
    let first = m.propose(
        &view(
            Player::Microsoft,
            &public,
            &[Move::Wait, Move::Threaten],
            &tu,
        ),
        &mut rng,
    );
    assert_eq!(first, Move::Threaten);
    // A threat needs no turn: asked for a statement in another player's week, it threatens
    // just the same.
    let mut other_week = agent("threat-then-settle", QUIET, Player::Microsoft);
    let legal = [Move::Wait, Move::Threaten];
    let v = view(Player::Microsoft, &public, &legal, &tu);
    assert_eq!(other_week.statement(&v), Some(Move::Threaten));
    let mut tu = Tu::new(base(), 100);
    tu.value_of_suing = 5.0; // suing would be worth far more than any deal
    for week in 1..52 {
        let public = launched(week, true);
        let legal = [Move::Wait, Move::DropThreat, Move::Sue];
        let v = view(Player::Microsoft, &public, &legal, &tu);
        assert_eq!(m.statement(&v), None, "week {week}");
        let mv = m.propose(&v, &mut rng);
        assert!(
            !matches!(mv, Move::Sue | Move::DropThreat | Move::Threaten),
            "week {week}: {mv:?}"
        );
    }
    // OpenAI's threat-then-settle is its base: no statements.
    let mut o = agent("threat-then-settle", QUIET, Player::OpenAi);
    let v = view(Player::OpenAi, &public, &[Move::Wait, Move::Threaten], &tu);
    assert_eq!(o.statement(&v), None);
}

#[test]
fn threat_then_settle_settles_once_the_threat_moved_the_other_side() {
    let tu = Tu::new(base(), 100);
    let answer = |name: &str, after: f64| -> bool {
        let mut m = agent(name, QUIET, Player::Microsoft);
        let before = calm(1, 52);
        let r = m.respond(
            &view(Player::Microsoft, &before, &[Move::Wait], &tu),
            &offer(0.2),
            Coalition::MO,
        );
        assert!(!r.accept, "week 1 aspiration is far above 0.2");
        let threat = launched(2, true);
        m.respond(
            &view(Player::Microsoft, &threat, &[Move::Wait], &tu),
            &offer(after),
            Coalition::MO,
        )
        .accept
    };
    assert!(answer("threat-then-settle", 0.25), "moved: settles");
    assert!(
        !answer("threat-then-settle", 0.15),
        "not moved: keeps bargaining"
    );
    assert!(
        !answer("payoff-driven", 0.25),
        "the base alone would not settle"
    );
}

#[test]
fn litigate_if_below_sues_iff_its_outside_option_beats_the_best_offer() {
    for (best, outside, legal_suit) in [
        (0.3, 0.5, true),
        (0.49, 0.5, true),
        (0.51, 0.5, true),
        (0.8, 0.5, true),
        (0.3, 0.5, false),
    ] {
        let mut tu = Tu::new(base(), 100);
        tu.value_of_suing = outside;
        let mut m = agent("litigate-if-below", QUIET, Player::Microsoft);
        let mut rng = SimRng::seed_from_u64(5);
        let public = launched(1, false);
        let legal: &[Move] = if legal_suit {
            &[Move::Wait, Move::Threaten, Move::Sue]
        } else {
            &[Move::Wait, Move::Threaten]
        };
        // Nothing on the table yet: no suit.
        let mv = m.propose(&view(Player::Microsoft, &public, legal, &tu), &mut rng);
        assert!(!matches!(mv, Move::Sue | Move::Threaten), "{mv:?}");
        for u in [best - 0.1, best] {
            let r = m.respond(
                &view(Player::Microsoft, &public, legal, &tu),
                &offer(u),
                Coalition::MO,
            );
            assert!(!r.accept || u >= outside);
        }
        let mv = m.propose(
            &view(Player::Microsoft, &launched(2, false), legal, &tu),
            &mut rng,
        );
        let should = legal_suit && best < outside;
        assert_eq!(
            mv == Move::Sue,
            should,
            "best {best}, outside {outside}: {mv:?}"
        );
        assert_ne!(mv, Move::Threaten, "it never threatens");
    }
}

fn engine(m: &str) -> Engine {
    let text = include_str!("../../configs/april-2026.toml");
    let set = [format!("agents.microsoft.strategy={m:?}")];
    let sc = Scenario::from_toml(text, "april-2026", &set, strategies::catalog()).unwrap();
    Engine::new(&sc, strategies::catalog()).unwrap()
}

fn play(e: &Engine, runs: u64) -> Vec<String> {
    (0..runs)
        .map(|r| format!("{:?}", e.run(RunKey::new(9, 1, r), &mut Silent)))
        .collect()
}

#[test]
fn noisy_zero_is_the_wrapped_strategy_and_noise_is_reproducible() {
    let runs = 150;
    let plain = play(&engine("payoff-driven"), runs);
    assert_eq!(plain, play(&engine("noisy(payoff-driven, 0)"), runs));
    let noisy = engine("noisy(payoff-driven, 0.3)");
    let a = play(&noisy, runs);
    assert_eq!(a, play(&noisy, runs), "same seed, same runs");
    let differ = a.iter().zip(&plain).filter(|(x, y)| x != y).count();
    assert!(differ > 0, "noise at p = 0.3 changed none of {runs} runs");
}

#[test]
fn bad_noise_probabilities_are_refused_with_the_name() {
    let t = toml::Table::new();
    for bad in [
        "noisy(payoff-driven, 1.5)",
        "noisy(payoff-driven, x)",
        "noisy(nobody, 0.1)",
    ] {
        let e = strategies::catalog().check(bad, &t).unwrap_err();
        assert!(
            e[0].value.contains("noisy") || e[0].value.contains("nobody"),
            "{bad}: {e:?}"
        );
    }
}
