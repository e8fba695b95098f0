//! The ladder's settings through the store: a version 1 file moves to version 2's rules on
//! upgrade, keeping what its user changed (under the names docs/FORMAT.md gives), and a
//! version 2 file holds version 2's names only.

mod cli_support;

use std::fs;
use std::path::{Path, PathBuf};

use cli_support::run;
use serde_json::{Value, json};
use trustladder::core::Settings;
use trustladder::store::{self, DecodeError, Store};

const TODAY: &str = "2026-11-24";

/// A version 1 file with these settings: one colleague with three tasks kept today, one kept
/// late and one broken.
fn v1_file(dir: &Path, settings: Value) -> PathBuf {
    let promise = |id: u64, status: &str| {
        json!({
            "id": id, "person": 1, "direction": "theirs", "level": "task",
            "what": format!("task {id}"), "made": "2026-11-01", "due": "2026-11-20",
            "status": status, "resolved": TODAY, "note": ""
        })
    };
    let doc = json!({
        "format": "trustladder",
        "version": 1,
        "settings": settings,
        "people": [{"id": 1, "handle": "leo", "name": "Leo Marsh", "role": "", "note": "",
            "created": "2026-01-05", "archived": false}],
        "promises": [
            promise(1, "kept"), promise(2, "kept"), promise(3, "kept"),
            promise(4, "kept_late"), promise(5, "broken")
        ]
    });
    let path = dir.join("trustladder.json");
    fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    path
}

/// The settings object version 1 wrote, all at its defaults.
fn v1_defaults() -> Value {
    json!({
        "half_life_days": 180.0, "min_evidence": 3.0, "hold_threshold": 0.7,
        "ready_evidence": 5.0, "ready_threshold": 0.85, "slip_window_days": 90,
        "slip_min_resolved": 2, "slip_threshold": 0.5, "kept_late_value": 0.5
    })
}

#[test]
fn a_version_1_file_at_the_old_defaults_gets_the_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = v1_file(dir.path(), v1_defaults());
    let store = Store::open(&path).unwrap();
    assert_eq!(store.ledger().settings, Settings::default());
    // Version 2's rules: E = 5, K = 3 + 0.75 = 3.75, score 4.75 / 7 ≈ 0.679 < 0.70.
    let review: Value =
        serde_json::from_str(&run(&path, TODAY, &["review", "leo", "--json"])).unwrap();
    assert_eq!(review["rungs"][0]["kept"], 3.75);
    assert_eq!(review["trust_level"], "none");
}

#[test]
fn a_setting_the_user_changed_is_kept_and_saved_under_its_new_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = v1_defaults();
    // This team counted a late delivery as kept, and asked for more evidence.
    settings["kept_late_value"] = json!(1.0);
    settings["min_evidence"] = json!(4.5);
    settings["half_life_days"] = json!(90);
    let path = v1_file(dir.path(), settings);
    let s = Store::open(&path).unwrap().ledger().settings.clone();
    assert_eq!(s.kept_late_value, 1.0);
    assert_eq!(
        (
            s.hold_evidence_task,
            s.hold_evidence_result,
            s.hold_evidence_impact
        ),
        (4.5, 3.0, 3.0)
    );
    assert_eq!(
        (
            s.half_life_days_task,
            s.half_life_days_result,
            s.half_life_days_impact
        ),
        (90.0, 182.5, 365.0)
    );
    // Untouched ones take version 2's defaults.
    assert_eq!(s.ready_threshold, 0.80);
    assert_eq!(s.slip_threshold, 0.60);
    // E = 5 ≥ 4.5 and, with kept late worth 1, K = 4, score 5/7 ≈ 0.714; but what was
    // delivered weighs 4 < 4.5, and a failure is not the evidence that was lacking.
    let review: Value =
        serde_json::from_str(&run(&path, TODAY, &["review", "leo", "--json"])).unwrap();
    assert_eq!(review["rungs"][0]["kept"], 4.0);
    assert_eq!(review["rungs"][0]["verdict"], "too_little_delivered");
    assert_eq!(review["trust_level"], "none");

    // The first change writes version 2, with version 2's names only.
    run(
        &path,
        TODAY,
        &["person", "edit", "leo", "--role", "Platform"],
    );
    let saved: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["version"], 2);
    let names: Vec<&String> = saved["settings"].as_object().unwrap().keys().collect();
    for old in [
        "half_life_days",
        "min_evidence",
        "ready_evidence",
        "slip_min_resolved",
    ] {
        assert!(!names.iter().any(|n| *n == old), "{old} still in {names:?}");
    }
    assert_eq!(saved["settings"]["hold_evidence_task"], 4.5);
    assert_eq!(saved["settings"]["kept_late_value"], 1.0);
}

#[test]
fn a_version_2_file_with_a_version_1_name_is_refused_with_its_path() {
    let text = br#"{"format":"trustladder","version":2,"settings":{"min_evidence":4.0}}"#;
    let err = store::decode(text).unwrap_err();
    assert!(
        matches!(err, DecodeError::Shape { ref path, .. } if path == "$.settings.min_evidence"),
        "{err:?}"
    );
}
