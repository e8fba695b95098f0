//! From the config file to what the UI runs with: the key map, the theme, the mouse and the
//! defaults, and everything wrong with the file. One function for the UI and for
//! `trustladder config check`, so the check reports exactly what the UI would make of it.

use crate::config::{Defaults, Diagnostic, Loaded, Severity, has_errors};

use super::keymap::Keymap;
use super::theme::Theme;

/// What the UI runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    pub keys: Keymap,
    pub theme: Theme,
    /// Whether clicks and the wheel are taken (off by default, so the terminal's own text
    /// selection keeps working).
    pub mouse: bool,
    pub defaults: Defaults,
    /// Everything wrong with the file, by line.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether `TERM` names a terminal without colour: `vt100`, `vt102`, `vt220`, or one whose
/// name says so (`xterm-mono`). Colours sent there show as nothing, or as noise.
pub fn monochrome(term: Option<&str>) -> bool {
    term.is_some_and(|t| t.contains("mono") || matches!(t, "vt100" | "vt102" | "vt220"))
}

impl Setup {
    /// Every default; mono under NO_COLOR.
    pub fn defaults(no_color: bool) -> Setup {
        Setup {
            keys: Keymap::default(),
            theme: Theme::configured(None, &[], no_color).0,
            mouse: false,
            defaults: Defaults::default(),
            diagnostics: Vec::new(),
        }
    }

    /// The file's settings over the defaults. A file with any error is not used at all (a
    /// half-applied key map could leave no way out); its findings are kept to be shown.
    pub fn of(loaded: &Loaded, no_color: bool) -> Setup {
        let config = &loaded.config;
        let mut found = loaded.diagnostics.clone();
        let (keys, about_keys) = Keymap::configured(&config.keys);
        let preset = config.theme.as_ref().map(|t| (t.value.as_str(), t.line));
        let (theme, about_theme) = Theme::configured(preset, &config.colors, no_color);
        found.extend(about_keys);
        found.extend(about_theme);
        found.sort_by_key(|d| (d.line, d.severity));
        if has_errors(&found) {
            return Setup {
                diagnostics: found,
                ..Setup::defaults(no_color)
            };
        }
        Setup {
            keys,
            theme,
            mouse: config.mouse.unwrap_or(false),
            defaults: config.defaults,
            diagnostics: found,
        }
    }

    /// `self` on a terminal without colour ([`monochrome`]): the mono theme, unless the file
    /// (`loaded`, when there is one and it is used) picks a theme or a colour itself.
    pub fn on_terminal(mut self, loaded: Option<&Loaded>, monochrome: bool) -> Setup {
        let chosen = loaded.is_some_and(|l| {
            !has_errors(&self.diagnostics)
                && (l.config.theme.is_some()
                    || l.config.colors.iter().any(|c| {
                        crate::tui::theme::Element::ALL
                            .iter()
                            .any(|e| e.name() == c.element)
                    }))
        });
        if monochrome && !chosen {
            self.theme = Theme::mono();
        }
        self
    }

    /// The one line the UI starts with when the file at `path` has something wrong: whether
    /// it is used, and the first thing wrong (an error before any warning), naming the file,
    /// and its line where it has one (`config.toml:5:`, as `config check` writes it: "line 5"
    /// alone left to guess which file, the default's place being nowhere on the screen).
    /// True when it is an error.
    pub fn note(&self, path: &std::path::Path) -> Option<(String, bool)> {
        let first = self.diagnostics.iter().min_by_key(|d| d.severity)?;
        let errors = first.severity == Severity::Error;
        let lead = if errors {
            "Config not used, defaults apply"
        } else {
            "Config used, with warnings"
        };
        let file = crate::core::text::sanitize(&path.display().to_string());
        let at = first
            .line
            .map_or_else(|| format!("{file}: "), |line| format!("{file}:{line}: "));
        Some((
            format!(
                "{lead} (trustladder config check lists all): {at}{}",
                first.message
            ),
            errors,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;
    use crate::tui::theme::Preset;

    fn loaded(text: &str) -> Loaded {
        let (config, diagnostics) = parse(text);
        Loaded {
            path: "config.toml".into(),
            found: true,
            config,
            diagnostics,
        }
    }

    fn setup(text: &str) -> Setup {
        Setup::of(&loaded(text), false)
    }

    #[test]
    fn a_terminal_without_colour_takes_mono_unless_the_file_picks_a_theme() {
        for term in ["vt100", "vt102", "vt220", "xterm-mono", "mono"] {
            assert!(monochrome(Some(term)), "{term}");
        }
        for term in [
            None,
            Some("xterm-256color"),
            Some("linux"),
            Some("vt100-color"),
            Some(""),
        ] {
            assert!(!monochrome(term), "{term:?}");
        }
        let mono = Theme::mono();
        let on = |text: &str, monochrome: bool| {
            let loaded = loaded(text);
            Setup::of(&loaded, false)
                .on_terminal(Some(&loaded), monochrome)
                .theme
        };
        assert_eq!(Setup::defaults(false).on_terminal(None, true).theme, mono);
        assert_eq!(
            Setup::defaults(false).on_terminal(None, false).theme,
            Theme::default()
        );
        assert_eq!(on("mouse = true\n", true), mono);
        // A `[colors]` line that colours nothing (a misspelt element) chooses nothing.
        assert_eq!(on("[colors]\nheadng = \"blue\"\n", true), mono);
        assert_eq!(on("mouse = true\n", false), Theme::default());
        assert_eq!(
            on("theme = \"light\"\n", true),
            Theme::preset(Preset::Light)
        );
        assert_ne!(on("[colors]\nheading = \"blue\"\n", true), mono);
        // A file not used, for an error in it, picks nothing.
        assert_eq!(
            on(
                "theme = \"light\"\n[keys]\nquit = []\nforce_quit = []\n",
                true
            ),
            mono
        );
    }

    #[test]
    fn a_good_file_applies_whole() {
        let s = setup("theme = \"light\"\nmouse = true\n[keys]\nundo = \"U\"\n");
        assert_eq!(s.diagnostics, vec![]);
        assert!(s.mouse);
        assert_eq!(s.theme, Theme::preset(super::super::theme::Preset::Light));
        assert_ne!(s.keys, Keymap::default());
        assert_eq!(s.note(std::path::Path::new("config.toml")), None);
    }

    #[test]
    fn a_file_with_an_error_is_not_used_and_says_so_in_one_line() {
        let s = setup("theme = \"light\"\nmouse = true\nzoom = 3\n[keys]\nundo = \"x\"\n");
        assert_eq!(
            Setup {
                diagnostics: Vec::new(),
                ..s.clone()
            },
            Setup::defaults(false)
        );
        assert_eq!(
            s.note(std::path::Path::new("config.toml")),
            Some((
                "Config not used, defaults apply (trustladder config check lists all): config.toml:5: x is bound to both delete (a default) and undo (line 5) in the people view, the person view and the agenda view; give one of them another key".to_string(),
                true
            ))
        );
        assert_eq!(s.diagnostics.len(), 2, "the warning is kept too");
    }

    #[test]
    fn warnings_leave_the_rest_applied() {
        let s = setup("mouse = true\nzoom = 3\n");
        assert!(s.mouse);
        assert_eq!(
            s.note(std::path::Path::new("config.toml")),
            Some((
                "Config used, with warnings (trustladder config check lists all): config.toml:2: zoom is not a setting (theme, mouse, colors, defaults and keys are); it is left out".to_string(),
                false
            ))
        );
    }

    /// A file named on the command line that is not there is named in the note: the UI says
    /// which file it looked for.
    #[test]
    fn a_missing_file_is_named() {
        let loaded = Loaded {
            path: "c/nope.toml".into(),
            found: false,
            config: crate::config::Config::default(),
            diagnostics: vec![Diagnostic::error(None, "there is no such file")],
        };
        let s = Setup::of(&loaded, false);
        assert_eq!(
            s.note(&loaded.path),
            Some((
                "Config not used, defaults apply (trustladder config check lists all): c/nope.toml: there is no such file".to_string(),
                true
            ))
        );
    }
}
