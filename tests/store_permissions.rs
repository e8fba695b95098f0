//! Private files and folders: the data file, its temp files, lock file and backups are 0600,
//! and the folders the store creates 0700, whatever the umask.

mod store_support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use store_support::*;
use trustladder::store::{self, Patience, Store};

/// Not a test of its own: `umask_000_still_gives_private_files_and_folders` runs it with
/// umask 000, so every file and folder it makes would be world-writable without explicit modes.
#[test]
fn umask_000_child() {
    let Some(path) = child_file() else { return };
    // SAFETY: umask only changes this process's file-creation mask; it has no memory effects.
    unsafe { libc::umask(0) };
    let mut s = Store::open(&path).expect("opens");
    s.update(|l| l.add_person("Priya", "", "", today()))
        .expect("first save");
    s.update(|l| l.add_person("Pat", "", "", today()))
        .expect("second save");
    store::restore_backup(&path, "1", &Patience::default()).expect("restores");
    println!("done");
}

fn assert_private_tree(data: &Path) {
    assert_eq!(mode(data), 0o600, "{}", data.display());
    let lock = store::lock_path(data);
    assert_eq!(mode(&lock), 0o600, "{}", lock.display());
    let backups = store::backups::folder(data);
    assert_eq!(mode(&backups), 0o700, "{}", backups.display());
    let mut seen = 0;
    for entry in fs::read_dir(&backups).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 2, "the backups and the replaced file are there");
}

#[test]
fn umask_000_still_gives_private_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir
        .path()
        .join("new")
        .join("deeper")
        .join("trustladder.json");
    let out = child("umask_000_child", &data).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("done"));
    assert_eq!(mode(&dir.path().join("new")), 0o700);
    assert_eq!(mode(&dir.path().join("new").join("deeper")), 0o700);
    assert_private_tree(&data);
}

#[test]
fn a_hand_made_world_readable_file_and_lock_become_private_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("trustladder.json");
    fs::write(&data, store::encode(&sample(2, 3))).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o644)).unwrap();
    let lock = store::lock_path(&data);
    fs::write(&lock, b"").unwrap();
    fs::set_permissions(&lock, fs::Permissions::from_mode(0o666)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();

    let mut s = Store::open(&data).unwrap();
    s.update(|l| l.add_person("Ana", "", "", today())).unwrap();
    s.update(|l| l.add_person("Bo", "", "", today())).unwrap();
    assert_private_tree(&data);
    assert_eq!(
        mode(dir.path()),
        0o755,
        "a folder the user made is left as it is"
    );
}

#[test]
fn a_file_another_program_widened_is_private_again_once_read_and_a_read_only_one_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("trustladder.json");
    fs::write(&data, store::encode(&sample(2, 3))).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o644)).unwrap();
    let before = fs::read(&data).unwrap();
    let opened = Store::open(&data).unwrap();
    assert_eq!(opened.ledger().promises.len(), 3);
    assert_eq!(
        mode(&data),
        0o600,
        "as git or cp left it, until it was read"
    );
    assert_eq!(fs::read(&data).unwrap(), before, "only the mode changed");

    fs::set_permissions(&data, fs::Permissions::from_mode(0o444)).unwrap();
    Store::open(&data).unwrap();
    assert_eq!(
        mode(&data),
        0o444,
        "its owner made it read-only: left as it is"
    );
}

/// Not a test of its own: `a_file_its_owner_may_not_read_is_named_and_restore_puts_one_back`
/// runs it, as a user other than root when the tests run as root (root reads any file).
#[test]
fn unreadable_file_child() {
    let Some(path) = child_file() else { return };
    // SAFETY: plain system calls that change this child process's ids; no memory effects.
    if unsafe { libc::geteuid() } == 0 {
        assert_eq!(unsafe { libc::setgid(NOBODY) }, 0, "setgid");
        assert_eq!(unsafe { libc::setuid(NOBODY) }, 0, "setuid");
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    match Store::open(&path) {
        Err(e @ store::StoreError::NoReadPermission { .. }) => println!("refused: {e}"),
        other => panic!("expected the file to be refused as unreadable, got {other:?}"),
    }
    // check still lists the backups, and the file's state names the reason.
    let report = store::check(&path).expect("check reports an unreadable file");
    println!(
        "checked: {:?}, {} backup(s), problem: {}",
        report.file.health,
        report.backups.len(),
        report.problem().map(|e| e.to_string()).unwrap_or_default()
    );
    // Write-only: restoring over it works, setting the file it replaces aside once.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o200)).unwrap();
    store::restore_backup(&path, "1", &Patience::default()).expect("restores");
    println!("done");
}

/// The user id the child runs as when the tests run as root.
const NOBODY: u32 = 65534;

#[test]
fn a_file_its_owner_may_not_read_is_named_and_restore_puts_one_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("t.json");
    let mut s = Store::open(&data).unwrap();
    s.update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    s.update(|l| l.add_person("Pat", "", "", today())).unwrap();
    let newest = store::backups::list(&data).unwrap()[0].path.clone();
    let backup = fs::read(&newest).unwrap();
    // SAFETY: geteuid only reads this process's effective user id.
    if unsafe { libc::geteuid() } == 0 {
        for path in [
            dir.path().to_path_buf(),
            data.clone(),
            store::lock_path(&data),
            store::backups::folder(&data),
            newest.clone(),
        ] {
            std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    let out = child("unreadable_file_child", &data).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!(
            "refused: {}: trustladder may not read it (permission denied). Nothing was changed; make it readable for its owner (chmod u+r)",
            data.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("checked: Unreadable, 1 backup(s), problem: ")
            && stdout.contains("may not read it (permission denied)"),
        "{stdout}"
    );
    assert!(stdout.contains("done"), "{stdout}");
    // The backup's ledger is back, as a save of its own (its lineage goes on from the file
    // it replaced, which could not be read: from the backup's).
    let mut back = store::decode(&fs::read(&data).unwrap()).unwrap();
    let kept = store::decode(&backup).unwrap();
    assert_eq!(back.lineage[1..], kept.lineage[..], "the backup is back");
    back.lineage = kept.lineage.clone();
    assert_eq!(back, kept, "the backup is back");
    let replaced: Vec<_> = store::backups::list(&data)
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == store::BackupKind::Replaced)
        .collect();
    assert_eq!(replaced.len(), 1, "{replaced:?}");
}

/// Not a test of its own: `a_backups_folder_this_user_may_not_write_is_named_with_what_to_do`
/// runs it, as a user other than root when the tests run as root (root writes anywhere).
#[test]
fn unwritable_backups_child() {
    let Some(path) = child_file() else { return };
    // SAFETY: plain system calls that change this child process's ids; no memory effects.
    if unsafe { libc::geteuid() } == 0 {
        assert_eq!(unsafe { libc::setgid(NOBODY) }, 0, "setgid");
        assert_eq!(unsafe { libc::setuid(NOBODY) }, 0, "setuid");
    }
    let backups = store::backups::folder(&path);
    fs::set_permissions(&backups, fs::Permissions::from_mode(0o500)).unwrap();
    let out = binary()
        .env("TRUSTLADDER_CONFIG", "/dev/null")
        .arg("--file")
        .arg(&path)
        .args(["--today", "2026-11-24", "person", "add", "Sam"])
        .output()
        .unwrap();
    fs::set_permissions(&backups, fs::Permissions::from_mode(0o700)).unwrap();
    println!("exit: {:?}", out.status.code());
    print!("stderr: {}", String::from_utf8_lossy(&out.stderr));
}

/// A backups folder this user may not write in: a change is refused naming the folder, that
/// nothing was changed and what to do, where the system's "Permission denied" named only a
/// backup's name; the data file is left byte for byte.
#[test]
fn a_backups_folder_this_user_may_not_write_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("t.json");
    let mut s = Store::open(&data).unwrap();
    s.update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    s.update(|l| l.add_person("Pat", "", "", today())).unwrap();
    let backups = store::backups::folder(&data);
    // SAFETY: geteuid only reads this process's effective user id.
    if unsafe { libc::geteuid() } == 0 {
        let mut owned = vec![
            dir.path().to_path_buf(),
            data.clone(),
            store::lock_path(&data),
            backups.clone(),
        ];
        owned.extend(
            store::backups::list(&data)
                .unwrap()
                .into_iter()
                .map(|b| b.path),
        );
        for path in owned {
            std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    let before = fs::read(&data).unwrap();
    let out = child("unwritable_backups_child", &data).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("exit: Some(1)"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "stderr: trustladder: {}: trustladder may not write in the backups folder, where each change first keeps the file it replaces. Nothing was changed; make the folder writable (chmod u+w), or run trustladder as its owner\n",
            backups.display()
        )),
        "{stdout}"
    );
    assert_eq!(
        fs::read(&data).unwrap(),
        before,
        "the data file is as it was"
    );
    assert_eq!(store::backups::list(&data).unwrap().len(), 1);
}

/// Root saving a user's ledger (`sudo trustladder …`, a job of root's) leaves it the user's:
/// the file root wrote was root's, 0600, and its owner could no longer read their ledger; nor
/// could they save once root had made the backups folder or the lock file.
#[test]
fn a_save_by_root_keeps_the_file_its_owner_s() {
    use std::os::unix::fs::MetadataExt;
    if !nix::unistd::geteuid().is_root() {
        eprintln!("only root can save a file of another user's: nothing to check here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ledger");
    let path = folder.join("trustladder.json");
    let mut store = Store::open(&path).unwrap();
    store
        .update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    // The user's folder, holding the user's ledger alone (a clone has no lock file, and a
    // first save makes no backup).
    let _ = fs::remove_dir_all(folder.join("backups"));
    let _ = fs::remove_file(folder.join("trustladder.json.lock"));
    for owned in [&folder, &path] {
        std::os::unix::fs::chown(owned, Some(65534), Some(65533)).unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    store
        .update(|l| l.add_person("Pat", "", "", today()))
        .unwrap();
    let backups: Vec<std::path::PathBuf> = fs::read_dir(folder.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!backups.is_empty());
    for made in [
        path.clone(),
        folder.join("backups"),
        folder.join("trustladder.json.lock"),
    ]
    .into_iter()
    .chain(backups)
    {
        let meta = fs::metadata(&made).unwrap();
        assert_eq!(
            (meta.uid(), meta.gid()),
            (65534, 65533),
            "{}",
            made.display()
        );
    }
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
}

/// A file root makes where there was none, in a folder another user owns, is that user's as
/// the folder is: the data file of a first save, the key file `encrypt` writes. Both were
/// root's, 0600, and the user then got "Permission denied" from every command.
#[test]
fn a_new_file_root_makes_in_a_user_s_folder_is_theirs() {
    use std::os::unix::fs::MetadataExt;
    if !nix::unistd::geteuid().is_root() {
        eprintln!("only root can make a file for another user: nothing to check here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ledger");
    fs::create_dir(&folder).unwrap();
    std::os::unix::fs::chown(&folder, Some(65534), Some(65533)).unwrap();
    let path = folder.join("trustladder.json");
    let mut store = Store::open(&path).unwrap();
    store
        .update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    let key = folder.join("trustladder.json.key");
    let lock = store::hold_lock(&path, &Patience::default()).unwrap();
    store::sealing::write_private(&key, &lock, b"a key file\n").unwrap();
    for made in [&path, &key] {
        let meta = fs::metadata(made).unwrap();
        assert_eq!(
            (meta.uid(), meta.gid()),
            (65534, 65533),
            "{}",
            made.display()
        );
        assert_eq!(meta.mode() & 0o777, 0o600, "{}", made.display());
    }
}

/// Takes the immutable mark off whatever it was put on, whatever the test comes to, so the
/// temporary folder can be removed.
struct Immutable<'a>(&'a Path);

impl Immutable<'_> {
    /// Marks `path` immutable; None where that cannot be done here (not root, no `chattr`, a
    /// file system without the flag).
    fn mark(path: &Path) -> Option<Immutable<'_>> {
        let marked = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .output()
            .is_ok_and(|out| out.status.success());
        marked.then_some(Immutable(path))
    }
}

impl Drop for Immutable<'_> {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(self.0)
            .output();
    }
}

/// A data file or folder marked immutable (`chattr +i`) is named as such, not with the bare
/// "Operation not permitted", the file left as it was; `check` calls the file read-only.
/// Checked where the tests run as root and the file system has the flag.
#[test]
fn an_immutable_file_or_folder_is_named_as_such_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ledger").join("trustladder.json");
    let mut s = Store::open(&data).unwrap();
    s.update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    let before = fs::read(&data).unwrap();
    let add = |name: &'static str| {
        Store::open(&data)
            .unwrap()
            .update(|l| l.add_person(name, "", "", today()))
            .map(|_| ())
    };
    {
        let Some(_marked) = Immutable::mark(&data) else {
            return;
        };
        let said = add("Pat").unwrap_err().to_string();
        assert!(said.contains("marked immutable (chattr +i)"), "{said}");
        assert!(said.starts_with(&data.display().to_string()), "{said}");
        // Opened, it is read-only from the start (the UI offers no change), as a file
        // without write permission is.
        let shown = Store::open(&data).unwrap().read_only().expect("read-only");
        assert!(shown.contains("marked immutable"), "{shown}");
        let report = store::check(&data).unwrap();
        assert_eq!(report.file.health, store::Health::ReadOnly);
        assert!(
            report.file.detail.unwrap().contains("immutable"),
            "the check says why"
        );
    }
    let folder = data.parent().unwrap();
    {
        let Some(_marked) = Immutable::mark(folder) else {
            return;
        };
        let said = add("Pat").unwrap_err().to_string();
        assert!(
            said.starts_with(&format!("{}: it is marked immutable", folder.display())),
            "{said}"
        );
        let report = store::check(&data).unwrap();
        assert_eq!(report.file.health, store::Health::ReadOnly);
        assert!(report.file.detail.unwrap().contains("is marked immutable"));
        let mut store = Store::open(&data).unwrap();
        assert!(store.read_only().is_some());
        drop(_marked);
        // Lifted, a long-lived store notices at its next look.
        assert!(store.refresh().unwrap());
        assert_eq!(store.read_only(), None);
    }
    assert_eq!(fs::read(&data).unwrap(), before);
}

/// Not a test of its own: `a_folder_this_user_may_not_write_shows_read_only_as_check_says`
/// runs it. It opens the store as root, then goes on as another user, who may not write in
/// root's folder whatever its mode bits say.
#[test]
fn unwritable_folder_child() {
    let Some(path) = child_file() else { return };
    let mut s = Store::open(&path).expect("opens");
    println!("as root: {:?}", s.read_only());
    // SAFETY: plain system calls that change this child process's ids; no memory effects.
    unsafe {
        assert_eq!(libc::setgid(NOBODY), 0, "setgid");
        assert_eq!(libc::setuid(NOBODY), 0, "setuid");
    }
    println!("noticed: {:?}", s.refresh().map_err(|e| e.to_string()));
    println!("read-only: {:?}", s.read_only());
    println!(
        "reopened: {:?}",
        Store::open(&path).expect("reopens").read_only()
    );
    let report = store::check(&path).expect("checks");
    println!("checked: {:?} {:?}", report.file.health, report.file.detail);
}

/// A folder this user may not write in, though its owner may (another user's, or on a
/// read-only file system): the store calls the file read-only, in the words `check` uses,
/// from the start and at its next look after the folder stopped being writable, so the UI
/// offers no change that would only fail. It had called the file writable while `check`
/// called it read-only. Checked where the tests run as root (only root can become another
/// user).
#[test]
fn a_folder_this_user_may_not_write_shows_read_only_as_check_says() {
    if !nix::unistd::geteuid().is_root() {
        eprintln!(
            "only root can become a user who may not write the folder: nothing to check here"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    let data = folder.join("s.json");
    Store::open(&data)
        .unwrap()
        .update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::chown(&data, Some(NOBODY), Some(NOBODY)).unwrap();
    let out = child("unwritable_folder_child", &data).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reason = format!(
        "its folder {} cannot be written by this user, so no change is saved until it can",
        folder.display()
    );
    assert!(stdout.contains("as root: None\n"), "{stdout}");
    assert!(stdout.contains("noticed: Ok(true)\n"), "{stdout}");
    assert!(
        stdout.contains(&format!("read-only: Some({reason:?})\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("reopened: Some({reason:?})\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("checked: ReadOnly Some({reason:?})\n")),
        "{stdout}"
    );
}

/// Not a test of its own: `another_users_file_in_a_folder_anyone_may_write_is_read_only`
/// runs it, as a user other than the file's owner.
#[test]
fn others_file_child() {
    let Some(path) = child_file() else { return };
    // SAFETY: plain system calls that change this child process's ids; no memory effects.
    unsafe {
        assert_eq!(libc::setgid(NOBODY), 0, "setgid");
        assert_eq!(libc::setuid(NOBODY), 0, "setuid");
    }
    let mut s = Store::open(&path).expect("opens");
    println!("read-only: {:?}", s.read_only());
    let report = store::check(&path).expect("checks");
    println!("checked: {:?} {:?}", report.file.health, report.file.detail);
    let err = s
        .update(|l| l.add_person("Bob", "", "", today()))
        .expect_err("refused");
    println!("change: {err}");
}

/// Root's ledger in a folder anyone may write (1777, and 0777): another user may make the
/// lock file there but not write the file, so the store and `check` call it read-only, and a
/// change names the file and its owner and leaves it as it was. `check` and the UI had called
/// it writable, and a change blamed the folder (the lock file root had left could not be
/// opened) or, with no lock file there, took the file from root in a 0777 folder. Checked where
/// the tests run as root (only root can become another user).
#[test]
fn another_users_file_in_a_folder_anyone_may_write_is_read_only() {
    if !nix::unistd::geteuid().is_root() {
        eprintln!(
            "only root can become a user who may not write root's file: nothing to check here"
        );
        return;
    }
    for mode in [0o1777, 0o777] {
        let dir = tempfile::tempdir().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let folder = dir.path().join("shared");
        let data = folder.join("s.json");
        Store::open(&data)
            .unwrap()
            .update(|l| l.add_person("Priya", "", "", today()))
            .unwrap();
        fs::set_permissions(&folder, fs::Permissions::from_mode(mode)).unwrap();
        fs::set_permissions(&data, fs::Permissions::from_mode(0o644)).unwrap();
        let before = fs::read(&data).unwrap();
        let out = child("others_file_child", &data).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let reason = "it is root's and this user may not write it, so no change is saved until trustladder runs as root or root lets this user write it";
        assert!(
            stdout.contains(&format!("read-only: Some({reason:?})\n")),
            "{mode:o}: {stdout}"
        );
        assert!(
            stdout.contains(&format!("checked: ReadOnly Some({reason:?})\n")),
            "{mode:o}: {stdout}"
        );
        assert!(
            stdout.contains(&format!(
                "change: {}: this file is root's and this user may not write it. Nothing was changed; run trustladder as root, or have root give it to this user (chown) or let this user write it\n",
                data.display()
            )),
            "{mode:o}: {stdout}"
        );
        assert_eq!(fs::read(&data).unwrap(), before, "{mode:o}");
        let meta = fs::metadata(&data).unwrap();
        assert_eq!(std::os::unix::fs::MetadataExt::uid(&meta), 0, "{mode:o}");
    }
}

/// A ledger on a file system mounted read-only is read-only, and `check` and the store say
/// why as it is: a remount is the way back, not a change of owner or mode, which no user,
/// root neither, could make help. Where this process may not mount (not root, or in a
/// container that forbids it), it says so and checks nothing.
#[test]
fn a_read_only_file_system_is_named_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(dir.path())
        .output();
    if !mounted.is_ok_and(|out| out.status.success()) {
        eprintln!("mounting a tmpfs is not allowed here; skipped");
        return;
    }
    /// Unmounts when the test ends, passed or not.
    struct Mounted<'a>(&'a Path);
    impl Drop for Mounted<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _mounted = Mounted(dir.path());
    let data = dir.path().join("t.json");
    Store::open(&data)
        .unwrap()
        .update(|l| l.add_person("Priya", "", "", today()))
        .unwrap();
    let remounted = std::process::Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(remounted.success());
    let reason = format!(
        "its folder {} is on a read-only file system, so no change is saved until it is mounted read-write",
        dir.path().display()
    );
    let report = store::check(&data).unwrap();
    assert_eq!(report.file.detail.as_deref(), Some(reason.as_str()));
    assert_eq!(Store::open(&data).unwrap().read_only(), Some(reason));
}

/// A ledger folder copied with wide modes (`chmod -R a+rX`): opening the data file takes the
/// group's and others' access away from it, and from its backups folder and every backup in
/// it, which hold the same ledger, not from the data file alone.
#[test]
fn backups_copied_with_wide_modes_are_narrowed_with_the_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    for name in ["Ann", "Bo", "Cy"] {
        s.update(|l| l.add_person(name, "", "", today())).unwrap();
    }
    drop(s);
    let backups = store::backups::folder(&path);
    let wide = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    wide(&path, 0o644);
    wide(&backups, 0o755);
    let names: Vec<_> = fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(names.len(), 2);
    for backup in &names {
        wide(backup, 0o644);
    }
    Store::open(&path).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&backups), 0o700);
    for backup in &names {
        assert_eq!(mode(backup), 0o600, "{}", backup.display());
    }
}
