//! The terminal UI in one pane and the command line in another, on one file, with the real
//! binary: tmux runs the UI, the test runs the command line beside it, and every change of
//! both is kept.

mod tmux_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use tmux_support::{Tmux, quoted};
use trustladder::core::{Level, PromiseId, Status};
use trustladder::store::Store;

const TODAY: &str = "2026-11-24";

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_trustladder"))
}

/// The other pane: runs one command on `file` and asserts it succeeded.
fn shell(file: &Path, args: &[&str]) -> String {
    let out = Command::new(bin())
        .env_remove("TRUSTLADDER_FILE")
        .arg("--file")
        .arg(file)
        .args(["--today", TODAY])
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A file with Priya and two open promises, #1 and #2, and the UI open on Priya's page.
fn ui_on_priya(name: &str) -> (tempfile::TempDir, PathBuf, Tmux) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    shell(&file, &["person", "add", "Priya Raman"]);
    shell(&file, &["promise", "add", "priya", "Send the deck"]);
    shell(&file, &["promise", "add", "priya", "Review PR 412"]);
    let command = format!(
        "exec {} --file {} --today {TODAY}",
        quoted(bin()),
        quoted(&file)
    );
    let tmux = Tmux::start(name, &command);
    tmux.wait_for("Priya Raman");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Review PR 412");
    (dir, file, tmux)
}

/// Selects the promise whose text is `what` on the person page, giving a slow machine time
/// to draw each move.
fn select(tmux: &Tmux, what: &str) {
    let selected = || {
        tmux.screen()
            .lines()
            .any(|l| l.contains('▶') && l.contains(what))
    };
    tmux.keys(&["g"]);
    for _ in 0..5 {
        for _ in 0..40 {
            if selected() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        tmux.keys(&["j"]);
    }
    panic!("could not select {what}:\n{}", tmux.screen());
}

fn saved(file: &Path) -> trustladder::core::Ledger {
    Store::open(file).unwrap().ledger().clone()
}

fn quit(tmux: &Tmux) {
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

#[test]
fn a_stale_edit_form_keeps_what_the_shell_set_meanwhile() {
    let (_dir, file, tmux) = ui_on_priya("stale");
    select(&tmux, "Send the deck");
    tmux.keys(&["e"]);
    tmux.wait_for("Edit promise #1");
    shell(
        &file,
        &["edit", "1", "--level", "impact", "--due", "2027-01-15"],
    );
    tmux.keys(&["End"]);
    tmux.text(" today");
    tmux.keys(&["Enter"]);
    tmux.wait_for("merged with a change saved elsewhere");
    let p = saved(&file).promise(PromiseId(1)).unwrap().clone();
    assert_eq!(p.what, "Send the deck today");
    assert_eq!(p.level, Level::Impact);
    assert_eq!(p.due.map(|d| d.to_string()).as_deref(), Some("2027-01-15"));
    quit(&tmux);
}

#[test]
fn undo_keeps_the_text_the_shell_changed_and_never_brings_back_a_deleted_promise() {
    let (_dir, file, tmux) = ui_on_priya("undo");
    select(&tmux, "Send the deck");
    tmux.keys(&["d"]);
    tmux.wait_for("#1 kept. u undoes");
    shell(&file, &["edit", "1", "--what", "Send the board deck"]);
    tmux.keys(&["u"]);
    tmux.wait_for("Undid: #1 kept");
    let p = saved(&file).promise(PromiseId(1)).unwrap().clone();
    assert_eq!(
        (p.status, p.what.as_str()),
        (Status::Open, "Send the board deck")
    );

    select(&tmux, "Review PR 412");
    tmux.keys(&["d"]);
    tmux.wait_for("#2 kept. u undoes");
    shell(&file, &["rm", "2"]);
    tmux.keys(&["u"]);
    tmux.wait_for("#2 was deleted elsewhere");
    assert!(saved(&file).promise(PromiseId(2)).is_none());
    quit(&tmux);
}

#[test]
fn the_ui_refuses_a_future_outcome_with_the_command_lines_words() {
    let (_dir, file, tmux) = ui_on_priya("future");
    select(&tmux, "Send the deck");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Resolve #1");
    tmux.keys(&["Tab", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace"]);
    tmux.text("+3d");
    tmux.keys(&["Enter"]);
    tmux.wait_for("is after today");
    assert_eq!(saved(&file).promises[0].status, Status::Open);
    let cli = Command::new(bin())
        .arg("--file")
        .arg(&file)
        .args(["--today", TODAY, "keep", "1", "--on", "+3d"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&cli.stderr).trim(),
        "trustladder: 2026-11-27 is after today (2026-11-24); an outcome cannot be recorded in the future"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("cancelled, nothing saved");
    quit(&tmux);
}
