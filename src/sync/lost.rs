//! What of this machine's values lost in merges another machine made, said on the sync that
//! brings them.

use std::path::Path;

use crate::core::merge::overridden;
use crate::store;

use super::Git;

/// What of this machine's values lost in the merges another machine made, which a sync from
/// `from` (the last commit this machine shares with the remote) to `to` brings: each merge
/// whose two sides parted before `from`, merged again from their ancestor with the ledger as
/// this machine had it at `from` and the merge's other side, says which of its values the
/// merge settled the other way,
/// as the merging machine said it, where the ledger at `to` still holds what it took (a later
/// merge may have settled it otherwise, back to this machine's value even). The latest merges
/// only, and nothing where a version cannot be opened.
pub(super) fn lost_here(git: &Git, path: &Path, name: &str, from: &str, to: &str) -> Vec<String> {
    const MERGES: &str = "20";
    let range = format!("{from}..{to}");
    let Ok(merges) = git.ok(&[
        "rev-list",
        "--merges",
        "--ancestry-path",
        "-n",
        MERGES,
        &range,
    ]) else {
        return Vec::new();
    };
    // Read only when a merge came in: a sync that takes none opens no old version.
    if merges.trim().is_empty() {
        return Vec::new();
    }
    let (Some(mine), Some(now)) = (
        ledger_at(git, path, name, from),
        ledger_at(git, path, name, to),
    ) else {
        return Vec::new();
    };
    let mut lines: Vec<String> = Vec::new();
    for merge in merges.lines() {
        let Ok(base) = git.ok(&["merge-base", &format!("{merge}^1"), &format!("{merge}^2")]) else {
            continue;
        };
        let base = base.trim();
        // Sides that parted after `from` hold no value this machine had that the other lacked.
        let parted_before = base != from
            && git
                .run(&["merge-base", "--is-ancestor", base, from])
                .is_ok_and(|r| r.ok);
        if !parted_before {
            continue;
        }
        // The side that did not have this machine's ledger at `from`: what it merged against
        // this machine's values. Not the merge's result, which also holds what this
        // machine added after the sides parted, as if the other side had added it too (a
        // record this machine added read as changed on both sides, and one it added and
        // another machine deleted, as kept).
        let first_has_mine = git
            .run(&["merge-base", "--is-ancestor", from, &format!("{merge}^1")])
            .is_ok_and(|r| r.ok);
        let other = format!("{merge}^{}", if first_has_mine { 2 } else { 1 });
        let (Some(base), Some(theirs)) = (
            ledger_at(git, path, name, base),
            ledger_at(git, path, name, &other),
        ) else {
            continue;
        };
        // Said as this merge said it, if the same merged against the ledger as it now is
        // says it too: else a later merge took it back, or took a third value. Both name
        // each record as the ledger now does, where a later merge may have moved it on.
        let still = overridden(&base, &mine, &now, &now);
        for line in overridden(&base, &mine, &theirs, &now) {
            if still.contains(&line) && !lines.contains(&line) {
                lines.push(line);
            }
        }
    }
    lines
}

/// The ledger in commit `rev`; `None` where it holds none or this machine cannot open it.
fn ledger_at(git: &Git, path: &Path, name: &str, rev: &str) -> Option<crate::core::Ledger> {
    let bytes = git.bytes(&["show", &format!("{rev}:./{name}")]).ok()??;
    version_opened(path, bytes)
}

/// A committed version of the ledger at `path`, opened with the keys this machine holds
/// (never asking for them); `None` when it cannot be.
pub(super) fn version_opened(path: &Path, bytes: Vec<u8>) -> Option<crate::core::Ledger> {
    let opened = crate::crypt::opened(path, bytes, crate::crypt::unlock::Ask::Never).ok()?;
    store::decode(&opened.bytes).ok()
}
