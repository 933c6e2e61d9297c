//! Microsoft's litigation stakes and costs as a valuer sees them (docs/model.md §6.1): J = block
//! value + damages + leverage, the incremental costs c_P and c_D of a suit, the one-off costs of
//! filing, the credibility test θ·J ≥ c_P, and the values of the state if Microsoft sues.
//! Belief-free parts are cached per valuer and terms.

use super::StateValuer;
use crate::contract::Contract;
use crate::regime::Regime;
use crate::state::DisputeState;

impl StateValuer<'_> {
    /// One-off costs of filing for each player at the current antitrust pressure: the
    /// antitrust blow-back c_AT0·(1 + k·A_t) and relationship shading θ_sh × the joint value.
    pub(super) fn filing_costs(&self) -> [f64; 3] {
        let (c_at, shade) = self.microsoft_filing_costs();
        [c_at + shade, 0.0, 0.0]
    }

    /// Microsoft's one-off costs of filing, (antitrust blow-back, relationship shading), $B.
    fn microsoft_filing_costs(&self) -> (f64, f64) {
        let m = &self.s.microsoft;
        let c_at = m.antitrust_cost_of_suing
            * (1.0 + m.antitrust_pressure_multiplier * self.shocks.antitrust);
        (c_at, m.shading_rate * self.econ.joint_value())
    }

    pub(super) fn assess(&self, st: &DisputeState) -> Assessment {
        if std::ptr::eq(st, self.state) {
            if let Some(a) = self.assessment.get() {
                return a;
            }
            let a = self.assess_uncached(st);
            self.assessment.set(Some(a));
            return a;
        }
        self.assess_uncached(st)
    }

    /// J, c_P and c_D of a suit over a defiant launch (docs/model.md §6.1), evaluated as if the
    /// launch were live (before a launch Microsoft weighs the suit it could bring against one).
    /// They do not depend on beliefs, the threat or the sweetener, so they are cached per terms.
    pub(super) fn stakes(&self, st: &DisputeState) -> Stakes {
        if let Some(k) = self.shared.stakes.get() {
            if k.terms == st.current && k.amazon_alive == st.amazon_alive {
                return k;
            }
        }
        let SuitRegimes {
            open: open_reg,
            blocked: blocked_reg,
            sued_same_channel: same_channel,
            live,
        } = self.suit_regimes(st);
        let x = &st.current;
        // When `st` is the current state and already live (launched, not enjoined or
        // re-architected, no suit, Amazon in), `live` equals it and the open regime is its
        // impasse regime, so the value with the channel open is the cached calm value.
        let already_live = std::ptr::eq(st, self.state)
            && st.launched
            && !st.rearchitected
            && !st.injunction
            && st.suit.is_none()
            && st.amazon_alive;
        let v_open = if already_live {
            self.calm_value()
        } else {
            self.econ.evaluate(x, &open_reg)
        };
        let v_blocked = self.econ.evaluate(x, &blocked_reg);
        let gain_oa = (v_open[1] - v_blocked[1]) + (v_open[2] - v_blocked[2]);
        let damages = self.expected_damages(&live);
        let block_value = (v_blocked[0] - v_open[0]).max(0.0);
        let leverage = self.s.litigation.leverage_share * gain_oa.max(0.0);
        let v_same = self.econ.evaluate(x, &same_channel);
        let k = Stakes {
            terms: st.current,
            amazon_alive: st.amazon_alive,
            stake: block_value + damages + leverage,
            parts: [block_value, damages, leverage],
            plaintiff_cost: (v_open[0] - v_same[0]).max(0.0) + self.filing_costs()[0],
            defendant_cost: (v_open[1] - v_same[1]).max(0.0),
            value_no_suit: v_open,
        };
        if st.current == self.state.current && st.amazon_alive == self.state.amazon_alive {
            self.shared.stakes.set(Some(k));
        }
        k
    }

    /// The regimes J and c_P compare, for a suit over a defiant launch of `st`'s terms: the
    /// contested state as if the launch were live with the channel open, the same with the
    /// channel blocked, and the state once Microsoft has sued, with the channel still open (so
    /// that the difference to the first is the suit's own cost, not the channel's).
    fn suit_regimes(&self, st: &DisputeState) -> SuitRegimes {
        let mut live = st.clone();
        live.launched = true;
        live.rearchitected = false;
        live.injunction = false;
        live.suit = None;
        let contested = self.impasse_regime(&live);
        // The sued state is the live one with a suit filed: valued in place (no second
        // copy of the state), then the filing is taken back.
        live.file_expected();
        let sued_reg = self.impasse_regime(&live);
        live.suit = None;
        SuitRegimes {
            open: Regime {
                open: 1.0,
                ..contested
            },
            blocked: Regime {
                open: 0.0,
                ..contested
            },
            sued_same_channel: Regime {
                open: 1.0,
                defendant_loss: 0.0,
                ..sued_reg
            },
            live,
        }
    }

    fn assess_uncached(&self, st: &DisputeState) -> Assessment {
        let k = self.stakes(st);
        let mut sued_state = st.clone();
        sued_state.launched = true;
        sued_state.rearchitected = false;
        sued_state.injunction = false;
        sued_state.file_expected();
        let costs = self.filing_costs();
        let mut sued = self
            .econ
            .evaluate(&st.current, &self.impasse_regime(&sued_state));
        for (v, c) in sued.iter_mut().zip(costs) {
            *v -= c;
        }
        Assessment {
            credible: self.theta * k.stake >= k.plaintiff_cost,
            values_if_sued: sued,
            value_no_suit: k.value_no_suit,
            stake: k.stake,
            stake_parts: k.parts,
            plaintiff_cost: k.plaintiff_cost,
            defendant_cost: k.defendant_cost,
        }
    }

    /// Microsoft's litigation stake and costs under this viewer's belief, term by term (for
    /// `pactsim explain`).
    pub(crate) fn litigation_terms(&self) -> LitigationTerms {
        let a = self.assess(self.state);
        let r = self.suit_regimes(self.state);
        let x = &self.state.current;
        let (open, sued) = (
            self.econ.terms(x, &r.open),
            self.econ.terms(x, &r.sued_same_channel),
        );
        let (antitrust, shading) = self.microsoft_filing_costs();
        let own_stake = (open.m_stake_base + open.m_stake_uplift + open.m_stake_liability)
            - (sued.m_stake_base + sued.m_stake_uplift + sued.m_stake_liability);
        let fees = open.m_other - sued.m_other;
        let cost_parts = SuitCostParts {
            antitrust,
            shading,
            own_stake,
            fees,
            other: residue(a.plaintiff_cost, antitrust + shading + own_stake + fees),
        };
        let (valuation, ipo, tranche, defence_fees) = (
            open.o_other_owners - sued.o_other_owners,
            open.o_ipo - sued.o_ipo,
            open.o_tranches - sued.o_tranches,
            open.o_other - sued.o_other,
        );
        let defence_parts = DefenceCostParts {
            valuation,
            ipo,
            tranche,
            fees: defence_fees,
            other: residue(a.defendant_cost, valuation + ipo + tranche + defence_fees),
        };
        LitigationTerms {
            theta: self.theta,
            stake: a.stake,
            block_value: a.stake_parts[0],
            damages: a.stake_parts[1],
            leverage: a.stake_parts[2],
            plaintiff_cost: a.plaintiff_cost,
            plaintiff_cost_parts: cost_parts,
            defendant_cost: a.defendant_cost,
            defendant_cost_parts: defence_parts,
            credible: a.credible,
            threat: self.theta * a.stake >= self.s.litigation.threat_threshold * a.plaintiff_cost,
        }
    }
}

/// Microsoft's litigation stake J and costs, $B, under one belief θ.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LitigationTerms {
    /// The belief θ used.
    pub theta: f64,
    /// J = block value + damages + leverage.
    pub stake: f64,
    /// [U_M(channel blocked) − U_M(channel open)]⁺ in the contested state.
    pub block_value: f64,
    /// Expectation damages (diverted Azure margin to judgment).
    pub damages: f64,
    /// β_lev × OpenAI's and Amazon's gain from the open channel.
    pub leverage: f64,
    /// c_P: the incremental cost of suing.
    pub plaintiff_cost: f64,
    /// c_P term by term; the parts sum to c_P.
    pub plaintiff_cost_parts: SuitCostParts,
    /// c_D: the defendants' (OpenAI's) incremental cost.
    pub defendant_cost: f64,
    /// c_D term by term; the parts sum to c_D.
    pub defendant_cost_parts: DefenceCostParts,
    /// θ·J ≥ c_P.
    pub credible: bool,
    /// θ·J ≥ f_thr·c_P.
    pub threat: bool,
}

/// `total − parts`: what the named parts of a cost leave out, and exactly 0 when that is only
/// rounding error (below 1e-9 of the total), so a report shows 0 rather than −1.4e-14.
fn residue(total: f64, parts: f64) -> f64 {
    let r = total - parts;
    if r.abs() <= 1e-9 * total.abs().max(1.0) {
        0.0
    } else {
        r
    }
}

/// Microsoft's incremental cost of suing, c_P, term by term, $B (docs/model.md §6.1). None of
/// the parts depends on θ.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct SuitCostParts {
    /// Antitrust blow-back c_AT0·(1 + k·A_t), paid at filing.
    pub antitrust: f64,
    /// Relationship shading θ_sh × the present value of Microsoft's OpenAI-model revenue, paid
    /// at filing.
    pub shading: f64,
    /// What the suit costs Microsoft's own stake in OpenAI: the full litigation discount on the
    /// valuation instead of the legal cloud's part of it, and the "suit" IPO class instead of
    /// "threat".
    pub own_stake: f64,
    /// Legal fees to the expected judgment.
    pub fees: f64,
    /// Any other change in Microsoft's value between the contested and the sued state with the
    /// channel open (zero unless the state part of c_P was negative and floored at zero).
    pub other: f64,
}

/// OpenAI's incremental cost of being sued, c_D, term by term, $B (docs/model.md §6.1),
/// before any damages (the channel stays open in both states compared).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct DefenceCostParts {
    /// The full litigation discount on OpenAI's valuation instead of the legal cloud's part of
    /// it, borne by its other owners.
    pub valuation: f64,
    /// The IPO class falling from "threat" to "suit": the IPO benefit times the lost
    /// probability.
    pub ipo: f64,
    /// Amazon's conditional tranche, whose trigger (an IPO or AGI milestone by 2029) becomes
    /// less likely.
    pub tranche: f64,
    /// Legal fees to the expected judgment.
    pub fees: f64,
    /// Any other change (zero unless the state part was negative and floored at zero).
    pub other: f64,
}

/// The regimes behind J and c_P (see `StateValuer::suit_regimes`).
struct SuitRegimes {
    live: DisputeState,
    open: Regime,
    blocked: Regime,
    sued_same_channel: Regime,
}

/// Belief-free litigation stakes of one set of terms.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stakes {
    pub(super) terms: Contract,
    pub(super) amazon_alive: bool,
    pub(super) stake: f64,
    pub(super) parts: [f64; 3],
    pub(super) plaintiff_cost: f64,
    pub(super) defendant_cost: f64,
    pub(super) value_no_suit: [f64; 3],
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Assessment {
    pub(super) credible: bool,
    pub(super) values_if_sued: [f64; 3],
    pub(super) value_no_suit: [f64; 3],
    pub(super) stake: f64,
    pub(super) stake_parts: [f64; 3],
    pub(super) plaintiff_cost: f64,
    pub(super) defendant_cost: f64,
}

impl StateValuer<'_> {
    /// The current state's values with antitrust pressure raised by `jump` (a complaint moves
    /// no other part of the state, so the cached values and assessment are reused).
    pub(super) fn current_value_with_antitrust(&self, jump: f64) -> [f64; 3] {
        // Antitrust pressure only enters through the cost of filing; re-run the suit-risk
        // mixture with the higher pressure.
        let st = self.state;
        let at = (self.shocks.antitrust + jump).clamp(0.0, 1.0);
        let delta = (at - self.shocks.antitrust)
            * self.s.microsoft.antitrust_cost_of_suing
            * self.s.microsoft.antitrust_pressure_multiplier;
        let mut v = self.current_value();
        if st.launched && st.suit.is_none() {
            // The assessment's J, c_P and value without a suit all come from `stakes`; the
            // value of suing is not needed.
            let k = self.stakes(st);
            let credible = self.theta * k.stake >= k.plaintiff_cost;
            // With a costlier suit, a marginally credible suit may stop being credible.
            if credible && self.theta * k.stake < k.plaintiff_cost + delta {
                v = k.value_no_suit;
            }
        }
        v
    }
}
