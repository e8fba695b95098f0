//! The `?` screen, generated from the key map, with how the ladder's figures are made. Opened
//! on a person's page, it starts with every figure and rule behind that person's level and
//! advice, so the reasons are one key away from the page that states them.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::core::dates::{Direction, words as date_words};
use crate::core::ladder::words;
use crate::tui::app::{App, View};
use crate::tui::keymap::Action;
use crate::tui::views::wrap;

/// The first lines, naming the undo key in force.
fn intro(app: &App) -> String {
    format!(
        "Trust is earned bottom-up: tasks, then results, then ongoing impact. A rung is held \
         with enough recent evidence and a high enough kept rate; every change saves at once \
         and {} undoes it.",
        app.key(Action::Undo)
    )
}

/// On the person view: the advice for both sides and every line of the explanation, the
/// same sentences as `review` prints.
fn person_reasons(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let ledger = app.ledger();
    let Some((person, review)) = app
        .person
        .filter(|_| app.view == View::Person)
        .and_then(|id| Some((ledger.person(id)?, app.cache.reviews.get(&id)?)))
    else {
        return Vec::new();
    };
    let settings = &ledger.settings;
    let name = words::first_name(&person.name);
    let mut lines = Vec::new();
    for (title, standing) in [
        (
            format!(" Why {}'s ladder reads so", super::clean(&person.name)),
            &review.theirs,
        ),
        (" Why my word reads so".to_string(), &review.mine),
    ] {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(title, theme.heading())));
        let advice = format!("Advice: {}", words::advice(standing, &name, settings));
        for sentence in std::iter::once(advice).chain(words::explain(standing, settings)) {
            lines.extend(
                wrap(&sentence, width, " - ", "   ")
                    .into_iter()
                    .map(Line::raw),
            );
        }
    }
    lines
}

/// Draws the help over the screen, scrolled by `scroll` lines.
pub fn draw(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let popup = area.inner(Margin::new(2, 0));
    super::popup::clear(frame, popup);
    // Everything is wrapped to the popup's inner width, so no sentence is cut at its border.
    let width = usize::from(popup.width.saturating_sub(2)).max(1);
    let mut lines: Vec<Line> = wrap(&intro(app), width, " ", " ")
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.extend(person_reasons(app, width));
    for (title, bindings) in app.keys.help_sections() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            format!(" {title}"),
            theme.heading(),
        )));
        for (keys, help) in bindings {
            let keys = format!("   {keys:<11}");
            let indent = " ".repeat(keys.len());
            for (i, part) in wrap(help, width.saturating_sub(keys.len()).max(1), "", "")
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 {
                    Span::styled(keys.clone(), theme.focus())
                } else {
                    Span::raw(indent.clone())
                };
                lines.push(Line::from(vec![lead, Span::raw(part)]));
            }
        }
    }
    // The line editor's keys, in every text field and the filter.
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(" Text fields", theme.heading())));
    for (keys, help) in crate::tui::editor::KEYS {
        let keys = format!("   {keys:<22}");
        let indent = " ".repeat(keys.len());
        for (i, part) in wrap(help, width.saturating_sub(keys.len()).max(1), "", "")
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 {
                Span::styled(keys.clone(), theme.focus())
            } else {
                Span::raw(indent.clone())
            };
            lines.push(Line::from(vec![lead, Span::raw(part)]));
        }
    }
    // How the figures on screen are made, with this file's settings: the same words as under
    // `review`, so the thresholds behind every level and advice are one key away.
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        " How the figures are made",
        theme.heading(),
    )));
    let marks = format!("The people table marks the notes: {}.", words::NOTE_MARKS);
    for part in words::legend(&app.ledger().settings).iter().chain([&marks]) {
        lines.extend(wrap(part, width, " - ", "   ").into_iter().map(Line::raw));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(" Dates", theme.heading())));
    lines.extend(
        wrap(&date_words::summary(Direction::Ahead), width, "   ", "   ")
            .into_iter()
            .map(Line::raw),
    );
    let block = Block::bordered().title(Span::styled(
        format!(
            " Keys · {} closes · {}/{} scroll ",
            app.key(Action::Cancel),
            app.key(Action::Down),
            app.key(Action::Up)
        ),
        theme.heading(),
    ));
    let visible = popup.height.saturating_sub(2);
    let max = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(visible);
    app.help_max.set(max);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max), 0)),
        popup,
    );
}
