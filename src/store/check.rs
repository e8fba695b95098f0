//! `trustladder check`: what state the data file and each backup are in, without changing
//! anything, so a person facing a damaged file knows what can be restored.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::backups::{self, BackupKind};
use super::migrate::Format;
use std::sync::Arc;

use super::{StoreError, codec, read_bytes};
use crate::core::{Ledger, Status};
use crate::crypt::keyfile::{Keys, key_path};
use crate::crypt::unlock::{self, Ask};
use crate::crypt::{self, envelope};

/// How much a readable file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub people: usize,
    pub promises: usize,
    pub open: usize,
}

impl Counts {
    /// What `ledger` holds: `check` counts each file so, and `restore-backup` the backup it
    /// put back, so the two can be compared.
    pub fn of(ledger: &Ledger) -> Counts {
        Counts {
            people: ledger.people.len(),
            promises: ledger.promises.len(),
            open: ledger
                .promises
                .iter()
                .filter(|p| p.status == Status::Open)
                .count(),
        }
    }
}

/// Whether a file can be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    /// Reads, and can be written (an older version is upgraded on the next save).
    Ok,
    /// There is no file (yet).
    Missing,
    /// Written by a newer trustladder: readable, but this one will not write it.
    Newer,
    /// Cannot be read; `detail` says where.
    Damaged,
    /// Could not even be opened or read (a folder or a named pipe under its name, no
    /// permission, over the size limit, a loop of links): `detail` says why.
    Unreadable,
    /// Encrypted, and its key is not at hand (the ledger is locked), so what it holds was not
    /// looked at.
    Locked,
    /// The data file reads, but its owner may not write it (a mode like 0444), or no one may
    /// write in its folder, so no change is saved until that is put right, or it is a
    /// backup, which stays as it was; `detail` says which.
    ReadOnly,
}

/// A path as JSON text: a name that is not UTF-8 has `�` for each byte that is not, as the
/// text report shows it, where serde would refuse the whole report.
fn lossy<S: serde::Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

/// A time as RFC 3339 with its offset always written out (`+00:00`, never `Z`), so a script
/// reads every backup's time the same way, whatever the zone.
fn rfc3339<S: serde::Serializer>(
    time: &Option<chrono::DateTime<chrono::FixedOffset>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => s.serialize_str(&time.to_rfc3339()),
        None => s.serialize_none(),
    }
}

/// [`lossy`] for each path.
fn all_lossy<S: serde::Serializer>(paths: &[PathBuf], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(paths.iter().map(|p| p.to_string_lossy()))
}

/// The state of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileCheck {
    #[serde(serialize_with = "lossy")]
    pub path: PathBuf,
    pub health: Health,
    /// The format version written in the file, when it could be read.
    pub version: Option<u64>,
    pub counts: Option<Counts>,
    /// What is wrong, for a damaged or newer file.
    pub detail: Option<String>,
    /// What the file holds that no command makes ([`crate::core::validate::warnings`]); the
    /// report gives the data file's at its top level.
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// Where the ledger read stands among the saves, to tell a data file older than its
    /// newest backup; `None` where it could not be read.
    #[serde(skip)]
    descent: Option<Descent>,
}

/// What tells one file of a ledger older than another: the saves it comes from, newest
/// first, and the numbers it hands out next.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Descent {
    lineage: Vec<String>,
    next_ids: (u64, u64),
}

impl Descent {
    fn of(ledger: &Ledger) -> Descent {
        Descent {
            lineage: ledger.lineage.clone(),
            next_ids: (ledger.next_person_id.0, ledger.next_promise_id.0),
        }
    }

    /// Whether this file is older than `newer`: its last save is one `newer` came after, or
    /// `newer` handed out numbers this one would hand out again.
    fn older_than(&self, newer: &Descent) -> bool {
        let after_it = self
            .lineage
            .first()
            .is_some_and(|last| newer.lineage.iter().skip(1).any(|id| id == last));
        after_it || newer.next_ids.0 > self.next_ids.0 || newer.next_ids.1 > self.next_ids.1
    }
}

/// The warning for a data file older than backup 1, which a plain copy put back by hand
/// (rather than `restore-backup`) leaves.
fn older_than_backup_said(backup: &str) -> String {
    format!(
        "the data file is older than backup 1 ({backup}): it holds an earlier save, put back by hand rather than by `restore-backup`. `trustladder restore-backup 1` puts the newest back; a change made to this file goes on from it, with numbers that start after backup 1's, so none is handed out twice"
    )
}

/// The state of one backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupCheck {
    /// 1 for the newest rotating backup; `None` for kept ones (restore those by name).
    pub number: Option<usize>,
    pub name: String,
    /// `before_save`, `original` (of an upgraded file), `replaced` (by a restore) or
    /// `conflict_copy` (a file-sync tool's, merged in and put away).
    pub kind: &'static str,
    /// When the backup was made, as its name gives it, in UTC here: a front end that knows the
    /// time zone gives it in local time (the names' UTC stamps read wrong by hours to anyone
    /// elsewhere). `None` for a conflict copy, whose name is the tool's.
    #[serde(serialize_with = "rfc3339")]
    pub time: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// A backup in plain text of an encrypted ledger: made before `encrypt` (which, run
    /// again, seals it), or arrived so by sync.
    pub plain_text: bool,
    /// A sealed backup of a plain ledger: made before another machine's `decrypt`, which
    /// `decrypt` run here makes plain.
    pub sealed: bool,
    #[serde(flatten)]
    pub file: FileCheck,
}

/// How an encrypted data file is encrypted (docs/PRIVACY.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Encryption {
    /// How many keys open it: 2 (the main key and the recovery key) as `encrypt` makes it.
    pub recipients: usize,
    /// The key file beside it.
    #[serde(serialize_with = "lossy")]
    pub key_file: PathBuf,
    /// Whether the key file is there.
    pub key_file_found: bool,
    /// Whether the key is at hand without asking: the agent holds it, or the passphrase
    /// command gives it. Then the files were opened and checked inside.
    pub unlocked: bool,
    /// Why the key was not at hand when something was asked and failed (a passphrase command
    /// that gave a wrong passphrase, a damaged key file); `None` when nothing could be asked.
    pub unlock_error: Option<String>,
    /// Whether the agent keeps this file's plain text in locked memory for the next command
    /// (docs/PRIVACY.md): said beside "unlocked", as a person checking what of the ledger is
    /// open on this machine wants to know.
    pub text_kept: bool,
    /// Why the agent could not be asked (one that does not answer, its folder open to
    /// others), the ledger found locked: "`trustladder unlock` lets check look inside" sent
    /// the user to an `unlock` that fails on it. `None` when it was asked, or none runs.
    pub agent_error: Option<String>,
    /// What is wrong with the key file, read as far as it can be without a key (with the
    /// agent holding the key, nothing else reads it): `None` when it reads.
    pub key_file_damage: Option<String>,
    /// Why this user may not read the key file, with the `chown` or `chmod` that puts it
    /// right: no damage, which `recover` (a new main key for every machine) would be the
    /// answer to. `None` when it can be read.
    pub key_file_unreadable: Option<String>,
    /// Whether the passphrase command printed a wrong passphrase for the ledger's key: it may
    /// be an older kept key's, which the backups are then looked inside with.
    #[serde(skip)]
    wrong_given: bool,
}

/// An older key of the ledger kept in the backups folder for the backups sealed with it
/// (docs/PRIVACY.md, "Several machines"), as `check` found it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeptKeyCheck {
    #[serde(serialize_with = "lossy")]
    pub path: PathBuf,
    /// Whether it is open here: its passphrase was at hand, and the backups it seals were
    /// looked inside.
    pub open: bool,
    /// Open, how many backups it opened. Not open, how many backups no key open here opens,
    /// which it seals, or shares with the other kept keys not open (and the ledger's own key,
    /// where that is not open either).
    pub backups: usize,
    /// Whether `backups` is shared so: two or more keys not open, each said to have them all,
    /// which of them each seals told only by its passphrase (no header names its key). A
    /// script summing `backups` counted them twice, and the text's "some of" said it alone.
    pub backups_shared: bool,
    /// Why it is not open, in words; `None` when it is.
    pub why: Option<String>,
}

/// The data file and its backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub file: FileCheck,
    /// `None` for a plain file.
    pub encryption: Option<Encryption>,
    pub backups: Vec<BackupCheck>,
    /// Why no backup could be listed: something that is not a folder (a file, a link to
    /// nothing) under the backups folder's name, as its path and what is there, so the report
    /// on the data file is still given; written as the message, with what to do
    /// ([`Report::backups_error`]).
    #[serde(rename = "backups_error", serialize_with = "blocked_text")]
    backups_blocked: Option<(PathBuf, String)>,
    /// Conflict copies a file-sync tool left beside the data file; the next change merges
    /// them in.
    #[serde(serialize_with = "all_lossy")]
    pub conflict_copies: Vec<PathBuf>,
    /// Conflict copies that cannot be read (cut short, from a newer program, locked): left
    /// where they are, nothing of them merged in.
    pub unreadable_copies: Vec<UnreadableCopy>,
    /// What the data file holds that no command makes, each in words with what to do; `[]`
    /// when there is none.
    pub warnings: Vec<String>,
    /// The older keys kept in the backups folder, where the backups were looked inside with
    /// them; `[]` otherwise.
    pub kept_keys: Vec<KeptKeyCheck>,
}

/// A conflict copy that cannot be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnreadableCopy {
    #[serde(serialize_with = "lossy")]
    pub path: PathBuf,
    pub why: String,
}

/// What stands where the backups folder belongs, as [`StoreError::BackupsNotAFolder`].
fn blocked_error((path, what): &(PathBuf, String)) -> StoreError {
    StoreError::BackupsNotAFolder {
        path: path.clone(),
        what: what.clone(),
    }
}

/// [`Report::backups_error`] in the JSON.
fn blocked_text<S: serde::Serializer>(
    blocked: &Option<(PathBuf, String)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match blocked {
        Some(blocked) => s.serialize_some(&blocked_error(blocked).to_string()),
        None => s.serialize_none(),
    }
}

impl Report {
    /// Why no backup could be listed, said with what to do: something that is not a folder
    /// where the backups folder belongs; `None` otherwise.
    pub fn backups_error(&self) -> Option<String> {
        self.backups_blocked
            .as_ref()
            .map(|blocked| blocked_error(blocked).to_string())
    }

    /// The error the data file's state amounts to, if any, for a non-zero exit.
    pub fn problem(&self) -> Option<StoreError> {
        let blocked = || self.backups_blocked.as_ref().map(blocked_error);
        // A damaged data file is put right from a backup, which the folder in the way hides:
        // what to do about that comes first, not "no backup" or "one of those listed" (none
        // is). Otherwise the data file's own problem first; then the blocked folder, where
        // every change would fail.
        if self.file.health == Health::Damaged && self.backups_blocked.is_some() {
            return blocked();
        }
        self.file_problem().or_else(blocked)
    }

    /// What [`Report::problem`] finds in the data file and its key file.
    fn file_problem(&self) -> Option<StoreError> {
        let file = &self.file;
        match file.health {
            Health::Damaged => {
                Some(
                    super::ledgers_own_file(&file.path).unwrap_or_else(|| StoreError::Damaged {
                        path: file.path.clone(),
                        detail: file.detail.clone().unwrap_or_default(),
                        no_backup: self.backups.is_empty(),
                    }),
                )
            }
            // A data file this user may not read, too large or at the end of a loop of links,
            // or a folder or pipe in its place: the error opening it again gives.
            Health::Unreadable => Some(match super::files::open_regular(&file.path) {
                Err(
                    e @ (StoreError::NotAFile { .. }
                    | StoreError::TooLarge { .. }
                    | StoreError::LinkLoop { .. }),
                ) => e,
                _ => StoreError::NoReadPermission {
                    path: file.path.clone(),
                },
            }),
            Health::Newer if file.counts.is_none() => Some(StoreError::TooNew {
                path: file.path.clone(),
                version: file.version.unwrap_or_default(),
                known: Format::CURRENT.version,
            }),
            // The key file of an encrypted ledger left where its data file is gone.
            // Or its backups: the ledger is lost until one is put back.
            Health::Missing => {
                let key = crypt::keyfile::key_path(&file.path);
                if key.exists() {
                    Some(StoreError::GoneWithKeyFile {
                        path: file.path.clone(),
                        key,
                    })
                } else {
                    (!self.backups.is_empty()).then(|| StoreError::GoneWithBackups {
                        path: file.path.clone(),
                        folder: backups::folder(&file.path),
                        count: self.backups.len(),
                        newest: backups::newest_word(&file.path),
                        listed: false,
                    })
                }
            }
            // The key file missing, damaged or not this user's to read: the next passphrase
            // typed would fail.
            _ => self.encryption.as_ref().and_then(|e| {
                if e.key_file_unreadable.is_some() {
                    return crypt::keyfile::KeyFile::read(&file.path)
                        .err()
                        .map(|why| StoreError::crypt(&file.path, why));
                }
                let key = e.key_file.display().to_string();
                let source = match &e.key_file_damage {
                    _ if !e.key_file_found => crypt::CryptError::KeyFileMissing { key },
                    Some(why) => crypt::CryptError::KeyFileDamaged {
                        key,
                        why: why.clone(),
                    },
                    None => return None,
                };
                Some(StoreError::crypt(&file.path, source))
            }),
        }
    }
}

/// What a sealed file is when no key at hand was asked to open it.
const NOT_LOOKED_INSIDE: &str = "not looked inside: locked";

/// What a sealed backup is when none of the keys open here opens it while a kept key is not
/// open: the report's kept keys say each one's state, once, where each such backup said them
/// all, with the way to open them, in a paragraph of its own.
const KEPT_NOT_OPEN: &str =
    "not looked inside: none of the keys open here opens it; see the kept keys below";

/// What the backups showed of the older keys kept in the backups folder, for the report's
/// kept keys ([`kept_key_checks`]).
#[derive(Default)]
struct KeptSeen {
    /// How many backups each key opened, by main key.
    opened: Vec<(String, usize)>,
    /// How many backups none of the keys open here opens, a kept key not open may.
    shut: usize,
    /// The kept keys not opened, each with why.
    unopened: Vec<(PathBuf, unlock::Unopened)>,
    /// The kept keys that do not read, each with what is wrong.
    damaged: Vec<(PathBuf, String)>,
}

impl KeptSeen {
    /// A backup opened with the key `main`.
    fn opened_with(&mut self, main: String) {
        match self.opened.iter_mut().find(|(key, _)| *key == main) {
            Some((_, n)) => *n += 1,
            None => self.opened.push((main, 1)),
        }
    }

    /// What a search among the kept keys met that did not open.
    fn met(&mut self, search: &unlock::KeptSearch) {
        for (path, why) in &search.unopened {
            if !self.unopened.iter().any(|(seen, _)| seen == path) {
                self.unopened.push((path.clone(), why.clone()));
            }
        }
        if let Some((path, why)) = &search.damaged
            && !self.damaged.iter().any(|(seen, _)| seen == path)
        {
            self.damaged.push((path.clone(), why.clone()));
        }
    }
}

/// Each older key `kept` in the backups folder, as the backups showed it (`seen`): a
/// key that did not open says why, and one no backup needed was never opened (a second of
/// scrypt's work each), so it is said to seal none. `own_shut`: the ledger is encrypted and
/// its own key is not open, so the backups no open key opens may be its own too.
fn kept_key_checks(kept: Vec<PathBuf>, seen: &KeptSeen, own_shut: bool) -> Vec<KeptKeyCheck> {
    let mut checks: Vec<KeptKeyCheck> = kept
        .into_iter()
        .map(|path| {
            let main = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| crypt::keyfile::KeyFile::parse(&text).ok())
                .map(|file| file.main);
            let damaged = seen.damaged.iter().find(|(seen, _)| *seen == path);
            let unopened = seen.unopened.iter().find(|(seen, _)| *seen == path);
            let (open, backups, why) = match (damaged, unopened, main) {
                (Some((_, why)), _, _) => (
                    false,
                    seen.shut,
                    Some(format!(
                        "damaged ({why}): put it back from the backups folder of another machine that synced the decrypt"
                    )),
                ),
                (_, Some((_, why)), _) => (false, seen.shut, Some(why.said())),
                (_, _, Some(main)) if unlock::holds(&main) => {
                    let opened = seen.opened.iter().find(|(key, _)| *key == main);
                    (true, opened.map_or(0, |(_, n)| *n), None)
                }
                _ => (
                    false,
                    0,
                    Some("no backup here needs it, so it was not opened".to_string()),
                ),
            };
            KeptKeyCheck {
                path,
                open,
                backups,
                backups_shared: false,
                why,
            }
        })
        .collect();
    // Which of the keys not open seals which of those backups no header tells (age's X25519
    // stanza names no recipient): with two or more, they are theirs together.
    let shut = checks
        .iter()
        .filter(|key| !key.open && key.backups > 0)
        .count()
        + usize::from(own_shut);
    for key in &mut checks {
        key.backups_shared = !key.open && key.backups > 0 && shut > 1;
    }
    checks
}

/// What a sealed file whose age header does not read is, said without the key.
const HEADER_DAMAGED: &str = "its encryption header is cut off or damaged: no key opens it";

/// Examines one file, opening an encrypted one with `keys`. Only an I/O error (other than a
/// missing file) is an error; damage is part of the answer.
fn examine(path: &Path, keys: Option<&Keys>) -> Result<FileCheck, StoreError> {
    Ok(judge(path, read_bytes(path)?, keys))
}

/// How many times a backup whose name came to name another file while it was read is read
/// again before what was read last is reported.
const BACKUP_READS: usize = 3;

/// Examines one backup as [`examine`] does, taking only bytes that were the backup's own:
/// `None` when it is no longer there.
///
/// A save that drops the oldest backup from the rotation writes the new data file into that
/// backup's file (docs/STORE.md, section 1), and `check` takes no lock, so as not to hold up
/// the saves. The save takes the backup's name away (durably) before it overwrites a byte,
/// so a file still under its name once read was read whole as the backup; one whose name
/// is gone may have been read half overwritten, and was being rotated out: it is not listed,
/// as a backup removed before it was read is not. A name that came to name another file
/// meanwhile (`encrypt` rewrote it) is read again.
fn examine_backup(
    path: &Path,
    keys: Option<&Keys>,
    kept: Option<&Path>,
    seen: &mut KeptSeen,
) -> Result<Option<FileCheck>, StoreError> {
    let mut reads = 0;
    loop {
        reads += 1;
        let Some((file, meta)) = super::files::open_regular(path)? else {
            return Ok(None);
        };
        #[cfg(test)]
        tests::opened(path);
        let bytes = super::files::read_open(path, file, &meta)?;
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Ok(now) if file_id(&now) != file_id(&meta) && reads < BACKUP_READS => continue,
            _ => {}
        }
        // Sealed with none of the keys at hand: another key kept in the backups folder of the
        // ledger at `kept` may open it.
        if let Some(data) = kept
            && envelope::is_sealed(&bytes)
            && keys.is_none_or(|keys| !keys.seals(&bytes))
        {
            let skip = keys.map(Keys::key_id);
            let search = unlock::kept_keys_sealing(
                data,
                &bytes,
                skip.as_deref(),
                &*crypt::holder(data),
                Ask::Never,
            );
            seen.met(&search);
            if let Some(found) = search.found {
                seen.opened_with(found.key_id());
                return Ok(Some(judge(path, Some(bytes), Some(&found))));
            }
            if search.error().is_some() && envelope::header_reads(&bytes) {
                seen.shut += 1;
                let mut found = judge(path, Some(bytes), None);
                found.detail = Some(KEPT_NOT_OPEN.into());
                return Ok(Some(found));
            }
        }
        let sealed = envelope::is_sealed(&bytes);
        let judged = judge(path, Some(bytes), keys);
        if let Some(keys) = keys
            && sealed
            && !matches!(judged.health, Health::Damaged | Health::Locked)
        {
            seen.opened_with(keys.key_id());
        }
        return Ok(Some(judged));
    }
}

/// A file by its device and inode.
fn file_id(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// What the bytes read from `path` (`None`: there is no file) hold, opened with `keys` when
/// sealed.
fn judge(path: &Path, bytes: Option<Vec<u8>>, keys: Option<&Keys>) -> FileCheck {
    let format = Format::CURRENT;
    let mut found = FileCheck {
        path: path.to_path_buf(),
        health: Health::Missing,
        version: None,
        counts: None,
        detail: None,
        warnings: Vec::new(),
        descent: None,
    };
    let Some(bytes) = bytes else {
        return found;
    };
    let bytes = if envelope::is_sealed(&bytes) {
        let Some(keys) = keys else {
            // The header reads without a key: one cut off or garbled is damaged, as pruning
            // takes it, so a locked check does not pass a file no key will ever open.
            if !envelope::header_reads(&bytes) {
                found.health = Health::Damaged;
                found.detail = Some(HEADER_DAMAGED.into());
                return found;
            }
            found.health = Health::Locked;
            found.detail = Some(NOT_LOOKED_INSIDE.into());
            return found;
        };
        match keys.open(&bytes) {
            Ok(plain) => plain,
            Err(e) => {
                found.health = Health::Damaged;
                found.detail = Some(e.to_string());
                return found;
            }
        }
    } else {
        zeroize::Zeroizing::new(bytes)
    };
    match codec::decode_as(&bytes, &format) {
        Ok(decoded) => {
            found.version = Some(decoded.version);
            found.counts = Some(Counts::of(&decoded.ledger));
            found.warnings = crate::core::validate::warnings(&decoded.ledger);
            found.descent = Some(Descent::of(&decoded.ledger));
            found.health = if decoded.is_newer(&format) {
                found.detail = Some(super::newer_reason(decoded.version, &format));
                Health::Newer
            } else {
                Health::Ok
            };
        }
        Err(codec::DecodeError::TooNew { version }) => {
            found.health = Health::Newer;
            found.version = Some(version);
            found.detail = Some(format!(
                "{} and cannot be read by this one",
                super::newer_reason(version, &format)
            ));
        }
        Err(e) => {
            found.health = Health::Damaged;
            found.version = codec::written_version(&bytes);
            found.detail = Some(e.of_bytes(&bytes).to_string());
        }
    }
    found
}

/// How the data file is encrypted, if it is, and its keys when they are at hand without
/// asking.
fn encryption(path: &Path) -> Result<(Option<Encryption>, Option<Arc<Keys>>), StoreError> {
    let Some(bytes) = read_bytes(path)? else {
        return Ok((None, None));
    };
    if !envelope::is_sealed(&bytes) {
        return Ok((None, None));
    }
    // A backup given as the data file opens with its ledger's key file, as it is read.
    let path = &super::backups::keys_owner(path);
    let key_file = key_path(path);
    let why = |e: crypt::CryptError| match e {
        crypt::CryptError::KeyDamaged(why) => why,
        e => e.to_string(),
    };
    let mut key_file_unreadable = None;
    let mut key_file_damage = match crypt::keyfile::KeyFile::read(path) {
        Ok(Some(file)) => file.verify().err().map(why),
        Ok(None) => None,
        Err(e @ crypt::CryptError::KeyFileUnreadable { .. }) => {
            key_file_unreadable = Some(e.to_string());
            None
        }
        Err(e) => Some(why(e)),
    };
    let mut wrong_given = false;
    let (keys, unlock_error) = match unlock::keys_for(path, &*crypt::holder(path), Ask::Never) {
        Ok(keys) => (Some(keys), None),
        Err(crypt::CryptError::Locked) => (None, None),
        // Said without "nothing was changed", which check never does, nor names the variable
        // twice.
        Err(crypt::CryptError::WrongFromCommand { var, .. }) => {
            wrong_given = true;
            (
                None,
                Some(format!(
                    "the passphrase command in {var} printed a wrong passphrase {}",
                    unlock::HINT
                )),
            )
        }
        // Said once, as the key file's, with the way back: repeated here in full, the line
        // named the missing file and `recover` twice, and the exit error a third time.
        Err(crypt::CryptError::KeyFileMissing { .. }) => (
            None,
            Some("no passphrase opens the files inside while the key file is missing".into()),
        ),
        // Damage in the key file is said once, as its damage (seen without the passphrase,
        // or only once the passphrase opened a sealed block that does not open whole), and
        // fails the check: said again in full, or as "locked" with `unlock` to follow, it
        // sent the user where no passphrase helps.
        Err(crypt::CryptError::KeyFileDamaged { why, .. }) => {
            key_file_damage.get_or_insert(why);
            (
                None,
                Some(
                    "no passphrase opens the files inside while the key file is damaged"
                        .to_string(),
                ),
            )
        }
        // Said once, as the key file's, with its fix.
        Err(crypt::CryptError::KeyFileUnreadable { .. }) => (
            None,
            Some("no passphrase opens the files inside while the key file cannot be read".into()),
        ),
        Err(e) => (None, Some(e.to_string())),
    };
    Ok((
        Some(Encryption {
            recipients: envelope::recipients(&bytes),
            key_file_found: key_file.exists(),
            key_file,
            unlocked: keys.is_some(),
            text_kept: keys.as_deref().is_some_and(|keys| {
                crypt::text_kept_for(bytes.len() as u64)
                    && crypt::kept_text(
                        path,
                        keys,
                        || crypt::agent::sealed_hash(&bytes),
                        crypt::agent::Lease::Read,
                    )
                    .is_some()
            }),
            unlock_error,
            // Taken as the ledger is found locked, and only then.
            agent_error: unlock::agent_fault().filter(|_| keys.is_none()),
            key_file_damage,
            key_file_unreadable,
            wrong_given,
        }),
        keys,
    ))
}

/// The data file alone, judged as [`check`] judges it: opened with its keys where they are at
/// hand without asking (the agent, the passphrase command), else by its encryption header.
/// For `encrypt` on an encrypted ledger, which said only that it is encrypted over a file
/// damaged, without looking inside every backup as [`check`] does.
pub fn check_data_file(path: &Path) -> Result<FileCheck, StoreError> {
    let path = &super::resolve_links(path.to_path_buf());
    let (_, keys) = encryption(path)?;
    examine(path, keys.as_deref())
}

/// Validates the data file and every backup, changing nothing.
pub fn check(path: &Path) -> Result<Report, StoreError> {
    // The backups live beside the file a symbolic link points to, as the store saves there.
    let path = &super::resolve_links(path.to_path_buf());
    // A data file this user may not read is reported, not refused: the backups beside it
    // are what check is for then.
    let (encryption, keys) = match encryption(path) {
        Err(
            StoreError::NoReadPermission { .. }
            | StoreError::NotAFile { .. }
            | StoreError::TooLarge { .. }
            | StoreError::LinkLoop { .. },
        ) => (None, None),
        found => found?,
    };
    // A plain ledger's backups sealed before another machine's `decrypt` open with the key
    // file kept for them in `backups/`, and an encrypted ledger's backups whose data file is
    // gone, emptied or not sealed open with the key file left beside it: that is when which
    // backup is sound matters most. The keys are got as for any command; why they could not
    // be got (a wrong passphrase, that key file damaged) is said beside each backup it would
    // have opened.
    let mut key_error = None;
    let key_beside = encryption.is_none() && key_path(path).exists();
    // Backups sealed with an older key kept in the backups folder are looked inside with it:
    // an encrypted ledger's, where its own key is at hand (the ledger encrypted again since),
    // and a plain ledger's, where there is a kept key besides the one its key was looked for
    // in (a `decrypt` elsewhere taken in twice, the ledger encrypted again between).
    // The same where the passphrase given opens none but such a key, which is looked inside
    // with.
    let wrong_given = encryption.as_ref().is_some_and(|e| e.wrong_given);
    // Beside a plain ledger the key looked for is a kept one too: where it does not open, the
    // backups it seals say so by the kept keys' lines, once, as those of any other kept key
    // do, not each with the whole error.
    // Read once: the folder is listed for each question below and for the kept keys' lines.
    let kept = crypt::keyfile::kept_key_paths(path);
    let kept_keys = !kept.is_empty()
        && (keys.is_some() || wrong_given || (encryption.is_none() && !key_beside));
    let keys = keys.or_else(|| {
        if !key_beside && kept.is_empty() {
            return None;
        }
        match unlock::keys_for(path, &*crypt::holder(path), Ask::Never) {
            Ok(keys) => Some(keys),
            Err(crypt::CryptError::Locked) => None,
            Err(e) => {
                key_error = Some(e.to_string());
                None
            }
        }
    });
    let keys = keys.as_deref();
    // A data file that cannot even be read is reported, with the backups beside it, so a
    // script reading the report has one to read: what stands in the way is its detail.
    let unreadable = |detail: String| FileCheck {
        path: path.clone(),
        health: Health::Unreadable,
        version: None,
        counts: None,
        detail: Some(detail),
        warnings: Vec::new(),
        descent: None,
    };
    let mut file = match examine(path, keys) {
        Err(StoreError::NoReadPermission { .. }) => {
            unreadable("this user may not read it: permission denied".into())
        }
        // A folder or a named pipe in its place.
        Err(StoreError::NotAFile { kind, .. }) => unreadable(format!(
            "not a regular file but {kind}, so trustladder neither reads nor writes it"
        )),
        Err(StoreError::TooLarge { len, .. }) => unreadable(format!(
            "too large for a trustladder file: {len} bytes, where at most {} MiB are read",
            super::files::MAX_FILE_BYTES >> 20
        )),
        Err(StoreError::LinkLoop { in_folder, .. }) => {
            unreadable(super::files::link_loop_said(in_folder).into())
        }
        found => found?,
    };
    if file.health == Health::Ok
        && let Some(backup) = super::backups::opened_backup(path)
    {
        file.health = Health::ReadOnly;
        file.detail = Some(super::backup_reason(&backup, "run"));
    }
    if file.health == Health::Ok
        && let Some(mode) = super::files::protection(path)?
    {
        file.health = Health::ReadOnly;
        file.detail = Some(format!(
            "mode {mode:04o}: its owner may not write it, so no change is saved until they may"
        ));
    }
    if file.health == Health::Ok && super::files::refuse_immutable(path).is_err() {
        file.health = Health::ReadOnly;
        file.detail = Some(
            "it is marked immutable (chattr +i), so no change is saved until `chattr -i` (as root) lifts it"
                .into(),
        );
    }
    let folder = super::files::folder(path);
    if file.health == Health::Ok {
        if let Some(mode) = super::files::protection(folder)? {
            file.health = Health::ReadOnly;
            file.detail = Some(format!(
                "its folder {} has mode {mode:04o}: its owner may not write it, so no change is saved until they may",
                folder.display()
            ));
        } else if super::files::refuse_immutable(folder).is_err() {
            file.health = Health::ReadOnly;
            file.detail = Some(format!(
                "its folder {} is marked immutable (chattr +i), so no change is saved until `chattr -i` (as root) lifts it",
                folder.display()
            ));
        } else if let Some(unwritable) = super::files::unwritable(path) {
            file.health = Health::ReadOnly;
            file.detail = Some(super::unwritable_reason(&unwritable));
        }
    }
    // Read, plain, and with no key file beside it: a ledger decrypted, not one whose sealed
    // file is missing or damaged.
    let plain_ledger = encryption.is_none()
        && !matches!(
            file.health,
            Health::Missing | Health::Unreadable | Health::Damaged
        )
        && !crypt::keyfile::key_path(path).exists();
    let mut checked = Vec::new();
    let mut seen = KeptSeen::default();
    // Something else under the backups folder's name hides no report on the data file.
    let (found, backups_blocked) = match backups::list(path) {
        Err(StoreError::BackupsNotAFolder { path, what }) => (Vec::new(), Some((path, what))),
        found => (found?, None),
    };
    for backup in found {
        // One backup that cannot be read does not hide the others. A backup rotated away
        // while this ran is simply no longer there.
        let mut file =
            match examine_backup(&backup.path, keys, kept_keys.then_some(&**path), &mut seen) {
                Ok(Some(file)) => file,
                Ok(None) => continue,
                Err(e) => FileCheck {
                    path: backup.path.clone(),
                    health: Health::Unreadable,
                    version: None,
                    counts: None,
                    detail: Some(e.to_string()),
                    warnings: Vec::new(),
                    descent: None,
                },
            };
        // Said as the ledger's key could not be got, unless an older key kept for the
        // backup was named already.
        if file.health == Health::Locked && file.detail.as_deref() == Some(NOT_LOOKED_INSIDE) {
            if let Some(why) = &key_error {
                file.detail = Some(format!("not looked inside: {why}"));
            } else if key_beside {
                // With no sealed data file, the report has no encryption line to say it.
                file.detail = Some(
                    "not looked inside: locked; `trustladder unlock` lets check look inside".into(),
                );
            }
        }
        let plain_text = encryption.is_some()
            && file.health != Health::Unreadable
            && !envelope::sealed_on_disk(&backup.path)
            && file.detail != Some(codec::DecodeError::SealDamaged.to_string());
        let sealed = plain_ledger
            && file.health != Health::Unreadable
            && envelope::sealed_on_disk(&backup.path);
        checked.push(BackupCheck {
            plain_text,
            sealed,
            number: backup.number,
            kind: match backup.kind {
                BackupKind::BeforeSave => "before_save",
                BackupKind::Original { .. } => "original",
                BackupKind::Replaced => "replaced",
                BackupKind::ConflictCopy => "conflict_copy",
            },
            time: super::backups::named_time(&backup.name).map(|t| t.fixed_offset()),
            name: backup.name,
            file,
        });
    }
    let mut conflict_copies = Vec::new();
    let mut unreadable_copies = Vec::new();
    for copy in super::copies::find(path)? {
        match super::copies::read(path, &copy) {
            Ok(_) => conflict_copies.push(copy),
            Err(why) => unreadable_copies.push(UnreadableCopy { path: copy, why }),
        }
    }
    // Gone while its backups or an encrypted ledger's key file are not: not a file still to
    // be made, as a missing one otherwise is, but a ledger to put back, and `check` exits
    // with 1. A script reading the report is told so here, as the state line tells a person.
    let key = crypt::keyfile::key_path(&file.path);
    if file.health == Health::Missing && key.exists() {
        // The text report's key file line says what to do.
        file.detail = Some(format!(
            "there is no data file, but the key file of an encrypted ledger is beside where it was ({})",
            key.display()
        ));
    } else if file.health == Health::Missing && !checked.is_empty() {
        file.detail = Some(format!(
            "there is no data file, but {} in {}: `trustladder restore-backup {}` puts the newest back",
            backups::of_one_are(checked.len()),
            backups::folder(&file.path).display(),
            backups::newest_word(&file.path)
        ));
    }
    let mut warnings = file.warnings.clone();
    let newest = checked.iter().find(|b| b.number == Some(1));
    if let (Some(here), Some(newest)) = (&file.descent, newest)
        && newest
            .file
            .descent
            .as_ref()
            .is_some_and(|d| here.older_than(d))
    {
        warnings.push(older_than_backup_said(&newest.name));
    }
    // The kept keys are said where the backups were looked inside with them, or with the one
    // a plain ledger's key is read from.
    let kept_keys = if kept_keys || keys.is_some() {
        let own_shut = encryption.as_ref().is_some_and(|e| !e.unlocked);
        kept_key_checks(kept, &seen, own_shut)
    } else {
        Vec::new()
    };
    Ok(Report {
        warnings,
        file,
        encryption,
        backups: checked,
        backups_blocked,
        conflict_copies,
        unreadable_copies,
        kept_keys,
    })
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::fs;
    use std::io::Write;

    use chrono::NaiveDate;

    use super::*;
    use crate::store::{Store, atomic};

    /// What a test does once [`examine_backup`] has opened a backup, before it reads it.
    type OnOpen = Box<dyn FnMut(&Path)>;

    thread_local! {
        static ON_OPEN: RefCell<Option<OnOpen>> = RefCell::new(None);
    }

    /// Runs the test's action for a backup just opened, if one is set.
    pub(super) fn opened(path: &Path) {
        ON_OPEN.with(|action| {
            if let Some(action) = action.borrow_mut().as_mut() {
                action(path);
            }
        });
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).expect("a real day")
    }

    /// A data file saved twelve times: ten numbered backups, the rotation full.
    fn full_rotation(dir: &Path) -> PathBuf {
        let path = dir.join("t.json");
        let mut store = Store::open(&path).unwrap();
        for n in 0..12 {
            store
                .update(|l| l.add_person(&format!("Colleague {n}"), "", "", today()))
                .unwrap();
        }
        path
    }

    /// A save that drops the oldest backup writes the new data file into that backup's file.
    /// Whether `check` opened the backup just before such a save took it over and read it half
    /// written, or after the save had finished, the backup whose name the save took away is
    /// not listed, never as damaged nor as holding the new file, and every other backup is
    /// listed as it is.
    #[test]
    fn a_backup_a_save_writes_into_while_check_reads_it_is_never_called_damaged() {
        for whole in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let path = full_rotation(dir.path());
            let listed = backups::list(&path).unwrap();
            assert_eq!(listed.len(), 10);
            let oldest = listed.last().unwrap().path.clone();
            let data = fs::read(&path).unwrap();
            let target = oldest.clone();
            let saved = path.clone();
            ON_OPEN.with(|action| {
                *action.borrow_mut() = Some(Box::new(move |opened: &Path| {
                    if opened != target {
                        return;
                    }
                    // The save as far as its write has gone: half the new file, or all of it.
                    let written = if whole {
                        &data[..]
                    } else {
                        &data[..data.len() / 2]
                    };
                    let _ = atomic::replace_guarded(
                        &saved,
                        Some(&target),
                        |file| file.write_all(written),
                        || {
                            Err(StoreError::LockLost {
                                lock: saved.clone(),
                            })
                        },
                    );
                }));
            });
            let report = check(&path);
            ON_OPEN.with(|action| action.borrow_mut().take());
            let report = report.unwrap();
            assert!(!oldest.exists(), "the save took the oldest backup over");
            let said: Vec<_> = report
                .backups
                .iter()
                .map(|b| (b.name.clone(), b.file.health, b.file.counts.clone()))
                .collect();
            let expected: Vec<_> = listed[..9]
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let people = 11 - i;
                    let counts = Counts {
                        people,
                        promises: 0,
                        open: 0,
                    };
                    (b.name.clone(), Health::Ok, Some(counts))
                })
                .collect();
            assert_eq!(said, expected, "whole: {whole}");
        }
    }
}
