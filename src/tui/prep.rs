//! The 1:1 prep popup's part of `update`: opening it on the person shown, scrolling, and its
//! three actions, each an effect or a change like any other (recording the prep is undone
//! with `u`).

use super::app::{App, Popup, PrepPopup};
use super::keymap::Action;
use super::message::{Effect, Purpose};
use super::update::{scrolled_to, send};
use crate::core::ledger::Among;
use crate::core::prep::{self, markdown::markdown};
use crate::core::text::sanitize;

/// Opens the prep of `id`: the person the person view shows, or the colleague selected on
/// People, whose next 1:1 is as near from the list as from their page.
pub fn open(app: &mut App, id: crate::core::PersonId) {
    let shown = app
        .ledger()
        .shown_with_everyone_on(app.today, app.looking_back);
    let Some((uid, last_recorded)) = app.ledger().person(id).map(|p| (p.uid, p.last_prep)) else {
        return;
    };
    let Some(agenda) = prep::prep_shown(&shown, id, app.today, None, last_recorded) else {
        return;
    };
    // A prep recorded on the day shown starts the window there, so this one lists nothing
    // that one listed from before it: said, as `trustladder prep` notes it, with the command
    // that looks further back (left out where the line is too short for it).
    let again = (agenda.since == prep::Since::LastPrep(app.today)).then(|| {
        let among = if agenda.person.archived {
            Among::Archived
        } else {
            Among::Active
        };
        let said = format!(
            "A prep with {} was recorded on this day already, so this one starts there",
            sanitize(&agenda.titled)
        );
        let whole = format!(
            "{said}; `trustladder prep {} --since DATE` looks further back.",
            shown.typed_as(agenda.person, among)
        );
        (whole, format!("{said}."))
    });
    let popup = PrepPopup {
        person: id,
        uid,
        name: sanitize(&agenda.titled),
        text: markdown(&agenda),
        since: agenda.since,
        stem: stem(&agenda.person.handle, app.today),
        scroll: 0,
        max: std::cell::Cell::new(u16::MAX),
    };
    app.popup = Some(Popup::Prep(popup));
    if let Some((whole, short)) = again {
        app.say(whole);
        app.status.short = Some(short);
    }
}

/// The name `w` writes a prep to, without its extension: `prep-HANDLE-DATE`, the handle cut
/// at a character where the whole name, with the `-100` a name taken a hundred times gets and
/// the `.md`, would pass the 255 bytes a file's name may hold: a long name in a script of three
/// bytes a letter (80 Chinese characters) could not be written.
fn stem(handle: &str, today: chrono::NaiveDate) -> String {
    const NAME_MAX: usize = 255;
    let fixed = format!("prep--{today}-100.md").len();
    let room = NAME_MAX.saturating_sub(fixed);
    let cut = handle
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .take_while(|end| *end <= room)
        .last()
        .unwrap_or(0);
    format!("prep-{}-{today}", &handle[..cut])
}

/// The day changed with the prep open (a UI left open past midnight): its window is the new
/// day's too, as a prep opened now has it (the first one's last 30 days end today), and then
/// it is written again ([`follow`], whose answer this is).
pub fn new_day(app: &mut App) -> bool {
    let Some(Popup::Prep(popup)) = &app.popup else {
        return false;
    };
    let person = popup.person;
    let shown = app
        .ledger()
        .shown_with_everyone_on(app.today, app.looking_back);
    let last_recorded = app.ledger().person(person).and_then(|p| p.last_prep);
    let since = prep::prep_shown(&shown, person, app.today, None, last_recorded).map(|p| p.since);
    if let (Some(since), Some(Popup::Prep(popup))) = (since, &mut app.popup) {
        popup.since = since;
    }
    follow(app)
}

/// Writes the open prep again from the ledger shown, over the window it was opened with, so
/// what `w` writes and `y` copies, and its title, are never older than the file (a promise
/// kept in another terminal shows as kept, a rename shows in the title) nor than the day (after midnight, due today is overdue, and the
/// file `w` writes is named for the new day). A person deleted elsewhere closes it, saying
/// so: then it returns true, as the status line must not say anything else over it.
pub fn follow(app: &mut App) -> bool {
    let Some(Popup::Prep(popup)) = &app.popup else {
        return false;
    };
    let (person, since, was) = (popup.person, popup.since, popup.name.clone());
    let here = app
        .ledger()
        .person(person)
        .is_some_and(|p| p.uid == popup.uid);
    let shown = app
        .ledger()
        .shown_with_everyone_on(app.today, app.looking_back);
    let prepped = here
        .then(|| prep::prep_since(&shown, person, app.today, since))
        .flatten();
    let Some((name, text, stem)) = prepped.map(|p| {
        (
            sanitize(&p.titled),
            markdown(&p),
            stem(&p.person.handle, app.today),
        )
    }) else {
        app.popup = None;
        // Named, as the question before a delete names what it asked about when it closes.
        app.complain(format!(
            "{was} was deleted elsewhere meanwhile, so the 1:1 prep is closed."
        ));
        return true;
    };
    if let Some(Popup::Prep(popup)) = &mut app.popup {
        popup.name = name;
        popup.text = text;
        popup.stem = stem;
    }
    false
}

/// A key on the open prep.
pub fn key(app: &mut App, mut popup: PrepPopup, action: Option<Action>, fx: &mut Vec<Effect>) {
    let lines = popup.max.get();
    let scroll = popup.scroll.min(lines);
    popup.scroll = match action {
        Some(Action::Cancel) => return,
        Some(Action::WritePrep) => {
            fx.push(Effect::Write {
                dir: app.out_dir.clone(),
                stem: popup.stem.clone(),
                text: popup.text.clone(),
            });
            app.say("Writing the prep…");
            scroll
        }
        Some(Action::CopyPrep) => {
            fx.push(Effect::Copy {
                text: popup.text.clone(),
            });
            app.say("Copied the prep to the clipboard (if the terminal allows OSC 52).");
            scroll
        }
        Some(Action::SavePrep) => {
            let Some(person) = app.ledger().person(popup.person) else {
                app.complain("That person was deleted elsewhere.");
                return;
            };
            // Looking back at a day before the last one recorded, as the command line says.
            if let Some(later) = person.last_prep.filter(|day| *day > app.today) {
                let text = format!(
                    "Not recorded: the last 1:1 prep recorded with {} is on {}, after {}; it stays.",
                    crate::core::text::sanitize(&person.name),
                    later.format("%a %-d %b %Y"),
                    app.today.format("%a %-d %b %Y")
                );
                app.complain(text);
                app.popup = Some(Popup::Prep(popup));
                return;
            }
            // Recorded today already (by an `s` before, or by `prep --save`): said so, where
            // the change that sets nothing would only say "Nothing changed."
            if person.last_prep == Some(app.today) {
                let text = format!(
                    "The 1:1 prep with {} is recorded for today already.",
                    crate::core::text::sanitize(&person.name)
                );
                app.say(text);
                app.popup = Some(Popup::Prep(popup));
                return;
            }
            let change = prep::saved(person, app.today);
            send(app, change, Purpose::Change, fx);
            // The prep stays open, as after `w` and `y`: the status line says it was recorded.
            scroll
        }
        moving => scrolled_to(app, scroll, lines, moving),
    }
    .min(lines);
    // Scrolled to its end, it stays there when a resize or a change wraps it into more
    // lines, as the help does: a count of lines left it partway up.
    if popup.scroll == lines && lines > 0 {
        popup.scroll = u16::MAX;
    }
    app.popup = Some(Popup::Prep(popup));
}
