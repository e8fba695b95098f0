//! A tmux server for the end-to-end tests: the real binary in a real terminal, keys typed
//! into it and the screen read back.
//!
//! tmux must be installed (CI installs it); without it a test fails and says so, rather than
//! passing without having run.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server on a private socket, killed when the test ends however it ends.
///
/// The socket lives in a temporary folder of its own (`tmux -S`), not in tmux's shared
/// `tmux-UID` folder, so whatever happens to the server (killed by the test, crashed, never
/// started), dropping the folder removes the socket: a test run leaves nothing behind.
pub struct Tmux {
    /// The server's socket file, inside `folder`.
    socket: PathBuf,
    folder: tempfile::TempDir,
}

impl Tmux {
    /// Starts `command` in a new 80x24 session; `name` keeps parallel tests apart.
    pub fn start(name: &str, command: &str) -> Tmux {
        match Command::new("tmux").arg("-V").output() {
            Ok(out) if out.status.success() => {}
            _ => panic!(
                "tmux is needed for the end-to-end test and was not found: install it (apt-get install tmux)"
            ),
        }
        let folder = tempfile::Builder::new()
            .prefix(&format!("trustladder-e2e-{name}-"))
            .tempdir()
            .expect("a folder for the tmux socket");
        let tmux = Tmux {
            socket: folder.path().join("socket"),
            folder,
        };
        // The pane stays once the program ends, to read its exit status: set before the
        // program starts, as one that ends at once would take the session and the server
        // with it before a later `set-option` came.
        let out = tmux.run(&[
            "start-server",
            ";",
            "set-option",
            "-g",
            "remain-on-exit",
            "on",
            ";",
            "new-session",
            "-d",
            "-x",
            "80",
            "-y",
            "24",
            "-s",
            "e2e",
            command,
        ]);
        assert!(out.status.success(), "tmux did not start: {out:?}");
        tmux
    }

    /// The server's socket file; it is gone once the `Tmux` is dropped.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    pub fn text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "e2e", "-l", text])
                .status
                .success()
        );
    }

    /// The pid of the program in the pane (the binary itself, started with `exec`).
    pub fn pane_pid(&self) -> String {
        let out = self.run(&["display-message", "-p", "-t", "e2e", "#{pane_pid}"]);
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(pid.parse::<u32>().is_ok(), "no pane pid: {pid:?}");
        pid
    }

    /// A pane flag: `alternate_on` (the program's own screen), `cursor_flag` (the cursor
    /// shown), `mouse_any_flag` (mouse reporting on).
    pub fn flag(&self, name: &str) -> String {
        let out = self.run(&[
            "display-message",
            "-p",
            "-t",
            "e2e",
            &format!("#{{{name}}}"),
        ]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    /// Everything the pane printed, its history too, with each line the terminal broke to fit
    /// joined back into the one line the program wrote.
    pub fn history_joined(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-J", "-S", "-", "-t", "e2e"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "'{what}' never appeared; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for every one of `all` to be on the screen at once. A frame reaches tmux in
    /// pieces, so a screen read as soon as one line shows may still hold the last frame
    /// below it.
    pub fn wait_for_all(&self, all: &[&str]) -> String {
        self.wait_for_all_without(all, &[])
    }

    /// Waits for every one of `all` to be on the screen and none of `gone`: what a frame
    /// removes may still show while the frame reaches tmux in pieces, so a screen read as
    /// soon as the new lines show cannot prove that the old ones left.
    pub fn wait_for_all_without(&self, all: &[&str], gone: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if all.iter().all(|what| screen.contains(what))
                && !gone.iter().any(|what| screen.contains(what))
            {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{all:?} never all appeared without {gone:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for a screen on which `holds` is true, and returns it; `what` says what it waits
    /// for, should it never come. What is asserted of a screen read as soon as one line of a
    /// frame shows may be in the lines below, which reach tmux later.
    pub fn wait_until(&self, what: &str, holds: impl Fn(&str) -> bool) -> String {
        self.wait_until_within(Duration::from_secs(10), what, holds)
    }

    /// [`Tmux::wait_until`] for at most `limit`: for what the program does only after a wait
    /// of its own (a save that gives up after 10 s), given all of that wait and more, where a
    /// fixed sleep before the usual wait would have to guess how much more.
    pub fn wait_until_within(
        &self,
        limit: Duration,
        what: &str,
        holds: impl Fn(&str) -> bool,
    ) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if holds(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < limit,
                "{what} never showed in {limit:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for `what` to leave the screen. After an Escape, waiting for what it does (here,
    /// or with [`Tmux::wait_for`]) keeps the next key from arriving with it, which the
    /// program would read as Alt and that key.
    pub fn wait_gone(&self, what: &str) {
        let start = Instant::now();
        while self.screen().contains(what) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "'{what}' stayed on the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the program has read every key sent so far: the pane's terminal holds no
    /// input unread (`FIONREAD`). Keys that change nothing on the screen show no other sign of
    /// having been taken, and what is done next (a resize, a signal) could reach the program
    /// before them on a loaded machine. tmux has written the keys to the terminal by the time
    /// it answers the command asking for the terminal's name, as it takes commands in order.
    pub fn wait_keys_read(&self) {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::OpenOptionsExt;
        let tty = self.flag("pane_tty");
        assert!(tty.starts_with("/dev/"), "no pane terminal: {tty:?}");
        // Opened to ask, never to become this process's controlling terminal.
        let terminal = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
            .open(&tty)
            .expect("the pane's terminal opens");
        let start = Instant::now();
        loop {
            let mut unread: libc::c_int = 0;
            // SAFETY: FIONREAD writes one int through the pointer, to a live local.
            let asked = unsafe { libc::ioctl(terminal.as_raw_fd(), libc::FIONREAD, &mut unread) };
            assert_eq!(asked, 0, "FIONREAD on {tty}");
            if unread == 0 {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{unread} bytes of keys still unread; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for a frame drawn after everything sent so far: a mark written straight to the
    /// pane's terminal, behind the program's back, goes once the redraw key (`Ctrl-l`) is
    /// taken. A screen read after a fixed wait may be one the program never came back to, so
    /// proves nothing of what it did meanwhile. The frame reaches tmux in pieces after the
    /// clear: wait for what it must show before asserting what it must not.
    pub fn wait_redrawn(&self) {
        const MARK: &str = "MARK-WRITTEN-BEHIND-THE-UI";
        let tty = self.flag("pane_tty");
        assert!(tty.starts_with("/dev/"), "no pane terminal: {tty:?}");
        std::fs::write(&tty, format!("\x1b[1;1H{MARK}")).expect("the pane's terminal takes text");
        self.wait_for(MARK);
        self.keys(&["C-l"]);
        self.wait_gone(MARK);
    }

    /// Waits for the program to exit and returns its exit status (or `signal N`).
    ///
    /// tmux marks the pane dead when its terminal closes, but it does not always reap the
    /// process (tmux 3.3a leaves some exits as zombies and never fills `pane_dead_status`), so
    /// the status is then read where the kernel keeps it for a zombie: `/proc/PID/stat`.
    pub fn wait_exit(&self) -> String {
        let start = Instant::now();
        loop {
            let out = self.run(&[
                "display-message",
                "-p",
                "-t",
                "e2e",
                "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{pane_pid}",
            ]);
            let state = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let fields: Vec<&str> = state.split('|').collect();
            if let ["1", status, signal, pid] = fields.as_slice() {
                if !status.is_empty() {
                    return status.to_string();
                }
                if !signal.is_empty() {
                    return format!("signal {signal}");
                }
                if let Some(status) = zombie_status(pid) {
                    return status;
                }
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the program did not exit ({state}); the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The exit status of a process that has exited but was not reaped: field 52 of
/// `/proc/PID/stat` holds it as `waitpid` would report it.
fn zombie_status(pid: &str) -> Option<String> {
    let stat = std::fs::read_to_string(Path::new("/proc").join(pid).join("stat")).ok()?;
    let rest: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // `rest` starts at field 3 (the state); field 52 is the exit code.
    if rest.first() != Some(&"Z") {
        return None;
    }
    let code: i32 = rest.get(52 - 3)?.parse().ok()?;
    Some(if code & 0x7f == 0 {
        ((code >> 8) & 0xff).to_string()
    } else {
        format!("signal {}", code & 0x7f)
    })
}

impl Drop for Tmux {
    /// Ends the server and everything in it; the socket's folder is removed next, with the
    /// socket, so a test run leaves nothing behind in the temporary folder.
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// Runs a command on `file` as of 2026-11-24, outside the terminal, and checks it succeeded.
pub fn run_on(file: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env_remove("TRUSTLADDER_FILE")
        .arg("--file")
        .arg(file)
        .args(["--today", "2026-11-24"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
}

pub fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}
