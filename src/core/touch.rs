//! Keep in touch: when anything was last logged with each colleague (a promise made or
//! resolved, either way, or a 1:1 prep), and who has gone longer than their cadence without
//! it. Colleagues drift out of sight when nothing is due; a cadence brings them back to the
//! agenda.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::dates::{LengthUnit, days_between};
use super::ladder::Later;
use super::ledger::Ledger;
use super::model::{Person, PersonId};

/// The longest cadence, in days (ten years): anything longer is a typing slip.
pub const MAX_CADENCE_DAYS: u32 = 3650;

/// Whether a cadence is within range.
pub fn cadence_fits(days: u32) -> bool {
    (1..=MAX_CADENCE_DAYS).contains(&days)
}

/// A cadence that could not be read, or one out of range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct CadenceError {
    pub word: String,
    /// The days it reads as, when it reads as a number of days out of range (`u128::MAX`
    /// for a number too long to count).
    pub days: Option<u128>,
    /// The two lengths it means to different people, when it is a word such as `biweekly`.
    pub two_ways: Option<&'static TwoWays>,
}

/// A word for how often that means one length to some and another to others (`biweekly`:
/// every two weeks, or twice a week), so reading either would be a guess.
#[derive(Debug, PartialEq, Eq)]
pub struct TwoWays {
    /// The words, in lower case, any hyphen after `bi` left out.
    pub words: &'static [&'static str],
    /// The longer length in words, and the cadence that says it.
    pub every: (&'static str, &'static str),
    /// The shorter one, twice in the longer's unit, and the cadence nearest it.
    pub twice: (&'static str, &'static str),
}

/// The words read as two lengths: refused, naming both.
const TWO_WAYS: [TwoWays; 3] = [
    TwoWays {
        words: &["biweekly"],
        every: ("every two weeks", "2w"),
        twice: ("twice a week", "3d"),
    },
    TwoWays {
        words: &["bimonthly"],
        every: ("every two months", "2m"),
        twice: ("twice a month", "2w"),
    },
    TwoWays {
        words: &["biannual", "biannually"],
        every: ("every two years", "2y"),
        twice: ("twice a year", "6m"),
    },
];

impl CadenceError {
    fn message(&self) -> String {
        let word = &self.word;
        let range = format!("1d to {MAX_CADENCE_DAYS}d, or none");
        if let Some(two) = self.two_ways {
            return format!(
                "'{word}' means {} to some and {} to others: type {} for {0}, or {} for {1}",
                two.every.0, two.twice.0, two.every.1, two.twice.1
            );
        }
        match self.days {
            Some(0) => format!("'{word}' is no time at all: a cadence is {range}"),
            Some(u128::MAX) => {
                format!("'{word}' is more than the longest cadence: type {range}")
            }
            Some(days) => {
                format!("'{word}' is {days} days, more than the longest cadence: type {range}")
            }
            None => format!(
                "'{word}' is not a cadence: type a length such as 14d, 2w, 2 weeks or every 2 weeks, or weekly, fortnightly, monthly, quarterly or yearly (a month is 30 days, a year 365; 1d to {MAX_CADENCE_DAYS}d), or none"
            ),
        }
    }

    /// The message in a few words, for a form's field too narrow for the whole.
    pub fn short(&self) -> String {
        if let Some(two) = self.two_ways {
            return format!("unclear: {} or {}", two.every.1, two.twice.1);
        }
        match self.days {
            Some(0) => "at least 1d, or none".to_string(),
            Some(_) => format!("at most {MAX_CADENCE_DAYS}d (ten years), or none"),
            None => "not a cadence: try 14d, 2w, 1m, 1y".to_string(),
        }
    }
}

/// Reads a cadence as typed: `14d`, `2w`, a bare number of days, any unit as the date words
/// spell it ([`LengthUnit`]: `2wks`, `2 weeks`, `10 days`, `week`, `fortnights`, `two weeks`; a month
/// is 30 days, a year 365), any of those after `every` (`every 2 weeks`, `every week`, as the
/// agenda writes a cadence back: `every 14 days`) and `every other` before a unit (`every
/// other week`, two of it), `day`, `daily`, `weekly`, `fortnightly`, `monthly`, `quarterly`
/// and `yearly`, or `none` (and an empty field) for no cadence. `biweekly` and the like are
/// refused, naming the two lengths they are read as.
pub fn parse_cadence(word: &str) -> Result<Option<u32>, CadenceError> {
    let lowered = word.to_ascii_lowercase();
    let bad = || CadenceError {
        // Quoted back as anything typed is: a pasted megabyte is not printed back whole.
        word: crate::core::text::quoted_back(word.trim()),
        days: None,
        two_ways: None,
    };
    let mut words: Vec<&str> = lowered.split_whitespace().collect();
    // As the agenda says it (`every 14 days`), and as people write a meeting's rhythm; what
    // follows is a length, so `every none` and `every weekly` are no cadence.
    let every = words.first() == Some(&"every");
    if every {
        words.remove(0);
        if let ["other", _unit] = words.as_slice() {
            words[0] = "2";
        }
    }
    // One word, or a number and its unit (`2 weeks`): never two numbers read as one.
    let trimmed = match words.as_slice() {
        [] if every => return Err(bad()),
        [] => return Ok(None),
        [one] => (*one).to_string(),
        [number, unit]
            if number.bytes().all(|b| b.is_ascii_digit())
                && unit.bytes().all(|b| b.is_ascii_alphabetic()) =>
        {
            format!("{number}{unit}")
        }
        // In words, as a date's length is said: `two weeks`, `a fortnight`.
        [number, unit] if unit.len() >= 3 && unit.bytes().all(|b| b.is_ascii_alphabetic()) => {
            match crate::core::dates::number_in_words(number) {
                Some(digits) => format!("{digits}{unit}"),
                None => return Err(bad()),
            }
        }
        _ => return Err(bad()),
    };
    let joined = trimmed.replacen("bi-", "bi", 1);
    if let Some(two) = TWO_WAYS
        .iter()
        .find(|two| two.words.contains(&joined.as_str()))
    {
        return Err(CadenceError {
            two_ways: Some(two),
            ..bad()
        });
    }
    // An adverb is one of its unit (`weekly`), and so is `day`, too short to stand alone as
    // a date word but plain here.
    let trimmed = match trimmed.as_str() {
        "none" | "daily" | "weekly" | "fortnightly" | "monthly" | "quarterly" | "yearly"
        | "annual" | "annually"
            if every =>
        {
            return Err(bad());
        }
        "none" => return Ok(None),
        "day" | "daily" => "1d".to_string(),
        "weekly" => "1w".to_string(),
        "fortnightly" => "2w".to_string(),
        "monthly" => "1m".to_string(),
        "quarterly" => "3m".to_string(),
        "yearly" | "annual" | "annually" => "1y".to_string(),
        _ => trimmed,
    };
    let split = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    // The units as the date words spell them, one of it where it stands alone (`weeks`).
    let (digits, unit) = match trimmed.split_at(split) {
        ("", "") => return Err(bad()),
        (digits, "") => (digits, 1),
        ("", unit) if !LengthUnit::alone(unit) => return Err(bad()),
        ("", unit) => ("1", unit_days(unit).ok_or_else(bad)?),
        (digits, unit) => (digits, unit_days(unit).ok_or_else(bad)?),
    };
    // Read in full, so a number of any length is said as too long rather than not a number
    // (one too long for even this is said so, without its days).
    let days = digits
        .parse::<u128>()
        .ok()
        .and_then(|n| n.checked_mul(u128::from(unit)))
        .unwrap_or(u128::MAX);
    match u32::try_from(days) {
        Ok(days) if cadence_fits(days) => Ok(Some(days)),
        _ => Err(CadenceError {
            days: Some(days),
            ..bad()
        }),
    }
}

/// The days in one of a unit the date words spell: keeping in touch is no matter of the
/// calendar, so a month is 30 days and a year 365.
fn unit_days(unit: &str) -> Option<u32> {
    Some(match LengthUnit::read(unit)? {
        LengthUnit::Day => 1,
        LengthUnit::Week => 7,
        LengthUnit::Fortnight => 14,
        LengthUnit::Month => 30,
        LengthUnit::Year => 365,
    })
}

/// A cadence as it is typed back (`14d`), for forms; empty for none.
pub fn cadence_word(days: Option<u32>) -> String {
    days.map_or_else(String::new, |d| format!("{d}d"))
}

/// A cadence in words: "every day", "every 14 days".
pub fn cadence_text(days: u32) -> String {
    match days {
        1 => "every day".to_string(),
        d => format!("every {d} days"),
    }
}

/// When anything was last logged with a colleague.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LastContact {
    /// The day; the day they were added when nothing was logged with them yet.
    pub day: NaiveDate,
    /// False when nothing was logged with them yet.
    pub logged: bool,
}

/// The last contact in a table, the same in `person list` and the UI's people table:
/// `today`, `3d ago`, with `~` before it when nothing was logged with them yet (it then counts
/// from the day they were added).
pub fn last_text(last: LastContact, today: NaiveDate) -> String {
    let when = match days_between(last.day, today) {
        0 => "today".to_string(),
        d => format!("{d}d ago"),
    };
    if last.logged {
        when
    } else {
        format!("~{when}")
    }
}

/// The last day on or before `today` on which anything was logged with each person: a
/// promise made or resolved in either direction, or a saved prep; a day after `today` taken
/// as `later` says, as the ladder takes it (on today itself, a machine whose clock is ahead
/// logged it today). One pass over the promises.
pub fn last_contacts(
    ledger: &Ledger,
    today: NaiveDate,
    later: Later,
) -> HashMap<PersonId, LastContact> {
    // By each person's place in the ledger, not hashed by number: a promise's person is found
    // in a few steps, where hashing every promise's was 8% of `agenda`'s work at 10,000.
    let mut logged: Vec<Option<NaiveDate>> = vec![None; ledger.people.len()];
    let mut note = |at: Option<usize>, day: NaiveDate| {
        if let (Some(slot), Some(day)) = (
            at.and_then(|i| logged.get_mut(i)),
            later.counted_on(day, today),
        ) {
            *slot = Some(slot.map_or(day, |was| was.max(day)));
        }
    };
    for p in &ledger.promises {
        let at = ledger.person_index(p.person);
        note(at, p.made);
        if let Some(day) = p.resolved {
            note(at, day);
        }
    }
    for (i, person) in ledger.people.iter().enumerate() {
        if let Some(day) = person.last_prep {
            note(Some(i), day);
        }
    }
    ledger
        .people
        .iter()
        .zip(logged)
        .map(|(person, logged)| {
            let contact = match logged {
                Some(day) => LastContact { day, logged: true },
                // Added after today (`--today` in the past, or a sync from a machine whose
                // day has begun): counted from today, never from a day to come.
                None => LastContact {
                    day: person.created.min(today),
                    logged: false,
                },
            };
            (person.id, contact)
        })
        .collect()
}

/// A colleague not heard from for longer than their cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Overdue {
    pub person: PersonId,
    /// Their cadence, in days.
    pub every: u32,
    pub last: LastContact,
    /// Days from the last contact to today.
    pub days: i64,
}

impl Overdue {
    /// Days past the cadence.
    pub fn over(&self) -> i64 {
        self.days - i64::from(self.every)
    }
}

/// Whether `person`, last heard from on `last`, is past their cadence (or `default`, when
/// they have none of their own) on `today`: more days have passed than the cadence allows.
fn past_cadence(
    person: &Person,
    default: Option<u32>,
    last: LastContact,
    today: NaiveDate,
) -> Option<Overdue> {
    let every = person.cadence_days.or(default)?;
    let days = days_between(last.day, today);
    (days > i64::from(every)).then_some(Overdue {
        person: person.id,
        every,
        last,
        days,
    })
}

/// The active colleagues with a cadence who have gone longer than it without anything logged,
/// longest past it first (then by number). `default` is the cadence of those without their
/// own (the config file's `keep_in_touch`), none unless set; contact dated after `today` is
/// taken as `later` says.
pub fn keep_in_touch(
    ledger: &Ledger,
    today: NaiveDate,
    default: Option<u32>,
    later: Later,
) -> Vec<Overdue> {
    let contacts = last_contacts(ledger, today, later);
    let mut due: Vec<Overdue> = ledger
        .people
        .iter()
        .filter(|p| !p.archived)
        .filter_map(|p| past_cadence(p, default, *contacts.get(&p.id)?, today))
        .collect();
    due.sort_by_key(|d| (std::cmp::Reverse(d.over()), d.person));
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Status;
    use crate::core::change::{Change, Moment, NewPromise, OnConflict, PersonPatch, Set, Target};
    use crate::core::dates::parse_iso;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    /// Someone added after today (a sync from a machine whose day has begun, or `--today` in
    /// the past) was last in touch today at the latest, never on a day to come.
    #[test]
    fn no_last_contact_falls_after_today() {
        let mut l = Ledger::default();
        let pat = l
            .add_person("Pat Lee", "", "", Moment::fixed(d("2026-11-24"), "touch"))
            .unwrap();
        let today = d("2026-11-20");
        let last = last_contacts(&l, today, Later::NotYet)[&pat];
        assert_eq!(last.day, today);
        assert_eq!(last_text(last, today), "~today");
    }

    /// Something logged "tomorrow" by a machine whose clock is ahead is contact today, as the
    /// ladder counts it: nobody is said to be past their cadence for the lack of it; on a day
    /// looked back at, it had not happened yet.
    #[test]
    fn contact_a_machine_ahead_logged_tomorrow_is_contact_today() {
        let mut l = Ledger::default();
        let leo = l
            .add_person("Leo Park", "", "", Moment::fixed(d("2026-11-01"), "touch"))
            .unwrap();
        l.apply(
            &Change::EditPerson {
                person: Target::id(leo),
                patch: PersonPatch {
                    cadence_days: Some(Set::to(Some(14))),
                    ..PersonPatch::default()
                },
                on_conflict: OnConflict::Refuse,
            },
            &Moment::fixed(d("2026-11-01"), "touch"),
        )
        .unwrap();
        let ahead = Moment::fixed(d("2026-12-04"), "a machine a day ahead");
        let new = NewPromise {
            outcome: Some((Status::Kept, d("2026-12-04"))),
            ..NewPromise::task(leo, "sent the deck", d("2026-12-04"))
        };
        l.add_promise(new, ahead).unwrap();
        let today = d("2026-12-03");
        let last = last_contacts(&l, today, Later::Today)[&leo];
        assert_eq!((last.day, last.logged), (today, true));
        assert_eq!(keep_in_touch(&l, today, None, Later::Today), vec![]);
        assert_eq!(keep_in_touch(&l, today, None, Later::NotYet).len(), 1);
    }

    #[test]
    fn cadences_read_as_days_or_weeks() {
        assert_eq!(parse_cadence("14d"), Ok(Some(14)));
        assert_eq!(parse_cadence(" 2W "), Ok(Some(14)));
        assert_eq!(parse_cadence("30"), Ok(Some(30)));
        assert_eq!(parse_cadence("none"), Ok(None));
        assert_eq!(parse_cadence(""), Ok(None));
        // Spelled out, as the date words spell durations.
        for (word, days) in [
            ("2 weeks", 14),
            ("1 week", 7),
            ("10 days", 10),
            ("3days", 3),
            ("2wk", 14),
            ("week", 7),
            ("Fortnight", 14),
            ("day", 1),
            ("daily", 1),
            ("Weekly", 7),
            ("fortnightly", 14),
            ("monthly", 30),
            ("yearly", 365),
            ("Month", 30),
            // With the number in words, as a due date's length is said.
            ("two weeks", 14),
            ("A fortnight", 14),
            ("three days", 3),
            ("2 months", 60),
            ("2 fortnights", 28),
            // Months short, as the date words write them: 30 days each.
            ("1m", 30),
            ("3mo", 90),
            ("2 mos", 60),
            // Every spelling of a unit the date words take, alone where it is spelled out.
            ("2wks", 14),
            ("2 wks", 14),
            ("two wks", 14),
            ("weeks", 7),
            ("fortnights", 14),
            ("3 fortnights", 42),
            ("months", 30),
            ("1y", 365),
            ("2 yrs", 730),
            ("year", 365),
            ("quarterly", 90),
            ("annually", 365),
            // After every, as the agenda writes a cadence back and a meeting's rhythm is
            // said; every other is two of its unit.
            ("every 2 weeks", 14),
            ("Every two weeks", 14),
            ("every week", 7),
            ("every fortnight", 14),
            ("every day", 1),
            ("every month", 30),
            ("every 2w", 14),
            ("every other week", 14),
            ("every other day", 2),
            ("every other month", 60),
            (&cadence_text(14), 14),
            (&cadence_text(1), 1),
        ] {
            assert_eq!(parse_cadence(word), Ok(Some(days)), "{word}");
        }
        for bad in [
            "0d",
            "d",
            "2x",
            "-3d",
            "1.5w",
            "3651d",
            "99999999999w",
            "w2",
            "yr",
            "m",
            "1 4",
            "2 weeks 3 days",
            "two",
            "a w",
            "thirteen days",
            // every needs a length after it, not an adverb nor none.
            "every",
            "every other",
            "every other 2 weeks",
            "every weekly",
            "every none",
            "every 2 weeks 3 days",
        ] {
            assert!(parse_cadence(bad).is_err(), "{bad}");
        }
        // Out of range is said as such, with the range; the short form fits a narrow field.
        let said = |word: &str| {
            let e = parse_cadence(word).unwrap_err();
            (e.to_string(), e.short())
        };
        assert_eq!(
            said("9999d"),
            (
                "'9999d' is 9999 days, more than the longest cadence: type 1d to 3650d, or none"
                    .to_string(),
                "at most 3650d (ten years), or none".to_string()
            )
        );
        assert_eq!(
            said("99999999999w").0,
            "'99999999999w' is 699999999993 days, more than the longest cadence: type 1d to 3650d, or none"
        );
        assert_eq!(
            said("99999999999999999999999999999999999999999w").0,
            "'99999999999999999999999999999999999999999w' is more than the longest cadence: type 1d to 3650d, or none"
        );
        assert_eq!(
            said("0w"),
            (
                "'0w' is no time at all: a cadence is 1d to 3650d, or none".to_string(),
                "at least 1d, or none".to_string()
            )
        );
        assert_eq!(
            said("often"),
            (
                "'often' is not a cadence: type a length such as 14d, 2w, 2 weeks or every 2 weeks, or weekly, fortnightly, monthly, quarterly or yearly (a month is 30 days, a year 365; 1d to 3650d), or none"
                    .to_string(),
                "not a cadence: try 14d, 2w, 1m, 1y".to_string()
            )
        );
        // A word read as two lengths is no guess: both are named, with what says each.
        for (word, message, short) in [
            (
                "biweekly",
                "'biweekly' means every two weeks to some and twice a week to others: type 2w for every two weeks, or 3d for twice a week",
                "unclear: 2w or 3d",
            ),
            (
                "Bi-Weekly",
                "'Bi-Weekly' means every two weeks to some and twice a week to others: type 2w for every two weeks, or 3d for twice a week",
                "unclear: 2w or 3d",
            ),
            (
                "every biweekly",
                "'every biweekly' means every two weeks to some and twice a week to others: type 2w for every two weeks, or 3d for twice a week",
                "unclear: 2w or 3d",
            ),
            (
                "bimonthly",
                "'bimonthly' means every two months to some and twice a month to others: type 2m for every two months, or 2w for twice a month",
                "unclear: 2m or 2w",
            ),
            (
                "biannually",
                "'biannually' means every two years to some and twice a year to others: type 2y for every two years, or 6m for twice a year",
                "unclear: 2y or 6m",
            ),
        ] {
            assert_eq!(said(word), (message.to_string(), short.to_string()));
        }
        assert_eq!(cadence_word(Some(14)), "14d");
        assert_eq!(parse_cadence(&cadence_word(Some(9))), Ok(Some(9)));
        assert_eq!(cadence_text(1), "every day");
        assert_eq!(cadence_text(14), "every 14 days");
    }

    fn cadence(l: &mut Ledger, person: PersonId, days: u32, m: Moment) {
        let change = Change::EditPerson {
            person: Target::id(person),
            patch: PersonPatch {
                cadence_days: Some(Set::to(Some(days))),
                ..PersonPatch::default()
            },
            on_conflict: OnConflict::Refuse,
        };
        l.apply(&change, &m).unwrap();
    }

    /// Priya: a promise made on 1 Nov and kept on 10 Nov, cadence 14 days. Pat: added on 1
    /// Nov, nothing logged, cadence 30 days. Wang: no cadence.
    fn team() -> (Ledger, [PersonId; 3]) {
        let m = Moment::fixed(d("2026-11-01"), "touch");
        let mut l = Ledger::default();
        let priya = l.add_person("Priya Raman", "", "", m).unwrap();
        let pat = l.add_person("Pat Lee", "", "", m).unwrap();
        let wang = l.add_person("王芳", "", "", m).unwrap();
        let id = l
            .add_promise(NewPromise::task(priya, "Deck", d("2026-11-01")), m)
            .unwrap();
        let later = Moment::fixed(d("2026-11-10"), "touch");
        l.resolve_promise(id, Status::Kept, d("2026-11-10"), None, later)
            .unwrap();
        cadence(&mut l, priya, 14, later);
        cadence(&mut l, pat, 30, later);
        (l, [priya, pat, wang])
    }

    #[test]
    fn the_last_contact_is_the_latest_day_anything_was_logged() {
        let (l, [priya, pat, wang]) = team();
        let contacts = last_contacts(&l, d("2026-11-24"), Later::NotYet);
        assert_eq!(
            contacts[&priya],
            LastContact {
                day: d("2026-11-10"),
                logged: true
            }
        );
        assert_eq!(
            contacts[&pat],
            LastContact {
                day: d("2026-11-01"),
                logged: false
            }
        );
        assert!(!contacts[&wang].logged);
        // As of a day before the outcome, only the promise's making counts.
        assert_eq!(
            last_contacts(&l, d("2026-11-05"), Later::NotYet)[&priya].day,
            d("2026-11-01")
        );
    }

    #[test]
    fn the_last_contact_reads_as_days_ago_with_a_tilde_when_nothing_is_logged() {
        let (l, [priya, pat, _]) = team();
        let contacts = last_contacts(&l, d("2026-11-24"), Later::NotYet);
        assert_eq!(last_text(contacts[&priya], d("2026-11-24")), "14d ago");
        assert_eq!(last_text(contacts[&pat], d("2026-11-24")), "~23d ago");
        assert_eq!(last_text(contacts[&priya], d("2026-11-10")), "today");
    }

    #[test]
    fn only_those_past_their_cadence_are_listed_longest_first() {
        let (mut l, [priya, pat, _]) = team();
        // 24 Nov: Priya 14 days since 10 Nov (not more than 14): within. Pat 23 of 30: within.
        assert_eq!(
            keep_in_touch(&l, d("2026-11-24"), None, Later::NotYet),
            vec![]
        );
        // 25 Nov: Priya 15 days, one past.
        let due = keep_in_touch(&l, d("2026-11-25"), None, Later::NotYet);
        assert_eq!(due.len(), 1);
        assert_eq!((due[0].person, due[0].days, due[0].over()), (priya, 15, 1));
        // 5 Dec: Priya 25 (11 past), Pat 34 (4 past).
        let due = keep_in_touch(&l, d("2026-12-05"), None, Later::NotYet);
        let who: Vec<(PersonId, i64)> = due.iter().map(|o| (o.person, o.over())).collect();
        assert_eq!(who, vec![(priya, 11), (pat, 4)]);
        // A prep saved on 1 Dec counts as contact; archiving leaves the list.
        let prep = Change::EditPerson {
            person: Target::id(priya),
            patch: PersonPatch {
                last_prep: Some(Set::to(Some(d("2026-12-01")))),
                ..PersonPatch::default()
            },
            on_conflict: OnConflict::Refuse,
        };
        l.apply(&prep, &Moment::fixed(d("2026-12-01"), "touch"))
            .unwrap();
        let due = keep_in_touch(&l, d("2026-12-05"), None, Later::NotYet);
        assert_eq!(due.iter().map(|o| o.person).collect::<Vec<_>>(), vec![pat]);
        l.set_archived(pat, true, d("2026-12-05")).unwrap();
        assert_eq!(
            keep_in_touch(&l, d("2026-12-05"), None, Later::NotYet),
            vec![]
        );
    }

    #[test]
    fn a_default_cadence_covers_those_without_their_own() {
        let (l, [priya, pat, wang]) = team();
        // 5 Dec with a default of 20 days: Wang, added 1 Nov with nothing logged, is 34 days
        // out (14 past); Priya and Pat keep their own cadences.
        let due = keep_in_touch(&l, d("2026-12-05"), Some(20), Later::NotYet);
        let who: Vec<(PersonId, u32, i64)> =
            due.iter().map(|o| (o.person, o.every, o.over())).collect();
        assert_eq!(who, vec![(wang, 20, 14), (priya, 14, 11), (pat, 30, 4)]);
        assert!(
            !keep_in_touch(&l, d("2026-12-05"), None, Later::NotYet)
                .iter()
                .any(|o| o.person == wang)
        );
    }

    #[test]
    fn a_cadence_out_of_range_is_refused() {
        let (mut l, [priya, ..]) = team();
        let before = l.clone();
        let change = Change::EditPerson {
            person: Target::id(priya),
            patch: PersonPatch {
                cadence_days: Some(Set::to(Some(0))),
                ..PersonPatch::default()
            },
            on_conflict: OnConflict::Refuse,
        };
        let err = l
            .apply(&change, &Moment::fixed(d("2026-11-24"), "touch"))
            .unwrap_err();
        assert_eq!(err, crate::core::LedgerError::BadCadence { days: 0 });
        assert_eq!(l, before);
    }
}
