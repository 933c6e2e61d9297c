//! Results-directory safety (docs/reliability.md): unsafe `--out` targets are refused with
//! exit code 2 and left untouched, previous results are replaced atomically, leftovers of
//! killed processes are cleaned, and a busy output is reported instead of clobbered.

use crate::util::*;
use std::fs;
use std::path::Path;

fn run_into(out: &str, cwd: &Path) -> std::process::Output {
    pactsim(
        &["run", "--runs", "50", "--out", out, "--no-plots", "-q"],
        cwd,
    )
}

fn assert_refused(o: &std::process::Output, expect: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", stderr(o));
    assert!(stderr(o).contains(expect), "{}", stderr(o));
}

#[test]
fn dot_and_dotdot_are_refused_and_nothing_is_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let sub = tmp.path().join("work");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("keep.txt"), "mine").unwrap();
    fs::write(tmp.path().join("parent.txt"), "mine too").unwrap();
    for out in [".", "..", "./", "../work", "../.."] {
        let o = run_into(out, &sub);
        assert_refused(&o, "refusing to write results there");
    }
    assert_eq!(fs::read_to_string(sub.join("keep.txt")).unwrap(), "mine");
    assert_eq!(
        fs::read_to_string(tmp.path().join("parent.txt")).unwrap(),
        "mine too"
    );
    assert_eq!(files(tmp.path()).len(), 2, "{:?}", files(tmp.path()));
    let o = run_into("/", &sub);
    assert_refused(&o, "root directory");
}

/// An `--out` whose parent cannot be created (a file stands in the way) is bad input: exit 2,
/// a message naming the flag, the file and why, the error's text once, and nothing written.
#[test]
fn a_file_in_the_way_of_the_parent_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes"), "mine").unwrap();
    let o = run_into("notes/results", tmp.path());
    assert_refused(
        &o,
        "--out notes/results: cannot create its parent directory notes: it is a file, not a \
         directory",
    );
    assert_eq!(
        stderr(&o).matches("it is a file").count(),
        1,
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("notes")).unwrap(),
        "mine"
    );
    assert_eq!(files(tmp.path()).len(), 1, "{:?}", files(tmp.path()));
    let o = run_into("notes/deeper/results", tmp.path());
    assert_refused(&o, "cannot create its parent directory notes: it is a file");
    assert_eq!(files(tmp.path()).len(), 1, "{:?}", files(tmp.path()));
}

#[test]
fn existing_user_directory_survives() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir(d.join("mine")).unwrap();
    fs::write(d.join("mine/thesis.tex"), "years of work").unwrap();
    fs::write(d.join("file"), "x").unwrap();
    let o = run_into("mine", d);
    assert_refused(&o, "is not a pactsim results directory");
    assert_eq!(
        fs::read_to_string(d.join("mine/thesis.tex")).unwrap(),
        "years of work"
    );
    let o = run_into("file", d);
    assert_refused(&o, "is not a pactsim results directory");
    // A manifest.json that is not pactsim's does not make a results directory either.
    fs::write(d.join("mine/manifest.json"), r#"{"schema": 1}"#).unwrap();
    assert_refused(&run_into("mine", d), "not a pactsim schema-1 manifest");
    assert_eq!(files(&d.join("mine")).len(), 2);
    // The same rules hold for sweep, merge and sensitivity targets.
    let o = pactsim(&["merge", "nothing", "--out", "mine"], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(d.join("mine/thesis.tex").is_file());
}

#[test]
fn previous_results_are_replaced_and_leftovers_of_dead_processes_cleaned() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let o = run_into("res", d);
    assert!(o.status.success(), "{}", stderr(&o));
    fs::write(d.join("res/summary.json"), "stale").unwrap();
    // Leftovers of a killed run (a pid that is certainly dead: a child we reaped).
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    fs::create_dir(d.join(format!(".res.partial-{dead}"))).unwrap();
    fs::write(d.join(format!(".res.partial-{dead}/runs.csv")), "torn").unwrap();
    fs::create_dir(d.join(format!(".res.old-{dead}"))).unwrap();
    // Not ours to remove: other names, and a live process's partial directory.
    fs::create_dir(d.join(".other.partial-1")).unwrap();
    let live = std::process::id();
    fs::create_dir(d.join(format!(".res.partial-{live}"))).unwrap();
    let o = run_into("res", d);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.join("res/manifest.json").is_file());
    assert_ne!(
        fs::read_to_string(d.join("res/summary.json")).unwrap(),
        "stale",
        "old results replaced"
    );
    assert!(!d.join(format!(".res.partial-{dead}")).exists());
    assert!(!d.join(format!(".res.old-{dead}")).exists());
    assert!(d.join(".other.partial-1").is_dir());
    assert!(d.join(format!(".res.partial-{live}")).is_dir());
}

/// A results directory that holds a file pactsim did not write is not replaced: exit 2, the
/// foreign entries named, nothing touched. Once they are moved out it is replaced as usual.
#[test]
fn results_holding_your_files_are_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    assert!(run_into("res", d).status.success());
    let before = fs::read_to_string(d.join("res/summary.json")).unwrap();
    fs::write(d.join("res/notes.txt"), "mine").unwrap();
    fs::create_dir(d.join("res/analysis")).unwrap();
    fs::write(d.join("res/analysis/fig.py"), "mine too").unwrap();
    let o = pactsim(
        &["run", "--runs", "60", "--out", "res", "--no-plots", "-q"],
        d,
    );
    assert_refused(
        &o,
        "--out res: a pactsim results directory, but pactsim will not replace it: it holds 3 \
         entries pactsim did not write: analysis/, analysis/fig.py, notes.txt",
    );
    assert_eq!(fs::read_to_string(d.join("res/notes.txt")).unwrap(), "mine");
    assert_eq!(
        fs::read_to_string(d.join("res/analysis/fig.py")).unwrap(),
        "mine too"
    );
    assert_eq!(
        fs::read_to_string(d.join("res/summary.json")).unwrap(),
        before
    );
    assert!(
        !files(d)
            .iter()
            .any(|f| f.to_string_lossy().contains("partial")),
        "{:?}",
        files(d)
    );
    // Moved out, the directory is pactsim's alone again and is replaced.
    fs::remove_file(d.join("res/notes.txt")).unwrap();
    fs::remove_dir_all(d.join("res/analysis")).unwrap();
    let o = pactsim(
        &["run", "--runs", "60", "--out", "res", "--no-plots", "-q"],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(
        fs::read_to_string(d.join("res/summary.json")).unwrap(),
        before
    );
}

/// `pactsim plot` adds the figures it writes to the directory's inventory, so a directory
/// re-plotted in another format is still replaceable; one without an inventory (an earlier
/// pactsim's) is not.
#[test]
fn plotted_results_stay_replaceable_and_results_without_an_inventory_do_not() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    assert!(run_into("res", d).status.success());
    let o = pactsim(&["plot", "res", "--format", "png"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.join("res/plots/outcomes.png").is_file());
    let inventory = fs::read_to_string(d.join("res/.pactsim-files")).unwrap();
    assert!(inventory.lines().any(|l| l == "plots/"), "{inventory}");
    assert!(
        inventory.lines().any(|l| l == "plots/outcomes.png"),
        "{inventory}"
    );
    assert!(run_into("res", d).status.success());
    fs::remove_file(d.join("res/.pactsim-files")).unwrap();
    let o = run_into("res", d);
    assert_refused(&o, "it has no inventory (.pactsim-files)");
    assert!(d.join("res/manifest.json").is_file());
}

#[test]
fn busy_output_is_reported_with_the_holder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // Hold the lock as another pactsim process would.
    let lock = sim::outdir::OutputLock::acquire(
        &d.join(".res.lock"),
        &d.join("res"),
        sim::outdir::Locked::ResultsDir,
    )
    .unwrap();
    let o = run_into("res", d);
    assert_refused(&o, &format!("is in use by pid {}", std::process::id()));
    assert!(!d.join("res").exists());
    // The refused command did not take the holder's lock file away.
    assert!(d.join(".res.lock").is_file());
    drop(lock);
    assert!(!d.join(".res.lock").exists());
    let o = run_into("res", d);
    assert!(o.status.success(), "{}", stderr(&o));
    // A command removes its lock file when it ends, refused or not.
    assert!(!d.join(".res.lock").exists());
    fs::write(d.join("res/notes.txt"), "mine").unwrap();
    let o = run_into("res", d);
    assert_refused(&o, "pactsim did not write");
    let left: Vec<_> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["res"], "nothing is left beside the output");
}

#[test]
fn two_concurrent_sweeps_into_one_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let sweep = "[sweep]\nname = \"c\"\nruns = 10000\nseed = 1\n[[axis]]\npath = \
                 \"litigation.win_probability_mean\"\nvalues = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]\n";
    fs::write(d.join("s.toml"), sweep).unwrap();
    let args = [
        "sweep",
        "s.toml",
        "--out",
        "o",
        "--no-plots",
        "-q",
        "--threads",
        "1",
    ];
    let first = std::process::Command::new(env!("CARGO_BIN_EXE_pactsim"))
        .args(args)
        .current_dir(d)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the first one holds the lock (its pid is in the lock file).
    let want = first.id().to_string();
    let t0 = std::time::Instant::now();
    while fs::read_to_string(d.join(".o.lock"))
        .ok()
        .map(|s| s.trim().to_string())
        != Some(want.clone())
    {
        assert!(t0.elapsed().as_secs() < 60, "first sweep never locked");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let second = pactsim(&args, d);
    let first = first.wait_with_output().unwrap();
    assert!(first.status.success());
    assert_refused(&second, &format!("in use by pid {want}"));
    assert!(d.join("o/summary.json").is_file());
    assert!(!d.join(".o.lock").exists());
}

/// `export-nfg --out FILE` replaces only a game it exported itself: a file of yours is refused
/// with exit 2 and left as it was, a directory is refused, a missing parent is created.
#[test]
fn exported_games_never_overwrite_your_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("mine.nfg"), "my game").unwrap();
    let o = pactsim(&["export-nfg", "--out", "mine.nfg"], d);
    assert_refused(
        &o,
        "--out mine.nfg: exists and is not a game pactsim exported",
    );
    assert_eq!(fs::read_to_string(d.join("mine.nfg")).unwrap(), "my game");
    let o = pactsim(&["export-nfg", "--out", "games/stage.nfg"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = fs::read_to_string(d.join("games/stage.nfg")).unwrap();
    assert!(
        first.starts_with("NFG 1 R \"pactsim stage game:"),
        "{first}"
    );
    // Its own export is replaced.
    let o = pactsim(
        &[
            "export-nfg",
            "--out",
            "games/stage.nfg",
            "--set",
            "microsoft.antitrust_cost_of_suing=9",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(
        fs::read_to_string(d.join("games/stage.nfg")).unwrap(),
        first
    );
    let o = pactsim(&["export-nfg", "--out", "games"], d);
    assert_refused(&o, "--out games: is a directory");
    let o = pactsim(&["export-nfg", "--out", "mine.nfg/x.nfg"], d);
    assert_refused(
        &o,
        "--out mine.nfg/x.nfg: cannot create its parent directory mine.nfg: it is a file",
    );
    assert_eq!(
        files(d).len(),
        2,
        "nothing else left behind: {:?}",
        files(d)
    );
}

/// A location the system will not let pactsim write (a virtual file system, no permission) or
/// a dangling symbolic link is bad input naming `--out`, with the system's reason.
#[test]
fn unwritable_locations_are_bad_input() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    if std::path::Path::new("/proc/self").exists() {
        let o = run_into("/proc/pactsim-results", d);
        assert_refused(&o, "--out /proc/pactsim-results: cannot write there:");
    }
    std::os::unix::fs::symlink(d.join("missing/target"), d.join("link")).unwrap();
    let o = run_into("link", d);
    assert_refused(&o, "--out link: cannot write there: it cannot be resolved");
    assert!(!d.join("missing").exists());
}

/// `plot` on a results directory that lost a file its inventory lists (`agreements.csv`) is
/// refused, naming the file, instead of drawing a partial set of figures with exit 0.
#[test]
fn plot_refuses_a_results_directory_missing_its_own_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    assert!(run_into("res", d).status.success());
    fs::remove_file(d.join("res/agreements.csv")).unwrap();
    let o = pactsim(&["plot", "res"], d);
    assert_refused(&o, "agreements.csv");
    assert!(!d.join("res/plots").exists());
}

/// `pactsim plot --format svg` over PNG figures replaces them: the PNGs pactsim drew go (and
/// leave its inventory), a PNG of yours stays, and the directory can still be replaced.
#[test]
fn replotting_in_another_format_replaces_the_old_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let o = pactsim(&["run", "--runs", "200", "-q", "--out", "res"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.join("res/plots/outcomes.png").is_file());
    fs::write(d.join("mine.png"), "not a figure of pactsim's").unwrap();
    let o = pactsim(&["plot", "res", "--format", "svg"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    let figures: Vec<String> = fs::read_dir(d.join("res/plots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!figures.is_empty());
    assert!(
        figures.iter().all(|f| f.ends_with(".svg")),
        "old PNG figures left beside the SVGs: {figures:?}"
    );
    let inventory = fs::read_to_string(d.join("res/.pactsim-files")).unwrap();
    assert!(!inventory.contains(".png"), "{inventory}");
    assert!(
        inventory.lines().any(|l| l == "plots/outcomes.svg"),
        "{inventory}"
    );
    assert!(d.join("mine.png").is_file());
    // Same format again: nothing is removed.
    let o = pactsim(&["plot", "res", "--format", "svg"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        fs::read_dir(d.join("res/plots")).unwrap().count(),
        figures.len()
    );
    let o = pactsim(&["run", "--runs", "200", "-q", "--out", "res"], d);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `pactsim plot` never overwrites a file of yours that has a figure's name: it refuses before
/// drawing anything, and the file stays yours (out of the inventory).
#[test]
fn plot_never_overwrites_a_file_of_yours() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let o = pactsim(
        &["run", "--runs", "200", "-q", "--no-plots", "--out", "res"],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    fs::create_dir(d.join("res/plots")).unwrap();
    fs::write(d.join("res/plots/outcomes.png"), "mine").unwrap();
    // SVG figures do not collide with it.
    let o = pactsim(&["plot", "res", "--format", "svg"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = pactsim(&["plot", "res", "--format", "png"], d);
    assert_refused(&o, "outcomes.png: pactsim did not write this file");
    assert_eq!(
        fs::read_to_string(d.join("res/plots/outcomes.png")).unwrap(),
        "mine"
    );
    let inventory = fs::read_to_string(d.join("res/.pactsim-files")).unwrap();
    assert!(!inventory.contains("outcomes.png"), "{inventory}");
    assert!(!d.join("res/plots/payoffs.png").exists(), "nothing drawn");
}
