//! The ladder in words: every sentence `review`, `review --json` and the UI show about a
//! standing is made here from its figures, so they always say the same thing.
//!
//! Plain counts come first ("16 of 16 kept, 2 released"), then the weighted score with its
//! evidence, and a rung with no evidence shows `–`, never 50%. Every comparison is printed so
//! that it holds as shown.

use std::cell::OnceCell;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::explain::{Advice, Unheld};
use super::scoring::{Counts, RungScore, Verdict};
use super::standing::Standing;
use super::verdicts::{Blocker, Note, SlipCheck, Trend};
use crate::core::decimal::fixed;
use crate::core::model::{Direction, Level, Person};
use crate::core::settings::Settings;
use crate::core::text::{self, sanitize};

/// Shown for a figure that has no evidence behind it.
const NONE: &str = "–";

/// A day as people say it: "3 Apr", with the year when it is not `today`'s.
fn short_date(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        day.format("%-d %b").to_string()
    } else {
        day.format("%-d %b %Y").to_string()
    }
}

/// `format!` into a string with room for `capacity` bytes from the start: these lines are
/// mostly longer than the guess `format!` makes, and a string grown a step at a time, over
/// and over, was much of what `review` spent on its words.
fn sized(capacity: usize, args: std::fmt::Arguments) -> String {
    let mut text = String::with_capacity(capacity);
    let _ = text.write_fmt(args);
    text
}

/// "1 promise", "2 promises".
fn plural(n: usize, word: &str) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    let mut out = String::with_capacity(digits.len() + word.len() + 2);
    out.push_str(digits);
    out.push(' ');
    out.push_str(word);
    if n != 1 {
        out.push('s');
    }
    out
}

/// A plain record: "16 of 16 kept, 2 released", "5 of 6 kept (2 late)", or "nothing
/// resolved yet".
pub fn plain_record(c: &Counts) -> String {
    if c.resolved() == 0 && c.released == 0 {
        return "nothing resolved yet".to_string();
    }
    let mut out = format!("{} of {} kept", c.delivered(), c.resolved());
    if c.kept_late > 0 {
        out.push_str(&format!(" ({} late)", c.kept_late));
    }
    if c.released > 0 {
        out.push_str(&format!(", {} released", c.released));
    }
    out
}

/// A plain record for a narrow column: "7/7", or `–` with nothing resolved.
pub fn short_record(c: &Counts) -> String {
    if c.resolved() == 0 {
        NONE.to_string()
    } else {
        format!("{}/{}", c.delivered(), c.resolved())
    }
}

/// What counts at a rung, plainly: its own promises and the kept ones from above, and how
/// many of all those kept were kept late (a result kept late is a late delivery of its tasks
/// too).
pub fn rung_record(r: &RungScore) -> String {
    if r.resolved == 0 && r.counts.released == 0 {
        return "nothing resolved yet".to_string();
    }
    // Written a piece at a time into one string, its numbers by `itoa`: `review` says six
    // for each colleague, and the formatter's machinery cost more than the words.
    let mut out = String::with_capacity(64);
    let mut digits = itoa::Buffer::new();
    let mut number = |out: &mut String, n: usize| out.push_str(digits.format(n));
    number(&mut out, r.delivered());
    out.push_str(" of ");
    number(&mut out, r.resolved);
    out.push_str(" kept");
    let late = r.counts.kept_late + r.late_from_above;
    if late > 0 || r.from_above > 0 {
        out.push_str(" (");
        if late > 0 {
            number(&mut out, late);
            out.push_str(" late");
        }
        if r.from_above > 0 {
            if late > 0 {
                out.push_str(", ");
            }
            number(&mut out, r.from_above);
            out.push_str(" from above");
        }
        out.push(')');
    }
    if r.counts.released > 0 {
        out.push_str(", ");
        number(&mut out, r.counts.released);
        out.push_str(" released");
    }
    out
}

/// What counts at a rung, for a narrow column: "14/16", or `–`.
pub fn rung_short(r: &RungScore) -> String {
    if r.resolved == 0 {
        NONE.to_string()
    } else {
        format!("{}/{}", r.delivered(), r.resolved)
    }
}

/// A rung's score as a whole percentage, rounded on the side of each threshold it is
/// compared with (to hold it, and below the top to be ready for the next rung): 69.7% against
/// 70% shows as 69%, never as a 70% beside "not held" (and 72.5% held against 72.5% as 73%,
/// where rounding half to even gives 72%). At most four columns, unless two thresholds set
/// less than a point apart leave no whole number between them. `–` where the record
/// [`shows_nothing`].
pub fn score(r: &RungScore, s: &Settings) -> String {
    if shows_nothing(r, s) {
        return NONE.to_string();
    }
    let mut text = on_its_side(r.reliability, 100.0, 0, &score_bars(r, s));
    text.push('%');
    text
}

/// Whether a rung's score is nothing to show: with no evidence, and with a record faded to
/// evidence shown as 0.00, whose score is the 50% of nothing known, which a table or the
/// chart would show as if it were a judgement.
pub fn shows_nothing(r: &RungScore, s: &Settings) -> bool {
    // Evidence of a hundredth or more never shows as 0.00, whatever its thresholds: only a
    // smaller one is written out to see.
    !r.has_evidence()
        || (r.evidence < 0.01 && evidence(r, s).parse::<f64>().is_ok_and(|e| e == 0.0))
}

/// The thresholds a rung's score is compared with: to hold it, and below the top to be ready
/// for the next rung.
fn score_bars(r: &RungScore, s: &Settings) -> Vec<f64> {
    let mut bars = match r.level {
        Level::Impact => vec![s.hold_threshold],
        _ => vec![s.hold_threshold, s.ready_threshold],
    };
    if own_record_only(r) {
        bars.push(s.bad_record_threshold);
    }
    bars
}

/// Whether a rung's figures are what the `tried` note compares with its thresholds: a rung
/// above tasks (the note is about the rung above a level) whose record is its own alone, with
/// no kept promise counted from above.
fn own_record_only(r: &RungScore) -> bool {
    r.level != Level::Task && r.from_above == 0
}

/// Whether `shown` (a figure of `value` times `scale`) is on the same side of every one of the
/// `bars` (in `value`'s units) as `value` is.
fn sides_kept(value: f64, scale: f64, shown: &str, bars: &[f64]) -> bool {
    shown.parse::<f64>().is_ok_and(|read| {
        bars.iter().all(|&bar| {
            // The bar as a setting reads: 0.7 is 70, not 69.99999999999999.
            let bar_shown = (bar * scale * 1e6).round() / 1e6;
            (value < bar) == (read < bar_shown)
        })
    })
}

/// `value` times `scale` with `decimals` digits, rounded as usual unless that would show it
/// on the other side of one of the `bars` than it is: then rounded towards its own side, or
/// where no figure with those digits is on every side it is (two bars within a digit), with
/// the fewest digits more that are.
fn on_its_side(value: f64, scale: f64, decimals: usize, bars: &[f64]) -> String {
    let scaled = value * scale;
    let step = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    // Made one at a time: the first is nearly always kept.
    let candidates = [
        scaled,
        (scaled * step).floor() / step,
        (scaled * step).ceil() / step,
    ];
    candidates
        .iter()
        .map(|&c| fixed(c, decimals))
        .find(|c| sides_kept(value, scale, c, bars))
        .unwrap_or_else(|| with_digits_enough(value, scale, decimals, bars))
}

/// `value` times `scale` with the fewest digits from `decimals` on that show it on its side
/// of every one of the `bars`.
fn with_digits_enough(value: f64, scale: f64, decimals: usize, bars: &[f64]) -> String {
    let scaled = value * scale;
    (decimals..=decimals + 6)
        .map(|d| fixed(scaled, d))
        .find(|shown| sides_kept(value, scale, shown, bars))
        .unwrap_or_else(|| fixed(scaled, decimals))
}

/// [`score`] for a line with room: a score that rounding would put on the other side of a
/// threshold it is compared with gets the digits that keep it there ("69.7%", "79.98%"), as
/// in the rules.
fn precise_score(r: &RungScore, s: &Settings) -> String {
    if r.has_evidence() {
        format!(
            "{}%",
            with_digits_enough(r.reliability, 100.0, 0, &score_bars(r, s))
        )
    } else {
        NONE.to_string()
    }
}

/// The promises I have open to them, in words ("your open promise", "your 2 open
/// promises"), when there are any: what building my word with them starts from, before a
/// new one.
fn my_open(s: &Standing) -> Option<String> {
    match s.open_at.iter().sum::<usize>() {
        0 => None,
        1 => Some("your open promise".to_string()),
        n => Some(format!("your {n} open promises")),
    }
}

/// A rung's evidence with two decimals, `–` with none, rounded on the side of each evidence
/// threshold of its rung (to hold it, to be ready for the next, and for a record of its own
/// the `tried` note's): 2.996 against 3.0 shows as 2.99, never as a 3.00 beside "not held".
pub fn evidence(r: &RungScore, s: &Settings) -> String {
    if !r.has_evidence() {
        return NONE.to_string();
    }
    let mut bars = match r.level {
        Level::Task => vec![s.hold_evidence_task, s.ready_evidence_task],
        Level::Result => vec![s.hold_evidence_result, s.ready_evidence_result],
        Level::Impact => vec![s.hold_evidence_impact],
    };
    if own_record_only(r) {
        bars.push(s.bad_record_evidence);
    }
    on_its_side(r.evidence, 1.0, 2, &bars)
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
        let bar = fixed(threshold, t);
        for v in decimals..=decimals + 17 {
            let shown = fixed(value, v);
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

/// Evidence and its threshold, as in "2.50 < 3.0"; see [`compared`].
fn evidence_pair(value: f64, threshold: f64) -> (String, String) {
    compared(value, threshold, 2, 1)
}

/// A score and its threshold as percentages, as in "80% < 85%", the threshold with the
/// digits it was set with ("72.5%"); see [`compared`].
fn percent_pair(value: f64, threshold: f64) -> (String, String) {
    let digits = setting_digits(threshold)
        .split_once('.')
        .map_or(0, |(_, decimals)| decimals.len());
    let (mut v, mut t) = compared(value * 100.0, threshold * 100.0, 0, digits);
    v.push('%');
    t.push('%');
    (v, t)
}

/// `value` against `threshold` as "score 67% < 70%" or "score 85% ≥ 70%".
fn score_against(value: f64, threshold: f64) -> String {
    let (v, t) = percent_pair(value, threshold);
    let sign = if value < threshold { "<" } else { "≥" };
    format!("score {v} {sign} {t}")
}

/// A rung with its figures as its lines show them, each worked out once, when first needed:
/// a page that explains a standing quotes a rung's evidence and score in the rung's line and
/// again in the rule that decided it, and working them out is much of its cost.
struct Shown<'a> {
    rung: &'a RungScore,
    settings: &'a Settings,
    evidence: OnceCell<String>,
    score: OnceCell<String>,
}

impl<'a> Shown<'a> {
    fn new(rung: &'a RungScore, settings: &'a Settings) -> Self {
        Self {
            rung,
            settings,
            evidence: OnceCell::new(),
            score: OnceCell::new(),
        }
    }

    /// [`evidence`].
    fn evidence(&self) -> &str {
        (self.evidence).get_or_init(|| evidence(self.rung, self.settings))
    }

    /// [`precise_score`].
    fn score(&self) -> &str {
        (self.score).get_or_init(|| precise_score(self.rung, self.settings))
    }
}

/// A rung's score against the hold threshold, with the digits [`precise_score`] gives it,
/// so the figure reads the same all along its line ("score 79.5% ≥ 70%" beside the 80% to be
/// ready).
fn rung_score_against(shown: &Shown) -> String {
    let (r, settings) = (shown.rung, shown.settings);
    let (paired, bar) = percent_pair(r.reliability, settings.hold_threshold);
    let below = r.reliability < settings.hold_threshold;
    let figure = on_the_side(shown.score(), &paired, &bar, below);
    let sign = if below { "<" } else { "≥" };
    sized(32, format_args!("score {figure} {sign} {bar}"))
}

/// `shown`, the rung's own figure, unless beside `bar` as shown (rounded, when set with more
/// digits than it shows) it would read on the wrong side of it: then `paired`, the figure
/// with the digits that keep it on its side.
fn on_the_side<'a>(shown: &'a str, paired: &'a str, bar: &str, below: bool) -> &'a str {
    let reads = |text: &str| text.trim_end_matches('%').parse::<f64>().ok();
    let agrees = reads(shown)
        .zip(reads(bar))
        .is_some_and(|(v, t)| (v < t) == below);
    if agrees { shown } else { paired }
}

/// A rung's evidence against the hold threshold, shown as the rung's figure is everywhere
/// ([`evidence`]: 0.7494 is 0.74 beside a record not yet "tried"), unless that would read on
/// the wrong side of the threshold as shown: then with the digits that keep it there.
fn rung_evidence_against(shown: &Shown) -> String {
    rung_evidence_vs(shown, shown.settings.hold_evidence(shown.rung.level))
}

/// [`rung_evidence_against`] for any threshold of the rung's (to hold it, to be ready for
/// the next), which [`evidence`] keeps the figure on its side of.
fn rung_evidence_vs(shown: &Shown, need: f64) -> String {
    let (paired, bar) = evidence_pair(shown.rung.evidence, need);
    let below = shown.rung.evidence < need;
    let figure = on_the_side(shown.evidence(), &paired, &bar, below);
    let sign = if below { "<" } else { "≥" };
    sized(32, format_args!("evidence {figure} {sign} {bar}"))
}

/// Why a rung is or is not held, with the figures against the thresholds: "evidence 4.57 ≥
/// 3.0 and score 85% ≥ 70%", "evidence 1.00 < 2.0", "no evidence yet (needs 2.0)".
pub fn reason(r: &RungScore, settings: &Settings) -> String {
    reason_shown(&Shown::new(r, settings))
}

/// [`reason`], with the rung's figures as [`Shown`] keeps them.
fn reason_shown(shown: &Shown) -> String {
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
fn rule_with(r: &RungScore, reason: &str) -> String {
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
fn rung_line_with(shown: &Shown, reason: &str) -> String {
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
fn level_line_with(s: &Standing, reasons: &[String; 3]) -> String {
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
fn last_kept(check: &SlipCheck, today: NaiveDate) -> String {
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
fn slip_line(check: &SlipCheck, settings: &Settings) -> String {
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

/// The first word of a name, made safe to print.
fn first_name(name: &str) -> String {
    sanitize(called_word(name))
}

/// What the advice calls a colleague: the first word of their name, or the first after a
/// comma ("Raman, Priya" is Priya, as directories list people), or the whole name when its
/// first word is a title or an initial ("Dr. Small", "J. Okafor"), which alone names no one.
/// Only a word with a letter or a digit names someone: one of dashes, punctuation or emoji
/// before it is passed over ("- Dash" is Dash), quotes and brackets around it are left out
/// (`Smith, "Jo"` is Jo), and a name with no such word is said whole.
fn called_word(name: &str) -> &str {
    // "Raman, Priya" (and "King, Martin, Jr."), but not "Priya Raman, PhD": what follows the
    // comma is a first name unless it is a suffix, and then the name is before the comma.
    let given = match name.split_once(',') {
        Some((before, after)) => {
            let part = after.split(',').next().unwrap_or_default();
            let suffix = named_words(part).next().is_some_and(|word| {
                SUFFIXES
                    .iter()
                    .any(|s| word.trim_end_matches('.').eq_ignore_ascii_case(s))
            });
            if named_words(part).next().is_none() || suffix {
                before
            } else {
                part
            }
        }
        None => name,
    };
    let mut words = named_words(given);
    let Some(first) = words.next() else {
        return name.trim();
    };
    let title = TITLES
        .iter()
        .any(|t| first.trim_end_matches('.').eq_ignore_ascii_case(t));
    // An initial alone ("Okafor, J.") names no one either: the name is said whole.
    let initial = first.ends_with('.') && first.trim_end_matches('.').chars().count() == 1;
    if initial || ((first.ends_with('.') || title) && words.next().is_some()) {
        from_first_named(name)
    } else {
        first
    }
}

/// The words of `text` that can name someone, each without the quotes, brackets or trailing
/// comma around it: a word with no letter or digit ("-", "•", "🚀") names no one.
fn named_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|word| {
            word.trim_matches(is_wrapping)
                .trim_end_matches([',', ';', ':'])
                .trim_matches(is_wrapping)
        })
        .filter(|word| word.chars().any(char::is_alphanumeric))
}

/// `name` from its first word with a letter or a digit on ("- Dr. Small" is Dr. Small), or
/// all of it when it has none.
fn from_first_named(name: &str) -> &str {
    let mut rest = name.trim();
    while let Some(word) = rest.split_whitespace().next() {
        if word.chars().any(char::is_alphanumeric) {
            return rest;
        }
        rest = rest[word.len()..].trim_start();
    }
    name.trim()
}

/// Quotes and brackets a nickname is written in (`"Jo"`, `“Jo”`, `(Jo)`), which are no part
/// of what someone is called.
fn is_wrapping(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
    )
}

/// What follows a name after a comma without being one: "Martin Luther King, Jr.", "Priya
/// Raman, PhD".
const SUFFIXES: [&str; 16] = [
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "dds", "esq", "mba", "msc", "bsc", "cpa", "obe",
    "mbe", "cbe",
];

/// Titles written before a name, with or without their full stop ("Dr Who", "Prof Jane
/// Roe"): a name that starts with one is said whole.
const TITLES: [&str; 14] = [
    "dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "lord", "lady", "rev", "fr",
    "capt",
];

/// The first words of names that more than one colleague has, so the advice can name those
/// colleagues whole ("make Sam Lindqvist small promises" beside Sam Okafor).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FirstNames {
    /// The first words more than one colleague has (any case, accents ignored).
    first: std::collections::HashSet<String>,
    /// The whole names more than one colleague has, told apart by handle.
    whole: std::collections::HashSet<String>,
}

impl FirstNames {
    /// The first words and whole names shared among `people` (any case, accents ignored).
    pub fn of(people: &[Person]) -> FirstNames {
        let shared = |key: &dyn Fn(&Person) -> String| {
            let mut seen = std::collections::HashSet::new();
            let mut shared = std::collections::HashSet::new();
            for p in people {
                let k = key(p);
                if !seen.insert(k.clone()) {
                    shared.insert(k);
                }
            }
            shared
        };
        FirstNames {
            first: shared(&|p| text::folded(called_word(&p.name))),
            whole: shared(&|p| text::folded(&p.name)),
        }
    }

    /// How the advice names `person`: by first name, or whole when another colleague has that
    /// first name too, with the handle when another has the whole name.
    pub fn called(&self, person: &Person) -> String {
        if self.whole.contains(&text::folded(&person.name)) {
            format!("{} ({})", sanitize(&person.name), sanitize(&person.handle))
        } else if self
            .first
            .contains(&text::folded(called_word(&person.name)))
        {
            sanitize(&person.name)
        } else {
            first_name(&person.name)
        }
    }
}

/// A blocker in a few words, for the ready line.
fn blocker_text(b: &Blocker, s: &Standing, settings: &Settings) -> String {
    let at = s.trust_level.map_or("", Level::title);
    match b {
        Blocker::Evidence { need, .. } => {
            let top = s.trust_level.map(|level| &s.rungs[level.index()]);
            let against = top.map_or_else(String::new, |r| {
                rung_evidence_vs(&Shown::new(r, settings), *need)
            });
            format!("{against} at {at}")
        }
        Blocker::Score { have, need } => format!("{} at {at}", score_against(*have, *need)),
        Blocker::Streak {
            of,
            delivered,
            on_time,
        } => {
            let want = format!(
                "needs the last {} kept, {} on time",
                settings.ready_streak, settings.ready_streak_on_time
            );
            if *of < settings.ready_streak as usize {
                format!("only {of} counted at {at} ({want})")
            } else {
                format!("the last {of} at {at}: {delivered} kept, {on_time} on time ({want})")
            }
        }
        Blocker::Slipping => {
            let rungs: Vec<&str> = s.slipping_rungs.iter().map(|l| l.title()).collect();
            format!("failing at {}", rungs.join(" and "))
        }
        Blocker::Overdue { count } => format!(
            "{} more than {} days overdue",
            plural(*count, "promise"),
            settings.overdue_grace_days
        ),
        Blocker::OpenAbove { count } => {
            let next = s.trust_level.and_then(Level::up).map_or("", Level::title);
            format!("{} open at {next}", plural(*count, "promise"))
        }
        Blocker::Tried | Blocker::Renegotiates => {
            let kind = if *b == Blocker::Tried {
                "tried"
            } else {
                "renegotiates"
            };
            s.note(kind)
                .map(|n| note_text(n, s.day))
                .unwrap_or_default()
        }
    }
}

/// Whether they are ready for the next rung, and if not, everything in the way.
pub fn ready_line(s: &Standing, settings: &Settings) -> Option<String> {
    let level = s.trust_level?;
    let Some(check) = &s.ready_check else {
        return Some("Ready: no rung above ongoing impact.".to_string());
    };
    if check.blockers.is_empty() {
        let top = &s.rungs[level.index()];
        let need = settings.ready_evidence(level).unwrap_or_default();
        return Some(format!(
            "Ready for {}: {} and {} at {}, the last {} kept ({} or more on time), nothing \
             failing, long overdue or open at {}.",
            check.next.title(),
            rung_evidence_vs(&Shown::new(top, settings), need),
            score_against(top.reliability, settings.ready_threshold),
            level.title(),
            settings.ready_streak,
            settings.ready_streak_on_time,
            check.next.title()
        ));
    }
    let why: Vec<String> = check
        .blockers
        .iter()
        .map(|b| blocker_text(b, s, settings))
        .collect();
    Some(format!(
        "Not yet ready for {}: {}.",
        check.next.title(),
        why.join(", ")
    ))
}

/// A note in a few words: "quiet since 3 Apr", "10 of 16 released", "delivers 22 of 22, on
/// time 0", "2 overdue, oldest 9 days", "tried at results: 1 of 4 kept".
pub fn note_text(note: &Note, today: NaiveDate) -> String {
    match note {
        Note::Quiet { since } => format!("quiet since {}", short_date(*since, today)),
        Note::Renegotiates { released, total } => format!("{released} of {total} released"),
        Note::Late {
            delivered,
            resolved,
            on_time,
        } => format!("delivers {delivered} of {resolved}, on time {on_time}"),
        Note::Overdue { count: 1, days, .. } => {
            format!("1 overdue, {}", plural(*days as usize, "day"))
        }
        Note::Overdue { count, days, .. } => {
            format!("{count} overdue, oldest {}", plural(*days as usize, "day"))
        }
        Note::Tried {
            level,
            delivered,
            resolved,
            ..
        } => format!("tried at {}: {delivered} of {resolved} kept", level.title()),
    }
}

/// A note as one letter, for the people table; [`NOTE_MARKS`] is its legend.
pub fn note_mark(note: &Note) -> char {
    match note {
        Note::Quiet { .. } => 'q',
        Note::Renegotiates { .. } => 'r',
        Note::Late { .. } => 'l',
        Note::Overdue { .. } => 'o',
        Note::Tried { .. } => 't',
    }
}

/// The mark, among the notes' in the people table, for my own word to them failing: the Mine
/// column shows it in colour and underlined, which a screen without colour or a screen
/// reader does not pass on.
pub const MINE_FAILING_MARK: char = 'm';

/// The legend of [`note_mark`] and of [`MINE_FAILING_MARK`].
pub const NOTE_MARKS: &str =
    "q quiet, r renegotiates, l late, o overdue, m mine failing, t tried above";

/// The notes in a few words each, joined: "quiet since 3 Apr; 10 of 16 released".
pub fn notes_text(s: &Standing) -> String {
    s.notes
        .iter()
        .map(|n| note_text(n, s.day))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The notes the advice does not already say, in words: what a line with the advice adds
/// after it (an overdue promise, a quiet record, lateness or renegotiating that the advice
/// names is not said twice).
pub fn notes_beside_advice(s: &Standing, settings: &Settings) -> String {
    let advice = s.advice();
    s.notes
        .iter()
        .filter(|n| match n {
            Note::Overdue { .. } => false,
            Note::Quiet { .. } => advice != Advice::Quiet,
            Note::Late { .. } => {
                !(matches!(advice, Advice::Building | Advice::Quiet)
                    && matches!(s.unheld(settings), Unheld::Late { .. }))
            }
            Note::Renegotiates { .. } => !matches!(
                advice,
                Advice::Holding {
                    blocker: Blocker::Renegotiates,
                    ..
                }
            ),
            Note::Tried { .. } => true,
        })
        .map(|n| note_text(n, s.day))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a promise at `level` looks like, for the ready advice.
pub fn example(level: Level) -> &'static str {
    match level {
        Level::Task => "a concrete task",
        Level::Result => "an outcome to own end to end",
        Level::Impact => "a continuing responsibility with its own targets",
    }
}

/// The failing advice: the rung, its recent figures, and where to look instead.
fn failing_text(s: &Standing, check: &SlipCheck, name: &str) -> String {
    let figures = last_kept(check, s.day);
    if s.direction == Direction::Mine {
        // Above tasks, the rung: my word may hold at tasks while my results fail.
        return match check.level {
            Level::Task => format!("your word to {name} is failing: {figures}"),
            level => format!(
                "your word to {name} is failing at {}: {figures}",
                level.title()
            ),
        };
    }
    match check.level {
        // The figures first at every rung, then what to do.
        Level::Task => format!("Tasks failing: {figures}. Talk now; give smaller, clearer tasks."),
        Level::Result => format!(
            "Results failing: {figures}. Look at how their tasks are delivered; hold off new \
             results."
        ),
        Level::Impact => format!(
            "Ongoing impact failing: {figures}. Look at their one-time results; hold off new \
             ongoing impact."
        ),
    }
}

/// The sentence on where attention should move, when a rung is failing.
pub fn focus_text(s: &Standing, name: &str) -> Option<String> {
    s.failing().map(|check| failing_text(s, check, name))
}

/// "keep your next promise to Leo: \"the budget sign-off\" is 8 days overdue".
fn overdue_text(s: &Standing, name: &str) -> Option<String> {
    let Some(Note::Overdue { days, what, .. }) = s.note("overdue") else {
        return None;
    };
    let days = plural(*days as usize, "day");
    // In quotes, as their side's advice quotes a promise: a title is not a sentence's part.
    Some(format!(
        "keep your next promise to {name}: \"{}\" is {days} overdue",
        sanitize(what)
    ))
}

/// One sentence on what to do next, worded for their side or mine; `name` is the colleague
/// as my side's sentences name them (see [`FirstNames::called`]).
pub fn advice(s: &Standing, name: &str, settings: &Settings) -> String {
    let mine = s.direction == Direction::Mine;
    match s.advice() {
        Advice::Failing { .. } => {
            let failing = focus_text(s, name).unwrap_or_default();
            if mine {
                return match overdue_text(s, name) {
                    Some(overdue) => format!("{failing}; {overdue}"),
                    None => failing,
                };
            }
            // An overdue promise comes first at every level, failing ones too.
            match s.overdue_first(settings) {
                Some((what, days)) => {
                    format!(
                        "{failing} {}.",
                        text::capitalized(&first_overdue(what, days))
                    )
                }
                None => failing,
            }
        }
        Advice::KeepYourWord => overdue_text(s, name).unwrap_or_default(),
        Advice::Quiet => {
            let since = match s.note("quiet") {
                Some(Note::Quiet { since }) => short_date(*since, s.day),
                _ => String::new(),
            };
            // What keeps tasks from being held comes before the fading, as while building.
            match (mine, s.unheld(settings)) {
                (true, Unheld::Late { delivered, on_time }) => format!(
                    "nothing promised to {name} resolved since {since}; {delivered} kept, {on_time} on time: keep the dates you give"
                ),
                (true, Unheld::MoreKept { more, .. }) => format!(
                    "nothing promised to {name} resolved since {since}; {} at any rung and your word holds at tasks",
                    more_kept(more)
                ),
                (true, _) => match my_open(s) {
                    Some(open) => {
                        format!("nothing promised to {name} resolved since {since}: keep {open}")
                    }
                    None => format!(
                        "nothing promised to {name} resolved since {since}: make a small promise and keep it"
                    ),
                },
                (false, Unheld::Overdue { what, days }) => {
                    format!("Quiet since {since}; {}.", first_overdue(what, days))
                }
                (false, Unheld::Late { delivered, on_time }) => format!(
                    "Quiet since {since}; {delivered} delivered, {on_time} on time: agree due dates they can meet, and small tasks."
                ),
                (
                    false,
                    Unheld::MoreKept {
                        delivered,
                        above,
                        broken,
                        more,
                    },
                ) => format!(
                    "Quiet since {since}; {}; {} at any rung and they hold tasks.",
                    delivered_above(delivered, above, broken),
                    more_kept(more)
                ),
                // Releases alone: no record was there to fade.
                (false, Unheld::Start) if s.rungs.iter().all(|r| r.counts.resolved() == 0) => {
                    format!(
                        "Quiet since {since}: nothing kept or broken yet, only released; start with small tasks."
                    )
                }
                (false, Unheld::Start) => format!(
                    "Quiet since {since}: their record has faded; start again with small tasks."
                ),
            }
        }
        Advice::Building if mine => match s.unheld(settings) {
            Unheld::Late { delivered, on_time } => format!(
                "building: {delivered} kept for {name}, {on_time} on time; keep the dates you give"
            ),
            Unheld::MoreKept { more, .. } => format!(
                "building: {} to {name} at any rung and your word holds at tasks",
                more_kept(more)
            ),
            _ => match my_open(s) {
                Some(open) => format!("building: keep {open} to {name}"),
                None => format!("building: make {name} small promises and keep them"),
            },
        },
        Advice::Building => match s.unheld(settings) {
            Unheld::Overdue { what, days } => format!("Building; {}.", first_overdue(what, days)),
            // Late deliveries are what keeps someone who delivers from holding tasks: said,
            // or "building" would read as if nothing had been delivered.
            Unheld::Late { delivered, on_time } => format!(
                "Building: {delivered} delivered, {on_time} on time; agree due dates they can meet, and small tasks."
            ),
            // Someone who delivered above tasks, short only of evidence, is not sent back to
            // small tasks: what would make the record hold is said instead.
            Unheld::MoreKept {
                delivered,
                above,
                broken,
                more,
            } => format!(
                "Building: {}; {} at any rung and they hold tasks.",
                delivered_above(delivered, above, broken),
                more_kept(more)
            ),
            // Releasing many while building: fewer, firmer promises, as when holding a rung.
            Unheld::Start => match s.note("renegotiates") {
                Some(Note::Renegotiates { released, total }) => format!(
                    "Building: {released} of {total} released lately: ask for fewer, firmer promises, small tasks they can keep."
                ),
                _ => "Building: entrust them with small tasks and log how they go.".to_string(),
            },
        },
        Advice::Ready { next } if mine => format!("ready to promise {name} {}", next.title()),
        Advice::Ready { next } => format!(
            "Ready for {}: entrust them with {}.",
            next.title(),
            example(next)
        ),
        Advice::Top if mine => "your word holds at every rung: keep it so".to_string(),
        Advice::Top => match s.overdue_first(settings) {
            Some((what, days)) => {
                format!(
                    "Trusted with ongoing impact; {}.",
                    first_overdue(what, days)
                )
            }
            None => "Trusted with ongoing impact: keep them there.".to_string(),
        },
        Advice::Holding { level, blocker, .. } if mine => {
            let holds = format!("your word holds at {}", level.title());
            match blocker {
                Blocker::Renegotiates => format!(
                    "{holds}; {} lately: promise {name} less, and keep it",
                    blocker_text(&blocker, s, settings)
                ),
                Blocker::Streak { of, .. } => match blocker.streak_late(settings) {
                    Some(late) => format!(
                        "{holds}; {late} of the last {of} came late: keep the dates you give"
                    ),
                    None => holds,
                },
                _ => holds,
            }
        }
        Advice::Holding {
            level,
            next,
            blocker,
        } => holding_text(s, level, next, &blocker, settings),
    }
}

/// [`advice`] said on its own line ("Advice: …"): my side's, worded to follow "Me:" or "My
/// word: …;", begins with a capital and ends with a full stop there, as theirs does.
pub fn advice_sentence(s: &Standing, name: &str, settings: &Settings) -> String {
    let said = advice(s, name, settings);
    if s.direction == Direction::Theirs || said.ends_with('.') {
        return said;
    }
    format!("{}.", text::capitalized(&said))
}

/// "3 delivered, 3 above tasks, 1 broken": a record short of tasks only for evidence, as
/// the advice says it while building and while quiet.
fn delivered_above(delivered: usize, above: usize, broken: usize) -> String {
    if broken > 0 {
        format!("{delivered} delivered, {above} above tasks, {broken} broken")
    } else {
        format!("{delivered} delivered, {above} above tasks")
    }
}

/// "one more kept promise", "two more kept promises": how many would hold tasks, as the
/// advice and the prep's suggestion say it.
pub fn more_kept(n: usize) -> String {
    match n {
        1 => "one more kept promise".to_string(),
        2 => "two more kept promises".to_string(),
        3 => "three more kept promises".to_string(),
        n => format!("{n} more kept promises"),
    }
}

/// My word as LADDER.md shows it: the plain record, and the level once I hold a rung.
pub fn my_word(s: &Standing) -> String {
    let record = plain_record(&s.record());
    match s.trust_level {
        Some(level) => format!("{record}, level {}", level.title()),
        None => record,
    }
}

/// `settle "the hiring plan" first: 50 days overdue`: an open promise of theirs past its
/// grace, which the advice puts first at any level.
fn first_overdue(what: &str, days: i64) -> String {
    format!(
        "settle \"{}\" first: {} overdue",
        sanitize(what),
        plural(days as usize, "day")
    )
}

/// The advice while holding a rung, naming the main thing between them and the next.
fn holding_text(
    s: &Standing,
    level: Level,
    next: Level,
    blocker: &Blocker,
    settings: &Settings,
) -> String {
    let holding = format!("Holding {}", level.title());
    match blocker {
        Blocker::Overdue { .. } => match s.note("overdue") {
            Some(Note::Overdue { days, what, .. }) => {
                format!("{holding}; {}.", first_overdue(what, *days))
            }
            _ => format!("{holding}; first the overdue promises."),
        },
        Blocker::Tried => format!("{holding}; {}.", blocker_text(blocker, s, settings)),
        Blocker::Renegotiates => format!(
            "{holding}; {} lately: ask for fewer, firmer promises.",
            blocker_text(blocker, s, settings)
        ),
        Blocker::OpenAbove { count } => format!(
            "{holding}; {} open at {} will show how they do one rung up.",
            plural(*count, "promise"),
            next.title()
        ),
        // Fewer counted than the streak needs, none missed: more of them, as for evidence.
        Blocker::Streak { .. } if blocker.streak_short_only(settings) => format!(
            "{holding}: more kept {} build the record toward {}.",
            level.title(),
            next.title()
        ),
        Blocker::Streak { .. } => format!(
            "{holding}; for {} the last {} must be kept, {} on time.",
            next.title(),
            settings.ready_streak,
            settings.ready_streak_on_time
        ),
        Blocker::Score { need, .. } => format!(
            "{holding}; for {} the score at {} must reach {}.",
            next.title(),
            level.title(),
            setting_percent(*need)
        ),
        Blocker::Evidence { .. } | Blocker::Slipping => format!(
            "{holding}: more kept {} build the record toward {}.",
            level.title(),
            next.title()
        ),
    }
}

/// The advice for someone archived, on both sides: nothing they could act on, only how they
/// come back (`restore` says how: a command, or the UI's key; none where nothing binds
/// restoring). Every front end that shows advice says this instead for them, and as one
/// sentence, beginning with a capital and ending with a full stop, as every other advice is
/// said on its own line ([`advice_sentence`]).
pub fn archived_advice(restore: Option<&str>) -> String {
    const ARCHIVED: &str = "Archived, so nothing new is promised until restored";
    match restore {
        Some(how) => format!("{ARCHIVED} ({how})."),
        None => format!("{ARCHIVED}."),
    }
}

/// The trend in words: "down: failing at results", "up: task now, none on 26 Aug".
pub fn trend_text(s: &Standing, settings: &Settings) -> String {
    let name = |l: Option<Level>| l.map_or("none", Level::as_str);
    let then = short_date(
        crate::core::dates::days_before(s.day, settings.trend_days),
        s.day,
    );
    match s.trend {
        Trend::Down => {
            let rungs: Vec<&str> = s.slipping_rungs.iter().map(|l| l.title()).collect();
            format!("down: failing at {}", rungs.join(" and "))
        }
        Trend::Up => format!(
            "up: {} now, {} on {then}",
            name(s.trust_level),
            name(s.level_then)
        ),
        Trend::Flat if s.level_then == s.trust_level => {
            format!("flat: {} now and on {then}", name(s.trust_level))
        }
        // Lower than then, but no rung failing: the record faded with age, or a rung was lost
        // without failing (FORMAT.md, `trend`). Both levels are said: the one then was real.
        Trend::Flat => format!(
            "flat: {} now, {} on {then}, with no rung failing",
            name(s.trust_level),
            name(s.level_then)
        ),
    }
}

/// Every figure and rule behind a standing, one line each: the level, each rung, each
/// slipping check, ready and the trend. (The notes are facts of their own: [`notes_text`].)
pub fn explain(s: &Standing, settings: &Settings) -> Vec<String> {
    let shown = s.rungs.each_ref().map(|r| Shown::new(r, settings));
    let reasons = shown.each_ref().map(reason_shown);
    let mut lines = vec![level_line_with(s, &reasons)];
    lines.extend(
        shown
            .iter()
            .zip(&reasons)
            .map(|(shown, reason)| rung_line_with(shown, reason)),
    );
    lines.extend(s.slip_checks.iter().map(|c| slip_line(c, settings)));
    lines.extend(ready_line(s, settings));
    lines.push(format!("Trend {}.", trend_text(s, settings)));
    lines
}

/// A setting's fraction as a percentage with no more digits than it has: "70%", "72.5%".
/// Every view quotes a threshold so: rounded to a whole percent, a bar of 72.5% would read
/// as 72% beside a score of 72% that is not held.
pub fn setting_percent(v: f64) -> String {
    let mut text = setting_digits(v);
    text.push('%');
    text
}

/// [`setting_percent`] without its `%`.
fn setting_digits(v: f64) -> String {
    let mut text = fixed(v * 100.0, 2);
    if text.contains('.') {
        let kept = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(kept);
    }
    text
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The advice for someone archived is one sentence like every other advice on its own
    /// line, with the way back or without (the UI's, where nothing binds restoring).
    #[test]
    fn the_advice_for_someone_archived_is_a_sentence() {
        assert_eq!(
            archived_advice(Some("`trustladder person restore pat-lee`")),
            "Archived, so nothing new is promised until restored (`trustladder person restore pat-lee`)."
        );
        assert_eq!(
            archived_advice(None),
            "Archived, so nothing new is promised until restored."
        );
    }

    /// The advice names someone by first name, or whole beside another colleague of that
    /// first name (any case, accents aside).
    #[test]
    fn a_first_name_two_colleagues_share_is_said_whole() {
        let m = crate::core::Moment::fixed(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), "t");
        let mut l = crate::core::Ledger::default();
        for name in ["Sam Lindqvist", "sám Okafor", "Priya Raman"] {
            l.add_person(name, "", "", m).unwrap();
        }
        let names = FirstNames::of(&l.people);
        let called: Vec<String> = l.people.iter().map(|p| names.called(p)).collect();
        assert_eq!(called, ["Sam Lindqvist", "sám Okafor", "Priya"]);
    }

    /// A name listed "Last, First" is called by the first name after the comma, and one
    /// that starts with a title or an initial is said whole.
    #[test]
    fn the_advice_calls_a_colleague_by_the_name_they_go_by() {
        for (name, called) in [
            ("Priya Raman", "Priya"),
            ("Raman, Priya", "Priya"),
            ("O'Brien, Seán Patrick", "Seán"),
            ("Raman,", "Raman"),
            ("Priya Raman, PhD", "Priya"),
            ("Martin Luther King, Jr.", "Martin"),
            ("King, Martin Luther, Jr.", "Martin"),
            ("Dr. Small", "Dr. Small"),
            ("Dr Who", "Dr Who"),
            ("prof Jane Roe", "prof Jane Roe"),
            ("Sir Tim Lee", "Sir Tim Lee"),
            ("Drew Barr", "Drew"),
            ("J. Okafor", "J. Okafor"),
            ("Okafor, J.", "Okafor, J."),
            ("Okafor, J. K.", "Okafor, J. K."),
            ("Ann.", "Ann."),
            ("王芳", "王芳"),
        ] {
            assert_eq!(called_word(name), called, "{name}");
        }
        let m = crate::core::Moment::fixed(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), "t");
        let mut l = crate::core::Ledger::default();
        for name in ["Raman, Priya", "Priya Okafor", "Sam Lee", "Sam Lee"] {
            l.add_person(name, "", "", m).unwrap();
        }
        let names = FirstNames::of(&l.people);
        let called: Vec<String> = l.people.iter().map(|p| names.called(p)).collect();
        assert_eq!(
            called,
            [
                "Raman, Priya",
                "Priya Okafor",
                "Sam Lee (sam-lee)",
                "Sam Lee (sam-lee-2)"
            ]
        );
    }

    /// Only a word with a letter or a digit names someone: dashes, punctuation and emoji
    /// before it are passed over, quotes and brackets around it left out, and a name with no
    /// such word is said whole.
    #[test]
    fn the_advice_calls_a_colleague_by_a_word_that_names_them() {
        for (name, called) in [
            ("- Dash", "Dash"),
            ("-- Dash Rivera", "Dash"),
            ("• Bullet", "Bullet"),
            ("🚀 Rocket Ren", "Rocket"),
            ("... Ellis", "Ellis"),
            ("Smith, \"Jo\"", "Jo"),
            ("Smith, “Jo”", "Jo"),
            ("Smith, ‘Jo’", "Jo"),
            ("'Jo' Smith", "Jo"),
            ("(Jo) Smith", "Jo"),
            ("Smith, (Jo)", "Jo"),
            ("Smith, \"Jo,\" Ann", "Jo"),
            ("«Jo» Smith", "Jo"),
            ("Smith, - Jo", "Jo"),
            ("Raman, -", "Raman"),
            ("- Dr. Small", "Dr. Small"),
            ("– J. Okafor", "J. Okafor"),
            ("O'Brien", "O'Brien"),
            ("R2 Unit", "R2"),
            ("007", "007"),
            ("-", "-"),
            (" 🚀 ✨ ", "🚀 ✨"),
            ("\"\"", "\"\""),
        ] {
            assert_eq!(called_word(name), called, "{name}");
        }
        let m = crate::core::Moment::fixed(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), "t");
        let mut l = crate::core::Ledger::default();
        for name in ["- Dash", "Smith, \"Jo\"", "⁂ 🚀"] {
            l.add_person(name, "", "", m).unwrap();
        }
        let names = FirstNames::of(&l.people);
        let called: Vec<String> = l.people.iter().map(|p| names.called(p)).collect();
        assert_eq!(called, ["Dash", "Jo", "⁂ 🚀"]);
        // "- Sam" and "Sam Lee" share the word they are called by.
        let mut l = crate::core::Ledger::default();
        for name in ["- Sam", "Sam Lee"] {
            l.add_person(name, "", "", m).unwrap();
        }
        let names = FirstNames::of(&l.people);
        let called: Vec<String> = l.people.iter().map(|p| names.called(p)).collect();
        assert_eq!(called, ["- Sam", "Sam Lee"]);
    }

    fn rung(reliability: f64, threshold: f64) -> RungScore {
        RungScore {
            level: Level::Result,
            evidence: 4.0,
            kept: 3.0,
            delivered: 3.0,
            reliability,
            held: reliability >= threshold,
            resolved: 4,
            from_above: 0,
            late_from_above: 0,
            counts: Counts::default(),
            own_evidence: 4.0,
            own_kept: 3.0,
            verdict: if reliability >= threshold {
                Verdict::Held
            } else {
                Verdict::TooUnreliable
            },
        }
    }

    #[test]
    fn a_score_never_shows_on_the_other_side_of_the_threshold() {
        let cases = [
            (0.697, 0.7, "69%"),
            (0.6951, 0.7, "69%"),
            (0.694, 0.7, "69%"),
            (0.7, 0.7, "70%"),
            (0.704, 0.7, "70%"),
            (0.65, 0.7, "65%"),
            (0.9996, 1.0, "99%"),
            (0.7249, 0.725, "72%"),
            (0.7251, 0.725, "73%"),
            // Held at exactly the threshold, which rounds (half to even) to 72%.
            (0.725, 0.725, "73%"),
            (0.7201, 0.725, "72%"),
            // Below 70.51%, which rounding would show as 71%.
            (0.7050, 0.7051, "70%"),
        ];
        for (reliability, threshold, shown) in cases {
            let settings = Settings {
                hold_threshold: threshold,
                ready_threshold: threshold,
                ..Settings::default()
            };
            assert_eq!(
                score(&rung(reliability, threshold), &settings),
                shown,
                "{reliability} against {threshold}"
            );
        }
        let mut none = rung(0.5, 0.7);
        none.evidence = 0.0;
        none.resolved = 0;
        assert_eq!(score(&none, &Settings::default()), NONE);
        // A record faded to evidence that shows as 0.00 (two tasks kept four years ago) has
        // the score of nothing known, and shows as nothing known; at 0.01 it is a figure.
        for (evidence, shown) in [(0.0049, NONE), (0.0072, "50%")] {
            let faded = RungScore {
                evidence,
                resolved: 2,
                ..rung(0.5018, 0.7)
            };
            assert_eq!(score(&faded, &Settings::default()), shown, "{evidence}");
        }
        // Nor of the score to be ready for the next rung (80%), held or not.
        let settings = Settings::default();
        assert_eq!(score(&rung(0.7998, 0.7), &settings), "79%");
        assert_eq!(score(&rung(0.8, 0.7), &settings), "80%");
        assert_eq!(score(&rung(0.7998, 0.85), &settings), "79%");
        // Two thresholds within a point: no whole number is on both sides, so one digit more.
        let close = Settings {
            hold_threshold: 0.795,
            ready_threshold: 0.8,
            ..Settings::default()
        };
        assert_eq!(score(&rung(0.797, 0.795), &close), "79.7%");
        assert_eq!(score(&rung(0.81, 0.795), &close), "81%");
    }

    /// A rung's line as [`explain`] gives it.
    fn rung_line(r: &RungScore, settings: &Settings) -> String {
        rung_line_with(&Shown::new(r, settings), &reason(r, settings))
    }

    #[test]
    fn a_rungs_line_shows_the_digits_that_keep_its_score_beside_every_threshold() {
        let settings = Settings::default();
        let line = rung_line(&rung(0.7998, settings.hold_threshold), &settings);
        assert!(line.contains("; score 79.98%, evidence"), "{line}");
        let line = rung_line(&rung(0.8123, settings.hold_threshold), &settings);
        assert!(line.contains("; score 81%, evidence"), "{line}");
    }

    #[test]
    fn evidence_never_shows_on_the_other_side_of_its_thresholds() {
        let settings = Settings::default();
        let at = |level: Level, evidence: f64| {
            let r = RungScore {
                level,
                evidence,
                resolved: if evidence > 0.0 { 4 } else { 0 },
                ..rung(0.9, 0.7)
            };
            super::evidence(&r, &settings)
        };
        let hold = settings.hold_evidence_task;
        assert_eq!(at(Level::Task, hold - 0.004), format!("{:.2}", hold - 0.01));
        assert_eq!(at(Level::Task, hold), format!("{hold:.2}"));
        assert_eq!(at(Level::Task, hold + 0.004), format!("{hold:.2}"));
        let ready = settings.ready_evidence_task;
        assert_eq!(
            at(Level::Task, ready - 0.001),
            format!("{:.2}", ready - 0.01)
        );
        let hold = settings.hold_evidence_result;
        assert_eq!(
            at(Level::Result, hold - 0.003),
            format!("{:.2}", hold - 0.01)
        );
        // Away from every threshold, as usual.
        assert_eq!(at(Level::Task, 1.236), "1.24");
        assert_eq!(at(Level::Impact, 0.0), NONE);
    }

    /// A rung's own record just under the `tried` note's evidence shows under it (0.74927,
    /// not a 0.75 beside a record that is not "tried"); with kept promises from above in it,
    /// or at tasks, the shown evidence is not the one the note compares, and rounds as usual.
    #[test]
    fn evidence_of_a_record_of_its_own_keeps_its_side_of_the_tried_threshold() {
        let settings = Settings::default();
        let bar = settings.bad_record_evidence;
        let own = |level: Level, evidence: f64, from_above: usize| {
            let r = RungScore {
                level,
                evidence,
                from_above,
                ..rung(0.36, 0.7)
            };
            super::evidence(&r, &settings)
        };
        let just_under = bar - 0.00073;
        assert_eq!(
            own(Level::Result, just_under, 0),
            format!("{:.2}", bar - 0.01)
        );
        assert_eq!(own(Level::Result, bar, 0), format!("{bar:.2}"));
        // Kept promises from above in it, or tasks (never the rung a note is about).
        assert_eq!(own(Level::Result, just_under, 1), format!("{bar:.2}"));
        assert_eq!(own(Level::Task, just_under, 0), format!("{bar:.2}"));
        let score = settings.bad_record_threshold - 0.0004;
        let r = RungScore {
            evidence: 1.0,
            own_evidence: 1.0,
            ..rung(score, 0.7)
        };
        assert_eq!(super::score(&r, &settings), "49%");
    }

    #[test]
    fn a_rungs_record_says_what_was_late_and_what_came_from_above() {
        let record = |kept_late, late_from_above, from_above, released| {
            rung_record(&RungScore {
                counts: Counts {
                    kept: 3,
                    kept_late,
                    broken: 1,
                    released,
                },
                resolved: 4 + kept_late + from_above,
                from_above,
                late_from_above,
                ..rung(0.8, 0.7)
            })
        };
        assert_eq!(record(0, 0, 0, 0), "3 of 4 kept");
        assert_eq!(record(2, 0, 0, 0), "5 of 6 kept (2 late)");
        assert_eq!(record(0, 0, 10, 0), "13 of 14 kept (10 from above)");
        assert_eq!(record(1, 2, 3, 0), "7 of 8 kept (3 late, 3 from above)");
        assert_eq!(record(0, 0, 0, 12), "3 of 4 kept, 12 released");
        assert_eq!(
            record(1, 0, 2, 1),
            "6 of 7 kept (1 late, 2 from above), 1 released"
        );
    }

    #[test]
    fn a_rungs_line_agrees_with_its_rule() {
        let settings = Settings::default();
        let line = rung_line(&rung(0.697, settings.hold_threshold), &settings);
        assert!(line.contains("; score 69.7%, evidence"), "{line}");
        assert!(line.ends_with("not held: score 69.7% < 70%"), "{line}");
        // A threshold set with a decimal is shown with it.
        let settings = Settings {
            hold_threshold: 0.725,
            ..Settings::default()
        };
        let line = rung_line(&rung(0.7249, 0.725), &settings);
        assert!(line.ends_with("not held: score 72% < 72.5%"), "{line}");
        let line = rung_line(&rung(0.725, 0.725), &settings);
        assert!(
            line.ends_with("held (evidence 4.00 ≥ 2.0 and score 72.5% ≥ 72.5%)"),
            "{line}"
        );
    }

    proptest::proptest! {
        /// A record shows nothing where its evidence is written as 0.00, whatever its
        /// thresholds (set as small as a setting may be): what `shows_nothing` skips writing
        /// out, evidence of a hundredth or more, never is.
        #[test]
        fn a_record_shows_nothing_only_where_its_evidence_reads_zero(
            evidence in 0.0f64..0.03,
            bar in 0.0f64..0.03,
            level in 0usize..3,
        ) {
            let settings = Settings {
                hold_evidence_task: bar,
                ready_evidence_task: bar,
                hold_evidence_result: bar,
                ready_evidence_result: bar,
                hold_evidence_impact: bar,
                bad_record_evidence: bar,
                ..Settings::default()
            };
            let r = RungScore {
                level: Level::ALL[level],
                evidence,
                own_evidence: evidence,
                ..rung(0.5, 0.7)
            };
            let written = super::evidence(&r, &settings);
            proptest::prop_assert_eq!(
                shows_nothing(&r, &settings),
                written.parse::<f64>() == Ok(0.0),
                "evidence {} written {}", evidence, written
            );
        }
    }
}
