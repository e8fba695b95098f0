//! Colours and emphasis. Every style the views use comes from here, so NO_COLOR turns the whole
//! screen monochrome at once while keeping what matters visible through bold, underline and
//! reverse video.

use ratatui::style::{Color, Modifier, Style};

use crate::core::Level;

/// The look of the screen: colour, or monochrome for NO_COLOR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to something non-empty (see no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn pick(&self, colored: Style, mono: Style) -> Style {
        if self.color { colored } else { mono }
    }

    /// The selected row: a blue bar that keeps each cell's own colour (a badge stays a
    /// badge), or reverse video without colour.
    pub fn selection(&self) -> Style {
        self.pick(
            Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// The level badge: one colour per rung, grey while building.
    pub fn level(&self, level: Option<Level>) -> Style {
        let mono = match level {
            None => Style::new().add_modifier(Modifier::DIM),
            Some(_) => Style::new().add_modifier(Modifier::BOLD),
        };
        let colored = match level {
            None => Style::new().fg(Color::DarkGray),
            Some(Level::Task) => Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Some(Level::Result) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Some(Level::Impact) => Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        };
        self.pick(colored, mono)
    }

    /// A date that has passed with the promise still open.
    pub fn overdue(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// Something going wrong: a slipping record, a broken promise, an error.
    pub fn bad(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Red),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Something going right: a held rung, a kept promise, a ready record.
    pub fn good(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Green),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Less important text.
    pub fn dim(&self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    /// Headings and table headers.
    pub fn heading(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// The keys in the hint bar and help.
    pub fn key(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Gray),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// The field being edited in a form.
    pub fn focus(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// My own promises, told apart from theirs.
    pub fn mine(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Magenta),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }
}
