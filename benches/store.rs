//! The data file at 1,000, 10,000 and 100,000 promises: loading it, writing it whole, and
//! saving one change the way the command line and the UI do, beside the floors each is
//! measured against (serde_json reading the same bytes into a ledger; writing and syncing
//! them); and the same load and changes on the ledger encrypted (docs/PRIVACY.md), its keys
//! already unlocked, which must cost at most 1.5 times the plain file's. Run with
//! `cargo bench --bench store`; divan prints the median of each.

#[path = "support/mod.rs"]
mod support;

use std::io::Write;
use std::path::PathBuf;

use support::{SIZES, bytes, file, ledger, today};
use trustladder::core::change::{NewPromise, OnConflict, PromisePatch, Set, Target};
use trustladder::core::{Change, Ledger, Status};
use trustladder::crypt::keyfile::{KeyFile, Keys, key_path};
use trustladder::crypt::unlock;
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

/// A fresh folder holding the data file of `n` promises encrypted as `trustladder encrypt`
/// leaves it (sealed to a main key and a recovery key, the main key wrapped in the key file
/// beside it), with the keys unlocked in this process, as the agent hands them to a command.
fn encrypted_file(n: usize) -> Option<(tempfile::TempDir, PathBuf)> {
    let (dir, path) = file(n)?;
    let keys = Keys::generate(age::x25519::Identity::generate().to_public());
    // The cheapest key derivation: unwrapping is not what is measured.
    let passphrase = secrecy::SecretString::from("benchmark".to_string());
    let key_file = KeyFile::wrap(&keys, &passphrase, Some(2)).ok()?;
    std::fs::write(key_path(&path), key_file.to_text()).ok()?;
    std::fs::write(&path, keys.seal(bytes(n)).ok()?).ok()?;
    unlock::remember(keys);
    // Measuring the plain file by mistake would flatter the ratio.
    Store::open(&path)
        .ok()?
        .is_encrypted()
        .then_some((dir, path))
}

/// Opening the encrypted data file with its keys at hand: reading, opening, decoding and
/// checking it.
#[divan::bench(args = SIZES)]
fn load_encrypted(bencher: divan::Bencher, n: usize) {
    let Some((_dir, path)) = encrypted_file(n) else {
        return;
    };
    bencher.bench(|| Store::open(&path).map(|_| ()));
}

/// The hash by which the agent knows a sealed file, over as many bytes as the ledger's file:
/// a command the agent hands its kept text to makes it of the file it read, and a save of the
/// file it writes.
#[divan::bench(args = SIZES)]
fn sealed_hash(bencher: divan::Bencher, n: usize) {
    let bytes = bytes(n);
    bencher.bench(|| trustladder::crypt::agent::sealed_hash(divan::black_box(bytes)));
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

/// One change saved by a long-lived store, as the UI's worker saves, to the data file in
/// `folder`: `make` builds it from the ledger as it is, alternating so the file keeps its
/// size.
fn one_change(
    bencher: divan::Bencher,
    folder: Option<(tempfile::TempDir, PathBuf)>,
    make: impl Fn(&Ledger, bool) -> Change,
) {
    let Some((_dir, path)) = folder else { return };
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

/// One change as a command makes it: the data file opened, the change saved, the store
/// dropped (all of a command but starting the process and, for an encrypted file, asking the
/// agent for the keys).
fn open_and_change(
    bencher: divan::Bencher,
    folder: Option<(tempfile::TempDir, PathBuf)>,
    make: impl Fn(&Ledger, bool) -> Change,
) {
    let Some((_dir, path)) = folder else { return };
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let mut store = Store::open(&path)?;
        let change = make(store.ledger(), flip);
        store.apply(&change, today())
    });
}

/// The last open promise kept, then reopened.
fn keep_or_reopen(l: &Ledger, keep: bool) -> Change {
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
            seen: None,
        },
    }
}

/// A promise added, then deleted again.
fn add_or_delete(l: &Ledger, add: bool) -> Change {
    match (add, l.promises.last()) {
        (false, Some(last)) => Change::DeletePromise {
            promise: Target::exact(last.id, last.uid),
            seen: None,
        },
        _ => Change::AddPromise(NewPromise::task(l.people[0].id, "Send the notes", today())),
    }
}

/// The words of the first promise edited back and forth.
fn edit_words(l: &Ledger, flip: bool) -> Change {
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
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn change_keep(bencher: divan::Bencher, n: usize) {
    one_change(bencher, file(n), keep_or_reopen);
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn change_add(bencher: divan::Bencher, n: usize) {
    one_change(bencher, file(n), add_or_delete);
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn change_edit(bencher: divan::Bencher, n: usize) {
    one_change(bencher, file(n), edit_words);
}

/// `keep` as the command line runs it, on the plain file and on the encrypted one.
#[divan::bench(args = SIZES, sample_count = 20)]
fn command_keep(bencher: divan::Bencher, n: usize) {
    open_and_change(bencher, file(n), keep_or_reopen);
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn command_keep_encrypted(bencher: divan::Bencher, n: usize) {
    open_and_change(bencher, encrypted_file(n), keep_or_reopen);
}

/// The same changes on the encrypted ledger: each save seals the whole file.
#[divan::bench(args = SIZES, sample_count = 20)]
fn change_keep_encrypted(bencher: divan::Bencher, n: usize) {
    one_change(bencher, encrypted_file(n), keep_or_reopen);
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn change_add_encrypted(bencher: divan::Bencher, n: usize) {
    one_change(bencher, encrypted_file(n), add_or_delete);
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn change_edit_encrypted(bencher: divan::Bencher, n: usize) {
    one_change(bencher, encrypted_file(n), edit_words);
}
