//! The 1:1 prep over the screen: the same Markdown `prep` prints, wrapped to the popup and
//! scrolled, with its keys in the border.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{clean, fit, wrap};
use crate::tui::app::{App, PrepPopup};
use crate::tui::keymap::Action;

/// Draws the prep, from line `popup.scroll` on.
pub fn draw(app: &App, popup: &PrepPopup, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let outer = area.inner(Margin::new(2, 0));
    super::popup::clear(frame, outer);
    let width = usize::from(outer.width.saturating_sub(2)).max(1);
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
    let title = fit(
        &format!(" 1:1 prep: {} ", popup.name),
        usize::from(outer.width.saturating_sub(2)),
    );
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
    let keys = Line::from(super::popup::key_spans(app, &offered));
    let block = Block::bordered()
        .title(Span::styled(title, theme.heading()))
        .title_bottom(keys);
    let visible = outer.height.saturating_sub(2);
    let max = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(visible);
    popup.max.set(max);
    app.regions.page.set(Some(visible));
    let text = block.inner(outer);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((popup.scroll.min(max), 0)),
        outer,
    );
    // Nothing is selected in the prep: the cursor goes to the top of its text.
    super::cursor_at_start(frame, text);
}
