//! Date words: the short ways people say a day on the command line and in forms.
//!
//! No crate parses relative words like `+3d` or `eow` the way a ledger wants (calendar days,
//! relative to a given today rather than the clock), so this is written here, small and
//! exhaustively tested.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// What was wrong with a date word; the message lists what is accepted, or the years a date
/// may fall in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error(
        "bad date '{0}': use YYYY-MM-DD, today, tomorrow, yesterday, mon..sun, +3d, +2w, +1m, -3d, eow or eom"
    )]
    Bad(String),
    /// A day outside the years 1 to 9999, which `YYYY-MM-DD` cannot write; `day` is the day
    /// a word like `tomorrow` meant.
    #[error(
        "'{word}'{} is outside the years 1 to 9999 that a date may fall in ({RANGE})",
        .day.map(|d| format!(" ({d})")).unwrap_or_default()
    )]
    OutOfRange {
        word: String,
        day: Option<NaiveDate>,
    },
}

/// The days a date may be: those `YYYY-MM-DD` can write. The file holds only these, so the
/// program can always read back what it wrote.
pub const RANGE: &str = "0001-01-01 to 9999-12-31";

/// Whether `day` falls in the years 1 to 9999 (see [`RANGE`]).
pub fn in_range(day: NaiveDate) -> bool {
    (1..=9999).contains(&day.year())
}

/// Whether `text` has the shape of a `YYYY-MM-DD` date but a longer year, a sign, or year 0
/// (`99999-01-01`, `0000-06-01`, `+10000-01-01`), so a message can say the year is the fault.
pub fn is_out_of_range(text: &str) -> bool {
    let text = text.trim();
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let mut parts = unsigned.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(year)
        && month.len() == 2
        && day.len() == 2
        && digits(month)
        && digits(day)
        && (year.len() > 4 || year == "0000" || unsigned.len() != text.len())
}

/// The accepted words, for help texts.
pub const DATE_WORDS: &str =
    "YYYY-MM-DD, today, tomorrow, yesterday, mon..sun (the next one), +3d, +2w, +1m, -3d, eow, eom";

/// Parses a date word relative to `today`.
///
/// - `YYYY-MM-DD`
/// - `today`, `tomorrow`, `yesterday`
/// - a weekday (`fri`, `friday`): the next such day after today, so `fri` on a Friday is a
///   week away
/// - `+3d`, `+2w`, `+1m` ahead, and `-3d`, `-2w`, `-1m` back (months clamp to the month's last
///   day: `+1m` from 31 January is the last day of February)
/// - `eow`: the coming Sunday (today if it is Sunday); `eom`: the last day of this month
///
/// A day outside the years 1 to 9999 is refused, naming the range.
///
/// ```
/// use chrono::NaiveDate;
/// use trustladder::core::dates::parse_date;
///
/// let tuesday = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
/// let day = |word| parse_date(word, tuesday).map(|d| d.to_string());
/// assert_eq!(day("fri").as_deref(), Ok("2026-11-27"));
/// assert_eq!(day("+2w").as_deref(), Ok("2026-12-08"));
/// assert_eq!(day("eom").as_deref(), Ok("2026-11-30"));
/// assert!(day("someday").is_err());
/// ```
pub fn parse_date(word: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let day = read_word(word, today)?;
    if !in_range(day) {
        return Err(DateError::OutOfRange {
            word: word.trim().to_string(),
            day: Some(day),
        });
    }
    Ok(day)
}

/// The day a word means, in any year chrono can hold.
fn read_word(word: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let bad = || DateError::Bad(word.to_string());
    let w = word.trim().to_ascii_lowercase();
    if w.is_empty() {
        return Err(bad());
    }
    if is_out_of_range(&w) {
        return Err(DateError::OutOfRange {
            word: word.trim().to_string(),
            day: None,
        });
    }
    if w.as_bytes()[0].is_ascii_digit() {
        return parse_iso(&w).ok_or_else(bad);
    }
    match w.as_str() {
        "today" | "tod" => return Ok(today),
        "tomorrow" | "tom" => return today.checked_add_days(Days::new(1)).ok_or_else(bad),
        "yesterday" => return today.checked_sub_days(Days::new(1)).ok_or_else(bad),
        "eow" => {
            let ahead = 6 - today.weekday().num_days_from_monday();
            return today
                .checked_add_days(Days::new(u64::from(ahead)))
                .ok_or_else(bad);
        }
        "eom" => return end_of_month(today).ok_or_else(bad),
        _ => {}
    }
    if let Some(day) = weekday(&w) {
        let now = today.weekday().num_days_from_monday();
        let target = day.num_days_from_monday();
        let ahead = (target + 7 - now) % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return today
            .checked_add_days(Days::new(u64::from(ahead)))
            .ok_or_else(bad);
    }
    relative(&w, today).ok_or_else(bad)
}

/// Parses a date word for a day that has passed (an outcome's day, `--on`): as
/// [`parse_date`], but a weekday means the last such day (today, if today is that day), never
/// a future one.
///
/// ```
/// use chrono::NaiveDate;
/// use trustladder::core::dates::parse_past_date;
///
/// let tuesday = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
/// let day = |word| parse_past_date(word, tuesday).map(|d| d.to_string());
/// assert_eq!(day("mon").as_deref(), Ok("2026-11-23"));
/// assert_eq!(day("tue").as_deref(), Ok("2026-11-24"));
/// assert_eq!(day("wed").as_deref(), Ok("2026-11-18"));
/// ```
pub fn parse_past_date(word: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let w = word.trim().to_ascii_lowercase();
    if let Some(day) = weekday(&w) {
        let now = today.weekday().num_days_from_monday();
        let back = (now + 7 - day.num_days_from_monday()) % 7;
        return today
            .checked_sub_days(Days::new(u64::from(back)))
            .ok_or_else(|| DateError::Bad(word.to_string()));
    }
    parse_date(word, today)
}

/// Parses a strict `YYYY-MM-DD` in the years 1 to 9999.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    // By hand rather than with a format string: every day in a file is read through here.
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?).filter(|day| in_range(*day))
}

fn weekday(w: &str) -> Option<Weekday> {
    const NAMES: [(&str, &str, Weekday); 7] = [
        ("mon", "monday", Weekday::Mon),
        ("tue", "tuesday", Weekday::Tue),
        ("wed", "wednesday", Weekday::Wed),
        ("thu", "thursday", Weekday::Thu),
        ("fri", "friday", Weekday::Fri),
        ("sat", "saturday", Weekday::Sat),
        ("sun", "sunday", Weekday::Sun),
    ];
    NAMES
        .iter()
        .find(|(short, long, _)| w == *short || w == *long)
        .map(|(_, _, day)| *day)
}

fn relative(w: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (sign, rest) = match w.as_bytes().first()? {
        b'+' => (1, &w[1..]),
        b'-' => (-1, &w[1..]),
        _ => return None,
    };
    let unit = rest.chars().last()?;
    let digits = &rest[..rest.len() - unit.len_utf8()];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    match (unit, sign) {
        ('d', 1) => today.checked_add_days(Days::new(u64::from(n))),
        ('d', _) => today.checked_sub_days(Days::new(u64::from(n))),
        ('w', 1) => today.checked_add_days(Days::new(u64::from(n) * 7)),
        ('w', _) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        ('m', 1) => today.checked_add_months(Months::new(n)),
        ('m', _) => today.checked_sub_months(Months::new(n)),
        _ => None,
    }
}

/// The last day of `day`'s month.
pub fn end_of_month(day: NaiveDate) -> Option<NaiveDate> {
    day.with_day(1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// The Sunday that ends `day`'s week (Monday to Sunday).
pub fn end_of_week(day: NaiveDate) -> NaiveDate {
    let ahead = 6 - day.weekday().num_days_from_monday();
    day.checked_add_days(Days::new(u64::from(ahead)))
        .unwrap_or(day)
}

/// Whole days from `earlier` to `later` (negative if `later` is before).
pub fn days_between(earlier: NaiveDate, later: NaiveDate) -> i64 {
    (later - earlier).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    #[test]
    fn words_relative_to_a_tuesday() {
        let today = d("2026-11-24"); // a Tuesday
        let cases = [
            ("2026-12-01", "2026-12-01"),
            ("today", "2026-11-24"),
            ("TODAY", "2026-11-24"),
            ("tomorrow", "2026-11-25"),
            ("yesterday", "2026-11-23"),
            ("mon", "2026-11-30"),
            ("tue", "2026-12-01"),
            ("wed", "2026-11-25"),
            ("fri", "2026-11-27"),
            ("friday", "2026-11-27"),
            ("sun", "2026-11-29"),
            ("+3d", "2026-11-27"),
            ("+0d", "2026-11-24"),
            ("+2w", "2026-12-08"),
            ("+1m", "2026-12-24"),
            ("-3d", "2026-11-21"),
            ("-1w", "2026-11-17"),
            ("-1m", "2026-10-24"),
            ("eow", "2026-11-29"),
            ("eom", "2026-11-30"),
            (" +10d ", "2026-12-04"),
        ];
        for (word, want) in cases {
            assert_eq!(parse_date(word, today), Ok(d(want)), "word {word}");
        }
    }

    #[test]
    fn edges_of_weeks_and_months() {
        let sunday = d("2026-11-29");
        assert_eq!(parse_date("eow", sunday), Ok(sunday));
        assert_eq!(parse_date("sun", sunday), Ok(d("2026-12-06")));
        let jan31 = d("2027-01-31");
        assert_eq!(parse_date("+1m", jan31), Ok(d("2027-02-28")));
        assert_eq!(parse_date("eom", d("2028-02-03")), Ok(d("2028-02-29")));
        assert_eq!(parse_date("eom", d("2026-12-31")), Ok(d("2026-12-31")));
        assert_eq!(parse_date("tomorrow", d("2026-12-31")), Ok(d("2027-01-01")));
    }

    #[test]
    fn anything_else_is_a_clear_error() {
        let today = d("2026-11-24");
        for word in [
            "",
            "soon",
            "2026-13-01",
            "2026-02-30",
            "26-11-01",
            "2026-1-1",
            "+d",
            "+3x",
            "3d",
            "+-3d",
            "+3dd",
            "friday13",
            "+99999999999d",
            "+3🚀",
        ] {
            let err = parse_date(word, today).unwrap_err();
            assert!(
                err.to_string().starts_with(&format!("bad date '{word}'")),
                "{word}: {err}"
            );
        }
    }

    #[test]
    fn days_outside_the_years_1_to_9999_are_refused_naming_the_range() {
        let last = d("9999-12-31");
        assert_eq!(parse_date("today", last), Ok(last));
        assert_eq!(
            parse_date("tomorrow", last).unwrap_err().to_string(),
            "'tomorrow' (+10000-01-01) is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)"
        );
        assert!(matches!(
            parse_date("+1m", last),
            Err(DateError::OutOfRange { .. })
        ));
        let first = d("0001-01-01");
        assert!(matches!(
            parse_date("yesterday", first),
            Err(DateError::OutOfRange { .. })
        ));
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
        assert!(!is_out_of_range("soon"));
    }

    #[test]
    fn end_of_week_is_sunday() {
        assert_eq!(end_of_week(d("2026-11-23")), d("2026-11-29"));
        assert_eq!(end_of_week(d("2026-11-29")), d("2026-11-29"));
    }
}
