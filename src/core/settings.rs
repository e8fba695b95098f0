//! The scoring settings, stored in the data file so that a team can tune the ladder and every
//! figure stays reproducible from the file alone.

use serde::{Deserialize, Serialize};

/// Thresholds and weights of the ladder. Every field has the documented default, and a file
/// that omits a field gets that default, so older files keep loading as settings are added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// A resolution this many days old counts half as much as one from today.
    pub half_life_days: f64,
    /// Weighted evidence a rung needs before it can be held.
    pub min_evidence: f64,
    /// Reliability a rung needs to be held.
    pub hold_threshold: f64,
    /// Weighted evidence at the top rung before the next rung is suggested.
    pub ready_evidence: f64,
    /// Reliability at the top rung before the next rung is suggested.
    pub ready_threshold: f64,
    /// How far back, in days, the slipping check looks.
    pub slip_window_days: u32,
    /// How many resolutions the slipping check needs inside its window.
    pub slip_min_resolved: u32,
    /// Plain reliability below which the top rung is slipping.
    pub slip_threshold: f64,
    /// The value of a promise kept late (kept is 1, broken is 0).
    pub kept_late_value: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            half_life_days: 180.0,
            min_evidence: 3.0,
            hold_threshold: 0.70,
            ready_evidence: 5.0,
            ready_threshold: 0.85,
            slip_window_days: 90,
            slip_min_resolved: 2,
            slip_threshold: 0.50,
            kept_late_value: 0.5,
        }
    }
}

impl Settings {
    /// Names the first setting that would make scoring meaningless, so a hand-edited file is
    /// refused with a reason instead of producing nonsense levels.
    pub fn problem(&self) -> Option<String> {
        let unit = |name: &str, v: f64| {
            (!(0.0..=1.0).contains(&v) || v.is_nan())
                .then(|| format!("settings.{name} must be between 0 and 1, not {v}"))
        };
        let positive = |name: &str, v: f64| {
            (!(v.is_finite() && v >= 0.0))
                .then(|| format!("settings.{name} must be a number of at least 0, not {v}"))
        };
        if !(self.half_life_days.is_finite() && self.half_life_days > 0.0) {
            return Some(format!(
                "settings.half_life_days must be more than 0, not {}",
                self.half_life_days
            ));
        }
        positive("min_evidence", self.min_evidence)
            .or_else(|| positive("ready_evidence", self.ready_evidence))
            .or_else(|| unit("hold_threshold", self.hold_threshold))
            .or_else(|| unit("ready_threshold", self.ready_threshold))
            .or_else(|| unit("slip_threshold", self.slip_threshold))
            .or_else(|| unit("kept_late_value", self.kept_late_value))
    }
}

/// Moves the settings of a version 1 file to this version's: a setting still at version 1's
/// default takes the new default, and one the user changed is kept.
pub fn upgrade_from_v1(_settings: &mut serde_json::Map<String, serde_json::Value>) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_ones() {
        let s = Settings::default();
        assert_eq!(s.half_life_days, 180.0);
        assert_eq!(s.min_evidence, 3.0);
        assert_eq!(s.hold_threshold, 0.70);
        assert_eq!(s.ready_evidence, 5.0);
        assert_eq!(s.ready_threshold, 0.85);
        assert_eq!(s.slip_window_days, 90);
        assert_eq!(s.slip_min_resolved, 2);
        assert_eq!(s.slip_threshold, 0.50);
        assert_eq!(s.kept_late_value, 0.5);
        assert_eq!(s.problem(), None);
    }

    #[test]
    fn missing_fields_take_defaults() {
        let s: Settings = serde_json::from_str(r#"{"min_evidence": 4.0}"#).unwrap();
        assert_eq!(s.min_evidence, 4.0);
        assert_eq!(s.hold_threshold, 0.70);
    }

    #[test]
    fn nonsense_settings_are_named() {
        let s = Settings {
            hold_threshold: 1.5,
            ..Settings::default()
        };
        assert_eq!(
            s.problem().as_deref(),
            Some("settings.hold_threshold must be between 0 and 1, not 1.5")
        );
        let s = Settings {
            half_life_days: 0.0,
            ..Settings::default()
        };
        assert!(s.problem().unwrap().contains("half_life_days"));
    }
}
