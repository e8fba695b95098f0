//! The real binary in a real terminal: tmux runs `trustladder` at 80x24, the test types into
//! it and reads the screen, then checks the file it saved and that it exited cleanly.
//!
//! tmux must be installed (CI installs it); without it this test fails and says so, rather
//! than passing without having run.

mod tmux_support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tmux_support::{Tmux, quoted, run_on};
use trustladder::core::Status;
use trustladder::store::Store;

/// Starts the UI on the demo team in a tmux session called `name`, with `--file` pointing at
/// `file` (which the demo must leave alone) and its temporary folder made in `tmp`, and waits
/// for its first screen. `exec`, so the pane's process is the binary itself and signals reach
/// it.
fn start_demo(name: &str, file: &Path, tmp: &Path) -> Tmux {
    let command = format!(
        "exec env TMPDIR={} {} --demo --file {} --today 2026-11-24",
        quoted(tmp),
        quoted(Path::new(env!("CARGO_BIN_EXE_trustladder"))),
        quoted(file)
    );
    let tmux = Tmux::start(name, &command);
    tmux.wait_for("Demo: a temporary file, not your data.");
    assert_eq!(demo_folders(tmp), 1, "the demo made its temporary folder");
    tmux
}

/// How many demo folders are in `tmp`: one while the demo runs, none once it has exited.
fn demo_folders(tmp: &Path) -> usize {
    std::fs::read_dir(tmp)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with("trustladder-demo")
                })
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn add_a_person_and_a_promise_mark_it_kept_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    let command = format!(
        "{} --file {} --today 2026-11-24",
        quoted(Path::new(env!("CARGO_BIN_EXE_trustladder"))),
        quoted(&file)
    );
    let tmux = Tmux::start("flow", &command);
    tmux.wait_for("No one yet");
    // A file not made yet is named where it will be, so that a mistyped path is seen.
    let named = format!(
        "No ledger at {} yet: the first change makes it. p adds a person, ? lists every key.",
        file.display()
    );
    tmux.wait_until("the file named where it will be made", |screen| {
        screen
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(&named)
    });

    tmux.keys(&["p"]);
    tmux.wait_for("New person");
    tmux.text("Priya Raman");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Added Priya Raman. u undoes");

    tmux.keys(&["n"]);
    tmux.wait_for("New promise");
    tmux.text("Send the deck");
    tmux.keys(&["Tab", "Tab", "Tab", "Tab"]);
    tmux.text("fri");
    tmux.wait_for("Friday 27 November 2026");
    tmux.keys(&["Enter"]);
    tmux.wait_for("#1 added for Priya Raman");

    tmux.keys(&["Enter"]);
    tmux.wait_for("Send the deck");
    tmux.keys(&["d"]);
    let screen = tmux.wait_for("#1 kept. u undoes");
    assert!(screen.contains("Priya Raman"), "{screen}");

    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    let after = tmux.screen();
    assert!(
        !after.contains("trustladder"),
        "the terminal was not restored:\n{after}"
    );

    let store = Store::open(&file).unwrap();
    let ledger = store.ledger();
    assert_eq!(ledger.people.len(), 1);
    assert_eq!(ledger.people[0].name, "Priya Raman");
    assert_eq!(ledger.promises.len(), 1);
    let p = &ledger.promises[0];
    assert_eq!(p.what, "Send the deck");
    assert_eq!(p.status, Status::Kept);
    assert_eq!(p.due.map(|d| d.to_string()).as_deref(), Some("2026-11-27"));
    assert_eq!(
        p.resolved.map(|d| d.to_string()).as_deref(),
        Some("2026-11-24")
    );
}

/// Sends `signal` to the UI running on the demo team and checks it exits cleanly.
fn signal_restores_the_terminal_and_exits(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    let tmux = start_demo(signal, &file, dir.path());
    let pid = tmux.pane_pid();
    let killed = Command::new("kill")
        .args([format!("-{signal}").as_str(), &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(tmux.wait_exit(), "0");
    assert!(!tmux.screen().contains("People"), "{}", tmux.screen());
    assert!(!file.exists(), "--demo must leave the given file untouched");
    assert_eq!(
        demo_folders(dir.path()),
        0,
        "the demo folder was left behind"
    );
}

/// Closing the terminal under the UI (here: killing its tmux server, as closing a window or a
/// pane does) must end the process, not leave it spinning on a dead terminal.
#[test]
fn a_closed_terminal_ends_the_process() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = start_demo("closed", &dir.path().join("team.json"), dir.path());
    let pid = tmux.pane_pid();
    let proc_dir = Path::new("/proc").join(&pid);
    assert!(proc_dir.exists());
    tmux.run(&["kill-server"]);

    let start = Instant::now();
    while proc_dir.exists() && !is_zombie(&proc_dir) {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            panic!("trustladder kept running for 10 s after its terminal was closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        demo_folders(dir.path()),
        0,
        "the demo folder was left behind"
    );
}

/// A process that has exited but not yet been reaped by its parent.
fn is_zombie(proc_dir: &Path) -> bool {
    std::fs::read_to_string(proc_dir.join("stat"))
        .map(|stat| {
            stat.rsplit(')')
                .next()
                .is_some_and(|rest| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(true)
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    signal_restores_the_terminal_and_exits("TERM");
}

#[test]
fn sighup_restores_the_terminal_and_exits() {
    signal_restores_the_terminal_and_exits("HUP");
}

/// `?`, `/` and a word in a real terminal: the help shows only the entries with the word, each
/// under its heading, above the search line; `Enter` keeps the search, `Esc` clears it, and
/// `Esc` again closes the help.
#[test]
fn the_help_shows_only_the_entries_a_search_finds() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = start_demo("help-search", &dir.path().join("team.json"), dir.path());
    tmux.keys(&["?"]);
    tmux.wait_for_all(&[
        "Keys · Esc/q/? closes · / searches · j/k scroll",
        "Tab        next view",
    ]);
    tmux.keys(&["/"]);
    tmux.wait_for("Search the help · Enter keeps it · Esc clears it");
    tmux.text("undo");
    tmux.wait_for_all_without(
        &[
            "Search: undo",
            "In every view",
            "u          undo the last change",
            "Ctrl-r     redo what was undone",
            "The 1:1 prep",
            "4 entries",
            "Enter keep  Esc clear",
        ],
        &["next view"],
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("Keys · Esc clears the search · q/? closes");
    tmux.keys(&["Escape"]);
    tmux.wait_for_all_without(
        &["Keys · Esc/q/? closes · / searches", "Tab        next view"],
        &["Search: "],
    );
    tmux.keys(&["Escape"]);
    tmux.wait_gone("Keys · Esc/q/? closes");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// Stray marks another program (or a terminal's mistake with an emoji) leaves on the screen
/// stay there, since the UI redraws only the cells it changes; Ctrl-l draws every cell again
/// and they are gone.
#[test]
fn ctrl_l_draws_away_stray_marks() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = start_demo("redraw", &dir.path().join("team.json"), dir.path());
    let out = tmux.run(&["display-message", "-p", "-t", "e2e", "#{pane_tty}"]);
    let tty = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(tty.starts_with("/dev/"), "no pane terminal: {tty:?}");
    // Written straight to the terminal, behind the UI's back: row 5, column 10.
    std::fs::write(&tty, "\x1b[5;10HSTRAYSTRAY").expect("the pane's terminal takes text");
    tmux.wait_for("STRAYSTRAY");
    // Frames drawn since, the filter opened and closed on other rows, leave the marks: each
    // is seen drawn, where a fixed wait proved a frame came only on a machine that kept up.
    // A frame reaches tmux top row first, so row 5 is as drawn once the status line shows.
    tmux.keys(&["/"]);
    let screen = tmux.wait_for_all(&["filter: ", "Type to filter"]);
    assert!(
        screen.contains("STRAYSTRAY"),
        "the filter's frame left the marks"
    );
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for_all_without(&["Filter cleared."], &["filter: "]);
    assert!(
        screen.contains("STRAYSTRAY"),
        "the list's frame left the marks"
    );
    tmux.keys(&["C-l"]);
    tmux.wait_gone("STRAYSTRAY");
    tmux.wait_for("Amara Okafor");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// `d d d` arriving at once, as a terminal delivers keys typed faster than a save, marks the
/// first three promises of the agenda, each once.
#[test]
fn d_d_d_in_one_burst_marks_three_promises() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = start_demo("triage", &dir.path().join("team.json"), dir.path());
    tmux.keys(&["Tab", "Tab"]);
    tmux.wait_for("Agenda · 24 open · 6 overdue");
    tmux.keys(&["d", "d", "d"]);
    let screen = tmux.wait_for("Agenda · 21 open · 3 overdue");
    assert!(!screen.to_lowercase().contains("not saved"), "{screen}");
    tmux.wait_for(" 3 to undo, 0 to redo");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// In a real terminal the `/` filter's insertion point is the terminal's own cursor: after
/// `pri`, Left and `y` the filter reads `pryi` and the cursor stands after the `y`, where an
/// input method would open its window.
#[test]
fn the_filter_s_cursor_stands_at_the_insertion_point() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = start_demo("filter-cursor", &dir.path().join("team.json"), dir.path());
    tmux.keys(&["/"]);
    tmux.wait_for("Type to filter");
    tmux.text("pri");
    tmux.wait_for("filter: pri ");
    tmux.keys(&["Left"]);
    tmux.text("y");
    let screen = tmux.wait_for("filter: pryi ");
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("filter: pryi "))
        .expect("the title with the filter");
    // The title line holds no wide character, so its characters are its columns.
    let at = line
        .find("filter: pryi")
        .map_or(0, |byte| line[..byte].chars().count());
    let want = format!("{} {row} 1", at + "filter: pry".len());
    let start = Instant::now();
    loop {
        let out = tmux.run(&[
            "display-message",
            "-p",
            "-t",
            "e2e",
            "#{cursor_x} #{cursor_y} #{cursor_flag}",
        ]);
        let cursor = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if cursor == want {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the cursor (x y shown) is {cursor:?}, not {want:?}; the screen:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.keys(&["Escape"]);
    tmux.wait_for("Filter cleared.");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// The command line in a terminal (80 columns): `review` wraps its prose to the terminal, the
/// lines a wrap began indented under the line they go on, where a terminal left to break them
/// itself would start them at the left edge, mid-word.
#[test]
fn on_a_terminal_review_wraps_its_prose_to_the_terminals_width() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    let bin = env!("CARGO_BIN_EXE_trustladder");
    let run = |args: &[&str]| run_on(&file, args);
    run(&["person", "add", "Priya Raman"]);
    for (what, on) in [
        ("Review PR 412", "2026-11-02"),
        ("Send the deck", "2026-11-09"),
        ("Book the room", "2026-11-16"),
    ] {
        run(&["log", "priya", what, "--on", on]);
    }
    // The pane stays (the shell sleeps, killed with the server when the test ends): a command
    // this quick could end before tmux is told to keep a pane whose program has exited.
    let command = format!(
        "{} --file {} --today 2026-11-24 review priya; echo \"exit $?\"; sleep 60",
        quoted(Path::new(bin)),
        quoted(&file)
    );
    let tmux = Tmux::start("review-wrap", &command);
    let screen = tmux.wait_for("exit 0");
    // The last screen holds the legend, whose points are wrapped at 92 columns elsewhere.
    assert!(
        screen.lines().any(|l| l.starts_with("- ")),
        "the legend is on the screen:\n{screen}"
    );
    let output = screen.lines().filter(|l| !l.is_empty() && *l != "exit 0");
    for line in output {
        assert!(
            line.starts_with(' ')
                || line.starts_with("- ")
                || line.starts_with("How the figures are made:")
                || line.starts_with("Priya Raman (priya-raman)"),
            "{line:?} starts at the left edge; the screen:\n{screen}"
        );
    }
}

/// The tables on the command line in an 80-column terminal: no line is wider than the
/// terminal, which would break it across the columns, mid-word. `person list` and `keys`
/// leave out the columns they can do without and say so; `list` and `agenda` wrap the
/// promise's text, under its row when the columns leave it too little room; `review` wraps a
/// rung's record within its column.
#[test]
fn on_a_terminal_every_table_fits_the_terminals_width() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    let bin = env!("CARGO_BIN_EXE_trustladder");
    let run = |args: &[&str]| run_on(&file, args);
    let long = "Write up the incident review of the billing outage for the whole team";
    for (name, role) in [
        ("Priya Raman-Castellanos", "Backend lead"),
        ("Marcus Álvarez", "Site reliability"),
    ] {
        run(&["person", "add", name, "--role", role]);
        for on in ["2026-09-02", "2026-10-09", "2026-11-16"] {
            run(&["log", &name[..5], long, "--on", on]);
        }
        run(&["promise", "add", &name[..5], long, "--due", "2026-11-20"]);
        run(&[
            "promise",
            "add",
            &name[..5],
            long,
            "--due",
            "2026-11-27",
            "--mine",
        ]);
    }
    // An empty config file, so that no config of the machine's changes the keys.
    std::fs::write(dir.path().join("empty.toml"), "").unwrap();
    let command = format!(
        "cd {} && for c in 'person list' list agenda 'review priya' keys; do {} --file {} --config empty.toml --today 2026-11-24 $c; done; echo \"exit $?\"; sleep 60",
        quoted(dir.path()),
        quoted(Path::new(bin)),
        quoted(&file)
    );
    let tmux = Tmux::start("tables-fit", &command);
    tmux.wait_for("exit 0");
    let printed = tmux.history_joined();
    for line in printed.lines() {
        let width = line.trim_end().chars().count();
        assert!(width <= 80, "{width} columns: {line:?}\n{printed}");
    }
    for part in [
        "HANDLE",
        "(Left out at this width: ROLE",
        "Overdue (2 theirs, 0 mine)",
        "Trust level:",
        "(Left out at this width: SET.)",
    ] {
        assert!(printed.contains(part), "{part:?} is missing:\n{printed}");
    }
    // The agenda's groups show the same columns (WHAT's header goes with its text when that
    // goes under the rows).
    let headers: Vec<Vec<&str>> = printed
        .lines()
        .filter(|l| l.contains("WHOSE") && l.contains("WHEN"))
        .map(|l| l.split_whitespace().filter(|h| *h != "WHAT").collect())
        .collect();
    assert!(headers.len() >= 2, "{printed}");
    assert!(headers.windows(2).all(|h| h[0] == h[1]), "{headers:?}");
    // Every word of the long text is printed, wrapped between words.
    let words: Vec<&str> = printed.split_whitespace().collect();
    assert!(
        words.windows(2).any(|w| w == ["billing", "outage"]),
        "{printed}"
    );
}

/// The status line's message, cut at 80x24, is read whole: a data file damaged under the UI,
/// `Ctrl-s` keeps the ledger shown and says where in more than two lines hold; the hint bar
/// offers `m full message` first, and once the next message has replaced it, `m` shows it in
/// full.
#[test]
fn a_message_the_status_line_cut_is_read_whole_with_m() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    run_on(&file, &["person", "add", "Priya Raman"]);
    let command = format!(
        "exec {} --file {} --today 2026-11-24",
        quoted(Path::new(env!("CARGO_BIN_EXE_trustladder"))),
        quoted(&file)
    );
    let tmux = Tmux::start("messages", &command);
    tmux.wait_for("Priya Raman");
    std::fs::write(&file, b"garbage").unwrap();
    tmux.wait_for("Could not reload");
    tmux.keys(&["C-s"]);
    // The hint bar, the last line, is drawn after the message above it.
    let screen = tmux.wait_until("the message with m full message first on the bar", |s| {
        let bar = s
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .unwrap_or_default();
        s.contains("Wrote the ledger shown to") && bar.starts_with(" m full message ")
    });
    assert!(!screen.contains("then put it in place"), "cut: {screen}");
    tmux.keys(&["s"]);
    tmux.wait_for("Sorted by level.");
    tmux.keys(&["m"]);
    let copy = dir.path().join("team-as-shown.json");
    let said = format!(
        "Wrote the ledger shown to {}; the data file is left as it is. Check the copy \
         (`trustladder --file {} check`), then put it in place of the data file.",
        copy.display(),
        copy.display()
    );
    let said: Vec<&str> = said.split_whitespace().collect();
    // The popup's title is drawn before its lines.
    tmux.wait_until("the message whole in the popup", |s| {
        let popup: Vec<&str> = s
            .lines()
            .filter(|line| line.matches('│').count() >= 2)
            .filter_map(|line| line.split('│').max_by_key(|part| part.len()))
            .flat_map(str::split_whitespace)
            .collect();
        s.contains("Messages, newest first")
            && popup.windows(said.len()).any(|w| w == said.as_slice())
    });
    tmux.keys(&["Escape"]);
    tmux.wait_gone("Messages, newest first");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}
