//! Reading the file's TOML into a [`Config`], every value with its line. The TOML is walked by
//! hand rather than deserialized into structs, so that one wrong field is reported at its
//! line and left out while everything else still applies.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{At, ColorSetting, Config, Diagnostic, KeySetting};
use crate::core::agenda::WeekEnd;
use crate::core::text;
use crate::core::touch::parse_cadence;

/// The line numbers of byte offsets.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// The 1-based line of the byte at `offset`.
    fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|newline| *newline < offset) + 1
    }
}

/// The settings at the file's top: what goes above its first `[table]` line.
const TOP: [&str; 5] = ["theme", "mouse", "colors", "defaults", "keys"];

/// Why a setting of the file's top found in `[table]` is left out: every line after a table's
/// line is one of its settings, so `theme = "light"` added at the end of a file written by
/// `config init`, which ends in `[keys.help_screen]`, was said to be no action.
fn misplaced(name: &str, table: &str) -> String {
    format!(
        "{name} is a setting of the file's top, but after [{table}] it is read as one of that table's (each line after a [table] line is): move it above the first [table] line; it is left out"
    )
}

struct Reader<'t> {
    text: &'t str,
    lines: Lines,
    config: Config,
    found: Vec<Diagnostic>,
}

type Entry<'a, 'i> = (
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
);

impl Reader<'_> {
    fn line<T>(&self, spanned: &Spanned<T>) -> usize {
        self.lines.of(spanned.span().start)
    }

    /// Whether `value` is written `{ … }` on its line, not as a table of its own.
    fn inline<T>(&self, value: &Spanned<T>) -> bool {
        self.text
            .get(value.span().start..)
            .is_some_and(|at| at.starts_with('{'))
    }

    fn warn(&mut self, line: usize, message: String) {
        self.found.push(Diagnostic::warning(line, message));
    }

    fn top(&mut self, (key, value): Entry) {
        let line = self.line(key);
        match key.get_ref().as_ref() {
            "theme" => match value.get_ref().as_str() {
                Some(name) => {
                    self.config.theme = Some(At {
                        value: name.to_string(),
                        line,
                    })
                }
                None => self.warn(
                    line,
                    "theme takes a name in quotes, like theme = \"light\"; it is left out".into(),
                ),
            },
            "mouse" => match value.get_ref().as_bool() {
                Some(on) => self.config.mouse = Some(on),
                None => self.warn(line, "mouse takes true or false; it is left out".into()),
            },
            "colors" => match value.get_ref().as_table() {
                Some(table) => table.iter().for_each(|entry| self.color(entry)),
                None => self.warn(
                    line,
                    "colors is a table: [colors] with lines like heading = \"blue\"; it is left out"
                        .into(),
                ),
            },
            "defaults" => match value.get_ref().as_table() {
                Some(table) => table.iter().for_each(|entry| self.default(entry)),
                None => self.warn(
                    line,
                    "defaults is a table: [defaults] with lines like week_ends = \"friday\"; it is left out"
                        .into(),
                ),
            },
            "keys" => match value.get_ref().as_table() {
                Some(table) => table.iter().for_each(|entry| self.keys(entry, None, 0)),
                None => self.warn_keys(
                    line,
                    "keys is a table: [keys] with lines like undo = \"U\"; it is left out".into(),
                ),
            },
            other => self.warn(
                line,
                format!(
                    "{} is not a setting (theme, mouse, colors, defaults and keys are{}); it is left out",
                    text::quoted_back(other),
                    text::did_you_mean(other, TOP)
                ),
            ),
        }
    }

    fn color(&mut self, (key, value): Entry) {
        let line = self.line(key);
        let element = key.get_ref().to_string();
        if TOP.contains(&element.as_str()) {
            self.warn(line, misplaced(&element, "colors"));
            return;
        }
        // As the messages name it: by its start when long, as anything typed is.
        let shown = text::quoted_back(&element);
        let mut setting = ColorSetting {
            element: element.clone(),
            main: None,
            fg: None,
            bg: None,
            line,
        };
        match value.get_ref() {
            DeValue::String(colour) => setting.main = Some(colour.to_string()),
            DeValue::Table(table) => {
                for (field, colour) in table.iter() {
                    let slot = match field.get_ref().as_ref() {
                        "fg" => &mut setting.fg,
                        "bg" => &mut setting.bg,
                        other => {
                            let line = self.line(field);
                            self.warn(
                                line,
                                format!(
                                    "{} in {shown} is not fg or bg; it is left out",
                                    text::quoted_back(other)
                                ),
                            );
                            continue;
                        }
                    };
                    match colour.get_ref().as_str() {
                        Some(c) => *slot = Some(c.to_string()),
                        None => {
                            let line = self.line(field);
                            self.warn(
                                line,
                                format!(
                                    "{shown}'s {} takes a colour in quotes; it is left out",
                                    field.get_ref()
                                ),
                            );
                        }
                    }
                }
            }
            _ => {
                self.warn(
                    line,
                    format!(
                        "{shown} takes a colour in quotes (\"blue\", \"#1e90ff\", \"42\") or {{ fg = \"…\", bg = \"…\" }}; it is left out"
                    ),
                );
                return;
            }
        }
        self.config.colors.push(setting);
    }

    fn default(&mut self, (key, value): Entry) {
        let line = self.line(key);
        let name = key.get_ref().as_ref();
        let Some(word) = value.get_ref().as_str() else {
            if matches!(name, "week_ends" | "keep_in_touch") {
                let like = quoted_default(name, value.get_ref());
                self.warn_default(
                    line,
                    format!("{name} takes a word in quotes, like {like}; the default stays"),
                );
            } else {
                self.unknown_default(name, line);
            }
            return;
        };
        match name {
            "week_ends" => match WeekEnd::parse(word) {
                Ok(week) => self.config.defaults.week_ends = week,
                Err(e) => self.warn_default(line, format!("{e}; the week ends on sunday")),
            },
            "keep_in_touch" => match parse_cadence(word) {
                Ok(days) => self.config.defaults.keep_in_touch = days,
                Err(e) => self.warn_default(line, format!("{e}; there is no default cadence")),
            },
            other => self.unknown_default(other, line),
        }
    }

    fn unknown_default(&mut self, name: &str, line: usize) {
        if TOP.contains(&name) {
            self.warn_default(line, misplaced(name, "defaults"));
            return;
        }
        self.warn_default(
            line,
            format!(
                "{} is not one of the defaults (week_ends and keep_in_touch are{}); it is left out",
                text::quoted_back(name),
                text::did_you_mean(name, ["week_ends", "keep_in_touch"])
            ),
        );
    }

    /// A warning about a line of `[defaults]`, which the commands that use them repeat.
    fn warn_default(&mut self, line: usize, message: String) {
        self.config.defaults_left_out.push(line);
        self.warn(line, message);
    }

    /// A warning about a line of `[keys]`, which `trustladder keys` repeats.
    fn warn_keys(&mut self, line: usize, message: String) {
        self.config.keys_left_out.push(line);
        self.warn(line, message);
    }

    /// An entry of `[keys]` (`section` is `None`) or of `[keys.VIEW]`.
    /// `section_line` is the line that names the table (see [`KeySetting::section_line`]).
    fn keys(&mut self, (key, value): Entry, section: Option<&str>, section_line: usize) {
        let line = self.line(key);
        let name = key.get_ref().to_string();
        if TOP.contains(&name.as_str()) {
            let table = section.map_or_else(
                || "keys".to_string(),
                |s| format!("keys.{}", text::quoted_back(s)),
            );
            self.warn_keys(line, misplaced(&name, &table));
            return;
        }
        // As the messages name it: by its start when long, as anything typed is.
        let shown = text::quoted_back(&name);
        let keys = match value.get_ref() {
            DeValue::String(one) => vec![(one.to_string(), self.line(value))],
            DeValue::Array(many) => {
                let mut keys = Vec::new();
                for item in many.iter() {
                    match item.get_ref().as_str() {
                        Some(k) => keys.push((k.to_string(), self.line(item))),
                        None => {
                            let at = self.line(item);
                            self.warn_keys(
                                at,
                                format!(
                                    "{shown}'s keys are names in quotes, like \"ctrl-r\"; this one is left out"
                                ),
                            );
                        }
                    }
                }
                // None in quotes (`help = [5]`): the action keeps its keys, as when every
                // name in quotes is wrong, rather than lose them all by a slip (`help` left
                // with none stopped the whole file, as if it had been unbound on purpose).
                if keys.is_empty() && !many.is_empty() {
                    return;
                }
                keys
            }
            // `people = { open = "o" }` is `[keys.people]` on one line, and a table misspelt is
            // named by the key map with the one meant; `undo = { a = 1 }` gave an action `{ … }`
            // for its keys, and is told so, not as if it were a table `[keys.undo]`.
            DeValue::Table(table)
                if section.is_none()
                    && (!self.inline(value)
                        || super::KEY_TABLES.contains(&name.as_str())
                        || text::nearest_name(&name, super::KEY_TABLES).is_some()) =>
            {
                table
                    .iter()
                    .for_each(|entry| self.keys(entry, Some(&name), line));
                return;
            }
            _ => {
                // Named with its table: `open = { key = "o" }` under [keys.people] is its `open`.
                let whose = section.map_or_else(String::new, |s| {
                    format!(" in [keys.{}]", text::quoted_back(s))
                });
                self.warn_keys(
                    line,
                    format!(
                        "{shown}{whose} takes a key name in quotes or a list of them, like {shown} = [\"j\", \"down\"]; it is left out"
                    ),
                );
                return;
            }
        };
        self.config.keys.push(KeySetting {
            section: section.map(str::to_string),
            action: name,
            keys,
            line,
            section_line: if section.is_some() {
                section_line
            } else {
                line
            },
        });
    }
}

/// The words of a table's header, `[keys.help]` or `[ keys . "help" ]`: `keys`, `help`.
fn header_words(line: &str) -> Vec<String> {
    let inside = line.trim().trim_start_matches('[');
    let inside = inside.split(']').next().unwrap_or(inside);
    inside
        .split('.')
        .map(|word| word.trim().trim_matches(['"', '\'']).to_string())
        .collect()
}

/// What is wrong with the table `header` that toml calls a duplicate key, `before` being the
/// text before it: written twice, or named as a setting set above it. `[keys.help]` under
/// `[keys] help = "f1"` is the second, and "written twice" sent people looking for a table
/// that is there once; the help screen's keys are under `[keys.help_screen]`.
fn table_twice(header: &str, before: &str) -> String {
    let words = header_words(header);
    let twice = before
        .lines()
        .filter(|l| l.trim_start().starts_with('['))
        .any(|l| header_words(l) == words);
    if twice {
        return format!(
            "this is not TOML: the table {header} is written twice; put its lines under one"
        );
    }
    let (name, parent) = match words.split_last() {
        Some((name, parent)) => (name.as_str(), parent),
        None => ("", &[][..]),
    };
    let name = text::quoted_back(name);
    let above = if parent.is_empty() {
        String::new()
    } else {
        format!(" in [{}]", text::quoted_back(&parent.join(".")))
    };
    let mut message = format!(
        "this is not TOML: the table {header} has the name of {name}, set above{above}; a name is a setting or a table, not both"
    );
    if parent == ["keys"] && super::KEY_TABLES.contains(&name.as_str()) {
        // The table's name is right: what is wrong is the setting above that takes it
        // (`people.open = "o"` under [keys] is a key of [keys.people] already).
        message.push_str(&format!(
            " (write the keys of {header} under it alone, not as {name} or {name}.ACTION in [keys])"
        ));
    } else if parent == ["keys"] {
        let tables: Vec<String> = super::KEY_TABLES
            .iter()
            .map(|t| format!("[keys.{t}]"))
            .collect();
        let tables: Vec<&str> = tables.iter().map(String::as_str).collect();
        message.push_str(&format!(
            " (the tables of keys are {}",
            text::listed(&tables, "and")
        ));
        let lower = name.to_lowercase();
        let mut near: Vec<String> = super::KEY_TABLES
            .iter()
            .filter(|t| !lower.is_empty() && t.starts_with(&lower))
            .map(|t| format!("[keys.{t}]"))
            .collect();
        if near.is_empty() {
            near.extend(
                text::nearest_name(&name, super::KEY_TABLES).map(|t| format!("[keys.{t}]")),
            );
        }
        let near: Vec<&str> = near.iter().map(String::as_str).collect();
        if !near.is_empty() {
            message.push_str(&format!("; did you mean {}?", text::listed(&near, "or")));
        }
        message.push(')');
    }
    message
}

/// What is wrong where a table of keys, `[keys.people]`, is written both as a table and as
/// dotted names in `[keys]` (`people.undo`), which toml calls a duplicate key, when one action
/// is set both ways: that action is set twice, said with both lines. "The table has the name
/// of people, set above" named neither the action nor the line of either. `None` where no
/// action of `table` is set both ways.
fn action_set_twice(text: &str, table: &str) -> Option<String> {
    let bare = |k: &str| k.trim().trim_matches(['"', '\'']).to_string();
    // (action, line, whether written as `table.ACTION` in [keys]), in the file's order.
    let mut set: Vec<(String, usize, bool)> = Vec::new();
    let mut header: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.starts_with('[') {
            header = header_words(line);
            continue;
        }
        let Some((name, _)) = line.split_once('=') else {
            continue;
        };
        let words: Vec<String> = name.split('.').map(bare).collect();
        match (header.as_slice(), words.as_slice()) {
            ([keys], [t, action]) if keys == "keys" && t == table => {
                set.push((action.clone(), i + 1, true));
            }
            ([keys, t], [action]) if keys == "keys" && t == table => {
                set.push((action.clone(), i + 1, false));
            }
            _ => {}
        }
    }
    let (action, first, dotted) = set
        .iter()
        .find(|(action, _, dotted)| set.iter().any(|(a, _, d)| a == action && d != dotted))?;
    let (_, second, _) = set.iter().find(|(a, _, d)| a == action && d != dotted)?;
    let said = |line: usize, dotted: bool| {
        if dotted {
            format!("as {table}.{action} in [keys] on line {line}")
        } else {
            format!("under [keys.{table}] on line {line}")
        }
    };
    Some(format!(
        "this is not TOML: {action} of [keys.{table}] is set twice, {} and {}; keep the one under [keys.{table}] (a table written as [keys.{table}] takes no {table}.ACTION in [keys])",
        said(*first, *dotted),
        said(*second, !dotted),
        action = text::quoted_back(action),
        table = text::quoted_back(table),
    ))
}

/// The whole name of the key `key` that toml found set twice, `start` being its line up to
/// it: toml's span holds the last word of a dotted name alone (`undo` of `people.undo`), and
/// of a name in an inline table the name alone (`undo` of `people = { undo = "u", undo`),
/// which named the views' undo. The tables it is in come first, as the line writes them
/// (`people.undo`, `"people".undo`); `None` where the line is past reading so (a list).
fn whole_name(start: &str, key: &str) -> Option<String> {
    // The names of the inline tables open at `key`, and what is written of its own name.
    let mut tables: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut named = String::new();
    let mut chars = start.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                current.push(c);
                let mut escaped = false;
                for d in chars.by_ref() {
                    current.push(d);
                    if d == c && !escaped {
                        break;
                    }
                    escaped = c == '"' && d == '\\' && !escaped;
                }
            }
            '=' => named = std::mem::take(&mut current),
            '{' => {
                tables.push(std::mem::take(&mut named).trim().to_string());
                current.clear();
            }
            ',' => current.clear(),
            '}' => {
                tables.pop();
                current.clear();
            }
            '[' | ']' | '#' => return None,
            _ => current.push(c),
        }
    }
    let own = current.trim_start();
    tables.retain(|t| !t.is_empty());
    let mut words = tables;
    words.push(format!("{own}{key}"));
    Some(words.join("."))
}

/// What is wrong with the setting `key` (its whole name as written where toml found it set
/// again: `people.undo`, not the `undo` toml points at, which named no table of keys) that toml
/// calls a duplicate key, `before` being the text before it: the table it is in, the line that
/// set it first where one line sets it by that name, and that one of them is to go. "Set
/// twice in one table" named neither the table nor the other line, nor what to do.
fn set_twice(key: &str, before: &str) -> String {
    // A dotted name word by word, each bare: `"people" . undo` is `people.undo`.
    let bare = |k: &str| {
        k.split('.')
            .map(|word| word.trim().trim_matches(['"', '\'']).to_string())
            .collect::<Vec<_>>()
    };
    // The lines before the fault's own.
    let above = &before[..before.rfind('\n').map_or(0, |i| i + 1)];
    let lines: Vec<&str> = above.lines().collect();
    let header = lines.iter().rposition(|l| l.trim_start().starts_with('['));
    let table = header.map_or_else(
        || "outside any table".to_string(),
        |i| {
            format!(
                "in [{}]",
                text::quoted_back(&header_words(lines[i]).join("."))
            )
        },
    );
    let first = lines
        .iter()
        .enumerate()
        .skip(header.map_or(0, |i| i + 1))
        .find(|(_, l)| {
            l.split_once('=')
                .is_some_and(|(name, _)| bare(name) == bare(key))
        })
        .map_or_else(String::new, |(i, _)| format!(", first on line {}", i + 1));
    format!(
        "this is not TOML: {} is set twice {table}{first}; keep one of them",
        text::quoted_back(key)
    )
}

/// What was left open, and where it opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Open {
    /// The opening delimiter: `"`, `'`, `"""`, `\'\'\'`, `[` or `{`.
    delimiter: &'static str,
    /// Its byte offset.
    at: usize,
}

impl Open {
    /// What is not closed, and how to close it.
    fn what(&self) -> String {
        let d = self.delimiter;
        match d {
            "\"" | "'" => {
                format!("a string opened with {d} is not closed on its line (close it with {d})")
            }
            "[" => "a list opened with [ is never closed (close it with ])".into(),
            "{" => "a table opened with { is never closed (close it with })".into(),
            _ => format!("a string opened with {d} is never closed (close it with {d})"),
        }
    }
}

/// The string, list or inline table that toml's `message` says is left open (an "invalid"
/// string may also be one closed with a bad escape in it, which is toml's to name), found by
/// reading `text` as far as TOML's quotes, comments and brackets go.
fn left_open(text: &str, message: &str) -> Option<Open> {
    let open = first_left_open(text)?;
    let string = ["invalid basic string", "invalid literal string"];
    let long = [
        "invalid multi-line basic string",
        "invalid multi-line literal string",
    ];
    let fits = match open.delimiter {
        "\"" | "'" => string.iter().any(|m| message.starts_with(m)),
        "[" => message.starts_with("unclosed array"),
        "{" => message.starts_with("unclosed inline table"),
        _ => long.iter().any(|m| message.starts_with(m)),
    };
    fits.then_some(open)
}

/// The first string not closed where TOML ends it (a one-line string at its line's end, any
/// at the file's end), else the innermost list or inline table still open at the end. A `[`
/// that begins a line outside any value is a table's header, not a list.
fn first_left_open(text: &str) -> Option<Open> {
    let bytes = text.as_bytes();
    let mut brackets: Vec<Open> = Vec::new();
    // Whether only blanks stand before `i` on its line.
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        // Each byte looked at is ASCII, so `i` is where a character starts.
        let to_line_end = |i: usize| text[i..].find('\n').map_or(text.len(), |n| i + n);
        let byte = bytes[i];
        match byte {
            b'#' => i = to_line_end(i),
            b'"' | b'\'' => {
                let rest = &text[i..];
                let delimiter = match byte {
                    b'"' if rest.starts_with("\"\"\"") => "\"\"\"",
                    b'"' => "\"",
                    _ if rest.starts_with("\'\'\'") => "\'\'\'",
                    _ => "'",
                };
                let body = &rest[delimiter.len()..];
                match string_end(body, delimiter, byte == b'"') {
                    Some(len) => i += delimiter.len() + len,
                    None => return Some(Open { delimiter, at: i }),
                }
            }
            b'[' if brackets.is_empty() && line_start => i = to_line_end(i),
            b'[' | b'{' => {
                let delimiter = if byte == b'[' { "[" } else { "{" };
                brackets.push(Open { delimiter, at: i });
                i += 1;
            }
            b']' | b'}' => {
                brackets.pop();
                i += 1;
            }
            _ => i += 1,
        }
        // Every arm moves `i` on by one byte at least.
        line_start = match bytes[i - 1] {
            b'\n' => true,
            b' ' | b'\t' | b'\r' => line_start,
            _ => false,
        };
    }
    brackets.pop()
}

/// How many bytes of `body`, the text after a string's opening `delimiter`, the string takes
/// up to and with its closing one; `None` where it is not closed (a one-line string at its
/// line's end). A backslash escapes the character after it in a basic string.
fn string_end(body: &str, delimiter: &str, escapes: bool) -> Option<usize> {
    let one_line = delimiter.len() == 1;
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        if escapes && c == '\\' {
            chars.next();
        } else if one_line && c == '\n' {
            return None;
        } else if body[at..].starts_with(delimiter) {
            // A long string may end with one or two quotes of its own before the delimiter
            // (`"""a""""` holds `a"`).
            let quote = &delimiter[..1];
            let after = &body[at + delimiter.len()..];
            let more = if one_line {
                0
            } else {
                after.len() - after.trim_start_matches(quote).len()
            };
            return Some(at + delimiter.len() + more.min(2));
        }
    }
    None
}

/// What a file of JSON given as the config file is told.
const JSON: &str = "this is not TOML but JSON: a config file is TOML, as `trustladder config init` writes it (the data file is given with --file, not --config)";

/// Reads the file's text. TOML that does not parse is an error, and nothing of it applies;
/// anything else wrong is a warning at its line, and the rest applies.
pub fn parse(text: &str) -> (Config, Vec<Diagnostic>) {
    let lines = Lines::new(text);
    let table = match DeTable::parse(text) {
        Ok(table) => table,
        Err(e) => {
            // JSON (a ledger, or what a --json command printed, named by --config) is no TOML
            // at all: toml's "invalid key-value pair" at its first brace said nothing of that.
            if serde_json::from_str::<serde_json::Value>(text).is_ok() {
                return (Config::default(), vec![Diagnostic::error(None, JSON)]);
            }
            let line = e.span().map(|span| lines.of(span.start));
            // toml names no key in a "duplicate key": the text at the fault does, and its
            // line says whether it is a table's.
            let at = e
                .span()
                .and_then(|span| text.get(span))
                .map_or("", str::trim);
            let whole_line = e
                .span()
                .and_then(|span| text.get(..span.start))
                .and_then(|before| {
                    let start = before.rfind('\n').map_or(0, |i| i + 1);
                    text[start..].lines().next()
                })
                .map_or("", str::trim);
            // Quoted back by their start when long, as anything typed is.
            let key = at;
            let (at, whole_line) = (text::quoted_back(at), text::quoted_back(whole_line));
            let message = e.message().trim();
            // A string, list or inline table left open: toml names where it gave up (the end
            // of the file, or the line after), not where the thing opened.
            if let Some(open) = left_open(text, message) {
                let start = text[..open.at].rfind('\n').map_or(0, |i| i + 1);
                let line_text = text[start..].lines().next().unwrap_or("");
                let line_text = text::quoted_back(line_text.trim());
                return (
                    Config::default(),
                    vec![Diagnostic::error(
                        lines.of(open.at),
                        format!("this is not TOML: {}: {line_text}", open.what()),
                    )],
                );
            }
            let message = match message {
                "duplicate key" if whole_line.starts_with('[') => {
                    let before = e
                        .span()
                        .and_then(|span| text.get(..span.start))
                        .unwrap_or("");
                    match header_words(&whole_line).as_slice() {
                        [keys, table] if keys == "keys" => action_set_twice(text, table),
                        _ => None,
                    }
                    .unwrap_or_else(|| table_twice(&whole_line, before))
                }
                "duplicate key" if !at.is_empty() => {
                    let before = e
                        .span()
                        .and_then(|span| text.get(..span.start))
                        .unwrap_or("");
                    // A table of keys set again by a dotted name in [keys] (`people.undo`).
                    let above = &before[..before.rfind('\n').map_or(0, |i| i + 1)];
                    let in_keys = above
                        .lines()
                        .rfind(|l| l.trim_start().starts_with('['))
                        .is_some_and(|l| header_words(l) == ["keys"]);
                    let table = key.trim().trim_matches(['"', '\'']);
                    // Its header above, where no action is set both ways: the dotted name adds
                    // to a table written whole, said so ("people is set twice in [keys]"
                    // named no line, and no table).
                    let header = above
                        .lines()
                        .position(|l| {
                            l.trim_start().starts_with('[') && header_words(l) == ["keys", table]
                        })
                        .filter(|_| in_keys);
                    let dotted = || {
                        header.map(|i| {
                            let table = text::quoted_back(table);
                            format!(
                                "this is not TOML: {table}.ACTION in [keys] adds to the table [keys.{table}] written on line {}; write the keys of [keys.{table}] under it alone",
                                i + 1
                            )
                        })
                    };
                    let written = before
                        .rsplit('\n')
                        .next()
                        .and_then(|start| whole_name(start, key))
                        .unwrap_or_else(|| key.to_string());
                    in_keys
                        .then(|| action_set_twice(text, table))
                        .flatten()
                        .or_else(dotted)
                        .unwrap_or_else(|| set_twice(&written, before))
                }
                other => format!("this is not TOML: {other}"),
            };
            return (Config::default(), vec![Diagnostic::error(line, message)]);
        }
    };
    let mut reader = Reader {
        text,
        lines,
        config: Config::default(),
        found: Vec::new(),
    };
    for entry in table.get_ref().iter() {
        reader.top(entry);
    }
    // Tables come out in name order: put everything back in the file's order.
    reader.found.sort_by_key(|d| d.line);
    reader.config.keys.sort_by_key(|k| k.line);
    reader.config.colors.sort_by_key(|c| c.line);
    (reader.config, reader.found)
}

/// The line a default given without quotes was likely meant to be: `keep_in_touch = 14` is
/// 14 days, as `"14"` is, so it is shown as `"14d"`; a number for `week_ends` could be days or
/// a weekday's number, so that one is shown the two words it could be.
fn quoted_default(name: &str, value: &DeValue) -> String {
    if name == "keep_in_touch" {
        if let DeValue::Integer(number) = value {
            let days = format!("{}d", number.as_str().replace('_', ""));
            if number.radix() == 10 && matches!(parse_cadence(&days), Ok(Some(_))) {
                return format!("keep_in_touch = \"{days}\"");
            }
        }
        return "keep_in_touch = \"14d\" or \"2w\"".to_string();
    }
    format!("{name} = \"friday\" or \"7d\"")
}
