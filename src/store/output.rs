//! Files written for the user (exports, 1:1 preps): whole or not at all, so a spreadsheet or a
//! calendar never reads half a file, and never over an existing file unless asked. Like the
//! data file they are private (0600): they hold the same judgements about colleagues.
//!
//! The steps are the data file's (a temp file in the same folder, written and synced, then
//! renamed into place), with the rename refusing to replace a file that exists unless told
//! to; the check and the rename are one step, so a file that appears meanwhile is not lost.
//! Only a regular file is ever replaced, and never one of the ledger's own ([`guard`]).
//!
//! A writer killed before its temp file is renamed (SIGKILL, a power cut, a signal that ends
//! the process before any cleanup runs) leaves it behind, hidden, private and holding the
//! whole export in plain text, the ledger's own when it is encrypted. The temp files are named
//! with their writer's process id ([`TEMP_MARK`]), so the next write to that folder knows
//! them for ours and removes those whose writer is gone ([`sweep`]). SIGINT, SIGTERM and SIGHUP
//! wait while a temp file exists ([`Held`]), so Ctrl-C, a `kill` or a closed terminal ends the
//! writer only once its file is in place or removed, and leaves none.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::files;

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{} already exists (--force replaces it)", .0.display())]
    Exists(PathBuf),
    /// Only a regular file is ever replaced: a folder, a device or a pipe at the path is
    /// something else the user keeps there.
    #[error("{} is {kind}, not a file; give the path of a file to write", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    /// A path ending in `/` names a folder, whatever is there (git, the shell and `cp` read
    /// it so too): written as a file, it said "already exists" or "Not a directory".
    #[error("{} ends with /, so it names a folder; give the path of a file to write", .0.display())]
    FolderPath(PathBuf),
    /// The ledger's own files (the data file under any name, its key, its lock, its backups)
    /// are never written over by an export.
    #[error("{} is {what}; name another path", path.display())]
    LedgersOwn { path: PathBuf, what: &'static str },
    /// A path given after `--output=` (or in quotes) that begins with a `~` the shell did
    /// not expand, where nothing of that name is: written, it would make a folder called `~`
    /// here, not the file in the home folder meant.
    #[error("{}", super::tilde_said(path, flag, head, rest, "Nothing was written"))]
    Tilde {
        path: PathBuf,
        flag: &'static str,
        head: String,
        rest: String,
    },
    /// The folder the file would go in is not there: said with its name, where the system
    /// says only "No such file or directory" of the file asked for.
    #[error(
        "could not write {}: there is no folder {} to write it in; make the folder first or \
         name another path",
        path.display(),
        folder.display()
    )]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("could not write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Writes `bytes` to `path` atomically; an existing file is replaced only when `replace`,
/// and only when it is a regular file. A symbolic link is followed, so the file it names is
/// written, as the shell's `>` does. A pipe or a terminal (`/dev/stderr`, a FIFO,
/// `/dev/null`) is written to as it is, as `>` writes to one: there is no file to replace.
pub fn write(path: &Path, bytes: &[u8], replace: bool) -> Result<(), OutputError> {
    use std::os::unix::fs::FileTypeExt;
    // Every link followed, the kernel's own too: `/dev/stderr` names a pipe no path reaches.
    if let Ok(meta) = std::fs::metadata(path)
        && (meta.file_type().is_fifo() || meta.file_type().is_char_device())
    {
        let failed = |source| OutputError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut stream = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(failed)?;
        return stream.write_all(bytes).map_err(failed);
    }
    // Links that lead round in a loop name no file: the shell's `>` fails on them, and a
    // rename would put a file in place of the first link, which is not a file to replace.
    if let Err(e) = std::fs::metadata(path)
        && e.raw_os_error() == Some(libc::ELOOP)
    {
        return Err(OutputError::Io {
            path: path.to_path_buf(),
            source: e,
        });
    }
    let target = super::resolve_links(path.to_path_buf());
    if let Ok(meta) = std::fs::metadata(&target)
        && !meta.is_file()
    {
        return Err(OutputError::NotAFile {
            path: path.to_path_buf(),
            kind: files::kind(&meta),
        });
    }
    if path.as_os_str().as_encoded_bytes().ends_with(b"/") {
        return Err(OutputError::FolderPath(path.to_path_buf()));
    }
    let path = target.as_path();
    let failed = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = files::folder(path);
    sweep(dir);
    // The temp file is named after the file, unless that name would be too long for the
    // file system (255 bytes, with the dot, the mark, a process id and tempfile's random
    // characters).
    let name = path.file_name().unwrap_or_default();
    let mut prefix = std::ffi::OsString::from(".");
    if name.len() <= 220 {
        prefix.push(name);
    } else {
        prefix.push("trustladder-output");
    }
    prefix.push(format!("{TEMP_MARK}{}-", std::process::id()));
    // Declared before the temp file, so it is let go after the file is renamed or removed.
    let _held = Held::hold();
    // tempfile names its own file in the error; the user asked for `path`, which `failed`
    // names, so only the system's reason is kept.
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .rand_bytes(RANDOM)
        .tempfile_in(dir)
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OutputError::NoFolder {
                path: path.to_path_buf(),
                folder: dir.to_path_buf(),
            },
            _ => failed(system_reason(e)),
        })?;
    // Root writing into another user's folder (`sudo trustladder export -o …`) leaves the
    // file theirs, as the ledger's own files are: root's, 0600, they could not read it.
    files::owned_as(temp.as_file(), path);
    temp.write_all(bytes)
        .map_err(|e| failed(system_reason(e)))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| failed(system_reason(e)))?;
    let placed = if replace {
        temp.persist(path).map(drop)
    } else {
        temp.persist_noclobber(path).map(drop)
    };
    match placed {
        Ok(()) => {}
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
            return Err(OutputError::Exists(path.to_path_buf()));
        }
        // The temp file is removed when `e` is dropped.
        Err(e) => return Err(failed(system_reason(e.error))),
    }
    // The file is whole and in place; a folder that cannot be synced only risks it on a
    // power cut, which is not worth failing a finished export for.
    let _ = files::sync_dir(dir);
    Ok(())
}

/// SIGINT, SIGTERM and SIGHUP held back on this thread for as long as it lives, and then
/// delivered: one that came meanwhile ends the process as it would have, only after the temp
/// file is gone (its cleanup runs on a normal return alone). A thread of the process that does
/// not hold them may still take one; what it leaves, [`sweep`] removes.
struct Held(Option<nix::sys::signal::SigSet>);

impl Held {
    fn hold() -> Held {
        use nix::sys::signal::{SigSet, SigmaskHow, Signal, pthread_sigmask};
        let mut ending = SigSet::empty();
        for signal in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP] {
            ending.add(signal);
        }
        let mut before = SigSet::empty();
        let held = pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&ending), Some(&mut before));
        Held(held.ok().map(|()| before))
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(before) = &self.0 {
            let _ = nix::sys::signal::pthread_sigmask(
                nix::sys::signal::SigmaskHow::SIG_SETMASK,
                Some(before),
                None,
            );
        }
    }
}

/// What a temp file of [`write`](fn@write) has after the name of the file it is for, before its
/// writer's process id, a dash and [`RANDOM`] random characters:
/// `.team.json.tmp-tl4242-Xa3b9Q`.
const TEMP_MARK: &str = ".tmp-tl";

/// How many random characters end a temp file's name.
const RANDOM: usize = 6;

/// The process id in the name of a temp file of [`write`](fn@write); `None` for any other name.
fn writer_of(name: &[u8]) -> Option<i32> {
    let mark = TEMP_MARK.as_bytes();
    if !name.starts_with(b".") {
        return None;
    }
    let at = name.windows(mark.len()).rposition(|w| w == mark)?;
    let rest = std::str::from_utf8(&name[at + mark.len()..]).ok()?;
    let (pid, random) = rest.split_once('-')?;
    let ours = random.len() == RANDOM
        && random.bytes().all(|b| b.is_ascii_alphanumeric())
        && !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit());
    ours.then(|| pid.parse().ok()).flatten()
}

/// Removes from `dir` the temp files [`write`](fn@write) left when it was killed: named as its own,
/// regular files of this user's, whose writer is no longer running (a writer at work keeps
/// its own). Best effort: one that cannot be removed is left for the next write.
fn sweep(dir: &Path) {
    use std::os::unix::fs::MetadataExt;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let me = nix::unistd::geteuid().as_raw();
    for entry in entries.flatten() {
        let Some(pid) = writer_of(entry.file_name().as_encoded_bytes()) else {
            continue;
        };
        let gone = matches!(
            nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None),
            Err(nix::errno::Errno::ESRCH)
        );
        let path = entry.path();
        if gone && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.uid() == me) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Writes `bytes` to a new file `STEM.EXT` in `dir`, or `STEM-2.EXT`, `STEM-3.EXT` … when
/// that exists, never replacing a file; returns the path written.
pub fn write_new_in(
    dir: &Path,
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> Result<PathBuf, OutputError> {
    let mut last = None;
    for n in 1..=100 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match write(&path, bytes, false) {
            Ok(()) => return Ok(path),
            Err(OutputError::Exists(path)) => last = Some(path),
            Err(e) => return Err(e),
        }
    }
    Err(OutputError::Exists(last.unwrap_or_else(|| dir.join(stem))))
}

/// Refuses an output path given after `flag` that begins with a `~` or `~user` the shell did
/// not expand, as a data file's is refused ([`super::named_as_text`]).
pub fn expanded(path: &Path, flag: &'static str) -> Result<(), OutputError> {
    match super::unexpanded_tilde(path) {
        Some((head, rest)) => Err(OutputError::Tilde {
            path: path.to_path_buf(),
            flag,
            head,
            rest: if rest.is_empty() {
                "FILE".to_string()
            } else {
                rest
            },
        }),
        None => Ok(()),
    }
}

/// Refuses an output path that is one of the ledger's own files at `data`: the data file (by
/// any name or link, or a hard link to it), its key file, its lock, or anything in its
/// backups folder. Replacing one with an export would lose the ledger or its way back.
pub fn guard(path: &Path, data: &Path) -> Result<(), OutputError> {
    use std::os::unix::fs::MetadataExt;
    // Told by where each file really is: `..`, a linked folder, a folder mounted twice, a
    // link to the file, or a name in other case on a file system that ignores case must
    // not lead past the check to a file it refuses by name.
    let target = real(&super::resolve_links(path.to_path_buf()));
    let data = real(&super::resolve_links(data.to_path_buf()));
    let id = |p: &Path| std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()));
    let target_id = id(&target);
    let folder_id = target.parent().and_then(id);
    let in_data_folder = folder_id.is_some() && folder_id == data.parent().and_then(id);
    // A file system that ignores case finds the data file by its name in capitals too.
    let upper = data
        .file_name()
        .map(|n| data.with_file_name(n.to_string_lossy().to_uppercase()));
    let ignores_case = upper.is_some_and(|u| u != data && id(&u).is_some() && id(&u) == id(&data));
    let named = |own: &Path| {
        let lower = |p: &Path| p.file_name().map(|n| n.to_string_lossy().to_lowercase());
        in_data_folder
            && (target.file_name() == own.file_name()
                || (ignores_case && lower(&target) == lower(own)))
    };
    let same =
        |own: &Path| target == own || named(own) || (target_id.is_some() && target_id == id(own));
    let backups = id(&super::backups::folder(&data));
    let in_backups = backups.is_some() && target.ancestors().skip(1).any(|a| id(a) == backups);
    let what = if same(&data) {
        Some("the ledger's data file")
    } else if same(&crate::crypt::keyfile::key_path(&data)) {
        Some("the ledger's key file")
    } else if same(&super::lock_path(&data)) {
        Some("the ledger's lock file")
    } else if in_backups || target.starts_with(super::backups::folder(&data)) {
        Some("in the ledger's backups")
    } else {
        None
    };
    match what {
        Some(what) => Err(OutputError::LedgersOwn {
            path: path.to_path_buf(),
            what,
        }),
        None => Ok(()),
    }
}

/// Where `path` really is: its folder with every `..` and link in it resolved, and its own
/// name (a link there is the caller's to follow); as given, made absolute, when its folder
/// cannot be found.
fn real(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(folder), Some(name)) => std::fs::canonicalize(folder)
            .map(|folder| folder.join(name))
            .unwrap_or(absolute),
        _ => std::fs::canonicalize(&absolute).unwrap_or(absolute),
    }
}

/// The system's reason in an error tempfile wrapped with its temp file's path (`… at path
/// "…"`), which would name a file the user never asked for.
fn system_reason(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    let text = e.to_string();
    // The first: the system's own text never holds it, the path might.
    match text.find(" at path ") {
        Some(at) => std::io::Error::new(e.kind(), &text[..at]),
        None => e,
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn writes_a_private_file_and_refuses_to_replace_one_unless_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write(&path, b"one", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);

        let err = write(&path, b"two", false).unwrap_err();
        assert!(
            matches!(err, OutputError::Exists(ref p) if *p == path),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"one", "left as it was");

        write(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temp file is left behind");
    }

    /// Root writing into a folder another user owns leaves the file theirs.
    #[test]
    fn a_file_root_writes_in_a_user_s_folder_is_theirs() {
        use std::os::unix::fs::MetadataExt;
        if !nix::unistd::geteuid().is_root() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::chown(dir.path(), Some(65534), Some(65533)).unwrap();
        let path = dir.path().join("team.csv");
        write(&path, b"a,b\n", false).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (65534, 65533));
    }

    /// A temp file left by a writer that was killed (whole, private, in plain text) is
    /// removed by the next write to its folder; one of a writer still running, and a file
    /// of the user's that only looks alike, stay.
    #[test]
    fn a_temp_file_a_killed_writer_left_is_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        child.wait().unwrap();
        let dead = child.id();
        let left = dir.path().join(format!(".team.json.tmp-tl{dead}-Ab3xY9"));
        std::fs::write(&left, b"{\"the whole ledger\": 1}").unwrap();
        let running = dir
            .path()
            .join(format!(".other.csv.tmp-tl{}-Zz9aa1", std::process::id()));
        std::fs::write(&running, b"being written").unwrap();
        let alike = dir.path().join(".notes.tmp-tlx-Ab3xY9");
        std::fs::write(&alike, b"mine").unwrap();

        write(&dir.path().join("team.json"), b"new", false).unwrap();
        assert!(!left.exists(), "the killed writer's temp file is removed");
        assert!(running.exists(), "a running writer's temp file stays");
        assert!(alike.exists(), "a file not named as ours stays");
        assert_eq!(std::fs::read(dir.path().join("team.json")).unwrap(), b"new");
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/out.md");
        let err = write(&path, b"x", false).unwrap_err();
        assert!(err.to_string().contains("out.md"), "{err}");
    }

    /// Links that lead round in a loop are refused, with --force too, as the shell's `>`
    /// refuses them: the first link was replaced by the file, and "already exists" offered
    /// --force for it.
    #[test]
    fn links_in_a_loop_are_refused_and_left_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let (one, two) = (dir.path().join("one.csv"), dir.path().join("two.csv"));
        std::os::unix::fs::symlink(&two, &one).unwrap();
        std::os::unix::fs::symlink(&one, &two).unwrap();
        for replace in [false, true] {
            let err = write(&one, b"x", replace).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "could not write {}: Too many levels of symbolic links (os error 40)",
                    one.display()
                )
            );
            assert_eq!(std::fs::read_link(&one).unwrap(), two, "the link is left");
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temp file is left behind");
    }

    #[test]
    fn a_new_file_takes_the_next_free_name() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new_in(dir.path(), "prep-pat", "md", b"1").unwrap();
        let second = write_new_in(dir.path(), "prep-pat", "md", b"2").unwrap();
        assert_eq!(first, dir.path().join("prep-pat.md"));
        assert_eq!(second, dir.path().join("prep-pat-2.md"));
        assert_eq!(std::fs::read(&first).unwrap(), b"1");
    }
}
