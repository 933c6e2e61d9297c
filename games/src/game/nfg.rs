//! Gambit `.nfg` (strategic-form, version 1) text reader and writer.
//!
//! [`read`] accepts both payoff forms Gambit writes: the explicit payoff list and the outcome
//! form (a list of named outcomes followed by one outcome index per profile, index 0 being the
//! all-zero outcome), with strategies given by name or abbreviated as counts. Numbers may be
//! integers, decimals (with exponents) or rationals such as `3/4`. [`write()`] emits the explicit
//! form with shortest round-trip float formatting, so `read(&write(g)) == g`. Errors are placed
//! at a line and column by [`crate::text::line_col`].

use super::{Game, GameError, MAX_PAYOFF};
use crate::text::line_col;
use std::fmt::Write as _;
use thiserror::Error;

/// A malformed `.nfg` text: 1-based line and column of the offending token, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}, column {column}: {message}")]
pub struct NfgError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What was expected or found.
    pub message: String,
}

/// Most payoff entries (strategy profiles × players) a `.nfg` file may describe; larger games
/// are refused at parse time, before anything is allocated.
pub const MAX_PAYOFF_ENTRIES: usize = 1_000_000;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Comma,
    Str(String),
    Word(String),
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Open => "'{'".into(),
            Tok::Close => "'}'".into(),
            Tok::Comma => "','".into(),
            Tok::Str(s) => format!("string \"{s}\""),
            Tok::Word(w) => format!("'{w}'"),
        }
    }
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    /// Byte offset of the token's first character (its line and column, for an error, come
    /// from [`line_col`]).
    at: usize,
}

/// An error at byte `offset` of `text`.
fn error_at(text: &str, offset: usize, message: String) -> NfgError {
    let (line, column) = line_col(text, offset);
    NfgError {
        line,
        column,
        message,
    }
}

fn tokenize(text: &str) -> Result<Vec<Token>, NfgError> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let tok = match c {
            '{' | '}' | ',' => {
                chars.next();
                match c {
                    '{' => Tok::Open,
                    '}' => Tok::Close,
                    _ => Tok::Comma,
                }
            }
            '"' => {
                chars.next();
                let mut s = String::new();
                loop {
                    let Some((_, c)) = chars.next() else {
                        return Err(error_at(text, at, "unterminated string".into()));
                    };
                    match c {
                        '"' => break,
                        '\\' => {
                            let Some((_, e)) = chars.next() else {
                                return Err(error_at(text, at, "unterminated string".into()));
                            };
                            s.push(e);
                        }
                        c => s.push(c),
                    }
                }
                Tok::Str(s)
            }
            _ => {
                let mut w = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '{' | '}' | ',' | '"') {
                        break;
                    }
                    w.push(c);
                    chars.next();
                }
                Tok::Word(w)
            }
        };
        out.push(Token { tok, at });
    }
    Ok(out)
}

struct Parser<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser<'_> {
    fn err_at(&self, t: &Token, message: String) -> NfgError {
        error_at(self.text, t.at, message)
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self, what: &str) -> Result<Token, NfgError> {
        match self.tokens.get(self.pos) {
            Some(t) => {
                self.pos += 1;
                Ok(t.clone())
            }
            None => Err(error_at(
                self.text,
                self.text.len(),
                format!("unexpected end of input, expected {what}"),
            )),
        }
    }

    fn expect(&mut self, tok: Tok, what: &str) -> Result<Token, NfgError> {
        let t = self.next(what)?;
        if t.tok == tok {
            Ok(t)
        } else {
            Err(self.err_at(&t, format!("expected {what}, found {}", t.tok.describe())))
        }
    }

    fn string(&mut self, what: &str) -> Result<String, NfgError> {
        let t = self.next(what)?;
        match &t.tok {
            Tok::Str(s) => Ok(s.clone()),
            other => Err(self.err_at(&t, format!("expected {what}, found {}", other.describe()))),
        }
    }

    fn is_next(&self, tok: &Tok) -> bool {
        self.peek().is_some_and(|t| &t.tok == tok)
    }

    /// A number token (integer, decimal or rational), skipping one optional leading comma,
    /// with the byte offset of its token.
    fn number(&mut self, what: &str) -> Result<(f64, usize), NfgError> {
        if self.is_next(&Tok::Comma) {
            self.pos += 1;
        }
        let t = self.next(what)?;
        match &t.tok {
            Tok::Word(w) => match parse_number(w) {
                Ok(v) => Ok((v, t.at)),
                Err(BadNumber::Malformed) => {
                    Err(self.err_at(&t, format!("expected {what}, found malformed number '{w}'")))
                }
                Err(BadNumber::NotFinite) => Err(self.err_at(
                    &t,
                    format!(
                        "{what} is '{w}', not a finite number; payoffs are finite numbers of \
                         magnitude at most {MAX_PAYOFF:e}"
                    ),
                )),
            },
            other => Err(self.err_at(&t, format!("expected {what}, found {}", other.describe()))),
        }
    }

    fn count(&mut self, what: &str) -> Result<(usize, Token), NfgError> {
        let t = self.next(what)?;
        match &t.tok {
            Tok::Word(w) => w
                .parse::<usize>()
                .map(|n| (n, t.clone()))
                .map_err(|_| self.err_at(&t, format!("expected {what}, found '{w}'"))),
            other => Err(self.err_at(&t, format!("expected {what}, found {}", other.describe()))),
        }
    }
}

/// Why a number token was refused.
enum BadNumber {
    /// Not a number at all (or a rational with a zero denominator).
    Malformed,
    /// A number, but NaN or beyond the range of double precision (`1e400`, `inf`).
    NotFinite,
}

fn parse_number(w: &str) -> Result<f64, BadNumber> {
    let v = match w.split_once('/') {
        Some((a, b)) => {
            let num: f64 = a.parse().map_err(|_| BadNumber::Malformed)?;
            let den: f64 = b.parse().map_err(|_| BadNumber::Malformed)?;
            if den == 0.0 || !num.is_finite() || !den.is_finite() {
                return Err(if den == 0.0 {
                    BadNumber::Malformed
                } else {
                    BadNumber::NotFinite
                });
            }
            num / den
        }
        None => w.parse().map_err(|_| BadNumber::Malformed)?,
    };
    if v.is_finite() {
        Ok(v)
    } else {
        Err(BadNumber::NotFinite)
    }
}

/// Parses Gambit `.nfg` version-1 text (explicit payoff list or outcome form).
pub fn read(text: &str) -> Result<Game, NfgError> {
    let tokens = tokenize(text)?;
    let mut p = Parser {
        text,
        tokens,
        pos: 0,
    };
    let header = p.next("'NFG'")?;
    if header.tok != Tok::Word("NFG".into()) {
        return Err(p.err_at(
            &header,
            format!("expected 'NFG', found {}", header.tok.describe()),
        ));
    }
    let (version, vt) = p.count("format version 1")?;
    if version != 1 {
        return Err(p.err_at(
            &vt,
            format!("unsupported format version {version}, only version 1 is read"),
        ));
    }
    let kind = p.next("'R' or 'D'")?;
    if !matches!(&kind.tok, Tok::Word(w) if w == "R" || w == "D") {
        return Err(p.err_at(
            &kind,
            format!("expected 'R' or 'D', found {}", kind.tok.describe()),
        ));
    }
    let title = p.string("quoted game title")?;
    let open_players = p.expect(Tok::Open, "'{' opening the player list")?;
    let mut players = Vec::new();
    while !p.is_next(&Tok::Close) {
        players.push(p.string("quoted player name or '}'")?);
    }
    p.pos += 1;
    if players.is_empty() {
        return Err(p.err_at(&open_players, "the player list is empty".into()));
    }
    let open_strats = p.expect(Tok::Open, "'{' opening the strategy block")?;
    let mut strategies = Vec::with_capacity(players.len());
    if p.is_next(&Tok::Open) {
        for i in 0..players.len() {
            let open = p.expect(
                Tok::Open,
                &format!("'{{' opening player {}'s strategies", i + 1),
            )?;
            let mut names = Vec::new();
            while !p.is_next(&Tok::Close) {
                names.push(p.string("quoted strategy name or '}'")?);
            }
            p.pos += 1;
            if names.is_empty() {
                return Err(p.err_at(&open, format!("player {} has no strategies", i + 1)));
            }
            strategies.push(names);
        }
    } else {
        for i in 0..players.len() {
            let (n, t) = p.count(&format!("strategy count of player {}", i + 1))?;
            if n == 0 {
                return Err(p.err_at(&t, format!("player {} has no strategies", i + 1)));
            }
            if n > MAX_PAYOFF_ENTRIES {
                return Err(p.err_at(
                    &t,
                    format!(
                        "player {} has {n} strategies; games are limited to \
                         {MAX_PAYOFF_ENTRIES} payoff entries",
                        i + 1
                    ),
                ));
            }
            strategies.push((1..=n).map(|j| j.to_string()).collect());
        }
    }
    p.expect(Tok::Close, "'}' closing the strategy block")?;
    let mut comment = String::new();
    if let Some(Token {
        tok: Tok::Str(s), ..
    }) = p.peek()
    {
        comment = s.clone();
        p.pos += 1;
    }
    let n = players.len();
    let counts: Vec<usize> = strategies.iter().map(Vec::len).collect();
    let profiles = counts
        .iter()
        .try_fold(1usize, |acc, &m| acc.checked_mul(m))
        .filter(|&k| k.checked_mul(n).is_some_and(|e| e <= MAX_PAYOFF_ENTRIES))
        .ok_or_else(|| {
            let shape: Vec<String> = counts.iter().map(usize::to_string).collect();
            p.err_at(
                &open_strats,
                format!(
                    "a {} game with {n} players has more than {MAX_PAYOFF_ENTRIES} payoff \
                     entries (profiles × players); pactsim refuses games above this limit",
                    shape.join("×")
                ),
            )
        })?;
    let mut payoffs = Vec::with_capacity(profiles * n);
    // Byte offset of the token each payoff entry comes from (for errors about its value).
    let mut sources: Vec<usize> = Vec::with_capacity(profiles * n);
    if p.is_next(&Tok::Open) {
        p.pos += 1;
        let mut outcomes: Vec<Vec<(f64, usize)>> = Vec::new();
        while !p.is_next(&Tok::Close) {
            p.expect(
                Tok::Open,
                "'{' opening an outcome or '}' closing the outcome list",
            )?;
            p.string("quoted outcome name")?;
            let mut o = Vec::with_capacity(n);
            for i in 0..n {
                o.push(p.number(&format!("payoff of player {} in outcome", i + 1))?);
            }
            if p.is_next(&Tok::Comma) {
                p.pos += 1;
            }
            p.expect(
                Tok::Close,
                &format!("'}}' closing an outcome of {n} payoffs"),
            )?;
            outcomes.push(o);
        }
        p.pos += 1;
        for k in 0..profiles {
            let (idx, t) = p.count(&format!("outcome index for profile {}", k + 1))?;
            match idx {
                0 => {
                    payoffs.extend(std::iter::repeat_n(0.0, n));
                    sources.extend(std::iter::repeat_n(t.at, n));
                }
                i if i <= outcomes.len() => {
                    payoffs.extend(outcomes[i - 1].iter().map(|o| o.0));
                    sources.extend(outcomes[i - 1].iter().map(|o| o.1));
                }
                i => {
                    return Err(p.err_at(
                        &t,
                        format!(
                            "outcome index {i} out of range (0..={} outcomes defined)",
                            outcomes.len()
                        ),
                    ))
                }
            }
        }
    } else {
        for k in 0..profiles * n {
            let (v, at) = p.number(&format!(
                "payoff #{} of {} (profile {}, player {})",
                k + 1,
                profiles * n,
                k / n + 1,
                k % n + 1
            ))?;
            payoffs.push(v);
            sources.push(at);
        }
    }
    if let Some(t) = p.peek() {
        let t = t.clone();
        return Err(p.err_at(
            &t,
            format!("unexpected {} after the payoffs", t.tok.describe()),
        ));
    }
    let names = players.clone();
    let game = Game::new(title, players, strategies, payoffs).map_err(|e: GameError| {
        payoff_error(text, &sources, &names, &e)
            .unwrap_or_else(|| error_at(text, header.at, e.to_string()))
    })?;
    Ok(game.with_comment(comment))
}

/// The error for a payoff the game refused ([`GameError::PayoffTooLarge`],
/// [`GameError::PayoffSpread`]), placed at the payoff's token and naming the player; `None`
/// for other errors.
fn payoff_error(
    text: &str,
    sources: &[usize],
    players: &[String],
    e: &GameError,
) -> Option<NfgError> {
    let n = players.len();
    let at = |index: usize| sources.get(index).copied().unwrap_or(0);
    let place = |index: usize| {
        let (line, column) = line_col(text, at(index));
        format!(
            "payoff #{} (profile {}, player \"{}\"; line {line}, column {column})",
            index + 1,
            index / n + 1,
            players[index % n]
        )
    };
    match *e {
        GameError::PayoffTooLarge { index, value } => Some(error_at(
            text,
            at(index),
            format!(
                "{} is {value:e}; payoffs may be at most {MAX_PAYOFF:e} in magnitude, so that \
                 averages and differences of payoffs stay finite in double precision; divide \
                 the player's payoffs by a positive number (this does not change the \
                 equilibria)",
                place(index)
            ),
        )),
        GameError::PayoffSpread {
            player,
            low_index,
            low,
            high_index,
            high,
        } => Some(error_at(
            text,
            at(low_index.max(high_index)),
            format!(
                "player \"{}\"'s payoffs range from {low:e} at {} to {high:e} at {}: one \
                 player's payoffs may differ by at most {MAX_PAYOFF:e}, so that regrets \
                 (differences of the player's payoffs) stay finite in double precision; divide \
                 the player's payoffs by a positive number (this does not change the \
                 equilibria)",
                players[player],
                place(low_index),
                place(high_index)
            ),
        )),
        _ => None,
    }
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Writes `game` as Gambit `.nfg` version-1 text in the explicit payoff form.
pub fn write(game: &Game) -> String {
    let mut out = String::new();
    let players: Vec<String> = game.players().iter().map(|p| quote(p)).collect();
    let _ = writeln!(
        out,
        "NFG 1 R {} {{ {} }}\n",
        quote(game.title()),
        players.join(" ")
    );
    out.push('{');
    for names in game.strategies() {
        let names: Vec<String> = names.iter().map(|s| quote(s)).collect();
        let _ = writeln!(out, " {{ {} }}", names.join(" "));
    }
    out.push_str("}\n");
    let _ = writeln!(out, "{}\n", quote(game.comment()));
    let n = game.num_players();
    for chunk in game.payoff_table().chunks(n) {
        let values: Vec<String> = chunk.iter().map(|v| format!("{v}")).collect();
        let _ = writeln!(out, "{}", values.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EXPLICIT: &str = r#"NFG 1 R "Battle" { "Row" "Col" }

{ { "Opera" "Fight" }
{ "Opera" "Fight" }
}
"a comment"

2 1 0 0 0 0 1 2
"#;

    #[test]
    fn reads_explicit_form() {
        let g = read(EXPLICIT).unwrap();
        assert_eq!(g.title(), "Battle");
        assert_eq!(g.comment(), "a comment");
        assert_eq!(g.players(), &["Row".to_string(), "Col".to_string()]);
        assert_eq!(g.strategies()[1], vec!["Opera".to_string(), "Fight".into()]);
        assert_eq!(g.payoff(&[0, 0], 0), 2.0);
        assert_eq!(g.payoff(&[1, 1], 1), 2.0);
        assert_eq!(g.payoff(&[1, 0], 0), 0.0);
    }

    #[test]
    fn reads_outcome_form_with_counts_and_rationals() {
        let text = "NFG 1 R \"PD\" { \"A\" \"B\" } { 2 2 }\n{\n{ \"cc\" 3, 3 }\n{ \"dc\" 5 0 }\n{ \"cd\" 0, 3/4 }\n}\n1 2 3 0\n";
        let g = read(text).unwrap();
        assert_eq!(g.strategies()[0], vec!["1".to_string(), "2".into()]);
        assert_eq!(g.payoff(&[0, 0], 1), 3.0);
        assert_eq!(g.payoff(&[1, 0], 0), 5.0);
        assert_eq!(g.payoff(&[0, 1], 1), 0.75);
        assert_eq!(g.payoff(&[1, 1], 0), 0.0);
        assert_eq!(g.comment(), "");
    }

    #[test]
    fn reads_decimals_and_three_players() {
        let text = "NFG 1 D \"t\" { \"1\" \"2\" \"3\" } { 1 2 1 }\n0.5 -1e-3 2 1 2 3\n";
        let g = read(text).unwrap();
        assert_eq!(g.num_players(), 3);
        assert_eq!(g.payoff(&[0, 0, 0], 1), -1e-3);
        assert_eq!(g.payoff(&[0, 1, 0], 2), 3.0);
    }

    fn err(text: &str) -> NfgError {
        read(text).unwrap_err()
    }

    #[test]
    fn malformed_inputs_report_position() {
        let e = err("NFG 1 R \"t\" { \"a\" \"b\" } { 2 2 }\n1 2 3 4\n5 x 7 8\n");
        assert_eq!((e.line, e.column), (3, 3));
        assert!(e.message.contains("malformed number 'x'"), "{e}");

        let e = err("NFG 1 R \"t\" { \"a\" \"b\" } { 2 2 }\n1 2 3\n");
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("unexpected end of input"), "{e}");

        let e = err("NFG 2 R \"t\" { \"a\" } { 1 }\n1\n");
        assert_eq!((e.line, e.column), (1, 5));

        let e = err("NFG 1 R \"t\" { \"a\" } { 1 }\n{ { \"o\" 1 } }\n  2\n");
        assert_eq!((e.line, e.column), (3, 3));
        assert!(e.message.contains("out of range"), "{e}");

        let e = err("NFG 1 R \"t\" { \"a\" } { 1 }\n1 2\n");
        assert_eq!((e.line, e.column), (2, 3));

        let e = err("NFG 1 R \"t\n");
        assert_eq!((e.line, e.column), (1, 9));
        assert!(e.message.contains("unterminated"));

        let e = err("EFG 2 R");
        assert_eq!((e.line, e.column), (1, 1));

        let e = err("NFG 1 R \"t\" { \"a\" } { 0 }\n");
        assert_eq!((e.line, e.column), (1, 23));

        let e = err("NFG 1 R \"t\" { \"a\" } { 1 }\n1/0\n");
        assert_eq!((e.line, e.column), (2, 1));
    }

    /// Payoffs whose averages or differences would overflow are refused at the
    /// payoff's own line and column, naming the player, the values and what is allowed.
    #[test]
    fn oversized_payoffs_are_refused_where_they_are() {
        let head = "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n\"\"\n";
        let e = err(&format!("{head}1 2 3 4\n5 1.5e308 7 8\n"));
        assert_eq!((e.line, e.column), (4, 3));
        assert!(
            e.message.contains("payoff #6 (profile 3, player \"B\"")
                && e.message.contains("1.5e308")
                && e.message.contains("at most 1e308"),
            "{e}"
        );
        // A's payoffs span -1e308 .. 1e308: the later of the two is pointed at.
        let e = err(&format!("{head}1e308 0 0 0\n-1e308 0 0 0\n"));
        assert_eq!((e.line, e.column), (4, 1));
        assert!(
            e.message
                .contains("player \"A\"'s payoffs range from -1e308")
                && e.message.contains("to 1e308")
                && e.message.contains("line 3, column 1")
                && e.message.contains("may differ by at most 1e308"),
            "{e}"
        );
        // Outcome form: the outcome's payoff token.
        let e = err("NFG 1 R \"t\" { \"a\" } { 2 }\n{ { \"o\" 1e308 } { \"p\" -1e308 } }\n1 2\n");
        assert_eq!((e.line, e.column), (2, 23));
        assert!(e.message.contains("player \"a\""), "{e}");
        // Not a finite number at all.
        let e = err(&format!("{head}1 2 3 4\n5 6 1e400 8\n"));
        assert_eq!((e.line, e.column), (4, 5));
        assert!(
            e.message.contains("'1e400', not a finite number")
                && e.message.contains("at most 1e308"),
            "{e}"
        );
        // The same magnitudes split between players are a valid game.
        let g = read(&format!("{head}1 1e308 0 0 -1e308 0 1 1\n")).unwrap();
        assert_eq!(g.payoff_spread(), 1e308);
    }

    fn arb_game() -> impl Strategy<Value = Game> {
        (
            prop::collection::vec(1usize..4, 1..4),
            ".*",
            ".*",
            any::<u64>(),
        )
            .prop_flat_map(|(counts, title, comment, _)| {
                let n = counts.len();
                let profiles: usize = counts.iter().product();
                let names: Vec<BoxedStrategy<Vec<String>>> = counts
                    .iter()
                    .map(|&m| prop::collection::vec("[ -~é\"\\\\\n]{0,6}", m).boxed())
                    .collect();
                (
                    Just(title),
                    Just(comment),
                    prop::collection::vec("[a-zA-Z \"]{0,5}", n),
                    names,
                    prop::collection::vec(
                        prop_oneof![
                            (-1e6f64..1e6),
                            (-100i32..100).prop_map(f64::from),
                            // Any payoff a game accepts: one player's payoffs differ by at most MAX_PAYOFF.
                            any::<f64>().prop_filter("finite, within MAX_PAYOFF / 2", |v| {
                                v.is_finite() && v.abs() <= MAX_PAYOFF / 2.0
                            })
                        ],
                        profiles * n,
                    ),
                )
            })
            .prop_map(|(title, comment, players, strategies, payoffs)| {
                Game::new(title, players, strategies, payoffs)
                    .unwrap()
                    .with_comment(comment)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn write_read_round_trip(g in arb_game()) {
            let text = write(&g);
            let back = read(&text).unwrap();
            prop_assert_eq!(back, g);
        }
    }
}
