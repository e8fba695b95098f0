//! Why a sync did not happen, in words that say what to do next.

use std::path::PathBuf;

use crate::store::StoreError;

use super::git;

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
        "{} is on branch {branch}, but the ledger is synced on {synced}: a sync here would push {branch}, which no other machine takes; check out {synced} (`git -C {} checkout {synced}`){}, then sync again; nothing was changed",
        .dir.display(),
        git::shell_quoted(&.dir.display().to_string()),
        if *.ahead { format!(" and bring what was committed on {branch} (`git -C {} merge {branch}`)", git::shell_quoted(&.dir.display().to_string())) } else { String::new() }
    )]
    OtherBranch {
        dir: PathBuf,
        branch: String,
        synced: String,
        /// Whether the branch holds commits the synced one lacks.
        ahead: bool,
    },
    #[error(
        "git would merge {file} with {how}, not trustladder's merge by record, because of {}: merged so, two machines' changes make a ledger that does not read, or lose one side's, and the sync would push that to every machine. Take that line out (and commit it, where it is in a `.gitattributes`), or keep the ledger out of its pattern, then sync again; nothing was merged or pushed",
        if .lines.is_empty() { format!("git's attributes (`git -C {} check-attr merge -- {file}` shows it)", git::shell_quoted(&.top.display().to_string())) } else { .lines.join("; ") }
    )]
    OtherMerge {
        file: String,
        how: String,
        lines: Vec<String>,
        top: PathBuf,
    },
    #[error(
        "a rebase is under way in {}: finish it (`git rebase --continue`) or undo it (`git rebase --abort`), then sync again; nothing was changed",
        .0.display()
    )]
    Rebasing(PathBuf),
    /// The remote's branch no longer holds the ledger: the whole message, made where what to
    /// do is known ([`not_deleted_there`](super::refusals::not_deleted_there)).
    #[error("{0}")]
    DeletedThere(String),
    /// The remote's ledger does not read: the whole message, made where what to do is known
    /// ([`super::refusals::not_damaged_there`]).
    #[error("{0}")]
    DamagedThere(String),
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
    /// A remote that holds a repository of something else, and no ledger: a sync would join
    /// the two histories and push the ledger's whole history there.
    #[error(
        "the remote {url} holds no {name}, but other files ({files}): a repository of something else, it seems (a mistyped URL?), which a sync would join this ledger's whole history to; nothing was pushed{kept}. Check the URL (`trustladder sync init --remote URL` sets another); if that repository is meant to hold the ledger all the same, run `trustladder sync init --remote {join} --join`"
    )]
    AnotherRepository {
        url: String,
        name: String,
        files: String,
        /// The URL as the `--join` command names it (`URL` where it holds a password).
        join: String,
        /// What `sync init` did with the remote it was given: left unadded, or moved back.
        kept: String,
    },
    #[error(
        "there is no ledger at {0} to share yet: add a colleague first, or take the ledger \
         of another machine with `trustladder sync clone URL`"
    )]
    NoLedgerHere(PathBuf),
    /// Root in a folder another user owns: git refuses such a folder as "dubious", and what it
    /// made there would be root's, the owner locked out of the repository.
    #[error(
        "{folder} is {user}'s: run sync as {user} (`sudo -u {user} trustladder …`); git run as root there refuses it, or leaves files {user} cannot use. Nothing was changed"
    )]
    RootInOthersFolder { folder: PathBuf, user: String },
    /// A data file gone from a synced folder whose last commit holds it: git's version is
    /// named first, as the folder's own way back, then the backups where there are some.
    #[error("{path}: {}", gone_committed_said(checkout, backups.as_ref()))]
    GoneCommitted {
        path: PathBuf,
        checkout: String,
        backups: Option<GoneBackups>,
    },
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
    /// `sync init --remote` naming the ledger's own repository (its folder, or its git
    /// folder): every sync would fetch from and push to itself and say "up to date with the
    /// remote", while no other machine ever took anything.
    #[error(
        "the remote {0} is this ledger's own repository, which a sync would push to itself: name the repository the other machines share (a bare one elsewhere, made with `git init --bare PATH`); nothing was changed"
    )]
    OwnRepository(String),
    /// A remote `origin` set by hand to the ledger's own repository (`git remote set-url`):
    /// the same as [`SyncError::OwnRepository`], found by `sync`, with the way to set it right.
    #[error(
        "the remote origin of {} {} {url}, this ledger's own repository, so a sync would {} itself, and no other machine would take anything: {}, then sync again; nothing was changed",
        .top.display(),
        if *.push_alone { "pushes to" } else { "is" },
        if *.push_alone { "push to" } else { "fetch from and push to" },
        if *.push_alone {
            format!("`git -C {} config --unset-all remote.origin.pushurl` pushes where the sync fetches from", git::shell_quoted(&.top.display().to_string()))
        } else {
            "set the remote the other machines share with `trustladder sync init --remote URL` (a bare repository elsewhere, made with `git init --bare PATH`)".to_string()
        }
    )]
    OriginIsItself {
        url: String,
        top: PathBuf,
        /// Whether only the push URL names it, which `sync init --remote` leaves as it is.
        push_alone: bool,
    },
    /// Files in the folder that git does not track where the remote holds files of the same
    /// names (or a folder of the name of such a file, or a file of the name of a folder that
    /// holds them): git will not check the remote's out over them, whatever they hold, and
    /// says so in words that do not say what to do.
    #[error(
        "{folder} already holds {files}, {held_there}: git will not put the remote's in place of what it did not put there. Move it aside (`mv {} {}`), run `sync clone` again, then take back what you need of it (the lines of a .gitignore of yours go into the remote's, and the next `trustladder sync` shares them); nothing was changed",
        git::shell_quoted(&.folder.join(.first).display().to_string()),
        git::shell_quoted(&format!("{}.mine", .folder.join(.first).display()))
    )]
    InTheWay {
        folder: PathBuf,
        /// A few of them, as git names them from the top of the repository.
        files: String,
        /// What the remote holds of their names: files too, or a folder where one is a file
        /// here, or a file where one is a folder.
        held_there: &'static str,
        /// The first of them.
        first: String,
    },
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
    /// `sync clone` with the data file inside the remote repository's own folder (a bare
    /// repository's, or a folder in it): git made a repository of its own there, among the
    /// remote's files, and found the remote empty, or set the ledger up inside it.
    #[error(
        "the ledger {} would be inside the remote repository {url}, among git's own files of it: give --file a path outside it ({}, say), then run `trustladder sync clone {url}` again; nothing was changed",
        .path.display(),
        .outside.display()
    )]
    InsideRemote {
        path: PathBuf,
        url: String,
        outside: PathBuf,
    },
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
    /// it was, and the commit waits for the next sync to push it. `why` is said without a
    /// "nothing was changed" of its own, which the commit made it untrue.
    #[error(
        "the merge of the other machine's changes failed: {}; what changed here is committed ({committed}) but not pushed, and the other machine's changes are not merged: the ledger here is as it was. Once that is put right, `trustladder sync` merges them and pushes both",
        changed_after_all(.why)
    )]
    MergeFailedAfterCommit { why: String, committed: String },
    /// This machine's own commit, which a `git reset` run by hand took out, could not be
    /// merged back: said as that commit, never as another machine's changes, with what was
    /// committed here meanwhile.
    #[error(
        "the merge back of commit {commit}, which the reset took out, failed: {}",
        merged_back_failed(.why, .committed.as_deref())
    )]
    MergeBackFailed {
        commit: String,
        why: String,
        committed: Option<String>,
    },
    /// This machine's own commit that encrypted the ledger, which a `git reset` took out,
    /// could not be read for want of its key: the ledger here is plain, so `unlock` takes no
    /// passphrase for it.
    #[error(
        "commit {commit}, which the reset took out, left the ledger encrypted, and its key is not at hand, so this sync could not merge it back; nothing was lost{}: set TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints the passphrase it was encrypted with, then sync again, and the ledger here is encrypted again",
        .committed.as_deref().map(|c| format!(" (what changed here is committed: {c})")).unwrap_or_default()
    )]
    MergeBackLocked {
        commit: String,
        committed: Option<String>,
    },
    #[error("{0}")]
    Merge(String),
    #[error(
        "format version {} is newer than this program knows; update trustladder on this machine first",
        crate::store::version_text(*.0)
    )]
    TooNew(u64),
    /// The ledger committed sealed, plain here beside its key file: a `decrypt` stopped
    /// half-way. Committed, the plain ledger went out with the key file to every machine.
    #[error(
        "{0} is plain beside its key file, as a `trustladder decrypt` stopped half-way leaves it, while the last commit holds it encrypted: run `trustladder decrypt --yes` again to finish it (or `trustladder encrypt` to keep it encrypted), then sync; nothing was committed or pushed"
    )]
    DecryptUnfinished(PathBuf),
    /// A passphrase that opens no key file here, while the remote that may hold one changed
    /// on another machine could not be reached.
    #[error(
        "{wrong}; the remote {url} could not be reached ({why}) to fetch a passphrase changed on another machine: if it was changed there, sync again once the remote can be reached; nothing was committed or pushed"
    )]
    WrongOffline {
        wrong: String,
        url: String,
        why: String,
    },
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
        "another machine encrypted the ledger with a key of its own (both machines ran `trustladder encrypt`, or it decrypted the ledger and encrypted it again, with new keys), so the key here cannot open its changes; nothing was lost: run `trustladder decrypt --yes` here, then `trustladder sync` with the other machine's passphrase (`trustladder unlock`, or TRUSTLADDER_PASSPHRASE_COMMAND), and the ledger here is encrypted with its key, with every change of both machines (the recovery key printed here then opens nothing new: keep the other machine's)"
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
    /// Another sync of the same repository held its lock for the whole wait: it waits on
    /// the remote, most likely. The data file is not locked meanwhile.
    #[error(
        "another sync of this folder{} was still running after {} s, waiting on the remote most likely; nothing was done here: sync again once it is over",
        pid.map(|pid| format!(" (PID {pid})")).unwrap_or_default(),
        waited.as_secs()
    )]
    AnotherSync {
        pid: Option<u32>,
        waited: std::time::Duration,
    },
    /// What no encrypt or decrypt leaves where the key file goes (a folder, a named pipe),
    /// which a sync reads to see whether a merge changed it: a pipe held it for good.
    #[error(
        "the key file {} is {kind}, not a file, and a sync reads the key file; no encrypt or decrypt leaves one: move it aside, then sync again; nothing was changed",
        .path.display()
    )]
    KeyFileNotAFile { path: PathBuf, kind: &'static str },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(String),
}

/// `why` with "nothing was changed" after it, unless it says so already (a wrong passphrase
/// from the passphrase command does).
/// Why a merge back failed, and what became of what changed here: committed, to be merged
/// by the next sync, or nothing changed.
fn merged_back_failed(why: &str, committed: Option<&str>) -> String {
    match committed {
        Some(committed) => format!(
            "{}; the ledger here is as it was, and what changed here is committed ({committed}), for the next sync to merge it back",
            changed_after_all(why)
        ),
        None => nothing_changed(why),
    }
}

/// `why` without the "nothing was changed" it says (a wrong passphrase does), where the sync
/// changed something after all: it committed what changed here.
fn changed_after_all(why: &str) -> String {
    why.replace("; nothing was changed", "")
        .replace(", nothing was changed", "")
}

fn nothing_changed(why: &str) -> String {
    if why.contains("nothing was changed") {
        why.to_string()
    } else {
        format!("{why}; nothing was changed")
    }
}

/// The backups beside a data file gone from a synced folder: their folder, how many, and what
/// `restore-backup` is given for the newest.
#[derive(Debug)]
pub struct GoneBackups {
    pub folder: PathBuf,
    pub count: usize,
    pub newest: String,
}

/// What [`SyncError::GoneCommitted`] says after the path: the version git holds, put back by
/// `checkout`, and where there are backups, the newest of them.
fn gone_committed_said(checkout: &str, backups: Option<&GoneBackups>) -> String {
    match backups {
        Some(backups) => format!(
            "there is no data file, but git holds the version last committed, and {} in {}. Nothing was changed; `{checkout}` puts back that version (what was saved here after it is not in it), or `trustladder restore-backup {}` the newest backup (`trustladder check` lists them), then sync again",
            crate::store::backups::of_one_are(backups.count),
            backups.folder.display(),
            backups.newest
        ),
        None => format!(
            "there is no data file, but git holds the version last committed. Nothing was changed; `{checkout}` puts that back (what was saved here after it is not in it), then sync again"
        ),
    }
}
