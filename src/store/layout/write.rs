//! Writing a ledger in the file's layout: the bytes `serde_json::to_writer_pretty` makes of
//! it and a line break, written field by field (the settings, the one part with fractions,
//! still go through serde_json), with the place of each record.

use std::io::Write as _;

use chrono::{Datelike, NaiveDate, Timelike};
use serde::Serialize;

use super::{BETWEEN, CLOSE, EMPTY, LINEAGE, Layout, NEXT, OPEN, PEOPLE, Span};
use crate::core::dates::Iso;
use crate::core::{
    Ledger, Person, PersonId, Promise, PromiseId, Settings, Timestamp, Tombstone, Uid,
};

/// The fields before the people, in the order the ledger has them.
#[derive(Serialize)]
struct Head<'a> {
    format: &'a str,
    version: u32,
    settings: &'a Settings,
    next_person_id: PersonId,
    next_promise_id: PromiseId,
}

/// The whole file and where its records lie.
pub(crate) fn write(ledger: &Ledger) -> (Vec<u8>, Layout) {
    // About what a promise takes, so the buffer rarely grows.
    let mut w =
        Writer::with_capacity(2048 + ledger.people.len() * 320 + ledger.promises.len() * 380);
    w.head(ledger);
    let people = w.list(&ledger.people, |p| (p.id.0, p.uid), Writer::person);
    w.raw(BETWEEN);
    let promises = w.list(&ledger.promises, |p| (p.id.0, p.uid), Writer::promise);
    w.tail(ledger);
    (w.out, Layout { people, promises })
}

/// Bytes being written in the file's layout.
pub(crate) struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    pub fn with_capacity(capacity: usize) -> Writer {
        Writer {
            out: Vec::with_capacity(capacity),
        }
    }

    /// `{`, the fields before the people, and `"people": `.
    pub fn head(&mut self, ledger: &Ledger) {
        let head = Head {
            format: &ledger.format,
            version: ledger.version,
            settings: &ledger.settings,
            next_person_id: ledger.next_person_id,
            next_promise_id: ledger.next_promise_id,
        };
        let start = self.out.len();
        // Plain data with string keys always serializes.
        if serde_json::to_writer_pretty(&mut self.out, &head).is_err() {
            unreachable!("the head of a ledger always serializes");
        }
        // Without its closing `\n}`: the object goes on with the people.
        let end = self.out.len().saturating_sub(2).max(start);
        self.out.truncate(end);
        self.raw(PEOPLE);
    }

    /// The tombstones, the lineage and the end of the document.
    pub fn tail(&mut self, ledger: &Ledger) {
        self.raw(b",\n  \"tombstones\": ");
        self.list(&ledger.tombstones, |t| (0, t.uid), Writer::tombstone);
        if !ledger.lineage.is_empty() {
            self.raw(LINEAGE);
            self.raw(OPEN);
            for (i, id) in ledger.lineage.iter().enumerate() {
                if i > 0 {
                    self.raw(NEXT);
                }
                self.raw(b"    ");
                self.string(id);
            }
            self.raw(CLOSE);
        }
        self.raw(b"\n}\n");
    }

    /// A list of records, with the place of each.
    fn list<T>(
        &mut self,
        records: &[T],
        key: impl Fn(&T) -> (u64, Uid),
        write: impl Fn(&mut Writer, &T),
    ) -> Vec<Span> {
        if records.is_empty() {
            self.raw(EMPTY);
            return Vec::new();
        }
        let mut spans = Vec::with_capacity(records.len());
        self.raw(OPEN);
        for (i, record) in records.iter().enumerate() {
            if i > 0 {
                self.raw(NEXT);
            }
            let start = self.out.len();
            write(self, record);
            let (id, uid) = key(record);
            spans.push(Span {
                id,
                uid,
                start,
                end: self.out.len(),
            });
        }
        self.raw(CLOSE);
        spans
    }

    pub fn person(&mut self, p: &Person) {
        self.raw(b"    {\n      \"id\": ");
        self.number(p.id.0);
        self.raw(b",\n      \"uid\": ");
        self.uid(p.uid);
        self.raw(b",\n      \"handle\": ");
        self.string(&p.handle);
        self.raw(b",\n      \"name\": ");
        self.string(&p.name);
        self.raw(b",\n      \"role\": ");
        self.string(&p.role);
        self.raw(b",\n      \"note\": ");
        self.string(&p.note);
        self.raw(b",\n      \"created\": ");
        self.day(p.created);
        self.raw(b",\n      \"archived\": ");
        self.raw(if p.archived { b"true" } else { b"false" });
        self.raw(b",\n      \"changed\": ");
        self.time(p.changed);
        if let Some(days) = p.cadence_days {
            self.raw(b",\n      \"cadence_days\": ");
            self.number(u64::from(days));
        }
        if let Some(day) = p.last_prep {
            self.raw(b",\n      \"last_prep\": ");
            self.day(day);
        }
        self.raw(b"\n    }");
    }

    pub fn promise(&mut self, p: &Promise) {
        self.raw(b"    {\n      \"id\": ");
        self.number(p.id.0);
        self.raw(b",\n      \"uid\": ");
        self.uid(p.uid);
        self.raw(b",\n      \"person\": ");
        self.number(p.person.0);
        self.raw(b",\n      \"direction\": \"");
        self.raw(p.direction.as_str().as_bytes());
        self.raw(b"\",\n      \"level\": \"");
        self.raw(p.level.as_str().as_bytes());
        self.raw(b"\",\n      \"what\": ");
        self.string(&p.what);
        self.raw(b",\n      \"made\": ");
        self.day(p.made);
        self.raw(b",\n      \"due\": ");
        self.maybe_day(p.due);
        self.raw(b",\n      \"status\": \"");
        self.raw(p.status.as_str().as_bytes());
        self.raw(b"\",\n      \"resolved\": ");
        self.maybe_day(p.resolved);
        self.raw(b",\n      \"note\": ");
        self.string(&p.note);
        self.raw(b",\n      \"changed\": ");
        self.time(p.changed);
        self.raw(b"\n    }");
    }

    fn tombstone(&mut self, t: &Tombstone) {
        self.raw(b"    {\n      \"uid\": ");
        self.uid(t.uid);
        self.raw(b",\n      \"deleted\": ");
        self.time(t.deleted);
        if let Some(into) = t.into {
            self.raw(b",\n      \"into\": ");
            self.uid(into);
        }
        self.raw(b"\n    }");
    }

    pub fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn number(&mut self, n: u64) {
        self.raw(itoa::Buffer::new().format(n).as_bytes());
    }

    /// Two digits of a number below 100.
    fn two(&mut self, n: u32) {
        // Below 100, so both are digits.
        self.raw(&[b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8]);
    }

    fn uid(&mut self, uid: Uid) {
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        let text = uid.0.hyphenated().encode_lower(&mut text);
        self.raw(b"\"");
        self.raw(text.as_bytes());
        self.raw(b"\"");
    }

    /// A day as chrono writes it, and so serde_json: `YYYY-MM-DD` for the years 0 to 9999.
    fn day(&mut self, day: NaiveDate) {
        self.raw(b"\"");
        self.raw(Iso::new(day).as_bytes());
        self.raw(b"\"");
    }

    fn maybe_day(&mut self, day: Option<NaiveDate>) {
        match day {
            Some(day) => self.day(day),
            None => self.raw(b"null"),
        }
    }

    /// A time as [`Timestamp`] writes it: `YYYY-MM-DDTHH:MM:SSZ`.
    fn time(&mut self, time: Timestamp) {
        let at = time.at().naive_utc();
        let (day, clock) = (at.date(), at.time());
        match u32::try_from(day.year()) {
            Ok(year) if year <= 9999 && clock.nanosecond() == 0 => {
                self.raw(b"\"");
                self.raw(Iso::new(day).as_bytes());
                self.raw(b"T");
                self.two(clock.hour());
                self.raw(b":");
                self.two(clock.minute());
                self.raw(b":");
                self.two(clock.second());
                self.raw(b"Z\"");
            }
            _ => {
                let _ = write!(self.out, "\"{time}\"");
            }
        }
    }

    /// A string as serde_json writes it: `"` and `\` escaped with a backslash, control
    /// characters as `\n`-style or `\u00XX` escapes, everything else as it is.
    fn string(&mut self, text: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.raw(b"\"");
        let bytes = text.as_bytes();
        let mut from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape = ESCAPE[usize::from(b)];
            if escape == 0 {
                continue;
            }
            self.raw(&bytes[from..i]);
            if escape == b'u' {
                self.raw(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ]);
            } else {
                self.raw(&[b'\\', escape]);
            }
            from = i + 1;
        }
        self.raw(&bytes[from..]);
        self.raw(b"\"");
    }
}

/// serde_json's escapes: for each byte, the letter after the backslash, `u` for `\u00XX`, or 0
/// where the byte stands for itself.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};
