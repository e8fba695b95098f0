//! Keys, the mouse and pastes, routed by what has the focus: a form, a question, the filter
//! being typed, or the page itself (whose actions are in `actions`).

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use crate::core::Change;
use crate::core::text::sanitize;
use crate::tui::app::{App, Confirm, MessagesPopup, Popup, StatusLine, View};
use crate::tui::editor::LineEditor;
use crate::tui::forms::{self, Edited, Form};
use crate::tui::keymap::{Action, Context, Keystroke};
use crate::tui::message::{Effect, Message, NotEdited, Purpose};
use crate::tui::paste;

use super::actions::act;
use super::gone_text;
use super::saved::send;

pub(super) fn on_key(app: &mut App, key: &KeyEvent, fx: &mut Vec<Effect>) {
    if key.kind != KeyEventKind::Press {
        return;
    }
    if app.too_small() {
        // Only a message is drawn: every other key would act unseen. With a form open (or
        // the question over one) only the force-quit key quits, so a `q` meant for the form
        // never ends the program.
        let typing = app.holds_typing();
        let_go_of_quit(app);
        match app.keys.action_for(key, &app.view_contexts()) {
            Some(Action::ForceQuit) => act(app, Action::ForceQuit, fx),
            // No question over kept drafts: it would not be drawn.
            Some(Action::Quit) if !typing => {
                app.quit_asked = true;
                act(app, Action::Quit, fx)
            }
            Some(Action::Suspend) => act(app, Action::Suspend, fx),
            _ => {}
        }
        return;
    }
    // The archive key in the question archives instead only where it offers to (before a
    // person's delete): in a promise's it does nothing, and says so as any other key there
    // does, where it said nothing and seemed not to have been pressed.
    let action = app.keys.action_for(key, &app.contexts()).filter(|&action| {
        action != Action::Archive
            || !matches!(&app.popup, Some(Popup::Confirm(question)) if question.instead.is_none())
    });
    // A quit asked about quits on the same key pressed next, and on no other.
    if action != Some(Action::Quit) {
        let_go_of_quit(app);
    }
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
    if action.is_none()
        && let Some((tail, short)) = app.popup.as_ref().and_then(|p| does_nothing_in(app, p))
    {
        let label = Keystroke::of(key).label();
        app.say_short(format!("{label}{tail}"), format!("{label}{short}"));
        return;
    }
    match app.popup.take() {
        Some(Popup::Form(form)) => form_key(app, form, key, action, fx),
        Some(Popup::Confirm(confirm)) => confirm_key(app, *confirm, action, fx),
        Some(Popup::Help(popup)) => super::help::key(app, popup, key, action),
        Some(Popup::Prep(popup)) => crate::tui::prep::key(app, popup, action, fx),
        Some(Popup::Messages(popup)) => super::messages::key(app, popup, action),
        None if app.filtering => filter_key(app, key, action),
        None => match action {
            Some(action) => act(app, action, fx),
            None => works_elsewhere(app, key),
        },
    }
}

/// Where a key that does nothing in the open popup says so: the help (but for its search
/// being typed, which every key edits), the 1:1 prep, the messages and the question, which
/// take only their own keys (the question said nothing, so a key seemed not to have been
/// pressed). A form is left out: its other keys type.
pub(super) fn popup_named(popup: &Popup) -> Option<&'static str> {
    match popup {
        Popup::Help(help) if !help.typing => Some("the help"),
        Popup::Prep(_) => Some("the 1:1 prep"),
        Popup::Messages(_) => Some("the messages"),
        Popup::Confirm(_) => Some("the question"),
        Popup::Form(_) | Popup::Help(_) => None,
    }
}

/// What a key that does nothing in `popup` says after the key (`z does nothing in the 1:1
/// prep: …`): that it takes the keys below (the hint bar's, also in the border of the prep
/// and the messages) and those that scroll it, and which key closes it, as the hint bar and
/// the help's title say; short enough for two rows of the status line at 60 columns. It
/// said nothing, so the key seemed not to have been pressed, where a key of another view
/// says where it works. Then its short form, which names the closing key alone, for a line
/// that cuts the whole (keys rebound to several, at 60 columns) before that key (`…; n…`):
/// the question has no key that shows it in full.
fn does_nothing_in(app: &App, popup: &Popup) -> Option<(String, String)> {
    let named = popup_named(popup)?;
    let (context, close) = match popup {
        // With a search kept, Esc clears it, and the cancel key closes the help.
        Popup::Help(help) if help.search.text().is_empty() => (Context::Help, Action::Back),
        Popup::Help(_) => (Context::Help, Action::Cancel),
        Popup::Prep(_) => (Context::Prep, Action::Cancel),
        Popup::Confirm(_) => (Context::Confirm, Action::Cancel),
        _ => (Context::Messages, Action::Cancel),
    };
    let (they, them) = if matches!(popup, Popup::Messages(_)) {
        ("they take", "them")
    } else {
        ("it takes", "it")
    };
    let key = |action: Action| app.keys.key_of(action, &[context]);
    let scroll = match (key(Action::Down), key(Action::Up)) {
        (Some(down), Some(up)) => format!(", and {down}/{up} to scroll"),
        (Some(one), None) | (None, Some(one)) => format!(", and {one} to scroll"),
        (None, None) => String::new(),
    };
    let close = key(close).map_or_else(String::new, |k| format!("; {k} closes {them}"));
    Some((
        format!(" does nothing in {named}: {they} the keys below{scroll}{close}."),
        format!(" does nothing in {named}{close}."),
    ))
}

/// Lets go of a quit asked about (by a key other than the quit key): the question goes from
/// the status line too, where it would say the quit key still quits.
fn let_go_of_quit(app: &mut App) {
    if app.quit_asked && app.status.text == super::actions::quit_question(app) {
        app.status = StatusLine::default();
    }
    app.quit_asked = false;
}

/// A key of another view, pressed where it does nothing (`a` in the agenda, `s` on a
/// person's page): says where it works, as a key that cannot act here does, where it said
/// nothing and seemed not to have been pressed. A key no view binds (one the config left
/// without an action, `quit = []`) says it does nothing here and which key lists them all,
/// as a popup says of a key that does nothing in it. The person's page's key that edits the
/// person, pressed on People, also names the key that edits the one selected there: it is
/// done here, by another key.
fn works_elsewhere(app: &mut App, key: &KeyEvent) {
    let place = |view: Context| match view {
        Context::People => "on People",
        Context::Person => "on a person's page",
        _ => "in the agenda",
    };
    let here = match app.view {
        View::People => Context::People,
        View::Person => Context::Person,
        View::Agenda => Context::Agenda,
    };
    let Some((label, word, works)) = app.keys.elsewhere(key) else {
        let help = app.if_bound(Action::Help, |k| format!("; {k} lists every key"));
        app.say_here(format!(
            "{} does nothing {}{help}.",
            Keystroke::of(key).label(),
            place(here)
        ));
        return;
    };
    let works: Vec<&str> = works.into_iter().map(place).collect();
    let edits_here = (here == Context::People
        && app.selected_person().is_some()
        && app.keys.action_for(key, &[Context::Person]) == Some(Action::EditPerson))
    .then(|| app.keys.key_of(Action::Edit, &[Context::People]))
    .flatten()
    .map_or_else(String::new, |edit| {
        format!("; {edit} edits the selected person here")
    });
    let works = crate::core::text::listed(&works, "and");
    app.say_here(format!(
        "{label} ({word}) works {works}, not {}{edits_here}.",
        place(here)
    ));
    // Where the line cuts it (a person's page at 60 columns, "…, not on a…"), where it works
    // is what to act on: where it is pressed is in sight.
    app.status.short = Some(format!("{label} ({word}) works {works}."));
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
                app.say_short(
                    "Not added: change the name, or close the form to add no one.",
                    "Not added: change the name, or close the form.",
                );
            }
            // Said as what was not done: "Nothing changed." read as if the key had missed.
            None => app.say(match confirm.change {
                Change::DeletePerson { .. } | Change::DeletePromise { .. } => "Not deleted.",
                _ => "Nothing changed.",
            }),
        },
        (_, instead) => {
            confirm.instead = instead;
            app.popup = Some(Popup::Confirm(Box::new(confirm)));
        }
    }
}

/// The mouse, when the config turns it on: the wheel moves as `j` and `k` do (the selection,
/// or the help, the prep and the messages), and a click picks a tab or a row where the last
/// frame drew it. A form or the delete question takes keys only. With the mouse off, the
/// terminal's reports are ignored: another program may have left them on.
pub(super) fn on_mouse(app: &mut App, mouse: &MouseEvent, fx: &mut Vec<Effect>) {
    if !app.mouse || app.too_small() {
        return;
    }
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Down),
        MouseEventKind::ScrollUp => Some(Action::Up),
        _ => None,
    };
    match app.popup.take() {
        Some(Popup::Help(mut popup)) => {
            popup.scroll = super::help::scrolled(app, popup.scroll, wheel);
            app.popup = Some(Popup::Help(popup));
        }
        Some(Popup::Prep(popup)) => crate::tui::prep::key(app, popup, wheel, fx),
        Some(Popup::Messages(popup)) => super::messages::key(app, popup, wheel),
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
            (view, _) => app.show(view),
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
/// text, on one line; on a form's choice it picks the option it names, or the status line
/// says why not; anywhere else it changes nothing, so pasted text never runs commands.
pub(super) fn on_paste(app: &mut App, text: &str) {
    match &mut app.popup {
        Some(Popup::Form(form)) if !form.saving => {
            if let Some(why) = form.paste(text) {
                app.complain(why);
            }
        }
        // Pasted after the form's Enter: it waits for the save, as keys do.
        Some(Popup::Form(_)) => app.typed_meanwhile.push(Message::Paste(text.to_string())),
        Some(Popup::Help(popup)) => super::help::paste(popup, text),
        Some(_) => {}
        None if app.filtering => edit_filter(app, |e| e.insert(&paste::one_line(text))),
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
pub(super) fn clear_filter(app: &mut App) {
    let cursor = app.people.current();
    let promise = app.selected_promise();
    edit_filter(app, |e| e.set(""));
    // Back on the person whose page was left while the filter hid them, where the cursor
    // has not moved since.
    if app.view != View::Person
        && let Some((id, then)) = app.reselect.take()
        && cursor == then
    {
        app.people.select(id);
    }
    // On the promise a change here left hidden by this view's filter, likewise.
    if let Some((view, id, then)) = app.reselect_promise.take()
        && view == app.view
        && promise == then
    {
        if view == View::Person {
            app.promises.select(id);
        } else if let Some(row) = app.agenda.items.iter().find(|(_, p)| *p == id) {
            let row = *row;
            app.agenda.select(row);
        }
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

/// Edits the filter being typed and lists what it matches. The row selected stays selected
/// while it matches; once it does not, the first match is, as a search finds it (the
/// selection kept its place in the list, and a shorter list put it on the last match).
fn edit_filter(app: &mut App, edit: impl FnOnce(&mut LineEditor)) {
    if app.view == View::Person {
        let before = app.promise_filter.text().to_string();
        let selected = app.promises.current();
        edit(&mut app.promise_filter);
        if app.promise_filter.text() != before {
            app.refilter_person();
            if app.promises.current() != selected {
                app.promises.select_row(0);
            }
        }
    } else {
        edit(&mut app.filter_editor);
        if app.filter_editor.text() != app.filter {
            let (person, promise) = (app.people.current(), app.agenda.current());
            app.filter = app.filter_editor.text().to_string();
            app.refilter();
            if app.people.current() != person {
                app.people.select_row(0);
            }
            if app.agenda.current() != promise {
                app.agenda.select_row(0);
            }
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
            app.cancel_form(form);
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
        Some(Action::FormMessages) => {
            let mut messages = MessagesPopup::at_top(&app.messages);
            messages.over = Some(Box::new(form));
            app.popup = Some(Popup::Messages(messages));
            return;
        }
        Some(Action::NextField) => form.move_focus(true),
        Some(Action::PrevField) => form.move_focus(false),
        Some(Action::Save) if form.target_gone(&app.ledger) => {
            let (gone, short) = gone_text(app, &form);
            app.complain(gone);
            app.status.short = Some(short);
        }
        Some(Action::Save) => {
            form.keep_mine();
            submit(app, form, fx);
            return;
        }
        _ => match form.edit(key) {
            Edited::NoOption(no) => {
                app.complain(no.whole);
                app.status.short = Some(no.short);
            }
            // Said once the form is back in place, where its keys are read.
            Edited::NotTaken => {
                app.popup = Some(Popup::Form(form));
                not_taken(app, key);
                return;
            }
            // The next key in the field (a letter that picks an option) takes back what the
            // letters before it were told: left up, it read as if that option were refused.
            Edited::Done if app.status.error && app.status.text.starts_with(forms::NO_OPTION) => {
                app.status = StatusLine::default();
            }
            Edited::Done => {}
        },
    }
    app.popup = Some(Popup::Form(form));
}

/// What a key the open form does not take says (`PgDn does nothing in the form: Enter save,
/// Esc cancel, Tab/↓ next field.`), where it said nothing and seemed not to have been
/// pressed: the form's own keys, as its border names them and the key map binds them where
/// the cursor is (`Tab`, not `Tab/↓`, on a choice, whose `↓` changes it), so keys rebound in
/// the config are named as bound. Its short form names the way out alone, for a line that
/// cuts the whole (a person's page at 60 columns).
fn not_taken(app: &mut App, key: &KeyEvent) {
    let Some(Popup::Form(form)) = &app.popup else {
        return;
    };
    let named: Vec<(Action, String)> = form
        .own_keys(app.ledger())
        .iter()
        .filter_map(|&(action, word)| {
            app.bound_keys(action)
                .map(|keys| (action, format!("{keys} {word}")))
        })
        .collect();
    let all: Vec<&str> = named.iter().map(|(_, keys)| keys.as_str()).collect();
    let label = Keystroke::of(key).label();
    let said = |keys: &str| format!("{label} does nothing in the form: {keys}.");
    let whole = said(&all.join(", "));
    let short = named
        .iter()
        .find(|(action, _)| *action == Action::Cancel)
        .map_or_else(|| whole.clone(), |(_, way_out)| said(way_out));
    app.say_short(whole, short);
}

/// The text of a field came back from the user's editor: it goes into the field (on one line,
/// as a paste does) if the form is still open on it.
pub(super) fn edited(app: &mut App, field: forms::Key, text: Result<String, NotEdited>) {
    let Some(Popup::Form(form)) = &mut app.popup else {
        return;
    };
    match text {
        Ok(text) if !form.saving => {
            if form.set_text(field, &paste::one_line(text.trim_end())) {
                app.say("The text is back from the editor.");
            }
        }
        Ok(_) => {}
        Err(why) => {
            app.complain(format!(
                "The editor: {}; the field is as it was.",
                sanitize(&why.to_string())
            ));
            // Cut at 60 columns before its fix (`set $VISUAL or…`): the short form keeps it.
            app.status.short = why.short().map(|short| sanitize(&short));
        }
    }
}

/// What the status line says of a form not saved: the fields to fix, by their labels.
pub(super) fn not_saved(form: &Form) -> String {
    let labels: Vec<&str> = form
        .fields
        .iter()
        .filter(|f| f.error.is_some())
        .map(|f| f.label)
        .collect();
    match labels.as_slice() {
        [] => "Not saved: see the form.".to_string(),
        [one] => format!("Not saved: {one} needs fixing (see under it)."),
        many => format!(
            "Not saved: {} need fixing (see under each).",
            crate::core::text::listed(many, "and")
        ),
    }
}

/// Checks the form and sends its change; an edit that sets nothing just closes.
fn submit(app: &mut App, mut form: Form, fx: &mut Vec<Effect>) {
    let Some(change) = form.submit(&app.form_keys()) else {
        // The field says what is wrong; the status line says why nothing happened, so an
        // older message there does not read as the answer.
        app.complain(not_saved(&form));
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::NaiveDate;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::core::Ledger;
    use crate::core::change::NewPromise;
    use crate::core::dates::parse_iso;
    use crate::tui::theme::Theme;
    use crate::tui::update::update;

    fn day(iso: &str) -> NaiveDate {
        parse_iso(iso).expect("a valid date")
    }

    fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
        update(app, Message::Key(KeyEvent::new(code, modifiers)));
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    /// The outcome the open form shows.
    fn outcome(app: &App) -> &str {
        match &app.popup {
            Some(Popup::Form(form)) => form.fields[0].shown(),
            other => panic!("expected a form, got {other:?}"),
        }
    }

    /// While the resolve form's outcome follows the day typed, a day the form refuses (after
    /// today, before the promise was made) leaves it as it was, where it turned kept late
    /// for `tomorrow` on a promise due today and kept for a day before one written down late
    /// was made.
    #[test]
    fn a_day_the_resolve_form_refuses_leaves_its_outcome_as_it_was() {
        let today = day("2026-11-24");
        let mut l = Ledger::default();
        let p = l.add_person("Priya", "", "", today).expect("a person");
        let due_today = NewPromise {
            due: Some(today),
            ..NewPromise::task(p, "Send the deck", day("2026-11-10"))
        };
        let due_today = l.add_promise(due_today, today).expect("a promise");
        // Written down on the 20th, five days after it was due.
        let written_late = NewPromise {
            due: Some(day("2026-11-15")),
            ..NewPromise::task(p, "Book the room", day("2026-11-20"))
        };
        let written_late = l.add_promise(written_late, today).expect("a promise");
        let mut app = App::on(
            Arc::new(l.clone()),
            "ledger.json".to_string(),
            today,
            Theme::mono(),
        );

        app.open_form(Form::resolve(&l, due_today, today).expect("an open promise"));
        assert_eq!(outcome(&app), "kept");
        press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
        typed(&mut app, "tomorrow");
        assert_eq!(outcome(&app), "kept", "tomorrow is refused, not late");
        press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
        typed(&mut app, "2026-11-23");
        assert_eq!(outcome(&app), "kept");
        press(&mut app, KeyCode::Esc, KeyModifiers::NONE);

        app.open_form(Form::resolve(&l, written_late, today).expect("an open promise"));
        assert_eq!(outcome(&app), "kept late");
        press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
        typed(&mut app, "2026-11-14");
        assert_eq!(
            outcome(&app),
            "kept late",
            "the 14th, before it was made, is refused, not on time"
        );
        press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
        typed(&mut app, "2026-11-21");
        assert_eq!(outcome(&app), "kept late");
    }
}
