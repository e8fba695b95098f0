//! Backups where they are copied (another device, no hard links), driven with
//! [`Method::Copy`](super::backups::Method): a full disk never leaves a cut-off copy, pruning
//! counts only sound backups and never removes the last sound one, and a save killed after
//! its backup never gives the same file a second name in the rotation. Also: a file set
//! aside while the clock is behind still sorts newest, and a link named as a backup is none.

use std::process::{Command, Stdio};

use super::backups::{self, BackupKind, Method};
use super::*;
use crate::core::dates::parse_iso;

const CHILD_FILE: &str = "TRUSTLADDER_UNIT_CHILD_FILE";

fn today() -> NaiveDate {
    parse_iso("2026-11-24").unwrap()
}

/// A data file of about 20 kB saved `saves` more times, its backups copied.
fn copied_saves(dir: &Path, saves: usize) -> (PathBuf, Store) {
    let path = dir.join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    s.backups = Method::Copy;
    s.update(|l| {
        for i in 0..40 {
            l.add_person(
                &format!("Colleague {i}"),
                "Backend",
                &"a note ".repeat(40),
                today(),
            )?;
        }
        Ok(())
    })
    .unwrap();
    for n in 0..saves {
        s.update(|l| l.add_person(&format!("Save {n}"), "", "", today()))
            .unwrap();
    }
    (path, s)
}

fn rotating(path: &Path) -> Vec<backups::Backup> {
    backups::list(path)
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == BackupKind::BeforeSave)
        .collect()
}

/// Everything in the backups folder, hidden files included.
fn folder_names(path: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(backups::folder(path))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Not a test of its own: a writer on a full disk (a file-size limit below the file's size,
/// so every copy and every temp file is cut off), trying three saves with copied backups.
#[test]
fn disk_full_child() {
    let Some(path) = std::env::var_os(CHILD_FILE).map(PathBuf::from) else {
        return;
    };
    let limit = fs::metadata(&path).unwrap().len() / 2;
    // SAFETY: plain system calls on this process's own limits and signal dispositions.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let mut rl = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        assert_eq!(libc::getrlimit(libc::RLIMIT_FSIZE, &mut rl), 0);
        rl.rlim_cur = limit;
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &rl), 0);
    }
    let mut s = Store::open(&path).unwrap();
    s.backups = Method::Copy;
    for n in 0..3 {
        match s.update(|l| l.add_person(&format!("Full {n}"), "", "", today())) {
            Ok(_) => println!("saved, which it should not have"),
            Err(e) => println!("refused: {e}"),
        }
    }
}

#[test]
fn a_full_disk_never_leaves_a_cut_off_copy_and_pruning_keeps_the_sound_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = copied_saves(dir.path(), 12);
    let before = rotating(&path);
    assert_eq!(before.len(), backups::KEEP);
    for b in &before {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(fs::metadata(&b.path).unwrap().nlink(), 1, "a copy");
        assert!(backups::is_sound(&b.path));
    }
    let bytes = fs::read(&path).unwrap();
    let folder = folder_names(&path);

    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args([
            "store::backups_tests::disk_full_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_FILE, &path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert_eq!(stdout.matches("refused: ").count(), 3, "{stdout}");
    assert!(stdout.contains("File too large"), "{stdout}");
    assert_eq!(fs::read(&path).unwrap(), bytes, "the file is as it was");
    assert_eq!(
        folder_names(&path),
        folder,
        "no cut-off copy and no temp file is left in backups/"
    );
    assert!(atomic::leftovers(&path).unwrap().is_empty());

    // What an older version left on a full disk: cut-off copies numbered newest.
    let last = before[0]
        .name
        .split('.')
        .nth(2)
        .unwrap()
        .parse::<u64>()
        .unwrap();
    let stamp = before[0].name.rsplit('.').next().unwrap().to_string();
    let cut = [
        &b""[..],
        &bytes[..bytes.len() / 2],
        &bytes[..bytes.len() - 3],
    ];
    for (i, junk) in cut.iter().enumerate() {
        let name = format!("trustladder.json.{:06}.{stamp}", last + 1 + i as u64);
        fs::write(backups::folder(&path).join(name), junk).unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    s.backups = Method::Copy;
    s.update(|l| l.add_person("After", "", "", today()))
        .unwrap();
    let after = rotating(&path);
    let sound: Vec<_> = after
        .iter()
        .filter(|b| backups::is_sound(&b.path))
        .collect();
    assert_eq!(sound.len(), backups::KEEP, "{after:?}");
    for b in &before[..backups::KEEP - 1] {
        assert!(b.path.exists(), "{} was pruned", b.name);
    }
    assert!(!before[backups::KEEP - 1].path.exists(), "the oldest goes");
    assert_eq!(
        after.len(),
        backups::KEEP + cut.len(),
        "the cut-off ones do not count"
    );
}

#[test]
fn pruning_never_removes_the_last_sound_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = copied_saves(dir.path(), 1);
    let sound = rotating(&path);
    assert_eq!(sound.len(), 1);
    let stamp = sound[0].name.rsplit('.').next().unwrap().to_string();
    for seq in 2..=(backups::KEEP as u64 + 5) {
        let name = format!("trustladder.json.{seq:06}.{stamp}");
        fs::write(backups::folder(&path).join(name), b"{\"format\": \"tru").unwrap();
    }
    backups::prune(&path).unwrap();
    assert!(sound[0].path.exists(), "the only sound backup stays");
    assert_eq!(rotating(&path).len(), backups::KEEP + 5);
}

#[test]
fn a_save_killed_after_its_backup_gives_the_file_no_second_name() {
    for method in [Method::LinkOrCopy, Method::Copy] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trustladder.json");
        Store::open(&path)
            .unwrap()
            .update(|l| l.add_person("Priya", "", "", today()))
            .unwrap();
        // The backup of a save that was then killed before it replaced the file...
        let first = backups::keep_before_save(&path, method).unwrap().unwrap();
        assert!(first.fresh);
        // ...is the backup of the next save too, which must not remove it if it fails.
        let again = backups::keep_before_save(&path, method).unwrap().unwrap();
        assert_eq!((again.path, again.fresh), (first.path, false), "{method:?}");
        assert_eq!(rotating(&path).len(), 1, "{method:?}");
    }
}

/// A machine that booted with its clock behind (before it set it from the network) has ten
/// files set aside by restores, all "later" than now: the one set aside now still sorts as the
/// newest, and the pruning that follows a restore removes the oldest, not it.
#[test]
fn a_file_set_aside_while_the_clock_is_behind_sorts_newest_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = copied_saves(dir.path(), 0);
    let folder = backups::folder(&path);
    fs::create_dir_all(&folder).unwrap();
    let bytes = fs::read(&path).unwrap();
    for minute in 0..backups::KEEP {
        let name = format!("trustladder.json.replaced.20991231T23{minute:02}00Z");
        fs::write(folder.join(name), &bytes).unwrap();
    }
    let set_aside = backups::keep_replaced(&path).unwrap().path;
    let name = set_aside
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(name, "trustladder.json.replaced.20991231T230900Z-2");
    let replaced = || {
        backups::list(&path)
            .unwrap()
            .into_iter()
            .filter(|b| b.kind == BackupKind::Replaced)
            .map(|b| b.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(replaced()[0], name);
    backups::prune(&path).unwrap();
    assert!(set_aside.exists(), "the file just set aside is kept");
    let kept = replaced();
    assert_eq!(kept.len(), backups::KEEP);
    assert!(!kept.contains(&"trustladder.json.replaced.20991231T230000Z".to_string()));
    // One more of another file, the same minute: after the `-2`, not in a place pruning
    // freed.
    let other = dir.path().join("other.json");
    fs::write(&other, b"{}\n").unwrap();
    fs::rename(&other, &path).unwrap();
    let next = backups::keep_replaced(&path).unwrap();
    assert!(next.fresh);
    assert!(
        next.path
            .ends_with("trustladder.json.replaced.20991231T230900Z-3")
    );
}

/// Restores killed after setting the file aside, before replacing it, each left a name of the
/// current file; the next restore takes that name again rather than add one, so they never
/// push out of the ten kept the file an earlier restore set aside.
#[test]
fn a_file_set_aside_by_a_killed_restore_serves_the_next_restore() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = copied_saves(dir.path(), 2);
    let first = backups::keep_replaced(&path).unwrap();
    assert!(first.fresh);
    for _ in 0..(backups::KEEP + 3) {
        let again = backups::keep_replaced(&path).unwrap();
        assert_eq!(again.path, first.path);
        assert!(!again.fresh, "found, so a failed restore leaves it");
    }
    let replaced = backups::list(&path)
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == BackupKind::Replaced)
        .count();
    assert_eq!(replaced, 1);
}

/// A link with the name of the newest backup, to the data file itself: it is no backup (it
/// would stand in for this save's and hold the live file); the save makes its own, and `list`
/// and pruning pass the link by.
#[test]
fn a_link_named_as_a_backup_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store) = copied_saves(dir.path(), 2);
    let planted = backups::folder(&path).join("trustladder.json.000099.20261124T114600Z");
    std::os::unix::fs::symlink("../trustladder.json", &planted).unwrap();
    assert_eq!(rotating(&path).len(), 2);
    let before = fs::read(&path).unwrap();
    store
        .update(|l| l.add_person("After the link", "", "", today()))
        .unwrap();
    let newest = &rotating(&path)[0];
    assert_ne!(newest.path, planted);
    assert_eq!(
        fs::read(&newest.path).unwrap(),
        before,
        "the save kept the file it replaced"
    );
    assert_eq!(rotating(&path).len(), 3);
    assert!(
        fs::symlink_metadata(&planted).is_ok(),
        "the link is left where it was"
    );
}

/// Conflict copies put away rotate too, by when they were put away (their modification
/// time): the newest [`backups::KEEP_COPIES`] stay whatever their age, and an older one only
/// goes once it is more than [`backups::COPY_DAYS`] days old, so a copy is never dropped
/// before newer ones are kept, nor soon after a burst of conflicts. They go before any
/// rotating backup, which stays the one a save writes into.
#[test]
fn conflict_copies_put_away_are_kept_to_the_newest_ten_and_those_under_ninety_days() {
    use std::time::{Duration, SystemTime};
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = copied_saves(dir.path(), 0);
    let folder = backups::folder(&path);
    fs::create_dir_all(&folder).unwrap();
    let bytes = fs::read(&path).unwrap();
    // 2026-11-24T12:00:00Z.
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_521_600);
    let days = |n: u64| Duration::from_secs(n * 86_400);
    let put_away = |name: &str, age: Duration| {
        let copy = folder.join(name);
        fs::write(&copy, &bytes).unwrap();
        fs::File::options()
            .write(true)
            .open(&copy)
            .unwrap()
            .set_modified(now - age)
            .unwrap();
    };
    let out = || -> Vec<String> {
        backups::rotated_out_at(&path, now)
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    // Ten, all old: none goes, as no newer ones are kept.
    for n in 0..backups::KEEP_COPIES as u64 {
        put_away(
            &format!("trustladder.sync-conflict-20250101-0000{n:02}-OLDDEV.json"),
            days(300 + n),
        );
    }
    assert_eq!(out(), Vec::<String>::new());
    // Ten newer ones (Dropbox's, numbered as a name taken): the ten old ones are now out of
    // the newest ten, but one of 80 days is younger than 90 and stays.
    for n in 0..backups::KEEP_COPIES as u64 {
        put_away(
            &format!(
                "trustladder (Hal's conflicted copy 2026-11-2{n}).json.{}",
                n + 2
            ),
            days(n),
        );
    }
    put_away(
        "trustladder (Ann's conflicted copy 2026-09-05).json",
        days(80),
    );
    put_away(
        "trustladder (Ann's conflicted copy 2026-08-20).json",
        days(91),
    );
    let mut gone = out();
    gone.sort();
    let mut expected: Vec<String> = (0..backups::KEEP_COPIES as u64)
        .map(|n| format!("trustladder.sync-conflict-20250101-0000{n:02}-OLDDEV.json"))
        .collect();
    expected.push("trustladder (Ann's conflicted copy 2026-08-20).json".into());
    expected.sort();
    assert_eq!(gone, expected);
    // Behind the rotating backups a save drops, which it writes into.
    for seq in 1..=(backups::KEEP as u64 + 1) {
        fs::write(
            folder.join(format!("trustladder.json.{seq:06}.20261124T1200{seq:02}Z")),
            &bytes,
        )
        .unwrap();
    }
    let out = out();
    assert_eq!(
        out.last().map(String::as_str),
        Some("trustladder.json.000001.20261124T120001Z")
    );
    assert_eq!(out.len(), expected.len() + 1);
}
