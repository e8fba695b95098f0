//! Shared pieces of the store tests: sample ledgers, file modes, and running one test of the
//! current test executable as a separate process (a writer to kill, a process with its own
//! umask or file-size limit).
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use trustladder::core::change::{NewPromise, Target};
use trustladder::core::{Direction, Ledger, Level, Status};

/// The environment variable that tells a child which file to work on; a test that finds it
/// unset is being run normally and does nothing.
pub const CHILD_FILE: &str = "TRUSTLADDER_TEST_CHILD_FILE";

pub fn d(s: &str) -> NaiveDate {
    trustladder::core::dates::parse_iso(s).expect("a valid test date")
}

/// The day every test acts on.
pub fn today() -> NaiveDate {
    d("2026-11-24")
}

/// A command that runs the test `name` of this test executable alone, as a child process
/// working on `file`.
pub fn child(name: &str, file: &Path) -> Command {
    let exe = std::env::current_exe().expect("the test executable's path");
    let mut cmd = Command::new(exe);
    cmd.args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_FILE, file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// The file this process should work on, when it runs as a child.
pub fn child_file() -> Option<PathBuf> {
    std::env::var_os(CHILD_FILE).map(PathBuf::from)
}

/// A realistic ledger: `people` colleagues with `promises` promises between them, of every
/// rung, direction and status.
pub fn sample(people: usize, promises: usize) -> Ledger {
    let mut l = Ledger::default();
    let start = d("2026-01-05");
    for i in 0..people {
        l.add_person(
            &format!("Colleague {i} Ñoño 王"),
            "Backend",
            "likes \"quotes\" and tabs",
            start,
        )
        .expect("a valid person");
    }
    let statuses = [
        Status::Open,
        Status::Kept,
        Status::KeptLate,
        Status::Broken,
        Status::Released,
    ];
    for i in 0..promises {
        let person = l.people[i % people].id;
        let made = start + chrono::Days::new((i % 200) as u64);
        let id = l
            .add_promise(
                NewPromise {
                    person: Target::id(person),
                    direction: if i % 3 == 0 {
                        Direction::Mine
                    } else {
                        Direction::Theirs
                    },
                    level: Level::ALL[i % 3],
                    what: format!("Promise number {i}: migrate the billing tables 🚀"),
                    made,
                    due: (i % 4 != 0).then(|| made + chrono::Days::new(14)),
                    outcome: None,
                },
                today(),
            )
            .expect("a valid promise");
        let status = statuses[i % statuses.len()];
        if status != Status::Open {
            l.resolve_promise(
                id,
                status,
                made + chrono::Days::new(10),
                Some("done"),
                today(),
            )
            .expect("a valid resolution");
        }
    }
    l
}

/// The permission bits of a file or folder.
pub fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

/// Temp files that a writer of `data` left in its folder.
pub fn temp_files(data: &Path) -> Vec<PathBuf> {
    let prefix = format!(".{}.tmp-", data.file_name().unwrap().to_string_lossy());
    let mut found: Vec<PathBuf> = std::fs::read_dir(data.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// A small deterministic random number generator (xorshift), so a failing run can be
/// repeated exactly.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// A child process that is killed when this value is dropped, so a failing assertion in the
/// parent never leaves a writer running.
pub struct Reaped(pub std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Ends this whole test process if it runs longer than `limit`: a hung child or lock then
/// fails the run instead of stalling it.
pub fn bounded(limit: std::time::Duration, what: &'static str) {
    std::thread::spawn(move || {
        std::thread::sleep(limit);
        eprintln!("{what} took longer than {limit:?}; stopping");
        std::process::exit(101);
    });
}

/// The trustladder binary, when the test executable was built with it (integration tests).
pub fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustladder"));
    cmd.env_remove("TRUSTLADDER_FILE").stdin(Stdio::null());
    cmd
}

/// Runs `cmd` to its end and returns what it printed. A command still running after `limit`
/// is killed and the test fails, so a hang never stalls the run or leaves a process behind.
pub fn output_within(cmd: &mut Command, limit: std::time::Duration) -> std::process::Output {
    use std::io::{Read, Seek};
    let mut stdout = tempfile::tempfile().expect("a temp file for stdout");
    let mut stderr = tempfile::tempfile().expect("a temp file for stderr");
    let mut child = Reaped(
        cmd.stdout(stdout.try_clone().expect("a second handle"))
            .stderr(stderr.try_clone().expect("a second handle"))
            .spawn()
            .expect("the command starts"),
    );
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.0.try_wait().expect("the child's state") {
            break status;
        }
        assert!(
            started.elapsed() < limit,
            "{cmd:?} was still running after {limit:?}; it was killed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let read = |file: &mut std::fs::File| {
        let mut bytes = Vec::new();
        file.rewind().expect("rewinds");
        file.read_to_end(&mut bytes).expect("reads");
        bytes
    };
    std::process::Output {
        status,
        stdout: read(&mut stdout),
        stderr: read(&mut stderr),
    }
}

/// What a writer that holds the lock does: run by a test of its own, named in
/// [`StoppedWriter::start`]. It takes the lock in the middle of a save, says "holding", and
/// stays there until its stdin closes or it is killed.
pub fn hold_the_lock_child() {
    let Some(path) = child_file() else { return };
    let mut store = trustladder::store::Store::open(&path).expect("the holder opens the file");
    store
        .update(|l| {
            println!("holding");
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
            l.add_person("Holder", "", "", today())
        })
        .expect("the holder saves");
}

/// A writer in another process, stopped (as by Ctrl-Z) while it holds the lock mid-save.
/// Killed when dropped.
pub struct StoppedWriter {
    child: Reaped,
}

impl StoppedWriter {
    /// Starts the test `child_test` (which calls [`hold_the_lock_child`]) on `path` and stops
    /// it once it holds the lock.
    pub fn start(child_test: &str, path: &Path) -> StoppedWriter {
        use std::io::{BufRead, BufReader};
        let mut child = Reaped(
            child(child_test, path)
                .stdin(Stdio::piped())
                .spawn()
                .expect("the holder starts"),
        );
        let mut out = BufReader::new(child.0.stdout.take().expect("piped stdout"));
        let mut line = String::new();
        while !line.trim_end().ends_with("holding") {
            line.clear();
            let n = out.read_line(&mut line).expect("the holder's output");
            assert!(n > 0, "the holder died before it held the lock");
        }
        let pid = i32::try_from(child.0.id()).expect("a pid");
        // SAFETY: a plain system call sending a signal to our own child.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGSTOP) }, 0);
        StoppedWriter { child }
    }

    pub fn pid(&self) -> u32 {
        self.child.0.id()
    }
}
