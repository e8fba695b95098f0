//! The score of each rung: how much a resolved promise weighs, at which rungs it counts, and
//! whether a rung is held. The level is the highest rung held.
//!
//! A kept promise counts at its own rung and every rung below (keeping a result shows that
//! someone delivers tasks); a broken one counts only at its own. Each promise fades with the
//! half-life of its own rung, wherever it counts.

use chrono::NaiveDate;
use serde::Serialize;

use crate::core::dates::days_between;
use crate::core::model::{Direction, Level, Promise, Status};
use crate::core::settings::Settings;

/// Why a rung is or is not held: the rule that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Enough evidence, a high enough score, and every rung below held.
    Held,
    /// Evidence below the rung's `hold_evidence`.
    TooLittleEvidence,
    /// Enough evidence and a high enough score, but what was delivered (kept, on time or
    /// late) weighs less than `hold_evidence`: the failures made up the evidence. A broken
    /// promise never supplies the evidence a well-kept rung lacked, so breaking one never
    /// raises a level.
    TooLittleDelivered,
    /// Score below `hold_threshold`.
    TooUnreliable,
    /// Meets its own thresholds, but a rung below is not held (trust is earned bottom-up).
    RungBelowNotHeld,
}

/// Plain counts of a rung's own promises, resolved by the day scored: what a person can
/// check against the list of promises without any arithmetic.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub kept: usize,
    pub kept_late: usize,
    pub broken: usize,
    pub released: usize,
}

impl Counts {
    /// Counts one resolved promise; open ones are not counted.
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Kept => self.kept += 1,
            Status::KeptLate => self.kept_late += 1,
            Status::Broken => self.broken += 1,
            Status::Released => self.released += 1,
            Status::Open => {}
        }
    }

    /// Kept, on time or late.
    pub fn delivered(&self) -> usize {
        self.kept + self.kept_late
    }

    /// Kept, kept late or broken: the promises with an outcome that counts.
    pub fn resolved(&self) -> usize {
        self.delivered() + self.broken
    }

    /// These counts and `other`'s together.
    pub fn plus(self, other: Counts) -> Counts {
        Counts {
            kept: self.kept + other.kept,
            kept_late: self.kept_late + other.kept_late,
            broken: self.broken + other.broken,
            released: self.released + other.released,
        }
    }
}

/// The figures of one rung, one direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RungScore {
    pub level: Level,
    /// Weighted count of the promises counted here, `E = Σ w` (kept promises of the rungs
    /// above included).
    pub evidence: f64,
    /// Weighted value kept, `K = Σ w·value`.
    pub kept: f64,
    /// The weight of what was delivered, `Σ w` over the kept and kept-late promises counted
    /// here: the evidence less the failures.
    pub delivered: f64,
    /// The score, `(K + 1) / (E + 2)`: 50% with no evidence, which is shown as `–`.
    pub reliability: f64,
    pub held: bool,
    /// How many promises make up the evidence: this rung's own kept, kept late and broken
    /// ones, and the kept ones of the rungs above.
    pub resolved: usize,
    /// How many of those were kept (on time or late) at a rung above.
    pub from_above: usize,
    /// How many of those were kept late: with this rung's own kept late, the late ones a
    /// plain record counts here.
    pub late_from_above: usize,
    /// This rung's own promises.
    pub counts: Counts,
    /// Evidence of this rung's own promises only, for the "tried" check one rung up.
    pub own_evidence: f64,
    /// Weighted value kept of this rung's own promises only.
    pub own_kept: f64,
    pub verdict: Verdict,
}

impl RungScore {
    /// Whether anything counts here yet; without evidence the score means nothing.
    pub fn has_evidence(&self) -> bool {
        // By what was counted, not the weight: a record old enough (fifteen years at tasks)
        // weighs less than the nine decimals figures are kept to, and is still a record.
        self.resolved > 0
    }

    /// The promises counted here that were kept, on time or late, here or above.
    pub fn delivered(&self) -> usize {
        self.counts.delivered() + self.from_above
    }

    /// The score of this rung's own promises alone.
    pub fn own_score(&self) -> f64 {
        score(self.own_evidence, self.own_kept)
    }
}

/// The weight of a resolution `age_days` old at a half-life of `half_life_days`.
pub fn weight(age_days: i64, half_life_days: f64) -> f64 {
    0.5_f64.powf(age_days as f64 / half_life_days)
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

/// `(K + 1) / (E + 2)`: a score with a Laplace prior, 50% with no evidence.
pub fn score(evidence: f64, kept: f64) -> f64 {
    snapped((kept + 1.0) / (evidence + 2.0))
}

/// `x` to nine decimals. Sums of weights and values carry the rounding of binary fractions
/// (eight promises kept late at 0.8 sum to 6.3999…), which a comparison with a threshold
/// must not see: a score that is 70% by the rules meets a 70% threshold. Nine decimals are
/// far below anything shown or any setting.
pub fn snapped(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

#[derive(Default, Clone, Copy)]
struct Tally {
    evidence: f64,
    kept: f64,
    delivered: f64,
    resolved: usize,
    from_above: usize,
    late_from_above: usize,
    counts: Counts,
    own_evidence: f64,
    own_kept: f64,
}

/// How an outcome dated after the day being scored is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Later {
    /// As not yet made: on a day gone by, that promise was still open (the level a trend
    /// compares with, the chart's past months).
    NotYet,
    /// As made on the day: on today itself, an outcome dated later comes from a machine
    /// whose clock is ahead, and it counts as it shows everywhere else, resolved.
    Today,
}

impl Later {
    /// The day an outcome dated `on` counts on when scoring `day`, if it counts yet.
    pub fn counted_on(self, on: NaiveDate, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            _ if on <= day => Some(on),
            Later::NotYet => None,
            Later::Today => Some(day),
        }
    }
}

/// Scores the three rungs of one direction as they stood on `day`, taking outcomes dated
/// after it as `later` says, which lets the same function say where someone stood on any
/// past day. Promises of the other direction are skipped.
pub fn rungs<'a>(
    promises: impl IntoIterator<Item = &'a Promise>,
    direction: Direction,
    settings: &Settings,
    day: NaiveDate,
    later: Later,
) -> [RungScore; 3] {
    let mut tally = [Tally::default(); 3];
    for p in promises {
        if p.direction != direction {
            continue;
        }
        let Some(on) = p.resolved.and_then(|on| later.counted_on(on, day)) else {
            continue;
        };
        let age = days_between(on, day);
        let own = p.level.index();
        tally[own].counts.add(p.status);
        let Some(v) = value(p.status, settings) else {
            continue;
        };
        let w = weight(age, settings.half_life_days(p.level));
        tally[own].own_evidence += w;
        tally[own].own_kept += w * v;
        // Kept promises count here and at every rung below; broken ones only here.
        let lowest = if p.status == Status::Broken { own } else { 0 };
        for (i, t) in tally.iter_mut().enumerate().take(own + 1).skip(lowest) {
            t.evidence += w;
            t.kept += w * v;
            if p.status != Status::Broken {
                t.delivered += w;
            }
            t.resolved += 1;
            if i < own {
                t.from_above += 1;
                if p.status == Status::KeptLate {
                    t.late_from_above += 1;
                }
            }
        }
    }
    let mut below_held = true;
    Level::ALL.map(|level| {
        let mut t = tally[level.index()];
        for figure in [
            &mut t.evidence,
            &mut t.kept,
            &mut t.delivered,
            &mut t.own_evidence,
            &mut t.own_kept,
        ] {
            *figure = snapped(*figure);
        }
        let r = score(t.evidence, t.kept);
        // Nothing counted here holds nothing, whatever evidence the settings ask for: the
        // score of no evidence (50%) would decide it.
        let verdict = if t.resolved == 0 || t.evidence < settings.hold_evidence(level) {
            Verdict::TooLittleEvidence
        } else if r < settings.hold_threshold {
            Verdict::TooUnreliable
        } else if t.delivered < settings.hold_evidence(level) {
            Verdict::TooLittleDelivered
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
            delivered: t.delivered,
            reliability: r,
            held,
            resolved: t.resolved,
            from_above: t.from_above,
            late_from_above: t.late_from_above,
            counts: t.counts,
            own_evidence: t.own_evidence,
            own_kept: t.own_kept,
            verdict,
        }
    })
}

/// The highest rung held, `None` while still building.
pub fn level_of(rungs: &[RungScore; 3]) -> Option<Level> {
    rungs.iter().rev().find(|r| r.held).map(|r| r.level)
}
