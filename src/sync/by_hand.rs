//! What git brought from the remote since the last sync here: a `git pull` (a fast-forward, a
//! merge or a rebase) or a `git merge` run by hand in the ledger's folder takes the other
//! machines' changes, and a sync after it found nothing left to take and said only "up to
//! date", though promise numbers this machine's user knew may have moved (a fast-forward
//! says nothing of the ledger at all; a merge's driver said what it merged, once, among git's
//! lines). The commit every sync leaves said is kept in the git folder, and the next sync says
//! what came from the remote since, as it says what it takes itself. A `git reset` that took the
//! commit kept out of the branch is said too, and that commit taken back.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::lost::{lost_here, version_opened};
use super::{Git, SyncError, unsaid};
use crate::core::Ledger;
use crate::core::merge::{NO_CHANGE, archived_with_open, moved, named_alike, summary};
use crate::core::model::Uid;

/// The file's name in the git folder.
const FILE: &str = "trustladder-synced";

/// Where `files` are in the git folder, and the commit checked out (None where there is none
/// yet), in one git command, as every sync asks them; no paths where the folder is no git
/// folder.
fn located(git: &Git, files: &[&str]) -> (Vec<PathBuf>, Option<String>) {
    let mut args = vec!["rev-parse"];
    for file in files {
        args.extend(["--git-path", file]);
    }
    args.push("HEAD");
    let Ok(ran) = git.run(&args) else {
        return (Vec::new(), None);
    };
    let lines: Vec<&str> = ran.stdout.lines().map(str::trim).collect();
    if lines.len() <= files.len() {
        return (Vec::new(), None);
    }
    let paths = lines[..files.len()]
        .iter()
        .map(|at| git.dir().join(at))
        .collect();
    (paths, ran.ok.then(|| lines[files.len()].to_string()))
}

/// Everything up to the commit checked out has been said (or is kept to be said): the next
/// sync says only what git brings after it. Nothing is kept where there is no commit yet.
pub fn keep(git: &Git) -> Result<(), SyncError> {
    match located(git, &[FILE]) {
        (paths, Some(head)) => write(&paths[0], &head),
        _ => Ok(()),
    }
}

/// What the sync said has been said: what was kept until then is forgotten ([`unsaid`]), and
/// the commit checked out is kept ([`keep`]), finding both files in one git command. Where the
/// folder is no git folder (a sync that failed before it found one), there is nothing to do.
pub fn said(git: &Git) {
    let (paths, head) = located(git, &[unsaid::FILE, FILE]);
    if let Some(kept) = paths.first() {
        let _ = unsaid::forget(kept);
    }
    if let (Some(synced), Some(head)) = (paths.get(1), head) {
        let _ = write(synced, &head);
    }
}

/// `head` written to the file at `path`.
fn write(path: &Path, head: &str) -> Result<(), SyncError> {
    std::fs::write(path, format!("{head}\n"))
        .map_err(|e| crate::store::StoreError::io(path, e).into())
}

/// What git did since the last sync here left its commit said (the commit checked out now,
/// against the one kept): the last sync's commit, where a reset by hand took it out of the
/// branch ([`MovedBack`]), and what git brought from the remote's branch `upstream`
/// ([`brought`]). Nothing where no sync here kept its commit, or the commit is still the one
/// checked out.
pub fn taken(
    git: &Git,
    path: &Path,
    name: &str,
    upstream: &str,
) -> (Option<MovedBack>, Vec<String>) {
    let (paths, Some(head)) = located(git, &[FILE]) else {
        return (None, Vec::new());
    };
    let (synced, kept, since) = match std::fs::read_to_string(&paths[0]) {
        Ok(synced) => (synced.trim().to_string(), true, SINCE_THE_LAST_SYNC),
        // Kept by no sync yet (the first since an upgrade from a version that kept none):
        // where the last sync here left the branch, as git's log of the remote's branch
        // says it; where it records no sync's (a clone made by hand that never pushed),
        // where the branch was before the pulls by hand that moved it last.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            match last_synced_by_log(git, upstream) {
                Some(logged) => (logged, false, SINCE_THE_LAST_SYNC),
                None => match before_pulls_by_hand(git) {
                    Some(before) => (before, false, BY_A_PULL),
                    None => return (None, Vec::new()),
                },
            }
        }
        Err(_) => return (None, Vec::new()),
    };
    let synced = synced.as_str();
    // Written by a sync as a commit's id; anything else (edited by hand) names no commit,
    // and is never given to git, where it could read as an option.
    if synced.is_empty() || !synced.chars().all(|c| c.is_ascii_hexdigit()) || synced == head {
        return (None, Vec::new());
    }
    let held = git
        .run(&["merge-base", "--is-ancestor", synced, &head])
        .is_ok_and(|r| r.ok);
    if held {
        (
            None,
            brought(git, path, name, upstream, (synced, since), &head),
        )
    } else if kept {
        (
            moved_back(git, path, name, upstream, synced, &head),
            Vec::new(),
        )
    } else {
        (None, Vec::new())
    }
}

/// How git's log of the remote's branch begins where a fetch of a sync's own (or of
/// `sync clone`) moved it; a `git pull` or `git fetch` typed by hand is logged by its own
/// words.
const FETCHED_BY_A_SYNC: &str = "fetch --quiet ";

/// How a sync says what git brought since the last sync here left its commit said.
const SINCE_THE_LAST_SYNC: &str =
    "which git brought from the remote since the last sync here (a git pull or merge)";

/// How a sync says what the pulls by hand found by [`before_pulls_by_hand`] brought: no sync
/// is known to have left the branch where they began.
const BY_A_PULL: &str = "which a git pull run by hand brought from the remote";

/// Where the branch was before the `git pull`s run by hand that moved it last, as git's log of
/// the branch records them: the commit of the newest move that was no pull (the clone, or a
/// sync's commit or merge, which that sync said, or a command of the user's), where the newest
/// is a pull. Every move
/// since is a pull by hand, which no sync said (a sync that took anything moved the branch
/// itself). None where the newest move is no pull, or git keeps no log of the branch.
fn before_pulls_by_hand(git: &Git) -> Option<String> {
    let branch = git.branch().ok()?;
    let moves = moves_of(git, &format!("refs/heads/{branch}"))?;
    let pull = |how: &str| how == "pull" || how.starts_with("pull ") || how.starts_with("pull:");
    let mut pulled = false;
    for line in moves.lines() {
        let (commit, how) = line.split_once(' ')?;
        if pull(how) {
            pulled = true;
        } else {
            return pulled.then(|| commit.to_string());
        }
    }
    None
}

/// The last [`MOVES`] moves of the branch `reference` (`refs/heads/main`, or the remote's),
/// newest first, as git's log of it records them: each line a commit and how the branch came
/// to it. None where git keeps no log of the branch.
fn moves_of(git: &Git, reference: &str) -> Option<String> {
    git.ok(&["reflog", "show", "-n", MOVES, "--format=%H %gs", reference])
        .ok()
}

/// Where the last sync here left the branch, where none kept its commit (a version that
/// kept none synced last): the newest version of the remote's branch `upstream` that a
/// sync's fetch took or a push from here wrote, as git's log of that branch records it. A
/// push by hand after a pull by hand is taken for a sync's, so what that pull took goes
/// unsaid, never said twice. None where git keeps no log of the branch, or it records
/// neither.
fn last_synced_by_log(git: &Git, upstream: &str) -> Option<String> {
    let moves = moves_of(git, &format!("refs/remotes/{upstream}"))?;
    moves.lines().find_map(|line| {
        let (commit, how) = line.split_once(' ')?;
        (how == PUSHED || how.starts_with(FETCHED_BY_A_SYNC)).then(|| commit.to_string())
    })
}

/// What git brought from the remote's branch `upstream` into the commit checked out (`head`)
/// since the last sync here left its commit (`synced`, which `head` holds) said, one line
/// each (what came from the other machines said `since` so, as what brought it is known): what the other machines changed since (the remote's commit the checked-out one
/// holds, against the last commit both hold), the numbers and handles of records this
/// machine had then, or added before a merge or a rebase made here, that moved, people now
/// named alike, people archived with promises open, and this machine's values that lost in
/// merges made elsewhere. Nothing where nothing came from the remote since (commits of the
/// user's own alone), or where a version cannot be opened here.
fn brought(
    git: &Git,
    path: &Path,
    name: &str,
    upstream: &str,
    (synced, since): (&str, &str),
    head: &str,
) -> Vec<String> {
    let head = head.to_string();
    let ancestor = |a: &str, b: &str| {
        git.run(&["merge-base", "--is-ancestor", a, b])
            .is_ok_and(|r| r.ok)
    };
    let merge_base = |a: &str, b: &str| {
        git.ok(&["merge-base", a, b])
            .ok()
            .map(|base| base.trim().to_string())
    };
    if !git.has(upstream) {
        return Vec::new();
    }
    // The newest of the remote's commits that git took here, and the last one this machine
    // had already: what lies between is the other machines'. After a push by hand, the
    // remote's branch holds this machine's own commits too: the last version of it fetched
    // is the other machines'.
    let there = match fetched_before_pushed(git, upstream, synced, &head) {
        Some(fetched) => fetched,
        None => match merge_base(&head, upstream) {
            Some(there) => there,
            None => return Vec::new(),
        },
    };
    if ancestor(&there, synced) {
        return Vec::new();
    }
    let Some(base) = merge_base(synced, &there) else {
        return Vec::new();
    };
    let ledger_at = |rev: &str| -> Option<Ledger> {
        let bytes = git.bytes(&["show", &format!("{rev}:./{name}")]).ok()??;
        version_opened(path, bytes)
    };
    let mut lines = Vec::new();
    if let (Some(before), Some(after)) = (ledger_at(&base), ledger_at(&there)) {
        let took = summary(&before, &after);
        if took != NO_CHANGE {
            lines.push(format!("took {took}, {since}"));
        }
    }
    if let (Some(mut known), Some(now)) = (ledger_at(synced), ledger_at(&head)) {
        // Records added here since, as this machine had them before a merge made here (its
        // first side) gave one another number, or before a rebase replayed them (git keeps
        // the branch as it was then as ORIG_HEAD, a commit of this machine's line since the
        // last sync).
        let mut sides = merged_here(git, synced, &head, upstream);
        if git.has("ORIG_HEAD") && ancestor(synced, "ORIG_HEAD") {
            sides.push("ORIG_HEAD".to_string());
        }
        for side in sides {
            if let Some(had) = ledger_at(&side) {
                add_unknown(&mut known, had);
            }
        }
        lines.extend(moved(&known, &now));
        lines.extend(named_alike(&known, &now));
        lines.extend(archived_with_open(&known, &now));
    }
    for line in lost_here(git, path, name, &base, &there) {
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines
}

/// How a sync says the ledger is encrypted again as it takes back this machine's own commit
/// that encrypted it ([`MovedBack::turned`]).
pub const ENCRYPTED_AGAIN: &str = "the ledger here is encrypted";

/// The last sync's commit, where the branch here was moved by hand since (a `git reset`) so
/// that it no longer holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedBack {
    /// The last sync's commit.
    pub commit: String,
    /// Its id as git shortens it, as what a sync says names it.
    pub short: String,
    /// What a sync says of it: which commit, what it changed in the ledger, and whether the
    /// remote still holds it.
    pub said: String,
    /// Whether the remote's branch `upstream` holds it: then it is taken back from there, as
    /// any commit of the remote's; otherwise the sync merges it back itself.
    pub on_the_remote: bool,
    /// Whether it left the ledger encrypted (`Some(true)`) or plain (`Some(false)`), where it
    /// encrypted or decrypted it: the ledger turning so as the sync takes it back is this
    /// machine's own doing, never another machine's.
    pub sealed: Option<bool>,
}

impl MovedBack {
    /// What a sync says of the ledger turned encrypted (`sealed`) or plain as it takes this
    /// commit back, where the commit turned it so; None where it did not.
    pub fn turned(&self, sealed: bool) -> Option<String> {
        (self.sealed == Some(sealed)).then(|| {
            format!(
                "{} again, as commit {} that the reset took out left it",
                if sealed {
                    ENCRYPTED_AGAIN
                } else {
                    "the ledger here is plain JSON"
                },
                self.short
            )
        })
    }
}

/// The last sync's commit (`synced`), where the commit checked out (`head`) no longer holds
/// it, nor a copy of each of its changes (a `git reset` run by hand, not a rebase that
/// replayed them): what it changed in the ledger since the last commit both hold, and whether
/// the remote's branch `upstream` still holds it. A sync takes it back either way, so a
/// promise it added is never lost unsaid. None where git no longer has it.
fn moved_back(
    git: &Git,
    path: &Path,
    name: &str,
    upstream: &str,
    synced: &str,
    head: &str,
) -> Option<MovedBack> {
    let ancestor = |a: &str, b: &str| {
        git.run(&["merge-base", "--is-ancestor", a, b])
            .is_ok_and(|r| r.ok)
    };
    if !git.has(synced) {
        return None;
    }
    // Commits of the last sync's that the branch holds no copy of: `+` in git's list.
    let cherry = git.ok(&["cherry", head, synced]).ok()?;
    if !cherry.lines().any(|l| l.starts_with('+')) {
        return None;
    }
    let short = git
        .ok(&["rev-parse", "--short", synced])
        .map_or_else(|_| synced.to_string(), |s| s.trim().to_string());
    let bytes_at = |rev: &str| git.bytes(&["show", &format!("{rev}:./{name}")]).ok()?;
    let base = git
        .ok(&["merge-base", head, synced])
        .ok()
        .map(|b| b.trim().to_string());
    let (before, after) = (base.as_deref().and_then(bytes_at), bytes_at(synced));
    // Encrypted or decrypted by it: said, as its records (which the key file, reset away
    // with it, may be needed to open) may not be.
    let sealed = match (&before, &after) {
        (Some(before), Some(after)) => {
            let sealed = crate::crypt::envelope::is_sealed(after);
            (crate::crypt::envelope::is_sealed(before) != sealed).then_some(sealed)
        }
        _ => None,
    };
    let turned = sealed.map(|sealed| {
        if sealed {
            "ledger encrypted"
        } else {
            "ledger decrypted"
        }
    });
    let opened = |bytes: Option<Vec<u8>>| bytes.and_then(|bytes| version_opened(path, bytes));
    let took = match (opened(before), opened(after)) {
        (Some(before), Some(after)) => Some(summary(&before, &after)),
        _ => None,
    };
    let changed = match (took, turned) {
        (Some(took), None) if took == NO_CHANGE => " (no change to the ledger)".to_string(),
        (Some(took), Some(turned)) if took == NO_CHANGE => format!(" ({turned})"),
        (Some(took), None) => format!(" ({took})"),
        (Some(took), Some(turned)) => format!(" ({took}, {turned})"),
        (None, Some(turned)) => format!(" ({turned})"),
        (None, None) => String::new(),
    };
    let on_the_remote = git.has(upstream) && ancestor(synced, upstream);
    let what = if on_the_remote {
        "the remote still holds it, and a sync that reaches the remote takes it back"
    } else {
        "the remote does not hold it, so this sync merges it back"
    };
    Some(MovedBack {
        commit: synced.to_string(),
        said: format!(
            "the branch here was moved by hand since the last sync (a git reset?): commit {short} that sync left{changed} is no longer in its history; {what}, and nothing of it is lost (a record is taken out with `trustladder rm`, which every machine takes)"
        ),
        on_the_remote,
        sealed,
        short,
    })
}

/// What git writes in the log of a remote's branch when a push from here moved it.
const PUSHED: &str = "update by push";

/// How many of the newest moves of the remote's branch are read for [`fetched_before_pushed`].
const MOVES: &str = "100";

/// Where a `git push` run by hand since the last sync here (whose commit is `synced`) moved
/// the remote's branch `upstream`, which then holds this machine's own commits too: the
/// newest version of that branch git fetched (not one a push from here wrote) that `head`
/// holds, or `synced` where `head` holds none since. None where nothing was pushed by hand
/// (the branch holds only what came from elsewhere after the last sync's own push), or git
/// keeps no log of the branch.
fn fetched_before_pushed(git: &Git, upstream: &str, synced: &str, head: &str) -> Option<String> {
    let moves = moves_of(git, &format!("refs/remotes/{upstream}"))?;
    let ancestor = |a: &str, b: &str| {
        git.run(&["merge-base", "--is-ancestor", a, b])
            .is_ok_and(|r| r.ok)
    };
    let mut pushed = false;
    let mut fetched = None;
    for line in moves.lines() {
        let Some((commit, how)) = line.split_once(' ') else {
            continue;
        };
        // The branch as it was at the last sync here, or before: nothing older is new.
        if ancestor(commit, synced) {
            break;
        }
        if how == PUSHED {
            pushed = true;
        } else if fetched.is_none() && ancestor(commit, head) {
            fetched = Some(commit.to_string());
        }
    }
    pushed.then(|| fetched.unwrap_or_else(|| synced.to_string()))
}

/// The first side (this machine's) of each merge made here between `synced` and `head` (not
/// one the remote holds, which another machine made), oldest first; the latest few only.
fn merged_here(git: &Git, synced: &str, head: &str, upstream: &str) -> Vec<String> {
    const MERGES: &str = "20";
    let Ok(merges) = git.ok(&[
        "rev-list",
        "--merges",
        "-n",
        MERGES,
        head,
        &format!("^{synced}"),
        &format!("^{upstream}"),
    ]) else {
        return Vec::new();
    };
    merges
        .lines()
        .rev()
        .map(|merge| format!("{}^1", merge.trim()))
        .collect()
}

/// `known` with the people and promises of `had` it does not hold (by uid), as `had` numbers
/// them.
fn add_unknown(known: &mut Ledger, had: Ledger) {
    let people: HashSet<Uid> = known.people.iter().map(|p| p.uid).collect();
    let promises: HashSet<Uid> = known.promises.iter().map(|p| p.uid).collect();
    known
        .people
        .extend(had.people.into_iter().filter(|p| !people.contains(&p.uid)));
    known.promises.extend(
        had.promises
            .into_iter()
            .filter(|p| !promises.contains(&p.uid)),
    );
}
