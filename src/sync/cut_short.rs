//! A merge git stopped between writing its result and committing it (killed, or Ctrl-C in the
//! terminal, which reaches git too). Git leaves no MERGE_HEAD then, only the tree it made as
//! `AUTO_MERGE` and the merged files, staged, or (stopped sooner) written to the work tree
//! alone: the next commit would take the other machine's changes as this machine's, and the
//! numbers the merge moved would never be said.
//!
//! Git leaves `AUTO_MERGE` after merges of its own that finished well too (`git stash pop`,
//! which leaves the user's change on disk, not staged), so that alone says nothing: a sync
//! writes a marker of its own before it merges, naming the commit it started from and how
//! long `HEAD`'s reflog was, and only a merge the marker names is ever undone. Whatever git
//! did by hand since (a `git reset`, a `git stash`, a checkout) wrote to that reflog, which a
//! merge stopped before its commit never does: the marker is then another time's, and
//! nothing is undone. Before anything is undone the ledger is kept as a backup all the same.

use std::path::PathBuf;

use super::commit::sync_files;
use super::{Git, SyncError};

/// The marker's name in the git folder.
const MARKER: &str = "trustladder-merging";

/// Where the marker is.
fn marker(git: &Git) -> Result<PathBuf, SyncError> {
    let at = git.ok(&["rev-parse", "--git-path", MARKER])?;
    Ok(git.dir().join(at.trim()))
}

/// The commit checked out, if there is one, and the length of `HEAD`'s reflog (0 where there
/// is none): what the marker holds.
fn head(git: &Git) -> Result<String, SyncError> {
    let ran = git.run(&["rev-parse", "--verify", "--quiet", "HEAD"])?;
    let commit = if ran.ok { ran.stdout.trim() } else { "" };
    let log = git.ok(&["rev-parse", "--git-path", "logs/HEAD"])?;
    let logged = std::fs::metadata(git.dir().join(log.trim())).map_or(0, |m| m.len());
    Ok(format!("{commit} {logged}"))
}

/// Marks a merge a sync is about to start from the commit checked out, so that the next sync
/// knows it as its own if it is stopped before it finishes.
pub(super) fn merge_starts(git: &Git) -> Result<(), SyncError> {
    let from = head(git)?;
    let path = marker(git)?;
    std::fs::write(&path, format!("{from}\n"))
        .map_err(|e| SyncError::Io(format!("{}: {e}", path.display())))
}

/// Forgets the mark once the merge is committed or undone.
pub(super) fn merge_over(git: &Git) {
    if let Ok(path) = marker(git) {
        let _ = std::fs::remove_file(path);
    }
}

/// Whether a sync marked a merge from the commit still checked out, with nothing done by
/// git since: one it did not finish. The mark is read once, and forgotten: a merge committed
/// since, a checkout, a reset or a stash is no longer the sync's to undo.
fn marked_here(git: &Git) -> Result<bool, SyncError> {
    let Ok(from) = std::fs::read_to_string(marker(git)?) else {
        return Ok(false);
    };
    merge_over(git);
    Ok(head(git)? == from.trim())
}

/// Undoes such a merge, one a sync started (never git's own, nor a change of the user's),
/// when the sync files are still exactly what it left (staged as the tree
/// it made, the same on disk; or, nothing staged, the ledger on disk as the tree it made has
/// it), and says whether it did. Files of the user's with changes not staged are kept, as
/// `git merge --abort` keeps them; changes made to the ledger since are never undone (they
/// are committed as this machine's).
/// `before` runs first, once the merge is known to be the sync's: the next sync keeps the
/// ledger as a backup there.
pub(super) fn undo_merge_cut_short(
    git: &Git,
    name: &str,
    before: &mut dyn FnMut() -> Result<(), SyncError>,
) -> Result<bool, SyncError> {
    if !marked_here(git)? {
        return Ok(false);
    }
    let auto_merge = git.run(&["rev-parse", "--verify", "--quiet", "AUTO_MERGE^{tree}"])?;
    if !auto_merge.ok || git.has("MERGE_HEAD") {
        return Ok(false);
    }
    let same = |args: &[&str]| -> Result<bool, SyncError> {
        let mut all = vec!["diff", "--quiet", "--no-textconv", "--no-ext-diff"];
        all.extend(args);
        Ok(git.run(&all)?.ok)
    };
    let files = sync_files(git, name);
    let mut on_disk = vec!["--"];
    on_disk.extend(files.iter().map(String::as_str));
    if same(&["--cached", "HEAD"])? {
        // Nothing staged: stopped before it wrote the index, the merged files are on disk
        // alone. The ledger on disk as the merge made it, not as it was, is the merge's; one
        // the user changed since is neither.
        let mut at = vec!["AUTO_MERGE"];
        at.extend(&on_disk);
        if same(&["HEAD", "--", name])? || !same(&at)? {
            return Ok(false);
        }
        before()?;
        let committed: Vec<&str> = files
            .iter()
            .map(String::as_str)
            .filter(|file| git.holds("HEAD", file).unwrap_or(false))
            .collect();
        let mut back = vec!["checkout", "--quiet", "HEAD", "--"];
        back.extend(committed);
        git.ok(&back)?;
    } else if !same(&["--cached", "AUTO_MERGE"])? || !same(&on_disk)? {
        return Ok(false);
    } else {
        before()?;
        git.ok(&["reset", "--quiet", "--merge", "HEAD"])?;
    }
    // git writes the file back with the umask's mode; the ledger stays private.
    crate::store::make_file_private(&git.dir().join(name))?;
    Ok(true)
}

/// Said by a sync that undid one before going on (a merge that follows says itself).
pub(super) fn undone(kept_as: Option<&std::path::Path>) -> String {
    let said = "a merge that the last sync did not finish was undone, so the ledger here is as it was before it";
    match kept_as.and_then(|path| path.file_name()) {
        Some(name) => {
            let name = crate::core::text::sanitize(&name.to_string_lossy());
            format!(
                "{said} (as the merge left it, it is kept as {name}: `trustladder restore-backup {name}` puts it back)"
            )
        }
        None => said.to_string(),
    }
}
