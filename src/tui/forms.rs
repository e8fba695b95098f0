//! The forms: a person, a promise, and the outcome of a promise.
//!
//! A form is plain data: fields with their text or choice, the field with the cursor, and the
//! errors of the last attempt to save. [`Form::submit`] checks every field and either names
//! what is wrong at the field or returns the change to make; nothing is saved before that.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::undo::Op;
use crate::core::dates::parse_date;
use crate::core::ledger::{NewPromise, PersonEdit, PromiseEdit};
use crate::core::text::{self, MAX_NAME, MAX_NOTE, MAX_WHAT};
use crate::core::{Direction, Ledger, Level, PersonId, PromiseId, Status};

/// What the form is for.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    NewPerson,
    EditPerson(PersonId),
    /// A new promise; `kept` logs it as already kept.
    NewPromise {
        kept: bool,
    },
    EditPromise(PromiseId),
    Resolve(PromiseId),
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Free text, with the cursor as a character index.
    Text { text: String, cursor: usize },
    /// One of a fixed list.
    Choice { options: Vec<String>, index: usize },
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub value: Value,
    /// A date field: its text is a date word, previewed live.
    pub date: bool,
    /// Why the last save was refused, shown under the field.
    pub error: Option<String>,
}

impl Field {
    fn text(label: &'static str, initial: &str) -> Field {
        Field {
            label,
            value: Value::Text {
                text: initial.to_string(),
                cursor: initial.chars().count(),
            },
            date: false,
            error: None,
        }
    }

    fn date(label: &'static str, initial: &str) -> Field {
        Field {
            date: true,
            ..Field::text(label, initial)
        }
    }

    fn choice(label: &'static str, options: Vec<String>, index: usize) -> Field {
        let index = index.min(options.len().saturating_sub(1));
        Field {
            label,
            value: Value::Choice { options, index },
            date: false,
            error: None,
        }
    }

    /// The text of a text field, or the chosen option.
    pub fn shown(&self) -> &str {
        match &self.value {
            Value::Text { text, .. } => text,
            Value::Choice { options, index } => options.get(*index).map_or("", String::as_str),
        }
    }

    fn index(&self) -> usize {
        match &self.value {
            Value::Choice { index, .. } => *index,
            Value::Text { .. } => 0,
        }
    }
}

/// A form on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    /// The field with the cursor.
    pub focus: usize,
    /// The people a promise form can choose from, in the order of its person field.
    pub people: Vec<PersonId>,
    /// A refusal from the ledger itself (an archived person, say), shown at the bottom.
    pub error: Option<String>,
    /// The day date words are relative to.
    pub today: NaiveDate,
}

const DIRECTIONS: [Direction; 2] = [Direction::Theirs, Direction::Mine];
const OUTCOMES: [Status; 4] = [
    Status::Kept,
    Status::KeptLate,
    Status::Broken,
    Status::Released,
];

fn direction_options() -> Vec<String> {
    vec![
        "theirs (they promised me)".to_string(),
        "mine (I promised them)".to_string(),
    ]
}

fn level_options() -> Vec<String> {
    Level::ALL
        .iter()
        .map(|l| format!("{} ({})", l.as_str(), l.title()))
        .collect()
}

impl Form {
    /// The person form: empty for a new colleague, filled in to edit one.
    pub fn person(ledger: &Ledger, edit: Option<PersonId>, today: NaiveDate) -> Form {
        let existing = edit.and_then(|id| ledger.person(id));
        let (name, role, note) = existing.map_or(("", "", ""), |p| {
            (p.name.as_str(), p.role.as_str(), p.note.as_str())
        });
        Form {
            kind: edit.map_or(FormKind::NewPerson, FormKind::EditPerson),
            title: if existing.is_some() {
                "Edit person".to_string()
            } else {
                "New person".to_string()
            },
            fields: vec![
                Field::text("Name", name),
                Field::text("Role", role),
                Field::text("Note", note),
            ],
            focus: 0,
            people: Vec::new(),
            error: None,
            today,
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
        let people: Vec<PersonId> = ledger
            .people
            .iter()
            .filter(|p| !p.archived)
            .map(|p| p.id)
            .collect();
        let names: Vec<String> = people
            .iter()
            .filter_map(|id| ledger.person(*id))
            .map(|p| text::sanitize(&p.name))
            .collect();
        let chosen = person
            .and_then(|id| people.iter().position(|p| *p == id))
            .unwrap_or(0);
        let mut fields = vec![
            Field::text("What", ""),
            Field::choice("Person", names, chosen),
            Field::choice("Who", direction_options(), 0),
            Field::choice("Rung", level_options(), 0),
        ];
        if !kept {
            fields.push(Field::date("Due", ""));
        }
        Form {
            kind: FormKind::NewPromise { kept },
            title: if kept {
                "Log a kept promise".to_string()
            } else {
                "New promise".to_string()
            },
            fields,
            focus: 0,
            people,
            error: None,
            today,
        }
    }

    /// Edits what a promise says, its direction, rung, due date and note.
    pub fn edit_promise(ledger: &Ledger, id: PromiseId, today: NaiveDate) -> Option<Form> {
        let p = ledger.promise(id)?;
        let due = p.due.map(|d| d.to_string()).unwrap_or_default();
        Some(Form {
            kind: FormKind::EditPromise(id),
            title: format!("Edit promise #{id}"),
            fields: vec![
                Field::text("What", &p.what),
                Field::choice(
                    "Who",
                    direction_options(),
                    DIRECTIONS
                        .iter()
                        .position(|d| *d == p.direction)
                        .unwrap_or(0),
                ),
                Field::choice("Rung", level_options(), p.level.index()),
                Field::date("Due", &due),
                Field::text("Note", &p.note),
            ],
            focus: 0,
            people: Vec::new(),
            error: None,
            today,
        })
    }

    /// The outcome of an open promise, with a note.
    pub fn resolve(ledger: &Ledger, id: PromiseId, today: NaiveDate) -> Option<Form> {
        let p = ledger.promise(id)?;
        let outcomes = OUTCOMES.iter().map(|s| s.label().to_string()).collect();
        Some(Form {
            kind: FormKind::Resolve(id),
            title: format!("Resolve #{id}"),
            fields: vec![
                Field::choice("Outcome", outcomes, 0),
                Field::date("On", "today"),
                Field::text("Note", &p.note),
            ],
            focus: 0,
            people: Vec::new(),
            error: None,
            today,
        })
    }

    /// Moves the cursor to the next field (`forward`) or the previous one, wrapping.
    pub fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// Applies a key that edits the focused field: typing, Backspace, Delete, arrows, Home,
    /// End; on a choice, arrows and Space change it and a letter jumps to an option.
    pub fn edit(&mut self, key: &KeyEvent) {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return;
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        field.error = None;
        self.error = None;
        match &mut field.value {
            Value::Text { text, cursor } => edit_text(text, cursor, key.code),
            Value::Choice { options, index } => {
                let n = options.len();
                if n == 0 {
                    return;
                }
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') | KeyCode::Down => {
                        *index = (*index + 1) % n
                    }
                    KeyCode::Left | KeyCode::Up => *index = (*index + n - 1) % n,
                    KeyCode::Char(c) => {
                        let c = c.to_lowercase().to_string();
                        let start = *index + 1;
                        if let Some(found) = (0..n)
                            .map(|i| (start + i) % n)
                            .find(|i| options[*i].to_lowercase().starts_with(&c))
                        {
                            *index = found;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// The live reading of a date field: the date it means, or why it means none. An empty
    /// field means no date.
    pub fn date_preview(&self, field: &Field) -> Option<Result<NaiveDate, String>> {
        let word = field.shown().trim();
        if !field.date || word.is_empty() {
            return None;
        }
        // Short enough to fit under the field; `?` lists every date word.
        Some(
            parse_date(word, self.today)
                .map_err(|_| format!("'{word}' is not a date: try fri, +3d, eow, 2026-12-01")),
        )
    }

    fn text_of(&self, label: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map_or("", Field::shown)
    }

    fn choice_of(&self, label: &str) -> usize {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map_or(0, Field::index)
    }

    fn set_error(&mut self, label: &str, message: String) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.label == label) {
            f.error = Some(message);
        }
    }

    /// Checks a text field against the ledger's own rules, so the message is the one the
    /// ledger would give, shown at the field.
    fn check_text(&mut self, label: &'static str, field: &'static str, max: usize, required: bool) {
        let raw = self.text_of(label).to_string();
        let checked = if required {
            text::required(field, &raw, max)
        } else {
            text::optional(field, &raw, max)
        };
        if let Err(e) = checked {
            self.set_error(label, e.to_string());
        }
    }

    fn check_date(&mut self, label: &'static str) -> Option<NaiveDate> {
        let field = self.fields.iter().find(|f| f.label == label)?;
        match self.date_preview(field)? {
            Ok(day) => Some(day),
            Err(e) => {
                self.set_error(label, e);
                None
            }
        }
    }

    /// Checks every field. With an error, marks the fields and returns `None` (the cursor
    /// moves to the first bad field); otherwise returns the change to save.
    pub fn submit(&mut self, ledger: &Ledger) -> Option<Op> {
        for f in &mut self.fields {
            f.error = None;
        }
        self.error = None;
        let op = match self.kind.clone() {
            FormKind::NewPerson | FormKind::EditPerson(_) => {
                self.check_text("Name", "name", MAX_NAME, true);
                self.check_text("Role", "role", MAX_NAME, false);
                self.check_text("Note", "note", MAX_NOTE, false);
                let (name, role, note) = (
                    self.text_of("Name").to_string(),
                    self.text_of("Role").to_string(),
                    self.text_of("Note").to_string(),
                );
                match self.kind {
                    FormKind::EditPerson(id) => Op::EditPerson(
                        id,
                        PersonEdit {
                            name: Some(name),
                            role: Some(role),
                            note: Some(note),
                        },
                    ),
                    _ => Op::AddPerson { name, role, note },
                }
            }
            FormKind::NewPromise { kept } => {
                self.check_text("What", "what", MAX_WHAT, true);
                let due = self.check_date("Due");
                let person = self.people.get(self.choice_of("Person")).copied();
                if person.is_none() {
                    self.set_error("Person", "add a person first (p)".to_string());
                }
                let new = NewPromise {
                    person: person.unwrap_or_default(),
                    direction: DIRECTIONS[self.choice_of("Who").min(1)],
                    level: Level::ALL[self.choice_of("Rung").min(2)],
                    what: self.text_of("What").to_string(),
                    made: self.today,
                    due,
                };
                Op::AddPromise { new, kept }
            }
            FormKind::EditPromise(id) => {
                self.check_text("What", "what", MAX_WHAT, true);
                self.check_text("Note", "note", MAX_NOTE, false);
                let due = self.check_date("Due");
                let edit = PromiseEdit {
                    what: Some(self.text_of("What").to_string()),
                    level: Some(Level::ALL[self.choice_of("Rung").min(2)]),
                    due: Some(due),
                    direction: Some(DIRECTIONS[self.choice_of("Who").min(1)]),
                    note: Some(self.text_of("Note").to_string()),
                };
                Op::EditPromise(id, edit)
            }
            FormKind::Resolve(id) => {
                self.check_text("Note", "note", MAX_NOTE, false);
                let on = self.check_date("On");
                if on.is_none() && self.text_of("On").trim().is_empty() {
                    self.set_error("On", "the day it was resolved is needed".to_string());
                }
                let made = ledger.promise(id).map(|p| p.made);
                if let (Some(on), Some(made)) = (on, made)
                    && on < made
                {
                    self.set_error("On", format!("is before the promise was made ({made})"));
                }
                let note = self.text_of("Note").to_string();
                Op::Resolve {
                    id,
                    status: OUTCOMES[self.choice_of("Outcome").min(3)],
                    on: on.unwrap_or(self.today),
                    note: Some(note),
                }
            }
        };
        match self.fields.iter().position(|f| f.error.is_some()) {
            Some(bad) => {
                self.focus = bad;
                None
            }
            None => Some(op),
        }
    }
}

fn edit_text(text: &mut String, cursor: &mut usize, code: KeyCode) {
    let len = text.chars().count();
    *cursor = (*cursor).min(len);
    let byte = |s: &str, at: usize| s.char_indices().nth(at).map_or(s.len(), |(i, _)| i);
    match code {
        KeyCode::Char(c) if !c.is_control() => {
            let at = byte(text, *cursor);
            text.insert(at, c);
            *cursor += 1;
        }
        KeyCode::Backspace if *cursor > 0 => {
            let at = byte(text, *cursor - 1);
            text.remove(at);
            *cursor -= 1;
        }
        KeyCode::Delete if *cursor < len => {
            let at = byte(text, *cursor);
            text.remove(at);
        }
        KeyCode::Left => *cursor = cursor.saturating_sub(1),
        KeyCode::Right => *cursor = (*cursor + 1).min(len),
        KeyCode::Home => *cursor = 0,
        KeyCode::End => *cursor = len,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_iso;

    fn today() -> NaiveDate {
        parse_iso("2026-11-24").unwrap()
    }

    fn typed(form: &mut Form, s: &str) {
        for c in s.chars() {
            form.edit(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn text_editing_handles_wide_characters() {
        let (mut text, mut cursor) = (String::new(), 0);
        for c in "王芳x".chars() {
            edit_text(&mut text, &mut cursor, KeyCode::Char(c));
        }
        edit_text(&mut text, &mut cursor, KeyCode::Left);
        edit_text(&mut text, &mut cursor, KeyCode::Backspace);
        assert_eq!((text.as_str(), cursor), ("王x", 1));
        edit_text(&mut text, &mut cursor, KeyCode::Home);
        edit_text(&mut text, &mut cursor, KeyCode::Delete);
        assert_eq!((text.as_str(), cursor), ("x", 0));
    }

    #[test]
    fn a_bad_date_is_refused_at_its_field() {
        let mut l = Ledger::default();
        let p = l.add_person("Priya", "", "", today()).unwrap();
        let mut form = Form::new_promise(&l, Some(p), false, today());
        typed(&mut form, "Send the deck");
        form.focus = 4;
        typed(&mut form, "soon");
        assert_eq!(form.submit(&l), None);
        assert_eq!(form.focus, 4);
        assert_eq!(
            form.fields[4].error.as_deref(),
            Some("'soon' is not a date: try fri, +3d, eow, 2026-12-01")
        );
        form.edit(&KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        for _ in 0..4 {
            form.edit(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        }
        typed(&mut form, "fri");
        let preview = form.date_preview(&form.fields[4]).unwrap();
        assert_eq!(preview, Ok(parse_iso("2026-11-27").unwrap()));
        match form.submit(&l) {
            Some(Op::AddPromise { new, kept: false }) => {
                assert_eq!(new.due, parse_iso("2026-11-27"));
                assert_eq!(new.what, "Send the deck");
                assert_eq!(new.person, p);
            }
            other => panic!("expected a new promise, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_name_is_named() {
        let l = Ledger::default();
        let mut form = Form::person(&l, None, today());
        assert_eq!(form.submit(&l), None);
        assert_eq!(form.fields[0].error.as_deref(), Some("name is empty"));
    }
}
