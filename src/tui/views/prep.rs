//! The 1:1 prep over the screen: the same Markdown `prep` prints, wrapped to the popup and
//! scrolled, with its keys in the border.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};

use super::{clean, wrap};
use crate::tui::app::{App, PrepPopup};
use crate::tui::keymap::Action;

/// Draws the prep, from line `popup.scroll` on.
pub fn draw(app: &App, popup: &PrepPopup, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let outer = area.inner(Margin::new(2, 0));
    super::popup::clear(frame, outer);
    let width = super::popup::scrolled_width(outer);
    let mut lines: Vec<Line> = Vec::new();
    for line in popup.text.lines() {
        let style = if line.starts_with('#') {
            theme.heading()
        } else {
            ratatui::style::Style::new()
        };
        if line.is_empty() {
            lines.push(Line::raw(""));
            continue;
        }
        lines.extend(
            wrapped(&clean(line), width)
                .into_iter()
                .map(|part| Line::from(Span::styled(part, style))),
        );
    }
    // Recording the 1:1 is a change: not offered on a file that may not be written.
    let offered: Vec<(Action, &str)> = [
        (Action::WritePrep, "write"),
        (Action::CopyPrep, "copy"),
        (Action::SavePrep, "record"),
        (Action::Cancel, "close"),
    ]
    .into_iter()
    .filter(|(action, _)| *action != Action::SavePrep || app.read_only.is_none())
    .collect();
    super::popup::scrolled_text(
        app,
        frame,
        outer,
        &format!(" 1:1 prep: {} ", popup.name),
        &offered,
        lines,
        |max| {
            popup.max.set(max);
            popup.scroll.min(max)
        },
    );
}

/// The space that holds a separator to the word before it while a line of the prep wraps: a
/// character of Unicode's private use, one column wide like a space, which the wrap never
/// breaks at; put back as a space after.
const GLUE: char = '\u{e000}';

/// `line` wrapped to `width`, a list item's later lines under its text (past `- [ ] ` or
/// `- `, as `prep` wraps them on a terminal), never breaking before a separator: the `—`
/// before an outcome's note and the `·` between an open promise's parts stay with the word
/// before them, as a line that began with one (`— note: …`) read as something apart from the
/// item it ends. A line holding [`GLUE`] itself wraps as it is.
fn wrapped(line: &str, width: usize) -> Vec<String> {
    let indent = ["- [ ] ", "- "]
        .into_iter()
        .find(|marker| line.starts_with(marker))
        .map_or("", |marker| &"      "[..marker.len()]);
    if line.contains(GLUE) {
        return wrap(line, width, "", indent);
    }
    let glued = line
        .replace(" — ", &format!("{GLUE}— "))
        .replace(" · ", &format!("{GLUE}· "));
    wrap(&glued, width, "", indent)
        .into_iter()
        .map(|part| part.replace(GLUE, " "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::wrapped;

    /// At every width, no line of an outcome with a note or of an open promise begins with
    /// its separator: `— note:` was left alone at the start of a line.
    #[test]
    fn no_wrapped_line_begins_with_a_separator() {
        let items = [
            "- broken, 2026-11-02: #56 Cut p95 latency below 200 ms (theirs, result) — note: \
             Missed without warning.",
            "- [ ] #62 Launch the self-serve onboarding · result · **3 days overdue** (due \
             2026-11-21) · note: waits on legal",
        ];
        for item in items {
            for width in 20..100 {
                let lines = wrapped(item, width);
                assert_eq!(
                    lines.join(" ").split_whitespace().collect::<Vec<_>>(),
                    item.split_whitespace().collect::<Vec<_>>(),
                    "{width}: every word kept"
                );
                for line in &lines {
                    let start = line.trim_start();
                    assert!(
                        !start.starts_with('—') && !start.starts_with('·'),
                        "{width}: {lines:?}"
                    );
                }
            }
        }
        assert_eq!(
            wrapped(items[0], 72),
            [
                "- broken, 2026-11-02: #56 Cut p95 latency below 200 ms (theirs,",
                "  result) — note: Missed without warning.",
            ]
        );
    }
}
