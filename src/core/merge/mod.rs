//! Merging two copies of a ledger that diverged (two machines, or a file-sync tool's conflict
//! copy), record by record and field by field, matching records by uid.
//!
//! The rules, each stated once in this module's files:
//! - a field changed on one side only takes that change; changed on both sides to different
//!   values, it takes the side whose record changed later (in the same second, one side's
//!   whole record), and the losing value is reported (`fields.rs`);
//! - a record edited on one side and deleted on the other is kept, and reported; one deleted on
//!   one side and untouched on the other stays deleted (`records.rs`);
//! - the same short number given to two records: the one created earlier keeps it, the other
//!   gets the next free number above both sides' counters; handles stay unique; a person added
//!   on both sides with the same name is one person (`numbers.rs`, `people.rs`);
//! - settings merge like fields; tombstones are the union.
//!
//! The result does not depend on which side is "ours", merging it again changes nothing, and
//! it is written byte for byte the same on every machine (the store's encoding of a ledger is
//! stable and records are kept in number order).

mod fields;
mod moved;
mod numbers;
mod people;
mod records;
mod report;
mod summary;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

use super::ledger::{FORMAT_VERSION, Ledger};
use super::model::{PersonId, Promise, PromiseId, Status, Timestamp, Tombstone, Uid};
use chrono::NaiveDate;

pub use moved::{archived_with_open, moved, named_alike, overridden};
pub use report::{Decided, JoinedEdit, Moved, Report, Why};
pub use summary::{NO_CHANGE, summary};

/// The merged ledger and what the merge did.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub ledger: Ledger,
    pub report: Report,
}

/// Why two ledgers could not be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("format version {0} is newer than this program's ({FORMAT_VERSION}); it is not merged")]
    TooNew(u32),
    #[error("the merged ledger would not be valid: {0}")]
    Invalid(String),
}

/// Which copy a record came from, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum From {
    Ours,
    Theirs,
}

/// One side's records as JSON objects by uid, a promise's `person` given as its person's uid
/// (numbers may change in the merge; uids do not), with its tombstones.
#[derive(Debug, Default)]
struct Side {
    people: BTreeMap<Uid, Map<String, Value>>,
    promises: BTreeMap<Uid, Map<String, Value>>,
    tombstones: HashMap<Uid, Tombstone>,
}

impl Side {
    /// One side's records, but for the promises `settled` marks (by place), which need no
    /// merging.
    fn of(ledger: &Ledger, settled: &[bool]) -> Side {
        let mut uid_of: HashMap<PersonId, Uid> = HashMap::new();
        let mut side = Side::default();
        for p in &ledger.people {
            uid_of.insert(p.id, p.uid);
            side.people.insert(p.uid, object(p));
        }
        let promises = ledger.promises.iter().zip(settled);
        for (p, _) in promises.filter(|(_, settled)| !**settled) {
            let mut record = object(p);
            if let Some(uid) = uid_of.get(&p.person) {
                record.insert("person".into(), Value::from(uid.to_string()));
            }
            side.promises.insert(p.uid, record);
        }
        side.tombstones = ledger.tombstones.iter().map(|t| (t.uid, *t)).collect();
        side
    }
}

/// A promise both sides hold alike, to the person they name: whatever the ancestor held, the
/// merge keeps it as it is, so it needs no merging field by field (at 10,000 promises, most
/// of them; their JSON values were most of a merge's time and memory). The steps after the
/// field merge read it as it is, with its person by uid (numbers may change in the merge):
/// at 100,000 promises, a JSON record of its number, person and day for each cost more than
/// half of a merge.
struct Settled<'l> {
    promise: &'l Promise,
    person: Uid,
}

/// The promises both sides hold alike ([`Settled`]), and which promises of each ledger they
/// are, by place: what the merge leaves out of the sides' JSON records without hashing a
/// uid (at 100,000 promises, hashing them to find each one's match and to leave it out was
/// a third of what a merge took once settled promises stayed typed).
struct Alike<'l> {
    settled: Vec<Settled<'l>>,
    ours: Vec<bool>,
    theirs: Vec<bool>,
    base: Vec<bool>,
}

impl<'l> Alike<'l> {
    /// The promises of `ours` that `theirs` holds alike, in `ours`' order, each found in
    /// `theirs` and `base` where it is in `ours` first ([`summary::Nearby`]).
    fn of(base: Option<&Ledger>, ours: &'l Ledger, theirs: &Ledger) -> Alike<'l> {
        let people = |l: &Ledger| -> HashMap<PersonId, Uid> {
            l.people.iter().map(|p| (p.id, p.uid)).collect()
        };
        let (our_people, their_people) = (people(ours), people(theirs));
        let none = |l: Option<&Ledger>| vec![false; l.map_or(0, |l| l.promises.len())];
        let mut alike = Alike {
            settled: Vec::with_capacity(ours.promises.len()),
            ours: none(Some(ours)),
            theirs: none(Some(theirs)),
            base: none(base),
        };
        let mut in_theirs = summary::Nearby::of(&theirs.promises);
        let mut in_base = base.map(|b| summary::Nearby::of(&b.promises));
        for (i, p) in ours.promises.iter().enumerate() {
            let Some(j) = in_theirs.place(i, p.uid) else {
                continue;
            };
            let (Some(t), Some(person)) = (theirs.promises.get(j), our_people.get(&p.person))
            else {
                continue;
            };
            if *t != *p || their_people.get(&t.person) != Some(person) {
                continue;
            }
            alike.ours[i] = true;
            alike.theirs[j] = true;
            if let Some(k) = in_base.as_mut().and_then(|b| b.place(i, p.uid)) {
                alike.base[k] = true;
            }
            alike.settled.push(Settled {
                promise: p,
                person: *person,
            });
        }
        alike
    }
}

/// A record as a JSON object; the model's types always serialize to one.
fn object<T: serde::Serialize>(record: &T) -> Map<String, Value> {
    match serde_json::to_value(record) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// A record's `changed` time.
fn changed_of(record: &Map<String, Value>) -> Option<Timestamp> {
    record.get("changed")?.as_str()?.parse().ok()
}

/// Merges `ours` and `theirs`, which diverged from `base`; with no base (a file-sync tool's
/// conflict copy, or two histories that never met) every record on only one side counts as
/// added there unless the other side's tombstone says it was deleted.
pub fn merge(base: Option<&Ledger>, ours: &Ledger, theirs: &Ledger) -> Result<Merged, MergeError> {
    for side in [Some(ours), Some(theirs), base].into_iter().flatten() {
        if side.version > FORMAT_VERSION {
            return Err(MergeError::TooNew(side.version));
        }
    }
    let alike = Alike::of(base, ours, theirs);
    let empty = Side::default();
    let base_side = base.map(|b| Side::of(b, &alike.base));
    let b = base_side.as_ref().unwrap_or(&empty);
    let o = Side::of(ours, &alike.ours);
    let t = Side::of(theirs, &alike.theirs);
    let mut settled = alike.settled;
    let mut report = Report {
        without_base: base.is_none(),
        ..Report::default()
    };

    let mut people = records::merge_kind("person", &b.people, &o, &t, |s| &s.people, &mut report);
    let mut promises =
        records::merge_kind("promise", &b.promises, &o, &t, |s| &s.promises, &mut report);
    let mut tombstones = records::union_tombstones(&o, &t, &people.buried, &promises.buried);

    // The people counted as added from the other copy: one of them joined into a person of
    // this copy's, or one of this copy's joined into them, was not added.
    let came_in: HashSet<Uid> = people
        .origin
        .iter()
        .filter(|(uid, from)| {
            **from == From::Theirs
                && !b.people.contains_key(*uid)
                && !report.kept_uids.contains(*uid)
        })
        .map(|(uid, _)| *uid)
        .collect();
    people::join_same_names(
        &b.people,
        &mut people,
        &came_in,
        &mut tombstones,
        &mut report,
    );
    // A person kept over a join made on the other side (the one they were joined into
    // deleted there since) is no longer joined: their promises stay theirs.
    tombstones.retain(|uid, _| !people.kept.contains_key(uid));
    people::follow_joins(&mut promises.kept, &tombstones);
    for s in &mut settled {
        s.person = people::live_uid(s.person, &tombstones);
    }
    report
        .decided
        .retain(|d| d.field != "person" || !people::joined_alike(&d.kept, &d.lost, &tombstones));
    people::keep_people_of_kept_promises(
        &o,
        &t,
        &mut people,
        promises
            .kept
            .values()
            .filter_map(people::person_uid)
            .chain(settled.iter().map(|s| s.person)),
        &mut tombstones,
        &mut report,
    );

    tombstones.retain(|uid, _| !people.kept.contains_key(uid) && !promises.kept.contains_key(uid));
    for s in &settled {
        tombstones.remove(&s.promise.uid);
    }

    let (next_person, people_ids) = renumber_people(base, ours, theirs, &mut people, &mut report);
    let (next_promise, promises_moved) =
        renumber_promises(base, ours, theirs, &mut promises, &settled, &mut report);
    numbers::unique_handles(&mut people.kept, &mut report);

    let settings = fields::merge_settings(base, ours, theirs, &mut report);
    let mut ledger = Ledger {
        settings,
        next_person_id: PersonId(next_person),
        next_promise_id: PromiseId(next_promise),
        lineage: super::lineage::merged(&ours.lineage, &theirs.lineage),
        ..Ledger::default()
    };
    for record in people.kept.into_values() {
        ledger.people.push(
            serde_json::from_value(Value::Object(record))
                .map_err(|e| MergeError::Invalid(e.to_string()))?,
        );
    }
    let mut merged = Vec::with_capacity(promises.kept.len());
    for mut record in promises.kept.into_values() {
        let person = people::person_uid(&record).and_then(|u| people_ids.get(&u));
        if let Some(id) = person {
            record.insert("person".into(), Value::from(*id));
        }
        merged.push(
            serde_json::from_value(Value::Object(record))
                .map_err(|e| MergeError::Invalid(e.to_string()))?,
        );
    }
    lateness_follows_dates(&mut merged, (ours, &alike.ours), (theirs, &alike.theirs));
    settled.sort_unstable_by_key(|s| s.promise.uid);
    let settled = settled.iter().map(|s| {
        let mut promise = s.promise.clone();
        if let Some(n) = promises_moved.get(&promise.uid) {
            promise.id = PromiseId(*n);
        }
        if let Some(id) = people_ids.get(&s.person) {
            promise.person = PersonId(*id);
        }
        promise
    });
    ledger.promises = in_uid_order(merged, settled);
    ledger.tombstones = tombstones.into_values().collect();
    ledger.tombstones.sort_by_key(|t| t.uid);
    ledger
        .normalize_and_check()
        .map_err(|(at, why)| MergeError::Invalid(format!("{at}: {why}")))?;
    report
        .renumbered
        .extend(moved::numbers_moved(ours, &ledger));
    named_as(&mut report, &ledger);
    // This side's people the other side had joined into one: said, and the one they live
    // on as, new to this side, was not added. The other side's that this side had joined are
    // said in a rebase, where the other side is this machine's commit.
    let joined_here = joined_elsewhere(ours, &t, &ledger);
    let not_added: HashSet<Uid> = joined_here
        .iter()
        .map(|(_, into)| *into)
        .filter(|into| came_in.contains(into))
        .collect();
    report.added = report.added.saturating_sub(not_added.len());
    report
        .joined
        .extend(joined_here.into_iter().map(|(line, _)| line));
    report.joined_there = joined_elsewhere(theirs, &o, &ledger)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    colleagues_by_handle(&mut report, [&o, &t]);
    report.took = summary(ours, &ledger);
    Ok(Merged { ledger, report })
}

/// Gives every person their own number ([`numbers::renumber`]); returns the next free
/// number and every person's number by uid.
fn renumber_people(
    base: Option<&Ledger>,
    ours: &Ledger,
    theirs: &Ledger,
    people: &mut records::Kind,
    report: &mut Report,
) -> (u64, HashMap<Uid, u64>) {
    let since = base.map(|b| b.next_person_id.0);
    let handed = |l: &Ledger| {
        numbers::Handed::of(
            l.next_person_id.0,
            since,
            l.people.iter().map(|p| (p.id.0, p.uid)),
            l.tombstones.iter(),
        )
    };
    let numbered = people
        .kept
        .iter()
        .map(|(uid, r)| (numbers::number(r), *uid))
        .collect();
    let created = |uid: Uid| people::created_key(uid, &people.kept[&uid], "created").0;
    let (next, moved) = numbers::renumber(
        "person",
        numbered,
        created,
        &people.origin,
        [&handed(ours), &handed(theirs)],
        report,
    );
    numbers::number_anew(&mut people.kept, &moved);
    let ids = people
        .kept
        .iter()
        .map(|(uid, r)| (*uid, numbers::number(r)))
        .collect();
    (next, ids)
}

/// Gives every promise its own number ([`numbers::renumber`]), the merged ones and the
/// settled ones alike; returns the next free number and the settled promises that move, with
/// their new numbers (the merged ones are given theirs).
fn renumber_promises(
    base: Option<&Ledger>,
    ours: &Ledger,
    theirs: &Ledger,
    promises: &mut records::Kind,
    settled: &[Settled],
    report: &mut Report,
) -> (u64, BTreeMap<Uid, u64>) {
    let since = base.map(|b| b.next_promise_id.0);
    let handed = |l: &Ledger| {
        numbers::Handed::of(
            l.next_promise_id.0,
            since,
            l.promises.iter().map(|p| (p.id.0, p.uid)),
            l.tombstones.iter(),
        )
    };
    let numbered = promises
        .kept
        .iter()
        .map(|(uid, r)| (numbers::number(r), *uid))
        .chain(settled.iter().map(|s| (s.promise.id.0, s.promise.uid)))
        .collect();
    // Asked only of records that share a number or must move. A settled promise holds its
    // number on both sides, which no other record of either holds, so it is asked only of
    // ledgers that break that rule: found by a scan.
    let created = |uid: Uid| match promises.kept.get(&uid) {
        Some(record) => people::created_key(uid, record, "made").0,
        None => settled
            .iter()
            .find(|s| s.promise.uid == uid)
            .map(|s| s.promise.made.to_string())
            .unwrap_or_default(),
    };
    let (next, moved) = numbers::renumber(
        "promise",
        numbered,
        created,
        &promises.origin,
        [&handed(ours), &handed(theirs)],
        report,
    );
    numbers::number_anew(&mut promises.kept, &moved);
    (next, moved)
}

/// The people of `mine` that `other` had joined into one added there too (the same name
/// added on both machines, joined by a merge made there), each with the person of `ledger`
/// they live on as: said as that merge said it, with what of `mine`'s record the one person
/// does not keep, where it was counted as deleted and nothing said (a sync that takes such
/// a merge without merging says it so too, [`moved`](fn@moved)).
fn joined_elsewhere(mine: &Ledger, other: &Side, ledger: &Ledger) -> Vec<(String, Uid)> {
    let joins: BTreeMap<Uid, Tombstone> = other
        .tombstones
        .values()
        .filter(|t| t.into.is_some())
        .map(|t| (t.uid, *t))
        .collect();
    if joins.is_empty() {
        return Vec::new();
    }
    let live: HashMap<Uid, &super::Person> = ledger.people.iter().map(|p| (p.uid, p)).collect();
    let mut lines = Vec::new();
    for old in mine.people.iter().filter(|p| joins.contains_key(&p.uid)) {
        if live.contains_key(&old.uid) {
            continue;
        }
        if let Some(into) = live.get(&people::live_uid(old.uid, &joins)) {
            let line = format!(
                "{}{}",
                people::joined_line(&old.name, &into.name),
                people::lost_in_join(into, old)
            );
            lines.push((line, into.uid));
        }
    }
    lines
}

/// Names the records the report speaks of (a field decided, a record kept over a deletion) as
/// `ledger` has them, the merged one first: the number a record came in with from one side
/// may be another record's once the merge moved it ("#3 here is now #4"), and a line that
/// named it so sent the reader to that other record, and differed from the line a later
/// merge of the same two sides says (the one that tells the machine whose value lost). A
/// record `ledger` does not hold (a person joined into another) keeps the name it has.
pub(super) fn named_as(report: &mut Report, ledger: &Ledger) {
    if report.decided.is_empty() && report.kept.is_empty() {
        return;
    }
    let names: HashMap<Uid, String> = ledger
        .promises
        .iter()
        .map(|p| (p.uid, format!("#{}", p.id)))
        .chain(ledger.people.iter().map(|p| (p.uid, p.handle.clone())))
        .collect();
    for decided in &mut report.decided {
        if let Some(now) = decided.uid.and_then(|uid| names.get(&uid)) {
            decided.record.clone_from(now);
        }
    }
    for (record, uid) in report.kept.iter_mut().zip(&report.kept_uids) {
        if let Some(now) = names.get(uid) {
            record.clone_from(now);
        }
    }
}

/// A promise's colleague that differs between the sides is reported by handle, as people
/// name them, rather than by the uid the merge compared.
fn colleagues_by_handle(report: &mut Report, sides: [&Side; 2]) {
    let handle = |value: &str| {
        let uid = Uid(value.parse::<uuid::Uuid>().ok()?);
        sides.iter().find_map(|side| {
            side.people
                .get(&uid)?
                .get("handle")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
    };
    for decided in report.decided.iter_mut().filter(|d| d.field == "person") {
        decided.field = "colleague".to_string();
        for value in [&mut decided.kept, &mut decided.lost] {
            if let Some(handle) = handle(value) {
                *value = handle;
            }
        }
    }
}

/// The merged promises and the settled ones, each in uid order, as one list in uid order: the
/// order the merge holds records in, so a fault the check finds names the same place
/// whichever way the records came.
fn in_uid_order(merged: Vec<Promise>, settled: impl Iterator<Item = Promise>) -> Vec<Promise> {
    let mut settled = settled.peekable();
    let mut all = Vec::with_capacity(merged.len() + settled.size_hint().0);
    for p in merged {
        all.extend(std::iter::from_fn(|| settled.next_if(|s| s.uid < p.uid)));
        all.push(p);
    }
    all.extend(settled);
    all
}

/// A kept promise whose due date and outcome were merged from different sides (one moved the
/// due date, the other kept it, or moved it too) is kept late, or kept, as its dates say
/// ([`Promise::kept_on`]), as an edit of the due date makes it; a due date and outcome that one
/// side had together stand as they are (an outcome chosen against the dates is its word).
/// `promises` are the merged ones, each side given with its settled promises marked by place:
/// a settled promise's due date and outcome are both sides' own, so it never changes here,
/// and the lookups leave the settled ones out.
fn lateness_follows_dates(
    promises: &mut [Promise],
    ours: (&Ledger, &[bool]),
    theirs: (&Ledger, &[bool]),
) {
    let pairs = |(l, settled): (&Ledger, &[bool])| -> HashMap<Uid, (Option<NaiveDate>, Status)> {
        l.promises
            .iter()
            .zip(settled)
            .filter(|(_, settled)| !**settled)
            .map(|(p, _)| (p.uid, (p.due, p.status)))
            .collect()
    };
    let (o, t) = (pairs(ours), pairs(theirs));
    for p in promises {
        let Some(on) = p.resolved else {
            continue;
        };
        let pair = (p.due, p.status);
        let kept = matches!(p.status, Status::Kept | Status::KeptLate);
        if kept && o.get(&p.uid) != Some(&pair) && t.get(&p.uid) != Some(&pair) {
            p.status = p.kept_on(on);
        }
    }
}

#[cfg(test)]
mod tests;
