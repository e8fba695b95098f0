//! The terminal UI in one pane and the command line in another, on one file, with the real
//! binary: tmux runs the UI, the test runs the command line beside it, and every change of
//! both is kept.

mod tmux_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

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

/// A file with Priya (a backend engineer who prefers written updates) and two open
/// promises, #1 and #2, and the UI open on Priya's page.
fn ui_on_priya(name: &str) -> (tempfile::TempDir, PathBuf, Tmux) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    shell(
        &file,
        &[
            "person",
            "add",
            "Priya Raman",
            "--role",
            "Backend",
            "--note",
            "Prefers written updates",
        ],
    );
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

/// Selects the promise whose text is `what` on the person page: one `j` or `k` at a time
/// toward its row, each once the selection has moved for the one before (a key pressed after
/// a set time could come before a slow machine drew the last, and pass the row).
fn select(tmux: &Tmux, what: &str) {
    let rows = |screen: &str| {
        let lines: Vec<&str> = screen.lines().collect();
        let selected = lines.iter().position(|l| l.contains('▶'));
        let wanted = lines.iter().position(|l| l.contains(what));
        (selected, wanted)
    };
    let start = Instant::now();
    loop {
        let screen = tmux.screen();
        if let (Some(selected), Some(wanted)) = rows(&screen) {
            if selected == wanted {
                return;
            }
            tmux.keys(&[if selected < wanted { "j" } else { "k" }]);
            tmux.wait_until("the selection moved", |s| rows(s).0 != Some(selected));
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "could not select {what}:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
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
fn a_stale_person_form_keeps_the_role_the_shell_set_meanwhile() {
    let (_dir, file, tmux) = ui_on_priya("person");
    tmux.keys(&["E"]);
    tmux.wait_for("Edit person");
    shell(
        &file,
        &["person", "edit", "priya", "--role", "Backend lead"],
    );
    // To the note, past the name and the role, and a word at its end.
    tmux.keys(&["Tab", "Tab", "End"]);
    tmux.text(" only");
    tmux.keys(&["Enter"]);
    tmux.wait_for("merged with a change saved elsewhere");
    let priya = saved(&file).people[0].clone();
    assert_eq!(
        (priya.role.as_str(), priya.note.as_str()),
        ("Backend lead", "Prefers written updates only")
    );
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
        "trustladder: --on: 2026-11-27 is after today (2026-11-24); an outcome cannot be recorded in the future: give --on 2026-11-24 or an earlier day"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("cancelled, nothing saved");
    // What was typed is kept for the form: q names it first, and quits when pressed again.
    tmux.keys(&["q"]);
    tmux.wait_for("q again quits");
    quit(&tmux);
}

#[test]
fn after_restore_backup_no_number_is_handed_out_twice_and_a_pending_undo_hits_nothing_else() {
    let (_dir, file, tmux) = ui_on_priya("restore");
    shell(&file, &["promise", "add", "priya", "Third"]);
    tmux.wait_for("Third");
    select(&tmux, "Third");
    tmux.keys(&["d"]);
    tmux.wait_for("#3 kept. u undoes");
    // Back to the file before #3 was added: the newest backup holds #3 open, the one before
    // it the file without #3.
    shell(&file, &["restore-backup", "2"]);
    let restored = saved(&file);
    assert!(restored.promise(PromiseId(3)).is_none());
    assert_eq!(restored.promises.len(), 2);
    // The next promise gets a new number, not the vanished #3's.
    assert_eq!(
        shell(&file, &["promise", "add", "priya", "After the restore"]).trim(),
        "4"
    );
    let newest = saved(&file).promise(PromiseId(4)).unwrap().clone();
    // The UI's pending undo of "#3 kept" finds no #3 and leaves #4 alone.
    tmux.keys(&["u"]);
    tmux.wait_for("#3 was deleted elsewhere");
    let after = saved(&file);
    assert!(after.promise(PromiseId(3)).is_none());
    assert_eq!(after.promise(PromiseId(4)), Some(&newest));
    assert_eq!(
        (newest.what.as_str(), newest.status),
        ("After the restore", Status::Open)
    );
    quit(&tmux);
}
