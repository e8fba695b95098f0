//! The key map in force: the defaults with the config file's `[keys]` put in, and the checks
//! that keep a config from making the UI unusable. A setting that cannot apply (an unknown
//! action or key name) is a warning and is left out; a map where one key means two things on
//! one screen, where a key that types text is taken from a text field, or where nothing quits
//! (force_quit included, the one way out of a form in a window too small for it) or opens the
//! help, is an error, and then the defaults apply instead.

use ratatui::crossterm::event::KeyEvent;

use super::{Action, Bound, Context, Keymap, Keystroke};
use crate::config::{Diagnostic, KeySetting};
use crate::core::text;
use crate::tui::editor::LineEditor;

/// Where an unknown action's warning sends the user for the actions there are; `keys`,
/// which prints them, says instead that they follow.
pub const ACTIONS_LISTED: &str = "`trustladder keys` lists them";

/// The `[keys.NAME]` tables: the views, the form, and the popups.
pub(super) const SECTIONS: [Context; 10] = [
    Context::People,
    Context::Person,
    Context::Agenda,
    Context::Form,
    Context::Confirm,
    Context::Filter,
    Context::Help,
    Context::HelpSearch,
    Context::Prep,
    Context::Messages,
];

/// A setting that can apply: the action, where, and its keys.
struct Resolved {
    section: Option<Context>,
    action: Action,
    keys: Vec<Keystroke>,
    line: usize,
}

/// A key that would do two things, in words, and the config line to blame.
type Clash = (String, Option<usize>);

/// How a screen is named in a message.
fn screen_name(screen: &[Context]) -> &'static str {
    match screen.first() {
        Some(Context::People) => "the people view",
        Some(Context::Person) => "the person view",
        Some(Context::Agenda) => "the agenda view",
        Some(Context::Choice | Context::Form) => "a form",
        Some(Context::Confirm) => "the question before a delete",
        Some(Context::Filter) => "the filter",
        Some(Context::Help) => "the help",
        Some(Context::HelpSearch) => "the help's search",
        Some(Context::Prep) => "the 1:1 prep",
        Some(Context::Messages) => "the messages",
        _ => "everywhere",
    }
}

/// Whether a text field takes this key: it types a character or edits the text.
fn edits_text(key: Keystroke) -> bool {
    LineEditor::default().key(&KeyEvent::new(key.code, key.mods))
}

impl Bound {
    /// The action and where its keys come from, for messages: `undo (line 14)`, `delete (a
    /// default)`.
    fn origin(&self) -> String {
        match self.set_at {
            Some(line) => format!("{} (line {line})", self.action.name()),
            None => format!("{} (a default)", self.action.name()),
        }
    }
}

impl Keymap {
    /// The defaults with `settings` put in, and what is wrong with them. With any error the
    /// caller should use [`Keymap::default`]: this map may leave the UI unusable.
    pub fn configured(settings: &[KeySetting]) -> (Keymap, Vec<Diagnostic>) {
        let mut found = Vec::new();
        let mut resolved = resolve(settings, &mut found);
        // Everywhere first, then per view, so a view's table wins wherever it is written.
        resolved.sort_by_key(|r| (r.section.is_some(), r.line));
        let mut map = Keymap::unfinished();
        for setting in resolved {
            map.put(setting, &mut found);
        }
        map.finish();
        map.check(&mut found);
        found.sort_by_key(|d| (d.line, d.severity));
        (map, found)
    }

    /// Gives one action its keys: everywhere it works, or in one view only (splitting its
    /// binding from the other views').
    fn put(&mut self, setting: Resolved, found: &mut Vec<Diagnostic>) {
        let Resolved {
            section,
            action,
            keys,
            line,
        } = setting;
        let Some(ctx) = section else {
            for b in self.bound.iter_mut().filter(|b| b.action == action) {
                b.keys = keys.clone();
                b.set_at = Some(line);
            }
            return;
        };
        let at: Vec<usize> = (0..self.bound.len())
            .filter(|i| {
                let b = &self.bound[*i];
                b.action == action && ctx.is_in(&b.contexts)
            })
            .collect();
        if at.is_empty() {
            let contexts: Vec<Context> = self
                .bound
                .iter()
                .filter(|b| b.action == action)
                .flat_map(|b| b.contexts.iter().copied())
                .collect();
            // Named as the tables are: the views are three, and what works everywhere has no
            // table of its own but `[keys]` ("it works in everywhere" sent people nowhere).
            let message = if contexts.contains(&Context::Everywhere) {
                format!(
                    "{} works everywhere, so its keys are set under [keys] alone, not [keys.{}]; it is left out",
                    action.name(),
                    ctx.name()
                )
            } else {
                let mut works: Vec<&str> = Vec::new();
                for c in contexts {
                    let names = match c {
                        Context::Views => vec![Context::People, Context::Person, Context::Agenda],
                        Context::Choice => vec![Context::Form],
                        c => vec![c],
                    };
                    for name in names.into_iter().map(Context::name) {
                        if !works.contains(&name) {
                            works.push(name);
                        }
                    }
                }
                format!(
                    "{} has no keys in [keys.{}] to change (it works in {}); it is left out",
                    action.name(),
                    ctx.name(),
                    text::listed(&works, "and")
                )
            };
            found.push(Diagnostic::warning(line, message));
            return;
        }
        for i in at.into_iter().rev() {
            let b = &mut self.bound[i];
            if b.contexts == [ctx] {
                b.keys = keys.clone();
                b.set_at = Some(line);
                continue;
            }
            let mut rest: Vec<Context> = b
                .contexts
                .iter()
                .flat_map(|c| match c {
                    Context::Views => vec![Context::People, Context::Person, Context::Agenda],
                    other => vec![*other],
                })
                .collect();
            rest.retain(|c| *c != ctx);
            b.contexts = rest;
            let own = Bound {
                keys: keys.clone(),
                contexts: vec![ctx],
                set_at: Some(line),
                ..b.clone()
            };
            self.bound.insert(i + 1, own);
        }
    }

    /// The errors: one key meaning two things on a screen, a key taken from typing, no way to
    /// quit or to open the help.
    fn check(&self, found: &mut Vec<Diagnostic>) {
        // (what the key would do, in words) → the screens where it clashes. An action bound
        // in several views by several bindings (delete) clashes once, in all of them.
        let mut clashes: Vec<(Clash, Vec<&'static str>)> = Vec::new();
        for screen in Context::SCREENS {
            let on: Vec<&Bound> = self
                .bound
                .iter()
                .filter(|b| b.applies_in(screen) && b.action != Action::PickPromise)
                .collect();
            for (n, a) in on.iter().enumerate() {
                for b in &on[n + 1..] {
                    if a.action == b.action || self.choice_first(a, b) {
                        continue;
                    }
                    for key in a.keys.iter().filter(|k| b.keys.contains(k)) {
                        let (first, second) = if a.action.name() < b.action.name() {
                            (a, b)
                        } else {
                            (b, a)
                        };
                        let what = format!(
                            "{} is bound to both {} and {}",
                            key.name(),
                            first.origin(),
                            second.origin()
                        );
                        let clash = (what, a.set_at.max(b.set_at));
                        let name = screen_name(screen);
                        match clashes.iter_mut().find(|(c, _)| *c == clash) {
                            Some((_, screens)) if !screens.contains(&name) => screens.push(name),
                            Some(_) => {}
                            None => clashes.push((clash, vec![name])),
                        }
                    }
                }
            }
        }
        for ((what, line), screens) in clashes {
            found.push(Diagnostic::error(
                line,
                format!(
                    "{what} in {}; give one of them another key",
                    text::listed(&screens, "and")
                ),
            ));
        }
        for screen in Context::SCREENS.iter().filter(|s| s[0].takes_text()) {
            for b in self
                .bound
                .iter()
                .filter(|b| b.applies_in(screen) && b.action != Action::Choose)
            {
                for key in b.keys.iter().filter(|k| edits_text(**k)) {
                    found.push(Diagnostic::error(
                        b.set_at,
                        format!(
                            "{} for {} would be taken from typing in {}, where it {}; give it a key with ctrl or alt that text fields leave alone, or a function key",
                            key.name(),
                            b.origin(),
                            screen_name(screen),
                            if key.types_text() { "types text" } else { "edits the text" },
                        ),
                    ));
                }
            }
        }
        let views = &Context::SCREENS[..3];
        self.require(&[Action::Quit, Action::ForceQuit], "quits", views, found);
        self.require(&[Action::Help], "opens the help in", views, found);
        // A form, the question, the prep and the messages are left by cancel (or saved,
        // answered yes, or recorded, which need not be what the person wants).
        let popups = [
            Context::SCREENS[3],
            Context::SCREENS[4],
            Context::SCREENS[8],
            Context::SCREENS[9],
        ];
        self.require(&[Action::Cancel], "leaves", &popups, found);
        // What a form and the question are for: saving, reaching every field, answering yes.
        let form = [Context::SCREENS[3]];
        self.require(&[Action::Save], "saves", &form, found);
        // Below the minimum size with a form open, force_quit is the one key that quits (quit
        // would be typed into the form); without one the person could only close the
        // terminal, so it may be moved to another key but not taken away.
        self.require(&[Action::ForceQuit], "quits at once from", &form, found);
        self.require(
            &[Action::NextField, Action::PrevField],
            "moves between the fields of",
            &form,
            found,
        );
        self.require(
            &[Action::Confirm],
            "answers yes to",
            &[Context::SCREENS[4]],
            found,
        );
        // The filter and the help's search are left by keeping or clearing what was typed;
        // the help by closing it (cancel), or by back once no search is kept.
        let typed = [Context::SCREENS[5], Context::SCREENS[7]];
        self.require(
            &[Action::ApplyFilter, Action::ClearFilter],
            "leaves",
            &typed,
            found,
        );
        self.require(
            &[Action::Cancel, Action::Back],
            "closes",
            &[Context::SCREENS[6]],
            found,
        );
    }

    /// An error unless one of `actions` has a key in each of `screens`.
    fn require(
        &self,
        actions: &[Action],
        does: &str,
        screens: &[&[Context]],
        found: &mut Vec<Diagnostic>,
    ) {
        let mut missing = Vec::new();
        let mut line = None;
        for screen in screens {
            let mine = self
                .bound
                .iter()
                .filter(|b| actions.contains(&b.action) && b.applies_in(screen));
            if mine.clone().all(|b| b.keys.is_empty()) {
                missing.push(screen_name(screen));
                line = line.max(mine.filter_map(|b| b.set_at).max());
            }
        }
        if missing.is_empty() {
            return;
        }
        let names: Vec<&str> = actions.iter().map(|a| a.name()).collect();
        found.push(Diagnostic::error(
            line,
            format!(
                "nothing {does} {}: keep a key for {}",
                text::listed(&missing, "and"),
                names.join(" or ")
            ),
        ));
    }

    /// Whether `a` and `b` share keys only as a choice field's own keys and a form's: on a
    /// choice its keys come first (`↓` changes it), and the form's key does its action in a
    /// text field (`↓` moves to the next field). That is no clash while the form's action keeps
    /// a key no choice takes, so that it works from a choice field too.
    fn choice_first(&self, a: &Bound, b: &Bound) -> bool {
        let other = match (a.action, b.action) {
            (Action::Choose, _) => b,
            (_, Action::Choose) => a,
            _ => return false,
        };
        let choosing: Vec<Keystroke> = self
            .bound
            .iter()
            .filter(|c| c.action == Action::Choose)
            .flat_map(|c| c.keys.iter().copied())
            .collect();
        other.contexts.contains(&Context::Form) && other.keys.iter().any(|k| !choosing.contains(k))
    }
}

/// Checks each setting's table, action and key names; what cannot apply is a warning.
fn resolve(settings: &[KeySetting], found: &mut Vec<Diagnostic>) -> Vec<Resolved> {
    let mut out = Vec::new();
    let mut bad_sections: Vec<&str> = Vec::new();
    for s in settings {
        let section = match s.section.as_deref() {
            None => None,
            Some(name) => match SECTIONS.into_iter().find(|c| c.name() == name) {
                Some(ctx) => Some(ctx),
                None => {
                    if !bad_sections.contains(&name) {
                        bad_sections.push(name);
                        let known: Vec<&str> = SECTIONS.iter().map(|c| c.name()).collect();
                        found.push(Diagnostic::warning(
                            s.section_line,
                            format!(
                                "[keys.{}] is not a table of keys ({} are{}); its keys are left out",
                                text::quoted_back(name),
                                text::listed(&known, "and"),
                                text::did_you_mean(name, known.iter().copied())
                            ),
                        ));
                    }
                    continue;
                }
            },
        };
        let Some(action) = Action::from_name(&s.action) else {
            found.push(Diagnostic::warning(
                s.line,
                format!(
                    "{} is not an action ({ACTIONS_LISTED}{}); it is left out",
                    text::quoted_back(&s.action),
                    text::did_you_mean(&s.action, Action::ALL.iter().map(|a| a.name()))
                ),
            ));
            continue;
        };
        if let Some(why) = action.fixed() {
            found.push(Diagnostic::warning(
                s.line,
                format!("{why}; it is left out"),
            ));
            continue;
        }
        let mut keys = Vec::new();
        for (name, at) in &s.keys {
            match Keystroke::parse(name) {
                Ok(key) if !keys.contains(&key) => keys.push(key),
                // The same key twice (`U` and `shift-u`) is a slip worth a word, not an error.
                Ok(key) => found.push(Diagnostic::warning(
                    *at,
                    format!(
                        "'{}' repeats {} in the list of {}; once is enough",
                        text::quoted_back(name),
                        key.label(),
                        s.action
                    ),
                )),
                Err(e) => found.push(Diagnostic::warning(*at, format!("{e}; it is left out"))),
            }
        }
        if keys.is_empty() && !s.keys.is_empty() {
            // Every name was wrong: the action keeps its keys rather than lose them all by a
            // typing slip.
            continue;
        }
        out.push(Resolved {
            section,
            action,
            keys,
            line: s.line,
        });
    }
    out
}
