//! `trustladder keys`, `config init` and `config check`: the config file seen from the shell.
//! All three read the file exactly as the UI does ([`Setup::of`]), so what they say is what
//! the UI would do.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::args::ConfigCommand;
use super::table::{Align, Table, left_out_note, paragraph};
use super::{CliError, Context};
use crate::config::{self, Defaults, Location, Severity};
use crate::core::text::{columns, sanitize};
use crate::tui::keymap::{ACTIONS_LISTED, Action, Bound, Context as Where, Keymap};
use crate::tui::setup::Setup;
use crate::tui::theme::{Element, Preset, Theme};

/// The file named by the context: `--config`, `TRUSTLADDER_CONFIG` or the usual place.
fn location(ctx: &Context) -> Result<&Location, CliError> {
    ctx.config
        .as_ref()
        .map_err(|why| CliError::Usage(why.clone()))
}

/// The file read as the UI would read it; without a place to look, every default. The
/// warnings about its keys are said on stderr, as the other commands say theirs: the keys
/// listed are then not all the file says.
fn setup(ctx: &Context) -> (Option<&Location>, Setup) {
    let Ok(location) = ctx.config.as_ref() else {
        return (None, Setup::defaults(false));
    };
    let loaded = config::load(location);
    let setup = Setup::of(&loaded, false);
    // With an error, the first line of `keys` says the defaults apply and why.
    if !config::has_errors(&setup.diagnostics) {
        let keys = &loaded.config;
        let about_keys = |line: usize| {
            keys.keys_left_out.contains(&line)
                || keys
                    .keys
                    .iter()
                    .any(|k| k.line == line || k.section_line == line)
        };
        for d in setup
            .diagnostics
            .iter()
            .filter(|d| d.line.is_some_and(about_keys))
        {
            stderr_line!("trustladder: note: {}", as_keys_says(d).at(&location.path));
        }
    }
    (Some(location), setup)
}

/// A finding as `keys` says it: the pointer to `trustladder keys` is the list this very run
/// prints, so it says so, where naming the command being run sent the user round in a circle.
fn as_keys_says(d: &config::Diagnostic) -> config::Diagnostic {
    config::Diagnostic {
        message: d
            .message
            .replace(ACTIONS_LISTED, "every action is listed below"),
        ..d.clone()
    }
}

/// Says on stderr that the config file at `path` is not used (it has errors, or is not
/// there), so the defaults apply: what a command's output does not show.
fn say_defaults_apply(path: &Path) {
    let shown = sanitize(&path.display().to_string());
    if config::is_there(path) {
        stderr_line!(
            "trustladder: note: {shown} has errors, so the defaults apply (`trustladder config check` lists them)"
        );
    } else {
        stderr_line!(
            "trustladder: note: the config file {shown} does not exist, so the defaults apply (`trustladder config init` makes one)"
        );
    }
}

/// The defaults the config file sets for commands (where the agenda's week ends, the default
/// keep-in-touch cadence). A file with errors is not used, and a note on stderr says so; so
/// does a line of `[defaults]` left out, which the UI would show on its status line.
pub fn defaults(ctx: &Context) -> Defaults {
    let Ok(location) = ctx.config.as_ref() else {
        return Setup::defaults(false).defaults;
    };
    let loaded = config::load(location);
    let setup = Setup::of(&loaded, false);
    if config::has_errors(&setup.diagnostics) {
        say_defaults_apply(&location.path);
    } else {
        for d in setup.diagnostics.iter().filter(|d| {
            d.line
                .is_some_and(|l| loaded.config.defaults_left_out.contains(&l))
        }) {
            stderr_line!("trustladder: note: {}", d.at(&location.path));
        }
    }
    setup.defaults
}

/// Runs `config init` or `config check`, writing its report to `out`.
pub fn run(command: &ConfigCommand, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    let location = location(ctx)?;
    match command {
        ConfigCommand::Init => init(&location.path, out),
        ConfigCommand::Check => check(location, ctx.width(), out),
    }
}

/// What `command` came to once its report was `written`: `config init` has written its file
/// by then, so a message that could not be written (a full disk under `>`) says the file was
/// written. Said only as "could not write the output", it read as a file not written, and
/// the next `config init` then found it there.
pub fn said(
    command: &ConfigCommand,
    ctx: &Context,
    written: Result<(), CliError>,
) -> Result<(), CliError> {
    match (command, written, ctx.config.as_ref()) {
        (ConfigCommand::Init, Err(CliError::Write(why)), Ok(location)) => Err(
            CliError::WrittenUnsaid(sanitize(&location.path.display().to_string()), why),
        ),
        (_, written, _) => written,
    }
}

/// What `config init` says of a folder named as the file to write (`shown` is its path as
/// printed), with the file in it to give instead.
fn folder_named(path: &Path, shown: &str) -> CliError {
    CliError::Usage(format!(
        "{shown} is a folder; give the path of the config file to write (as {})",
        sanitize(&path.join("config.toml").display().to_string())
    ))
}

/// Writes the commented file, never over one that exists (not even in a race: the file is
/// created only if it is new).
fn init(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let shown = sanitize(&path.display().to_string());
    if config::names_none(path) {
        return Err(CliError::Usage(format!(
            "{shown} asks for no config file, so none is written; name the file to write with --config"
        )));
    }
    // A path ending in `/` names a folder whether or not one is there: the system's "Is a
    // directory" said neither that nor what to give.
    if path.is_dir() || path.as_os_str().as_encoded_bytes().ends_with(b"/") {
        return Err(folder_named(path, &shown));
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|e| CliError::Usage(format!("could not make the folder for {shown}: {e}")))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists if path.is_dir() => folder_named(path, &shown),
            std::io::ErrorKind::AlreadyExists => match config::broken_link(path) {
                Some(why) => CliError::Usage(format!(
                    "{shown} is left as it is: {why}; remove the link, or make the file it names, and run `trustladder config init` again"
                )),
                _ => CliError::Usage(format!(
                    "{shown} already exists and is left as it is (`trustladder config check` checks it)"
                )),
            },
            _ => CliError::Usage(format!("could not write {shown}: {e}")),
        })?;
    file.write_all(template().as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| CliError::Usage(format!("could not write {shown}: {e}")))?;
    let _ = writeln!(
        out,
        "Wrote {shown}: every setting at its default, commented out; remove a # to change one."
    );
    Ok(())
}

/// Reports every finding with its file and line; errors fail the command. On a terminal
/// `width` wide, each line wider than it is wrapped between words, as `check`'s report is,
/// its later lines further in.
fn check(location: &Location, width: Option<usize>, out: &mut dyn Write) -> Result<(), CliError> {
    let shown = sanitize(&location.path.display().to_string());
    let mut said = |text: String| {
        let _ = out.write_all(super::maintenance::fitted(&text, width).as_bytes());
    };
    if config::names_none(&location.path) {
        said(format!(
            "{shown} asks for no config file: every default applies, and there is nothing to check.\n"
        ));
        return Ok(());
    }
    let loaded = config::load(location);
    if !loaded.found && loaded.diagnostics.is_empty() {
        said(format!(
            "There is no config file at {shown}: every default applies (`trustladder config init` writes one).\n"
        ));
        return Ok(());
    }
    let setup = Setup::of(&loaded, false);
    let count = |severity| {
        setup
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let mut report = String::new();
    for d in &setup.diagnostics {
        report.push_str(&d.at(&location.path));
        report.push('\n');
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    report.push_str(&match (errors, warnings) {
        (0, 0) => format!("{shown}: no problems; every setting applies.\n"),
        (0, w) => format!(
            "{shown}: {}; everything else applies.\n",
            plural(w, "warning")
        ),
        // A named file that is missing has nothing to fix: it is made.
        (e, w) if !loaded.found => format!(
            "{shown}: {} and {}; the UI starts with the defaults (`config init`, given the same file, writes it).\n",
            plural(e, "error"),
            plural(w, "warning")
        ),
        (e, w) => format!(
            "{shown}: {} and {}; the UI starts with the defaults until they are fixed.\n",
            plural(e, "error"),
            plural(w, "warning")
        ),
    });
    said(report);
    if errors > 0 {
        return Err(CliError::Usage(format!(
            "{shown} has {}",
            plural(errors, "error")
        )));
    }
    Ok(())
}

/// Where a binding works, as `keys` names it: the views one by one.
fn places(b: &Bound) -> Vec<&'static str> {
    b.contexts
        .iter()
        .flat_map(|c| match c {
            Where::Views => vec!["people", "person", "agenda"],
            other => vec![other.name()],
        })
        .collect()
}

/// One binding in `keys --json`.
#[derive(Debug, Serialize)]
struct KeyJson<'a> {
    action: &'static str,
    keys: Vec<String>,
    #[serde(rename = "where")]
    places: Vec<&'static str>,
    help: &'a str,
    /// The config file's line that set the keys, or null for the defaults.
    config_line: Option<usize>,
}

/// Every binding in force, in action order: its name, keys, where it works and whether the
/// config file set it.
pub fn keys(as_json: bool, ctx: &Context) -> Result<String, CliError> {
    let (location, setup) = setup(ctx);
    let mut bound: Vec<&Bound> = setup.keys.bound().iter().collect();
    bound.sort_by_key(|b| Action::ALL.iter().position(|a| *a == b.action));
    if as_json {
        // The JSON holds the keys alone: whether they are the file's is said beside it.
        if let Some(l) = &location
            && config::has_errors(&setup.diagnostics)
        {
            say_defaults_apply(&l.path);
        }
        let rows: Vec<KeyJson> = bound
            .iter()
            .map(|b| KeyJson {
                action: b.action.name(),
                keys: b.names(),
                places: places(b),
                help: b.help,
                config_line: b.set_at,
            })
            .collect();
        return super::json::to_text(&rows);
    }
    let (rendered, gone) = keys_table(&bound, ctx.width());
    let source = match location {
        Some(l) if config::names_none(&l.path) => "The default keys (no config file).".to_string(),
        Some(l) if l.named && !config::is_there(&l.path) => format!(
            "The default keys: the config file {} does not exist.",
            sanitize(&l.path.display().to_string())
        ),
        Some(l) if config::has_errors(&setup.diagnostics) => format!(
            "The default keys: {} has errors (`trustladder config check` lists them).",
            sanitize(&l.path.display().to_string())
        ),
        Some(l) if l.path.exists() && gone.iter().any(|h| h == "SET") => format!(
            "The keys in force with {}.",
            sanitize(&l.path.display().to_string())
        ),
        Some(l) if l.path.exists() => format!(
            "The keys in force with {} (SET names the line that set them).",
            sanitize(&l.path.display().to_string())
        ),
        _ => "The default keys (no config file).".to_string(),
    };
    Ok(format!(
        "{}{}{}",
        paragraph(&source, ctx.width()),
        rendered,
        left_out_note(&gone, ctx.width())
    ))
}

/// The table of `keys`, fitted to a terminal `width` columns wide, and the headers of the
/// columns it left out. WHAT wraps as any table's last column does; where the table is still
/// too wide, WHERE is broken between its places onto rows of their own, at the widest that
/// fits (a line the terminal broke would cut a place in two: `help_screen pre` / `p_popup`).
/// The keys table is a few dozen rows, so trying each width costs nothing to see.
fn keys_table(bound: &[&Bound], width: Option<usize>) -> (String, Vec<String>) {
    let made = |most: Option<usize>| {
        let mut table = Table::new(&[
            ("ACTION", Align::Left),
            ("KEYS", Align::Left),
            ("WHERE", Align::Left),
            ("SET", Align::Left),
            ("WHAT", Align::Left),
        ])
        .fit_to(width)
        // WHERE stays: without it, one key's rows in several places read alike.
        .may_leave_out(&[], &["SET"]);
        for b in bound {
            let keys = if b.keys.is_empty() {
                "(none)".to_string()
            } else {
                b.names().join(" ")
            };
            let set = b
                .set_at
                .map_or_else(|| "default".to_string(), |line| format!("line {line}"));
            let places = broken(&places(b), most);
            let last = places.len().saturating_sub(1);
            for (i, part) in places.into_iter().enumerate() {
                // The first row names the binding; WHAT goes on the last, under which a
                // table too narrow for it puts its text, so the places read on unbroken.
                let (action, keys, set) = if i == 0 {
                    (b.action.name(), keys.as_str(), set.as_str())
                } else {
                    ("", "", "")
                };
                table.row([
                    action,
                    keys,
                    &part,
                    set,
                    if i == last { b.help } else { "" },
                ]);
            }
        }
        let (text, gone) = table.render_noting("");
        let gone: Vec<String> = gone.into_iter().map(str::to_string).collect();
        (text, gone)
    };
    let whole = made(None);
    let Some(room) = width else {
        return whole;
    };
    let fits = |text: &str| text.lines().all(|line| columns(line) <= room);
    if fits(&whole.0) {
        return whole;
    }
    let longest = bound.iter().map(|b| columns(&places(b).join(" "))).max();
    let word = bound.iter().flat_map(|b| places(b)).map(columns).max();
    let (Some(longest), Some(word)) = (longest, word) else {
        return whole;
    };
    (word..longest)
        .rev()
        .map(|most| made(Some(most)))
        .find(|(text, _)| fits(text))
        .unwrap_or_else(|| made(Some(word)))
}

/// `places` as the rows of a WHERE cell: one, or where `most` is given, as many as keep each
/// within `most` columns, broken only between places.
fn broken(places: &[&str], most: Option<usize>) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    for place in places {
        match rows.last_mut() {
            Some(row) if most.is_none_or(|most| columns(row) + 1 + columns(place) <= most) => {
                row.push(' ');
                row.push_str(place);
            }
            _ => rows.push((*place).to_string()),
        }
    }
    rows
}

/// A TOML string: quoted, with what needs escaping escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A key list as the file writes it: `"q"`, `["j", "down"]`, `[]`.
fn key_list(b: &Bound) -> String {
    match b.names().as_slice() {
        [one] => quoted(one),
        names => format!(
            "[{}]",
            names
                .iter()
                .map(|n| quoted(n))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A commented-out setting with what it is for: `# quit = "q"   # quit`.
fn line(out: &mut String, setting: &str, about: &str) {
    out.push_str(&format!("# {setting:<34} # {about}\n"));
}

/// The file `config init` writes: every setting at its default, commented out, so that a
/// later version's defaults still reach whoever never changed them. Made from the key map
/// and the themes themselves, so it cannot drift from them.
pub fn template() -> String {
    let mut out = String::from(
        "# trustladder's config file. Every setting is optional: each one below is shown at its\n\
         # default and commented out, so a later version can still change a default you never\n\
         # set. Remove the # before a setting to change it. `trustladder config check` checks\n\
         # this file; `trustladder keys` lists the keys in force. Each line after a [table]\n\
         # line is one of that table's: theme and mouse stay up here, above [colors].\n\
         \n\
         # The look: dark, light (for white terminals), terminal (only the terminal's own basic\n\
         # colours) or mono. NO_COLOR in the environment always means mono.\n",
    );
    out.push_str(&format!("# theme = {}\n\n", quoted(Preset::Dark.name())));
    out.push_str(
        "# The mouse: a click picks a row or a tab, the wheel scrolls. Left off, the terminal's\n\
         # own text selection keeps working.\n\
         # mouse = false\n\n",
    );
    out.push_str(
        "# Colours over the theme's, element by element: a name (red, light-blue, dark-gray),\n\
         # #rrggbb, or 0 to 255 from the 256-colour palette; or { fg = \"...\", bg = \"...\" }. A\n\
         # bare colour is the text's, except for selection and key, where it is the background.\n\
         # Shown here: the dark theme's.\n\
         [colors]\n",
    );
    let dark = Theme::preset(Preset::Dark);
    let name = |c: ratatui::style::Color| quoted(&c.to_string().to_lowercase());
    for e in Element::ALL {
        let style = dark.of(e);
        let value = match (style.fg, style.bg) {
            (Some(fg), Some(bg)) => format!("{{ fg = {}, bg = {} }}", name(fg), name(bg)),
            (Some(c), None) | (None, Some(c)) => name(c),
            (None, None) => continue,
        };
        line(&mut out, &format!("{} = {value}", e.name()), e.about());
    }
    let defaults = Defaults::default();
    out.push_str(&format!(
        "\n[defaults]\n\
         # The last day of the agenda's \"This week\": a weekday, or a number of days from today (7d).\n\
         # week_ends = {}\n\
         # The keep-in-touch cadence of colleagues who have none of their own: 14d, 2w, or none.\n\
         # keep_in_touch = {}\n",
        quoted(&defaults.week_ends.word()),
        quoted("none"),
    ));
    out.push_str(
        "\n# Keys: an action's name = a key or a list of keys; [] unbinds it. Under [keys] an\n\
         # action's keys change everywhere it works; under a view's table ([keys.people], ...)\n\
         # only there. A key is a character (G is shift-g) or one of enter, esc, tab, shift-tab,\n\
         # space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right,\n\
         # f1 to f24, with ctrl-, alt- or shift- before it (with ctrl-, a letter, space or 4 to\n\
         # 7: terminals send ctrl-i as tab, ctrl-m as enter). Keys that type or edit text cannot\n\
         # be taken in a form or the filter, and one key cannot mean two things in one view.\n\
         [keys]\n",
    );
    let map = Keymap::default();
    // (table, lines) for the actions whose keys differ from view to view.
    let mut tables: Vec<(Where, String)> = Vec::new();
    for action in Action::ALL.into_iter().filter(|a| a.fixed().is_none()) {
        let bound: Vec<&Bound> = map.bound().iter().filter(|b| b.action == action).collect();
        let Some(first) = bound.first() else {
            continue;
        };
        if bound.iter().all(|b| b.keys == first.keys) {
            let setting = format!("{} = {}", action.name(), key_list(first));
            if bound.iter().all(|b| b.help == first.help) {
                line(&mut out, &setting, first.help);
            } else {
                // One key whose meaning depends on the view says each, a line for each.
                for (i, b) in bound.iter().enumerate() {
                    let about = format!("{}: {}", places(b).join(", "), b.help);
                    line(&mut out, if i == 0 { &setting } else { "" }, &about);
                }
            }
            continue;
        }
        for b in bound {
            for place in &b.contexts {
                let tables_of = match place {
                    Where::Views => vec![Where::People, Where::Person, Where::Agenda],
                    other => vec![*other],
                };
                for table in tables_of {
                    let mut text = String::new();
                    line(
                        &mut text,
                        &format!("{} = {}", action.name(), key_list(b)),
                        b.help,
                    );
                    tables.push((table, text));
                }
            }
        }
    }
    for table in Where::ALL {
        let lines: Vec<&str> = tables
            .iter()
            .filter(|(t, _)| *t == table)
            .map(|(_, text)| text.as_str())
            .collect();
        if !lines.is_empty() {
            out.push_str(&format!("\n[keys.{}]\n{}", table.name(), lines.concat()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `config check` printed each finding on one line whatever the terminal (123 columns for
    /// a clash), which the terminal broke inside its words; on a terminal it now wraps as
    /// `check`'s report does, the later lines further in, and to a pipe every line is whole.
    #[test]
    fn config_check_wraps_its_findings_to_the_terminal() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "[keys]\nundoo = \"U\"\n").expect("written");
        let location = Location { path, named: true };
        let report = |width| {
            let mut out = Vec::new();
            check(&location, width, &mut out).expect("no errors");
            String::from_utf8(out).expect("UTF-8")
        };
        let narrow = report(Some(40));
        // The file's path, one word, is the test machine's.
        let folder = dir.path().display().to_string();
        for line in narrow.lines().filter(|line| !line.contains(&folder)) {
            assert!(columns(line) <= 40, "{line:?}\n{narrow}");
        }
        assert!(narrow.lines().count() > 4, "{narrow}");
        let piped = report(None);
        assert!(
            piped.contains(":2: warning: undoo is not an action (`trustladder keys` lists them; did you mean undo?); it is left out\n"),
            "{piped}"
        );
        // The same words, only broken into lines.
        assert_eq!(narrow.replace("\n  ", " "), piped);
    }

    /// The file with every setting's `#` removed.
    fn uncommented(text: &str) -> String {
        text.lines()
            .map(|line| {
                let setting = line.strip_prefix("# ").filter(|rest| {
                    rest.split_once(" = ").is_some_and(|(name, _)| {
                        !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    })
                });
                setting.unwrap_or(line)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// `keys` for a terminal `width` columns wide, with no config file.
    fn keys_at(width: usize) -> String {
        let ctx = Context {
            path: "team.json".into(),
            today: chrono::NaiveDate::MIN,
            looking_back: false,
            config: Err("no config folder".into()),
            width: std::sync::OnceLock::from(Some(width)),
            missing_noted: std::sync::OnceLock::new(),
        };
        match keys(false, &ctx) {
            Ok(text) => text,
            Err(e) => panic!("{e:?}"),
        }
    }

    /// On a terminal narrower than the longest WHERE, its places go on rows of their own,
    /// broken between places, so the terminal never breaks one (`help_screen pre` /
    /// `p_popup`); on a wide one each binding keeps its places on one line.
    #[test]
    fn keys_breaks_where_between_places_on_a_narrow_terminal() {
        for width in [50, 60, 70, 77] {
            let text = keys_at(width);
            for line in text.lines() {
                assert!(columns(line) <= width, "{width}: {line:?}\n{text}");
            }
            for place in ["help_screen", "prep_popup", "messages_popup"] {
                assert!(text.contains(place), "{width}: {text}");
            }
        }
        let text = keys_at(60);
        let down = [
            "down            j down            people person agenda",
            "                                  help_screen prep_popup",
            "                                  messages_popup",
            "                move down",
            "up              k up              people person agenda",
        ]
        .join("\n");
        assert!(text.contains(&down), "{text}");
        let text = keys_at(120);
        assert!(
            text.contains("down            j down            people person agenda help_screen prep_popup messages_popup  default\n                move down\n"),
            "{text}"
        );
    }

    #[test]
    fn the_written_file_is_every_default_commented_out() {
        let text = template();
        let (config, found) = config::parse(&text);
        assert_eq!(found, vec![]);
        assert_eq!(config, config::Config::default(), "nothing is set");
        // With every # removed, each setting is read and changes nothing.
        let all = uncommented(&text);
        let (config, found) = config::parse(&all);
        assert_eq!(found, vec![], "{all}");
        let loaded = config::Loaded {
            path: "config.toml".into(),
            found: true,
            config,
            diagnostics: found,
        };
        let setup = Setup::of(&loaded, false);
        assert_eq!(setup.diagnostics, vec![], "{all}");
        assert_eq!(setup.theme, Theme::default());
        assert!(!setup.mouse);
        assert_eq!(setup.defaults, Defaults::default());
        let defaults = Keymap::default();
        assert_eq!(setup.keys.bound().len(), defaults.bound().len());
        for (set, default) in setup.keys.bound().iter().zip(defaults.bound()) {
            assert_eq!(
                (set.action, &set.keys, &set.contexts),
                (default.action, &default.keys, &default.contexts)
            );
        }
        // Every action that can be rebound is in the file, and nothing else is set.
        for action in Action::ALL {
            let listed = text.contains(&format!("# {} = ", action.name()));
            assert_eq!(listed, action.fixed().is_none(), "{}", action.name());
        }
        // A key meaning one thing here and another there says both, with where.
        let edit = format!(
            "# {:<34} # people: edit the selected person\n# {:<34} # person, agenda: edit the selected promise (its note shows under the list)\n",
            "edit = \"e\"", ""
        );
        assert!(text.contains(&edit), "{text}");
    }
}
