//! `trustladder list`: promises, filtered.

use std::io::Write;

use super::args::ListArgs;
use super::json;
use super::table::{Align, Cell, Measured, Table, left_out_note};
use super::{CliError, Context, emit, emitted};
use crate::core::{Direction, Promise, Status};

/// Lists promises in id order. Archived colleagues' promises are left out unless that
/// colleague is named or `--all` is given, as in `person list`.
pub fn run(a: &ListArgs, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    let store = ctx.show()?;
    let ledger = store.ledger();
    let person = a
        .person
        .as_deref()
        .map(|q| ledger.find_person(q))
        .transpose()?;
    let direction = match (a.mine, a.theirs) {
        (true, _) => Some(Direction::Mine),
        (_, true) => Some(Direction::Theirs),
        _ => None,
    };
    let visible = |p: &Promise| match person {
        Some(id) => p.person == id,
        None => a.all || ledger.person(p.person).is_some_and(|who| !who.archived),
    };
    let asked = |p: &&Promise| {
        (!a.open || p.status == Status::Open)
            && direction.is_none_or(|d| p.direction == d)
            && a.level.is_none_or(|l| p.level == l)
    };
    let promises: Vec<&Promise> = ledger
        .promises
        .iter()
        .filter(|p| visible(p))
        .filter(asked)
        .collect();
    if a.json {
        return emit(out, json::to_text(&promises)?.as_bytes());
    }
    if ledger.promises.is_empty() {
        return emit(out, b"No promises yet.\n");
    }
    if promises.is_empty() {
        // Those of archived colleagues that were asked for, left out: said, as `person list`
        // and `agenda` say theirs, so that a list that asked for nothing is not "no match".
        let archived = ledger
            .promises
            .iter()
            .filter(|p| person.is_none() && !visible(p))
            .filter(asked)
            .count();
        let none = match archived {
            0 => "No promises match.\n".to_string(),
            1 => "No promises match among active colleagues; 1 of an archived colleague is left out (--all includes it).\n".to_string(),
            n => format!("No promises match among active colleagues; {n} of archived colleagues are left out (--all includes them).\n"),
        };
        return emit(out, none.as_bytes());
    }
    let table = Table::new(&[
        ("ID", Align::Right),
        ("PERSON", Align::Left),
        ("WHOSE", Align::Left),
        ("LEVEL", Align::Left),
        ("STATUS", Align::Left),
        ("MADE", Align::Left),
        ("DUE", Align::Left),
        ("RESOLVED", Align::Left),
        ("WHAT", Align::Left),
    ]);
    // An open promise has no RESOLVED day to show.
    let first_to_go: &[&str] = if a.open {
        &["RESOLVED", "MADE"]
    } else {
        &["MADE", "RESOLVED"]
    };
    // A line per promise: made twice rather than kept (see `Table::write_made`), each
    // colleague's handle made once.
    let handles: Vec<Measured> = (ledger.people.iter())
        .map(|who| Measured::new(&who.handle))
        .collect();
    let no_handle = Measured::new("");
    // Each promise's handle is looked up once here, where the table, which makes each line
    // twice, looked it up twice.
    let rows: Vec<(&Promise, &Measured)> = (promises.iter())
        .map(|&p| {
            let handle = (ledger.person_index(p.person))
                .and_then(|i| handles.get(i))
                .unwrap_or(&no_handle);
            (p, handle)
        })
        .collect();
    let written = table
        .fit_to(ctx.width())
        // STATUS says a promise is overdue where DUE goes; the handle is cut short last, as
        // the ID is what a command takes to act on a promise.
        .may_leave_out(first_to_go, &["LEVEL", "WHOSE", "DUE"])
        .may_cut(&["PERSON"])
        .write_made(out, "", &rows, |(p, handle)| {
            let status = if p.is_overdue(ctx.today) {
                "overdue"
            } else {
                p.status.label()
            };
            [
                Cell::Number(p.id.0),
                Cell::Measured(handle),
                Cell::Text(p.direction.as_str()),
                Cell::Text(p.level.as_str()),
                Cell::Text(status),
                Cell::Day(Some(p.made)),
                Cell::Day(p.due),
                Cell::Day(p.resolved),
                Cell::Text(&p.what),
            ]
        });
    let note = written
        .and_then(|left_out| out.write_all(left_out_note(&left_out, ctx.width()).as_bytes()));
    emitted(note.and_then(|()| out.flush()))
}
