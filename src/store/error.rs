//! What can go wrong when reading or writing the data file. Every message names the file, so
//! a person with several ledgers knows which one is at fault.

use std::io;
use std::path::{Path, PathBuf};

use crate::core::LedgerError;

use super::FILE_ENV;

/// Why the store could not read or write.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// No room left on the disk (or over the user's quota) while saving: the save is atomic,
    /// so the file is as it was. A save writes the whole new file beside the old one, so it
    /// needs about the file's size free (`needed`, when the save knows it); the backups are
    /// named only when there are some (`backups`: how many, and their size in bytes), as
    /// the space they hold.
    #[error(
        "{path}: the disk is full ({source}). Nothing was changed; {}, then try again",
        disk_full_said(*needed, *backups)
    )]
    DiskFull {
        path: PathBuf,
        #[source]
        source: io::Error,
        needed: Option<u64>,
        backups: Option<(usize, u64)>,
    },
    /// The system says the disk is full, but what it has run out of is files (inodes), not
    /// space: freeing space, or the backups (a few files), would not help.
    #[error(
        "{path}: the file system has no room for another file: every one of its inodes is taken, though it has space left (`df -i` shows it). Nothing was changed; remove some files from it, then try again"
    )]
    NoFreeFiles { path: PathBuf },
    /// This program may open no more files (its own limit, EMFILE): said with the limit to
    /// raise, as the UI's start says it, where the system's words named no way out.
    #[error(
        "{path}: this program may open no more files ({source}). Raise its limit (`ulimit -n`, say `ulimit -n 1024`) and try again"
    )]
    TooManyOpenFiles {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The system as a whole may open no more files (ENFILE): no limit of this program's
    /// would help.
    #[error(
        "{path}: the system has too many files open ({source}). Close some programs and try again"
    )]
    SystemOutOfFiles {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A folder on the way to the path is a file (ENOTDIR): named, where the system's "Not a
    /// directory" left which part of the path to be found.
    #[error(
        "{path}: {file} is a file, not a folder, so nothing is kept under it. Nothing was changed; check the path (mistyped, or a folder's name taken by a file)"
    )]
    FileOnTheWay { path: PathBuf, file: PathBuf },
    /// The path names a folder, a named pipe, a device: reading it could block forever or
    /// never end.
    #[error(
        "{path}: not a regular file but {kind}, so trustladder neither reads nor writes it. Nothing was changed{}",
        what_to_do(path, instead.as_deref())
    )]
    NotAFile {
        path: PathBuf,
        kind: &'static str,
        /// For a folder, the one ledger in it (or beside it, for a backups folder), which
        /// `--file` was most likely meant to name ([`StoreError::not_a_file`]).
        instead: Option<PathBuf>,
    },
    /// A symbolic link whose links lead round in a loop (the data path's own, or a folder's
    /// on the way to it): there is no file at their end to read or write, and the system's
    /// "Too many levels of symbolic links" says neither that nor what to do.
    #[error(
        "{path}: {}. Nothing was changed; {}, or {}",
        super::files::link_loop_said(*in_folder),
        if *in_folder { "point that link at a folder".to_string() } else { format!("point the link at a ledger file (ln -sfn FILE {})", path.display()) },
        super::name_another(path)
    )]
    LinkLoop { path: PathBuf, in_folder: bool },
    /// A file the store reads that this user may not read.
    #[error(
        "{path}: trustladder may not read it (permission denied). Nothing was changed; make it readable for its owner (chmod u+r), or run trustladder as that owner"
    )]
    NoReadPermission { path: PathBuf },
    /// Larger than any ledger: reading it would take the memory for nothing.
    #[error(
        "{path}: too large for a trustladder file ({len} bytes; at most {} MiB are read). Nothing was changed: a ledger of 100,000 promises takes about 40 MB, so the path more likely names another file (if it is the ledger, `trustladder check` lists the backups to put back)",
        super::files::MAX_FILE_BYTES >> 20
    )]
    TooLarge { path: PathBuf, len: u64 },
    /// A save would write more than a read takes: the file would never open again, so it is
    /// refused before anything is written.
    #[error(
        "{path}: this save would make the file {} MiB ({len} bytes), over the {} MiB a trustladder file may hold and still be read. Nothing was changed; make the ledger smaller first: keep a copy with `trustladder export --format json --output FILE`, then delete the people and promises you no longer need (or split the ledger into two files, one given with --file)",
        len.div_ceil(1 << 20),
        limit >> 20
    )]
    TooLargeToSave { path: PathBuf, len: u64, limit: u64 },
    /// The lock was held for longer than a writer waits: by one process the whole time (a
    /// writer stopped mid-save (Ctrl-Z), say), or, `in_turns`, by saves one after another
    /// (many writers at once), none of which is to blame alone or to be stopped. Nothing was
    /// changed.
    #[error(
        "{path}: {}",
        busy_said(*.pid, *.waited, *.in_turns)
    )]
    Busy {
        path: PathBuf,
        /// The holder when the writer gave up, when the lock file names one.
        pid: Option<u32>,
        waited: std::time::Duration,
        /// Whether the lock changed hands during the wait.
        in_turns: bool,
    },
    /// The program was told to stop while it waited for the lock, so it gave the change up.
    #[error(
        "{path}: the change was given up unsaved, as trustladder was stopping while it waited for another process. Nothing was changed"
    )]
    Abandoned { path: PathBuf },
    /// The lock file was removed or replaced while this save held it: another writer may
    /// have taken a new one and saved meanwhile, so this save is not written over it.
    #[error(
        "{lock}: the lock file was removed or replaced while this process held it (by hand, or by a file-sync tool: leave it out of what the tool syncs), so another process may have saved meanwhile. What it was about to write was not written; run it again (never remove the lock file by hand: a process that holds it lets go of it when it ends)"
    )]
    LockLost { lock: PathBuf },
    /// The data file was written over where it stands (not replaced, as every save here
    /// replaces it) while this save was being written: what the other program wrote is not
    /// written over, and a save copying from a mapping of the file may have copied some of it.
    #[error(
        "{path}: another program wrote over this file while this change was being saved (an editor or a file-sync tool writing it in place), so what it wrote is not written over. What was about to be written was not written; run the command again"
    )]
    WrittenMeanwhile { path: PathBuf },
    /// An encrypted file that could not be opened or sealed.
    #[error("{path}: {source}")]
    Crypt {
        path: PathBuf,
        #[source]
        source: crate::crypt::CryptError,
    },
    /// `no_backup` when there is none to put back: then the message says so, rather than
    /// sending the user to `check` to find none listed.
    #[error(
        "{path}: not a trustladder file I can read: {detail}. Nothing was changed; {}",
        match (setting_at_fault(detail), *no_backup) {
            (true, _) => SETTING_WAY_BACK.to_string(),
            // Never a ledger, and no backup says it ever was one: a path mistyped, not a
            // file damaged, whose backup there is no point looking for.
            (false, true) if super::codec::is_another_kind(detail) => format!(
                "as it never was a ledger, the path is likelier mistyped than the file damaged: {}",
                super::name_another(path)
            ),
            (false, true) => "there is no backup of it to put back (a sync remote, or a copy of your own, may hold one)".to_string(),
            (false, false) => "run `trustladder check` to see the backups that can be restored with `trustladder restore-backup`".to_string(),
        }
    )]
    Damaged {
        path: PathBuf,
        detail: String,
        no_backup: bool,
    },
    /// [`StoreError::Damaged`] as `check` ends with it, under its list of the backups.
    #[error(
        "{path}: not a trustladder file I can read: {detail}. Nothing was changed; {}",
        if setting_at_fault(detail) {
            SETTING_WAY_BACK
        } else {
            "`trustladder restore-backup N` puts back one of the backups listed"
        }
    )]
    DamagedChecked { path: PathBuf, detail: String },
    #[error(
        "{path}: written by a newer trustladder (format version {}; this one knows {known}) in a way this one cannot read. Nothing was changed; update trustladder to open it",
        super::codec::version_text(*.version)
    )]
    TooNew {
        path: PathBuf,
        version: u64,
        known: u32,
    },
    /// The file is open read-only (it was written by a newer program), so it is not changed.
    #[error("{path}: {reason}. Nothing was changed; update trustladder to change it")]
    ReadOnly { path: PathBuf, reason: String },
    /// The path names a backup in a ledger's backups folder ([`super::backups::opened_backup`]):
    /// a backup stays as it was, so it is read but never written. Put back, or copied
    /// elsewhere, it can be worked from.
    #[error(
        "{path}: this is a backup of {data}, and a backup is kept as it was, so nothing was changed. To work from it, `{}` puts it back in place of the data file (keeping that file among the backups), or copy it elsewhere and give the copy with --file",
        super::restore_said(data, word)
    )]
    IsBackup {
        path: PathBuf,
        data: PathBuf,
        word: String,
    },
    /// The path names the lock file or the key file beside a ledger (`--file x.json.lock`, a
    /// name completed one step too far), which holds no ledger: read as one it was "empty" or
    /// "damaged" with no backup to put back, which sent the user looking for one.
    #[error(
        "{path}: this is {what} of the ledger {data}, not a ledger itself; nothing was changed. Name {data} instead"
    )]
    LedgersOwnFile {
        path: PathBuf,
        data: PathBuf,
        what: &'static str,
    },
    /// A backup written by a newer program (`reason` says which version), which this one does
    /// not restore: what it holds would be cut to the fields this one knows.
    #[error(
        "{path}: {reason}, so this one does not restore it. Nothing was changed; update trustladder to restore it"
    )]
    NewerBackup { path: PathBuf, reason: String },
    /// The store was opened only to show the ledger ([`super::Store::open_to_show`]): what it
    /// read may have come from a mapping of the file, and is never written.
    #[error(
        "{path}: opened only to show the ledger, so nothing was changed; open it again to change it"
    )]
    ShownOnly { path: PathBuf },
    /// The file has no write permission for its owner, which the store takes as the owner's
    /// "do not touch", so it is not changed.
    #[error(
        "{path}: it has no write permission for its owner (mode {mode:04o}), which trustladder takes as \"do not touch\". Nothing was changed; make it writable (chmod u+w) to change it"
    )]
    Protected { path: PathBuf, mode: u32 },
    /// Marked immutable by its owner or an administrator: as "do not touch" as a missing write
    /// permission, and said as plainly.
    #[error(
        "{path}: it is marked immutable (chattr +i), so nothing can replace or change it. Nothing was changed; `chattr -i` (as root) makes it changeable again"
    )]
    Immutable { path: PathBuf },
    /// The data file is another user's and this user may not write it. Said before the lock
    /// file is tried, which is often that user's too and would have blamed the folder.
    #[error(
        "{path}: this file is {owner}'s and this user may not write it. Nothing was changed; run trustladder as {owner}, or have {owner} give it to this user (chown) or let this user write it"
    )]
    NotYours { path: PathBuf, owner: String },
    /// The data file's folder cannot be written by this user, where every change writes its
    /// lock file, temp file and backups.
    #[error(
        "{folder}: trustladder cannot write in this folder ({source}), where each change keeps its lock file, temp file and backups. Nothing was changed; make the folder writable to change the ledger"
    )]
    FolderNotWritable {
        folder: PathBuf,
        source: std::io::Error,
    },
    /// Something that is not a folder (a file, a link to nothing) under the backups folder's
    /// name: no backup can be kept or read there, so every change stops before it writes,
    /// and the message says what to do rather than the bare OS error.
    #[error(
        "{path}: this is {what}, where the backups folder belongs, so no backup can be kept or read there. Nothing was changed; move it aside (`mv {path} {path}.old`), and the next change makes the folder"
    )]
    BackupsNotAFolder { path: PathBuf, what: String },
    /// The backups folder is one this user may not write in (its mode, another user's): each
    /// change keeps the file it replaces there first, and the system said only "Permission
    /// denied" of a backup's name.
    #[error(
        "{path}: trustladder may not write in the backups folder, where each change first keeps the file it replaces. Nothing was changed; make the folder writable (chmod u+w), or run trustladder as its owner"
    )]
    BackupsNotWritable { path: PathBuf },
    /// There is no data file, but backups of one are beside where it was: the first change
    /// would start a new ledger whose saves rotate the old one's backups out.
    #[error(
        "{path}: there is no data file, but {} in {folder}. Nothing was changed; `trustladder restore-backup {newest}` puts the newest back ({}), or move that folder aside to start a new ledger",
        super::backups::of_one_are(*.count),
        if *.listed { "the backups are listed above" } else { "`trustladder check` lists them" }
    )]
    GoneWithBackups {
        path: PathBuf,
        folder: PathBuf,
        count: usize,
        /// What `restore-backup` is given for the newest ([`super::backups::newest_word`]).
        newest: String,
        /// Said by `check`, under its list of the backups: pointing to `check` would send the
        /// user to run what they have just run.
        listed: bool,
    },
    /// There is no data file, but the key file of an encrypted one is beside where it was:
    /// the first change would start a plain ledger beside it.
    #[error(
        "{path}: there is no data file, but the key file of an encrypted ledger is beside where it was ({key}). Nothing was changed; put the data file back (from a backup, another machine or git), or move the key file aside to start a new ledger"
    )]
    GoneWithKeyFile { path: PathBuf, key: PathBuf },
    /// A change produced a ledger that would not read back the same; it was not saved.
    #[error("{path}: the change was not saved, as the result would not read back intact: {detail}")]
    Unsound { path: PathBuf, detail: String },
    /// `restore-backup` was given a number or name that is not among the backups. With none
    /// at all, `check` would list none: what is said instead is why there are none, and that
    /// the ledger meant may be another (a mistyped --file).
    #[error(
        "{folder}: no backup '{which}' {}",
        match (.count, .kept) {
            (0, 0) => "(there are none: each save but a ledger's first keeps one), so nothing can be put back; if another ledger was meant, name it with --file".to_string(),
            (count, kept) => format!("(there {}{}); run `trustladder check` to list them",
                match count { 0 => "are no numbered ones".to_string(), 1 => "is 1, numbered 1".to_string(), n => format!("are {n}, numbered 1 to {n}") },
                match kept { 0 => String::new(), 1 => ", and 1 kept by its name".to_string(), n => format!(", and {n} kept by their names") }),
        }
    )]
    NoSuchBackup {
        folder: PathBuf,
        which: String,
        /// The numbered (rotating) backups.
        count: usize,
        /// The files kept by name: set aside by a restore, an upgrade's original.
        kept: usize,
    },
    /// `restore-backup` was given a path outside the ledger's backups folder: a file of a
    /// backup's name elsewhere is not that backup, so nothing is put back.
    #[error(
        "{given} is not one of this ledger's backups, which are in {folder}; nothing was changed: give a number or a name that `trustladder check` lists, or a path into that folder"
    )]
    NotABackupHere { given: PathBuf, folder: PathBuf },
    /// `restore-backup` of a backup that lacks records the last commit of a synced folder
    /// holds: put back, the next sync would take them as deleted here, and delete them on
    /// every machine.
    #[error(
        "{path}: backup {which} lacks {lacking} that the last sync holds: put back, the next `trustladder sync` would undo that on every machine. Nothing was changed; {way_back}, or `trustladder restore-backup {which} --force` puts back the backup all the same"
    )]
    BehindSync {
        path: PathBuf,
        which: String,
        lacking: String,
        /// The git command that puts back the version last synced, and which version that is
        /// (an older one where the last commit's does not read).
        way_back: String,
    },
    #[error(
        "no data folder could be found for this user (a $HOME that is not an absolute path is not used); pass --file PATH or set {FILE_ENV}"
    )]
    NoDataDir,
    /// A data path that ends in `/` names a folder, whatever is there (as for an export's
    /// `--output`): the lock file and backups, named after its last word, would be made
    /// beside that folder, and the first save would fail on it.
    #[error(
        "{path}: ends with /, so it names a folder, not a data file. Nothing was changed; {}, such as {instead}",
        super::name_another(path)
    )]
    FolderPath {
        path: PathBuf,
        /// The file meant, most likely: the one there without the `/`, else one in the folder.
        instead: PathBuf,
    },
    /// A data path whose first part is a `~` or `~user` the shell left as it was
    /// (`--file=~/x.json`, or in quotes) and nothing of that name is here: the first change
    /// would make a folder (or a file) named so in the working directory, not the file in the
    /// home folder meant.
    #[error(
        "{}",
        if super::named_by_env(path) { super::tilde_in_env_said(path, head, rest) } else { super::tilde_said(path, "--file", head, rest, "Nothing was changed") }
    )]
    Tilde {
        path: PathBuf,
        head: String,
        rest: String,
    },
    /// A data file whose name is not UTF-8: its backups, temporary files and conflict copies
    /// are found by names made from it, and two such names could not be told apart.
    #[error(
        "{}: the data file's name is not UTF-8 text, and its backups are named after it; rename it, or {}",
        .0.display(),
        if super::named_by_env(.0) { format!("set {FILE_ENV} to another") } else { "name another with --file".to_string() }
    )]
    NameNotText(PathBuf),
    /// A data file whose name leaves no room for the names of its backups and temp files.
    #[error(
        "{path}: the data file's name is {len} bytes long, and its backups are named after it with more; a name of at most {} bytes leaves them room. Rename it, or {}",
        super::MAX_NAME_BYTES,
        if super::named_by_env(path) { format!("set {FILE_ENV} to another") } else { "name another with --file".to_string() }
    )]
    NameTooLong { path: PathBuf, len: usize },
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

/// Whether a damaged file's fault is a setting out of its range or of the wrong kind (a
/// decimal where a whole number goes, a word for a number): edited by hand, most likely, and
/// in every backup made since, so putting one back would lose the records made since and not
/// the setting.
fn setting_at_fault(detail: &str) -> bool {
    detail.starts_with("$.settings: settings.") || detail.starts_with("$.settings.")
}

/// Whether the file system that holds `path` (or would: the nearest folder there is on the
/// way to it) has space left but no free files, as `df -i` says.
fn out_of_files(path: &Path) -> bool {
    path.ancestors()
        .skip(1)
        .find_map(|folder| nix::sys::statvfs::statvfs(folder).ok())
        .is_some_and(|s| no_free_files(s.files(), s.files_available(), s.blocks_available()))
}

/// Out of files, not space: a file system that counts its files (some, as btrfs, report 0
/// and never run out) has none left for this user, and has blocks left.
fn no_free_files(files: u64, files_available: u64, blocks_available: u64) -> bool {
    files > 0 && files_available == 0 && blocks_available > 0
}

/// The way back from a setting out of its range.
const SETTING_WAY_BACK: &str = "set that setting in the file within its range, or remove its line to take its default (docs/FORMAT.md, Settings, gives each range)";

impl StoreError {
    /// [`StoreError::NotAFile`]; a folder with the ledger in it that was likely meant.
    pub fn not_a_file(path: &Path, kind: &'static str) -> Self {
        StoreError::NotAFile {
            path: path.to_path_buf(),
            kind,
            instead: path.is_dir().then(|| ledger_in(path)).flatten(),
        }
    }

    pub fn io(path: &Path, source: io::Error) -> Self {
        let full = matches!(source.raw_os_error(), Some(libc::ENOSPC | libc::EDQUOT));
        if full && out_of_files(path) {
            return StoreError::NoFreeFiles {
                path: path.to_path_buf(),
            };
        }
        if full {
            return StoreError::DiskFull {
                path: path.to_path_buf(),
                source,
                needed: None,
                backups: None,
            };
        }
        match source.raw_os_error() {
            Some(libc::EMFILE) => {
                return StoreError::TooManyOpenFiles {
                    path: path.to_path_buf(),
                    source,
                };
            }
            Some(libc::ENFILE) => {
                return StoreError::SystemOutOfFiles {
                    path: path.to_path_buf(),
                    source,
                };
            }
            Some(libc::ENOTDIR) => {
                let file = path
                    .ancestors()
                    .skip(1)
                    .find(|a| std::fs::metadata(a).is_ok_and(|m| !m.is_dir()));
                if let Some(file) = file {
                    return StoreError::FileOnTheWay {
                        path: path.to_path_buf(),
                        file: file.to_path_buf(),
                    };
                }
            }
            _ => {}
        }
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// An encrypted file at `path` that could not be opened or sealed. A damaged one is
    /// named as such, with the way back through the backups.
    pub fn crypt(path: &Path, source: crate::crypt::CryptError) -> Self {
        match source {
            crate::crypt::CryptError::Damaged => StoreError::Damaged {
                path: path.to_path_buf(),
                detail: "the encrypted file is damaged or cut off".to_string(),
                no_backup: false,
            },
            source => StoreError::Crypt {
                path: path.to_path_buf(),
                source,
            },
        }
    }
}

/// Attaches a path to an I/O result, the way every store function reports I/O errors.
pub(crate) trait AtPath<T> {
    fn at(self, path: &Path) -> Result<T, StoreError>;
}

impl<T> AtPath<T> for io::Result<T> {
    fn at(self, path: &Path) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::io(path, e))
    }
}

/// What to do about a path that is not a regular file: for the data file, name another; for
/// the files trustladder keeps beside it (its lock, a backup), move the thing away, since
/// `--file` would not help.
fn what_to_do(path: &Path, instead: Option<&Path>) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let in_backups = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == "backups");
    if name.ends_with(".lock") || in_backups {
        "; trustladder keeps its own file at that path: move what is there away".to_string()
    } else if let Some(instead) = instead {
        format!(
            "; {}, such as {}",
            super::name_another(path),
            instead.display()
        )
    } else {
        format!("; {}", super::name_another(path))
    }
}

/// The one ledger in `folder`, or, for a ledger's backups folder, beside it: a file named as
/// the data file is by default, or one with its lock file beside it (every ledger opened
/// has one). `None` where there is none, or several.
fn ledger_in(folder: &Path) -> Option<PathBuf> {
    let found = |folder: &Path| -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                name.is_some_and(|n| {
                    n == "trustladder.json"
                        || (!n.ends_with(".lock") && folder.join(format!("{n}.lock")).is_file())
                })
            })
            .collect()
    };
    let mut ledgers = found(folder);
    if ledgers.is_empty() && folder.file_name().is_some_and(|n| n == "backups") {
        ledgers = folder.parent().map(found).unwrap_or_default();
    }
    match ledgers.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// What to free when the disk is full: as much as a save needs, when known, and the backups
/// where there are any.
fn disk_full_said(needed: Option<u64>, backups: Option<(usize, u64)>) -> String {
    let free = match needed {
        Some(needed) => format!(
            "a save writes the new file beside the old one, so it needs about {} free: free that much space",
            size_said(needed)
        ),
        None => "free some space".to_string(),
    };
    match backups {
        Some((count, bytes)) if count > 0 => format!(
            "{free} (the backups folder beside the file holds {count} older cop{} of it, {} in all)",
            if count == 1 { "y" } else { "ies" },
            size_said(bytes)
        ),
        _ => free,
    }
}

/// A size in bytes for a person, rounded up: `114 MB`, `2 kB`.
pub(crate) fn size_said(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "kB")];
    UNITS.iter().find(|(unit, _)| bytes >= *unit).map_or_else(
        || format!("{bytes} bytes"),
        |(unit, name)| format!("{} {name}", bytes.div_ceil(*unit)),
    )
}

impl StoreError {
    /// A full disk met by a save of `len` bytes as the data file at `data`: said with the
    /// space the save needs and what the backups beside it hold. Any other error as it is.
    pub(crate) fn in_save_of(self, data: &Path, len: u64) -> StoreError {
        match self {
            StoreError::DiskFull { path, source, .. } => StoreError::DiskFull {
                path,
                source,
                needed: Some(len),
                backups: super::backups::held(data),
            },
            other => other,
        }
    }
}

/// What [`StoreError::Busy`] says after the path.
fn busy_said(pid: Option<u32>, waited: std::time::Duration, in_turns: bool) -> String {
    let secs = waited.as_secs();
    if in_turns {
        return format!(
            "the lock was busy with other trustladder saves, one after another, for {secs} s, so nothing was changed. Try again, or run fewer trustladder commands at once"
        );
    }
    let holder = match pid {
        Some(pid) => format!("another trustladder process (PID {pid})"),
        None => "another trustladder process".to_string(),
    };
    format!(
        "{holder} has held the lock for {secs} s, so nothing was changed. If it is stopped (Ctrl-Z), resume it (fg) or end it, then try again"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full disk is said as such, with what was kept and what to free, whichever file of
    /// the ledger the system refused to write.
    #[test]
    fn a_full_disk_says_nothing_was_changed_and_what_to_free() {
        let path = Path::new("/data/trustladder.json");
        for errno in [libc::ENOSPC, libc::EDQUOT] {
            let e = StoreError::io(path, io::Error::from_raw_os_error(errno));
            assert!(matches!(e, StoreError::DiskFull { .. }), "{e:?}");
            let said = e.to_string();
            assert!(
                said.starts_with("/data/trustladder.json: the disk is full ("),
                "{said}"
            );
            assert!(
                said.contains("Nothing was changed; free some space"),
                "{said}"
            );
        }
        let other = StoreError::io(path, io::Error::from_raw_os_error(libc::EIO));
        assert!(matches!(other, StoreError::Io { .. }));
    }

    /// A file where a folder of the path should be is named, where the system said only "Not
    /// a directory"; where none is found (gone since), the system's words stay.
    #[test]
    fn a_file_on_the_way_to_the_path_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes");
        std::fs::write(&file, "x").unwrap();
        let path = file.join("deep").join("trustladder.json");
        let said = StoreError::io(&path, io::Error::from_raw_os_error(libc::ENOTDIR));
        assert_eq!(
            said.to_string(),
            format!(
                "{}: {} is a file, not a folder, so nothing is kept under it. Nothing was changed; check the path (mistyped, or a folder's name taken by a file)",
                path.display(),
                file.display()
            )
        );
        let gone = dir.path().join("gone").join("trustladder.json");
        let said = StoreError::io(&gone, io::Error::from_raw_os_error(libc::ENOTDIR));
        assert!(matches!(said, StoreError::Io { .. }), "{said:?}");
    }

    /// Too many open files is said with what to do, as the UI's start says it: this program's
    /// limit to raise (`ulimit -n`), or the system's files to close; the system's words alone
    /// had named no way out.
    #[test]
    fn too_many_open_files_says_what_to_do() {
        let path = Path::new("/data/trustladder.json");
        let own = StoreError::io(path, io::Error::from_raw_os_error(libc::EMFILE));
        assert!(
            matches!(own, StoreError::TooManyOpenFiles { .. }),
            "{own:?}"
        );
        assert_eq!(
            own.to_string(),
            "/data/trustladder.json: this program may open no more files (Too many open files (os error 24)). Raise its limit (`ulimit -n`, say `ulimit -n 1024`) and try again"
        );
        let system = StoreError::io(path, io::Error::from_raw_os_error(libc::ENFILE));
        assert!(
            matches!(system, StoreError::SystemOutOfFiles { .. }),
            "{system:?}"
        );
        assert_eq!(
            system.to_string(),
            "/data/trustladder.json: the system has too many files open (Too many open files in system (os error 23)). Close some programs and try again"
        );
    }

    /// A full disk met by a save says how much the save needs, rounded up, and names the
    /// backups folder only when it holds copies, with their size.
    #[test]
    fn a_full_disk_in_a_save_says_what_it_needs_and_names_only_backups_there_are() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("trustladder.json");
        let full = || StoreError::io(&data, io::Error::from_raw_os_error(libc::ENOSPC));
        let said = full().in_save_of(&data, 113_600_000).to_string();
        assert!(
            said.ends_with("Nothing was changed; a save writes the new file beside the old one, so it needs about 114 MB free: free that much space, then try again"),
            "{said}"
        );
        assert!(!said.contains("backups"), "{said}");

        let backups = dir.path().join("backups");
        std::fs::create_dir(&backups).unwrap();
        std::fs::write(
            backups.join("trustladder.json.000001.20261124T090000Z"),
            vec![b'x'; 1500],
        )
        .unwrap();
        std::fs::write(
            backups.join("trustladder.json.000002.20261123T090000Z"),
            vec![b'x'; 1500],
        )
        .unwrap();
        let said = full().in_save_of(&data, 2500).to_string();
        assert!(
            said.ends_with("it needs about 3 kB free: free that much space (the backups folder beside the file holds 2 older copies of it, 3 kB in all), then try again"),
            "{said}"
        );
        let other = StoreError::io(&data, io::Error::from_raw_os_error(libc::EIO));
        assert!(matches!(other.in_save_of(&data, 1), StoreError::Io { .. }));
    }

    /// Out of inodes with space to spare is said as that: the advice to free space (or the
    /// backups, a few files) would not help.
    #[test]
    fn out_of_files_with_space_left_is_told_from_a_full_disk() {
        assert!(no_free_files(4, 0, 4000));
        assert!(!no_free_files(4, 1, 4000), "a file left");
        assert!(!no_free_files(4, 0, 0), "no space either: the disk is full");
        assert!(
            !no_free_files(0, 0, 4000),
            "a file system that does not count files"
        );
        let said = StoreError::NoFreeFiles {
            path: "/data/trustladder.json".into(),
        }
        .to_string();
        assert!(
            said.starts_with(
                "/data/trustladder.json: the file system has no room for another file"
            ) && said.contains("Nothing was changed; remove some files"),
            "{said}"
        );
    }
}
