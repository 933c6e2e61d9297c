//! Property tests of the `.nfg` parser (docs/reliability.md): arbitrary bytes and
//! structure-aware games never panic; well-formed games round-trip through `write`/`read`.
//! The case count comes from `PROPTEST_CASES` (proptest's default 256), e.g.
//! `PROPTEST_CASES=100000 cargo test --release -p sim --test nfg_proptest`.

use games::game::{nfg, Game};
use proptest::prelude::*;

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| format!("{v:e}")),
        (any::<i32>(), 1..1000i32).prop_map(|(a, b)| format!("{a}/{b}")),
        Just("1e400".to_string()),
        Just("0/0".to_string()),
        "[0-9eE./+-]{1,12}",
    ]
}

/// An `.nfg` text with plausible structure but arbitrary counts and payoff lists.
fn structured() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(0usize..5, 1..4),
        proptest::collection::vec(number(), 0..40),
        any::<bool>(),
    )
        .prop_map(|(counts, payoffs, names)| {
            let players: Vec<String> = (0..counts.len()).map(|i| format!("\"P{i}\"")).collect();
            let strategies = if names {
                counts
                    .iter()
                    .map(|&c| {
                        let s: Vec<String> = (0..c).map(|j| format!("\"s{j}\"")).collect();
                        format!("{{ {} }}", s.join(" "))
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                counts
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            format!(
                "NFG 1 R \"g\" {{ {} }} {{ {strategies} }}\n\"\"\n{}\n",
                players.join(" "),
                payoffs.join(" ")
            )
        })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = nfg::read(&text) {
            prop_assert!(e.line >= 1 && e.column >= 1);
        }
    }

    #[test]
    fn prefixed_garbage_never_panics(tail in "[ -~\n]{0,200}") {
        let _ = nfg::read(&format!("NFG 1 R \"t\" {{ \"a\" \"b\" }} {tail}"));
    }

    #[test]
    fn structured_games_parse_or_fail_cleanly(text in structured()) {
        match nfg::read(&text) {
            Ok(g) => {
                prop_assert!(g.payoff_table().iter().all(|v| v.is_finite()));
                prop_assert_eq!(nfg::read(&nfg::write(&g)), Ok(g));
            }
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }

    #[test]
    fn written_games_round_trip(
        counts in proptest::collection::vec(1usize..4, 1..4),
        seed in any::<u64>(),
    ) {
        let k: usize = counts.iter().product::<usize>() * counts.len();
        let payoffs: Vec<f64> = (0..k)
            .map(|i| (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) >> 11) as f64 / 7.0 - 1e6)
            .collect();
        let g = Game::from_counts(&counts, payoffs).unwrap();
        prop_assert_eq!(nfg::read(&nfg::write(&g)), Ok(g));
    }
}
