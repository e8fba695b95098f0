//! What a sync refuses before it commits anything: a merge or unmerged files of the user's
//! own, a detached HEAD or a branch no other machine syncs, a remote whose last commits
//! deleted the ledger.

use std::path::Path;

use super::commit::staged_files;
use super::{Git, MERGE_MESSAGE, SyncError, git};

/// Refuses to merge where git's attributes name another merge for the ledger than
/// trustladder's (a line of the user's after the one `sync init` wrote, such as `*.json
/// merge=union`, or one in `.git/info/attributes`, which wins over every `.gitattributes`):
/// git would merge the ledger as text, commit what it made, and push a ledger that does not
/// read to every machine. Nothing is committed or merged; the lines that do it are named.
pub(super) fn merged_by_our_driver(git: &Git, name: &str) -> Result<(), SyncError> {
    let said = git.ok(&["check-attr", "merge", "--", name])?;
    let how = said
        .trim_end()
        .rsplit(": merge: ")
        .next()
        .unwrap_or_default();
    if how == super::setup::DRIVER {
        return Ok(());
    }
    let prefix = git.ok(&["rev-parse", "--show-prefix"])?;
    let file = format!("{}{name}", prefix.trim());
    Err(SyncError::OtherMerge {
        how: match how {
            "set" | "unspecified" => "git's own merge of text".to_string(),
            "unset" => "no merge (git takes it as a binary file)".to_string(),
            driver => format!("the `{driver}` merge driver"),
        },
        lines: overriding_lines(git, prefix.trim(), &file).unwrap_or_default(),
        top: git.top(),
        file,
    })
}

/// The attribute lines that, each on its own, set how `file` (named from the top of the
/// repository) is merged, other than trustladder's own, with the file and line of each: each is
/// tried alone in a repository made for it, as git reads it where it is.
fn overriding_lines(git: &Git, prefix: &str, file: &str) -> Result<Vec<String>, SyncError> {
    let top = git.top();
    // Where git reads attributes, with the folder (from the top) each one's patterns start in.
    let mut sources: Vec<(std::path::PathBuf, String)> = Vec::new();
    let global = git
        .ok(&["config", "--path", "core.attributesFile"])
        .map(|path| std::path::PathBuf::from(path.trim()))
        .ok()
        .or_else(|| {
            std::env::var_os("XDG_CONFIG_HOME")
                .filter(|dir| !dir.is_empty())
                .map(std::path::PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".config")))
                .map(|config| config.join("git/attributes"))
        });
    sources.extend(global.map(|path| (path, String::new())));
    let mut folder = String::new();
    sources.push((top.join(".gitattributes"), String::new()));
    for part in prefix.split_terminator('/') {
        folder.push_str(part);
        folder.push('/');
        sources.push((top.join(&folder).join(".gitattributes"), folder.clone()));
    }
    let info = git.ok(&["rev-parse", "--git-path", "info/attributes"])?;
    sources.push((git.dir().join(info.trim()), String::new()));
    let io = |e: std::io::Error| SyncError::Io(format!("a temporary folder: {e}"));
    let trial = tempfile::tempdir().map_err(io)?;
    let tried = Git::at(trial.path());
    tried.ok(&["init", "--quiet"])?;
    let ours = format!(": merge: {}", super::setup::DRIVER);
    let mut found = Vec::new();
    for (source, folder) in sources {
        let Ok(text) = std::fs::read_to_string(&source) else {
            continue;
        };
        let at = trial.path().join(&folder);
        std::fs::create_dir_all(&at).map_err(io)?;
        for (n, line) in text.lines().enumerate() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if words.len() < 2 || words[0].starts_with('#') || words[0].starts_with("[attr]") {
                continue;
            }
            std::fs::write(at.join(".gitattributes"), format!("{line}\n")).map_err(io)?;
            let ran = tried.run(&[
                "-c",
                "core.attributesFile=",
                "check-attr",
                "merge",
                "--",
                file,
            ])?;
            // A line that gives trustladder's own merge (among other attributes) is no fault.
            let said = ran.stdout.trim_end();
            if ran.ok && !said.ends_with(": merge: unspecified") && !said.ends_with(&ours) {
                found.push(format!("`{line}` in {} (line {})", source.display(), n + 1));
            }
        }
        let _ = std::fs::remove_file(at.join(".gitattributes"));
    }
    Ok(found)
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
pub(super) fn a_few(files: &[&str]) -> String {
    crate::core::text::first_of(files, 3)
}

/// Refuses files git left unmerged other than the ledger and its key file (which a sync
/// merges itself): a commit would take them with their conflict markers, and push them to
/// every machine.
pub(super) fn no_unmerged_others(git: &Git, name: &str) -> Result<(), SyncError> {
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

/// The files git left unmerged, as it names them (from the top of the repository).
pub(super) fn conflicted(git: &Git) -> Result<Vec<String>, SyncError> {
    git.changed_names(&["--diff-filter=U"])
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
pub(super) fn not_detached(git: &Git) -> Result<(), SyncError> {
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

/// The branch every machine syncs on: `sync init` makes it, and the remote's other branches
/// are no machine's.
const SYNCED_BRANCH: &str = "main";

/// Refuses a branch other than the one the ledger is synced on, where that one holds the
/// ledger (here or as last fetched): the push would make a branch of its own on the remote,
/// which no other machine takes, and every sync said "up to date" while nothing was shared. A
/// repository of the user's own whose branch of another name alone holds the ledger (no
/// `main` with it: `master`, say) syncs on that branch, and is the one named from any other:
/// the remote's branch that holds the ledger.
pub(super) fn on_the_synced_branch(git: &Git, name: &str) -> Result<(), SyncError> {
    let branch = git.branch()?;
    if branch == SYNCED_BRANCH {
        return Ok(());
    }
    let own = format!("origin/{branch}");
    let fetched = git.ok(&[
        "for-each-ref",
        "--format=%(refname:short)",
        "refs/remotes/origin",
    ])?;
    let others = fetched
        .lines()
        .filter(|at| at.starts_with("origin/") && *at != "origin/HEAD" && *at != own)
        .map(String::from);
    let synced = [SYNCED_BRANCH.to_string(), format!("origin/{SYNCED_BRANCH}")]
        .into_iter()
        .chain(others)
        .find(|at| git.has(at) && git.holds(at, name).unwrap_or(false));
    let Some(synced) = synced else {
        return Ok(());
    };
    let ahead = git
        .ok(&["rev-list", "--count", &format!("{synced}..HEAD")])?
        .trim()
        != "0";
    Err(SyncError::OtherBranch {
        dir: git.top(),
        branch,
        synced: synced
            .strip_prefix("origin/")
            .unwrap_or(&synced)
            .to_string(),
        ahead,
    })
}

/// Refuses a remote whose branch no longer holds the ledger this machine commits: a commit
/// there deleted it (by hand: a sync never does), and taking it would delete the ledger here
/// too, then on every machine that syncs. A remote that never held it (a first sync with a
/// repository of other files) is merged as ever.
pub(super) fn not_deleted_there(
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

/// Refuses to take a remote whose ledger does not read (cut short, damaged, conflict markers
/// committed by hand): taken, it replaced the whole ledger here, and every command then
/// refused it. Checked only where the remote changed it ([`super::changed_there`]); one
/// sealed with a key the agent does not hold is left to the merge, which says so.
pub(super) fn not_damaged_there(
    git: &Git,
    path: &Path,
    name: &str,
    upstream: &str,
    committed: Option<&str>,
) -> Result<(), SyncError> {
    // Only a version the remote made since the last commit both share is taken: one this
    // machine has already moved past (it pushed the damage, then put back a sound ledger)
    // is not.
    if !super::changed_there(git, name, upstream)? {
        return Ok(());
    }
    let Some(bytes) = git.bytes(&["show", &format!("{upstream}:./{name}")])? else {
        return Ok(());
    };
    let read = if crate::crypt::envelope::is_sealed(&bytes) {
        match crate::crypt::opened(path, bytes, crate::crypt::unlock::Ask::Never) {
            Ok(opened) => crate::store::decode(&opened.bytes).map(drop),
            Err(_) => return Ok(()),
        }
    } else {
        crate::store::decode(&bytes).map(drop)
    };
    let why = match read {
        // A newer format is no damage: the merge says to update this program first.
        Ok(()) | Err(crate::store::DecodeError::TooNew { .. }) => return Ok(()),
        Err(why) => why,
    };
    let commit = git.ok(&["log", "-1", "--format=%h", upstream, "--", name])?;
    let here = match committed {
        Some(message) => format!(
            "nothing was merged, and the ledger here is as it was (what changed here is committed: {}, to be pushed once the remote's reads again)",
            message.strip_prefix("trustladder: ").unwrap_or(message)
        ),
        None => "nothing was merged or changed".to_string(),
    };
    let commit = commit.trim();
    // A merge git made without the driver: put back to a version before it, one side's
    // changes were lost on every machine; merged again, both stay.
    let side_reads = |side: &str| {
        git.bytes(&["show", &format!("{commit}^{side}:./{name}")])
            .ok()
            .flatten()
            .is_some_and(|bytes| super::lost::version_opened(path, bytes).is_some())
    };
    let fix = if git.has(&format!("{commit}^2")) && side_reads("1") && side_reads("2") {
        "It is a merge git made without trustladder's merge driver: on the machine that made it, `trustladder sync` merges its two sides again by record, keeping both; then sync again here"
    } else {
        "On the machine that pushed it, put back a sound ledger (`trustladder check`, then `trustladder restore-backup N`) and sync there, or revert that commit on the remote; then sync again"
    };
    Err(SyncError::DamagedThere(format!(
        "the remote's {name} does not read (commit {commit} on {upstream}: {why}), and taking it would put it in place of the ledger here; {here}. {fix}"
    )))
}
