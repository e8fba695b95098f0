//! An encrypted ledger under the store's unlucky conditions (docs/STORE.md): a full disk, a
//! read-only file and another process holding the lock each refuse the change as for a plain
//! ledger, leave every file byte for byte as it was, and leave nothing plain behind.

mod crypt_support;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::process::Command;

use crypt_support::{SECRET, Vault, assert_nowhere};

/// The note of the change each test tries: it must never be found in plain text.
const NOTE: &str = "Confidential: the reorganisation moves Priya";

fn encrypted_team() -> Vault {
    let v = Vault::new();
    v.team();
    v.ok(&["encrypt"]);
    v
}

/// A change whose file needs about 1,900 bytes more than the current one.
fn big_change(v: &Vault) -> Command {
    let note = format!("{NOTE} {}", "x".repeat(1850));
    v.cmd(&["person", "edit", "priya", "--note", &note])
}

#[test]
fn a_full_disk_refuses_the_change_and_leaves_the_sealed_file_as_it_was() {
    let v = encrypted_team();
    let limit = v.bytes().len() as u64 + 1024;
    let mut cmd = big_change(&v);
    // SAFETY: only async-signal-safe calls on the child's own limits, between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let rl = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rl) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    v.fails(cmd, "File too large");
    assert_nowhere(NOTE, &[v.dir.path()]);
    assert_nowhere(SECRET, &[v.dir.path()]);
    // With room again, the same change lands, sealed.
    v.ok(&["person", "edit", "priya", "--note", NOTE]);
    assert!(v.ok(&["person", "list", "--json"]).contains(NOTE));
    assert_nowhere(NOTE, &[v.dir.path()]);
}

#[test]
fn a_read_only_file_refuses_the_change_naming_its_mode() {
    let v = encrypted_team();
    std::fs::set_permissions(&v.path, std::fs::Permissions::from_mode(0o444)).unwrap();
    v.fails(big_change(&v), "0444");
    assert!(v.ok(&["list"]).contains(SECRET), "reading still works");
    assert_nowhere(NOTE, &[v.dir.path()]);
    assert_nowhere(SECRET, &[v.dir.path()]);
}

#[test]
fn another_process_holding_the_lock_makes_the_change_wait_then_give_up() {
    let v = encrypted_team();
    let mut lock = v.path.clone().into_os_string();
    lock.push(".lock");
    // This test holds the lock, as a stopped writer would.
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .unwrap();
    held.lock().unwrap();
    let stderr = v.fails(big_change(&v), "waiting for another trustladder process");
    drop(held);
    assert!(
        stderr.contains("gave up") || stderr.contains("giving up"),
        "{stderr}"
    );
    assert_nowhere(NOTE, &[v.dir.path()]);
    assert_nowhere(SECRET, &[v.dir.path()]);
}
