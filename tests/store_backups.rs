//! Backups: each save first links the previous file into `backups/` (no copy), the last ten
//! rotate, `check` says which parse, and `restore-backup` puts one back atomically after
//! keeping the current file.

mod store_support;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use store_support::*;
use trustladder::core::{PersonId, PromiseId};
use trustladder::store::{self, BackupKind, Health, Patience, Store, StoreError};

/// A file saved `saves` times, save `n` adding person `n`.
fn saved(dir: &Path, saves: usize) -> (PathBuf, Store) {
    let path = dir.join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    for n in 1..=saves {
        s.update(|l| l.add_person(&format!("Person {n}"), "", "", today()))
            .unwrap();
    }
    (path, s)
}

fn people_in(path: &Path) -> usize {
    store::decode(&fs::read(path).unwrap())
        .unwrap()
        .people
        .len()
}

/// The store says which backup its last save kept, by name, for a delete to name the restore
/// that undoes it: none for the save that made the file, the newest backup after each save,
/// whether it wrote the file whole (`update`) or spliced the change in (`apply_with`).
#[test]
fn the_store_names_the_backup_its_last_save_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = saved(dir.path(), 1);
    assert_eq!(s.last_backup(), None);
    let newest = |path: &Path| store::backups::list(path).unwrap()[0].name.clone();
    s.update(|l| l.add_person("Next", "", "", today())).unwrap();
    assert_eq!(s.last_backup(), Some(newest(&path)));
    let before = s.last_backup();
    s.apply_with(today(), |_| {
        Ok(trustladder::core::Change::AddPerson {
            name: "Third".into(),
            role: String::new(),
            note: String::new(),
            cadence_days: None,
            again: false,
        })
    })
    .unwrap();
    assert_eq!(s.last_backup(), Some(newest(&path)));
    assert_ne!(s.last_backup(), before);
}

#[test]
fn each_save_links_the_previous_file_into_backups_without_copying() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = saved(dir.path(), 1);
    let before = fs::metadata(&path).unwrap();
    let old_bytes = fs::read(&path).unwrap();
    s.update(|l| l.add_person("Next", "", "", today())).unwrap();
    let list = store::backups::list(&path).unwrap();
    assert_eq!(list.len(), 1);
    let backup = fs::metadata(&list[0].path).unwrap();
    assert_eq!(
        (backup.dev(), backup.ino()),
        (before.dev(), before.ino()),
        "the backup is the old file itself, not a copy"
    );
    assert_eq!(fs::read(&list[0].path).unwrap(), old_bytes);
    assert_eq!(list[0].number, Some(1));
    assert_eq!(list[0].kind, BackupKind::BeforeSave);
}

#[test]
fn only_the_last_ten_backups_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 15);
    let list = store::backups::list(&path).unwrap();
    let numbers: Vec<Option<usize>> = list.iter().map(|b| b.number).collect();
    assert_eq!(numbers, (1..=10).map(Some).collect::<Vec<_>>());
    // Backup 1 is the file before the last save (14 people), backup 10 the one nine before.
    assert_eq!(people_in(&list[0].path), 14);
    assert_eq!(people_in(&list[9].path), 5);
}

#[test]
fn once_ten_are_kept_each_save_writes_into_the_file_it_rotates_out() {
    // The oldest backup's blocks become the new file's, whichever way the save writes (a
    // change spliced in, or the whole ledger), and every backup kept still holds its save.
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = saved(dir.path(), 11);
    let add = |n: usize| trustladder::core::Change::AddPerson {
        name: format!("Person {n}"),
        role: String::new(),
        note: String::new(),
        cadence_days: None,
        again: false,
    };
    for n in 12..=15 {
        let list = store::backups::list(&path).unwrap();
        assert_eq!(list.len(), store::backups::KEEP);
        let oldest = fs::metadata(&list[9].path).unwrap().ino();
        if n % 2 == 0 {
            s.apply(&add(n), today()).unwrap();
        } else {
            s.update(|l| l.add_person(&format!("Person {n}"), "", "", today()))
                .unwrap();
        }
        assert_eq!(fs::metadata(&path).unwrap().ino(), oldest, "save {n}");
        assert_eq!(people_in(&path), n);
        let list = store::backups::list(&path).unwrap();
        let held: Vec<usize> = list.iter().map(|b| people_in(&b.path)).collect();
        assert_eq!(held, (n - 10..n).rev().collect::<Vec<_>>(), "save {n}");
    }
    let hidden = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".trustladder.json.tmp")
        })
        .count();
    assert_eq!(hidden, 0, "no temp file left");
}

#[test]
fn a_rotated_out_backup_with_another_name_keeps_its_bytes() {
    // A backup the rotation drops, but which is also kept under another name, is only
    // unlinked: the other name still holds it.
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = saved(dir.path(), 11);
    let list = store::backups::list(&path).unwrap();
    assert_eq!(list.len(), store::backups::KEEP);
    let oldest = &list[list.len() - 1];
    let other = dir.path().join("kept-by-hand.json");
    fs::hard_link(&oldest.path, &other).unwrap();
    let bytes = fs::read(&other).unwrap();
    s.update(|l| l.add_person("Next", "", "", today())).unwrap();
    assert!(!oldest.path.exists(), "rotated out");
    assert_eq!(fs::read(&other).unwrap(), bytes);
    assert_eq!(people_in(&path), 12);
}

#[test]
fn a_backup_numbered_at_the_largest_save_number_does_not_stop_the_rotation() {
    // Backup names are read back from the folder, which anyone can write to; the next save
    // number after the largest there can be must still give a backup, newest first.
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = saved(dir.path(), 1);
    let odd = store::backups::folder(&path)
        .join(format!("trustladder.json.{}.20000101T000000Z", u64::MAX));
    fs::create_dir_all(odd.parent().unwrap()).unwrap();
    fs::write(&odd, b"not this one").unwrap();
    let old_bytes = fs::read(&path).unwrap();
    s.update(|l| l.add_person("Next", "", "", today())).unwrap();
    let list = store::backups::list(&path).unwrap();
    assert_eq!(list[0].number, Some(1));
    assert_eq!(fs::read(&list[0].path).unwrap(), old_bytes);
}

#[test]
fn backups_of_a_file_named_like_this_one_plus_a_number_are_not_this_ones() {
    // `team.2026` beside `team`: the other file's backups (`team.2026.000001.<time>`) start
    // with this file's name and a number, yet must not be listed, restored or pruned as ours.
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("team");
    let theirs = dir.path().join("team.2026");
    let mut other = Store::open(&theirs).unwrap();
    for n in 0..3 {
        other
            .update(|l| l.add_person(&format!("Other {n}"), "", "", today()))
            .unwrap();
    }
    let mut s = Store::open(&ours).unwrap();
    for n in 0..(store::backups::KEEP + 2) {
        s.update(|l| l.add_person(&format!("Ours {n}"), "", "", today()))
            .unwrap();
    }
    let list = store::backups::list(&ours).unwrap();
    assert_eq!(list.len(), store::backups::KEEP);
    assert!(
        list.iter().all(|b| b.name.starts_with("team.0")),
        "{list:?}"
    );
    assert_eq!(
        store::backups::list(&theirs).unwrap().len(),
        2,
        "theirs kept"
    );
}

#[test]
fn check_counts_the_file_and_says_which_backups_parse() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 3);
    let list = store::backups::list(&path).unwrap();
    fs::write(&list[1].path, b"{\"format\": \"trust").unwrap();
    let report = store::check(&path).unwrap();
    assert_eq!(report.file.health, Health::Ok);
    assert_eq!(
        report.file.counts,
        Some(store::Counts {
            people: 3,
            promises: 0,
            open: 0
        })
    );
    let states: Vec<(Option<usize>, Health)> = report
        .backups
        .iter()
        .map(|b| (b.number, b.file.health))
        .collect();
    assert_eq!(states, [(Some(1), Health::Ok), (Some(2), Health::Damaged)]);
    assert!(
        report.backups[1]
            .file
            .detail
            .as_deref()
            .unwrap()
            .contains("line 1")
    );
}

#[test]
fn restore_puts_the_backup_back_and_keeps_the_replaced_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ui) = saved(dir.path(), 5);
    let current = fs::read(&path).unwrap();
    let third = store::backups::list(&path).unwrap()[2].clone();
    let wanted = store::decode(&fs::read(&third.path).unwrap()).unwrap();

    let restored = store::restore_backup(&path, "3", &Patience::default()).unwrap();
    assert_eq!(restored.from, third);
    let now = store::decode(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(now.people, wanted.people, "the backup's records are back");
    assert_eq!(
        (now.next_person_id, wanted.next_person_id),
        (PersonId(6), PersonId(3)),
        "the numbers the replaced file handed out are not handed out again"
    );
    // A save of its own, going on from the file it replaced.
    let replaced = store::decode(&current).unwrap();
    assert_eq!(now.lineage[1..], replaced.lineage[..]);
    assert!(!replaced.lineage.contains(&now.lineage[0]));
    let aside = restored.set_aside.unwrap();
    assert_eq!(
        fs::read(&aside).unwrap(),
        current,
        "the replaced file is kept"
    );
    assert_eq!(store::check(&path).unwrap().file.health, Health::Ok);

    // A long-lived store notices and works on the restored file, with a new number.
    let saved = ui
        .update(|l| l.add_person("After", "", "", today()))
        .unwrap();
    assert!(saved.merged);
    assert_eq!(ui.ledger().people.len(), 3);
    assert_eq!(ui.ledger().people[2].id, PersonId(6));

    // The replaced file can itself be restored by its name, undoing the restore.
    let name = aside.file_name().unwrap().to_string_lossy().into_owned();
    store::restore_backup(&path, &name, &Patience::default()).unwrap();
    let back = store::decode(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(back.people, store::decode(&current).unwrap().people);
    assert_eq!(back.next_person_id, PersonId(7));
}

#[test]
fn a_restore_of_no_backup_makes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A mistyped path: its folder is not there, nor is any backup of it.
    let path = dir.path().join("no").join("such").join("trustladder.json");
    let err = store::restore_backup(&path, "1", &Patience::default()).unwrap_err();
    assert!(matches!(err, StoreError::NoSuchBackup { .. }), "{err}");
    // Said why there are none, and that another ledger may be meant: `check` would list none.
    assert_eq!(
        err.to_string(),
        format!(
            "{}: no backup '1' (there are none: each save but a ledger's first keeps one), so nothing can be put back; if another ledger was meant, name it with --file",
            dir.path().join("no").join("such").join("backups").display()
        )
    );
    assert!(!dir.path().join("no").exists(), "no folder is made");

    // In a folder that is there, no lock file is made either.
    let path = dir.path().join("trustladder.json");
    for which in ["1", "trustladder.json.000001.20261124T114600Z"] {
        let err = store::restore_backup(&path, which, &Patience::default()).unwrap_err();
        assert!(matches!(err, StoreError::NoSuchBackup { .. }), "{err}");
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing is made"
    );
}

#[test]
fn a_path_to_a_file_of_a_backups_name_elsewhere_is_refused_naming_the_backups_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 3);
    let before = fs::read(&path).unwrap();
    let newest = store::backups::list(&path).unwrap().remove(0);
    let folder = store::backups::folder(&path);
    // A file of the newest backup's name in another folder, even one called backups: not
    // this ledger's backup, which was restored in its stead.
    for elsewhere in [
        dir.path().join("elsewhere"),
        dir.path().join("old").join("backups"),
    ] {
        fs::create_dir_all(&elsewhere).unwrap();
        let given = elsewhere.join(&newest.name);
        fs::write(&given, b"not a backup").unwrap();
        let which = given.to_str().unwrap();
        let err = store::restore_backup(&path, which, &Patience::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{which} is not one of this ledger's backups, which are in {}; nothing was changed: give a number or a name that `trustladder check` lists, or a path into that folder",
                folder.display()
            )
        );
        assert_eq!(fs::read(&path).unwrap(), before, "{which}");
    }
    // A folder that is not there is no backups folder either.
    let gone = dir.path().join("gone").join(&newest.name);
    let err = store::restore_backup(&path, gone.to_str().unwrap(), &Patience::default());
    assert!(
        matches!(err, Err(StoreError::NotABackupHere { .. })),
        "{err:?}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    // A path into the backups folder, however it is spelled, is that backup.
    let spelled = folder.join("..").join("backups").join(&newest.name);
    store::restore_backup(&path, spelled.to_str().unwrap(), &Patience::default()).unwrap();
    assert_eq!(people_in(&path), 2);
}

#[test]
fn restore_recovers_a_damaged_file_and_refuses_a_damaged_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 3);
    let list = store::backups::list(&path).unwrap();
    fs::write(&list[1].path, b"garbage").unwrap();
    let _ = fs::remove_file(&path);
    fs::write(&path, b"{\"format\": \"trustladder\", \"vers").unwrap();
    let damaged = fs::read(&path).unwrap();

    let err = store::restore_backup(&path, "2", &Patience::default()).unwrap_err();
    assert!(matches!(err, StoreError::Damaged { ref path, .. } if *path == list[1].path));
    assert_eq!(fs::read(&path).unwrap(), damaged, "nothing changed");

    let err = store::restore_backup(&path, "7", &Patience::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: no backup '7' (there are 2, numbered 1 to 2); run `trustladder check` to list them",
            store::backups::folder(&path).display()
        )
    );

    store::restore_backup(&path, "1", &Patience::default()).unwrap();
    assert_eq!(people_in(&path), 2);
    let kept = store::backups::list(&path)
        .unwrap()
        .into_iter()
        .find(|b| b.kind == BackupKind::Replaced)
        .unwrap();
    assert_eq!(
        fs::read(&kept.path).unwrap(),
        damaged,
        "the damaged file is kept too"
    );
}

#[test]
fn the_files_set_aside_by_restores_rotate_too() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 3);
    // Twelve restores in a row, most within one second: names end in -2, -3, ... -12. They
    // take the two backups in turn, so each changes the file (a backup the file already holds
    // changes nothing, and sets nothing aside).
    let set_aside: Vec<String> = (0..(store::backups::KEEP + 2))
        .map(|i| {
            let which = if i % 2 == 0 { "1" } else { "2" };
            let restored = store::restore_backup(&path, which, &Patience::default()).unwrap();
            let aside = restored.set_aside.expect("the replaced file is kept");
            aside.file_name().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    let mut replaced: Vec<String> = store::backups::list(&path)
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == BackupKind::Replaced)
        .map(|b| b.name)
        .collect();
    // The newest ten are kept, the two set aside first are gone (whether or not the twelve
    // fell within one second).
    replaced.sort();
    let mut newest = set_aside[2..].to_vec();
    newest.sort();
    assert_eq!(replaced, newest);
}

#[test]
fn check_lists_every_backup_even_when_one_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 3);
    let list = store::backups::list(&path).unwrap();
    // A folder under the name of the newest backup cannot be read as a file.
    let name = list[0].name.replace(".000002.", ".000003.");
    let unreadable = store::backups::folder(&path).join(&name);
    fs::create_dir(&unreadable).unwrap();
    let report = store::check(&path).unwrap();
    let states: Vec<(Option<usize>, Health)> = report
        .backups
        .iter()
        .map(|b| (b.number, b.file.health))
        .collect();
    assert_eq!(
        states,
        [
            (Some(1), Health::Unreadable),
            (Some(2), Health::Ok),
            (Some(3), Health::Ok)
        ]
    );
    assert_eq!(
        report.backups[0].file.detail.as_deref(),
        Some(
            format!(
                "{}: not a regular file but a folder, so trustladder neither reads nor writes it. Nothing was changed; trustladder keeps its own file at that path: move what is there away",
                unreadable.display()
            )
            .as_str()
        )
    );
    assert!(report.problem().is_none(), "the data file itself is fine");
}

/// A file, or a link to nothing, under the backups folder's name: `check` still reports the
/// data file and says what is in the way as its backups line (exit 1), and a change (the
/// store's or the command line's) is refused naming the path, what is there, that nothing was
/// changed and the `mv` that puts it aside, where the OS said only "Not a directory" or "File
/// exists"; nothing in the folder changes. Moved aside, changes go on.
#[test]
fn a_backups_folder_that_is_a_file_or_a_link_to_nothing_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 3);
    let folder = store::backups::folder(&path);
    fs::remove_dir_all(&folder).unwrap();
    let nowhere = dir.path().join("nowhere");
    let run = |args: &[&str]| {
        binary()
            .arg("--file")
            .arg(&path)
            .args(args)
            .output()
            .unwrap()
    };
    for what in ["a regular file", "a symbolic link to nothing"] {
        if what == "a regular file" {
            fs::write(&folder, b"junk\n").unwrap();
        } else {
            fs::remove_file(&folder).unwrap();
            std::os::unix::fs::symlink(&nowhere, &folder).unwrap();
        }
        let said = format!("{}: this is {what}", folder.display());
        let advice = format!(
            "Nothing was changed; move it aside (`mv {0} {0}.old`)",
            folder.display()
        );
        let before = fs::read(&path).unwrap();

        let report = store::check(&path).unwrap();
        assert_eq!(report.file.health, Health::Ok, "{what}");
        assert_eq!(report.file.counts.as_ref().map(|c| c.people), Some(3));
        let line = report.backups_error().unwrap_or_default();
        assert!(line.starts_with(&said) && line.contains(&advice), "{line}");
        assert!(
            matches!(report.problem(), Some(StoreError::BackupsNotAFolder { .. })),
            "{what}"
        );

        let mut s = Store::open(&path).unwrap();
        let err = s
            .update(|l| l.add_person("Next", "", "", today()))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&said) && err.contains(&advice), "{err}");

        let out = run(&["check"]);
        assert_eq!(out.status.code(), Some(1), "{what}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("state: ok, format version"), "{text}");
        assert!(text.contains(&format!("backups: {said}")), "{text}");
        let out = run(&["person", "add", "Next"]);
        assert_eq!(out.status.code(), Some(1), "{what}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&said) && err.contains(&advice), "{err}");
        assert_eq!(fs::read(&path).unwrap(), before, "{what}: the file changed");

        // The data file damaged too: what hides its backups is what to put right first, not
        // "there is no backup of it".
        fs::write(&path, &before[..before.len() / 2]).unwrap();
        let report = store::check(&path).unwrap();
        assert_eq!(report.file.health, Health::Damaged, "{what}");
        let out = run(&["check"]);
        assert_eq!(out.status.code(), Some(1), "{what}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&said) && err.contains(&advice), "{err}");
        assert!(!err.contains("there is no backup of it"), "{err}");

        // The data file gone: a change starts no new ledger over backups it cannot see (a
        // link to a drive not mounted), as it starts none over backups it can.
        fs::remove_file(&path).unwrap();
        let out = run(&["person", "add", "Next"]);
        assert_eq!(out.status.code(), Some(1), "{what}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&said) && err.contains(&advice), "{err}");
        assert!(!path.exists(), "{what}: a new ledger was started");
        fs::write(&path, &before).unwrap();
    }
    assert!(!nowhere.exists(), "nothing was made where the link points");
    fs::remove_file(&folder).unwrap();
    let mut s = Store::open(&path).unwrap();
    s.update(|l| l.add_person("Next", "", "", today())).unwrap();
    assert_eq!(store::backups::list(&path).unwrap().len(), 1);
}

/// A data file gone while its backups are not is never replaced by a new, empty ledger: its
/// saves would rotate the old ledger's last copies out. The change is refused, naming the
/// way back, and nothing is written; once the newest backup is put back, changes go on.
#[test]
fn a_missing_file_with_backups_is_not_started_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 3);
    fs::remove_file(&path).unwrap();
    let before = store::backups::list(&path).unwrap();
    assert_eq!(before.len(), 2);
    let mut fresh = Store::open(&path).unwrap();
    assert_eq!(
        fresh.ledger().people.len(),
        0,
        "a missing file reads as empty"
    );
    let refused = fresh
        .update(|l| l.add_person("Someone New", "", "", today()))
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::GoneWithBackups { count: 2, .. }),
        "{refused:?}"
    );
    assert!(
        refused
            .to_string()
            .contains("there is no data file, but 2 backups of one are in"),
        "{refused}"
    );
    // A change that names a record the empty ledger lacks is refused the same way, not as
    // "no promise #1", which would hide why.
    let refused = fresh
        .apply(
            &trustladder::core::Change::DeletePromise {
                promise: trustladder::core::change::Target::id(PromiseId(1)),
                seen: None,
            },
            today(),
        )
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::GoneWithBackups { count: 2, .. }),
        "{refused:?}"
    );
    assert!(!path.exists(), "nothing written");
    assert_eq!(
        store::backups::list(&path).unwrap(),
        before,
        "the backups as they were"
    );
    store::restore_backup(&path, "1", &Patience::default()).unwrap();
    let mut back = Store::open(&path).unwrap();
    assert_eq!(back.ledger().people.len(), 2);
    back.update(|l| l.add_person("Someone New", "", "", today()))
        .unwrap();
}

#[test]
fn an_older_copy_put_back_by_hand_is_warned_of_and_reuses_no_number() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 6);
    // Backup 3 holds 3 people and hands out #4 next; backup 1 holds 5 and hands out #6.
    let old = store::backups::find(&path, "3").unwrap();
    fs::copy(&old.path, &path).unwrap();
    // Put back by hand an hour after the last save, as a user would.
    let later =
        fs::metadata(&path).unwrap().modified().unwrap() + std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let report = store::check(&path).unwrap();
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(
        report.warnings[0].starts_with("the data file is older than backup 1 (")
            && report.warnings[0].contains("`trustladder restore-backup 1` puts the newest back"),
        "{}",
        report.warnings[0]
    );
    let mut s = Store::open(&path).unwrap();
    let id = s
        .update(|l| l.add_person("Zed", "", "", today()))
        .unwrap()
        .value;
    assert_eq!(id, PersonId(6), "backups 1 and 2 gave #4 and #5 to others");
    assert_eq!(people_in(&path), 4);
    // Saved from here on, the file goes on from the copy: no warning, and the counter stays.
    assert!(store::check(&path).unwrap().warnings.is_empty());
    let next = Store::open(&path)
        .unwrap()
        .update(|l| l.add_person("Amy", "", "", today()))
        .unwrap()
        .value;
    assert_eq!(next, PersonId(7));
}

#[test]
fn a_file_its_own_save_wrote_reads_no_backup_and_warns_of_none() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 4);
    assert_eq!(store::backups::list(&path).unwrap().len(), 3);
    assert!(store::check(&path).unwrap().warnings.is_empty());
    let id = Store::open(&path)
        .unwrap()
        .update(|l| l.add_person("Next", "", "", today()))
        .unwrap()
        .value;
    assert_eq!(id, PersonId(5));
}

/// A backup named as the data file, however the path spells it (straight, through `..`, a
/// link to the backups folder, a link to the file), is read but never written: a change is
/// refused naming the backup and the `restore-backup` that puts it back, the file keeps its
/// bytes, and no lock file or backups of its own are made beside it. Everything that writes
/// the ledger's files takes the lock, which is refused too (a restore, `encrypt`, a sync).
#[test]
fn a_backup_named_as_the_data_file_is_read_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved(dir.path(), 3);
    let backup = store::backups::list(&path).unwrap()[0].clone();
    assert_eq!(backup.number, Some(1));
    let bytes = fs::read(&backup.path).unwrap();
    let folder = store::backups::folder(&path);
    std::os::unix::fs::symlink(&folder, dir.path().join("bk")).unwrap();
    std::os::unix::fs::symlink(&backup.path, dir.path().join("linked.json")).unwrap();
    let spellings = [
        backup.path.clone(),
        folder.join("..").join("backups").join(&backup.name),
        dir.path().join("bk").join(&backup.name),
        dir.path().join("linked.json"),
    ];
    for named in spellings {
        let mut opened = Store::open(&named).unwrap();
        assert_eq!(opened.ledger().people.len(), 2, "{named:?} reads");
        let reason = opened.read_only().unwrap_or_default();
        assert!(
            reason.starts_with("it is a backup of ")
                && reason.contains(&format!(
                    "quit and run `trustladder --file {} restore-backup 1`",
                    path.display()
                )),
            "{named:?}: {reason}"
        );
        let refused = opened
            .update(|l| l.add_person("Someone New", "", "", today()))
            .unwrap_err();
        assert!(
            matches!(&refused, StoreError::IsBackup { word, .. } if word == "1"),
            "{named:?}: {refused:?}"
        );
        let said = refused.to_string();
        assert!(
            said.contains(&format!(
                ": this is a backup of {}, and a backup is kept as it was, so nothing was changed. To work from it, `trustladder --file {} restore-backup 1` puts it back",
                path.display(),
                path.display()
            )) && said.contains("or copy it elsewhere"),
            "{said}"
        );
        assert!(matches!(
            opened.refuse_unsavable(),
            Err(StoreError::IsBackup { .. })
        ));
        assert!(matches!(
            store::restore_backup(&named, "1", &Patience::default()),
            Err(StoreError::IsBackup { .. })
        ));
        assert!(matches!(
            store::hold_lock(&named, &Patience::default()),
            Err(StoreError::IsBackup { .. })
        ));
        assert_eq!(
            fs::read(&backup.path).unwrap(),
            bytes,
            "{named:?}: unchanged"
        );
    }
    let left: Vec<_> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| !name.starts_with("trustladder.json.0"))
        .collect();
    assert_eq!(
        left,
        Vec::<String>::new(),
        "no lock file, no backups of backups"
    );
    // A file of a folder named so that holds no backup's name is a ledger like any other.
    let own = folder.join("mine.json");
    Store::open(&own)
        .unwrap()
        .update(|l| l.add_person("Someone New", "", "", today()))
        .unwrap();
}
