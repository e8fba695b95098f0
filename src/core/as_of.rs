//! The ledger as it stood on a day: what a command run with `--today` on a past day shows.
//! A promise made after that day did not exist yet, one resolved after it was still open,
//! and a 1:1 prep recorded after it had not happened, so the views, the counts and the ladder (whose rule for Ready asks that nothing be
//! open at the next rung) see it as it was, not as it is now.

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::NaiveDate;

use super::ledger::Ledger;
use super::model::{Person, PersonId, Promise, Status};

impl Ledger {
    /// The ledger as it stood on `today`: borrowed as it is when nothing in it is dated after
    /// that day (always, but for a day in the past), else a copy without the promises made
    /// after it, with those resolved after it open again, and without a 1:1 prep recorded
    /// after it (and without the note of an outcome given after it). Someone added after that day is left out unless a promise made by then is
    /// theirs: a history logged for days before someone was added belongs to them.
    pub fn as_of(&self, today: NaiveDate) -> Cow<'_, Ledger> {
        self.as_of_with(today, false)
    }

    /// [`Ledger::as_of`] with everyone in it, however late they were added: for a front end
    /// whose lists show the people as they are, and the levels and figures as they stood.
    pub fn as_of_with_everyone(&self, today: NaiveDate) -> Cow<'_, Ledger> {
        self.as_of_with(today, true)
    }

    fn as_of_with(&self, today: NaiveDate, everyone: bool) -> Cow<'_, Ledger> {
        let person_later = |p: &Person| {
            (p.created > today && !everyone) || p.last_prep.is_some_and(|day| day > today)
        };
        if !self.promises.iter().any(|p| later(p, today)) && !self.people.iter().any(person_later) {
            return Cow::Borrowed(self);
        }
        let promises: Vec<Promise> = self
            .promises
            .iter()
            .filter(|p| p.made <= today)
            .map(|p| match p.resolved {
                // Open then, without the note its outcome was given with: a prep of that day
                // would otherwise quote what was only written later.
                Some(on) if on > today => Promise {
                    status: Status::Open,
                    resolved: None,
                    note: String::new(),
                    ..p.clone()
                },
                _ => p.clone(),
            })
            .collect();
        let with_history: HashSet<PersonId> = promises.iter().map(|p| p.person).collect();
        let people = self
            .people
            .iter()
            .filter(|p| everyone || p.created <= today || with_history.contains(&p.id))
            .map(|p| Person {
                last_prep: p.last_prep.filter(|day| *day <= today),
                ..p.clone()
            })
            .collect();
        Cow::Owned(Ledger {
            format: self.format.clone(),
            version: self.version,
            settings: self.settings.clone(),
            next_person_id: self.next_person_id,
            next_promise_id: self.next_promise_id,
            people,
            promises,
            tombstones: Vec::new(),
            lineage: Vec::new(),
        })
    }
}

impl Ledger {
    /// The ledger to show on `today`: as it stood then ([`Ledger::as_of`]) when `looking_back`
    /// at a day before the real one (`--today` on a past day), else as it is, so a promise
    /// that a machine whose clock is ahead dated tomorrow is not hidden until tomorrow.
    pub fn shown_on(&self, today: NaiveDate, looking_back: bool) -> Cow<'_, Ledger> {
        if looking_back {
            self.as_of(today)
        } else {
            Cow::Borrowed(self)
        }
    }

    /// [`Ledger::shown_on`] with everyone in it ([`Ledger::as_of_with_everyone`]).
    pub fn shown_with_everyone_on(&self, today: NaiveDate, looking_back: bool) -> Cow<'_, Ledger> {
        if looking_back {
            self.as_of_with_everyone(today)
        } else {
            Cow::Borrowed(self)
        }
    }
}

/// Whether a promise holds anything dated after `today`: made, or resolved, after it.
fn later(p: &Promise, today: NaiveDate) -> bool {
    p.made > today || p.resolved.is_some_and(|on| on > today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::change::{Moment, NewPromise};
    use crate::core::dates::parse_iso;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    #[test]
    fn a_past_day_sees_promises_resolved_later_as_open_and_none_made_later() {
        let mut l = Ledger::default();
        let m = Moment::fixed(d("2026-04-01"), "as of");
        let pat = l.add_person("Pat", "", "", m).unwrap();
        let kept_later = NewPromise {
            outcome: Some((Status::Kept, d("2026-04-01"))),
            ..NewPromise::task(pat, "Checkout", d("2026-03-01"))
        };
        let broken_before = NewPromise {
            outcome: Some((Status::Broken, d("2026-03-10"))),
            ..NewPromise::task(pat, "Report", d("2026-03-01"))
        };
        let l1 = l.add_promise(kept_later, m).unwrap();
        let l2 = l.add_promise(broken_before, m).unwrap();
        l.add_promise(NewPromise::task(pat, "Later task", d("2026-03-20")), m)
            .unwrap();
        l.promises[0].note = "done after the review".into();
        l.promises[1].note = "missed".into();

        let then = l.as_of(d("2026-03-15"));
        assert!(matches!(then, Cow::Owned(_)));
        let statuses: Vec<_> = then
            .promises
            .iter()
            .map(|p| (p.id, p.status, p.resolved))
            .collect();
        assert_eq!(
            statuses,
            [
                (l1, Status::Open, None),
                (l2, Status::Broken, Some(d("2026-03-10")))
            ]
        );
        assert_eq!(then.people, l.people);
        // The note its outcome was given with is later than the day too; one given before
        // stays.
        let notes: Vec<&str> = then.promises.iter().map(|p| p.note.as_str()).collect();
        assert_eq!(notes, ["", "missed"]);
        // On the day of the last record, and after it, the ledger is as it is; and without
        // looking back, a record dated after today (a clock ahead) stays in view.
        assert!(matches!(l.as_of(d("2026-04-01")), Cow::Borrowed(_)));
        assert!(matches!(
            l.shown_on(d("2026-03-15"), false),
            Cow::Borrowed(_)
        ));
        assert!(matches!(l.shown_on(d("2026-03-15"), true), Cow::Owned(_)));
    }

    #[test]
    fn a_past_day_has_no_one_added_later_without_a_history_then_nor_a_prep_recorded_later() {
        let mut l = Ledger::default();
        let early = Moment::fixed(d("2026-03-01"), "early");
        let late = Moment::fixed(d("2026-04-01"), "late");
        let ann = l.add_person("Ann", "", "", early).unwrap();
        let bo = l.add_person("Bo", "", "", late).unwrap();
        let cy = l.add_person("Cy", "", "", late).unwrap();
        // Cy was added later, with a history logged for a day before.
        let logged = NewPromise {
            outcome: Some((Status::Kept, d("2026-03-05"))),
            ..NewPromise::task(cy, "Checkout", d("2026-03-02"))
        };
        l.add_promise(logged, late).unwrap();
        for p in &mut l.people {
            p.last_prep = Some(d(if p.id == ann {
                "2026-03-20"
            } else {
                "2026-03-08"
            }));
        }

        let then = l.as_of(d("2026-03-10"));
        let people: Vec<_> = then.people.iter().map(|p| (p.id, p.last_prep)).collect();
        assert_eq!(people, [(ann, None), (cy, Some(d("2026-03-08")))]);
        assert!(!then.people.iter().any(|p| p.id == bo));
        // A prep recorded later is all that differs: the day still sees it unrecorded.
        let mut prepped = Ledger::default();
        let ann = prepped.add_person("Ann", "", "", early).unwrap();
        prepped.people[0].last_prep = Some(d("2026-03-20"));
        let then = prepped.as_of(d("2026-03-10"));
        assert!(matches!(then, Cow::Owned(_)));
        assert_eq!(then.person(ann).and_then(|p| p.last_prep), None);
        assert!(matches!(prepped.as_of(d("2026-03-20")), Cow::Borrowed(_)));
        // A front end that lists everyone as they are keeps Bo, but not the later prep.
        let listed = l.as_of_with_everyone(d("2026-03-10"));
        let people: Vec<_> = listed.people.iter().map(|p| (p.id, p.last_prep)).collect();
        assert_eq!(
            people,
            [
                (ann, None),
                (bo, Some(d("2026-03-08"))),
                (cy, Some(d("2026-03-08")))
            ]
        );
    }
}
