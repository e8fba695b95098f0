//! How the core and the file format scale: scoring everyone, the agenda, and reading and
//! writing the file, on ledgers of 10,000 and 100,000 promises. Run with `cargo bench`;
//! divan prints the median of each.

use chrono::NaiveDate;
use trustladder::core::agenda::agenda;
use trustladder::core::change::{OnConflict, PersonPatch, Set, Target};
use trustladder::core::demo;
use trustladder::core::ladder::review_all;
use trustladder::core::{Change, Ledger, PersonId};
use trustladder::store::{Store, decode, encode};

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [10_000, 100_000];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

/// `promises` promises over 200 people and two years, a fifth of them open.
fn ledger(promises: usize) -> Ledger {
    demo::large(200, promises, today())
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
        let change = Change::EditPerson {
            person: Target::id(PersonId(1)),
            patch: PersonPatch {
                note: Some(Set::to(note.into())),
                ..PersonPatch::default()
            },
            on_conflict: OnConflict::Refuse,
        };
        store.apply(&change, today())
    });
}
