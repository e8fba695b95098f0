//! The upgrade path end to end, driven with a made-up version 3 on top of the real steps, so
//! the machinery is tested apart from any one real upgrade (`tests/store_versions.rs` upgrades
//! a real version 1 file).

use serde_json::Value;

use super::migrate::{Format, Step};
use super::*;
use crate::core::dates::parse_iso;

fn capital_roles(doc: &mut Value) -> Result<(), migrate::StepError> {
    for person in doc["people"].as_array_mut().ok_or("$.people is missing")? {
        let role = person["role"].as_str().unwrap_or_default().to_uppercase();
        person["role"] = Value::from(role);
    }
    Ok(())
}

const NEXT: Format = Format {
    version: 3,
    steps: &[
        migrate::STEPS[0],
        Step {
            from: 2,
            what: "roles in capitals",
            apply: capital_roles,
        },
    ],
};

fn version_two_file(dir: &Path) -> (PathBuf, Vec<u8>) {
    let mut ledger = Ledger::default();
    let today = parse_iso("2026-11-02").unwrap();
    ledger
        .add_person("Priya Raman", "backend", "", today)
        .unwrap();
    let bytes = encode(&ledger);
    let path = dir.join("t.json");
    fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

#[test]
fn an_older_file_is_upgraded_in_memory_and_on_the_first_save_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (path, original) = version_two_file(dir.path());
    let mut store = Store::open_as(path.clone(), NEXT).unwrap();
    assert_eq!(store.ledger().people[0].role, "BACKEND");
    assert_eq!(store.ledger().version, 3);
    assert_eq!(store.read_only(), None);
    assert_eq!(fs::read(&path).unwrap(), original, "opening writes nothing");

    let today = parse_iso("2026-11-03").unwrap();
    store
        .update(|l| l.add_person("Pat", "", "", today))
        .unwrap();

    let saved = decode_as(&fs::read(&path).unwrap(), &NEXT).unwrap();
    assert_eq!(saved.version, 3);
    assert_eq!(saved.ledger.people[0].role, "BACKEND");
    assert_eq!(saved.ledger.people.len(), 2);
    let kept: Vec<Backup> = backups::list(&path)
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == BackupKind::Original { version: 2 })
        .collect();
    assert_eq!(kept.len(), 1, "one backup of the original bytes");
    assert_eq!(fs::read(&kept[0].path).unwrap(), original);

    store
        .update(|l| l.add_person("Ana", "", "", today))
        .unwrap();
    let originals = backups::list(&path)
        .unwrap()
        .into_iter()
        .filter(|b| b.number.is_none())
        .count();
    assert_eq!(
        originals, 1,
        "an upgraded file is not backed up as original again"
    );
}

#[test]
fn a_missing_step_leaves_the_file_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, original) = version_two_file(dir.path());
    let gap = Format {
        version: 3,
        steps: migrate::STEPS,
    };
    let err = Store::open_as(path.clone(), gap).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: not a trustladder file I can read: format version 2 could not be upgraded: no upgrade from version 2 is known. Nothing was changed; there is no backup of it to put back (a sync remote, or a copy of your own, may hold one)",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), original);
}
