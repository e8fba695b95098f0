//! The messages popup's part of `update`: scrolling and closing. It opens from a view or a
//! form (the `messages` action), and closed goes back to the form it opened from; what it
//! lists is the model's log, kept by `update` itself.

use super::scrolled_to;
use crate::tui::app::{App, MessagesPopup, Popup};
use crate::tui::keymap::Action;

/// A key (or the wheel) on the open messages: the moving keys scroll within what the view
/// last drew, from the line it drew first, cancel (`Esc`, `q`, and the keys that open it:
/// the views' `m`, the form's `Ctrl-t`) closes it, and any other key does nothing.
pub(super) fn key(app: &mut App, mut popup: MessagesPopup, action: Option<Action>) {
    let max = popup.max.get();
    let (drawn, taken) = popup.drawn.get();
    let scroll = drawn.min(max);
    // Counted from the log as it was drawn: a message taken in since is still added.
    popup.since = taken;
    if action == Some(Action::Cancel) {
        // Opened from a form, back to it, which followed the file meanwhile.
        app.popup = popup.over.map(|form| Popup::Form(*form));
        return;
    }
    popup.scroll = scrolled_to(app, scroll, max, action);
    // Scrolled to the end, the oldest, it stays there when a resize wraps them into more
    // lines, as the help does: a count of lines left it partway up.
    if popup.scroll == max && max > 0 {
        popup.scroll = u16::MAX;
    }
    // Where the next key goes from, should it come before the view draws again.
    popup.drawn.set((popup.scroll, taken));
    app.popup = Some(Popup::Messages(popup));
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::app::StatusLine;
    use crate::tui::keymap::Context;
    use crate::tui::message::Message;
    use crate::tui::message_log::Logged;
    use crate::tui::update::update;

    /// What Ctrl-s says once it kept a copy: too long for a status line of 60 columns.
    const KEPT: &str = "Wrote the ledger shown to /x/l-as-shown-2.json; the data file is left as it is. Check the copy (`trustladder --file /x/l-as-shown-2.json check`), then put it in place of the data file.";

    fn press(app: &mut App, code: KeyCode) {
        update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// The screen `width` x `height` as text, one line a row; drawing records what the
    /// popup's scroll is kept within, as the run loop's drawing does.
    fn screen(app: &mut App, width: u16, height: u16) -> String {
        update(app, Message::Resize { width, height });
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a terminal");
        terminal
            .draw(|frame| crate::tui::views::view(app, frame))
            .expect("drawing never fails");
        let buffer = terminal.backend().buffer();
        buffer
            .content
            .chunks(usize::from(width))
            .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The text inside the popup's borders, its lines joined by spaces: a message wrapped in
    /// full reads whole in it.
    fn popup_text(screen: &str) -> String {
        screen
            .lines()
            .filter(|line| line.matches('│').count() >= 2)
            .filter_map(|line| line.split('│').max_by_key(|part| part.len()))
            .map(str::trim)
            .filter(|inner| !inner.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn popup(app: &App) -> &MessagesPopup {
        match &app.popup {
            Some(Popup::Messages(popup)) => popup,
            other => panic!("the messages are not open: {other:?}"),
        }
    }

    /// The case: a message the status line cut at 60x16, then replaced by the next,
    /// is still kept, and `m` shows it whole.
    #[test]
    fn a_message_cut_then_replaced_is_kept_and_shown_whole() {
        let mut app = App::demo_for_tests();
        update(
            &mut app,
            Message::KeptCopy {
                path: Ok(PathBuf::from("/x/l-as-shown-2.json")),
                plain_of_encrypted: false,
            },
        );
        let cut = screen(&mut app, 60, 16);
        assert!(!cut.contains("then put it in place"), "{cut}");
        let hints = cut.lines().last().unwrap_or_default();
        assert!(hints.starts_with(" m full message "), "{cut}");
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.status.text, "Sorted by level.");
        press(&mut app, KeyCode::Char('m'));
        assert_eq!(app.contexts(), [Context::Messages, Context::Everywhere]);
        let kept: Vec<&str> = app
            .messages
            .newest_first()
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(kept[..2], ["Sorted by level.", KEPT]);
        for (width, height) in [(60, 16), (80, 24)] {
            let shown = screen(&mut app, width, height);
            assert!(popup_text(&shown).contains(KEPT), "{shown}");
        }
    }

    /// The demo's UI with a new promise's form open on a person's page, `Call m` typed in it
    /// (an `m` typed, not opening the messages), and the form as typed.
    fn typing_in_a_form() -> (App, Option<crate::tui::forms::Form>) {
        let mut app = App::demo_for_tests();
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('n'));
        for c in "Call m".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        let typed = app.form_in_hand().cloned();
        assert!(typed.is_some(), "a form is open");
        (app, typed)
    }

    /// In a form `m` types text, so a status line cut under it could not be read whole
    /// without closing the form: Ctrl-t opens the messages over it, the hint bar offering it
    /// while the line cuts, and closing them goes back to the form as it was, typing kept.
    #[test]
    fn a_line_cut_under_a_form_is_read_with_ctrl_t_and_the_form_comes_back() {
        let (mut app, typed) = typing_in_a_form();
        let whole = "`/opt/bin/my-company-editor-wrapper` was not found";
        update(
            &mut app,
            Message::Edited {
                field: crate::tui::forms::Key::What,
                text: Err(crate::tui::message::NotEdited::NotFound(
                    "/opt/bin/my-company-editor-wrapper".to_string(),
                )),
            },
        );
        let cut = screen(&mut app, 60, 16);
        assert!(!cut.contains(whole), "{cut}");
        let hints = cut.lines().last().unwrap_or_default();
        assert!(hints.starts_with(" Ctrl-t full message "), "{cut}");
        update(
            &mut app,
            Message::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)),
        );
        assert_eq!(app.contexts(), [Context::Messages, Context::Everywhere]);
        assert!(app.holds_typing());
        let shown = screen(&mut app, 60, 16);
        assert!(popup_text(&shown).contains(whole), "{shown}");
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.popup, Some(Popup::Form(_))), "{:?}", app.popup);
        assert_eq!(app.form_in_hand(), typed.as_ref());
    }

    /// The key that opened the messages over a form closes them too, as `m` does those opened
    /// from a view, and the form comes back as it was: Ctrl-t pressed again only said that it
    /// did nothing there. The border and the hint bar name it among the closing keys.
    #[test]
    fn ctrl_t_closes_the_messages_it_opened_over_a_form() {
        let ctrl_t = || Message::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL));
        let (mut app, typed) = typing_in_a_form();
        update(&mut app, ctrl_t());
        assert_eq!(app.contexts(), [Context::Messages, Context::Everywhere]);
        let shown = screen(&mut app, 60, 16);
        let hints = shown.lines().last().unwrap_or_default();
        assert_eq!(hints.trim_end(), " Esc/q/m/Ctrl-t close", "{shown}");
        update(&mut app, ctrl_t());
        assert!(matches!(app.popup, Some(Popup::Form(_))), "{:?}", app.popup);
        assert_eq!(app.form_in_hand(), typed.as_ref());
        assert!(
            !app.status.text.contains("does nothing"),
            "{}",
            app.status.text
        );
    }

    /// The same message said again is listed once, with how many times.
    #[test]
    fn a_message_said_again_is_listed_once_with_a_count() {
        let mut app = App::demo_for_tests();
        press(&mut app, KeyCode::Char('u'));
        press(&mut app, KeyCode::Char('u'));
        press(&mut app, KeyCode::Char('u'));
        press(&mut app, KeyCode::Char('m'));
        let newest = app.messages.newest_first().next().map(|m| m.shown());
        assert_eq!(newest.as_deref(), Some("Nothing to undo. (×3)"));
        let shown = screen(&mut app, 80, 24);
        assert!(shown.contains("Nothing to undo. (×3)"), "{shown}");
        assert_eq!(
            shown.matches("Nothing to undo.").count(),
            2,
            "and the status line"
        );
    }

    /// Scrolled to the oldest message, the messages keep it in sight when the window is made
    /// smaller: the line they were scrolled to was kept, and the oldest fell out of sight.
    #[test]
    fn scrolled_to_the_end_the_messages_keep_it_in_sight_through_a_resize() {
        let mut app = App::demo_for_tests();
        for key in [
            'u', 'E', 'd', 'c', 'u', 'E', 'd', 'c', 'u', 'E', 'd', 'c', 'o',
        ] {
            press(&mut app, KeyCode::Char(key));
            press(&mut app, KeyCode::Esc);
        }
        press(&mut app, KeyCode::Char('m'));
        let oldest = app.messages.newest_first().last().map(|m| m.shown());
        let oldest = oldest.expect("messages were said");
        screen(&mut app, 80, 24);
        press(&mut app, KeyCode::Char('G'));
        let last_word = oldest.rsplit(' ').next().unwrap_or_default().to_string();
        assert!(screen(&mut app, 80, 24).contains(&last_word));
        let small = screen(&mut app, 60, 16);
        assert!(
            popup_text(&small).ends_with(&last_word),
            "{last_word:?} in {small}"
        );
    }

    /// `m` opens the messages, the moving keys scroll within what was drawn, and Esc, q and
    /// `m` again close them.
    #[test]
    fn m_opens_the_keys_scroll_within_it_and_esc_q_and_m_close_it() {
        let mut app = App::demo_for_tests();
        // Enough to scroll: each a message of its own, kept in turn.
        for _ in 0..10 {
            press(&mut app, KeyCode::Char('s'));
        }
        press(&mut app, KeyCode::Char('m'));
        screen(&mut app, 80, 24);
        let max = popup(&app).max.get();
        assert!(max > 0 && max < u16::MAX, "it scrolls: {max}");
        // At its end, kept there whatever the lines it wraps into.
        press(&mut app, KeyCode::Char('G'));
        assert_eq!(popup(&app).scroll, u16::MAX);
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::PageDown);
        assert_eq!(popup(&app).scroll, u16::MAX, "not past its end");
        press(&mut app, KeyCode::Char('k'));
        assert_eq!(popup(&app).scroll, max - 1);
        press(&mut app, KeyCode::Char('g'));
        press(&mut app, KeyCode::Up);
        press(&mut app, KeyCode::PageUp);
        assert_eq!(popup(&app).scroll, 0, "not before its start");
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.popup, None);
        for close in ['q', 'm'] {
            press(&mut app, KeyCode::Char('m'));
            popup(&app);
            press(&mut app, KeyCode::Char(close));
            assert_eq!(app.popup, None, "{close} closes it");
            assert!(!app.quit, "q closed the messages, not the UI");
        }
    }

    /// The popup's lines inside its borders, as drawn.
    fn popup_lines(screen: &str) -> Vec<String> {
        screen
            .lines()
            .filter(|line| line.matches('│').count() >= 2)
            .filter_map(|line| line.split('│').max_by_key(|part| part.len()))
            .map(|inner| inner.trim().to_string())
            .collect()
    }

    /// Says KEPT: a message of several lines at 80 columns.
    fn keep_a_copy(app: &mut App) {
        update(
            app,
            Message::KeptCopy {
                path: Ok(PathBuf::from("/x/l-as-shown-2.json")),
                plain_of_encrypted: false,
            },
        );
    }

    /// Scrolled down, a message taken in at the top leaves the lines read where they were,
    /// its lines and the blank after it added to the scroll; the same said again adds no
    /// line; at the top, the popup stays at the top and shows it.
    #[test]
    fn a_new_message_leaves_the_reader_where_they_were_unless_at_the_top() {
        let mut app = App::demo_for_tests();
        for _ in 0..20 {
            press(&mut app, KeyCode::Char('s'));
        }
        press(&mut app, KeyCode::Char('m'));
        screen(&mut app, 80, 24);
        for _ in 0..3 {
            press(&mut app, KeyCode::Char('j'));
        }
        let read = popup_lines(&screen(&mut app, 80, 24));
        assert_eq!(popup(&app).drawn.get().0, 3);
        keep_a_copy(&mut app);
        // The status line takes more rows for it, so the popup may show fewer.
        let same = |shown: &[String]| shown.len() > 8 && read.starts_with(shown);
        let after = popup_lines(&screen(&mut app, 80, 24));
        assert!(
            same(&after),
            "the same lines in view: {read:?}, then {after:?}"
        );
        // KEPT wraps to 3 lines at 76 columns, and a blank line follows it.
        assert_eq!(popup(&app).drawn.get().0, 3 + 3 + 1);
        keep_a_copy(&mut app);
        assert_eq!(
            app.messages
                .newest_first()
                .next()
                .map(Logged::shown)
                .as_deref(),
            Some(format!("{KEPT} (×2)").as_str())
        );
        let again = popup_lines(&screen(&mut app, 80, 24));
        assert!(same(&again), "said again: {read:?}, then {again:?}");
        // The moving keys go on from there.
        press(&mut app, KeyCode::Char('k'));
        screen(&mut app, 80, 24);
        assert_eq!(popup(&app).drawn.get().0, 6);
        // At the top, it stays there, the newest first.
        press(&mut app, KeyCode::Char('g'));
        screen(&mut app, 80, 24);
        keep_a_copy(&mut app);
        app.say("Just said.");
        let top = popup_lines(&screen(&mut app, 80, 24));
        assert_eq!(popup(&app).drawn.get().0, 0);
        assert_eq!(
            top.first().map(String::as_str),
            Some("Just said."),
            "{top:?}"
        );
    }

    /// With nothing said yet, the popup says so.
    #[test]
    fn with_nothing_said_it_says_so() {
        let mut app = App::demo_for_tests();
        app.status = StatusLine::default();
        press(&mut app, KeyCode::Char('m'));
        assert!(app.messages.is_empty());
        let shown = screen(&mut app, 60, 16);
        assert!(shown.contains("No messages yet."), "{shown}");
    }
}
