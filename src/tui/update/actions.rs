//! What each action of the key map does on a page: move, open, go back, undo, and the
//! forms and questions that new, edit, resolve, delete and archive open.
//!
//! Each has a file by what it does: moving the cursor (`cursor`), going from view to view
//! (`views`), the forms that open (`opening`), marking an outcome (`marking`), deleting and
//! archiving (`delete_or_archive`), undo and redo (`undo`), and the sentences they share
//! (`said`).

use crate::core::{Change, Status};
use crate::tui::app::{App, HelpPopup, MessagesPopup, Popup, View};
use crate::tui::forms::Form;
use crate::tui::keymap::Action;
use crate::tui::message::{Effect, Purpose};

use super::saved::send;
use super::{page, refused_as_read_only};

mod cursor;
mod delete_or_archive;
mod marking;
mod opening;
mod said;
mod undo;
mod views;

use cursor::{chart_in_the_way, promise_or_complain, step, target_of};
use delete_or_archive::{archive, delete};
use marking::resolve;
use opening::{edit, new_promise};
pub(super) use said::{cursor_on_person, told_apart};
use said::{no_one_listed, restores};
pub(super) use undo::undo_redo;
use views::{back, open, switch_view};

pub(super) fn act(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    // A file that may not be written opens no form to be filled in, nor a question to be
    // answered, for nothing: said at once, as a key that marks an outcome says it.
    let asks_first = matches!(
        action,
        Action::NewPerson
            | Action::Edit
            | Action::EditPerson
            | Action::NewPromise
            | Action::LogKept
            | Action::Delete
    );
    if asks_first && refused_as_read_only(app) {
        return;
    }
    match action {
        Action::Quit if !app.drafts.is_empty() && !app.quit_asked => {
            app.quit_asked = true;
            let question = quit_question(app);
            // Cut on one row (a person's page at 60 columns) before what keeps the typing.
            let short = app.if_bound(Action::Quit, |k| {
                format!("{k} again quits, dropping what you typed; reopen to keep it.")
            });
            app.say_short(question, short);
        }
        Action::Quit => {
            app.quit = true;
            if app.saving > 0 {
                let now = app.if_bound(Action::ForceQuit, |k| format!("; {k} quits now"));
                app.say(format!("Quitting once the change is saved{now}."));
            }
        }
        Action::ForceQuit => {
            app.quit = true;
            app.quit_now = true;
        }
        Action::Redraw => app.redraw = true,
        Action::Suspend => fx.push(Effect::Suspend),
        Action::Help => app.popup = Some(Popup::Help(HelpPopup::default())),
        Action::Messages => {
            app.popup = Some(Popup::Messages(MessagesPopup::at_top(&app.messages)));
        }
        Action::Filter => {
            app.filtering = true;
            // Each way out that has a key (the config may leave one without).
            let how: Vec<String> = [
                (Action::ApplyFilter, "keeps it"),
                (Action::ClearFilter, "clears it"),
            ]
            .into_iter()
            .filter_map(|(action, does)| app.bound_key(action).map(|key| format!("{key} {does}")))
            .collect();
            let how = how.join(", ");
            // The filter shows in the title of the promises it filters: where the chart
            // stands in their place, it gives way, or what is typed would show nowhere.
            if crate::tui::views::chart_covers_promises(app) {
                app.chart = Some(false);
                app.chart_gave_way = true;
                // Where the line cuts it (a person's page at 60 columns, "Chart hidde…"), the
                // promises back in sight say what it did: what to do is left.
                app.say_short(
                    format!("Chart hidden to show the promises. Type to filter; {how}."),
                    format!("Type to filter; {how}."),
                );
            } else {
                app.say(format!("Type to filter; {how}."));
            }
        }
        Action::NextView | Action::PrevView => switch_view(app, action == Action::NextView),
        Action::Down => step(app, 1),
        Action::Up => step(app, -1),
        Action::PageDown => step(app, page(app) as isize),
        Action::PageUp => step(app, -(page(app) as isize)),
        Action::Top | Action::Bottom => match app.view {
            View::People => app.people.jump(action == Action::Top),
            View::Person => {
                if !chart_in_the_way(app) {
                    app.promises.jump(action == Action::Top);
                }
            }
            View::Agenda => app.agenda.jump(action == Action::Top),
        },
        Action::Open => open(app),
        Action::Back => back(app),
        Action::NewPerson => {
            app.open_form(Form::person(app.ledger(), None, app.today));
        }
        Action::Edit => edit(app),
        Action::EditPerson => match app.selected_person() {
            Some(id) => {
                app.open_form(Form::person(app.ledger(), Some(id), app.today));
            }
            None => app.complain("No person selected."),
        },
        Action::NewPromise | Action::LogKept => new_promise(app, action == Action::LogKept),
        Action::MarkKept => resolve(app, None, fx),
        Action::MarkKeptLate => resolve(app, Some(Status::KeptLate), fx),
        Action::MarkBroken => resolve(app, Some(Status::Broken), fx),
        Action::Release => resolve(app, Some(Status::Released), fx),
        // The agenda lists open promises only; a resolved one is on its person's page.
        Action::Reopen if app.view == View::Agenda => {
            // With a promise under the cursor its person's page is a key away; with none
            // (nothing open, or a filter leaving nothing), the people are: the view after the
            // agenda is theirs.
            let how = if app.selected_promise().is_some() {
                app.bound_key(Action::Open)
                    .map(|open| format!(" ({open} opens that page)"))
            } else {
                app.bound_key(Action::NextView)
                    .map(|people| format!(" ({people} shows the people)"))
            };
            app.complain(format!(
                "The agenda lists open promises only: reopen a resolved one on its person's page{}.",
                how.unwrap_or_default()
            ));
        }
        Action::Reopen => {
            if let Some(id) = promise_or_complain(app) {
                // Said as an outcome key says "already kept", not as a refused save.
                if app
                    .ledger()
                    .promise(id)
                    .is_some_and(|p| p.status == Status::Open)
                {
                    app.complain(format!("#{id} is already open."));
                    return;
                }
                // Looking back at a day it was not yet made, or not yet resolved: the core
                // refuses it too, and is asked first so it is said the same way.
                let refused = (app.ledger().promise(id))
                    .and_then(|p| crate::core::change::check_reopen_day(p, app.today).err());
                if let Some(refused) = refused {
                    let said = crate::core::text::capitalized(&refused.to_string());
                    app.complain(format!("{said}."));
                    return;
                }
                let promise = target_of(app, id);
                send(app, Change::Reopen { promise }, Purpose::Change, fx);
            }
        }
        Action::Delete => delete(app),
        Action::Archive => archive(app, fx),
        Action::ShowArchived => {
            app.toggle_archived();
            app.say(if app.show_archived {
                format!("Showing archived people too ({}).", restores(app, "one"))
            } else {
                "Archived people hidden.".to_string()
            });
        }
        Action::Sort => {
            app.sort = app.sort.next();
            app.refilter();
            app.say_here(format!("Sorted by {}.", app.sort.label()));
        }
        // The chart is one colleague's, drawn on their page only: elsewhere it would be
        // shown or hidden unseen, and the key said nothing.
        Action::Chart if app.view != View::Person => {
            let said = match app.selected_person().and_then(|id| app.ledger.person(id)) {
                Some(person) => {
                    let name = told_apart(app, person);
                    match app.bound_key(Action::Open) {
                        Some(open) => {
                            format!("The chart is on a person's page: {open} opens {name}'s.")
                        }
                        None => "The chart is on a person's page.".to_string(),
                    }
                }
                None => no_one_listed(app, "No one's chart to show"),
            };
            app.say_here(said);
        }
        Action::Chart => {
            app.chart = Some(!crate::tui::views::chart_shown(app));
            app.chart_gave_way = false;
            let shown = crate::tui::views::chart_shown(app);
            let again = app.if_bound(Action::Chart, |k| {
                format!("; {k} {} it", if shown { "hides" } else { "shows" })
            });
            app.say_here(format!(
                "Chart {}{again}.",
                if shown { "shown" } else { "hidden" }
            ));
        }
        Action::PickPromise => {
            let keys = app.keys_for(Action::PickPromise);
            // No one listed: no person to open, nor promise in the agenda, which the same
            // filter and archiving empty; what brings someone to the list is the way.
            if app.people.current().is_none() {
                let why = no_one_listed(app, "No one here yet");
                app.say_here(format!("{keys} act on a promise. {why}"));
                return;
            }
            let open = app.bound_key(Action::Open);
            // The agenda is the next view only while no person has a tab; then the one
            // before.
            let agenda = app.bound_key(if app.person_tab().is_some() {
                Action::PrevView
            } else {
                Action::NextView
            });
            // Each way to a list of promises that has a key (the config may leave one
            // without).
            let how = match (open, agenda) {
                (Some(open), Some(agenda)) => {
                    format!(": {open} opens the person, {agenda} the agenda")
                }
                (Some(open), None) => format!(": {open} opens the person"),
                (None, Some(agenda)) => format!(": {agenda} opens the agenda"),
                (None, None) => " listed in a person's view or the agenda".to_string(),
            };
            // True only on the people list: it goes when they move to a view of promises.
            app.say_here(format!("{keys} act on a promise{how}."));
        }
        Action::Prep => match app.selected_person() {
            Some(id) => crate::tui::prep::open(app, id),
            None if app.view == View::People => {
                let said = no_one_listed(app, "No one to prepare a 1:1 with");
                app.say(said);
            }
            None => app.say("Open a person first: the prep is about one colleague."),
        },
        Action::Undo => undo_redo(app, true, fx),
        Action::Redo => undo_redo(app, false, fx),
        Action::KeepCopy => keep_copy(app, fx),
        Action::NextField
        | Action::PrevField
        | Action::Save
        | Action::Cancel
        | Action::EditInEditor
        | Action::FormMessages
        | Action::Choose
        | Action::Confirm
        | Action::ApplyFilter
        | Action::ClearFilter
        | Action::WritePrep
        | Action::CopyPrep
        | Action::SavePrep => {}
    }
}

/// What a quit key says while forms closed with cancel (`Esc`) hold what was typed: that the
/// same key again quits, and what it drops. Said again word for word while it stands, so that
/// the key that lets it go can tell it is still on the status line.
pub(super) fn quit_question(app: &App) -> String {
    // What to press first: at 60 columns the status line shows about fifty letters.
    let key = app.if_bound(Action::Quit, |k| format!("{k} again quits, dropping "));
    let named = crate::core::text::listed(&app.drafts.named(), "and");
    let closed = app.form_keys().cancel;
    format!(
        "{key}what you typed in {named} (closed with {closed}); opened again, a form brings it back."
    )
}

/// Writes the ledger shown to a new file while the data file cannot be read, so the last good
/// ledger is not lost with the UI; with a file that reads there is nothing to keep.
fn keep_copy(app: &mut App, fx: &mut Vec<Effect>) {
    if app.reload_failing.is_none() {
        app.say("The data file reads and holds every change saved: there is no need for a copy.");
        return;
    }
    fx.push(Effect::KeepCopy {
        ledger: std::sync::Arc::clone(&app.ledger),
    });
}
