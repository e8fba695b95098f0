//! iCalendar (RFC 5545): one all-day event per open promise with a due date. Each event's
//! `UID` comes from the promise's uid, so a calendar that imports the file again updates the
//! events instead of adding them twice; `DTSTAMP` and `LAST-MODIFIED` are the promise's last
//! change, so the same ledger always gives the same file. Folding and escaping are the
//! `icalendar` crate's.

use chrono::Days;
use icalendar::{Calendar, Component, Event, EventLike, Property};

use crate::core::{Direction, Ledger, PersonId, Promise, Status};

/// The calendar's product identifier.
const PRODID: &str = concat!(
    "-//trustladder//trustladder ",
    env!("CARGO_PKG_VERSION"),
    "//EN"
);

/// The calendar of open, dated promises (of `only`, when given; else of active colleagues),
/// and how many events it holds: none is worth a word to the user, who expected a calendar.
pub fn calendar(ledger: &Ledger, only: Option<PersonId>) -> (String, usize) {
    let mut events = 0;
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("X-WR-CALNAME", "trustladder"));
    for p in &ledger.promises {
        let Some(person) = ledger.person(p.person) else {
            continue;
        };
        let shown = match only {
            Some(id) => id == p.person,
            None => !person.archived,
        };
        if shown && p.status == Status::Open && p.due.is_some() {
            calendar.push(event(p, &one_line(&person.name)));
            events += 1;
        }
    }
    (calendar.done().to_string(), events)
}

fn event(p: &Promise, name: &str) -> Event {
    let what = one_line(&p.what);
    let summary = match p.direction {
        Direction::Theirs => format!("{name} owes me: {what}"),
        Direction::Mine => format!("I owe {name}: {what}"),
    };
    let mut description = format!(
        "#{} · {} · {} · made {}",
        p.id, p.level, p.direction, p.made
    );
    if !p.note.is_empty() {
        description.push('\n');
        description.push_str(&one_line(&p.note));
    }
    let mut event = Event::new();
    event
        .uid(&format!("{}@trustladder", p.uid))
        .timestamp(p.changed.at())
        .last_modified(p.changed.at())
        .summary(&summary)
        .description(&description)
        .add_property("TRANSP", "TRANSPARENT");
    if let Some(due) = p.due {
        event.starts(due);
        // An all-day event ends (exclusively) on the next day; one on the calendar's last
        // day, whose next day has five digits in its year, has no end, which RFC 5545 reads
        // as one day all the same.
        if let Some(next) = due
            .checked_add_days(Days::new(1))
            .filter(|next| crate::core::dates::in_range(*next))
        {
            event.ends(next);
        }
    }
    event.done()
}

/// Text with control characters as spaces: a content line holds none (a hand-edited file
/// could).
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
