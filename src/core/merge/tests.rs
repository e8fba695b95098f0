//! One table test per merge rule, each checked from both sides.

use chrono::NaiveDate;

use super::*;
use crate::core::change::{NewPromise, OnConflict, PersonPatch, PromisePatch, Set, Target};
use crate::core::dates::parse_iso;
use crate::core::{Change, Moment, Status};

fn d(s: &str) -> NaiveDate {
    parse_iso(s).unwrap()
}

/// A moment on 24 November, `secs` seconds in, on `machine` (its own uids).
fn at(machine: &str, secs: i64) -> Moment {
    Moment {
        now: Timestamp::new(
            Timestamp::start_of(d("2026-11-24")).at() + chrono::Duration::seconds(secs),
        ),
        ..Moment::fixed(d("2026-11-24"), machine)
    }
}

/// The common ancestor: Priya with #1 and #2, Leo with #3.
fn base() -> Ledger {
    let mut l = Ledger::default();
    let m = at("base", 0);
    let priya = l.add_person("Priya Raman", "Backend", "", m).unwrap();
    let leo = l.add_person("Leo Park", "", "", m).unwrap();
    l.add_promise(NewPromise::task(priya, "Send the deck", d("2026-11-20")), m)
        .unwrap();
    l.add_promise(NewPromise::task(priya, "Review PR 412", d("2026-11-21")), m)
        .unwrap();
    l.add_promise(NewPromise::task(leo, "Budget sign-off", d("2026-11-22")), m)
        .unwrap();
    l
}

fn apply(l: &mut Ledger, change: Change, m: Moment) {
    l.apply(&change, &m).unwrap();
}

fn edit(id: u64, patch: PromisePatch) -> Change {
    Change::EditPromise {
        promise: Target::id(PromiseId(id)),
        patch,
        on_conflict: OnConflict::Refuse,
    }
}

fn what(to: &str) -> PromisePatch {
    PromisePatch {
        what: Some(Set::to(to.into())),
        ..PromisePatch::default()
    }
}

/// Merges both ways, checks the two results are the same ledger and that merging again
/// changes nothing, and returns the result with the report from `ours`' side.
fn both_ways(base: &Ledger, ours: &Ledger, theirs: &Ledger) -> Merged {
    let one = merge(Some(base), ours, theirs).unwrap();
    let other = merge(Some(base), theirs, ours).unwrap();
    assert_eq!(one.ledger, other.ledger, "the merge depends on the side");
    let again = merge(Some(base), &one.ledger, &one.ledger).unwrap();
    assert_eq!(
        again.ledger, one.ledger,
        "merging the result with itself changes it"
    );
    let again = merge(Some(ours), &one.ledger, ours).unwrap();
    assert_eq!(
        again.ledger, one.ledger,
        "merging the result again changes it"
    );
    one
}

#[test]
fn a_field_changed_on_one_side_takes_that_change() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    apply(&mut o, edit(1, what("Send the board deck")), at("here", 10));
    let level = PromisePatch {
        level: Some(Set::to(crate::core::Level::Result)),
        ..PromisePatch::default()
    };
    apply(&mut t, edit(1, level), at("there", 20));
    let m = both_ways(&b, &o, &t);
    let p = m.ledger.promise(PromiseId(1)).unwrap();
    assert_eq!(p.what, "Send the board deck");
    assert_eq!(p.level, crate::core::Level::Result);
    assert_eq!(p.changed, at("there", 20).now, "the later change time");
    assert!(m.report.decided.is_empty());
    assert_eq!(m.report.changed, 1);
}

#[test]
fn a_field_changed_on_both_sides_takes_the_later_change_and_reports_the_other() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    apply(&mut o, edit(1, what("Send the deck today")), at("here", 30));
    apply(&mut t, edit(1, what("Send the slides")), at("there", 20));
    let m = both_ways(&b, &o, &t);
    assert_eq!(
        m.ledger.promise(PromiseId(1)).unwrap().what,
        "Send the deck today"
    );
    assert_eq!(
        m.report.decided,
        vec![Decided {
            record: "#1".into(),
            uid: Some(o.promise(PromiseId(1)).unwrap().uid),
            field: "what".into(),
            kept: "Send the deck today".into(),
            lost: "Send the slides".into(),
            why: Why::Later,
        }]
    );
}

/// #2 given `status` on 24 November.
fn resolve(status: Status) -> Change {
    Change::Resolve {
        promise: Target::id(PromiseId(2)),
        status,
        on: d("2026-11-24"),
        note: None,
    }
}

/// The merge keeps no time per field: a field changed on both sides goes to the side whose
/// record changed later, which may have been a change to another field, and the report says
/// just that rather than call the value taken the later change of that field.
#[test]
fn a_field_goes_to_the_side_whose_record_changed_later_and_is_said_so() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    apply(&mut o, resolve(Status::Broken), at("here", 10));
    apply(&mut t, resolve(Status::Kept), at("there", 20));
    apply(&mut o, edit(2, what("Review PR 413")), at("here", 30));
    let m = both_ways(&b, &o, &t);
    assert_eq!(
        m.ledger.promise(PromiseId(2)).unwrap().status,
        Status::Broken
    );
    assert_eq!(
        m.report.decided[0].said(false),
        "outcome of #2 changed on both sides: took \"broken on 2026-11-24\" (the side whose \
         record changed later, in this field or another) over \"kept on 2026-11-24\""
    );
}

#[test]
fn an_outcome_merges_as_one_field() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    apply(&mut o, resolve(Status::Kept), at("here", 10));
    apply(&mut t, resolve(Status::Broken), at("there", 20));
    let m = both_ways(&b, &o, &t);
    let p = m.ledger.promise(PromiseId(2)).unwrap();
    assert_eq!(
        (p.status, p.resolved),
        (Status::Broken, Some(d("2026-11-24")))
    );
    assert_eq!(m.report.decided[0].field, "outcome");
    assert_eq!(m.report.decided[0].kept, "broken on 2026-11-24");
    // Worded so that "kept" is only ever the outcome.
    assert!(
        m.report.to_string().ends_with(
            "\noutcome of #2 changed on both sides: took \"broken on 2026-11-24\" (the side whose \
             record changed later, in this field or another) over \"kept on 2026-11-24\"\n"
        ),
        "{}",
        m.report
    );
}

#[test]
fn an_edit_on_one_side_and_a_delete_on_the_other_keeps_the_record() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    apply(&mut o, edit(1, what("Send the deck today")), at("here", 10));
    let rm = |id| Change::DeletePromise {
        promise: Target::id(PromiseId(id)),
        seen: None,
    };
    apply(&mut t, rm(1), at("there", 20));
    // And one deleted on one side, untouched on the other, stays deleted.
    apply(&mut t, rm(2), at("there", 21));
    let m = both_ways(&b, &o, &t);
    assert_eq!(
        m.ledger.promise(PromiseId(1)).unwrap().what,
        "Send the deck today"
    );
    assert!(m.ledger.promise(PromiseId(2)).is_none());
    assert_eq!(m.report.kept, vec!["#1"]);
    assert_eq!(m.report.deleted, 1);
    let uid2 = b.promise(PromiseId(2)).unwrap().uid;
    assert!(m.ledger.tombstones.iter().any(|t| t.uid == uid2));
    let uid1 = b.promise(PromiseId(1)).unwrap().uid;
    assert!(!m.ledger.tombstones.iter().any(|t| t.uid == uid1));
}

#[test]
fn the_same_number_on_both_sides_goes_to_the_one_created_first() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let priya = b.people[0].id;
    o.add_promise(
        NewPromise::task(priya, "Here", d("2026-11-23")),
        at("here", 10),
    )
    .unwrap();
    t.add_promise(
        NewPromise::task(priya, "There", d("2026-11-22")),
        at("there", 10),
    )
    .unwrap();
    t.add_promise(
        NewPromise::task(priya, "There too", d("2026-11-22")),
        at("there", 11),
    )
    .unwrap();
    let m = both_ways(&b, &o, &t);
    let at_number = |n| m.ledger.promise(PromiseId(n)).unwrap().what.clone();
    assert_eq!(at_number(4), "There", "made earlier: keeps #4");
    assert_eq!(at_number(5), "There too");
    assert_eq!(at_number(6), "Here", "the next number above both counters");
    assert_eq!(m.ledger.next_promise_id, PromiseId(7));
    let said = |r: &Report, files: bool| -> Vec<String> {
        r.renumbered.iter().map(|m| m.said(files)).collect()
    };
    assert_eq!(said(&m.report, false), ["#4 here is now #6"]);
    assert_eq!(said(&m.report, true), ["#4 in the data file is now #6"]);
    // A new number is not an edit: what came here is the other side's two promises.
    assert_eq!(summary(&o, &m.ledger), "2 promises added");
    let other = merge(Some(&b), &t, &o).unwrap();
    assert_eq!(
        said(&other.report, false),
        ["#4 from the other machine is now #6"]
    );
    assert_eq!(said(&other.report, true), ["#4 from the copy is now #6"]);
    assert!(
        other
            .report
            .clone()
            .between_files()
            .to_string()
            .contains("\n#4 from the copy is now #6\n")
    );
    // In a rebase git merges this machine's commit into the other machine's copy: the copy
    // merged into is the other machine's, and the sides are named the other way round.
    assert_eq!(
        other.report.clone().in_rebase().to_string(),
        "took 1 promise added from this machine's commit, replayed on the other machine's by the rebase\n#4 here is now #6\n"
    );
    // A sync merging back this machine's own commit, which a reset by hand took out of the
    // branch: the other copy is that commit, never another machine.
    assert_eq!(
        other.report.clone().merged_back().to_string(),
        "took 1 promise added from the commit merged back\n#4 in the commit merged back is now #6\n"
    );
}

/// A record each side holds under a number of its own (the other side's earlier merge moved
/// it there): a field both changed, and the record kept over the other side's deletion, are
/// named by the number the merge gives it, never by one that names another promise by then.
#[test]
fn a_record_held_under_two_numbers_is_named_by_the_number_it_ends_with() {
    let b = base();
    let priya = b.people[0].id;
    let mut here = b.clone();
    here.add_promise(
        NewPromise::task(priya, "Here", d("2026-11-23")),
        at("here", 10),
    )
    .unwrap();
    let mut there = b.clone();
    there
        .add_promise(
            NewPromise::task(priya, "There", d("2026-11-22")),
            at("there", 10),
        )
        .unwrap();
    // There took here's promise in a merge: made later, it moved from #4 to #5 there.
    let there = merge(Some(&b), &there, &here).unwrap().ledger;
    assert_eq!(there.promise(PromiseId(5)).unwrap().what, "Here");

    let (mut o, mut t) = (here.clone(), there.clone());
    apply(&mut o, edit(4, what("Here, reworded")), at("here", 30));
    apply(
        &mut t,
        edit(5, what("Here, reworded there")),
        at("there", 20),
    );
    let m = both_ways(&here, &o, &t);
    assert_eq!(
        m.ledger.promise(PromiseId(5)).unwrap().what,
        "Here, reworded"
    );
    let said = m.report.to_string();
    assert!(said.contains("#4 here is now #5\n"), "{said}");
    assert!(
        said.contains("what of #5 changed on both sides: took \"Here, reworded\""),
        "{said}"
    );

    let (mut o, mut t) = (here.clone(), there.clone());
    apply(&mut o, edit(4, what("Here, reworded")), at("here", 30));
    apply(
        &mut t,
        Change::DeletePromise {
            promise: Target::id(PromiseId(5)),
            seen: None,
        },
        at("there", 20),
    );
    let m = both_ways(&here, &o, &t);
    // #5 was handed out there and deleted: the promise kept moves on to #6.
    assert_eq!(
        m.ledger.promise(PromiseId(6)).unwrap().what,
        "Here, reworded"
    );
    assert_eq!(m.report.kept, ["#6"]);
    let other = merge(Some(&here), &t, &o).unwrap();
    assert_eq!(other.report.kept, ["#6"]);
}

/// The machine whose value lost hears it, when it takes that merge, by the number the record
/// has in the ledger as it now is, where a later merge moved it on again: named by the number
/// the first merge gave it, the line differed from the one the ledger as it is bears out, and
/// was never said.
#[test]
fn what_lost_here_is_named_as_the_ledger_now_names_it() {
    let b = base();
    let priya = b.people[0].id;
    let mut here = b.clone();
    here.add_promise(
        NewPromise::task(priya, "Here", d("2026-11-23")),
        at("here", 10),
    )
    .unwrap();
    let (mut o, mut t) = (here.clone(), here.clone());
    apply(&mut o, edit(4, what("Here, reworded")), at("here", 30));
    apply(
        &mut t,
        edit(4, what("Here, reworded there")),
        at("there", 20),
    );
    let merged = merge(Some(&here), &o, &t).unwrap().ledger;
    // A later merge moved it on to #9.
    let mut now = merged.clone();
    now.promises[3].id = PromiseId(9);
    now.next_promise_id = PromiseId(10);
    let line = "what of #9 changed on both sides: took \"Here, reworded\" (the side whose record changed later, in this field or another) over \"Here, reworded there\"";
    assert_eq!(overridden(&here, &t, &merged, &now), [line]);
    assert_eq!(overridden(&here, &t, &now, &now), [line]);
}

#[test]
fn a_number_handed_out_and_deleted_on_one_side_is_not_handed_out_again_by_the_other() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let priya = b.people[0].id;
    // There: #4 handed out, then deleted; here, #4 handed out too, knowing nothing of it.
    t.add_promise(
        NewPromise::task(priya, "There, deleted", d("2026-11-22")),
        at("there", 10),
    )
    .unwrap();
    apply(
        &mut t,
        Change::DeletePromise {
            promise: Target::id(PromiseId(4)),
            seen: None,
        },
        at("there", 11),
    );
    o.add_promise(
        NewPromise::task(priya, "Here", d("2026-11-23")),
        at("here", 20),
    )
    .unwrap();
    // The same of people: person 3 handed out there and deleted, and here too.
    t.add_person("Gone There", "", "", at("there", 12)).unwrap();
    apply(
        &mut t,
        Change::DeletePerson {
            person: Target::id(PersonId(3)),
            force: false,
            promises: None,
        },
        at("there", 13),
    );
    o.add_person("New Here", "", "", at("here", 21)).unwrap();
    let m = both_ways(&b, &o, &t);
    assert!(m.ledger.promise(PromiseId(4)).is_none(), "#4 stays unused");
    assert_eq!(m.ledger.promise(PromiseId(5)).unwrap().what, "Here");
    assert!(
        m.ledger.person(PersonId(3)).is_none(),
        "person 3 stays unused"
    );
    assert_eq!(m.ledger.person(PersonId(4)).unwrap().name, "New Here");
    let said: Vec<String> = m.report.renumbered.iter().map(|m| m.said(false)).collect();
    assert_eq!(said, ["person 3 here is now person 4", "#4 here is now #5"]);
    let other = merge(Some(&b), &t, &o).unwrap();
    let said: Vec<String> = other
        .report
        .renumbered
        .iter()
        .map(|m| m.said(false))
        .collect();
    assert_eq!(
        said,
        [
            "person 3 from the other machine is now person 4",
            "#4 from the other machine is now #5"
        ]
    );
    // A number the other side handed out to the same record, deleted there, is no clash.
    let mut t2 = o.clone();
    apply(
        &mut t2,
        Change::DeletePromise {
            promise: Target::id(PromiseId(4)),
            seen: None,
        },
        at("there", 30),
    );
    let mut o2 = o.clone();
    apply(&mut o2, edit(4, what("Here, edited")), at("here", 31));
    let m = both_ways(&b, &o2, &t2);
    assert_eq!(m.ledger.promise(PromiseId(4)).unwrap().what, "Here, edited");
    assert!(m.report.renumbered.is_empty());
}

#[test]
fn a_person_added_on_both_sides_with_the_same_name_is_one_person() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let ana_here = o.add_person("Ana Sousa", "", "", at("here", 10)).unwrap();
    o.add_promise(
        NewPromise::task(ana_here, "Here", d("2026-11-24")),
        at("here", 11),
    )
    .unwrap();
    let ana_there = t
        .add_person("ana  SOUSA", "PM", "", at("there", 10))
        .unwrap();
    t.add_promise(
        NewPromise::task(ana_there, "There", d("2026-11-24")),
        at("there", 11),
    )
    .unwrap();
    let m = both_ways(&b, &o, &t);
    let anas: Vec<_> = m
        .ledger
        .people
        .iter()
        .filter(|p| crate::core::text::folded(&p.name) == "ana sousa")
        .collect();
    assert_eq!(anas.len(), 1);
    let ana = anas[0];
    assert_eq!(
        m.ledger.promises_of(ana.id).count(),
        2,
        "both promises point at her"
    );
    assert_eq!(m.report.joined.len(), 1);
    let gone = if ana.uid == o.person(ana_here).unwrap().uid {
        t.person(ana_there).unwrap().uid
    } else {
        o.person(ana_here).unwrap().uid
    };
    let stone = m.ledger.tombstones.iter().find(|s| s.uid == gone).unwrap();
    assert_eq!(stone.into, Some(ana.uid));
    // On the side whose Ana was joined into the other, her promise moved to the one Ana: not
    // an edit.
    let joined_side = if o.people.iter().any(|p| p.uid == gone) {
        &o
    } else {
        &t
    };
    assert_eq!(
        summary(joined_side, &m.ledger),
        "1 person joined, 1 promise added"
    );
}

/// Eve added on both machines, and one other colleague on each: the one Eve was on each
/// machine already, so the merge adds one record, whichever copy it merges into, and so
/// does the merge of a machine that takes the join made on the other (both said "2 records
/// added", the Eve that was joined into the other, or the one this machine's went into,
/// among them).
#[test]
fn a_person_joined_is_no_record_added() {
    let b = base();
    let (mut here, mut there) = (b.clone(), b.clone());
    here.add_person("Eve Park", "", "", at("here", 10)).unwrap();
    here.add_person("Noor Ali", "", "", at("here", 11)).unwrap();
    there
        .add_person("Eve Park", "", "", Moment::fixed(d("2026-11-20"), "there"))
        .unwrap();
    there
        .add_person("Sam Lee", "", "", at("there", 11))
        .unwrap();
    for (ours, theirs) in [(&here, &there), (&there, &here)] {
        let m = merge(Some(&b), ours, theirs).unwrap();
        assert_eq!(m.report.added, 1, "{}", m.report);
        assert!(
            m.report.to_string().starts_with("took 1 person added"),
            "{}",
            m.report
        );
    }
    // Made there, and taken by a merge here, where a promise was made meanwhile.
    let joined = merge(Some(&b), &there, &here).unwrap().ledger;
    let mut changed = here.clone();
    changed
        .add_promise(
            NewPromise::task(PersonId(1), "Another here", d("2026-11-24")),
            at("here", 30),
        )
        .unwrap();
    let m = merge(Some(&here), &changed, &joined).unwrap();
    assert_eq!(m.report.added, 1, "{}", m.report);
    assert_eq!(m.report.joined.len(), 1, "{}", m.report);
}

#[test]
fn handles_stay_unique() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.add_person("Ana-Lu", "", "", at("here", 10)).unwrap();
    t.add_person("Ana Lu", "", "", at("there", 10)).unwrap();
    let m = both_ways(&b, &o, &t);
    let mut handles: Vec<&str> = m.ledger.people.iter().map(|p| p.handle.as_str()).collect();
    handles.sort_unstable();
    assert_eq!(handles, ["ana-lu", "ana-lu-2", "leo-park", "priya-raman"]);
}

#[test]
fn a_promise_kept_by_the_merge_keeps_its_person() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let leo = b.people[1].clone();
    o.add_promise(
        NewPromise::task(leo.id, "Late addition", d("2026-11-24")),
        at("here", 10),
    )
    .unwrap();
    apply(
        &mut t,
        Change::DeletePerson {
            person: Target::id(leo.id),
            force: true,
            promises: None,
        },
        at("there", 20),
    );
    let m = both_ways(&b, &o, &t);
    let back = m.ledger.person_by_uid(leo.uid).expect("Leo is kept");
    assert_eq!(
        m.ledger.promises_of(back.id).count(),
        1,
        "only the new promise"
    );
    assert!(m.report.kept_for_promises.contains(&"leo-park".to_string()));
    assert!(m.report.kept.is_empty(), "Leo was not edited");
    assert!(
        m.report
            .to_string()
            .contains("\nkept leo-park: deleted on one side, but a promise with them was kept\n")
    );
    // Deleted by the other copy: #3 alone; Leo, kept, is not counted as deleted too.
    assert_eq!(m.report.deleted, 1);
}

#[test]
fn settings_merge_like_fields_and_tombstones_are_the_union() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.settings.hold_threshold = 0.8;
    t.settings.hold_evidence_task = 4.0;
    apply(
        &mut o,
        Change::DeletePromise {
            promise: Target::id(PromiseId(3)),
            seen: None,
        },
        at("here", 5),
    );
    apply(
        &mut t,
        Change::DeletePromise {
            promise: Target::id(PromiseId(2)),
            seen: None,
        },
        at("there", 5),
    );
    let m = both_ways(&b, &o, &t);
    assert_eq!(m.ledger.settings.hold_threshold, 0.8);
    assert_eq!(m.ledger.settings.hold_evidence_task, 4.0);
    assert_eq!(m.ledger.tombstones.len(), 2);
    assert_eq!(m.ledger.promises.len(), 1);
}

#[test]
fn without_a_base_tombstones_decide_deletes() {
    // A file-sync conflict copy: no common ancestor to compare with.
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    apply(
        &mut o,
        Change::DeletePromise {
            promise: Target::id(PromiseId(1)),
            seen: None,
        },
        at("here", 10),
    );
    let person = PersonPatch {
        role: Some(Set::to("Lead".into())),
        ..PersonPatch::default()
    };
    apply(
        &mut t,
        Change::EditPerson {
            person: Target::id(PersonId(1)),
            patch: person,
            on_conflict: OnConflict::Refuse,
        },
        at("there", 20),
    );
    let one = merge(None, &o, &t).unwrap();
    let other = merge(None, &t, &o).unwrap();
    assert_eq!(one.ledger, other.ledger);
    assert!(
        one.ledger.promise(PromiseId(1)).is_none(),
        "deleted here, untouched there"
    );
    assert_eq!(one.ledger.people[0].role, "Lead");
}

#[test]
fn a_newer_file_is_never_merged() {
    let b = base();
    let mut newer = b.clone();
    newer.version = FORMAT_VERSION + 1;
    assert_eq!(
        merge(Some(&b), &b, &newer),
        Err(MergeError::TooNew(FORMAT_VERSION + 1))
    );
}

/// A promise is looked for where it was, or as far on as the last one found moved: one
/// deleted, one added, and the list in another order all say the same as a search by uid.
#[test]
fn the_summary_finds_each_promise_wherever_it_moved_in_the_list() {
    let before = crate::core::generate::realistic(4, 60, d("2026-11-24"), 3);
    let mut after = before.clone();
    after.promises.remove(3);
    after.promises[20].what = "Reworded".into();
    after.promises.remove(40);
    let mut new = after.promises[0].clone();
    new.uid = crate::core::model::Uid::derived("new");
    after.promises.insert(10, new);
    let said = "1 promise added, 1 promise edited, 2 promises deleted";
    assert_eq!(summary(&before, &after), said);
    after.promises.reverse();
    assert_eq!(summary(&before, &after), said);
}

#[test]
fn the_summary_says_what_changed() {
    let b = base();
    let mut after = b.clone();
    apply(
        &mut after,
        Change::Resolve {
            promise: Target::id(PromiseId(1)),
            status: Status::Kept,
            on: d("2026-11-24"),
            note: None,
        },
        at("here", 1),
    );
    after
        .add_promise(
            NewPromise::task(PersonId(1), "x", d("2026-11-24")),
            at("here", 2),
        )
        .unwrap();
    apply(&mut after, edit(2, what("Review PR 413")), at("here", 3));
    assert_eq!(
        summary(&b, &after),
        "1 promise added, 1 kept, 1 promise edited"
    );
    assert_eq!(summary(&b, &b), "no change");
    // A due date moved on a kept promise, which makes it kept late: an edit, not a keep; a
    // reopen says so.
    let mut later = after.clone();
    let due = PromisePatch {
        due: Some(Set::to(Some(d("2026-11-20")))),
        ..PromisePatch::default()
    };
    apply(&mut later, edit(1, due), at("here", 4));
    assert_eq!(
        later.promise(PromiseId(1)).unwrap().status,
        Status::KeptLate
    );
    assert_eq!(summary(&after, &later), "1 promise edited");
    let mut reopened = later.clone();
    let reopen = Change::Reopen {
        promise: Target::id(PromiseId(1)),
    };
    apply(&mut reopened, reopen, at("here", 5));
    assert_eq!(summary(&later, &reopened), "1 reopened");
    // Archived and restored are said as such (an archive was "1 person edited").
    let mut archived = reopened.clone();
    archived
        .set_archived(PersonId(1), true, at("here", 6))
        .unwrap();
    assert_eq!(summary(&reopened, &archived), "1 person archived");
    let mut restored = archived.clone();
    restored
        .set_archived(PersonId(1), false, at("here", 7))
        .unwrap();
    assert_eq!(summary(&archived, &restored), "1 person restored");
}

/// A person's keep-in-touch cadence set on one machine and a 1:1 prep saved on the other both
/// land, as any two fields do.
#[test]
fn cadence_and_last_prep_merge_as_fields() {
    let base = base();
    let person = |patch: PersonPatch| Change::EditPerson {
        person: Target::id(PersonId(1)),
        patch,
        on_conflict: OnConflict::Refuse,
    };
    let mut ours = base.clone();
    apply(
        &mut ours,
        person(PersonPatch {
            cadence_days: Some(Set::to(Some(14))),
            ..PersonPatch::default()
        }),
        at("ours", 10),
    );
    let mut theirs = base.clone();
    apply(
        &mut theirs,
        person(PersonPatch {
            last_prep: Some(Set::to(Some(d("2026-11-24")))),
            ..PersonPatch::default()
        }),
        at("theirs", 20),
    );
    let merged = both_ways(&base, &ours, &theirs);
    let priya = merged.ledger.person(PersonId(1)).unwrap();
    assert_eq!(priya.cadence_days, Some(14));
    assert_eq!(priya.last_prep, Some(d("2026-11-24")));
    assert!(merged.report.decided.is_empty());
}

/// A promise deleted here, its undo still pending in the UI, while the other machine added a
/// person under the same number: the merge renumbers ours, and the undo puts the promise back
/// on its own person, not on whoever holds the number now. The same for a person deleted with
/// their promises (whose number, deleted here, stays theirs: the other machine's person moves).
#[test]
fn an_undo_after_a_merge_renumbered_the_person_puts_back_to_the_person() {
    let b = base();
    let mut t = b.clone();
    let ann = t
        .add_person("Ann B", "", "", Moment::fixed(d("2026-11-23"), "there"))
        .unwrap();
    let mut o = b.clone();
    let here = at("here", 10);
    let zed = o.add_person("Zed Q", "", "", here).unwrap();
    assert_eq!(ann, zed, "the same number on both machines");
    let p = o
        .add_promise(
            NewPromise::task(zed, "Zed's promise", d("2026-11-23")),
            here,
        )
        .unwrap();
    let delete_promise = Change::DeletePromise {
        promise: Target::id(p),
        seen: None,
    };
    let delete_person = Change::DeletePerson {
        person: Target::id(zed),
        force: true,
        promises: None,
    };
    for delete in [delete_promise, delete_person] {
        let mut ours = o.clone();
        let undo = ours
            .apply(&delete, &at("here", 11))
            .unwrap()
            .inverse
            .unwrap();
        let mut merged = merge(Some(&b), &ours, &t).unwrap().ledger;
        merged.apply(&undo, &at("here", 30)).unwrap();
        let back = merged
            .promises
            .iter()
            .find(|x| x.what == "Zed's promise")
            .unwrap();
        let owner = merged.person(back.person).unwrap();
        assert_eq!(owner.name, "Zed Q", "{delete:?}");
        if matches!(delete, Change::DeletePerson { .. }) {
            // Deleted here, Zed's number was never another's: Ann moved, and Zed comes back
            // under it.
            assert_eq!(owner.id, zed, "Zed has his number back");
            let ann = merged.people.iter().find(|x| x.name == "Ann B").unwrap();
            assert_ne!(ann.id, zed, "Ann moved");
        } else {
            assert_ne!(owner.id, zed, "Zed has another number now");
        }
    }
}

/// Settings valid on each side that, taken one by one, would break the rule that ties two of
/// them (`ready_streak_on_time` at most `ready_streak`): one side's settings are kept whole,
/// the same whichever side merges, and the report names what the other loses.
#[test]
fn settings_that_would_break_a_rule_together_keep_one_side_whole() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.settings.ready_streak_on_time = 3;
    t.settings.ready_streak = 2;
    assert!(o.settings.problem().is_none() && t.settings.problem().is_none());
    let here = merge(Some(&b), &o, &t).unwrap();
    let there = merge(Some(&b), &t, &o).unwrap();
    assert_eq!(here.ledger.settings, there.ledger.settings, "symmetric");
    assert!(here.ledger.settings.problem().is_none());
    let kept = &here.ledger.settings;
    assert!(*kept == o.settings || *kept == t.settings, "one side whole");
    // Each side changed one setting: the side kept whole keeps its own change, which loses
    // nothing, and the other side's change is said dropped, never "changed on both sides".
    let said: Vec<String> = here
        .report
        .decided
        .iter()
        .filter(|d| d.record == "settings")
        .map(|d| d.said(false))
        .collect();
    let dropped = if *kept == o.settings {
        "ready_streak of settings changed on one side only: its change to \"2\" dropped, as the \
         other side's settings are kept whole (they go together); it stays \"3\""
    } else {
        "ready_streak_on_time of settings changed on one side only: its change to \"3\" \
         dropped, as the other side's settings are kept whole (they go together); it stays \"2\""
    };
    assert_eq!(said, [dropped]);
}

/// Both sides changed a setting the rule ties to another, to different values, and one side
/// also changed the other: the one changed on both is said so, with why, and the other as
/// dropped or not at all, as the side kept whole says.
#[test]
fn settings_kept_whole_say_a_setting_changed_on_both_sides_as_such() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.settings.ready_streak = 2;
    o.settings.ready_streak_on_time = 1;
    t.settings.ready_streak_on_time = 3;
    assert!(o.settings.problem().is_none() && t.settings.problem().is_none());
    let here = merge(Some(&b), &o, &t).unwrap();
    let said: Vec<String> = here.report.decided.iter().map(|d| d.said(false)).collect();
    let both = |kept: u32, lost: u32| {
        format!(
            "ready_streak_on_time of settings changed on both sides: took \"{kept}\" (one side's \
             settings kept whole, as they go together) over \"{lost}\""
        )
    };
    if here.ledger.settings == o.settings {
        assert_eq!(said, [both(1, 3)]);
    } else {
        assert_eq!(here.ledger.settings, t.settings);
        assert_eq!(
            said,
            [
                "ready_streak of settings changed on one side only: its change to \"2\" dropped, \
                 as the other side's settings are kept whole (they go together); it stays \"3\""
                    .to_string(),
                both(3, 1),
            ]
        );
    }
}

/// The machine that takes another's merge by a fast-forward runs no merge itself, yet is told
/// what moved among its own records, as the merging machine is.
#[test]
fn a_fast_forward_names_what_moved_here() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let priya = b.people[0].id;
    o.add_promise(
        NewPromise::task(priya, "Here", d("2026-11-23")),
        at("here", 10),
    )
    .unwrap();
    o.add_person("Ana-Lu", "", "", at("here", 12)).unwrap();
    let kim_here = o.add_person("Kim Park", "", "", at("here", 13)).unwrap();
    t.add_promise(
        NewPromise::task(priya, "There", d("2026-11-22")),
        at("there", 10),
    )
    .unwrap();
    t.add_person("Ana Lu", "", "", at("there", 11)).unwrap();
    let kim_there = t.add_person("kim  park", "", "", at("there", 12)).unwrap();
    // The other machine merged; this one takes its result as it is.
    let merged = merge(Some(&b), &t, &o).unwrap().ledger;
    let kim_gone = o.person(kim_here).unwrap();
    assert!(merged.person(kim_there).is_some(), "created first: stays");
    assert_eq!(
        moved(&o, &merged),
        vec![
            "person 3 here is now person 5".to_string(),
            "handle ana-lu of Ana-Lu is now ana-lu-2".to_string(),
            format!(
                "{} was added on both sides: one person now, named \"kim  park\"",
                kim_gone.name
            ),
            "#4 here is now #5".to_string(),
        ]
    );
    assert_eq!(
        summary(&o, &merged),
        "1 person added, 1 person joined, 1 person edited, 1 promise added"
    );
    // The machine that merged kept its numbers: nothing of its own moved.
    assert_eq!(moved(&t, &merged), Vec::<String>::new());
}

/// One side moves a kept promise's due date before the day it was kept (kept late there), the
/// other later moves it past that day: the later date wins, and the promise is kept as that
/// date says, never "kept late" by a due date it was kept before.
#[test]
fn a_kept_promise_merged_from_two_due_dates_is_kept_as_its_dates_say() {
    let mut b = base();
    let due = |day: &str| PromisePatch {
        due: Some(Set::to(Some(d(day)))),
        ..PromisePatch::default()
    };
    apply(&mut b, edit(1, due("2026-11-27")), at("base", 1));
    let kept = Change::Resolve {
        promise: Target::id(PromiseId(1)),
        status: Status::Kept,
        on: d("2026-11-23"),
        note: None,
    };
    apply(&mut b, kept, at("base", 2));
    let (mut o, mut t) = (b.clone(), b.clone());
    apply(&mut o, edit(1, due("2026-11-22")), at("here", 10));
    assert_eq!(o.promise(PromiseId(1)).unwrap().status, Status::KeptLate);
    apply(&mut t, edit(1, due("2026-11-26")), at("there", 20));
    let m = both_ways(&b, &o, &t);
    let p = m.ledger.promise(PromiseId(1)).unwrap();
    assert_eq!(p.due, Some(d("2026-11-26")), "the later change");
    assert_eq!(p.status, Status::Kept, "kept by the due date it has");
}

/// One side reopens a promise kept late; the other, later, removes its due date, which makes
/// it kept there without anyone deciding its outcome anew. The reopen is the only decision, so
/// it stands, whichever change came later, and the due date goes as the other side said.
#[test]
fn a_reopen_beats_a_due_date_edit_that_only_moved_kept_late_to_kept() {
    let mut b = base();
    let due = PromisePatch {
        due: Some(Set::to(Some(d("2026-11-21")))),
        ..PromisePatch::default()
    };
    apply(&mut b, edit(1, due), at("base", 1));
    let kept = Change::Resolve {
        promise: Target::id(PromiseId(1)),
        status: Status::KeptLate,
        on: d("2026-11-23"),
        note: None,
    };
    apply(&mut b, kept, at("base", 2));
    assert_eq!(b.promise(PromiseId(1)).unwrap().status, Status::KeptLate);
    let no_due = PromisePatch {
        due: Some(Set::to(None)),
        ..PromisePatch::default()
    };
    for (reopened_at, edited_at) in [(10, 20), (20, 10)] {
        let (mut o, mut t) = (b.clone(), b.clone());
        let reopen = Change::Reopen {
            promise: Target::id(PromiseId(1)),
        };
        apply(&mut o, reopen, at("here", reopened_at));
        apply(&mut t, edit(1, no_due.clone()), at("there", edited_at));
        assert_eq!(t.promise(PromiseId(1)).unwrap().status, Status::Kept);
        let m = both_ways(&b, &o, &t);
        let p = m.ledger.promise(PromiseId(1)).unwrap();
        assert_eq!((p.status, p.resolved, p.due), (Status::Open, None, None));
        assert!(m.report.decided.is_empty(), "{:?}", m.report.decided);
    }
}

/// Both sides decide the outcome anew (one keeps it late, one breaks it): the later decision
/// wins and the other is reported, as for any field.
#[test]
fn two_decisions_on_an_outcome_still_go_to_the_later() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let resolve = |status, on| Change::Resolve {
        promise: Target::id(PromiseId(1)),
        status,
        on: d(on),
        note: None,
    };
    apply(&mut o, resolve(Status::Kept, "2026-11-23"), at("here", 10));
    apply(
        &mut t,
        resolve(Status::Broken, "2026-11-24"),
        at("there", 20),
    );
    let m = both_ways(&b, &o, &t);
    let p = m.ledger.promise(PromiseId(1)).unwrap();
    assert_eq!(p.status, Status::Broken);
    assert_eq!(m.report.decided.len(), 1);
}

/// A person added on both sides and archived on one: whether they stay archived is decided
/// as a field changed on both sides, by the side whose record changed later, whichever copy
/// of them stays, and the report says which way it went.
#[test]
fn a_person_added_on_both_sides_and_archived_on_one_is_archived_as_the_later_side_says() {
    let b = base();
    for (added_there, archived) in [(15, true), (30, false)] {
        let (mut o, mut t) = (b.clone(), b.clone());
        let eve = o.add_person("Eve Park", "", "", at("here", 10)).unwrap();
        o.set_archived(eve, true, at("here", 20)).unwrap();
        t.add_person("Eve Park", "PM", "", at("there", added_there))
            .unwrap();
        let m = both_ways(&b, &o, &t);
        let eves: Vec<_> = m
            .ledger
            .people
            .iter()
            .filter(|p| p.name == "Eve Park")
            .collect();
        assert_eq!(eves.len(), 1);
        assert_eq!((eves[0].archived, eves[0].role.as_str()), (archived, "PM"));
        let said = if archived {
            "; archived, as on the side whose record changed later"
        } else {
            "; kept shown over archived, as on the side whose record changed later"
        };
        assert_eq!(
            m.report.joined,
            [format!(
                "Eve Park was added on both sides: one person now{said}"
            )],
            "added there at {added_there}"
        );
    }
}

/// A person added on both sides with a role on one and a note on the other keeps both; where
/// both gave a role, the one that stays keeps its own, and the report names the one lost.
#[test]
fn a_person_added_on_both_sides_keeps_what_either_side_gave() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.add_person("Eve Park", "", "prefers written updates", at("here", 10))
        .unwrap();
    t.add_person("Eve Park", "Design", "", at("there", 10))
        .unwrap();
    let m = both_ways(&b, &o, &t);
    let eve = m
        .ledger
        .people
        .iter()
        .find(|p| p.name == "Eve Park")
        .unwrap();
    assert_eq!(
        (eve.role.as_str(), eve.note.as_str()),
        ("Design", "prefers written updates")
    );
    assert_eq!(
        m.report.joined,
        ["Eve Park was added on both sides: one person now"]
    );

    let (mut o, mut t) = (b.clone(), b.clone());
    o.add_person("Eve Park", "Ops", "", at("here", 10)).unwrap();
    t.add_person("Eve Park", "Design", "", at("there", 10))
        .unwrap();
    let m = both_ways(&b, &o, &t);
    let eve = m
        .ledger
        .people
        .iter()
        .find(|p| p.name == "Eve Park")
        .unwrap();
    let lost = if eve.role == "Ops" { "Design" } else { "Ops" };
    assert_eq!(
        m.report.joined,
        [format!(
            "Eve Park was added on both sides: one person now; kept role {:?} over {lost:?}",
            eve.role
        )]
    );
}

/// Two spellings of one name joined: the report names the spelling that goes and the one the
/// person keeps, on the merging side and on the side that takes the merge as it comes.
#[test]
fn a_person_added_twice_under_two_spellings_is_reported_by_the_name_kept() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.add_person("Carlos Ruiz", "", "", at("here", 10)).unwrap();
    t.add_person("carlos  ruiz", "PM", "", at("there", 20))
        .unwrap();
    let m = both_ways(&b, &o, &t);
    let carlos: Vec<_> = m
        .ledger
        .people
        .iter()
        .filter(|p| p.name.to_lowercase().starts_with("carlos"))
        .collect();
    assert_eq!(carlos.len(), 1);
    let kept = carlos[0].name.clone();
    let gone = if kept == "Carlos Ruiz" {
        "carlos  ruiz"
    } else {
        "Carlos Ruiz"
    };
    assert_eq!(
        m.report.joined,
        [format!(
            "{gone} was added on both sides: one person now, named {kept:?}"
        )]
    );
    let side = if gone == "Carlos Ruiz" { &o } else { &t };
    assert_eq!(
        super::moved::moved(side, &m.ledger),
        [format!(
            "{gone} was added on both sides: one person now, named {kept:?}"
        )]
    );
}

/// With no common ancestor (a conflict copy), a field that differs may have changed on one
/// side only: said to differ, not to have changed on both, and an open outcome is "open",
/// not "open on none".
#[test]
fn without_an_ancestor_a_difference_is_said_to_differ() {
    let b = base();
    let (o, mut t) = (b.clone(), b.clone());
    let kept = Change::Resolve {
        promise: Target::id(PromiseId(1)),
        status: Status::Kept,
        on: d("2026-11-24"),
        note: None,
    };
    apply(&mut t, kept, at("there", 20));
    let m = merge(None, &o, &t).unwrap();
    assert_eq!(m.ledger.promise(PromiseId(1)).unwrap().status, Status::Kept);
    let said = m.report.to_string();
    assert!(
        said.contains(
            "outcome of #1 differs between the copies: took \"kept on 2026-11-24\" (the side whose \
             record changed later, in this field or another) over \"open\""
        ),
        "{said}"
    );
}

/// Without an ancestor, two records changed in the same second differ in two fields: each
/// copy's record is one side's whole, never a field of each, and the report says why it
/// chose as it did, not that one record changed later.
#[test]
fn records_changed_in_the_same_second_are_taken_whole_from_one_side() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    // Value by value, "Send the deck" would beat this wording and "open" beat "kept".
    apply(&mut o, edit(1, what("Ask for the deck")), at("here", 20));
    let kept = Change::Resolve {
        promise: Target::id(PromiseId(1)),
        status: Status::Kept,
        on: d("2026-11-24"),
        note: None,
    };
    apply(&mut t, kept, at("there", 20));
    let sides = [
        o.promise(PromiseId(1)).unwrap(),
        t.promise(PromiseId(1)).unwrap(),
    ]
    .map(|p| (p.what.clone(), p.status));
    for m in [merge(None, &o, &t).unwrap(), merge(None, &t, &o).unwrap()] {
        let p = m.ledger.promise(PromiseId(1)).unwrap();
        assert!(
            sides.contains(&(p.what.clone(), p.status)),
            "{p:?} is neither side's"
        );
        let said = m.report.to_string();
        assert!(
            said.contains("(both changed in the same second; one copy's record kept whole)"),
            "{said}"
        );
        assert!(!said.contains("changed later"), "{said}");
    }
}

/// A person added on both machines is joined into one by the first merge; the role the other
/// machine then gave its own record of them lands on that one person, and does not bring
/// the joined record back as a second person.
#[test]
fn an_edit_of_a_person_joined_elsewhere_lands_on_the_person_it_was_joined_into() {
    let b = base();
    let (mut a1, mut b1) = (b.clone(), b.clone());
    a1.add_person("Kim Haverford", "", "", at("a", 10)).unwrap();
    b1.add_person("Kim Haverford", "", "", at("b", 20)).unwrap();
    let kims = |l: &Ledger| -> Vec<crate::core::Person> {
        l.people
            .iter()
            .filter(|p| p.name == "Kim Haverford")
            .cloned()
            .collect()
    };
    let joined = merge(Some(&b), &b1, &a1).unwrap().ledger;
    assert_eq!(kims(&joined).len(), 1);
    // The machine whose Kim was joined away edits its own record before it hears of that.
    let stays = kims(&joined)[0].uid;
    let mut edited = [&a1, &b1]
        .into_iter()
        .find(|l| {
            l.people
                .iter()
                .any(|p| p.name == "Kim Haverford" && p.uid != stays)
        })
        .unwrap()
        .clone();
    let before = edited.clone();
    let id = kims(&edited)[0].id;
    let role = Change::EditPerson {
        person: Target::id(id),
        patch: PersonPatch {
            role: Some(Set::to("Search lead".into())),
            ..PersonPatch::default()
        },
        on_conflict: OnConflict::Refuse,
    };
    apply(&mut edited, role, at("edit", 30));
    let m = merge(Some(&before), &edited, &joined).unwrap();
    let kim = kims(&m.ledger);
    assert_eq!(kim.len(), 1, "{:?}", m.ledger.people);
    assert_eq!((kim[0].uid, kim[0].role.as_str()), (stays, "Search lead"));
    assert!(
        m.report
            .to_string()
            .contains("role set on kim-haverford here, kept on"),
        "{}",
        m.report
    );
}

/// Eve added on both machines, a note on each; the merge made there joins this machine's
/// Eve into its own (added a day earlier), which keeps its note. This machine, not told yet,
/// gives its Eve a role and another note: the role, which the one Eve had none of, she
/// takes; the note she keeps her own, as the join would have with the edit made before it
/// (the note there was replaced by one never seen here), and both machines hear it with
/// the two notes: here by the join's line, there by a line of its own.
#[test]
fn an_edit_of_a_person_joined_elsewhere_keeps_the_note_the_one_person_has() {
    let b = base();
    let (mut here, mut there) = (b.clone(), b.clone());
    here.add_person("Eve Park", "", "from here", at("here", 10))
        .unwrap();
    there
        .add_person(
            "Eve Park",
            "",
            "from there",
            Moment::fixed(d("2026-11-20"), "there"),
        )
        .unwrap();
    let joined = merge(Some(&b), &there, &here).unwrap().ledger;
    let mut edited = here.clone();
    let eve = edited.people.iter().find(|p| p.name == "Eve Park").unwrap();
    let patch = PersonPatch {
        role: Some(Set::to("Search lead".into())),
        note: Some(Set::to("edited here".into())),
        ..PersonPatch::default()
    };
    let edit = Change::EditPerson {
        person: Target::id(eve.id),
        patch,
        on_conflict: OnConflict::Refuse,
    };
    apply(&mut edited, edit, at("here", 40));
    let m = both_ways(&here, &edited, &joined);
    let eve: Vec<_> = m
        .ledger
        .people
        .iter()
        .filter(|p| p.name == "Eve Park")
        .collect();
    assert_eq!(eve.len(), 1, "{:?}", m.ledger.people);
    assert_eq!(
        (eve[0].role.as_str(), eve[0].note.as_str()),
        ("Search lead", "from there")
    );
    let said = m.report.to_string();
    let lines: Vec<&str> = said.lines().collect();
    assert!(
        lines.contains(
            &"Eve Park was added on both sides: one person now; kept note \"from there\" over \"edited here\""
        ),
        "{said}"
    );
    assert!(
        lines.contains(&"role set on eve-park here, kept on the one eve-park the two added on both sides were joined into"),
        "{said}"
    );
    assert!(!said.contains("note of"), "said twice: {said}");
    let there_side = merge(Some(&here), &joined, &edited)
        .unwrap()
        .report
        .to_string();
    let lines: Vec<&str> = there_side.lines().collect();
    assert!(
        lines.contains(
            &"note of Eve Park set elsewhere after the two added on both sides were joined into one: kept \"from there\", the one added first's, over \"edited here\""
        ),
        "{there_side}"
    );
    assert!(
        lines
            .contains(&"role set on eve-park elsewhere, kept on the one eve-park the two added on both sides were joined into"),
        "{there_side}"
    );
}

/// A promise to a person added on both sides, whose person the other machine's merge
/// joined into its own, is no promise edited there: deleted here meanwhile, it stays deleted
/// (it came back, "edited on one side, deleted on the other", though no one had edited it).
#[test]
fn a_promise_whose_person_a_merge_joined_elsewhere_stays_deleted_here() {
    let (here, joined) = kim_added_on_both_and_joined_there(true);
    let kim_here = kim_in(&here).uid;
    assert!(!joined.people.iter().any(|p| p.uid == kim_here), "joined");
    let mut deleted = here.clone();
    apply(
        &mut deleted,
        Change::DeletePromise {
            promise: Target::id(PromiseId(4)),
            seen: None,
        },
        at("a", 30),
    );
    let m = both_ways(&here, &deleted, &joined);
    assert_ship_it_deleted_and_nothing_kept(&m);
}

/// The same where this machine deleted the person, their promise with them: the promise
/// stays deleted (the later tombstone here, of a plain delete, hid the join made there).
#[test]
fn a_promise_deleted_with_its_person_here_stays_deleted_though_a_merge_joined_them_elsewhere() {
    let (here, joined) = kim_added_on_both_and_joined_there(true);
    let deleted = kim_deleted(&here, true, at("a", 30));
    let m = both_ways(&here, &deleted, &joined);
    assert_ship_it_deleted_and_nothing_kept(&m);
}

/// Kim added here and there, the other machine's merge joined this machine's Kim into its
/// own, and this machine deleted Kim before taking that merge (with a promise, `--force`, or
/// without one): the Kim that merge kept is that same person, deleted too. It came back, said
/// only as one record added.
#[test]
fn a_person_a_merge_joined_elsewhere_stays_deleted_here() {
    for with_promise in [false, true] {
        let (here, joined) = kim_added_on_both_and_joined_there(with_promise);
        let deleted = kim_deleted(&here, with_promise, at("a", 30));
        let m = both_ways(&here, &deleted, &joined);
        assert!(
            !m.ledger.people.iter().any(|p| p.name == "Kim Haverford"),
            "{:?}",
            m.ledger.people
        );
        assert!(
            !m.ledger.promises.iter().any(|p| p.what == "Ship it"),
            "{:?}",
            m.ledger.promises
        );
        assert_eq!(m.report.added, 0, "{}", m.report);
        assert!(m.report.kept.is_empty(), "{}", m.report);
        // The machine that made the join hears of the delete.
        let there = merge(Some(&here), &joined, &deleted).unwrap();
        assert_eq!(
            there.report.deleted,
            1 + usize::from(with_promise),
            "{}",
            there.report
        );
    }
}

/// The same, where the other machine edited its Kim after the join: an edit the delete here
/// never saw, so Kim is kept and said, as a record edited on one side and deleted on the
/// other is.
#[test]
fn a_person_edited_elsewhere_after_a_merge_joined_them_is_kept_over_the_delete_here() {
    let (here, mut joined) = kim_added_on_both_and_joined_there(false);
    let kim = kim_in(&joined).id;
    let role = Change::EditPerson {
        person: Target::id(kim),
        patch: PersonPatch {
            role: Some(Set::to("Search lead".into())),
            ..PersonPatch::default()
        },
        on_conflict: OnConflict::Refuse,
    };
    apply(&mut joined, role, at("b", 20));
    let deleted = kim_deleted(&here, false, at("a", 30));
    let m = both_ways(&here, &deleted, &joined);
    let kim: Vec<&crate::core::Person> = m
        .ledger
        .people
        .iter()
        .filter(|p| p.name == "Kim Haverford")
        .collect();
    assert_eq!(kim.len(), 1, "{:?}", m.ledger.people);
    assert_eq!(kim[0].role, "Search lead");
    assert_eq!(m.report.kept, [kim[0].handle.clone()], "{}", m.report);
}

/// Kim added on both machines and joined by the merge made there, which then deleted the one
/// Kim; this machine, told of neither, gives its Kim a note: an edit on one side and a delete
/// on the other keep the record, as this machine has it, and say so (the note went with the
/// deleted Kim, said as the other machine's delete alone).
#[test]
fn an_edit_of_a_person_joined_elsewhere_and_deleted_there_since_keeps_them() {
    let (here, joined) = kim_added_on_both_and_joined_there(false);
    let deleted = kim_deleted(&joined, false, at("b", 20));
    let mut edited = here.clone();
    let note = Change::EditPerson {
        person: Target::id(kim_in(&edited).id),
        patch: PersonPatch {
            note: Some(Set::to("Met at the offsite".into())),
            ..PersonPatch::default()
        },
        on_conflict: OnConflict::Refuse,
    };
    apply(&mut edited, note, at("a", 30));
    let m = both_ways(&here, &edited, &deleted);
    let kim = kim_in(&m.ledger);
    assert_eq!(
        (kim.uid, kim.note.as_str()),
        (kim_in(&here).uid, "Met at the offsite")
    );
    assert_eq!(m.report.kept, [kim.handle.as_str()], "{}", m.report);
    let there = merge(Some(&here), &deleted, &edited).unwrap();
    assert_eq!(there.report.kept, [kim.handle.as_str()], "{}", there.report);
}

/// Kim added here (given a promise when `with_promise`) and, a day earlier, there; the
/// merge made there, which joins this machine's Kim into its own. Returns this machine's
/// ledger and that merge.
fn kim_added_on_both_and_joined_there(with_promise: bool) -> (Ledger, Ledger) {
    let b = base();
    let (mut here, mut there) = (b.clone(), b.clone());
    let kim = here
        .add_person("Kim Haverford", "", "", at("a", 10))
        .unwrap();
    if with_promise {
        here.add_promise(
            NewPromise::task(kim, "Ship it", d("2026-11-24")),
            at("a", 11),
        )
        .unwrap();
    }
    there
        .add_person("Kim Haverford", "", "", Moment::fixed(d("2026-11-23"), "b"))
        .unwrap();
    let joined = merge(Some(&b), &there, &here).unwrap().ledger;
    (here, joined)
}

/// The one Kim Haverford of `l`.
fn kim_in(l: &Ledger) -> &crate::core::Person {
    l.people
        .iter()
        .find(|p| p.name == "Kim Haverford")
        .expect("Kim is here")
}

/// Kim's promise is gone from the merge, and the merge kept nothing over a delete.
fn assert_ship_it_deleted_and_nothing_kept(m: &Merged) {
    assert!(
        !m.ledger.promises.iter().any(|p| p.what == "Ship it"),
        "{:?}",
        m.ledger.promises
    );
    assert!(m.report.kept.is_empty(), "{}", m.report);
}

/// `here` with its Kim deleted, their promises with them when `force` (as `person delete
/// --force`).
fn kim_deleted(here: &Ledger, force: bool, when: Moment) -> Ledger {
    let kim = kim_in(here).id;
    let mut deleted = here.clone();
    apply(
        &mut deleted,
        Change::DeletePerson {
            person: Target::id(kim),
            force,
            promises: None,
        },
        when,
    );
    deleted
}

#[test]
fn a_promise_whose_colleague_differs_between_the_copies_is_reported_by_handles() {
    let b = base();
    let (o, mut t) = (b.clone(), b.clone());
    t.promises[0].person = t.people[1].id;
    t.promises[0].changed = at("there", 20).now;
    let m = merge(None, &o, &t).unwrap();
    assert_eq!(
        m.ledger.promise(PromiseId(1)).unwrap().person,
        t.people[1].id
    );
    let said = m.report.to_string();
    assert!(
        said.contains(
            "colleague of #1 differs between the copies: took \"leo-park\" (the side whose record changed later, in this field or another) over \"priya-raman\""
        ),
        "{said}"
    );
}

/// The same promise (one uid: the same export imported on both machines) given to a person
/// of the same name added on each side: the merge joins the two into one, and says nothing of
/// the promise's colleague, which is that one person ("took \"newbie\" over \"newbie\"").
#[test]
fn a_promise_to_people_the_merge_joins_is_no_colleague_changed() {
    let b = base();
    let (mut here, mut there) = (b.clone(), b.clone());
    let mine = here.add_person("Newbie", "", "", at("here", 10)).unwrap();
    here.add_promise(
        NewPromise::task(mine, "Imported", d("2026-11-20")),
        at("here", 10),
    )
    .unwrap();
    let theirs = there.add_person("Newbie", "", "", at("there", 10)).unwrap();
    let mut promise = here.promises.last().unwrap().clone();
    promise.person = theirs;
    there.promises.push(promise);
    there.next_promise_id = here.next_promise_id;
    for (ours, other) in [(&here, &there), (&there, &here)] {
        let m = merge(Some(&b), ours, other).unwrap();
        let newbies = m
            .ledger
            .people
            .iter()
            .filter(|p| p.name == "Newbie")
            .count();
        assert_eq!(newbies, 1);
        let said = m.report.to_string();
        assert!(!said.contains("colleague of"), "{said}");
        assert_eq!(m.ledger.promises.len(), b.promises.len() + 1, "{said}");
    }
}

/// The machine whose person went in a join made elsewhere hears, when it takes that merge,
/// which of its values lost, as the merging machine heard it; and the promise it added, which
/// the merge took under another number and with the joined person, is no change of its own
/// that lost ("id of #4 changed on both sides", "colleague … took \"eve-park\" over
/// \"eve-park\"").
#[test]
fn taking_a_join_made_elsewhere_says_what_lost_here_and_nothing_that_did_not() {
    let b = base();
    let (mut here, mut there) = (b.clone(), b.clone());
    let mine = here
        .add_person("Eve Park", "Ops", "", at("here", 10))
        .unwrap();
    here.add_promise(
        NewPromise::task(mine, "From here", d("2026-11-24")),
        at("here", 11),
    )
    .unwrap();
    // Added there on an earlier day: theirs is the one that stays.
    let theirs = there
        .add_person(
            "Eve Park",
            "Design",
            "",
            Moment::fixed(d("2026-11-20"), "there"),
        )
        .unwrap();
    there
        .add_promise(
            NewPromise::task(theirs, "From there", d("2026-11-24")),
            at("there", 21),
        )
        .unwrap();
    // The other machine merges this one's changes into its own, and pushes the result.
    let after = merge(Some(&b), &there, &here).unwrap().ledger;
    let eve = after.people.iter().find(|p| p.name == "Eve Park").unwrap();
    assert_eq!(
        (eve.uid, eve.role.as_str()),
        (there.people[2].uid, "Design")
    );
    let lines = moved(&here, &after);
    assert!(
        lines.contains(
            &"Eve Park was added on both sides: one person now; kept role \"Design\" over \"Ops\""
                .to_string()
        ),
        "{lines:?}"
    );
    let lost = overridden(&b, &here, &after, &after);
    assert!(
        lost.iter().all(|l| !l.starts_with("id of")
            && !l.starts_with("colleague of")
            && !l.starts_with("kept eve-park")),
        "{lost:?}"
    );
}

/// The same, where this machine changed something meanwhile, so that it merges: its person
/// joined into the one added there is said as joined, with what of theirs it lost, where it
/// was counted as deleted by the other copy and nothing said.
#[test]
fn merging_a_join_made_elsewhere_says_it_and_what_lost_here() {
    let b = base();
    let (mut here, mut there) = (b.clone(), b.clone());
    let mine = here
        .add_person("Eve Park", "Ops", "", at("here", 10))
        .unwrap();
    here.add_promise(
        NewPromise::task(mine, "From here", d("2026-11-24")),
        at("here", 11),
    )
    .unwrap();
    there
        .add_person(
            "Eve Park",
            "Design",
            "",
            Moment::fixed(d("2026-11-20"), "there"),
        )
        .unwrap();
    let after = merge(Some(&b), &there, &here).unwrap().ledger;
    let mut changed = here.clone();
    changed
        .add_promise(
            NewPromise::task(PersonId(1), "Another here", d("2026-11-24")),
            at("here", 30),
        )
        .unwrap();
    let m = both_ways(&here, &changed, &after);
    assert_eq!(
        m.report.joined,
        ["Eve Park was added on both sides: one person now; kept role \"Design\" over \"Ops\""]
    );
    assert_eq!(m.report.deleted, 0, "{}", m.report);
    // The side that made the join hears nothing of it again, but in a rebase, where the
    // other copy is this machine's commit, replayed on the join: then this machine hears it
    // as its merge would have said it.
    let other = merge(Some(&here), &after, &changed).unwrap();
    assert!(other.report.joined.is_empty(), "{}", other.report);
    assert!(
        !other.report.to_string().contains("Eve Park"),
        "{}",
        other.report
    );
    let rebased = other.report.in_rebase().to_string();
    assert!(
        rebased.lines().any(|l| l == m.report.joined[0]),
        "{rebased}"
    );
}

/// A person archived on one machine while the other gave them a promise: the merge keeps the
/// promise, open, and the machine taking it hears that its person is archived, with the
/// command that lists them again; the other machine hears it too. Nothing is said where
/// nothing new is hidden.
#[test]
fn a_promise_to_someone_archived_elsewhere_is_said_when_it_comes_in() {
    let b = base();
    let (mut archived, mut promised) = (b.clone(), b.clone());
    let leo = Target::id(crate::core::PersonId(2));
    apply(
        &mut archived,
        Change::EditPerson {
            person: leo,
            patch: PersonPatch {
                archived: Some(Set::from(false, true)),
                ..PersonPatch::default()
            },
            on_conflict: OnConflict::Refuse,
        },
        at("here", 10),
    );
    promised
        .add_promise(
            NewPromise::task(crate::core::PersonId(2), "New for Leo", d("2026-11-24")),
            at("there", 20),
        )
        .unwrap();
    let after = merge(Some(&b), &promised, &archived).unwrap().ledger;
    assert_eq!(
        archived_with_open(&promised, &after),
        [
            "Leo Park is archived on another machine, with 2 open promises the everyday lists leave out (#3 and #4): `trustladder list leo-park` shows them, `trustladder person restore leo-park` brings them back"
        ]
    );
    assert_eq!(
        archived_with_open(&archived, &after),
        [
            "Leo Park is archived here, with 1 open promise the everyday lists leave out (#4): `trustladder list leo-park` shows them, `trustladder person restore leo-park` brings them back"
        ]
    );
    assert!(archived_with_open(&after, &after).is_empty());
}

/// A promise each side holds under a number of its own, with nothing to go by (committed on
/// one machine as it came from the other, after a merge cut short): its number is no field
/// of conflict ("id of #5 changed on both sides"); where the number here moves, it is said
/// as any number that moves.
#[test]
fn a_number_differing_on_both_sides_is_no_field_of_conflict() {
    let b = base();
    let (mut here, mut there) = (b.clone(), b.clone());
    there
        .add_promise(
            NewPromise::task(PersonId(1), "There first", d("2026-11-24")),
            at("there", 10),
        )
        .unwrap();
    there
        .add_promise(
            NewPromise::task(PersonId(1), "Both", d("2026-11-24")),
            at("there", 20),
        )
        .unwrap();
    // Here it came as #4, which "There first" has there.
    let mut both = there.promises[4].clone();
    both.id = PromiseId(4);
    here.promises.push(both.clone());
    here.next_promise_id = PromiseId(5);
    for (ours, theirs) in [(&here, &there), (&there, &here)] {
        let merged = merge(Some(&b), ours, theirs).unwrap();
        let said = merged.report.to_string();
        assert!(!said.contains("id of"), "{said}");
        let before = ours.promises.iter().find(|p| p.uid == both.uid).unwrap().id;
        let after = merged
            .ledger
            .promises
            .iter()
            .find(|p| p.uid == both.uid)
            .unwrap()
            .id;
        assert_eq!(after, PromiseId(5), "{said}");
        let moved = usize::from(before != after);
        assert_eq!(said.matches("#4 here is now #5").count(), moved, "{said}");
    }
}

/// A promise both sides hold alike skips the field merge (it is settled); it must still come
/// out as a merged one would: as both sides have it, whatever the ancestor held, numbered
/// beside the merged ones, and said nowhere in the report.
#[test]
fn promises_alike_on_both_sides_come_out_as_merged_ones_do() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    // #1 changed alike on both sides (the same edit synced by hand), #2 on one side only,
    // #3 on neither; a promise added on each side under the same number.
    for (l, machine) in [(&mut o, "here"), (&mut t, "there")] {
        apply(l, edit(1, what("Send the board deck")), at("base", 5));
        let new = NewPromise::task(
            PersonId(2),
            &format!("Call from {machine}"),
            d("2026-11-23"),
        );
        let m = at(machine, if machine == "here" { 10 } else { 20 });
        l.add_promise(new, m).unwrap();
    }
    apply(&mut o, edit(2, what("Review PR 413")), at("here", 30));
    assert_eq!(o.promise(PromiseId(1)), t.promise(PromiseId(1)));
    let m = both_ways(&b, &o, &t);
    let one = m.ledger.promise(PromiseId(1)).unwrap();
    assert_eq!(Some(one), o.promise(PromiseId(1)), "as both sides have it");
    assert_eq!(one.what, "Send the board deck");
    assert_eq!(
        m.ledger.promise(PromiseId(2)).unwrap().what,
        "Review PR 413"
    );
    assert_eq!(m.ledger.promise(PromiseId(3)), b.promise(PromiseId(3)));
    assert_eq!(
        m.ledger.promise(PromiseId(4)).unwrap().what,
        "Call from here"
    );
    assert_eq!(
        m.ledger.promise(PromiseId(5)).unwrap().what,
        "Call from there"
    );
    assert_eq!(m.ledger.next_promise_id, PromiseId(6));
    for p in &m.ledger.promises {
        assert_eq!(m.ledger.person(p.person).map(|x| x.uid), {
            let was = o
                .promises
                .iter()
                .chain(&t.promises)
                .find(|q| q.uid == p.uid);
            was.and_then(|q| o.person(q.person)).map(|x| x.uid)
        });
    }
    assert!(m.report.decided.is_empty());
    assert!(m.report.kept.is_empty());
    assert_eq!(
        (m.report.added, m.report.changed, m.report.deleted),
        (1, 0, 0)
    );
    let said: Vec<String> = m.report.renumbered.iter().map(|r| r.said(false)).collect();
    assert_eq!(said, vec!["#4 from the other machine is now #5"]);
}

/// A change either side may make to the ancestor's promises, for [`merge_properties`].
#[derive(Debug, Clone, Copy)]
enum Step {
    Reword(u64, bool),
    Keep(u64),
    Delete(u64),
    Add(bool),
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        (1..4u64, any::<bool>()).prop_map(|(id, a)| Step::Reword(id, a)),
        (1..4u64).prop_map(Step::Keep),
        (1..4u64).prop_map(Step::Delete),
        any::<bool>().prop_map(Step::Add),
    ]
}

/// The ancestor with `steps` made on `machine`; a step that does not apply (a promise deleted
/// already) is left out, as a user's refused change is.
fn with_steps(b: &Ledger, machine: &str, steps: &[Step]) -> Ledger {
    let mut l = b.clone();
    for (i, s) in steps.iter().enumerate() {
        let m = at(machine, 10 + i64::try_from(i).unwrap_or(0));
        let change = match *s {
            Step::Reword(id, a) => edit(id, what(if a { "Reworded" } else { "Put anew" })),
            Step::Keep(id) => Change::Resolve {
                promise: Target::id(PromiseId(id)),
                status: Status::Kept,
                on: d("2026-11-24"),
                note: None,
            },
            Step::Delete(id) => Change::DeletePromise {
                promise: Target::id(PromiseId(id)),
                seen: None,
            },
            Step::Add(a) => {
                let what = if a { "Added" } else { "Added too" };
                let _ = l.add_promise(NewPromise::task(PersonId(1), what, d("2026-11-23")), m);
                continue;
            }
        };
        let _ = l.apply(&change, &m);
    }
    l
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(32))]

    /// Whatever each side changed: the merge of two identical copies is that copy (as it is
    /// stored, its tombstones in order), and the merge does not depend on which side is ours
    /// (many of the promises are settled, the rest merged field by field, and both must
    /// agree).
    #[test]
    fn merge_properties(
        ours in proptest::collection::vec(step(), 0..5),
        theirs in proptest::collection::vec(step(), 0..5),
    ) {
        let b = base();
        let (o, t) = (with_steps(&b, "here", &ours), with_steps(&b, "there", &theirs));
        let same = merge(Some(&b), &o, &o).unwrap();
        let mut stored = o.clone();
        proptest::prop_assert!(stored.normalize_and_check().is_ok());
        proptest::prop_assert_eq!(&same.ledger, &stored);
        let one = merge(Some(&b), &o, &t).unwrap();
        let other = merge(Some(&b), &t, &o).unwrap();
        proptest::prop_assert_eq!(&one.ledger, &other.ledger);
        proptest::prop_assert_eq!(one.report.decided.len(), other.report.decided.len());
    }
}
