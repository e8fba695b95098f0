//! The data file at 1,000, 10,000 and 100,000 promises: loading it, writing it whole, and
//! saving one change the way the command line and the UI do, beside the floors each is
//! measured against (serde_json reading the same bytes into a ledger; writing and syncing
//! them). Run with `cargo bench --bench store`; divan prints the median of each.

#[path = "support/mod.rs"]
mod support;

use std::io::Write;

use support::{SIZES, bytes, file, ledger, today};
use trustladder::core::change::{NewPromise, OnConflict, PromisePatch, Set, Target};
use trustladder::core::{Change, Ledger, Status};
use trustladder::store::{Store, decode, encode};

fn main() {
    divan::main();
}

/// The floor of a load: serde_json reading the file into the ledger, checks aside.
#[divan::bench(args = SIZES)]
fn floor_serde_decode(bencher: divan::Bencher, n: usize) {
    let bytes = bytes(n);
    bencher.bench(|| serde_json::from_slice::<Ledger>(divan::black_box(bytes)).map(|_| ()));
}

/// Reading the bytes into a checked ledger (the hand-written reader and every check on load).
#[divan::bench(args = SIZES)]
fn decode_file(bencher: divan::Bencher, n: usize) {
    let bytes = bytes(n);
    bencher.bench(|| decode(divan::black_box(bytes)).map(|_| ()));
}

/// Opening the data file: reading it from the page cache, decoding and checking it.
#[divan::bench(args = SIZES)]
fn load(bencher: divan::Bencher, n: usize) {
    let Some((_dir, path)) = file(n) else { return };
    bencher.bench(|| Store::open(&path).map(|_| ()));
}

/// Writing the whole ledger's bytes.
#[divan::bench(args = SIZES)]
fn encode_file(bencher: divan::Bencher, n: usize) {
    let ledger = ledger(n);
    bencher.bench(|| encode(divan::black_box(ledger)));
}

/// The floor of a save: writing the file's bytes to a new file and syncing it to disk.
#[divan::bench(args = SIZES, sample_count = 20)]
fn floor_write_and_sync(bencher: divan::Bencher, n: usize) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let bytes = bytes(n);
    let path = dir.path().join("written.json");
    bencher.bench_local(|| {
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
    });
}

/// A whole ledger saved (the demo team, a merge of conflict copies): encoded, read back and
/// written under the lock.
#[divan::bench(args = SIZES, sample_count = 20)]
fn save_whole(bencher: divan::Bencher, n: usize) {
    let Some((_dir, path)) = file(n) else { return };
    let Ok(mut store) = Store::open(&path) else {
        return;
    };
    let ledger = ledger(n);
    bencher.bench_local(|| {
        store.update(|l| {
            *l = ledger.clone();
            l.settings.slip_window_days ^= 1;
            Ok(())
        })
    });
}

/// One change saved by a long-lived store, as the UI's worker saves: `make` builds it from
/// the ledger as it is, alternating so the file keeps its size.
fn one_change(bencher: divan::Bencher, n: usize, make: impl Fn(&Ledger, bool) -> Change) {
    let Some((_dir, path)) = file(n) else { return };
    let Ok(mut store) = Store::open(&path) else {
        return;
    };
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let change = make(store.ledger(), flip);
        store.apply(&change, today())
    });
}

/// The last open promise kept, then reopened.
#[divan::bench(args = SIZES, sample_count = 20)]
fn change_keep(bencher: divan::Bencher, n: usize) {
    one_change(bencher, n, |l, keep| {
        let open = l.promises.iter().rev().find(|p| p.status == Status::Open);
        let kept = l.promises.iter().rev().find(|p| p.status == Status::Kept);
        match (keep, open, kept) {
            (true, Some(p), _) => Change::Resolve {
                promise: Target::exact(p.id, p.uid),
                status: Status::Kept,
                on: today(),
                note: None,
            },
            (_, _, Some(p)) => Change::Reopen {
                promise: Target::exact(p.id, p.uid),
            },
            _ => Change::DeletePromise {
                promise: Target::id(trustladder::core::PromiseId(0)),
            },
        }
    });
}

/// A promise added, then deleted again.
#[divan::bench(args = SIZES, sample_count = 20)]
fn change_add(bencher: divan::Bencher, n: usize) {
    one_change(bencher, n, |l, add| match (add, l.promises.last()) {
        (false, Some(last)) => Change::DeletePromise {
            promise: Target::exact(last.id, last.uid),
        },
        _ => Change::AddPromise(NewPromise::task(l.people[0].id, "Send the notes", today())),
    });
}

/// The words of the first promise edited back and forth.
#[divan::bench(args = SIZES, sample_count = 20)]
fn change_edit(bencher: divan::Bencher, n: usize) {
    one_change(bencher, n, |l, flip| {
        let p = &l.promises[0];
        Change::EditPromise {
            promise: Target::exact(p.id, p.uid),
            patch: PromisePatch {
                what: Some(Set::to(
                    if flip {
                        "Send the notes"
                    } else {
                        "Send the deck"
                    }
                    .into(),
                )),
                ..PromisePatch::default()
            },
            on_conflict: OnConflict::Refuse,
        }
    });
}
