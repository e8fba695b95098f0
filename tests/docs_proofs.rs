//! docs/STORE.md names, for each guarantee, the tests that prove it, and the other docs name
//! test files too: every file named exists, and every test named is a function in it. A test
//! renamed or removed fails here until the docs follow. Of some files the docs name every
//! test, so a test added there fails here too until the docs name it.

const DOCS: &[(&str, &str)] = &[
    ("README.md", include_str!("../README.md")),
    ("docs/STORE.md", include_str!("../docs/STORE.md")),
    ("docs/FORMAT.md", include_str!("../docs/FORMAT.md")),
    ("docs/LADDER.md", include_str!("../docs/LADDER.md")),
    ("docs/DATES.md", include_str!("../docs/DATES.md")),
    (
        "docs/PERFORMANCE.md",
        include_str!("../docs/PERFORMANCE.md"),
    ),
    (
        "docs/PERFORMANCE-LOG.md",
        include_str!("../docs/PERFORMANCE-LOG.md"),
    ),
];

/// Every source file a doc names (`tests/x.rs`, `src/…/y.rs`) and the names that follow it in
/// the same list (`` `tests/x.rs`, `a_test`, `another` ``): the tests it points to.
fn references(doc: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in doc.lines() {
        let parts: Vec<&str> = line.split('`').collect();
        // Odd parts are inside backticks; even ones are the text between.
        let mut current: Option<usize> = None;
        for i in (1..parts.len()).step_by(2) {
            let code = parts[i];
            let between = parts[i - 1];
            let file = code.ends_with(".rs")
                && (code.starts_with("tests/") || code.starts_with("src/"))
                && !code.contains('*');
            if file {
                out.push((code.to_string(), Vec::new()));
                current = Some(out.len() - 1);
            } else if let Some(at) = current.filter(|_| between.trim() == ",") {
                if code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                {
                    out[at].1.push(code.to_string());
                } else {
                    current = None;
                }
            } else {
                current = None;
            }
        }
    }
    out
}

#[test]
fn every_test_the_docs_name_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut named = 0;
    for (doc, text) in DOCS {
        for (file, tests) in references(text) {
            let Ok(source) = std::fs::read_to_string(root.join(&file)) else {
                problems.push(format!("{doc}: `{file}` does not exist"));
                continue;
            };
            for test in tests {
                named += 1;
                if !source.contains(&format!("fn {test}(")) {
                    problems.push(format!("{doc}: `{file}` has no `fn {test}`"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(named > 50, "the docs' tests were not read: {named}");
}

/// Files whose every test a doc names: the scenarios a doc promises are driven there, so a
/// scenario added or removed there changes the doc too.
const NAMED_IN_FULL: &[(&str, &str)] = &[("docs/STORE.md", "tests/tui_e2e_changes.rs")];

/// The names of the `#[test]` functions in `source`.
fn tests_in(source: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut lines = source.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line == "#[test]"
            && let Some(name) = lines
                .next()
                .and_then(|l| l.strip_prefix("fn "))
                .and_then(|l| l.split('(').next())
        {
            out.insert(name.to_string());
        }
    }
    out
}

#[test]
fn some_files_have_every_test_named_in_the_docs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (doc, file) in NAMED_IN_FULL {
        let text = DOCS
            .iter()
            .find(|(name, _)| name == doc)
            .map(|(_, text)| *text)
            .expect("a doc of the list");
        let named: std::collections::BTreeSet<String> = references(text)
            .into_iter()
            .filter(|(f, _)| f == file)
            .flat_map(|(_, tests)| tests)
            .collect();
        let source = std::fs::read_to_string(root.join(file)).unwrap();
        let tests = tests_in(&source);
        assert!(tests.len() > 1, "{file}: no tests read");
        assert_eq!(
            named, tests,
            "{doc} does not name exactly the tests of {file}"
        );
    }
}

#[test]
fn test_functions_are_read() {
    let source = "#[test]\nfn one() {}\n\nfn helper() {}\n    #[test]\n    fn two() -> Result<(), String> {\n";
    assert_eq!(
        tests_in(source).into_iter().collect::<Vec<_>>(),
        ["one", "two"]
    );
}

#[test]
fn references_are_read_from_lists() {
    let refs = references(
        "| proof | `tests/a.rs`, `one_test`, `two`; `src/b.rs`, `three` (and `Store::open`, `x`); `tests/docs_*.rs`, `y` |",
    );
    assert_eq!(
        refs,
        [
            (
                "tests/a.rs".to_string(),
                vec!["one_test".to_string(), "two".to_string()]
            ),
            ("src/b.rs".to_string(), vec!["three".to_string()]),
        ]
    );
}
