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

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::crossterm;

    use super::*;
    use crate::core::Ledger;
    use crate::core::dates::parse_iso;

    fn today() -> chrono::NaiveDate {
        parse_iso("2026-11-24").unwrap()
    }

    fn typed(form: &mut Form, s: &str) {
        for c in s.chars() {
            form.edit(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    fn team(names: &[&str]) -> Ledger {
        let mut l = Ledger::default();
        for name in names {
            l.add_person(name, "", "", today()).unwrap();
        }
        l
    }

    /// A new promise's draft comes back for the person it was typed for, with the choice of
    /// people grown meanwhile, and not for another person; nothing typed keeps nothing.
    #[test]
    fn a_new_promise_s_draft_fits_its_person_and_lays_over_a_longer_choice() {
        let l = team(&["Priya Raman", "Zoë Ng"]);
        let (priya, zoe) = (l.people[0].id, l.people[1].id);
        let mut form = Form::new_promise(&l, Some(zoe), false, today());
        assert_eq!(Draft::of(&form), None);
        typed(&mut form, "Send the deck");
        let draft = Draft::of(&form).expect("something typed");

        let grown = team(&["Priya Raman", "Zoë Ng", "Ana Sousa"]);
        let mut again = Form::new_promise(&grown, Some(zoe), false, today());
        assert!(draft.fits(&again));
        assert!(!draft.fits(&Form::new_promise(&grown, Some(priya), false, today())));
        assert!(!draft.fits(&Form::new_promise(&grown, Some(zoe), true, today())));
        draft.lay_over(&mut again);
        assert_eq!(again.fields[0].shown(), "Send the deck");
        let person = again.fields.iter().find(|f| f.key == Key::Person).unwrap();
        assert_eq!(person.shown(), "Zoë Ng", "the person kept by name");
        assert_eq!(shown(&again)[0], "Send the deck");
    }

    /// A person's draft fits the form of the same person, and no other person's, nor a new
    /// person's.
    #[test]
    fn a_person_s_draft_fits_their_form_alone() {
        let l = team(&["Priya Raman", "Zoë Ng"]);
        let mut form = Form::person(&l, Some(l.people[1].id), today());
        typed(&mut form, " Jr");
        let draft = Draft::of(&form).expect("something typed");
        assert!(draft.fits(&Form::person(&l, Some(l.people[1].id), today())));
        assert!(!draft.fits(&Form::person(&l, Some(l.people[0].id), today())));
        assert!(!draft.fits(&Form::person(&l, None, today())));
    }
}
