//! Why a rung is held or not: the rule each rung is measured by, and the lines that give
//! a rung's or a level's reason.

use chrono::NaiveDate;

use super::{
    Shown, evidence_pair, percent_pair, push_all, push_evidence_against, push_score_against,
    short_date,
};
use crate::core::dates::Iso;
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
    let mut out = String::with_capacity(64);
    push_reason(&mut out, shown);
    out
}

/// [`reason_shown`] added to `out`.
pub(super) fn push_reason(out: &mut String, shown: &Shown) {
    let (r, settings) = (shown.rung, shown.settings);
    let need = settings.hold_evidence(r.level);
    match r.verdict {
        Verdict::Held | Verdict::RungBelowNotHeld => {
            push_evidence_against(out, shown);
            out.push_str(" and ");
            push_score_against(out, shown);
            if r.verdict != Verdict::Held {
                out.push_str(", but the rung below is not held");
            }
        }
        Verdict::TooLittleEvidence if !r.has_evidence() => {
            let (_, need) = evidence_pair(0.0, need);
            push_all(out, &["no evidence yet (needs ", &need, ")"]);
        }
        // Failing on its record too (most of what it weighs was not kept), not only for
        // want of more: said, or "needs more evidence" reads as all that is wrong. A score
        // held down by the few outcomes alone (1 of 1 kept, 67%) is not, nor one that meets
        // the bar (below a bar of 50%, a record mostly not kept can score above it).
        Verdict::TooLittleEvidence
            if r.kept < settings.hold_threshold * r.evidence
                && r.reliability < settings.hold_threshold =>
        {
            push_evidence_against(out, shown);
            out.push_str(" and ");
            push_score_against(out, shown);
        }
        Verdict::TooLittleEvidence => push_evidence_against(out, shown),
        Verdict::TooUnreliable => push_score_against(out, shown),
        Verdict::TooLittleDelivered => {
            let (d, need) = evidence_pair(r.delivered, need);
            push_evidence_against(out, shown);
            push_all(out, &[", but what was delivered weighs ", &d, " < ", &need]);
        }
    }
}

/// The rule that decided a rung: "held (evidence 4.57 ≥ 3.0 and score 85% ≥ 70%)" or "not
/// held: evidence 1.00 < 2.0".
pub fn rung_rule(r: &RungScore, settings: &Settings) -> String {
    let reason = reason(r, settings);
    let mut out = String::with_capacity(reason.len() + 10);
    push_rule(&mut out, r, &reason);
    out
}

/// [`rung_rule`] around the rung's [`reason`], worked out already, added to `out`.
pub(super) fn push_rule(out: &mut String, r: &RungScore, reason: &str) {
    if r.held {
        push_all(out, &["held (", reason, ")"]);
    } else {
        push_all(out, &["not held: ", reason]);
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

/// One rung, every figure and the rule (its [`reason`] worked out already), added to `out`:
/// "tasks: 5 of 5 kept; score 85%, evidence 4.57 → held (evidence 4.57 ≥ 3.0 and score 85% ≥
/// 70%)".
pub(super) fn push_rung_line(out: &mut String, shown: &Shown, reason: &str) {
    let r = shown.rung;
    push_all(
        out,
        &[
            r.level.title(),
            ": ",
            shown.record(),
            "; score ",
            shown.score(),
            ", evidence ",
            shown.evidence(),
            " → ",
        ],
    );
    push_rule(out, r, reason);
}

/// The rule that decided the level, with its figures.
pub fn level_line(s: &Standing, settings: &Settings) -> String {
    let mut out = String::with_capacity(256);
    push_level_line(
        &mut out,
        s,
        &s.rungs.each_ref().map(|r| reason(r, settings)),
    );
    out
}

/// [`level_line`] with each rung's [`reason`] worked out already, added to `out`: a page that
/// explains a standing quotes each reason twice, and working them out is most of its cost
/// (`review` of everyone works out hundreds).
pub(super) fn push_level_line(out: &mut String, s: &Standing, reasons: &[String; 3]) {
    let Some(level) = s.trust_level else {
        let why = &reasons[0];
        push_all(out, &["Level none (building): tasks not held, ", why, "."]);
        return;
    };
    let top = &reasons[level.index()];
    match level.up() {
        None => push_all(
            out,
            &[
                "Level impact: ongoing impact held (",
                top,
                "), and every rung below.",
            ],
        ),
        Some(up) => push_all(
            out,
            &[
                "Level ",
                level.as_str(),
                ": ",
                level.title(),
                " held (",
                top,
                "); ",
                up.title(),
                " not held, ",
                &reasons[up.index()],
                ".",
            ],
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

/// One slipping check with its figures and rule, added to `out`.
pub(super) fn push_slip_line(out: &mut String, check: &SlipCheck, settings: &Settings) {
    let mut digits = itoa::Buffer::new();
    let mut number = |out: &mut String, n: usize| out.push_str(digits.format(n));
    push_all(
        out,
        &[
            "Recent ",
            check.level.title(),
            " since ",
            &Iso::new(check.since),
        ],
    );
    if check.resolved == 0 {
        out.push_str(": nothing resolved → not failing.");
        return;
    }
    out.push_str(": ");
    number(out, check.delivered);
    out.push_str(" of ");
    number(out, check.resolved);
    out.push_str(" kept, ");
    number(out, check.broken);
    out.push_str(" broken");
    if check.overdue > 0 {
        out.push_str(" (");
        number(out, check.overdue);
        out.push_str(" long overdue)");
    }
    let (v, t) = percent_pair(check.reliability, settings.slip_threshold);
    let sign = if check.reliability < settings.slip_threshold {
        " < "
    } else {
        " ≥ "
    };
    push_all(out, &[", plain score ", &v, sign, &t, " → "]);
    let min = settings.slip_min_broken(check.level) as usize;
    if check.slipping {
        out.push_str("failing");
    } else if check.broken == 0 {
        out.push_str("not failing: none broken");
    } else if check.broken < min {
        out.push_str("not failing: fewer than ");
        number(out, min);
        out.push_str(" broken");
    } else {
        out.push_str("not failing");
    }
    out.push('.');
}
