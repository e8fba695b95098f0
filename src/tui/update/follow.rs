//! Records followed across a ledger read from the file. A merge may give a record another
//! number (a sync where both machines numbered a new promise #11 leaves one of them #12), so
//! what the person has in hand is followed by uid, not by number: the selection of every list,
//! the person shown, an open form or question, and the changes that can be undone or redone.
//! The numbers that moved are said, so that #11 is never taken for another promise without a
//! word.

use std::sync::Arc;

use crate::core::change::Change;
use crate::core::text::{listed, sanitize};
use crate::core::{Ledger, PersonId, PromiseId};
use crate::tui::app::{App, Confirm, Popup};
use crate::tui::history::{Entry, moved, number_in};

/// A promise's number as it was and as it is now.
pub(super) type Moved = (PromiseId, PromiseId);

/// How many moved numbers the status line names before it counts the rest.
const NAMED: usize = 3;

/// Follows from `old` to the ledger shown now every record the person has in hand, and
/// returns each promise among them whose number moved. Run before the rows are rebuilt, which
/// then keep each selection by its new number.
pub(super) fn follow(app: &mut App, old: &Ledger) -> Vec<Moved> {
    let now = Arc::clone(&app.ledger);
    let mut moves = Vec::new();
    // A record gone is forgotten rather than kept by its number, which another record may
    // have now (a file replaced by another ledger): the row that followed it is selected, and
    // the page of a person gone closes, instead of showing someone else without a word.
    if let Some(id) = app.people.current() {
        match person_moved(old, &now, id) {
            Some(Some(to)) => app.people.rename_selected(to),
            Some(None) => app.people.forget_selected(),
            None => {}
        }
    }
    if let Some(id) = app.person {
        match person_moved(old, &now, id) {
            Some(Some(to)) => app.person = Some(to),
            Some(None) => app.person = None,
            None => {}
        }
    }
    if let Some(id) = app.promises.current() {
        if let Some(to) = promise_moved(old, &now, id) {
            app.promises.rename_selected(to);
            moves.push((id, to));
        } else if promise_gone(old, &now, id) {
            app.promises.forget_selected();
        }
    }
    if let Some((bucket, id)) = app.agenda.current() {
        if let Some(to) = promise_moved(old, &now, id) {
            app.agenda.rename_selected((bucket, to));
            moves.push((id, to));
        } else if promise_gone(old, &now, id) {
            app.agenda.forget_selected();
        }
    }
    if let Some(form) = app.form_in_hand_mut() {
        moves.extend(form.renumber(old, &now));
    }
    match &mut app.popup {
        Some(Popup::Confirm(confirm)) => moves.extend(confirm_follows(confirm, old, &now)),
        // The prep is written again from its colleague: by number, which must be theirs.
        Some(Popup::Prep(prep)) => {
            if let Some(p) = now.person_by_uid(prep.uid) {
                prep.person = p.id;
            }
        }
        _ => {}
    }
    moves.extend(app.history.follow(old, &now));
    moves.sort();
    moves.dedup();
    moves
}

/// Follows the promise an undo or redo on its way names (taken out of the history, so not
/// followed with it) to the number it has in `now`, or in `inverse`, the change that would
/// set back that undo, where it is gone from `now` (an addition undone); returns the move.
pub(super) fn follow_entry(
    entry: &mut Entry,
    now: &Ledger,
    inverse: Option<&Change>,
) -> Option<Moved> {
    let (was, uid) = entry.named?;
    if now.promise(was).is_some_and(|p| p.uid == uid) {
        return None;
    }
    let to = now
        .promise_by_uid(uid)
        .map(|p| p.id)
        .or_else(|| inverse.and_then(|c| number_in(c, uid)))?;
    if to == was {
        return None;
    }
    entry.renumber(to);
    Some((was, to))
}

/// The number promise `id` of `old` has in `now`, where it moved.
fn promise_moved(old: &Ledger, now: &Ledger, id: PromiseId) -> Option<PromiseId> {
    moved(old, now, id, old.promise(id)?.uid)
}

/// Whether promise `id` of `old` is gone from `now`, whatever `now` numbers `id`.
fn promise_gone(old: &Ledger, now: &Ledger, id: PromiseId) -> bool {
    old.promise(id)
        .is_some_and(|p| now.promise_by_uid(p.uid).is_none())
}

/// Where person `id` of `old` is in `now`, where that is not under the same number: another
/// number (`Some(Some(to))`), or nowhere (`Some(None)`: deleted, though `id` may name another
/// person now).
fn person_moved(old: &Ledger, now: &Ledger, id: PersonId) -> Option<Option<PersonId>> {
    let uid = old.person(id)?.uid;
    if now.person(id).is_some_and(|p| p.uid == uid) {
        return None;
    }
    Some(now.person_by_uid(uid).map(|p| p.id))
}

/// The delete question follows its record: it asks about the promise by its new number (`y`
/// deletes it by uid either way).
fn confirm_follows(confirm: &mut Confirm, old: &Ledger, now: &Ledger) -> Option<Moved> {
    match &mut confirm.change {
        Change::DeletePromise { promise, .. } => {
            let was = promise.id;
            let to = moved(old, now, was, promise.uid?)?;
            let what = now.promise(to).map(|p| p.what.as_str()).unwrap_or_default();
            promise.id = to;
            confirm.question = delete_question(to, what);
            Some((was, to))
        }
        Change::DeletePerson { person, .. } => {
            if let Some(Some(to)) = person_moved(old, now, person.id) {
                person.id = to;
            }
            None
        }
        _ => None,
    }
}

/// The question before deleting promise `id`, which says `what`.
pub(super) fn delete_question(id: PromiseId, what: &str) -> String {
    format!("Delete promise #{id} \"{}\"?", sanitize(what))
}

/// The numbers that moved, in words: `#11 is now #12`; past a few, how many more.
pub(super) fn said(moves: &[Moved]) -> String {
    let named: Vec<String> = moves
        .iter()
        .take(NAMED)
        .map(|(was, now)| format!("#{was} is now #{now}"))
        .collect();
    let mut parts: Vec<&str> = named.iter().map(String::as_str).collect();
    let more = moves.len().saturating_sub(NAMED);
    let rest = format!("{more} more moved");
    if more > 0 {
        parts.push(&rest);
    }
    listed(&parts, "and")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_moved_numbers_are_named_and_the_rest_counted() {
        let moved = |pairs: &[(u64, u64)]| -> Vec<Moved> {
            pairs
                .iter()
                .map(|(a, b)| (PromiseId(*a), PromiseId(*b)))
                .collect()
        };
        assert_eq!(said(&moved(&[(11, 12)])), "#11 is now #12");
        assert_eq!(
            said(&moved(&[(1, 5), (2, 6)])),
            "#1 is now #5 and #2 is now #6"
        );
        assert_eq!(
            said(&moved(&[(1, 5), (2, 6), (3, 7), (4, 8), (9, 10)])),
            "#1 is now #5, #2 is now #6, #3 is now #7 and 2 more moved"
        );
    }
}
