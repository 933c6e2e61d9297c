//! `equilibria --plot DIR`: the files written, what the QRE path and the trajectories contain,
//! and the output-safety rules for DIR.

use crate::solvers::game_path;
use crate::util::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files of a results directory, without hidden ones (pactsim's own bookkeeping, such
/// as its inventory of the files it wrote).
fn shown(dir: &Path) -> Vec<PathBuf> {
    files(dir)
        .into_iter()
        .filter(|p| !p.to_string_lossy().starts_with('.'))
        .collect()
}

fn plot(game: &str, extra: &[&str], dir: &Path) -> std::process::Output {
    let mut args = vec![
        "equilibria".to_string(),
        game_path(game),
        "--method".into(),
        "enummixed".into(),
        "--plot".into(),
        dir.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    pactsim(&args, dir.parent().unwrap())
}

/// Rows of a CSV file as maps from header to field.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split(',').map(str::to_string))
                .collect()
        })
        .collect()
}

/// Probability per (player, strategy).
type Probabilities = BTreeMap<(String, String), f64>;

/// QRE path points: λ → probability per (player, strategy), in file order.
fn qre_points(dir: &Path) -> Vec<(f64, Probabilities)> {
    let mut out: Vec<(f64, Probabilities)> = Vec::new();
    for r in rows(&dir.join("qre_path.csv")) {
        let l: f64 = r["lambda"].parse().unwrap();
        let p: f64 = r["probability"].parse().unwrap();
        if out.last().is_none_or(|x| x.0 != l) {
            out.push((l, BTreeMap::new()));
        }
        let point = out.last_mut().unwrap();
        point
            .1
            .insert((r["player"].clone(), r["strategy"].clone()), p);
    }
    out
}

#[test]
fn rock_paper_scissors_gets_the_qre_path_and_one_population_simplex() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rps");
    let o = plot(
        "rock-paper-scissors.nfg",
        &["--lambda", "0.5,2", "--json"],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // stdout stays one JSON object; the plot report goes to stderr.
    serde_json::from_str::<serde_json::Value>(stdout(&o).trim()).unwrap();
    let expected: Vec<PathBuf> = [
        "manifest.json",
        "plots/dynamics.svg",
        "plots/qre_path.svg",
        "qre_path.csv",
        "trajectories.csv",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    assert_eq!(shown(&dir), expected);
    let svg = std::fs::read_to_string(dir.join("plots/qre_path.svg")).unwrap();
    assert!(svg.contains("λ = 0.5") && svg.contains("λ = 2"), "marks");
    // The path starts at the centroid at λ = 0 and, the equilibrium being the centroid, stays.
    let path = qre_points(&dir);
    assert_eq!(path[0].0, 0.0);
    assert!(path.len() > 10);
    for (_, p) in &path {
        assert_eq!(p.len(), 6);
        assert!(p.values().all(|v| (v - 1.0 / 3.0).abs() < 1e-9), "{p:?}");
    }
    // Trajectories stay on the simplex: every state sums to 1 with shares in [0, 1].
    let mut sums: BTreeMap<(String, String, String, String), f64> = BTreeMap::new();
    for r in rows(&dir.join("trajectories.csv")) {
        let v: f64 = r["probability"].parse().unwrap();
        assert!((-1e-12..=1.0 + 1e-12).contains(&v), "{r:?}");
        let key = (
            r["dynamics"].clone(),
            r["start"].clone(),
            r["step"].clone(),
            r["player"].clone(),
        );
        *sums.entry(key).or_default() += v;
    }
    assert!(sums.len() > 1000);
    assert!(sums.keys().any(|k| k.0 == "replicator"));
    assert!(sums.keys().any(|k| k.0 == "fictitious"));
    assert!(sums.values().all(|s| (s - 1.0).abs() < 1e-9));
}

#[test]
fn prisoners_dilemma_path_ends_at_the_nash_equilibrium() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pd");
    let o = plot("prisoners-dilemma.nfg", &["--format", "both"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let expected: Vec<PathBuf> = [
        "manifest.json",
        "plots/qre_path.png",
        "plots/qre_path.svg",
        "qre_path.csv",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    assert_eq!(shown(&dir), expected, "2×2: no simplex");
    let path = qre_points(&dir);
    let defect = |p: &BTreeMap<(String, String), f64>, who: &str| {
        p[&(who.to_string(), "Defect".to_string())]
    };
    let (l0, first) = &path[0];
    assert_eq!(*l0, 0.0);
    assert!(first.values().all(|v| (v - 0.5).abs() < 1e-12));
    let (_, last) = path.last().unwrap();
    assert!(defect(last, "Row") > 0.999 && defect(last, "Column") > 0.999);
    // Along the principal branch defection rises monotonically.
    assert!(path
        .windows(2)
        .all(|w| defect(&w[1].1, "Row") >= defect(&w[0].1, "Row") - 1e-12));
    // A second run replaces the pactsim directory.
    let again = plot("prisoners-dilemma.nfg", &[], &dir);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(!dir.join("plots/qre_path.png").exists());
}

#[test]
fn asymmetric_three_strategy_games_get_one_triangle_per_player() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("shapley");
    let o = plot("shapley.nfg", &[], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let f = shown(&dir);
    for name in ["plots/dynamics_player1.svg", "plots/dynamics_player2.svg"] {
        assert!(f.contains(&PathBuf::from(name)), "{f:?}");
    }
    let svg = std::fs::read_to_string(dir.join("plots/dynamics_player1.svg")).unwrap();
    assert!(svg.contains("NE 1"), "the equilibrium is marked");
}

#[test]
fn plot_directory_obeys_the_output_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let mine = tmp.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep me").unwrap();
    for target in [".", "..", "mine"] {
        let o = pactsim(
            &[
                "equilibria",
                &game_path("prisoners-dilemma.nfg"),
                "--method",
                "pure",
                "--plot",
                target,
            ],
            tmp.path(),
        );
        assert_eq!(o.status.code(), Some(2), "{target}: {}", stderr(&o));
        assert!(stderr(&o).contains(target), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(files(&mine), vec![PathBuf::from("notes.txt")]);
}

/// A refused `--plot` target is named by the flag the user gave, and refused
/// before anything is solved or printed; bad input caught before the target is touched leaves
/// nothing behind.
#[test]
fn a_refused_plot_target_is_named_and_refused_before_solving() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir(d.join("mine")).unwrap();
    std::fs::write(d.join("mine/notes.txt"), "keep me").unwrap();
    std::fs::write(d.join("notes"), "a file").unwrap();
    let pd = game_path("prisoners-dilemma.nfg");
    for (target, wanted) in [
        (
            "mine",
            "--plot mine: exists and is not a pactsim results directory",
        ),
        (
            "notes/results",
            "--plot notes/results: cannot create its parent directory",
        ),
        (".", "--plot .: refusing to write results there"),
    ] {
        let o = pactsim(&["equilibria", &pd, "--method", "all", "--plot", target], d);
        assert_eq!(o.status.code(), Some(2), "{target}: {}", stderr(&o));
        assert!(stderr(&o).contains(wanted), "{target}: {}", stderr(&o));
        assert!(!stderr(&o).contains("--out"), "{target}: {}", stderr(&o));
        assert!(
            stdout(&o).is_empty(),
            "{target}: solved first: {}",
            stdout(&o)
        );
    }
    // A label the game does not have is refused before the plot directory is created.
    let o = pactsim(
        &[
            "equilibria",
            &pd,
            "--method",
            "lh",
            "--label",
            "9",
            "--plot",
            "new/pics",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!d.join("new").exists(), "nothing left behind");
    assert_eq!(
        files(d),
        vec![PathBuf::from("mine/notes.txt"), PathBuf::from("notes")]
    );
}

/// Numbers of a results directory's text files: no `inf`, `NaN` or empty CSV field.
fn assert_all_finite(dir: &Path) {
    for f in files(dir) {
        let name = f.to_string_lossy().to_string();
        if name.ends_with(".png") {
            continue;
        }
        let text = std::fs::read_to_string(dir.join(&f)).unwrap();
        for bad in ["inf", "NaN", "nan", "null"] {
            assert!(!text.contains(bad), "{name} contains {bad}");
        }
        if name.ends_with(".csv") {
            for line in text.lines() {
                assert!(!line.split(',').any(str::is_empty), "{name}: {line}");
            }
        }
    }
}

/// Payoffs of ±10³⁰⁸ (their range over both players overflows) get a QRE path
/// traced to its Nash limit and, for three strategies each, replicator orbits integrated for
/// the payoffs divided by a power of two: no `inf` ("range inf" used to be drawn) and no NaN.
#[test]
fn payoffs_near_the_double_limit_get_finite_pictures() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(
        d.join("huge.nfg"),
        "NFG 1 R \"huge\" { \"A\" \"B\" } { 2 2 }\n\"\"\n1 1e308 0 0 -1e308 0 1 1\n",
    )
    .unwrap();
    let o = pactsim(
        &[
            "equilibria",
            "--nfg",
            "huge.nfg",
            "--method",
            "pure",
            "--plot",
            "h",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_all_finite(&d.join("h"));
    let path = qre_points(&d.join("h"));
    assert!(path.len() > 10, "{path:?}");
    let svg = std::fs::read_to_string(d.join("h/plots/qre_path.svg")).unwrap();
    assert!(svg.contains("spread 1e308"), "subtitle");
    // Rock–paper–scissors with stakes of 5·10³⁰⁷: the orbits cycle as in the ordinary game.
    let (w, l) = ("5e307", "-5e307");
    let body = format!("0 0 {w} {l} {l} {w} {l} {w} 0 0 {w} {l} {w} {l} {l} {w} 0 0\n");
    std::fs::write(
        d.join("rps.nfg"),
        format!("NFG 1 R \"big rps\" {{ \"Row\" \"Column\" }} {{ 3 3 }}\n\"\"\n{body}"),
    )
    .unwrap();
    let o = pactsim(
        &[
            "equilibria",
            "--nfg",
            "rps.nfg",
            "--method",
            "enummixed",
            "--plot",
            "r",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("divided by 2^"), "{}", stderr(&o));
    assert_all_finite(&d.join("r"));
    let interior = rows(&d.join("r/trajectories.csv"))
        .iter()
        .filter(|r| r["dynamics"] == "replicator" && r["step"] == "3000")
        .all(|r| {
            let p: f64 = r["probability"].parse().unwrap();
            p > 0.01 && p < 0.99
        });
    assert!(interior, "the orbits stay inside the simplex");
}
