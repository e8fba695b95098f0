//! [`Change::Import`]: promises from another tool, with the people they need, added as one
//! change, keeping their uids.

use std::collections::HashSet;

use super::apply::check_new_outcome;
use super::{Applied, Change, Done, Imported, Moment, Who};
use crate::core::ledger::{Ledger, LedgerError};
use crate::core::model::{Person, PersonId, Promise, Status, Uid};
use crate::core::text::{self, MAX_NAME, MAX_NOTE, MAX_WHAT};

impl Ledger {
    /// Checks every record of the import first, then adds the people and the promises; an
    /// import that adds nothing changes nothing.
    pub(super) fn import(
        &mut self,
        names: &[String],
        imported: &[Imported],
        m: &Moment,
    ) -> Result<Applied, LedgerError> {
        let names = names
            .iter()
            .map(|n| text::required("name", n, MAX_NAME))
            .collect::<Result<Vec<String>, _>>()?;
        let mut taken: HashSet<Uid> = self.people.iter().map(|p| p.uid).collect();
        taken.extend(self.promises.iter().map(|p| p.uid));
        taken.extend(self.tombstones.iter().map(|t| t.uid));
        let mut checked = Vec::with_capacity(imported.len());
        for new in imported {
            if !taken.insert(new.uid) {
                return Err(LedgerError::UidTaken(new.uid));
            }
            let what = text::required("what", &new.what, MAX_WHAT)?;
            let note = text::optional("note", &new.note, MAX_NOTE)?;
            match &new.person {
                Who::Here(target) => {
                    let person = self
                        .find_target_person(target)
                        .map(|i| &self.people[i])
                        .ok_or(LedgerError::NoSuchPerson(target.id))?;
                    if person.archived {
                        return Err(LedgerError::Archived {
                            handle: person.handle.clone(),
                        });
                    }
                }
                Who::New(i) if *i >= names.len() => return Err(LedgerError::NoNewPerson(*i)),
                Who::New(_) => {}
            }
            if let Some((status, on)) = new.outcome {
                check_new_outcome(self.next_promise_id, status, on, new.made, m)?;
            }
            checked.push((new, what, note));
        }
        let mut people: Vec<Person> = Vec::with_capacity(names.len());
        for name in names {
            let id = self.take_person_id()?;
            let person = Person {
                id,
                uid: m.uid_for("person", id.0),
                handle: self.unique_handle(&name),
                name,
                role: String::new(),
                note: String::new(),
                created: m.today,
                archived: false,
                changed: m.now,
                cadence_days: None,
                last_prep: None,
            };
            self.insert_person(person.clone());
            people.push(person);
        }
        let mut promises: Vec<Promise> = Vec::with_capacity(checked.len());
        for (new, what, note) in checked {
            let person: PersonId = match &new.person {
                Who::Here(target) => self
                    .find_target_person(target)
                    .map_or(target.id, |i| self.people[i].id),
                Who::New(i) => people[*i].id,
            };
            let (status, resolved) = new
                .outcome
                .map_or((Status::Open, None), |(status, on)| (status, Some(on)));
            let promise = Promise {
                id: self.take_promise_id()?,
                uid: new.uid,
                person,
                direction: new.direction,
                level: new.level,
                what,
                made: new.made,
                due: new.due,
                status,
                resolved,
                note,
                changed: m.now,
            };
            self.insert_promise(promise.clone());
            promises.push(promise);
        }
        let done = Done::Imported {
            people: people.iter().map(|p| p.id).collect(),
            promises: promises.iter().map(|p| p.id).collect(),
        };
        let inverse = (!people.is_empty() || !promises.is_empty())
            .then_some(Change::TakeBack { people, promises });
        Ok(Applied {
            done,
            inverse,
            left: Vec::new(),
        })
    }
}
