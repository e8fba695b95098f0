//! Promises kept in another tool, brought into the ledger: each tool's records are read into
//! [`Task`]s ([`taskwarrior`]), then [`plan`] matches them to the ledger and builds one
//! [`Change::Import`] with a summary of what it would do. A record keeps its uid from the
//! other tool, so importing the same export again adds nothing.

mod new_names;
pub mod taskwarrior;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::change::{Change, Imported, Target, Who};
use super::ledger::{Among, Ledger, LedgerError, a_handful};
use super::lookup::PeopleIndex;
use super::model::{Direction, Level, Person, PersonId, Promise, PromiseId, Status, Uid};
use super::text;
use new_names::{NewNames, Taken};

/// Where a task names its colleague.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonFrom {
    /// The one tag that starts with this prefix, without the prefix (two make the task bad).
    Tag(String),
    /// The project.
    Project,
    /// A user-defined attribute of this name.
    Uda(String),
}

/// The form's word is read in any case (`TAG:with_`, `Project`, as a shift key held or a
/// word capitalised by habit types it), the prefix or name after it as typed: Taskwarrior's
/// tags and attribute names are told apart by case. The message says only what is wrong: it
/// follows the value as typed and the flag with its forms (`invalid value 'who' for
/// '--person-from <tag:PREFIX|project|uda:NAME>'`), and saying them again made a line too
/// long to read.
impl FromStr for PersonFrom {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once(':') {
            None if s.eq_ignore_ascii_case("project") => Ok(PersonFrom::Project),
            Some((form, "")) if form.eq_ignore_ascii_case("tag") => {
                Err("no prefix after tag:".to_string())
            }
            Some((form, "")) if form.eq_ignore_ascii_case("uda") => {
                Err("no name after uda:".to_string())
            }
            Some((form, prefix)) if form.eq_ignore_ascii_case("tag") => {
                Ok(PersonFrom::Tag(prefix.into()))
            }
            Some((form, name)) if form.eq_ignore_ascii_case("uda") => {
                Ok(PersonFrom::Uda(name.into()))
            }
            _ => Err("not one of these forms".to_string()),
        }
    }
}

impl fmt::Display for PersonFrom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PersonFrom::Tag(prefix) => write!(f, "tag:{prefix}"),
            PersonFrom::Project => f.write_str("project"),
            PersonFrom::Uda(name) => write!(f, "uda:{name}"),
        }
    }
}

/// One record of an export, read: a task to import, one to leave out on purpose, or one that
/// cannot be imported. `at` says where it is in the file (`task 3`, `line 3`).
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    Task(Task),
    /// Not a promise (a recurring task's template, say); not an error.
    Skip {
        at: String,
        reason: String,
        /// Its uuid, which tells a copy of it: exports joined where they overlap hold a
        /// template as they hold any task, and one skipped whatever it holds is the same
        /// template again under the same uuid (its `mask` and `modified` move on as
        /// instances are made, so two exports taken on different days differ there).
        uid: Uid,
    },
    Bad {
        at: String,
        reason: String,
        /// What tells a copy of it (exports joined where they overlap hold a bad task as
        /// they hold any other): its uuid and its object without what Taskwarrior works out
        /// anew at each export (`urgency`, `id`). `None` where it has no uuid, or is not read
        /// as a JSON object, so that no two such records are taken for one.
        copy_of: Option<(Uid, serde_json::Value)>,
    },
}

/// A task read from another tool, before it is matched to the ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub at: String,
    pub uid: Uid,
    pub what: String,
    /// The colleague, as the other tool names them.
    pub person: String,
    pub made: NaiveDate,
    pub due: Option<NaiveDate>,
    pub outcome: Option<(Status, NaiveDate)>,
    pub note: String,
    /// Whether the note was cut to the longest the ledger keeps.
    pub note_cut: bool,
    /// Why no colleague could be read from it (`person` is then empty): a bad task, unless
    /// it is here already, imported before its colleague's tag was taken off or with another
    /// `--person-from`, which is what an import says of it then.
    pub unnamed: Option<String>,
}

impl Task {
    /// Whether `other` is this task again, wherever it stands: alike in everything the
    /// import reads, so either would become the same promise. What Taskwarrior works out
    /// anew at each export (`urgency`, the working-set `id`) is not read, so two exports of
    /// a task taken on different days give it alike.
    fn alike(&self, other: &Task) -> bool {
        let Task {
            at: _,
            uid,
            what,
            person,
            made,
            due,
            outcome,
            note,
            note_cut,
            unnamed,
        } = self;
        (
            uid, what, person, made, due, outcome, note, note_cut, unnamed,
        ) == (
            &other.uid,
            &other.what,
            &other.person,
            &other.made,
            &other.due,
            &other.outcome,
            &other.note,
            &other.note_cut,
            &other.unnamed,
        )
    }
}

/// How every imported promise is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub direction: Direction,
    pub level: Level,
    pub today: NaiveDate,
}

/// What an import would do, and the change that does it.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// How many records the export holds.
    pub records: usize,
    pub change: Change,
    /// The people it adds, by name.
    pub new_people: Vec<String>,
    /// Names that are no one's handle or full name here but the start of one person's, as a
    /// command's PERSON would find them: each once, with whom it was taken to mean
    /// (`handle (Name)`).
    pub matched: Vec<(String, String)>,
    /// Names no one here has that hold someone's whole name in whole words (`Priya Raman`
    /// for Priya here), taken as them, as a shorter name is taken as a longer one: each once.
    pub holding: Vec<Holding>,
    /// New names close to someone here (a typo away, or part of a word of theirs): each with
    /// that person (`handle (Name)`).
    pub near: Vec<(String, String)>,
    /// The promises it adds, by what they become.
    pub open: usize,
    pub kept: usize,
    pub kept_late: usize,
    pub released: usize,
    /// Tasks already here (imported before), and tasks deleted here since an earlier import.
    pub already: usize,
    /// Tasks here already and still open here that ended in the other tool since: the
    /// import changes no record it brought in before, so these are named, with the outcome
    /// they had there, for the user to record or not.
    pub ended_there: Vec<EndedThere>,
    pub deleted_here: usize,
    /// Tasks given again further on in the export, alike in all the import reads (exports
    /// joined where they overlap), or, for a bad task, the same object under the same uuid
    /// apart from `urgency` and `id`, or, for a skipped template, the same uuid: each read
    /// once, the copies counted here.
    pub repeated: usize,
    pub skipped: Vec<(String, String)>,
    pub bad: Vec<(String, String)>,
    /// Where each task it adds with its note cut short is (`task 3`).
    pub notes_cut: Vec<String>,
}

/// A name taken as the person here whose whole name it, or a longer name in the export that
/// is taken as that person, holds in whole words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub name: String,
    /// `handle (Name)`.
    pub whom: String,
    /// The longer name in the export that holds theirs, when this one does not itself.
    pub through: Option<String>,
}

/// A promise open here whose task ended in the other tool after it was imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndedThere {
    pub id: PromiseId,
    /// What it became there, as an import would record it; and the day it ended.
    pub status: Status,
    pub on: NaiveDate,
    /// Whether the promise's dates here say otherwise about being late (its due date was
    /// edited here), so recording the outcome takes `--late` or `--on-time`.
    pub against_dates: bool,
    /// Whether it ended on a day after today (a clock ahead there, or `--today` looking back):
    /// it can be recorded here from that day on.
    pub ahead: bool,
    /// The day the promise was made here: no outcome is recorded before it (the task may
    /// have ended there before the day it was imported as made).
    pub made: NaiveDate,
}

impl Plan {
    /// How many promises it adds.
    pub fn adds(&self) -> usize {
        self.open + self.kept + self.kept_late + self.released
    }
}

/// Matches the tasks read to the ledger: a colleague is found by full name or else handle
/// (any case, accents ignored) among the people here, else as a command's PERSON finds them (the
/// start of a name), else added (once per name); a task whose uid
/// is here already, or was deleted here, is left out, and so is one given again that reads
/// alike, or a bad one given again as it was, or a skipped template given again under its
/// uuid (counted as repeated); a task that cannot become a promise (its colleague archived,
/// named twice or not read at all, an outcome after today, its uuid given before with other
/// content) is bad, unless it is here already.
pub fn plan(ledger: &Ledger, reads: Vec<Read>, options: Options) -> Plan {
    let mut plan = Plan {
        records: reads.len(),
        change: Change::Import {
            people: Vec::new(),
            promises: Vec::new(),
        },
        new_people: Vec::new(),
        matched: Vec::new(),
        holding: Vec::new(),
        near: Vec::new(),
        open: 0,
        kept: 0,
        kept_late: 0,
        released: 0,
        already: 0,
        ended_there: Vec::new(),
        deleted_here: 0,
        repeated: 0,
        skipped: Vec::new(),
        bad: Vec::new(),
        notes_cut: Vec::new(),
    };
    let here: HashMap<Uid, &Promise> = ledger.promises.iter().map(|p| (p.uid, p)).collect();
    // A uid is one record's: a task whose uuid a person here has cannot become a promise.
    let people: HashMap<Uid, &str> = ledger
        .people
        .iter()
        .map(|p| (p.uid, p.handle.as_str()))
        .collect();
    let buried: HashSet<Uid> = ledger.tombstones.iter().map(|t| t.uid).collect();
    // Whom each task names, looked up once for each name (a lookup goes through everyone
    // here, and an export names the same few colleagues in thousands of tasks): the names no
    // one here has are matched among themselves before any task is planned.
    let folded = PeopleIndex::of(ledger);
    let mut looked_up: HashMap<&str, Found> = HashMap::new();
    let mut found: std::collections::VecDeque<Found> = reads
        .iter()
        .filter_map(|read| match read {
            Read::Task(task) if task.unnamed.is_some() => Some(Found::Nobody(None)),
            Read::Task(task) => Some(
                looked_up
                    .entry(task.person.as_str())
                    .or_insert_with(|| find(ledger, &folded, &task.person))
                    .clone(),
            ),
            _ => None,
        })
        .collect();
    let new_names = NewNames::new(
        reads
            .iter()
            .filter_map(|read| match read {
                Read::Task(task) => Some(task),
                _ => None,
            })
            .zip(&found)
            .filter(|(task, found)| {
                task.unnamed.is_none() && matches!(found, Found::Nobody(_) | Found::Holds(..))
            })
            .map(|(task, _)| task.person.clone()),
    );
    // The names taken as someone here because they hold their name: a shorter new name one
    // of them holds is that person too, as it would be were they imported first.
    let holders: HashMap<String, (PersonId, String)> = reads
        .iter()
        .filter_map(|read| match read {
            Read::Task(task) => Some(text::folded(&task.person)),
            _ => None,
        })
        .zip(&found)
        .filter_map(|(name, found)| match found {
            Found::Holds(id, whom) => Some((name, (*id, whom.clone()))),
            _ => None,
        })
        .collect();
    let mut seen: HashMap<Uid, Task> = HashMap::new();
    // The bad tasks listed, by uuid: a copy of one is not listed again.
    let mut seen_bad: HashMap<Uid, Vec<serde_json::Value>> = HashMap::new();
    // The templates skipped, by uuid: a copy of one is not listed again.
    let mut seen_skipped: HashSet<Uid> = HashSet::new();
    // The folded names already in `plan.matched` and `plan.holding`, each told once.
    let mut matched: HashSet<String> = HashSet::new();
    let mut holding_told: HashSet<String> = HashSet::new();
    let mut new_index: HashMap<String, usize> = HashMap::new();
    let mut promises = Vec::new();
    for read in reads {
        let (task, whom) = match read {
            Read::Task(task) => (task, found.pop_front().unwrap_or(Found::Nobody(None))),
            Read::Skip { at, reason, uid } => {
                // The same template again, as exports joined where they overlap hold it:
                // skipped once, the copy counted as repeated.
                if seen_skipped.insert(uid) {
                    plan.skipped.push((at, reason));
                } else {
                    plan.repeated += 1;
                }
                continue;
            }
            Read::Bad {
                at,
                reason,
                copy_of,
            } => {
                // The same bad task again, as exports joined where they overlap hold it: one
                // bad task, listed once. Given otherwise, each is listed.
                if let Some((uid, object)) = copy_of {
                    let listed = seen_bad.entry(uid).or_default();
                    if listed.contains(&object) {
                        plan.repeated += 1;
                        continue;
                    }
                    listed.push(object);
                }
                plan.bad.push((at, reason));
                continue;
            }
        };
        // A bad task from here on is named with the start of its uuid, as one that could not
        // be read is ([`taskwarrior`]), so it can be found in Taskwarrior.
        let at = taskwarrior::with_short_uuid_of(&task.at, task.uid);
        if let Some(first) = seen.get(&task.uid) {
            // The same task again, as exports joined where they overlap hold it: read once.
            // Read otherwise, which of the two is the task would be a guess.
            if first.alike(&task) {
                plan.repeated += 1;
            } else {
                plan.bad
                    .push((at, format!("the same uuid as {}, {}", first.at, task.uid)));
            }
            continue;
        }
        seen.insert(task.uid, task.clone());
        if let Some(promise) = here.get(&task.uid) {
            plan.already += 1;
            if let (Status::Open, Some((status, on))) = (promise.status, task.outcome) {
                plan.ended_there.push(EndedThere {
                    id: promise.id,
                    status,
                    on,
                    against_dates: status != Status::Released && promise.kept_on(on) != status,
                    ahead: on > options.today,
                    made: promise.made,
                });
            }
            continue;
        }
        if let Some(handle) = people.get(&task.uid) {
            plan.bad.push((
                at.clone(),
                format!(
                    "its uuid {} is the uid of a person here ({handle}), not of a promise",
                    task.uid
                ),
            ));
            continue;
        }
        if buried.contains(&task.uid) {
            plan.deleted_here += 1;
            continue;
        }
        if let Some(reason) = task.unnamed {
            plan.bad.push((at, reason));
            continue;
        }
        if let Some((_, on)) = task.outcome
            && on > options.today
        {
            plan.bad.push((
                at.clone(),
                format!("it ended on {on}, after today ({})", options.today),
            ));
            continue;
        }
        // A promise made after today could never be resolved (an outcome comes after it).
        if task.made > options.today {
            plan.bad.push((
                at.clone(),
                format!(
                    "it was entered on {}, after today ({})",
                    task.made, options.today
                ),
            ));
            continue;
        }
        let (whom, through) = match whom {
            Found::Nobody(nearest) => match new_names.taken_as(&task.person) {
                Taken::As(longer) => match holders.get(&text::folded(&longer)) {
                    Some((id, named)) => (Found::Holds(*id, named.clone()), Some(longer)),
                    None => (Found::Nobody(nearest), None),
                },
                _ => (Found::Nobody(nearest), None),
            },
            other => (other, None),
        };
        let person = match whom {
            Found::Here(id) => Who::Here(Target::exact(id, uid_of(ledger, id))),
            Found::Part(id, whom) => {
                if matched.insert(text::folded(&task.person)) {
                    plan.matched.push((task.person.clone(), whom));
                }
                Who::Here(Target::exact(id, uid_of(ledger, id)))
            }
            Found::Holds(id, whom) => {
                if holding_told.insert(text::folded(&task.person)) {
                    plan.holding.push(Holding {
                        name: task.person.clone(),
                        whom,
                        through,
                    });
                }
                Who::Here(Target::exact(id, uid_of(ledger, id)))
            }
            Found::Archived(why) => {
                plan.bad.push((at.clone(), why));
                continue;
            }
            Found::Several(handles) => {
                plan.bad.push((
                    at.clone(),
                    format!(
                        "'{}' could be {}; name one by handle",
                        task.person,
                        a_handful(&handles)
                    ),
                ));
                continue;
            }
            Found::Nobody(nearest) => {
                let name = match new_names.taken_as(&task.person) {
                    Taken::Itself => task.person.clone(),
                    Taken::As(longer) => {
                        if matched.insert(text::folded(&task.person)) {
                            plan.matched.push((
                                task.person.clone(),
                                format!("new '{}'", text::sanitize(&longer)),
                            ));
                        }
                        longer
                    }
                    Taken::Several(names) => {
                        let names: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
                        plan.bad.push((
                            at.clone(),
                            format!(
                                "'{}' could be {}, each new here; name one in full",
                                task.person,
                                a_handful(&names)
                            ),
                        ));
                        continue;
                    }
                };
                let key = text::folded(&name);
                let next = plan.new_people.len();
                let index = *new_index.entry(key).or_insert(next);
                if index == next {
                    plan.new_people.push(name.clone());
                    // Close to someone here by the name the person is added under, whichever
                    // of the names taken as them came first.
                    let nearest = if name == task.person {
                        nearest
                    } else {
                        match find(ledger, &folded, &name) {
                            Found::Nobody(nearest) => nearest,
                            _ => None,
                        }
                    };
                    let near = nearest.or_else(|| {
                        new_names
                            .near(&name)
                            .map(|whom| match holders.get(&text::folded(&whom)) {
                                Some((_, here)) => here.clone(),
                                None => format!("new '{}'", text::sanitize(&whom)),
                            })
                    });
                    if let Some(whom) = near {
                        plan.near.push((name, whom));
                    }
                }
                Who::New(index)
            }
        };
        match task.outcome.map(|(status, _)| status) {
            None => plan.open += 1,
            Some(Status::Kept) => plan.kept += 1,
            Some(Status::KeptLate) => plan.kept_late += 1,
            Some(_) => plan.released += 1,
        }
        if task.note_cut {
            plan.notes_cut.push(task.at.clone());
        }
        promises.push(Imported {
            uid: task.uid,
            person,
            direction: options.direction,
            level: options.level,
            what: task.what,
            made: task.made,
            due: task.due,
            outcome: task.outcome,
            note: task.note,
        });
    }
    plan.change = Change::Import {
        people: plan.new_people.clone(),
        promises,
    };
    plan
}

fn uid_of(ledger: &Ledger, id: PersonId) -> Uid {
    ledger
        .person(id)
        .map_or_else(|| Uid::derived("missing"), |p| p.uid)
}

/// Whom a name from another tool means here.
#[derive(Clone)]
enum Found {
    Here(PersonId),
    /// By the first or some whole words of a name, not the whole: the person, and
    /// `handle (Name)`.
    Part(PersonId, String),
    /// By holding their whole name in whole words (`Priya Raman` for Priya): the person, and
    /// `handle (Name)`.
    Holds(PersonId, String),
    /// Archived: why they take no promise, with the `person restore` that brings them back,
    /// as `promise add` says it.
    Archived(String),
    Several(Vec<String>),
    /// No one; perhaps someone close (`handle (Name)`): a typo away, or named by a part of a
    /// word of theirs.
    Nobody(Option<String>),
}

/// By full name (case, accents and spacing ignored) first, then by handle (any case, a `_`
/// read as `-`), then as a command's PERSON (the start of a handle or of a name's words), among
/// the active people. The name before the handle: a handle is a name with its punctuation made
/// `-`, so `priya-shah` can be the handle of Priya Shah and the whole name of someone else, and
/// a person an import added as `priya-shah` is found by that name when the next import gives
/// it. A `_` is a `-` to the handle: a Taskwarrior tag cannot hold a `-` (the tag a bad task's
/// advice gives, `with_priya_shah` for the `+with_priya-shah` kept as text, writes it `_`) and
/// a handle never holds a `_`, so `priya_shah` is Priya Shah unless someone is named so.
fn find(ledger: &Ledger, folded: &PeopleIndex, name: &str) -> Found {
    let by_name = folded.named(&text::folded(name));
    let matches = if by_name.is_empty() {
        let handle = name.trim().to_lowercase().replace('_', "-");
        ledger
            .people
            .iter()
            .filter(|p| p.handle == handle)
            .collect()
    } else {
        by_name
    };
    match matches.as_slice() {
        [] => match by_part(ledger, folded, name) {
            Found::Nobody(nearest) if !name.trim_start().starts_with('#') => {
                holding(ledger, folded, name, nearest)
            }
            other => other,
        },
        [one] if one.archived => archived(ledger, one),
        [one] => Found::Here(one.id),
        many => Found::Several(many.iter().map(|p| p.handle.clone()).collect()),
    }
}

/// Whom a name no one here has is taken as when it holds someone's whole name in whole words
/// (`Priya Raman` for Priya), as a new name is taken as a longer new one holding it
/// ([`new_names`]): so importing a file in two halves adds the people one import of it adds.
fn holding(ledger: &Ledger, folded: &PeopleIndex, name: &str, nearest: Option<String>) -> Found {
    let name = text::folded(name);
    let mut held: Vec<usize> = new_names::word_runs(&name, ' ')
        .into_iter()
        .filter_map(|run| folded.named.get(run))
        .flatten()
        .copied()
        .collect();
    held.sort_unstable();
    held.dedup();
    let holds: Vec<&Person> = held
        .iter()
        .filter_map(|&at| ledger.people.get(at))
        .collect();
    let active: Vec<&Person> = holds.iter().copied().filter(|p| !p.archived).collect();
    match (active.as_slice(), holds.first()) {
        ([one], _) => Found::Holds(one.id, named(one)),
        ([], Some(one)) => archived(ledger, one),
        ([], None) => Found::Nobody(nearest),
        (many, _) => Found::Several(many.iter().map(|p| named(p)).collect()),
    }
}

/// `handle (Name)`, as the summary names someone here.
/// [`Found::Archived`] for `person`.
fn archived(ledger: &Ledger, person: &Person) -> Found {
    Found::Archived(
        LedgerError::Archived {
            handle: person.handle.clone(),
            restore: ledger.typed_as(person, Among::Archived),
        }
        .to_string(),
    )
}

fn named(p: &Person) -> String {
    format!("{} ({})", p.handle, text::sanitize(&p.name))
}

/// Whether `name` is whole words of the person's name or handle: the first of them, the first
/// few, or any one (`priya` and `raman` for Priya Raman, not `pri`).
fn whole_words(folded: &PeopleIndex, at: usize, q: &str) -> bool {
    let holds = |of: &[String], between| {
        of.get(at)
            .is_some_and(|whole| new_names::holds(whole, q, between))
    };
    holds(&folded.names, ' ') || holds(&folded.handles, '-')
}

/// Whom a command's PERSON would take `name` for, when it is no one's whole handle or name:
/// only by whole words, since a name from another tool that is part of a word here names
/// someone else.
fn by_part(ledger: &Ledger, folded: &PeopleIndex, name: &str) -> Found {
    // `#2` names a person by number in a command; in another tool's export it is a name.
    if name.trim_start().starts_with('#') {
        return Found::Nobody(None);
    }
    match folded.find(name, Among::Active) {
        Ok(id) => match ledger
            .person_index(id)
            .and_then(|at| Some((at, ledger.people.get(at)?)))
        {
            // Another tool's name that is only part of a word here ("Ann" for Anna Fang,
            // `ines-chen-1` for ines-chen-19) is someone else: a new person, with a note.
            Some((at, p)) if !whole_words(folded, at, &text::folded(name)) => {
                Found::Nobody(Some(named(p)))
            }
            Some((_, p)) if p.archived => archived(ledger, p),
            Some((_, p)) => Found::Part(id, named(p)),
            None => Found::Nobody(None),
        },
        // Several whose names start so: only those holding it in whole words count.
        Err(LedgerError::AmbiguousPerson { .. }) => {
            let q = text::folded(name);
            let whole: Vec<&Person> = ledger
                .people
                .iter()
                .enumerate()
                .filter(|(at, p)| !p.archived && whole_words(folded, *at, &q))
                .map(|(_, p)| p)
                .collect();
            match whole.as_slice() {
                [] => Found::Nobody(None),
                [one] => Found::Part(one.id, named(one)),
                many => Found::Several(many.iter().map(|p| named(p)).collect()),
            }
        }
        // Someone new, noted as close to the one a typo from them, by the rule a name added
        // by hand is (no typo at all where a lookup's guess found none).
        Err(LedgerError::UnknownPerson { nearest, .. }) => {
            Found::Nobody(nearest.and_then(|_| folded.near_new(&text::folded(name))))
        }
        Err(_) => Found::Nobody(None),
    }
}

#[cfg(test)]
mod tests;
