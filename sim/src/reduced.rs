//! The flagship scenario reduced to named end states at its expected values (θ at the prior
//! mean, unit multipliers, week 0): the value of a deal on any contract, of the contested
//! status quo after a defiant launch, of a suit, of OpenAI backing down, of Amazon leaving.
//! It values these with the simulation's own [`StateValuer`], so the stage game and the
//! cooperative benchmarks use exactly the payoff model the agents use, never separate numbers.

use crate::contract::Contract;
use crate::params::Params;
use crate::payoff::Economics;
use crate::scenario::Scenario;
use crate::shocks::Shocks;
use crate::state::DisputeState;
use crate::valuer::{issue_preferences, IssuePreferences, SharedValues, StateValuer};

/// A named end state of the dispute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EndState {
    /// Status quo, nothing happens (no launch).
    Calm,
    /// OpenAI launches Frontier on AWS without a waiver; Microsoft does not sue now (the
    /// value includes the risk of a later suit where it is credible).
    ContestedLaunch,
    /// OpenAI launches and Microsoft sues (expected court outcome under the prior θ, minus
    /// Microsoft's filing costs).
    Suit,
    /// OpenAI re-architects so that stateless calls route to Azure.
    Backdown,
    /// Amazon withdraws from Frontier distribution.
    AmazonGone,
}

/// Values of end states and deals at the scenario's expected values.
pub(crate) struct Reduced {
    s: Params,
    shocks: Shocks,
    econ: Economics,
    prefs: IssuePreferences,
}

impl Reduced {
    /// Prepares the reduced model of a scenario.
    pub(crate) fn new(scenario: &Scenario) -> Reduced {
        let s = scenario.params().clone();
        let shocks = Shocks::expected(&s);
        let econ = Economics::new(&s, shocks.draws);
        let prefs = issue_preferences(&s);
        Reduced {
            s,
            shocks,
            econ,
            prefs,
        }
    }

    /// The scenario parameters.
    pub(crate) fn params(&self) -> &Params {
        &self.s
    }

    fn state(&self, end: EndState) -> DisputeState {
        let mut st = DisputeState::new(&self.s);
        match end {
            EndState::Calm => {}
            EndState::ContestedLaunch => st.launched = true,
            EndState::Suit => {
                st.launched = true;
                st.file_expected();
            }
            EndState::Backdown => st.rearchitected = true,
            EndState::AmazonGone => st.amazon_alive = false,
        }
        st
    }

    /// Runs `f` with a valuer of `st` under the true θ.
    fn with_valuer<T>(&self, st: &DisputeState, f: impl FnOnce(&StateValuer<'_>) -> T) -> T {
        let shared = SharedValues::default();
        let (s, econ, shocks) = (&self.s, &self.econ, &self.shocks);
        f(&StateValuer::new(
            s,
            econ,
            st,
            shocks,
            shocks.theta,
            &self.prefs,
            &shared,
        ))
    }

    /// Values (Microsoft, OpenAI, Amazon), $B, of an end state.
    pub(crate) fn value(&self, end: EndState) -> [f64; 3] {
        let mut out = self.with_valuer(&self.state(end), |v| v.current_value());
        if end == EndState::Suit {
            out[0] -= self.filing_cost();
        }
        out
    }

    /// Microsoft's one-off cost of filing: antitrust blow-back c_AT0·(1 + k·A_0) plus
    /// relationship shading θ_sh × the joint co-development value, $B.
    pub(crate) fn filing_cost(&self) -> f64 {
        let m = &self.s.microsoft;
        m.antitrust_cost_of_suing * (1.0 + m.antitrust_pressure_multiplier * self.shocks.antitrust)
            + m.shading_rate * self.econ.joint_value()
    }

    /// Values when Microsoft files a suit that is moot (OpenAI backed down): the backdown
    /// values less Microsoft's filing costs.
    pub(crate) fn moot_suit(&self) -> [f64; 3] {
        let mut v = self.value(EndState::Backdown);
        v[0] -= self.filing_cost();
        v
    }

    /// Values (Microsoft, OpenAI, Amazon), $B, of an agreement on `x` now.
    pub(crate) fn deal(&self, x: &Contract) -> [f64; 3] {
        self.with_valuer(&self.state(EndState::Calm), |v| v.agreement_values(x))
    }

    /// Values of an agreement on `x` with Amazon gone (the AWS path closed).
    pub(crate) fn deal_without_amazon(&self, x: &Contract) -> [f64; 3] {
        self.with_valuer(&self.state(EndState::AmazonGone), |v| v.agreement_values(x))
    }
}
