//! The scoring settings, stored in the data file so that a team can tune the ladder and every
//! figure stays reproducible from the file alone.
//!
//! Every number in the ladder's rules (docs/LADDER.md) is one of these fields. The
//! serde names are part of the file format (docs/FORMAT.md): add fields, never rename one
//! without a new format version and an upgrade step such as [`upgrade_from_v1`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::model::Level;
use super::validate::Fault;

/// Thresholds, windows and weights of the ladder (version 2 of its rules). Every field has
/// the documented default, and a file that omits a field gets that default, so a file only
/// needs to hold the settings a team changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The value of a promise kept late (kept is 1, broken is 0).
    pub kept_late_value: f64,
    /// A task resolved this many days ago counts half as much as one resolved today.
    pub half_life_days_task: f64,
    /// The same for results, which come rarely and are remembered longer.
    pub half_life_days_result: f64,
    /// The same for ongoing impact, the rarest and longest remembered.
    pub half_life_days_impact: f64,
    /// Weighted evidence the tasks rung needs before it can be held.
    pub hold_evidence_task: f64,
    /// Weighted evidence the results rung needs before it can be held.
    pub hold_evidence_result: f64,
    /// Weighted evidence the ongoing impact rung needs before it can be held.
    pub hold_evidence_impact: f64,
    /// The score a rung needs to be held.
    pub hold_threshold: f64,
    /// Days past its due date after which an open promise counts as broken for slipping and
    /// blocks ready.
    pub overdue_grace_days: u32,
    /// How far back, in days, the slipping check looks.
    pub slip_window_days: u32,
    /// Broken tasks inside the window before tasks can be slipping.
    pub slip_min_broken_task: u32,
    /// Broken results inside the window before results can be slipping.
    pub slip_min_broken_result: u32,
    /// Broken impact promises inside the window before ongoing impact can be slipping.
    pub slip_min_broken_impact: u32,
    /// Plain reliability of a rung's recent promises below which it is slipping.
    pub slip_threshold: f64,
    /// Weighted evidence at tasks before results are suggested.
    pub ready_evidence_task: f64,
    /// Weighted evidence at results before ongoing impact is suggested.
    pub ready_evidence_result: f64,
    /// The score at the top held rung before the next rung is suggested.
    pub ready_threshold: f64,
    /// How many of the latest promises counted at the top held rung must all be delivered.
    pub ready_streak: u32,
    /// How many of those must have been delivered on time.
    pub ready_streak_on_time: u32,
    /// Evidence of a rung's own promises from which its record can be called bad.
    pub bad_record_evidence: f64,
    /// The score of a rung's own promises below which that record is bad.
    pub bad_record_threshold: f64,
    /// Days without any resolution after which someone is quiet.
    pub quiet_days: u32,
    /// How far back, in days, the renegotiating note looks.
    pub renegotiate_window_days: u32,
    /// Promises resolved or released in that window before the note can show.
    pub renegotiate_min: u32,
    /// The share of them released from which someone renegotiates often.
    pub renegotiate_share: f64,
    /// How far back, in days, the late note looks.
    pub late_window_days: u32,
    /// Promises delivered in that window before the note can show.
    pub late_min_delivered: u32,
    /// The share delivered on time below which someone delivers late.
    pub late_on_time_share: f64,
    /// How many days back the trend compares the level with.
    pub trend_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            kept_late_value: 0.75,
            half_life_days_task: 180.0,
            half_life_days_result: 365.0,
            half_life_days_impact: 730.0,
            hold_evidence_task: 3.0,
            hold_evidence_result: 2.0,
            hold_evidence_impact: 2.0,
            hold_threshold: 0.70,
            overdue_grace_days: 7,
            slip_window_days: 90,
            slip_min_broken_task: 2,
            slip_min_broken_result: 1,
            slip_min_broken_impact: 1,
            slip_threshold: 0.60,
            ready_evidence_task: 5.0,
            ready_evidence_result: 4.0,
            ready_threshold: 0.80,
            ready_streak: 3,
            ready_streak_on_time: 2,
            bad_record_evidence: 0.75,
            bad_record_threshold: 0.50,
            quiet_days: 90,
            renegotiate_window_days: 365,
            renegotiate_min: 5,
            renegotiate_share: 0.30,
            late_window_days: 180,
            late_min_delivered: 3,
            late_on_time_share: 0.50,
            trend_days: 90,
        }
    }
}

/// What a number setting may hold, for [`Settings::problem`].
#[derive(Clone, Copy)]
enum Range {
    /// From 0 to 1.
    Fraction,
    /// More than 0.
    Positive,
    /// At least 0.
    NonNegative,
}

impl Range {
    fn holds(self, v: f64) -> bool {
        match self {
            Range::Fraction => (0.0..=1.0).contains(&v),
            Range::Positive => v.is_finite() && v > 0.0,
            Range::NonNegative => v.is_finite() && v >= 0.0,
        }
    }

    /// What the range holds, as a message says it.
    fn what(self) -> &'static str {
        match self {
            Range::Fraction => "between 0 and 1",
            Range::Positive => "a number more than 0",
            Range::NonNegative => "a number of at least 0",
        }
    }
}

impl Settings {
    /// The half-life of promises made at `level`.
    pub fn half_life_days(&self, level: Level) -> f64 {
        match level {
            Level::Task => self.half_life_days_task,
            Level::Result => self.half_life_days_result,
            Level::Impact => self.half_life_days_impact,
        }
    }

    /// The evidence `level` needs to be held.
    pub fn hold_evidence(&self, level: Level) -> f64 {
        match level {
            Level::Task => self.hold_evidence_task,
            Level::Result => self.hold_evidence_result,
            Level::Impact => self.hold_evidence_impact,
        }
    }

    /// The broken promises inside the window before `level` can be slipping.
    pub fn slip_min_broken(&self, level: Level) -> u32 {
        match level {
            Level::Task => self.slip_min_broken_task,
            Level::Result => self.slip_min_broken_result,
            Level::Impact => self.slip_min_broken_impact,
        }
    }

    /// The evidence the top held rung `level` needs before the next rung is suggested;
    /// `None` at ongoing impact, which has no rung above.
    pub fn ready_evidence(&self, level: Level) -> Option<f64> {
        match level {
            Level::Task => Some(self.ready_evidence_task),
            Level::Result => Some(self.ready_evidence_result),
            Level::Impact => None,
        }
    }

    /// Names the first setting that would make scoring meaningless, so a hand-edited file is
    /// refused with a reason instead of producing nonsense levels.
    pub fn problem(&self) -> Option<String> {
        use Range::{Fraction, NonNegative, Positive};
        let numbers = [
            ("kept_late_value", self.kept_late_value, Fraction),
            ("half_life_days_task", self.half_life_days_task, Positive),
            (
                "half_life_days_result",
                self.half_life_days_result,
                Positive,
            ),
            (
                "half_life_days_impact",
                self.half_life_days_impact,
                Positive,
            ),
            ("hold_evidence_task", self.hold_evidence_task, NonNegative),
            (
                "hold_evidence_result",
                self.hold_evidence_result,
                NonNegative,
            ),
            (
                "hold_evidence_impact",
                self.hold_evidence_impact,
                NonNegative,
            ),
            ("hold_threshold", self.hold_threshold, Fraction),
            ("slip_threshold", self.slip_threshold, Fraction),
            ("ready_evidence_task", self.ready_evidence_task, NonNegative),
            (
                "ready_evidence_result",
                self.ready_evidence_result,
                NonNegative,
            ),
            ("ready_threshold", self.ready_threshold, Fraction),
            ("bad_record_evidence", self.bad_record_evidence, NonNegative),
            ("bad_record_threshold", self.bad_record_threshold, Fraction),
            ("renegotiate_share", self.renegotiate_share, Fraction),
            ("late_on_time_share", self.late_on_time_share, Fraction),
        ];
        let number = numbers.iter().find_map(|&(name, v, range)| {
            (!range.holds(v)).then(|| format!("settings.{name} must be {}, not {v}", range.what()))
        });
        // Counts of promises: a check that needs none would fire on an empty record.
        let counts = [
            ("slip_min_broken_task", self.slip_min_broken_task),
            ("slip_min_broken_result", self.slip_min_broken_result),
            ("slip_min_broken_impact", self.slip_min_broken_impact),
            ("ready_streak", self.ready_streak),
            ("renegotiate_min", self.renegotiate_min),
            ("late_min_delivered", self.late_min_delivered),
        ];
        number
            .or_else(|| {
                counts.iter().find_map(|&(name, n)| {
                    (n == 0).then(|| format!("settings.{name} must be at least 1, not 0"))
                })
            })
            .or_else(|| {
                (self.ready_streak_on_time > self.ready_streak).then(|| {
                    format!(
                        "settings.ready_streak_on_time must be at most ready_streak ({}), not {}",
                        self.ready_streak, self.ready_streak_on_time
                    )
                })
            })
    }
}

/// A version 1 setting that version 2 splits per rung.
struct Split {
    /// Its version 1 name.
    old: &'static str,
    /// Version 1's default.
    default: f64,
    /// The version 2 fields it becomes, with the factor each is scaled by. The task field
    /// takes the value as it is; the rungs above are scaled by the same factor as version 2's
    /// defaults differ, so a value changed to ask for more (or less) asks for more (or less)
    /// at every rung.
    fields: &'static [(&'static str, f64)],
    /// For a count, the least version 2 takes: a smaller version 1 value means the same.
    least_count: Option<u64>,
}

const SPLIT: [Split; 4] = [
    Split {
        old: "half_life_days",
        default: 180.0,
        fields: &[
            ("half_life_days_task", 1.0),
            ("half_life_days_result", 365.0 / 180.0),
            ("half_life_days_impact", 730.0 / 180.0),
        ],
        least_count: None,
    },
    Split {
        old: "min_evidence",
        default: 3.0,
        fields: &[
            ("hold_evidence_task", 1.0),
            ("hold_evidence_result", 2.0 / 3.0),
            ("hold_evidence_impact", 2.0 / 3.0),
        ],
        least_count: None,
    },
    Split {
        old: "ready_evidence",
        default: 5.0,
        fields: &[("ready_evidence_task", 1.0), ("ready_evidence_result", 0.8)],
        least_count: None,
    },
    Split {
        old: "slip_min_resolved",
        default: 2.0,
        fields: &[("slip_min_broken_task", 1.0)],
        // Version 1 asked for this many outcomes, 0 for none; version 2 counts broken
        // promises, and with none broken version 1's check (at its defaults) never fired.
        least_count: Some(1),
    },
];

/// Version 1 settings whose name stays, with version 1's default.
const KEPT_NAMES: [(&str, f64); 5] = [
    ("hold_threshold", 0.70),
    ("ready_threshold", 0.85),
    ("slip_window_days", 90.0),
    ("slip_threshold", 0.50),
    ("kept_late_value", 0.5),
];

/// What version 1 took for one of its settings.
#[derive(Clone, Copy)]
enum V1Rule {
    /// Any JSON number in the range.
    Number(Range),
    /// A whole number that fits 32 bits (version 1 read it as one).
    Count,
}

/// Version 1's settings and the values it took for each (its `Settings::problem` and types).
const V1_RULES: [(&str, V1Rule); 9] = [
    ("half_life_days", V1Rule::Number(Range::Positive)),
    ("min_evidence", V1Rule::Number(Range::NonNegative)),
    ("hold_threshold", V1Rule::Number(Range::Fraction)),
    ("ready_evidence", V1Rule::Number(Range::NonNegative)),
    ("ready_threshold", V1Rule::Number(Range::Fraction)),
    ("slip_window_days", V1Rule::Count),
    ("slip_min_resolved", V1Rule::Count),
    ("slip_threshold", V1Rule::Number(Range::Fraction)),
    ("kept_late_value", V1Rule::Number(Range::Fraction)),
];

/// The first version 1 setting holding a value version 1 refused, named as the file names it
/// and by version 1's rule: once moved to version 2's names, a fault would be reported under
/// a field the file does not have.
fn v1_fault(settings: &Map<String, Value>) -> Option<Fault> {
    V1_RULES.iter().find_map(|&(name, rule)| {
        let value = settings.get(name)?;
        let (ok, what) = match rule {
            V1Rule::Number(range) => (value.as_f64().is_some_and(|v| range.holds(v)), range.what()),
            V1Rule::Count => (
                value.as_u64().is_some_and(|n| u32::try_from(n).is_ok()),
                "a whole number from 0 to 4294967295",
            ),
        };
        let written = super::text::quoted_back(&value.to_string());
        (!ok).then(|| {
            (
                format!("$.settings.{name}"),
                format!("must be {what}, not {written}"),
            )
        })
    })
}

/// Moves the settings of a version 1 file to this version's: a setting still at version 1's
/// default is removed, so it takes version 2's default; one the user changed is kept, under
/// the version 2 name(s) it means (docs/FORMAT.md lists the mapping). A value version 1
/// refused is refused here, with its version 1 name; every value it took is taken, meaning
/// what it meant: a `slip_min_resolved` of 0 asked for no outcomes before the slipping check,
/// where version 2 counts broken promises and one is the least that can fail a rung, and a
/// half-life scaled past the largest number stays the largest (no fading either way).
pub fn upgrade_from_v1(settings: &mut Map<String, Value>) -> Result<(), Fault> {
    if let Some(fault) = v1_fault(settings) {
        return Err(fault);
    }
    for split in SPLIT {
        let Some(original) = settings.remove(split.old) else {
            continue;
        };
        let value = original.as_f64().unwrap_or(split.default);
        if value == split.default {
            continue;
        }
        for &(field, factor) in split.fields {
            let new = match split.least_count {
                Some(least) => Value::from(original.as_u64().unwrap_or(least).max(least)),
                None if factor == 1.0 => original.clone(),
                None => Value::from((value * factor).min(f64::MAX)),
            };
            settings.entry(field).or_insert(new);
        }
    }
    for (name, default) in KEPT_NAMES {
        if settings.get(name).and_then(Value::as_f64) == Some(default) {
            settings.remove(name);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_ones() {
        let s = Settings::default();
        assert_eq!(s.kept_late_value, 0.75);
        assert_eq!(
            Level::ALL.map(|l| s.half_life_days(l)),
            [180.0, 365.0, 730.0]
        );
        assert_eq!(Level::ALL.map(|l| s.hold_evidence(l)), [3.0, 2.0, 2.0]);
        assert_eq!(s.hold_threshold, 0.70);
        assert_eq!(s.overdue_grace_days, 7);
        assert_eq!(s.slip_window_days, 90);
        assert_eq!(Level::ALL.map(|l| s.slip_min_broken(l)), [2, 1, 1]);
        assert_eq!(s.slip_threshold, 0.60);
        assert_eq!(
            Level::ALL.map(|l| s.ready_evidence(l)),
            [Some(5.0), Some(4.0), None]
        );
        assert_eq!(s.ready_threshold, 0.80);
        assert_eq!((s.ready_streak, s.ready_streak_on_time), (3, 2));
        assert_eq!(
            (s.bad_record_evidence, s.bad_record_threshold),
            (0.75, 0.50)
        );
        assert_eq!(s.quiet_days, 90);
        assert_eq!(
            (
                s.renegotiate_window_days,
                s.renegotiate_min,
                s.renegotiate_share
            ),
            (365, 5, 0.30)
        );
        assert_eq!(
            (
                s.late_window_days,
                s.late_min_delivered,
                s.late_on_time_share
            ),
            (180, 3, 0.50)
        );
        assert_eq!(s.trend_days, 90);
        assert_eq!(s.problem(), None);
    }

    #[test]
    fn missing_fields_take_defaults() {
        let s: Settings = serde_json::from_str(r#"{"hold_evidence_task": 4.0}"#).unwrap();
        assert_eq!(s.hold_evidence_task, 4.0);
        assert_eq!(s.hold_evidence_result, 2.0);
        assert_eq!(s.hold_threshold, 0.70);
    }

    #[test]
    fn nonsense_settings_are_named() {
        let named = |s: Settings| s.problem().unwrap_or_default();
        let s = Settings {
            hold_threshold: 1.5,
            ..Settings::default()
        };
        assert_eq!(
            named(s),
            "settings.hold_threshold must be between 0 and 1, not 1.5"
        );
        let s = Settings {
            half_life_days_result: 0.0,
            ..Settings::default()
        };
        assert_eq!(
            named(s),
            "settings.half_life_days_result must be a number more than 0, not 0"
        );
        let s = Settings {
            bad_record_evidence: f64::NAN,
            ..Settings::default()
        };
        assert!(named(s).starts_with("settings.bad_record_evidence"));
        let s = Settings {
            slip_min_broken_result: 0,
            ..Settings::default()
        };
        assert_eq!(
            named(s),
            "settings.slip_min_broken_result must be at least 1, not 0"
        );
        let s = Settings {
            ready_streak_on_time: 4,
            ..Settings::default()
        };
        assert_eq!(
            named(s),
            "settings.ready_streak_on_time must be at most ready_streak (3), not 4"
        );
    }

    fn upgraded(v1: Value) -> Value {
        let mut map = v1.as_object().cloned().unwrap_or_default();
        assert_eq!(upgrade_from_v1(&mut map), Ok(()));
        Value::Object(map)
    }

    /// Why a version 1 settings object is refused.
    fn refused(v1: Value) -> Fault {
        let mut map = v1.as_object().cloned().unwrap_or_default();
        upgrade_from_v1(&mut map).unwrap_err()
    }

    /// The settings object version 1 wrote into every file, all at their defaults.
    fn v1_defaults() -> Value {
        serde_json::json!({
            "half_life_days": 180.0,
            "min_evidence": 3.0,
            "hold_threshold": 0.7,
            "ready_evidence": 5.0,
            "ready_threshold": 0.85,
            "slip_window_days": 90,
            "slip_min_resolved": 2,
            "slip_threshold": 0.5,
            "kept_late_value": 0.5
        })
    }

    #[test]
    fn version_1_defaults_become_version_2_defaults() {
        let v2 = upgraded(v1_defaults());
        assert_eq!(v2, serde_json::json!({}));
        let s: Settings = serde_json::from_value(v2).unwrap();
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn a_changed_version_1_setting_is_kept_where_it_belongs() {
        let mut v1 = v1_defaults();
        v1["half_life_days"] = Value::from(90);
        v1["min_evidence"] = Value::from(4.5);
        v1["ready_evidence"] = Value::from(6.0);
        v1["slip_min_resolved"] = Value::from(3);
        v1["kept_late_value"] = Value::from(1.0);
        v1["ready_threshold"] = Value::from(0.9);
        v1["slip_window_days"] = Value::from(60);
        let v2 = upgraded(v1);
        let s: Settings = serde_json::from_value(v2).unwrap();
        let want = Settings {
            half_life_days_task: 90.0,
            half_life_days_result: 182.5,
            half_life_days_impact: 365.0,
            hold_evidence_task: 4.5,
            hold_evidence_result: 3.0,
            hold_evidence_impact: 3.0,
            ready_evidence_task: 6.0,
            ready_evidence_result: 4.8,
            slip_min_broken_task: 3,
            kept_late_value: 1.0,
            ready_threshold: 0.9,
            slip_window_days: 60,
            ..Settings::default()
        };
        assert!(
            (s.ready_evidence_result - want.ready_evidence_result).abs() < 1e-12,
            "{s:?}"
        );
        assert_eq!(
            Settings {
                ready_evidence_result: want.ready_evidence_result,
                ..s
            },
            want
        );
    }

    #[test]
    fn a_partial_version_1_settings_object_upgrades_what_it_holds() {
        let v2 = upgraded(serde_json::json!({"min_evidence": 2}));
        assert_eq!(
            v2,
            serde_json::json!({
                "hold_evidence_task": 2,
                "hold_evidence_result": 2.0 * (2.0 / 3.0),
                "hold_evidence_impact": 2.0 * (2.0 / 3.0),
            })
        );
    }

    /// A value version 1 refused is refused under the name the file gives it, by version 1's
    /// rule, before anything moves: moved, it was named as a version 2 field the file does
    /// not have, or as a field unknown to the format.
    #[test]
    fn a_value_version_1_refused_is_named_as_the_file_names_it() {
        let fault = |path: &str, message: &str| (path.to_string(), message.to_string());
        assert_eq!(
            refused(serde_json::json!({"half_life_days": "120"})),
            fault(
                "$.settings.half_life_days",
                "must be a number more than 0, not \"120\""
            )
        );
        assert_eq!(
            refused(serde_json::json!({"slip_min_resolved": 2.5})),
            fault(
                "$.settings.slip_min_resolved",
                "must be a whole number from 0 to 4294967295, not 2.5"
            )
        );
        assert_eq!(
            refused(serde_json::json!({"min_evidence": -1, "kept_late_value": 2})),
            fault(
                "$.settings.min_evidence",
                "must be a number of at least 0, not -1"
            )
        );
        assert_eq!(
            refused(serde_json::json!({"slip_threshold": 1.5})),
            fault(
                "$.settings.slip_threshold",
                "must be between 0 and 1, not 1.5"
            )
        );
    }

    /// Every value version 1 took is taken, meaning what it meant there.
    #[test]
    fn a_value_version_1_took_is_taken() {
        // No outcomes asked for: version 2 counts broken promises, from 1.
        let v2 = upgraded(serde_json::json!({"slip_min_resolved": 0}));
        assert_eq!(v2, serde_json::json!({"slip_min_broken_task": 1}));
        let s: Settings = serde_json::from_value(v2).unwrap();
        assert_eq!(s.problem(), None);
        // A half-life the scaling takes past the largest number: the largest, no fading.
        let v2 = upgraded(serde_json::json!({"half_life_days": 1e308}));
        let s: Settings = serde_json::from_value(v2).unwrap();
        assert_eq!(
            (
                s.half_life_days_task,
                s.half_life_days_result,
                s.half_life_days_impact
            ),
            (1e308, f64::MAX, f64::MAX)
        );
        assert_eq!(s.problem(), None);
    }
}
