//! What text may hold: the limits and rules every name, promise and note meets, typed
//! or read from the file.

use super::escape_char;

/// Longest name or role, in characters.
pub const MAX_NAME: usize = 80;

/// Longest promise text, in characters.
pub const MAX_WHAT: usize = 300;

/// Longest note, in characters.
pub const MAX_NOTE: usize = 2000;

/// Longest handle, in characters: a slug of the longest name (lowercasing can lengthen a
/// letter) with a number after it.
pub const MAX_HANDLE: usize = 2 * MAX_NAME + 8;

/// Why a piece of text was refused. The field name is part of the message so the person
/// knows which of their inputs to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{field} is empty")]
    Empty { field: &'static str },
    #[error("{field} is too long ({len} characters, at most {max})")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("{field} contains a control character ({shown}); type plain text")]
    Control { field: &'static str, shown: String },
    /// A bidi control or a line or paragraph separator, which can make a terminal show the
    /// text in another order or on another line than its bytes say.
    #[error(
        "{field} contains a character that reorders or breaks the text on screen ({shown}); type plain text"
    )]
    Reordering { field: &'static str, shown: String },
    /// Only invisible characters (soft hyphens, zero-width spaces, byte-order marks, ...)
    /// and spaces: it would look empty, or like nothing at all, wherever it is shown.
    #[error("{field} has no visible characters")]
    Invisible { field: &'static str },
}

/// What leads the example in a form's message ([`TextError::in_a_form`]): the form keeps
/// what follows it on one line where it wraps, so that a name is never split across two.
pub const EXAMPLE_LEAD: &str = "as in: ";

impl TextError {
    /// The message for a text read from a file (an import), which no one typed: without the
    /// advice to type plain text.
    pub fn in_a_file(&self) -> String {
        let message = self.to_string();
        match message.strip_suffix("; type plain text") {
            Some(what) => what.to_string(),
            None => message,
        }
    }

    /// The message for text typed on the command line: an empty name or promise says what
    /// goes there, with an example, where "what is empty" alone left that to be guessed (and
    /// a shell's quotes around a name with a space in it are easily left off).
    pub fn typed(&self) -> String {
        let message = self.to_string();
        match self.expected() {
            Some((ask, quoting, example)) => {
                format!("{message}; {ask}, {quoting}, as in \"{example}\"")
            }
            None => message,
        }
    }

    /// The message for text typed in a form's field: what goes there and an example, as
    /// [`TextError::typed`] says it, without the shell's quotes, which a field would keep as
    /// typed.
    pub fn in_a_form(&self) -> String {
        let message = self.to_string();
        match self.expected() {
            Some((ask, _, example)) => format!("{message}; {ask}, {EXAMPLE_LEAD}{example}"),
            None => message,
        }
    }

    /// For an empty name or promise: what goes there, how a shell wants it quoted, and an
    /// example.
    fn expected(&self) -> Option<(&'static str, &'static str, &'static str)> {
        match self {
            TextError::Empty { field } | TextError::Invisible { field } => match *field {
                "name" => Some((
                    "give the colleague's name",
                    "quoted if it has a space",
                    "Priya Raman",
                )),
                "what" => Some((
                    "say what was promised",
                    "quoted",
                    "send the Q3 deck by Friday",
                )),
                _ => None,
            },
            _ => None,
        }
    }

    /// The field the text was for, as named in the file.
    pub fn field(&self) -> &'static str {
        match self {
            TextError::Empty { field }
            | TextError::TooLong { field, .. }
            | TextError::Control { field, .. }
            | TextError::Reordering { field, .. }
            | TextError::Invisible { field } => field,
        }
    }
}

/// Trims `raw` and checks it for a field that must not be empty: it needs a visible
/// character.
pub fn required(field: &'static str, raw: &str, max: usize) -> Result<String, TextError> {
    let text = optional(field, raw, max)?;
    // Trimmed to nothing from more than spaces: it held only what draws nothing.
    if text.is_empty() && !raw.trim().is_empty() {
        return Err(TextError::Invisible { field });
    }
    check_visible(field, &text)?;
    Ok(text)
}

/// Trims `raw` and checks it for a field that may be left empty.
pub fn optional(field: &'static str, raw: &str, max: usize) -> Result<String, TextError> {
    let text = nfc(trimmed(raw));
    check_content(field, &text, max)?;
    Ok(text)
}

/// `raw` without the spaces at its ends, nor the characters there that draw nothing
/// ([`is_invisible`]): a name pasted with a zero-width space or a byte-order mark is stored
/// as it reads. Kept are a bidi control, refused by name after this, and at the end a
/// variation selector or tag, part of the emoji before it (❤️, a flag).
fn trimmed(raw: &str) -> &str {
    let blank = |c: char| c.is_whitespace() || (is_invisible(c) && !is_unsafe_format(c));
    raw.trim_start_matches(blank)
        .trim_end_matches(|c: char| blank(c) && !is_emoji_part(c))
}

/// A variation selector or a tag: invisible, but a part of the character before it.
fn is_emoji_part(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Text in Unicode's composed form (NFC): `José` typed with a separate combining accent and
/// `José` typed precomposed are then the same name, byte for byte, in the file and in every
/// comparison.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text.to_string();
    }
    text.nfc().collect()
}

/// Checks text read from the file by the rules input follows ([`required`] when `needed`,
/// else [`optional`]); spaces at either end, which input trims, are let through, but not a
/// control character or a line or paragraph separator there (a line break at the end of a
/// note is one all the same).
pub fn check_stored(
    field: &'static str,
    text: &str,
    max: usize,
    needed: bool,
) -> Result<(), TextError> {
    // Nearly every text: printable ASCII, whose one space is the space, and in which every
    // other character draws something. Told in one pass over the bytes, as each of a large
    // ledger's texts is checked on every load.
    if is_printable_ascii(text) {
        let text = text.trim_matches(' ');
        if text.len() > max {
            return Err(TextError::TooLong {
                field,
                len: text.len(),
                max,
            });
        }
        if needed && text.is_empty() {
            return Err(TextError::Empty { field });
        }
        return Ok(());
    }
    check_stored_in_full(field, text, max, needed)
}

/// [`check_stored`] for any text, by the rules input follows.
pub(super) fn check_stored_in_full(
    field: &'static str,
    text: &str,
    max: usize,
    needed: bool,
) -> Result<(), TextError> {
    let text = text.trim_matches(|c: char| {
        c.is_whitespace() && !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}')
    });
    check_content(field, text, max)?;
    if needed {
        check_visible(field, text)?;
    }
    Ok(())
}

/// Whether `text` is printable ASCII, the usual case, which needs no escapes and is as wide
/// as it is long. One pass over the bytes that the compiler makes many bytes a step (it has
/// no early exit): every file is checked on load, and every cell of a table.
pub fn is_printable_ascii(text: &str) -> bool {
    text.bytes()
        .fold(true, |plain, b| plain & (b' '..=b'~').contains(&b))
}

/// No controls, nothing that reorders or breaks the text, at most `max` characters.
fn check_content(field: &'static str, text: &str, max: usize) -> Result<(), TextError> {
    if is_printable_ascii(text) {
        let len = text.len();
        return if len > max {
            Err(TextError::TooLong { field, len, max })
        } else {
            Ok(())
        };
    }
    if text.is_ascii() {
        if let Some(b) = text.bytes().find(u8::is_ascii_control) {
            return Err(TextError::Control {
                field,
                shown: escape_char(char::from(b)),
            });
        }
        let len = text.len();
        return if len > max {
            Err(TextError::TooLong { field, len, max })
        } else {
            Ok(())
        };
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(TextError::Control {
            field,
            shown: escape_char(c),
        });
    }
    if let Some(c) = text.chars().find(|c| is_unsafe_format(*c)) {
        return Err(TextError::Reordering {
            field,
            shown: escape_char(c),
        });
    }
    let len = text.chars().count();
    if len > max {
        return Err(TextError::TooLong { field, len, max });
    }
    Ok(())
}

/// Something to see: not empty, and not only spaces and invisible characters.
fn check_visible(field: &'static str, text: &str) -> Result<(), TextError> {
    if text.is_empty() {
        return Err(TextError::Empty { field });
    }
    if text.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(TextError::Invisible { field });
    }
    Ok(())
}

/// Characters that draw nothing at all: Unicode's default-ignorable code points (soft
/// hyphen, zero-width spaces and joiners, word joiner, byte-order mark, variation selectors,
/// tags, ...) and the Hangul and braille fillers that draw as blank. Text made only of these
/// looks empty; inside a visible name they are left alone (emoji need their joiners).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Bidirectional-control characters, which can make a terminal show text in an order other
/// than the bytes' (the "trojan source" trick).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that are not controls to Unicode but still break a line or reorder text when
/// printed: the line and paragraph separators, and the bidi controls.
pub(super) fn is_unsafe_format(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}') || is_bidi_control(c)
}
