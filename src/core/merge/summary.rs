//! A change between two versions of a ledger in a few words, for the message of the commit
//! that records it ("2 promises added, 1 kept, Priya Raman edited").

use std::collections::{HashMap, HashSet};

use crate::core::ledger::Ledger;
use crate::core::model::{Person, Promise, Status, Uid};
use crate::core::text::counted;

/// Whether a promise says something else in `after` than in `before`, beyond its number and
/// its person's (a person joined into another is the same person).
fn promise_edited(old: &Promise, new: &Promise, before: &Ledger, after: &Ledger) -> bool {
    let uid = |ledger: &Ledger, id| ledger.person(id).map(|p| p.uid);
    let (was, is) = (uid(before, old.person), uid(after, new.person));
    let same_person = was == is || was.and_then(|was| super::moved::joined_into(after, was)) == is;
    // Every field named, so that a field added to a promise is compared too (or left out
    // here on purpose); compared in place, as a ledger of 100,000 cloned each one.
    let Promise {
        id: _,
        uid,
        person: _,
        direction,
        level,
        what,
        made,
        due,
        status,
        resolved,
        note,
        changed,
    } = old;
    !same_person
        || (uid, direction, level, what, made, due)
            != (
                &new.uid,
                &new.direction,
                &new.level,
                &new.what,
                &new.made,
                &new.due,
            )
        || (status, resolved, note, changed)
            != (&new.status, &new.resolved, &new.note, &new.changed)
}

/// The promises of one ledger, found by uid for those of another version of it (the earlier
/// one for the summary, the other side for a merge). Both are in number order, so a promise
/// is mostly where it was, or as many places on as the records added or deleted before it:
/// it is looked for there first, and by its uid only where it is not (a map of them all,
/// made the first time), which spares hashing 100,000 uids.
pub(super) struct Nearby<'l> {
    promises: &'l [Promise],
    /// Where the last promise found was in this ledger, less where it is in the other.
    shift: isize,
    by_uid: Option<HashMap<Uid, usize>>,
}

impl<'l> Nearby<'l> {
    pub(super) fn of(promises: &'l [Promise]) -> Nearby<'l> {
        Nearby {
            promises,
            shift: 0,
            by_uid: None,
        }
    }

    /// This ledger's version of the promise `uid`, at `at` in the other.
    pub(super) fn find(&mut self, at: usize, uid: Uid) -> Option<&'l Promise> {
        self.place(at, uid).and_then(|i| self.promises.get(i))
    }

    /// Where this ledger holds the promise `uid`, at `at` in the other.
    pub(super) fn place(&mut self, at: usize, uid: Uid) -> Option<usize> {
        let guess = at.checked_add_signed(self.shift);
        if let Some(i) = guess.filter(|i| self.promises.get(*i).is_some_and(|p| p.uid == uid)) {
            return Some(i);
        }
        let promises = self.promises;
        let by_uid = self.by_uid.get_or_insert_with(|| {
            promises
                .iter()
                .enumerate()
                .map(|(i, p)| (p.uid, i))
                .collect()
        });
        let found = *by_uid.get(&uid)?;
        self.shift = found.cast_signed() - at.cast_signed();
        Some(found)
    }
}

/// What [`summary`] says of two ledgers that hold the same records.
pub const NO_CHANGE: &str = "no change";

/// What changed from `before` to `after`, or [`NO_CHANGE`].
pub fn summary(before: &Ledger, after: &Ledger) -> String {
    let mut parts = Vec::new();
    let people: HashMap<Uid, &Person> = before.people.iter().map(|p| (p.uid, p)).collect();
    // A person added on both machines and joined into one is neither added nor deleted.
    let joined: HashSet<Uid> = before
        .people
        .iter()
        .filter_map(|p| super::moved::joined_into(after, p.uid))
        .filter(|into| !people.contains_key(into))
        .collect();
    let added = after
        .people
        .iter()
        .filter(|p| !people.contains_key(&p.uid) && !joined.contains(&p.uid))
        .count();
    // A merge may give a record a new number (and a promise its person's new one): that is
    // not an edit, which is told by what the record says. Archived or restored is said as
    // such, and is an edit only with another change (its change time moves with it).
    let (mut edited, mut archived, mut restored) = (0, 0, 0);
    for p in &after.people {
        let Some(old) = people.get(&p.uid) else {
            continue;
        };
        let turned = old.archived != p.archived;
        let (archived_now, changed) = if turned {
            (p.archived, p.changed)
        } else {
            (old.archived, old.changed)
        };
        let was = Person {
            id: p.id,
            archived: archived_now,
            changed,
            ..(*old).clone()
        };
        match (turned, p.archived) {
            (true, true) => archived += 1,
            (true, false) => restored += 1,
            _ => {}
        }
        if was != *p {
            edited += 1;
        }
    }
    let gone = (before.people.len() + added).saturating_sub(after.people.len());
    for (n, one, many) in [
        (added, "person added", "people added"),
        (joined.len(), "person joined", "people joined"),
        (edited, "person edited", "people edited"),
        (archived, "person archived", "people archived"),
        (restored, "person restored", "people restored"),
        (gone, "person deleted", "people deleted"),
    ] {
        if n > 0 {
            parts.push(counted(n, one, many));
        }
    }
    let mut earlier = Nearby::of(&before.promises);
    let mut added = 0;
    let mut resolved: HashMap<Status, usize> = HashMap::new();
    let mut reopened = 0;
    let mut edited = 0;
    let kept = |s: Status| matches!(s, Status::Kept | Status::KeptLate);
    for (at, p) in after.promises.iter().enumerate() {
        match earlier.find(at, p.uid) {
            None => added += 1,
            // Kept moved to kept late, or back, by a due date edited: an edit, not a keep.
            Some(old) if kept(old.status) && kept(p.status) && old.status != p.status => {
                edited += 1;
            }
            Some(old) if old.status != p.status && p.status == Status::Open => reopened += 1,
            Some(old) if old.status != p.status => {
                *resolved.entry(p.status).or_default() += 1;
            }
            Some(old) if promise_edited(old, p, before, after) => edited += 1,
            Some(_) => {}
        }
    }
    let gone = (before.promises.len() + added).saturating_sub(after.promises.len());
    if added > 0 {
        parts.push(counted(added, "promise added", "promises added"));
    }
    for status in [
        Status::Kept,
        Status::KeptLate,
        Status::Broken,
        Status::Released,
    ] {
        if let Some(n) = resolved.get(&status) {
            parts.push(format!("{n} {}", status.label()));
        }
    }
    if reopened > 0 {
        parts.push(format!("{reopened} reopened"));
    }
    if edited > 0 {
        parts.push(counted(edited, "promise edited", "promises edited"));
    }
    if gone > 0 {
        parts.push(counted(gone, "promise deleted", "promises deleted"));
    }
    if before.settings != after.settings {
        parts.push("settings changed".to_string());
    }
    if parts.is_empty() {
        NO_CHANGE.to_string()
    } else {
        parts.join(", ")
    }
}
