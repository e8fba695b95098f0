//! What to do next, decided from a standing as data: which rule speaks first. The words for
//! it are made in `words`, so the command line and the UI say the same thing.

use serde::Serialize;

use super::scoring::{Verdict, score};
use super::standing::Standing;
use super::verdicts::{Blocker, Note};
use crate::core::model::{Direction, Level};
use crate::core::settings::Settings;

/// The advice a standing calls for, by the rule that decided it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Advice {
    /// A rung is failing (the lowest slipping one): attention moves one rung down.
    Failing { level: Level },
    /// My own promise is past due: keeping it comes first (my side only).
    KeepYourWord,
    /// No rung held, and nothing resolved for a while: the record has faded with age.
    Quiet,
    /// No rung held yet.
    Building,
    /// Ready for the next rung.
    Ready { next: Level },
    /// Holding `level`; `blocker` is the main thing between them and `next`.
    Holding {
        level: Level,
        next: Level,
        blocker: Blocker,
    },
    /// Every rung held.
    Top,
}

/// Which blocker the advice names when several stand in the way: the ones a manager can act
/// on now come first, the slow build-up of a record last (LADDER.md lists the order). An
/// overdue promise is one to settle now, before anything new; a bad record already at the
/// next rung is the plainest reason not to go up, which DESIGN.md has the advice say
/// whenever it blocks; renegotiating often changes with the next promise asked for; a
/// promise open at the next rung needs only waiting for. Too little evidence comes before
/// too low a score, since with little evidence the score is held down by its prior and more
/// kept promises raise both.
fn rank(blocker: &Blocker) -> u8 {
    match blocker {
        Blocker::Slipping => 0,
        Blocker::Overdue { .. } => 1,
        Blocker::Tried => 2,
        Blocker::Renegotiates => 3,
        Blocker::OpenAbove { .. } => 4,
        Blocker::Streak { .. } => 5,
        Blocker::Evidence { .. } => 6,
        Blocker::Score { .. } => 7,
    }
}

/// Why no rung is held yet, the one thing a manager can act on first: what the advice says
/// while building or quiet, what the notes beside it leave out, and what the prep suggests.
#[derive(Debug, Clone, PartialEq)]
pub enum Unheld<'a> {
    /// An open promise of theirs past its grace: settled first.
    Overdue { what: &'a str, days: i64 },
    /// Late deliveries are what keeps tasks from being held ([`Standing::late_holds_back`]).
    Late { delivered: usize, on_time: usize },
    /// Delivered above tasks, and `more` kept promises at any rung (one to three) hold
    /// tasks; `broken` at tasks are what holds the score down, if any.
    MoreKept {
        delivered: usize,
        above: usize,
        broken: usize,
        more: usize,
    },
    /// Nothing in particular: start small.
    Start,
}

impl Standing {
    /// Why no rung is held yet, first things first: an overdue promise (their side only; my
    /// own comes before everything in my advice), late deliveries, a record short only of
    /// evidence, or nothing but a record to start.
    pub fn unheld(&self, settings: &Settings) -> Unheld<'_> {
        if self.direction == Direction::Theirs
            && let Some((what, days)) = self.overdue_first(settings)
        {
            return Unheld::Overdue { what, days };
        }
        if let Some(Note::Late {
            delivered, on_time, ..
        }) = self.note("late")
            && self.late_holds_back(settings)
        {
            return Unheld::Late {
                delivered: *delivered,
                on_time: *on_time,
            };
        }
        let tasks = &self.rungs[Level::Task.index()];
        match self.kept_to_hold_tasks(settings) {
            Some(more) if tasks.from_above > 0 => Unheld::MoreKept {
                delivered: tasks.delivered(),
                above: tasks.from_above,
                broken: tasks.counts.broken,
                more,
            },
            _ => Unheld::Start,
        }
    }

    /// Whether late deliveries are what keeps them from holding tasks: tasks fall short on
    /// their score alone, and would be held had everything delivered been on time. Only then
    /// does the advice blame the dates.
    pub fn late_holds_back(&self, settings: &Settings) -> bool {
        let tasks = &self.rungs[Level::Task.index()];
        self.note("late").is_some()
            && tasks.verdict == Verdict::TooUnreliable
            && score(tasks.evidence, tasks.delivered) >= settings.hold_threshold
            && tasks.delivered >= settings.hold_evidence(Level::Task)
    }

    /// How many more promises kept today, at any rung, would make tasks held, when one to
    /// three would: what a record a little short is short of.
    pub fn kept_to_hold_tasks(&self, settings: &Settings) -> Option<usize> {
        let tasks = &self.rungs[Level::Task.index()];
        let need = settings.hold_evidence(Level::Task);
        if tasks.held {
            return None;
        }
        (1..=3).find(|n| {
            let n = *n as f64;
            tasks.evidence + n >= need
                && tasks.delivered + n >= need
                && score(tasks.evidence + n, tasks.kept + n) >= settings.hold_threshold
        })
    }

    /// The oldest of their open promises, and its days overdue, once it is past the grace it
    /// counts as broken after: what a manager settles before anything else, whatever the
    /// level.
    pub fn overdue_first(&self, settings: &Settings) -> Option<(&str, i64)> {
        match self.note("overdue") {
            Some(Note::Overdue { days, what, .. })
                if *days > i64::from(settings.overdue_grace_days) =>
            {
                Some((what.as_str(), *days))
            }
            _ => None,
        }
    }

    /// The advice this standing calls for.
    pub fn advice(&self) -> Advice {
        if let Some(check) = self.failing() {
            return Advice::Failing { level: check.level };
        }
        if self.direction == Direction::Mine && self.note("overdue").is_some() {
            return Advice::KeepYourWord;
        }
        let Some(level) = self.trust_level else {
            return if self.note("quiet").is_some() {
                Advice::Quiet
            } else {
                Advice::Building
            };
        };
        let Some(check) = &self.ready_check else {
            return Advice::Top;
        };
        match check.blockers.iter().min_by_key(|b| rank(b)) {
            None => Advice::Ready { next: check.next },
            Some(blocker) => Advice::Holding {
                level,
                next: check.next,
                blocker: blocker.clone(),
            },
        }
    }
}
