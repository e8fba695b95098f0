//! A change sent to be saved, and what its outcome says: the status line, the cursor on what
//! changed, and a save refused or failed told in words that say what was kept.

use crate::core::change::Done;
use crate::core::text::sanitize;
use crate::core::{Applied, Change, LedgerError, PersonId};
use crate::tui::app::{App, Confirm, Popup, View};
use crate::tui::history::Entry;
use crate::tui::keymap::{Action, Context};
use crate::tui::message::{Effect, MergedIn, Purpose, SaveError};
use crate::tui::words;

use super::{hint, moves_clause, refused_as_read_only, tell_moves};

/// What a change or undo refused until the saves before it are back says where the whole
/// would be cut (a person's page at 60 columns): when to press it again, the why read with
/// `m`.
pub(super) const NOT_YET: &str = "Not yet: try again in a moment.";

/// Sends a change to be saved. A form waits for the outcome; everything else goes on.
pub(in crate::tui) fn send(app: &mut App, change: Change, purpose: Purpose, fx: &mut Vec<Effect>) {
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
                app.status.short = Some(NOT_YET.to_string());
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
pub(super) fn then(mut text: String, more: &str) -> String {
    if !more.is_empty() && !text.ends_with('.') {
        text.push('.');
    }
    text.push_str(more);
    text
}

/// Why the core or the store refused a change (or what a change said, before a reload's
/// words), ended as the status line ends the sentences it says itself, with a full stop: the
/// command line prints the same words without one, as all its `trustladder: …` lines read.
pub(super) fn ended(reason: &str) -> String {
    if reason.ends_with(['.', '?', '!', '…']) {
        reason.to_string()
    } else {
        format!("{reason}.")
    }
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
pub(super) fn saved(
    app: &mut App,
    purpose: Purpose,
    applied: &Applied,
    merged_in: &MergedIn,
    mut moves: Vec<super::follow::Moved>,
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
            let (what, note) = words::said(applied, &app.ledger, &show_archived_key(app));
            app.history.push(Entry::new(
                what.clone(),
                note.clone(),
                inverse,
                applied.promise(),
            ));
            let what = match note {
                Some(note) => format!("{what}; {note}"),
                None => what,
            };
            select(app, applied);
            let hidden = filter_hides(app, applied);
            let mut undo = hint(app, Action::Undo, "undoes");
            // Recorded from the prep, which stays open: undo is a key of the page under it.
            if matches!(app.popup, Some(Popup::Prep(_)))
                && !undo.is_empty()
                && let Some(close) = app.keys.key_of(Action::Cancel, &[Context::Prep])
            {
                undo = format!("{undo} once {close} closes the prep");
            }
            let copies = copies_note(merged_in);
            let moved = moves_clause(&moves);
            let text = format!("{what}{merged}{hidden}{moved}{undo}");
            app.say(then(then(text, &kept), &copies));
            return;
        }
        Purpose::Undo(entry) => (entry, true),
        Purpose::Redo(entry) => (entry, false),
    };
    // The words name the promise by the number it has now (the undo may have met a merge
    // that moved it, or put it back under a new number where its own was taken).
    let mut entry = *entry;
    if let Some(moved) =
        super::follow::follow_entry(&mut entry, &app.ledger, applied.inverse.as_ref())
    {
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
    // Undone, the change is named without what was so once it was made ("overdue already",
    // "3 open promises left the agenda"), which the undo makes untrue. An archive redone
    // says how many open promises leave the agenda now, not when it was first made: the
    // shell may have added some since.
    let what = match (&applied.done, &entry.note) {
        _ if undo => entry.what.clone(),
        (Done::EditedPerson { fields, .. }, _) if fields.as_slice() == ["archived"] => {
            words::done(applied, &app.ledger, &show_archived_key(app))
        }
        (_, Some(note)) => format!("{}; {note}", entry.what),
        (Done::EditedPromise { id, fields }, None) if fields.contains(&"outcome") => {
            redone_keep(app, *id, &entry.what)
        }
        (_, None) => entry.what.clone(),
    };
    let opened = select(app, applied)
        .and_then(|id| app.ledger.person(id))
        .map(|p| format!("; {}'s page is shown", super::actions::told_apart(app, p)))
        .unwrap_or_default();
    let hidden = filter_hides(app, applied);
    let copies = copies_note(merged_in);
    let said = |opened: &str| {
        let text = format!("{done}: {what}{renamed}{opened}{merged}{hidden}{moved}{again}");
        then(then(text, &kept), &copies)
    };
    if opened.is_empty() {
        app.say(said(""));
    } else {
        // Where the line cuts the whole (a person's page at 60 columns, "Marcus Chen's page
        // is…"), the page says whose it is on its first line: that a page was opened is what
        // the next key needs to know.
        app.say_short(said(&opened), said("; their page is shown"));
    }
    // A redo that left something alone did less than the change it redid: from now on the
    // step is named by what it did ("removed 1 promise"), not by what it once was ("Deleted
    // Leo Park and 1 promise").
    let entry = if !undo && !applied.left.is_empty() {
        let did = words::done(applied, &app.ledger, &show_archived_key(app));
        Entry {
            what: crate::core::text::capitalized(&did),
            note: None,
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
}

/// The key that shows archived people's promises in the agenda, as the words of an archive
/// name it.
fn show_archived_key(app: &App) -> String {
    app.keys
        .key_of(Action::ShowArchived, &[Context::Agenda])
        .unwrap_or_else(|| Action::ShowArchived.name().to_string())
}

/// What a change that was not saved was, in words, for the line printed after quitting.
pub(super) fn unsaved_what(app: &App, purpose: &Purpose) -> Option<String> {
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
pub(super) fn say_refused_behind_undo(app: &mut App) {
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
pub(super) fn failed(app: &mut App, purpose: Purpose, error: &SaveError) {
    let message = sanitize(&error.message);
    let keys = app.form_keys();
    match purpose {
        Purpose::Form => match (&mut app.popup, &error.refusal) {
            (Some(Popup::Form(form)), Some(LedgerError::SameName { name, handles, .. })) => {
                // Someone of that name is here: ask rather than refuse or add a twin unasked.
                // The handles say who is archived: restoring them may be what was meant.
                let question = format!(
                    "{} is already here as {}. Add another person of that name?",
                    sanitize(name),
                    sanitize(handles)
                );
                let change = form.submit(&keys).map(|change| match change {
                    Change::AddPerson {
                        name,
                        role,
                        note,
                        cadence_days,
                        ..
                    } => Change::AddPerson {
                        name,
                        role,
                        note,
                        cadence_days,
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
                form.refused(error.refusal.as_ref(), &message, &app.ledger, &keys);
                // As for a form that does not check: an older line there ("Waiting for
                // another trustladder process…") must not read as the answer.
                let said = super::input::not_saved(form);
                app.complain(said);
            }
            _ => app.complain(format!("Not saved: {}", ended(&message))),
        },
        Purpose::Triage(id) if matches!(error.refusal, Some(LedgerError::NoSuchPromise(_))) => {
            app.complain(format!(
                "#{id} was deleted elsewhere meanwhile; nothing was saved."
            ));
        }
        Purpose::Triage(id) => app.complain(format!("#{id} not saved: {}", ended(&message))),
        Purpose::Change => {
            app.complain(format!("Not saved: {}", ended(&message)));
            // A promise's delete refused as it changed since the question: where the line cuts
            // it (a person's page at 60 columns) before "nothing was deleted", that first.
            if let Some(LedgerError::PromiseChanged(id)) = &error.refusal {
                app.status.short = Some(format!(
                    "Not deleted: #{id} changed elsewhere; look at it again."
                ));
            }
        }
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
                Some(LedgerError::NameTaken {
                    name,
                    handle,
                    archived,
                }) => format!(
                    "{} is already the name of {}{}",
                    sanitize(name),
                    sanitize(handle),
                    if *archived { " (archived)" } else { "" }
                ),
                _ => message,
            };
            app.complain(format!("{verb} skipped: {why} ({}).", entry.what));
        }
        Purpose::Undo(mut entry) => {
            super::follow::follow_entry(&mut entry, &app.ledger, None);
            app.history.push_done(*entry);
            app.complain(format!("Could not undo: {}", ended(&message)));
        }
        Purpose::Redo(mut entry) => {
            super::follow::follow_entry(&mut entry, &app.ledger, None);
            app.history.push_undone(*entry);
            app.complain(format!("Could not redo: {}", ended(&message)));
        }
    }
}

/// Selects the person and promise a change was about, so the cursor shows what just
/// changed (or came back).
/// Selects what changed; on a person's page, one who is not the person shown opens theirs,
/// and is returned: an undo or redo says so, or the next key would act on a page it did not
/// expect.
fn select(app: &mut App, applied: &Applied) -> Option<PersonId> {
    let mut opened = None;
    if let Some(person) = applied.person() {
        app.people.select(person);
        if app.view == View::Person && app.person != Some(person) {
            app.open_person(person, app.came_from);
            opened = Some(person);
        }
    }
    if let Some(promise) = applied.promise() {
        if let Some(person) = app.ledger.promise(promise).map(|p| p.person)
            && app.view == View::Person
            && app.person != Some(person)
        {
            app.open_person(person, app.came_from);
            opened = Some(person);
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
    opened.filter(|_| app.view == View::Person)
}

/// `; the filter hides them (Esc clears it)`: the person or promise a change here made or
/// set back belongs in the list shown, but its filter hides it, so the cursor could not go
/// to it and stays on another row, which the next key would act on. Clearing the filter
/// then puts the cursor on it (unless it was moved meanwhile). Empty where it shows, or
/// where it left the list for another reason (deleted, archived, resolved out of the agenda).
fn filter_hides(app: &mut App, applied: &Applied) -> String {
    let hidden = match app.view {
        View::People => applied
            .person()
            .filter(|id| {
                !app.filter.is_empty()
                    && app.people.current() != Some(*id)
                    && app
                        .ledger
                        .person(*id)
                        .is_some_and(|p| app.show_archived || !p.archived)
            })
            .map(|id| {
                app.reselect = Some((id, app.people.current()));
                "them"
            }),
        View::Person | View::Agenda => applied
            .promise()
            .filter(|id| {
                let listed = if app.view == View::Person {
                    app.cache.person_promises.contains(id)
                } else {
                    app.cache.agenda.iter().any(|(_, row)| row == id)
                };
                listed && app.selected_promise() != Some(*id)
            })
            .map(|id| {
                app.reselect_promise = Some((app.view, id, app.selected_promise()));
                "it"
            }),
    };
    hidden.map_or_else(String::new, |them| {
        let clears = app.if_bound(Action::Back, |key| format!(" ({key} clears it)"));
        format!("; the filter hides {them}{clears}")
    })
}

/// The words of a keep redone (`#1 kept`), as it was saved: a redo is kept or kept late as
/// the due date says when it is redone, which a due date moved elsewhere since may have
/// turned from what the keep first said.
fn redone_keep(app: &App, id: crate::core::PromiseId, what: &str) -> String {
    use crate::core::Status;
    let Some(now) = app.ledger.promise(id).map(|p| p.status) else {
        return what.to_string();
    };
    let turned = |from: Status, to: Status| {
        what.strip_suffix(from.label())
            .filter(|head| head.ends_with(' '))
            .map(|head| format!("{head}{}", to.label()))
    };
    match now {
        Status::Kept => turned(Status::KeptLate, Status::Kept),
        Status::KeptLate if !what.ends_with(Status::KeptLate.label()) => {
            turned(Status::Kept, Status::KeptLate)
        }
        _ => None,
    }
    .unwrap_or_else(|| what.to_string())
}
