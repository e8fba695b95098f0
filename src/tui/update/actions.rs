//! What each action of the key map does on a page: move, open, go back, undo, and the
//! forms and questions that new, edit, resolve, delete and archive open.

use crate::core::change::{OnConflict, PersonPatch, Set, Target};
use crate::core::text::sanitize;
use crate::core::{Change, Person, PromiseId, Status};
use crate::tui::app::{App, Confirm, HelpPopup, MessagesPopup, Popup, View};
use crate::tui::forms::Form;
use crate::tui::keymap::Action;
use crate::tui::message::{Effect, Purpose};

use super::input::clear_filter;
use super::saved::{NOT_YET, send};
use super::{page, refused_as_read_only};

pub(super) fn undo_redo(app: &mut App, undo: bool, fx: &mut Vec<Effect>) {
    // Each undo needs the outcome of the save before it: one pressed meanwhile waits its turn.
    if app.saving > 0 {
        // After a change refused while undos waited (`d u d u`): the undo meant for that
        // change would undo an older one, never aimed at. Refused with it.
        if app.refused_behind_undo > 0 {
            app.refused_behind_undo += 1;
            app.complain(
                "Not yet: the change before this undo did nothing, so there is nothing of it to undo; try again in a moment.",
            );
            app.status.short = Some(NOT_YET.to_string());
            return;
        }
        app.queued_undos.push_back(undo);
        let n = app.queued_undos.len();
        app.say(format!(
            "Still saving; {} after it.",
            match (n, undo) {
                (1, true) => "the undo follows".to_string(),
                (1, false) => "the redo follows".to_string(),
                (n, _) => format!("{n} undos and redos follow"),
            }
        ));
        return;
    }
    // Refused before the entry leaves the history, so it is still there to undo once the
    // file can be written again (`send` would refuse it, and the entry would be lost).
    if let Some(reason) = &app.read_only {
        let text = format!("Not saved: {reason}.");
        app.complain(text);
        return;
    }
    let entry = if undo {
        app.history.take_done()
    } else {
        app.history.take_undone()
    };
    let Some(entry) = entry else {
        app.say(if undo {
            "Nothing to undo."
        } else {
            "Nothing to redo."
        });
        return;
    };
    // A redo that would promise something new to someone archived since: refused as a new
    // promise to them is, and kept, to redo once they are restored.
    if !undo && let Some(name) = archived_owner(app, &entry.inverse) {
        let restore = restores(app, "them first");
        app.complain(format!("Not redone: {name} is archived: {restore}."));
        app.history.push_undone(entry);
        return;
    }
    let change = entry.inverse.clone();
    let purpose = if undo {
        Purpose::Undo(Box::new(entry))
    } else {
        Purpose::Redo(Box::new(entry))
    };
    send(app, change, purpose, fx);
}

/// The name of the archived person an open promise that `change` puts back belongs to, when
/// the change brings back no person with it: the redo of a promise added to someone archived
/// since.
fn archived_owner(app: &App, change: &Change) -> Option<String> {
    let Change::PutBack {
        people,
        promises,
        owners,
    } = change
    else {
        return None;
    };
    if !people.is_empty() {
        return None;
    }
    promises
        .iter()
        .zip(owners)
        .filter(|(p, _)| p.status == crate::core::Status::Open)
        .find_map(|(_, owner)| {
            let person = app.ledger.person_by_uid(*owner)?;
            person.archived.then(|| sanitize(&person.name))
        })
}

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

pub(super) fn step(app: &mut App, delta: isize) {
    // Moving a selection the chart hides would leave it on a promise never seen.
    if app.view == View::Person && chart_in_the_way(app) {
        return;
    }
    match app.view {
        View::People => app.people.step(delta),
        View::Person if app.triaging.is_empty() => app.promises.step(delta),
        View::Person => {
            // Marked on a person's page, a promise goes below the open ones.
            let ledger = app.ledger();
            let open = |id: &PromiseId| {
                ledger
                    .promise(*id)
                    .is_some_and(|p| p.status == Status::Open)
            };
            let to = step_over(
                &app.promises.items,
                app.promises.selected,
                delta,
                |ids, marking| {
                    let (mut stays, resolved): (Vec<usize>, Vec<usize>) = (0..ids.len())
                        .filter(|&i| !marking.contains(&ids[i]))
                        .partition(|&i| open(&ids[i]));
                    stays.extend((0..ids.len()).filter(|&i| marking.contains(&ids[i])));
                    stays.extend(resolved);
                    stays
                },
                &app.triaging,
            );
            app.promises.select_row(to);
        }
        View::Agenda if app.triaging.is_empty() => app.agenda.step(delta),
        View::Agenda => {
            // Marked in the agenda, a promise leaves it.
            let ids: Vec<PromiseId> = app.agenda.items.iter().map(|(_, id)| *id).collect();
            let to = step_over(
                &ids,
                app.agenda.selected,
                delta,
                |ids, marking| {
                    (0..ids.len())
                        .filter(|&i| !marking.contains(&ids[i]))
                        .collect()
                },
                &app.triaging,
            );
            app.agenda.select_row(to);
        }
    }
}

/// The row `delta` rows from `selected` in `ids`, counted as the list will stand once the
/// marks under way (`marking`) are saved, as keys typed slower find it: `after` gives the
/// rows in that order (a promise marked leaves the agenda, and goes below the open ones on a
/// person's page), and the selection, on a row being marked, stays at its place in the list,
/// where the next row moves up. That place is counted without the rows above it being marked
/// too, as each of them leaves the rows above it once saved. So `d j d j d` marks the same
/// promises at any speed (typed fast, `j` stepped onto the row that was about to move up, and
/// the next `d` marked it; or, counting the rows marked above, one row past it).
fn step_over(
    ids: &[PromiseId],
    selected: usize,
    delta: isize,
    after: impl Fn(&[PromiseId], &[PromiseId]) -> Vec<usize>,
    marking: &[PromiseId],
) -> usize {
    let rows = after(ids, marking);
    let Some(last) = rows.len().checked_sub(1) else {
        return selected;
    };
    let at = if ids.get(selected).is_some_and(|id| marking.contains(id)) {
        let marked_above = ids[..selected]
            .iter()
            .filter(|id| marking.contains(id))
            .count();
        (selected - marked_above).min(last)
    } else {
        rows.iter().position(|&i| i == selected).unwrap_or(last)
    };
    rows[at.saturating_add_signed(delta).min(last)]
}

/// Whether the chart stands in the promises' place on a short screen, which is then said:
/// what acts on the selected promise, or moves it, waits until they show again.
fn chart_in_the_way(app: &mut App) -> bool {
    let covers = crate::tui::views::chart_covers_promises(app);
    if covers {
        let again = app.if_bound(Action::Chart, |k| format!(": {k} shows them again"));
        app.say(format!("The chart is in the promises' place{again}."));
    }
    covers
}

fn switch_view(app: &mut App, forward: bool) {
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

fn open(app: &mut App) {
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

/// `; the cursor is on NAME`: whom the People cursor is on, after the one it was on left.
pub(super) fn cursor_on_person(app: &App) -> String {
    app.people
        .current()
        .and_then(|other| app.ledger.person(other))
        .map(|other| format!("; the cursor is on {}", told_apart(app, other)))
        .unwrap_or_default()
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

/// The end of a sentence that says a filter hides everything: how to clear it, when a key
/// does ("; Esc clears it."), else only the full stop.
fn clears_filter(app: &App) -> String {
    app.bound_key(Action::Back)
        .map_or_else(|| ".".to_string(), |key| format!("; {key} clears it."))
}

/// Why the people list has no one to act on, and what brings someone back: the filter
/// matches no one (the back key clears it), everyone is archived (the show-archived key
/// lists them), or no one is here yet, `nobody` (the add key adds a person).
fn no_one_listed(app: &App, nobody: &str) -> String {
    if !app.filter.is_empty() {
        format!("No one matches the filter{}", clears_filter(app))
    } else if !app.ledger().people.is_empty() {
        match app.bound_key(Action::ShowArchived) {
            Some(show) => format!("Everyone here is archived: {show} shows them."),
            None => "Everyone here is archived.".to_string(),
        }
    } else {
        match app.bound_key(Action::NewPerson) {
            Some(add) => format!("{nobody}: {add} adds a person."),
            None => format!("{nobody}."),
        }
    }
}

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

/// What restores an archived person from here: its key, or, in a view without one (the
/// Agenda), the People view.
fn restores(app: &App, what: &str) -> String {
    app.keys
        .key_of(Action::Archive, &app.view_contexts())
        .map_or_else(
            || format!("the People view restores {what}"),
            |key| format!("{key} restores {what}"),
        )
}

fn new_promise(app: &mut App, kept: bool) {
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

fn promise_or_complain(app: &mut App) -> Option<PromiseId> {
    if chart_in_the_way(app) {
        return None;
    }
    let found = app.selected_promise();
    if found.is_none() {
        match app.view {
            View::People => {
                let open = app.if_bound(Action::Open, |k| format!(": {k} opens the person"));
                app.say(format!("Pick a promise first{open}."));
            }
            // A filter that hides every promise is the reason, and clearing it the remedy.
            View::Person if !app.promise_filter.text().is_empty() => {
                app.say_here(format!(
                    "No promise matches the filter{}",
                    clears_filter(app)
                ));
            }
            View::Agenda if !app.filter.is_empty() => {
                app.say_here(format!("Nothing matches the filter{}", clears_filter(app)));
            }
            // An empty list: said as Enter says it there, with what adds a promise.
            View::Person => {
                let said = crate::tui::views::no_promises_with(app);
                app.say(said);
            }
            View::Agenda => {
                let said = crate::tui::views::nothing_open(app);
                app.say(said);
            }
        }
    }
    found
}

/// The promise with this number as it is shown now, by uid.
fn target_of(app: &App, id: PromiseId) -> Target<PromiseId> {
    app.ledger
        .promise(id)
        .map_or(Target::id(id), |p| Target::exact(id, p.uid))
}

/// Resolves the selected promise as of today, or the next one down while the selected one's
/// save is still under way ([`App::triage_target`]); `None` is kept, or kept late when past
/// its due date.
/// What a key marking an outcome says when every row it could reach is being saved.
const STILL_SAVING: &str = "Still saving the promises marked from here down; nothing left to mark.";

fn resolve(app: &mut App, status: Option<Status>, fx: &mut Vec<Effect>) {
    // Before "already kept: o reopens it", which would send to a key refused here too.
    if promise_or_complain(app).is_none() || refused_as_read_only(app) {
        return;
    }
    let Some(id) = app.triage_target() else {
        app.complain(STILL_SAVING);
        return;
    };
    let Some(promise) = app.ledger().promise(id) else {
        return;
    };
    // Reached past rows still being saved: what is below is resolved already, as the
    // rows saving will be, and naming one of those (not the row under the cursor, which a
    // key typed slower names) would point at a promise the user never looked at.
    if promise.status != Status::Open && app.selected_promise() != Some(id) {
        app.complain(STILL_SAVING);
        return;
    }
    if promise.status != Status::Open {
        let now = promise.status.label();
        app.complain(match app.bound_key(Action::Reopen) {
            Some(reopen) => format!("#{id} is already {now}: {reopen} reopens it."),
            None => format!("#{id} is already {now}."),
        });
        return;
    }
    // Looking back at a day before the promise was made, or made by a machine whose clock or
    // time zone is ahead: no outcome can be given then (the day it was made is after the day
    // shown, so it would be one in the future). A UI started on a later day takes it.
    if promise.made > app.today {
        let said = crate::tui::words::made_after_the_day_shown(id, None, promise.made, app.today);
        app.complain(format!("{said}."));
        return;
    }
    let on = app.today;
    let change = Change::Resolve {
        promise: Target::exact(id, promise.uid),
        status: status.unwrap_or_else(|| promise.kept_on(on)),
        on,
        note: None,
    };
    let sent = fx.len();
    send(app, change, Purpose::Triage(id), fx);
    // Only a change on its way gets an outcome back to end its wait.
    if fx.len() > sent {
        app.triaging.push(id);
    }
}

/// A person's name as a question asks about them: with the handle where someone else has
/// the same name, as the tables show them, so the question says which of the two it means.
pub(super) fn told_apart(app: &App, p: &Person) -> String {
    if app.cache.named_alike.contains_key(&p.id) {
        format!("{} ({})", sanitize(&p.name), sanitize(&p.handle))
    } else {
        sanitize(&p.name)
    }
}

fn delete(app: &mut App) {
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
                question: super::follow::delete_question(id, &p.what),
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

fn archive(app: &mut App, fx: &mut Vec<Effect>) {
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
