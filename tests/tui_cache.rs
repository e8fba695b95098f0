//! A key press with 100,000 promises must redraw in well under a frame. That holds because
//! scores are computed once per change or reload and cached, and only visible rows are
//! drawn; and a save never holds a key up, because the worker's thread that saves also
//! scores what it saved and frees what the UI let go of. These tests check that
//! structurally (the timing itself is measured by `cargo bench --bench tui_keys`, never
//! asserted in a test).

mod tui_support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::HashMap;
use std::sync::Arc;

use ratatui::crossterm::event::KeyCode;
use trustladder::core::ladder::review_all;
use trustladder::core::{Ledger, PersonId, demo};
use trustladder::tui::app::{Basis, Scores, View};
use trustladder::tui::keeper::perform;
use trustladder::tui::message::{Effect, Message};
use trustladder::tui::update::update;
use trustladder::tui::views::view;
use tui_support::{fixture, key, today};

#[test]
fn moving_around_never_rescores_and_a_change_rescores_once() {
    let mut f = fixture(Some(demo::large(300, 20_000, today())), true);
    let mut terminal = Terminal::new(TestBackend::new(140, 40)).unwrap();
    let draw = |f: &tui_support::Fixture, t: &mut Terminal<TestBackend>| {
        t.draw(|frame| view(&f.app, frame)).unwrap();
    };
    draw(&f, &mut terminal);
    let before = f.app.cache.rebuilds;

    for code in [
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('G'),
        KeyCode::Char('k'),
        KeyCode::Char('g'),
        KeyCode::PageDown,
        KeyCode::Enter,
        KeyCode::Char('j'),
        KeyCode::Char('G'),
        KeyCode::Tab,
        KeyCode::Char('j'),
        KeyCode::Char('G'),
        KeyCode::BackTab,
        KeyCode::Esc,
    ] {
        f.press(code);
        draw(&f, &mut terminal);
    }
    assert_eq!(f.app.cache.rebuilds, before, "a move rescored everyone");

    for _ in 0..3 {
        if f.app.view != View::Agenda {
            f.press(KeyCode::Tab);
        }
    }
    assert_eq!(f.app.view, View::Agenda);
    assert_eq!(
        f.app.cache.rebuilds, before,
        "changing view rescored everyone"
    );
    f.press(KeyCode::Char('d'));
    assert!(
        f.app.status.text.ends_with("kept. u undoes"),
        "{}",
        f.app.status.text
    );
    assert_eq!(f.app.cache.rebuilds, before + 1, "a change rescores once");
}

fn reviews_of(ledger: &Ledger) -> HashMap<PersonId, trustladder::core::ladder::Review> {
    review_all(ledger, today())
        .into_iter()
        .map(|r| (r.person, r))
        .collect()
}

#[test]
fn a_save_comes_back_scored_and_what_the_ui_let_go_of_is_freed_elsewhere() {
    let mut f = fixture(Some(demo::large(30, 2_000, today())), true);
    while f.app.view != View::Agenda {
        f.press(KeyCode::Tab);
    }
    let shown = Arc::clone(&f.app.ledger);
    // The save, as the worker's thread carries it out: the message it sends back holds the
    // ledger saved and its scores on the UI's basis.
    let effects = f.send_only(key(KeyCode::Char('d')));
    let [save @ Effect::Save { .. }] = effects.as_slice() else {
        panic!("{} effects, not one save", effects.len())
    };
    let Some(Message::Saved {
        purpose,
        applied,
        ledger,
        scores,
        merged,
    }) = perform(&mut f.store, save.clone())
    else {
        panic!("not saved")
    };
    assert_eq!(*scores, Scores::of(&ledger, f.app.basis()));

    // The UI takes the scores as they come, without computing them again: given another
    // ledger's scores on its basis, it shows those.
    let other = demo::generate(today());
    let given = Message::Saved {
        purpose: purpose.clone(),
        applied: applied.clone(),
        ledger: Arc::clone(&ledger),
        scores: Arc::new(Scores::of(&other, f.app.basis())),
        merged: merged.clone(),
    };
    let effects = update(&mut f.app, given);
    assert_eq!(
        f.app.cache.reviews,
        reviews_of(&other),
        "it took the scores given"
    );
    assert!(Arc::ptr_eq(&f.app.ledger, &ledger));
    // What it showed until then is handed on whole, for the worker's thread to free: nothing
    // else holds it any more.
    let [
        Effect::Discard {
            ledger: old,
            scores: Some(_),
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert!(Arc::ptr_eq(old, &shown));
    drop(shown);
    assert_eq!(Arc::strong_count(old), 1);

    // Scores computed on another basis (the day turned meanwhile) are computed again here.
    let stale = Basis {
        today: today().pred_opt().unwrap(),
        ..f.app.basis()
    };
    f.send(Message::Saved {
        purpose,
        applied,
        ledger: Arc::clone(&ledger),
        scores: Arc::new(Scores::of(&other, stale)),
        merged,
    });
    assert_eq!(f.app.cache.reviews, reviews_of(&ledger), "computed again");
}
