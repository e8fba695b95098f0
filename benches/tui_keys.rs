//! The terminal UI at 1,000, 10,000 and 100,000 promises: its first frame (the file read,
//! everyone scored, the people view drawn), what a key press costs in each view (the
//! update and a full redraw at 140x40), and what a save costs the UI's thread when it comes
//! back (the worker's thread saved it and scored it). A key's budget is 2 ms. Run with
//! `cargo bench --bench tui_keys`; divan prints the median of each.

#[path = "support/mod.rs"]
mod support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::{SIZES, file, today};
use trustladder::core::Status;
use trustladder::core::change::{Change, Target};
use trustladder::store::Store;
use trustladder::tui::app::Scores;
use trustladder::tui::keeper::perform;
use trustladder::tui::message::{Effect, Purpose};
use trustladder::tui::update::update;
use trustladder::tui::views::view;
use trustladder::tui::{App, Message, Theme};

fn main() {
    divan::main();
}

fn press(app: &mut App, code: KeyCode) {
    // Moving around sends nothing to be saved, so there are no effects to carry out.
    let _ = update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// From nothing to the first frame: the data file opened, the UI's rows computed and the
/// people view drawn, as `trustladder` does before it takes a key.
#[divan::bench(args = SIZES, sample_count = 20)]
fn first_frame(bencher: divan::Bencher, n: usize) {
    let Some((_dir, path)) = file(n) else { return };
    let Ok(mut terminal) = Terminal::new(TestBackend::new(140, 40));
    bencher.bench_local(|| {
        let Ok(store) = Store::open(&path) else {
            return;
        };
        let app = App::new(&store, today(), Theme::default());
        let _ = terminal.draw(|frame| view(&app, frame));
    });
}

/// Presses `j` and redraws, alternating with `k` so the selection stays in place, after
/// `keys` took the UI to a view.
fn bench_moves(bencher: divan::Bencher, n: usize, keys: &[KeyCode]) {
    let Some((_dir, path)) = file(n) else { return };
    let Ok(store) = Store::open(&path) else {
        return;
    };
    let mut app = App::new(&store, today(), Theme::default());
    for key in keys {
        press(&mut app, *key);
    }
    let Ok(mut terminal) = Terminal::new(TestBackend::new(140, 40));
    let mut down = true;
    bencher.bench_local(|| {
        down = !down;
        press(
            &mut app,
            if down {
                KeyCode::Char('j')
            } else {
                KeyCode::Char('k')
            },
        );
        terminal.draw(|frame| view(&app, frame)).map(|_| ())
    });
}

#[divan::bench(args = SIZES, sample_count = 200)]
fn key_people(bencher: divan::Bencher, n: usize) {
    bench_moves(bencher, n, &[]);
}

#[divan::bench(args = SIZES, sample_count = 200)]
fn key_person(bencher: divan::Bencher, n: usize) {
    bench_moves(bencher, n, &[KeyCode::Enter]);
}

#[divan::bench(args = SIZES, sample_count = 200)]
fn key_agenda(bencher: divan::Bencher, n: usize) {
    bench_moves(bencher, n, &[KeyCode::Tab, KeyCode::Tab]);
}

/// The filter: typing a letter narrows the people list and redraws it.
#[divan::bench(args = SIZES, sample_count = 100)]
fn key_filter(bencher: divan::Bencher, n: usize) {
    let Some((_dir, path)) = file(n) else { return };
    let Ok(store) = Store::open(&path) else {
        return;
    };
    let mut app = App::new(&store, today(), Theme::default());
    press(&mut app, KeyCode::Char('/'));
    let Ok(mut terminal) = Terminal::new(TestBackend::new(140, 40));
    let mut typed = false;
    bencher.bench_local(|| {
        typed = !typed;
        press(
            &mut app,
            if typed {
                KeyCode::Char('a')
            } else {
                KeyCode::Backspace
            },
        );
        terminal.draw(|frame| view(&app, frame)).map(|_| ())
    });
}

/// What the worker's thread computes after a save (or a reload) brings back a new ledger:
/// every score and row list, off the UI's thread.
#[divan::bench(args = SIZES, sample_count = 20)]
fn rescore(bencher: divan::Bencher, n: usize) {
    let Some((_dir, path)) = file(n) else { return };
    let Ok(store) = Store::open(&path) else {
        return;
    };
    let app = App::new(&store, today(), Theme::default());
    let ledger = store.shared();
    bencher.bench_local(|| Scores::of(&ledger, app.basis()));
}

/// What a save costs the UI's thread when it comes back: taking in the ledger and the scores
/// the worker computed, and handing those it showed until then to the worker's thread to be
/// freed (the only other holder of the old ledger was the store, which the save moved on).
#[divan::bench(args = SIZES, sample_count = 20)]
fn after_save(bencher: divan::Bencher, n: usize) {
    let Some((_dir, path)) = file(n) else { return };
    let Ok(mut store) = Store::open(&path) else {
        return;
    };
    let app = App::new(&store, today(), Theme::default());
    let Some(open) = store
        .ledger()
        .promises
        .iter()
        .find(|p| p.status == Status::Open)
    else {
        return;
    };
    let change = Change::Resolve {
        promise: Target::exact(open.id, open.uid),
        status: Status::Kept,
        on: today(),
        note: None,
    };
    let effect = Effect::Save {
        change: Box::new(change),
        basis: app.basis(),
        purpose: Purpose::Change,
    };
    let Some(saved @ Message::Saved { .. }) = perform(&mut store, effect) else {
        return;
    };
    bencher
        .with_inputs(|| {
            let mut shown = App::new(&store, today(), Theme::default());
            shown.ledger = std::sync::Arc::new(app.ledger().clone());
            let mut message = saved.clone();
            if let Message::Saved { scores, .. } = &mut message {
                *scores = std::sync::Arc::new(Scores::clone(scores));
            }
            (shown, message)
        })
        .bench_local_values(|(mut shown, message)| {
            // What it lets go of goes to the worker's thread with the effects.
            let effects = update(&mut shown, message);
            (shown, effects)
        });
}
