//! Random changes for property tests: a small team to start from, editable fields with values,
//! and recipes for every kind of change, resolved against whatever ledger they meet.
#![allow(dead_code)]

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::Index;
use trustladder::core::change::{
    Imported, NewPromise, OnConflict, PersonPatch, PromisePatch, Set, Target, Who,
};
use trustladder::core::{Change, Direction, Ledger, Level, PersonId, Settings, Status, Uid, demo};

/// The day every change is made on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a valid date")
}

/// A moment `n` seconds into the test day on `machine`, each with its own seed for new uids.
pub fn at(machine: &str, n: u64) -> trustladder::core::Moment {
    let start = trustladder::core::Timestamp::start_of(today()).at();
    trustladder::core::Moment {
        now: trustladder::core::Timestamp::new(start + chrono::Duration::seconds(n as i64)),
        ..trustladder::core::Moment::fixed(today(), &format!("{machine} {n}"))
    }
}

/// A small team: the demo's first four colleagues and their promises.
pub fn base() -> Ledger {
    let mut l = demo::generate(today());
    let kept: Vec<PersonId> = l.people.iter().take(4).map(|p| p.id).collect();
    l.people.retain(|p| kept.contains(&p.id));
    l.promises.retain(|p| kept.contains(&p.person));
    l
}

/// One editable field of a promise and a value for it.
#[derive(Debug, Clone)]
pub enum Field {
    What(String),
    Level(Level),
    Due(Option<u64>),
    Direction(Direction),
    Note(String),
}

impl Field {
    pub fn name(&self) -> &'static str {
        match self {
            Field::What(_) => "what",
            Field::Level(_) => "level",
            Field::Due(_) => "due",
            Field::Direction(_) => "direction",
            Field::Note(_) => "note",
        }
    }

    /// The field's value in `p`, as text, to compare.
    pub fn read(name: &str, p: &trustladder::core::Promise) -> String {
        match name {
            "what" => p.what.clone(),
            "level" => p.level.to_string(),
            "due" => format!("{:?}", p.due),
            "direction" => p.direction.to_string(),
            _ => p.note.clone(),
        }
    }

    /// This value as text, the way [`Field::read`] reads it.
    pub fn shown(&self) -> String {
        match self {
            Field::What(t) | Field::Note(t) => t.clone(),
            Field::Level(l) => l.to_string(),
            Field::Due(d) => format!("{:?}", d.map(|n| today() + Days::new(n))),
            Field::Direction(d) => d.to_string(),
        }
    }

    /// A patch setting this field, with `seen` the promise as the writer saw it (`None`: set
    /// whatever it holds, as the command line does).
    pub fn patch(&self, seen: Option<&trustladder::core::Promise>) -> PromisePatch {
        let mut patch = PromisePatch::default();
        match self {
            Field::What(t) => patch.what = Some(set(seen.map(|p| p.what.clone()), t.clone())),
            Field::Level(l) => patch.level = Some(set(seen.map(|p| p.level), *l)),
            Field::Due(d) => {
                patch.due = Some(set(seen.map(|p| p.due), d.map(|n| today() + Days::new(n))))
            }
            Field::Direction(d) => patch.direction = Some(set(seen.map(|p| p.direction), *d)),
            Field::Note(t) => patch.note = Some(set(seen.map(|p| p.note.clone()), t.clone())),
        }
        patch
    }
}

pub fn set<T>(was: Option<T>, to: T) -> Set<T> {
    Set { was, to }
}

pub fn field() -> impl Strategy<Value = Field> {
    prop_oneof![
        "[a-z]{1,6}( [a-z]{1,6}){0,2}".prop_map(Field::What),
        prop::sample::select(Level::ALL.to_vec()).prop_map(Field::Level),
        proptest::option::of(0u64..60).prop_map(Field::Due),
        prop::sample::select(vec![Direction::Theirs, Direction::Mine]).prop_map(Field::Direction),
        "([a-z]{1,5}( [a-z]{1,5})?)?".prop_map(Field::Note),
    ]
}

/// The patch of several fields, as seen in `seen` (`None`: set whatever they hold, as the
/// shell does); a later one of the same field wins.
pub fn patch_of(fields: &[Field], seen: Option<&trustladder::core::Promise>) -> PromisePatch {
    let mut out = PromisePatch::default();
    for f in fields {
        let p = f.patch(seen);
        out.what = p.what.or(out.what);
        out.level = p.level.or(out.level);
        out.due = p.due.or(out.due);
        out.direction = p.direction.or(out.direction);
        out.note = p.note.or(out.note);
    }
    out
}

/// A recipe for any change, resolved against the ledger it is applied to.
#[derive(Debug, Clone)]
pub enum Recipe {
    AddPerson(String),
    EditPerson(Index, String, bool),
    DeletePerson(Index),
    AddPromise(Index, String, Option<Status>),
    EditPromise(Index, Vec<Field>),
    Resolve(Index, Status),
    Reopen(Index),
    DeletePromise(Index),
    /// The settings as the writer saw them, with these changed (each within its range).
    EditSettings(Tuning),
    /// Promises from another tool, with the names of the people to add for them.
    Import(Vec<String>, Vec<ImportRecipe>),
}

/// Settings of every kind a team tunes: fractions, numbers of days with fractions, counts.
#[derive(Debug, Clone)]
pub struct Tuning {
    pub hold_threshold: f64,
    pub kept_late_value: f64,
    pub half_life_days_task: f64,
    pub slip_window_days: u32,
    pub ready_streak: u32,
}

/// One imported promise: with one of the import's new people (`new`) or someone already in
/// the ledger, chosen by `person`; its uid from `uid`, its text and outcome.
#[derive(Debug, Clone)]
pub struct ImportRecipe {
    pub new: bool,
    pub person: Index,
    pub uid: u64,
    pub what: String,
    pub due: Option<u64>,
    pub outcome: Option<Status>,
    pub note: String,
}

fn outcome() -> impl Strategy<Value = Status> + Clone {
    prop::sample::select(vec![
        Status::Kept,
        Status::KeptLate,
        Status::Broken,
        Status::Released,
    ])
}

fn tuning() -> impl Strategy<Value = Tuning> {
    (
        0.0f64..=1.0,
        0.0f64..=1.0,
        0.5f64..2000.0,
        1u32..400,
        2u32..9,
    )
        .prop_map(
            |(
                hold_threshold,
                kept_late_value,
                half_life_days_task,
                slip_window_days,
                ready_streak,
            )| {
                Tuning {
                    hold_threshold,
                    kept_late_value,
                    half_life_days_task,
                    slip_window_days,
                    ready_streak,
                }
            },
        )
}

fn import_recipe() -> impl Strategy<Value = ImportRecipe> {
    (
        any::<bool>(),
        any::<Index>(),
        any::<u64>(),
        "[a-z]{3,8}( [a-z]{1,6})?",
        proptest::option::of(0u64..60),
        proptest::option::of(outcome()),
        "([a-z]{1,5})?",
    )
        .prop_map(
            |(new, person, uid, what, due, outcome, note)| ImportRecipe {
                new,
                person,
                uid,
                what,
                due,
                outcome,
                note,
            },
        )
}

pub fn recipe() -> impl Strategy<Value = Recipe> {
    let outcome = outcome();
    prop_oneof![
        "[A-Z][a-z]{2,8}".prop_map(Recipe::AddPerson),
        (any::<Index>(), "[A-Z][a-z]{2,8}", any::<bool>())
            .prop_map(|(i, n, a)| Recipe::EditPerson(i, n, a)),
        any::<Index>().prop_map(Recipe::DeletePerson),
        (
            any::<Index>(),
            "[a-z]{3,8}",
            proptest::option::of(outcome.clone())
        )
            .prop_map(|(i, w, o)| Recipe::AddPromise(i, w, o)),
        (any::<Index>(), prop::collection::vec(field(), 1..3))
            .prop_map(|(i, f)| Recipe::EditPromise(i, f)),
        (any::<Index>(), outcome).prop_map(|(i, s)| Recipe::Resolve(i, s)),
        any::<Index>().prop_map(Recipe::Reopen),
        any::<Index>().prop_map(Recipe::DeletePromise),
        tuning().prop_map(Recipe::EditSettings),
        (
            prop::collection::vec("[A-Z][a-z]{2,8}", 0..3),
            prop::collection::vec(import_recipe(), 0..4),
        )
            .prop_map(|(names, promises)| Recipe::Import(names, promises)),
    ]
}

/// The change a recipe makes on `l`, when there is something to make it on.
pub fn change_of(recipe: &Recipe, l: &Ledger) -> Option<Change> {
    let person = |i: &Index| {
        (!l.people.is_empty()).then(|| {
            let p = &l.people[i.index(l.people.len())];
            Target::exact(p.id, p.uid)
        })
    };
    let promise = |i: &Index| {
        (!l.promises.is_empty()).then(|| {
            let p = &l.promises[i.index(l.promises.len())];
            (Target::exact(p.id, p.uid), p.clone())
        })
    };
    Some(match recipe {
        Recipe::AddPerson(name) => Change::AddPerson {
            name: name.clone(),
            role: "Team".into(),
            note: String::new(),
            cadence_days: None,
            again: false,
        },
        Recipe::EditPerson(i, name, archived) => Change::EditPerson {
            person: person(i)?,
            patch: PersonPatch {
                name: Some(Set::to(name.clone())),
                archived: Some(Set::to(*archived)),
                ..PersonPatch::default()
            },
            on_conflict: OnConflict::Refuse,
        },
        Recipe::DeletePerson(i) => Change::DeletePerson {
            person: person(i)?,
            force: true,
            promises: None,
        },
        Recipe::AddPromise(i, what, outcome) => Change::AddPromise(NewPromise {
            outcome: outcome.map(|s| (s, today())),
            ..NewPromise::task(person(i)?.id, what, today() - Days::new(3))
        }),
        Recipe::EditPromise(i, fields) => {
            let (target, seen) = promise(i)?;
            Change::EditPromise {
                promise: target,
                patch: patch_of(fields, Some(&seen)),
                on_conflict: OnConflict::Refuse,
            }
        }
        Recipe::Resolve(i, status) => {
            let (target, seen) = promise(i)?;
            Change::Resolve {
                promise: target,
                status: *status,
                on: today().max(seen.made),
                note: Some("how it went".into()),
            }
        }
        Recipe::Reopen(i) => Change::Reopen {
            promise: promise(i)?.0,
        },
        Recipe::DeletePromise(i) => Change::DeletePromise {
            promise: promise(i)?.0,
            seen: None,
        },
        Recipe::EditSettings(t) => Change::EditSettings {
            settings: Set::from(
                l.settings.clone(),
                Settings {
                    hold_threshold: t.hold_threshold,
                    kept_late_value: t.kept_late_value,
                    half_life_days_task: t.half_life_days_task,
                    slip_window_days: t.slip_window_days,
                    ready_streak: t.ready_streak,
                    ..l.settings.clone()
                },
            ),
            on_conflict: OnConflict::Refuse,
        },
        Recipe::Import(names, promises) => Change::Import {
            people: names.clone(),
            promises: promises
                .iter()
                .map(|r| {
                    let person = if r.new && !names.is_empty() {
                        Who::New(r.person.index(names.len()))
                    } else {
                        Who::Here(person(&r.person)?)
                    };
                    Some(Imported {
                        uid: Uid::derived(&format!("imported {}", r.uid)),
                        person,
                        direction: Direction::Theirs,
                        level: Level::Task,
                        what: r.what.clone(),
                        made: today() - Days::new(3),
                        due: r.due.map(|n| today() + Days::new(n)),
                        outcome: r.outcome.map(|s| (s, today())),
                        note: r.note.clone(),
                    })
                })
                .collect::<Option<Vec<Imported>>>()?,
        },
    })
}
