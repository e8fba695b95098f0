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
/// every date typed is (`--on: promise #1 cannot be resolved on …`), with the days it takes.
fn after_on(given: bool) -> impl Fn(CliError) -> CliError {
    move |e| match e {
        CliError::Store(crate::store::StoreError::Ledger(
            refused @ LedgerError::ResolvedBeforeMade { made, .. },
        )) if given => CliError::Usage(format!("--on: {refused}; give --on {made} or a later day")),
        other => other,
    }
}

/// The number the promise a change acted on has now: the one given, unless the change first
/// merged in a file-sync tool's conflict copy that moved it (which the note on stderr says).
fn acted_on(applied: &Applied, given: PromiseId) -> PromiseId {
    applied.promise().unwrap_or(given)
}

/// A promise as a command that acts on one by number names it: what it says and whose it
/// is. Taken from the ledger the change is made to, under the lock, so it is the promise acted
/// on, whatever the number named before (a sync that renumbered promises gives a number typed
/// from memory to another one).
pub(super) struct About {
    pub(super) what: String,
    pub(super) handle: String,
    pub(super) direction: Direction,
}

impl About {
    fn of(ledger: &Ledger, p: &Promise) -> About {
        About {
            what: p.what.clone(),
            handle: ledger
                .person(p.person)
                .map(|person| person.handle.clone())
                .unwrap_or_default(),
            direction: p.direction,
        }
    }
}

/// Why `id` names no promise in `ledger`, where it names none: the refusal says which, as a
/// bare `no promise #5` read as a typo where the promise was deleted, and named no number
/// that would do where it was never given.
#[derive(Debug, Clone, Copy, Default)]
enum Absent {
    /// There is a promise with that number (or no number was given out yet).
    #[default]
    No,
    /// It was given to a promise since deleted (here, by a restore, or on a machine synced
    /// with): no number is given twice.
    Deleted,
    /// No promise was given it yet; the last number given is this one.
    NotYet(PromiseId),
}

fn absent(ledger: &Ledger, id: PromiseId) -> Absent {
    let next = ledger.next_promise_id.0;
    match ledger.promise(id) {
        Some(_) => Absent::No,
        None if id.0 < next => Absent::Deleted,
        // An empty ledger (no file, perhaps, which is said as such) is refused as it was.
        None if next > 1 => Absent::NotYet(PromiseId(next - 1)),
        None => Absent::No,
    }
}

/// The refusal of a number that names no promise, saying why (see [`Absent`]).
fn refusal_of(absent: Absent) -> impl Fn(CliError) -> CliError {
    move |e| match (e, absent) {
        (
            CliError::Store(crate::store::StoreError::Ledger(LedgerError::NoSuchPromise(id))),
            Absent::Deleted,
        ) => CliError::Usage(format!(
            "no promise #{id} any more: it was deleted, and its number is not given again (`trustladder list --all` lists the promises there are)"
        )),
        (
            CliError::Store(crate::store::StoreError::Ledger(LedgerError::NoSuchPromise(id))),
            Absent::NotYet(last),
        ) => CliError::Usage(format!(
            "no promise #{id}: the last number given is #{last} (`trustladder list --all` lists the promises there are)"
        )),
        (other, _) => other,
    }
}

/// How many columns a line that names a promise fits in where the output goes to no terminal
/// (a pipe, a file): a line a person reads all the same, in a log or a mail.
pub(super) const NAMED_WIDTH: usize = 80;

/// The fewest columns of a promise's text a line that names it keeps, however narrow the
/// terminal: enough to tell it from another.
const NAMED_LEAST: usize = 16;

/// What a command that acted on a promise by number says: `head` (`#201 deleted`), then the
/// promise's text and whose it is (`: "Send the Q3 draft…" (bo-chen, theirs)`), then `rest`
/// (`; nothing changed`), the text cut so the line fits the terminal, or 80 columns. A number
/// typed from memory after a sync moved the promise names another one, and `#201 deleted`
/// alone did not show it.
pub(super) fn named(head: &str, about: Option<&About>, rest: &str, width: Option<usize>) -> String {
    use crate::core::text::{columns, quoted, sanitize};
    let Some(about) = about else {
        return format!("{head}{rest}\n");
    };
    let whose = format!(" ({}, {})", sanitize(&about.handle), about.direction);
    let around = columns(head) + columns(": \"\"") + columns(&whose) + columns(rest);
    let room = width
        .unwrap_or(NAMED_WIDTH)
        .saturating_sub(around)
        .max(NAMED_LEAST);
    let what = if columns(&about.what) > room {
        crate::core::text::fit(&about.what, room)
    } else {
        about.what.clone()
    };
    format!("{head}: {}{whose}{rest}\n", quoted(&what))
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
fn unchanged(
    ctx: &Context,
    applied: &Applied,
    id: PromiseId,
    held: &str,
    about: Option<&About>,
) -> String {
    named(
        &format!("#{} {held} already", acted_on(applied, id)),
        about,
        "; nothing changed",
        ctx.width(),
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
    let mut about = None;
    let mut gone = Absent::No;
    let applied = save(ctx, |l| {
        about = l.promise(id).map(|p| About::of(l, p));
        gone = absent(l, id);
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
    .map_err(refusal_of(gone))
    .map_err(after_on(given_on))?;
    if again {
        return Ok(unchanged(
            ctx,
            &applied,
            id,
            &format!("was {}", status.label()),
            about.as_ref(),
        ));
    }
    let head = format!("#{} {}", acted_on(&applied, id), status.label());
    Ok(named(&head, about.as_ref(), "", ctx.width()))
}

/// `keep`: kept late when delivered after the due date, unless `--on-time` says otherwise;
/// the output says which was recorded.
pub fn keep(a: &KeepArgs, ctx: &Context) -> Result<String, CliError> {
    let on = ctx.outcome_date(a.on.as_deref())?;
    let mut status = Status::Kept;
    let mut again = false;
    let mut about = None;
    let mut gone = Absent::No;
    let applied = save(ctx, |l| {
        gone = absent(l, a.id);
        let promise = l.promise(a.id).ok_or(LedgerError::NoSuchPromise(a.id))?;
        about = Some(About::of(l, promise));
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
    .map_err(refusal_of(gone))
    .map_err(after_on(a.on.is_some()))?;
    if again {
        return Ok(unchanged(
            ctx,
            &applied,
            a.id,
            &format!("was {}", status.label()),
            about.as_ref(),
        ));
    }
    let head = format!("#{} {}", acted_on(&applied, a.id), status.label());
    Ok(named(&head, about.as_ref(), "", ctx.width()))
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
/// a later outcome is not read with words meant for this one unawares. The outcome it forgets
/// and its day are said (`#12 reopened (was kept late on 2026-11-20)`): the command line has
/// no undo, and they are what a `keep --late --on 2026-11-20` needs to give it back.
pub fn reopen(id: PromiseId, ctx: &Context) -> Result<String, CliError> {
    let mut note = String::new();
    let mut again = false;
    let mut about = None;
    let mut was = String::new();
    let mut gone = Absent::No;
    let applied = save(ctx, |ledger| {
        about = ledger.promise(id).map(|p| About::of(ledger, p));
        gone = absent(ledger, id);
        let open = ledger.promise(id).filter(|p| p.status == Status::Open);
        again = open.is_some();
        if let Some(p) = open {
            return Ok(nothing(p));
        }
        let promise = ledger.promise(id);
        note = promise.map(|p| p.note.clone()).unwrap_or_default();
        was = promise
            .map(|p| match p.resolved {
                Some(on) => format!(" (was {} on {on})", p.status.label()),
                None => format!(" (was {})", p.status.label()),
            })
            .unwrap_or_default();
        Ok(Change::Reopen {
            promise: Target::id(id),
        })
    })
    .map_err(refusal_of(gone))?;
    if again {
        return Ok(unchanged(ctx, &applied, id, "is open", about.as_ref()));
    }
    let id = acted_on(&applied, id);
    if !note.is_empty() {
        stderr_line!(
            "trustladder: note: #{id} keeps its note (`trustladder edit {id} --note ''` clears it): {}",
            crate::core::text::sanitize(&note)
        );
    }
    Ok(named(
        &format!("#{id} reopened{was}"),
        about.as_ref(),
        "",
        ctx.width(),
    ))
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
    let mut gone = Absent::No;
    let applied = store
        .apply_with(ctx.today, |l| {
            gone = absent(l, a.id);
            Ok(change.clone())
        })
        .map_err(CliError::from)
        .map_err(refusal_of(gone))?
        .value;
    let id = acted_on(&applied, a.id);
    let about = store
        .ledger()
        .promise(id)
        .map(|p| About::of(store.ledger(), p));
    let about = about.as_ref();
    // Said, so a script or a person does not take it for a change.
    if applied.inverse.is_none() {
        return Ok(named(
            &format!("#{id} reads so already"),
            about,
            "; nothing changed",
            ctx.width(),
        ));
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
        let rest = format!("; now {}: it was kept on {on}, {why}", p.status.label());
        return Ok(named(&format!("#{id} edited"), about, &rest, ctx.width()));
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
        let rest = format!("; still {still}, as chosen, though kept on {on}, {by}");
        return Ok(named(&format!("#{id} edited"), about, &rest, ctx.width()));
    }
    Ok(named(&format!("#{id} edited"), about, "", ctx.width()))
}

/// `rm`: names the promise deleted, and the restore that puts it back by the backup's name,
/// which no later save moves (`restore-backup 1` names another backup once anything else is
/// saved).
pub fn remove(id: PromiseId, ctx: &Context) -> Result<String, CliError> {
    let mut about = None;
    let mut gone = Absent::No;
    let mut store = ctx.open()?;
    let applied = store
        .apply_with(ctx.today, |l| {
            about = l.promise(id).map(|p| About::of(l, p));
            gone = absent(l, id);
            Ok(Change::DeletePromise {
                promise: Target::id(id),
                seen: None,
            })
        })
        .map_err(CliError::from)
        .map_err(refusal_of(gone))?
        .value;
    let head = format!("#{} deleted", acted_on(&applied, id));
    let mut said = named(&head, about.as_ref(), "", ctx.width());
    said.push_str(&super::undone_by(store.last_backup()));
    Ok(said)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::columns;

    fn about(what: &str) -> About {
        About {
            what: what.to_string(),
            handle: "wang-fang".to_string(),
            direction: Direction::Mine,
        }
    }

    /// On a terminal the line fits its width, a wide character never split; however narrow
    /// it is, enough of the text is kept to tell the promise from another.
    #[test]
    fn a_promise_named_fits_the_terminal_and_keeps_some_of_its_text() {
        let wide = about("审阅第三季度预算草案并发给财务和法务部门的同事们");
        for width in [56, 60, 80] {
            let line = named("#12 kept late", Some(&wide), "", Some(width));
            assert!(columns(line.trim_end()) <= width, "{width}: {line}");
            assert!(line.starts_with("#12 kept late: \"审阅"), "{line}");
            assert!(line.ends_with("…\" (wang-fang, mine)\n"), "{line}");
        }
        let narrow = named("#12 deleted", Some(&about(&"x".repeat(40))), "", Some(20));
        assert_eq!(
            narrow,
            format!("#12 deleted: \"{}…\" (wang-fang, mine)\n", "x".repeat(15))
        );
        // Short text stays whole; a control character in it is escaped.
        assert_eq!(
            named(
                "#1 kept",
                Some(&about("Ship\u{1b}[2J")),
                "; nothing changed",
                None
            ),
            "#1 kept: \"Ship\\u{1b}[2J\" (wang-fang, mine); nothing changed\n"
        );
    }
}
