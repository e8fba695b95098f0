//! The checks a ledger read from a file must pass before anything uses it. A hand-edited or
//! damaged file is refused with the JSON path of the first fault and the record it is in,
//! rather than scored wrongly or written back worse. Its texts follow the rules of input
//! (`core::text`), so nothing input refuses enters by the file.

use std::collections::HashSet;

use super::ledger::{FORMAT_NAME, Ledger};
use super::model::{Person, PersonId, Promise, PromiseId, Uid};
use super::text::{self, MAX_HANDLE, MAX_NAME, MAX_NOTE, MAX_WHAT, TextError};

/// A fault in a loaded ledger: the JSON path of the value, and what is wrong with it.
pub type Fault = (String, String);

/// What a ledger that loads holds that no command makes, said by `check` rather than
/// refused on load: a file edited by hand may hold it, and refusing it would stop every
/// command, where each can still be put right with one. A promise resolved before the day it
/// was made is one: every command refuses to record that outcome, and its reopen does not.
pub fn warnings(ledger: &Ledger) -> Vec<String> {
    ledger
        .promises
        .iter()
        .filter_map(|p| {
            let on = p.resolved.filter(|on| *on < p.made)?;
            Some(format!(
                "promise #{} was {} on {on}, before it was made ({}), which no command records (a file edited by hand?): `trustladder reopen {}`, then give it its outcome again on a day from {} on",
                p.id,
                p.status.label(),
                p.made,
                p.id,
                p.made
            ))
        })
        .collect()
}

impl Ledger {
    /// The format's name and the settings: what every check of a ledger starts with, in the
    /// same words whichever way the ledger came.
    fn check_head(&self) -> Result<(), Fault> {
        if self.format != FORMAT_NAME {
            return Err((
                "$.format".into(),
                format!("is {:?}, not \"{FORMAT_NAME}\"", self.format),
            ));
        }
        if let Some(problem) = self.settings.problem() {
            return Err(("$.settings".into(), problem));
        }
        Ok(())
    }

    /// Checks the invariants a loaded file must meet. Sorting and missing number counters are
    /// repaired first, since that loses nothing.
    pub fn normalize_and_check(&mut self) -> Result<(), Fault> {
        self.check_head()?;
        // The checks run on the sorted lists; a fault names its record's place in the file,
        // where the one fixing it by hand looks.
        let places = [
            ("people", sort_by(&mut self.people, |p| p.id)),
            ("promises", sort_by(&mut self.promises, |p| p.id)),
            // A fixed order, so the same ledger is the same bytes on every machine.
            ("tombstones", sort_by(&mut self.tombstones, |t| t.uid)),
        ];
        let checked = check_numbers(self)
            .and_then(|()| check_people(self))
            .and_then(|()| check_promises(self))
            .and_then(|()| check_uids(self));
        checked.map_err(|(path, message)| (in_the_file(path, &places), message))?;
        let max_person = self.people.last().map_or(0, |p| p.id.0);
        let max_promise = self.promises.last().map_or(0, |p| p.id.0);
        self.next_person_id = self
            .next_person_id
            .max(PersonId(max_person.saturating_add(1)));
        self.next_promise_id = self
            .next_promise_id
            .max(PromiseId(max_promise.saturating_add(1)));
        Ok(())
    }
}

impl Ledger {
    /// The checks of [`Ledger::normalize_and_check`] for the records at these places only
    /// (a ledger in order, with its counters set, whose other records passed them before):
    /// each record on its own, its number between its neighbours', and its handle and uid
    /// used by no other record. A save of one change checks what it changed, not every
    /// record again.
    pub fn check_records(&self, people: &[usize], promises: &[usize]) -> Result<(), Fault> {
        self.check_head()?;
        let ids: Vec<PersonId> = self.people.iter().map(|p| p.id).collect();
        let numbers: Vec<u64> = ids.iter().map(|id| id.0).collect();
        for &i in people {
            let Some(p) = self.people.get(i) else {
                continue;
            };
            check_person(i, p)?;
            in_order(&numbers, i, self.next_person_id.0, "people")?;
            if self
                .people
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.handle == p.handle)
            {
                return Err(twice_handle(i, p));
            }
            self.check_uid_alone(p.uid, || format!("$.people[{i}].uid"))?;
        }
        let numbers: Vec<u64> = self.promises.iter().map(|p| p.id.0).collect();
        for &i in promises {
            let Some(p) = self.promises.get(i) else {
                continue;
            };
            check_promise(i, p, &ids)?;
            in_order(&numbers, i, self.next_promise_id.0, "promises")?;
            self.check_uid_alone(p.uid, || format!("$.promises[{i}].uid"))?;
        }
        self.check_tombstones_in_order()
    }

    /// Tombstones by uid, each once: the order every save writes.
    fn check_tombstones_in_order(&self) -> Result<(), Fault> {
        match self
            .tombstones
            .windows(2)
            .position(|w| w[0].uid >= w[1].uid)
        {
            Some(i) => Err((
                format!("$.tombstones[{}].uid", i + 1),
                "is out of order or used twice".into(),
            )),
            None => Ok(()),
        }
    }

    /// The checks of [`Ledger::normalize_and_check`] for a ledger that should be in order
    /// already (records by number, tombstones by uid, counters past every number), changing
    /// nothing: anything out of order is a fault too.
    pub fn check_in_order(&self) -> Result<(), Fault> {
        self.check_in_order_but_promises()?;
        check_promises(self)
    }

    /// [`Ledger::check_in_order`] but for each promise on its own ([`promise_passes`]), for a
    /// reader that checked each as it read it, on the core that read it.
    pub fn check_in_order_but_promises(&self) -> Result<(), Fault> {
        self.check_head()?;
        all_in_order(&self.people, |p| p.id.0, self.next_person_id.0, "people")?;
        all_in_order(
            &self.promises,
            |p| p.id.0,
            self.next_promise_id.0,
            "promises",
        )?;
        self.check_tombstones_in_order()?;
        check_people(self)?;
        check_uids(self)
    }

    /// That exactly one live record has `uid`, and no tombstone.
    fn check_uid_alone(&self, uid: Uid, at: impl Fn() -> String) -> Result<(), Fault> {
        let live = self.people.iter().filter(|p| p.uid == uid).count()
            + self.promises.iter().filter(|p| p.uid == uid).count();
        if live > 1 || self.tombstones.iter().any(|t| t.uid == uid) {
            return Err((at(), format!("{uid} is used twice")));
        }
        Ok(())
    }
}

/// Sorts `list` by `key`, keeping the file's order among equal keys, and returns the place in
/// the file of each sorted record, or `None` when the list was in order already.
fn sort_by<T, K: Ord>(list: &mut Vec<T>, key: impl Fn(&T) -> K) -> Option<Vec<usize>> {
    if list.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return None;
    }
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by_key(|&i| key(&list[i]));
    let mut taken: Vec<Option<T>> = std::mem::take(list).into_iter().map(Some).collect();
    *list = order.iter().filter_map(|&i| taken[i].take()).collect();
    Some(order)
}

/// `path` (`$.promises[3].id`) with the sorted place in it turned back into the place in the
/// file.
fn in_the_file(path: String, places: &[(&str, Option<Vec<usize>>)]) -> String {
    for (list, order) in places {
        let Some(order) = order else { continue };
        let Some(rest) = path.strip_prefix("$.").and_then(|r| r.strip_prefix(list)) else {
            continue;
        };
        let Some((index, tail)) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) else {
            continue;
        };
        if let Some(&place) = index.parse::<usize>().ok().and_then(|i| order.get(i)) {
            return format!("$.{list}[{place}]{tail}");
        }
    }
    path
}

/// That the number at `i` is above 0 and its left neighbour's, below its right neighbour's
/// and below the next number to hand out.
fn in_order(ids: &[u64], i: usize, next: u64, list: &str) -> Result<(), Fault> {
    let id = ids[i];
    let above = i.checked_sub(1).map_or(id > 0, |j| ids[j] < id);
    let below = ids.get(i + 1).is_none_or(|n| id < *n) && id < next;
    if above && below {
        Ok(())
    } else {
        Err((
            format!("$.{list}[{i}].id"),
            format!("{id} is out of order or used twice"),
        ))
    }
}

/// [`in_order`] for every record of `records`, numbered by `id`: a whole list in order is
/// told in one pass over neighbours, a few instructions a record where a call for each took
/// forty (4M instructions of a change's 30M on the main thread at 100,000 promises), and only
/// a list that is not is gone through again to name its first fault.
fn all_in_order<T>(
    records: &[T],
    id: impl Fn(&T) -> u64,
    next: u64,
    list: &str,
) -> Result<(), Fault> {
    let sound = records.first().is_none_or(|r| id(r) > 0)
        && records.windows(2).all(|w| id(&w[0]) < id(&w[1]))
        && records.last().is_none_or(|r| id(r) < next);
    if sound {
        return Ok(());
    }
    let ids: Vec<u64> = records.iter().map(id).collect();
    (0..ids.len()).try_for_each(|i| in_order(&ids, i, next, list))
}

/// An error at the first of `ids` (numbers of the `list` records) that is the largest u64.
fn none_largest(list: &str, mut ids: impl Iterator<Item = u64>) -> Result<(), Fault> {
    match ids.position(|id| id == u64::MAX) {
        Some(i) => Err((
            format!("$.{list}[{i}].id"),
            format!(
                "{} is the largest number there is; none can follow it",
                u64::MAX
            ),
        )),
        None => Ok(()),
    }
}

fn check_numbers(ledger: &Ledger) -> Result<(), Fault> {
    // Numbers are handed out from 1, so 0 is never one of them.
    if ledger.people.first().is_some_and(|p| p.id.0 == 0) {
        return Err((
            "$.people[0].id".into(),
            "0 is not a number people get".into(),
        ));
    }
    if ledger.promises.first().is_some_and(|p| p.id.0 == 0) {
        return Err((
            "$.promises[0].id".into(),
            "0 is not a number promises get".into(),
        ));
    }
    // The largest number has none after it to hand out next, which every number needs (and
    // a save's check of one record asks for).
    none_largest("people", ledger.people.iter().map(|p| p.id.0))?;
    none_largest("promises", ledger.promises.iter().map(|p| p.id.0))?;
    for (i, pair) in ledger.people.windows(2).enumerate() {
        if pair[0].id == pair[1].id {
            return Err((
                format!("$.people[{}].id", i + 1),
                format!("{} is used twice", pair[0].id),
            ));
        }
    }
    for (i, pair) in ledger.promises.windows(2).enumerate() {
        if pair[0].id == pair[1].id {
            return Err((
                format!("$.promises[{}].id", i + 1),
                format!("{} is used twice", pair[0].id),
            ));
        }
    }
    Ok(())
}

/// A text fault at `path`, with the record it is in.
fn text_fault(path: String, error: &TextError, record: &str) -> Fault {
    (path, format!("{error}, in {record}"))
}

fn check_people(ledger: &Ledger) -> Result<(), Fault> {
    let mut handles = HashSet::new();
    for (i, p) in ledger.people.iter().enumerate() {
        check_person(i, p)?;
        if !handles.insert(p.handle.as_str()) {
            return Err(twice_handle(i, p));
        }
    }
    Ok(())
}

fn twice_handle(i: usize, p: &Person) -> Fault {
    (
        format!("$.people[{i}].handle"),
        format!("{:?} is used twice", p.handle),
    )
}

/// What one person, at `i` in the file, must be on its own. A handle is lowercase, as every
/// handle made here is: one typed `Rob` by hand beside a new `rob` made two people that the
/// same word names, one of them by no word at all.
fn check_person(i: usize, p: &Person) -> Result<(), Fault> {
    let at = |field: &str| format!("$.people[{i}].{field}");
    if p.handle.is_empty()
        || p.handle.chars().count() > MAX_HANDLE
        || p.handle
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || text::is_invisible(c))
        || p.handle.to_lowercase() != p.handle
    {
        return Err((
            at("handle"),
            format!(
                "must be a lowercase slug of at most {MAX_HANDLE} characters, in person {}",
                p.id
            ),
        ));
    }
    for (field, value, max, needed) in [
        ("name", &p.name, MAX_NAME, true),
        ("role", &p.role, MAX_NAME, false),
        ("note", &p.note, MAX_NOTE, false),
    ] {
        text::check_stored(field, value, max, needed)
            .map_err(|e| text_fault(at(field), &e, &format!("person {} ({})", p.id, p.handle)))?;
    }
    if let Some(days) = p.cadence_days
        && !super::touch::cadence_fits(days)
    {
        return Err((
            at("cadence_days"),
            format!(
                "{days} is out of range (1 to {})",
                super::touch::MAX_CADENCE_DAYS
            ),
        ));
    }
    Ok(())
}

fn check_promises(ledger: &Ledger) -> Result<(), Fault> {
    // The people's numbers side by side: looked up for every promise, they stay in the cache.
    let people: Vec<PersonId> = ledger.people.iter().map(|p| p.id).collect();
    // In parts on several cores; the first fault in the file's order is the one named.
    super::parallel::map_parts(&ledger.promises, 20_000, |first, part| {
        part.iter()
            .enumerate()
            .try_for_each(|(k, p)| check_promise(first + k, p, &people))
    })
    .into_iter()
    .collect()
}

/// Whether a promise passes the checks a loaded file's promises must each pass on their own,
/// given the numbers of the people in order. A reader that reads the promises in parts on
/// several cores checks each as it reads it, while it is in the cache, rather than all of
/// them again on one core afterwards; the fault is named by reading the file again the
/// careful way.
pub fn promise_passes(p: &Promise, people: &[PersonId]) -> bool {
    check_promise(0, p, people).is_ok()
}

/// What one promise, at `i` in the file, must be, given the numbers of the people.
fn check_promise(i: usize, p: &Promise, people: &[PersonId]) -> Result<(), Fault> {
    for (field, value, max, needed) in [
        ("what", &p.what, MAX_WHAT, true),
        ("note", &p.note, MAX_NOTE, false),
    ] {
        // The record's name is made only for a fault: every promise is checked on load.
        text::check_stored(field, value, max, needed).map_err(|e| {
            let record = format!("promise #{}", p.id);
            text_fault(format!("$.promises[{i}].{field}"), &e, &record)
        })?;
    }
    if !is_among(people, p.person) {
        return Err((
            format!("$.promises[{i}].person"),
            format!("{} is not the id of any person", p.person),
        ));
    }
    if p.status.is_resolved() != p.resolved.is_some() {
        let why = if p.status.is_resolved() {
            format!("is missing; a {} promise needs its date", p.status)
        } else {
            "must be null while the promise is open".into()
        };
        return Err((format!("$.promises[{i}].resolved"), why));
    }
    Ok(())
}

/// Whether `id` is among the people's numbers, `people` in order: looked up where its
/// number says it is, as the ledger looks a record up, before the people are searched.
fn is_among(people: &[PersonId], id: PersonId) -> bool {
    super::ledger::index_of(people, id.0, |p| p.0).is_some()
}

/// Every uid names one record: no two live records share one, and no live record has a
/// tombstone (a record that came back has its tombstone removed). Together: no uid stands
/// twice among the records and the tombstones. Told on the uids folded to 64 bits (the two
/// halves of the 128 added together bit by bit): two uids that are one fold alike, a fault
/// or else one chance in billions, and only then, is the ledger gone through again, uid by
/// whole uid, to name the first fault.
fn check_uids(ledger: &Ledger) -> Result<(), Fault> {
    let number = |uid: Uid| {
        let (high, low) = uid.0.as_u64_pair();
        high ^ low
    };
    let folds = ledger
        .people
        .iter()
        .map(|p| number(p.uid))
        .chain(ledger.promises.iter().map(|p| number(p.uid)))
        .chain(ledger.tombstones.iter().map(|t| number(t.uid)));
    if any_twice(folds) {
        return first_uid_fault(ledger);
    }
    Ok(())
}

/// How far [`any_twice`] looks for a free place before it sorts instead: a file made to put
/// many uids in one place of its table costs a sort, not a pass per uid.
const MOST_PROBES: usize = 64;

/// Whether any of `numbers` stands twice. Folded uids are random, so their bits place them
/// in a table of twice their count, with no hashing: 2.4 times as fast as sorting them at
/// 100,000 records, the largest part of checking a ledger that a change waited for.
fn any_twice(numbers: impl Iterator<Item = u64> + Clone) -> bool {
    let bits = (numbers.clone().count() * 2)
        .next_power_of_two()
        .trailing_zeros()
        .max(4);
    let mask = (1usize << bits) - 1;
    // Zero marks a free place; a zero among the numbers is counted aside.
    let mut table = vec![0u64; 1 << bits];
    let mut zero = false;
    for n in numbers.clone() {
        if n == 0 {
            if zero {
                return true;
            }
            zero = true;
            continue;
        }
        let mut at = usize::try_from(n.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits))
            .unwrap_or_default()
            & mask;
        let mut probes = 0;
        loop {
            let place = &mut table[at];
            if *place == 0 {
                *place = n;
                break;
            }
            if *place == n {
                return true;
            }
            probes += 1;
            if probes > MOST_PROBES {
                let mut sorted: Vec<u64> = numbers.collect();
                sorted.sort_unstable();
                return sorted.windows(2).any(|w| w[0] == w[1]);
            }
            at = (at + 1) & mask;
        }
    }
    false
}

/// The first record, in the file's order, whose uid was already used, or the first tombstone
/// of a live record.
fn first_uid_fault(ledger: &Ledger) -> Result<(), Fault> {
    let mut seen = HashSet::with_capacity(ledger.people.len() + ledger.promises.len());
    for (i, p) in ledger.people.iter().enumerate() {
        if !seen.insert(p.uid) {
            return Err((
                format!("$.people[{i}].uid"),
                format!("{} is used twice", p.uid),
            ));
        }
    }
    for (i, p) in ledger.promises.iter().enumerate() {
        if !seen.insert(p.uid) {
            return Err((
                format!("$.promises[{i}].uid"),
                format!("{} is used twice", p.uid),
            ));
        }
    }
    let mut buried = HashSet::with_capacity(ledger.tombstones.len());
    for (i, t) in ledger.tombstones.iter().enumerate() {
        if seen.contains(&t.uid) {
            return Err((
                format!("$.tombstones[{i}].uid"),
                format!("{} is the uid of a record that is not deleted", t.uid),
            ));
        }
        if !buried.insert(t.uid) {
            return Err((
                format!("$.tombstones[{i}].uid"),
                format!("{} is used twice", t.uid),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers whose place in [`any_twice`]'s table is its first: `n` times the
    /// multiplier is below the table's first place's end, as it is for `inverse * k` with
    /// `k` small, the multiplier's inverse modulo 2^64 (Newton's, as the multiplier is odd).
    fn all_in_one_place(count: u64) -> Vec<u64> {
        let k: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut inverse = k;
        for _ in 0..6 {
            inverse = inverse.wrapping_mul(2u64.wrapping_sub(k.wrapping_mul(inverse)));
        }
        assert_eq!(k.wrapping_mul(inverse), 1);
        (1..=count).map(|i| inverse.wrapping_mul(i)).collect()
    }

    #[test]
    fn numbers_made_to_share_a_place_are_told_apart_and_alike() {
        let many = all_in_one_place(500);
        assert!(!any_twice(many.iter().copied()));
        let mut again = many.clone();
        again.push(many[321]);
        assert!(any_twice(again.iter().copied()));
        assert!(any_twice([0, 5, 0].into_iter()));
        assert!(!any_twice([0, 5, 6].into_iter()));
        assert!(!any_twice(std::iter::empty()));
    }

    proptest::proptest! {
        /// Whatever numbers the people have, some deleted or none, and whatever is looked
        /// for: among them exactly when it is one of them.
        #[test]
        fn a_number_is_among_the_people_s_when_it_is_one_of_them(
            numbers in proptest::collection::btree_set(0u64..40, 0..30),
            sought in 0u64..45,
        ) {
            let people: Vec<PersonId> = numbers.iter().copied().map(PersonId).collect();
            proptest::prop_assert_eq!(
                is_among(&people, PersonId(sought)),
                numbers.contains(&sought)
            );
        }

        /// Whatever the numbers, a few or many, near one another or not: twice exactly when
        /// sorting them finds two alike side by side.
        #[test]
        fn twice_is_what_sorting_finds(
            numbers in proptest::collection::vec(
                proptest::prop_oneof![0u64..40, proptest::num::u64::ANY],
                0..300,
            ),
        ) {
            let mut sorted = numbers.clone();
            sorted.sort_unstable();
            let sorting = sorted.windows(2).any(|w| w[0] == w[1]);
            proptest::prop_assert_eq!(any_twice(numbers.iter().copied()), sorting);
        }
    }
}
