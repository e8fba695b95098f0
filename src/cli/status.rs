//! `trustladder status`: one short line for a shell prompt or a cron job, and an exit code
//! that says whether anything is overdue. It only reads: it never opens the UI and never
//! waits for the write lock.

use super::args::StatusArgs;
use super::{CliError, Context};
use crate::core::text::counted;
use crate::core::{Direction, Status};

/// What needs attention today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Attention {
    overdue_theirs: usize,
    overdue_mine: usize,
    due_today: usize,
}

/// The line, or the count with `--count`; [`CliError::Attention`] when something is overdue,
/// so the process exits with 1.
pub fn run(a: &StatusArgs, ctx: &Context) -> Result<String, CliError> {
    // As every command that reads: a mistyped path is said, never read as "nothing overdue".
    // Read, not mapped: a file cut short under a mapping ends the process with 1, which
    // here means "something is overdue".
    // In a shell's prompt it must never wait for typing: an encrypted ledger is read with the
    // agent's key or the passphrase command, never asked for, and a locked one is an error
    // (exit 2) that says how to unlock it.
    crate::crypt::unlock::never_ask();
    // A data file gone while its backups are not is an error (exit 2), as for a change: read
    // as an empty ledger, the prompt would say "nothing overdue" of a ledger that is lost.
    crate::store::refuse_gone(&ctx.path)?;
    let store = ctx.read()?;
    // As it stood on the day shown: `--today` on a past day sees that day's ledger.
    let ledger = ctx.shown(store.ledger());
    let ledger = &*ledger;
    let archived = |id| ledger.person(id).is_none_or(|p| p.archived);
    let mut at = Attention::default();
    for p in ledger
        .promises
        .iter()
        .filter(|p| p.status == Status::Open && !archived(p.person))
    {
        if p.is_overdue(ctx.today) {
            match p.direction {
                Direction::Theirs => at.overdue_theirs += 1,
                Direction::Mine => at.overdue_mine += 1,
            }
        } else if p.due == Some(ctx.today) {
            at.due_today += 1;
        }
    }
    let overdue = at.overdue_theirs + at.overdue_mine;
    let text = if a.count {
        format!("{overdue}\n")
    } else if overdue == 0 && at.due_today == 0 {
        "nothing overdue, nothing due today\n".to_string()
    } else {
        // Whose, in the words of the agenda's headings and `list`'s WHOSE: theirs and mine.
        format!(
            "overdue: {} theirs, {} mine; {} today\n",
            at.overdue_theirs,
            at.overdue_mine,
            counted(at.due_today, "due", "due")
        )
    };
    if overdue > 0 {
        return Err(CliError::Attention(text));
    }
    Ok(text)
}
