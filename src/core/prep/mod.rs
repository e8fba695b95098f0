//! The agenda of the next 1:1 with a colleague, as data: what each side still owes (overdue
//! first, each marked carried forward when it was already open at the last prep), what was
//! kept, kept late, broken or released since the last prep, their standing, and one suggestion
//! of what to entrust them with next. [`markdown`] words it; the command line and the UI show the
//! same text.
//!
//! Saving a prep is an ordinary change (the person's `last_prep` set to the day), so the next
//! prep starts there and an undo sets it back.

pub mod markdown;

use chrono::NaiveDate;

use super::change::{Change, OnConflict, PersonPatch, Set, Target};
use super::ladder::{self, Advice, Blocker, Note, Review, Unheld};
use super::ledger::Ledger;
use super::model::{Direction, Level, Person, PersonId, Promise, Status};
use super::settings::Settings;

/// How far back a first prep looks, with no saved prep and no `--since`.
pub const FIRST_PREP_DAYS: u32 = 30;

/// Where the prep's "since" starts, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// The day of the last saved prep.
    LastPrep(NaiveDate),
    /// A day asked for (`--since`).
    Asked(NaiveDate),
    /// No prep saved yet: the last [`FIRST_PREP_DAYS`] days.
    First(NaiveDate),
    /// The last prep was saved for a day after today (by a machine whose clock or time zone
    /// is ahead): the window starts today, which must not read as the day of a prep.
    Ahead { saved: NaiveDate, today: NaiveDate },
    /// Looking back at a day before the last prep recorded (`later`): the ledger keeps only
    /// the last one, so a prep before it is not known, and the window is the first prep's.
    EarlierUnknown { later: NaiveDate, from: NaiveDate },
}

impl Since {
    /// The first day of the window (included).
    pub fn day(self) -> NaiveDate {
        match self {
            Since::LastPrep(d)
            | Since::Asked(d)
            | Since::First(d)
            | Since::EarlierUnknown { from: d, .. } => d,
            Since::Ahead { today, .. } => today,
        }
    }
}

/// An open promise on the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct Open<'a> {
    pub promise: &'a Promise,
    /// Already open before the window started: carried forward from the last prep.
    pub carried: bool,
}

/// A promise kept, kept late, broken or released, on the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'a> {
    pub promise: &'a Promise,
    /// Dated before the window but recorded since the last prep (an outcome logged days
    /// after it happened, `--on` an earlier day): news to the 1:1 all the same.
    pub recorded_later: bool,
}

/// The one suggestion the prep ends with, as data.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Tasks are failing: talk, then one small, clear task.
    TalkAndNarrow,
    /// A rung above tasks is failing: look at how the rung below is going first; the open
    /// promises there are named.
    LookDown {
        failing: Level,
        below: Level,
        open: Vec<u64>,
    },
    /// Ready for the next rung.
    Entrust { next: Level },
    /// An overdue promise of theirs comes first; then, where a rung is failing (`failing`),
    /// what its advice says, else another promise at `level`.
    SettleFirst {
        what: String,
        level: Level,
        failing: Option<Level>,
    },
    /// A promise already open one rung up will show how they do there.
    WaitForAbove { next: Level, open: usize },
    /// No rung held, short only of evidence, by someone who delivered above tasks: `more`
    /// kept promises at any rung hold tasks.
    HoldTasks { more: usize },
    /// More of the same rung builds the record.
    Another { level: Level, next: Level },
    /// More of the same rung, by its date: what they deliver comes late, and on-time delivery
    /// is the way up.
    OnTime { level: Level, next: Level },
    /// They release many of their promises: fewer, firmer ones.
    Fewer { released: usize, total: usize },
    /// No rung held, and late deliveries are why: small tasks, by dates they can meet.
    TasksOnTime,
    /// No rung held by someone with a record: more small tasks build it.
    SmallTasks,
    /// No rung held and no record yet, but promises of theirs already open: they show how
    /// it goes first.
    SeeOpen { open: usize },
    /// No rung held and no record yet: start small.
    Start,
    /// Every rung held.
    Keep,
    /// Archived: nothing new can be promised until they are restored, so no other suggestion
    /// could be acted on.
    Restore,
}

/// Everything on the agenda of a 1:1.
#[derive(Debug, Clone)]
pub struct Prep<'a> {
    pub person: &'a Person,
    pub today: NaiveDate,
    pub since: Since,
    /// Their open promises to me: overdue first (oldest due first), then by due date (undated
    /// last), then by number.
    pub theirs: Vec<Open<'a>>,
    /// Mine to them, in the same order.
    pub mine: Vec<Open<'a>>,
    /// Kept, kept late, broken or released from the window's first day to today, and after
    /// a saved prep those recorded since it with an earlier day; both directions, by day then
    /// number: released ones too, as the advice may speak of them.
    pub outcomes: Vec<Outcome<'a>>,
    pub review: Review,
    pub next: Next,
    /// The ledger's settings, which the advice quotes.
    pub settings: &'a Settings,
    /// How the advice names them: by first name, or whole beside another of that first name.
    pub called: String,
    /// How the title names them: by name, with the handle where someone else has the name.
    pub titled: String,
    /// How `person restore` names them ([`Ledger::typed_as`]), for the line saying they are
    /// archived.
    pub restore_as: String,
}

/// The prep for `person` on `today`. The window starts at `asked` when given, else at the
/// day of the last saved prep, else [`FIRST_PREP_DAYS`] back. It includes its first day, so
/// an outcome logged later on the day of a prep is never missed (it may show twice).
pub fn prep(
    ledger: &Ledger,
    person: PersonId,
    today: NaiveDate,
    asked: Option<NaiveDate>,
) -> Option<Prep<'_>> {
    let last_prep = ledger.person(person)?.last_prep;
    let since = match (asked, last_prep) {
        (Some(day), _) => Since::Asked(day),
        // A prep saved on a day after today (by a machine whose clock or time zone is
        // ahead) starts the window today, not in the future, where it would hide today.
        (None, Some(day)) if day > today => Since::Ahead { saved: day, today },
        (None, Some(day)) => Since::LastPrep(day),
        (None, None) => Since::First(first_window(today)),
    };
    prep_since(ledger, person, today, since)
}

/// The first day of a first prep's window on `today`: never before 1 January of the year 1,
/// as review's window is held, so the window's first day is one that can be written.
fn first_window(today: NaiveDate) -> NaiveDate {
    crate::core::dates::days_before(today, FIRST_PREP_DAYS)
}

/// [`prep`] on the ledger `shown` as it stood on `today` (looking back), where
/// `last_recorded` is the person's last prep as the file holds it now: one recorded after
/// `today` hides any before it (the file keeps only the last), which the window then says
/// rather than "no prep saved yet".
pub fn prep_shown(
    shown: &Ledger,
    person: PersonId,
    today: NaiveDate,
    asked: Option<NaiveDate>,
    last_recorded: Option<NaiveDate>,
) -> Option<Prep<'_>> {
    let hidden = last_recorded.filter(|day| *day > today);
    match hidden {
        Some(later) if asked.is_none() && shown.person(person)?.last_prep.is_none() => {
            let since = Since::EarlierUnknown {
                later,
                from: first_window(today),
            };
            prep_since(shown, person, today, since)
        }
        _ => prep(shown, person, today, asked),
    }
}

/// The prep for `person` on `today` over the window `since`: what an open prep shows again
/// when the ledger changes under it, over the window it was opened with (its own record of
/// the prep must not move the window it is showing).
pub fn prep_since(
    ledger: &Ledger,
    person: PersonId,
    today: NaiveDate,
    since: Since,
) -> Option<Prep<'_>> {
    let person = ledger.person(person)?;
    let start = since.day();
    let promises: Vec<&Promise> = ledger.promises_of(person.id).collect();
    let open = |direction: Direction| {
        let mut list: Vec<Open> = promises
            .iter()
            .filter(|p| p.direction == direction && p.status == Status::Open)
            .map(|p| Open {
                promise: p,
                carried: p.made < start,
            })
            .collect();
        list.sort_by_key(|o| {
            let p = o.promise;
            (!p.is_overdue(today), p.due.is_none(), p.due, p.id)
        });
        list
    };
    let after_a_prep = matches!(since, Since::LastPrep(_) | Since::Ahead { .. });
    let mut outcomes: Vec<Outcome> = promises
        .iter()
        .copied()
        .filter(|p| p.status != Status::Open)
        .filter_map(|p| {
            let day = p.resolved?;
            // An outcome dated after today, from a machine whose clock is ahead, is news too.
            if start <= day {
                return Some(Outcome {
                    promise: p,
                    recorded_later: false,
                });
            }
            (after_a_prep && recorded_since(p, day, start, today)).then_some(Outcome {
                promise: p,
                recorded_later: true,
            })
        })
        .collect();
    outcomes.sort_by_key(|o| (o.promise.resolved, o.promise.id));
    let review = ladder::review(person.id, &promises, &ledger.settings, today);
    let next = if person.archived {
        Next::Restore
    } else {
        next_of(&review, &promises, &ledger.settings)
    };
    Some(Prep {
        person,
        today,
        since,
        theirs: open(Direction::Theirs),
        mine: open(Direction::Mine),
        outcomes,
        review,
        next,
        settings: &ledger.settings,
        called: crate::core::ladder::words::FirstNames::of(&ledger.people).called(person),
        titled: ledger.told_apart(person),
        restore_as: ledger.typed_as(person, super::ledger::Among::Archived),
    })
}

/// Whether `p`, resolved on `day` (before the window, which starts on `start`), was
/// recorded on a later day in the window up to `today`: its last change falls on or after the
/// window's first day, and after the day of its outcome. Times are kept in UTC and days in
/// the user's time zone, so the window is taken to open a day early: an outcome recorded on
/// the day before a prep may be listed again, but none recorded after it is missed. A change
/// stamped after tomorrow is not the day shown (`--today` looking back) and is left out.
fn recorded_since(p: &Promise, day: NaiveDate, start: NaiveDate, today: NaiveDate) -> bool {
    let on = p.changed.at().date_naive();
    let opens = start.pred_opt().unwrap_or(start);
    let closes = today.succ_opt().unwrap_or(today);
    day < on && opens <= on && on <= closes
}

/// The suggestion, from the advice their standing calls for.
fn next_of(review: &Review, promises: &[&Promise], settings: &Settings) -> Next {
    let theirs = &review.theirs;
    // The oldest overdue promise of theirs, as the advice names it first.
    let settle = |level: Level, failing: Option<Level>| {
        theirs
            .overdue_first(settings)
            .map(|(what, _)| Next::SettleFirst {
                what: what.to_string(),
                level,
                failing,
            })
    };
    let overdue = theirs.overdue_first(settings).is_some();
    match theirs.advice() {
        // Settled first beside a failing rung too, as its advice says, then what it says.
        Advice::Failing { level } if overdue => {
            settle(level.down().unwrap_or(Level::Task), Some(level)).unwrap_or(Next::TalkAndNarrow)
        }
        Advice::Failing { level: Level::Task } => Next::TalkAndNarrow,
        Advice::Failing { level } => {
            let below = level.down().unwrap_or(Level::Task);
            let open = promises
                .iter()
                .filter(|p| {
                    p.direction == Direction::Theirs && p.level == below && p.status == Status::Open
                })
                .map(|p| p.id.0)
                .collect();
            Next::LookDown {
                failing: level,
                below,
                open,
            }
        }
        Advice::Ready { next } => Next::Entrust { next },
        Advice::Holding {
            level,
            next,
            blocker,
        } => match blocker {
            Blocker::Overdue { .. } => settle(level, None).unwrap_or(Next::Another { level, next }),
            Blocker::OpenAbove { count } => Next::WaitForAbove { next, open: count },
            Blocker::Renegotiates => match theirs.note("renegotiates") {
                Some(Note::Renegotiates { released, total }) => Next::Fewer {
                    released: *released,
                    total: *total,
                },
                _ => Next::Another { level, next },
            },
            Blocker::Streak { .. } if blocker.streak_late(settings).is_some() => {
                Next::OnTime { level, next }
            }
            _ => Next::Another { level, next },
        },
        // Building a record while releasing many: fewer, firmer promises, as holding a rung
        // with the same habit is told (an overdue one of theirs still comes first).
        Advice::Building
            if !overdue
                && let Some(Note::Renegotiates { released, total }) =
                    theirs.note("renegotiates") =>
        {
            Next::Fewer {
                released: *released,
                total: *total,
            }
        }
        Advice::Quiet | Advice::Building => match theirs.unheld(settings) {
            Unheld::Overdue { what, .. } => Next::SettleFirst {
                what: what.to_string(),
                level: Level::Task,
                failing: None,
            },
            Unheld::MoreKept { more, .. } => Next::HoldTasks { more },
            Unheld::Late { .. } => Next::TasksOnTime,
            // A record that faded (quiet) starts again, as its advice says.
            Unheld::Start
                if theirs.advice() == Advice::Building
                    && theirs.rungs.iter().any(|r| r.counts.resolved() > 0) =>
            {
                Next::SmallTasks
            }
            Unheld::Start => {
                let open = promises
                    .iter()
                    .filter(|p| p.direction == Direction::Theirs && p.status == Status::Open)
                    .count();
                if open > 0 && theirs.advice() == Advice::Building {
                    Next::SeeOpen { open }
                } else {
                    Next::Start
                }
            }
        },
        Advice::Top if overdue => settle(Level::Impact, None).unwrap_or(Next::Keep),
        Advice::KeepYourWord => Next::Start,
        Advice::Top => Next::Keep,
    }
}

/// The change that records a prep held on `today`, so the next one starts there. A later
/// prep saved already (see [`prep`]) stays: saving never moves the last prep back.
pub fn saved(person: &Person, today: NaiveDate) -> Change {
    let day = person.last_prep.map_or(today, |last| last.max(today));
    Change::EditPerson {
        person: Target::exact(person.id, person.uid),
        patch: PersonPatch {
            last_prep: Some(Set::from(person.last_prep, Some(day))),
            ..PersonPatch::default()
        },
        on_conflict: OnConflict::Refuse,
    }
}

#[cfg(test)]
mod tests;
