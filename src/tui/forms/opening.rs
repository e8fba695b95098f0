//! How a form opens: for a new or existing person or promise, or an outcome, each field
//! filled from the ledger; and a form kept open when its record's number changes.

use chrono::NaiveDate;

use super::{
    Field, Form, FormKind, Key, OUTCOMES, direction_index, direction_options, edit_title,
    level_options, resolve_title,
};
use crate::core::change::Target;
use crate::core::touch::cadence_word;
use crate::core::{Ledger, PersonId, PromiseId, text};

impl Form {
    pub(super) fn new(kind: FormKind, title: String, fields: Vec<Field>, today: NaiveDate) -> Form {
        Form {
            kind,
            title,
            subject: None,
            fields,
            focus: 0,
            people: Vec::new(),
            error: None,
            today,
            saving: false,
            refused: false,
            follows_day: false,
            due: None,
            made: None,
            chosen_gone: None,
            opened_for: None,
            typed_ahead: String::new(),
            ahead_ticks: 0,
        }
    }

    /// The person form: empty for a new colleague, filled in to edit one.
    pub fn person(ledger: &Ledger, edit: Option<PersonId>, today: NaiveDate) -> Form {
        let existing = edit.and_then(|id| ledger.person(id));
        let (name, role, note) = existing.map_or(("", "", ""), |p| {
            (p.name.as_str(), p.role.as_str(), p.note.as_str())
        });
        let fields = vec![
            Field::text(Key::Name, name),
            Field::text(Key::Role, role),
            Field::text(Key::Note, note),
            Field::text(
                Key::Every,
                &cadence_word(existing.and_then(|p| p.cadence_days)),
            ),
        ];
        match existing {
            Some(p) => Form::new(
                FormKind::EditPerson(Target::exact(p.id, p.uid)),
                "Edit person".to_string(),
                fields,
                today,
            ),
            None => Form::new(FormKind::NewPerson, "New person".to_string(), fields, today),
        }
    }

    /// A new promise with `person` (or the first active one), theirs, a task, no due date; the
    /// cursor starts in its text.
    pub fn new_promise(
        ledger: &Ledger,
        person: Option<PersonId>,
        kept: bool,
        today: NaiveDate,
    ) -> Form {
        // In the People view's order, by name.
        let mut active: Vec<&crate::core::Person> =
            ledger.people.iter().filter(|p| !p.archived).collect();
        active.sort_by_cached_key(|p| p.name_order());
        // A name two people share carries each one's handle, so the choice tells them apart.
        let alike = ledger.named_alike();
        let names = active
            .iter()
            .map(|p| {
                let name = text::sanitize(&p.name);
                if alike.contains_key(&p.id) {
                    format!("{name} ({})", text::sanitize(&p.handle))
                } else {
                    name
                }
            })
            .collect();
        let chosen = person
            .and_then(|id| active.iter().position(|p| p.id == id))
            .unwrap_or(0);
        let mut fields = vec![
            Field::text(Key::What, ""),
            Field::choice(Key::Person, names, chosen),
            Field::choice(Key::Whose, direction_options(), 0),
            Field::choice(Key::Rung, level_options(), 0),
        ];
        if kept {
            // Logged after the fact, like `log --on --late`: when, and whether on time.
            let kept_options = OUTCOMES[..2]
                .iter()
                .map(|s| s.label().to_string())
                .collect();
            fields.push(Field::choice(Key::Outcome, kept_options, 0));
            fields.push(Field::outcome_day());
        } else {
            fields.push(Field::date(Key::Due, ""));
        }
        let title = if kept {
            "Log a kept promise"
        } else {
            "New promise"
        };
        let mut form = Form::new(
            FormKind::NewPromise { kept },
            title.to_string(),
            fields,
            today,
        );
        form.people = active.iter().map(|p| Target::exact(p.id, p.uid)).collect();
        form.opened_for = form.people.get(chosen).copied();
        form
    }

    /// Edits what a promise says, its direction, rung, due date and note.
    pub fn edit_promise(ledger: &Ledger, id: PromiseId, today: NaiveDate) -> Option<Form> {
        let p = ledger.promise(id)?;
        let due = p.due.map(|d| d.to_string()).unwrap_or_default();
        let fields = vec![
            Field::text(Key::What, &p.what),
            Field::choice(
                Key::Whose,
                direction_options(),
                direction_index(p.direction),
            ),
            Field::choice(Key::Rung, level_options(), p.level.index()),
            Field::date(Key::Due, &due),
            Field::text(Key::Note, &p.note),
        ];
        let mut form = Form::new(
            FormKind::EditPromise(Target::exact(p.id, p.uid)),
            edit_title(id),
            fields,
            today,
        );
        form.made = Some(p.made);
        Some(form)
    }

    /// The outcome of an open promise, with a note; a promise past its due date starts as
    /// kept late.
    pub fn resolve(ledger: &Ledger, id: PromiseId, today: NaiveDate) -> Option<Form> {
        let p = ledger.promise(id)?;
        let outcomes = OUTCOMES.iter().map(|s| s.label().to_string()).collect();
        let first = OUTCOMES
            .iter()
            .position(|s| *s == p.kept_on(today))
            .unwrap_or(0);
        let fields = vec![
            Field::choice(Key::Outcome, outcomes, first),
            Field::outcome_day(),
            Field::text(Key::Note, &p.note),
        ];
        let mut form = Form::new(
            FormKind::Resolve(Target::exact(p.id, p.uid)),
            resolve_title(id),
            fields,
            today,
        );
        form.follows_day = true;
        form.due = p.due;
        form.made = Some(p.made);
        form.subject = Some(p.what.clone());
        Some(form)
    }

    /// The same form as it would open on `ledger` now: what the fields hold in the file.
    pub(super) fn reopened(&self, ledger: &Ledger) -> Option<Form> {
        match self.kind {
            FormKind::EditPerson(t) => ledger
                .person_by_uid(t.uid?)
                .map(|p| Form::person(ledger, Some(p.id), self.today)),
            FormKind::EditPromise(t) => ledger
                .promise_by_uid(t.uid?)
                .and_then(|p| Form::edit_promise(ledger, p.id, self.today)),
            FormKind::Resolve(t) => ledger
                .promise_by_uid(t.uid?)
                .and_then(|p| Form::resolve(ledger, p.id, self.today)),
            _ => None,
        }
    }

    /// Follows the record the form edits from `old` to `now`, where a merge gave it another
    /// number: the title shows the new one (the save finds the record by uid either way).
    /// Returns the promise's number as it was and as it is, when it moved.
    pub fn renumber(&mut self, old: &Ledger, now: &Ledger) -> Option<(PromiseId, PromiseId)> {
        match &mut self.kind {
            FormKind::EditPerson(t) => {
                let uid = t.uid?;
                if now.person(t.id).is_none_or(|p| p.uid != uid) {
                    t.id = now.person_by_uid(uid)?.id;
                }
                None
            }
            FormKind::EditPromise(t) | FormKind::Resolve(t) => {
                let was = t.id;
                let to = crate::tui::history::moved(old, now, was, t.uid?)?;
                t.id = to;
                self.title = match self.kind {
                    FormKind::Resolve(_) => resolve_title(to),
                    _ => edit_title(to),
                };
                Some((was, to))
            }
            FormKind::NewPerson | FormKind::NewPromise { .. } => None,
        }
    }
}
