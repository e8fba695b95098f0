//! An encrypted ledger under the store's unlucky conditions (docs/STORE.md): a full disk, a
//! read-only file and another process holding the lock each refuse the change as for a plain
//! ledger, leave every file byte for byte as it was, and leave nothing plain behind.

mod crypt_support;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::process::Command;

use crypt_support::{SECRET, Vault, assert_nowhere, recovery_line};

/// The note of the change each test tries: it must never be found in plain text.
const NOTE: &str = "Confidential: the reorganisation moves Priya";

/// A change whose file needs about 1,900 bytes more than the current one.
fn big_change(v: &Vault) -> Command {
    let note = format!("{NOTE} {}", "x".repeat(1850));
    v.cmd(&["person", "edit", "priya", "--note", &note])
}

/// `cmd` as on a disk with room for no file over `limit` bytes: a write past it fails with
/// "File too large", as one on a full disk fails.
fn on_a_full_disk(mut cmd: Command, limit: u64) -> Command {
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
    cmd
}

#[test]
fn a_full_disk_refuses_the_change_and_leaves_the_sealed_file_as_it_was() {
    let v = Vault::encrypted_team();
    let limit = v.bytes().len() as u64 + 1024;
    v.fails(on_a_full_disk(big_change(&v), limit), "File too large");
    assert_nowhere(NOTE, &[v.dir.path()]);
    assert_nowhere(SECRET, &[v.dir.path()]);
    // With room again, the same change lands, sealed.
    v.ok(&["person", "edit", "priya", "--note", NOTE]);
    assert!(v.ok(&["person", "list", "--json"]).contains(NOTE));
    assert_nowhere(NOTE, &[v.dir.path()]);
}

#[test]
fn a_read_only_file_refuses_the_change_naming_its_mode() {
    let v = Vault::encrypted_team();
    std::fs::set_permissions(&v.path, std::fs::Permissions::from_mode(0o444)).unwrap();
    v.fails(big_change(&v), "0444");
    assert!(v.ok(&["list"]).contains(SECRET), "reading still works");
    assert_nowhere(NOTE, &[v.dir.path()]);
    assert_nowhere(SECRET, &[v.dir.path()]);
}

#[test]
fn another_process_holding_the_lock_makes_the_change_wait_then_give_up() {
    let v = Vault::encrypted_team();
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

/// Something on the agent's socket that answers nonsense (as an agent of another version, or
/// one that broke, would): a command passes it by, says so, and takes the passphrase from the
/// passphrase command; with no other way to the key, it fails and changes nothing.
#[test]
fn an_agent_that_cannot_be_asked_is_passed_by() {
    let v = Vault::encrypted_team();
    v.ok(&["lock"]);
    let folder = v.agent.path().join("agent");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    let listener = std::os::unix::net::UnixListener::bind(folder.join("agent.sock")).unwrap();
    listener.set_nonblocking(true).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let answering = {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            use std::io::Write;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                match listener.accept() {
                    Ok((mut stream, _)) => {
                        let _ = stream.write_all(b"not an answer\n");
                    }
                    Err(_) => std::thread::sleep(std::time::Duration::from_millis(10)),
                }
            }
        })
    };

    let out = v.cmd(&["list"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(SECRET));
    assert!(
        stderr.contains("cannot be read") && stderr.contains("going on without it"),
        "{stderr}"
    );
    v.fails(v.bare(&["keep", "1"]), "trustladder unlock");

    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    answering.join().unwrap();
}

/// A work factor above what age opens on a slower machine (or this one) would write a key
/// file that locks the ledger; it, and anything else but a number in range, is refused before
/// a passphrase is asked for or a file written.
#[test]
fn a_work_factor_out_of_range_is_refused_before_anything_is_written() {
    let v = Vault::new();
    v.team();
    let plain = v.bytes();
    for bad in ["17", "40", "0", "many"] {
        let mut cmd = v.cmd(&["encrypt"]);
        cmd.env("TRUSTLADDER_KDF_WORK_FACTOR", bad);
        let stderr = v.fails(
            cmd,
            "TRUSTLADDER_KDF_WORK_FACTOR must be a number from 1 to 16",
        );
        assert!(stderr.contains(&format!("{bad:?}")), "{stderr}");
    }
    assert_eq!(v.bytes(), plain);
    assert!(!v.key_file().exists());
    v.ok(&["encrypt"]);
    let mut cmd = v.cmd(&["passphrase"]);
    cmd.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "printf new")
        .env("TRUSTLADDER_KDF_WORK_FACTOR", "17");
    v.fails(cmd, "from 1 to 16");
    // Set but empty is unset, as every other variable here: age's own work factor.
    let mut cmd = v.cmd(&["passphrase"]);
    cmd.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "printf new-one")
        .env("TRUSTLADDER_KDF_WORK_FACTOR", "");
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// A passphrase with a control character in it could be set by a command but never typed at
/// the prompt: it is refused, naming the variable whose command printed it, and nothing
/// changes.
#[test]
fn a_new_passphrase_that_could_never_be_typed_is_refused() {
    let v = Vault::new();
    v.team();
    let mut cmd = v.bare(&["encrypt"]);
    cmd.env("TRUSTLADDER_PASSPHRASE_COMMAND", "printf 'one\\033two'");
    let said = v.fails(cmd, "could never be typed at the prompt");
    assert_eq!(
        said,
        "trustladder: the passphrase the command in TRUSTLADDER_PASSPHRASE_COMMAND printed has a control character (a tab, an escape), so it could never be typed at the prompt; make it print one without\n"
    );
    assert!(!v.key_file().exists());
    v.ok(&["encrypt"]);
    let key_file = std::fs::read(v.key_file()).unwrap();
    let mut cmd = v.cmd(&["passphrase"]);
    cmd.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "printf 'a\\tb'");
    let said = v.fails(cmd, "could never be typed at the prompt");
    assert!(
        said.contains("the command in TRUSTLADDER_NEW_PASSPHRASE_COMMAND printed"),
        "{said}"
    );
    assert_eq!(std::fs::read(v.key_file()).unwrap(), key_file);
}

/// A passphrase command's first line is the passphrase, as `pass show` prints it before a
/// login or notes: for `encrypt`, every command, `unlock` and `passphrase` alike (the lines
/// after it made a "wrong passphrase").
#[test]
fn a_passphrase_command_gives_its_first_line() {
    let v = Vault::new();
    v.team();
    let with = |args: &[&str], current: &str| {
        let mut cmd = v.bare(args);
        cmd.env("TRUSTLADDER_PASSPHRASE_COMMAND", current);
        cmd.output().unwrap()
    };
    let out = with(&["encrypt"], "printf 'new5\\nlogin: me\\n'");
    assert!(out.status.success(), "{out:?}");
    let out = with(&["list"], "echo new5; echo extra");
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(SECRET));
    let mut change = v.bare(&["passphrase"]);
    change
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo new5; echo extra")
        .env(
            "TRUSTLADDER_NEW_PASSPHRASE_COMMAND",
            "printf 'six\\r\\nurl: x\\n'",
        );
    let out = change.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let out = with(&["list"], "echo six");
    assert!(out.status.success(), "{out:?}");
    let out = with(&["unlock", "--for", "1m"], "echo six; echo notes");
    assert!(out.status.success(), "{out:?}");
    // Nothing on the first line is said as such, not as a wrong passphrase.
    v.ok(&["lock"]);
    let mut blank = v.bare(&["list"]);
    blank.env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo; echo six");
    v.fails(
        blank,
        "the passphrase command in TRUSTLADDER_PASSPHRASE_COMMAND: its first line, the passphrase, is empty (the lines after it are not read)",
    );
}

/// A folder where a backup's name is (which no save can write over) stopped `encrypt` after it
/// had sealed the data file and written the key file, and `recover` after it had set the new
/// passphrase, each then saying that nothing was changed, and `decrypt` after the passphrase
/// was typed; every backup is now read before anything is asked for or written.
#[test]
fn a_backup_that_cannot_be_read_stops_encrypt_and_recover_before_they_write() {
    const MOVE: &str = "not a regular file but a folder";
    let v = Vault::new();
    v.team();
    let backups = trustladder::store::backups::folder(&v.path);
    let odd = backups.join("ledger.json.000099.20261124T090000Z");
    std::fs::create_dir(&odd).unwrap();
    let out = v.dir.path().join("recovery.txt");
    v.fails(
        v.cmd(&["encrypt", "--recovery-out", out.to_str().unwrap()]),
        MOVE,
    );
    assert!(!out.exists(), "no recovery key for a ledger left plain");
    assert!(!v.key_file().exists());
    assert!(v.ok(&["list"]).contains(SECRET));
    std::fs::remove_dir(&odd).unwrap();
    let recovery = recovery_line(&v.ok(&["encrypt"]));
    std::fs::write(&out, format!("{recovery}\n")).unwrap();
    std::fs::create_dir(&odd).unwrap();
    let mut recover = v.cmd(&["recover", "--key", out.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo other");
    v.fails(recover, MOVE);
    // `decrypt` says it before it asks for the passphrase, which would be typed for nothing.
    v.ok(&["lock"]);
    v.fails(v.bare(&["decrypt", "--yes"]), MOVE);
    // The passphrase is the one it was.
    assert!(v.ok(&["list"]).contains(SECRET));
}

/// A data folder or data file its owner made read-only is "do not touch" for the private
/// commands as for every change (docs/STORE.md): `encrypt`, `decrypt`, `passphrase` and
/// `recover` refuse it naming its mode, before anything is asked, and every file stays byte
/// for byte as it was, nothing plain among them. Run by root, who may write anywhere, they
/// wrote there all the same: `decrypt` left the ledger plain in a folder made read-only.
#[test]
fn a_read_only_data_folder_or_file_refuses_the_private_commands() {
    for (folder, mode) in [(true, 0o555), (false, 0o444)] {
        let plain = Vault::new();
        plain.team();
        let sealed = Vault::new();
        sealed.team();
        let recovery = sealed.agent.path().join("recovery.txt");
        std::fs::write(&recovery, recovery_line(&sealed.ok(&["encrypt"]))).unwrap();
        let set = |v: &Vault, mode: u32| {
            let path = if folder { v.dir.path() } else { &v.path };
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
        };
        let said = format!("(mode {mode:04o}), which trustladder takes as \"do not touch\"");
        set(&plain, mode);
        plain.fails(plain.cmd(&["encrypt"]), &said);
        set(&sealed, mode);
        for args in [
            &["decrypt", "--yes"][..],
            &["passphrase"],
            &["recover", "--key", recovery.to_str().unwrap()],
        ] {
            let mut cmd = sealed.cmd(args);
            cmd.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "printf 'a new one'");
            sealed.fails(cmd, &said);
        }
        assert_nowhere(SECRET, &[sealed.dir.path()]);
        // Writable again, each works.
        let writable = if folder { 0o700 } else { 0o600 };
        set(&plain, writable);
        set(&sealed, writable);
        plain.ok(&["encrypt"]);
        sealed.ok(&["decrypt", "--yes"]);
    }
}

/// Makes a backup of `v` larger than its data file (a long note taken out since): on a disk
/// with room for the data file, the one that cannot be written.
fn with_a_backup_larger_than_the_file(v: &Vault) {
    v.ok(&[
        "person",
        "edit",
        "priya",
        "--note",
        &format!("{NOTE} {}", "x".repeat(1500)),
    ]);
    v.ok(&["person", "edit", "priya", "--note", "short"]);
}

/// `encrypt` on a full disk: where the data file, sealed first, could not be written, nothing
/// is sealed to the new key, and its key file goes too: every file is byte for byte as it was,
/// as a change refused leaves it, where the key file stayed beside the plain ledger and only
/// "File too large" was said. Where a backup could not be, the ledger is encrypted, and it
/// says so, with `encrypt` run again to seal the rest.
#[test]
fn encrypt_on_a_full_disk_leaves_the_files_as_they_were_or_says_what_is_left() {
    let v = Vault::new();
    v.team();
    let limit = v.bytes().len() as u64 + 50;
    v.fails(
        on_a_full_disk(v.cmd(&["encrypt"]), limit),
        "File too large (os error 27); nothing was encrypted, and the recovery key shown opens nothing: run `trustladder encrypt` again once it can write",
    );
    with_a_backup_larger_than_the_file(&v);
    let limit = v.bytes().len() as u64 + 900;
    let out = on_a_full_disk(v.cmd(&["encrypt"]), limit).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "{} is encrypted, but not every backup yet: run `trustladder encrypt` again once it can write, to seal the rest",
            v.path.display()
        )),
        "{said}"
    );
    assert!(v.bytes().starts_with(b"age-encryption.org/v1\n"));
    let again = v.ok(&["encrypt"]);
    assert!(again.contains("now encrypted too"), "{again}");
    assert_nowhere(NOTE, &[v.dir.path()]);
    assert_nowhere(SECRET, &[v.dir.path()]);
}

/// Another process holding the lock stops `encrypt`, `decrypt` and `passphrase` as it stops a
/// change: each waits, gives up after 10 s and changes nothing.
#[test]
fn another_process_holding_the_lock_stops_the_private_commands_too() {
    let plain = Vault::new();
    plain.team();
    let sealed = Vault::encrypted_team();
    let mut held = Vec::new();
    for v in [&plain, &sealed] {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(trustladder::store::lock_path(&v.path))
            .unwrap();
        file.lock().unwrap();
        held.push(file);
    }
    let gave_up = "has held the lock for 10 s, so nothing was changed";
    plain.fails(plain.cmd(&["encrypt"]), gave_up);
    for args in [&["decrypt", "--yes"][..], &["passphrase"]] {
        let mut cmd = sealed.cmd(args);
        cmd.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "printf 'a new one'");
        sealed.fails(cmd, gave_up);
    }
    drop(held);
    assert_nowhere(SECRET, &[sealed.dir.path()]);
}

/// `decrypt` on a full disk that wrote the data file plain but could not write a backup says
/// so, with `decrypt` run again to open the rest, where only "File too large" was said, as if
/// nothing had been done; run again, it finishes.
#[test]
fn decrypt_on_a_full_disk_says_what_is_left_to_open() {
    let v = Vault::new();
    v.team();
    with_a_backup_larger_than_the_file(&v);
    v.ok(&["encrypt"]);
    let limit = v.bytes().len() as u64;
    let out = on_a_full_disk(v.cmd(&["decrypt", "--yes"]), limit)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "File too large (os error 27); {} is plain JSON again, but not every backup yet: run `trustladder decrypt` again once it can write, to open the rest",
            v.path.display()
        )),
        "{said}"
    );
    let again = v.ok(&["decrypt", "--yes"]);
    assert!(again.contains("are plain JSON again"), "{again}");
    assert!(!v.key_file().exists());
}
