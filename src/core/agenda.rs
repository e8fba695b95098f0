//! The agenda: every open promise, grouped by when it is due.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

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
    /// Due after today, up to and including the last day of the week ([`WeekEnd`]; Sunday,
    /// as the `eow` date word, unless the config file says otherwise).
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

    /// The group a due date falls in on `today`, with the week ending as `week` says.
    pub fn of(due: Option<NaiveDate>, today: NaiveDate, week: WeekEnd) -> Bucket {
        match due {
            None => Bucket::NoDate,
            Some(d) if d < today => Bucket::Overdue,
            Some(d) if d == today => Bucket::Today,
            Some(d) if d <= week.last_day(today) => Bucket::ThisWeek,
            Some(_) => Bucket::Later,
        }
    }
}

/// Where the agenda's "This week" ends: on the next such weekday (today when it is that day),
/// or a number of days after today. People whose week ends on Friday, or who plan a rolling
/// seven days, set it in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekEnd {
    On(Weekday),
    After(u32),
}

impl Default for WeekEnd {
    /// Sunday, the end of the week the `eow` date word names.
    fn default() -> WeekEnd {
        WeekEnd::On(Weekday::Sun)
    }
}

/// The longest rolling week, in days.
pub const MAX_WEEK_DAYS: u32 = 366;

/// A week end that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a week end: a weekday (friday, sun) or a number of days (7d, 1d to {MAX_WEEK_DAYS}d)"
)]
pub struct WeekEndError(pub String);

impl WeekEnd {
    /// The last day of "This week" on `today`.
    pub fn last_day(self, today: NaiveDate) -> NaiveDate {
        let ahead = match self {
            WeekEnd::On(day) => {
                let from = today.weekday().num_days_from_monday();
                (7 + day.num_days_from_monday() - from) % 7
            }
            WeekEnd::After(days) => days,
        };
        today
            .checked_add_days(Days::new(u64::from(ahead)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Reads a weekday (`friday`, `fri`, `tues`, `thurs`, any case) or a number of days
    /// (`7d`). Only digits before the `d` make a number of days: `wed` and `thursd` are words.
    pub fn parse(word: &str) -> Result<WeekEnd, WeekEndError> {
        let word = word.trim();
        // Quoted back as anything typed is: a pasted megabyte is not printed back whole.
        let bad = || WeekEndError(crate::core::text::quoted_back(word));
        if let Some(digits) = word
            .strip_suffix(['d', 'D'])
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        {
            return match digits.parse::<u32>() {
                Ok(days) if (1..=MAX_WEEK_DAYS).contains(&days) => Ok(WeekEnd::After(days)),
                _ => Err(bad()),
            };
        }
        // chrono reads the full names and the three-letter ones; people also write these.
        const ALSO: [(&str, Weekday); 4] = [
            ("tues", Weekday::Tue),
            ("weds", Weekday::Wed),
            ("thur", Weekday::Thu),
            ("thurs", Weekday::Thu),
        ];
        word.parse::<Weekday>()
            .ok()
            .or_else(|| {
                ALSO.iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(word))
                    .map(|(_, day)| *day)
            })
            .map(WeekEnd::On)
            .ok_or_else(bad)
    }

    /// How the config file writes it: `sunday`, `7d`.
    pub fn word(self) -> String {
        match self {
            WeekEnd::On(day) => {
                const NAMES: [&str; 7] = [
                    "monday",
                    "tuesday",
                    "wednesday",
                    "thursday",
                    "friday",
                    "saturday",
                    "sunday",
                ];
                NAMES[day.num_days_from_monday() as usize].to_string()
            }
            WeekEnd::After(days) => format!("{days}d"),
        }
    }
}

/// Open promises of active (not archived) people, grouped by [`Bucket`] with the week ending
/// on Sunday, each group sorted by due date then id.
pub fn agenda(ledger: &Ledger, today: NaiveDate) -> Vec<(Bucket, Vec<PromiseId>)> {
    agenda_of(ledger, today, WeekEnd::default(), false)
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
    week: WeekEnd,
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
        let bucket = Bucket::of(p.due, today, week);
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
            assert_eq!(
                Bucket::of(due.map(d), today, WeekEnd::default()),
                want,
                "{due:?}"
            );
        }
    }

    #[test]
    fn the_week_can_end_on_another_day_or_roll() {
        let tuesday = d("2026-11-24");
        let friday = WeekEnd::On(Weekday::Fri);
        assert_eq!(friday.last_day(tuesday), d("2026-11-27"));
        assert_eq!(friday.last_day(d("2026-11-27")), d("2026-11-27"));
        assert_eq!(friday.last_day(d("2026-11-28")), d("2026-12-04"));
        assert_eq!(WeekEnd::default().last_day(tuesday), d("2026-11-29"));
        assert_eq!(WeekEnd::After(7).last_day(tuesday), d("2026-12-01"));
        let sat = Some(d("2026-11-28"));
        assert_eq!(Bucket::of(sat, tuesday, friday), Bucket::Later);
        assert_eq!(
            Bucket::of(sat, tuesday, WeekEnd::default()),
            Bucket::ThisWeek
        );
        assert_eq!(
            Bucket::of(Some(d("2026-12-01")), tuesday, WeekEnd::After(7)),
            Bucket::ThisWeek
        );
        assert_eq!(
            Bucket::of(Some(d("2026-12-02")), tuesday, WeekEnd::After(7)),
            Bucket::Later
        );
    }

    #[test]
    fn week_ends_read_as_weekdays_or_days() {
        assert_eq!(WeekEnd::parse("friday"), Ok(WeekEnd::On(Weekday::Fri)));
        assert_eq!(WeekEnd::parse(" Sun "), Ok(WeekEnd::On(Weekday::Sun)));
        assert_eq!(WeekEnd::parse("7d"), Ok(WeekEnd::After(7)));
        assert_eq!(WeekEnd::parse("7D"), Ok(WeekEnd::After(7)));
        // A weekday that ends in d is a weekday, not a count of days.
        for (word, day) in [
            ("wed", Weekday::Wed),
            ("Wed", Weekday::Wed),
            ("WED", Weekday::Wed),
            ("weds", Weekday::Wed),
            ("wednesday", Weekday::Wed),
            ("tues", Weekday::Tue),
            ("Thur", Weekday::Thu),
            ("thurs", Weekday::Thu),
        ] {
            assert_eq!(WeekEnd::parse(word), Ok(WeekEnd::On(day)), "{word}");
        }
        for bad in [
            "", "d", "0d", "367d", "-1d", "fri day", "7", "someday", "wedd", "thursd", "7 d",
        ] {
            assert_eq!(
                WeekEnd::parse(bad).map_err(|e| e.to_string()),
                Err(format!(
                    "'{}' is not a week end: a weekday (friday, sun) or a number of days (7d, 1d to 366d)",
                    bad.trim()
                )),
                "{bad}"
            );
        }
        for week in [
            WeekEnd::default(),
            WeekEnd::On(Weekday::Fri),
            WeekEnd::After(10),
        ] {
            assert_eq!(WeekEnd::parse(&week.word()), Ok(week));
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
        let all = agenda_of(&l, today, WeekEnd::default(), true);
        assert!(all.iter().any(|(_, ids)| ids.contains(&hidden)));
    }
}
