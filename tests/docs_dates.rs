//! docs/DATES.md and the README's date section against the table of words the parser reads:
//! a word added to the parser, or an example that reads differently, fails here until the
//! docs say so. `UPDATE_DOCS=1 cargo test --test docs_dates` rewrites DATES.md's table.

use chrono::NaiveDate;
use trustladder::core::dates::words::{self, WORDS};

const DATES_MD: &str = "docs/DATES.md";
const BEGIN: &str = "<!-- date words: begin -->\n";
const END: &str = "<!-- date words: end -->";

/// The day the docs read their examples on (the README's day).
fn docs_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn dates_md_holds_the_table_the_program_prints() {
    let doc = read(DATES_MD);
    let start = doc
        .find(BEGIN)
        .expect("DATES.md marks where the table begins")
        + BEGIN.len();
    let end = doc.find(END).expect("DATES.md marks where the table ends");
    let want = words::markdown(docs_day());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{want}{}", &doc[..start], &doc[end..]);
        std::fs::write(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DATES_MD),
            updated,
        )
        .unwrap();
        return;
    }
    assert_eq!(
        &doc[start..end],
        want,
        "docs/DATES.md's table differs from the words the program reads; \
         run UPDATE_DOCS=1 cargo test --test docs_dates"
    );
}

/// The README's date section, from its heading to the next.
fn readme_dates() -> String {
    let readme = read("README.md");
    let start = readme
        .find("### Date words")
        .expect("the README has a Date words section");
    let rest = &readme[start + 3..];
    let end = rest.find("\n#").map_or(rest.len(), |i| i);
    rest[..end].to_string()
}

#[test]
fn the_readme_lists_every_word_with_an_example() {
    let section = readme_dates();
    for w in WORDS {
        for spelling in w.spellings {
            assert!(
                section.contains(&format!("`{spelling}`")),
                "the README's date section lacks `{spelling}`"
            );
        }
        assert!(
            section.contains(&format!("`{}`", w.example)),
            "the README's date section lacks the example `{}`",
            w.example
        );
    }
}

#[test]
fn the_readme_examples_read_as_it_says() {
    // Each "`word` → YYYY-MM-DD" in the section, read on the README's day.
    let section = readme_dates();
    let mut checked = 0;
    for part in section.split('`').collect::<Vec<_>>().windows(2) {
        let [word, after] = part else { continue };
        let Some(day) = after.strip_prefix(" → ") else {
            continue;
        };
        let day = &day[..10];
        let read = trustladder::core::dates::parse_date(word, docs_day())
            .map(|d| d.to_string())
            .unwrap_or_else(|e| e.to_string());
        assert_eq!(read, day, "the README says `{word}` → {day}");
        checked += 1;
    }
    assert!(
        checked >= 10,
        "only {checked} examples found in the README's date section"
    );
}

/// Every one of Taskwarrior's words DATES.md lists as not read is refused with why and what
/// to type instead (which reads), never with a "did you mean"; the messages it quotes are
/// the program's, word for word.
#[test]
fn taskwarriors_words_not_read_are_refused_as_dates_md_says() {
    use trustladder::core::dates::{DateError, parse_due};
    let doc = read(DATES_MD);
    let start = doc
        .find("Some of Taskwarrior's words are not read at all")
        .expect("DATES.md lists the words not read");
    let section = &doc[start..];
    let section = &section[..section.find("\n#").unwrap_or(section.len())];
    let (mut words, mut messages) = (0, 0);
    for q in section.split('`').skip(1).step_by(2) {
        let q = &q.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(word) = q.strip_prefix('\'').and_then(|m| m.split('\'').next()) {
            let said = parse_due(word, docs_day()).map_err(|e| e.to_string());
            assert_eq!(
                said,
                Err(q.clone()),
                "DATES.md quotes a message for `{word}`"
            );
            messages += 1;
            continue;
        }
        match parse_due(q, docs_day()) {
            Err(DateError::Unread { instead, .. }) => {
                words += 1;
                assert!(
                    instead.contains("YYYY") || parse_due(&instead, docs_day()).is_ok(),
                    "`{q}` says to try {instead}, which does not read"
                );
            }
            Err(e) => assert!(
                q.starts_with("try ") || q.starts_with("--"),
                "DATES.md lists `{q}`: {e}"
            ),
            Ok(_) => {}
        }
    }
    assert!(words >= 25, "only {words} words found in DATES.md's list");
    assert_eq!(messages, 3, "the messages DATES.md quotes");
}
