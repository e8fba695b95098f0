//! User text inside Markdown: what a colleague wrote must read as the same text, never as
//! emphasis, a link, HTML or a table cell border, in any renderer.

use super::text::sanitize;

/// `text` made safe to put inside a Markdown line: control characters shown as escapes
/// (see [`sanitize`]), and every character that Markdown could read as markup escaped with a
/// backslash, which CommonMark allows before any ASCII punctuation.
pub fn escape(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&' | '|' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
}
