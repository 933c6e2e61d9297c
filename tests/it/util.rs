//! Helpers: run the binary, temporary directories, file comparison.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `pactsim` with `args` in `cwd`.
pub(crate) fn pactsim(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pactsim"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("pactsim runs")
}

/// Stdout as text.
pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as text.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The repository root (for configs/).
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// All files under `dir`, relative, sorted.
pub(crate) fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// Asserts two directories hold the same files with identical bytes.
pub(crate) fn assert_same_dirs(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    assert_eq!(fa, fb, "different file sets");
    for f in fa {
        let (x, y) = (
            std::fs::read(a.join(&f)).unwrap(),
            std::fs::read(b.join(&f)).unwrap(),
        );
        assert!(x == y, "{} differs", f.display());
    }
}

/// What [`pactsim_on_a_terminal`] gives back.
#[cfg(unix)]
pub(crate) struct TerminalRun {
    /// How the process ended.
    pub(crate) status: std::process::ExitStatus,
    /// Everything it wrote to standard error, the terminal (its line ends as `\r\n`).
    pub(crate) terminal: String,
    /// Its standard output (a pipe).
    pub(crate) stdout: String,
}

/// Runs `pactsim` with `args` in `cwd` with its standard error on a pseudo-terminal (200 × 24,
/// opened here through rustix, no system tool needed), as when a person runs it: the binary
/// sees a terminal on stderr and draws what it draws there. Standard input is empty and
/// standard output a pipe.
#[cfg(unix)]
pub(crate) fn pactsim_on_a_terminal(args: &[&str], cwd: &Path) -> TerminalRun {
    use rustix::fs::OFlags;
    use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};
    use std::io::{ErrorKind, Read};
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    use std::process::Stdio;

    // Close-on-exec where the system allows it, so that no other test's child keeps it.
    #[cfg(target_os = "linux")]
    let flags = OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC;
    #[cfg(not(target_os = "linux"))]
    let flags = OpenptFlags::RDWR | OpenptFlags::NOCTTY;
    let master = openpt(flags).expect("a pseudo-terminal");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let size = rustix::termios::Winsize {
        ws_row: 24,
        ws_col: 200,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix::termios::tcsetwinsize(&master, size).expect("terminal size");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    let name = std::ffi::OsStr::from_bytes(name.as_bytes());
    let child = {
        // The terminal end; this process's copy is closed when the command is dropped, so that
        // the master reads to its end once the child exits.
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(OFlags::NOCTTY.bits() as i32)
            .open(name)
            .expect("the terminal end of the pseudo-terminal");
        Command::new(env!("CARGO_BIN_EXE_pactsim"))
            .args(args)
            .current_dir(cwd)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(slave))
            .spawn()
            .expect("pactsim runs")
    };
    // Read the terminal while the child writes (a full terminal buffer would block it). Once
    // every copy of the terminal end is closed, a read gives 0 bytes or (Linux) EIO: the end.
    let mut master = std::fs::File::from(master);
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match master.read(&mut buf) {
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        seen
    });
    let out = child.wait_with_output().expect("pactsim ends");
    let seen = reader.join().expect("the terminal reader");
    TerminalRun {
        status: out.status,
        terminal: String::from_utf8_lossy(&seen).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}
