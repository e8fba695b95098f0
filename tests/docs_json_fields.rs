//! Every JSON field docs/FORMAT.md and docs/STORE.md document for `--json` and `export
//! --format json` is in the real output, and every field in the real output is documented.
//!
//! The documented fields are read from the docs themselves: the field tables (the names in a
//! row's first cell), the sentences that list an object's fields ("A **counts object**:
//! `kept`, …", names inside parentheses being figures the sentence mentions, not fields), the
//! blocker and note tables (a `kind` and its fields). The real fields are read from the binary's
//! output on a ledger built with the command line, so that every kind of object appears:
//! every note, every blocker, a ready colleague, a slipping one, every agenda group. A field
//! added to the output, or a doc that drifts from it, fails here until both agree.

mod cli_support;

use std::collections::{BTreeMap, BTreeSet};

use cli_support::Env;
use serde_json::Value;

const FORMAT: &str = include_str!("../docs/FORMAT.md");
const STORE: &str = include_str!("../docs/STORE.md");
const TODAY: &str = "2026-11-24";

/// Documented fields that a ledger built on one machine cannot show, with the reason.
const NOT_SHOWN: &[(&str, &str, &str)] = &[(
    "tombstone",
    "into",
    "only a merge of two copies that both added the same colleague writes it",
)];

/// Fields by the kind of object that holds them.
type Fields = BTreeMap<String, BTreeSet<String>>;

// ---------------------------------------------------------------------------------------
// Reading the docs

/// Splits a table row into its cells; a `|` inside backticks, or escaped, is not a border.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = vec![String::new()];
    let mut code = false;
    let mut prev = ' ';
    for c in inner.chars() {
        match c {
            '`' => code = !code,
            '|' if !code && prev != '\\' => {
                out.push(String::new());
                prev = c;
                continue;
            }
            _ => {}
        }
        if let Some(cell) = out.last_mut() {
            cell.push(c);
        }
        prev = c;
    }
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// The rows (header and rule left out) of the first table after `marker` in `doc`.
fn table_after(doc: &str, marker: &str) -> Vec<Vec<String>> {
    let at = doc
        .find(marker)
        .unwrap_or_else(|| panic!("the docs no longer say {marker:?}"));
    let rows: Vec<Vec<String>> = doc[at..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(cells)
        .collect();
    assert!(!rows.is_empty(), "no table after {marker:?}");
    rows
}

/// The backticked names in `text` outside parentheses (`reliability` (… `slip_threshold`) →
/// `reliability`); only names a field can have (lowercase letters and `_`).
fn names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut depth = 0usize;
    let mut code: Option<String> = None;
    for c in text.chars() {
        match (&mut code, c) {
            (Some(name), '`') => {
                if depth == 0
                    && !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                {
                    out.insert(name.clone());
                }
                code = None;
            }
            (Some(name), c) => name.push(c),
            (None, '`') => code = Some(String::new()),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, _) => {}
        }
    }
    out
}

/// The fields a field table documents: the names in each row's first cell.
fn table_fields(rows: &[Vec<String>]) -> BTreeSet<String> {
    rows.iter().flat_map(|row| names(&row[0])).collect()
}

/// The fields a sentence lists after `marker`: the names after its first colon, to the end
/// of the paragraph.
fn prose_fields(doc: &str, marker: &str) -> BTreeSet<String> {
    let at = doc
        .find(marker)
        .unwrap_or_else(|| panic!("the docs no longer say {marker:?}"));
    let paragraph = doc[at..].split("\n\n").next().unwrap_or_default();
    let (_, list) = paragraph
        .split_once(':')
        .unwrap_or_else(|| panic!("no colon after {marker:?}"));
    names(list)
}

/// The fields of an object documented in the meaning cell of `field`'s row ("my plain record
/// with them: `kept`, `kept_late`, …").
fn inline_fields(rows: &[Vec<String>], field: &str) -> BTreeSet<String> {
    let row = rows
        .iter()
        .find(|row| names(&row[0]).contains(field))
        .unwrap_or_else(|| panic!("no row for {field}"));
    let meaning = row.last().expect("a row has cells");
    names(meaning.split_once(':').map_or("", |(_, list)| list))
}

/// Every documented object and its fields.
fn documented() -> Fields {
    let mut doc = Fields::new();
    let mut put = |kind: &str, fields: BTreeSet<String>| {
        assert!(!fields.is_empty(), "no fields read for {kind}");
        doc.entry(kind.to_string()).or_default().extend(fields);
    };

    // The data file, which `export --format json` writes.
    put(
        "ledger",
        table_fields(&table_after(FORMAT, "### Top level")),
    );
    put(
        "settings",
        table_fields(&table_after(FORMAT, "### Settings")),
    );
    let person = table_fields(&table_after(FORMAT, "### Person"));
    let promise = table_fields(&table_after(FORMAT, "### Promise"));
    put("person", person.clone());
    put("promise", promise.clone());
    put(
        "tombstone",
        table_fields(&table_after(FORMAT, "### Tombstone")),
    );

    // person list: a person's fields and what the table shows.
    let listed = table_after(FORMAT, "### `trustladder person list --json");
    put("person list", person);
    put("person list", table_fields(&listed));
    put("my_record", inline_fields(&listed, "my_record"));

    // list: the file's promises.
    put("list", promise.clone());

    // agenda
    put(
        "agenda",
        table_fields(&table_after(FORMAT, "### `trustladder agenda --json`")),
    );
    put("agenda item", promise);
    put(
        "agenda item",
        prose_fields(FORMAT, "Each group is an array"),
    );
    put(
        "keep in touch",
        prose_fields(FORMAT, "Each `keep_in_touch` entry"),
    );

    // review
    let standing = table_fields(&table_after(FORMAT, "A **standing object**"));
    put(
        "review",
        table_fields(&table_after(FORMAT, "A review object:")),
    );
    put("review", standing.clone());
    put("standing", standing);
    put("counts", prose_fields(FORMAT, "A **counts object**"));
    put(
        "rung",
        table_fields(&table_after(FORMAT, "A **rung object**")),
    );
    put(
        "slip check",
        prose_fields(FORMAT, "A **slip check object**"),
    );
    put("recent", prose_fields(FORMAT, "A **recent object**"));
    put(
        "ready check",
        prose_fields(FORMAT, "A **ready check object**"),
    );
    for row in table_after(FORMAT, "Each blocker has a `kind`") {
        let kind = names(&row[0]).into_iter().next().expect("a blocker's kind");
        let mut fields = names(&row[1]);
        fields.insert("kind".to_string());
        put(&format!("blocker {kind}"), fields);
    }
    for row in table_after(FORMAT, "A **note object**") {
        let kind = names(&row[0]).into_iter().next().expect("a note's kind");
        let figures = row[1].split_once(':').map_or("", |(figures, _)| figures);
        let mut fields = names(figures);
        fields.extend(["kind".to_string(), "text".to_string()]);
        put(&format!("note {kind}"), fields);
    }

    // keys: the key map.
    put(
        "keys",
        table_fields(&table_after(FORMAT, "### `trustladder keys --json`")),
    );

    // check, documented with the backups in STORE.md.
    let file = table_after(STORE, "A **file object**");
    put(
        "check",
        table_fields(&table_after(STORE, "`trustladder check --json` prints")),
    );
    put("check file", table_fields(&file));
    put("check counts", inline_fields(&file, "counts"));
    put("check backup", table_fields(&file));
    put(
        "check backup",
        table_fields(&table_after(STORE, "A **backup object**")),
    );
    doc
}

// ---------------------------------------------------------------------------------------
// Reading the output

/// The kind of object found under `key` in an object of kind `parent`; `None` for a value
/// that holds no objects.
fn child_kind(parent: &str, key: &str) -> Option<&'static str> {
    let standing = |key: &str| match key {
        "record" => Some("counts"),
        "rungs" => Some("rung"),
        "recent" => Some("recent"),
        "slip_checks" => Some("slip check"),
        "ready_check" => Some("ready check"),
        "notes" => Some("note"),
        _ => None,
    };
    match (parent, key) {
        ("ledger", "settings") => Some("settings"),
        ("ledger", "people") => Some("person"),
        ("ledger", "promises") => Some("promise"),
        ("ledger", "tombstones") => Some("tombstone"),
        ("person list", "my_record") => Some("my_record"),
        ("agenda", "keep_in_touch") => Some("keep in touch"),
        ("agenda", _) => Some("agenda item"),
        ("review", "my_credibility") => Some("standing"),
        ("review" | "standing", key) => standing(key),
        ("rung", "counts") => Some("counts"),
        ("ready check", "blockers") => Some("blocker"),
        ("check", "file") => Some("check file"),
        ("check", "backups") => Some("check backup"),
        ("check file" | "check backup", "counts") => Some("check counts"),
        _ => None,
    }
}

/// Records the fields of every object in `value`, an object of kind `kind` or an array of
/// them; blockers and notes are told apart by their `kind`.
fn walk(value: &Value, kind: &str, seen: &mut Fields) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| walk(item, kind, seen)),
        Value::Object(map) => {
            let kind = match (kind, map.get("kind").and_then(Value::as_str)) {
                ("blocker" | "note", Some(which)) => format!("{kind} {which}"),
                _ => kind.to_string(),
            };
            seen.entry(kind.clone())
                .or_default()
                .extend(map.keys().cloned());
            for (key, child) in map {
                if let Some(child_kind) = child_kind(&kind, key) {
                    walk(child, child_kind, seen);
                }
            }
        }
        _ => {}
    }
}

/// A ledger built with the command line in which every documented object appears.
fn ledger() -> Env {
    let env = Env::new(TODAY);
    let id = |args: &[&str]| env.ok(args).trim().to_string();
    for name in [
        "Rita Ready",
        "Ben Blocked",
        "Eve Evidence",
        "Lou Late",
        "Quinn Quiet",
        "Ann Archived",
    ] {
        env.ok(&["person", "add", name]);
    }
    // Rita is ready for results: six tasks kept on time this month.
    for day in ["01", "02", "03", "04", "05", "06"] {
        env.ok(&["log", "rita", "A task", "--on", &format!("2026-11-{day}")]);
    }
    // Ben holds tasks, and everything stands between him and results: a broken task last
    // (streak, score), a broken result (slipping, tried), a task 40 days overdue, three
    // released promises (renegotiates).
    for day in ["01", "02", "03", "04", "05"] {
        env.ok(&["log", "ben", "A task", "--on", &format!("2026-10-{day}")]);
    }
    let broken = id(&["--today", "2026-10-20", "promise", "add", "ben", "A task"]);
    env.ok(&["break", &broken, "--on", "2026-11-10"]);
    let result = id(&[
        "--today",
        "2026-10-01",
        "promise",
        "add",
        "ben",
        "A result",
        "--level",
        "result",
    ]);
    env.ok(&["break", &result, "--on", "2026-11-01"]);
    env.ok(&[
        "--today",
        "2026-10-01",
        "promise",
        "add",
        "ben",
        "Overdue",
        "--due",
        "2026-10-15",
    ]);
    for _ in 0..3 {
        let released = id(&["--today", "2026-10-01", "promise", "add", "ben", "Maybe"]);
        env.ok(&["release", &released]);
    }
    // Eve holds tasks on too little evidence for results, and has a result open.
    for day in ["17", "18", "19", "20"] {
        env.ok(&["log", "eve", "A task", "--on", &format!("2026-11-{day}")]);
    }
    env.ok(&["promise", "add", "eve", "A result", "--level", "result"]);
    // Lou delivers late; Quinn has gone quiet.
    for day in ["01", "02", "03"] {
        env.ok(&[
            "log",
            "lou",
            "A task",
            "--late",
            "--on",
            &format!("2026-11-{day}"),
        ]);
    }
    env.ok(&["log", "quinn", "Long ago", "--on", "2026-03-01"]);
    env.ok(&["person", "edit", "quinn", "--every", "2w"]);
    // My side, and every agenda group.
    env.ok(&[
        "promise",
        "add",
        "rita",
        "Mine, today",
        "--mine",
        "--due",
        "today",
    ]);
    env.ok(&["promise", "add", "eve", "This week", "--due", "fri"]);
    env.ok(&["promise", "add", "lou", "Later", "--due", "dec 15"]);
    env.ok(&["promise", "add", "lou", "No date"]);
    // A saved prep, a deleted promise (a tombstone), an archived colleague.
    env.ok(&["prep", "rita", "--save"]);
    let gone = id(&["promise", "add", "ann", "Gone"]);
    env.ok(&["rm", &gone]);
    env.ok(&["promise", "add", "ann", "Kept on file"]);
    env.ok(&["person", "archive", "ann"]);
    env
}

fn json(env: &Env, args: &[&str]) -> Value {
    serde_json::from_str(&env.ok(args)).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn seen() -> Fields {
    let env = ledger();
    let mut seen = Fields::new();
    walk(
        &json(&env, &["export", "--format", "json"]),
        "ledger",
        &mut seen,
    );
    walk(
        &json(&env, &["person", "list", "--json", "--all"]),
        "person list",
        &mut seen,
    );
    walk(&json(&env, &["list", "--json", "--all"]), "list", &mut seen);
    walk(&json(&env, &["agenda", "--json"]), "agenda", &mut seen);
    walk(&json(&env, &["review", "--json"]), "review", &mut seen);
    walk(
        &json(&env, &["review", "rita", "--json"]),
        "review",
        &mut seen,
    );
    walk(&json(&env, &["check", "--json"]), "check", &mut seen);
    walk(&json(&env, &["keys", "--json"]), "keys", &mut seen);
    seen
}

#[test]
fn every_documented_json_field_is_in_the_output_and_every_output_field_is_documented() {
    let documented = documented();
    let seen = seen();
    let mut problems = Vec::new();
    let kinds: BTreeSet<&String> = documented.keys().chain(seen.keys()).collect();
    for kind in kinds {
        let empty = BTreeSet::new();
        let doc = documented.get(kind).unwrap_or(&empty);
        let out = seen.get(kind).unwrap_or(&empty);
        if !documented.contains_key(kind) {
            problems.push(format!(
                "{kind}: an object the docs do not describe ({out:?})"
            ));
            continue;
        }
        if !seen.contains_key(kind) {
            problems.push(format!("{kind}: documented, never seen in the output"));
            continue;
        }
        for field in out.difference(doc) {
            problems.push(format!(
                "{kind}: `{field}` is in the output but not documented"
            ));
        }
        for field in doc.difference(out) {
            let exempt = NOT_SHOWN.iter().any(|(k, f, _)| k == kind && f == field);
            if !exempt {
                problems.push(format!(
                    "{kind}: `{field}` is documented but never in the output"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The reading of the docs, on pieces whose answer is known, so a slip in it cannot make the
/// comparison pass by reading nothing.
#[test]
fn the_docs_are_read_as_meant() {
    assert_eq!(
        names("`level`; `since` (date, today minus `slip_window_days`); `first` (a (b) `x`)"),
        BTreeSet::from(["level", "since", "first"].map(String::from))
    );
    assert_eq!(
        cells("| `a`, `b` | `x\\|y` or `z|w` | text |"),
        ["`a`, `b`", "`x\\|y` or `z|w`", "text"]
    );
    let doc = documented();
    assert_eq!(
        doc["counts"],
        BTreeSet::from(["kept", "kept_late", "broken", "released"].map(String::from))
    );
    assert_eq!(doc["my_record"], doc["counts"]);
    assert!(doc["review"].contains("my_credibility") && doc["review"].contains("trust_level"));
    assert_eq!(
        doc["blocker evidence"],
        BTreeSet::from(["kind", "have", "need"].map(String::from))
    );
    assert_eq!(
        doc["blocker slipping"],
        BTreeSet::from(["kind".to_string()])
    );
    assert_eq!(
        doc["note quiet"],
        BTreeSet::from(["kind", "text", "since"].map(String::from))
    );
    assert!(doc["settings"].contains("trend_days") && !doc["settings"].contains("min_evidence"));
    assert!(doc["agenda item"].contains("handle") && doc["agenda item"].contains("uid"));
    assert_eq!(doc.keys().filter(|k| k.starts_with("blocker ")).count(), 8);
    assert_eq!(doc.keys().filter(|k| k.starts_with("note ")).count(), 5);
}

/// The examples in FORMAT.md hold only documented fields (`"..."` stands for what is left
/// out), and parse.
#[test]
fn the_examples_hold_only_documented_fields() {
    let documented = documented();
    let mut checked = Vec::new();
    for (i, block) in FORMAT.split("```json\n").enumerate().skip(1) {
        let text = block.split("```").next().unwrap_or_default();
        let before: String = FORMAT.split("```json\n").take(i).collect();
        let heading = before
            .lines()
            .rev()
            .find(|l| l.starts_with('#'))
            .unwrap_or_default();
        let kind = if heading.contains("The data file") {
            "ledger"
        } else if heading.contains("agenda --json") {
            "agenda"
        } else if heading.contains("review --json") {
            "review"
        } else if heading.contains("keys --json") {
            "keys"
        } else {
            panic!("an example under {heading:?}: say what it shows here")
        };
        let value: Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("the {kind} example: {e}"));
        let mut seen = Fields::new();
        walk(&value, kind, &mut seen);
        for (object, fields) in &seen {
            for field in fields.iter().filter(|f| *f != "...") {
                assert!(
                    documented.get(object).is_some_and(|d| d.contains(field)),
                    "the {kind} example: {object} has `{field}`, which is not documented"
                );
            }
        }
        checked.push(kind);
    }
    assert_eq!(checked, ["ledger", "agenda", "review", "keys"]);
}
