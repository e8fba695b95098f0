//! The JSON that `--json` prints. These structs are a stable contract documented in
//! docs/FORMAT.md: add fields if needed, never rename or remove one.
//!
//! Promises and people are printed with the file format's own types, so a script sees exactly
//! the fields it would find in the data file.

use chrono::NaiveDate;
use serde::Serialize;

use super::error::CliError;
use crate::core::ladder::{Review, RungScore, Standing, Trend, Verdict};
use crate::core::{Level, Person, PersonId, Promise, Settings};

/// A trust level as JSON: the rung's value, or `none` while still building.
pub fn level_name(level: Option<Level>) -> &'static str {
    level.map_or("none", Level::as_str)
}

/// One rung's figures.
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
}

/// The recent-record check behind `slipping`.
#[derive(Debug, Serialize)]
pub struct RecentJson {
    pub level: Level,
    pub since: NaiveDate,
    pub resolved: usize,
    pub reliability: f64,
}

/// A standing in one direction: their trust level, or my credibility with them.
#[derive(Debug, Serialize)]
pub struct StandingJson {
    pub trust_level: &'static str,
    pub rungs: Vec<RungJson>,
    pub slipping: bool,
    pub ready: bool,
    pub focus: Option<String>,
    pub focus_level: Option<Level>,
    pub recent: Option<RecentJson>,
    pub advice: String,
    pub explanation: Vec<String>,
}

impl StandingJson {
    /// The JSON of a computed standing; `settings` fill in the thresholds the words quote.
    pub fn new(s: &Standing, settings: &Settings) -> StandingJson {
        StandingJson {
            trust_level: level_name(s.trust_level),
            rungs: s
                .rungs
                .iter()
                .map(|r: &RungScore| RungJson {
                    level: r.level,
                    evidence: r.evidence,
                    kept: r.kept,
                    reliability: r.reliability,
                    held: r.held,
                    resolved: r.resolved,
                    open: s.open_at[r.level.index()],
                    verdict: r.verdict,
                })
                .collect(),
            slipping: s.slipping,
            ready: s.ready,
            focus: s.focus_text(),
            focus_level: s.focus(),
            recent: s.recent.as_ref().map(|r| RecentJson {
                level: r.level,
                since: r.since,
                resolved: r.resolved,
                reliability: r.reliability,
            }),
            advice: s.advice(settings),
            explanation: s.explain(settings),
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
    pub theirs: StandingJson,
    pub open: usize,
    pub overdue: usize,
    pub trend: Trend,
    pub my_credibility: StandingJson,
}

impl<'a> ReviewJson<'a> {
    /// The JSON of one colleague's review.
    pub fn new(person: &'a Person, review: &Review, settings: &Settings) -> ReviewJson<'a> {
        ReviewJson {
            id: person.id,
            handle: &person.handle,
            name: &person.name,
            role: &person.role,
            archived: person.archived,
            theirs: StandingJson::new(&review.theirs, settings),
            open: review.open,
            overdue: review.overdue,
            trend: review.trend,
            my_credibility: StandingJson::new(&review.mine, settings),
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
}

/// Pretty JSON with a final newline.
pub fn to_text<T: Serialize>(value: &T) -> Result<String, CliError> {
    let mut text = serde_json::to_string_pretty(value).map_err(CliError::Json)?;
    text.push('\n');
    Ok(text)
}
