//! People across copies: one person added on both sides under the same name is one person,
//! and a promise kept by the merge always has its person.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::{Map, Value};

use super::records::Kind;
use super::report::Report;
use super::{From, Side, changed_of};
use crate::core::model::{Timestamp, Tombstone, Uid};
use crate::core::text::{folded, quoted};

fn text<'a>(record: &'a Map<String, Value>, key: &str) -> &'a str {
    record.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Which of two records was created first: the earlier first day, then the smaller uid, so
/// every machine picks the same one.
pub(super) fn created_key(uid: Uid, record: &Map<String, Value>, day: &str) -> (String, Uid) {
    (text(record, day).to_string(), uid)
}

/// Joins people added on both sides (in neither the base nor the other side) whose names are
/// the same but for case, accents and spacing: the one created first stays, the other leaves
/// a tombstone that points at it (`into`), so promises naming either find the same person.
/// Only one person of each name per side is joined; several of one name on one side were
/// meant to be several. The other side's, counted as added where `came_in` has them, were
/// not: the person was here already.
pub(super) fn join_same_names(
    base: &BTreeMap<Uid, Map<String, Value>>,
    people: &mut Kind,
    came_in: &HashSet<Uid>,
    tombstones: &mut BTreeMap<Uid, Tombstone>,
    report: &mut Report,
) {
    let mut by_name: BTreeMap<String, Vec<(Uid, From)>> = BTreeMap::new();
    for (uid, record) in &people.kept {
        if base.contains_key(uid) {
            continue;
        }
        if let Some(from) = people.origin.get(uid) {
            by_name
                .entry(folded(text(record, "name")))
                .or_default()
                .push((*uid, *from));
        }
    }
    for group in by_name.values() {
        let ours: Vec<Uid> = group
            .iter()
            .filter(|(_, f)| *f == From::Ours)
            .map(|(u, _)| *u)
            .collect();
        let theirs: Vec<Uid> = group
            .iter()
            .filter(|(_, f)| *f == From::Theirs)
            .map(|(u, _)| *u)
            .collect();
        let ([a], [b]) = (ours.as_slice(), theirs.as_slice()) else {
            continue;
        };
        let (Some(ra), Some(rb)) = (people.kept.get(a), people.kept.get(b)) else {
            continue;
        };
        let (stay, go) = if created_key(*a, ra, "created") <= created_key(*b, rb, "created") {
            (*a, *b)
        } else {
            (*b, *a)
        };
        let Some(gone) = people.kept.remove(&go) else {
            continue;
        };
        if came_in.contains(b) {
            report.added = report.added.saturating_sub(1);
        }
        people.origin.remove(&go);
        let lost = people
            .kept
            .get_mut(&stay)
            .map(|kept| take_what_is_missing(kept, &gone))
            .unwrap_or_default();
        let deleted = changed_of(&gone)
            .max(people.kept.get(&stay).and_then(changed_of))
            .unwrap_or_else(|| crate::core::Timestamp::start_of(chrono::NaiveDate::MIN));
        tombstones.insert(
            go,
            Tombstone {
                uid: go,
                deleted,
                into: Some(stay),
            },
        );
        let kept = people.kept.get(&stay).map_or("", |r| text(r, "name"));
        report
            .joined
            .push(format!("{}{lost}", joined_line(text(&gone, "name"), kept)));
    }
}

/// "Eve Park was added on both sides: one person now", and where the two were spelt apart,
/// the name the one person keeps: `carlos ruiz was added on both sides: one person now, named
/// "Carlos Ruiz"`.
pub(super) fn joined_line(gone: &str, kept: &str) -> String {
    let line = format!("{gone} was added on both sides: one person now");
    if gone == kept {
        line
    } else {
        format!("{line}, named {}", quoted(kept))
    }
}

/// The fields of a person added on both sides that the one added first keeps where both
/// gave one ([`take_what_is_missing`]); an edit made to the other, after the join, on a
/// machine that had not heard of it, gives way the same ([`super::records`]).
pub(super) const KEPT_BY_THE_FIRST: [&str; 4] = ["role", "note", "cadence_days", "last_prep"];

/// A field left empty: missing, `null` or blank text.
pub(super) fn empty(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    }
}

/// A field's value as a report shows it: text quoted, a number as it is.
pub(super) fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => quoted(s),
        other => other.to_string(),
    }
}

/// What a person added twice keeps of the copy that goes: each field the one that stays
/// left empty (a role given on one machine, a note on the other). Where both gave one, the
/// one that stays keeps its own; archived on one side only goes by the record changed later.
/// Returns the values so lost, and which way archived went, for the report (`; kept role
/// "Design" over "Ops"`).
fn take_what_is_missing(kept: &mut Map<String, Value>, gone: &Map<String, Value>) -> String {
    let mut lost = String::new();
    for field in KEPT_BY_THE_FIRST {
        let Some(theirs) = gone.get(field).filter(|v| !empty(Some(v))) else {
            continue;
        };
        match kept.get(field) {
            mine if empty(mine) => {
                kept.insert(field.to_string(), theirs.clone());
            }
            Some(mine) if mine != theirs => {
                lost.push_str(&format!(
                    "; kept {} {} over {}",
                    field.replace('_', " "),
                    shown(mine),
                    shown(theirs)
                ));
            }
            _ => {}
        }
    }
    // Archived on one side only is a choice, not a field left empty: decided as a field
    // changed on both sides, by the side whose record changed later (on the same second, the
    // one that stays, so every machine decides alike).
    let archived = |record: &Map<String, Value>| record.get("archived") == Some(&Value::Bool(true));
    if archived(kept) != archived(gone) {
        let now = if changed_of(gone) > changed_of(kept) {
            archived(gone)
        } else {
            archived(kept)
        };
        kept.insert("archived".to_string(), Value::Bool(now));
        lost.push_str(if now {
            "; archived, as on the side whose record changed later"
        } else {
            "; kept shown over archived, as on the side whose record changed later"
        });
    }
    lost
}

/// What `gone`, a person joined into `kept` by a merge made elsewhere, lost of its own there
/// (`; kept role "PM" over "Eng"`), as the merging machine said it: the machine whose person
/// went hears it too when it takes that merge.
pub(super) fn lost_in_join(kept: &crate::core::Person, gone: &crate::core::Person) -> String {
    let (Ok(Value::Object(mut kept)), Ok(Value::Object(gone))) =
        (serde_json::to_value(kept), serde_json::to_value(gone))
    else {
        return String::new();
    };
    take_what_is_missing(&mut kept, &gone)
}

/// The uid a person lives on as, following joins (a chain of them, too).
pub(super) fn live_uid(mut uid: Uid, tombstones: &BTreeMap<Uid, Tombstone>) -> Uid {
    for _ in 0..tombstones.len() {
        match tombstones.get(&uid).and_then(|t| t.into) {
            Some(next) if next != uid => uid = next,
            _ => break,
        }
    }
    uid
}

/// A person one side deleted whom the other side's merge had joined into one added there
/// too: when it was deleted, and when joined (the later change time of the two joined).
#[derive(Debug, Clone, Copy)]
pub(super) struct DeletedAsJoined {
    pub deleted: Timestamp,
    pub joined: Timestamp,
}

/// The people `side` deleted (a plain tombstone) whom a join in `joins` (the other side's,
/// as `side` deleted them) joined into another, by the uid they live on as: that is the same
/// person, whom `side` never saw, and it goes with the delete unless edited since the join.
/// Where several such live on as one, the latest delete and join.
pub(super) fn deleted_as_joined(
    side: &Side,
    joins: &BTreeMap<Uid, Tombstone>,
) -> HashMap<Uid, DeletedAsJoined> {
    let mut out: HashMap<Uid, DeletedAsJoined> = HashMap::new();
    for stone in side.tombstones.values().filter(|t| t.into.is_none()) {
        // Following a chain of joins, the last one is the one into the person who lives on.
        let (mut live, mut joined) = (stone.uid, None);
        for _ in 0..joins.len() {
            let Some((next, at)) = joins.get(&live).and_then(|j| Some((j.into?, j.deleted))) else {
                break;
            };
            if next == live {
                break;
            }
            (live, joined) = (next, Some(at));
        }
        let Some(joined) = joined else {
            continue;
        };
        let entry = out.entry(live).or_insert(DeletedAsJoined {
            deleted: stone.deleted,
            joined,
        });
        entry.deleted = entry.deleted.max(stone.deleted);
        entry.joined = entry.joined.max(joined);
    }
    out
}

pub(super) fn person_uid(promise: &Map<String, Value>) -> Option<Uid> {
    promise
        .get("person")?
        .as_str()?
        .parse::<uuid::Uuid>()
        .ok()
        .map(Uid)
}

/// Points every promise at the person its person was joined into.
pub(super) fn follow_joins(
    promises: &mut BTreeMap<Uid, Map<String, Value>>,
    tombstones: &BTreeMap<Uid, Tombstone>,
) {
    for promise in promises.values_mut() {
        if let Some(uid) = person_uid(promise) {
            let live = live_uid(uid, tombstones);
            if live != uid {
                promise.insert("person".into(), Value::from(live.to_string()));
            }
        }
    }
}

/// Whether two values of a promise's colleague (uids, as the merge compared them) are one
/// person now, joined by the merge (the same name added on both sides, or imported on both):
/// then the colleague did not differ, and nothing lost.
pub(super) fn joined_alike(a: &str, b: &str, tombstones: &BTreeMap<Uid, Tombstone>) -> bool {
    let live = |value: &str| {
        value
            .parse::<uuid::Uuid>()
            .ok()
            .map(|u| live_uid(Uid(u), tombstones))
    };
    matches!((live(a), live(b)), (Some(a), Some(b)) if a == b)
}

/// A promise the merge keeps whose person it deleted brings the person back (from the side
/// that changed them last): a promise is never left without its person. `persons` are the
/// people of the promises kept, by uid.
pub(super) fn keep_people_of_kept_promises(
    o: &Side,
    t: &Side,
    people: &mut Kind,
    persons: impl Iterator<Item = Uid>,
    tombstones: &mut BTreeMap<Uid, Tombstone>,
    report: &mut Report,
) {
    let wanted: BTreeSet<Uid> = persons
        .filter(|uid| !people.kept.contains_key(uid))
        .collect();
    for uid in wanted {
        let candidates = [o.people.get(&uid), t.people.get(&uid)];
        let Some(record) = candidates
            .into_iter()
            .flatten()
            .max_by_key(|r| (changed_of(r), serde_json::to_string(r).unwrap_or_default()))
        else {
            continue;
        };
        tombstones.remove(&uid);
        report
            .kept_for_promises
            .push(text(record, "handle").to_string());
        // Counted as deleted by the other copy when this side had them: they are not.
        if o.people.contains_key(&uid) {
            report.deleted = report.deleted.saturating_sub(1);
        }
        people.kept.insert(uid, record.clone());
    }
}
