//! `update`: the one place the model changes. It never touches the disk or the clock: a
//! change goes out as an [`Effect`] and its outcome comes back as a [`Message`], so tests
//! drive every flow with messages exactly as the run loop does, without a terminal or a file.

use std::sync::Arc;

use super::app::{App, Popup, Scores, StatusLine, View};
use super::forms::Form;
use super::keymap::Action;
use super::message::{Effect, Message, Purpose};
use crate::core::text::sanitize;
use crate::core::{Change, Ledger, PromiseId, Status};

mod actions;
mod follow;
mod help;
mod input;
mod messages;
mod saved;

use actions::{cursor_on_person, told_apart, undo_redo};
use input::{edited, on_key, on_mouse, on_paste};
use saved::{ended, failed, saved, say_refused_behind_undo, then, unsaved_what};

pub(super) use saved::send;

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

/// The first line shown after a moving key (or the wheel) over a popup's text, from line
/// `from`, `max` being the last line it can start at: the help, the prep and the messages
/// scroll alike. Any other action leaves it where it is.
pub(super) fn scrolled_to(app: &App, from: u16, max: u16, action: Option<Action>) -> u16 {
    match action {
        Some(Action::Down) => from.saturating_add(1),
        Some(Action::Up) => from.saturating_sub(1),
        Some(Action::PageDown) => from.saturating_add(page(app)),
        Some(Action::PageUp) => from.saturating_sub(page(app)),
        Some(Action::Top) => 0,
        Some(Action::Bottom) => max,
        _ => from,
    }
    .min(max)
}

/// Applies one message to the model and returns what the run loop should do outside it.
pub fn update(app: &mut App, message: Message) -> Vec<Effect> {
    // What was said outside `update` (the welcome, the config file's problems) is kept before
    // anything replaces it.
    app.note_status();
    let place = (app.view, app.person);
    // What the status line said, kept only while no popup is open: only then can a message
    // open a form or a question.
    let said = app.popup.is_none().then(|| app.status.clone());
    // What the status line said over the 1:1 prep, kept while it is open.
    let said_over_prep = matches!(app.popup, Some(Popup::Prep(_))).then(|| app.status.clone());
    // The popup open, as a key that does nothing in it names it.
    let popup_named = app.popup.as_ref().and_then(input::popup_named);
    // A key pressed after a save failed: the status line that said so was in sight.
    let pressed = match &message {
        Message::Key(key) => key.kind == ratatui::crossterm::event::KeyEventKind::Press,
        Message::Mouse(_) | Message::Paste(_) => true,
        _ => false,
    };
    if pressed {
        app.unsaved_unseen.clear();
        app.said_since_key = None;
    }
    let fx = apply(app, message);
    // Words about the place left (how to clear its filter) would mislead in the next one.
    if (app.view, app.person) != place && app.status.only_in == Some(place) {
        app.status = StatusLine::default();
    }
    // A prep just closed takes with it what was said over it and not since ("u undoes once
    // Esc closes the prep", "Copied the prep"): about the prep, not the page under it.
    if !matches!(app.popup, Some(Popup::Prep(_))) && said_over_prep.is_some_and(|s| app.status == s)
    {
        app.status = StatusLine::default();
    }
    // So does the help or the messages: what a key that does nothing said of them.
    if let Some(named) = popup_named
        && app.popup.as_ref().and_then(input::popup_named) != Some(named)
        && app
            .status
            .text
            .contains(&format!(" does nothing in {named}: "))
    {
        app.status = StatusLine::default();
    }
    // A form or a question just opened starts with nothing said under it: what was said
    // before it (the last form "cancelled, nothing saved") is not about it.
    if matches!(app.popup, Some(Popup::Form(_) | Popup::Confirm(_)))
        && said.as_ref().is_some_and(|said| app.status == *said)
    {
        app.status = StatusLine::default();
    }
    // The help or the 1:1 prep just opened over the page starts with nothing said under it
    // either: what was said of the page it covers ("? lists every key", "Nothing to go back
    // to") reads as said of it. Not an error (why something was refused, which still holds),
    // nor while a change is saving, which the status line follows to its end.
    if matches!(app.popup, Some(Popup::Help(_) | Popup::Prep(_)))
        && app.saving == 0
        && said.is_some_and(|said| !said.error && app.status == said)
    {
        app.status = StatusLine::default();
    }
    app.note_status();
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
            if let Some(form) = app.form_in_hand_mut() {
                form.tick();
            }
            if today != app.today {
                app.today = today;
                // An open form reads its date words, and dates what it makes, by the new day.
                if let Some(form) = app.form_in_hand_mut() {
                    form.new_day(today);
                }
                app.rebuild();
                if !super::prep::new_day(app) {
                    app.say(format!("It is {} now.", today.format("%A %-d %B")));
                }
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
            // A refusal said while this save was under way, and still on the status line.
            let standing = app
                .complained_while_saving
                .take()
                .filter(|said| app.status.error && app.status.text.starts_with(said.as_str()));
            saved(app, purpose.clone(), &applied, &merged, moves);
            if let Some(said) = standing {
                // First, so a narrow status line cuts what was saved rather than the refusal;
                // kept for the saves still to come back.
                let text = format!("{said} {}", app.status.text);
                app.complain(text);
                app.complained_while_saving = (app.saving > 0).then_some(said);
            }
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
            // Named, as the screen that said what it was is gone by the time this shows.
            let named = {
                let message = sanitize(&error.message);
                match unsaved_what(app, &purpose) {
                    Some(what) => format!("{what}: {message}"),
                    None => message,
                }
            };
            if app.quit {
                app.unsaved_at_quit.push(named.clone());
            }
            app.unsaved_unseen.push(named);
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
            // Said again after the next save's outcome as what was not saved, in its words.
            app.complained_while_saving = None;
            let dropped = app.queued_undos.len();
            app.queued_undos.clear();
            if dropped > 0 {
                let text = format!(
                    "{} (so the {} pressed meanwhile {} not done).",
                    app.status.text.trim_end_matches('.'),
                    if dropped == 1 {
                        "undo or redo"
                    } else {
                        "undos and redos"
                    },
                    if dropped == 1 { "was" } else { "were" }
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
            // What the last key's change said, before anything the reload says.
            let said_since_key = app.said_since_key.take().filter(|_| app.saving == 0);
            let (said_before, mut kept) = (app.said, None);
            // A file made read-only under the UI (or writable again) is said when it happens,
            // not first at the next change refused; with the reload, where it came with one
            // (a newer trustladder's file copied over it), or the reload's words hid it.
            let turned = match (&app.read_only, &read_only) {
                (None, Some(reason)) => Some((format!("Now read-only: {reason}."), true)),
                (Some(_), None) => Some(("The data file can be changed again.".to_string(), false)),
                _ => None,
            };
            match &turned {
                Some((text, true)) => app.complain(text.clone()),
                Some((text, false)) => app.say(text.clone()),
                None => {}
            }
            app.read_only = read_only;
            app.reload_failing = None;
            if !Arc::ptr_eq(&app.ledger, &ledger) {
                // The person whose page is open, by name, in case the reload takes them away.
                let page = (app.view == View::Person)
                    .then_some(app.person)
                    .flatten()
                    .and_then(|id| app.ledger.person(id).map(|p| (p.uid, told_apart(app, p))));
                // The colleague under the People cursor, by uid and name, in case it goes.
                let person_under_cursor = (app.view == View::People)
                    .then(|| app.people.current())
                    .flatten()
                    .and_then(|id| app.ledger.person(id).map(|p| (p.uid, told_apart(app, p))));
                // The promise under the cursor, by its uid, which a renumbering keeps.
                let under_cursor = app
                    .selected_promise()
                    .and_then(|id| app.ledger.promise(id))
                    .map(|p| (p.id, p.uid));
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
                    // Its own short form, where it has one (see `left_the_list`).
                    let mut own_short = None;
                    let (text, here) = if let Some((_, name)) =
                        page.filter(|(uid, _)| app.ledger.person_by_uid(*uid).is_none())
                    {
                        // Their page closed under the user: said, with where the cursor is.
                        let cursor = cursor_on_person(app);
                        let text =
                            format!("{name} was deleted elsewhere, so their page closed{cursor}.");
                        (text, false)
                    } else if let Some(left) =
                        person_under_cursor.and_then(|was| person_left(app, was))
                    {
                        // The colleague under the cursor went: said, or the next key acts on
                        // another than the one the user last saw there.
                        let cursor = cursor_on_person(app);
                        (format!("Reloaded: {left}{cursor}{moved}."), true)
                    } else if let Some((left, short)) =
                        under_cursor.and_then(|was| left_the_list(app, was))
                    {
                        // The row under the cursor went: said, or the next key acts on another
                        // promise than the one the user last saw there.
                        own_short = Some(format!("Reloaded: {short}{moved}."));
                        (format!("Reloaded: {left}{moved}."), true)
                    } else {
                        // True where it was said: it goes with the next move to another view.
                        let reload = format!("Reloaded: the file was changed elsewhere{moved}.");
                        // What the last key's change said stays in front ("#19 added for Ana
                        // Ruiz."), or it is gone before it is read where the file is written
                        // often elsewhere; not where a number it names has moved.
                        kept = said_since_key
                            .clone()
                            .filter(|_| turned.is_none() && moved.is_empty());
                        match &kept {
                            Some(own) => (format!("{} {reload}", ended(&own.text)), true),
                            None => (reload, true),
                        }
                    };
                    // A form's refusal still marked under its field stays said beside the
                    // reload: the reload alone read as if the form had been saved.
                    let refusal = standing_refusal(app);
                    // Where the line is too narrow for both, what the reload found (the
                    // "Reloaded: ..." said here) gives way to the refusal, which is what to act
                    // on; a page closed under the user does not.
                    let mut short = refusal
                        .as_ref()
                        .filter(|_| here)
                        .map(|refusal| format!("Reloaded. {refusal}"))
                        .or(own_short);
                    let text = match &refusal {
                        Some(refusal) => format!("{text} {refusal}"),
                        None => text,
                    };
                    match turned {
                        Some((turned, error)) if error || refusal.is_some() => {
                            short = short.map(|short| format!("{short} {turned}"));
                            app.complain(format!("{text} {turned}"))
                        }
                        Some((turned, _)) => {
                            short = short.map(|short| format!("{short} {turned}"));
                            app.say(format!("{text} {turned}"))
                        }
                        None if refusal.is_some() => app.complain(text),
                        None if here => app.say_here(text),
                        None => app.say(text),
                    }
                    app.status.short = short;
                    // Its own short form first, where it has one ("…; what you typed is kept.
                    // Reloaded.", not "…; opened… Reloaded.").
                    if let Some(own) = &kept {
                        let own = own.short.as_ref().unwrap_or(&own.text);
                        app.status.short = Some(format!("{} Reloaded.", ended(own)));
                    }
                }
            }
            // The reload's own words are none of the last key's: only what it kept in front
            // is, or all that was, where the reload said nothing.
            app.said_since_key = if app.said == said_before {
                said_since_key
            } else {
                kept
            };
        }
        // Said once: the same failure every second would wipe out what the status line says
        // meanwhile (a change refused because of it).
        Message::ReloadFailed(e) => {
            if app.reload_failing.as_ref() != Some(&e) {
                // The ledger shown is the last good one, whatever the file's own message says
                // of backups: the key that keeps it comes first, where the cut cannot reach.
                let keep = app.if_bound(Action::KeepCopy, |k| {
                    format!(" ({k} writes the ledger shown to a new file beside it)")
                });
                app.complain(format!("Could not reload{keep}: {e}"));
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
                let now = app.if_bound(Action::ForceQuit, |k| format!("; {k} quits now"));
                app.say(format!("{waiting} then quitting{now}."));
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
        Message::KeptCopy {
            path: Ok(path),
            plain_of_encrypted,
        } => {
            let path = sanitize(&path.display().to_string());
            let plain = if plain_of_encrypted {
                " (plain text, mode 0600: the ledger is encrypted, this file is not)"
            } else {
                ""
            };
            app.say(format!(
                "Wrote the ledger shown to {path}{plain}; the data file is left as it is. Check the copy (`trustladder --file {path} check`), then put it in place of the data file."
            ));
        }
        Message::KeptCopy { path: Err(why), .. } => {
            app.complain(format!("No copy written: {}", sanitize(&why)))
        }
        Message::Edited { field, text } => edited(app, field, text),
        Message::NotSuspended => {
            let only =
                "only a UI started from a shell with job control, which brings it back with fg";
            let key = app.bound_key(Action::Suspend);
            app.complain(match &key {
                Some(key) => format!("Not suspended: {key} suspends {only}."),
                None => format!("Not suspended: it works for {only}."),
            });
            // Where the line cuts it (a person's page at 60 columns, "…started from a…"),
            // what it needs.
            let key = key.unwrap_or_else(|| "it".to_string());
            app.status.short = Some(format!(
                "Not suspended: {key} needs a shell with job control."
            ));
        }
    }
    fx
}

/// What the status line says of the form open, where it refused to save and a field of it is
/// still marked: "Not saved: Name needs fixing (see under it)." Made from the fields, not
/// taken from the status line, which after a first reload says the reload too: a second one
/// said it twice. Only of a save refused ([`Form::refused`]): a field a change elsewhere
/// marked, with another complaint on the line, read as a save refused that was never tried.
fn standing_refusal(app: &App) -> Option<String> {
    let Some(Popup::Form(form)) = &app.popup else {
        return None;
    };
    (form.refused && app.status.error && form.fields.iter().any(|field| field.error.is_some()))
        .then(|| input::not_saved(form))
}

/// What became of the colleague the People cursor was on (`was`: uid and name) where a reload
/// took them off the list: deleted, or archived while the archived are hidden.
fn person_left(app: &App, was: (crate::core::Uid, String)) -> Option<String> {
    let (uid, name) = was;
    match app.ledger.person_by_uid(uid) {
        None => Some(format!("{name} was deleted elsewhere")),
        Some(p) if p.archived && app.people.current() != Some(p.id) => {
            Some(format!("{name} was archived elsewhere"))
        }
        Some(_) => None,
    }
}

/// Why the promise that was under the cursor (`was`: its number then, and its uid) is no
/// longer in the list shown, and which row the cursor is on now; `None` while it still is.
/// One the list still holds but its filter hides is said so, with the key that clears it:
/// it did not leave, and clearing the filter shows it again. Then its short form, without
/// "under the cursor", for a line that would cut the whole before where the cursor is (a
/// person's page at 60x16).
fn left_the_list(app: &App, was: (PromiseId, crate::core::Uid)) -> Option<(String, String)> {
    let (id, uid) = was;
    let now = app.ledger.promise_by_uid(uid);
    if now.is_some_and(|p| app.selected_promise() == Some(p.id)) {
        return None;
    }
    let unfiltered = |p: &crate::core::Promise| match app.view {
        View::Agenda => app.cache.agenda.iter().any(|(_, row)| *row == p.id),
        View::Person => app.cache.person_promises.contains(&p.id),
        View::People => false,
    };
    let why = match now {
        None => "was deleted elsewhere".to_string(),
        Some(p) if unfiltered(p) => {
            let clears = app.if_bound(Action::Back, |key| format!(" ({key} clears it)"));
            format!("no longer matches the filter{clears}")
        }
        Some(p) if app.view == View::Agenda && p.status != Status::Open => {
            format!(
                "was marked {} elsewhere, so it left the agenda",
                p.status.label()
            )
        }
        Some(_) if app.view == View::Agenda => "left the agenda".to_string(),
        Some(_) => "left the list".to_string(),
    };
    let cursor = app.selected_promise().map_or_else(
        || "no row is selected".to_string(),
        |on| format!("the cursor is on #{on}"),
    );
    Some((
        format!("#{id}, under the cursor, {why}; {cursor}"),
        format!("#{id} {why}; {cursor}"),
    ))
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
        // Where the line cuts it (a person's page at 60x16, "…, so the…"), in fewer words.
        app.status.short = Some(format!(
            "{about} was deleted elsewhere; the question closed."
        ));
        return (true, moves);
    }
    // A promise changed elsewhere since the question is not deleted (`y` would be refused):
    // the question, which shows it as it was, closes now, saying so.
    if let Some(Popup::Confirm(confirm)) = &app.popup
        && let Some(id) = confirm.change.seen_changed(&app.ledger)
    {
        app.popup = None;
        app.complain(format!(
            "Promise #{id} was changed elsewhere meanwhile, so the question is closed: look at \
             it again, and delete it again if that is still meant."
        ));
        // Where the line cuts it (a person's page at 60x16), what to do kept.
        app.status.short = Some(format!(
            "#{id} changed elsewhere; question closed: look at it again."
        ));
        return (true, moves);
    }
    // The "Same name" question, once no one of that name is here (deleted or renamed
    // elsewhere meanwhile), asks about no one: it goes back to the form, what was typed
    // kept, whose save key now adds them without asking.
    if let Some(Popup::Confirm(confirm)) = &app.popup
        && let (Some(form), Change::AddPerson { name, .. }) = (&confirm.form, &confirm.change)
        && app.ledger.same_name(name).is_empty()
    {
        let text = format!(
            "No one named {} is here now (deleted or renamed elsewhere meanwhile): {} adds them.",
            sanitize(name.trim()),
            app.form_keys().save
        );
        let mut form = form.clone();
        form.saving = false;
        app.popup = Some(Popup::Form(form));
        app.say(text);
        return (true, moves);
    }
    let keys = app.form_keys();
    let gone = match app.form_in_hand() {
        Some(form) if !form.saving => form.target_gone(&app.ledger).then(|| gone_text(app, form)),
        _ => return (false, moves),
    };
    let ledger = Arc::clone(&app.ledger);
    let Some(form) = app.form_in_hand_mut() else {
        return (false, moves);
    };
    match gone {
        Some((gone, short)) => {
            form.follow(&ledger, &keys);
            form.error = Some(gone.clone());
            app.complain(gone);
            app.status.short = Some(short);
            (true, moves)
        }
        None => {
            form.follow(&ledger, &keys);
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
        Change::DeletePromise { promise, .. } => {
            Some((format!("Promise #{}", promise.id), promise.uid?))
        }
        Change::DeletePerson { person, .. } => app
            .ledger
            .person(person.id)
            .map(|p| (told_apart(app, p), p.uid)),
        _ => None,
    }
}

/// What a form whose record was deleted elsewhere says, with the key that closes it; then its
/// short form, for a line that cut the whole before its way out (a person's page at 60
/// columns: "its record was deleted… Esc closes it.", what cannot be done cut).
fn gone_text(app: &App, form: &Form) -> (String, String) {
    let close = app.form_keys().cancel;
    (
        format!(
            "{}: its record was deleted elsewhere, so this cannot be saved. {close} closes it.",
            form.title
        ),
        format!("{}: deleted elsewhere. {close} closes it.", form.title),
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
