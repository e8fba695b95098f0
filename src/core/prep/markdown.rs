//! A prep in words: the Markdown `prep` prints and the UI's popup shows, ready to paste into a
//! 1:1 document.

use chrono::NaiveDate;

use super::{Next, Open, Prep, Since};
use crate::core::dates::days_between;
use crate::core::ladder::Standing;
use crate::core::ladder::words::{self, example};
use crate::core::markdown::{escape, escape_line_start};
use crate::core::model::{Direction, Level, Promise};
use crate::core::settings::Settings;
use crate::core::text;

/// The whole agenda as Markdown, ending in a newline.
pub fn markdown(prep: &Prep) -> String {
    let today = prep.today;
    let mut out = format!(
        "# 1:1 with {}, {}\n\n{}\n",
        escape(&prep.titled),
        long_date(today),
        since_line(prep.since)
    );
    if prep.person.archived {
        out.push_str(&format!(
            "\n{} is archived: hidden from everyday lists, with nothing new promised until \
             restored (`trustladder person restore {}`).\n",
            // The line begins with the name: "- Dash" would make it a list item.
            escape_line_start(&prep.called),
            prep.restore_as
        ));
    }
    section(&mut out, "They owe me", &open_lines(&prep.theirs, today));
    section(&mut out, "I owe them", &open_lines(&prep.mine, today));
    let title = match prep.since {
        Since::LastPrep(_) => "Since the last prep".to_string(),
        Since::Ahead { .. } => "Since today".to_string(),
        other => format!("Since {}", other.day()),
    };
    let outcomes: Vec<String> = prep
        .outcomes
        .iter()
        .map(|o| outcome_said(o.promise, o.recorded_later))
        .collect();
    let outcomes = if outcomes.is_empty() {
        vec!["Nothing kept, kept late, broken or released.".to_string()]
    } else {
        outcomes
    };
    section(&mut out, &title, &outcomes);
    section(&mut out, "Ladder", &ladder_lines(prep));
    let next = match prep.next {
        // Settling what is open is the one thing left to do with someone archived.
        Next::Restore if prep.theirs.is_empty() && prep.mine.is_empty() => {
            "Restore them before entrusting them with anything new.".to_string()
        }
        ref next => next_text(next),
    };
    section(&mut out, "Next", &[next]);
    out
}

/// Their level and the advice in one line, and my side's advice in another. Someone archived
/// gets the levels only: advice to entrust them with more could not be acted on.
fn ladder_lines(prep: &Prep) -> Vec<String> {
    let name = prep.called.clone();
    let (theirs, mine) = (&prep.review.theirs, &prep.review.mine);
    let level = theirs.trust_level.map_or("none (building)", Level::title);
    let my_word = my_word_line(mine, &name, prep.settings, prep.person.archived);
    if prep.person.archived {
        return vec![format!("- Trust: {level}."), my_word];
    }
    vec![
        format!(
            "- Trust: {level}. {}",
            escape(&words::advice(theirs, &name, prep.settings))
        ),
        my_word,
    ]
}

/// `- My word: 4 of 4 kept (1 late), level tasks; your word holds at tasks.`: my word as
/// everywhere (the plain record, and the level once I hold a rung) and my side's advice, none
/// for someone `archived`. The prep and the Markdown export both say it with this, so the two
/// documents word the line alike.
pub fn my_word_line(mine: &Standing, name: &str, settings: &Settings, archived: bool) -> String {
    let my_word = escape(&words::my_word(mine));
    if archived {
        return format!("- My word: {my_word}.");
    }
    format!(
        "- My word: {my_word}; {}.",
        escape(&words::advice(mine, name, settings))
    )
}

/// "Tuesday 24 November 2026".
fn long_date(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

fn since_line(since: Since) -> String {
    match since {
        Since::LastPrep(day) => format!("Since the last prep, {}.", long_date(day)),
        Since::Asked(day) => format!("Since {}, as asked.", long_date(day)),
        Since::Ahead { saved, today } => format!(
            "Since today, {}: the last prep was saved for {}, a day still to come.",
            long_date(today),
            long_date(saved)
        ),
        Since::First(day) => format!(
            "No prep saved yet: the last {} days, since {}.",
            super::FIRST_PREP_DAYS,
            long_date(day)
        ),
        Since::EarlierUnknown { later, from } => format!(
            "No prep by then is on record (the ledger keeps only the last one, on {}): the last {} days, since {}.",
            long_date(later),
            super::FIRST_PREP_DAYS,
            long_date(from)
        ),
    }
}

/// A heading and its lines, or a line saying there is nothing.
fn section(out: &mut String, title: &str, lines: &[String]) {
    out.push_str(&format!("\n## {title}\n\n"));
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
}

fn open_lines(open: &[Open], today: NaiveDate) -> Vec<String> {
    if open.is_empty() {
        return vec!["Nothing open.".to_string()];
    }
    open.iter().map(|o| open_line(o, today)).collect()
}

/// `- [ ] #1 Send the deck · task · **3 days overdue** (due 2026-11-21) · carried forward`,
/// and its note when it has one.
fn open_line(open: &Open, today: NaiveDate) -> String {
    let p = open.promise;
    let due = match p.due {
        None => "no due date".to_string(),
        Some(due) if due < today => {
            let late = text::days(days_between(due, today));
            format!("**{late} overdue** (due {due})")
        }
        Some(due) if due == today => "due today".to_string(),
        Some(due) => format!("due {}", due.format("%a %Y-%m-%d")),
    };
    let carried = if open.carried {
        " · carried forward"
    } else {
        ""
    };
    let note = match p.note.trim() {
        "" => String::new(),
        note => format!(" · note: {}", escape(note)),
    };
    format!(
        "- [ ] #{} {} · {} · {due}{carried}{note}",
        p.id,
        escape(&p.what),
        p.level
    )
}

/// `- kept late, 2026-11-23: #1 Migrate the billing tables (theirs, task) — note: the
/// schema review took a week`: the note given with the outcome is what a 1:1 talks about, and
/// what the Markdown export's recent outcomes show too.
pub fn outcome_line(p: &Promise) -> String {
    outcome_said(p, false)
}

/// [`outcome_line`], with `(recorded later)` after the day of an outcome dated before the
/// prep's window but recorded since the last prep: `- kept, 2026-12-01 (recorded later): #3 …`.
fn outcome_said(p: &Promise, recorded_later: bool) -> String {
    let later = if recorded_later {
        " (recorded later)"
    } else {
        ""
    };
    let on = p
        .resolved
        .map_or_else(String::new, |d| format!(", {d}{later}"));
    let whose = match p.direction {
        Direction::Theirs => "theirs",
        Direction::Mine => "mine",
    };
    let note = match p.note.trim() {
        "" => String::new(),
        note => format!(" — note: {}", escape(note)),
    };
    format!(
        "- {}{on}: #{} {} ({whose}, {}){note}",
        p.status.label(),
        p.id,
        escape(&p.what),
        p.level
    )
}

/// Talking about failing tasks, then one small, clear task: said alone, and after settling
/// an overdue promise.
const TALK: &str = "talk about what got in the way of their tasks, then agree one small, clear \
                    task with a near due date";

fn next_text(next: &Next) -> String {
    match next {
        Next::TalkAndNarrow => format!("{}.", text::capitalized(TALK)),
        Next::LookDown {
            failing,
            below,
            open,
        } => {
            let open = if open.is_empty() {
                String::new()
            } else {
                let ids: Vec<String> = open.iter().map(|id| format!("#{id}")).collect();
                format!(" (open: {})", ids.join(", "))
            };
            format!(
                "{} failing: look one rung down first, at how their {} are delivered{open}; \
                 hold off new {}.",
                text::capitalized(failing.title()),
                below.title(),
                failing.title()
            )
        }
        Next::Entrust { next } => format!(
            "Entrust them with {} (a promise at {}).",
            example(*next),
            next.title()
        ),
        Next::SettleFirst {
            what,
            level,
            failing,
        } => {
            let then = match failing {
                Some(Level::Task) => TALK.to_string(),
                Some(failing) => format!(
                    "look one rung down, at how their {} are delivered; hold off new {}",
                    level.title(),
                    failing.title()
                ),
                None => format!("another promise at {}", level.title()),
            };
            format!("Settle \"{}\" first, then {then}.", escape(what))
        }
        Next::WaitForAbove { next, open } => format!(
            "Let the {} already open at {} show how they do there before entrusting more.",
            if *open == 1 { "promise" } else { "promises" },
            next.title()
        ),
        Next::HoldTasks { more } => format!(
            "{} at any rung, and they hold tasks: keep entrusting them with what they deliver.",
            text::capitalized(&words::more_kept(*more))
        ),
        Next::Another { level, next } => format!(
            "Another promise at {}: {}, to build the record toward {}.",
            level.title(),
            example(*level),
            next.title()
        ),
        Next::OnTime { level, next } => format!(
            "Another promise at {}, kept by its date: on-time delivery is the way to {}.",
            level.title(),
            next.title()
        ),
        Next::Fewer { released, total } => {
            format!("Ask for fewer, firmer promises: {released} of {total} released lately.")
        }
        Next::TasksOnTime => format!(
            "Another small task with a due date they can meet, kept by its date: on-time \
             delivery is what holds tasks ({}).",
            example(Level::Task)
        ),
        Next::SmallTasks => format!(
            "Another small task: {} with a due date, and log how it goes.",
            example(Level::Task)
        ),
        Next::SeeOpen { open } => format!(
            "Let {} they owe now show how they deliver, then agree another small task with a \
             due date.",
            if *open == 1 {
                "the promise".to_string()
            } else {
                format!("the {open} promises")
            }
        ),
        Next::Start => format!(
            "Start with {} with a due date, and log how it goes.",
            example(Level::Task)
        ),
        Next::Keep => "Keep them on ongoing impact: agree its next target.".to_string(),
        Next::Restore => {
            "Restore them before entrusting them with anything new; until then, settle what is \
             still open."
                .to_string()
        }
    }
}
