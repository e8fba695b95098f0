//! `trustladder person …`: colleagues.

use super::args::PersonCommand;
use super::json::{self, level_name};
use super::table::{Align, Table};
use super::{CliError, Context, percent};
use crate::core::ladder::review_all;
use crate::core::ledger::PersonEdit;
use crate::core::text::sanitize;
use crate::core::{Ledger, LedgerError, PersonId};

/// Runs one `person` subcommand.
pub fn run(cmd: PersonCommand, ctx: &Context) -> Result<String, CliError> {
    match cmd {
        PersonCommand::Add { name, role, note } => add(&name, role, note, ctx),
        PersonCommand::List { all, json } => list(all, json, ctx),
        PersonCommand::Edit {
            person,
            name,
            role,
            note,
        } => {
            let edit = PersonEdit { name, role, note };
            change(ctx, &person, "edited", |l, id| l.edit_person(id, &edit))
        }
        PersonCommand::Archive { person } => {
            change(ctx, &person, "archived", |l, id| l.set_archived(id, true))
        }
        PersonCommand::Restore { person } => {
            change(ctx, &person, "restored", |l, id| l.set_archived(id, false))
        }
        PersonCommand::Rm { person, force } => remove(&person, force, ctx),
    }
}

fn add(
    name: &str,
    role: Option<String>,
    note: Option<String>,
    ctx: &Context,
) -> Result<String, CliError> {
    let mut store = ctx.open()?;
    let saved = store.update(|l| {
        let id = l.add_person(
            name,
            role.as_deref().unwrap_or(""),
            note.as_deref().unwrap_or(""),
            ctx.today,
        )?;
        Ok(l.person(id).map(|p| p.handle.clone()).unwrap_or_default())
    })?;
    Ok(format!("{}\n", sanitize(&saved.value)))
}

/// Finds the person inside the change, so the lookup sees the file as it is under the lock,
/// and confirms with their handle.
fn change(
    ctx: &Context,
    query: &str,
    done: &str,
    mut apply: impl FnMut(&mut Ledger, PersonId) -> Result<(), LedgerError>,
) -> Result<String, CliError> {
    let mut store = ctx.open()?;
    let saved = store.update(|l| {
        let id = l.find_person(query)?;
        apply(l, id)?;
        Ok(l.person(id).map(|p| p.handle.clone()).unwrap_or_default())
    })?;
    Ok(format!("{} {done}\n", sanitize(&saved.value)))
}

fn remove(query: &str, force: bool, ctx: &Context) -> Result<String, CliError> {
    let mut store = ctx.open()?;
    let saved = store.update(|l| {
        let id = l.find_person(query)?;
        let handle = l.person(id).map(|p| p.handle.clone()).unwrap_or_default();
        let count = l.delete_person(id, force)?;
        Ok((handle, count))
    })?;
    let (handle, count) = saved.value;
    let handle = sanitize(&handle);
    Ok(match count {
        0 => format!("{handle} deleted\n"),
        1 => format!("{handle} deleted, with 1 promise\n"),
        n => format!("{handle} deleted, with {n} promises\n"),
    })
}

fn list(all: bool, as_json: bool, ctx: &Context) -> Result<String, CliError> {
    let store = ctx.read()?;
    let ledger = store.ledger();
    let shown = |archived: bool| all || !archived;
    if as_json {
        let people: Vec<_> = ledger.people.iter().filter(|p| shown(p.archived)).collect();
        return json::to_text(&people);
    }
    let reviews = review_all(ledger, ctx.today);
    let mut columns = vec![
        ("HANDLE", Align::Left),
        ("NAME", Align::Left),
        ("ROLE", Align::Left),
        ("LEVEL", Align::Left),
        ("TASKS", Align::Right),
        ("RESULTS", Align::Right),
        ("IMPACT", Align::Right),
        ("TREND", Align::Left),
        ("OPEN", Align::Right),
        ("OVERDUE", Align::Right),
        ("MY CREDIBILITY", Align::Left),
    ];
    if all {
        columns.push(("ARCHIVED", Align::Left));
    }
    let mut table = Table::new(&columns);
    for (person, review) in ledger.people.iter().zip(&reviews) {
        if !shown(person.archived) {
            continue;
        }
        let mut row = vec![
            person.handle.clone(),
            person.name.clone(),
            person.role.clone(),
            level_name(review.theirs.trust_level).to_string(),
        ];
        row.extend(review.theirs.rungs.iter().map(|r| percent(r.reliability)));
        row.extend([
            review.trend.arrow().to_string(),
            review.open.to_string(),
            review.overdue.to_string(),
            level_name(review.mine.trust_level).to_string(),
        ]);
        if all {
            row.push(if person.archived { "yes" } else { "" }.to_string());
        }
        table.row(row);
    }
    if table.is_empty() {
        let hidden = ledger.people.iter().filter(|p| p.archived).count();
        return Ok(if hidden > 0 {
            format!("No active colleagues ({hidden} archived; see --all).\n")
        } else {
            "No colleagues yet; add one with `trustladder person add NAME`.\n".to_string()
        });
    }
    Ok(table.render(""))
}
