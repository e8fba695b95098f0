//! A version 1 file written by the previous release (`fixtures/v1/`, made with its command
//! line) opens as it was, is upgraded to version 2 on its first change with the original kept
//! in `backups/`, and every record, level and figure reads the same before and after.

mod cli_support;

use std::fs;
use std::path::Path;

use cli_support::run;
use serde_json::Value;
use trustladder::store::{self, BackupKind, Store};

const TODAY: &str = "2026-11-24";
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1");

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the command prints JSON")
}

/// A value with every object's `uid` and `changed` left out: the fields version 2 adds.
fn without_identity(mut value: Value) -> Value {
    match &mut value {
        Value::Object(map) => {
            map.remove("uid");
            map.remove("changed");
            for v in map.values_mut() {
                *v = without_identity(v.take());
            }
        }
        Value::Array(items) => {
            for v in items.iter_mut() {
                *v = without_identity(v.take());
            }
        }
        _ => {}
    }
    value
}

fn copy_fixture(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("trustladder.json");
    fs::copy(Path::new(FIXTURE).join("ledger.json"), &path).expect("the fixture is copied");
    path
}

#[test]
fn a_version_1_file_reads_as_the_previous_release_wrote_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_fixture(dir.path());
    let original = fs::read(&path).unwrap();
    let old_list = json(&fs::read_to_string(Path::new(FIXTURE).join("list.json")).unwrap());
    let old_people = json(&fs::read_to_string(Path::new(FIXTURE).join("people.json")).unwrap());

    let list = json(&run(&path, TODAY, &["list", "--json"]));
    assert_eq!(without_identity(list), old_list);
    // The stored fields as before; what the table shows now comes beside them.
    let mut people = without_identity(json(&run(
        &path,
        TODAY,
        &["person", "list", "--all", "--json"],
    )));
    for (new, old) in people
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(old_people.as_array().unwrap())
    {
        let keys = old.as_object().unwrap();
        new.as_object_mut()
            .unwrap()
            .retain(|k, _| keys.contains_key(k));
    }
    assert_eq!(people, old_people);
    assert_eq!(fs::read(&path).unwrap(), original, "reading writes nothing");
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn the_upgrade_gives_every_record_the_same_uid_on_every_machine() {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(copy_fixture(dir.path())).unwrap();
    let other = tempfile::tempdir().unwrap();
    let b = Store::open(copy_fixture(other.path())).unwrap();
    assert_eq!(a.ledger(), b.ledger(), "two copies upgrade alike");
    let mut uids: Vec<_> = a.ledger().people.iter().map(|p| p.uid).collect();
    uids.extend(a.ledger().promises.iter().map(|p| p.uid));
    let count = uids.len();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), count, "every uid is its own");
    let first = &a.ledger().promises[0];
    assert_eq!(
        first.changed.to_string(),
        "2025-07-21T00:00:00Z",
        "its resolution day"
    );
}

#[test]
fn the_first_change_upgrades_the_file_keeping_the_original_and_every_figure() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_fixture(dir.path());
    let original = fs::read(&path).unwrap();
    let review_before = run(&path, TODAY, &["review", "--json"]);

    // A change that moves no figure: a colleague's role.
    run(
        &path,
        TODAY,
        &["person", "edit", "leo", "--role", "Platform"],
    );

    let saved: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["version"], 2);
    assert!(saved["tombstones"].as_array().is_some());
    assert!(
        saved["promises"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["uid"].is_string() && p["changed"].is_string())
    );
    let kept: Vec<_> = store::backups::list(&path)
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == BackupKind::Original { version: 1 })
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(&kept[0].path).unwrap(), original);

    let mut review_after = json(&run(&path, TODAY, &["review", "--json"]));
    let mut review_before = json(&review_before);
    for review in [&mut review_before, &mut review_after] {
        for person in review.as_array_mut().unwrap() {
            person.as_object_mut().unwrap().remove("role");
        }
    }
    assert_eq!(
        review_after, review_before,
        "every level and figure as before"
    );
}

/// A key given twice in one object of a version 1 file is refused with the object's path, as
/// it is in a version 2 file, by a read and by a change alike, and the file is left as it
/// was: read as it was, the last value won silently and the first save kept only that one.
#[test]
fn a_version_1_file_with_a_key_given_twice_is_refused_with_its_path() {
    let original = fs::read_to_string(Path::new(FIXTURE).join("ledger.json")).unwrap();
    for (once, twice, said) in [
        (
            "\"name\": \"Priya Raman\",",
            "\"name\": \"Priya Raman\",\n      \"name\": \"Someone Else\",",
            "$.people[0]: duplicate field `name`",
        ),
        (
            "\"what\": \"Task 1\",",
            "\"what\": \"Task 1\",\n      \"what\": \"Task one\",",
            "$.promises[0]: duplicate field `what`",
        ),
        (
            "\"status\": \"kept\",",
            "\"status\": \"kept\",\n      \"status\": \"broken\",",
            "$.promises[0]: duplicate field `status`",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trustladder.json");
        let doubled = original.replacen(once, twice, 1);
        assert_ne!(doubled, original, "{once}");
        fs::write(&path, &doubled).unwrap();
        for args in [&["check"][..], &["person", "add", "Zed"]] {
            let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_trustladder"))
                .env_remove("TRUSTLADDER_FILE")
                .arg("--file")
                .arg(&path)
                .args(["--today", TODAY])
                .args(args)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(stderr.contains(said), "{args:?}: {stderr}");
            assert_eq!(fs::read_to_string(&path).unwrap(), doubled, "{args:?}");
        }
        assert!(!dir.path().join("backups").exists());
    }
}

/// Runs the binary on `path` and returns its exit code and standard error.
fn code_and_stderr(path: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env_remove("TRUSTLADDER_FILE")
        .arg("--file")
        .arg(path)
        .args(["--today", TODAY])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A version 1 setting version 1 refused is named as the file writes it, with version 1's
/// rule; one it took is taken, meaning the same.
#[test]
fn version_1_settings_are_judged_by_version_1s_rules_and_names() {
    let original = fs::read_to_string(Path::new(FIXTURE).join("ledger.json")).unwrap();
    let with = |from: &str, to: &str| {
        let text = original.replacen(from, to, 1);
        assert_ne!(text, original, "{to}");
        text
    };
    for (text, said) in [
        (
            with("\"half_life_days\": 180.0", "\"half_life_days\": \"120\""),
            "$.settings.half_life_days: must be a number more than 0, not \"120\"",
        ),
        (
            with("\"slip_min_resolved\": 2", "\"slip_min_resolved\": 2.5"),
            "$.settings.slip_min_resolved: must be a whole number from 0 to 4294967295, not 2.5",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trustladder.json");
        fs::write(&path, &text).unwrap();
        let (code, stderr) = code_and_stderr(&path, &["check"]);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains(said), "{stderr}");
        assert!(!stderr.contains("slip_min_broken_task"), "{stderr}");
        assert!(!stderr.contains("is not a field"), "{stderr}");
    }
    for (text, field, value) in [
        (
            with("\"slip_min_resolved\": 2", "\"slip_min_resolved\": 0"),
            "slip_min_broken_task",
            Value::from(1),
        ),
        (
            with("\"half_life_days\": 180.0", "\"half_life_days\": 1e308"),
            "half_life_days_impact",
            Value::from(f64::MAX),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trustladder.json");
        fs::write(&path, &text).unwrap();
        let (code, stderr) = code_and_stderr(&path, &["check"]);
        assert_eq!(code, Some(0), "{field}: {stderr}");
        run(&path, TODAY, &["person", "add", "Zed"]);
        let saved: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(saved["settings"][field], value, "{}", saved["settings"]);
    }
}

/// Two machines share a version 1 file; one upgrades, rewording #15, while the other, still
/// on version 1, keeps #15 with a note, and its file comes back as a file-sync tool's
/// conflict copy. The copy names no saves, but the version 1 file this machine upgraded from
/// is in `backups/`, and the merge goes by it: both the rewording and the keep stand. Merged
/// with no ancestor, the keep lost to the rewording, the copy's record having changed only at
/// the start of its day.
#[test]
fn a_version_1_conflict_copy_is_merged_against_the_version_1_file_upgraded_from() {
    const DAY: &str = "2026-12-04";
    let dir = tempfile::tempdir().unwrap();
    let path = copy_fixture(dir.path());
    let mut old: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    run(
        &path,
        DAY,
        &["edit", "15", "--what", "Roadmap draft, two pages"],
    );

    let kept = old["promises"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["id"] == 15)
        .unwrap();
    kept["status"] = Value::from("kept");
    kept["resolved"] = Value::from(DAY);
    kept["note"] = Value::from("sent on Friday");
    let copy = dir
        .path()
        .join("trustladder.sync-conflict-20261204-070000-OLDMACH.json");
    fs::write(&copy, serde_json::to_string_pretty(&old).unwrap()).unwrap();

    run(&path, DAY, &["person", "add", "Zed"]);
    assert!(!copy.exists(), "the copy is merged in and put away");
    let saved: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let merged = saved["promises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == 15)
        .unwrap();
    assert_eq!(merged["what"], "Roadmap draft, two pages");
    assert_eq!(merged["status"], "kept");
    assert_eq!(merged["resolved"], DAY);
    assert_eq!(merged["note"], "sent on Friday");
    assert_eq!(saved["promises"].as_array().unwrap().len(), 19);
}
