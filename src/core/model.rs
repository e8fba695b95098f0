//! The records of the ledger: people, promises and the enums that classify them.
//!
//! These types are also the file format (see `docs/FORMAT.md`), so their serde names are a
//! stable contract: renaming a field or a variant is a format change.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A person's id. Ids are handed out in increasing order and never reused, even after deletion,
/// so an id quoted in an old note or script can never come to mean someone else.
pub type PersonId = u64;
/// A promise's id; never reused, like [`PersonId`].
pub type PromiseId = u64;

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
    pub handle: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub note: String,
    pub created: NaiveDate,
    #[serde(default)]
    pub archived: bool,
}

/// One promise between me and a colleague, in either direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    pub id: PromiseId,
    pub person: PersonId,
    pub direction: Direction,
    pub level: Level,
    pub what: String,
    pub made: NaiveDate,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    pub status: Status,
    #[serde(default)]
    pub resolved: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

impl Promise {
    /// Open and past its due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == Status::Open && self.due.is_some_and(|due| due < today)
    }
}
