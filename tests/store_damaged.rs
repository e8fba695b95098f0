//! Damaged or foreign files are never written over: every change is refused with the file's
//! path and the place of the damage, and the bytes on disk stay exactly as they were.

mod store_support;

use std::fs;
use std::path::Path;

use store_support::*;
use trustladder::store::{self, Store, StoreError};

/// Everything that must hold when `bytes` (not a valid file) is on disk at `path`, with no
/// backup beside it: opening is refused with the path, saying there is no backup, a store that loaded a good version before
/// refuses to save, and nothing is written or backed up.
fn assert_refused(path: &Path, ui: &mut Store, bytes: &[u8], what: &str) {
    put(path, bytes);
    match Store::open(path) {
        Err(e @ StoreError::Damaged { .. }) => {
            let message = e.to_string();
            assert!(
                message.starts_with(&format!("{}: ", path.display())),
                "{what}: {message}"
            );
            // No backup yet: none is offered, nor `check` to find none.
            assert!(
                message.contains("there is no backup of it to put back")
                    && !message.contains("trustladder check"),
                "{what}: {message}"
            );
        }
        other => panic!("{what}: expected a damaged file, got {other:?}"),
    }
    let result = ui.update(|l| l.add_person("Never saved", "", "", today()));
    assert!(
        matches!(result, Err(StoreError::Damaged { .. })),
        "{what}: {result:?}"
    );
    assert_eq!(
        fs::read(path).unwrap(),
        bytes,
        "{what}: the file was changed"
    );
    assert!(temp_files(path).is_empty(), "{what}");
    assert!(
        store::backups::list(path).unwrap().is_empty(),
        "{what}: a refused change made a backup"
    );
}

/// Puts `bytes` at `path` as a new file, as another program would. (Rewriting the same file
/// in place would make ext4 flush it on close, which costs milliseconds per case.)
fn put(path: &Path, bytes: &[u8]) {
    let _ = fs::remove_file(path);
    fs::write(path, bytes).unwrap();
}

/// A real file as the store writes it, and a store that loaded it.
fn real_file(dir: &Path) -> (std::path::PathBuf, Vec<u8>, Store) {
    let path = dir.join("trustladder.json");
    fs::write(&path, store::encode(&sample(3, 6))).unwrap();
    let bytes = fs::read(&path).unwrap();
    let ui = Store::open(&path).unwrap();
    (path, bytes, ui)
}

#[test]
fn every_truncation_of_a_real_file_is_refused_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let (path, real, mut ui) = real_file(dir.path());
    let whole = store::decode(&real).unwrap();
    let mut refused = 0;
    for len in 0..real.len() {
        let prefix = &real[..len];
        if let Ok(ledger) = store::decode(prefix) {
            // Only the final newline can go without losing anything.
            assert_eq!(len, real.len() - 1);
            assert_eq!(ledger, whole);
            continue;
        }
        assert_refused(&path, &mut ui, prefix, &format!("prefix of {len} bytes"));
        refused += 1;
    }
    assert_eq!(refused, real.len() - 1);
}

#[test]
fn every_garbled_byte_and_zeroed_block_is_refused_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let (path, real, mut ui) = real_file(dir.path());
    for at in 0..real.len() {
        let mut garbled = real.clone();
        garbled[at] = 0xFF;
        assert_refused(&path, &mut ui, &garbled, &format!("0xFF at byte {at}"));
    }
    for start in (0..real.len()).step_by(64) {
        let mut zeroed = real.clone();
        let end = (start + 64).min(real.len());
        zeroed[start..end].fill(0);
        assert_refused(&path, &mut ui, &zeroed, &format!("zeros at {start}..{end}"));
    }
}

fn damage(bytes: &[u8]) -> String {
    match store::decode(bytes) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("{} decoded", String::from_utf8_lossy(bytes)),
    }
}

#[test]
fn the_message_gives_line_and_column_or_the_json_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    fs::write(
        &path,
        b"{\n  \"format\": \"trustladder\",\n  \"version\": 1,\n  \"people\": [",
    )
    .unwrap();
    assert_eq!(
        Store::open(&path).unwrap_err().to_string(),
        format!(
            "{}: not a trustladder file I can read: EOF while parsing a list at line 4 column 13. Nothing was changed; there is no backup of it to put back (a sync remote, or a copy of your own, may hold one)",
            path.display()
        )
    );
    // With a backup beside it, `check` lists it.
    let backups = store::backups::folder(&path);
    fs::create_dir_all(&backups).unwrap();
    fs::write(
        backups.join("trustladder.json.000001.20261124T000000Z"),
        b"{}",
    )
    .unwrap();
    assert!(
        Store::open(&path)
            .unwrap_err()
            .to_string()
            .ends_with("run `trustladder check` to see the backups that can be restored with `trustladder restore-backup`")
    );
    assert_eq!(damage(b""), "the file is empty");
    assert_eq!(
        damage(br#"{"name": "my-package", "version": "1.0.0"}"#),
        "it is JSON, but not a ledger: an object with the keys \"name\" and \"version\""
    );
    assert_eq!(
        damage(b"[1, 2]"),
        "it is JSON, but not a ledger: a list of 2 values"
    );
    assert_eq!(
        damage(br#"{"format": "other", "version": 1}"#),
        "$.format: must be \"trustladder\"; this is not a trustladder file"
    );
    // A field of the header twice is named, as any field twice is.
    assert_eq!(
        damage(br#"{"format": "trustladder", "version": 2, "version": 2}"#),
        "$: duplicate field `version`"
    );
    // serde's "ident" in words: a bare word where a value belongs.
    assert_eq!(
        damage(br#"{"format": trustladder}"#),
        "expected a value, not a bare word at line 1 column 15"
    );
    // Text that is no JSON at all never was a ledger: named by its first line.
    assert_eq!(
        damage(b"this is not json"),
        "it is text, not JSON (its first line is \"this is not json\")"
    );
    let mut doc: serde_json::Value = serde_json::from_slice(&store::encode(&sample(2, 3))).unwrap();
    doc["promises"][1]["due"] = serde_json::json!(42);
    assert_eq!(
        damage(&serde_json::to_vec(&doc).unwrap()),
        "$.promises[1].due: invalid type: integer `42`, expected a day written YYYY-MM-DD"
    );
    doc["promises"][1]["due"] = serde_json::Value::Null;
    doc["people"][1]["pronouns"] = serde_json::json!("they");
    assert_eq!(
        damage(&serde_json::to_vec(&doc).unwrap()),
        "$.people[1].pronouns: is not a field of this format, and saving would drop it; remove it, or use the program that wrote it"
    );
    doc["people"][1].as_object_mut().unwrap().remove("pronouns");
    doc["promises"][2]["person"] = serde_json::json!(77);
    assert_eq!(
        damage(&serde_json::to_vec(&doc).unwrap()),
        "$.promises[2].person: 77 is not the id of any person"
    );
    // A setting out of its range is set right in the file, not by a backup: every backup
    // made since holds it too, and putting one back loses the records made since.
    doc["promises"][2]["person"] = doc["promises"][1]["person"].clone();
    doc["settings"]["hold_threshold"] = serde_json::json!(1.5);
    fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
    assert_eq!(
        Store::open(&path).unwrap_err().to_string(),
        format!(
            "{}: not a trustladder file I can read: $.settings: settings.hold_threshold must be between 0 and 1, not 1.5. Nothing was changed; set that setting in the file within its range, or remove its line to take its default (docs/FORMAT.md, Settings, gives each range)",
            path.display()
        )
    );
    // A whole-number setting out of its range, or of the wrong kind, is one too: serde
    // refuses it by its path, before the range check of the decimal ones.
    doc["settings"]["hold_threshold"] = serde_json::json!(0.7);
    for (wrong, said) in [
        (
            serde_json::json!(-1),
            "invalid value: integer `-1`, expected a whole number from 0 to 4294967295",
        ),
        (
            serde_json::json!("x"),
            "invalid type: string \"x\", expected a whole number from 0 to 4294967295",
        ),
    ] {
        doc["settings"]["slip_window_days"] = wrong;
        fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
        assert_eq!(
            Store::open(&path).unwrap_err().to_string(),
            format!(
                "{}: not a trustladder file I can read: $.settings.slip_window_days: {said}. Nothing was changed; set that setting in the file within its range, or remove its line to take its default (docs/FORMAT.md, Settings, gives each range)",
                path.display()
            )
        );
    }
}

#[test]
fn a_file_damaged_under_a_long_lived_store_is_refused_on_refresh_too() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, mut ui) = real_file(dir.path());
    let loaded = ui.ledger().clone();
    put(&path, b"{\"format\": \"trustl");
    assert!(matches!(ui.refresh(), Err(StoreError::Damaged { .. })));
    assert_eq!(ui.ledger(), &loaded, "what was loaded stays on screen");
    assert_refused(
        &path,
        &mut ui,
        b"{\"format\": \"trustl",
        "cut in the header",
    );
}

/// Text that input refuses does not enter by the file either: each such file is refused on
/// open and on update, with the JSON path and the record named, `check` says so, and the
/// bytes stay as they were.
#[test]
fn text_input_refuses_is_refused_on_load_with_the_record_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, mut ui) = real_file(dir.path());
    let good: serde_json::Value = serde_json::from_slice(&store::encode(&sample(3, 6))).unwrap();
    let handle = good["people"][0]["handle"].as_str().unwrap().to_string();
    let cases: Vec<(&str, serde_json::Value, String)> = vec![
        (
            "/people/0/name",
            serde_json::json!("n".repeat(1_000_000)),
            format!(
                "$.people[0].name: name is too long (1000000 characters, at most 80), in person 1 ({handle})"
            ),
        ),
        (
            "/promises/1/what",
            serde_json::json!(""),
            "$.promises[1].what: what is empty, in promise #2".to_string(),
        ),
        (
            "/people/0/name",
            serde_json::json!("\u{ad}\u{200b}\u{feff}"),
            format!("$.people[0].name: name has no visible characters, in person 1 ({handle})"),
        ),
        (
            "/promises/0/note",
            serde_json::json!("fine\u{202e}txt.exe"),
            "$.promises[0].note: note contains a character that reorders or breaks the text on screen (\\u{202e}); type plain text, in promise #1".to_string(),
        ),
        (
            "/people/1/role",
            serde_json::json!("Backend\u{1b}[2J"),
            format!(
                "$.people[1].role: role contains a control character (\\u{{1b}}); type plain text, in person 2 ({})",
                good["people"][1]["handle"].as_str().unwrap()
            ),
        ),
        (
            "/promises/0/id",
            serde_json::json!(0),
            "$.promises[0].id: 0 is not a number promises get".to_string(),
        ),
    ];
    for (at, value, expected) in cases {
        let mut doc = good.clone();
        *doc.pointer_mut(at).unwrap() = value;
        let bytes = serde_json::to_vec_pretty(&doc).unwrap();
        assert_eq!(damage(&bytes), expected, "{at}");
        assert_refused(&path, &mut ui, &bytes, at);
        let report = store::check(&path).unwrap();
        assert_eq!(report.file.health, store::Health::Damaged, "{at}");
        assert_eq!(
            report.file.detail.as_deref(),
            Some(expected.as_str()),
            "{at}"
        );
    }
    // Person 0: the ids start at 1.
    let mut doc = good.clone();
    doc["people"][0]["id"] = serde_json::json!(0);
    for promise in doc["promises"].as_array_mut().unwrap() {
        if promise["person"] == 1 {
            promise["person"] = serde_json::json!(0);
        }
    }
    assert_eq!(
        damage(&serde_json::to_vec(&doc).unwrap()),
        "$.people[0].id: 0 is not a number people get"
    );
    // The largest number: none could follow it, and a save's check of the record asks for one.
    let mut doc = good.clone();
    let last = doc["promises"].as_array().unwrap().len() - 1;
    doc["promises"][last]["id"] = serde_json::json!(u64::MAX);
    doc["next_promise_id"] = serde_json::json!(u64::MAX);
    assert_eq!(
        damage(&serde_json::to_vec(&doc).unwrap()),
        format!(
            "$.promises[{last}].id: 18446744073709551615 is the largest number there is; none can follow it"
        )
    );
}

/// Another program's JSON (or text that is no JSON) given for a ledger, with no backup to say
/// it ever was one, is said to be no ledger, with what it is, and sent to the path: a mistyped `--file` is likelier
/// than damage, where the message sent the user looking for a backup of a file that never
/// was a ledger. The file stays as it was.
#[test]
fn another_programs_json_is_said_to_be_no_ledger_and_the_path_is_doubted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("package.json");
    for (bytes, looks) in [
        (&br#"{"name": "x"}"#[..], "an object with the key \"name\""),
        (b"[1,2]", "a list of 2 values"),
        (
            br#"{"name": "x", "version": "1.0.0", "dependencies": {}}"#,
            "a Node package's package.json, by its name and dependencies or scripts",
        ),
    ] {
        put(&path, bytes);
        assert_eq!(
            Store::open(&path).unwrap_err().to_string(),
            format!(
                "{}: not a trustladder file I can read: it is JSON, but not a ledger: {looks}. \
                 Nothing was changed; as it never was a ledger, the path is likelier mistyped \
                 than the file damaged: pass --file with the path of a ledger file",
                path.display()
            )
        );
        assert_eq!(fs::read(&path).unwrap(), bytes);
        assert!(temp_files(&path).is_empty());
    }
    // Text that is no JSON at all (a password file, notes) likewise, named by its first line,
    // where the parser's "expected value at line 1 column 1" sent the user to a backup.
    let bytes = b"root:x:0:0:root:/root:/bin/bash\nbin:x:1:1\n";
    put(&path, bytes);
    assert_eq!(
        Store::open(&path).unwrap_err().to_string(),
        format!(
            "{}: not a trustladder file I can read: it is text, not JSON (its first line is \
             \"root:x:0:0:root:/root:/bin/bash\"). Nothing was changed; as it never was a \
             ledger, the path is likelier mistyped than the file damaged: pass --file with the \
             path of a ledger file",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);
}
