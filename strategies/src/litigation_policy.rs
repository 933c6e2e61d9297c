//! Microsoft's litigation policy (DOMAIN §1.7d): threaten, sue or drop a threat only when the
//! threat is credible — the value of suing under Microsoft's own beliefs beats the value of
//! continuing, and Nalebuff's credibility condition J ≥ 2c_P holds.

use sim::litigation::nalebuff_cutoff;
use sim::strategy::{Move, SuitAssessment, View};

/// How a player uses litigation moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LitigationPolicy {
    /// Threaten and sue only when credible; drop a threat that stopped being credible.
    Credible,
    /// Never threaten or sue deliberately (litigation moves are left to the logit choice).
    Logit,
    /// Never use litigation moves at all.
    Never,
}

impl LitigationPolicy {
    /// Catalogue names.
    pub const NAMES: [&'static str; 3] = ["credible", "logit", "never"];

    /// Parses a catalogue name.
    pub fn from_name(s: &str) -> Option<LitigationPolicy> {
        match s {
            "credible" => Some(LitigationPolicy::Credible),
            "logit" => Some(LitigationPolicy::Logit),
            "never" => Some(LitigationPolicy::Never),
            _ => None,
        }
    }
}

/// Whether a suit is credible: worth more than continuing and J ≥ 2c_P (Nalebuff).
pub fn credible(a: &SuitAssessment) -> bool {
    a.value_of_suing > a.value_of_continuing
        && nalebuff_cutoff(a.stake, a.plaintiff_cost, a.defendant_cost).is_some()
}

/// The litigation move the credible-threat policy makes now, if any. `threat_age` is the
/// number of weeks an outstanding threat has stood; `patience` how long to wait before filing.
pub fn litigation_move(view: &View<'_>, threat_age: Option<u32>, patience: u32) -> Option<Move> {
    let p = view.public;
    if p.suit_filed.is_some() || p.rearchitected {
        return None;
    }
    let assessment = view.valuer.suit();
    let is_credible = credible(&assessment);
    let legal = |m: Move| view.legal.contains(&m).then_some(m);
    match (p.threat, is_credible) {
        (false, true) => legal(Move::Threaten),
        (true, true) if threat_age.unwrap_or(0) >= patience => legal(Move::Sue),
        (true, false) => legal(Move::DropThreat),
        _ => None,
    }
}
