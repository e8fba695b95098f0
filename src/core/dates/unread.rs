//! Taskwarrior's date words that are not read here (docs/DATES.md): each is told apart from a
//! typo, with why and what to type instead, rather than matched to the nearest word
//! (`easter` is not a slip for `none`, nor `weekly` for `week`).

/// Why `w` (lowercased, spaces single) is not read, and what says it instead, for a day
/// ahead or, `back`, one that has happened (`-1w` rather than `1w`); `None` for a word that
/// is not one of Taskwarrior's.
pub fn unread(w: &str, back: bool) -> Option<(&'static str, String)> {
    let (why, instead) = ahead(w)?;
    let instead = match instead.as_str() {
        _ if !back => instead,
        "tomorrow" => "yesterday".to_string(),
        length if length.starts_with(|c: char| c.is_ascii_digit()) => format!("-{length}"),
        _ => instead,
    };
    Some((why, instead))
}

/// [`unread`] for a day ahead.
fn ahead(w: &str) -> Option<(&'static str, String)> {
    const HOLIDAY: &str = "is a holiday, and holidays differ by country";
    const HOW_OFTEN: &str = "says how often, and a promise is made once";
    const NOT_HERE: &str = "is Taskwarrior's, not read here";
    let fixed = |instead: &str| Some((NOT_HERE, instead.to_string()));
    match w {
        "easter" | "goodfriday" | "eastermonday" | "ascension" | "pentecost" | "midsommar"
        | "midsommarafton" => Some((HOLIDAY, "its day, as YYYY-MM-DD".to_string())),
        "daily" | "weekdays" => Some((HOW_OFTEN, "tomorrow".to_string())),
        "weekly" => Some((HOW_OFTEN, "1w".to_string())),
        "biweekly" => Some((HOW_OFTEN, "2w".to_string())),
        "monthly" => Some((HOW_OFTEN, "1m".to_string())),
        "quarterly" => Some((HOW_OFTEN, "3m".to_string())),
        "semiannual" => Some((HOW_OFTEN, "6m".to_string())),
        "yearly" | "annual" => Some((HOW_OFTEN, "1y".to_string())),
        "sopww" => fixed("soww-1w"),
        "sonww" => fixed("soww+1w"),
        "eopww" => fixed("eoww-1w"),
        "eonww" => fixed("eoww+1w"),
        _ => length(w).map(|instead| (NOT_HERE, instead)),
    }
}

/// A day written in a way of its own that is not read here, told apart from a typo: numbers
/// with slashes or dots, which countries read in different orders, a day without its
/// leading zeros.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// One day only, written so: what reads as it (`2026-12-1`: `2026-12-01`).
    As(String),
    /// Why it is not read, and how to write it instead.
    Unclear { why: &'static str, instead: String },
    /// Written so, a day its month lacks in any order it could be in (`29.02.2027`,
    /// `2027-2-29`, `30/02`): the same day in words that read, to be told why as they are
    /// (`2027-02-29`: 2027 is not a leap year).
    Not(String),
}

/// How `w` (lowercased, spaces single) is a day written otherwise, if it is.
pub fn written_otherwise(w: &str) -> Option<Written> {
    let numbers: Vec<&str> = w.split(['-', '/', '.']).collect();
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    // A day the calendar here holds (the years 1 to 9999), as `YYYY-MM-DD`.
    let iso = |y: &str, m: &str, d: &str| -> Option<String> {
        let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .filter(|day| super::in_range(*day))
            .map(|day| day.format("%Y-%m-%d").to_string())
    };
    // Each order the two numbers could be in, as a day to type: month first, then day first.
    // Where only one order makes a day (`25/12`), it is what was meant.
    let readings = |a: &str, b: &str, write: &dyn Fn(u32, u32) -> Option<String>| {
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        let mut days: Vec<String> = [write(a, b), write(b, a)].into_iter().flatten().collect();
        days.dedup();
        match days.as_slice() {
            [] => None,
            [one] => Some(Written::As(one.clone())),
            _ => Some(Written::Unclear {
                why: "writes day and month in an order that differs by country",
                instead: days.join(" or "),
            }),
        }
    };
    // Where no order makes a day, a month and a day of the month in their places (`2027-02-29`
    // of `29.02.2027`), or written with the month's name where no year is (`feb 30`), to be
    // told why it is none; numbers that are no month and day either way are no day written
    // otherwise.
    let month_and_day = |m: &str, d: &str| -> Option<(u32, u32)> {
        let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
    };
    let not_iso = |y: &str, m: &str, d: &str| {
        month_and_day(m, d).map(|(m, d)| Written::Not(format!("{y:0>4}-{m:02}-{d:02}")))
    };
    let month_name = |m: u32| -> Option<&'static str> {
        let name = super::shapes::MONTHS
            .get(usize::try_from(m).ok()?.checked_sub(1)?)?
            .0;
        Some(&name[..3])
    };
    // `20261201`: year, month and day without their dashes.
    if w.len() == 8 && w.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (&w[..4], &w[4..6], &w[6..]);
        return iso(y, m, d).map(Written::As).or_else(|| not_iso(y, m, d));
    }
    match numbers.as_slice() {
        // The year first: one order only.
        [y, m, d] if y.len() == 4 && all_digits(y) && all_digits(m) && all_digits(d) => {
            iso(y, m, d).map(Written::As).or_else(|| not_iso(y, m, d))
        }
        // The year last: 01/12/2026 is 1 December or 12 January.
        [a, b, y] if y.len() == 4 && all_digits(a) && all_digits(b) && all_digits(y) => {
            readings(a, b, &|m, d| iso(y, &m.to_string(), &d.to_string()))
                .or_else(|| not_iso(y, a, b))
                .or_else(|| not_iso(y, b, a))
        }
        // `12/01`, `1.12.`: no year, and no order either.
        [a, b] | [a, b, ""] if w.contains(['/', '.']) && all_digits(a) && all_digits(b) => {
            readings(a, b, &|m, d| {
                // A day the month has in a leap year.
                chrono::NaiveDate::from_ymd_opt(2028, m, d)?;
                Some(format!("{} {d}", month_name(m)?))
            })
            .or_else(|| {
                let (m, d) = month_and_day(a, b).or_else(|| month_and_day(b, a))?;
                Some(Written::Not(format!("{} {d}", month_name(m)?)))
            })
        }
        _ => None,
    }
}

/// A length in Taskwarrior's words that trustladder writes otherwise: quarters (`2q`,
/// `1qtr`, `1 quarter`), `mth` for months and ISO 8601's `P3D`, `P2W`, `P1M`, `P1Y`.
fn length(w: &str) -> Option<String> {
    let digits = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let split = |s: &str| -> Option<(u32, String)> {
        let end = s.find(|c: char| !c.is_ascii_digit())?;
        Some((digits(&s[..end])?, s[end..].trim_start().to_string()))
    };
    if let Some(iso) = w.strip_prefix('p') {
        let (n, unit) = split(iso)?;
        return matches!(unit.as_str(), "d" | "w" | "m" | "y").then(|| format!("{n}{unit}"));
    }
    let (n, unit) = split(w)?;
    match unit.as_str() {
        "q" | "qtr" | "qtrs" | "quarter" | "quarters" => Some(format!("{}m", n.checked_mul(3)?)),
        "mth" | "mths" => Some(format!("{n}m")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_word_gets_its_reason_and_what_says_it() {
        for (w, instead) in [
            ("easter", "its day, as YYYY-MM-DD"),
            ("weekly", "1w"),
            ("daily", "tomorrow"),
            ("annual", "1y"),
            ("sopww", "soww-1w"),
            ("eonww", "eoww+1w"),
            ("1q", "3m"),
            ("2 quarters", "6m"),
            ("1qtr", "3m"),
            ("3mth", "3m"),
            ("p3d", "3d"),
            ("p2w", "2w"),
        ] {
            assert_eq!(
                unread(w, false).map(|(_, i)| i).as_deref(),
                Some(instead),
                "{w}"
            );
        }
        for w in ["week", "3m", "someday", "pt3h", "p3", "q", "eow", "1 mo"] {
            assert_eq!(unread(w, false), None, "{w}");
        }
    }

    #[test]
    fn for_a_day_that_has_happened_what_to_try_looks_back() {
        for (w, instead) in [
            ("weekly", "-1w"),
            ("daily", "yesterday"),
            ("p3d", "-3d"),
            ("1q", "-3m"),
            ("sopww", "soww-1w"),
            ("easter", "its day, as YYYY-MM-DD"),
        ] {
            assert_eq!(
                unread(w, true).map(|(_, i)| i).as_deref(),
                Some(instead),
                "{w}"
            );
        }
    }
}
