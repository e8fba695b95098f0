//! Any valid ledger survives encode then decode, and save then load, unchanged.

mod store_support;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::Index;
use store_support::*;
use trustladder::core::{Direction, Ledger, Level, Person, Promise, Settings, Status};
use trustladder::store::{self, Store};

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..25_000).prop_map(|n| d("1990-01-01") + chrono::Days::new(n))
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        (0.001f64..10_000.0, 0.0f64..1_000.0, 0.0f64..=1.0),
        (0.0f64..1_000.0, 0.0f64..=1.0, any::<u32>()),
        (any::<u32>(), 0.0f64..=1.0, 0.0f64..=1.0),
    )
        .prop_map(
            |((half, min_e, hold), (ready_e, ready, window), (slips, slip, late))| Settings {
                half_life_days: half,
                min_evidence: min_e,
                hold_threshold: hold,
                ready_evidence: ready_e,
                ready_threshold: ready,
                slip_window_days: window,
                slip_min_resolved: slips,
                slip_threshold: slip,
                kept_late_value: late,
            },
        )
}

/// Any text at all, controls and every script included: the file must carry it unchanged.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "\\PC{0,40}", Just(String::new())]
}

fn person() -> impl Strategy<Value = (u64, Person)> {
    (
        1u64..4,
        "[a-z0-9\\p{Han}-]{0,8}",
        "[\\p{L}\\p{N}]",
        text(),
        text(),
        text(),
        date(),
        any::<bool>(),
    )
        .prop_map(|(gap, slug, first, rest, role, note, created, archived)| {
            let person = Person {
                id: 0,
                handle: slug,
                name: format!("{first}{rest}"),
                role,
                note,
                created,
                archived,
            };
            (gap, person)
        })
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
        (text(), text()),
        (date(), proptest::option::of(date()), date()),
        status(),
    )
        .prop_map(
            |((gap, who, mine), level, (what, note), (made, due, on), status)| {
                let promise = Promise {
                    id: 0,
                    person: 0,
                    direction: if mine {
                        Direction::Mine
                    } else {
                        Direction::Theirs
                    },
                    level,
                    what,
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
    )
        .prop_map(
            |(settings, people, promises, (more_people, more_promises))| {
                let mut l = Ledger {
                    settings,
                    ..Ledger::default()
                };
                let mut id = 0;
                for (gap, mut p) in people {
                    id += gap;
                    p.id = id;
                    p.handle = format!("h{id}-{}", p.handle);
                    l.people.push(p);
                }
                let mut id = 0;
                if !l.people.is_empty() {
                    for (gap, who, mut p) in promises {
                        id += gap;
                        p.id = id;
                        p.person = l.people[who.index(l.people.len())].id;
                        l.promises.push(p);
                    }
                }
                l.next_person_id = l.people.last().map_or(1, |p| p.id + 1) + more_people;
                l.next_promise_id = l.promises.last().map_or(1, |p| p.id + 1) + more_promises;
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
        prop_assert_eq!(s.ledger(), &l);
        let loaded = Store::open(&path).unwrap();
        prop_assert_eq!(loaded.ledger(), &l);
    }
}
