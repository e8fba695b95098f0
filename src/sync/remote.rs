//! What a push or fetch that did not go through says: rejected (merge and try again),
//! declined by the remote, or the remote out of reach.

use super::{Git, Offline, git};

/// Whether a push failed because the remote has commits this one lacks (try again after a
/// merge), rather than because it could not be reached.
pub(super) fn rejected(stderr: &str) -> bool {
    ["rejected", "non-fast-forward", "fetch first"]
        .iter()
        .any(|w| stderr.contains(w))
}

/// Whether the remote itself declined the push (a hook, a protected branch): trying again
/// would change nothing. A ref the remote could not update because another push moved it
/// meanwhile ("cannot lock ref", "failed to update ref") is the remote moving on: tried again.
pub(super) fn declined(stderr: &str) -> bool {
    stderr.contains("hook declined") || stderr.contains("(denied")
}

/// Git's reason in its own words: the lines of `stderr` that say it, on one line.
pub(super) fn git_reason(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("To ") && !l.starts_with("hint:"))
        .collect();
    lines.join("; ")
}

/// A push refused because a lock file of the remote's is in the way, and still there (a push
/// there killed before it finished): git's reason (its line that names the lock, not the
/// advice around it), and the `rm` for it.
pub(super) fn lock_left(stderr: &str, lock: &str) -> String {
    let why = stderr
        .lines()
        .map(|l| l.trim().trim_start_matches("remote:").trim())
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .find(|l| l.contains(lock))
        .map_or_else(|| git_reason(stderr), str::to_string);
    let lock = lock.replace("/./", "/");
    format!(
        "{why} The remote's lock file {lock} is still there (a push to it stopped before it finished?): when no push to it is running, remove it (rm {}) and sync again",
        git::shell_quoted(&lock)
    )
}

/// What a sync that could not reach the remote leaves, and why, from git's `stderr`.
pub(super) fn offline(git: &Git, branch: &str, stderr: &str) -> Offline {
    Offline {
        waiting: waiting(git, branch),
        url: git.config("remote.origin.url").unwrap_or_default(),
        why: git::first_lines(stderr),
    }
}

/// How many commits wait to be pushed.
pub(super) fn waiting(git: &Git, branch: &str) -> usize {
    let upstream = format!("origin/{branch}");
    let range = if git.has(&upstream) {
        format!("{upstream}..HEAD")
    } else {
        "HEAD".to_string()
    };
    commits(git, &range)
}

/// How many commits wait to be pushed to a remote that nothing was fetched from since it was
/// set: all of them, as none is known to be there.
pub(super) fn waiting_for_a_new_remote(git: &Git) -> usize {
    commits(git, "HEAD")
}

/// How many commits `range` holds (0 where git cannot count them).
fn commits(git: &Git, range: &str) -> usize {
    git.ok(&["rev-list", "--count", range])
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}
