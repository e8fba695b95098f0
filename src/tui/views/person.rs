//! One colleague: their level and why, the three rungs against the thresholds, every promise
//! both ways, and trust over time.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Cell, Chart, Dataset, GraphType, HighlightSpacing, Paragraph, Row, Table,
    TableState,
};

use super::people::trend_span;
use super::{SELECTED, badge_span, bold, clean, column_widths, fit, percent, wrap};
use crate::core::ladder::{Review, Verdict};
use crate::core::settings::Settings;
use crate::core::{Direction, Level, Person, Promise, Status};
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Tall enough to add the trust-over-time chart below the promises.
const CHART_FROM: u16 = 30;
/// Columns of the reliability bar.
const BAR: usize = 12;

/// Draws one person: header, ladder, promises, and the chart when there is room.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let ledger = app.ledger();
    let Some((person, review)) = app
        .person
        .and_then(|id| Some((ledger.person(id)?, app.cache.reviews.get(&id)?)))
    else {
        frame.render_widget(Line::raw(" No person selected."), area);
        return;
    };
    let settings = &ledger.settings;
    let tall = area.height >= CHART_FROM;
    let [head, rungs, rest] = Layout::vertical([
        Constraint::Length(if tall { 6 } else { 5 }),
        Constraint::Length(5),
        Constraint::Fill(1),
    ])
    .areas(area);
    header(&app.theme, person, review, settings, frame, head);
    ladder(app, review, settings, frame, rungs);
    if tall {
        let [list, chart] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(11)]).areas(rest);
        promises(app, frame, list);
        history_chart(app, frame, chart);
    } else if app.show_chart {
        history_chart(app, frame, rest);
    } else {
        promises(app, frame, rest);
    }
}

fn header(
    theme: &Theme,
    person: &Person,
    review: &Review,
    settings: &Settings,
    frame: &mut Frame,
    area: Rect,
) {
    let mut first = vec![
        Span::styled(format!(" {}", clean(&person.name)), bold()),
        Span::styled(format!("  @{}", clean(&person.handle)), theme.dim()),
    ];
    if !person.role.is_empty() {
        first.push(Span::styled(
            format!(" · {}", clean(&person.role)),
            theme.dim(),
        ));
    }
    first.push(Span::styled(
        format!(" · {} open, {} overdue", review.open, review.overdue),
        theme.dim(),
    ));
    if person.archived {
        first.push(Span::styled(" · archived (a restores)", theme.bad()));
    }
    let mut second = vec![
        Span::raw(" Trust "),
        badge_span(theme, review.theirs.trust_level),
        Span::raw(" · trend "),
        trend_span(theme, review.trend),
    ];
    if review.theirs.slipping {
        second.push(Span::styled(" · slipping", theme.bad()));
    } else if review.theirs.ready {
        second.push(Span::styled(" · ready for more", theme.good()));
    }
    second.push(Span::raw("   My credibility with them "));
    second.push(badge_span(theme, review.mine.trust_level));
    let advice_style = if review.theirs.slipping {
        theme.bad()
    } else if review.theirs.ready {
        theme.good()
    } else {
        Style::new()
    };
    let explained = review.theirs.explain(settings);
    let reason = explained.first().cloned().unwrap_or_default();
    // The last line says what stands between them and the next rung (or why they are ready).
    // While building, the tasks rung says what is missing.
    let next = if explained.len() > 4 {
        explained.last()
    } else {
        explained.get(1)
    }
    .cloned()
    .unwrap_or_default();
    // Sentences fold with a hanging indent; what does not fit the header's rows is cut last
    // first, so the advice and the reason always show.
    let width = usize::from(area.width);
    let sentence = |text: &str, style: Style| -> Vec<Line<'static>> {
        wrap(text, width, " ", "   ")
            .into_iter()
            .map(|line| Line::from(Span::styled(line, style)))
            .collect()
    };
    let mut lines = vec![Line::from(first), Line::from(second)];
    lines.extend(sentence(&review.theirs.advice(settings), advice_style));
    lines.extend(sentence(&format!("Why: {reason}"), theme.dim()));
    lines.extend(sentence(&next, theme.dim()));
    // Trust runs both ways: with room, my own record with them gets its line too.
    if usize::from(area.height) > lines.len() {
        lines.extend(sentence(
            &format!("Me: {}", review.mine.advice(settings)),
            theme.mine(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn ladder(app: &App, review: &Review, settings: &Settings, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let title = format!(
        " Ladder · held at evidence ≥ {:.1} and reliability ≥ {} · 12 months ",
        settings.min_evidence,
        percent(settings.hold_threshold)
    );
    let block = Block::bordered().title(Span::styled(title, theme.heading()));
    let wide = area.width >= 120;
    let explained = review.theirs.explain(settings);
    let rows = Level::ALL.iter().rev().map(|level| {
        let rung = &review.theirs.rungs[level.index()];
        let spark = app
            .cache
            .history
            .iter()
            .map(|(_, r)| spark_char(r[level.index()]))
            .collect::<String>();
        let (verdict, style) = match rung.verdict {
            Verdict::Held => ("held".to_string(), theme.good()),
            Verdict::TooLittleEvidence => (
                format!("needs E ≥ {:.1}", settings.min_evidence),
                theme.dim(),
            ),
            Verdict::TooUnreliable => (
                format!("below {}", percent(settings.hold_threshold)),
                theme.bad(),
            ),
            Verdict::RungBelowNotHeld => ("rung below not held".to_string(), theme.dim()),
        };
        // With room, the rule in full, exactly as `review` words it.
        let verdict = if wide {
            explained
                .get(1 + level.index())
                .and_then(|line| line.split_once("→ "))
                .map_or(verdict, |(_, rule)| rule.to_string())
        } else {
            verdict
        };
        let mine = &review.mine.rungs[level.index()];
        Row::new(vec![
            Cell::from(Span::styled(level.as_str(), theme.level(Some(*level)))),
            Cell::from(bar(
                theme,
                rung.reliability,
                settings.hold_threshold,
                rung.held,
            )),
            Cell::from(format!("{:>4}", percent(rung.reliability))),
            Cell::from(format!("E {:.1} K {:.1}", rung.evidence, rung.kept)),
            Cell::from(Span::styled(verdict, style)),
            Cell::from(Span::styled(spark, theme.dim())),
            Cell::from(Span::styled(
                format!("me {}", percent(mine.reliability)),
                theme.mine(),
            )),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(7),
            Constraint::Length(BAR as u16),
            Constraint::Length(4),
            Constraint::Length(11),
            Constraint::Fill(1),
            Constraint::Length(12),
            Constraint::Length(7),
        ],
    )
    .block(block);
    frame.render_widget(table, area);
}

/// A reliability bar with a tick at the hold threshold.
fn bar(theme: &Theme, r: f64, threshold: f64, held: bool) -> Line<'static> {
    let filled = ((r * BAR as f64).round() as usize).min(BAR);
    let tick = ((threshold * BAR as f64).round() as usize).min(BAR - 1);
    let text: String = (0..BAR)
        .map(|i| {
            if i < filled {
                '█'
            } else if i == tick {
                '│'
            } else {
                '░'
            }
        })
        .collect();
    let style = if held { theme.good() } else { theme.dim() };
    Line::from(Span::styled(text, style))
}

fn spark_char(r: f64) -> char {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let i = (r.clamp(0.0, 1.0) * 7.0).round() as usize;
    LEVELS[i.min(7)]
}

fn status_span(theme: &Theme, p: &Promise, today: NaiveDate) -> Span<'static> {
    let style = match p.status {
        Status::Open if p.is_overdue(today) => theme.overdue(),
        Status::Open => Style::new(),
        Status::Kept => theme.good(),
        Status::KeptLate => theme.focus(),
        Status::Broken => theme.bad(),
        Status::Released => theme.dim(),
    };
    let text = if p.is_overdue(today) {
        "overdue".to_string()
    } else {
        p.status.label().to_string()
    };
    Span::styled(text, style)
}

fn promises(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let ledger = app.ledger();
    let open = app.cache.person_open;
    let title = Line::from(vec![
        Span::styled(" Promises ", theme.heading()),
        Span::styled(
            format!("· {} · {open} open · theirs and ", app.promises.items.len()),
            theme.dim(),
        ),
        Span::styled("mine", theme.mine()),
        Span::styled(" · open first ", theme.dim()),
    ]);
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.promises.items.is_empty() {
        frame.render_widget(
            Line::styled(
                " No promises yet. n adds one; L logs one already kept.",
                theme.dim(),
            ),
            inner,
        );
        return;
    }
    let constraints = [
        Constraint::Length(6),
        Constraint::Length(4),
        Constraint::Length(6),
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(9),
    ];
    let what_width = column_widths(inner.width, &constraints)[3];
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = app.promises.window(height);
    let end = (offset + height).min(app.promises.items.len());
    let rows = app.promises.items[offset..end].iter().filter_map(|id| {
        let p = ledger.promise(*id)?;
        let who = match p.direction {
            Direction::Theirs => Span::raw("them"),
            Direction::Mine => Span::styled("me", theme.mine()),
        };
        let date = match p.status {
            Status::Open => p.due,
            _ => p.resolved,
        };
        let date_style = if p.is_overdue(app.today) {
            theme.overdue()
        } else {
            Style::new()
        };
        let date = date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".to_string());
        Some(Row::new(vec![
            Cell::from(format!("#{}", p.id)),
            Cell::from(who),
            Cell::from(p.level.as_str()),
            Cell::from(fit(&clean(&p.what), what_width)),
            Cell::from(Span::styled(date, date_style)),
            Cell::from(status_span(theme, p, app.today)),
        ]))
    });
    let table = Table::new(rows, constraints)
        .header(Row::new(["#", "Who", "Rung", "What", "Due/done", "Status"]).style(theme.heading()))
        .row_highlight_style(theme.selection())
        .highlight_symbol(SELECTED)
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(Some(app.promises.selected - offset));
    frame.render_stateful_widget(table, inner, &mut state);
}

fn history_chart(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let history = &app.cache.history;
    let series: Vec<Vec<(f64, f64)>> = Level::ALL
        .iter()
        .map(|level| {
            history
                .iter()
                .enumerate()
                .map(|(i, (_, r))| (i as f64, r[level.index()] * 100.0))
                .collect()
        })
        .collect();
    let datasets = Level::ALL
        .iter()
        .zip(&series)
        .map(|(level, points)| {
            Dataset::default()
                .name(level.title())
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.level(Some(*level)))
                .data(points)
        })
        .collect();
    let first = history
        .first()
        .map(|(d, _)| d.format("%b %Y").to_string())
        .unwrap_or_default();
    let last = history
        .last()
        .map(|(d, _)| d.format("%b %Y").to_string())
        .unwrap_or_default();
    let chart = Chart::new(datasets)
        // The legend lives in the title, where it never covers a line.
        .legend_position(None)
        .block(Block::bordered().title(Line::from(vec![
            Span::styled(
                " Trust over time: their reliability by month · ",
                theme.heading(),
            ),
            Span::styled("tasks", theme.level(Some(Level::Task))),
            Span::raw(" "),
            Span::styled("results", theme.level(Some(Level::Result))),
            Span::raw(" "),
            Span::styled("impact ", theme.level(Some(Level::Impact))),
        ])))
        .x_axis(
            Axis::default()
                .bounds([0.0, history.len().saturating_sub(1).max(1) as f64])
                .labels([first, last])
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0%", "50%", "100%"])
                .style(theme.dim()),
        );
    frame.render_widget(chart, area);
}
