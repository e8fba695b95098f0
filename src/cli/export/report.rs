//! Markdown: a report per colleague, for a 1:1 document or a review: their level, the
//! ladder's figures and the advice, the open promises both ways and the recent outcomes.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::core::ladder::{Review, review_all, words};
use crate::core::ledger::Among;
use crate::core::markdown::escape;
use crate::core::{Direction, Ledger, Level, Person, PersonId, Promise, Status};

/// How many of the latest outcomes each report lists.
pub const RECENT: usize = 10;

/// Reports on `only`, or on every active colleague in number order, as `ledger` shows them
/// on `today`: `whole` is the ledger as it is, to say that colleagues came later where that
/// day is before any of them.
pub fn markdown(
    ledger: &Ledger,
    whole: &Ledger,
    only: Option<PersonId>,
    today: NaiveDate,
) -> String {
    let mut out = format!("# trustladder report, {}\n", today.format("%A %-d %B %Y"));
    let reviews = review_all(ledger, today);
    let names = words::FirstNames::of(&ledger.people);
    // Each colleague's promises, gathered in one pass: looked for in the whole ledger for
    // every colleague, a report of everyone took people times promises.
    let mut by_person: HashMap<PersonId, Vec<&Promise>> = HashMap::new();
    for p in &ledger.promises {
        by_person.entry(p.person).or_default().push(p);
    }
    let mut any = false;
    for (person, review) in ledger.people.iter().zip(&reviews) {
        let shown = match only {
            Some(id) => id == person.id,
            None => !person.archived,
        };
        if shown {
            any = true;
            out.push_str(&report(
                ledger,
                person,
                by_person.get(&person.id).map_or(&[][..], Vec::as_slice),
                &names.called(person),
                review,
                today,
            ));
        }
    }
    if !any {
        let none = crate::cli::people::added_later(ledger, whole, today, false);
        let archived = ledger.people.iter().filter(|p| p.archived).count();
        let none = match none {
            Some(later) => later,
            None if archived > 0 => format!("No active colleagues ({archived} archived)."),
            None => "No colleagues yet.".to_string(),
        };
        out.push_str(&format!("\n{none}\n"));
    }
    out
}

fn report(
    ledger: &Ledger,
    person: &Person,
    promises: &[&Promise],
    name: &str,
    review: &Review,
    today: NaiveDate,
) -> String {
    let settings = &ledger.settings;
    let (theirs, mine) = (&review.theirs, &review.mine);
    let mut out = format!("\n## {} ({})", escape(&person.name), escape(&person.handle));
    if !person.role.is_empty() {
        out.push_str(&format!(", {}", escape(&person.role)));
    }
    out.push_str("\n\n");
    let level = theirs.trust_level.map_or("none (building)", Level::title);
    // Someone archived gets no advice, as in their prep: it could not be acted on.
    let advice = if person.archived {
        words::archived_advice(Some(&format!(
            "`trustladder person restore {}`",
            ledger.typed_as(person, Among::Archived)
        )))
    } else {
        escape(&words::advice(theirs, name, settings))
    };
    out.push_str(&format!(
        "- Trust: {level}, trend {} ({})\n- Advice: {advice}\n",
        theirs.trend.arrow(),
        escape(&words::trend_text(theirs, settings)),
    ));
    if !theirs.notes.is_empty() {
        out.push_str(&format!(
            "- Notes: {}\n",
            escape(&words::notes_text(theirs))
        ));
    }
    // Worded as in their prep, ending with its full stop.
    out.push_str(&crate::core::prep::markdown::my_word_line(
        mine,
        name,
        settings,
        person.archived,
    ));
    out.push('\n');
    out.push_str("\n| Rung | Record | Score | Evidence | Held |\n|---|---|---|---|---|\n");
    for rung in &theirs.rungs {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            rung.level.title(),
            escape(&words::rung_record(rung)),
            words::score(rung, &ledger.settings),
            words::evidence(rung, &ledger.settings),
            if rung.held { "yes" } else { "no" }
        ));
    }
    for (title, direction) in [
        ("They owe me", Direction::Theirs),
        ("I owe them", Direction::Mine),
    ] {
        out.push_str(&format!("\n### {title}\n\n"));
        let mut open: Vec<&&Promise> = promises
            .iter()
            .filter(|p| p.direction == direction && p.status == Status::Open)
            .collect();
        open.sort_by_key(|p| (p.due.is_none(), p.due, p.id));
        if open.is_empty() {
            out.push_str("Nothing open.\n");
        }
        for p in open {
            let due = match p.due {
                Some(due) if due < today => format!("due {due}, overdue"),
                Some(due) => format!("due {due}"),
                None => "no due date".to_string(),
            };
            out.push_str(&format!(
                "- #{} {} · {} · {due}\n",
                p.id,
                escape(&p.what),
                p.level
            ));
        }
    }
    out.push_str("\n### Recent outcomes\n\n");
    let mut done: Vec<&&Promise> = promises.iter().filter(|p| p.resolved.is_some()).collect();
    done.sort_by_key(|p| std::cmp::Reverse((p.resolved, p.id)));
    if done.is_empty() {
        out.push_str("Nothing resolved yet.\n");
    }
    for p in done.into_iter().take(RECENT) {
        out.push_str(&crate::core::prep::markdown::outcome_line(p));
        out.push('\n');
    }
    out
}
