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
