//! Any sequence of keys, at any terminal size from 0x0 up, never panics and leaves the model
//! valid, with the ledger it shows the one that is kept; and outcome keys typed faster than
//! their saves mark what they mark typed slowly.

mod tui_support;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustladder::core::change::NewPromise;
use trustladder::core::dates::parse_iso;
use trustladder::core::{Ledger, PromiseId, Status, Timestamp, demo};
use trustladder::tui::app::View;
use trustladder::tui::keeper::{Keeper, Memory, perform};
use trustladder::tui::message::Effect;
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

/// One person with a promise for each of `kept`, kept where it says so, the rest open.
fn promises_of_one(kept: &[bool]) -> Ledger {
    let mut l = Ledger::default();
    let ana = l.add_person("Ana Silva", "", "", today()).unwrap();
    let made = parse_iso("2026-11-10").unwrap();
    for (n, kept) in kept.iter().enumerate() {
        let id = l
            .add_promise(NewPromise::task(ana, &format!("Task {n}"), made), today())
            .unwrap();
        if *kept {
            l.resolve_promise(id, Status::Kept, made, None, today())
                .unwrap();
        }
    }
    l
}

/// Hands `message` to the App and carries out what it asks for, each outcome fed back.
fn settle(app: &mut App, keeper: &mut Memory, message: Message) {
    let mut queue = vec![message];
    while let Some(message) = queue.pop() {
        for effect in update(app, message) {
            queue.extend(perform(keeper, effect));
        }
    }
}

/// `keys` typed on Ana's page (or in the agenda) from its top row, the saves they send coming
/// back in order, `lands[i]` of those under way just before key `i` (all of them when `None`,
/// as when typed slowly), the rest after the last key: what the file holds then.
fn typed_on_the_list(
    kept: &[bool],
    agenda: bool,
    keys: &[char],
    lands: Option<&[usize]>,
) -> Vec<(PromiseId, Status)> {
    let mut keeper = Memory::new(promises_of_one(kept), Timestamp::start_of(today()));
    let mut app = App::on(keeper.ledger(), "memory".into(), today(), Theme::mono());
    let press = |c| Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    settle(
        &mut app,
        &mut keeper,
        Message::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    if agenda {
        settle(
            &mut app,
            &mut keeper,
            Message::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)),
        );
        assert_eq!(app.view, View::Agenda);
    }
    settle(&mut app, &mut keeper, press('g'));
    let mut pending: std::collections::VecDeque<Effect> = Default::default();
    for (i, c) in keys.iter().enumerate() {
        let n = lands.map_or(pending.len(), |lands| lands[i].min(pending.len()));
        for effect in pending.drain(..n).collect::<Vec<_>>() {
            if let Some(back) = perform(&mut keeper, effect) {
                settle(&mut app, &mut keeper, back);
            }
        }
        pending.extend(update(&mut app, press(*c)));
    }
    for effect in pending {
        if let Some(back) = perform(&mut keeper, effect) {
            settle(&mut app, &mut keeper, back);
        }
    }
    assert!(app.triaging.is_empty());
    keeper
        .ledger()
        .promises
        .iter()
        .map(|p| (p.id, p.status))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    /// Outcome keys and moves typed while the saves of earlier ones are under way mark the
    /// promises the same keys mark typed slowly, each save back before the next key, however
    /// the saves land among the keys: `j` and `k` count the rows as they will stand. More open
    /// rows than keys, so the keys never reach the bottom of the list.
    #[test]
    fn outcome_keys_mark_the_same_promises_at_any_speed(
        kept in prop::collection::vec(prop::bool::weighted(0.2), 20..28),
        agenda in any::<bool>(),
        keys in prop::collection::vec(prop::sample::select(vec!['d', 'b', 'j', 'k']), 0..16),
        lands in prop::collection::vec(0usize..3, 16),
    ) {
        prop_assume!(kept.iter().filter(|k| !**k).count() > keys.len());
        let slowly = typed_on_the_list(&kept, agenda, &keys, None);
        let at_speed = typed_on_the_list(&kept, agenda, &keys, Some(&lands));
        prop_assert_eq!(at_speed, slowly);
    }
}
