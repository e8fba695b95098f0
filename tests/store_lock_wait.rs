//! A writer stopped mid-save (Ctrl-Z) holds the lock for as long as it is stopped. Opening
//! and reading never wait for it; a writer waits, says so after a second naming the holder,
//! and gives up after ten seconds with nothing changed.

mod store_support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use store_support::*;
use trustladder::store::{self, Patience, Store, StoreError};

/// Not a test of its own: the writer that [`StoppedWriter`] starts and stops mid-save.
#[test]
fn lock_holder_child() {
    hold_the_lock_child();
}

fn a_file_with_one_person(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("trustladder.json");
    Store::open(&path)
        .unwrap()
        .update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    path
}

#[test]
fn opening_and_reading_never_wait_for_a_stopped_writer() {
    bounded(Duration::from_secs(60), "the stopped-writer test");
    let dir = tempfile::tempdir().unwrap();
    let path = a_file_with_one_person(dir.path());
    let holder = StoppedWriter::start("lock_holder_child", &path);
    // A temp file as the holder's own save would leave while it is stopped.
    let temp = dir.path().join(".trustladder.json.tmp-4242-0-0");
    std::fs::write(&temp, b"half a save").unwrap();

    let started = Instant::now();
    let store = Store::open(&path).unwrap();
    assert!(started.elapsed() < Duration::from_secs(1), "open waited");
    assert_eq!(store.ledger().people.len(), 1);
    assert!(
        temp.exists(),
        "a temp file is not cleared while the lock is held"
    );
    for args in [&["list"][..], &["person", "list"], &["check"], &["agenda"]] {
        let started = Instant::now();
        let out = output_within(
            binary()
                .arg("--file")
                .arg(&path)
                .args(["--today", "2026-11-24"])
                .args(args),
            Duration::from_secs(5),
        );
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{args:?} took {:?}",
            started.elapsed()
        );
    }
    drop(holder);
}

#[test]
fn a_writer_says_whom_it_waits_for_and_gives_up_after_ten_seconds() {
    bounded(Duration::from_secs(60), "the stopped-writer test");
    let dir = tempfile::tempdir().unwrap();
    let path = a_file_with_one_person(dir.path());
    let before = std::fs::read(&path).unwrap();
    let holder = StoppedWriter::start("lock_holder_child", &path);
    let lock = std::fs::read_to_string(store::lock_path(&path)).unwrap();
    assert_eq!(lock.trim(), holder.pid().to_string(), "the holder's PID");

    let started = Instant::now();
    let out = output_within(
        binary()
            .arg("--file")
            .arg(&path)
            .args(["person", "add", "Pat"]),
        Duration::from_secs(20),
    );
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        took >= Duration::from_secs(10) && took < Duration::from_secs(15),
        "gave up after {took:?}"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("trustladder: waiting for another trustladder process…")
            && lines[0].contains(&format!("PID {}", holder.pid())),
        "{stderr}"
    );
    assert_eq!(
        lines[1],
        format!(
            "trustladder: {}: another trustladder process (PID {}) has held the lock for 10 s, so nothing was changed. If it is stopped (Ctrl-Z), resume it (fg) or end it, then try again",
            path.display(),
            holder.pid()
        )
    );
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing changed");
    drop(holder);
}

#[test]
fn a_wait_tells_once_and_can_be_abandoned_at_once() {
    bounded(Duration::from_secs(60), "the stopped-writer test");
    let dir = tempfile::tempdir().unwrap();
    let path = a_file_with_one_person(dir.path());
    let holder = StoppedWriter::start("lock_holder_child", &path);
    let mut store = Store::open(&path).unwrap();

    let told = Arc::new(Mutex::new(Vec::new()));
    let heard = Arc::clone(&told);
    let mut patience = Patience::default().on_wait(move |pid| heard.lock().unwrap().push(pid));
    patience.notice_after = Duration::from_millis(100);
    patience.give_up_after = Duration::from_millis(400);
    store.set_patience(patience);
    let err = store
        .update(|l| l.add_person("Pat", "", "", today()))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Busy { pid: Some(pid), in_turns: false, .. } if pid == holder.pid()),
        "{err}"
    );
    assert_eq!(*told.lock().unwrap(), vec![Some(holder.pid())]);

    let abandon = Arc::new(AtomicBool::new(false));
    store.set_patience(Patience::default().abandoned_by(Arc::clone(&abandon)));
    let flag = Arc::clone(&abandon);
    let setter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        flag.store(true, Ordering::SeqCst);
    });
    let started = Instant::now();
    let err = store
        .update(|l| l.add_person("Pat", "", "", today()))
        .unwrap_err();
    setter.join().unwrap();
    assert!(matches!(err, StoreError::Abandoned { .. }), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2));
    drop(holder);

    // With the holder gone (killed mid-save), the lock is free again and the save lands.
    store.set_patience(Patience::default());
    store
        .update(|l| l.add_person("Pat", "", "", today()))
        .unwrap();
    assert_eq!(store.ledger().people.len(), 2);
}

/// A lock held by something that writes no PID (a `flock` in a script), after a save of this
/// process's let go of it: the PID that save wrote is gone with it, so the notice says "it"
/// holds the lock, never this process, and the change lands once the lock is let go.
#[test]
fn a_holder_with_no_pid_is_it_and_the_change_lands_when_it_lets_go() {
    bounded(Duration::from_secs(60), "the lock test");
    let dir = tempfile::tempdir().unwrap();
    let path = a_file_with_one_person(dir.path());
    assert_eq!(
        std::fs::read(store::lock_path(&path)).unwrap(),
        b"",
        "the last holder took its PID out"
    );
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(store::lock_path(&path))
        .unwrap();
    lock.lock().unwrap();
    let mut child = binary()
        .arg("--file")
        .arg(&path)
        .args(["person", "add", "Pat"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Let go once the writer has said it waits (after a second of waiting, however long it
    // took to start), not after a set time it may not have said it by.
    let mut said = std::io::BufReader::new(child.stderr.take().expect("piped stderr"));
    let mut stderr = String::new();
    std::io::BufRead::read_line(&mut said, &mut stderr).unwrap();
    lock.unlock().unwrap();
    std::io::Read::read_to_string(&mut said, &mut stderr).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "trustladder: waiting for another trustladder process… (it holds the lock on {}; giving up after 10 s)\n",
            path.display()
        )
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "pat\n");
}

/// Many writers at once take the lock one after another, none of them for the whole wait: a
/// writer that gives up then says the lock was busy with saves in turn, naming no process and
/// no Ctrl-Z, which would send the user after one that did nothing wrong. The lock is held
/// here without a break (a handover the waiting writer could slip into would make the test
/// depend on timing) while the PID in the lock file changes, as it does when one save lets go
/// and the next takes the lock.
#[test]
fn a_wait_given_up_while_saves_took_the_lock_in_turns_blames_no_one() {
    bounded(Duration::from_secs(60), "the lock test");
    let dir = tempfile::tempdir().unwrap();
    let path = a_file_with_one_person(dir.path());
    let before = std::fs::read(&path).unwrap();
    let sleeper = || {
        Reaped(
            std::process::Command::new("sleep")
                .arg("30")
                .spawn()
                .unwrap(),
        )
    };
    let (first, second) = (sleeper(), sleeper());
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(store::lock_path(&path))
        .unwrap();
    lock.lock().unwrap();
    name_in(&lock, first.0.id());

    let mut store = Store::open(&path).unwrap();
    // The handover comes as the writer says it waits, within its wait whatever the load: a
    // thread that slept for it could wake after the wait was over.
    let lock = Arc::new(lock);
    let held = Arc::clone(&lock);
    let second_pid = second.0.id();
    let mut patience = Patience::default().on_wait(move |_| name_in(&held, second_pid));
    patience.notice_after = Duration::from_millis(200);
    patience.give_up_after = Duration::from_millis(600);
    store.set_patience(patience);
    let waiting = path.clone();
    let err = store
        .update(|l| l.add_person("Pat", "", "", today()))
        .unwrap_err();
    store.set_patience(Patience::default());
    drop(lock);
    assert!(
        matches!(err, StoreError::Busy { in_turns: true, pid: Some(pid), .. } if pid == second_pid),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the lock was busy with other trustladder saves, one after another, for 0 s, so nothing was changed. Try again, or run fewer trustladder commands at once",
            waiting.display()
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing changed");
    drop((first, second));
}

/// Writes `pid` into the lock file as the process that takes the lock does.
fn name_in(lock: &std::fs::File, pid: u32) {
    use std::os::unix::fs::FileExt;
    lock.set_len(0).unwrap();
    lock.write_all_at(format!("{pid}\n").as_bytes(), 0).unwrap();
}
