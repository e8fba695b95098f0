//! Shorthands for code that builds a ledger (the demo team, benchmarks, tests): each applies
//! one [`Change`] and returns the number it made, so built ledgers obey the same rules as
//! everything a person enters.

use chrono::NaiveDate;

use super::{Change, Done, Moment, NewPromise, OnConflict, PersonPatch, Set, Target};
use crate::core::ledger::{Ledger, LedgerError};
use crate::core::model::{Direction, Level, PersonId, PromiseId, Status};

/// A moment at the start of a day, with the seed every built ledger shares: numbers differ
/// between records, so uids do too.
impl From<NaiveDate> for Moment {
    fn from(today: NaiveDate) -> Moment {
        Moment::fixed(today, "built")
    }
}

impl From<&Moment> for Moment {
    fn from(m: &Moment) -> Moment {
        *m
    }
}

impl NewPromise {
    /// An open promise of theirs, a task with no due date.
    pub fn task(person: PersonId, what: &str, made: NaiveDate) -> NewPromise {
        NewPromise {
            person: Target::id(person),
            direction: Direction::Theirs,
            level: Level::Task,
            what: what.to_string(),
            made,
            due: None,
            outcome: None,
        }
    }
}

impl Ledger {
    /// Adds a colleague, another one if the name is taken; see [`Change::AddPerson`].
    pub fn add_person(
        &mut self,
        name: &str,
        role: &str,
        note: &str,
        m: impl Into<Moment>,
    ) -> Result<PersonId, LedgerError> {
        let change = Change::AddPerson {
            name: name.into(),
            role: role.into(),
            note: note.into(),
            cadence_days: None,
            again: true,
        };
        match self.apply(&change, &m.into())?.done {
            Done::AddedPerson(id) => Ok(id),
            other => unreachable!("adding a person did {other:?}"),
        }
    }

    /// Adds a promise; see [`Change::AddPromise`].
    pub fn add_promise(
        &mut self,
        new: NewPromise,
        m: impl Into<Moment>,
    ) -> Result<PromiseId, LedgerError> {
        match self.apply(&Change::AddPromise(new), &m.into())?.done {
            Done::AddedPromise { id, .. } => Ok(id),
            other => unreachable!("adding a promise did {other:?}"),
        }
    }

    /// Gives an open promise its outcome; see [`Change::Resolve`].
    pub fn resolve_promise(
        &mut self,
        id: PromiseId,
        status: Status,
        on: NaiveDate,
        note: Option<&str>,
        m: impl Into<Moment>,
    ) -> Result<(), LedgerError> {
        let change = Change::Resolve {
            promise: Target::id(id),
            status,
            on,
            note: note.map(str::to_string),
        };
        self.apply(&change, &m.into()).map(drop)
    }

    /// Archives or restores a person; see [`Change::EditPerson`].
    pub fn set_archived(
        &mut self,
        id: PersonId,
        archived: bool,
        m: impl Into<Moment>,
    ) -> Result<(), LedgerError> {
        let change = Change::EditPerson {
            person: Target::id(id),
            patch: PersonPatch {
                archived: Some(Set::to(archived)),
                ..PersonPatch::default()
            },
            on_conflict: OnConflict::Refuse,
        };
        self.apply(&change, &m.into()).map(drop)
    }
}
