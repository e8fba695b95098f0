//! A data path that is not a regular file (a named pipe, a link to a device) is refused at
//! once, and no read takes more than the store's limit: nothing hangs and nothing eats memory.

mod store_support;

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::time::Duration;

use store_support::*;
use trustladder::store::{self, Store, StoreError};

/// Generous for a command that answers at once, short against a hang.
const LIMIT: Duration = Duration::from_secs(10);

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a plain system call on a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// The binary run with `args` on the data file `file`, on a fixed day.
fn run_on(file: &Path, args: &[&str]) -> std::process::Output {
    output_within(
        binary()
            .arg("--file")
            .arg(file)
            .args(["--today", "2026-11-24"])
            .args(args),
        LIMIT,
    )
}

/// Runs the binary on `file` and checks that it failed with exit 1 and a message that names
/// the file and what it is.
fn refused(file: &Path, args: &[&str], what: &str) {
    let out = run_on(file, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert!(
        stderr.contains(&format!(
            "{}: not a regular file but {what}",
            file.display()
        )),
        "{args:?}: {stderr}"
    );
    if args == ["check"] {
        // Its report, as for a file it cannot read, with what is there instead.
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            report.contains(&format!("state: unreadable (not a regular file but {what}")),
            "{report}"
        );
    } else {
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
    }
}

/// A folder in the data file's place: every command refuses it, and `check --json` still
/// gives a report a script can read.
#[test]
fn a_folder_at_the_data_path_is_refused_and_check_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    fs::create_dir(&path).unwrap();
    for args in [&["list"][..], &["check"], &["person", "add", "Priya"]] {
        refused(&path, args, "a folder");
    }
    let out = output_within(
        binary().arg("--file").arg(&path).args(["check", "--json"]),
        LIMIT,
    );
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    assert_eq!(report["file"]["health"], "unreadable");
    assert_eq!(report["backups"], serde_json::json!([]));
}

/// The folder a ledger is in, or its backups folder, named as the data file (`--file` given
/// the folder, the file's name left off): refused naming the ledger there, which was likely
/// meant, where "the path of a ledger file" left it to be found. A folder of no ledger, or of
/// two, names none.
#[test]
fn a_folder_holding_a_ledger_is_refused_naming_that_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("work.json");
    let out = run_on(&ledger, &["person", "add", "Priya"]);
    assert!(out.status.success(), "{out:?}");
    let said = |folder: &Path, instead: Option<&Path>| {
        format!(
            "trustladder: {}: not a regular file but a folder, so trustladder neither reads nor writes it. Nothing was changed; pass --file with the path of a ledger file{}\n",
            folder.display(),
            instead.map_or(String::new(), |p| format!(", such as {}", p.display()))
        )
    };
    let backups = dir.path().join("backups");
    fs::create_dir_all(&backups).unwrap();
    for folder in [dir.path(), backups.as_path()] {
        let before = fs::read(&ledger).unwrap();
        let out = run_on(folder, &["list"]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            said(folder, Some(&ledger))
        );
        assert_eq!(fs::read(&ledger).unwrap(), before);
    }
    // A second ledger there: which was meant is not guessed.
    assert!(
        run_on(&dir.path().join("home.json"), &["person", "add", "Ann"])
            .status
            .success()
    );
    let out = run_on(dir.path(), &["list"]);
    assert_eq!(String::from_utf8_lossy(&out.stderr), said(dir.path(), None));
}

/// A file where a folder of the data path should be (`--file notes/ledger.json` where
/// `notes` is a file): every command names that file, where the system's "Not a directory"
/// left which part of the path to be found, and makes nothing.
#[test]
fn a_file_where_the_path_has_a_folder_is_named_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    fs::write(&notes, "mine").unwrap();
    let path = notes.join("trustladder.json");
    for args in [
        &["list"][..],
        &["check"],
        &["person", "add", "Priya"],
        &["sync", "clone", "/nowhere.git"],
    ] {
        let out = run_on(&path, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "{}: {} is a file, not a folder, so nothing is kept under it. Nothing was changed",
                path.display(),
                notes.display()
            )),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(fs::read(&notes).unwrap(), b"mine");
    let mut left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["notes"]);
}

/// A data path ending in `/` names a folder, whether it is there or not, or a file is: every
/// command refuses it before anything is made (no folder, no lock file beside it), naming the
/// file it most likely meant.
#[test]
fn a_data_path_ending_in_a_slash_is_refused_before_anything_is_made() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("f.json"), b"not touched").unwrap();
    for (path, instead) in [
        ("newdir/", "newdir/trustladder.json"),
        ("f.json/", "f.json"),
    ] {
        for args in [
            &["list"][..],
            &["check"],
            &["person", "add", "Priya"],
            &["restore-backup", "1"],
        ] {
            let out = output_within(
                binary()
                    .current_dir(dir.path())
                    .args(["--file", path, "--today", "2026-11-24"])
                    .args(args),
                LIMIT,
            );
            assert_eq!(out.status.code(), Some(1), "{path} {args:?}");
            assert_eq!(
                String::from_utf8_lossy(&out.stderr),
                format!(
                    "trustladder: {path}: ends with /, so it names a folder, not a data file. \
                     Nothing was changed; pass --file with the path of a ledger file, such as \
                     {instead}\n"
                ),
                "{path} {args:?}"
            );
            assert!(out.stdout.is_empty(), "{path} {args:?} printed to stdout");
        }
        // The variable is read the same way.
        let out = output_within(
            binary()
                .current_dir(dir.path())
                .env("TRUSTLADDER_FILE", path)
                .args(["person", "add", "Priya"]),
            LIMIT,
        );
        assert_eq!(out.status.code(), Some(1), "{path}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with(&format!(
                "trustladder: {path}: ends with /, so it names a folder, not a data file."
            )),
            "{path}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{path} printed to stdout");
    }
    let mut left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["f.json"], "nothing was made");
    assert_eq!(fs::read(dir.path().join("f.json")).unwrap(), b"not touched");
}

#[test]
fn a_named_pipe_at_the_data_path_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    mkfifo(&path);
    for args in [
        &["list"][..],
        &["check"],
        &["person", "add", "Priya"],
        &["restore-backup", "1"],
    ] {
        refused(&path, args, "a named pipe");
    }
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotAFile { .. }), "{err}");
    assert!(
        fs::symlink_metadata(&path).unwrap().file_type().is_fifo(),
        "the pipe is left as it was"
    );
}

#[test]
fn a_link_to_dev_zero_is_refused_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    for args in [&["list"][..], &["check"], &["person", "add", "Priya"]] {
        refused(Path::new("/dev/zero"), args, "a character device");
    }
    // Through the link, the message names the file it points to.
    let out = output_within(binary().arg("--file").arg(&path).arg("list"), LIMIT);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/dev/zero: not a regular file but a character device"),
        "{stderr}"
    );
}

#[test]
fn a_file_larger_than_any_ledger_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    // A sparse file: as large as the limit allows and one byte more, costing no disk space.
    let file = fs::File::create(&path).unwrap();
    file.set_len(store::MAX_FILE_BYTES + 1).unwrap();
    drop(file);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err}");
    let shown = Store::open_to_show(&path).unwrap_err();
    assert_eq!(shown.to_string(), err.to_string());
    assert!(
        err.to_string().starts_with(&format!(
            "{}: too large for a trustladder file",
            path.display()
        )),
        "{err}"
    );
    let report = store::check(&path).expect("a report");
    assert!(
        matches!(report.problem(), Some(StoreError::TooLarge { .. })),
        "{report:?}"
    );
}

/// A file over the size limit, or links that lead round in a loop, at the data path: `check`
/// reports it unreadable with why and lists the backups, then ends with the error (exit 1),
/// as for a folder there; the other commands refuse a loop in words that say what it is.
#[test]
fn check_reports_a_file_too_large_or_a_loop_of_links_with_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l1.json");
    for name in ["Priya", "Sam"] {
        let out = output_within(
            binary().arg("--file").arg(&path).args([
                "--today",
                "2026-11-24",
                "person",
                "add",
                name,
            ]),
            LIMIT,
        );
        assert!(out.status.success(), "{out:?}");
    }
    let check = || {
        output_within(
            binary()
                .current_dir(dir.path())
                .args(["--file", "l1.json", "check"]),
            LIMIT,
        )
    };
    let backup_line = |report: &str| {
        report
            .lines()
            .find(|line| line.trim_start().starts_with("1  l1.json.000001."))
            .map(|line| line.ends_with("ok, format version 2: 1 person, 0 promises, 0 open"))
    };
    fs::File::create(&path)
        .unwrap()
        .set_len(store::MAX_FILE_BYTES + 1)
        .unwrap();
    let out = check();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains(&format!(
            "state: unreadable (too large for a trustladder file: {} bytes, where at most 512 MiB are read)",
            store::MAX_FILE_BYTES + 1
        )),
        "{report}"
    );
    assert_eq!(backup_line(&report), Some(true), "{report}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "trustladder: l1.json: too large for a trustladder file ({} bytes; at most 512 MiB are read). Nothing was changed: a ledger of 100,000 promises takes about 40 MB, so the path more likely names another file (if it is the ledger, `trustladder check` lists the backups to put back)\n",
            store::MAX_FILE_BYTES + 1
        )
    );

    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink("l2.json", &path).unwrap();
    std::os::unix::fs::symlink("l1.json", dir.path().join("l2.json")).unwrap();
    let out = check();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains(
            "state: unreadable (a symbolic link, and the links lead round in a loop, so there is no file at their end)"
        ),
        "{report}"
    );
    assert_eq!(backup_line(&report), Some(true), "{report}");
    let refusal = "trustladder: l1.json: a symbolic link, and the links lead round in a loop, so \
                   there is no file at their end. Nothing was changed; point the link at a \
                   ledger file (ln -sfn FILE l1.json), or pass --file with the path of a ledger file\n";
    assert_eq!(String::from_utf8_lossy(&out.stderr), refusal);
    for args in [&["list"][..], &["person", "add", "Ana"]] {
        let out = output_within(
            binary()
                .current_dir(dir.path())
                .args(["--file", "l1.json", "--today", "2026-11-24"])
                .args(args),
            LIMIT,
        );
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), refusal, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert!(
        fs::symlink_metadata(&path).unwrap().is_symlink(),
        "the link stays"
    );
}

#[test]
fn a_lock_path_that_is_a_link_or_not_a_file_is_refused_and_followed_nowhere() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let lock = store::lock_path(&path);
    let elsewhere = tempfile::tempdir().unwrap();

    // A link to someone's file: it is neither locked, nor chmodded, nor written.
    let theirs = elsewhere.path().join("theirs.txt");
    fs::write(&theirs, b"not yours").unwrap();
    fs::set_permissions(&theirs, fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::symlink(&theirs, &lock).unwrap();
    let mut s = Store::open(&path).unwrap();
    let err = s
        .update(|l| l.add_person("Priya", "", "", today()))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: not a regular file but a symbolic link, so trustladder neither reads nor writes it. Nothing was changed; trustladder keeps its own file at that path: move what is there away",
            lock.display()
        )
    );
    assert_eq!(mode(&theirs), 0o644, "the link's target was not chmodded");
    assert_eq!(fs::read(&theirs).unwrap(), b"not yours");
    assert!(!path.exists(), "nothing was saved");

    // A dangling link: the file it names is not created.
    fs::remove_file(&lock).unwrap();
    let planted = elsewhere.path().join("planted");
    std::os::unix::fs::symlink(&planted, &lock).unwrap();
    assert!(matches!(
        s.update(|l| l.add_person("Priya", "", "", today())),
        Err(StoreError::NotAFile { .. })
    ));
    assert!(!planted.exists(), "the link's target was not created");

    // A named pipe: refused at once, not opened.
    fs::remove_file(&lock).unwrap();
    mkfifo(&lock);
    let err = s
        .update(|l| l.add_person("Priya", "", "", today()))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("not a regular file but a named pipe"),
        "{err}"
    );
    assert!(!path.exists(), "nothing was saved");
}

/// A pipe put in the ledger's place while the UI runs: the UI's look for a sealed file (made
/// on every failed reload) answers at once, where it blocked its open for good, and the UI
/// with it.
#[test]
fn the_sealed_look_at_a_named_pipe_answers_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    mkfifo(&path);
    let (tx, rx) = std::sync::mpsc::channel();
    let looked = path.clone();
    std::thread::spawn(move || {
        let _ = tx.send(trustladder::crypt::envelope::sealed_on_disk(&looked));
    });
    assert_eq!(rx.recv_timeout(LIMIT), Ok(false));
}

/// A named pipe among the backups, under a backup's name: `check` lists the rest and ends.
#[test]
fn a_named_pipe_among_the_backups_does_not_hold_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    for name in ["Priya", "Leo"] {
        let out = output_within(
            binary()
                .arg("--file")
                .arg(&path)
                .args(["person", "add", name]),
            LIMIT,
        );
        assert!(out.status.success(), "{out:?}");
    }
    let backups = dir.path().join("backups");
    mkfifo(&backups.join("trustladder.json.000009.20261124T100000Z"));
    let out = output_within(binary().arg("--file").arg(&path).arg("check"), LIMIT);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("state: ok"), "{report}");
}

/// A loop of links in a folder on the way to the data file: named as that, with a way out
/// that can work (it was called the data path's own link, to be pointed with `ln -sfn` at a
/// file, which cannot mend a folder's loop).
#[test]
fn a_loop_of_links_in_a_folder_of_the_path_is_named_as_one() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("ldB", dir.path().join("ldA")).unwrap();
    std::os::unix::fs::symlink("ldA", dir.path().join("ldB")).unwrap();
    let out = output_within(
        binary()
            .current_dir(dir.path())
            .args(["--file", "ldA/x.json", "list"]),
        LIMIT,
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trustladder: ldA/x.json: a folder on this path is a symbolic link whose links lead round in a loop, so there is no file here. Nothing was changed; point that link at a folder, or pass --file with the path of a ledger file\n"
    );
    // `check` reports it, where it ended with the system's words for the folder's backups.
    let out = output_within(
        binary()
            .current_dir(dir.path())
            .args(["--file", "ldA/x.json", "check"]),
        LIMIT,
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("state: unreadable (a folder on this path is a symbolic link whose links lead round in a loop, so there is no file here)\nbackups: none yet"),
        "{report}"
    );
}

/// The lock file or the key file beside a ledger given as the data file (`--file x.json.lock`,
/// a name completed one step too far) is named as what it is, with the ledger to name
/// instead, by a reading command, a change and `check`; each file stays as it was. It was
/// "the file is empty" with no backup of it to put back, which sent the user looking for one.
#[test]
fn a_ledgers_lock_or_key_file_given_as_the_data_file_names_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("team.json");
    let run = |file: &Path, args: &[&str]| {
        output_within(
            binary()
                .arg("--file")
                .arg(file)
                .args(["--today", "2026-11-24"])
                .args(args),
            LIMIT,
        )
    };
    assert!(run(&data, &["person", "add", "Ann Lee"]).status.success());
    let lock = dir.path().join("team.json.lock");
    let key = dir.path().join("team.json.key");
    fs::write(&key, "-----BEGIN AGE ENCRYPTED FILE-----\n").unwrap();
    for (file, what) in [(&lock, "the lock file"), (&key, "the key file")] {
        let before = fs::read(file).unwrap();
        for args in [&["list"][..], &["person", "add", "Bo Chen"], &["check"]] {
            let out = run(file, args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            assert_eq!(
                stderr.trim_end(),
                format!(
                    "trustladder: {}: this is {what} of the ledger {}, not a ledger itself; \
                     nothing was changed. Name {} instead",
                    file.display(),
                    data.display(),
                    data.display()
                ),
                "{args:?}"
            );
            assert_eq!(fs::read(file).unwrap(), before, "{args:?}");
        }
    }
    // With no ledger beside it, a file so named is only a file that does not read.
    fs::remove_file(&data).unwrap();
    let out = run(&lock, &["list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the file is empty"), "{stderr}");
}
