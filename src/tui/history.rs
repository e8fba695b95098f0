//! The session's changes, for `u` and `Ctrl-r`. Each entry keeps the change that undoes it
//! (the inverse the core returned), so an undo sets back only what the change set, only where
//! nothing else changed it since, and never a record that merely took its number.

use crate::core::{Change, Ledger, PromiseId, Uid};

/// One change that can be undone or redone: what it did, in words, and the change that sets
/// it back.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub what: String,
    /// What was so once the change was made ("overdue already"): said again by a redo, not
    /// by an undo, which makes it untrue.
    pub note: Option<String>,
    pub inverse: Change,
    /// The promise `what` names by number ("#11 kept"), with its uid: when a merge gives it
    /// another number, the words follow it, so an undo never names the promise that took
    /// its old number.
    pub named: Option<(PromiseId, Uid)>,
}

impl Entry {
    /// An entry whose words may begin with the number of promise `id` (`#11 saved`); the
    /// words follow that promise from then on.
    pub fn new(
        what: String,
        note: Option<String>,
        inverse: Change,
        id: Option<PromiseId>,
    ) -> Entry {
        let named = id
            .filter(|id| names(&what, *id))
            .and_then(|id| uid_in(&inverse, id).map(|uid| (id, uid)));
        Entry {
            what,
            note,
            inverse,
            named,
        }
    }

    /// The promise it names has number `to` now: its words and its inverse say so.
    pub fn renumber(&mut self, to: PromiseId) {
        let Some((was, uid)) = self.named else {
            return;
        };
        if was == to {
            return;
        }
        if let Some(rest) = self.what.strip_prefix(&format!("#{was}")) {
            self.what = format!("#{to}{rest}");
        }
        renumber_in(&mut self.inverse, uid, to);
        self.named = Some((to, uid));
    }
}

/// Whether `what` begins with the number of promise `id`, whole (`#11`, not the start of
/// `#110`).
fn names(what: &str, id: PromiseId) -> bool {
    what.strip_prefix(&format!("#{id}"))
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// The uid of promise `id` as `change` names it.
fn uid_in(change: &Change, id: PromiseId) -> Option<Uid> {
    match change {
        Change::EditPromise { promise, .. }
        | Change::Resolve { promise, .. }
        | Change::Reopen { promise }
        | Change::DeletePromise { promise, .. } => promise.uid.filter(|_| promise.id == id),
        Change::PutBack { promises, .. } | Change::TakeBack { promises, .. } => {
            promises.iter().find(|p| p.id == id).map(|p| p.uid)
        }
        _ => None,
    }
}

/// The number `change` gives the promise with `uid`, if it names it.
pub fn number_in(change: &Change, uid: Uid) -> Option<PromiseId> {
    match change {
        Change::EditPromise { promise, .. }
        | Change::Resolve { promise, .. }
        | Change::Reopen { promise }
        | Change::DeletePromise { promise, .. } => (promise.uid == Some(uid)).then_some(promise.id),
        Change::PutBack { promises, .. } | Change::TakeBack { promises, .. } => {
            promises.iter().find(|p| p.uid == uid).map(|p| p.id)
        }
        _ => None,
    }
}

/// Gives the promise with `uid` number `to` wherever `change` names it.
fn renumber_in(change: &mut Change, uid: Uid, to: PromiseId) {
    match change {
        Change::EditPromise { promise, .. }
        | Change::Resolve { promise, .. }
        | Change::Reopen { promise }
        | Change::DeletePromise { promise, .. }
            if promise.uid == Some(uid) =>
        {
            promise.id = to;
        }
        Change::PutBack { promises, .. } | Change::TakeBack { promises, .. } => {
            for p in promises.iter_mut().filter(|p| p.uid == uid) {
                p.id = to;
            }
        }
        _ => {}
    }
}

/// The number the promise `id` with `uid` has in `now`, when `old` had it as `id` and `now`
/// has it under another: `None` when it kept its number, is gone, or was not there to follow.
/// Looks by number first, so only a promise that did move costs a search of the ledger.
pub fn moved(old: &Ledger, now: &Ledger, id: PromiseId, uid: Uid) -> Option<PromiseId> {
    if now.promise(id).is_some_and(|p| p.uid == uid) {
        return None;
    }
    if old.promise(id).is_none_or(|p| p.uid != uid) {
        return None;
    }
    now.promise_by_uid(uid).map(|p| p.id)
}

/// Done and undone changes, newest last.
#[derive(Debug, Default)]
pub struct History {
    done: Vec<Entry>,
    undone: Vec<Entry>,
}

impl History {
    /// Remembers a new change; it makes the redo list meaningless, so that is dropped.
    pub fn push(&mut self, entry: Entry) {
        self.done.push(entry);
        self.undone.clear();
    }

    /// Takes the change `u` undoes, while its undo is saved.
    pub fn take_done(&mut self) -> Option<Entry> {
        self.done.pop()
    }

    /// Takes the change `Ctrl-r` redoes, while its redo is saved.
    pub fn take_undone(&mut self) -> Option<Entry> {
        self.undone.pop()
    }

    /// An undone change, ready to be redone.
    pub fn push_undone(&mut self, entry: Entry) {
        self.undone.push(entry);
    }

    /// A redone change (or an undo that failed), ready to be undone again; unlike
    /// [`History::push`] it keeps the redo list.
    pub fn push_done(&mut self, entry: Entry) {
        self.done.push(entry);
    }

    /// Follows every promise the entries name from `old` to `now`; returns each number that
    /// moved, as it was and as it is.
    pub fn follow(&mut self, old: &Ledger, now: &Ledger) -> Vec<(PromiseId, PromiseId)> {
        let mut moves = Vec::new();
        for entry in self.done.iter_mut().chain(self.undone.iter_mut()) {
            if let Some((id, uid)) = entry.named
                && let Some(to) = moved(old, now, id, uid)
            {
                entry.renumber(to);
                moves.push((id, to));
            }
        }
        moves
    }

    /// How many changes can be undone and redone.
    pub fn depth(&self) -> (usize, usize) {
        (self.done.len(), self.undone.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::change::{OnConflict, PromisePatch, Target};

    fn edit_of(id: u64, uid: Uid) -> Change {
        Change::EditPromise {
            promise: Target::exact(PromiseId(id), uid),
            patch: PromisePatch::default(),
            on_conflict: OnConflict::KeepTheirs,
        }
    }

    /// The words follow the promise they begin with, whole numbers only: `#1` is not the
    /// start of `#11`.
    #[test]
    fn an_entry_s_words_and_inverse_follow_its_promise_s_number() {
        let uid = Uid::derived("a promise");
        let mut entry = Entry::new(
            "#11 saved".into(),
            None,
            edit_of(11, uid),
            Some(PromiseId(11)),
        );
        assert_eq!(entry.named, Some((PromiseId(11), uid)));
        entry.renumber(PromiseId(12));
        assert_eq!(entry.what, "#12 saved");
        assert_eq!(entry.inverse, edit_of(12, uid));
        assert_eq!(
            Entry::new(
                "#11 saved".into(),
                None,
                edit_of(11, uid),
                Some(PromiseId(1))
            )
            .named,
            None
        );
        assert_eq!(
            Entry::new(
                "Added Priya".into(),
                None,
                edit_of(11, uid),
                Some(PromiseId(11))
            )
            .named,
            None
        );
    }
}
