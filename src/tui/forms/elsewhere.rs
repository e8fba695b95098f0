//! A form left open while the file changes elsewhere: its record gone, resolved or changed
//! there, and the fields changed on both sides, to keep one or the other.

use super::{Field, Form, FormKeys, FormKind, Gone, Key, Value};
use crate::core::change::Conflict;
use crate::core::{Ledger, Promise, Status, Uid};
use crate::tui::keymap::Action;

impl Form {
    /// The record the form edits, when it edits one.
    pub fn target_gone(&self, ledger: &Ledger) -> bool {
        match self.kind {
            FormKind::EditPerson(t) => t.uid.is_some_and(|u| ledger.person_by_uid(u).is_none()),
            FormKind::EditPromise(t) | FormKind::Resolve(t) => {
                t.uid.is_some_and(|u| ledger.promise_by_uid(u).is_none())
            }
            FormKind::NewPerson | FormKind::NewPromise { .. } => false,
        }
    }

    /// Whether the person a new promise's form opened for was deleted elsewhere since: the
    /// form never opens for them again.
    pub fn opened_for_deleted(&self, ledger: &Ledger) -> bool {
        self.opened_for.is_some_and(|t| match t.uid {
            Some(uid) => ledger.person_by_uid(uid).is_none(),
            None => ledger.person(t.id).is_none(),
        })
    }

    /// A new promise's form in words after "the next" (`new promise`, `promise logged as
    /// kept`), for where what was typed in it comes back.
    pub fn next_of_kind(&self) -> &'static str {
        match self.kind {
            FormKind::NewPromise { kept: true } => "promise logged as kept",
            _ => "new promise",
        }
    }

    /// Whether the form can save nothing: its record was deleted elsewhere, or the promise it
    /// resolves was resolved there (it takes no outcome until it is reopened). Then its
    /// border and the hint bar offer only to close it.
    pub fn unsavable(&self, ledger: &Ledger) -> bool {
        self.target_gone(ledger) || self.resolved_elsewhere(ledger).is_some()
    }

    /// The form's own keys, each action with its word: its border names them, and so do the
    /// hint bar and a key the form does not take, from this one list, so none of them says
    /// `cancel` where another says `close`. Only cancel, to close it, where it can save
    /// nothing; save and cancel in the words of a conflict while one is shown (neither
    /// cancels then); else save, cancel and next field.
    pub fn own_keys(&self, ledger: &Ledger) -> &'static [(Action, &'static str)] {
        if self.unsavable(ledger) {
            &[(Action::Cancel, "close")]
        } else if self.in_conflict() {
            &[(Action::Save, "save mine"), (Action::Cancel, "keep theirs")]
        } else {
            &[
                (Action::Save, "save"),
                (Action::Cancel, "cancel"),
                (Action::NextField, "next field"),
            ]
        }
    }

    /// The promise a resolve form gives an outcome to, where it was resolved elsewhere since
    /// the form opened: until it is reopened, the form cannot save, and does not open again
    /// (its key opens the edit form instead).
    pub fn resolved_elsewhere<'a>(&self, ledger: &'a Ledger) -> Option<&'a Promise> {
        match self.kind {
            FormKind::Resolve(t) => t
                .uid
                .and_then(|u| ledger.promise_by_uid(u))
                .filter(|p| p.status != Status::Open),
            _ => None,
        }
    }

    /// Follows a change saved elsewhere: every field the person has not edited shows what the
    /// file holds now; an edited field keeps the person's value and what they saw before, so
    /// saving it still finds out whether it was changed on both sides. A field shown
    /// changed on both sides shows the value the file holds now, and none once the record
    /// is deleted: never one that no longer exists. `keys` are the keys its messages name.
    pub fn follow(&mut self, now: &Ledger, keys: &FormKeys) {
        if let FormKind::NewPromise { kept } = self.kind {
            self.follow_people(now, kept, keys);
            return;
        }
        let Some(fresh) = self.reopened(now) else {
            // Its record deleted elsewhere, no version of it is left to show beside the
            // person's: a field changed on both sides shows theirs no longer.
            if self.target_gone(now) {
                for field in &mut self.fields {
                    field.theirs = None;
                    field.elsewhere = None;
                }
            }
            return;
        };
        let conflicted = self.in_conflict();
        // A promise resolved elsewhere takes no outcome from here until it is reopened: said
        // at once, rather than only when Enter is refused.
        if let Some(p) = self.resolved_elsewhere(now) {
            self.error = Some(format!(
                "#{} was marked {} elsewhere meanwhile. {} closes this form; to give it \
                 another outcome, reopen it first.",
                p.id,
                p.status.label(),
                keys.cancel
            ));
        }
        // A promise reworded elsewhere shows its new text over the form.
        self.subject.clone_from(&fresh.subject);
        for field in &mut self.fields {
            let Some(new) = fresh.field(field.key) else {
                continue;
            };
            if !Form::from_file(&self.kind, field.key) {
                continue;
            }
            // A field changed on both sides shows the file's value as it is now: changed
            // there again, the new one (which saving the person's then sets it over); changed
            // to the person's own, nothing is left to choose between.
            if field.theirs.is_some() {
                if new.initial.shown() != field.initial.shown() {
                    field.theirs = (new.initial.shown() != field.value.shown())
                        .then(|| new.initial.shown().to_string());
                    field.initial = new.initial.clone();
                }
                continue;
            }
            if field.value.shown() != field.initial.shown() || field.elsewhere.is_some() {
                field.elsewhere =
                    (new.initial.shown() != field.initial.shown()).then(|| new.initial.clone());
                continue;
            }
            field.value = new.value.clone();
            field.initial = new.initial.clone();
        }
        // Its last conflict gone, so are the words that said what its keys do in one.
        if conflicted && !self.in_conflict() && self.resolved_elsewhere(now).is_none() {
            self.error = None;
        }
        // A resolve form's outcome, while it follows the day (none chosen by hand), follows
        // a due date moved elsewhere too: kept late or kept by the new one, for the day
        // typed. Not said as a change from elsewhere: it is the form's own suggestion.
        self.due = fresh.due;
        if self.follows_day {
            if let (Some(Field { value, .. }), Some(new)) = (
                self.fields.iter_mut().find(|f| f.key == Key::Outcome),
                fresh.field(Key::Outcome),
            ) {
                *value = new.value.clone();
            }
            self.outcome_follows_day();
        }
    }

    /// A new promise's choice of person follows the people saved elsewhere: one added is
    /// offered, one renamed shows the new name, and the one chosen stays chosen by uid. When
    /// the one chosen was deleted or archived meanwhile, the field says so, rather than a
    /// save being refused for someone the form still shows.
    pub(super) fn follow_people(&mut self, now: &Ledger, kept: bool, keys: &FormKeys) {
        let fresh = Form::new_promise(now, None, kept, self.today);
        let Some(Value::Choice { options, .. }) = fresh.field(Key::Person).map(|f| f.value.clone())
        else {
            return;
        };
        let uid_at = |index: usize| self.people.get(index).and_then(|t| t.uid);
        let index_of = |uid: Option<Uid>| {
            fresh
                .people
                .iter()
                .position(|t| uid.is_some() && t.uid == uid)
        };
        let Some(field) = self.fields.iter().position(|f| f.key == Key::Person) else {
            return;
        };
        let (chosen, first) = {
            let f = &self.fields[field];
            (uid_at(f.value.index()), uid_at(f.initial.index()))
        };
        if chosen.is_some() && index_of(chosen).is_none() {
            self.chosen_gone = Some(Gone {
                name: self.fields[field].shown().to_string(),
                archived: now
                    .people
                    .iter()
                    .any(|p| Some(p.uid) == chosen && p.archived),
            });
        }
        let f = &mut self.fields[field];
        f.value = Value::Choice {
            options: options.clone(),
            index: index_of(chosen).unwrap_or(0),
        };
        f.initial = Value::Choice {
            options,
            index: index_of(first).unwrap_or(0),
        };
        self.people = fresh.people;
        self.person_gone_error(keys);
    }

    /// Marks the person field when the person chosen left the ledger elsewhere, saying
    /// which way: someone archived can be restored, and the form closed keeps the promise
    /// for them until then (with no one else to choose, that is the one way). Someone deleted with no one left to choose instead leaves the
    /// form nothing to save: it says so, and that the form closed keeps what was typed for
    /// the next new promise, for the person the key named adds (where one binds it).
    pub(super) fn person_gone_error(&mut self, keys: &FormKeys) {
        if let Some(gone) = &self.chosen_gone {
            let name = &gone.name;
            let message = if gone.archived && self.people.is_empty() {
                format!(
                    "{name} was archived elsewhere and no one else is here: restore them on \
                     People (closed, the form keeps this for them)"
                )
            } else if gone.archived {
                format!(
                    "{name} was archived elsewhere; choose whom it is for, or restore them on \
                     People (closed, the form keeps this for them)"
                )
            } else if self.people.is_empty() {
                let add = keys
                    .new_person
                    .as_ref()
                    .map_or_else(String::new, |key| format!(", then {key} adds a person"));
                format!(
                    "{name} was deleted elsewhere and no one is left: {} closes this form, \
                     keeping what you typed for the next {}{add}",
                    keys.cancel,
                    self.next_of_kind()
                )
            } else {
                format!("{name} was deleted elsewhere; choose whom it is for")
            };
            self.set_error(Key::Person, message);
        }
    }

    /// Marks each field changed on both sides with the value saved elsewhere, and takes that
    /// value as the one the person now saw: Enter then saves theirs over it on purpose.
    pub(super) fn conflicts(&mut self, conflicts: &[Conflict], now: &Ledger, keys: &FormKeys) {
        self.follow(now, keys);
        let fresh = self.reopened(now);
        for field in &mut self.fields {
            let Some(conflict) = conflicts.iter().find(|c| c.field == field.key.file_name()) else {
                continue;
            };
            field.theirs = Some(conflict.theirs.clone());
            field.elsewhere = None;
            if let Some(initial) = fresh
                .as_ref()
                .and_then(|f| f.field(field.key))
                .map(|f| f.initial.clone())
            {
                field.initial = initial;
            }
        }
        self.say_conflict(keys);
    }

    /// Each field typed back to what it held when the form opened while the file's value
    /// changed elsewhere ([`Field::elsewhere`]) shows both values, as a conflict the core
    /// finds does; true when there is one, and the form then saves nothing yet.
    pub(super) fn typed_back(&mut self, keys: &FormKeys) -> bool {
        let mut any = false;
        for field in &mut self.fields {
            if field.value.shown() != field.initial.shown() {
                continue;
            }
            if let Some(theirs) = field.elsewhere.take() {
                field.theirs = Some(theirs.shown().to_string());
                field.initial = theirs;
                any = true;
            }
        }
        if any {
            self.say_conflict(keys);
        }
        any
    }

    /// Puts the cursor on the first field changed on both sides, and says under the form
    /// what the keys do.
    fn say_conflict(&mut self, keys: &FormKeys) {
        if let Some(first) = self.fields.iter().position(|f| f.theirs.is_some()) {
            self.focus = first;
        }
        self.error = Some(format!(
            "Changed elsewhere meanwhile: {} saves yours, {} keeps theirs.",
            keys.save, keys.cancel
        ));
    }

    /// The labels of the fields the person left alone whose value in `saved` (the ledger
    /// after the form's save) is not what the form first showed: what the save kept from
    /// changes made elsewhere.
    pub fn kept_from_elsewhere(&self, saved: &Ledger) -> Vec<&'static str> {
        let Some(fresh) = self.reopened(saved) else {
            return Vec::new();
        };
        self.fields
            .iter()
            .filter(|f| f.value.shown() == f.initial.shown() && Form::from_file(&self.kind, f.key))
            .filter(|f| {
                fresh
                    .field(f.key)
                    .is_some_and(|now| now.value.shown() != f.first.shown())
            })
            .map(|f| f.label)
            .collect()
    }

    /// Whether some field was changed elsewhere while the form was open.
    pub fn in_conflict(&self) -> bool {
        self.fields.iter().any(|f| f.theirs.is_some())
    }

    /// Takes the other side's value at every conflicted field; the form's change then sets
    /// only the person's other edits.
    pub fn keep_theirs(&mut self) {
        for field in &mut self.fields {
            if field.theirs.take().is_some() {
                field.value = field.initial.clone();
            }
        }
        self.error = None;
    }

    /// Accepts the person's values at the conflicted fields (their `initial` already holds
    /// what the file holds).
    pub fn keep_mine(&mut self) {
        for field in &mut self.fields {
            field.theirs = None;
        }
        self.error = None;
    }
}
