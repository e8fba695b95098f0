//! Why a rung is held or not: the rule each rung is measured by, and the lines that give
//! a rung's or a level's reason.

use chrono::NaiveDate;

use super::{
    Shown, evidence_pair, percent_pair, rung_evidence_against, rung_record, rung_score_against,
    short_date, sized,
};
use crate::core::ladder::scoring::{RungScore, Verdict};
use crate::core::ladder::standing::Standing;
use crate::core::ladder::verdicts::SlipCheck;
use crate::core::settings::Settings;

/// Why a rung is or is not held, with the figures against the thresholds: "evidence 4.57 ≥
/// 3.0 and score 85% ≥ 70%", "evidence 1.00 < 2.0", "no evidence yet (needs 2.0)".
pub fn reason(r: &RungScore, settings: &Settings) -> String {
    reason_shown(&Shown::new(r, settings))
}

/// [`reason`], with the rung's figures as [`Shown`] keeps them.
pub(super) fn reason_shown(shown: &Shown) -> String {
    let (r, settings) = (shown.rung, shown.settings);
    let need = settings.hold_evidence(r.level);
    match r.verdict {
        Verdict::Held | Verdict::RungBelowNotHeld => {
            let mut figures = rung_evidence_against(shown);
            figures.push_str(" and ");
            figures.push_str(&rung_score_against(shown));
            if r.verdict != Verdict::Held {
                figures.push_str(", but the rung below is not held");
            }
            figures
        }
        Verdict::TooLittleEvidence if !r.has_evidence() => {
            let (_, need) = evidence_pair(0.0, need);
            format!("no evidence yet (needs {need})")
        }
        // Failing on its record too (most of what it weighs was not kept), not only for
        // want of more: said, or "needs more evidence" reads as all that is wrong. A score
        // held down by the few outcomes alone (1 of 1 kept, 67%) is not, nor one that meets
        // the bar (below a bar of 50%, a record mostly not kept can score above it).
        Verdict::TooLittleEvidence
            if r.kept < settings.hold_threshold * r.evidence
                && r.reliability < settings.hold_threshold =>
        {
            let mut figures = rung_evidence_against(shown);
            figures.push_str(" and ");
            figures.push_str(&rung_score_against(shown));
            figures
        }
        Verdict::TooLittleEvidence => rung_evidence_against(shown),
        Verdict::TooUnreliable => rung_score_against(shown),
        Verdict::TooLittleDelivered => {
            let (d, need) = evidence_pair(r.delivered, need);
            format!(
                "{}, but what was delivered weighs {d} < {need}",
                rung_evidence_against(shown)
            )
        }
    }
}

/// The rule that decided a rung: "held (evidence 4.57 ≥ 3.0 and score 85% ≥ 70%)" or "not
/// held: evidence 1.00 < 2.0".
pub fn rung_rule(r: &RungScore, settings: &Settings) -> String {
    rule_with(r, &reason(r, settings))
}

/// [`rung_rule`] around the rung's [`reason`], worked out already.
pub(super) fn rule_with(r: &RungScore, reason: &str) -> String {
    if r.held {
        sized(reason.len() + 8, format_args!("held ({reason})"))
    } else {
        sized(reason.len() + 10, format_args!("not held: {reason}"))
    }
}

/// The rule that decided a rung, in a few words for a narrow column.
pub fn rung_rule_short(r: &RungScore, settings: &Settings) -> String {
    match r.verdict {
        Verdict::Held => "held".to_string(),
        Verdict::TooLittleEvidence => {
            let (_, need) = evidence_pair(r.evidence, settings.hold_evidence(r.level));
            format!("needs E ≥ {need}")
        }
        Verdict::TooUnreliable => {
            let (_, bar) = percent_pair(r.reliability, settings.hold_threshold);
            format!("score < {bar}")
        }
        Verdict::RungBelowNotHeld => "below not held".to_string(),
        Verdict::TooLittleDelivered => {
            let (_, need) = evidence_pair(r.delivered, settings.hold_evidence(r.level));
            format!("needs {need} kept")
        }
    }
}

/// One rung, every figure and the rule (its [`reason`] worked out already): "tasks: 5 of 5
/// kept; score 85%, evidence 4.57 → held (evidence 4.57 ≥ 3.0 and score 85% ≥ 70%)".
pub(super) fn rung_line_with(shown: &Shown, reason: &str) -> String {
    let r = shown.rung;
    sized(
        reason.len() + 96,
        format_args!(
            "{}: {}; score {}, evidence {} → {}",
            r.level.title(),
            rung_record(r),
            shown.score(),
            shown.evidence(),
            rule_with(r, reason)
        ),
    )
}

/// The rule that decided the level, with its figures.
pub fn level_line(s: &Standing, settings: &Settings) -> String {
    level_line_with(s, &s.rungs.each_ref().map(|r| reason(r, settings)))
}

/// [`level_line`] with each rung's [`reason`] worked out already: a page that explains a
/// standing quotes each reason twice, and working them out is most of its cost (`review` of
/// everyone works out hundreds).
pub(super) fn level_line_with(s: &Standing, reasons: &[String; 3]) -> String {
    let capacity = reasons.iter().map(String::len).sum::<usize>() + 64;
    let Some(level) = s.trust_level else {
        let why = &reasons[0];
        return sized(
            capacity,
            format_args!("Level none (building): tasks not held, {why}."),
        );
    };
    let top = &reasons[level.index()];
    match level.up() {
        None => sized(
            capacity,
            format_args!("Level impact: ongoing impact held ({top}), and every rung below."),
        ),
        Some(up) => sized(
            capacity,
            format_args!(
                "Level {level}: {} held ({top}); {} not held, {}.",
                level.title(),
                up.title(),
                reasons[up.index()]
            ),
        ),
    }
}

/// "0 of the last 3 kept since 1 Oct": a slipping check's figures. Open promises long past
/// due count as broken there, and are said to be open, so the figures never read as outcomes
/// that were not given ("0 of the last 2 kept since 24 Nov, both still open and long
/// overdue", "3 of the last 5 kept since 1 Oct, 2 of them still open and long overdue").
pub(super) fn last_kept(check: &SlipCheck, today: NaiveDate) -> String {
    let since = short_date(check.first.unwrap_or(check.since), today);
    // One counted is said as one, not as "0 of the last 1".
    if check.resolved == 1 && check.delivered == 0 {
        return if check.overdue == 1 {
            format!("the one counted still open and long overdue, since {since}")
        } else {
            format!("the one counted broken, on {since}")
        };
    }
    // "kept" alone would read as if every one counted had been given an outcome.
    let open = match (check.overdue, check.resolved) {
        (0, _) => String::new(),
        (1, 1) => ", still open and long overdue".to_string(),
        (2, 2) => ", both still open and long overdue".to_string(),
        (n, all) if n == all => format!(", all {n} still open and long overdue"),
        (n, _) => format!(", {n} of them still open and long overdue"),
    };
    format!(
        "{} of the last {} kept since {since}{open}",
        check.delivered, check.resolved
    )
}

/// One slipping check with its figures and rule.
pub(super) fn slip_line(check: &SlipCheck, settings: &Settings) -> String {
    let head = format!("Recent {} since {}", check.level.title(), check.since);
    if check.resolved == 0 {
        return format!("{head}: nothing resolved → not failing.");
    }
    let mut figures = format!(
        "{} of {} kept, {} broken",
        check.delivered, check.resolved, check.broken
    );
    if check.overdue > 0 {
        figures.push_str(&format!(" ({} long overdue)", check.overdue));
    }
    let min = settings.slip_min_broken(check.level) as usize;
    let plain = {
        let (v, t) = percent_pair(check.reliability, settings.slip_threshold);
        let sign = if check.reliability < settings.slip_threshold {
            "<"
        } else {
            "≥"
        };
        format!("plain score {v} {sign} {t}")
    };
    let verdict = if check.slipping {
        "failing".to_string()
    } else if check.broken == 0 {
        "not failing: none broken".to_string()
    } else if check.broken < min {
        format!("not failing: fewer than {min} broken")
    } else {
        "not failing".to_string()
    };
    format!("{head}: {figures}, {plain} → {verdict}.")
}
