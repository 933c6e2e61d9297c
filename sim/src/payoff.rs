//! Per-player present values, $B, each at the player's own discount rate (docs/model.md §5).
//!
//! [`Economics`] is built once per run from the scenario and the run's setup draws (revenue
//! and valuation multipliers, litigation discount): everything that does not change within a
//! run is precomputed there, so evaluating a contract in a round is a short loop over the seven
//! contract years. [`Economics::evaluate`] values a contract under a [`Regime`] (who can use
//! the AWS path, the litigation state, the IPO prospects), for all three players at once.
//! No randomness and no I/O here.

use crate::contract::{Contract, Exclusivity, Hosting, ShareEnd, Tranche};
use crate::params::Params;
use crate::regime::Regime;
use crate::schema::{FIRST_YEAR, YEARS};
use crate::terms::Terms;
use crate::Player;

/// Years over which commitments can be spread (2026..=2035); the scenario checks refuse more.
pub(crate) const COMMIT_YEARS: usize = 10;

/// Per-run draws that the economics depend on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EconomicDraws {
    /// Revenue multiplier G.
    pub revenue_multiplier: f64,
    /// Valuation multiplier on V_0.
    pub valuation_multiplier: f64,
    /// Litigation discount d_L on OpenAI's value.
    pub litigation_discount: f64,
}

/// Precomputed economics of one run.
#[derive(Debug, Clone)]
pub(crate) struct Economics {
    disc: [[f64; COMMIT_YEARS]; 3],
    /// β_V(y) = exp(−ρ_V (y + 0.5 − 0.2)): investors' discount factors for the revenue-share claim
    /// (docs/model.md §5.6).
    disc_v: [f64; YEARS],
    /// L_0: market value of the status-quo revenue share with no dispute (priced in V_0).
    liability_sq: f64,
    /// Annual discount rates ρ_i.
    rho: [f64; 3],
    revenue: [f64; YEARS],
    phi: [f64; YEARS],
    /// AGI survival per year: `[normal, contested (hazard × χ)]`.
    agi_survival: [[f64; YEARS]; 2],
    valuation: f64,
    litigation_discount: f64,
    joint_value: f64,
    /// Σ_y β_O(y)·R_y: OpenAI's revenue PV before channel effects.
    openai_revenue_pv: f64,
    /// Σ_y β_O(y)·φ_y·R_y.
    openai_channel_pv: f64,
    /// Σ_y β_i(y)·B_y for Microsoft and OpenAI (M→O share base).
    ms_model_pv: [f64; 2],
    /// Σ_{y < n_Az} β_M(y) / n_Az: PV per $ of Azure commitment.
    azure_commit_coef: f64,
    /// Σ_y β_M(y)·κ_c·φ_y·R_y: forced-traffic compute spend PV at D = 1.
    forced_traffic_pv: f64,
    /// Σ_{y < n_AWS} β_A(y) / n_AWS: PV per $ of AWS commitment.
    aws_commit_coef: f64,
    /// Σ_y β_A(y)·ψ·φ_y·R_y: Amazon's channel value PV at D = 1.
    amazon_channel_pv: f64,
    /// Per-year R_y·φ_y.
    revenue_phi: [f64; YEARS],
    /// Prefix sums for uncapped revenue shares: `[discount (M, O, investors)][AGI survival (0
    /// none, 1 normal, 2 contested)][last year index]` of Σ β·R_y·s_y and Σ β·R_y·φ_y·s_y.
    prefix: [[[f64; YEARS]; 3]; 3],
    prefix_phi: [[[f64; YEARS]; 3]; 3],
    p: Scalars,
}

/// Scalars copied out of the scenario once.
#[derive(Debug, Clone, Copy)]
struct Scalars {
    gamma: f64,
    kappa: f64,
    lambda_first: f64,
    m_az: f64,
    m_aws: f64,
    az_years: usize,
    aws_years: usize,
    psi: f64,
    stake_m: f64,
    omega_x: f64,
    omega_y: f64,
    omega_o: f64,
    liability_pricing: f64,
    zeta: f64,
    psi_first: f64,
    delta_base: f64,
    reach_e1: f64,
    non_exclusive_aws_share: f64,
    fees: [f64; 3],
    uplift: f64,
    ipo_benefit: f64,
    late_milestone: f64,
    upfront: f64,
    conditional: f64,
    stake_a: f64,
    stake_a_after: f64,
    codefendant: f64,
    ipo_prob: [f64; 4],
    original_aws_deal: f64,
}

/// The discount and AGI-survival factors of a scenario: they depend on rates alone, not on a
/// run's draws, so a thread computes them once for as long as the rates stay the same.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Tables {
    /// The rates they were computed from (ρ_M, ρ_O, ρ_A, ρ_V, AGI hazard, χ), compared bit
    /// for bit.
    key: [u64; 6],
    disc: [[f64; COMMIT_YEARS]; 3],
    disc_v: [f64; YEARS],
    agi_survival: [[f64; YEARS]; 2],
}

impl Tables {
    fn compute(s: &Params, key: [u64; 6]) -> Tables {
        let rho = s.discount.to_array();
        let mut disc = [[0.0; COMMIT_YEARS]; 3];
        for (i, r) in rho.iter().enumerate() {
            for (y, d) in disc[i].iter_mut().enumerate() {
                // β_i(y) = exp(−ρ_i (y + 0.5 − 2026.2)), docs/model.md §5.
                *d = (-r * (y as f64 + 0.5 - 0.2)).exp();
            }
        }
        let rho_v = s.openai.liability_discount_rate;
        let disc_v: [f64; YEARS] = std::array::from_fn(|y| (-rho_v * (y as f64 + 0.5 - 0.2)).exp());
        let chi = s.agi.contested_hazard_multiplier;
        let t = |y: usize| y as f64 + 0.5 - 0.2;
        let agi_survival = [
            std::array::from_fn(|y| (-s.agi.hazard_per_year * t(y)).exp()),
            std::array::from_fn(|y| (-s.agi.hazard_per_year * chi * t(y)).exp()),
        ];
        Tables {
            key,
            disc,
            disc_v,
            agi_survival,
        }
    }

    /// The tables for `s`, from this thread's cache when its rates have not changed.
    fn of(s: &Params) -> Tables {
        thread_local! {
            static LAST: std::cell::Cell<Option<Tables>> = const { std::cell::Cell::new(None) };
        }
        let rho = s.discount.to_array();
        let key = [
            rho[0].to_bits(),
            rho[1].to_bits(),
            rho[2].to_bits(),
            s.openai.liability_discount_rate.to_bits(),
            s.agi.hazard_per_year.to_bits(),
            s.agi.contested_hazard_multiplier.to_bits(),
        ];
        LAST.with(|last| match last.get() {
            Some(t) if t.key == key => t,
            _ => {
                let t = Tables::compute(s, key);
                last.set(Some(t));
                t
            }
        })
    }
}

impl Economics {
    /// Precomputes a run's economics.
    pub(crate) fn new(s: &Params, draws: EconomicDraws) -> Economics {
        let rho = s.discount.to_array();
        let Tables {
            disc,
            disc_v,
            agi_survival,
            ..
        } = Tables::of(s);
        let mut revenue = [0.0; YEARS];
        let mut phi = [0.0; YEARS];
        let mut ms_model_revenue = [0.0; YEARS];
        let m = &s.microsoft;
        for y in 0..YEARS {
            revenue[y] = draws.revenue_multiplier * s.revenue.path_billion[y];
            phi[y] = s.revenue.third_party_share[y];
            ms_model_revenue[y] =
                m.openai_model_revenue_2026 * (1.0 + m.openai_model_revenue_growth).powi(y as i32);
        }
        let joint_value = (0..YEARS).map(|y| disc[0][y] * ms_model_revenue[y]).sum();
        let ipo = s.litigation.ipo_probability;
        let p = Scalars {
            gamma: s.revenue.incremental_share,
            kappa: s.revenue.compute_cost_share,
            lambda_first: s.revenue.azure_first_loss,
            m_az: s.cloud.azure_margin,
            m_aws: s.cloud.aws_margin,
            az_years: (s.cloud.azure_commitment_years as usize).min(COMMIT_YEARS),
            aws_years: (s.cloud.aws_commitment_years as usize).min(COMMIT_YEARS),
            psi: s.cloud.bedrock_value_share,
            stake_m: m.stake,
            omega_x: m.licence_exclusivity_premium,
            omega_y: m.licence_value_per_year,
            omega_o: s.openai.nonexclusive_licence_value,
            liability_pricing: s.openai.liability_pricing,
            zeta: s.cloud.competitive_harm,
            psi_first: s.cloud.azure_first_primacy,
            delta_base: m.base_dispute_share,
            reach_e1: s.cloud.stateless_only_reach,
            non_exclusive_aws_share: s.cloud.non_exclusive_aws_share,
            fees: [
                m.legal_fees_per_year,
                s.openai.legal_fees_per_year,
                s.amazon.legal_fees_per_year,
            ],
            uplift: s.openai.multicloud_uplift,
            ipo_benefit: s.openai.ipo_benefit,
            late_milestone: s.openai.late_milestone_probability,
            upfront: s.openai.upfront_tranche,
            conditional: s.openai.conditional_tranche,
            stake_a: s.amazon.stake,
            stake_a_after: s.amazon.stake_after_tranche,
            codefendant: s.amazon.codefendant_share,
            ipo_prob: [ipo.none, ipo.threat, ipo.suit, ipo.injunction],
            original_aws_deal: s.contracts.status_quo.aws_commitment.min(38.0),
        };
        let revenue_phi: [f64; YEARS] = std::array::from_fn(|y| revenue[y] * phi[y]);
        let sum = |f: &dyn Fn(usize) -> f64, n: usize| (0..n).map(f).sum::<f64>();
        let mut e = Economics {
            disc,
            disc_v,
            liability_sq: 0.0,
            rho,
            revenue,
            phi,
            agi_survival,
            valuation: s.openai.valuation * draws.valuation_multiplier,
            litigation_discount: draws.litigation_discount,
            joint_value,
            openai_revenue_pv: sum(&|y| disc[1][y] * revenue[y], YEARS),
            openai_channel_pv: sum(&|y| disc[1][y] * revenue_phi[y], YEARS),
            ms_model_pv: [
                sum(&|y| disc[0][y] * ms_model_revenue[y], YEARS),
                sum(&|y| disc[1][y] * ms_model_revenue[y], YEARS),
            ],
            azure_commit_coef: sum(&|y| disc[0][y], p.az_years) / p.az_years as f64,
            forced_traffic_pv: sum(&|y| disc[0][y] * p.kappa * revenue_phi[y], YEARS),
            aws_commit_coef: sum(&|y| disc[2][y], p.aws_years) / p.aws_years as f64,
            amazon_channel_pv: sum(&|y| disc[2][y] * p.psi * revenue_phi[y], YEARS),
            revenue_phi,
            prefix: [[[0.0; YEARS]; 3]; 3],
            prefix_phi: [[[0.0; YEARS]; 3]; 3],
            p,
        };
        for (who, disc_i) in [
            (0, &disc[0][..YEARS]),
            (1, &disc[1][..YEARS]),
            (2, &disc_v[..]),
        ] {
            for surv in 0..3 {
                let (mut a, mut b) = (0.0, 0.0);
                for (y, d) in disc_i.iter().enumerate().take(YEARS) {
                    let sv = if surv == 0 {
                        1.0
                    } else {
                        e.agi_survival[surv - 1][y]
                    };
                    a += d * e.revenue[y] * sv;
                    b += d * e.revenue_phi[y] * sv;
                    e.prefix[who][surv][y] = a;
                    e.prefix_phi[who][surv][y] = b;
                }
            }
        }
        e.liability_sq = e
            .revenue_flows(&s.contracts.status_quo, &Regime::clear())
            .rs_market;
        e
    }

    /// PV of Microsoft's joint co-development value (its OpenAI-model revenue), $B: the base
    /// that relationship shading applies to.
    pub(crate) fn joint_value(&self) -> f64 {
        self.joint_value
    }

    /// Weekly discount factor of `player` at week `week` (for costs accrued during a run).
    pub(crate) fn week_discount(&self, player: Player, week: f64) -> f64 {
        (-self.rho[player as usize] * week / 52.0).exp()
    }

    /// Present value of Microsoft's margin on Azure traffic diverted to AWS per week of a
    /// defiant launch (expectation damages base), $B per week.
    pub(crate) fn diverted_margin_per_week(&self, demand: f64) -> f64 {
        self.p.m_az * self.p.kappa * self.phi[0] * demand * self.revenue[0] / 52.0
    }

    /// reach(x) ∈ \[0, 1\] (docs/model.md §3): 0 when all stateless calls stay on Azure (e = 2) or
    /// hosting is Azure-only; ρ₁ when only stateless model calls stay on Azure (e = 1); 1 when any
    /// product may run on any cloud (e = 0).
    pub(crate) fn reach(&self, x: &Contract) -> f64 {
        if x.hosting == Hosting::AzureOnly {
            return 0.0;
        }
        match x.exclusivity {
            Exclusivity::AllStateless => 0.0,
            Exclusivity::StatelessOnly => self.p.reach_e1,
            Exclusivity::None => 1.0,
        }
    }

    /// Share of the channel held back by the Azure-first lag: hold(L) = λ_first·L/365.
    pub(crate) fn hold(&self, x: &Contract) -> f64 {
        (self.p.lambda_first * f64::from(x.azure_first_days) / 365.0).min(1.0)
    }

    /// Effective opening of the channel under contract `x`: reach(x)·(1 − hold(L)), the hold
    /// applying only where reach > 0.
    pub(crate) fn open(&self, x: &Contract) -> f64 {
        self.reach(x) * (1.0 - self.hold(x))
    }

    /// Share of the exposed franchise that the opened channel takes off Azure: 1 − ψ_first
    /// when `x` itself opens the channel (reach > 0) with an Azure-first lag, else 1. A defiant
    /// launch under a closed contract keeps no lag, so it gets no primacy. Exactly 1 at
    /// ψ_first = 0.
    fn kept_off_azure(&self, x: &Contract) -> f64 {
        if self.p.psi_first != 0.0 && x.azure_first_days > 0 && self.reach(x) > 0.0 {
            1.0 - self.p.psi_first
        } else {
            1.0
        }
    }

    /// Share of the opened third-party channel that runs on AWS under `x`'s hosting term.
    pub(crate) fn aws_share(&self, x: &Contract) -> f64 {
        match x.hosting {
            Hosting::AnyCloud => self.p.non_exclusive_aws_share,
            _ => 1.0,
        }
    }

    fn revenue_flows(&self, x: &Contract, r: &Regime) -> Flows {
        let p = &self.p;
        // R_y(x) = R_y·(1 + γ·φ_y·D·open): the channel's incremental revenue.
        let k = r.demand * p.gamma * r.open;
        let until_agi = x.revenue_share_end == ShareEnd::UntilAgi;
        let last = x.revenue_share_end.last_year();
        let agi = r.agi_verified;
        let (mut rs_m, mut rs_o, mut rs_v) = (0.0, 0.0, 0.0);
        let survival = x.agi_clause || until_agi;
        // Survival variant: 0 none, 1 normal hazard, 2 contested (× χ) while g is active.
        let sv = match (survival, r.contested && x.agi_clause) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => 2,
        };
        let active = (i64::from(last) - i64::from(FIRST_YEAR) + 1).clamp(0, YEARS as i64) as usize;
        if x.revenue_share > 0.0
            && x.revenue_share_cap.is_none()
            && active > 0
            && !(survival && agi)
        {
            // Uncapped: linear in revenue, so prefix sums give the PV directly.
            let n = active - 1;
            rs_m = x.revenue_share * (self.prefix[0][sv][n] + k * self.prefix_phi[0][sv][n]);
            rs_o = x.revenue_share * (self.prefix[1][sv][n] + k * self.prefix_phi[1][sv][n]);
            rs_v = x.revenue_share * (self.prefix[2][sv][n] + k * self.prefix_phi[2][sv][n]);
        } else if x.revenue_share > 0.0 && !(survival && agi) {
            let mut cum = 0.0;
            let cap = x.revenue_share_cap.unwrap_or(f64::INFINITY);
            for y in 0..YEARS {
                if FIRST_YEAR + y as u16 > last || cum >= cap {
                    break;
                }
                let surv = if sv == 0 {
                    1.0
                } else {
                    self.agi_survival[sv - 1][y]
                };
                let ry = self.revenue[y] + self.revenue_phi[y] * k;
                let pay = (x.revenue_share * ry * surv).min(cap - cum);
                cum += pay;
                rs_m += self.disc[0][y] * pay;
                rs_o += self.disc[1][y] * pay;
                rs_v += self.disc_v[y] * pay;
            }
        }
        // The revenue-share base dispute: while unresolved, OpenAI pays δ_base less
        // (docs/model.md §5.5).
        if r.contested {
            rs_m *= 1.0 - p.delta_base;
            rs_o *= 1.0 - p.delta_base;
            rs_v *= 1.0 - p.delta_base;
        }
        Flows {
            rs_in_m: rs_m,
            rs_paid_o: rs_o,
            rs_market: rs_v,
            channel_o: self.openai_channel_pv * k * (1.0 - p.kappa),
        }
    }

    /// Values `x` in `regime` for Microsoft, OpenAI and Amazon, $B present value.
    #[inline]
    pub(crate) fn evaluate(&self, x: &Contract, r: &Regime) -> [f64; 3] {
        self.terms(x, r).totals()
    }

    /// Each player's payoff of `x` in `regime`, term by term.
    #[inline(always)]
    pub(crate) fn terms(&self, x: &Contract, r: &Regime) -> Terms {
        let p = &self.p;
        let flows = self.revenue_flows(x, r);
        // IPO prospects.
        let pi = match r.ipo {
            Some(class) if r.ipo_window_open && !r.musk_unwound => p.ipo_prob[class as usize],
            Some(_) => 0.0,
            None => 0.0,
        };
        let ipo_value = pi * p.ipo_benefit;
        let trigger = if r.amazon_alive {
            1.0 - (1.0 - pi) * (1.0 - p.late_milestone)
        } else {
            0.0
        };
        let tranche_share = match x.amazon_tranche {
            Tranche::Live => 1.0,
            Tranche::Renegotiated => 0.5,
            Tranche::Cancelled => 0.0,
        } * trigger;
        // OpenAI's equity value: V_0 priced the undisputed status quo; the channel enters once,
        // through the multi-cloud uplift (docs/model.md §5.1).
        let uplift_value = self.valuation * p.uplift * r.open;
        let lit_value = self.valuation * self.litigation_discount * r.litigation_discount_share;
        let v_base = self.valuation - lit_value + ipo_value - r.musk_damages[0];
        // docs/model.md §5.6: investors price the revenue share OpenAI owes Microsoft into its
        // equity; V_0 priced the undisputed status-quo claim L_0, so V_O moves by ν·(L_0 − L(x)).
        // It reaches the stakes of Microsoft and Amazon (each owns part of the payer); OpenAI's own
        // payoff already carries the payments as cash it pays (`o_revenue_share_paid`).
        let liability_value = p.liability_pricing * (self.liability_sq - flows.rs_market);
        // Microsoft.
        let forced = r.demand * self.forced_traffic_pv * (1.0 - r.open);
        let agi_cut = if x.agi_clause {
            self.agi_survival[usize::from(r.contested)][4]
        } else {
            1.0
        };
        let licence = if x.licence_exclusive { p.omega_x } else { 0.0 }
            + p.omega_y * f64::from(x.licence_end_year.saturating_sub(2030)) * agi_cut;
        let stake_a = p.stake_a + (p.stake_a_after - p.stake_a) * tranche_share;
        let others = (1.0 - p.stake_m - stake_a).max(0.0);
        let aws_commit = if r.amazon_alive {
            x.aws_commitment
        } else {
            p.original_aws_deal
        };
        Terms {
            m_revenue_share_in: flows.rs_in_m,
            m_revenue_share_out: -x.microsoft_share * self.ms_model_pv[0],
            m_azure_committed: p.m_az * x.azure_commitment * self.azure_commit_coef,
            m_azure_forced: p.m_az * forced,
            m_competitive_harm: -p.zeta
                * p.m_az
                * self.ms_model_pv[0]
                * r.open
                * self.kept_off_azure(x),
            m_stake_base: p.stake_m * v_base,
            m_stake_uplift: p.stake_m * uplift_value,
            m_stake_liability: p.stake_m * liability_value,
            m_licence: licence,
            m_other: -r.fee_years * p.fees[0] - r.musk_damages[1]
                + r.defendant_loss
                + x.side_payment,
            o_revenue: self.openai_revenue_pv,
            o_channel: flows.channel_o,
            o_revenue_share_paid: -flows.rs_paid_o,
            o_revenue_share_received: x.microsoft_share * self.ms_model_pv[1],
            o_tranches: p.upfront + p.conditional * tranche_share,
            o_ipo: ipo_value,
            o_other_owners: others * (uplift_value - lit_value),
            o_licence_freedom: if x.licence_exclusive { 0.0 } else { p.omega_o },
            o_other: r.sweetener
                - r.fee_years * p.fees[1]
                - r.defendant_loss * (1.0 - p.codefendant)
                - r.musk_damages[0]
                - x.side_payment,
            a_aws_commitment: p.m_aws * aws_commit * self.aws_commit_coef,
            a_channel: self.amazon_channel_pv * r.demand * r.open * r.aws_share,
            a_stake: stake_a * (v_base + uplift_value + liability_value),
            a_other: -p.conditional * tranche_share
                - r.sweetener
                - r.fee_years * p.fees[2]
                - r.defendant_loss * p.codefendant,
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Flows {
    rs_in_m: f64,
    rs_paid_o: f64,
    /// The same payments at investors' rate ρ_V: the claim's market value (docs/model.md §5.6).
    rs_market: f64,
    channel_o: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{Contract, Exclusivity, Hosting, ShareEnd, Tranche};
    use crate::regime::IpoClass;

    fn scenario() -> Params {
        crate::params::baseline()
    }

    fn draws() -> EconomicDraws {
        EconomicDraws {
            revenue_multiplier: 1.0,
            valuation_multiplier: 1.0,
            litigation_discount: 0.1,
        }
    }

    fn share_only(rate: f64, cap: Option<f64>, end: ShareEnd) -> Contract {
        Contract {
            exclusivity: Exclusivity::AllStateless,
            azure_first_days: 0,
            licence_exclusive: false,
            licence_end_year: 2030,
            agi_clause: false,
            revenue_share: rate,
            revenue_share_cap: cap,
            revenue_share_end: end,
            microsoft_share: 0.0,
            hosting: Hosting::AwsExclusive,
            azure_commitment: 250.0,
            aws_commitment: 138.0,
            amazon_tranche: Tranche::Live,
            side_payment: 0.0,
        }
    }

    fn rs_pv(path: [f64; 5], rho: f64, cap: Option<f64>) -> f64 {
        let mut s = scenario();
        s.revenue.path_billion = vec![path[0], path[1], path[2], path[3], path[4], 0.0, 0.0];
        s.discount.microsoft = rho;
        let e = Economics::new(&s, draws());
        e.revenue_flows(
            &share_only(0.2, cap, ShareEnd::Year(2030)),
            &Regime::clear(),
        )
        .rs_in_m
    }

    #[test]
    fn uncapped_share_pv_matches_the_reported_range() {
        // Back of the envelope: uncapped 20% 2026–30 at 8% is $86B (Sep-2025 path) to $105B
        // (Mar-2026 path; both paths in configs/april-2026.toml, F-23). Our mid-year discounting
        // from 2026.2 gives values within 3% of those.
        let sep = rs_pv([30.0, 62.0, 100.0, 145.0, 200.0], 0.08, None);
        let mar = rs_pv([30.0, 62.0, 110.0, 180.0, 280.0], 0.08, None);
        assert!((sep / 86.0 - 1.0).abs() < 0.03, "{sep}");
        assert!((mar / 105.0 - 1.0).abs() < 0.03, "{mar}");
        // Exact value of the formula, by hand: Σ 0.2·R_y·e^{−0.08(y+0.3)}.
        let by_hand: f64 = [30.0, 62.0, 100.0, 145.0, 200.0]
            .iter()
            .enumerate()
            .map(|(y, r)| 0.2 * r * (-0.08 * (y as f64 + 0.3)).exp())
            .sum();
        assert!((sep - by_hand).abs() < 1e-9);
    }

    #[test]
    fn cap_of_38_binds_during_2028() {
        // Back of the envelope: cumulative 2026–28 payments are 0.2·(30 + 62 + 100) = $38.4B to
        // 0.2·(30 + 62 + 110) = $40.4B, so a $38B cap (F-13) binds in 2028 and nothing is paid from
        // 2029; its PV at 8% is ≈ $34B.
        for path in [
            [30.0, 62.0, 100.0, 145.0, 200.0],
            [30.0, 62.0, 110.0, 180.0, 280.0],
        ] {
            let capped = rs_pv(path, 0.08, Some(38.0));
            let through_2027: f64 = (0..2)
                .map(|y| 0.2 * path[y] * (-0.08 * (y as f64 + 0.3)).exp())
                .sum();
            let in_2028 = (38.0 - 0.2 * (path[0] + path[1])) * (-0.08 * 2.3f64).exp();
            assert!((capped - (through_2027 + in_2028)).abs() < 1e-9, "{capped}");
            assert!((capped - 34.0).abs() < 1.0, "{capped}");
        }
    }

    #[test]
    fn uncapped_fast_path_equals_the_capped_loop() {
        let s = scenario();
        let e = Economics::new(&s, draws());
        for end in crate::contract::SHARE_ENDS {
            for agi_clause in [false, true] {
                for agi in [false, true] {
                    for (open, demand, contested) in
                        [(0.0, 1.0, false), (1.0, 1.3, true), (0.4, 0.8, false)]
                    {
                        let r = Regime {
                            open,
                            demand,
                            contested,
                            agi_verified: agi,
                            ..Regime::clear()
                        };
                        let mut x = share_only(0.15, None, end);
                        x.agi_clause = agi_clause;
                        x.azure_first_days = 90;
                        let fast = e.revenue_flows(&x, &r);
                        x.revenue_share_cap = Some(1e12);
                        let slow = e.revenue_flows(&x, &r);
                        assert!((fast.rs_in_m - slow.rs_in_m).abs() < 1e-9);
                        assert!((fast.rs_paid_o - slow.rs_paid_o).abs() < 1e-9);
                    }
                }
            }
        }
    }

    #[test]
    fn more_aws_means_more_openai_value_and_less_forced_traffic() {
        let s = scenario();
        let e = Economics::new(&s, draws());
        let x = s.contracts.status_quo;
        let base = Regime::clear();
        let open = Regime { open: 1.0, ..base };
        let (v0, v1) = (e.evaluate(&x, &base), e.evaluate(&x, &open));
        assert!(v1[1] > v0[1], "OpenAI gains from the AWS channel");
        assert!(v1[2] > v0[2], "Amazon gains from distribution");
        // A suit's IPO class and litigation discount hurt every holder of OpenAI equity.
        let sued = Regime {
            ipo: Some(IpoClass::Suit),
            litigation_discount_share: 1.0,
            ..base
        };
        let vs = e.evaluate(&x, &sued);
        assert!(vs[0] < v0[0] && vs[1] < v0[1] && vs[2] < v0[2]);
    }

    /// L(x) by hand: Σ_y 0.2·R_y·e^{−ρ_V (y + 0.3)} over the years the share runs (no AGI
    /// clause, no cap, undisputed).
    fn claim_by_hand(s: &Params, last: usize) -> f64 {
        let rho_v = s.openai.liability_discount_rate;
        (0..=last)
            .map(|y| 0.2 * s.revenue.path_billion[y] * (-rho_v * (y as f64 + 0.3)).exp())
            .sum()
    }

    #[test]
    fn claim_repricing_reaches_microsoft_and_amazon_stakes_with_its_closed_form() {
        // docs/model.md §5.6: V_O moves by ν·(L_0 − L(x)), L at investors' rate ρ_V; Microsoft gets
        // s_M of it, Amazon s_A, and OpenAI's own payoff is unchanged (it already pays the cash).
        let mut s = scenario();
        s.contracts.status_quo = share_only(0.2, None, ShareEnd::Year(2032));
        s.openai.liability_pricing = 0.8;
        let e = Economics::new(&s, draws());
        let l0 = claim_by_hand(&s, 6);
        for (x, last) in [
            (share_only(0.2, None, ShareEnd::Year(2032)), 6),
            (share_only(0.2, None, ShareEnd::Year(2030)), 4),
            (share_only(0.2, None, ShareEnd::Year(2028)), 2),
        ] {
            let t = e.terms(&x, &Regime::clear());
            let dv = 0.8 * (l0 - claim_by_hand(&s, last));
            let want = s.microsoft.stake * dv;
            assert!((t.m_stake_liability - want).abs() < 1e-9, "{t:?} vs {want}");
            let a_without = {
                let mut s0 = s.clone();
                s0.openai.liability_pricing = 0.0;
                let e0 = Economics::new(&s0, draws());
                let t0 = e0.terms(&x, &Regime::clear());
                assert_eq!(t0.m_stake_liability, 0.0);
                assert_eq!(t0.totals()[1], t.totals()[1], "OpenAI's payoff ignores ν");
                t0.a_stake
            };
            // Amazon's effective stake lies between s_A now and after the conditional tranche.
            let s_a = (t.a_stake - a_without) / dv;
            let (lo, hi) = (s.amazon.stake, s.amazon.stake_after_tranche);
            assert!(dv > 0.0 || last == 6);
            if dv > 0.0 {
                assert!(s_a >= lo - 1e-12 && s_a <= hi + 1e-12, "{s_a}");
            }
        }
        // Ending the share two years earlier raises Microsoft's stake by s_M·ν·(the claim's
        // 2031–32 market value): positive, and smaller than the payments it gives up.
        let full = e.terms(
            &share_only(0.2, None, ShareEnd::Year(2032)),
            &Regime::clear(),
        );
        let short = e.terms(
            &share_only(0.2, None, ShareEnd::Year(2030)),
            &Regime::clear(),
        );
        let stake_gain = short.m_stake_liability - full.m_stake_liability;
        let lost = full.m_revenue_share_in - short.m_revenue_share_in;
        assert!(
            stake_gain > 0.0 && stake_gain < lost,
            "{stake_gain} vs {lost}"
        );
    }
}
