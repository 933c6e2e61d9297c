//! A payoff split into its named terms ([`Terms`]), for each player: what `pactsim explain`
//! prints and what [`crate::payoff::Economics::evaluate`] sums.

/// Each player's payoff split into its terms, $B present value (what `pactsim explain`
/// prints). [`Economics::evaluate`] is the sum of these terms, computed by the same code.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Terms {
    /// Microsoft: O→M revenue share received (RS_in).
    pub m_revenue_share_in: f64,
    /// Microsoft: M→O revenue share paid (−RS_out).
    pub m_revenue_share_out: f64,
    /// Microsoft: margin on the committed Azure spend.
    pub m_azure_committed: f64,
    /// Microsoft: margin on exclusivity-forced traffic (what stays on Azure).
    pub m_azure_forced: f64,
    /// Microsoft: Azure's competitive harm from the opened channel (−H_M, docs/model.md §5.1).
    pub m_competitive_harm: f64,
    /// Microsoft: stake × OpenAI's base value (V·(1 − d_L share) + IPO value − Musk damages).
    pub m_stake_base: f64,
    /// Microsoft: stake × multi-cloud uplift.
    pub m_stake_uplift: f64,
    /// Microsoft: stake × the change in OpenAI's value from repricing the revenue-share claim it
    /// owes Microsoft (docs/model.md §5.6).
    pub m_stake_liability: f64,
    /// Microsoft: licence (exclusivity premium and years beyond 2030).
    pub m_licence: f64,
    /// Microsoft: legal fees, Musk damages, damages received, side payment.
    pub m_other: f64,
    /// OpenAI: revenue without the channel.
    pub o_revenue: f64,
    /// OpenAI: channel revenue net of its compute cost.
    pub o_channel: f64,
    /// OpenAI: revenue share paid to Microsoft (−).
    pub o_revenue_share_paid: f64,
    /// OpenAI: M→O revenue share received.
    pub o_revenue_share_received: f64,
    /// OpenAI: Amazon's tranches (upfront + expected conditional).
    pub o_tranches: f64,
    /// OpenAI: IPO value (π_IPO·B_IPO).
    pub o_ipo: f64,
    /// OpenAI: its other owners' share of the change in its equity value (docs/model.md §5.2).
    pub o_other_owners: f64,
    /// OpenAI: value of a non-exclusive licence (docs/model.md §5.2).
    pub o_licence_freedom: f64,
    /// OpenAI: fees, damages, Musk damages, sweetener, side payment.
    pub o_other: f64,
    /// Amazon: margin on the AWS commitment.
    pub a_aws_commitment: f64,
    /// Amazon: Bedrock channel value.
    pub a_channel: f64,
    /// Amazon: stake × OpenAI's value.
    pub a_stake: f64,
    /// Amazon: conditional tranche paid, sweetener, fees, co-defendant share (−).
    pub a_other: f64,
}

impl Terms {
    /// Totals (M, O, A).
    #[inline]
    pub(crate) fn totals(&self) -> [f64; 3] {
        [
            self.m_revenue_share_in
                + self.m_revenue_share_out
                + self.m_azure_committed
                + self.m_azure_forced
                + self.m_competitive_harm
                + self.m_stake_base
                + self.m_stake_uplift
                + self.m_stake_liability
                + self.m_licence
                + self.m_other,
            self.o_revenue
                + self.o_channel
                + self.o_revenue_share_paid
                + self.o_revenue_share_received
                + self.o_tranches
                + self.o_ipo
                + self.o_other_owners
                + self.o_licence_freedom
                + self.o_other,
            self.a_aws_commitment + self.a_channel + self.a_stake + self.a_other,
        ]
    }

    /// (player index, term name, value) for every term, in print order.
    pub(crate) fn named(&self) -> [(usize, &'static str, f64); 23] {
        [
            (0, "revenue share in", self.m_revenue_share_in),
            (0, "revenue share out (M->O)", self.m_revenue_share_out),
            (0, "Azure margin, committed spend", self.m_azure_committed),
            (0, "Azure margin, forced traffic", self.m_azure_forced),
            (0, "Azure competitive harm", self.m_competitive_harm),
            (0, "stake x OpenAI base value", self.m_stake_base),
            (0, "stake x multi-cloud uplift", self.m_stake_uplift),
            (
                0,
                "stake x revenue-share claim repricing",
                self.m_stake_liability,
            ),
            (0, "licence", self.m_licence),
            (0, "fees, damages, Musk, side payment", self.m_other),
            (1, "revenue before the channel", self.o_revenue),
            (1, "third-party channel, net of compute", self.o_channel),
            (1, "revenue share paid", self.o_revenue_share_paid),
            (
                1,
                "revenue share received (M->O)",
                self.o_revenue_share_received,
            ),
            (1, "Amazon tranches", self.o_tranches),
            (1, "IPO value", self.o_ipo),
            (1, "other owners' value change", self.o_other_owners),
            (1, "non-exclusive licence", self.o_licence_freedom),
            (
                1,
                "fees, damages, Musk, sweetener, side payment",
                self.o_other,
            ),
            (2, "AWS commitment margin", self.a_aws_commitment),
            (2, "Bedrock channel", self.a_channel),
            (2, "stake x OpenAI value", self.a_stake),
            (
                2,
                "tranche paid, sweetener, fees, co-defendant",
                self.a_other,
            ),
        ]
    }
}
