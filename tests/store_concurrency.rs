//! No lost updates: concurrent writers in separate processes all land, and a long-lived
//! store saving after an outside change keeps both changes.

mod store_support;

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::{Duration, Instant};

use store_support::*;
use trustladder::core::change::{NewPromise, Target};
use trustladder::core::{Change, Direction, Ledger, LedgerError, Level, PromiseId, Status};
use trustladder::store::{Patience, Store, StoreError};

const WRITERS: usize = 20;

fn add_with_promise(l: &mut Ledger, name: &str) -> Result<PromiseId, LedgerError> {
    let id = l.add_person(name, "", "", today())?;
    l.add_promise(
        NewPromise {
            person: Target::id(id),
            direction: Direction::Mine,
            level: Level::Result,
            what: format!("the promise of {name}"),
            made: today(),
            due: None,
            outcome: None,
        },
        today(),
    )
}

/// Not a test of its own: one of the writers that `twenty_concurrent_writers_all_land`
/// starts. It opens the file, says so, waits for "go" on stdin, then saves: the whole ledger
/// at once, or with `WRITER_SPLICES` set, as two changes spliced into the file (the person,
/// then their promise), as the command line and the UI save.
#[test]
fn concurrent_writer_child() {
    let Some(path) = child_file() else { return };
    let name = std::env::var("WRITER_NAME").expect("a writer name");
    let splices = std::env::var_os("WRITER_SPLICES").is_some();
    let mut store = Store::open(&path).expect("the writer opens the file");
    println!("ready");
    let mut go = String::new();
    std::io::stdin().read_line(&mut go).expect("the go signal");
    let merged = if splices {
        let add = Change::AddPerson {
            name: name.clone(),
            role: String::new(),
            note: String::new(),
            cadence_days: None,
            again: false,
        };
        let saved = store.apply(&add, today()).expect("the writer saves");
        let person = saved.value.person().expect("the person added");
        let promise = Change::AddPromise(NewPromise {
            direction: Direction::Mine,
            level: Level::Result,
            ..NewPromise::task(person, &format!("the promise of {name}"), today())
        });
        store.apply(&promise, today()).expect("the writer saves");
        saved.merged
    } else {
        store
            .update(|l| add_with_promise(l, &name))
            .expect("the writer saves")
            .merged
    };
    println!("merged={merged}");
}

#[test]
fn twenty_concurrent_writers_all_land() {
    bounded(Duration::from_secs(60), "the concurrent writers");
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    Store::open(&path)
        .unwrap()
        .update(|l| add_with_promise(l, "First"))
        .unwrap();
    let mut writers = Vec::new();
    for i in 0..WRITERS {
        let mut child = Reaped(
            child("concurrent_writer_child", &path)
                .env("WRITER_NAME", format!("Writer {i}"))
                .envs((i % 2 == 1).then_some(("WRITER_SPLICES", "1")))
                .stdin(Stdio::piped())
                .spawn()
                .unwrap(),
        );
        let mut out = BufReader::new(child.0.stdout.take().unwrap());
        let mut line = String::new();
        while !line.trim_end().ends_with("ready") {
            line.clear();
            assert!(out.read_line(&mut line).unwrap() > 0, "writer {i} died");
        }
        writers.push((child, out));
    }
    // Every writer has loaded the same file; now they all save at once.
    for (child, _) in &mut writers {
        child.0.stdin.take().unwrap().write_all(b"go\n").unwrap();
    }
    let mut merged = 0;
    for (i, (mut child, mut out)) in writers.into_iter().enumerate() {
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
        let status = child.0.wait().unwrap();
        assert!(status.success(), "writer {i} failed: {rest}");
        if rest.contains("merged=true") {
            merged += 1;
        }
    }
    let ledger = Store::open(&path).unwrap().ledger().clone();
    let mut names: Vec<&str> = ledger.people.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    let mut expected: Vec<String> = (0..WRITERS).map(|i| format!("Writer {i}")).collect();
    expected.push("First".into());
    expected.sort_unstable();
    assert_eq!(names, expected);
    assert_eq!(ledger.promises.len(), WRITERS + 1);
    let mut ids: Vec<PromiseId> = ledger.promises.iter().map(|p| p.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), WRITERS + 1, "every promise got its own id");
    assert_eq!(
        merged,
        WRITERS - 1,
        "all but the first writer found the file changed and merged"
    );
    eprintln!("{WRITERS} writers in {:?}", started.elapsed());
}

#[test]
fn a_long_lived_store_keeps_an_outside_change_and_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let mut ui = Store::open(&path).unwrap();
    let first = ui.update(|l| add_with_promise(l, "Priya")).unwrap();
    assert!(!first.merged);
    assert!(
        !ui.refresh().unwrap(),
        "its own save is not an outside change"
    );

    let mut cli = Store::open(&path).unwrap();
    cli.update(|l| add_with_promise(l, "Pat")).unwrap();

    let saved = ui.update(|l| add_with_promise(l, "Ana")).unwrap();
    assert!(saved.merged, "the outside change was noticed");
    let names = |l: &Ledger| l.people.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(ui.ledger()), ["Priya", "Pat", "Ana"]);
    let on_disk = Store::open(&path).unwrap();
    assert_eq!(on_disk.ledger(), ui.ledger());
    assert_eq!(
        saved.value,
        PromiseId(3),
        "the re-applied change got the next free id"
    );

    cli.update(|l| l.resolve_promise(PromiseId(1), Status::Kept, today(), None, today()))
        .unwrap();
    assert!(ui.refresh().unwrap(), "refresh picks up the outside change");
    assert_eq!(
        ui.ledger().promise(PromiseId(1)).unwrap().status,
        Status::Kept
    );
}

/// Another save that lands in the same inode, with the same size and, on a file system that
/// keeps whole seconds, the same time (the kernel gives a freed backup's inode number to the
/// next save's file): the store still sees the file changed, by its last bytes, and keeps the
/// other change with its own. Made here by writing other bytes of the same length over the
/// file in place and setting its time back, which leaves inode, size and time as they were.
#[test]
fn a_save_that_looks_the_same_by_inode_size_and_time_is_still_seen() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let mut setup = Store::open(&path).unwrap();
    setup.update(|l| add_with_promise(l, "Priya")).unwrap();
    setup.update(|l| add_with_promise(l, "Pat")).unwrap();
    let mut ui = Store::open(&path).unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let other = text.replacen("the promise of Priya", "the PROMISE of Priya", 1);
    assert_ne!(other, text);
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    std::os::unix::fs::FileExt::write_all_at(&file, other.as_bytes(), 0).unwrap();
    file.set_modified(meta.modified().unwrap()).unwrap();
    drop(file);
    let now = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (now.dev(), now.ino(), now.len(), now.modified().unwrap()),
        (meta.dev(), meta.ino(), meta.len(), meta.modified().unwrap())
    );

    let saved = ui
        .update(|l| l.resolve_promise(PromiseId(2), Status::Broken, today(), None, today()))
        .unwrap();
    assert!(saved.merged, "the other change was noticed");
    let on_disk = Store::open(&path).unwrap();
    let promises: Vec<(String, Status)> = on_disk
        .ledger()
        .promises
        .iter()
        .map(|p| (p.what.clone(), p.status))
        .collect();
    assert_eq!(
        promises,
        [
            ("the PROMISE of Priya".to_string(), Status::Open),
            ("the promise of Pat".to_string(), Status::Broken)
        ]
    );
}

/// The lock file removed by hand while a save holds it (to clear a lock thought stuck): the
/// next writer makes a new one, takes it and saves; the first save, about to put its file in
/// place, finds its lock gone and refuses, so the other's change is not written over (both
/// saved, one id given twice, the first change kept alone).
#[test]
fn a_lock_file_removed_while_a_save_holds_it_refuses_that_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let lock = dir.path().join("trustladder.json.lock");
    Store::open(&path)
        .unwrap()
        .update(|l| add_with_promise(l, "Priya"))
        .unwrap();
    let mut first = Store::open(&path).unwrap();
    let err = first
        .update(|l| {
            std::fs::remove_file(&lock).unwrap();
            let mut next = Store::open(&path).unwrap();
            next.update(|l| add_with_promise(l, "Pat")).unwrap();
            add_with_promise(l, "Ana")
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::LockLost { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("the lock file was removed or replaced while this process held it"),
        "{err}"
    );
    let names: Vec<String> = Store::open(&path)
        .unwrap()
        .ledger()
        .people
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(names, ["Priya", "Pat"]);
    assert!(temp_files(&path).is_empty(), "{:?}", temp_files(&path));
}

/// The names of the people in the file at `path`, as it opens now.
fn people_in(path: &std::path::Path) -> Vec<String> {
    Store::open(path)
        .unwrap()
        .ledger()
        .people
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

/// What holds for a save holds for every other write under the lock: a `restore-backup`
/// whose lock file was removed while it held it, and another process saved meanwhile, puts
/// nothing back over that save.
#[test]
fn a_restore_whose_lock_file_was_removed_refuses_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let lock = dir.path().join("trustladder.json.lock");
    let mut store = Store::open(&path).unwrap();
    store.update(|l| add_with_promise(l, "Priya")).unwrap();
    store.update(|l| add_with_promise(l, "Ana")).unwrap();
    let err = trustladder::store::restore_backup_if(&path, "1", &Patience::default(), |_| {
        std::fs::remove_file(&lock).unwrap();
        Store::open(&path)
            .unwrap()
            .update(|l| add_with_promise(l, "Pat"))
            .unwrap();
        Ok(())
    })
    .unwrap_err();
    assert!(matches!(err, StoreError::LockLost { .. }), "{err:?}");
    assert_eq!(people_in(&path), ["Priya", "Ana", "Pat"]);
    assert!(temp_files(&path).is_empty(), "{:?}", temp_files(&path));
}

/// `encrypt`, `decrypt` and the rest rewrite each file under the lock: one whose lock file
/// went while it was being made is not put in place.
#[test]
fn a_rewrite_whose_lock_file_was_removed_refuses_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let lock_path = dir.path().join("trustladder.json.lock");
    Store::open(&path)
        .unwrap()
        .update(|l| add_with_promise(l, "Priya"))
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let lock = trustladder::store::hold_lock(&path, &Patience::default()).unwrap();
    let err = trustladder::store::sealing::rewrite_all(&path, &lock, &mut |_, _| {
        std::fs::remove_file(&lock_path).unwrap();
        Ok(Some(b"rewritten".to_vec()))
    })
    .unwrap_err();
    assert!(matches!(err, StoreError::LockLost { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let err = trustladder::store::replace_file(&path, &lock, b"merged").unwrap_err();
    assert!(matches!(err, StoreError::LockLost { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let key = dir.path().join("trustladder.json.key");
    let err = trustladder::store::sealing::write_private(&key, &lock, b"key").unwrap_err();
    assert!(matches!(err, StoreError::LockLost { .. }), "{err:?}");
    assert!(!key.exists());
    assert!(temp_files(&path).is_empty(), "{:?}", temp_files(&path));
}

#[test]
fn a_change_that_no_longer_applies_after_a_merge_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let mut ui = Store::open(&path).unwrap();
    let promise = ui.update(|l| add_with_promise(l, "Priya")).unwrap().value;
    let mut cli = Store::open(&path).unwrap();
    let delete = Change::DeletePromise {
        promise: Target::id(promise),
        seen: None,
    };
    cli.apply(&delete, today()).unwrap();
    let bytes = std::fs::read(&path).unwrap();

    let err = ui
        .update(|l| l.resolve_promise(promise, Status::Kept, today(), None, today()))
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Ledger(LedgerError::NoSuchPromise(id)) if id == promise
    ));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert!(
        ui.ledger().promises.is_empty(),
        "the store now shows what is on disk"
    );
}

#[test]
fn the_lock_is_held_while_a_change_is_applied_and_released_after() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    let lock_path = trustladder::store::lock_path(&path);
    let held = s
        .update(|l| {
            let other = std::fs::File::open(&lock_path).expect("the lock file exists");
            let busy = matches!(other.try_lock(), Err(std::fs::TryLockError::WouldBlock));
            l.add_person("Priya", "", "", today())?;
            Ok(busy)
        })
        .unwrap()
        .value;
    assert!(held, "another process could have taken the lock mid-change");
    // Another test's child, forked in the instant between this open and its exec, holds a
    // copy of the lock's descriptor until the exec closes it: the release is waited for
    // briefly rather than seen at once.
    let other = std::fs::File::open(&lock_path).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let mut released = other.try_lock().is_ok();
    while !released && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        released = other.try_lock().is_ok();
    }
    assert!(released, "the lock is released after the save");
}

/// A data file replaced by removing it first (as git's checkout does in a sync or a `git
/// pull`) is missing for a moment: a store looking then waits for the new one rather than
/// taking the file for deleted (an open UI closed the page it showed).
#[test]
fn a_file_missing_for_a_moment_is_not_taken_for_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    Store::open(&path)
        .unwrap()
        .update(|l| add_with_promise(l, "Priya"))
        .unwrap();
    let mut ui = Store::open(&path).unwrap();
    Store::open(&path)
        .unwrap()
        .update(|l| add_with_promise(l, "Pat"))
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let written = {
        let path = path.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            std::fs::write(&path, bytes).unwrap();
        })
    };
    assert!(ui.refresh().unwrap());
    written.join().unwrap();
    assert_eq!(people_in(&path), ["Priya", "Pat"]);
    let names: Vec<&str> = ui.ledger().people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Priya", "Pat"]);
}

/// Another program writing the data file where it stands (an editor or a file-sync tool
/// that writes in place, where every save here renames a new file into place) while a change
/// is being saved: the save refuses rather than write over it, and what it wrote stays; for a
/// store that read the file into memory and for a command's, which maps a large file and
/// copies from the mapping what the change leaves alone.
#[test]
fn a_file_written_over_in_place_while_a_change_is_saved_refuses_that_save() {
    let day = trustladder::core::dates::parse_iso("2026-11-24").unwrap();
    let ledger = trustladder::core::generate::realistic(20, 2_000, day, 3);
    let open = (ledger.promises.iter())
        .find(|p| p.status == Status::Open)
        .map(|p| p.id)
        .unwrap();
    type Opener = fn(&std::path::Path) -> Result<Store, StoreError>;
    let openers: [(&str, Opener); 2] = [
        ("read", |p| Store::open(p)),
        ("mapped", |p| Store::open_once(p)),
    ];
    for (how, opener) in openers {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trustladder.json");
        std::fs::write(&path, trustladder::store::encode(&ledger)).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 256 * 1024);
        let mut store = opener(&path).unwrap();
        let mut written = Vec::new();
        let err = store
            .apply_with(day, |_| {
                // One letter of the last promise's text, as another program writes it.
                let mut bytes = std::fs::read(&path).unwrap();
                let last = bytes
                    .windows(9)
                    .rposition(|w| w == b"\"what\": \"")
                    .unwrap()
                    + 9;
                bytes[last] = if bytes[last] == b'Q' { b'R' } else { b'Q' };
                let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
                std::os::unix::fs::FileExt::write_all_at(&file, &bytes[last..=last], last as u64)
                    .unwrap();
                written = bytes;
                Ok(Change::Resolve {
                    promise: Target::id(open),
                    status: Status::Kept,
                    on: day,
                    note: None,
                })
            })
            .unwrap_err();
        assert!(
            matches!(err, StoreError::WrittenMeanwhile { .. }),
            "{how}: {err:?}"
        );
        assert!(
            err.to_string()
                .contains("another program wrote over this file while this change was being saved"),
            "{how}: {err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), written, "{how}");
        assert!(
            temp_files(&path).is_empty(),
            "{how}: {:?}",
            temp_files(&path)
        );
    }
}
