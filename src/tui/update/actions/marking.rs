//! Marking the selected promise's outcome from a list, at any typing speed.

use crate::core::change::Target;
use crate::core::{Change, Status};
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::message::{Effect, Purpose};
use crate::tui::update::refused_as_read_only;
use crate::tui::update::saved::send;

use super::cursor::promise_or_complain;

/// What a key marking an outcome says when every row it could reach is being saved.
const STILL_SAVING: &str = "Still saving the promises marked from here down; nothing left to mark.";

/// Resolves the selected promise as of today, or the next one down while the selected one's
/// save is still under way ([`App::triage_target`]); `None` is kept, or kept late when past
/// its due date.
pub(super) fn resolve(app: &mut App, status: Option<Status>, fx: &mut Vec<Effect>) {
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
