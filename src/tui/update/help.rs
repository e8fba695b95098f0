//! The help screen's part of `update`: scrolling, closing, and the search that `/` opens at
//! its bottom, typed with the line editor's keys. The view shows only the entries that match.

use ratatui::crossterm::event::KeyEvent;

use super::scrolled_to;
use crate::tui::app::{App, HelpPopup, HelpScroll, Popup};
use crate::tui::keymap::Action;

/// A key on the open help. While the search is typed, `Enter` keeps it and the keys scroll
/// again, `Esc` clears it, and every other key edits it. Otherwise `Esc` clears a search kept
/// and, with none, closes the help, as `q` does at once.
pub(super) fn key(app: &mut App, mut popup: HelpPopup, key: &KeyEvent, action: Option<Action>) {
    if popup.typing {
        match action {
            Some(Action::ApplyFilter) => popup.typing = false,
            Some(Action::ClearFilter) => {
                popup.typing = false;
                popup.search.set("");
                popup.scroll = HelpScroll::default();
            }
            _ => {
                let before = popup.search.text().to_string();
                popup.search.key(key);
                if popup.search.text() != before {
                    // What shows changed: start again from its top.
                    popup.scroll = HelpScroll::default();
                }
            }
        }
    } else {
        match action {
            Some(Action::Cancel) => return,
            Some(Action::Back) if popup.search.text().is_empty() => return,
            Some(Action::Back) => {
                popup.search.set("");
                popup.scroll = HelpScroll::default();
            }
            Some(Action::Filter) => popup.typing = true,
            other => popup.scroll = scrolled(app, popup.scroll, other),
        }
    }
    app.popup = Some(Popup::Help(popup));
}

/// Pasted text goes into the search being typed, on one line; elsewhere on the help it does
/// nothing.
pub(super) fn paste(popup: &mut HelpPopup, text: &str) {
    if popup.typing {
        popup.search.insert(&crate::tui::paste::one_line(text));
        popup.scroll = HelpScroll::default();
    }
}

/// The scroll after a moving key (or the wheel), within what the help last drew.
pub(super) fn scrolled(app: &App, scroll: HelpScroll, action: Option<Action>) -> HelpScroll {
    let limit = app.help_max.get();
    let starts = app.help_starts.borrow();
    let first = scroll.first_line(&starts, limit);
    if matches!(action, Some(Action::Bottom)) {
        return HelpScroll::Bottom;
    }
    HelpScroll::of_line(scrolled_to(app, first, limit, action), &starts, limit)
}

#[cfg(test)]
mod tests {

    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::tui::keymap::Context;
    use crate::tui::message::Message;
    use crate::tui::update::update;
    use crate::tui::views::help::content::{sections, shown};

    fn press(app: &mut App, code: KeyCode) {
        let fx = update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        assert_eq!(fx, vec![], "the help never asks for an effect");
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    fn help(app: &App) -> &HelpPopup {
        match &app.popup {
            Some(Popup::Help(help)) => help,
            other => panic!("the help is not open: {other:?}"),
        }
    }

    /// What the help shows for its search: each section's heading and its entries' keys.
    fn found(app: &App) -> Vec<(String, Vec<String>)> {
        shown(sections(app), help(app).search.text())
            .into_iter()
            .map(|s| {
                let keys = s.entries.into_iter().map(|e| e.keys).collect();
                (s.title.unwrap_or_default(), keys)
            })
            .collect()
    }

    fn owned(list: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        list.iter()
            .map(|(t, k)| (t.to_string(), k.iter().map(|k| k.to_string()).collect()))
            .collect()
    }

    #[test]
    fn slash_searches_as_you_type_and_enter_keeps_the_search() {
        let mut app = App::demo_for_tests();
        press(&mut app, KeyCode::Char('?'));
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.help_first_line(), Some(1));
        press(&mut app, KeyCode::Char('/'));
        assert!(help(&app).typing);
        assert_eq!(app.contexts(), [Context::HelpSearch, Context::Everywhere]);
        // j types now, and the search starts again from the top.
        typed(&mut app, "ÚNDO");
        assert_eq!(help(&app).search.text(), "ÚNDO");
        assert_eq!(app.help_first_line(), Some(0));
        let undo = owned(&[
            ("", &[""]),
            ("In every view", &["u", "Ctrl-r"]),
            ("The 1:1 prep", &["s"]),
        ]);
        assert_eq!(found(&app), undo, "case and accents aside");
        press(&mut app, KeyCode::Enter);
        assert!(!help(&app).typing);
        assert_eq!(help(&app).search.text(), "ÚNDO", "Enter keeps it");
        assert_eq!(app.contexts(), [Context::Help, Context::Everywhere]);
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.help_first_line(), Some(1), "j scrolls again");
        assert_eq!(found(&app), undo);
        // `/` again edits the search kept, with the line editor's keys.
        press(&mut app, KeyCode::Char('/'));
        update(
            &mut app,
            Message::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)),
        );
        assert_eq!(help(&app).search.text(), "");
        typed(&mut app, "last  change");
        assert_eq!(
            found(&app),
            owned(&[("In every view", &["u"])]),
            "words in a row, spaces collapsed"
        );
    }

    #[test]
    fn esc_clears_the_search_then_closes_and_q_closes_at_once() {
        let mut app = App::demo_for_tests();
        press(&mut app, KeyCode::Char('?'));
        press(&mut app, KeyCode::Char('/'));
        typed(&mut app, "xyz");
        assert_eq!(found(&app), vec![], "nothing matches");
        // Esc while typing clears the search; the help stays.
        press(&mut app, KeyCode::Esc);
        assert_eq!(help(&app), &HelpPopup::default());
        // Esc with a search kept clears it; with none it closes the help.
        press(&mut app, KeyCode::Char('/'));
        typed(&mut app, "prep");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Esc);
        assert_eq!(help(&app).search.text(), "");
        assert!(found(&app).len() > 10, "the whole help again");
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.popup, None);
        // q closes even with a search kept.
        press(&mut app, KeyCode::Char('?'));
        press(&mut app, KeyCode::Char('/'));
        typed(&mut app, "prep");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('q'));
        assert_eq!(app.popup, None);
        assert!(!app.quit, "q closed the help, not the UI");
    }

    #[test]
    fn a_paste_goes_into_the_search_being_typed_only() {
        let mut app = App::demo_for_tests();
        press(&mut app, KeyCode::Char('?'));
        update(&mut app, Message::Paste("undo".to_string()));
        assert_eq!(help(&app).search.text(), "", "not typing: nothing");
        press(&mut app, KeyCode::Char('/'));
        update(&mut app, Message::Paste("the last\nchange".to_string()));
        assert_eq!(help(&app).search.text(), "the last change");
        assert_eq!(found(&app), owned(&[("In every view", &["u"])]));
    }
}
