//! One sync, start to end: this machine's changes committed, the other machines' fetched
//! and merged, the result pushed, under the data file's lock and the sync's own.

use std::path::{Path, PathBuf};

use crate::store::{self, LockFile, StoreError};

use super::by_hand::MovedBack;
use super::commit::commit;
use super::cut_short::undo_merge_cut_short;
use super::keys::{keep_key_for_backups, lend_key_for_merge};
use super::ledger::{damaged, ledger_of, opened, plain_backups, wrong_passphrase};
use super::merge::{Side, merge};
use super::refusals::{
    merged_by_our_driver, no_merge_of_others, no_unmerged_others, not_detached,
    on_the_synced_branch,
};
use super::remote::{declined, git_reason, offline, rejected};
use super::take::take_the_remote;
use super::{
    Git, GoneBackups, SyncError, Synced, by_hand, checkout_command, commit, cut_short, git, remote,
    setup, split, stranger, unsaid,
};

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
                fetch_again(&git, &name, join)?
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
                commit_saved_meanwhile(&here, &lock, &mut out)?;
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
        not_replaced(&git, &upstream, &branch, known)?;
        if git.has(&upstream)
            && take_the_remote(&here, &lock, &upstream, taken_back.as_ref(), &mut out)?
        {
            return Ok(out);
        }
        match push(&here, &branch, lock, &mut out)? {
            Pushed::Over => return Ok(out),
            Pushed::Rejected { locked } => locked_there = locked,
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

/// Fetches the remote's branches again, after a push the remote rejected.
fn fetch_again(git: &Git, name: &str, join: bool) -> Result<git::Ran, SyncError> {
    let fetch = fetch(git)?;
    // The remote, empty at the first fetch, may since hold another repository.
    if fetch.ok {
        stranger::not_another_repository(git, name, join)?;
    }
    Ok(fetch)
}

/// Commits what was saved here while git waited on the remote, its message joined to the
/// one of what the sync committed before.
fn commit_saved_meanwhile(here: &Here, lock: &LockFile, out: &mut Synced) -> Result<(), SyncError> {
    if let Some(more) = commit(here.git, here.path, lock, here.name, &mut out.merged)? {
        out.committed = Some(match out.committed.take() {
            Some(first) => format!(
                "{first}; {}",
                more.strip_prefix("trustladder: ").unwrap_or(&more)
            ),
            None => more,
        });
    }
    Ok(())
}

/// Refuses the remote's branch where this machine has taken it before (`known`) and their
/// histories no longer meet.
fn not_replaced(git: &Git, upstream: &str, branch: &str, known: bool) -> Result<(), SyncError> {
    // A history with nothing in common after one shared: never joined unasked (a
    // stranger's records would come in, and this ledger's whole history go out to them).
    // A first sync with a remote that has a ledger of its own joins the two, as set up.
    if known && git.has(upstream) && !git.run(&["merge-base", "HEAD", upstream])?.ok {
        return Err(SyncError::RemoteReplaced {
            branch: branch.to_string(),
            dir: git.dir().to_path_buf(),
        });
    }
    Ok(())
}

/// Where a push leaves a sync.
enum Pushed {
    /// The sync is over: pushed, or what stopped the push is in its report.
    Over,
    /// Rejected as the remote moved on: merged again and tried again. With git's reason where
    /// the remote's branch was locked.
    Rejected { locked: Option<String> },
}

/// Pushes the branch here to the remote, what went wrong said in `out`. The data file's
/// `lock` is let go first: the push can wait long on the remote.
fn push(here: &Here, branch: &str, lock: LockFile, out: &mut Synced) -> Result<Pushed, SyncError> {
    let git = here.git;
    // Kept until said: the push can wait long, and the sync be stopped while it does.
    unsaid::keep(git, here.path, &out.merged)?;
    by_hand::keep(git)?;
    drop(lock);
    let push = git.run(&["push", "--quiet", "-u", "origin", branch])?;
    if push.ok {
        out.pushed = true;
        return Ok(Pushed::Over);
    }
    if declined(&push.stderr) {
        out.refused = Some(remote::declined_why(&push.stderr, branch));
        return Ok(Pushed::Over);
    }
    // A lock on the remote's branch that is still there once the push is over (a push
    // killed there, on a folder remote) stays there however often the push is tried.
    let locked = match git::lock_in_the_way(&push.stderr) {
        Some(lock) if Path::new(&lock).is_file() => {
            out.refused = Some(remote::lock_left(&push.stderr, &lock));
            return Ok(Pushed::Over);
        }
        Some(_) => Some(git_reason(&push.stderr)),
        None => None,
    };
    if !rejected(&push.stderr) {
        out.offline = Some(offline(git, branch, &push.stderr));
        return Ok(Pushed::Over);
    }
    Ok(Pushed::Rejected { locked })
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
