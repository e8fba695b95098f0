//! The settings in words, and the legend that says what every mark and figure means.

use super::NONE;
use crate::core::decimal::fixed;
use crate::core::settings::Settings;

/// A setting's fraction as a percentage with no more digits than it has: "70%", "72.5%".
/// Every view quotes a threshold so: rounded to a whole percent, a bar of 72.5% would read
/// as 72% beside a score of 72% that is not held.
pub fn setting_percent(v: f64) -> String {
    let mut text = setting_digits(v);
    text.push('%');
    text
}

/// [`setting_percent`] without its `%`.
pub(super) fn setting_digits(v: f64) -> String {
    let mut text = fixed(v * 100.0, 2);
    if text.contains('.') {
        let kept = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(kept);
    }
    text
}

/// How many decimals [`setting_digits`] writes for `v`: what a threshold is quoted with
/// beside a figure (`percent_pair`), worked out in integers where that cannot differ, since
/// `review` quotes thousands of thresholds and writing each out was much of their cost.
pub(super) fn setting_decimals(v: f64) -> usize {
    // As `fixed(v * 100.0, 2)` scales it; away from a half of its last digit (and in the
    // range it takes in integers), it rounds it to the nearest whole hundredth too.
    let product = v * 100.0 * 100.0;
    if (0.0..1e8).contains(&product) {
        let floor = product.floor();
        let fraction = product - floor;
        if (fraction - 0.5).abs() > 1e-3 {
            // Below 1e8, a whole number that fits.
            let whole = floor as u64 + u64::from(fraction > 0.5);
            return match (whole % 10, whole % 100) {
                (_, 0) => 0,
                (0, _) => 1,
                _ => 2,
            };
        }
    }
    setting_digits(v)
        .split_once('.')
        .map_or(0, |(_, decimals)| decimals.len())
}

/// How every figure is made, with these settings, one paragraph per rule: the legend under
/// `review` and in the help.
pub fn legend(s: &Settings) -> Vec<String> {
    let pc = setting_percent;
    vec![
        "KEPT counts promises plainly: kept (on time or late) of those with an outcome. \
         Released ones are counted apart and never score; open ones wait for their outcome."
            .to_string(),
        format!(
            "SCORE is (kept+1)/(evidence+2) over weighted outcomes: kept 1, kept late {}, \
             broken 0, each weighing 0.5^(age in days / half-life) with the half-life of its \
             own rung (tasks {}, results {}, ongoing impact {} days). A kept promise also \
             counts at every rung below, a broken one only at its own. EVIDENCE is the sum of \
             the weights; with none the score is shown as {NONE}.",
            s.kept_late_value,
            s.half_life_days_task,
            s.half_life_days_result,
            s.half_life_days_impact
        ),
        format!(
            "HELD: evidence ≥ {} (tasks), {} (results) or {} (ongoing impact) and score ≥ {}, \
             with every rung below held; what was delivered must reach that evidence on its \
             own, so a broken promise never lifts a rung. The level is the highest rung held. \
             A score just under {} is rounded down, never shown as {}.",
            s.hold_evidence_task,
            s.hold_evidence_result,
            s.hold_evidence_impact,
            pc(s.hold_threshold),
            pc(s.hold_threshold),
            pc(s.hold_threshold)
        ),
        format!(
            "FAILING, checked at every rung up to one above the level: in the last {} days the \
             rung's own promises hold at least {} broken (tasks), {} (results) or {} (ongoing \
             impact), an open promise more than {} days overdue counting as broken, and their \
             plain score is below {}. Attention then moves one rung down.",
            s.slip_window_days,
            s.slip_min_broken_task,
            s.slip_min_broken_result,
            s.slip_min_broken_impact,
            s.overdue_grace_days,
            pc(s.slip_threshold)
        ),
        format!(
            "READY for the next rung: score ≥ {} and evidence ≥ {} (tasks) or {} (results) at \
             the top held rung, the last {} promises there kept with {} on time, nothing \
             failing or long overdue, nothing open one rung up, no bad record there already \
             (a score below {} from evidence {} or more: tried) and no habit of renegotiating.",
            pc(s.ready_threshold),
            s.ready_evidence_task,
            s.ready_evidence_result,
            s.ready_streak,
            s.ready_streak_on_time,
            pc(s.bad_record_threshold),
            s.bad_record_evidence
        ),
        format!(
            "NOTES: quiet (nothing resolved or released in {} days), renegotiates ({} or more of at least {} \
             promises released in {} days), late (fewer than {} of at least {} delivered on \
             time in {} days), overdue (past the due date), tried (a bad record one rung up). \
             TREND: down when a rung is failing, up when the level is higher than {} days ago.",
            s.quiet_days,
            pc(s.renegotiate_share),
            s.renegotiate_min,
            s.renegotiate_window_days,
            pc(s.late_on_time_share),
            s.late_min_delivered,
            s.late_window_days,
            s.trend_days
        ),
    ]
}
