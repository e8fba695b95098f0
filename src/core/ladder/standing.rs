//! A person's standing in one direction: the rungs, the level, and every verdict drawn from
//! them, computed together so that they always agree.

use chrono::NaiveDate;
use serde::Serialize;

use super::scoring::{self, Counts, Later, RungScore, level_of};
use super::verdicts::{Blocker, Note, ReadyCheck, Recent, SlipCheck, Trend, streak, tried};
use crate::core::model::{Direction, Level, Promise};
use crate::core::settings::Settings;

/// A person's standing in one direction: their trust level (theirs) or my credibility with
/// them (mine), with everything that decided it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub direction: Direction,
    /// The day it was computed for.
    pub day: NaiveDate,
    pub rungs: [RungScore; 3],
    /// The highest rung held, `None` while still building.
    pub trust_level: Option<Level>,
    /// The slipping check at every rung up to one above the level, bottom first.
    pub slip_checks: Vec<SlipCheck>,
    /// The rungs whose check found them slipping, bottom first.
    pub slipping_rungs: Vec<Level>,
    /// Whether any rung is slipping.
    pub slipping: bool,
    /// The check for the rung above the level; `None` while building and at the top.
    pub ready_check: Option<ReadyCheck>,
    /// The rung suggested next, when nothing blocks it.
    pub ready_for: Option<Level>,
    /// Whether a rung is suggested next.
    pub ready: bool,
    pub notes: Vec<Note>,
    pub trend: Trend,
    /// The level `trend_days` before `day`, which the trend compares with.
    pub level_then: Option<Level>,
    /// Open promises at each rung, in this direction.
    pub open_at: [usize; 3],
}

/// Scores the promises of one person in one direction as they stand on `today`. Promises of
/// the other direction are skipped; an outcome dated after `today` (a machine whose clock is
/// ahead made it) counts as made today, as [`Later::Today`] says.
pub fn standing<'a, I>(
    promises: I,
    direction: Direction,
    settings: &Settings,
    today: NaiveDate,
) -> Standing
where
    I: IntoIterator<Item = &'a Promise> + Clone,
{
    let rungs = scoring::rungs(promises.clone(), direction, settings, today, Later::Today);
    let trust_level = level_of(&rungs);
    let recent = Recent::scan(promises.clone(), direction, settings, today);

    // Slipping is checked up to one rung above the level, so a rung that just stopped being
    // held because of its breaks is still seen failing.
    let top_checked = trust_level.map_or(Level::Task, |l| l.up().unwrap_or(l));
    let slip_checks: Vec<SlipCheck> = Level::ALL[..=top_checked.index()]
        .iter()
        .map(|&level| recent.slip_check(level, settings, today))
        .collect();
    let slipping_rungs: Vec<Level> = slip_checks
        .iter()
        .filter(|c| c.slipping)
        .map(|c| c.level)
        .collect();
    let slipping = !slipping_rungs.is_empty();

    let next = trust_level.and_then(Level::up);
    let tried = next.and_then(|n| tried(&rungs[n.index()], settings));
    let notes = recent.notes(settings, today, tried);
    let has = |kind: &str| notes.iter().any(|n| n.kind() == kind);

    let ready_check = trust_level.zip(next).map(|(level, next)| {
        let top = &rungs[level.index()];
        let mut blockers = Vec::new();
        if let Some(need) = settings.ready_evidence(level)
            && top.evidence < need
        {
            blockers.push(Blocker::Evidence {
                have: top.evidence,
                need,
            });
        }
        if top.reliability < settings.ready_threshold {
            blockers.push(Blocker::Score {
                have: top.reliability,
                need: settings.ready_threshold,
            });
        }
        let (of, delivered, on_time) = streak(promises.clone(), direction, level, settings, today);
        if of < settings.ready_streak as usize
            || delivered < of
            || on_time < settings.ready_streak_on_time as usize
        {
            blockers.push(Blocker::Streak {
                of,
                delivered,
                on_time,
            });
        }
        if slipping {
            blockers.push(Blocker::Slipping);
        }
        if recent.long_overdue > 0 {
            blockers.push(Blocker::Overdue {
                count: recent.long_overdue,
            });
        }
        let open = recent.open_at[next.index()];
        if open > 0 {
            blockers.push(Blocker::OpenAbove { count: open });
        }
        if has("tried") {
            blockers.push(Blocker::Tried);
        }
        if has("renegotiates") {
            blockers.push(Blocker::Renegotiates);
        }
        ReadyCheck { next, blockers }
    });
    let ready_for = ready_check
        .as_ref()
        .filter(|c| c.blockers.is_empty())
        .map(|c| c.next);

    // The level as it stood `trend_days` ago, from what was resolved by then; a level that
    // only faded with age is not a fall (the quiet note says why).
    let then = crate::core::dates::days_before(today, settings.trend_days);
    let level_then = level_of(&scoring::rungs(
        promises,
        direction,
        settings,
        then,
        Later::NotYet,
    ));
    let trend = if slipping {
        Trend::Down
    } else if trust_level > level_then {
        Trend::Up
    } else {
        Trend::Flat
    };

    Standing {
        direction,
        day: today,
        rungs,
        trust_level,
        slip_checks,
        slipping_rungs,
        slipping,
        ready_check,
        ready_for,
        ready: ready_for.is_some(),
        notes,
        trend,
        level_then,
        open_at: recent.open_at,
    }
}

impl Standing {
    /// The plain record over every rung: each promise once, at its own rung.
    pub fn record(&self) -> Counts {
        self.rungs
            .iter()
            .fold(Counts::default(), |all, r| all.plus(r.counts))
    }

    /// The check of the lowest slipping rung: the one the advice is about.
    pub fn failing(&self) -> Option<&SlipCheck> {
        self.slip_checks.iter().find(|c| c.slipping)
    }

    /// The rung attention should move to: one below the lowest slipping rung, or tasks
    /// themselves when tasks are slipping.
    pub fn focus(&self) -> Option<Level> {
        self.failing().map(|c| c.level.down().unwrap_or(c.level))
    }

    /// The note of the given kind, if there is one.
    pub fn note(&self, kind: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.kind() == kind)
    }
}
