//! What a sync merged, kept in the git folder until it has been said. A sync says what its
//! merge did (a promise number moved, a change that lost) only when it ends; one stopped
//! before (`timeout` in a cron job, a closed terminal, a kill) while it pushed had committed
//! the merge and said nothing, and the next sync, finding nothing new to merge, never said
//! it either: a user told `#3` went on to act on another promise that had become `#3`.
//!
//! Kept with the commit it was said of: a merge undone since (a `git reset`, a merge cut
//! short and undone by the next sync) is no longer in the history, and what was said of it
//! is dropped.
//!
//! What a merge says names colleagues, so beside an encrypted ledger it is kept sealed with
//! the ledger's keys, as the ledger is (docs/PRIVACY.md: nothing plain on disk); where the
//! keys are not at hand it is not kept at all rather than kept plain.

use std::path::{Path, PathBuf};

use super::{Git, SyncError};
use crate::crypt::{self, envelope, unlock};

/// The file's name in the git folder.
pub(super) const FILE: &str = "trustladder-unsaid";

/// The line that comes before what a sync stopped before it could say.
pub const STOPPED: &str =
    "the last sync was stopped before it said what it merged; what it merged then follows";

/// Where the file is.
fn file(git: &Git) -> Result<PathBuf, SyncError> {
    let at = git.ok(&["rev-parse", "--git-path", FILE])?;
    Ok(git.dir().join(at.trim()))
}

/// Keeps `lines`, what this sync of the ledger at `data` merged so far, with the commit
/// checked out, until the sync has been said (`super::said`): written before the sync waits
/// on the remote, where it can be stopped. Sealed with the ledger's keys when the ledger is
/// sealed.
pub fn keep(git: &Git, data: &Path, lines: &[String]) -> Result<(), SyncError> {
    let path = file(git)?;
    if lines.is_empty() {
        return forget(&path);
    }
    let head = git.ok(&["rev-parse", "HEAD"])?;
    let text = zeroize::Zeroizing::new(format!("{}\n{}\n", head.trim(), lines.join("\n")));
    let bytes = if envelope::sealed_on_disk(data) {
        match keys(data).and_then(|keys| keys.seal(text.as_bytes()).ok()) {
            Some(sealed) => sealed,
            None => return forget(&path),
        }
    } else {
        text.as_bytes().to_vec()
    };
    std::fs::write(&path, bytes).map_err(|e| crate::store::StoreError::io(&path, e).into())
}

/// The keys of the encrypted ledger at `data`, got as every read of it gets them.
fn keys(data: &Path) -> Option<std::sync::Arc<crypt::keyfile::Keys>> {
    unlock::keys_for(data, &*crypt::holder(data), unlock::policy()).ok()
}

/// What an earlier sync of the ledger at `data` merged and was stopped before it said, when
/// its merge is still in the history: [`STOPPED`] and its lines, or nothing. Kept sealed and
/// the keys not at hand, it is left for a sync that has them.
pub fn left(git: &Git, data: &Path) -> Result<Vec<String>, SyncError> {
    let path = file(git)?;
    let Ok(bytes) = std::fs::read(&path) else {
        return Ok(Vec::new());
    };
    let bytes = if envelope::is_sealed(&bytes) {
        match keys(data).and_then(|keys| keys.open(&bytes).ok()) {
            Some(plain) => plain,
            None => return Ok(Vec::new()),
        }
    } else {
        zeroize::Zeroizing::new(bytes)
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.lines();
    let head = lines.next().unwrap_or_default().trim();
    let in_history = !head.is_empty()
        && git
            .run(&["merge-base", "--is-ancestor", head, "HEAD"])
            .is_ok_and(|r| r.ok);
    if !in_history {
        forget(&path)?;
        return Ok(Vec::new());
    }
    let lines: Vec<String> = lines
        .filter(|l| !l.is_empty() && *l != STOPPED)
        .map(str::to_string)
        .collect();
    if lines.is_empty() {
        return Ok(lines);
    }
    Ok(std::iter::once(STOPPED.to_string()).chain(lines).collect())
}

/// The file at `path` forgotten: what it kept has been said, or is no longer in the history.
pub(super) fn forget(path: &std::path::Path) -> Result<(), SyncError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(crate::store::StoreError::io(path, e).into())
        }
        _ => Ok(()),
    }
}
