//! Date words as people say them rather than in the short forms: fillers (`by fri`, `on the
//! 15th`, `due eom`), a weekday of this, next or last week (`next fri`, which asks which
//! Friday where it could be either), the start or end of a period in full (`end of the
//! month`), and lengths with their number in words (`two weeks`). Each is read as the short
//! form it stands for.

use chrono::{Datelike, NaiveDate};

use super::nearest::{taken, unwrapped};
use super::read::{Direction, Found, Miss, arithmetic, base, beyond, read};
use super::shapes::{
    MONTHS, WEEKDAYS, by_prefix, no_such_day, ordinal_number, parse_duration, shift_days,
    why_no_day_of_month,
};
use super::words::{Edge, Rule, Unit, WORDS};
use super::{DateError, in_range};

/// `w` without the fillers before it (`by`, `on`, `due`, `the`, any number of them), and
/// whether `the` was among them. `due` is what a due date is called on the command line and
/// in the form, and so typed before one (`due fri`, or `due:fri` as Taskwarrior writes it,
/// whose colon read as a time's).
pub(super) fn without_fillers(w: &str) -> (&str, bool) {
    let mut rest = w;
    let mut the = false;
    loop {
        if let Some(after) = rest.strip_prefix("the ") {
            the = true;
            rest = after;
        } else if let Some(after) = ["by ", "on ", "due ", "due:"]
            .iter()
            .find_map(|filler| rest.strip_prefix(filler))
        {
            rest = after.trim_start();
        } else if matches!(rest, "by" | "on" | "due" | "the") {
            return ("", the);
        } else {
            return (rest, the);
        }
    }
}

/// What `w` names where one day is needed, when it is no one day: a period whole (`this
/// month`, a quarter, `q1`), a weekend (two days), the middle of a month (no day of it).
/// Each is told so, with the words for the days it may mean (as every suggestion, days the
/// field takes), rather than the words any date is offered. `None` for anything else, and
/// where no such day is one the field takes (`next weekend` for a day that has happened).
pub(super) fn no_one_day(
    w: &str,
    typed: &str,
    today: NaiveDate,
    direction: Direction,
) -> Option<DateError> {
    if let Some((period, end, start)) = whole_period(w, today, direction) {
        let over = matches!(read(&end, today, direction), Ok(Some(day)) if day < today);
        return Some(DateError::WholePeriod {
            word: typed.to_string(),
            period,
            // Looking back, the end of a period still running is a day to come.
            instead: match direction {
                Direction::Back if !over => format!("{start} or today"),
                _ => format!("{end} or {start}"),
            },
        });
    }
    if let Some(instead) = weekend(w, today, direction) {
        return Some(DateError::Unread {
            word: typed.to_string(),
            why: "names two days",
            instead,
        });
    }
    if let Some(middle) = middle(w, today, direction) {
        return Some(match middle {
            Ok(instead) => DateError::Unread {
                word: typed.to_string(),
                why: "names no one day",
                instead,
            },
            // `mid-ju`: told as `mid ju` is, with the phrase for each month it could mean.
            Err(candidates) => DateError::Ambiguous {
                word: typed.to_string(),
                candidates,
            },
        });
    }
    // After a word that wraps a day (`at the weekend`, `for q1`), or in quotes or with a
    // stop after it: told as the word inside, quoted as typed.
    let inside = unwrapped(w)?;
    no_one_day(without_fillers(&inside).0, typed, today, direction)
}

/// The period `w` names whole (`this week`, `this work week`, `this month`, `this quarter`,
/// `this year`, a quarter by its number, `q1`, `q3 2027`, or a month by its name with a
/// year, `dec 2027`), with the words for its end and its start: a due date or an outcome
/// needs one day, and which end was meant is for the one typing to say.
fn whole_period(
    w: &str,
    today: NaiveDate,
    direction: Direction,
) -> Option<(&'static str, String, String)> {
    let (period, end, start) = match w {
        "this week" => ("week", "eow", "sow"),
        "this work week" => ("work week", "eoww", "soww"),
        "this month" => ("month", "eom", "som"),
        "this quarter" => ("quarter", "eoq", "soq"),
        "this year" => ("year", "eoy", "soy"),
        _ if let Some((start, end)) = month_of_year(w) => {
            // As a quarter: looking back, only a month begun is offered its days.
            if !(in_range(start) && in_range(end)) || direction == Direction::Back && start > today
            {
                return None;
            }
            let edge = |edge, day| {
                table_word(edge, Unit::Month, day, today).unwrap_or_else(|| day.to_string())
            };
            return Some(("month", edge(Edge::End, end), edge(Edge::Start, start)));
        }
        _ => {
            let (start, end) = quarter(w, today, direction)?;
            return Some((
                "quarter",
                start_or_end(Edge::End, end, today, direction),
                start_or_end(Edge::Start, start, today, direction),
            ));
        }
    };
    Some((period, end.to_string(), start.to_string()))
}

/// The first and last day of the quarter `w` names by its number ([`quarter_days`]), where
/// the field takes them: within the years 1 to 9999, and looking back, a quarter begun.
fn quarter(w: &str, today: NaiveDate, direction: Direction) -> Option<(NaiveDate, NaiveDate)> {
    let (start, end) = quarter_days(w, today, direction)?;
    let taken =
        in_range(start) && in_range(end) && (direction == Direction::Ahead || start <= today);
    taken.then_some((start, end))
}

/// The first and last day of the quarter `w` names by its number (`q1`), with its year
/// after it or before it (`q3 2027`, `2027-q3`), or without one the next such quarter
/// (looking back, the last one), this one included. `None` for anything else.
fn quarter_days(w: &str, today: NaiveDate, direction: Direction) -> Option<(NaiveDate, NaiveDate)> {
    let number = |part: &str| match part.strip_prefix('q')? {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        "4" => Some(4),
        _ => None,
    };
    let year = |part: &str| {
        (part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i32>().ok())
            .flatten()
    };
    let parts: Vec<&str> = w.split([' ', '-', '/']).filter(|p| !p.is_empty()).collect();
    let this = today.month0() / 3 + 1;
    let (n, year) = match parts.as_slice() {
        [q] => {
            let n = number(q)?;
            let year = match direction {
                Direction::Ahead if n < this => today.year().checked_add(1)?,
                Direction::Back if n > this => today.year().checked_sub(1)?,
                _ => today.year(),
            };
            (n, year)
        }
        [q, y] if number(q).is_some() => (number(q)?, year(y)?),
        [y, q] => (number(q)?, year(y)?),
        _ => return None,
    };
    let start = NaiveDate::from_ymd_opt(year, 3 * n - 2, 1)?;
    let end = start
        .checked_add_months(chrono::Months::new(3))?
        .pred_opt()?;
    Some((start, end))
}

/// The first and last day of the month `w` names by its name (or the start of it that reads,
/// `sept`) with a year of four digits after it or before it (`dec 2027`, `Dec, 2027`, `2027
/// dec`, and with the stop of a short name, `Dec. 2027`, as a month and day with one is
/// offered apart): a whole month, where a day with no year (`dec 15`) or a year's day
/// (`2027-12`) is one day. `None` for anything else.
pub(super) fn month_of_year(w: &str) -> Option<(NaiveDate, NaiveDate)> {
    let year = |part: &str| {
        (part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i32>().ok())
            .flatten()
    };
    let month = |part: &str| by_prefix(part, &MONTHS).ok().flatten();
    let parts: Vec<&str> = w.split([' ', ',', '.']).filter(|p| !p.is_empty()).collect();
    let (m, y) = match parts.as_slice() {
        [m, y] if month(m).is_some() => (month(m)?, year(y)?),
        [y, m] => (month(m)?, year(y)?),
        _ => return None,
    };
    let start = NaiveDate::from_ymd_opt(y, m, 1)?;
    let end = start
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()?;
    Some((start, end))
}

/// The word of the table for the start or end of the `unit` (a month or a quarter) `day` is
/// in, where it is this, next or last one (`eonm`, `eopq`). `None` for one further off.
fn table_word(edge: Edge, unit: Unit, day: NaiveDate, today: NaiveDate) -> Option<String> {
    let count = |day: NaiveDate| match unit {
        Unit::Quarter => i64::from(day.year()) * 4 + i64::from(day.month0() / 3),
        _ => i64::from(day.year()) * 12 + i64::from(day.month0()),
    };
    let shift = count(day) - count(today);
    WORDS.iter().find_map(|word| match word.rule {
        Rule::Named {
            edge: e,
            unit: u,
            shift: s,
        } if e == edge && u == unit && i64::from(s) == shift => Some(word.spellings[0].to_string()),
        _ => None,
    })
}

/// The word of the table for the start or end of the quarter `day` is in, where it is this,
/// next or last quarter (`eonq`); for one further off, the words that say it in full with
/// its year (`end of q3 2027`), where they read as `day` that way, else `day` written out.
fn start_or_end(edge: Edge, day: NaiveDate, today: NaiveDate, direction: Direction) -> String {
    table_word(edge, Unit::Quarter, day, today)
        .or_else(|| {
            let said = match edge {
                Edge::End => "end of",
                Edge::Start => "start of",
            };
            let words = format!("{said} q{} {:04}", day.month0() / 3 + 1, day.year());
            (edge_of_quarter(&words, today, direction) == Some(day)).then_some(words)
        })
        .unwrap_or_else(|| day.to_string())
}

/// The words for the days of the weekend `w` names (`weekend`, `this weekend`, `next
/// weekend`, `last weekend`, a weekend as [`is_weekend`] has it): the one this week ends
/// with, or next week's or last week's; looking back, a weekend not yet begun is last
/// week's. Only the days the field takes.
fn weekend(w: &str, today: NaiveDate, direction: Direction) -> Option<String> {
    let (weeks, name): (i64, &str) = match w.split_once(' ') {
        Some(("this", name)) => (0, name),
        Some(("next", name)) => (1, name),
        Some(("last" | "previous", name)) => (-1, name),
        _ => (0, w),
    };
    if !is_weekend(name) {
        return None;
    }
    let monday = shift_days(today, -i64::from(today.weekday().num_days_from_monday()))?;
    let mut saturday = shift_days(monday, 5 + 7 * weeks)?;
    if weeks == 0 && direction == Direction::Back && saturday > today {
        saturday = shift_days(saturday, -7)?;
    }
    let days = [Some(saturday), saturday.succ_opt()];
    let ways: [fn(NaiveDate) -> String; 5] = [
        |day| weekday(day),
        |day| format!("this {}", weekday(day)),
        |day| format!("{} this week", weekday(day)),
        |day| format!("{} next week", weekday(day)),
        |day| format!("{} last week", weekday(day)),
    ];
    said_as(&days, &ways, today, direction)
}

/// Whether `word` is a weekend as people type it: in full, as a slip of it that a nearest
/// word would be put right from (`weekends`, `wkend`, `week-end`), or `wknd`, short as `tmrw`
/// is for tomorrow, and too far from it for a slip.
fn is_weekend(word: &str) -> bool {
    matches!(word, "wknd" | "wknds") || crate::core::text::typo(word, "weekend").is_some()
}

/// The day the middle of a month is said to be, the 15th, in words, for the middle of a
/// month said by its name or of this, next or last month (`mid dec`, `mid-month`, `middle
/// of next month`), where the field takes it; for a month's name too short to tell which
/// (`mid-ju`), `w` with each name it could mean.
fn middle(w: &str, today: NaiveDate, direction: Direction) -> Option<Result<String, Vec<String>>> {
    let (said, month) = ["middle of ", "mid of ", "mid-", "mid "]
        .iter()
        .find_map(|said| Some((*said, w.strip_prefix(said)?)))
        .or((w == "midmonth").then_some(("mid", "month")))?;
    let month = month.strip_prefix("the ").unwrap_or(month);
    let months: i32 = match month {
        "month" | "this month" => 0,
        "next month" => 1,
        "last month" | "previous month" => -1,
        // A month by its name: its 15th, as `dec 15` reads it.
        name => {
            let m = match by_prefix(name, &MONTHS) {
                Ok(Some(m)) => m,
                // Too short to read, but one month's start (`mid-de`): its 15th is offered,
                // as a suggestion and not a day read, as `mid de` is.
                Err(Miss::Short { name, .. }) => MONTHS.iter().find(|(month, _)| *month == name)?.1,
                Err(Miss::Wrong(DateError::Ambiguous { candidates, .. })) => {
                    return Some(Err(candidates
                        .iter()
                        .map(|month| format!("{said}{month}"))
                        .collect()));
                }
                _ => return None,
            };
            let name = MONTHS.get(usize::try_from(m).ok()?.checked_sub(1)?)?.0;
            let word = format!("{} 15", &name[..3]);
            return taken(&word, today, direction).then_some(Ok(word));
        }
    };
    let first = today.with_day(1)?;
    let first = if months >= 0 {
        first.checked_add_months(chrono::Months::new(months.unsigned_abs()))
    } else {
        first.checked_sub_months(chrono::Months::new(months.unsigned_abs()))
    }?;
    let ways: [fn(NaiveDate) -> String; 2] = [
        |day| {
            format!(
                "{} {}",
                day.format("%b").to_string().to_lowercase(),
                day.day()
            )
        },
        |_| "15th".to_string(),
    ];
    said_as(&[first.with_day(15)], &ways, today, direction).map(Ok)
}

/// A weekday's name as typed, `sat`.
fn weekday(day: NaiveDate) -> String {
    day.format("%a").to_string().to_lowercase()
}

/// `days` in words joined by `or`, each a day the field takes, the others left out: the
/// first of `ways` that names each as the field reads it (`sat or sun`, where those are the
/// days; else `sat next week or sun next week`), or each written out. `None` where the field
/// takes none of them.
fn said_as(
    days: &[Option<NaiveDate>],
    ways: &[fn(NaiveDate) -> String],
    today: NaiveDate,
    direction: Direction,
) -> Option<String> {
    let days: Vec<NaiveDate> = days
        .iter()
        .flatten()
        .copied()
        .filter(|day| in_range(*day) && (direction == Direction::Ahead || *day <= today))
        .collect();
    if days.is_empty() {
        return None;
    }
    let words = ways
        .iter()
        .map(|way| days.iter().map(|day| way(*day)).collect::<Vec<_>>())
        .find(|words| {
            words
                .iter()
                .zip(&days)
                .all(|(word, day)| read(word, today, direction) == Ok(Some(*day)))
        })
        .unwrap_or_else(|| days.iter().map(ToString::to_string).collect());
    Some(words.join(" or "))
}

/// The units of a length written out, which a number in words goes before, and which a
/// mistyped phrase is put right to.
pub(super) const UNITS: [&str; 10] = [
    "day",
    "days",
    "week",
    "weeks",
    "fortnight",
    "fortnights",
    "month",
    "months",
    "year",
    "years",
];

/// The ends of a period said in full, and the short form's start for each.
const EDGES: [(&str, &str); 3] = [
    ("end of ", "eo"),
    ("start of ", "so"),
    ("beginning of ", "so"),
];

/// The days either side of tomorrow and yesterday, said in full, and the length from today
/// each is.
const TWO_DAYS_OFF: [(&str, &str); 2] = [
    ("day after tomorrow", "+2d"),
    ("day before yesterday", "-2d"),
];

/// What `the` may come before: a day of the month (`the 15th`, then maybe `+1w`), the end or
/// start of a period (`the end of the month`), a day two days off (`the day after
/// tomorrow`), or a week or a weekday after next or before last (`the week after next`, `the
/// fri before last`), as each is said; not a length (`the 3d`) or a date written out.
pub(super) fn after_the(w: &str) -> bool {
    // A stop after it, as at the end of a sentence (`the fri after next.`), is no part of
    // what `the` goes before: the word is then told as without it.
    let w = w.trim_end_matches(['.', ',', ';', '!', '?']).trim_end();
    if w.split(['+', '-'])
        .next()
        .is_some_and(|w| w.ends_with(" after next") || w.ends_with(" before last"))
    {
        return true;
    }
    // A day said in words has a dash of its own (`twenty-first`), and one after it is a
    // length's (`the twenty-first-1d`).
    let first = w.split([' ', '+']).next().unwrap_or_default();
    let day = |first: &str| ordinal_number(first).is_some();
    day(first)
        || first.match_indices('-').any(|(at, _)| day(&first[..at]))
        || EDGES.iter().any(|(edge, _)| w.starts_with(edge))
        || TWO_DAYS_OFF.iter().any(|(said, _)| w.starts_with(said))
}

/// `this fri`, `next fri`, `last fri`. `this` is the weekday alone with today included;
/// `next` and `last` are that day of next or last week, read only where that is also the next
/// or the last such day: `next fri` on a Tuesday could be either Friday, and a due date
/// guessed a week wrong is worse than a question.
pub(super) fn weekday_of_week(w: &str, today: NaiveDate, direction: Direction) -> Found {
    // `fri next week`: that day of the week named, never a question.
    if let Some((name, week)) = w.split_once(' ')
        && let Some(shift) = match week {
            "this week" => Some(0),
            "next week" => Some(1),
            "last week" => Some(-1),
            "week after next" => Some(2),
            "week before last" => Some(-2),
            _ => None,
        }
        && let Ok(Some(day)) = by_prefix(name, &WEEKDAYS)
    {
        let now = i64::from(today.weekday().num_days_from_monday());
        let days = 7 * shift - now + i64::from(day.num_days_from_monday());
        return shift_days(today, days).ok_or_else(|| beyond(w));
    }
    // `fri after next`: a week after `next fri`, so asked which where that is (on a
    // Tuesday, the Friday of next week or of the week after); `fri before last`, a week
    // before `last fri`, so asked which where that is (looking back on a Saturday).
    if let Some((name, which, weeks)) = [(" after next", "next", 7), (" before last", "last", -7)]
        .into_iter()
        .find_map(|(said, which, weeks)| Some((w.strip_suffix(said)?, which, weeks)))
        && !name.contains(' ')
    {
        let week_on = |day: NaiveDate| shift_days(day, weeks).ok_or_else(|| beyond(w));
        return match weekday_of_week(&format!("{which} {name}"), today, direction) {
            Ok(day) => week_on(day),
            Err(Miss::Wrong(DateError::TwoDays { first, second, .. })) => {
                Err(Miss::Wrong(DateError::TwoDays {
                    word: w.to_string(),
                    read_as: None,
                    first: week_on(first)?,
                    second: week_on(second)?,
                    today,
                }))
            }
            Err(other) => Err(other),
        };
    }
    let Some((which, name)) = w.split_once(' ') else {
        return Err(Miss::NotThis);
    };
    if !matches!(which, "this" | "next" | "last") {
        return Err(Miss::NotThis);
    }
    let day = match by_prefix(name, &WEEKDAYS) {
        Ok(Some(day)) => day,
        Ok(None) => return Err(Miss::NotThis),
        // `next th`: suggested whole, `next thursday`, as the start of a name in any phrase.
        Err(other) => return Err(other),
    };
    let now = i64::from(today.weekday().num_days_from_monday());
    let target = i64::from(day.num_days_from_monday());
    let (near, of_week) = match which {
        "this" => {
            let days = match direction {
                Direction::Ahead => (target - now).rem_euclid(7),
                Direction::Back => -(now - target).rem_euclid(7),
            };
            return shift_days(today, days).ok_or_else(|| beyond(w));
        }
        "next" => {
            let ahead = (target - now).rem_euclid(7);
            (if ahead == 0 { 7 } else { ahead }, 7 - now + target)
        }
        _ => {
            let back = (now - target).rem_euclid(7);
            (-(if back == 0 { 7 } else { back }), -7 - now + target)
        }
    };
    let first = shift_days(today, near).ok_or_else(|| beyond(w))?;
    let second = shift_days(today, of_week).ok_or_else(|| beyond(w))?;
    // Only a word that looks the way the field does can mean a day the field takes: `next
    // fri` for a day that has passed is the next Friday, which the field then refuses.
    let looks_as_the_field = (which == "next") == (direction == Direction::Ahead);
    if first == second || !looks_as_the_field {
        return Ok(first);
    }
    Err(Miss::Wrong(DateError::TwoDays {
        word: w.to_string(),
        read_as: None,
        first: first.min(second),
        second: first.max(second),
        today,
    }))
}

/// The numbers a length may be said in.
pub(super) const NUMBERS: [(&str, &str); 14] = [
    ("a", "1"),
    ("an", "1"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
];

/// Words said in full rather than in the short forms: `end of the month`, `start of next
/// week`, `next month`, `two weeks`, `day after tomorrow`, each read as what it stands for.
pub(super) fn spoken(w: &str, today: NaiveDate, direction: Direction) -> Found {
    if let Some(day) = edge_of_quarter(w, today, direction) {
        return Ok(day);
    }
    match day_of_said_month(w, today, direction) {
        Err(Miss::NotThis) => {}
        found => return found,
    }
    match edge_of_month(w, today, direction) {
        Err(Miss::NotThis) => {}
        found => return found,
    }
    let Some(short) = in_short(w) else {
        return Err(Miss::NotThis);
    };
    match base(&short, today, direction) {
        Err(Miss::NotThis) => arithmetic(&short, today, direction),
        found => found,
    }
}

/// A day of this, next or last month said by its number (`15th of next month`, `the
/// fifteenth of last month`, `15th next month`): that day of that month, never a question,
/// as `fri next week` is that day of that week. A month without that day (`31st of next
/// month` in January) is offered its end said in full, never rolled over into the month
/// after, as `feb 30` is not.
fn day_of_said_month(w: &str, today: NaiveDate, direction: Direction) -> Found {
    let Some((day, month)) = w.split_once(' ') else {
        return Err(Miss::NotThis);
    };
    let Some(n) = ordinal_number(day) else {
        return Err(Miss::NotThis);
    };
    let (of, month) = match month.strip_prefix("of ") {
        Some(month) => (true, month),
        None => (false, month),
    };
    let months: i32 = match month {
        "the month" | "month" if of => 0,
        "this month" => 0,
        "next month" => 1,
        "last month" | "previous month" => -1,
        _ => return Err(Miss::NotThis),
    };
    if let Some(why) = why_no_day_of_month(n) {
        return Err(no_such_day(w, why));
    }
    let first = today.with_day(1).ok_or_else(|| beyond(w))?;
    let first = if months >= 0 {
        first.checked_add_months(chrono::Months::new(months.unsigned_abs()))
    } else {
        first.checked_sub_months(chrono::Months::new(months.unsigned_abs()))
    }
    .ok_or_else(|| beyond(w))?;
    first.with_day(n).ok_or_else(|| {
        Miss::Wrong(DateError::Bad {
            word: w.to_string(),
            suggestion: Some(format!("end of {month}")).filter(|end| taken(end, today, direction)),
            back: direction == Direction::Back,
            today,
        })
    })
}

/// The last or first day of a month by its name, said in full (`end of dec`, `start of june
/// 2027`): with a year, that month of that year, as `dec 2027` names it; without one, the
/// next such month, this one included (looking back, the last), as a quarter by its number
/// is, so `end of dec` in December is this month's last day. A start of two names is told
/// what it could mean (`end of ju`).
fn edge_of_month(w: &str, today: NaiveDate, direction: Direction) -> Found {
    let Some((edge, rest)) = EDGES
        .iter()
        .find_map(|(said, edge)| Some((*edge, w.strip_prefix(said)?)))
    else {
        return Err(Miss::NotThis);
    };
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let (start, end) = match month_of_year(rest) {
        Some(month) => month,
        None => {
            let Some(m) = by_prefix(rest, &MONTHS)? else {
                return Err(Miss::NotThis);
            };
            let year = match direction {
                Direction::Ahead if m < today.month() => today.year().checked_add(1),
                Direction::Back if m > today.month() => today.year().checked_sub(1),
                _ => Some(today.year()),
            }
            .ok_or_else(|| beyond(w))?;
            let start = NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(|| beyond(w))?;
            let end = start
                .checked_add_months(chrono::Months::new(1))
                .and_then(|next| next.pred_opt())
                .ok_or_else(|| beyond(w))?;
            (start, end)
        }
    };
    Ok(if edge == "eo" { end } else { start })
}

/// The last or first day of a quarter by its number, said in full (`end of q1`, `start of
/// q3 2027`): a quarter as `q1` names it ([`quarter_days`]), so the day named as `eoq` names
/// this quarter's; it has no short word; `the` may go before the quarter (`end of the q1`),
/// as before a month (`end of the month`). A day looking back still to come, or past the
/// calendar, is refused as any other word's is.
fn edge_of_quarter(w: &str, today: NaiveDate, direction: Direction) -> Option<NaiveDate> {
    EDGES.iter().find_map(|(said, edge)| {
        let rest = w.strip_prefix(said)?;
        let rest = rest.strip_prefix("the ").unwrap_or(rest);
        let (start, end) = quarter_days(rest, today, direction)?;
        Some(if *edge == "eo" { end } else { start })
    })
}

/// The short form that `w` says in full, if it is one. None is said in full again (each is
/// a short word, or has its number in digits), so reading it in turn comes to an end.
fn in_short(w: &str) -> Option<String> {
    if let Some((_, length)) = TWO_DAYS_OFF.iter().find(|(said, _)| *said == w) {
        return Some((*length).to_string());
    }
    let unit = |name: &str| match name {
        "week" => Some("w"),
        "work week" => Some("ww"),
        "month" => Some("m"),
        "quarter" => Some("q"),
        "year" => Some("y"),
        _ => None,
    };
    for (said, edge) in EDGES {
        let Some(rest) = w.strip_prefix(said) else {
            continue;
        };
        let rest = ["the ", "this "]
            .iter()
            .find_map(|article| rest.strip_prefix(article))
            .unwrap_or(rest);
        let (shift, name) = match rest.split_once(' ') {
            Some(("next", name)) => (1, name),
            Some(("last" | "previous", name)) => (-1, name),
            _ => (0, rest),
        };
        if name == "day" {
            return (shift == 0).then(|| "today".to_string());
        }
        let letter = unit(name)?;
        return Some(match (letter, shift) {
            // A work week's next and last have no short word: a week on or back.
            ("ww", 0) => format!("{edge}ww"),
            ("ww", 1) => format!("{edge}ww+1w"),
            ("ww", _) => format!("{edge}ww-1w"),
            (letter, 0) => format!("{edge}{letter}"),
            (letter, 1) => format!("{edge}n{letter}"),
            (letter, _) => format!("{edge}p{letter}"),
        });
    }
    if let Some((which @ ("next" | "last"), name)) = w.split_once(' ')
        && let Some(letter) = unit(name)
    {
        let next = which == "next";
        return Some(match letter {
            "ww" => format!("soww{}", if next { "+1w" } else { "-1w" }),
            letter => format!("so{}{letter}", if next { 'n' } else { 'p' }),
        });
    }
    // `3 days ago`, `a week ago`: that length back.
    if let Some(length) = w.strip_suffix(" ago") {
        let length = in_digits(length).unwrap_or_else(|| length.to_string());
        return (!length.starts_with(['+', '-']) && parse_duration(&length).is_some())
            .then(|| format!("-{length}"));
    }
    in_digits(w)
}

/// A length with its number in words (`two weeks`), in digits (`2 weeks`).
fn in_digits(w: &str) -> Option<String> {
    let mut words: Vec<&str> = w.split(' ').collect();
    let (at, digits) = words.iter().enumerate().find_map(|(at, word)| {
        NUMBERS
            .iter()
            .find(|(name, _)| name == word)
            .map(|(_, digits)| (at, *digits))
    })?;
    // Only before a unit written out: `a d` or `ten m` is no length anyone says.
    if !words.get(at + 1).is_some_and(|unit| UNITS.contains(unit)) {
        return None;
    }
    words[at] = digits;
    let short = words.join(" ");
    parse_duration(&short).map(|_| short)
}
