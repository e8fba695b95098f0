//! Helpers shared by the terminal UI tests: an App on a temporary file, key presses, and the
//! screen as text.

#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;
use trustladder::core::Ledger;
use trustladder::core::dates::parse_iso;
use trustladder::core::demo;
use trustladder::store::Store;
use trustladder::tui::keeper::perform;
use trustladder::tui::update::update;
use trustladder::tui::views::view;
use trustladder::tui::{App, Message, Theme};

/// The fixed day every UI test runs on (a Tuesday).
pub fn today() -> NaiveDate {
    parse_iso("2026-11-24").expect("a valid date")
}

/// An App on a fresh file in its own temporary folder, holding `ledger` if given. The
/// fixture carries out the App's effects against the file at once, as the run loop's worker
/// does, so a test sees each outcome before its next key.
pub struct Fixture {
    pub dir: TempDir,
    pub path: PathBuf,
    pub store: Store,
    pub app: App,
}

pub fn fixture(ledger: Option<Ledger>, color: bool) -> Fixture {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("ledger.json");
    let mut store = Store::open(&path).expect("a new store");
    if let Some(ledger) = ledger {
        store
            .update(|l| {
                *l = ledger.clone();
                Ok(())
            })
            .expect("the ledger is saved");
    }
    let app = App::new(
        &store,
        today(),
        if color {
            Theme::default()
        } else {
            Theme::mono()
        },
    );
    Fixture {
        dir,
        path,
        store,
        app,
    }
}

/// The demo team, in colour.
pub fn demo_fixture() -> Fixture {
    fixture(Some(demo::generate(today())), true)
}

/// An empty ledger, in colour.
pub fn empty_fixture() -> Fixture {
    fixture(None, true)
}

pub fn key(code: KeyCode) -> Message {
    Message::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Message {
    Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

impl Fixture {
    /// Hands `message` to the App, then carries out what it asks for, feeding each outcome
    /// back, until it asks for nothing more.
    pub fn send(&mut self, message: Message) {
        let mut queue = vec![message];
        while let Some(message) = queue.pop() {
            for effect in update(&mut self.app, message) {
                queue.extend(perform(&mut self.store, effect));
            }
        }
    }

    /// Hands `message` to the App and returns its effects without carrying them out, to
    /// test what happens while a save is under way.
    pub fn send_only(&mut self, message: Message) -> Vec<trustladder::tui::message::Effect> {
        update(&mut self.app, message)
    }

    /// Carries out `effects` held back by [`Fixture::send_only`], feeding each outcome back
    /// as [`Fixture::send`] does: the saves under way come back.
    pub fn carry_out(&mut self, effects: Vec<trustladder::tui::message::Effect>) {
        for effect in effects {
            if let Some(back) = perform(&mut self.store, effect) {
                self.send(back);
            }
        }
    }

    /// Presses one key.
    pub fn press(&mut self, code: KeyCode) {
        self.send(key(code));
    }

    /// A second passes on the fixed day: the App looks for changes saved elsewhere.
    pub fn tick(&mut self) {
        self.send(Message::Tick { today: today() });
    }

    /// Tabs through the open form to its field labelled `label`; a form without one fails
    /// the test rather than tabbing round for ever.
    pub fn tab_to(&mut self, label: &str) {
        for _ in 0..20 {
            match &self.app.popup {
                Some(trustladder::tui::app::Popup::Form(form))
                    if form.fields[form.focus].label == label =>
                {
                    return;
                }
                Some(trustladder::tui::app::Popup::Form(_)) => self.press(KeyCode::Tab),
                other => panic!("no form open to tab to {label}: {other:?}"),
            }
        }
        panic!("the form has no field {label}");
    }

    /// Types `text`, one key per character.
    pub fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Asserts the status line says `said`, whole.
    #[track_caller]
    pub fn status_is(&self, said: &str) {
        assert_eq!(self.app.status.text, said);
    }

    /// Asserts the status line begins with `start`, showing it whole when it does not.
    #[track_caller]
    pub fn status_starts(&self, start: &str) {
        assert!(
            self.app.status.text.starts_with(start),
            "{:?} does not start with {start:?}",
            self.app.status.text
        );
    }

    /// Asserts the status line says `part`, showing it whole when it does not.
    #[track_caller]
    pub fn status_has(&self, part: &str) {
        assert!(
            self.app.status.text.contains(part),
            "{:?} does not say {part:?}",
            self.app.status.text
        );
    }

    /// Asserts the status line does not say `part`, showing it whole when it does.
    #[track_caller]
    pub fn status_lacks(&self, part: &str) {
        assert!(
            !self.app.status.text.contains(part),
            "{:?} says {part:?}",
            self.app.status.text
        );
    }

    /// Adds a person through the People form, as a user would.
    pub fn add_person(&mut self, name: &str) {
        self.press(KeyCode::Char('p'));
        self.typed(name);
        self.press(KeyCode::Enter);
    }

    /// Adds a promise through the new promise form, for the person it offers first.
    pub fn add_promise(&mut self, what: &str) {
        self.press(KeyCode::Char('n'));
        self.typed(what);
        self.press(KeyCode::Enter);
    }

    pub fn ctrl(&mut self, c: char) {
        self.send(ctrl(c));
    }

    /// What is in the file now, read by a separate store as another process would.
    pub fn saved(&self) -> Ledger {
        Store::open(&self.path)
            .expect("the file opens")
            .ledger()
            .clone()
    }

    /// Draws the App on a `width` x `height` test terminal.
    pub fn draw(&self, width: u16, height: u16) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a terminal");
        terminal
            .draw(|frame| view(&self.app, frame))
            .expect("drawing never fails");
        terminal.backend().buffer().clone()
    }

    /// Where the terminal's own cursor is after drawing on a `width` x `height` test
    /// terminal, or `None` when it is hidden.
    pub fn cursor(&self, width: u16, height: u16) -> Option<(u16, u16)> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a terminal");
        terminal
            .draw(|frame| view(&self.app, frame))
            .expect("drawing never fails");
        let backend = terminal.backend();
        let at = backend.cursor_position();
        backend.cursor_visible().then_some((at.x, at.y))
    }

    /// The screen as text, one line per row.
    pub fn screen(&self, width: u16, height: u16) -> String {
        text_of(&self.draw(width, height))
    }

    /// The hint bar, the screen's last line, on a screen `width` wide.
    pub fn hint_bar(&self, width: u16) -> String {
        let screen = self.screen(width, 24);
        screen.lines().last().unwrap_or_default().to_string()
    }

    /// The id of the person called `name`.
    pub fn person_id(&self, name: &str) -> trustladder::core::PersonId {
        self.app
            .ledger()
            .people
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.id)
            .unwrap_or_else(|| panic!("no person called {name}"))
    }

    /// Moves the People selection to `name`.
    pub fn select_person(&mut self, name: &str) {
        let id = self.person_id(name);
        self.press(KeyCode::Char('g'));
        for _ in 0..self.app.people.items.len() {
            if self.app.people.current() == Some(id) {
                return;
            }
            self.press(KeyCode::Char('j'));
        }
        panic!("{name} is not in the people list");
    }
}

/// A buffer as text: each row's symbols, the cells hidden behind a wide character left out,
/// so each line is exactly as wide as the screen.
pub fn text_of(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    let mut out = String::new();
    if width == 0 {
        return out;
    }
    for row in buffer.content.chunks(width) {
        let mut skip = 0usize;
        for cell in row {
            if skip == 0 {
                out.push_str(cell.symbol());
            }
            skip = skip
                .max(usize::from(cell_width(cell.symbol())))
                .saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

fn cell_width(symbol: &str) -> u16 {
    unicode_width::UnicodeWidthStr::width(symbol) as u16
}

/// The position of the first cell of `needle` on screen.
pub fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let mut line = String::new();
        let mut starts = Vec::new();
        for x in 0..area.width {
            starts.push((line.len(), x));
            line.push_str(buffer[(x, y)].symbol());
        }
        if let Some(byte) = line.find(needle) {
            let x = starts
                .iter()
                .rev()
                .find(|(b, _)| *b <= byte)
                .map_or(0, |(_, x)| *x);
            return Some((x, y));
        }
    }
    None
}
