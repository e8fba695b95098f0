//! One sync, start to end: this machine's changes committed, the other machines' fetched
//! and merged, the result pushed, under the data file's lock and the sync's own.

use std::path::{Path, PathBuf};

use crate::core::merge::{archived_with_open, moved, named_alike, summary};
use crate::store::{self, LockFile, StoreError};

use super::by_hand::MovedBack;
use super::commit::commit;
use super::cut_short::undo_merge_cut_short;
use super::keys::{follow_encryption, keep_key_for_backups, lend_key_for_merge, seal_history};
use super::ledger::{damaged, ledger_of, opened, plain_backups, wrong_passphrase};
use super::lost::lost_here;
use super::merge::{Side, merge};
use super::refusals::{
    a_few, merged_by_our_driver, no_merge_of_others, no_unmerged_others, not_damaged_there,
    not_deleted_there, not_detached, on_the_synced_branch,
};
use super::remote::{declined, git_reason, offline, rejected};
use super::{
    Git, GoneBackups, SyncError, Synced, by_hand, checkout_command, commit, cut_short, driver, git,
    remote, setup, split, stranger, unsaid,
};

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

/// How many times a push rejected because the remote moved on is merged and tried again.
const PUSH_TRIES: usize = 5;

/// Fetches the remote's branches; pruned, so that a branch the remote no longer has (a
/// remote replaced by an empty one) is pushed again, not taken as already there.
fn fetch(git: &Git) -> Result<git::Ran, SyncError> {
    git.run(&["fetch", "--quiet", "--prune", "origin"])
}

/// Whether the remote changed the ledger since the last commit this machine shares with it
/// (always, for a history joined for the first time): only then does the merge or
/// fast-forward write the data file, and only such a version is taken from there.
pub(super) fn changed_there(git: &Git, name: &str, upstream: &str) -> Result<bool, SyncError> {
    let shared = git.run(&["merge-base", "HEAD", upstream])?;
    if !shared.ok {
        return Ok(true);
    }
    let there = commit::blob(git, &format!("{upstream}:./{name}"))?;
    let before = commit::blob(git, &format!("{}:./{name}", shared.stdout.trim()))?;
    Ok(there != before)
}

/// Commits this machine's changes, merges the other machines' from the remote and pushes the
/// result, all under the data file's lock so no trustladder process writes meanwhile. A
/// remote that holds a repository of something else is refused ([`SyncError::AnotherRepository`]).
pub fn sync(path: &Path, patience: &store::Patience) -> Result<Synced, SyncError> {
    sync_joining(path, patience, false)
}

/// [`sync`], joining the ledger's history to a remote of something else where `join` says
/// so (`sync init --join`: that repository is meant to hold the ledger).
pub(super) fn sync_joining(
    path: &Path,
    patience: &store::Patience,
    join: bool,
) -> Result<Synced, SyncError> {
    let path = store::resolve_links(path.to_path_buf());
    let (git, name) = refuse_what_cannot_sync(&path)?;
    let here = Here {
        git: &git,
        path: &path,
        name: &name,
    };
    // The sync's own lock first: two syncs started together would both write git's config,
    // and one fail on the other's config lock. It is held throughout; the data file's lock
    // only while the sync reads or writes the ledger, never while git waits on the remote
    // (a slow or hanging one would keep every save here waiting until it gave up).
    let (_syncing, git_dir) = hold_sync_lock(&git, patience)?;
    let has_origin = has_origin_not_itself(&git, &git_dir)?;
    let lock = store::hold_lock(&path, patience)?;
    let undone = tidy_up_after_others(&here, &lock)?;
    let branch = git.branch()?;
    let upstream = format!("origin/{branch}");
    // Whether this machine has taken the remote's branch before: then it shares history.
    let mut known = git.has(&upstream);
    // Fetched before committing: a passphrase set on another machine opens the key file it
    // pushed, which a commit of an encrypted ledger then finds (asked before the fetch, a new
    // passphrase was refused three times first). The merge below uses this fetch.
    let (lock, mut fetched) = if has_origin {
        drop(lock);
        let fetched = fetch(&git)?;
        (store::hold_lock(&path, patience)?, Some(fetched))
    } else {
        (lock, None)
    };
    ready_for_the_remote(&here, &lock, &upstream, fetched.as_ref(), join)?;
    // What a `git pull` or `git merge` run by hand since the last sync brought, said first
    // (after what a sync stopped before it could say), as the commit checked out holds it
    // before this sync commits or merges anything.
    let (moved_back, brought) = by_hand::taken(&git, &path, &name, &upstream);
    let mut finished: Vec<String> = moved_back.iter().map(|m| m.said.clone()).collect();
    finished.extend(brought);
    // Committed as a merge of its own, said before what is committed after it.
    if let Some(said) = commit::merge_again(&git, &path, &lock, &name)? {
        finished.extend(said);
    }
    let committed = commit_here(&here, &lock, fetched.as_ref(), &mut finished)?;
    // The last sync's commit that a reset by hand took out of the branch, and the remote does
    // not hold: merged back, once what changed here is committed. One the remote holds is
    // taken back with the remote's commits. Either way, the ledger turned encrypted or plain
    // by it is said as its doing, not another machine's.
    let taken_back = match moved_back {
        Some(moved_back) if moved_back.on_the_remote => Some(moved_back),
        Some(moved_back) => {
            finished.extend(merge_back(&here, &lock, &moved_back, committed.as_deref())?);
            None
        }
        None => None,
    };
    // What a sync stopped while it pushed had merged, said first: read once the commit has
    // the keys of an encrypted ledger, which it is kept sealed with.
    finished.splice(0..0, unsaid::left(&git, &path)?);
    if let Some(undone) = undone {
        finished.insert(0, undone);
    }
    let mut out = Synced {
        committed,
        merged: finished,
        ..Synced::default()
    };
    if !has_origin {
        out.no_remote = true;
        return Ok(out);
    }
    // Why the last push was rejected, when the remote's branch was locked.
    let mut locked_there = None;
    let mut held = Some(lock);
    for _ in 0..PUSH_TRIES {
        let fetch = match fetched.take() {
            Some(fetch) => fetch,
            None => {
                known = git.has(&upstream);
                let fetch = self::fetch(&git)?;
                // The remote, empty at the first fetch, may since hold another repository.
                if fetch.ok {
                    stranger::not_another_repository(&git, &name, join)?;
                }
                fetch
            }
        };
        if !fetch.ok {
            out.offline = Some(offline(&git, &branch, &fetch.stderr));
            return Ok(out);
        }
        let lock = match held.take() {
            Some(lock) => lock,
            // Taken again after a push the remote rejected: what was saved here while git
            // waited on the remote is committed before the merge.
            None => {
                let lock = store::hold_lock(&path, patience)?;
                if let Some(more) = commit(&git, &path, &lock, &name, &mut out.merged)? {
                    out.committed = Some(match out.committed.take() {
                        Some(first) => format!(
                            "{first}; {}",
                            more.strip_prefix("trustladder: ").unwrap_or(&more)
                        ),
                        None => more,
                    });
                }
                lock
            }
        };
        // The remote's branch is this machine's last commit (nothing came in, nothing is to
        // go out): there is nothing to merge or push, and every check below would find
        // nothing, as the merge base, the two sides and the key files are all this commit.
        // The ledger is still opened, as below: one that does not open here (locked, its key
        // file lost) is said, not passed over as up to date.
        if git.same_commit("HEAD", &upstream)? {
            ledger_of(&path)?;
            return Ok(out);
        }
        // A history with nothing in common after one shared: never joined unasked (a
        // stranger's records would come in, and this ledger's whole history go out to them).
        // A first sync with a remote that has a ledger of its own joins the two, as set up.
        if known && git.has(&upstream) && !git.run(&["merge-base", "HEAD", &upstream])?.ok {
            return Err(SyncError::RemoteReplaced {
                branch: branch.clone(),
                dir: git.dir().to_path_buf(),
            });
        }
        if git.has(&upstream) {
            not_deleted_there(&git, &name, &upstream, out.committed.as_deref())?;
            not_damaged_there(&git, &path, &name, &upstream, out.committed.as_deref())?;
            // Committed here too, and so said if the merge fails.
            let followed = if follow_encryption(&git, &lock, &name, &upstream)? {
                commit(&git, &path, &lock, &name, &mut out.merged)?
            } else {
                None
            };
            keep_key_for_backups(&git, &path, &lock, &name, &upstream)?;
            let before = ledger_of(&path)?;
            let key_file = git.dir().join(format!("{name}.key"));
            let key_before = crate::store::read_file(&key_file).ok().flatten();
            let was_sealed = crate::crypt::envelope::sealed_on_disk(&path);
            // The last commit this machine shares with the remote, before it merges.
            let shared = git.run(&["merge-base", "HEAD", &upstream])?;
            let shared = shared.ok.then_some(shared.stdout);
            let head_before = git.run(&["rev-parse", "--verify", "--quiet", "HEAD"])?;
            let head_before = head_before
                .ok
                .then(|| head_before.stdout.trim().to_string());
            let said_before = out.merged.len();
            // Lent, the key is taken back whatever the merge comes to: nothing stands between.
            let lent = lend_key_for_merge(&git, &path, &lock, &name, &upstream)?;
            let merged = merge(&git, &upstream, &path, &lock, Side::Remote);
            if lent {
                // Lent for the merge alone: a copy kept for the backups sealed here stays.
                let _ = std::fs::remove_file(crate::crypt::keyfile::lent_key_path(&path));
            }
            let report = match merged {
                // Said by what happened: the ledger decrypted here met changes still sealed.
                Err(SyncError::EncryptedElsewhere) if lent => {
                    return Err(SyncError::DecryptedHere);
                }
                // Said with what was committed here: "nothing was changed" would hide it.
                Err(SyncError::MergeFailed(why))
                    if out.committed.is_some() || followed.is_some() =>
                {
                    let committed = [out.committed, followed]
                        .into_iter()
                        .flatten()
                        .map(|c| c.strip_prefix("trustladder: ").unwrap_or(&c).to_string())
                        .collect::<Vec<_>>()
                        .join("; ");
                    return Err(SyncError::MergeFailedAfterCommit { why, committed });
                }
                merged => merged?,
            };
            let sealed = crate::crypt::envelope::sealed_on_disk(&path);
            let key_after = crate::store::read_file(&key_file).ok().flatten();
            // Sealed here and there, with other keys than here: another machine decrypted the
            // ledger and encrypted it again, and this machine took it as it was there.
            let rekeyed = report.is_empty()
                && sealed
                && was_sealed
                && taken_back.is_none()
                && main_key_of(key_after.as_deref()).is_some()
                && main_key_of(key_before.as_deref()) != main_key_of(key_after.as_deref());
            let after = match ledger_of(&path) {
                Ok(after) => Some(after),
                // A fast-forward to a ledger encrypted elsewhere, which nothing here unlocks
                // yet: taken all the same (this machine had nothing to merge), and said below.
                // A passphrase that opens nothing here (the one of before, from a command) is
                // the same: the fast-forward is done, and saying "nothing was changed" hid it.
                Err(e)
                    if (matches!(e, SyncError::Locked) || wrong_passphrase(&e))
                        && report.is_empty()
                        && sealed
                        && (!was_sealed || rekeyed) =>
                {
                    None
                }
                Err(e) => return Err(e),
            };
            if let Some(after) = &after
                && report.is_empty()
                && before != *after
            {
                // A fast-forward: git ran no merge, so say what came in, and what of this
                // machine's own moved or lost in the other machine's merge. (A merge here says
                // that itself: its report names this machine's moves by the numbers it knew.)
                // What changed no record (a change time, a tombstone) is no change to say.
                let took = summary(&before, after);
                if took != "no change" {
                    out.merged.push(format!("took {took}"));
                }
                out.merged.extend(moved(&before, after));
            }
            // Merged or taken, what of this machine's lost in merges made elsewhere.
            if let (Some(shared), Some(_)) = (&shared, &after) {
                let lost = lost_here(&git, &path, &name, shared.trim(), &upstream);
                out.merged
                    .extend(lost.into_iter().filter(|l| !report.contains(l)));
            }
            if report.is_empty() && sealed != was_sealed {
                // A fast-forward to a ledger encrypted or decrypted elsewhere, said as the
                // merge driver says it; by this machine's own commit taken back, said so.
                let turned = taken_back.as_ref().and_then(|m| m.turned(sealed));
                out.merged.push(turned.unwrap_or_else(|| {
                    match (sealed, &after) {
                        (true, Some(_)) => driver::ENCRYPTED_ELSEWHERE,
                        (true, None) => {
                            "the ledger here is now encrypted, as another machine encrypted it; `trustladder unlock` with the passphrase set there opens it"
                        }
                        (false, _) => {
                            "the ledger here is now plain JSON, as another machine decrypted it"
                        }
                    }
                    .to_string()
                }));
            }
            if rekeyed {
                out.merged.push(REKEYED.to_string());
            }
            // A key file the other machine changed alone (a new passphrase there) comes in
            // without a merge of it: said, as the passphrase asked here changes with it.
            let both_changed = report
                .iter()
                .any(|l| l.starts_with(driver::BOTH_PASSPHRASES));
            if key_before.is_some()
                && key_after.is_some()
                && key_before != key_after
                && !both_changed
                && !rekeyed
            {
                out.merged.push(PASSPHRASE_CHANGED.to_string());
            }
            out.merged.extend(report);
            if sealed && !was_sealed {
                let hint = plain_backups(&path);
                if let Some(line) = out.merged.iter_mut().find(|l| {
                    l.starts_with(driver::ENCRYPTED_ELSEWHERE)
                        || l.starts_with(by_hand::ENCRYPTED_AGAIN)
                }) {
                    line.push_str(&hint);
                }
            }
            if let Some(after) = &after {
                out.merged.extend(named_alike(&before, after));
                out.merged.extend(archived_with_open(&before, after));
            }
            // Commits that changed other files alone (a file of the user's, pushed by hand):
            // taken, and said, where "up to date" alone hid that anything came in.
            if let Some(since) = head_before.filter(|_| out.merged.len() == said_before) {
                let others = others_taken(&git, &name, &since)?;
                if !others.is_empty() {
                    let others: Vec<&str> = others.iter().map(String::as_str).collect();
                    out.merged.push(format!(
                        "took changes to other files than the ledger: {}",
                        a_few(&others)
                    ));
                }
            }
            if let Some(message) = seal_history(&git, &path, &name, &upstream)? {
                out.committed = Some(message);
            }
            if git.ok(&["rev-parse", "HEAD"])? == git.ok(&["rev-parse", &upstream])? {
                return Ok(out);
            }
        }
        // Kept until said: the push can wait long, and the sync be stopped while it does.
        unsaid::keep(&git, &path, &out.merged)?;
        by_hand::keep(&git)?;
        drop(lock);
        let push = git.run(&["push", "--quiet", "-u", "origin", &branch])?;
        if push.ok {
            out.pushed = true;
            return Ok(out);
        }
        if declined(&push.stderr) {
            out.refused = Some(remote::declined_why(&push.stderr, &branch));
            return Ok(out);
        }
        // A lock on the remote's branch that is still there once the push is over (a push
        // killed there, on a folder remote) stays there however often the push is tried.
        if let Some(lock) = git::lock_in_the_way(&push.stderr) {
            if Path::new(&lock).is_file() {
                out.refused = Some(remote::lock_left(&push.stderr, &lock));
                return Ok(out);
            }
            locked_there = Some(git_reason(&push.stderr));
        } else {
            locked_there = None;
        }
        if !rejected(&push.stderr) {
            out.offline = Some(offline(&git, &branch, &push.stderr));
            return Ok(out);
        }
    }
    // What was committed and merged here stays, and is said with the refusal: a lock on the
    // remote's branch each time, in git's words.
    out.refused = Some(match locked_there {
        Some(why) => format!("{why}; tried {PUSH_TRIES} times"),
        None => format!("the remote kept moving on; tried {PUSH_TRIES} times"),
    });
    Ok(out)
}

/// Refuses, before any lock is taken or anything written, what no sync can work on: a data
/// file that is no regular file, gone, read-only or damaged, a key file that is no file, a
/// folder not set up for sync, and a repository in the middle of a merge of others, detached
/// or off the synced branch. Returns the repository and the data file's name in it.
fn refuse_what_cannot_sync(path: &Path) -> Result<(Git, String), SyncError> {
    // A folder (or a pipe) named as the data file is refused as every command refuses it:
    // taken for a file in the folder above, it was said to be "not set up for sync".
    store::open_regular(path)?;
    let (folder, name) = split(path);
    setup::not_root_in_others_folder(&folder)?;
    let git = Git::at(&folder);
    if git.toplevel().is_none() {
        return Err(SyncError::NotSetUp(folder));
    }
    // A folder with no ledger, here or in its last commit (a clone of an empty remote made
    // by hand): a sync would push a branch without one, which every `sync clone` then
    // refuses.
    if !path.exists() && !git.holds("HEAD", &name)? {
        store::refuse_gone(path)?;
        return Err(SyncError::NoLedgerHere(path.to_path_buf()));
    }
    // A data file gone from where it was (a checkout killed half-way, or deleted): refused
    // as every change refuses it, where the merge would take it for an empty ledger, or a
    // sync with nothing to merge say "up to date".
    if !path.exists() {
        return Err(gone_committed(path, &folder, &name));
    }
    // A file or folder made read-only is left as it is, as by every change: the merge would
    // write it (and a sync made it writable again).
    store::refuse_protected(path)?;
    // A file that does not read as a ledger (a file of the user's named by mistake, or the
    // ledger damaged here) is refused as the commit would refuse it, before set-up files are
    // written for it: they were left changed after "nothing was changed", and the next sync
    // pushed them.
    if damaged(path) {
        opened(path)?;
    }
    if let Some(kind) = crate::crypt::keyfile::in_its_place(path) {
        return Err(SyncError::KeyFileNotAFile {
            path: crate::crypt::keyfile::key_path(path),
            kind,
        });
    }
    no_merge_of_others(&git, &name)?;
    no_unmerged_others(&git, &name)?;
    not_detached(&git)?;
    on_the_synced_branch(&git, &name)?;
    Ok((git, name))
}

/// Why a data file gone from a synced folder whose last commit holds it is refused: with the
/// checkout that brings it back and the backups beside it, unless the store refuses it for
/// a reason of its own first.
fn gone_committed(path: &Path, folder: &Path, name: &str) -> SyncError {
    // Git's version first: the synced folder's own way back, which the backups beside
    // it are named after.
    let backups = match store::refuse_gone(path) {
        Err(StoreError::GoneWithBackups {
            folder,
            count,
            newest,
            ..
        }) => Some(GoneBackups {
            folder,
            count,
            newest,
        }),
        Err(refused) => return refused.into(),
        Ok(()) => None,
    };
    SyncError::GoneCommitted {
        checkout: checkout_command(folder, name),
        path: path.to_path_buf(),
        backups,
    }
}

/// The ledger a sync works on, as every step of it names it: the repository, the data file,
/// and its name in the repository's folder.
pub(super) struct Here<'a> {
    pub(super) git: &'a Git,
    pub(super) path: &'a Path,
    pub(super) name: &'a str,
}

/// Whether the repository has a remote, refused where one is set to the repository itself.
fn has_origin_not_itself(git: &Git, git_dir: &Path) -> Result<bool, SyncError> {
    // The remote's URLs, read where whether there is one was asked: one set by hand to this
    // very repository (`git remote set-url origin` naming it) is refused, as `sync init
    // --remote .` is, before anything is committed. Each sync fetched from and pushed to
    // itself, said "pushed", and no other machine ever took anything.
    let origin = remote::origin_urls(&git.ok(&["remote", "-v"])?);
    if let Some(urls) = &origin {
        remote::not_itself(git, git_dir, urls)?;
    }
    Ok(origin.is_some())
}

/// Sets the repository up for this sync and clears what an earlier one stopped half-way
/// left, under the data file's `lock`. Returns what is said of a merge such a sync left
/// unfinished, where it was undone.
fn tidy_up_after_others(here: &Here, lock: &LockFile) -> Result<Option<String>, SyncError> {
    let Here { git, path, name } = *here;
    setup::register(git, name)?;
    merged_by_our_driver(git, name)?;
    setup::remove_merge_leftovers(git);
    // A key file lent to a merge that a killed sync left: read before the copy kept for the
    // backups, it would stand in for that copy until the next merge.
    let _ = std::fs::remove_file(crate::crypt::keyfile::lent_key_path(path));
    commit::forget_merge_committed(git)?;
    // Kept as a backup before it is undone, should the undo take what was not the sync's.
    let mut kept_as = None;
    let undone = undo_merge_cut_short(git, name, &mut || {
        kept_as = store::backups::keep_before_merge(path, lock)?;
        Ok(())
    })?;
    Ok(undone.then(|| cut_short::undone(kept_as.as_deref())))
}

/// Before anything is committed: a remote that now holds another repository is refused, and
/// the ledger here kept as a backup where the remote's changes will be written over it.
fn ready_for_the_remote(
    here: &Here,
    lock: &LockFile,
    upstream: &str,
    fetched: Option<&git::Ran>,
    join: bool,
) -> Result<(), SyncError> {
    let Here { git, path, name } = *here;
    // The ledger as it is here, kept as a backup before a merge or a fast-forward writes the
    // remote's changes over it; kept before anything is committed, so that a backups folder
    // in the way stops the sync with nothing done.
    // A file that does not read is no backup: the commit below refuses it, and nothing is
    // changed (a backup of it was the newest, and counted as sound).
    // Where the remote's branch is this machine's last commit, nothing came in: one git
    // command says so, and the rest of the sync goes no further than the commit.
    let fetched_ok = fetched.is_some_and(|f| f.ok);
    let up_to_date = fetched_ok && git.same_commit("HEAD", upstream)?;
    // Before anything is committed, kept as a backup or pushed.
    if fetched_ok && !up_to_date {
        stranger::not_another_repository(git, name, join)?;
    }
    if path.exists()
        && fetched_ok
        && !up_to_date
        && git.has(upstream)
        && changed_there(git, name, upstream)?
        && !damaged(path)
    {
        store::backups::keep_before_merge(path, lock)?;
    }
    Ok(())
}

/// Commits this machine's changes, what the commit says added to `finished`. A passphrase
/// that opens nothing, where the fetch before failed, is said with why the remote could not
/// be reached.
fn commit_here(
    here: &Here,
    lock: &LockFile,
    fetched: Option<&git::Ran>,
    finished: &mut Vec<String>,
) -> Result<Option<String>, SyncError> {
    let Here { git, path, name } = *here;
    match commit(git, path, lock, name, finished) {
        Err(e) if wrong_passphrase(&e) && fetched.is_some_and(|f| !f.ok) => {
            let why = fetched
                .map(|f| git::first_lines(&f.stderr))
                .unwrap_or_default();
            Err(SyncError::WrongOffline {
                url: remote::shown(&git.config("remote.origin.url").unwrap_or_default()),
                why,
                wrong: e.to_string(),
            })
        }
        committed => committed,
    }
}

/// Merges back the last sync's commit that a reset by hand took out and the remote does not
/// hold, once what changed here (`committed`) is committed; returns what the merge says.
fn merge_back(
    here: &Here,
    lock: &LockFile,
    moved_back: &MovedBack,
    committed: Option<&str>,
) -> Result<Vec<String>, SyncError> {
    let Here { git, path, name } = *here;
    let was_sealed = crate::crypt::envelope::sealed_on_disk(path);
    // A commit that encrypted the ledger, its key file reset away with it: the merge
    // brings that key file back, and is lent it to open the commit's ledger. One that
    // decrypted it takes the key file away, as another machine's decryption does:
    // the backups sealed here keep a copy.
    keep_key_for_backups(git, path, lock, name, &moved_back.commit)?;
    let lent = lend_key_for_merge(git, path, lock, name, &moved_back.commit)?;
    let merged = merge(git, &moved_back.commit, path, lock, Side::Own);
    if lent {
        let _ = std::fs::remove_file(crate::crypt::keyfile::lent_key_path(path));
    }
    // Said as this machine's own commit, never as another machine's changes.
    let committed_here =
        committed.map(|c| c.strip_prefix("trustladder: ").unwrap_or(c).to_string());
    let mut said = merged.map_err(|e| match e {
        SyncError::EncryptedElsewhere => SyncError::MergeBackLocked {
            commit: moved_back.short.clone(),
            committed: committed_here,
        },
        SyncError::MergeFailed(why) => SyncError::MergeBackFailed {
            commit: moved_back.short.clone(),
            why,
            committed: committed_here,
        },
        e => e,
    })?;
    let sealed = crate::crypt::envelope::sealed_on_disk(path);
    if let Some(turned) = moved_back.turned(sealed).filter(|_| sealed != was_sealed) {
        let hint = if sealed {
            plain_backups(path)
        } else {
            String::new()
        };
        said.push(turned + &hint);
    }
    Ok(said)
}

/// The lock that keeps two syncs of one repository apart, in its git folder: held for the
/// whole sync, where the data file's lock is let go while git waits on the remote. Waited
/// for as `patience` says, without its notice, which names the data file's lock; given up,
/// said as another sync. Returned with the git folder, which the sync knows its own
/// repository by.
fn hold_sync_lock(git: &Git, patience: &store::Patience) -> Result<(LockFile, PathBuf), SyncError> {
    let git_dir = PathBuf::from(git.ok(&["rev-parse", "--absolute-git-dir"])?.trim());
    let held = LockFile::acquire(&git_dir.join("trustladder-sync"), &patience.quiet());
    let held = held.map_err(|e| match e {
        StoreError::Busy { pid, waited, .. } => SyncError::AnotherSync { pid, waited },
        e => e.into(),
    })?;
    Ok((held, git_dir))
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
