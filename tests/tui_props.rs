//! Any sequence of keys, at any terminal size from 0x0 up, never panics and leaves the model
//! valid, with the ledger it shows the one that is kept.

mod tui_support;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustladder::core::{Ledger, Timestamp, demo};
use trustladder::tui::keeper::{Keeper, Memory, perform};
use trustladder::tui::update::update;
use trustladder::tui::views::view;
use trustladder::tui::{App, Message, Theme};
use tui_support::today;

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
        1 => Just(Message::Tick { today: today() }),
    ]
}

proptest! {
    // Everything happens in memory (`update` never touches the disk), so this runs many cases;
    // PROPTEST_CASES raises the count for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500),
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
        let ledger = if demo_team { demo::generate(today()) } else { Ledger::default() };
        let mut keeper = Memory::new(ledger, Timestamp::start_of(today()));
        let mut app = App::on(keeper.ledger(), "memory".into(), today(), if color { Theme::default() } else { Theme::mono() });
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for (i, key) in keys.into_iter().enumerate() {
            // Ctrl-c would end the session; keep going to reach more states.
            app.quit = false;
            let mut queue = vec![key];
            while let Some(message) = queue.pop() {
                for effect in update(&mut app, message) {
                    queue.extend(perform(&mut keeper, effect));
                }
            }
            if let Err(why) = app.check() {
                prop_assert!(false, "after key {i}: {why}");
            }
            prop_assert!(std::sync::Arc::ptr_eq(&app.ledger, &keeper.ledger()), "after key {i}: the UI shows another ledger than the one kept");
            terminal.draw(|frame| view(&app, frame)).unwrap();
        }
    }
}
