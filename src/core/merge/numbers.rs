//! Short numbers and handles stay unique: two records that came to share one (each machine
//! handed out the next number on its own) are told apart, the one created first keeping it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

use super::From;
use super::people::created_key;
use super::report::{Moved, Report};
use crate::core::model::Uid;
use crate::core::text::slug;

fn number(record: &Map<String, Value>) -> u64 {
    record.get("id").and_then(Value::as_u64).unwrap_or(0)
}

/// What one side of a merge knew of one kind's numbers: its counter, the uid each number
/// names there, and every uid it has or deleted.
#[derive(Debug, Default)]
pub(super) struct Handed {
    pub counter: u64,
    pub numbers: HashMap<u64, Uid>,
    pub known: HashSet<Uid>,
}

impl Handed {
    pub(super) fn of<'a>(
        counter: u64,
        records: impl Iterator<Item = (u64, Uid)>,
        tombstones: impl Iterator<Item = &'a crate::core::Tombstone>,
    ) -> Handed {
        let mut handed = Handed {
            counter,
            ..Handed::default()
        };
        for (n, uid) in records {
            handed.numbers.insert(n, uid);
            handed.known.insert(uid);
        }
        handed.known.extend(tombstones.map(|t| t.uid));
        handed
    }

    /// Whether this side handed out `n` since the merge base (whose counter is `since`) to a
    /// record it no longer has: none of `uids`, which hold `n` in the merge, and no record it
    /// holds now. Its counter tells the numbers it handed out; a record it knows (has, or
    /// deleted) is the one it gave `n` to, or came to it from elsewhere.
    fn gone_with(&self, n: u64, since: u64, uids: &[Uid]) -> bool {
        (since..self.counter).contains(&n)
            && !self.numbers.contains_key(&n)
            && !uids.iter().any(|u| self.known.contains(u))
    }
}

/// Gives every record its own number: in each group sharing one, the record created first
/// keeps it and the others get the next free numbers above `counter` (the larger of the two
/// sides' counters) and above every number in use. A number one side handed out since the
/// merge base (`since`, the base's counter) to a record deleted there is that record's for
/// good: a record the other side gave it to moves too, else the number would come to name
/// another record on the side that deleted it. Returns the next free number and every
/// record's number by uid.
pub(super) fn renumber(
    kind: &str,
    records: &mut BTreeMap<Uid, Map<String, Value>>,
    origin: &HashMap<Uid, From>,
    sides: [&Handed; 2],
    since: Option<u64>,
    report: &mut Report,
) -> (u64, HashMap<Uid, u64>) {
    let counter = sides[0].counter.max(sides[1].counter);
    let day = if kind == "promise" { "made" } else { "created" };
    let mut by_number: BTreeMap<u64, Vec<Uid>> = BTreeMap::new();
    for (uid, record) in records.iter() {
        by_number.entry(number(record)).or_default().push(*uid);
    }
    let mut movers: Vec<((String, Uid), u64)> = Vec::new();
    for (n, uids) in &by_number {
        let mut keyed: Vec<(String, Uid)> = uids
            .iter()
            .filter_map(|u| records.get(u).map(|r| created_key(*u, r, day)))
            .collect();
        keyed.sort();
        let gone = since.is_some_and(|since| sides.iter().any(|s| s.gone_with(*n, since, uids)));
        let stays = usize::from(!gone);
        movers.extend(keyed.into_iter().skip(stays).map(|k| (k, *n)));
    }
    movers.sort();
    let highest = by_number.keys().next_back().copied().unwrap_or(0);
    let mut next = counter.max(highest.saturating_add(1)).max(1);
    for ((_, uid), old) in movers {
        let Some(record) = records.get_mut(&uid) else {
            continue;
        };
        record.insert("id".into(), Value::from(next));
        let (label, new) = if kind == "promise" {
            (format!("#{old}"), format!("#{next}"))
        } else {
            (format!("person {old}"), format!("person {next}"))
        };
        // This machine's own moves are said by what its user knew ([`super::moved`]): the
        // number a record has here, which is not the one it came into the merge with when
        // the other side had moved it.
        if origin.get(&uid) == Some(&From::Theirs) {
            report.renumbered.push(Moved::Number {
                was: label,
                now: new,
                here: false,
            });
        }
        next = next.saturating_add(1);
    }
    let numbers = records.iter().map(|(u, r)| (*u, number(r))).collect();
    (next, numbers)
}

/// Gives every person their own handle: of two with one handle, the one created first keeps
/// it, the other gets one made from their name that no one has.
pub(super) fn unique_handles(people: &mut BTreeMap<Uid, Map<String, Value>>, report: &mut Report) {
    let mut by_handle: BTreeMap<String, Vec<(String, Uid)>> = BTreeMap::new();
    for (uid, record) in people.iter() {
        let handle = record
            .get("handle")
            .and_then(Value::as_str)
            .unwrap_or_default();
        by_handle
            .entry(handle.to_string())
            .or_default()
            .push(created_key(*uid, record, "created"));
    }
    let mut taken: std::collections::BTreeSet<String> = by_handle.keys().cloned().collect();
    for (handle, mut group) in by_handle {
        group.sort();
        for (_, uid) in group.into_iter().skip(1) {
            let Some(record) = people.get_mut(&uid) else {
                continue;
            };
            let name = record
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let base = slug(name);
            let fresh = std::iter::once(base.clone())
                .chain((2..).map(|n| format!("{base}-{n}")))
                .find(|h| !taken.contains(h))
                .unwrap_or(base);
            taken.insert(fresh.clone());
            report.renumbered.push(Moved::Handle {
                name: name.to_string(),
                was: handle.clone(),
                now: fresh.clone(),
            });
            record.insert("handle".into(), Value::from(fresh));
        }
    }
}
