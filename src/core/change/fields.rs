//! Field-level edits with compare-and-set: which fields of a person or promise an edit sets,
//! and how it lands on a record that may have changed since the edit was made.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Conflict, OnConflict, Set};
use crate::core::ledger::LedgerError;
use crate::core::model::{Direction, Level, Person, Promise, Status};
use crate::core::text::{self, MAX_NAME, MAX_NOTE, MAX_WHAT};
use crate::core::touch;

/// A promise's outcome as one field: its status and the day it was resolved go together, so
/// an undo can never leave one without the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub status: Status,
    pub on: Option<NaiveDate>,
}

impl Outcome {
    /// The outcome a promise has now.
    pub fn of(promise: &Promise) -> Outcome {
        Outcome {
            status: promise.status,
            on: promise.resolved,
        }
    }

    /// Open, with no day.
    pub const OPEN: Outcome = Outcome {
        status: Status::Open,
        on: None,
    };
}

/// The fields of a person an edit sets; `None` leaves a field alone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Set<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Set<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Set<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<Set<bool>>,
    /// Keep in touch every so many days; `None` inside for no cadence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<Set<Option<u32>>>,
    /// The day of the last saved 1:1 prep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_prep: Option<Set<Option<NaiveDate>>>,
}

/// The fields of a promise an edit sets; `None` leaves a field alone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PromisePatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<Set<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Set<Level>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Set<Option<NaiveDate>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Set<Direction>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Set<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Set<Outcome>>,
    /// The outcome set is kept or kept late as the due date says when it lands, not as it
    /// was when the patch was made: an undo's inverse putting back a keep that agreed with
    /// its dates, so a redo after the due date moved elsewhere saves what the dates now say,
    /// as the keep itself would have (it saved a kept late after the due date had moved past
    /// the day it was kept, and later edits took that for a choice against the dates).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub outcome_follows_due: bool,
}

/// A field's value as a person reads it, for conflicts.
pub(super) trait Shown {
    fn shown(&self) -> String;

    /// Whether a field that holds `self` is still as a change found it (`was`), so the
    /// change may land on it: equal, unless a kind of value says otherwise.
    fn agrees(&self, was: &Self) -> bool
    where
        Self: PartialEq,
    {
        self == was
    }
}

impl Shown for String {
    fn shown(&self) -> String {
        self.clone()
    }
}

impl Shown for bool {
    fn shown(&self) -> String {
        if *self { "yes" } else { "no" }.to_string()
    }
}

impl Shown for Level {
    fn shown(&self) -> String {
        self.as_str().to_string()
    }
}

impl Shown for Direction {
    fn shown(&self) -> String {
        self.as_str().to_string()
    }
}

impl Shown for Option<NaiveDate> {
    fn shown(&self) -> String {
        self.map_or_else(|| "none".to_string(), |d| d.to_string())
    }
}

impl Shown for Option<u32> {
    fn shown(&self) -> String {
        self.map_or_else(|| "none".to_string(), |days| format!("{days} days"))
    }
}

impl Shown for Outcome {
    fn shown(&self) -> String {
        match self.on {
            Some(on) => format!("{} on {on}", self.status.label()),
            None => self.status.label().to_string(),
        }
    }

    /// Kept and kept late on one day are one decision: which of the two follows from the due
    /// date, and a due date moved elsewhere since (kept turned kept late) leaves the outcome
    /// as it was decided, so an undo of the keep still reopens it.
    fn agrees(&self, was: &Self) -> bool {
        let delivered = |s: Status| matches!(s, Status::Kept | Status::KeptLate);
        self == was || (self.on == was.on && delivered(self.status) && delivered(was.status))
    }
}

/// One run of a patch over one record: the conflicts found, the fields set, and the inverse
/// built as it goes.
pub(super) struct Run<'a> {
    record: &'a str,
    mode: OnConflict,
    /// Only look for conflicts; change nothing.
    dry: bool,
    pub conflicts: Vec<Conflict>,
    pub changed: Vec<&'static str>,
}

impl<'a> Run<'a> {
    fn new(record: &'a str, mode: OnConflict, dry: bool) -> Run<'a> {
        Run {
            record,
            mode,
            dry,
            conflicts: Vec::new(),
            changed: Vec::new(),
        }
    }

    /// Lands one field's `Set` on `slot`: returns the inverse `Set` when the field changed.
    fn field<T: Clone + PartialEq + Shown>(
        &mut self,
        name: &'static str,
        slot: &mut T,
        set: &Option<Set<T>>,
    ) -> Option<Set<T>> {
        let set = set.as_ref()?;
        // A value set to what it was is no change: it lands nowhere and clashes with nothing
        // (an undo's pin on the outcome, which only keeps the due date it sets back from
        // turning it).
        if *slot == set.to || set.was.as_ref() == Some(&set.to) {
            return None;
        }
        if set.was.as_ref().is_some_and(|was| !slot.agrees(was)) {
            self.conflicts.push(Conflict {
                record: self.record.to_string(),
                field: name.to_string(),
                mine: set.to.shown(),
                theirs: slot.shown(),
            });
            return None;
        }
        if self.dry {
            return None;
        }
        let old = std::mem::replace(slot, set.to.clone());
        self.changed.push(name);
        Some(Set::from(set.to.clone(), old))
    }
}

/// The outcome of landing a patch: the fields set, the inverse patch, and the fields left as
/// another change set them.
pub(super) struct Landed<P> {
    pub changed: Vec<&'static str>,
    pub inverse: P,
    pub left: Vec<Conflict>,
}

/// Runs `land` once dry to find conflicts (refusing them in [`OnConflict::Refuse`] mode), then
/// for real.
fn land_with<R, P>(
    record_name: &str,
    mode: OnConflict,
    record: &mut R,
    land: impl Fn(&mut Run, &mut R) -> P,
) -> Result<Landed<P>, LedgerError> {
    if mode == OnConflict::Refuse {
        let mut dry = Run::new(record_name, mode, true);
        land(&mut dry, record);
        if !dry.conflicts.is_empty() {
            return Err(LedgerError::Conflict(dry.conflicts));
        }
    }
    let mut run = Run::new(record_name, mode, false);
    let inverse = land(&mut run, record);
    debug_assert!(run.mode == OnConflict::KeepTheirs || run.conflicts.is_empty());
    Ok(Landed {
        changed: run.changed,
        inverse,
        left: run.conflicts,
    })
}

impl PersonPatch {
    /// The patch with its texts trimmed and checked by the text rules.
    pub(super) fn checked(&self) -> Result<PersonPatch, LedgerError> {
        Ok(PersonPatch {
            name: checked_text(&self.name, |t| text::required("name", t, MAX_NAME))?,
            role: checked_text(&self.role, |t| text::optional("role", t, MAX_NAME))?,
            note: checked_text(&self.note, |t| text::optional("note", t, MAX_NOTE))?,
            archived: self.archived.clone(),
            cadence_days: match &self.cadence_days {
                Some(Set { to: Some(days), .. }) if !touch::cadence_fits(*days) => {
                    return Err(LedgerError::BadCadence { days: *days });
                }
                other => other.clone(),
            },
            last_prep: self.last_prep.clone(),
        })
    }

    /// Whether the patch sets nothing.
    pub fn is_empty(&self) -> bool {
        *self == PersonPatch::default()
    }

    pub(super) fn land(
        &self,
        person: &mut Person,
        mode: OnConflict,
    ) -> Result<Landed<PersonPatch>, LedgerError> {
        let record = person.handle.clone();
        land_with(&record, mode, person, |run, p| PersonPatch {
            name: run.field("name", &mut p.name, &self.name),
            role: run.field("role", &mut p.role, &self.role),
            note: run.field("note", &mut p.note, &self.note),
            archived: run.field("archived", &mut p.archived, &self.archived),
            cadence_days: run.field("cadence_days", &mut p.cadence_days, &self.cadence_days),
            last_prep: run.field("last_prep", &mut p.last_prep, &self.last_prep),
        })
    }
}

impl PromisePatch {
    /// The patch with its texts trimmed and checked by the text rules.
    pub(super) fn checked(&self) -> Result<PromisePatch, LedgerError> {
        Ok(PromisePatch {
            what: checked_text(&self.what, |t| text::required("what", t, MAX_WHAT))?,
            note: checked_text(&self.note, |t| text::optional("note", t, MAX_NOTE))?,
            ..self.clone()
        })
    }

    /// Whether the patch sets nothing.
    pub fn is_empty(&self) -> bool {
        *self == PromisePatch::default()
    }

    pub(super) fn land(
        &self,
        promise: &mut Promise,
        mode: OnConflict,
    ) -> Result<Landed<PromisePatch>, LedgerError> {
        let record = format!("#{}", promise.id);
        land_with(&record, mode, promise, |run, p| {
            let mut outcome = Outcome::of(p);
            let inverse = PromisePatch {
                what: run.field("what", &mut p.what, &self.what),
                level: run.field("level", &mut p.level, &self.level),
                due: run.field("due", &mut p.due, &self.due),
                direction: run.field("direction", &mut p.direction, &self.direction),
                note: run.field("note", &mut p.note, &self.note),
                outcome: run.field("outcome", &mut outcome, &self.outcome),
                outcome_follows_due: false,
            };
            p.status = outcome.status;
            p.resolved = outcome.on;
            inverse
        })
    }
}

fn checked_text(
    set: &Option<Set<String>>,
    rule: impl Fn(&str) -> Result<String, text::TextError>,
) -> Result<Option<Set<String>>, LedgerError> {
    set.as_ref()
        .map(|s| {
            Ok(Set {
                was: s.was.clone(),
                to: rule(&s.to)?,
            })
        })
        .transpose()
}
