//! Files of a newer format version open read-only and are never written; their known fields
//! still show. (The upgrade of a real version 1 file is tested in `upgrade_v1.rs`, the
//! machinery in the store's own unit tests.)

mod store_support;

use std::fs;

use serde_json::json;
use store_support::*;
use trustladder::store::{self, Health, Store, StoreError};

fn newer_file(readable: bool) -> Vec<u8> {
    let mut doc: serde_json::Value = serde_json::from_slice(&store::encode(&sample(2, 3))).unwrap();
    doc["version"] = json!(3);
    doc["teams"] = json!([{"id": 1, "name": "Payments"}]);
    doc["people"][0]["pronouns"] = json!("she/her");
    if !readable {
        doc["people"] = json!("moved to teams");
    }
    serde_json::to_vec_pretty(&doc).unwrap()
}

#[test]
fn a_newer_file_opens_read_only_and_every_change_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let bytes = newer_file(true);
    fs::write(&path, &bytes).unwrap();

    let mut s = Store::open(&path).unwrap();
    assert_eq!(
        s.read_only().as_deref(),
        Some(
            "written by a newer trustladder (format version 3; this one knows 2), so it is open read-only"
        )
    );
    assert_eq!(s.ledger().people.len(), 2, "the known fields are shown");
    assert_eq!(s.ledger().promises.len(), 3);

    let err = s
        .update(|l| l.add_person("Ana", "", "", today()))
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "{}: written by a newer trustladder (format version 3; this one knows 2), so it is open read-only. Nothing was changed; update trustladder to change it",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(store::backups::list(&path).unwrap().is_empty());
    assert!(matches!(
        store::decode(&bytes),
        Err(store::DecodeError::TooNew { version: 3 })
    ));
    let report = store::check(&path).unwrap();
    assert_eq!(report.file.health, Health::Newer);
    assert_eq!(report.file.counts.as_ref().map(|c| c.people), Some(2));
    assert!(
        report.problem().is_none(),
        "a readable newer file is no failure"
    );
}

#[test]
fn a_newer_file_whose_known_fields_do_not_read_is_refused_with_its_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    fs::write(&path, newer_file(false)).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(
        err,
        StoreError::TooNew {
            version: 3,
            known: 2,
            ..
        }
    ));
    assert!(err.to_string().starts_with(&format!(
        "{}: written by a newer trustladder (format version 3; this one knows 2)",
        path.display()
    )));
    assert!(store::check(&path).unwrap().problem().is_some());
}

#[test]
fn a_store_whose_file_is_replaced_by_a_newer_program_stops_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let mut ui = Store::open(&path).unwrap();
    ui.update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    let bytes = newer_file(true);
    fs::remove_file(&path).unwrap();
    fs::write(&path, &bytes).unwrap();

    let err = ui
        .update(|l| l.add_person("Pat", "", "", today()))
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(ui.read_only().is_some());
    assert!(
        !ui.refresh().unwrap(),
        "the refused update already reloaded it"
    );
}

/// A data file its owner may not write is their "do not touch": it opens read-only like a
/// newer file, whoever runs the program (root included, which the tests may be), and every
/// change and restore is refused with the reason, the file left as it was.
#[test]
fn a_file_without_its_owners_write_permission_is_never_rewritten() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    s.update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    s.update(|l| l.add_person("Pat", "", "", today())).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let bytes = fs::read(&path).unwrap();
    let backups = store::backups::list(&path).unwrap();

    // A store that opened it while it was writable finds out at its next save.
    let err = s
        .update(|l| l.add_person("Ana", "", "", today()))
        .unwrap_err();
    let refusal = format!(
        "{}: it has no write permission for its owner (mode 0444), which trustladder takes as \"do not touch\". Nothing was changed; make it writable (chmod u+w) to change it",
        path.display()
    );
    assert_eq!(err.to_string(), refusal);
    assert!(matches!(err, StoreError::Protected { mode: 0o444, .. }));

    let mut fresh = Store::open(&path).unwrap();
    assert_eq!(
        fresh.read_only().as_deref(),
        Some(
            "the data file's owner may not write it (mode 0444), which trustladder takes as \"do not touch\"; make it writable (chmod u+w) to change it"
        )
    );
    assert_eq!(fresh.ledger().people.len(), 2);
    assert!(
        fresh
            .update(|l| l.add_person("Ana", "", "", today()))
            .is_err()
    );
    let err = store::restore_backup(&path, "1", &store::Patience::default()).unwrap_err();
    assert_eq!(err.to_string(), refusal);

    // The command line: a change fails with the reason; reading works without a note.
    let out = output_within(
        binary()
            .arg("--file")
            .arg(&path)
            .args(["person", "add", "Ana"]),
        std::time::Duration::from_secs(10),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!("trustladder: {refusal}")
    );
    let out = output_within(
        binary().arg("--file").arg(&path).args(["person", "list"]),
        std::time::Duration::from_secs(10),
    );
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // check says so, naming the mode, and still exits 0: the file reads.
    let out = output_within(
        binary().arg("--file").arg(&path).args(["check", "--json"]),
        std::time::Duration::from_secs(10),
    );
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["file"]["health"], "read_only");
    assert_eq!(
        report["file"]["detail"],
        "mode 0444: its owner may not write it, so no change is saved until they may"
    );

    assert_eq!(fs::read(&path).unwrap(), bytes, "never rewritten");
    assert_eq!(store::backups::list(&path).unwrap(), backups);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );

    // Made writable again, it takes changes again, also in the store that was refused.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    assert!(
        fresh.refresh().unwrap(),
        "the change of permission is noticed"
    );
    assert_eq!(fresh.read_only(), None);
    s.update(|l| l.add_person("Ana", "", "", today())).unwrap();
}

/// A data folder its owner may not write (mode 0555) is "do not touch" as a file is, root
/// included: a change or a restore is refused naming the folder and its mode, `check` says the
/// file is read-only and why, and nothing in the folder changes.
#[test]
fn a_folder_without_its_owners_write_permission_is_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ledger");
    let path = folder.join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    s.update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    s.update(|l| l.add_person("Pat", "", "", today())).unwrap();
    let listing = |dir: &std::path::Path| {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let before = (fs::read(&path).unwrap(), listing(&folder));
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();

    let refusal = format!(
        "{}: it has no write permission for its owner (mode 0555), which trustladder takes as \"do not touch\". Nothing was changed; make it writable (chmod u+w) to change it",
        folder.display()
    );
    let err = s
        .update(|l| l.add_person("Ana", "", "", today()))
        .unwrap_err();
    assert_eq!(err.to_string(), refusal);
    let err = store::restore_backup(&path, "1", &store::Patience::default()).unwrap_err();
    assert_eq!(err.to_string(), refusal);
    let out = output_within(
        binary()
            .arg("--file")
            .arg(&path)
            .args(["person", "add", "Ana"]),
        std::time::Duration::from_secs(10),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!("trustladder: {refusal}")
    );
    let report = store::check(&path).unwrap();
    assert_eq!(report.file.health, Health::ReadOnly);
    assert_eq!(
        report.file.detail.as_deref(),
        Some(
            format!(
                "its folder {} has mode 0555: its owner may not write it, so no change is saved until they may",
                folder.display()
            )
            .as_str()
        )
    );
    assert_eq!((fs::read(&path).unwrap(), listing(&folder)), before);
    // A store opened now is read-only with the reason (the UI marks it so), and a store open
    // meanwhile notices on refresh, both ways.
    let fresh = Store::open(&path).unwrap();
    assert_eq!(
        fresh.read_only().as_deref(),
        Some(
            "the data folder's owner may not write in it (mode 0555), which trustladder takes as \"do not touch\"; make the folder writable (chmod u+w) to change it"
        )
    );
    assert!(s.refresh().unwrap(), "the folder's permission is noticed");
    assert!(s.read_only().is_some());

    fs::set_permissions(&folder, fs::Permissions::from_mode(0o700)).unwrap();
    assert!(s.refresh().unwrap());
    assert_eq!(s.read_only(), None);
    assert_eq!(store::check(&path).unwrap().file.health, Health::Ok);
    s.update(|l| l.add_person("Ana", "", "", today())).unwrap();
}

/// A backup written by a newer trustladder is not restored, and the refusal says to update
/// trustladder to restore it (it said "to change it", of a file no one asked to change); the
/// data file stays as it was.
#[test]
fn a_newer_backup_is_refused_saying_to_update_to_restore_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    s.update(|l| l.add_person("Ana", "", "", today())).unwrap();
    let before = fs::read(&path).unwrap();
    let folder = store::backups::folder(&path);
    fs::create_dir_all(&folder).unwrap();
    let backup = folder.join("trustladder.json.000009.20261124T114600Z");
    fs::write(&backup, newer_file(true)).unwrap();
    let err = store::restore_backup(&path, "1", &store::Patience::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: written by a newer trustladder (format version 3; this one knows 2), so this one does not restore it. Nothing was changed; update trustladder to restore it",
            backup.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}
