//! The home view: every colleague with their level, record per rung and what is open.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Row, Table, TableState};

use super::{SELECTED, badge_span, bold, clean, column_widths, fit, percent};
use crate::core::Level;
use crate::core::ladder::{RungScore, Standing, Trend, Verdict};
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Wide enough to show the role column too.
const ROLE_FROM: u16 = 110;

/// Draws the people table: only the rows that fit, from the cached reviews.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let ledger = app.ledger();
    let mut title = vec![Span::styled(" People ", theme.heading())];
    title.push(Span::styled(
        format!(
            "· {} · sorted by {} ",
            app.people.items.len(),
            app.sort.label()
        ),
        theme.dim(),
    ));
    if app.show_archived {
        title.push(Span::styled("· with archived ", theme.dim()));
    }
    if app.filtering || !app.filter.is_empty() {
        let cursor = if app.filtering { "▏" } else { "" };
        title.push(Span::styled(
            format!("· filter: {}{cursor} ", clean(&app.filter)),
            theme.focus(),
        ));
    }
    // A legend for the columns, so the first screen explains itself.
    let legend = fit(
        " Task Res Imp: reliability, bold = held · Mine: my credibility · Tr: trend ",
        usize::from(area.width.saturating_sub(4)),
    );
    let block = Block::bordered()
        .title(Line::from(title))
        .title_bottom(Span::styled(legend, theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.people.items.is_empty() {
        let text = if ledger.people.is_empty() {
            "No one yet. Press p, type a name and Enter to add your first colleague."
        } else {
            "No one matches. Esc clears the filter."
        };
        frame.render_widget(Line::styled(format!(" {text}"), theme.dim()), inner);
        return;
    }
    let wide = area.width >= ROLE_FROM;
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = app.people.window(height);
    let end = (offset + height).min(app.people.items.len());
    let mut header = vec!["Name"];
    let mut widths = vec![Constraint::Fill(2)];
    if wide {
        header.push("Role");
        widths.push(Constraint::Fill(1));
    }
    header.extend(["Trust", "Task", "Res", "Imp", "Open", "Late", "Mine", "Tr"]);
    header.push(if wide { "Next step" } else { "" });
    widths.extend([
        Constraint::Length(10),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(10),
        Constraint::Length(2),
        if wide {
            Constraint::Fill(2)
        } else {
            Constraint::Length(8)
        },
    ]);
    let columns = column_widths(inner.width, &widths);
    let rows = app.people.items[offset..end].iter().filter_map(|id| {
        let person = ledger.person(*id)?;
        let review = app.cache.reviews.get(id)?;
        let mut name = clean(&person.name);
        if person.archived {
            name.push_str(" (archived)");
        }
        let mut cells = vec![Cell::from(fit(&name, columns[0]))];
        if wide {
            let role = fit(&clean(&person.role), columns[1]);
            cells.push(Cell::from(Span::styled(role, theme.dim())));
        }
        cells.push(Cell::from(badge_span(theme, review.theirs.trust_level)));
        for rung in &review.theirs.rungs {
            cells.push(Cell::from(rung_cell(theme, rung)));
        }
        cells.push(Cell::from(count(review.open)));
        let overdue = if review.overdue > 0 {
            Span::styled(count(review.overdue), theme.overdue())
        } else {
            Span::styled(count(0), theme.dim())
        };
        cells.push(Cell::from(overdue));
        cells.push(Cell::from(badge_span(theme, review.mine.trust_level)));
        cells.push(Cell::from(trend_span(theme, review.trend)));
        let style = if review.theirs.slipping {
            theme.bad()
        } else if review.theirs.ready {
            theme.good()
        } else {
            theme.dim()
        };
        let flag = if wide {
            next_step(&review.theirs)
        } else if review.theirs.slipping {
            "slipping".to_string()
        } else if review.theirs.ready {
            "ready ↑".to_string()
        } else {
            String::new()
        };
        let flag = fit(&flag, columns.last().copied().unwrap_or(0));
        cells.push(Cell::from(Span::styled(flag, style)));
        Some(Row::new(cells))
    });
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.heading()))
        .row_highlight_style(theme.selection())
        .highlight_symbol(SELECTED)
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(Some(app.people.selected - offset));
    frame.render_stateful_widget(table, inner, &mut state);
}

/// What the ladder suggests next, in a few words, for the wide table.
fn next_step(standing: &Standing) -> String {
    if let Some(focus) = standing.focus() {
        return format!("slipping: focus on {}", focus.title());
    }
    match standing.trust_level {
        None => "building: small tasks".to_string(),
        Some(Level::Impact) => "trusted with impact".to_string(),
        Some(level) => {
            let next = level.up().unwrap_or(level);
            if standing.ready {
                format!("ready for {}", next.title())
            } else {
                format!("holding {}", level.title())
            }
        }
    }
}

fn count(n: usize) -> String {
    format!("{n:>4}")
}

/// A rung's reliability: bold when held, marked when too unreliable, a dash with no record.
pub fn rung_cell(theme: &Theme, rung: &RungScore) -> Span<'static> {
    if rung.resolved == 0 {
        return Span::styled("   –", theme.dim());
    }
    let text = format!("{:>4}", percent(rung.reliability));
    match rung.verdict {
        Verdict::Held => Span::styled(text, theme.good().patch(bold())),
        Verdict::TooUnreliable => Span::styled(text, theme.bad()),
        Verdict::TooLittleEvidence | Verdict::RungBelowNotHeld => Span::raw(text),
    }
}

/// The trend arrow, coloured by direction.
pub fn trend_span(theme: &Theme, trend: Trend) -> Span<'static> {
    let style = match trend {
        Trend::Up => theme.good(),
        Trend::Down => theme.bad(),
        Trend::Flat => theme.dim(),
    };
    Span::styled(trend.arrow(), style)
}
