//! Changes the UI makes, and their undo and redo.
//!
//! Each change records the people and promises it touched, before and after. Undo puts the
//! "before" records back through the store (and redo the "after" ones), so an undo is itself a
//! change that merges with whatever another process saved in the meantime, instead of
//! overwriting the file with an old copy.

use chrono::NaiveDate;

use crate::core::ledger::{NewPromise, PersonEdit, PromiseEdit};
use crate::core::text::sanitize;
use crate::core::{Ledger, LedgerError, Person, PersonId, Promise, PromiseId, Status};

/// One change the person asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    AddPerson {
        name: String,
        role: String,
        note: String,
    },
    EditPerson(PersonId, PersonEdit),
    SetArchived(PersonId, bool),
    /// Deletes the person and every promise with them.
    DeletePerson(PersonId),
    /// A new promise; `kept` logs it as already kept today.
    AddPromise {
        new: NewPromise,
        kept: bool,
    },
    EditPromise(PromiseId, PromiseEdit),
    Resolve {
        id: PromiseId,
        status: Status,
        on: NaiveDate,
        note: Option<String>,
    },
    Reopen(PromiseId),
    DeletePromise(PromiseId),
}

/// What a change did: the records it touched, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// What happened, in words ("#12 kept").
    pub what: String,
    pub people: Vec<(PersonId, Option<Person>, Option<Person>)>,
    pub promises: Vec<(PromiseId, Option<Promise>, Option<Promise>)>,
}

impl Record {
    /// Whether the change touched anything; an edit saved as it was is not worth an undo step.
    pub fn changed(&self) -> bool {
        self.people.iter().any(|(_, before, after)| before != after)
            || self
                .promises
                .iter()
                .any(|(_, before, after)| before != after)
    }
}

/// The result of applying an [`Op`]: its record, and the person and promise to select.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub record: Record,
    pub person: Option<PersonId>,
    pub promise: Option<PromiseId>,
}

fn name_of(ledger: &Ledger, id: PersonId) -> String {
    ledger
        .person(id)
        .map_or_else(|| format!("person {id}"), |p| sanitize(&p.name))
}

/// Applies `op` to `ledger` and records what it touched. Runs inside `Store::update`, so it
/// may run again on a fresh copy of the file; it reads everything it needs from `ledger`.
pub fn apply(op: &Op, ledger: &mut Ledger, today: NaiveDate) -> Result<Applied, LedgerError> {
    let (people, promises): (Vec<PersonId>, Vec<PromiseId>) = match op {
        Op::AddPerson { .. } | Op::AddPromise { .. } => (vec![], vec![]),
        Op::EditPerson(id, _) | Op::SetArchived(id, _) => (vec![*id], vec![]),
        Op::DeletePerson(id) => (vec![*id], ledger.promises_of(*id).map(|p| p.id).collect()),
        Op::EditPromise(id, _)
        | Op::Resolve { id, .. }
        | Op::Reopen(id)
        | Op::DeletePromise(id) => (vec![], vec![*id]),
    };
    let before_people: Vec<Option<Person>> = people
        .iter()
        .map(|id| ledger.person(*id).cloned())
        .collect();
    let before_promises: Vec<Option<Promise>> = promises
        .iter()
        .map(|id| ledger.promise(*id).cloned())
        .collect();
    let (mut people, mut promises) = (people, promises);
    let mut person = people.first().copied();
    let mut promise = promises.first().copied();
    let what = match op {
        Op::AddPerson { name, role, note } => {
            let id = ledger.add_person(name, role, note, today)?;
            people.push(id);
            person = Some(id);
            format!("Added {}", name_of(ledger, id))
        }
        Op::EditPerson(id, edit) => {
            ledger.edit_person(*id, edit)?;
            format!("Saved {}", name_of(ledger, *id))
        }
        Op::SetArchived(id, archived) => {
            ledger.set_archived(*id, *archived)?;
            let verb = if *archived { "Archived" } else { "Restored" };
            format!("{verb} {}", name_of(ledger, *id))
        }
        Op::DeletePerson(id) => {
            let name = name_of(ledger, *id);
            let count = ledger.delete_person(*id, true)?;
            person = None;
            promise = None;
            match count {
                0 => format!("Deleted {name}"),
                1 => format!("Deleted {name} and 1 promise"),
                n => format!("Deleted {name} and {n} promises"),
            }
        }
        Op::AddPromise { new, kept } => {
            let id = ledger.add_promise(new.clone())?;
            if *kept {
                ledger.resolve_promise(id, Status::Kept, today.max(new.made), None)?;
            }
            promises.push(id);
            person = Some(new.person);
            promise = Some(id);
            let whose = name_of(ledger, new.person);
            if *kept {
                format!("#{id} logged as kept for {whose}")
            } else {
                format!("#{id} added for {whose}")
            }
        }
        Op::EditPromise(id, edit) => {
            ledger.edit_promise(*id, edit)?;
            format!("#{id} saved")
        }
        Op::Resolve {
            id,
            status,
            on,
            note,
        } => {
            ledger.resolve_promise(*id, *status, *on, note.as_deref())?;
            format!("#{id} {}", status.label())
        }
        Op::Reopen(id) => {
            ledger.reopen_promise(*id)?;
            format!("#{id} reopened")
        }
        Op::DeletePromise(id) => {
            ledger.delete_promise(*id)?;
            promise = None;
            format!("#{id} deleted")
        }
    };
    let record = Record {
        what,
        people: people
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let before = before_people.get(i).cloned().flatten();
                (*id, before, ledger.person(*id).cloned())
            })
            .collect(),
        promises: promises
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let before = before_promises.get(i).cloned().flatten();
                (*id, before, ledger.promise(*id).cloned())
            })
            .collect(),
    };
    if person.is_none() {
        person = promise.and_then(|id| ledger.promise(id)).map(|p| p.person);
    }
    Ok(Applied {
        record,
        person,
        promise,
    })
}

/// Puts a record's "before" (undo) or "after" (redo) state back into `ledger`. People come
/// back before their promises and leave after them, so no promise is ever left without its
/// person; a person who gained promises elsewhere since is not removed.
pub fn restore(record: &Record, ledger: &mut Ledger, undo: bool) -> Result<(), LedgerError> {
    let pick = |before: &Option<Person>, after: &Option<Person>| {
        if undo { before.clone() } else { after.clone() }
    };
    for (_, before, after) in &record.people {
        if let Some(person) = pick(before, after) {
            ledger.put_person(person);
        }
    }
    for (id, before, after) in &record.promises {
        let state = if undo { before } else { after };
        match state {
            Some(promise) => ledger.put_promise(promise.clone()),
            None => ledger.remove_promise_record(*id),
        }
    }
    for (id, before, after) in &record.people {
        if pick(before, after).is_none() {
            let count = ledger.promises_of(*id).count();
            if count > 0 {
                let handle = ledger
                    .person(*id)
                    .map(|p| p.handle.clone())
                    .unwrap_or_default();
                return Err(LedgerError::PersonHasPromises { handle, count });
            }
            ledger.remove_person_record(*id);
        }
    }
    Ok(())
}

/// The session's changes, for `u` and `Ctrl-r`.
#[derive(Debug, Default)]
pub struct History {
    done: Vec<Record>,
    undone: Vec<Record>,
}

impl History {
    /// Remembers a new change; it makes the redo list meaningless, so that is dropped.
    pub fn push(&mut self, record: Record) {
        self.done.push(record);
        self.undone.clear();
    }

    /// The change `u` would undo.
    pub fn last_done(&self) -> Option<&Record> {
        self.done.last()
    }

    /// The change `Ctrl-r` would redo.
    pub fn last_undone(&self) -> Option<&Record> {
        self.undone.last()
    }

    /// Moves the last change to the redo list, after it was undone in the file.
    pub fn mark_undone(&mut self) {
        if let Some(r) = self.done.pop() {
            self.undone.push(r);
        }
    }

    /// Moves the last undone change back, after it was redone in the file.
    pub fn mark_redone(&mut self) {
        if let Some(r) = self.undone.pop() {
            self.done.push(r);
        }
    }

    /// How many changes can be undone and redone.
    pub fn depth(&self) -> (usize, usize) {
        (self.done.len(), self.undone.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_iso;
    use crate::core::{Direction, Level};

    fn today() -> NaiveDate {
        parse_iso("2026-11-24").unwrap()
    }

    fn add_person(l: &mut Ledger, name: &str) -> Applied {
        let op = Op::AddPerson {
            name: name.into(),
            role: String::new(),
            note: String::new(),
        };
        apply(&op, l, today()).unwrap()
    }

    #[test]
    fn undo_and_redo_of_a_delete_bring_back_the_promises() {
        let mut l = Ledger::default();
        let p = add_person(&mut l, "Priya").person.unwrap();
        let new = NewPromise {
            person: p,
            direction: Direction::Theirs,
            level: Level::Task,
            what: "x".into(),
            made: today(),
            due: None,
        };
        apply(&Op::AddPromise { new, kept: true }, &mut l, today()).unwrap();
        let full = l.clone();
        let deleted = apply(&Op::DeletePerson(p), &mut l, today()).unwrap();
        assert_eq!(deleted.record.what, "Deleted Priya and 1 promise");
        assert!(l.people.is_empty() && l.promises.is_empty());
        restore(&deleted.record, &mut l, true).unwrap();
        assert_eq!(l, full);
        restore(&deleted.record, &mut l, false).unwrap();
        assert!(l.people.is_empty() && l.promises.is_empty());
    }

    #[test]
    fn undoing_an_add_keeps_a_person_who_gained_promises_elsewhere() {
        let mut l = Ledger::default();
        let added = add_person(&mut l, "Priya");
        let p = added.person.unwrap();
        l.add_promise(NewPromise {
            person: p,
            direction: Direction::Mine,
            level: Level::Task,
            what: "y".into(),
            made: today(),
            due: None,
        })
        .unwrap();
        let err = restore(&added.record, &mut l, true).unwrap_err();
        assert!(matches!(
            err,
            LedgerError::PersonHasPromises { count: 1, .. }
        ));
    }
}
