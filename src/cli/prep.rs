//! `trustladder prep`: the Markdown agenda of the next 1:1 with a colleague, and with `--save`
//! the record that it happened, so the next prep starts there.

use super::args::PrepArgs;
use super::{CliError, Context};
use crate::core::LedgerError;
use crate::core::dates::parse_past_date;
use crate::core::prep::{self, markdown::markdown};

/// Prints the prep; `--save` records it in the same step, as of the file under the lock (the
/// agenda printed is the one from before the save, which starts the next one).
pub fn run(a: &PrepArgs, ctx: &Context) -> Result<String, CliError> {
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
    if !a.save {
        let store = ctx.show()?;
        let ledger = store.ledger();
        let id = ledger.find_person(&a.person)?;
        let agenda =
            prep::prep(ledger, id, ctx.today, since).ok_or(LedgerError::NoSuchPerson(id))?;
        return Ok(markdown(&agenda));
    }
    let mut store = ctx.open()?;
    let mut text = String::new();
    store.apply_with(ctx.today, |ledger| {
        let id = ledger.find_person(&a.person)?;
        let agenda =
            prep::prep(ledger, id, ctx.today, since).ok_or(LedgerError::NoSuchPerson(id))?;
        text = markdown(&agenda);
        Ok(prep::saved(agenda.person, ctx.today))
    })?;
    Ok(text)
}
