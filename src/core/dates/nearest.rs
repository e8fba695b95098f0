//! What a mistyped date word most likely meant: the nearest word of the table, or a phrase
//! with each mistyped word put right (`lst fri`: `last fri`), offered only where it reads.

use chrono::{Datelike, NaiveDate};

use super::read::{Direction, Miss, read};
use super::said::{NUMBERS, UNITS};
use super::shapes::{MONTHS, ORDINAL_WORDS, WEEKDAYS, by_prefix, ordinal_number};
use super::words::{Rule, vocabulary};

/// What a mistyped word most likely meant, when it is near enough ([`crate::core::text::typo`]):
/// a word of the table, or a phrase with its mistyped words put right (`lst fri`).
pub(super) fn nearest(w: &str, today: NaiveDate, direction: Direction) -> Option<String> {
    // A number alone is no slip for `none`.
    if NUMBERS.iter().any(|(name, _)| *name == w) {
        return None;
    }
    // A date word in quotes or brackets, or with a stop after it (`fri?`, `"eom"`), or
    // after a word that wraps one as `by` does (`until fri`, `deadline: eom`): that word.
    if let Some(word) = unwrapped(w).filter(|word| taken(word, today, direction)) {
        return Some(word);
    }
    // A year of two digits after an apostrophe, typed or typographic (`dec 15 '27`): the
    // year in full, of this century, where that reads (looking back, never a day to come).
    if let Some(full) = year_in_full(w, today).filter(|full| taken(full, today, direction)) {
        return Some(full);
    }
    // A year of two digits last without its apostrophe (`dec 15 27`), after a month and a
    // day: that year in full, as with one.
    if let Some(full) = apostrophe_left_off(w)
        .and_then(|w| year_in_full(&w, today))
        .filter(|full| taken(full, today, direction))
    {
        return Some(full);
    }
    // Before a symbol is taken out: the typographic apostrophe of `in 2 weeks’ time`.
    if let Some(length) = length_from_now(w).filter(|length| taken(length, today, direction)) {
        return Some(length);
    }
    // A symbol no date word has (an emoji, `→`) is no slip of a letter: the word without it
    // is offered, where that reads, and no word is measured against it (`😀 fri` was two
    // edits from `by fri`, and offered it).
    if w.chars().any(is_symbol) {
        let kept: String = w
            .chars()
            .map(|c| {
                if c.is_ascii() || c.is_alphanumeric() {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let kept = kept.split_whitespace().collect::<Vec<_>>().join(" ");
        return (!kept.is_empty())
            .then_some(kept)
            .filter(|kept| taken(kept, today, direction));
    }
    // Before the words either side of a dash are taken apart (`in -1 week` as `in 1 week`).
    if let Some(signed) = signed_after_in(w).filter(|s| taken(s, today, direction)) {
        return Some(signed);
    }
    if let Some(joined) = lengths_joined(w).filter(|j| taken(j, today, direction)) {
        return Some(joined);
    }
    // Letters and digits run together (`sept30`, `dec15`): the two apart, where that reads.
    if let Some(at) = w.find(|c: char| c.is_ascii_digit())
        && at > 0
        && w[..at].bytes().all(|b| b.is_ascii_alphabetic())
    {
        let apart = format!("{} {}", &w[..at], &w[at..]);
        if taken(&apart, today, direction) {
            return Some(apart);
        }
    }
    // A month and a day joined by a stop, a dash or a slash (`dec.15`, `dec. 15`, `15-dec`),
    // a year after them too (`dec. 15, 2027`): the words apart, where that reads.
    let pieces: Vec<&str> = w
        .split(['.', ',', '-', '/', ' '])
        .filter(|piece| !piece.is_empty())
        .collect();
    if (2..=3).contains(&pieces.len())
        && w.contains(['.', ',', '-', '/'])
        && pieces
            .iter()
            .any(|piece| piece.len() >= 3 && piece.bytes().all(|c| c.is_ascii_alphabetic()))
        && pieces
            .iter()
            .any(|piece| piece.starts_with(|c: char| c.is_ascii_digit()))
    {
        let apart = pieces.join(" ");
        if taken(&apart, today, direction) {
            return Some(apart);
        }
    }
    if let Some(signed) = signed_length(w).filter(|s| taken(s, today, direction)) {
        return Some(signed);
    }
    if let Some(days) = in_days(w).filter(|days| taken(days, today, direction)) {
        return Some(days);
    }
    if let Some(edge) = edge_said_by_day(w).filter(|edge| taken(edge, today, direction)) {
        return Some(edge);
    }
    if let Some(edge) = edge_of_short_period(w).filter(|edge| taken(edge, today, direction)) {
        return Some(edge);
    }
    if let Some(day) = weekday_as_spoken(w).filter(|day| taken(day, today, direction)) {
        return Some(day);
    }
    if let Some(day) = day_at_its_end(w).filter(|day| taken(day, today, direction)) {
        return Some(day);
    }
    if let Some(last) = previous_as_read(w)
        .into_iter()
        .find(|last| taken(last, today, direction))
    {
        return Some(last);
    }
    nearest_word(w, today, direction)
        .map(str::to_string)
        .or_else(|| ordinal_slip(w).filter(|day| taken(day, today, direction)))
        .or_else(|| word_by_word(w, today, direction))
}

/// The days of the month in words, `first` to `thirty-first`, as they read.
fn ordinals_in_words() -> impl Iterator<Item = String> {
    let units = ORDINAL_WORDS.iter().filter(|(_, n)| *n < 10);
    let tens = ["twenty", "thirty"].into_iter().flat_map(move |tens| {
        units
            .clone()
            .filter(move |(_, n)| tens == "twenty" || *n == 1)
            .map(move |(unit, _)| format!("{tens}-{unit}"))
    });
    ORDINAL_WORDS
        .iter()
        .map(|(name, _)| (*name).to_string())
        .chain(tens)
}

/// A day of the month said in words with a slip in it (`fiftenth`, `twenty-frist`), or its
/// two words run together (`twentyfirst`): the one day in words nearest to it, put right.
/// Measured apart from the table's words, which have no day of the month in words among
/// them; `None` where two are as near.
fn ordinal_slip(w: &str) -> Option<String> {
    let near: Vec<(usize, String)> = ordinals_in_words()
        .filter_map(|day| crate::core::text::typo(w, &day).map(|d| (d, day)))
        .collect();
    let best = near.iter().map(|(d, _)| *d).min()?;
    match &near.iter().filter(|(d, _)| *d == best).collect::<Vec<_>>()[..] {
        [(_, day)] => Some(day.clone()),
        _ => None,
    }
}

/// A weekday or a week after this, next or last, run into it or with a slip in the weekday
/// (`nextfri`, `nxtfri`, `lastmonday`, `nxtweek`, `nextfr`, `next fir`), a length after it
/// kept as typed (`nextfri+2w`): the words apart and the weekday put right, as `next fri`
/// (`next fri+2w`) reads; with whether a slip in the weekday was put right (`fir`), not
/// only the words parted, `nxt` read as next or a weekday's start made whole. `None` for
/// anything else, and for words that are already so.
pub(super) fn run_together(w: &str) -> Option<(String, bool)> {
    let (which, rest) = [
        ("next", "next"),
        ("nxt", "next"),
        ("last", "last"),
        ("this", "this"),
    ]
    .into_iter()
    .find_map(|(typed, which)| Some((which, w.strip_prefix(typed)?.trim_start())))?;
    let (name, length) = rest.split_at(rest.find(['+', '-', ' ']).unwrap_or(rest.len()));
    let (name, slipped) = match by_prefix(name, &WEEKDAYS) {
        _ if name == "week" => (name, false),
        Ok(Some(_)) => (name, false),
        // Two letters that start one weekday (`fr`), as `next fr` is offered it.
        Err(Miss::Short { name, .. }) => (name.get(..3)?, false),
        _ => (weekday_slip(name)?, true),
    };
    let apart = format!("{which} {name}{length}");
    (apart != w).then_some((apart, slipped))
}

/// The weekday, by its first three letters, that `w` is a slip of ([`crate::core::text::typo`]
/// of its name or of those three: `fir`, `thr`); `None` where none is, where two are as near
/// (`satday`: saturday or sunday), where it is a slip of a period's name too (`wek` of wed
/// and of week, `mont` of mon and of month), which the nearest word puts right, or where a
/// letter of it is not Latin (`frі`, its `і` Cyrillic), which is named as only looking like
/// one.
fn weekday_slip(w: &str) -> Option<&'static str> {
    if !w.is_ascii()
        || ["week", "weekend", "month", "quarter", "year"]
            .iter()
            .any(|period| crate::core::text::typo(w, period).is_some())
    {
        return None;
    }
    let near: Vec<(usize, &'static str)> = WEEKDAYS
        .iter()
        .filter_map(|(name, _)| {
            let short = name.get(..3)?;
            let d = [*name, short]
                .into_iter()
                .filter_map(|form| crate::core::text::typo(w, form))
                .min()?;
            Some((d, short))
        })
        .collect();
    let best = near.iter().map(|(d, _)| *d).min()?;
    match near.iter().filter(|(d, _)| *d == best).collect::<Vec<_>>()[..] {
        [(_, day)] => Some(day),
        _ => None,
    }
}

/// `w` with an apostrophe before its last word where that is two digits after at least two
/// words (a month and a day: `dec 15 27` as `dec 15 '27`); `None` for anything else.
pub(super) fn apostrophe_left_off(w: &str) -> Option<String> {
    let (head, two) = w.rsplit_once(' ')?;
    (head.contains(' ') && two.len() == 2 && two.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{head} '{two}"))
}

/// `w` with each year of two digits after an apostrophe (`'27`, with a comma after it too)
/// written in full, in the century of `today` (`2027`); `None` where `w` has no such year.
pub(super) fn year_in_full(w: &str, today: NaiveDate) -> Option<String> {
    let century = today.year() / 100 * 100;
    let mut any = false;
    let words: Vec<String> = w
        .split(' ')
        .map(|word| {
            let (year, comma) = match word.strip_suffix(',') {
                Some(year) => (year, ","),
                None => (word, ""),
            };
            match year.strip_prefix(['\'', '\u{2019}']) {
                Some(two)
                    if two.len() == 2
                        && let Ok(n) = two.parse::<i32>()
                        && two.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    any = true;
                    format!("{:04}{comma}", century + n)
                }
                _ => word.to_string(),
            }
        })
        .collect();
    any.then(|| words.join(" "))
}

/// `w` with the apostrophe of its one year of two digits moved to its one other number of
/// one or two digits, and that year then in full (`'28 feb 30`: `28 feb 2030`): where the
/// apostrophe's year names a day no year has (February 2028's 30th), the apostrophe more
/// likely slipped onto the day. `None` where `w` has not one of each.
pub(super) fn apostrophe_moved(w: &str, today: NaiveDate) -> Option<String> {
    let words: Vec<&str> = w.split(' ').collect();
    let bare = |at: &usize| words[*at].trim_end_matches(',');
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    let one = |found: Vec<usize>| match found[..] {
        [at] => Some(at),
        _ => None,
    };
    let year = one((0..words.len())
        .filter(|at| {
            bare(at)
                .strip_prefix(['\'', '\u{2019}'])
                .is_some_and(|two| two.len() == 2 && digits(two))
        })
        .collect())?;
    let day = one((0..words.len()).filter(|at| digits(bare(at))).collect())?;
    let moved: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(at, word)| match at {
            _ if at == year => word[word.chars().next().map_or(0, char::len_utf8)..].to_string(),
            _ if at == day => format!("'{word}"),
            _ => (*word).to_string(),
        })
        .collect();
    // A comma after the last number is the sentence's, not the date's.
    year_in_full(moved.join(" ").trim_end_matches(','), today)
}

/// Words said before a day as `by` is, but not read as it is: the day after them is offered
/// rather than read, as `for fri` could mean another day. `before` is left out, the day
/// before being as likely meant; `date` is here for `due date fri`, which comes here as
/// `date fri`, `due` being read as `by` is.
const WRAPPERS: [&str; 7] = ["until", "till", "til", "at", "for", "date", "deadline"];

/// `w` without the quotes, brackets and stops around it, or without a word before it that
/// wraps a day ([`WRAPPERS`], or any word with a colon after it: `deadline: fri`); `None`
/// where it has neither.
pub(super) fn unwrapped(w: &str) -> Option<String> {
    let around = |c: char| "\"'`()[]{}<>.,;:?!".contains(c);
    let bare = w.trim_matches(around).trim();
    if bare != w && !bare.is_empty() {
        return Some(bare.to_string());
    }
    let rest = WRAPPERS
        .iter()
        .find_map(|wrapper| w.strip_prefix(wrapper))
        .filter(|rest| rest.starts_with([' ', ':']))
        .or_else(|| {
            let (label, rest) = w.split_once(':')?;
            (!label.is_empty() && label.bytes().all(|b| b.is_ascii_alphabetic())).then_some(rest)
        })?;
    let rest = rest.trim_start_matches([' ', ':']);
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Whether `c` is a visible symbol no date word is written with: not a letter or a digit of
/// any script, nor ASCII, nor a character that draws nothing (which a message shows escaped,
/// and a word is measured with as typed).
fn is_symbol(c: char) -> bool {
    !c.is_ascii()
        && !c.is_alphanumeric()
        && !c.is_whitespace()
        && !crate::core::text::is_invisible(c)
        && !crate::core::text::is_unsafe_to_print(c)
}

/// A sign before a length said without its number (`-week`, `- a fortnight`, `+days`): the
/// length with its one and the sign kept (`-1 week`). The nearest word drops the sign, and
/// `week` for `-week` is a week on where a week back was typed.
fn signed_length(w: &str) -> Option<String> {
    let sign = w.chars().next().filter(|c| matches!(c, '+' | '-'))?;
    let rest = w[1..].trim_start();
    let rest = ["a ", "one "]
        .iter()
        .find_map(|one| rest.strip_prefix(one))
        .unwrap_or(rest);
    UNITS
        .contains(&rest)
        .then(|| format!("{sign}1 {}", rest.strip_suffix('s').unwrap_or(rest)))
}

/// A count after a sign or `in` without its unit (`eom-1`, `+3`, `in 3`): the count in days,
/// which a count of them most often is (`eom-1d`, `+3d`, `in 3 days`). The nearest word
/// drops the count (`tomorrow+1` was offered tomorrow), and a count alone is a day of the
/// month as often as days (`15`, told as a number alone).
fn in_days(w: &str) -> Option<String> {
    let count = w.trim_end_matches(|c: char| c.is_ascii_digit());
    if count.len() == w.len() {
        return None;
    }
    if count == "in " {
        let unit = if &w[count.len()..] == "1" {
            "day"
        } else {
            "days"
        };
        return Some(format!("{w} {unit}"));
    }
    let before = count.trim_end();
    let sign = before.chars().next_back()?;
    // A dash after a digit or a month is a day written with one (`2026-12-0`, `sept-31`),
    // not a count back.
    let base = before.strip_suffix(['+', '-'])?.trim_end();
    let written = sign == '-'
        && (base.ends_with(|c: char| c.is_ascii_digit())
            || !matches!(by_prefix(base, &MONTHS), Ok(None)));
    (!written).then(|| format!("{w}d"))
}

/// Lengths run together (`1w1d`, `-2w3d`): each after the sign of the first, or +
/// (`1w+1d`, `-2w-3d`), as a word then a length reads. `None` for anything else.
fn lengths_joined(w: &str) -> Option<String> {
    let (sign, rest) = match w.strip_prefix(['+', '-']) {
        Some(rest) => (&w[..1], rest),
        None => ("", w),
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, c) in rest.char_indices() {
        if c.is_ascii_digit() && rest[..at].ends_with(|c: char| c.is_ascii_alphabetic()) {
            pieces.push(&rest[start..at]);
            start = at;
        }
    }
    pieces.push(&rest[start..]);
    (pieces.len() >= 2
        && pieces
            .iter()
            .all(|piece| super::shapes::parse_duration(piece).is_some()))
    .then(|| format!("{sign}{}", pieces.join(if sign == "-" { "-" } else { "+" })))
}

/// A length with its sign after `in` (`in -1 week`, `in - 3 days`, `in +3d`): the length
/// with its sign (`-1 week`), where the nearest word dropped the sign and offered a length
/// the other way (`in 1 week`).
fn signed_after_in(w: &str) -> Option<String> {
    let signed = w.strip_prefix("in ")?.trim_start();
    let sign = signed.chars().next().filter(|c| matches!(c, '+' | '-'))?;
    Some(format!("{sign}{}", signed[1..].trim_start()))
}

/// A length said from now or today, or later, or back (`2 weeks from now`, `3 days later`,
/// `3 days back`), or in its time (`in 2 weeks' time`, `a week's time`): the length as `in`
/// and `ago` say it (`in 2 weeks`, `3 days ago`), where a nearest word answered the one word
/// near (`now`) or none.
fn length_from_now(w: &str) -> Option<String> {
    const ON: [&str; 4] = [" from now", " from today", " later", " hence"];
    const BACK: [&str; 3] = [" back", " before today", " earlier"];
    let in_its_time = || {
        let length = w.strip_suffix(" time")?;
        ["'s", "\u{2019}s", "'", "\u{2019}"]
            .iter()
            .find_map(|mark| length.strip_suffix(mark))
            .or(Some(length))
    };
    let on = ON
        .iter()
        .find_map(|after| w.strip_suffix(after))
        .or_else(in_its_time)
        .map(|length| format!("in {}", length.strip_prefix("in ").unwrap_or(length)));
    let back = || {
        BACK.iter()
            .find_map(|after| w.strip_suffix(after))
            .map(|length| format!("{length} ago"))
    };
    on.or_else(back)
}

/// The first or last day of a period said by its day (`last day of the month`, `last of
/// next month`, `first of next week`): the start or end of it as said in full (`end of the
/// month`, `end of next month`, `start of next week`), where a nearest word answered one
/// word near or none. The first of a month said so reads, as any day of it does.
fn edge_said_by_day(w: &str) -> Option<String> {
    const EDGES: [(&str, &str); 6] = [
        ("last day of ", "end of "),
        ("last of ", "end of "),
        ("first day of ", "start of "),
        ("1st day of ", "start of "),
        ("first of ", "start of "),
        ("1st of ", "start of "),
    ];
    EDGES.iter().find_map(|(said, edge)| {
        w.strip_prefix(said)
            .filter(|period| !period.is_empty())
            .map(|period| format!("{edge}{period}"))
    })
}

/// The start or end of a period said by the short form of its name (`end of wk`, `start of
/// next mo`, `end of the qtr`): the name in full (`end of week`), where each word of it is
/// a word a nearest word takes as typed, and so no word was offered.
fn edge_of_short_period(w: &str) -> Option<String> {
    const SHORT: [(&str, &str); 6] = [
        ("wk", "week"),
        ("mo", "month"),
        ("mth", "month"),
        ("yr", "year"),
        ("qtr", "quarter"),
        ("q", "quarter"),
    ];
    let (head, short) = w.rsplit_once(' ')?;
    let full = SHORT
        .iter()
        .find_map(|(name, full)| (*name == short).then_some(*full))?;
    ["end of", "start of", "beginning of"]
        .iter()
        .any(|edge| head.starts_with(edge))
        .then(|| format!("{head} {full}"))
}

/// `w` with previous, or prev as it is written short, said as the words here say it:
/// previous in full where that reads (`end of prev month`: `end of previous month`), else
/// last (`previous week`, `prev fri`: `last week`, `last fri`), which reads wherever previous
/// does. Empty where `w` has neither.
fn previous_as_read(w: &str) -> Vec<String> {
    let words: Vec<&str> = w.split(' ').collect();
    let said = |previous: &str| {
        words
            .iter()
            .map(|word| match *word {
                "prev" | "prev." | "previous" => previous,
                word => word,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !words
        .iter()
        .any(|word| matches!(*word, "prev" | "prev." | "previous"))
    {
        return Vec::new();
    }
    [said("previous"), said("last")]
        .into_iter()
        .filter(|said| said != w)
        .collect()
}

/// A weekday said as in speech (`coming friday`, `this coming fri`, `upcoming fri`, `monday
/// next`), or after its week (`next week fri`): as the words here say it (`this friday`,
/// `monday next week`, `fri next week`), where a nearest word answered one word near or none.
fn weekday_as_spoken(w: &str) -> Option<String> {
    const COMING: [&str; 4] = ["this coming ", "this upcoming ", "coming ", "upcoming "];
    const WEEKS: [&str; 5] = [
        "this week",
        "next week",
        "last week",
        "week after next",
        "week before last",
    ];
    let coming = COMING
        .iter()
        .find_map(|before| w.strip_prefix(before))
        .map(|day| format!("this {day}"));
    let week_first = || {
        WEEKS.iter().find_map(|week| {
            let day = w.strip_prefix(week)?.strip_prefix([' ', ','])?.trim_start();
            matches!(by_prefix(day, &WEEKDAYS), Ok(Some(_))).then(|| format!("{day} {week}"))
        })
    };
    coming.or_else(week_first).or_else(|| {
        w.strip_suffix(" next")
            .filter(|day| !day.is_empty() && !day.contains(' '))
            .map(|day| format!("{day} next week"))
    })
}

/// A day with its end said too (`fri eod`, `eod tmrw`, `end of day friday`): the day, as
/// `eod` alone is today, a promise due on a day being due by its end; where a nearest word
/// answered none.
fn day_at_its_end(w: &str) -> Option<String> {
    const EOD: [&str; 3] = ["end of the day", "end of day", "eod"];
    EOD.iter().find_map(|eod| {
        let after = w
            .strip_prefix(eod)
            .and_then(|day| day.strip_prefix([' ', ',']))
            .map(|day| {
                day.trim_start()
                    .strip_prefix("on ")
                    .unwrap_or(day)
                    .trim_start()
            });
        let before = || {
            w.strip_suffix(eod)
                .and_then(|day| day.strip_suffix([' ', ',']))
                .map(|day| day.trim_end_matches([' ', ',']))
                .map(|day| day.strip_suffix(" at").unwrap_or(day))
        };
        after
            .or_else(before)
            .filter(|day| !day.is_empty())
            .map(str::to_string)
    })
}

/// What a number typed alone (`15`) may have meant: that day of the month or that many days
/// from today (back from it, for a day that has happened), as far as each reads in the
/// field; `today` for `0`. `None` for anything else.
pub(super) fn number_alone(w: &str, today: NaiveDate, direction: Direction) -> Option<String> {
    // Four digits are more likely a year than a count of days.
    if w.is_empty() || w.len() > 3 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = w.parse().ok()?;
    if n == 0 {
        return Some("today".to_string());
    }
    let day_of_month = (n <= 31)
        .then(|| {
            ["st", "nd", "rd", "th"]
                .iter()
                .map(|suffix| format!("{n}{suffix}"))
                .find(|word| ordinal_number(word).is_some())
        })
        .flatten();
    let days = match direction {
        Direction::Ahead => format!("{n}d"),
        Direction::Back => format!("-{n}d"),
    };
    let words: Vec<String> = day_of_month
        .into_iter()
        .chain([days])
        .filter(|word| taken(word, today, direction))
        .collect();
    (!words.is_empty()).then(|| words.join(" or "))
}

/// `typed`, lowercased, with each character that only looks like one a date word is written
/// in put as that one (a minus sign or a dash for `-`, full-width `ｆｒｉ`, a Cyrillic `е` in
/// `еom`, a Greek or Cyrillic capital in `ΕΟΜ`), with the first such character as typed and
/// the one it looks like; `None` where `typed` has none. Pasted, or typed in another keyboard
/// layout, such a word looks like one that reads, so a message that named no character would
/// seem to refuse a right word.
pub(super) fn look_alike(typed: &str) -> Option<(String, char, char)> {
    let mut first = None;
    let plain: String = typed
        .chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            // Capitals whose small letters look like no Latin one, or like another (Greek
            // `Μ` is an M, its `μ` no m; `Υ` is a Y, its `υ` a u).
            let capital = match c {
                'В' | 'Β' => Some('b'),
                'Н' | 'Η' => Some('h'),
                'К' => Some('k'),
                'М' | 'Μ' => Some('m'),
                'Ν' => Some('n'),
                'Т' | 'Τ' => Some('t'),
                'Υ' => Some('y'),
                'Ζ' => Some('z'),
                _ => None,
            };
            let meant = if let Some(latin) = capital {
                latin
            } else {
                match lower {
                    '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' => '-',
                    // Full-width forms: the same letters, digits and signs, shifted.
                    '\u{ff01}'..='\u{ff5e}' => {
                        char::from_u32(u32::from(lower) - 0xfee0).unwrap_or(lower)
                    }
                    'а' | 'α' => 'a',
                    'с' | 'ϲ' => 'c',
                    'ԁ' => 'd',
                    'е' | 'ε' => 'e',
                    'һ' => 'h',
                    'і' | 'ι' => 'i',
                    'ј' => 'j',
                    'κ' => 'k',
                    'ӏ' => 'l',
                    'о' | 'ο' => 'o',
                    'р' | 'ρ' => 'p',
                    'ԛ' => 'q',
                    'ѕ' => 's',
                    'υ' => 'u',
                    'ν' => 'v',
                    'ԝ' => 'w',
                    'х' | 'χ' => 'x',
                    'у' | 'γ' => 'y',
                    _ => return c,
                }
            };
            // Named as typed: `Е` looks like `E`.
            let meant = if c.is_uppercase() {
                meant.to_ascii_uppercase()
            } else {
                meant
            };
            first.get_or_insert((c, meant));
            meant
        })
        .collect();
    first.map(|(c, meant)| (plain.to_lowercase(), c, meant))
}

/// What people type for a day not yet known, answered with `none` for a due date, where a
/// nearest word would answer with a day (`tbd`: today, `no date`: november).
pub(super) const NO_DATE_YET: [&str; 10] = [
    "no date",
    "nodate",
    "no due date",
    "tbd",
    "tba",
    "tbc",
    "todo",
    "n/a",
    "unknown",
    "whenever",
];

/// The words phrases are said in, against which each word of a mistyped phrase is put
/// right, with the units of a length ([`UNITS`]); weekdays and months are read by their
/// start, and numbers as they are.
const PHRASE_WORDS: [&str; 15] = [
    "this",
    "next",
    "last",
    "previous",
    "end",
    "start",
    "beginning",
    "of",
    "in",
    "the",
    "ago",
    "work",
    "week",
    "quarter",
    "tomorrow",
];

/// A phrase with its mistyped words put right (`lst fri`, `end of the mnth`, `thre weeks`),
/// when each is near one word of a phrase and the phrase then reads.
fn word_by_word(w: &str, today: NaiveDate, direction: Direction) -> Option<String> {
    let words: Vec<&str> = w.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    let known = |word: &str| {
        PHRASE_WORDS.contains(&word)
            || UNITS.contains(&word)
            || NUMBERS.iter().any(|(name, _)| *name == word)
            || word.starts_with(|c: char| c.is_ascii_digit())
            || ordinal_number(word).is_some()
            || matches!(by_prefix(word, &WEEKDAYS), Ok(Some(_)))
            || matches!(by_prefix(word, &MONTHS), Ok(Some(_)))
    };
    let names = PHRASE_WORDS
        .iter()
        .chain(UNITS.iter())
        .copied()
        .chain(NUMBERS.iter().map(|(name, _)| *name))
        .chain(WEEKDAYS.iter().map(|(name, _)| *name))
        .chain(MONTHS.iter().map(|(name, _)| *name));
    // Each word, or the words nearest to it (`thre`: the and three), tried in turn; a day
    // of the month in words, as its own slip (`fiftenth`: fifteenth).
    let mut phrases: Vec<Vec<&str>> = vec![Vec::new()];
    let slips: Vec<Option<String>> = words.iter().map(|word| ordinal_slip(word)).collect();
    for (word, slip) in words.iter().zip(&slips) {
        let choices: Vec<&str> = if known(word) {
            vec![word]
        } else if let Some(day) = slip {
            vec![day.as_str()]
        } else {
            let near: Vec<(usize, &str)> = names
                .clone()
                .filter_map(|name| crate::core::text::typo(word, name).map(|d| (d, name)))
                .collect();
            let best = near.iter().map(|(d, _)| *d).min()?;
            near.into_iter()
                .filter(|(d, _)| *d == best)
                .map(|(_, name)| name)
                .collect()
        };
        phrases = phrases
            .iter()
            .flat_map(|start| {
                choices.iter().map(move |choice| {
                    let mut next = start.clone();
                    next.push(choice);
                    next
                })
            })
            .take(16)
            .collect();
    }
    phrases
        .into_iter()
        .map(|phrase| phrase.join(" "))
        .filter(|phrase| *phrase != w)
        .find(|phrase| taken(phrase, today, direction))
}

/// Whether the field takes `candidate` as a day: any day within the years 1 to 9999 for a
/// due date, one not after today for an outcome's (so `tomorow` there is not answered with
/// `tomorrow`). A word that asks which of two days is no suggestion: a suggestion must read.
pub(super) fn taken(candidate: &str, today: NaiveDate, direction: Direction) -> bool {
    match read(candidate, today, direction) {
        Ok(Some(day)) => direction == Direction::Ahead || day <= today,
        Ok(None) => direction == Direction::Ahead,
        Err(_) => false,
    }
}

/// The word of the table nearest to a mistyped one.
fn nearest_word(w: &str, today: NaiveDate, direction: Direction) -> Option<&'static str> {
    // Only words the field takes: for a day that has passed, none after today, and on any
    // day, none that means a day outside the years 1 to 9999 (`tomorrow` on 9999-12-31).
    vocabulary()
        .into_iter()
        .filter(|candidate| taken(candidate, today, direction))
        .filter_map(|candidate| {
            spelled(candidate, w.chars().count())
                .filter_map(|form| {
                    crate::core::text::typo(w, &form).map(|d| (d, form != candidate))
                })
                .min()
                .map(|(d, by_another)| (d, by_another, candidate))
        })
        // At the same distance, a word near as itself rather than by another of its forms:
        // `next week` for `nextweek`, not `sonw`, which it is near only by that form; then a
        // word in as many words as typed: `next week` for `nex week`, not `sonw` either.
        .min_by_key(|(d, by_another, candidate)| {
            (*d, *by_another, candidate.contains(' ') != w.contains(' '))
        })
        .map(|(_, _, candidate)| candidate)
}

/// The ways a word of the vocabulary is typed, against which a typo of `len` characters is
/// measured: the word, a named word's short form (`tom` for tomorrow), and for a weekday or
/// month, which are read by their first three letters or more, those three (`frxi` is a
/// slip for `fri`, and so for friday) and its first `len` letters (`fird` for `frid`).
fn spelled(candidate: &'static str, len: usize) -> impl Iterator<Item = String> {
    // A named word's short form, and its other spellings of four letters or more but for
    // the terse `sond` kind (`tmrw`): shorter ones would be answered for ordinary words.
    let short = super::words::WORDS
        .iter()
        .find(|word| {
            matches!(word.rule, Rule::Named { .. }) && word.spellings.first() == Some(&candidate)
        })
        .into_iter()
        .flat_map(|word| word.spellings.iter().enumerate().skip(1))
        .filter(|(i, s)| *i == 1 || s.len() >= 4 && !s.starts_with("so") && !s.starts_with("eo"))
        .map(|(_, s)| (*s).to_string())
        .collect::<Vec<_>>();
    let by_prefix = WEEKDAYS.iter().any(|(name, _)| *name == candidate)
        || MONTHS.iter().any(|(name, _)| *name == candidate);
    let prefix = |len: usize| {
        (by_prefix && len >= 3 && len < candidate.len())
            .then(|| candidate.chars().take(len).collect::<String>())
    };
    let three = prefix(3).filter(|_| len != 3);
    std::iter::once(candidate.to_string())
        .chain(short)
        .chain(three)
        .chain(prefix(len))
}
