//! The validated [`Scenario`] and the one validation step that makes it: a raw
//! [`ScenarioFile`] (with `--set` overrides applied to its document) goes through the checks of
//! the `checks` module and becomes a `Scenario` holding typed [`Params`]. This is the only place
//! where input is checked; everything downstream may rely on the invariants. Also the
//! scenario's identity: [`Scenario::hash`] and [`model_hash`].
//!
//! Errors ([`ScenarioError`], a list of [`Problem`]s) name the file, line and column (where the
//! key is found in the text), the parameter path, the value given and what is allowed, and
//! validation reports every problem at once: a file whose `base` cannot be loaded
//! ([`load_document`]) still has its own keys and values checked.

use crate::layers::{Bases, Document, BASE_KEY};
use crate::overrides::apply_override;
use crate::params::Params;
use crate::rng::fnv1a64;
use crate::schema::{AgentSpec, Meta, PerPlayer, ScenarioFile};
use crate::strategy::Catalog;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// One problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted parameter path (empty for whole-file problems).
    pub path: String,
    /// 1-based line and column in the file, when known.
    pub location: Option<(usize, usize)>,
    /// The value given, as written.
    pub value: String,
    /// What is allowed, or what went wrong.
    pub message: String,
    /// What sort of problem it is, for callers that treat some sorts apart.
    pub kind: ProblemKind,
}

/// The sort of a [`Problem`], set where the problem is found, so that callers can filter
/// problems without reading their message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A key the file format does not have (serde's "unknown field").
    UnknownField,
    /// A required key is absent (serde's "missing field").
    MissingField,
    /// Anything else: a value of the wrong type, out of range or inconsistent with another, an
    /// unreadable file or base.
    Other,
}

/// Everything wrong with a scenario file: where it came from and every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// Name of the file (or `<embedded default>`).
    pub source: String,
    /// The problems, in file order where known.
    pub problems: Vec<Problem>,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{}: {} problem{}",
            self.source,
            n,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {}", self.source)?;
            if let Some((line, col)) = p.location {
                write!(f, ":{line}:{col}")?;
            }
            if !p.path.is_empty() {
                write!(f, ": {}", p.path)?;
            }
            if !p.value.is_empty() {
                write!(f, " = {}", p.value)?;
            }
            write!(f, ": {}", p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

/// A validated scenario: every invariant of the model holds. Immutable.
#[derive(Debug, Clone)]
pub struct Scenario {
    file: ScenarioFile,
    params: Params,
    hash: u64,
}

impl Scenario {
    /// Parses TOML text, applies `overrides` (`path=value`), and validates.
    ///
    /// `source` names the file in messages. Every problem found is reported at once. The text
    /// may not name a `base` (use [`crate::layers::Bases::load`] and
    /// [`Scenario::from_document`] for files that inherit).
    pub fn from_toml(
        text: &str,
        source: &str,
        overrides: &[String],
        catalog: &dyn Catalog,
    ) -> Result<Scenario, ScenarioError> {
        let doc = crate::layers::Bases::single(text, source)?;
        Scenario::from_document(&doc, overrides, catalog)
    }

    /// Applies `overrides` (`path=value`) to a (possibly inherited) document and validates it.
    /// Every problem is reported at once: shape problems (unknown keys, wrong types, missing
    /// fields) together with the model's checks on everything the shape problems leave intact,
    /// each at the file and line that wrote it.
    ///
    /// A document that lacks its base ([`Document::lacks_base`]) is never a scenario: the
    /// error holds the problems of what the file writes (and of `overrides`), and none for
    /// what the base would give; it may hold none, the missing base being reported by the
    /// caller.
    pub fn from_document(
        doc: &Document,
        overrides: &[String],
        catalog: &dyn Catalog,
    ) -> Result<Scenario, ScenarioError> {
        let err = |mut problems: Vec<Problem>| {
            problems.sort_by_key(|p| p.location.unwrap_or((usize::MAX, 0)));
            ScenarioError {
                source: doc.name().to_string(),
                problems,
            }
        };
        let shaped = crate::shape::read_all::<ScenarioFile>(doc.table());
        if !shaped.problems.is_empty() || doc.lacks_base() {
            let mut problems = shaped.problems.clone();
            if let Some(Err(more)) = shaped
                .value
                .as_ref()
                .map(|f| Scenario::validate(f.clone(), catalog))
            {
                problems.extend(more.into_iter().filter(|p| !shaped.touches_repair(&p.path)));
            }
            for p in &mut problems {
                doc.place(p);
            }
            problems.extend(override_problems(&shaped.document, overrides, catalog));
            if doc.lacks_base() {
                drop_what_the_base_gives(&mut problems);
            }
            return Err(err(problems));
        }
        let mut table = doc.table().clone();
        if overrides
            .iter()
            .any(|o| apply_override(&mut table, o).is_err())
        {
            // Every override's problem, not only the ones that could not be applied.
            return Err(err(override_problems(&shaped.document, overrides, catalog)));
        }
        let file: ScenarioFile = match ScenarioFile::deserialize(toml::Value::Table(table)) {
            Ok(f) => f,
            Err(e) => {
                // Find the override that broke the file, to name its path and value.
                let mut probe = doc.table().clone();
                let culprit = overrides.iter().find(|o| {
                    apply_override(&mut probe, o).is_ok()
                        && ScenarioFile::deserialize(toml::Value::Table(probe.clone())).is_err()
                });
                let (path, value) = culprit
                    .and_then(|o| o.split_once('='))
                    .map(|(p, v)| (p.trim().to_string(), v.trim().to_string()))
                    .unwrap_or_default();
                return Err(err(vec![Problem {
                    kind: ProblemKind::Other,
                    path,
                    location: None,
                    value,
                    message: format!("{} (value from --set)", e.message().trim()),
                }]));
            }
        };
        Scenario::validate(file, catalog).map_err(|mut problems| {
            for p in &mut problems {
                if set_by(overrides, &p.path) {
                    p.message.push_str(" (value from --set)");
                } else {
                    doc.place(p);
                }
            }
            err(problems)
        })
    }

    /// Checks that both ends of every `[ranges]` entry are values this scenario accepts (with
    /// every other parameter as it is), each problem placed at its entry's line in `doc`, the
    /// document the scenario was built from. Called where a user's scenario is loaded (`run`,
    /// `validate`, an analysis's base), not for every sweep cell or evaluation point, which
    /// share the same `[ranges]`.
    pub fn check_range_ends(
        &self,
        doc: &Document,
        catalog: &dyn Catalog,
    ) -> Result<(), ScenarioError> {
        let mut problems = crate::checks::range_end_problems(&self.file, catalog);
        if problems.is_empty() {
            return Ok(());
        }
        for p in &mut problems {
            doc.place(p);
        }
        problems.sort_by_key(|p| p.location.unwrap_or((usize::MAX, 0)));
        Err(ScenarioError {
            source: doc.name().to_string(),
            problems,
        })
    }

    /// Validates a raw file; returns every problem (without locations). The typed
    /// [`Params`] are built here, once.
    pub fn validate(file: ScenarioFile, catalog: &dyn Catalog) -> Result<Scenario, Vec<Problem>> {
        let problems = crate::checks::problems(&file, catalog);
        if !problems.is_empty() {
            return Err(problems);
        }
        let params = Params::new(&file).map_err(|p| vec![p])?;
        let hash = model_hash(&file);
        Ok(Scenario { file, params, hash })
    }

    /// The validated model parameters: what the model reads.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The resolved input file (after inheritance and `--set`), as validated. Not for the
    /// model, which reads [`Scenario::params`]: for serialising the scenario (manifests,
    /// `to_toml`), and for addressing its parameters by dotted path (`[ranges]`, sweep axes).
    pub fn file(&self) -> &ScenarioFile {
        &self.file
    }

    /// The scenario's short name (`meta.name`).
    pub fn name(&self) -> &str {
        &self.file.meta.name
    }

    /// The default number of runs (`simulation.runs`; `--runs` overrides).
    pub fn runs(&self) -> u64 {
        self.file.simulation.runs
    }

    /// The default master seed (`simulation.seed`; `--seed` overrides).
    pub fn seed(&self) -> u64 {
        self.file.simulation.seed
    }

    /// Each player's strategy spec (`[agents]`).
    pub fn agents(&self) -> &PerPlayer<AgentSpec> {
        &self.file.agents
    }

    /// Stable hash of the resolved model parameters (seeds runs; recorded in the manifest).
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// The fully resolved scenario as TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string(&self.file).expect("scenario serialises to TOML")
    }
}

/// Loads the scenario file `text` (named `name`, in directory `dir` when it is a file on disk)
/// with its bases, as [`Bases::load`]. When the file's own `base` cannot be loaded (not found,
/// not a string, a cycle, too many files), the error also holds the problems of the file
/// itself with `overrides`, checked without its base ([`Scenario::from_document`] of
/// [`Bases::without_base`]), so that one pass reports them all.
pub fn load_document(
    bases: &Bases,
    text: &str,
    name: &str,
    dir: Option<&Path>,
    overrides: &[String],
    catalog: &dyn Catalog,
) -> Result<Document, ScenarioError> {
    let mut e = match bases.load(text, name, dir) {
        Ok(doc) => return Ok(doc),
        Err(e) => e,
    };
    if e.source == name && e.problems.iter().any(|p| p.path == BASE_KEY) {
        let alone = Bases::without_base(text, name)?;
        if let Err(more) = Scenario::from_document(&alone, overrides, catalog) {
            e.problems.extend(more.problems);
            e.problems
                .sort_by_key(|p| p.location.unwrap_or((usize::MAX, 0)));
        }
    }
    Err(e)
}

/// Hash of the model parameters of a scenario: everything but `[meta]` and the Monte Carlo
/// defaults (`simulation.runs`, `simulation.seed`), so renaming a scenario or changing the
/// number of runs never changes what run `r` draws.
pub fn model_hash(file: &ScenarioFile) -> u64 {
    let mut f = file.clone();
    f.meta = Meta {
        name: String::new(),
        description: String::new(),
    };
    f.simulation.runs = 0;
    f.simulation.seed = 0;
    // A parameter added after scenarios were hashed counts only when it is set: at its
    // default the canonical text is the one earlier builds hashed, so a scenario keeps its
    // draws (−0 is written as 0 first, so it hashes as 0 does).
    let primacy_off = f.cloud.azure_first_primacy == 0.0;
    if primacy_off {
        f.cloud.azure_first_primacy = 0.0;
    }
    let mut canonical = serde_json::to_string(&f).expect("scenario serialises");
    if primacy_off {
        canonical = canonical.replacen(",\"azure_first_primacy\":0.0", "", 1);
    }
    fnv1a64(canonical.as_bytes())
}

/// Whether the problem at `path` concerns a value given by one of `overrides` (`path=value`).
fn set_by(overrides: &[String], path: &str) -> bool {
    overrides
        .iter()
        .filter_map(|o| o.split_once('=').map(|(p, _)| p.trim()))
        .any(|o| path == o || path.starts_with(&format!("{o}.")))
}

/// Drops the problems of a file without its base that the base would have solved: what the
/// base would give is not asked of the file, so its missing fields
/// ([`ProblemKind::MissingField`]) are no problem of the file.
fn drop_what_the_base_gives(problems: &mut Vec<Problem>) {
    problems.retain(|p| p.kind != ProblemKind::MissingField);
}

/// The problems of `overrides` when the file itself has shape problems (which stop the
/// scenario from being built): each override applied to a copy of `repaired`, the file as read
/// (its unknown keys dropped, placeholders for what is wrong or missing, so that an unknown
/// path lists only valid keys), the result read again, and the problems at an overridden
/// path kept, marked as coming from `--set`, so that one pass reports the file's problems and
/// the overrides'.
fn override_problems(
    repaired: &toml::Table,
    overrides: &[String],
    catalog: &dyn Catalog,
) -> Vec<Problem> {
    let mut table = repaired.clone();
    let mut out = Vec::new();
    for o in overrides {
        if let Err(p) = apply_override(&mut table, o) {
            out.push(p);
        }
    }
    let shaped = crate::shape::read_all::<ScenarioFile>(&table);
    let from_set = |mut p: Problem| {
        p.location = None;
        p.message.push_str(" (value from --set)");
        p
    };
    out.extend(
        shaped
            .problems
            .iter()
            .filter(|p| set_by(overrides, &p.path))
            .cloned()
            .map(from_set),
    );
    if let Some(Err(more)) = shaped.value.clone().map(|f| Scenario::validate(f, catalog)) {
        out.extend(
            more.into_iter()
                .filter(|p| set_by(overrides, &p.path) && !shaped.touches_repair(&p.path))
                .map(from_set),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(path: &str, kind: ProblemKind, message: &str) -> Problem {
        Problem {
            path: path.to_string(),
            location: None,
            value: String::new(),
            message: message.to_string(),
            kind,
        }
    }

    /// A file without its base is not asked for what the base gives: its missing fields are
    /// told apart by their kind, whatever their message says.
    #[test]
    fn a_file_without_its_base_drops_missing_fields_by_kind() {
        let mut problems = vec![
            problem(
                "meta.name",
                ProblemKind::MissingField,
                "required key absent",
            ),
            problem(
                "x",
                ProblemKind::Other,
                "missing field wording, another problem",
            ),
            problem("y", ProblemKind::UnknownField, "unknown field `y`"),
        ];
        drop_what_the_base_gives(&mut problems);
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["x", "y"]);
        // What `shape` reports of an empty file is all missing fields, all dropped.
        let shaped = crate::shape::read_all::<ScenarioFile>(&toml::Table::new());
        assert!(!shaped.problems.is_empty());
        let mut problems = shaped.problems;
        drop_what_the_base_gives(&mut problems);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
