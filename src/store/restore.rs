//! `trustladder restore-backup`: puts a backup back in place of the data file.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::backups::{self, Backup};
use super::lock::{LockFile, Patience};
use super::migrate::Format;
use super::{StoreError, atomic, codec, files, newer_reason};
use crate::core::ledger::promises_alike;
use crate::core::numbering::Renumbered;
use crate::core::{Ledger, Person, PersonId, Promise, PromiseId, Uid, lineage};
use crate::crypt;

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The backup that is now the data file.
    pub from: Backup,
    /// Where the replaced data file was kept, if there was one.
    pub set_aside: Option<PathBuf>,
    /// The backup was plain text, of a ledger encrypted since, and was sealed as it was put
    /// back.
    pub sealed: bool,
    /// The data file already held what the backup holds: nothing was written, and no file
    /// set aside (restoring the same backup again and again would otherwise fill the backups
    /// with copies of one ledger, rotating out the one that held what came before).
    pub unchanged: bool,
    /// The file set aside was written by a newer trustladder: this one does not restore it,
    /// so no undo is offered.
    pub set_aside_newer: bool,
    /// Why the file set aside does not read (cut short, emptied, a conflict marker), where it
    /// is damaged: `restore-backup` refuses it as it refuses any damaged backup, so naming
    /// the restore that "puts it back" would send the user to a refusal. It is kept byte for
    /// byte all the same, for what can be saved of it by hand.
    pub set_aside_damaged: Option<String>,
    /// Records the backup numbered otherwise than the file it replaced (a sync moved them
    /// since): they take the replaced file's numbers, so no number comes to name another
    /// record here or on the machines synced since.
    pub renumbered: Vec<Renumbered>,
    /// What the file it replaced holds that the backup does not, which the restore drops:
    /// said, as a restore that undoes a delete would otherwise take a promise added since by
    /// another shell with it without a word.
    pub dropped: Dropped,
}

/// Records the file a restore replaced holds that the backup does not: each by the number
/// (`#3`) or handle the replaced file gives it. A record the backup brings back (deleted
/// since, which is what a restore after `rm` is for) is not among them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dropped {
    /// Added since the backup was made.
    pub added: Vec<String>,
    /// Held otherwise by the backup (as it was before an outcome, an edit), which the restore
    /// sets back.
    pub changed: Vec<String>,
    /// The promises among both, as the file replaced holds them: a number alone did not say
    /// which promise a restore drops, where a sync or a delete moved what it names.
    pub promises: Vec<DroppedPromise>,
}

/// A promise a restore drops (added since, or its latest change), with what tells it apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedPromise {
    /// Its number in the file replaced, as [`Dropped`] names it (`#3`).
    pub number: String,
    /// What it says.
    pub what: String,
    /// The handle of the person it is with (empty where that person is not found).
    pub handle: String,
    /// Whose promise it is.
    pub direction: crate::core::Direction,
}

impl Dropped {
    /// Whether the restore drops nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty()
    }

    /// What `newer` (the file replaced) holds that `backup` (numbered as `newer`) does not:
    /// records by uid it has and the backup has not, and records both have that differ (by
    /// more than their numbers), which the restore sets back to the backup's.
    fn of(newer: &Ledger, backup: &Ledger) -> Dropped {
        let mut dropped = Dropped::default();
        let people: HashMap<Uid, &Person> = backup.people.iter().map(|p| (p.uid, p)).collect();
        for p in &newer.people {
            match people.get(&p.uid) {
                None => dropped.added.push(p.handle.clone()),
                Some(b)
                    if Person {
                        id: p.id,
                        ..(*b).clone()
                    } != *p =>
                {
                    dropped.changed.push(p.handle.clone());
                }
                Some(_) => {}
            }
        }
        let promises: HashMap<Uid, &Promise> = backup.promises.iter().map(|p| (p.uid, p)).collect();
        for p in &newer.promises {
            let list = match promises.get(&p.uid) {
                None => &mut dropped.added,
                Some(b) if !promises_alike(newer, p, backup, b) => &mut dropped.changed,
                Some(_) => continue,
            };
            let number = format!("#{}", p.id);
            list.push(number.clone());
            dropped.promises.push(DroppedPromise {
                number,
                what: p.what.clone(),
                handle: newer
                    .person(p.person)
                    .map(|person| person.handle.clone())
                    .unwrap_or_default(),
                direction: p.direction,
            });
        }
        // In the order the message names them: those added first, then those changed.
        dropped
            .promises
            .sort_by_key(|p| !dropped.added.contains(&p.number));
        dropped
    }
}

/// Restores backup `which` (1 = newest, or a name from `check`) over the data file, under the
/// lock. The backup is read and checked first, so a damaged one is refused; the current file
/// is kept in the backups folder (as a link, so there is no moment without a data file); the
/// backup's ledger is then written as a new save ([`restored`]) with the same atomic save as
/// every change. The lock is waited for as `patience` says.
pub fn restore_backup(
    path: &Path,
    which: &str,
    patience: &Patience,
) -> Result<Restored, StoreError> {
    restore_backup_if(path, which, patience, |_| Ok(()))
}

/// [`restore_backup`], once `allow` has seen the backup's ledger and not refused it (under
/// the lock, before anything is written).
pub fn restore_backup_if(
    path: &Path,
    which: &str,
    patience: &Patience,
    allow: impl FnOnce(&Ledger) -> Result<(), StoreError>,
) -> Result<Restored, StoreError> {
    let path = super::resolve_links(path.to_path_buf());
    files::refuse_irregular(&path)?;
    files::refuse_protected_folder(&path)?;
    files::refuse_others_file(&path)?;
    // A backup that is not there is refused before the lock is taken, which would make the
    // lock file and the folders the path names: at a mistyped path (`--file`, or
    // `TRUSTLADDER_FILE`) a refusal makes nothing. It is looked for again under the lock. A
    // backup named as the data file is refused as such first, as the lock would refuse it.
    backups::refuse_opened_backup(&path)?;
    backups::find(&path, which)?;
    let lock = LockFile::acquire(&path, patience)?;
    if let Some(mode) = files::protection(&path)? {
        return Err(StoreError::Protected { path, mode });
    }
    files::refuse_immutable(&path)?;
    atomic::remove_leftovers(&path)?;
    let from = backups::find(&path, which)?;
    let (bytes, _) = files::read_regular(&from.path)?
        .ok_or_else(|| StoreError::io(&from.path, std::io::ErrorKind::NotFound.into()))?;
    let format = Format::CURRENT;
    let opened = super::opened(&path, &from.path, bytes)?;
    let decoded = codec::decode_as(&opened.bytes, &format).map_err(|e| e.at(&from.path))?;
    if decoded.is_newer(&format) {
        return Err(StoreError::NewerBackup {
            path: from.path.clone(),
            reason: newer_reason(decoded.version, &format),
        });
    }
    allow(&decoded.ledger)?;
    let Some(Put {
        bytes: plain,
        newer: set_aside_newer,
        renumbered,
        dropped,
    }) = restored(&path, decoded)
    else {
        return Ok(Restored {
            from,
            set_aside: None,
            sealed: false,
            unchanged: true,
            set_aside_newer: false,
            set_aside_damaged: None,
            renumbered: Vec::new(),
            dropped: Dropped::default(),
        });
    };
    // A plain backup of a ledger encrypted since (kept from before, or arrived by sync) is
    // sealed as it is put back: restoring it must not decrypt the ledger. Encrypted is told
    // by the key file too, as the data file may be damaged or gone (what a restore is for).
    let encrypted =
        crypt::envelope::sealed_on_disk(&path) || crypt::keyfile::key_path(&path).exists();
    // Sealed again with the key it opened with only where that is the ledger's own key: one
    // opened with an older key kept in the backups folder is sealed with the key file's.
    let own = |keys: &crypt::keyfile::Keys| {
        crypt::keyfile::KeyFile::read(&path)
            .ok()
            .flatten()
            .is_some_and(|file| file.main == keys.key_id())
    };
    let keys = match &opened.keys {
        Some(keys) if encrypted && own(keys) => Some(keys.clone()),
        _ if encrypted => Some(
            crypt::unlock::keys_for(&path, &*crypt::holder(&path), crypt::unlock::policy())
                .map_err(|e| StoreError::crypt(&path, e))?,
        ),
        // A sealed backup of a ledger decrypted since (on another machine, its key file kept
        // in `backups/` for such backups): put back plain, as the ledger now is, never sealed
        // beside no key file.
        _ => None,
    };
    let sealed_here = opened.keys.is_none() && keys.is_some();
    // A sealed backup stays sealed, and a plain one of an encrypted ledger is sealed.
    let bytes = match &keys {
        Some(keys) => keys.seal(&plain).map_err(|e| StoreError::crypt(&path, e))?,
        None => plain,
    };
    let set_aside_damaged = damage_of(&path);
    let kept = if path.exists() {
        Some(backups::keep_replaced(&path)?)
    } else {
        None
    };
    let set_aside = kept.as_ref().map(|k| k.path.clone());
    if let Err(atomic::Failed { renamed, error }) = atomic::replace(&path, &lock, &[&bytes]) {
        if renamed {
            atomic::put_back(&path, set_aside.as_deref());
        } else if let Some(kept) = kept.filter(|k| k.fresh) {
            let _ = fs::remove_file(kept.path);
        }
        return Err(error);
    }
    // The restore has happened; a file set aside that could not be removed is retried next
    // time.
    let _ = backups::prune(&path);
    Ok(Restored {
        from,
        set_aside,
        sealed: sealed_here,
        unchanged: false,
        set_aside_newer,
        set_aside_damaged,
        renumbered,
        dropped,
    })
}

/// What [`restored`] puts in place of the data file, and what it found there.
struct Put {
    bytes: Vec<u8>,
    /// The file it replaces was written by a newer trustladder.
    newer: bool,
    renumbered: Vec<Renumbered>,
    dropped: Dropped,
}

/// The bytes to restore: the backup's ledger as a new save. Its lineage goes on from the
/// file it replaces (or from the backup's, when that file cannot be read), so a conflict copy
/// made before the restore is merged as one that never saw it, and the restore stands. Where
/// the file it replaces (or, damaged or gone, any backup) handed out numbers the backup does
/// not know of, the restored ledger keeps the higher counters, and a record that file
/// numbers otherwise keeps that file's number ([`Ledger::number_as`]), so no number is ever
/// handed out twice (an undo still pending in an open UI finds its records by uid, but people
/// read numbers). With them, whether the file it replaces was written by a newer trustladder,
/// the records renumbered and what that file holds that the backup does not; `None` when
/// that file holds the backup's ledger already.
fn restored(path: &Path, mut decoded: codec::Decoded) -> Option<Put> {
    let decode = |file: &Path| {
        files::read_regular(file)
            .ok()
            .flatten()
            .and_then(|(now, _)| super::opened(path, file, now).ok())
            .map(|now| codec::decode_as(&now.bytes, &Format::CURRENT))
    };
    let read = |file: &Path| decode(file).and_then(Result::ok);
    let newer;
    let mut renumbered = Vec::new();
    let mut dropped = Dropped::default();
    match read(path) {
        Some(mut current) => {
            // A file of a newer version holds what this one cannot read: never taken as
            // holding the backup already, however alike the records read here are.
            newer = current.is_newer(&Format::CURRENT);
            renumbered = decoded.ledger.number_as(&current.ledger);
            decoded.ledger.lineage.clone_from(&current.ledger.lineage);
            decoded.ledger.version = Format::CURRENT.version;
            current.ledger.version = Format::CURRENT.version;
            if !newer && current.ledger == decoded.ledger {
                return None;
            }
            // What a newer trustladder's file holds is not known here, nor said.
            if !newer {
                dropped = Dropped::of(&current.ledger, &decoded.ledger);
            }
        }
        // A file damaged or gone tells no counters as a ledger: what is left of its head
        // does (a file cut short keeps it), and so does every backup that reads, so numbers
        // handed out after the one restored are not handed out again either.
        None => {
            // One too new to read at all is newer all the same: only a newer trustladder
            // puts it back.
            newer = matches!(decode(path), Some(Err(codec::DecodeError::TooNew { .. })));
            if let Ok(Some((bytes, _))) = files::read_regular(path) {
                decoded.ledger.keep_counters_of(&counters_in(&bytes));
            }
            for backup in backups::list(path).unwrap_or_default() {
                if let Some(other) = read(&backup.path) {
                    decoded.ledger.keep_counters_of(&other.ledger);
                }
            }
        }
    }
    lineage::saved(&mut decoded.ledger.lineage, super::new_save_id());
    decoded.ledger.version = Format::CURRENT.version;
    Some(Put {
        bytes: codec::encode(&decoded.ledger),
        newer,
        renumbered,
        dropped,
    })
}

/// Why the data file at `path` does not read, as a restore of it would be refused: the
/// detail of a damaged file (cut short, emptied, its ciphertext cut off). `None` where it
/// reads, is gone, is of a newer version, or could not be looked at (no key at hand).
fn damage_of(path: &Path) -> Option<String> {
    let (bytes, _) = files::read_regular(path).ok().flatten()?;
    let refused = match super::opened(path, path, bytes) {
        Ok(opened) => codec::decode_as(&opened.bytes, &Format::CURRENT)
            .err()?
            .at(path),
        Err(e) => e,
    };
    match refused {
        StoreError::Damaged { detail, .. } => Some(detail),
        _ => None,
    }
}

/// The id counters a damaged plain file still states (`"next_person_id": 7`), as a ledger with
/// only those: none where they cannot be found.
fn counters_in(bytes: &[u8]) -> Ledger {
    let after = |key: &str| -> Option<u64> {
        let key = format!("\"{key}\": ");
        let at = bytes.windows(key.len()).position(|w| w == key.as_bytes())? + key.len();
        let digits: Vec<u8> = bytes[at..]
            .iter()
            .copied()
            .take_while(u8::is_ascii_digit)
            .collect();
        std::str::from_utf8(&digits).ok()?.parse().ok()
    };
    Ledger {
        next_person_id: PersonId(after("next_person_id").unwrap_or(1)),
        next_promise_id: PromiseId(after("next_promise_id").unwrap_or(1)),
        ..Ledger::default()
    }
}
