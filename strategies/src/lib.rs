//! # strategies — pactsim's agents and their catalogue
//!
//! Concrete implementations of `sim::Strategy`: Faratin time-dependent tactics over the contract
//! issues (`tactic`), logit choice among macro-actions (`logit`), Microsoft's credible-threat
//! litigation policy (`litigation_policy`), the composite agent that uses all three
//! (`negotiator`), the per-run early deadline shared by the agents with a deadline
//! (`deadline`), the payoff-driven default negotiator (`payoff_driven`, docs/model.md §7.1),
//! the behaviour-dependent `tit_for_tat` tactic, Microsoft's `threat_then_settle` and
//! `litigate_if_below` rules, the `noisy` transformer (all private modules), and the
//! [`catalog`](mod@catalog) through which scenario files name them.

#![forbid(unsafe_code)]

pub mod catalog;
mod deadline;
mod litigate_if_below;
mod litigation_policy;
mod logit;
mod menu;
pub mod metagame;
mod negotiator;
mod noisy;
mod params;
mod payoff_driven;
mod tactic;
mod threat_then_settle;
mod tit_for_tat;

pub use catalog::{catalog, StrategyCatalog, ENTRIES};
