//! Record by record: on both sides (merged field by field), on one side only (added there,
//! or deleted on the other), on neither.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Map, Value};

use super::report::Report;
use super::{From, Side, changed_of, fields, people};
use crate::core::model::{Tombstone, Uid};

/// The records of one kind that the merge keeps, where each came from when only one side had
/// it, and the tombstones of records it deleted.
#[derive(Debug, Default)]
pub(super) struct Kind {
    pub kept: BTreeMap<Uid, Map<String, Value>>,
    pub origin: HashMap<Uid, From>,
    pub buried: Vec<Tombstone>,
    /// Edits made to a record the other side had joined into another (a person added on
    /// both sides), for the record it was joined into.
    moved: Vec<EditOfJoined>,
}

/// An edit of a record the other side had joined into another: the fields it changed, as
/// they are and as the ancestor had them.
#[derive(Debug)]
struct EditOfJoined {
    /// The record edited, when it was joined, and the one it lives on as (following joins).
    uid: Uid,
    joined: crate::core::model::Timestamp,
    into: Uid,
    record: Map<String, Value>,
    from: From,
    fields: Map<String, Value>,
    before: Map<String, Value>,
}

/// How the report names a record: `#12` for a promise, the handle for a person.
pub(super) fn name(kind: &str, record: &Map<String, Value>) -> String {
    match kind {
        "promise" => format!("#{}", record.get("id").map_or(Value::Null, Clone::clone)),
        _ => record
            .get("handle")
            .and_then(Value::as_str)
            .unwrap_or("a person")
            .to_string(),
    }
}

/// The same record apart from its number and change time: an edit changes neither only;
/// nor the person of a promise that a merge joined into another (a person added on both
/// sides), which `joins` says: the promise was not edited, and a delete of it on the other
/// side stands.
fn same(a: &Map<String, Value>, b: &Map<String, Value>, joins: &BTreeMap<Uid, Tombstone>) -> bool {
    let strip = |m: &Map<String, Value>| {
        let mut m = m.clone();
        m.remove("changed");
        m.remove("id");
        if let Some(person) = people::person_uid(&m) {
            let live = people::live_uid(person, joins);
            m.insert("person".into(), Value::from(live.to_string()));
        }
        m
    };
    strip(a) == strip(b)
}

/// Merges the records of one kind.
pub(super) fn merge_kind(
    kind: &str,
    base: &BTreeMap<Uid, Map<String, Value>>,
    o: &Side,
    t: &Side,
    pick: impl Fn(&Side) -> &BTreeMap<Uid, Map<String, Value>>,
    report: &mut Report,
) -> Kind {
    let (ours, theirs) = (pick(o), pick(t));
    let uids: BTreeSet<&Uid> = ours.keys().chain(theirs.keys()).collect();
    let mut out = Kind::default();
    // The people either side joined into another, which a promise's person follows: a join
    // made on one side stands though the other deleted the person since (its tombstone, the
    // later, says no more than that).
    let joins: BTreeMap<Uid, Tombstone> = o
        .tombstones
        .values()
        .chain(t.tombstones.values())
        .filter(|stone| stone.into.is_some())
        .map(|stone| (stone.uid, *stone))
        .collect();
    // The people each side deleted whom the other side's merge had joined into one added
    // there too: the one they live on as, whom that side has and this side never saw.
    let deleted = [
        people::deleted_as_joined(o, &joins),
        people::deleted_as_joined(t, &joins),
    ];
    for uid in uids {
        let b = base.get(uid);
        match (ours.get(uid), theirs.get(uid)) {
            (Some(a), Some(c)) => {
                let merged = fields::merge_record(&name(kind, a), *uid, b, a, c, report);
                out.kept.insert(*uid, merged);
            }
            (Some(r), None) => {
                let other = (t, &deleted[1]);
                one_side(
                    &mut out,
                    kind,
                    *uid,
                    r,
                    From::Ours,
                    b,
                    other,
                    &joins,
                    report,
                );
            }
            (None, Some(r)) => {
                let other = (o, &deleted[0]);
                one_side(
                    &mut out,
                    kind,
                    *uid,
                    r,
                    From::Theirs,
                    b,
                    other,
                    &joins,
                    report,
                );
            }
            (None, None) => {}
        }
    }
    // An edit of a record joined into another on the other side lands on that one.
    // One deleted there since the join: the edit here and that delete keep the record, as
    // an edit and a delete of one record do, as it is here.
    for edit in std::mem::take(&mut out.moved) {
        let Some(target) = out.kept.get_mut(&edit.into) else {
            report.kept.push(name(kind, &edit.record));
            report.kept_uids.push(edit.uid);
            let mut record = edit.record;
            if changed_of(&record).is_none_or(|c| c < edit.joined) {
                record.insert("changed".into(), Value::from(edit.joined.to_string()));
            }
            out.kept.insert(edit.uid, record);
            out.origin.insert(edit.uid, edit.from);
            continue;
        };
        report.joined_edits.push(edit_of_joined(kind, edit, target));
    }
    out
}

/// Brings `edit` to `target`, the record it was joined into, and says what it did. A field
/// the join keeps the first added's value of ([`people::KEPT_BY_THE_FIRST`]: a role, a
/// note) that `target` holds another value of than the edited record had before the edit
/// was changed on both sides, the edit made without knowing of `target`'s value: `target`
/// keeps its own, as the join itself would have with the edit made before it, and the
/// edit's value is said. The other fields take the edit.
fn edit_of_joined(
    kind: &str,
    edit: EditOfJoined,
    target: &mut Map<String, Value>,
) -> super::report::JoinedEdit {
    let mut said = super::report::JoinedEdit {
        name: edit
            .record
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        handle: name(kind, &edit.record),
        into: name(kind, target),
        here: edit.from == From::Ours,
        taken: Vec::new(),
        dropped: Vec::new(),
    };
    for (key, value) in edit.fields {
        let own = target.get(&key);
        let both = kind == "person"
            && people::KEPT_BY_THE_FIRST.contains(&key.as_str())
            && !people::empty(own)
            && own != Some(&value)
            && own != edit.before.get(&key);
        if let Some(own) = own.filter(|_| both) {
            said.dropped.push((
                key.replace('_', " "),
                people::shown(own),
                people::shown(&value),
            ));
            continue;
        }
        said.taken.push(key.clone());
        target.insert(key, value);
    }
    said
}

/// A record only `from` has: added there, unless the other side deleted it; then kept only
/// if `from` edited it since (losing a record is worse than keeping one). A person the other
/// side never had, into whom `from`'s merge joined one the other side deleted (the same name
/// added on both), was deleted there as that one: kept only if edited since the join.
#[allow(clippy::too_many_arguments)]
fn one_side(
    out: &mut Kind,
    kind: &str,
    uid: Uid,
    record: &Map<String, Value>,
    from: From,
    base: Option<&Map<String, Value>>,
    (other, deleted_as_joined): (&Side, &HashMap<Uid, people::DeletedAsJoined>),
    joins: &BTreeMap<Uid, Tombstone>,
    report: &mut Report,
) {
    let mut tombstone = other.tombstones.get(&uid).copied();
    let as_joined = match (base, tombstone) {
        (None, None) => deleted_as_joined.get(&uid),
        _ => None,
    };
    if let Some(gone) = as_joined {
        // No earlier than the join: a later merge with only this tombstone to go by weighs
        // the person's change time against it.
        tombstone = Some(Tombstone {
            uid,
            deleted: gone.deleted.max(gone.joined),
            into: None,
        });
    }
    let deleted_there = base.is_some() || tombstone.is_some();
    let edited_since = match (base, as_joined, tombstone) {
        (Some(b), _, _) => !same(record, b, joins),
        // Its change time is no later than the join's unless it was edited after it.
        (None, Some(gone), _) => changed_of(record).is_some_and(|c| c > gone.joined),
        (None, None, Some(t)) => changed_of(record).is_some_and(|c| c >= t.deleted),
        (None, None, None) => true,
    };
    // Joined into another on the other side (added on both): not deleted, so it does not
    // come back as a second record; what was edited here since goes to the one it joined.
    if let (Some(stone), Some(b)) = (tombstone.filter(|t| t.into.is_some()), base)
        && edited_since
    {
        let fields: Map<String, Value> = record
            .iter()
            .filter(|(key, value)| {
                !["id", "uid", "handle", "changed"].contains(&key.as_str())
                    && b.get(*key) != Some(*value)
            })
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        let before = fields
            .keys()
            .filter_map(|key| Some((key.clone(), b.get(key)?.clone())))
            .collect();
        out.moved.push(EditOfJoined {
            uid,
            joined: stone.deleted,
            into: people::live_uid(uid, joins),
            record: record.clone(),
            from,
            fields,
            before,
        });
        return;
    }
    if !deleted_there || edited_since {
        let mut record = record.clone();
        if deleted_there {
            report.kept.push(name(kind, &record));
            report.kept_uids.push(uid);
            // Kept over a deletion: it counts as changed no earlier than the deletion, so a
            // later merge that has only the tombstone to go by keeps it too.
            if let Some(t) = tombstone
                && changed_of(&record).is_none_or(|c| c < t.deleted)
            {
                record.insert("changed".into(), Value::from(t.deleted.to_string()));
            }
        } else if from == From::Theirs {
            report.added += 1;
        }
        out.kept.insert(uid, record);
        out.origin.insert(uid, from);
        return;
    }
    // One the other side joined into a person added there too was not deleted: the merge
    // says the join instead ([`super::joined_elsewhere`]).
    if from == From::Ours && tombstone.and_then(|t| t.into).is_none() {
        report.deleted += 1;
    }
    let deleted = tombstone
        .map(|t| t.deleted)
        .or_else(|| changed_of(record))
        .unwrap_or_else(|| crate::core::Timestamp::start_of(chrono::NaiveDate::MIN));
    out.buried.push(Tombstone {
        uid,
        deleted,
        into: tombstone.and_then(|t| t.into),
    });
}

/// Every tombstone of both sides and of the merge; for a uid buried twice, the later one.
pub(super) fn union_tombstones(
    o: &Side,
    t: &Side,
    people: &[Tombstone],
    promises: &[Tombstone],
) -> BTreeMap<Uid, Tombstone> {
    let mut out: BTreeMap<Uid, Tombstone> = BTreeMap::new();
    let all = o
        .tombstones
        .values()
        .chain(t.tombstones.values())
        .chain(people)
        .chain(promises);
    for stone in all {
        let keep = out
            .get(&stone.uid)
            .is_none_or(|old| (stone.deleted, stone.into) > (old.deleted, old.into));
        if keep {
            out.insert(stone.uid, *stone);
        }
    }
    out
}
