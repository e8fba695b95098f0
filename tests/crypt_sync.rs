//! An encrypted ledger synced between two machines through a bare git repository, with the
//! real binary, git and the agent: the clones converge, the merge driver works with the key
//! the agent holds, a locked machine's sync stops without losing anything, `git log -p` shows
//! text only where the ledger is unlocked, no promise's text is in any git object, and a
//! ledger decrypted on one machine takes its key file out of the repository.
//!
//! git must be installed (CI installs it); without it these tests fail and say so.

mod crypt_support;
mod sync_support;
mod tmux_support;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crypt_support::{SECRET, assert_not_in_git, assert_nowhere, recovery_line};
use sync_support::{Machine, PASSPHRASE, bare_remote};

impl Machine {
    /// What `list --json` says, the same on every machine once they have converged.
    fn promises(&self) -> Vec<String> {
        let listed: serde_json::Value =
            serde_json::from_str(&self.ok(&["list", "--json", "--all"])).expect("JSON");
        let mut out: Vec<String> = listed
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| format!("{} {} {}", p["uid"], p["what"], p["status"]))
            .collect();
        out.sort();
        out
    }
}

/// A bare remote and two machines on it: on the first, Priya (and `promise` for her, when
/// given) in a ledger encrypted, unlocked and synced; the second cloned from the remote,
/// still locked. The machines go before the folder that holds them.
fn encrypted_pair(promise: Option<&str>) -> (tempfile::TempDir, PathBuf, Machine, Machine) {
    let (root, remote, a, b, _) = encrypted_pair_printing(promise);
    (root, remote, a, b)
}

/// A bare remote and two machines beside it, with nothing set up yet; the machines go
/// before the folder that holds them.
fn two_machines() -> (tempfile::TempDir, PathBuf, Machine, Machine) {
    let root = tempfile::tempdir().unwrap();
    let remote = bare_remote(root.path());
    let a = Machine::private(root.path(), "a");
    let b = Machine::private(root.path(), "b");
    (root, remote, a, b)
}

/// A bare remote and two machines on it sharing a plain ledger with Priya in it, synced;
/// the machines go before the folder that holds them.
fn plain_pair() -> (tempfile::TempDir, PathBuf, Machine, Machine) {
    let (root, remote, a, b) = two_machines();
    let url = remote.display().to_string();
    a.ok(&["person", "add", "Priya Raman"]);
    a.ok(&["sync", "init", "--remote", &url]);
    b.ok(&["sync", "clone", &url]);
    (root, remote, a, b)
}

/// [`encrypted_pair`], and what `encrypt` printed (the recovery key among it).
fn encrypted_pair_printing(
    promise: Option<&str>,
) -> (tempfile::TempDir, PathBuf, Machine, Machine, String) {
    let (root, remote, a, b) = two_machines();
    let url = remote.to_str().unwrap();
    a.ok(&["person", "add", "Priya Raman"]);
    if let Some(what) = promise {
        a.ok(&["promise", "add", "priya", what]);
    }
    let printed = a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["unlock"]);
    a.ok(&["sync", "init", "--remote", url]);
    b.ok(&["sync", "clone", url]);
    (root, remote, a, b, printed)
}

#[test]
fn two_machines_converge_on_an_encrypted_ledger_and_git_holds_no_plain_text() {
    // The second machine joins with the passphrase alone.
    let (_root, remote, a, b) = encrypted_pair(Some(SECRET));
    assert!(b.file.with_file_name("trustladder.json.key").exists());
    let locked = b.run(&["list"]);
    assert_eq!(locked.status.code(), Some(1));
    b.with_passphrase(&["unlock"]);
    assert!(b.ok(&["list"]).contains(SECRET));

    // Changes on both, then both sync: the driver merges with the agents' keys.
    a.ok(&["promise", "add", "priya", "Review the migration plan"]);
    a.ok(&["keep", "1"]);
    b.ok(&["person", "add", "Bo Lindqvist"]);
    b.ok(&["promise", "add", "bo", "Pair on the flaky test", "--mine"]);
    a.ok(&["sync"]);
    let synced = b.ok(&["sync"]);
    assert!(!synced.contains("<<<<<<<"), "{synced}");
    a.ok(&["sync"]);
    assert_eq!(a.promises(), b.promises());
    assert_eq!(a.promises().len(), 3);
    assert!(
        a.file.exists()
            && std::fs::read(&a.file)
                .unwrap()
                .starts_with(b"age-encryption")
    );

    // Unlocked, git log -p shows the ledger as text through the conversion; it is never
    // cached, so no plain text is stored in the repository.
    let log = a.git(&["log", "-p", "--", "trustladder.json"]);
    assert!(log.contains("Review the migration plan"), "{log}");
    assert_eq!(
        a.git(&["config", "--get", "diff.trustladder.cachetextconv"]),
        ""
    );
    let attributes = std::fs::read_to_string(a.folder().join(".gitattributes")).unwrap();
    assert!(
        attributes.contains("/trustladder.json -text diff=trustladder"),
        "{attributes}"
    );

    // Commit messages count; they name no one and nothing promised.
    let messages = a.git(&["log", "--format=%B"]);
    assert!(
        !messages.contains("Priya") && !messages.contains("Bo"),
        "{messages}"
    );

    for machine in [&a, &b] {
        assert_not_in_git(SECRET, &machine.folder());
        assert_not_in_git("Pair on the flaky test", &machine.folder());
        assert_nowhere(SECRET, &[&machine.home]);
    }
    assert_not_in_git(SECRET, &remote);
    assert_not_in_git("Review the migration plan", &remote);

    // Locked, each version is named by a line of its own, so a change shows, with the hint.
    a.ok(&["lock"]);
    let last = a.git(&["diff", "HEAD~1", "HEAD", "--", "trustladder.json"]);
    assert!(
        last.contains("-(an encrypted trustladder ledger, version ")
            && last.contains("+(an encrypted trustladder ledger, version ")
            && last.contains("run `trustladder unlock` to see its changes"),
        "{last}"
    );
}

#[test]
fn a_locked_machine_s_sync_stops_and_loses_nothing_then_unlocked_it_merges() {
    let (_root, _remote, a, b) = encrypted_pair(None);
    b.with_passphrase(&["unlock"]);

    a.ok(&["promise", "add", "priya", "From the laptop"]);
    a.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "From the desktop"]);
    let before = std::fs::read(&b.file).unwrap();
    b.ok(&["lock"]);

    let out = b.run(&["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("run `trustladder unlock` (or set TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints the passphrase), then sync again"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&b.file).unwrap(),
        before,
        "the file is as it was"
    );
    let status = b.git(&["status", "--porcelain"]);
    assert!(!status.contains("UU"), "no merge left half-done: {status}");
    assert!(
        status.contains(" M trustladder.json") && !status.lines().any(|l| l.starts_with('M')),
        "the change waits to be committed, nothing left staged: {status}"
    );

    // Locked, the diff shows a line saying so, never the text.
    let log = b.git(&["log", "-p", "-1", "--", "trustladder.json"]);
    assert!(log.contains("an encrypted trustladder ledger"), "{log}");

    b.with_passphrase(&["unlock"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(a.promises(), b.promises());
    assert_eq!(a.promises().len(), 2);
}

#[test]
fn a_ledger_decrypted_on_one_machine_leaves_the_repository_plain_and_without_its_key_file() {
    let (_root, _remote, a, b) = encrypted_pair(Some("From the laptop"));
    assert!(a.git(&["ls-files"]).contains("trustladder.json.key"));

    a.with_passphrase(&["decrypt", "--yes"]);
    // Named for what it is: not a ledger's worth of records added.
    let synced = a.ok(&["sync"]);
    assert!(synced.contains("committed: ledger decrypted\n"), "{synced}");
    assert_eq!(
        a.git(&["log", "-1", "--format=%s"]),
        "trustladder: ledger decrypted\n"
    );
    assert_eq!(
        a.git(&["ls-tree", "--name-only", "origin/main"]),
        ".gitattributes\n.gitignore\ntrustladder.json\n"
    );
    assert_eq!(a.git(&["status", "--porcelain"]), "");
    // The other machine's next sync (unlocked, to read what it had) takes the plain ledger,
    // and the key file goes there too.
    b.with_passphrase(&["unlock"]);
    // A fast-forward, with nothing here to merge: said all the same.
    let synced = b.ok(&["sync"]);
    assert!(
        synced.contains("the ledger here is now plain JSON, as another machine decrypted it"),
        "{synced}"
    );
    assert!(!b.file.with_file_name("trustladder.json.key").exists());
    assert!(b.ok(&["list"]).contains("From the laptop"));
    assert_eq!(b.git(&["status", "--porcelain"]), "");
}

/// One machine decrypts while the other, unlocked, has a change of its own: the merge takes
/// the decryption (the key file leaves with it), so the second machine ends plain with both
/// changes, never sealed without a key file.
#[test]
fn a_ledger_decrypted_on_one_machine_while_the_other_changed_it_merges_plain() {
    let (_root, _remote, a, b) = encrypted_pair(None);
    b.with_passphrase(&["unlock"]);
    a.with_passphrase(&["decrypt", "--yes"]);
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    let synced = b.ok(&["sync"]);
    assert!(
        synced.contains("the ledger here is now plain JSON, as another machine decrypted it"),
        "{synced}"
    );
    a.ok(&["sync"]);
    for machine in [&a, &b] {
        assert!(!machine.file.with_file_name("trustladder.json.key").exists());
        let bytes = std::fs::read(&machine.file).unwrap();
        assert!(bytes.starts_with(b"{"), "plain JSON");
        let listed = machine.ok(&["list"]);
        assert!(
            listed.contains("From A") && listed.contains("From B"),
            "{listed}"
        );
    }
    assert_eq!(a.promises(), b.promises());
}

/// One machine encrypts while the other, plain, has a change of its own: that machine's sync
/// takes the key file and stops, asking for `unlock` (which works on it now); after it, the
/// sync merges both changes into a ledger sealed as the first machine chose.
#[test]
fn a_ledger_encrypted_on_one_machine_while_the_other_changed_it_follows_after_unlock() {
    let (_root, remote, a, b) = plain_pair();
    let encrypted = a.with_passphrase(&["encrypt"]);
    assert!(
        encrypted.contains("holds 1 earlier version of the ledger in plain text"),
        "encrypt says what the history keeps: {encrypted}"
    );
    a.with_passphrase(&["unlock"]);
    a.ok(&["promise", "add", "priya", "From A"]);
    // Named for what it is: not "no change", nor the added promise alone.
    let synced = a.ok(&["sync"]);
    assert!(
        synced.contains("committed: ledger encrypted, 1 promise added\n"),
        "{synced}"
    );
    // No machine decrypted: no copy of the key file is kept for backups, where it would go
    // on opening the ledger with this passphrase after it is changed.
    assert!(
        !a.folder()
            .join("backups")
            .join("trustladder.json.key")
            .exists()
    );
    b.ok(&["promise", "add", "priya", SECRET]);

    let out = b.run(&["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("trustladder unlock"), "{stderr}");
    // Said as what happened here: the plain ledger met one encrypted elsewhere.
    assert_eq!(
        stderr,
        "trustladder: another machine encrypted the ledger, so its changes cannot be merged here \
         without the passphrase; nothing was lost: run `trustladder unlock` with the passphrase \
         set there (or set TRUSTLADDER_PASSPHRASE_COMMAND), then sync again, and the ledger here \
         is encrypted too\n"
    );
    assert!(b.file.with_file_name("trustladder.json.key").exists());
    assert!(
        b.ok(&["list"]).contains(SECRET),
        "nothing is lost meanwhile"
    );
    // `check` says where the key file came from and what to do, not that an encrypt or a
    // decrypt here stopped half-way (an encrypt run then made keys of its own).
    let checked = b.ok(&["check"]);
    assert!(
        checked.contains("came with a sync from another machine that encrypted the ledger")
            && !checked.contains("stopped half-way"),
        "{checked}"
    );

    // Unlocked, and nothing else said: the ledger here is plain until the sync seals it, not
    // a sealed file that does not open.
    let unlocked = b
        .command(&["unlock"])
        .env(
            "TRUSTLADDER_PASSPHRASE_COMMAND",
            format!("printf '%s' '{PASSPHRASE}'"),
        )
        .output()
        .unwrap();
    assert!(unlocked.status.success(), "{unlocked:?}");
    assert_eq!(String::from_utf8_lossy(&unlocked.stderr), "");
    let synced = b.ok(&["sync"]);
    assert!(
        synced.contains("the ledger here is now encrypted, as another machine encrypted it"),
        "{synced}"
    );
    a.ok(&["sync"]);
    for machine in [&a, &b] {
        assert_sealed_holding_a_and_the_secret(machine, &machine.ok(&["list"]));
    }
    assert_eq!(a.promises(), b.promises());
    assert_eq!(b.git(&["status", "--porcelain"]), "");
    // B's promise was committed in plain text before A's encryption arrived; that commit
    // stays on B, and what B pushed holds the ledger sealed only.
    assert_not_in_git(SECRET, &remote);
    assert_not_in_git(SECRET, a.file.parent().unwrap());
    let pushed = b.git(&["log", "--format=%s", "origin/main"]);
    assert!(
        pushed.starts_with("trustladder: 1 promise added"),
        "{pushed}"
    );
    assert!(
        !pushed.contains("merge"),
        "one commit of the result: {pushed}"
    );
}

/// Runs `args` on `m` with the passphrase `old` and, for a command that sets one, `new`.
/// The ledger on `machine` is encrypted on disk and, as `listed` shows it, holds A's promise
/// and the secret one.
fn assert_sealed_holding_a_and_the_secret(machine: &Machine, listed: &str) {
    assert!(
        std::fs::read(&machine.file)
            .unwrap()
            .starts_with(b"age-encryption.org/v1\n")
    );
    assert!(
        listed.contains("From A") && listed.contains(SECRET),
        "{listed}"
    );
}

fn with_passphrases(m: &Machine, args: &[&str], old: &str, new: &str) -> String {
    let out = m
        .command(args)
        .env(
            "TRUSTLADDER_PASSPHRASE_COMMAND",
            format!("printf '%s' '{old}'"),
        )
        .env(
            "TRUSTLADDER_NEW_PASSPHRASE_COMMAND",
            format!("printf '%s' '{new}'"),
        )
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// `sync` on `m` with a passphrase command, refused with exit 1: what it said on stderr.
fn sync_refused(m: &Machine, passphrase_command: &str) -> String {
    let out = m
        .command(&["sync"])
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", passphrase_command)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    stderr
}

/// A passphrase changed on one machine: the other, locked, syncs with the new one alone (a
/// passphrase command updated to print it), its own change committed and merged: the key file
/// the other machine pushed opens the ledger once fetched. It needed the old passphrase once.
#[test]
fn a_passphrase_changed_elsewhere_opens_the_ledger_here_at_the_next_sync() {
    let (_root, _remote, a, b) = encrypted_pair(Some("Review the plan"));
    with_passphrases(&a, &["passphrase"], PASSPHRASE, "brand-new-one");
    // Here, the old passphrase opens nothing from now on, though git still holds the key
    // file it wrapped, before the change is synced and after.
    a.ok(&["lock"]);
    let old_one = |m: &Machine| {
        m.command(&["list"])
            .env(
                "TRUSTLADDER_PASSPHRASE_COMMAND",
                format!("printf '%s' '{PASSPHRASE}'"),
            )
            .output()
            .unwrap()
    };
    assert!(!old_one(&a).status.success());
    with_passphrases(&a, &["sync"], "brand-new-one", "brand-new-one");
    assert!(!old_one(&a).status.success());
    with_passphrases(&a, &["unlock"], "brand-new-one", "brand-new-one");
    with_passphrases(&b, &["log", "priya", "From B"], PASSPHRASE, PASSPHRASE);
    let synced = with_passphrases(&b, &["sync"], "brand-new-one", "brand-new-one");
    assert!(synced.contains("committed: 1 promise added"), "{synced}");
    let listed = with_passphrases(&b, &["list"], "brand-new-one", "brand-new-one");
    assert!(
        listed.contains("Review the plan") && listed.contains("From B"),
        "{listed}"
    );
    a.ok(&["sync"]);
    assert!(a.ok(&["list"]).contains("From B"));
}

/// The new passphrase of another machine, typed on one that cannot reach the remote to fetch
/// its key file: said as both, the remote unreachable and the passphrase opening nothing here
/// yet, with the exit code of an unreachable remote; nothing is committed or changed.
#[test]
fn a_passphrase_changed_elsewhere_on_a_machine_offline_says_both() {
    let (root, _remote, a, b) = encrypted_pair(Some("Review the plan"));
    with_passphrases(&a, &["passphrase"], PASSPHRASE, "brand-new-one");
    a.ok(&["sync"]);
    with_passphrases(&b, &["log", "priya", "From B"], PASSPHRASE, PASSPHRASE);
    let gone = root.path().join("gone.git");
    b.git(&["remote", "set-url", "origin", &gone.display().to_string()]);
    let before = std::fs::read(&b.file).unwrap();
    let head = b.git(&["rev-parse", "HEAD"]);
    let out = b
        .command(&["sync"])
        .env(
            "TRUSTLADDER_PASSPHRASE_COMMAND",
            "printf '%s' 'brand-new-one'",
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("could not be reached")
            && stderr.contains("a passphrase changed on another machine")
            && stderr.contains("nothing was committed or pushed"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&b.file).unwrap(), before);
    assert_eq!(b.git(&["rev-parse", "HEAD"]), head);
}

/// An `encrypt` stopped before it sealed the ledger leaves its key file beside the plain one:
/// a sync leaves that key file out of its commit (committed, it read on the other machine as
/// the ledger encrypted here, beside a plain ledger), and `encrypt` run again finishes.
#[test]
fn a_key_file_an_encrypt_stopped_half_way_left_is_not_committed() {
    let (_root, _remote, a, b) = plain_pair();
    let plain = std::fs::read(&a.file).unwrap();
    a.with_passphrase(&["encrypt"]);
    std::fs::write(&a.file, &plain).unwrap();
    a.ok(&["promise", "add", "priya", "Made meanwhile"]);
    let synced = a.ok(&["sync"]);
    assert!(!synced.contains("key file"), "{synced}");
    assert!(!a.git(&["ls-files"]).contains("trustladder.json.key"));
    assert!(
        a.ok(&["check"])
            .contains("as an encrypt or a decrypt stopped half-way leaves it")
    );
    let synced = b.ok(&["sync"]);
    assert!(
        !synced.contains("decrypted") && !synced.contains("passphrase"),
        "{synced}"
    );
    assert!(!b.file.with_file_name("trustladder.json.key").exists());
}

/// A passphrase set on both machines: the one that syncs second keeps the first's key file,
/// says so, and both converge on one key file and one ledger; a passphrase change alone is
/// committed as such, not as "no change".
#[test]
fn a_passphrase_changed_on_both_machines_ends_with_one_key_file() {
    let (_root, _remote, a, b) = encrypted_pair(Some(SECRET));
    b.with_passphrase(&["unlock"]);
    with_passphrases(&a, &["passphrase"], PASSPHRASE, "set on a");
    with_passphrases(&b, &["passphrase"], PASSPHRASE, "set on b");
    a.ok(&["promise", "add", "priya", "From A"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    assert!(
        a.ok(&["sync"])
            .contains("committed: 1 promise added, key file changed (a new passphrase)\n"),
        "the passphrase named with the change made with it"
    );
    let synced = b.ok(&["sync"]);
    assert!(
        synced.contains("the other machine's key file is kept")
            && !synced.contains("the key file was changed on another machine"),
        "said once: {synced}"
    );
    a.ok(&["sync"]);
    let key = |m: &Machine| std::fs::read(m.file.with_file_name("trustladder.json.key")).unwrap();
    assert_eq!(key(&a), key(&b));
    assert_eq!(a.promises(), b.promises());
    assert_eq!(a.promises().len(), 3);

    // The passphrase set on A opens B's ledger now.
    b.ok(&["lock"]);
    with_passphrases(&b, &["unlock"], "set on a", "");
    assert!(b.ok(&["list"]).contains("From A"));

    with_passphrases(&a, &["passphrase"], "set on a", "third");
    assert!(
        a.ok(&["sync"])
            .contains("committed: key file changed (a new passphrase)"),
        "named for what it is"
    );
    // The machine that takes it, with no change of its own or with one, hears that the
    // passphrase changed (it said only "up to date", and its next command's old passphrase
    // was wrong).
    let taken = with_passphrases(&b, &["sync"], "set on a", "");
    assert!(
        taken.contains(
            "the key file was changed on another machine (a new passphrase there): that \
             passphrase unlocks the ledger from now on"
        ),
        "{taken}"
    );
    with_passphrases(&a, &["passphrase"], "third", "fourth");
    a.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "From B again"]);
    let merged = with_passphrases(&b, &["sync"], "third", "");
    assert!(
        merged.contains("the key file was changed on another machine"),
        "{merged}"
    );
    assert!(
        !a.ok(&["sync"]).contains("the key file was changed"),
        "its own change"
    );
}

/// The data file and key file stay the owner's alone on a machine that takes them from git:
/// `sync clone` and `sync` leave them 0600, and after a plain `git pull` (which writes them
/// with the umask's mode, here widened to make sure) the next command makes them so again.
#[test]
fn the_key_file_git_brings_is_kept_private() {
    let (_root, _remote, a, b) = encrypted_pair(Some(SECRET));
    let key = b.file.with_file_name("trustladder.json.key");
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        (mode(&b.file), mode(&key)),
        (0o600, 0o600),
        "after sync clone"
    );

    with_passphrases(&a, &["passphrase"], PASSPHRASE, "set on a");
    a.ok(&["sync"]);
    b.git(&["pull", "--quiet"]);
    for path in [&b.file, &key] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let locked = b.run(&["list"]);
    assert_eq!(locked.status.code(), Some(1), "still locked: {locked:?}");
    assert_eq!((mode(&b.file), mode(&key)), (0o600, 0o600), "after a read");
}

/// A key file lost on one machine is recovered from the one git holds: the main key stays,
/// so the other machine, unlocked with it, syncs on, then opens the ledger with the new
/// passphrase.
#[test]
fn a_key_file_lost_on_one_machine_is_recovered_from_git_and_the_other_syncs_on() {
    let (root, _remote, a, b, printed) = encrypted_pair_printing(None);
    b.with_passphrase(&["unlock"]);
    b.ok(&["promise", "add", "priya", SECRET]);
    let key = a.file.with_file_name("trustladder.json.key");
    let before = std::fs::read(&a.file).unwrap();
    std::fs::remove_file(&key).unwrap();
    a.ok(&["lock"]);
    // A sync meanwhile stops at the missing key file, and stages no removal of it.
    let out = a.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(a.git(&["diff", "--cached", "--name-only"]), "");

    let key_path = root.path().join("recovery.txt");
    std::fs::write(&key_path, format!("{}\n", recovery_line(&printed))).unwrap();
    let said = with_passphrases(
        &a,
        &["recover", "--key", key_path.to_str().unwrap()],
        "forgotten",
        "recovered",
    );
    assert!(
        said.contains("same main key (from the key file git holds"),
        "{said}"
    );
    assert!(
        said.contains("other machines open the ledger with the new passphrase once they sync"),
        "{said}"
    );
    assert_eq!(std::fs::read(&a.file).unwrap(), before, "not sealed again");
    with_passphrases(&a, &["unlock"], "recovered", "");
    both_sync_on_after_recovery(&a, &b);
}

/// After a `recover` on `a` (new passphrase "recovered"), a change there and both machines'
/// syncs converge, and `b`, locked, opens its ledger (which holds [`SECRET`]) with the new
/// passphrase.
fn both_sync_on_after_recovery(a: &Machine, b: &Machine) {
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(a.promises(), b.promises());
    assert_eq!(a.promises().len(), 2);
    b.ok(&["lock"]);
    with_passphrases(b, &["unlock"], "recovered", "");
    assert!(b.ok(&["list"]).contains(SECRET));
}

/// `recover` on one machine keeps the main key: the other machine, still unlocked with it,
/// syncs on, takes the new key file, and opens the ledger with the new passphrase after.
#[test]
fn a_recovery_on_one_machine_leaves_the_other_syncing() {
    let (root, remote, a, b, printed) = encrypted_pair_printing(None);
    let recovery = recovery_line(&printed);
    b.with_passphrase(&["unlock"]);
    b.ok(&["promise", "add", "priya", SECRET]);

    let key_path = root.path().join("recovery.txt");
    std::fs::write(&key_path, format!("{recovery}\n")).unwrap();
    with_passphrases(
        &a,
        &["recover", "--key", key_path.to_str().unwrap()],
        "forgotten",
        "recovered",
    );
    both_sync_on_after_recovery(&a, &b);
    assert_not_in_git(SECRET, &remote);
}

/// A machine with backups sealed here takes a `decrypt` made on the other: the merge takes its
/// key file away, so a copy is kept in `backups/`, with which `decrypt` here turns those
/// backups plain (and then removes the copy), so none is left that nothing opens.
#[test]
fn backups_sealed_here_stay_open_after_a_decrypt_on_the_other_machine() {
    let (_root, _remote, a, b) = encrypted_pair(Some("From the laptop"));
    a.ok(&["promise", "add", "priya", "Sealed in a backup"]);
    a.ok(&["sync"]);
    b.with_passphrase(&["unlock"]);
    b.ok(&["sync"]);
    b.with_passphrase(&["decrypt", "--yes"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    let key = a.file.with_file_name("trustladder.json.key");
    let kept = a
        .file
        .with_file_name("backups")
        .join("trustladder.json.key");
    assert!(!key.exists(), "the merge took the key file");
    assert!(kept.exists(), "a copy is kept for the backups");
    assert_eq!(
        std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // With the passphrase at hand (the agent here holds it), check looks inside them with
    // the key file kept for them.
    let checked = a.ok(&["check"]);
    assert!(!checked.contains("not looked inside"), "{checked}");
    assert!(
        checked.contains("ok, format version 2: 1 person, 1 promise, 1 open  sealed: `trustladder decrypt` makes it plain"),
        "{checked}"
    );
    // That copy damaged is named, by its own path, where it would have opened them; by
    // `check` once, on its line after the backups, which point there.
    let whole = std::fs::read_to_string(&kept).unwrap();
    std::fs::write(&kept, whole.replacen("# trustladder", "# mangled", 1)).unwrap();
    let named = format!(
        "the key file {}, kept for the backups sealed",
        kept.display()
    );
    let checked = a.ok(&["check"]);
    assert!(
        checked.contains("encrypted (not looked inside: none of the keys open here opens it; see the kept keys below)"),
        "{checked}"
    );
    assert!(
        checked.contains("\n    trustladder.json.key  seals 3 backups; not open: damaged (it does not begin with the key file's first line): put it back from the backups folder of another machine that synced the decrypt\n"),
        "{checked}"
    );
    let refused = a.run(&["restore-backup", "1", "--force"]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(said.contains(&named), "{said}");
    std::fs::write(&kept, &whole).unwrap();
    // Locked, the way is not `unlock` (which takes no passphrase beside a plain ledger).
    a.ok(&["lock"]);
    let locked = a.run(&["restore-backup", "1", "--force"]);
    let said = String::from_utf8_lossy(&locked.stderr);
    assert_eq!(locked.status.code(), Some(1), "{said}");
    assert!(
        said.contains("the passphrase the ledger had before it was decrypted")
            && said.contains("TRUSTLADDER_PASSPHRASE_COMMAND")
            && !said.contains("run `trustladder unlock` first"),
        "{said}"
    );
    // A sealed backup restored here is put back plain, as the ledger now is: never sealed
    // beside no key file.
    a.with_passphrase(&["restore-backup", "1", "--force"]);
    let restored = std::fs::read(&a.file).unwrap();
    assert!(restored.starts_with(b"{"), "plain JSON");
    assert!(!key.exists());
    a.ok(&["list"]);
    let said = a.with_passphrase(&["decrypt", "--yes"]);
    assert!(
        said.contains("backups of")
            && said.contains("are plain JSON again (the ledger was already)"),
        "{said}"
    );
    assert!(!kept.exists(), "the copy goes with the last sealed backup");
    let checked = a.ok(&["check"]);
    assert!(!checked.contains("encrypted"), "{checked}");
    assert!(a.ok(&["list"]).contains("From the laptop"));
}

/// The copies of key files kept in `m`'s backups folder, by name.
fn kept_keys(m: &Machine) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(m.file.with_file_name("backups"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("trustladder.json.key"))
        .collect();
    names.sort();
    names
}

/// The names of `m`'s backups that `check` lists as sealed and sound, and of those it lists
/// otherwise.
fn backups_checked(m: &Machine, passphrase: &str) -> (Vec<String>, Vec<String>) {
    let checked = with_passphrases(m, &["check"], passphrase, "");
    let (mut sound, mut not) = (Vec::new(), Vec::new());
    for line in checked.lines().filter(|l| l.contains("trustladder.json.0")) {
        let name = line.split_whitespace().nth(1).unwrap().to_string();
        if line.contains("ok, format version") {
            sound.push(name);
        } else {
            not.push(line.to_string());
        }
    }
    (sound, not)
}

/// B takes a `decrypt` made on A twice, the ledger encrypted again with new keys between: the
/// second sync kept the key file of the second encryption over the copy of the first's, and
/// the backups sealed with the first opened with nothing but the recovery key of that time.
/// Both copies are kept; `check`, `restore-backup` and `decrypt` each find the one that opens
/// a backup.
#[test]
fn a_second_decrypt_taken_in_keeps_the_first_keys_copy_for_its_backups() {
    let (_root, _remote, a, b) = encrypted_pair(Some("Under the first key"));
    b.with_passphrase(&["promise", "add", "priya", "From B, first key"]);
    b.with_passphrase(&["sync"]);
    a.ok(&["sync"]);
    a.with_passphrase(&["decrypt", "--yes"]);
    a.ok(&["sync"]);
    b.with_passphrase(&["sync"]);
    let first = std::fs::read(
        b.file
            .with_file_name("backups")
            .join("trustladder.json.key"),
    )
    .expect("a copy of the first key kept");
    // B encrypts again, with new keys (and the same passphrase), and A takes it.
    b.with_passphrase(&["encrypt"]);
    b.with_passphrase(&["promise", "add", "priya", "From B, second key"]);
    b.with_passphrase(&["sync"]);
    a.with_passphrase(&["sync"]);
    a.with_passphrase(&["decrypt", "--yes"]);
    a.ok(&["sync"]);
    b.with_passphrase(&["sync"]);

    let kept = kept_keys(&b);
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert_eq!(
        std::fs::read(
            b.file
                .with_file_name("backups")
                .join("trustladder.json.key")
        )
        .unwrap(),
        first,
        "the first key's copy stays as it was"
    );
    let (sound, not) = backups_checked(&b, PASSPHRASE);
    assert!(not.is_empty(), "{not:#?}");
    assert!(sound.len() >= 3, "{sound:?}");
    // The oldest backup, sealed with the first key, is put back, plain as the ledger is.
    let oldest = sound.last().unwrap();
    b.with_passphrase(&["restore-backup", oldest, "--force"]);
    assert!(std::fs::read(&b.file).unwrap().starts_with(b"{"));
    let said = b.with_passphrase(&["decrypt", "--yes"]);
    assert!(said.contains("are plain JSON again"), "{said}");
    assert!(kept_keys(&b).is_empty());
    let checked = b.ok(&["check"]);
    assert!(!checked.contains("encrypted"), "{checked}");
}

/// Two machines on an encrypted ledger, each with a backup sealed with its key; A decrypted
/// it, and B took that in, keeping the key for its backups.
fn decrypted_on_a_and_taken_in_by_b() -> (tempfile::TempDir, PathBuf, Machine, Machine) {
    let (root, remote, a, b) = encrypted_pair(Some("Under the first key"));
    b.with_passphrase(&["promise", "add", "priya", "From B, first key"]);
    b.with_passphrase(&["sync"]);
    a.ok(&["sync"]);
    a.with_passphrase(&["decrypt", "--yes"]);
    a.ok(&["sync"]);
    b.with_passphrase(&["sync"]);
    assert_eq!(kept_keys(&b), ["trustladder.json.key"]);
    (root, remote, a, b)
}

/// `encrypt` after a `decrypt` taken in makes new keys; the backups sealed before stay sealed
/// with the key kept for them, which nothing read any more: `check` called them "not
/// encrypted to this key" and `decrypt` refused until one was moved by hand. With the same
/// passphrase as then, `encrypt` says so, and `check`, `restore-backup` (which seals what it
/// puts back with the new key) and `decrypt` open them with the kept key.
#[test]
fn backups_sealed_before_an_encrypt_again_open_with_the_key_kept_for_them() {
    let (_root, _remote, _a, b) = decrypted_on_a_and_taken_in_by_b();
    let said = b.with_passphrase(&["encrypt"]);
    assert!(
        said.contains("sealed with the older key kept in")
            && said.contains("the passphrase just set opens it too"),
        "{said}"
    );
    let (sound, not) = backups_checked(&b, PASSPHRASE);
    assert!(not.is_empty(), "{not:#?}");
    let oldest = sound.last().unwrap();
    b.with_passphrase(&["restore-backup", oldest, "--force"]);
    // Sealed with the ledger's own key: it opens with nothing but the key file beside it.
    assert!(b.with_passphrase(&["list"]).contains("Under the first key"));
    let said = b.with_passphrase(&["decrypt", "--yes"]);
    assert!(said.contains("are plain JSON again"), "{said}");
    assert!(kept_keys(&b).is_empty());
    assert!(!b.ok(&["check"]).contains("encrypted"));
}

/// The same with a new passphrase: the kept key opens with the one of its time, which
/// `encrypt`, `check` and `decrypt` name with the kept key's file; `check` looks inside with it
/// when the passphrase command prints it, and `decrypt` changes nothing.
#[test]
fn backups_sealed_before_an_encrypt_again_with_a_new_passphrase_name_the_key_and_the_way() {
    let (_root, _remote, _a, b) = decrypted_on_a_and_taken_in_by_b();
    let kept = b
        .file
        .with_file_name("backups")
        .join("trustladder.json.key")
        .display()
        .to_string();
    let said = with_passphrases(&b, &["encrypt"], "a new one", "");
    assert!(
        said.contains(&format!("stay sealed with the older key kept in {kept}"))
            && said.contains("the passphrase the ledger had then opens it, not this one"),
        "{said}"
    );
    let (sound, not) = backups_checked(&b, "a new one");
    assert!(!not.is_empty(), "{sound:?}");
    for line in &not {
        assert!(
            line.contains(
                "not looked inside: none of the keys open here opens it; see the kept keys below"
            ),
            "{line}"
        );
    }
    let checked = with_passphrases(&b, &["check"], "a new one", "");
    assert!(
        checked.contains(&format!(
            "\n    trustladder.json.key  seals {} backup{}; not open: TRUSTLADDER_PASSPHRASE_COMMAND printed a wrong passphrase for it; the passphrase the ledger had then opens it, or the recovery key of that time with the `age` tool\n",
            not.len(),
            if not.len() == 1 { "" } else { "s" }
        )),
        "{checked}"
    );
    let (old_sound, _) = backups_checked(&b, PASSPHRASE);
    assert_eq!(old_sound.len(), not.len(), "{old_sound:?}");
    let refused = b
        .command(&["decrypt", "--yes"])
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", "printf 'a new one'")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("may be to an older one kept in {kept}"))
            && stderr.ends_with("; nothing was changed\n"),
        "{stderr}"
    );
    assert!(b.file.with_file_name("trustladder.json.key").exists());
    assert!(trustladder::crypt::envelope::sealed_on_disk(&b.file));
}

/// A backup sealed with an older key kept for it, given with `--file`, opens with that key, as
/// `check` and `restore-backup` open it, where the ledger's own key was the only one tried (a
/// wrong passphrase, or not encrypted to this key).
#[test]
fn a_backup_sealed_with_a_kept_key_opens_given_with_file() {
    let (_root, _remote, _a, b) = decrypted_on_a_and_taken_in_by_b();
    with_passphrases(&b, &["encrypt"], "a new one", "");
    let (old_sound, _) = backups_checked(&b, PASSPHRASE);
    let oldest = b.file.with_file_name("backups").join(
        old_sound
            .last()
            .expect("a backup sealed with the first key"),
    );
    let backup = Machine::at(b.home.clone(), oldest);
    let listed = with_passphrases(&backup, &["list"], PASSPHRASE, "");
    assert!(listed.contains("Under the first key"), "{listed}");
}

/// `recover` that makes a new main key (the key file lost, none in git) leaves the backups
/// sealed with an older key kept for them as they are, and says they open with that key: it
/// said they held nothing the ledger could read, and might be removed.
#[test]
fn a_recover_with_a_new_main_key_keeps_the_backups_a_kept_key_opens() {
    let (_root, _remote, _a, b) = decrypted_on_a_and_taken_in_by_b();
    let printed = with_passphrases(&b, &["encrypt"], "a new one", "");
    let recovery = b.home.join("recovery.txt");
    std::fs::write(&recovery, recovery_line(&printed)).unwrap();
    std::fs::remove_file(b.file.with_file_name("trustladder.json.key")).unwrap();
    let said = with_passphrases(
        &b,
        &["recover", "--key", recovery.to_str().unwrap()],
        "unused",
        "after the recovery",
    );
    assert!(
        said.contains("are sealed to the new key")
            && said.contains("may be sealed with the older key kept in")
            && !said.contains("may be removed"),
        "{said}"
    );
    let (old_sound, _) = backups_checked(&b, PASSPHRASE);
    assert!(old_sound.len() >= 2, "{old_sound:?}");
}

/// `git` on `m` as a user types it (with an identity), returning everything it printed.
fn git_by_hand(m: &Machine, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .env("HOME", &m.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("TRUSTLADDER_AGENT_DIR", m.home.join("agent"))
        .env("TRUSTLADDER_KDF_WORK_FACTOR", "4")
        .arg("-C")
        .arg(m.folder())
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .output()
        .expect("git runs")
}

/// A `decrypt` on one machine while the other changed its passphrase and added a promise:
/// git cannot merge the key file (deleted there, changed here), and sync settles it as the
/// ledger is merged: plain, so the key file leaves. The promise made here is kept and pushed.
#[test]
fn a_passphrase_changed_here_while_the_other_machine_decrypted_ends_plain() {
    let (_root, _remote, a, b) = encrypted_pair(None);
    b.with_passphrase(&["unlock"]);
    a.with_passphrase(&["decrypt", "--yes"]);
    a.ok(&["sync"]);
    with_passphrases(&b, &["passphrase"], PASSPHRASE, "set on b");
    b.ok(&["promise", "add", "priya", "From B"]);
    let synced = b.ok(&["sync"]);
    assert!(
        synced.contains("the ledger here is now plain JSON, as another machine decrypted it")
            && synced.contains("the key file leaves, as another machine decrypted the ledger")
            && synced.ends_with("pushed\n"),
        "{synced}"
    );
    assert_eq!(b.git(&["status", "--porcelain"]), "");
    assert_eq!(
        b.git(&["rev-parse", "HEAD"]),
        b.git(&["rev-parse", "origin/main"])
    );
    a.ok(&["sync"]);
    for machine in [&a, &b] {
        assert!(!machine.file.with_file_name("trustladder.json.key").exists());
        assert!(std::fs::read(&machine.file).unwrap().starts_with(b"{"));
        assert!(machine.ok(&["list"]).contains("From B"));
    }
    assert!(
        !b.git(&["ls-tree", "--name-only", "origin/main"])
            .contains(".key")
    );
}

/// Both machines decrypted the ledger, each with a change of its own: the version both last
/// had is sealed, and no key file is left to open it. The merge goes on without it (the
/// tombstones still say what was deleted), rather than asking for a key file nobody needs.
#[test]
fn a_ledger_decrypted_on_both_machines_merges_without_the_sealed_ancestor() {
    let (_root, _remote, a, b) = encrypted_pair(Some("Kept by both"));
    a.with_passphrase(&["decrypt", "--yes"]);
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    b.with_passphrase(&["promise", "add", "priya", "From B"]);
    b.with_passphrase(&["decrypt", "--yes"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(a.promises(), b.promises());
    assert_eq!(a.promises().len(), 3);
    assert_eq!(b.git(&["status", "--porcelain"]), "");
}

/// Both machines encrypted the ledger, each with its own passphrase and so its own key: the
/// second to sync is told so, and what to do; `decrypt` here then lets the sync go on, with
/// the other machine's passphrase, and every change of both machines ends sealed with its key.
#[test]
fn a_ledger_encrypted_on_both_machines_with_their_own_keys_says_what_to_do() {
    let (_root, remote, a, b) = plain_pair();
    with_passphrases(&a, &["encrypt"], "pa", "");
    with_passphrases(&b, &["encrypt"], "pb", "");
    with_passphrases(&a, &["promise", "add", "priya", "From A"], "pa", "");
    with_passphrases(&b, &["promise", "add", "priya", SECRET], "pb", "");
    with_passphrases(&a, &["sync"], "pa", "");

    let stderr = sync_refused(&b, "printf pb");
    assert!(
        stderr.contains("another machine encrypted the ledger with a key of its own")
            && stderr.contains("run `trustladder decrypt --yes` here, then `trustladder sync` with the other machine's passphrase")
            && stderr.contains("the recovery key printed here then opens nothing new"),
        "{stderr}"
    );
    assert!(!stderr.contains("not encrypted to this key"), "{stderr}");

    with_passphrases(&b, &["decrypt", "--yes"], "pb", "");
    let synced = with_passphrases(&b, &["sync"], "pa", "");
    assert!(
        synced.contains("the ledger here is now encrypted, as another machine encrypted it"),
        "{synced}"
    );
    with_passphrases(&a, &["sync"], "pa", "");
    for machine in [&a, &b] {
        assert_sealed_holding_a_and_the_secret(
            machine,
            &with_passphrases(machine, &["list"], "pa", ""),
        );
    }
    assert_not_in_git(SECRET, &remote);
}

/// A plain machine with no change of its own takes a ledger encrypted elsewhere at once: the
/// sync succeeds, says that `unlock` opens it, and leaves no commit of its own behind.
#[test]
fn a_machine_with_nothing_to_merge_takes_a_ledger_encrypted_elsewhere_at_once() {
    let (_root, _remote, a, b) = plain_pair();
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["sync"]);

    let synced = b.ok(&["sync"]);
    assert_eq!(
        synced,
        "merged: the ledger here is now encrypted, as another machine encrypted it; \
         `trustladder unlock` with the passphrase set there opens it; 1 backup kept here \
         before stays in plain text (`trustladder check` marks it PLAIN TEXT): \
         `trustladder encrypt` run here seals it\nup to date with the remote\n"
    );
    assert_eq!(
        b.git(&["rev-parse", "HEAD"]),
        b.git(&["rev-parse", "origin/main"]),
        "no commit of its own"
    );
    assert_eq!(b.git(&["status", "--porcelain"]), "");
    assert!(b.file.with_file_name("trustladder.json.key").exists());
    b.with_passphrase(&["unlock"]);
    assert_eq!(b.promises(), Vec::<String>::new(), "it opens");
    // What the sync named seals the backup it kept of the plain ledger.
    assert!(b.ok(&["check"]).contains("PLAIN TEXT"));
    b.with_passphrase(&["encrypt"]);
    assert!(!b.ok(&["check"]).contains("PLAIN TEXT"));
    assert_eq!(b.ok(&["sync"]), "up to date with the remote\n");
}

/// The same with a passphrase command that prints a passphrase of before (or any wrong one):
/// the fast-forward is taken and said, not "a wrong passphrase; nothing was changed" over a
/// ledger that changed.
#[test]
fn a_wrong_passphrase_does_not_hide_a_ledger_encrypted_elsewhere_taken_at_once() {
    let (root, remote, a, _b) = plain_pair();
    let c = Machine::private(root.path(), "c");
    c.ok(&["sync", "clone", &remote.display().to_string()]);
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["sync"]);
    let out = c
        .command(&["sync"])
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo guess")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "merged: the ledger here is now encrypted, as another machine encrypted it; \
         `trustladder unlock` with the passphrase set there opens it; 1 backup kept here \
         before stays in plain text (`trustladder check` marks it PLAIN TEXT): \
         `trustladder encrypt` run here seals it\nup to date with the remote\n"
    );
}

/// A `decrypt` stopped before it took the key file away, in a synced folder: the next sync
/// refuses, naming `decrypt` to finish it, and pushes nothing (it pushed the plain ledger
/// with the key file, and every other machine then took both); finished, the sync goes on.
#[test]
fn a_sync_after_a_decrypt_stopped_half_way_pushes_nothing() {
    let (_root, remote, a, _b) = encrypted_pair(Some("Review the plan"));
    let key = a.file.with_file_name("trustladder.json.key");
    let kept = std::fs::read(&key).unwrap();
    a.with_passphrase(&["decrypt", "--yes"]);
    std::fs::write(&key, &kept).unwrap();
    let out = a.run(&["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("as a `trustladder decrypt` stopped half-way leaves it")
            && stderr.contains("nothing was committed or pushed"),
        "{stderr}"
    );
    assert_not_in_git("Review the plan", &remote);
    assert!(a.ok(&["decrypt", "--yes"]).contains("was already plain"));
    assert!(a.ok(&["sync"]).contains("ledger decrypted"));
}

/// A machine with a plain ledger of its own joins a remote whose ledger is encrypted with
/// `sync init --remote`: its first sync (before any push has set the branch's tracking) takes
/// the key file along, merges both ledgers sealed, and pushes (the key file was left out of
/// the commit as one an `encrypt` here stopped half-way left, and the join stuck).
#[test]
fn joining_an_encrypted_remote_with_sync_init_takes_its_key_file() {
    let (_root, remote, a, b) = two_machines();
    let url = remote.display().to_string();
    a.ok(&["person", "add", "Priya Raman"]);
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["unlock"]);
    a.ok(&["sync", "init", "--remote", &url]);
    b.ok(&["person", "add", "Bo Chen"]);
    b.with_passphrase(&["sync", "init", "--remote", &url]);
    assert!(
        std::fs::read(&b.file)
            .unwrap()
            .starts_with(b"age-encryption.org/v1\n")
    );
    assert_eq!(b.git(&["status", "--porcelain"]), "");
    let listed = b.with_passphrase(&["person", "list"]);
    assert!(
        listed.contains("Priya Raman") && listed.contains("Bo Chen"),
        "{listed}"
    );
    a.ok(&["sync"]);
    assert!(a.ok(&["person", "list"]).contains("Bo Chen"));
}

/// A wrong passphrase from the passphrase command during a sync's merge says so once, with
/// the hints the terminal's prompt gives.
#[test]
fn a_wrong_passphrase_from_the_command_in_a_sync_says_so_once_with_the_hints() {
    let (_root, _remote, a, b) = plain_pair();
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["sync"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    let stderr = sync_refused(&b, "echo guess");
    assert!(stderr.contains("it printed a wrong passphrase"), "{stderr}");
    // What changed here was committed before the merge failed: said, and so never that
    // nothing was changed.
    assert_eq!(stderr.matches("nothing was changed").count(), 0, "{stderr}");
    assert!(
        stderr.contains(
            "a passphrase changed on another machine is the one here too once synced; \
             forgotten, `trustladder recover --key FILE` sets a new one"
        ),
        "{stderr}"
    );
    assert!(b.ok(&["list"]).contains("From B"), "nothing is lost");
}

/// A merge that fails once this machine's change is committed says one true thing: what was
/// committed and not pushed, that the other machine's changes are not merged and the ledger
/// here is as it was, and that `sync` once that is put right merges and pushes both. It said
/// "nothing was changed" beside "what changed here is committed".
#[test]
fn a_merge_that_fails_after_the_commit_says_what_was_committed_and_what_comes_next() {
    let (_root, _remote, a, b) = plain_pair();
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["promise", "add", "priya", "From A"]);
    a.with_passphrase(&["sync"]);
    b.ok(&["promise", "add", "priya", "From B"]);

    let stderr = sync_refused(&b, "echo guess");
    assert!(
        stderr.contains("it printed a wrong passphrase")
            && stderr.contains("what changed here is committed (1 promise added; key file added (the ledger was encrypted on another machine)) but not pushed, and the other machine's changes are not merged: the ledger here is as it was")
            && stderr.contains("`trustladder sync` merges them and pushes both"),
        "{stderr}"
    );
    assert!(!stderr.contains("nothing was changed"), "{stderr}");
    assert_eq!(
        b.git(&["log", "-1", "--format=%s", "--", "trustladder.json"]),
        "trustladder: 1 promise added\n"
    );
    assert_eq!(
        b.git(&["status", "--porcelain", "--", "trustladder.json"]),
        ""
    );
    // Nothing was pushed: the remote holds what A pushed last.
    assert_eq!(
        b.git(&["ls-remote", "origin", "main"])
            .split_whitespace()
            .next(),
        a.git(&["rev-parse", "HEAD"]).split_whitespace().next()
    );

    let synced = b.with_passphrase(&["sync"]);
    assert!(synced.ends_with("pushed\n"), "{synced}");
    a.with_passphrase(&["sync"]);
    for machine in [&a, &b] {
        let listed = machine.with_passphrase(&["list"]);
        assert!(
            listed.contains("From A") && listed.contains("From B"),
            "{listed}"
        );
    }
}

/// A plain `git pull` on a locked machine: the driver's message speaks of the merge, not of
/// a sync nobody ran, and says to unlock and then run `trustladder sync`, which merges.
#[test]
fn a_plain_git_pull_on_a_locked_machine_says_to_unlock_then_sync() {
    let (_root, _remote, a, b) = encrypted_pair(None);
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    b.with_passphrase(&["unlock"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["lock"]);
    let committed = git_by_hand(&b, &["commit", "-q", "-am", "by hand"]);
    assert!(committed.status.success(), "{committed:?}");
    let pulled = git_by_hand(&b, &["pull", "--no-rebase", "--no-edit"]);
    let stderr = String::from_utf8_lossy(&pulled.stderr);
    assert!(!pulled.status.success(), "{stderr}");
    assert!(
        stderr.contains("the ledger is encrypted and locked, so the merge could not read it")
            && stderr.contains("then `trustladder sync`"),
        "{stderr}"
    );
    assert!(!stderr.contains("so sync could not"), "{stderr}");
    b.with_passphrase(&["unlock"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(a.promises(), b.promises());
    assert_eq!(a.promises().len(), 2);
}

/// A machine that decrypted the ledger syncs after the other machine sealed a change (and set
/// a new passphrase): the merge reads that change with the key file the remote holds, lent for
/// the merge alone; locked, it says why it needs the passphrase. The decryption has its way:
/// both end plain, with both changes, and no key file anywhere.
#[test]
fn a_ledger_decrypted_here_merges_changes_the_other_machine_sealed_meanwhile() {
    let (_root, _remote, a, b) = encrypted_pair(None);
    b.with_passphrase(&["decrypt", "--yes"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    with_passphrases(&a, &["passphrase"], PASSPHRASE, "set on a");
    with_passphrases(&a, &["promise", "add", "priya", "From A"], "set on a", "");
    with_passphrases(&a, &["sync"], "set on a", "");

    let out = b.run(&["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "the ledger was decrypted here, but the other machine's changes are still encrypted"
        ) && stderr.contains("TRUSTLADDER_PASSPHRASE_COMMAND"),
        "{stderr}"
    );
    let kept = b
        .file
        .with_file_name("backups")
        .join("trustladder.json.key");
    assert!(
        !kept.exists(),
        "the key file lent for the merge is taken away"
    );

    let synced = with_passphrases(&b, &["sync"], "set on a", "");
    assert!(
        synced.contains("the key file the other machine changed leaves too"),
        "{synced}"
    );
    assert!(!kept.exists());
    a.ok(&["sync"]);
    for machine in [&a, &b] {
        assert!(!machine.file.with_file_name("trustladder.json.key").exists());
        assert!(std::fs::read(&machine.file).unwrap().starts_with(b"{"));
        let listed = machine.ok(&["list"]);
        assert!(
            listed.contains("From A") && listed.contains("From B"),
            "{listed}"
        );
    }
    assert_eq!(b.git(&["status", "--porcelain"]), "");
}

/// A commit of the user's own (made with git by hand) that holds the ledger in plain text
/// and was never pushed: once the ledger is encrypted, `sync` does not rewrite it, so it
/// refuses to push (exit 1) rather than send the plain version, naming the way to squash it;
/// squashed, the sync pushes, and the remote never holds the plain text.
#[test]
fn a_plain_commit_of_the_users_own_is_never_pushed_after_encrypt() {
    let (_root, remote, a, _b) = plain_pair();
    a.ok(&["promise", "add", "priya", SECRET]);
    let committed = git_by_hand(&a, &["commit", "--quiet", "-am", "mine"]);
    assert!(committed.status.success(), "{committed:?}");
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["unlock"]);
    let out = a.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("commits not yet pushed hold it in plain text, among commits of your own that sync does not rewrite; nothing was pushed"),
        "{said}"
    );
    assert_not_in_git(SECRET, &remote);
    let reset = git_by_hand(&a, &["reset", "--soft", "@{upstream}"]);
    assert!(reset.status.success(), "{reset:?}");
    let squashed = git_by_hand(&a, &["commit", "--quiet", "-m", "squashed"]);
    assert!(squashed.status.success(), "{squashed:?}");
    let synced = a.ok(&["sync"]);
    assert!(synced.contains("pushed"), "{synced}");
    assert_not_in_git(SECRET, &remote);
}

/// A sync that asks for the passphrase on the terminal itself (locked, no passphrase command)
/// counts what changed since the last commit, with the key typed: it opened the committed
/// version before asking, could not, and counted the whole ledger as added ("1 person
/// added, 1 promise added"), a message pushed to every machine.
#[test]
fn a_sync_unlocked_at_its_own_prompt_counts_only_what_changed() {
    use std::path::Path;
    use tmux_support::{Tmux, quoted};
    let (_root, _remote, a, _b) = encrypted_pair(Some(SECRET));
    a.ok(&["lock"]);
    a.with_passphrase(&["keep", "1"]);
    let command = format!(
        "exec env -i PATH={} HOME={} GIT_CONFIG_NOSYSTEM=1 TMPDIR={} TRUSTLADDER_AGENT_DIR={} TRUSTLADDER_KDF_WORK_FACTOR=4 {} --file {} --today 2026-11-24 sync",
        quoted(Path::new(&std::env::var_os("PATH").unwrap_or_default())),
        quoted(&a.home),
        quoted(&a.home.join("tmp")),
        quoted(&a.home.join("agent")),
        quoted(Path::new(env!("CARGO_BIN_EXE_trustladder"))),
        quoted(&a.file),
    );
    let tmux = Tmux::start("sync-typed", &command);
    tmux.wait_for("Passphrase for");
    tmux.text(PASSPHRASE);
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), "0", "{}", tmux.screen());
    assert!(
        tmux.screen().contains("committed: 1 kept\n"),
        "{}",
        tmux.screen()
    );
    assert_eq!(
        a.git(&["log", "-1", "--format=%s"]),
        "trustladder: 1 kept\n"
    );
}

/// What a sync merged is kept in the git folder until it is said (a sync stopped while it
/// pushed says nothing); those lines name colleagues and promises, so beside an encrypted
/// ledger they are kept sealed with its keys, and the next sync opens and says them.
#[test]
fn what_a_stopped_sync_of_an_encrypted_ledger_merged_is_kept_sealed_and_said_next() {
    use std::os::unix::fs::PermissionsExt;
    let (_root, _remote, a, b) = encrypted_pair(None);
    b.with_passphrase(&["unlock"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    a.ok(&["promise", "add", "priya", SECRET]);
    // Killed after the merge, before the push, the first time only.
    let hook = a.folder().join(".git/hooks/pre-push");
    std::fs::write(
        &hook,
        "#!/bin/sh\n[ -e \"$0.done\" ] && exit 0\ntouch \"$0.done\"\nkill -9 $(ps -o ppid= -p $PPID)\nexit 1\n",
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(!a.run(&["sync"]).status.success());
    let kept = a.folder().join(".git/trustladder-unsaid");
    let bytes = std::fs::read(&kept).expect("what the merge said is kept");
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "{bytes:?}");
    assert!(!bytes.windows(8).any(|w| w == b"is now #"), "{bytes:?}");
    assert_nowhere(SECRET, &[&a.folder(), &a.home]);
    let synced = a.ok(&["sync"]);
    assert!(
        synced.contains("the last sync was stopped before it said what it merged"),
        "{synced}"
    );
    assert!(synced.contains("is now #"), "{synced}");
    assert!(!kept.exists());
}

/// The first commit of a ledger encrypted before `sync init` counts its records (`sync set up`
/// where it holds none, as a plain one's does), never that the key file came from another
/// machine that encrypted it: it said so in the commit every machine keeps, and in what `sync
/// init` printed.
#[test]
fn the_first_commit_of_a_ledger_encrypted_here_says_no_other_machine_encrypted_it() {
    let (root, remote, a, idle) = two_machines();
    a.ok(&["person", "add", "Priya Raman"]);
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["unlock"]);
    assert_eq!(
        a.ok(&["sync", "init", "--remote", &remote.display().to_string()]),
        "committed: 1 person added\npushed\n"
    );

    idle.ok(&["person", "add", "Sam Idle"]);
    idle.ok(&["person", "rm", "sam"]);
    idle.with_passphrase(&["encrypt"]);
    idle.with_passphrase(&["unlock"]);
    let other = bare_remote(&root.path().join("other"));
    assert_eq!(
        idle.ok(&["sync", "init", "--remote", &other.display().to_string()]),
        "committed: sync set up\npushed\n"
    );
}

/// A `decrypt` that a `git reset` took out, merged back, leaves a copy of the key file in
/// `backups/` for the backups sealed with it. The ledger encrypted again with new keys, and
/// that `encrypt` reset away in turn, a change made since merges it back with the key file of
/// its own commit, lent for the merge: the old copy, read in its place, opened none of its
/// versions, and the sync said another machine had encrypted the ledger. The copy stays as it
/// was, for the backups it opens.
#[test]
fn an_encrypt_with_new_keys_reset_away_merges_back_beside_the_old_key_kept_for_backups() {
    let root = tempfile::tempdir().unwrap();
    let a = Machine::private(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    a.ok(&["sync", "init"]);
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["unlock"]);
    a.ok(&["sync"]);
    a.with_passphrase(&["decrypt", "--yes"]);
    a.ok(&["sync"]);
    a.git(&["reset", "-q", "--hard", "HEAD~1"]);
    a.ok(&["sync"]);
    let backups = a.file.with_file_name("backups");
    let kept = backups.join("trustladder.json.key");
    let old_key = std::fs::read(&kept).expect("a copy kept for the backups sealed before");

    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["unlock"]);
    a.ok(&["sync"]);
    let encrypted = a.git(&["rev-parse", "--short", "HEAD"]);
    a.git(&["reset", "-q", "--hard", "HEAD~1"]);
    a.ok(&["person", "add", "Leo Chen"]);
    let out = a.ok(&["sync"]);
    assert!(
        out.contains(&format!(
            "merged: the ledger here is encrypted again, as commit {} that the reset took out left it",
            encrypted.trim()
        )),
        "{out}"
    );
    assert!(!out.contains("another machine"), "{out}");
    assert!(trustladder::crypt::envelope::sealed_on_disk(&a.file));
    let people = a.ok(&["person", "list"]);
    assert!(
        people.contains("Priya Raman") && people.contains("Leo Chen"),
        "{people}"
    );
    assert_eq!(a.git(&["status", "--porcelain"]), "");
    assert_eq!(std::fs::read(&kept).unwrap(), old_key, "the old copy stays");
    assert!(!backups.join("trustladder.json.key.lent").exists());
}

/// A sync merging back this machine's own `encrypt`, which a `git reset` took out, that
/// cannot open that commit's ledger names the commit, never another machine: locked, it says
/// to give the passphrase by its command (`unlock` takes none beside the plain ledger here);
/// with a wrong one, the driver names the version as that commit. What changed here is
/// committed meanwhile, and said.
#[test]
fn a_merge_back_that_cannot_open_ones_own_encrypt_names_that_commit() {
    let root = tempfile::tempdir().unwrap();
    let a = Machine::private(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    a.ok(&["sync", "init"]);
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["sync"]);
    let encrypted = a.git(&["rev-parse", "--short", "HEAD"]);
    let encrypted = encrypted.trim();
    a.git(&["reset", "-q", "--hard", "HEAD~1"]);
    a.ok(&["person", "add", "Leo Chen"]);

    let locked = a.fails(&["sync"]);
    assert!(
        locked.contains(&format!(
            "commit {encrypted}, which the reset took out, left the ledger encrypted, and its key is not at hand"
        )) && locked.contains("(what changed here is committed: 1 person added)")
            && locked.contains("set TRUSTLADDER_PASSPHRASE_COMMAND"),
        "{locked}"
    );
    assert!(!locked.contains("another machine"), "{locked}");

    let wrong = a
        .command(&["sync"])
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo wrong")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "the merge back of commit {encrypted}, which the reset took out, failed: this machine's own commit merged back: "
        )) && said.contains("wrong passphrase"),
        "{said}"
    );
    assert!(!said.contains("the other machine's"), "{said}");

    a.with_passphrase(&["sync"]);
    let people = a.with_passphrase(&["person", "list"]);
    assert!(
        people.contains("Priya Raman") && people.contains("Leo Chen"),
        "{people}"
    );
}

/// A `git pull --rebase` replays this machine's commit onto the other machine's, so git hands
/// the driver the sides swapped: a version of this machine's that does not read (sealed here
/// by an `encrypt` committed by hand, its key file not in the commit checked out for the
/// rebase) is named as this machine's, not the other machine's.
#[test]
fn a_rebase_names_this_machines_version_that_does_not_read_as_this_machines() {
    let (_root, _remote, a, b) = plain_pair();
    b.with_passphrase(&["encrypt"]);
    b.with_passphrase(&["promise", "add", "priya", "From B"]);
    git_by_hand(&b, &["add", "-A"]);
    git_by_hand(&b, &["commit", "-qm", "by hand"]);
    a.ok(&["person", "add", "Leo Chen"]);
    a.ok(&["sync"]);
    let pulled = git_by_hand(&b, &["pull", "--rebase"]);
    let said = String::from_utf8_lossy(&pulled.stderr);
    assert!(!pulled.status.success(), "{said}");
    assert!(
        said.contains("trustladder: this machine's version: the key file"),
        "{said}"
    );
    assert!(!said.contains("the other machine's version"), "{said}");
    git_by_hand(&b, &["rebase", "--abort"]);
}

/// Two machines on a ledger encrypted with the passphrase "old", which A then decrypted and
/// encrypted again with new keys (passphrase "new"), added "From A" to and synced; B has not
/// synced since.
fn encrypted_again_on_a() -> (tempfile::TempDir, PathBuf, Machine, Machine) {
    let (root, remote, a, b) = plain_pair();
    with_passphrases(&a, &["encrypt"], "old", "");
    with_passphrases(&a, &["sync"], "old", "");
    with_passphrases(&b, &["sync"], "old", "");
    with_passphrases(&a, &["decrypt", "--yes"], "old", "");
    a.ok(&["sync"]);
    with_passphrases(&a, &["encrypt"], "new", "");
    with_passphrases(&a, &["promise", "add", "priya", "From A"], "new", "");
    with_passphrases(&a, &["sync"], "new", "");
    (root, remote, a, b)
}

/// The other machine decrypted the ledger and encrypted it again with new keys while this one,
/// still on the old key, changed it: the merge cannot open the other side's changes, and says
/// what to do (never that this machine ran `encrypt`). Done (`decrypt` here, then `sync` with
/// the other machine's passphrase), the merge goes on without the version both last had,
/// sealed to the old key that no key file holds any more, where it failed on it: every change
/// of both machines is kept, sealed with the new keys.
#[test]
fn a_ledger_encrypted_again_elsewhere_with_new_keys_merges_once_decrypted_here() {
    let (_root, remote, a, b) = encrypted_again_on_a();
    with_passphrases(&b, &["promise", "add", "priya", SECRET], "old", "");

    let stderr = sync_refused(&b, "printf old");
    assert!(
        stderr.contains("another machine encrypted the ledger with a key of its own")
            && stderr.contains("or it decrypted the ledger and encrypted it again, with new keys")
            && stderr.contains("run `trustladder decrypt --yes` here"),
        "{stderr}"
    );

    with_passphrases(&b, &["decrypt", "--yes"], "old", "");
    let synced = with_passphrases(&b, &["sync"], "new", "");
    assert!(synced.ends_with("pushed\n"), "{synced}");
    with_passphrases(&a, &["sync"], "new", "");
    for machine in [&a, &b] {
        assert_sealed_holding_a_and_the_secret(
            machine,
            &with_passphrases(machine, &["list"], "new", ""),
        );
    }
    assert_eq!(
        std::fs::read(a.file.with_file_name("trustladder.json.key")).unwrap(),
        std::fs::read(b.file.with_file_name("trustladder.json.key")).unwrap()
    );
    assert_not_in_git(SECRET, &remote);
}

/// A machine with nothing to merge takes a ledger the other machine decrypted and encrypted
/// again, with new keys, over the one sealed here with the old: the sync says so, where it
/// failed on the passphrase of before though the ledger had been taken (and the next said
/// "up to date"), or said a new passphrase had been set there.
#[test]
fn a_ledger_encrypted_again_elsewhere_with_new_keys_is_taken_and_said_so() {
    let (_root, _remote, _a, b) = encrypted_again_on_a();

    let synced = with_passphrases(&b, &["sync"], "old", "");
    assert!(
        synced.contains(
            "merged: the ledger here is now encrypted with new keys, as another machine decrypted it and encrypted it again: the passphrase set there unlocks it from now on"
        ) && !synced.contains("a new passphrase there"),
        "{synced}"
    );
    assert!(with_passphrases(&b, &["list"], "new", "").contains("From A"));
}
