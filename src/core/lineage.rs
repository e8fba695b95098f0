//! Which saves a copy of the ledger descends from: the ids of its last saves, newest first,
//! its own first. Two copies that diverged (a file-sync tool's conflict copy beside the file
//! it split from) find their last common save in these lists, and the backup of that save is
//! the common ancestor their merge needs to tell a change on one side from an old value on
//! the other. Without it, a later edit of a promise on one machine would undo a keep of it
//! made on the other.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::Ledger;
use super::model::Uid;

/// How many saves a file remembers: many more than the backups a store keeps, so that a
/// common save still in `backups/` here is found in the other copy's list too after a week
/// of changes made there out of touch (about 3 KB of the file).
pub const REMEMBERED: usize = 128;

/// A save's id as the file writes it: 16 lowercase hex digits.
pub fn id_of(bits: u64) -> String {
    format!("{bits:016x}")
}

/// `lineage` after one more save with the id `id`.
pub fn saved(lineage: &mut Vec<String>, id: String) {
    lineage.insert(0, id);
    lineage.truncate(REMEMBERED);
}

/// The lineage of the merge of two copies: where one holds the other's last save, its own;
/// else a merge id of their own two ids (the same on every machine that makes this merge, so
/// its file is the same bytes there), then both lists taken in turns, each id once, and each
/// only after every save that came after it in either list ([`newest_first`]). The order of
/// the two copies does not matter.
pub fn merged(ours: &[String], theirs: &[String]) -> Vec<String> {
    // One copy already holds the other: merging adds nothing to it, and merging again
    // changes nothing.
    if theirs.first().is_none_or(|t| ours.contains(t)) {
        return ours.to_vec();
    }
    if ours.first().is_some_and(|o| theirs.contains(o)) {
        return theirs.to_vec();
    }
    let (first, second) = if ours <= theirs {
        (ours, theirs)
    } else {
        (theirs, ours)
    };
    let (a, b) = (
        first.first().map_or("", String::as_str),
        second.first().map_or("", String::as_str),
    );
    let merge = Uuid::new_v5(&Uuid::NAMESPACE_OID, format!("{a} {b}").as_bytes());
    let mut out = vec![id_of(merge.as_u64_pair().1)];
    out.extend(newest_first(first, second));
    out.truncate(REMEMBERED);
    out
}

/// Two lineages as one, newest first: a save comes only after every save that came after it
/// in either list (each list is so already), so the first save of the result that another
/// lineage holds too is a newest save the two have in common, never one of its ancestors.
/// Where either list's next save may come, they take turns.
fn newest_first(first: &[String], second: &[String]) -> Vec<String> {
    let place = |list: &[String]| -> HashMap<String, usize> {
        list.iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect()
    };
    let (in_first, in_second) = (place(first), place(second));
    let mut out = Vec::with_capacity(first.len() + second.len());
    let mut seen: HashSet<&str> = HashSet::new();
    let (mut i, mut j, mut turn) = (0, 0, 0);
    loop {
        while first.get(i).is_some_and(|id| seen.contains(id.as_str())) {
            i += 1;
        }
        while second.get(j).is_some_and(|id| seen.contains(id.as_str())) {
            j += 1;
        }
        // A save still to come later in the other list came before saves listed there first.
        let waits = |id: &String, other: &HashMap<String, usize>, at: usize| {
            other.get(id).is_some_and(|&k| k > at)
        };
        let pick = match (first.get(i), second.get(j)) {
            (None, None) => break,
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (Some(a), Some(b)) if a == b => a,
            (Some(a), Some(b)) => {
                match (waits(a, &in_second, j), waits(b, &in_first, i), turn % 2) {
                    (false, true, _) | (false, false, 0) => a,
                    (true, false, _) | (false, false, _) => b,
                    // Each waits for the other: lists that disagree on the order (a
                    // hand-edited file); taking one still ends.
                    (true, true, _) => a,
                }
            }
        };
        turn += 1;
        seen.insert(pick);
        out.push(pick.clone());
    }
    out
}

/// The saves both copies descend from, in the order `ours` names them (its newest first).
/// Every one is a common ancestor of the two: a lineage names only saves its file comes from.
pub fn common<'a>(ours: &'a [String], theirs: &[String]) -> Vec<&'a str> {
    let theirs: HashSet<&str> = theirs.iter().map(String::as_str).collect();
    ours.iter()
        .map(String::as_str)
        .filter(|id| theirs.contains(id))
        .collect()
}

/// Whether `side` can have come from `base`, where no lineage says so (a version 1 file names
/// no saves): every record of `base` is in it, or its tombstone is, and no number `base`
/// would hand out next was unknown to it. A file that lost a record without a tombstone (a
/// version 1 delete), or never held `base`'s records, fails: taken as their ancestor,
/// `base` would make each record it holds and the other side lacks a delete.
pub fn may_come_from(side: &Ledger, base: &Ledger) -> bool {
    let held: HashSet<Uid> = side
        .people
        .iter()
        .map(|p| p.uid)
        .chain(side.promises.iter().map(|p| p.uid))
        .chain(side.tombstones.iter().map(|t| t.uid))
        .collect();
    side.next_person_id >= base.next_person_id
        && side.next_promise_id >= base.next_promise_id
        && base
            .people
            .iter()
            .map(|p| p.uid)
            .chain(base.promises.iter().map(|p| p.uid))
            .all(|uid| held.contains(&uid))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    /// A side that lost one of the base's records without a tombstone (a version 1 delete),
    /// or never held them, is not taken as coming from it; a side that added records, or
    /// left a tombstone for the one it deleted, is.
    #[test]
    fn a_side_comes_from_a_base_whose_every_record_it_holds_or_buried() {
        use crate::core::model::{Timestamp, Tombstone};
        let day = crate::core::dates::parse_iso("2026-11-02").unwrap();
        let mut base = Ledger::default();
        base.add_person("Al Bo", "", "", day).unwrap();
        let mut grown = base.clone();
        grown.add_person("Cy Do", "", "", day).unwrap();
        assert!(may_come_from(&base, &base) && may_come_from(&grown, &base));
        assert!(
            !may_come_from(&base, &grown),
            "it lacks a record and a number"
        );
        let mut deleted = grown.clone();
        let gone = deleted.people.remove(0);
        assert!(!may_come_from(&deleted, &base));
        deleted.tombstones.push(Tombstone {
            uid: gone.uid,
            deleted: Timestamp::start_of(day),
            into: None,
        });
        assert!(may_come_from(&deleted, &base));
        let mut other = Ledger::default();
        let elsewhere = crate::core::Moment::fixed(day, "another machine");
        other.add_person("Al Bo", "", "", elsewhere).unwrap();
        assert!(!may_come_from(&other, &base), "another file's record");
    }

    #[test]
    fn a_save_goes_first_and_the_oldest_falls_off() {
        let mut lineage: Vec<String> = (0..REMEMBERED as u64).map(id_of).collect();
        saved(&mut lineage, id_of(99));
        assert_eq!(lineage.len(), REMEMBERED);
        assert_eq!(lineage[0], "0000000000000063");
        assert_eq!(lineage[1], id_of(0));
        assert!(!lineage.contains(&id_of(REMEMBERED as u64 - 1)));
    }

    #[test]
    fn the_common_saves_are_those_both_hold_newest_first() {
        let ours = ids(&["o2", "o1", "base", "older"]);
        let theirs = ids(&["t1", "base", "older"]);
        assert_eq!(common(&ours, &theirs), ["base", "older"]);
        assert_eq!(common(&theirs, &ours), ["base", "older"]);
        // A copy made from this file: this file's own save is the newest common one.
        assert_eq!(common(&ours, &ids(&["t1", "o2", "o1"])), ["o2", "o1"]);
        assert!(common(&ours, &ids(&["elsewhere"])).is_empty());
        assert!(common(&[], &ours).is_empty());
    }

    #[test]
    fn a_merge_is_the_same_either_way_and_holds_both_sides() {
        let ours = ids(&["o2", "o1", "base"]);
        let theirs = ids(&["t1", "base"]);
        let merged_here = merged(&ours, &theirs);
        assert_eq!(merged_here, merged(&theirs, &ours));
        assert_eq!(merged_here[1..], ids(&["o2", "t1", "o1", "base"]));
        assert!(!ours.contains(&merged_here[0]) && !theirs.contains(&merged_here[0]));
        assert_eq!(merged_here[0].len(), 16);
        // Another pair of copies makes another merge.
        assert_ne!(merged(&ours, &ids(&["t2", "base"]))[0], merged_here[0]);
        // Merging a copy with itself, or with one it holds, adds no save.
        assert_eq!(merged(&ours, &ours), ours);
        assert_eq!(merged(&ours, &ids(&["o1", "base"])), ours);
        assert_eq!(merged(&ids(&["base"]), &ours), ours);
        assert_eq!(merged(&merged_here, &theirs), merged_here);
    }

    /// Three machines: A merged B's copy (which came from an old save S), then C's, which
    /// came from A's third save. The newest save A's merged lineage shares with C's is that
    /// third save, never S, which came before it.
    #[test]
    fn a_save_comes_after_every_save_made_from_it() {
        let a = ids(&["o5", "o4", "o3", "o2", "o1", "S", "older"]);
        let b = ids(&["b1", "S", "older"]);
        let c = ids(&["c1", "o3", "o2", "o1", "S", "older"]);
        for (x, y) in [(&a, &b), (&b, &a)] {
            let ab = merged(x, y);
            assert_eq!(common(&ab, &c)[0], "o3", "{ab:?}");
            let at = |id: &str| ab.iter().position(|i| i == id).unwrap();
            assert!(at("o1") < at("S") && at("b1") < at("S") && at("S") < at("older"));
            assert_eq!(ab.len(), 1 + a.len() + 1, "each save once: {ab:?}");
        }
    }

    #[test]
    fn a_merge_remembers_no_more_than_a_file_does() {
        let many = REMEMBERED as u64;
        let ours: Vec<String> = (0..many).map(|i| id_of(i * 2)).collect();
        let theirs: Vec<String> = (0..many).map(|i| id_of(i * 2 + 1)).collect();
        let lineage = merged(&ours, &theirs);
        assert_eq!(lineage.len(), REMEMBERED);
        assert_eq!(lineage[1..3], [id_of(0), id_of(1)]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// Two copies that share an old history and each saved on since: their merge is the
        /// same either way, holds every save once, keeps each copy's order (a save after every
        /// save made from it), and merging it again with either changes nothing.
        #[test]
        fn a_merge_is_one_order_of_both_histories(
            shared in 0usize..20,
            a in 1usize..20,
            b in 1usize..20,
            cut in 0usize..20,
        ) {
            let old: Vec<String> = (0..shared as u64).map(|i| id_of(1000 + i)).collect();
            let ours: Vec<String> = (0..a as u64).map(|i| id_of(2000 + i)).chain(old.clone()).collect();
            // The other copy may remember less of the shared history.
            let kept = old.len() - cut.min(old.len());
            let theirs: Vec<String> =
                (0..b as u64).map(|i| id_of(3000 + i)).chain(old[..kept].iter().cloned()).collect();
            let m = merged(&ours, &theirs);
            proptest::prop_assert_eq!(&m, &merged(&theirs, &ours));
            let rest: HashSet<&String> = m[1..].iter().collect();
            proptest::prop_assert_eq!(rest.len(), m.len() - 1, "each save once");
            for list in [&ours, &theirs] {
                proptest::prop_assert!(list.iter().all(|id| rest.contains(id)));
                let places: Vec<usize> =
                    list.iter().map(|id| m.iter().position(|x| x == id).unwrap()).collect();
                proptest::prop_assert!(places.windows(2).all(|w| w[0] < w[1]), "{:?}", m);
            }
            proptest::prop_assert_eq!(&merged(&m, &ours), &m);
            proptest::prop_assert_eq!(&merged(&theirs, &m), &m);
            // The newest save both copies hold is the newest of the shared history they both
            // still remember, and the merge's newest common save with either is that one's head.
            proptest::prop_assert_eq!(common(&m, &ours)[0], ours[0].as_str());
            if kept > 0 {
                proptest::prop_assert_eq!(common(&ours, &theirs)[0], old[0].as_str());
            }
        }
    }
}
