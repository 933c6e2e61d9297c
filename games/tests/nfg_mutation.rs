//! Reliability suite for games (docs/reliability.md): seeded mutations of the example `.nfg`
//! files (configs/games, tests/games) go through the parser and every applicable solver
//! in-process. Each case must return `Ok` or a typed error — no panic — and every reported
//! equilibrium must be finite. `PACTSIM_MUTATION_CASES` raises the case count (default 2,400).

use games::game::{nfg, Game};
use games::solve::{self, Method, SolveOptions};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::PathBuf;

fn examples() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in ["configs/games", "tests/games"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "nfg"))
            .collect();
        files.sort();
        for f in files {
            out.push((
                f.display().to_string(),
                std::fs::read_to_string(&f).unwrap(),
            ));
        }
    }
    assert!(out.len() >= 6, "example games missing");
    out
}

/// Replacement numbers that stress scaling, overflow and parsing.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "4294967296",
    "1e18",
    "-1e18",
    "1e308",
    "-1e308",
    "1e-308",
    "1e400",
    "nan",
    "inf",
    "-inf",
    "1/0",
    "0/0",
    "3/4",
    "-7/3",
    "99999999999999999999999",
    "0.1",
    "18446744073709551615",
    "9223372036854775807",
    "1000000",
    "100000",
    "2",
    "3",
];

/// Pieces spliced in as whole tokens.
const TOKENS: &[&str] = &[
    "{", "}", ",", "\"\"", "\"x\"", "NFG", "1", "R", "D", "\"", "\\",
];

/// One seeded mutation of `text`: token or byte level.
pub fn mutate(text: &str, rng: &mut ChaCha8Rng) -> String {
    let mut tokens: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    let rounds = rng.random_range(1..=3);
    for _ in 0..rounds {
        if tokens.is_empty() {
            tokens.push("NFG".into());
        }
        let k = rng.random_range(0..tokens.len());
        match rng.random_range(0..9) {
            0 | 1 => {
                // Replace a number (or any token) by a stressing number.
                let numeric: Vec<usize> = (0..tokens.len())
                    .filter(|&i| tokens[i].parse::<f64>().is_ok())
                    .collect();
                let at = if numeric.is_empty() {
                    k
                } else {
                    numeric[rng.random_range(0..numeric.len())]
                };
                tokens[at] = NUMBERS[rng.random_range(0..NUMBERS.len())].to_string();
            }
            2 => {
                tokens.remove(k);
            }
            3 => {
                let t = tokens[k].clone();
                tokens.insert(k, t);
            }
            4 => {
                let t = TOKENS[rng.random_range(0..TOKENS.len())].to_string();
                tokens.insert(k, t);
            }
            5 => {
                let j = rng.random_range(0..tokens.len());
                tokens.swap(k, j);
            }
            6 => {
                tokens.truncate(k);
            }
            7 => {
                // Add or remove a strategy name inside a strategy block.
                tokens.insert(k, format!("\"s{}\"", rng.random_range(0..9)));
            }
            _ => {
                // Byte flip inside a token.
                let mut b = tokens[k].clone().into_bytes();
                if !b.is_empty() {
                    let i = rng.random_range(0..b.len());
                    b[i] = rng.random_range(0x20..0x7f);
                }
                tokens[k] = String::from_utf8_lossy(&b).into_owned();
            }
        }
    }
    tokens.join(" ")
}

fn cases() -> u64 {
    std::env::var("PACTSIM_MUTATION_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_400)
}

/// Solves `game` with every applicable method on small budgets; panics on a non-finite result.
pub fn solve_all_checked(game: &Game, label: &str) {
    let opts = SolveOptions {
        iterations: 300,
        replicator_steps: 300,
        lambdas: vec![0.5, 5.0],
        ..SolveOptions::default()
    };
    if game.num_profiles() * game.num_players() > 512 {
        return;
    }
    for m in Method::CONCRETE {
        if !m.applies_to(game) {
            continue;
        }
        match solve::solve(game, m, &opts) {
            Ok(r) => {
                for e in &r.equilibria {
                    assert!(e.is_finite(), "{label}: {m} reported {e:?}");
                    assert!(
                        e.profile
                            .iter()
                            .all(|p| (p.iter().sum::<f64>() - 1.0).abs() < 1e-6),
                        "{label}: {m} reported a non-distribution {e:?}"
                    );
                }
                if m != Method::Pure {
                    assert!(!r.equilibria.is_empty(), "{label}: {m} empty success");
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}

#[test]
fn mutated_example_games_never_panic_or_report_non_finite_results() {
    let examples = examples();
    let n = cases();
    let mut rng = ChaCha8Rng::seed_from_u64(0x9ac7_5eed);
    let (mut parsed, mut refused) = (0u64, 0u64);
    for case in 0..n {
        let (name, text) = &examples[(case as usize) % examples.len()];
        let mutated = mutate(text, &mut rng);
        let label = format!("case {case} from {name}: {mutated:?}");
        let got = std::panic::catch_unwind(|| match nfg::read(&mutated) {
            Ok(g) => {
                solve_all_checked(&g, &label);
                // Round trip: what pactsim writes it reads back identically.
                assert_eq!(nfg::read(&nfg::write(&g)).as_ref(), Ok(&g), "{label}");
                true
            }
            Err(e) => {
                assert!(e.line >= 1 && e.column >= 1 && !e.message.is_empty());
                false
            }
        });
        match got {
            Ok(true) => parsed += 1,
            Ok(false) => refused += 1,
            Err(_) => panic!("panic on {label}"),
        }
    }
    assert_eq!(parsed + refused, n);
    assert!(
        parsed > n / 20,
        "mutations too destructive: {parsed} parsed of {n}"
    );
}

#[test]
fn extreme_payoffs_are_normalised_not_nan() {
    for big in [1e18, 4_294_967_296.0, 1e300, -1e300] {
        let g = Game::bimatrix(
            &[vec![big, 0.0], vec![0.0, 1.0]],
            &[vec![1.0, 0.0], vec![0.0, 2.0]],
        )
        .unwrap();
        solve_all_checked(&g, &format!("payoff {big}"));
        for m in [Method::Simpdiv, Method::Logit, Method::Replicator] {
            let r = solve::solve(&g, m, &SolveOptions::default());
            let r = r.unwrap_or_else(|e| panic!("{m} with payoff {big}: {e}"));
            assert!(r.equilibria.iter().all(|e| e.is_finite()));
        }
    }
}

#[test]
fn oversized_games_are_refused_at_parse_time() {
    for shape in [
        "{ 1000 1000 1000 }",
        "{ 100000 100000 }",
        "{ 18446744073709551615 2 }",
        "{ 9223372036854775807 }",
    ] {
        let players = shape.split_whitespace().count() - 2;
        let names: Vec<String> = (0..players).map(|i| format!("\"p{i}\"")).collect();
        let text = format!("NFG 1 R \"big\" {{ {} }} {shape}\n\n1 2\n", names.join(" "));
        let e = nfg::read(&text).unwrap_err();
        assert!(
            e.message.contains("payoff entries"),
            "{shape}: {}",
            e.message
        );
    }
}

/// Seeded games whose payoffs mix ordinary values with magnitudes near the
/// limits of double precision (10³⁰⁸, 10⁻³⁰⁸, subnormals). Each is refused with a typed error
/// or solved by every method without a panic or a non-finite number, and every profile a Nash
/// method lists is a Nash equilibrium of the game as given within the documented tolerance.
#[test]
fn games_near_the_limits_of_double_precision_are_solved_or_refused_cleanly() {
    const PALETTE: &[f64] = &[
        0.0,
        1.0,
        -1.0,
        2.0,
        0.5,
        1e18,
        -1e18,
        1e300,
        -1e300,
        5e307,
        -5e307,
        1e308,
        -1e308,
        1e-300,
        -1e-300,
        5e-324,
        4294967296.0,
    ];
    let mut rng = ChaCha8Rng::seed_from_u64(0x0d15_ea5e);
    let shapes: [&[usize]; 4] = [&[2, 2], &[3, 3], &[2, 3], &[2, 2, 2]];
    let (mut solved, mut refused) = (0, 0);
    for case in 0..240 {
        let counts = shapes[case % shapes.len()];
        let k = counts.iter().product::<usize>() * counts.len();
        let payoffs: Vec<f64> = (0..k)
            .map(|_| PALETTE[rng.random_range(0..PALETTE.len())])
            .collect();
        let label = format!("case {case}: {counts:?} {payoffs:?}");
        let game = match Game::from_counts(counts, payoffs) {
            Ok(g) => g,
            Err(e) => {
                assert!(!e.to_string().contains("inf"), "{label}: {e}");
                refused += 1;
                continue;
            }
        };
        solved += 1;
        let got = std::panic::catch_unwind(|| {
            let opts = SolveOptions {
                iterations: 200,
                replicator_steps: 200,
                ..SolveOptions::default()
            };
            let qre = SolveOptions {
                lambdas: vec![0.0, solve::logit::max_lambda(&game).min(1.0) / 2.0],
                ..opts.clone()
            };
            for (m, o) in Method::CONCRETE
                .into_iter()
                .map(|m| (m, &opts))
                .chain([(Method::Logit, &qre), (Method::All, &opts)])
            {
                if !m.applies_to(&game) {
                    continue;
                }
                match solve::solve(&game, m, o) {
                    Ok(r) => {
                        let text = format!("{r}{}", r.to_json());
                        assert!(
                            !text.contains("inf")
                                && !text.contains("NaN")
                                && !text.contains("null"),
                            "{label}: {m}: {text}"
                        );
                        let nash = matches!(
                            m,
                            Method::Pure
                                | Method::EnumMixed
                                | Method::Lcp
                                | Method::Lh
                                | Method::Simpdiv
                        ) || (m == Method::Logit && o.lambdas.is_empty());
                        for e in r.equilibria.iter().filter(|_| nash) {
                            assert_eq!(
                                solve::nash_violation(&game, &e.profile, o.tolerance),
                                None,
                                "{label}: {m}: {e:?}"
                            );
                        }
                    }
                    Err(e) => {
                        let text = e.to_string();
                        assert!(
                            !text.contains("inf") && !text.contains("NaN"),
                            "{label}: {m}: {text}"
                        );
                    }
                }
            }
        });
        assert!(got.is_ok(), "panic on {label}");
    }
    assert!(
        solved > 40 && refused > 40,
        "solved {solved}, refused {refused}"
    );
}
