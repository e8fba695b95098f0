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
