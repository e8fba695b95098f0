//! The ledger here as a sync reads it: opened, as a commit records it, damaged or not, and
//! what a sync says of its plain backups and a wrong passphrase.

use std::path::Path;

use crate::store::{self, Store, StoreError};

use super::SyncError;

/// The data file opened; an encrypted one locked is [`SyncError::Locked`], which says to
/// unlock and sync again.
pub(super) fn opened(path: &Path) -> Result<Store, SyncError> {
    Store::open(path).map_err(|e| match e {
        StoreError::Crypt {
            source: crate::crypt::CryptError::Locked,
            ..
        } => SyncError::Locked,
        e => e.into(),
    })
}

/// The ledger in the data file, as [`opened`].
pub(super) fn ledger_of(path: &Path) -> Result<crate::core::Ledger, SyncError> {
    opened(path).map(|store| store.ledger().clone())
}

/// The ledger here as a commit of it records it. One written by a newer trustladder is
/// refused, as every change of it is: counted by the fields this program knows, its commit
/// said "no change" while it sent the newer format to every machine (a field this program
/// does not know, in a file of its own format, is refused on opening).
pub(super) fn ledger_to_commit(path: &Path) -> Result<crate::core::Ledger, SyncError> {
    let store = opened(path)?;
    store.refuse_newer()?;
    Ok(store.ledger().clone())
}

/// Whether the plain data file does not read as a ledger (but for git's conflict markers,
/// which a sync merges away). An encrypted one is not opened for this: that may ask for its
/// key.
pub(super) fn damaged(path: &Path) -> bool {
    if crate::crypt::envelope::sealed_on_disk(path) {
        return false;
    }
    let Ok(Some(bytes)) = store::read_file(path) else {
        return false;
    };
    matches!(
        store::decode(&bytes),
        Err(e) if !matches!(
            e,
            store::DecodeError::ConflictMarkers { .. } | store::DecodeError::TooNew { .. }
        )
    )
}

/// What a sync that takes a ledger encrypted elsewhere adds to saying so, where backups this
/// machine kept before are plain: they stay so (`check` marks them), and `encrypt` run here
/// seals them. Nothing where there are none.
pub(super) fn plain_backups(path: &Path) -> String {
    let plain = store::backups::list(path)
        .map(|list| {
            list.iter()
                .filter(|b| !crate::crypt::envelope::sealed_on_disk(&b.path))
                .count()
        })
        .unwrap_or(0);
    match plain {
        0 => String::new(),
        1 => "; 1 backup kept here before stays in plain text (`trustladder check` marks it PLAIN TEXT): `trustladder encrypt` run here seals it".to_string(),
        n => format!("; {n} backups kept here before stay in plain text (`trustladder check` marks them PLAIN TEXT): `trustladder encrypt` run here seals them"),
    }
}

/// Whether `e` is a passphrase that opens no key file here.
pub(super) fn wrong_passphrase(e: &SyncError) -> bool {
    matches!(
        e,
        SyncError::Store(StoreError::Crypt {
            source: crate::crypt::CryptError::WrongPassphrase(_)
                | crate::crypt::CryptError::WrongFromCommand { .. },
            ..
        })
    )
}
