//! Any valid ledger survives encode then decode, and save then load, unchanged.

mod store_support;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::Index;
use store_support::*;
use trustladder::core::{
    Direction, Ledger, Level, Person, PersonId, Promise, PromiseId, Settings, Status, Timestamp,
    Tombstone, Uid,
};
use trustladder::store::{self, Store};

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..25_000).prop_map(|n| d("1990-01-01") + chrono::Days::new(n))
}

/// Any second from 1990 to about 2058.
fn time() -> impl Strategy<Value = Timestamp> {
    (0i64..2_147_483_647).prop_map(|s| {
        let at = chrono::DateTime::from_timestamp(631_152_000 + s, 0).expect("in range");
        Timestamp::new(at)
    })
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        (0.001f64..10_000.0, 0.0f64..1_000.0, 0.0f64..=1.0),
        (0.0f64..1_000.0, 0.0f64..=1.0, any::<u32>()),
        (1u32..=u32::MAX, 0.0f64..=1.0, 0.0f64..=1.0),
    )
        .prop_map(
            |((half, min_e, hold), (ready_e, ready, window), (broken, slip, late))| Settings {
                half_life_days_result: half,
                hold_evidence_task: min_e,
                hold_threshold: hold,
                ready_evidence_result: ready_e,
                ready_threshold: ready,
                slip_window_days: window,
                slip_min_broken_task: broken,
                slip_threshold: slip,
                kept_late_value: late,
                ..Settings::default()
            },
        )
}

/// A first character that shows: a letter or digit, but not the Hangul fillers, which are
/// letters that draw nothing.
const VISIBLE: &str = "[\\p{L}\\p{N}&&[^\\u{115F}\\u{1160}\\u{3164}\\u{FFA0}]]";

/// Any text input accepts, every script included: the file must carry it unchanged. (Text
/// input refuses, controls and bidi controls, is refused on load too: `store_damaged.rs`.)
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\\p{Cc}\\p{Zl}\\p{Zp}\\u{61c}\\u{200e}\\u{200f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}]{0,40}",
        "[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S} ]{0,40}",
        Just(String::new())
    ]
}

fn person() -> impl Strategy<Value = (u64, Person)> {
    (
        1u64..4,
        "[a-z0-9\\p{Han}-]{0,8}",
        VISIBLE,
        text(),
        text(),
        text(),
        (date(), time()),
        any::<bool>(),
        (
            proptest::option::of(1u32..=3650),
            proptest::option::of(date()),
        ),
    )
        .prop_map(
            |(gap, slug, first, rest, role, note, (created, changed), archived, keep)| {
                let (cadence_days, last_prep) = keep;
                let person = Person {
                    id: PersonId(0),
                    uid: Uid::derived("unset"),
                    changed,
                    handle: slug,
                    name: format!("{first}{rest}"),
                    role,
                    note,
                    created,
                    archived,
                    cadence_days,
                    last_prep,
                };
                (gap, person)
            },
        )
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Open),
        Just(Status::Kept),
        Just(Status::KeptLate),
        Just(Status::Released),
        Just(Status::Broken),
    ]
}

fn promise() -> impl Strategy<Value = (u64, Index, Promise)> {
    (
        (1u64..4, any::<Index>(), any::<bool>()),
        prop_oneof![Just(Level::Task), Just(Level::Result), Just(Level::Impact)],
        (VISIBLE, text(), text()),
        (date(), proptest::option::of(date()), date(), time()),
        status(),
    )
        .prop_map(
            |((gap, who, mine), level, (first, what, note), (made, due, on, changed), status)| {
                let promise = Promise {
                    id: PromiseId(0),
                    uid: Uid::derived("unset"),
                    changed,
                    person: PersonId(0),
                    direction: if mine {
                        Direction::Mine
                    } else {
                        Direction::Theirs
                    },
                    level,
                    what: format!("{first}{what}"),
                    made,
                    due,
                    status,
                    resolved: status.is_resolved().then_some(on),
                    note,
                };
                (gap, who, promise)
            },
        )
}

/// A valid ledger: people with unique ids and handles, promises that name them, and
/// `resolved` set exactly when the status is not open.
fn ledger() -> impl Strategy<Value = Ledger> {
    (
        settings(),
        proptest::collection::vec(person(), 0..8),
        proptest::collection::vec(promise(), 0..16),
        (0u64..3, 0u64..3),
        proptest::collection::vec(time(), 0..4),
        proptest::collection::vec("[0-9a-f]{16}", 0..40),
    )
        .prop_map(
            |(settings, people, promises, (more_people, more_promises), buried, lineage)| {
                let mut l = Ledger {
                    settings,
                    lineage,
                    ..Ledger::default()
                };
                let mut id = 0;
                for (gap, mut p) in people {
                    id += gap;
                    p.id = PersonId(id);
                    p.uid = Uid::derived(&format!("person {id}"));
                    p.handle = format!("h{id}-{}", p.handle);
                    l.people.push(p);
                }
                let mut id = 0;
                if !l.people.is_empty() {
                    for (gap, who, mut p) in promises {
                        id += gap;
                        p.id = PromiseId(id);
                        p.uid = Uid::derived(&format!("promise {id}"));
                        p.person = l.people[who.index(l.people.len())].id;
                        l.promises.push(p);
                    }
                }
                l.next_person_id =
                    PersonId(l.people.last().map_or(1, |p| p.id.0 + 1) + more_people);
                l.next_promise_id =
                    PromiseId(l.promises.last().map_or(1, |p| p.id.0 + 1) + more_promises);
                l.tombstones = buried
                    .into_iter()
                    .enumerate()
                    .map(|(i, deleted)| Tombstone {
                        uid: Uid::derived(&format!("deleted {i}")),
                        deleted,
                        into: (i % 2 == 1).then(|| Uid::derived("joined into")),
                    })
                    .collect();
                // Kept in uid order, as every save writes them.
                l.tombstones.sort_by_key(|t| t.uid);
                l
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_ledger_survives_encode_then_decode(l in ledger()) {
        prop_assert_eq!(store::decode(&store::encode(&l)), Ok(l));
    }

    /// The file is written by hand, and must stay byte for byte what serde_json's pretty
    /// printer wrote: git diffs and merges across versions rely on it.
    #[test]
    fn the_file_is_what_serde_json_would_write(l in ledger()) {
        let mut pretty = serde_json::to_vec_pretty(&l).unwrap();
        pretty.push(b'\n');
        prop_assert_eq!(String::from_utf8(store::encode(&l)).unwrap(), String::from_utf8(pretty).unwrap());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_ledger_survives_save_then_load(l in ledger()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trustladder.json");
        let mut s = Store::open(&path).unwrap();
        s.update(|x| {
            *x = l.clone();
            Ok(())
        })
        .unwrap();
        // The save names itself first in the file's lineage; the rest is the ledger as given.
        let mut saved = l.clone();
        saved.lineage.insert(0, s.ledger().lineage[0].clone());
        saved.lineage.truncate(trustladder::core::lineage::REMEMBERED);
        prop_assert_eq!(s.ledger(), &saved);
        let loaded = Store::open(&path).unwrap();
        prop_assert_eq!(loaded.ledger(), &saved);
    }
}
