//! The agenda: every open promise, grouped by when it is due.

use chrono::NaiveDate;
use serde::Serialize;

use super::dates::end_of_week;
use super::ledger::Ledger;
use super::model::{PromiseId, Status};

/// The agenda's groups, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Due before today.
    Overdue,
    /// Due today.
    Today,
    /// Due after today, up to and including Sunday (the `eow` date word).
    ThisWeek,
    /// Due after this week.
    Later,
    /// No due date.
    NoDate,
}

impl Bucket {
    /// Every group, in display order.
    pub const ALL: [Bucket; 5] = [
        Bucket::Overdue,
        Bucket::Today,
        Bucket::ThisWeek,
        Bucket::Later,
        Bucket::NoDate,
    ];

    /// The heading people see.
    pub fn title(self) -> &'static str {
        match self {
            Bucket::Overdue => "Overdue",
            Bucket::Today => "Today",
            Bucket::ThisWeek => "This week",
            Bucket::Later => "Later",
            Bucket::NoDate => "No date",
        }
    }

    /// The key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Bucket::Overdue => "overdue",
            Bucket::Today => "today",
            Bucket::ThisWeek => "this_week",
            Bucket::Later => "later",
            Bucket::NoDate => "no_date",
        }
    }

    /// The group a due date falls in on `today`.
    pub fn of(due: Option<NaiveDate>, today: NaiveDate) -> Bucket {
        match due {
            None => Bucket::NoDate,
            Some(d) if d < today => Bucket::Overdue,
            Some(d) if d == today => Bucket::Today,
            Some(d) if d <= end_of_week(today) => Bucket::ThisWeek,
            Some(_) => Bucket::Later,
        }
    }
}

/// Open promises of active (not archived) people, grouped by [`Bucket`], each group sorted by
/// due date then id.
pub fn agenda(ledger: &Ledger, today: NaiveDate) -> Vec<(Bucket, Vec<PromiseId>)> {
    agenda_of(ledger, today, false)
}

fn archived_people(ledger: &Ledger) -> std::collections::HashSet<super::model::PersonId> {
    ledger
        .people
        .iter()
        .filter(|p| p.archived)
        .map(|p| p.id)
        .collect()
}

/// How many open promises belong to archived people: the ones the agenda leaves out, which
/// it says it leaves out.
pub fn archived_open(ledger: &Ledger) -> usize {
    let archived = archived_people(ledger);
    ledger
        .promises
        .iter()
        .filter(|p| p.status == Status::Open && archived.contains(&p.person))
        .count()
}

/// The agenda, with archived people's open promises too when `archived` is set.
pub fn agenda_of(
    ledger: &Ledger,
    today: NaiveDate,
    archived: bool,
) -> Vec<(Bucket, Vec<PromiseId>)> {
    let mut groups: [Vec<(Option<NaiveDate>, PromiseId)>; 5] = Default::default();
    let hidden = if archived {
        std::collections::HashSet::new()
    } else {
        archived_people(ledger)
    };
    for p in &ledger.promises {
        if p.status != Status::Open || hidden.contains(&p.person) {
            continue;
        }
        let bucket = Bucket::of(p.due, today);
        groups[bucket as usize].push((p.due, p.id));
    }
    Bucket::ALL
        .into_iter()
        .zip(groups)
        .map(|(bucket, mut items)| {
            items.sort_unstable();
            (bucket, items.into_iter().map(|(_, id)| id).collect())
        })
        .collect()
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
    fn buckets_on_a_tuesday() {
        let today = d("2026-11-24");
        let cases = [
            (Some("2026-11-23"), Bucket::Overdue),
            (Some("2026-11-24"), Bucket::Today),
            (Some("2026-11-25"), Bucket::ThisWeek),
            (Some("2026-11-29"), Bucket::ThisWeek),
            (Some("2026-11-30"), Bucket::Later),
            (None, Bucket::NoDate),
        ];
        for (due, want) in cases {
            assert_eq!(Bucket::of(due.map(d), today), want, "{due:?}");
        }
    }

    #[test]
    fn agenda_groups_sorts_and_skips_resolved_and_archived() {
        let today = d("2026-11-24");
        let mut l = Ledger::default();
        let m = Moment::fixed(today, "agenda");
        let a = l.add_person("A", "", "", m).unwrap();
        let b = l.add_person("B", "", "", m).unwrap();
        let mut add = |person, due: Option<&str>| {
            let new = NewPromise {
                due: due.map(d),
                ..NewPromise::task(person, "x", d("2026-11-01"))
            };
            l.add_promise(new, m).unwrap()
        };
        let late2 = add(a, Some("2026-11-20"));
        let late1 = add(a, Some("2026-11-10"));
        let week = add(a, Some("2026-11-27"));
        let none = add(a, None);
        let hidden = add(b, Some("2026-11-01"));
        let done = add(a, Some("2026-11-01"));
        l.resolve_promise(done, Status::Kept, today, None, m)
            .unwrap();
        l.set_archived(b, true, m).unwrap();
        let got = agenda(&l, today);
        assert_eq!(
            got,
            vec![
                (Bucket::Overdue, vec![late1, late2]),
                (Bucket::Today, vec![]),
                (Bucket::ThisWeek, vec![week]),
                (Bucket::Later, vec![]),
                (Bucket::NoDate, vec![none]),
            ]
        );
        assert!(!got.iter().any(|(_, ids)| ids.contains(&hidden)));
        assert_eq!(archived_open(&l), 1);
        let all = agenda_of(&l, today, true);
        assert!(all.iter().any(|(_, ids)| ids.contains(&hidden)));
    }
}
