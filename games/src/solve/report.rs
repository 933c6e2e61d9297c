//! The result of a solver run: equilibria with payoffs and regret, serialised exactly as the
//! `pactsim equilibria --json` contract, plus a plain-text table.

use super::components::Component;
use super::structure::{Structure, STRATEGY_TOLERANCE};
use crate::game::{Game, MixedProfile};
use serde::Serialize;
use std::fmt;

/// Probabilities and regrets smaller than this are printed as exact zeros.
const ZERO_SNAP: f64 = 1e-14;

/// `x` as Rust prints it (`5`, `0.25`) when it is 0 or 10⁻⁴ ≤ |x| < 10¹⁵, else in scientific
/// notation (`1e308`, `2.5e-7`), so that no number prints as hundreds of digits.
pub(crate) fn short_number(x: f64) -> String {
    if x == 0.0 || (1e-4..1e15).contains(&x.abs()) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// One equilibrium (or approximate equilibrium, for learning dynamics and QRE).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Equilibrium {
    /// Probability of each strategy, per player.
    pub profile: MixedProfile,
    /// Expected payoff per player.
    pub payoffs: Vec<f64>,
    /// Largest gain from a unilateral pure deviation (0 at an exact Nash equilibrium).
    pub epsilon: f64,
    /// Logit precision λ, for quantal response equilibria.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda: Option<f64>,
    /// Largest correlated-equilibrium constraint violation of the empirical joint distribution
    /// (regret matching only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ce_violation: Option<f64>,
    /// Which method produced the entry (only set when several methods ran, `--method all`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Every method that found this equilibrium (within tolerance), first one = `method`
    /// (only set with `--method all`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<String>,
    /// Exact probabilities as Gambit prints them (`2/3`), with `--exact`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact: Option<Vec<Vec<String>>>,
}

impl Equilibrium {
    /// Evaluates `profile` in `game`: tiny negative or sub-1e-14 probabilities are snapped to
    /// zero, each player's vector is renormalised, and payoffs and epsilon are computed.
    ///
    /// # Panics
    /// If `profile` does not match the game's shape.
    pub fn evaluate(game: &Game, profile: MixedProfile) -> Self {
        let profile: MixedProfile = profile
            .into_iter()
            .map(|mut p| {
                for x in &mut p {
                    if *x < ZERO_SNAP {
                        *x = 0.0;
                    }
                }
                let total: f64 = p.iter().sum();
                if total > 0.0 {
                    for x in &mut p {
                        *x /= total;
                    }
                }
                p
            })
            .collect();
        let payoffs = game.expected_payoffs(&profile);
        let eps = game.epsilon(&profile);
        Self {
            profile,
            payoffs,
            epsilon: if eps < ZERO_SNAP { 0.0 } else { eps },
            lambda: None,
            ce_violation: None,
            method: None,
            methods: Vec::new(),
            exact: None,
        }
    }

    /// True when every probability, payoff and regret is a finite number.
    pub fn is_finite(&self) -> bool {
        self.profile.iter().flatten().all(|x| x.is_finite())
            && self.payoffs.iter().all(|x| x.is_finite())
            && self.epsilon.is_finite()
            && self.ce_violation.is_none_or(f64::is_finite)
            && self.lambda.is_none_or(f64::is_finite)
    }

    /// Largest absolute difference between two profiles of the same shape.
    pub fn distance(&self, other: &MixedProfile) -> f64 {
        self.profile
            .iter()
            .zip(other)
            .flat_map(|(a, b)| a.iter().zip(b).map(|(x, y)| (x - y).abs()))
            .fold(0.0, f64::max)
    }
}

/// Player and strategy names, as echoed in the JSON report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GameSummary {
    /// Player names.
    pub players: Vec<String>,
    /// Strategy names per player.
    pub strategies: Vec<Vec<String>>,
}

impl GameSummary {
    /// Names of `game`'s players and strategies.
    pub fn of(game: &Game) -> Self {
        Self {
            players: game.players().to_vec(),
            strategies: game.strategies().to_vec(),
        }
    }
}

/// Everything one `solve` call found. Serialises to the object `pactsim equilibria --json`
/// prints: `game`, `method`, `equilibria` and, when any, `components` and `notes`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolveReport {
    /// The game's names.
    pub game: GameSummary,
    /// The method name (as accepted by `Method::from_str`).
    pub method: String,
    /// Equilibria found, in a deterministic order. Under `all`, an equilibrium found strictly
    /// inside a component is listed in the component instead.
    pub equilibria: Vec<Equilibrium>,
    /// Connected sets of equilibria (`all` only; omitted from JSON when empty): equilibria of
    /// `equilibria` one player apart, every mix between which is an equilibrium too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
    /// The exact structure of the set of equilibria of a two-player game (maximal Nash
    /// subsets, connected components, isolated equilibria), when `enummixed` listed every
    /// extreme equilibrium (`enummixed` and `all`; omitted from JSON otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structure: Option<Structure>,
    /// Warnings such as degeneracy or non-convergence (omitted from JSON when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl SolveReport {
    /// The report as one compact JSON object.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| unreachable!("report serialises: {e}"))
    }
}

impl fmt::Display for SolveReport {
    /// A human-readable table: one block per equilibrium, one line per player.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Logit QRE at the λ asked for are listed too, but they are not equilibria.
        let qre = self
            .equilibria
            .iter()
            .filter(|e| e.lambda.is_some())
            .count();
        let n = self.equilibria.len() - qre;
        write!(
            f,
            "method {}: {n} equilibri{}",
            self.method,
            if n == 1 { "um" } else { "a" }
        )?;
        if qre > 0 {
            write!(f, " and {qre} logit QRE at the λ asked for")?;
        }
        let component_of = |k: usize| match &self.structure {
            Some(s) => s.components.iter().position(|c| c.points.contains(&k)),
            None => self
                .components
                .iter()
                .position(|c| c.listed_points.contains(&k)),
        };
        if let Some(s) = &self.structure {
            let on = (0..self.equilibria.len())
                .filter(|&k| component_of(k).is_some())
                .count();
            let c = s.components.len();
            let components = format!(
                "on {c} connected component{} (below)",
                if c == 1 { "" } else { "s" }
            );
            match (on == n, qre > 0) {
                (true, false) => write!(f, " {components}")?,
                (true, true) => write!(f, ", the equilibria {components}")?,
                (false, false) => write!(f, ", {on} of them {components}")?,
                (false, true) => write!(f, ", {on} of the equilibria {components}")?,
            }
        } else if !self.components.is_empty() {
            let on = (0..self.equilibria.len())
                .filter(|&k| component_of(k).is_some())
                .count();
            let c = self.components.len();
            write!(
                f,
                ", {} on {c} component{} of connected equilibria (below)",
                match (on == n, qre > 0) {
                    (true, false) => "all".to_string(),
                    (true, true) => "all the equilibria".to_string(),
                    (false, false) => format!("{on} of them"),
                    (false, true) => format!("{on} of the equilibria"),
                },
                if c == 1 { "" } else { "s" }
            )?;
        }
        writeln!(f)?;
        let width = self.game.players.iter().map(String::len).max().unwrap_or(0);
        for (k, eq) in self.equilibria.iter().enumerate() {
            write!(f, "#{}", k + 1)?;
            write_methods(f, eq)?;
            if let Some(c) = component_of(k) {
                write!(f, "  (component {})", c + 1)?;
            }
            writeln!(f)?;
            for (i, name) in self.game.players.iter().enumerate() {
                let probs: Vec<String> = match &eq.exact {
                    Some(exact) => self.game.strategies[i]
                        .iter()
                        .zip(&exact[i])
                        .map(|(s, p)| format!("{s}={p}"))
                        .collect(),
                    None => self.game.strategies[i]
                        .iter()
                        .zip(&eq.profile[i])
                        .map(|(s, p)| format!("{s}={p:.6}"))
                        .collect(),
                };
                // Payoffs of 10¹⁵ and more in scientific notation, not as hundreds of digits.
                let payoff = eq.payoffs[i];
                let payoff = if payoff.abs() < 1e15 {
                    format!("{payoff:>12.6}")
                } else {
                    format!("{payoff:>12.6e}")
                };
                writeln!(f, "  {name:<width$}  payoff {payoff}  {}", probs.join(" "))?;
            }
        }
        for (c, component) in self.components.iter().enumerate() {
            writeln!(f, "component {}: {}", c + 1, component.description)?;
            if component.pieces.len() > 1 {
                for (j, piece) in component.pieces.iter().enumerate() {
                    let points: Vec<String> =
                        piece.points.iter().map(|k| format!("#{}", k + 1)).collect();
                    writeln!(
                        f,
                        "  piece {}: {}: {}",
                        j + 1,
                        points.join(", "),
                        piece.description
                    )?;
                }
            }
            if !component.interior.is_empty() {
                writeln!(f, "  found inside it:")?;
            }
            for point in &component.interior {
                let piece = &component.pieces[point.piece];
                let i = piece.player;
                write!(f, " ")?;
                write_methods(f, &point.equilibrium)?;
                if component.pieces.len() > 1 {
                    write!(f, "  in piece {}", point.piece + 1)?;
                }
                let probs: Vec<String> = self.game.strategies[i]
                    .iter()
                    .zip(&point.equilibrium.profile[i])
                    .map(|(s, p)| format!("{s}={p:.6}"))
                    .collect();
                writeln!(f, "  {}  {}", self.game.players[i], probs.join(" "))?;
            }
        }
        if let Some(s) = &self.structure {
            write_structure(f, s)?;
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}

/// The exact structure's block: a heading, then one line per component (and one per maximal
/// Nash subset of a component made of several).
fn write_structure(f: &mut fmt::Formatter<'_>, s: &Structure) -> fmt::Result {
    let c = s.components.len();
    let isolated = s.components.iter().filter(|c| c.isolated).count();
    let basis = if s.exact_arithmetic {
        "from every extreme equilibrium, in exact arithmetic".to_string()
    } else {
        format!(
            "from the extreme equilibria enummixed found in floating point, strategies within \
             {STRATEGY_TOLERANCE:e} taken as one, which a nearly degenerate game can get \
             wrong; --exact computes them exactly"
        )
    };
    let how_many = match (c, isolated) {
        (1, 1) => "1 connected component of equilibria, an isolated equilibrium".to_string(),
        (1, 0) => "1 connected component of equilibria, not an isolated equilibrium".to_string(),
        (c, i) if i == c => format!("{c} connected components, each an isolated equilibrium"),
        (c, 0) => format!("{c} connected components of equilibria, none an isolated equilibrium"),
        (c, 1) => {
            format!("{c} connected components of equilibria, 1 of them an isolated equilibrium")
        }
        (c, i) => {
            format!("{c} connected components of equilibria, {i} of them isolated equilibria")
        }
    };
    writeln!(
        f,
        "structure of the equilibria (two players; {basis}): {how_many}"
    )?;
    for (k, component) in s.components.iter().enumerate() {
        writeln!(f, "component {}: {}", k + 1, component.description)?;
        if component.subsets.len() > 1 {
            for &sub in &component.subsets {
                writeln!(
                    f,
                    "  maximal Nash subset {}: {}",
                    sub + 1,
                    s.subsets[sub].description
                )?;
            }
        }
    }
    Ok(())
}

/// The methods, λ, epsilon and correlated-equilibrium violation of an entry's heading line.
fn write_methods(f: &mut fmt::Formatter<'_>, eq: &Equilibrium) -> fmt::Result {
    if !eq.methods.is_empty() {
        write!(f, " [{}]", eq.methods.join(", "))?;
    } else if let Some(m) = &eq.method {
        write!(f, " [{m}]")?;
    }
    if let Some(l) = eq.lambda {
        write!(f, "  lambda={}", short_number(l))?;
    }
    write!(f, "  epsilon={:.3e}", eq.epsilon)?;
    if let Some(c) = eq.ce_violation {
        write!(f, "  ce_violation={c:.3e}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_matches_contract() {
        let g = Game::bimatrix(
            &[vec![1.0, -1.0], vec![-1.0, 1.0]],
            &[vec![-1.0, 1.0], vec![1.0, -1.0]],
        )
        .unwrap();
        let mut eq = Equilibrium::evaluate(&g, vec![vec![0.5, 0.5], vec![0.5, 0.5]]);
        let report = SolveReport {
            game: GameSummary::of(&g),
            method: "enummixed".into(),
            equilibria: vec![eq.clone()],
            components: vec![],
            structure: None,
            notes: vec![],
        };
        assert_eq!(
            report.to_json(),
            r#"{"game":{"players":["Player 1","Player 2"],"strategies":[["1","2"],["1","2"]]},"method":"enummixed","equilibria":[{"profile":[[0.5,0.5],[0.5,0.5]],"payoffs":[0.0,0.0],"epsilon":0.0}]}"#
        );
        eq.lambda = Some(2.0);
        let report = SolveReport {
            equilibria: vec![eq],
            notes: vec!["n".into()],
            ..report
        };
        let v: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(v["equilibria"][0]["lambda"], 2.0);
        assert_eq!(v["notes"][0], "n");
        assert!(report.to_string().contains("lambda=2"));
    }
}
