//! The same ledger on several machines, through git: `sync init` makes the data file's folder
//! a repository that merges the ledger with our own driver, `sync clone` sets up another
//! machine from the remote, and `sync` commits, pulls (merging by uid) and pushes.
//!
//! Git does the transport with the remotes the user already has; the merge is ours
//! (`core::merge`), run by git as a merge driver, so a plain `git pull` in the folder merges the
//! ledger correctly too. No server of our own, and nothing goes anywhere but the remote the
//! user named.

pub mod driver;
mod git;
mod setup;
mod synced;

use std::path::{Path, PathBuf};

use crate::core::merge::{archived_with_open, moved, named_alike, overridden, summary};
use crate::store::{self, Store, StoreError};

pub use git::Git;
pub use setup::{clone, init, ledger_named_in};
pub use synced::{Lacking, checkout_command, checkout_takes, lacks};

/// How many commits of the git repository the data file at `path` is in hold a version of it
/// (0 where there is no repository, or no git): after `encrypt`, those versions stay in plain
/// text in the history, here and on the remote, and the user should hear so.
pub fn committed_versions(path: &Path) -> usize {
    let path = store::resolve_links(path.to_path_buf());
    let (folder, name) = split(&path);
    let git = Git::at(&folder);
    if git.toplevel().is_none() {
        return 0;
    }
    git.ok(&["rev-list", "--count", "--all", "--", &name])
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// The key files of the data file at `path` that git holds: the last one committed, then the
/// remote's as last fetched (the texts, each once; none where there is no repository, or no
/// git). A key file lost or damaged on one machine is usually whole there, and `recover`
/// keeps its main key, so the other machines sync on.
pub fn committed_key_files(path: &Path) -> Vec<String> {
    let path = store::resolve_links(path.to_path_buf());
    let (folder, name) = split(&path);
    let git = Git::at(&folder);
    if git.toplevel().is_none() {
        return Vec::new();
    }
    let key_name = format!("{name}.key");
    let mut found: Vec<String> = Vec::new();
    for commit in ["HEAD", "@{upstream}"] {
        let text = git
            .bytes(&["show", &format!("{commit}:./{key_name}")])
            .ok()
            .flatten()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        if let Some(text) = text
            && !found.contains(&text)
        {
            found.push(text);
        }
    }
    found
}

/// The message of the merge commit a sync makes, by which a merge it left unfinished is known.
const MERGE_MESSAGE: &str = "trustladder: merge";

/// How many times a push rejected because the remote moved on is merged and tried again.
const PUSH_TRIES: usize = 5;

/// Why a sync did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(
        "git is not installed; sync runs the git program (install it, e.g. `apt-get install git`)"
    )]
    NoGit,
    #[error(
        "the remote's {branch} shares no commit with this ledger's history any more (replaced by a force push, or by another ledger): nothing was merged or pushed, and what was committed here waits; to join the two ledgers all the same, run `git -C {} merge --allow-unrelated-histories origin/{branch}`, then sync again",
        git::shell_quoted(&.dir.display().to_string())
    )]
    RemoteReplaced { branch: String, dir: PathBuf },
    #[error(
        "{0} is not set up for sync; run `trustladder sync init [--remote URL]`, or `trustladder sync clone URL` on a second machine"
    )]
    NotSetUp(PathBuf),
    #[error(
        "git has a merge of your own under way in {top} ({files}): finish it with `git commit`, or undo it with `git merge --abort`, then sync again; nothing was changed"
    )]
    OthersMerge { top: PathBuf, files: String },
    #[error(
        "git left {files} unmerged in {top}, with conflict markers: {next}, then sync again; nothing was changed"
    )]
    Unmerged {
        top: PathBuf,
        files: String,
        /// How to settle them, and undo what left them, by what git has under way.
        next: String,
    },
    #[error(
        "HEAD in {} is detached (it names a commit, not a branch): a commit made there would be left behind at the next checkout; check out your branch (`git -C {} checkout {branch}`) and sync again; nothing was changed",
        .dir.display(),
        git::shell_quoted(&.dir.display().to_string())
    )]
    Detached { dir: PathBuf, branch: String },
    #[error(
        "a rebase is under way in {}: finish it (`git rebase --continue`) or undo it (`git rebase --abort`), then sync again; nothing was changed",
        .0.display()
    )]
    Rebasing(PathBuf),
    /// The remote's branch no longer holds the ledger: the whole message, made where what to
    /// do is known ([`not_deleted_there`]).
    #[error("{0}")]
    DeletedThere(String),
    #[error("{0} already holds a ledger; `trustladder sync init` sets up sync with it")]
    AlreadyThere(PathBuf),
    #[error(
        "{path} already holds a ledger, synced with {url}: `trustladder sync` syncs it; nothing was changed"
    )]
    AlreadySynced { path: PathBuf, url: String },
    #[error(
        "{url} holds another ledger (its history shares no commit with this one's), so the remote stays {have}: nothing was merged or pushed; to share this ledger there, make it an empty repository first"
    )]
    OtherLedgerThere { url: String, have: String },
    #[error(
        "there is no ledger at {0} to share yet: add a colleague first, or take the ledger \
         of another machine with `trustladder sync clone URL`"
    )]
    NoLedgerHere(PathBuf),
    #[error(
        "this folder's git repository already has a remote `origin` at {have}, not {want}; `sync clone` leaves it as it is (to sync with {have}, run `trustladder sync`)"
    )]
    OtherOrigin { have: String, want: String },
    #[error(
        "the branch {0} here has commits the remote lacks; `sync clone` would reset it, so it changes nothing (merge them by hand, or clone into a folder of its own)"
    )]
    BranchAhead(String),
    #[error("the remote holds no {0}; is it the right repository?")]
    NothingThere(String),
    #[error(
        "the remote holds no {want} but a ledger named {has}: clone it as that (`trustladder --file {} sync clone {}`), or rename it there",
        git::shell_quoted(&.folder.join(.has).display().to_string()),
        git::shell_quoted(.url)
    )]
    NamedOtherwise {
        want: String,
        has: String,
        folder: PathBuf,
        url: String,
    },
    #[error(
        "the remote {url} could not be reached ({why}); nothing was set up here: check the URL and run `trustladder sync clone` again"
    )]
    Unreachable { url: String, why: String },
    #[error(
        "the remote {0} holds no commits yet: run `trustladder sync init --remote URL` on the machine that has the ledger first, then clone"
    )]
    EmptyRemote(String),
    #[error("{command} failed: {message}")]
    Git { command: String, message: String },
    #[error(
        "sync cannot name the data file {0:?} to git: a name with a space, a quote, a backslash or one of * ? [ (or starting with # or !) reads as something else in .gitattributes; rename the file (e.g. to trustladder.json) and sync again"
    )]
    UnsafeName(String),
    #[error("the merge of the other machine's changes failed: {}", nothing_changed(.0))]
    MergeFailed(String),
    /// A merge that failed after this machine's own changes were committed: the ledger is as
    /// it was, and the commit waits for the next sync to push it.
    #[error(
        "the merge of the other machine's changes failed: {why}; the ledger here is as it was, and what changed here is committed ({committed}), to be pushed by the sync that merges"
    )]
    MergeFailedAfterCommit { why: String, committed: String },
    #[error("{0}")]
    Merge(String),
    #[error(
        "format version {0} is newer than this program knows; update trustladder on this machine first"
    )]
    TooNew(u64),
    /// An encrypted ledger's merge needs its key, and nothing holds it.
    #[error(
        "the ledger is encrypted and locked, so sync could not read it or merge another machine's changes into it; nothing was lost: run `trustladder unlock` (or set TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints the passphrase), then sync again"
    )]
    Locked,
    /// The merge driver could not open a version for want of the key: said for whoever ran
    /// the merge, `sync` or a plain `git pull` (`sync` says [`SyncError::Locked`] instead).
    #[error(
        "the ledger is encrypted and locked, so the merge could not read it; nothing was lost: run `trustladder unlock` (or set TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints the passphrase), then `trustladder sync`"
    )]
    MergeLocked,
    /// Both machines encrypted the ledger, each with a key of its own: neither opens the
    /// other's versions, and only giving up the key here lets the merge go on.
    #[error(
        "another machine encrypted the ledger with a key of its own (both machines ran `trustladder encrypt`), so the key here cannot open its changes; nothing was lost: run `trustladder decrypt --yes` here, then `trustladder sync` with the other machine's passphrase (`trustladder unlock`, or TRUSTLADDER_PASSPHRASE_COMMAND), and the ledger here is encrypted with its key, with every change of both machines (the recovery key printed here then opens nothing new: keep the other machine's)"
    )]
    OtherKey,
    /// The ledger here is plain, and another machine encrypted it: merging its changes needs
    /// the key it was encrypted with.
    #[error(
        "another machine encrypted the ledger, so its changes cannot be merged here without the passphrase; nothing was lost: run `trustladder unlock` with the passphrase set there (or set TRUSTLADDER_PASSPHRASE_COMMAND), then sync again, and the ledger here is encrypted too"
    )]
    EncryptedElsewhere,
    /// The ledger was decrypted here, and the other machine's changes are still sealed: reading
    /// them needs the passphrase, which `unlock` cannot take beside a plain ledger.
    #[error(
        "the ledger was decrypted here, but the other machine's changes are still encrypted (it had not synced the decryption), so merging them needs the passphrase; nothing was lost: set TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints it, then sync again, and the ledger stays plain"
    )]
    DecryptedHere,
    /// Pushing would send a plain version of an encrypted ledger, in a commit that is not
    /// sync's own to rewrite.
    #[error(
        "the ledger is encrypted, but commits not yet pushed hold it in plain text, among commits of your own that sync does not rewrite; nothing was pushed: squash them so that no plain version remains (e.g. `git reset --soft @{{upstream}}` and commit), then sync again"
    )]
    PlainInHistory,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(String),
}

/// `why` with "nothing was changed" after it, unless it says so already (a wrong passphrase
/// from the passphrase command does).
fn nothing_changed(why: &str) -> String {
    if why.contains("nothing was changed") {
        why.to_string()
    } else {
        format!("{why}; nothing was changed")
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// The message of the commit made of this machine's changes, if there were any.
    pub committed: Option<String>,
    /// What the merge of the other machines' changes did, line by line.
    pub merged: Vec<String>,
    /// Whether the result reached the remote.
    pub pushed: bool,
    /// The remote could not be reached: what waits, and why.
    pub offline: Option<Offline>,
    /// There is no remote configured.
    pub no_remote: bool,
    /// `sync init --remote` moved the remote: from where, to where.
    pub remote_moved: Option<(String, String)>,
    /// The remote would not take the push (a hook declined it, or it kept moving on): why.
    /// What was committed and merged here stays.
    pub refused: Option<String>,
}

/// A remote that could not be reached: so a mistyped address is told from a network down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offline {
    /// The commits waiting to be pushed.
    pub waiting: usize,
    /// The remote's address, as configured.
    pub url: String,
    /// What git said.
    pub why: String,
}

/// The ledger in the data file; an encrypted one locked is [`SyncError::Locked`], which says
/// to unlock and sync again.
fn ledger_of(path: &Path) -> Result<crate::core::Ledger, SyncError> {
    match Store::open(path) {
        Ok(store) => Ok(store.ledger().clone()),
        Err(StoreError::Crypt {
            source: crate::crypt::CryptError::Locked,
            ..
        }) => Err(SyncError::Locked),
        Err(e) => Err(e.into()),
    }
}

/// Refuses a merge git has under way that is not the ledger's alone (one of the user's own,
/// in a repository of theirs): a sync commits a merge under way whole, which would be the
/// user's to finish, so nothing is touched, not even staged. A merge a sync began (its
/// message is the sync's) is the next sync's to finish, whatever it brought.
pub(crate) fn no_merge_of_others(git: &Git, name: &str) -> Result<(), SyncError> {
    if !git.has("MERGE_HEAD") {
        return Ok(());
    }
    let message = git
        .ok(&["rev-parse", "--git-path", "MERGE_MSG"])
        .ok()
        .and_then(|at| std::fs::read_to_string(git.dir().join(at.trim())).ok())
        .unwrap_or_default();
    if message.starts_with(MERGE_MESSAGE) {
        return Ok(());
    }
    let prefix = git.ok(&["rev-parse", "--show-prefix"])?;
    let ours: Vec<String> = [".gitignore", ".gitattributes", &format!("{name}.key"), name]
        .iter()
        .map(|file| format!("{}{file}", prefix.trim()))
        .collect();
    let staged = staged_files(git, &["HEAD"])?;
    let others = others_than(&staged, &ours);
    if others.is_empty() {
        return Ok(());
    }
    Err(SyncError::OthersMerge {
        top: git.top(),
        files: a_few(&others),
    })
}

/// The `files` that are not among `ours` (the ledger's own, as git names them).
fn others_than<'a>(files: &'a [String], ours: &[String]) -> Vec<&'a str> {
    files
        .iter()
        .map(String::as_str)
        .filter(|file| !ours.iter().any(|o| o == file))
        .collect()
}

/// The first three of `files`, and how many more.
fn a_few(files: &[&str]) -> String {
    let shown = files.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    match files.len().saturating_sub(3) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// Refuses files git left unmerged other than the ledger and its key file (which a sync
/// merges itself): a commit would take them with their conflict markers, and push them to
/// every machine.
fn no_unmerged_others(git: &Git, name: &str) -> Result<(), SyncError> {
    let unmerged = conflicted(git)?;
    if unmerged.is_empty() {
        return Ok(());
    }
    let prefix = git.ok(&["rev-parse", "--show-prefix"])?;
    let ours = [
        format!("{}{name}", prefix.trim()),
        format!("{}{name}.key", prefix.trim()),
    ];
    let others = others_than(&unmerged, &ours);
    if others.is_empty() {
        return Ok(());
    }
    let settle = "settle them (edit, then `git add`)";
    let next = if git.has("MERGE_HEAD") {
        format!("{settle} and `git commit`, or undo the merge with `git merge --abort`")
    } else if git.has("CHERRY_PICK_HEAD") {
        format!(
            "{settle} and `git cherry-pick --continue`, or undo it with `git cherry-pick --abort`"
        )
    } else if git.has("REVERT_HEAD") {
        format!("{settle} and `git revert --continue`, or undo it with `git revert --abort`")
    } else if rebasing(git) {
        format!("{settle} and `git rebase --continue`, or undo it with `git rebase --abort`")
    } else {
        settle.to_string()
    };
    Err(SyncError::Unmerged {
        top: git.top(),
        files: a_few(&others),
        next,
    })
}

/// Whether git has a rebase under way (stopped at a conflict, or at a commit to edit).
fn rebasing(git: &Git) -> bool {
    ["rebase-merge", "rebase-apply"].iter().any(|state| {
        git.ok(&["rev-parse", "--git-path", state])
            .is_ok_and(|at| git.dir().join(at.trim()).exists())
    })
}

/// Refuses a detached HEAD: a sync's commit there belongs to no branch, and the next checkout
/// of one leaves it (and the changes it holds) behind.
fn not_detached(git: &Git) -> Result<(), SyncError> {
    if git.run(&["symbolic-ref", "--quiet", "HEAD"])?.ok {
        return Ok(());
    }
    let top = git.top();
    // Detached by a rebase under way: checking out a branch would leave it half done.
    if rebasing(git) {
        return Err(SyncError::Rebasing(top));
    }
    let branches = git.ok(&["for-each-ref", "--format=%(refname:short)", "refs/heads"])?;
    let mut branches = branches.lines();
    let branch = match (branches.next(), branches.next()) {
        (Some(only), None) => only.to_string(),
        _ => "BRANCH".to_string(),
    };
    Err(SyncError::Detached { dir: top, branch })
}

/// Refuses a remote whose branch no longer holds the ledger this machine commits: a commit
/// there deleted it (by hand: a sync never does), and taking it would delete the ledger here
/// too, then on every machine that syncs. A remote that never held it (a first sync with a
/// repository of other files) is merged as ever.
fn not_deleted_there(
    git: &Git,
    name: &str,
    upstream: &str,
    committed: Option<&str>,
) -> Result<(), SyncError> {
    if git.holds(upstream, name)? || !git.holds("HEAD", name)? {
        return Ok(());
    }
    let range = format!("HEAD..{upstream}");
    let commit = git.ok(&[
        "log",
        "-1",
        "--format=%h",
        "--diff-filter=D",
        &range,
        "--",
        name,
    ])?;
    let commit = commit.trim();
    if commit.is_empty() {
        return Ok(());
    }
    let top = git.top();
    let url = git
        .ok(&["remote", "get-url", "origin"])
        .map(|url| url.trim().to_string())
        .unwrap_or_default();
    // A folder given as a relative path is relative to the repository, not to where the
    // command below is typed.
    let url = match Path::new(&url) {
        at if at.is_relative() && !url.contains(':') => top.join(at).display().to_string(),
        _ => url,
    };
    let here = match committed {
        Some(message) => format!(
            "nothing was merged, and the ledger here is as it was (what changed here is committed: {}, to be pushed once the remote holds the ledger again)",
            message.strip_prefix("trustladder: ").unwrap_or(message)
        ),
        None => "nothing was merged or changed".to_string(),
    };
    // In a repository of the user's own (the ledger in a folder of it), its remote is theirs
    // for more than the ledger.
    let stop = if git.ok(&["rev-parse", "--show-prefix"])?.trim().is_empty() {
        format!(
            "; to stop sharing this ledger, `git -C {} remote remove origin`",
            git::shell_quoted(&top.display().to_string())
        )
    } else {
        String::new()
    };
    Err(SyncError::DeletedThere(format!(
        "the remote no longer holds {name}: commit {commit} deleted it there, and taking that would delete the ledger here too; {here}. If the deletion was a mistake, undo it on the remote (`git clone {} undo && git -C undo revert --no-edit {commit} && git -C undo push`), then sync again{stop}",
        git::shell_quoted(&url)
    )))
}

/// The file name and the folder of the data file.
fn split(path: &Path) -> (PathBuf, String) {
    let folder = store::files_folder(path).to_path_buf();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (folder, name)
}

/// Commits this machine's changes, merges the other machines' from the remote and pushes the
/// result, all under the data file's lock so no trustladder process writes meanwhile.
pub fn sync(path: &Path, patience: &store::Patience) -> Result<Synced, SyncError> {
    let path = store::resolve_links(path.to_path_buf());
    let (folder, name) = split(&path);
    let git = Git::at(&folder);
    if git.toplevel().is_none() {
        return Err(SyncError::NotSetUp(folder));
    }
    // A folder with no ledger, here or in its last commit (a clone of an empty remote made
    // by hand): a sync would push a branch without one, which every `sync clone` then
    // refuses.
    if !path.exists() && !git.holds("HEAD", &name)? {
        return Err(SyncError::NoLedgerHere(path));
    }
    no_merge_of_others(&git, &name)?;
    no_unmerged_others(&git, &name)?;
    not_detached(&git)?;
    setup::register(&git, &name)?;
    let _lock = store::hold_lock(&path, patience)?;
    let mut finished = Vec::new();
    let mut out = Synced {
        committed: commit(&git, &path, &name, &mut finished)?,
        merged: finished,
        ..Synced::default()
    };
    let remotes = git.ok(&["remote"])?;
    if !remotes.lines().any(|r| r.trim() == "origin") {
        out.no_remote = true;
        return Ok(out);
    }
    let branch = git.branch()?;
    let upstream = format!("origin/{branch}");
    for _ in 0..PUSH_TRIES {
        // Whether this machine has taken the remote's branch before: then it shares history.
        let known = git.has(&upstream);
        // Pruned: a branch the remote no longer has (a remote replaced by an empty one) is
        // pushed again, not taken as already there.
        let fetch = git.run(&["fetch", "--quiet", "--prune", "origin"])?;
        if !fetch.ok {
            out.offline = Some(offline(&git, &branch, &fetch.stderr));
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
            if follow_encryption(&git, &name, &upstream)? {
                commit(&git, &path, &name, &mut out.merged)?;
            }
            keep_key_for_backups(&git, &path, &name, &upstream)?;
            let before = ledger_of(&path)?;
            let was_sealed = crate::crypt::envelope::sealed_on_disk(&path);
            let lent = lend_key_for_merge(&git, &path, &name, &upstream)?;
            // The last commit this machine shares with the remote, before it merges.
            let shared = git.run(&["merge-base", "HEAD", &upstream])?;
            let shared = shared.ok.then_some(shared.stdout);
            let merged = merge(&git, &upstream, &path);
            if lent {
                // Lent for the merge alone: the backups here were made plain with the ledger.
                let _ = std::fs::remove_file(crate::crypt::keyfile::kept_key_path(&path));
            }
            let report = match merged {
                // Said by what happened: the ledger decrypted here met changes still sealed.
                Err(SyncError::EncryptedElsewhere) if lent => {
                    return Err(SyncError::DecryptedHere);
                }
                // Said with what was committed here: "nothing was changed" would hide it.
                Err(SyncError::MergeFailed(why)) if out.committed.is_some() => {
                    let committed = out.committed.unwrap_or_default();
                    return Err(SyncError::MergeFailedAfterCommit {
                        why,
                        committed: committed
                            .strip_prefix("trustladder: ")
                            .unwrap_or(&committed)
                            .to_string(),
                    });
                }
                merged => merged?,
            };
            let sealed = crate::crypt::envelope::sealed_on_disk(&path);
            let after = match ledger_of(&path) {
                Ok(after) => Some(after),
                // A fast-forward to a ledger encrypted elsewhere, which nothing here unlocks
                // yet: taken all the same (this machine had nothing to merge), and said below.
                Err(SyncError::Locked) if report.is_empty() && sealed && !was_sealed => None,
                Err(e) => return Err(e),
            };
            if let Some(after) = &after
                && report.is_empty()
                && before != *after
            {
                // A fast-forward: git ran no merge, so say what came in, and what of this
                // machine's own moved or lost in the other machine's merge. (A merge here says
                // that itself: its report names this machine's moves by the numbers it knew.)
                out.merged.push(format!("took {}", summary(&before, after)));
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
                // merge driver says it.
                out.merged.push(
                    match (sealed, &after) {
                        (true, Some(_)) => {
                            "the ledger here is now encrypted, as another machine encrypted it"
                        }
                        (true, None) => {
                            "the ledger here is now encrypted, as another machine encrypted it; `trustladder unlock` with the passphrase set there opens it"
                        }
                        (false, _) => {
                            "the ledger here is now plain JSON, as another machine decrypted it"
                        }
                    }
                    .to_string(),
                );
            }
            out.merged.extend(report);
            if let Some(after) = &after {
                out.merged.extend(named_alike(&before, after));
                out.merged.extend(archived_with_open(&before, after));
            }
            if let Some(message) = seal_history(&git, &path, &name, &upstream)? {
                out.committed = Some(message);
            }
            if git.ok(&["rev-parse", "HEAD"])? == git.ok(&["rev-parse", &upstream])? {
                return Ok(out);
            }
        }
        let push = git.run(&["push", "--quiet", "-u", "origin", &branch])?;
        if push.ok {
            out.pushed = true;
            return Ok(out);
        }
        if declined(&push.stderr) {
            out.refused = Some(git_reason(&push.stderr));
            return Ok(out);
        }
        if !rejected(&push.stderr) {
            out.offline = Some(offline(&git, &branch, &push.stderr));
            return Ok(out);
        }
    }
    // What was committed and merged here stays, and is said with the refusal.
    out.refused = Some(format!(
        "the remote kept moving on; tried {PUSH_TRIES} times"
    ));
    Ok(out)
}

/// Whether a push failed because the remote has commits this one lacks (try again after a
/// merge), rather than because it could not be reached.
fn rejected(stderr: &str) -> bool {
    ["rejected", "non-fast-forward", "fetch first"]
        .iter()
        .any(|w| stderr.contains(w))
}

/// Whether the remote itself declined the push (a hook, a protected branch): trying again
/// would change nothing. A ref the remote could not update because another push moved it
/// meanwhile ("cannot lock ref", "failed to update ref") is the remote moving on: tried again.
fn declined(stderr: &str) -> bool {
    stderr.contains("hook declined") || stderr.contains("(denied")
}

/// Git's reason in its own words: the lines of `stderr` that say it, on one line.
fn git_reason(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("To ") && !l.starts_with("hint:"))
        .collect();
    lines.join("; ")
}

/// What a sync that could not reach the remote leaves, and why, from git's `stderr`.
fn offline(git: &Git, branch: &str, stderr: &str) -> Offline {
    Offline {
        waiting: waiting(git, branch),
        url: git.config("remote.origin.url").unwrap_or_default(),
        why: git::first_lines(stderr),
    }
}

/// How many commits wait to be pushed.
fn waiting(git: &Git, branch: &str) -> usize {
    let upstream = format!("origin/{branch}");
    let range = if git.has(&upstream) {
        format!("{upstream}..HEAD")
    } else {
        "HEAD".to_string()
    };
    git.ok(&["rev-list", "--count", &range])
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// The identity of commits when the user has set none: commits still need an author.
fn identity(git: &Git) -> Vec<String> {
    let mut out = Vec::new();
    if git.config("user.name").is_none() {
        out.extend(["-c".to_string(), "user.name=trustladder".to_string()]);
    }
    if git.config("user.email").is_none() {
        out.extend([
            "-c".to_string(),
            "user.email=trustladder@localhost".to_string(),
        ]);
    }
    out
}

/// When another machine encrypted the ledger (the remote has its key file, this machine
/// never had one) and this machine has commits of its own to merge, puts that key file beside
/// the data file, as the merge will: the driver then opens the other side with it (once
/// `unlock` has the keys), and seals the merged ledger, as the other machine chose. Says
/// whether it did.
fn follow_encryption(git: &Git, name: &str, upstream: &str) -> Result<bool, SyncError> {
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
    let base = git
        .ok(&["merge-base", "HEAD", upstream])
        .unwrap_or_default();
    if !base.trim().is_empty() && git.holds(base.trim(), &key_name)? {
        return Ok(false);
    }
    let Some(key_file) = git.bytes(&["show", &format!("{upstream}:./{key_name}")])? else {
        return Ok(false);
    };
    store::sealing::write_private(&here, &key_file)?;
    Ok(true)
}

/// When another machine decrypted the ledger (the remote has no key file, this machine's last
/// commit has one, and the remote's ledger is plain), the merge takes the key file away; the
/// backups sealed here are still sealed with it. A copy of it goes into `backups/`, where
/// `decrypt` and `restore-backup` find it for those backups (docs/PRIVACY.md).
fn keep_key_for_backups(
    git: &Git,
    path: &Path,
    name: &str,
    upstream: &str,
) -> Result<(), SyncError> {
    let key_name = format!("{name}.key");
    let here = git.dir().join(&key_name);
    if !here.exists() || !git.holds("HEAD", &key_name)? || git.holds(upstream, &key_name)? {
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
    store::ensure_folder(&folder)?;
    store::sealing::write_private(&crate::crypt::keyfile::kept_key_path(path), &key_file)?;
    Ok(())
}

/// When this machine decrypted the ledger (no key file here, nor in its last commit) and the
/// other machine's changes are still sealed (it had not synced the decryption), the merge
/// needs the key to read them: the remote's key file is lent where a plain ledger's key is
/// looked for ([`crate::crypt::keyfile::kept_key_path`]), unless a copy is there already.
/// The decryption has its way in the merge, so the key file leaves with it. Says whether it
/// lent one, to be taken away after the merge.
fn lend_key_for_merge(
    git: &Git,
    path: &Path,
    name: &str,
    upstream: &str,
) -> Result<bool, SyncError> {
    let key_name = format!("{name}.key");
    let kept = crate::crypt::keyfile::kept_key_path(path);
    if git.dir().join(&key_name).exists()
        || kept.exists()
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
    store::ensure_folder(&store::backups::folder(path))?;
    store::sealing::write_private(&kept, &key_file)?;
    Ok(true)
}

/// When the ledger is sealed now but a commit of this machine's not yet pushed holds it in
/// plain text (made before another machine's `encrypt` arrived, or before `encrypt` here),
/// replaces those commits with one of the result on top of `upstream`, so that pushing sends
/// no plain version: the plain commits stay on this machine only, as the plain file was.
/// Returns the new commit's message. A commit of the user's own among them is never
/// rewritten: then nothing is pushed, and the error says why.
fn seal_history(
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

/// The files sync commits that are there: its set-up files, the key file and the ledger.
fn sync_files(git: &Git, name: &str) -> Vec<String> {
    [".gitignore", ".gitattributes", &format!("{name}.key"), name]
        .into_iter()
        .filter(|p| git.dir().join(p).exists())
        .map(str::to_string)
        .collect()
}

/// Whether nothing staged differs from the last commit in `scope` (all of it when empty).
fn unchanged(git: &Git, scope: &[&str]) -> Result<bool, SyncError> {
    // The bytes, not what the diff driver shows: a locked ledger's two versions both show
    // as "an encrypted trustladder ledger", and would read as the same.
    let mut args = vec![
        "diff",
        "--cached",
        "--quiet",
        "--no-textconv",
        "--no-ext-diff",
        "--",
    ];
    args.extend(scope.iter().copied());
    Ok(git.run(&args)?.ok)
}

/// Commits `scope` (everything staged when empty) with `message`.
fn commit_only(git: &Git, message: &str, scope: &[&str]) -> Result<(), SyncError> {
    let mut args = vec!["commit", "--quiet", "-m", message, "--"];
    args.extend(scope.iter().copied());
    let ran = committing(git, &args)?;
    if !ran.ok {
        return Err(SyncError::Git {
            command: "git commit".into(),
            message: git::first_lines(&ran.stderr),
        });
    }
    Ok(())
}

/// Merges the data file where git left a merge unfinished at it (a plain `git pull` whose
/// driver failed, say with the ledger locked): the file as it is here (this machine's side,
/// with any change made since) and the other side git keeps in its index, over their
/// ancestor, as the driver would have. Committing the file as it is would record this side
/// alone as the merge, and the other machine's changes would be lost on both.
fn finish_merge(git: &Git, path: &Path, name: &str) -> Result<Vec<String>, SyncError> {
    let unmerged = git.ok(&["ls-files", "--unmerged", "--", name])?;
    if unmerged.trim().is_empty() {
        return Ok(Vec::new());
    }
    let stage = |n: u8| git.bytes(&["show", &format!(":{n}:./{name}")]);
    let theirs = stage(3)?.ok_or_else(|| {
        SyncError::MergeFailed(format!(
            "git left a merge unfinished at {name} without the other side; run `git merge --abort` and sync again"
        ))
    })?;
    let base = stage(1)?.unwrap_or_default();
    // The file here, unless a merge without the driver (a plain `git pull`) wrote git's
    // conflict markers into it: then this side as git holds it.
    let working = store::read_file(path)?.unwrap_or_default();
    let ours = match store::conflict_marker(&working) {
        Some(_) => stage(2)?.unwrap_or(working),
        None => working,
    };
    // The versions as git holds them (sealed, for an encrypted ledger), in a private folder.
    let dir = tempfile::tempdir().map_err(|e| SyncError::Io(format!("a temporary folder: {e}")))?;
    let write = |file: &str, bytes: &[u8]| {
        let at = dir.path().join(file);
        std::fs::write(&at, bytes)
            .map(|()| at)
            .map_err(|e| SyncError::Io(format!("a temporary file: {e}")))
    };
    let (base, ours, theirs) = (
        write("base", &base)?,
        write("ours", &ours)?,
        write("theirs", &theirs)?,
    );
    let report = driver::run(&base, &ours, &theirs, path).map_err(|e| match e {
        // Said as sync says it: it is what ran.
        SyncError::MergeLocked => SyncError::Locked,
        e => e,
    })?;
    let merged =
        std::fs::read(&ours).map_err(|e| SyncError::Io(format!("a temporary file: {e}")))?;
    store::replace_file(path, &merged)?;
    // Said as a merge through the driver is said: a number that moved above all.
    Ok(driver::report_lines(&report)
        .lines()
        .filter_map(|l| l.strip_prefix(driver::REPORT_PREFIX))
        .map(str::to_string)
        .collect())
}

/// Runs a git command that makes a commit, with an identity if the user set none.
fn committing(git: &Git, args: &[&str]) -> Result<git::Ran, SyncError> {
    let mut all: Vec<String> = identity(git);
    all.extend(args.iter().map(|a| a.to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    git.run(&all)
}

/// Commits the data file (and the sync set-up files) if they changed, with a message that
/// says what changed; returns that message. Only those files: in a repository of the user's
/// own, whatever else they changed or staged is theirs to commit. A merge left unfinished (a
/// sync killed in the middle of one) is committed whole, as git allows no partial commit
/// then; a merge only starts from an index with nothing else staged. What finishing it merged
/// is added to `merged`, to be said as a merge is.
fn commit(
    git: &Git,
    path: &Path,
    name: &str,
    merged: &mut Vec<String>,
) -> Result<Option<String>, SyncError> {
    if git.has("MERGE_HEAD") {
        merged.extend(finish_merge(git, path, name)?);
        // A plain `git pull` that stopped at the key file too.
        if let Some(settled) = settle_key_file(git, path, name)? {
            merged.push(settled.to_string());
        }
    }
    let key_name = format!("{name}.key");
    let files = sync_files(git, name);
    let mut paths: Vec<&str> = files.iter().map(String::as_str).collect();
    let mut add = vec!["add", "--"];
    add.extend(paths.iter().copied());
    git.ok(&add)?;
    let key_was_committed = git.holds("HEAD", &key_name)?;
    if !git.dir().join(&key_name).exists()
        && key_was_committed
        && !crate::crypt::envelope::sealed_on_disk(path)
    {
        // A ledger decrypted here: its key file leaves the repository too. (Beside a sealed
        // ledger, a missing key file is lost, and stays in git for `recover` to find.)
        git.ok(&[
            "rm",
            "--cached",
            "--quiet",
            "--ignore-unmatch",
            "--",
            &key_name,
        ])?;
        paths.push(&key_name);
    }
    let scope: &[&str] = if git.has("MERGE_HEAD") { &[] } else { &paths };
    if unchanged(git, scope)? {
        return Ok(None);
    }
    let described = match described(git, path, name) {
        Ok(described) => described,
        Err(e) => {
            // Nothing is committed (a locked ledger, say), so nothing stays staged either:
            // the index is as it was, but during a merge, whose staged files are the merge's.
            if scope.is_empty() {
                return Err(e);
            }
            let mut reset = vec!["reset", "--quiet", "--"];
            reset.extend(scope.iter().copied());
            let _ = git.run(&reset)?;
            return Err(e);
        }
    };
    let message = format!("trustladder: {described}");
    commit_only(git, &message, scope)?;
    Ok(Some(message))
}

/// What the commit of the data file records, counting what changed and never naming anyone,
/// so it says nothing an encrypted ledger would keep private; encrypting or decrypting is
/// named as such, as it changes the file whole and no record.
fn described(git: &Git, path: &Path, name: &str) -> Result<String, SyncError> {
    let committed = git
        .bytes(&["show", &format!("HEAD:./{name}")])
        .ok()
        .flatten();
    let was_sealed = committed.as_deref().map(crate::crypt::envelope::is_sealed);
    let is_sealed = crate::crypt::envelope::sealed_on_disk(path);
    // A ledger decrypted here has no key left to open the sealed version with.
    let before = committed.and_then(|bytes| version_opened(path, bytes));
    let after = ledger_of(path)?;
    let what = match &before {
        Some(before) => summary(before, &after),
        None => summary(&crate::core::Ledger::default(), &after),
    };
    let turned = match was_sealed {
        Some(false) if is_sealed => "ledger encrypted",
        Some(true) if !is_sealed => "ledger decrypted",
        _ if what == "no change" => {
            return Ok(match key_file_change(git, name)? {
                Some(key) => key.to_string(),
                // The first commit of a ledger with nothing in it yet.
                None if blob(git, "HEAD")?.is_none() => "sync set up".to_string(),
                None => match set_up_files_changed(git)? {
                    Some(files) => format!("{files} changed"),
                    // A merge by hand that left the ledger as it was here.
                    None if git.has("MERGE_HEAD") => "merge".to_string(),
                    None => what,
                },
            });
        }
        _ => return Ok(what),
    };
    Ok(match before {
        Some(_) if what != "no change" => format!("{turned}, {what}"),
        _ => turned.to_string(),
    })
}

/// What of this machine's values lost in the merges another machine made, which a sync from
/// `from` (the last commit this machine shares with the remote) to `to` brings: each merge
/// whose two sides parted before `from`, merged again from their ancestor with the ledger as
/// this machine had it at `from`, says which of its values the merge settled the other way,
/// as the merging machine said it. The latest merges only, and nothing where a version cannot
/// be opened.
fn lost_here(git: &Git, path: &Path, name: &str, from: &str, to: &str) -> Vec<String> {
    const MERGES: &str = "20";
    let range = format!("{from}..{to}");
    let Ok(merges) = git.ok(&[
        "rev-list",
        "--merges",
        "--ancestry-path",
        "-n",
        MERGES,
        &range,
    ]) else {
        return Vec::new();
    };
    // Read only when a merge came in: a sync that takes none opens no old version.
    if merges.trim().is_empty() {
        return Vec::new();
    }
    let Some(mine) = ledger_at(git, path, name, from) else {
        return Vec::new();
    };
    let mut lines: Vec<String> = Vec::new();
    for merge in merges.lines() {
        let Ok(base) = git.ok(&["merge-base", &format!("{merge}^1"), &format!("{merge}^2")]) else {
            continue;
        };
        let base = base.trim();
        // Sides that parted after `from` hold no value this machine had that the other lacked.
        let parted_before = base != from
            && git
                .run(&["merge-base", "--is-ancestor", base, from])
                .is_ok_and(|r| r.ok);
        if !parted_before {
            continue;
        }
        let (Some(base), Some(merged)) = (
            ledger_at(git, path, name, base),
            ledger_at(git, path, name, merge),
        ) else {
            continue;
        };
        for line in overridden(&base, &mine, &merged) {
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
    }
    lines
}

/// The ledger in commit `rev`; `None` where it holds none or this machine cannot open it.
fn ledger_at(git: &Git, path: &Path, name: &str, rev: &str) -> Option<crate::core::Ledger> {
    let bytes = git.bytes(&["show", &format!("{rev}:./{name}")]).ok()??;
    version_opened(path, bytes)
}

/// A committed version of the ledger at `path`, opened with the keys this machine holds
/// (never asking for them); `None` when it cannot be.
fn version_opened(path: &Path, bytes: Vec<u8>) -> Option<crate::core::Ledger> {
    let opened = crate::crypt::opened(path, bytes, crate::crypt::unlock::Ask::Never).ok()?;
    store::decode(&opened.bytes).ok()
}

/// The set-up files (`.gitignore`, `.gitattributes`) staged with changes, named as in the
/// folder: what a commit that leaves the ledger as it was holds, when it holds them.
fn set_up_files_changed(git: &Git) -> Result<Option<String>, SyncError> {
    let files = staged_files(
        git,
        &["--relative", "HEAD", "--", ".gitignore", ".gitattributes"],
    )?;
    Ok((!files.is_empty()).then(|| files.join(" and ")))
}

/// The files staged with changes against what `args` name (`HEAD`, and maybe paths), as git
/// names them, unquoted.
fn staged_files(git: &Git, args: &[&str]) -> Result<Vec<String>, SyncError> {
    let mut all = vec![
        "-c",
        "core.quotepath=off",
        "diff",
        "--cached",
        "--name-only",
    ];
    all.extend_from_slice(args);
    Ok(git.ok(&all)?.lines().map(str::to_string).collect())
}

/// What a commit that changes only the key file does: brings it (another machine encrypted
/// the ledger) or changes it (a new passphrase); `None` when the key file is as committed,
/// or is neither committed nor staged (a plain ledger, or a first commit without one).
fn key_file_change(git: &Git, name: &str) -> Result<Option<&'static str>, SyncError> {
    let key_name = format!("{name}.key");
    let staged = blob(git, &format!(":./{key_name}"))?;
    let committed = blob(git, &format!("HEAD:./{key_name}"))?;
    Ok(match (committed, staged) {
        (_, None) => None,
        (Some(was), Some(now)) if was == now => None,
        (Some(_), Some(_)) => Some("key file changed (a new passphrase)"),
        (None, Some(_)) => Some("key file added (the ledger was encrypted on another machine)"),
    })
}

/// The id of the blob `spec` names (`HEAD:./file`, `:./file` for the index), when there is
/// one: a repository with no commit yet has no `HEAD` to name.
fn blob(git: &Git, spec: &str) -> Result<Option<String>, SyncError> {
    let ran = git.run(&["rev-parse", "--quiet", "--verify", spec])?;
    Ok(ran.ok.then(|| ran.stdout.trim().to_string()))
}

/// The files git left unmerged, as it names them (from the top of the repository).
fn conflicted(git: &Git) -> Result<Vec<String>, SyncError> {
    Ok(git
        .ok(&[
            "-c",
            "core.quotepath=off",
            "diff",
            "--name-only",
            "--diff-filter=U",
        ])?
        .lines()
        .map(str::to_string)
        .collect())
}

/// Settles a key file git could not merge because one side deleted it and the other changed
/// it (a `decrypt` on one machine, a new passphrase or a `recover` on the other): beside the
/// ledger as merged, plain, it leaves, as the decryption has its way in the ledger too; beside
/// a sealed one, the key file there is kept. Says what it did; `None` when the key file is
/// merged, or changed on both sides (its own driver's to merge).
fn settle_key_file(git: &Git, path: &Path, name: &str) -> Result<Option<&'static str>, SyncError> {
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
        store::ensure_folder(&store::backups::folder(path))?;
        store::sealing::write_private(&crate::crypt::keyfile::kept_key_path(path), &key_file)?;
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

/// Merges `upstream` through the driver, returning what the driver reported; a merge that
/// fails is undone, leaving the folder as it was. A key file that one side deleted and the
/// other changed is settled as the ledger was merged ([`settle_key_file`]).
fn merge(git: &Git, upstream: &str, path: &Path) -> Result<Vec<String>, SyncError> {
    let ran = committing(
        git,
        &[
            "merge",
            "--no-edit",
            "--allow-unrelated-histories",
            "-m",
            MERGE_MESSAGE,
            upstream,
        ],
    )?;
    let report: Vec<String> = ran
        .stdout
        .lines()
        .chain(ran.stderr.lines())
        .filter_map(|l| l.strip_prefix(driver::REPORT_PREFIX))
        .map(str::to_string)
        .collect();
    if !ran.ok {
        let said = ran
            .stderr
            .lines()
            .chain(ran.stdout.lines())
            .find_map(|l| l.strip_prefix("trustladder: "))
            // The driver's own error line, without the program's name a second time.
            .map(str::to_string);
        let conflicted = conflicted(git)?;
        if said.is_none() && conflicted.len() == 1 {
            let (_, name) = split(path);
            let prefix = git.ok(&["rev-parse", "--show-prefix"])?;
            if conflicted[0] == format!("{}{name}.key", prefix.trim())
                && let Some(settled) = settle_key_file(git, path, &name)?
            {
                let done = committing(git, &["commit", "--quiet", "-m", MERGE_MESSAGE])?;
                if done.ok {
                    store::make_file_private(path)?;
                    let mut report = report;
                    report.push(settled.to_string());
                    return Ok(report);
                }
            }
        }
        let _ = git.run(&["merge", "--abort"]);
        // The abort writes the file back with the umask's mode.
        let _ = store::make_file_private(path);
        let why = match said {
            Some(said) => said,
            // Git's first line would be "Auto-merging …", which says nothing: the files it
            // could not merge, and its own words for each.
            None if !conflicted.is_empty() => {
                let lines: Vec<&str> = ran
                    .stdout
                    .lines()
                    .chain(ran.stderr.lines())
                    .map(str::trim)
                    .filter(|l| l.starts_with("CONFLICT"))
                    .collect();
                format!(
                    "git could not merge {} ({}), so the merge was undone; to merge by hand, run `git -C {} merge {upstream}`, settle {} and `git commit`, then sync again",
                    conflicted.join(", "),
                    lines.join("; "),
                    git::shell_quoted(&git.top().display().to_string()),
                    a_few(&conflicted.iter().map(String::as_str).collect::<Vec<_>>()),
                )
            }
            None => git::first_lines(&ran.stderr),
        };
        if why == SyncError::MergeLocked.to_string() {
            // Said by what happened: the plain ledger here met one encrypted elsewhere.
            return Err(if crate::crypt::envelope::sealed_on_disk(path) {
                SyncError::Locked
            } else {
                SyncError::EncryptedElsewhere
            });
        }
        if why == SyncError::OtherKey.to_string() {
            return Err(SyncError::OtherKey);
        }
        return Err(SyncError::MergeFailed(why));
    }
    // git writes files with the umask's mode; the ledger stays private.
    store::make_file_private(path)?;
    Ok(report)
}
