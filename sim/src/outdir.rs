//! Safety rules for output locations (docs/reliability.md): which paths pactsim may write a
//! results directory to, the exclusive per-target lock held for the duration of a command, and
//! the clean-up of leftovers (`.<name>.partial-<pid>`, `.<name>.old-<pid>`) of processes that
//! died. pactsim never deletes a path it did not create: an existing target is replaced only
//! when it is a pactsim results directory (its `manifest.json` carries the pactsim schema).

use crate::output::SCHEMA_VERSION;
use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::{Component, Path, PathBuf};

/// Why an output path was refused or could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// The path may never be a results directory (`/`, home, the current directory or one of
    /// its ancestors, a path with no final name).
    #[error("--out {path}: refusing to write results there: {reason}")]
    Forbidden {
        /// The path as given.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The path exists and is not a pactsim results directory.
    #[error(
        "--out {path}: exists and is not a pactsim results directory ({reason}); pactsim only \
         replaces directories it wrote itself: choose a new path or remove it yourself"
    )]
    NotResults {
        /// The path as given.
        path: PathBuf,
        /// What was found.
        reason: NotResultsDir,
    },
    /// Another process holds the lock of this output.
    #[error(
        "results directory {path} is in use by pid {pid} (lock {lock}); wait for it to finish \
         or choose another --out"
    )]
    InUse {
        /// The output path.
        path: PathBuf,
        /// The holder, as recorded in the lock file (`?` when unknown).
        pid: String,
        /// The lock file.
        lock: PathBuf,
    },
    /// A missing parent directory of the path cannot be created (a file stands in the way,
    /// or the file system refuses).
    #[error("--out {path}: cannot create its parent directory {parent}: {reason}")]
    Parent {
        /// The path as given.
        path: PathBuf,
        /// The directory that could not be created, or the file in its way.
        parent: PathBuf,
        /// Why.
        reason: String,
    },
    /// I/O failure while checking or locking.
    #[error("{path}: {error}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error (part of the message, so not a separate `source`).
        error: io::Error,
    },
}

impl TargetError {
    /// True when the error is the user's input (exit code 2) rather than an I/O failure.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, TargetError::Io { .. })
    }
}

/// The error for a parent directory of `given` that `create_dir_all` could not make: names the
/// file in the way when an ancestor is a file, else the directory and the system's reason.
fn parent_error(given: &Path, parent: &Path, e: &io::Error) -> TargetError {
    let (parent, reason) = match parent.ancestors().find(|a| a.is_file()) {
        Some(file) => (file, "it is a file, not a directory".to_string()),
        None => (parent, e.to_string()),
    };
    TargetError::Parent {
        path: given.to_path_buf(),
        parent: parent.to_path_buf(),
        reason,
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> TargetError + '_ {
    move |error| TargetError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// A checked output location: its absolute, canonical path split into parent and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Canonical parent directory (exists).
    pub parent: PathBuf,
    /// Final component (never `.`, `..` or empty).
    pub name: String,
    /// Whether a previous pactsim results directory is there (to be replaced).
    pub existing: bool,
}

impl Target {
    /// The full canonical path.
    pub fn path(&self) -> PathBuf {
        self.parent.join(&self.name)
    }

    /// A hidden sibling `.<name>.<tag>` of the target.
    pub fn sibling(&self, tag: &str) -> PathBuf {
        self.parent.join(format!(".{}.{tag}", self.name))
    }
}

/// Canonicalises `given` (creating missing parent directories) and applies the rules: refuses
/// `/`, the home directory, the current directory and its ancestors, paths without a final
/// name, and any existing path that is not a pactsim results directory.
pub fn check(given: &Path) -> Result<Target, TargetError> {
    let forbid = |reason: &str| TargetError::Forbidden {
        path: given.to_path_buf(),
        reason: reason.to_string(),
    };
    if given.as_os_str().is_empty() {
        return Err(forbid("empty path"));
    }
    let exists = fs::symlink_metadata(given).is_ok();
    let full = if exists {
        fs::canonicalize(given).map_err(io_err(given))?
    } else {
        let name = match given.components().next_back() {
            Some(Component::Normal(n)) => n.to_owned(),
            _ => return Err(forbid("the path has no final directory name")),
        };
        let parent = given
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| parent_error(given, parent, &e))?;
        fs::canonicalize(parent).map_err(io_err(parent))?.join(name)
    };
    let (Some(parent), Some(name)) = (full.parent(), full.file_name()) else {
        return Err(forbid("it is the root directory"));
    };
    if let Some(home) = std::env::var_os("HOME").and_then(|h| fs::canonicalize(h).ok()) {
        if home == full {
            return Err(forbid("it is your home directory"));
        }
    }
    if let Ok(cwd) = std::env::current_dir().and_then(fs::canonicalize) {
        if cwd.starts_with(&full) {
            return Err(forbid("it is the current directory or one of its parents"));
        }
    }
    let target = Target {
        parent: parent.to_path_buf(),
        name: name.to_string_lossy().into_owned(),
        existing: exists,
    };
    if exists {
        if let Err(reason) = is_results_dir(&full) {
            return Err(TargetError::NotResults {
                path: given.to_path_buf(),
                reason,
            });
        }
    }
    Ok(target)
}

/// Why a path is not a pactsim results directory.
#[derive(Debug, thiserror::Error)]
pub enum NotResultsDir {
    /// The path could not be inspected (it does not exist, or permission was denied).
    #[error("{0}")]
    Unreadable(io::Error),
    /// The path is a file.
    #[error("it is a file")]
    File,
    /// The directory has no readable `manifest.json`.
    #[error("it has no pactsim manifest.json")]
    NoManifest,
    /// `manifest.json` is not JSON.
    #[error("its manifest.json is not pactsim's")]
    ForeignManifest,
    /// `manifest.json` is JSON but lacks pactsim's schema fields.
    #[error("its manifest.json is not a pactsim schema-1 manifest")]
    WrongSchema,
}

/// `Ok` when `dir` is a pactsim results directory: a directory whose `manifest.json` has the
/// pactsim schema (`schema` = [`SCHEMA_VERSION`], a `pactsim_version` and a `command`).
pub fn is_results_dir(dir: &Path) -> Result<(), NotResultsDir> {
    let meta = fs::metadata(dir).map_err(NotResultsDir::Unreadable)?;
    if !meta.is_dir() {
        return Err(NotResultsDir::File);
    }
    let text =
        fs::read_to_string(dir.join("manifest.json")).map_err(|_| NotResultsDir::NoManifest)?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|_| NotResultsDir::ForeignManifest)?;
    let ok = v.get("schema").and_then(|s| s.as_u64()) == Some(u64::from(SCHEMA_VERSION))
        && v.get("pactsim_version").is_some_and(|s| s.is_string())
        && v.get("command").is_some_and(|s| s.is_string());
    if ok {
        Ok(())
    } else {
        Err(NotResultsDir::WrongSchema)
    }
}

/// True when process `pid` may be alive. On systems without `/proc` this always answers yes,
/// so nothing is ever cleaned up there by mistake.
pub fn pid_alive(pid: u32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists()
}

/// Removes `.<name>.partial-<pid>` and `.<name>.old-<pid>` directories beside the target left
/// by pactsim processes that are no longer alive. Returns the paths removed.
pub fn clean_stale(target: &Target) -> Result<Vec<PathBuf>, TargetError> {
    let mut removed = Vec::new();
    let prefix = format!(".{}.", target.name);
    let entries = fs::read_dir(&target.parent).map_err(io_err(&target.parent))?;
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest
            .strip_prefix("partial-")
            .or_else(|| rest.strip_prefix("old-"))
            .and_then(|p| p.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && !pid_alive(pid) {
            let p = e.path();
            fs::remove_dir_all(&p).map_err(io_err(&p))?;
            removed.push(p);
        }
    }
    Ok(removed)
}

/// An exclusive advisory lock on an output location, held until dropped. The lock file
/// `.<name>.lock` beside the output records the holder's pid; it is left in place (removing
/// lock files races with other processes opening them).
#[derive(Debug)]
pub struct OutputLock {
    _file: fs::File,
    path: PathBuf,
}

impl OutputLock {
    /// Locks `lock_file` on behalf of the output `output` (named in the error), failing at
    /// once if another process holds it.
    pub fn acquire(lock_file: &Path, output: &Path) -> Result<OutputLock, TargetError> {
        let mut f = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(lock_file)
            .map_err(io_err(lock_file))?;
        match f.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = f.read_to_string(&mut pid);
                let pid = pid.trim();
                return Err(TargetError::InUse {
                    path: output.to_path_buf(),
                    pid: if pid.is_empty() {
                        "?".into()
                    } else {
                        pid.into()
                    },
                    lock: lock_file.to_path_buf(),
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(io_err(lock_file)(e)),
        }
        f.set_len(0).map_err(io_err(lock_file))?;
        f.rewind().map_err(io_err(lock_file))?;
        writeln!(f, "{}", std::process::id()).map_err(io_err(lock_file))?;
        f.flush().map_err(io_err(lock_file))?;
        Ok(OutputLock {
            _file: f,
            path: lock_file.to_path_buf(),
        })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_is_exclusive_and_released_on_drop() {
        let d = std::env::temp_dir().join(format!("pactsim-lock-{}", std::process::id()));
        fs::create_dir_all(&d).unwrap();
        let l = d.join(".x.lock");
        let a = OutputLock::acquire(&l, &d.join("x")).unwrap();
        let e = OutputLock::acquire(&l, &d.join("x")).unwrap_err();
        assert!(
            e.to_string()
                .contains(&format!("in use by pid {}", std::process::id())),
            "{e}"
        );
        assert!(e.is_bad_input());
        drop(a);
        OutputLock::acquire(&l, &d.join("x")).unwrap();
        fs::remove_dir_all(&d).unwrap();
    }

    /// An I/O error states the system's reason in its own message and has no separate
    /// `source`, so a printer of the whole error chain (the binary's `{:#}`) says it once.
    #[test]
    fn io_errors_carry_their_reason_once() {
        let d = std::env::temp_dir().join(format!("pactsim-nolock-{}", std::process::id()));
        let l = d.join("missing").join(".x.lock");
        let e = OutputLock::acquire(&l, &d.join("x")).unwrap_err();
        assert!(matches!(e, TargetError::Io { .. }), "{e}");
        assert!(!e.is_bad_input());
        assert!(e.to_string().starts_with(&l.display().to_string()), "{e}");
        assert!(std::error::Error::source(&e).is_none(), "{e}");
    }

    #[test]
    fn root_and_dot_are_refused() {
        assert!(matches!(
            check(Path::new("/")),
            Err(TargetError::Forbidden { .. })
        ));
        assert!(matches!(
            check(Path::new(".")),
            Err(TargetError::Forbidden { .. })
        ));
        assert!(matches!(
            check(Path::new("..")),
            Err(TargetError::Forbidden { .. })
        ));
    }
}
