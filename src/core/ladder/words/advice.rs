//! The advice, the notes beside it and what to entrust someone with next, in sentences.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::{
    Shown, last_kept, my_open, plain_record, plural, push_all, push_evidence_vs, push_level_line,
    push_reason, push_rung_line, push_score_vs, push_short_date, push_slip_line, setting_percent,
    short_date,
};
use crate::core::ladder::explain::{Advice, Unheld};
use crate::core::ladder::standing::Standing;
use crate::core::ladder::verdicts::{Blocker, Note, SlipCheck, Trend};
use crate::core::model::{Direction, Level};
use crate::core::settings::Settings;
use crate::core::text::{self, sanitize};

/// A blocker in a few words, for the ready line.
pub(super) fn blocker_text(b: &Blocker, s: &Standing, settings: &Settings) -> String {
    let mut out = String::new();
    push_blocker(&mut out, b, s, &Shown::each(s, settings));
    out
}

/// [`blocker_text`] added to `out`, with the standing's rungs as `shown` has them.
fn push_blocker(out: &mut String, b: &Blocker, s: &Standing, shown: &[Shown; 3]) {
    let settings = shown[0].settings;
    let at = s.trust_level.map_or("", Level::title);
    let _ = match b {
        Blocker::Evidence { need, .. } => {
            if let Some(level) = s.trust_level {
                push_evidence_vs(out, &shown[level.index()], *need);
            }
            write!(out, " at {at}")
        }
        Blocker::Score { have, need } => {
            push_score_vs(out, *have, *need);
            write!(out, " at {at}")
        }
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
                write!(out, "only {of} counted at {at} ({want})")
            } else {
                write!(
                    out,
                    "the last {of} at {at}: {delivered} kept, {on_time} on time ({want})"
                )
            }
        }
        Blocker::Slipping => {
            let rungs: Vec<&str> = s.slipping_rungs.iter().map(|l| l.title()).collect();
            write!(out, "failing at {}", rungs.join(" and "))
        }
        Blocker::Overdue { count } => write!(
            out,
            "{} more than {} days overdue",
            plural(*count, "promise"),
            settings.overdue_grace_days
        ),
        Blocker::OpenAbove { count } => {
            let next = s.trust_level.and_then(Level::up).map_or("", Level::title);
            write!(out, "{} open at {next}", plural(*count, "promise"))
        }
        Blocker::Tried | Blocker::Renegotiates => {
            let kind = if *b == Blocker::Tried {
                "tried"
            } else {
                "renegotiates"
            };
            if let Some(n) = s.note(kind) {
                out.push_str(&note_text(n, s.day));
            }
            Ok(())
        }
    };
}

/// Whether they are ready for the next rung, and if not, everything in the way.
pub fn ready_line(s: &Standing, settings: &Settings) -> Option<String> {
    let mut out = String::with_capacity(128);
    push_ready_line(&mut out, s, &Shown::each(s, settings)).then_some(out)
}

/// [`ready_line`] added to `out`, with the standing's rungs as `shown` has them: whether
/// there is one.
fn push_ready_line(out: &mut String, s: &Standing, shown: &[Shown; 3]) -> bool {
    let settings = shown[0].settings;
    let Some(level) = s.trust_level else {
        return false;
    };
    let Some(check) = &s.ready_check else {
        out.push_str("Ready: no rung above ongoing impact.");
        return true;
    };
    if check.blockers.is_empty() {
        let need = settings.ready_evidence(level).unwrap_or_default();
        push_all(out, &["Ready for ", check.next.title(), ": "]);
        push_evidence_vs(out, &shown[level.index()], need);
        out.push_str(" and ");
        push_score_vs(
            out,
            s.rungs[level.index()].reliability,
            settings.ready_threshold,
        );
        let _ = write!(
            out,
            " at {}, the last {} kept ({} or more on time), nothing failing, long overdue or \
             open at {}.",
            level.title(),
            settings.ready_streak,
            settings.ready_streak_on_time,
            check.next.title()
        );
        return true;
    }
    push_all(out, &["Not yet ready for ", check.next.title(), ": "]);
    for (i, b) in check.blockers.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_blocker(out, b, s, shown);
    }
    out.push('.');
    true
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
pub(super) fn failing_text(s: &Standing, check: &SlipCheck, name: &str) -> String {
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
pub(super) fn overdue_text(s: &Standing, name: &str) -> Option<String> {
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
/// as my side's sentences name them (see [`FirstNames::called`](super::FirstNames::called)).
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
pub(super) fn delivered_above(delivered: usize, above: usize, broken: usize) -> String {
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
pub(super) fn first_overdue(what: &str, days: i64) -> String {
    format!(
        "settle \"{}\" first: {} overdue",
        sanitize(what),
        plural(days as usize, "day")
    )
}

/// The advice while holding a rung, naming the main thing between them and the next.
pub(super) fn holding_text(
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
    let mut out = String::with_capacity(48);
    push_trend(&mut out, s, settings);
    out
}

/// [`trend_text`] added to `out`.
fn push_trend(out: &mut String, s: &Standing, settings: &Settings) {
    let name = |l: Option<Level>| l.map_or("none", Level::as_str);
    let then = crate::core::dates::days_before(s.day, settings.trend_days);
    match s.trend {
        Trend::Down => {
            out.push_str("down: failing at ");
            for (i, rung) in s.slipping_rungs.iter().enumerate() {
                if i > 0 {
                    out.push_str(" and ");
                }
                out.push_str(rung.title());
            }
            return;
        }
        Trend::Up => push_all(out, &["up: ", name(s.trust_level), " now, "]),
        Trend::Flat if s.level_then == s.trust_level => {
            push_all(out, &["flat: ", name(s.trust_level), " now and on "]);
            push_short_date(out, then, s.day);
            return;
        }
        // Lower than then, but no rung failing: the record faded with age, or a rung was lost
        // without failing (FORMAT.md, `trend`). Both levels are said: the one then was real.
        Trend::Flat => push_all(out, &["flat: ", name(s.trust_level), " now, "]),
    }
    push_all(out, &[name(s.level_then), " on "]);
    push_short_date(out, then, s.day);
    if s.trend == Trend::Flat {
        out.push_str(", with no rung failing");
    }
}

/// Every figure and rule behind a standing, one line each: the level, each rung, each
/// slipping check, ready and the trend. (The notes are facts of their own: [`notes_text`].)
pub fn explain(s: &Standing, settings: &Settings) -> Vec<String> {
    let mut lines = Vec::with_capacity(6 + s.slip_checks.len());
    explain_each(s, &Shown::each(s, settings), |line| {
        lines.push(line.to_string())
    });
    lines
}

/// [`explain`], each line handed to `line` as it is made, with the standing's rungs as
/// `shown` has them (a page shows their figures in its table too): the lines are made one
/// after the other in one string, where `review` of everyone made thousands of strings, and
/// pieces of them, to copy into its page.
pub fn explain_each(s: &Standing, shown: &[Shown; 3], mut line: impl FnMut(&str)) {
    let settings = shown[0].settings;
    let mut text = String::with_capacity(256);
    let mut said = |text: &mut String| {
        line(text);
        text.clear();
    };
    // Each reason is quoted twice, by the level's line and by its rung's.
    let reasons = shown.each_ref().map(|shown| {
        let mut reason = String::with_capacity(64);
        push_reason(&mut reason, shown);
        reason
    });
    push_level_line(&mut text, s, &reasons);
    said(&mut text);
    for (shown, reason) in shown.iter().zip(&reasons) {
        push_rung_line(&mut text, shown, reason);
        said(&mut text);
    }
    for check in &s.slip_checks {
        push_slip_line(&mut text, check, settings);
        said(&mut text);
    }
    if push_ready_line(&mut text, s, shown) {
        said(&mut text);
    }
    text.push_str("Trend ");
    push_trend(&mut text, s, settings);
    text.push('.');
    said(&mut text);
}
