//! Short numbers and handles stay unique: two records that came to share one (each machine
//! handed out the next number on its own) are told apart, the one created first keeping it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

use super::From;
use super::people::created_key;
use super::report::{Moved, Report};
use crate::core::model::Uid;
use crate::core::text::slug;

/// A record's number; `0` when it has none.
pub(super) fn number(record: &Map<String, Value>) -> u64 {
    record.get("id").and_then(Value::as_u64).unwrap_or(0)
}

/// What one side of a merge knew of one kind's numbers since the merge base: its counter,
/// the uid each number it handed out since then names there, and every uid it has or
/// deleted, when one of those numbers names nothing there (only then is it asked).
#[derive(Debug, Default)]
pub(super) struct Handed {
    pub counter: u64,
    /// The numbers handed out since the base: from the base's counter to this side's.
    since: std::ops::Range<u64>,
    pub numbers: HashMap<u64, Uid>,
    pub known: HashSet<Uid>,
}

impl Handed {
    /// This side's numbers, `since` being the base's counter (none without a base). Only
    /// the numbers handed out since the base are kept, and the uids it knows only when one
    /// of those names no record here: at 100,000 promises, hashing every uid and number of
    /// both sides was a tenth of a merge, for a question most merges never ask.
    pub(super) fn of<'a>(
        counter: u64,
        since: Option<u64>,
        records: impl Iterator<Item = (u64, Uid)> + Clone,
        tombstones: impl Iterator<Item = &'a crate::core::Tombstone>,
    ) -> Handed {
        let since = since.map_or(0..0, |since| since..counter);
        let numbers: HashMap<u64, Uid> =
            records.clone().filter(|(n, _)| since.contains(n)).collect();
        // Numbers are unique on one side, so as many as the range holds leave no gap.
        let gap = (numbers.len() as u64) < since.end.saturating_sub(since.start);
        let known = if gap {
            records
                .map(|(_, uid)| uid)
                .chain(tombstones.map(|t| t.uid))
                .collect()
        } else {
            HashSet::new()
        };
        Handed {
            counter,
            since,
            numbers,
            known,
        }
    }

    /// Whether this side handed out `n` since the merge base to a record it no longer has:
    /// none of `uids`, which hold `n` in the merge, and no record it holds now. Its counter
    /// tells the numbers it handed out; a record it knows (has, or deleted) is the one it
    /// gave `n` to, or came to it from elsewhere.
    fn gone_with(&self, n: u64, uids: &[(u64, Uid)]) -> bool {
        self.since.contains(&n)
            && !self.numbers.contains_key(&n)
            && !uids.iter().any(|(_, u)| self.known.contains(u))
    }
}

/// Gives every record its own number: in each group sharing one, the record created first
/// keeps it and the others get the next free numbers above `counter` (the larger of the two
/// sides' counters) and above every number in use. A number one side handed out since the
/// merge base (the base's counter, which `sides` were made with) to a record deleted there is
/// that record's for good: a record the other side gave it to moves too, else the number
/// would come to name another record on the side that deleted it. `numbered` is every record
/// by number, and `created` the day a record was created as the file writes it (asked only of
/// records that share a number or must move). Returns the next free number and the records
/// that move, with their new numbers.
pub(super) fn renumber(
    kind: &str,
    mut numbered: Vec<(u64, Uid)>,
    created: impl Fn(Uid) -> String,
    origin: &HashMap<Uid, From>,
    sides: [&Handed; 2],
    report: &mut Report,
) -> (u64, BTreeMap<Uid, u64>) {
    let counter = sides[0].counter.max(sides[1].counter);
    numbered.sort_unstable();
    let mut movers: Vec<((String, Uid), u64)> = Vec::new();
    for group in numbered.chunk_by(|a, b| a.0 == b.0) {
        let n = group[0].0;
        let gone = sides.iter().any(|s| s.gone_with(n, group));
        let stays = usize::from(!gone);
        if group.len() <= stays {
            continue;
        }
        let mut keyed: Vec<(String, Uid)> = group.iter().map(|(_, u)| (created(*u), *u)).collect();
        keyed.sort();
        movers.extend(keyed.into_iter().skip(stays).map(|k| (k, n)));
    }
    movers.sort();
    let highest = numbered.last().map_or(0, |(n, _)| *n);
    let mut next = counter.max(highest.saturating_add(1)).max(1);
    let mut moved = BTreeMap::new();
    for ((_, uid), old) in movers {
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
        moved.insert(uid, next);
        next = next.saturating_add(1);
    }
    (next, moved)
}

/// Gives the records of `moved` their new numbers.
pub(super) fn number_anew(
    records: &mut BTreeMap<Uid, Map<String, Value>>,
    moved: &BTreeMap<Uid, u64>,
) {
    for (uid, n) in moved {
        if let Some(record) = records.get_mut(uid) {
            record.insert("id".into(), Value::from(*n));
        }
    }
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
