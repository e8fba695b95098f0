//! The `?` screen, generated from the key map.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::core::dates::DATE_WORDS;
use crate::tui::app::App;
use crate::tui::keymap;

/// Draws the help over the screen, scrolled by `scroll` lines.
pub fn draw(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let popup = area.inner(Margin::new(2, 1));
    super::popup::clear(frame, popup);
    let mut lines = vec![
        Line::raw(
            " Trust is earned bottom-up: tasks, then results, then ongoing impact. A rung is",
        ),
        Line::raw(
            " held with enough recent evidence and a high enough kept rate; every change saves",
        ),
        Line::raw(" at once and u undoes it."),
    ];
    for (title, bindings) in keymap::help_sections() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            format!(" {title}"),
            theme.heading(),
        )));
        for (keys, help) in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("   {keys:<11}"), theme.focus()),
                Span::raw(help),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(" Dates", theme.heading())));
    lines.push(Line::raw(format!("   {DATE_WORDS}")));
    let block = Block::bordered().title(Span::styled(
        " Keys · Esc closes · j/k scroll ",
        theme.heading(),
    ));
    let visible = popup.height.saturating_sub(2);
    let max = (lines.len() as u16).saturating_sub(visible);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max), 0)),
        popup,
    );
}
