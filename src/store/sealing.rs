//! Rewriting a ledger's files in place when it is encrypted, decrypted or recovered: the data
//! file first, then each backup, each replaced atomically, so a process killed at any moment
//! leaves every file either as it was or as it is meant to be, and each one opens with a key
//! the user holds (see `crypt` and docs/PRIVACY.md).
//!
//! The caller holds the data file's lock throughout ([`super::hold_lock`]) and hands it in:
//! each file is replaced only while that lock is still the one at its path.

use std::path::Path;

use super::{LockFile, StoreError, atomic, backups, files};

/// How many files a rewrite changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rewritten {
    pub data: bool,
    pub backups: usize,
}

/// What to do with one file's bytes: `Ok(None)` to leave it as it is (already in the wanted
/// form), `Ok(Some(bytes))` to replace it.
pub type Rewrite<'a> = dyn FnMut(&Path, &[u8]) -> Result<Option<Vec<u8>>, StoreError> + 'a;

/// Rewrites the data file, then every backup, through `rewrite`. Stops at the first error,
/// leaving the files done so far done and the rest as they were.
pub fn rewrite_all(
    data: &Path,
    lock: &LockFile,
    rewrite: &mut Rewrite<'_>,
) -> Result<Rewritten, StoreError> {
    let mut done = Rewritten::default();
    if let Some((bytes, _)) = files::read_regular(data)?
        && let Some(new) = rewrite(data, &bytes)?
    {
        atomic::replace(data, lock, &[&new]).map_err(|f| f.error)?;
        done.data = true;
    }
    done.backups = rewrite_backups(data, lock, rewrite)?;
    Ok(done)
}

/// Rewrites every backup of `data` through `rewrite`; returns how many changed.
pub fn rewrite_backups(
    data: &Path,
    lock: &LockFile,
    rewrite: &mut Rewrite<'_>,
) -> Result<usize, StoreError> {
    let mut changed = 0;
    for backup in backups::list(data)? {
        // A temp file a rewrite killed before left beside this backup: under the lock no one
        // is writing it, and nothing else would ever remove it.
        atomic::remove_leftovers(&backup.path)?;
        let Some((bytes, _)) = files::read_regular(&backup.path)? else {
            continue;
        };
        if let Some(new) = rewrite(&backup.path, &bytes)? {
            atomic::replace(&backup.path, lock, &[&new]).map_err(|f| f.error)?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// Writes a small private file (0600) atomically, under the data file's `lock`: the key file
/// of an encrypted ledger.
pub fn write_private(path: &Path, lock: &LockFile, bytes: &[u8]) -> Result<(), StoreError> {
    atomic::replace(path, lock, &[bytes])
        .map(drop)
        .map_err(|f| f.error)
}
