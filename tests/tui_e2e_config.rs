//! The config file and the editor with the real binary in a real terminal (tmux): rebound keys
//! work and show, a broken file starts the defaults with one line saying so, Ctrl-o hands the
//! terminal to `$EDITOR` and takes it back with the text, and the mouse, once on, picks a tab
//! and is turned off again on the way out.
//!
//! tmux must be installed (CI installs it); without it these tests fail and say so.

mod tmux_support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use tmux_support::{Tmux, quoted};
use trustladder::store::Store;

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_trustladder"))
}

/// A data file with Priya and one open promise of hers, made by the command line.
fn ledger(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("team.json");
    for args in [
        vec!["person", "add", "Priya Raman"],
        vec![
            "promise",
            "add",
            "priya",
            "Send the deck",
            "--due",
            "2026-11-27",
        ],
    ] {
        let out = std::process::Command::new(bin())
            .arg("--file")
            .arg(&file)
            .args(["--today", "2026-11-24"])
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    file
}

/// Starts the UI on `file` with `config` as its config file and `env` set.
fn start(name: &str, file: &Path, config: &str, env: &str) -> Tmux {
    let dir = file.parent().unwrap();
    let config_file = dir.join("config.toml");
    std::fs::write(&config_file, config).unwrap();
    let command = format!(
        "exec env -u VISUAL {env} {} --file {} --config {} --today 2026-11-24",
        quoted(bin()),
        quoted(file),
        quoted(&config_file)
    );
    Tmux::start(name, &command)
}

#[test]
fn rebound_keys_work_and_show_and_the_old_ones_do_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = ledger(dir.path());
    let tmux = start(
        "rebound",
        &file,
        "[keys]\nquit = \"Q\"\nhelp = \"f1\"\n[keys.people]\nopen = \"o\"\n",
        "",
    );
    // The hint bar, the last line, is drawn after the lines above it.
    tmux.wait_until("o open and F1 help on the hint bar", |s| {
        let bar = s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
        s.contains("F1 lists every key.")
            && bar.contains(" o open")
            && bar.trim_end().ends_with(" F1 help")
    });
    tmux.keys(&["o"]);
    tmux.wait_for("Send the deck");
    tmux.keys(&["F1"]);
    tmux.wait_for("Keys · Esc/q/F1 closes");
    tmux.keys(&["Escape"]);
    tmux.wait_gone("Keys · Esc/q/F1 closes");
    // q, then F1: the help showing proves q was read (keys are read in order) and did not
    // quit, where a look after a set time could come before q was read.
    tmux.keys(&["q"]);
    tmux.keys(&["F1"]);
    tmux.wait_for("Keys · Esc/q/F1 closes");
    tmux.keys(&["Escape"]);
    tmux.wait_gone("Keys · Esc/q/F1 closes");
    tmux.wait_for("Send the deck");
    tmux.keys(&["Q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

#[test]
fn a_config_with_an_error_starts_the_defaults_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = ledger(dir.path());
    let tmux = start("broken", &file, "mouse = true\n[keys]\nundo = \"x\"\n", "");
    let screen = tmux.wait_for("Config not used, defaults apply");
    assert!(screen.contains("line 3"), "{screen}");
    assert_eq!(
        tmux.flag("mouse_any_flag"),
        "0",
        "the file's mouse = true is not used"
    );
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

#[test]
fn ctrl_o_edits_the_note_in_the_editor_and_brings_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = ledger(dir.path());
    let editor = dir.path().join("editor.sh");
    let seen = dir.path().join("seen.txt");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ncp \"$1\" {}\nprintf 'Shipped early,\\nafter two reviews\\n' > \"$1\"\n",
            quoted(&seen)
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o700)).unwrap();
    let tmux = start("editor", &file, "", &format!("EDITOR={}", quoted(&editor)));
    tmux.wait_for("Priya Raman");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Send the deck");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Resolve #1");
    tmux.keys(&["Tab", "Tab"]);
    tmux.text("draft");
    tmux.keys(&["C-o"]);
    let screen = tmux.wait_for("The text is back from the editor.");
    assert!(
        screen.contains("Shipped early, after two reviews"),
        "{screen}"
    );
    assert!(
        screen.contains("Resolve #1"),
        "the form is drawn again:\n{screen}"
    );
    assert_eq!(tmux.flag("alternate_on"), "1");
    assert_eq!(
        std::fs::read_to_string(&seen).unwrap(),
        "draft\n",
        "the editor got the field's text"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("#1 kept");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    let ledger = Store::open(&file).unwrap().ledger().clone();
    assert_eq!(ledger.promises[0].note, "Shipped early, after two reviews");
}

/// An editor that is not installed, at 60x16 on a person's page, where the status line has
/// one row: it said `The editor: `no-such-ed` was not found (set $VISUAL or…`, cut
/// before its fix. Its short form keeps the fix whole; 80x24 says it all.
#[test]
fn an_editor_not_found_says_its_fix_at_60_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = ledger(dir.path());
    let tmux = start("no-editor", &file, "", "EDITOR=no-such-ed");
    tmux.wait_for("Priya Raman");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Send the deck");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Resolve #1");
    tmux.keys(&["Tab", "Tab", "C-o"]);
    tmux.wait_for_all(&[
        " The editor: `no-such-ed` was not found (set $VISUAL or $EDITOR to an editor",
        " that is installed); the field is as it was.",
    ]);
    let out = tmux.run(&["resize-window", "-t", "e2e", "-x", "60", "-y", "16"]);
    assert!(out.status.success(), "{out:?}");
    let screen = tmux.wait_for(" Editor `no-such-ed` not found. Set $VISUAL or $EDITOR.");
    assert!(screen.contains("Resolve #1"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("cancelled");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// An editor named by a path of 15 characters or more, not installed, at 60x16 on a
/// person's page: the short form cut it at its end, before the fix (`Editor
/// `/opt/bin/my-long-edi… Set $VISUAL or $EDITOR.`); it names the program's file name whole.
#[test]
fn a_long_editor_not_found_is_named_by_its_program_at_60_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = ledger(dir.path());
    let tmux = start("long-editor", &file, "", "EDITOR=/opt/bin/my-long-editor");
    tmux.wait_for("Priya Raman");
    let out = tmux.run(&["resize-window", "-t", "e2e", "-x", "60", "-y", "16"]);
    assert!(out.status.success(), "{out:?}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Send the deck");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Resolve #1");
    tmux.keys(&["Tab", "Tab", "C-o"]);
    tmux.wait_for(" Editor `my-long-editor` not found. Set $VISUAL or $EDITOR.");
    tmux.keys(&["Escape"]);
    tmux.wait_for("cancelled");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

#[test]
fn the_mouse_picks_a_tab_and_is_off_again_after() {
    let dir = tempfile::tempdir().unwrap();
    let file = ledger(dir.path());
    let tmux = start("mouse", &file, "mouse = true\n", "");
    let screen = tmux.wait_for("Priya Raman");
    assert_eq!(
        tmux.flag("mouse_any_flag"),
        "1",
        "the UI asked for the mouse"
    );
    let first = screen.lines().next().unwrap_or("");
    let column = first.find(" Agenda ").expect("the agenda tab") + 3;
    // A left click there, as an SGR mouse report (1-based column and row).
    tmux.text(&format!("\u{1b}[<0;{column};1M\u{1b}[<0;{column};1m"));
    tmux.wait_for("This week");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    assert_eq!(
        tmux.flag("mouse_any_flag"),
        "0",
        "mouse reporting was turned off"
    );
}
