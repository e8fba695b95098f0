//! A save that cannot be written (here: a file-size limit standing in for a full disk) fails
//! as a whole, says which file, and leaves the old file exactly as it was.

mod store_support;

use std::fs;

use store_support::*;
use trustladder::store::{self, Store};

/// How many bytes past the current file's size the limited child may write.
const ROOM: u64 = 512;

/// Not a test of its own: `a_full_disk_leaves_the_old_file_intact` runs it with a file-size
/// limit just above the current file's size, then asks for a save that needs more.
#[test]
fn file_size_limited_child() {
    let Some(path) = child_file() else { return };
    let limit = fs::metadata(&path).expect("the file exists").len() + ROOM;
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
    let mut s = Store::open(&path).expect("opens");
    let note = "n".repeat(1500);
    // The whole ledger, or with `SPLICE` set one change spliced into the file.
    let result = if std::env::var_os("SPLICE").is_some() {
        let big = trustladder::core::Change::AddPerson {
            name: "Big".into(),
            role: String::new(),
            note,
            cadence_days: None,
            again: false,
        };
        s.apply(&big, today()).map(drop)
    } else {
        s.update(|l| {
            for i in 0..10 {
                l.add_person(&format!("Big {i}"), "", &note, today())?;
            }
            Ok(())
        })
        .map(drop)
    };
    match result {
        Ok(_) => println!("saved, which it should not have"),
        Err(e) => println!("refused: {e}"),
    }
}

#[test]
fn a_full_disk_leaves_the_old_file_intact() {
    full_disk(false, false);
}

#[test]
fn a_full_disk_leaves_the_old_file_intact_when_splicing() {
    full_disk(true, false);
}

#[test]
fn a_full_disk_leaves_the_old_file_intact_when_the_rotation_is_full() {
    full_disk(false, true);
    full_disk(true, true);
}

/// A save that needs more room than the limit leaves: the whole ledger, or (`splice`) one
/// change spliced into the file; with `rotated` after enough saves that the save rotates a
/// backup out, and writes into it.
fn full_disk(splice: bool, rotated: bool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trustladder.json");
    let mut s = Store::open(&path).unwrap();
    s.update(|l| {
        *l = sample(5, 20);
        Ok(())
    })
    .unwrap();
    s.update(|l| l.add_person("Pat", "", "", today())).unwrap();
    for n in 0..if rotated { store::backups::KEEP } else { 0 } {
        s.update(|l| l.add_person(&format!("Pat {n}"), "", "", today()))
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let mut backups_before = store::backups::list(&path).unwrap();
    if rotated {
        // The backup the save rotated out is gone: the save had already written into it.
        assert_eq!(backups_before.len(), store::backups::KEEP);
        backups_before.pop();
    }

    let out = child("file_size_limited_child", &path)
        .envs(splice.then_some(("SPLICE", "1")))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("refused: {}: File too large", path.display())),
        "{stdout}"
    );
    assert_eq!(fs::read(&path).unwrap(), before, "the old file is intact");
    assert!(temp_files(&path).is_empty(), "the failed temp file is gone");
    assert_eq!(
        store::backups::list(&path).unwrap(),
        backups_before,
        "no backup was added for a save that did not happen, and none but the oldest removed"
    );

    let mut again = Store::open(&path).unwrap();
    assert_eq!(again.ledger(), s.ledger());
    again
        .update(|l| l.add_person("Room again", "", "", today()))
        .unwrap();
}
