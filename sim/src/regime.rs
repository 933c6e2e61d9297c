//! The state of the world a contract is valued in ([`Regime`]): how far the third-party
//! channel is open, whether the dispute is unresolved, the litigation and IPO prospects, and
//! the shocks that move payoffs. The valuer builds regimes from dispute states; the payoff
//! model ([`crate::payoff`]) values contracts in them.

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
pub(crate) struct Regime {
    /// Effective opening of the third-party channel, in \[0, 1\]: reach(x) net of the Azure-first
    /// hold-back, a de-facto opening under a defiant launch, or its expected value under a pending
    /// suit. One number for every player (docs/model.md §3).
    pub open: f64,
    /// Share of the opened third-party channel that runs on AWS (Amazon's part).
    pub aws_share: f64,
    /// Amazon still in the deal (false after a withdrawal: tranche lapses, $100B expansion off).
    pub amazon_alive: bool,
    /// The dispute is unresolved (no Microsoft–OpenAI agreement): the revenue-share base dispute
    /// δ_base and the AGI hazard multiplier χ apply (docs/model.md §5.5).
    pub contested: bool,
    /// Share of d_L applied to OpenAI's value (1 under a suit, the legal-cloud share under a
    /// defiant launch, 0 otherwise).
    pub litigation_discount_share: f64,
    /// IPO prospects class, or `None` once the listing window has passed.
    pub ipo: Option<IpoClass>,
    /// Whether the IPO window is open.
    pub ipo_window_open: bool,
    /// Expected remaining years of legal fees (0 without a suit).
    pub fee_years: f64,
    /// Expected damages the defendants pay Microsoft, $B (OpenAI bears `1 − codefendant`).
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

impl Regime {
    /// No dispute: the channel closed, Amazon in, no litigation, IPO prospects clear with the
    /// window open, unit demand, no AGI, no Musk damages, no sweetener. Other regimes are built
    /// from it with struct-update syntax.
    pub(crate) fn clear() -> Regime {
        Regime {
            open: 0.0,
            aws_share: 1.0,
            amazon_alive: true,
            contested: false,
            litigation_discount_share: 0.0,
            ipo: Some(IpoClass::Clear),
            ipo_window_open: true,
            fee_years: 0.0,
            defendant_loss: 0.0,
            agi_verified: false,
            demand: 1.0,
            musk_damages: [0.0, 0.0],
            musk_unwound: false,
            sweetener: 0.0,
        }
    }
}
