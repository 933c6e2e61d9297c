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
    fs::write(d.join("res/old-marker"), "").unwrap();
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
    assert!(!d.join("res/old-marker").exists(), "old results replaced");
    assert!(!d.join(format!(".res.partial-{dead}")).exists());
    assert!(!d.join(format!(".res.old-{dead}")).exists());
    assert!(d.join(".other.partial-1").is_dir());
    assert!(d.join(format!(".res.partial-{live}")).is_dir());
}

#[test]
fn busy_output_is_reported_with_the_holder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // Hold the lock as another pactsim process would.
    let lock = sim::outdir::OutputLock::acquire(&d.join(".res.lock"), &d.join("res")).unwrap();
    let o = run_into("res", d);
    assert_refused(&o, &format!("is in use by pid {}", std::process::id()));
    assert!(!d.join("res").exists());
    drop(lock);
    let o = run_into("res", d);
    assert!(o.status.success(), "{}", stderr(&o));
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
}
