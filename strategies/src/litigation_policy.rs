//! Microsoft's litigation policy (Nalebuff 1987; docs/model.md §6.2): a public threat is a
//! bargaining move made when the suit is close enough to credible; a suit is filed only when it is
//! credible under Microsoft's posterior (θ_M·J ≥ c_P) after a threat has gone unanswered. These
//! moves are statements: an agent makes them on its own turn in place of an offer and, through
//! [`statement`], in other players' weeks before their proposal.

use sim::player::Player;
use sim::strategy::{Move, View};

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

/// The litigation move the credible-threat policy makes now, if any (docs/model.md §6.2): threaten
/// publicly once θ_M·J ≥ f_thr·c_P (a bargaining move, before or after a launch); file once a
/// threat has stood `patience` weeks without a deal, a defiant launch is live and θ_M·J ≥ c_P; drop
/// a threat (paying the audience cost) only when θ_M·J falls below half the threat level.
/// `threat_age` is the number of weeks since the week the outstanding threat was made.
fn litigation_move(view: &View<'_>, threat_age: Option<u32>, patience: u32) -> Option<Move> {
    let p = view.public;
    if p.suit_filed.is_some() || p.rearchitected {
        return None;
    }
    let a = view.valuer.suit_stakes();
    let legal = |m: Move| view.legal.contains(&m).then_some(m);
    let pressure = a.win_probability * a.stake;
    if !p.threat {
        return if a.threat_worthy() {
            legal(Move::Threaten)
        } else {
            None
        };
    }
    if p.launched && a.credible() && threat_age.unwrap_or(0) >= patience {
        return legal(Move::Sue);
    }
    if pressure < 0.5 * a.threat_threshold * a.plaintiff_cost {
        return legal(Move::DropThreat);
    }
    None
}

/// The litigation statement of a player with litigation policy `policy` outside its turn at
/// the table ([`sim::strategy::Strategy::statement`]): Microsoft's credible-threat move, if
/// any; nothing from other players or policies.
pub(crate) fn statement(
    player: Player,
    policy: LitigationPolicy,
    view: &View<'_>,
    patience: u32,
) -> Option<Move> {
    if player != Player::Microsoft || policy != LitigationPolicy::Credible {
        return None;
    }
    let age = view
        .public
        .threat_week
        .map(|w| view.public.week.saturating_sub(w));
    litigation_move(view, age, patience)
}
