//! `update`: the one place the model changes. It never touches the disk or the clock: a
//! change goes out as an [`Effect`] and its outcome comes back as a [`Message`], so tests
//! drive every flow with messages exactly as the run loop does, without a terminal or a file.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::app::{App, Confirm, HelpPopup, Popup, Scores, StatusLine, View};
use super::editor::LineEditor;
use super::forms::{self, Form};
use super::history::Entry;
use super::keymap::{Action, Context};
use super::message::{Effect, MergedIn, Message, Purpose, SaveError};
use super::words;
use crate::core::change::{Done, OnConflict, PersonPatch, Set, Target};
use crate::core::text::sanitize;
use crate::core::{Applied, Change, Ledger, LedgerError, Person, PromiseId, Status};

mod follow;
mod help;

/// How many rows PgUp and PgDn move.
const PAGE: u16 = 10;

/// How far `PageDown` and `PageUp` move: what the last frame showed of the list, the help
/// or the prep, less one line kept in sight; 10 before anything was drawn.
pub(super) fn page(app: &App) -> u16 {
    app.regions
        .page
        .get()
        .map_or(PAGE, |lines| lines.saturating_sub(1).max(1))
}

/// Applies one message to the model and returns what the run loop should do outside it.
pub fn update(app: &mut App, message: Message) -> Vec<Effect> {
    let place = (app.view, app.person);
    // What the status line said, kept only while no popup is open: only then can a message
    // open a form or a question.
    let said = app.popup.is_none().then(|| app.status.clone());
    let fx = apply(app, message);
    // Words about the place left (how to clear its filter) would mislead in the next one.
    if (app.view, app.person) != place && app.status.only_in == Some(place) {
        app.status = StatusLine::default();
    }
    // A form or a question just opened starts with nothing said under it: what was said
    // before it (the last form "cancelled, nothing saved") is not about it.
    if matches!(app.popup, Some(Popup::Form(_) | Popup::Confirm(_)))
        && said.is_some_and(|said| app.status == said)
    {
        app.status = StatusLine::default();
    }
    fx
}

fn apply(app: &mut App, message: Message) -> Vec<Effect> {
    let mut fx = Vec::new();
    match message {
        Message::Key(key) => on_key(app, &key, &mut fx),
        Message::Mouse(mouse) => on_mouse(app, &mouse, &mut fx),
        Message::Paste(text) if !app.too_small() => on_paste(app, &text),
        Message::Paste(_) => {}
        Message::Resize { width, height } => app.screen = Some((width, height)),
        Message::Tick { today } => {
            if let Some(Popup::Form(form)) = &mut app.popup {
                form.tick();
            }
            if today != app.today {
                app.today = today;
                // An open form reads its date words, and dates what it makes, by the new day.
                if let Some(Popup::Form(form)) = &mut app.popup {
                    form.today = today;
                }
                app.rebuild();
                app.say(format!("It is {} now.", today.format("%A %-d %B")));
            }
            fx.push(Effect::Reload(app.basis()));
        }
        Message::Saved {
            purpose,
            applied,
            ledger,
            scores,
            merged,
        } => {
            app.saving = app.saving.saturating_sub(1);
            // A save read the file: a reload that failed before is over, and the next one
            // that fails is said again.
            app.reload_failing = None;
            let rows = (app.promises.selected, app.agenda.selected);
            // The cursor stays on its row where it was on a promise marked from the list
            // (`d d d` works down it); moved off since (`d j`), it stays on the promise it
            // was moved to, wherever that now is.
            let marked = |selected: Option<PromiseId>| {
                selected.is_some_and(|s| purpose == Purpose::Triage(s) || app.triaging.contains(&s))
            };
            let before = (app.promises.current(), app.agenda.current());
            let on_marked = (marked(before.0), marked(before.1.map(|(_, id)| id)));
            let moves = show(app, ledger, Some(scores), &mut fx);
            saved(app, purpose.clone(), &applied, &merged, moves);
            if let Some(unsaved) = app.unsaved_meanwhile.take() {
                let said = app.status.text.trim_end_matches('.');
                let text = format!("{said}. But {unsaved}.");
                app.complain(text);
            }
            if let Purpose::Triage(id) = purpose {
                app.triaging.retain(|t| *t != id);
                match (on_marked.0, before.0) {
                    (true, _) => app.promises.select_row(rows.0),
                    (false, Some(item)) => app.promises.select(item),
                    (false, None) => {}
                }
                match (on_marked.1, before.1) {
                    (true, _) => app.agenda.select_row(rows.1),
                    (false, Some(row)) => {
                        // By its promise: a row keeps its promise when it changes group.
                        if let Some(now) = app.agenda.items.iter().find(|(_, id)| *id == row.1) {
                            let now = *now;
                            app.agenda.select(now);
                        }
                    }
                    (false, None) => {}
                }
            }
            if app.saving == 0
                && let Some(undo) = app.queued_undos.pop_front()
            {
                undo_redo(app, undo, &mut fx);
            }
            if app.saving == 0 && app.queued_undos.is_empty() && app.refused_behind_undo > 0 {
                say_refused_behind_undo(app);
            }
            if purpose == Purpose::Form {
                // What was typed after the form's Enter, in order, now that it is closed (a
                // key that opens another form and saves it queues the rest again); a quit
                // among them ends it, as it ends a burst of keys.
                for typed in std::mem::take(&mut app.typed_meanwhile) {
                    if app.quit {
                        break;
                    }
                    match typed {
                        Message::Key(key) => on_key(app, &key, &mut fx),
                        Message::Paste(text) => on_paste(app, &text),
                        _ => {}
                    }
                }
            }
        }
        Message::Failed {
            purpose,
            error,
            ledger,
        } => {
            app.saving = app.saving.saturating_sub(1);
            if let Purpose::Triage(id) = purpose {
                app.triaging.retain(|t| *t != id);
            }
            let typed = if purpose == Purpose::Form {
                std::mem::take(&mut app.typed_meanwhile).len()
            } else {
                0
            };
            let moves = match ledger {
                Some(ledger) => adopt(app, ledger, None, &mut fx).1,
                None => Vec::new(),
            };
            if app.quit {
                // Named, as the screen that said what it was is gone by the time this shows.
                let message = sanitize(&error.message);
                app.unsaved_at_quit.push(match unsaved_what(app, &purpose) {
                    Some(what) => format!("{what}: {message}"),
                    None => message,
                });
            }
            app.unsaved_meanwhile = (app.saving > 0).then(|| {
                let what = unsaved_what(app, &purpose).unwrap_or_else(|| "a change".to_string());
                // The reason's first clause: the whole is on the status line until then.
                let message = sanitize(&error.message);
                let reason = message
                    .split([',', '.', ';'])
                    .next()
                    .unwrap_or_default()
                    .trim();
                format!("{what} was not saved: {reason}")
            });
            failed(app, purpose, &error);
            let dropped = app.queued_undos.len();
            app.queued_undos.clear();
            if dropped > 0 {
                let text = format!(
                    "{} (so the {} pressed meanwhile were not done)",
                    app.status.text,
                    if dropped == 1 {
                        "undo or redo"
                    } else {
                        "undos and redos"
                    }
                );
                app.complain(text);
            }
            if app.refused_behind_undo > 0 {
                say_refused_behind_undo(app);
            }
            if typed > 0 {
                // Meant for after the form, which is still open: typed into it or run as
                // commands, they would do what nobody meant. Said after what the failure
                // said, which stays.
                let keys = crate::core::text::counted(typed, "key", "keys");
                let verb = if typed == 1 { "was" } else { "were" };
                let text = match &app.popup {
                    Some(Popup::Confirm(_)) => {
                        format!("The {keys} typed meanwhile {verb} dropped: answer the question.")
                    }
                    _ => format!(
                        "{} (the {keys} typed meanwhile {verb} not used).",
                        app.status.text.trim_end_matches('.')
                    ),
                };
                app.complain(text);
            }
            tell_moves(app, &moves);
        }
        Message::Reloaded {
            ledger,
            scores,
            read_only,
            gone,
        } => {
            // A file made read-only under the UI (or writable again) is said when it happens,
            // not first at the next change refused.
            match (&app.read_only, &read_only) {
                (None, Some(reason)) => {
                    app.complain(format!("Now read-only: {reason}."));
                }
                (Some(_), None) => app.say("The data file can be changed again."),
                _ => {}
            }
            app.read_only = read_only;
            app.reload_failing = None;
            if !Arc::ptr_eq(&app.ledger, &ledger) {
                let (said, moves) = adopt(app, ledger, Some(scores), &mut fx);
                // A form left without its record says so instead, and that must not be
                // missed. A file deleted elsewhere shows as an empty ledger, which needs
                // saying. A number that moved under what the person has in hand is said too:
                // the promise they knew as #11 is another number now.
                let moved = moves_clause(&moves);
                if gone {
                    app.complain(
                        "The data file was deleted elsewhere; `trustladder restore-backup 1` puts the newest backup back (`trustladder check` lists them).",
                    );
                } else if said {
                    tell_moves(app, &moves);
                } else {
                    app.say(format!("Reloaded: the file was changed elsewhere{moved}."));
                }
            }
        }
        // Said once: the same failure every second would wipe out what the status line says
        // meanwhile (a change refused because of it).
        Message::ReloadFailed(e) => {
            if app.reload_failing.as_ref() != Some(&e) {
                app.complain(format!("Could not reload: {e}"));
                app.reload_failing = Some(e);
            }
        }
        Message::Waiting { pid } => {
            let holder = pid.map_or(String::new(), |pid| format!(" (PID {pid})"));
            let waiting = format!(
                "Waiting for another trustladder process{holder}, at most {} s…",
                crate::store::GIVE_UP_AFTER.as_secs()
            );
            // A quit asked for before the wait began still shows it was taken.
            if app.quit {
                let now = app.key(Action::ForceQuit);
                app.say(format!("{waiting} then quitting; {now} quits now."));
            } else {
                app.say(waiting);
            }
        }
        Message::Written {
            path,
            plain_of_encrypted,
        } => {
            let path = sanitize(&path.display().to_string());
            if plain_of_encrypted {
                // As `export --output` says it: the ledger is sealed, this copy is not.
                app.say(format!(
                    "Wrote {path}: plain text (mode 0600); the ledger is encrypted, this file is not."
                ));
            } else {
                app.say(format!("Wrote {path}"));
            }
        }
        Message::NotWritten(why) => app.complain(format!("Not written: {}", sanitize(&why))),
        Message::Edited { field, text } => edited(app, field, text),
        Message::NotSuspended => {
            let key = app.key(Action::Suspend);
            app.complain(format!(
                "Not suspended: {key} suspends only a UI started from a shell with job control, which brings it back with fg."
            ));
        }
    }
    fx
}

/// The numbers that moved, as a clause after what a change did: `; #11 is now #12`.
fn moves_clause(moves: &[follow::Moved]) -> String {
    if moves.is_empty() {
        String::new()
    } else {
        format!("; {}", follow::said(moves))
    }
}

/// Adds the numbers that moved to what the status line says, a sentence of their own.
fn tell_moves(app: &mut App, moves: &[follow::Moved]) {
    if !moves.is_empty() {
        let text = std::mem::take(&mut app.status.text);
        app.status.text = then(text, &format!(" {}.", follow::said(moves)));
    }
}

/// Shows `ledger` with its scores (computed here when none came along); what was shown until
/// then goes to the worker's thread to be let go of, since freeing 100,000 promises takes
/// milliseconds a key press should not wait for. Every record the person has in hand is
/// followed by uid ([`follow::follow`]); returns the promises among them whose number moved.
fn show(
    app: &mut App,
    ledger: Arc<Ledger>,
    scores: Option<Arc<Scores>>,
    fx: &mut Vec<Effect>,
) -> Vec<follow::Moved> {
    let ledger = std::mem::replace(&mut app.ledger, ledger);
    let moves = follow::follow(app, &ledger);
    let scores = match scores {
        Some(scores) => app.take_scores(scores),
        None => {
            app.rebuild();
            None
        }
    };
    fx.push(Effect::Discard {
        ledger,
        scores: scores.map(Box::new),
    });
    moves
}

/// Takes a ledger read from the file, with its scores when they came along, rescoring only
/// when it is not the one shown. An open form whose record is gone stays open, saying so, so
/// that what was typed can still be read (and copied) and the next `Enter` is not taken by
/// the view under it; returns whether it said so, and the numbers that moved under what the
/// person has in hand ([`show`]).
fn adopt(
    app: &mut App,
    ledger: Arc<Ledger>,
    scores: Option<Arc<Scores>>,
    fx: &mut Vec<Effect>,
) -> (bool, Vec<follow::Moved>) {
    if Arc::ptr_eq(&app.ledger, &ledger) {
        return (false, Vec::new());
    }
    let asked_about = asked_about(app);
    let moves = show(app, ledger, scores, fx);
    if super::prep::follow(app) {
        return (true, moves);
    }
    if let Some((about, uid)) = asked_about
        && matches!(app.popup, Some(Popup::Confirm(_)))
        && app.ledger.promise_by_uid(uid).is_none()
        && app.ledger.person_by_uid(uid).is_none()
    {
        // Its answer is no longer the person's to give: `y` would say "no promise #12".
        app.popup = None;
        app.complain(format!(
            "{about} was deleted elsewhere meanwhile, so the question is closed."
        ));
        return (true, moves);
    }
    let gone = match &app.popup {
        Some(Popup::Form(form)) if !form.saving => {
            form.target_gone(&app.ledger).then(|| gone_text(app, form))
        }
        _ => return (false, moves),
    };
    let Some(Popup::Form(form)) = &mut app.popup else {
        return (false, moves);
    };
    match gone {
        Some(gone) => {
            form.error = Some(gone.clone());
            app.complain(gone);
            (true, moves)
        }
        None => {
            form.follow(&app.ledger);
            (false, moves)
        }
    }
}

/// The record the delete question open asks about, in words (`Promise #12`, `Priya Raman`),
/// and its uid, by which it is known to be gone once the ledger changes under the question.
fn asked_about(app: &App) -> Option<(String, crate::core::Uid)> {
    let Some(Popup::Confirm(confirm)) = &app.popup else {
        return None;
    };
    match &confirm.change {
        Change::DeletePromise { promise } => {
            Some((format!("Promise #{}", promise.id), promise.uid?))
        }
        Change::DeletePerson { person, .. } => app
            .ledger
            .person(person.id)
            .map(|p| (told_apart(app, p), p.uid)),
        _ => None,
    }
}

/// What a form whose record was deleted elsewhere says, with the key that closes it.
fn gone_text(app: &App, form: &Form) -> String {
    let close = app
        .keys
        .key_of(Action::Cancel, &[Context::Form])
        .unwrap_or_else(|| Action::Cancel.name().to_string());
    format!(
        "{}: its record was deleted elsewhere, so this cannot be saved. {close} closes it.",
        form.title
    )
}

/// `. u undoes`: the key of `action` in the view shown, which is where the person is once a
/// change is saved; nothing when that view has no key for it (a key of another view would
/// not do it here).
fn hint(app: &App, action: Action, does: &str) -> String {
    app.keys
        .key_of(action, &app.view_contexts())
        .map_or(String::new(), |key| format!(". {key} {does}"))
}

/// On a file that may not be written, says why nothing can be saved (in the form, when one
/// is open) and returns true.
fn refused_as_read_only(app: &mut App) -> bool {
    let Some(reason) = &app.read_only else {
        return false;
    };
    let text = format!("Not saved: {reason}.");
    match &mut app.popup {
        Some(Popup::Form(form)) => form.error = Some(text),
        _ => app.complain(text),
    }
    true
}

/// Sends a change to be saved. A form waits for the outcome; everything else goes on.
pub(super) fn send(app: &mut App, change: Change, purpose: Purpose, fx: &mut Vec<Effect>) {
    if refused_as_read_only(app) {
        return;
    }
    // An undo pressed while a save was under way undoes what came before it: a change sent
    // before it has run would be what it undid.
    if !app.queued_undos.is_empty() && !matches!(purpose, Purpose::Undo(_) | Purpose::Redo(_)) {
        let text =
            "Not yet: the undo or redo pressed meanwhile comes first; try again in a moment.";
        match &mut app.popup {
            Some(Popup::Form(form)) => form.error = Some(text.to_string()),
            _ => {
                app.refused_behind_undo += 1;
                app.complain(text);
            }
        }
        return;
    }
    if purpose == Purpose::Form
        && let Some(Popup::Form(form)) = &mut app.popup
    {
        form.saving = true;
    }
    app.saving += 1;
    fx.push(Effect::Save {
        change: Box::new(change),
        basis: app.basis(),
        purpose,
    });
}

fn merged_note(merged: bool) -> &'static str {
    if merged {
        " (merged with a change saved elsewhere)"
    } else {
        ""
    }
}

/// `text` and then `more`, a sentence of its own: a full stop between them where `text` does
/// not end with one (a hint such as ". u undoes" does not).
fn then(mut text: String, more: &str) -> String {
    if !more.is_empty() && !text.ends_with('.') {
        text.push('.');
    }
    text.push_str(more);
    text
}

/// What the conflict copies merged in with a change did, a sentence each: a number that
/// moved must be told, or one quoted on the other machine would name another promise here.
/// Then each copy that could not be read: what it holds never arrives.
fn copies_note(merged_in: &MergedIn) -> String {
    let merged = merged_in.copies.iter().map(|lines| {
        format!(
            " Merged a file-sync tool's conflict copy: {}.",
            lines.join("; ")
        )
    });
    let unread = merged_in.unread.iter().map(|copy| {
        format!(
            " Left a file-sync tool's conflict copy that cannot be read where it is: {copy}; `trustladder check` lists it."
        )
    });
    merged.chain(unread).collect()
}

/// A change came back saved: remember it for undo, select what it touched and say so.
/// `moves` are the numbers that moved under what the person has in hand, as the save merged
/// what was saved elsewhere: said with the rest, so "#12 kept" for the promise `d` was pressed
/// on as #11 is not a surprise.
fn saved(
    app: &mut App,
    purpose: Purpose,
    applied: &Applied,
    merged_in: &MergedIn,
    mut moves: Vec<follow::Moved>,
) {
    let merged = merged_in.elsewhere;
    let left = words::left(&applied.left);
    let kept = if left.is_empty() {
        String::new()
    } else {
        format!(" Left alone: {left}.")
    };
    // A form says which of the fields it left alone hold what was saved elsewhere.
    let from_elsewhere = match (&purpose, &app.popup) {
        (Purpose::Form, Some(Popup::Form(form))) => form.kept_from_elsewhere(&app.ledger),
        _ => Vec::new(),
    };
    let merged = if from_elsewhere.is_empty() {
        merged_note(merged).to_string()
    } else {
        format!(
            " (merged with a change saved elsewhere, which set {})",
            crate::core::text::listed(&from_elsewhere, "and")
        )
    };
    let (entry, undo) = match purpose {
        Purpose::Change | Purpose::Form | Purpose::Triage(_) => {
            if purpose == Purpose::Form {
                app.popup = None;
            }
            let Some(inverse) = applied.inverse.clone() else {
                app.say(format!("Nothing changed.{kept}"));
                tell_moves(app, &moves);
                return;
            };
            let what = words::done(applied, &app.ledger, &show_archived_key(app));
            app.history
                .push(Entry::new(what.clone(), inverse, applied.promise()));
            select(app, applied);
            let undo = hint(app, Action::Undo, "undoes");
            let copies = copies_note(merged_in);
            let moved = moves_clause(&moves);
            let text = format!("{what}{merged}{moved}{undo}");
            app.say(then(then(text, &kept), &copies));
            return;
        }
        Purpose::Undo(entry) => (entry, true),
        Purpose::Redo(entry) => (entry, false),
    };
    // The words name the promise by the number it has now (the undo may have met a merge
    // that moved it, or put it back under a new number where its own was taken).
    let mut entry = *entry;
    if let Some(moved) = follow::follow_entry(&mut entry, &app.ledger, applied.inverse.as_ref()) {
        moves.push(moved);
        moves.sort();
        moves.dedup();
    }
    let (verb, again) = if undo {
        ("undo", hint(app, Action::Redo, "redoes"))
    } else {
        ("redo", hint(app, Action::Undo, "undoes"))
    };
    let Some(inverse) = applied.inverse.clone() else {
        app.say(if left.is_empty() {
            format!("Nothing to {verb} of {}.", entry.what)
        } else {
            // The step is used up though others remain: "skipped", not "nothing to undo".
            format!("{} skipped: {left}.", crate::core::text::capitalized(verb))
        });
        tell_moves(app, &moves);
        return;
    };
    // A person put back whose handle was taken meanwhile comes back under another: said.
    let renamed: String = match &entry.inverse {
        Change::PutBack { people, .. } => people
            .iter()
            .filter_map(|was| {
                let now = app.ledger.person_by_uid(was.uid)?;
                (now.handle != was.handle).then(|| {
                    format!(
                        "; {} is back as {}, since {} is taken",
                        sanitize(&now.name),
                        sanitize(&now.handle),
                        sanitize(&was.handle)
                    )
                })
            })
            .collect(),
        _ => String::new(),
    };
    let entry = Entry { inverse, ..entry };
    let done = if undo { "Undid" } else { "Redid" };
    let moved = moves_clause(&moves);
    // An archive redone says how many open promises leave the agenda now, not when it was
    // first made: the shell may have added some since.
    let what = match &applied.done {
        Done::EditedPerson { fields, .. } if !undo && fields.as_slice() == ["archived"] => {
            words::done(applied, &app.ledger, &show_archived_key(app))
        }
        _ => entry.what.clone(),
    };
    let text = format!("{done}: {what}{renamed}{merged}{moved}{again}");
    let copies = copies_note(merged_in);
    app.say(then(then(text, &kept), &copies));
    // A redo that left something alone did less than the change it redid: from now on the
    // step is named by what it did ("removed 1 promise"), not by what it once was ("Deleted
    // Leo Park and 1 promise").
    let entry = if !undo && !applied.left.is_empty() {
        let did = words::done(applied, &app.ledger, &show_archived_key(app));
        Entry {
            what: crate::core::text::capitalized(&did),
            ..entry
        }
    } else {
        entry
    };
    if undo {
        app.history.push_undone(entry);
    } else {
        app.history.push_done(entry);
    }
    select(app, applied);
}

/// The key that shows archived people's promises in the agenda, as the words of an archive
/// name it.
fn show_archived_key(app: &App) -> String {
    app.keys
        .key_of(Action::ShowArchived, &[Context::Agenda])
        .unwrap_or_else(|| Action::ShowArchived.name().to_string())
}

/// What a change that was not saved was, in words, for the line printed after quitting.
fn unsaved_what(app: &App, purpose: &Purpose) -> Option<String> {
    match purpose {
        Purpose::Triage(id) => Some(format!("the outcome of #{id}")),
        Purpose::Undo(entry) => Some(format!("the undo of \"{}\"", entry.what)),
        Purpose::Redo(entry) => Some(format!("the redo of \"{}\"", entry.what)),
        Purpose::Form => match &app.popup {
            Some(Popup::Form(form)) => Some(format!("the form \"{}\"", form.title)),
            _ => None,
        },
        Purpose::Change => None,
    }
}

/// Once the undos that waited are done, what was refused meanwhile is said again: the status
/// line has moved on since, and the file shows nothing of it.
fn say_refused_behind_undo(app: &mut App) {
    let n = std::mem::take(&mut app.refused_behind_undo);
    let said = app.status.text.clone();
    let keys = crate::core::text::counted(n, "key", "keys");
    let it = if n == 1 { "it" } else { "them" };
    // First, so a narrow status line cuts what the undo said rather than what to do.
    app.complain(format!(
        "{keys} pressed while the undo waited did nothing; press {it} again. {said}"
    ));
}

/// A change came back refused: at the form's field when a form sent it, else on the status
/// line; an undo or redo the ledger's rules refuse is skipped, one that failed otherwise
/// stays where it was.
fn failed(app: &mut App, purpose: Purpose, error: &SaveError) {
    let message = sanitize(&error.message);
    let conflict_help = format!(
        "Changed elsewhere meanwhile: {} saves yours, {} keeps theirs.",
        app.keys
            .key_of(Action::Save, &[Context::Form])
            .unwrap_or_else(|| Action::Save.name().to_string()),
        app.keys
            .key_of(Action::Cancel, &[Context::Form])
            .unwrap_or_else(|| Action::Cancel.name().to_string()),
    );
    match purpose {
        Purpose::Form => match (&mut app.popup, &error.refusal) {
            (Some(Popup::Form(form)), Some(LedgerError::SameName { name, handles })) => {
                // Someone of that name is here: ask rather than refuse or add a twin unasked.
                let question = format!(
                    "{} is already here ({}). Add another person of that name?",
                    sanitize(name),
                    sanitize(handles)
                );
                let change = form.submit().map(|change| match change {
                    Change::AddPerson {
                        name, role, note, ..
                    } => Change::AddPerson {
                        name,
                        role,
                        note,
                        again: true,
                    },
                    other => other,
                });
                if let Some(change) = change {
                    app.popup = Some(Popup::Confirm(Box::new(Confirm {
                        title: "Same name",
                        question,
                        yes: "add another",
                        no: "edit the name",
                        change,
                        instead: None,
                        form: Some(form.clone()),
                    })));
                    // What the status line said of the form before (a field to fix) is
                    // answered: the question is what is left.
                    app.say("Not added yet: someone of that name is here.");
                }
            }
            (Some(Popup::Form(form)), _) => {
                form.refused(error.refusal.as_ref(), &message, &app.ledger);
                if form.in_conflict() {
                    // The form's own wording, with the keys in force.
                    form.error = Some(conflict_help);
                }
                // As for a form that does not check: an older line there ("Waiting for
                // another trustladder process…") must not read as the answer.
                app.complain("Not saved: see the form.".to_string());
            }
            _ => app.complain(format!("Not saved: {message}")),
        },
        Purpose::Triage(id) => app.complain(format!("#{id} not saved: {message}")),
        Purpose::Change => app.complain(format!("Not saved: {message}")),
        // Refused by the ledger's rules as it is now (a name someone has taken since): the
        // step is skipped, as a clash with a change made elsewhere is, so the steps before
        // it can still be taken. Anything else (a disk full, the lock held) leaves it where
        // it was, to try again.
        Purpose::Undo(ref entry) | Purpose::Redo(ref entry) if error.refusal.is_some() => {
            let verb = if matches!(purpose, Purpose::Undo(_)) {
                "Undo"
            } else {
                "Redo"
            };
            let why = match &error.refusal {
                Some(LedgerError::NameTaken { name, handle }) => format!(
                    "{} is already the name of {}",
                    sanitize(name),
                    sanitize(handle)
                ),
                _ => message,
            };
            app.complain(format!("{verb} skipped: {why} ({}).", entry.what));
        }
        Purpose::Undo(mut entry) => {
            follow::follow_entry(&mut entry, &app.ledger, None);
            app.history.push_done(*entry);
            app.complain(format!("Could not undo: {message}"));
        }
        Purpose::Redo(mut entry) => {
            follow::follow_entry(&mut entry, &app.ledger, None);
            app.history.push_undone(*entry);
            app.complain(format!("Could not redo: {message}"));
        }
    }
}

/// Selects the person and promise a change was about, so the cursor shows what just
/// changed (or came back).
fn select(app: &mut App, applied: &Applied) {
    if let Some(person) = applied.person() {
        app.people.select(person);
        if app.view == View::Person && app.person != Some(person) {
            app.open_person(person, app.came_from);
        }
    }
    if let Some(promise) = applied.promise() {
        if let Some(person) = app.ledger.promise(promise).map(|p| p.person)
            && app.view == View::Person
            && app.person != Some(person)
        {
            app.open_person(person, app.came_from);
        }
        app.promises.select(promise);
        if let Some(row) = app.agenda.items.iter().find(|(_, id)| *id == promise) {
            let row = *row;
            app.agenda.select(row);
        }
    }
    if let Done::DeletedPerson { .. } = applied.done
        && app.view == View::Person
        && app.person.is_none()
    {
        app.view = View::People;
    }
}

fn on_key(app: &mut App, key: &KeyEvent, fx: &mut Vec<Effect>) {
    if key.kind != KeyEventKind::Press {
        return;
    }
    if app.too_small() {
        // Only a message is drawn: every other key would act unseen. With a form open only
        // the force-quit key quits, so a `q` meant for the form never ends the program.
        let form = matches!(app.popup, Some(Popup::Form(_)));
        match app.keys.action_for(key, &app.view_contexts()) {
            Some(Action::ForceQuit) => act(app, Action::ForceQuit, fx),
            Some(Action::Quit) if !form => act(app, Action::Quit, fx),
            Some(Action::Suspend) => act(app, Action::Suspend, fx),
            _ => {}
        }
        return;
    }
    let action = app.keys.action_for(key, &app.contexts());
    if action == Some(Action::ForceQuit) {
        app.quit = true;
        app.quit_now = true;
        return;
    }
    if action == Some(Action::Redraw) {
        app.redraw = true;
        return;
    }
    // Whatever is open stays open, as it was, for when the UI is brought back.
    if action == Some(Action::Suspend) {
        fx.push(Effect::Suspend);
        return;
    }
    match app.popup.take() {
        Some(Popup::Form(form)) => form_key(app, form, key, action, fx),
        Some(Popup::Confirm(confirm)) => confirm_key(app, *confirm, action, fx),
        Some(Popup::Help(popup)) => help::key(app, popup, key, action),
        Some(Popup::Prep(popup)) => super::prep::key(app, popup, action, fx),
        None if app.filtering => filter_key(app, key, action),
        None => {
            if let Some(action) = action {
                act(app, action, fx);
            }
        }
    }
}

/// A key on a question: yes sends its change, the archive key what it offers instead (when it
/// does), no closes it; any other key leaves it open.
fn confirm_key(app: &mut App, mut confirm: Confirm, action: Option<Action>, fx: &mut Vec<Effect>) {
    match (action, confirm.instead.take()) {
        (Some(Action::Confirm), _) => send(app, confirm.change, Purpose::Change, fx),
        (Some(Action::Archive), Some(instead)) => send(app, instead, Purpose::Change, fx),
        (Some(Action::Cancel), _) => match confirm.form {
            Some(mut form) => {
                form.focus = 0;
                form.saving = false;
                app.popup = Some(Popup::Form(form));
                app.say("Not added: change the name, or close the form to add no one.");
            }
            None => app.say("Nothing changed."),
        },
        (_, instead) => {
            confirm.instead = instead;
            app.popup = Some(Popup::Confirm(Box::new(confirm)));
        }
    }
}

/// The mouse, when the config turns it on: the wheel moves as `j` and `k` do (the selection,
/// or the help and the prep), and a click picks a tab or a row where the last frame drew it.
/// A form or the delete question takes keys only.
fn on_mouse(app: &mut App, mouse: &MouseEvent, fx: &mut Vec<Effect>) {
    if app.too_small() {
        return;
    }
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Down),
        MouseEventKind::ScrollUp => Some(Action::Up),
        _ => None,
    };
    match app.popup.take() {
        Some(Popup::Help(mut popup)) => {
            popup.scroll = help::scrolled(app, popup.scroll, wheel);
            app.popup = Some(Popup::Help(popup));
        }
        Some(Popup::Prep(popup)) => super::prep::key(app, popup, wheel, fx),
        Some(other) => app.popup = Some(other),
        None => match (wheel, mouse.kind) {
            (Some(step), _) => act(app, step, fx),
            (None, MouseEventKind::Down(MouseButton::Left)) => {
                click(app, Position::new(mouse.column, mouse.row));
            }
            _ => {}
        },
    }
}

/// A click on a view: a tab switches to its view, a row is selected.
fn click(app: &mut App, at: Position) {
    if let Some(view) = app.regions.tab_at(at) {
        // Leaving the filter line keeps the filter, as Enter does, and says so: "Type to
        // filter" stayed, and the next letter ran a command.
        if app.filtering {
            keep_filter(app);
        }
        match (view, app.person_tab()) {
            (View::Person, Some(id)) => app.open_person(id, app.view),
            (View::Person, None) => {}
            (view, _) => app.view = view,
        }
        return;
    }
    if let Some(row) = app.regions.row_at(at) {
        let rows = match app.view {
            View::People => app.people.items.len(),
            View::Person => app.promises.items.len(),
            View::Agenda => app.agenda.items.len(),
        };
        if row < rows {
            match app.view {
                View::People => app.people.select_row(row),
                View::Person => app.promises.select_row(row),
                View::Agenda => app.agenda.select_row(row),
            }
        }
    }
}

/// A paste goes into the text field being edited (a form's, the filter or the help's search being typed) as
/// text, on one line; anywhere else it changes nothing, so pasted text never runs commands.
fn on_paste(app: &mut App, text: &str) {
    match &mut app.popup {
        Some(Popup::Form(form)) if !form.saving => form.paste(text),
        // Pasted after the form's Enter: it waits for the save, as keys do.
        Some(Popup::Form(_)) => app.typed_meanwhile.push(Message::Paste(text.to_string())),
        Some(Popup::Help(popup)) => help::paste(popup, text),
        Some(_) => {}
        None if app.filtering => edit_filter(app, |e| e.insert(&forms::one_line(text))),
        None => {}
    }
}

/// Closes the filter line, keeping what was typed as the filter, and says so.
fn keep_filter(app: &mut App) {
    app.filtering = false;
    let text = if app.view == View::Person {
        app.promise_filter.text()
    } else {
        &app.filter
    };
    if text.is_empty() {
        // Nothing typed is no filter: the line closes without words about one.
        let back = chart_back(app);
        app.say_here(if back { "The chart is back." } else { "" });
    } else {
        let text = sanitize(text);
        app.say_here(format!(
            "Filter '{text}'.{}",
            app.bound_key(Action::Back)
                .map_or_else(String::new, |key| format!(" {key} clears it."))
        ));
    }
}

fn filter_key(app: &mut App, key: &KeyEvent, action: Option<Action>) {
    match action {
        Some(Action::ApplyFilter) => keep_filter(app),
        Some(Action::ClearFilter) => {
            app.filtering = false;
            clear_filter(app);
        }
        _ => edit_filter(app, |e| {
            e.key(key);
        }),
    }
}

/// Edits the filter of the view: the person view's own on a person's page, else the lists'
/// (people and agenda); the rows follow the text when it changed.
/// Clears the view's filter; on a person's page whose chart gave way to it, the chart comes
/// back, as the person had it.
fn clear_filter(app: &mut App) {
    let cursor = app.people.current();
    edit_filter(app, |e| e.set(""));
    // Back on the person whose page was left while the filter hid them, where the cursor
    // has not moved since.
    if app.view != View::Person
        && let Some((id, then)) = app.reselect.take()
        && cursor == then
    {
        app.people.select(id);
    }
    if chart_back(app) {
        app.say_here("Filter cleared; the chart is back.");
    } else {
        app.say_here("Filter cleared.");
    }
}

/// Brings back the chart that gave way to the filter on a person's page; whether it did.
fn chart_back(app: &mut App) -> bool {
    let back = app.view == View::Person && std::mem::take(&mut app.chart_gave_way);
    if back {
        app.chart = Some(true);
    }
    back
}

fn edit_filter(app: &mut App, edit: impl FnOnce(&mut LineEditor)) {
    if app.view == View::Person {
        let before = app.promise_filter.text().to_string();
        edit(&mut app.promise_filter);
        if app.promise_filter.text() != before {
            app.refilter_person();
        }
    } else {
        edit(&mut app.filter_editor);
        if app.filter_editor.text() != app.filter {
            app.filter = app.filter_editor.text().to_string();
            app.refilter();
        }
    }
}

fn form_key(
    app: &mut App,
    mut form: Form,
    key: &KeyEvent,
    action: Option<Action>,
    fx: &mut Vec<Effect>,
) {
    if form.saving {
        // The outcome of the save decides what happens to the form, and to the keys typed
        // meanwhile.
        app.typed_meanwhile.push(Message::Key(*key));
        app.popup = Some(Popup::Form(form));
        return;
    }
    match action {
        Some(Action::Cancel) if form.in_conflict() => {
            form.keep_theirs();
            submit(app, form, fx);
            if app.popup.is_none() {
                app.say("Kept what was saved elsewhere; nothing else to save.");
            }
            return;
        }
        Some(Action::Cancel) => {
            app.say(format!("{}: cancelled, nothing saved.", form.title));
            return;
        }
        Some(Action::EditInEditor) => match form.fields.get(form.focus) {
            Some(forms::Field {
                key,
                value: forms::Value::Text(editor),
                ..
            }) => fx.push(Effect::Edit {
                field: *key,
                text: editor.text().to_string(),
            }),
            _ => app.say("Only a text field opens in the editor."),
        },
        Some(Action::NextField) => form.move_focus(true),
        Some(Action::PrevField) => form.move_focus(false),
        Some(Action::Save) if form.target_gone(&app.ledger) => {
            app.complain(gone_text(app, &form));
        }
        Some(Action::Save) => {
            form.keep_mine();
            submit(app, form, fx);
            return;
        }
        _ => form.edit(key),
    }
    app.popup = Some(Popup::Form(form));
}

/// The text of a field came back from the user's editor: it goes into the field (on one line,
/// as a paste does) if the form is still open on it.
fn edited(app: &mut App, field: forms::Key, text: Result<String, String>) {
    let Some(Popup::Form(form)) = &mut app.popup else {
        return;
    };
    match text {
        Ok(text) if !form.saving => {
            if form.set_text(field, &forms::one_line(text.trim_end())) {
                app.say("The text is back from the editor.");
            }
        }
        Ok(_) => {}
        Err(why) => app.complain(format!(
            "The editor: {}; the field is as it was.",
            sanitize(&why)
        )),
    }
}

/// Checks the form and sends its change; an edit that sets nothing just closes.
fn submit(app: &mut App, mut form: Form, fx: &mut Vec<Effect>) {
    let Some(change) = form.submit() else {
        // The field says what is wrong; the status line says why nothing happened, so an
        // older message there does not read as the answer.
        let labels: Vec<&str> = form
            .fields
            .iter()
            .filter(|f| f.error.is_some())
            .map(|f| f.label)
            .collect();
        app.complain(match labels.as_slice() {
            [] => "Not saved: see the form.".to_string(),
            [one] => format!("Not saved: {one} needs fixing (see under it)."),
            many => format!(
                "Not saved: {} need fixing (see under each).",
                crate::core::text::listed(many, "and")
            ),
        });
        app.popup = Some(Popup::Form(form));
        return;
    };
    let unchanged = match &change {
        Change::EditPerson { patch, .. } => patch.is_empty(),
        Change::EditPromise { patch, .. } => patch.is_empty(),
        _ => false,
    };
    if unchanged {
        app.say("Nothing changed.");
        return;
    }
    // What the last Enter was refused for is fixed: it is not said beside the save.
    if app.status.error {
        app.status = StatusLine::default();
    }
    app.popup = Some(Popup::Form(form));
    send(app, change, Purpose::Form, fx);
}

fn undo_redo(app: &mut App, undo: bool, fx: &mut Vec<Effect>) {
    // Each undo needs the outcome of the save before it: one pressed meanwhile waits its turn.
    if app.saving > 0 {
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

fn act(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    match action {
        Action::Quit => {
            app.quit = true;
            if app.saving > 0 {
                let now = app.key(Action::ForceQuit);
                app.say(format!(
                    "Quitting once the change is saved; {now} quits now."
                ));
            }
        }
        Action::ForceQuit => {
            app.quit = true;
            app.quit_now = true;
        }
        Action::Redraw => app.redraw = true,
        Action::Suspend => fx.push(Effect::Suspend),
        Action::Help => app.popup = Some(Popup::Help(HelpPopup::default())),
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
            if super::views::chart_covers_promises(app) {
                app.chart = Some(false);
                app.chart_gave_way = true;
                app.say(format!(
                    "Chart hidden to show the promises. Type to filter; {how}."
                ));
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
        Action::MarkKept => resolve(app, None, fx),
        Action::MarkKeptLate => resolve(app, Some(Status::KeptLate), fx),
        Action::MarkBroken => resolve(app, Some(Status::Broken), fx),
        Action::Release => resolve(app, Some(Status::Released), fx),
        // The agenda lists open promises only; a resolved one is on its person's page.
        Action::Reopen if app.view == View::Agenda => {
            let open = match app.bound_key(Action::Open) {
                Some(open) => format!(" ({open} opens that page)"),
                None => String::new(),
            };
            app.complain(format!(
                "The agenda lists open promises only: reopen a resolved one on its person's page{open}."
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
        Action::Chart => {
            app.chart = Some(!super::views::chart_shown(app));
            app.chart_gave_way = false;
            let key = app.key(Action::Chart);
            app.say_here(if super::views::chart_shown(app) {
                format!("Chart shown; {key} hides it.")
            } else {
                format!("Chart hidden; {key} shows it.")
            });
        }
        Action::PickPromise => {
            let keys = app.keys_for(Action::PickPromise);
            let open = app.key(Action::Open);
            // The agenda is the next view only while no person has a tab; then the one
            // before.
            let agenda = if app.person_tab().is_some() {
                app.key(Action::PrevView)
            } else {
                app.key(Action::NextView)
            };
            // True only on the people list: it goes when they move to a view of promises.
            app.say_here(format!(
                "{keys} act on a promise: {open} opens the person, {agenda} the agenda."
            ));
        }
        Action::Prep => super::prep::open(app),
        Action::Undo => undo_redo(app, true, fx),
        Action::Redo => undo_redo(app, false, fx),
        Action::NextField
        | Action::PrevField
        | Action::Save
        | Action::Cancel
        | Action::EditInEditor
        | Action::Choose
        | Action::Confirm
        | Action::ApplyFilter
        | Action::ClearFilter
        | Action::WritePrep
        | Action::CopyPrep
        | Action::SavePrep => {}
    }
}

fn step(app: &mut App, delta: isize) {
    match app.view {
        View::People => app.people.step(delta),
        View::Person => {
            // Moving a selection the chart hides would leave it on a promise never seen.
            if !chart_in_the_way(app) {
                app.promises.step(delta);
            }
        }
        View::Agenda => app.agenda.step(delta),
    }
}

/// Whether the chart stands in the promises' place on a short screen, which is then said:
/// what acts on the selected promise, or moves it, waits until they show again.
fn chart_in_the_way(app: &mut App) -> bool {
    let covers = super::views::chart_covers_promises(app);
    if covers {
        let chart = app.key(Action::Chart);
        app.say(format!(
            "The chart is in the promises' place: {chart} shows them again."
        ));
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
        _ => app.view = next,
    }
}

fn open(app: &mut App) {
    match app.view {
        View::People => match app.people.current() {
            Some(id) => app.open_person(id, View::People),
            None => {
                let said = no_one_listed(app, "No one here yet");
                app.say(said);
            }
        },
        View::Agenda => {
            let Some(id) = app.selected_promise() else {
                if app.filter.is_empty() {
                    let said = super::views::nothing_open(app);
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
            if super::views::chart_covers_promises(app) {
                promise_or_complain(app);
                return;
            }
            let Some(id) = app.promises.current() else {
                if app.promise_filter.text().is_empty() {
                    let said = super::views::no_promises_with(app);
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
            app.popup = form.map(Popup::Form);
        }
    }
}

fn back(app: &mut App) {
    match app.view {
        View::Person if !app.promise_filter.text().is_empty() => clear_filter(app),
        View::Person => {
            app.view = if app.came_from == View::Person {
                View::People
            } else {
                app.came_from
            };
            if let Some(id) = app.person {
                app.people.select(id);
                if app.people.current() != Some(id) {
                    app.reselect = Some((id, app.people.current()));
                    if app.view == View::People {
                        say_where_they_went(app, id);
                    }
                }
            }
        }
        View::Agenda | View::People if !app.filter.is_empty() => clear_filter(app),
        View::Agenda => app.view = View::People,
        View::People => {}
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
    let cursor = app
        .people
        .current()
        .and_then(|other| app.ledger.person(other))
        .map(|other| format!("; the cursor is on {}", told_apart(app, other)))
        .unwrap_or_default();
    app.say_here(format!("{why}{cursor}."));
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

fn edit(app: &mut App) {
    match app.view {
        View::People => match app.people.current() {
            Some(id) => {
                app.popup = Some(Popup::Form(Form::person(app.ledger(), Some(id), app.today)));
            }
            None => {
                let said = no_one_listed(app, "No one to edit");
                app.say(said);
            }
        },
        View::Person | View::Agenda => {
            if let Some(id) = promise_or_complain(app) {
                app.popup = Form::edit_promise(app.ledger(), id, app.today).map(Popup::Form);
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
    if !ledger.people.iter().any(|p| !p.archived) {
        app.complain("Add a person first: p.");
        return;
    }
    let person = app.selected_person();
    if let Some(p) = person.and_then(|id| ledger.person(id))
        && p.archived
    {
        let name = sanitize(&p.name);
        let restore = restores(app, "them first");
        app.complain(format!("{name} is archived: {restore}."));
        return;
    }
    app.popup = Some(Popup::Form(Form::new_promise(
        ledger, person, kept, app.today,
    )));
}

fn promise_or_complain(app: &mut App) -> Option<PromiseId> {
    if chart_in_the_way(app) {
        return None;
    }
    let found = app.selected_promise();
    if found.is_none() {
        match app.view {
            View::People => {
                let open = app.key(Action::Open);
                app.say(format!("Pick a promise first: {open} opens the person."));
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
            _ => app.say("No promise selected."),
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
fn resolve(app: &mut App, status: Option<Status>, fx: &mut Vec<Effect>) {
    if promise_or_complain(app).is_none() {
        return;
    }
    let Some(id) = app.triage_target() else {
        app.say("Still saving the promises marked from here down; nothing left to mark.");
        return;
    };
    let Some(promise) = app.ledger().promise(id) else {
        return;
    };
    if promise.status != Status::Open {
        let now = promise.status.label();
        app.complain(match app.bound_key(Action::Reopen) {
            Some(reopen) => format!("#{id} is already {now}: {reopen} reopens it."),
            None => format!("#{id} is already {now}."),
        });
        return;
    }
    // Looking back at a day before the promise was made: no outcome can be given then (the
    // day it was made is after the day shown, so it would be one in the future).
    if promise.made > app.today {
        app.complain(format!(
            "#{id} cannot be resolved on {}, before it was made ({}).",
            app.today, promise.made
        ));
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
fn told_apart(app: &App, p: &Person) -> String {
    if app.cache.named_alike.contains_key(&p.id) {
        format!("{} ({})", sanitize(&p.name), sanitize(&p.handle))
    } else {
        sanitize(&p.name)
    }
}

fn delete(app: &mut App) {
    if super::views::chart_covers_promises(app) {
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
                question: follow::delete_question(id, &p.what),
                change: Change::DeletePromise {
                    promise: Target::exact(id, p.uid),
                },
                instead: None,
                form: None,
            })
        }),
    };
    match confirm {
        Some(c) => app.popup = Some(Popup::Confirm(Box::new(c))),
        None => app.say("Nothing selected to delete."),
    }
}

fn archive(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(person) = app.selected_person().and_then(|id| app.ledger.person(id)) else {
        app.say("No person selected.");
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
