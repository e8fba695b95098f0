//! A change is saved by writing only what it changed and copying the rest of the file
//! (`src/store/splice.rs`). Over random sequences of every kind of change, undone and redone,
//! from two processes taking turns: the file is always byte for byte the encoding of the
//! ledger the store holds, and loads as that ledger.

mod change_support;

use change_support::{Recipe, base, change_of, recipe, today};
use proptest::prelude::*;
use trustladder::core::change::{Imported, OnConflict, Set, Who};
use trustladder::core::{Change, Direction, Ledger, Level, Settings, Uid};
use trustladder::store::{self, Store};

/// A step: one of the recipes every change test uses, or two changes made as the command line
/// makes them: settings set blind, and an import of many promises at once.
#[derive(Debug, Clone)]
enum Step {
    Recipe(Recipe),
    Settings(u32),
    Import(String, usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => recipe().prop_map(Step::Recipe),
        1 => (1u32..400).prop_map(Step::Settings),
        1 => ("[A-Z][a-z]{2,8}", 1usize..90).prop_map(|(n, k)| Step::Import(n, k)),
    ]
}

fn change_for(step: &Step, l: &Ledger, n: usize) -> Option<Change> {
    match step {
        Step::Recipe(recipe) => change_of(recipe, l),
        Step::Settings(days) => Some(Change::EditSettings {
            settings: Set::to(Settings {
                slip_window_days: *days,
                ..l.settings.clone()
            }),
            on_conflict: OnConflict::Refuse,
        }),
        // Many promises at once: more than the store checks one by one.
        Step::Import(name, count) => Some(Change::Import {
            people: vec![name.clone()],
            promises: (0..*count)
                .map(|k| Imported {
                    uid: Uid::derived(&format!("import {n} {k}")),
                    person: Who::New(0),
                    direction: Direction::Theirs,
                    level: Level::Task,
                    what: format!("imported {k}"),
                    made: today(),
                    due: None,
                    outcome: None,
                    note: String::new(),
                })
                .collect(),
        }),
    }
}

/// The file is exactly what encoding the store's ledger writes, reads back as it, and is what
/// the store gives as the ledger's bytes.
fn the_file_is_the_ledger(store: &Store) -> Result<(), TestCaseError> {
    let bytes = std::fs::read(store.path()).unwrap();
    prop_assert_eq!(
        String::from_utf8(bytes.clone()).unwrap(),
        String::from_utf8(store::encode(store.ledger())).unwrap()
    );
    prop_assert_eq!(&store::decode(&bytes).unwrap(), store.ledger());
    let encoded = store.encoded();
    prop_assert_eq!(encoded.as_ref(), bytes.as_slice());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_change_saved_by_splicing_leaves_the_encoding_of_the_ledger(
        steps in prop::collection::vec((step(), 0u8..4), 1..24),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trustladder.json");
        let mut mine = Store::open(&path).unwrap();
        mine.update(|l| {
            *l = base();
            Ok(())
        })
        .unwrap();
        // Another process, which saves in turn: each store then finds the other's save.
        let mut theirs = Store::open(&path).unwrap();
        let mut undo: Vec<Change> = Vec::new();
        for (n, (step, how)) in steps.iter().enumerate() {
            let store = if how % 2 == 0 { &mut mine } else { &mut theirs };
            // Every third step or so takes back the last change, so inverses are spliced too.
            let change = match undo.pop() {
                Some(inverse) if *how == 3 => Some(inverse),
                other => {
                    undo.extend(other);
                    change_for(step, store.ledger(), n)
                }
            };
            let Some(change) = change else { continue };
            if let Ok(saved) = store.apply(&change, today()) {
                undo.extend(saved.value.inverse);
            }
            the_file_is_the_ledger(store)?;
        }
        // A store opened afresh reads what the two wrote.
        let fresh = Store::open(&path).unwrap();
        the_file_is_the_ledger(&fresh)?;
    }
}
