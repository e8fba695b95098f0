//! `encrypt` and `decrypt` killed at every moment: the data file is always either the old one
//! or the new one and opens, every backup opens with what the user holds, and running the
//! command again finishes the job with nothing plain left behind.

mod crypt_support;

use std::path::Path;
use std::time::Duration;

use crypt_support::{SECRET, Vault, assert_nowhere, snapshot};

/// How many kills each command gets, spread over the time it takes.
const KILLS: u32 = 16;

/// How long `args` takes on a copy of `template`, uninterrupted: the kills are spread over it,
/// so they land at every stage on a fast machine and a slow one.
fn duration_of(template: &Vault, args: &[&str]) -> Duration {
    let v = copy_of(template);
    let start = std::time::Instant::now();
    let out = v.cmd(args).output().expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

/// A copy of `template`'s files in a new vault with the same passphrase.
fn copy_of(template: &Vault) -> Vault {
    let v = Vault::new();
    for (path, bytes) in snapshot(template.dir.path()) {
        let Ok(rel) = path.strip_prefix(template.dir.path()) else {
            continue;
        };
        let to = v.dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(&to, bytes).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    v
}

/// Starts `args` on `v` and kills it after `after`; what it printed by then.
fn killed(v: &Vault, args: &[&str], after: Duration) -> String {
    let mut child = v
        .cmd(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    std::thread::sleep(after);
    let _ = child.kill();
    let out = child.wait_with_output().expect("it ends");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file of the ledger (the data file and each backup) opens: plain JSON, or sealed and
/// opened by the passphrase. Says whether the data file is sealed.
fn every_file_opens(v: &Vault) -> bool {
    // The data file and every backup. A hidden temp file a killed process left (a backup
    // being sealed or opened, cut anywhere, even empty) is no backup: nothing lists or
    // restores it, and the next run removes it.
    let is_temp = |p: &Path| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    };
    let files: Vec<_> = snapshot(v.dir.path())
        .into_iter()
        .filter(|(p, _)| {
            p == &v.path
                || (p.parent().and_then(Path::file_name) == Some("backups".as_ref()) && !is_temp(p))
        })
        .collect();
    assert!(!files.is_empty());
    // `textconv` opens any file of the ledger with the ledger's key; it finds the ledger's
    // name where git keeps it.
    std::fs::write(
        v.dir.path().join(".gitattributes"),
        "/ledger.json merge=trustladder\n",
    )
    .unwrap();
    for (path, bytes) in &files {
        if bytes.starts_with(b"age-encryption.org/v1\n") {
            let out = v
                .cmd(&["textconv", &path.display().to_string()])
                .current_dir(v.dir.path())
                .output()
                .unwrap();
            assert!(out.status.success(), "{path:?} does not open");
            assert!(String::from_utf8_lossy(&out.stdout).contains("\"people\""));
        } else {
            serde_json::from_slice::<serde_json::Value>(bytes)
                .unwrap_or_else(|e| panic!("{path:?} is neither sealed nor JSON: {e}"));
        }
    }
    v.bytes().starts_with(b"age-encryption.org/v1\n")
}

#[test]
fn encrypt_killed_at_any_moment_leaves_files_that_open_and_finishes_when_run_again() {
    let template = Vault::new();
    template.team();
    let takes = duration_of(&template, &["encrypt"]);
    for i in 0..KILLS {
        let v = copy_of(&template);
        let after = takes * i / (KILLS - 1);
        let printed = killed(&v, &["encrypt"], after);
        let sealed = every_file_opens(&v);
        eprintln!("killed after {after:?} of {takes:?}: data file sealed: {sealed}");
        // Nothing is sealed to a recovery key the user was not shown.
        let key_file = v.path.with_file_name("ledger.json.key");
        if sealed || key_file.exists() {
            assert!(
                printed.contains("AGE-SECRET-KEY-1"),
                "sealed, but the recovery key was never shown: {printed:?}"
            );
        }
        assert!(v.ok(&["list"]).contains(SECRET));
        // Run again, it finishes: nothing plain is left in the folder.
        let again = v.cmd(&["encrypt"]).output().unwrap();
        let said = String::from_utf8_lossy(&again.stderr);
        assert!(
            again.status.success() || (sealed && said.contains("already encrypted")),
            "{said}"
        );
        assert!(every_file_opens(&v));
        assert_nowhere(SECRET, &[v.dir.path()]);
        let left: Vec<String> = std::fs::read_dir(v.dir.path().join("backups"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with('.'))
            .collect();
        assert!(
            left.is_empty(),
            "the run again removes what the killed one left: {left:?}"
        );
    }
}

#[test]
fn decrypt_killed_at_any_moment_leaves_files_that_open_and_finishes_when_run_again() {
    let template = Vault::new();
    template.team();
    template.ok(&["encrypt"]);
    for i in 0..KILLS {
        let v = copy_of(&template);
        killed(
            &v,
            &["decrypt", "--yes"],
            Duration::from_millis(u64::from(i) * 3),
        );
        every_file_opens(&v);
        assert!(v.ok(&["list"]).contains(SECRET));
        let again = v.cmd(&["decrypt", "--yes"]).output().unwrap();
        assert!(
            again.status.success()
                || String::from_utf8_lossy(&again.stderr).contains("not encrypted"),
            "{}",
            String::from_utf8_lossy(&again.stderr)
        );
        assert!(!every_file_opens(&v));
        assert!(v.ok(&["list"]).contains(SECRET));
    }
}
