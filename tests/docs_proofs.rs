//! docs/STORE.md names, for each guarantee, the tests that prove it, and the other docs name
//! test files too: every file named exists, and every test named is a function in it. A test
//! renamed or removed fails here until the docs follow.

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
