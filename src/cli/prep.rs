//! `trustladder prep`: the Markdown agenda of the next 1:1 with a colleague, and with `--save`
//! the record that it happened, so the next prep starts there.

use std::io::Write;

use super::args::PrepArgs;
use super::{CliError, Context, emit};
use crate::core::LedgerError;
use crate::core::dates::parse_past_date;
use crate::core::prep::{self, markdown::markdown};

/// Prints the prep; `--save` then records that it happened, once it is printed: a prep that
/// could not be printed (a full disk under `>`) is not recorded, so the next one does not
/// start after it.
pub fn run(a: &PrepArgs, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    let since = a
        .since
        .as_deref()
        .map(|word| {
            parse_past_date(word, ctx.today).map_err(|source| CliError::Date {
                flag: "since",
                source,
            })
        })
        .transpose()?;
    if let Some(day) = since.filter(|day| *day > ctx.today) {
        return Err(CliError::FutureDay {
            flag: "since",
            day,
            today: ctx.today,
            why: "a prep lists what has already happened",
        });
    }
    let mut store = if a.save { ctx.open()? } else { ctx.show()? };
    let ledger = store.ledger();
    let id = ledger.find_person(&a.person)?;
    let agenda = prep::prep(ledger, id, ctx.today, since).ok_or(LedgerError::NoSuchPerson(id))?;
    // The last prep as it was when read: a prep saved meanwhile elsewhere is a conflict.
    let saved = prep::saved(agenda.person, ctx.today);
    emit(out, markdown(&agenda).as_bytes())?;
    if a.save {
        store.apply_with(ctx.today, |_| Ok(saved.clone()))?;
    }
    Ok(())
}
