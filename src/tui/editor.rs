//! One line of editable text, as every text field, the `/` filter and the help search use it:
//! the keys a shell's line editor has (readline/emacs), editing by what the reader sees as one
//! character (a grapheme cluster: `👩‍💻`, `🇳🇴`, `é` typed as `e` and a combining accent), so
//! no key ever leaves half a character behind.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

use crate::core::text::{columns, sanitize};

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
    ("Backspace Ctrl-h", "delete the character before the cursor"),
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
            // A terminal set to send ^H for Backspace sends what Ctrl-h does, and bash takes
            // both the same way.
            (KeyCode::Backspace, false, false) | (KeyCode::Char('h'), true, false) => {
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

    /// The cluster boundary before `at`. It looks only at the text around `at` (as the next
    /// two do), so a key costs the same in a long text as in a short one.
    fn prev_boundary(&self, at: usize) -> usize {
        // With the whole text as its one chunk, the cursor never asks for more.
        GraphemeCursor::new(at, self.text.len(), true)
            .prev_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(0)
    }

    fn next_boundary(&self, at: usize) -> usize {
        GraphemeCursor::new(at, self.text.len(), true)
            .next_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(self.text.len())
    }

    fn boundary_at_or_after(&self, at: usize) -> usize {
        let on_boundary = GraphemeCursor::new(at, self.text.len(), true)
            .is_boundary(&self.text, 0)
            .unwrap_or(true);
        if on_boundary {
            at
        } else {
            self.next_boundary(at)
        }
    }

    /// The start of the word before `at` (skipping the spaces just before it), as Alt-b and
    /// Ctrl-w mean it.
    fn word_start_before(&self, at: usize) -> usize {
        let mut clusters = self.text[..at].grapheme_indices(true).rev().peekable();
        let mut start = at;
        for word in [false, true] {
            while let Some((i, _)) = clusters.next_if(|(_, g)| is_word(g) == word) {
                start = i;
            }
        }
        start
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
    /// then stands after it. Columns are counted cluster by cluster, as the screen draws them.
    /// It takes one pass over the text, however far it scrolls.
    pub fn window(&self, width: usize) -> (String, usize) {
        let width = width.max(2);
        let (before, after) = self.text.split_at(self.cursor);
        let cursor_column = columns(before);
        // Never with room left empty on the right while text is hidden on the left: the
        // marker, the text's end and a column for the cursor fill the line.
        let fill = (cursor_column + columns(after)).saturating_sub(width - 2);
        // The view starts where it last started (the first cluster from that column on), or
        // at the cursor if that went left of it; then, while the cursor does not fit (a
        // column for it included, and one for the marker once anything is hidden), a cluster
        // further right. Every start right of the first that meets both does too, so it is
        // found walking left from the cursor, over no more of the text than the field shows.
        let kept = self.first_shown.get().min(cursor_column).min(fill);
        let (start, start_column) = if kept == 0 && cursor_column < width {
            // The text's start, with no marker to make room for.
            (0, 0)
        } else {
            let mut start = (self.cursor, cursor_column);
            for (i, g) in before.grapheme_indices(true).rev() {
                let column = start.1.saturating_sub(g.width());
                if i == 0 || column < kept || cursor_column - column + 1 >= width {
                    break;
                }
                start = (i, column);
            }
            start
        };
        self.first_shown.set(start_column);
        let mut shown = String::new();
        let mut used = 0;
        if start > 0 {
            shown.push(CUT);
            used += 1;
        }
        let cursor = used + cursor_column - start_column;
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

    /// A terminal set to send ^H for Backspace (PuTTY, an option of macOS Terminal) sends what
    /// Ctrl-h does: it deletes the character before the cursor, as bash has it.
    #[test]
    fn ctrl_h_deletes_the_character_before_the_cursor_as_backspace_does() {
        let mut e = LineEditor::new(TEXT);
        ctrl(&mut e, 'h');
        assert_eq!(e.text(), "Fix José's 👩\u{200d}💻 ");
        ctrl(&mut e, 'h');
        ctrl(&mut e, 'h');
        assert_eq!(e.text(), "Fix José's ", "the whole technologist");
        for at in 0..=TEXT.graphemes(true).count() {
            let mut by_backspace = LineEditor::new(TEXT);
            plain(&mut by_backspace, KeyCode::Home);
            for _ in 0..at {
                plain(&mut by_backspace, KeyCode::Right);
            }
            let mut by_ctrl_h = by_backspace.clone();
            plain(&mut by_backspace, KeyCode::Backspace);
            ctrl(&mut by_ctrl_h, 'h');
            assert_eq!(by_ctrl_h, by_backspace, "{at} characters in");
        }
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

    /// The clusters' edges as the editor first found them: walking the text from its start.
    fn walked_boundaries(text: &str) -> Vec<usize> {
        text.grapheme_indices(true)
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect()
    }

    /// The window as it was first written: the view's start found walking right from the
    /// text's start, first to where the view last started, then on until the cursor fits.
    /// Plainly what the doc comment says, so the one in use must agree with it. It measured
    /// whole strings (`str::width`) and walked the text from its start for every cluster;
    /// here each edge's column is measured once, cluster by cluster as the screen draws,
    /// which is the same for every text but those where a character joins the next
    /// cluster's in measuring only (see `the_window_counts_columns_as_the_screen_draws_them`).
    fn reference_window(
        text: &str,
        cursor: usize,
        first_shown: &std::cell::Cell<usize>,
        width: usize,
    ) -> (String, usize) {
        // Each cluster edge up to the cursor, and its column.
        let mut edges = vec![(0, 0)];
        for (i, g) in text[..cursor].grapheme_indices(true) {
            let column = edges.last().unwrap().1 + g.width();
            edges.push((i + g.len(), column));
        }
        let column_at = |byte: usize| edges.iter().find(|(b, _)| *b == byte).unwrap().1;
        let next_boundary = |at: usize| edges.iter().find(|(b, _)| *b > at).unwrap().0;
        let width = width.max(2);
        let cursor_column = column_at(cursor);
        let fill = columns(text).saturating_sub(width - 2);
        let kept = first_shown.get().min(cursor_column).min(fill);
        let mut start = 0;
        while start < cursor && column_at(start) < kept {
            start = next_boundary(start);
        }
        while cursor_column - column_at(start) + usize::from(start > 0) >= width {
            start = next_boundary(start);
        }
        first_shown.set(column_at(start));
        let mut shown = String::new();
        let mut used = 0;
        if start > 0 {
            shown.push(CUT);
            used += 1;
        }
        let cursor = used + cursor_column - column_at(start);
        for g in text[start..].graphemes(true) {
            let w = g.width();
            if used + w > width {
                break;
            }
            shown.push_str(g);
            used += w;
        }
        (shown, cursor)
    }

    /// What the texts below are made of: letters and spaces, wide characters, an emoji
    /// joined from three, flags (a lone regional indicator pairs with the next one), a
    /// letter with a combining accent, an accent alone (at the start of a text it is a
    /// cluster of no width), a joiner alone and an emoji asked for by a selector.
    const PIECES: &[&str] = &[
        "a",
        "b",
        " ",
        "José",
        "e\u{301}",
        "\u{301}",
        "王",
        "芳",
        "👩\u{200d}💻",
        "🇳🇴",
        "🇸",
        "\u{200d}",
        "❤\u{fe0f}",
        "'",
    ];

    /// Fixed texts for the exhaustive checks: one of each kind, and all of them mixed.
    fn sample_texts() -> Vec<String> {
        let mixed = PIECES.concat();
        vec![
            ('a'..='z').cycle().take(45).collect(),
            "王芳王芳王芳王芳王芳王芳王芳王芳".to_string(),
            "👩\u{200d}💻👩\u{200d}💻 fix 👩\u{200d}💻🇳🇴🇸🇪🇳".to_string(),
            "Jose\u{301} re\u{301}sume\u{301} cafe\u{301} na\u{308}ive".to_string(),
            "\u{301}a\u{301}\u{301}b 王\u{301}".to_string(),
            TEXT.to_string(),
            mixed.clone(),
            mixed.repeat(3),
        ]
    }

    /// The window and where it keeps the view, against the reference, with the cursor
    /// walked from the end to the start and back at every width: each step starts from
    /// where the step before left the view, so the view's stickiness is compared too.
    #[test]
    fn the_window_agrees_with_the_plain_reference_at_every_cursor_and_width() {
        for text in sample_texts() {
            // These measure the same as whole strings, as the window first measured them:
            // here the reference is that window exactly.
            for edge in walked_boundaries(&text) {
                let (before, after) = text.split_at(edge);
                assert_eq!(columns(before), before.width(), "{text:?}");
                assert_eq!(columns(after), after.width(), "{text:?}");
            }
            for width in (0..=16).chain([25, 40, 200]) {
                let mut e = LineEditor::new(&text);
                let reference = std::cell::Cell::new(0);
                let check = |e: &LineEditor, step: &str| {
                    let want = reference_window(e.text(), e.cursor(), &reference, width);
                    assert_eq!(e.window(width), want, "{text:?} width {width}, {step}");
                    assert_eq!(e.first_shown.get(), reference.get(), "{text:?} {step}");
                };
                check(&e, "at the end");
                while e.cursor() > 0 {
                    plain(&mut e, KeyCode::Left);
                    check(&e, &format!("left to {}", e.cursor()));
                }
                while e.cursor() < e.text().len() {
                    plain(&mut e, KeyCode::Right);
                    check(&e, &format!("right to {}", e.cursor()));
                }
                while !e.text().is_empty() {
                    if e.cursor() == 0 {
                        plain(&mut e, KeyCode::End);
                    }
                    plain(&mut e, KeyCode::Backspace);
                    check(&e, &format!("deleted to {:?}", e.text()));
                }
            }
        }
    }

    /// The cluster edges found by looking around the cursor only are the ones found by
    /// walking from the start, at every offset of texts joined at random (flags split and
    /// paired anew, accents joining what comes before them).
    fn assert_local_boundaries_agree(text: &str) {
        let walked = walked_boundaries(text);
        let e = LineEditor::new(text);
        for at in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
            let prev = walked.iter().rev().find(|b| **b < at).copied().unwrap_or(0);
            let next = walked
                .iter()
                .find(|b| **b > at)
                .copied()
                .unwrap_or(text.len());
            let at_or_after = walked.iter().find(|b| **b >= at).copied().unwrap();
            assert_eq!(e.prev_boundary(at), prev, "{text:?} before {at}");
            assert_eq!(e.next_boundary(at), next, "{text:?} after {at}");
            assert_eq!(e.boundary_at_or_after(at), at_or_after, "{text:?} {at}");
        }
        // The start of the word before each edge, against the clusters listed whole.
        let clusters: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        for (n, &at) in walked.iter().enumerate() {
            let mut i = n;
            while i > 0 && !is_word(clusters[i - 1].1) {
                i -= 1;
            }
            while i > 0 && is_word(clusters[i - 1].1) {
                i -= 1;
            }
            let want = clusters.get(i).map_or(at, |(b, _)| *b);
            assert_eq!(e.word_start_before(at), want, "{text:?} word before {at}");
        }
    }

    #[test]
    fn cluster_edges_found_locally_are_the_ones_found_from_the_start() {
        for text in sample_texts() {
            assert_local_boundaries_agree(&text);
        }
    }

    /// One step of a session at a text field, for the property below.
    #[derive(Debug, Clone)]
    enum Step {
        Key(KeyCode, KeyModifiers),
        Type(&'static str),
        Paste(String),
        Resize(usize),
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        let none = KeyModifiers::NONE;
        let keys = [
            (KeyCode::Left, none),
            (KeyCode::Right, none),
            (KeyCode::Home, none),
            (KeyCode::End, none),
            (KeyCode::Backspace, none),
            (KeyCode::Delete, none),
            (KeyCode::Char('h'), KeyModifiers::CONTROL),
            (KeyCode::Char('w'), KeyModifiers::CONTROL),
            (KeyCode::Char('u'), KeyModifiers::CONTROL),
            (KeyCode::Char('k'), KeyModifiers::CONTROL),
            (KeyCode::Char('y'), KeyModifiers::CONTROL),
            (KeyCode::Char('b'), KeyModifiers::ALT),
            (KeyCode::Char('f'), KeyModifiers::ALT),
            (KeyCode::Char('d'), KeyModifiers::ALT),
        ];
        prop_oneof![
            4 => proptest::sample::select(keys.to_vec()).prop_map(|(c, m)| Step::Key(c, m)),
            3 => proptest::sample::select(PIECES).prop_map(Step::Type),
            1 => proptest::collection::vec(proptest::sample::select(PIECES), 0..30)
                .prop_map(|p| Step::Paste(p.concat())),
            1 => (0usize..30).prop_map(Step::Resize),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// Texts typed, pasted and edited at random, the field resized between keys: after
        /// every step the window is the reference's, and the view is kept where the
        /// reference keeps it; the cursor stays on a cluster edge.
        #[test]
        fn the_window_agrees_with_the_reference_over_any_editing(
            start in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
            steps in proptest::collection::vec(step(), 1..60),
            width in 0usize..30,
        ) {
            let mut e = LineEditor::new(&start.concat());
            let reference = std::cell::Cell::new(0);
            let mut width = width;
            for step in &steps {
                match step {
                    Step::Key(code, mods) => {
                        e.key(&KeyEvent::new(*code, *mods));
                    }
                    Step::Type(piece) => {
                        for c in piece.chars() {
                            e.key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                        }
                    }
                    Step::Paste(text) => e.insert(text),
                    Step::Resize(to) => width = *to,
                }
                let walked = walked_boundaries(e.text());
                proptest::prop_assert!(walked.contains(&e.cursor()), "{:?} at {}", e.text(), e.cursor());
                let want = reference_window(e.text(), e.cursor(), &reference, width);
                proptest::prop_assert_eq!(e.window(width), want, "{:?} after {:?}", e.text(), step);
                proptest::prop_assert_eq!(e.first_shown.get(), reference.get());
            }
            assert_local_boundaries_agree(e.text());
        }
    }

    /// Where a text measures differently as a whole than cluster by cluster (an Arabic lam
    /// and alef, which a font may join), the window counts as the screen draws: a cell for
    /// each cluster, so the terminal's cursor lands after the text, not inside it.
    #[test]
    fn the_window_counts_columns_as_the_screen_draws_them() {
        let e = LineEditor::new("لا");
        assert_eq!(e.window(10), ("لا".to_string(), 2));
        let mut line = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 10, 1));
        line.set_string(0, 0, "لا", ratatui::style::Style::default());
        assert_eq!(line[(1, 0)].symbol(), "ا", "each cluster its own cell");
    }

    /// A text of 200,000 characters (a big paste) edits as a short one does: every key
    /// looks only around the cursor, and drawing the field takes one pass over the text.
    /// The code before walked the text from its start for every key (a twentieth of a second
    /// a key in a debug build) and, drawing, for every cluster the view moved by: its first
    /// window here had not come back after five minutes. Now the whole test takes a fraction
    /// of a second, checking what every key did.
    #[test]
    fn a_text_of_200_000_characters_edits_as_a_short_one_does() {
        const UNIT: &str = "Fix Jose\u{301}'s 👩\u{200d}💻 王芳 🇳🇴 deck. ";
        let units = 200_000 / UNIT.chars().count() + 1;
        let big = UNIT.repeat(units);
        assert!(big.chars().count() >= 200_000);
        let unit_columns = columns(UNIT);
        // Pasted whole, as a bracketed paste arrives.
        let mut e = LineEditor::default();
        e.insert(&big);
        assert_eq!((e.text(), e.cursor()), (big.as_str(), big.len()));
        let (shown, col) = e.window(40);
        assert_eq!(col, 39);
        assert!(shown.starts_with(CUT) && big.ends_with(&shown[CUT.len_utf8()..]));
        assert_eq!(e.first_shown.get(), units * unit_columns - 38);
        // Left over 1,000 units of it, a key at a time.
        let clusters = UNIT.graphemes(true).count();
        for _ in 0..1_000 * clusters {
            plain(&mut e, KeyCode::Left);
        }
        let at = (units - 1_000) * UNIT.len();
        assert_eq!(e.cursor(), at);
        let (shown, col) = e.window(40);
        assert_eq!(col, 1, "the view followed the cursor left");
        assert!(
            shown.starts_with(&format!("{CUT}Fix Jose\u{301}'s")),
            "{shown}"
        );
        // Typed into the middle and deleted again, a key at a time, by both keys.
        let typed: String = "hello, world ".chars().cycle().take(1_000).collect();
        for c in typed.chars() {
            plain(&mut e, KeyCode::Char(c));
        }
        assert_eq!(e.cursor(), at + 1_000);
        assert_eq!(e.window(40), (format!("{CUT}{}F", &typed[962..]), 39));
        for _ in 0..500 {
            plain(&mut e, KeyCode::Backspace);
            ctrl(&mut e, 'h');
        }
        assert_eq!((e.text(), e.cursor()), (big.as_str(), at));
        // A word deleted and put back, and one after the cursor deleted.
        ctrl(&mut e, 'w');
        assert!(e.text()[..e.cursor()].ends_with("🇳🇴 "));
        assert!(e.text()[e.cursor()..].starts_with("Fix Jose\u{301}"));
        ctrl(&mut e, 'y');
        assert_eq!((e.text(), e.cursor()), (big.as_str(), at));
        alt(&mut e, KeyCode::Char('d'));
        assert!(e.text()[e.cursor()..].starts_with(" Jose\u{301}'s 👩"));
        // The other end of the text.
        plain(&mut e, KeyCode::Home);
        plain(&mut e, KeyCode::Delete);
        assert!(e.text().starts_with("ix Jose\u{301}"));
        assert_eq!(e.window(40).1, 0);
        plain(&mut e, KeyCode::End);
        assert_eq!(e.window(40).1, 39);
    }
}
