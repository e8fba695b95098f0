//! Any sequence of keys, at any terminal size from 0x0 up, never panics and leaves the model
//! valid (and the file a valid ledger).

mod tui_support;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustladder::core::{Ledger, demo};
use trustladder::tui::Message;
use trustladder::tui::update::update;
use trustladder::tui::views::view;
use tui_support::{fixture, today};

/// Keys that do something somewhere, plus text, with Ctrl and Alt now and then.
fn any_key() -> impl Strategy<Value = Message> {
    let code = prop_oneof![
        6 => prop::sample::select(vec![
            'p', 'n', 'L', 'd', 'b', 'r', 'o', 'x', 'a', 'A', 's', 'u', '/', 'j', 'k', 'g', 'G',
            '?', 'e', 'E', 'y', 'q', ' ', 'f', 'i', '王', '🚀', '+', '3', 'w',
        ])
        .prop_map(KeyCode::Char),
        3 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]),
    ];
    let mods = prop_oneof![
        12 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => Just(KeyModifiers::SHIFT),
    ];
    prop_oneof![
        30 => (code, mods).prop_map(|(c, m)| Message::Key(KeyEvent::new(c, m))),
        1 => Just(Message::Tick),
    ]
}

proptest! {
    // Each case saves to a real file many times; PROPTEST_CASES raises the count for a
    // longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn keys_never_break_the_ui(
        demo_team in any::<bool>(),
        color in any::<bool>(),
        width in 0u16..200,
        height in 0u16..60,
        keys in prop::collection::vec(any_key(), 0..300),
    ) {
        let ledger = demo_team.then(|| demo::generate(today()));
        let mut f = fixture(ledger, color);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for (i, key) in keys.into_iter().enumerate() {
            // Ctrl-c would end the session; keep going to reach more states.
            f.app.quit = false;
            update(&mut f.app, key);
            if let Err(why) = f.app.check() {
                prop_assert!(false, "after key {i}: {why}");
            }
            terminal.draw(|frame| view(&f.app, frame)).unwrap();
        }
        if f.path.exists() {
            let mut saved: Ledger = f.saved();
            prop_assert_eq!(saved.normalize_and_check(), Ok(()));
            prop_assert_eq!(&saved.people, &f.app.ledger().people);
            prop_assert_eq!(&saved.promises, &f.app.ledger().promises);
        }
    }
}
