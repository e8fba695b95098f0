//! The real binary in tmux, run from a shell, signalled and suspended: a signal while
//! `$EDITOR` has the terminal ends the editor with every process it started, leaves none of the
//! note's text in the temporary folders and gives the terminal back as the shell had it; a
//! Ctrl-c typed in the editor is the editor's; Ctrl-z and SIGTSTP give the shell its prompt
//! back, and `fg` brings the UI back drawn anew, its keys working.
//!
//! The editor is a small script whose name holds a marker of this test's own, and so does the
//! process it waits for: afterwards no process with the marker may be running. Screens are
//! compared with the blanks left out, so where the terminal breaks a line does not matter.
//!
//! tmux must be installed (CI installs it); without it these tests fail and say so.

mod crypt_support;
mod tmux_support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crypt_support::{SECRET, Vault};
use tmux_support::{Tmux, quoted, run_on};

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_trustladder"))
}

/// `text` without its blanks.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Waits for `what` to be on the screen, blanks aside.
fn wait_squeezed(tmux: &Tmux, what: &str) -> String {
    let want = squeezed(what);
    let start = Instant::now();
    loop {
        let screen = tmux.screen();
        if squeezed(&screen).contains(&want) {
            return screen;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "'{what}' never appeared; the screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits for `what` to be on the screen `times` times, blanks aside.
fn wait_times(tmux: &Tmux, what: &str, times: usize) -> String {
    let want = squeezed(what);
    let start = Instant::now();
    loop {
        let screen = tmux.screen();
        if squeezed(&screen).matches(&want).count() >= times {
            return screen;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "'{what}' never appeared {times} times; the screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits for the shell to print `UI-EXIT=` and the UI's exit code (`echo UI-EXIT=$?` typed
/// after the UI); returns the code.
fn ui_exit(tmux: &Tmux) -> String {
    exit_code_said_as(tmux, "UI-EXIT")
}

/// Waits for the shell to print `{label}=` and a code (`echo {label}=$?` typed); returns the
/// code. A label of its own for each echo keeps a code said earlier on the screen from being
/// read before the shell has said the new one.
fn exit_code_said_as(tmux: &Tmux, label: &str) -> String {
    let start = Instant::now();
    let typed = format!("{label}=$?");
    let said = format!("{label}=");
    loop {
        let screen = squeezed(&tmux.screen()).replace(&typed, "");
        if let Some((_, after)) = screen.rsplit_once(&said) {
            let code: String = after.chars().take_while(char::is_ascii_digit).collect();
            if !code.is_empty() {
                return code;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the UI's exit code never showed; the screen:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Once the UI has left its screen, its exit code, as the shell says it (the UI run on its own,
/// not in a list the shell goes on with when the UI is suspended).
fn exit_code_after_the_ui(tmux: &Tmux) -> String {
    let start = Instant::now();
    while tmux.flag("alternate_on") != "0" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the UI did not quit:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    static ECHOES: AtomicUsize = AtomicUsize::new(0);
    let label = format!("AFTER-{}", ECHOES.fetch_add(1, Ordering::Relaxed));
    tmux.text(&format!("echo {label}=$?"));
    tmux.keys(&["Enter"]);
    exit_code_said_as(tmux, &label)
}

/// A shell in the pane, bash with job control and nothing of the user's (no rc files, no
/// history file), its prompt `$ `.
fn shell(name: &str) -> Tmux {
    let tmux = Tmux::start(
        name,
        "exec env HISTFILE=/dev/null PS1='$ ' bash --norc --noprofile",
    );
    wait_squeezed(&tmux, "$");
    tmux
}

/// The program the shell in the pane runs (the UI).
fn ui_pid(tmux: &Tmux) -> String {
    let start = Instant::now();
    loop {
        let out = Command::new("pgrep")
            .args(["-P", &tmux.pane_pid()])
            .output()
            .unwrap();
        let pids = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !pids.is_empty() {
            assert!(!pids.contains('\n'), "more than one: {pids}");
            return pids;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no UI running");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The processes whose command line holds `marker`, but for zombies (over, not yet reaped).
fn running_with(marker: &str) -> Vec<String> {
    let out = Command::new("pgrep").args(["-f", marker]).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let state = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .next()?
                .to_string();
            if state == "Z" || state == "X" {
                return None;
            }
            let args = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            Some(format!(
                "{pid} {}",
                String::from_utf8_lossy(&args).replace('\0', " ")
            ))
        })
        .collect()
}

/// Kills, by their numbers, the processes with this test's marker that a failing test left.
struct Leftovers(String);

impl Drop for Leftovers {
    fn drop(&mut self) {
        for line in running_with(&self.0) {
            if let Some(pid) = line.split(' ').next() {
                let _ = Command::new("kill").args(["-KILL", pid]).status();
            }
        }
    }
}

/// A marker no other process has: this process's number and the time.
fn marker(what: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("tl{what}{}x{nanos}", std::process::id())
}

/// Every entry under `dir`, for a message naming what was left there.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            out.push(path);
        }
    }
    out
}

/// An editor that writes the path of the file it was given to `ready` and waits for a
/// process of its own (named with `marker`, as the script is) that waits five minutes.
/// A stubborn one takes the terminal as a full-screen editor does (raw mode, no echo, its own
/// screen, the cursor hidden) and ignores SIGTERM, SIGHUP and SIGINT, as does what it waits
/// for: only SIGKILL ends them, and the terminal is left as they had it.
fn editor(dir: &Path, marker: &str, stubborn: bool) -> (PathBuf, PathBuf) {
    let ready = dir.join("ready");
    let script = dir.join(format!("editor-{marker}.sh"));
    let takes_the_terminal = if stubborn {
        "trap '' TERM HUP INT\nstty raw -echo\nprintf '\\033[?1049h\\033[?25l'\n"
    } else {
        ""
    };
    std::fs::write(
        &script,
        format!(
            "#!/bin/bash\n{takes_the_terminal}printf '%s\\n' \"$1\" > {ready}.part\nmv {ready}.part {ready}\n( exec -a sleeper-{marker} sleep 300 )\n",
            ready = quoted(&ready),
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    (script, ready)
}

/// Waits for the editor's sleeper to run (`sleep` itself, under its new name), which it starts
/// just after it says it is ready. A key or a signal sent sooner could reach the editor's shell
/// as it starts the sleeper: a Ctrl-\ it ignores (bash ignores SIGQUIT), a Ctrl-c the subshell
/// takes before it becomes `sleep`, and the sleeper then ran its five minutes.
fn the_sleeper_runs(marker: &str) {
    let start = Instant::now();
    let mut editors = running_with(marker);
    while !(editors.iter().any(|p| p.contains("sleeper-")) && editors.len() >= 2) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the editor and its sleeper: {editors:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
        editors = running_with(marker);
    }
}

/// Waits for every process with `marker` to be over; returns those still running after 10 s.
/// An editor ended from the terminal goes in its own time: the UI waits for the editor's own
/// process, and bash, which outlives the sleeper that Ctrl-\ ended, may still be exiting
/// when the UI says so.
fn all_over(marker: &str) -> Vec<String> {
    let start = Instant::now();
    loop {
        let left = running_with(marker);
        if left.is_empty() || start.elapsed() > Duration::from_secs(10) {
            return left;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for the editor to have started on its file; returns the file's path.
fn editing(ready: &Path) -> PathBuf {
    let start = Instant::now();
    while !ready.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the editor never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    PathBuf::from(std::fs::read_to_string(ready).unwrap().trim_end())
}

/// What the terminal's line discipline does, as `stty` in the shell sees it: the four modes
/// a shell needs, each with a `-` when it is off.
fn modes(tmux: &Tmux) -> String {
    tmux.text(
        "for m in echo icanon isig onlcr; do stty -a | tr ' ;' '\\n\\n' | grep -xE -- \"-?$m\"; done | tr '\\n' ' '; echo MODES''-END",
    );
    tmux.keys(&["Enter"]);
    let screen = squeezed(&wait_squeezed(tmux, "MODES-END$"));
    let end = screen.rfind("MODES-END").unwrap();
    let before = &screen[..end];
    let start = before
        .rfind("MODES''-END")
        .map_or(0, |i| i + "MODES''-END".len());
    before[start..].to_string()
}

/// Where the UI keeps the ledger and what it sets, and how it opens the note of a promise.
enum Ledger {
    /// The file, and its folder, removed with it.
    Plain {
        file: PathBuf,
        _dir: tempfile::TempDir,
    },
    Encrypted(Vault),
}

impl Ledger {
    fn plain() -> Ledger {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("team.json");
        run_on(&file, &["person", "add", "Priya Raman"]);
        run_on(&file, &["promise", "add", "priya", "Send the deck"]);
        Ledger::Plain { file, _dir: dir }
    }

    fn encrypted() -> Ledger {
        let vault = Vault::new();
        vault.team();
        vault.ok(&["encrypt"]);
        Ledger::Encrypted(vault)
    }

    /// The UI on this ledger, as `env` runs it with `vars` set too: the passphrase command
    /// of an encrypted one, and its agent's folder, with the others.
    fn command(&self, vars: &str) -> String {
        let (env, file) = match self {
            Ledger::Plain { file, .. } => (String::new(), file),
            Ledger::Encrypted(vault) => (
                format!(
                    "TRUSTLADDER_PASSPHRASE_COMMAND={} TRUSTLADDER_KDF_WORK_FACTOR=4 TRUSTLADDER_AGENT_DIR={}",
                    quoted(Path::new(&format!("printf '%s' '{}'", vault.passphrase))),
                    quoted(&vault.agent.path().join("agent")),
                ),
                &vault.path,
            ),
        };
        format!(
            "env -u VISUAL -u TRUSTLADDER_FILE {env} {vars} {} --file {} --today 2026-11-24",
            quoted(bin()),
            quoted(file)
        )
    }

    /// Opens the form that resolves the open promise, on its note.
    fn open_the_note(&self, tmux: &Tmux) {
        match self {
            Ledger::Plain { .. } => {
                wait_squeezed(tmux, "Priya Raman");
                tmux.keys(&["Enter"]);
                wait_squeezed(tmux, "Send the deck");
            }
            Ledger::Encrypted(_) => {
                wait_squeezed(tmux, "Priya Raman");
                // Bo comes first; Priya's page holds the promise.
                tmux.keys(&["j", "Enter"]);
                wait_squeezed(tmux, &SECRET[..15]);
            }
        }
        tmux.keys(&["Enter"]);
        wait_squeezed(tmux, "Resolve #");
        tmux.keys(&["Tab", "Tab"]);
    }
}

/// The UI run from a shell on `ledger` with `$EDITOR` the test's editor, the folders for
/// temporary files and files in memory its own; the note typed and opened in the editor,
/// then `signal` sent to the UI. The UI must end within a few seconds with exit 0 (134 for
/// SIGABRT, which ends it as it would), the editor and what it started with it, nothing left
/// in either folder (after an abort, the next start clears the editor's folder), and the
/// terminal the shell's again: the main screen, the cursor shown, a cooked, echoing line.
fn a_signal_while_the_editor_runs(name: &str, ledger: &Ledger, signal: &str, stubborn: bool) {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    let memory = dir.path().join("run");
    std::fs::create_dir(&tmp).unwrap();
    std::fs::create_dir(&memory).unwrap();
    std::fs::set_permissions(&memory, std::fs::Permissions::from_mode(0o700)).unwrap();
    let marker = marker(name);
    let _leftovers = Leftovers(marker.clone());
    let (script, ready) = editor(dir.path(), &marker, stubborn);
    let note = format!("private words {marker}");

    let tmux = shell(name);
    let vars = format!(
        "TMPDIR={} XDG_RUNTIME_DIR={} EDITOR={}",
        quoted(&tmp),
        quoted(&memory),
        quoted(&script)
    );
    tmux.text(&format!("{}; echo UI-EXIT=$?", ledger.command(&vars)));
    tmux.keys(&["Enter"]);
    ledger.open_the_note(&tmux);
    tmux.text(&note);
    tmux.keys(&["C-o"]);
    let file = editing(&ready);
    let folder = match ledger {
        Ledger::Plain { .. } => &tmp,
        Ledger::Encrypted(_) => &memory,
    };
    assert!(file.starts_with(folder), "{file:?} is not under {folder:?}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("{note}\n"),
        "the editor has the note"
    );
    the_sleeper_runs(&marker);

    let started = Instant::now();
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &ui_pid(&tmux)])
        .status()
        .unwrap();
    assert!(killed.success());
    let aborted = signal == "ABRT";
    assert_eq!(ui_exit(&tmux), if aborted { "134" } else { "0" });
    let ended = started.elapsed();
    assert!(
        ended < Duration::from_secs(5),
        "the UI took {ended:?} to end"
    );
    assert_eq!(running_with(&marker), Vec::<String>::new(), "left running");
    if aborted {
        tmux.text(&ledger.command(&vars));
        tmux.keys(&["Enter"]);
        wait_squeezed(&tmux, "sorted by name");
        tmux.keys(&["q"]);
        assert_eq!(exit_code_after_the_ui(&tmux), "0");
    }
    for folder in [&tmp, &memory] {
        assert_eq!(entries(folder), Vec::<PathBuf>::new(), "left behind");
    }
    assert_eq!(tmux.flag("alternate_on"), "0", "the main screen");
    assert_eq!(tmux.flag("cursor_flag"), "1", "the cursor shown");
    assert_eq!(modes(&tmux), "echoicanonisigonlcr");
}

#[test]
fn sigterm_while_a_stubborn_editor_runs_kills_it_and_gives_the_terminal_back() {
    a_signal_while_the_editor_runs("term", &Ledger::plain(), "TERM", true);
}

#[test]
fn sigint_from_another_process_while_the_editor_runs_ends_both() {
    a_signal_while_the_editor_runs("int", &Ledger::plain(), "INT", false);
}

#[test]
fn sighup_while_the_editor_runs_on_an_encrypted_ledger_leaves_nothing_in_memory() {
    a_signal_while_the_editor_runs("hup", &Ledger::encrypted(), "HUP", false);
}

/// Ctrl-c typed while an editor that leaves it to the terminal has it reaches the whole job
/// from the terminal: it ends that editor, but not the UI, which takes the terminal back and
/// keeps the form as it was.
/// An abort (SIGABRT, past the signal watcher) ends the editor too, with all it started: a
/// stubborn one, which only SIGKILL ends, had been left running with the terminal, orphaned.
#[test]
fn sigabrt_while_a_stubborn_editor_runs_ends_it_and_gives_the_terminal_back() {
    a_signal_while_the_editor_runs("abrt", &Ledger::plain(), "ABRT", true);
}

#[test]
fn ctrl_c_typed_in_the_editor_is_the_editors_and_the_ui_goes_on() {
    typed_in_the_editor("ctrlc", "C-c");
}

/// Ctrl-\ (SIGQUIT to the whole job) typed in the editor is the editor's too.
#[test]
fn ctrl_backslash_typed_in_the_editor_is_the_editors_and_the_ui_goes_on() {
    typed_in_the_editor("ctrlq", "C-\\");
}

/// `key` typed in an editor that leaves it to the terminal ends the editor, and the UI goes on
/// with the form as it was.
fn typed_in_the_editor(name: &str, key: &str) {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let marker = marker(name);
    let _leftovers = Leftovers(marker.clone());
    let (script, ready) = editor(dir.path(), &marker, false);
    let ledger = Ledger::plain();
    let tmux = shell(name);
    let vars = format!("TMPDIR={} EDITOR={}", quoted(&tmp), quoted(&script));
    tmux.text(&format!("{}; echo UI-EXIT=$?", ledger.command(&vars)));
    tmux.keys(&["Enter"]);
    ledger.open_the_note(&tmux);
    tmux.text("kept as typed");
    tmux.keys(&["C-o"]);
    editing(&ready);
    the_sleeper_runs(&marker);
    tmux.keys(&[key]);
    let screen = wait_squeezed(&tmux, "ended with");
    assert!(squeezed(&screen).contains("Note:keptastyped"), "{screen}");
    assert_eq!(tmux.flag("alternate_on"), "1");
    assert_eq!(all_over(&marker), Vec::<String>::new(), "left running");
    assert_eq!(entries(&tmp), Vec::<PathBuf>::new(), "left behind");
    tmux.keys(&["Escape"]);
    wait_squeezed(&tmux, "cancelled, nothing saved");
    // The note typed is kept for the form: q names it first, and quits when pressed again.
    tmux.keys(&["q"]);
    wait_squeezed(&tmux, "q again quits");
    tmux.keys(&["q"]);
    assert_eq!(ui_exit(&tmux), "0");
}

/// Ctrl-z, then SIGTSTP from another process: each time the shell's prompt comes back on the
/// main screen, and `fg` brings the UI back on its own screen, drawn whole, its keys working.
#[test]
fn ctrl_z_and_sigtstp_suspend_the_ui_and_fg_brings_it_back() {
    let ledger = Ledger::plain();
    let tmux = shell("suspend");
    tmux.text(&ledger.command(""));
    tmux.keys(&["Enter"]);
    wait_squeezed(&tmux, "sorted by name");
    assert_eq!(tmux.flag("alternate_on"), "1");
    let ui = ui_pid(&tmux);

    tmux.keys(&["C-z"]);
    wait_squeezed(&tmux, "Stopped");
    assert_eq!(tmux.flag("alternate_on"), "0", "the main screen");
    assert_eq!(tmux.flag("cursor_flag"), "1", "the cursor shown");
    tmux.text("fg");
    tmux.keys(&["Enter"]);
    wait_squeezed(&tmux, "sorted by name");
    assert_eq!(tmux.flag("alternate_on"), "1");
    // Raw mode again: Tab moves to the next view rather than reaching the screen.
    tmux.keys(&["Tab"]);
    wait_squeezed(&tmux, "Send the deck");

    let stopped = Command::new("kill").args(["-TSTP", &ui]).status().unwrap();
    assert!(stopped.success());
    wait_times(&tmux, "Stopped", 2);
    assert_eq!(tmux.flag("alternate_on"), "0", "the main screen");
    tmux.text("fg");
    tmux.keys(&["Enter"]);
    wait_squeezed(&tmux, "Send the deck");
    assert_eq!(tmux.flag("alternate_on"), "1");
    // Drawing it all again reads no cursor position (which a UI left in cooked mode lost).
    tmux.keys(&["C-l"]);
    tmux.keys(&["q"]);
    assert_eq!(exit_code_after_the_ui(&tmux), "0");
    assert_eq!(modes(&tmux), "echoicanonisigonlcr");
}

/// Run by a program that forks it (`sh -c`, as `faketime` does), from a shell with job
/// control: Ctrl-z stops the whole job and `fg` brings the UI back (it used to say it could
/// not stop, as its parent, the wrapper, is in the job's own group).
#[test]
fn ctrl_z_suspends_a_ui_run_by_a_forking_wrapper() {
    let ledger = Ledger::plain();
    let tmux = shell("wrapped");
    // `; true` keeps sh from running the UI in its own place.
    let wrapped = format!("{}; true", ledger.command(""));
    tmux.text(&format!("sh -c {}", quoted(Path::new(&wrapped))));
    tmux.keys(&["Enter"]);
    wait_squeezed(&tmux, "sorted by name");
    tmux.keys(&["C-z"]);
    wait_squeezed(&tmux, "Stopped");
    assert_eq!(tmux.flag("alternate_on"), "0", "the main screen");
    tmux.text("fg");
    tmux.keys(&["Enter"]);
    wait_squeezed(&tmux, "sorted by name");
    assert_eq!(tmux.flag("alternate_on"), "1");
    tmux.keys(&["Tab"]);
    wait_squeezed(&tmux, "Send the deck");
    tmux.keys(&["q"]);
    assert_eq!(exit_code_after_the_ui(&tmux), "0");
}

/// An abort (what an allocation that fails for want of memory does, past the panic hook)
/// gives the terminal back as the shell had it, mouse reporting off too, and still ends the
/// UI as SIGABRT does (status 134): the UI's screen, a hidden cursor and a line without echo
/// had been left behind, for the user to type `reset` blind.
#[test]
fn an_abort_gives_the_terminal_back_and_still_ends_the_ui() {
    let ledger = Ledger::plain();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "mouse = true\n").unwrap();
    let tmux = shell("abort");
    let vars = format!("TRUSTLADDER_CONFIG={}", quoted(&config));
    tmux.text(&format!("{}; echo UI-EXIT=$?", ledger.command(&vars)));
    tmux.keys(&["Enter"]);
    wait_squeezed(&tmux, "sorted by name");
    assert_eq!(tmux.flag("alternate_on"), "1");
    assert_eq!(tmux.flag("mouse_any_flag"), "1", "the mouse reported");

    let aborted = Command::new("kill")
        .args(["-ABRT", &ui_pid(&tmux)])
        .status()
        .unwrap();
    assert!(aborted.success());
    assert_eq!(ui_exit(&tmux), "134", "ended by SIGABRT all the same");
    assert_eq!(tmux.flag("alternate_on"), "0", "the main screen");
    assert_eq!(tmux.flag("cursor_flag"), "1", "the cursor shown");
    assert_eq!(tmux.flag("mouse_any_flag"), "0", "no mouse reporting");
    assert_eq!(modes(&tmux), "echoicanonisigonlcr");
}

/// A window grown while the UI was open: quitting, and `Ctrl-z`, leave nothing of the UI on
/// the shell's screen (tmux kept the UI's top rows there, above the prompt).
#[test]
fn a_window_grown_while_the_ui_ran_keeps_none_of_it_on_the_shell_s_screen() {
    let ledger = Ledger::plain();
    let tmux = shell("grown");
    tmux.text("clear");
    tmux.keys(&["Enter"]);
    let resize = |w: &str, h: &str| {
        let out = tmux.run(&["resize-window", "-t", "e2e", "-x", w, "-y", h]);
        assert!(out.status.success(), "{out:?}");
    };
    for leave in ["q", "C-z"] {
        resize("80", "24");
        tmux.text(&ledger.command(""));
        tmux.keys(&["Enter"]);
        wait_squeezed(&tmux, "sorted by name");
        resize("100", "30");
        // Drawn at the new size: the title bar reaches the 100th column.
        let start = Instant::now();
        while !tmux.screen().lines().any(|l| l.chars().count() > 80) {
            assert!(start.elapsed() < Duration::from_secs(10), "never redrawn");
            std::thread::sleep(Duration::from_millis(50));
        }
        tmux.keys(&[leave]);
        let start = Instant::now();
        while tmux.flag("alternate_on") != "0" {
            assert!(start.elapsed() < Duration::from_secs(10), "still open");
            std::thread::sleep(Duration::from_millis(50));
        }
        let screen = tmux.screen();
        assert!(
            !screen.contains('│') && !screen.contains("Priya"),
            "{leave}: the UI left on the shell's screen:\n{screen}"
        );
        if leave == "C-z" {
            tmux.text("kill %1; fg; echo UI-EXIT=$?");
            tmux.keys(&["Enter"]);
            ui_exit(&tmux);
        }
    }
}

/// Time spent suspended is not use: an encrypted ledger brought back after its idle time is
/// behind the passphrase prompt, nothing of it drawn.
#[test]
fn an_encrypted_ledger_suspended_past_its_idle_time_comes_back_locked() {
    let ledger = Ledger::encrypted();
    let tmux = shell("suspend-lock");
    tmux.text(&ledger.command("TRUSTLADDER_LOCK_AFTER=2s"));
    tmux.keys(&["Enter"]);
    wait_squeezed(&tmux, "Priya Raman");
    // A key just before, so the idle time starts there.
    tmux.keys(&["j", "C-z"]);
    wait_squeezed(&tmux, "Stopped");
    std::thread::sleep(Duration::from_millis(2500));
    tmux.text("fg");
    tmux.keys(&["Enter"]);
    let screen = wait_squeezed(&tmux, "Locked after 2s unused.");
    assert!(!screen.contains("Priya"), "{screen}");
    tmux.keys(&["Escape"]);
    assert_eq!(exit_code_after_the_ui(&tmux), "0");
}

/// Run straight by tmux, with no shell to bring it back, the UI says so rather than stop for
/// good.
#[test]
fn ctrl_z_with_no_shell_to_come_back_to_says_so() {
    let ledger = Ledger::plain();
    let tmux = Tmux::start("no-shell", &format!("exec {}", ledger.command("")));
    wait_squeezed(&tmux, "sorted by name");
    tmux.keys(&["C-z"]);
    wait_squeezed(
        &tmux,
        "Not suspended: Ctrl-z suspends only a UI started from a shell",
    );
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}
