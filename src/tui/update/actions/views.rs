//! Going from view to view: the next or previous one, opening the person or promise under
//! the cursor, and back, saying where the cursor is when the one left is no longer listed.

use crate::core::Status;
use crate::tui::app::{App, View};
use crate::tui::forms::Form;
use crate::tui::keymap::Action;
use crate::tui::update::input::clear_filter;
use crate::tui::update::refused_as_read_only;

use super::cursor::promise_or_complain;
use super::said::{clears_filter, cursor_on_person, no_one_listed, told_apart};

pub(super) fn switch_view(app: &mut App, forward: bool) {
    let person = app.person_tab();
    let order: Vec<View> = if person.is_some() {
        vec![View::People, View::Person, View::Agenda]
    } else {
        vec![View::People, View::Agenda]
    };
    let at = order.iter().position(|v| *v == app.view).unwrap_or(0);
    let n = order.len();
    let next = order[if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    }];
    app.filtering = false;
    match (next, person) {
        (View::Person, Some(id)) => app.open_person(id, app.view),
        _ => app.show(next),
    }
}

pub(super) fn open(app: &mut App) {
    match app.view {
        View::People => match app.people.current() {
            Some(id) => app.open_person(id, View::People),
            None => {
                let said = no_one_listed(app, "No one to open");
                app.say(said);
            }
        },
        View::Agenda => {
            let Some(id) = app.selected_promise() else {
                if app.filter.is_empty() {
                    let said = crate::tui::views::nothing_open(app);
                    app.say(said);
                } else {
                    app.say_here(format!("Nothing matches the filter{}", clears_filter(app)));
                }
                return;
            };
            if let Some(person) = app.ledger().promise(id).map(|p| p.person) {
                app.open_person(person, View::Agenda);
                app.promises.select(id);
            }
        }
        View::Person => {
            if crate::tui::views::chart_covers_promises(app) {
                promise_or_complain(app);
                return;
            }
            let Some(id) = app.promises.current() else {
                if app.promise_filter.text().is_empty() {
                    let said = crate::tui::views::no_promises_with(app);
                    app.say(said);
                } else {
                    app.say_here(format!(
                        "No promise matches the filter{}",
                        clears_filter(app)
                    ));
                }
                return;
            };
            // A file that may not be written takes no outcome: said now, not after a form.
            if refused_as_read_only(app) {
                return;
            }
            let open = app
                .ledger()
                .promise(id)
                .is_some_and(|p| p.status == Status::Open);
            let form = if open {
                Form::resolve(app.ledger(), id, app.today)
            } else {
                Form::edit_promise(app.ledger(), id, app.today)
            };
            if let Some(form) = form {
                app.open_form(form);
            }
        }
    }
}

pub(super) fn back(app: &mut App) {
    match app.view {
        View::Person if !app.promise_filter.text().is_empty() => clear_filter(app),
        View::Person => {
            app.view = if app.came_from == View::Person {
                View::People
            } else {
                app.came_from
            };
            // Back in the agenda, its own Esc goes to People: back to this page again would
            // go round in a circle.
            if app.view == View::Agenda {
                app.agenda_from = View::People;
            }
            if let Some(id) = app.person {
                app.people.select(id);
                if app.people.current() != Some(id) {
                    app.reselect = Some((id, app.people.current()));
                    if app.view == View::People {
                        say_where_they_went(app, id);
                    }
                }
                if app.view == View::Agenda {
                    say_archived_in_agenda(app, id);
                }
            }
        }
        View::Agenda | View::People if !app.filter.is_empty() => clear_filter(app),
        // Back to the page of the person it was entered from, while they are here.
        View::Agenda => {
            app.view = match app.person.and_then(|id| app.ledger.person(id)) {
                Some(_) if app.agenda_from == View::Person => View::Person,
                _ => View::People,
            };
        }
        // The first view, with no filter: said rather than silent, as a key that cannot act
        // here is, so the key is not taken for unheard.
        View::People => {
            let quits = app.if_bound(Action::Quit, |key| format!(" ({key} quits)"));
            app.say_here(format!(
                "Nothing to go back to, and no filter to clear{quits}."
            ));
        }
    }
}

/// Back on People from the page of someone it does not list (archived elsewhere meanwhile,
/// or hidden by the filter): says so, and where the cursor is, so that the next key is not
/// taken as meant for them.
fn say_where_they_went(app: &mut App, id: crate::core::PersonId) {
    let Some(person) = app.ledger.person(id) else {
        return;
    };
    let name = told_apart(app, person);
    let why = if person.archived && !app.show_archived {
        match app.bound_key(Action::ShowArchived) {
            Some(key) => format!("{name} is archived, so not listed ({key} lists the archived)"),
            None => format!("{name} is archived, so not listed"),
        }
    } else {
        format!("{name} is not listed under the filter")
    };
    app.say_here(format!("{why}{}.", cursor_on_person(app)));
}

/// Back in the agenda from the page of someone archived elsewhere meanwhile: their promises
/// left it without a word, and the cursor moved to another colleague's.
fn say_archived_in_agenda(app: &mut App, id: crate::core::PersonId) {
    let Some(person) = app.ledger.person(id) else {
        return;
    };
    if !person.archived || app.show_archived {
        return;
    }
    let name = told_apart(app, person);
    let shows = app
        .bound_key(Action::ShowArchived)
        .map(|key| format!(" ({key} shows them)"))
        .unwrap_or_default();
    let cursor = app
        .agenda
        .current()
        .map(|(_, promise)| format!("; the cursor is on #{}", promise.0))
        .unwrap_or_default();
    app.say_here(format!(
        "{name} is archived, so their promises are not in the agenda{shows}{cursor}."
    ));
}
