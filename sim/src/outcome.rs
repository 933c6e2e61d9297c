//! Outcome classes and their classification rules (docs/model.md §8), applied in order at
//! absorption or at the horizon: the first match wins. APRIL_LIKE_BROAD counts the April
//! features of the deal ([`april_features`], at least 4 of 6).

use crate::contract::{Contract, Exclusivity, Hosting, ShareEnd, Tranche};
use crate::state::DisputeState;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Outcome {
    /// Amazon withdrew, the tranche was cancelled, or Frontier-on-AWS was terminated.
    AmazonCollapse,
    /// A suit was filed and no deal followed (pending at the horizon, dismissed, or judged
    /// for OpenAI).
    Litigation,
    /// A deal was reached after a suit was filed.
    LitigatedSettlement,
    /// The April 2026 terms, strictly, by week 13.
    AprilLikeStrict,
    /// No suit; an MO deal opening the AWS path with at least 4 of the 6 April features.
    AprilLikeBroad,
    /// Any other MO deal: the AWS path kept closed, or opened on terms far from April.
    OtherDeal,
    /// OpenAI backed down (re-architected) or the launch was withdrawn.
    StatusQuoBackdown,
    /// No agreement, no suit: the contested status quo.
    Impasse,
}

impl Outcome {
    /// All classes in classification order.
    pub const ALL: [Outcome; 8] = [
        Outcome::AmazonCollapse,
        Outcome::Litigation,
        Outcome::LitigatedSettlement,
        Outcome::AprilLikeStrict,
        Outcome::AprilLikeBroad,
        Outcome::OtherDeal,
        Outcome::StatusQuoBackdown,
        Outcome::Impasse,
    ];

    /// Position in [`Outcome::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Name as used in files and tables.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::AmazonCollapse => "AMAZON_COLLAPSE",
            Outcome::Litigation => "LITIGATION",
            Outcome::LitigatedSettlement => "LITIGATED_SETTLEMENT",
            Outcome::AprilLikeStrict => "APRIL_LIKE_STRICT",
            Outcome::AprilLikeBroad => "APRIL_LIKE_BROAD",
            Outcome::OtherDeal => "OTHER_DEAL",
            Outcome::StatusQuoBackdown => "STATUS_QUO_BACKDOWN",
            Outcome::Impasse => "IMPASSE",
        }
    }

    /// Parses a name (as printed by [`Outcome::name`], case-insensitive).
    pub fn from_name(name: &str) -> Option<Outcome> {
        Outcome::ALL
            .into_iter()
            .find(|o| o.name().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether `x` lets Frontier use the AWS path: `e ≤ 1 ∧ h ≠ AzureOnly`.
fn aws_allowed(x: &Contract) -> bool {
    x.exclusivity != Exclusivity::AllStateless && x.hosting != Hosting::AzureOnly
}

/// The April features of a contract (docs/model.md §8): a non-exclusive licence; a finite cap
/// or a revenue share ending by 2030; the AGI clause removed; no M→O share; an Azure-first
/// lag; the licence kept to 2032 or later. Returns how many hold (0–6).
pub fn april_features(x: &Contract) -> usize {
    [
        !x.licence_exclusive,
        x.revenue_share_cap.is_some() || x.revenue_share_end.last_year() <= 2030,
        !x.agi_clause,
        x.microsoft_share == 0.0,
        x.azure_first_days > 0,
        x.licence_end_year >= 2032,
    ]
    .iter()
    .filter(|f| **f)
    .count()
}

/// One term of the strict April rule (docs/model.md §8, rule 4), checked on a deal's contract.
#[derive(Debug, Clone, Copy)]
pub struct StrictTerm {
    /// Key in `summary.json`.
    pub key: &'static str,
    /// Short label for tables.
    pub label: &'static str,
    /// Whether a contract meets the term.
    pub holds: fn(&Contract) -> bool,
}

/// The contract terms of the strict April rule, in the order of docs/model.md §8. A deal has
/// the April terms strictly when it meets all of them (the class also needs the deal by
/// week 13, no suit and Amazon in).
pub const STRICT_TERMS: [StrictTerm; 9] = [
    StrictTerm {
        key: "aws_path_open",
        label: "AWS path open",
        holds: aws_allowed,
    },
    StrictTerm {
        key: "non_exclusive_licence",
        label: "non-exclusive licence",
        holds: |x| !x.licence_exclusive,
    },
    StrictTerm {
        key: "licence_to_2032_or_later",
        label: "licence to 2032+",
        holds: |x| x.licence_end_year >= 2032,
    },
    StrictTerm {
        key: "azure_first_lag",
        label: "Azure-first lag",
        holds: |x| x.azure_first_days > 0,
    },
    StrictTerm {
        key: "revenue_share_kept",
        label: "O->M share kept",
        holds: |x| x.revenue_share > 0.0,
    },
    StrictTerm {
        key: "cap_below_60",
        label: "cap below $60B",
        holds: |x| x.revenue_share_cap.map(|k| k < 60.0).unwrap_or(false),
    },
    StrictTerm {
        key: "share_ends_by_2030",
        label: "share ends by 2030",
        holds: |x| {
            x.revenue_share_end != ShareEnd::UntilAgi && x.revenue_share_end.last_year() <= 2030
        },
    },
    StrictTerm {
        key: "no_microsoft_share",
        label: "no M->O share",
        holds: |x| x.microsoft_share == 0.0,
    },
    StrictTerm {
        key: "agi_clause_removed",
        label: "AGI clause removed",
        holds: |x| !x.agi_clause,
    },
];

/// The table label of the strict term with `key` (as in `summary.json`), if there is one.
pub fn strict_term_label(key: &str) -> Option<&'static str> {
    STRICT_TERMS.iter().find(|t| t.key == key).map(|t| t.label)
}

/// The April terms, strictly: every term of [`STRICT_TERMS`] (rule 4 without the timing and
/// state conditions).
pub(crate) fn april_terms(x: &Contract) -> bool {
    STRICT_TERMS.iter().all(|t| (t.holds)(x))
}

/// Classifies the end state of a run (docs/model.md §8, first match wins).
pub fn classify(st: &DisputeState) -> Outcome {
    let suit = st.suit.is_some();
    let deal = st.agreement;
    let final_terms = deal.map(|a| a.contract).unwrap_or(st.current);
    let amazon_alive = st.amazon_alive && final_terms.amazon_tranche != Tranche::Cancelled;
    let terminated = st.suit.and_then(|s| s.judgment) == Some(true);
    if !amazon_alive || st.amazon_withdrew || terminated {
        return Outcome::AmazonCollapse;
    }
    if suit {
        return match deal {
            Some(a) if a.week >= st.suit.map(|s| s.filed).unwrap_or(0) => {
                Outcome::LitigatedSettlement
            }
            _ => Outcome::Litigation,
        };
    }
    if let Some(a) = deal {
        let x = &a.contract;
        if april_terms(x) && a.week <= 13 {
            return Outcome::AprilLikeStrict;
        }
        if aws_allowed(x) && april_features(x) >= 4 {
            return Outcome::AprilLikeBroad;
        }
        return Outcome::OtherDeal;
    }
    if deal.is_none() && (st.rearchitected || st.launch_withdrawn) {
        return Outcome::StatusQuoBackdown;
    }
    Outcome::Impasse
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::tests::april;
    use crate::litigation::Suit;
    use crate::player::Coalition;
    use crate::state::Agreement;

    fn start() -> DisputeState {
        let s = crate::params::baseline();
        DisputeState::new(&s)
    }

    fn deal(st: &mut DisputeState, x: Contract, week: u32) {
        st.agreement = Some(Agreement {
            contract: x,
            week,
            coalition: Coalition::MO,
        });
    }

    fn suit(st: &mut DisputeState, week: u32) {
        st.suit = Some(Suit::expected(week, &crate::litigation::tests::rules()));
    }

    #[test]
    fn april_terms_by_week_13_are_strict_later_broad() {
        let mut st = start();
        deal(&mut st, april(), 8);
        assert_eq!(classify(&st), Outcome::AprilLikeStrict);
        deal(&mut st, april(), 14);
        assert_eq!(classify(&st), Outcome::AprilLikeBroad);
        // Any strict term missing (here: the cap) makes it broad.
        let mut x = april();
        x.revenue_share_cap = None;
        deal(&mut st, x, 8);
        assert_eq!(classify(&st), Outcome::AprilLikeBroad);
    }

    #[test]
    fn broad_needs_four_of_six_april_features() {
        let mut st = start();
        assert_eq!(april_features(&april()), 6);
        // Drop features one at a time: 5 and 4 features stay broad, 3 is another deal.
        let mut x = april();
        x.licence_exclusive = true;
        assert_eq!(april_features(&x), 5);
        x.agi_clause = true;
        assert_eq!(april_features(&x), 4);
        deal(&mut st, x, 20);
        assert_eq!(classify(&st), Outcome::AprilLikeBroad);
        x.microsoft_share = 0.2;
        assert_eq!(april_features(&x), 3);
        deal(&mut st, x, 20);
        assert_eq!(classify(&st), Outcome::OtherDeal);
        // The status quo's terms with AWS opened (the old model's typical deal) are not
        // April-like: only the licence end year is an April feature.
        let mut sq = crate::contract::tests::status_quo();
        sq.exclusivity = Exclusivity::None;
        assert_eq!(april_features(&sq), 2);
        deal(&mut st, sq, 5);
        assert_eq!(classify(&st), Outcome::OtherDeal);
        // Each feature counts: a finite cap or an end year by 2030 is one feature.
        let mut y = april();
        y.revenue_share_cap = None;
        assert_eq!(april_features(&y), 6);
        y.revenue_share_end = ShareEnd::UntilAgi;
        assert_eq!(april_features(&y), 5);
        y.azure_first_days = 0;
        y.licence_end_year = 2030;
        assert_eq!(april_features(&y), 3);
    }

    #[test]
    fn each_strict_term_is_needed() {
        // The April contract meets every term; changing one issue breaks exactly the terms
        // that read it, and the strict rule with them.
        let x = april();
        assert!(STRICT_TERMS.iter().all(|t| (t.holds)(&x)));
        assert!(april_terms(&x));
        type Change = (&'static str, fn(&mut Contract));
        let broken: [Change; 9] = [
            ("aws_path_open", |x| {
                x.exclusivity = Exclusivity::AllStateless
            }),
            ("non_exclusive_licence", |x| x.licence_exclusive = true),
            ("licence_to_2032_or_later", |x| x.licence_end_year = 2030),
            ("azure_first_lag", |x| x.azure_first_days = 0),
            ("revenue_share_kept", |x| x.revenue_share = 0.0),
            ("cap_below_60", |x| x.revenue_share_cap = Some(60.0)),
            ("share_ends_by_2030", |x| {
                x.revenue_share_end = ShareEnd::Year(2032)
            }),
            ("no_microsoft_share", |x| x.microsoft_share = 0.2),
            ("agi_clause_removed", |x| x.agi_clause = true),
        ];
        for (key, change) in broken {
            let mut y = april();
            change(&mut y);
            let failing: Vec<&str> = STRICT_TERMS
                .iter()
                .filter(|t| !(t.holds)(&y))
                .map(|t| t.key)
                .collect();
            assert_eq!(failing, [key], "changing {key}");
            assert!(!april_terms(&y), "{key}");
            assert!(strict_term_label(key).is_some());
        }
        assert_eq!(strict_term_label("cap_below_60"), Some("cap below $60B"));
        assert_eq!(strict_term_label("licence"), None);
        // An uncapped share or one running until AGI fails its term.
        let mut y = april();
        y.revenue_share_cap = None;
        y.revenue_share_end = ShareEnd::UntilAgi;
        let failing: Vec<&str> = STRICT_TERMS
            .iter()
            .filter(|t| !(t.holds)(&y))
            .map(|t| t.key)
            .collect();
        assert_eq!(failing, ["cap_below_60", "share_ends_by_2030"]);
    }

    #[test]
    fn closed_aws_path_is_other_deal() {
        let mut st = start();
        let mut x = april();
        x.exclusivity = Exclusivity::AllStateless;
        deal(&mut st, x, 5);
        assert_eq!(classify(&st), Outcome::OtherDeal);
        x.exclusivity = Exclusivity::None;
        x.hosting = Hosting::AzureOnly;
        deal(&mut st, x, 5);
        assert_eq!(classify(&st), Outcome::OtherDeal);
    }

    #[test]
    fn rule_order_first_match_wins() {
        // Amazon's collapse beats everything, a suit beats any deal classification.
        let mut st = start();
        suit(&mut st, 3);
        deal(&mut st, april(), 8);
        assert_eq!(classify(&st), Outcome::LitigatedSettlement);
        st.amazon_withdrew = true;
        st.amazon_alive = false;
        assert_eq!(classify(&st), Outcome::AmazonCollapse);
        let mut st = start();
        suit(&mut st, 3);
        assert_eq!(classify(&st), Outcome::Litigation);
        let mut x = april();
        x.amazon_tranche = Tranche::Cancelled;
        let mut st = start();
        deal(&mut st, x, 4);
        assert_eq!(classify(&st), Outcome::AmazonCollapse);
    }

    #[test]
    fn backdown_and_impasse() {
        let mut st = start();
        assert_eq!(classify(&st), Outcome::Impasse);
        st.launched = true;
        assert_eq!(classify(&st), Outcome::Impasse);
        st.rearchitected = true;
        assert_eq!(classify(&st), Outcome::StatusQuoBackdown);
    }

    #[test]
    fn names_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::from_name(o.name()), Some(o));
            assert_eq!(Outcome::from_name(&o.name().to_lowercase()), Some(o));
        }
        assert_eq!(Outcome::from_name("SETTLED"), None);
    }
}
