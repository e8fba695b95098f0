//! The data file's own layout, written and read by hand: the bytes `serde_json`'s pretty
//! printer makes of a ledger, byte for byte, so files stay what every version wrote, but
//! several times faster both ways, and with the place of every record in the bytes.
//!
//! Knowing where each record lies is what makes a save of one change cheap: the records a
//! change did not touch are copied from the file as it was ([`splice`](super::splice)),
//! and only the changed ones are encoded and checked.
//!
//! The reader is strict: it takes only bytes that are exactly what the writer makes of the
//! ledger it returns (every literal compared, every value in the one form the writer gives
//! it), and returns `None` for anything else (another indentation, an escape the writer
//! would not use, a field out of place), which the careful reader in `codec` then reads,
//! naming the JSON path of any fault. So whatever the fast reader accepts, the careful one
//! reads the same way, and writing it back gives the very same bytes.

mod read;
mod slots;
mod write;

pub(crate) use read::read;
pub(crate) use write::{Writer, write};

use crate::core::Uid;

/// Where one record lies in the bytes: from its opening `{` to its closing `}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// The record's number, to pair it with the record in the ledger.
    pub id: u64,
    /// The record's uid: a record with the same number but another uid is another record.
    pub uid: Uid,
    pub start: usize,
    pub end: usize,
}

/// Whether a reader keeps where each record lies: what a save splices by, of no use to a
/// command that only shows the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Places {
    Kept,
    Dropped,
}

/// The places of the records in a file's bytes, in the file's order (by number).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    pub people: Vec<Span>,
    pub promises: Vec<Span>,
}

/// The text between the people and the promises.
pub(crate) const BETWEEN: &[u8] = b",\n  \"promises\": ";
/// Where the head ends and the people begin.
pub(crate) const PEOPLE: &[u8] = b",\n  \"people\": ";
/// Where the lineage begins, after the tombstones, in a file that has one.
pub(crate) const LINEAGE: &[u8] = b",\n  \"lineage\": ";
/// Between two records of one list.
pub(crate) const NEXT: &[u8] = b",\n";
/// Before the first record of a list.
pub(crate) const OPEN: &[u8] = b"[\n";
/// After the last record of a list.
pub(crate) const CLOSE: &[u8] = b"\n  ]";
/// A list with no records.
pub(crate) const EMPTY: &[u8] = b"[]";

#[cfg(test)]
mod tests;
