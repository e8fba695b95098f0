//! What the last commit of a synced folder holds, for the commands that could otherwise undo
//! it on every machine without a word: putting back a backup older than the last sync, or a
//! damaged file that git still holds whole.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{Git, split};
use crate::core::Ledger;
use crate::core::ledger::promises_alike;
use crate::core::model::{Person, Promise, Uid};
use crate::crypt::{self, unlock::Ask};
use crate::store::{self, StoreError};

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
    checkout_of(folder, None, name)
}

/// `git -C FOLDER checkout [COMMIT] -- NAME`: the version `commit` holds, or without one the
/// last committed.
fn checkout_of(folder: &Path, commit: Option<&str>, name: &str) -> String {
    let commit = commit.map(|c| format!("{c} ")).unwrap_or_default();
    format!(
        "git -C {} checkout {commit}-- {}",
        quoted(&folder.display().to_string()),
        quoted(name)
    )
}

/// The version of the data file git holds whole that the last sync left, and how to put it
/// back: where the last commit's own does not read (a damaged file committed by hand), the
/// newest one before it that does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WayBack {
    /// The git command that puts it back.
    pub checkout: String,
    /// Which version that is, as a message says it.
    pub version: String,
}

/// The last version of the tracked data file at `path` that reads, and how to put it back
/// ([`last_readable`]); None where git will not check it out (a merge left it unmerged) or
/// none reads.
pub fn way_back(path: &Path) -> Option<WayBack> {
    let (folder, name) = checkout_takes(path)?;
    let git = Git::at(&folder);
    let older = match last_readable(&git, path, &name) {
        Some((older, _)) => older,
        // Damaged, with no version before it that reads: nothing git holds would help.
        None if matches!(committed(&git, path, &name, "HEAD"), Some(Version::Damaged)) => {
            return None;
        }
        // Sealed and locked here: the last commit's is as likely whole as ever.
        None => None,
    };
    Some(way_back_to(&folder, older.as_deref(), &name))
}

/// What to know of a data file at `path` that does not read (`e`, a damage) in a synced
/// folder, for every front end to say after the error in the same words: the version git
/// holds whole (a backup from before the last sync would take back on every machine what it
/// brought), or the merge git made without trustladder's driver, which `sync` merges again.
/// `None` for any other error, or a folder git does not sync.
pub fn damaged_note(e: &StoreError, path: &Path) -> Option<String> {
    if !matches!(
        e,
        StoreError::Damaged { .. } | StoreError::DamagedChecked { .. }
    ) {
        return None;
    }
    // Put back to the last version that reads, the merge's first side, the other side's
    // changes were lost on every machine: the merge already holds them.
    if let Some(merge) = merge_to_redo(path) {
        return Some(format!(
            "this folder is synced, and merge {merge} wrote this ledger: git made it without trustladder's merge driver (a clone not made by `trustladder sync clone`, or a merge driver of your own), so it merged the ledger as text. `trustladder sync` merges that merge's two sides again by record, keeping both; putting back a version from before it would lose the other side's changes on every machine"
        ));
    }
    let way_back = way_back(path)?;
    Some(format!(
        "this folder is synced: `{}` puts back {} (what changed here since is lost); a backup from before that sync would take back, on every machine, what the sync brought",
        crate::core::text::sanitize(&way_back.checkout),
        way_back.version
    ))
}

/// The merge commit that wrote the data file at `path` as it is, where git made it without
/// trustladder's driver: the version it committed does not read, while both its sides do
/// (a clone made by hand, where `git pull` left conflict markers and they were committed).
/// `trustladder sync` merges those two sides again by record; put back to the last version
/// that reads, the first side's, the other machine's changes were lost on every machine.
pub fn merge_to_redo(path: &Path) -> Option<String> {
    let (folder, name) = tracked(path)?;
    let git = Git::at(&folder);
    if !git.has("HEAD^2") || git.has("MERGE_HEAD") {
        return None;
    }
    let bytes = git
        .bytes(&["show", &format!("HEAD:./{name}")])
        .ok()
        .flatten()?;
    if store::read_file(path).ok().flatten().as_ref() != Some(&bytes) {
        return None;
    }
    let reads = |commit: &str| {
        matches!(
            committed(&git, path, &name, commit),
            Some(Version::Reads(_))
        )
    };
    let redo =
        matches!(version_in(path, bytes), Version::Damaged) && reads("HEAD^1") && reads("HEAD^2");
    redo.then(|| git.ok(&["rev-parse", "--short", "HEAD"]).ok())
        .flatten()
        .map(|commit| commit.trim().to_string())
}

/// The command that puts back the version `older` holds (None: the last committed), and
/// which it is.
fn way_back_to(folder: &Path, older: Option<&str>, name: &str) -> WayBack {
    let version = match older {
        None => "the version last synced".to_string(),
        Some(commit) => format!(
            "the last version committed that reads (commit {commit}; the one committed since does not read)"
        ),
    };
    WayBack {
        checkout: checkout_of(folder, older, name),
        version,
    }
}

/// `text` as one word of a POSIX shell.
pub(super) use crate::core::text::shell_word as quoted;

/// What a version of the data file at `path` holds for a comparison.
enum Version {
    Reads(Box<Ledger>),
    /// It does not read: cut short, damaged, conflict markers (committed by hand).
    Damaged,
    /// It cannot be read here, whole or not: sealed and locked, or from a newer version.
    Closed,
}

/// The ledger in `bytes`, a version of the data file at `path`.
fn version_in(path: &Path, bytes: Vec<u8>) -> Version {
    let Ok(opened) = crypt::opened(path, bytes, Ask::Never) else {
        return Version::Closed;
    };
    match store::decode(&opened.bytes) {
        Ok(ledger) => Version::Reads(Box::new(ledger)),
        Err(store::DecodeError::TooNew { .. }) => Version::Closed,
        Err(_) => Version::Damaged,
    }
}

/// The ledger in `bytes`, a version of the data file at `path`: None where it does not read
/// here (sealed and locked, or damaged).
fn ledger_in(path: &Path, bytes: Vec<u8>) -> Option<Ledger> {
    match version_in(path, bytes) {
        Version::Reads(ledger) => Some(*ledger),
        Version::Damaged | Version::Closed => None,
    }
}

/// The version of the data file `name` that `commit` holds, if it holds one.
fn committed(git: &Git, path: &Path, name: &str, commit: &str) -> Option<Version> {
    let bytes = git
        .bytes(&["show", &format!("{commit}:./{name}")])
        .ok()
        .flatten()?;
    Some(version_in(path, bytes))
}

/// The newest committed version of the data file `name` that reads, with its commit (None
/// where it is the last commit's): a damaged file committed by hand is no version any sync
/// left, and compared with nothing, a backup older than the last sync was put back unasked.
/// None where a version on the way cannot be read here at all (sealed and locked), or none
/// reads.
fn last_readable(git: &Git, path: &Path, name: &str) -> Option<(Option<String>, Ledger)> {
    match committed(git, path, name, "HEAD")? {
        Version::Reads(ledger) => return Some((None, *ledger)),
        Version::Closed => return None,
        Version::Damaged => {}
    }
    // The commits that changed the file, newest first: the first wrote the damaged version.
    let commits = git.ok(&["log", "--format=%h", "HEAD", "--", name]).ok()?;
    for commit in commits.lines().skip(1) {
        let Some(version) = committed(git, path, name, commit) else {
            continue;
        };
        match version {
            Version::Reads(ledger) => return Some((Some(commit.to_string()), *ledger)),
            Version::Closed => return None,
            Version::Damaged => {}
        }
    }
    None
}

/// What a backup lacks of the last sync's ([`lacks`]), and the way back to the version last
/// synced instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lacking {
    /// Records the last sync holds that the backup has not at all.
    pub missing: Counted,
    /// Records the backup holds as they were before a change the last sync holds.
    pub changed: Counted,
    /// Records the last sync holds as deleted that the backup brings back.
    pub deleted: Counted,
    pub way_back: WayBack,
}

/// How many promises and people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counted {
    pub promises: usize,
    pub people: usize,
}

impl Counted {
    /// Whether it counts anything.
    pub fn any(self) -> bool {
        self.promises + self.people > 0
    }
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

/// What `ledger` (a backup) lacks of the last sync's, in a folder set up for sync, which the
/// next sync would take as changed here and carry to every machine: records (by uid) the last
/// commit holds that the backup has not, or has as they were before a change the commit holds
/// (an outcome, an edit), and records the commit holds as deleted that the backup brings
/// back. Where the last commit's version does not read, the newest before it that does
/// stands for it ([`last_readable`]). Where the data file no longer holds a record (deleted
/// here since the last sync), the next sync deletes it anyway, and it is not counted. None where there is nothing to compare
/// with, or it lacks nothing.
pub fn lacks(path: &Path, ledger: &Ledger) -> Option<Lacking> {
    let (folder, name) = tracked(path)?;
    let git = Git::at(&folder);
    if !set_up_for_sync(&git, &name) {
        return None;
    }
    // The last commit's version: the last sync's, in a folder `sync` set up.
    let (older, committed) = last_readable(&git, path, &name)?;
    let uids = |l: &Ledger| -> HashSet<Uid> {
        l.promises
            .iter()
            .map(|p| p.uid)
            .chain(l.people.iter().map(|p| p.uid))
            .collect()
    };
    let now = std::fs::read(path)
        .ok()
        .and_then(|bytes| ledger_in(path, bytes))
        .map(|l| uids(&l));
    let kept_here = |uid: &Uid| now.as_ref().is_none_or(|n| n.contains(uid));
    let mut out = Lacking {
        missing: Counted::default(),
        changed: Counted::default(),
        deleted: Counted::default(),
        way_back: way_back_to(&folder, older.as_deref(), &name),
    };
    // Held as it was before: different, and changed no later (within the same second, which
    // the stamps cannot tell apart, it may be either, and is taken as before). Numbers are
    // this machine's, which a merge moves: a record is compared without them, its person by
    // uid, as the merge compares.
    let promises: HashMap<Uid, &Promise> = ledger.promises.iter().map(|p| (p.uid, p)).collect();
    for p in committed.promises.iter().filter(|p| kept_here(&p.uid)) {
        let Some(b) = promises.get(&p.uid) else {
            out.missing.promises += 1;
            continue;
        };
        let same = promises_alike(&committed, p, ledger, b);
        if !same && b.changed <= p.changed {
            out.changed.promises += 1;
        }
    }
    let people: HashMap<Uid, &Person> = ledger.people.iter().map(|p| (p.uid, p)).collect();
    for p in committed.people.iter().filter(|p| kept_here(&p.uid)) {
        let Some(b) = people.get(&p.uid) else {
            out.missing.people += 1;
            continue;
        };
        let same = Person {
            id: p.id,
            handle: p.handle.clone(),
            ..(*b).clone()
        } == *p;
        if !same && b.changed <= p.changed {
            out.changed.people += 1;
        }
    }
    let gone: HashSet<Uid> = committed.tombstones.iter().map(|t| t.uid).collect();
    out.deleted = Counted {
        promises: ledger
            .promises
            .iter()
            .filter(|p| gone.contains(&p.uid))
            .count(),
        people: ledger
            .people
            .iter()
            .filter(|p| gone.contains(&p.uid))
            .count(),
    };
    (out.missing.any() || out.changed.any() || out.deleted.any()).then_some(out)
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
