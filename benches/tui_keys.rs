//! What a key press costs in the terminal UI with 100,000 promises: the update and a full
//! redraw at 140x40, per view. The budget is a frame (16 ms); run with
//! `cargo bench --bench tui_keys`, divan prints the median.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustladder::core::{Ledger, demo};
use trustladder::store::Store;
use trustladder::tui::update::update;
use trustladder::tui::views::view;
use trustladder::tui::{App, Message, Theme};

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

fn press(app: &mut App, code: KeyCode) {
    // Moving around sends nothing to be saved, so there are no effects to carry out.
    let _ = update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// An App on a temporary file holding `ledger`, after `keys` were pressed.
fn app(dir: &tempfile::TempDir, ledger: Ledger, keys: &[KeyCode]) -> Option<App> {
    let mut store = Store::open(dir.path().join("ledger.json")).ok()?;
    store
        .update(|l| {
            *l = ledger.clone();
            Ok(())
        })
        .ok()?;
    let mut app = App::new(&store, today(), Theme::default());
    for key in keys {
        press(&mut app, *key);
    }
    Some(app)
}

/// Presses `j` and redraws, alternating with `k` so the selection stays in place.
fn bench_moves(bencher: divan::Bencher, ledger: Ledger, keys: &[KeyCode]) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let Some(mut app) = app(&dir, ledger, keys) else {
        return;
    };
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

#[divan::bench(sample_count = 200)]
fn people_move_100k(bencher: divan::Bencher) {
    bench_moves(bencher, demo::large(1_000, 100_000, today()), &[]);
}

#[divan::bench(sample_count = 200)]
fn person_move_100k(bencher: divan::Bencher) {
    bench_moves(
        bencher,
        demo::large(1_000, 100_000, today()),
        &[KeyCode::Enter],
    );
}

#[divan::bench(sample_count = 200)]
fn agenda_move_100k(bencher: divan::Bencher) {
    bench_moves(
        bencher,
        demo::large(1_000, 100_000, today()),
        &[KeyCode::Tab, KeyCode::Tab],
    );
}

#[divan::bench(sample_count = 200)]
fn people_move_demo_team(bencher: divan::Bencher) {
    bench_moves(bencher, demo::generate(today()), &[]);
}
