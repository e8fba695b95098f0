//! How the core and the file format scale: scoring everyone, the agenda, and reading and
//! writing the file, on ledgers of 10,000 and 100,000 promises. Run with `cargo bench`;
//! divan prints the median of each.

use chrono::{Days, NaiveDate};
use trustladder::core::agenda::agenda;
use trustladder::core::ladder::review_all;
use trustladder::core::ledger::NewPromise;
use trustladder::core::{Direction, Ledger, Level, Status};
use trustladder::store::{Store, decode, encode};

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [10_000, 100_000];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

/// A ledger of `promises` promises spread over 200 people and two years, a fifth of them open.
fn ledger(promises: usize) -> Ledger {
    let mut l = Ledger::default();
    let start = today() - Days::new(730);
    let people: Vec<u64> = (0..200)
        .filter_map(|i| l.add_person(&format!("Person {i}"), "Team", "", start).ok())
        .collect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..promises {
        let r = next();
        let made = start + Days::new(r % 700);
        let new = NewPromise {
            person: people[(r >> 10) as usize % people.len()],
            direction: if r & 1 == 0 {
                Direction::Theirs
            } else {
                Direction::Mine
            },
            level: Level::ALL[(r >> 20) as usize % 3],
            what: format!("Deliver item {i} of the quarterly plan"),
            made,
            due: Some(made + Days::new(7 + (r >> 30) % 30)),
        };
        let Ok(id) = l.add_promise(new) else { continue };
        let outcome = [
            Status::Open,
            Status::Kept,
            Status::Kept,
            Status::KeptLate,
            Status::Broken,
        ][(r >> 40) as usize % 5];
        if outcome != Status::Open {
            let on = (made + Days::new((r >> 45) % 30)).min(today());
            let _ = l.resolve_promise(id, outcome, on, None);
        }
    }
    l
}

#[divan::bench(args = SIZES)]
fn score_everyone(bencher: divan::Bencher, n: usize) {
    let l = ledger(n);
    bencher.bench(|| review_all(divan::black_box(&l), today()));
}

#[divan::bench(args = SIZES)]
fn agenda_groups(bencher: divan::Bencher, n: usize) {
    let l = ledger(n);
    bencher.bench(|| agenda(divan::black_box(&l), today()));
}

#[divan::bench(args = SIZES)]
fn encode_file(bencher: divan::Bencher, n: usize) {
    let l = ledger(n);
    bencher.bench(|| encode(divan::black_box(&l)));
}

#[divan::bench(args = SIZES)]
fn decode_file(bencher: divan::Bencher, n: usize) {
    let bytes = encode(&ledger(n));
    bencher.bench(|| decode(divan::black_box(&bytes)));
}

/// One change through the store: lock, apply, encode, parse back, keep a backup, write, fsync,
/// rename. This is what every `keep`, `log` or key in the UI that changes something costs.
#[divan::bench(args = SIZES, sample_count = 10)]
fn save_one_change(bencher: divan::Bencher, n: usize) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("trustladder.json");
    if std::fs::write(&path, encode(&ledger(n))).is_err() {
        return;
    }
    let Ok(mut store) = Store::open(&path) else {
        return;
    };
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let note = if flip { "a" } else { "b" };
        store.update(|l| {
            l.edit_person(
                1,
                &trustladder::core::ledger::PersonEdit {
                    note: Some(note.into()),
                    ..Default::default()
                },
            )
        })
    });
}
