//! The commit of this machine's changes: what is staged, the message that counts what
//! changed without naming anyone, and a merge left unfinished.

use std::path::Path;

use crate::core::merge::{NO_CHANGE, summary};
use crate::store::{self, LockFile};

use super::keys::settle_key_file;
use super::lost::version_opened;
use super::{Git, SyncError, driver, git, ledger_to_commit};

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

/// The files sync commits that are there: its set-up files, the key file and the ledger.
pub(super) fn sync_files(git: &Git, name: &str) -> Vec<String> {
    [".gitignore", ".gitattributes", &format!("{name}.key"), name]
        .into_iter()
        .filter(|p| git.dir().join(p).exists())
        .map(str::to_string)
        .collect()
}

/// Whether nothing staged differs from the last commit in `scope` (all of it when empty).
pub(super) fn unchanged(git: &Git, scope: &[&str]) -> Result<bool, SyncError> {
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
pub(super) fn commit_only(git: &Git, message: &str, scope: &[&str]) -> Result<(), SyncError> {
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
fn finish_merge(
    git: &Git,
    path: &Path,
    lock: &LockFile,
    name: &str,
) -> Result<Vec<String>, SyncError> {
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
    merge_versions(path, lock, &base, &ours, &theirs)
}

/// Merges `theirs` into `ours` over `base` (versions of the data file as git holds them)
/// through the driver, writes the result over the data file and says what the merge did, as
/// a merge through the driver is said.
fn merge_versions(
    path: &Path,
    lock: &LockFile,
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
) -> Result<Vec<String>, SyncError> {
    // The versions as git holds them (sealed, for an encrypted ledger), in a private folder.
    let dir = tempfile::tempdir().map_err(|e| SyncError::Io(format!("a temporary folder: {e}")))?;
    let write = |file: &str, bytes: &[u8]| {
        let at = dir.path().join(file);
        std::fs::write(&at, bytes)
            .map(|()| at)
            .map_err(|e| SyncError::Io(format!("a temporary file: {e}")))
    };
    let (base, ours, theirs) = (
        write("base", base)?,
        write("ours", ours)?,
        write("theirs", theirs)?,
    );
    let report = driver::run(&base, &ours, &theirs, path).map_err(|e| match e {
        // Said as sync says it: it is what ran.
        SyncError::MergeLocked => SyncError::Locked,
        e => e,
    })?;
    let merged =
        std::fs::read(&ours).map_err(|e| SyncError::Io(format!("a temporary file: {e}")))?;
    store::replace_file(path, lock, &merged)?;
    // Said as a merge through the driver is said: a number that moved above all.
    Ok(driver::report_lines(&report)
        .lines()
        .filter_map(|l| l.strip_prefix(driver::REPORT_PREFIX))
        .map(str::to_string)
        .collect())
}

/// Merges again, through the driver, the two sides of the last commit where it is a merge
/// git made without trustladder's driver (a clone made by hand, where `git pull` left
/// conflict markers and they were committed; another merge driver) and the ledger it
/// committed does not read, while both sides' do: the data file left as that commit has it.
/// Put back to either side, the other machine's changes were lost on every machine, as the
/// merge already holds them; merged again, both stay. Commits the result, and returns what
/// to say of it; None where there is no such merge.
pub(super) fn merge_again(
    git: &Git,
    path: &Path,
    lock: &LockFile,
    name: &str,
) -> Result<Option<Vec<String>>, SyncError> {
    // Whether there is such a merge is what other commands tell too (`merge_to_redo`).
    let Some(merge) = super::synced::merge_to_redo(path) else {
        return Ok(None);
    };
    let merge = merge.as_str();
    let at = |commit: &str| git.bytes(&["show", &format!("{commit}:./{name}")]);
    let (ours, theirs) = (at("HEAD^1")?, at("HEAD^2")?);
    let shared = git.run(&["merge-base", "HEAD^1", "HEAD^2"])?;
    let base = match shared.ok {
        true => at(shared.stdout.trim())?.unwrap_or_default(),
        false => Vec::new(),
    };
    let report = merge_versions(
        path,
        lock,
        &base,
        &ours.unwrap_or_default(),
        &theirs.unwrap_or_default(),
    )?;
    git.ok(&["add", "--", name])?;
    commit_only(
        git,
        &format!("trustladder: merge {merge} made again by record"),
        &[name],
    )?;
    let mut said = vec![format!(
        "the ledger that merge {merge} committed did not read (git made it without trustladder's merge driver): both its sides were merged again by record, and that is committed"
    )];
    said.extend(report);
    Ok(Some(said))
}

/// Forgets a merge git left marked as under way though its commit is made (git stopped
/// between writing the merge commit and removing `MERGE_HEAD`): the merge it names is in
/// `HEAD` already, and the next merge would fail on it ("You have not concluded your
/// merge"). Says whether there was one.
pub(super) fn forget_merge_committed(git: &Git) -> Result<bool, SyncError> {
    if !git.has("MERGE_HEAD")
        || !git
            .run(&["merge-base", "--is-ancestor", "MERGE_HEAD", "HEAD"])?
            .ok
    {
        return Ok(false);
    }
    // The index and the files stay as they are: they are the merge's commit.
    if !git.run(&["merge", "--quit"])?.ok {
        for file in ["MERGE_HEAD", "MERGE_MSG", "MERGE_MODE", "AUTO_MERGE"] {
            let at = git.ok(&["rev-parse", "--git-path", file])?;
            let _ = std::fs::remove_file(git.dir().join(at.trim()));
        }
    }
    Ok(true)
}

/// Runs a git command that makes a commit, with an identity if the user set none.
pub(super) fn committing(git: &Git, args: &[&str]) -> Result<git::Ran, SyncError> {
    committing_with(git, args, &[])
}

/// [`committing`], with the variables `env` set for git and the merge driver it runs.
pub(super) fn committing_with(
    git: &Git,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<git::Ran, SyncError> {
    let mut all: Vec<String> = identity(git);
    all.extend(args.iter().map(|a| a.to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    git.run_with(&all, env)
}

/// Commits the data file (and the sync set-up files) if they changed, with a message that
/// says what changed; returns that message. Only those files: in a repository of the user's
/// own, whatever else they changed or staged is theirs to commit. A merge left unfinished (a
/// sync killed in the middle of one) is committed whole, as git allows no partial commit
/// then; a merge only starts from an index with nothing else staged. What finishing it merged
/// is added to `merged`, to be said as a merge is.
pub(super) fn commit(
    git: &Git,
    path: &Path,
    lock: &LockFile,
    name: &str,
    merged: &mut Vec<String>,
) -> Result<Option<String>, SyncError> {
    if git.has("MERGE_HEAD") {
        merged.extend(finish_merge(git, path, lock, name)?);
        // A plain `git pull` that stopped at the key file too.
        if let Some(settled) = settle_key_file(git, path, lock, name)? {
            merged.push(settled.to_string());
        }
    }
    let key_name = format!("{name}.key");
    if decrypt_unfinished(git, path, name, &key_name)? {
        return Err(SyncError::DecryptUnfinished(path.to_path_buf()));
    }
    let files = sync_files(git, name);
    let mut paths: Vec<&str> = files.iter().map(String::as_str).collect();
    // Committed, it read on every machine as the ledger encrypted elsewhere, and went out
    // beside a plain ledger; `encrypt` run again finishes it (`check` says so).
    if stray_key_file(git, path, &key_name)? {
        paths.retain(|p| *p != key_name);
    }
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
pub(super) fn described(git: &Git, path: &Path, name: &str) -> Result<String, SyncError> {
    let committed = git
        .bytes(&["show", &format!("HEAD:./{name}")])
        .ok()
        .flatten();
    let was_sealed = committed.as_deref().map(crate::crypt::envelope::is_sealed);
    let is_sealed = crate::crypt::envelope::sealed_on_disk(path);
    // The ledger here first: a passphrase typed at its prompt leaves the keys with this
    // process, which then open the committed version too (asked first, with no key at hand
    // yet, it did not open, and everything was counted as added).
    let after = ledger_to_commit(path)?;
    let before = committed.map(|bytes| version_opened(path, bytes));
    let what = match &before {
        Some(Some(before)) => summary(before, &after),
        // The first commit of the ledger: everything in it is new.
        None => summary(&crate::core::Ledger::default(), &after),
        // A version no key here opens (a ledger decrypted here, one sealed to another
        // machine's key): counted against nothing, it would say false things in a commit
        // every machine keeps, so only whether it changed is said.
        Some(None)
            if blob(git, &format!("HEAD:./{name}"))? == blob(git, &format!(":./{name}"))? =>
        {
            NO_CHANGE.to_string()
        }
        Some(None) => "ledger changed".to_string(),
    };
    let turned = match was_sealed {
        Some(false) if is_sealed => "ledger encrypted",
        Some(true) if !is_sealed => "ledger decrypted",
        _ if what == NO_CHANGE => {
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
        // A new passphrase set with the change: said too, as the next unlock asks for it.
        _ => {
            return Ok(match key_file_change(git, name)? {
                Some(key) => format!("{what}, {key}"),
                None => what,
            });
        }
    };
    Ok(match before {
        Some(Some(_)) if what != NO_CHANGE => format!("{turned}, {what}"),
        _ => turned.to_string(),
    })
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
pub(super) fn staged_files(git: &Git, args: &[&str]) -> Result<Vec<String>, SyncError> {
    let mut all = vec!["--cached"];
    all.extend_from_slice(args);
    git.changed_names(&all)
}

/// What a commit that changes only the key file does: brings it (another machine encrypted
/// the ledger) or changes it (a new passphrase); `None` when the key file is as committed,
/// or is neither committed nor staged (a plain ledger), or in the first commit: that key
/// file is this machine's own, the ledger encrypted here before `sync init`.
fn key_file_change(git: &Git, name: &str) -> Result<Option<&'static str>, SyncError> {
    if blob(git, "HEAD")?.is_none() {
        return Ok(None);
    }
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

/// Whether the ledger is plain here beside its key file while the last commit holds it sealed
/// with that key file: a `decrypt` stopped before it took the key file away (a finished one
/// leaves no key file; another machine's decrypt comes in by a merge, which takes both).
fn decrypt_unfinished(
    git: &Git,
    path: &Path,
    name: &str,
    key_name: &str,
) -> Result<bool, SyncError> {
    if !git.dir().join(key_name).exists()
        || !path.exists()
        || crate::crypt::envelope::sealed_on_disk(path)
        || git.has("MERGE_HEAD")
        || !git.holds("HEAD", key_name)?
    {
        return Ok(false);
    }
    Ok(git
        .bytes(&["show", &format!("HEAD:./{name}")])?
        .is_some_and(|bytes| crate::crypt::envelope::is_sealed(&bytes)))
}

/// Whether the key file here is one an `encrypt` stopped before it sealed the ledger left:
/// beside a plain ledger, neither the last commit nor the remote has it (one the remote has is
/// another machine's encryption, followed here).
fn stray_key_file(git: &Git, path: &Path, key_name: &str) -> Result<bool, SyncError> {
    let here = git.dir().join(key_name);
    if !here.exists()
        || crate::crypt::envelope::sealed_on_disk(path)
        || git.holds("HEAD", key_name)?
    {
        return Ok(false);
    }
    let theirs = git.remote_branch().and_then(|remote| {
        git.bytes(&["show", &format!("{remote}:./{key_name}")])
            .ok()
            .flatten()
    });
    Ok(theirs.is_none_or(|theirs| std::fs::read(&here).ok() != Some(theirs)))
}

/// The id of the blob `spec` names (`HEAD:./file`, `:./file` for the index), when there is
/// one: a repository with no commit yet has no `HEAD` to name.
pub(super) fn blob(git: &Git, spec: &str) -> Result<Option<String>, SyncError> {
    let ran = git.run(&["rev-parse", "--quiet", "--verify", spec])?;
    Ok(ran.ok.then(|| ran.stdout.trim().to_string()))
}
