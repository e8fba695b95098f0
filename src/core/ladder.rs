//! The ladder engine: turns a record of promises into a trust level, with the reasons.
//!
//! Everything here is a pure function of (promises, settings, today), as DESIGN.md's Scoring
//! section requires. Each figure it computes is kept in the result, so the views and `review`
//! can show exactly why a level is what it is.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::dates::{days_between, end_of_month};
use super::ledger::Ledger;
use super::model::{Direction, Level, PersonId, Promise, Status};
use super::settings::Settings;

/// Why a rung is or is not held: the rule that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Enough evidence, reliable enough, and every rung below held.
    Held,
    /// Evidence below `min_evidence`.
    TooLittleEvidence,
    /// Reliability below `hold_threshold`.
    TooUnreliable,
    /// Meets its own thresholds, but a rung below is not held (trust is earned bottom-up).
    RungBelowNotHeld,
}

/// The figures of one rung, one direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RungScore {
    pub level: Level,
    /// Weighted count of resolved promises, `Σ w`.
    pub evidence: f64,
    /// Weighted value kept, `Σ w·value`.
    pub kept: f64,
    /// `(K + 1) / (E + 2)`.
    pub reliability: f64,
    pub held: bool,
    /// How many resolved promises (kept, kept late, broken) make up the evidence.
    pub resolved: usize,
    pub verdict: Verdict,
}

/// The recent-record check at one rung: resolutions inside the slip window and their plain
/// (unweighted) reliability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecentRecord {
    pub level: Level,
    /// The first day inside the window.
    pub since: NaiveDate,
    pub resolved: usize,
    pub reliability: f64,
}

/// A person's standing in one direction: their trust level (theirs) or my credibility with
/// them (mine).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub direction: Direction,
    pub rungs: [RungScore; 3],
    /// The highest rung held, `None` while still building.
    pub trust_level: Option<Level>,
    /// The recent record at the top held rung, when there is one.
    pub recent: Option<RecentRecord>,
    pub slipping: bool,
    pub ready: bool,
    /// Open promises at each rung, in this direction.
    pub open_at: [usize; 3],
}

#[derive(Default, Clone, Copy)]
struct Tally {
    evidence: f64,
    kept: f64,
    resolved: usize,
    recent_n: usize,
    recent_value: f64,
    open: usize,
}

/// The weight of a resolution `age_days` old.
pub fn weight(age_days: i64, settings: &Settings) -> f64 {
    0.5_f64.powf(age_days as f64 / settings.half_life_days)
}

/// The value a resolved promise counts for, `None` if it does not count.
pub fn value(status: Status, settings: &Settings) -> Option<f64> {
    match status {
        Status::Kept => Some(1.0),
        Status::KeptLate => Some(settings.kept_late_value),
        Status::Broken => Some(0.0),
        Status::Open | Status::Released => None,
    }
}

/// `(K + 1) / (E + 2)`: reliability with a Laplace prior, 50% with no evidence.
pub fn reliability(evidence: f64, kept: f64) -> f64 {
    (kept + 1.0) / (evidence + 2.0)
}

/// Scores the promises of one person in one direction. Promises of the other direction are
/// skipped, and so are outcomes dated after `today`, which lets the same function say where
/// someone stood on any past day.
pub fn standing<'a>(
    promises: impl IntoIterator<Item = &'a Promise>,
    direction: Direction,
    settings: &Settings,
    today: NaiveDate,
) -> Standing {
    let mut tally = [Tally::default(); 3];
    let window = i64::from(settings.slip_window_days);
    for p in promises {
        if p.direction != direction {
            continue;
        }
        let t = &mut tally[p.level.index()];
        if p.status == Status::Open {
            t.open += 1;
            continue;
        }
        let (Some(v), Some(on)) = (value(p.status, settings), p.resolved) else {
            continue;
        };
        let age = days_between(on, today);
        if age < 0 {
            continue;
        }
        let w = weight(age, settings);
        t.evidence += w;
        t.kept += w * v;
        t.resolved += 1;
        if age <= window {
            t.recent_n += 1;
            t.recent_value += v;
        }
    }

    let mut below_held = true;
    let rungs = Level::ALL.map(|level| {
        let t = tally[level.index()];
        let r = reliability(t.evidence, t.kept);
        let verdict = if t.evidence < settings.min_evidence {
            Verdict::TooLittleEvidence
        } else if r < settings.hold_threshold {
            Verdict::TooUnreliable
        } else if !below_held {
            Verdict::RungBelowNotHeld
        } else {
            Verdict::Held
        };
        let held = verdict == Verdict::Held;
        below_held = held;
        RungScore {
            level,
            evidence: t.evidence,
            kept: t.kept,
            reliability: r,
            held,
            resolved: t.resolved,
            verdict,
        }
    });

    let trust_level = rungs.iter().rev().find(|r| r.held).map(|r| r.level);
    let recent = trust_level.map(|level| {
        let t = tally[level.index()];
        RecentRecord {
            level,
            // The window is a setting from the file: one longer than the calendar reaches
            // back starts at its first day rather than panicking.
            since: today
                .checked_sub_days(chrono::Days::new(u64::from(settings.slip_window_days)))
                .unwrap_or(NaiveDate::MIN),
            resolved: t.recent_n,
            reliability: reliability(t.recent_n as f64, t.recent_value),
        }
    });
    let slipping = recent.as_ref().is_some_and(|r| {
        r.resolved >= settings.slip_min_resolved as usize && r.reliability < settings.slip_threshold
    });
    let ready = !slipping
        && trust_level.is_some_and(|level| {
            let top = &rungs[level.index()];
            level.up().is_some_and(|next| tally[next.index()].open == 0)
                && top.evidence >= settings.ready_evidence
                && top.reliability >= settings.ready_threshold
        });
    Standing {
        direction,
        rungs,
        trust_level,
        recent,
        slipping,
        ready,
        open_at: tally.map(|t| t.open),
    }
}

impl Standing {
    /// The rung attention should move to: one rung down from a slipping top rung (or tasks
    /// themselves when tasks are slipping).
    pub fn focus(&self) -> Option<Level> {
        if !self.slipping {
            return None;
        }
        self.trust_level.map(|top| top.down().unwrap_or(top))
    }

    /// The focus advice in words, when the top rung is slipping.
    pub fn focus_text(&self) -> Option<String> {
        let top = self.trust_level?;
        if !self.slipping {
            return None;
        }
        let whose = match self.direction {
            Direction::Theirs => "their",
            Direction::Mine => "your",
        };
        Some(match top {
            Level::Task => format!(
                "Tasks are slipping: check in on {whose} day-to-day delivery before anything bigger."
            ),
            Level::Result => {
                format!("Results are slipping: look at how {whose} tasks are being delivered.")
            }
            Level::Impact => {
                format!("Ongoing impact is slipping: look at {whose} one-time results.")
            }
        })
    }

    /// One sentence on what to do next: focus, step up, keep going, or start building.
    pub fn advice(&self, settings: &Settings) -> String {
        if let Some(focus) = self.focus_text() {
            return focus;
        }
        let (subject, object, entrust) = match self.direction {
            Direction::Theirs => ("they", "them", "entrust them with"),
            Direction::Mine => ("you", "you", "offer"),
        };
        match self.trust_level {
            None => format!(
                "Building: {entrust} small tasks and log how they go (tasks are held from evidence {:.1} at {:.0}% reliability).",
                settings.min_evidence,
                settings.hold_threshold * 100.0
            ),
            Some(level) if self.ready => {
                let next = level.up().unwrap_or(level);
                format!("Ready for {}: {entrust} {}.", next.title(), example(next))
            }
            Some(Level::Impact) => format!("Trusted with ongoing impact: keep {object} there."),
            Some(level) => {
                let next = level.up().unwrap_or(level);
                if self.open_at[next.index()] > 0 {
                    format!(
                        "Holding {}; {} open at {} will show how {subject} do one rung up.",
                        level.title(),
                        plural(self.open_at[next.index()], "promise"),
                        next.title()
                    )
                } else {
                    format!(
                        "Holding {}: more kept {} builds the record toward {}.",
                        level.title(),
                        level.title(),
                        next.title()
                    )
                }
            }
        }
    }

    /// Every figure and rule behind the level, one line each, for `review` and the person view.
    pub fn explain(&self, settings: &Settings) -> Vec<String> {
        let mut lines = Vec::new();
        lines.push(match self.trust_level {
            None => "Level none (building): the tasks rung is not held yet.".to_string(),
            Some(level) => {
                let above = level
                    .up()
                    .map(|up| format!("; {} is not", up.title()))
                    .unwrap_or_default();
                format!(
                    "Level {level}: the highest rung held is {}{above}.",
                    level.title()
                )
            }
        });
        for rung in &self.rungs {
            lines.push(explain_rung(rung, settings));
        }
        if let Some(recent) = &self.recent {
            let (shown, slip) = percent_pair(recent.reliability, settings.slip_threshold);
            let verdict = if self.slipping {
                format!(
                    "below {slip}: slipping, focus moves to {}.",
                    self.focus().unwrap_or(recent.level).title()
                )
            } else if recent.resolved < settings.slip_min_resolved as usize {
                format!(
                    "fewer than {} resolved, too few to call slipping.",
                    settings.slip_min_resolved
                )
            } else {
                format!("not below {slip}: not slipping.")
            };
            lines.push(format!(
                "Recent {} since {}: {} resolved, plain reliability {shown}, {verdict}",
                recent.level.title(),
                recent.since,
                recent.resolved,
            ));
        }
        if let Some(level) = self.trust_level {
            let top = &self.rungs[level.index()];
            let line = match level.up() {
                None => "Ready: no rung above ongoing impact.".to_string(),
                Some(next) if self.ready => {
                    let (e, min_e) = evidence_pair(top.evidence, settings.ready_evidence);
                    let (r, min_r) = percent_pair(top.reliability, settings.ready_threshold);
                    format!(
                        "Ready for {}: evidence {e} ≥ {min_e} and reliability {r} ≥ {min_r} at {}, not slipping, nothing open at {}.",
                        next.title(),
                        level.title(),
                        next.title()
                    )
                }
                Some(next) => {
                    let mut why = Vec::new();
                    if top.evidence < settings.ready_evidence {
                        let (e, min_e) = evidence_pair(top.evidence, settings.ready_evidence);
                        why.push(format!("evidence {e} < {min_e}"));
                    }
                    if top.reliability < settings.ready_threshold {
                        let (r, min_r) = percent_pair(top.reliability, settings.ready_threshold);
                        why.push(format!("reliability {r} < {min_r}"));
                    }
                    if self.slipping {
                        why.push("slipping".to_string());
                    }
                    let open = self.open_at[next.index()];
                    if open > 0 {
                        why.push(format!(
                            "{} open at {}",
                            plural(open, "promise"),
                            next.title()
                        ));
                    }
                    format!("Not yet ready for {}: {}.", next.title(), why.join(", "))
                }
            };
            lines.push(line);
        }
        lines
    }
}

fn explain_rung(rung: &RungScore, settings: &Settings) -> String {
    let figures = format!(
        "{}: {} resolved, evidence {:.2}, kept {:.2}, reliability {:.0}%",
        rung.level.title(),
        rung.resolved,
        rung.evidence,
        rung.kept,
        rung.reliability * 100.0
    );
    let rule = match rung.verdict {
        Verdict::Held => format!(
            "held (evidence ≥ {:.1}, reliability ≥ {:.0}%)",
            settings.min_evidence,
            settings.hold_threshold * 100.0
        ),
        Verdict::TooLittleEvidence => {
            let (e, min_e) = evidence_pair(rung.evidence, settings.min_evidence);
            format!("not held: evidence {e} < {min_e}")
        }
        Verdict::TooUnreliable => {
            let (r, min_r) = percent_pair(rung.reliability, settings.hold_threshold);
            format!("not held: reliability {r} < {min_r}")
        }
        Verdict::RungBelowNotHeld => {
            "meets its thresholds but not held: the rung below is not held".to_string()
        }
    };
    format!("{figures} → {rule}")
}

/// Formats a figure and the threshold it is compared with, with `decimals` and
/// `threshold_decimals` digits, adding digits (to the figure first) while rounding would show
/// them in another order than they really are ("evidence 3.00 < 3.0" for 2.996), so a
/// comparison on screen never contradicts itself.
fn compared(
    value: f64,
    threshold: f64,
    decimals: usize,
    threshold_decimals: usize,
) -> (String, String) {
    let truth = value.partial_cmp(&threshold);
    for t in threshold_decimals..=threshold_decimals + 17 {
        let bar = format!("{threshold:.t$}");
        for v in decimals..=decimals + 17 {
            let shown = format!("{value:.v$}");
            let order = shown
                .parse::<f64>()
                .ok()
                .zip(bar.parse::<f64>().ok())
                .and_then(|(a, b)| a.partial_cmp(&b));
            if order == truth {
                return (shown, bar);
            }
        }
    }
    (value.to_string(), threshold.to_string())
}

/// Evidence and its threshold, as in "evidence 2.50 < 3.0"; see [`compared`].
fn evidence_pair(value: f64, threshold: f64) -> (String, String) {
    compared(value, threshold, 2, 1)
}

/// A reliability and its threshold as percentages, as in "80% < 85%"; see [`compared`].
fn percent_pair(value: f64, threshold: f64) -> (String, String) {
    let (v, t) = compared(value * 100.0, threshold * 100.0, 0, 0);
    (format!("{v}%"), format!("{t}%"))
}

fn example(level: Level) -> &'static str {
    match level {
        Level::Task => "a concrete task",
        Level::Result => "an outcome to own end to end",
        Level::Impact => "a continuing responsibility with its own targets",
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Which way someone's standing moved over the last month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Up,
    Flat,
    Down,
}

impl Trend {
    /// An arrow for tables.
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Up => "↑",
            Trend::Flat => "→",
            Trend::Down => "↓",
        }
    }
}

/// How many days back the trend compares with.
pub const TREND_DAYS: u64 = 30;

/// Compares a standing with the one [`TREND_DAYS`] earlier: a level change decides; otherwise
/// the reliability of the rung being worked on (the top held one, or tasks) moving by more
/// than two points.
pub fn trend(now: &Standing, before: &Standing) -> Trend {
    match now.trust_level.cmp(&before.trust_level) {
        std::cmp::Ordering::Greater => return Trend::Up,
        std::cmp::Ordering::Less => return Trend::Down,
        std::cmp::Ordering::Equal => {}
    }
    let rung = now.trust_level.map_or(0, Level::index);
    let delta = now.rungs[rung].reliability - before.rungs[rung].reliability;
    if delta > 0.02 {
        Trend::Up
    } else if delta < -0.02 {
        Trend::Down
    } else {
        Trend::Flat
    }
}

/// Everything the views and `review` show about one colleague.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub person: PersonId,
    /// Their trust level, from their promises to me.
    pub theirs: Standing,
    /// My credibility with them, from my promises to them.
    pub mine: Standing,
    /// Open promises in both directions.
    pub open: usize,
    /// Open promises past their due date, both directions.
    pub overdue: usize,
    pub trend: Trend,
}

/// Reviews one person from their promises.
pub fn review(
    person: PersonId,
    promises: &[&Promise],
    settings: &Settings,
    today: NaiveDate,
) -> Review {
    let theirs = standing(promises.iter().copied(), Direction::Theirs, settings, today);
    let mine = standing(promises.iter().copied(), Direction::Mine, settings, today);
    let before = standing(
        promises.iter().copied(),
        Direction::Theirs,
        settings,
        today - chrono::Days::new(TREND_DAYS),
    );
    let open = promises.iter().filter(|p| p.status == Status::Open).count();
    let overdue = promises.iter().filter(|p| p.is_overdue(today)).count();
    Review {
        person,
        trend: trend(&theirs, &before),
        theirs,
        mine,
        open,
        overdue,
    }
}

/// Reviews every person in the ledger (archived too), in the ledger's person order, with one
/// pass over the promises.
pub fn review_all(ledger: &Ledger, today: NaiveDate) -> Vec<Review> {
    let mut by_person: HashMap<PersonId, Vec<&Promise>> = HashMap::new();
    for p in &ledger.promises {
        by_person.entry(p.person).or_default().push(p);
    }
    ledger
        .people
        .iter()
        .map(|person| {
            let promises = by_person.get(&person.id).map_or(&[][..], Vec::as_slice);
            review(person.id, promises, &ledger.settings, today)
        })
        .collect()
}

/// Reviews one person.
pub fn review_person(ledger: &Ledger, person: PersonId, today: NaiveDate) -> Review {
    let promises: Vec<&Promise> = ledger.promises_of(person).collect();
    review(person, &promises, &ledger.settings, today)
}

/// Reliability per rung at the end of each of the last `months` months (the current month
/// ending today), oldest first: the "trust over time" chart.
pub fn history(
    promises: &[&Promise],
    direction: Direction,
    settings: &Settings,
    today: NaiveDate,
    months: u32,
) -> Vec<(NaiveDate, [f64; 3])> {
    let mut points = Vec::with_capacity(months as usize);
    for back in (0..months).rev() {
        let Some(month) = today
            .with_day(1)
            .and_then(|first| first.checked_sub_months(chrono::Months::new(back)))
        else {
            continue;
        };
        let day = if back == 0 {
            today
        } else {
            end_of_month(month).unwrap_or(month)
        };
        let s = standing(promises.iter().copied(), direction, settings, day);
        points.push((day, s.rungs.map(|r| r.reliability)));
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_iso;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    const TODAY: &str = "2026-11-24";

    /// Builds promises from (level, status, days ago) triples, all theirs.
    fn record(spec: &[(Level, Status, i64)]) -> Vec<Promise> {
        let today = d(TODAY);
        spec.iter()
            .enumerate()
            .map(|(i, &(level, status, ago))| {
                let on = today - chrono::Duration::days(ago);
                Promise {
                    id: crate::core::PromiseId(i as u64 + 1),
                    uid: crate::core::Uid::derived(&format!("ladder test {i}")),
                    changed: crate::core::Timestamp::start_of(on),
                    person: crate::core::PersonId(1),
                    direction: Direction::Theirs,
                    level,
                    what: format!("p{i}"),
                    made: on - chrono::Duration::days(10),
                    due: None,
                    status,
                    resolved: status.is_resolved().then_some(on),
                    note: String::new(),
                }
            })
            .collect()
    }

    fn score(spec: &[(Level, Status, i64)]) -> Standing {
        standing(
            &record(spec),
            Direction::Theirs,
            &Settings::default(),
            d(TODAY),
        )
    }

    fn n(level: Level, status: Status, count: usize) -> Vec<(Level, Status, i64)> {
        vec![(level, status, 0); count]
    }

    use Level::{Impact, Result as Res, Task};
    use Status::{Broken, Kept, KeptLate, Open, Released};

    #[test]
    fn worked_examples_of_the_design() {
        struct Case {
            name: &'static str,
            spec: Vec<(Level, Status, i64)>,
            level: Option<Level>,
            task_r: f64,
        }
        let cases = [
            Case {
                name: "3 kept tasks",
                spec: n(Task, Kept, 3),
                level: Some(Task),
                task_r: 0.80,
            },
            Case {
                name: "4 kept + 1 broken task",
                spec: [n(Task, Kept, 4), n(Task, Broken, 1)].concat(),
                level: Some(Task),
                task_r: 5.0 / 7.0,
            },
            Case {
                name: "3 kept + 1 broken task",
                spec: [n(Task, Kept, 3), n(Task, Broken, 1)].concat(),
                level: None,
                task_r: 4.0 / 6.0,
            },
            Case {
                name: "3 kept tasks and 3 kept results",
                spec: [n(Task, Kept, 3), n(Res, Kept, 3)].concat(),
                level: Some(Res),
                task_r: 0.80,
            },
            Case {
                name: "0 tasks and 5 kept results",
                spec: n(Res, Kept, 5),
                level: None,
                task_r: 0.50,
            },
            Case {
                name: "2 kept tasks: too little evidence",
                spec: n(Task, Kept, 2),
                level: None,
                task_r: 0.75,
            },
            Case {
                name: "released and open do not count",
                spec: [n(Task, Kept, 2), n(Task, Released, 4), n(Task, Open, 3)].concat(),
                level: None,
                task_r: 0.75,
            },
            Case {
                name: "kept late counts half",
                spec: [n(Task, Kept, 4), n(Task, KeptLate, 2)].concat(),
                level: Some(Task),
                task_r: 6.0 / 8.0,
            },
            Case {
                name: "all three rungs",
                spec: [n(Task, Kept, 3), n(Res, Kept, 3), n(Impact, Kept, 3)].concat(),
                level: Some(Impact),
                task_r: 0.80,
            },
        ];
        for case in cases {
            let s = score(&case.spec);
            assert_eq!(s.trust_level, case.level, "{}", case.name);
            assert!(
                (s.rungs[0].reliability - case.task_r).abs() < 1e-9,
                "{}: R {}",
                case.name,
                s.rungs[0].reliability
            );
        }
    }

    #[test]
    fn kept_late_exact_figures() {
        // 2 kept, 2 kept late: E=4, K=3, R=4/6 < 0.70 → not held.
        let s = score(&[n(Task, Kept, 2), n(Task, KeptLate, 2)].concat());
        let t = &s.rungs[0];
        assert_eq!((t.evidence, t.kept, t.resolved), (4.0, 3.0, 4));
        assert_eq!(t.verdict, Verdict::TooUnreliable);
    }

    #[test]
    fn bottom_up_verdict_is_named() {
        let s = score(&n(Res, Kept, 5));
        assert_eq!(s.rungs[0].verdict, Verdict::TooLittleEvidence);
        assert_eq!(s.rungs[1].verdict, Verdict::RungBelowNotHeld);
        assert!(!s.rungs[1].held);
    }

    #[test]
    fn decay_halves_every_half_life() {
        let settings = Settings::default();
        assert_eq!(weight(0, &settings), 1.0);
        assert!((weight(180, &settings) - 0.5).abs() < 1e-12);
        assert!((weight(360, &settings) - 0.25).abs() < 1e-12);
        // A record a year old (365 days) counts for about a quarter.
        let s = score(&[(Task, Kept, 365)]);
        assert!((s.rungs[0].evidence - 0.5_f64.powf(365.0 / 180.0)).abs() < 1e-12);
        assert!((s.rungs[0].evidence - 0.245).abs() < 0.001);
    }

    #[test]
    fn old_evidence_stops_holding_a_rung() {
        // Four kept tasks a year ago: E≈0.98 < 3 → not held any more.
        let s = score(&[(Task, Kept, 360); 4]);
        assert!((s.rungs[0].evidence - 1.0).abs() < 1e-9);
        assert_eq!(s.trust_level, None);
        // Twelve kept tasks a year ago still give E=3.
        let s = score(&[(Task, Kept, 360); 12]);
        assert_eq!(s.trust_level, Some(Task));
    }

    #[test]
    fn future_outcomes_do_not_count() {
        let s = score(&[(Task, Kept, -1), (Task, Kept, 0)]);
        assert_eq!(s.rungs[0].resolved, 1);
    }

    #[test]
    fn slipping_moves_focus_one_rung_down() {
        // Results held from old evidence, then two broken results recently.
        let mut spec = n(Task, Kept, 6);
        spec.extend(vec![(Res, Kept, 120); 12]);
        spec.extend(vec![(Res, Broken, 10); 2]);
        let s = score(&spec);
        assert_eq!(s.trust_level, Some(Res), "{:?}", s.rungs[1]);
        let recent = s.recent.as_ref().unwrap();
        assert_eq!(recent.resolved, 2);
        assert_eq!(recent.reliability, 0.25);
        assert!(s.slipping);
        assert!(!s.ready);
        assert_eq!(s.focus(), Some(Task));
        assert_eq!(
            s.focus_text().unwrap(),
            "Results are slipping: look at how their tasks are being delivered."
        );
    }

    #[test]
    fn impact_slipping_points_at_results() {
        let mut spec = n(Task, Kept, 5);
        spec.extend(n(Res, Kept, 5));
        spec.extend(vec![(Impact, Kept, 100); 12]);
        spec.extend(vec![(Impact, Broken, 5); 2]);
        let s = score(&spec);
        assert_eq!(s.trust_level, Some(Impact));
        assert_eq!(s.focus(), Some(Res));
        assert!(s.focus_text().unwrap().contains("one-time results"));
    }

    #[test]
    fn one_recent_miss_is_not_slipping() {
        let mut spec = n(Task, Kept, 6);
        spec.push((Task, Broken, 1));
        let s = score(&spec);
        assert_eq!(s.trust_level, Some(Task));
        assert_eq!(s.recent.as_ref().unwrap().resolved, 7);
        assert!(!s.slipping);
    }

    #[test]
    fn slip_window_is_ninety_days_inclusive() {
        let mut spec = n(Task, Kept, 10);
        spec.extend(vec![(Task, Broken, 90); 2]);
        spec.extend(vec![(Task, Broken, 91); 3]);
        let s = score(&spec);
        assert_eq!(s.trust_level, Some(Task));
        // Inside the window: 10 kept today and the 2 broken 90 days ago, not those of 91.
        let recent = s.recent.unwrap();
        assert_eq!(recent.resolved, 12);
        assert_eq!(recent.reliability, 11.0 / 14.0);
        assert_eq!(recent.since, d("2026-08-26"));
    }

    #[test]
    fn a_slip_window_reaching_before_the_calendar_does_not_panic() {
        // The window comes from the data file; a hand-edited one far longer than the calendar
        // reaches back must still score, counting every resolution as recent.
        let settings = Settings {
            slip_window_days: u32::MAX,
            ..Settings::default()
        };
        let promises = record(&[n(Task, Kept, 3), vec![(Task, Broken, 400)]].concat());
        let s = standing(&promises, Direction::Theirs, &settings, d(TODAY));
        let recent = s.recent.unwrap();
        assert_eq!(recent.since, NaiveDate::MIN);
        assert_eq!(recent.resolved, 4);
    }

    #[test]
    fn ready_needs_strong_record_and_nothing_open_above() {
        let s = score(&n(Task, Kept, 5));
        // E=5, R=6/7≈0.857 ≥ 0.85
        assert!(s.ready);
        let mut spec = n(Task, Kept, 5);
        spec.push((Res, Open, 0));
        let s = score(&spec);
        assert!(!s.ready);
        assert_eq!(s.open_at, [0, 1, 0]);
        let s = score(&[n(Task, Kept, 4), n(Task, Broken, 1)].concat());
        assert!(!s.ready, "R≈0.714 < 0.85");
        let s = score(&[n(Task, Kept, 5), n(Res, Kept, 5), n(Impact, Kept, 5)].concat());
        assert!(!s.ready, "no rung above impact");
    }

    #[test]
    fn explanation_names_every_figure_and_rule() {
        let s = score(&[n(Task, Kept, 3), n(Res, Kept, 1)].concat());
        let lines = s.explain(&Settings::default());
        assert_eq!(
            lines[0],
            "Level task: the highest rung held is tasks; results is not."
        );
        assert_eq!(
            lines[1],
            "tasks: 3 resolved, evidence 3.00, kept 3.00, reliability 80% → held (evidence ≥ 3.0, reliability ≥ 70%)"
        );
        assert_eq!(
            lines[2],
            "results: 1 resolved, evidence 1.00, kept 1.00, reliability 67% → not held: evidence 1.00 < 3.0"
        );
        assert!(lines[4].starts_with("Recent tasks since 2026-08-26: 3 resolved"));
        assert_eq!(
            lines[5],
            "Not yet ready for results: evidence 3.00 < 5.0, reliability 80% < 85%."
        );
    }

    #[test]
    fn comparisons_on_screen_never_look_equal() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(evidence_pair(2.996, 3.0), pair("2.996", "3.0"));
        assert_eq!(evidence_pair(2.5, 3.0), pair("2.50", "3.0"));
        assert_eq!(evidence_pair(3.0, 3.0), pair("3.00", "3.0"));
        assert_eq!(evidence_pair(2.5499, 2.55), pair("2.5499", "2.55"));
        assert_eq!(percent_pair(0.849, 0.85), pair("84.9%", "85%"));
        assert_eq!(percent_pair(0.8, 0.85), pair("80%", "85%"));
        // 3 kept today and 1 kept yesterday: E = 3 + 0.5^(1/180) ≈ 3.996, shown as 4.00 in
        // the figures; a rung of 2 today and 1 yesterday (E ≈ 2.996) says why it is not held.
        let s = score(&[n(Task, Kept, 2), vec![(Task, Kept, 1)]].concat());
        assert!(
            s.explain(&Settings::default())[1].ends_with("not held: evidence 2.996 < 3.0"),
            "{:?}",
            s.explain(&Settings::default())
        );
    }

    #[test]
    fn advice_reads_well_in_both_directions() {
        let mut spec = n(Task, Kept, 3);
        spec.push((Res, Open, 0));
        let s = score(&spec);
        assert_eq!(
            s.advice(&Settings::default()),
            "Holding tasks; 1 promise open at results will show how they do one rung up."
        );
    }

    #[test]
    fn directions_are_scored_apart() {
        let mut promises = record(&n(Task, Kept, 3));
        promises.extend(record(&n(Task, Broken, 3)).into_iter().map(|mut p| {
            p.direction = Direction::Mine;
            p
        }));
        let refs: Vec<&Promise> = promises.iter().collect();
        let r = review(
            crate::core::PersonId(1),
            &refs,
            &Settings::default(),
            d(TODAY),
        );
        assert_eq!(r.theirs.trust_level, Some(Task));
        assert_eq!(r.mine.trust_level, None);
        assert_eq!(r.mine.rungs[0].reliability, 0.2);
    }

    #[test]
    fn reviews_score_with_the_settings_stored_in_the_ledger() {
        // Two kept tasks and two kept late: with the defaults E=4, K=3, R=4/6, not held.
        let mut ledger = Ledger::default();
        let person = ledger.add_person("Priya", "", "", d(TODAY)).unwrap();
        ledger.promises = record(&[n(Task, Kept, 2), n(Task, KeptLate, 2)].concat());
        let r = review_person(&ledger, person, d(TODAY));
        assert_eq!(r.theirs.trust_level, None);
        // A team that counts a late delivery as kept holds tasks: K=4, R=5/6.
        ledger.settings.kept_late_value = 1.0;
        let r = &review_all(&ledger, d(TODAY))[0];
        assert_eq!(r.theirs.rungs[0].kept, 4.0);
        assert_eq!(r.theirs.trust_level, Some(Task));
        // And one that asks for more evidence does not.
        ledger.settings.min_evidence = 4.5;
        let r = review_person(&ledger, person, d(TODAY));
        assert_eq!(r.theirs.rungs[0].verdict, Verdict::TooLittleEvidence);
    }

    #[test]
    fn a_slipping_top_rung_is_never_ready() {
        // Plenty of old kept tasks make E ≥ 5 and R ≥ 0.85, but the last two were broken.
        let mut spec = vec![(Task, Kept, 100); 30];
        spec.extend(vec![(Task, Broken, 3); 2]);
        let s = score(&spec);
        let top = &s.rungs[0];
        assert!(top.evidence >= 5.0 && top.reliability >= 0.85, "{top:?}");
        assert!(s.slipping);
        assert!(!s.ready);
    }

    #[test]
    fn trend_compares_with_a_month_ago() {
        let up = score(&n(Task, Kept, 3));
        let building = score(&n(Task, Kept, 1));
        assert_eq!(trend(&up, &building), Trend::Up);
        assert_eq!(trend(&building, &up), Trend::Down);
        assert_eq!(trend(&up, &up), Trend::Flat);
    }

    #[test]
    fn history_has_one_point_per_month_ending_today() {
        let promises = record(&[(Task, Kept, 40), (Task, Kept, 0)]);
        let refs: Vec<&Promise> = promises.iter().collect();
        let h = history(&refs, Direction::Theirs, &Settings::default(), d(TODAY), 3);
        let days: Vec<NaiveDate> = h.iter().map(|(day, _)| *day).collect();
        assert_eq!(days, vec![d("2026-09-30"), d("2026-10-31"), d(TODAY)]);
        assert_eq!(h[0].1[0], 0.5);
        assert!(h[1].1[0] > 0.5 && h[2].1[0] > h[1].1[0]);
    }
}
