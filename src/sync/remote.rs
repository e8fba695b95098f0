//! What a push or fetch that did not go through says: rejected (merge and try again),
//! declined by the remote, or the remote out of reach.

use super::{Git, Offline, SyncError, git};

/// Whether a push failed because the remote has commits this one lacks (try again after a
/// merge), rather than because it could not be reached.
pub(super) fn rejected(stderr: &str) -> bool {
    ["rejected", "non-fast-forward", "fetch first"]
        .iter()
        .any(|w| stderr.contains(w))
}

/// How git says a remote with a work tree of its own (made with `git init`, not `git init
/// --bare`) refused to update its branch, checked out there.
const CHECKED_OUT_THERE: &str = "(branch is currently checked out)";

/// Whether the remote itself declined the push (a hook, a protected branch, its branch checked
/// out in its own work tree): trying again would change nothing. A ref the remote could not
/// update because another push moved it meanwhile ("cannot lock ref", "failed to update ref")
/// is the remote moving on: tried again.
pub(super) fn declined(stderr: &str) -> bool {
    stderr.contains("hook declined")
        || stderr.contains("(denied")
        || stderr.contains(CHECKED_OUT_THERE)
}

/// Why the remote declined the push ([`declined`]): git's reason in its own words, but for a
/// remote whose branch `branch` is checked out in its own work tree, where git's advice (a
/// setting of the remote's) would leave its files behind what was pushed: a bare repository
/// to sync through, and how to move there.
pub(super) fn declined_why(stderr: &str, branch: &str) -> String {
    if stderr.contains(CHECKED_OUT_THERE) {
        return format!(
            "the remote is a repository with files of its own, where branch {branch} is checked out, and git pushes into no branch checked out there (its files would no longer match it); sync through a bare repository instead: make one with `git init --bare PATH`, then move there with `trustladder sync init --remote PATH`"
        );
    }
    git_reason(stderr)
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

/// The URLs of the remote `origin`, as `git remote -v` lists them in `listed` (rewritten as
/// git's `insteadOf` settings say), each with whether pushes go there: `None` where there is
/// no `origin`, and none where it has no URL.
pub(super) fn origin_urls(listed: &str) -> Option<Vec<(String, bool)>> {
    let mut found = false;
    let mut urls = Vec::new();
    for line in listed.lines() {
        let Some(("origin", rest)) = line.split_once('\t') else {
            continue;
        };
        found = true;
        if let Some(url) = rest.strip_suffix(" (fetch)") {
            urls.push((url.to_string(), false));
        } else if let Some(url) = rest.strip_suffix(" (push)") {
            urls.push((url.to_string(), true));
        }
    }
    found.then_some(urls)
}

/// Refuses a remote whose URL names this very repository, its top folder or its git folder
/// `git_dir` (set by hand: `sync init --remote` refuses it): a sync would fetch from and
/// push to itself, say "pushed", and share nothing. Git reads a relative path from the top
/// folder.
pub(super) fn not_itself(
    git: &Git,
    git_dir: &std::path::Path,
    urls: &[(String, bool)],
) -> Result<(), SyncError> {
    let top = git.top();
    let own = [top.clone(), git_dir.to_path_buf()];
    let Some((url, push)) = urls
        .iter()
        .find(|(url, _)| super::setup::names_one_of(url, &top, &own))
    else {
        return Ok(());
    };
    // Fetches are listed first: found among the pushes, it is the push URL alone, which
    // setting the remote again leaves as it is.
    Err(SyncError::OriginIsItself {
        url: shown(url),
        top,
        push_alone: *push,
    })
}

/// What a sync that could not reach the remote leaves, and why, from git's `stderr`.
pub(super) fn offline(git: &Git, branch: &str, stderr: &str) -> Offline {
    Offline {
        waiting: waiting(git, branch),
        url: shown(&git.config("remote.origin.url").unwrap_or_default()),
        why: git::first_lines(stderr),
    }
}

/// A remote's URL as messages show it: a password in it (`https://me:TOKEN@host/…`), or a user
/// name alone over HTTP (which forges take a token as), is `***`, as git leaves them out of
/// its own messages. Messages reach terminals, logs and a cron job's mail; the URL kept in
/// the repository's config is left as it is, and works as before.
pub fn shown(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let scheme_ok = !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    let authority = &rest[..rest.find('/').unwrap_or(rest.len())];
    let (true, Some(at)) = (scheme_ok, authority.rfind('@')) else {
        return url.to_string();
    };
    let over_http = ["http", "https"]
        .iter()
        .any(|http| scheme.eq_ignore_ascii_case(http));
    let masked = match authority[..at].split_once(':') {
        Some((user, _)) => format!("{user}:***"),
        None if over_http => "***".to_string(),
        None => return url.to_string(),
    };
    format!("{scheme}://{masked}{}", &rest[at..])
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

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn a_password_or_a_token_in_a_url_is_masked_and_nothing_else_is() {
        for (url, said) in [
            (
                "https://me:s3cret@example.org/trust.git",
                "https://me:***@example.org/trust.git",
            ),
            (
                "HTTPS://ghp_token@example.org:8443/trust.git",
                "HTTPS://***@example.org:8443/trust.git",
            ),
            (
                "ssh://me:pw@server/trust.git",
                "ssh://me:***@server/trust.git",
            ),
            ("ssh://me@server/trust.git", "ssh://me@server/trust.git"),
            ("me@server:trust.git", "me@server:trust.git"),
            (
                "https://example.org/a@b/trust.git",
                "https://example.org/a@b/trust.git",
            ),
            ("/srv/git/trust.git", "/srv/git/trust.git"),
            ("file:///srv/trust.git", "file:///srv/trust.git"),
        ] {
            assert_eq!(shown(url), said, "{url}");
        }
    }
}
