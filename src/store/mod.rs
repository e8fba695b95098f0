//! The store: the ledger in one JSON file, saved so that no crash, no second process and no
//! damaged file can lose it. docs/STORE.md states each guarantee and the test that proves it.
//!
//! Every change goes through [`Store::update`], which takes the lock, re-reads the file if
//! another process changed it since this one loaded it, applies the change to what is on disk
//! now, keeps the old file as a backup and saves atomically. A long-lived process (the
//! terminal UI) therefore never writes over a change made from another pane; it re-applies
//! its own change on top and is told so.

mod append;
mod atomic;
pub mod backups;
mod check;
mod codec;
pub mod copies;
mod error;
mod files;
mod layout;
mod lock;
pub(crate) mod mapped;
pub mod migrate;
pub mod output;
mod pipe;
mod restore;
mod save;
pub mod sealing;
mod splice;
mod stamp;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{NaiveDate, Utc};

use crate::core::{Applied, Change, Ledger, LedgerError, Moment, Timestamp, Uid};

pub use backups::{Backup, BackupKind};
pub use check::{
    BackupCheck, Counts, FileCheck, Health, KeptKeyCheck, Report, UnreadableCopy, check,
    check_data_file,
};
pub(crate) use codec::conflict_marker;
pub use codec::{DecodeError, Decoded, OtherKind, decode, decode_as, encode, version_text};
pub use error::StoreError;
pub use files::{DIR_MODE, FILE_MODE, MAX_FILE_BYTES, kind, open_regular, owned_as};
pub use lock::{GIVE_UP_AFTER, NOTICE_AFTER, Patience, lock_path};
pub use migrate::Format;
pub use restore::{Dropped, DroppedPromise, Restored, restore_backup, restore_backup_if};

use crate::crypt::{self, keyfile::Keys};
use error::AtPath;
pub use lock::LockFile;
use splice::Canonical;
pub use stamp::Stamp;

/// The environment variable that overrides the default data file.
pub const FILE_ENV: &str = "TRUSTLADDER_FILE";

/// The data file when no `--file` names one: `$TRUSTLADDER_FILE` when it is set and not
/// empty (an empty one, as `TRUSTLADDER_FILE= trustladder …` leaves, names nothing), else
/// `trustladder.json` in the user's data folder. A data folder that is not an absolute path
/// (a relative `$HOME`) is none: it would be another folder from every working directory,
/// and a cron job's entries would land in a ledger nobody opens.
pub fn default_path() -> Result<PathBuf, StoreError> {
    if let Some(named) = std::env::var_os(FILE_ENV).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(named);
        let _ = FROM_ENV.set(path.clone());
        return Ok(path);
    }
    directories::ProjectDirs::from("", "", "trustladder")
        .map(|dirs| dirs.data_dir().join("trustladder.json"))
        .filter(|path| path.is_absolute())
        .ok_or(StoreError::NoDataDir)
}

/// The data path `TRUSTLADDER_FILE` named, once [`default_path`] has taken it: what is said
/// of that path tells the user to change the variable, as they never typed `--file`.
static FROM_ENV: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Whether `path` is the data file `TRUSTLADDER_FILE` named (see [`FROM_ENV`]).
pub(crate) fn named_by_env(path: &Path) -> bool {
    FROM_ENV.get().is_some_and(|named| named == path)
}

/// How to name another data file than `path`, as it was named: with `--file`, or by setting
/// the variable that named it.
pub(crate) fn name_another(path: &Path) -> String {
    if named_by_env(path) {
        format!("set {FILE_ENV} to the path of a ledger file")
    } else {
        "pass --file with the path of a ledger file".to_string()
    }
}

/// Why the data path `TRUSTLADDER_FILE` named, which begins with a `~` or `~user` nothing
/// expanded, is refused, and how to set it. Quotes are one way there; cron's and a service
/// file's settings are others, where no shell ever expands it: the whole path works in all.
pub(crate) fn tilde_in_env_said(path: &Path, head: &str, rest: &str) -> String {
    let whole = if head == "~" {
        format!("$HOME/{rest}")
    } else {
        format!("the whole path of {}'s home folder/{rest}", &head[1..])
    };
    format!(
        "{}: {FILE_ENV} begins with a {head} nothing expanded (a shell does not in quotes, and cron and service files never do), so it names a file or folder called {head} here. Nothing was changed; set it to the whole path ({FILE_ENV}={whole}), or in a shell with the {head} outside quotes",
        path.display()
    )
}

/// The longest name a data file may have, in bytes: its backups, temp files and set-aside
/// files are named after it with up to about 50 bytes more, and a file system takes names of
/// 255 bytes at most.
pub const MAX_NAME_BYTES: usize = 200;

/// Why a path given after `flag` that begins with a `~` or `~user` the shell did not expand
/// is refused, and how to give it: for the data file and every path a command writes.
pub(crate) fn tilde_said(path: &Path, flag: &str, head: &str, rest: &str, nothing: &str) -> String {
    let home = if head == "~" {
        format!(" ($HOME/{rest})")
    } else {
        String::new()
    };
    format!(
        "{}: begins with a {head} the shell did not expand (it does not after {flag}= or in quotes), so it names a file or folder called {head} here. {nothing}; give the path where the shell expands it ({flag} {head}/{rest}, with a space) or whole{home}",
        path.display()
    )
}

/// The `~` or `~user` a path begins with, and the rest of it, when the shell did not expand
/// it (after `--file=`, or in quotes) and nothing of that name is here: the path names a file
/// or folder called `~` in the working directory, never the one in the home folder meant.
pub(crate) fn unexpanded_tilde(path: &Path) -> Option<(String, String)> {
    use std::os::unix::ffi::OsStrExt;
    let mut parts = path.components();
    match parts.next() {
        Some(std::path::Component::Normal(first))
            if first.as_bytes().starts_with(b"~") && fs::symlink_metadata(first).is_err() =>
        {
            Some((
                first.to_string_lossy().into_owned(),
                parts.as_path().to_string_lossy().into_owned(),
            ))
        }
        _ => None,
    }
}

/// Refuses a data file whose name is not UTF-8 text ([`StoreError::NameNotText`]): two such
/// ledgers in one folder would share their backups, and one could be restored from the
/// other's; one whose name leaves no room for its backups' ([`StoreError::NameTooLong`]):
/// it would be made, then never saved again; a path ending in `/`
/// ([`StoreError::FolderPath`]), a folder's, though the lock file and backups would be
/// named after its last word and made beside it; and one that begins with a `~` or `~user`
/// the shell did not expand ([`StoreError::Tilde`]), where nothing of that name is, which
/// would make one.
pub fn named_as_text(data: &Path) -> Result<(), StoreError> {
    use std::os::unix::ffi::OsStrExt;
    // First: a `~/` the shell left is a tilde to expand, not a folder to add a name to.
    if let Some((head, rest)) = unexpanded_tilde(data) {
        return Err(StoreError::Tilde {
            path: data.to_path_buf(),
            head,
            rest: if rest.is_empty() {
                "trustladder.json".to_string()
            } else {
                rest
            },
        });
    }
    let mut file = data.as_os_str().as_bytes();
    if file.ends_with(b"/") {
        while let Some(shorter) = file.strip_suffix(b"/") {
            file = shorter;
        }
        let file = Path::new(std::ffi::OsStr::from_bytes(file));
        let instead = if file.is_file() {
            file.to_path_buf()
        } else {
            data.join("trustladder.json")
        };
        return Err(StoreError::FolderPath {
            path: data.to_path_buf(),
            instead,
        });
    }
    // A link's backups go beside the file it names, and are named after that file, whether
    // or not that file is there yet.
    let target = data.is_symlink().then(|| resolve_links(data.to_path_buf()));
    for path in std::iter::once(data).chain(target.as_deref()) {
        let Some(name) = path.file_name() else {
            continue;
        };
        if name.to_str().is_none() {
            return Err(StoreError::NameNotText(path.to_path_buf()));
        }
        if name.len() > MAX_NAME_BYTES {
            return Err(StoreError::NameTooLong {
                path: path.to_path_buf(),
                len: name.len(),
            });
        }
    }
    Ok(())
}

/// The result of a change that was saved.
#[derive(Debug)]
pub struct Saved<T> {
    /// What the change returned (a new id, say).
    pub value: T,
    /// True when another process had changed the file since it was loaded here: the file was
    /// reloaded and this change applied on top of theirs.
    pub merged: bool,
}

/// An open data file and the ledger last read from or written to it.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    /// Shared, so a UI can hold the ledger it draws while another thread saves.
    ledger: Arc<Ledger>,
    /// Which file on disk `ledger` came from; `None` while there is no file.
    stamp: Option<Stamp>,
    /// The format version written in that file, before any upgrade.
    version: u64,
    /// Why the file must not be written, when it was made by a newer program.
    newer: Option<String>,
    /// The file's mode, when its owner has no write permission: the user's own "do not
    /// touch", which this program honours even where it could write (as root, say).
    protected: Option<u32>,
    /// The same of the data file's folder, where every save writes (see
    /// [`files::refuse_protected_folder`]).
    folder_protected: Option<u32>,
    /// The data file, or its folder, where either is marked immutable (`chattr +i`).
    immutable: Option<PathBuf>,
    /// The data file's folder, where this user may not write in it as the kernel decides it
    /// (a folder of another user's, a read-only file system), or else the file, another
    /// user's that this user may not write: every save writes both, so the UI must show the
    /// file read-only rather than offer changes that all fail.
    unwritable: Option<files::Unwritable>,
    format: Format,
    /// How a save waits for the lock that another process holds.
    patience: Patience,
    /// How a save keeps the file it replaces: a link where it can. Tests set it to copies.
    pub(crate) backups: backups::Method,
    /// The most a save may write: [`MAX_FILE_BYTES`], what a read takes, so that every file
    /// saved opens again. Tests set it lower.
    pub(crate) max_bytes: u64,
    /// The file's bytes, when they are exactly the writer's encoding of `ledger`: a change
    /// then writes only what it changed (see `splice`).
    canonical: Option<Canonical>,
    /// The keys of an encrypted file: every save is sealed with them.
    keys: Option<Arc<Keys>>,
    /// The lock file the save under way holds (see [`lock::still_held`]).
    lock_id: Option<(u64, u64)>,
    /// Opened only to show the ledger: every change is refused.
    shown: bool,
    /// The backup the path names, where it names one: read, never written.
    backup: Option<backups::OpenedBackup>,
    /// The rotating backup the last save here kept of the file it replaced: the ledger as it
    /// was before that change, which `restore-backup` takes by its name, a name no later save
    /// moves as it moves the backups' numbers.
    last_backup: Option<PathBuf>,
    /// The conflict copies the saves merged in, not yet taken (see
    /// [`Store::take_merged_copies`]).
    merged_copies: Vec<MergedCopy>,
    /// The copies that could not be read, already told: each is told once, not at every save.
    told_unread: HashSet<(String, String)>,
}

/// A file-sync tool's conflict copy that a save met: merged in and moved to `backups/`, with
/// what the merge did (a number that moved, `#2 from the other machine is now #3`, must be
/// told, or a number quoted on the other machine would name another promise here without a
/// word), or left where it is because it cannot be read, with why: what it holds never
/// arrives, and the user must know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedCopy {
    /// The copy's file name.
    pub name: String,
    pub report: Result<crate::core::merge::Report, String>,
    /// The ledger here was plain and a copy merged in was encrypted: it is encrypted again.
    pub sealed_again: bool,
}

/// What a file is read for: a program that only shows the ledger needs none of its bytes
/// afterwards, and a command that makes one change needs them only until it ends, so both
/// may map the file instead of reading it (see `mapped`); a program that lives on keeps them
/// in memory of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Change,
    Once,
    Show,
}

impl Purpose {
    /// Whether a read keeps where each record lies, which a save splices by: not for a
    /// program that only shows the ledger.
    fn places(self) -> layout::Places {
        match self {
            Purpose::Show => layout::Places::Dropped,
            Purpose::Change | Purpose::Once => layout::Places::Kept,
        }
    }
}

/// What one read of the file found.
struct Loaded {
    ledger: Ledger,
    stamp: Option<Stamp>,
    version: u64,
    newer: Option<String>,
    protected: Option<u32>,
    canonical: Option<Canonical>,
    keys: Option<Arc<Keys>>,
}

impl Store {
    /// Opens the data file; a missing file is an empty ledger, created on the first change.
    /// A file written by a newer program, or one its owner may not write, opens read-only
    /// (see [`Store::read_only`]); a damaged one is refused with the place of the damage.
    pub fn open(path: impl Into<PathBuf>) -> Result<Store, StoreError> {
        Store::open_as(path.into(), Format::CURRENT)
    }

    /// Opens the file for a program that writes `format`; tests use it to drive upgrades.
    pub(crate) fn open_as(path: PathBuf, format: Format) -> Result<Store, StoreError> {
        Store::open_for(path, format, Purpose::Change)
    }

    /// [`Store::open`] for a command that makes its change, if any, and ends: a large plain
    /// file is mapped rather than read into fresh memory, and a save copies the records it
    /// leaves alone from the mapping. Not for a program that lives on, such as the UI: a file
    /// cut short under a mapping ends the process (see `mapped`).
    pub fn open_once(path: impl Into<PathBuf>) -> Result<Store, StoreError> {
        Store::open_for(path.into(), Format::CURRENT, Purpose::Once)
    }

    /// [`Store::open`] for a program that only shows the ledger: the file's bytes are not
    /// kept (their memory is better spent on the text it makes), and a large plain file is
    /// mapped rather than read into fresh memory, which is much of what showing it costs.
    /// Every change is refused ([`StoreError::ShownOnly`]): what a mapping gave is never
    /// written.
    pub fn open_to_show(path: impl Into<PathBuf>) -> Result<Store, StoreError> {
        Store::open_for(path.into(), Format::CURRENT, Purpose::Show)
    }

    fn open_for(path: PathBuf, format: Format, purpose: Purpose) -> Result<Store, StoreError> {
        let path = resolve_links(path);
        // A courtesy at start: every update clears leftovers again under the lock and reports
        // errors there, so a folder this process cannot write to still opens for reading.
        // Opening never waits for the lock: a writer holding it may be stopped for good.
        let _ = clear_leftovers(&path);
        let loaded = match load(&path, &format, purpose) {
            Err(e) => return Err(ledgers_own_file(&path).unwrap_or(e)),
            Ok(loaded) => loaded,
        };
        let folder_protected = files::protection(files::folder(&path))?;
        let immutable = files::immutable_of(&path);
        let unwritable = files::unwritable(&path);
        let backup = backups::opened_backup(&path);
        Ok(Store {
            path,
            ledger: Arc::new(loaded.ledger),
            stamp: loaded.stamp,
            version: loaded.version,
            newer: loaded.newer,
            protected: loaded.protected,
            folder_protected,
            immutable,
            unwritable,
            format,
            patience: Patience::default(),
            backups: backups::Method::LinkOrCopy,
            max_bytes: MAX_FILE_BYTES,
            canonical: loaded.canonical,
            keys: loaded.keys,
            lock_id: None,
            shown: purpose == Purpose::Show,
            backup,
            last_backup: None,
            merged_copies: Vec::new(),
            told_unread: HashSet::new(),
        })
    }

    /// The name, in the backups folder, of the backup the last save here kept of the file it
    /// replaced: `restore-backup` with it undoes that change, whatever was saved since (a
    /// number would name another backup after each save). `None` before any save here, or
    /// where the save found no file.
    pub fn last_backup(&self) -> Option<String> {
        self.last_backup
            .as_deref()
            .and_then(Path::file_name)
            // A name that is not UTF-8 is not typed back as it is shown: none is offered.
            .and_then(|name| name.to_str())
            .map(str::to_string)
    }

    /// The conflict copies merged in by the saves since the last call, and those left where
    /// they are as they cannot be read (each told once), for a front end to tell the user.
    pub fn take_merged_copies(&mut self) -> Vec<MergedCopy> {
        std::mem::take(&mut self.merged_copies)
    }

    /// Sets how saves wait for the lock when another process holds it (by default: up to
    /// [`GIVE_UP_AFTER`], telling no one). Opening and reading never wait.
    pub fn set_patience(&mut self, patience: Patience) {
        self.patience = patience;
    }

    /// Whether the file is encrypted (see docs/PRIVACY.md).
    pub fn is_encrypted(&self) -> bool {
        self.keys.is_some()
    }

    /// The data file's path (the target, when the given path was a symbolic link).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The ledger as last loaded or saved.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// The bytes [`encode`] makes of the ledger: those the file was read as or written as
    /// when they are exactly that (the usual case), else encoded now.
    pub fn encoded(&self) -> Cow<'_, [u8]> {
        match &self.canonical {
            Some(file) => file.bytes(),
            None => Cow::Owned(encode(&self.ledger)),
        }
    }

    /// The ledger as last loaded or saved, to keep while the store moves on.
    pub fn shared(&self) -> Arc<Ledger> {
        Arc::clone(&self.ledger)
    }

    /// How many backups are beside a data file that is not there, which every change then
    /// refuses to start afresh ([`StoreError::GoneWithBackups`]); `None` when the file is
    /// there or has no backups.
    pub fn gone_with_backups(&self) -> Option<usize> {
        self.gone_with_backups_listed().ok().flatten()
    }

    /// Refuses a data file gone while its backups, or an encrypted one's key file, are not, as
    /// every change refuses it ([`StoreError::GoneWithBackups`] first, naming the backup to put
    /// back, else [`StoreError::GoneWithKeyFile`]): for a command that reads, which would show
    /// an empty ledger in its place, so reading and changing it say the same.
    pub fn refuse_gone(&self) -> Result<(), StoreError> {
        save::refuse_gone_with_backups(self)
    }

    /// [`Store::gone_with_backups`], failing where the backups cannot be listed (something
    /// else where their folder belongs, a link to a drive not mounted): they may be there all
    /// the same, so a change that would start afresh says so rather than take them for none.
    fn gone_with_backups_listed(&self) -> Result<Option<usize>, StoreError> {
        if self.path.exists() {
            return Ok(None);
        }
        let listed = match backups::list(&self.path) {
            Err(e @ StoreError::BackupsNotAFolder { .. }) => return Err(e),
            listed => listed.map_or(0, |list| list.len()),
        };
        Ok(Some(listed).filter(|n| *n > 0))
    }

    /// Why the file cannot be changed: it is a backup, it was written by a newer trustladder, its owner has
    /// no write permission on it or its folder, either is marked immutable, this user may
    /// not write in its folder (in the same words `check` uses) or in its backups folder,
    /// where every save first keeps the file it replaces, or the file is gone while its
    /// backups are not, which every change refuses ([`StoreError::GoneWithBackups`]). The
    /// ledger still shows every field this program knows; [`Store::update`] refuses. A UI
    /// shows it so, and offers no change that would only be refused.
    pub fn read_only(&self) -> Option<String> {
        self.backup
            .as_ref()
            .map(|backup| backup_reason(backup, "quit and run"))
            .or_else(|| self.newer.clone())
            .or_else(|| self.protected.map(protected_reason))
            .or_else(|| self.folder_protected.map(folder_protected_reason))
            .or_else(|| {
                self.immutable.as_ref().map(|at| {
                    format!(
                        "{} is marked immutable (chattr +i), so no change is saved until `chattr -i` (as root) lifts it",
                        at.display()
                    )
                })
            })
            .or_else(|| self.unwritable.as_ref().map(unwritable_reason))
            .or_else(|| {
                let dir = backups::folder(&self.path);
                (dir.is_dir() && !files::may_write_in(&dir)).then(|| {
                    format!(
                        "this user may not write in its backups folder {}, where each change first keeps the file it replaces; make it writable (chmod u+w), or run trustladder as its owner",
                        dir.display()
                    )
                })
            })
            .or_else(|| {
                self.gone_with_backups().map(|count| {
                    format!(
                        "there is no data file, but {} in {}; quit and run `trustladder restore-backup {}` to put the newest back",
                        backups::of_one_are(count),
                        backups::folder(&self.path).display(),
                        backups::newest_word(&self.path)
                    )
                })
            })
    }

    /// Whether the file was written by a newer trustladder, so what is shown may not be all
    /// it holds.
    pub fn is_newer(&self) -> bool {
        self.newer.is_some()
    }

    /// The format version written in the file, before any upgrade: what a refusal of a newer
    /// file names.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Reloads the file if another process changed it; returns whether it did, or whether
    /// its owner's write permission, or its folder's, or either's immutable mark, or whether
    /// this user may write in its folder (a file system remounted read-only) changed.
    pub fn refresh(&mut self) -> Result<bool, StoreError> {
        let folder_protected = files::protection(files::folder(&self.path))?;
        let immutable = files::immutable_of(&self.path);
        let unwritable = files::unwritable(&self.path);
        let folder_changed = folder_protected != self.folder_protected
            || immutable != self.immutable
            || unwritable != self.unwritable;
        self.folder_protected = folder_protected;
        self.immutable = immutable;
        self.unwritable = unwritable;
        let mut now = Stamp::read(&self.path)?;
        // A file missing for a moment is looked at again before it is taken for deleted: git's
        // checkout (a sync, a `git pull`) removes a file before it writes the new one, and a
        // UI that looked then closed the page it showed, as if its person were gone.
        for _ in 0..GONE_LOOKS {
            if now.is_some() || self.stamp.is_none() {
                break;
            }
            std::thread::sleep(GONE_PAUSE);
            now = Stamp::read(&self.path)?;
        }
        if now == self.stamp {
            let protected = files::protection(&self.path)?;
            let changed = protected != self.protected;
            self.protected = protected;
            return Ok(changed || folder_changed);
        }
        let loaded = load(&self.path, &self.format, Purpose::Change)?;
        self.adopt(loaded);
        Ok(true)
    }

    fn adopt(&mut self, loaded: Loaded) {
        self.ledger = Arc::new(loaded.ledger);
        self.stamp = loaded.stamp;
        self.version = loaded.version;
        self.newer = loaded.newer;
        self.protected = loaded.protected;
        self.canonical = loaded.canonical;
        self.keys = loaded.keys;
    }

    /// Applies one change and saves it; see [`Store::apply_with`].
    pub fn apply(
        &mut self,
        change: &Change,
        today: NaiveDate,
    ) -> Result<Saved<Applied>, StoreError> {
        self.apply_with(today, |_| Ok(change.clone()))
    }

    /// Builds a change from the ledger as it is on disk under the lock (so the command line
    /// finds a person in the file as it is now), applies it and saves it. The change's
    /// `changed` stamps take the clock's time and new records a random uid; `today` is the
    /// day the change acts on. A change that changes nothing writes nothing.
    pub fn apply_with(
        &mut self,
        today: NaiveDate,
        mut build: impl FnMut(&Ledger) -> Result<Change, LedgerError>,
    ) -> Result<Saved<Applied>, StoreError> {
        let moment = Moment {
            today,
            now: Timestamp::new(Utc::now()),
            // The core takes its randomness as it takes the day: from here.
            seed: Uid(uuid::Uuid::new_v4()),
        };
        let mut change = |ledger: &mut Ledger| {
            let change = build(ledger)?;
            ledger.apply(&change, &moment)
        };
        // A change refused where there is no file yet leaves nothing behind: no folder, no
        // lock file. It is tried on a copy first; the lock is taken only if it holds, or if
        // another process has made the file meanwhile (or a file-sync tool's conflict copy
        // waits to be merged in).
        if self.stamp.is_none() && copies::find(&self.path)?.is_empty() {
            // A file gone with its backups left is said as such, before the change is read
            // against the empty ledger that stands in for it ("no promise #3" would mislead).
            save::refuse_gone_with_backups(self)?;
            let refused = change(&mut Ledger::clone(&self.ledger)).err();
            if let Some(e) = refused.filter(|_| !self.path.exists()) {
                return Err(e.into());
            }
        }
        let (_lock, merged) = self.prepare()?;
        if self.can_splice()? {
            self.save_change(merged, change)
        } else {
            // Numbers are read in the ledger as it was before any conflict copy is merged
            // in, as the user read them, and the change acts on those very records.
            self.save_whole(merged, |before, ledger| {
                let change = build(before)?.pinned(before);
                let applied = ledger.apply(&change, &moment)?;
                let changed = applied.changed();
                Ok((applied, changed))
            })
        }
    }

    /// Replaces the whole ledger with the result of `change` and saves it, under the lock:
    /// the primitive beneath [`Store::apply`], for writing a whole generated ledger (the demo
    /// team) and for tests that need a file in a given state. Front ends make changes with
    /// [`Store::apply`] instead, so that the core's rules hold.
    ///
    /// If the file changed on disk since it was loaded here, it is reloaded first and
    /// `change` runs on the fresh copy, so both changes are kept (and [`Saved::merged`] says
    /// so). If `change` fails, or the file on disk is damaged or read-only, nothing is
    /// written.
    pub fn update<T>(
        &mut self,
        change: impl FnOnce(&mut Ledger) -> Result<T, LedgerError>,
    ) -> Result<Saved<T>, StoreError> {
        let (_lock, merged) = self.prepare()?;
        self.save_whole(merged, |_, ledger| Ok((change(ledger)?, true)))
    }
}

/// How many more times [`Store::refresh`] looks for a data file missing where it was, and
/// how long it waits before each look: a file another program replaces by removing it first
/// is back within milliseconds; one deleted is said after 300 ms.
const GONE_LOOKS: usize = 6;
const GONE_PAUSE: std::time::Duration = std::time::Duration::from_millis(50);

/// Writes `bytes` as the data file at `path`, atomically and durably, keeping the file it
/// replaces as the newest backup, as a save does: for bytes made outside a store, such as
/// what a merge git left unfinished resolves to, under the file's `lock`.
pub fn replace_file(path: &Path, lock: &LockFile, bytes: &[u8]) -> Result<(), StoreError> {
    let kept = backups::keep_before_save(path, backups::Method::LinkOrCopy)?;
    if let Err(atomic::Failed { renamed, error }) = atomic::replace(path, lock, &[bytes]) {
        if renamed {
            atomic::put_back(path, kept.as_ref().map(|k| k.path.as_path()));
        } else if let Some(kept) = kept.filter(|k| k.fresh) {
            let _ = fs::remove_file(kept.path);
        }
        return Err(error);
    }
    // Saved; a backup that could not be pruned now is pruned by the next save.
    let _ = backups::prune(path);
    Ok(())
}

/// Follows a symbolic link at `path`, so that saving replaces the file it points to and not
/// the link (dotfile managers link data files into place).
/// Links that lead round in a loop give the path as given, which their error names as the
/// user typed it rather than as some link along the loop.
pub fn resolve_links(given: PathBuf) -> PathBuf {
    let mut path = given.clone();
    for _ in 0..16 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => match fs::read_link(&path) {
                // A link's relative target is beside it; a link named bare is in the
                // working folder, and its target is named bare too (`target.csv`, never
                // `./target.csv`, in what a message says).
                Ok(target) => {
                    path = match path.parent() {
                        Some(dir) if !dir.as_os_str().is_empty() => dir.join(target),
                        _ => target,
                    }
                }
                Err(_) => return path,
            },
            _ => return path,
        }
    }
    if fs::metadata(&given).is_err_and(|e| e.raw_os_error() == Some(libc::ELOOP)) {
        return given;
    }
    path
}

/// The folder a data file is in (`.` for a bare file name).
pub fn files_folder(data: &Path) -> &Path {
    files::folder(data)
}

/// Creates a folder the store keeps files in, and its missing parents, each 0700.
pub fn ensure_folder(dir: &Path) -> Result<(), StoreError> {
    files::ensure_dir(dir)
}

/// Takes the data file's lock and holds it until the guard is dropped, for a sequence of
/// steps outside the store that must not meet a save (a sync commits, merges and checks out
/// the file).
pub fn hold_lock(data: &Path, patience: &Patience) -> Result<LockFile, StoreError> {
    LockFile::acquire(data, patience)
}

/// Refuses a data file that is gone while its backups (or an encrypted one's key file) are
/// not, as every change refuses it ([`StoreError::GoneWithBackups`],
/// [`StoreError::GoneWithKeyFile`]): for `sync`, which changes the file without a `Store`.
pub fn refuse_gone(data: &Path) -> Result<(), StoreError> {
    if data.exists() {
        return Ok(());
    }
    save::refuse_gone_with_backups(&Store::open(data)?)
}

/// Makes a data file and its key file, written by another program (git's checkout), private
/// again: 0600.
pub fn make_file_private(data: &Path) -> Result<(), StoreError> {
    for path in [data.to_path_buf(), crypt::keyfile::key_path(data)] {
        if let Some((file, _)) = files::open_regular(&path)? {
            files::make_private(&file).at(&path)?;
        }
    }
    Ok(())
}

/// Removes the temp files of a killed writer, when there are some and the lock is free: a
/// temp file found while another process holds the lock may be its save under way, and is
/// left for the next writer to clear under the lock.
fn clear_leftovers(path: &Path) -> Result<(), StoreError> {
    if atomic::leftovers(path)?.is_empty() {
        return Ok(());
    }
    match LockFile::try_acquire(path)? {
        Some(_lock) => atomic::remove_leftovers(path).map(drop),
        None => Ok(()),
    }
}

/// What the metadata of a file that was read says about it.
struct Found {
    /// Which file on disk the bytes came from.
    stamp: Stamp,
    /// Its mode, when its owner may not write it.
    protected: Option<u32>,
}

/// Reads the bytes of a file; `None` if missing. Anything but a regular file of a sane size
/// is refused (see [`files::read_regular`]).
fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(files::read_regular(path)?.map(|(bytes, _)| bytes))
}

impl Found {
    fn of(stamp: Stamp, meta: &fs::Metadata) -> Found {
        Found {
            stamp,
            protected: files::protected_mode(meta),
        }
    }
}

/// A damaged file's error, saying so where there is no backup to put back.
pub(crate) fn or_no_backup(e: StoreError) -> StoreError {
    match e {
        StoreError::Damaged { path, detail, .. } => StoreError::Damaged {
            no_backup: backups::list(&path).is_ok_and(|found| found.is_empty()),
            path,
            detail,
        },
        e => e,
    }
}

/// The command that puts backup `word` back in place of the data file `data`, naming the file
/// as `--file` does: it is named when a backup was opened in its place, and is likely not the
/// default one.
pub(crate) fn restore_said(data: &Path, word: &str) -> String {
    let text = |path: &Path| crate::core::text::shell_word(&path.display().to_string());
    format!(
        "trustladder --file {} restore-backup {}",
        text(data),
        crate::core::text::shell_word(word)
    )
}

/// Why a backup opened as the data file is read-only, in words: `run` is how the UI, which
/// must be left first, or `check` says to run the restore.
pub(crate) fn backup_reason(backup: &backups::OpenedBackup, run: &str) -> String {
    format!(
        "it is a backup of {}, kept as it was; to work from it, {run} `{}`, or copy it elsewhere and open the copy",
        backup.data.display(),
        restore_said(&backup.data, &backup.word)
    )
}

/// Why a file of a newer version is read-only, in words.
fn newer_reason(version: u64, format: &Format) -> String {
    format!(
        "written by a newer trustladder (format version {}; this one knows {})",
        codec::version_text(version),
        format.version
    )
}

/// The bytes of a regular file, `None` when there is none (refusing a folder, a pipe or a
/// file too large to be a ledger, as every read does).
pub fn read_file(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(files::read_regular(path)?.map(|(bytes, _)| bytes))
}

/// The plain bytes of a file of the ledger at `data`: an encrypted one is opened with its
/// keys, got as this process may (see `crypt::unlock`); a backup sealed with an older key kept
/// in the backups folder, with that key.
pub(crate) fn opened(
    data: &Path,
    file: &Path,
    bytes: Vec<u8>,
) -> Result<crypt::Opened, StoreError> {
    let opened = if file == data {
        crypt::opened(data, bytes, crypt::unlock::policy())
    } else {
        crypt::opened_backup(data, bytes, crypt::unlock::policy())
    };
    opened.map_err(|e| StoreError::crypt(file, e))
}

/// A fresh id for a save's place in the file's lineage ([`crate::core::lineage`]): random,
/// so two machines saving the same change still make two saves.
fn new_save_id() -> String {
    crate::core::lineage::id_of(uuid::Uuid::new_v4().as_u64_pair().1)
}

/// Reads and checks the file; a missing one is an empty ledger.
/// Where a file that did not read as a ledger is the lock file or the key file beside one
/// (`x.json.lock`, `x.json.key` with `x.json` there), the error that says so. Asked only
/// after the file failed to read, so a ledger that happens to be named so still opens.
pub(crate) fn ledgers_own_file(path: &Path) -> Option<StoreError> {
    let name = path.file_name()?.to_str()?;
    let (stem, what) = if let Some(stem) = name.strip_suffix(".lock") {
        (stem, "the lock file")
    } else if let Some(stem) = name.strip_suffix(".key") {
        (stem, "the key file")
    } else {
        return None;
    };
    let data = path.with_file_name(stem);
    (!stem.is_empty() && data.is_file()).then_some(StoreError::LedgersOwnFile {
        path: path.to_path_buf(),
        data,
        what,
    })
}

fn load(path: &Path, format: &Format, purpose: Purpose) -> Result<Loaded, StoreError> {
    let Some((file, meta)) = files::open_regular(path)? else {
        return Ok(Loaded {
            ledger: Ledger::default(),
            stamp: None,
            version: u64::from(format.version),
            newer: None,
            protected: None,
            canonical: None,
            keys: None,
        });
    };
    let stamp = Stamp::of(&file, &meta).map_err(|e| StoreError::io(path, e))?;
    let found = Found::of(stamp, &meta);
    if files::keep_to_owner(&file, &meta) {
        files::keep_folder_to_owner(&backups::folder(path));
    }
    // A sealed file is decrypted as it is read; a plain one is read whole.
    // A file cut inside the age header's line is a sealed one cut off, not broken JSON.
    let cut_in_header = meta.len() < crypt::envelope::HEADER.len() as u64
        && std::fs::read(path).is_ok_and(|bytes| crypt::envelope::is_sealed(&bytes));
    let sealed = cut_in_header || files::begins_with(path, &file, crypt::envelope::HEADER)?;
    if sealed {
        files::keep_path_to_owner(&crypt::keyfile::key_path(path));
    }
    if purpose != Purpose::Change && !sealed && meta.len() >= mapped::MAP_FROM {
        let len = files::checked_len(path, &meta)?;
        // Anything but this program's own layout, and any fault, is read again below from
        // memory of the process's own, and named from there.
        if let Some(bytes) = mapped::Mapped::of(&file, len)
            && let Some((decoded, layout)) = codec::decode_own(&bytes, format, purpose.places())
        {
            // The places are read for one change alone (a program that lives on never maps).
            let canonical = (layout.filter(|_| purpose == Purpose::Once))
                .map(|layout| Canonical::mapped(bytes, layout).for_one_change());
            return Ok(Loaded::of(decoded, &found, format, canonical, None));
        }
    }
    let owner = backups::keys_owner(path);
    let mut opened = if sealed && owner != *path {
        // A backup given as the data file: one sealed with an older key kept in the backups
        // folder opens with that key, as `check` and `restore-backup` open it.
        let bytes = files::read_open(path, file, &meta)?;
        crypt::opened_backup(&owner, bytes, crypt::unlock::policy())
            .map_err(|e| or_no_backup(StoreError::crypt(path, e)))?
    } else if sealed {
        let len = files::checked_len(path, &meta)?;
        // A command maps a large sealed file: the agent may keep its plain text (see
        // `crypt::kept_text`), and what it does not keep is opened from the mapping.
        let sealed_map = (purpose != Purpose::Change && crypt::text_kept_for(len))
            .then(|| mapped::Mapped::of(&file, len))
            .flatten();
        // Where an agent listens, the hash it knows the file by is made first, and the keys
        // and the text it keeps are asked for in one exchange: each exchange waits for the
        // agent to be given a processor, up to a millisecond on a busy machine.
        let hash = sealed_map
            .as_deref()
            .filter(|_| crypt::agent_listens(path))
            .map(crypt::agent::sealed_hash);
        let policy = crypt::unlock::policy();
        // A command that changes the ledger may be lent the text to write the new file's
        // over; where none is kept for this file, any command may be lent the memory of one
        // no command reads to decrypt the file into, which the agent keeps as this file's
        // text.
        let lease = match purpose {
            Purpose::Once => crypt::agent::Lease::Write,
            Purpose::Show | Purpose::Change => crypt::agent::Lease::Fill,
        };
        let (keys, kept) = match hash
            .and_then(|hash| crypt::keys_and_kept_text(path, hash, lease, policy))
        {
            Some(both) => both,
            None => {
                let keys = crypt::keys_of(&owner, policy)
                    .map_err(|e| or_no_backup(StoreError::crypt(path, e)))?;
                let kept = sealed_map.as_deref().and_then(|sealed| {
                    let sealed_hash = || hash.unwrap_or_else(|| crypt::agent::sealed_hash(sealed));
                    crypt::kept_text(path, &keys, sealed_hash, lease)
                });
                (keys, kept)
            }
        };
        if let Some(sealed_map) = &sealed_map
            && let Some(kept) = kept
            && let Some(loaded) = from_kept_text(kept, sealed_map, &keys, format, purpose, &found)
        {
            return Ok(loaded);
        }
        let bytes = match &sealed_map {
            Some(sealed_map) => keys.open(sealed_map),
            None => keys.open_file(&file, len),
        }
        .map_err(|e| or_no_backup(StoreError::crypt(path, e)))?;
        // A command that only shows the ledger has the agent keep what it had to open; one
        // that changes it has the agent open the file it saves (`Store::write`), and the one
        // it read would be opened for nothing.
        if sealed_map.is_some() && purpose == Purpose::Show {
            crypt::keep_text(path, &keys, false);
        }
        crypt::Opened {
            bytes,
            keys: Some(keys),
        }
    } else {
        crypt::Opened {
            bytes: zeroize::Zeroizing::new(files::read_open(path, file, &meta)?),
            keys: None,
        }
    };
    let (decoded, layout) = codec::decode_with_layout(&opened.bytes, format, purpose.places())
        .map_err(|e| or_no_backup(e.of_bytes(&opened.bytes).at(path)))?;
    // The plain text is kept for splicing, as the ledger's own text is kept, until the store
    // goes; a program that only shows the ledger lets it go now, its memory better spent on
    // the text it makes.
    let plain = std::mem::take(&mut *opened.bytes);
    let canonical =
        layout
            .map(|layout| Canonical::new(plain, layout))
            .map(|canonical| match purpose {
                Purpose::Once => canonical.for_one_change(),
                _ => canonical,
            });
    Ok(Loaded::of(decoded, &found, format, canonical, opened.keys))
}

/// The ledger a command reads from `kept`, the plain text the agent keeps of `sealed` (the
/// sealed file as mapped) or the memory it lent to decrypt it into, when it reads as this
/// program's own layout (anything else is opened and read again the usual way, and named
/// from there).
fn from_kept_text(
    mut kept: crypt::agent::KeptText,
    sealed: &[u8],
    keys: &Arc<Keys>,
    format: &Format,
    purpose: Purpose,
    found: &Found,
) -> Option<Loaded> {
    if !kept.held {
        let len = crypt::envelope::plain_len(sealed)?;
        let sealed_hash = kept.sealed;
        kept.len = kept
            .lease
            .as_mut()?
            .fill(&kept.file, sealed_hash, len, |plain| {
                keys.open_into(sealed, plain).is_ok()
            })? as u64;
    }
    let text = mapped::Mapped::of(&kept.file, kept.len)?;
    let (decoded, layout) = codec::decode_own(&text, format, purpose.places())?;
    // The lease is kept as long as the text is mapped: with the text, or ends here.
    let canonical = match (layout.filter(|_| purpose == Purpose::Once), kept.lease) {
        (Some(layout), Some(lease)) => Some(Canonical::lent(
            text,
            splice::LentText {
                file: kept.file,
                lease,
            },
            layout,
        )),
        (Some(layout), None) => Some(Canonical::mapped(text, layout)),
        (None, lease) => {
            drop(text);
            drop(lease);
            None
        }
    }
    .map(Canonical::for_one_change);
    Some(Loaded::of(
        decoded,
        found,
        format,
        canonical,
        Some(Arc::clone(keys)),
    ))
}

impl Loaded {
    /// What reading a file found, decoded as `decoded`.
    fn of(
        decoded: Decoded,
        found: &Found,
        format: &Format,
        canonical: Option<Canonical>,
        keys: Option<Arc<Keys>>,
    ) -> Loaded {
        let newer = decoded.is_newer(format).then(|| {
            format!(
                "{}, so it is open read-only",
                newer_reason(decoded.version, format)
            )
        });
        Loaded {
            ledger: decoded.ledger,
            stamp: Some(found.stamp),
            version: decoded.version,
            newer,
            protected: found.protected,
            canonical,
            keys,
        }
    }
}

/// Why a ledger this user may not write ([`files::Unwritable`]) is read-only, in words: what
/// `check` says too, so the UI and `check` never disagree on it.
pub(crate) fn unwritable_reason(unwritable: &files::Unwritable) -> String {
    match unwritable {
        files::Unwritable::Folder(folder) => folder_unwritable_reason(folder),
        files::Unwritable::File { owner, .. } => others_file_reason(&files::user_name(*owner)),
    }
}

/// Why a ledger that is `owner`'s, which this user may not write, is read-only, in words.
fn others_file_reason(owner: &str) -> String {
    format!(
        "it is {owner}'s and this user may not write it, so no change is saved until trustladder runs as {owner} or {owner} lets this user write it"
    )
}

/// Why a ledger whose `folder` this user may not write in is read-only, in words.
fn folder_unwritable_reason(folder: &Path) -> String {
    if files::on_read_only_file_system(folder) {
        return format!(
            "its folder {} is on a read-only file system, so no change is saved until it is mounted read-write",
            folder.display()
        );
    }
    format!(
        "its folder {} cannot be written by this user, so no change is saved until it can",
        folder.display()
    )
}

/// Why a ledger whose folder its owner may not write is read-only, in words.
fn folder_protected_reason(mode: u32) -> String {
    format!(
        "the data folder's owner may not write in it (mode {mode:04o}), which trustladder takes as \"do not touch\"; make the folder writable (chmod u+w) to change it"
    )
}

/// Refuses to let anything write the data file at `data` where it is a backup, where its owner made the file, or
/// its folder, read-only ("do not touch", as every save takes it), or where it is another
/// user's that this user may not write: a sync, whose merge git writes, asks first.
pub fn refuse_protected(data: &Path) -> Result<(), StoreError> {
    backups::refuse_opened_backup(data)?;
    if let Some(mode) = files::protection(data)? {
        return Err(StoreError::Protected {
            path: data.to_path_buf(),
            mode,
        });
    }
    files::refuse_immutable(data)?;
    files::refuse_protected_folder(data)?;
    files::refuse_others_file(data)
}

/// Why a file whose owner may not write it is read-only, in words.
fn protected_reason(mode: u32) -> String {
    format!(
        "the data file's owner may not write it (mode {mode:04o}), which trustladder takes as \"do not touch\"; make it writable (chmod u+w) to change it"
    )
}

#[cfg(test)]
mod backups_tests;
#[cfg(test)]
mod size_tests;
#[cfg(test)]
mod upgrade_tests;
