//! Safety rules for output locations (docs/reliability.md): which paths pactsim may write a
//! results directory to, the exclusive per-target lock held for the duration of a command, and
//! the clean-up of leftovers (`.<name>.partial-<pid>`, `.<name>.old-<pid>`) of processes that
//! died. pactsim never deletes a path it did not create: an existing target is replaced only
//! when it is a pactsim results directory (its `manifest.json` carries the pactsim schema) and
//! everything in it is listed in its inventory ([`INVENTORY`]), the list of what pactsim wrote
//! there.

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
    /// The path is a pactsim results directory that holds entries pactsim did not write (or
    /// has no inventory to tell them apart), so replacing it could delete them.
    #[error(
        "--out {path}: a pactsim results directory, but pactsim will not replace it: {reason}; \
         move them out of it (or remove it yourself) or choose another --out"
    )]
    NotOwn {
        /// The path as given.
        path: PathBuf,
        /// What was found.
        reason: NotResultsDir,
    },
    /// The location cannot be written (the file system refuses the lock file or the
    /// directory beside it: a read-only or virtual file system, missing permission).
    #[error("--out {path}: cannot write there: {reason}")]
    Unwritable {
        /// The path as given.
        path: PathBuf,
        /// The system's reason.
        reason: String,
    },
    /// No `--out` was given and the name the default results directory would take from an
    /// input file is not a valid name ([`crate::names`]).
    #[error(
        "name {name:?} cannot name the default results directory results/<name>: {allowed}; \
         fix the name or give --out"
    )]
    BadName {
        /// The name.
        name: String,
        /// What is allowed.
        allowed: String,
    },
    /// Another process holds the lock of this output.
    #[error(
        "{what} {path} is in use by pid {pid} (lock {lock}); wait for it to finish or choose \
         another --out"
    )]
    InUse {
        /// What the output is.
        what: Locked,
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

/// The kind of output a lock guards, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locked {
    /// A results directory (every command's output).
    ResultsDir,
    /// A shard file of a sweep (`shard-IIII-of-NNNN.jsonl`, `pactsim sweep --shard I/N`).
    ShardFile,
}

impl std::fmt::Display for Locked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Locked::ResultsDir => "results directory",
            Locked::ShardFile => "shard file",
        })
    }
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

/// `results/<name>`, the default results directory of a command whose input is called `name`,
/// refused when `name` is not a valid name (it could otherwise point anywhere, e.g. `../..`).
pub fn default_results(name: &str) -> Result<PathBuf, TargetError> {
    crate::names::check_name(name).map_err(|allowed| TargetError::BadName {
        name: name.to_string(),
        allowed,
    })?;
    Ok(Path::new("results").join(name))
}

/// Creates the missing parent directories of the output path `given` (named `--out` in the
/// error) and returns the parent (`.` for a bare name).
pub fn create_parent(given: &Path) -> Result<&Path, TargetError> {
    let parent = given
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| parent_error(given, parent, &e))?;
    Ok(parent)
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
        fs::canonicalize(given).map_err(|e| TargetError::Unwritable {
            path: given.to_path_buf(),
            reason: format!("it cannot be resolved ({e}); a symbolic link to a missing path?"),
        })?
    } else {
        let name = match given.components().next_back() {
            Some(Component::Normal(n)) => n.to_owned(),
            _ => return Err(forbid("the path has no final directory name")),
        };
        let parent = create_parent(given)?;
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
        is_replaceable(&full).map_err(|reason| refusal(given, reason))?;
    }
    Ok(target)
}

/// The error for an existing `given` that pactsim may not replace, for `reason`.
pub fn refusal(given: &Path, reason: NotResultsDir) -> TargetError {
    let path = given.to_path_buf();
    match reason {
        NotResultsDir::Foreign(..) | NotResultsDir::NoInventory => {
            TargetError::NotOwn { path, reason }
        }
        _ => TargetError::NotResults { path, reason },
    }
}

/// Why a path is not a pactsim results directory, or not one pactsim may replace.
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
    /// The directory has no inventory of the files pactsim wrote (an earlier pactsim made it, or
    /// the inventory was removed), so pactsim cannot tell its own files from anyone else's.
    #[error(
        "it has no inventory ({INVENTORY}) of the files pactsim wrote there (an earlier pactsim \
         made it), so its files cannot be told from yours"
    )]
    NoInventory,
    /// Entries pactsim did not write (relative paths, at most five of them, and
    /// how many in all).
    #[error("it holds {} pactsim did not write: {}", count_entries(*.1), show_entries(.0, *.1))]
    Foreign(Vec<String>, usize),
}

/// The hidden file in a results directory that lists, one relative path per line (directories
/// with a trailing `/`), every entry pactsim wrote there. Written when the directory is
/// committed and extended by `pactsim plot`; an existing results directory is replaced only
/// when it holds nothing else.
pub const INVENTORY: &str = ".pactsim-files";

/// How many foreign entries an error names.
const FOREIGN_SHOWN: usize = 5;

fn count_entries(n: usize) -> String {
    if n == 1 {
        "1 entry".to_string()
    } else {
        format!("{n} entries")
    }
}

fn show_entries(shown: &[String], total: usize) -> String {
    let mut s = shown.join(", ");
    if total > shown.len() {
        s.push_str(&format!(", … ({} more)", total - shown.len()));
    }
    s
}

/// Every entry below `dir` (not following symbolic links), as sorted relative paths with `/`
/// separators, directories with a trailing `/`; the inventory itself is left out.
fn entries(dir: &Path) -> io::Result<Vec<String>> {
    fn walk(root: &Path, rel: &str, out: &mut Vec<String>) -> io::Result<()> {
        for e in fs::read_dir(root.join(rel))? {
            let e = e?;
            let name = e.file_name().to_string_lossy().into_owned();
            let path = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            if path == INVENTORY {
                continue;
            }
            if e.file_type()?.is_dir() {
                walk(root, &path, out)?;
                out.push(format!("{path}/"));
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out)?;
    out.sort();
    Ok(out)
}

/// Writes `dir`'s inventory: every entry below it (see [`entries`]).
pub(crate) fn write_inventory(dir: &Path) -> io::Result<()> {
    save_inventory(dir, entries(dir)?)
}

/// Writes `list` (sorted, without repeats) as `dir`'s inventory.
fn save_inventory(dir: &Path, mut list: Vec<String>) -> io::Result<()> {
    list.sort();
    list.dedup();
    let mut text = String::new();
    for e in &list {
        text.push_str(e);
        text.push('\n');
    }
    fs::write(dir.join(INVENTORY), text)
}

/// The entries of a results directory's inventory.
pub fn read_inventory(dir: &Path) -> Result<Vec<String>, NotResultsDir> {
    let text = fs::read_to_string(dir.join(INVENTORY)).map_err(|_| NotResultsDir::NoInventory)?;
    let mut list: Vec<String> = text.lines().map(str::to_string).collect();
    list.sort();
    Ok(list)
}

/// Adds `paths` (files below `dir`) and their parent directories to `dir`'s inventory, for a
/// command that writes into an existing results directory (`pactsim plot`). A directory
/// without an inventory is left without one (pactsim still refuses to replace it).
pub fn extend_inventory(dir: &Path, paths: &[PathBuf]) -> io::Result<()> {
    let Ok(mut list) = read_inventory(dir) else {
        return Ok(());
    };
    for p in paths {
        let Ok(rel) = p.strip_prefix(dir) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        for k in 1..parts.len() {
            list.push(format!("{}/", parts[..k].join("/")));
        }
        list.push(parts.join("/"));
    }
    save_inventory(dir, list)
}

/// Removes from the results directory `dir` the files of its inventory that `stale` selects
/// and `keep` does not hold (paths below `dir`), and drops them from the inventory: for a
/// command that redraws what an earlier one wrote (`pactsim plot --format svg` over PNG
/// figures). Only inventoried files are touched, so nothing pactsim did not write is removed;
/// a directory without an inventory is left as it is. Returns the entries removed.
pub fn retire(
    dir: &Path,
    keep: &[PathBuf],
    stale: &dyn Fn(&str) -> bool,
) -> io::Result<Vec<String>> {
    let Ok(list) = read_inventory(dir) else {
        return Ok(Vec::new());
    };
    let kept: Vec<&Path> = keep
        .iter()
        .filter_map(|p| p.strip_prefix(dir).ok())
        .collect();
    let (gone, stay): (Vec<String>, Vec<String>) = list
        .into_iter()
        .partition(|e| !e.ends_with('/') && stale(e) && !kept.iter().any(|k| Path::new(e) == *k));
    for e in &gone {
        match fs::remove_file(dir.join(e)) {
            Ok(()) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => return Err(err),
        }
    }
    if !gone.is_empty() {
        save_inventory(dir, stay)?;
    }
    Ok(gone)
}

/// `Ok` when everything below the results directory `dir` is in its inventory.
fn only_own_entries(dir: &Path) -> Result<(), NotResultsDir> {
    let own = read_inventory(dir)?;
    let found = entries(dir).map_err(NotResultsDir::Unreadable)?;
    let foreign: Vec<String> = found
        .into_iter()
        .filter(|e| own.binary_search(e).is_err())
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    let total = foreign.len();
    Err(NotResultsDir::Foreign(
        foreign.into_iter().take(FOREIGN_SHOWN).collect(),
        total,
    ))
}

/// `Ok` when pactsim may replace `dir`: a pactsim results directory (its `manifest.json`
/// carries the pactsim schema) that holds nothing but what its inventory lists.
pub fn is_replaceable(dir: &Path) -> Result<(), NotResultsDir> {
    is_results_dir(dir)?;
    only_own_entries(dir)
}

/// `Ok` when `dir` is a pactsim results directory: a directory whose `manifest.json` has the
/// pactsim schema (`schema` = [`SCHEMA_VERSION`], a `pactsim_version` and a `command`).
fn is_results_dir(dir: &Path) -> Result<(), NotResultsDir> {
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
/// `.<name>.lock` beside the output records the holder's pid. The holder removes it when it
/// lets go (on success and on refusal alike), so nothing is left behind; a process killed
/// outright leaves it, and the next command reuses it.
///
/// Removing a lock file is safe only with a check on the other side: a process that opened
/// the file just before the holder removed it would lock a file no longer in the directory,
/// while a third process creates and locks a new one. So [`OutputLock::acquire`] keeps a
/// lock only if the path still names the very file it locked, and otherwise opens it again.
#[derive(Debug)]
pub struct OutputLock {
    file: fs::File,
    path: PathBuf,
}

impl OutputLock {
    /// Locks `lock_file` on behalf of the output `output`, a `what` (both named in the
    /// error), failing at once if another process holds it.
    pub fn acquire(
        lock_file: &Path,
        output: &Path,
        what: Locked,
    ) -> Result<OutputLock, TargetError> {
        loop {
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
                        what,
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
            // The holder before us may have removed the file between our open and our lock.
            if !still_named(&f, lock_file) {
                continue;
            }
            f.set_len(0).map_err(io_err(lock_file))?;
            f.rewind().map_err(io_err(lock_file))?;
            writeln!(f, "{}", std::process::id()).map_err(io_err(lock_file))?;
            f.flush().map_err(io_err(lock_file))?;
            return Ok(OutputLock {
                file: f,
                path: lock_file.to_path_buf(),
            });
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutputLock {
    /// Removes the lock file while still holding the lock (then the kernel releases it as the
    /// file closes). A file that is already gone, or cannot be removed, is left as it is.
    fn drop(&mut self) {
        if still_named(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether `path` still names the open file `f` (same device and inode).
#[cfg(unix)]
fn still_named(f: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Without inode numbers the check cannot be made: the file is kept and never removed.
#[cfg(not(unix))]
fn still_named(_f: &fs::File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_is_exclusive_and_released_on_drop() {
        let d = std::env::temp_dir().join(format!("pactsim-lock-{}", std::process::id()));
        fs::create_dir_all(&d).unwrap();
        let l = d.join(".x.lock");
        let a = OutputLock::acquire(&l, &d.join("x"), Locked::ResultsDir).unwrap();
        let e = OutputLock::acquire(&l, &d.join("x"), Locked::ResultsDir).unwrap_err();
        assert!(
            e.to_string()
                .contains(&format!("in use by pid {}", std::process::id())),
            "{e}"
        );
        assert!(e.to_string().starts_with("results directory "), "{e}");
        assert!(e.is_bad_input());
        // A shard file's lock names a shard file, not a results directory.
        let shard = OutputLock::acquire(&l, &d.join("x.jsonl"), Locked::ShardFile).unwrap_err();
        assert_eq!(
            shard.to_string(),
            format!(
                "shard file {} is in use by pid {} (lock {}); wait for it to finish or choose \
                 another --out",
                d.join("x.jsonl").display(),
                std::process::id(),
                l.display()
            )
        );
        // The refused attempt did not remove the holder's file.
        assert_eq!(
            fs::read_to_string(&l).unwrap().trim(),
            std::process::id().to_string()
        );
        drop(a);
        assert!(!l.exists(), "the holder removes its lock file");
        // A lock file left by a process killed outright is reused, then removed.
        fs::write(&l, "999999999\n").unwrap();
        let b = OutputLock::acquire(&l, &d.join("x"), Locked::ResultsDir).unwrap();
        assert_eq!(
            fs::read_to_string(&l).unwrap().trim(),
            std::process::id().to_string()
        );
        drop(b);
        assert!(!l.exists());
        fs::remove_dir_all(&d).unwrap();
    }

    /// A lock taken on a file that was removed (or replaced) after it was opened is not a
    /// lock on the path: `still_named` tells the two apart, and `acquire` opens again.
    #[test]
    fn a_lock_on_a_removed_or_replaced_file_does_not_count() {
        let d = std::env::temp_dir().join(format!("pactsim-stale-{}", std::process::id()));
        fs::create_dir_all(&d).unwrap();
        let l = d.join(".x.lock");
        fs::write(&l, "").unwrap();
        let opened = fs::File::open(&l).unwrap();
        assert!(still_named(&opened, &l));
        fs::remove_file(&l).unwrap();
        assert!(!still_named(&opened, &l));
        fs::write(&l, "").unwrap();
        assert!(!still_named(&opened, &l), "a new file at the same path");
        // Holding a lock on the removed file does not stop a new lock on the path.
        opened.try_lock().unwrap();
        let fresh = OutputLock::acquire(&l, &d.join("x"), Locked::ResultsDir).unwrap();
        drop(fresh);
        drop(opened);
        fs::remove_dir_all(&d).unwrap();
    }

    /// An I/O error states the system's reason in its own message and has no separate
    /// `source`, so a printer of the whole error chain (the binary's `{:#}`) says it once.
    #[test]
    fn io_errors_carry_their_reason_once() {
        let d = std::env::temp_dir().join(format!("pactsim-nolock-{}", std::process::id()));
        let l = d.join("missing").join(".x.lock");
        let e = OutputLock::acquire(&l, &d.join("x"), Locked::ResultsDir).unwrap_err();
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
