//! A key press with 100,000 promises must redraw in well under a frame. That holds because
//! scores are computed once per change or reload and cached, and only visible rows are
//! drawn. These tests check the first half structurally (the timing itself is measured by
//! `cargo bench --bench tui_keys`, never asserted in a test).

mod tui_support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use trustladder::core::demo;
use trustladder::tui::app::View;
use trustladder::tui::views::view;
use tui_support::{fixture, today};

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
