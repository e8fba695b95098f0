//! Deleting a person or a promise (a question first, which for a person offers to archive
//! instead), and archiving or restoring a person.

use crate::core::change::{OnConflict, PersonPatch, Set, Target};
use crate::core::{Change, Person};
use crate::tui::app::{App, Confirm, Popup, View};
use crate::tui::message::{Effect, Purpose};
use crate::tui::update::saved::send;

use super::cursor::promise_or_complain;
use super::said::{no_one_listed, told_apart};

pub(super) fn delete(app: &mut App) {
    if crate::tui::views::chart_covers_promises(app) {
        promise_or_complain(app);
        return;
    }
    let ledger = app.ledger();
    let confirm = match app.view {
        View::People => app.people.current().and_then(|id| {
            let p = ledger.person(id)?;
            let count = app.cache.by_person.get(&id).map_or(0, Vec::len);
            let with = match count {
                0 => String::new(),
                1 => " and their 1 promise".to_string(),
                n => format!(" and their {n} promises"),
            };
            Some(Confirm {
                title: "Delete?",
                yes: "delete",
                no: "keep",
                question: format!("Delete {}{with}?", told_apart(app, p)),
                change: Change::DeletePerson {
                    person: Target::exact(id, p.uid),
                    force: true,
                    promises: Some(count),
                },
                instead: (!p.archived).then(|| archive_change(p)),
                form: None,
            })
        }),
        View::Person | View::Agenda => app.selected_promise().and_then(|id| {
            let p = ledger.promise(id)?;
            Some(Confirm {
                title: "Delete?",
                yes: "delete",
                no: "keep",
                question: crate::tui::update::follow::delete_question(id, &p.what),
                change: Change::DeletePromise {
                    promise: Target::exact(id, p.uid),
                    seen: Some(Box::new(p.clone())),
                },
                instead: None,
                form: None,
            })
        }),
    };
    match confirm {
        Some(c) => app.popup = Some(Popup::Confirm(Box::new(c))),
        // Said as Enter and `e` say it on the same empty list: why, and what brings someone.
        None if app.view == View::People => {
            let said = no_one_listed(app, "No one to delete");
            app.say(said);
        }
        // No promise listed (or a filter leaving none): said as the other keys on a promise
        // say it there.
        None => {
            if promise_or_complain(app).is_some() {
                app.say("Nothing selected to delete.");
            }
        }
    }
}

pub(super) fn archive(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(person) = app.selected_person().and_then(|id| app.ledger.person(id)) else {
        // An empty people list (no one yet, a filter matching no one, everyone archived and
        // hidden): said as Enter and `e` say it there.
        if app.view == View::People {
            let said = no_one_listed(app, "No one to archive");
            app.say(said);
        } else {
            app.say("No person selected.");
        }
        return;
    };
    let archived = person.archived;
    let change = archive_change(person);
    send(app, change, Purpose::Change, fx);
    if !archived && app.view == View::Person && !app.show_archived {
        app.view = View::People;
    }
}

/// Archives a person, or restores an archived one: the one change behind the archive key and
/// the delete question's offer to archive instead.
fn archive_change(person: &Person) -> Change {
    let archived = person.archived;
    Change::EditPerson {
        person: Target::exact(person.id, person.uid),
        patch: PersonPatch {
            archived: Some(Set::from(archived, !archived)),
            ..PersonPatch::default()
        },
        on_conflict: OnConflict::Refuse,
    }
}
