//! The messages popup over the view: the status line's last messages, newest first, each
//! wrapped whole to the popup's width (what the status line cut with `…` too), an error
//! styled as the status line styles it, a blank line between two; its keys in the border.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{clean, wrap};
use crate::tui::app::{App, MessagesPopup};
use crate::tui::keymap::Action;

/// Draws the messages from line `popup.scroll` on, moved down by the lines of those taken in
/// since it was set (so what was read stays in view; at the top, it stays at the top), and
/// records how far they scroll and the line drawn first.
pub fn draw(app: &App, popup: &MessagesPopup, frame: &mut Frame, area: Rect) {
    let outer = area.inner(Margin::new(2, 0));
    super::popup::clear(frame, outer);
    let width = super::popup::scrolled_width(outer);
    let taken = app.messages.taken();
    let (lines, above) = lines(app, width, taken.saturating_sub(popup.since));
    let top = super::popup::scrolled_text(
        app,
        frame,
        outer,
        " Messages, newest first ",
        &[(Action::Cancel, "close")],
        lines,
        |max| {
            popup.max.set(max);
            match popup.scroll {
                0 => 0,
                scroll => scroll.saturating_add(above).min(max),
            }
        },
    );
    popup.drawn.set((top, taken));
}

/// Every message kept, newest first, wrapped to `width` columns, with a blank line between
/// two, or that there is none yet; and how many lines the `newest` newest take, each with the
/// blank line after it.
fn lines(app: &App, width: usize, newest: u64) -> (Vec<Line<'static>>, u16) {
    if app.messages.is_empty() {
        return (vec![Line::raw("No messages yet.")], 0);
    }
    let mut lines = Vec::new();
    let mut above = None;
    for (i, message) in app.messages.newest_first().enumerate() {
        if u64::try_from(i).is_ok_and(|i| i == newest) {
            above = Some(lines.len() + 1);
        }
        if i > 0 {
            lines.push(Line::raw(""));
        }
        let style = if message.error {
            app.theme.bad()
        } else {
            Style::new()
        };
        lines.extend(
            wrap(&clean(&message.shown()), width, "", "")
                .into_iter()
                .map(|part| Line::from(Span::styled(part, style))),
        );
    }
    let above = match newest {
        0 => 0,
        _ => above.unwrap_or(lines.len()),
    };
    (lines, u16::try_from(above).unwrap_or(u16::MAX))
}
