//! A merge git stopped between writing its result and committing it (killed, or Ctrl-C in the
//! terminal, which reaches git too). Git leaves no MERGE_HEAD then, only the tree it made as
//! `AUTO_MERGE` and the merged files, staged, or (stopped sooner) written to the work tree
//! alone: the next commit would take the other machine's changes as this machine's, and the
//! numbers the merge moved would never be said.

use super::commit::sync_files;
use super::{Git, SyncError};

/// Undoes such a merge when the sync files are still exactly what it left (staged as the tree
/// it made, the same on disk; or, nothing staged, the ledger on disk as the tree it made has
/// it), and says whether it did. Files of the user's with changes not staged are kept, as
/// `git merge --abort` keeps them; changes made to the ledger since are never undone (they
/// are committed as this machine's).
pub(super) fn undo_merge_cut_short(git: &Git, name: &str) -> Result<bool, SyncError> {
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
        git.ok(&["reset", "--quiet", "--merge", "HEAD"])?;
    }
    // git writes the file back with the umask's mode; the ledger stays private.
    crate::store::make_file_private(&git.dir().join(name))?;
    Ok(true)
}

/// Said by a sync that undid one before going on (a merge that follows says itself).
pub(super) const UNDONE: &str = "a merge that the last sync did not finish was undone, so the ledger here is as it was before it";
