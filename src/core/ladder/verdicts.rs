//! What a manager acts on, beyond the level: which rungs are slipping, whether someone is
//! ready for a bigger promise and what stands in the way, the notes (quiet, renegotiates,
//! late, overdue, tried) and the trend. Each is a fact with its figures; the words are made
//! from them in `words`.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::scoring::{RungScore, value};
use crate::core::dates::days_between;
use crate::core::model::{Direction, Level, Promise, PromiseId, Status};
use crate::core::settings::Settings;

/// The slipping check at one rung: that rung's own promises resolved inside the window, with
/// promises long overdue counted as broken.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlipCheck {
    pub level: Level,
    /// The first day inside the window.
    pub since: NaiveDate,
    /// The earliest day among the promises counted, for "since 1 Oct".
    pub first: Option<NaiveDate>,
    /// How many promises were counted (`n`).
    pub resolved: usize,
    /// How many of them were kept, on time or late.
    pub delivered: usize,
    /// How many were broken, overdue ones included.
    pub broken: usize,
    /// How many of the broken ones are open promises long past due.
    pub overdue: usize,
    /// Their plain reliability `(k + 1) / (n + 2)`, `k` the sum of their values.
    pub reliability: f64,
    pub slipping: bool,
}

/// A fact about someone's record worth a manager's attention, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// They have resolved promises, but none inside `quiet_days`; `since` is the last day one
    /// was resolved.
    Quiet { since: NaiveDate },
    /// Of the `total` promises resolved or released inside the window, `released` were
    /// released: a habit of renegotiating.
    Renegotiates { released: usize, total: usize },
    /// Inside the window, `delivered` of `resolved` promises were kept, only `on_time` of
    /// them on time.
    Late {
        delivered: usize,
        resolved: usize,
        on_time: usize,
    },
    /// `count` open promises are past their due date; the oldest, `promise`, by `days` days.
    Overdue {
        count: usize,
        days: i64,
        promise: PromiseId,
        what: String,
    },
    /// The rung above the level already has a bad record of its own: `delivered` of
    /// `resolved` kept, a score of `score` from evidence `evidence`.
    Tried {
        level: Level,
        delivered: usize,
        resolved: usize,
        evidence: f64,
        score: f64,
    },
}

impl Blocker {
    /// A streak short only because fewer promises are counted than it needs, none missed and
    /// enough of them on time that the next ones on time would make it: the slow build-up
    /// of a record, said as too little evidence is.
    pub fn streak_short_only(&self, settings: &Settings) -> bool {
        let (need, on_time_need) = (
            settings.ready_streak as usize,
            settings.ready_streak_on_time as usize,
        );
        matches!(self, Blocker::Streak { of, delivered, on_time }
            if of < &need && delivered == of && on_time + (need - of) >= on_time_need)
    }

    /// How many of a streak came late, when lateness alone is what holds it back (every
    /// one kept, too few on time).
    pub fn streak_late(&self, settings: &Settings) -> Option<usize> {
        match self {
            Blocker::Streak {
                of,
                delivered,
                on_time,
            } if !self.streak_short_only(settings)
                && delivered == of
                && *on_time < settings.ready_streak_on_time as usize =>
            {
                Some(of - on_time)
            }
            _ => None,
        }
    }
}

impl Note {
    /// The note's name in files and JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Note::Quiet { .. } => "quiet",
            Note::Renegotiates { .. } => "renegotiates",
            Note::Late { .. } => "late",
            Note::Overdue { .. } => "overdue",
            Note::Tried { .. } => "tried",
        }
    }
}

/// One reason someone is not yet ready for the next rung.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Blocker {
    /// The top held rung's evidence is below `ready_evidence`.
    Evidence { have: f64, need: f64 },
    /// Its score is below `ready_threshold`.
    Score { have: f64, need: f64 },
    /// Of the latest `of` promises counted there (fewer than `ready_streak` when there are
    /// not that many yet), `delivered` were kept and `on_time` on time.
    Streak {
        of: usize,
        delivered: usize,
        on_time: usize,
    },
    /// A rung is slipping.
    Slipping,
    /// `count` promises are more than `overdue_grace_days` past due.
    Overdue { count: usize },
    /// `count` promises are already open at the next rung.
    OpenAbove { count: usize },
    /// The next rung's own record is bad (the `tried` note).
    Tried,
    /// They renegotiate often (the `renegotiates` note).
    Renegotiates,
}

/// Whether the rung above the top held one can be suggested: ready when nothing blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadyCheck {
    pub next: Level,
    pub blockers: Vec<Blocker>,
}

/// Which way someone's standing is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// The level is higher than `trend_days` ago.
    Up,
    /// Neither.
    Flat,
    /// A rung is slipping.
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

#[derive(Default, Clone, Copy)]
struct SlipTally {
    first: Option<NaiveDate>,
    resolved: usize,
    delivered: usize,
    broken: usize,
    overdue: usize,
    value: f64,
}

impl SlipTally {
    /// Counts one promise dated `on` with value `v`, kept (`delivered`) or broken.
    fn add(&mut self, on: NaiveDate, v: f64, delivered: bool) {
        self.first = Some(self.first.map_or(on, |f| f.min(on)));
        self.resolved += 1;
        self.value += v;
        if delivered {
            self.delivered += 1;
        } else {
            self.broken += 1;
        }
    }
}

/// Everything one pass over a person's promises in one direction tells about the recent
/// past: the slipping tallies per rung, open and overdue promises, and the notes' figures.
#[derive(Default)]
pub(super) struct Recent {
    slip: [SlipTally; 3],
    pub(super) open_at: [usize; 3],
    /// Open promises more than the grace period past due.
    pub(super) long_overdue: usize,
    /// Open promises past due: how many, and the oldest (days, id, text).
    overdue: usize,
    oldest_overdue: Option<(i64, PromiseId, String)>,
    last_resolution: Option<NaiveDate>,
    renegotiate_total: usize,
    renegotiate_released: usize,
    late_resolved: usize,
    late_delivered: usize,
    late_on_time: usize,
}

/// The first day of a window `days` long ending on `today`; a window longer than the
/// calendar reaches back starts at its first day.
fn window_start(today: NaiveDate, days: u32) -> NaiveDate {
    crate::core::dates::days_before(today, days)
}

impl Recent {
    /// Scans the promises of `direction` as they stand on `today`, an outcome dated later (a
    /// machine whose clock is ahead made it) as made today.
    pub(super) fn scan<'a>(
        promises: impl IntoIterator<Item = &'a Promise>,
        direction: Direction,
        settings: &Settings,
        today: NaiveDate,
    ) -> Recent {
        let mut r = Recent::default();
        for p in promises {
            if p.direction != direction {
                continue;
            }
            match p.resolved {
                Some(on) => r.add_resolved(p, on.min(today), settings, today),
                None => r.add_open(p, settings, today),
            }
        }
        r
    }

    fn add_open(&mut self, p: &Promise, settings: &Settings, today: NaiveDate) {
        let rung = p.level.index();
        self.open_at[rung] += 1;
        let Some(due) = p.due else { return };
        let late_by = days_between(due, today);
        if late_by <= 0 {
            return;
        }
        self.overdue += 1;
        let older = self
            .oldest_overdue
            .as_ref()
            .is_none_or(|(days, id, _)| late_by > *days || (late_by == *days && p.id < *id));
        if older {
            self.oldest_overdue = Some((late_by, p.id, p.what.clone()));
        }
        let grace = i64::from(settings.overdue_grace_days);
        if late_by <= grace {
            return;
        }
        self.long_overdue += 1;
        // Counted as broken on the day the grace ran out, when that day is inside the window.
        if late_by - grace <= i64::from(settings.slip_window_days) {
            let on = due
                .checked_add_days(Days::new(u64::from(settings.overdue_grace_days)))
                .unwrap_or(today);
            self.slip[rung].add(on, 0.0, false);
            self.slip[rung].overdue += 1;
        }
    }

    fn add_resolved(&mut self, p: &Promise, on: NaiveDate, settings: &Settings, today: NaiveDate) {
        let age = days_between(on, today);
        // Released ones included (DESIGN.md's quiet): a promise let go by agreement is still
        // news of them.
        self.last_resolution = Some(self.last_resolution.map_or(on, |l| l.max(on)));
        if age <= i64::from(settings.renegotiate_window_days) {
            self.renegotiate_total += 1;
            if p.status == Status::Released {
                self.renegotiate_released += 1;
            }
        }
        let Some(v) = value(p.status, settings) else {
            return;
        };
        if age <= i64::from(settings.slip_window_days) {
            self.slip[p.level.index()].add(on, v, p.status != Status::Broken);
        }
        if age <= i64::from(settings.late_window_days) {
            self.late_resolved += 1;
            if p.status != Status::Broken {
                self.late_delivered += 1;
            }
            if p.status == Status::Kept {
                self.late_on_time += 1;
            }
        }
    }

    /// The slipping check at `level`.
    pub(super) fn slip_check(
        &self,
        level: Level,
        settings: &Settings,
        today: NaiveDate,
    ) -> SlipCheck {
        let t = self.slip[level.index()];
        let reliability = super::scoring::snapped((t.value + 1.0) / (t.resolved as f64 + 2.0));
        SlipCheck {
            level,
            since: window_start(today, settings.slip_window_days),
            first: t.first,
            resolved: t.resolved,
            delivered: t.delivered,
            broken: t.broken,
            overdue: t.overdue,
            reliability,
            slipping: t.broken >= settings.slip_min_broken(level) as usize
                && reliability < settings.slip_threshold,
        }
    }

    /// The notes these figures call for, in their fixed order (quiet, renegotiates, late,
    /// overdue), and `tried` last when given.
    pub(super) fn notes(
        &self,
        settings: &Settings,
        today: NaiveDate,
        tried: Option<Note>,
    ) -> Vec<Note> {
        let mut notes = Vec::new();
        if let Some(last) = self.last_resolution
            && days_between(last, today) > i64::from(settings.quiet_days)
        {
            notes.push(Note::Quiet { since: last });
        }
        let (released, total) = (self.renegotiate_released, self.renegotiate_total);
        // Nothing released is no renegotiating, whatever share the settings ask for.
        if total >= settings.renegotiate_min as usize
            && released > 0
            && released as f64 >= settings.renegotiate_share * total as f64
        {
            notes.push(Note::Renegotiates { released, total });
        }
        if self.late_delivered >= settings.late_min_delivered as usize
            && (self.late_on_time as f64) < settings.late_on_time_share * self.late_delivered as f64
        {
            notes.push(Note::Late {
                delivered: self.late_delivered,
                resolved: self.late_resolved,
                on_time: self.late_on_time,
            });
        }
        if let Some((days, promise, what)) = &self.oldest_overdue {
            notes.push(Note::Overdue {
                count: self.overdue,
                days: *days,
                promise: *promise,
                what: what.clone(),
            });
        }
        notes.extend(tried);
        notes
    }
}

/// The `tried` note when the rung above the level has a bad record of its own.
pub(super) fn tried(next: &RungScore, settings: &Settings) -> Option<Note> {
    let score = next.own_score();
    // No promise of its own resolved there is no record, bad or good, whatever evidence the
    // settings ask for.
    (next.counts.resolved() > 0
        && next.own_evidence >= settings.bad_record_evidence
        && score < settings.bad_record_threshold)
        .then(|| Note::Tried {
            level: next.level,
            delivered: next.counts.delivered(),
            resolved: next.counts.resolved(),
            evidence: next.own_evidence,
            score,
        })
}

/// The latest `ready_streak` promises counted at `level` (its own, and kept ones from the
/// rungs above), latest by resolution day (a day after `today` taken as today) and then by
/// number: how many there are, how many were kept and how many on time.
pub(super) fn streak<'a>(
    promises: impl IntoIterator<Item = &'a Promise>,
    direction: Direction,
    level: Level,
    settings: &Settings,
    today: NaiveDate,
) -> (usize, usize, usize) {
    let mut counted: Vec<(NaiveDate, PromiseId, Status)> = promises
        .into_iter()
        .filter(|p| p.direction == direction)
        .filter_map(|p| {
            let on = p.resolved?.min(today);
            let here = match p.status {
                Status::Kept | Status::KeptLate => p.level >= level,
                Status::Broken => p.level == level,
                Status::Open | Status::Released => false,
            };
            here.then_some((on, p.id, p.status))
        })
        .collect();
    counted.sort_unstable_by_key(|(on, id, _)| (*on, *id));
    let latest = &counted[counted.len().saturating_sub(settings.ready_streak as usize)..];
    let delivered = latest
        .iter()
        .filter(|(_, _, s)| *s != Status::Broken)
        .count();
    let on_time = latest.iter().filter(|(_, _, s)| *s == Status::Kept).count();
    (latest.len(), delivered, on_time)
}
