//! What was typed in a form closed with Esc, kept until the same form opens again: a reflexive
//! Esc (as in an editor's insert mode) then loses no typing.

use super::forms::{Form, FormKind, Key, Value};

/// A form closed with Esc after something was typed in it. Only what was typed is kept (each
/// field whose value differs from what it held), to be laid over the form as it opens again,
/// with the record's values of then: a save then sets only what was typed, and a field
/// changed elsewhere meanwhile is handled as in any form.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    kind: FormKind,
    /// For a new promise, the person it opened for.
    person: Option<String>,
    typed: Vec<(Key, Value)>,
}

impl Draft {
    /// What was typed in `form`; `None` where nothing was.
    pub fn of(form: &Form) -> Option<Draft> {
        let typed: Vec<(Key, Value)> = form
            .fields
            .iter()
            .filter(|f| f.value.shown() != f.initial.shown())
            .map(|f| (f.key, f.value.clone()))
            .collect();
        (!typed.is_empty()).then(|| Draft {
            kind: form.kind.clone(),
            person: opened_for(form),
            typed,
        })
    }

    /// Whether `form`, as it opens, is the one this was typed in: the same kind of form on the
    /// same record (by uid where there is one, as a merge moves numbers), and a new promise for
    /// the same person.
    pub fn fits(&self, form: &Form) -> bool {
        let same_record = match (&self.kind, &form.kind) {
            (FormKind::EditPerson(a), FormKind::EditPerson(b)) => {
                a.uid == b.uid && (a.uid.is_some() || a.id == b.id)
            }
            (FormKind::EditPromise(a), FormKind::EditPromise(b))
            | (FormKind::Resolve(a), FormKind::Resolve(b)) => {
                a.uid == b.uid && (a.uid.is_some() || a.id == b.id)
            }
            (a, b) => a == b,
        };
        same_record && self.person == opened_for(form)
    }

    /// Lays what was typed over `form`; a choice takes the option of the same words, where it
    /// still has one.
    pub fn lay_over(&self, form: &mut Form) {
        for (key, typed) in &self.typed {
            let Some(field) = form.fields.iter_mut().find(|f| f.key == *key) else {
                continue;
            };
            match (&mut field.value, typed) {
                (Value::Text(_), Value::Text(_)) => field.value = typed.clone(),
                (Value::Choice { options, index }, Value::Choice { .. }) => {
                    if let Some(found) = options.iter().position(|o| o == typed.shown()) {
                        *index = found;
                    }
                }
                _ => {}
            }
        }
    }
}

/// What a form's fields show, to tell whether one that came back was changed since.
pub fn shown(form: &Form) -> Vec<String> {
    form.fields.iter().map(|f| f.shown().to_string()).collect()
}

/// The person a new promise's form opened for (its person field as it opened).
fn opened_for(form: &Form) -> Option<String> {
    matches!(form.kind, FormKind::NewPromise { .. })
        .then(|| form.fields.iter().find(|f| f.key == Key::Person))
        .flatten()
        .map(|f| f.initial.shown().to_string())
}
