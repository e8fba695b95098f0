//! The merge driver git runs for the data file (`trustladder merge-driver %O %A %B`): the
//! common ancestor, ours and theirs, merged by uid and written over ours. A plain `git pull`
//! in the data folder merges through it too.

use std::fs;
use std::path::Path;

use super::SyncError;
use crate::core::Ledger;
use crate::core::merge::{Report, merge};
use crate::store::{self, DecodeError};

/// The prefix of the lines the driver prints, so `sync` can find them among git's.
pub const REPORT_PREFIX: &str = "trustladder merge: ";

/// Reads one of the three files; an empty or missing ancestor (two histories that never met)
/// is no ancestor.
fn read(path: &Path, may_be_empty: bool) -> Result<Option<Ledger>, SyncError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if may_be_empty && e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(SyncError::Io(format!("{}: {e}", path.display()))),
    };
    if may_be_empty && bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    match store::decode(&bytes) {
        Ok(ledger) => Ok(Some(ledger)),
        Err(DecodeError::TooNew { version }) => Err(SyncError::TooNew(version)),
        Err(e) => Err(SyncError::Io(format!("{}: {e}", path.display()))),
    }
}

/// Merges `theirs` into `ours` over `base`, writing the result over `ours`; returns what the
/// merge did. A file of a newer format, or one that does not read, is not merged, and `ours`
/// is left as it was.
pub fn run(base: &Path, ours: &Path, theirs: &Path) -> Result<Report, SyncError> {
    let b = read(base, true)?;
    let (Some(o), Some(t)) = (read(ours, false)?, read(theirs, false)?) else {
        return Err(SyncError::Io("an empty ledger cannot be merged".into()));
    };
    let merged = merge(b.as_ref(), &o, &t).map_err(|e| SyncError::Merge(e.to_string()))?;
    fs::write(ours, store::encode(&merged.ledger))
        .map_err(|e| SyncError::Io(format!("{}: {e}", ours.display())))?;
    Ok(merged.report)
}

/// The report as the driver prints it, one prefixed line each.
pub fn report_lines(report: &Report) -> String {
    report
        .to_string()
        .lines()
        .map(|l| format!("{REPORT_PREFIX}{l}\n"))
        .collect()
}
