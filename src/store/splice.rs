//! Saving a change by copying what it did not touch: the new file is the old one with the
//! head, the changed records and the tail written anew, and every other record copied as
//! the bytes it already was. A change of one promise in a file of a hundred thousand writes
//! a few hundred bytes of new text and checks only those.
//!
//! Why the copied bytes need no checking: the store keeps the old bytes only when they are
//! exactly what the writer makes of the ledger it holds (the strict reader read them, or the
//! writer wrote them), so each copied record is the encoding of a record the change left
//! alone. What is new is parsed back with serde_json, an independent reader, and compared
//! with what was meant; property tests show that the result is byte for byte the encoding
//! of the whole changed ledger.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::DeserializeOwned;

use super::layout::{BETWEEN, CLOSE, EMPTY, Layout, NEXT, OPEN, Span, Writer};
use super::mapped::Mapped;
use crate::core::change::Done;
use crate::core::{Ledger, PersonId, PromiseId, Uid};
use crate::crypt::agent::Edits;

/// The bytes of the data file as last read or written, when they are exactly what the
/// writer makes of the store's ledger, and where each record lies in them.
///
/// After a splice the new file is kept as the stretches it was written from, and put
/// together only when something needs its bytes (the next splice, an export): a command
/// that ends after its save never pays for it.
#[derive(Debug)]
pub(crate) struct Canonical {
    bytes: Text,
    layout: Layout,
    /// The file written last, made from `bytes`, when they are not yet its bytes.
    next: Option<Spliced>,
    /// Whether a splice says where the new file's records lie: only a next splice reads
    /// it, and a command that makes one change and ends makes none (see
    /// [`Canonical::for_one_change`]).
    spans_wanted: bool,
}

/// The bytes a [`Canonical`] was read as: the process's own memory, or, for a command that
/// makes one change and ends, the file mapped (see `mapped`), which a save copies from and
/// which becomes memory of the process's own before it is ever changed; or the plain text
/// of an encrypted file, lent by the agent (see `crypt::agent`), mapped for as long as the
/// lease is kept.
#[derive(Debug)]
enum Text {
    Owned(Vec<u8>),
    Mapped(Mapped),
    /// Unmapped before the lease ends, as the fields drop in order.
    Lent(Mapped, LentText),
}

/// The agent's memory file of a plain text lent to this command, and the lease.
#[derive(Debug)]
pub(crate) struct LentText {
    pub file: std::fs::File,
    pub lease: crate::crypt::agent::TextLease,
}

impl Text {
    /// The bytes as memory of the process's own, copied out of a mapping.
    fn into_owned(self) -> Vec<u8> {
        match self {
            Text::Owned(bytes) => bytes,
            Text::Mapped(mapped) | Text::Lent(mapped, _) => mapped.to_vec(),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Text::Owned(bytes) => bytes,
            Text::Mapped(mapped) | Text::Lent(mapped, _) => mapped,
        }
    }
}

/// The records a change may have altered where they stand. Records it added or removed
/// need no naming: the splice finds them by their numbers and uids.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edited {
    person: Option<PersonId>,
    promise: Option<PromiseId>,
}

impl Edited {
    /// What a change that did `done` may have altered. Every kind of change is named here,
    /// so a new kind cannot be added without saying what it alters.
    pub fn of(done: &Done) -> Edited {
        match done {
            Done::EditedPerson { id, .. } => Edited {
                person: Some(*id),
                promise: None,
            },
            Done::EditedPromise { id, .. } | Done::Resolved { id, .. } | Done::Reopened(id) => {
                Edited {
                    person: None,
                    promise: Some(*id),
                }
            }
            // Added or removed records only; the settings, the counters and the tombstones
            // are in the head and the tail, which are always written anew.
            Done::AddedPerson(_)
            | Done::DeletedPerson { .. }
            | Done::AddedPromise { .. }
            | Done::DeletedPromise(_)
            | Done::EditedSettings
            | Done::PutBack { .. }
            | Done::TookBack { .. }
            | Done::Imported { .. } => Edited::default(),
        }
    }
}

/// A list as spliced: where each record now lies, and which ones were written anew (their
/// places in the list).
type Listed = (Vec<Span>, Vec<usize>);

/// One stretch of the new file: bytes of the old one, or new text.
#[derive(Debug)]
enum Piece {
    Old(Range<usize>),
    New(Vec<u8>),
}

/// A new file made of stretches of the old one and new text, checked.
#[derive(Debug)]
pub(crate) struct Spliced {
    pieces: Vec<Piece>,
    len: usize,
    /// Where each record lies in the new file.
    layout: Layout,
    /// Whether `layout` is made (see [`Canonical::for_one_change`]).
    spans_wanted: bool,
    /// The places, in the changed ledger, of the people and promises written anew.
    pub people: Vec<usize>,
    pub promises: Vec<usize>,
}

/// The new file for `ledger`, the store's ledger after a change that altered at most the
/// records `edited` names, made from `old`, the file of the ledger before the change. An
/// error says what did not read back as meant.
pub(crate) fn splice(
    old: &mut Canonical,
    ledger: &Ledger,
    edited: Edited,
) -> Result<Spliced, String> {
    old.settle();
    let mut out = Spliced {
        pieces: Vec::new(),
        len: 0,
        layout: Layout::default(),
        spans_wanted: old.spans_wanted,
        people: Vec::new(),
        promises: Vec::new(),
    };
    let mut head = Writer::with_capacity(2048);
    head.head(ledger);
    out.text(&head.out);
    let (spans, fresh) = out.list(
        &old.bytes,
        &old.layout.people,
        &ledger.people,
        |p| (p.id.0, p.uid),
        edited.person.map(|id| id.0),
        Writer::person,
    )?;
    out.layout.people = spans;
    out.people = fresh;
    out.text(BETWEEN);
    let (spans, fresh) = out.list(
        &old.bytes,
        &old.layout.promises,
        &ledger.promises,
        |p| (p.id.0, p.uid),
        edited.promise.map(|id| id.0),
        Writer::promise,
    )?;
    out.layout.promises = spans;
    out.promises = fresh;
    let mut tail = Writer::with_capacity(64 + ledger.tombstones.len() * 140);
    tail.tail(ledger);
    out.text(&tail.out);
    check_head_and_tail(&head.out, &tail.out, ledger)?;
    Ok(out)
}

/// Whether `span` is where `record` was: both there, of one number and uid.
fn same_record<T>(
    span: Option<&Span>,
    record: Option<&T>,
    key: &impl Fn(&T) -> (u64, Uid),
) -> bool {
    span.zip(record)
        .is_some_and(|(s, r)| (s.id, s.uid) == key(r))
}

/// `span` moved `by` bytes, as the text before it grew or shrank.
fn moved(span: &Span, by: isize) -> Span {
    Span {
        start: span.start.saturating_add_signed(by),
        end: span.end.saturating_add_signed(by),
        ..*span
    }
}

impl Spliced {
    fn text(&mut self, bytes: &[u8]) {
        self.len += bytes.len();
        if let Some(Piece::New(last)) = self.pieces.last_mut() {
            last.extend_from_slice(bytes);
        } else {
            self.pieces.push(Piece::New(bytes.to_vec()));
        }
    }

    fn copy(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.len += range.len();
        if let Some(Piece::Old(last)) = self.pieces.last_mut()
            && last.end == range.start
        {
            last.end = range.end;
        } else {
            self.pieces.push(Piece::Old(range));
        }
    }

    /// One list of records: each copied from `old_bytes` where `old` has a record with its
    /// number and uid and the change did not edit it, else written and read back. Returns
    /// where each record now lies and the places of those written anew.
    fn list<T: PartialEq + DeserializeOwned>(
        &mut self,
        old_bytes: &[u8],
        old: &[Span],
        records: &[T],
        key: impl Fn(&T) -> (u64, Uid),
        edited: Option<u64>,
        write: impl Fn(&mut Writer, &T),
    ) -> Result<Listed, String> {
        if records.is_empty() {
            self.text(EMPTY);
            return Ok((Vec::new(), Vec::new()));
        }
        self.text(OPEN);
        let shortcut = match edited {
            Some(id) => self.one_edited(old, records, &key, id, &write),
            None => self.one_appended(old, records, &key, &write),
        };
        if let Some(done) = shortcut {
            self.text(CLOSE);
            return done;
        }
        let mut spans = Vec::with_capacity(if self.spans_wanted { records.len() } else { 0 });
        let mut fresh = Vec::new();
        // The old record before this one, when it was copied: the two are copied with the
        // separator between them, as one stretch.
        let mut copied: Option<usize> = None;
        let mut j = 0;
        for (i, record) in records.iter().enumerate() {
            let (id, uid) = key(record);
            while old.get(j).is_some_and(|s| s.id < id) {
                j += 1;
            }
            let same = old
                .get(j)
                .filter(|s| s.id == id && s.uid == uid && edited != Some(id));
            if i > 0 {
                match (copied, same) {
                    (Some(k), Some(s))
                        if k + 1 == j && old_bytes.get(old[k].end..s.start) == Some(NEXT) =>
                    {
                        self.copy(old[k].end..s.start);
                    }
                    _ => self.text(NEXT),
                }
            }
            let start = self.len;
            match same {
                Some(s) => {
                    self.copy(s.start..s.end);
                    copied = Some(j);
                }
                None => {
                    self.text(&written(record, id, &write)?);
                    fresh.push(i);
                    copied = None;
                }
            }
            if self.spans_wanted {
                spans.push(Span {
                    id,
                    uid,
                    start,
                    end: self.len,
                });
            }
        }
        self.text(CLOSE);
        Ok((spans, fresh))
    }

    /// The records of a list in which only the one numbered `edited` changed, every other
    /// one being where it was (a resolve or an edit): what comes before it and what comes
    /// after it are copied in one stretch each, and the others' places move by as much as
    /// the text before them grew. This spares looking at every record of a large ledger for
    /// a change of one. `None` when the list is not so (a record added or removed): then it
    /// goes record by record.
    fn one_edited<T: PartialEq + DeserializeOwned>(
        &mut self,
        old: &[Span],
        records: &[T],
        key: &impl Fn(&T) -> (u64, Uid),
        edited: u64,
        write: &impl Fn(&mut Writer, &T),
    ) -> Option<Result<Listed, String>> {
        let same = |span: Option<&Span>, record: Option<&T>| same_record(span, record, key);
        if records.len() != old.len()
            || !same(old.first(), records.first())
            || !same(old.last(), records.last())
        {
            return None;
        }
        let i = records.binary_search_by_key(&edited, |r| key(r).0).ok()?;
        if !same(old.get(i), records.get(i)) {
            return None;
        }
        let (first, this, last) = (&old[0], &old[i], &old[old.len() - 1]);
        let before = self.len as isize - first.start as isize;
        self.copy(first.start..this.start);
        let start = self.len;
        match written(&records[i], edited, write) {
            Ok(text) => self.text(&text),
            Err(e) => return Some(Err(e)),
        }
        let end = self.len;
        self.copy(this.end..last.end);
        let after = end as isize - this.end as isize;
        if !self.spans_wanted {
            return Some(Ok((Vec::new(), vec![i])));
        }
        let spans = old[..i]
            .iter()
            .map(|s| moved(s, before))
            .chain([Span {
                start,
                end,
                ..*this
            }])
            .chain(old[i + 1..].iter().map(|s| moved(s, after)))
            .collect();
        Some(Ok((spans, vec![i])))
    }

    /// The records of a list to which one was added at the end, every other one being where
    /// it was (a person or a promise added: numbers only grow): they are copied in one
    /// stretch, and their places move by as much as the text before them did. This spares
    /// looking at every record of a large ledger for a promise added. `None` when the list is
    /// not so: then it goes record by record.
    fn one_appended<T: PartialEq + DeserializeOwned>(
        &mut self,
        old: &[Span],
        records: &[T],
        key: &impl Fn(&T) -> (u64, Uid),
        write: &impl Fn(&mut Writer, &T),
    ) -> Option<Result<Listed, String>> {
        let (added, kept) = records.split_last()?;
        let same = |span: Option<&Span>, record: Option<&T>| same_record(span, record, key);
        let (first, last) = (old.first()?, old.last()?);
        let (id, uid) = key(added);
        if kept.len() != old.len()
            || !same(Some(first), kept.first())
            || !same(Some(last), kept.last())
            || id <= last.id
        {
            return None;
        }
        let by = self.len as isize - first.start as isize;
        self.copy(first.start..last.end);
        self.text(NEXT);
        let start = self.len;
        match written(added, id, write) {
            Ok(text) => self.text(&text),
            Err(e) => return Some(Err(e)),
        }
        if !self.spans_wanted {
            return Some(Ok((Vec::new(), vec![kept.len()])));
        }
        let spans = old
            .iter()
            .map(|s| moved(s, by))
            .chain([Span {
                id,
                uid,
                start,
                end: self.len,
            }])
            .collect();
        Some(Ok((spans, vec![kept.len()])))
    }

    /// The new file's bytes, in order, for writing: `old` is the file it was made from.
    /// `None` when a stretch of the old file is not there, or the whole is not the length
    /// the splice made: what goes to disk is never a file with a piece missing.
    pub fn checked_parts<'a>(&'a self, old: &'a Canonical) -> Option<Vec<&'a [u8]>> {
        let parts = self.pieces_of(&old.bytes).collect::<Option<Vec<_>>>()?;
        (parts.iter().map(|p| p.len()).sum::<usize>() == self.len).then_some(parts)
    }

    /// The new file's bytes, in order, as [`Spliced::checked_parts`] gives them to a save.
    pub fn parts<'a>(&'a self, old: &'a Canonical) -> Vec<&'a [u8]> {
        self.pieces_of(&old.bytes)
            .map(Option::unwrap_or_default)
            .collect()
    }

    /// The stretches of the old file, `old_len` bytes, that this one does not copy, each
    /// with the text that takes its place, in order; `None` when the stretches copied are
    /// not in order or not all in the old file.
    fn holes(&self, old_len: usize) -> Option<Vec<(Range<usize>, Vec<u8>)>> {
        let mut holes = Vec::new();
        let mut at = 0;
        let mut text = Vec::new();
        for piece in &self.pieces {
            match piece {
                Piece::New(bytes) => text.extend_from_slice(bytes),
                Piece::Old(range) => {
                    if range.start < at || range.end > old_len {
                        return None;
                    }
                    holes.push((at..range.start, std::mem::take(&mut text)));
                    at = range.end;
                }
            }
        }
        holes.push((at..old_len, text));
        Some(holes)
    }

    /// The stretches of `old`, the file this one was made from, that this one changes, placed
    /// for the agent to write over `old` where it is, in a memory file of `room` bytes (see
    /// [`Edits`]); `None` when they could not be written so (too many, too many that change
    /// length, too little room).
    pub fn edits(&self, old: &[u8], room: usize) -> Option<Edits> {
        Edits::placed(self.changes(old)?, old.len(), room).filter(|edits| edits.len == self.len)
    }

    /// The stretches of `old`, the file this one was made from, that this one does not copy
    /// and whose text it changes, each with its new text, in order (see [`Spliced::holes`]).
    fn changes(&self, old: &[u8]) -> Option<Vec<(Range<usize>, Vec<u8>)>> {
        let mut holes = self.holes(old.len())?;
        holes.retain(|(range, text)| old.get(range.clone()) != Some(text.as_slice()));
        Some(holes)
    }

    /// Each piece's bytes, `None` for a stretch of `old` that is not there.
    fn pieces_of<'a>(&'a self, old: &'a [u8]) -> impl Iterator<Item = Option<&'a [u8]>> {
        self.pieces.iter().map(|piece| match piece {
            Piece::Old(range) => old.get(range.clone()),
            Piece::New(bytes) => Some(bytes.as_slice()),
        })
    }
}

/// The most stretches of a file whose length changes that a splice writes where they are:
/// each moves everything after it.
const MOST_HOLES_MOVED: usize = 8;

/// A record written anew, once it reads back as itself.
fn written<T: PartialEq + DeserializeOwned>(
    record: &T,
    id: u64,
    write: &impl Fn(&mut Writer, &T),
) -> Result<Vec<u8>, String> {
    let mut w = Writer::with_capacity(512);
    write(&mut w, record);
    match serde_json::from_slice::<T>(&w.out) {
        Ok(back) if back == *record => Ok(w.out),
        _ => Err(format!("record {id} would not read back as it is")),
    }
}

/// The head and the tail, written anew for every change, read back with serde_json around
/// empty lists and compared with the ledger's fields.
fn check_head_and_tail(head: &[u8], tail: &[u8], ledger: &Ledger) -> Result<(), String> {
    let mut skeleton = Vec::with_capacity(head.len() + tail.len() + 32);
    for part in [head, EMPTY, BETWEEN, EMPTY, tail] {
        skeleton.extend_from_slice(part);
    }
    let back: Ledger = serde_json::from_slice(&skeleton).map_err(|e| e.to_string())?;
    let same = back.format == ledger.format
        && back.version == ledger.version
        && back.settings == ledger.settings
        && back.next_person_id == ledger.next_person_id
        && back.next_promise_id == ledger.next_promise_id
        && back.tombstones == ledger.tombstones
        && back.lineage == ledger.lineage;
    if same {
        Ok(())
    } else {
        Err("the settings, counters, tombstones or lineage would not read back as they are".into())
    }
}

impl Canonical {
    /// The bytes of a file and where its records lie in them.
    pub fn new(bytes: Vec<u8>, layout: Layout) -> Canonical {
        Canonical::of(Text::Owned(bytes), layout)
    }

    /// The bytes of a file mapped for a command's one change, as the file's.
    pub fn mapped(bytes: Mapped, layout: Layout) -> Canonical {
        Canonical::of(Text::Mapped(bytes), layout)
    }

    /// The plain text of an encrypted file, lent by the agent and mapped, as the file's.
    pub fn lent(bytes: Mapped, lent: LentText, layout: Layout) -> Canonical {
        Canonical::of(Text::Lent(bytes, lent), layout)
    }

    /// The edits that make the file `spliced` of the text the agent lent this change to
    /// write over (see [`Canonical::write_over`]); `None` where no text was lent so, or
    /// they could not be written there.
    pub fn edits_lent(&self, spliced: &Spliced) -> Option<Edits> {
        let Text::Lent(mapped, lent) = &self.bytes else {
            return None;
        };
        if self.next.is_some() {
            return None;
        }
        spliced.edits(mapped, lent.lease.room()?)
    }

    /// Has the agent write `edits` (from [`Canonical::edits_lent`]) over the text it lent,
    /// which is then the text of the file saved sealed as the bytes that hash to `sealed`:
    /// the next command finds it kept. Whether it could ask. The bytes are no longer the old
    /// file's, so this goes with them.
    pub fn write_over(self, edits: &Edits, sealed: u128) -> bool {
        let Text::Lent(mapped, mut lent) = self.bytes else {
            return false;
        };
        // The old mapping is not read again: its bytes change.
        drop(mapped);
        lent.lease.edit(&lent.file, sealed, edits)
    }

    fn of(bytes: Text, layout: Layout) -> Canonical {
        Canonical {
            bytes,
            layout,
            next: None,
            spans_wanted: true,
        }
    }

    /// The same, for a command that makes one change and ends: its splice does not note
    /// where each record of the new file lies (at 1,000,000 promises a list of 48 MB that
    /// nothing would read). Should it splice again all the same, each record is written anew
    /// from the ledger, which is slower and as right.
    pub fn for_one_change(mut self) -> Canonical {
        self.spans_wanted = false;
        self
    }

    /// The file's bytes.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match &self.next {
            Some(next) => Cow::Owned(next.parts(self).concat()),
            None => Cow::Borrowed(&*self.bytes),
        }
    }

    /// Becomes the file `spliced` was made from this one (see [`Canonical::settle`]).
    pub fn adopt(&mut self, spliced: Spliced) {
        self.settle();
        self.next = Some(spliced);
    }

    /// Puts the last file written together in place of the one it was made from: a few
    /// changed stretches are written into the bytes where they are (moving what follows when
    /// a length changed); many are gathered into new bytes.
    fn settle(&mut self) {
        let Some(spliced) = self.next.take() else {
            return;
        };
        let mut bytes = std::mem::replace(&mut self.bytes, Text::Owned(Vec::new())).into_owned();
        let holes = spliced
            .changes(&bytes)
            .filter(|holes| holes.len() <= MOST_HOLES_MOVED);
        if let Some(holes) = holes {
            // Room for exactly what the file grew by, and a little more: growing by doubling
            // would hold two copies of a large file for a moment.
            let more = spliced.len.saturating_sub(bytes.len());
            if more > bytes.capacity() - bytes.len() {
                bytes.reserve_exact(more + (64 << 10));
            }
            for (range, text) in holes.into_iter().rev() {
                if range.len() == text.len() {
                    bytes[range].copy_from_slice(&text);
                } else {
                    bytes.splice(range, text);
                }
            }
        } else {
            let mut whole = Vec::with_capacity(spliced.len);
            for part in spliced.pieces_of(&bytes) {
                whole.extend_from_slice(part.unwrap_or_default());
            }
            bytes = whole;
        }
        self.bytes = Text::Owned(bytes);
        self.layout = spliced.layout;
    }
}

#[cfg(test)]
mod tests;
