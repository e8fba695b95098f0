//! `trustladder export`: the ledger out, for a spreadsheet, a 1:1 document or a calendar, or
//! as a ledger file again. Each format is its own module; this one picks the records and
//! sends the bytes to standard output or, atomically, to `--output`.

pub(super) mod csv;
mod ics;
mod report;

use std::borrow::Cow;
use std::io::Write;

use super::args::{ExportArgs, ExportFormat};
use super::{CliError, Context};
use crate::core::{Ledger, PersonId};
use crate::store::{encode, output};

/// Exports; nothing is printed on stdout when `--output` is given.
pub fn run(a: &ExportArgs, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    // A path that cannot be the one meant, refused before the data file is read.
    if let Some(path) = &a.output {
        output::expanded(path, "--output")?;
    }
    // Refused before the note that a newer file is shown for what this version knows of it:
    // a JSON export of it shows nothing, and one line says why.
    let store = ctx.open()?;
    if a.format == ExportFormat::Json && store.is_newer() {
        // What this version reads of a newer file is not all of it: written back as JSON
        // under the newer version's number, it would pass for the whole file.
        return Err(CliError::NewerExport {
            path: crate::core::text::sanitize(&ctx.path.display().to_string()),
            version: store.version(),
        });
    }
    let store = ctx.noted(store)?;
    let ledger = store.ledger();
    // The Markdown report shows the ledger as it stood on the day shown: a colleague added
    // later is said to be so.
    let only = match (a.person.as_deref(), a.format) {
        (Some(q), ExportFormat::Md) => Some(ctx.find_shown(&ctx.shown(ledger), ledger, q)?),
        (q, _) => q.map(|q| ledger.find_person(q)).transpose()?,
    };
    let bytes: Cow<[u8]> = match (a.format, only) {
        // The whole ledger is the file's own bytes, which the store usually holds already.
        (ExportFormat::Json, None) => store.encoded(),
        (ExportFormat::Json, Some(id)) => encode(&part_of(ledger, id)).into(),
        (ExportFormat::Csv, _) => csv::csv(ledger, only)?.into(),
        // A report of levels and advice, as `review` gives them: as of a past `--today`.
        (ExportFormat::Md, _) => report::markdown(&ctx.shown(ledger), ledger, only, ctx.today)
            .into_bytes()
            .into(),
        (ExportFormat::Ics, _) => {
            let (text, no_events) = ics::calendar(ledger, only);
            if let Some(why) = no_events {
                // Said on stderr, so the calendar alone is on stdout.
                stderr_line!("trustladder: note: {why}");
            }
            text.into_bytes().into()
        }
    };
    match a.output.as_ref().filter(|path| !is_standard_output(path)) {
        Some(path) => {
            output::guard(path, &ctx.path)?;
            output::write(path, &bytes, a.force)?;
            // A file, not a device or a pipe (/dev/null, /dev/stderr, a FIFO), which keeps
            // no copy and whose mode the export does not set.
            if store.is_encrypted() && std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
                // Said on stderr, so stdout stays empty as with every --output.
                stderr_line!(
                    "trustladder: note: {} is plain text (mode 0600): the ledger is encrypted, its export is not",
                    crate::core::text::sanitize(&path.display().to_string())
                );
            }
        }
        None => super::emit(out, &bytes)?,
    }
    Ok(())
}

/// `-` is standard output, as `import` reads `-` as standard input; so are the names the
/// system gives it, which name no file an export could be written beside and renamed over
/// (a pipe, a terminal, or the file the shell's `>` opened).
fn is_standard_output(path: &std::path::Path) -> bool {
    matches!(
        path.to_str(),
        Some("-" | "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1")
    )
}

/// The part of the ledger about one colleague: them and their promises, with the settings
/// and number counters, so it loads as a ledger of its own.
fn part_of(ledger: &Ledger, id: PersonId) -> Ledger {
    Ledger {
        people: ledger
            .people
            .iter()
            .filter(|p| p.id == id)
            .cloned()
            .collect(),
        promises: ledger.promises_of(id).cloned().collect(),
        tombstones: Vec::new(),
        // Not a copy of the ledger's file: no merge may take it for one.
        lineage: Vec::new(),
        format: ledger.format.clone(),
        version: ledger.version,
        settings: ledger.settings.clone(),
        next_person_id: ledger.next_person_id,
        next_promise_id: ledger.next_promise_id,
    }
}

/// Whether a record of `person` is exported: everyone's without a colleague named.
fn wanted(only: Option<PersonId>, person: PersonId) -> bool {
    only.is_none_or(|id| id == person)
}
