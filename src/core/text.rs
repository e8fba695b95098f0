//! Text rules shared by every input and output: what a name or note may contain, how a handle
//! is made from a name, and how user text is made safe to print in a terminal.

use std::fmt::Write as _;

/// Longest name or role, in characters.
pub const MAX_NAME: usize = 80;
/// Longest promise text, in characters.
pub const MAX_WHAT: usize = 300;
/// Longest note, in characters.
pub const MAX_NOTE: usize = 2000;

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
}

impl TextError {
    /// The field the text was for, as named in the file.
    pub fn field(&self) -> &'static str {
        match self {
            TextError::Empty { field }
            | TextError::TooLong { field, .. }
            | TextError::Control { field, .. } => field,
        }
    }
}

/// Trims `raw` and checks it for a field that must not be empty.
pub fn required(field: &'static str, raw: &str, max: usize) -> Result<String, TextError> {
    let text = optional(field, raw, max)?;
    if text.is_empty() {
        return Err(TextError::Empty { field });
    }
    Ok(text)
}

/// Trims `raw` and checks it for a field that may be left empty.
pub fn optional(field: &'static str, raw: &str, max: usize) -> Result<String, TextError> {
    let text = raw.trim();
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(TextError::Control {
            field,
            shown: escape_char(c),
        });
    }
    let len = text.chars().count();
    if len > max {
        return Err(TextError::TooLong { field, len, max });
    }
    Ok(text.to_string())
}

/// A name as people compare names: lowercase, accents dropped (by Unicode canonical
/// decomposition), spaces collapsed, so "José  Álvarez" and "jose alvarez" are the same name.
pub fn folded(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let plain: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Makes a lowercase slug from a name: letters and digits kept (any script), everything else
/// folded into single dashes. A name with no letters at all gives `person`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("person");
    }
    out
}

/// Bidirectional-control characters, which can make a terminal show text in an order other
/// than the bytes' (the "trojan source" trick).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that are not controls to Unicode but still break a line or reorder text when
/// printed: the line and paragraph separators, and the bidi controls.
fn is_unsafe_format(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}') || is_bidi_control(c)
}

fn escape_char(c: char) -> String {
    match c {
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        c => format!("\\u{{{:x}}}", c as u32),
    }
}

/// Makes user-supplied text safe to print in a terminal: control and bidi characters become
/// visible escapes (`\u{1b}`, `\n`), tabs become spaces. Every human-readable output and
/// every view passes user text through here, so a name cannot move the cursor, recolour the
/// screen or reorder what is shown.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() || is_unsafe_format(c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\t' {
            out.push(' ');
        } else if c.is_control() || is_unsafe_format(c) {
            let _ = write!(out, "{}", escape_char(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_trims_and_refuses_empty() {
        assert_eq!(required("name", "  Priya  ", MAX_NAME).unwrap(), "Priya");
        assert_eq!(
            required("name", "   ", MAX_NAME),
            Err(TextError::Empty { field: "name" })
        );
    }

    #[test]
    fn length_is_counted_in_characters() {
        let ok = "é".repeat(MAX_NAME);
        assert!(required("name", &ok, MAX_NAME).is_ok());
        let long = "é".repeat(MAX_NAME + 1);
        assert_eq!(
            required("name", &long, MAX_NAME).unwrap_err().to_string(),
            "name is too long (81 characters, at most 80)"
        );
    }

    #[test]
    fn control_characters_are_refused_and_named() {
        let err = required("what", "ship\u{1b}[31m it", MAX_WHAT).unwrap_err();
        assert_eq!(
            err.to_string(),
            "what contains a control character (\\u{1b}); type plain text"
        );
        assert!(optional("note", "a\nb", MAX_NOTE).is_err());
    }

    #[test]
    fn folded_names_ignore_case_accents_and_spacing() {
        assert_eq!(folded("José  Álvarez"), "jose alvarez");
        assert_eq!(folded("JOSE\u{301} alvarez"), "jose alvarez");
        assert_eq!(folded("王芳"), "王芳");
        assert_ne!(folded("Ana Lu"), folded("Ana-Lu"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Priya Raman"), "priya-raman");
        assert_eq!(slug("  O'Brien, Seán "), "o-brien-seán");
        assert_eq!(slug("王芳"), "王芳");
        assert_eq!(slug("🚀"), "person");
        assert_eq!(slug("Ana--Lu"), "ana-lu");
    }

    #[test]
    fn sanitize_makes_controls_and_bidi_visible() {
        assert_eq!(sanitize("plain 王芳 🚀"), "plain 王芳 🚀");
        assert_eq!(sanitize("a\tb"), "a b");
        assert_eq!(sanitize("red\u{1b}[31m"), "red\\u{1b}[31m");
        assert_eq!(sanitize("x\ny"), "x\\ny");
        assert_eq!(sanitize("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(sanitize("\u{9b}"), "\\u{9b}");
    }

    #[test]
    fn sanitize_leaves_no_control_bidi_or_separator_unescaped() {
        let mut unsafe_chars: Vec<char> = (0u32..0x20)
            .chain(0x7f..0xa0)
            .filter_map(char::from_u32)
            .collect();
        unsafe_chars.extend([
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{2028}', '\u{2029}',
        ]);
        for c in unsafe_chars {
            let out = sanitize(&format!("a{c}b"));
            assert!(!out.contains(c), "{c:?} came through as {out:?}");
            let expected = if c == '\t' {
                "a b".to_string()
            } else {
                format!("a{}b", escape_char(c))
            };
            assert_eq!(out, expected, "{c:?}");
        }
        assert_eq!(sanitize("a\u{2028}b"), "a\\u{2028}b");
        assert_eq!(sanitize("a\rb"), "a\\rb");
        assert_eq!(
            sanitize("👩\u{200d}💻 ok"),
            "👩\u{200d}💻 ok",
            "joiners in emoji stay"
        );
    }
}
