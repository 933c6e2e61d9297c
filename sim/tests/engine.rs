//! Property tests of the engine against the real strategy catalogue: every run record is
//! internally consistent, and the thread count never changes a summary.

use proptest::prelude::*;
use sim::event::Silent;
use sim::outcome::Outcome;
use sim::runner::{run_cell, Plan};
use sim::stats::{wilson, Z95};
use sim::{Engine, RunKey, Scenario};

fn engine(overrides: &[String]) -> Engine {
    let text = include_str!("../../configs/april-2026.toml");
    let s = Scenario::from_toml(text, "april-2026", overrides, strategies::catalog()).unwrap();
    Engine::new(&s, strategies::catalog()).unwrap()
}

/// `runs` runs of the engine's scenario under master seed `seed`.
fn plan(eng: &Engine, seed: u64, runs: u64) -> Plan {
    Plan {
        seed,
        cell_hash: eng.scenario().hash(),
        runs,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn run_records_are_consistent(seed in any::<u64>(), run in 0u64..1_000_000) {
        let eng = engine(&[]);
        let r = eng.run(RunKey::new(seed, eng.scenario().hash(), run), &mut Silent);
        let deal = matches!(
            r.outcome,
            Outcome::AprilLikeStrict | Outcome::AprilLikeBroad | Outcome::OtherDeal | Outcome::LitigatedSettlement
        );
        if r.outcome != Outcome::AmazonCollapse {
            prop_assert_eq!(r.agreement_week.is_some(), deal);
        }
        prop_assert!(r.payoffs.iter().all(|p| p.is_finite()));
        prop_assert!((0.0..=1.0).contains(&r.april_distance));
        prop_assert!(r.last_week < 52);
        if let Some(w) = r.agreement_week {
            prop_assert_eq!(w, r.last_week);
        }
        if matches!(r.outcome, Outcome::Litigation | Outcome::LitigatedSettlement) {
            prop_assert!(r.suit_filed.is_some());
        }
        // Replaying the same key gives the same record.
        let again = eng.run(RunKey::new(seed, eng.scenario().hash(), run), &mut Silent);
        prop_assert_eq!(r, again);
    }

    #[test]
    fn wilson_interval_contains_the_share(n in 1u64..100_000, k in 0u64..100_000) {
        let k = k % (n + 1);
        let (lo, hi) = wilson(k, n, Z95);
        let p = k as f64 / n as f64;
        prop_assert!(0.0 <= lo && lo <= p + 1e-12 && p <= hi + 1e-12 && hi <= 1.0);
    }
}

#[test]
fn thread_count_never_changes_the_summary() {
    // Near-random macro-actions (λ = 0.02/$B), litigation by logit and a 10-week horizon, so
    // that threats, launches, suits, court events, Amazon's exit, back-downs and impasses are
    // all exercised.
    let eng = engine(&[
        "simulation.horizon_weeks=10".into(),
        "agents.microsoft.params.litigation=logit".into(),
        "agents.microsoft.params.lambda=0.02".into(),
        "agents.openai.params.lambda=0.02".into(),
        "agents.amazon.params.lambda=0.02".into(),
        "protocol.breakdown_hazard_per_week=0.02".into(),
    ]);
    let plan = plan(&eng, 11, 20_000);
    let summary = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| run_cell(&eng, plan, &mut |_, _| Ok(()), &mut |_| {}))
            .unwrap()
    };
    let (one, two, three) = (summary(1), summary(2), summary(3));
    assert_eq!(one, two);
    assert_eq!(one, three);
    assert_eq!(one.runs, 20_000);
    assert!(
        one.litigation.suits > 0 && one.litigation.injunctions > 0,
        "variant should litigate"
    );
    assert!(one.outcomes.iter().filter(|o| o.count > 0).count() >= 6);
}

#[test]
fn suits_reach_judgment_on_a_long_horizon_and_microsoft_wins_about_half() {
    // Priest & Klein (1984); docs/model.md §6.2: with a symmetric prior on the merit (mean 0.5) and
    // a horizon long enough for the court (median 112 weeks to judgment), some suits outlast the
    // pretrial bargaining and are judged; among them Microsoft wins near half the time. The board's
    // breakdown hazard is at the top of its range so that enough runs sue; about one run in 2,500
    // is judged, hence the 400,000 runs.
    let eng = engine(&[
        "simulation.horizon_weeks=400".into(),
        "litigation.win_probability_mean=0.5".into(),
        "protocol.breakdown_hazard_per_week=0.02".into(),
    ]);
    let plan = plan(&eng, 20260427, 400_000);
    let s = run_cell(&eng, plan, &mut |_, _| Ok(()), &mut |_| {}).unwrap();
    let l = &s.litigation;
    assert!(
        l.judgments >= 100,
        "{} judgments of {} suits",
        l.judgments,
        l.suits
    );
    // Most suits still settle: judgment comes first only when the court rules before the
    // parties' concessions meet.
    assert!(l.judgments * 4 < l.suits, "{} of {}", l.judgments, l.suits);
    let rate = l.plaintiff_win_rate.expect("judged runs give a win rate");
    assert!(
        (rate - 0.5).abs() < 0.1,
        "Microsoft won {rate:.3} of {}",
        l.judgments
    );
    // And the judged runs cannot tell the rate from one half: their 95% interval covers it.
    let [lo, hi] = l.plaintiff_win_rate_ci.expect("and its interval");
    assert!(lo < 0.5 && 0.5 < hi, "[{lo:.3}, {hi:.3}]");
    // A judgment ends the run before that week's bargaining: no judged run records a deal,
    // and one for Microsoft ends Amazon's channel.
    let mut judged = 0;
    for run in 0..20_000 {
        let r = eng.run(RunKey::new(plan.seed, plan.cell_hash, run), &mut Silent);
        if let Some(won) = r.judgment {
            judged += 1;
            assert_eq!(r.agreement_week, None, "run {run}");
            assert_eq!(won, r.outcome == Outcome::AmazonCollapse, "run {run}");
        }
    }
    assert!(judged > 0);
}

/// Spier's deadline effect (docs/model.md §7.1): agreements bunch just before OpenAI's
/// deadline, the week its aspiration reaches its disagreement value. Moving the deadline moves
/// the spike with it: the busiest week of agreement is the week before the deadline.
#[test]
fn agreements_bunch_in_the_week_before_openais_deadline() {
    for deadline in [8u32, 12, 16] {
        let eng = engine(&[format!("agents.openai.params.deadline_weeks={deadline}")]);
        let s = run_cell(
            &eng,
            plan(&eng, 20260427, 4_000),
            &mut |_, _| Ok(()),
            &mut |_| {},
        )
        .unwrap();
        let h = &s.time_to_agreement.histogram;
        let busiest = (0..h.len())
            .max_by_key(|&w| (h[w], std::cmp::Reverse(w)))
            .unwrap();
        assert_eq!(busiest as u32, deadline - 1, "deadline {deadline}: {h:?}");
        // A spike, not a plateau: the busiest week holds at least one deal in seven, and the
        // week after the deadline less than two thirds as many.
        let deals = s.time_to_agreement.agreements;
        assert!(7 * h[busiest] >= deals, "deadline {deadline}: {h:?}");
        assert!(
            3 * h[busiest + 2] < 2 * h[busiest],
            "deadline {deadline}: {h:?}"
        );
    }
}

/// Nalebuff's conditioning (docs/model.md §6.3): Microsoft reads only OpenAI's refusals of its own
/// offers, made while a suit is its open option, as news; the news lowers its belief to at most the
/// cutoff, never raises it, and each new cutoff is below the last.
#[test]
fn a_refusal_only_ever_lowers_microsofts_belief() {
    use sim::event::Event;
    use sim::{Coalition, Player};
    let eng = engine(&[]);
    let mut informed_runs = 0;
    for run in 0..600 {
        let mut events: Vec<Event> = Vec::new();
        eng.run(RunKey::new(7, eng.scenario().hash(), run), &mut events);
        let mut last_cutoff = f64::INFINITY;
        let mut informed = false;
        for (k, e) in events.iter().enumerate() {
            let Event::Inference {
                cutoff,
                before,
                after,
                ..
            } = *e
            else {
                continue;
            };
            informed = true;
            assert!(
                after < before + 1e-12 && after <= cutoff,
                "run {run}: {e:?}"
            );
            assert!(cutoff < last_cutoff && (0.01..=0.99).contains(&cutoff));
            last_cutoff = cutoff;
            // What it read: Microsoft's offer to a coalition with OpenAI, refused by OpenAI
            // under a rule with a belief-free concession.
            let Event::Response {
                responder,
                response,
                ..
            } = &events[k - 1]
            else {
                panic!("run {run}: {:?} before the inference", events[k - 1]);
            };
            assert_eq!(*responder, Player::OpenAi);
            assert!(!response.accept && response.concession.is_some());
            assert!(matches!(
                events[k - 2],
                Event::Offer {
                    proposer: Player::Microsoft,
                    coalition: Coalition::MO | Coalition::MOA,
                    ..
                }
            ));
        }
        informed_runs += usize::from(informed);
    }
    assert!(
        informed_runs >= 10,
        "only {informed_runs} of 600 runs learned anything"
    );
}

/// docs/model.md §6.2: a public threat is not a turn at the table. Microsoft's litigation
/// statements come in weeks another player proposes, before that proposal, and they are litigation
/// moves its credible-threat policy allows: a threat only when none stands, a drop only of a
/// standing threat, a filing only over a live launch after the threat has stood.
#[test]
fn microsoft_makes_litigation_statements_in_other_players_weeks() {
    use sim::event::Event;
    use sim::Player;
    let eng = engine(&[]);
    let (mut threats, mut statements) = (0, 0);
    for run in 0..400 {
        let mut events: Vec<Event> = Vec::new();
        eng.run(RunKey::new(11, eng.scenario().hash(), run), &mut events);
        let (mut proposer, mut threat, mut launched) = (None, false, false);
        let mut threat_week = 0;
        for e in &events {
            match *e {
                Event::Round { proposer: p, .. } => proposer = Some(p),
                Event::Statement { week, action, .. } => {
                    statements += 1;
                    assert_ne!(proposer, Some(Player::Microsoft), "run {run}");
                    match action {
                        "threaten" => {
                            assert!(!threat, "run {run}: a second threat");
                            (threat, threat_week) = (true, week);
                            threats += 1;
                        }
                        "drop-threat" => {
                            assert!(threat, "run {run}: dropped no threat");
                            threat = false;
                        }
                        "sue" => assert!(threat && launched && week >= threat_week + 4),
                        other => panic!("run {run}: statement {other}"),
                    }
                }
                Event::Move {
                    player,
                    action,
                    week,
                    ..
                } => match (player, action) {
                    (Player::Microsoft, "threaten") => (threat, threat_week) = (true, week),
                    (Player::Microsoft, "drop-threat") => threat = false,
                    (Player::OpenAi, "launch-on-aws") => launched = true,
                    _ => {}
                },
                _ => {}
            }
        }
    }
    assert!(threats >= 10, "{threats} threats as statements in 400 runs");
    assert!(statements >= threats);
}

/// A run records whether Microsoft's first threat was credible as a suit when it was made:
/// exactly the litigation arithmetic shown with that threat (θ_M·J ≥ c_P), `None` without a
/// threat; and at the baseline most threats are bluffs (θ_M·J between f_thr·c_P and c_P).
#[test]
fn a_run_records_whether_its_first_threat_was_credible() {
    use sim::event::Event;
    let eng = engine(&[]);
    let (mut threatened, mut credible) = (0, 0);
    for run in 0..600 {
        let mut events: Vec<Event> = Vec::new();
        let r = eng.run(RunKey::new(5, eng.scenario().hash(), run), &mut events);
        let mut last = None;
        let mut first = None;
        for e in &events {
            match *e {
                Event::Litigation {
                    theta,
                    stake,
                    plaintiff_cost,
                    threat_threshold,
                    ..
                } => last = Some((theta * stake, plaintiff_cost, threat_threshold)),
                Event::Statement { action, .. } | Event::Move { action, .. }
                    if action == "threaten" && first.is_none() =>
                {
                    let (expected, cost, f_thr) = last.expect("the arithmetic precedes a threat");
                    assert!(
                        expected >= f_thr * cost - 1e-9,
                        "run {run}: a threat below f_thr·c_P"
                    );
                    first = Some(expected >= cost);
                }
                _ => {}
            }
        }
        assert_eq!(r.threat_credible, first, "run {run}");
        assert_eq!(r.threat, first.is_some(), "run {run}");
        threatened += u32::from(r.threat);
        credible += u32::from(r.threat_credible == Some(true));
    }
    assert!(threatened >= 60, "{threatened} threatened runs of 600");
    assert!(
        credible * 5 < threatened,
        "{credible} credible of {threatened}"
    );
    // With the threat threshold at 1 a threat needs θ_M·J ≥ c_P: every threat is credible.
    let eng = engine(&["litigation.threat_threshold=1".to_string()]);
    let mut threatened = 0;
    for run in 0..600 {
        let r = eng.run(
            RunKey::new(5, eng.scenario().hash(), run),
            &mut sim::event::Silent,
        );
        if r.threat {
            threatened += 1;
            assert_eq!(r.threat_credible, Some(true), "run {run}");
        }
    }
    assert!(threatened >= 5, "{threatened} threatened runs at f_thr = 1");
}

/// Microsoft files once its threat has stood `threat_patience_weeks` (4) weeks, counted from
/// the week it was made, with a defiant launch live and θ_M·J ≥ c_P (docs/model.md §6.2): the
/// earliest of its own suits come exactly 4 weeks after the threat, none sooner, and whenever
/// the litigation arithmetic shows those conditions met, the suit follows that week. (An
/// earlier build counted from the week after the threat, so no suit came before week 5.)
#[test]
fn a_credible_threat_is_sued_on_after_its_patience() {
    use sim::event::Event;
    let eng = engine(&[
        "litigation.win_probability_mean=0.75".to_string(),
        "microsoft.antitrust_cost_of_suing=1".to_string(),
    ]);
    let mut gaps = Vec::new();
    for run in 0..3000 {
        let mut events: Vec<Event> = Vec::new();
        eng.run(RunKey::new(5, eng.scenario().hash(), run), &mut events);
        let mut threat_week = None;
        let mut due: Option<u32> = None;
        for e in &events {
            match *e {
                Event::Litigation {
                    week,
                    theta,
                    stake,
                    plaintiff_cost,
                    threat_week: Some(t),
                    launch_live: true,
                    ..
                } if theta * stake >= plaintiff_cost && week - t >= 4 => due = Some(week),
                Event::Statement { week, action, .. } | Event::Move { week, action, .. } => {
                    match action {
                        "threaten" => threat_week = Some(week),
                        "sue" => {
                            let t = threat_week.expect("a suit follows a threat");
                            gaps.push(week - t);
                            due = None;
                        }
                        _ => {}
                    }
                }
                Event::Round { week, .. } => {
                    assert!(
                        due.is_none_or(|d| d == week),
                        "run {run}: no suit in week {due:?}"
                    );
                }
                _ => {}
            }
        }
    }
    assert!(gaps.len() >= 20, "{} suits", gaps.len());
    assert_eq!(gaps.iter().min(), Some(&4), "{gaps:?}");
}
