//! The table of date words: every word and form the parser reads, with what it means and an
//! example. The parser takes its named words from here, and `trustladder dates`, the help
//! texts and docs/DATES.md print it, so what is documented is what is read.

use chrono::NaiveDate;

use super::Direction;

/// Which end of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// A period a named word is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    /// Monday to Sunday.
    Week,
    /// Monday to Friday of the Monday-to-Sunday week.
    WorkWeek,
    Month,
    Quarter,
    Year,
}

/// How a row of the table is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A named word: an edge of this period (`shift` periods from today's: 1 next, -1 the
    /// one before).
    Named { edge: Edge, unit: Unit, shift: i32 },
    /// A form the parser reads by its shape (a weekday, a duration, an ISO week…).
    Form,
    /// Words as people say them (`next fri`, `end of the month`, `by fri`, `two weeks`):
    /// listed in the table, left out of the help line, which gives the short forms.
    Said,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// How it is typed (for a form, examples of its shape); the first is the name shown.
    pub spellings: &'static [&'static str],
    /// What it means, as the table, `trustladder dates` and docs/DATES.md say it.
    pub meaning: &'static str,
    /// An example, typed as is, to show resolved.
    pub example: &'static str,
    pub rule: Rule,
}

const fn named(
    spellings: &'static [&'static str],
    meaning: &'static str,
    edge: Edge,
    unit: Unit,
    shift: i32,
) -> Word {
    Word {
        spellings,
        meaning,
        example: spellings[0],
        rule: Rule::Named { edge, unit, shift },
    }
}

const fn form(
    spellings: &'static [&'static str],
    meaning: &'static str,
    example: &'static str,
) -> Word {
    Word {
        spellings,
        meaning,
        example,
        rule: Rule::Form,
    }
}

const fn said(
    spellings: &'static [&'static str],
    meaning: &'static str,
    example: &'static str,
) -> Word {
    Word {
        rule: Rule::Said,
        ..form(spellings, meaning, example)
    }
}

use Edge::{End, Start};
use Unit::{Day, Month, Quarter, Week, WorkWeek, Year};

/// Every word, in the order `trustladder dates` and docs/DATES.md list them.
pub const WORDS: &[Word] = &[
    form(&["YYYY-MM-DD"], "that day", "2026-12-01"),
    named(
        &["today", "tod", "now", "sod", "eod"],
        "today",
        Start,
        Day,
        0,
    ),
    named(
        &["tomorrow", "tom", "sond", "eond", "tmrw", "tmr", "2moro"],
        "the day after today",
        Start,
        Day,
        1,
    ),
    named(
        &["yesterday", "yest", "sopd", "eopd"],
        "the day before today",
        Start,
        Day,
        -1,
    ),
    said(
        &["day after tomorrow", "day before yesterday"],
        "two days after today, or two days before it",
        "day after tomorrow",
    ),
    form(
        &["mon", "tues", "wednesday", "thurs", "fri", "sat", "sun"],
        "the next such day (looking back, the last one, today included); three letters or more",
        "fri",
    ),
    said(
        &[
            "this fri",
            "next fri",
            "last fri",
            "fri next week",
            "fri after next",
            "fri week after next",
            "fri before last",
            "fri week before last",
        ],
        "this: the next such day, today included (looking back, the last one); next (for a due \
         date) or last (looking back): that day of next or last week when it is also the next \
         or last such day, and where the two differ (next fri on a Tuesday), refused naming \
         both; said the other way, the day it names all the same (last fri for a due date, \
         the last such day, overdue already; next fri looking back, the next one, refused as \
         a day to come); fri after next: a week after next fri, and asked which where that \
         is; fri before last: a week before last fri, and asked which where that is (looking \
         back on a Saturday); fri next week (this week, last week, week after next, week \
         before last): that day of that week, never a question",
        "this fri",
    ),
    form(
        &["jan", "sept", "december"],
        "the 1st of the next such month (looking back, the last one); three letters or more",
        "jan",
    ),
    form(
        &["1st", "2nd", "15th", "31st", "fifteenth", "twenty-first"],
        "the next day with that number, in a month that has it (looking back, the last one); \
         in words too, first to thirty-first (twenty first as well), wherever its number reads \
         (the fifteenth, dec fifteenth, fifteenth of december)",
        "31st",
    ),
    said(
        &[
            "15th of next month",
            "15th next month",
            "the fifteenth of last month",
        ],
        "that day of this, next or last month (of the month: this one), never a question; \
         looking back a day to come all the same, refused as one; a month without that day \
         (31st of next month in January) is offered its end, end of next month, never rolled \
         over",
        "15th of next month",
    ),
    form(
        &[
            "dec 15",
            "15 dec",
            "december 15th",
            "15th of december",
            "12-15",
        ],
        "the next such day (looking back, the last one); never rolled over",
        "dec 15",
    ),
    form(
        &[
            "dec 15 2027",
            "15 dec 2027",
            "december 15th 2027",
            "2027 dec 15",
        ],
        "that day of that year: a year of four digits after the month and day (a comma before \
         it too: dec 15, 2027; the 15th of december 2027), or before them (2027 dec 15); a \
         year of two digits, dec 15 '27, is offered in full",
        "dec 15 2027",
    ),
    form(
        &["3d", "+3d", "3 days", "in 3 days", "-3d"],
        "days from today (or back, with -)",
        "3 days",
    ),
    form(
        &["2w", "+2w", "2wk", "2 weeks", "week", "fortnight"],
        "weeks from today",
        "2w",
    ),
    form(
        &["1m", "+1m", "1mo", "2 months"],
        "calendar months from today, on the same day or the month's last",
        "1m",
    ),
    form(
        &["1y", "+1y", "1 year"],
        "calendar years from today, 29 February becoming the 28th",
        "1y",
    ),
    said(
        &["a week", "two weeks", "in ten days", "3 days ago"],
        "any of these lengths with its number in words, a or one to twelve; ago for one back",
        "two weeks",
    ),
    named(&["sow"], "Monday of this week", Start, Week, 0),
    named(&["eow"], "Sunday of this week", End, Week, 0),
    named(&["soww"], "Monday of this work week", Start, WorkWeek, 0),
    named(&["eoww"], "Friday of this work week", End, WorkWeek, 0),
    named(
        &["sonw", "next week", "nw"],
        "Monday of next week",
        Start,
        Week,
        1,
    ),
    named(&["eonw"], "Sunday of next week", End, Week, 1),
    named(
        &["week after next"],
        "Monday of the week after next week",
        Start,
        Week,
        2,
    ),
    named(
        &["sopw", "last week"],
        "Monday of last week",
        Start,
        Week,
        -1,
    ),
    named(&["eopw"], "Sunday of last week", End, Week, -1),
    named(
        &["week before last"],
        "Monday of the week before last week",
        Start,
        Week,
        -2,
    ),
    named(&["som"], "the 1st of this month", Start, Month, 0),
    named(&["eom"], "the last day of this month", End, Month, 0),
    named(&["sonm"], "the 1st of next month", Start, Month, 1),
    named(&["eonm"], "the last day of next month", End, Month, 1),
    named(&["sopm"], "the 1st of last month", Start, Month, -1),
    named(&["eopm"], "the last day of last month", End, Month, -1),
    named(&["soq"], "the first day of this quarter", Start, Quarter, 0),
    named(&["eoq"], "the last day of this quarter", End, Quarter, 0),
    named(
        &["sonq"],
        "the first day of next quarter",
        Start,
        Quarter,
        1,
    ),
    named(&["eonq"], "the last day of next quarter", End, Quarter, 1),
    named(
        &["sopq"],
        "the first day of last quarter",
        Start,
        Quarter,
        -1,
    ),
    named(&["eopq"], "the last day of last quarter", End, Quarter, -1),
    named(&["soy"], "1 January this year", Start, Year, 0),
    named(&["eoy"], "31 December this year", End, Year, 0),
    named(&["sony"], "1 January next year", Start, Year, 1),
    named(&["eony"], "31 December next year", End, Year, 1),
    named(&["sopy"], "1 January last year", Start, Year, -1),
    named(&["eopy"], "31 December last year", End, Year, -1),
    said(
        &[
            "end of month",
            "start of next week",
            "next month",
            "last month",
            "last year",
        ],
        "the words above said in full: the start or end of this, next or last week, work \
         week, month, quarter or year (of the day: today), or of a quarter by its number (end \
         of q1 or of the q1, start of q3 2027) or a month by its name (end of dec, start of \
         june 2027): without a year the next such quarter or month, this one included, \
         looking back the last; next or last alone is its start",
        "end of the month",
    ),
    form(&["2026-12"], "the 1st of that month", "2026-12"),
    form(&["2026-335"], "that day of that year", "2026-335"),
    form(
        &["2026-W49", "2026-W49-2"],
        "Monday (or that weekday, 1 to 7) of that ISO week",
        "2026-W49-2",
    ),
    form(
        &["today+3d", "eom-1d", "fri+1w", "2026-12-01+2w"],
        "any of the above, then + or - a duration; a word asked which is asked with the two \
         days moved, each named by its own week (next fri+1w on a Tuesday: fri next week or fri \
         week after next), or a week further than words name from the furthest they do (next \
         fri+2w: fri week after next or fri week after next+1w)",
        "eom-1d",
    ),
    said(
        &["by fri", "on the 15th"],
        "any of the above after by, on, due or due:; the goes before a day of the month, an end \
         of a period, the day after tomorrow or a week or weekday after next or before last (by \
         the eom is offered eom)",
        "by fri",
    ),
    form(
        &["none", "later", "someday"],
        "no date (for a due date)",
        "someday",
    ),
];

/// How a day something happened reads the words that name a day, for the help screen beside
/// [`summary`]: the table's meanings say it word by word ("looking back, the last one").
pub const LOOKING_BACK: &str = "A day something happened (an outcome's On, --on, --since) \
    looks back: a weekday, a month or a day of the month is the last one, today included \
    (fri on a Tuesday is the Friday just gone).";

/// The words a hint suggests: under an empty date field, and when a word is not a date; a
/// date written out, a week from today, follows them.
pub const HINT: [&str; 3] = ["fri", "+3d", "eow"];

/// The words to try for a day that has passed: none of them a day to come; the date written
/// out is a week before today.
pub const HINT_BACK: [&str; 3] = ["yesterday", "fri", "-3d"];

/// The words to try, for a due date or (`back`) for a day that has passed, read on `today`,
/// then a date written out: each one that field takes that day. The date is a week ahead, or
/// a week back, or today where that falls outside the years 1 to 9999, which no field takes;
/// there a word past the calendar's end is left out too.
pub fn hint(back: bool, today: NaiveDate) -> Vec<String> {
    let (words, day, direction) = if back {
        (
            HINT_BACK,
            today.checked_sub_days(chrono::Days::new(7)),
            Direction::Back,
        )
    } else {
        (
            HINT,
            today.checked_add_days(chrono::Days::new(7)),
            Direction::Ahead,
        )
    };
    let day = day.filter(|day| super::in_range(*day)).unwrap_or(today);
    words
        .into_iter()
        .filter(|word| super::read::read(word, today, direction).is_ok())
        .map(str::to_string)
        .chain([day.to_string()])
        .collect()
}

/// The words to try for a day that has passed and is not before `made` (an outcome's day,
/// never before its promise was made): those of [`hint`] that name such a day, then the
/// earliest day written out, a week back or `made`; `today` alone when it was made today.
pub fn hint_since(today: NaiveDate, made: NaiveDate) -> Vec<String> {
    let after_made = |word: &str| {
        matches!(
            super::read::read(word, today, Direction::Back),
            Ok(Some(day)) if day >= made && day <= today
        )
    };
    let mut words: Vec<String> = HINT_BACK
        .into_iter()
        .filter(|w| after_made(w))
        .map(str::to_string)
        .collect();
    let week_back = today
        .checked_sub_days(chrono::Days::new(7))
        .unwrap_or(today);
    let earliest = week_back.max(made);
    if earliest < today {
        words.push(earliest.to_string());
    }
    if words.is_empty() {
        words.push("today".to_string());
    }
    words
}

/// The words in a line, for help texts (`--due`, `--on`) and the help screen: the example of
/// each form, the days and this period's ends of the named words (starts, for a day that has
/// passed), and for a due date the words for no date. A past day's line offers only words
/// that name a past day: no `tomorrow`, no `2w` ahead.
pub fn summary(direction: Direction) -> String {
    // Any ordinary day shows which words land after it.
    let reference = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let passed = |example: &str| {
        // A day written out in full is shown as a shape, whatever its date.
        example.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && example.len() >= 7
            && example.as_bytes()[4] == b'-'
            || matches!(
                super::read::read(example, reference, Direction::Back),
                Ok(Some(day)) if day <= reference
            )
    };
    let wanted_edge = match direction {
        Direction::Ahead => Edge::End,
        Direction::Back => Edge::Start,
    };
    let examples: Vec<&str> = WORDS
        .iter()
        .filter(|w| match w.rule {
            Rule::Named { edge, unit, shift } => {
                unit == Unit::Day || (edge == wanted_edge && shift == 0)
            }
            Rule::Form => direction == Direction::Ahead || w.example != "someday",
            Rule::Said => false,
        })
        .map(|w| w.example)
        .filter(|example| direction == Direction::Ahead || passed(example))
        .chain((direction == Direction::Back).then_some("-3d"))
        .collect();
    format!(
        "{} (`trustladder dates` lists every word)",
        examples.join(", ")
    )
}

/// The words as people say them, in a line for the help screen beside [`summary`], which
/// gives the short forms: every spelling of the table's rows of such words.
pub fn said_in_full() -> String {
    let said: Vec<&str> = WORDS
        .iter()
        .filter(|w| matches!(w.rule, Rule::Said))
        .flat_map(|w| w.spellings.iter().copied())
        .collect();
    format!(
        "Said as people say them: {} (next fri asks which Friday where it could be either)",
        said.join(", ")
    )
}

/// The words a mistyped one may be suggested as: each named word's main spelling (not its
/// terse abbreviations, which would be suggested for ordinary words) and its spellings in
/// words (`next week`, for `nex week`), the words said in full (`end of month`), the full
/// names of the weekdays and months, and the words for no date.
pub fn vocabulary() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = WORDS
        .iter()
        .filter(|w| matches!(w.rule, Rule::Named { .. }))
        .flat_map(|w| {
            let in_words = w.spellings.iter().skip(1).filter(|s| s.contains(' '));
            std::iter::once(w.spellings[0]).chain(in_words.copied())
        })
        .collect();
    // `next fri`, `fri after next` and `fri before last` are left out: on some days each
    // asks which Friday, and a suggestion must read.
    out.extend(
        WORDS
            .iter()
            .filter(|w| matches!(w.rule, Rule::Said))
            .flat_map(|w| w.spellings.iter().copied())
            .filter(|s| !matches!(*s, "next fri" | "fri after next" | "fri before last")),
    );
    out.extend(super::shapes::WEEKDAYS.iter().map(|(name, _)| *name));
    out.extend(super::shapes::MONTHS.iter().map(|(name, _)| *name));
    out.extend(["none", "later", "someday", "fortnight", "week"]);
    out
}

/// What an example reads as on `today`, in words: a day, `no date`, the two days it could
/// mean, or why not.
pub fn resolved(example: &str, today: NaiveDate, direction: Direction) -> String {
    match super::read::read(example, today, direction) {
        Ok(Some(day)) => day.format("%a %Y-%m-%d").to_string(),
        Ok(None) => "no date".to_string(),
        Err(super::DateError::TwoDays { first, second, .. }) => format!(
            "{} or {}, asked which",
            first.format("%a %Y-%m-%d"),
            second.format("%a %Y-%m-%d")
        ),
        Err(e) => e.to_string(),
    }
}

/// `items` in lines of at most `width` characters, joined by `between`, never splitting an
/// item (a day cut at its hyphen would misread); an item wider than a line has one of its
/// own.
fn packed(items: &[String], between: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let joint = between.chars().count();
    for item in items {
        match lines.last_mut() {
            Some(line) if line.chars().count() + joint + item.chars().count() <= width => {
                line.push_str(between);
                line.push_str(item);
            }
            _ => lines.push(item.clone()),
        }
    }
    lines
}

/// Every spelling of a row read on `today`: `word → day` for each, or one day for all when
/// they are names of the same day; a shape (`YYYY-MM-DD`) shows its example instead.
fn each_read(w: &Word, today: NaiveDate, direction: Direction) -> Vec<String> {
    let read: Vec<(&str, String)> = w
        .spellings
        .iter()
        .filter(|s| {
            matches!(
                super::read::read(s, today, direction),
                Ok(_) | Err(super::DateError::TwoDays { .. })
            )
        })
        .map(|s| (*s, resolved(s, today, direction)))
        .collect();
    match read.as_slice() {
        [] => vec![format!(
            "e.g. {} → {}",
            w.example,
            resolved(w.example, today, direction)
        )],
        [(_, day), rest @ ..] if !rest.is_empty() && rest.iter().all(|(_, d)| d == day) => {
            vec![format!("each → {day}")]
        }
        many => many
            .iter()
            .map(|(word, day)| format!("{word} → {day}"))
            .collect(),
    }
}

/// The width the table is wrapped to where nothing narrower asks for less: a pipe, a file,
/// `dates --help`, a terminal of 80 columns or more. Within 80 columns.
pub const TABLE_WIDTH: usize = 78;

/// The table as plain text, each word resolved on `today`, wrapped to `width` columns:
/// what `trustladder dates` prints ([`TABLE_WIDTH`] but on a narrower terminal, whose own
/// width it takes so that no line runs past its edge and the terminal breaks none).
/// `direction` says how: as a due date (ahead), or as a day that has passed (back, what
/// `dates --past` prints). Lines break between words, never inside one nor at a word's
/// hyphen, and between a row's spellings and between its examples, never inside one; a word
/// wider than the line has one of its own.
pub fn table(today: NaiveDate, direction: Direction, width: usize) -> String {
    let heading = format!(
        "Date words, each read on {}{}:",
        today.format("%A %-d %B %Y"),
        match direction {
            Direction::Ahead => "",
            // A word for a later day (tomorrow) still names it: an outcome then refuses it.
            Direction::Back => " looking back, as for an outcome's day",
        }
    );
    let options = |first: &'static str, rest: &'static str| {
        textwrap::Options::new(width)
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
    };
    let mut out = textwrap::fill(&heading, options("", ""));
    out.push('\n');
    for w in WORDS {
        out.push('\n');
        // The spellings, on more lines where one does not hold them (each ending in its
        // comma), the lines after the first further in than the first.
        let last = w.spellings.len().saturating_sub(1);
        let spellings: Vec<String> = (w.spellings.iter().enumerate())
            .map(|(i, s)| {
                if i < last {
                    format!("{s},")
                } else {
                    (*s).to_string()
                }
            })
            .collect();
        for (i, line) in packed(&spellings, " ", width.saturating_sub(4))
            .iter()
            .enumerate()
        {
            let first = if i == 0 { "  " } else { "    " };
            // A spelling of several words wider than the line (on the narrowest terminal)
            // is wrapped between them.
            for line in textwrap::wrap(line, options(first, "    ")) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        for line in textwrap::wrap(w.meaning, options("      ", "      ")) {
            out.push_str(&line);
            out.push('\n');
        }
        // An example wider than its line (two days, asked which) is wrapped between its
        // words, the lines after the first further in.
        for line in packed(
            &each_read(w, today, direction),
            " · ",
            width.saturating_sub(6),
        ) {
            for line in textwrap::wrap(&line, options("      ", "        ")) {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    out.push('\n');
    for line in textwrap::wrap(
        "Where a day has passed (an outcome's day, --on), a weekday, a month or a day of the \
         month means the last such day, today included. Times (9am, 17:30) are refused: \
         trustladder keeps days. Every day falls in 0001-01-01 to 9999-12-31.",
        options("", ""),
    ) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The table as Markdown, each example resolved on `today`: docs/DATES.md holds it for a
/// fixed day, and a test keeps it equal to this.
pub fn markdown(today: NaiveDate) -> String {
    let mut out = format!(
        "| words | meaning | example | on {} |\n|---|---|---|---|\n",
        today.format("%a %-d %b %Y")
    );
    for w in WORDS {
        let spellings: Vec<String> = w.spellings.iter().map(|s| format!("`{s}`")).collect();
        out.push_str(&format!(
            "| {} | {} | `{}` | {} |\n",
            spellings.join(", "),
            w.meaning,
            w.example,
            resolved(w.example, today, Direction::Ahead)
        ));
    }
    out
}
