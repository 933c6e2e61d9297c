//! The Microsoft–OpenAI Pareto frontier of a scenario (docs/model.md §7.1): every combination of
//! the partnership terms (34,560 contracts) is valued once per scenario at expected economics in
//! the agreement regime, the contracts no other contract beats for both Microsoft and OpenAI are
//! kept (78 at the baseline, 51–108 at the ends of the 26 documented ranges). A frontier longer
//! than [`MAX_CANDIDATES`] is thinned evenly, as a guard on the per-round cost. Runs then value
//! only these candidates (once, at their start), so a payoff-driven agent never scans the whole
//! contract space in a round.

use crate::contract::{Contract, Issue};
use crate::params::Params;
use crate::payoff::Economics;
use crate::regime::Regime;
use crate::shocks::Shocks;

/// Most candidates kept on the frontier. A bound on the per-round cost, far above the
/// frontiers at the ends of the 26 documented ranges (51–108 points). Thinning a frontier
/// changes where aspirations meet, so it must not bind in ordinary use: at 32 the baseline's
/// mean time to agreement was 14.6 weeks instead of 13.8, and its broad April-like share 83%
/// instead of 87%.
pub(crate) const MAX_CANDIDATES: usize = 256;

/// Every Microsoft–OpenAI contract: the status quo's distribution terms and commitments with
/// every combination of the partnership terms.
pub(crate) fn partnership_contracts(base: &Contract) -> Vec<Contract> {
    let issues: Vec<Issue> = Issue::partnership_terms().collect();
    let mut out = vec![*base];
    for issue in issues {
        let mut next = Vec::with_capacity(out.len() * issue.domain_len());
        for x in &out {
            for k in 0..issue.domain_len() {
                let mut y = *x;
                y.set_level(issue, k);
                next.push(y);
            }
        }
        out = next;
    }
    out
}

/// Indices of the points of `values` (Microsoft, OpenAI) that no other point weakly beats
/// for both and strictly for one, sorted by Microsoft's value ascending.
pub(crate) fn pareto_indices(values: &[[f64; 2]]) -> Vec<usize> {
    // Microsoft's value descending, then OpenAI's descending, then index: a total order, so an
    // unstable sort gives the one answer. The values are sorted as integer keys that order
    // exactly as `f64::total_cmp` does, next to their index, which keeps the comparisons
    // cheap and the memory reads sequential.
    let keep_candidate = strictly_beaten_filter(values);
    let mut order: Vec<(u64, u64, usize)> = values
        .iter()
        .enumerate()
        .filter(|&(i, _)| keep_candidate[i])
        .map(|(i, v)| (!total_key(v[0]), !total_key(v[1]), i))
        .collect();
    order.sort_unstable();
    let mut best_o = f64::NEG_INFINITY;
    let mut keep = Vec::new();
    for (_, _, i) in order {
        if values[i][1] > best_o {
            best_o = values[i][1];
            keep.push(i);
        }
    }
    keep.reverse();
    keep
}

/// Bins of Microsoft's value used by [`strictly_beaten_filter`].
const FILTER_BINS: usize = 512;

/// For each point, false when another point is certainly better for both players: the points
/// are put in equal-width bins of Microsoft's value, and a point is dropped when some point in
/// a higher bin (so with a strictly higher Microsoft value: binning is monotone) has a strictly
/// higher OpenAI value. The scan of [`pareto_indices`] would drop such a point, and dropping it
/// first changes no other decision (the better point stays ahead of everything the dropped
/// one was ahead of). Most of a contract grid lies strictly inside the frontier, so this
/// linear pass leaves the sort a small remainder.
fn strictly_beaten_filter(values: &[[f64; 2]]) -> Vec<bool> {
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v[0]), hi.max(v[0]))
        });
    if hi <= lo || !(hi - lo).is_finite() {
        return vec![true; values.len()];
    }
    let scale = FILTER_BINS as f64 / (hi - lo);
    let bin = |x: f64| (((x - lo) * scale) as usize).min(FILTER_BINS - 1);
    let mut best = [f64::NEG_INFINITY; FILTER_BINS];
    for v in values {
        let b = bin(v[0]);
        best[b] = best[b].max(v[1]);
    }
    // above[b]: the best OpenAI value in the bins above b.
    let mut above = [f64::NEG_INFINITY; FILTER_BINS];
    for b in (0..FILTER_BINS - 1).rev() {
        above[b] = above[b + 1].max(best[b + 1]);
    }
    values.iter().map(|v| v[1] >= above[bin(v[0])]).collect()
}

/// An integer whose unsigned order is `f64::total_cmp`'s order of `x`.
fn total_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// Picks at most `max` of `n` ordered points, evenly spaced, keeping both ends.
pub(crate) fn thin(n: usize, max: usize) -> Vec<usize> {
    if n <= max {
        return (0..n).collect();
    }
    let mut picks: Vec<usize> = (0..max)
        .map(|k| ((k as f64) * (n - 1) as f64 / (max - 1) as f64).round() as usize)
        .collect();
    picks.dedup();
    picks
}

/// Every partnership contract with its (Microsoft, OpenAI) value at expected economics
/// (unit multipliers, mean litigation discount, IPO window open, no AGI) in the agreement
/// regime: the space the frontier is drawn from, valued once for every question asked of it.
pub(crate) struct ValuedGrid {
    contracts: Vec<Contract>,
    values: Vec<[f64; 2]>,
    pareto: Vec<usize>,
}

impl ValuedGrid {
    /// Values the scenario's grid at expected economics (unit multipliers, mean litigation
    /// discount, IPO window open, no AGI) and finds its Pareto frontier.
    pub(crate) fn of(s: &Params) -> ValuedGrid {
        let shocks = Shocks::expected(s);
        let base = Regime {
            musk_damages: shocks.expected_musk_damages(s),
            ..Regime::clear()
        };
        ValuedGrid::of_run(s, &Economics::new(s, shocks.draws), &base)
    }

    /// Values the scenario's grid with one run's economics `econ`, in the agreement regime
    /// `base` (its channel opening and AWS share set per contract), and finds that run's
    /// Pareto frontier.
    pub(crate) fn of_run(s: &Params, econ: &Economics, base: &Regime) -> ValuedGrid {
        let contracts = partnership_contracts(&s.contracts.status_quo);
        let values: Vec<[f64; 2]> = contracts
            .iter()
            .map(|x| {
                let r = Regime {
                    open: econ.open(x),
                    aws_share: econ.aws_share(x),
                    ..*base
                };
                let v = econ.evaluate(x, &r);
                [v[0], v[1]]
            })
            .collect();
        let pareto = pareto_indices(&values);
        ValuedGrid {
            contracts,
            values,
            pareto,
        }
    }

    /// The frontier's members that satisfy `member`, with their (Microsoft, OpenAI) values.
    pub(crate) fn on_frontier(
        &self,
        member: &dyn Fn(&Contract) -> bool,
    ) -> impl Iterator<Item = (Contract, [f64; 2])> + '_ {
        let member: Vec<usize> = self
            .pareto
            .iter()
            .copied()
            .filter(|&k| member(&self.contracts[k]))
            .collect();
        member
            .into_iter()
            .map(|k| (self.contracts[k], self.values[k]))
    }

    /// The candidate offers: the Pareto frontier (thinned evenly to [`MAX_CANDIDATES`] points
    /// if it is longer).
    pub(crate) fn frontier(&self) -> Vec<Contract> {
        thin(self.pareto.len(), MAX_CANDIDATES)
            .into_iter()
            .map(|k| self.contracts[self.pareto[k]])
            .collect()
    }
}

/// The scenario's Microsoft–OpenAI candidate offers: the Pareto frontier at expected
/// economics (unit multipliers, mean litigation discount, IPO window open, no AGI).
pub(crate) fn mo_frontier(s: &Params) -> Vec<Contract> {
    ValuedGrid::of(s).frontier()
}

/// How close a class of contracts comes to the frontier (what `explain` reports for the
/// strict April terms).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FrontierGap {
    /// Contracts of the grid in the class.
    pub count: usize,
    /// The (Microsoft, OpenAI) values of those that no contract beats for both Microsoft and
    /// OpenAI (the class's members on the frontier), in grid order.
    pub on_frontier_values: Vec<[f64; 2]>,
    /// The member the frontier beats by the least, with its (Microsoft, OpenAI) value, the
    /// frontier contract beating it by the most for the worse-off of the two, and that
    /// contract's value. `None` when the class is empty.
    pub nearest: Option<(Contract, [f64; 2], Contract, [f64; 2])>,
}

/// Measures how far the contracts satisfying `member` lie from the Microsoft–OpenAI Pareto
/// frontier: for each member, the largest amount m by which a single contract beats it for
/// both players (m ≤ 0: nothing beats it for both); reports the member with the least m.
pub(crate) fn frontier_gap(grid: &ValuedGrid, member: &dyn Fn(&Contract) -> bool) -> FrontierGap {
    let (contracts, values, pareto) = (&grid.contracts, &grid.values, &grid.pareto);
    let mut gap = FrontierGap {
        count: 0,
        on_frontier_values: Vec::new(),
        nearest: None,
    };
    let mut least = f64::INFINITY;
    for (i, x) in contracts.iter().enumerate() {
        if !member(x) {
            continue;
        }
        gap.count += 1;
        let v = values[i];
        // The best beating margin is attained on the frontier: a Pareto point weakly beats
        // any contract that beats `x`.
        let (k, margin) = pareto
            .iter()
            .map(|&k| (k, (values[k][0] - v[0]).min(values[k][1] - v[1])))
            .fold((i, f64::NEG_INFINITY), |b, c| if c.1 > b.1 { c } else { b });
        if margin <= 0.0 {
            gap.on_frontier_values.push(v);
        }
        if margin < least {
            least = margin;
            gap.nearest = Some((*x, v, contracts[k], values[k]));
        }
    }
    gap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pareto_keeps_only_undominated_points() {
        let v = [[1.0, 1.0], [2.0, 0.5], [0.5, 2.0], [0.9, 0.9], [2.0, 0.4]];
        assert_eq!(pareto_indices(&v), vec![2, 0, 1]);
    }

    #[test]
    fn integer_keys_order_as_total_cmp() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            1.0,
            1.0 + f64::EPSILON,
            1e300,
            f64::INFINITY,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(
                    total_key(a).cmp(&total_key(b)),
                    a.total_cmp(&b),
                    "{a} vs {b}"
                );
            }
        }
    }

    /// The frontier is the one the plain sort finds (Microsoft's value descending, then
    /// OpenAI's, then index), ties and repeated values included.
    #[test]
    fn pareto_matches_a_plain_sort_with_ties() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        // (points, distinct levels of Microsoft's value): few levels make ties on either value
        // and on both common; many put dozens of distinct values in each filter bin; one level
        // makes a single bin.
        for (n, levels) in [
            (1, 40),
            (2, 40),
            (10, 40),
            (500, 40),
            (5_000, 40),
            (5_000, 40_000),
            (300, 1),
        ] {
            let v: Vec<[f64; 2]> = (0..n)
                .map(|_| {
                    [
                        f64::from(rng.random_range(0..levels)) * 0.5 - 10.0,
                        f64::from(rng.random_range(-20..20_i32)) * 0.25,
                    ]
                })
                .collect();
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| {
                v[b][0]
                    .total_cmp(&v[a][0])
                    .then(v[b][1].total_cmp(&v[a][1]))
                    .then(a.cmp(&b))
            });
            let mut best = f64::NEG_INFINITY;
            let mut want = Vec::new();
            for i in order {
                if v[i][1] > best {
                    best = v[i][1];
                    want.push(i);
                }
            }
            want.reverse();
            assert_eq!(pareto_indices(&v), want, "n = {n}");
        }
    }

    #[test]
    fn thinning_keeps_ends_and_count() {
        assert_eq!(thin(5, 10), vec![0, 1, 2, 3, 4]);
        let t = thin(100, 5);
        assert_eq!(t.len(), 5);
        assert_eq!((t[0], t[4]), (0, 99));
    }

    #[test]
    fn the_baseline_frontier_is_kept_whole() {
        // Thinning changes where aspirations meet, so the candidates are the whole frontier
        // whenever it fits under the guard (the baseline's has 78 points).
        let s = crate::params::baseline();
        let grid = ValuedGrid::of(&s);
        let candidates = mo_frontier(&s);
        assert_eq!(candidates.len(), grid.pareto.len());
        assert!(candidates.len() > 32 && candidates.len() < MAX_CANDIDATES);
        // Microsoft's value ascending, OpenAI's descending, as the Pareto order requires.
        let values: Vec<[f64; 2]> = grid.pareto.iter().map(|&k| grid.values[k]).collect();
        assert!(values
            .windows(2)
            .all(|w| w[0][0] <= w[1][0] && w[0][1] >= w[1][1]));
        // Thinning keeps at most the guard and both ends.
        assert_eq!(thin(300, MAX_CANDIDATES).len(), MAX_CANDIDATES);
    }

    #[test]
    fn every_partnership_combination_is_enumerated_once() {
        let s = crate::params::baseline();
        let base = s.contracts.status_quo;
        let all = partnership_contracts(&base);
        assert_eq!(all.len(), 3 * 4 * 2 * 3 * 2 * 5 * 6 * 4 * 2);
        assert!(all.contains(&base));
        assert!(all
            .iter()
            .all(|x| x.hosting == base.hosting && x.amazon_tranche == base.amazon_tranche));
        let mut distinct = all.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), all.len());
        let f = mo_frontier(&s);
        assert!(!f.is_empty() && f.len() <= MAX_CANDIDATES);
    }

    #[test]
    fn frontier_members_have_no_gap_and_dominated_contracts_do() {
        let s = crate::params::baseline();
        let f = mo_frontier(&s);
        let grid = ValuedGrid::of(&s);
        let on = frontier_gap(&grid, &|x| f.contains(x));
        assert_eq!((on.count, on.on_frontier_values.len()), (f.len(), f.len()));
        // The status quo keeps AWS closed and every old term: something beats it for both.
        let sq = s.contracts.status_quo;
        let off = frontier_gap(&grid, &|x| *x == sq);
        assert_eq!((off.count, off.on_frontier_values.len()), (1, 0));
        let (x, v, y, w) = off.nearest.expect("one member");
        assert_eq!(x, sq);
        assert!(w[0] > v[0] && w[1] > v[1] && y != x);
    }
}
