//! `update`: the one place the model changes. Tests drive it with messages exactly as the run
//! loop does, so every flow can be checked without a terminal.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::{App, Confirm, Popup, View};
use super::forms::{Form, FormKind};
use super::keymap::{self, Action};
use super::message::Message;
use super::undo::{self, Op, Record};
use crate::core::text::sanitize;
use crate::core::{LedgerError, PromiseId, Status};
use crate::store::StoreError;

/// How many rows PgUp and PgDn move.
const PAGE: isize = 10;

/// Applies one message to the model.
pub fn update(app: &mut App, message: Message) {
    match message {
        Message::Key(key) => on_key(app, &key),
        Message::Tick => reload(app),
    }
}

/// Picks up a change another process saved, keeping the selection (it is kept by id).
fn reload(app: &mut App) {
    match app.store.refresh() {
        Ok(true) => {
            app.rebuild();
            if let Some(Popup::Form(form)) = &app.popup
                && form_target_gone(app, form)
            {
                app.popup = None;
            }
            app.say("Reloaded: the file was changed elsewhere.");
        }
        Ok(false) => {}
        Err(e) => app.complain(format!("Could not reload: {e}")),
    }
}

fn form_target_gone(app: &App, form: &Form) -> bool {
    let ledger = app.ledger();
    match form.kind {
        FormKind::EditPerson(id) => ledger.person(id).is_none(),
        FormKind::EditPromise(id) | FormKind::Resolve(id) => ledger.promise(id).is_none(),
        FormKind::NewPerson | FormKind::NewPromise { .. } => false,
    }
}

fn on_key(app: &mut App, key: &KeyEvent) {
    if key.kind != KeyEventKind::Press {
        return;
    }
    let action = keymap::action_for(key, &app.contexts());
    if action == Some(Action::ForceQuit) {
        app.quit = true;
        return;
    }
    match app.popup.take() {
        Some(Popup::Form(form)) => form_key(app, form, key, action),
        Some(Popup::Confirm(confirm)) => match action {
            Some(Action::Confirm) => commit(app, confirm.op),
            Some(Action::Cancel) => app.say("Nothing deleted."),
            _ => app.popup = Some(Popup::Confirm(confirm)),
        },
        Some(Popup::Help { scroll }) => {
            let limit = app.help_max.get();
            let scroll = scroll.min(limit);
            let scroll = match action {
                Some(Action::Cancel) => return,
                Some(Action::Down) => scroll.saturating_add(1),
                Some(Action::Up) => scroll.saturating_sub(1),
                Some(Action::PageDown) => scroll.saturating_add(PAGE as u16),
                Some(Action::PageUp) => scroll.saturating_sub(PAGE as u16),
                Some(Action::Top) => 0,
                Some(Action::Bottom) => u16::MAX,
                _ => scroll,
            }
            .min(limit);
            app.popup = Some(Popup::Help { scroll });
        }
        None if app.filtering => filter_key(app, key, action),
        None => {
            if let Some(action) = action {
                act(app, action);
            }
        }
    }
}

fn filter_key(app: &mut App, key: &KeyEvent, action: Option<Action>) {
    match action {
        Some(Action::ApplyFilter) => {
            app.filtering = false;
            app.say(format!(
                "Filter '{}'. Esc clears it.",
                sanitize(&app.filter)
            ));
        }
        Some(Action::ClearFilter) => {
            app.filtering = false;
            app.filter.clear();
            app.refilter();
            app.say("Filter cleared.");
        }
        _ => {
            let changed = match key.code {
                KeyCode::Char(c) if !c.is_control() && plain(key) => {
                    app.filter.push(c);
                    true
                }
                KeyCode::Backspace => app.filter.pop().is_some(),
                _ => false,
            };
            if changed {
                app.refilter();
            }
        }
    }
}

/// No Ctrl or Alt held: the key types its character.
fn plain(key: &KeyEvent) -> bool {
    !key.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn form_key(app: &mut App, mut form: Form, key: &KeyEvent, action: Option<Action>) {
    match action {
        Some(Action::Cancel) => {
            app.say(format!("{}: cancelled, nothing saved.", form.title));
            return;
        }
        Some(Action::NextField) => form.move_focus(true),
        Some(Action::PrevField) => form.move_focus(false),
        Some(Action::Save) => {
            if let Some(op) = form.submit(app.ledger()) {
                match save(app, &op) {
                    Ok(()) => return,
                    Err(e) => form.error = Some(e),
                }
            }
        }
        _ => form.edit(key),
    }
    app.popup = Some(Popup::Form(form));
}

/// Saves `op` and says so, or says why not.
fn commit(app: &mut App, op: Op) {
    if let Err(e) = save(app, &op) {
        app.complain(e);
    }
}

/// Saves `op` through the store (which merges with outside changes), remembers it for undo,
/// rebuilds the caches and selects what it touched.
fn save(app: &mut App, op: &Op) -> Result<(), String> {
    let today = app.today;
    let saved = app
        .store
        .update(|ledger| undo::apply(op, ledger, today))
        .map_err(|e| e.to_string())?;
    let applied = saved.value;
    if !applied.record.changed() {
        if saved.merged {
            app.rebuild();
        }
        app.say("Nothing changed.");
        return Ok(());
    }
    let what = applied.record.what.clone();
    app.history.push(applied.record);
    app.rebuild();
    if let Some(person) = applied.person {
        app.people.select(person);
        if app.view == View::Person && app.person != Some(person) {
            app.open_person(person, app.came_from);
        }
    }
    if let Some(promise) = applied.promise {
        app.promises.select(promise);
        if let Some(row) = app.agenda.items.iter().find(|(_, id)| *id == promise) {
            let row = *row;
            app.agenda.select(row);
        }
    }
    app.say(format!("{what}{}. u undoes", merged_note(saved.merged)));
    Ok(())
}

fn merged_note(merged: bool) -> &'static str {
    if merged {
        " (merged with a change saved elsewhere)"
    } else {
        ""
    }
}

fn undo_redo(app: &mut App, undo: bool) {
    let record = if undo {
        app.history.last_done()
    } else {
        app.history.last_undone()
    };
    let Some(record) = record.cloned() else {
        app.say(if undo {
            "Nothing to undo."
        } else {
            "Nothing to redo."
        });
        return;
    };
    match app
        .store
        .update(|ledger| undo::restore(&record, ledger, undo))
    {
        Ok(saved) => {
            if undo {
                app.history.mark_undone();
            } else {
                app.history.mark_redone();
            }
            app.rebuild();
            select_restored(app, &record, undo);
            let (verb, again) = if undo {
                ("Undid", "Ctrl-r redoes")
            } else {
                ("Redid", "u undoes")
            };
            app.say(format!(
                "{verb}: {}{}. {again}",
                record.what,
                merged_note(saved.merged)
            ));
        }
        Err(StoreError::Ledger(LedgerError::PersonHasPromises { handle, count })) => {
            app.complain(format!(
                "Could not {}: {handle} has {count} promise(s) made since; delete those first.",
                if undo { "undo" } else { "redo" }
            ));
        }
        Err(e) => app.complain(format!(
            "Could not {}: {e}",
            if undo { "undo" } else { "redo" }
        )),
    }
}

fn act(app: &mut App, action: Action) {
    match action {
        Action::Quit | Action::ForceQuit => app.quit = true,
        Action::Help => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::Filter => {
            app.filtering = true;
            app.say("Type to filter; Enter keeps it, Esc clears it.");
        }
        Action::NextView | Action::PrevView => switch_view(app, action == Action::NextView),
        Action::Down => step(app, 1),
        Action::Up => step(app, -1),
        Action::PageDown => step(app, PAGE),
        Action::PageUp => step(app, -PAGE),
        Action::Top | Action::Bottom => match app.view {
            View::People => app.people.jump(action == Action::Top),
            View::Person => app.promises.jump(action == Action::Top),
            View::Agenda => app.agenda.jump(action == Action::Top),
        },
        Action::Open => open(app),
        Action::Back => back(app),
        Action::NewPerson => {
            app.popup = Some(Popup::Form(Form::person(app.ledger(), None, app.today)));
        }
        Action::Edit => edit(app),
        Action::EditPerson => match app.selected_person() {
            Some(id) => {
                app.popup = Some(Popup::Form(Form::person(app.ledger(), Some(id), app.today)));
            }
            None => app.complain("No person selected."),
        },
        Action::NewPromise | Action::LogKept => new_promise(app, action == Action::LogKept),
        Action::MarkKept => resolve(app, Status::Kept),
        Action::MarkBroken => resolve(app, Status::Broken),
        Action::Release => resolve(app, Status::Released),
        Action::Reopen => {
            if let Some(id) = promise_or_complain(app) {
                commit(app, Op::Reopen(id));
            }
        }
        Action::Delete => delete(app),
        Action::Archive => archive(app),
        Action::ShowArchived => {
            app.show_archived = !app.show_archived;
            app.refilter();
            app.say(if app.show_archived {
                "Showing archived people too (a restores one)."
            } else {
                "Archived people hidden."
            });
        }
        Action::Sort => {
            app.sort = app.sort.next();
            app.refilter();
            app.say(format!("Sorted by {}.", app.sort.label()));
        }
        Action::Chart => {
            app.show_chart = !app.show_chart;
            app.say(if app.show_chart {
                "Chart shown in place of the promises on short screens; c hides it."
            } else {
                "Chart hidden on short screens."
            });
        }
        Action::PickPromise => {
            app.say("d, b, r and o act on a promise: Enter opens the person, Tab the agenda.");
        }
        Action::Undo => undo_redo(app, true),
        Action::Redo => undo_redo(app, false),
        Action::NextField
        | Action::PrevField
        | Action::Save
        | Action::Cancel
        | Action::EditText
        | Action::Confirm
        | Action::ApplyFilter
        | Action::ClearFilter => {}
    }
}

fn step(app: &mut App, delta: isize) {
    match app.view {
        View::People => app.people.step(delta),
        View::Person => app.promises.step(delta),
        View::Agenda => app.agenda.step(delta),
    }
}

/// Moves the selection to what an undo (or redo) brought back, so the person sees the
/// record they just restored instead of whatever the cursor slid to when it went away.
fn select_restored(app: &mut App, record: &Record, undo: bool) {
    // After an undo the "before" copies are the ones in the file; after a redo, the "after".
    let person = record.people.iter().find(|(_, before, after)| {
        if undo {
            before.is_some()
        } else {
            after.is_some()
        }
    });
    if let Some((id, ..)) = person {
        app.people.select(*id);
    }
    let promise = record.promises.iter().find(|(_, before, after)| {
        if undo {
            before.is_some()
        } else {
            after.is_some()
        }
    });
    if let Some((id, ..)) = promise {
        app.promises.select(*id);
        if let Some(row) = app.agenda.items.iter().find(|(_, p)| p == id) {
            let row = *row;
            app.agenda.select(row);
        }
    }
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
        _ => app.view = next,
    }
}

fn open(app: &mut App) {
    match app.view {
        View::People => match app.people.current() {
            Some(id) => app.open_person(id, View::People),
            None => app.say("No one here yet: p adds a person."),
        },
        View::Agenda => {
            let Some(id) = app.selected_promise() else {
                app.say("Nothing open. n adds a promise.");
                return;
            };
            if let Some(person) = app.ledger().promise(id).map(|p| p.person) {
                app.open_person(person, View::Agenda);
                app.promises.select(id);
            }
        }
        View::Person => {
            let Some(id) = app.promises.current() else {
                app.say("No promises yet: n adds one, L logs one already kept.");
                return;
            };
            let open = app
                .ledger()
                .promise(id)
                .is_some_and(|p| p.status == Status::Open);
            let form = if open {
                Form::resolve(app.ledger(), id, app.today)
            } else {
                Form::edit_promise(app.ledger(), id, app.today)
            };
            app.popup = form.map(Popup::Form);
        }
    }
}

fn back(app: &mut App) {
    match app.view {
        View::Person => {
            app.view = if app.came_from == View::Person {
                View::People
            } else {
                app.came_from
            };
            if let Some(id) = app.person {
                app.people.select(id);
            }
        }
        View::Agenda | View::People if !app.filter.is_empty() => {
            app.filter.clear();
            app.refilter();
            app.say("Filter cleared.");
        }
        View::Agenda => app.view = View::People,
        View::People => {}
    }
}

fn edit(app: &mut App) {
    match app.view {
        View::People => match app.people.current() {
            Some(id) => {
                app.popup = Some(Popup::Form(Form::person(app.ledger(), Some(id), app.today)));
            }
            None => app.say("No one to edit: p adds a person."),
        },
        View::Person | View::Agenda => {
            if let Some(id) = promise_or_complain(app) {
                app.popup = Form::edit_promise(app.ledger(), id, app.today).map(Popup::Form);
            }
        }
    }
}

fn new_promise(app: &mut App, kept: bool) {
    let ledger = app.ledger();
    if !ledger.people.iter().any(|p| !p.archived) {
        app.complain("Add a person first: p.");
        return;
    }
    let person = app.selected_person();
    if let Some(p) = person.and_then(|id| ledger.person(id))
        && p.archived
    {
        let name = sanitize(&p.name);
        app.complain(format!("{name} is archived: a restores them first."));
        return;
    }
    app.popup = Some(Popup::Form(Form::new_promise(
        ledger, person, kept, app.today,
    )));
}

fn promise_or_complain(app: &mut App) -> Option<PromiseId> {
    let found = app.selected_promise();
    if found.is_none() {
        match app.view {
            View::People => app.say("Pick a promise first: Enter opens the person."),
            _ => app.say("No promise selected."),
        }
    }
    found
}

fn resolve(app: &mut App, status: Status) {
    let Some(id) = promise_or_complain(app) else {
        return;
    };
    let Some(promise) = app.ledger().promise(id) else {
        return;
    };
    if promise.status != Status::Open {
        let now = promise.status.label();
        app.complain(format!("#{id} is already {now}: o reopens it."));
        return;
    }
    let on = app.today.max(promise.made);
    commit(
        app,
        Op::Resolve {
            id,
            status,
            on,
            note: None,
        },
    );
}

fn delete(app: &mut App) {
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
                question: format!(
                    "Delete {}{with}? (a archives instead, keeping the record)",
                    sanitize(&p.name)
                ),
                op: Op::DeletePerson(id),
            })
        }),
        View::Person | View::Agenda => app.selected_promise().and_then(|id| {
            let p = ledger.promise(id)?;
            Some(Confirm {
                question: format!("Delete promise #{id} \"{}\"?", sanitize(&p.what)),
                op: Op::DeletePromise(id),
            })
        }),
    };
    match confirm {
        Some(c) => app.popup = Some(Popup::Confirm(c)),
        None => app.say("Nothing selected to delete."),
    }
}

fn archive(app: &mut App) {
    let Some(id) = app.selected_person() else {
        app.say("No person selected.");
        return;
    };
    let archived = app.ledger().person(id).is_some_and(|p| p.archived);
    commit(app, Op::SetArchived(id, !archived));
    if !archived && app.view == View::Person && !app.show_archived {
        app.view = View::People;
    }
}
