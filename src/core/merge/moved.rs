//! What a fast-forward changed about this machine's own records: when a sync takes a merge
//! another machine made, git runs no merge here, yet the numbers and handles this machine's
//! user knows may have moved, and a change made here may have lost to one made there. The
//! same lines the merging side prints, from this side.

use std::collections::{BTreeMap, HashMap};

use crate::core::ledger::{Among, Ledger};
use crate::core::model::{Person, Uid};
use crate::core::text::folded;

use super::report::Moved;

/// One line per record of `before` that lives on in `after` under another number or handle,
/// or joined into a person added on both sides: "#2 here is now #3".
pub fn moved(before: &Ledger, after: &Ledger) -> Vec<String> {
    let mut lines = Vec::new();
    let people: HashMap<Uid, &crate::core::Person> =
        after.people.iter().map(|p| (p.uid, p)).collect();
    for old in &before.people {
        match people.get(&old.uid) {
            Some(new) => {
                if new.id != old.id {
                    lines.push(person_moved(old.id.0, new.id.0).said(false));
                }
                if new.handle != old.handle {
                    let handle = Moved::Handle {
                        name: old.name.clone(),
                        was: old.handle.clone(),
                        now: new.handle.clone(),
                    };
                    lines.push(handle.said(false));
                }
            }
            None => {
                if let Some(into) = joined_into(after, old.uid).and_then(|uid| people.get(&uid)) {
                    lines.push(format!(
                        "{}{}",
                        super::people::joined_line(&old.name, &into.name),
                        super::people::lost_in_join(into, old)
                    ));
                }
            }
        }
    }
    lines.extend(promises_moved(before, after).iter().map(|m| m.said(false)));
    lines
}

/// One line per change this machine made since `base` (the remote as it last took it) that
/// the other machine's merge settled the other way, said as that machine said it: a field
/// both changed ("outcome of #15 changed on both sides: took … over …"), or a record deleted
/// here and kept as it was edited there; each record named as `names` (the ledger as it now
/// is) has it, where a later merge may have moved it on. Nothing when the three cannot be
/// merged.
pub fn overridden(base: &Ledger, before: &Ledger, after: &Ledger, names: &Ledger) -> Vec<String> {
    let Ok(merged) = super::merge(Some(base), before, after) else {
        return Vec::new();
    };
    let mut report = merged.report;
    super::named_as(&mut report, names);
    // A person of this machine's that the merge joined into one added there was not deleted:
    // `moved` says the join, with what of theirs lost.
    let joined: Vec<&str> = before
        .people
        .iter()
        .filter(|p| joined_into(after, p.uid).is_some())
        .map(|p| p.handle.as_str())
        .collect();
    let kept = report
        .kept
        .iter()
        .filter(|k| !joined.contains(&k.as_str()))
        .map(|k| super::report::kept_line(k))
        .chain(
            report
                .kept_for_promises
                .iter()
                .filter(|k| !joined.contains(&k.as_str()))
                .map(|k| super::report::kept_for_promises_line(k)),
        );
    // A record this machine added, which the merge took with another person's (joined), is
    // the same record on both sides: a value shown alike ("took \"sam\" over \"sam\"") is
    // no change of anyone's that lost (nor is its number, which the merge decides no field).
    let decided = report
        .decided
        .iter()
        .filter(|d| d.kept != d.lost)
        .map(|d| d.said(false));
    kept.chain(decided).collect()
}

/// One line per name that more people have in `after` than in `before` (a person renamed on
/// one machine to the name of one added on the other, which no merge joins): the command
/// line refuses such a name when typed, so a sync that brings one says so.
pub fn named_alike(before: &Ledger, after: &Ledger) -> Vec<String> {
    let was = by_name(before);
    by_name(after)
        .into_iter()
        .filter(|(name, alike)| alike.len() > 1 && alike.len() > was.get(name).map_or(0, Vec::len))
        .map(|(_, alike)| {
            let handles: Vec<&str> = alike.iter().map(|p| p.handle.as_str()).collect();
            format!(
                "{} people are now named {} ({}): `trustladder person edit HANDLE --name NAME` tells them apart",
                alike.len(),
                crate::core::text::quoted(&alike[0].name),
                handles.join(", ")
            )
        })
        .collect()
}

/// One line per person archived in `after` with open promises that `before` did not have
/// hidden so: archived by another machine while their promises were open here, or given a
/// promise here while archived there. The command line refuses to promise anything to
/// someone archived, and the everyday lists leave them out, so a sync that brings one says
/// so, and how to see them.
pub fn archived_with_open(before: &Ledger, after: &Ledger) -> Vec<String> {
    use crate::core::Status;
    // One pass over the promises, and none where no one is archived (most syncs).
    let archived: HashMap<crate::core::PersonId, &Person> = after
        .people
        .iter()
        .filter(|p| p.archived)
        .map(|p| (p.id, p))
        .collect();
    if archived.is_empty() {
        return Vec::new();
    }
    let hidden_before: std::collections::HashSet<Uid> = before
        .promises
        .iter()
        .filter(|p| {
            p.status == Status::Open && before.person(p.person).is_some_and(|who| who.archived)
        })
        .map(|p| p.uid)
        .collect();
    let mut open: BTreeMap<crate::core::PersonId, Vec<String>> = BTreeMap::new();
    for p in &after.promises {
        if p.status == Status::Open
            && archived.contains_key(&p.person)
            && !hidden_before.contains(&p.uid)
        {
            open.entry(p.person).or_default().push(format!("#{}", p.id));
        }
    }
    let was: HashMap<Uid, &Person> = before.people.iter().map(|p| (p.uid, p)).collect();
    open.into_iter()
        .filter_map(|(id, open)| {
            let person = archived.get(&id)?;
            let whose = if was.get(&person.uid).is_some_and(|p| p.archived) {
                "archived here"
            } else {
                "archived on another machine"
            };
            let count = match open.len() {
                1 => "1 open promise".to_string(),
                n => format!("{n} open promises"),
            };
            Some(format!(
                "{} is {whose}, with {count} the everyday lists leave out ({}): `trustladder list {}` shows them, `trustladder person restore {}` brings them back",
                person.name,
                numbers_in_short(&open),
                after.typed_as(person, Among::Active),
                after.typed_as(person, Among::Archived)
            ))
        })
        .collect()
}

/// Promise numbers listed, the first few named and the rest counted.
fn numbers_in_short(numbers: &[String]) -> String {
    const NAMED: usize = 5;
    let mut shown: Vec<&str> = numbers.iter().take(NAMED).map(String::as_str).collect();
    let more = format!("{} more", numbers.len().saturating_sub(NAMED));
    if numbers.len() > NAMED {
        shown.push(&more);
    }
    crate::core::text::listed(&shown, "and")
}

/// The people of `ledger` by their name as people compare names.
fn by_name(ledger: &Ledger) -> BTreeMap<String, Vec<&Person>> {
    let mut by_name: BTreeMap<String, Vec<&Person>> = BTreeMap::new();
    for p in &ledger.people {
        by_name.entry(folded(&p.name)).or_default().push(p);
    }
    by_name
}

fn person_moved(was: u64, now: u64) -> Moved {
    Moved::Number {
        was: format!("person {was}"),
        now: format!("person {now}"),
        here: true,
    }
}

/// The numbers of `before`'s own records that name another record in `after`, by the numbers
/// its user knew: "#2 here is now #3", "person 4 here is now person 5". A merge reports these
/// for the side it merges into (the number a record came into the merge with may be the
/// other side's).
pub(super) fn numbers_moved(before: &Ledger, after: &Ledger) -> Vec<Moved> {
    let people: HashMap<Uid, u64> = after.people.iter().map(|p| (p.uid, p.id.0)).collect();
    let mut lines: Vec<Moved> = before
        .people
        .iter()
        .filter_map(|old| {
            let new = *people.get(&old.uid)?;
            (new != old.id.0).then(|| person_moved(old.id.0, new))
        })
        .collect();
    lines.extend(promises_moved(before, after));
    lines
}

/// Each promise of `before` is looked for in `after` at its own place first
/// ([`super::summary::Nearby`]), which spares a merge hashing every uid of the ledger.
fn promises_moved(before: &Ledger, after: &Ledger) -> Vec<Moved> {
    let mut promises = super::summary::Nearby::of(&after.promises);
    before
        .promises
        .iter()
        .enumerate()
        .filter_map(|(at, old)| {
            let new = promises.find(at, old.uid)?.id.0;
            (new != old.id.0).then(|| Moved::Number {
                was: format!("#{}", old.id),
                now: format!("#{new}"),
                here: true,
            })
        })
        .collect()
}

/// The person of `after` that `uid` was joined into, if a merge joined it.
pub(super) fn joined_into(after: &Ledger, uid: Uid) -> Option<Uid> {
    let into = after.tombstones.iter().find(|t| t.uid == uid)?.into?;
    after.people.iter().any(|p| p.uid == into).then_some(into)
}
