//! The shapes a date word may take, each read on its own: an ISO day, a named word, a
//! weekday, a month, a day of the month, a month and a day, a length; and why a day a shape
//! names does not exist.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::read::{Direction, Found, Miss, beyond, digits};
use super::words::{Edge, Rule, Unit, WORDS};
use super::{DateError, parse_iso};

/// The weekdays by their full names.
pub(super) const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// The months by their full names.
pub(super) const MONTHS: [(&str, u32); 12] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// `w` as no day any year has, and why (see [`why_no_day`]).
pub(super) fn no_such_day(w: &str, why: impl Into<String>) -> Miss {
    Miss::Wrong(DateError::NoSuchDay {
        word: w.to_string(),
        why: why.into(),
    })
}

/// Why month `m`'s day `d` is no day, in the words that find the right one without a
/// calendar: the month's length, of `year` where one is named and it differs by year
/// (`February 2026 has 28 days`), or how many months a year has and days a month.
pub(super) fn why_no_day(year: Option<u32>, m: u32, d: u32) -> String {
    let month = m
        .checked_sub(1)
        .and_then(|i| MONTHS.get(usize::try_from(i).ok()?));
    let Some((name, _)) = month else {
        return if m == 0 {
            "months are numbered from 1"
        } else {
            "a year has 12 months"
        }
        .to_string();
    };
    if let Some(why) = why_no_day_of_month(d) {
        return why.to_string();
    }
    let name = crate::core::text::capitalized(name);
    let days = |year: i32| {
        NaiveDate::from_ymd_opt(year, m, 1)
            .and_then(super::end_of_month)
            .map_or(31, |end| end.day())
    };
    match (m, year.and_then(|y| i32::try_from(y).ok())) {
        (2, Some(y)) => format!("{name} {y} has {} days", days(y)),
        (2, None) => format!("{name} has 28 days, 29 in a leap year"),
        _ => format!("{name} has {} days", days(2001)),
    }
}

/// Why day `d` is no day of any month, where it is none: `0th`, `32nd`.
pub(super) fn why_no_day_of_month(d: u32) -> Option<&'static str> {
    match d {
        0 => Some("days are numbered from 1"),
        32.. => Some("no month has more than 31 days"),
        _ => None,
    }
}

/// A day other years have but `year` lacks (29 February, week 53, day 366), and why.
pub(super) fn not_in_year(w: &str, year: u32, why: &'static str) -> Miss {
    Miss::Wrong(DateError::NotInYear {
        word: w.to_string(),
        year,
        why,
    })
}

/// `YYYY-MM-DD`, `YYYY-MM`, `YYYY-DDD`, `YYYY-Www`, `YYYY-Www-D`, and `MM-DD`.
pub(super) fn iso(w: &str, today: NaiveDate, direction: Direction) -> Found {
    let parts: Vec<&str> = w.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            match (digits(y), digits(m), digits(d)) {
                (Some(y), Some(m), Some(d)) => parse_iso(w).ok_or_else(|| {
                    // 29 February: a day of leap years, not of this one.
                    if (m, d) == (2, 29) {
                        not_in_year(w, y, "is not a leap year")
                    } else {
                        no_such_day(w, why_no_day(Some(y), m, d))
                    }
                }),
                _ => Err(Miss::NotThis),
            }
        }
        [y, m] if y.len() == 4 && m.len() == 2 => match (digits(y), digits(m)) {
            (Some(y), Some(m)) => {
                let year = i32::try_from(y).map_err(|_| beyond(w))?;
                NaiveDate::from_ymd_opt(year, m, 1)
                    .ok_or_else(|| no_such_day(w, why_no_day(None, m, 1)))
            }
            _ => Err(Miss::NotThis),
        },
        [y, week] | [y, week, _] if y.len() == 4 && week.starts_with('w') && week.len() == 3 => {
            let day = match parts.get(2) {
                None => Some(1),
                Some(d) if d.len() == 1 => digits(d),
                Some(_) => None,
            };
            match (digits(y), digits(&week[1..]), day) {
                (Some(y), Some(wk), Some(d)) => {
                    let weekday =
                        Weekday::try_from(u8::try_from(d.wrapping_sub(1)).unwrap_or(9))
                            .map_err(|_| no_such_day(w, "a week's days are numbered 1 to 7"))?;
                    let year = i32::try_from(y).map_err(|_| beyond(w))?;
                    NaiveDate::from_isoywd_opt(year, wk, weekday).ok_or_else(|| match wk {
                        53 => not_in_year(w, y, "has 52 weeks"),
                        0 => no_such_day(w, "weeks are numbered from 1"),
                        _ => no_such_day(w, "a year has 52 or 53 weeks"),
                    })
                }
                _ => Err(Miss::NotThis),
            }
        }
        [y, d] if y.len() == 4 && d.len() == 3 => match (digits(y), digits(d)) {
            (Some(y), Some(d)) => {
                let year = i32::try_from(y).map_err(|_| beyond(w))?;
                NaiveDate::from_yo_opt(year, d).ok_or_else(|| match d {
                    366 => not_in_year(w, y, "has 365 days"),
                    0 => no_such_day(w, "days are numbered from 1"),
                    _ => no_such_day(w, "a year has 365 or 366 days"),
                })
            }
            _ => Err(Miss::NotThis),
        },
        [m, d] if m.len() == 2 && d.len() == 2 => match (digits(m), digits(d)) {
            (Some(m), Some(d)) => month_day(w, m, d, today, direction),
            _ => Err(Miss::NotThis),
        },
        _ => Err(Miss::NotThis),
    }
}

/// A named word of the table (`today`, `eoq`, `next week`…).
pub(super) fn named(w: &str, today: NaiveDate, _: Direction) -> Found {
    let undotted = undotted(w);
    let spelled = undotted.as_deref().unwrap_or(w);
    let Some((edge, unit, shift)) = WORDS.iter().find_map(|word| match word.rule {
        Rule::Named { edge, unit, shift } if word.spellings.contains(&spelled) => {
            Some((edge, unit, shift))
        }
        _ => None,
    }) else {
        return Err(Miss::NotThis);
    };
    period(today, edge, unit, shift).ok_or_else(|| beyond(w))
}

/// `e.o.m.`, `s.o.n.w`: a short word for the start or end of a period written as an
/// abbreviation is, a stop after each letter, as the word without them (`eom`). Only those
/// words: their letters stand for words (end of month), where `t.o.m.` stands for none.
pub(super) fn undotted(w: &str) -> Option<String> {
    let letters: Vec<&str> = w.strip_suffix('.').unwrap_or(w).split('.').collect();
    let word = letters.concat();
    (letters.len() >= 3
        && letters
            .iter()
            .all(|letter| letter.len() == 1 && letter.bytes().all(|b| b.is_ascii_lowercase()))
        && (word.starts_with("eo") || word.starts_with("so")))
    .then_some(word)
}

/// `w` with `nxt`, as next is written short, spelled out (`nxt fri`: `next fri`), so it
/// reads wherever next does.
pub(super) fn next_spelled_out(w: &str) -> String {
    w.split(' ')
        .map(|word| if word == "nxt" { "next" } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first or last day of the period `shift` periods from the one holding `today`.
pub(super) fn period(today: NaiveDate, edge: Edge, unit: Unit, shift: i32) -> Option<NaiveDate> {
    let months = |n: i32| -> Option<NaiveDate> {
        let first = today.with_day(1)?;
        if n >= 0 {
            first.checked_add_months(Months::new(n.unsigned_abs()))
        } else {
            first.checked_sub_months(Months::new(n.unsigned_abs()))
        }
    };
    let (start, len_months) = match unit {
        Unit::Day => {
            let day = shift_days(today, i64::from(shift))?;
            return Some(day);
        }
        Unit::Week | Unit::WorkWeek => {
            let monday = shift_days(today, -i64::from(today.weekday().num_days_from_monday()))?;
            let monday = shift_days(monday, 7 * i64::from(shift))?;
            let last = if unit == Unit::Week { 6 } else { 4 };
            return match edge {
                Edge::Start => Some(monday),
                Edge::End => shift_days(monday, last),
            };
        }
        Unit::Month => (months(shift)?, 1),
        Unit::Quarter => {
            let into = i32::try_from(today.month0() % 3).ok()?;
            (months(3 * shift - into)?, 3)
        }
        Unit::Year => {
            let into = i32::try_from(today.month0()).ok()?;
            (months(12 * shift - into)?, 12)
        }
    };
    match edge {
        Edge::Start => Some(start),
        Edge::End => start
            .checked_add_months(Months::new(len_months))?
            .pred_opt(),
    }
}

pub(super) fn shift_days(day: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        day.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        day.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// An amount of days, weeks, months or years, forward or back.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shift {
    back: bool,
    days: u64,
    months: u32,
}

impl Shift {
    pub(super) fn apply(self, day: NaiveDate) -> Option<NaiveDate> {
        let day = if self.back {
            day.checked_sub_days(Days::new(self.days))?
                .checked_sub_months(Months::new(self.months))?
        } else {
            day.checked_add_days(Days::new(self.days))?
                .checked_add_months(Months::new(self.months))?
        };
        Some(day)
    }
}

/// A unit of a length, as the date words spell it after a number (`2wks`, `3 months`). The
/// one table of spellings, so whatever else reads a length (a keep-in-touch cadence) takes
/// the same words as a due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthUnit {
    Day,
    Week,
    Fortnight,
    Month,
    Year,
}

impl LengthUnit {
    /// The unit `word` spells (lowercase), if any.
    pub fn read(word: &str) -> Option<LengthUnit> {
        Some(match word {
            "d" | "day" | "days" => LengthUnit::Day,
            "w" | "wk" | "wks" | "week" | "weeks" => LengthUnit::Week,
            "fortnight" | "fortnights" => LengthUnit::Fortnight,
            "m" | "mo" | "mos" | "month" | "months" => LengthUnit::Month,
            "y" | "yr" | "yrs" | "year" | "years" => LengthUnit::Year,
            _ => return None,
        })
    }

    /// Whether `word` may stand alone for one of its unit (`week`, `fortnights`): only a
    /// unit spelled out does, as `d` or `m` alone is no length.
    pub fn alone(word: &str) -> bool {
        word.len() >= 4 && LengthUnit::read(word).is_some()
    }
}

/// `3d`, `+3d`, `-3 days`, `in 3 days`, `2wk`, `2 weeks`, `week`, `fortnight`, `1mo`, `1m`,
/// `1y`, `1 year`.
pub(super) fn parse_duration(w: &str) -> Option<Shift> {
    let (back, rest) = match w.as_bytes().first()? {
        b'+' => (false, w[1..].trim_start()),
        b'-' => (true, w[1..].trim_start()),
        _ => (false, w.strip_prefix("in ").unwrap_or(w)),
    };
    let split = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (number, unit) = rest.split_at(split);
    let unit = unit.trim();
    let n: u64 = if number.is_empty() {
        1
    } else {
        u64::from(digits(number)?)
    };
    if number.is_empty() && w.starts_with(['+', '-']) {
        return None;
    }
    let (days, months) = match LengthUnit::read(unit)? {
        LengthUnit::Day => (n, 0),
        LengthUnit::Week => (n.checked_mul(7)?, 0),
        LengthUnit::Fortnight => (n.checked_mul(14)?, 0),
        LengthUnit::Month => (0, n),
        LengthUnit::Year => (0, n.checked_mul(12)?),
    };
    if number.is_empty() && !LengthUnit::alone(unit) {
        return None;
    }
    Some(Shift {
        back,
        days,
        months: u32::try_from(months).ok()?,
    })
}

pub(super) fn duration(w: &str, today: NaiveDate, _: Direction) -> Found {
    match parse_duration(w) {
        Some(shift) => shift.apply(today).ok_or_else(|| beyond(w)),
        None => Err(Miss::NotThis),
    }
}

/// The name in `names` that `w` is a prefix of, three letters or more. Two letters are too
/// few to be sure, so they are refused naming what they could mean (`ju`: june or july).
pub(super) fn by_prefix<T: Copy>(w: &str, names: &[(&'static str, T)]) -> Result<Option<T>, Miss> {
    if w.len() < 2 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return Ok(None);
    }
    let found: Vec<(&'static str, T)> = names
        .iter()
        .copied()
        .filter(|(name, _)| name.starts_with(w))
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [(_, one)] if w.len() >= 3 => Ok(Some(*one)),
        [(name, _)] => Err(Miss::Short {
            part: w.to_string(),
            name,
        }),
        many => Err(Miss::Wrong(DateError::Ambiguous {
            word: w.to_string(),
            candidates: many.iter().map(|(name, _)| (*name).to_string()).collect(),
        })),
    }
}

/// A weekday: the next one after today, or the last one up to today.
pub(super) fn weekday(w: &str, today: NaiveDate, direction: Direction) -> Found {
    let Some(day) = by_prefix(w, &WEEKDAYS)? else {
        return Err(Miss::NotThis);
    };
    let now = today.weekday().num_days_from_monday();
    let target = day.num_days_from_monday();
    let found = match direction {
        Direction::Ahead => {
            let ahead = (target + 7 - now) % 7;
            shift_days(today, i64::from(if ahead == 0 { 7 } else { ahead }))
        }
        Direction::Back => shift_days(today, -i64::from((now + 7 - target) % 7)),
    };
    found.ok_or_else(|| beyond(w))
}

/// A month alone: the 1st of the next such month, or of the last one up to today.
pub(super) fn month(w: &str, today: NaiveDate, direction: Direction) -> Found {
    let Some(m) = by_prefix(w, &MONTHS)? else {
        return Err(Miss::NotThis);
    };
    let this_year = NaiveDate::from_ymd_opt(today.year(), m, 1).ok_or_else(|| beyond(w))?;
    let found = match direction {
        Direction::Ahead if this_year <= today => this_year.checked_add_months(Months::new(12)),
        Direction::Back if this_year > today => this_year.checked_sub_months(Months::new(12)),
        _ => Some(this_year),
    };
    found.ok_or_else(|| beyond(w))
}

/// The days of the month first to nineteenth in words, and twentieth and thirtieth: the
/// rest are these after twenty or thirty (`twenty-first`).
pub(super) const ORDINAL_WORDS: [(&str, u32); 21] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

/// `15th`, or `fifteenth` and `twenty-first` as the day of the month is said in words: its
/// number. A number past 31 in words (`thirty-second`) is one still, to be told no month
/// has it, as `32nd` is.
pub(super) fn ordinal_number(w: &str) -> Option<u32> {
    if let Some(n) = ordinal_in_words(w) {
        return Some(n);
    }
    let split = w.find(|c: char| !c.is_ascii_digit())?;
    let (number, suffix) = w.split_at(split);
    let n = digits(number)?;
    let want = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    (suffix == want).then_some(n)
}

/// `fifteenth`, `twenty-first`: the number of a day of the month said in words.
pub(super) fn ordinal_in_words(w: &str) -> Option<u32> {
    let word = |w: &str| {
        ORDINAL_WORDS
            .iter()
            .find(|(name, _)| *name == w)
            .map(|(_, n)| *n)
    };
    let tens = [("twenty-", 20), ("thirty-", 30)]
        .into_iter()
        .find_map(|(tens, n)| Some((n, w.strip_prefix(tens)?)));
    match tens {
        Some((tens, unit)) => word(unit).filter(|n| *n < 10).map(|n| tens + n),
        None => word(w),
    }
}

/// `w` with a day of the month said in two words joined as one (`twenty first`, as
/// `twenty-first`), so that it reads wherever that does (`dec twenty first`).
pub(super) fn ordinals_joined(w: &str) -> String {
    let words: Vec<&str> = w.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut at = 0;
    while at < words.len() {
        let joined = format!("{}-{}", words[at], words.get(at + 1).unwrap_or(&""));
        if matches!(words[at], "twenty" | "thirty") && ordinal_in_words(&joined).is_some() {
            out.push(joined);
            at += 2;
        } else {
            out.push(words[at].to_string());
            at += 1;
        }
    }
    out.join(" ")
}

/// A day of the month alone: the next day after today with that number that exists, or the
/// last one up to today.
pub(super) fn ordinal(w: &str, today: NaiveDate, direction: Direction) -> Found {
    let Some(n) = ordinal_number(w) else {
        return Err(Miss::NotThis);
    };
    if let Some(why) = why_no_day_of_month(n) {
        return Err(no_such_day(w, why));
    }
    let first = today.with_day(1).ok_or_else(|| beyond(w))?;
    for i in 0..13u32 {
        let month = match direction {
            Direction::Ahead => first.checked_add_months(Months::new(i)),
            Direction::Back => first.checked_sub_months(Months::new(i)),
        }
        .ok_or_else(|| beyond(w))?;
        if let Some(day) = month.with_day(n)
            && direction.reaches(day, today)
        {
            return Ok(day);
        }
    }
    // Thirteen months hold every day 1 to 31 but at the calendar's edge.
    Err(beyond(w))
}

/// A month and a day in either order, the day a number or an ordinal: `dec 15`, `15 dec`,
/// `december 15th`, or the day of the month as English says it (`15th of december`); with a
/// year of four digits after them (`dec 15 2027`, or `dec 15, 2027` as English writes it), or
/// before a month and its day as `2027-12-15` has it (`2027 dec 15`), that day of that year,
/// as `2027-12-15` is.
pub(super) fn month_and_day(w: &str, today: NaiveDate, direction: Direction) -> Found {
    fn bare(s: &str) -> &str {
        s.strip_suffix(',').unwrap_or(s)
    }
    let year_of = |y: &str| (bare(y).len() == 4).then(|| digits(bare(y))).flatten();
    // A start of a name too short to be sure of counts, to be told what it could mean.
    let is_month = |s: &str| !matches!(by_prefix(s, &MONTHS), Ok(None));
    let words: Vec<&str> = w.split(' ').collect();
    let (a, b, year) = match words.as_slice() {
        [a, b] => (*a, *b, None),
        [a, b, y] if let Some(year) = year_of(y) => (*a, bare(b), Some(year)),
        // The year first, then the month and its day, in the order 2027-12-15 writes them.
        [y, m, d]
            if is_month(m)
                && let Some(year) = year_of(y) =>
        {
            (*m, *d, Some(year))
        }
        // `15th of december`: a day, then the month it is of.
        [d, "of", m] if is_month(m) => (*d, *m, None),
        [d, "of", m, y]
            if is_month(bare(m))
                && let Some(year) = year_of(y) =>
        {
            (*d, bare(m), Some(year))
        }
        _ => return Err(Miss::NotThis),
    };
    let day_number = |s: &str| digits(s).or_else(|| ordinal_number(s));
    let (m, d) = match (by_prefix(a, &MONTHS)?, by_prefix(b, &MONTHS)?) {
        (Some(m), None) => (m, day_number(b)),
        (None, Some(m)) => (m, day_number(a)),
        _ => return Err(Miss::NotThis),
    };
    let Some(d) = d else {
        return Err(Miss::NotThis);
    };
    match year {
        None => month_day(w, m, d, today, direction),
        Some(y) if NaiveDate::from_ymd_opt(2000, m, d).is_none() => {
            Err(no_such_day(w, why_no_day(Some(y), m, d)))
        }
        Some(y) => parse_iso(&format!("{y:04}-{m:02}-{d:02}")).ok_or_else(|| {
            if (m, d) == (2, 29) && y > 0 {
                not_in_year(w, y, "is not a leap year")
            } else {
                beyond(w)
            }
        }),
    }
}

/// The next day after today that is month `m`, day `d` (or the last one up to today); a day
/// no year has is refused rather than rolled over.
pub(super) fn month_day(w: &str, m: u32, d: u32, today: NaiveDate, direction: Direction) -> Found {
    // 29 February exists in leap years: look as far as the next one.
    if NaiveDate::from_ymd_opt(2000, m, d).is_none() {
        return Err(no_such_day(w, why_no_day(None, m, d)));
    }
    for i in 0..9 {
        let year = match direction {
            Direction::Ahead => today.year().checked_add(i),
            Direction::Back => today.year().checked_sub(i),
        }
        .ok_or_else(|| beyond(w))?;
        if let Some(day) = NaiveDate::from_ymd_opt(year, m, d)
            && direction.reaches(day, today)
        {
            return Ok(day);
        }
    }
    Err(beyond(w))
}
