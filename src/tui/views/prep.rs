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
        let indent = if line.starts_with("- ") { "  " } else { "" };
        if line.is_empty() {
            lines.push(Line::raw(""));
            continue;
        }
        lines.extend(
            wrap(&clean(line), width, "", indent)
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
