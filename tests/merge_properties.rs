//! Properties of the merge, on random ledgers that diverged from a common one by random
//! changes on two machines: the result does not depend on the side, merging it again changes
//! nothing, nothing that was not deleted is lost, and every reference holds.

mod change_support;

use std::collections::HashSet;

use change_support::{at, base, change_of, recipe};
use proptest::prelude::*;
use serde_json::Value;
use trustladder::core::merge::merge;
use trustladder::core::{Ledger, Uid};

/// Applies random changes made on `machine`; refused ones change nothing.
fn diverge(from: &Ledger, machine: &str, recipes: &[change_support::Recipe]) -> Ledger {
    let mut l = from.clone();
    for (n, r) in recipes.iter().enumerate() {
        if let Some(change) = change_of(r, &l) {
            let _ = l.apply(
                &change,
                &at(machine, n as u64 * 7 + u64::from(machine == "b")),
            );
        }
    }
    l
}

/// A record as JSON without what a merge may legitimately change: its number, its change
/// time, and a promise's person (a number that follows renumbering).
fn content<T: serde::Serialize>(record: &T) -> Value {
    let mut v = serde_json::to_value(record).expect("records are JSON");
    if let Some(m) = v.as_object_mut() {
        for key in ["id", "changed", "person", "handle"] {
            m.remove(key);
        }
    }
    v
}

fn by_uid<T: serde::Serialize>(
    records: &[T],
    uid: impl Fn(&T) -> Uid,
) -> std::collections::HashMap<Uid, Value> {
    records.iter().map(|r| (uid(r), content(r))).collect()
}

/// The records of `a` and `b` that differ, as JSON lines, so a failure shows what moved.
fn differences(a: &Ledger, b: &Ledger) -> String {
    let lines = |l: &Ledger| -> HashSet<String> {
        let v = serde_json::to_value(l).expect("a ledger is JSON");
        let mut out = HashSet::new();
        for key in ["people", "promises", "tombstones"] {
            for r in v[key].as_array().into_iter().flatten() {
                out.insert(format!("{key}: {r}"));
            }
        }
        out.insert(format!(
            "counters: {} {}",
            v["next_person_id"], v["next_promise_id"]
        ));
        out
    };
    let (x, y) = (lines(a), lines(b));
    let mut out: Vec<String> = x.difference(&y).map(|l| format!("- {l}")).collect();
    out.extend(y.difference(&x).map(|l| format!("+ {l}")));
    out.sort();
    out.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn merging_is_symmetric_idempotent_keeps_everything_and_every_reference(
        shared in prop::collection::vec(recipe(), 0..6),
        ours in prop::collection::vec(recipe(), 0..12),
        theirs in prop::collection::vec(recipe(), 0..12),
    ) {
        let b = diverge(&base(), "shared", &shared);
        let o = diverge(&b, "a", &ours);
        let t = diverge(&b, "b", &theirs);
        let m = merge(Some(&b), &o, &t).expect("valid ledgers merge");
        let other = merge(Some(&b), &t, &o).expect("valid ledgers merge");
        prop_assert!(m.ledger == other.ledger, "not symmetric:\n{}", differences(&m.ledger, &other.ledger));
        prop_assert_eq!(
            trustladder::store::encode(&m.ledger),
            trustladder::store::encode(&other.ledger),
            "the same bytes"
        );
        let again = merge(Some(&b), &m.ledger, &m.ledger).expect("merges");
        prop_assert!(again.ledger == m.ledger, "not idempotent:\n{}", differences(&m.ledger, &again.ledger));
        let again = merge(Some(&o), &m.ledger, &o).expect("merges");
        prop_assert!(again.ledger == m.ledger, "merging again changes it:\n{}", differences(&m.ledger, &again.ledger));

        // References: valid, numbers and handles unique, promises with existing people.
        let mut check = m.ledger.clone();
        prop_assert_eq!(check.normalize_and_check(), Ok(()));

        // Nothing lost: a record on one side is in the result unless the other side deleted
        // it and this side left it as it was, or it was joined into another person.
        let merged: HashSet<Uid> = m
            .ledger
            .people
            .iter()
            .map(|p| p.uid)
            .chain(m.ledger.promises.iter().map(|p| p.uid))
            .collect();
        let joined: HashSet<Uid> = m
            .ledger
            .tombstones
            .iter()
            .filter(|t| t.into.is_some())
            .map(|t| t.uid)
            .collect();
        let base_people = by_uid(&b.people, |p| p.uid);
        let base_promises = by_uid(&b.promises, |p| p.uid);
        for (side, other_side) in [(&o, &t), (&t, &o)] {
            let other_uids: HashSet<Uid> = other_side
                .people
                .iter()
                .map(|p| p.uid)
                .chain(other_side.promises.iter().map(|p| p.uid))
                .collect();
            let records = by_uid(&side.people, |p| p.uid)
                .into_iter()
                .map(|(u, v)| (u, v, base_people.get(&u).cloned()))
                .chain(
                    by_uid(&side.promises, |p| p.uid)
                        .into_iter()
                        .map(|(u, v)| (u, v, base_promises.get(&u).cloned())),
                );
            for (uid, record, in_base) in records {
                let deleted_there = in_base.is_some() && !other_uids.contains(&uid);
                let untouched = in_base.as_ref() == Some(&record);
                prop_assert!(
                    merged.contains(&uid) || joined.contains(&uid) || (deleted_there && untouched),
                    "record {} lost", uid
                );
            }
        }

        // Numbers are never reused: a number either side handed out since the base to a
        // record it has deleted names no record of the result that side has not had.
        for side in [&o, &t] {
            let known: HashSet<Uid> = side
                .people
                .iter()
                .map(|p| p.uid)
                .chain(side.promises.iter().map(|p| p.uid))
                .chain(side.tombstones.iter().map(|t| t.uid))
                .collect();
            // The first number of `handed` not held on this side that names, in the result,
            // a record this side never had.
            let named_again = |handed: std::ops::Range<u64>,
                               here: &[(u64, Uid)],
                               merged: &[(u64, Uid)]| {
                handed
                    .filter(|n| !here.iter().any(|(id, _)| id == n))
                    .find(|n| merged.iter().any(|(id, uid)| id == n && !known.contains(uid)))
            };
            let promises = |l: &Ledger| -> Vec<(u64, Uid)> {
                l.promises.iter().map(|p| (p.id.0, p.uid)).collect()
            };
            let people = |l: &Ledger| -> Vec<(u64, Uid)> {
                l.people.iter().map(|p| (p.id.0, p.uid)).collect()
            };
            let again = named_again(
                b.next_promise_id.0..side.next_promise_id.0,
                &promises(side),
                &promises(&m.ledger),
            );
            prop_assert!(again.is_none(), "#{:?} deleted on one side names another promise", again);
            let again = named_again(
                b.next_person_id.0..side.next_person_id.0,
                &people(side),
                &people(&m.ledger),
            );
            prop_assert!(again.is_none(), "person {:?} deleted on one side names another person", again);
        }

        // A field changed on one side only has that side's value. The outcome (status and
        // day) is one field, weighed by what was decided: kept and kept late are one decision,
        // since a due date edited on one side moves a kept promise between them. When the
        // decision is the same on every side, the lateness is a field like any other.
        let result_promises = by_uid(&m.ledger.promises, |p| p.uid);
        let ours_promises = by_uid(&o.promises, |p| p.uid);
        let theirs_promises = by_uid(&t.promises, |p| p.uid);
        let decided = |r: &Value| match r["status"].as_str() {
            Some("kept_late") => Value::from("kept"),
            _ => r["status"].clone(),
        };
        for (uid, in_base) in &base_promises {
            let (Some(mine), Some(other), Some(result)) =
                (ours_promises.get(uid), theirs_promises.get(uid), result_promises.get(uid))
            else {
                continue;
            };
            let decision =
                |r: &Value| vec![decided(r), r["resolved"].clone()];
            let (dm, dother, dbase, dresult) =
                (decision(mine), decision(other), decision(in_base), decision(result));
            if dm != dbase && dother == dbase {
                prop_assert_eq!(&dresult, &dm, "outcome of {}", uid);
            }
            if dother != dbase && dm == dbase {
                prop_assert_eq!(&dresult, &dother, "outcome of {}", uid);
            }
            let same_decision = dm == dbase && dother == dbase;
            let units: [&[&str]; 6] = [
                &["what"],
                &["level"],
                &["due"],
                &["direction"],
                &["note"],
                &["status", "resolved"],
            ];
            for unit in units.into_iter().filter(|u| u.len() == 1 || same_decision) {
                let of = |r: &Value| unit.iter().map(|k| r[*k].clone()).collect::<Vec<Value>>();
                let (mine, other, base, result) = (of(mine), of(other), of(in_base), of(result));
                if mine != base && other == base {
                    prop_assert_eq!(&result, &mine, "{:?} of {}", unit, uid);
                }
                if other != base && mine == base {
                    prop_assert_eq!(&result, &other, "{:?} of {}", unit, uid);
                }
            }
        }
    }
}
