//! iCalendar (RFC 5545): one all-day event per open promise with a due date. Each event's
//! `UID` comes from the promise's uid, so a calendar that imports the file again updates the
//! events instead of adding them twice; `DTSTAMP` and `LAST-MODIFIED` are the promise's last
//! change, so the same ledger always gives the same file. Escaping is the `icalendar`
//! crate's; folding is done again here ([`refolded`]), as that crate lets a line's last piece
//! run to 76 octets where the RFC allows 75.

use std::collections::HashMap;

use chrono::Days;
use icalendar::{Calendar, Component, Event, EventLike, Property};

use crate::core::ledger::Among;
use crate::core::text::{counted, folded, sanitize};
use crate::core::{Direction, Ledger, Person, PersonId, Promise, Status};

/// The calendar's product identifier.
const PRODID: &str = concat!(
    "-//trustladder//trustladder ",
    env!("CARGO_PKG_VERSION"),
    "//EN"
);

/// The calendar of open, dated promises (of `only`, when given; else of active colleagues),
/// and, when it holds no events, why, and what gives it one: a calendar with none is worth a
/// word to the user, who expected events.
pub fn calendar(ledger: &Ledger, only: Option<PersonId>) -> (String, Option<String>) {
    let mut events = 0;
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("X-WR-CALNAME", "trustladder"));
    let namesakes = namesakes(ledger);
    for p in &ledger.promises {
        let Some(person) = ledger.person(p.person) else {
            continue;
        };
        if shown(only, person) && p.status == Status::Open && p.due.is_some() {
            // Two Leo Parks are told apart by their handles, as in every title here.
            let name = if namesakes.get(&folded(&person.name)) > Some(&1) {
                format!("{} ({})", person.name, person.handle)
            } else {
                person.name.clone()
            };
            calendar.push(event(p, &one_line(&name)));
            events += 1;
        }
    }
    let text = refolded(&calendar.done().to_string());
    if events > 0 {
        return (text, None);
    }
    // The calendar's last line, which the zone goes before.
    let body = text.strip_suffix(END).unwrap_or(&text);
    (
        format!("{body}{NO_EVENTS_ZONE}{END}"),
        Some(no_events(ledger, only)),
    )
}

/// The line that closes the calendar.
const END: &str = "END:VCALENDAR\r\n";

/// A calendar holds at least one component (RFC 5545, 3.4): one without events holds the UTC
/// time zone, which no event refers to, so a strict reader still takes it for iCalendar.
const NO_EVENTS_ZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// Whether the promises of `person` are on the calendar: everyone's active colleagues', or
/// the one named, archived or not.
fn shown(only: Option<PersonId>, person: &Person) -> bool {
    match only {
        Some(id) => id == person.id,
        None => !person.archived,
    }
}

/// Why a calendar has no events, and what would give it one: the open promises without a due
/// date, with the commands that list them and give one a date; the archived colleagues' dated
/// ones, which only a calendar of that colleague holds.
fn no_events(ledger: &Ledger, only: Option<PersonId>) -> String {
    let whose = match only.and_then(|id| ledger.person(id)) {
        Some(person) => format!("of {}", sanitize(&person.name)),
        None => "of an active colleague".to_string(),
    };
    let mut said = format!("no open promise {whose} has a due date; the calendar has no events");
    let open = |p: &&Promise| p.status == Status::Open;
    let of = |p: &Promise| ledger.person(p.person);
    let undated = (ledger.promises.iter().filter(open))
        .filter(|p| p.due.is_none() && of(p).is_some_and(|person| shown(only, person)))
        .count();
    if undated > 0 {
        // Named as `list` finds them, which looks among the active first.
        let listed = match only.and_then(|id| ledger.person(id)) {
            Some(person) => format!(" {}", ledger.typed_as(person, Among::Active)),
            None => String::new(),
        };
        said += &format!(
            "; {} no due date (`trustladder list --open{listed}` lists them): `trustladder edit ID --due DATE` gives one a date",
            counted(undated, "open promise has", "open promises have")
        );
    }
    let archived = (ledger.promises.iter().filter(open))
        .filter(|p| {
            p.due.is_some() && only.is_none() && of(p).is_some_and(|person| person.archived)
        })
        .count();
    if archived > 0 {
        said += &format!(
            "; archived colleagues, whom it leaves out, have {} with a due date: `trustladder export --format ics HANDLE` exports one colleague's, archived or not",
            counted(archived, "open promise", "open promises")
        );
    }
    said
}

/// How many people have each name, as [`Ledger::same_name`] compares names, counted once for
/// the whole calendar rather than once per event.
fn namesakes(ledger: &Ledger) -> HashMap<String, usize> {
    let mut count = HashMap::new();
    for person in &ledger.people {
        *count.entry(folded(&person.name)).or_insert(0) += 1;
    }
    count
}

/// The content lines unfolded and folded again at 75 octets, the leading space of a
/// continuation line counted, never inside a character (RFC 5545, 3.1).
fn refolded(text: &str) -> String {
    const LINE: usize = 75;
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 64 * 3);
    for line in unfolded.split_terminator("\r\n") {
        let mut room = LINE;
        let mut used = 0;
        for c in line.chars() {
            if used + c.len_utf8() > room {
                out.push_str("\r\n ");
                room = LINE - 1;
                used = 0;
            }
            out.push(c);
            used += c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line at most 75 octets, whatever the length and the width of its characters,
    /// and unfolded the same text as before.
    #[test]
    fn lines_are_folded_at_75_octets_without_cutting_a_character() {
        for c in ['x', 'é', '王', '🙂'] {
            for len in 1..200 {
                let long: String = std::iter::repeat_n(c, len).collect();
                let text = format!("BEGIN:VEVENT\r\nSUMMARY:{long}\r\nEND:VEVENT\r\n");
                let folded = refolded(&text);
                for line in folded.split_terminator("\r\n") {
                    assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
                }
                assert_eq!(folded.replace("\r\n ", ""), text, "{c} × {len}");
            }
        }
        // The calendar as exported, with a promise of every length.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut ledger = crate::core::demo::generate(today);
        let at = ledger
            .promises
            .iter()
            .position(|p| p.status == Status::Open && p.due.is_some())
            .unwrap();
        for len in 40..200 {
            ledger.promises[at].what = "x".repeat(len);
            let (text, _) = calendar(&ledger, None);
            for line in text.split_terminator("\r\n") {
                assert!(line.len() <= 75, "{len}: {} octets: {line:?}", line.len());
            }
        }
        // Folded once already (as the crate folds), the same.
        let text = "SUMMARY:abc\r\n def\r\n";
        assert_eq!(refolded(text), "SUMMARY:abcdef\r\n");
    }
}
