//! User text inside Markdown: what a colleague wrote must read as the same text, never as
//! emphasis, a link, HTML, a table cell border or math, in any renderer.

use super::text::sanitize;

/// `text` made safe to put inside a Markdown line: control characters shown as escapes
/// (see [`sanitize`]), and every character that Markdown could read as markup escaped with a
/// backslash, which CommonMark allows before any ASCII punctuation. `$` is among them: the
/// renderers that read `$…$` as math (GitHub's, pandoc's) read an escaped one as
/// the sign.
pub fn escape(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&' | '|' | '#' | '!' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`escape`] for text that begins a line of its own (a sentence that starts with a
/// colleague's name): a list marker at its start is escaped too, `-` and `+` as `\-` and
/// `\+`, `1.` and `2)` as `1\.` and `2\)`, so a name such as "- Dash" or "1. Jo" never makes
/// the line a list item, and spaces before it are left out, as four of them would make it
/// code. Within a line no marker means anything, and [`escape`] leaves them.
pub fn escape_line_start(text: &str) -> String {
    let escaped = escape(text.trim_start());
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    match escaped.as_bytes().get(digits) {
        Some(b'-' | b'+') if digits == 0 => format!("\\{escaped}"),
        Some(b'.' | b')') if (1..=9).contains(&digits) => {
            format!("{}\\{}", &escaped[..digits], &escaped[digits..])
        }
        _ => escaped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_plain_text_left_alone() {
        assert_eq!(escape("Review PR 412"), "Review PR 412");
        assert_eq!(escape("*not* bold_me"), "\\*not\\* bold\\_me");
        assert_eq!(escape("[link](x) <b> a|b"), "\\[link\\](x) \\<b\\> a\\|b");
        assert_eq!(escape("王芳 🚀"), "王芳 🚀");
        assert_eq!(escape("a\u{1b}b"), "a\\\\u{1b}b");
    }

    /// Where `$…$` is math (GitHub, pandoc), "between $10 and 30$" showed "10 and
    /// 30" as a formula; each `$` is escaped, which those renderers read as the sign.
    #[test]
    fn a_dollar_sign_is_escaped_so_no_renderer_reads_math() {
        assert_eq!(
            escape("Keep the cost between $10 and 30$"),
            "Keep the cost between \\$10 and 30\\$"
        );
        assert_eq!(escape("$x$"), "\\$x\\$");
    }

    /// Rendered by CommonMark, each of these began a list or a code block where it began a
    /// line; escaped, each reads as the text it is.
    #[test]
    fn a_list_marker_that_begins_a_line_is_escaped() {
        for (text, line) in [
            ("- Dash", "\\- Dash"),
            ("+ Plus", "\\+ Plus"),
            ("1. Jo", "1\\. Jo"),
            ("2) Two", "2\\) Two"),
            ("123456789. Nine", "123456789\\. Nine"),
            ("    - Dash", "\\- Dash"),
            ("* Star", "\\* Star"),
            ("# Hash", "\\# Hash"),
        ] {
            assert_eq!(escape_line_start(text), line, "{text}");
        }
        // Nothing else changes: digits without a marker, too many to be one, or a marker
        // later in the text.
        for text in [
            "Priya",
            "2026 plans",
            "1234567890. Ten",
            "Jo - Dash",
            "Ana 1. x",
        ] {
            assert_eq!(escape_line_start(text), escape(text), "{text}");
        }
    }
}
