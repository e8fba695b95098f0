//! The forms: a person, a promise, and the outcome of a promise.
//!
//! A form is plain data: fields with their text or choice (and what they held when the form
//! opened), the field with the cursor, and the errors of the last attempt to save.
//! [`Form::submit`] checks what only the form can check (a date word, a choice) and returns
//! the [`Change`] to make; the core checks the rest, so a refusal reads the same as on the
//! command line. An edit form's change sets only the fields the person changed, each with the
//! value they saw, so a form left open while another pane saves never overwrites what it did
//! not touch; a field changed on both sides is shown with both values to choose from.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::editor::LineEditor;
use super::keymap::{Action, Context, Keymap};
use super::paste;

use crate::core::change::{
    Conflict, NewPromise, OnConflict, PersonPatch, PromisePatch, Set, Target,
};
use crate::core::dates::{DateError, parse_due, parse_past_date};
use crate::core::text::{self, MAX_NAME, MAX_NOTE, MAX_WHAT};
use crate::core::touch::{cadence_word, parse_cadence};
use crate::core::{
    Change, Direction, Ledger, LedgerError, Level, PersonId, Promise, PromiseId, Status, Uid,
};

/// What the form is for. Edits name their record by uid too, so a form can never save onto
/// another record that took the number over.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    NewPerson,
    EditPerson(Target<PersonId>),
    /// A new promise; `kept` logs it as already kept.
    NewPromise {
        kept: bool,
    },
    EditPromise(Target<PromiseId>),
    Resolve(Target<PromiseId>),
}

/// Which field: forms find their fields by this, never by the words on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Name,
    Role,
    Note,
    What,
    Person,
    /// Whose promise it is: theirs (they promised me) or mine, the word every screen uses.
    Whose,
    Rung,
    Due,
    Outcome,
    On,
    /// The keep-in-touch cadence (`14d`, `2w`, empty for none).
    Every,
}

impl Key {
    /// The label on screen.
    pub fn label(self) -> &'static str {
        match self {
            Key::Name => "Name",
            Key::Role => "Role",
            Key::Note => "Note",
            Key::What => "What",
            Key::Person => "Person",
            Key::Whose => "Whose",
            Key::Rung => "Rung",
            Key::Due => "Due",
            Key::Outcome => "Outcome",
            Key::On => "On",
            Key::Every => "Every",
        }
    }

    /// The field's name in the file, as conflicts name it.
    fn file_name(self) -> &'static str {
        match self {
            Key::Name => "name",
            Key::Role => "role",
            Key::Note => "note",
            Key::What => "what",
            Key::Person => "person",
            Key::Whose => "direction",
            Key::Rung => "level",
            Key::Due => "due",
            Key::Outcome => "outcome",
            Key::On => "resolved",
            Key::Every => "cadence_days",
        }
    }
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Free text, edited as a shell's line editor edits.
    Text(LineEditor),
    /// One of a fixed list.
    Choice { options: Vec<String>, index: usize },
}

impl Value {
    /// The words the field shows: its text, or the option chosen.
    pub fn shown(&self) -> &str {
        match self {
            Value::Text(editor) => editor.text(),
            Value::Choice { options, index } => options.get(*index).map_or("", String::as_str),
        }
    }

    fn index(&self) -> usize {
        match self {
            Value::Choice { index, .. } => *index,
            Value::Text(_) => 0,
        }
    }
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: Key,
    pub label: &'static str,
    pub value: Value,
    /// What the field held when the form opened (or, after a conflict, what it holds in the
    /// file now): an edit sets only the fields that differ from it.
    pub initial: Value,
    /// What the field held when the form opened, whatever was saved elsewhere since: what the
    /// status line compares with to say what a save kept from elsewhere.
    pub first: Value,
    /// A date field: its text is a date word, previewed live.
    pub date: bool,
    /// A date field for a day that has passed: a weekday is the last such day.
    pub past: bool,
    /// Why the last save was refused, shown under the field.
    pub error: Option<String>,
    /// The value saved elsewhere while the form was open, when it differs from this one.
    pub theirs: Option<String>,
    /// The text is the form's own suggestion (an outcome's `today`), not yet touched: the
    /// first character typed or pasted replaces it, as a selected text's would, so typing
    /// `fri` gives `fri` and not `todayfri`. Any other key keeps it and edits as usual.
    pub suggested: bool,
}

impl Field {
    fn text(key: Key, initial: &str) -> Field {
        let value = Value::Text(LineEditor::new(initial));
        Field {
            key,
            label: key.label(),
            initial: value.clone(),
            first: value.clone(),
            value,
            date: false,
            past: false,
            error: None,
            theirs: None,
            suggested: false,
        }
    }

    fn date(key: Key, initial: &str) -> Field {
        Field {
            date: true,
            ..Field::text(key, initial)
        }
    }

    fn past_date(key: Key, initial: &str) -> Field {
        Field {
            past: true,
            ..Field::date(key, initial)
        }
    }

    /// The day of an outcome, suggested as `today` until something is typed over it.
    fn outcome_day() -> Field {
        Field {
            suggested: true,
            ..Field::past_date(Key::On, "today")
        }
    }

    fn choice(key: Key, options: Vec<String>, index: usize) -> Field {
        let index = index.min(options.len().saturating_sub(1));
        let value = Value::Choice { options, index };
        Field {
            key,
            label: key.label(),
            initial: value.clone(),
            first: value.clone(),
            value,
            date: false,
            past: false,
            error: None,
            theirs: None,
            suggested: false,
        }
    }

    /// The text of a text field, or the chosen option.
    pub fn shown(&self) -> &str {
        self.value.shown()
    }
}

/// A form on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    /// What the form acts on, shown after its title (cut to fit): on the resolve form the
    /// promise's text, which none of its fields shows, so that the outcome is given to the
    /// promise meant and not only to a number.
    pub subject: Option<String>,
    pub fields: Vec<Field>,
    /// The field with the cursor.
    pub focus: usize,
    /// The people a promise form can choose from, in the order of its person field.
    pub people: Vec<Target<PersonId>>,
    /// A refusal from the ledger itself (an archived person, say), shown at the bottom.
    pub error: Option<String>,
    /// The day date words are relative to.
    pub today: NaiveDate,
    /// Sent to be saved; keys wait until the outcome is back.
    pub saving: bool,
    /// On the resolve form of a promise with a due date, until its outcome is chosen by hand:
    /// that due date. The outcome then follows the day typed, kept up to it and kept late
    /// after it, as `keep --on` reads the day, so back-dating a delivery to before the due
    /// date does not leave it recorded late.
    pub late_after: Option<NaiveDate>,
    /// On the resolve form: the day the promise was made, before which no outcome can be,
    /// said under the day as it is typed rather than only when Enter is refused. On the edit
    /// form: the same day, before which a due date is kept but said, as the command line
    /// notes it.
    pub made: Option<NaiveDate>,
    /// On a new promise, the person it was for when they were deleted or archived
    /// elsewhere: the choice then shows someone else, and saving is refused until the person
    /// picks whom it is for.
    pub chosen_gone: Option<Gone>,
    /// On a new promise, the person it opened for, by record: a draft kept with Esc comes
    /// back on their form again after they are renamed (here or elsewhere), or archived and
    /// restored, where their name, or whoever the choice fell back to, no longer told it.
    pub opened_for: Option<Target<PersonId>>,
    /// The letters typed in a row on a choice, which pick the option they begin (`wa` for
    /// Wang among a hundred colleagues); any other key, or a pause, starts again.
    pub typed_ahead: String,
    /// The ticks (a second each) since the last letter of `typed_ahead`: at the second, the
    /// run is over, as in a file manager's list.
    pub ahead_ticks: u8,
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

/// The option of a choice that pasted text names, or why none is chosen, for the status
/// line. Compared as a name is looked up ([`text::folded`]: case, accents and spaces aside,
/// `_` as a space, so `kept_late` as the command line writes it names kept late): an option
/// whole, then the name it goes by before its gloss (`task` of `task (tasks)`), then the one
/// option the paste begins (`pri` for Priya Raman).
fn option_named(options: &[String], label: &str, pasted: &str) -> Result<usize, String> {
    let line = paste::one_line(pasted);
    let line = line.trim();
    let wanted = text::folded(&line.replace('_', " "));
    let quoted = text::quoted_back(&text::sanitize(line));
    if wanted.is_empty() {
        return Err("Not pasted: it held no text to choose by.".to_string());
    }
    let folded: Vec<String> = options.iter().map(|o| text::folded(o)).collect();
    let name_of = |option: &str| text::folded(option.split(" (").next().unwrap_or(option));
    let named: Vec<usize> = (0..options.len())
        .filter(|i| name_of(&options[*i]) == wanted)
        .collect();
    let begun: Vec<usize> = (0..options.len())
        .filter(|i| folded[*i].starts_with(&wanted))
        .collect();
    if let Some(whole) = folded.iter().position(|o| *o == wanted) {
        return Ok(whole);
    }
    match (named.as_slice(), begun.as_slice()) {
        ([one], _) | ([], [one]) => Ok(*one),
        // A new promise with no one here yet to make it with.
        ([], []) if options.is_empty() => Err(format!(
            "Not pasted: {label} has nothing to choose from yet."
        )),
        ([], []) => Err(format!(
            "Not pasted: '{quoted}' is not one of the choices for {label} ({}).",
            crate::core::ledger::a_few(&option_names(options), "or")
        )),
        // Two people of one name are told apart by their handles, as the choice shows them.
        ([], many) | (many, _) => Err(format!(
            "Not pasted: '{quoted}' could be {}; paste more of one.",
            crate::core::ledger::a_few(
                &many
                    .iter()
                    .map(|i| options[*i].as_str())
                    .collect::<Vec<_>>(),
                "or"
            )
        )),
    }
}

/// Each option by the name it goes by, but whole where another goes by the same name (two
/// people of one name, told apart by their handles as the choice shows them).
fn option_names(options: &[String]) -> Vec<&str> {
    options
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let name = option.split(" (").next().unwrap_or(option);
            let shared = options
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.split(" (").next() == Some(name));
            if shared { option.as_str() } else { name }
        })
        .collect()
}

/// Letters typed on a choice that begin none of its options: what the status line says of
/// them, and its short form, what the field takes, for a line too narrow for the whole
/// (see [`StatusLine::short`]). Said, as keys that did nothing without a word read as a
/// UI that stopped listening.
///
/// [`StatusLine::short`]: super::app::StatusLine::short
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoOption {
    pub whole: String,
    pub short: String,
}

/// How what [`NoOption`] says begins: what a key that then changes the choice takes back.
pub const NO_OPTION: &str = "No choice begins with";

impl NoOption {
    fn new(label: &str, options: &[String], typed: &str) -> NoOption {
        let short = format!(
            "{label} takes {}.",
            crate::core::ledger::a_few(&option_names(options), "or")
        );
        let typed = text::quoted_back(&text::sanitize(typed));
        NoOption {
            whole: format!("{NO_OPTION} '{typed}': {short}"),
            short,
        }
    }
}

fn direction_index(direction: Direction) -> usize {
    DIRECTIONS.iter().position(|d| *d == direction).unwrap_or(0)
}

fn edit_title(id: PromiseId) -> String {
    format!("Edit promise #{id}")
}

fn resolve_title(id: PromiseId) -> String {
    format!("Resolve #{id}")
}

/// The person a new promise was for, gone from its choice since it opened (see
/// [`Form::chosen_gone`]): their name as the choice showed it, and whether they were archived
/// (rather than deleted), which the field says, as only then can they be brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gone {
    pub name: String,
    pub archived: bool,
}

/// The keys a form's messages name ("Esc closes this form"), as the key map in force has
/// them: a form is checked apart from the app that reads the keys, and a message naming a
/// default key reads wrong once the config rebinds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormKeys {
    /// The first key that saves a form (`Enter`).
    pub save: String,
    /// The first key that closes one (`Esc`).
    pub cancel: String,
    /// The first key that adds a person in the view under the form (`p`), for once it is
    /// closed; `None` where nothing binds one there, and the message then names none.
    pub new_person: Option<String>,
}

impl FormKeys {
    /// The keys of `keys` in a form, and its key that adds a person in the view whose
    /// contexts are `view`. A form always has a key to save and one to cancel (a config that
    /// takes either away is not used), so the action's name stands in for them only in a key
    /// map no config check has seen.
    pub fn of(keys: &Keymap, view: &[Context]) -> FormKeys {
        let in_form = |action: Action| {
            keys.key_of(action, &[Context::Form])
                .unwrap_or_else(|| action.name().to_string())
        };
        FormKeys {
            save: in_form(Action::Save),
            cancel: in_form(Action::Cancel),
            new_person: keys.key_of(Action::NewPerson, view),
        }
    }
}

impl Form {
    fn new(kind: FormKind, title: String, fields: Vec<Field>, today: NaiveDate) -> Form {
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
            late_after: None,
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
        let mut fields = vec![
            Field::text(Key::Name, name),
            Field::text(Key::Role, role),
            Field::text(Key::Note, note),
        ];
        match existing {
            Some(p) => Form::new(
                FormKind::EditPerson(Target::exact(p.id, p.uid)),
                "Edit person".to_string(),
                {
                    // Keeping in touch is set once someone is here to keep in touch with.
                    fields.push(Field::text(Key::Every, &cadence_word(p.cadence_days)));
                    fields
                },
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
        form.late_after = p.due;
        form.made = Some(p.made);
        form.subject = Some(p.what.clone());
        Some(form)
    }

    /// The same form as it would open on `ledger` now: what the fields hold in the file.
    fn reopened(&self, ledger: &Ledger) -> Option<Form> {
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

    /// A second has passed: letters typed on a choice after a pause of one to two seconds
    /// start a new run rather than lengthen the last.
    pub fn tick(&mut self) {
        self.ahead_ticks = self.ahead_ticks.saturating_add(1);
        if self.ahead_ticks >= 2 {
            self.typed_ahead.clear();
        }
    }

    /// The day changed while the form was open (a UI left open past midnight): date words
    /// read by the new day, and a resolve form's outcome, while it follows the day, follows
    /// it too, so `today` after a due date is kept late as it would be typed.
    pub fn new_day(&mut self, today: NaiveDate) {
        self.today = today;
        self.outcome_follows_day();
    }

    /// Whether the field shows what the file holds, and so can be changed elsewhere. A
    /// resolve form's outcome and day are its own suggestion for an open promise: no change
    /// saved elsewhere sets them (one that resolves it makes the form unsavable), and a new
    /// day changes the suggestion, not the file.
    fn from_file(kind: &FormKind, key: Key) -> bool {
        !matches!(kind, FormKind::Resolve(_)) || !matches!(key, Key::Outcome | Key::On)
    }

    /// Moves the cursor to the next field (`forward`) or the previous one, wrapping.
    pub fn move_focus(&mut self, forward: bool) {
        self.typed_ahead.clear();
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// Applies a key that edits the focused field: on text, the line editor's keys
    /// ([`LineEditor::key`]); on a choice, arrows and Space change it, and letters typed in a
    /// row jump to the option they begin, the same letter again to the next such option. A
    /// choice of nothing (no one left to choose) takes no key, and keeps what it says of why.
    /// Letters that begin no option change nothing, and what the field takes is returned.
    pub fn edit(&mut self, key: &KeyEvent) -> Option<NoOption> {
        let field = self.fields.get_mut(self.focus)?;
        if matches!(&field.value, Value::Choice { options, .. } if options.is_empty()) {
            return None;
        }
        field.error = None;
        self.error = None;
        let edited = field.key;
        if edited == Key::Person {
            self.chosen_gone = None;
        }
        let before = field.value.index();
        let ahead = std::mem::take(&mut self.typed_ahead);
        self.ahead_ticks = 0;
        let suggested = std::mem::take(&mut field.suggested);
        let mut unmatched = None;
        match &mut field.value {
            Value::Text(editor) => {
                let typed = matches!(key.code, KeyCode::Char(c) if !c.is_control())
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                if suggested && typed {
                    editor.set("");
                }
                editor.key(key);
            }
            Value::Choice { .. }
                if key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {}
            Value::Choice { options, index } => {
                let n = options.len();
                if n == 0 {
                    return None;
                }
                match key.code {
                    KeyCode::Right | KeyCode::Down => *index = (*index + 1) % n,
                    KeyCode::Left | KeyCode::Up => *index = (*index + n - 1) % n,
                    KeyCode::Char(c) => {
                        let c = if c == ' ' {
                            " ".to_string()
                        } else {
                            text::folded(&c.to_string())
                        };
                        // As typed, else with the marks and blanks left out of both, as
                        // a name is looked up: `seano` for Seán O'Brien, `maryj` for
                        // Mary-Jane Watts.
                        let letters = |t: &str| -> String {
                            t.chars().filter(|c| c.is_alphanumeric()).collect()
                        };
                        let begins = |i: usize, with: &str, marks: bool| {
                            let option = text::folded(&options[i]);
                            if marks {
                                option.starts_with(with)
                            } else {
                                let with = letters(with);
                                !with.is_empty() && letters(&option).starts_with(&with)
                            }
                        };
                        // With the letters before it, from the option shown on; alone, from
                        // the next one, so that one letter again goes round its options.
                        let from = |start: usize, with: &str| {
                            [true, false].into_iter().find_map(|marks| {
                                (0..n)
                                    .map(|i| (start + i) % n)
                                    .find(|i| begins(*i, with, marks))
                            })
                        };
                        let longer = format!("{ahead}{c}");
                        if let Some(found) = from(*index, &longer).filter(|_| !ahead.is_empty()) {
                            *index = found;
                            self.typed_ahead = longer;
                        } else if c == " " {
                            // Space on its own changes the choice, as the arrows do.
                            *index = (*index + 1) % n;
                        } else if let Some(found) = from(*index + 1, &c) {
                            *index = found;
                            self.typed_ahead = c;
                        } else {
                            // Kept as the run, so the message quotes all of it (`zz`).
                            unmatched = Some(NoOption::new(field.label, options, &longer));
                            self.typed_ahead = longer;
                        }
                    }
                    _ => {}
                }
            }
        }
        let chosen = self
            .field(edited)
            .is_some_and(|f| f.value.index() != before);
        if edited == Key::Outcome && chosen {
            self.late_after = None;
        }
        self.outcome_follows_day();
        unmatched
    }

    /// Sets the outcome from the day typed while it follows the day ([`Form::late_after`]):
    /// kept late after the due date, kept up to it; a day not yet readable changes nothing.
    fn outcome_follows_day(&mut self) {
        let Some(due) = self.late_after else {
            return;
        };
        let Some(Some(Ok(on))) = self.field(Key::On).map(|f| self.date_preview(f)) else {
            return;
        };
        let status = if on > due {
            Status::KeptLate
        } else {
            Status::Kept
        };
        let Some(at) = OUTCOMES.iter().position(|s| *s == status) else {
            return;
        };
        if let Some(Field {
            value: Value::Choice { index, .. },
            ..
        }) = self.fields.iter_mut().find(|f| f.key == Key::Outcome)
        {
            *index = at;
        }
    }

    /// Puts pasted text into the focused field: into a text field at its cursor, on one line
    /// (every field is one line); on a choice, the option it names ([`option_named`]), as
    /// typing its letters would pick it. A paste on a choice that names none is refused, and
    /// why is returned for the status line: dropped without a word, it looked as if the
    /// paste never came.
    pub fn paste(&mut self, pasted: &str) -> Option<String> {
        let field = self.fields.get_mut(self.focus)?;
        match &mut field.value {
            Value::Text(editor) => {
                if std::mem::take(&mut field.suggested) {
                    editor.set("");
                }
                editor.insert(&paste::one_line(pasted));
            }
            Value::Choice { options, index } => {
                match option_named(options, field.label, pasted) {
                    Ok(at) => *index = at,
                    Err(why) => return Some(why),
                }
                self.typed_ahead.clear();
                // Chosen by hand, as a key chooses: the person is no longer one gone, and
                // the outcome no longer follows the day.
                match field.key {
                    Key::Person => self.chosen_gone = None,
                    Key::Outcome => self.late_after = None,
                    _ => {}
                }
            }
        }
        field.error = None;
        self.error = None;
        self.outcome_follows_day();
        None
    }

    /// Replaces the text of the text field `key` (the cursor at its end); false when the form
    /// has no such text field.
    pub fn set_text(&mut self, key: Key, text: &str) -> bool {
        let Some(field) = self.fields.iter_mut().find(|f| f.key == key) else {
            return false;
        };
        let Value::Text(editor) = &mut field.value else {
            return false;
        };
        field.suggested = false;
        editor.set(text);
        field.error = None;
        self.error = None;
        self.outcome_follows_day();
        true
    }

    /// The live reading of a date field: the date it means, or why it means none. An empty
    /// field, or a word for no date (`none`, `later`, `someday`) in a due field, means no date.
    pub fn date_preview(&self, field: &Field) -> Option<Result<NaiveDate, DateError>> {
        let word = field.shown().trim();
        if !field.date || word.is_empty() {
            return None;
        }
        let read = if field.past {
            parse_past_date(word, self.today).map(Some)
        } else {
            parse_due(word, self.today)
        };
        read.transpose()
    }

    fn field(&self, key: Key) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    fn text_of(&self, key: Key) -> String {
        self.field(key)
            .map_or(String::new(), |f| f.shown().to_string())
    }

    fn choice_of(&self, key: Key) -> usize {
        self.field(key).map_or(0, |f| f.value.index())
    }

    fn set_error(&mut self, key: Key, message: String) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.error = Some(message);
        }
    }

    /// Reads a date field: the day, `None` for no date, or an error marked at the field.
    fn check_date(&mut self, key: Key) -> Result<Option<NaiveDate>, ()> {
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

    /// A `Set` for a field the person changed: what it held when the form opened, and what it
    /// holds now, read the same way; `None` for a field that reads as it did (`none` in a due
    /// field that had no date, say).
    fn set_of<T: PartialEq>(&self, key: Key, read: impl Fn(&Value) -> T) -> Option<Set<T>> {
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
        let change = match self.kind.clone() {
            FormKind::NewPerson => Some(Change::AddPerson {
                name: self.text_of(Key::Name),
                role: self.text_of(Key::Role),
                note: self.text_of(Key::Note),
                again: false,
            }),
            FormKind::EditPerson(person) => {
                let text = |v: &Value| v.shown().to_string();
                let every = self.field(Key::Every).map(|f| parse_cadence(f.shown()));
                if let Some(Err(e)) = every {
                    self.set_error(Key::Every, e.to_string());
                }
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
                None
            }
            None => change,
        }
    }

    /// Marks an outcome's day the core would refuse (after today, or before the promise was
    /// made) in the core's words, as the command line says it, so the first Enter names it
    /// with every other field at fault rather than only once the rest is right.
    fn check_outcome_day(&mut self, on: NaiveDate) {
        // The promise a log makes is made that day; one being resolved, when it was.
        let (id, made) = match &self.kind {
            FormKind::Resolve(t) => (t.id, self.made.unwrap_or(on)),
            _ => (PromiseId(0), on),
        };
        if let Err(e) = crate::core::change::check_outcome_day(id, on, made, self.today) {
            let resolving = matches!(self.kind, FormKind::Resolve(_));
            let said = if resolving && made > self.today {
                crate::tui::words::made_after_the_day_shown(id, Some(on), made, self.today)
            } else {
                e.to_string()
            };
            self.set_error(Key::On, said);
        }
    }

    /// Marks each text field the core's rules refuse (an empty What, a name too long), where
    /// no other error is shown on it.
    fn check_texts(&mut self) {
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

    /// Follows a change saved elsewhere: every field the person has not edited shows what the
    /// file holds now; an edited field keeps the person's value and what they saw before, so
    /// saving it still finds out whether it was changed on both sides. `keys` are the keys
    /// its messages name.
    pub fn follow(&mut self, now: &Ledger, keys: &FormKeys) {
        if let FormKind::NewPromise { kept } = self.kind {
            self.follow_people(now, kept, keys);
            return;
        }
        let Some(fresh) = self.reopened(now) else {
            return;
        };
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
            if field.value.shown() != field.initial.shown()
                || field.theirs.is_some()
                || !Form::from_file(&self.kind, field.key)
            {
                continue;
            }
            if let Some(new) = fresh.field(field.key) {
                field.value = new.value.clone();
                field.initial = new.initial.clone();
            }
        }
        // A resolve form's outcome, while it follows the day (none chosen by hand), follows
        // a due date moved elsewhere too: kept late or kept by the new one, for the day
        // typed. Not said as a change from elsewhere: it is the form's own suggestion.
        if matches!(self.kind, FormKind::Resolve(_)) && self.late_after.is_some() {
            if let (Some(Field { value, .. }), Some(new)) = (
                self.fields.iter_mut().find(|f| f.key == Key::Outcome),
                fresh.field(Key::Outcome),
            ) {
                *value = new.value.clone();
            }
            self.late_after = fresh.late_after;
            self.outcome_follows_day();
        }
    }

    /// A new promise's choice of person follows the people saved elsewhere: one added is
    /// offered, one renamed shows the new name, and the one chosen stays chosen by uid. When
    /// the one chosen was deleted or archived meanwhile, the field says so, rather than a
    /// save being refused for someone the form still shows.
    fn follow_people(&mut self, now: &Ledger, kept: bool, keys: &FormKeys) {
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
    fn person_gone_error(&mut self, keys: &FormKeys) {
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
    fn conflicts(&mut self, conflicts: &[Conflict], now: &Ledger, keys: &FormKeys) {
        self.follow(now, keys);
        let fresh = self.reopened(now);
        for field in &mut self.fields {
            let Some(conflict) = conflicts.iter().find(|c| c.field == field.key.file_name()) else {
                continue;
            };
            field.theirs = Some(conflict.theirs.clone());
            if let Some(initial) = fresh
                .as_ref()
                .and_then(|f| f.field(field.key))
                .map(|f| f.initial.clone())
            {
                field.initial = initial;
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_iso;

    fn today() -> NaiveDate {
        parse_iso("2026-11-24").unwrap()
    }

    /// The keys a form's messages name in the default key map, on People.
    fn keys() -> FormKeys {
        FormKeys::of(&Keymap::default(), Context::SCREENS[0])
    }

    fn typed(form: &mut Form, s: &str) {
        for c in s.chars() {
            form.edit(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    /// Archived elsewhere with no one else to choose, the person field says to restore them,
    /// not to choose whom it is for among no one.
    #[test]
    fn archived_with_no_one_else_says_only_to_restore_them() {
        let mut l = Ledger::default();
        let priya = l.add_person("Priya", "", "", today()).unwrap();
        let mut archived = l.clone();
        archived.people[0].archived = true;
        let mut form = Form::new_promise(&l, Some(priya), false, today());
        form.follow(&archived, &keys());
        assert_eq!(
            form.field(Key::Person).unwrap().error.as_deref(),
            Some(
                "Priya was archived elsewhere and no one else is here: restore them on People \
                 (closed, the form keeps this for them)"
            )
        );
    }

    /// With no one left to choose, the person field names the keys in force to close the
    /// form and add a person, and none where nothing binds one; a form logging a kept
    /// promise names its own kind.
    #[test]
    fn no_one_left_to_choose_names_the_keys_in_force() {
        let mut l = Ledger::default();
        let priya = l.add_person("Priya", "", "", today()).unwrap();
        let nobody = Ledger::default();
        let rebound = FormKeys {
            save: "F3".to_string(),
            cancel: "F2".to_string(),
            new_person: Some("P".to_string()),
        };
        let mut form = Form::new_promise(&l, Some(priya), false, today());
        form.follow(&nobody, &rebound);
        assert_eq!(
            form.field(Key::Person).unwrap().error.as_deref(),
            Some(
                "Priya was deleted elsewhere and no one is left: F2 closes this form, keeping \
                 what you typed for the next new promise, then P adds a person"
            )
        );
        let unbound = FormKeys {
            new_person: None,
            ..rebound
        };
        let mut form = Form::new_promise(&l, Some(priya), true, today());
        form.follow(&nobody, &unbound);
        assert_eq!(
            form.field(Key::Person).unwrap().error.as_deref(),
            Some(
                "Priya was deleted elsewhere and no one is left: F2 closes this form, keeping \
                 what you typed for the next promise logged as kept"
            )
        );
    }

    #[test]
    fn a_paste_goes_into_the_focused_text_field_on_one_line() {
        let l = Ledger::default();
        let mut form = Form::person(&l, None, today());
        typed(&mut form, "Pr");
        form.paste("iya\r\nRaman\tx\u{1b}\u{7}y\nb");
        assert_eq!(form.fields[0].shown(), "Priya Raman xy b");
        // A CR LF a terminal sent as two CRs, and a blank line, are one break: one space.
        form.paste(" c\r\rd\n\n\ne");
        assert_eq!(form.fields[0].shown(), "Priya Raman xy b c d e");
        form.edit(&KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
        form.paste("Dr ");
        assert_eq!(form.fields[0].shown(), "Dr Priya Raman xy b c d e");
        assert_eq!(form.focus, 0, "the paste moved no focus");
    }

    /// A paste on a choice picks the option it names, whole, by the name before its gloss,
    /// or by the start of one option; one that names none, or more than one, is refused
    /// saying why, the choice as it was (it was dropped without a word).
    #[test]
    fn a_paste_on_a_choice_picks_the_option_it_names_or_says_why_not() {
        let mut l = Ledger::default();
        for name in ["Priya Raman", "Chen Li", "Chen Wu"] {
            l.add_person(name, "", "", today()).unwrap();
        }
        let mut form = Form::new_promise(&l, None, false, today());
        let at = |form: &Form, key: Key| form.fields.iter().position(|f| f.key == key).unwrap();
        form.focus = at(&form, Key::Rung);
        assert_eq!(form.paste("result\n"), None);
        assert_eq!(form.field(Key::Rung).unwrap().shown(), "result (results)");
        assert_eq!(form.paste("Impact (ongoing impact)"), None);
        assert_eq!(form.choice_of(Key::Rung), 2);
        assert_eq!(
            form.paste("urgent"),
            Some(
                "Not pasted: 'urgent' is not one of the choices for Rung (task, result or impact)."
                    .to_string()
            )
        );
        assert_eq!(form.choice_of(Key::Rung), 2, "the choice as it was");
        assert_eq!(
            form.paste(" \n"),
            Some("Not pasted: it held no text to choose by.".to_string())
        );
        form.focus = at(&form, Key::Whose);
        assert_eq!(form.paste("MINE"), None);
        assert_eq!(form.choice_of(Key::Whose), 1);
        form.focus = at(&form, Key::Person);
        assert_eq!(form.paste("pri"), None);
        assert_eq!(form.field(Key::Person).unwrap().shown(), "Priya Raman");
        assert_eq!(
            form.paste("chen"),
            Some("Not pasted: 'chen' could be Chen Li or Chen Wu; paste more of one.".to_string())
        );
        assert_eq!(form.paste("chen wu"), None);
        assert_eq!(form.field(Key::Person).unwrap().shown(), "Chen Wu");

        // Two people of one name are listed told apart, as the choice shows them, where the
        // list said `Zed, Zed`.
        let mut twins = Ledger::default();
        twins.add_person("Zed", "", "", today()).unwrap();
        let again = twins.add_person("Zed", "", "", today()).unwrap();
        assert_ne!(twins.person(again).unwrap().handle, "zed");
        let mut form = Form::new_promise(&twins, None, false, today());
        form.focus = at(&form, Key::Person);
        assert_eq!(
            form.paste("nobody"),
            Some(
                "Not pasted: 'nobody' is not one of the choices for Person (Zed (zed) or Zed \
                 (zed-2))."
                    .to_string()
            )
        );

        // With no one to choose, nothing to list.
        let mut alone = Form::new_promise(&Ledger::default(), None, false, today());
        alone.focus = at(&alone, Key::Person);
        assert_eq!(
            alone.paste("Priya"),
            Some("Not pasted: Person has nothing to choose from yet.".to_string())
        );

        // An outcome chosen by a paste is chosen by hand: it no longer follows the day.
        let mut form = resolving_one_due_friday();
        form.focus = 0;
        assert_eq!(form.paste("kept_late"), None);
        assert_eq!(form.fields[0].shown(), "kept late");
        form.focus = 1;
        typed(&mut form, "thu");
        assert_eq!(outcome(&mut form), Status::KeptLate);
    }

    #[test]
    fn the_choice_of_person_is_in_the_people_view_s_order_by_name() {
        let mut l = Ledger::default();
        for name in ["Zoë Ng", "王芳", "chen li", "José Álvarez", "Priya"] {
            l.add_person(name, "", "", today()).unwrap();
        }
        let chen = l.people[2].id;
        let mut form = Form::new_promise(&l, Some(chen), false, today());
        let Some(Value::Choice { options, index }) =
            form.field(Key::Person).map(|f| f.value.clone())
        else {
            panic!("a choice of person")
        };
        assert_eq!(
            options,
            ["chen li", "José Álvarez", "Priya", "Zoë Ng", "王芳"]
        );
        assert_eq!(index, 0, "the person it was opened on");
        typed(&mut form, "Send the deck");
        match form.submit(&keys()) {
            Some(Change::AddPromise(new)) => assert_eq!(new.person.id, chen),
            other => panic!("expected a new promise, got {other:?}"),
        }
    }

    #[test]
    fn letters_typed_in_a_row_pick_the_person_they_begin() {
        let mut l = Ledger::default();
        for name in [
            "Wang Fang",
            "Anna Fang",
            "Walter White",
            "Zoë Adeyemi",
            "Zoë Berg",
            "Sean Murphy",
            "Seán O'Brien",
        ] {
            l.add_person(name, "", "", today()).unwrap();
        }
        let mut form = Form::new_promise(&l, None, false, today());
        form.focus = form
            .fields
            .iter()
            .position(|f| f.key == Key::Person)
            .unwrap();
        let chosen = |form: &Form| form.field(Key::Person).unwrap().shown().to_string();
        typed(&mut form, "wan");
        assert_eq!(chosen(&form), "Wang Fang");
        form.edit(&KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        typed(&mut form, "wal");
        assert_eq!(chosen(&form), "Walter White", "another key starts again");
        // One letter again goes round the options it begins, accents as typed or not.
        typed(&mut form, "z");
        assert_eq!(chosen(&form), "Zoë Adeyemi");
        typed(&mut form, "z");
        assert_eq!(chosen(&form), "Zoë Berg");
        typed(&mut form, "zoe a");
        assert_eq!(chosen(&form), "Zoë Adeyemi");
        typed(&mut form, "zoë b");
        assert_eq!(
            chosen(&form),
            "Zoë Berg",
            "a space within the letters is one of them"
        );
        form.edit(&KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        typed(&mut form, " ");
        assert_eq!(chosen(&form), "Zoë Berg", "Space alone changes the choice");
        typed(&mut form, "q");
        assert_eq!(
            chosen(&form),
            "Zoë Berg",
            "a letter that begins nothing changes nothing"
        );
        // Marks and blanks left out where nothing begins as typed, as a name is looked up.
        typed(&mut form, "zoeb");
        assert_eq!(chosen(&form), "Zoë Berg", "without the blank");
        form.edit(&KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        typed(&mut form, "seano");
        assert_eq!(
            chosen(&form),
            "Seán O'Brien",
            "without the blank and the mark"
        );
        // After a pause, a letter starts a new run: `w` then, two seconds on, `a` is Anna,
        // not `wa`.
        typed(&mut form, "w");
        assert_eq!(chosen(&form), "Walter White");
        form.tick();
        form.tick();
        typed(&mut form, "a");
        assert_eq!(chosen(&form), "Anna Fang");
    }

    #[test]
    fn a_bad_date_is_refused_at_its_field() {
        let mut l = Ledger::default();
        let p = l.add_person("Priya", "", "", today()).unwrap();
        let mut form = Form::new_promise(&l, Some(p), false, today());
        typed(&mut form, "Send the deck");
        form.focus = 4;
        typed(&mut form, "soon");
        assert_eq!(form.submit(&keys()), None);
        assert_eq!(form.focus, 4);
        assert_eq!(
            form.fields[4].error.as_deref(),
            Some(
                "'soon' is not a date: try fri, +3d, eow or 2026-12-01 (`trustladder dates` lists them all)"
            )
        );
        form.edit(&KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        for _ in 0..4 {
            form.edit(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        }
        typed(&mut form, "fri");
        let preview = form.date_preview(&form.fields[4]).unwrap();
        assert_eq!(preview, Ok(parse_iso("2026-11-27").unwrap()));
        match form.submit(&keys()) {
            Some(Change::AddPromise(new)) => {
                assert_eq!(new.due, parse_iso("2026-11-27"));
                assert_eq!(new.what, "Send the deck");
                assert_eq!(new.person.id, p);
                assert_eq!(new.outcome, None);
            }
            other => panic!("expected a new promise, got {other:?}"),
        }
    }

    /// A form that cannot be sent for one fault shows every other at once: an empty What
    /// beside a bad Due, not after the Due is put right.
    #[test]
    fn every_fault_is_shown_at_once() {
        let mut l = Ledger::default();
        let p = l.add_person("Priya", "", "", today()).unwrap();
        let mut form = Form::new_promise(&l, Some(p), false, today());
        form.focus = 4;
        typed(&mut form, "soon");
        assert_eq!(form.submit(&keys()), None);
        let what = form.fields.iter().position(|f| f.key == Key::What).unwrap();
        assert_eq!(
            form.fields[what].error.as_deref(),
            Some("what is empty; say what was promised, as in: send the Q3 deck by Friday")
        );
        assert!(form.fields[4].error.is_some());
        assert_eq!(form.focus, what.min(4), "the first fault has the focus");
    }

    #[test]
    fn a_date_past_9999_is_refused_at_its_field_naming_the_range() {
        let last = parse_iso("9999-12-31").unwrap();
        let mut l = Ledger::default();
        let p = l.add_person("Priya", "", "", last).unwrap();
        let mut form = Form::new_promise(&l, Some(p), false, last);
        typed(&mut form, "Ship it");
        form.focus = 4;
        typed(&mut form, "tomorrow");
        assert_eq!(form.submit(&keys()), None);
        assert_eq!(
            form.fields[4].error.as_deref(),
            Some(
                "'tomorrow' (+10000-01-01) is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)"
            )
        );
    }

    #[test]
    fn an_edit_sets_only_the_fields_changed_with_the_values_seen() {
        let mut l = Ledger::default();
        let p = l.add_person("Priya", "", "", today()).unwrap();
        let id = l
            .add_promise(NewPromise::task(p, "Send the deck", today()), today())
            .unwrap();
        let mut form = Form::edit_promise(&l, id, today()).unwrap();
        typed(&mut form, " now");
        form.focus = 3;
        typed(&mut form, "none");
        match form.submit(&keys()) {
            Some(Change::EditPromise { patch, .. }) => assert_eq!(
                patch,
                PromisePatch {
                    what: Some(Set::from(
                        "Send the deck".to_string(),
                        "Send the deck now".to_string()
                    )),
                    ..PromisePatch::default()
                },
                "`none` is the empty due date it already had"
            ),
            other => panic!("expected an edit, got {other:?}"),
        }
    }

    /// A resolve form on a promise due last Friday, with the cursor in its day field cleared.
    fn resolving_one_due_friday() -> Form {
        let mut l = Ledger::default();
        let p = l.add_person("Priya", "", "", today()).unwrap();
        let new = NewPromise {
            due: parse_iso("2026-11-20"),
            ..NewPromise::task(p, "Send the deck", parse_iso("2026-11-10").unwrap())
        };
        let id = l.add_promise(new, today()).unwrap();
        let mut form = Form::resolve(&l, id, today()).unwrap();
        form.focus = 1;
        form.edit(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        form
    }

    fn outcome(form: &mut Form) -> Status {
        match form.submit(&keys()) {
            Some(Change::Resolve { status, .. }) => status,
            other => panic!("expected an outcome, got {other:?}"),
        }
    }

    #[test]
    fn the_outcome_follows_the_day_typed_until_it_is_chosen() {
        let mut form = resolving_one_due_friday();
        typed(&mut form, "thu");
        assert_eq!(
            form.fields[0].shown(),
            "kept",
            "Thursday is before the due date"
        );
        assert_eq!(outcome(&mut form), Status::Kept);
        form.edit(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        typed(&mut form, "mon");
        assert_eq!(form.fields[0].shown(), "kept late", "Monday is after it");
        form.edit(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        form.paste("2026-11-20");
        assert_eq!(form.fields[0].shown(), "kept", "on the due date is on time");

        // Chosen by hand, the outcome stays whatever day is typed.
        form.focus = 0;
        form.edit(&KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(form.fields[0].shown(), "kept late");
        form.focus = 1;
        form.edit(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        typed(&mut form, "thu");
        assert_eq!(outcome(&mut form), Status::KeptLate);
    }

    #[test]
    fn a_broken_outcome_is_not_turned_into_kept_by_the_day() {
        let mut form = resolving_one_due_friday();
        form.focus = 0;
        typed(&mut form, "b");
        assert_eq!(form.fields[0].shown(), "broken");
        form.focus = 1;
        typed(&mut form, "thu");
        assert_eq!(outcome(&mut form), Status::Broken);
    }

    #[test]
    fn an_empty_name_is_named_at_its_field_and_so_is_a_refusal_of_the_core() {
        let l = Ledger::default();
        let mut form = Form::person(&l, None, today());
        assert_eq!(form.submit(&keys()), None, "nothing is sent");
        let empty = "name is empty; give the colleague's name, as in: Priya Raman";
        assert_eq!(form.fields[0].error.as_deref(), Some(empty));
        form.fields[0].error = None;
        let refusal = LedgerError::Text(text::TextError::Empty { field: "name" });
        form.refused(Some(&refusal), &refusal.to_string(), &l, &keys());
        assert_eq!(form.fields[0].error.as_deref(), Some(empty));
        assert_eq!(form.focus, 0);
    }
}
