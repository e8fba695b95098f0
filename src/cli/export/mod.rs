//! `trustladder export`: the ledger out, for a spreadsheet, a 1:1 document or a calendar, or
//! as a ledger file again. Each format is its own module; this one picks the records and
//! sends the bytes to standard output or, atomically, to `--output`.

mod csv;
mod ics;
mod report;

use std::io::Write;

use super::args::{ExportArgs, ExportFormat};
use super::{CliError, Context};
use crate::core::{Ledger, PersonId};
use crate::store::{encode, output};

/// Exports; nothing is printed on stdout when `--output` is given.
pub fn run(a: &ExportArgs, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    let store = ctx.read()?;
    let ledger = store.ledger();
    let only = a
        .person
        .as_deref()
        .map(|q| ledger.find_person(q))
        .transpose()?;
    let bytes = match a.format {
        ExportFormat::Json => encode(&part_of(ledger, only)),
        ExportFormat::Csv => csv::csv(ledger, only)?,
        ExportFormat::Md => report::markdown(ledger, only, ctx.today).into_bytes(),
        ExportFormat::Ics => ics::calendar(ledger, only).into_bytes(),
    };
    match &a.output {
        Some(path) => {
            output::write(path, &bytes, a.force)?;
            if store.is_encrypted() {
                // Said on stderr, so stdout stays empty as with every --output.
                eprintln!(
                    "trustladder: note: {} is plain text (mode 0600): the ledger is encrypted, its export is not",
                    crate::core::text::sanitize(&path.display().to_string())
                );
            }
        }
        // A closed pipe (`| head`) is the reader's choice, not an error of ours.
        None => {
            let _ = out.write_all(&bytes);
        }
    }
    Ok(())
}

/// The ledger as a whole, or the part about one colleague: them and their promises, with the
/// settings and number counters, so it loads as a ledger of its own.
fn part_of(ledger: &Ledger, only: Option<PersonId>) -> Ledger {
    let Some(id) = only else {
        return ledger.clone();
    };
    Ledger {
        people: ledger
            .people
            .iter()
            .filter(|p| p.id == id)
            .cloned()
            .collect(),
        promises: ledger.promises_of(id).cloned().collect(),
        tombstones: Vec::new(),
        ..ledger.clone()
    }
}

/// Whether a record of `person` is exported: everyone's without a colleague named.
fn wanted(only: Option<PersonId>, person: PersonId) -> bool {
    only.is_none_or(|id| id == person)
}
