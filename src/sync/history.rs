//! What git holds of the ledger here, read outside a sync: how many versions of it are
//! committed, and the key files committed or fetched.

use std::path::{Path, PathBuf};

use crate::store;

use super::{Git, split};

/// How many commits of the git repository the data file at `path` is in hold a version of it
/// (0 where there is no repository, or no git): after `encrypt`, those versions stay in plain
/// text in the history, here and on the remote, and the user should hear so.
pub fn committed_versions(path: &Path) -> usize {
    let Some((git, _, name)) = repository_of(path) else {
        return 0;
    };
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
    let Some((git, _, name)) = repository_of(path) else {
        return Vec::new();
    };
    let key_name = format!("{name}.key");
    let mut found: Vec<String> = Vec::new();
    let remote = git.remote_branch();
    for commit in std::iter::once("HEAD").chain(remote.as_deref()) {
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

/// The key file another machine changed since this one last committed (a new passphrase
/// there), as git fetched it: the remote's, when commits this machine has not taken changed
/// it and the key file here is the one last committed. Never one older than the key file
/// here: after `passphrase` on this machine, before it is synced or while the push waits,
/// the old passphrase opens nothing through the key file git still holds.
pub fn key_file_changed_there(path: &Path) -> Vec<String> {
    let Some((git, path, name)) = repository_of(path) else {
        return Vec::new();
    };
    let key_name = format!("{name}.key");
    let show = |commit: &str| {
        git.bytes(&["show", &format!("{commit}:./{key_name}")])
            .ok()
            .flatten()
    };
    let here = crate::store::read_file(&crate::crypt::keyfile::key_path(&path))
        .ok()
        .flatten();
    if here.is_none() || here != show("HEAD") {
        return Vec::new();
    }
    let Some(remote) = git.remote_branch() else {
        return Vec::new();
    };
    let changed_there = git
        .ok(&["rev-list", &format!("HEAD..{remote}"), "--", &key_name])
        .is_ok_and(|commits| !commits.trim().is_empty());
    if !changed_there {
        return Vec::new();
    }
    show(&remote)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .into_iter()
        .collect()
}

/// Whether the key file beside the plain ledger at `path` is one a sync brought from another
/// machine that encrypted it (committed here beside a ledger committed plain, waiting for
/// `unlock` and the next sync), not one an `encrypt` or `decrypt` here stopped half-way left.
pub fn key_file_followed(path: &Path) -> bool {
    let Some((git, path, name)) = repository_of(path) else {
        return false;
    };
    let show = |file: &str| {
        git.bytes(&["show", &format!("HEAD:./{file}")])
            .ok()
            .flatten()
    };
    let key = show(&format!("{name}.key"));
    key.is_some()
        && key
            == crate::store::read_file(&crate::crypt::keyfile::key_path(&path))
                .ok()
                .flatten()
        && show(&name).is_some_and(|bytes| !crate::crypt::envelope::is_sealed(&bytes))
}

/// The git repository the data file at `path` is in (its links followed), with the file's
/// path and name; `None` where there is none, or no git.
fn repository_of(path: &Path) -> Option<(Git, PathBuf, String)> {
    let path = store::resolve_links(path.to_path_buf());
    let (folder, name) = split(&path);
    let git = Git::at(&folder);
    git.toplevel()?;
    Some((git, path, name))
}
