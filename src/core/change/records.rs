//! Whole records coming back and going away again: the undo of a deletion
//! ([`Change::PutBack`]) and of an addition ([`Change::TakeBack`]). Both find records by
//! uid, so neither can touch a record that merely has the same number.

use std::collections::HashMap;

use super::{Applied, Change, Done, Left};
use crate::core::ledger::Ledger;
use crate::core::model::{Person, PersonId, Promise, Timestamp, Uid};

impl Ledger {
    pub(super) fn put_back(
        &mut self,
        people: &[Person],
        promises: &[Promise],
        owners: &[Uid],
        now: Timestamp,
    ) -> Applied {
        let mut back_people = Vec::new();
        let mut back_promises = Vec::new();
        let mut left = Vec::new();
        // A person who comes back under a new number takes their promises along.
        let mut renumbered: HashMap<PersonId, PersonId> = HashMap::new();
        for person in people {
            if self.person_by_uid(person.uid).is_some() {
                continue;
            }
            let mut person = person.clone();
            if self
                .person(person.id)
                .is_some_and(|other| other.uid != person.uid)
            {
                // Only after a restored backup or a merge: never write over another record.
                match self.take_person_id() {
                    Ok(id) => {
                        renumbered.insert(person.id, id);
                        person.id = id;
                    }
                    Err(_) => continue,
                }
            }
            if self.people.iter().any(|p| p.handle == person.handle) {
                person.handle = self.unique_handle(&person.name);
            }
            person.changed = now;
            self.tombstones.retain(|t| t.uid != person.uid);
            self.insert_person(person.clone());
            back_people.push(person);
        }
        for (i, promise) in promises.iter().enumerate() {
            if self.promise_by_uid(promise.uid).is_some() {
                continue;
            }
            let mut promise = promise.clone();
            match owners.get(i) {
                // Whatever number the person has now, or none if they are gone.
                Some(owner) => match self.person_by_uid(*owner) {
                    Some(person) => promise.person = person.id,
                    None => {
                        left.push(Left::NoPerson(format!("#{}", promise.id)));
                        continue;
                    }
                },
                None => {
                    if let Some(id) = renumbered.get(&promise.person) {
                        promise.person = *id;
                    }
                }
            }
            if self.person(promise.person).is_none() {
                left.push(Left::NoPerson(format!("#{}", promise.id)));
                continue;
            }
            if self
                .promise(promise.id)
                .is_some_and(|other| other.uid != promise.uid)
            {
                match self.take_promise_id() {
                    Ok(id) => promise.id = id,
                    Err(_) => continue,
                }
            }
            promise.changed = now;
            self.tombstones.retain(|t| t.uid != promise.uid);
            self.insert_promise(promise.clone());
            back_promises.push(promise);
        }
        let done = Done::PutBack {
            people: back_people.iter().map(|p| p.id).collect(),
            promises: back_promises.iter().map(|p| p.id).collect(),
        };
        let inverse = (!back_people.is_empty() || !back_promises.is_empty()).then_some({
            Change::TakeBack {
                people: back_people,
                promises: back_promises,
            }
        });
        Applied {
            done,
            inverse,
            left,
        }
    }

    pub(super) fn take_back(
        &mut self,
        people: &[Person],
        promises: &[Promise],
        now: Timestamp,
    ) -> Applied {
        let mut gone_people = Vec::new();
        let mut gone_promises = Vec::new();
        let mut left = Vec::new();
        for snapshot in promises {
            let record = format!("#{}", snapshot.id);
            let Some(i) = self.promises.iter().position(|p| p.uid == snapshot.uid) else {
                left.push(Left::Deleted(record));
                continue;
            };
            if !same_promise(&self.promises[i], snapshot) {
                left.push(Left::Changed(record));
                continue;
            }
            let gone = self.promises.remove(i);
            self.bury(gone.uid, now);
            gone_promises.push(gone);
        }
        for snapshot in people {
            let Some(i) = self.people.iter().position(|p| p.uid == snapshot.uid) else {
                left.push(Left::Deleted(snapshot.handle.clone()));
                continue;
            };
            let live = &self.people[i];
            if !same_person(live, snapshot) {
                left.push(Left::Changed(live.handle.clone()));
                continue;
            }
            let count = self.promises_of(live.id).count();
            if count > 0 {
                left.push(Left::HasPromises {
                    record: live.handle.clone(),
                    count,
                });
                continue;
            }
            let gone = self.people.remove(i);
            self.bury(gone.uid, now);
            gone_people.push(gone);
        }
        let done = Done::TookBack {
            people: gone_people.iter().map(|p| p.id).collect(),
            promises: gone_promises.iter().map(|p| p.id).collect(),
        };
        let owners = gone_promises
            .iter()
            .filter_map(|promise| {
                self.person(promise.person)
                    .or_else(|| gone_people.iter().find(|p| p.id == promise.person))
                    .map(|p| p.uid)
            })
            .collect::<Vec<_>>();
        // Every promise has its person, here or taken back with it; if one had not, the
        // numbers stand, as in a change that kept no owners.
        let owners = if owners.len() == gone_promises.len() {
            owners
        } else {
            Vec::new()
        };
        let inverse = (!gone_people.is_empty() || !gone_promises.is_empty()).then_some({
            Change::PutBack {
                people: gone_people,
                promises: gone_promises,
                owners,
            }
        });
        Applied {
            done,
            inverse,
            left,
        }
    }
}

/// The same record with the same fields, whatever its number and change stamp.
fn same_person(live: &Person, snapshot: &Person) -> bool {
    let snapshot = Person {
        id: live.id,
        changed: live.changed,
        ..snapshot.clone()
    };
    *live == snapshot
}

/// The same promise with the same fields, whatever its number, person's number (a merge may
/// renumber both) and change stamp.
pub(super) fn same_promise(live: &Promise, snapshot: &Promise) -> bool {
    let snapshot = Promise {
        id: live.id,
        person: live.person,
        changed: live.changed,
        ..snapshot.clone()
    };
    *live == snapshot
}
