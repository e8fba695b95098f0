//! Commands that record promises and their outcomes: `promise add`, `log`, `keep`, `break`,
//! `release`, `reopen`, `edit`, `rm`.

use chrono::NaiveDate;

use super::args::{BreakArgs, EditArgs, KeepArgs, LogArgs, PromiseCommand, ReleaseArgs};
use super::{CliError, Context};
use crate::core::ledger::{NewPromise, PromiseEdit};
use crate::core::{Direction, Ledger, LedgerError, PromiseId, Status};

fn direction(mine: bool) -> Direction {
    if mine {
        Direction::Mine
    } else {
        Direction::Theirs
    }
}

/// Applies one change to the file and returns the store's value.
fn save<T>(
    ctx: &Context,
    change: impl FnMut(&mut Ledger) -> Result<T, LedgerError>,
) -> Result<T, CliError> {
    let mut store = ctx.open()?;
    Ok(store.update(change)?.value)
}

/// Runs one `promise` subcommand.
pub fn run_promise(cmd: PromiseCommand, ctx: &Context) -> Result<String, CliError> {
    match cmd {
        PromiseCommand::Add {
            person,
            what,
            level,
            due,
            mine,
        } => {
            let due = match due.as_deref() {
                None => None,
                Some(w) if w.trim().eq_ignore_ascii_case("none") => None,
                Some(w) => Some(ctx.date("due", w)?),
            };
            let id = save(ctx, |l| {
                let person = l.find_person(&person)?;
                l.add_promise(NewPromise {
                    person,
                    direction: direction(mine),
                    level,
                    what: what.clone(),
                    made: ctx.today,
                    due,
                })
            })?;
            Ok(format!("{id}\n"))
        }
    }
}

/// `log`: a promise made and kept on the same day, recorded in one change so it can never be
/// left half-done.
pub fn log(a: &LogArgs, ctx: &Context) -> Result<String, CliError> {
    let on = ctx.outcome_date(a.on.as_deref())?;
    let status = if a.late {
        Status::KeptLate
    } else {
        Status::Kept
    };
    let id = save(ctx, |l| {
        let person = l.find_person(&a.person)?;
        let id = l.add_promise(NewPromise {
            person,
            direction: direction(a.mine),
            level: a.level,
            what: a.what.clone(),
            made: on,
            due: None,
        })?;
        l.resolve_promise(id, status, on, None)?;
        Ok(id)
    })?;
    Ok(format!("{id}\n"))
}

fn resolve(
    ctx: &Context,
    id: PromiseId,
    status: Status,
    on: NaiveDate,
    note: Option<&str>,
) -> Result<String, CliError> {
    save(ctx, |l| l.resolve_promise(id, status, on, note))?;
    Ok(format!("#{id} {}\n", status.label()))
}

/// `keep`.
pub fn keep(a: &KeepArgs, ctx: &Context) -> Result<String, CliError> {
    let on = ctx.outcome_date(a.on.as_deref())?;
    let status = if a.late {
        Status::KeptLate
    } else {
        Status::Kept
    };
    resolve(ctx, a.id, status, on, a.note.as_deref())
}

/// `break`.
pub fn broken(a: &BreakArgs, ctx: &Context) -> Result<String, CliError> {
    let on = ctx.outcome_date(a.on.as_deref())?;
    resolve(ctx, a.id, Status::Broken, on, a.note.as_deref())
}

/// `release`: dated today, since a release is an agreement made now.
pub fn release(a: &ReleaseArgs, ctx: &Context) -> Result<String, CliError> {
    resolve(ctx, a.id, Status::Released, ctx.today, a.note.as_deref())
}

/// `reopen`.
pub fn reopen(id: PromiseId, ctx: &Context) -> Result<String, CliError> {
    save(ctx, |l| l.reopen_promise(id))?;
    Ok(format!("#{id} reopened\n"))
}

/// `edit`.
pub fn edit(a: &EditArgs, ctx: &Context) -> Result<String, CliError> {
    let due = match a.due.as_deref() {
        None => None,
        Some(w) if w.trim().eq_ignore_ascii_case("none") => Some(None),
        Some(w) => Some(Some(ctx.date("due", w)?)),
    };
    let change = PromiseEdit {
        what: a.what.clone(),
        level: a.level,
        due,
        ..PromiseEdit::default()
    };
    save(ctx, |l| l.edit_promise(a.id, &change))?;
    Ok(format!("#{} edited\n", a.id))
}

/// `rm`.
pub fn remove(id: PromiseId, ctx: &Context) -> Result<String, CliError> {
    save(ctx, |l| l.delete_promise(id).map(drop))?;
    Ok(format!("#{id} deleted\n"))
}
