//! The records of the ledger: people, promises and the enums that classify them.
//!
//! These types are also the file format (see `docs/FORMAT.md`), so their serde names are a
//! stable contract: renaming a field or a variant is a format change.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A person's short number, for people to type. Numbers are handed out in increasing order
/// and never reused, even after deletion, so a number quoted in an old note or script can
/// never come to mean someone else. A distinct type, so it cannot be passed where a promise's
/// number is meant.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct PersonId(pub u64);

/// A promise's short number (`#12`); never reused, like [`PersonId`].
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct PromiseId(pub u64);

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for PromiseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for PromiseId {
    type Err = String;

    /// `12` or `#12`; nothing else (no sign, no zero, no spaces inside).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.trim().strip_prefix('#').unwrap_or(s.trim());
        match digits.parse::<u64>() {
            Ok(id) if id > 0 && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(PromiseId(id)),
            _ => Err(format!(
                "'{s}' is not a promise id; type a number like 12 or #12"
            )),
        }
    }
}

/// A record's identity for good: it never changes, is never reused, and is the same on every
/// machine that holds the ledger, so merges and undo find the very record they mean even when
/// short numbers were renumbered or a file was restored from a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Uid(pub uuid::Uuid);

impl Uid {
    /// A uid derived from a name: the same name gives the same uid on every machine. The
    /// upgrade to format version 2 uses it, so two copies of one old file upgraded apart
    /// agree on who is who.
    pub fn derived(name: &str) -> Uid {
        Uid(uuid::Uuid::new_v5(&UID_NAMESPACE, name.as_bytes()))
    }
}

/// The namespace of [`Uid::derived`] (a fixed random UUID, the project's own).
const UID_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f1c_2a7e_93d4_4b0a_9e51_2c8d_7f30_a1b6);

impl fmt::Display for Uid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

/// When a record last changed: UTC, whole seconds, written as RFC 3339 (`2026-11-29T19:37:01Z`).
/// Merges use it to pick the later of two edits of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    /// A timestamp of `at`, cut to whole seconds.
    pub fn new(at: DateTime<Utc>) -> Timestamp {
        // Every time read from a file is whole already, and cutting costs more than looking.
        if chrono::Timelike::nanosecond(&at) == 0 {
            return Timestamp(at);
        }
        Timestamp(at.with_nanosecond_zero())
    }

    /// Midnight UTC at the start of `day`: what a record upgraded from version 1, which kept
    /// only days, is stamped with.
    pub fn start_of(day: NaiveDate) -> Timestamp {
        Timestamp(day.and_time(chrono::NaiveTime::MIN).and_utc())
    }

    /// The moment as chrono's UTC time, for arithmetic and for writing it out.
    pub fn at(self) -> DateTime<Utc> {
        self.0
    }
}

/// Cuts a time to whole seconds.
trait WholeSeconds {
    fn with_nanosecond_zero(self) -> Self;
}

impl WholeSeconds for DateTime<Utc> {
    fn with_nanosecond_zero(self) -> Self {
        chrono::Timelike::with_nanosecond(&self, 0).unwrap_or(self)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::Secs, true))
    }
}

impl FromStr for Timestamp {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| Timestamp::new(t.with_timezone(&Utc)))
            .map_err(|e| format!("'{s}' is not an RFC 3339 time ({e})"))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The three rungs of the ladder, lowest first. The order matters: trust is earned bottom-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Task,
    Result,
    Impact,
}

impl Level {
    /// Every rung, bottom first.
    pub const ALL: [Level; 3] = [Level::Task, Level::Result, Level::Impact];

    /// Position on the ladder, 0 for tasks.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The value used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Task => "task",
            Level::Result => "result",
            Level::Impact => "impact",
        }
    }

    /// The rung's name as people say it.
    pub fn title(self) -> &'static str {
        match self {
            Level::Task => "tasks",
            Level::Result => "results",
            Level::Impact => "ongoing impact",
        }
    }

    /// The rung above, if any.
    pub fn up(self) -> Option<Level> {
        Level::ALL.get(self.index() + 1).copied()
    }

    /// The rung below, if any.
    pub fn down(self) -> Option<Level> {
        self.index().checked_sub(1).map(|i| Level::ALL[i])
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "task" | "tasks" | "1" => Ok(Level::Task),
            "result" | "results" | "2" => Ok(Level::Result),
            "impact" | "3" => Ok(Level::Impact),
            other => Err(format!(
                "unknown level '{other}': use task, result or impact"
            )),
        }
    }
}

/// Who made the promise: *theirs* builds their trust level, *mine* builds my credibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Theirs,
    Mine,
}

impl Direction {
    /// The value used in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Theirs => "theirs",
            Direction::Mine => "mine",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a promise stands. Only `kept`, `kept_late` and `broken` count as evidence; a
/// `released` promise was withdrawn by agreement and says nothing about reliability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Kept,
    KeptLate,
    Released,
    Broken,
}

impl Status {
    /// The value used in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Kept => "kept",
            Status::KeptLate => "kept_late",
            Status::Released => "released",
            Status::Broken => "broken",
        }
    }

    /// How people read the status in tables.
    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Kept => "kept",
            Status::KeptLate => "kept late",
            Status::Released => "released",
            Status::Broken => "broken",
        }
    }

    /// True once the promise has an outcome (and so a resolution date).
    pub fn is_resolved(self) -> bool {
        self != Status::Open
    }

    /// How a promise due on `due` (or never) and delivered on `on` was kept: late when that
    /// is after its due date. The one rule of lateness: [`Promise::kept_on`] reads it, and so
    /// does a form that has only the due date at hand, so the two never disagree.
    pub fn kept_by(due: Option<NaiveDate>, on: NaiveDate) -> Status {
        if due.is_some_and(|due| on > due) {
            Status::KeptLate
        } else {
            Status::Kept
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A colleague. The `handle` is how the command line names them; it is a unique slug made
/// from the name when they are added and does not change when the name is edited, so scripts
/// keep working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub uid: Uid,
    pub handle: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub note: String,
    #[serde(with = "day")]
    pub created: NaiveDate,
    #[serde(default)]
    pub archived: bool,
    pub changed: Timestamp,
    /// Keep in touch: how many days may pass without anything logged with them before the
    /// agenda says so; `None` for no cadence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// The day the last 1:1 prep with them was saved: the next prep lists what happened
    /// since.
    #[serde(
        default,
        with = "day::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_prep: Option<NaiveDate>,
}

impl Person {
    /// Where they come in a list by name, wherever one is shown (the People view, a form's
    /// choice of person): as a filter reads names (Álvarez with the As), numbers by their
    /// value (Zed 2 before Zed 10), then as written.
    pub fn name_order(&self) -> (String, String) {
        use crate::core::text::{folded, numbers_by_value};
        (
            numbers_by_value(&folded(&self.name)),
            self.name.to_lowercase(),
        )
    }
}

/// One promise between me and a colleague, in either direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    pub id: PromiseId,
    pub uid: Uid,
    pub person: PersonId,
    pub direction: Direction,
    pub level: Level,
    pub what: String,
    #[serde(with = "day")]
    pub made: NaiveDate,
    #[serde(default, with = "day::optional")]
    pub due: Option<NaiveDate>,
    pub status: Status,
    #[serde(default, with = "day::optional")]
    pub resolved: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    pub changed: Timestamp,
}

/// Days in the file: `YYYY-MM-DD` in the years 1 to 9999, read strictly, so a day the
/// program could not write back (`99999-01-01`) is refused on load with its field named,
/// rather than read and later written as `+99999-01-01`.
mod day {
    use std::fmt;

    use chrono::NaiveDate;
    use serde::de::{self, Deserializer, Visitor};
    use serde::{Deserialize, Serializer};

    use crate::core::dates::{DateError, RANGE, is_out_of_range, parse_iso, parse_today};

    pub fn serialize<S: Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(day)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        deserializer.deserialize_str(Day)
    }

    /// Reads a day from a string, and says what it wanted when given anything else.
    struct Day;

    impl Visitor<'_> for Day {
        type Value = NaiveDate;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a day written YYYY-MM-DD")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
            match parse_iso(text) {
                Some(day) => Ok(day),
                None if is_out_of_range(text) => Err(E::custom(format!(
                    "'{text}' is outside the years 1 to 9999 that a date may fall in ({RANGE})"
                ))),
                // Written right, but no day of the calendar: said why, as where a day is typed.
                None => Err(E::custom(match parse_today(text) {
                    Err(e @ (DateError::NoSuchDay { .. } | DateError::NotInYear { .. })) => {
                        e.to_string()
                    }
                    _ => format!("'{text}' is not a day written YYYY-MM-DD"),
                })),
            }
        }
    }

    /// The same for a day that may be `null`.
    pub mod optional {
        use super::*;

        pub fn serialize<S: Serializer>(
            day: &Option<NaiveDate>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match day {
                Some(day) => serializer.collect_str(day),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<NaiveDate>, D::Error> {
            #[derive(Deserialize)]
            struct Wrapped(#[serde(with = "super")] NaiveDate);
            Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(day)| day))
        }
    }
}

/// What is left of a deleted record: its uid and when it went. A merge with a copy that still
/// has the record then knows it was deleted, not newly added there. Kept for a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    pub uid: Uid,
    pub deleted: Timestamp,
    /// For a person added on two machines and joined into one by a merge: the uid they live on
    /// as, so a promise still naming this uid finds them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into: Option<Uid>,
}

impl Promise {
    /// How a promise delivered on `on` was kept: late when that is after its due date. Both
    /// front ends record this unless the person says otherwise, so late deliveries never
    /// count in full by default.
    pub fn kept_on(&self, on: NaiveDate) -> Status {
        Status::kept_by(self.due, on)
    }

    /// Open and past its due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == Status::Open && self.due.is_some_and(|due| due < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_whole_seconds_in_utc() {
        let t: Timestamp = "2026-11-29T20:37:01.789+01:00".parse().unwrap();
        assert_eq!(t.to_string(), "2026-11-29T19:37:01Z");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2026-11-29T19:37:01Z\""
        );
        let back: Timestamp = serde_json::from_str("\"2026-11-29T19:37:01Z\"").unwrap();
        assert_eq!(back, t);
        assert!("2026-11-29".parse::<Timestamp>().is_err());
    }

    /// A delivery is late only after the due date, and never without one; a promise reads
    /// its own due date by the same rule.
    #[test]
    fn kept_late_is_only_after_the_due_date() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let due = Some(day("2026-11-20"));
        assert_eq!(Status::kept_by(due, day("2026-11-19")), Status::Kept);
        assert_eq!(Status::kept_by(due, day("2026-11-20")), Status::Kept);
        assert_eq!(Status::kept_by(due, day("2026-11-21")), Status::KeptLate);
        assert_eq!(Status::kept_by(None, day("2099-01-01")), Status::Kept);
    }

    #[test]
    fn derived_uids_are_stable_and_distinct() {
        assert_eq!(Uid::derived("promise 1"), Uid::derived("promise 1"));
        assert_ne!(Uid::derived("promise 1"), Uid::derived("promise 2"));
    }

    #[test]
    fn promise_numbers_read_with_or_without_the_hash() {
        assert_eq!("#12".parse::<PromiseId>(), Ok(PromiseId(12)));
        assert_eq!(" 7".parse::<PromiseId>(), Ok(PromiseId(7)));
        assert!("twelve".parse::<PromiseId>().is_err());
        assert_eq!(PromiseId(12).to_string(), "12");
    }
}
