//! An older copy of a ledger put back over a newer one (`restore-backup`) takes the newer
//! one's numbers: a sync between the two may have moved a record to another number (another
//! machine had handed out the same one), and the older copy still gives the record the number
//! it had before, which the newer one, and every machine synced since, gives another record.

use std::collections::{HashMap, HashSet};

use super::ledger::Ledger;
use super::model::{PersonId, PromiseId, Uid};

/// A record whose number the restored ledger changed, so that one number never names two
/// records: `person 3` or `#12` in the older copy, and what it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renumbered {
    pub was: String,
    pub now: String,
    /// `now` is the number the newer ledger gives the record; otherwise the newer ledger gives
    /// `was` to another record, and `now` is a fresh one.
    pub as_newer: bool,
}

impl Ledger {
    /// Gives each record the number `newer` gives it (by uid); a record `newer` does not hold
    /// keeps its own unless `newer` gives that number to another record, when it takes the
    /// next free one. The counters are `newer`'s where those are higher
    /// ([`Ledger::keep_counters_of`]). Returns the numbers that changed, people first; none
    /// when the counters have no free number left, the records then keeping their own (which
    /// are unique among them).
    pub fn number_as(&mut self, newer: &Ledger) -> Vec<Renumbered> {
        self.keep_counters_of(newer);
        let people: Vec<(Uid, u64)> = self.people.iter().map(|p| (p.uid, p.id.0)).collect();
        let newer_people: HashMap<Uid, u64> =
            newer.people.iter().map(|p| (p.uid, p.id.0)).collect();
        let mut next_person = self.next_person_id.0;
        let promises: Vec<(Uid, u64)> = self.promises.iter().map(|p| (p.uid, p.id.0)).collect();
        let newer_promises: HashMap<Uid, u64> =
            newer.promises.iter().map(|p| (p.uid, p.id.0)).collect();
        let mut next_promise = self.next_promise_id.0;
        let (Some(persons), Some(renumbered)) = (
            numbers(&people, &newer_people, &mut next_person),
            numbers(&promises, &newer_promises, &mut next_promise),
        ) else {
            return Vec::new();
        };
        self.next_person_id = PersonId(next_person);
        self.next_promise_id = PromiseId(next_promise);
        let mut moved = Vec::new();
        for person in &mut self.people {
            if let Some(&now) = persons.get(&person.id.0) {
                moved.push(Renumbered {
                    was: format!("person {}", person.id),
                    now: format!("person {now}"),
                    as_newer: newer_people.contains_key(&person.uid),
                });
                person.id = PersonId(now);
            }
        }
        for promise in &mut self.promises {
            if let Some(&now) = persons.get(&promise.person.0) {
                promise.person = PersonId(now);
            }
            if let Some(&now) = renumbered.get(&promise.id.0) {
                moved.push(Renumbered {
                    was: format!("#{}", promise.id),
                    now: format!("#{now}"),
                    as_newer: newer_promises.contains_key(&promise.uid),
                });
                promise.id = PromiseId(now);
            }
        }
        self.people.sort_by_key(|p| p.id);
        self.promises.sort_by_key(|p| p.id);
        moved
    }
}

/// The new number of each record of `records` (uid, number) whose number changes: the one
/// `newer` gives its uid, else, where `newer` gives its own to another record, `next` (then
/// counted on); `None` when `next` runs out. No two end alike: `newer`'s numbers are unique,
/// a record keeps its own only where `newer` gives it to none, and `next` is past them all.
fn numbers(
    records: &[(Uid, u64)],
    newer: &HashMap<Uid, u64>,
    next: &mut u64,
) -> Option<HashMap<u64, u64>> {
    let held: HashSet<u64> = newer.values().copied().collect();
    let mut changed = HashMap::new();
    for (uid, n) in records {
        let now = match newer.get(uid) {
            Some(&now) => now,
            None if held.contains(n) => {
                let fresh = *next;
                *next = next.checked_add(1)?;
                fresh
            }
            None => *n,
        };
        if now != *n {
            changed.insert(*n, now);
        }
    }
    Some(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::change::{Moment, NewPromise, Target};
    use crate::core::dates::parse_iso;
    use crate::core::{Direction, Level, Promise};

    fn at() -> Moment {
        Moment::fixed(parse_iso("2026-11-02").unwrap(), "numbering tests")
    }

    /// A ledger of people Ann (1) and Bo (2), and promises "one" (#1, Ann's), "two" (#2,
    /// Bo's) and "three" (#3, Ann's).
    fn older() -> Ledger {
        let mut l = Ledger::default();
        let ann = l.add_person("Ann", "", "", at()).unwrap();
        let bo = l.add_person("Bo", "", "", at()).unwrap();
        for (person, what) in [(ann, "one"), (bo, "two"), (ann, "three")] {
            l.add_promise(
                NewPromise {
                    person: Target::id(person),
                    direction: Direction::Theirs,
                    level: Level::Task,
                    what: what.into(),
                    made: parse_iso("2026-11-01").unwrap(),
                    due: None,
                    outcome: None,
                },
                at(),
            )
            .unwrap();
        }
        l
    }

    fn what_at(l: &Ledger, n: u64) -> Option<&str> {
        l.promise(PromiseId(n)).map(|p| p.what.as_str())
    }

    /// A sync since the older copy moved "one" to #5 (another machine's promise took #1) and
    /// deleted "three", whose #3 no record holds: "one" takes #5, "two" and "three" keep
    /// theirs, and nothing else changes.
    #[test]
    fn a_record_the_newer_ledger_moved_takes_its_number_there() {
        let mut newer = older();
        let one = newer.promises.remove(0);
        newer.promises.retain(|p| p.what != "three");
        newer.promises.insert(
            0,
            Promise {
                what: "other machine's".into(),
                uid: Uid(uuid::Uuid::from_u128(7)),
                ..one.clone()
            },
        );
        newer.promises.push(Promise {
            id: PromiseId(5),
            ..one
        });
        newer.next_promise_id = PromiseId(6);

        let mut restored = older();
        let moved = restored.number_as(&newer);
        assert_eq!(
            moved,
            vec![Renumbered {
                was: "#1".into(),
                now: "#5".into(),
                as_newer: true
            }]
        );
        assert_eq!(what_at(&restored, 5), Some("one"));
        assert_eq!(what_at(&restored, 1), None, "#1 names another promise now");
        assert_eq!(what_at(&restored, 2), Some("two"));
        assert_eq!(what_at(&restored, 3), Some("three"), "no record holds #3");
        assert_eq!(restored.next_promise_id, PromiseId(6));
    }

    /// A record the newer ledger deleted keeps its number unless the newer ledger, or a
    /// record this one renumbers, gives that number to another: then it takes the next free
    /// one, and the counter goes on past it.
    #[test]
    fn a_record_the_newer_ledger_lacks_moves_off_a_number_given_to_another() {
        let mut newer = older();
        // "three" deleted, "two" moved to #3 and a new promise of another machine at #2.
        newer.promises.retain(|p| p.what != "three");
        newer.promises[1].id = PromiseId(3);
        let mut other = newer.promises[0].clone();
        other.id = PromiseId(2);
        other.uid = Uid(uuid::Uuid::from_u128(9));
        other.what = "other machine's".into();
        newer.promises.insert(1, other);
        newer.next_promise_id = PromiseId(4);

        let mut restored = older();
        let moved = restored.number_as(&newer);
        assert_eq!(
            moved,
            vec![
                Renumbered {
                    was: "#2".into(),
                    now: "#3".into(),
                    as_newer: true
                },
                Renumbered {
                    was: "#3".into(),
                    now: "#4".into(),
                    as_newer: false
                },
            ]
        );
        assert_eq!(
            [1, 2, 3, 4].map(|n| what_at(&restored, n)),
            [Some("one"), None, Some("two"), Some("three")]
        );
        assert_eq!(restored.next_promise_id, PromiseId(5));
        assert!(restored.promises.is_sorted_by_key(|p| p.id));
    }

    /// A person renumbered takes the newer number, and their promises follow them.
    #[test]
    fn a_persons_promises_follow_them_to_their_new_number() {
        let mut newer = older();
        newer.people[1].id = PersonId(4);
        newer.next_person_id = PersonId(5);
        for p in &mut newer.promises {
            if p.person == PersonId(2) {
                p.person = PersonId(4);
            }
        }

        let mut restored = older();
        let moved = restored.number_as(&newer);
        assert_eq!(
            moved,
            vec![Renumbered {
                was: "person 2".into(),
                now: "person 4".into(),
                as_newer: true
            }]
        );
        assert_eq!(restored.person(PersonId(4)).unwrap().name, "Bo");
        assert_eq!(
            restored
                .promises_of(PersonId(4))
                .map(|p| p.what.as_str())
                .collect::<Vec<_>>(),
            ["two"]
        );
        assert_eq!(restored, newer, "the same ledger as the newer one");
    }

    /// Counters with no free number left renumber nothing: the records keep their own,
    /// unique among them.
    #[test]
    fn with_no_free_number_left_nothing_moves() {
        let mut newer = older();
        newer.promises.retain(|p| p.what != "three");
        newer.promises[1].id = PromiseId(3);
        newer.next_promise_id = PromiseId(u64::MAX);

        let mut restored = older();
        restored.promises[1].uid = Uid(uuid::Uuid::from_u128(3));
        let before = restored.promises.clone();
        assert_eq!(restored.number_as(&newer), vec![]);
        assert_eq!(restored.promises, before);
    }
}
