//! The ledger document and every change that can be made to it.
//!
//! All changes go through the methods here so that the invariants hold everywhere: texts are
//! validated, ids are never reused, handles stay unique, and a promise always belongs to a
//! person who exists. People and promises are kept sorted by id, so lookups are binary
//! searches even with a hundred thousand promises.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{Direction, Level, Person, PersonId, Promise, PromiseId, Status};
use super::settings::Settings;
use super::text::{self, MAX_NAME, MAX_NOTE, MAX_WHAT, TextError};

/// The value of the `format` field, which tells a trustladder file from any other JSON.
pub const FORMAT_NAME: &str = "trustladder";
/// The newest file version this program reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The whole document: what the data file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub settings: Settings,
    /// The id the next new person gets. Kept in the file so ids are never reused after a
    /// deletion; a file without it starts after the largest id present.
    #[serde(default)]
    pub next_person_id: PersonId,
    /// The id the next new promise gets; see `next_person_id`.
    #[serde(default)]
    pub next_promise_id: PromiseId,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub promises: Vec<Promise>,
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            settings: Settings::default(),
            next_person_id: 1,
            next_promise_id: 1,
            people: Vec::new(),
            promises: Vec::new(),
        }
    }
}

/// Why a change was refused. Each message names the thing at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error(transparent)]
    Text(#[from] TextError),
    #[error("no person matches '{0}' (see `trustladder person list --all`)")]
    UnknownPerson(String),
    #[error("'{query}' could mean {}; type more of the name", .candidates.join(", "))]
    AmbiguousPerson {
        query: String,
        candidates: Vec<String>,
    },
    #[error("no person with id {0}")]
    NoSuchPerson(PersonId),
    #[error("no promise #{0}")]
    NoSuchPromise(PromiseId),
    #[error(
        "{handle} has {count} promise(s); archive them instead, or delete with --force to remove the promises too"
    )]
    PersonHasPromises { handle: String, count: usize },
    #[error("{handle} is archived; restore them first")]
    Archived { handle: String },
    #[error("promise #{id} is already {status}; reopen it first")]
    AlreadyResolved { id: PromiseId, status: Status },
    #[error("promise #{0} is already open")]
    AlreadyOpen(PromiseId),
    #[error("a promise cannot be resolved as open; use reopen")]
    ResolveAsOpen,
    #[error("promise #{id} cannot be resolved on {on}, before it was made ({made})")]
    ResolvedBeforeMade {
        id: PromiseId,
        on: NaiveDate,
        made: NaiveDate,
    },
    #[error("the file holds the largest id there can be; no more can be added")]
    IdsExhausted,
}

/// A new promise, before it has an id.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPromise {
    pub person: PersonId,
    pub direction: Direction,
    pub level: Level,
    pub what: String,
    pub made: NaiveDate,
    pub due: Option<NaiveDate>,
}

/// Changes to a person; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonEdit {
    pub name: Option<String>,
    pub role: Option<String>,
    pub note: Option<String>,
}

/// Changes to a promise; `None` leaves a field as it is, `due: Some(None)` clears the date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PromiseEdit {
    pub what: Option<String>,
    pub level: Option<Level>,
    pub due: Option<Option<NaiveDate>>,
    pub direction: Option<Direction>,
    pub note: Option<String>,
}

impl Ledger {
    /// The person with this id.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people
            .binary_search_by_key(&id, |p| p.id)
            .ok()
            .map(|i| &self.people[i])
    }

    fn person_mut(&mut self, id: PersonId) -> Result<&mut Person, LedgerError> {
        let i = self
            .people
            .binary_search_by_key(&id, |p| p.id)
            .map_err(|_| LedgerError::NoSuchPerson(id))?;
        Ok(&mut self.people[i])
    }

    /// The promise with this id.
    pub fn promise(&self, id: PromiseId) -> Option<&Promise> {
        self.promises
            .binary_search_by_key(&id, |p| p.id)
            .ok()
            .map(|i| &self.promises[i])
    }

    fn promise_mut(&mut self, id: PromiseId) -> Result<&mut Promise, LedgerError> {
        let i = self
            .promises
            .binary_search_by_key(&id, |p| p.id)
            .map_err(|_| LedgerError::NoSuchPromise(id))?;
        Ok(&mut self.promises[i])
    }

    /// Every promise of one person, in id order.
    pub fn promises_of(&self, person: PersonId) -> impl Iterator<Item = &Promise> {
        self.promises.iter().filter(move |p| p.person == person)
    }

    /// Finds a person by handle, or by an unambiguous case-insensitive prefix of a handle or
    /// name. An exact handle always wins; archived people are found too, so they can be
    /// restored.
    pub fn find_person(&self, query: &str) -> Result<PersonId, LedgerError> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Err(LedgerError::UnknownPerson(query.to_string()));
        }
        if let Some(p) = self.people.iter().find(|p| p.handle == q) {
            return Ok(p.id);
        }
        if let Ok(id) = q.trim_start_matches('#').parse::<PersonId>()
            && q.starts_with('#')
            && self.person(id).is_some()
        {
            return Ok(id);
        }
        let matches: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| p.handle.starts_with(&q) || p.name.to_lowercase().starts_with(&q))
            .collect();
        // Prefer active people when the same prefix also matches archived ones.
        let active: Vec<&Person> = matches.iter().copied().filter(|p| !p.archived).collect();
        let pool = if active.is_empty() { &matches } else { &active };
        match pool.as_slice() {
            [] => Err(LedgerError::UnknownPerson(query.to_string())),
            [one] => Ok(one.id),
            many => Err(LedgerError::AmbiguousPerson {
                query: query.to_string(),
                candidates: many
                    .iter()
                    .map(|p| format!("{} ({})", p.handle, text::sanitize(&p.name)))
                    .collect(),
            }),
        }
    }

    fn unique_handle(&self, name: &str) -> String {
        let base = text::slug(name);
        let taken = |h: &str| self.people.iter().any(|p| p.handle == h);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|h| !taken(h))
            .unwrap_or(base)
    }

    fn take_person_id(&mut self) -> Result<PersonId, LedgerError> {
        let floor = match self.people.last() {
            Some(last) => last.id.checked_add(1).ok_or(LedgerError::IdsExhausted)?,
            None => 1,
        };
        let id = self.next_person_id.max(floor);
        self.next_person_id = id.checked_add(1).ok_or(LedgerError::IdsExhausted)?;
        Ok(id)
    }

    fn take_promise_id(&mut self) -> Result<PromiseId, LedgerError> {
        let floor = match self.promises.last() {
            Some(last) => last.id.checked_add(1).ok_or(LedgerError::IdsExhausted)?,
            None => 1,
        };
        let id = self.next_promise_id.max(floor);
        self.next_promise_id = id.checked_add(1).ok_or(LedgerError::IdsExhausted)?;
        Ok(id)
    }

    /// Adds a colleague and returns their id; the handle is made from the name.
    pub fn add_person(
        &mut self,
        name: &str,
        role: &str,
        note: &str,
        today: NaiveDate,
    ) -> Result<PersonId, LedgerError> {
        let name = text::required("name", name, MAX_NAME)?;
        let role = text::optional("role", role, MAX_NAME)?;
        let note = text::optional("note", note, MAX_NOTE)?;
        let handle = self.unique_handle(&name);
        let id = self.take_person_id()?;
        self.people.push(Person {
            id,
            handle,
            name,
            role,
            note,
            created: today,
            archived: false,
        });
        Ok(id)
    }

    /// Changes a person's name, role or note. The handle stays, so scripts keep working.
    pub fn edit_person(&mut self, id: PersonId, edit: &PersonEdit) -> Result<(), LedgerError> {
        let name = edit
            .name
            .as_deref()
            .map(|n| text::required("name", n, MAX_NAME))
            .transpose()?;
        let role = edit
            .role
            .as_deref()
            .map(|r| text::optional("role", r, MAX_NAME))
            .transpose()?;
        let note = edit
            .note
            .as_deref()
            .map(|n| text::optional("note", n, MAX_NOTE))
            .transpose()?;
        let person = self.person_mut(id)?;
        if let Some(name) = name {
            person.name = name;
        }
        if let Some(role) = role {
            person.role = role;
        }
        if let Some(note) = note {
            person.note = note;
        }
        Ok(())
    }

    /// Hides a person from the everyday views while keeping their whole record.
    pub fn set_archived(&mut self, id: PersonId, archived: bool) -> Result<(), LedgerError> {
        self.person_mut(id)?.archived = archived;
        Ok(())
    }

    /// Deletes a person. One with promises is only deleted with `force`, which deletes their
    /// promises too; returns how many promises went with them.
    pub fn delete_person(&mut self, id: PersonId, force: bool) -> Result<usize, LedgerError> {
        let person = self.person(id).ok_or(LedgerError::NoSuchPerson(id))?;
        let count = self.promises.iter().filter(|p| p.person == id).count();
        if count > 0 && !force {
            return Err(LedgerError::PersonHasPromises {
                handle: person.handle.clone(),
                count,
            });
        }
        self.promises.retain(|p| p.person != id);
        self.people.retain(|p| p.id != id);
        Ok(count)
    }

    /// Records a new open promise and returns its id.
    pub fn add_promise(&mut self, new: NewPromise) -> Result<PromiseId, LedgerError> {
        let what = text::required("what", &new.what, MAX_WHAT)?;
        let person = self
            .person(new.person)
            .ok_or(LedgerError::NoSuchPerson(new.person))?;
        if person.archived {
            return Err(LedgerError::Archived {
                handle: person.handle.clone(),
            });
        }
        let id = self.take_promise_id()?;
        self.promises.push(Promise {
            id,
            person: new.person,
            direction: new.direction,
            level: new.level,
            what,
            made: new.made,
            due: new.due,
            status: Status::Open,
            resolved: None,
            note: String::new(),
        });
        Ok(id)
    }

    /// Changes what a promise says, its rung, its due date, its direction or its note.
    pub fn edit_promise(&mut self, id: PromiseId, edit: &PromiseEdit) -> Result<(), LedgerError> {
        let what = edit
            .what
            .as_deref()
            .map(|w| text::required("what", w, MAX_WHAT))
            .transpose()?;
        let note = edit
            .note
            .as_deref()
            .map(|n| text::optional("note", n, MAX_NOTE))
            .transpose()?;
        let promise = self.promise_mut(id)?;
        if let Some(what) = what {
            promise.what = what;
        }
        if let Some(level) = edit.level {
            promise.level = level;
        }
        if let Some(due) = edit.due {
            promise.due = due;
        }
        if let Some(direction) = edit.direction {
            promise.direction = direction;
        }
        if let Some(note) = note {
            promise.note = note;
        }
        Ok(())
    }

    /// Gives an open promise its outcome. A note, if given, replaces the promise's note.
    pub fn resolve_promise(
        &mut self,
        id: PromiseId,
        status: Status,
        on: NaiveDate,
        note: Option<&str>,
    ) -> Result<(), LedgerError> {
        if status == Status::Open {
            return Err(LedgerError::ResolveAsOpen);
        }
        let note = note
            .map(|n| text::optional("note", n, MAX_NOTE))
            .transpose()?;
        let promise = self.promise_mut(id)?;
        if promise.status.is_resolved() {
            return Err(LedgerError::AlreadyResolved {
                id,
                status: promise.status,
            });
        }
        if on < promise.made {
            return Err(LedgerError::ResolvedBeforeMade {
                id,
                on,
                made: promise.made,
            });
        }
        promise.status = status;
        promise.resolved = Some(on);
        if let Some(note) = note {
            promise.note = note;
        }
        Ok(())
    }

    /// Makes a resolved promise open again, forgetting its outcome.
    pub fn reopen_promise(&mut self, id: PromiseId) -> Result<(), LedgerError> {
        let promise = self.promise_mut(id)?;
        if promise.status == Status::Open {
            return Err(LedgerError::AlreadyOpen(id));
        }
        promise.status = Status::Open;
        promise.resolved = None;
        Ok(())
    }

    /// Deletes a promise for good; its id is not given out again.
    pub fn delete_promise(&mut self, id: PromiseId) -> Result<Promise, LedgerError> {
        let i = self
            .promises
            .binary_search_by_key(&id, |p| p.id)
            .map_err(|_| LedgerError::NoSuchPromise(id))?;
        Ok(self.promises.remove(i))
    }

    /// Puts a person back exactly as they were (same id), replacing any record with that id.
    /// Undo uses this; it never hands out a new id, so it cannot reuse one.
    pub fn put_person(&mut self, person: Person) {
        self.next_person_id = self.next_person_id.max(person.id.saturating_add(1));
        match self.people.binary_search_by_key(&person.id, |p| p.id) {
            Ok(i) => self.people[i] = person,
            Err(i) => self.people.insert(i, person),
        }
    }

    /// Puts a promise back exactly as it was; see [`Ledger::put_person`].
    pub fn put_promise(&mut self, promise: Promise) {
        self.next_promise_id = self.next_promise_id.max(promise.id.saturating_add(1));
        match self.promises.binary_search_by_key(&promise.id, |p| p.id) {
            Ok(i) => self.promises[i] = promise,
            Err(i) => self.promises.insert(i, promise),
        }
    }

    /// Removes a person record if present, without the promise check (undo of an add).
    pub fn remove_person_record(&mut self, id: PersonId) {
        self.people.retain(|p| p.id != id);
    }

    /// Removes a promise record if present (undo of an add).
    pub fn remove_promise_record(&mut self, id: PromiseId) {
        self.promises.retain(|p| p.id != id);
    }

    /// Checks the invariants a loaded file must meet, returning a JSON path and what is wrong
    /// with it. Sorting and missing id counters are repaired first, since they lose nothing.
    pub fn normalize_and_check(&mut self) -> Result<(), (String, String)> {
        if self.format != FORMAT_NAME {
            return Err((
                "$.format".into(),
                format!("is {:?}, not \"{FORMAT_NAME}\"", self.format),
            ));
        }
        if let Some(problem) = self.settings.problem() {
            return Err(("$.settings".into(), problem));
        }
        self.people.sort_by_key(|p| p.id);
        self.promises.sort_by_key(|p| p.id);
        for (i, pair) in self.people.windows(2).enumerate() {
            if pair[0].id == pair[1].id {
                return Err((
                    format!("$.people[{}].id", i + 1),
                    format!("{} is used twice", pair[0].id),
                ));
            }
        }
        for (i, pair) in self.promises.windows(2).enumerate() {
            if pair[0].id == pair[1].id {
                return Err((
                    format!("$.promises[{}].id", i + 1),
                    format!("{} is used twice", pair[0].id),
                ));
            }
        }
        let mut handles = std::collections::HashSet::new();
        for (i, p) in self.people.iter().enumerate() {
            if p.handle.is_empty()
                || p.handle
                    .chars()
                    .any(|c| c.is_control() || c.is_whitespace())
            {
                return Err((
                    format!("$.people[{i}].handle"),
                    "must be a non-empty slug".into(),
                ));
            }
            if !handles.insert(p.handle.as_str()) {
                return Err((
                    format!("$.people[{i}].handle"),
                    format!("{:?} is used twice", p.handle),
                ));
            }
            if p.name.trim().is_empty() {
                return Err((format!("$.people[{i}].name"), "is empty".into()));
            }
        }
        for (i, p) in self.promises.iter().enumerate() {
            if self.person(p.person).is_none() {
                return Err((
                    format!("$.promises[{i}].person"),
                    format!("{} is not the id of any person", p.person),
                ));
            }
            if p.status.is_resolved() != p.resolved.is_some() {
                let why = if p.status.is_resolved() {
                    format!("is missing; a {} promise needs its date", p.status)
                } else {
                    "must be null while the promise is open".into()
                };
                return Err((format!("$.promises[{i}].resolved"), why));
            }
        }
        let max_person = self.people.last().map_or(0, |p| p.id);
        let max_promise = self.promises.last().map_or(0, |p| p.id);
        self.next_person_id = self.next_person_id.max(max_person.saturating_add(1));
        self.next_promise_id = self.next_promise_id.max(max_promise.saturating_add(1));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_iso;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    fn new_promise(person: PersonId, what: &str) -> NewPromise {
        NewPromise {
            person,
            direction: Direction::Theirs,
            level: Level::Task,
            what: what.into(),
            made: d("2026-11-01"),
            due: None,
        }
    }

    #[test]
    fn handles_are_unique_slugs() {
        let mut l = Ledger::default();
        let today = d("2026-11-02");
        let a = l.add_person("Priya Raman", "", "", today).unwrap();
        let b = l.add_person("priya raman", "", "", today).unwrap();
        let c = l.add_person("Priya  Raman!", "", "", today).unwrap();
        assert_eq!(l.person(a).unwrap().handle, "priya-raman");
        assert_eq!(l.person(b).unwrap().handle, "priya-raman-2");
        assert_eq!(l.person(c).unwrap().handle, "priya-raman-3");
    }

    #[test]
    fn ids_are_never_reused() {
        let mut l = Ledger::default();
        let today = d("2026-11-02");
        let p = l.add_person("A", "", "", today).unwrap();
        let first = l.add_promise(new_promise(p, "one")).unwrap();
        let second = l.add_promise(new_promise(p, "two")).unwrap();
        l.delete_promise(second).unwrap();
        let third = l.add_promise(new_promise(p, "three")).unwrap();
        assert_eq!((first, second, third), (1, 2, 3));
        l.delete_person(p, true).unwrap();
        let q = l.add_person("B", "", "", today).unwrap();
        assert_eq!(q, 2);
    }

    #[test]
    fn the_largest_id_in_a_file_ends_new_ids_with_an_error() {
        // A file may hold any u64 as an id; after the largest one there is no id left to give.
        let mut l = Ledger::default();
        let today = d("2026-11-02");
        l.put_person(Person {
            id: u64::MAX,
            handle: "max".into(),
            name: "Max".into(),
            role: String::new(),
            note: String::new(),
            created: today,
            archived: false,
        });
        l.put_promise(Promise {
            id: u64::MAX,
            person: u64::MAX,
            direction: Direction::Theirs,
            level: Level::Task,
            what: "last".into(),
            made: today,
            due: None,
            status: Status::Open,
            resolved: None,
            note: String::new(),
        });
        assert_eq!(
            l.add_person("B", "", "", today),
            Err(LedgerError::IdsExhausted)
        );
        assert_eq!(
            l.add_promise(new_promise(u64::MAX, "one more")),
            Err(LedgerError::IdsExhausted)
        );
        assert_eq!((l.people.len(), l.promises.len()), (1, 1));
    }

    #[test]
    fn find_person_by_prefix() {
        let mut l = Ledger::default();
        let today = d("2026-11-02");
        let priya = l.add_person("Priya Raman", "", "", today).unwrap();
        let pat = l.add_person("Pat Lee", "", "", today).unwrap();
        let wang = l.add_person("王芳", "", "", today).unwrap();
        assert_eq!(l.find_person("priya-raman"), Ok(priya));
        assert_eq!(l.find_person("PRI"), Ok(priya));
        assert_eq!(l.find_person("pat"), Ok(pat));
        assert_eq!(l.find_person("王"), Ok(wang));
        assert_eq!(l.find_person("#2"), Ok(pat));
        match l.find_person("p") {
            Err(LedgerError::AmbiguousPerson { candidates, .. }) => assert_eq!(
                candidates,
                vec!["priya-raman (Priya Raman)", "pat-lee (Pat Lee)"]
            ),
            other => panic!("expected ambiguity, got {other:?}"),
        }
        assert_eq!(
            l.find_person("zed"),
            Err(LedgerError::UnknownPerson("zed".into()))
        );
    }

    #[test]
    fn exact_handle_beats_longer_prefix_match() {
        let mut l = Ledger::default();
        let today = d("2026-11-02");
        let al = l.add_person("Al", "", "", today).unwrap();
        l.add_person("Alice", "", "", today).unwrap();
        assert_eq!(l.find_person("al"), Ok(al));
    }

    #[test]
    fn person_with_promises_needs_force() {
        let mut l = Ledger::default();
        let p = l.add_person("A", "", "", d("2026-11-02")).unwrap();
        l.add_promise(new_promise(p, "x")).unwrap();
        assert_eq!(
            l.delete_person(p, false),
            Err(LedgerError::PersonHasPromises {
                handle: "a".into(),
                count: 1
            })
        );
        assert_eq!(l.delete_person(p, true), Ok(1));
        assert!(l.people.is_empty() && l.promises.is_empty());
    }

    #[test]
    fn resolve_and_reopen() {
        let mut l = Ledger::default();
        let p = l.add_person("A", "", "", d("2026-11-02")).unwrap();
        let id = l.add_promise(new_promise(p, "x")).unwrap();
        l.resolve_promise(id, Status::Kept, d("2026-11-05"), Some("done"))
            .unwrap();
        let got = l.promise(id).unwrap();
        assert_eq!(
            (got.status, got.resolved, got.note.as_str()),
            (Status::Kept, Some(d("2026-11-05")), "done")
        );
        assert_eq!(
            l.resolve_promise(id, Status::Broken, d("2026-11-06"), None),
            Err(LedgerError::AlreadyResolved {
                id,
                status: Status::Kept
            })
        );
        l.reopen_promise(id).unwrap();
        assert_eq!(l.promise(id).unwrap().resolved, None);
        assert_eq!(l.reopen_promise(id), Err(LedgerError::AlreadyOpen(id)));
        assert!(matches!(
            l.resolve_promise(id, Status::Kept, d("2026-10-01"), None),
            Err(LedgerError::ResolvedBeforeMade { .. })
        ));
    }

    #[test]
    fn bad_text_is_refused_with_the_field_named() {
        let mut l = Ledger::default();
        let today = d("2026-11-02");
        assert_eq!(
            l.add_person("  ", "", "", today).unwrap_err().to_string(),
            "name is empty"
        );
        let p = l.add_person("A", "", "", today).unwrap();
        assert_eq!(
            l.add_promise(new_promise(p, "")).unwrap_err().to_string(),
            "what is empty"
        );
        assert!(l.people.len() == 1 && l.promises.is_empty());
    }

    #[test]
    fn archived_people_take_no_new_promises() {
        let mut l = Ledger::default();
        let p = l.add_person("A", "", "", d("2026-11-02")).unwrap();
        l.set_archived(p, true).unwrap();
        assert!(matches!(
            l.add_promise(new_promise(p, "x")),
            Err(LedgerError::Archived { .. })
        ));
    }

    #[test]
    fn check_names_the_json_path() {
        let mut l = Ledger::default();
        let p = l.add_person("A", "", "", d("2026-11-02")).unwrap();
        let id = l.add_promise(new_promise(p, "x")).unwrap();
        l.promises[0].person = 99;
        assert_eq!(
            l.normalize_and_check(),
            Err((
                "$.promises[0].person".into(),
                "99 is not the id of any person".into()
            ))
        );
        l.promises[0].person = p;
        l.promises[0].status = Status::Kept;
        assert_eq!(
            l.normalize_and_check().unwrap_err().0,
            "$.promises[0].resolved"
        );
        l.promises[0].resolved = Some(d("2026-11-03"));
        l.next_promise_id = 0;
        assert_eq!(l.normalize_and_check(), Ok(()));
        assert_eq!(l.next_promise_id, id + 1);
    }
}
