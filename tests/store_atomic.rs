//! Details of the atomic save: the bytes are checked before they are committed, leftovers of
//! killed writers are cleared at the next start, and a linked data file stays linked.

mod store_support;

use std::fs;

use store_support::*;
use trustladder::core::{Direction, Level, Promise, Status};
use trustladder::store::{self, Store, StoreError};

#[test]
fn leftover_temp_files_are_removed_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    Store::open(&path)
        .unwrap()
        .update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    let leftover = dir.path().join(".trustladder.json.tmp-4242-0-0");
    fs::write(&leftover, b"{\"format\": \"trustladder\", \"ver").unwrap();
    let unrelated = dir.path().join(".other.json.tmp-4242-0-0");
    fs::write(&unrelated, b"not ours").unwrap();

    // A backup's temp file, as an `encrypt` or `decrypt` killed while rewriting it leaves.
    fs::create_dir_all(dir.path().join("backups")).unwrap();
    let backup_temp = dir
        .path()
        .join("backups/.trustladder.json.000004.20261124T101010Z.tmp-4242-1-0");
    fs::write(&backup_temp, b"age-encryption.org/v1\ncut").unwrap();
    let backup_of_another = dir
        .path()
        .join("backups/.other.json.000001.20261124T101010Z.tmp-4242-1-0");
    fs::write(&backup_of_another, b"not ours").unwrap();
    // The key file's, as an `encrypt` or `passphrase` killed while writing it leaves: it
    // holds the main key wrapped by a passphrase that may never have been set.
    let key_temp = dir.path().join(".trustladder.json.key.tmp-4242-0-0");
    fs::write(&key_temp, b"-----BEGIN AGE ENCRYPTED FILE-----").unwrap();

    let s = Store::open(&path).unwrap();
    assert!(!leftover.exists(), "the killed writer's temp file is gone");
    assert!(!backup_temp.exists(), "so is a backup's");
    assert!(!key_temp.exists(), "and the key file's");
    assert!(unrelated.exists(), "another file's temp file is left alone");
    assert!(backup_of_another.exists(), "and another file's backup's");
    assert_eq!(s.ledger().people.len(), 1);
}

#[test]
fn a_change_that_would_not_read_back_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    s.update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    let bytes = fs::read(&path).unwrap();
    let err = s
        .update(|l| {
            l.promises.push(Promise {
                id: trustladder::core::PromiseId(1),
                uid: trustladder::core::Uid::derived("orphan"),
                changed: trustladder::core::Timestamp::start_of(today()),
                person: trustladder::core::PersonId(99),
                direction: Direction::Theirs,
                level: Level::Task,
                what: "orphan".into(),
                made: today(),
                due: None,
                status: Status::Open,
                resolved: None,
                note: String::new(),
            });
            Ok(())
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Unsound { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the change was not saved, as the result would not read back intact: $.promises[0].person: 99 is not the id of any person",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(s.ledger().promises.is_empty());
}

#[test]
fn a_symlinked_data_file_stays_a_link_and_its_target_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("dotfiles");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("trustladder.json");
    let link = dir.path().join("trustladder.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let mut s = Store::open(&link).unwrap();
    s.update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(s.path(), real.as_path());
    assert_eq!(
        store::decode(&fs::read(&real).unwrap()).unwrap(),
        *s.ledger()
    );
}

#[test]
fn a_missing_file_is_an_empty_ledger_and_opening_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-yet").join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    assert!(s.ledger().people.is_empty());
    assert!(!dir.path().join("not-yet").exists());
    assert!(!s.refresh().unwrap());
    s.update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    assert_eq!(
        store::decode(&fs::read(&path).unwrap()).unwrap(),
        *s.ledger()
    );
    assert!(
        store::backups::list(&path).unwrap().is_empty(),
        "nothing to back up yet"
    );
}
