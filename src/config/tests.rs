use std::collections::HashMap;

use chrono::Weekday;

use super::*;

fn warnings(text: &str) -> Vec<String> {
    let (_, found) = parse(text);
    found.iter().map(|d| format!("{:?} {d}", d.line)).collect()
}

/// A ledger, or a `--json` command's output, given as the config file was refused as TOML
/// with "invalid key-value pair, expected key" at its first line, which did not say what it
/// is; it is named as JSON, and where a data file goes. TOML that merely fails stays TOML's.
/// A setting of the file's top written after a table's line (`theme = "light"` added at the
/// end of a file `config init` wrote, which ends in `[keys.help_screen]`) is read as one of
/// that table's: it is said so, with where it goes, not as no action, no colour or no default;
/// the rest applies.
#[test]
fn a_setting_of_the_top_after_a_table_is_said_to_go_above_it() {
    let text = r#"[defaults]
week_ends = "friday"
mouse = true
[colors]
theme = "light"
[keys.help_screen]
keys.quit = "Q"
theme = "dark"
cancel = "x"
"#;
    let (config, _) = parse(text);
    assert_eq!(config.mouse, None);
    assert_eq!(config.theme, None);
    assert_eq!(config.keys.len(), 1, "{:?}", config.keys);
    let said = |line: usize, name: &str, table: &str| {
        format!(
            "Some({line}) warning: {name} is a setting of the file's top, but after [{table}] it is read as one of that table's (each line after a [table] line is): move it above the first [table] line; it is left out"
        )
    };
    assert_eq!(
        warnings(text),
        [
            said(3, "mouse", "defaults"),
            said(5, "theme", "colors"),
            said(7, "keys", "keys.help_screen"),
            said(8, "theme", "keys.help_screen"),
        ]
    );
}

#[test]
fn a_file_of_json_is_said_to_be_json() {
    let json = "this is not TOML but JSON: a config file is TOML, as `trustladder config init` writes it (the data file is given with --file, not --config)";
    for text in [
        "{\n  \"format\": \"trustladder\",\n  \"people\": []\n}\n",
        "[\n  {\"action\": \"quit\"}\n]\n",
        "{}",
    ] {
        assert_eq!(warnings(text), [format!("None error: {json}")], "{text}");
    }
    assert_eq!(
        warnings("[keys]\nundo = \"u\"\nundo = \"U\"\n"),
        [
            "Some(3) error: this is not TOML: undo is set twice in [keys], first on line 2; keep one of them"
        ]
    );
}

#[test]
fn every_setting_is_read_with_its_line() {
    let text = r##"# mine
theme = "light"
mouse = true

[colors]
heading = "blue"
selection = { fg = "black", bg = "#87cefa" }

[defaults]
week_ends = "friday"
keep_in_touch = "2w"

[keys]
undo = "U"
down = ["j", "ctrl-n"]
redo = []

[keys.people]
open = "o"
"##;
    let (config, found) = parse(text);
    assert_eq!(found, vec![]);
    assert_eq!(
        config.theme,
        Some(At {
            value: "light".to_string(),
            line: 2
        })
    );
    assert_eq!(config.mouse, Some(true));
    assert_eq!(
        config.colors,
        vec![
            ColorSetting {
                element: "heading".into(),
                main: Some("blue".into()),
                fg: None,
                bg: None,
                line: 6
            },
            ColorSetting {
                element: "selection".into(),
                main: None,
                fg: Some("black".into()),
                bg: Some("#87cefa".into()),
                line: 7
            },
        ]
    );
    assert_eq!(
        config.defaults,
        Defaults {
            week_ends: WeekEnd::On(Weekday::Fri),
            keep_in_touch: Some(14)
        }
    );
    let keys: Vec<(Option<&str>, &str, Vec<&str>, usize)> = config
        .keys
        .iter()
        .map(|k| {
            (
                k.section.as_deref(),
                k.action.as_str(),
                k.keys.iter().map(|(name, _)| name.as_str()).collect(),
                k.line,
            )
        })
        .collect();
    assert_eq!(
        keys,
        vec![
            (None, "undo", vec!["U"], 14),
            (None, "down", vec!["j", "ctrl-n"], 15),
            (None, "redo", vec![], 16),
            (Some("people"), "open", vec!["o"], 19),
        ]
    );
}

#[test]
fn an_empty_file_is_every_default() {
    assert_eq!(parse(""), (Config::default(), vec![]));
    assert_eq!(parse("# nothing set\n"), (Config::default(), vec![]));
}

#[test]
fn toml_that_does_not_parse_is_an_error_at_its_line() {
    let (config, found) = parse("theme = \"light\"\nmouse = \n");
    assert_eq!(config, Config::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].line, Some(2));
    assert!(
        found[0].message.starts_with("this is not TOML: "),
        "{}",
        found[0].message
    );
    let (_, found) = parse("[keys]\nundo = \"u\"\nundo = \"U\"\n");
    assert_eq!(found[0].line, Some(3), "a key given twice: {found:?}");
    assert_eq!(
        found[0].message,
        "this is not TOML: undo is set twice in [keys], first on line 2; keep one of them"
    );
    // Named with its table and the line that set it first, however it is written there.
    let twice = [
        (
            "theme = \"light\"\nmouse = true\ntheme = \"dark\"\n",
            "theme is set twice outside any table, first on line 1; keep one of them",
        ),
        (
            "[colors]\nheading = \"red\"\n[keys.people]  # mine\n\"open\" = \"o\"\n  open = \"O\"\n",
            "open is set twice in [keys.people], first on line 4; keep one of them",
        ),
        (
            "[keys]\nundo = \"U\"\nredo = \"R\"\n\"undo\" = \"V\"\n",
            "\"undo\" is set twice in [keys], first on line 2; keep one of them",
        ),
        // A dotted name by its whole name (toml points at its last word alone, `undo`, which
        // named the undo of the views, set nowhere here).
        (
            "[keys]\npeople.undo = \"u\"\npeople.undo = \"U\"\n",
            "people.undo is set twice in [keys], first on line 2; keep one of them",
        ),
        (
            "[keys]\npeople.undo = \"u\"\nredo = \"r\"\n  \"people\" . undo = \"U\"\n",
            "\"people\" . undo is set twice in [keys], first on line 2; keep one of them",
        ),
        (
            "keys.people.undo = \"u\"\nkeys.people.undo = \"U\"\n",
            "keys.people.undo is set twice outside any table, first on line 1; keep one of them",
        ),
        // In an inline table, by the tables it is in (its line is the one toml names).
        (
            "[keys]\npeople = { undo = \"u\", undo = \"U\" }\n",
            "people.undo is set twice in [keys]; keep one of them",
        ),
        (
            "[keys]\npeople = { redo = \"{,}\", help = { x = \"a\\\"}\" }, undo = 'u', undo = \"U\" }\n",
            "people.undo is set twice in [keys]; keep one of them",
        ),
    ];
    for (text, said) in twice {
        let (_, found) = parse(text);
        assert_eq!(
            found.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
            [format!("this is not TOML: {said}")],
            "{text}"
        );
    }
    let (_, found) = parse("[keys]\nundo = \"u\"\n\n  [keys.people]\n[keys.people]\n");
    assert_eq!(
        (found[0].line, found[0].message.as_str()),
        (
            Some(5),
            "this is not TOML: the table [keys.people] is written twice; put its lines under one"
        )
    );
}

/// A string, list or inline table left open is named at the line that opened it, with that
/// line's text, whether or not the file ends with a line break: toml names the place where it
/// gave up, the end of the file or the line after, which could be past the file's last line.
#[test]
fn a_string_or_list_left_open_is_named_at_the_line_that_opened_it() {
    let found = |text: &str| {
        let (config, found) = parse(text);
        assert_eq!(config, Config::default(), "{text:?}");
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        assert_eq!(found[0].severity, Severity::Error, "{text:?}");
        (found[0].line, found[0].message.clone())
    };
    let string = |quote: &str, line: &str| {
        format!(
            "this is not TOML: a string opened with {quote} is not closed on its line (close it with {quote}): {line}"
        )
    };
    let never = |what: &str, open: &str, close: &str, line: &str| {
        format!(
            "this is not TOML: {what} opened with {open} is never closed (close it with {close}): {line}"
        )
    };
    for end in ["", "\n"] {
        assert_eq!(
            found(&format!("[keys]\nquit = \"q{end}")),
            (Some(2), string("\"", "quit = \"q")),
            "{end:?}"
        );
        assert_eq!(
            found(&format!("[keys]\nquit = 'q{end}")),
            (Some(2), string("'", "quit = 'q")),
            "{end:?}"
        );
        assert_eq!(
            found(&format!("x = [1, 2{end}")),
            (Some(1), never("a list", "[", "]", "x = [1, 2")),
            "{end:?}"
        );
        assert_eq!(
            found(&format!("mouse = true\nx = [\"a\", [1],\n  2{end}")),
            (Some(2), never("a list", "[", "]", "x = [\"a\", [1],")),
            "{end:?}"
        );
        assert_eq!(
            found(&format!("[keys]\nquit = \"\"\"q{end}")),
            (
                Some(2),
                never("a string", "\"\"\"", "\"\"\"", "quit = \"\"\"q")
            ),
            "{end:?}"
        );
        assert_eq!(
            found(&format!("[keys]\nquit = {{ a = \"q\"{end}")),
            (Some(2), never("a table", "{", "}", "quit = { a = \"q\"")),
            "{end:?}"
        );
    }
    // A quote in a comment, a closed string holding a bracket or an escaped quote, and a
    // table's header are no openers: the one left open is found after them.
    assert_eq!(
        found("# it's \"here\"\n[keys]\nundo = \"[\\\"\"\nquit = [\"q\",\n"),
        (Some(4), never("a list", "[", "]", "quit = [\"q\",")),
    );
    // Letters of any script before it, and a long string ending in a quote of its own.
    assert_eq!(
        found("# café \"\n[keys]\nundo = \"\"\"é\"\"\"\"\nquit = ['é',\n"),
        (Some(4), never("a list", "[", "]", "quit = ['é',")),
    );
    // A string closed but wrong inside is toml's to say, at its line.
    let (line, message) = found("[keys]\nquit = \"\\q\"\n");
    assert_eq!(line, Some(2));
    assert!(!message.contains("not closed"), "{message}");
}

/// A table named as a setting above it is not written twice: toml calls both a duplicate
/// key, and the message says which it is (`[keys.help]` is not the help screen's table).
#[test]
fn a_table_with_the_name_of_a_setting_set_above_is_said_to_be_one() {
    let (_, found) = parse("[keys]\nhelp = \"f1\"\n[keys.help]\n");
    assert_eq!(
        (found[0].line, found[0].message.as_str()),
        (
            Some(3),
            "this is not TOML: the table [keys.help] has the name of help, set above in [keys]; a name is a setting or a table, not both (the tables of keys are [keys.people], [keys.person], [keys.agenda], [keys.form], [keys.question], [keys.filtering], [keys.help_screen], [keys.help_search], [keys.prep_popup] and [keys.messages_popup]; did you mean [keys.help_screen] or [keys.help_search]?)"
        )
    );
    let (_, found) = parse("[keys]\nfilter = \"f\"\n\n[keys.filter]\ndown = \"j\"\n");
    assert_eq!(found[0].line, Some(4));
    assert!(
        found[0]
            .message
            .ends_with("; did you mean [keys.filtering]?)"),
        "{}",
        found[0].message
    );
    let (_, found) = parse("[keys]\nprep = \"P\"\n[keys.prep]\n");
    assert!(
        found[0]
            .message
            .ends_with("; did you mean [keys.prep_popup]?)"),
        "{}",
        found[0].message
    );
    // The name of a table of keys, set above with a dotted name: the table is the one meant,
    // and suggesting it back ("did you mean [keys.people]?") said nothing.
    let (_, found) = parse("[keys]\npeople.open = \"o\"\n[keys.people]\nundo = \"x\"\n");
    assert_eq!(
        (found[0].line, found[0].message.as_str()),
        (
            Some(3),
            "this is not TOML: the table [keys.people] has the name of people, set above in [keys]; a name is a setting or a table, not both (write the keys of [keys.people] under it alone, not as people or people.ACTION in [keys])"
        )
    );
    // One action set both ways, in either order: said as that action set twice, with both
    // lines, where the message named neither the action nor a line of it ("people is set
    // twice in [keys]" where the table came first).
    let both = [
        (
            "[keys]\npeople.open = \"o\"\n[keys.people]\nopen = \"x\"\n",
            3,
            "as people.open in [keys] on line 2 and under [keys.people] on line 4",
        ),
        (
            "[keys.people]\nundo = \"y\"\n\n[keys]\nhelp = \"?\"\n\"people\" . undo = [\"x\"]\n",
            6,
            "under [keys.people] on line 2 and as people.undo in [keys] on line 6",
        ),
    ];
    for (text, line, said) in both {
        let (_, found) = parse(text);
        let action = if text.contains("open") {
            "open"
        } else {
            "undo"
        };
        assert_eq!(
            (found.len(), found[0].line, found[0].message.as_str()),
            (
                1,
                Some(line),
                format!(
                    "this is not TOML: {action} of [keys.people] is set twice, {said}; keep the one under [keys.people] (a table written as [keys.people] takes no people.ACTION in [keys])"
                )
                .as_str()
            ),
            "{text}"
        );
    }
    // Another action of the table, after it: the table and its line are named.
    let (_, found) = parse("[keys.people]\nundo = \"y\"\n[keys]\npeople.open = \"x\"\n");
    assert_eq!(
        (found[0].line, found[0].message.as_str()),
        (
            Some(4),
            "this is not TOML: people.ACTION in [keys] adds to the table [keys.people] written on line 1; write the keys of [keys.people] under it alone"
        )
    );
    let (_, found) = parse("theme = \"light\"\n[theme]\n");
    assert_eq!(
        found[0].message,
        "this is not TOML: the table [theme] has the name of theme, set above; a name is a setting or a table, not both"
    );
    // Written twice, in another spelling: said as such.
    let (_, found) = parse("[keys.people]\nopen = \"o\"\n[ keys . \"people\" ]\n");
    assert_eq!(
        found[0].message,
        "this is not TOML: the table [ keys . \"people\" ] is written twice; put its lines under one"
    );
}

/// A list with no key in quotes is a slip, not an unbinding: the action keeps its keys, as
/// when every name in quotes is wrong. `help = [5]` left help with none, and the whole file
/// was refused for it ("nothing opens the help").
#[test]
fn a_list_with_no_key_in_quotes_leaves_the_action_its_keys() {
    let text = "[keys]\nhelp = [5]\nundo = [true, \"U\"]\nredo = []\n";
    let (config, found) = parse(text);
    let set: Vec<(&str, Vec<&str>)> = config
        .keys
        .iter()
        .map(|k| {
            let keys = k.keys.iter().map(|(name, _)| name.as_str()).collect();
            (k.action.as_str(), keys)
        })
        .collect();
    assert_eq!(set, [("undo", vec!["U"]), ("redo", vec![])]);
    assert_eq!(config.keys_left_out, [2, 3]);
    assert_eq!(
        found
            .iter()
            .map(|d| format!("{:?} {d}", d.line))
            .collect::<Vec<_>>(),
        [
            "Some(2) warning: help's keys are names in quotes, like \"ctrl-r\"; this one is left out",
            "Some(3) warning: undo's keys are names in quotes, like \"ctrl-r\"; this one is left out",
        ]
    );
}

#[test]
fn each_wrong_shape_is_a_warning_at_its_line_and_the_rest_applies() {
    let text = r#"theme = 3
mouse = "yes"
colour = "blue"
colors = "blue"
defaults = 7
keys = "q"
"#;
    assert_eq!(
        warnings(text),
        [
            "Some(1) warning: theme takes a name in quotes, like theme = \"light\"; it is left out",
            "Some(2) warning: mouse takes true or false; it is left out",
            "Some(3) warning: colour is not a setting (theme, mouse, colors, defaults and keys are; did you mean colors?); it is left out",
            "Some(4) warning: colors is a table: [colors] with lines like heading = \"blue\"; it is left out",
            "Some(5) warning: defaults is a table: [defaults] with lines like week_ends = \"friday\"; it is left out",
            "Some(6) warning: keys is a table: [keys] with lines like undo = \"U\"; it is left out",
        ]
    );
    let text = r#"mouse = true
[colors]
heading = 4
selection = { fg = "black", under = "red", bg = 2 }
[defaults]
week_ends = "someday"
keep_in_touch = "often"
horizon = "7d"
week_ends_too = 3
[keys]
undo = 5
down = ["j", 6]
[keys.people]
open = { key = "o" }
"#;
    let (config, _) = parse(text);
    assert_eq!(config.mouse, Some(true), "the rest applies");
    assert_eq!(
        warnings(text),
        [
            "Some(3) warning: heading takes a colour in quotes (\"blue\", \"#1e90ff\", \"42\") or { fg = \"…\", bg = \"…\" }; it is left out",
            "Some(4) warning: selection's bg takes a colour in quotes; it is left out",
            "Some(4) warning: under in selection is not fg or bg; it is left out",
            "Some(6) warning: 'someday' is not a week end: a weekday (friday, sun) or a number of days (7d, 1d to 366d); the week ends on sunday",
            "Some(7) warning: 'often' is not a cadence: type a length such as 14d, 2w, 2 weeks or every 2 weeks, or weekly, fortnightly, monthly, quarterly or yearly (a month is 30 days, a year 365; 1d to 3650d), or none; there is no default cadence",
            "Some(8) warning: horizon is not one of the defaults (week_ends and keep_in_touch are); it is left out",
            "Some(9) warning: week_ends_too is not one of the defaults (week_ends and keep_in_touch are); it is left out",
            "Some(11) warning: undo takes a key name in quotes or a list of them, like undo = [\"j\", \"down\"]; it is left out",
            "Some(12) warning: down's keys are names in quotes, like \"ctrl-r\"; this one is left out",
            "Some(14) warning: open in [keys.people] takes a key name in quotes or a list of them, like open = [\"j\", \"down\"]; it is left out",
        ]
    );
    assert_eq!(
        warnings("[keys]\nundo = { a = 1 }\npeople = { open = 1 }\n"),
        [
            "Some(2) warning: undo takes a key name in quotes or a list of them, like undo = [\"j\", \"down\"]; it is left out",
            "Some(3) warning: open in [keys.people] takes a key name in quotes or a list of them, like open = [\"j\", \"down\"]; it is left out",
        ],
        "an action given {{ … }} is told of its keys, not as a table [keys.undo]"
    );
    assert_eq!(
        warnings("[defaults]\nweek_ends = 5\n"),
        [
            "Some(2) warning: week_ends takes a word in quotes, like week_ends = \"friday\" or \"7d\"; the default stays"
        ]
    );
    assert_eq!(
        warnings("[defaults]\nkeep_in_touch = 14\n"),
        [
            "Some(2) warning: keep_in_touch takes a word in quotes, like keep_in_touch = \"14d\"; the default stays"
        ],
        "a number of days is shown in quotes with its unit"
    );
    for refused in ["0", "0x0e", "-3", "99999999999"] {
        assert_eq!(
            warnings(&format!("[defaults]\nkeep_in_touch = {refused}\n")),
            [
                "Some(2) warning: keep_in_touch takes a word in quotes, like keep_in_touch = \"14d\" or \"2w\"; the default stays"
            ],
            "no cadence is suggested that would be refused: {refused}"
        );
    }
}

fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
    let vars: HashMap<String, OsString> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), OsString::from(v)))
        .collect();
    move |name| vars.get(name).cloned()
}

#[cfg(unix)]
#[test]
fn the_file_is_found_where_command_line_tools_keep_theirs() {
    let at = |named: Option<&str>, vars: &[(&str, &str)]| {
        locate(named.map(PathBuf::from), env(vars)).map(|l| (l.path, l.named))
    };
    assert_eq!(
        at(
            None,
            &[("XDG_CONFIG_HOME", "/x/conf"), ("HOME", "/home/me")]
        ),
        Ok((PathBuf::from("/x/conf/trustladder/config.toml"), false))
    );
    assert_eq!(
        at(None, &[("HOME", "/home/me")]),
        Ok((
            PathBuf::from("/home/me/.config/trustladder/config.toml"),
            false
        ))
    );
    // A relative XDG_CONFIG_HOME is ignored, as the XDG specification says.
    assert_eq!(
        at(None, &[("XDG_CONFIG_HOME", "conf"), ("HOME", "/home/me")]),
        Ok((
            PathBuf::from("/home/me/.config/trustladder/config.toml"),
            false
        ))
    );
    assert_eq!(
        at(Some("my.toml"), &[("HOME", "/home/me")]),
        Ok((PathBuf::from("my.toml"), true))
    );
    // The variable names one; --config wins over it; an empty one is unset.
    let var = [("TRUSTLADDER_CONFIG", "/etc/tl.toml"), ("HOME", "/home/me")];
    assert_eq!(at(None, &var), Ok((PathBuf::from("/etc/tl.toml"), true)));
    assert_eq!(
        at(Some("my.toml"), &var),
        Ok((PathBuf::from("my.toml"), true))
    );
    assert_eq!(
        at(None, &[("TRUSTLADDER_CONFIG", ""), ("HOME", "/home/me")]),
        Ok((
            PathBuf::from("/home/me/.config/trustladder/config.toml"),
            false
        ))
    );
    assert_eq!(
        at(None, &[]),
        Err(
            "no config folder: neither $XDG_CONFIG_HOME nor $HOME is set to an absolute path"
                .to_string()
        )
    );
    assert_eq!(
        at(None, &[("HOME", "relhome")]),
        Err(
            "no config folder: neither $XDG_CONFIG_HOME nor $HOME is set to an absolute path"
                .to_string()
        )
    );
}

#[test]
fn a_missing_file_is_no_config_unless_it_was_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let loaded = load(&Location {
        path: path.clone(),
        named: false,
    });
    assert!(!loaded.found);
    assert_eq!(loaded.diagnostics, vec![]);
    let loaded = load(&Location {
        path: path.clone(),
        named: true,
    });
    assert_eq!(
        loaded.diagnostics,
        vec![Diagnostic::error(None, "there is no such file")]
    );
    assert_eq!(
        loaded.diagnostics[0].at(&path),
        format!("{}: error: there is no such file", path.display())
    );
    // A folder is named as one, with the file in it that was likely meant.
    let loaded = load(&Location {
        path: dir.path().to_path_buf(),
        named: true,
    });
    assert_eq!(
        loaded.diagnostics,
        vec![Diagnostic::error(
            None,
            format!(
                "it is a folder, not a file; name the config file in it (as {})",
                dir.path().join("config.toml").display()
            )
        )]
    );
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_BYTES + 1)
        .unwrap();
    let loaded = load(&Location {
        path: path.clone(),
        named: false,
    });
    assert_eq!(
        loaded.diagnostics,
        vec![Diagnostic::error(
            None,
            format!(
                "the file is {} bytes, too big for a config file (at most {MAX_BYTES})",
                MAX_BYTES + 1
            )
        )]
    );
    // A path through a file: the system's reason is given.
    let loaded = load(&Location {
        path: path.join("config.toml"),
        named: false,
    });
    assert_eq!(
        loaded.diagnostics,
        vec![Diagnostic::error(
            None,
            "the file cannot be read: Not a directory (os error 20)"
        )]
    );
    std::fs::write(&path, b"theme = \"\xff\"\n").unwrap();
    let loaded = load(&Location {
        path: path.clone(),
        named: false,
    });
    assert_eq!(
        loaded.diagnostics,
        vec![Diagnostic::error(
            1,
            "the file is not UTF-8 text: the byte at column 10 of this line is not; save the file as UTF-8"
        )]
    );
    std::fs::write(&path, "mouse = true\nzoom = 2\n").unwrap();
    let loaded = load(&Location {
        path: path.clone(),
        named: false,
    });
    assert!(loaded.found);
    assert_eq!(loaded.config.mouse, Some(true));
    assert_eq!(
        loaded.diagnostics[0].at(&path),
        format!(
            "{}:2: warning: zoom is not a setting (theme, mouse, colors, defaults and keys are); it is left out",
            path.display()
        )
    );
}
