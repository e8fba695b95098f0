//! The rules of changes, one test each: what a change sets, what it refuses, what it leaves
//! to changes made elsewhere, and how its inverse sets it back.

use chrono::NaiveDate;

use super::*;
use crate::core::dates::parse_iso;
use crate::core::ledger::{Ledger, LedgerError};
use crate::core::model::Timestamp;

fn d(s: &str) -> NaiveDate {
    parse_iso(s).unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-24")
}

/// A moment on the test day, `n` seconds after its start, with its own seed.
fn at(n: i64) -> Moment {
    Moment {
        now: Timestamp::new(Timestamp::start_of(today()).at() + chrono::Duration::seconds(n)),
        ..Moment::fixed(today(), &format!("change tests {n}"))
    }
}

/// Priya with one open task, #1 "Send the deck", due 27 November.
fn one_promise() -> Ledger {
    let mut l = Ledger::default();
    let p = l.add_person("Priya Raman", "Backend", "", at(0)).unwrap();
    let new = NewPromise {
        due: Some(d("2026-11-27")),
        ..NewPromise::task(p, "Send the deck", d("2026-11-20"))
    };
    l.add_promise(new, at(0)).unwrap();
    l
}

fn first(l: &Ledger) -> &Promise {
    &l.promises[0]
}

fn exact(l: &Ledger) -> Target<PromiseId> {
    Target::exact(first(l).id, first(l).uid)
}

fn edit(target: Target<PromiseId>, patch: PromisePatch) -> Change {
    Change::EditPromise {
        promise: target,
        patch,
        on_conflict: OnConflict::Refuse,
    }
}

/// A patch that sets the due date to `day`, whatever it was.
/// #1 kept on 23 November.
fn kept_on_the_23rd(l: &Ledger) -> Change {
    Change::Resolve {
        promise: exact(l),
        status: Status::Kept,
        on: d("2026-11-23"),
        note: None,
    }
}

/// An edit that sets #1's outcome, whatever it was.
fn outcome_set(l: &Ledger, status: Status, on: Option<NaiveDate>) -> Change {
    edit(
        exact(l),
        PromisePatch {
            outcome: Some(Set::to(Outcome { status, on })),
            ..PromisePatch::default()
        },
    )
}

fn due(day: &str) -> PromisePatch {
    PromisePatch {
        due: Some(Set::to(Some(d(day)))),
        ..PromisePatch::default()
    }
}

fn what(was: &str, to: &str) -> PromisePatch {
    PromisePatch {
        what: Some(Set::from(was.to_string(), to.to_string())),
        ..PromisePatch::default()
    }
}

#[test]
fn a_stale_edit_sets_only_its_own_fields() {
    // A form opened on #1; meanwhile the shell moved it to impact, due in January.
    let mut l = one_promise();
    let form = exact(&l);
    let shell = PromisePatch {
        level: Some(Set::to(Level::Impact)),
        due: Some(Set::to(Some(d("2027-01-15")))),
        ..PromisePatch::default()
    };
    l.apply(&edit(Target::id(PromiseId(1)), shell), &at(1))
        .unwrap();
    let applied = l
        .apply(
            &edit(form, what("Send the deck", "Send the deck today")),
            &at(2),
        )
        .unwrap();
    let p = first(&l);
    assert_eq!(p.what, "Send the deck today");
    assert_eq!((p.level, p.due), (Level::Impact, Some(d("2027-01-15"))));
    assert_eq!(
        applied.done,
        Done::EditedPromise {
            id: PromiseId(1),
            fields: vec!["what"]
        }
    );
    assert_eq!(p.changed, at(2).now);
}

#[test]
fn a_field_changed_on_both_sides_is_a_conflict_and_nothing_is_set() {
    let mut l = one_promise();
    let form = exact(&l);
    l.apply(
        &edit(
            Target::id(PromiseId(1)),
            what("Send the deck", "Send the slides"),
        ),
        &at(1),
    )
    .unwrap();
    let before = l.clone();
    let mine = PromisePatch {
        level: Some(Set::from(Level::Task, Level::Result)),
        ..what("Send the deck", "Send the deck v2")
    };
    let err = l.apply(&edit(form, mine), &at(2)).unwrap_err();
    assert_eq!(
        err,
        LedgerError::Conflict(vec![Conflict {
            record: "#1".into(),
            field: "what".into(),
            mine: "Send the deck v2".into(),
            theirs: "Send the slides".into(),
        }])
    );
    assert_eq!(l, before, "not even the level, which nobody else touched");
}

#[test]
fn the_same_value_on_both_sides_is_no_conflict() {
    let mut l = one_promise();
    let form = exact(&l);
    let done = what("Send the deck", "Deck sent");
    l.apply(&edit(form, done.clone()), &at(1)).unwrap();
    let applied = l.apply(&edit(form, done), &at(2)).unwrap();
    assert!(!applied.changed());
    assert_eq!(
        first(&l).changed,
        at(1).now,
        "an edit to the same value stamps nothing"
    );
}

#[test]
fn an_edit_is_checked_by_the_text_rules() {
    let mut l = one_promise();
    let before = l.clone();
    let err = l
        .apply(&edit(exact(&l), what("Send the deck", "   ")), &at(1))
        .unwrap_err();
    assert_eq!(err.to_string(), "what is empty");
    assert_eq!(l, before);
    l.apply(
        &edit(exact(&l), what("Send the deck", "  Trim me  ")),
        &at(1),
    )
    .unwrap();
    assert_eq!(first(&l).what, "Trim me");
}

#[test]
fn undo_sets_back_only_what_still_holds_the_value_it_wrote() {
    // #1 kept in the UI, then the shell rewords it, then `u`.
    let mut l = one_promise();
    let kept = Change::Resolve {
        promise: exact(&l),
        status: Status::Kept,
        on: today(),
        note: Some("on time".into()),
    };
    let inverse = l.apply(&kept, &at(1)).unwrap().inverse.unwrap();
    l.apply(
        &edit(
            Target::id(PromiseId(1)),
            what("Send the deck", "Send the board deck"),
        ),
        &at(2),
    )
    .unwrap();
    l.apply(
        &edit(
            Target::id(PromiseId(1)),
            PromisePatch {
                note: Some(Set::to("sent by mail".into())),
                ..PromisePatch::default()
            },
        ),
        &at(3),
    )
    .unwrap();
    let undone = l.apply(&inverse, &at(4)).unwrap();
    let p = first(&l);
    assert_eq!(p.status, Status::Open, "the outcome it set goes back");
    assert_eq!(p.resolved, None);
    assert_eq!(p.what, "Send the board deck", "the shell's text stays");
    assert_eq!(
        p.note, "sent by mail",
        "and so does the note it changed since"
    );
    assert_eq!(
        undone.left,
        vec![Left::Field(Conflict {
            record: "#1".into(),
            field: "note".into(),
            mine: String::new(),
            theirs: "sent by mail".into(),
        })]
    );
}

/// A keep undone after its due date was moved elsewhere (kept turned kept late, the same
/// decision) reopens the promise; an outcome changed elsewhere to another decision stays.
#[test]
fn undoing_a_keep_reopens_it_though_a_due_date_moved_since_made_it_late() {
    let mut l = one_promise();
    let kept = kept_on_the_23rd(&l);
    let inverse = l.apply(&kept, &at(1)).unwrap().inverse.unwrap();
    l.apply(&edit(exact(&l), due("2026-11-20")), &at(2))
        .unwrap();
    assert_eq!(first(&l).status, Status::KeptLate);
    let undone = l.apply(&inverse, &at(3)).unwrap();
    assert_eq!(undone.left, vec![]);
    assert_eq!(first(&l).status, Status::Open);
    assert_eq!(first(&l).resolved, None);

    // Broken elsewhere since: another decision, left as it is.
    let inverse = l.apply(&kept, &at(4)).unwrap().inverse.unwrap();
    l.apply(
        &outcome_set(&l, Status::Broken, Some(d("2026-11-23"))),
        &at(5),
    )
    .unwrap();
    let undone = l.apply(&inverse, &at(6)).unwrap();
    assert_eq!(first(&l).status, Status::Broken);
    assert_eq!(undone.left.len(), 1);
}

/// A keep undone after a due date moved elsewhere, the due date moved again, then redone:
/// the redo saves what the dates say now, as the keep would have, both ways round (it saved
/// the outcome the promise had when the undo ran).
#[test]
fn a_redone_keep_is_kept_or_kept_late_as_the_dates_say_when_it_is_redone() {
    for (first_due, moved_to, back_to, redone) in [
        ("2026-11-27", "2026-11-20", "2026-11-27", Status::Kept),
        ("2026-11-20", "2026-11-27", "2026-11-20", Status::KeptLate),
    ] {
        let mut l = one_promise();
        l.apply(&edit(exact(&l), due(first_due)), &at(1)).unwrap();
        let inverse = l
            .apply(&kept_on_the_23rd(&l), &at(2))
            .unwrap()
            .inverse
            .unwrap();
        l.apply(&edit(exact(&l), due(moved_to)), &at(3)).unwrap();
        let redo = l.apply(&inverse, &at(4)).unwrap().inverse.unwrap();
        assert_eq!(first(&l).status, Status::Open);
        l.apply(&edit(exact(&l), due(back_to)), &at(5)).unwrap();
        l.apply(&redo, &at(6)).unwrap();
        assert_eq!(first(&l).status, redone, "due {back_to}");
        assert_eq!(first(&l).resolved, Some(d("2026-11-23")));
    }
    // One chosen against its dates (kept on time, though after its due date) is redone as
    // it was chosen.
    let mut l = one_promise();
    l.apply(&edit(exact(&l), due("2026-11-20")), &at(1))
        .unwrap();
    let inverse = l
        .apply(
            &outcome_set(&l, Status::Kept, Some(d("2026-11-23"))),
            &at(2),
        )
        .unwrap()
        .inverse
        .unwrap();
    let redo = l.apply(&inverse, &at(3)).unwrap().inverse.unwrap();
    l.apply(&redo, &at(4)).unwrap();
    assert_eq!(first(&l).status, Status::Kept);
}

/// A promise kept on time against its dates (`--on-time`, three days after it was due): an
/// edit that clears its due date leaves that outcome, and its undo puts the due date back
/// without turning the outcome late, as the rule for a due date moved would.
#[test]
fn undoing_a_due_date_cleared_keeps_an_outcome_chosen_against_the_dates() {
    let mut l = one_promise();
    l.apply(&edit(exact(&l), due("2026-11-20")), &at(1))
        .unwrap();
    let kept = kept_on_the_23rd(&l);
    l.apply(&kept, &at(2)).unwrap();
    let before = first(&l).clone();
    let cleared = l
        .apply(
            &edit(
                exact(&l),
                PromisePatch {
                    due: Some(Set::from(Some(d("2026-11-20")), None)),
                    ..PromisePatch::default()
                },
            ),
            &at(3),
        )
        .unwrap();
    assert_eq!(first(&l).status, Status::Kept);
    let undo = cleared.inverse.unwrap();
    let other = l.clone();
    l.apply(&undo, &at(4)).unwrap();
    assert_eq!(first(&l).due, before.due);
    assert_eq!(first(&l).status, Status::Kept, "as chosen, not turned late");

    // An outcome set elsewhere meanwhile (kept late, or reopened) is left as it is, and the
    // undo, which never touched it, says nothing of it.
    for (status, on) in [
        (Status::KeptLate, Some(d("2026-11-23"))),
        (Status::Open, None),
    ] {
        let mut l = other.clone();
        l.apply(&outcome_set(&l, status, on), &at(4)).unwrap();
        let undone = l.apply(&undo, &at(5)).unwrap();
        assert_eq!(first(&l).status, status);
        assert_eq!(first(&l).due, before.due);
        assert_eq!(undone.left, vec![], "{status:?}");
    }
}

#[test]
fn undoing_a_change_to_a_record_deleted_elsewhere_does_not_bring_it_back() {
    let mut l = one_promise();
    let kept = Change::Resolve {
        promise: exact(&l),
        status: Status::Kept,
        on: today(),
        note: None,
    };
    let inverse = l.apply(&kept, &at(1)).unwrap().inverse.unwrap();
    let rm = Change::DeletePromise {
        promise: Target::id(PromiseId(1)),
        seen: None,
    };
    l.apply(&rm, &at(2)).unwrap();
    let undone = l.apply(&inverse, &at(3)).unwrap();
    assert!(l.promises.is_empty());
    assert!(!undone.changed());
    assert_eq!(undone.left, vec![Left::Deleted("#1".into())]);
}

/// A promise for a colleague deleted elsewhere is refused naming the list that shows everyone
/// still here, the archived too, and the add that brings them back: "no longer in the
/// ledger" alone left an archived colleague to be taken for gone, and the way back unsaid.
#[test]
fn a_promise_for_someone_deleted_elsewhere_says_where_to_look_and_how_to_add_them() {
    let mut l = one_promise();
    let priya = Target::exact(l.people[0].id, l.people[0].uid);
    let rm = Change::DeletePerson {
        person: Target::id(priya.id),
        force: true,
        promises: None,
    };
    l.apply(&rm, &at(1)).unwrap();
    let before = l.clone();
    let new = Change::AddPromise(NewPromise {
        person: priya,
        ..NewPromise::task(PersonId(1), "Book the room", today())
    });
    let refused = l.apply(&new, &at(2)).unwrap_err();
    assert_eq!(refused, LedgerError::NoSuchPerson(PersonId(1)));
    assert_eq!(
        refused.to_string(),
        "that person is no longer in the ledger (deleted elsewhere, or never added); `trustladder person list --all` lists everyone it holds, the archived too, and `trustladder person add NAME` adds them again"
    );
    assert_eq!(l, before, "nothing changed");
}

/// A delete made against the promise as the user saw it is refused once the promise was
/// kept or edited elsewhere, so that change is never lost unseen; as seen, it deletes.
#[test]
fn deleting_a_promise_changed_since_it_was_seen_is_refused() {
    let mut l = one_promise();
    let seen = first(&l).clone();
    let rm = Change::DeletePromise {
        promise: exact(&l),
        seen: Some(Box::new(seen.clone())),
    };
    l.apply(&kept_on_the_23rd(&l), &at(1)).unwrap();
    let kept = l.clone();
    assert_eq!(
        l.apply(&rm, &at(2)),
        Err(LedgerError::PromiseChanged(PromiseId(1)))
    );
    assert_eq!(l, kept, "nothing deleted");
    assert_eq!(
        LedgerError::PromiseChanged(PromiseId(1)).to_string(),
        "#1 was changed elsewhere since the delete was asked; nothing was deleted: look at it \
         again, and delete it again if that is still meant"
    );

    let mut l = one_promise();
    let applied = l.apply(&rm, &at(2)).unwrap();
    assert_eq!(applied.done, Done::DeletedPromise(PromiseId(1)));
    assert!(l.promises.is_empty());
}

#[test]
fn undoing_a_delete_brings_back_that_very_record_and_never_writes_over_another() {
    let mut l = one_promise();
    let original = first(&l).clone();
    let rm = Change::DeletePromise {
        promise: exact(&l),
        seen: None,
    };
    let inverse = l.apply(&rm, &at(1)).unwrap().inverse.unwrap();
    assert_eq!(l.tombstones.len(), 1);
    assert_eq!(l.tombstones[0].uid, original.uid);

    // Another record with number 1 (only a restored backup can do that).
    let mut other = original.clone();
    other.uid = crate::core::Uid::derived("someone else's #1");
    other.what = "Unrelated".into();
    l.insert_promise(other.clone());
    let back = l.apply(&inverse, &at(2)).unwrap();
    assert_eq!(l.promise(PromiseId(1)), Some(&other), "#1 is untouched");
    let returned = l.promise_by_uid(original.uid).unwrap();
    assert_eq!(returned.what, "Send the deck");
    assert_eq!(returned.id, PromiseId(2), "a new number, never a used one");
    assert_eq!(
        back.done,
        Done::PutBack {
            people: vec![],
            promises: vec![PromiseId(2)]
        }
    );
    assert!(
        l.tombstones.is_empty(),
        "a record that came back has no tombstone"
    );
}

#[test]
fn a_change_that_names_a_uid_never_lands_on_another_record_with_the_number() {
    let mut l = one_promise();
    let stale = Target::exact(
        PromiseId(1),
        crate::core::Uid::derived("a promise since deleted"),
    );
    let kept = Change::Resolve {
        promise: stale,
        status: Status::Kept,
        on: today(),
        note: None,
    };
    assert_eq!(
        l.apply(&kept, &at(1)),
        Err(LedgerError::NoSuchPromise(PromiseId(1)))
    );
    assert_eq!(first(&l).status, Status::Open);
}

#[test]
fn outcomes_are_not_in_the_future_nor_before_the_promise_was_made() {
    let mut l = one_promise();
    let resolve = |on| Change::Resolve {
        promise: Target::id(PromiseId(1)),
        status: Status::Kept,
        on,
        note: None,
    };
    let err = l.apply(&resolve(d("2026-11-27")), &at(1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2026-11-27 is after today (2026-11-24); an outcome cannot be recorded in the future"
    );
    assert!(matches!(
        l.apply(&resolve(d("2026-11-19")), &at(1)),
        Err(LedgerError::ResolvedBeforeMade { .. })
    ));
    let log = Change::AddPromise(NewPromise {
        outcome: Some((Status::Kept, d("2026-11-25"))),
        ..NewPromise::task(PersonId(1), "logged tomorrow", d("2026-11-25"))
    });
    let before = l.clone();
    assert!(matches!(
        l.apply(&log, &at(1)),
        Err(LedgerError::FutureOutcome { .. })
    ));
    assert_eq!(l, before, "a refused log hands out no number");
    assert_eq!(
        l.apply(&resolve(today()), &at(1)).map(|a| a.done),
        Ok(Done::Resolved {
            id: PromiseId(1),
            status: Status::Kept
        })
    );
    assert!(matches!(
        l.apply(&resolve(today()), &at(2)),
        Err(LedgerError::AlreadyResolved { .. })
    ));
}

#[test]
fn undo_then_redo_of_every_kind_of_change_gives_back_the_same_ledger() {
    let base = one_promise();
    let p = base.people[0].clone();
    let changes = [
        Change::AddPerson {
            name: "Pat Lee".into(),
            role: String::new(),
            note: String::new(),
            cadence_days: None,
            again: false,
        },
        Change::EditPerson {
            person: Target::exact(p.id, p.uid),
            patch: PersonPatch {
                name: Some(Set::to("Priya Iyer".into())),
                archived: Some(Set::to(true)),
                ..PersonPatch::default()
            },
            on_conflict: OnConflict::Refuse,
        },
        Change::DeletePerson {
            person: Target::id(p.id),
            force: true,
            promises: None,
        },
        Change::AddPromise(NewPromise {
            outcome: Some((Status::KeptLate, today())),
            ..NewPromise::task(p.id, "Review PR 412", d("2026-11-23"))
        }),
        edit(Target::id(PromiseId(1)), what("Send the deck", "Send it")),
        Change::Resolve {
            promise: Target::id(PromiseId(1)),
            status: Status::Broken,
            on: today(),
            note: Some("missed".into()),
        },
        Change::DeletePromise {
            promise: Target::id(PromiseId(1)),
            seen: None,
        },
        Change::EditSettings {
            settings: Set::to(crate::core::Settings {
                hold_threshold: 0.8,
                ..crate::core::Settings::default()
            }),
            on_conflict: OnConflict::Refuse,
        },
    ];
    for change in changes {
        let mut l = base.clone();
        let inverse = l.apply(&change, &at(1)).unwrap().inverse.unwrap();
        let after = l.clone();
        let redo = l.apply(&inverse, &at(2)).unwrap().inverse.unwrap();
        assert_eq!(
            strip(&l),
            strip(&base),
            "undo of {change:?} gives back the ledger before it"
        );
        l.apply(&redo, &at(3)).unwrap();
        assert_eq!(strip(&l), strip(&after), "redo of {change:?}");
    }
}

/// The ledger without what undo and redo legitimately move: change stamps, tombstones and
/// the number counters (a number handed out is never handed out again, even after an undo).
fn strip(l: &Ledger) -> Ledger {
    let mut l = l.clone();
    l.next_person_id = PersonId(0);
    l.next_promise_id = PromiseId(0);
    let zero = Timestamp::start_of(d("2000-01-01"));
    for p in &mut l.people {
        p.changed = zero;
    }
    for p in &mut l.promises {
        p.changed = zero;
    }
    l.tombstones.clear();
    l
}

#[test]
fn undoing_an_add_leaves_a_record_changed_elsewhere_and_a_person_with_new_promises() {
    let mut l = one_promise();
    let add = Change::AddPerson {
        name: "Pat Lee".into(),
        role: String::new(),
        note: String::new(),
        cadence_days: None,
        again: false,
    };
    let applied = l.apply(&add, &at(1)).unwrap();
    let pat = applied.person().unwrap();
    l.add_promise(NewPromise::task(pat, "from the shell", today()), at(2))
        .unwrap();
    let undone = l.apply(&applied.inverse.unwrap(), &at(3)).unwrap();
    assert!(l.person(pat).is_some());
    assert_eq!(
        undone.left,
        vec![Left::HasPromises {
            record: "pat-lee".into(),
            count: 1
        }]
    );

    let mut l = one_promise();
    let add = Change::AddPromise(NewPromise::task(PersonId(1), "x", today()));
    let inverse = l.apply(&add, &at(1)).unwrap().inverse.unwrap();
    l.apply(&edit(Target::id(PromiseId(2)), what("x", "y")), &at(2))
        .unwrap();
    let undone = l.apply(&inverse, &at(3)).unwrap();
    assert_eq!(l.promises.len(), 2, "the edited promise stays");
    assert_eq!(undone.left, vec![Left::Changed("#2".into())]);
}

/// A colleague may come with a keep-in-touch cadence; one out of range (none of 0 days, none
/// over ten years) is refused as an edit's is, and nothing is added.
#[test]
fn a_person_added_with_a_cadence_has_it_and_one_out_of_range_is_refused() {
    let add = |days: Option<u32>| Change::AddPerson {
        name: "Pat Lee".into(),
        role: String::new(),
        note: String::new(),
        cadence_days: days,
        again: false,
    };
    let mut l = one_promise();
    let pat = l.apply(&add(Some(14)), &at(1)).unwrap().person().unwrap();
    assert_eq!(l.person(pat).map(|p| p.cadence_days), Some(Some(14)));
    for days in [0, crate::core::touch::MAX_CADENCE_DAYS + 1] {
        let mut l = one_promise();
        let before = l.clone();
        assert_eq!(
            l.apply(&add(Some(days)), &at(1)).unwrap_err(),
            LedgerError::BadCadence { days }
        );
        assert_eq!(l, before, "{days}: nothing added");
    }
}

#[test]
fn tombstones_are_kept_for_a_year() {
    let mut l = one_promise();
    let rm = Change::DeletePromise {
        promise: Target::id(PromiseId(1)),
        seen: None,
    };
    l.apply(&rm, &at(0)).unwrap();
    let later = |days: i64| Moment {
        now: Timestamp::new(at(0).now.at() + chrono::Duration::days(days)),
        ..at(0)
    };
    let add = Change::AddPerson {
        name: "Pat".into(),
        role: String::new(),
        note: String::new(),
        cadence_days: None,
        again: false,
    };
    l.apply(&add, &later(365)).unwrap();
    assert_eq!(l.tombstones.len(), 1, "a year old: kept");
    let add = Change::AddPerson {
        name: "Ana".into(),
        role: String::new(),
        note: String::new(),
        cadence_days: None,
        again: false,
    };
    l.apply(&add, &later(366)).unwrap();
    assert!(l.tombstones.is_empty(), "older: forgotten");
}

#[test]
fn settings_are_checked_and_compared_as_a_whole() {
    let mut l = one_promise();
    let bad = Change::EditSettings {
        settings: Set::to(crate::core::Settings {
            hold_threshold: 1.5,
            ..crate::core::Settings::default()
        }),
        on_conflict: OnConflict::Refuse,
    };
    // Refused with the setting named and the way to a value taken, not its fault alone.
    let refused = l.apply(&bad, &at(1)).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "the settings are not valid: settings.hold_threshold must be between 0 and 1, not 1.5; give that setting a value within its range, or leave it out to take its default (docs/FORMAT.md, Settings, gives each range and default)"
    );
    let stale = Change::EditSettings {
        settings: Set::from(
            crate::core::Settings {
                hold_threshold: 0.9,
                ..crate::core::Settings::default()
            },
            crate::core::Settings::default(),
        ),
        on_conflict: OnConflict::Refuse,
    };
    let mut changed = l.clone();
    changed.settings.hold_threshold = 0.8;
    assert!(matches!(
        changed.apply(&stale, &at(1)),
        Err(LedgerError::Conflict(_))
    ));
}

#[test]
fn every_change_reads_back_from_json() {
    let l = one_promise();
    let priya = &l.people[0];
    let import = Change::Import {
        people: vec!["Ana Sousa".into(), "王芳".into()],
        promises: vec![
            Imported {
                uid: Uid::derived("imported 1"),
                person: Who::Here(Target::exact(priya.id, priya.uid)),
                direction: Direction::Mine,
                level: Level::Result,
                what: "Ship the \"beta\"".into(),
                made: d("2026-11-02"),
                due: Some(d("2026-11-20")),
                outcome: Some((Status::KeptLate, today())),
                note: "from the old tool".into(),
            },
            Imported {
                uid: Uid::derived("imported 2"),
                person: Who::New(1),
                direction: Direction::Theirs,
                level: Level::Task,
                what: "Review the plan".into(),
                made: today(),
                due: None,
                outcome: None,
                note: String::new(),
            },
        ],
    };
    // Its inverse takes back what it added, records as they were added.
    let taken_back = l.clone().apply(&import, &at(1)).unwrap().inverse.unwrap();
    assert!(matches!(taken_back, Change::TakeBack { .. }));
    let tuned = crate::core::Settings {
        hold_threshold: 0.1 + 0.2,
        half_life_days_task: 1.0 / 3.0,
        slip_window_days: 45,
        ..crate::core::Settings::default()
    };
    let changes = [
        import,
        taken_back,
        Change::EditSettings {
            settings: Set::from(crate::core::Settings::default(), tuned.clone()),
            on_conflict: OnConflict::KeepTheirs,
        },
        Change::EditSettings {
            settings: Set::to(tuned),
            on_conflict: OnConflict::Refuse,
        },
        edit(exact(&l), what("a", "b")),
        Change::PutBack {
            people: l.people.clone(),
            promises: l.promises.clone(),
            owners: Vec::new(),
        },
        Change::PutBack {
            people: Vec::new(),
            promises: l.promises.clone(),
            owners: l.promises.iter().map(|_| l.people[0].uid).collect(),
        },
        Change::Resolve {
            promise: Target::id(PromiseId(3)),
            status: Status::KeptLate,
            on: today(),
            note: None,
        },
    ];
    for change in changes {
        let text = serde_json::to_string(&change).unwrap();
        assert_eq!(
            serde_json::from_str::<Change>(&text).unwrap(),
            change,
            "{text}"
        );
    }
}

#[test]
fn a_kept_promise_is_kept_late_or_on_time_as_its_new_due_date_says() {
    // #1, due 27 November, kept on the 23rd: on time.
    let mut l = one_promise();
    let kept = kept_on_the_23rd(&l);
    l.apply(&kept, &at(1)).unwrap();
    let applied = l
        .apply(&edit(exact(&l), due("2026-11-22")), &at(2))
        .unwrap();
    assert_eq!(
        first(&l).status,
        Status::KeptLate,
        "kept a day after it was due"
    );
    assert_eq!(first(&l).resolved, Some(d("2026-11-23")), "on the same day");
    assert!(
        matches!(&applied.done, Done::EditedPromise { fields, .. } if fields.contains(&"outcome"))
    );
    // Undone, it is due on the 27th and kept on time again.
    l.apply(&applied.inverse.unwrap(), &at(3)).unwrap();
    assert_eq!(first(&l).due, Some(d("2026-11-27")));
    assert_eq!(first(&l).status, Status::Kept);

    // A later due date than the delivery: on time; no due date at all: on time.
    l.apply(&edit(exact(&l), due("2026-11-22")), &at(4))
        .unwrap();
    l.apply(&edit(exact(&l), due("2026-11-23")), &at(5))
        .unwrap();
    assert_eq!(first(&l).status, Status::Kept);
    l.apply(&edit(exact(&l), due("2026-11-22")), &at(6))
        .unwrap();
    let no_date = PromisePatch {
        due: Some(Set::to(None)),
        ..PromisePatch::default()
    };
    l.apply(&edit(exact(&l), no_date), &at(7)).unwrap();
    assert_eq!(first(&l).status, Status::Kept);

    // An edit that sets the outcome too has its way.
    let both = PromisePatch {
        outcome: Some(Set::to(Outcome {
            status: Status::KeptLate,
            on: Some(d("2026-11-23")),
        })),
        ..due("2026-12-31")
    };
    l.apply(&edit(exact(&l), both), &at(8)).unwrap();
    assert_eq!(first(&l).status, Status::KeptLate);
}

/// Kept on time by a person's word though after its due date (`--on-time`), it stays so when
/// the due date moves: the word was given against the dates, not by them.
#[test]
fn an_outcome_chosen_against_the_dates_stays_when_the_due_date_moves() {
    let mut l = one_promise();
    let on_time = Change::Resolve {
        promise: exact(&l),
        status: Status::Kept,
        on: d("2026-11-23"),
        note: None,
    };
    l.apply(&on_time, &at(1)).unwrap();
    // Due the 22nd, kept the 23rd, yet "on time", as the person said.
    l.apply(&edit(exact(&l), due("2026-11-22")), &at(2))
        .unwrap();
    assert_eq!(
        first(&l).status,
        Status::KeptLate,
        "by the dates, as no word was given"
    );
    let word = Change::EditPromise {
        promise: exact(&l),
        patch: PromisePatch {
            outcome: Some(Set::to(Outcome {
                status: Status::Kept,
                on: Some(d("2026-11-23")),
            })),
            ..PromisePatch::default()
        },
        on_conflict: OnConflict::Refuse,
    };
    l.apply(&word, &at(3)).unwrap();
    l.apply(&edit(exact(&l), due("2026-11-21")), &at(4))
        .unwrap();
    assert_eq!(first(&l).status, Status::Kept, "the word stands");
}

#[test]
fn a_new_due_date_leaves_a_broken_released_or_open_promise_as_it_is() {
    for status in [Status::Broken, Status::Released] {
        let mut l = one_promise();
        let resolve = Change::Resolve {
            promise: exact(&l),
            status,
            on: d("2026-11-23"),
            note: None,
        };
        l.apply(&resolve, &at(1)).unwrap();
        l.apply(&edit(exact(&l), due("2026-11-20")), &at(2))
            .unwrap();
        assert_eq!(first(&l).status, status);
    }
    let mut l = one_promise();
    l.apply(&edit(exact(&l), due("2026-11-21")), &at(1))
        .unwrap();
    assert_eq!(first(&l).status, Status::Open);
}

/// Reopening keeps the note: whether the outcome gave it or an edit before it is not known,
/// and one written before would be lost. The undo puts the outcome back.
#[test]
fn reopening_keeps_the_note_and_its_undo_brings_the_outcome_back() {
    let mut l = one_promise();
    let keep = Change::Resolve {
        promise: exact(&l),
        status: Status::Kept,
        on: d("2026-11-23"),
        note: Some("done a day early".into()),
    };
    l.apply(&keep, &at(1)).unwrap();
    let reopen = Change::Reopen { promise: exact(&l) };
    let applied = l.apply(&reopen, &at(2)).unwrap();
    let p = first(&l);
    assert_eq!(
        (p.status, p.resolved, p.note.as_str()),
        (Status::Open, None, "done a day early")
    );
    assert_eq!(applied.done, Done::Reopened(PromiseId(1)));
    l.apply(&applied.inverse.unwrap(), &at(3)).unwrap();
    let p = first(&l);
    assert_eq!(
        (p.status, p.resolved, p.note.as_str()),
        (Status::Kept, Some(d("2026-11-23")), "done a day early")
    );
}

/// Looking back at a day before a promise was made, or before its outcome, it was open:
/// there is nothing to reopen, and the ledger is left as it was.
#[test]
fn a_promise_is_not_reopened_on_a_day_before_it_was_made_or_resolved() {
    let mut l = one_promise();
    l.apply(&kept_on_the_23rd(&l), &at(1)).unwrap();
    let before = l.clone();
    let reopen = Change::Reopen { promise: exact(&l) };
    let on = |day: &str| Moment {
        today: d(day),
        ..at(2)
    };
    let err = l.apply(&reopen, &on("2026-11-19")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "promise #1 cannot be reopened on 2026-11-19, before it was made (2026-11-20); with --today 2026-11-20 or a later day it can be"
    );
    let err = l.apply(&reopen, &on("2026-11-22")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "promise #1 cannot be reopened on 2026-11-22: it was kept on 2026-11-23, so it was still open then; with --today 2026-11-23 or a later day it can be"
    );
    assert_eq!(l, before);
    // On the day of the outcome it stood, and is forgotten.
    assert!(l.apply(&reopen, &on("2026-11-23")).is_ok());
    assert_eq!(first(&l).status, Status::Open);
}
