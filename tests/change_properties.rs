//! Properties of changes as data, over random ledgers and random changes:
//! - two writers, the command line and an edit form of the UI left open (stale by several
//!   changes), never lose a field that only one of them changed, whichever way the form's
//!   conflicts are settled;
//! - undo followed by redo gives back the same ledger when nothing happened in between, and
//!   undo alone the ledger before the change;
//! - every change reads back from JSON as it was written, settings and imports included.

mod change_support;

use std::collections::HashMap;

use change_support::{Field, base, change_of, field, patch_of, recipe, today};
use chrono::Days;
use proptest::prelude::*;
use proptest::sample::Index;
use trustladder::core::change::{OnConflict, Target};
use trustladder::core::{
    Change, Direction, Ledger, LedgerError, Moment, PersonId, PromiseId, Timestamp,
};
use trustladder::tui::editor::LineEditor;
use trustladder::tui::forms::{Form, FormKeys, Key, Value};
use trustladder::tui::keymap::{Context, Keymap};

/// A moment `n` seconds into the test day.
fn at(n: u64) -> Moment {
    change_support::at("property", n)
}

/// One edit: which writer (the stale one or not), which promise, which fields, and how the
/// stale writer settles a conflict (keeping its own values or the other's).
#[derive(Debug, Clone)]
struct Edit {
    stale: bool,
    promise: Index,
    fields: Vec<Field>,
    keep_mine: bool,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        any::<bool>(),
        any::<Index>(),
        prop::collection::vec(field(), 1..3),
        any::<bool>(),
    )
        .prop_map(|(stale, promise, fields, keep_mine)| Edit {
            stale,
            promise,
            fields,
            keep_mine,
        })
}

/// Types a field's value into the edit form, as a person would.
fn fill(form: &mut Form, field: &Field) {
    let key = match field {
        Field::What(_) => Key::What,
        Field::Level(_) => Key::Rung,
        Field::Due(_) => Key::Due,
        Field::Direction(_) => Key::Whose,
        Field::Note(_) => Key::Note,
    };
    let Some(slot) = form.fields.iter_mut().find(|f| f.key == key) else {
        return;
    };
    slot.value = match field {
        Field::What(t) | Field::Note(t) => text(t),
        Field::Due(d) => text(&d.map_or(String::new(), |n| (today() + Days::new(n)).to_string())),
        Field::Level(l) => choice(&slot.value, l.index()),
        Field::Direction(d) => choice(&slot.value, usize::from(*d == Direction::Mine)),
    };
}

fn text(t: &str) -> Value {
    Value::Text(LineEditor::new(t))
}

fn choice(now: &Value, index: usize) -> Value {
    match now {
        Value::Choice { options, .. } => Value::Choice {
            options: options.clone(),
            index,
        },
        other => other.clone(),
    }
}

/// Notes that `fields` were written to promise `id` by the form (`stale`) or the shell.
fn record(
    touched: &mut HashMap<(PromiseId, &'static str), (bool, bool, String)>,
    id: PromiseId,
    fields: &[Field],
    stale: bool,
) {
    for f in fields {
        let entry = touched
            .entry((id, f.name()))
            .or_insert((false, false, String::new()));
        if stale {
            entry.1 = true;
        } else {
            entry.0 = true;
        }
        entry.2 = f.shown();
    }
}

/// A ledger without what undo and redo legitimately move: change stamps, tombstones and the
/// number counters (numbers once handed out are never handed out again).
fn comparable(l: &Ledger) -> Ledger {
    let mut l = l.clone();
    let zero = Timestamp::start_of(today());
    l.people.iter_mut().for_each(|p| p.changed = zero);
    l.promises.iter_mut().for_each(|p| p.changed = zero);
    l.tombstones.clear();
    l.next_person_id = PersonId(0);
    l.next_promise_id = PromiseId(0);
    l
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn two_writers_never_lose_a_field_only_one_of_them_changed(
        edits in prop::collection::vec(edit(), 1..40),
    ) {
        let mut file = base();
        // The form (the stale writer) is opened on the file as of its own last save.
        let mut stale_view = file.clone();
        // Per (promise number, field): whether the shell and the form changed it, and the last
        // value written.
        let mut touched: HashMap<(PromiseId, &str), (bool, bool, String)> = HashMap::new();
        for (n, e) in edits.iter().enumerate() {
            let id = file.promises[e.promise.index(file.promises.len())].id;
            let moment = at(n as u64 + 1);
            if e.stale {
                let keys = FormKeys::of(&Keymap::default(), Context::SCREENS[0]);
                let mut form = Form::edit_promise(&stale_view, id, today()).expect("the promise is there");
                for f in &e.fields {
                    fill(&mut form, f);
                }
                let Some(change) = form.submit(&keys) else {
                    prop_assert!(false, "the form refused {:?}", e.fields);
                    continue;
                };
                let mut written = e.fields.clone();
                if let Err(refusal) = file.apply(&change, &moment) {
                    let LedgerError::Conflict(conflicts) = &refusal else {
                        prop_assert!(false, "{refusal}");
                        continue;
                    };
                    // The form shows both values; the person keeps theirs or the other's.
                    form.refused(Some(&refusal), &refusal.to_string(), &file, &keys);
                    prop_assert!(form.in_conflict());
                    if e.keep_mine {
                        form.keep_mine();
                    } else {
                        form.keep_theirs();
                        written.retain(|f| !conflicts.iter().any(|c| c.field == f.name()));
                    }
                    let retry = form.submit(&keys).expect("the form is valid");
                    let applied = file.apply(&retry, &moment);
                    prop_assert!(applied.is_ok(), "{applied:?}");
                }
                record(&mut touched, id, &written, true);
                stale_view = file.clone();
            } else {
                let change = Change::EditPromise {
                    promise: Target::id(id),
                    patch: patch_of(&e.fields, None),
                    on_conflict: OnConflict::Refuse,
                };
                let applied = file.apply(&change, &moment);
                prop_assert!(applied.is_ok(), "{applied:?}");
                record(&mut touched, id, &e.fields, false);
            }
        }
        for ((id, name), (shell, form, last)) in &touched {
            let p = file.promise(*id).expect("no promise is deleted");
            if shell != form {
                prop_assert_eq!(&Field::read(name, p), last, "#{} {}", id, name);
            }
        }
    }

    #[test]
    fn undo_then_redo_gives_back_the_same_ledger(
        recipes in prop::collection::vec(recipe(), 1..12),
    ) {
        let mut l = base();
        for (n, recipe) in recipes.iter().enumerate() {
            let Some(change) = change_of(recipe, &l) else { continue };
            let before = l.clone();
            let Ok(applied) = l.apply(&change, &at(3 * n as u64)) else {
                prop_assert_eq!(&l, &before, "a refused change changes nothing");
                continue;
            };
            let Some(undo) = applied.inverse else {
                prop_assert_eq!(comparable(&l), comparable(&before));
                continue;
            };
            let after = l.clone();
            let undone = l.apply(&undo, &at(3 * n as u64 + 1));
            prop_assert!(undone.is_ok(), "undo of {change:?}: {undone:?}");
            let undone = undone.unwrap_or_else(|_| unreachable!());
            prop_assert!(undone.left.is_empty(), "nothing happened in between: {:?}", undone.left);
            prop_assert_eq!(comparable(&l), comparable(&before), "undo of {:?}", change);
            let redo = undone.inverse.expect("an undo that changed something has a redo");
            let redone = l.apply(&redo, &at(3 * n as u64 + 2));
            prop_assert!(redone.is_ok(), "redo of {change:?}: {redone:?}");
            prop_assert_eq!(comparable(&l), comparable(&after), "redo of {:?}", change);
            let mut check = l.clone();
            prop_assert_eq!(check.normalize_and_check(), Ok(()));
        }
    }

    #[test]
    fn every_change_reads_back_from_json(
        recipes in prop::collection::vec(recipe(), 1..12),
    ) {
        let mut l = base();
        for (n, recipe) in recipes.iter().enumerate() {
            let Some(change) = change_of(recipe, &l) else { continue };
            let text = serde_json::to_string(&change).expect("a change is JSON");
            prop_assert_eq!(serde_json::from_str::<Change>(&text).ok(), Some(change.clone()));
            if let Ok(applied) = l.apply(&change, &at(n as u64))
                && let Some(inverse) = applied.inverse
            {
                let text = serde_json::to_string(&inverse).expect("an inverse is JSON");
                prop_assert_eq!(serde_json::from_str::<Change>(&text).ok(), Some(inverse));
            }
        }
    }
}
