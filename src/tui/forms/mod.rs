//! The forms: a person, a promise, and the outcome of a promise.
//!
//! A form is plain data: fields with their text or choice (and what they held when the form
//! opened), the field with the cursor, and the errors of the last attempt to save.
//! [`Form::submit`] checks what only the form can check (a date word, a choice) and returns
//! the [`Change`](crate::core::Change) to make; the core checks the rest, so a refusal reads
//! the same as on the command line. An edit form's change sets only the fields the person
//! changed, each with the value they saw, so a form left open while another pane saves never
//! overwrites what it did not touch; a field changed on both sides is shown with both values
//! to choose from.
//!
//! The form and its fields are here; what is done with them has a file each: opening one
//! (`opening`), typing in it (`typing`), saving it (`saving`), and following the file when it
//! changes elsewhere (`elsewhere`).

use chrono::NaiveDate;

use super::editor::LineEditor;
use super::keymap::{Action, Context, Keymap};
use super::paste;
use crate::core::change::Target;
use crate::core::text;
use crate::core::{Direction, Level, PersonId, PromiseId, Status};

mod elsewhere;
mod opening;
mod saving;
mod typing;

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
    /// The file's value of the field, where it was changed elsewhere while the person's edit
    /// held it. Typed back to what it opened with (`Design lead` cut and typed again), the
    /// field reads as unchanged and its change would set nothing (the core takes a value set
    /// to what it was for no change): Enter shows both values instead, as for any field
    /// changed on both sides, where the form closed saying nothing changed, the text it
    /// showed lost under one it never showed.
    pub elsewhere: Option<Value>,
    /// The text is the form's own suggestion (an outcome's `today`), not yet touched: the
    /// first character typed or pasted replaces it, as a selected text's would, so typing
    /// `fri` gives `fri` and not `todayfri`. Any other key keeps it and edits as usual.
    pub suggested: bool,
}

impl Field {
    /// A field for `key` holding `value`, as it opened and as first shown.
    fn holding(key: Key, value: Value) -> Field {
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
            elsewhere: None,
            suggested: false,
        }
    }

    fn text(key: Key, initial: &str) -> Field {
        Field::holding(key, Value::Text(LineEditor::new(initial)))
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
        Field::holding(key, Value::Choice { options, index })
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
    /// Its last save was refused, by its own checks or by the ledger, and a field that
    /// refusal marked is still to fix: only then does a reload say the refusal again ("Not
    /// saved: Name needs fixing"). A field marked by a change elsewhere alone (the person
    /// chosen deleted there) was refused no save.
    pub refused: bool,
    /// On the resolve form, until its outcome is chosen by hand: the outcome follows the day
    /// typed, kept or kept late by the due date as the core reads it ([`Status::kept_by`]),
    /// as `keep --on` records it, so back-dating a delivery to before the due date does not
    /// leave it recorded late.
    pub follows_day: bool,
    /// On the resolve form: the promise's due date as the file has it (moved elsewhere, the
    /// new one), which tells kept from kept late while the outcome follows the day.
    pub due: Option<NaiveDate>,
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

/// What a key did to the focused field of a form ([`Form::edit`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edited {
    /// It edited the text, or changed the choice.
    Done,
    /// Letters that begin no option of the choice: what to say of them.
    NoOption(NoOption),
    /// A key the field does not take (`PgDn`, `F5`): nothing changed.
    NotTaken,
}

/// Why a day cannot be an outcome's ([`Form::outcome_day_refused`]), for the preview under
/// the field to say in its own few words what `Enter` says in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeDay {
    /// After today.
    AfterToday,
    /// Before the promise was made, on this day.
    BeforeMade(NaiveDate),
    /// The promise was made on this day, after the day shown: no day fits.
    MadeLater(NaiveDate),
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

#[cfg(test)]
mod tests;
