//! Reading a date word: its shape decides how (an ISO form, a named word from the table, a
//! duration, a weekday, a month, a day of the month, a month and a day, or any of those then
//! `+` or `-` a duration), and the direction decides whether a weekday, a month or a day of the
//! month means the next one or the last one. Words as people say them (`next fri`, `end of
//! the month`) are in `said`, and what a mistyped word meant in `nearest`. Each shape is
//! read in `shapes`; what to tell of a word that reads as no day, or as another than was
//! meant, is worked out in `told`.

use chrono::NaiveDate;

use super::nearest::{NO_DATE_YET, look_alike, nearest, number_alone, taken};
use super::said::{after_the, month_of_year, no_one_day, spoken, weekday_of_week, without_fillers};
use super::shapes::{
    duration, iso, month, month_and_day, named, next_spelled_out, ordinal, ordinals_joined,
    parse_duration, weekday,
};
use super::told::{
    ambiguous_in, in_phrase, is_huge_length, mostly_look_alikes, time_in, told_apart, told_bare,
    told_in_full, year_twice,
};
use super::unread::Written;
use super::{DateError, Due, in_range, is_out_of_range};

/// Which way a word that names a recurring day looks: forward for a due date, back for the
/// day something happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ahead,
    Back,
}

impl Direction {
    /// Whether `day` is one a recurring day looked for this way from `today` may be: after
    /// today ahead, today or before back.
    pub(super) fn reaches(self, day: NaiveDate, today: NaiveDate) -> bool {
        match self {
            Direction::Ahead => day > today,
            Direction::Back => day <= today,
        }
    }
}

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
pub(super) const LONGEST: usize = 64;

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
                        read_as: None,
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

pub(super) fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}
