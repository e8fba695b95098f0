//! The writer against serde_json, and the strict reader against the writer and serde_json,
//! on random ledgers and on random damage to their bytes.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::core::validate::promise_passes;
use crate::core::{
    Direction, Ledger, Level, Person, PersonId, Promise, PromiseId, Settings, Status, Timestamp,
    Tombstone, Uid,
};

/// What serde_json writes: the bytes the file has always had.
fn pretty(ledger: &Ledger) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(ledger).unwrap();
    out.push(b'\n');
    out
}

/// Text with everything the layout treats apart: quotes, backslashes, controls (which the
/// checks on load refuse, but the writer must still write as serde_json does), DEL, and
/// characters of every width.
fn text(controls: bool) -> BoxedStrategy<String> {
    let clean = prop_oneof![
        "[a-z \"\\\\]{0,12}",
        "[\\u{20}-\\u{7f}]{0,12}",
        "[\\PC\u{7f}\u{2028}é王🙂]{0,12}",
        Just(String::new()),
    ];
    if controls {
        prop_oneof![clean, "[\\u{0}-\\u{7f}]{0,12}"].boxed()
    } else {
        clean.boxed()
    }
}

/// From the year 1 to 9999, the days a file may hold, and with `year_0` also a day of the
/// year 0, which only memory can hold.
fn day(year_0: bool) -> BoxedStrategy<NaiveDate> {
    let held = prop_oneof![
        (1i32..3_652_060).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap()),
        Just(NaiveDate::from_ymd_opt(1, 1, 1).unwrap()),
        Just(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap()),
    ];
    if year_0 {
        prop_oneof![held, Just(NaiveDate::from_ymd_opt(0, 6, 1).unwrap())].boxed()
    } else {
        held.boxed()
    }
}

fn time() -> impl Strategy<Value = Timestamp> {
    (-62_135_596_800i64..253_402_300_799)
        .prop_map(|s| Timestamp::new(chrono::DateTime::from_timestamp(s, 0).unwrap()))
}

fn uid() -> impl Strategy<Value = Uid> {
    any::<u128>().prop_map(|n| Uid(uuid::Uuid::from_u128(n)))
}

fn person(odd: bool) -> impl Strategy<Value = Person> {
    (
        (1u64..4, uid(), text(odd), text(odd)),
        (text(odd), text(odd), day(odd), any::<bool>()),
        (
            time(),
            proptest::option::of(any::<u32>()),
            proptest::option::of(day(odd)),
        ),
    )
        .prop_map(
            |(
                (id, uid, handle, name),
                (role, note, created, archived),
                (changed, cadence_days, last_prep),
            )| Person {
                id: PersonId(id),
                uid,
                handle,
                name,
                role,
                note,
                created,
                archived,
                changed,
                cadence_days,
                last_prep,
            },
        )
}

fn promise(odd: bool) -> impl Strategy<Value = Promise> {
    (
        (1u64..4, uid(), any::<u64>(), any::<bool>()),
        (
            prop::sample::select(Level::ALL.to_vec()),
            text(odd),
            day(odd),
            proptest::option::of(day(odd)),
        ),
        (
            prop::sample::select(vec![
                Status::Open,
                Status::Kept,
                Status::KeptLate,
                Status::Released,
                Status::Broken,
            ]),
            proptest::option::of(day(odd)),
            text(odd),
            time(),
        ),
    )
        .prop_map(
            |(
                (id, uid, person, mine),
                (level, what, made, due),
                (status, resolved, note, changed),
            )| {
                Promise {
                    id: PromiseId(id),
                    uid,
                    person: PersonId(person),
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
                    resolved,
                    note,
                    changed,
                }
            },
        )
}

/// A ledger as the reader wants one (records in number order, counters past every number),
/// whatever its records hold (the layout is not the checks); with `odd`, also control
/// characters and days of the year 0, which the reader leaves to the careful one.
fn ledger(odd: bool) -> impl Strategy<Value = Ledger> {
    (
        (0.0f64..1e6, any::<u32>()),
        proptest::collection::vec(person(odd), 0..5),
        proptest::collection::vec(promise(odd), 0..8),
        proptest::collection::vec((uid(), time(), proptest::option::of(uid())), 0..4),
        (0u64..3, 0u64..3),
        proptest::collection::vec(text(odd), 0..3),
    )
        .prop_map(
            |((fraction, days), mut people, mut promises, buried, (more, more2), lineage)| {
                let mut id = 0;
                for p in &mut people {
                    id += p.id.0;
                    p.id = PersonId(id);
                }
                let mut id = 0;
                for p in &mut promises {
                    id += p.id.0;
                    p.id = PromiseId(id);
                }
                let mut tombstones: Vec<Tombstone> = buried
                    .into_iter()
                    .map(|(uid, deleted, into)| Tombstone { uid, deleted, into })
                    .collect();
                tombstones.sort_by_key(|t| t.uid);
                tombstones.dedup_by_key(|t| t.uid);
                Ledger {
                    settings: Settings {
                        half_life_days_task: fraction,
                        slip_window_days: days,
                        ..Settings::default()
                    },
                    next_person_id: PersonId(people.last().map_or(1, |p| p.id.0 + 1) + more),
                    next_promise_id: PromiseId(promises.last().map_or(1, |p| p.id.0 + 1) + more2),
                    people,
                    promises,
                    tombstones,
                    lineage,
                    ..Ledger::default()
                }
            },
        )
}

/// Damage of every kind: a byte changed, dropped or doubled, or a stretch replaced by
/// something JSON could hold there.
#[derive(Debug, Clone)]
enum Damage {
    Set(prop::sample::Index, u8),
    Drop(prop::sample::Index),
    Double(prop::sample::Index),
    Splice(prop::sample::Index, usize, String),
    /// Inserted where a value begins, where the reader decides the most.
    Value(prop::sample::Index, String),
}

fn damage() -> impl Strategy<Value = Damage> {
    let piece = prop_oneof![
        Just(" ".to_string()),
        Just("\\u0041".to_string()),
        Just("\\/".to_string()),
        Just("0".to_string()),
        Just("-".to_string()),
        Just("1.0".to_string()),
        Just("null".to_string()),
        Just("\"".to_string()),
        Just("\n".to_string()),
        Just("E".to_string()),
        Just("+".to_string()),
        "[0-9]{1,3}",
    ];
    prop_oneof![
        4 => (any::<prop::sample::Index>(), piece.clone()).prop_map(|(i, s)| Damage::Value(i, s)),
        1 => (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Damage::Set(i, b)),
        1 => any::<prop::sample::Index>().prop_map(Damage::Drop),
        1 => any::<prop::sample::Index>().prop_map(Damage::Double),
        1 => (
            any::<prop::sample::Index>(),
            0usize..6,
            piece,
        )
            .prop_map(|(i, n, s)| Damage::Splice(i, n, s)),
    ]
}

fn damaged(mut bytes: Vec<u8>, damage: &Damage) -> Vec<u8> {
    match damage {
        Damage::Set(i, b) => {
            let i = i.index(bytes.len());
            bytes[i] = *b;
        }
        Damage::Drop(i) => {
            bytes.remove(i.index(bytes.len()));
        }
        Damage::Double(i) => {
            let i = i.index(bytes.len());
            bytes.insert(i, bytes[i]);
        }
        Damage::Splice(i, n, s) => {
            let i = i.index(bytes.len());
            let end = (i + n).min(bytes.len());
            bytes.splice(i..end, s.bytes());
        }
        Damage::Value(i, s) => {
            let starts: Vec<usize> = bytes
                .windows(3)
                .enumerate()
                .filter(|(_, w)| *w == b"\": ")
                .map(|(at, _)| at + 3)
                .collect();
            if !starts.is_empty() {
                let at = starts[i.index(starts.len())];
                bytes.splice(at..at, s.bytes());
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_writer_writes_what_serde_json_writes(l in ledger(true)) {
        let (ours, theirs) = (write(&l).0, pretty(&l));
        prop_assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
    }

    #[test]
    fn the_reader_reads_what_the_writer_wrote_where_it_wrote_it(l in ledger(true)) {
        let (bytes, layout) = write(&l);
        // A day or time outside what the careful reader takes is not for the fast one either.
        let careful = serde_json::from_slice::<Ledger>(&bytes).ok();
        match read(&bytes, Places::Kept) {
            Some((back, spans)) => {
                prop_assert_eq!(&back, &l);
                prop_assert_eq!(Some(&back), careful.as_ref());
                prop_assert_eq!(spans.as_ref(), Some(&layout));
                // Read without the places, the same ledger, and none.
                prop_assert_eq!(read(&bytes, Places::Dropped), Some((back.clone(), None)));
                for (p, s) in l.promises.iter().zip(&layout.promises) {
                    let mut w = Writer::with_capacity(400);
                    w.promise(p);
                    prop_assert_eq!(&bytes[s.start..s.end], w.out.as_slice());
                }
                for (p, s) in l.people.iter().zip(&layout.people) {
                    let mut w = Writer::with_capacity(400);
                    w.person(p);
                    prop_assert_eq!(&bytes[s.start..s.end], w.out.as_slice());
                }
            }
            None => {
                // The reader checks each promise as it reads it, against the people's numbers.
                let ids: Vec<PersonId> = l.people.iter().map(|p| p.id).collect();
                let refused = l.promises.iter().any(|p| !promise_passes(p, &ids)) || l.people.iter().any(|p| {
                    p.handle.chars().chain(p.name.chars()).chain(p.role.chars()).chain(p.note.chars()).any(|c| c < ' ')
                        || p.created.year() < 1
                        || p.last_prep.is_some_and(|d| d.year() < 1)
                }) || l.promises.iter().any(|p| {
                    p.what.chars().chain(p.note.chars()).any(|c| c < ' ')
                        || [Some(p.made), p.due, p.resolved].into_iter().flatten().any(|d| d.year() < 1)
                }) || l.lineage.iter().any(|id| id.chars().any(|c| c < ' '));
                prop_assert!(refused, "refused a ledger it should read: {:?}", l);
            }
        }
    }

}

proptest! {
    // Most damage breaks the layout; many cases, so that enough of it does not.
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    #[test]
    fn whatever_the_reader_takes_is_exactly_the_writers_and_serde_json_reads_it_the_same(
        l in ledger(false),
        hurt in proptest::collection::vec(damage(), 1..3),
    ) {
        let mut bytes = write(&l).0;
        for d in &hurt {
            if !bytes.is_empty() {
                bytes = damaged(bytes, d);
            }
        }
        if let Some((back, layout)) = read(&bytes, Places::Kept) {
            let (again, spans) = write(&back);
            prop_assert_eq!(String::from_utf8_lossy(&again), String::from_utf8_lossy(&bytes));
            prop_assert_eq!(Some(spans), layout);
            prop_assert_eq!(serde_json::from_slice::<Ledger>(&bytes).ok(), Some(back));
        }
    }
}

#[test]
fn a_generated_ledger_reads_back_by_hand() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let l = crate::core::generate::realistic(20, 2_000, today, 3);
    let (bytes, layout) = write(&l);
    assert_eq!(bytes, pretty(&l));
    assert_eq!(read(&bytes, Places::Kept), Some((l, Some(layout))));
}

#[test]
fn another_indentation_is_left_to_the_careful_reader() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let l = crate::core::generate::realistic(2, 5, today, 3);
    let compact = serde_json::to_vec(&l).unwrap();
    assert_eq!(read(&compact, Places::Kept), None);
    let mut without_last_line_break = write(&l).0;
    without_last_line_break.pop();
    assert_eq!(read(&without_last_line_break, Places::Dropped), None);
}
