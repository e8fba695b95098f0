//! The JSON that `--json` prints. These structs are a stable contract documented in
//! docs/FORMAT.md: add fields if needed, never rename or remove one.
//!
//! Promises and people are printed with the file format's own types, so a script sees exactly
//! the fields it would find in the data file.

use chrono::NaiveDate;
use serde::Serialize;

use super::error::CliError;
use crate::core::ladder::{
    Counts, Note, ReadyCheck, Review, SlipCheck, Standing, Trend, Verdict, words,
};
use crate::core::ledger::Among;
use crate::core::text::is_unsafe_to_print;
use crate::core::touch::{LastContact, Overdue};
use crate::core::{Ledger, Level, Person, PersonId, Promise, Settings};

/// A trust level as JSON: the rung's value, or `none` while still building.
pub fn level_name(level: Option<Level>) -> &'static str {
    level.map_or("none", Level::as_str)
}

/// One rung's figures: the weighted ones (which include the kept promises of the rungs
/// above) and the plain counts of its own promises.
#[derive(Debug, Serialize)]
pub struct RungJson {
    pub level: Level,
    pub evidence: f64,
    pub kept: f64,
    pub reliability: f64,
    pub held: bool,
    pub resolved: usize,
    pub open: usize,
    pub verdict: Verdict,
    pub counts: Counts,
}

/// The slipping check at the top held rung, as `recent` has always been.
#[derive(Debug, Serialize)]
pub struct RecentJson {
    pub level: Level,
    pub since: NaiveDate,
    pub resolved: usize,
    pub reliability: f64,
}

/// A note with its figures and the words the views show for it.
#[derive(Debug, Serialize)]
pub struct NoteJson<'a> {
    #[serde(flatten)]
    pub note: &'a Note,
    pub text: String,
}

/// A standing in one direction: their trust level, or my credibility with them.
#[derive(Debug, Serialize)]
pub struct StandingJson<'a> {
    pub trust_level: &'static str,
    pub record: Counts,
    pub rungs: Vec<RungJson>,
    pub slipping: bool,
    pub slipping_rungs: &'a [Level],
    pub ready: bool,
    pub ready_for: Option<Level>,
    pub focus: Option<String>,
    pub focus_level: Option<Level>,
    pub recent: Option<RecentJson>,
    pub slip_checks: &'a [SlipCheck],
    pub ready_check: Option<&'a ReadyCheck>,
    pub notes: Vec<NoteJson<'a>>,
    pub trend: Trend,
    pub advice: String,
    pub explanation: Vec<String>,
}

impl<'a> StandingJson<'a> {
    /// The JSON of a computed standing; `settings` fill in the thresholds the words quote,
    /// and `name` is the colleague as my side's advice names them.
    pub fn new(s: &'a Standing, settings: &Settings, name: &str) -> StandingJson<'a> {
        let recent = s
            .trust_level
            .and_then(|level| s.slip_checks.iter().find(|c| c.level == level))
            .map(|c| RecentJson {
                level: c.level,
                since: c.since,
                resolved: c.resolved,
                reliability: c.reliability,
            });
        StandingJson {
            trust_level: level_name(s.trust_level),
            record: s.record(),
            rungs: s
                .rungs
                .iter()
                .map(|r| RungJson {
                    level: r.level,
                    evidence: r.evidence,
                    kept: r.kept,
                    reliability: r.reliability,
                    held: r.held,
                    resolved: r.resolved,
                    open: s.open_at[r.level.index()],
                    verdict: r.verdict,
                    counts: r.counts,
                })
                .collect(),
            slipping: s.slipping,
            slipping_rungs: &s.slipping_rungs,
            ready: s.ready,
            ready_for: s.ready_for,
            focus: words::focus_text(s, name),
            focus_level: s.focus(),
            recent,
            slip_checks: &s.slip_checks,
            ready_check: s.ready_check.as_ref(),
            notes: s
                .notes
                .iter()
                .map(|note| NoteJson {
                    note,
                    text: words::note_text(note, s.day),
                })
                .collect(),
            trend: s.trend,
            // The sentence `review` prints, on my side too (a clause elsewhere, after "Me:").
            advice: words::advice_sentence(s, name, settings),
            explanation: words::explain(s, settings),
        }
    }
}

/// `review --json`: one colleague. Their own standing sits at the top level; mine with them is
/// under `my_credibility`.
#[derive(Debug, Serialize)]
pub struct ReviewJson<'a> {
    pub id: PersonId,
    pub handle: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub archived: bool,
    #[serde(flatten)]
    pub theirs: StandingJson<'a>,
    pub open: usize,
    pub overdue: usize,
    pub my_credibility: StandingJson<'a>,
}

impl<'a> ReviewJson<'a> {
    /// The JSON of one colleague's review in `ledger`.
    /// `name` is how the advice names them ([`words::FirstNames::called`]).
    pub fn new(
        person: &'a Person,
        review: &'a Review,
        ledger: &Ledger,
        name: String,
    ) -> ReviewJson<'a> {
        let settings = &ledger.settings;
        let mut json = ReviewJson {
            id: person.id,
            handle: &person.handle,
            name: &person.name,
            role: &person.role,
            archived: person.archived,
            theirs: StandingJson::new(&review.theirs, settings, &name),
            open: review.open,
            overdue: review.overdue,
            my_credibility: StandingJson::new(&review.mine, settings, &name),
        };
        // The same sentence `review` prints for someone archived, on both sides.
        if person.archived {
            let advice = words::archived_advice(Some(&format!(
                "`trustladder person restore {}`",
                ledger.typed_as(person, Among::Archived)
            )));
            json.theirs.advice.clone_from(&advice);
            json.my_credibility.advice = advice;
        }
        json
    }
}

/// `person list --json`: a colleague's stored fields, then what the table shows beside them
/// (the whole reasoning is in `review --json`).
#[derive(Debug, Serialize)]
pub struct PersonListJson<'a> {
    #[serde(flatten)]
    pub person: &'a Person,
    pub level: &'static str,
    /// Each rung's score, lowest first; `null` for a rung with no evidence.
    pub scores: Vec<Option<f64>>,
    pub open: usize,
    pub overdue: usize,
    pub trend: Trend,
    /// The kinds of their notes (`quiet`, `late`, …).
    pub notes: Vec<&'static str>,
    pub my_level: &'static str,
    pub my_record: Counts,
    /// The last day anything was logged with them (a promise made or resolved either way, or
    /// a saved prep); the day they were added when nothing was.
    pub last_contact: NaiveDate,
    /// Whether anything was logged with them at all.
    pub contact_logged: bool,
}

impl<'a> PersonListJson<'a> {
    /// One row of `person list`, as JSON.
    pub fn new(person: &'a Person, review: &Review, last: LastContact) -> PersonListJson<'a> {
        let theirs = &review.theirs;
        PersonListJson {
            person,
            level: level_name(theirs.trust_level),
            scores: theirs
                .rungs
                .iter()
                .map(|r| r.has_evidence().then_some(r.reliability))
                .collect(),
            open: review.open,
            overdue: review.overdue,
            trend: theirs.trend,
            notes: theirs.notes.iter().map(|n| n.kind()).collect(),
            my_level: level_name(review.mine.trust_level),
            my_record: review.mine.record(),
            last_contact: last.day,
            contact_logged: last.logged,
        }
    }
}

/// A promise in the agenda: the file's fields plus the colleague's handle.
#[derive(Debug, Serialize)]
pub struct AgendaItem<'a> {
    #[serde(flatten)]
    pub promise: &'a Promise,
    pub handle: &'a str,
}

/// `agenda --json`: the five groups, always all present, in display order.
#[derive(Debug, Default, Serialize)]
pub struct AgendaJson<'a> {
    pub overdue: Vec<AgendaItem<'a>>,
    pub today: Vec<AgendaItem<'a>>,
    pub this_week: Vec<AgendaItem<'a>>,
    pub later: Vec<AgendaItem<'a>>,
    pub no_date: Vec<AgendaItem<'a>>,
    /// Active colleagues not heard from for longer than their cadence, longest past it first.
    pub keep_in_touch: Vec<TouchJson<'a>>,
    /// How many open promises of archived colleagues the groups leave out: the text counts
    /// them in a line of its own, and a script should not have to count them itself.
    pub archived_open: usize,
}

/// A colleague past their keep-in-touch cadence.
#[derive(Debug, Serialize)]
pub struct TouchJson<'a> {
    pub id: PersonId,
    pub handle: &'a str,
    pub name: &'a str,
    pub cadence_days: u32,
    /// The last day anything was logged with them; the day they were added when nothing was.
    pub last_contact: NaiveDate,
    pub contact_logged: bool,
    /// Days since `last_contact`, and how many of them are past the cadence.
    pub days: i64,
    pub over: i64,
}

impl<'a> TouchJson<'a> {
    /// One colleague of the keep-in-touch list.
    pub fn new(person: &'a Person, due: &Overdue) -> TouchJson<'a> {
        TouchJson {
            id: person.id,
            handle: &person.handle,
            name: &person.name,
            cadence_days: due.every,
            last_contact: due.last.day,
            contact_logged: due.last.logged,
            days: due.days,
            over: due.over(),
        }
    }
}

/// Pretty JSON with a final newline.
pub fn to_text<T: Serialize>(value: &T) -> Result<String, CliError> {
    pretty(value).map_err(CliError::Json)
}

/// Pretty JSON with a final newline, safe to print: every character that must not reach a
/// terminal as it is (see [`is_unsafe_to_print`]) is written as a `\uXXXX` escape, as
/// `serde_json` already writes C0 controls. `serde_json` leaves DEL, C1 controls, bidi
/// controls and line separators raw, and a script piping `--json` to a terminal, or a person
/// reading it, would then see reordered or broken text.
pub fn pretty<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(value)?;
    // Every such character is DEL or beyond ASCII: text without those bytes (most of a large
    // listing) is copied in runs, not looked at character by character.
    let suspect = |b: u8| b >= 0x7f;
    if !text.bytes().any(suspect) {
        text.push('\n');
        return Ok(text);
    }
    let mut out = String::with_capacity(text.len() + 1);
    let mut rest = text.as_str();
    // Outside strings JSON is ASCII, so every such character is inside a string, where an
    // escape means the same character.
    while let Some(at) = rest.bytes().position(suspect) {
        out.push_str(&rest[..at]);
        // `at` follows ASCII bytes or a whole character, so a character begins there.
        let Some(c) = rest[at..].chars().next() else {
            break;
        };
        if is_unsafe_to_print(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_that_must_not_reach_a_terminal_are_escaped_and_read_back_the_same() {
        let text = "a\u{202e}b\u{2066}c\u{200f}d\u{61c}e\u{2028}f\u{7f}g\u{85}h\u{1b}i\n\u{200d}";
        let json = pretty(&serde_json::json!({ "what": text })).unwrap();
        assert_eq!(
            json,
            "{\n  \"what\": \"a\\u202eb\\u2066c\\u200fd\\u061ce\\u2028f\\u007fg\\u0085h\\u001bi\\n\u{200d}\"\n}\n",
            "the joiner U+200D is not a control and stays"
        );
        assert!(!json.chars().any(|c| is_unsafe_to_print(c) && c != '\n'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["what"], text);
    }

    proptest::proptest! {
        /// Copied in runs, the text is what a look at every character makes of it: each
        /// character unsafe to print escaped, every other one as it was.
        #[test]
        fn runs_copied_whole_escape_what_a_character_by_character_pass_does(
            text in "(\\PC|[\u{7f}-\u{a0}\u{202a}-\u{202e}\u{2066}-\u{2069}é])*"
        ) {
            let raw = serde_json::to_string_pretty(&serde_json::json!({ "what": &text })).unwrap();
            let mut expected: String = raw
                .chars()
                .map(|c| if is_unsafe_to_print(c) && c != '\n' {
                    format!("\\u{:04x}", u32::from(c))
                } else {
                    c.to_string()
                })
                .collect();
            expected.push('\n');
            proptest::prop_assert_eq!(pretty(&serde_json::json!({ "what": &text })).unwrap(), expected);
        }
    }
}
