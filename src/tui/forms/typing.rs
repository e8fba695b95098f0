//! A form as it is typed in: the keys that edit a field or move between fields, a paste,
//! and a date's preview, kept to the day.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Edited, Field, Form, FormKind, Key, NoOption, OUTCOMES, Value, option_named};
use crate::core::dates::{DateError, parse_due, parse_past_date};
use crate::core::{Status, text};
use crate::tui::paste;

impl Form {
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
    pub(super) fn from_file(kind: &FormKind, key: Key) -> bool {
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
    /// ([`LineEditor::key`](crate::tui::editor::LineEditor::key)); on a choice, arrows and Space change it, and letters typed in a
    /// row jump to the option they begin, the same letter again to the next such option.
    /// Letters that begin no option change nothing, and what the field takes is returned. A
    /// key the field does not take (`PgDn`, `F5`, any key on a choice of nothing, which keeps
    /// what it says of why) changes nothing, not even the errors shown, and says so, that the
    /// form can name the keys it takes.
    pub fn edit(&mut self, key: &KeyEvent) -> Edited {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return Edited::NotTaken;
        };
        let edited = field.key;
        let before = field.value.index();
        let ahead = std::mem::take(&mut self.typed_ahead);
        let mut unmatched = None;
        let taken = match &mut field.value {
            Value::Text(editor) => {
                let typed = matches!(key.code, KeyCode::Char(c) if !c.is_control())
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                // The text suggested (`today`) is selected: the first character typed
                // replaces it, as it replaces a selection.
                if field.suggested && typed {
                    editor.set("");
                }
                editor.key(key)
            }
            Value::Choice { options, .. }
                if options.is_empty()
                    || key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                false
            }
            Value::Choice { options, index } => {
                let n = options.len();
                match key.code {
                    KeyCode::Right | KeyCode::Down => {
                        *index = (*index + 1) % n;
                        true
                    }
                    KeyCode::Left | KeyCode::Up => {
                        *index = (*index + n - 1) % n;
                        true
                    }
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
                        true
                    }
                    _ => false,
                }
            }
        };
        if !taken {
            // Letters typed on a choice before it still make one run with those after it.
            self.typed_ahead = ahead;
            return Edited::NotTaken;
        }
        field.error = None;
        field.suggested = false;
        self.error = None;
        self.refusal_fixed();
        self.ahead_ticks = 0;
        if edited == Key::Person {
            self.chosen_gone = None;
        }
        let chosen = self
            .field(edited)
            .is_some_and(|f| f.value.index() != before);
        if edited == Key::Outcome && chosen {
            self.follows_day = false;
        }
        self.outcome_follows_day();
        match unmatched {
            Some(no) => Edited::NoOption(no),
            None => Edited::Done,
        }
    }

    /// Sets the outcome from the day typed while it follows the day ([`Form::follows_day`]),
    /// by the core's rule of lateness, which the command line records by; a day not yet
    /// readable changes nothing, nor does one no outcome can have (`tomorrow`, a day before
    /// the promise was made), which the preview under it refuses: the outcome said kept late
    /// of a day that is never saved, which read as the form's verdict on it.
    pub(super) fn outcome_follows_day(&mut self) {
        if !self.follows_day {
            return;
        }
        let Some(Some(Ok(on))) = self.field(Key::On).map(|f| self.date_preview(f)) else {
            return;
        };
        if self.outcome_day_refused(on).is_some() {
            return;
        }
        let status = Status::kept_by(self.due, on);
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
                    Key::Outcome => self.follows_day = false,
                    _ => {}
                }
            }
        }
        field.error = None;
        self.error = None;
        self.refusal_fixed();
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
        self.refusal_fixed();
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
}
