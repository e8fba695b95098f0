//! How long keys are held unused: the durations `unlock --for` takes, and the time after
//! which the terminal UI locks itself.

use std::time::Duration;

use super::env::set;

/// How long the agent keeps keys unused, unless `unlock --for` says otherwise.
pub const DEFAULT_IDLE: Duration = Duration::from_secs(60 * 60);

/// Reads `30m`, `1h`, `90s`, `1d`: a number and a unit, or parts as `1h30m`.
pub fn parse_idle(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let wrong = || match close_to(text) {
        Some(meant) => format!("'{text}' is not a duration: try {meant}"),
        None => format!("'{text}' is not a duration: try 30m, 1h or 1h30m"),
    };
    let zero = || "a duration of 0 would forget the key at once; try 30m".to_string();
    // A time unused to come cannot be negative; the same without its minus is offered.
    if let Some(rest) = text.strip_prefix('-') {
        return Err(match parse_idle(rest) {
            Ok(_) => {
                format!("'{text}' is negative: the key is kept for a time to come; try {rest}")
            }
            Err(_) => wrong(),
        });
    }
    // A bare 0 needs no unit to mean nothing: said as `0s` is, not as no duration.
    if !text.is_empty() && text.bytes().all(|b| b == b'0') {
        return Err(zero());
    }
    let (seconds, _) = parts(text).ok_or_else(wrong)?;
    match seconds {
        0 => Err(zero()),
        // A day is the most: `1d` is it, and a week or a year is said to be more, as 25h is.
        s if s > MOST_IDLE => Err(format!("'{text}' is more than 24h; unlock again tomorrow")),
        s => Ok(Duration::from_secs(s)),
    }
}

/// The longest a key may go unused and still be held: a day, in seconds.
const MOST_IDLE: u64 = 24 * 3600;

/// The seconds in `text`'s parts, each a number and a unit, each unit once, largest first (as
/// `idle_text` says them back), and the smallest unit given; `None` where it is not that.
fn parts(text: &str) -> Option<(u64, u64)> {
    let mut seconds: u64 = 0;
    let mut rest = text.to_ascii_lowercase();
    let mut last_unit = u64::MAX;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let n: u64 = rest[..digits].parse().ok()?;
        let after = &rest[digits..];
        let letters = after
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(after.len());
        let unit = unit_seconds(&after[..letters])?;
        if unit >= last_unit {
            return None;
        }
        last_unit = unit;
        seconds = seconds.saturating_add(n.saturating_mul(unit));
        rest = after[letters..].to_string();
    }
    (last_unit != u64::MAX).then_some((seconds, last_unit))
}

/// The seconds in one of a duration's units, in any case: `s`, `m`, `h`, `d`, `w`, `y`.
fn unit_seconds(unit: &str) -> Option<u64> {
    Some(match unit {
        "s" | "sec" | "secs" => 1,
        "m" | "min" | "mins" => 60,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
        "d" | "day" | "days" => 86_400,
        "w" | "week" | "weeks" => 7 * 86_400,
        "y" | "year" | "years" => 365 * 86_400,
        _ => return None,
    })
}

/// The duration a mistyped `text` most likely meant, as it is typed: `1.5h` and `1,5h` as
/// `1h30m`, `1h30` (the last unit left off) as `1h30m`; `None` where none is plain.
fn close_to(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    // A fraction of a unit, in whole seconds.
    let split = lower.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let (number, unit) = lower.split_at(split);
    if let (Some(unit), Some((whole, part))) = (
        unit_seconds(unit),
        number.split_once('.').or(number.split_once(',')),
    ) {
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let scale = 10u64.checked_pow(u32::try_from(part.len()).ok()?)?;
        let fraction: u64 = part.parse().ok()?;
        // Only a fraction that is whole seconds: `1.5h` is, `1.0001s` is not.
        let scaled = whole
            .checked_mul(scale)?
            .checked_add(fraction)?
            .checked_mul(unit)?;
        let seconds = (scaled % scale == 0).then_some(scaled / scale)?;
        return (seconds > 0 && seconds <= MOST_IDLE)
            .then(|| idle_text(Duration::from_secs(seconds)));
    }
    // The last number without its unit: the unit after the one before it.
    let digits = lower.len() - lower.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (given, number) = lower.split_at(lower.len() - digits);
    let (seconds, smallest) = parts(given).filter(|_| digits > 0)?;
    let next = [(3600, 60), (60, 1)]
        .into_iter()
        .find(|(unit, _)| *unit == smallest)?
        .1;
    let seconds = seconds.checked_add(number.parse::<u64>().ok()?.checked_mul(next)?)?;
    (seconds > 0 && seconds <= MOST_IDLE).then(|| idle_text(Duration::from_secs(seconds)))
}

/// Says an idle time back as it would be typed: `1h`, `30m`, `1h30m`, `90s` as `1m30s`.
pub fn idle_text(idle: Duration) -> String {
    let s = idle.as_secs();
    match (s / 3600, (s % 3600) / 60, s % 60) {
        (h, 0, 0) if h > 0 => format!("{h}h"),
        (0, m, 0) => format!("{m}m"),
        (0, 0, s) => format!("{s}s"),
        (0, m, s) => format!("{m}m{s:02}s"),
        (h, m, _) => format!("{h}h{m:02}m"),
    }
}

/// Names the idle time after which the terminal UI locks itself, as `30m` or `1h`: for a
/// shorter sitting than the default hour (and for tests).
pub const LOCK_AFTER_ENV: &str = "TRUSTLADDER_LOCK_AFTER";

/// How long the terminal UI may go unused before it locks itself: `$TRUSTLADDER_LOCK_AFTER`,
/// else [`DEFAULT_IDLE`] (empty is unset, as for every variable). A bad value is an error
/// naming the variable and the default that holds instead.
pub fn lock_after() -> (Duration, Option<String>) {
    match set(LOCK_AFTER_ENV) {
        Some(text) => match parse_idle(&text.to_string_lossy()) {
            Ok(idle) => (idle, None),
            Err(why) => (
                DEFAULT_IDLE,
                Some(format!(
                    "{LOCK_AFTER_ENV}: {why}; it locks after {} unused",
                    idle_text(DEFAULT_IDLE)
                )),
            ),
        },
        None => (DEFAULT_IDLE, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_for_unlock_and_the_ui_lock() {
        assert_eq!(parse_idle("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_idle("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_idle("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_idle("24h"), Ok(Duration::from_secs(86_400)));
        for bad in [
            "", "h", "0m", "25h", "2d", "-1h", "1.5h", "30m1h", "1h1h", "1h 30m", "1hm", "m30",
        ] {
            assert!(parse_idle(bad).is_err(), "{bad}");
        }
        // What is said back can be typed back, in any case.
        for said in [90, 1800, 3600, 5400, 3 * 3600 + 60, 5] {
            let idle = Duration::from_secs(said);
            assert_eq!(parse_idle(&idle_text(idle)), Ok(idle), "{said}");
        }
        let zero = Err("a duration of 0 would forget the key at once; try 30m".to_string());
        for none in ["0", "00", "0s", "0m", "0h0m"] {
            assert_eq!(parse_idle(none), zero, "{none}");
        }
        assert_eq!(
            parse_idle("5"),
            Err("'5' is not a duration: try 30m, 1h or 1h30m".to_string())
        );
        assert_eq!(
            parse_idle("-5m"),
            Err("'-5m' is negative: the key is kept for a time to come; try 5m".to_string())
        );
        // A day is the most, and may be said as one; more is said to be more, in any unit.
        for day in ["1d", "1D", "1day", "24h", "1440m"] {
            assert_eq!(parse_idle(day), Ok(Duration::from_secs(86_400)), "{day}");
        }
        for longer in ["2d", "1d1s", "1w", "2weeks", "1y", "1Y", "25h"] {
            assert_eq!(
                parse_idle(longer),
                Err(format!(
                    "'{longer}' is more than 24h; unlock again tomorrow"
                )),
                "{longer}"
            );
        }
        // A fraction, or a last part without its unit, is offered as it is typed.
        for (typed, meant) in [
            ("1.5h", "1h30m"),
            ("1,5h", "1h30m"),
            (".5h", "30m"),
            ("2.25h", "2h15m"),
            ("1.5m", "1m30s"),
            ("1h30", "1h30m"),
            ("2h5", "2h05m"),
            ("1m30", "1m30s"),
        ] {
            assert_eq!(
                parse_idle(typed),
                Err(format!("'{typed}' is not a duration: try {meant}")),
                "{typed}"
            );
        }
        // No plain meaning: the general hint.
        for vague in ["1.0001s", "1.5d", "1h1d", "30s5", "1.5.5h", "1.h"] {
            assert_eq!(
                parse_idle(vague),
                Err(format!("'{vague}' is not a duration: try 30m, 1h or 1h30m")),
                "{vague}"
            );
        }
        assert_eq!(
            parse_idle("-x"),
            Err("'-x' is not a duration: try 30m, 1h or 1h30m".to_string())
        );
        assert_eq!(parse_idle("1H30M"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_idle("2min"), Ok(Duration::from_secs(120)));
        assert_eq!(idle_text(Duration::from_secs(3600)), "1h");
        assert_eq!(idle_text(Duration::from_secs(1800)), "30m");
        assert_eq!(idle_text(Duration::from_secs(5400)), "1h30m");
        assert_eq!(idle_text(Duration::from_secs(90)), "1m30s");
        assert_eq!(idle_text(Duration::from_secs(5)), "5s");
    }
}
