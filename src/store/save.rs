//! The two ways a save writes the file, both under the lock and both atomic and durable:
//!
//! - a change applied where the ledger is, with only what it changed written anew and the
//!   rest copied from the file ([`splice`]): every change the command line
//!   and the UI make, once the file's bytes are known to be the writer's own;
//! - the whole ledger written and read back: a new file, one formatted by another tool or
//!   of an older version, a merge of conflict copies, and [`Store::update`](super::Store),
//!   whose closure may do anything.

use std::fs;
use std::path::PathBuf;
use std::sync::Arc;

use super::layout::{self, Layout};
use super::lock::{self, LockFile};
use super::splice::{self, Canonical, Edited};
use super::stamp::Stamp;
use super::{
    Purpose, Saved, Store, StoreError, atomic, backups, copies, decode_as, files, load,
    new_save_id, pipe,
};
use crate::core::{Applied, Ledger, LedgerError, lineage};
use crate::crypt::agent::Edits;

/// Above this many records written anew, a change is checked as a whole ledger is on load,
/// which then costs less than checking each one against all the others.
const CHECK_ONE_BY_ONE: usize = 64;

impl Store {
    /// Takes the lock and brings the store up to the file on disk, refusing a file that must
    /// not be written: what every save starts with. Says whether another process had saved
    /// the file since this one read it.
    pub(super) fn prepare(&mut self) -> Result<(LockFile, bool), StoreError> {
        if self.shown {
            return Err(StoreError::ShownOnly {
                path: self.path.clone(),
            });
        }
        // Before the other refusals: a backup is never to be written, whatever else holds.
        super::backups::refuse_opened_backup(&self.path)?;
        files::refuse_protected_folder(&self.path)?;
        files::refuse_others_file(&self.path)?;
        refuse_gone_with_backups(self)?;
        let lock = LockFile::acquire(&self.path, &self.patience)?;
        self.lock_id = lock.id();
        atomic::remove_leftovers(&self.path)?;
        let merged = Stamp::read(&self.path)? != self.stamp;
        if merged {
            let loaded = load(&self.path, &self.format, Purpose::Change)?;
            self.adopt(loaded);
        }
        self.refuse_read_only()?;
        self.catch_up_counters();
        Ok((lock, merged))
    }

    /// Raises the number counters to those of the newest backup where the data file is older
    /// than it (a copy put back by hand instead of `restore-backup`): that backup handed out
    /// numbers this file does not know of, and ids are never reused (docs/FORMAT.md). The
    /// backup is read only when the file's time says a save of this program did not write
    /// it ([`backups::newest_if_written_since`]). Raised, the whole ledger is saved, as the
    /// counters are no part of what a change writes anew.
    fn catch_up_counters(&mut self) {
        let Some(newest) = backups::newest_if_written_since(&self.path) else {
            return;
        };
        let Ok(Some((bytes, _))) = files::read_regular(&newest) else {
            return;
        };
        let plain = if crate::crypt::envelope::is_sealed(&bytes) {
            match self.keys.as_ref().map(|keys| keys.open(&bytes)) {
                Some(Ok(plain)) => plain,
                _ => return,
            }
        } else {
            zeroize::Zeroizing::new(bytes)
        };
        let Ok(backup) = decode_as(&plain, &self.format) else {
            return;
        };
        let behind = backup.ledger.next_person_id > self.ledger.next_person_id
            || backup.ledger.next_promise_id > self.ledger.next_promise_id;
        if behind {
            Arc::make_mut(&mut self.ledger).keep_counters_of(&backup.ledger);
            self.canonical = None;
        }
    }

    /// Refuses a write once the lock file this store locked for it is no longer the one at
    /// the lock's path (see [`lock::still_held`]): asked last thing before a file it writes
    /// takes an old one's place.
    fn still_locked(&self) -> Result<(), StoreError> {
        match self.lock_id {
            Some(id) => lock::still_held(&self.path, id),
            None => Ok(()),
        }
    }

    /// Refuses a write once the data file is no longer the one this store read (or last
    /// wrote): asked last thing before the new file takes its place, under the lock, so only
    /// another program writing the file where it stands gets here, and what it wrote stays.
    /// A save that copied from a mapping of the file may have copied some of what it wrote.
    fn still_as_read(&self) -> Result<(), StoreError> {
        if Stamp::read(&self.path)? == self.stamp {
            Ok(())
        } else {
            Err(StoreError::WrittenMeanwhile {
                path: self.path.clone(),
            })
        }
    }

    /// Fails as a save would fail before it writes anything, for a reason that does not
    /// depend on another process (a file from a newer trustladder, one or its folder without
    /// write permission): what a dry run says, so that a script can check first.
    pub fn refuse_unsavable(&mut self) -> Result<(), StoreError> {
        super::backups::refuse_opened_backup(&self.path)?;
        files::refuse_protected_folder(&self.path)?;
        files::refuse_others_file(&self.path)?;
        refuse_gone_with_backups(self)?;
        self.refuse_read_only()
    }

    /// A file from a newer trustladder, refused in the words a change of it is refused with:
    /// for what sends the file on as it is (a sync's commit), which no save checks.
    pub fn refuse_newer(&self) -> Result<(), StoreError> {
        match &self.newer {
            Some(reason) => Err(StoreError::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    /// A file from a newer trustladder, or one without write permission, is refused.
    fn refuse_read_only(&mut self) -> Result<(), StoreError> {
        self.refuse_newer()?;
        // A chmod leaves the stamp as it was, so the permission is looked at on every save.
        self.protected = files::protection(&self.path)?;
        if let Some(mode) = self.protected {
            return Err(StoreError::Protected {
                path: self.path.clone(),
                mode,
            });
        }
        files::refuse_immutable(&self.path)
    }

    /// Whether a change can be saved by splicing: the file's bytes are the writer's own and
    /// no conflict copy waits to be merged in.
    pub(super) fn can_splice(&self) -> Result<bool, StoreError> {
        Ok(self.canonical.is_some() && copies::find(&self.path)?.is_empty())
    }

    /// Applies a change where the ledger is and saves it by splicing (call it under the
    /// lock, when [`Store::can_splice`]). `change` changes nothing when it fails (as
    /// [`Ledger::apply`] does); a save that fails after it puts the ledger back as it was.
    pub(super) fn save_change(
        &mut self,
        merged: bool,
        change: impl FnOnce(&mut Ledger) -> Result<Applied, LedgerError>,
    ) -> Result<Saved<Applied>, StoreError> {
        // Someone else (the UI) holds the ledger as it was: it is copied for the change and
        // is what a failed save goes back to.
        let shown = (Arc::strong_count(&self.ledger) > 1).then(|| Arc::clone(&self.ledger));
        let ledger = Arc::make_mut(&mut self.ledger);
        let applied = match change(ledger) {
            Ok(applied) => {
                // The one order the checks on load would otherwise put right: a deletion's
                // tombstone joins the end. The same ledger is then the same bytes everywhere.
                ledger.tombstones.sort_by_key(|t| t.uid);
                applied
            }
            Err(refused) => {
                if let Some(shown) = shown {
                    self.ledger = shown;
                }
                return Err(refused.into());
            }
        };
        if !applied.changed() {
            return Ok(Saved {
                value: applied,
                merged,
            });
        }
        lineage::saved(&mut ledger.lineage, new_save_id());
        match self.write_spliced(Edited::of(&applied.done)) {
            Ok(()) => Ok(Saved {
                value: applied,
                merged,
            }),
            Err(e) => {
                self.go_back(shown);
                Err(e)
            }
        }
    }

    /// Checks and writes the store's changed ledger, copying what `edited` leaves alone from
    /// the file it was read from.
    fn write_spliced(&mut self, edited: Edited) -> Result<(), StoreError> {
        let Some(mut file) = self.canonical.take() else {
            return Err(self.unsound("the file's bytes are not known".into()));
        };
        let written = self.splice_into(&mut file, edited);
        match written {
            Ok((spliced, edits, written)) => {
                self.stamp = Some(written.stamp);
                self.last_backup = written.backup;
                match written.sealed.zip(edits) {
                    // The text the agent lent becomes the new file's; the store no longer
                    // knows the file's bytes, and a change after this one writes it whole.
                    Some((sealed, edits)) => {
                        if !file.write_over(&edits, sealed) {
                            self.agent_keeps_saved();
                        }
                    }
                    None => {
                        file.adopt(spliced);
                        self.canonical = Some(file);
                    }
                }
                Ok(())
            }
            Err(e) => {
                self.canonical = Some(file);
                Err(e)
            }
        }
    }

    fn splice_into(
        &self,
        file: &mut Canonical,
        edited: Edited,
    ) -> Result<(splice::Spliced, Option<Edits>, Written), StoreError> {
        let spliced = splice::splice(file, &self.ledger, edited).map_err(|e| self.unsound(e))?;
        let checked = if spliced.people.len() + spliced.promises.len() > CHECK_ONE_BY_ONE {
            self.ledger.check_in_order()
        } else {
            self.ledger
                .check_records(&spliced.people, &spliced.promises)
        };
        checked.map_err(|(at, problem)| self.unsound(format!("{at}: {problem}")))?;
        let parts = spliced
            .checked_parts(file)
            .ok_or_else(|| self.unsound("a stretch copied from the file is not there".into()))?;
        // Made before the save, from the text as read: the save leaves it as it is.
        let edits = file.edits_lent(&spliced);
        let written = self.write(&parts, edits.is_some())?;
        Ok((spliced, edits, written))
    }

    /// After a failed save of a change made where the ledger is: the ledger the UI still
    /// shows, or else the file as it is (which the failed save left as it was).
    fn go_back(&mut self, shown: Option<Arc<Ledger>>) {
        match shown {
            Some(shown) => self.ledger = shown,
            None => match load(&self.path, &self.format, Purpose::Change) {
                Ok(loaded) => self.adopt(loaded),
                // The next save reads the file again before anything else.
                Err(_) => {
                    self.stamp = None;
                    self.canonical = None;
                }
            },
        }
    }

    /// Saves the whole ledger as `change` leaves it (call it under the lock): the change runs
    /// on a copy, with any conflict copies merged in, and the file is written and read back
    /// whole. `change` is given the ledger as it was before the copies were merged in too,
    /// and says whether it changed anything; nothing is written when it did not.
    pub(super) fn save_whole<T>(
        &mut self,
        merged: bool,
        change: impl FnOnce(&Ledger, &mut Ledger) -> Result<(T, bool), LedgerError>,
    ) -> Result<Saved<T>, StoreError> {
        // The ledger as it was before any copy is merged in: what the user read numbers in.
        let before = Arc::clone(&self.ledger);
        let mut ledger = Ledger::clone(&self.ledger);
        let met = copies::merge_in(&self.path, &mut ledger)?;
        let merge = (!met.merged.is_empty()).then(|| ledger.clone());
        // A change refused writes nothing, the merge of a copy included: the copy waits for
        // the next change, and the file stays as it was.
        let (value, changed) = change(&before, &mut ledger)?;
        self.keep_merge(met, merge)?;
        if changed {
            lineage::saved(&mut ledger.lineage, new_save_id());
            self.save_ledger(ledger)?;
        }
        Ok(Saved { value, merged })
    }

    /// Saves the merge of a file-sync tool's conflict copies (`merge`, the ledger they made)
    /// as a save of its own, named by the merge's id: every machine that merges the same
    /// copies has that file in its backups, the common ancestor of what each then changes.
    /// The copies are put away once the merge is saved, and what each brought (or why one
    /// could not be read) is kept for the front end to tell.
    fn keep_merge(&mut self, met: copies::Met, merge: Option<Ledger>) -> Result<(), StoreError> {
        // A copy encrypted on the other machine keeps the ledger encrypted here: encryption
        // is never dropped in silence because the tool kept the other file.
        let sealed_again = self.keys.is_none() && met.sealed.is_some();
        if let Some(merge) = merge {
            if merge != *self.ledger || sealed_again {
                if sealed_again {
                    self.keys = met.sealed.clone();
                }
                let saved = self.save_ledger(merge);
                if saved.is_err() && sealed_again {
                    self.keys = None;
                }
                saved?;
            }
            // The merge is saved; a copy that could not be moved is merged again next time,
            // which changes nothing.
            let guard = || self.still_locked();
            let _ = copies::put_away(&self.path, &met.merged, self.keys.as_deref(), &guard);
        }
        let name = |copy: &std::path::Path| {
            copy.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        };
        for (copy, report) in met.merged {
            self.merged_copies.push(super::MergedCopy {
                name: name(&copy),
                report: Ok(report),
                sealed_again,
            });
        }
        for (copy, why) in met.unread {
            if self.told_unread.insert((name(&copy), why.clone())) {
                self.merged_copies.push(super::MergedCopy {
                    name: name(&copy),
                    report: Err(why),
                    sealed_again: false,
                });
            }
        }
        Ok(())
    }

    /// Writes `ledger` whole, read back first, and makes it the store's.
    fn save_ledger(&mut self, mut ledger: Ledger) -> Result<(), StoreError> {
        let (bytes, layout) = self.encode_checked(&mut ledger)?;
        let upgrading = self.stamp.is_some() && self.version < u64::from(self.format.version);
        if upgrading {
            // The version is below the format's, which is a u32.
            let from = u32::try_from(self.version).unwrap_or(0);
            backups::keep_original(&self.path, from)?;
        }
        let Written { stamp, backup, .. } = self.write(&[&bytes], false)?;
        self.last_backup = backup;
        self.ledger = Arc::new(ledger);
        self.canonical = Some(Canonical::new(bytes, layout));
        self.stamp = Some(stamp);
        self.version = u64::from(self.format.version);
        Ok(())
    }

    /// Keeps the file about to be replaced as a backup and replaces it with `parts`, one
    /// after the other, atomically; a failure leaves the old file as it was, with no new
    /// backup. An encrypted file is sealed on a second thread from the start, while the
    /// backup is kept and the temp file readied (see [`pipe::ahead`]): what is spliced is the
    /// plain text, in memory, and only the sealed text reaches the file. The new file is written
    /// into the oldest backup the rotation drops, where it can be, and the others it drops
    /// are removed once the save has happened. An encrypted file whose text the agent lent
    /// is to have written `over` (see [`splice::Canonical::write_over`]) is hashed as it is
    /// written; the agent is otherwise asked to open the file saved.
    fn write(&self, parts: &[&[u8]], over: bool) -> Result<Written, StoreError> {
        let sealer = match &self.keys {
            Some(keys) => Some(
                keys.sealer()
                    .map_err(|e| StoreError::crypt(&self.path, e))?,
            ),
            None => None,
        };
        let plain = parts.iter().map(|part| part.len()).sum();
        let len = sealer.as_ref().map_or_else(
            || u64::try_from(plain).unwrap_or(u64::MAX),
            |sealer| sealer.sealed_len(plain),
        );
        files::refuse_oversized(&self.path, len, self.max_bytes)?;
        std::thread::scope(|scope| {
            // An encrypted file is sealed from now on, on a thread of its own, while the
            // backup is kept and the temp file readied, which mostly wait for the disk.
            let sealing =
                sealer.map(|sealer| pipe::ahead(scope, move |out| sealer.seal_into(parts, out)));
            let backup = backups::keep_before_save(&self.path, self.backups)
                .map_err(|e| e.in_save_of(&self.path, len))?;
            // Pruning is no part of the save: a list that cannot be read drops nothing now.
            let rotated_out = backups::rotated_out(&self.path).unwrap_or_default();
            let reuse = rotated_out.last().map(PathBuf::as_path);
            // Written over no one: a lock file removed by hand while this save held it lets
            // another writer save meanwhile, and another program may write the file in place.
            let guard = || {
                self.still_locked()?;
                self.still_as_read()
            };
            let mut sealed = None;
            let replaced = match sealing {
                Some(sealing) => atomic::replace_guarded(
                    &self.path,
                    reuse,
                    |file| {
                        sealed = sealing.write_to(file, over)?;
                        Ok(())
                    },
                    guard,
                ),
                None => atomic::replace_guarded(
                    &self.path,
                    reuse,
                    |file| atomic::write_parts(file, parts),
                    guard,
                ),
            };
            match replaced {
                Ok(stamp) => {
                    // The save has happened; a backup that could not be removed is retried
                    // next time.
                    let _ = backups::remove(&self.path, &rotated_out);
                    if sealed.is_none() && crate::crypt::text_kept_for(len) {
                        self.agent_keeps_saved();
                    }
                    Ok(Written {
                        stamp,
                        backup: backup.map(|b| b.path),
                        sealed,
                    })
                }
                Err(atomic::Failed { renamed, error }) => {
                    if renamed {
                        // The new file is in place but not durable: the save fails as a
                        // whole, so the old file goes back (the backup is its only other
                        // name).
                        atomic::put_back(&self.path, backup.as_ref().map(|b| b.path.as_path()));
                    } else if let Some(backup) = backup.filter(|b| b.fresh) {
                        let _ = fs::remove_file(backup.path);
                    }
                    Err(error.in_save_of(&self.path, len))
                }
            }
        })
    }

    /// Asks the agent to open the encrypted file just saved once saves settle, for the next
    /// command to find its text kept.
    fn agent_keeps_saved(&self) {
        if let Some(keys) = &self.keys {
            crate::crypt::keep_text(&self.path, keys, true);
        }
    }

    /// Encodes a changed ledger and reads the bytes back, so that only a file that reads
    /// back exactly as meant is ever written.
    fn encode_checked(&self, ledger: &mut Ledger) -> Result<(Vec<u8>, Layout), StoreError> {
        ledger.version = self.format.version;
        ledger
            .normalize_and_check()
            .map_err(|(at, problem)| self.unsound(format!("{at}: {problem}")))?;
        let (bytes, layout) = layout::write(ledger);
        match decode_as(&bytes, &self.format) {
            Ok(back) if back.ledger == *ledger => Ok((bytes, layout)),
            Ok(_) => Err(self.unsound("it reads back different from what was meant".into())),
            Err(e) => Err(self.unsound(e.to_string())),
        }
    }

    fn unsound(&self, detail: String) -> StoreError {
        StoreError::Unsound {
            path: self.path.clone(),
            detail,
        }
    }
}

/// What a save wrote: the new file's stamp, the backup kept of the file it replaced (none
/// where there was no file yet), and the hash of the sealed file when it was to be written
/// over the text the agent lent.
struct Written {
    stamp: Stamp,
    backup: Option<PathBuf>,
    sealed: Option<u128>,
}

/// Refuses to start a new ledger where the data file is missing but its backups are not (the
/// new ledger's saves would rotate them out, the last copies of the one that was there), or
/// the key file of an encrypted one is still beside it.
pub(super) fn refuse_gone_with_backups(store: &Store) -> Result<(), StoreError> {
    if let Some(count) = store.gone_with_backups_listed()? {
        return Err(StoreError::GoneWithBackups {
            path: store.path.clone(),
            folder: super::backups::folder(&store.path),
            count,
            newest: super::backups::newest_word(&store.path),
            listed: false,
        });
    }
    // The key file of an encrypted ledger with no data file beside it: a first change would
    // start a plain ledger there, which every machine that syncs it would take for this one.
    let key = crate::crypt::keyfile::key_path(&store.path);
    if !store.path.exists() && key.exists() {
        return Err(StoreError::GoneWithKeyFile {
            path: store.path.clone(),
            key,
        });
    }
    Ok(())
}
