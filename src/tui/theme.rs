//! Colours and emphasis. Every style the views use comes from here, so a theme (or NO_COLOR)
//! changes the whole screen at once. Four presets: `dark` (for dark terminals), `light` (for
//! white ones), `terminal` (only the terminal's own basic colours, so its palette decides)
//! and `mono` (no colour: bold, underline, italics and reverse video carry what colour would).
//! The config file picks one and can change any element's colour on top of it.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{ColorSetting, Diagnostic};
use crate::core::Level;
use crate::core::text;

/// What a style is for: each is one line of `[colors]` in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    Selection,
    Building,
    Task,
    Result,
    Impact,
    Overdue,
    Bad,
    Good,
    Dim,
    Heading,
    Key,
    Focus,
    Mine,
}

impl Element {
    pub const ALL: [Element; 13] = [
        Element::Selection,
        Element::Building,
        Element::Task,
        Element::Result,
        Element::Impact,
        Element::Overdue,
        Element::Bad,
        Element::Good,
        Element::Dim,
        Element::Heading,
        Element::Key,
        Element::Focus,
        Element::Mine,
    ];

    /// The name in `[colors]`.
    pub fn name(self) -> &'static str {
        match self {
            Element::Selection => "selection",
            Element::Building => "building",
            Element::Task => "task",
            Element::Result => "result",
            Element::Impact => "impact",
            Element::Overdue => "overdue",
            Element::Bad => "bad",
            Element::Good => "good",
            Element::Dim => "dim",
            Element::Heading => "heading",
            Element::Key => "key",
            Element::Focus => "focus",
            Element::Mine => "mine",
        }
    }

    /// What it colours, for `config init`.
    pub fn about(self) -> &'static str {
        match self {
            Element::Selection => "the selected row and tab (background)",
            Element::Building => "the level of someone who holds no rung yet",
            Element::Task => "the tasks rung: its badge and its line in the chart",
            Element::Result => "the results rung: its badge and its line in the chart",
            Element::Impact => "the impact rung: its badge and its line in the chart",
            Element::Overdue => "overdue dates and counts",
            Element::Bad => "what is going wrong: failing rungs, broken promises, errors",
            Element::Good => "what is going right: held rungs, kept promises",
            Element::Dim => "less important text",
            Element::Heading => "headings and table headers",
            Element::Key => "keys in the hint bar (background)",
            Element::Focus => "the field being edited, notes to look at",
            Element::Mine => "my own promises and record",
        }
    }

    /// Whether a bare colour for it sets the background (a bar) rather than the text.
    fn main_is_background(self) -> bool {
        matches!(self, Element::Selection | Element::Key)
    }
}

/// A preset theme, named by the config's `theme`: colours for a dark or a light terminal, the
/// terminal's own palette, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Dark,
    Light,
    Terminal,
    Mono,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Dark, Preset::Light, Preset::Terminal, Preset::Mono];

    /// The name `theme = "…"` takes.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Dark => "dark",
            Preset::Light => "light",
            Preset::Terminal => "terminal",
            Preset::Mono => "mono",
        }
    }

    /// The style of each element, in [`Element::ALL`] order.
    fn styles(self) -> [Style; 13] {
        let s = Style::new;
        const BOLD: Modifier = Modifier::BOLD;
        match self {
            // The first theme, for dark terminals: the sixteen colours, bright ones included,
            // and a dark grey bar for the selection, on which every colour a row can hold
            // reads at 3:1 or more (see the tests; red and magenta on a blue bar did not). Its
            // text is light grey of its own: the terminal's, black on a light one, did not read.
            Preset::Dark => [
                s().fg(Color::Indexed(252))
                    .bg(Color::Indexed(236))
                    .add_modifier(BOLD),
                s().fg(Color::DarkGray),
                s().fg(Color::Yellow).add_modifier(BOLD),
                s().fg(Color::Cyan).add_modifier(BOLD),
                s().fg(Color::Green).add_modifier(BOLD),
                s().fg(Color::LightRed).add_modifier(BOLD),
                s().fg(Color::LightRed),
                s().fg(Color::Green),
                s().fg(Color::DarkGray),
                s().fg(Color::LightBlue).add_modifier(BOLD),
                s().fg(Color::Black).bg(Color::Gray),
                s().fg(Color::Yellow).add_modifier(BOLD),
                s().fg(Color::LightMagenta),
            ],
            // For white backgrounds: dark colours of the 256-colour palette, each at least
            // 4.5:1 against white and 3:1 against the pale blue selection (see the tests), whose
            // text is black of its own: the terminal's, white on a dark one, did not read.
            Preset::Light => [
                s().fg(Color::Indexed(16))
                    .bg(Color::Indexed(153))
                    .add_modifier(BOLD),
                s().fg(Color::Indexed(242)),
                s().fg(Color::Indexed(94)).add_modifier(BOLD),
                s().fg(Color::Indexed(24)).add_modifier(BOLD),
                s().fg(Color::Indexed(28)).add_modifier(BOLD),
                s().fg(Color::Indexed(160)).add_modifier(BOLD),
                s().fg(Color::Indexed(160)),
                s().fg(Color::Indexed(28)),
                s().fg(Color::Indexed(242)),
                s().fg(Color::Indexed(25)).add_modifier(BOLD),
                s().fg(Color::Indexed(231)).bg(Color::Indexed(240)),
                s().fg(Color::Indexed(130)).add_modifier(BOLD),
                s().fg(Color::Indexed(90)),
            ],
            // Only the eight basic colours, which every terminal's palette sets for its own
            // background; what would be grey is dim, and the bars are reverse video.
            Preset::Terminal => [
                s().add_modifier(Modifier::REVERSED | BOLD),
                s().add_modifier(Modifier::DIM),
                s().fg(Color::Yellow).add_modifier(BOLD),
                s().fg(Color::Cyan).add_modifier(BOLD),
                s().fg(Color::Green).add_modifier(BOLD),
                s().fg(Color::Red).add_modifier(BOLD),
                s().fg(Color::Red),
                s().fg(Color::Green),
                s().add_modifier(Modifier::DIM),
                s().fg(Color::Blue).add_modifier(BOLD),
                s().add_modifier(Modifier::REVERSED),
                s().fg(Color::Yellow).add_modifier(BOLD),
                s().fg(Color::Magenta),
            ],
            // No colour at all: what matters shows through emphasis.
            Preset::Mono => [
                s().add_modifier(Modifier::REVERSED | BOLD),
                s().add_modifier(Modifier::DIM),
                s().add_modifier(BOLD),
                s().add_modifier(BOLD),
                s().add_modifier(BOLD),
                s().add_modifier(BOLD | Modifier::UNDERLINED),
                s().add_modifier(BOLD),
                s().add_modifier(BOLD),
                s().add_modifier(Modifier::DIM),
                s().add_modifier(BOLD),
                s().add_modifier(Modifier::REVERSED),
                s().add_modifier(BOLD | Modifier::UNDERLINED),
                s().add_modifier(Modifier::ITALIC),
            ],
        }
    }
}

/// The look of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    styles: [Style; 13],
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::preset(Preset::Dark)
    }
}

impl Theme {
    pub fn preset(preset: Preset) -> Theme {
        Theme {
            styles: preset.styles(),
        }
    }

    /// No colour, as NO_COLOR asks.
    pub fn mono() -> Theme {
        Theme::preset(Preset::Mono)
    }

    /// The theme the config file asks for: `preset` (dark if none) with `colors` on top, and
    /// what in them is wrong. `no_color` (NO_COLOR set) beats the file: mono, as it is.
    pub fn configured(
        preset: Option<(&str, usize)>,
        colors: &[ColorSetting],
        no_color: bool,
    ) -> (Theme, Vec<Diagnostic>) {
        let mut found = Vec::new();
        let chosen = match preset {
            None => Preset::Dark,
            // Any case, as colour names are read.
            Some((name, line)) => match Preset::ALL
                .into_iter()
                .find(|p| p.name().eq_ignore_ascii_case(name))
            {
                Some(p) => p,
                None => {
                    found.push(Diagnostic::warning(
                        line,
                        format!(
                            "'{}' is not a theme (dark, light, terminal and mono are{}); dark it is",
                            text::quoted_back(name),
                            text::did_you_mean(name, Preset::ALL.iter().map(|p| p.name()))
                        ),
                    ));
                    Preset::Dark
                }
            },
        };
        let mut theme = Theme::preset(chosen);
        for setting in colors {
            theme.put(setting, &mut found);
        }
        if no_color {
            theme = Theme::mono();
        }
        (theme, found)
    }

    /// Puts one `[colors]` line over the preset.
    fn put(&mut self, setting: &ColorSetting, found: &mut Vec<Diagnostic>) {
        let Some(i) = Element::ALL
            .iter()
            .position(|e| e.name() == setting.element)
        else {
            let names: Vec<&str> = Element::ALL.iter().map(|e| e.name()).collect();
            found.push(Diagnostic::warning(
                setting.line,
                format!(
                    "{} is not something a theme colours ({}{}); it is left out",
                    text::quoted_back(&setting.element),
                    names.join(", "),
                    text::did_you_mean(&setting.element, names.iter().copied())
                ),
            ));
            return;
        };
        let element = Element::ALL[i];
        let mut read = |word: &Option<String>| -> Option<Color> {
            let word = word.as_deref()?;
            match word.parse::<Color>() {
                Ok(color) => Some(color),
                Err(_) => {
                    found.push(Diagnostic::warning(
                        setting.line,
                        format!(
                            "'{}' is not a colour: a name (red, light-blue, dark-gray, reset), #rrggbb, or 0 to 255 from the 256-colour palette; {} keeps its colour",
                            text::quoted_back(word),
                            element.name()
                        ),
                    ));
                    None
                }
            }
        };
        let (main, fg, bg) = (read(&setting.main), read(&setting.fg), read(&setting.bg));
        let style = &mut self.styles[i];
        // The terminal and mono themes make their bars with reverse video, which would swap
        // the colours given here: `bg = "blue"` showed blue text on a light bar.
        if main.is_some() || fg.is_some() || bg.is_some() {
            style.add_modifier.remove(Modifier::REVERSED);
        }
        if let Some(color) = main {
            *style = if element.main_is_background() {
                style.bg(color)
            } else {
                style.fg(color)
            };
        }
        if let Some(color) = fg {
            *style = style.fg(color);
        }
        if let Some(color) = bg {
            *style = style.bg(color);
        }
    }

    /// The style of one element.
    pub fn of(&self, element: Element) -> Style {
        // `Element::ALL` lists the elements in their declared order (a test checks it).
        self.styles[element as usize]
    }

    /// The selected row or tab: a bar with its own text colour, or reverse video without
    /// colour.
    pub fn selection(&self) -> Style {
        self.of(Element::Selection)
    }

    /// The selection without its text colour, for a table to lay over a row drawn in its
    /// cells' own colours (a badge stays a badge) and, beneath them, in
    /// [`Theme::selected_row`].
    pub fn selection_bar(&self) -> Style {
        Style {
            fg: None,
            ..self.selection()
        }
    }

    /// The selected row beneath its cells: the bar's text colour for the text that has none
    /// of its own. Left to the terminal's, it was black on the dark theme's dark grey on a
    /// light terminal, and white on the light theme's pale blue on a dark one.
    pub fn selected_row(&self) -> Style {
        Style {
            fg: self.selection().fg,
            ..Style::default()
        }
    }

    /// The level badge: one colour per rung, grey while building.
    pub fn level(&self, level: Option<Level>) -> Style {
        self.of(match level {
            None => Element::Building,
            Some(Level::Task) => Element::Task,
            Some(Level::Result) => Element::Result,
            Some(Level::Impact) => Element::Impact,
        })
    }

    /// A date that has passed with the promise still open.
    pub fn overdue(&self) -> Style {
        self.of(Element::Overdue)
    }

    /// Something going wrong: a slipping record, a broken promise, an error.
    pub fn bad(&self) -> Style {
        self.of(Element::Bad)
    }

    /// Something going right: a held rung, a kept promise, a ready record.
    pub fn good(&self) -> Style {
        self.of(Element::Good)
    }

    /// Less important text.
    pub fn dim(&self) -> Style {
        self.of(Element::Dim)
    }

    /// Headings and table headers.
    pub fn heading(&self) -> Style {
        self.of(Element::Heading)
    }

    /// The keys in the hint bar and help.
    pub fn key(&self) -> Style {
        self.of(Element::Key)
    }

    /// The field being edited in a form.
    pub fn focus(&self) -> Style {
        self.of(Element::Focus)
    }

    /// My own promises, told apart from theirs.
    pub fn mine(&self) -> Style {
        self.of(Element::Mine)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(
        element: &str,
        main: Option<&str>,
        fg: Option<&str>,
        bg: Option<&str>,
    ) -> ColorSetting {
        ColorSetting {
            element: element.to_string(),
            main: main.map(str::to_string),
            fg: fg.map(str::to_string),
            bg: bg.map(str::to_string),
            line: 4,
        }
    }

    #[test]
    fn elements_are_listed_in_their_order() {
        for (i, e) in Element::ALL.iter().enumerate() {
            assert_eq!(*e as usize, i);
        }
    }

    #[test]
    fn a_preset_by_name_with_colours_on_top() {
        let (theme, found) = Theme::configured(
            Some(("light", 2)),
            &[
                setting("heading", Some("blue"), None, None),
                setting("selection", Some("#ffd700"), None, None),
                setting("key", None, Some("black"), Some("yellow")),
            ],
            false,
        );
        assert_eq!(found, vec![]);
        assert_eq!(
            theme.heading(),
            Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD)
        );
        assert_eq!(
            theme.selection(),
            Style::new()
                .fg(Color::Indexed(16))
                .bg(Color::Rgb(0xff, 0xd7, 0))
                .add_modifier(Modifier::BOLD),
            "a bare colour is the selection's background; its text keeps the preset's colour"
        );
        assert_eq!(theme.key(), Style::new().fg(Color::Black).bg(Color::Yellow));
        assert_eq!(
            theme.good(),
            Theme::preset(Preset::Light).good(),
            "the rest is the preset's"
        );
    }

    #[test]
    fn colours_over_a_reverse_video_bar_are_shown_as_given() {
        for preset in ["terminal", "mono"] {
            let (theme, found) = Theme::configured(
                Some((preset, 1)),
                &[
                    setting("selection", None, Some("light-blue"), Some("0")),
                    setting("key", Some("blue"), None, None),
                ],
                false,
            );
            assert!(found.is_empty(), "{found:?}");
            assert_eq!(
                theme.selection(),
                Style::new()
                    .fg(Color::LightBlue)
                    .bg(Color::Indexed(0))
                    .add_modifier(Modifier::BOLD),
                "{preset}: the bar's bold is kept, its reverse video dropped"
            );
            assert_eq!(theme.key(), Style::new().bg(Color::Blue), "{preset}");
        }
        let (theme, _) = Theme::configured(Some(("terminal", 1)), &[], false);
        assert_eq!(
            theme.selection(),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            "untouched, the bar is reverse video"
        );
    }

    #[test]
    fn no_color_beats_the_file() {
        let (theme, found) = Theme::configured(
            Some(("light", 2)),
            &[setting("heading", Some("blue"), None, None)],
            true,
        );
        assert_eq!(found, vec![]);
        assert_eq!(theme, Theme::mono());
        assert_eq!(Theme::configured(None, &[], false).0, Theme::default());
        // A theme's name is read in any case, as a colour's is.
        assert_eq!(
            Theme::configured(Some(("Light", 1)), &[], false),
            (Theme::preset(Preset::Light), vec![])
        );
    }

    #[test]
    fn what_a_theme_cannot_use_is_a_warning_and_the_rest_applies() {
        let (theme, found) = Theme::configured(
            Some(("solarized", 1)),
            &[
                setting("headings", Some("blue"), None, None),
                setting("mine", Some("purple"), None, None),
                setting("bad", None, Some("#12345"), Some("black")),
            ],
            false,
        );
        let messages: Vec<String> = found.iter().map(|d| format!("{:?} {d}", d.line)).collect();
        assert_eq!(
            messages,
            [
                "Some(1) warning: 'solarized' is not a theme (dark, light, terminal and mono are); dark it is",
                "Some(4) warning: headings is not something a theme colours (selection, building, task, result, impact, overdue, bad, good, dim, heading, key, focus, mine; did you mean heading?); it is left out",
                "Some(4) warning: 'purple' is not a colour: a name (red, light-blue, dark-gray, reset), #rrggbb, or 0 to 255 from the 256-colour palette; mine keeps its colour",
                "Some(4) warning: '#12345' is not a colour: a name (red, light-blue, dark-gray, reset), #rrggbb, or 0 to 255 from the 256-colour palette; bad keeps its colour",
            ]
        );
        assert_eq!(theme.mine(), Theme::default().mine());
        assert_eq!(
            theme.bad(),
            Style::new().fg(Color::LightRed).bg(Color::Black)
        );
    }

    /// The colour an xterm-compatible terminal shows for a 256-colour index.
    fn rgb(index: u8) -> (u8, u8, u8) {
        const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
        match index {
            232..=255 => {
                let v = 8 + 10 * (index - 232);
                (v, v, v)
            }
            16..=231 => {
                let i = usize::from(index - 16);
                (LEVELS[i / 36], LEVELS[(i / 6) % 6], LEVELS[i % 6])
            }
            _ => panic!("the light theme uses only the palette's fixed colours, not {index}"),
        }
    }

    /// The WCAG contrast ratio of two colours.
    fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let lum = |(r, g, b): (u8, u8, u8)| {
            let f = |c: u8| {
                let c = f64::from(c) / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn the_light_theme_reads_on_white() {
        let theme = Theme::preset(Preset::Light);
        let white = (255, 255, 255);
        let Some(Color::Indexed(bar)) = theme.selection().bg else {
            panic!("the selection is a bar");
        };
        let bar = rgb(bar);
        for e in Element::ALL {
            let style = theme.of(e);
            if let Some(Color::Indexed(fg)) = style.fg {
                let bg = match style.bg {
                    Some(Color::Indexed(bg)) => rgb(bg),
                    _ => white,
                };
                let on_white = contrast(rgb(fg), bg);
                assert!(
                    on_white >= 4.5,
                    "{} is {on_white:.2}:1 on its background",
                    e.name()
                );
                let on_bar = contrast(rgb(fg), bar);
                assert!(
                    style.bg.is_some() || on_bar >= 3.0,
                    "{} is {on_bar:.2}:1 on the selection",
                    e.name()
                );
            }
        }
        let Some(Color::Indexed(text)) = theme.selection().fg else {
            panic!("the selection's text has a colour of its own, whatever the terminal's");
        };
        assert!(contrast(rgb(text), bar) >= 7.0, "plain text on the bar");
    }

    /// xterm's sixteen colours, which the dark theme names: a terminal with another palette
    /// sets its own, but this is the one most start from.
    fn xterm(color: Color) -> (u8, u8, u8) {
        match color {
            Color::Black => (0, 0, 0),
            Color::Red => (205, 0, 0),
            Color::Green => (0, 205, 0),
            Color::Yellow => (205, 205, 0),
            Color::Blue => (0, 0, 238),
            Color::Magenta => (205, 0, 205),
            Color::Cyan => (0, 205, 205),
            Color::Gray => (229, 229, 229),
            Color::DarkGray => (127, 127, 127),
            Color::LightRed => (255, 0, 0),
            Color::LightGreen => (0, 255, 0),
            Color::LightYellow => (255, 255, 0),
            Color::LightBlue => (92, 92, 255),
            Color::LightMagenta => (255, 0, 255),
            Color::LightCyan => (0, 255, 255),
            Color::White => (255, 255, 255),
            Color::Indexed(i) => rgb(i),
            other => panic!("the dark theme names no {other:?}"),
        }
    }

    /// Every colour a selected row can hold (a badge, an overdue count, a `fail`, the dim
    /// text, whose row is whose) reads at 3:1 or more on the selection's bar, and at 4:1 or
    /// more on black.
    #[test]
    fn the_dark_theme_reads_on_black_and_on_its_selection() {
        let theme = Theme::preset(Preset::Dark);
        let bar = xterm(theme.selection().bg.expect("a bar"));
        let on_rows = [
            Element::Building,
            Element::Task,
            Element::Result,
            Element::Impact,
            Element::Overdue,
            Element::Bad,
            Element::Good,
            Element::Dim,
            Element::Mine,
        ];
        for e in Element::ALL {
            let style = theme.of(e);
            let Some(fg) = style.fg else { continue };
            let bg = style.bg.map_or((0, 0, 0), xterm);
            let on_black = contrast(xterm(fg), bg);
            assert!(on_black >= 4.0, "{} is {on_black:.2}:1 on black", e.name());
            if on_rows.contains(&e) {
                let on_bar = contrast(xterm(fg), bar);
                assert!(
                    on_bar >= 3.0,
                    "{} is {on_bar:.2}:1 on the selection",
                    e.name()
                );
            }
        }
        let text = theme
            .selection()
            .fg
            .expect("the selection's text has a colour of its own, whatever the terminal's");
        assert!(contrast(xterm(text), bar) >= 7.0, "plain text on the bar");
    }

    #[test]
    fn the_terminal_theme_uses_only_the_terminal_s_own_colours() {
        let theme = Theme::preset(Preset::Terminal);
        let basic = [
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::White,
        ];
        for e in Element::ALL {
            let style = theme.of(e);
            for color in [style.fg, style.bg].into_iter().flatten() {
                assert!(basic.contains(&color), "{}: {color:?}", e.name());
            }
        }
    }
}
