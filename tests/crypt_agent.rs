//! The key agent as a person's commands meet it: the real binary started by `Agent::put`,
//! detached, private, alone in its folder, and gone when locked or idle.
//!
//! Every test keeps its agent in a [`Sandbox`], whose drop locks it and, should it not exit,
//! kills it: a leftover agent would outlive the test run.
#![cfg(target_os = "linux")]

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Barrier, mpsc};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use secrecy::{ExposeSecret, SecretString};
use trustladder::crypt::agent::{ALREADY_RUNNING, Agent, AgentError, MAX_SECRET, SOCKET};

const BIN: &str = env!("CARGO_BIN_EXE_trustladder");
const KEY: &str = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
const HOUR: Duration = Duration::from_secs(3600);

/// A private temporary folder for one agent, which is stopped when the sandbox is dropped.
struct Sandbox {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    agent: Agent,
}

impl Sandbox {
    fn new() -> Sandbox {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let dir = tmp.path().join("agent");
        Sandbox {
            agent: Agent::with_program(dir.clone(), PathBuf::from(BIN)),
            dir,
            _tmp: tmp,
        }
    }

    fn socket(&self) -> PathBuf {
        self.dir.join(SOCKET)
    }

    /// Makes the agent's folder, with `mode`, before any agent does.
    fn make_folder(&self, mode: u32) {
        fs::DirBuilder::new()
            .mode(mode)
            .create(&self.dir)
            .expect("the folder");
    }

    /// The pid the agent wrote into its lock file, if one ever ran here.
    fn pid(&self) -> Option<i32> {
        fs::read_to_string(self.dir.join("agent.lock"))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// The running agent's pid, as it says itself; it must agree with the lock file.
    fn running_pid(&self) -> i32 {
        let status = self.agent.status().expect("status").expect("an agent runs");
        let pid = i32::try_from(status.pid).expect("a pid");
        assert_eq!(self.pid(), Some(pid), "the lock file names the agent");
        pid
    }

    /// Every live process that runs `trustladder agent` for this sandbox's folder.
    fn agents(&self) -> Vec<i32> {
        let dir = self.dir.to_string_lossy().into_owned();
        fs::read_dir("/proc")
            .expect("/proc")
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
            .filter(|&pid| !gone(pid))
            .filter(|&pid| {
                fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|cmd| {
                    let args: Vec<String> = cmd
                        .split(|&b| b == 0)
                        .map(|a| String::from_utf8_lossy(a).into_owned())
                        .collect();
                    args.get(1).is_some_and(|a| a == "agent") && args.contains(&dir)
                })
            })
            .collect()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.agent.lock();
        for pid in self.agents() {
            if !wait_gone(pid, Duration::from_secs(2)) {
                let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
                wait_gone(pid, Duration::from_secs(2));
            }
        }
    }
}

/// Whether the process has exited (a zombie not yet reaped by init counts as exited).
fn gone(pid: i32) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return true;
    };
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next());
    matches!(state, Some("Z" | "X") | None)
}

fn wait_gone(pid: i32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if gone(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    gone(pid)
}

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_string())
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path)
        .expect("exists")
        .permissions()
        .mode()
        & 0o7777
}

/// Runs the binary's hidden `agent` start with its output piped, reading both pipes to their
/// end: `None` if they are still open after `limit` (held by the detached agent).
fn start_by_hand(dir: &Path, limit: Duration) -> Option<Output> {
    let child = Command::new(BIN)
        .arg("agent")
        .arg("--dir")
        .arg(dir)
        .args(["--idle", "30"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    rx.recv_timeout(limit).ok().map(|out| out.expect("output"))
}

#[test]
fn put_starts_an_agent_that_gives_the_key_back_and_no_other() {
    let s = Sandbox::new();
    assert!(s.agent.get(KEY).expect("get").is_none(), "no agent yet");
    assert!(!s.dir.exists(), "asking starts nothing and makes nothing");
    let text = format!(
        "AGE-SECRET-KEY-1QQQ\n# a comment ✓\n{}",
        "x".repeat(MAX_SECRET - 40)
    );
    s.agent.put(KEY, &secret(&text), HOUR).expect("put");
    let got = s.agent.get(KEY).expect("get").expect("held");
    assert_eq!(got.expose_secret(), text);
    assert!(s.agent.holds(KEY).expect("holds"));
    assert!(s.agent.get("age1other").expect("get").is_none());
    assert!(!s.agent.holds("age1other").expect("holds"));
    // A second put refreshes the same agent, never a new one.
    let pid = s.running_pid();
    s.agent.put("age1other", &secret("two"), HOUR).expect("put");
    assert_eq!(s.running_pid(), pid);
    assert_eq!(s.agents(), vec![pid]);
    let status = s.agent.status().expect("status").expect("running");
    assert_eq!(status.keys, 2);
}

#[test]
fn the_agent_is_private_and_keeps_its_keys_in_locked_memory_without_core_dumps() {
    let s = Sandbox::new();
    s.agent
        .put(KEY, &secret("AGE-SECRET-KEY-1QQQ"), HOUR)
        .expect("put");
    assert_eq!(mode(&s.dir), 0o700, "the folder");
    assert_eq!(mode(&s.socket()), 0o600, "the socket");
    assert_eq!(mode(&s.dir.join("agent.lock")), 0o600, "the lock file");
    let ignore = fs::read_to_string(s.dir.join(".gitignore")).expect("a .gitignore");
    assert!(
        ignore.lines().any(|l| l == "*"),
        "git ignores it all: {ignore}"
    );
    let pid = s.running_pid();
    let status = fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let locked_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmLck:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmLck");
    let reported = s.agent.status().expect("status").expect("running");
    assert_eq!(reported.memory_locked, locked_kb > 0, "{status}");
    assert!(
        locked_kb > 0 || !am_root(),
        "root may lock memory: {locked_kb} kB"
    );
    let limits = fs::read_to_string(format!("/proc/{pid}/limits")).expect("limits");
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .expect("the core limit");
    assert_eq!(
        core.split_whitespace().collect::<Vec<_>>()[4..6],
        ["0", "0"],
        "{core}"
    );
}

fn am_root() -> bool {
    nix::unistd::geteuid().is_root()
}

#[test]
fn a_folder_other_users_can_open_is_refused_and_left_as_it_is() {
    let s = Sandbox::new();
    s.make_folder(0o755);
    fs::set_permissions(&s.dir, fs::Permissions::from_mode(0o755)).expect("chmod");
    let e = s.agent.put(KEY, &secret("s"), HOUR).expect_err("refused");
    let message = e.to_string();
    assert!(message.contains("open to other users"), "{message}");
    assert!(message.contains(&*s.dir.to_string_lossy()), "{message}");
    assert_eq!(mode(&s.dir), 0o755);
    assert!(s.agents().is_empty());
}

#[test]
fn lock_forgets_every_key_and_the_agent_exits() {
    let s = Sandbox::new();
    s.agent.put(KEY, &secret("s"), HOUR).expect("put");
    let pid = s.running_pid();
    assert_eq!(s.agent.lock().expect("lock"), Some(Some(1)), "an agent ran");
    assert!(wait_gone(pid, Duration::from_secs(3)), "the agent exited");
    assert!(!s.socket().exists(), "its socket is removed");
    assert!(s.agent.get(KEY).expect("get").is_none());
    assert!(!s.agent.holds(KEY).expect("holds"));
    assert_eq!(s.agent.lock().expect("lock"), None, "none runs now");
    assert!(s.agent.status().expect("status").is_none());
}

/// An agent holding one key with `idle`, kept by gets 500 ms apart until more than `idle`
/// has passed since the put: each get refreshes the key's timer. Returns the sandbox, the
/// agent's pid, and when the last get was sent. `None` where the machine held the test up so
/// long that a get went out `idle` or more after the one before, when the key may rightly
/// have gone; a key gone sooner fails the test.
fn kept_by_gets(idle: Duration) -> Option<(Sandbox, i32, Instant)> {
    let s = Sandbox::new();
    // The key was last used no earlier than when the request that used it was sent.
    let mut used = Instant::now();
    s.agent.put(KEY, &secret("s"), idle).expect("put");
    let put = used;
    let pid = s.pid().expect("the agent's lock file names it");
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let sent = Instant::now();
        let got = s.agent.get(KEY).expect("get");
        if got.is_none() {
            let since = used.elapsed();
            assert!(since >= idle, "forgotten {since:?} after it was last used");
            return None;
        }
        used = sent;
        if sent.duration_since(put) > idle + Duration::from_millis(500) {
            return Some((s, pid, used));
        }
    }
}

#[test]
fn a_key_unused_for_its_idle_time_is_forgotten_and_the_agent_exits() {
    let idle = Duration::from_secs(2);
    // Each get refreshes the timer: past the idle time since the put, the key is still there.
    let (s, pid, last_get) = (0..3)
        .find_map(|_| kept_by_gets(idle))
        .expect("three tries in a row held up past the idle time");
    // `holds` does not refresh it: asked every 200 ms, it is held until the idle time has
    // passed since the last get, and then no longer. Were it refreshed, it would stay.
    loop {
        let held = s.agent.holds(KEY).expect("holds");
        let since = last_get.elapsed();
        if since < idle {
            assert!(held, "forgotten {since:?} after the last get");
        }
        if !held {
            break;
        }
        assert!(
            since < idle + Duration::from_secs(10),
            "still held {since:?} after the last get: holds kept it"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(wait_gone(pid, Duration::from_secs(5)), "the agent exited");
    assert!(s.agent.get(KEY).expect("get").is_none());
    assert!(!s.socket().exists());
}

#[test]
fn a_stale_socket_is_replaced_and_reads_as_no_agent() {
    let s = Sandbox::new();
    s.make_folder(0o700);
    drop(UnixListener::bind(s.socket()).expect("a socket nobody listens on"));
    assert!(s.socket().exists());
    assert!(
        s.agent
            .get(KEY)
            .expect("a dead socket is no error")
            .is_none()
    );
    assert!(!s.agent.holds(KEY).expect("holds"));
    assert_eq!(s.agent.lock().expect("lock"), None);
    assert!(s.agent.status().expect("status").is_none());
    s.agent.put(KEY, &secret("fresh"), HOUR).expect("put");
    let got = s.agent.get(KEY).expect("get").expect("held");
    assert_eq!(got.expose_secret(), "fresh");
    assert_eq!(mode(&s.socket()), 0o600);
}

#[test]
fn something_else_in_the_sockets_place_is_named_not_removed() {
    let s = Sandbox::new();
    s.make_folder(0o700);
    fs::write(s.socket(), "mine").expect("a file");
    let e = s.agent.put(KEY, &secret("s"), HOUR).expect_err("refused");
    assert!(matches!(e, AgentError::Start { .. }), "{e}");
    let message = e.to_string();
    assert!(message.contains("other than a socket"), "{message}");
    assert!(
        message.contains(&*s.socket().to_string_lossy()),
        "{message}"
    );
    assert_eq!(fs::read_to_string(s.socket()).expect("kept"), "mine");
}

#[test]
fn concurrent_puts_start_one_agent_that_holds_every_key() {
    let s = Arc::new(Sandbox::new());
    let barrier = Arc::new(Barrier::new(4));
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let (s, barrier) = (Arc::clone(&s), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                s.agent.put(
                    &format!("age1key{i}"),
                    &secret(&format!("secret {i}")),
                    HOUR,
                )
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("a thread").expect("put");
    }
    let pid = s.running_pid();
    assert_eq!(s.agents(), vec![pid], "one agent");
    for i in 0..4 {
        let got = s.agent.get(&format!("age1key{i}")).expect("get");
        assert_eq!(got.expect("held").expose_secret(), format!("secret {i}"));
    }
}

/// An agent told to lock lets go of its lock only once it has wiped what it kept, which takes
/// a moment with a large text; it removes its socket first. `unlock` run meanwhile (a script's
/// `lock` then `unlock`) starts an agent that finds the lock held and no socket: it waits for
/// the lock and serves, where it took the stopping one for running, exited, and `unlock`
/// failed after waiting five seconds for an answer.
#[test]
fn an_agent_started_while_another_stops_waits_for_its_lock() {
    let s = Sandbox::new();
    s.make_folder(0o700);
    let held = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(s.dir.join("agent.lock"))
        .expect("the lock file");
    held.lock().expect("the lock, as a stopping agent holds it");
    let letting_go = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(held);
    });
    s.agent
        .put(KEY, &secret("s"), HOUR)
        .expect("put, served once the lock is free");
    letting_go.join().expect("the lock let go");
    assert_eq!(s.agents().len(), 1);
    assert_eq!(
        s.agent
            .get(KEY)
            .expect("get")
            .map(|k| k.expose_secret().to_string()),
        Some("s".to_string())
    );
}

#[test]
fn a_second_agent_for_the_same_folder_refuses_to_start() {
    let s = Sandbox::new();
    s.agent.put(KEY, &secret("s"), HOUR).expect("put");
    let pid = s.running_pid();
    let out = start_by_hand(&s.dir, Duration::from_secs(5)).expect("it ends");
    assert_eq!(out.status.code(), Some(i32::from(ALREADY_RUNNING)));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("already runs"), "{said}");
    assert!(said.contains(&*s.socket().to_string_lossy()), "{said}");
    assert_eq!(s.agents(), vec![pid]);
    assert!(
        s.agent.get(KEY).expect("get").is_some(),
        "the first one serves on"
    );
}

#[test]
fn malformed_requests_are_refused_and_the_agent_serves_on() {
    let s = Sandbox::new();
    s.agent.put(KEY, &secret("kept"), HOUR).expect("put");
    let pid = s.running_pid();
    let raw = |line: &[u8]| {
        let mut stream = UnixStream::connect(s.socket()).expect("connect");
        stream.write_all(line).expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("an answer");
        answer
    };
    for line in [
        &b"garbage\n"[..],
        b"{\"op\":\"get\"}\n",
        b"{\"op\":\"put\",\"key\":\"k\",\"secret\":\"not hex\",\"idle\":9}\n",
        b"{\"op\":\"get\",\"key\":\"k\",\"please\":1}\n",
        b"\xff\xfe\n",
        &vec![b'7'; 100_000],
    ] {
        let answer = raw(line);
        assert!(answer.starts_with("{\"ok\":false,\"error\":\""), "{answer}");
    }
    // A client that connects and leaves at once harms nothing either.
    drop(UnixStream::connect(s.socket()).expect("connect"));
    assert_eq!(s.running_pid(), pid, "the same agent");
    let got = s.agent.get(KEY).expect("get").expect("held");
    assert_eq!(got.expose_secret(), "kept");
}

#[test]
fn the_agent_detaches_and_holds_nothing_of_whoever_started_it() {
    let s = Sandbox::new();
    // A pipe inherited without close-on-exec, as a harness or build tool may leave one.
    let (inherited_read, inherited_write) = nix::unistd::pipe().expect("a pipe");
    let out = start_by_hand(&s.dir, Duration::from_secs(5))
        .expect("the starter's stdout and stderr reach their end");
    drop(inherited_write);
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut rest = Vec::new();
        let _ = fs::File::from(inherited_read).read_to_end(&mut rest);
        let _ = tx.send(());
    });
    assert!(
        rx.recv_timeout(Duration::from_secs(5)).is_ok(),
        "the agent closed the inherited pipe"
    );

    let pid = s.running_pid();
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .expect("stat")
        .1
        .split_whitespace()
        .collect();
    assert_eq!(fields[3], pid.to_string(), "it leads a session of its own");
    // Field 41, the scheduling policy: batch (3), so that the agent never takes the core of
    // a command whose last message woke it (see `sys::never_preempt`).
    assert_eq!(fields[38], "3", "the agent is batch scheduled");
    let cwd = fs::read_link(format!("/proc/{pid}/cwd"));
    if !am_root() {
        // A process that is not dumpable hides its folder and files even from its own user.
        let e = cwd.expect_err("the agent is not dumpable");
        assert_eq!(e.kind(), std::io::ErrorKind::PermissionDenied, "{e}");
        return;
    }
    assert_eq!(cwd.expect("cwd"), Path::new("/"));
    for fd in 0..3 {
        assert_eq!(
            fs::read_link(format!("/proc/{pid}/fd/{fd}")).expect("fd"),
            Path::new("/dev/null"),
            "fd {fd}"
        );
    }
    for entry in fs::read_dir(format!("/proc/{pid}/fd")).expect("fds") {
        // The connection that answered `running_pid` may close between listing and reading.
        let Ok(target) = fs::read_link(entry.expect("fd").path()) else {
            continue;
        };
        let target = target.to_string_lossy();
        assert!(
            target == "/dev/null"
                || target.starts_with("socket:")
                || target.ends_with("/agent/agent.lock"),
            "an open file of the agent: {target}"
        );
    }
}

#[test]
fn a_stop_signal_wipes_the_keys_and_removes_the_socket() {
    let s = Sandbox::new();
    s.agent.put(KEY, &secret("s"), HOUR).expect("put");
    let pid = s.running_pid();
    kill(Pid::from_raw(pid), Signal::SIGTERM).expect("signal");
    assert!(wait_gone(pid, Duration::from_secs(3)), "the agent exited");
    assert!(!s.socket().exists());
    assert!(s.agent.get(KEY).expect("get").is_none());
}

#[test]
fn a_socket_path_too_long_is_named_with_the_way_out() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("d".repeat(120));
    let agent = Agent::with_program(dir, PathBuf::from(BIN));
    assert!(agent.get(KEY).expect("no agent can run there").is_none());
    let e = agent.put(KEY, &secret("s"), HOUR).expect_err("too long");
    assert!(e.to_string().contains("TRUSTLADDER_AGENT_DIR"), "{e}");
}
