//! Reading a date word: its shape decides how (an ISO form, a named word from the table, a
//! duration, a weekday, a month, a day of the month, a month and a day, or any of those then
//! `+` or `-` a duration), and the direction decides whether a weekday, a month or a day of the
//! month means the next one or the last one. Words as people say them (`next fri`, `end of
//! the month`) are in `said`, and what a mistyped word meant in `nearest`.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::nearest::{
    NO_DATE_YET, apostrophe_left_off, apostrophe_moved, look_alike, nearest, number_alone,
    run_together, taken, year_in_full,
};
use super::said::{after_the, month_of_year, no_one_day, spoken, weekday_of_week, without_fillers};
use super::unread::Written;
use super::words::{Edge, Rule, Unit, WORDS};
use super::{DateError, Due, in_range, is_out_of_range, parse_iso};

/// Which way a word that names a recurring day looks: forward for a due date, back for the
/// day something happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ahead,
    Back,
}

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

/// Why a shape did not give a day: it is not this shape (try the next), or it is and is wrong.
pub(super) enum Miss {
    NotThis,
    /// Too short a start of one name to be sure of it: the start as typed (lowercased), a
    /// word of the phrase read, and the name, with which the phrase is suggested.
    Short {
        part: String,
        name: &'static str,
    },
    Wrong(DateError),
}

pub(super) type Found = Result<NaiveDate, Miss>;

/// A day past what the calendar holds.
pub(super) fn beyond(word: &str) -> Miss {
    Miss::Wrong(DateError::OutOfRange {
        word: word.to_string(),
        day: None,
    })
}

/// The most characters a date word may have: more than the longest said in full (`by the end
/// of the previous work week`), and few enough that a paste into a date field, read at every
/// key, is refused at once rather than tried shape by shape.
const LONGEST: usize = 64;

/// Reads `word` on `today`: a day, or no date for `none`, `later` and `someday`.
pub fn read(word: &str, today: NaiveDate, direction: Direction) -> Result<Due, DateError> {
    let typed = word.trim();
    if typed.chars().count() > LONGEST {
        return Err(DateError::TooLong {
            word: crate::core::text::quoted_back(typed),
            most: LONGEST,
            back: direction == Direction::Back,
            today,
        });
    }
    // A stop, a comma or `!` after a word, as at the end of a sentence (`tomorrow.`): the
    // word, where it reads (looking back too, where a day to come is then refused as one).
    // One that does not is told why below, with the stop (`feb 30.`, `9am.`).
    let bare = typed.trim_end_matches(['.', ',', '!']).trim_end();
    if bare.len() < typed.len()
        && !bare.is_empty()
        && let Ok(due) = read(bare, today, direction)
    {
        return Ok(due);
    }
    let spaced = next_spelled_out(&ordinals_joined(
        &typed
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    ));
    // `by fri`, `on the 15th`, `due eom`: what follows the fillers is read, with every
    // message of its own (`by 9am` is a time). `the` goes only before a day of the month or
    // the end or start of a period: `the week` or `the month` is no day, and `the 3d` no
    // length. Before any other word that reads (`by the eom`), that word is offered.
    let (w, the) = without_fillers(&spaced);
    let w = w.to_string();
    if w.is_empty() || the && !after_the(&w) {
        // `the weekend`, `the middle of the month`: told what they name, as without `the`.
        if let Some(no_one) = no_one_day(&w, typed, today, direction) {
            return Err(no_one);
        }
        // A word offered is offered bare, without a stop after it (`the eom.`: eom), and a
        // length with one is no more a word to offer than without (`the 3d.`).
        let bare = w.trim_end_matches(['.', ',', ';', '!', '?']).trim_end();
        // A slip after it (`the fiftenth`) is put right as it is alone, with `the` before
        // what it goes before (`the fifteenth`).
        let put_right = || {
            (the && !bare.is_empty()
                && matches!(read(bare, today, direction), Err(DateError::Bad { .. })))
            .then(|| nearest(bare, today, direction))
            .flatten()
            .map(|near| {
                if after_the(&near) {
                    format!("the {near}")
                } else {
                    near
                }
            })
        };
        return Err(DateError::Bad {
            word: typed.to_string(),
            suggestion: (!bare.is_empty() && parse_duration(bare).is_none())
                .then(|| bare.to_string())
                .filter(|word| taken(word, today, direction))
                .or_else(put_right)
                .filter(|word| taken(word, today, direction)),
            back: direction == Direction::Back,
            today,
        });
    }
    if matches!(w.as_str(), "none" | "later" | "someday") {
        return Ok(None);
    }
    if NO_DATE_YET.contains(&w.as_str()) {
        return Err(DateError::Bad {
            word: typed.to_string(),
            suggestion: (direction == Direction::Ahead).then(|| "none".to_string()),
            back: direction == Direction::Back,
            today,
        });
    }
    if let Some(day) = time_in(&w, today, direction) {
        return Err(DateError::Time {
            word: typed.to_string(),
            day,
        });
    }
    if let Some((why, instead)) = super::unread::unread(&w, direction == Direction::Back) {
        return Err(DateError::Unread {
            word: typed.to_string(),
            why,
            instead,
        });
    }
    if is_out_of_range(&w) || is_huge_length(&w) {
        return Err(DateError::OutOfRange {
            word: typed.to_string(),
            day: None,
        });
    }
    if let Some(twice) = year_twice(&w, typed, today, direction) {
        return Err(twice);
    }
    // A month by its name with a year (`dec 2027`) is a whole month, never that month's
    // 2027th day: told what it names, or, looking back at a month not begun, as any word.
    if month_of_year(&w).is_some() {
        return Err(
            no_one_day(&w, typed, today, direction).unwrap_or_else(|| DateError::Bad {
                word: typed.to_string(),
                suggestion: None,
                back: direction == Direction::Back,
                today,
            }),
        );
    }
    let found = match base(&w, today, direction) {
        Err(Miss::NotThis) => arithmetic(&w, today, direction),
        other => other,
    };
    let day = match found {
        Ok(day) => day,
        Err(Miss::Wrong(DateError::OutOfRange { .. })) => {
            return Err(DateError::OutOfRange {
                word: typed.to_string(),
                day: None,
            });
        }
        // The shapes read the word lowercased; the message quotes it as it was typed.
        Err(Miss::Wrong(DateError::NotInYear { year, why, .. })) => {
            return Err(DateError::NotInYear {
                word: typed.to_string(),
                year,
                why,
            });
        }
        // A day the calendar cannot hold is never offered as one of the two (`next sun` on
        // 9999-12-30 asked between two days of the year 10000): the word is out of range,
        // named by the day that is.
        Err(Miss::Wrong(DateError::TwoDays { first, second, .. }))
            if let Some(day) = [first, second].into_iter().find(|day| !in_range(*day)) =>
        {
            return Err(DateError::OutOfRange {
                word: typed.to_string(),
                day: Some(day),
            });
        }
        Err(Miss::Wrong(two @ DateError::TwoDays { .. })) => return Err(two.quoting(typed)),
        Err(Miss::Wrong(no @ DateError::NoSuchDay { .. })) => return Err(no.quoting(typed)),
        // `31st of next month` in January: offered the month's end, quoting what was typed.
        Err(Miss::Wrong(bad @ DateError::Bad { .. })) => return Err(bad.quoting(typed)),
        // The phrase with the name whole is suggested (`de 15`: december 15, not december,
        // the 1st), or told what it names where it names no one day (`mid de`), or that no
        // year has it where that phrase is no day at all (`fe 30`, as `feb 30` is told).
        Err(Miss::Short { part, name }) => {
            let phrase = in_phrase(&w, &part, name);
            if let Some(no_one) = no_one_day(&phrase, typed, today, direction) {
                return Err(no_one);
            }
            // Or asked which of two days it means, as the phrase is (`next fr` on a
            // Tuesday, as `next fri`): no suggestion reads there, and the question names
            // what does.
            match read(&phrase, today, direction) {
                Err(no @ DateError::NoSuchDay { .. }) => return Err(no.quoting(typed)),
                Err(two @ DateError::TwoDays { .. }) => return Err(two.quoting(typed)),
                _ => {}
            }
            return Err(DateError::Bad {
                word: typed.to_string(),
                // As every suggestion, only a word the field takes (`th` on 0001-01-01, for
                // a day that has passed, means no Thursday within the years 1 to 9999).
                suggestion: Some(phrase).filter(|s| taken(s, today, direction)),
                back: direction == Direction::Back,
                today,
            });
        }
        Err(Miss::Wrong(DateError::Ambiguous {
            word: part,
            candidates,
        })) => {
            return Err(ambiguous_in(
                &w,
                &part,
                &candidates,
                typed,
                today,
                direction,
            ));
        }
        Err(Miss::Wrong(e)) => return Err(e),
        Err(Miss::NotThis) => {
            return Err(match super::unread::written_otherwise(&w) {
                Some(Written::As(day)) => DateError::Bad {
                    word: typed.to_string(),
                    suggestion: Some(day),
                    back: direction == Direction::Back,
                    today,
                },
                Some(Written::Unclear { why, instead }) => DateError::Unread {
                    word: typed.to_string(),
                    why,
                    instead,
                },
                // Told why the day it writes is none, as that day in words that read is.
                Some(Written::Not(written)) => match read(&written, today, direction) {
                    Err(
                        told @ (DateError::NoSuchDay { .. }
                        | DateError::NotInYear { .. }
                        | DateError::OutOfRange { .. }),
                    ) => told.quoting(typed),
                    _ => DateError::Bad {
                        word: typed.to_string(),
                        suggestion: None,
                        back: direction == Direction::Back,
                        today,
                    },
                },
                None if let Some(instead) = number_alone(&w, today, direction) => {
                    DateError::NumberAlone {
                        word: typed.to_string(),
                        instead,
                    }
                }
                None if let Some(no_one) = no_one_day(&w, typed, today, direction) => no_one,
                None if let Some(told) = told_in_full(&w, typed, today, direction) => told,
                None if let Some(told) = told_bare(&w, typed, today, direction) => told,
                None if let Some(told) = told_apart(&w, typed, today, direction) => told,
                // The character is named as typed (`Е`, not the `е` of `w`).
                None => match look_alike(&typed.split_whitespace().collect::<Vec<_>>().join(" ")) {
                    Some((instead, character, meant)) if taken(&instead, today, direction) => {
                        DateError::LookAlike {
                            word: typed.to_string(),
                            character,
                            meant,
                            instead: Some(instead),
                        }
                    }
                    // A date word in Latin letters, but not one the field takes (`еom` for a
                    // day that has happened): the character is named all the same, where a
                    // nearest word offered another (`som`).
                    Some((latin, character, meant))
                        if latin.is_ascii()
                            && !matches!(
                                read(&latin, today, direction),
                                Err(DateError::Bad { .. })
                            ) =>
                    {
                        DateError::LookAlike {
                            word: typed.to_string(),
                            character,
                            meant,
                            instead: None,
                        }
                    }
                    // Nearest words are measured against the word in Latin letters, where
                    // every letter of it has one (`εomm`: eom).
                    latin => {
                        let suggestion = match &latin {
                            Some((latin, ..)) if latin.is_ascii() => {
                                nearest(without_fillers(latin).0, today, direction)
                            }
                            _ => nearest(&w, today, direction),
                        };
                        match latin {
                            // Nothing near, in a word typed in another alphabet that is
                            // mostly look-alikes (`еом`, its `м` no Latin letter): its letters
                            // are the fault, and named. A word of that alphabet (`завтра`) is
                            // told as any word that is not a date.
                            Some((_, character, meant))
                                if suggestion.is_none()
                                    && character.is_alphabetic()
                                    && !('\u{ff01}'..='\u{ff5e}').contains(&character)
                                    && mostly_look_alikes(typed) =>
                            {
                                DateError::LookAlike {
                                    word: typed.to_string(),
                                    character,
                                    meant,
                                    instead: None,
                                }
                            }
                            _ => DateError::Bad {
                                word: typed.to_string(),
                                suggestion,
                                back: direction == Direction::Back,
                                today,
                            },
                        }
                    }
                },
            });
        }
    };
    if !in_range(day) {
        return Err(DateError::OutOfRange {
            word: typed.to_string(),
            day: Some(day),
        });
    }
    Ok(Some(day))
}

/// What to tell of `typed`, read as `w`, a year of two digits in it (`feb 29 '27`, `dec '27`,
/// `feb 29 27`),
/// where that year in full names a day it lacks, a day no year has (`feb 30 '28`) or a whole
/// month: that, as the words in full are told (a year in full that reads is offered, by
/// [`nearest`], and anything else told as any word that is not a date).
fn told_in_full(w: &str, typed: &str, today: NaiveDate, direction: Direction) -> Option<DateError> {
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
/// another: that, quoting `typed`. A word without it that reads is offered by [`nearest`],
/// and one told only that it is no date leaves `w` to be measured against the words.
fn told_bare(w: &str, typed: &str, today: NaiveDate, direction: Direction) -> Option<DateError> {
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
/// that question, quoting `typed`.
fn told_apart(w: &str, typed: &str, today: NaiveDate, direction: Direction) -> Option<DateError> {
    let apart = run_together(w)?;
    match read(&apart, today, direction) {
        Err(two @ DateError::TwoDays { .. }) => Some(two.quoting(typed)),
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
fn year_twice(w: &str, typed: &str, today: NaiveDate, direction: Direction) -> Option<DateError> {
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
fn ambiguous_in(
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
fn mostly_look_alikes(typed: &str) -> bool {
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
fn time_in(w: &str, today: NaiveDate, direction: Direction) -> Option<Option<String>> {
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
fn clock_closed(w: &str) -> String {
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
fn is_time(w: &str) -> bool {
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
fn is_huge_length(w: &str) -> bool {
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

/// Any shape but arithmetic.
pub(super) fn base(w: &str, today: NaiveDate, direction: Direction) -> Found {
    for shape in [
        iso,
        named,
        duration,
        weekday,
        weekday_of_week,
        month,
        ordinal,
        month_and_day,
        spoken,
    ] {
        match shape(w, today, direction) {
            Err(Miss::NotThis) => continue,
            found => return found,
        }
    }
    Err(Miss::NotThis)
}

/// A base, then `+` or `-` a duration: `today+3d`, `eom-1d`, `2026-12-01+2w`.
pub(super) fn arithmetic(w: &str, today: NaiveDate, direction: Direction) -> Found {
    for (i, c) in w.char_indices().rev() {
        if i == 0 || !matches!(c, '+' | '-') {
            continue;
        }
        let (left, right) = w.split_at(i);
        let Some(shift) = parse_duration(right.trim()) else {
            continue;
        };
        match base(left.trim(), today, direction) {
            Ok(day) => return shift.apply(day).ok_or_else(|| beyond(w)),
            Err(Miss::NotThis) => continue,
            // `next fri+1w` on a Tuesday: the two days it could mean, a week on.
            Err(Miss::Wrong(DateError::TwoDays { first, second, .. })) => {
                return match (shift.apply(first), shift.apply(second)) {
                    (Some(first), Some(second)) => Err(Miss::Wrong(DateError::TwoDays {
                        word: w.to_string(),
                        first,
                        second,
                        today,
                    })),
                    _ => Err(beyond(w)),
                };
            }
            Err(wrong) => return Err(wrong),
        }
    }
    Err(Miss::NotThis)
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

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
fn not_in_year(w: &str, year: u32, why: &'static str) -> Miss {
    Miss::Wrong(DateError::NotInYear {
        word: w.to_string(),
        year,
        why,
    })
}

/// `YYYY-MM-DD`, `YYYY-MM`, `YYYY-DDD`, `YYYY-Www`, `YYYY-Www-D`, and `MM-DD`.
fn iso(w: &str, today: NaiveDate, direction: Direction) -> Found {
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
fn named(w: &str, today: NaiveDate, _: Direction) -> Found {
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
fn undotted(w: &str) -> Option<String> {
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
fn next_spelled_out(w: &str) -> String {
    w.split(' ')
        .map(|word| if word == "nxt" { "next" } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first or last day of the period `shift` periods from the one holding `today`.
fn period(today: NaiveDate, edge: Edge, unit: Unit, shift: i32) -> Option<NaiveDate> {
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
    fn apply(self, day: NaiveDate) -> Option<NaiveDate> {
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

fn duration(w: &str, today: NaiveDate, _: Direction) -> Found {
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
fn weekday(w: &str, today: NaiveDate, direction: Direction) -> Found {
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
fn month(w: &str, today: NaiveDate, direction: Direction) -> Found {
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
fn ordinal_in_words(w: &str) -> Option<u32> {
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
fn ordinals_joined(w: &str) -> String {
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
fn ordinal(w: &str, today: NaiveDate, direction: Direction) -> Found {
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
        if let Some(day) = month.with_day(n) {
            let fits = match direction {
                Direction::Ahead => day > today,
                Direction::Back => day <= today,
            };
            if fits {
                return Ok(day);
            }
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
fn month_and_day(w: &str, today: NaiveDate, direction: Direction) -> Found {
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
fn month_day(w: &str, m: u32, d: u32, today: NaiveDate, direction: Direction) -> Found {
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
        if let Some(day) = NaiveDate::from_ymd_opt(year, m, d) {
            let fits = match direction {
                Direction::Ahead => day > today,
                Direction::Back => day <= today,
            };
            if fits {
                return Ok(day);
            }
        }
    }
    Err(beyond(w))
}
