//! The figures in words: counts, scores, evidence and how they compare to a rule's
//! bounds, each written so that what it shows holds as shown.

use std::cell::OnceCell;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::setting_decimals;
use crate::core::decimal::fixed;
use crate::core::ladder::scoring::{Counts, RungScore};
use crate::core::ladder::standing::Standing;
use crate::core::model::Level;
use crate::core::settings::Settings;

/// Shown for a figure that has no evidence behind it.
pub(super) const NONE: &str = "–";

/// A day as people say it: "3 Apr", with the year when it is not `today`'s.
pub(super) fn short_date(day: NaiveDate, today: NaiveDate) -> String {
    let mut out = String::with_capacity(11);
    push_short_date(&mut out, day, today);
    out
}

/// The months as chrono's `%b` writes them.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// [`short_date`] added to `out`, as chrono's `%-d %b` (and ` %Y`) writes it, but by hand:
/// `review` says a few days for each colleague, and the formatter cost more than the rest of
/// their lines. A year outside 0 to 9999, which chrono writes with its sign, is left to it.
pub(super) fn push_short_date(out: &mut String, day: NaiveDate, today: NaiveDate) {
    let mut digits = itoa::Buffer::new();
    out.push_str(digits.format(day.day()));
    out.push(' ');
    out.push_str(MONTHS[day.month0() as usize]);
    if day.year() == today.year() {
        return;
    }
    out.push(' ');
    match u32::try_from(day.year()) {
        Ok(year) if year <= 9999 => {
            let year = digits.format(year);
            out.extend(std::iter::repeat_n('0', 4 - year.len()));
            out.push_str(year);
        }
        _ => {
            let _ = write!(out, "{}", day.format("%Y"));
        }
    }
}

/// "1 promise", "2 promises".
pub(super) fn plural(n: usize, word: &str) -> String {
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
pub(super) fn score_bars(r: &RungScore, s: &Settings) -> Vec<f64> {
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
pub(super) fn own_record_only(r: &RungScore) -> bool {
    r.level != Level::Task && r.from_above == 0
}

/// Whether `shown` (a figure of `value` times `scale`) is on the same side of every one of the
/// `bars` (in `value`'s units) as `value` is.
pub(super) fn sides_kept(value: f64, scale: f64, shown: &str, bars: &[f64]) -> bool {
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
pub(super) fn on_its_side(value: f64, scale: f64, decimals: usize, bars: &[f64]) -> String {
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
pub(super) fn with_digits_enough(value: f64, scale: f64, decimals: usize, bars: &[f64]) -> String {
    let scaled = value * scale;
    (decimals..=decimals + 6)
        .map(|d| fixed(scaled, d))
        .find(|shown| sides_kept(value, scale, shown, bars))
        .unwrap_or_else(|| fixed(scaled, decimals))
}

/// [`score`] for a line with room: a score that rounding would put on the other side of a
/// threshold it is compared with gets the digits that keep it there ("69.7%", "79.98%"), as
/// in the rules.
pub(super) fn precise_score(r: &RungScore, s: &Settings) -> String {
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
pub(super) fn my_open(s: &Standing) -> Option<String> {
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
pub(super) fn compared(
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
pub(super) fn evidence_pair(value: f64, threshold: f64) -> (String, String) {
    compared(value, threshold, 2, 1)
}

/// A score and its threshold as percentages, as in "80% < 85%", the threshold with the
/// digits it was set with ("72.5%"); see [`compared`].
pub(super) fn percent_pair(value: f64, threshold: f64) -> (String, String) {
    let (mut v, mut t) = compared(
        value * 100.0,
        threshold * 100.0,
        0,
        setting_decimals(threshold),
    );
    v.push('%');
    t.push('%');
    (v, t)
}

/// `value` against `threshold` as "score 67% < 70%" or "score 85% ≥ 70%", added to `out`.
pub(super) fn push_score_vs(out: &mut String, value: f64, threshold: f64) {
    let (v, t) = percent_pair(value, threshold);
    push_all(out, &["score ", &v, sign(value < threshold), &t]);
}

/// A rung with its figures as its lines show them, each worked out once, when first needed:
/// a page that explains a standing shows a rung's record and evidence in its table, again in
/// the rung's line and its evidence again in the rule that decided it, and working them out
/// is much of its cost.
pub struct Shown<'a> {
    pub(super) rung: &'a RungScore,
    pub(super) settings: &'a Settings,
    evidence: OnceCell<String>,
    score: OnceCell<String>,
    record: OnceCell<String>,
}

impl<'a> Shown<'a> {
    pub fn new(rung: &'a RungScore, settings: &'a Settings) -> Self {
        Self {
            rung,
            settings,
            evidence: OnceCell::new(),
            score: OnceCell::new(),
            record: OnceCell::new(),
        }
    }

    /// Each rung of a standing, to be shown.
    pub fn each(s: &'a Standing, settings: &'a Settings) -> [Shown<'a>; 3] {
        s.rungs.each_ref().map(|r| Shown::new(r, settings))
    }

    /// [`evidence`].
    pub fn evidence(&self) -> &str {
        (self.evidence).get_or_init(|| evidence(self.rung, self.settings))
    }

    /// [`precise_score`].
    pub(super) fn score(&self) -> &str {
        (self.score).get_or_init(|| precise_score(self.rung, self.settings))
    }

    /// [`rung_record`].
    pub fn record(&self) -> &str {
        (self.record).get_or_init(|| rung_record(self.rung))
    }
}

/// A rung's score against the hold threshold, with the digits [`precise_score`] gives it,
/// so the figure reads the same all along its line ("score 79.5% ≥ 70%" beside the 80% to be
/// ready), added to `out`.
pub(super) fn push_score_against(out: &mut String, shown: &Shown) {
    let (r, settings) = (shown.rung, shown.settings);
    let (paired, bar) = percent_pair(r.reliability, settings.hold_threshold);
    let below = r.reliability < settings.hold_threshold;
    let figure = on_the_side(shown.score(), &paired, &bar, below);
    push_all(out, &["score ", figure, sign(below), &bar]);
}

/// ` < ` for a figure below its threshold, ` ≥ ` for one that reaches it.
fn sign(below: bool) -> &'static str {
    if below { " < " } else { " ≥ " }
}

/// Each of `parts` added to `out`, in turn.
pub(super) fn push_all(out: &mut String, parts: &[&str]) {
    for part in parts {
        out.push_str(part);
    }
}

/// `shown`, the rung's own figure, unless beside `bar` as shown (rounded, when set with more
/// digits than it shows) it would read on the wrong side of it: then `paired`, the figure
/// with the digits that keep it on its side.
pub(super) fn on_the_side<'a>(shown: &'a str, paired: &'a str, bar: &str, below: bool) -> &'a str {
    let reads = |text: &str| text.trim_end_matches('%').parse::<f64>().ok();
    let agrees = reads(shown)
        .zip(reads(bar))
        .is_some_and(|(v, t)| (v < t) == below);
    if agrees { shown } else { paired }
}

/// A rung's evidence against the hold threshold, shown as the rung's figure is everywhere
/// ([`evidence`]: 0.7494 is 0.74 beside a record not yet "tried"), unless that would read on
/// the wrong side of the threshold as shown: then with the digits that keep it there; added
/// to `out`.
pub(super) fn push_evidence_against(out: &mut String, shown: &Shown) {
    push_evidence_vs(out, shown, shown.settings.hold_evidence(shown.rung.level));
}

/// [`push_evidence_against`] for any threshold of the rung's (to hold it, to be ready for
/// the next), which [`evidence`] keeps the figure on its side of.
pub(super) fn push_evidence_vs(out: &mut String, shown: &Shown, need: f64) {
    let (paired, bar) = evidence_pair(shown.rung.evidence, need);
    let below = shown.rung.evidence < need;
    let figure = on_the_side(shown.evidence(), &paired, &bar, below);
    push_all(out, &["evidence ", figure, sign(below), &bar]);
}
