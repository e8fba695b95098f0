//! The date words on five reference days: a Sunday (2026-11-29), a Wednesday (2026-11-25),
//! 31 January (2026, a Saturday), 29 February of a leap year (2028, a Tuesday) and 31 December
//! (2026, a Thursday). Every expected day is written out; where Taskwarrior's `task calc`
//! says otherwise, docs/DATES.md says why (scripts/compare-dates-with-taskwarrior lists them).

use proptest::prelude::*;

use super::words::{self, Rule, WORDS};
use super::*;

fn d(s: &str) -> NaiveDate {
    parse_iso(s).unwrap()
}

/// The word offered for `word`, which `read` refused as not a date: `None` where it offers
/// none. Any other outcome fails the test, naming the word.
fn suggestion_of<T: std::fmt::Debug>(word: &str, read: Result<T, DateError>) -> Option<String> {
    match read {
        Err(DateError::Bad { suggestion, .. }) => suggestion,
        other => panic!("'{word}' read as {other:?}"),
    }
}

/// Each word read as a due date on `today` is refused offering the word beside it (`None`:
/// no word offered).
fn assert_offered_for_due(today: NaiveDate, cases: &[(&str, Option<&str>)]) {
    for &(word, offered) in cases {
        assert_eq!(
            suggestion_of(word, parse_due(word, today)).as_deref(),
            offered,
            "{word}"
        );
    }
}

/// [`assert_offered_for_due`] for words read as a day that has been.
fn assert_offered_looking_back(today: NaiveDate, cases: &[(&str, Option<&str>)]) {
    for &(word, offered) in cases {
        assert_eq!(
            suggestion_of(word, parse_past_date(word, today)).as_deref(),
            offered,
            "{word}"
        );
    }
}

/// Each word read as a due date on `today` is refused as a time of day, with the day it
/// names to try instead (`None`: no day).
fn assert_told_a_time(today: NaiveDate, cases: &[(&str, Option<&str>)]) {
    for &(word, day) in cases {
        assert_eq!(
            parse_due(word, today),
            Err(DateError::Time {
                word: word.to_string(),
                day: day.map(str::to_string)
            }),
            "{word}"
        );
    }
}

const DAYS: [&str; 5] = [
    "2026-11-29",
    "2026-11-25",
    "2026-01-31",
    "2028-02-29",
    "2026-12-31",
];

/// Each word, and the day it means as a due date on each reference day.
const AHEAD: &[(&str, [&str; 5])] = &[
    (
        "2026-12-01",
        [
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
        ],
    ),
    (
        "today",
        [
            "2026-11-29",
            "2026-11-25",
            "2026-01-31",
            "2028-02-29",
            "2026-12-31",
        ],
    ),
    (
        "tod",
        [
            "2026-11-29",
            "2026-11-25",
            "2026-01-31",
            "2028-02-29",
            "2026-12-31",
        ],
    ),
    (
        "now",
        [
            "2026-11-29",
            "2026-11-25",
            "2026-01-31",
            "2028-02-29",
            "2026-12-31",
        ],
    ),
    (
        "sod",
        [
            "2026-11-29",
            "2026-11-25",
            "2026-01-31",
            "2028-02-29",
            "2026-12-31",
        ],
    ),
    (
        "eod",
        [
            "2026-11-29",
            "2026-11-25",
            "2026-01-31",
            "2028-02-29",
            "2026-12-31",
        ],
    ),
    (
        "tomorrow",
        [
            "2026-11-30",
            "2026-11-26",
            "2026-02-01",
            "2028-03-01",
            "2027-01-01",
        ],
    ),
    (
        "tom",
        [
            "2026-11-30",
            "2026-11-26",
            "2026-02-01",
            "2028-03-01",
            "2027-01-01",
        ],
    ),
    (
        "sond",
        [
            "2026-11-30",
            "2026-11-26",
            "2026-02-01",
            "2028-03-01",
            "2027-01-01",
        ],
    ),
    (
        "eond",
        [
            "2026-11-30",
            "2026-11-26",
            "2026-02-01",
            "2028-03-01",
            "2027-01-01",
        ],
    ),
    (
        "yesterday",
        [
            "2026-11-28",
            "2026-11-24",
            "2026-01-30",
            "2028-02-28",
            "2026-12-30",
        ],
    ),
    (
        "yest",
        [
            "2026-11-28",
            "2026-11-24",
            "2026-01-30",
            "2028-02-28",
            "2026-12-30",
        ],
    ),
    (
        "sopd",
        [
            "2026-11-28",
            "2026-11-24",
            "2026-01-30",
            "2028-02-28",
            "2026-12-30",
        ],
    ),
    (
        "eopd",
        [
            "2026-11-28",
            "2026-11-24",
            "2026-01-30",
            "2028-02-28",
            "2026-12-30",
        ],
    ),
    (
        "mon",
        [
            "2026-11-30",
            "2026-11-30",
            "2026-02-02",
            "2028-03-06",
            "2027-01-04",
        ],
    ),
    (
        "tues",
        [
            "2026-12-01",
            "2026-12-01",
            "2026-02-03",
            "2028-03-07",
            "2027-01-05",
        ],
    ),
    (
        "wednes",
        [
            "2026-12-02",
            "2026-12-02",
            "2026-02-04",
            "2028-03-01",
            "2027-01-06",
        ],
    ),
    (
        "wednesday",
        [
            "2026-12-02",
            "2026-12-02",
            "2026-02-04",
            "2028-03-01",
            "2027-01-06",
        ],
    ),
    (
        "thurs",
        [
            "2026-12-03",
            "2026-11-26",
            "2026-02-05",
            "2028-03-02",
            "2027-01-07",
        ],
    ),
    (
        "fri",
        [
            "2026-12-04",
            "2026-11-27",
            "2026-02-06",
            "2028-03-03",
            "2027-01-01",
        ],
    ),
    (
        "sat",
        [
            "2026-12-05",
            "2026-11-28",
            "2026-02-07",
            "2028-03-04",
            "2027-01-02",
        ],
    ),
    (
        "sun",
        [
            "2026-12-06",
            "2026-11-29",
            "2026-02-01",
            "2028-03-05",
            "2027-01-03",
        ],
    ),
    (
        "jan",
        [
            "2027-01-01",
            "2027-01-01",
            "2027-01-01",
            "2029-01-01",
            "2027-01-01",
        ],
    ),
    (
        "feb",
        [
            "2027-02-01",
            "2027-02-01",
            "2026-02-01",
            "2029-02-01",
            "2027-02-01",
        ],
    ),
    (
        "sept",
        [
            "2027-09-01",
            "2027-09-01",
            "2026-09-01",
            "2028-09-01",
            "2027-09-01",
        ],
    ),
    (
        "nov",
        [
            "2027-11-01",
            "2027-11-01",
            "2026-11-01",
            "2028-11-01",
            "2027-11-01",
        ],
    ),
    (
        "december",
        [
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
            "2028-12-01",
            "2027-12-01",
        ],
    ),
    (
        "1st",
        [
            "2026-12-01",
            "2026-12-01",
            "2026-02-01",
            "2028-03-01",
            "2027-01-01",
        ],
    ),
    (
        "2nd",
        [
            "2026-12-02",
            "2026-12-02",
            "2026-02-02",
            "2028-03-02",
            "2027-01-02",
        ],
    ),
    (
        "15th",
        [
            "2026-12-15",
            "2026-12-15",
            "2026-02-15",
            "2028-03-15",
            "2027-01-15",
        ],
    ),
    (
        "28th",
        [
            "2026-12-28",
            "2026-11-28",
            "2026-02-28",
            "2028-03-28",
            "2027-01-28",
        ],
    ),
    (
        "29th",
        [
            "2026-12-29",
            "2026-11-29",
            "2026-03-29",
            "2028-03-29",
            "2027-01-29",
        ],
    ),
    (
        "30th",
        [
            "2026-11-30",
            "2026-11-30",
            "2026-03-30",
            "2028-03-30",
            "2027-01-30",
        ],
    ),
    (
        "31st",
        [
            "2026-12-31",
            "2026-12-31",
            "2026-03-31",
            "2028-03-31",
            "2027-01-31",
        ],
    ),
    (
        "dec 15",
        [
            "2026-12-15",
            "2026-12-15",
            "2026-12-15",
            "2028-12-15",
            "2027-12-15",
        ],
    ),
    (
        "15 dec",
        [
            "2026-12-15",
            "2026-12-15",
            "2026-12-15",
            "2028-12-15",
            "2027-12-15",
        ],
    ),
    (
        "december 15th",
        [
            "2026-12-15",
            "2026-12-15",
            "2026-12-15",
            "2028-12-15",
            "2027-12-15",
        ],
    ),
    (
        "12-15",
        [
            "2026-12-15",
            "2026-12-15",
            "2026-12-15",
            "2028-12-15",
            "2027-12-15",
        ],
    ),
    (
        "feb 29",
        [
            "2028-02-29",
            "2028-02-29",
            "2028-02-29",
            "2032-02-29",
            "2028-02-29",
        ],
    ),
    (
        "3d",
        [
            "2026-12-02",
            "2026-11-28",
            "2026-02-03",
            "2028-03-03",
            "2027-01-03",
        ],
    ),
    (
        "+3d",
        [
            "2026-12-02",
            "2026-11-28",
            "2026-02-03",
            "2028-03-03",
            "2027-01-03",
        ],
    ),
    (
        "3days",
        [
            "2026-12-02",
            "2026-11-28",
            "2026-02-03",
            "2028-03-03",
            "2027-01-03",
        ],
    ),
    (
        "3 days",
        [
            "2026-12-02",
            "2026-11-28",
            "2026-02-03",
            "2028-03-03",
            "2027-01-03",
        ],
    ),
    (
        "in 3 days",
        [
            "2026-12-02",
            "2026-11-28",
            "2026-02-03",
            "2028-03-03",
            "2027-01-03",
        ],
    ),
    (
        "-3d",
        [
            "2026-11-26",
            "2026-11-22",
            "2026-01-28",
            "2028-02-26",
            "2026-12-28",
        ],
    ),
    (
        "2w",
        [
            "2026-12-13",
            "2026-12-09",
            "2026-02-14",
            "2028-03-14",
            "2027-01-14",
        ],
    ),
    (
        "2wk",
        [
            "2026-12-13",
            "2026-12-09",
            "2026-02-14",
            "2028-03-14",
            "2027-01-14",
        ],
    ),
    (
        "2 weeks",
        [
            "2026-12-13",
            "2026-12-09",
            "2026-02-14",
            "2028-03-14",
            "2027-01-14",
        ],
    ),
    (
        "fortnight",
        [
            "2026-12-13",
            "2026-12-09",
            "2026-02-14",
            "2028-03-14",
            "2027-01-14",
        ],
    ),
    (
        "week",
        [
            "2026-12-06",
            "2026-12-02",
            "2026-02-07",
            "2028-03-07",
            "2027-01-07",
        ],
    ),
    (
        "-2w",
        [
            "2026-11-15",
            "2026-11-11",
            "2026-01-17",
            "2028-02-15",
            "2026-12-17",
        ],
    ),
    (
        "1mo",
        [
            "2026-12-29",
            "2026-12-25",
            "2026-02-28",
            "2028-03-29",
            "2027-01-31",
        ],
    ),
    (
        "1m",
        [
            "2026-12-29",
            "2026-12-25",
            "2026-02-28",
            "2028-03-29",
            "2027-01-31",
        ],
    ),
    (
        "2 months",
        [
            "2027-01-29",
            "2027-01-25",
            "2026-03-31",
            "2028-04-29",
            "2027-02-28",
        ],
    ),
    (
        "1y",
        [
            "2027-11-29",
            "2027-11-25",
            "2027-01-31",
            "2029-02-28",
            "2027-12-31",
        ],
    ),
    (
        "1 year",
        [
            "2027-11-29",
            "2027-11-25",
            "2027-01-31",
            "2029-02-28",
            "2027-12-31",
        ],
    ),
    (
        "sow",
        [
            "2026-11-23",
            "2026-11-23",
            "2026-01-26",
            "2028-02-28",
            "2026-12-28",
        ],
    ),
    (
        "eow",
        [
            "2026-11-29",
            "2026-11-29",
            "2026-02-01",
            "2028-03-05",
            "2027-01-03",
        ],
    ),
    (
        "soww",
        [
            "2026-11-23",
            "2026-11-23",
            "2026-01-26",
            "2028-02-28",
            "2026-12-28",
        ],
    ),
    (
        "eoww",
        [
            "2026-11-27",
            "2026-11-27",
            "2026-01-30",
            "2028-03-03",
            "2027-01-01",
        ],
    ),
    (
        "sonw",
        [
            "2026-11-30",
            "2026-11-30",
            "2026-02-02",
            "2028-03-06",
            "2027-01-04",
        ],
    ),
    (
        "next week",
        [
            "2026-11-30",
            "2026-11-30",
            "2026-02-02",
            "2028-03-06",
            "2027-01-04",
        ],
    ),
    (
        "nw",
        [
            "2026-11-30",
            "2026-11-30",
            "2026-02-02",
            "2028-03-06",
            "2027-01-04",
        ],
    ),
    (
        "eonw",
        [
            "2026-12-06",
            "2026-12-06",
            "2026-02-08",
            "2028-03-12",
            "2027-01-10",
        ],
    ),
    (
        "sopw",
        [
            "2026-11-16",
            "2026-11-16",
            "2026-01-19",
            "2028-02-21",
            "2026-12-21",
        ],
    ),
    (
        "eopw",
        [
            "2026-11-22",
            "2026-11-22",
            "2026-01-25",
            "2028-02-27",
            "2026-12-27",
        ],
    ),
    (
        "som",
        [
            "2026-11-01",
            "2026-11-01",
            "2026-01-01",
            "2028-02-01",
            "2026-12-01",
        ],
    ),
    (
        "eom",
        [
            "2026-11-30",
            "2026-11-30",
            "2026-01-31",
            "2028-02-29",
            "2026-12-31",
        ],
    ),
    (
        "sonm",
        [
            "2026-12-01",
            "2026-12-01",
            "2026-02-01",
            "2028-03-01",
            "2027-01-01",
        ],
    ),
    (
        "eonm",
        [
            "2026-12-31",
            "2026-12-31",
            "2026-02-28",
            "2028-03-31",
            "2027-01-31",
        ],
    ),
    (
        "sopm",
        [
            "2026-10-01",
            "2026-10-01",
            "2025-12-01",
            "2028-01-01",
            "2026-11-01",
        ],
    ),
    (
        "eopm",
        [
            "2026-10-31",
            "2026-10-31",
            "2025-12-31",
            "2028-01-31",
            "2026-11-30",
        ],
    ),
    (
        "soq",
        [
            "2026-10-01",
            "2026-10-01",
            "2026-01-01",
            "2028-01-01",
            "2026-10-01",
        ],
    ),
    (
        "eoq",
        [
            "2026-12-31",
            "2026-12-31",
            "2026-03-31",
            "2028-03-31",
            "2026-12-31",
        ],
    ),
    (
        "sonq",
        [
            "2027-01-01",
            "2027-01-01",
            "2026-04-01",
            "2028-04-01",
            "2027-01-01",
        ],
    ),
    (
        "eonq",
        [
            "2027-03-31",
            "2027-03-31",
            "2026-06-30",
            "2028-06-30",
            "2027-03-31",
        ],
    ),
    (
        "sopq",
        [
            "2026-07-01",
            "2026-07-01",
            "2025-10-01",
            "2027-10-01",
            "2026-07-01",
        ],
    ),
    (
        "eopq",
        [
            "2026-09-30",
            "2026-09-30",
            "2025-12-31",
            "2027-12-31",
            "2026-09-30",
        ],
    ),
    (
        "soy",
        [
            "2026-01-01",
            "2026-01-01",
            "2026-01-01",
            "2028-01-01",
            "2026-01-01",
        ],
    ),
    (
        "eoy",
        [
            "2026-12-31",
            "2026-12-31",
            "2026-12-31",
            "2028-12-31",
            "2026-12-31",
        ],
    ),
    (
        "sony",
        [
            "2027-01-01",
            "2027-01-01",
            "2027-01-01",
            "2029-01-01",
            "2027-01-01",
        ],
    ),
    (
        "eony",
        [
            "2027-12-31",
            "2027-12-31",
            "2027-12-31",
            "2029-12-31",
            "2027-12-31",
        ],
    ),
    (
        "sopy",
        [
            "2025-01-01",
            "2025-01-01",
            "2025-01-01",
            "2027-01-01",
            "2025-01-01",
        ],
    ),
    (
        "eopy",
        [
            "2025-12-31",
            "2025-12-31",
            "2025-12-31",
            "2027-12-31",
            "2025-12-31",
        ],
    ),
    (
        "2026-12",
        [
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
        ],
    ),
    (
        "2026-335",
        [
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
        ],
    ),
    (
        "2026-W49",
        [
            "2026-11-30",
            "2026-11-30",
            "2026-11-30",
            "2026-11-30",
            "2026-11-30",
        ],
    ),
    (
        "2026-W49-2",
        [
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
            "2026-12-01",
        ],
    ),
    (
        "2026-W01",
        [
            "2025-12-29",
            "2025-12-29",
            "2025-12-29",
            "2025-12-29",
            "2025-12-29",
        ],
    ),
    (
        "today+3d",
        [
            "2026-12-02",
            "2026-11-28",
            "2026-02-03",
            "2028-03-03",
            "2027-01-03",
        ],
    ),
    (
        "eom-1d",
        [
            "2026-11-29",
            "2026-11-29",
            "2026-01-30",
            "2028-02-28",
            "2026-12-30",
        ],
    ),
    (
        "fri+1w",
        [
            "2026-12-11",
            "2026-12-04",
            "2026-02-13",
            "2028-03-10",
            "2027-01-08",
        ],
    ),
    (
        "2026-12-01+2w",
        [
            "2026-12-15",
            "2026-12-15",
            "2026-12-15",
            "2026-12-15",
            "2026-12-15",
        ],
    ),
    (
        "eoy-1w",
        [
            "2026-12-24",
            "2026-12-24",
            "2026-12-24",
            "2028-12-24",
            "2026-12-24",
        ],
    ),
    (
        "TODAY",
        [
            "2026-11-29",
            "2026-11-25",
            "2026-01-31",
            "2028-02-29",
            "2026-12-31",
        ],
    ),
    (
        " Fri ",
        [
            "2026-12-04",
            "2026-11-27",
            "2026-02-06",
            "2028-03-03",
            "2027-01-01",
        ],
    ),
];

/// Each word, and the day it means as the day something happened, on each reference day.
const BACK: &[(&str, [&str; 5])] = &[
    (
        "today",
        [
            "2026-11-29",
            "2026-11-25",
            "2026-01-31",
            "2028-02-29",
            "2026-12-31",
        ],
    ),
    (
        "mon",
        [
            "2026-11-23",
            "2026-11-23",
            "2026-01-26",
            "2028-02-28",
            "2026-12-28",
        ],
    ),
    (
        "wed",
        [
            "2026-11-25",
            "2026-11-25",
            "2026-01-28",
            "2028-02-23",
            "2026-12-30",
        ],
    ),
    (
        "fri",
        [
            "2026-11-27",
            "2026-11-20",
            "2026-01-30",
            "2028-02-25",
            "2026-12-25",
        ],
    ),
    (
        "sun",
        [
            "2026-11-29",
            "2026-11-22",
            "2026-01-25",
            "2028-02-27",
            "2026-12-27",
        ],
    ),
    (
        "jan",
        [
            "2026-01-01",
            "2026-01-01",
            "2026-01-01",
            "2028-01-01",
            "2026-01-01",
        ],
    ),
    (
        "nov",
        [
            "2026-11-01",
            "2026-11-01",
            "2025-11-01",
            "2027-11-01",
            "2026-11-01",
        ],
    ),
    (
        "december",
        [
            "2025-12-01",
            "2025-12-01",
            "2025-12-01",
            "2027-12-01",
            "2026-12-01",
        ],
    ),
    (
        "1st",
        [
            "2026-11-01",
            "2026-11-01",
            "2026-01-01",
            "2028-02-01",
            "2026-12-01",
        ],
    ),
    (
        "15th",
        [
            "2026-11-15",
            "2026-11-15",
            "2026-01-15",
            "2028-02-15",
            "2026-12-15",
        ],
    ),
    (
        "29th",
        [
            "2026-11-29",
            "2026-10-29",
            "2026-01-29",
            "2028-02-29",
            "2026-12-29",
        ],
    ),
    (
        "31st",
        [
            "2026-10-31",
            "2026-10-31",
            "2026-01-31",
            "2028-01-31",
            "2026-12-31",
        ],
    ),
    (
        "dec 15",
        [
            "2025-12-15",
            "2025-12-15",
            "2025-12-15",
            "2027-12-15",
            "2026-12-15",
        ],
    ),
    (
        "29 feb",
        [
            "2024-02-29",
            "2024-02-29",
            "2024-02-29",
            "2028-02-29",
            "2024-02-29",
        ],
    ),
    (
        "12-15",
        [
            "2025-12-15",
            "2025-12-15",
            "2025-12-15",
            "2027-12-15",
            "2026-12-15",
        ],
    ),
    (
        "3d",
        [
            "2026-12-02",
            "2026-11-28",
            "2026-02-03",
            "2028-03-03",
            "2027-01-03",
        ],
    ),
    (
        "-3d",
        [
            "2026-11-26",
            "2026-11-22",
            "2026-01-28",
            "2028-02-26",
            "2026-12-28",
        ],
    ),
    (
        "eom",
        [
            "2026-11-30",
            "2026-11-30",
            "2026-01-31",
            "2028-02-29",
            "2026-12-31",
        ],
    ),
    (
        "sopw",
        [
            "2026-11-16",
            "2026-11-16",
            "2026-01-19",
            "2028-02-21",
            "2026-12-21",
        ],
    ),
];

#[test]
fn every_form_ahead_on_five_reference_days() {
    for (word, want) in AHEAD {
        for (today, want) in DAYS.iter().zip(want) {
            assert_eq!(
                parse_date(word, d(today)),
                Ok(d(want)),
                "'{word}' on {today}"
            );
        }
    }
}

#[test]
fn every_recurring_form_back_on_five_reference_days() {
    for (word, want) in BACK {
        for (today, want) in DAYS.iter().zip(want) {
            assert_eq!(
                parse_past_date(word, d(today)),
                Ok(d(want)),
                "'{word}' on {today}"
            );
        }
    }
}

#[test]
fn words_for_no_date_are_no_date_in_a_due_date_and_refused_for_a_day() {
    let today = d(DAYS[0]);
    for word in ["none", "later", "someday", " Someday ", "NONE"] {
        assert_eq!(parse_due(word, today), Ok(None), "{word}");
        assert_eq!(
            parse_past_date(word, today),
            Err(DateError::NoDate(word.trim().to_string())),
            "{word}"
        );
    }
    assert_eq!(parse_due("fri", today), Ok(Some(d("2026-12-04"))));
}

/// A blank day that has passed has no word for none to offer: an outcome needs a day.
#[test]
fn a_blank_day_that_has_passed_is_offered_days_alone() {
    assert_eq!(
        parse_past_date(" ", d(DAYS[0])).unwrap_err().to_string(),
        "a blank is not a date: try yesterday, fri, -3d or 2026-11-22 (`trustladder dates` lists them all)"
    );
}

#[test]
fn a_mistyped_word_is_named_with_the_nearest_word() {
    let today = d(DAYS[0]);
    let cases = [
        ("tomorow", "'tomorow' is not a date; did you mean tomorrow?"),
        // Nothing but spaces is said to be blank, not quoted back as `''`; for a due date,
        // with the word for none, which a blank may have been meant to say.
        (
            "  ",
            "a blank is not a date: try fri, +3d, eow or 2026-12-06, or none for no date (`trustladder dates` lists them all)",
        ),
        (
            "yesteday",
            "'yesteday' is not a date; did you mean yesterday?",
        ),
        ("fridy", "'fridy' is not a date; did you mean friday?"),
        ("fr", "'fr' is not a date; did you mean friday?"),
        ("somday", "'somday' is not a date; did you mean someday?"),
        ("eowk", "'eowk' is not a date; did you mean eow?"),
        // A slip in a short form: the first letters of a weekday or month, `tom`.
        ("fir", "'fir' is not a date; did you mean friday?"),
        ("mno", "'mno' is not a date; did you mean monday?"),
        ("sta", "'sta' is not a date; did you mean saturday?"),
        ("tmo", "'tmo' is not a date; did you mean tomorrow?"),
        ("jnu", "'jnu' is not a date; did you mean june?"),
        // One edit from a three-letter form, however long the slip: a letter put in, or
        // one in front.
        ("frxi", "'frxi' is not a date; did you mean friday?"),
        ("xmon", "'xmon' is not a date; did you mean monday?"),
        ("decc", "'decc' is not a date; did you mean december?"),
        // Words typed in words get words back.
        (
            "nxet week",
            "'nxet week' is not a date; did you mean next week?",
        ),
        (
            "end of mnth",
            "'end of mnth' is not a date; did you mean end of month?",
        ),
        (
            "two weks",
            "'two weks' is not a date; did you mean two weeks?",
        ),
        // A phrase with its slips put right, word by word.
        ("lst fri", "'lst fri' is not a date; did you mean last fri?"),
        (
            "thre weeks",
            "'thre weeks' is not a date; did you mean three weeks?",
        ),
        (
            "end of nxt mnth",
            "'end of nxt mnth' is not a date; did you mean end of next month?",
        ),
        (
            "next th",
            "'next th' is not a date; did you mean next thursday?",
        ),
        ("tmrow", "'tmrow' is not a date; did you mean tomorrow?"),
        (
            "by tomorow",
            "'by tomorow' is not a date; did you mean tomorrow?",
        ),
        (
            "soon",
            "'soon' is not a date: try fri, +3d, eow or 2026-12-06 (`trustladder dates` lists them all)",
        ),
        ("ju", "'ju' could mean june or july; type more of it"),
        ("ma", "'ma' could mean march or may; type more of it"),
        (
            "feb 30",
            "'feb 30' is not a day any year has: February has 28 days, 29 in a leap year",
        ),
        (
            "02-30",
            "'02-30' is not a day any year has: February has 28 days, 29 in a leap year",
        ),
        (
            "2026-02-30",
            "'2026-02-30' is not a day any year has: February 2026 has 28 days",
        ),
        (
            "0th",
            "'0th' is not a day any year has: days are numbered from 1",
        ),
        (
            "32nd",
            "'32nd' is not a day any year has: no month has more than 31 days",
        ),
        (
            "2026-W54",
            "'2026-W54' is not a day any year has: a year has 52 or 53 weeks",
        ),
        // Days other years have.
        (
            "2026-02-29",
            "'2026-02-29' is not a day of 2026: 2026 is not a leap year",
        ),
        (
            "2027-W53",
            "'2027-W53' is not a day of 2027: 2027 has 52 weeks",
        ),
        (
            "2026-366",
            "'2026-366' is not a day of 2026: 2026 has 365 days",
        ),
        (
            "9am",
            "'9am' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        (
            "17:30",
            "'17:30' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        (
            "2026-12-01T10:30",
            "'2026-12-01T10:30' is a time; trustladder keeps days, not times (try 2026-12-01)",
        ),
        (
            "noon",
            "'noon' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        (
            "Midnight",
            "'Midnight' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        // The end of a working day is a time too, not a slip for eow (a Sunday).
        (
            "eob",
            "'eob' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        (
            "close of business",
            "'close of business' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        (
            "tonight",
            "'tonight' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        (
            "tomorrow morning",
            "'tomorrow morning' is a time; trustladder keeps days, not times (try tomorrow)",
        ),
        (
            "fri cob",
            "'fri cob' is a time; trustladder keeps days, not times (try fri)",
        ),
        (
            "PT3H",
            "'PT3H' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        // Lengths in hours or minutes, and a day with a time: the day is what to type.
        (
            "3 hours",
            "'3 hours' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        (
            "in 30min",
            "'in 30min' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        (
            "tomorrow 9am",
            "'tomorrow 9am' is a time; trustladder keeps days, not times (try tomorrow)",
        ),
        (
            "2026-12-01 10:30",
            "'2026-12-01 10:30' is a time; trustladder keeps days, not times (try 2026-12-01)",
        ),
        // A number past any calendar is out of range, not something else.
        (
            "+2147483648d",
            "'+2147483648d' is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)",
        ),
        (
            "999999999999 weeks",
            "'999999999999 weeks' is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)",
        ),
        // Days written in ways of their own: told how to write them here.
        (
            "2026-12-1",
            "'2026-12-1' is not a date; did you mean 2026-12-01?",
        ),
        (
            "2026/12/01",
            "'2026/12/01' is not a date; did you mean 2026-12-01?",
        ),
        (
            "20261201",
            "'20261201' is not a date; did you mean 2026-12-01?",
        ),
        (
            "12/01",
            "'12/01' writes day and month in an order that differs by country; try dec 1 or jan 12",
        ),
        // One order only makes a day: that one.
        ("25.12.", "'25.12.' is not a date; did you mean dec 25?"),
        ("1/1", "'1/1' is not a date; did you mean jan 1?"),
        // Nor a day outside the years (told so, as 0000-01-01 is), nor a phrase with a year
        // that names no month.
        (
            "00000101",
            "'00000101' is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)",
        ),
        (
            "next week 2027",
            "'next week 2027' is not a date: try fri, +3d, eow or 2026-12-06 (`trustladder dates` lists them all)",
        ),
        (
            "tomorrow at 9am",
            "'tomorrow at 9am' is a time; trustladder keeps days, not times (try tomorrow)",
        ),
        (
            "mon 3 pm",
            "'mon 3 pm' is a time; trustladder keeps days, not times (try mon)",
        ),
        (
            "01/12/2026",
            "'01/12/2026' writes day and month in an order that differs by country; try 2026-01-12 or 2026-12-01",
        ),
        // No day yet: `none`, not the nearest word (today, november).
        ("tbd", "'tbd' is not a date; did you mean none?"),
        // To be confirmed, as to be decided: it was told only the words to try.
        ("tbc", "'tbc' is not a date; did you mean none?"),
        ("no date", "'no date' is not a date; did you mean none?"),
        ("sept30", "'sept30' is not a date; did you mean sept 30?"),
    ];
    for (word, message) in cases {
        assert_eq!(
            parse_date(word, today).map_err(|e| e.to_string()),
            Err(message.to_string()),
            "{word}"
        );
    }
}

/// A clock time typed with blanks around its colon (`fri 10 : 30`) is a time as `fri 10:30`
/// is, with the day in it to try; a colon after no digit is still a label's.
#[test]
fn a_time_spaced_around_its_colon_is_told_as_a_time() {
    let today = d(DAYS[1]);
    for (word, message) in [
        (
            "fri 10 : 30",
            "'fri 10 : 30' is a time; trustladder keeps days, not times (try fri)",
        ),
        (
            "fri 10: 30",
            "'fri 10: 30' is a time; trustladder keeps days, not times (try fri)",
        ),
        (
            "10 :30",
            "'10 :30' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        (
            "yesterday at 9 : 30",
            "'yesterday at 9 : 30' is a time; trustladder keeps days, not times (try yesterday)",
        ),
        (
            "deadline : 15th",
            "'deadline : 15th' is not a date; did you mean 15th?",
        ),
    ] {
        assert_eq!(
            parse_date(word, today).map_err(|e| e.to_string()),
            Err(message.to_string()),
            "{word}"
        );
        assert_eq!(
            parse_past_date(word, today).map_err(|e| e.to_string()),
            Err(message.to_string()),
            "{word}, looking back"
        );
    }
    assert_eq!(
        parse_date("due: 15th", today).map(|day| day.to_string()),
        Ok("2026-12-15".to_string())
    );
}

#[test]
fn malformed_words_are_refused() {
    let today = d(DAYS[0]);
    for word in [
        "",
        "26-11-01",
        "2026-1-1",
        "+d",
        "+3x",
        "+-3d",
        "+3dd",
        "friday13",
        "1th",
        "2st",
        "11st",
        "d",
        "m",
        "+99999999999d",
        "+3🚀",
        "fri+",
        "+fri",
        "today++3d",
        "dec 15 16",
        "2026-W49-8",
        "2026-W49-0",
    ] {
        assert!(parse_date(word, today).is_err(), "'{word}' was read");
    }
}

/// A word that could mean one of two days (`next sun`) never offers a day outside the years
/// 1 to 9999: where either is, the word is refused as out of range, naming that day, rather
/// than asked about with a day no answer could save.
#[test]
fn a_word_of_two_days_past_the_calendar_is_out_of_range_not_a_question() {
    for (word, today, past, day) in [
        // A Thursday: this Sunday and next week's are both in the year 10000.
        ("next sun", "9999-12-30", false, "+10000-01-02"),
        // A Tuesday: this Friday is the last day there is, next week's is not.
        ("next fri", "9999-12-28", false, "+10000-01-07"),
        ("next fri+1w", "9999-12-21", false, "+10000-01-07"),
        // A Thursday in the first week: last week's Tuesday is in the year 0.
        ("last tue", "0001-01-04", true, "0000-12-26"),
    ] {
        let today = d(today);
        let read = read::read(
            word,
            today,
            if past {
                Direction::Back
            } else {
                Direction::Ahead
            },
        );
        assert_eq!(
            read.unwrap_err().to_string(),
            format!(
                "'{word}' ({day}) is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)"
            ),
            "{word} on {today}"
        );
    }
    // Where both are in the calendar, the question stands.
    assert!(matches!(
        parse_date("next fri", d("9999-12-21")),
        Err(DateError::TwoDays { .. })
    ));
}

#[test]
fn days_outside_the_years_1_to_9999_are_refused_naming_the_range() {
    let last = d("9999-12-31");
    assert_eq!(parse_date("today", last), Ok(last));
    assert_eq!(
        parse_date("tomorrow", last).unwrap_err().to_string(),
        "'tomorrow' (+10000-01-01) is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)"
    );
    for word in [
        "+1m",
        "eoy+1d",
        "fri",
        "jan",
        "1st",
        "dec 31+1d",
        "+999999999d",
    ] {
        assert!(
            matches!(parse_date(word, last), Err(DateError::OutOfRange { .. })),
            "{word}: {:?}",
            parse_date(word, last)
        );
    }
    let first = d("0001-01-01");
    for word in ["yesterday", "-1d", "sopy"] {
        assert!(
            matches!(
                parse_past_date(word, first),
                Err(DateError::OutOfRange { .. })
            ),
            "{word}"
        );
    }
    for typed in ["99999-01-01", "0000-06-01", "+10000-01-01"] {
        assert_eq!(
            parse_date(typed, last).unwrap_err().to_string(),
            format!(
                "'{typed}' is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)"
            ),
            "{typed}"
        );
    }
    assert_eq!(parse_iso("0000-06-01"), None);
    assert!(!is_out_of_range("2026-13-01"));
    // A year in range written with a sign or more digits is no YYYY-MM-DD date, not one out
    // of range.
    assert!(!is_out_of_range("+002026-12-02"));
    assert!(!is_out_of_range("02026-12-02"));
    assert!(is_out_of_range("-2026-12-02"));
    assert!(is_out_of_range("+10000-01-01"));
    assert!(is_out_of_range("99999999999999999999999-01-01"));
    assert_eq!(
        parse_today("+002026-12-02").unwrap_err().to_string(),
        parse_today("2026-12-2")
            .unwrap_err()
            .to_string()
            .replace("2026-12-2", "+002026-12-02")
    );
    assert!(!is_out_of_range("soon"));
}

#[test]
fn words_said_in_full_read_as_their_short_forms_both_ways() {
    let pairs = [
        ("tmrw", "tomorrow"),
        ("end of week", "eow"),
        ("End of the Month", "eom"),
        ("by the end of next week", "eonw"),
        ("start of next month", "sonm"),
        ("beginning of the quarter", "soq"),
        ("end of last year", "eopy"),
        ("end of previous quarter", "eopq"),
        ("next month", "sonm"),
        ("last week", "sopw"),
        ("next year", "sony"),
        ("end of work week", "eoww"),
        ("end of next work week", "eoww+1w"),
        ("start of last work week", "soww-1w"),
        ("the 15th", "15th"),
        ("by fri", "fri"),
        ("due fri", "fri"),
        ("due:fri", "fri"),
        ("due: eom-1d", "eom-1d"),
        ("due by the end of the month", "eom"),
        ("on dec 15", "dec 15"),
        ("a week", "1w"),
        ("in a week", "1w"),
        ("two weeks", "2w"),
        ("in ten days", "10d"),
        ("a fortnight", "2w"),
        ("twelve months", "12m"),
        ("3 days ago", "-3d"),
        ("day after tomorrow", "+2d"),
        ("the day before yesterday", "-2d"),
        ("by the day after tomorrow+1w", "+9d"),
        ("two weeks ago", "-2w"),
        ("a week ago", "-1w"),
        ("end of month-1d", "eom-1d"),
        ("fri next week", "sonw+4d"),
        ("mon last week", "sopw"),
        ("sun this week", "eow"),
        ("next work week", "soww+1w"),
        ("last work week", "soww-1w"),
        ("end of the day", "today"),
        ("by 9am", "9am"),
        ("by easter", "easter"),
        ("on someday", "someday"),
    ];
    for today in DAYS {
        for direction in [Direction::Ahead, Direction::Back] {
            for (long, short) in pairs {
                let want = read::read(short, d(today), direction);
                assert_eq!(
                    read::read(long, d(today), direction).map_err(|e| e.short()),
                    want.map_err(|e| e.short()),
                    "'{long}' on {today}, {direction:?}"
                );
            }
        }
    }
    // Fillers are taken off all at once, and a word longer than any date word is refused
    // before any shape is tried: a paste of one filler many times over is not read deeper and
    // deeper until the stack runs out.
    assert_eq!(
        parse_date("by the on the 15th", d(DAYS[1])),
        Ok(d("2026-12-15"))
    );
    let pasted = format!("{}15th", "the ".repeat(20_000));
    let too_long = |back, typed: &str| DateError::TooLong {
        word: crate::core::text::quoted_back(typed),
        most: 64,
        back,
        today: d(DAYS[1]),
    };
    assert_eq!(
        parse_date(&pasted, d(DAYS[1])),
        Err(too_long(false, &pasted))
    );
    // What to try instead looks the way the field does.
    assert_eq!(
        parse_past_date(&pasted, d(DAYS[1]))
            .unwrap_err()
            .to_string(),
        format!(
            "'{}… (80004 characters)' is too long for a date word (at most 64 characters); try yesterday, fri or -3d",
            "the ".repeat(15)
        )
    );
    assert_eq!(
        parse_date(&pasted, d(DAYS[1])).unwrap_err().to_string(),
        format!(
            "'{}… (80004 characters)' is too long for a date word (at most 64 characters); try fri, +3d or eow",
            "the ".repeat(15)
        )
    );
    // In a form's few words, what is wrong before the limit.
    assert_eq!(
        parse_date(&pasted, d(DAYS[1])).unwrap_err().short(),
        "too long: at most 64 characters"
    );
    let spaced = format!("next{}fri", " ".repeat(100));
    assert_eq!(
        parse_date(&spaced, d(DAYS[1])),
        Err(too_long(false, &spaced))
    );
    let longest = "by the end of the previous work week";
    assert!(parse_date(longest, d(DAYS[1])).is_ok());
    // `the` goes before a day of the month or an end of a period; a number in words before a
    // unit written out.
    for refused in [
        "ago",
        "+3d ago",
        "next week ago",
        "the 3d",
        "the 2026-12-25",
        "the week",
        "by the month",
        "the fri",
        "a d",
        "ten m",
        "thirteen days",
        "next",
        "end of",
        "end of the decade",
        "by",
        "the",
    ] {
        assert!(
            matches!(parse_date(refused, d(DAYS[0])), Err(DateError::Bad { .. })),
            "{refused}"
        );
    }
    // `the` before a word that reads without it: that word is offered, but for a length,
    // which `the` before it makes no day (`the week` is not a week from today).
    let offered = |word: &str| suggestion_of(word, parse_date(word, d(DAYS[0])));
    assert_eq!(offered("by the eom").as_deref(), Some("eom"));
    assert_eq!(offered("due the fri").as_deref(), Some("fri"));
    assert_eq!(offered("the 2026-12-25").as_deref(), Some("2026-12-25"));
    assert_eq!(
        parse_date("By the EOM", d(DAYS[0]))
            .unwrap_err()
            .to_string(),
        "'By the EOM' is not a date; did you mean eom?"
    );
    for length in ["the 3d", "the week", "by the month", "the"] {
        assert_eq!(offered(length), None, "{length}");
    }
}

/// `next fri` and `last fri` on each day of one week (Monday 2026-11-30 to Sunday
/// 2026-12-06): read where that day of next or last week is also the next or last Friday,
/// refused naming both days where they differ; `this fri` includes today.
#[test]
fn next_and_last_weekday_are_read_where_both_meanings_agree() {
    let two = |word: &str, first: &str, second: &str, today: NaiveDate| {
        Err(DateError::TwoDays {
            word: word.to_string(),
            read_as: None,
            first: d(first),
            second: d(second),
            today,
        })
    };
    let week = (0..7).map(|i| d("2026-11-30") + chrono::Days::new(i));
    for (i, today) in week.enumerate() {
        let next = parse_date("next fri", today);
        let last = parse_past_date("last fri", today);
        let this = parse_date("this fri", today);
        if i < 4 {
            assert_eq!(
                next,
                two("next fri", "2026-12-04", "2026-12-11", today),
                "{today}"
            );
        } else {
            assert_eq!(next, Ok(d("2026-12-11")), "{today}");
        }
        if i < 5 {
            assert_eq!(last, Ok(d("2026-11-27")), "{today}");
        } else {
            assert_eq!(
                last,
                two("last fri", "2026-11-27", "2026-12-04", today),
                "{today}"
            );
        }
        let coming = if i <= 4 { "2026-12-04" } else { "2026-12-11" };
        assert_eq!(this, Ok(d(coming)), "{today}");
        // A Monday starts the week, a Sunday ends it: neither is ever two days.
        assert_eq!(
            parse_date("next monday", today),
            Ok(d("2026-12-07")),
            "{today}"
        );
        assert!(parse_past_date("last sun", today).is_ok(), "{today}");
    }
    let said = parse_date("Next Wed", d("2026-12-01")).unwrap_err();
    assert_eq!(
        said.to_string(),
        "'Next Wed' could mean Wed 2026-12-02 or Wed 2026-12-09; type the one you mean, or name \
         its week: wed this week or wed next week"
    );
    assert_eq!(
        said.short(),
        "Wed 2 Dec or Wed 9 Dec? wed this week or wed next week"
    );
    // Looking back, the earlier day and its week first, as the days are said.
    let back = parse_past_date("last mon", d("2026-12-01")).unwrap_err();
    assert_eq!(
        back.short(),
        "Mon 23 Nov or Mon 30 Nov? mon last week or mon this week"
    );
    // A week on from either, named as such.
    assert_eq!(
        parse_date("next wed+1w", d("2026-12-01")),
        two("next wed+1w", "2026-12-09", "2026-12-16", d("2026-12-01"))
    );
    // Looking the other way than the field, a word is the day it names, which the field then
    // takes or refuses: `next fri` for a day that has passed is no question of two Fridays.
    let tuesday = d("2026-12-01");
    assert_eq!(
        read::read("next fri", tuesday, Direction::Back),
        Ok(Some(d("2026-12-04")))
    );
    assert_eq!(
        read::read("last fri", d("2026-12-05"), Direction::Ahead),
        Ok(Some(d("2026-12-04")))
    );
}

#[test]
fn every_example_of_the_table_is_read() {
    for today in DAYS {
        for w in WORDS {
            let read = read::read(w.example, d(today), Direction::Ahead);
            assert!(read.is_ok(), "example '{}' on {today}: {read:?}", w.example);
        }
    }
}

#[test]
fn every_spelling_of_a_named_word_and_every_listed_form_is_read() {
    for w in WORDS {
        for spelling in w.spellings {
            if matches!(w.rule, Rule::Form) && spelling.contains("YYYY") {
                continue;
            }
            // `last fri` on a Sunday is read, and asks which of two Fridays.
            assert!(
                matches!(
                    read::read(spelling, d(DAYS[0]), Direction::Ahead),
                    Ok(_) | Err(DateError::TwoDays { .. })
                ),
                "'{spelling}' is listed but not read"
            );
        }
    }
}

#[test]
fn the_markdown_table_lists_every_spelling() {
    let table = words::markdown(d(DAYS[0]));
    for w in WORDS {
        for spelling in w.spellings {
            assert!(table.contains(&format!("`{spelling}`")), "{spelling}");
        }
    }
}

/// A day that cannot be after today (an outcome's) is never offered a word for a later day
/// or for no day, and still gets the nearest word it takes.
#[test]
fn a_past_day_is_offered_only_words_it_takes() {
    let today = d(DAYS[0]);
    let suggested = |word| suggestion_of(word, parse_past_date(word, today));
    for typo in ["tomorow", "somday", "latr", "nonee", "fortnigt"] {
        if let Some(word) = suggested(typo) {
            let day = parse_past_date(&word, today);
            assert!(day.is_ok_and(|day| day <= today), "{typo}: {word}");
        }
    }
    assert_eq!(suggested("yesteday").as_deref(), Some("yesterday"));
    // A phrase put right is offered only where the field takes it: no day ahead for an
    // outcome's.
    for typo in ["nxet fri", "thre weeks", "end of the mnth"] {
        if let Some(word) = suggested(typo) {
            let day = parse_past_date(&word, today);
            assert!(day.is_ok_and(|day| day <= today), "{typo}: {word}");
        }
    }
    // On a Sunday `last fri` asks which Friday, so it is not offered; on a Tuesday it is.
    assert_eq!(suggested("lst fri"), None);
    assert_eq!(
        suggestion_of("lst fri", parse_past_date("lst fri", d("2026-12-01"))).as_deref(),
        Some("last fri")
    );
    assert_eq!(
        parse_due("tomorow", today).unwrap_err().to_string(),
        "'tomorow' is not a date; did you mean tomorrow?"
    );
}

/// A sign before a length without its number is offered the length with its one, the sign
/// kept: `-week` was offered `week`, a week on where a week back was typed.
#[test]
fn a_signed_length_without_its_number_keeps_its_sign_in_what_is_offered() {
    let today = d("2026-11-24");
    let due = |word: &str| parse_due(word, today).unwrap_err().to_string();
    assert_eq!(due("-week"), "'-week' is not a date; did you mean -1 week?");
    assert_eq!(
        due("-Fortnight"),
        "'-Fortnight' is not a date; did you mean -1 fortnight?"
    );
    assert_eq!(
        due("-a week"),
        "'-a week' is not a date; did you mean -1 week?"
    );
    assert_eq!(
        due("+weeks"),
        "'+weeks' is not a date; did you mean +1 week?"
    );
    assert_eq!(due("-days"), "'-days' is not a date; did you mean -1 day?");
    assert_eq!(parse_due("-1 week", today), Ok(Some(d("2026-11-17"))));
    let past = |word: &str| parse_past_date(word, today).unwrap_err().to_string();
    assert_eq!(
        past("-week"),
        "'-week' is not a date; did you mean -1 week?"
    );
    // A length ahead is no day that has happened: neither it nor the length the other way.
    assert_eq!(
        past("+week"),
        "'+week' is not a date: try yesterday, fri, -3d or 2026-11-17 (`trustladder dates` lists them all)"
    );
}

/// A time with a day in it, for a day that has happened, offers that day only where the
/// field takes it: `tomorrow 9am` is not answered with `tomorrow`, which it refuses.
#[test]
fn a_time_on_a_day_that_has_happened_offers_no_day_to_come() {
    let today = d("2026-11-24");
    let past = |word: &str| parse_past_date(word, today).unwrap_err().to_string();
    assert_eq!(
        past("tomorrow 9am"),
        "'tomorrow 9am' is a time; trustladder keeps days, not times (try today or fri)"
    );
    assert_eq!(
        past("2026-12-01T10:30"),
        "'2026-12-01T10:30' is a time; trustladder keeps days, not times (try today or fri)"
    );
    assert_eq!(
        parse_past_date("tomorrow 9am", today).unwrap_err().short(),
        "a time: trustladder keeps days"
    );
    assert_eq!(
        past("yesterday 9am"),
        "'yesterday 9am' is a time; trustladder keeps days, not times (try yesterday)"
    );
    assert_eq!(
        past("2026-11-20 17:30"),
        "'2026-11-20 17:30' is a time; trustladder keeps days, not times (try 2026-11-20)"
    );
    assert_eq!(
        parse_due("tomorrow 9am", today).unwrap_err().to_string(),
        "'tomorrow 9am' is a time; trustladder keeps days, not times (try tomorrow)"
    );
}

/// A symbol in a word (an emoji) is no slip of a letter: the word without it is offered where
/// it reads, and no word a letter or two from it (`😀 fri` was offered `by fri`).
#[test]
fn a_symbol_in_a_word_is_left_out_of_what_is_offered() {
    let today = d(DAYS[0]);
    let message = |word: &str| parse_due(word, today).unwrap_err().to_string();
    for (typed, offered) in [
        ("\u{1f600} fri", "fri"),
        ("eom\u{1f389}", "eom"),
        ("\u{1f469}\u{200d}\u{1f4bb} next week", "next week"),
        ("\u{2192} dec 15", "dec 15"),
    ] {
        assert_eq!(
            message(typed),
            format!(
                "'{}' is not a date; did you mean {offered}?",
                visibly(typed)
            ),
            "{typed}"
        );
    }
    for alone in ["\u{1f600}", "\u{1f600} soon", "\u{2605}\u{2605}\u{2605}"] {
        assert!(
            matches!(
                parse_due(alone, today),
                Err(DateError::Bad {
                    suggestion: None,
                    ..
                })
            ),
            "{alone}"
        );
    }
}

/// A date word in quotes or brackets, with a `?` or `;` after it, or after a word that wraps
/// a day as `by` does (`until fri`, `deadline: eom`), is offered that word; a label's colon is no
/// time (`by: fri` was a time), and `before fri` is not offered fri, as the day before may be
/// meant.
#[test]
fn a_date_word_wrapped_in_other_words_or_signs_is_offered_bare() {
    let today = d(DAYS[0]);
    let offered = |word: &str| suggestion_of(word, parse_due(word, today));
    for (typed, word) in [
        ("until fri", "fri"),
        ("till eom", "eom"),
        ("at eom", "eom"),
        ("for next week", "next week"),
        ("due date fri", "fri"),
        ("deadline: eom-1d", "eom-1d"),
        ("by: fri", "fri"),
        ("Deadline:fri", "fri"),
        ("deadline:15th", "15th"),
        ("fri?", "fri"),
        ("eow;", "eow"),
        ("(fri)", "fri"),
        ("\"eom\"", "eom"),
        ("'dec 15'", "dec 15"),
    ] {
        assert_eq!(offered(typed).as_deref(), Some(word), "{typed}");
    }
    assert_ne!(offered("before fri").as_deref(), Some("fri"));
    assert_eq!(
        offered("atom").as_deref(),
        Some("tomorrow"),
        "no wrapper but a word"
    );
    for time in ["9:30", "by 17:", "fri 9:30"] {
        assert!(
            matches!(parse_due(time, today), Err(DateError::Time { .. })),
            "{time}"
        );
    }
}

/// A word with a character that draws nothing in it is quoted with that character escaped, as
/// a bidi control is, so the word refused never looks like one that reads.
#[test]
fn invisible_characters_in_a_word_are_shown_in_its_message() {
    let today = d(DAYS[0]);
    let message = |word: &str| parse_due(word, today).unwrap_err().to_string();
    assert_eq!(
        message("fri\u{200b}"),
        "'fri\\u{200b}' is not a date; did you mean friday?"
    );
    assert_eq!(
        message("fri\u{ad}"),
        "'fri\\u{ad}' is not a date; did you mean friday?"
    );
    assert_eq!(
        message("\u{feff}fri"),
        "'\\u{feff}fri' is not a date; did you mean friday?"
    );
    assert_eq!(
        message("fri\u{202e}"),
        "'fri\\u{202e}' is not a date; did you mean friday?"
    );
    assert_eq!(
        message("\u{200b}"),
        "'\\u{200b}' is not a date: try fri, +3d, eow or 2026-12-06 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        message("feb\u{2060} 30"),
        "'feb\\u{2060} 30' is not a date: try fri, +3d, eow or 2026-12-06 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        message("9am\u{200c}"),
        "'9am\\u{200c}' is not a date: try fri, +3d, eow or 2026-12-06 (`trustladder dates` lists them all)"
    );
}

/// A month and a day joined by a stop, a comma, a dash or a slash are offered apart, as
/// `sept30` is, with a year after them too; a length so joined (`3-d`), a day no year has,
/// one the year lacks, or a whole month is not.
#[test]
fn a_month_and_day_joined_by_punctuation_are_offered_apart() {
    let today = d(DAYS[0]);
    let suggested = |word: &str| suggestion_of(word, parse_due(word, today));
    for (word, apart) in [
        ("dec. 15", "dec 15"),
        ("Dec-15", "dec 15"),
        ("dec/15", "dec 15"),
        ("dec,15", "dec 15"),
        ("15-dec", "15 dec"),
        ("15th.dec", "15th dec"),
        ("dec. 15, 2027", "dec 15 2027"),
        ("15. dec 2027", "15 dec 2027"),
        ("dec-15-2027", "dec 15 2027"),
    ] {
        assert_eq!(suggested(word).as_deref(), Some(apart), "{word}");
    }
    // `eom-1` is a count without its unit, offered in days (`eom-1d`), not apart.
    for word in ["3-d", "sept-31", "feb.29.2027"] {
        assert_eq!(suggested(word), None, "{word}");
    }
}

/// A number typed alone is neither a day of the month nor a count of days until it says
/// which: both are offered (looking back, days back), only those the field takes.
#[test]
fn a_number_alone_is_offered_the_day_of_the_month_and_the_days() {
    let today = d(DAYS[0]);
    let ahead = |word: &str| parse_due(word, today).unwrap_err().to_string();
    let back = |word: &str| parse_past_date(word, today).unwrap_err().to_string();
    assert_eq!(ahead("15"), "'15' is a number alone; try 15th or 15d");
    assert_eq!(ahead(" 1 "), "'1' is a number alone; try 1st or 1d");
    assert_eq!(ahead("22"), "'22' is a number alone; try 22nd or 22d");
    assert_eq!(ahead("13"), "'13' is a number alone; try 13th or 13d");
    assert_eq!(ahead("40"), "'40' is a number alone; try 40d");
    assert_eq!(ahead("0"), "'0' is a number alone; try today");
    assert_eq!(back("3"), "'3' is a number alone; try 3rd or -3d");
    assert_eq!(
        parse_due("15", today).unwrap_err().short(),
        "try 15th or 15d"
    );
    // Four digits are more likely a year.
    assert_eq!(
        ahead("2027"),
        "'2027' is not a date: try fri, +3d, eow or 2026-12-06 (`trustladder dates` lists them all)"
    );
    // On the calendar's last day no day to come is taken: nothing offered.
    assert_eq!(
        parse_due("15", d("9999-12-31")).unwrap_err().to_string(),
        "'15' is not a date: try 9999-12-31 (`trustladder dates` lists them all)"
    );
}

/// `this month` and the like name a whole period where one day is needed: refused naming
/// the period, with the words for its end and start (looking back, its start and today, as
/// its end is mostly a day to come); a form says it in fewer words.
#[test]
fn a_whole_period_is_refused_with_the_words_for_its_ends() {
    let today = d(DAYS[0]);
    let ahead = |word: &str| parse_due(word, today).unwrap_err().to_string();
    let back = |word: &str| parse_past_date(word, today).unwrap_err().to_string();
    assert_eq!(
        ahead("this month"),
        "'this month' is a whole month, not a day of it; try eom or som"
    );
    assert_eq!(
        ahead("By  This Week"),
        "'By  This Week' is a whole week, not a day of it; try eow or sow"
    );
    assert_eq!(
        ahead("this work week"),
        "'this work week' is a whole work week, not a day of it; try eoww or soww"
    );
    assert_eq!(
        ahead("this quarter"),
        "'this quarter' is a whole quarter, not a day of it; try eoq or soq"
    );
    assert_eq!(
        back("this year"),
        "'this year' is a whole year, not a day of it; try soy or today"
    );
    assert_eq!(
        parse_due("this month", today).unwrap_err().short(),
        "a whole month: try eom or som"
    );
    // Each word offered reads, and looking back as a day not after today.
    for (word, direction) in [("eom", Direction::Ahead), ("som", Direction::Back)] {
        assert!(read::read(word, today, direction).is_ok(), "{word}");
    }
}

/// Asserts `word` is refused as a whole `period` with `want` (`try A or B`) to type
/// instead, and that A and B read there as `days`, its last and first: every word offered
/// must itself read as the day it stands for.
fn refused_as_whole(
    period: &str,
    word: &str,
    today: NaiveDate,
    direction: Direction,
    want: &str,
    days: [&str; 2],
) {
    assert_eq!(
        read::read(word, today, direction).unwrap_err().to_string(),
        format!("'{word}' is a whole {period}, not a day of it; {want}"),
        "{word}, {direction:?}"
    );
    let offered = want.trim_start_matches("try ").split(" or ");
    assert_eq!(offered.clone().count(), 2, "{want}");
    for (offer, day) in offered.zip(days) {
        assert_eq!(
            read::read(offer, today, direction).ok().flatten(),
            Some(d(day)),
            "{offer}, {direction:?}"
        );
    }
}

/// A weekend names two days: refused saying so, with words for its Saturday and Sunday that
/// read as them (`sat or sun`, where those are its days, else naming the week); looking
/// back, the last weekend, today included, and only its days that have been.
#[test]
fn a_weekend_is_refused_naming_its_two_days() {
    let wednesday = d(DAYS[1]);
    let message = |word: &str, today: NaiveDate, direction: Direction| {
        read::read(word, today, direction).unwrap_err().to_string()
    };
    for (word, today, direction, want) in [
        ("weekend", wednesday, Direction::Ahead, "try sat or sun"),
        ("This Weekend", wednesday, Direction::Back, "try sat or sun"),
        (
            "next weekend",
            wednesday,
            Direction::Ahead,
            "try sat next week or sun next week",
        ),
        (
            "last weekend",
            wednesday,
            Direction::Ahead,
            "try sat last week or sun last week",
        ),
        ("last weekend", wednesday, Direction::Back, "try sat or sun"),
        // On a Sunday, the weekend it ends; on a Saturday, looking back, the day that has been.
        (
            "by the weekend",
            d(DAYS[0]),
            Direction::Ahead,
            "try sat this week or sun this week",
        ),
        ("the weekend", d(DAYS[0]), Direction::Back, "try sat or sun"),
        (
            "weekend",
            d(DAYS[2]),
            Direction::Ahead,
            "try this sat or this sun",
        ),
        ("weekend", d(DAYS[2]), Direction::Back, "try sat"),
    ] {
        assert_eq!(
            message(word, today, direction),
            format!("'{word}' names two days; {want}"),
            "{word} on {today}, {direction:?}"
        );
    }
    // A weekend to come, looking back, is no day the field takes: told as any word.
    assert_eq!(
        message("next weekend", wednesday, Direction::Back),
        "'next weekend' is not a date: try yesterday, fri, -3d or 2026-11-18 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        parse_due("weekend", wednesday).unwrap_err().short(),
        "try sat or sun"
    );
}

/// A weekend as people type it (the plural, `wkend` and `wknd`, `week-end`, after `at` or
/// `for`, in quotes) is told what it names as `weekend` is, with the same days, both ways: on
/// a Saturday and on a Sunday, and quoted as typed.
#[test]
fn a_weekend_as_people_type_it_is_told_as_weekend_is() {
    let saturday = d("2026-12-05");
    let sunday = d("2026-12-06");
    for (word, today, direction, want) in [
        (
            "weekends",
            saturday,
            Direction::Ahead,
            "try this sat or this sun",
        ),
        (
            "wkend",
            saturday,
            Direction::Ahead,
            "try this sat or this sun",
        ),
        ("Wknd", saturday, Direction::Back, "try sat"),
        (
            "at the weekend",
            saturday,
            Direction::Ahead,
            "try this sat or this sun",
        ),
        ("at the weekend", saturday, Direction::Back, "try sat"),
        ("on the wknd", sunday, Direction::Back, "try sat or sun"),
        (
            "this wknd",
            sunday,
            Direction::Ahead,
            "try sat this week or sun this week",
        ),
        ("next wknd", sunday, Direction::Ahead, "try sat or sun"),
        (
            "last weekends",
            saturday,
            Direction::Back,
            "try sat last week or sun last week",
        ),
        ("week-end", sunday, Direction::Back, "try sat or sun"),
        (
            "for the weekend?",
            saturday,
            Direction::Ahead,
            "try this sat or this sun",
        ),
    ] {
        assert_eq!(
            read::read(word, today, direction).unwrap_err().to_string(),
            format!("'{word}' names two days; {want}"),
            "{word} on {today}, {direction:?}"
        );
    }
    // A weekend to come, looking back, is still told as any word; and a word a slip from
    // another (`weekday`, no date) is not a weekend.
    for word in ["next wknd", "weekday"] {
        assert!(
            read::read(word, sunday, Direction::Back)
                .unwrap_err()
                .to_string()
                .starts_with(&format!("'{word}' is not a date: try yesterday")),
            "{word}"
        );
    }
    assert_eq!(
        parse_past_date("at the weekend", sunday)
            .unwrap_err()
            .short(),
        "try sat or sun"
    );
}

/// The middle of a month names no one day: refused offering its 15th, in words that read as
/// it (written out where none does), and looking back only where that day has been.
#[test]
fn the_middle_of_a_month_is_refused_offering_its_15th() {
    let saturday = d("2026-12-05");
    let wednesday = d(DAYS[1]);
    for (word, today, direction, want) in [
        ("mid dec", saturday, Direction::Ahead, "dec 15"),
        ("Mid-December", saturday, Direction::Back, "dec 15"),
        ("middle of the month", saturday, Direction::Ahead, "dec 15"),
        ("by mid-month", saturday, Direction::Ahead, "dec 15"),
        ("mid next month", saturday, Direction::Ahead, "jan 15"),
        (
            "the middle of last month",
            saturday,
            Direction::Back,
            "nov 15",
        ),
        ("mid month", wednesday, Direction::Ahead, "2026-11-15"),
        ("mid month", wednesday, Direction::Back, "nov 15"),
    ] {
        assert_eq!(
            read::read(word, today, direction).unwrap_err().to_string(),
            format!("'{word}' names no one day; try {want}"),
            "{word} on {today}, {direction:?}"
        );
    }
    assert_eq!(
        parse_past_date("mid next month", saturday)
            .unwrap_err()
            .to_string(),
        "'mid next month' is not a date: try yesterday, fri, -3d or 2026-11-28 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        parse_due("mid dec", saturday).unwrap_err().short(),
        "try dec 15"
    );
}

/// A quarter by its number (`Q1`, `q3 2027`) is a whole quarter: refused as `this quarter`
/// is, with the words for its end and start where it is this, next or last quarter, and
/// otherwise those days said in full with the quarter's year (`end of q3 2027`); without a
/// year, the next such quarter (looking back, the last), this one included. Each pair
/// offered reads as the quarter's last and first day, that way.
#[test]
fn a_quarter_by_its_number_is_refused_with_its_ends() {
    let today = d(DAYS[1]);
    for (word, direction, want, days) in [
        (
            "Q1",
            Direction::Ahead,
            "try eonq or sonq",
            ["2027-03-31", "2027-01-01"],
        ),
        (
            "Q1",
            Direction::Back,
            "try end of q1 2026 or start of q1 2026",
            ["2026-03-31", "2026-01-01"],
        ),
        (
            "q3",
            Direction::Ahead,
            "try end of q3 2027 or start of q3 2027",
            ["2027-09-30", "2027-07-01"],
        ),
        (
            "q3",
            Direction::Back,
            "try eopq or sopq",
            ["2026-09-30", "2026-07-01"],
        ),
        (
            "q4",
            Direction::Ahead,
            "try eoq or soq",
            ["2026-12-31", "2026-10-01"],
        ),
        (
            "q3 2027",
            Direction::Ahead,
            "try end of q3 2027 or start of q3 2027",
            ["2027-09-30", "2027-07-01"],
        ),
        (
            "2027-Q1",
            Direction::Ahead,
            "try eonq or sonq",
            ["2027-03-31", "2027-01-01"],
        ),
        (
            "q2 2026",
            Direction::Back,
            "try end of q2 2026 or start of q2 2026",
            ["2026-06-30", "2026-04-01"],
        ),
        (
            "q2 2026",
            Direction::Ahead,
            "try end of q2 2026 or start of q2 2026",
            ["2026-06-30", "2026-04-01"],
        ),
        (
            "2031 q4",
            Direction::Ahead,
            "try end of q4 2031 or start of q4 2031",
            ["2031-12-31", "2031-10-01"],
        ),
    ] {
        refused_as_whole("quarter", word, today, direction, want, days);
    }
    assert_eq!(
        read::read("by q4", today, Direction::Back)
            .unwrap_err()
            .to_string(),
        "'by q4' is a whole quarter, not a day of it; try soq or today"
    );
    // A quarter not begun, looking back, and no quarter at all: as any word.
    for word in ["q3 2027", "q5"] {
        assert_eq!(
            parse_past_date(word, today).unwrap_err().to_string(),
            format!(
                "'{word}' is not a date: try yesterday, fri, -3d or 2026-11-18 (`trustladder dates` lists them all)"
            )
        );
    }
    assert_eq!(
        parse_due("q1", today).unwrap_err().short(),
        "a whole quarter: try eonq or sonq"
    );
}

/// A month by its name with a year (`dec 2027`, `december 2027`, `2027 dec`, `Dec, 2027`) is
/// a whole month, never its 2027th day (no day any year has): refused as `this month` is,
/// with the words for its end and start where it is this, next or last month, and
/// otherwise those days written out; looking back, a month still running is offered its
/// start and today, and one not begun is told as any word. Each pair offered reads as the
/// month's last and first day, that way.
#[test]
fn a_month_with_a_year_is_refused_as_a_whole_month() {
    let today = d("2026-12-05");
    for (word, direction, want, days) in [
        (
            "dec 2027",
            Direction::Ahead,
            "try 2027-12-31 or 2027-12-01",
            ["2027-12-31", "2027-12-01"],
        ),
        (
            "december 2027",
            Direction::Ahead,
            "try 2027-12-31 or 2027-12-01",
            ["2027-12-31", "2027-12-01"],
        ),
        (
            "2027 dec",
            Direction::Ahead,
            "try 2027-12-31 or 2027-12-01",
            ["2027-12-31", "2027-12-01"],
        ),
        (
            "Dec, 2027",
            Direction::Ahead,
            "try 2027-12-31 or 2027-12-01",
            ["2027-12-31", "2027-12-01"],
        ),
        (
            "Dec. 2027",
            Direction::Ahead,
            "try 2027-12-31 or 2027-12-01",
            ["2027-12-31", "2027-12-01"],
        ),
        (
            "sept.2027",
            Direction::Ahead,
            "try 2027-09-30 or 2027-09-01",
            ["2027-09-30", "2027-09-01"],
        ),
        (
            "by nov. 2026",
            Direction::Back,
            "try eopm or sopm",
            ["2026-11-30", "2026-11-01"],
        ),
        (
            "sept 2027",
            Direction::Ahead,
            "try 2027-09-30 or 2027-09-01",
            ["2027-09-30", "2027-09-01"],
        ),
        (
            "feb 2028",
            Direction::Ahead,
            "try 2028-02-29 or 2028-02-01",
            ["2028-02-29", "2028-02-01"],
        ),
        (
            "jan 2027",
            Direction::Ahead,
            "try eonm or sonm",
            ["2027-01-31", "2027-01-01"],
        ),
        (
            "dec 2026",
            Direction::Ahead,
            "try eom or som",
            ["2026-12-31", "2026-12-01"],
        ),
        (
            "nov 2026",
            Direction::Ahead,
            "try eopm or sopm",
            ["2026-11-30", "2026-11-01"],
        ),
        (
            "by dec 2026",
            Direction::Back,
            "try som or today",
            ["2026-12-01", "2026-12-05"],
        ),
        (
            "nov 2026",
            Direction::Back,
            "try eopm or sopm",
            ["2026-11-30", "2026-11-01"],
        ),
        (
            "october 2026",
            Direction::Back,
            "try 2026-10-31 or 2026-10-01",
            ["2026-10-31", "2026-10-01"],
        ),
    ] {
        refused_as_whole("month", word, today, direction, want, days);
    }
    // A month not begun, looking back: as any word, never a day no year has.
    for word in ["dec 2027", "jan 2027"] {
        assert_eq!(
            parse_past_date(word, today).unwrap_err().to_string(),
            format!(
                "'{word}' is not a date: try yesterday, fri, -3d or 2026-11-28 (`trustladder dates` lists them all)"
            )
        );
    }
    // A day no year has is told as before; a month and day with a year is that day.
    assert_eq!(
        parse_due("dec 32", today).unwrap_err().to_string(),
        "'dec 32' is not a day any year has: no month has more than 31 days"
    );
    assert_eq!(
        parse_due("dec 15 2027", today).unwrap(),
        Some(d("2027-12-15"))
    );
    assert_eq!(
        parse_due("dec 2027", today).unwrap_err().short(),
        "a whole month: try 2027-12-31 or 2027-12-01"
    );
}

/// The start of more than one month's name in a phrase (`mid ju`, `ju 15`) is told as `ju`
/// alone is, quoting the phrase as typed and saying it with each name, both ways; only the
/// phrases that read, or are told what they name, are offered, and where none is, it is
/// told as they are.
#[test]
fn a_start_of_two_months_in_a_phrase_is_told_whole() {
    let saturday = d("2026-12-05");
    for direction in [Direction::Ahead, Direction::Back] {
        for (word, want) in [
            (
                "mid ju",
                "'mid ju' could mean mid june or mid july; type more of it",
            ),
            (
                "Mid-Ju",
                "'Mid-Ju' could mean mid-june or mid-july; type more of it",
            ),
            (
                "middle of the ju",
                "'middle of the ju' could mean middle of june or middle of july; type more of it",
            ),
            (
                "by mid ma",
                "'by mid ma' could mean mid march or mid may; type more of it",
            ),
            (
                "Ju 15",
                "'Ju 15' could mean june 15 or july 15; type more of it",
            ),
            (
                "15 ju",
                "'15 ju' could mean 15 june or 15 july; type more of it",
            ),
            (
                "ju+1w",
                "'ju+1w' could mean june+1w or july+1w; type more of it",
            ),
            ("by ju", "'by ju' could mean june or july; type more of it"),
            ("ju 31", "'ju 31' is not a date; did you mean july 31?"),
            (
                "ma 32",
                "'ma 32' is not a day any year has: no month has more than 31 days",
            ),
        ] {
            assert_eq!(
                read::read(word, saturday, direction)
                    .unwrap_err()
                    .to_string(),
                want,
                "{word}, {direction:?}"
            );
        }
    }
    // `next june` is no date, and neither is `next ju`.
    assert_eq!(
        parse_due("next ju", saturday).unwrap_err().to_string(),
        "'next ju' is not a date: try fri, +3d, eow or 2026-12-12 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        parse_due("mid ju", saturday).unwrap_err().short(),
        "mid june or mid july?"
    );
}

/// The start of one name in a phrase (`de 15`) is offered the phrase with the name whole,
/// not the name alone, which is another day (`december`, the 1st); where the phrase names no
/// one day (`mid de`), it is told so, with the day to type, and where it is no day any year
/// has (`fe 30`), that, as `feb 30` is; both ways, each only where the field takes it.
#[test]
fn a_start_of_one_name_in_a_phrase_is_offered_the_phrase_whole() {
    let saturday = d("2026-12-05");
    for (word, direction, want) in [
        ("de 15", Direction::Ahead, "did you mean december 15?"),
        ("De 15", Direction::Back, "did you mean december 15?"),
        ("15 de", Direction::Ahead, "did you mean 15 december?"),
        ("15th no", Direction::Back, "did you mean 15th november?"),
        ("th+1w", Direction::Ahead, "did you mean thursday+1w?"),
        ("by de", Direction::Ahead, "did you mean december?"),
        ("next th", Direction::Ahead, "did you mean next thursday?"),
    ] {
        assert_eq!(
            read::read(word, saturday, direction)
                .unwrap_err()
                .to_string(),
            format!("'{word}' is not a date; {want}"),
            "{word}, {direction:?}"
        );
    }
    for direction in [Direction::Ahead, Direction::Back] {
        for word in ["mid de", "Mid-De", "middle of de"] {
            assert_eq!(
                read::read(word, saturday, direction)
                    .unwrap_err()
                    .to_string(),
                format!("'{word}' names no one day; try dec 15"),
                "{word}, {direction:?}"
            );
        }
    }
    // A phrase that is no day in any year (`february 30`) is told so, as `feb 30` is, both
    // ways, and not offered.
    for direction in [Direction::Ahead, Direction::Back] {
        for (word, why) in [
            ("fe 30", "February has 28 days, 29 in a leap year"),
            ("Fe 31", "February has 28 days, 29 in a leap year"),
            ("30 fe", "February has 28 days, 29 in a leap year"),
            ("ap 31", "April has 30 days"),
            ("31st ap", "April has 30 days"),
        ] {
            assert_eq!(
                read::read(word, saturday, direction)
                    .unwrap_err()
                    .to_string(),
                format!("'{word}' is not a day any year has: {why}"),
                "{word}, {direction:?}"
            );
        }
    }
    assert_eq!(
        read::read("feb 30", saturday, Direction::Ahead)
            .unwrap_err()
            .to_string(),
        "'feb 30' is not a day any year has: February has 28 days, 29 in a leap year"
    );
    // Looking back, `thursday+1w` is a day to come: nothing is offered.
    assert_eq!(
        parse_past_date("th+1w", saturday).unwrap_err().to_string(),
        "'th+1w' is not a date: try yesterday, fri, -3d or 2026-11-28 (`trustladder dates` lists them all)"
    );
}

/// The end or start of a quarter by its number, said in full (`end of q1`, `start of q3
/// 2027`), is that day: the quarter as `q1` names it (without a year the next such quarter,
/// this one included, and looking back the last), as `eoq` is this quarter's last day; with
/// `the` before the quarter too (`end of the q1`), as `end of the month` has it; then `+` or
/// `-` a length, after `by the`, as any word said in full.
#[test]
fn the_end_or_start_of_a_quarter_by_its_number_is_that_day() {
    let saturday = d("2026-12-05");
    let wednesday = d(DAYS[1]);
    for (word, today, direction, want) in [
        ("end of q1", saturday, Direction::Ahead, "2027-03-31"),
        ("end of q1", saturday, Direction::Back, "2026-03-31"),
        ("Start of Q2", saturday, Direction::Ahead, "2027-04-01"),
        ("start of q2", saturday, Direction::Back, "2026-04-01"),
        ("end of Q3 2027", saturday, Direction::Ahead, "2027-09-30"),
        ("end of q3 2027", saturday, Direction::Back, "2027-09-30"),
        (
            "beginning of 2027-q1",
            wednesday,
            Direction::Ahead,
            "2027-01-01",
        ),
        (
            "by the end of q4",
            wednesday,
            Direction::Ahead,
            "2026-12-31",
        ),
        ("start of q4", wednesday, Direction::Back, "2026-10-01"),
        ("end of the q1", saturday, Direction::Ahead, "2027-03-31"),
        ("end of the q1", saturday, Direction::Back, "2026-03-31"),
        (
            "by the end of the Q1 2027",
            saturday,
            Direction::Ahead,
            "2027-03-31",
        ),
        ("start of the q3", wednesday, Direction::Back, "2026-07-01"),
        ("end of q1-1d", saturday, Direction::Ahead, "2027-03-30"),
        ("start of q3+1w", wednesday, Direction::Back, "2026-07-08"),
    ] {
        assert_eq!(
            read::read(word, today, direction),
            Ok(Some(d(want))),
            "{word} on {today}, {direction:?}"
        );
    }
    assert_eq!(parse_due("end of q4", saturday), parse_due("eoq", saturday));
    // No fifth quarter; a quarter past the calendar is out of range.
    assert_eq!(
        parse_due("start of q5", saturday).unwrap_err().to_string(),
        "'start of q5' is not a date: try fri, +3d, eow or 2026-12-12 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        parse_due("end of q1", d("9999-12-31"))
            .unwrap_err()
            .to_string(),
        "'end of q1' (+10000-03-31) is outside the years 1 to 9999 that a date may fall in \
         (0001-01-01 to 9999-12-31)"
    );
}

/// A word with a character that only looks like one of a date word's (a minus sign or a
/// dash pasted for `-`, full-width letters, a Cyrillic letter from another keyboard layout)
/// looks like a word that reads: its message names the character, as typed, and gives the
/// word that reads; and a word that would read as no day the field takes is not offered.
#[test]
fn a_look_alike_character_in_a_word_is_named() {
    let today = d(DAYS[0]);
    let message = |word: &str| parse_due(word, today).unwrap_err().to_string();
    assert_eq!(
        message("\u{2212}3d"),
        "'\u{2212}3d' is not a date: \u{2212} (U+2212) only looks like -; did you mean -3d?"
    );
    assert_eq!(
        message("eom\u{2013}1d"),
        "'eom\u{2013}1d' is not a date: \u{2013} (U+2013) only looks like -; did you mean eom-1d?"
    );
    assert_eq!(
        message("\u{ff26}\u{ff32}\u{ff29}"),
        "'\u{ff26}\u{ff32}\u{ff29}' is not a date: \u{ff26} (U+FF26) only looks like F; did you mean fri?"
    );
    assert_eq!(
        message("\u{ff12}\u{ff10}\u{ff12}\u{ff16}-12-01"),
        "'\u{ff12}\u{ff10}\u{ff12}\u{ff16}-12-01' is not a date: \u{ff12} (U+FF12) only looks like 2; did you mean 2026-12-01?"
    );
    // Not a slip for tomorrow, which is a letter away too.
    assert_eq!(
        message("\u{435}om"),
        "'\u{435}om' is not a date: \u{435} (U+0435) only looks like e; did you mean eom?"
    );
    assert_eq!(
        message("Next  \u{424}ri"),
        "'Next  \u{424}ri' is not a date: try fri, +3d, eow or 2026-12-06 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        message("NEXT  FR\u{406}"),
        "'NEXT  FR\u{406}' is not a date: \u{406} (U+0406) only looks like I; did you mean next fri?"
    );
    assert_eq!(
        parse_due("\u{2212}3d", today).unwrap_err().short(),
        "U+2212 is not -: try -3d"
    );
    // A day to come is no day something happened: not offered there, but the character
    // is named all the same, and no other word is offered for it (`som` for `еom`).
    assert_eq!(
        parse_past_date("t\u{43e}morrow", today)
            .unwrap_err()
            .to_string(),
        "'t\u{43e}morrow' is not a date: \u{43e} (U+043E) only looks like o; type the word in Latin letters"
    );
    assert_eq!(
        parse_past_date("\u{435}om", today).unwrap_err().to_string(),
        "'\u{435}om' is not a date: \u{435} (U+0435) only looks like e; type the word in Latin letters"
    );
    assert_eq!(
        parse_past_date("\u{435}om", today).unwrap_err().short(),
        "U+0435 is not e: type Latin letters"
    );
    // A sign that reads as a day to come, looking back: that sign in its place.
    assert_eq!(
        parse_past_date("\u{ff0b}3d", today)
            .unwrap_err()
            .to_string(),
        "'\u{ff0b}3d' is not a date: \u{ff0b} (U+FF0B) only looks like +; type + in its place"
    );
    assert_eq!(
        parse_past_date("\u{ff0b}3d", today).unwrap_err().short(),
        "U+FF0B is not +: type +"
    );
    // Greek letters, and capitals whose small letters look like no Latin one (`М`, `Μ`).
    for (typed, named) in [
        ("\u{3b5}om", "\u{3b5} (U+03B5) only looks like e"),
        (
            "\u{415}\u{41e}\u{41c}",
            "\u{415} (U+0415) only looks like E",
        ),
        (
            "\u{395}\u{39f}\u{39c}",
            "\u{395} (U+0395) only looks like E",
        ),
    ] {
        assert_eq!(
            message(typed),
            format!("'{typed}' is not a date: {named}; did you mean eom?")
        );
    }
    assert_eq!(
        message("\u{422}UE"),
        "'\u{422}UE' is not a date: \u{422} (U+0422) only looks like T; did you mean tue?"
    );
    // Measured in Latin letters, a slip beside the look-alike is answered too.
    assert_eq!(
        message("\u{3b5}omm"),
        "'\u{3b5}omm' is not a date; did you mean eom?"
    );
    // A word of two days, in Latin letters, is no word to offer: the character is named.
    assert_eq!(
        parse_due("n\u{435}xt fri", d("2026-11-24"))
            .unwrap_err()
            .to_string(),
        "'n\u{435}xt fri' is not a date: \u{435} (U+0435) only looks like e; type the word in Latin letters"
    );
    assert_eq!(
        parse_past_date("\u{2212}3d", today)
            .unwrap_err()
            .to_string(),
        "'\u{2212}3d' is not a date: \u{2212} (U+2212) only looks like -; did you mean -3d?"
    );
    // Nothing that reads once put right: as any word that is not a date.
    assert_eq!(
        message("\u{ff53}\u{ff4f}\u{ff4f}\u{ff4e}"),
        "'\u{ff53}\u{ff4f}\u{ff4f}\u{ff4e}' is not a date: try fri, +3d, eow or 2026-12-06 (`trustladder dates` lists them all)"
    );
    // But a word typed in another alphabet, some of whose letters have no Latin look-alike
    // (`м`), is told its letters are the fault, where nothing near it reads.
    assert_eq!(
        message("\u{435}\u{43e}\u{43c}"),
        "'\u{435}\u{43e}\u{43c}' is not a date: \u{435} (U+0435) only looks like e; type the word in Latin letters"
    );
    // A word of that alphabet, mostly letters that look like no Latin one: as any word.
    assert_eq!(
        message("\u{437}\u{430}\u{432}\u{442}\u{440}\u{430}"),
        "'\u{437}\u{430}\u{432}\u{442}\u{440}\u{430}' is not a date: try fri, +3d, eow or 2026-12-06 (`trustladder dates` lists them all)"
    );
}

/// `day after tomorrow` and `day before yesterday` are two days from today, ahead or back,
/// whichever way the field looks (a day to come, looking back, is one the field refuses);
/// `the` may go before them, and a slip in them is put right.
#[test]
fn the_days_two_off_are_read_both_ways() {
    for (today, after, before) in [
        (DAYS[0], "2026-12-01", "2026-11-27"),
        (DAYS[2], "2026-02-02", "2026-01-29"),
        (DAYS[3], "2028-03-02", "2028-02-27"),
        (DAYS[4], "2027-01-02", "2026-12-29"),
    ] {
        for direction in [Direction::Ahead, Direction::Back] {
            for (word, day) in [
                ("day after tomorrow", after),
                ("The Day After Tomorrow", after),
                ("by the day before yesterday", before),
            ] {
                assert_eq!(
                    read::read(word, d(today), direction),
                    Ok(Some(d(day))),
                    "'{word}' on {today}, {direction:?}"
                );
            }
        }
    }
    let today = d(DAYS[1]);
    assert_eq!(
        parse_date("day after tomorow", today)
            .unwrap_err()
            .to_string(),
        "'day after tomorow' is not a date; did you mean day after tomorrow?"
    );
    assert_eq!(
        parse_past_date("day befor yesterday", today)
            .unwrap_err()
            .to_string(),
        "'day befor yesterday' is not a date; did you mean day before yesterday?"
    );
    // Only the whole phrase: `day after` names no day.
    assert!(parse_date("day after", today).is_err());
    assert!(parse_date("the day after", today).is_err());
}

#[test]
fn every_suggestion_is_itself_a_date_word() {
    for word in words::vocabulary() {
        assert!(
            read::read(word, d(DAYS[0]), Direction::Ahead).is_ok(),
            "'{word}' is suggested but not read"
        );
    }
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (1i32..=9999, 1u32..=366).prop_map(|(year, ordinal)| {
        NaiveDate::from_yo_opt(year, ordinal)
            .or_else(|| NaiveDate::from_yo_opt(year, 365))
            .unwrap()
    })
}

/// Strings shaped like date words, so the property reaches deep into the parser.
fn wordlike() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("fri".to_string()),
        Just("dec".to_string()),
        Just("eom".to_string()),
        Just("w".to_string()),
        Just("th".to_string()),
        "[0-9]{1,12}",
        "[a-z]{1,6}",
        "[ +:-]",
        "\\PC{0,3}",
    ];
    prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_input_panics_and_every_day_read_is_in_range(
        word in prop_oneof![wordlike(), "\\PC{0,40}", ".{0,200}"],
        today in any_day(),
    ) {
        for direction in [Direction::Ahead, Direction::Back] {
            if let Ok(Some(day)) = read::read(&word, today, direction) {
                prop_assert!(in_range(day), "'{}' on {} read as {}", word, today, day);
            }
        }
    }

    /// A suggestion is a word the field takes on the day it was made for: at the ends of
    /// the calendar, no word that means a day outside it.
    #[test]
    fn every_suggestion_reads_on_the_day_it_is_made_for(
        word in prop_oneof![
            wordlike(),
            Just("tomorow".to_string()),
            Just("yesterdy".to_string()),
            Just("nxet week".to_string()),
            Just("frxi".to_string()),
        ],
        today in prop_oneof![
            any_day(),
            Just(d("0001-01-01")),
            Just(d("9999-12-31")),
            Just(d("9999-12-28")),
        ],
    ) {
        for direction in [Direction::Ahead, Direction::Back] {
            if let Err(DateError::Bad { suggestion: Some(said), .. }) = read::read(&word, today, direction) {
                let read = read::read(&said, today, direction);
                prop_assert!(read.is_ok(), "'{}' on {} suggests '{}': {:?}", word, today, said, read);
            }
        }
    }

    #[test]
    fn a_recurring_word_is_ahead_of_today_for_a_due_date_and_never_after_it_for_a_past_day(
        word in prop_oneof![
            Just("mon"), Just("thurs"), Just("sun"), Just("jan"), Just("feb"), Just("december"),
            Just("1st"), Just("29th"), Just("31st"), Just("dec 31"), Just("29 feb"),
            Just("03-01"),
        ],
        today in any_day(),
    ) {
        if let Ok(day) = parse_date(word, today) {
            prop_assert!(day > today, "'{}' ahead of {} read as {}", word, today, day);
        }
        if let Ok(day) = parse_past_date(word, today) {
            prop_assert!(day <= today, "'{}' back from {} read as {}", word, today, day);
        }
    }
}

#[test]
fn the_hint_and_the_help_line_name_only_words_that_are_read() {
    for word in words::HINT {
        assert!(parse_date(word, d(DAYS[0])).is_ok(), "{word}");
    }
    // The words offered for a day that has passed read as one, on any day after the example.
    for word in words::HINT_BACK {
        let today = d("2026-11-30");
        let day = parse_past_date(word, today).unwrap_or_else(|e| panic!("{word}: {e}"));
        assert!(day <= today, "{word} → {day}");
    }
    assert_eq!(
        parse_past_date("friday-ish", d("2026-11-30"))
            .unwrap_err()
            .to_string(),
        "'friday-ish' is not a date: try yesterday, fri, -3d or 2026-11-23 (`trustladder dates` lists them all)"
    );
    // The date written out is one the field takes on the day it is typed: a week ahead for a
    // due date, a week back for a day that has passed, whatever today is.
    for today in ["2028-05-01", "2026-01-31", "2026-12-31"] {
        let today = d(today);
        let ahead = words::hint(false, today);
        let back = words::hint(true, today);
        assert_eq!(ahead[3], (today + chrono::Days::new(7)).to_string());
        assert_eq!(back[3], (today - chrono::Days::new(7)).to_string());
        assert!(parse_date(&ahead[3], today).unwrap() > today);
        assert!(parse_past_date(&back[3], today).unwrap() < today);
        let said = parse_date("soon", today).unwrap_err().to_string();
        assert!(said.contains(&format!("eow or {} (", ahead[3])), "{said}");
    }
    // At the calendar's ends a week off is no day a field takes: today is written out,
    // and only the words that mean a day there.
    assert_eq!(
        parse_due("soon", d("9999-12-31")).unwrap_err().to_string(),
        "'soon' is not a date: try 9999-12-31 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        parse_due(&"x".repeat(65), d("9999-12-31"))
            .unwrap_err()
            .to_string(),
        format!(
            "'{}' is too long for a date word (at most 64 characters); try 9999-12-31",
            "x".repeat(65)
        )
    );
    // Nor is a slip answered with a word that means a day outside it.
    assert_eq!(
        parse_due("tomorow", d("9999-12-31"))
            .unwrap_err()
            .to_string(),
        "'tomorow' is not a date: try 9999-12-31 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        parse_due("soon", d("9999-12-25")).unwrap_err().to_string(),
        "'soon' is not a date: try fri, +3d, eow or 9999-12-25 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        parse_past_date("soon", d("0001-01-01"))
            .unwrap_err()
            .to_string(),
        "'soon' is not a date: try 0001-01-01 (`trustladder dates` lists them all)"
    );
    assert_eq!(
        parse_past_date("soon", d("0001-01-07"))
            .unwrap_err()
            .short(),
        "not a date: try yesterday, fri, -3d, 0001-01-07"
    );
    for direction in [Direction::Ahead, Direction::Back] {
        let line = words::summary(direction);
        let listed = line.split(" (`").next().unwrap();
        for word in listed.split(", ") {
            assert!(
                read::read(word, d(DAYS[0]), direction).is_ok(),
                "'{word}' in the help line is not read {direction:?}"
            );
        }
    }
    // A past day's line offers no word that lands ahead, on any of the reference days.
    let past = words::summary(Direction::Back);
    let listed = past.split(" (`").next().unwrap();
    for day in DAYS {
        for word in listed.split(", ").filter(|w| !w.starts_with("20")) {
            let read = read::read(word, d(day), Direction::Back).unwrap().unwrap();
            assert!(read <= d(day), "'{word}' on {day} is {read}, ahead");
        }
    }
    for ahead in ["tomorrow", "2w", "eoy", "someday"] {
        assert!(!listed.split(", ").any(|w| w == ahead), "{past}");
    }
}

#[test]
fn the_short_message_says_what_to_do_in_few_columns() {
    let today = d(DAYS[0]);
    let cases = [
        ("tomorow", "did you mean tomorrow?"),
        ("soon", "not a date: try fri, +3d, eow, 2026-12-06"),
        ("ju", "june or july?"),
        ("feb 30", "February has 28 days, 29 in a leap year"),
        ("9am", "a time: trustladder keeps days"),
    ];
    for (word, short) in cases {
        assert_eq!(
            parse_date(word, today).unwrap_err().short(),
            short,
            "{word}"
        );
    }
    assert_eq!(
        parse_past_date("someday", today).unwrap_err().short(),
        "needs a day"
    );
    assert_eq!(
        parse_date("tomorrow", d("9999-12-31")).unwrap_err().short(),
        "outside 0001-01-01 to 9999-12-31"
    );
    // Narrower still, fewer words to try, never one cut in half.
    let soon = parse_past_date("soon", today).unwrap_err();
    assert_eq!(soon.fitting(36), "not a date: try yesterday, fri, -3d");
    assert_eq!(soon.fitting(25), "not a date: try yesterday");
    assert_eq!(soon.fitting(12), "not a date");
    let feb_30 = parse_date("feb 30", today).unwrap_err();
    assert_eq!(
        feb_30.fitting(40),
        "February has 28 days, 29 in a leap year"
    );
    assert_eq!(feb_30.fitting(30), "no year has that day");
}

#[test]
fn a_day_is_written_as_chrono_writes_it() {
    let mut day = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    // Every 37th day across the years, so every month and day of the month comes up.
    while day <= last {
        assert_eq!(&*Iso::new(day), day.to_string(), "{day:?}");
        day = day + chrono::Days::new(37);
    }
    for outside in [
        NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(-1, 12, 31).unwrap(),
        NaiveDate::MAX,
        NaiveDate::MIN,
    ] {
        assert_eq!(&*Iso::new(outside), outside.to_string());
    }
    assert_eq!(&*Iso::new(last), "9999-12-31");
    assert_eq!(
        &*Iso::new(NaiveDate::from_ymd_opt(1, 2, 3).unwrap()),
        "0001-02-03"
    );
}

/// A day no year has is told why, so the right one is found without a calendar: the month's
/// length (of the year named, where it differs by year), or how many months, weeks or days
/// there are to count.
#[test]
fn a_day_no_year_has_says_why() {
    let today = d("2026-11-24");
    for (word, why) in [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2028-02-30", "February 2028 has 29 days"),
        ("feb 30", "February has 28 days, 29 in a leap year"),
        ("2026-04-31", "April has 30 days"),
        ("apr 31 2027", "April has 30 days"),
        ("2026-13-01", "a year has 12 months"),
        ("2026-13", "a year has 12 months"),
        ("13-01", "a year has 12 months"),
        ("2026-00-10", "months are numbered from 1"),
        ("2026-02-00", "days are numbered from 1"),
        ("0th", "days are numbered from 1"),
        ("32nd", "no month has more than 31 days"),
        ("dec 32", "no month has more than 31 days"),
        ("2026-W54", "a year has 52 or 53 weeks"),
        ("2026-W00", "weeks are numbered from 1"),
        ("2026-W10-8", "a week's days are numbered 1 to 7"),
        ("2026-367", "a year has 365 or 366 days"),
        ("2026-000", "days are numbered from 1"),
    ] {
        for direction in [Direction::Ahead, Direction::Back] {
            assert_eq!(
                read::read(word, today, direction).unwrap_err().to_string(),
                format!("'{word}' is not a day any year has: {why}"),
                "{word}, {direction:?}"
            );
        }
    }
    // 29 February is a day of leap years, said of the year named.
    assert_eq!(
        parse_date("2026-02-29", today).unwrap_err().to_string(),
        "'2026-02-29' is not a day of 2026: 2026 is not a leap year"
    );
}

#[test]
fn today_set_by_hand_says_why_a_day_of_the_right_shape_is_none() {
    assert_eq!(parse_today(" 2026-11-24 "), Ok(d("2026-11-24")));
    let said = |text: &str| parse_today(text).unwrap_err().to_string();
    assert_eq!(
        said("2028-02-30"),
        "'2028-02-30' is not a day any year has: February 2028 has 29 days"
    );
    assert_eq!(
        said("2026-13-01"),
        "'2026-13-01' is not a day any year has: a year has 12 months"
    );
    assert_eq!(
        said("2027-02-29"),
        "'2027-02-29' is not a day of 2027: 2027 is not a leap year"
    );
    // Words are read relative to today, which this sets: still only YYYY-MM-DD.
    assert_eq!(said("tomorrow"), "'tomorrow' is not a YYYY-MM-DD date");
    assert_eq!(said("2026-1-01"), "'2026-1-01' is not a YYYY-MM-DD date");
    // Nothing is said to be blank, not quoted back as `''`.
    assert_eq!(said(" "), "a blank is not a YYYY-MM-DD date");
    assert_eq!(said(""), "a blank is not a YYYY-MM-DD date");
    // A character that only looks like a digit or a dash is named.
    assert_eq!(
        said("2026\u{2013}12\u{2013}04"),
        "'2026\u{2013}12\u{2013}04' is not a date: \u{2013} (U+2013) only looks like -; did you mean 2026-12-04?"
    );
    assert_eq!(
        said("\u{ff12}\u{ff10}\u{ff12}\u{ff16}-12-04"),
        "'\u{ff12}\u{ff10}\u{ff12}\u{ff16}-12-04' is not a date: \u{ff12} (U+FF12) only looks like 2; did you mean 2026-12-04?"
    );
    // A word put right is still no YYYY-MM-DD.
    assert_eq!(said("\u{ff46}ri"), "'\u{ff46}ri' is not a YYYY-MM-DD date");
}

/// A long count of days, weeks or months names no year, though its number has four digits:
/// `+1000d` typed for `+100d` is said to be far, as `dec 20` is; a year written out is not.
#[test]
fn a_count_of_four_digits_names_no_year_and_a_far_one_is_said() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    for word in ["+1000d", "1000 days", "+99999d", "in 1000 weeks", "+1200m"] {
        let day = parse_due(word, today).unwrap().unwrap();
        assert!(
            far_without_year(word, day, today).is_some(),
            "{word} lands on {day}"
        );
    }
    for word in ["2029-01-01", "2029-01-01+1w", "+5y", "in 3 years", "5 yrs"] {
        let day = parse_due(word, today).unwrap().unwrap();
        assert_eq!(far_without_year(word, day, today), None, "{word}");
    }
}

/// A word for the start or end of this, next or last year names its year as the same words
/// said in full do: `eony` on 2 January is as far as `end of next year`, and neither is said
/// to be far, while `dec 31`, which names no year, is.
#[test]
fn an_edge_of_a_year_names_its_year() {
    let today = d("2026-01-02");
    for word in [
        "eony",
        "sony",
        "eoy",
        "EONY",
        "by eony",
        "eony-1d",
        "end of next year",
    ] {
        let day = parse_due(word, today).unwrap().unwrap();
        assert_eq!(far_without_year(word, day, today), None, "{word}");
    }
    let day = parse_due("dec 31", today).unwrap().unwrap();
    assert_eq!(far_without_year("dec 31", day, today), Some(363));
}

/// An outcome's day is never before its promise was made: the words an empty field suggests
/// are only days from then to today, `today` alone for a promise made today.
#[test]
fn the_words_to_try_for_an_outcome_start_when_the_promise_was_made() {
    // Wednesday 2 December 2026.
    let today = d("2026-12-02");
    assert_eq!(words::hint_since(today, today), ["today"]);
    assert_eq!(
        words::hint_since(today, d("2026-12-01")),
        ["yesterday", "2026-12-01"]
    );
    // Fri is 27 November, -3d the 29th: both from the 27th on.
    assert_eq!(
        words::hint_since(today, d("2026-11-27")),
        ["yesterday", "fri", "-3d", "2026-11-27"]
    );
    assert_eq!(
        words::hint_since(today, d("2026-01-01")),
        ["yesterday", "fri", "-3d", "2026-11-25"]
    );
    for made in ["2026-11-20", "2026-11-28", "2026-12-01", "2026-12-02"] {
        for word in words::hint_since(today, d(made)) {
            let day = parse_past_date(&word, today).unwrap();
            assert!(day >= d(made) && day <= today, "{word} for {made}");
        }
    }
}

/// A month and day with a year of four digits after them, as English writes a date in full
/// (`dec 15 2027`, `15 Dec 2027`, `December 15th, 2027`), is that day of that year, for a due
/// date and looking back alike (as `2027-12-15` is read); a day
/// that year lacks, a day no year has and a year outside 1 to 9999 are told so.
#[test]
fn a_month_and_day_with_a_year_is_that_day_of_that_year() {
    let today = d("2026-12-05");
    for word in [
        "dec 15 2027",
        "15 dec 2027",
        "Dec 15, 2027",
        "December 15th, 2027",
        "15 dec, 2027",
        "15th december 2027",
    ] {
        assert_eq!(
            parse_due(word, today).unwrap(),
            Some(d("2027-12-15")),
            "{word}"
        );
    }
    assert_eq!(
        parse_due("jan 3 2026", today).unwrap(),
        Some(d("2026-01-03"))
    );
    assert_eq!(
        parse_past_date("march 1st 2025", today).unwrap(),
        d("2025-03-01")
    );
    assert_eq!(
        parse_due("dec 15 2027+1w", today).unwrap(),
        Some(d("2027-12-22"))
    );
    // Looking back, as the day written out is read (a day to come is refused where the
    // day is used, as for 2027-12-15).
    assert_eq!(
        parse_past_date("dec 15 2027", today),
        parse_past_date("2027-12-15", today)
    );
    for (word, message) in [
        (
            "feb 29 2027",
            "'feb 29 2027' is not a day of 2027: 2027 is not a leap year",
        ),
        (
            "feb 30 2028",
            "'feb 30 2028' is not a day any year has: February 2028 has 29 days",
        ),
        (
            "dec 15 0000",
            "'dec 15 0000' is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)",
        ),
    ] {
        assert_eq!(parse_due(word, today).unwrap_err().to_string(), message);
    }
    assert_eq!(
        parse_due("feb 29 2028", today).unwrap(),
        Some(d("2028-02-29"))
    );
}

/// A day with its year written as people also write it, with nothing else meant: the year
/// first (`2027 dec 15`, as 2027-12-15 orders it) and the day of the month (`the 15th of
/// december 2027`, `15th of december` without a year, the next such day) are read; a year of
/// two digits (`dec 15 '27`) is offered in full, in this century, where that reads. A day the
/// year lacks is told so, and looking back no day to come is offered.
#[test]
fn a_day_with_its_year_first_or_of_its_month_is_read() {
    let today = d("2026-12-05");
    for word in [
        "2027 dec 15",
        "2027 December 15th",
        "2027, dec 15",
        "the 15th of december 2027",
        "15th of Dec, 2027",
        "by the 15th of december 2027",
    ] {
        assert_eq!(
            parse_due(word, today).unwrap(),
            Some(d("2027-12-15")),
            "{word}"
        );
    }
    assert_eq!(
        parse_due("the 15th of december", today).unwrap(),
        Some(d("2026-12-15"))
    );
    assert_eq!(
        parse_past_date("the 15th of december", today).unwrap(),
        d("2025-12-15")
    );
    assert_eq!(
        parse_past_date("2025 mar 1st", today).unwrap(),
        d("2025-03-01")
    );
    for (word, message) in [
        (
            "2027 feb 29",
            "'2027 feb 29' is not a day of 2027: 2027 is not a leap year",
        ),
        (
            "29th of february 2027",
            "'29th of february 2027' is not a day of 2027: 2027 is not a leap year",
        ),
        (
            "31st of june",
            "'31st of june' is not a day any year has: June has 30 days",
        ),
        (
            "15th of ju",
            "'15th of ju' could mean 15th of june or 15th of july; type more of it",
        ),
    ] {
        assert_eq!(parse_due(word, today).unwrap_err().to_string(), message);
    }
    assert_eq!(
        parse_due("2028 feb 29", today).unwrap(),
        Some(d("2028-02-29"))
    );
    // A month first and a day after `of` is no way of saying a day.
    assert!(parse_due("dec of 15", today).is_err());
    assert_offered_for_due(
        today,
        &[
            ("dec 15 '27", Some("dec 15 2027")),
            ("dec 15, '27", Some("dec 15, 2027")),
            ("15 dec \u{2019}27", Some("15 dec 2027")),
        ],
    );
    assert_offered_looking_back(
        today,
        &[("dec 1 '25", Some("dec 1 2025")), ("dec 15 '27", None)],
    );
    // What the year in full is told, the year of two digits is told.
    for (word, message) in [
        (
            "feb 29 '27",
            "'feb 29 '27' is not a day of 2027: 2027 is not a leap year",
        ),
        (
            "dec '27",
            "'dec '27' is a whole month, not a day of it; try 2027-12-31 or 2027-12-01",
        ),
        // A day no year has, as `feb 30 2028` is told: these got the general words to try.
        (
            "feb 30 '28",
            "'feb 30 '28' is not a day any year has: February 2028 has 29 days",
        ),
        (
            "apr 31, '27",
            "'apr 31, '27' is not a day any year has: April has 30 days",
        ),
    ] {
        assert_eq!(parse_due(word, today).unwrap_err().to_string(), message);
    }
    assert_eq!(
        parse_past_date("feb 30 '25", today)
            .unwrap_err()
            .to_string(),
        "'feb 30 '25' is not a day any year has: February 2025 has 28 days"
    );
    assert_eq!(
        parse_past_date("dec '27", today).unwrap_err().to_string(),
        "'dec '27' is not a date: try yesterday, fri, -3d or 2026-11-28 (`trustladder dates` lists them all)"
    );
}

/// The end or start of a month by its name, said in full (`end of dec`, `start of june
/// 2027`), is that day, as `end of q1` is a quarter's: with a year that month of that year,
/// without one the next such month, this one included (looking back, the last); a start of
/// two names is told what it could mean, and one of one name offered it whole.
#[test]
fn the_end_or_start_of_a_month_by_its_name_is_that_day() {
    let saturday = d("2026-12-05");
    for (word, direction, want) in [
        ("end of dec", Direction::Ahead, "2026-12-31"),
        ("End of December", Direction::Ahead, "2026-12-31"),
        ("start of dec", Direction::Back, "2026-12-01"),
        ("end of jan", Direction::Ahead, "2027-01-31"),
        ("end of jan", Direction::Back, "2026-01-31"),
        ("by the end of feb 2028", Direction::Ahead, "2028-02-29"),
        ("beginning of june 2027", Direction::Ahead, "2027-06-01"),
        ("end of nov", Direction::Back, "2026-11-30"),
        ("end of nov", Direction::Ahead, "2027-11-30"),
        ("end of march-1d", Direction::Ahead, "2027-03-30"),
    ] {
        assert_eq!(
            read::read(word, saturday, direction),
            Ok(Some(d(want))),
            "{word}, {direction:?}"
        );
    }
    assert_eq!(
        parse_due("end of ju", saturday).unwrap_err().to_string(),
        "'end of ju' could mean end of june or end of july; type more of it"
    );
    assert_eq!(
        suggestion_of("end of de", parse_due("end of de", saturday)).as_deref(),
        Some("end of december")
    );
    // Looking back, a month still running is this one, as a quarter is (its end a day to
    // come, refused where the day is used).
    assert_eq!(
        parse_past_date("end of dec", saturday),
        parse_past_date("end of q4", saturday)
    );
    assert_eq!(
        parse_due("end of jan", d("9999-12-05"))
            .unwrap_err()
            .to_string(),
        "'end of jan' (+10000-01-31) is outside the years 1 to 9999 that a date may fall in \
         (0001-01-01 to 9999-12-31)"
    );
}

/// A year given twice, of four digits or of two after an apostrophe, is no day however read
/// (`2027 dec '15` was told it is not a day any year has, as the day 2027 of December 2015,
/// and `2027 '15` got the general words to try): it is told so, the two years named, with
/// the word meant where one reads, an apostrophe year as the day (`2027 dec 15`) or the one
/// year where both are the same; where either apostrophe could have slipped, none is guessed.
#[test]
fn a_year_given_twice_is_told_so_with_the_day_meant() {
    let today = d("2026-12-05");
    for (word, message) in [
        (
            "2027 dec '15",
            "'2027 dec '15' gives a year twice, 2027 and '15, and no day; did you mean 2027 dec 15?",
        ),
        (
            "dec '15 2027",
            "'dec '15 2027' gives a year twice, '15 and 2027, and no day; did you mean dec 15 2027?",
        ),
        (
            "\u{2019}15 Dec 2027",
            "'\u{2019}15 Dec 2027' gives a year twice, \u{2019}15 and 2027, and no day; did you mean 15 dec 2027?",
        ),
        (
            "dec 15, '27, 2027",
            "'dec 15, '27, 2027' gives a year twice, '27 and 2027; did you mean dec 15, 2027?",
        ),
        (
            "2027 '15",
            "'2027 '15' gives a year twice, 2027 and '15, and no day; try fri, +3d, eow or 2026-12-12 \
             (`trustladder dates` lists them all)",
        ),
        (
            "2027 dec 2015",
            "'2027 dec 2015' gives a year twice, 2027 and 2015, and no day; try fri, +3d, eow or \
             2026-12-12 (`trustladder dates` lists them all)",
        ),
        (
            "'27 dec '15",
            "''27 dec '15' gives a year twice, '27 and '15, and no day; try fri, +3d, eow or \
             2026-12-12 (`trustladder dates` lists them all)",
        ),
    ] {
        assert_eq!(
            parse_due(word, today).unwrap_err().to_string(),
            message,
            "{word}"
        );
    }
    // Looking back, only a day that has been is offered.
    assert_eq!(
        parse_past_date("2025 dec '15", today).unwrap_err().short(),
        "a year twice: did you mean 2025 dec 15?"
    );
    assert_eq!(
        parse_past_date("2027 dec '15", today).unwrap_err().short(),
        "a year given twice"
    );
}

/// A year of two digits first whose day no year has (`'28 feb 30`, February 2028's 30th) is
/// offered the day with the apostrophe moved to the other number, where that reads (`28 feb
/// 2030`), as `28 feb '30` is; it was told it is not a day any year has.
#[test]
fn an_apostrophe_slipped_onto_the_day_is_moved_to_the_year() {
    let today = d("2026-12-05");
    assert_offered_for_due(
        today,
        &[
            ("'28 feb 30", Some("28 feb 2030")),
            ("'28 Feb 31", Some("28 feb 2031")),
            ("28 feb '30", Some("28 feb 2030")),
        ],
    );
    // Where the day so moved is none the field takes, it is told as it was.
    assert_eq!(
        parse_past_date("'28 feb 30", today)
            .unwrap_err()
            .to_string(),
        "''28 feb 30' is not a day any year has: February 2028 has 29 days"
    );
}

/// A word that is refused with a message of its own is told it with a stop or a comma after
/// it too (`feb 30.`, `9am.`, `next fri,`), as typed at the end of a sentence: each got the
/// general words to try, where `fri.` reads as `fri` and `this month.` is told it is a whole
/// month.
#[test]
fn a_stop_or_comma_after_a_word_keeps_its_message() {
    let tuesday = d("2026-11-24");
    for (word, message) in [
        (
            "feb 30.",
            "'feb 30.' is not a day any year has: February has 28 days, 29 in a leap year",
        ),
        (
            "2027-02-29.",
            "'2027-02-29.' is not a day of 2027: 2027 is not a leap year",
        ),
        (
            "9am.",
            "'9am.' is a time; trustladder keeps days, not times (try today or fri)",
        ),
        (
            "Next Fri,",
            "'Next Fri,' could mean Fri 2026-11-27 or Fri 2026-12-04; type the one you mean, or \
             name its week: fri this week or fri next week",
        ),
        ("15.", "'15.' is a number alone; try 15th or 15d"),
        (
            "2027 dec '15.",
            "'2027 dec '15.' gives a year twice, 2027 and '15, and no day; did you mean 2027 dec 15?",
        ),
        (
            "'28 feb 30,",
            "''28 feb 30,' is not a date; did you mean 28 feb 2030?",
        ),
    ] {
        assert_eq!(
            parse_due(word, tuesday).unwrap_err().to_string(),
            message,
            "{word}"
        );
    }
    // A word offered another is offered it bare, without the stop.
    assert_eq!(
        suggestion_of("tomorow.", parse_due("tomorow.", tuesday)).as_deref(),
        Some("tomorrow")
    );
    assert_eq!(
        suggestion_of("dec 15 '27,", parse_due("dec 15 '27,", tuesday)).as_deref(),
        Some("dec 15 2027")
    );
}

/// A day written with slashes, stops or without its zeros that no calendar has
/// (`29.02.2027`, `2027-2-29`, `30/02`) is told why, as the day written out is
/// (`2027-02-29`, `feb 30`): each got the general words to try, where `2027-2-28` is offered
/// `2027-02-28`.
#[test]
fn a_day_written_otherwise_that_no_calendar_has_is_told_why() {
    let tuesday = d("2026-11-24");
    for (word, message) in [
        (
            "29.02.2027",
            "'29.02.2027' is not a day of 2027: 2027 is not a leap year",
        ),
        (
            "02/29/2027",
            "'02/29/2027' is not a day of 2027: 2027 is not a leap year",
        ),
        (
            "2027-2-29",
            "'2027-2-29' is not a day of 2027: 2027 is not a leap year",
        ),
        (
            "20270229",
            "'20270229' is not a day of 2027: 2027 is not a leap year",
        ),
        (
            "31/4/2027",
            "'31/4/2027' is not a day any year has: April has 30 days",
        ),
        (
            "30/02",
            "'30/02' is not a day any year has: February has 28 days, 29 in a leap year",
        ),
        (
            "31.04.",
            "'31.04.' is not a day any year has: April has 30 days",
        ),
        (
            "1.1.0000",
            "'1.1.0000' is outside the years 1 to 9999 that a date may fall in (0001-01-01 to \
             9999-12-31)",
        ),
    ] {
        assert_eq!(
            parse_due(word, tuesday).unwrap_err().to_string(),
            message,
            "{word}"
        );
    }
    // Numbers that are no month and day in either order are no day written otherwise.
    for word in ["13/13", "13.13.2027", "20271345"] {
        assert_eq!(suggestion_of(word, parse_due(word, tuesday)), None);
    }
    assert_eq!(
        suggestion_of("2028-2-29", parse_due("2028-2-29", tuesday)).as_deref(),
        Some("2028-02-29")
    );
}

/// A count after a sign or `in` without its unit (`eom-1`, `+3`, `in 3`) is offered in days,
/// where that reads: `tomorrow+1` was offered tomorrow, dropping the count, and `eom-1` got
/// the general words to try. A dash after a digit is a day written with dashes, no count.
#[test]
fn a_count_without_its_unit_is_offered_in_days() {
    let tuesday = d("2026-11-24");
    assert_offered_for_due(
        tuesday,
        &[
            ("tomorrow+1", Some("tomorrow+1d")),
            ("eom-1", Some("eom-1d")),
            ("+3", Some("+3d")),
            ("in 3", Some("in 3 days")),
            ("in 1", Some("in 1 day")),
            ("2026-12-01+3", Some("2026-12-01+3d")),
            ("2026-12-0", None),
            ("sept-31", None),
        ],
    );
    // Looking back, only a day that has been.
    assert_offered_looking_back(tuesday, &[("today-1", Some("today-1d")), ("+3", None)]);
}

/// A year of two digits without its apostrophe whose day that year lacks (`feb 29 27`) is
/// told why, as `feb 29 '27` is: it got the general words to try, where a day that reads
/// (`dec 15 27`) is offered in full.
#[test]
fn a_year_without_its_apostrophe_that_lacks_the_day_is_told_why() {
    let tuesday = d("2026-11-24");
    for word in ["feb 29 27", "29 feb 27"] {
        assert_eq!(
            parse_due(word, tuesday).unwrap_err().to_string(),
            format!("'{word}' is not a day of 2027: 2027 is not a leap year"),
            "{word}"
        );
    }
    assert_eq!(
        parse_due("feb 30 28", tuesday).unwrap_err().to_string(),
        "'feb 30 28' is not a day any year has: February 2028 has 29 days"
    );
    assert_eq!(
        suggestion_of("feb 29 28", parse_due("feb 29 28", tuesday)).as_deref(),
        Some("feb 29 2028")
    );
}

/// A weekday said as in speech is offered as the words here say it: `coming friday` (and
/// `this coming`, `upcoming`) as `this friday`, the next such day; `monday next` as `monday
/// next week`. Each got the general words to try.
#[test]
fn a_weekday_said_as_in_speech_is_offered_as_the_words_say_it() {
    let tuesday = d("2026-11-24");
    for (word, offered) in [
        ("coming friday", "this friday"),
        ("Coming Friday", "this friday"),
        ("this coming fri", "this fri"),
        ("upcoming thursday", "this thursday"),
        ("this upcoming mon", "this mon"),
        ("monday next", "monday next week"),
        ("fri next", "fri next week"),
    ] {
        assert_eq!(
            suggestion_of(word, parse_due(word, tuesday)).as_deref(),
            Some(offered),
            "{word}"
        );
        let meant = parse_due(offered, tuesday).expect("the word offered reads");
        assert!(meant > Some(tuesday), "{word}: {meant:?}");
    }
}

/// A phrase typed without its space or with a dash (`nextweek`, `next-week`) is offered as
/// the phrase, not as the short word it is also a form of (`sonw`, which reads the same but
/// was not what was typed); short forms still answer words near only them (`tmo`).
#[test]
fn a_phrase_run_together_is_offered_as_the_phrase() {
    let tuesday = d("2026-11-24");
    for (word, offered) in [
        ("nextweek", "next week"),
        ("next-week", "next week"),
        ("lastweek", "last week"),
        ("nxet week", "next week"),
        ("tmo", "tomorrow"),
    ] {
        assert_eq!(
            suggestion_of(word, parse_due(word, tuesday)).as_deref(),
            Some(offered),
            "{word}"
        );
    }
}

/// A length said from now or today, later or back (`2 weeks from now`, `3 days back`) is
/// offered as `in` or `ago` says it: each got the general words to try.
#[test]
fn a_length_from_now_is_offered_as_in_says_it() {
    let tuesday = d("2026-11-24");
    assert_offered_for_due(
        tuesday,
        &[
            ("a week from now", Some("in a week")),
            ("2 weeks from now", Some("in 2 weeks")),
            ("two weeks from today", Some("in two weeks")),
            ("in 3 days from now", Some("in 3 days")),
            ("3 days later", Some("in 3 days")),
            ("3 days back", Some("3 days ago")),
            ("fri from now", None),
        ],
    );
    // Looking back, only a day that has been.
    assert_eq!(
        suggestion_of(
            "a week from now",
            parse_past_date("a week from now", tuesday)
        ),
        None
    );
    assert_eq!(
        suggestion_of(
            "2 weeks earlier",
            parse_past_date("2 weeks earlier", tuesday)
        )
        .as_deref(),
        Some("2 weeks ago")
    );
}

/// The first or last day of a period said by its day (`last day of the month`, `first of
/// next month`) is offered as the start or end of it said in full: each got the general
/// words to try.
#[test]
fn the_first_or_last_day_of_a_period_is_offered_its_start_or_end() {
    let tuesday = d("2026-11-24");
    assert_offered_for_due(
        tuesday,
        &[
            ("last day of the month", Some("end of the month")),
            ("first day of next month", Some("start of next month")),
            ("first of next week", Some("start of next week")),
            ("last of next month", Some("end of next month")),
            ("last day of fri", None),
        ],
    );
    assert_eq!(
        suggestion_of(
            "last day of last month",
            parse_past_date("last day of last month", tuesday)
        )
        .as_deref(),
        Some("end of last month")
    );
}

/// A year of two digits after a month and a day without its apostrophe (`dec 15 27`) is
/// offered in full, as `dec 15 '27` is: it got the general words to try.
#[test]
fn a_year_of_two_digits_without_its_apostrophe_is_offered_in_full() {
    let saturday = d("2026-12-05");
    assert_offered_for_due(
        saturday,
        &[
            ("dec 15 27", Some("dec 15 2027")),
            ("15 Dec 27", Some("15 dec 2027")),
            ("dec 15, 27", Some("dec 15, 2027")),
            ("in 3 27", None),
        ],
    );
    // `dec 27` is the 27th of December, no year.
    assert_eq!(parse_due("dec 27", saturday), Ok(Some(d("2026-12-27"))));
    assert_offered_looking_back(saturday, &[("dec 15 27", None)]);
}

/// A day of the month said in words (`fifteenth`, `the twenty-first`, `twenty first`) reads
/// wherever its number does (`15th`, `the 21st`, `dec 15th`, `15th of december`), either
/// way: each got the general words to try. One past 31 is told no month has it, as `32nd`.
#[test]
fn a_day_of_the_month_in_words_reads_as_its_number() {
    let saturday = d("2026-12-05");
    for (words, number) in [
        ("fifteenth", "15th"),
        ("the fifteenth", "the 15th"),
        ("by the Fifteenth", "by the 15th"),
        ("first", "1st"),
        ("second", "2nd"),
        ("third", "3rd"),
        ("twelfth", "12th"),
        ("twentieth", "20th"),
        ("twenty-first", "21st"),
        ("the twenty first", "the 21st"),
        ("twenty-ninth", "29th"),
        ("thirtieth", "30th"),
        ("thirty-first", "31st"),
        ("dec fifteenth", "dec 15th"),
        ("december twenty first", "december 21st"),
        ("fifteenth of december", "15th of december"),
        (
            "the fifteenth of december 2027",
            "the 15th of december 2027",
        ),
        ("fifteenth+1w", "15th+1w"),
        ("the twenty-first-1d", "the 21st-1d"),
    ] {
        let ahead = parse_due(words, saturday);
        assert!(ahead.is_ok(), "{words}: {ahead:?}");
        assert_eq!(ahead, parse_due(number, saturday), "{words}");
        assert_eq!(
            parse_past_date(words, saturday),
            parse_past_date(number, saturday),
            "{words}"
        );
    }
    assert_eq!(parse_due("fifteenth", saturday), Ok(Some(d("2026-12-15"))));
    assert_eq!(parse_past_date("fifteenth", saturday), Ok(d("2026-11-15")));
    for (word, message) in [
        (
            "thirty-second",
            "'thirty-second' is not a day any year has: no month has more than 31 days",
        ),
        (
            "feb thirtieth",
            "'feb thirtieth' is not a day any year has: February has 28 days, 29 in a leap year",
        ),
    ] {
        assert_eq!(
            parse_due(word, saturday).unwrap_err().to_string(),
            message,
            "{word}"
        );
    }
    // A number in words that counts (`twenty`, `3 second`) is no day of the month.
    assert!(matches!(
        parse_due("twenty", saturday),
        Err(DateError::Bad { .. })
    ));
    assert!(matches!(
        parse_due("3 second", saturday),
        Err(DateError::Time { .. })
    ));
}

/// The week after next is a week after next week (its Monday, as `next week` is), and a
/// weekday after next a week after `next fri`: asked which where `next fri` is (on a
/// Tuesday), named by the weeks that are read (`fri week after next`); each got the general
/// words to try.
#[test]
fn a_week_or_a_weekday_after_next_is_a_week_after_next() {
    let tuesday = d("2026-11-24");
    let friday = d("2026-12-04");
    let saturday = d("2026-12-05");
    // Each word, the day it is, and the word it is a week after.
    for (word, today, day, week_before) in [
        ("week after next", saturday, "2026-12-14", "next week"),
        ("the week after next", saturday, "2026-12-14", "next week"),
        ("week after next", tuesday, "2026-12-07", "next week"),
        // On a Sunday, next week starts tomorrow.
        (
            "week after next",
            d("2026-11-29"),
            "2026-12-07",
            "next week",
        ),
        ("week after next-1d", saturday, "2026-12-13", "next week-1d"),
        ("fri after next", saturday, "2026-12-18", "next fri"),
        ("Friday after next", saturday, "2026-12-18", "next fri"),
        ("by the fri after next", saturday, "2026-12-18", "next fri"),
        // On a Friday, fri and next fri are a week on, and fri after next two.
        ("fri after next", friday, "2026-12-18", "fri"),
        ("mon after next", tuesday, "2026-12-07", "next mon"),
        (
            "fri week after next",
            tuesday,
            "2026-12-11",
            "fri next week",
        ),
    ] {
        assert_eq!(
            parse_due(word, today),
            Ok(Some(d(day))),
            "{word} on {today}"
        );
        assert_eq!(
            parse_due(week_before, today),
            Ok(Some(d(day) - chrono::Days::new(7))),
            "{word} on {today}: a week after {week_before}"
        );
    }
    assert_eq!(
        parse_due("fri after next", tuesday)
            .unwrap_err()
            .to_string(),
        "'fri after next' could mean Fri 2026-12-04 or Fri 2026-12-11; type the one you mean, \
         or name its week: fri next week or fri week after next"
    );
    // Each day it names is read as named.
    for word in ["fri next week", "fri week after next"] {
        assert!(parse_due(word, tuesday).is_ok(), "{word}");
    }
    // Looking back, a day to come all the same, as next fri is.
    assert_eq!(
        parse_past_date("fri after next", saturday),
        Ok(d("2026-12-18"))
    );
}

/// Shorthands as people type them read as the words they stand for: `2moro` and `tmr` as
/// tomorrow, a start or end written with stops (`e.o.m.`) as without them, `nxt` as next
/// (asking which Friday where `next fri` does); each got the general words to try or a
/// word to type instead. A word whose letters stand for no date word (`t.o.m.`) is not read.
#[test]
fn shorthands_read_as_the_words_they_stand_for() {
    let tuesday = d("2026-11-24");
    let saturday = d("2026-12-05");
    for today in [tuesday, saturday] {
        for (short, word) in [
            ("2moro", "tomorrow"),
            ("2MORO", "tomorrow"),
            ("tmr", "tomorrow"),
            ("e.o.m.", "eom"),
            ("E.O.M", "eom"),
            ("e.o.w.", "eow"),
            ("s.o.n.w.", "sonw"),
            ("by e.o.m.-1d", "eom-1d"),
            ("nxt fri", "next fri"),
            ("Nxt Friday", "next friday"),
            ("nxt week", "next week"),
            ("fri nxt week", "fri next week"),
            ("end of nxt month", "end of next month"),
        ] {
            let read = parse_due(short, today);
            assert_eq!(
                read.clone().map_err(|e| e.to_string()),
                parse_due(word, today).map_err(|e| e.to_string().replace(word, short)),
                "{short} on {today}"
            );
            assert!(
                read.is_ok() || short.starts_with("nxt f") || short.starts_with("Nxt"),
                "{short} on {today}: {read:?}"
            );
        }
    }
    assert_eq!(parse_due("tmr", saturday), Ok(Some(d("2026-12-06"))));
    assert_eq!(parse_due("e.o.m.", saturday), Ok(Some(d("2026-12-31"))));
    assert_eq!(parse_due("nxt fri", saturday), Ok(Some(d("2026-12-11"))));
    assert_eq!(
        parse_due("nxt fri", tuesday).unwrap_err().to_string(),
        "'nxt fri' could mean Fri 2026-11-27 or Fri 2026-12-04; type the one you mean, or name \
         its week: fri this week or fri next week"
    );
    for word in ["t.o.m.", "e.m.", "e..o.m"] {
        assert!(
            matches!(parse_due(word, saturday), Err(DateError::Bad { .. })),
            "{word}"
        );
    }
}

/// A word with a stop, a comma or `!` after it, as at the end of a sentence (`tomorrow.`),
/// reads as without it, both ways: it was offered the word, and looking back, where
/// `tomorrow` is a day to come and so no word to offer, it got the general words to try,
/// where the field now tells it is after today. A word that does not read without it keeps
/// its own message, and a `?` is still a question, offered the word.
#[test]
fn a_stop_a_comma_or_a_bang_after_a_word_is_read_as_without_it() {
    let saturday = d("2026-12-05");
    for (typed, word) in [
        ("tomorrow.", "tomorrow"),
        ("Tomorrow!", "tomorrow"),
        ("tomorrow,", "tomorrow"),
        ("tomorrow!!", "tomorrow"),
        ("tomorrow .", "tomorrow"),
        ("fri.", "fri"),
        ("eow.", "eow"),
        ("by the 15th.", "15th"),
        ("dec 15, 2027.", "dec 15 2027"),
        ("2026-12-01,", "2026-12-01"),
        ("eom-1d!", "eom-1d"),
        ("someday.", "someday"),
    ] {
        assert_eq!(
            parse_due(typed, saturday),
            parse_due(word, saturday),
            "{typed}"
        );
        assert!(parse_due(typed, saturday).is_ok(), "{typed}");
        assert_eq!(
            read::read(typed, saturday, Direction::Back),
            read::read(word, saturday, Direction::Back),
            "{typed} looking back"
        );
    }
    // Looking back, tomorrow is read as tomorrow, for the field to refuse as a day to come.
    assert_eq!(
        read::read("tomorrow.", saturday, Direction::Back),
        Ok(Some(d("2026-12-06")))
    );
    assert_eq!(parse_past_date("yesterday!", saturday), Ok(d("2026-12-04")));
    for (typed, message) in [
        (
            "feb 30.",
            "'feb 30.' is not a day any year has: February has 28 days, 29 in a leap year",
        ),
        ("15.", "'15.' is a number alone; try 15th or 15d"),
        (
            "1.12.",
            "'1.12.' writes day and month in an order that differs by country; try jan 12 or dec 1",
        ),
        (
            "tomorow.",
            "'tomorow.' is not a date; did you mean tomorrow?",
        ),
        ("fri?", "'fri?' is not a date; did you mean fri?"),
    ] {
        assert_eq!(
            parse_due(typed, saturday).unwrap_err().to_string(),
            message,
            "{typed}"
        );
    }
}

/// A comma after a word that is a date alone ends that date, both ways: words that read as
/// one date without it (`eom +3d`, `dec 15th`) are none with it, which is how `trustladder
/// dates eom, +3d` asks for each word's day. A year, no date alone, still follows its day
/// after a comma (`dec 15, 2027`).
#[test]
fn a_comma_after_a_date_word_ends_its_date() {
    let sunday = d("2026-11-29");
    for (first, second) in [
        ("eom", "+3d"),
        ("eom", "-1d"),
        ("dec", "15th"),
        ("december", "15th"),
        ("15th", "dec"),
        ("fri", "+1w"),
        ("today", "+3d"),
        ("2026-12-01", "+2w"),
    ] {
        let together = format!("{first} {second}");
        let apart = format!("{first}, {second}");
        for direction in [Direction::Ahead, Direction::Back] {
            assert!(
                read::read(&together, sunday, direction).is_ok(),
                "{together} {direction:?}"
            );
            assert!(
                matches!(
                    read::read(&apart, sunday, direction),
                    Err(DateError::Bad { .. })
                ),
                "{apart} {direction:?}"
            );
        }
    }
    assert_eq!(parse_due("dec 15, 2027", sunday), Ok(Some(d("2027-12-15"))));
}

/// A day of this, next or last month said by its number (`15th of next month`, `the
/// fifteenth of next month`, `15th next month`) is that day of that month, never a question,
/// as `fri next week` is: each got the general words to try. A month without that day is
/// offered its end said in full, never rolled over.
#[test]
fn a_day_of_next_or_last_month_reads_as_that_day_of_it() {
    let tuesday = d("2026-12-01");
    let saturday = d("2026-12-05");
    for today in [tuesday, saturday] {
        for (word, day) in [
            ("15th of next month", "2027-01-15"),
            ("the 15th of next month", "2027-01-15"),
            ("fifteenth of next month", "2027-01-15"),
            ("15th next month", "2027-01-15"),
            ("by the Twenty First of next month.", "2027-01-21"),
            ("1st of next month", "2027-01-01"),
            ("31st of next month", "2027-01-31"),
            ("15th of next month+1w", "2027-01-22"),
            ("15th of this month", "2026-12-15"),
            ("15th of the month", "2026-12-15"),
            ("15th of last month", "2026-11-15"),
        ] {
            assert_eq!(
                parse_due(word, today),
                Ok(Some(d(day))),
                "{word} on {today}"
            );
        }
        // Looking back the same day: one to come is then refused as one.
        assert_eq!(
            read::read("15th of next month", today, Direction::Back),
            Ok(Some(d("2027-01-15")))
        );
        assert_eq!(
            parse_past_date("15th of last month", today),
            Ok(d("2026-11-15"))
        );
    }
    let january = d("2027-01-10");
    assert_eq!(
        parse_due("31st of next month", january)
            .unwrap_err()
            .to_string(),
        "'31st of next month' is not a date; did you mean end of next month?"
    );
    assert_eq!(
        parse_due("32nd of next month", january)
            .unwrap_err()
            .to_string(),
        "'32nd of next month' is not a day any year has: no month has more than 31 days"
    );
    // Looking back, the end of next month is no word to offer.
    assert!(matches!(
        parse_past_date("31st of next month", january),
        Err(DateError::Bad {
            suggestion: None,
            ..
        })
    ));
}

/// A two-day word with a length after it (`next fri+1w` on a Tuesday, 11 or 18 December)
/// names the weeks of the days it could mean, a week on: its hint named those of `next fri`
/// (fri this week or fri next week, the 4th and the 11th), one of them no day it meant.
/// Where no words name a day's week (`next fri+2w`), it is named from the furthest that has
/// them, a week or more on: the days written out alone were no words to type.
#[test]
fn a_two_day_word_and_a_length_names_the_weeks_of_its_own_days() {
    let tuesday = d("2026-12-01");
    let said = parse_due("next fri+1w", tuesday).unwrap_err();
    assert_eq!(
        said.to_string(),
        "'next fri+1w' could mean Fri 2026-12-11 or Fri 2026-12-18; type the one you mean, or \
         name its week: fri next week or fri week after next"
    );
    assert_eq!(
        said.short(),
        "Fri 11 Dec or Fri 18 Dec? fri next week or fri week after next"
    );
    assert_eq!(said.fitting(40), "fri next week or fri week after next?");
    // Each week named reads as the day it names.
    assert_eq!(
        parse_due("fri next week", tuesday),
        Ok(Some(d("2026-12-11")))
    );
    assert_eq!(
        parse_due("fri week after next", tuesday),
        Ok(Some(d("2026-12-18")))
    );
    // A length back moves the weekday too: the Tuesdays either side.
    assert_eq!(
        parse_due("next fri-3d", tuesday).unwrap_err().to_string(),
        "'next fri-3d' could mean Tue 2026-12-01 or Tue 2026-12-08; type the one you mean, or \
         name its week: tue this week or tue next week"
    );
    let far = parse_due("next fri+2w", tuesday).unwrap_err();
    assert_eq!(
        far.to_string(),
        "'next fri+2w' could mean Fri 2026-12-18 or Fri 2026-12-25; type the one you mean, or \
         name its week: fri week after next or fri week after next+1w"
    );
    assert_eq!(
        far.short(),
        "Fri 18 Dec or Fri 25 Dec? fri week after next or fri week after next+1w"
    );
    assert_eq!(
        far.fitting(50),
        "fri week after next or fri week after next+1w?"
    );
    assert_eq!(far.fitting(30), "Fri 18 Dec or Fri 25 Dec?");
    // Each so named reads as the day it names, forward and back.
    assert_eq!(
        parse_due("fri week after next+1w", tuesday),
        Ok(Some(d("2026-12-25")))
    );
    let saturday = d("2026-12-05");
    let back = parse_past_date("last fri-2w", saturday).unwrap_err();
    assert_eq!(
        back.to_string(),
        "'last fri-2w' could mean Fri 2026-11-13 or Fri 2026-11-20; type the one you mean, or \
         name its week: fri week before last-1w or fri week before last"
    );
    assert_eq!(
        parse_past_date("fri week before last-1w", saturday),
        Ok(d("2026-11-13"))
    );
}

/// The week before last (its Monday) and a weekday before last (a week before last fri,
/// asked which where that is, as last fri is: looking back on a Saturday) read, the looking
/// back twins of the week and a weekday after next: each got the general words to try.
#[test]
fn the_week_before_last_and_a_weekday_before_last_read() {
    let tuesday = d("2026-12-01");
    let saturday = d("2026-12-05");
    for today in [tuesday, saturday] {
        for word in [
            "week before last",
            "the week before last",
            "Week Before Last",
        ] {
            assert_eq!(parse_past_date(word, today), Ok(d("2026-11-16")), "{word}");
            assert_eq!(parse_due(word, today), Ok(Some(d("2026-11-16"))), "{word}");
        }
        assert_eq!(
            parse_past_date("fri week before last", today),
            Ok(d("2026-11-20"))
        );
    }
    for word in [
        "fri before last",
        "friday before last",
        "the fri before last",
    ] {
        // Each a week before last fri, which is a day of last week on a Tuesday.
        assert_eq!(
            parse_past_date(word, tuesday),
            Ok(d("2026-11-20")),
            "{word}"
        );
        assert_eq!(
            parse_due(word, tuesday),
            Ok(Some(d("2026-11-20"))),
            "{word}"
        );
        // For a due date last fri is the last Friday, overdue already, and a week before it.
        assert_eq!(
            parse_due(word, saturday),
            Ok(Some(d("2026-11-27"))),
            "{word}"
        );
    }
    assert_eq!(
        parse_past_date("fri before last+1d", tuesday),
        Ok(d("2026-11-21"))
    );
    // Looking back on a Saturday, last fri could be yesterday or a week before, and so the
    // Friday before last could be either of the two before those.
    assert_eq!(
        parse_past_date("Friday before last", saturday)
            .unwrap_err()
            .to_string(),
        "'Friday before last' could mean Fri 2026-11-20 or Fri 2026-11-27; type the one you \
         mean, or name its week: fri week before last or fri last week"
    );
    for (word, day) in [
        ("fri week before last", "2026-11-20"),
        ("fri last week", "2026-11-27"),
    ] {
        assert_eq!(parse_past_date(word, saturday), Ok(d(day)), "{word}");
    }
}

/// `the` before a week or weekday after next or before last, or before a word it does not
/// go before, with a stop after it as at the end of a sentence (`the fri after next.`), is
/// read or told as without the stop: `the fri after next.` got the general words to try, and
/// `the eom.` was offered `eom.`, with its stop, and `the 3d.` the length `3d.`.
#[test]
fn the_before_a_word_with_a_stop_after_it_is_read_as_without_it() {
    let tuesday = d("2026-12-01");
    let saturday = d("2026-12-05");
    for (typed, word) in [
        ("the fri after next.", "the fri after next"),
        ("the week after next!", "the week after next"),
        ("the Friday before last,", "the friday before last"),
    ] {
        for today in [tuesday, saturday] {
            for direction in [Direction::Ahead, Direction::Back] {
                assert_eq!(
                    read::read(typed, today, direction).map_err(|e| e.to_string()),
                    read::read(word, today, direction).map_err(|e| e
                        .to_string()
                        .replace(&format!("'{word}'"), &format!("'{typed}'"))),
                    "{typed} on {today} {direction:?}"
                );
            }
        }
    }
    assert_eq!(
        parse_due("the fri after next.", tuesday)
            .unwrap_err()
            .to_string(),
        "'the fri after next.' could mean Fri 2026-12-11 or Fri 2026-12-18; type the one you \
         mean, or name its week: fri next week or fri week after next"
    );
    assert_eq!(
        suggestion_of("the eom.", parse_due("the eom.", tuesday)).as_deref(),
        Some("eom")
    );
    assert_eq!(
        suggestion_of("the 3d.", parse_due("the 3d.", tuesday)),
        None
    );
}

/// A day of the month in words with a slip in it (`fiftenth`, `twenty-frist`) or its words
/// run together (`twentyfirst`), alone or in a phrase, is offered the day in words put
/// right; this, next or last run into a weekday (`nextfri`, `nxtfri`) is read apart, asked
/// which Friday where `next fri` is and else offered. Each got the general words to try.
#[test]
fn a_slip_in_a_day_in_words_or_a_weekday_run_together_is_put_right() {
    let tuesday = d("2026-12-01");
    let saturday = d("2026-12-05");
    for today in [tuesday, saturday] {
        for (word, offered) in [
            ("fiftenth", "fifteenth"),
            ("Fifteeth", "fifteenth"),
            ("twentyfirst", "twenty-first"),
            ("twenty-frist", "twenty-first"),
            ("twenty frist", "twenty-first"),
            ("thirtyfirst", "thirty-first"),
            ("dec fiftenth", "dec fifteenth"),
            ("fiftenth of next month", "fifteenth of next month"),
            ("the fiftenth", "the fifteenth"),
            ("on the twentyfirst.", "the twenty-first"),
            ("lastfri", "last fri"),
            ("thisfri", "this fri"),
            ("nxtweek", "next week"),
        ] {
            assert_eq!(
                suggestion_of(word, parse_due(word, today)).as_deref(),
                Some(offered),
                "{word} on {today}"
            );
        }
        // Looking back, only what reads as a day not after today.
        assert_offered_looking_back(today, &[("fiftenth", Some("fifteenth"))]);
        assert_offered_looking_back(today, &[("nextfri", None)]);
    }
    for word in ["nextfri", "nxtfri", "NextFriday"] {
        assert_eq!(
            suggestion_of(word, parse_due(word, saturday)).as_deref(),
            Some(if word == "NextFriday" {
                "next friday"
            } else {
                "next fri"
            }),
            "{word}"
        );
    }
    assert_eq!(
        parse_due("nxtfri", tuesday).unwrap_err().to_string(),
        "'nxtfri' could mean Fri 2026-12-04 or Fri 2026-12-11; type the one you mean, or name \
         its week: fri this week or fri next week"
    );
    assert_eq!(
        parse_past_date("lastfri", saturday).unwrap_err().short(),
        "Fri 27 Nov or Fri 4 Dec? fri last week or fri this week"
    );
}

/// This, next or last with a slip in the weekday after it, run into it or not (`nextfr`,
/// `next fir`, `nxtfr`), or a length after it (`nextfri+2w`), is offered the words put
/// right where they read, and asked which Friday where `next fri` is: each was told only the
/// general words to try, and `lastfr` was offered later. A slip as near a period's name
/// (`next wek`) is still offered the period (next week), not a weekday (next wed).
#[test]
fn a_slip_in_a_weekday_after_next_is_put_right() {
    let tuesday = d("2026-11-24");
    let saturday = d("2026-11-28");
    for (word, offered) in [
        ("nextfr", "next fri"),
        ("next fir", "next fri"),
        ("nextfir", "next fri"),
        ("nxtfr", "next fri"),
        ("nxt fir", "next fri"),
        ("nextfri+2w", "next fri+2w"),
        ("nextfri +2w", "next fri +2w"),
        ("next thr", "next thu"),
        ("lastfr", "last fri"),
        ("next wek", "next week"),
        ("nextwek", "next week"),
        ("next mont", "next month"),
    ] {
        assert_eq!(
            suggestion_of(word, parse_due(word, saturday)).as_deref(),
            Some(offered),
            "{word}"
        );
    }
    assert_eq!(
        suggestion_of("lastfr", parse_due("lastfr", tuesday)).as_deref(),
        Some("last fri")
    );
    // Where a slip was put right, the words it was read as are named with the question, so
    // that a weekday far from the one typed (`next blursday`) is not taken unseen.
    for (word, read_as) in [
        ("nextfr", ""),
        ("next fr", ""),
        ("next fir", ", read as next fri,"),
        ("nxt fir", ", read as next fri,"),
        ("next frday", ", read as next fri,"),
    ] {
        assert_eq!(
            parse_due(word, tuesday).unwrap_err().to_string(),
            format!(
                "'{word}'{read_as} could mean Fri 2026-11-27 or Fri 2026-12-04; type the one you \
                 mean, or name its week: fri this week or fri next week"
            ),
        );
    }
    assert_eq!(
        parse_due("next blursday", tuesday).unwrap_err().to_string(),
        "'next blursday', read as next thu, could mean Thu 2026-11-26 or Thu 2026-12-03; type \
         the one you mean, or name its week: thu this week or thu next week"
    );
    assert_eq!(
        parse_due("nextfri+2w", tuesday).unwrap_err().to_string(),
        "'nextfri+2w' could mean Fri 2026-12-11 or Fri 2026-12-18; type the one you mean, or \
         name its week: fri week after next or fri week after next+1w"
    );
}

/// A weekday said after its week (`next week fri`, `next week, friday`) is offered as the
/// words here say it, the weekday first (`fri next week`): it got the general words to try.
#[test]
fn a_weekday_after_its_week_is_offered_with_the_weekday_first() {
    let tuesday = d("2026-11-24");
    assert_offered_for_due(
        tuesday,
        &[
            ("next week fri", Some("fri next week")),
            ("next week, friday", Some("friday next week")),
            ("this week fri", Some("fri this week")),
            ("last week fri", Some("fri last week")),
            ("week after next fri", Some("fri week after next")),
        ],
    );
    // Looking back, only a day that has been.
    assert_offered_looking_back(
        tuesday,
        &[
            ("last week fri", Some("fri last week")),
            ("next week fri", None),
        ],
    );
}

/// A length said in its time, as British English says it (`in 2 weeks' time`, `a week's
/// time`, with a typographic apostrophe or none), is offered as `in` says it: it got the
/// general words to try.
#[test]
fn a_length_in_its_time_is_offered_as_in_says_it() {
    let tuesday = d("2026-11-24");
    assert_offered_for_due(
        tuesday,
        &[
            ("in 2 weeks' time", Some("in 2 weeks")),
            ("in 2 weeks\u{2019} time", Some("in 2 weeks")),
            ("2 weeks time", Some("in 2 weeks")),
            ("a week's time", Some("in a week")),
            ("in three days time", Some("in three days")),
            ("time", None),
            ("in time", None),
        ],
    );
    // Looking back, a day to come is offered nothing.
    assert_offered_looking_back(tuesday, &[("3 days time", None)]);
}

/// A day with its end said too (`fri eod`, `eod tmrw`, `end of day friday`) is offered the
/// day, as `eod` alone is today: it got the general words to try.
#[test]
fn a_day_with_its_end_said_is_offered_the_day() {
    let tuesday = d("2026-11-24");
    assert_offered_for_due(
        tuesday,
        &[
            ("fri eod", Some("fri")),
            ("eod fri", Some("fri")),
            ("eod, friday", Some("friday")),
            ("eod on fri", Some("fri")),
            ("end of day friday", Some("friday")),
            ("fri at end of day", Some("fri")),
            ("tmrw eod", Some("tmrw")),
            ("eod tomorrow", Some("tomorrow")),
        ],
    );
    // Looking back, only a day that has been.
    assert_offered_looking_back(
        tuesday,
        &[("yesterday eod", Some("yesterday")), ("tmrw eod", None)],
    );
}

/// A morning or an afternoon as a clock says it, after a day (`fri am`, `tomorrow pm`), is a
/// time, told to try the day: `fri am` was offered friday as a slip, and `tomorrow pm` the
/// general words.
#[test]
fn am_or_pm_after_a_day_is_a_time() {
    let tuesday = d("2026-11-24");
    assert_told_a_time(
        tuesday,
        &[
            ("fri am", Some("fri")),
            ("tomorrow pm", Some("tomorrow")),
            ("pm fri", Some("fri")),
            ("am", None),
        ],
    );
}

/// A length with its sign after `in` (`in -1 week`) is offered with its sign (`-1 week`): it
/// was offered `in 1 week`, a week on where a week back was typed.
#[test]
fn a_sign_after_in_is_kept_in_the_word_offered() {
    let tuesday = d("2026-11-24");
    assert_offered_for_due(
        tuesday,
        &[
            ("in -1 week", Some("-1 week")),
            ("in -3 days", Some("-3 days")),
            ("in - 3 days", Some("-3 days")),
            ("in +3d", Some("+3d")),
        ],
    );
    assert_offered_looking_back(tuesday, &[("in -1 week", Some("-1 week"))]);
}

/// Tonight as it is texted (`tonite`, `2nite`, `fri 2nite`) is a time, as `tonight` is, told
/// to try the day: it was told only the words to try.
#[test]
fn tonight_as_texted_is_a_time() {
    let tuesday = d("2026-11-24");
    assert_told_a_time(
        tuesday,
        &[
            ("tonite", None),
            ("2nite", None),
            ("fri 2nite", Some("fri")),
        ],
    );
}

/// The start or end of a period said by the short form of its name (`end of wk`, `start of
/// next mo`, `end of the qtr`) is offered the name in full: it got the general words to try.
#[test]
fn an_edge_of_a_period_said_short_is_offered_in_full() {
    let tuesday = d("2026-11-24");
    assert_offered_for_due(
        tuesday,
        &[
            ("end of wk", Some("end of week")),
            ("end of the wk", Some("end of the week")),
            ("start of next wk", Some("start of next week")),
            ("end of next mo", Some("end of next month")),
            ("end of yr", Some("end of year")),
            ("end of qtr", Some("end of quarter")),
            ("end of q", Some("end of quarter")),
            ("wk", None),
        ],
    );
    assert_eq!(
        suggestion_of(
            "start of this wk",
            parse_past_date("start of this wk", tuesday)
        )
        .as_deref(),
        Some("start of this week")
    );
}

/// Previous, or prev as it is written short, is offered as the words here say it: previous
/// in full where that reads (`end of prev month`), else last (`previous week`, `prev fri`):
/// each got the general words to try, though `end of previous month` reads.
#[test]
fn previous_is_offered_as_it_reads() {
    let tuesday = d("2026-11-24");
    assert_offered_for_due(
        tuesday,
        &[
            ("previous week", Some("last week")),
            ("prev week", Some("last week")),
            ("prev. week", Some("last week")),
            ("previous fri", Some("last fri")),
            ("the previous month", Some("last month")),
            ("end of prev month", Some("end of previous month")),
            ("prev", None),
        ],
    );
    assert_offered_looking_back(tuesday, &[("prev fri", Some("last fri"))]);
}

/// Lengths run together (`1w1d`, `-2w3d`) are offered joined by the sign of the first, or +
/// (`1w+1d`, `-2w-3d`), as a length after a length reads: they got the general words to try.
#[test]
fn lengths_run_together_are_offered_joined() {
    let tuesday = d("2026-11-24");
    assert_offered_for_due(
        tuesday,
        &[
            ("1w1d", Some("1w+1d")),
            ("2wk3d", Some("2wk+3d")),
            ("+1m2w", Some("+1m+2w")),
            ("-2w3d", Some("-2w-3d")),
        ],
    );
    assert_eq!(parse_due("1w+1d", tuesday), Ok(Some(d("2026-12-02"))));
    assert_eq!(parse_due("-2w-3d", tuesday), Ok(Some(d("2026-11-07"))));
    // Looking back, only a length back.
    assert_offered_looking_back(tuesday, &[("-1w1d", Some("-1w-1d")), ("1w1d", None)]);
}
