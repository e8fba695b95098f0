//! The real binary in tmux under unlucky and hostile conditions: a save that waits for a
//! writer stopped with Ctrl-Z, a paste of several lines, a terminal below the minimum size,
//! and the sample team's temporary folder under a permissive umask.
//!
//! tmux must be installed (CI installs it); without it these tests fail and say so.

mod store_support;
mod tmux_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use store_support::{StoppedWriter, hold_the_lock_child};
use tmux_support::{Tmux, quoted, run_on};
use trustladder::store::Store;

const TODAY: &str = "2026-11-24";

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_trustladder"))
}

/// Not a test of its own: the writer that [`StoppedWriter`] starts and stops mid-save.
#[test]
fn lock_holder_child() {
    hold_the_lock_child();
}

/// A file with Priya and one open promise, and the UI open on Priya's page.
fn ui_on_priya(name: &str) -> (tempfile::TempDir, PathBuf, Tmux) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    run_on(&file, &["person", "add", "Priya Raman"]);
    run_on(&file, &["promise", "add", "priya", "Send the deck"]);
    let command = format!(
        "exec {} --file {} --today {TODAY}",
        quoted(bin()),
        quoted(&file)
    );
    let tmux = Tmux::start(name, &command);
    tmux.wait_for("Priya Raman");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Send the deck");
    (dir, file, tmux)
}

/// Marks the promise kept while a stopped writer holds the lock: the UI says it waits, its
/// keys keep working, and `stop` (a signal or a key) ends it at once with the terminal
/// restored and the file as it was. After Ctrl-c (`told`), the change given up is named and
/// the exit is 1, as for a quit that waited; a signal ends the UI quietly.
fn a_save_waiting_for_a_stopped_writer_does_not_hold_the_exit(
    name: &str,
    told: bool,
    stop: impl Fn(&Tmux),
) {
    let (_dir, file, tmux) = ui_on_priya(name);
    let before = std::fs::read(&file).unwrap();
    let holder = StoppedWriter::start("lock_holder_child", &file);
    tmux.keys(&["d"]);
    tmux.wait_for(&format!(
        "Waiting for another trustladder process (PID {})",
        holder.pid()
    ));
    tmux.keys(&["?"]);
    tmux.wait_for("Keys");
    tmux.keys(&["Escape"]);
    // The help closes (and the Escape is read on its own, not as Alt with the next key).
    tmux.wait_gone("Keys");
    let started = Instant::now();
    stop(&tmux);
    assert_eq!(tmux.wait_exit(), if told { "1" } else { "0" });
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the exit waited {:?}",
        started.elapsed()
    );
    let after = tmux.screen();
    assert!(!after.contains("Send the deck"), "not restored:\n{after}");
    let said = tmux.history_joined();
    assert_eq!(
        said.contains(
            "quit with a change not saved: the outcome of #1: given up as the UI quit while \
             another process held the lock; nothing was changed"
        ),
        told,
        "{said}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing was saved");
    drop(holder);
}

#[test]
fn sigterm_ends_the_ui_while_a_save_waits_for_a_stopped_writer() {
    a_save_waiting_for_a_stopped_writer_does_not_hold_the_exit("lock-term", false, |tmux| {
        let killed = Command::new("kill")
            .args(["-TERM", &tmux.pane_pid()])
            .status()
            .unwrap();
        assert!(killed.success());
    });
}

#[test]
fn sighup_ends_the_ui_while_a_save_waits_for_a_stopped_writer() {
    a_save_waiting_for_a_stopped_writer_does_not_hold_the_exit("lock-hup", false, |tmux| {
        let killed = Command::new("kill")
            .args(["-HUP", &tmux.pane_pid()])
            .status()
            .unwrap();
        assert!(killed.success());
    });
}

#[test]
fn ctrl_c_ends_the_ui_while_a_save_waits_for_a_stopped_writer() {
    a_save_waiting_for_a_stopped_writer_does_not_hold_the_exit("lock-ctrl-c", true, |tmux| {
        tmux.keys(&["C-c"]);
    });
}

#[test]
fn a_save_that_waited_lands_once_the_writer_goes() {
    let (_dir, file, tmux) = ui_on_priya("lock-lands");
    let holder = StoppedWriter::start("lock_holder_child", &file);
    tmux.keys(&["d"]);
    tmux.wait_for("Waiting for another trustladder process");
    drop(holder);
    tmux.wait_for("#1 kept. u undoes");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    let ledger = Store::open(&file).unwrap().ledger().clone();
    assert_eq!(
        ledger.promises[0].status,
        trustladder::core::Status::Kept,
        "the save landed after the holder was killed"
    );
}

/// A form's save that gives up on a stopped writer says so in the form and on the status
/// line, which no longer reads "Waiting…"; the file is as it was.
#[test]
fn a_form_whose_save_gives_up_no_longer_says_it_waits() {
    let (_dir, file, tmux) = ui_on_priya("lock-form");
    let before = std::fs::read(&file).unwrap();
    let holder = StoppedWriter::start("lock_holder_child", &file);
    tmux.keys(&["e"]);
    tmux.wait_for("Edit promise #1");
    tmux.keys(&["End"]);
    tmux.text(" v2");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Waiting for another trustladder process");
    // It gives up after 10 s.
    let screen = tmux.wait_until_within(Duration::from_secs(30), "the save given up", |s| {
        s.contains("Not saved: see the form.")
            && s.contains("held the lock")
            && !s.contains("Waiting for another")
    });
    assert!(screen.contains("Send the deck v2"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("cancelled, nothing saved");
    // What was typed is kept for the form: q names it first, and quits when pressed again.
    tmux.keys(&["q"]);
    tmux.wait_for("q again quits");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    drop(holder);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// The sample team's temporary folder is private whatever the umask: 0700, its file 0600.
#[test]
fn the_demo_folder_is_private_under_umask_000() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "umask 000; exec env TMPDIR={} {} --demo --file {} --today {TODAY}",
        quoted(dir.path()),
        quoted(bin()),
        quoted(&dir.path().join("team.json"))
    );
    let tmux = Tmux::start("demo-umask", &command);
    tmux.wait_for("Demo: a temporary file, not your data.");
    let demo = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("trustladder-demo")
        })
        .expect("the demo folder")
        .path();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&demo), 0o700, "the demo folder");
    assert_eq!(mode(&demo.join("demo-team.json")), 0o600, "the demo file");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    assert!(!demo.exists(), "the demo folder is removed on quit");
}

/// A paste of several lines through the terminal (bracketed, as tmux's `paste-buffer -p`
/// sends it to a program that asked for it): into the form's field as one line, never as
/// keys; outside a text field it does nothing; the shell gets bracketed paste back off.
#[test]
fn a_pasted_text_of_several_lines_is_text_not_commands() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    run_on(&file, &["person", "add", "Priya Raman"]);
    run_on(&file, &["promise", "add", "priya", "Send the deck"]);
    // After the UI, `cat -v` shows what a paste sends to the shell.
    let command = format!(
        "{} --file {} --today {TODAY}; cat -v",
        quoted(bin()),
        quoted(&file)
    );
    let tmux = Tmux::start("paste", &command);
    tmux.wait_for("Priya Raman");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Send the deck");
    let paste = |text: &str| {
        assert!(tmux.run(&["set-buffer", "-b", "p", text]).status.success());
        assert!(
            tmux.run(&["paste-buffer", "-p", "-b", "p", "-t", "e2e"])
                .status
                .success()
        );
    };
    let before = std::fs::read(&file).unwrap();
    // On Priya's page: `b` would mark #1 broken, `e` open a form, `x` `y` delete it.
    paste("b\ne\nx\ny\n");
    tmux.keys(&["?"]);
    tmux.wait_for("Keys");
    tmux.keys(&["Escape"]);
    // The help closes (and the Escape is read on its own, not as Alt with the next key).
    tmux.wait_gone("Keys");
    let screen = tmux.wait_for("Send the deck");
    assert!(!screen.contains("Delete"), "{screen}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the paste changed nothing"
    );

    tmux.keys(&["e"]);
    tmux.wait_for("Edit promise #1");
    tmux.keys(&["End"]);
    paste(" today\nb e x y");
    tmux.wait_for("Send the deck today b e x y");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "nothing saved at the line break"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("u undoes");
    tmux.keys(&["q"]);
    let ledger = Store::open(&file).unwrap().ledger().clone();
    assert_eq!(ledger.promises[0].what, "Send the deck today b e x y");
    assert_eq!(ledger.promises[0].status, trustladder::core::Status::Open);
    assert_eq!(ledger.promises.len(), 1);
    // Back in the shell, a paste comes without the brackets: the mode was turned off.
    tmux.wait_gone("Send the deck");
    paste("after the UI\n");
    let screen = tmux.wait_for("after the UI");
    assert!(
        !screen.contains("200~"),
        "bracketed paste was left on:\n{screen}"
    );
}

/// At 20x5 the screen says how to quit and only that works: `d` marks nothing kept. Back at
/// 80x24 the promise is still open; small again, `q` quits.
#[test]
fn a_terminal_below_the_minimum_obeys_only_quit() {
    let (_dir, file, tmux) = ui_on_priya("small");
    let before = std::fs::read(&file).unwrap();
    let resize = |w: &str, h: &str| {
        let out = tmux.run(&["resize-window", "-t", "e2e", "-x", w, "-y", h]);
        assert!(out.status.success(), "{out:?}");
    };
    resize("20", "5");
    tmux.wait_for("Press q to quit");
    tmux.keys(&["d", "x", "y", "e"]);
    tmux.text("b");
    // Taken at 20x5 before the window grows, or `e` would open the form at 80x24.
    tmux.wait_keys_read();
    resize("80", "24");
    let screen = tmux.wait_for("Send the deck");
    assert!(!screen.contains("Edit promise"), "{screen}");
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing was saved");
    resize("20", "5");
    tmux.wait_for("Press q to quit");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// Too few file descriptors left for the terminal's key reader (`ulimit -n 6`): the UI names
/// the cause and what to do, where it said only crossterm's "Failed to initialize input
/// reader"; it ends with 1 and nothing is written.
#[test]
fn too_few_open_files_for_the_key_reader_are_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    run_on(&file, &["person", "add", "Priya Raman"]);
    let before = std::fs::read(&file).unwrap();
    let command = format!(
        "ulimit -n 6; exec env TRUSTLADDER_CONFIG=/dev/null {} --file {} --today {TODAY}",
        quoted(bin()),
        quoted(&file)
    );
    let tmux = Tmux::start("nofile", &command);
    assert_eq!(tmux.wait_exit(), "1");
    let said: String = tmux
        .history_joined()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.contains(
            "trustladder: the UI cannot read the terminal's keys: this program may open no more files (Too many open files (os error 24)). Raise its limit (`ulimit -n`, say `ulimit -n 1024`) and start it again"
        ),
        "{said}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}
