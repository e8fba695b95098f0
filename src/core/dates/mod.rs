//! Date words: the ways people say a day on the command line and in forms, from `2026-12-01`
//! to `fri`, `dec 15`, `eom-1d` or `2026-W49-2`.
//!
//! No crate parses relative words the way a ledger wants (calendar days, relative to a given
//! today rather than the clock, forward for a due date and backward for the day something
//! happened), so this is written here. One table of words ([`words::WORDS`]) drives the
//! parser, the help texts, the forms' hint, `trustladder dates` and docs/DATES.md, so they
//! cannot drift apart.

mod nearest;
mod read;
mod said;
mod shapes;
mod told;
mod unread;
pub mod words;

use chrono::{Datelike, Months, NaiveDate};

use crate::core::text::visibly;

pub use read::Direction;
pub use shapes::LengthUnit;

/// A word as an error quotes it: in quotes, anything invisible in it shown ([`visibly`]), or
/// said to be blank where nothing but spaces was typed (`''` reads as if the quotes were the
/// fault).
fn quoted(word: &str) -> String {
    if word.trim().is_empty() {
        "a blank".to_string()
    } else {
        format!("'{}'", visibly(word))
    }
}

/// The words of [`words::hint`] as a sentence lists them (`fri, +3d, eow or 2026-12-01`),
/// without the date written out unless `dated` or no word is left without it.
fn hint_listed(back: bool, today: NaiveDate, dated: bool) -> String {
    let hint = words::hint(back, today);
    let hint: Vec<&str> = hint.iter().map(String::as_str).collect();
    let shown = match hint.split_last() {
        Some((_, words)) if !dated && !words.is_empty() => words,
        _ => &hint[..],
    };
    crate::core::text::listed(shown, "or")
}

/// What was wrong with a date word; each message names the word and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not a date word; with the nearest word when one is close. A blank due date (`--due
    /// ''`, meant to clear one, or an empty variable) is told the word for no date too.
    #[error(
        "{} is not a date{}",
        quoted(.word),
        .suggestion.as_ref().map_or_else(
            || format!(
                ": try {}{} (`trustladder dates` lists them all)",
                hint_listed(*.back, *.today, true),
                if .word.trim().is_empty() && !*.back { ", or none for no date" } else { "" }
            ),
            |s| format!("; did you mean {s}?")
        )
    )]
    Bad {
        word: String,
        suggestion: Option<String>,
        /// Read as a day that has passed: the words to try are ones that can mean one.
        back: bool,
        /// The day it was read for, from which the hint's example date is taken.
        today: NaiveDate,
    },
    /// A word not read here that is no typo, so no nearest word answers it: one of
    /// Taskwarrior's, a day written in a way of its own, a weekend (two days), the middle of a
    /// month (no one day). Why, and what to type instead.
    #[error("'{}' {why}; try {instead}", visibly(.word))]
    Unread {
        word: String,
        why: &'static str,
        instead: String,
    },
    /// A word that reads but for a character that only looks like one of a date word's
    /// (`−3d`, with a minus sign for `-`): it looks right, so the character is named, with
    /// the word that reads. Where that word means no day the field takes (`еom` for a day
    /// that has happened), the character alone is named: a nearest word to it (`som`) would
    /// answer a word that was typed right but for its letters.
    #[error(
        "'{}' is not a date: {} (U+{:04X}) only looks like {meant}; {}",
        visibly(.word),
        .character,
        u32::from(*.character),
        .instead.as_ref().map_or_else(
            || retype(*.meant),
            |instead| format!("did you mean {instead}?")
        )
    )]
    LookAlike {
        word: String,
        character: char,
        /// The character it looks like.
        meant: char,
        /// The word with every such character put right, where the field takes it.
        instead: Option<String>,
    },
    /// A whole period where one day is needed (`this month`, `q1`): the words for its end
    /// and its start are offered.
    #[error("'{}' is a whole {period}, not a day of it; try {instead}", visibly(.word))]
    WholePeriod {
        word: String,
        period: &'static str,
        /// The words to type instead (`eom or som`).
        instead: String,
    },
    /// A number typed alone (`15`): a day of the month or a count of days, as the words
    /// offered say.
    #[error("'{}' is a number alone; try {instead}", visibly(.word))]
    NumberAlone {
        word: String,
        /// The words to type instead (`15th or 15d`).
        instead: String,
    },
    /// A start of more than one name, alone or in a phrase (`ju`, `mid ju`): the word as
    /// typed, and what it could mean, each name or the phrase with it (`mid june`).
    #[error("'{}' could mean {}; type more of it", visibly(.word), .candidates.join(" or "))]
    Ambiguous {
        word: String,
        candidates: Vec<String>,
    },
    /// A word that names one of two days depending on how it is meant (`next fri` on a
    /// Tuesday: this Friday, or next week's); both are named, to be typed as days, and the
    /// words that name each by its week.
    #[error(
        "'{}'{} could mean {} or {}; type the one you mean, or name its week: {}",
        visibly(.word),
        .read_as.as_ref().map_or_else(String::new, |read| format!(", read as {read},")),
        .first.format("%a %Y-%m-%d"),
        .second.format("%a %Y-%m-%d"),
        weeks_of(*first, *second, *today)
    )]
    TwoDays {
        word: String,
        /// The words it was read as where a slip in them was put right (`nxt fir`, `next
        /// thursdya`: next fri, next thu), so that the question shows which weekday it took.
        read_as: Option<String>,
        first: NaiveDate,
        second: NaiveDate,
        /// The day it was read for, from whose week the weeks of the two days are counted.
        today: NaiveDate,
    },
    /// A year given twice (`2027 dec '15`, `dec 15 '27 2027`, `2027 '15`): no day, however
    /// read (`2027 dec '15` would be the day 2027 of December 2015), so the two years are
    /// named as typed, and the word meant where one reads (an apostrophe slipped before the
    /// day: `2027 dec 15`), else the words to try.
    #[error(
        "'{}' gives a year twice, {first} and {second}{}; {}",
        visibly(.word),
        if *.no_day { ", and no day" } else { "" },
        .instead.as_ref().map_or_else(
            || format!(
                "try {} (`trustladder dates` lists them all)",
                hint_listed(*.back, *.today, true)
            ),
            |instead| format!("did you mean {instead}?")
        )
    )]
    YearTwice {
        word: String,
        /// The two years, as typed (`2027`, `'15`).
        first: String,
        second: String,
        /// Whether nothing but the years gives a number, so no day is given.
        no_day: bool,
        /// The word meant, where one reads in the field.
        instead: Option<String>,
        /// Read as a day that has passed: the words to try are ones that can mean one.
        back: bool,
        today: NaiveDate,
    },
    /// A month and day that no year has (`feb 30`), or a day a month lacks; with why, so the
    /// right day is found without a calendar (`February 2026 has 28 days`, `a year has 12
    /// months`).
    #[error("'{}' is not a day any year has: {why}", visibly(.word))]
    NoSuchDay { word: String, why: String },
    /// A day some years have and this one lacks (`2026-02-29`, `2027-W53`, `2026-366`).
    #[error("'{}' is not a day of {year}: {year} {why}", visibly(.word))]
    NotInYear {
        word: String,
        year: u32,
        why: &'static str,
    },
    /// Longer than any date word: never read, and quoted back by its start where it is long
    /// ([`crate::core::text::quoted_back`]), as anything typed is.
    #[error(
        "'{}' is too long for a date word (at most {most} characters); try {}",
        visibly(.word),
        hint_listed(*.back, *.today, false)
    )]
    TooLong {
        /// What was typed, as a message quotes it back.
        word: String,
        most: usize,
        /// Read as a day that has passed: the words to try are ones that can mean one.
        back: bool,
        today: NaiveDate,
    },
    /// A time, or a length in hours or minutes: the ledger keeps days. `day` is what of the
    /// word says a day (`tomorrow` of `tomorrow 9am`), to be typed alone.
    #[error(
        "'{}' is a time; trustladder keeps days, not times (try {})",
        visibly(.word),
        .day.as_deref().unwrap_or("today or fri")
    )]
    Time { word: String, day: Option<String> },
    /// A word for no date, where a day is needed (an outcome's day).
    #[error("'{}' means no date, and this needs a day", visibly(.0))]
    NoDate(String),
    /// Not a strict `YYYY-MM-DD` where only that is read (`--today`).
    #[error("{} is not a YYYY-MM-DD date", quoted(.0))]
    NotIso(String),
    /// A day outside the years 1 to 9999, which `YYYY-MM-DD` cannot write; `day` is the day
    /// a word like `tomorrow` meant.
    #[error(
        "'{}'{} is outside the years 1 to 9999 that a date may fall in ({RANGE})",
        visibly(.word),
        .day.map(|d| format!(" ({d})")).unwrap_or_default()
    )]
    OutOfRange {
        word: String,
        day: Option<NaiveDate>,
    },
}

/// What to do about a character that only looks like `meant`, where the word put right is
/// no word to offer: a letter is one of maybe several in the word (`ЕОМ`, all Cyrillic), so
/// the word is to be typed in Latin letters; a sign or digit, that one in its place.
fn retype(meant: char) -> String {
    if meant.is_ascii_alphabetic() {
        "type the word in Latin letters".to_string()
    } else {
        format!("type {meant} in its place")
    }
}

/// `fri this week or fri next week`: the words that name each of the two days a two-day
/// word could mean (`next fri`, `last mon`, `fri after next`, `next fri+1w`), by its weekday
/// and its week counted from today's, in the order of the days. They are taken from the days
/// rather than from the words typed, so a length after the word (`next fri+1w` on a Tuesday:
/// `fri next week or fri week after next`) moves the weeks named with the days. A day in a
/// week no words name is named from the furthest that has them (`next fri+2w` on a Tuesday:
/// `fri week after next or fri week after next+1w`), so there are always words to type, and
/// not only the days written out.
fn weeks_of(first: NaiveDate, second: NaiveDate, today: NaiveDate) -> String {
    let monday = |day: NaiveDate| {
        i64::from(day.num_days_from_ce()) - i64::from(day.weekday().num_days_from_monday())
    };
    let named = |day: NaiveDate| {
        let weeks = (monday(day) - monday(today)) / 7;
        let (week, beyond) = match weeks {
            ..=-3 => ("week before last", format!("-{}w", -weeks - 2)),
            -2 => ("week before last", String::new()),
            -1 => ("last week", String::new()),
            0 => ("this week", String::new()),
            1 => ("next week", String::new()),
            2 => ("week after next", String::new()),
            3.. => ("week after next", format!("+{}w", weeks - 2)),
        };
        format!(
            "{} {week}{beyond}",
            day.format("%a").to_string().to_lowercase()
        )
    };
    format!("{} or {}", named(first), named(second))
}

impl DateError {
    /// The same message quoting `typed` as the word: what a word is told where it is read as
    /// another (`feb 30` of `feb 30.`), to quote it as it was typed.
    fn quoting(mut self, typed: &str) -> DateError {
        match &mut self {
            DateError::Bad { word, .. }
            | DateError::Unread { word, .. }
            | DateError::LookAlike { word, .. }
            | DateError::WholePeriod { word, .. }
            | DateError::NumberAlone { word, .. }
            | DateError::Ambiguous { word, .. }
            | DateError::TwoDays { word, .. }
            | DateError::YearTwice { word, .. }
            | DateError::NoSuchDay { word, .. }
            | DateError::NotInYear { word, .. }
            | DateError::TooLong { word, .. }
            | DateError::Time { word, .. }
            | DateError::NoDate(word)
            | DateError::NotIso(word)
            | DateError::OutOfRange { word, .. } => *word = typed.to_string(),
        }
        self
    }

    /// [`DateError::short`], or where that is too wide for `width` columns, fewer words still
    /// (a two-day word: only what to type), so what to do is never the part cut off.
    pub fn fitting(&self, width: usize) -> String {
        use crate::core::text::columns;
        let short = self.short();
        match self {
            // The words to type, or where they are too wide and the days are not, the days.
            DateError::TwoDays {
                first,
                second,
                today,
                ..
            } if columns(&short) > width => {
                let weeks = format!("{}?", weeks_of(*first, *second, *today));
                let days = format!(
                    "{} or {}?",
                    first.format("%a %-d %b"),
                    second.format("%a %-d %b")
                );
                if columns(&weeks) > width && columns(&days) <= width {
                    days
                } else {
                    weeks
                }
            }
            // Why, where it fits; else only what is wrong.
            DateError::NoSuchDay { .. } if columns(&short) > width => {
                "no year has that day".to_string()
            }
            // Fewer words to try, never one cut in half.
            DateError::Bad {
                suggestion: None,
                back,
                today,
                ..
            } if columns(&short) > width => {
                let hint = words::hint(*back, *today);
                (1..hint.len())
                    .rev()
                    .map(|n| format!("not a date: try {}", hint[..n].join(", ")))
                    .find(|text| columns(text) <= width)
                    .unwrap_or_else(|| "not a date".to_string())
            }
            _ => short,
        }
    }

    /// The message in a few words, for a field too narrow for the whole: what to do rather
    /// than what was typed, which is in view above it.
    pub fn short(&self) -> String {
        match self {
            DateError::Bad {
                suggestion: Some(s),
                ..
            } => format!("did you mean {s}?"),
            DateError::Bad { back, today, .. } => {
                format!("not a date: try {}", words::hint(*back, *today).join(", "))
            }
            DateError::Unread { instead, .. } | DateError::NumberAlone { instead, .. } => {
                format!("try {instead}")
            }
            DateError::WholePeriod {
                period, instead, ..
            } => format!("a whole {period}: try {instead}"),
            DateError::LookAlike {
                character,
                meant,
                instead,
                ..
            } => format!(
                "U+{:04X} is not {meant}: {}",
                u32::from(*character),
                match instead {
                    Some(instead) => format!("try {instead}"),
                    None if meant.is_ascii_alphabetic() => "type Latin letters".to_string(),
                    None => format!("type {meant}"),
                }
            ),
            DateError::Ambiguous { candidates, .. } => {
                format!("{}?", candidates.join(" or "))
            }
            // The two days first, as the command line names them, then what to type.
            DateError::TwoDays {
                first,
                second,
                today,
                ..
            } => format!(
                "{} or {}? {}",
                first.format("%a %-d %b"),
                second.format("%a %-d %b"),
                weeks_of(*first, *second, *today)
            ),
            // What is wrong first: the limit alone read as a rule of the field, not a fault.
            DateError::TooLong { most, .. } => {
                format!("too long: at most {most} characters")
            }
            DateError::YearTwice {
                instead: Some(instead),
                ..
            } => format!("a year twice: did you mean {instead}?"),
            DateError::YearTwice { instead: None, .. } => "a year given twice".to_string(),
            DateError::NoSuchDay { why, .. } => why.clone(),
            DateError::NotInYear { year, why, .. } => format!("{year} {why}"),
            DateError::Time { day: Some(day), .. } => format!("a time: try {day}"),
            DateError::Time { day: None, .. } => "a time: trustladder keeps days".to_string(),
            DateError::NoDate(_) => "needs a day".to_string(),
            DateError::NotIso(_) => "not YYYY-MM-DD".to_string(),
            DateError::OutOfRange { .. } => format!("outside {RANGE}"),
        }
    }
}

/// The days a date may be: those `YYYY-MM-DD` can write. The file holds only these, so the
/// program can always read back what it wrote.
pub const RANGE: &str = "0001-01-01 to 9999-12-31";

/// A day written `YYYY-MM-DD`, as chrono writes it, without going through a formatter:
/// what the file's writer and the tables of ten thousand rows write for every date. A day
/// outside the years 0 to 9999, which no ledger that loaded holds, is written by chrono.
pub struct Iso(IsoText);

enum IsoText {
    Short([u8; 10]),
    Long(String),
}

/// The two digits of each number below 100, `00` to `99`, one pair after the other: a day's
/// four pairs are read from here, where working out each digit took a division and a
/// remainder (`list` writes 27,000 days at 10,000 promises).
const PAIRS: [u8; 200] = {
    let mut pairs = [0; 200];
    let mut n = 0;
    while n < 100 {
        pairs[2 * n] = b'0' + (n / 10) as u8;
        pairs[2 * n + 1] = b'0' + (n % 10) as u8;
        n += 1;
    }
    pairs
};

impl Iso {
    /// `day` as `YYYY-MM-DD`, with no allocation for the years 0 to 9999.
    pub fn new(day: NaiveDate) -> Iso {
        match u32::try_from(day.year()) {
            Ok(year) if year <= 9999 => {
                let two = |n: u32| {
                    let at = (n % 100) as usize * 2;
                    [PAIRS[at], PAIRS[at + 1]]
                };
                let [y1, y2] = two(year / 100);
                let [y3, y4] = two(year % 100);
                let [m1, m2] = two(day.month());
                let [d1, d2] = two(day.day());
                Iso(IsoText::Short([y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2]))
            }
            _ => Iso(IsoText::Long(day.to_string())),
        }
    }

    /// The text, to write or to compare.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Checking the ten bytes each time was a fifteenth of `list`'s instructions at
            // 10,000 promises (a day is read twice a cell), for bytes that cannot fail it.
            // SAFETY: `Iso::new` alone makes a `Short`, of ASCII digits and dashes only,
            // which are UTF-8.
            IsoText::Short(bytes) => unsafe { std::str::from_utf8_unchecked(bytes) },
            IsoText::Long(text) => text,
        }
    }
}

impl std::ops::Deref for Iso {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// Whether `day` falls in the years 1 to 9999 (see [`RANGE`]).
pub fn in_range(day: NaiveDate) -> bool {
    (1..=9999).contains(&day.year())
}

/// The day `days` before `day`, or the calendar's first (1 January of the year 1) for a
/// window that reaches back past it: a setting may ask for any number of days, and the
/// start of its window is still a day that can be written.
pub fn days_before(day: NaiveDate, days: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN);
    day.checked_sub_days(chrono::Days::new(u64::from(days)))
        .map_or(first, |start| start.max(first))
}

/// Whether `text` has the shape of a `YYYY-MM-DD` date with a year outside 1 to 9999 (`99999-01-01`,
/// `0000-06-01`, `+10000-01-01`, `-0001-01-01`), so a message can say the year is the fault; a
/// year in range written otherwise (`+002026-12-02`) is no such date, and is said to be not
/// written YYYY-MM-DD.
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
        && (text.starts_with('-') || !year.parse::<u64>().is_ok_and(|y| (1..=9999).contains(&y)))
}

/// What a due-date word means: a day, or no date (`none`, `later`, `someday`).
pub type Due = Option<NaiveDate>;

/// Parses a date word for a day to come (a due date), relative to `today`: a weekday, a month
/// or a day of the month means the next one. See docs/DATES.md for every word.
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
/// assert_eq!(day("dec 15").as_deref(), Ok("2026-12-15"));
/// assert!(day("soon").is_err());
/// ```
pub fn parse_date(word: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    day_of(word, today, Direction::Ahead)
}

/// Parses a date word for a day that has passed (an outcome's day, `--on`): as
/// [`parse_date`], but a weekday, a month or a day of the month means the last such day
/// (today, if today is that day), never a future one.
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
    day_of(word, today, Direction::Back)
}

/// Parses a due date, where `none`, `later` and `someday` mean no date.
pub fn parse_due(word: &str, today: NaiveDate) -> Result<Due, DateError> {
    read::read(word, today, Direction::Ahead)
}

fn day_of(word: &str, today: NaiveDate, direction: Direction) -> Result<NaiveDate, DateError> {
    read::read(word, today, direction)?.ok_or_else(|| DateError::NoDate(word.trim().to_string()))
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

/// Reads the day `--today` names: a strict `YYYY-MM-DD` in the years 1 to 9999, and no date
/// word (a word is read relative to today, which this sets). A bad one is a [`DateError`],
/// reported like every other date typed: one line naming the flag, exit code 1.
///
/// ```
/// use trustladder::core::dates::parse_today;
///
/// assert_eq!(parse_today("2026-11-24").map(|d| d.to_string()).as_deref(), Ok("2026-11-24"));
/// assert_eq!(parse_today("tue").unwrap_err().to_string(), "'tue' is not a YYYY-MM-DD date");
/// assert!(parse_today("10000-01-01").unwrap_err().to_string().contains("outside the years 1 to 9999"));
/// assert_eq!(
///     parse_today("2026-02-29").unwrap_err().to_string(),
///     "'2026-02-29' is not a day of 2026: 2026 is not a leap year"
/// );
/// ```
pub fn parse_today(text: &str) -> Result<NaiveDate, DateError> {
    // Spaces around it are ignored, as around every date typed.
    let text = text.trim();
    match parse_iso(text) {
        Some(day) => Ok(day),
        None if is_out_of_range(text) => Err(DateError::OutOfRange {
            word: crate::core::text::quoted_back(text),
            day: None,
        }),
        // A day written right that no calendar has is told why, as wherever a day is typed;
        // the day the reader counts from plays no part in reading one.
        None if iso_shaped(text) => match read::read(text, NaiveDate::MIN, Direction::Ahead) {
            Err(why) => Err(why),
            Ok(_) => Err(DateError::NotIso(text.to_string())),
        },
        // Pasted with a character that only looks like a digit or a dash (`２０２６-12-04`,
        // `2026–12–04`): named, as in any date word.
        None => match nearest::look_alike(text) {
            Some((instead, character, meant)) if parse_iso(&instead).is_some() => {
                Err(DateError::LookAlike {
                    word: text.to_string(),
                    character,
                    meant,
                    instead: Some(instead),
                })
            }
            _ => Err(DateError::NotIso(crate::core::text::quoted_back(text))),
        },
    }
}

/// Whether `text` has the shape of `YYYY-MM-DD`, whatever its numbers.
fn iso_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// The last day of `day`'s month.
pub fn end_of_month(day: NaiveDate) -> Option<NaiveDate> {
    day.with_day(1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// A number said in words as a length says it (`a`, `an`, `one` to `twelve`), in digits: what
/// `two weeks` and a cadence of `two weeks` both read.
pub fn number_in_words(word: &str) -> Option<&'static str> {
    said::NUMBERS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, digits)| *digits)
}

/// How far ahead a due date is said, when the word for it named no year: most of a year.
const FAR_DAYS: i64 = 300;

/// The days from today to `day`, when `word` named no year and `day` is most of a year away
/// (`dec 20` typed on 29 December): the next such day may not be the one meant, so the
/// command line and the form both say how far it is.
pub fn far_without_year(word: &str, day: NaiveDate, today: NaiveDate) -> Option<i64> {
    let days = days_between(today, day);
    (days > FAR_DAYS && !names_its_year(word)).then_some(days)
}

/// Whether a date word names its year: a number of four digits that counts nothing
/// (`2027-12-20`), a count of years (`+1y`, `2 years`, `next year`), or an edge of this, next
/// or last year (`eony`, as `end of next year`). A count of days, weeks or months is no year,
/// however long (`+1000d` lands where it lands, and far is said).
fn names_its_year(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    let parts: Vec<&str> = word
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect();
    let counts_years = |unit: &str| LengthUnit::read(unit) == Some(LengthUnit::Year);
    let counts_less =
        |unit: &str| LengthUnit::read(unit).is_some_and(|unit| unit != LengthUnit::Year);
    let year_named = parts.iter().enumerate().any(|(i, part)| {
        let digits = part.len() - part.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return false;
        }
        let unit = match &part[digits..] {
            "" => parts.get(i + 1).copied().unwrap_or_default(),
            unit => unit,
        };
        counts_years(unit) || (digits == 4 && !counts_less(unit))
    });
    let edge_of_a_year = |part: &&str| {
        words::WORDS.iter().any(|row| {
            matches!(
                row.rule,
                words::Rule::Named {
                    unit: words::Unit::Year,
                    ..
                }
            ) && row.spellings.contains(part)
        })
    };
    year_named || word.contains(" year") || parts.iter().any(edge_of_a_year)
}

/// Whole days from `earlier` to `later` (negative if `later` is before).
pub fn days_between(earlier: NaiveDate, later: NaiveDate) -> i64 {
    (later - earlier).num_days()
}

#[cfg(test)]
mod tests;
