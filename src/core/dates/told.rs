//! What to tell of a word that reads as no day, or as another than was meant: a year
//! given twice, a word cut short that could be several, a time where a day goes, a length
//! past the calendar.

use chrono::NaiveDate;

use super::nearest::{
    apostrophe_left_off, apostrophe_moved, look_alike, run_together, taken, year_in_full,
};
use super::read::{Direction, read};
use super::shapes::parse_duration;
use super::{DateError, Due};

/// What to tell of `typed`, read as `w`, a year of two digits in it (`feb 29 '27`, `dec '27`,
/// `feb 29 27`), where that year in full names a day it lacks, a day no year has (`feb 30
/// '28`) or a whole month: that, as the words in full are told (a year in full that reads is
/// offered, by [`nearest`](super::nearest::nearest), and anything else told as any word that
/// is not a date).
pub(super) fn told_in_full(
    w: &str,
    typed: &str,
    today: NaiveDate,
    direction: Direction,
) -> Option<DateError> {
    // Its apostrophe left off too (`feb 29 27`), as the year in full is offered without one.
    let full = year_in_full(w, today).or_else(|| year_in_full(&apostrophe_left_off(w)?, today))?;
    match read(&full, today, direction) {
        Err(DateError::NotInYear { year, why, .. }) => Some(DateError::NotInYear {
            word: typed.to_string(),
            year,
            why,
        }),
        // Where the apostrophe more likely slipped onto the day (`'28 feb 30`), the day with
        // it on the year is offered (`28 feb 2030`), where the field takes it.
        Err(no @ DateError::NoSuchDay { .. }) => Some(
            match apostrophe_moved(w, today).filter(|moved| taken(moved, today, direction)) {
                Some(moved) => DateError::Bad {
                    word: typed.to_string(),
                    suggestion: Some(moved),
                    back: direction == Direction::Back,
                    today,
                },
                None => no.quoting(typed),
            },
        ),
        Err(DateError::WholePeriod {
            period, instead, ..
        }) => Some(DateError::WholePeriod {
            word: typed.to_string(),
            period,
            instead,
        }),
        _ => None,
    }
}

/// What to tell of `typed`, read as `w`, where a stop or comma ends it (`feb 30.`, `9am.`,
/// `next fri,`) and the word without it is refused with a message of its own, or offered
/// another: that, quoting `typed`. A word without it that reads is offered by
/// [`nearest`](super::nearest::nearest), and one told only that it is no date leaves `w` to be
/// measured against the words.
pub(super) fn told_bare(
    w: &str,
    typed: &str,
    today: NaiveDate,
    direction: Direction,
) -> Option<DateError> {
    let bare = w.trim_end_matches(['.', ',', ';', '!', '?']).trim_end();
    if bare == w || bare.is_empty() {
        return None;
    }
    match read(bare, today, direction) {
        Ok(_)
        | Err(DateError::Bad {
            suggestion: None, ..
        }) => None,
        Err(told) => Some(told.quoting(typed)),
    }
}

/// What to tell of `typed`, read as `w`, where it is this, next or last run into a weekday
/// or with a slip in it (`nextfri`, `nxtfri`, `next fir`): the words apart offered, where
/// the field takes them, or where they ask which of two days (`next fri` on a Tuesday),
/// that question, quoting `typed` and, where a slip was put right, the words it was read as.
pub(super) fn told_apart(
    w: &str,
    typed: &str,
    today: NaiveDate,
    direction: Direction,
) -> Option<DateError> {
    let (apart, slipped) = run_together(w)?;
    match read(&apart, today, direction) {
        Err(DateError::TwoDays {
            first,
            second,
            today,
            ..
        }) => Some(DateError::TwoDays {
            word: typed.to_string(),
            read_as: slipped.then(|| apart.clone()),
            first,
            second,
            today,
        }),
        _ => taken(&apart, today, direction).then(|| DateError::Bad {
            word: typed.to_string(),
            suggestion: Some(apart),
            back: direction == Direction::Back,
            today,
        }),
    }
}

/// What to tell of `typed`, read as `w`, where it gives a year twice, of four digits or of
/// two after an apostrophe (`2027 dec '15`, `dec 15 '27 2027`, `2027 '15`): no reading of it
/// is a day, and the day 2027 of December 2015 is none anyone meant. The word meant is
/// offered where the field takes it: an apostrophe year as the day it stands in place of
/// (`2027 dec 15`), or, where both years are the same, the word with one of them (`dec 15
/// 2027`). `None` where `w` has one year or none.
pub(super) fn year_twice(
    w: &str,
    typed: &str,
    today: NaiveDate,
    direction: Direction,
) -> Option<DateError> {
    let words: Vec<&str> = w.split(' ').collect();
    fn bare(word: &str) -> &str {
        word.strip_suffix(',').unwrap_or(word)
    }
    fn number(word: &str) -> bool {
        !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
    }
    fn short(word: &str) -> Option<&str> {
        word.strip_prefix(['\'', '\u{2019}'])
            .filter(|two| two.len() == 2 && number(two))
    }
    let in_full = |word: &str| match short(bare(word)) {
        Some(_) => year_in_full(bare(word), today),
        None => (bare(word).len() == 4 && number(bare(word))).then(|| bare(word).to_string()),
    };
    let years: Vec<usize> = (0..words.len())
        .filter(|at| in_full(words[*at]).is_some())
        .collect();
    let [first, second, ..] = years[..] else {
        return None;
    };
    // Each reading tried, its years of two digits then put in full.
    let reads = |candidate: Vec<String>| {
        let candidate = candidate.join(" ");
        let candidate = candidate.trim_end_matches(',');
        let candidate = year_in_full(candidate, today).unwrap_or_else(|| candidate.to_string());
        taken(&candidate, today, direction).then_some(candidate)
    };
    let with = |at: usize, word: Option<String>| {
        words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                if i == at {
                    word.clone()
                } else {
                    Some((*w).to_string())
                }
            })
            .collect::<Vec<_>>()
    };
    // Where either apostrophe could be the one that slipped (`'27 dec '15`), neither is
    // guessed at.
    let as_day: Vec<String> = [first, second]
        .into_iter()
        .filter_map(|at| {
            let day = short(bare(words[at]))?;
            let comma = if words[at].ends_with(',') { "," } else { "" };
            reads(with(at, Some(format!("{day}{comma}"))))
        })
        .collect();
    let as_day = match &as_day[..] {
        [one] => Some(one.clone()),
        _ => None,
    };
    let same = in_full(words[first]) == in_full(words[second]);
    let one_year = || {
        [second, first]
            .into_iter()
            .filter(|_| same)
            .find_map(|at| reads(with(at, None)))
    };
    Some(DateError::YearTwice {
        word: typed.to_string(),
        first: bare(words[first]).to_string(),
        second: bare(words[second]).to_string(),
        no_day: !words.iter().enumerate().any(|(at, word)| {
            !years.contains(&at) && word.starts_with(|c: char| c.is_ascii_digit())
        }),
        instead: as_day.or_else(one_year),
        back: direction == Direction::Back,
        today,
    })
}

/// What to tell of `typed`, read as `w`, where `part` of it is the start of each of
/// `candidates` (`ju` in `mid ju`, `ju 15`): the phrase as typed, and with each name it could
/// mean that is understood (read, or told what it names: `mid june`), as a word told whole
/// is; the one such, where only one is (`ju 31`: july 31); and where none is, as the
/// phrases are told (`ma 32`, no day any year has; `next ju`, as `next june`, no date).
pub(super) fn ambiguous_in(
    w: &str,
    part: &str,
    candidates: &[String],
    typed: &str,
    today: NaiveDate,
    direction: Direction,
) -> DateError {
    let phrases: Vec<(String, Result<Due, DateError>)> = candidates
        .iter()
        .map(|name| {
            let phrase = in_phrase(w, part, name);
            let read = read(&phrase, today, direction);
            (phrase, read)
        })
        .collect();
    let understood: Vec<String> = phrases
        .iter()
        .filter(|(_, read)| {
            matches!(
                read,
                Ok(_)
                    | Err(DateError::Unread { .. }
                        | DateError::WholePeriod { .. }
                        | DateError::TwoDays { .. })
            )
        })
        .map(|(phrase, _)| phrase.clone())
        .collect();
    let bad = |suggestion: Option<String>| DateError::Bad {
        word: typed.to_string(),
        suggestion: suggestion.filter(|word| taken(word, today, direction)),
        back: direction == Direction::Back,
        today,
    };
    let no_such_day = phrases
        .iter()
        .map(|(_, read)| match read {
            Err(no @ DateError::NoSuchDay { .. }) => Some(no),
            _ => None,
        })
        .collect::<Option<Vec<_>>>();
    match understood.as_slice() {
        // Told why as the first is (`ma 32`: no month has more than 31 days, as no day a start
        // of two names leaves out differs in why between them).
        [] if let Some([no, ..]) = no_such_day.as_deref() => (*no).clone().quoting(typed),
        [] => bad(None),
        [one] => bad(Some(one.clone())),
        _ => DateError::Ambiguous {
            word: typed.to_string(),
            candidates: understood,
        },
    }
}

/// `w` with `part`, a word of it (its first, between no letters), put as `name`: the phrase
/// a start of a name in it could mean (`mid june` for the `ju` of `mid ju`).
pub(super) fn in_phrase(w: &str, part: &str, name: &str) -> String {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    w.match_indices(part)
        .map(|(at, _)| at)
        .find(|at| {
            !letter(w[..*at].chars().next_back()) && !letter(w[at + part.len()..].chars().next())
        })
        .map_or_else(
            || name.to_string(),
            |at| format!("{}{name}{}", &w[..at], &w[at + part.len()..]),
        )
}

/// Whether more than half the letters of `typed` outside ASCII only look like Latin ones.
pub(super) fn mostly_look_alikes(typed: &str) -> bool {
    let (mut alike, mut other) = (0usize, 0usize);
    for c in typed.chars().filter(|c| !c.is_ascii() && c.is_alphabetic()) {
        if look_alike(c.encode_utf8(&mut [0; 4])).is_some() {
            alike += 1;
        } else {
            other += 1;
        }
    }
    alike > other
}

/// Whether `w` says a time, and if so what of it says a day, to be typed alone: `tomorrow`
/// of `tomorrow 9am`, `2026-12-01` of `2026-12-01T10:30`.
pub(super) fn time_in(w: &str, today: NaiveDate, direction: Direction) -> Option<Option<String>> {
    let closed = clock_closed(w);
    let w = closed.as_str();
    let mut found = is_time(w);
    let mut rest = Vec::new();
    let words: Vec<&str> = w.split(' ').collect();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let next = words.get(i + 1).copied();
        match word.split_once('t') {
            // An ISO 8601 day and time in one word.
            Some((day, time)) if day.len() == 10 && is_time(time) => {
                found = true;
                rest.push(day);
            }
            // `3 pm`: a time in two words.
            _ if next.is_some_and(|n| matches!(n, "am" | "pm"))
                && is_time(&format!("{word}am")) =>
            {
                found = true;
                i += 1;
            }
            _ if is_time(word) => found = true,
            _ => rest.push(word),
        }
        i += 1;
    }
    if !found {
        return None;
    }
    // What joined the day to the time: `tomorrow at 9am`.
    while rest.last().is_some_and(|w| matches!(*w, "at" | "@")) {
        rest.pop();
    }
    let rest = rest.join(" ");
    // Only a day the field takes, as every suggestion: for a day that has happened, none
    // after today (`tomorrow 9am` there is not answered with `tomorrow`, which it refuses).
    let day = (!rest.is_empty()
        && rest != w
        && matches!(read(&rest, today, direction),
            Ok(Some(day)) if direction == Direction::Ahead || day <= today))
    .then_some(rest);
    Some(day)
}

/// `w` with the blanks taken out around a colon between digits (`10 : 30`, `fri 10: 30`):
/// a clock time however spaced, read as `10:30` is. A colon after no digit is a label's
/// (`deadline: 15th`), and its blanks are kept.
pub(super) fn clock_closed(w: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    // Where the nearest character that is not a blank is, before `at` or after it.
    let before = |at: usize| (0..at).rev().find(|i| chars[*i] != ' ');
    let after = |at: usize| (at + 1..chars.len()).find(|i| chars[*i] != ' ');
    let digit = |i: Option<usize>| i.is_some_and(|i| chars[i].is_ascii_digit());
    let colon = |i: Option<usize>| i.is_some_and(|i| chars[i] == ':');
    chars
        .iter()
        .enumerate()
        .filter(|(at, c)| {
            if **c != ' ' {
                return true;
            }
            let (b, a) = (before(*at), after(*at));
            // `10 :` (a digit, then the colon), or `10: 30` (a colon after a digit, then a
            // digit): the blank goes.
            !((digit(b) && colon(a)) || (colon(b) && digit(a) && digit(b.and_then(before))))
        })
        .map(|(_, c)| *c)
        .collect()
}

/// A clock time, a time of day by name (`noon`, `eob`), a length in hours, minutes or
/// seconds (`3h`, `in 30 minutes`), or an ISO 8601 length of time (`PT3H`): trustladder
/// keeps days.
pub(super) fn is_time(w: &str) -> bool {
    let digits_then = |suffix: &str| {
        w.strip_suffix(suffix)
            .map(str::trim_end)
            .is_some_and(|n| !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let iso_hours = w
        .strip_prefix("pt")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let length = w.strip_prefix("in ").unwrap_or(w);
    let (number, unit) = length.split_at(
        length
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(length.len()),
    );
    let hours = !number.is_empty()
        && matches!(
            unit.trim(),
            "h" | "hr"
                | "hrs"
                | "hour"
                | "hours"
                | "min"
                | "mins"
                | "minute"
                | "minutes"
                | "sec"
                | "secs"
                | "second"
                | "seconds"
        );
    // A clock's colon comes after the hour's digits (`9:30`, `17:`): the colon of
    // `deadline: fri` or `deadline:15th` is a label's, and the word no time.
    let clock_colon = w
        .match_indices(':')
        .any(|(at, _)| w[..at].ends_with(|c: char| c.is_ascii_digit()));
    clock_colon
        || digits_then("am")
        || digits_then("pm")
        // A time of day by name, and the end of a working day (`eob`, `cob`): a slip for
        // no date word, as `eob` is not for `eow`, a Sunday. A morning or an afternoon as
        // a clock says it (`fri am`) too.
        || matches!(
            w,
            "am" | "pm"
                | "noon"
                | "midnight"
                | "tonight"
                | "tonite"
                | "2nite"
                | "morning"
                | "afternoon"
                | "evening"
                | "eob"
                | "cob"
                | "end of business"
                | "close of business"
        )
        || iso_hours
        || hours
}

/// A length whose number has more digits than any that lands in the calendar (`+2147483648d`):
/// outside the years, not something else.
pub(super) fn is_huge_length(w: &str) -> bool {
    let unsigned = w
        .strip_prefix(['+', '-'])
        .or_else(|| w.strip_prefix("in "))
        .unwrap_or(w)
        .trim_start();
    let end = unsigned
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(unsigned.len());
    end > 9 && parse_duration(&format!("+1{}", &unsigned[end..])).is_some()
}
