//! Commands that record promises and their outcomes: `promise add`, `log`, `keep`, `break`,
//! `release`, `reopen`, `edit`, `rm`. Each builds one [`Change`] and hands it to the store;
//! the rules (an outcome not in the future, not before the promise was made…) are the core's.

use chrono::NaiveDate;

use super::args::{BreakArgs, EditArgs, KeepArgs, LogArgs, PromiseCommand, ReleaseArgs};
use super::{CliError, Context};
use crate::core::change::{Done, NewPromise, OnConflict, PromisePatch, Set, Target};
use crate::core::{Applied, Change, Direction, Ledger, LedgerError, Promise, PromiseId, Status};

fn direction(mine: bool) -> Direction {
    if mine {
        Direction::Mine
    } else {
        Direction::Theirs
    }
}

/// Builds a change from the file as it is under the lock, applies it and saves it.
fn save(
    ctx: &Context,
    build: impl FnMut(&Ledger) -> Result<Change, LedgerError>,
) -> Result<Applied, CliError> {
    let mut store = ctx.open()?;
    Ok(store.apply_with(ctx.today, build)?.value)
}

/// A day given with `--on` that the promise's own dates refuse is named after the flag, as
/// every date typed is (`--on: promise #1 cannot be resolved on …`).
fn after_on(given: bool) -> impl Fn(CliError) -> CliError {
    move |e| match e {
        CliError::Store(crate::store::StoreError::Ledger(
            refused @ LedgerError::ResolvedBeforeMade { .. },
        )) if given => CliError::Usage(format!("--on: {refused}")),
        other => other,
    }
}

/// The number the promise a change acted on has now: the one given, unless the change first
/// merged in a file-sync tool's conflict copy that moved it (which the note on stderr says).
fn acted_on(applied: &Applied, given: PromiseId) -> PromiseId {
    applied.promise().unwrap_or(given)
}

/// The number of the promise a change added.
fn added(applied: &Applied) -> String {
    applied
        .promise()
        .map_or_else(String::new, |id| format!("{id}\n"))
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
            let due_word = due.clone();
            let due = ctx.due_date(due.as_deref())?.flatten();
            let applied = save(ctx, |l| {
                Ok(Change::AddPromise(NewPromise {
                    person: Target::id(l.find_person(&person)?),
                    direction: direction(mine),
                    level,
                    what: what.clone(),
                    made: ctx.today,
                    due,
                    outcome: None,
                }))
            })?;
            // Kept as given (a promise written down late), but said: a typo in a date
            // would otherwise make it overdue without a word.
            let number = applied
                .promise()
                .map_or_else(String::new, |id| format!("#{id} "));
            if let Some(due) = due.filter(|due| *due < ctx.today) {
                stderr_line!(
                    "trustladder: note: {number}is due {due}, before today: it is overdue already"
                );
            }
            // A word that names no year and lands most of a year away (`dec 20` typed on 29
            // December) is said too: the next such day may not be the one meant.
            if let Some(day) = due
                && let Some(days) = crate::core::dates::far_without_year(
                    due_word.as_deref().unwrap_or_default(),
                    day,
                    ctx.today,
                )
            {
                stderr_line!("trustladder: note: {number}is due {day}, {days} days from today");
            }
            Ok(added(&applied))
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
    let applied = save(ctx, |l| {
        Ok(Change::AddPromise(NewPromise {
            person: Target::id(l.find_person(&a.person)?),
            direction: direction(a.mine),
            level: a.level,
            what: a.what.clone(),
            made: on,
            due: None,
            outcome: Some((status, on)),
        }))
    })?;
    Ok(added(&applied))
}

/// Whether a promise holds the outcome a command asks for already: one of `statuses`, on the
/// day `--on` gives and with the note `--note` gives, where they give one. A script run twice
/// asks twice, and the second finds its outcome there: that is no fault, as archiving someone
/// archived is none. Another outcome, or this one on another day or with another note, is a
/// change, which the core refuses on a resolved promise (reopen it first).
fn holds_already(
    p: &Promise,
    statuses: &[Status],
    on: Option<NaiveDate>,
    note: Option<&str>,
) -> bool {
    statuses.contains(&p.status)
        && on.is_none_or(|on| p.resolved == Some(on))
        && note.is_none_or(|note| p.note == note)
}

/// The change that stands in for an outcome the promise holds already: an edit of no field,
/// which the core applies as nothing changed (no inverse) and the store does not save, so the
/// file stays byte for byte as it was.
fn nothing(p: &Promise) -> Change {
    Change::EditPromise {
        promise: Target::exact(p.id, p.uid),
        patch: PromisePatch::default(),
        on_conflict: OnConflict::Refuse,
    }
}

/// What a command whose outcome was there already says, on stdout as every success.
fn unchanged(applied: &Applied, id: PromiseId, held: &str) -> String {
    format!(
        "#{} {held} already; nothing changed\n",
        acted_on(applied, id)
    )
}

fn resolve(
    ctx: &Context,
    id: PromiseId,
    status: Status,
    (on, given_on): (NaiveDate, bool),
    note: Option<&str>,
) -> Result<String, CliError> {
    let mut again = false;
    let applied = save(ctx, |l| {
        let held = l
            .promise(id)
            .filter(|p| holds_already(p, &[status], given_on.then_some(on), note));
        again = held.is_some();
        Ok(match held {
            Some(p) => nothing(p),
            None => Change::Resolve {
                promise: Target::id(id),
                status,
                on,
                note: note.map(str::to_string),
            },
        })
    })
    .map_err(after_on(given_on))?;
    if again {
        return Ok(unchanged(&applied, id, &format!("was {}", status.label())));
    }
    Ok(format!("#{} {}\n", acted_on(&applied, id), status.label()))
}

/// `keep`: kept late when delivered after the due date, unless `--on-time` says otherwise;
/// the output says which was recorded.
pub fn keep(a: &KeepArgs, ctx: &Context) -> Result<String, CliError> {
    let on = ctx.outcome_date(a.on.as_deref())?;
    let mut status = Status::Kept;
    let mut again = false;
    let applied = save(ctx, |l| {
        let promise = l.promise(a.id).ok_or(LedgerError::NoSuchPromise(a.id))?;
        // A keep with neither flag is either kept, as the dates say on the day it is run.
        let kept: &[Status] = match (a.late, a.on_time) {
            (true, _) => &[Status::KeptLate],
            (_, true) => &[Status::Kept],
            _ => &[Status::Kept, Status::KeptLate],
        };
        again = holds_already(
            promise,
            kept,
            a.on.is_some().then_some(on),
            a.note.as_deref(),
        );
        if again {
            status = promise.status;
            return Ok(nothing(promise));
        }
        status = match (a.late, a.on_time) {
            (true, _) => Status::KeptLate,
            (_, true) => Status::Kept,
            _ => promise.kept_on(on),
        };
        Ok(Change::Resolve {
            promise: Target::exact(a.id, promise.uid),
            status,
            on,
            note: a.note.clone(),
        })
    })
    .map_err(after_on(a.on.is_some()))?;
    if again {
        return Ok(unchanged(
            &applied,
            a.id,
            &format!("was {}", status.label()),
        ));
    }
    Ok(format!(
        "#{} {}\n",
        acted_on(&applied, a.id),
        status.label()
    ))
}

/// `break`.
pub fn broken(a: &BreakArgs, ctx: &Context) -> Result<String, CliError> {
    let on = ctx.outcome_date(a.on.as_deref())?;
    resolve(
        ctx,
        a.id,
        Status::Broken,
        (on, a.on.is_some()),
        a.note.as_deref(),
    )
}

/// `release`: dated the day it was agreed, today unless `--on` says (an import names a task
/// deleted in Taskwarrior on its day).
pub fn release(a: &ReleaseArgs, ctx: &Context) -> Result<String, CliError> {
    let on = ctx.outcome_date(a.on.as_deref())?;
    resolve(
        ctx,
        a.id,
        Status::Released,
        (on, a.on.is_some()),
        a.note.as_deref(),
    )
}

/// `reopen`. The promise keeps its note (whether its outcome gave it or an edit before is not
/// known, and one written before would be lost): said on stderr, with the way to clear it, so
/// a later outcome is not read with words meant for this one unawares.
pub fn reopen(id: PromiseId, ctx: &Context) -> Result<String, CliError> {
    let mut note = String::new();
    let mut again = false;
    let applied = save(ctx, |ledger| {
        let open = ledger.promise(id).filter(|p| p.status == Status::Open);
        again = open.is_some();
        if let Some(p) = open {
            return Ok(nothing(p));
        }
        note = ledger
            .promise(id)
            .map(|p| p.note.clone())
            .unwrap_or_default();
        Ok(Change::Reopen {
            promise: Target::id(id),
        })
    })?;
    if again {
        return Ok(unchanged(&applied, id, "is open"));
    }
    let id = acted_on(&applied, id);
    if !note.is_empty() {
        stderr_line!(
            "trustladder: note: #{id} keeps its note (`trustladder edit {id} --note ''` clears it): {}",
            crate::core::text::sanitize(&note)
        );
    }
    Ok(format!("#{id} reopened\n"))
}

/// `edit`: sets only the fields named, whatever they hold now (the command line reads the
/// file under its lock, so it is never stale).
pub fn edit(a: &EditArgs, ctx: &Context) -> Result<String, CliError> {
    let due = ctx.due_date(a.due.as_deref())?;
    let change = Change::EditPromise {
        promise: Target::id(a.id),
        patch: PromisePatch {
            what: a.what.clone().map(Set::to),
            level: a.level.map(Set::to),
            due: due.map(Set::to),
            note: a.note.clone().map(Set::to),
            direction: match (a.mine, a.theirs) {
                (true, _) => Some(Set::to(Direction::Mine)),
                (_, true) => Some(Set::to(Direction::Theirs)),
                _ => None,
            },
            ..PromisePatch::default()
        },
        on_conflict: OnConflict::Refuse,
    };
    let mut store = ctx.open()?;
    let applied = store.apply_with(ctx.today, |_| Ok(change.clone()))?.value;
    let id = acted_on(&applied, a.id);
    // Said, so a script or a person does not take it for a change.
    if applied.inverse.is_none() {
        return Ok(format!("#{id} reads so already; nothing changed\n"));
    }
    // A kept promise's lateness follows its new due date (core::change): said, as it moves
    // the promise's count.
    let fields = match &applied.done {
        Done::EditedPromise { fields, .. } => fields.as_slice(),
        _ => &[],
    };
    let edited = store.ledger().promise(id);
    // Kept, as a promise written down late may be due before it was made (`promise add`
    // keeps a due date before today), but said: a slip in the date would otherwise make an
    // open promise overdue without a word. A resolved one's lateness is said below.
    if let (true, Some(p)) = (fields.contains(&"due"), edited)
        && p.status == Status::Open
        && let Some(due) = p.due.filter(|due| *due < p.made)
    {
        stderr_line!(
            "trustladder: note: #{id} is due {due}, before it was made ({}): it was overdue from the start",
            p.made
        );
    }
    // A word that names no year and lands most of a year away is said, as `promise add` and
    // the UI's edit form say it: the next such day may not be the one meant.
    if let (true, Some(p)) = (fields.contains(&"due"), edited)
        && let Some(due) = p.due
        && let Some(days) = crate::core::dates::far_without_year(
            a.due.as_deref().unwrap_or_default(),
            due,
            ctx.today,
        )
    {
        stderr_line!("trustladder: note: #{id} is due {due}, {days} days from today");
    }
    if let (true, Some(p)) = (fields.contains(&"outcome"), edited) {
        let on = p.resolved.map(|d| d.to_string()).unwrap_or_default();
        let why = match p.due {
            Some(due) if p.status == Status::KeptLate => format!("after its new due date, {due}"),
            Some(due) => format!("by its new due date, {due}"),
            None => "and it has no due date now".to_string(),
        };
        return Ok(format!(
            "#{id} edited; now {}: it was kept on {on}, {why}\n",
            p.status.label()
        ));
    }
    // A kept promise whose new due date says otherwise keeps the outcome chosen for it
    // (`--on-time`, `--late`): said, so the count it keeps is no surprise.
    if let (true, Some(p), Some(on)) = (
        fields.contains(&"due"),
        edited,
        edited.and_then(|p| p.resolved),
    ) && matches!(p.status, Status::Kept | Status::KeptLate)
        && p.kept_on(on) != p.status
    {
        let by = match p.due {
            Some(due) if p.status == Status::Kept => format!("after its new due date, {due}"),
            Some(due) => format!("by its new due date, {due}"),
            None => "with no due date now".to_string(),
        };
        let still = if p.status == Status::Kept {
            "kept on time"
        } else {
            "kept late"
        };
        return Ok(format!(
            "#{id} edited; still {still}, as chosen, though kept on {on}, {by}\n"
        ));
    }
    Ok(format!("#{id} edited\n"))
}

/// `rm`.
pub fn remove(id: PromiseId, ctx: &Context) -> Result<String, CliError> {
    let applied = save(ctx, |_| {
        Ok(Change::DeletePromise {
            promise: Target::id(id),
            seen: None,
        })
    })?;
    Ok(format!("#{} deleted\n", acted_on(&applied, id)))
}
