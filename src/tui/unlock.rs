//! The unlock screen of an encrypted ledger: one masked field, asked once when the UI starts
//! and again after it has gone unused for the idle time (the ledger, its key and the screen are
//! then put away behind it). A small Elm program of its own, run before the main one: a model
//! ([`Prompt`]), a pure [`update`] and a [`view`] that only draws; the loop in `mod.rs` does the
//! unwrapping, which takes the key derivation's second.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};
use secrecy::SecretString;
use unicode_segmentation::UnicodeSegmentation;

use std::time::Duration;

use super::editor::LineEditor;
use super::theme::Theme;
use crate::crypt::unlock::idle_text;

/// The field's label; the cursor is placed after it.
const LABEL: &str = "Passphrase: ";

/// How many wrong passphrases end the UI.
pub const TRIES: u8 = 3;

/// The screen's state.
#[derive(Debug)]
pub struct Prompt {
    /// The data file's name, to say what is locked.
    pub file: String,
    /// Why the screen is shown: at start (`None`), or locked again after this idle time.
    pub locked_after: Option<Duration>,
    editor: LineEditor,
    /// What went wrong last (a wrong passphrase), shown under the field.
    pub error: Option<String>,
    /// Wrong passphrases so far.
    pub wrong: u8,
    /// Set while the passphrase is being tried, so the screen says so.
    pub busy: bool,
    /// How many changes failed to save before the UI locked, unseen: the screen says so (not
    /// which, that is the ledger's), and that they are named once unlocked, or on leaving.
    pub unsaved: usize,
}

/// What a key asks of the loop.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// Nothing yet: draw again.
    Continue,
    /// Try this passphrase.
    Try(SecretStringEq),
    /// Leave the UI.
    Quit,
}

/// A passphrase as a step carries it: compared only in tests, never printed.
pub struct SecretStringEq(pub SecretString);

impl std::fmt::Debug for SecretStringEq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretString(…)")
    }
}

impl PartialEq for SecretStringEq {
    fn eq(&self, other: &Self) -> bool {
        use secrecy::ExposeSecret;
        self.0.expose_secret() == other.0.expose_secret()
    }
}

impl Prompt {
    pub fn new(file: &str, locked_after: Option<Duration>) -> Prompt {
        Prompt {
            file: file.to_string(),
            locked_after,
            editor: LineEditor::default(),
            error: None,
            wrong: 0,
            busy: false,
            unsaved: 0,
        }
    }

    /// A wrong passphrase: the field is emptied and the screen says how many tries are left.
    /// `true` when no try is left.
    pub fn wrong_passphrase(&mut self) -> bool {
        self.wrong += 1;
        self.busy = false;
        self.editor.wipe();
        let left = TRIES.saturating_sub(self.wrong);
        self.error = Some(match left {
            0 => "Wrong passphrase.".to_string(),
            1 => "Wrong passphrase; one try left.".to_string(),
            n => format!("Wrong passphrase; {n} tries left."),
        });
        left == 0
    }

    /// Pasted text (from a password manager): its first line goes into the field, as typed.
    pub fn paste(&mut self, text: &str) {
        if self.busy {
            return;
        }
        let line = text.split(['\r', '\n']).next().unwrap_or_default();
        if !line.is_empty() {
            self.editor.insert(line);
            self.error = None;
        }
    }

    /// Another fault (a damaged key file): said under the field.
    pub fn failed(&mut self, why: String) {
        self.busy = false;
        self.editor.wipe();
        self.error = Some(why);
    }
}

impl Drop for Prompt {
    /// What was typed and not yet handed on (a passphrase half typed when the UI quits) is
    /// wiped, not left in freed memory.
    fn drop(&mut self) {
        self.editor.wipe();
    }
}

/// A key on the unlock screen: text edits the field (readline keys too), Enter tries it,
/// Esc or Ctrl-c leaves.
pub fn update(prompt: &mut Prompt, key: &KeyEvent) -> Step {
    if key.kind == KeyEventKind::Release || prompt.busy {
        return Step::Continue;
    }
    match (key.code, key.modifiers.contains(KeyModifiers::CONTROL)) {
        (KeyCode::Esc, _) | (KeyCode::Char('c'), true) => Step::Quit,
        (KeyCode::Enter, _) => {
            if prompt.editor.text().is_empty() {
                prompt.error = Some("Type the passphrase, then Enter.".to_string());
                return Step::Continue;
            }
            prompt.busy = true;
            prompt.error = None;
            Step::Try(SecretStringEq(SecretString::from(
                prompt.editor.take_wiped(),
            )))
        }
        _ => {
            if prompt.editor.key(key) {
                prompt.error = None;
            }
            Step::Continue
        }
    }
}

/// The keys under the field, and their short form where the box is too narrow for it.
const HINT: &str = "Enter unlocks · Esc quits";
const SHORT_HINT: &str = "Enter · Esc quits";

/// The screen's lines but the field's, as many as fit: what a small terminal drops first.
#[derive(Debug)]
struct Parts {
    heading: Option<String>,
    gap_under_heading: bool,
    /// The words on changes not saved before the lock, wrapped.
    unsaved: Vec<String>,
    gap_under_unsaved: bool,
    gap_under_field: bool,
    /// A wrong passphrase or another fault, wrapped, or that the passphrase is tried.
    message: Vec<String>,
    /// The keys, under the message: shown unless the passphrase is being tried.
    hint: Option<&'static str>,
}

impl Parts {
    /// The rows these lines and the field take.
    fn rows(&self) -> usize {
        usize::from(self.heading.is_some())
            + usize::from(self.gap_under_heading)
            + self.unsaved.len()
            + usize::from(self.gap_under_unsaved && !self.unsaved.is_empty())
            + 1
            + usize::from(self.gap_under_field)
            + self.message.len()
            + usize::from(self.hint.is_some())
    }

    /// Made to fit in `rows` (a terminal of a few lines): the blank lines go first, then the
    /// words on unsaved changes shrink to `short_unsaved`, then the heading goes, then the
    /// message and those words are cut short (ending in "…"). The field and the keys stay to
    /// the last: under a wrong passphrase they were cut off, the way to try again or leave
    /// out of sight.
    fn fit(mut self, rows: usize, short_unsaved: Vec<String>, room: usize) -> Parts {
        if self.rows() > rows {
            self.gap_under_heading = false;
        }
        if self.rows() > rows {
            self.gap_under_field = false;
        }
        if self.rows() > rows {
            self.gap_under_unsaved = false;
        }
        if self.rows() > rows && !self.unsaved.is_empty() {
            self.unsaved = short_unsaved;
        }
        if self.rows() > rows {
            self.heading = None;
        }
        while self.rows() > rows && self.message.len() > 1 {
            self.message.pop();
            cut_last(&mut self.message, room);
        }
        while self.rows() > rows && self.unsaved.len() > 1 {
            self.unsaved.pop();
            cut_last(&mut self.unsaved, room);
        }
        if self.rows() > rows {
            self.unsaved.clear();
        }
        if self.rows() > rows {
            self.message.clear();
        }
        self
    }
}

/// Ends the last of `lines` with "…", within `room` columns: more of it was cut.
fn cut_last(lines: &mut [String], room: usize) {
    if let Some(last) = lines.last_mut() {
        let kept: String = last.chars().take(room.saturating_sub(1)).collect();
        *last = format!("{}…", kept.trim_end());
    }
}

/// Draws the screen: nothing of the ledger shows behind it. On a terminal too small for all
/// of it the lines of least use go first ([`Parts::fit`]).
pub fn view(prompt: &Prompt, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let width = area.width.min(64);
    // A message is wrapped, not cut: its end is often what to do.
    let room = usize::from(width.saturating_sub(4)).max(1);
    let wrap = |text: &str| super::views::wrap(text, room, "", "");
    let message: Vec<String> = match (&prompt.error, prompt.busy) {
        (_, true) => vec!["Unlocking…".to_string()],
        (Some(error), false) => wrap(error),
        (None, false) => Vec::new(),
    };
    let (unsaved, short_unsaved) = match prompt.unsaved {
        0 => (Vec::new(), Vec::new()),
        n => {
            let changes = crate::core::text::counted(n, "change", "changes");
            let was = if n == 1 { "was" } else { "were" };
            (
                wrap(&format!(
                    "{changes} {was} not saved before the lock: unlocked, the status line says \
                     why; Esc quits naming {}.",
                    if n == 1 { "it" } else { "them" }
                )),
                wrap(&format!("{changes} not saved.")),
            )
        }
    };
    let heading = match prompt.locked_after {
        Some(idle) => format!("Locked after {} unused.", idle_text(idle)),
        None => "This ledger is encrypted.".to_string(),
    };
    let hint = match prompt.busy {
        true => None,
        false if HINT.chars().count() <= room => Some(HINT),
        false => Some(SHORT_HINT),
    };
    let parts = Parts {
        heading: Some(heading),
        gap_under_heading: true,
        unsaved,
        gap_under_unsaved: true,
        gap_under_field: true,
        message,
        hint,
    }
    .fit(
        usize::from(area.height.saturating_sub(2)),
        short_unsaved,
        room,
    );
    let rows = u16::try_from(parts.rows()).unwrap_or(u16::MAX);
    let [row] = Layout::vertical([Constraint::Length(rows.saturating_add(2))])
        .flex(Flex::Center)
        .areas(area);
    let [box_area] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    let typed = prompt.editor.text();
    let dots = "•".repeat(typed.graphemes(true).count().min(40));
    // The cursor stands at the insertion point, one dot per character before it.
    let before = typed[..prompt.editor.cursor()]
        .graphemes(true)
        .count()
        .min(40);
    let mut lines = Vec::new();
    if let Some(heading) = parts.heading {
        lines.push(Line::raw(heading));
    }
    if parts.gap_under_heading {
        lines.push(Line::raw(""));
    }
    if !parts.unsaved.is_empty() {
        lines.extend(
            parts
                .unsaved
                .into_iter()
                .map(|l| Line::styled(l, theme.bad())),
        );
        if parts.gap_under_unsaved {
            lines.push(Line::raw(""));
        }
    }
    let field = lines.len();
    lines.push(Line::from(vec![
        Span::styled(LABEL, theme.heading()),
        Span::raw(dots),
    ]));
    if parts.gap_under_field {
        lines.push(Line::raw(""));
    }
    // The keys stay in sight under a wrong passphrase: another try, or a way out.
    let style = if prompt.busy {
        theme.dim()
    } else {
        theme.bad()
    };
    lines.extend(parts.message.into_iter().map(|l| Line::styled(l, style)));
    lines.extend(parts.hint.map(|hint| Line::styled(hint, theme.dim())));
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {} ", prompt.file), theme.heading()));
    let inner = block.inner(box_area);
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
    let x = inner
        .x
        .saturating_add(u16::try_from(LABEL.len() + before).unwrap_or(u16::MAX));
    let y = inner
        .y
        .saturating_add(u16::try_from(field).unwrap_or(u16::MAX));
    if !prompt.busy && x < inner.right() && y < inner.bottom() {
        frame.set_cursor_position(Rect::new(x, y, 1, 1).as_position());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(prompt: &mut Prompt, code: KeyCode) -> Step {
        update(prompt, &KeyEvent::new(code, KeyModifiers::NONE))
    }

    /// The screen's characters after drawing `prompt` at `width`x`height`.
    fn drawn(prompt: &Prompt, width: u16, height: u16) -> String {
        let backend = ratatui::backend::TestBackend::new(width, height);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| view(prompt, &Theme::mono(), f)).unwrap();
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect()
    }

    #[test]
    fn a_paste_types_its_first_line_as_keys_would() {
        let mut prompt = Prompt::new("ledger.json", None);
        typed(&mut prompt, "ab");
        prompt.paste("correct horse\n");
        prompt.paste("\nnothing after a break");
        match press(&mut prompt, KeyCode::Enter) {
            Step::Try(secret) => {
                assert_eq!(
                    secrecy::ExposeSecret::expose_secret(&secret.0),
                    "abcorrect horse"
                );
            }
            other => panic!("{other:?}"),
        }
        // Pasted while it is being tried: nothing.
        prompt.paste("late");
        assert_eq!(prompt.editor.text(), "");
    }

    #[test]
    fn a_long_message_is_wrapped_in_the_box_whole() {
        let mut prompt = Prompt::new("ledger.json", None);
        prompt.failed(
            "the key file is damaged: it holds no key this program can read; \
             `trustladder recover --key FILE` with the recovery key makes a new one"
                .to_string(),
        );
        let screen = drawn(&prompt, 60, 16);
        let joined: String = screen.split_whitespace().collect();
        assert!(
            joined.contains("makesanewone"),
            "the end of the message is in sight: {screen}"
        );
        assert!(joined.contains("Enterunlocks·Escquits"), "{screen}");
    }

    fn typed(prompt: &mut Prompt, text: &str) {
        for c in text.chars() {
            assert_eq!(press(prompt, KeyCode::Char(c)), Step::Continue);
        }
    }

    #[test]
    fn enter_tries_what_was_typed_and_empties_the_field() {
        let mut p = Prompt::new("trustladder.json", None);
        typed(&mut p, "sesame!");
        press(&mut p, KeyCode::Backspace);
        assert_eq!(
            press(&mut p, KeyCode::Enter),
            Step::Try(SecretStringEq(SecretString::from("sesame")))
        );
        assert!(p.busy);
        assert_eq!(p.editor.text(), "");
        // Keys while it is tried do nothing.
        assert_eq!(press(&mut p, KeyCode::Char('x')), Step::Continue);
        assert_eq!(p.editor.text(), "");
    }

    #[test]
    fn three_wrong_passphrases_end_it_and_esc_leaves() {
        let mut p = Prompt::new("t.json", None);
        assert_eq!(press(&mut p, KeyCode::Enter), Step::Continue);
        assert_eq!(p.error.as_deref(), Some("Type the passphrase, then Enter."));
        assert!(!p.wrong_passphrase());
        assert_eq!(p.error.as_deref(), Some("Wrong passphrase; 2 tries left."));
        assert!(!p.wrong_passphrase());
        assert_eq!(p.error.as_deref(), Some("Wrong passphrase; one try left."));
        assert!(p.wrong_passphrase());
        assert_eq!(press(&mut p, KeyCode::Esc), Step::Quit);
        assert_eq!(
            update(
                &mut p,
                &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Step::Quit
        );
    }

    #[test]
    fn the_screen_shows_dots_never_the_passphrase() {
        let mut p = Prompt::new("trustladder.json", None);
        typed(&mut p, "hunter2");
        let screen = drawn(&p, 60, 16);
        assert!(screen.contains("Passphrase: •••••••"), "{screen}");
        assert!(!screen.contains("hunter2"));
        assert!(screen.contains("This ledger is encrypted."));
        assert!(screen.contains("Enter unlocks · Esc quits"));
    }

    #[test]
    fn a_wrong_passphrase_is_said_above_the_keys() {
        let mut p = Prompt::new("t.json", None);
        p.error = Some("Wrong passphrase; 2 tries left.".into());
        let screen = drawn(&p, 60, 16);
        let said = screen
            .find("Wrong passphrase; 2 tries left.")
            .expect("said");
        let keys = screen
            .find("Enter unlocks · Esc quits")
            .expect("keys shown");
        assert!(said < keys, "{screen}");
    }

    #[test]
    fn locked_again_it_says_after_how_long() {
        let p = Prompt::new("t.json", Some(Duration::from_secs(1800)));
        let screen = drawn(&p, 80, 24);
        assert!(screen.contains("Locked after 30m unused."), "{screen}");
        assert!(screen.contains(" t.json "));
    }

    /// Where the cursor stands, and the text of its row.
    fn cursor_row(
        terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    ) -> (ratatui::layout::Position, String) {
        let cursor = terminal.get_cursor_position().unwrap();
        let row = (0..terminal.backend().buffer().area.width)
            .map(|x| {
                terminal.backend().buffer()[(x, cursor.y)]
                    .symbol()
                    .to_string()
            })
            .collect();
        (cursor, row)
    }

    #[test]
    fn the_cursor_stands_where_the_next_character_goes() {
        let mut p = Prompt::new("t.json", None);
        typed(&mut p, "abc");
        press(&mut p, KeyCode::Left);
        let backend = ratatui::backend::TestBackend::new(80, 24);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| view(&p, &Theme::mono(), f)).unwrap();
        let (cursor, row) = cursor_row(&mut terminal);
        let label = row.find(LABEL).unwrap();
        let dots = row[..label].chars().count() + LABEL.len();
        assert_eq!(usize::from(cursor.x), dots + 2, "{row}");
    }

    #[test]
    fn nothing_typed_is_kept_for_ctrl_y_after_a_try() {
        let mut p = Prompt::new("t.json", None);
        typed(&mut p, "old secret");
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        update(&mut p, &ctrl('u'));
        typed(&mut p, "pw");
        assert_eq!(
            press(&mut p, KeyCode::Enter),
            Step::Try(SecretStringEq(SecretString::from("pw")))
        );
        p.wrong_passphrase();
        update(&mut p, &ctrl('y'));
        assert_eq!(p.editor.text(), "", "the deleted text was wiped");
    }

    /// Locked with changes that failed to save unseen, the screen says how many (never which:
    /// that is the ledger's) and what becomes of them, above the field, whose cursor follows.
    #[test]
    fn locked_with_a_change_not_saved_it_says_so_above_the_field() {
        let mut p = Prompt::new("t.json", Some(Duration::from_secs(1800)));
        p.unsaved = 1;
        typed(&mut p, "ab");
        let backend = ratatui::backend::TestBackend::new(80, 24);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| view(&p, &Theme::mono(), f)).unwrap();
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        let joined = screen
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            joined.contains(
                "1 change was not saved before the lock: unlocked, the status line says why; Esc \
                 quits naming it."
            ),
            "{joined}"
        );
        let (_, row) = cursor_row(&mut terminal);
        assert!(row.contains("Passphrase: ••"), "{row}");
        p.unsaved = 2;
        assert!(drawn(&p, 60, 16).contains("2 changes were not saved"));
    }

    /// On a terminal of a few lines the prompt keeps the field and its keys in sight, after a
    /// wrong passphrase too (the keys were cut off under it, and at 30x8 the field itself under
    /// the words on unsaved changes): blank lines go first, then long words shrink.
    #[test]
    fn a_small_terminal_keeps_the_field_and_the_keys_in_sight() {
        let wrong = || {
            let mut p = Prompt::new("trustladder.json", None);
            p.wrong_passphrase();
            p
        };
        let unsaved = || {
            let mut p = Prompt::new("trustladder.json", Some(Duration::from_secs(3600)));
            p.unsaved = 2;
            p.wrong_passphrase();
            p
        };
        let damaged = || {
            let mut p = Prompt::new("trustladder.json", None);
            p.failed(
                "the key file is damaged: it holds no key this program can read; \
                 `trustladder recover --key FILE` with the recovery key makes a new one"
                    .to_string(),
            );
            p
        };
        for (name, prompt) in [
            ("wrong", wrong()),
            ("unsaved", unsaved()),
            ("damaged", damaged()),
        ] {
            for (w, h) in [(30u16, 8u16), (40, 10)] {
                let backend = ratatui::backend::TestBackend::new(w, h);
                let mut terminal = ratatui::Terminal::new(backend).unwrap();
                terminal.draw(|f| view(&prompt, &Theme::mono(), f)).unwrap();
                let screen = terminal.backend().to_string();
                assert!(
                    screen.contains("Enter · Esc quits") || screen.contains(HINT),
                    "{screen}"
                );
                let (_, row) = cursor_row(&mut terminal);
                assert!(row.contains(LABEL), "the cursor is in the field: {screen}");
                insta::assert_snapshot!(format!("unlock_{name}_{w}x{h}"), screen);
            }
        }
        let screen = drawn(&wrong(), 30, 8);
        assert!(screen.contains("Wrong passphrase; 2 tries"), "{screen}");
        assert!(screen.contains(HINT), "{screen}");
        assert!(drawn(&unsaved(), 30, 8).contains("2 changes not saved."));
    }
}
