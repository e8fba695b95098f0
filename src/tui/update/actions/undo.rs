//! Undo and redo: each waits for the save before it, and a redo that would promise
//! something new to someone archived since is kept for once they are restored.

use crate::core::Change;
use crate::core::text::sanitize;
use crate::tui::app::App;
use crate::tui::message::{Effect, Purpose};

use super::said::restores;
use crate::tui::update::saved::{NOT_YET, send};

pub(in crate::tui::update) fn undo_redo(app: &mut App, undo: bool, fx: &mut Vec<Effect>) {
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
