//! The remote's changes taken in by a sync: merged with this machine's, or fast-forwarded to
//! where this machine had nothing of its own, and all that came in said.

use std::path::PathBuf;

use crate::core::Ledger;
use crate::core::merge::{NO_CHANGE, archived_with_open, moved, named_alike, summary};
use crate::store::LockFile;

use super::by_hand::{self, MovedBack};
use super::commit::commit;
use super::keys::{follow_encryption, keep_key_for_backups, lend_key_for_merge, seal_history};
use super::ledger::{ledger_of, plain_backups, wrong_passphrase};
use super::lost::lost_here;
use super::merge::{Side, merge};
use super::refusals::{a_few, not_damaged_there, not_deleted_there};
use super::run::Here;
use super::{Git, SyncError, Synced, driver};

/// What a sync says when it brings a key file another machine changed (`passphrase`, or a
/// `recover` there).
const PASSPHRASE_CHANGED: &str = "the key file was changed on another machine (a new passphrase there): that passphrase unlocks the ledger from now on (`trustladder unlock` with it; a passphrase command here must print it)";

/// What a sync says when it takes a ledger another machine decrypted and encrypted again,
/// with new keys, over the one sealed here with the old: a new passphrase, and backups sealed
/// here before that open only with the recovery key of their time.
const REKEYED: &str = "the ledger here is now encrypted with new keys, as another machine decrypted it and encrypted it again: the passphrase set there unlocks it from now on (`trustladder unlock` with it; a passphrase command here must print it), and the backups sealed here before open with the recovery key of their time and the `age` tool";

/// The main key a key file's bytes name, where they read as one.
fn main_key_of(bytes: Option<&[u8]>) -> Option<String> {
    let text = String::from_utf8_lossy(bytes?);
    crate::crypt::keyfile::KeyFile::parse(&text)
        .ok()
        .map(|file| file.main)
}

/// The ledger here and the branch before the merge: what a sync says of the merge is what
/// changed since.
struct Before {
    ledger: Ledger,
    key: Option<Vec<u8>>,
    sealed: bool,
    /// The last commit this machine shares with the remote, before it merges.
    shared: Option<String>,
    /// The commit checked out, where there is one: what came in is what changed since.
    head: Option<String>,
    /// How many lines the sync had to say.
    said: usize,
}

/// The ledger here after the merge or the fast-forward, and what the merge said (nothing
/// for a fast-forward, where git ran none).
struct After {
    /// None where the ledger taken does not open here (encrypted elsewhere): it is taken all
    /// the same, and said so.
    ledger: Option<Ledger>,
    key: Option<Vec<u8>>,
    sealed: bool,
    /// Whether another machine decrypted the ledger and encrypted it again with new keys.
    rekeyed: bool,
    report: Vec<String>,
}

/// Takes the remote's branch `upstream` into the ledger `here`, its changes since the last
/// commit shared said in `out`, once nothing refuses it (the ledger deleted or damaged
/// there). Returns whether the sync is finished: the branch here is then the remote's, with
/// nothing to push.
pub(super) fn take_the_remote(
    here: &Here,
    lock: &LockFile,
    upstream: &str,
    taken_back: Option<&MovedBack>,
    out: &mut Synced,
) -> Result<bool, SyncError> {
    let Here { git, path, name } = *here;
    not_deleted_there(git, name, upstream, out.committed.as_deref())?;
    not_damaged_there(git, path, name, upstream, out.committed.as_deref())?;
    // Committed here too, and so said if the merge fails.
    let followed = if follow_encryption(git, lock, name, upstream)? {
        commit(git, path, lock, name, &mut out.merged)?
    } else {
        None
    };
    keep_key_for_backups(git, path, lock, name, upstream)?;
    let before = before_the_merge(here, upstream, out.merged.len())?;
    let report = merge_the_remote(here, lock, upstream, out.committed.as_deref(), followed)?;
    let after = after_the_merge(here, &before, report, taken_back)?;
    say_what_came_in(here, upstream, &before, after, taken_back, &mut out.merged)?;
    if let Some(message) = seal_history(git, path, name, upstream)? {
        out.committed = Some(message);
    }
    Ok(git.ok(&["rev-parse", "HEAD"])? == git.ok(&["rev-parse", upstream])?)
}

/// Where the ledger's key file is, in the repository.
fn key_file(here: &Here) -> PathBuf {
    here.git.dir().join(format!("{}.key", here.name))
}

/// The ledger here and the branch as the merge finds them; `said`, how many lines the sync
/// has to say so far.
fn before_the_merge(here: &Here, upstream: &str, said: usize) -> Result<Before, SyncError> {
    let git = here.git;
    let ledger = ledger_of(here.path)?;
    let key = crate::store::read_file(&key_file(here)).ok().flatten();
    let sealed = crate::crypt::envelope::sealed_on_disk(here.path);
    // The last commit this machine shares with the remote, before it merges.
    let shared = git.run(&["merge-base", "HEAD", upstream])?;
    let shared = shared.ok.then_some(shared.stdout);
    let head = git.run(&["rev-parse", "--verify", "--quiet", "HEAD"])?;
    let head = head.ok.then(|| head.stdout.trim().to_string());
    Ok(Before {
        ledger,
        key,
        sealed,
        shared,
        head,
        said,
    })
}

/// Merges the remote's branch into the ledger here, lent the key it needs, and returns what
/// the merge says. A merge that fails is said with what was committed here before it:
/// `committed`, and `followed` (the ledger turned encrypted or plain as the remote's).
fn merge_the_remote(
    here: &Here,
    lock: &LockFile,
    upstream: &str,
    committed: Option<&str>,
    followed: Option<String>,
) -> Result<Vec<String>, SyncError> {
    let Here { git, path, name } = *here;
    // Lent, the key is taken back whatever the merge comes to: nothing stands between.
    let lent = lend_key_for_merge(git, path, lock, name, upstream)?;
    let merged = merge(git, upstream, path, lock, Side::Remote);
    if lent {
        // Lent for the merge alone: a copy kept for the backups sealed here stays.
        let _ = std::fs::remove_file(crate::crypt::keyfile::lent_key_path(path));
    }
    match merged {
        // Said by what happened: the ledger decrypted here met changes still sealed.
        Err(SyncError::EncryptedElsewhere) if lent => Err(SyncError::DecryptedHere),
        // Said with what was committed here: "nothing was changed" would hide it.
        Err(SyncError::MergeFailed(why)) if committed.is_some() || followed.is_some() => {
            let committed = [committed, followed.as_deref()]
                .into_iter()
                .flatten()
                .map(|c| c.strip_prefix("trustladder: ").unwrap_or(c).to_string())
                .collect::<Vec<_>>()
                .join("; ");
            Err(SyncError::MergeFailedAfterCommit { why, committed })
        }
        merged => merged,
    }
}

/// The ledger here as the merge (`report`) or the fast-forward left it; `taken_back`, this
/// machine's own commit a reset took out, which the remote brings back.
fn after_the_merge(
    here: &Here,
    before: &Before,
    report: Vec<String>,
    taken_back: Option<&MovedBack>,
) -> Result<After, SyncError> {
    let sealed = crate::crypt::envelope::sealed_on_disk(here.path);
    let key = crate::store::read_file(&key_file(here)).ok().flatten();
    // Sealed here and there, with other keys than here: another machine decrypted the
    // ledger and encrypted it again, and this machine took it as it was there.
    let rekeyed = report.is_empty()
        && sealed
        && before.sealed
        && taken_back.is_none()
        && main_key_of(key.as_deref()).is_some()
        && main_key_of(before.key.as_deref()) != main_key_of(key.as_deref());
    let ledger = match ledger_of(here.path) {
        Ok(after) => Some(after),
        // A fast-forward to a ledger encrypted elsewhere, which nothing here unlocks
        // yet: taken all the same (this machine had nothing to merge), and said below.
        // A passphrase that opens nothing here (the one of before, from a command) is
        // the same: the fast-forward is done, and saying "nothing was changed" hid it.
        Err(e)
            if (matches!(e, SyncError::Locked) || wrong_passphrase(&e))
                && report.is_empty()
                && sealed
                && (!before.sealed || rekeyed) =>
        {
            None
        }
        Err(e) => return Err(e),
    };
    Ok(After {
        ledger,
        key,
        sealed,
        rekeyed,
        report,
    })
}

/// Adds to `merged` all a sync says of what came in from the remote's branch `upstream`:
/// what a fast-forward took, what of this machine's was lost in merges made elsewhere, the
/// ledger turned encrypted or plain, a new passphrase, what the merge said, and commits that
/// changed other files alone.
fn say_what_came_in(
    here: &Here,
    upstream: &str,
    before: &Before,
    after: After,
    taken_back: Option<&MovedBack>,
    merged: &mut Vec<String>,
) -> Result<(), SyncError> {
    merged.extend(fast_forward_said(before, &after));
    // Merged or taken, what of this machine's lost in merges made elsewhere.
    if let (Some(shared), Some(_)) = (&before.shared, &after.ledger) {
        let lost = lost_here(here.git, here.path, here.name, shared.trim(), upstream);
        merged.extend(lost.into_iter().filter(|l| !after.report.contains(l)));
    }
    if after.report.is_empty() && after.sealed != before.sealed {
        merged.push(turned_said(&after, taken_back));
    }
    if after.rekeyed {
        merged.push(REKEYED.to_string());
    }
    if passphrase_changed_alone(before, &after) {
        merged.push(PASSPHRASE_CHANGED.to_string());
    }
    merged.extend(after.report);
    if after.sealed && !before.sealed {
        say_where_plain_backups_are(here, merged);
    }
    if let Some(ledger) = &after.ledger {
        merged.extend(named_alike(&before.ledger, ledger));
        merged.extend(archived_with_open(&before.ledger, ledger));
    }
    // Commits that changed other files alone (a file of the user's, pushed by hand):
    // taken, and said, where "up to date" alone hid that anything came in.
    if let Some(since) = before
        .head
        .as_deref()
        .filter(|_| merged.len() == before.said)
    {
        let others = others_taken(here.git, here.name, since)?;
        if !others.is_empty() {
            let others: Vec<&str> = others.iter().map(String::as_str).collect();
            merged.push(format!(
                "took changes to other files than the ledger: {}",
                a_few(&others)
            ));
        }
    }
    Ok(())
}

/// What a fast-forward brought into the ledger, where it changed it.
fn fast_forward_said(before: &Before, after: &After) -> Vec<String> {
    let mut said = Vec::new();
    if let Some(ledger) = &after.ledger
        && after.report.is_empty()
        && before.ledger != *ledger
    {
        // A fast-forward: git ran no merge, so say what came in, and what of this
        // machine's own moved or lost in the other machine's merge. (A merge here says
        // that itself: its report names this machine's moves by the numbers it knew.)
        // What changed no record (a change time, a tombstone) is no change to say.
        let took = summary(&before.ledger, ledger);
        if took != NO_CHANGE {
            said.push(format!("took {took}"));
        }
        said.extend(moved(&before.ledger, ledger));
    }
    said
}

/// What a sync says of a fast-forward to a ledger encrypted or decrypted elsewhere, as the
/// merge driver says it; by this machine's own commit taken back, said so.
fn turned_said(after: &After, taken_back: Option<&MovedBack>) -> String {
    let turned = taken_back.and_then(|m| m.turned(after.sealed));
    turned.unwrap_or_else(|| {
        match (after.sealed, &after.ledger) {
            (true, Some(_)) => driver::ENCRYPTED_ELSEWHERE,
            (true, None) => {
                "the ledger here is now encrypted, as another machine encrypted it; `trustladder unlock` with the passphrase set there opens it"
            }
            (false, _) => "the ledger here is now plain JSON, as another machine decrypted it",
        }
        .to_string()
    })
}

/// Whether the key file came in changed by the other machine alone (a new passphrase
/// there), without a merge of it: said, as the passphrase asked here changes with it.
fn passphrase_changed_alone(before: &Before, after: &After) -> bool {
    let both_changed = after
        .report
        .iter()
        .any(|l| l.starts_with(driver::BOTH_PASSPHRASES));
    before.key.is_some()
        && after.key.is_some()
        && before.key != after.key
        && !both_changed
        && !after.rekeyed
}

/// Adds where the plain backups are to the line of `merged` that says the ledger here is
/// now encrypted.
fn say_where_plain_backups_are(here: &Here, merged: &mut [String]) {
    let hint = plain_backups(here.path);
    if let Some(line) = merged.iter_mut().find(|l| {
        l.starts_with(driver::ENCRYPTED_ELSEWHERE) || l.starts_with(by_hand::ENCRYPTED_AGAIN)
    }) {
        line.push_str(&hint);
    }
}

/// The files other than the ledger and its key file that changed between `since` and HEAD,
/// as git names them (from the top of the repository).
fn others_taken(git: &Git, name: &str, since: &str) -> Result<Vec<String>, SyncError> {
    let prefix = git.ok(&["rev-parse", "--show-prefix"])?;
    let ours = [
        format!("{}{name}", prefix.trim()),
        format!("{}{name}.key", prefix.trim()),
    ];
    Ok(git
        .changed_names(&["--no-renames", since, "HEAD"])?
        .into_iter()
        .filter(|file| !ours.contains(file))
        .collect())
}
