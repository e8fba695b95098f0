//! A command that only shows the ledger (`list`, `agenda`, `review`, ...) maps a large plain
//! file rather than reading it into fresh memory (`src/store/mapped.rs`, whose own tests
//! show that it does). What it shows must be what a change reads, a fault must be named as it
//! is everywhere else, and nothing read that way is ever written.

mod store_support;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::json;
use store_support::*;
use trustladder::store::{self, Store};

/// Files from this size on are mapped (`MAP_FROM` in `src/store/mapped.rs`).
const MAPPED_FROM: usize = 256 * 1024;

/// A data file of `bytes`, large enough to be mapped.
fn large_file(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    assert!(bytes.len() >= MAPPED_FROM, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn large_ledger() -> Vec<u8> {
    store::encode(&sample(40, 1_200))
}

fn error_of(open: impl FnOnce(&Path) -> Result<Store, store::StoreError>, path: &Path) -> String {
    match open(path) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_large_file_shown_is_the_ledger_a_change_reads() {
    let ours = large_ledger();
    // The same ledger as another tool writes it: indented, which the careful reader takes.
    let value: serde_json::Value = serde_json::from_slice(&ours).unwrap();
    let theirs = serde_json::to_vec_pretty(&value).unwrap();
    assert_ne!(ours, theirs);
    for bytes in [ours, theirs] {
        let (_dir, path) = large_file(&bytes);
        let shown = Store::open_to_show(&path).unwrap();
        let opened = Store::open(&path).unwrap();
        assert_eq!(shown.ledger(), opened.ledger());
        assert_eq!(*shown.ledger(), sample(40, 1_200));
        assert_eq!(shown.read_only(), None);
    }
}

#[test]
fn a_damaged_large_file_shown_is_named_as_when_opened_and_left_as_it_was() {
    let mut bytes = large_ledger();
    // A status in the middle of the file that is no status.
    let middle = bytes.len() / 2;
    let at = middle
        + bytes[middle..]
            .windows(8)
            .position(|w| w == b"\"broken\"")
            .expect("a broken promise after the middle");
    bytes[at + 1..at + 7].copy_from_slice(b"bruken");
    let (_dir, path) = large_file(&bytes);
    let shown = error_of(|p| Store::open_to_show(p), &path);
    assert_eq!(shown, error_of(|p| Store::open(p), &path));
    assert!(shown.contains("bruken"), "{shown}");
    assert!(shown.contains("$.promises["), "the place is named: {shown}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_large_file_of_a_newer_version_is_shown_read_only() {
    let mut doc: serde_json::Value = serde_json::from_slice(&large_ledger()).unwrap();
    doc["version"] = json!(3);
    doc["teams"] = json!([{"id": 1, "name": "Payments"}]);
    let bytes = serde_json::to_vec(&doc).unwrap();
    let (_dir, path) = large_file(&bytes);
    let shown = Store::open_to_show(&path).unwrap();
    assert_eq!(
        shown.read_only().as_deref(),
        Some(
            "written by a newer trustladder (format version 3; this one knows 2), so it is open read-only"
        )
    );
    assert_eq!(shown.ledger().promises.len(), 1_200);
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_store_opened_to_show_refuses_every_change() {
    let bytes = large_ledger();
    let (_dir, path) = large_file(&bytes);
    let mut shown = Store::open_to_show(&path).unwrap();
    let err = shown
        .update(|l| l.add_person("Priya Raman", "", "", today()))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: opened only to show the ledger, so nothing was changed; open it again to change it",
            path.display()
        )
    );
    assert_eq!(*shown.ledger(), sample(40, 1_200));
    assert_eq!(fs::read(&path).unwrap(), bytes);
    // Opened to be changed, the same file takes the change.
    let mut opened = Store::open(&path).unwrap();
    opened
        .update(|l| l.add_person("Priya Raman", "", "", today()))
        .unwrap();
    let mut expected = sample(40, 1_200);
    expected.add_person("Priya Raman", "", "", today()).unwrap();
    expected.lineage = opened.ledger().lineage.clone();
    assert_eq!(expected.lineage.len(), 1, "the one save names itself");
    assert_eq!(fs::read(&path).unwrap(), store::encode(&expected));
}
