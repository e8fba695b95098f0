//! A form saved: what it checks itself (a date word, a choice, a text's rules), the change
//! it hands the core, and what the core's refusal says under the field it names.

use chrono::NaiveDate;

use super::{DIRECTIONS, Field, Form, FormKeys, FormKind, Key, OUTCOMES, OutcomeDay, Value};
use crate::core::change::{NewPromise, OnConflict, PersonPatch, PromisePatch, Set, Target};
use crate::core::dates::parse_due;
use crate::core::text::{MAX_NAME, MAX_NOTE, MAX_WHAT};
use crate::core::touch::parse_cadence;
use crate::core::{Change, Ledger, LedgerError, Level, PersonId, PromiseId, text};

impl Form {
    pub(super) fn field(&self, key: Key) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub(super) fn text_of(&self, key: Key) -> String {
        self.field(key)
            .map_or(String::new(), |f| f.shown().to_string())
    }

    pub(super) fn choice_of(&self, key: Key) -> usize {
        self.field(key).map_or(0, |f| f.value.index())
    }

    pub(super) fn set_error(&mut self, key: Key, message: String) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.error = Some(message);
        }
    }

    /// Forgets the last refusal once every field it marked is fixed: a field marked after
    /// that by a change elsewhere was refused no save.
    pub(super) fn refusal_fixed(&mut self) {
        if self.fields.iter().all(|f| f.error.is_none()) {
            self.refused = false;
        }
    }

    /// Reads a date field: the day, `None` for no date, or an error marked at the field.
    pub(super) fn check_date(&mut self, key: Key) -> Result<Option<NaiveDate>, ()> {
        let Some(field) = self.field(key) else {
            return Ok(None);
        };
        match self.date_preview(field) {
            None => Ok(None),
            Some(Ok(day)) => Ok(Some(day)),
            Some(Err(e)) => {
                self.set_error(key, e.to_string());
                Err(())
            }
        }
    }

    /// Reads the Every field: the cadence, `None` for none (or no such field), or an error
    /// marked at the field.
    fn check_cadence(&mut self) -> Result<Option<u32>, ()> {
        let Some(field) = self.field(Key::Every) else {
            return Ok(None);
        };
        parse_cadence(field.shown()).map_err(|e| self.set_error(Key::Every, e.to_string()))
    }

    /// A `Set` for a field the person changed: what it held when the form opened, and what it
    /// holds now, read the same way; `None` for a field that reads as it did (`none` in a due
    /// field that had no date, say).
    pub(super) fn set_of<T: PartialEq>(
        &self,
        key: Key,
        read: impl Fn(&Value) -> T,
    ) -> Option<Set<T>> {
        let field = self.field(key)?;
        let (was, to) = (read(&field.initial), read(&field.value));
        (was != to).then(|| Set::from(was, to))
    }

    /// Checks every field. With an error, marks the fields and returns `None` (the cursor
    /// moves to the first bad field); otherwise returns the change to save, which for an edit
    /// may set nothing. `keys` are the keys its messages name.
    pub fn submit(&mut self, keys: &FormKeys) -> Option<Change> {
        for f in &mut self.fields {
            f.error = None;
        }
        self.error = None;
        self.refused = false;
        if self.typed_back(keys) {
            return None;
        }
        let change = match self.kind.clone() {
            FormKind::NewPerson => Some(Change::AddPerson {
                name: self.text_of(Key::Name),
                role: self.text_of(Key::Role),
                note: self.text_of(Key::Note),
                cadence_days: self.check_cadence().ok().flatten(),
                again: false,
            }),
            FormKind::EditPerson(person) => {
                let text = |v: &Value| v.shown().to_string();
                // Marked at the field where it does not read; the patch reads it again to
                // compare it with what the field held when the form opened.
                let _ = self.check_cadence();
                let cadence = |v: &Value| parse_cadence(v.shown()).ok().flatten();
                Some(Change::EditPerson {
                    person,
                    patch: PersonPatch {
                        name: self.set_of(Key::Name, text),
                        role: self.set_of(Key::Role, text),
                        note: self.set_of(Key::Note, text),
                        cadence_days: self.set_of(Key::Every, cadence),
                        ..PersonPatch::default()
                    },
                    on_conflict: OnConflict::Refuse,
                })
            }
            FormKind::NewPromise { kept } => {
                let due = self.check_date(Key::Due);
                // An outcome needs its day, here as in the form that resolves one: an emptied
                // field, which shows "no date", is not taken as today.
                let on = match self.check_date(Key::On) {
                    Ok(Some(day)) if kept => {
                        self.check_outcome_day(day);
                        day
                    }
                    Ok(Some(day)) => day,
                    Ok(None) if kept => {
                        self.set_error(Key::On, "needs a day".to_string());
                        self.today
                    }
                    _ => self.today,
                };
                let person = self.people.get(self.choice_of(Key::Person)).copied();
                if person.is_none() {
                    let add = keys
                        .new_person
                        .as_ref()
                        .map_or_else(String::new, |key| format!(" ({key})"));
                    self.set_error(Key::Person, format!("add a person first{add}"));
                }
                self.person_gone_error(keys);
                let status = OUTCOMES[self.choice_of(Key::Outcome).min(1)];
                let new = NewPromise {
                    person: person.unwrap_or(Target::id(PersonId(0))),
                    direction: DIRECTIONS[self.choice_of(Key::Whose).min(1)],
                    level: Level::ALL[self.choice_of(Key::Rung).min(2)],
                    what: self.text_of(Key::What),
                    made: if kept { on } else { self.today },
                    due: due.ok().flatten(),
                    outcome: kept.then_some((status, on)),
                };
                Some(Change::AddPromise(new))
            }
            FormKind::EditPromise(promise) => {
                let due = self.check_date(Key::Due).ok();
                let today = self.today;
                let due_of = |v: &Value| {
                    let word = v.shown().trim();
                    if word.is_empty() {
                        None
                    } else {
                        parse_due(word, today).ok().flatten()
                    }
                };
                let text = |v: &Value| v.shown().to_string();
                let patch = PromisePatch {
                    what: self.set_of(Key::What, text),
                    level: self.set_of(Key::Rung, |v| Level::ALL[v.index().min(2)]),
                    due: self.set_of(Key::Due, due_of),
                    direction: self.set_of(Key::Whose, |v| DIRECTIONS[v.index().min(1)]),
                    note: self.set_of(Key::Note, text),
                    ..PromisePatch::default()
                };
                due.map(|_| Change::EditPromise {
                    promise,
                    patch,
                    on_conflict: OnConflict::Refuse,
                })
            }
            FormKind::Resolve(promise) => {
                let on = self.check_date(Key::On);
                match on {
                    Ok(None) => self.set_error(Key::On, "needs a day".to_string()),
                    Ok(Some(day)) => self.check_outcome_day(day),
                    Err(_) => {}
                }
                // A note left as it was is not sent: one saved elsewhere meanwhile stays.
                let note = self
                    .field(Key::Note)
                    .filter(|f| f.value.shown() != f.initial.shown())
                    .map(|f| f.shown().to_string());
                on.ok().flatten().map(|on| Change::Resolve {
                    promise,
                    status: OUTCOMES[self.choice_of(Key::Outcome).min(3)],
                    on,
                    note,
                })
            }
        };
        // The text rules are checked here as well as in the core, which stops at the first
        // fault: every fault is shown at once.
        self.check_texts();
        match self.fields.iter().position(|f| f.error.is_some()) {
            Some(bad) => {
                self.focus = bad;
                self.refused = true;
                None
            }
            None => change,
        }
    }

    /// Marks an outcome's day the core would refuse (after today, or before the promise was
    /// made) in the core's words, as the command line says it, so the first Enter names it
    /// with every other field at fault rather than only once the rest is right.
    pub(super) fn check_outcome_day(&mut self, on: NaiveDate) {
        if let Some((_, said)) = self.outcome_day_refused(on) {
            self.set_error(Key::On, said);
        }
    }

    /// Why `on` cannot be the outcome's day, by the core's rule, and the words `Enter` marks
    /// the field with: the one judgement the preview under the field reads too, so that the
    /// preview never passes a day `Enter` refuses, nor names another rule than it does (it
    /// said "before it was made" of a promise made after the day shown, where no day fits).
    /// `None` for a day the outcome can have.
    pub fn outcome_day_refused(&self, on: NaiveDate) -> Option<(OutcomeDay, String)> {
        // The promise a log makes is made that day; one being resolved, when it was.
        let (id, made, resolving) = match &self.kind {
            FormKind::Resolve(t) => (t.id, self.made.unwrap_or(on), true),
            _ => (PromiseId(0), on, false),
        };
        let refusal = crate::core::change::check_outcome_day(id, on, made, self.today).err()?;
        // Made after the day shown (looking back), it has no day to be resolved on: said
        // whatever the day typed, with the `--today` that takes it.
        if resolving && made > self.today {
            let said = crate::tui::words::made_after_the_day_shown(id, Some(on), made, self.today);
            return Some((OutcomeDay::MadeLater(made), said));
        }
        let rule = match &refusal {
            LedgerError::ResolvedBeforeMade { made, .. } => OutcomeDay::BeforeMade(*made),
            LedgerError::MadeAfterToday { made, .. } => OutcomeDay::MadeLater(*made),
            // The core's one rule left: not after today.
            _ => OutcomeDay::AfterToday,
        };
        Some((rule, refusal.to_string()))
    }

    /// Marks each text field the core's rules refuse (an empty What, a name too long), where
    /// no other error is shown on it.
    pub(super) fn check_texts(&mut self) {
        for f in &mut self.fields {
            let rule = match f.key {
                Key::What => Some(("what", MAX_WHAT, true)),
                Key::Name => Some(("name", MAX_NAME, true)),
                Key::Role => Some(("role", MAX_NAME, false)),
                Key::Note => Some(("note", MAX_NOTE, false)),
                _ => None,
            };
            let Some((name, max, needed)) = rule else {
                continue;
            };
            if f.error.is_some() || !matches!(f.value, Value::Text(_)) {
                continue;
            }
            let checked = if needed {
                text::required(name, f.value.shown(), max)
            } else {
                text::optional(name, f.value.shown(), max)
            };
            if let Err(e) = checked {
                f.error = Some(e.in_a_form());
            }
        }
    }

    /// Shows why the core refused the change: at the field it is about when there is one
    /// (a conflict shows both values there, and the keys that choose one), else under the
    /// form.
    pub fn refused(
        &mut self,
        refusal: Option<&LedgerError>,
        message: &str,
        now: &Ledger,
        keys: &FormKeys,
    ) {
        self.saving = false;
        self.refused = true;
        match refusal {
            Some(LedgerError::Conflict(conflicts)) => self.conflicts(conflicts, now, keys),
            Some(LedgerError::Text(e)) => {
                let key = self
                    .fields
                    .iter()
                    .find(|f| f.key.file_name() == e.field())
                    .map(|f| f.key);
                match key {
                    Some(key) => self.set_error(key, e.in_a_form()),
                    None => self.error = Some(message.to_string()),
                }
            }
            Some(
                LedgerError::FutureOutcome { .. }
                | LedgerError::ResolvedBeforeMade { .. }
                | LedgerError::MadeAfterToday { .. },
            ) => self.set_error(Key::On, message.to_string()),
            Some(LedgerError::NameTaken { .. }) => self.set_error(Key::Name, message.to_string()),
            _ => self.error = Some(message.to_string()),
        }
        if let Some(bad) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = bad;
        }
    }
}
