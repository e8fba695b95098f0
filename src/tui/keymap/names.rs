//! Keys by name: `ctrl-r`, `shift-tab`, `f5`, `G`, as the config file and `trustladder keys`
//! write them, and `Ctrl-r`, `Shift-Tab`, `F5`, `G` as the screen shows them.
//!
//! A parser of our own rather than `crokey`'s: crokey lowercases every name, so `G` would
//! read as `g`, and `shift-tab` as Tab with Shift, where terminals send Shift-Tab as BackTab.
//! Here a single character means itself (`G` is Shift-g, `?` is `?`), which is how the
//! default keys are written, and every name maps to exactly what crossterm reports.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::text::{self, quoted_back};

const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// One key as the key map matches it: its code and the modifiers that matter. Shift is part
/// of a character (`G`) and of BackTab, so it is kept only on other keys (`shift-up`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Keystroke {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// Why a key name was not understood. The messages name the name, for the config's warnings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyNameError {
    #[error("an empty key name")]
    Empty,
    /// The name, and ` (did you mean enter?)` when it is near one, or nothing.
    #[error(
        "'{0}' is not a key name{1}: use a character, a name (enter, esc, tab, space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24), with ctrl-, alt- or shift- before it"
    )]
    Unknown(String, String),
    /// A modifier written twice (`ctrl-ctrl-u`): a slip, not a key of its own, which was
    /// read as if written once and so bound what the line does not say. The name, the
    /// modifier, and ` (ctrl-u)` with it written once where that is a key, or nothing.
    #[error("'{0}': {1} is written twice; write each modifier once{2}")]
    RepeatedModifier(String, &'static str, String),
    #[error("'{0}': with shift, write the character itself (shift-1 is !, shift-g is G)")]
    ShiftedCharacter(String),
    #[error("'{0}': terminals send ctrl with shift on a letter as ctrl with the letter alone")]
    CtrlShift(String),
    #[error(
        "'{0}': terminals send this as another key (ctrl-i as tab, ctrl-m as enter, ctrl-[ as esc) or not at all; with ctrl, use a letter, space, or 4 to 7"
    )]
    CtrlUnsent(String),
    /// Enter, tab, esc and backspace with a modifier that the terminal drops or turns into
    /// another key: the UI reads keys as terminals send them by default (no keyboard protocol
    /// that would tell these apart), so such a binding would never fire.
    #[error(
        "'{0}': terminals send this as another key (ctrl-enter as enter, ctrl-tab as tab, ctrl-backspace as ctrl-h, shift-esc as esc, alt-esc as esc) or not at all; enter, tab, esc and backspace take no ctrl or shift (shift-tab is the one that arrives), and alt only with enter, tab or backspace"
    )]
    ModifierUnsent(String),
    /// Alt with `[` or `O`: sent as esc before it, which opens the terminal's own sequences
    /// (`esc [`, `esc O`), so the key is read as the start of one and takes the next key too.
    #[error(
        "'{0}': terminals send alt-[ and alt-O as esc [ and esc O, which begin the sequences of other keys, so it would never arrive and would take the key after it"
    )]
    AltIntroducer(String),
    /// A letter whose capital is several characters (ß is SS): no single key is it.
    #[error(
        "'{0}': its capital is not one character, so no key sends it; write the character shift types on your keyboard itself"
    )]
    NoCapital(String),
}

/// The named keys: (name in the file, other spellings, code, label on screen).
const NAMED: &[(&str, &[&str], KeyCode, &str)] = &[
    ("enter", &["return"], KeyCode::Enter, "Enter"),
    ("esc", &["escape"], KeyCode::Esc, "Esc"),
    ("tab", &[], KeyCode::Tab, "Tab"),
    ("backtab", &[], KeyCode::BackTab, "Shift-Tab"),
    ("space", &[], KeyCode::Char(' '), "Space"),
    ("backspace", &[], KeyCode::Backspace, "Backspace"),
    ("delete", &["del"], KeyCode::Delete, "Delete"),
    ("insert", &["ins"], KeyCode::Insert, "Insert"),
    ("home", &[], KeyCode::Home, "Home"),
    ("end", &[], KeyCode::End, "End"),
    ("pageup", &["pgup"], KeyCode::PageUp, "PgUp"),
    ("pagedown", &["pgdn"], KeyCode::PageDown, "PgDn"),
    ("up", &[], KeyCode::Up, "↑"),
    ("down", &[], KeyCode::Down, "↓"),
    ("left", &[], KeyCode::Left, "←"),
    ("right", &[], KeyCode::Right, "→"),
];

impl Keystroke {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Keystroke {
        Keystroke { code, mods }
    }

    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Keystroke {
        Keystroke::new(code, KeyModifiers::NONE)
    }

    /// A character typed alone.
    pub const fn ch(c: char) -> Keystroke {
        Keystroke::plain(KeyCode::Char(c))
    }

    /// A character with Ctrl.
    pub const fn ctrl(c: char) -> Keystroke {
        Keystroke::new(KeyCode::Char(c), CTRL)
    }

    /// A character with Alt.
    pub const fn alt(c: char) -> Keystroke {
        Keystroke::new(KeyCode::Char(c), ALT)
    }

    /// The key a terminal event stands for, in the form the key map holds keys.
    pub fn of(event: &KeyEvent) -> Keystroke {
        let mods = event.modifiers & (CTRL | ALT | SHIFT);
        Keystroke::normal(event.code, mods)
    }

    /// Shift folded into the character or BackTab; a letter with Ctrl is the lowercase one
    /// (terminals differ on its case).
    fn normal(code: KeyCode, mut mods: KeyModifiers) -> Keystroke {
        let code = match code {
            KeyCode::Char(c) => {
                mods.remove(SHIFT);
                if mods.contains(CTRL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Keystroke { code, mods }
    }

    /// Reads a key name: modifiers `ctrl-`, `alt-`, `shift-` (any case, any order), then one
    /// character (which means itself, case and all) or a key's name (any case).
    pub fn parse(name: &str) -> Result<Keystroke, KeyNameError> {
        if name.is_empty() {
            return Err(KeyNameError::Empty);
        }
        // Shown escaped: a tab typed in the file reads as `\t`, not as a space.
        // Quoted back by its start when long, as anything typed is.
        let unknown = |rest: &str| {
            KeyNameError::Unknown(
                quoted_back(&name.escape_debug().to_string()),
                marked(rest)
                    .or_else(|| meant(name).map(|m| format!(" (did you mean {m}?)")))
                    .unwrap_or_default(),
            )
        };
        let mut mods = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            let found = [("ctrl-", CTRL), ("alt-", ALT), ("shift-", SHIFT)]
                .into_iter()
                .find(|(prefix, _)| lower.starts_with(prefix) && rest.len() > prefix.len());
            match found {
                Some((prefix, m)) if mods.contains(m) => {
                    // The name with this second one left out, offered where it is a key.
                    let once = format!(
                        "{}{}",
                        &name[..name.len() - rest.len()],
                        &rest[prefix.len()..]
                    );
                    let meant = Keystroke::parse(&once)
                        .map_or_else(|_| String::new(), |_| format!(" ({once})"));
                    return Err(KeyNameError::RepeatedModifier(
                        quoted_back(name),
                        prefix.trim_end_matches('-'),
                        meant,
                    ));
                }
                Some((prefix, m)) => {
                    mods |= m;
                    rest = &rest[prefix.len()..];
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_control() => return Err(unknown(rest)),
            (Some(c), None) => KeyCode::Char(c),
            _ => named(rest).ok_or_else(|| unknown(rest))?,
        };
        let code = match code {
            KeyCode::Char(c) if mods.contains(SHIFT) && c != ' ' => {
                if !c.is_alphabetic() {
                    return Err(KeyNameError::ShiftedCharacter(quoted_back(name)));
                }
                if mods.contains(CTRL) {
                    return Err(KeyNameError::CtrlShift(quoted_back(name)));
                }
                // ß's capital is SS: taking its first letter would bind S unasked.
                let mut upper = c.to_uppercase();
                match (upper.next(), upper.next()) {
                    (Some(one), None) => KeyCode::Char(one),
                    _ => return Err(KeyNameError::NoCapital(quoted_back(name))),
                }
            }
            KeyCode::Tab if mods.contains(SHIFT) => KeyCode::BackTab,
            other => other,
        };
        // A terminal sends ctrl with a key as one control byte: ctrl-i is the byte of tab,
        // ctrl-m of enter, ctrl-[ of esc, and most digits and signs have none. Such a binding
        // would never arrive, or arrive as another key.
        if let KeyCode::Char(c) = code
            && mods.contains(CTRL)
        {
            let sent = (c.is_ascii_alphabetic() && !matches!(c.to_ascii_lowercase(), 'i' | 'm'))
                || ('4'..='7').contains(&c)
                || c == ' ';
            if !sent {
                return Err(KeyNameError::CtrlUnsent(quoted_back(name)));
            }
        }
        if let KeyCode::Char('[' | 'O') = code
            && mods.contains(ALT)
        {
            return Err(KeyNameError::AltIntroducer(quoted_back(name)));
        }
        // Without a keyboard protocol a terminal sends these four keys as one byte each
        // (tab, enter, esc, backspace), whatever the modifiers: ctrl and shift are lost or
        // make another key (ctrl-backspace is ctrl-h), except shift-tab, sent as BackTab.
        // Alt comes as an esc before the byte, which reads as alt with the key, except before
        // esc itself (or BackTab's sequence), which reads as esc alone.
        let lost = match code {
            KeyCode::Enter | KeyCode::Tab | KeyCode::Backspace => mods.intersects(CTRL | SHIFT),
            KeyCode::Esc => !mods.is_empty(),
            KeyCode::BackTab => mods.intersects(CTRL | ALT),
            _ => false,
        };
        if lost {
            return Err(KeyNameError::ModifierUnsent(quoted_back(name)));
        }
        Ok(Keystroke::normal(code, mods))
    }

    /// Whether typing this key in a text field would put a character there.
    pub fn types_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.mods.intersects(CTRL | ALT)
    }

    /// The name the config file takes: `ctrl-r`, `shift-tab`, `pagedown`, `G`.
    pub fn name(&self) -> String {
        let key = match self.code {
            KeyCode::F(n) => format!("f{n}"),
            KeyCode::Char(c) if c != ' ' => c.to_string(),
            code => NAMED
                .iter()
                .find(|(_, _, named, _)| *named == code)
                .map_or_else(|| format!("{code:?}").to_lowercase(), |n| n.0.to_string()),
        };
        let key = if self.code == KeyCode::BackTab {
            "shift-tab".to_string()
        } else {
            key
        };
        format!("{}{key}", self.prefix(["ctrl-", "alt-", "shift-"]))
    }

    /// How the screen writes it: `Ctrl-r`, `Shift-Tab`, `PgDn`, `↓`, `G`.
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) if c != ' ' => c.to_string(),
            code => NAMED
                .iter()
                .find(|(_, _, named, _)| *named == code)
                .map_or_else(|| format!("{code:?}"), |n| n.3.to_string()),
        };
        format!("{}{key}", self.prefix(["Ctrl-", "Alt-", "Shift-"]))
    }

    fn prefix(&self, words: [&str; 3]) -> String {
        [CTRL, ALT, SHIFT]
            .into_iter()
            .zip(words)
            .filter(|(m, _)| self.mods.contains(*m))
            .map(|(_, w)| w)
            .collect()
    }
}

impl fmt::Display for Keystroke {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// The key name that `name`, which is none, was likely meant to be: each modifier and the
/// key's own name put right by the one rule for typos ([`text::nearest_name`]), so `ctl-r`
/// is answered with ctrl-r and `entr` with enter, as a mistyped action is with its name.
fn meant(name: &str) -> Option<String> {
    const MODIFIERS: [&str; 3] = ["ctrl", "alt", "shift"];
    let mut parts: Vec<&str> = name.split('-').collect();
    let key = parts.pop()?;
    let mut guess = Vec::with_capacity(parts.len() + 1);
    for part in parts {
        let lower = part.to_ascii_lowercase();
        match MODIFIERS.into_iter().find(|m| *m == lower) {
            Some(known) => guess.push(known),
            None => guess.push(text::nearest_name(part, MODIFIERS)?),
        }
    }
    let key = if key.chars().count() == 1 || named(key).is_some() {
        key
    } else {
        text::nearest_name(key, NAMED.iter().map(|(main, ..)| *main))?
    };
    guess.push(key);
    let guess = guess.join("-");
    (guess != name && Keystroke::parse(&guess).is_ok()).then_some(guess)
}

/// What to say of a key name that is a letter followed by combining marks (`e` and U+0301,
/// as some keyboards and editors write é): it looks like one character and is several, so
/// `'é' is not a key name` alone read as nonsense.
fn marked(rest: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut chars = rest.chars();
    let first = chars.next()?;
    let marks = chars.clone().count();
    if is_combining_mark(first) || marks == 0 || !chars.all(is_combining_mark) {
        return None;
    }
    let composed: String = rest.nfc().collect();
    Some(match (marks, composed.chars().count()) {
        (1, 1) => format!(
            " (it is two characters, a letter and a combining mark: write it as the one character {composed})"
        ),
        (n, 1) => format!(
            " (it is {} characters, a letter and combining marks: write it as the one character {composed})",
            n + 1
        ),
        (1, _) => {
            " (it is two characters, a letter and a combining mark, and no one character is both)"
                .to_string()
        }
        (n, _) => format!(
            " (it is {} characters, a letter and combining marks: write it as one character where there is one)",
            n + 1
        ),
    })
}

/// The code of a key's name (any case), or of `f1` to `f24`.
fn named(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
        && (1..=24).contains(&n)
        && !lower[1..].starts_with('0')
    {
        return Some(KeyCode::F(n));
    }
    NAMED
        .iter()
        .find(|(main, others, _, _)| *main == lower || others.contains(&lower.as_str()))
        .map(|(_, _, code, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(name: &str) -> Keystroke {
        Keystroke::parse(name).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    #[test]
    fn names_read_as_the_keys_terminals_send() {
        assert_eq!(parsed("ctrl-r"), Keystroke::ctrl('r'));
        assert_eq!(parsed("Ctrl-R"), Keystroke::ctrl('r'));
        assert_eq!(parsed("shift-tab"), Keystroke::plain(KeyCode::BackTab));
        assert_eq!(parsed("backtab"), Keystroke::plain(KeyCode::BackTab));
        assert_eq!(parsed("f5"), Keystroke::plain(KeyCode::F(5)));
        assert_eq!(parsed("F12"), Keystroke::plain(KeyCode::F(12)));
        assert_eq!(parsed("G"), Keystroke::ch('G'));
        assert_eq!(parsed("g"), Keystroke::ch('g'));
        assert_eq!(parsed("shift-g"), Keystroke::ch('G'));
        assert_eq!(parsed("?"), Keystroke::ch('?'));
        assert_eq!(parsed("-"), Keystroke::ch('-'));
        assert_eq!(parsed("alt--"), Keystroke::alt('-'));
        assert_eq!(parsed("alt-B"), Keystroke::alt('B'));
        assert_eq!(parsed("space"), Keystroke::ch(' '));
        assert_eq!(parsed("Enter"), Keystroke::plain(KeyCode::Enter));
        assert_eq!(parsed("return"), Keystroke::plain(KeyCode::Enter));
        assert_eq!(parsed("pgdn"), Keystroke::plain(KeyCode::PageDown));
        assert_eq!(
            parsed("shift-up"),
            Keystroke::new(KeyCode::Up, KeyModifiers::SHIFT)
        );
        assert_eq!(
            parsed("ctrl-alt-x"),
            Keystroke::new(KeyCode::Char('x'), CTRL | ALT)
        );
        assert_eq!(parsed("é"), Keystroke::ch('é'));
    }

    #[test]
    fn bad_names_say_why() {
        let cases = [
            // A letter written with a combining accent (e and U+0301) looks like é, and the
            // message said only that 'é' is not a key name.
            (
                "e\u{301}",
                "'e\u{301}' is not a key name (it is two characters, a letter and a combining mark: write it as the one character \u{e9}): use a character, a name (enter, esc, tab, space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24), with ctrl-, alt- or shift- before it",
            ),
            (
                "alt-a\u{301}\u{302}",
                "'alt-a\u{301}\u{302}' is not a key name (it is 3 characters, a letter and combining marks: write it as one character where there is one): use a character, a name (enter, esc, tab, space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24), with ctrl-, alt- or shift- before it",
            ),
            ("", "an empty key name"),
            (
                "ctrl-rr",
                "'ctrl-rr' is not a key name: use a character, a name (enter, esc, tab, space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24), with ctrl-, alt- or shift- before it",
            ),
            (
                "shift-1",
                "'shift-1': with shift, write the character itself (shift-1 is !, shift-g is G)",
            ),
            // A tab typed in the file is shown as one, not as a space.
            (
                "\t",
                "'\\t' is not a key name: use a character, a name (enter, esc, tab, space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24), with ctrl-, alt- or shift- before it",
            ),
            (
                "ctrl-shift-r",
                "'ctrl-shift-r': terminals send ctrl with shift on a letter as ctrl with the letter alone",
            ),
            // A modifier written twice was read as if once, binding what the line does not
            // say; refused with the name written once where that is a key.
            (
                "ctrl-ctrl-u",
                "'ctrl-ctrl-u': ctrl is written twice; write each modifier once (ctrl-u)",
            ),
            (
                "Alt-ctrl-ALT-x",
                "'Alt-ctrl-ALT-x': alt is written twice; write each modifier once (Alt-ctrl-x)",
            ),
            (
                "ctrl-ctrl-i",
                "'ctrl-ctrl-i': ctrl is written twice; write each modifier once",
            ),
        ];
        for (name, why) in cases {
            assert_eq!(
                Keystroke::parse(name).map_err(|e| e.to_string()),
                Err(why.to_string()),
                "{name}"
            );
        }
        for bad in ["f0", "f25", "f05", "ctrl-", "\t", "hyper-x", "pageupp"] {
            assert!(Keystroke::parse(bad).is_err(), "{bad}");
        }
        // Ctrl with a key a terminal sends as another key, or not at all.
        for unsent in [
            "ctrl-i",
            "ctrl-M",
            "ctrl-[",
            "ctrl-1",
            "ctrl-9",
            "alt-ctrl-i",
            "ctrl-.",
        ] {
            assert!(
                matches!(Keystroke::parse(unsent), Err(KeyNameError::CtrlUnsent(_))),
                "{unsent}"
            );
        }
        // Alt with the characters that begin a terminal's sequences after esc.
        for introducer in ["alt-[", "alt-O", "alt-shift-o", "ctrl-alt-["] {
            let parsed = Keystroke::parse(introducer);
            assert!(
                matches!(
                    parsed,
                    Err(KeyNameError::AltIntroducer(_)) | Err(KeyNameError::CtrlUnsent(_))
                ),
                "{introducer}: {parsed:?}"
            );
        }
        assert!(matches!(
            Keystroke::parse("alt-["),
            Err(KeyNameError::AltIntroducer(_))
        ));
        for sent in ["alt-o", "alt-]", "alt-p"] {
            assert!(Keystroke::parse(sent).is_ok(), "{sent}");
        }
        for sent in [
            "ctrl-a",
            "ctrl-z",
            "ctrl-h",
            "ctrl-4",
            "ctrl-7",
            "ctrl-space",
        ] {
            assert!(Keystroke::parse(sent).is_ok(), "{sent}");
        }
    }

    #[test]
    fn enter_tab_esc_and_backspace_take_only_the_modifiers_terminals_send() {
        // Without a keyboard protocol these arrive as the key alone, or as another key.
        for unsent in [
            "ctrl-enter",
            "shift-enter",
            "ctrl-tab",
            "ctrl-shift-tab",
            "ctrl-backtab",
            "shift-esc",
            "ctrl-esc",
            "alt-esc",
            "alt-shift-tab",
            "ctrl-backspace",
            "shift-backspace",
            "ctrl-alt-enter",
            "alt-shift-backspace",
        ] {
            assert!(
                matches!(
                    Keystroke::parse(unsent),
                    Err(KeyNameError::ModifierUnsent(_))
                ),
                "{unsent}"
            );
        }
        assert_eq!(
            Keystroke::parse("ctrl-enter").map_err(|e| e.to_string()),
            Err("'ctrl-enter': terminals send this as another key (ctrl-enter as enter, ctrl-tab as tab, ctrl-backspace as ctrl-h, shift-esc as esc, alt-esc as esc) or not at all; enter, tab, esc and backspace take no ctrl or shift (shift-tab is the one that arrives), and alt only with enter, tab or backspace".to_string())
        );
        // Alt comes as an esc before the key, and shift-tab as BackTab.
        for (sent, key) in [
            ("alt-enter", Keystroke::new(KeyCode::Enter, ALT)),
            ("alt-tab", Keystroke::new(KeyCode::Tab, ALT)),
            ("alt-backspace", Keystroke::new(KeyCode::Backspace, ALT)),
            ("shift-tab", Keystroke::plain(KeyCode::BackTab)),
            ("shift-backtab", Keystroke::plain(KeyCode::BackTab)),
            ("esc", Keystroke::plain(KeyCode::Esc)),
        ] {
            assert_eq!(parsed(sent), key, "{sent}");
        }
    }

    #[test]
    fn a_shifted_letter_whose_capital_is_several_letters_is_refused() {
        assert_eq!(
            Keystroke::parse("shift-ß").map_err(|e| e.to_string()),
            Err("'shift-ß': its capital is not one character, so no key sends it; write the character shift types on your keyboard itself".to_string())
        );
        assert!(matches!(
            Keystroke::parse("alt-shift-ß"),
            Err(KeyNameError::NoCapital(_))
        ));
        assert_eq!(parsed("ß"), Keystroke::ch('ß'));
        assert_eq!(parsed("shift-é"), Keystroke::ch('É'));
    }

    #[test]
    fn a_name_reads_back_as_the_same_key() {
        for name in [
            "ctrl-r",
            "shift-tab",
            "f5",
            "G",
            "?",
            "space",
            "enter",
            "esc",
            "pagedown",
            "pageup",
            "down",
            "alt-backspace",
            "ctrl-alt-x",
            "shift-up",
            "insert",
            "delete",
        ] {
            let key = parsed(name);
            assert_eq!(key.name(), name);
            assert_eq!(Keystroke::parse(&key.name()), Ok(key));
        }
    }

    #[test]
    fn labels_are_written_as_on_screen() {
        let labels = [
            ("ctrl-r", "Ctrl-r"),
            ("shift-tab", "Shift-Tab"),
            ("f5", "F5"),
            ("pagedown", "PgDn"),
            ("down", "↓"),
            ("space", "Space"),
            ("alt-d", "Alt-d"),
            ("G", "G"),
        ];
        for (name, label) in labels {
            assert_eq!(parsed(name).label(), label, "{name}");
        }
    }

    #[test]
    fn events_match_whatever_the_terminal_adds() {
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Keystroke::of(&shift_g), Keystroke::ch('G'));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Keystroke::of(&backtab), Keystroke::plain(KeyCode::BackTab));
        let ctrl_r = KeyEvent::new(KeyCode::Char('R'), CTRL | SHIFT);
        assert_eq!(Keystroke::of(&ctrl_r), Keystroke::ctrl('r'));
        let shift_up = KeyEvent::new(KeyCode::Up, SHIFT);
        assert_ne!(Keystroke::of(&shift_up), Keystroke::plain(KeyCode::Up));
        assert!(Keystroke::ch('q').types_text());
        assert!(!Keystroke::ctrl('q').types_text());
        assert!(!Keystroke::plain(KeyCode::Enter).types_text());
    }
}
