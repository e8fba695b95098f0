//! Reading a file in the layout the writer makes, and nothing else: see the module comment
//! of `layout`. Every function here returns `None` at the first byte that is not what the
//! writer would have put there, and the careful reader takes over.

use chrono::NaiveDate;
use serde::Deserialize;

use super::slots::{self, Push, Slots};
use super::{BETWEEN, CLOSE, EMPTY, LINEAGE, Layout, NEXT, OPEN, PEOPLE, Places, Span, Writer};
use crate::core::dates::parse_iso;
use crate::core::parallel;
use crate::core::validate::promise_passes;
use crate::core::{
    Direction, Ledger, Level, Person, PersonId, Promise, PromiseId, Settings, Status, Timestamp,
    Tombstone, Uid,
};

/// The fields before the people, read with serde_json (the settings hold fractions).
#[derive(Deserialize)]
struct Head {
    format: String,
    version: u32,
    settings: Settings,
    next_person_id: PersonId,
    next_promise_id: PromiseId,
}

/// The ledger in `bytes` and, with [`Places::Kept`], where its records lie, if the bytes have
/// exactly the shape the writer gives a ledger. The ledger is only read:
/// `Ledger::check_in_order` then checks it as it stands (records in number order, counters
/// past every number, tombstones by uid), so that its bytes are the writer's for it.
pub(crate) fn read(bytes: &[u8], places: Places) -> Option<(Ledger, Option<Layout>)> {
    let (mut ledger, head_len) = head(bytes)?;
    let mut at = Cursor {
        bytes,
        at: head_len,
        days: Days::new(),
    };
    let (people, people_spans) = at.list(
        estimate(bytes.len(), ledger.next_person_id.0, 300),
        Cursor::person,
        |p| (p.id.0, p.uid),
    )?;
    at.lit(BETWEEN)?;
    let (promises, promise_spans) = if at.lit(EMPTY).is_some() {
        (Vec::new(), Vec::new())
    } else {
        at.lit(OPEN)?;
        let room = estimate(bytes.len(), ledger.next_promise_id.0, 340);
        let people: Vec<PersonId> = people.iter().map(|p| p.id).collect();
        let (promises, spans, end) = promises(bytes, at.at, room, &people, places)?;
        at.at = end;
        at.lit(CLOSE)?;
        (promises, spans)
    };
    at.lit(b",\n  \"tombstones\": ")?;
    let (tombstones, _) = at.list(0, Cursor::tombstone, |t| (0, t.uid))?;
    let lineage = match at.lit(LINEAGE) {
        Some(()) => at.lineage()?,
        None => Vec::new(),
    };
    at.lit(b"\n}\n")?;
    if at.at != bytes.len() {
        return None;
    }
    ledger.people = people;
    ledger.promises = promises;
    ledger.tombstones = tombstones;
    ledger.lineage = lineage;
    let layout = (places == Places::Kept).then_some(Layout {
        people: people_spans,
        promises: promise_spans,
    });
    Some((ledger, layout))
}

/// What stands between two promises and nowhere else, as no string holds a raw line break:
/// where a part of the promises can begin.
const BETWEEN_PROMISES: &[u8] = b"\n    },\n    {\n      \"id\": ";

/// The promises from `start`, where the first one begins, to the end of the last, read in
/// parts on several cores when there are many. Each part but the first begins where a
/// promise does and each but the last must end exactly where the next begins, so the parts
/// read exactly what one pass would. Each promise is checked as it is read
/// ([`promise_passes`]), against the numbers of the `people`. Returns where the last promise
/// ends. Where each promise lies is kept only with [`Places::Kept`] (else the list is empty).
fn promises(
    bytes: &[u8],
    start: usize,
    room: usize,
    people: &[PersonId],
    places: Places,
) -> Option<(Vec<Promise>, Vec<Span>, usize)> {
    let parts = parallel::parts(bytes.len().saturating_sub(start), 1 << 20);
    promises_in_parts(bytes, start, room, people, parts, places)
}

/// [`promises`] in (at most) `parts` parts.
fn promises_in_parts(
    bytes: &[u8],
    start: usize,
    room: usize,
    people: &[PersonId],
    parts: usize,
    places: Places,
) -> Option<(Vec<Promise>, Vec<Span>, usize)> {
    let mut starts = vec![start];
    for k in 1..parts {
        let target = start + (bytes.len() - start) / parts * k;
        let found = bytes
            .get(target..)?
            .windows(BETWEEN_PROMISES.len())
            .position(|w| w == BETWEEN_PROMISES);
        // The `{` of the promise after the break.
        if let Some(at) = found.map(|at| target + at + 8)
            && at > starts[starts.len() - 1]
        {
            starts.push(at);
        }
    }
    let ends: Vec<Option<usize>> = starts
        .iter()
        .skip(1)
        .map(|s| Some(*s))
        .chain([None])
        .collect();
    // Parts cut by bytes hold about as many promises each, not exactly: each has room for a
    // sixteenth more than its share (and keeps what is past that in a list of its own), in
    // one list for all, so that no part's list is copied into another's (pages never written
    // cost nothing).
    let parts = starts.len();
    let share = room / parts;
    let share = share + share / 16 + 1;
    let mut promises = Vec::with_capacity(share * parts);
    let kept = places == Places::Kept;
    let mut spans = Vec::with_capacity(if kept { share * parts } else { 0 });
    let span_stretches: Vec<Spans<'_>> = if kept {
        (slots::stretches(&mut spans, parts, share).into_iter())
            .map(Spans::Kept)
            .collect()
    } else {
        (0..parts).map(|_| Spans::Dropped).collect()
    };
    let stretches = slots::stretches(&mut promises, parts, share)
        .into_iter()
        .zip(span_stretches)
        .zip(starts.iter().zip(&ends));
    let done: Vec<_> = if parts == 1 {
        stretches
            .map(|((promises, spans), (from, to))| part(bytes, people, *from, *to, promises, spans))
            .collect()
    } else {
        std::thread::scope(|scope| {
            let running: Vec<_> = stretches
                .map(|((promises, spans), (from, to))| {
                    parallel::start(scope, move || {
                        part(bytes, people, *from, *to, promises, spans)
                    })
                })
                .collect();
            parallel::joined(running).collect()
        })
    };
    // Any part's fault drops every part's stretches, and the records they hold with them.
    let done: Vec<_> = done.into_iter().collect::<Option<_>>()?;
    let end = done.last().map(|(_, _, end)| *end)?;
    let (filled_promises, filled_spans): (Vec<_>, Vec<_>) = done
        .into_iter()
        .map(|(promises, spans, _)| (promises.filled(), spans.filled()))
        .unzip();
    // SAFETY: what each of the two lists' stretches held, in order, cut with this `share`
    // (the places only where they were kept, every part's then).
    unsafe {
        slots::gather(&mut promises, filled_promises, share);
        if kept {
            slots::gather(
                &mut spans,
                filled_spans.into_iter().flatten().collect(),
                share,
            );
        }
    }
    Some((promises, spans, end))
}

/// Where one part puts the places of its promises: its stretch of the list, or nowhere, for
/// a command that only shows the ledger (a hundred thousand places are a thousand pages of
/// memory, and a fresh page costs about 2 µs on a virtual machine: docs/PERFORMANCE.md).
enum Spans<'s> {
    Kept(Slots<'s, Span>),
    Dropped,
}

impl Push<Span> for Spans<'_> {
    fn push(&mut self, span: Span) {
        if let Spans::Kept(slots) = self {
            slots.push(span);
        }
    }
}

impl Spans<'_> {
    /// What [`Slots::filled`] says of a stretch kept.
    fn filled(self) -> Option<slots::Filled<Span>> {
        match self {
            Spans::Kept(slots) => Some(slots.filled()),
            Spans::Dropped => None,
        }
    }
}

/// The promises of one part, from `from` up to `to` (the next part's start), into its
/// stretches of the lists; and where the last ends.
fn part<'s>(
    bytes: &[u8],
    people: &[PersonId],
    from: usize,
    to: Option<usize>,
    mut promises: Slots<'s, Promise>,
    mut spans: Spans<'s>,
) -> Option<(Slots<'s, Promise>, Spans<'s>, usize)> {
    let mut at = Cursor {
        bytes,
        at: from,
        days: Days::new(),
    };
    let checked = |at: &mut Cursor<'_>| at.promise().filter(|p| promise_passes(p, people));
    at.records(&mut promises, &mut spans, checked, |p| (p.id.0, p.uid), to)?;
    Some((promises, spans, at.at))
}

/// How many records to make room for: what the counter says, but never more than the bytes
/// could hold, whatever the counter says.
fn estimate(len: usize, counter: u64, per_record: usize) -> usize {
    usize::try_from(counter)
        .unwrap_or(usize::MAX)
        .min(len / per_record)
}

/// The ledger's fields before the people, and where they end, if the bytes begin exactly as
/// the writer begins.
fn head(bytes: &[u8]) -> Option<(Ledger, usize)> {
    // The settings hold only numbers, and no string in the file holds a raw line break, so
    // the first `"people"` at the start of a line is the key of the people.
    let end = bytes.windows(PEOPLE.len()).position(|w| w == PEOPLE)?;
    let mut object = Vec::with_capacity(end + 2);
    object.extend_from_slice(&bytes[..end]);
    object.extend_from_slice(b"\n}");
    let head: Head = serde_json::from_slice(&object).ok()?;
    let ledger = Ledger {
        format: head.format,
        version: head.version,
        settings: head.settings,
        next_person_id: head.next_person_id,
        next_promise_id: head.next_promise_id,
        people: Vec::new(),
        promises: Vec::new(),
        tombstones: Vec::new(),
        lineage: Vec::new(),
    };
    let mut again = Writer::with_capacity(end + PEOPLE.len());
    again.head(&ledger);
    let len = again.out.len();
    (bytes.get(..len)? == again.out.as_slice()).then_some((ledger, len))
}

/// A place in the bytes, moved on only past what matched.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    days: Days,
}

/// Days already read, by their text: the few thousand days of a ledger stand in it hundreds
/// of thousands of times, and reading one is the dearest part of a record.
struct Days {
    slots: Vec<Option<([u8; 10], NaiveDate)>>,
}

impl Days {
    const SLOTS: usize = 4096;

    fn new() -> Days {
        Days {
            slots: vec![None; Days::SLOTS],
        }
    }

    /// The day `text` names, as [`parse_iso`] reads it.
    fn get(&mut self, text: &[u8]) -> Option<NaiveDate> {
        let key: [u8; 10] = text.try_into().ok()?;
        // The year's last digits, the month and the day tell most days apart.
        let mut tail = [0u8; 8];
        tail.copy_from_slice(&key[2..]);
        let hash = u64::from_le_bytes(tail).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52;
        let slot = usize::try_from(hash).ok()? % Days::SLOTS;
        if let Some((known, day)) = self.slots[slot]
            && known == key
        {
            return Some(day);
        }
        let day = parse_iso(std::str::from_utf8(&key).ok()?)?;
        self.slots[slot] = Some((key, day));
        Some(day)
    }
}

impl<'a> Cursor<'a> {
    /// These very bytes.
    #[inline]
    fn lit(&mut self, lit: &[u8]) -> Option<()> {
        let end = self.at.checked_add(lit.len())?;
        if self.bytes.get(self.at..end)? == lit {
            self.at = end;
            Some(())
        } else {
            None
        }
    }

    /// A list of records as the writer writes them, and where each lies.
    fn list<T>(
        &mut self,
        room: usize,
        record: impl Fn(&mut Cursor<'a>) -> Option<T>,
        key: impl Fn(&T) -> (u64, Uid),
    ) -> Option<(Vec<T>, Vec<Span>)> {
        if self.lit(EMPTY).is_some() {
            return Some((Vec::new(), Vec::new()));
        }
        self.lit(OPEN)?;
        let mut records = Vec::with_capacity(room);
        let mut spans = Vec::with_capacity(room);
        self.records(&mut records, &mut spans, record, key, None)?;
        self.lit(CLOSE)?;
        Some((records, spans))
    }

    /// Records one after the other into `records`, and where each lies into `spans`: up to
    /// the end of the list, or with `stop`, up to that place exactly, where the next record
    /// begins.
    fn records<T>(
        &mut self,
        records: &mut impl Push<T>,
        spans: &mut impl Push<Span>,
        record: impl Fn(&mut Cursor<'a>) -> Option<T>,
        key: impl Fn(&T) -> (u64, Uid),
        stop: Option<usize>,
    ) -> Option<()> {
        loop {
            let start = self.at;
            let r = record(self)?;
            let (id, uid) = key(&r);
            spans.push(Span {
                id,
                uid,
                start,
                end: self.at,
            });
            records.push(r);
            if self.lit(NEXT).is_none() {
                // The end of the list; a part that should end at the next one ends short.
                return stop.is_none().then_some(());
            }
            match stop {
                Some(stop) if self.at == stop => return Some(()),
                Some(stop) if self.at > stop => return None,
                _ => {}
            }
        }
    }

    fn person(&mut self) -> Option<Person> {
        self.lit(b"    {\n      \"id\": ")?;
        let id = PersonId(self.number()?);
        self.lit(b",\n      \"uid\": ")?;
        let uid = self.uid()?;
        self.lit(b",\n      \"handle\": ")?;
        let handle = self.string()?;
        self.lit(b",\n      \"name\": ")?;
        let name = self.string()?;
        self.lit(b",\n      \"role\": ")?;
        let role = self.string()?;
        self.lit(b",\n      \"note\": ")?;
        let note = self.string()?;
        self.lit(b",\n      \"created\": ")?;
        let created = self.day()?;
        self.lit(b",\n      \"archived\": ")?;
        let archived = self.boolean()?;
        self.lit(b",\n      \"changed\": ")?;
        let changed = self.time()?;
        let cadence_days = match self.lit(b",\n      \"cadence_days\": ") {
            Some(()) => Some(u32::try_from(self.number()?).ok()?),
            None => None,
        };
        let last_prep = match self.lit(b",\n      \"last_prep\": ") {
            Some(()) => Some(self.day()?),
            None => None,
        };
        self.lit(b"\n    }")?;
        Some(Person {
            id,
            uid,
            handle,
            name,
            role,
            note,
            created,
            archived,
            changed,
            cadence_days,
            last_prep,
        })
    }

    fn promise(&mut self) -> Option<Promise> {
        self.lit(b"    {\n      \"id\": ")?;
        let id = PromiseId(self.number()?);
        self.lit(b",\n      \"uid\": ")?;
        let uid = self.uid()?;
        self.lit(b",\n      \"person\": ")?;
        let person = PersonId(self.number()?);
        self.lit(b",\n      \"direction\": ")?;
        let direction = self.one_of(&[
            (b"\"theirs\"", Direction::Theirs),
            (b"\"mine\"", Direction::Mine),
        ])?;
        self.lit(b",\n      \"level\": ")?;
        let level = self.one_of(&[
            (b"\"task\"", Level::Task),
            (b"\"result\"", Level::Result),
            (b"\"impact\"", Level::Impact),
        ])?;
        self.lit(b",\n      \"what\": ")?;
        let what = self.string()?;
        self.lit(b",\n      \"made\": ")?;
        let made = self.day()?;
        self.lit(b",\n      \"due\": ")?;
        let due = self.maybe_day()?;
        self.lit(b",\n      \"status\": ")?;
        let status = self.one_of(&[
            (b"\"open\"", Status::Open),
            (b"\"kept\"", Status::Kept),
            (b"\"kept_late\"", Status::KeptLate),
            (b"\"released\"", Status::Released),
            (b"\"broken\"", Status::Broken),
        ])?;
        self.lit(b",\n      \"resolved\": ")?;
        let resolved = self.maybe_day()?;
        self.lit(b",\n      \"note\": ")?;
        let note = self.string()?;
        self.lit(b",\n      \"changed\": ")?;
        let changed = self.time()?;
        self.lit(b"\n    }")?;
        Some(Promise {
            id,
            uid,
            person,
            direction,
            level,
            what,
            made,
            due,
            status,
            resolved,
            note,
            changed,
        })
    }

    fn tombstone(&mut self) -> Option<Tombstone> {
        self.lit(b"    {\n      \"uid\": ")?;
        let uid = self.uid()?;
        self.lit(b",\n      \"deleted\": ")?;
        let deleted = self.time()?;
        let into = match self.lit(b",\n      \"into\": ") {
            Some(()) => Some(self.uid()?),
            None => None,
        };
        self.lit(b"\n    }")?;
        Some(Tombstone { uid, deleted, into })
    }

    /// The ids of the last saves, as the writer writes them: never an empty list.
    fn lineage(&mut self) -> Option<Vec<String>> {
        self.lit(OPEN)?;
        let mut ids = Vec::new();
        loop {
            self.lit(b"    ")?;
            ids.push(self.string()?);
            if self.lit(NEXT).is_none() {
                break;
            }
        }
        self.lit(CLOSE)?;
        Some(ids)
    }

    /// A whole number as the writer writes one: digits, no leading zero, no sign.
    fn number(&mut self) -> Option<u64> {
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(&b) = self.bytes.get(self.at) {
            if !b.is_ascii_digit() {
                break;
            }
            n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            self.at += 1;
        }
        let digits = self.at - start;
        (digits == 1 || (digits > 1 && self.bytes[start] != b'0')).then_some(n)
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.lit(b"true").is_some() {
            Some(true)
        } else {
            self.lit(b"false").map(|()| false)
        }
    }

    /// Exactly `len` bytes between quotes.
    fn quoted(&mut self, len: usize) -> Option<&'a [u8]> {
        let start = self.at.checked_add(1)?;
        let end = start.checked_add(len)?;
        if self.bytes.get(self.at) != Some(&b'"') || self.bytes.get(end) != Some(&b'"') {
            return None;
        }
        self.at = end + 1;
        self.bytes.get(start..end)
    }

    /// The value of the first of `choices` whose text comes next.
    fn one_of<T: Copy>(&mut self, choices: &[(&[u8], T)]) -> Option<T> {
        choices
            .iter()
            .find_map(|(text, value)| self.lit(text).map(|()| *value))
    }

    /// A uid as the writer writes it: hyphenated, in lower case.
    fn uid(&mut self) -> Option<Uid> {
        let text = self.quoted(uuid::fmt::Hyphenated::LENGTH)?;
        lower_hyphenated(text).map(|n| Uid(uuid::Uuid::from_u128(n)))
    }

    /// A day `YYYY-MM-DD`, in the years the careful reader takes too.
    fn day(&mut self) -> Option<NaiveDate> {
        let text = self.quoted(10)?;
        self.days.get(text)
    }

    fn maybe_day(&mut self) -> Option<Option<NaiveDate>> {
        if self.lit(b"null").is_some() {
            Some(None)
        } else {
            self.day().map(Some)
        }
    }

    /// A time `YYYY-MM-DDTHH:MM:SSZ` in the years 1 to 9999, without a leap second.
    fn time(&mut self) -> Option<Timestamp> {
        let t = self.quoted(20)?;
        let two = |from: usize| -> Option<u32> {
            let (tens, ones) = (t[from], t[from + 1]);
            (tens.is_ascii_digit() && ones.is_ascii_digit())
                .then(|| u32::from(tens - b'0') * 10 + u32::from(ones - b'0'))
        };
        if [(10, b'T'), (13, b':'), (16, b':'), (19, b'Z')]
            .iter()
            .any(|(i, c)| t[*i] != *c)
        {
            return None;
        }
        let at = self
            .days
            .get(&t[..10])?
            .and_hms_opt(two(11)?, two(14)?, two(17)?)?
            .and_utc();
        Some(Timestamp::new(at))
    }

    /// A string: raw UTF-8 but for `\"` and `\\`, the only escapes the writer uses for text
    /// without control characters (which no text in a sound file has).
    fn string(&mut self) -> Option<String> {
        self.lit(b"\"")?;
        let rest = self.bytes.get(self.at..)?;
        let end = special(rest)?;
        if rest[end] == b'"' {
            // Copied before it is checked: a mapped file can change under the reader.
            let text = String::from_utf8(rest[..end].to_vec()).ok()?;
            self.at += end + 1;
            return Some(text);
        }
        let mut text = Vec::with_capacity(end + 16);
        let mut from = 0;
        loop {
            let at = from + special(&rest[from..])?;
            text.extend_from_slice(&rest[from..at]);
            match (rest[at], rest.get(at + 1)) {
                (b'"', _) => {
                    self.at += at + 1;
                    return String::from_utf8(text).ok();
                }
                (b'\\', Some(&c)) if c == b'"' || c == b'\\' => {
                    text.push(c);
                    from = at + 2;
                }
                _ => return None,
            }
        }
    }
}

/// The number a uid's text writes, if it is written as the writer writes one: 8, 4, 4, 4 and
/// 12 lower-case hex digits with a hyphen between each group. Eight digits at a time, where
/// checking the case and then parsing took three passes over the bytes: a uid is read for
/// every record of every ledger loaded.
fn lower_hyphenated(text: &[u8]) -> Option<u128> {
    let text: &[u8; 36] = text.try_into().ok()?;
    if [8, 13, 18, 23].iter().any(|&at| text[at] != b'-') {
        return None;
    }
    let four = |at: usize| {
        let mut bytes = [0u8; 4];
        bytes.copy_from_slice(&text[at..at + 4]);
        u64::from(u32::from_le_bytes(bytes))
    };
    let words = [
        four(0) | four(4) << 32,
        four(9) | four(14) << 32,
        four(19) | four(24) << 32,
        four(28) | four(32) << 32,
    ];
    words.iter().try_fold(0u128, |n, &word| {
        hex8(word).map(|digits| (n << 32) | u128::from(digits))
    })
}

/// The number eight lower-case hex digits write, given as a word of their bytes, the first
/// lowest (as they lie in memory), or `None` where a byte is not such a digit.
fn hex8(word: u64) -> Option<u32> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // Each byte below 0x80, so that adding to it cannot carry into the next; then a byte's
    // high bit is set by adding 0x80 - `low` where it is `low` or more, and by adding 0x7f -
    // `high` where it is above `high`.
    if word & HIGH != 0 {
        return None;
    }
    let within = |low: u8, high: u8| {
        (word + ONES * u64::from(0x80 - low)) & !(word + ONES * u64::from(0x7f - high))
    };
    if (within(b'0', b'9') | within(b'a', b'f')) & HIGH != HIGH {
        return None;
    }
    // '0' to '9' are 0x30 to 0x39, 'a' to 'f' 0x61 to 0x66: the low four bits, plus 9 where
    // the 0x40 bit says a letter.
    let nibbles = (word & (ONES * 0x0f)) + 9 * ((word >> 6) & ONES);
    // Side by side into bytes, bytes into pairs, pairs into the whole, the first digit
    // highest.
    let bytes = ((nibbles & 0x000f_000f_000f_000f) << 4) | ((nibbles >> 8) & 0x000f_000f_000f_000f);
    let pairs = ((bytes & 0x0000_00ff_0000_00ff) << 8) | ((bytes >> 16) & 0x0000_00ff_0000_00ff);
    let whole = ((pairs & 0xffff) << 16) | ((pairs >> 32) & 0xffff);
    u32::try_from(whole).ok()
}

/// The first `"`, `\` or control character in `bytes`, eight bytes at a time.
fn special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is flagged when it is zero (or, for `below`, under 0x20); flags can be
    // wrong only above a right one, so the lowest flag is always right.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let below = w.wrapping_sub(ONES * 0x20) & !w;
        let found =
            (zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\'))) | below)
                & HIGH;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|at| i + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A uid in the writer's text is read as `uuid` reads it; the same text in upper
        /// case anywhere, with a byte not a hex digit, or with a hyphen moved, is not read.
        #[test]
        fn a_uid_is_read_as_written_and_nothing_else(
            n in proptest::num::u128::ANY,
            at in 0usize..36,
            other in proptest::num::u8::ANY,
        ) {
            let uuid = uuid::Uuid::from_u128(n);
            let text = uuid.hyphenated().to_string();
            proptest::prop_assert_eq!(lower_hyphenated(text.as_bytes()), Some(n));
            let mut changed = text.clone().into_bytes();
            changed[at] = other;
            let parsed = std::str::from_utf8(&changed)
                .ok()
                .and_then(|t| uuid::Uuid::try_parse(t).ok())
                .filter(|u| u.hyphenated().to_string().as_bytes() == changed.as_slice());
            proptest::prop_assert_eq!(lower_hyphenated(&changed), parsed.map(|u| u.as_u128()));
            proptest::prop_assert_eq!(lower_hyphenated(&text.as_bytes()[1..]), None);
        }
    }

    #[test]
    fn the_promises_read_in_parts_are_those_read_in_one() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
        let ledger = crate::core::generate::realistic(30, 3_000, today, 9);
        let (bytes, layout) = super::super::write(&ledger);
        let start = layout.promises[0].start;
        let people: Vec<PersonId> = ledger.people.iter().map(|p| p.id).collect();
        let whole = promises_in_parts(&bytes, start, 0, &people, 1, Places::Kept).unwrap();
        assert_eq!(whole.0, ledger.promises);
        assert_eq!(whole.1, layout.promises);
        // Room for every promise, with parts' shares filled in place; for a few only, with
        // most of every part's past its share.
        for (room, parts) in [3_000, 10]
            .into_iter()
            .flat_map(|r| [2, 3, 7, 1_000].map(|p| (r, p)))
        {
            assert_eq!(
                promises_in_parts(&bytes, start, room, &people, parts, Places::Kept),
                Some(whole.clone()),
                "{room} {parts}"
            );
            // Without their places, the same promises, and no places at all.
            let (promises, spans, end) =
                promises_in_parts(&bytes, start, room, &people, parts, Places::Dropped).unwrap();
            assert!(promises == whole.0, "{room} {parts}");
            assert!(spans.is_empty() && spans.capacity() == 0, "{room} {parts}");
            assert_eq!(end, whole.2);
        }
    }

    /// Each promise is checked as it is read, in whichever part it is: one of a person the
    /// file does not hold, or with a text no command lets in, sends the file the careful way.
    #[test]
    fn a_promise_that_fails_its_checks_is_not_read() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
        let mut ledger = crate::core::generate::realistic(30, 3_000, today, 9);
        let (bytes, _) = super::super::write(&ledger);
        assert!(read(&bytes, Places::Kept).is_some());
        let last = ledger.promises.len() - 1;
        ledger.promises[last].person = PersonId(9_999);
        let (bytes, _) = super::super::write(&ledger);
        assert!(read(&bytes, Places::Dropped).is_none());
        ledger.promises[last].person = ledger.promises[0].person;
        ledger.promises[last].what = "evil \u{202e}txt.exe".to_string();
        let (bytes, _) = super::super::write(&ledger);
        assert!(read(&bytes, Places::Dropped).is_none());
    }
}
