//! [`Change::Import`]: promises from another tool, with the people they need, added as one
//! change, keeping their uids.

use std::collections::HashSet;

use super::apply::check_new_outcome;
use super::{Applied, Change, Done, Imported, Moment, Who};
use crate::core::ledger::{Among, Ledger, LedgerError};
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
                            restore: self.typed_as(person, Among::Archived),
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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::{Imported, Moment, Target, Who};
    use super::*;
    use crate::core::dates::parse_iso;
    use crate::core::model::{Direction, Level};

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    fn at() -> Moment {
        Moment::fixed(d("2026-11-24"), "import tests")
    }

    fn task(uid: u128, person: Who, outcome: Option<(Status, &str)>) -> Imported {
        Imported {
            uid: Uid(uuid::Uuid::from_u128(uid)),
            person,
            direction: Direction::Theirs,
            level: Level::Task,
            what: format!("Task {uid}"),
            made: d("2026-11-01"),
            due: Some(d("2026-11-20")),
            outcome: outcome.map(|(s, on)| (s, d(on))),
            note: "2026-11-02: asked".into(),
        }
    }

    #[test]
    fn an_import_adds_people_and_promises_with_their_uids_and_its_inverse_takes_them_back() {
        let mut l = Ledger::default();
        let priya = l.add_person("Priya", "", "", at()).unwrap();
        let here = Who::Here(Target::id(priya));
        let change = Change::Import {
            people: vec!["Pat Lee".into()],
            promises: vec![
                task(1, here, None),
                task(2, Who::New(0), Some((Status::KeptLate, "2026-11-23"))),
            ],
        };
        let applied = l.apply(&change, &at()).unwrap();
        let pat = l.people[1].id;
        assert_eq!(l.people[1].handle, "pat-lee");
        assert_eq!(l.promises.len(), 2);
        let second = &l.promises[1];
        assert_eq!(second.uid, Uid(uuid::Uuid::from_u128(2)));
        assert_eq!(second.person, pat);
        assert_eq!(
            (second.status, second.resolved),
            (Status::KeptLate, Some(d("2026-11-23")))
        );
        assert_eq!(second.note, "2026-11-02: asked");
        assert_eq!(
            applied.done,
            Done::Imported {
                people: vec![pat],
                promises: vec![l.promises[0].id, second.id]
            }
        );
        l.apply(&applied.inverse.unwrap(), &at()).unwrap();
        assert_eq!(l.people.len(), 1, "Pat goes with the promises");
        assert!(l.promises.is_empty());
    }

    #[test]
    fn a_uid_in_use_or_deleted_here_refuses_the_whole_import() {
        let mut l = Ledger::default();
        let priya = l.add_person("Priya", "", "", at()).unwrap();
        let here = || Who::Here(Target::id(priya));
        l.apply(
            &Change::Import {
                people: vec![],
                promises: vec![task(1, here(), None)],
            },
            &at(),
        )
        .unwrap();
        let before = l.clone();
        let again = Change::Import {
            people: vec!["Pat".into()],
            promises: vec![task(2, Who::New(0), None), task(1, here(), None)],
        };
        assert_eq!(
            l.apply(&again, &at()),
            Err(LedgerError::UidTaken(Uid(uuid::Uuid::from_u128(1))))
        );
        assert_eq!(l, before, "not even Pat or the first promise");
        let id = l.promises[0].id;
        l.apply(
            &Change::DeletePromise {
                promise: Target::id(id),
                seen: None,
            },
            &at(),
        )
        .unwrap();
        let deleted = Change::Import {
            people: vec![],
            promises: vec![task(1, here(), None)],
        };
        assert!(matches!(
            l.apply(&deleted, &at()),
            Err(LedgerError::UidTaken(_))
        ));
    }

    /// An import that does not fit the ledger (planned on it as it was) is refused with the
    /// run that plans it again, not the fault alone.
    #[test]
    fn an_import_that_does_not_fit_says_to_run_it_again() {
        let again = "run the import again, which plans it on the ledger as it is now (`trustladder import taskwarrior FILE --dry-run` shows what it would add)";
        let uid = Uid(uuid::Uuid::from_u128(1));
        assert_eq!(
            LedgerError::UidTaken(uid).to_string(),
            format!("uid {uid} is already in use here, or was deleted here; {again}")
        );
        assert_eq!(
            LedgerError::NoNewPerson(3).to_string(),
            format!(
                "an imported promise names new person 3, whom the import does not add; {again}"
            )
        );
    }

    #[test]
    fn every_rule_is_checked_first() {
        let mut l = Ledger::default();
        let priya = l.add_person("Priya", "", "", at()).unwrap();
        let here = || Who::Here(Target::id(priya));
        let before = l.clone();
        let cases = [
            (task(5, Who::New(3), None), LedgerError::NoNewPerson(3)),
            (
                task(6, here(), Some((Status::Kept, "2026-11-25"))),
                LedgerError::FutureOutcome {
                    on: d("2026-11-25"),
                    today: d("2026-11-24"),
                },
            ),
            (
                Imported {
                    what: " ".into(),
                    ..task(7, here(), None)
                },
                LedgerError::Text(crate::core::text::TextError::Empty { field: "what" }),
            ),
        ];
        for (bad, want) in cases {
            let change = Change::Import {
                people: vec!["Pat".into()],
                promises: vec![task(9, here(), None), bad],
            };
            assert_eq!(l.apply(&change, &at()), Err(want));
            assert_eq!(l, before);
        }
        l.set_archived(priya, true, at()).unwrap();
        let change = Change::Import {
            people: vec![],
            promises: vec![task(9, here(), None)],
        };
        assert!(matches!(
            l.apply(&change, &at()),
            Err(LedgerError::Archived { .. })
        ));
        let empty = Change::Import {
            people: vec![],
            promises: vec![],
        };
        assert_eq!(l.apply(&empty, &at()).unwrap().inverse, None);
    }
}
