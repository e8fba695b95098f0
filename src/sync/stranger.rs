//! A remote that holds a repository of something else (a mistyped URL naming a code
//! repository, say): a first sync with it would join the two histories and push the private
//! ledger, its whole history with it, into that repository.

use super::refusals::a_few;
use super::remote::shown;
use super::{Git, SyncError, git};

/// Whether `file` (named from the top of the repository) is one a forge puts in a repository
/// it makes for you (a README, a LICENSE, a `.gitignore` or a `.gitattributes`, in the top
/// folder): a remote that holds only these was made for the ledger, and is joined as before.
fn made_with_the_repository(file: &str) -> bool {
    if file.contains('/') {
        return false;
    }
    let lower = file.to_ascii_lowercase();
    if lower == ".gitignore" || lower == ".gitattributes" {
        return true;
    }
    let stem = lower.split('.').next().unwrap_or_default();
    matches!(stem, "readme" | "license" | "licence")
}

/// Refuses, unless `join` asks for it, a remote whose branches (as just fetched) share no
/// commit with the history here, hold no ledger of this name anywhere in their history, and
/// hold files other than those a forge makes a repository with: joined, the ledger's whole
/// history would go into another repository. The remote's branches fetched are forgotten
/// again, so that the sync after (with the right URL, or with `join`) is a first one too, and
/// the remote is named with the files found and how to go on.
pub(super) fn not_another_repository(git: &Git, name: &str, join: bool) -> Result<(), SyncError> {
    if join {
        return Ok(());
    }
    let listed = git.ok(&[
        "for-each-ref",
        "--format=%(refname) %(symref)",
        "refs/remotes/origin/",
    ])?;
    // A symbolic one (`origin/HEAD`) names one of the others.
    let named = |symbolic: bool| -> Vec<&str> {
        listed
            .lines()
            .filter_map(|line| line.split_once(' '))
            .filter(|(_, target)| target.is_empty() != symbolic)
            .map(|(name, _)| name)
            .collect()
    };
    let (symbolic, branches) = (named(true), named(false));
    if branches.is_empty() {
        return Ok(());
    }
    // A commit shared with any of them: the remote's history is this ledger's (none where
    // nothing is committed here yet).
    if git
        .run(&[&["merge-base", "HEAD"][..], &branches].concat())?
        .ok
    {
        return Ok(());
    }
    let prefix = git.ok(&["rev-parse", "--show-prefix"])?;
    let ledger = format!("{}{name}", prefix.trim());
    let key = format!("{ledger}.key");
    let files = git.ok(&[
        &[
            "-c",
            "core.quotepath=off",
            "log",
            "--format=",
            "--name-only",
            "--no-renames",
        ][..],
        &branches,
    ]
    .concat())?;
    // In the order found (the newest commits' first), each once: a code repository's
    // history names the same files many times over.
    let mut others: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for file in files.lines().filter(|f| !f.is_empty()) {
        if file == ledger {
            return Ok(());
        }
        if file != key && !made_with_the_repository(file) && seen.insert(file) {
            others.push(file);
        }
    }
    if others.is_empty() {
        return Ok(());
    }
    // Forgotten, as if never fetched: kept, the next sync would take the remote's branch as
    // one this machine had synced with before.
    for symref in symbolic {
        git.ok(&["symbolic-ref", "--delete", symref])?;
    }
    let remote_branches: Vec<&str> = branches
        .iter()
        .filter_map(|b| b.strip_prefix("refs/remotes/"))
        .collect();
    git.ok(&[&["branch", "--quiet", "-r", "-D"][..], &remote_branches].concat())?;
    let url = git.config("remote.origin.url").unwrap_or_default();
    let shown_url = shown(&url);
    Err(SyncError::AnotherRepository {
        join: if shown_url == url {
            git::shell_quoted(&url)
        } else {
            "URL".to_string()
        },
        url: shown_url,
        name: name.to_string(),
        files: a_few(&others),
        kept: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_files_a_forge_makes_a_repository_with_are_taken_for_a_new_one() {
        for file in [
            "README",
            "README.md",
            "readme.rst",
            "LICENSE",
            "LICENSE.txt",
            "LICENCE",
            ".gitignore",
            ".gitattributes",
        ] {
            assert!(made_with_the_repository(file), "{file}");
        }
        for file in [
            "src/main.rs",
            "docs/README.md",
            "Cargo.toml",
            "README-dev.md",
            ".github",
            "main.py",
        ] {
            assert!(!made_with_the_repository(file), "{file}");
        }
    }
}
