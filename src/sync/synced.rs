//! What the last commit of a synced folder holds, for the commands that could otherwise undo
//! it on every machine without a word: putting back a backup older than the last sync, or a
//! damaged file that git still holds whole.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Git, split};
use crate::core::Ledger;
use crate::core::model::Uid;
use crate::crypt::{self, unlock::Ask};
use crate::store;

/// The data file at `path` as git tracks it: the folder git runs in and the file's name
/// there, or None where the file is in no repository (or git is missing).
fn tracked(path: &Path) -> Option<(PathBuf, String)> {
    let path = store::resolve_links(path.to_path_buf());
    let (folder, name) = split(&path);
    // Outside a repository, or without git, this fails as for a file git does not track.
    Git::at(&folder)
        .ok(&["ls-files", "--error-unmatch", "--", &name])
        .ok()
        .map(|_| (folder, name))
}

/// [`tracked`], but for a file a merge left unmerged (conflict markers from a merge not run
/// through trustladder's driver), which git will not check out until the merge is finished
/// or aborted.
pub fn checkout_takes(path: &Path) -> Option<(PathBuf, String)> {
    let (folder, name) = tracked(path)?;
    let unmerged = Git::at(&folder).ok(&["ls-files", "--unmerged", "--", &name]);
    unmerged
        .is_ok_and(|out| out.trim().is_empty())
        .then_some((folder, name))
}

/// `git -C FOLDER checkout -- NAME`: the command that puts back the version of the file last
/// committed, quoted for a shell where a name needs it.
pub fn checkout_command(folder: &Path, name: &str) -> String {
    format!(
        "git -C {} checkout -- {}",
        quoted(&folder.display().to_string()),
        quoted(name)
    )
}

/// `text` as one word of a POSIX shell: itself where it holds nothing a shell reads, else in
/// single quotes.
pub(super) fn quoted(text: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "/._-+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The ledger in `bytes`, a version of the data file at `path`: None where it does not read
/// here (sealed and locked, or damaged).
fn ledger_in(path: &Path, bytes: Vec<u8>) -> Option<Ledger> {
    let opened = crypt::opened(path, bytes, Ask::Never).ok()?;
    store::decode(&opened.bytes).ok()
}

/// What a backup lacks of the last sync's ([`lacks`]), and the command that puts back the
/// version last synced instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lacking {
    pub promises: usize,
    pub people: usize,
    pub checkout: String,
}

/// Whether `sync init` or `sync clone` set the folder up for the file (its attributes name
/// trustladder's merge, which travels with the repository), so that a sync would carry a
/// deletion here to every machine; a repository of the user's own that holds the file
/// without it has no sync to speak of.
fn set_up_for_sync(git: &Git, name: &str) -> bool {
    git.ok(&["check-attr", "merge", "--", name])
        .is_ok_and(|out| {
            out.trim_end()
                .ends_with(&format!(": merge: {}", super::setup::DRIVER))
        })
}

/// What `ledger` (a backup) lacks of the last sync's, in a folder set up for sync: how many
/// of its promises and people (by uid) that the data file still holds (or all, where it does
/// not read), which the next sync would take as deleted here and delete on every machine.
/// None where there is nothing to compare with, or it lacks nothing.
pub fn lacks(path: &Path, ledger: &Ledger) -> Option<Lacking> {
    let (folder, name) = tracked(path)?;
    let git = Git::at(&folder);
    if !set_up_for_sync(&git, &name) {
        return None;
    }
    // The last commit's version: the last sync's, in a folder `sync` set up.
    let committed = git
        .bytes(&["show", &format!("HEAD:./{name}")])
        .ok()
        .flatten()
        .and_then(|bytes| ledger_in(path, bytes))?;
    let uids = |l: &Ledger| -> HashSet<Uid> {
        l.promises
            .iter()
            .map(|p| p.uid)
            .chain(l.people.iter().map(|p| p.uid))
            .collect()
    };
    let here = uids(ledger);
    // A record deleted here since the last sync is deleted by this sync anyway.
    let now = std::fs::read(path)
        .ok()
        .and_then(|bytes| ledger_in(path, bytes))
        .map(|l| uids(&l));
    let lost = |uid: &Uid| !here.contains(uid) && now.as_ref().is_none_or(|n| n.contains(uid));
    let promises = committed.promises.iter().filter(|p| lost(&p.uid)).count();
    let people = committed.people.iter().filter(|p| lost(&p.uid)).count();
    (promises + people > 0).then(|| Lacking {
        promises,
        people,
        checkout: checkout_command(&folder, &name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checkout_command_quotes_what_a_shell_would_split() {
        assert_eq!(
            checkout_command(Path::new("/home/me/ledger"), "trustladder.json"),
            "git -C /home/me/ledger checkout -- trustladder.json"
        );
        assert_eq!(
            checkout_command(Path::new("/home/me/My Ledger"), "it's.json"),
            "git -C '/home/me/My Ledger' checkout -- 'it'\\''s.json'"
        );
    }
}
