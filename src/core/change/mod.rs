//! Changes as data: every way the program can change a ledger is one [`Change`], built by the
//! command line and the terminal UI alike and applied by [`Ledger::apply`](super::Ledger),
//! which holds every rule about changes in one place.
//!
//! An edit names each field it sets, with the value its author saw ([`Set::was`]); applied
//! to a ledger that changed meanwhile, fields nobody else touched are set, and a field changed
//! elsewhere to something else is a [`Conflict`]. Applying a change returns its inverse, a
//! change of the same kind, so undo sets back only what the change set and redo is the
//! inverse's inverse.

mod apply;
mod build;
mod fields;
mod import;
mod records;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ledger::Ledger;
use super::model::{
    Direction, Level, Person, PersonId, Promise, PromiseId, Status, Timestamp, Uid,
};
use super::settings::Settings;

pub use apply::{check_outcome_day, check_reopen_day};
pub use fields::{Outcome, PersonPatch, PromisePatch};

/// A field's new value and the value the change was made against. `was: None` sets the field
/// whatever it holds: the command line, which reads the file under its lock, is never stale.
///
/// In JSON, a blind `Set` has no `was` at all, so `"was": null` is the empty value a field
/// was seen to hold (a promise with no due date), not "whatever it holds".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Set<T> {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub was: Option<T>,
    pub to: T,
}

/// Reads a field that is there as `Some`, even when its value is `null`.
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

impl<T> Set<T> {
    /// Sets the field whatever it holds now.
    pub fn to(to: T) -> Set<T> {
        Set { was: None, to }
    }

    /// Sets the field only if it still holds `was` (or already holds `to`).
    pub fn from(was: T, to: T) -> Set<T> {
        Set { was: Some(was), to }
    }
}

/// What to do with a field that was changed elsewhere since the change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnConflict {
    /// Refuse the whole change and report every such field: a person's edit, which they must
    /// look at again.
    Refuse,
    /// Set the other fields and leave those as they are: an undo, which must never overwrite
    /// what someone else did since.
    KeepTheirs,
}

/// The record a change is about: its number, and (when the author knew it) its uid, which is
/// then what counts. A change that names a uid can never land on another record that took
/// the number over, whatever happened to the file in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target<I> {
    pub id: I,
    pub uid: Option<Uid>,
}

impl<I> Target<I> {
    /// Whatever record has this number now.
    pub fn id(id: I) -> Target<I> {
        Target { id, uid: None }
    }

    /// This very record.
    pub fn exact(id: I, uid: Uid) -> Target<I> {
        Target { id, uid: Some(uid) }
    }
}

/// A new promise. With `outcome` it is logged as already resolved, in the same change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPromise {
    pub person: Target<PersonId>,
    pub direction: Direction,
    pub level: Level,
    pub what: String,
    pub made: NaiveDate,
    pub due: Option<NaiveDate>,
    pub outcome: Option<(Status, NaiveDate)>,
}

/// One change to a ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// A new colleague; the handle is made from the name. A name already in the ledger
    /// (ignoring case, accents and spacing) is refused unless `again` says another person of
    /// that name is meant. A keep-in-touch cadence may come with them, so that someone met
    /// every two weeks is listed as soon as two weeks pass, with no edit after the add.
    AddPerson {
        name: String,
        role: String,
        note: String,
        #[serde(default)]
        cadence_days: Option<u32>,
        #[serde(default)]
        again: bool,
    },
    /// Name, role, note, archived.
    EditPerson {
        person: Target<PersonId>,
        patch: PersonPatch,
        on_conflict: OnConflict,
    },
    /// Deletes a person; one with promises only with `force`, which deletes those too.
    /// `promises`, when given, is how many promises the user was told would go: a different
    /// number (one added elsewhere since) refuses the change, so none goes unseen.
    DeletePerson {
        person: Target<PersonId>,
        force: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        promises: Option<usize>,
    },
    AddPromise(NewPromise),
    /// What, rung, due date, direction, note, and (for undo) the outcome.
    EditPromise {
        promise: Target<PromiseId>,
        patch: PromisePatch,
        on_conflict: OnConflict,
    },
    /// Gives an open promise its outcome; a note, if given, replaces the promise's note.
    Resolve {
        promise: Target<PromiseId>,
        status: Status,
        on: NaiveDate,
        note: Option<String>,
    },
    /// Makes a resolved promise open again, without its outcome's note; refused on a day
    /// before it was made or resolved (looking back), when it was open.
    Reopen {
        promise: Target<PromiseId>,
    },
    /// Deletes a promise. `seen`, when given, is the promise as the user was asked about it:
    /// one changed since (kept or reworded elsewhere) refuses the change, so no change made
    /// elsewhere goes with it unseen.
    DeletePromise {
        promise: Target<PromiseId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seen: Option<Box<Promise>>,
    },
    /// The scoring settings, as a whole.
    EditSettings {
        settings: Set<Settings>,
        on_conflict: OnConflict,
    },
    /// Brings deleted records back as they were, with their own numbers and uids (the undo
    /// of a deletion). A record that is back already is left alone; one whose number was
    /// taken meanwhile gets a new number rather than overwriting another record.
    PutBack {
        people: Vec<Person>,
        promises: Vec<Promise>,
        /// The uid of each promise's person, in the order of `promises`: a merge may have
        /// given that person another number since (and theirs to someone else), and the
        /// promise goes back to the person, not the number. Empty in a change written before
        /// it was kept; the numbers then stand.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        owners: Vec<Uid>,
    },
    /// Removes records a change added, if they are still exactly as it added them (the undo
    /// of an addition). A record changed elsewhere since is left, and so is a person who has
    /// promises that are not taken back with them.
    TakeBack {
        people: Vec<Person>,
        promises: Vec<Promise>,
    },
    /// Promises brought in from another tool, all at once or not at all, with the people
    /// they need. Each keeps the uid it had there, so importing the same records again can
    /// be told apart (a uid already in use, or deleted here, is refused). Its inverse takes
    /// back what it added.
    Import {
        /// The names of the people to add, in order; promises name them by position.
        people: Vec<String>,
        promises: Vec<Imported>,
    },
}

impl Change {
    /// The change with every record it names by number alone named also by the uid that
    /// number has in `ledger`: the ledger the user read the number in. Applied to a ledger
    /// where a merge has since given that number to another record (a file-sync tool's
    /// conflict copy merged in first), it still acts on the record the user meant.
    pub fn pinned(mut self, ledger: &Ledger) -> Change {
        let person = |t: &mut Target<PersonId>| {
            if t.uid.is_none() {
                t.uid = ledger.person(t.id).map(|p| p.uid);
            }
        };
        let promise = |t: &mut Target<PromiseId>| {
            if t.uid.is_none() {
                t.uid = ledger.promise(t.id).map(|p| p.uid);
            }
        };
        match &mut self {
            Change::EditPerson { person: t, .. } | Change::DeletePerson { person: t, .. } => {
                person(t)
            }
            Change::AddPromise(new) => person(&mut new.person),
            Change::EditPromise { promise: t, .. }
            | Change::Resolve { promise: t, .. }
            | Change::Reopen { promise: t }
            | Change::DeletePromise { promise: t, .. } => promise(t),
            _ => {}
        }
        self
    }

    /// The number the promise a delete was asked about has in `ledger`, where it was changed
    /// there since it was seen (kept or reworded elsewhere): applying the delete would be
    /// refused, so the question can close as the change comes in, rather than on its answer.
    /// `None` for any other change, a promise gone, or one as it was seen.
    pub fn seen_changed(&self, ledger: &Ledger) -> Option<PromiseId> {
        let Change::DeletePromise {
            promise,
            seen: Some(seen),
        } = self
        else {
            return None;
        };
        let live = ledger.promises.get(ledger.find_target_promise(promise)?)?;
        (!records::same_promise(live, seen)).then_some(live.id)
    }
}

/// Whom an imported promise is with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    /// Someone already in the ledger.
    Here(Target<PersonId>),
    /// The person at this position of the import's own `people`.
    New(usize),
}

/// A promise from another tool: everything it had there, its uid included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Imported {
    pub uid: Uid,
    pub person: Who,
    pub direction: Direction,
    pub level: Level,
    pub what: String,
    pub made: NaiveDate,
    pub due: Option<NaiveDate>,
    pub outcome: Option<(Status, NaiveDate)>,
    pub note: String,
}

/// What a change needs from the world besides the ledger: the day, the time for the records'
/// `changed` stamps, and a random seed for the uids of new records. The core reads neither
/// clock nor randomness, so every change is reproducible from its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub today: NaiveDate,
    pub now: Timestamp,
    pub seed: Uid,
}

impl Moment {
    /// A moment at the start of `today`, with a seed derived from `seed`: the demo team and
    /// tests use it so their ledgers come out the same on every run.
    pub fn fixed(today: NaiveDate, seed: &str) -> Moment {
        Moment {
            today,
            now: Timestamp::start_of(today),
            seed: Uid::derived(seed),
        }
    }

    /// The uid of a new record with this number: unique per number for one seed.
    pub fn uid_for(&self, kind: &str, number: u64) -> Uid {
        Uid::derived(&format!("{}/{kind}/{number}", self.seed))
    }
}

/// A field that was changed elsewhere since a change was made: which record and field, the
/// value the change wanted and the value the field holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// `#12` for a promise, the handle for a person, `settings`.
    pub record: String,
    /// The field's name in the file (`what`, `due`, `outcome`).
    pub field: String,
    pub mine: String,
    pub theirs: String,
}

/// Something a change left alone because of what happened elsewhere since it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Left {
    #[error("the {} of {} was changed elsewhere to {:?} and is left so", .0.field, .0.record, .0.theirs)]
    Field(Conflict),
    #[error("{0} was deleted elsewhere")]
    Deleted(String),
    #[error("{0} was changed elsewhere and is kept")]
    Changed(String),
    #[error("{record} has {} made since and is kept", crate::core::text::counted(*count, "promise", "promises"))]
    HasPromises { record: String, count: usize },
    #[error("{0} is not brought back: its person was deleted elsewhere")]
    NoPerson(String),
}

/// What a change did, as data each front end words its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    AddedPerson(PersonId),
    /// The fields that changed, by their names in the file.
    EditedPerson {
        id: PersonId,
        fields: Vec<&'static str>,
    },
    DeletedPerson {
        id: PersonId,
        handle: String,
        name: String,
        promises: usize,
    },
    AddedPromise {
        id: PromiseId,
        person: PersonId,
        outcome: Option<Status>,
    },
    EditedPromise {
        id: PromiseId,
        fields: Vec<&'static str>,
    },
    Resolved {
        id: PromiseId,
        status: Status,
    },
    Reopened(PromiseId),
    DeletedPromise(PromiseId),
    EditedSettings,
    PutBack {
        people: Vec<PersonId>,
        promises: Vec<PromiseId>,
    },
    TookBack {
        people: Vec<PersonId>,
        promises: Vec<PromiseId>,
    },
    Imported {
        people: Vec<PersonId>,
        promises: Vec<PromiseId>,
    },
}

/// The result of applying a change.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub done: Done,
    /// The change that sets back exactly what this one set; `None` when it changed nothing.
    pub inverse: Option<Change>,
    /// What it left alone because of changes made elsewhere (only with
    /// [`OnConflict::KeepTheirs`], and for [`Change::PutBack`] and [`Change::TakeBack`]).
    pub left: Vec<Left>,
}

impl Applied {
    /// Whether the ledger changed at all.
    pub fn changed(&self) -> bool {
        self.inverse.is_some()
    }

    /// The person the change was about, if it is still there to be shown.
    pub fn person(&self) -> Option<PersonId> {
        match &self.done {
            Done::AddedPerson(id) | Done::EditedPerson { id, .. } => Some(*id),
            Done::AddedPromise { person, .. } => Some(*person),
            Done::PutBack { people, .. } => people.first().copied(),
            _ => None,
        }
    }

    /// The promise the change was about, if it is still there to be shown.
    pub fn promise(&self) -> Option<PromiseId> {
        match &self.done {
            Done::AddedPromise { id, .. }
            | Done::EditedPromise { id, .. }
            | Done::Resolved { id, .. }
            | Done::Reopened(id)
            | Done::DeletedPromise(id) => Some(*id),
            Done::PutBack { promises, .. } => promises.first().copied(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
