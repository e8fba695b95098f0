//! The forms the edit and new-promise keys open, or why none opens.

use crate::core::text::sanitize;
use crate::tui::app::{App, View};
use crate::tui::forms::Form;
use crate::tui::keymap::Action;

use super::cursor::promise_or_complain;
use super::said::{clears_filter, no_one_listed, restores};

pub(super) fn edit(app: &mut App) {
    match app.view {
        View::People => match app.people.current() {
            Some(id) => {
                app.open_form(Form::person(app.ledger(), Some(id), app.today));
            }
            None => {
                let said = no_one_listed(app, "No one to edit");
                app.say(said);
            }
        },
        View::Person | View::Agenda => {
            if let Some(id) = promise_or_complain(app)
                && let Some(form) = Form::edit_promise(app.ledger(), id, app.today)
            {
                app.open_form(form);
            }
        }
    }
}

pub(super) fn new_promise(app: &mut App, kept: bool) {
    let ledger = app.ledger();
    let person = app.selected_person();
    // No one to make a promise with. Everyone archived is not no one: the archived person
    // selected is said as such below, and elsewhere the key that lists them is the remedy.
    if !ledger.people.iter().any(|p| !p.archived)
        && !person
            .and_then(|id| ledger.person(id))
            .is_some_and(|p| p.archived)
    {
        let said = if ledger.people.is_empty() {
            match app.bound_key(Action::NewPerson) {
                Some(add) => format!("Add a person first: {add}."),
                None => "Add a person first.".to_string(),
            }
        } else {
            let show = app.if_bound(Action::ShowArchived, |k| format!(": {k} shows them"));
            format!("Everyone here is archived{show}.")
        };
        app.complain(said);
        return;
    }
    // A filter that hides everyone (in the agenda, every promise): the form would name
    // someone it hides.
    if person.is_none() && !app.filter.is_empty() {
        match app.view {
            View::People => {
                let said = no_one_listed(app, "No one here yet");
                app.say_here(said);
                return;
            }
            View::Agenda => {
                app.say_here(format!("Nothing matches the filter{}", clears_filter(app)));
                return;
            }
            View::Person => {}
        }
    }
    if let Some(p) = person.and_then(|id| ledger.person(id))
        && p.archived
    {
        let name = sanitize(&p.name);
        let restore = restores(app, "them first");
        app.complain(format!("{name} is archived: {restore}."));
        return;
    }
    app.open_form(Form::new_promise(ledger, person, kept, app.today));
}
