//! What was typed in a form closed with Esc, kept until the same form opens again: a reflexive
//! Esc (as in an editor's insert mode) then loses no typing. Each form keeps its own (by its
//! kind and the record it edits), the last few of them.

use super::forms::{Form, FormKind, Key, Value};
use crate::core::PersonId;
use crate::core::change::Target;

/// A form closed with Esc after something was typed in it. Only what was typed is kept (each
/// field whose value differs from what it held), to be laid over the form as it opens again,
/// with the record's values of then: a save then sets only what was typed, and a field
/// changed elsewhere meanwhile is handled as in any form.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    kind: FormKind,
    /// For a new promise, the person it opened for, by record.
    person: Option<Target<PersonId>>,
    /// The form it was typed in, in words: its title, and whom it was for or about.
    named: String,
    /// Each field typed in: what was typed, and what the field held as it was typed over
    /// (the record's value then), against which a save finds out whether it was changed
    /// elsewhere meanwhile.
    typed: Vec<(Key, Value, Value)>,
}

impl Draft {
    /// What was typed in `form`; `None` where nothing was.
    pub fn of(form: &Form) -> Option<Draft> {
        let typed: Vec<(Key, Value, Value)> = form
            .fields
            .iter()
            .filter(|f| f.value.shown() != f.initial.shown())
            .map(|f| (f.key, f.value.clone(), f.initial.clone()))
            .collect();
        let person = form.opened_for;
        let about = match form.kind {
            FormKind::NewPromise { .. } => opened_for_name(form).map(|p| format!(" for {p}")),
            FormKind::EditPerson(_) => form
                .fields
                .iter()
                .find(|f| f.key == Key::Name)
                .map(|f| format!(" of {}", crate::core::text::sanitize(f.initial.shown()))),
            _ => None,
        };
        (!typed.is_empty()).then(|| Draft {
            kind: form.kind.clone(),
            named: format!("{}{}", form.title, about.unwrap_or_default()),
            person,
            typed,
        })
    }

    /// The form it was typed in, in words ("Edit person of Amara Okafor", "New promise for
    /// Zoë Ng", "Resolve #12").
    pub fn named(&self) -> &str {
        &self.named
    }

    /// What was typed in a new promise for someone deleted elsewhere, kept for the next new
    /// promise of its kind whoever it is for: a form never opens for them again, so kept for
    /// them it would never come back.
    pub fn for_anyone(self) -> Draft {
        Draft {
            person: None,
            ..self
        }
    }

    /// Whether `form`, as it opens, is the one this was typed in: the same kind of form on the
    /// same record (by uid where there is one, as a merge moves numbers), and a new promise for
    /// the same person.
    pub fn fits(&self, form: &Form) -> bool {
        self.fits_as(form, true)
    }

    /// As [`Draft::fits`]; not `strictly`, a new promise's draft kept [`Draft::for_anyone`]
    /// fits every new promise of its kind too.
    fn fits_as(&self, form: &Form, strictly: bool) -> bool {
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
        let same_person = match (self.person, form.opened_for) {
            (Some(a), Some(b)) => a.uid == b.uid && (a.uid.is_some() || a.id == b.id),
            (None, _) if !strictly => matches!(self.kind, FormKind::NewPromise { .. }),
            (a, b) => a.is_none() && b.is_none(),
        };
        same_record && same_person
    }

    /// Lays what was typed over `form`; a choice takes the option of the same words, where it
    /// still has one. A text typed over the form's suggestion (an outcome's `today`) is the
    /// person's own now: the next key edits it, where, shown as a suggestion, the first
    /// character typed replaced it whole. A text keeps what it was typed over as the value
    /// seen, so that one saved elsewhere since is a conflict, shown with both, as in a form
    /// left open, not overwritten unseen.
    pub fn lay_over(&self, form: &mut Form) {
        for (key, typed, seen) in &self.typed {
            let Some(field) = form.fields.iter_mut().find(|f| f.key == *key) else {
                continue;
            };
            match (&mut field.value, typed) {
                (Value::Text(_), Value::Text(_)) => {
                    field.value = typed.clone();
                    field.initial = seen.clone();
                    field.suggested = false;
                }
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

/// How many drafts are kept: a handful, the oldest dropped (and said) for a newer one.
pub const KEPT: usize = 5;

/// The drafts of the forms closed with Esc after typing, one a form, the newest last.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drafts {
    kept: Vec<Draft>,
}

impl Drafts {
    /// Takes out the draft typed in `form` (as it opens), if there is one; else one kept
    /// [`Draft::for_anyone`] that fits it.
    pub fn take(&mut self, form: &Form) -> Option<Draft> {
        let at = (self.kept.iter().position(|d| d.fits(form)))
            .or_else(|| self.kept.iter().position(|d| d.fits_as(form, false)))?;
        Some(self.kept.remove(at))
    }

    /// Keeps `draft`, typed in `form`, in place of one typed in the same form before; where
    /// that makes more than [`KEPT`], the oldest is dropped and returned, to be said.
    pub fn keep(&mut self, form: &Form, draft: Draft) -> Option<Draft> {
        // One kept for anyone takes the place of one kept so before, as one for a person does.
        let for_anyone = |d: &Draft| d.person.is_none() && d.kind == draft.kind;
        self.kept
            .retain(|d| !(d.fits(form) || (draft.person.is_none() && for_anyone(d))));
        self.kept.push(draft);
        (self.kept.len() > KEPT).then(|| self.kept.remove(0))
    }

    /// How many are kept (for the tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The names of the forms whose drafts are kept, the oldest first.
    pub fn named(&self) -> Vec<&str> {
        self.kept.iter().map(Draft::named).collect()
    }
}

/// What a form's fields show, to tell whether one that came back was changed since.
pub fn shown(form: &Form) -> Vec<String> {
    form.fields.iter().map(|f| f.shown().to_string()).collect()
}

/// The name of the person a new promise's form opened for, as its person field offers them
/// now (renamed since, the new name); gone from it, the name the field held as it opened.
fn opened_for_name(form: &Form) -> Option<String> {
    let opened = form.opened_for?;
    let offered = form
        .people
        .iter()
        .position(|t| t.uid == opened.uid)
        .and_then(
            |at| match &form.fields.iter().find(|f| f.key == Key::Person)?.value {
                Value::Choice { options, .. } => options.get(at).cloned(),
                Value::Text(_) => None,
            },
        );
    offered.or_else(|| form.chosen_gone.as_ref().map(|gone| gone.name.clone()))
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

    /// The keys a form's messages name in the default key map, on People.
    fn keys() -> crate::tui::forms::FormKeys {
        let map = crate::tui::keymap::Keymap::default();
        crate::tui::forms::FormKeys::of(&map, crate::tui::keymap::Context::SCREENS[0])
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

    /// A new promise's draft is kept for its person as a record, not by name: renamed since,
    /// or archived while the form was open (its choice falling back to someone else) and
    /// restored, they get it back, where it was lost for their old name or given to whoever
    /// the choice fell back to.
    #[test]
    fn a_new_promise_s_draft_follows_its_person_through_a_rename_and_an_archive() {
        let l = team(&["Priya Raman", "Zoë Ng"]);
        let (priya, zoe) = (l.people[0].id, l.people[1].id);
        let mut form = Form::new_promise(&l, Some(zoe), false, today());
        typed(&mut form, "Send the deck");
        let draft = Draft::of(&form).expect("something typed");
        assert_eq!(draft.named(), "New promise for Zoë Ng");

        let mut renamed = l.clone();
        renamed.people[1].name = "Zoë Ng-Park".to_string();
        let mut again = Form::new_promise(&renamed, Some(zoe), false, today());
        assert!(draft.fits(&again), "renamed, she gets it back");
        assert!(!draft.fits(&Form::new_promise(&renamed, Some(priya), false, today())));
        draft.lay_over(&mut again);
        assert_eq!(again.fields[0].shown(), "Send the deck");

        // Archived while the form is open: the choice falls back to Priya, and Esc keeps the
        // draft for Zoë, named so, not for Priya.
        let mut archived = l.clone();
        archived.people[1].archived = true;
        form.follow(&archived, &keys());
        let draft = Draft::of(&form).expect("something typed");
        assert_eq!(draft.named(), "New promise for Zoë Ng");
        assert!(!draft.fits(&Form::new_promise(&archived, Some(priya), false, today())));
        assert!(draft.fits(&Form::new_promise(&l, Some(zoe), false, today())));
    }

    /// A day typed over the outcome's suggested `today`, kept by Esc, comes back as typed, not
    /// as a suggestion: typing goes on from it, where the first character replaced it whole.
    #[test]
    fn a_day_typed_over_the_suggested_today_comes_back_to_be_edited_not_replaced() {
        let l = team(&["Priya Raman"]);
        let priya = l.people[0].id;
        let mut form = Form::new_promise(&l, Some(priya), true, today());
        let on = form.fields.iter().position(|f| f.key == Key::On).unwrap();
        form.focus = on;
        typed(&mut form, "2026-11-20");
        let draft = Draft::of(&form).expect("a day typed");

        let mut again = Form::new_promise(&l, Some(priya), true, today());
        draft.lay_over(&mut again);
        assert_eq!(again.fields[on].shown(), "2026-11-20");
        assert!(!again.fields[on].suggested, "not shown as a suggestion");
        again.focus = on;
        typed(&mut again, "+1d");
        assert_eq!(again.fields[on].shown(), "2026-11-20+1d");
    }

    /// A text typed in an edit form, kept by Esc, is saved against what it was typed over:
    /// changed elsewhere before the form opens again, the save finds a conflict, as a form
    /// left open does, where it overwrote the other change unseen.
    #[test]
    fn a_draft_is_saved_against_what_it_was_typed_over() {
        let mut l = team(&["Priya Raman"]);
        let id = l
            .add_promise(
                crate::core::change::NewPromise::task(l.people[0].id, "Send the deck", today()),
                today(),
            )
            .unwrap();
        let mut form = Form::edit_promise(&l, id, today()).unwrap();
        typed(&mut form, " now");
        let draft = Draft::of(&form).expect("something typed");

        l.promises[0].what = "Send the slides".to_string();
        let mut again = Form::edit_promise(&l, id, today()).unwrap();
        assert!(draft.fits(&again));
        draft.lay_over(&mut again);
        assert_eq!(again.fields[0].shown(), "Send the deck now");
        match again.submit(&keys()) {
            Some(crate::core::Change::EditPromise { patch, .. }) => assert_eq!(
                patch.what,
                Some(crate::core::change::Set::from(
                    "Send the deck".to_string(),
                    "Send the deck now".to_string()
                )),
                "against what was typed over, not what is in the file now"
            ),
            other => panic!("expected an edit, got {other:?}"),
        }
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

    /// Each form keeps its own draft: a second form's does not replace the first's, the same
    /// form's newer typing replaces its older, and past [`KEPT`] the oldest goes, said by name.
    #[test]
    fn each_form_keeps_its_own_draft_and_the_oldest_goes_past_a_handful() {
        let names = [
            "Ana Sousa",
            "Bo Chen",
            "Priya Raman",
            "Tom Kay",
            "Zoë Ng",
            "Yan Li",
        ];
        let l = team(&names);
        let person = |i: usize| Form::person(&l, Some(l.people[i].id), today());
        let mut drafts = Drafts::default();
        let typed_in = |i: usize, s: &str, drafts: &mut Drafts| {
            let mut form = person(i);
            typed(&mut form, s);
            let draft = Draft::of(&form).unwrap();
            drafts.keep(&form, draft)
        };
        assert_eq!(typed_in(0, " A", &mut drafts), None);
        assert_eq!(typed_in(1, " B", &mut drafts), None);
        assert_eq!(typed_in(0, " AA", &mut drafts), None);
        assert_eq!(drafts.len(), 2, "the same form's typing replaced");
        let mut first = person(0);
        drafts.take(&first).unwrap().lay_over(&mut first);
        assert_eq!(first.fields[0].shown(), "Ana Sousa AA");
        assert_eq!(drafts.take(&person(0)), None, "taken as it opened");
        let mut second = person(1);
        drafts.take(&second).unwrap().lay_over(&mut second);
        assert_eq!(second.fields[0].shown(), "Bo Chen B");
        assert_eq!(drafts.len(), 0);

        for i in 0..KEPT {
            assert_eq!(typed_in(i, " x", &mut drafts), None);
        }
        let dropped = typed_in(KEPT, " x", &mut drafts).expect("one too many");
        assert_eq!(dropped.named(), "Edit person of Ana Sousa");
        assert_eq!(drafts.len(), KEPT);
        assert_eq!(drafts.take(&person(0)), None);
        assert!(drafts.take(&person(KEPT)).is_some());
    }
}
