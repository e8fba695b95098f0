//! What a sync merged, kept in the git folder until it has been said. A sync says what its
//! merge did (a promise number moved, a change that lost) only when it ends; one stopped
//! before (`timeout` in a cron job, a closed terminal, a kill) while it pushed had committed
//! the merge and said nothing, and the next sync, finding nothing new to merge, never said
//! it either: a user told `#3` went on to act on another promise that had become `#3`.
//!
//! Kept with the commit it was said of: a merge undone since (a `git reset`, a merge cut
//! short and undone by the next sync) is no longer in the history, and what was said of it
//! is dropped.

use std::path::PathBuf;

use super::{Git, SyncError};

/// The file's name in the git folder.
const FILE: &str = "trustladder-unsaid";

/// The line that comes before what a sync stopped before it could say.
pub const STOPPED: &str =
    "the last sync was stopped before it said what it merged; what it merged then follows";

/// Where the file is.
fn file(git: &Git) -> Result<PathBuf, SyncError> {
    let at = git.ok(&["rev-parse", "--git-path", FILE])?;
    Ok(git.dir().join(at.trim()))
}

/// Keeps `lines`, what this sync merged so far, with the commit checked out, until
/// [`said`] is called: written before the sync waits on the remote, where it can be stopped.
pub fn keep(git: &Git, lines: &[String]) -> Result<(), SyncError> {
    let path = file(git)?;
    if lines.is_empty() {
        return forget(&path);
    }
    let head = git.ok(&["rev-parse", "HEAD"])?;
    let text = format!("{}\n{}\n", head.trim(), lines.join("\n"));
    std::fs::write(&path, text).map_err(|e| crate::store::StoreError::io(&path, e).into())
}

/// What an earlier sync merged and was stopped before it said, when its merge is still in
/// the history: [`STOPPED`] and its lines, or nothing.
pub fn left(git: &Git) -> Result<Vec<String>, SyncError> {
    let path = file(git)?;
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Vec::new());
    };
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

/// What was kept has been said: forgotten. Where the folder is no git folder (a sync that
/// failed before it found one), there is nothing to forget.
pub fn said(folder: &std::path::Path) {
    let git = Git::at(folder);
    if let Ok(path) = file(&git) {
        let _ = forget(&path);
    }
}

fn forget(path: &std::path::Path) -> Result<(), SyncError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(crate::store::StoreError::io(path, e).into())
        }
        _ => Ok(()),
    }
}
