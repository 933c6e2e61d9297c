//! The contract terms on the table (docs/model.md §3): the issue vector, each issue's discrete
//! domain, and the April-distance metric. Pure data: no payoffs, no randomness.

use serde::{Deserialize, Serialize};
use std::fmt;

/// API exclusivity scope `e`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusivity {
    /// e = 0: any product, any cloud.
    None,
    /// e = 1: stateless-only (stateful runtimes such as the SRE carved out).
    StatelessOnly,
    /// e = 2: all stateless API, including third-party collaborations, on Azure.
    AllStateless,
}

/// Frontier third-party hosting `h`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hosting {
    /// Frontier only on Azure.
    AzureOnly,
    /// AWS is the exclusive third-party distributor.
    AwsExclusive,
    /// Any cloud.
    AnyCloud,
}

/// Amazon's conditional $35B tranche `T2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tranche {
    /// Live on the original conditions.
    Live,
    /// Renegotiated (half its value at risk).
    Renegotiated,
    /// Cancelled.
    Cancelled,
}

/// End of the O→M revenue share `Y_r`: a calendar year, or until AGI is verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ShareEnd {
    /// Payments end after this year.
    Year(u16),
    /// Payments run until a panel verifies AGI.
    UntilAgi,
}

impl ShareEnd {
    /// Last year with payments, treating "until AGI" as beyond every modelled year.
    pub fn last_year(self) -> u16 {
        match self {
            ShareEnd::Year(y) => y,
            ShareEnd::UntilAgi => u16::MAX,
        }
    }
}

impl Serialize for ShareEnd {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ShareEnd::Year(y) => s.serialize_u16(*y),
            ShareEnd::UntilAgi => s.serialize_str("until_agi"),
        }
    }
}

impl<'de> Deserialize<'de> for ShareEnd {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Year(i64),
            Text(String),
        }
        use serde::de::{Error, Unexpected};
        // Worded as serde words its own refusals, so that a reader repairing a file (see
        // `crate::shape`) finds the value and a placeholder (`until_agi`) in the message.
        const ALLOWED: &str = "`until_agi` or a year in 2026..=2100";
        match Raw::deserialize(d)? {
            Raw::Year(y) if (2026..=2100).contains(&y) => Ok(ShareEnd::Year(y as u16)),
            Raw::Year(y) => Err(D::Error::invalid_value(Unexpected::Signed(y), &ALLOWED)),
            Raw::Text(t) if t == "until_agi" => Ok(ShareEnd::UntilAgi),
            Raw::Text(t) => Err(D::Error::invalid_value(Unexpected::Str(&t), &ALLOWED)),
        }
    }
}

/// One contract: a value for every issue of docs/model.md §3.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// API exclusivity scope `e`.
    pub exclusivity: Exclusivity,
    /// Azure-first lag `L`, days.
    pub azure_first_days: u16,
    /// IP licence exclusive (`ℓ`).
    pub licence_exclusive: bool,
    /// Licence end year `Y_L`.
    pub licence_end_year: u16,
    /// AGI clause active (`g`).
    pub agi_clause: bool,
    /// O→M revenue-share rate `r` (fraction of OpenAI revenue).
    pub revenue_share: f64,
    /// O→M cap `K`, $B cumulative from 2026 (`None` = uncapped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_share_cap: Option<f64>,
    /// O→M end `Y_r`.
    pub revenue_share_end: ShareEnd,
    /// M→O revenue share `r'` (fraction of Azure OpenAI + Bing revenue).
    pub microsoft_share: f64,
    /// Frontier third-party hosting `h`.
    pub hosting: Hosting,
    /// Incremental Azure commitment `C_Az`, $B.
    pub azure_commitment: f64,
    /// AWS commitment `C_AWS`, $B.
    pub aws_commitment: f64,
    /// Amazon's conditional tranche `T2`.
    pub amazon_tranche: Tranche,
    /// Side payment O→M `s`, $B (negative: M pays O).
    pub side_payment: f64,
}

/// The issues that agents negotiate over, in a fixed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Issue {
    /// API exclusivity scope `e`.
    Exclusivity,
    /// Azure-first lag `L`.
    AzureFirst,
    /// Licence exclusivity `ℓ`.
    LicenceExclusive,
    /// Licence end year `Y_L`.
    LicenceEnd,
    /// AGI clause `g`.
    AgiClause,
    /// Revenue-share rate `r`.
    RevenueShare,
    /// Revenue-share cap `K`.
    Cap,
    /// Revenue-share end `Y_r`.
    ShareEnd,
    /// M→O share `r'`.
    MicrosoftShare,
    /// Frontier hosting `h`.
    Hosting,
    /// Amazon tranche `T2`.
    Tranche,
}

impl Issue {
    /// Every negotiable issue, in order.
    pub const ALL: [Issue; 11] = [
        Issue::Exclusivity,
        Issue::AzureFirst,
        Issue::LicenceExclusive,
        Issue::LicenceEnd,
        Issue::AgiClause,
        Issue::RevenueShare,
        Issue::Cap,
        Issue::ShareEnd,
        Issue::MicrosoftShare,
        Issue::Hosting,
        Issue::Tranche,
    ];

    /// The terms of the Microsoft–OpenAI partnership contract: every issue but the
    /// OpenAI–Amazon distribution terms (hosting, tranche).
    pub fn partnership_terms() -> impl Iterator<Item = Issue> {
        Issue::ALL
            .into_iter()
            .filter(|i| !matches!(i, Issue::Hosting | Issue::Tranche))
    }

    /// Position in [`Issue::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Key used in scenario files (weights tables).
    pub fn key(self) -> &'static str {
        match self {
            Issue::Exclusivity => "exclusivity",
            Issue::AzureFirst => "azure_first_days",
            Issue::LicenceExclusive => "licence_exclusive",
            Issue::LicenceEnd => "licence_end_year",
            Issue::AgiClause => "agi_clause",
            Issue::RevenueShare => "revenue_share",
            Issue::Cap => "revenue_share_cap",
            Issue::ShareEnd => "revenue_share_end",
            Issue::MicrosoftShare => "microsoft_share",
            Issue::Hosting => "hosting",
            Issue::Tranche => "amazon_tranche",
        }
    }

    /// Number of values in the issue's discretised domain.
    pub fn domain_len(self) -> usize {
        match self {
            Issue::Exclusivity => 3,
            Issue::AzureFirst => AZURE_FIRST_DAYS.len(),
            Issue::LicenceExclusive => 2,
            Issue::LicenceEnd => LICENCE_END_YEARS.len(),
            Issue::AgiClause => 2,
            Issue::RevenueShare => REVENUE_SHARE_RATES.len(),
            Issue::Cap => CAPS.len(),
            Issue::ShareEnd => SHARE_ENDS.len(),
            Issue::MicrosoftShare => MICROSOFT_SHARES.len(),
            Issue::Hosting => 3,
            Issue::Tranche => 3,
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Azure-first lag domain, days (docs/model.md §3).
pub const AZURE_FIRST_DAYS: [u16; 4] = [0, 30, 90, 180];
/// Licence end-year domain.
pub const LICENCE_END_YEARS: [u16; 3] = [2030, 2032, 2035];
/// O→M revenue-share rate domain.
pub const REVENUE_SHARE_RATES: [f64; 5] = [0.0, 0.08, 0.10, 0.15, 0.20];
/// Cap domain, $B, ascending; `None` (uncapped) is the last element.
pub const CAPS: [Option<f64>; 6] = [
    Some(20.0),
    Some(30.0),
    Some(38.0),
    Some(50.0),
    Some(60.0),
    None,
];
/// Revenue-share end domain, ascending.
pub const SHARE_ENDS: [ShareEnd; 4] = [
    ShareEnd::Year(2028),
    ShareEnd::Year(2030),
    ShareEnd::Year(2032),
    ShareEnd::UntilAgi,
];
/// M→O share domain.
pub const MICROSOFT_SHARES: [f64; 2] = [0.0, 0.20];

fn position_f64(domain: &[f64], v: f64) -> Option<usize> {
    domain.iter().position(|d| (d - v).abs() < 1e-12)
}

impl Contract {
    /// Whether the Frontier AWS path is allowed by the contract: `e ≤ 1 ∧ h ≠ AzureOnly`.
    pub fn aws_allowed(&self) -> bool {
        self.exclusivity != Exclusivity::AllStateless && self.hosting != Hosting::AzureOnly
    }

    /// Index of this contract's value for `issue` in the issue's ascending domain, or `None`
    /// when the value lies off the discretised grid.
    #[inline]
    pub fn level(&self, issue: Issue) -> Option<usize> {
        match issue {
            Issue::Exclusivity => Some(self.exclusivity as usize),
            Issue::AzureFirst => AZURE_FIRST_DAYS
                .iter()
                .position(|d| *d == self.azure_first_days),
            Issue::LicenceExclusive => Some(usize::from(self.licence_exclusive)),
            Issue::LicenceEnd => LICENCE_END_YEARS
                .iter()
                .position(|y| *y == self.licence_end_year),
            Issue::AgiClause => Some(usize::from(self.agi_clause)),
            Issue::RevenueShare => position_f64(&REVENUE_SHARE_RATES, self.revenue_share),
            Issue::Cap => CAPS.iter().position(|c| match (c, self.revenue_share_cap) {
                (None, None) => true,
                (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                _ => false,
            }),
            Issue::ShareEnd => SHARE_ENDS.iter().position(|e| *e == self.revenue_share_end),
            Issue::MicrosoftShare => position_f64(&MICROSOFT_SHARES, self.microsoft_share),
            Issue::Hosting => Some(self.hosting as usize),
            Issue::Tranche => Some(self.amazon_tranche as usize),
        }
    }

    /// Whether `self` and `other` set `issue` to the same domain level. Equal values are
    /// checked first, so the common case costs one comparison.
    #[inline]
    pub fn same_level(&self, other: &Contract, issue: Issue) -> bool {
        let equal = match issue {
            Issue::Exclusivity => self.exclusivity == other.exclusivity,
            Issue::AzureFirst => self.azure_first_days == other.azure_first_days,
            Issue::LicenceExclusive => self.licence_exclusive == other.licence_exclusive,
            Issue::LicenceEnd => self.licence_end_year == other.licence_end_year,
            Issue::AgiClause => self.agi_clause == other.agi_clause,
            Issue::RevenueShare => self.revenue_share == other.revenue_share,
            Issue::Cap => self.revenue_share_cap == other.revenue_share_cap,
            Issue::ShareEnd => self.revenue_share_end == other.revenue_share_end,
            Issue::MicrosoftShare => self.microsoft_share == other.microsoft_share,
            Issue::Hosting => self.hosting == other.hosting,
            Issue::Tranche => self.amazon_tranche == other.amazon_tranche,
        };
        equal || self.level(issue) == other.level(issue)
    }

    /// Sets `issue` to the value at `level` of its ascending domain (clamped to the domain).
    pub fn set_level(&mut self, issue: Issue, level: usize) {
        let k = level.min(issue.domain_len() - 1);
        match issue {
            Issue::Exclusivity => {
                self.exclusivity = [
                    Exclusivity::None,
                    Exclusivity::StatelessOnly,
                    Exclusivity::AllStateless,
                ][k]
            }
            Issue::AzureFirst => self.azure_first_days = AZURE_FIRST_DAYS[k],
            Issue::LicenceExclusive => self.licence_exclusive = k == 1,
            Issue::LicenceEnd => self.licence_end_year = LICENCE_END_YEARS[k],
            Issue::AgiClause => self.agi_clause = k == 1,
            Issue::RevenueShare => self.revenue_share = REVENUE_SHARE_RATES[k],
            Issue::Cap => self.revenue_share_cap = CAPS[k],
            Issue::ShareEnd => self.revenue_share_end = SHARE_ENDS[k],
            Issue::MicrosoftShare => self.microsoft_share = MICROSOFT_SHARES[k],
            Issue::Hosting => {
                self.hosting = [Hosting::AzureOnly, Hosting::AwsExclusive, Hosting::AnyCloud][k]
            }
            Issue::Tranche => {
                self.amazon_tranche = [Tranche::Live, Tranche::Renegotiated, Tranche::Cancelled][k]
            }
        }
    }

    /// Every issue whose value is off its discretised domain (for validation messages).
    pub fn off_grid_issues(&self) -> Vec<Issue> {
        Issue::ALL
            .iter()
            .copied()
            .filter(|i| self.level(*i).is_none())
            .collect()
    }

    /// April-distance `d_Apr = Σ_j w_j |x_j − x_Apr,j| / range_j` with equal weights over the
    /// negotiable issues (docs/model.md §3), in [0, 1].
    pub fn distance(&self, other: &Contract) -> f64 {
        let mut total = 0.0;
        for issue in Issue::ALL {
            let range = (issue.domain_len() - 1) as f64;
            let a = self.level(issue).unwrap_or(0) as f64;
            let b = other.level(issue).unwrap_or(0) as f64;
            total += (a - b).abs() / range;
        }
        total / Issue::ALL.len() as f64
    }

    /// A one-line human-readable summary, used in traces.
    pub fn summary(&self) -> String {
        let cap = match self.revenue_share_cap {
            Some(k) => format!("{k:.0}"),
            None => "none".to_string(),
        };
        let end = match self.revenue_share_end {
            ShareEnd::Year(y) => y.to_string(),
            ShareEnd::UntilAgi => "AGI".to_string(),
        };
        format!(
            "e={} L={}d lic={}-{} agi={} r={:.2} cap={} end={} r'={:.2} h={:?} T2={:?} s={:+.1}",
            self.exclusivity as u8,
            self.azure_first_days,
            if self.licence_exclusive {
                "excl"
            } else {
                "non-excl"
            },
            self.licence_end_year,
            if self.agi_clause { "on" } else { "off" },
            self.revenue_share,
            cap,
            end,
            self.microsoft_share,
            self.hosting,
            self.amazon_tranche,
            self.side_payment
        )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn same_level_agrees_with_comparing_levels() {
        let base = status_quo();
        let mut off_domain = base;
        off_domain.revenue_share = 0.123;
        off_domain.azure_first_days = 7;
        for issue in Issue::ALL {
            for k in 0..issue.domain_len() {
                let mut x = base;
                x.set_level(issue, k);
                for y in [base, off_domain] {
                    for i in Issue::ALL {
                        assert_eq!(x.same_level(&y, i), x.level(i) == y.level(i), "{i:?}");
                    }
                }
            }
        }
    }

    pub(crate) fn status_quo() -> Contract {
        Contract {
            exclusivity: Exclusivity::AllStateless,
            azure_first_days: 180,
            licence_exclusive: true,
            licence_end_year: 2032,
            agi_clause: true,
            revenue_share: 0.20,
            revenue_share_cap: None,
            revenue_share_end: ShareEnd::UntilAgi,
            microsoft_share: 0.20,
            hosting: Hosting::AwsExclusive,
            azure_commitment: 250.0,
            aws_commitment: 138.0,
            amazon_tranche: Tranche::Live,
            side_payment: 0.0,
        }
    }

    pub(crate) fn april() -> Contract {
        Contract {
            exclusivity: Exclusivity::None,
            azure_first_days: 30,
            licence_exclusive: false,
            licence_end_year: 2032,
            agi_clause: false,
            revenue_share: 0.20,
            revenue_share_cap: Some(38.0),
            revenue_share_end: ShareEnd::Year(2030),
            microsoft_share: 0.0,
            hosting: Hosting::AnyCloud,
            azure_commitment: 250.0,
            aws_commitment: 138.0,
            amazon_tranche: Tranche::Live,
            side_payment: 0.0,
        }
    }

    #[test]
    fn levels_round_trip() {
        let mut c = status_quo();
        for issue in Issue::ALL {
            for k in 0..issue.domain_len() {
                c.set_level(issue, k);
                assert_eq!(c.level(issue), Some(k), "{issue}");
            }
        }
    }

    #[test]
    fn distance_is_zero_to_self_and_symmetric() {
        let (a, b) = (status_quo(), april());
        assert_eq!(a.distance(&a), 0.0);
        assert!((a.distance(&b) - b.distance(&a)).abs() < 1e-15);
        assert!(a.distance(&b) > 0.3 && a.distance(&b) <= 1.0);
        assert!(b.aws_allowed() && !status_quo_with(Exclusivity::AllStateless).aws_allowed());
    }

    fn status_quo_with(e: Exclusivity) -> Contract {
        Contract {
            exclusivity: e,
            ..status_quo()
        }
    }
}
