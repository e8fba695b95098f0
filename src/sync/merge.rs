//! Merging through the driver, the remote's commits or this machine's own: marked while it
//! runs, and undone and said when it fails.

use std::path::Path;

use crate::store::{self, LockFile};

use super::commit::{committing, committing_with};
use super::cut_short::{merge_over, merge_starts, undo_merge_cut_short};
use super::keys::settle_key_file;
use super::refusals::{a_few, conflicted};
use super::{Git, SyncError, driver, git, split};

/// The message of the merge commit a sync makes, by which a merge it left unfinished is known.
pub(super) const MERGE_MESSAGE: &str = "trustladder: merge";

/// Whose commits a sync merges: the remote's, or this machine's own commit a `git reset` run
/// by hand took out of the branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Remote,
    Own,
}

/// Merges `upstream` through the driver, returning what the driver reported; a merge that
/// fails is undone, leaving the folder as it was. A key file that one side deleted and the
/// other changed is settled as the ledger was merged ([`settle_key_file`]). Marked while it
/// runs, so that one stopped half-way is known as this sync's ([`undo_merge_cut_short`]).
/// `side` says whose `upstream` is, as the driver's report names it.
pub(super) fn merge(
    git: &Git,
    upstream: &str,
    path: &Path,
    lock: &LockFile,
    side: Side,
) -> Result<Vec<String>, SyncError> {
    merge_starts(git)?;
    let merged = merge_marked(git, upstream, path, lock, side);
    merge_over(git);
    merged
}

/// [`merge`], marked.
fn merge_marked(
    git: &Git,
    upstream: &str,
    path: &Path,
    lock: &LockFile,
    side: Side,
) -> Result<Vec<String>, SyncError> {
    let env: &[(&str, &str)] = match side {
        Side::Remote => &[],
        Side::Own => &[(driver::MERGING_BACK_ENV, "1")],
    };
    let ran = committing_with(
        git,
        &[
            "merge",
            "--no-edit",
            "--allow-unrelated-histories",
            "-m",
            MERGE_MESSAGE,
            upstream,
        ],
        env,
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
                && let Some(settled) = settle_key_file(git, path, lock, &name)?
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
        // Git stopped after writing what it merged, but before it could say it was merging.
        let (_, name) = split(path);
        if !matches!(undo_merge_cut_short(git, &name, &mut || Ok(())), Ok(true)) {
            let _ = git.run(&["merge", "--abort"]);
        }
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
                // A first join of two histories (a remote a forge made with files of its
                // own): a plain `git merge` refuses it, as histories with nothing in common.
                let unrelated = !git.run(&["merge-base", "HEAD", upstream])?.ok;
                // Set-up files both sides made want the lines of both.
                let both_lines = conflicted.iter().any(|f| {
                    f.rsplit('/')
                        .next()
                        .is_some_and(|f| f == ".gitattributes" || f == ".gitignore")
                });
                format!(
                    "git could not merge {} ({}), so the merge was undone; to merge by hand, run `git -C {} merge {}{upstream}`, settle {}{} and `git commit`, then sync again",
                    conflicted.join(", "),
                    lines.join("; "),
                    git::shell_quoted(&git.top().display().to_string()),
                    if unrelated {
                        "--allow-unrelated-histories "
                    } else {
                        ""
                    },
                    a_few(&conflicted.iter().map(String::as_str).collect::<Vec<_>>()),
                    if both_lines {
                        " (keeping the lines of both sides)"
                    } else {
                        ""
                    },
                )
            }
            None => {
                // The driver's report is not git's complaint: the merge it reported was undone.
                let complaint: String = ran
                    .stderr
                    .lines()
                    .filter(|l| !l.starts_with(driver::REPORT_PREFIX))
                    .map(|l| format!("{l}\n"))
                    .collect();
                match git::first_lines(&complaint) {
                    stopped if stopped.is_empty() => {
                        "git stopped before it finished, saying nothing (killed?)".to_string()
                    }
                    complaint => complaint,
                }
            }
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
