//! The status line (what just happened) and the hint bar (what the keys do here), the latter
//! read from the key map.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{clean, fit};
use crate::tui::app::App;
use crate::tui::keymap::{Action, Hint};

/// Draws what just happened on the left, and on the right a save under way or the undo depth.
pub fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let (undo, redo) = app.history.depth();
    let right = if app.saving > 0 {
        " saving… ".to_string()
    } else if undo + redo > 0 {
        format!(" {undo} to undo, {redo} to redo ")
    } else {
        String::new()
    };
    let room = usize::from(area.width).saturating_sub(right.width() + 1);
    let style = if app.status.error {
        theme.bad()
    } else {
        ratatui::style::Style::new()
    };
    let text = fit(&clean(&app.status.text), room);
    let pad = usize::from(area.width).saturating_sub(text.width() + 1 + right.width());
    let line = Line::from(vec![
        Span::raw(" "),
        Span::styled(text, style),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.dim()),
    ]);
    frame.render_widget(line, area);
}

/// Draws the keys of the current screen, from the key map: the most used ones that fit, in
/// the order the key map gives, then the help's key, which is never cut since the help lists
/// every key.
pub fn draw_hints(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let hints = app.keys.hints(&app.contexts());
    let (help, rest): (Vec<Hint>, Vec<Hint>) =
        hints.into_iter().partition(|h| h.action == Action::Help);
    let cost = |h: &Hint| h.keys.width() + h.word.width() + 3;
    let room = usize::from(area.width).saturating_sub(help.iter().map(cost).sum());
    let mut used = 0;
    let shown = rest.iter().take_while(|h| {
        used += cost(h);
        used <= room
    });
    let mut spans = Vec::new();
    for hint in shown.chain(help.iter()) {
        spans.push(Span::styled(format!(" {} ", hint.keys), theme.key()));
        spans.push(Span::raw(format!("{} ", hint.word)));
    }
    frame.render_widget(Line::from(spans), area);
}
