//! CSV: one row per promise, RFC 4180 quoting by the `csv` crate, UTF-8 with a byte-order
//! mark so that spreadsheets (Excel among them) read names in any script as written.

use crate::cli::CliError;
use crate::core::{Ledger, PersonId};

/// The header, in column order.
pub const COLUMNS: [&str; 13] = [
    "id",
    "person",
    "handle",
    "direction",
    "rung",
    "what",
    "made",
    "due",
    "status",
    "resolved",
    "note",
    "uid",
    "person_uid",
];

/// Every promise (of `only`, when given), in number order.
pub fn csv(ledger: &Ledger, only: Option<PersonId>) -> Result<Vec<u8>, CliError> {
    let failed = |e: csv::Error| CliError::Export(e.to_string());
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(COLUMNS).map_err(failed)?;
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        for p in &ledger.promises {
            if !super::wanted(only, p.person) {
                continue;
            }
            let Some(person) = ledger.person(p.person) else {
                continue;
            };
            writer
                .write_record([
                    p.id.to_string(),
                    inert(&person.name),
                    inert(&person.handle),
                    p.direction.to_string(),
                    p.level.to_string(),
                    inert(&p.what),
                    p.made.to_string(),
                    day(p.due),
                    p.status.to_string(),
                    day(p.resolved),
                    inert(&p.note),
                    p.uid.to_string(),
                    person.uid.to_string(),
                ])
                .map_err(failed)?;
        }
        writer
            .flush()
            .map_err(|e| CliError::Export(e.to_string()))?;
    }
    Ok(out)
}

/// Text as a spreadsheet shows it rather than runs it: a cell that begins with `=`, `+`, `-`
/// or `@` (or a tab or carriage return before one) is read by Excel, LibreOffice and Sheets
/// as a formula, which a promise's text could use to run or fetch something. Such a cell gets
/// a `'` before it, as OWASP advises, which spreadsheets read as "text follows".
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn text_a_spreadsheet_would_run_is_marked_as_text() {
        for formula in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-x | y",
            "@SUM(A1)",
            "\t=1",
        ] {
            assert_eq!(inert(formula), format!("'{formula}"));
        }
        for text in ["Send the deck", "", "a=b", " =x", "'quoted"] {
            assert_eq!(inert(text), text);
        }
    }
}
