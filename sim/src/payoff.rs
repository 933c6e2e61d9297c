//! Per-player present values, $B, each at the player's own discount rate (DOMAIN §2.4).
//!
//! [`Economics`] is built once per run from the scenario and the run's setup draws (revenue
//! and valuation multipliers, litigation discount): everything that does not change within a
//! run is precomputed there, so evaluating a contract in a round is a short loop over the seven
//! contract years. [`Economics::evaluate`] values a contract under a [`Regime`] (who can use
//! the AWS path, the litigation state, the IPO prospects), for all three players at once.
//! No randomness and no I/O here.

use crate::contract::{Contract, Tranche};
use crate::scenario::{ScenarioFile, FIRST_YEAR, YEARS};
use crate::Player;

/// Years over which commitments can be spread (2026..=2035).
const COMMIT_YEARS: usize = 10;

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

/// IPO prospects class of a dispute state (selects π_IPO).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum IpoClass {
    /// No dispute (or resolved).
    Clear,
    /// Public threat or defiant launch.
    Threat,
    /// Suit filed.
    Suit,
    /// Preliminary injunction granted.
    Injunction,
}

/// The state of the world a contract is valued in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Regime {
    /// Share of third-party-channel traffic that leaves Azure (Microsoft's view).
    pub aws_traffic: f64,
    /// Share of the channel revenue uplift OpenAI gets.
    pub aws_uplift: f64,
    /// Whether Amazon distributes Frontier (its channel value and stake uplift).
    pub amazon_channel: f64,
    /// Amazon still in the deal (false after a withdrawal: tranche lapses, $100B expansion off).
    pub amazon_alive: bool,
    /// Share of d_L applied to OpenAI's value (1 under a suit, the legal-cloud share under a
    /// defiant launch, 0 otherwise).
    pub litigation_discount_share: f64,
    /// IPO prospects class, or `None` once the listing window has passed.
    pub ipo: Option<IpoClass>,
    /// Whether the IPO window is open.
    pub ipo_window_open: bool,
    /// Expected remaining years of legal fees (0 without a suit).
    pub fee_years: f64,
    /// Expected share of OpenAI's litigation loss borne (θ·J_O for the defendants), $B.
    pub defendant_loss: f64,
    /// Panel-verified AGI has happened.
    pub agi_verified: bool,
    /// Enterprise demand level D_t.
    pub demand: f64,
    /// Expected Musk damages (OpenAI, Microsoft), $B.
    pub musk_damages: [f64; 2],
    /// Musk remedy unwound the recapitalisation (blocks the IPO).
    pub musk_unwound: bool,
    /// Total sweetener (indemnity) committed by Amazon to OpenAI, $B.
    pub sweetener: f64,
}

/// Precomputed economics of one run.
#[derive(Debug, Clone)]
pub struct Economics {
    disc: [[f64; COMMIT_YEARS]; 3],
    revenue: [f64; YEARS],
    phi: [f64; YEARS],
    ms_model_revenue: [f64; YEARS],
    agi_survival: [f64; YEARS],
    valuation: f64,
    litigation_discount: f64,
    joint_value: f64,
    sq_openai_contract_value: f64,
    p: Params,
}

/// Scalars copied out of the scenario once.
#[derive(Debug, Clone, Copy)]
struct Params {
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

impl Economics {
    /// Precomputes a run's economics.
    pub fn new(s: &ScenarioFile, draws: EconomicDraws) -> Economics {
        let rho = s.discount.to_array();
        let mut disc = [[0.0; COMMIT_YEARS]; 3];
        for (i, r) in rho.iter().enumerate() {
            for (y, d) in disc[i].iter_mut().enumerate() {
                // β_i(y) = exp(−ρ_i (y + 0.5 − 2026.2)), DOMAIN §2.4.
                *d = (-r * (y as f64 + 0.5 - 0.2)).exp();
            }
        }
        let mut revenue = [0.0; YEARS];
        let mut phi = [0.0; YEARS];
        let mut ms_model_revenue = [0.0; YEARS];
        let mut agi_survival = [0.0; YEARS];
        let m = &s.microsoft;
        for y in 0..YEARS {
            revenue[y] = draws.revenue_multiplier * s.revenue.path_billion[y];
            phi[y] = s.revenue.third_party_share[y];
            ms_model_revenue[y] =
                m.openai_model_revenue_2026 * (1.0 + m.openai_model_revenue_growth).powi(y as i32);
            agi_survival[y] = (-s.agi.hazard_per_year * (y as f64 + 0.5 - 0.2)).exp();
        }
        let joint_value = (0..YEARS).map(|y| disc[0][y] * ms_model_revenue[y]).sum();
        let ipo = s.litigation.ipo_probability;
        let p = Params {
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
        let mut e = Economics {
            disc,
            revenue,
            phi,
            ms_model_revenue,
            agi_survival,
            valuation: s.openai.valuation * draws.valuation_multiplier,
            litigation_discount: draws.litigation_discount,
            joint_value,
            sq_openai_contract_value: 0.0,
            p,
        };
        e.sq_openai_contract_value = e
            .revenue_flows(&s.contracts.status_quo, 0.0, 1.0, false)
            .openai_contract;
        e
    }

    /// PV of Microsoft's joint co-development value (its OpenAI-model revenue), $B: the base
    /// that relationship shading applies to.
    pub fn joint_value(&self) -> f64 {
        self.joint_value
    }

    /// OpenAI's equity value V_0 × the run's valuation multiplier, $B.
    pub fn valuation(&self) -> f64 {
        self.valuation
    }

    /// The run's litigation discount d_L.
    pub fn litigation_discount(&self) -> f64 {
        self.litigation_discount
    }

    /// Weekly discount factor of `player` at week `week` (for costs accrued during a run).
    pub fn week_discount(&self, player: Player, week: f64) -> f64 {
        // disc[i][0] = exp(−ρ·0.3) → ρ = −ln(disc)/0.3.
        let rho = -self.disc[player as usize][0].ln() / 0.3;
        (-rho * week / 52.0).exp()
    }

    /// Present value of Microsoft's margin on Azure traffic diverted to AWS per week of a
    /// defiant launch (expectation damages base), $B per week.
    pub fn diverted_margin_per_week(&self, demand: f64) -> f64 {
        self.p.m_az * self.p.kappa * self.phi[0] * demand * self.revenue[0] / 52.0
    }

    fn revenue_flows(&self, x: &Contract, aws_uplift: f64, demand: f64, agi: bool) -> Flows {
        let p = &self.p;
        let mut cum = 0.0;
        let mut f = Flows::default();
        let until_agi = x.revenue_share_end == crate::contract::ShareEnd::UntilAgi;
        let last = x.revenue_share_end.last_year();
        for y in 0..YEARS {
            let phi = self.phi[y] * demand;
            let base = self.revenue[y];
            let channel = p.gamma * phi * aws_uplift;
            let delay = p.lambda_first * phi * f64::from(x.azure_first_days) / 365.0;
            let ry = base * (1.0 + channel - delay);
            let year = FIRST_YEAR + y as u16;
            let surv = if x.agi_clause || until_agi {
                if agi {
                    0.0
                } else {
                    self.agi_survival[y]
                }
            } else {
                1.0
            };
            let due = if year <= last {
                x.revenue_share * ry * surv
            } else {
                0.0
            };
            let pay = match x.revenue_share_cap {
                Some(k) => due.min((k - cum).max(0.0)),
                None => due,
            };
            cum += pay;
            let back = x.microsoft_share * self.ms_model_revenue[y];
            f.rs_in_m += self.disc[0][y] * pay;
            f.rs_out_m += self.disc[0][y] * back;
            // OpenAI's contract-dependent flows: channel revenue net of its compute cost and of
            // the Azure-first delay, minus revenue share paid, plus M→O share received.
            let contract_part = base * (channel * (1.0 - p.kappa) - delay) - pay + back;
            f.openai_contract += self.disc[1][y] * contract_part;
            f.openai_revenue += self.disc[1][y] * base;
        }
        f
    }

    /// Values `x` in `regime` for Microsoft, OpenAI and Amazon, $B present value.
    pub fn evaluate(&self, x: &Contract, r: &Regime) -> [f64; 3] {
        let p = &self.p;
        let flows = self.revenue_flows(x, r.aws_uplift, r.demand, r.agi_verified);
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
        // OpenAI's equity value: V_0 priced the status quo; contract changes pass through.
        let v_o = self.valuation
            * (1.0 + p.uplift * r.amazon_channel.min(r.aws_uplift)
                - self.litigation_discount * r.litigation_discount_share)
            + (flows.openai_contract - self.sq_openai_contract_value)
            + ipo_value
            - r.musk_damages[0];
        // Microsoft.
        let mut az = 0.0;
        for y in 0..COMMIT_YEARS {
            let committed = if y < p.az_years {
                x.azure_commitment / p.az_years as f64
            } else {
                0.0
            };
            let forced = if y < YEARS {
                let hold = 1.0
                    - r.aws_traffic
                        * (1.0 - p.lambda_first * f64::from(x.azure_first_days) / 180.0);
                p.kappa * self.phi[y] * r.demand * self.revenue[y] * hold
            } else {
                0.0
            };
            az += self.disc[0][y] * (committed + forced);
        }
        let licence = if x.licence_exclusive { p.omega_x } else { 0.0 }
            + p.omega_y * f64::from(x.licence_end_year.saturating_sub(2030)) * self.agi_survival[4];
        let u_m = flows.rs_in_m - flows.rs_out_m + p.m_az * az + p.stake_m * v_o + licence
            - r.fee_years * p.fees[0]
            - r.musk_damages[1]
            + x.side_payment;
        // OpenAI.
        let u_o = flows.openai_revenue
            + flows.openai_contract
            + p.upfront
            + p.conditional * tranche_share
            + ipo_value
            + r.sweetener
            - r.fee_years * p.fees[1]
            - r.defendant_loss * (1.0 - p.codefendant)
            - r.musk_damages[0]
            - x.side_payment;
        // Amazon.
        let aws_commit = if r.amazon_alive {
            x.aws_commitment
        } else {
            p.original_aws_deal
        };
        let mut aws = 0.0;
        let mut channel = 0.0;
        for y in 0..COMMIT_YEARS {
            if y < p.aws_years {
                aws += self.disc[2][y] * aws_commit / p.aws_years as f64;
            }
            if y < YEARS {
                channel += self.disc[2][y]
                    * p.psi
                    * self.phi[y]
                    * r.demand
                    * self.revenue[y]
                    * r.amazon_channel;
            }
        }
        let stake_a = p.stake_a + (p.stake_a_after - p.stake_a) * tranche_share;
        let u_a = p.m_aws * aws + channel + stake_a * v_o
            - p.conditional * tranche_share
            - r.sweetener
            - r.fee_years * p.fees[2]
            - r.defendant_loss * p.codefendant;
        [u_m, u_o, u_a]
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Flows {
    rs_in_m: f64,
    rs_out_m: f64,
    openai_contract: f64,
    openai_revenue: f64,
}
