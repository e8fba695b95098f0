//! The config file from the shell: `keys` shows the keys in force and what set them, `config
//! init` writes every default commented out and never over a file, `config check` names each
//! problem's line and fails on errors, the file is found where XDG says (and `--config` and
//! `TRUSTLADDER_CONFIG` win), and the agenda follows the file's defaults.

use std::path::Path;

use assert_cmd::Command;

const TODAY: &str = "2026-11-24";

/// The binary with its config folder at `home` (and no other config), on `data`, on TODAY.
fn cmd(home: &Path, data: &Path) -> Command {
    cmd_on(home, data, TODAY)
}

fn cmd_on(home: &Path, data: &Path, today: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustladder"));
    cmd.env_remove("TRUSTLADDER_FILE")
        .env_remove("TRUSTLADDER_CONFIG")
        .env("XDG_CONFIG_HOME", home)
        .env("HOME", home)
        .arg("--file")
        .arg(data)
        .args(["--today", today]);
    cmd
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(mut cmd: Command, args: &[&str]) -> Out {
    let out = cmd.args(args).output().expect("the binary runs");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A folder with the config file at its usual place under XDG_CONFIG_HOME.
fn with_config(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("trustladder").join("config.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

const THREE_KEYS: &str = r#"# my keys
[keys]
undo = "U"
help = ["f1", "?"]

[keys.people]
open = ["o", "enter"]
"#;

#[test]
fn keys_lists_the_keys_in_force_and_the_lines_that_set_them() {
    let (home, file) = with_config(THREE_KEYS);
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["keys"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(&format!(
            "The keys in force with {} (SET names the line that set them).\n",
            file.display()
        )),
        "{}",
        out.stdout
    );
    // The row of `action` whose keys and places start with `keys` (words apart).
    let row = |action: &str, keys: &str| -> String {
        let want: Vec<&str> = keys.split_whitespace().collect();
        out.stdout
            .lines()
            .find(|l| {
                let cells: Vec<&str> = l.split_whitespace().collect();
                cells.first() == Some(&action) && cells[1..].starts_with(&want)
            })
            .unwrap_or_else(|| panic!("no {action} row with {keys}:\n{}", out.stdout))
            .to_string()
    };
    let words = |line: String| -> Vec<String> {
        line.split_whitespace()
            .take(6)
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        words(row("undo", " U ")),
        ["undo", "U", "people", "person", "agenda", "line"]
    );
    assert!(row("undo", " U ").contains("line 3"));
    assert!(row("help", "f1 ?").contains("line 4"));
    // F1 closes the help because line 4 gave it to the help: that line set them.
    let close = row("cancel", "q ? f1 help_screen");
    assert!(close.contains("line 4"), "{close}");
    assert!(row("open", "o enter").contains("people"));
    assert!(row("open", "o enter").contains("line 7"));
    // The person view's Enter is untouched, and says so.
    let person_open = row("open", "enter person");
    assert!(person_open.contains("default"), "{person_open}");
    assert!(row("quit", " q ").contains("default"));

    let out = run(cmd(home.path(), &data), &["keys", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = json.as_array().unwrap();
    let undo = rows.iter().find(|r| r["action"] == "undo").unwrap();
    assert_eq!(undo["keys"], serde_json::json!(["U"]));
    assert_eq!(
        undo["where"],
        serde_json::json!(["people", "person", "agenda"])
    );
    assert_eq!(undo["config_line"], 3);
    assert_eq!(
        undo["help"],
        "undo the last change (the cursor goes to what it set back, on its person's page)"
    );
    let quit = rows.iter().find(|r| r["action"] == "quit").unwrap();
    assert_eq!(quit["config_line"], serde_json::Value::Null);
    let close = rows
        .iter()
        .find(|r| r["action"] == "cancel" && r["where"] == serde_json::json!(["help_screen"]))
        .unwrap();
    assert_eq!(close["keys"], serde_json::json!(["q", "?", "f1"]));
    assert_eq!(close["config_line"], 4);
    let opens: Vec<&serde_json::Value> = rows.iter().filter(|r| r["action"] == "open").collect();
    assert_eq!(opens.len(), 3, "one per view");
    assert_eq!(opens[0]["keys"], serde_json::json!(["o", "enter"]));
    assert_eq!(opens[0]["where"], serde_json::json!(["people"]));
    // Every action is there by name.
    for name in [
        "force_quit",
        "next_view",
        "mark_kept",
        "edit_in_editor",
        "save_prep",
    ] {
        assert!(rows.iter().any(|r| r["action"] == name), "{name}");
    }
    // The help's keys set again as they were add none to those that close it: still the
    // defaults.
    let (again, _file) = with_config("[keys]\nhelp = \"?\"\n");
    let out = run(cmd(again.path(), &data), &["keys"]);
    let close = out
        .stdout
        .lines()
        .find(|l| l.starts_with("cancel ") && l.contains("help_screen"))
        .unwrap_or_else(|| panic!("no help cancel row:\n{}", out.stdout));
    assert!(close.contains("default"), "{close}");
}

/// `keys` says what a rebound key does without naming its default key: `d d d` once stood
/// in mark_kept's help whatever its key.
#[test]
fn keys_names_the_key_in_force_and_no_other() {
    let (home, _file) = with_config("[keys]\nmark_kept = \"K\"\n");
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["keys"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let row = out
        .stdout
        .lines()
        .find(|l| l.starts_with("mark_kept "))
        .unwrap_or_else(|| panic!("no mark_kept row:\n{}", out.stdout));
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[..4], ["mark_kept", "K", "person", "agenda"], "{row}");
    assert!(row.contains("repeating it works down a list"), "{row}");
    assert!(!out.stdout.contains("d d d"), "{}", out.stdout);

    let out = run(cmd(home.path(), &data), &["keys", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = json.as_array().unwrap();
    let kept = rows.iter().find(|r| r["action"] == "mark_kept").unwrap();
    assert_eq!(kept["keys"], serde_json::json!(["K"]));
    let help = kept["help"].as_str().unwrap_or_default();
    assert!(!help.contains("d d d"), "{help}");
}

#[test]
fn without_a_config_keys_shows_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["keys"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .starts_with("The default keys (no config file).\n")
    );
    assert!(!out.stdout.contains("line "), "{}", out.stdout);
    // A file named that is not there is said to be missing, as every command says it.
    let missing = home.path().join("nowhere.toml");
    let out = run(
        cmd(home.path(), &data),
        &["--config", missing.to_str().unwrap(), "keys"],
    );
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.starts_with(&format!(
            "The default keys: the config file {} does not exist.\n",
            missing.display()
        )),
        "{}",
        out.stdout
    );
}

#[test]
fn check_names_each_problem_with_its_file_and_line_and_fails_on_errors() {
    let (home, file) = with_config("theme = \"solarized\"\n[keys]\nundo = \"x\"\nquitt = \"Q\"\n");
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    let f = file.display();
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        format!(
            "{f}:1: warning: 'solarized' is not a theme (dark, light, terminal and mono are); dark it is\n\
             {f}:3: error: x is bound to both delete (a default) and undo (line 3) in the people view, the person view and the agenda view; give one of them another key\n\
             {f}:4: warning: quitt is not an action (`trustladder keys` lists them; did you mean quit?); it is left out\n\
             {f}: 1 error and 2 warnings; the UI starts with the defaults until they are fixed.\n"
        )
    );
    assert_eq!(out.stderr, format!("trustladder: {f} has 1 error\n"));
    // With the error fixed, the warnings stay and the check passes.
    std::fs::write(&file, "theme = \"solarized\"\n[keys]\nundo = \"U\"\n").unwrap();
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .ends_with(&format!("{f}: 1 warning; everything else applies.\n"))
    );
    std::fs::write(&file, THREE_KEYS).unwrap();
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    assert_eq!(
        (out.code, out.stdout),
        (0, format!("{f}: no problems; every setting applies.\n"))
    );
    // The keys then shown are the defaults, and say why.
    std::fs::write(&file, "[keys]\nundo = \"x\"\n").unwrap();
    let out = run(cmd(home.path(), &data), &["keys"]);
    assert!(out.stdout.starts_with(&format!(
        "The default keys: {f} has errors (`trustladder config check` lists them).\n"
    )));
}

#[test]
fn a_named_config_that_is_missing_is_an_error_and_the_usual_one_is_not() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    let usual = home.path().join("trustladder").join("config.toml");
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        format!(
            "There is no config file at {}: every default applies (`trustladder config init` writes one).\n",
            usual.display()
        )
    );
    let named = home.path().join("nowhere.toml");
    let mut c = cmd(home.path(), &data);
    c.env("TRUSTLADDER_CONFIG", &named);
    let out = run(c, &["config", "check"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        format!(
            "{0}: error: there is no such file\n{0}: 1 error and 0 warnings; the UI starts with the defaults (`config init`, given the same file, writes it).\n",
            named.display()
        )
    );
}

/// A config path that is a link to nothing, or a loop of links, is said to be one by every
/// command alike: `config check`, a command that reads the config, `keys` and `config init`,
/// which leaves the link as it is; none calls it missing, nor points at a command that then
/// refuses.
#[test]
fn a_broken_link_as_the_config_is_said_to_be_one_everywhere() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data.json");
    let dangling = home.path().join("dangling.toml");
    std::os::unix::fs::symlink("target.toml", &dangling).unwrap();
    let (one, two) = (home.path().join("loop1"), home.path().join("loop2"));
    std::os::unix::fs::symlink("loop2", &one).unwrap();
    std::os::unix::fs::symlink("loop1", &two).unwrap();
    for (path, why) in [
        (
            &dangling,
            "it is a symbolic link to target.toml, which does not exist",
        ),
        (
            &one,
            "it is a symbolic link to loop2, and the links lead round in a loop",
        ),
    ] {
        let shown = path.display();
        let with = |args: &[&str]| {
            let mut c = cmd(home.path(), &data);
            c.env("TRUSTLADDER_CONFIG", path);
            run(c, args)
        };
        let out = with(&["config", "check"]);
        assert_eq!(out.code, 1);
        assert!(
            out.stdout.starts_with(&format!("{shown}: error: {why}\n")),
            "{}",
            out.stdout
        );
        let out = with(&["agenda"]);
        assert!(
            out.stderr
                .contains(&format!("{shown} has errors, so the defaults apply")),
            "{}",
            out.stderr
        );
        assert!(!out.stderr.contains("does not exist, so"), "{}", out.stderr);
        let out = with(&["keys"]);
        assert!(
            out.stdout
                .starts_with(&format!("The default keys: {shown} has errors"))
        );
        let out = with(&["config", "init"]);
        assert_eq!(out.code, 1);
        assert_eq!(
            out.stderr,
            format!(
                "trustladder: {shown} is left as it is: {why}; remove the link, or make the file it names, and run `trustladder config init` again\n"
            )
        );
        assert!(
            std::fs::symlink_metadata(path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
    assert!(!home.path().join("target.toml").exists());
}

/// A file that cannot be read as a config says what is wrong with it in a sentence: the file
/// is not UTF-8 text (at the line and column of its first byte that is not, counted in
/// characters), the path is not a regular file.
#[test]
fn a_file_that_is_no_config_file_is_said_so_in_a_sentence() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data.json");
    let binary = home.path().join("c33.toml");
    std::fs::write(&binary, b"theme = \"\xff\"\n").unwrap();
    let shown = binary.display().to_string();
    let latin1 = home.path().join("latin1.toml");
    // "# café " in UTF-8, then a Latin-1 é: column 8, though its byte is the ninth.
    std::fs::write(&latin1, b"theme = \"dark\"\n# caf\xc3\xa9 \xe9t\n").unwrap();
    let latin1_shown = latin1.display().to_string();
    for (config, says) in [
        (
            shown.as_str(),
            ":1: error: the file is not UTF-8 text: the byte at column 10 of this line is not; save the file as UTF-8",
        ),
        (
            latin1_shown.as_str(),
            ":2: error: the file is not UTF-8 text: the byte at column 8 of this line is not; save the file as UTF-8",
        ),
        (
            "/dev/zero",
            ": error: it is a device, not a file; name a config file (TOML, as `trustladder config init` writes it)",
        ),
    ] {
        let out = run(
            cmd(home.path(), &data),
            &["--config", config, "config", "check"],
        );
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert_eq!(
            out.stdout,
            format!(
                "{config}{says}\n{config}: 1 error and 0 warnings; the UI starts with the defaults until they are fixed.\n"
            )
        );
    }
}

/// A list of keys over several lines: a bad key in it is named at its own line (it was named
/// at the list's first), so it is found where it is.
#[test]
fn a_bad_key_in_a_list_over_several_lines_is_named_at_its_line() {
    let (home, file) = with_config("[keys]\nhelp = [\n  \"f1\",\n  \"entr\",\n  \"F1\",\n]\n");
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    let f = file.display();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{f}:4: warning: 'entr' is not a key name")),
        "{}",
        out.stdout
    );
    assert_eq!(
        lines[1],
        format!("{f}:5: warning: 'F1' repeats F1 in the list of help; once is enough")
    );
}

/// `--config /dev/null` asks for no config file, as other tools take it: every default, and
/// nothing to fix, whatever file the usual place holds.
#[test]
fn config_dev_null_is_no_config_file() {
    let (home, _usual) = with_config("[keys]\nundo = \"U\"\n");
    let data = home.path().join("data.json");
    let out = run(
        cmd(home.path(), &data),
        &["--config", "/dev/null", "config", "check"],
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (
            0,
            "/dev/null asks for no config file: every default applies, and there is nothing to check.\n",
            ""
        )
    );
    let out = run(
        cmd(home.path(), &data),
        &["--config", "/dev/null", "config", "init"],
    );
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            1,
            "trustladder: /dev/null asks for no config file, so none is written; name the file to write with --config\n"
        )
    );
    let out = run(cmd(home.path(), &data), &["--config", "/dev/null", "keys"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("The default keys (no config file).\n"),
        "{}",
        out.stdout
    );
    let undo = out.stdout.lines().find(|l| l.starts_with("undo ")).unwrap();
    assert!(!undo.contains(" U "), "{undo}");
}

#[test]
fn the_flag_beats_the_environment_which_beats_the_usual_place() {
    let (home, _usual) = with_config("[keys]\nundo = \"U\"\n");
    let data = home.path().join("data.json");
    let by_env = home.path().join("env.toml");
    let by_flag = home.path().join("flag.toml");
    std::fs::write(&by_env, "[keys]\nundo = \"V\"\n").unwrap();
    std::fs::write(&by_flag, "[keys]\nundo = \"W\"\n").unwrap();
    let undo_keys = |out: Out| -> serde_json::Value {
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .find(|r| r["action"] == "undo")
            .map(|r| r["keys"].clone())
            .unwrap()
    };
    assert_eq!(
        undo_keys(run(cmd(home.path(), &data), &["keys", "--json"])),
        serde_json::json!(["U"])
    );
    let mut c = cmd(home.path(), &data);
    c.env("TRUSTLADDER_CONFIG", &by_env);
    assert_eq!(
        undo_keys(run(c, &["keys", "--json"])),
        serde_json::json!(["V"])
    );
    let mut c = cmd(home.path(), &data);
    c.env("TRUSTLADDER_CONFIG", &by_env);
    c.arg("--config").arg(&by_flag);
    assert_eq!(
        undo_keys(run(c, &["keys", "--json"])),
        serde_json::json!(["W"])
    );
    // Without XDG_CONFIG_HOME, ~/.config.
    let mut c = cmd(home.path(), &data);
    c.env_remove("XDG_CONFIG_HOME");
    let out = run(c, &["config", "check"]);
    assert!(
        out.stdout.contains(&format!(
            "{}",
            home.path()
                .join(".config/trustladder/config.toml")
                .display()
        )),
        "{}",
        out.stdout
    );
}

#[test]
fn init_writes_every_default_commented_out_and_never_over_a_file() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["config", "init"]);
    let file = home.path().join("trustladder").join("config.toml");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "Wrote {}: every setting at its default, commented out; remove a # to change one.\n",
            file.display()
        )
    );
    let text = std::fs::read_to_string(&file).unwrap();
    for line in [
        "# theme = \"dark\"",
        "# mouse = false",
        "# week_ends = \"sunday\"",
        "# keep_in_touch = \"none\"",
        "[keys.form]",
        "# cancel = \"esc\"",
        "[keys.question]",
        "# cancel = [\"n\", \"esc\"]",
        "# undo = \"u\"",
        "# redo = \"ctrl-r\"",
        "# prev_view = \"shift-tab\"",
        "# down = [\"j\", \"down\"]",
        "# edit_in_editor = \"ctrl-o\"",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(line)),
            "{line} not in:\n{text}"
        );
    }
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    assert!(
        out.stdout
            .ends_with("no problems; every setting applies.\n")
    );
    // A second init leaves the file alone.
    std::fs::write(&file, "mouse = true\n").unwrap();
    let out = run(cmd(home.path(), &data), &["config", "init"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        format!(
            "trustladder: {} already exists and is left as it is (`trustladder config check` checks it)\n",
            file.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mouse = true\n");
    // A folder given as the file is named as one.
    let folder = home.path().join("settings");
    std::fs::create_dir(&folder).unwrap();
    let mut init = cmd(home.path(), &data);
    init.arg("--config").arg(&folder);
    let out = run(init, &["config", "init"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        format!(
            "trustladder: {} is a folder; give the path of the config file to write (as {})\n",
            folder.display(),
            folder.join("config.toml").display()
        )
    );
    // Ending in `/`, there or not, it names a folder too: the system's "Is a directory" said
    // neither that nor what to give, and nothing is made.
    for named in ["settings/", "new/"] {
        let mut init = cmd(home.path(), &data);
        init.current_dir(home.path()).args(["--config", named]);
        let out = run(init, &["config", "init"]);
        assert_eq!(out.code, 1, "{named}");
        assert_eq!(
            out.stderr,
            format!(
                "trustladder: {named} is a folder; give the path of the config file to write (as {named}config.toml)\n"
            )
        );
    }
    assert!(!home.path().join("new").exists());
}

#[test]
fn the_agenda_follows_the_config_s_week_and_default_cadence() {
    let (home, file) = with_config("");
    let data = home.path().join("data.json");
    let ok_on = |today: &str, args: &[&str]| {
        let out = run(cmd_on(home.path(), &data, today), args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        out
    };
    let ok = |args: &[&str]| ok_on(TODAY, args);
    ok(&["person", "add", "Priya Raman"]);
    // Due Saturday: this week when the week ends on Sunday, later when it ends on Friday.
    ok(&[
        "promise",
        "add",
        "priya",
        "Send the deck",
        "--due",
        "2026-11-28",
    ]);
    let agenda = ok(&["agenda", "--json"]).stdout;
    let json: serde_json::Value = serde_json::from_str(&agenda).unwrap();
    assert_eq!(json["this_week"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["keep_in_touch"], serde_json::json!([]));

    std::fs::write(
        &file,
        "[defaults]\nweek_ends = \"friday\"\nkeep_in_touch = \"1w\"\n",
    )
    .unwrap();
    // 1 Dec: Saturday 28 Nov is overdue; a week since anything was logged is not more than
    // a week.
    let json: serde_json::Value =
        serde_json::from_str(&ok_on("2026-12-01", &["agenda", "--json"]).stdout).unwrap();
    assert_eq!(json["keep_in_touch"], serde_json::json!([]));
    let json: serde_json::Value = serde_json::from_str(&ok(&["agenda", "--json"]).stdout).unwrap();
    assert_eq!(json["this_week"], serde_json::json!([]));
    assert_eq!(json["later"].as_array().map(Vec::len), Some(1));
    let text = ok_on("2026-12-02", &["agenda"]).stdout;
    assert!(text.contains("Keep in touch (1)"), "{text}");
    assert!(text.contains("priya"), "{text}");
    // `--every none` leaves them to the config file's cadence, and says so (it said only
    // that nothing changed, and they stayed listed).
    let out = ok(&["person", "edit", "priya", "--every", "none"]);
    assert_eq!(
        out.stdout,
        "priya-raman reads so already; nothing changed\n"
    );
    assert_eq!(
        out.stderr,
        "trustladder: note: with no cadence of their own, the config file's keep_in_touch \
         applies to them (every 7 days); one of their own (--every) overrides it\n"
    );

    // A line of [defaults] left out is said on stderr, as the UI says it on its status
    // line, and the default takes its place.
    std::fs::write(
        &file,
        "[defaults]\nweek_ends = \"frday\"\nkeep_in_touch = \"1w\"\n",
    )
    .unwrap();
    let out = run(cmd(home.path(), &data), &["agenda"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("This week (1 theirs"), "{}", out.stdout);
    assert_eq!(
        out.stderr,
        format!(
            "trustladder: note: {}:2: warning: 'frday' is not a week end: a weekday (friday, sun) or a number of days (7d, 1d to 366d); the week ends on sunday\n",
            file.display()
        )
    );

    // A file with errors is not used, and the agenda says so on stderr.
    std::fs::write(
        &file,
        "[defaults]\nweek_ends = \"friday\"\n[keys]\nundo = \"x\"\n",
    )
    .unwrap();
    let out = run(cmd(home.path(), &data), &["agenda", "--json"]);
    assert_eq!(out.code, 0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["this_week"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        out.stderr,
        format!(
            "trustladder: note: {} has errors, so the defaults apply (`trustladder config check` lists them)\n",
            file.display()
        )
    );

    // A file named by the variable that is not there is named as missing; an empty variable
    // is no variable.
    let missing = home.path().join("nowhere.toml");
    let mut named = cmd(home.path(), &data);
    named.env("TRUSTLADDER_CONFIG", &missing);
    let out = run(named, &["agenda", "--json"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stderr,
        format!(
            "trustladder: note: the config file {} does not exist, so the defaults apply (`trustladder config init` makes one)\n",
            missing.display()
        )
    );
    let mut empty = cmd(home.path(), &data);
    empty.env("TRUSTLADDER_CONFIG", "");
    let out = run(empty, &["agenda", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("has errors"),
        "the usual file, still: {}",
        out.stderr
    );
}

/// A value or a name of any length is quoted back by its start and its length, as anything
/// typed is: a colour of 900,000 characters pasted by mistake gives a line, not 900 KB.
#[test]
fn check_quotes_back_long_values_and_names_by_their_start() {
    let long = |c: char, n: usize| c.to_string().repeat(n);
    let text = format!(
        "theme = \"{}\"\n[colors]\nheading = \"{}\"\n{} = \"red\"\n[keys]\n{} = \"U\"\nundo = \"{}\"\n[defaults]\nweek_ends = \"{}\"\nkeep_in_touch = \"{}\"\n",
        long('t', 5000),
        long('h', 900_000),
        long('e', 3000),
        long('a', 4000),
        long('k', 2000),
        long('w', 1000),
        long('c', 1000),
    );
    let (home, file) = with_config(&text);
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    let f = file.display();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let start = |c: char, n: usize| format!("{}… ({n} characters)", long(c, 60));
    assert_eq!(
        out.stdout,
        format!(
            "{f}:1: warning: '{}' is not a theme (dark, light, terminal and mono are); dark it is\n\
             {f}:3: warning: '{}' is not a colour: a name (red, light-blue, dark-gray, reset), #rrggbb, or 0 to 255 from the 256-colour palette; heading keeps its colour\n\
             {f}:4: warning: {} is not something a theme colours (selection, building, task, result, impact, overdue, bad, good, dim, heading, key, focus, mine); it is left out\n\
             {f}:6: warning: {} is not an action (`trustladder keys` lists them); it is left out\n\
             {f}:7: warning: '{}' is not a key name: use a character, a name (enter, esc, tab, space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24), with ctrl-, alt- or shift- before it; it is left out\n\
             {f}:9: warning: '{}' is not a week end: a weekday (friday, sun) or a number of days (7d, 1d to 366d); the week ends on sunday\n\
             {f}:10: warning: '{}' is not a cadence: type a length such as 14d, 2w, 2 weeks or every 2 weeks, or weekly, fortnightly, monthly, quarterly or yearly (a month is 30 days, a year 365; 1d to 3650d), or none; there is no default cadence\n\
             {f}: 7 warnings; everything else applies.\n",
            start('t', 5000),
            start('h', 900_000),
            start('e', 3000),
            start('a', 4000),
            start('k', 2000),
            start('w', 1000),
            start('c', 1000),
        )
    );
    // A name set twice, which stops the whole file, is quoted back the same way.
    std::fs::write(&file, format!("{0} = 1\n{0} = 2\n", long('x', 3000))).unwrap();
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.starts_with(&format!(
            "{f}:2: error: this is not TOML: {} is set twice outside any table, first on line 1; keep one of them\n",
            start('x', 3000)
        )),
        "{}",
        out.stdout
    );
}

/// A mistyped key name, colour element or theme is answered with the name it was likely
/// meant to be, as a mistyped action, table or setting is.
#[test]
fn check_says_which_key_colour_or_theme_a_typo_meant() {
    let (home, file) = with_config(
        "theme = \"ligth\"\n[colors]\nhedding = \"red\"\n[keys]\nundo = \"entr\"\nredo = \"ctl-r\"\nhelp = \"Shfit-tab\"\n",
    );
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    let f = file.display();
    let names = "use a character, a name (enter, esc, tab, space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24), with ctrl-, alt- or shift- before it; it is left out";
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "{f}:1: warning: 'ligth' is not a theme (dark, light, terminal and mono are; did you mean light?); dark it is\n\
             {f}:3: warning: hedding is not something a theme colours (selection, building, task, result, impact, overdue, bad, good, dim, heading, key, focus, mine; did you mean heading?); it is left out\n\
             {f}:5: warning: 'entr' is not a key name (did you mean enter?): {names}\n\
             {f}:6: warning: 'ctl-r' is not a key name (did you mean ctrl-r?): {names}\n\
             {f}:7: warning: 'Shfit-tab' is not a key name (did you mean shift-tab?): {names}\n\
             {f}: 5 warnings; everything else applies.\n"
        )
    );
}

/// `keys` says on stderr which key lines the file's warnings left out, as the other commands
/// say the warnings about what they use: the keys it lists are not all the file says. The
/// warnings about anything else (a colour) are `config check`'s to list. An unknown action
/// is pointed at the actions this run lists, not at `trustladder keys`, the command being run.
#[test]
fn keys_says_on_stderr_which_key_lines_were_left_out() {
    let (home, file) = with_config(
        "[keys]\nundoo = \"U\"\nredo = 5\nhelp = [\"f1\", 3]\n[keys.people]\nsort = \"entr\"\n[colors]\nhedding = \"red\"\n",
    );
    let data = home.path().join("data.json");
    let f = file.display();
    let said = format!(
        "trustladder: note: {f}:2: warning: undoo is not an action (every action is listed below; did you mean undo?); it is left out\n\
         trustladder: note: {f}:3: warning: redo takes a key name in quotes or a list of them, like redo = [\"j\", \"down\"]; it is left out\n\
         trustladder: note: {f}:4: warning: help's keys are names in quotes, like \"ctrl-r\"; this one is left out\n\
         trustladder: note: {f}:6: warning: 'entr' is not a key name (did you mean enter?): use a character, a name (enter, esc, tab, space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24), with ctrl-, alt- or shift- before it; it is left out\n"
    );
    for args in [&["keys"][..], &["keys", "--json"]] {
        let out = run(cmd(home.path(), &data), args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stderr, said, "{args:?}");
    }
    let out = run(cmd(home.path(), &data), &["keys"]);
    assert!(out.stdout.contains("\nhelp "), "{}", out.stdout);
    // A file without warnings about its keys says nothing.
    std::fs::write(&file, "[keys]\nundo = \"U\"\n[colors]\nhedding = \"red\"\n").unwrap();
    let out = run(cmd(home.path(), &data), &["keys"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
}

/// `keys --json` prints the keys alone: where the config file has errors, so the defaults
/// apply, it says so on stderr (the table says so in its first line), and a script can tell
/// the defaults from the file's keys.
#[test]
fn keys_json_says_on_stderr_when_a_file_with_errors_is_not_used() {
    let (home, file) = with_config("[keys]\nundo = \"d\"\n");
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["keys", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "trustladder: note: {} has errors, so the defaults apply (`trustladder config check` lists them)\n",
            file.display()
        )
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let undo = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["action"] == "undo")
        .unwrap();
    assert_ne!(undo["keys"], serde_json::json!(["d"]));
    // A sound file says nothing.
    std::fs::write(&file, "[keys]\nundo = \"U\"\n").unwrap();
    let out = run(cmd(home.path(), &data), &["keys", "--json"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
}

/// Without a keyboard protocol, a terminal sends enter, tab, esc and backspace with ctrl or
/// shift as the key alone or as another key: such a binding would show in the hint bar and
/// never fire, so `config check` refuses it, and the action keeps its keys.
#[test]
fn check_refuses_keys_no_terminal_sends() {
    let (home, file) = with_config(
        "[keys.form]\nsave = \"ctrl-enter\"\nundo = \"shift-enter\"\nredo = \"ctrl-tab\"\nchart = \"shift-esc\"\nprep = \"ctrl-backspace\"\nnext_field = [\"tab\", \"alt-tab\"]\n",
    );
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    let f = file.display();
    for (line, name) in [
        (2, "ctrl-enter"),
        (3, "shift-enter"),
        (4, "ctrl-tab"),
        (5, "shift-esc"),
        (6, "ctrl-backspace"),
    ] {
        assert!(
            out.stdout.contains(&format!(
                "{f}:{line}: warning: '{name}': terminals send this as another key"
            )),
            "{name}: {}",
            out.stdout
        );
    }
    assert!(
        out.stdout
            .ends_with(&format!("{f}: 5 warnings; everything else applies.\n")),
        "{}",
        out.stdout
    );
    let out = run(cmd(home.path(), &data), &["keys"]);
    assert!(!out.stdout.contains("ctrl-enter"), "{}", out.stdout);
}

/// ß's capital is SS: `shift-ß` bound S unasked. A shifted letter whose capital is not one
/// character is refused, and the action keeps its keys.
#[test]
fn check_refuses_a_shifted_letter_with_no_one_character_capital() {
    let (home, file) = with_config("[keys]\nundo = \"shift-ß\"\n");
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    let f = file.display();
    assert_eq!(
        out.stdout,
        format!(
            "{f}:2: warning: 'shift-ß': its capital is not one character, so no key sends it; write the character shift types on your keyboard itself; it is left out\n\
             {f}: 1 warning; everything else applies.\n"
        )
    );
    let out = run(cmd(home.path(), &data), &["keys", "--json"]);
    assert!(!out.stdout.contains("\"S\""), "{}", out.stdout);
}

/// The help's own `?` may be given another job in the help screen, as any key that opens the
/// help may: it then closes the help no more, and nothing clashes.
#[test]
fn the_help_screen_can_give_question_mark_another_job() {
    let (home, file) = with_config("[keys.help_screen]\ndown = [\"j\", \"down\", \"?\"]\n");
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["config", "check"]);
    assert_eq!(
        (out.code, out.stdout, out.stderr),
        (
            0,
            format!("{}: no problems; every setting applies.\n", file.display()),
            String::new()
        )
    );
}

/// `config init` writes its file before its message: a message that cannot be written (a
/// full disk under `>`) says the file was written, so nobody runs it again to be told it
/// already exists.
#[test]
fn init_whose_message_cannot_be_written_says_the_file_was() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data.json");
    let file = home.path().join("cfg").join("full.toml");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env_remove("TRUSTLADDER_FILE")
        .env_remove("TRUSTLADDER_CONFIG")
        .env("XDG_CONFIG_HOME", home.path())
        .env("HOME", home.path())
        .arg("--file")
        .arg(&data)
        .arg("--config")
        .arg(&file)
        .args(["config", "init"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "trustladder: {} was written, but the message saying so could not be: No space left on device (os error 28)\n",
            file.display()
        )
    );
    assert!(std::fs::read_to_string(&file).unwrap().contains("# theme"));
}

/// A misnamed table of keys is warned about at its header's line, and `keys` says that
/// warning too: the keys under it are left out of what it lists.
#[test]
fn keys_says_on_stderr_that_a_misnamed_table_of_keys_was_left_out() {
    let (home, file) = with_config("[keys.peple]\nopen = \"o\"\n");
    let data = home.path().join("data.json");
    let out = run(cmd(home.path(), &data), &["keys"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.starts_with(&format!(
            "trustladder: note: {}:1: warning: [keys.peple] is not a table of keys",
            file.display()
        )),
        "{}",
        out.stderr
    );
}

/// `config --check` or `--init`, typed as flags, are named as the commands they are, with
/// the line that runs them: clap said only "unexpected argument '--check' found".
#[test]
fn a_command_typed_as_a_flag_is_named_with_the_line_that_runs_it() {
    let (home, file) = with_config("[keys]\nundo = \"U\"\n");
    let data = home.path().join("data.json");
    let before = std::fs::read(&file).unwrap();
    for (typed, line) in [
        (&["config", "--check"][..], "trustladder config check"),
        (&["config", "--init"], "trustladder config init"),
        (&["--check"], "trustladder check"),
    ] {
        let out = run(cmd(home.path(), &data), typed);
        assert_eq!(out.code, 2, "{typed:?}");
        let name = &typed[typed.len() - 1][2..];
        assert!(
            out.stderr.starts_with(&format!(
                "error: unexpected argument '--{name}' found: {name} is a command, not a flag\n\n  tip: {line}\n"
            )),
            "{typed:?}: {}",
            out.stderr
        );
        assert_eq!(out.stdout, "");
    }
    // Clap's likeness of another flag is left out: `--person` is not `--version`.
    let out = run(cmd(home.path(), &data), &["--person", "priya"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(
            "error: unexpected argument '--person' found: person is a command, not a flag\n\n  tip: trustladder person\n"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("similar argument"), "{}", out.stderr);
    // A flag that names no command is clap's as before.
    let out = run(cmd(home.path(), &data), &["config", "--chek"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("error: unexpected argument '--chek' found\n"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert!(!data.exists());
}
