//! The key file of an encrypted ledger through a sync: followed when another machine
//! encrypted, kept for the backups when it decrypted, lent for a merge, settled when git could
//! not merge it, and plain versions kept out of what is pushed.

use std::path::Path;

use crate::store::{self, LockFile};

use super::commit::{commit_only, described, sync_files, unchanged};
use super::{Git, SyncError};

/// When another machine encrypted the ledger (the remote has its key file, this machine
/// never had one) and this machine has commits of its own to merge, puts that key file beside
/// the data file, as the merge will: the driver then opens the other side with it (once
/// `unlock` has the keys), and seals the merged ledger, as the other machine chose. Says
/// whether it did.
pub(super) fn follow_encryption(
    git: &Git,
    lock: &LockFile,
    name: &str,
    upstream: &str,
) -> Result<bool, SyncError> {
    let key_name = format!("{name}.key");
    let here = git.dir().join(&key_name);
    // Not where this machine has it, nor where the two had it (this machine decrypted).
    if here.exists() || git.holds("HEAD", &key_name)? {
        return Ok(false);
    }
    // Nor where this machine has nothing of its own to merge: the fast-forward brings the
    // key file with the ledger, and a commit of it here would only be one more to drop.
    if git
        .run(&["merge-base", "--is-ancestor", "HEAD", upstream])?
        .ok
    {
        return Ok(false);
    }
    if shared_key_file(git, upstream, &key_name)? {
        return Ok(false);
    }
    let Some(key_file) = git.bytes(&["show", &format!("{upstream}:./{key_name}")])? else {
        return Ok(false);
    };
    store::sealing::write_private(&here, lock, &key_file)?;
    Ok(true)
}

/// Whether the last commit this machine shares with `upstream` holds the key file: the two
/// had the ledger encrypted together once.
fn shared_key_file(git: &Git, upstream: &str, key_name: &str) -> Result<bool, SyncError> {
    let base = git
        .ok(&["merge-base", "HEAD", upstream])
        .unwrap_or_default();
    Ok(!base.trim().is_empty() && git.holds(base.trim(), key_name)?)
}

/// When another machine decrypted the ledger (the remote has no key file, this machine's last
/// commit has one, and the remote's ledger is plain), the merge takes the key file away; the
/// backups sealed here are still sealed with it. A copy of it goes into `backups/`, where
/// `decrypt` and `restore-backup` find it for those backups (docs/PRIVACY.md), beside, never
/// over, a copy of another key kept there for older backups.
pub(super) fn keep_key_for_backups(
    git: &Git,
    path: &Path,
    lock: &LockFile,
    name: &str,
    upstream: &str,
) -> Result<(), SyncError> {
    let key_name = format!("{name}.key");
    let here = git.dir().join(&key_name);
    if !here.exists() || !git.holds("HEAD", &key_name)? || git.holds(upstream, &key_name)? {
        return Ok(());
    }
    // Decrypted there: the two shared the key file once. A ledger encrypted here after it was
    // synced plain meets the same remote, and needs no copy (it would go on opening the
    // ledger with this passphrase after a new one is set).
    if !shared_key_file(git, upstream, &key_name)? {
        return Ok(());
    }
    let plain_there = git
        .bytes(&["show", &format!("{upstream}:./{name}")])?
        .is_some_and(|bytes| !crate::crypt::envelope::is_sealed(&bytes));
    if !plain_there {
        return Ok(());
    }
    let key_file = std::fs::read(&here).map_err(|e| store::StoreError::io(&here, e))?;
    let folder = store::backups::folder(path);
    store::backups::ensure_folder(&folder)?;
    let kept = crate::crypt::keyfile::kept_copy_path(path, &String::from_utf8_lossy(&key_file));
    store::sealing::write_private(&kept, lock, &key_file)?;
    Ok(())
}

/// When this machine decrypted the ledger (no key file here, nor in its last commit) and the
/// other machine's changes are still sealed (it had not synced the decryption), the merge
/// needs the key to read them: the remote's key file is lent where a plain ledger's key is
/// looked for first ([`crate::crypt::keyfile::lent_key_path`]). The copy kept for the
/// backups sealed here is no stand-in: it may be the key of an older encryption (one
/// decrypted, then the ledger encrypted again with new keys), and it stays for those backups.
/// The decryption has its way in the merge, so the key file leaves with it. Says whether it
/// lent one, to be taken away after the merge.
pub(super) fn lend_key_for_merge(
    git: &Git,
    path: &Path,
    lock: &LockFile,
    name: &str,
    upstream: &str,
) -> Result<bool, SyncError> {
    let key_name = format!("{name}.key");
    if git.dir().join(&key_name).exists()
        || crate::crypt::envelope::sealed_on_disk(path)
        || git.holds("HEAD", &key_name)?
    {
        return Ok(false);
    }
    let sealed_there = git
        .bytes(&["show", &format!("{upstream}:./{name}")])?
        .is_some_and(|bytes| crate::crypt::envelope::is_sealed(&bytes));
    let Some(key_file) = git.bytes(&["show", &format!("{upstream}:./{key_name}")])? else {
        return Ok(false);
    };
    if !sealed_there {
        return Ok(false);
    }
    store::backups::ensure_folder(&store::backups::folder(path))?;
    store::sealing::write_private(&crate::crypt::keyfile::lent_key_path(path), lock, &key_file)?;
    Ok(true)
}

/// When the ledger is sealed now but a commit of this machine's not yet pushed holds it in
/// plain text (made before another machine's `encrypt` arrived, or before `encrypt` here),
/// replaces those commits with one of the result on top of `upstream`, so that pushing sends
/// no plain version: the plain commits stay on this machine only, as the plain file was.
/// Returns the new commit's message. A commit of the user's own among them is never
/// rewritten: then nothing is pushed, and the error says why.
pub(super) fn seal_history(
    git: &Git,
    path: &Path,
    name: &str,
    upstream: &str,
) -> Result<Option<String>, SyncError> {
    let is_sealed = |commit: &str| -> Result<Option<bool>, SyncError> {
        let blob = git.bytes(&["show", &format!("{commit}:./{name}")])?;
        Ok(blob.map(|bytes| crate::crypt::envelope::is_sealed(&bytes)))
    };
    // The file as merged is HEAD's: a few bytes tell whether it is sealed.
    if !crate::crypt::envelope::sealed_on_disk(path) {
        return Ok(None);
    }
    let ahead = git.ok(&["rev-list", &format!("{upstream}..HEAD")])?;
    let mut plain = false;
    for commit in ahead.lines() {
        if is_sealed(commit)? == Some(false) {
            plain = true;
            break;
        }
    }
    if !plain {
        return Ok(None);
    }
    let subjects = git.ok(&["log", "--format=%s", &format!("{upstream}..HEAD")])?;
    if subjects.lines().any(|s| !s.starts_with("trustladder: ")) {
        return Err(SyncError::PlainInHistory);
    }
    git.ok(&["reset", "--quiet", "--soft", upstream])?;
    let files = sync_files(git, name);
    let paths: Vec<&str> = files.iter().map(String::as_str).collect();
    if unchanged(git, &paths)? {
        return Ok(None);
    }
    let message = format!("trustladder: {}", described(git, path, name)?);
    commit_only(git, &message, &paths)?;
    Ok(Some(message))
}

/// Settles a key file git could not merge because one side deleted it and the other changed
/// it (a `decrypt` on one machine, a new passphrase or a `recover` on the other): beside the
/// ledger as merged, plain, it leaves, as the decryption has its way in the ledger too; beside
/// a sealed one, the key file there is kept. Says what it did; `None` when the key file is
/// merged, or changed on both sides (its own driver's to merge).
pub(super) fn settle_key_file(
    git: &Git,
    path: &Path,
    lock: &LockFile,
    name: &str,
) -> Result<Option<&'static str>, SyncError> {
    let key_name = format!("{name}.key");
    let stages = git.ok(&["ls-files", "--unmerged", "--", &key_name])?;
    let has = |stage: &str| {
        stages.lines().any(|l| {
            l.split('\t')
                .next()
                .and_then(|m| m.split_whitespace().nth(2))
                == Some(stage)
        })
    };
    let (ours, theirs) = (has("2"), has("3"));
    if stages.trim().is_empty() || ours == theirs {
        return Ok(None);
    }
    let here = git.dir().join(&key_name);
    if crate::crypt::envelope::sealed_on_disk(path) {
        if !here.exists() {
            return Ok(None);
        }
        git.ok(&["add", "--", &key_name])?;
        return Ok(Some(
            "the key file, deleted on one machine and changed on the other, is kept, as the ledger stays encrypted",
        ));
    }
    if ours && here.exists() {
        // The key file as changed here opens the backups sealed here: a copy stays for them,
        // as after any `decrypt` elsewhere.
        let key_file = std::fs::read(&here).map_err(|e| store::StoreError::io(&here, e))?;
        store::backups::ensure_folder(&store::backups::folder(path))?;
        let kept = crate::crypt::keyfile::kept_copy_path(path, &String::from_utf8_lossy(&key_file));
        store::sealing::write_private(&kept, lock, &key_file)?;
    }
    git.ok(&[
        "rm",
        "--quiet",
        "--force",
        "--ignore-unmatch",
        "--",
        &key_name,
    ])?;
    Ok(Some(if ours {
        "the key file leaves, as another machine decrypted the ledger (the passphrase changed here is no longer needed)"
    } else {
        "the key file the other machine changed leaves too, as the ledger was decrypted here"
    }))
}
