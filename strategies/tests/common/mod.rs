//! Shared fixtures of the versus-tests: a transferable-utility valuer on a grid of side
//! payments, a calm public state and the status-quo contract.

#![allow(dead_code)]

use sim::contract::{Contract, Issue};
use sim::player::{Coalition, Player};
use sim::strategy::{Move, PublicState, SuitAssessment, Valuer};

/// Transferable utility: a contract gives Microsoft `side_payment` and OpenAI the rest of a
/// unit surplus; disagreement is worth 0 to both.
pub(crate) struct Tu {
    grid: Vec<(Contract, [f64; 3])>,
    /// Microsoft's value of suing now (its litigation outside option), $B.
    pub value_of_suing: f64,
}

impl Tu {
    /// A grid of `steps + 1` side payments from 0 to 1 on top of `base`.
    pub(crate) fn new(base: Contract, steps: usize) -> Tu {
        let grid = (0..=steps)
            .map(|k| {
                let u = k as f64 / steps as f64;
                (
                    Contract {
                        side_payment: u,
                        ..base
                    },
                    [u, 1.0 - u, 0.0],
                )
            })
            .collect();
        Tu {
            grid,
            value_of_suing: 0.0,
        }
    }
}

impl Valuer for Tu {
    fn agreement(&self, player: Player, x: &Contract) -> f64 {
        match player {
            Player::Microsoft => x.side_payment,
            Player::OpenAi => 1.0 - x.side_payment,
            Player::Amazon => 0.0,
        }
    }
    fn continuation(&self, _: Player) -> f64 {
        0.0
    }
    fn after_move(&self, _: Player, _: &Move) -> f64 {
        0.0
    }
    fn suit(&self) -> SuitAssessment {
        SuitAssessment {
            win_probability: 0.0,
            stake: 0.0,
            plaintiff_cost: 1.0,
            defendant_cost: 1.0,
            value_of_suing: self.value_of_suing,
            value_of_continuing: 0.0,
            threat_threshold: 1.0,
        }
    }
    fn acceptance(&self, _: Player, _: &Contract) -> f64 {
        0.5
    }
    fn prefers_higher(&self, _: Player, _: Issue) -> Option<bool> {
        None
    }
    fn candidates(&self, _: Coalition, out: &mut Vec<(Contract, [f64; 3])>) {
        out.clear();
        out.extend_from_slice(&self.grid);
    }
}

/// A public state with no dispute moves at `week` of a `horizon`-week game.
pub(crate) fn calm(week: u32, horizon: u32) -> PublicState {
    PublicState {
        week,
        horizon,
        threat: false,
        threat_week: None,
        launched: false,
        rearchitected: false,
        suit_filed: None,
        suit_pending: false,
        trial_weeks: 112.0,
        injunction: false,
        complaint: false,
        antitrust: 0.0,
        amazon_alive: true,
        sweetener: 0.0,
        ipo_window_open: true,
        s1_week: 12.0,
        ipo_window_week: 27.6,
    }
}

pub(crate) fn base() -> Contract {
    toml::from_str(
        r#"exclusivity = "all_stateless"
azure_first_days = 180
licence_exclusive = true
licence_end_year = 2032
agi_clause = true
revenue_share = 0.2
revenue_share_end = "until_agi"
microsoft_share = 0.2
hosting = "aws_exclusive"
azure_commitment = 250.0
aws_commitment = 138.0
amazon_tranche = "live"
side_payment = -1.0"#,
    )
    .unwrap()
}
