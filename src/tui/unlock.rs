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

/// Draws the screen: nothing of the ledger shows behind it.
pub fn view(prompt: &Prompt, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let width = area.width.min(64);
    // A message is wrapped, not cut: its end is often what to do.
    let room = usize::from(width.saturating_sub(4)).max(1);
    let error: Vec<String> = match (&prompt.error, prompt.busy) {
        (Some(error), false) => super::views::wrap(error, room, "", ""),
        _ => Vec::new(),
    };
    let unsaved: Vec<String> = match prompt.unsaved {
        0 => Vec::new(),
        n => {
            let changes = crate::core::text::counted(n, "change", "changes");
            let was = if n == 1 { "was" } else { "were" };
            super::views::wrap(
                &format!(
                    "{changes} {was} not saved before the lock: unlocked, the status line says \
                     why; Esc quits naming {}.",
                    if n == 1 { "it" } else { "them" }
                ),
                room,
                "",
                "",
            )
        }
    };
    // Each line of the unsaved changes' words, and a blank line under them.
    let above = match unsaved.len() {
        0 => 0,
        n => n + 1,
    };
    let extra = u16::try_from(error.len().saturating_sub(1) + above).unwrap_or(u16::MAX);
    let [row] = Layout::vertical([Constraint::Length(8u16.saturating_add(extra))])
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
    let heading = match prompt.locked_after {
        Some(idle) => format!("Locked after {} unused.", idle_text(idle)),
        None => "This ledger is encrypted.".to_string(),
    };
    let hint = Line::styled("Enter unlocks · Esc quits", theme.dim());
    let mut lines = vec![Line::raw(heading), Line::raw("")];
    if !unsaved.is_empty() {
        lines.extend(unsaved.into_iter().map(|l| Line::styled(l, theme.bad())));
        lines.push(Line::raw(""));
    }
    let field = lines.len();
    lines.extend([
        Line::from(vec![
            Span::styled(LABEL, theme.heading()),
            Span::raw(dots.clone()),
        ]),
        Line::raw(""),
    ]);
    if prompt.busy {
        lines.push(Line::styled("Unlocking…", theme.dim()));
    } else if !error.is_empty() {
        // The keys stay in sight under a wrong passphrase: another try, or a way out.
        lines.extend(error.into_iter().map(|l| Line::styled(l, theme.bad())));
        lines.push(hint);
    } else {
        lines.push(hint);
    }
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {} ", prompt.file), theme.heading()));
    let inner = block.inner(box_area);
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
    let x = inner
        .x
        .saturating_add(u16::try_from(LABEL.len() + before).unwrap_or(u16::MAX));
    if !prompt.busy && x < inner.right() {
        let y = inner
            .y
            .saturating_add(u16::try_from(field).unwrap_or(u16::MAX));
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
}
