//! One line of editable text, as every text field, the `/` filter and the help search use it:
//! the keys a shell's line editor has (readline/emacs), editing by what the reader sees as one
//! character (a grapheme cluster: `👩‍💻`, `🇳🇴`, `é` typed as `e` and a combining accent), so
//! no key ever leaves half a character behind.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::core::text::sanitize;

/// Text and a cursor between two grapheme clusters, with the last text deleted by a word or
/// line key for `Ctrl-y` to put back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// A byte offset, always at a cluster boundary.
    cursor: usize,
    killed: String,
    /// The column the field last showed first, kept by drawing: the view moves only when the
    /// cursor would leave it, as a shell's line does, not with every key.
    first_shown: std::cell::Cell<usize>,
}

/// The keys the editor understands, for the help screen and the README: (keys, what they do).
pub const KEYS: &[(&str, &str)] = &[
    ("←/→ Ctrl-b/f", "a character left or right"),
    ("Alt-b/f Ctrl-←/→", "a word left or right"),
    ("Home End Ctrl-a/e", "to the start or the end"),
    ("Backspace", "delete the character before the cursor"),
    ("Delete Ctrl-d", "delete the character under the cursor"),
    ("Ctrl-w Alt-Backspace", "delete the word before the cursor"),
    ("Alt-d", "delete the word after the cursor"),
    ("Ctrl-u / Ctrl-k", "delete to the start / to the end"),
    (
        "Ctrl-y",
        "put back the last text deleted by a word or line key",
    ),
];

impl LineEditor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: &str) -> LineEditor {
        LineEditor {
            text: text.to_string(),
            cursor: text.len(),
            killed: String::new(),
            first_shown: std::cell::Cell::new(0),
        }
    }

    /// The text as typed so far, which the form checks and saves.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte offset into [`LineEditor::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The editor as the screen draws it: the text made safe to print (a bidi or other
    /// format character shown as its escape), the cursor at the same place in it, so the
    /// terminal's cursor lands where it is drawn.
    pub fn drawn(&self) -> LineEditor {
        let (before, after) = self.text.split_at(self.cursor);
        let before = sanitize(before);
        LineEditor {
            cursor: before.len(),
            text: before + &sanitize(after),
            killed: String::new(),
            first_shown: std::cell::Cell::new(self.first_shown.get()),
        }
    }

    /// [`LineEditor::window`] of the text as drawn ([`LineEditor::drawn`]), keeping where the
    /// view was for the next frame.
    pub fn drawn_window(&self, width: usize) -> (String, usize) {
        let drawn = self.drawn();
        let window = drawn.window(width);
        self.first_shown.set(drawn.first_shown.get());
        window
    }

    /// Moves the text out (a passphrase, handed on without a copy left behind), clearing the
    /// editor and wiping the text deleted for `Ctrl-y`.
    pub fn take_wiped(&mut self) -> String {
        use zeroize::Zeroize;
        self.killed.zeroize();
        self.cursor = 0;
        std::mem::take(&mut self.text)
    }

    /// Wipes the text and the text deleted for `Ctrl-y` in place, leaving the editor empty.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        self.text.zeroize();
        self.killed.zeroize();
        self.cursor = 0;
    }

    /// Replaces the text, the cursor at its end.
    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.len();
    }

    /// Inserts text at the cursor (a typed character, or a paste).
    pub fn insert(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
        // A combining mark typed after a letter joins its cluster: keep the cursor on a
        // boundary all the same.
        self.cursor = self.boundary_at_or_after(self.cursor);
    }

    /// Applies one key; returns whether it was an editing key.
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match (key.code, ctrl, alt) {
            (KeyCode::Char('a'), true, false) | (KeyCode::Home, false, false) => self.cursor = 0,
            (KeyCode::Char('e'), true, false) | (KeyCode::End, false, false) => {
                self.cursor = self.text.len()
            }
            (KeyCode::Char('b'), true, false) | (KeyCode::Left, false, false) => {
                self.cursor = self.prev_boundary(self.cursor)
            }
            (KeyCode::Char('f'), true, false) | (KeyCode::Right, false, false) => {
                self.cursor = self.next_boundary(self.cursor)
            }
            (KeyCode::Char('b'), false, true) | (KeyCode::Left, true, false) => {
                self.cursor = self.word_start_before(self.cursor)
            }
            (KeyCode::Char('f'), false, true) | (KeyCode::Right, true, false) => {
                self.cursor = self.word_end_after(self.cursor)
            }
            (KeyCode::Backspace, false, false) => {
                let from = self.prev_boundary(self.cursor);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = self.boundary_at_or_after(from);
            }
            (KeyCode::Delete, false, false) | (KeyCode::Char('d'), true, false) => {
                let to = self.next_boundary(self.cursor);
                self.text.replace_range(self.cursor..to, "");
                self.cursor = self.boundary_at_or_after(self.cursor);
            }
            (KeyCode::Char('w'), true, false) | (KeyCode::Backspace, false, true) => {
                let from = self.word_start_before(self.cursor);
                self.kill(from, self.cursor);
            }
            (KeyCode::Char('d'), false, true) => {
                let to = self.word_end_after(self.cursor);
                self.kill(self.cursor, to);
            }
            (KeyCode::Char('u'), true, false) => self.kill(0, self.cursor),
            (KeyCode::Char('k'), true, false) => self.kill(self.cursor, self.text.len()),
            (KeyCode::Char('y'), true, false) => {
                let back = self.killed.clone();
                self.insert(&back);
            }
            (KeyCode::Char(c), false, false) if !c.is_control() => {
                let mut buf = [0u8; 4];
                self.insert(c.encode_utf8(&mut buf));
            }
            _ => return false,
        }
        true
    }

    /// Deletes `from..to`, keeping it for `Ctrl-y`.
    fn kill(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        self.killed = self.text[from..to].to_string();
        self.text.replace_range(from..to, "");
        // What was either side may join into one character (two halves of a flag).
        self.cursor = self.boundary_at_or_after(from);
    }

    /// The cluster boundaries of the text, start and end included.
    fn boundaries(&self) -> impl Iterator<Item = usize> + '_ {
        self.text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain(std::iter::once(self.text.len()))
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.boundaries()
            .take_while(|b| *b < at)
            .last()
            .unwrap_or(0)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.boundaries()
            .find(|b| *b > at)
            .unwrap_or(self.text.len())
    }

    fn boundary_at_or_after(&self, at: usize) -> usize {
        self.boundaries()
            .find(|b| *b >= at)
            .unwrap_or(self.text.len())
    }

    /// The start of the word before `at` (skipping the spaces just before it), as Alt-b and
    /// Ctrl-w mean it.
    fn word_start_before(&self, at: usize) -> usize {
        let clusters: Vec<(usize, &str)> = self.text[..at].grapheme_indices(true).collect();
        let mut i = clusters.len();
        while i > 0 && !is_word(clusters[i - 1].1) {
            i -= 1;
        }
        while i > 0 && is_word(clusters[i - 1].1) {
            i -= 1;
        }
        clusters.get(i).map_or(at, |(b, _)| *b)
    }

    /// The end of the word after `at` (skipping the spaces just after it), as Alt-f and Alt-d
    /// mean it.
    fn word_end_after(&self, at: usize) -> usize {
        let mut end = at;
        let mut seen_word = false;
        for (i, g) in self.text[at..].grapheme_indices(true) {
            if is_word(g) {
                seen_word = true;
            } else if seen_word {
                return at + i;
            }
            end = at + i + g.len();
        }
        end
    }

    /// The part of the text that fits `width` columns with the cursor in view, and the
    /// cursor's column in it. Scrolling moves by whole clusters, so a wide character is never
    /// split at the edge. Text scrolled out at the left is marked by `…` in the first
    /// column, so a long text never reads as if it began where the field does; the cursor
    /// then stands after it.
    pub fn window(&self, width: usize) -> (String, usize) {
        let width = width.max(2);
        let before = &self.text[..self.cursor];
        // Start where the view last started, or at the cursor if it went left of that.
        let cursor_column = before.width();
        // Never with room left empty on the right while text is hidden on the left: the
        // marker, the text's end and a column for the cursor fill the line.
        let fill = self.text.width().saturating_sub(width - 2);
        let kept = self.first_shown.get().min(cursor_column).min(fill);
        let mut start = 0;
        while start < self.cursor && before[..start].width() < kept {
            start = self.next_boundary(start);
        }
        // Then drop clusters from the left until the cursor fits (a column for it included,
        // and one for the marker once anything is hidden).
        while before[start..].width() + usize::from(start > 0) >= width {
            start = self.next_boundary(start);
        }
        self.first_shown.set(before[..start].width());
        let mut shown = String::new();
        let mut used = 0;
        if start > 0 {
            shown.push(CUT);
            used += 1;
        }
        let cursor = used + before[start..].width();
        for g in self.text[start..].graphemes(true) {
            let w = g.width();
            if used + w > width {
                break;
            }
            shown.push_str(g);
            used += w;
        }
        (shown, cursor)
    }
}

/// What stands in the first column of a text field whose start is scrolled out of sight.
const CUT: char = '…';

/// Whether a cluster is part of a word: letters, digits and the joiners of words.
fn is_word(g: &str) -> bool {
    g.chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '\'' || !c.is_ascii())
        && !g.chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(e: &mut LineEditor, code: KeyCode, mods: KeyModifiers) {
        assert!(e.key(&KeyEvent::new(code, mods)), "{code:?} {mods:?}");
    }

    fn plain(e: &mut LineEditor, code: KeyCode) {
        press(e, code, KeyModifiers::NONE);
    }

    fn ctrl(e: &mut LineEditor, c: char) {
        press(e, KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    fn alt(e: &mut LineEditor, code: KeyCode) {
        press(e, code, KeyModifiers::ALT);
    }

    const TEXT: &str = "Fix José's 👩\u{200d}💻 🇳🇴";

    #[test]
    fn backspace_removes_what_is_seen_as_one_character() {
        let mut e = LineEditor::new(TEXT);
        plain(&mut e, KeyCode::Backspace);
        assert_eq!(e.text(), "Fix José's 👩\u{200d}💻 ");
        plain(&mut e, KeyCode::Backspace);
        plain(&mut e, KeyCode::Backspace);
        assert_eq!(
            e.text(),
            "Fix José's ",
            "the whole technologist, joiner and all"
        );
        let mut e = LineEditor::new("e\u{301}");
        plain(&mut e, KeyCode::Backspace);
        assert_eq!(
            e.text(),
            "",
            "a letter with a combining accent is one character"
        );
    }

    #[test]
    fn left_right_and_delete_move_over_whole_clusters() {
        let mut e = LineEditor::new(TEXT);
        plain(&mut e, KeyCode::Left);
        plain(&mut e, KeyCode::Left);
        plain(&mut e, KeyCode::Left);
        plain(&mut e, KeyCode::Delete);
        assert_eq!(e.text(), "Fix José's  🇳🇴");
        ctrl(&mut e, 'a');
        ctrl(&mut e, 'f');
        ctrl(&mut e, 'd');
        assert_eq!(e.text(), "Fx José's  🇳🇴");
        ctrl(&mut e, 'b');
        plain(&mut e, KeyCode::Right);
        plain(&mut e, KeyCode::End);
        assert_eq!(e.cursor(), e.text().len());
        plain(&mut e, KeyCode::Home);
        assert_eq!(e.cursor(), 0);
        ctrl(&mut e, 'e');
        assert_eq!(e.cursor(), e.text().len());
    }

    #[test]
    fn word_keys_and_the_kill_ring() {
        let mut e = LineEditor::new("send the board deck");
        ctrl(&mut e, 'w');
        assert_eq!(e.text(), "send the board ");
        ctrl(&mut e, 'y');
        assert_eq!(e.text(), "send the board deck");
        alt(&mut e, KeyCode::Backspace);
        assert_eq!(e.text(), "send the board ");
        alt(&mut e, KeyCode::Char('b'));
        alt(&mut e, KeyCode::Char('b'));
        assert_eq!(&e.text()[e.cursor()..], "the board ");
        alt(&mut e, KeyCode::Char('d'));
        assert_eq!(e.text(), "send  board ");
        alt(&mut e, KeyCode::Char('f'));
        assert_eq!(&e.text()[e.cursor()..], " ");
        press(&mut e, KeyCode::Left, KeyModifiers::CONTROL);
        assert_eq!(&e.text()[e.cursor()..], "board ");
        press(&mut e, KeyCode::Right, KeyModifiers::CONTROL);
        assert_eq!(&e.text()[e.cursor()..], " ");
        ctrl(&mut e, 'u');
        assert_eq!(e.text(), " ");
        ctrl(&mut e, 'y');
        assert_eq!(e.text(), "send  board ");
        ctrl(&mut e, 'a');
        ctrl(&mut e, 'k');
        assert_eq!(e.text(), "");
        ctrl(&mut e, 'y');
        assert_eq!(e.text(), "send  board ");
    }

    /// A deletion can join what stood either side of it into one character: a lone regional
    /// indicator pairs with the next into a flag, a woman and a joiner meet a laptop. The
    /// cursor then stands after the joined character, never inside it.
    #[test]
    fn a_deletion_that_joins_two_characters_leaves_the_cursor_after_them() {
        let mut e = LineEditor::new("🇸a🇳🇴");
        plain(&mut e, KeyCode::Left);
        plain(&mut e, KeyCode::Backspace);
        assert_eq!((e.text(), e.cursor()), ("🇸🇳🇴", 8));
        assert_eq!(e.window(10), ("🇸🇳🇴".to_string(), 2));
        let mut e = LineEditor::new("🇸a🇳🇴");
        plain(&mut e, KeyCode::Home);
        plain(&mut e, KeyCode::Right);
        plain(&mut e, KeyCode::Delete);
        assert_eq!((e.text(), e.cursor()), ("🇸🇳🇴", 8));
        let mut e = LineEditor::new("👩\u{200d}x💻");
        plain(&mut e, KeyCode::Left);
        plain(&mut e, KeyCode::Backspace);
        assert_eq!(
            (e.text(), e.cursor()),
            ("👩\u{200d}💻", "👩\u{200d}💻".len())
        );
        plain(&mut e, KeyCode::Backspace);
        assert_eq!(e.text(), "", "one character now");
    }

    #[test]
    fn typing_inserts_at_the_cursor_and_a_combining_accent_joins_its_letter() {
        let mut e = LineEditor::new("Jos");
        plain(&mut e, KeyCode::Char('e'));
        plain(&mut e, KeyCode::Char('\u{301}'));
        assert_eq!(e.text(), "Jose\u{301}");
        assert_eq!(e.cursor(), e.text().len());
        plain(&mut e, KeyCode::Left);
        assert_eq!(e.cursor(), 3, "before the accented e");
        assert!(!e.key(&KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    }

    /// Each key as [`KEYS`] writes it, its shorthands spelled out: `Ctrl-b/f` is `Ctrl-b`
    /// and `Ctrl-f`, `←/→` is `←` and `→`.
    fn listed() -> Vec<String> {
        KEYS.iter()
            .flat_map(|(keys, _)| keys.split_whitespace())
            .filter(|token| *token != "/")
            .flat_map(|token| {
                let (prefix, rest) = ["Ctrl-", "Alt-"]
                    .iter()
                    .find_map(|m| token.strip_prefix(m).map(|rest| (*m, rest)))
                    .unwrap_or(("", token));
                rest.split('/')
                    .map(|key| format!("{prefix}{key}"))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// Every key the editor acts on is in the list the help and the README show, so none
    /// works unseen (Ctrl-d once did).
    #[test]
    fn every_key_the_editor_acts_on_is_listed() {
        let named = [
            (KeyCode::Left, "←"),
            (KeyCode::Right, "→"),
            (KeyCode::Home, "Home"),
            (KeyCode::End, "End"),
            (KeyCode::Backspace, "Backspace"),
            (KeyCode::Delete, "Delete"),
        ];
        let mut keys: Vec<(KeyCode, String)> = named
            .iter()
            .map(|(code, name)| (*code, name.to_string()))
            .collect();
        keys.extend(('a'..='z').map(|c| (KeyCode::Char(c), c.to_string())));
        let listed = listed();
        for (code, name) in keys {
            for (mods, prefix) in [
                (KeyModifiers::CONTROL, "Ctrl-"),
                (KeyModifiers::ALT, "Alt-"),
                (KeyModifiers::NONE, ""),
            ] {
                if mods == KeyModifiers::NONE && matches!(code, KeyCode::Char(_)) {
                    // Plain letters type themselves.
                    continue;
                }
                let mut e = LineEditor::new("send the deck");
                plain(&mut e, KeyCode::Left);
                if e.key(&KeyEvent::new(code, mods)) {
                    let key = format!("{prefix}{name}");
                    assert!(listed.contains(&key), "{key} acts but is not listed");
                }
            }
        }
        assert!(listed.contains(&"Ctrl-y".to_string()));
    }

    #[test]
    fn drawn_text_is_safe_to_print_and_keeps_the_cursor_in_place() {
        let mut e = LineEditor::new("a\u{202e}b");
        plain(&mut e, KeyCode::Left);
        let drawn = e.drawn();
        assert_eq!(drawn.text(), "a\\u{202e}b");
        assert_eq!(&drawn.text()[drawn.cursor()..], "b");
        assert_eq!(drawn.window(20), ("a\\u{202e}b".to_string(), 9));
    }

    /// The view stays where it is while the cursor moves inside it, as a shell's line does;
    /// it moves only when the cursor would leave it (it slid with every key at the right edge).
    #[test]
    fn the_window_stays_put_while_the_cursor_moves_inside_it() {
        let text: String = ('a'..='z').cycle().take(90).collect();
        let mut e = LineEditor::new(&text);
        let (end_view, col) = e.window(20);
        assert_eq!(col, 19);
        for step in 1..=5 {
            plain(&mut e, KeyCode::Left);
            let (view, col) = e.window(20);
            assert_eq!(view, end_view, "the view moved at step {step}");
            assert_eq!(col, 19 - step);
        }
        // At the end, what is hidden at the left is marked, and the cursor stands after the
        // text, the mark and 18 letters before it.
        assert_eq!(end_view, format!("…{}", &text[72..]));
        // Past its left edge the view follows the cursor, which stays right of the mark.
        for _ in 0..20 {
            plain(&mut e, KeyCode::Left);
        }
        let (view, col) = e.window(20);
        assert_eq!(col, 1);
        assert_eq!(view, format!("…{}", &text[65..84]));
        // At the start nothing is hidden on the left, and no mark shows.
        plain(&mut e, KeyCode::Home);
        assert_eq!(e.window(20), (text[..20].to_string(), 0));
        // Deleted down to what fits, the whole text shows again.
        plain(&mut e, KeyCode::End);
        for _ in 0..80 {
            plain(&mut e, KeyCode::Backspace);
        }
        assert_eq!(e.window(20), (text[..10].to_string(), 10));
    }

    #[test]
    fn the_window_keeps_the_cursor_in_view_and_never_splits_a_wide_character() {
        let mut e = LineEditor::new("王芳王芳王芳");
        let (shown, col) = e.window(5);
        assert_eq!((shown.as_str(), col), ("…芳", 3));
        ctrl(&mut e, 'a');
        let (shown, col) = e.window(5);
        assert_eq!((shown.as_str(), col), ("王芳", 0));
        let e = LineEditor::new("abc");
        assert_eq!(e.window(10), ("abc".to_string(), 3));
    }
}
