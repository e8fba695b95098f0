//! The ledger document: its records, how they are found, and the numbers handed out.
//!
//! Nothing outside the core changes a ledger directly: every change is a
//! [`Change`](super::change::Change) applied by [`Ledger::apply`], which keeps the invariants
//! (texts within their rules, numbers never reused, handles unique, every promise with a
//! person who exists). People and promises are kept sorted by number, so lookups are binary
//! searches even with a hundred thousand promises.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::change::Conflict;
use super::lookup::PeopleIndex;
use super::model::{Person, PersonId, Promise, PromiseId, Status, Tombstone, Uid};
use super::settings::Settings;
use super::text::{self, TextError};

/// The value of the `format` field, which tells a trustladder file from any other JSON.
pub const FORMAT_NAME: &str = "trustladder";
/// The newest file version this program reads and writes.
pub const FORMAT_VERSION: u32 = 2;

/// The whole document: what the data file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub settings: Settings,
    /// The number the next new person gets. Kept in the file so numbers are never reused
    /// after a deletion; a file without it starts after the largest number present.
    #[serde(default)]
    pub next_person_id: PersonId,
    /// The number the next new promise gets; see `next_person_id`.
    #[serde(default)]
    pub next_promise_id: PromiseId,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub promises: Vec<Promise>,
    /// Records deleted in the last year, so a merge can tell a deletion from an addition.
    #[serde(default)]
    pub tombstones: Vec<Tombstone>,
    /// The ids of this file's last saves, newest first ([`super::lineage`]): how a conflict
    /// copy finds the backup it and this file both come from. Written only once there is one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lineage: Vec<String>,
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            settings: Settings::default(),
            next_person_id: PersonId(1),
            next_promise_id: PromiseId(1),
            people: Vec::new(),
            promises: Vec::new(),
            tombstones: Vec::new(),
            lineage: Vec::new(),
        }
    }
}

/// Why a change was refused. Each message names the thing at fault; the data lets each front
/// end word it its own way.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error(transparent)]
    Text(#[from] TextError),
    #[error(
        "no person matches '{query}'{}",
        match .nearest {
            Some(n) => format!("; did you mean {n}?"),
            None if *.nobody => ": no one is in the ledger yet; add them first with `trustladder person add NAME`".to_string(),
            None => " (see `trustladder person list --all`)".to_string(),
        }
    )]
    UnknownPerson {
        query: String,
        /// The one person the query is a typo away from, as `handle (Name)`.
        nearest: Option<String>,
        /// Whether the ledger holds no one at all: a first `promise add` before any
        /// `person add` is told to add them, where `person list --all` would list no one.
        nobody: bool,
    },
    /// A colleague named by nothing, or by nothing but spaces (an empty variable in a script):
    /// "no person matches ''" read as a search that found no one.
    #[error("a blank names no one: give a handle or a name (see `trustladder person list --all`)")]
    BlankPerson,
    #[error("'{query}' could mean {}; {tip}", a_handful(.candidates))]
    AmbiguousPerson {
        query: String,
        candidates: Vec<String>,
        /// What to type that names one of them.
        tip: String,
    },
    /// A person named by number who is gone (deleted elsewhere). Never an archived one, who
    /// is still here: the list that shows the archived too is named, so one archived is not
    /// taken for gone, with the add that brings a deleted one back.
    #[error(
        "that person is no longer in the ledger (deleted elsewhere, or never added); `trustladder person list --all` lists everyone it holds, the archived too, and `trustladder person add NAME` adds them again"
    )]
    NoSuchPerson(PersonId),
    #[error("no promise #{0}")]
    NoSuchPromise(PromiseId),
    /// Archiving is the gentler way (the record and its promises kept, off the lists), given
    /// first as a command to copy, as is the delete with --force, where "archive them
    /// instead" left the command to be looked up.
    #[error(
        "{handle} has {}; {}or `trustladder person rm {rm} --force` deletes them with their promises",
        crate::core::text::counted(*count, "promise", "promises"),
        match .archive {
            None => "they are archived already (their record kept, off the lists); ".to_string(),
            Some(word) => format!("`trustladder person archive {word}` keeps their record and promises, off the lists, ")
        }
    )]
    PersonHasPromises {
        handle: String,
        count: usize,
        /// How `person archive` finds them ([`Ledger::typed_as`]), or `None` when they are
        /// archived already.
        archive: Option<String>,
        /// How `person rm` finds them.
        rm: String,
    },
    /// A person was to be deleted with the promises the user was told of, and has another
    /// number now (changed elsewhere meanwhile).
    #[error(
        "{name} has {} now, not the {seen} asked about (changed elsewhere); nothing was deleted",
        crate::core::text::counted(*count, "promise", "promises")
    )]
    PromisesChanged {
        name: String,
        seen: usize,
        count: usize,
    },
    /// A promise was to be deleted as the user was asked about it, and was changed since
    /// (kept, reopened or edited elsewhere meanwhile).
    #[error(
        "#{0} was changed elsewhere since the delete was asked; nothing was deleted: look at it again, and delete it again if that is still meant"
    )]
    PromiseChanged(PromiseId),
    #[error(
        "{name} is already here as {handles}{}; to add another person of that name, say so (--again)",
        restore_tip(.archived)
    )]
    SameName {
        name: String,
        /// The handles of everyone here of that name, as words, the archived marked so
        /// ("priya-raman and priya-raman-2 (archived)"), eight of many and how many more
        /// ([`a_few`]): a third is asked about knowing of both, and one archived is not looked
        /// for on the lists.
        handles: String,
        /// Those of them archived, as `person restore` finds them ([`Ledger::typed_as`]):
        /// bringing one back may be what was meant.
        archived: Vec<String>,
    },
    /// A rename to the name someone else has: lookups by name could no longer tell them apart.
    #[error(
        "{name} is already the name of {handle}{}; give a name that tells them apart (an initial, say)",
        if *.archived { " (archived)" } else { "" }
    )]
    NameTaken {
        name: String,
        handle: String,
        /// Whether they are archived, said as `person add` says it: the lists do not show them,
        /// so a name refused for no one to be seen there would puzzle.
        archived: bool,
    },
    /// Given as the command to copy, where "restore them first" left it to be looked up.
    #[error(
        "{handle} is archived, and takes no new promises; `trustladder person restore {restore}` brings them back first"
    )]
    Archived {
        handle: String,
        /// How `person restore` finds them ([`Ledger::typed_as`]).
        restore: String,
    },
    // Statuses in the words of the tables ("kept late"), not the file's ("kept_late"), with
    // the day, so that a `--on` refused says which day it has. The reopen given as a command
    // to copy, where "reopen it first" left it to be made up.
    #[error(
        "promise #{id} is already {}{}; `trustladder reopen {id}` forgets that outcome first",
        .status.label(),
        .on.map(|day| format!(" on {}", crate::core::dates::Iso::new(day).as_str())).unwrap_or_default()
    )]
    AlreadyResolved {
        id: PromiseId,
        status: Status,
        /// The day it was resolved on.
        on: Option<NaiveDate>,
    },
    #[error("promise #{0} is already open")]
    AlreadyOpen(PromiseId),
    #[error("a promise cannot be resolved as open; use reopen")]
    ResolveAsOpen,
    #[error("promise #{id} cannot be resolved on {on}, before it was made ({made})")]
    ResolvedBeforeMade {
        id: PromiseId,
        on: NaiveDate,
        made: NaiveDate,
    },
    /// A promise made on a day after today: made on a machine whose clock or time zone is
    /// ahead, or looked back at from a day before it. Either way a later `--today` takes it.
    #[error(
        "promise #{id} cannot be resolved on {today}, before it was made ({made}); with --today {made} or a later day it can be"
    )]
    MadeAfterToday {
        id: PromiseId,
        today: NaiveDate,
        made: NaiveDate,
    },
    #[error(
        "promise #{id} cannot be reopened on {today}, before it was made ({made}); with --today {made} or a later day it can be"
    )]
    ReopenedBeforeMade {
        id: PromiseId,
        today: NaiveDate,
        made: NaiveDate,
    },
    /// Looking back at a day before the outcome: the promise was open then. Not looking back,
    /// the outcome was dated by a machine whose clock or time zone is ahead: the way out is
    /// named either way.
    #[error(
        "promise #{id} cannot be reopened on {today}: it was {} on {on}, so it was still open then; with --today {on} or a later day it can be",
        .status.label()
    )]
    ReopenedBeforeOutcome {
        id: PromiseId,
        today: NaiveDate,
        status: Status,
        on: NaiveDate,
    },
    #[error("{on} is after today ({today}); an outcome cannot be recorded in the future")]
    FutureOutcome { on: NaiveDate, today: NaiveDate },
    #[error("a promise that is {} needs the day it was resolved", .status.label())]
    OutcomeWithoutDay { status: Status },
    #[error("an open promise has no day it was resolved")]
    OpenWithDay,
    #[error("{}", describe_conflicts(.0))]
    Conflict(Vec<Conflict>),
    /// The way back named as a file's setting out of range names it: the value given is at
    /// fault, not the settings before it.
    #[error(
        "the settings are not valid: {0}; give that setting a value within its range, or leave it out to take its default (docs/FORMAT.md, Settings, gives each range and default)"
    )]
    BadSettings(String),
    #[error(
        "no more ids can be handed out: the file's counter of ids is at the largest there can be"
    )]
    IdsExhausted,
    #[error(
        "a keep-in-touch cadence of {days} days is out of range (1 to {})",
        super::touch::MAX_CADENCE_DAYS
    )]
    BadCadence { days: u32 },
    /// An import planned on the ledger as it was, applied to it as it is: planned again, the
    /// record here or deleted here is left out.
    #[error("uid {0} is already in use here, or was deleted here; {IMPORT_AGAIN}")]
    UidTaken(Uid),
    /// An import whose list of new people lacks one its promises name: planned again, every
    /// colleague it names is added with it.
    #[error(
        "an imported promise names new person {0}, whom the import does not add; {IMPORT_AGAIN}"
    )]
    NoNewPerson(usize),
}

/// The way out of an import that does not fit the ledger: planned again on the ledger as it is,
/// it leaves out what is here or was deleted here and adds every colleague it names.
const IMPORT_AGAIN: &str = "run the import again, which plans it on the ledger as it is now (`trustladder import taskwarrior FILE --dry-run` shows what it would add)";

/// How an archived person of the name being added is brought back, for [`LedgerError::SameName`].
fn restore_tip(archived: &[String]) -> String {
    match archived {
        [] => String::new(),
        [word] => format!(": `trustladder person restore {word}` brings them back"),
        _ => ": `trustladder person restore HANDLE` brings one back".to_string(),
    }
}

/// How many of the people an ambiguous name fits its error names: enough to see whom it
/// means, few enough that the error stays a line where one letter fits thousands.
const CANDIDATES_NAMED: usize = 8;

/// Whether promise `a` of ledger `la` says what `b` of `lb` says, numbers aside: a record's
/// number and its person's are each file's own, which a merge or a restore moves, so the
/// person is compared by uid. What a backup lacks of the last sync, and what a restore drops,
/// are told so.
pub fn promises_alike(la: &Ledger, a: &Promise, lb: &Ledger, b: &Promise) -> bool {
    let person_uid = |l: &Ledger, id: PersonId| l.person(id).map(|p| p.uid);
    Promise {
        id: a.id,
        person: a.person,
        ..b.clone()
    } == *a
        && person_uid(la, a.person) == person_uid(lb, b.person)
}

/// `items` as a sentence lists them, the last joined by `word` ("a, b or c"), or, more than
/// [`CANDIDATES_NAMED`] of them, the first of them and how many more: a note naming the
/// people a new name is near stays a line in a team of thousands.
pub fn a_few(items: &[&str], word: &str) -> String {
    if items.len() > CANDIDATES_NAMED {
        text::first_of(items, CANDIDATES_NAMED)
    } else {
        text::listed(items, word)
    }
}

/// The first [`CANDIDATES_NAMED`] of `candidates`, and how many more: the way every message
/// that names the people an ambiguous name fits lists them, so none grows with the ledger.
pub fn a_handful<S: AsRef<str>>(candidates: &[S]) -> String {
    let all: Vec<&str> = candidates.iter().map(AsRef::as_ref).collect();
    text::first_of(&all, CANDIDATES_NAMED)
}

fn describe_conflicts(conflicts: &[Conflict]) -> String {
    let fields: Vec<String> = conflicts
        .iter()
        .map(|c| format!("{} of {} (now {:?})", c.field, c.record, c.theirs))
        .collect();
    format!("changed elsewhere since it was read: {}", fields.join(", "))
}

/// Where the record numbered `id` is in `records`, which are in order of their numbers. The
/// numbers rise by at least one from at least zero, so that record is at most at place `id`,
/// and as far before it as numbers were skipped (records deleted): the search looks there
/// first and widens backwards, a few steps however many records there are, where a search of
/// the whole list would jump all over a hundred thousand of them (the agenda looks up every
/// open promise).
pub(crate) fn index_of<T>(records: &[T], id: u64, number: impl Fn(&T) -> u64) -> Option<usize> {
    let last = records.len().checked_sub(1)?;
    let mut hi = usize::try_from(id).map_or(last, |id| id.min(last));
    let mut lo = hi;
    let mut step = 1;
    // Widens [lo, hi] backwards until it begins at a number not above `id`.
    while number(&records[lo]) > id {
        if lo == 0 {
            return None;
        }
        hi = lo - 1;
        lo = lo.saturating_sub(step);
        step *= 2;
    }
    records[lo..=hi]
        .binary_search_by_key(&id, number)
        .ok()
        .map(|i| lo + i)
}

/// The fewest letters (spaces aside) both names need for two letters apart to be a typo
/// ([`Ledger::near_names`]): two of a short name are a third of it, and make another name.
pub const NEAR_BY_TWO: usize = 8;

/// Which people a name prefix that fits both active and archived ones means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Among {
    /// The active ones: what most commands act on.
    Active,
    /// The active ones, for `archive`, which has nothing to do to anyone else: the handle of
    /// someone archived already that begins an active colleague's name names neither.
    ToArchive,
    /// The archived ones: what `restore` acts on; the handle of someone not archived that
    /// begins an archived colleague's name names neither.
    Archived,
    /// Neither before the other: a command that acts on either (`person rm`) asks for more of
    /// the name; the handle of someone renamed away from it that begins another's name or
    /// handle names neither, as only `restore-backup` takes a delete back.
    Everyone,
}

impl Ledger {
    /// The person with this number.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.person_index(id).map(|i| &self.people[i])
    }

    pub(crate) fn person_index(&self, id: PersonId) -> Option<usize> {
        index_of(&self.people, id.0, |p| p.id.0)
    }

    /// The person with this uid, wherever their number is now.
    pub fn person_by_uid(&self, uid: Uid) -> Option<&Person> {
        self.people.iter().find(|p| p.uid == uid)
    }

    /// The promise with this number.
    pub fn promise(&self, id: PromiseId) -> Option<&Promise> {
        self.promise_index(id).map(|i| &self.promises[i])
    }

    pub(crate) fn promise_index(&self, id: PromiseId) -> Option<usize> {
        index_of(&self.promises, id.0, |p| p.id.0)
    }

    /// The promise with this uid, wherever its number is now.
    pub fn promise_by_uid(&self, uid: Uid) -> Option<&Promise> {
        self.promises.iter().find(|p| p.uid == uid)
    }

    /// Every promise of one person, in number order.
    pub fn promises_of(&self, person: PersonId) -> impl Iterator<Item = &Promise> {
        self.promises.iter().filter(move |p| p.person == person)
    }

    /// Finds a person by handle, or by an unambiguous prefix of their name or handle or of
    /// any word of either, ignoring case and accents (`jose` finds José Álvarez, `raman` finds
    /// Priya Raman; where nothing begins so, `obrien` finds O'Brien, the marks left out). An
    /// exact handle, in any case, always wins; archived people are found too,
    /// but a prefix that also fits an active person means the active one (see
    /// [`Ledger::find_person_among`]).
    pub fn find_person(&self, query: &str) -> Result<PersonId, LedgerError> {
        self.find_person_among(query, Among::Active)
    }

    /// [`Ledger::find_person`], with `among` saying which people a prefix that fits active
    /// and archived ones means: the ones a command acts on (`restore` the archived), or, for a
    /// command that could act on either (`rm`), none without more of the name.
    pub fn find_person_among(&self, query: &str, among: Among) -> Result<PersonId, LedgerError> {
        if among == Among::Active
            && let Some(id) = super::lookup::by_handle_alone(self, query)
        {
            return Ok(id);
        }
        PeopleIndex::of(self).find(query, among)
    }

    /// The people whose whole name `name` could be a typo of ([`text::typo`], ignoring case,
    /// accents and spacing), not counting those of the very same name, nor names that differ
    /// only in their numbers ("Team 1", "Team 2"): whom someone just added may already be,
    /// misspelt. Two letters apart is a typo only where both names have [`NEAR_BY_TWO`]
    /// letters or more: `Jon Smith` is near `John Smyth`, but `Xu Nan` is not near `Wu Yan`,
    /// two letters of five being another name. The nearest first (in the ledger's order among
    /// those as near), as a message names only the first few of many.
    pub fn near_names(&self, name: &str) -> Vec<&Person> {
        let folded = text::folded(name);
        let letters = |name: &str| name.replace(|c: char| c.is_ascii_digit(), "");
        let length = |name: &str| name.chars().filter(|c| *c != ' ').count();
        let mut near: Vec<(usize, &Person)> = self
            .people
            .iter()
            .filter_map(|p| {
                let other = text::folded(&p.name);
                let d = text::typo(&folded, &other).filter(|d| *d > 0)?;
                if d > 1 && length(&folded).min(length(&other)) < NEAR_BY_TWO {
                    return None;
                }
                (letters(&folded) != letters(&other)).then_some((d, p))
            })
            .collect();
        near.sort_by_key(|(d, _)| *d);
        near.into_iter().map(|(_, p)| p).collect()
    }

    /// The people that `name` may be another way of calling, or who may go by it: where one
    /// of the two names is a single word, the other's first (`priya` and `Priya Raman`),
    /// ignoring case and accents, so someone added as they are called day to day is noticed
    /// to be someone here already. Two names of several words that begin alike (`Priya
    /// Raman`, `Priya Shah`) are two people, and one of the very same name was asked about
    /// before it was added, so neither is named. In the ledger's order.
    pub fn same_first_name(&self, name: &str) -> Vec<&Person> {
        let split = |name: &str| {
            let mut words = name.split_whitespace();
            let first = words.next().map(text::folded).unwrap_or_default();
            (first, words.next().is_none())
        };
        let (first, alone) = split(name);
        let whole = text::folded(name);
        if first.is_empty() {
            return Vec::new();
        }
        self.people
            .iter()
            .filter(|p| {
                let (their_first, their_alone) = split(&p.name);
                their_first == first && (alone || their_alone) && text::folded(&p.name) != whole
            })
            .collect()
    }

    /// The people with the same name as `name`, ignoring case, accents and spacing.
    pub fn same_name(&self, name: &str) -> Vec<&Person> {
        let folded = text::folded(name);
        self.people
            .iter()
            .filter(|p| text::folded(&p.name) == folded)
            .collect()
    }

    /// `person`'s name, with their handle where someone else has it too ([`Ledger::same_name`]):
    /// how a title or a message tells two Sam Lees apart. Not made safe to print.
    pub fn told_apart(&self, person: &Person) -> String {
        if self.same_name(&person.name).len() > 1 {
            format!("{} ({})", person.name, person.handle)
        } else {
            person.name.clone()
        }
    }

    /// How a command that looks among `among` is told of `person`, as one word a shell reads
    /// as written: their handle, unless it names someone else too (a colleague renamed away
    /// from "Zora" keeps the handle `zora`, the whole name of the Zora added since), then their
    /// name where that names them alone, else their number (`'#3'`). For the commands a
    /// message gives to be copied (`person restore zora`), which must then find them.
    pub fn typed_as(&self, person: &Person, among: Among) -> String {
        let index = PeopleIndex::of(self);
        let finds = |typed: &str| index.find(typed, among).ok() == Some(person.id);
        if finds(&person.handle) {
            return text::shell_word(&text::sanitize(&person.handle));
        }
        // Messages give a command between backticks, which one in the name would end.
        let name = text::to_type(&person.name);
        if !name.contains('`') && finds(&name) {
            return text::shell_word(&name);
        }
        format!("'#{}'", person.id.0)
    }

    /// The people whose name someone else has too, compared as [`Ledger::same_name`] compares
    /// them: the ones a view tells apart by their handles. Each comes with the longest handle
    /// (in characters) among those sharing the name, so that a view short of room cuts them
    /// all alike.
    pub fn named_alike(&self) -> std::collections::HashMap<PersonId, usize> {
        let mut by_name: std::collections::HashMap<String, Vec<&Person>> =
            std::collections::HashMap::new();
        for p in &self.people {
            by_name.entry(text::folded(&p.name)).or_default().push(p);
        }
        by_name
            .into_values()
            .filter(|alike| alike.len() > 1)
            .flat_map(|alike| {
                let longest = alike
                    .iter()
                    .map(|p| p.handle.chars().count())
                    .max()
                    .unwrap_or(0);
                alike.into_iter().map(move |p| (p.id, longest))
            })
            .collect()
    }

    /// A handle made from `name` that no one has yet.
    pub(crate) fn unique_handle(&self, name: &str) -> String {
        let base = text::slug(name);
        let taken = |h: &str| self.people.iter().any(|p| p.handle == h);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|h| !taken(h))
            .unwrap_or(base)
    }

    /// Hands out the next person number; it is never handed out again.
    pub(crate) fn take_person_id(&mut self) -> Result<PersonId, LedgerError> {
        let floor = match self.people.last() {
            Some(last) => last.id.0.checked_add(1).ok_or(LedgerError::IdsExhausted)?,
            None => 1,
        };
        let id = self.next_person_id.0.max(floor);
        self.next_person_id = PersonId(id.checked_add(1).ok_or(LedgerError::IdsExhausted)?);
        Ok(PersonId(id))
    }

    /// Hands out the next promise number; it is never handed out again.
    pub(crate) fn take_promise_id(&mut self) -> Result<PromiseId, LedgerError> {
        let floor = match self.promises.last() {
            Some(last) => last.id.0.checked_add(1).ok_or(LedgerError::IdsExhausted)?,
            None => 1,
        };
        let id = self.next_promise_id.0.max(floor);
        self.next_promise_id = PromiseId(id.checked_add(1).ok_or(LedgerError::IdsExhausted)?);
        Ok(PromiseId(id))
    }

    /// Puts a person record in its place by number (a new one, or one coming back).
    pub(crate) fn insert_person(&mut self, person: Person) {
        self.next_person_id = self
            .next_person_id
            .max(PersonId(person.id.0.saturating_add(1)));
        match self.people.binary_search_by_key(&person.id, |p| p.id) {
            Ok(i) => self.people[i] = person,
            Err(i) => self.people.insert(i, person),
        }
    }

    /// Puts a promise record in its place by number; see [`Ledger::insert_person`].
    pub(crate) fn insert_promise(&mut self, promise: Promise) {
        self.next_promise_id = self
            .next_promise_id
            .max(PromiseId(promise.id.0.saturating_add(1)));
        match self.promises.binary_search_by_key(&promise.id, |p| p.id) {
            Ok(i) => self.promises[i] = promise,
            Err(i) => self.promises.insert(i, promise),
        }
    }

    /// Raises the number counters to at least `other`'s, so that numbers `other` handed out
    /// are not handed out again here (a restored backup keeps the higher counters).
    pub fn keep_counters_of(&mut self, other: &Ledger) {
        self.next_person_id = self.next_person_id.max(other.next_person_id);
        self.next_promise_id = self.next_promise_id.max(other.next_promise_id);
    }
}

#[cfg(test)]
mod tests;
