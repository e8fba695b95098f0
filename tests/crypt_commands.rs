//! encrypt, decrypt, passphrase and recover, driven through the real binary with a passphrase
//! command: what each writes, that nothing plain is left, that the `age` tool opens the file
//! with the recovery key, and that every wrong input is refused with the files untouched.

mod crypt_support;
mod store_support;
mod tmux_support;

use std::process::Command;

use secrecy::ExposeSecret;

use crypt_support::{SECRET, Vault, assert_nowhere, recovery_line, snapshot};

#[test]
fn encrypt_seals_the_file_and_every_backup_and_decrypt_brings_back_the_same_json() {
    let v = Vault::new();
    v.team();
    let plain = v.bytes();
    let backups = std::fs::read_dir(v.dir.path().join("backups"))
        .unwrap()
        .count();
    assert!(backups >= 3, "{backups} backups");

    let printed = v.ok(&["encrypt"]);
    assert!(
        printed.contains(&format!("and {backups} backups")),
        "{printed}"
    );
    assert!(printed.contains("keep it offline"), "{printed}");
    let recovery = recovery_line(&printed);
    assert!(v.bytes().starts_with(b"age-encryption.org/v1\n"));
    assert_nowhere(SECRET, &[v.dir.path()]);
    let key = std::fs::read_to_string(v.key_file()).unwrap();
    assert!(key.starts_with("# trustladder key file 1\n"), "{key}");
    assert!(!key.contains("AGE-SECRET-KEY"), "the main key is sealed");
    use std::os::unix::fs::PermissionsExt;
    for file in [v.path.clone(), v.key_file()] {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }

    // The age tool opens it with the recovery key, to the very bytes decrypt writes.
    let key_path = v.dir.path().join("recovery.txt");
    std::fs::write(&key_path, format!("{recovery}\n")).unwrap();
    assert_eq!(
        crypt_support::opened_by_age(&key_path, &v.path),
        plain,
        "age opens the file to the JSON it was"
    );
    std::fs::remove_file(&key_path).unwrap();

    v.ok(&["decrypt", "--yes"]);
    assert_eq!(
        v.bytes(),
        plain,
        "decrypt writes the JSON back byte for byte"
    );
    assert!(!v.key_file().exists(), "the key file is gone");
    for entry in std::fs::read_dir(v.dir.path().join("backups")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(bytes.starts_with(b"{"), "every backup is plain again");
    }
}

#[test]
fn recovery_out_writes_a_new_private_file_and_refuses_an_existing_one() {
    let v = Vault::new();
    v.team();
    let taken = v.dir.path().join("taken.txt");
    std::fs::write(&taken, "mine").unwrap();
    v.fails(
        v.cmd(&["encrypt", "--recovery-out", taken.to_str().unwrap()]),
        "already exists",
    );
    // A folder is named as one, with a file to give in it; a link to nothing is there
    // already, said before the passphrase is asked for (it was after, as the OS's "File
    // exists"), as a file there is.
    let folder = v.dir.path().join("keys");
    std::fs::create_dir(&folder).unwrap();
    let dangling = v.dir.path().join("dangling.txt");
    std::os::unix::fs::symlink(v.dir.path().join("nowhere"), &dangling).unwrap();
    for (path, said) in [
        (
            &folder,
            format!(
                "--recovery-out: {} is a folder; name a new file in it ({}, say)",
                folder.display(),
                folder.join("recovery-key.txt").display()
            ),
        ),
        (
            &dangling,
            format!(
                "--recovery-out: {} already exists (a link to nothing); name a new file",
                dangling.display()
            ),
        ),
    ] {
        let mut asked = v.bare(&["encrypt", "--recovery-out", path.to_str().unwrap()]);
        asked.env("TRUSTLADDER_PASSPHRASE_COMMAND", "exit 3");
        v.fails(asked, &said);
    }
    assert!(!v.dir.path().join("nowhere").exists());
    // Never one of the ledger's own files: the key file written there would leave no
    // recovery key, and a backup's name would be sealed with the backups.
    let in_backups = v.dir.path().join("backups").join("trustladder.json.000099");
    for (path, what) in [
        (v.key_file(), "is the ledger's key file"),
        (in_backups, "is in the ledger's backups"),
    ] {
        v.fails(
            v.cmd(&["encrypt", "--recovery-out", path.to_str().unwrap()]),
            what,
        );
        assert!(!path.exists(), "{}", path.display());
    }
    // A `~` the shell did not expand names no home folder: refused as a data path's is.
    let mut tilde = v.cmd(&["encrypt", "--recovery-out=~/recovery.txt"]);
    tilde.current_dir(v.dir.path());
    v.fails(
        tilde,
        "~/recovery.txt: begins with a ~ the shell did not expand (it does not after \
         --recovery-out= or in quotes), so it names a file or folder called ~ here. Nothing was \
         written; give the path where the shell expands it (--recovery-out ~/recovery.txt, with \
         a space) or whole ($HOME/recovery.txt)",
    );
    assert!(!v.dir.path().join("~").exists());
    // A folder that is not there is said before the passphrase is asked for (a command that
    // fails here would be named first otherwise), not after it was typed twice.
    for (path, said) in [
        (
            v.dir.path().join("none").join("r.txt"),
            "there is no folder ",
        ),
        (v.path.join("r.txt"), " is not a folder"),
    ] {
        let mut asked = v.bare(&["encrypt", "--recovery-out", path.to_str().unwrap()]);
        asked.env("TRUSTLADDER_PASSPHRASE_COMMAND", "exit 3");
        let stderr = v.fails(asked, said);
        assert!(
            stderr.ends_with("; make the folder first, or name a file in one that is there\n"),
            "{stderr}"
        );
    }
    let out = v.dir.path().join("recovery.txt");
    let printed = v.ok(&["encrypt", "--recovery-out", out.to_str().unwrap()]);
    assert!(!printed.contains("AGE-SECRET-KEY"), "{printed}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("AGE-SECRET-KEY-1"), "{text}");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn wrong_inputs_are_refused_and_change_nothing() {
    let v = Vault::new();
    v.team();
    v.fails(v.cmd(&["decrypt", "--yes"]), "is not encrypted");
    v.fails(v.cmd(&["passphrase"]), "is not encrypted");
    let mut empty = v.bare(&["encrypt"]);
    empty.env("TRUSTLADDER_PASSPHRASE_COMMAND", "printf ''");
    v.fails(
        empty,
        "the passphrase command in TRUSTLADDER_PASSPHRASE_COMMAND: it printed nothing",
    );
    v.fails(v.bare(&["encrypt"]), "TRUSTLADDER_PASSPHRASE_COMMAND");
    // Set to nothing, the variable is unset, as the others are: no command is run.
    let mut unset = v.bare(&["encrypt"]);
    unset.env("TRUSTLADDER_PASSPHRASE_COMMAND", "");
    v.fails(
        unset,
        "no terminal to ask on; run it in a terminal, or set TRUSTLADDER_PASSPHRASE_COMMAND",
    );

    v.ok(&["encrypt"]);
    v.fails(v.cmd(&["encrypt"]), "is already encrypted");
    // Said at once, with no passphrase asked for (a wrong one was answered "wrong passphrase").
    let mut guessed = v.bare(&["encrypt"]);
    guessed.env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo guess");
    v.fails(guessed, "is already encrypted");
    let mut wrong = v.bare(&["decrypt", "--yes"]);
    wrong.env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo guess");
    v.fails(
        wrong,
        "the passphrase command in TRUSTLADDER_PASSPHRASE_COMMAND: it printed a wrong \
         passphrase; nothing was changed",
    );
    v.fails(v.cmd(&["decrypt"]), "pass --yes");
    v.fails(
        v.bare(&["decrypt", "--yes"]),
        "could not read the passphrase: no terminal to ask on; run it in a terminal, or set \
         TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints it",
    );

    let garbage = v.dir.path().join("garbage.txt");
    std::fs::write(&garbage, "not a key").unwrap();
    v.fails(
        v.cmd(&["recover", "--key", garbage.to_str().unwrap()]),
        "holds no recovery key",
    );
    // The sealed data file given by mistake: no key, said so (not "not valid UTF-8").
    v.fails(
        v.cmd(&["recover", "--key", v.path.to_str().unwrap()]),
        "holds no recovery key (a line beginning AGE-SECRET-KEY-1)",
    );
    let stranger = v.dir.path().join("stranger.txt");
    let key = age::x25519::Identity::generate().to_string();
    std::fs::write(&stranger, format!("{}\n", key.expose_secret())).unwrap();
    v.fails(
        v.cmd(&["recover", "--key", stranger.to_str().unwrap()]),
        "does not open",
    );
    // Each says where the key is found, not the system's words ("Is a directory (os error
    // 21)"), nor what is wrong alone.
    let given = "give the file the recovery key was written to (by `encrypt --recovery-out`), or \
                 one it is typed or pasted into from where it was kept\n";
    let folder = v.dir.path().join("keys");
    std::fs::create_dir(&folder).unwrap();
    let missing = v.dir.path().join("missing.txt");
    // A device that never ends (or a log given by mistake) was read without end.
    let endless = std::path::PathBuf::from("/dev/zero");
    for (path, said) in [
        (
            &endless,
            format!(
                "--key: /dev/zero holds more than 64 KiB, far more than any file of recovery \
                 keys; {given}"
            ),
        ),
        (
            &folder,
            format!("--key: {} is a folder; {given}", folder.display()),
        ),
        (
            &missing,
            format!("--key: there is no file {}; {given}", missing.display()),
        ),
        (
            &garbage,
            format!(
                "--key: {} holds no recovery key (a line beginning AGE-SECRET-KEY-1); {given}",
                garbage.display()
            ),
        ),
        (
            &stranger,
            format!(
                "--key: that recovery key does not open {}: it is another ledger's, or this \
                 one's from before it was encrypted again; the one `encrypt` gave when it last \
                 encrypted this ledger opens it\n",
                v.path.display()
            ),
        ),
    ] {
        let told = v.fails(v.cmd(&["recover", "--key", path.to_str().unwrap()]), &said);
        assert!(told.ends_with(&said), "{told}");
    }

    // A missing key file is named, with the way back.
    std::fs::rename(v.key_file(), v.dir.path().join("aside")).unwrap();
    v.fails(v.cmd(&["decrypt", "--yes"]), "recover --key FILE");
    // `encrypt` names it too, where it sent the user to `passphrase`, which cannot run
    // without it.
    let said = v.fails(
        v.cmd(&["encrypt"]),
        "is already encrypted, but the key file",
    );
    assert!(!said.contains("`trustladder passphrase`"), "{said}");
    assert!(said.contains("is missing"), "{said}");
    assert!(said.contains("recover --key FILE"), "{said}");
}

/// A damaged data file with no backup to put back is said so by `encrypt`, `decrypt`,
/// `passphrase` and `recover`, as by every other command: they sent the user to `check` for
/// backups that are not there.
#[test]
fn a_damaged_file_with_no_backup_is_said_so_by_the_private_commands() {
    const NONE: &str = "Nothing was changed; there is no backup of it to put back";
    let v = Vault::new();
    std::fs::write(&v.path, "{\"format\": \"trustla").unwrap();
    v.fails(v.cmd(&["encrypt"]), NONE);
    v.fails(v.cmd(&["list"]), NONE);
    std::fs::remove_file(&v.path).unwrap();
    v.ok(&["person", "add", "Priya Raman"]);
    assert!(!trustladder::store::backups::folder(&v.path).exists());
    v.ok(&["encrypt"]);
    let mut bytes = v.bytes();
    bytes[0] = b'A';
    std::fs::write(&v.path, &bytes).unwrap();
    let key = v.dir.path().join("recovery.txt");
    std::fs::write(&key, "AGE-SECRET-KEY-1\n").unwrap();
    for args in [
        &["decrypt", "--yes"][..],
        &["passphrase"],
        &["recover", "--key", key.to_str().unwrap()],
        &["encrypt"],
    ] {
        let said = v.fails(v.cmd(args), NONE);
        assert!(
            said.contains("its encryption header is damaged"),
            "{args:?}: {said}"
        );
    }
    // With a backup, they send the user to it.
    std::fs::write(&v.path, "{\"format\": \"trustla").unwrap();
    let backups = trustladder::store::backups::folder(&v.path);
    std::fs::create_dir_all(&backups).unwrap();
    std::fs::write(backups.join("ledger.json.000001.20261124T090000Z"), "{}").unwrap();
    v.fails(
        v.cmd(&["encrypt"]),
        "run `trustladder check` to see the backups",
    );
}

/// An encrypted data file cut off with no backup to put back: `decrypt` and `recover` sent the
/// user to `check` for backups that are not there, where every other command says there is
/// none, and `passphrase`'s note named them too; each now says there is none.
#[test]
fn a_sealed_file_cut_off_with_no_backup_is_said_so_by_the_private_commands() {
    const NONE: &str = "there is no backup of it to put back";
    let v = Vault::new();
    v.ok(&["person", "add", "Priya Raman"]);
    let recovery = recovery_line(&v.ok(&["encrypt"]));
    assert_eq!(
        trustladder::store::backups::list(&v.path).unwrap().len(),
        0,
        "no backup"
    );
    let key = v.dir.path().join("recovery.txt");
    std::fs::write(&key, format!("{recovery}\n")).unwrap();
    let sealed = v.bytes();
    std::fs::write(&v.path, &sealed[..sealed.len() - 40]).unwrap();
    v.fails(v.cmd(&["list"]), NONE);
    v.fails(v.cmd(&["decrypt", "--yes"]), NONE);
    let mut recover = v.cmd(&["recover", "--key", key.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
    v.fails(recover, NONE);
    let mut change = v.cmd(&["passphrase"]);
    change.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
    let out = change.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "does not open (the encrypted file is damaged or cut off); it is left as it was: {NONE}"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("check"), "{stderr}");
}

/// A backup of an encrypted ledger given with `--file`, which is read but never changed, was
/// said to have its key file missing (one beside the backup, which there never is), with
/// `recover` to make one, by every command and by `check`; it opens with its ledger's key
/// file and agent, as the data file does.
#[test]
fn a_sealed_backup_given_with_file_opens_with_its_ledger_s_key() {
    let v = Vault::encrypted_team();
    let newest = trustladder::store::backups::list(&v.path).unwrap()[0]
        .path
        .clone();
    // The binary on the backup, with the vault's agent, and its passphrase command or none.
    let on_backup = |args: &[&str], passphrase: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_remove("TRUSTLADDER_FILE")
            .env_remove("TRUSTLADDER_PASSPHRASE_COMMAND")
            .env("TRUSTLADDER_KDF_WORK_FACTOR", "4")
            .env("TRUSTLADDER_AGENT_DIR", v.agent.path().join("agent"))
            .arg("--file")
            .arg(&newest)
            .args(["--today", "2026-11-24"])
            .args(args)
            .stdin(std::process::Stdio::null());
        if passphrase {
            cmd.env(
                "TRUSTLADDER_PASSPHRASE_COMMAND",
                format!("printf '%s' '{}'", v.passphrase),
            );
        }
        cmd
    };
    let out = on_backup(&["list"], true).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(SECRET),
        "{out:?}"
    );
    let out = on_backup(&["check"], true).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!(
            "key file {} (found); unlocked, so the files were checked inside",
            v.key_file().display()
        )),
        "{out:?}"
    );
    assert!(said.contains("it is a backup of"), "{said}");
    // Locked, it is said as the data file is: `unlock`, not a key file missing.
    v.ok(&["lock"]);
    let stderr = v.fails(
        on_backup(&["list"], false),
        "encrypted and locked: run `trustladder unlock` first",
    );
    assert!(!stderr.contains("missing"), "{stderr}");
}

/// `unlock --for -5m` was taken for flags and said "unexpected argument '-5' found"; the
/// value is now read as a duration and said to be negative, with the one to try, and the
/// ledger stays locked.
#[test]
fn unlock_for_a_negative_duration_says_so() {
    let v = Vault::encrypted_team();
    let before = crypt_support::snapshot(v.dir.path());
    for (given, said) in [
        (
            &["unlock", "--for", "-5m"][..],
            "invalid value '-5m' for '--for <DURATION>': '-5m' is negative: the key is kept for a time to come; try 5m",
        ),
        (
            &["unlock", "--for=-1h30m"],
            "'-1h30m' is negative: the key is kept for a time to come; try 1h30m",
        ),
        (
            &["unlock", "--for", "-x"],
            "'-x' is not a duration: try 30m, 1h or 1h30m",
        ),
    ] {
        let out = v.cmd(given).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{given:?}: {stderr}");
        assert!(stderr.contains(said), "{given:?}: {stderr}");
    }
    assert_eq!(crypt_support::snapshot(v.dir.path()), before);
    v.fails(v.bare(&["list"]), "encrypted and locked");
}

/// A recovery key with a character mistyped is said to be mistyped (it was "holds no
/// recovery key"), and a file holding several (two machines' recovery keys) is tried with
/// each, where the first alone was tried.
#[test]
fn recover_says_a_mistyped_key_and_tries_each_key_in_the_file() {
    let mut v = Vault::new();
    v.team();
    let recovery = recovery_line(&v.ok(&["encrypt"]));
    let key_path = v.dir.path().join("recovery.txt");
    let recover = |file: &std::path::Path| {
        let mut recover = v.bare(&["recover", "--key", file.to_str().unwrap()]);
        recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
        recover
    };
    let last = recovery.chars().last().unwrap();
    let mistyped = format!(
        "{}{}",
        &recovery[..recovery.len() - 1],
        if last == 'Q' { 'P' } else { 'Q' }
    );
    std::fs::write(&key_path, format!("{mistyped}\n")).unwrap();
    let said = v.fails(recover(&key_path), "does not read");
    assert_eq!(
        said,
        format!(
            "trustladder: --key: a recovery key in {} does not read: a character is mistyped or left out (its checksum does not match); copy it again from where it was kept\n",
            key_path.display()
        )
    );
    let stranger = age::x25519::Identity::generate().to_string();
    let stranger = stranger.expose_secret();
    let other = age::x25519::Identity::generate().to_string();
    std::fs::write(
        &key_path,
        format!(
            "# laptop\n{stranger}\n# desktop\n{mistyped}\n{}\n",
            other.expose_secret()
        ),
    )
    .unwrap();
    let said = v.fails(recover(&key_path), "opens");
    assert_eq!(
        said,
        format!(
            "trustladder: --key: none of the 2 recovery keys in {} opens {}, and a recovery key in {} does not read: a character is mistyped or left out (its checksum does not match); copy it again from where it was kept\n",
            key_path.display(),
            v.path.display(),
            key_path.display()
        )
    );
    // The machine's own key second, after another machine's: it is found.
    std::fs::write(
        &key_path,
        format!("# laptop\n{stranger}\n# desktop\n{recovery}\n"),
    )
    .unwrap();
    let out = recover(&key_path).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("on the same main key"),
        "{out:?}"
    );
    v.passphrase = "second".to_string();
    assert!(v.ok(&["list"]).contains(SECRET));
}

/// A recovery key kept in a file saved with a byte order mark in front (Notepad's "UTF-8"),
/// with Windows line ends and blanks after it, opens the ledger: it was said to hold no line
/// beginning AGE-SECRET-KEY-1, which it plainly showed.
#[test]
fn recover_takes_a_key_file_saved_with_a_byte_order_mark() {
    let mut v = Vault::new();
    v.team();
    let recovery = recovery_line(&v.ok(&["encrypt"]));
    let key_path = v.dir.path().join("recovery.txt");
    std::fs::write(&key_path, format!("\u{feff}{recovery}  \r\n")).unwrap();
    let mut recover = v.bare(&["recover", "--key", key_path.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
    let out = recover.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    v.passphrase = "second".to_string();
    assert!(v.ok(&["list"]).contains(SECRET));
}

/// `recover --key=~/recovery.txt` (no space, so the shell leaves the `~`) is said to name a
/// folder called `~` here, with the way to type it; it was "No such file or directory".
#[test]
fn recover_says_a_key_path_with_a_tilde_the_shell_left() {
    let v = Vault::encrypted_team();
    let mut recover = v.bare(&["recover", "--key=~/recovery.txt"]);
    recover
        .current_dir(v.dir.path())
        .env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
    let said = v.fails(recover, "the shell did not expand");
    assert_eq!(
        said,
        "trustladder: ~/recovery.txt: begins with a ~ the shell did not expand (it does not after --key= or in quotes), so it names a file or folder called ~ here. Nothing was written; give the path where the shell expands it (--key ~/recovery.txt, with a space) or whole ($HOME/recovery.txt)\n"
    );
}

#[test]
fn a_new_passphrase_replaces_the_old_and_the_recovery_key_sets_one_when_it_is_lost() {
    let mut v = Vault::new();
    v.team();
    let recovery = recovery_line(&v.ok(&["encrypt"]));
    let sealed = v.bytes();

    // A new passphrase of blanks alone protects nothing: refused, the key file as it was,
    // naming the variable whose command printed it (it said "choose one", where nobody was
    // asked to): `encrypt` too, whose passphrase comes from the other one.
    let mut blank = v.cmd(&["passphrase"]);
    blank.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo '   '");
    v.fails(
        blank,
        "trustladder: the passphrase the command in TRUSTLADDER_NEW_PASSPHRASE_COMMAND printed is blanks alone, which protects nothing; nothing was changed: make it print the passphrase\n",
    );
    let plain = Vault::new();
    plain.team();
    let mut blank = plain.bare(&["encrypt"]);
    blank.env("TRUSTLADDER_PASSPHRASE_COMMAND", "printf ' \\t'");
    plain.fails(
        blank,
        "the passphrase the command in TRUSTLADDER_PASSPHRASE_COMMAND printed is blanks alone",
    );

    let mut change = v.cmd(&["passphrase"]);
    change.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
    assert!(change.output().unwrap().status.success());
    assert_eq!(v.bytes(), sealed, "only the key file is rewritten");
    v.fails(v.cmd(&["decrypt", "--yes"]), "wrong passphrase");
    v.passphrase = "second".to_string();

    // Forgotten: the recovery key sets a third one.
    let key_path = v.dir.path().join("recovery.txt");
    std::fs::write(&key_path, format!("# kept on paper\n{recovery}\n")).unwrap();
    let mut recover = v.bare(&["recover", "--key", key_path.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo third");
    let out = recover.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("on the same main key"), "{said}");
    // Not synced: there are no other machines to speak of.
    assert!(!said.contains("other machines"), "{said}");
    assert_eq!(
        v.bytes(),
        sealed,
        "the same main key: only the key file is rewritten, so other machines' copies stay open"
    );
    v.fails(v.cmd(&["decrypt", "--yes"]), "wrong passphrase");
    v.passphrase = "third".to_string();
    assert!(v.ok(&["list"]).contains(SECRET));

    // With the key file lost, the recovery key sets a new main key and seals everything to it.
    std::fs::remove_file(v.key_file()).unwrap();
    let mut recover = v.bare(&["recover", "--key", key_path.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo fourth");
    let out = recover.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("sealed to the new key"));
    assert_ne!(v.bytes(), sealed, "sealed to the new main key");
    v.fails(v.cmd(&["decrypt", "--yes"]), "wrong passphrase");
    v.passphrase = "fourth".to_string();
    v.ok(&["decrypt", "--yes"]);
    assert!(String::from_utf8(v.bytes()).unwrap().contains(SECRET));
}

/// A data file cut off inside its encrypted body: the passphrase is changed all the same (only
/// the key file is written, and the backups sealed to the same main key open with the new
/// one), but it says the data file does not open, where it said nothing, and leaves it as it
/// was, byte for byte.
#[test]
fn a_passphrase_changed_over_a_data_file_cut_off_says_it_does_not_open() {
    let mut v = Vault::new();
    v.team();
    v.ok(&["encrypt"]);
    let sealed = v.bytes();
    let cut = &sealed[..sealed.len() - 40];
    std::fs::write(&v.path, cut).unwrap();
    let key_file = std::fs::read(v.key_file()).unwrap();

    let mut change = v.cmd(&["passphrase"]);
    change.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
    let out = change.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "trustladder: note: {} does not open (the encrypted file is damaged or cut off); it is left as it was: `trustladder check` lists its backups, which the new passphrase opens, and `trustladder restore-backup N` puts one back",
            v.path.display()
        )),
        "{stderr}"
    );
    assert_eq!(v.bytes(), cut, "the data file is left byte for byte");
    assert_ne!(std::fs::read(v.key_file()).unwrap(), key_file);

    // The new passphrase opens the backups, and puts the newest back.
    v.passphrase = "second".to_string();
    v.ok(&["restore-backup", "1"]);
    assert!(v.ok(&["list"]).contains(SECRET));

    // Over a data file that opens, nothing is noted.
    let mut again = v.cmd(&["passphrase"]);
    again.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo third");
    let out = again.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("note:"),
        "{out:?}"
    );
}

/// `unlock` over a data file cut off inside its encrypted body: the key is right and is held,
/// but it said only "Unlocked", and the next command refused the file. It now says the data
/// file does not open, with the way back, and leaves it as it was.
#[test]
fn an_unlock_over_a_data_file_cut_off_says_it_does_not_open() {
    let v = Vault::encrypted_team();
    let out = v.cmd(&["unlock", "--for", "10m"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("note:"),
        "nothing is noted over a data file that opens: {out:?}"
    );
    v.ok(&["lock"]);

    let sealed = v.bytes();
    let cut = &sealed[..sealed.len() - 40];
    std::fs::write(&v.path, cut).unwrap();
    let out = v.cmd(&["unlock", "--for", "10m"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "the key is held: {out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Unlocked "));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "trustladder: note: {} does not open (the encrypted file is damaged or cut off); it is left as it was: `trustladder check` lists its backups, which the key now unlocked opens, and `trustladder restore-backup N` puts one back",
            v.path.display()
        )),
        "{stderr}"
    );
    assert_eq!(v.bytes(), cut, "the data file is left byte for byte");
    v.ok(&["restore-backup", "1"]);
    assert!(v.bare(&["list"]).output().unwrap().status.success());
}

/// A key file that is a link to one kept elsewhere (a dotfile manager's folder): `passphrase`
/// and `recover` replaced the link with a file, and the one kept went on holding the old
/// passphrase, ready to come back with the next checkout. The file it points to takes the new
/// one, and the link stays, as the data file's link does.
#[test]
fn a_new_passphrase_is_written_through_a_key_file_link() {
    let mut v = Vault::new();
    v.team();
    let recovery = v.dir.path().join("recovery.txt");
    std::fs::write(&recovery, recovery_line(&v.ok(&["encrypt"])) + "\n").unwrap();
    let kept = v.dir.path().join("dotfiles");
    std::fs::create_dir(&kept).unwrap();
    let target = kept.join("ledger.key");
    std::fs::rename(v.key_file(), &target).unwrap();
    std::os::unix::fs::symlink(&target, v.key_file()).unwrap();
    let before = std::fs::read(&target).unwrap();

    let mut change = v.cmd(&["passphrase"]);
    change.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
    let out = change.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let is_link = |v: &Vault| {
        std::fs::symlink_metadata(v.key_file())
            .unwrap()
            .file_type()
            .is_symlink()
    };
    assert!(is_link(&v), "the link stays a link");
    let after = std::fs::read(&target).unwrap();
    assert_ne!(after, before, "the file kept takes the new passphrase");
    v.passphrase = "second".to_string();
    assert!(v.ok(&["list"]).contains(SECRET));

    let mut recover = v.bare(&["recover", "--key", recovery.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo third");
    let out = recover.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(is_link(&v), "the link stays a link after recover too");
    assert_ne!(std::fs::read(&target).unwrap(), after);
    v.passphrase = "third".to_string();
    assert!(v.ok(&["list"]).contains(SECRET));
}

/// Changing the passphrase asks for the current one even while the agent holds the key:
/// whoever sits at a machine left unlocked reads the ledger, but cannot lock its owner out.
#[test]
fn the_passphrase_is_changed_only_by_one_who_knows_it_even_while_unlocked() {
    let v = Vault::encrypted_team();
    v.ok(&["unlock", "--for", "10m"]);
    assert!(v.bare(&["list"]).output().unwrap().status.success());

    let mut unasked = v.bare(&["passphrase"]);
    unasked.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo taken");
    v.fails(unasked, "no terminal to ask on");
    let mut guessed = v.bare(&["passphrase"]);
    guessed
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo guess")
        .env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo taken");
    v.fails(guessed, "it printed a wrong passphrase");
    // The current one given and no way to the new one: said as the new one's, with both
    // ways to give it, where "the passphrase" read as the current one, and the terminal was
    // not named.
    let mut no_new = v.cmd(&["passphrase"]);
    no_new.env_remove("TRUSTLADDER_NEW_PASSPHRASE_COMMAND");
    v.fails(
        no_new,
        "could not read the passphrase: no terminal to ask on for the new one; run it in a \
         terminal, or set TRUSTLADDER_NEW_PASSPHRASE_COMMAND to a command that prints it",
    );

    let before = std::fs::read(v.key_file()).unwrap();
    let mut known = v.cmd(&["passphrase"]);
    known.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
    let out = known.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_ne!(std::fs::read(v.key_file()).unwrap(), before);
}

/// `decrypt` asks for the current passphrase even while the agent holds the key, as
/// `passphrase` does: with the agent alone, a `decrypt` then an `encrypt` let whoever sat at a
/// machine left unlocked set a passphrase and a recovery key of their own.
#[test]
fn decrypt_asks_for_the_passphrase_even_while_unlocked() {
    let v = Vault::encrypted_team();
    v.ok(&["unlock", "--for", "10m"]);
    assert!(v.bare(&["list"]).output().unwrap().status.success());

    let said = v.fails(v.bare(&["decrypt", "--yes"]), "no terminal to ask on");
    assert_eq!(
        said,
        format!(
            "trustladder: {}: could not read the passphrase: no terminal to ask on; run it in a \
             terminal, or set TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints it\n",
            v.path.display()
        )
    );
    let mut guessed = v.bare(&["decrypt", "--yes"]);
    guessed.env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo guess");
    v.fails(
        guessed,
        "the passphrase command in TRUSTLADDER_PASSPHRASE_COMMAND: it printed a wrong \
         passphrase; nothing was changed",
    );
    assert!(v.bytes().starts_with(b"age-encryption.org/v1\n"));

    let said = v.ok(&["decrypt", "--yes"]);
    assert!(said.contains("are plain JSON again"), "{said}");
    assert!(String::from_utf8(v.bytes()).unwrap().contains(SECRET));
}

/// Two encrypted ledgers, each unlocked through one agent in the folder returned (the
/// first's), with the team in both.
fn two_ledgers_on_one_agent() -> (Vault, Vault, std::path::PathBuf) {
    let (first, second) = (Vault::new(), Vault::new());
    let shared = first.agent.path().join("agent");
    for v in [&first, &second] {
        v.team();
        v.ok(&["encrypt"]);
        on_agent(&shared, v, v.cmd(&["unlock", "--for", "10m"]));
    }
    (first, second, shared)
}

/// What `cmd`, a command of `v`'s, prints, run with the agent in `shared`; it must succeed.
fn on_agent(shared: &std::path::Path, v: &Vault, mut cmd: Command) -> String {
    cmd.env("TRUSTLADDER_AGENT_DIR", shared);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        v.path,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `decrypt` makes the agent forget this ledger's key alone: another ledger unlocked through
/// the same agent stays unlocked (the whole agent was locked, its keys dropped without a word).
#[test]
fn decrypt_forgets_its_own_key_and_keeps_another_ledgers() {
    let (first, second, shared) = two_ledgers_on_one_agent();
    let on_shared = |v: &Vault, cmd: Command| on_agent(&shared, v, cmd);
    let said = on_shared(&first, first.cmd(&["decrypt", "--yes"]));
    assert!(said.contains("are plain JSON again"), "{said}");
    let listed = on_shared(&second, second.bare(&["list"]));
    assert!(listed.contains(SECRET), "{listed}");
    let held = trustladder::crypt::agent::Agent::new(shared.clone())
        .status()
        .unwrap()
        .expect("the agent still runs");
    assert_eq!(held.keys, 1, "the second ledger's key alone");
}

/// `decrypt` makes every agent that may hold the ledger's key forget it: the one its variables
/// name, one started from a shell with XDG_RUNTIME_DIR, and the data folder's own, started
/// with neither (only the first forgot it; the others kept the key of a ledger now plain).
#[test]
fn decrypt_makes_every_agent_that_may_hold_the_key_forget_it() {
    use std::path::Path;
    let v = Vault::encrypted_team();
    let runtime = v.agent.path().join("runtime");
    std::fs::create_dir(&runtime).unwrap();
    let with = |args: &[&str], agent_dir: Option<&Path>, runtime: Option<&Path>| {
        let mut cmd = v.cmd(args);
        match agent_dir {
            Some(dir) => cmd.env("TRUSTLADDER_AGENT_DIR", dir),
            None => cmd.env_remove("TRUSTLADDER_AGENT_DIR"),
        };
        match runtime {
            Some(dir) => cmd.env("XDG_RUNTIME_DIR", dir),
            None => cmd.env_remove("XDG_RUNTIME_DIR"),
        };
        cmd
    };
    /// Stops the agent of the runtime folder however the test ends, as the vault stops the
    /// other two.
    struct Stops(Command);
    impl Drop for Stops {
        fn drop(&mut self) {
            let _ = self.0.output();
        }
    }
    let _stops = Stops(with(&["lock"], None, Some(&runtime)));
    let named = v.agent.path().join("agent");
    let places = [
        (Some(named.as_path()), None, named.clone()),
        (None, Some(runtime.as_path()), runtime.join("trustladder")),
        (None, None, v.dir.path().join(".trustladder-agent")),
    ];
    for (agent_dir, runtime, _) in &places {
        let out = with(&["unlock", "--for", "10m"], *agent_dir, *runtime)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    let keys_held = |dir: &Path| {
        trustladder::crypt::agent::Agent::new(dir.to_path_buf())
            .status()
            .unwrap()
            .map(|status| status.keys)
    };
    for (_, _, dir) in &places {
        assert_eq!(keys_held(dir), Some(1), "{}", dir.display());
    }
    let out = with(&["decrypt", "--yes"], Some(&named), Some(&runtime))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    for (_, _, dir) in &places {
        assert_eq!(keys_held(dir), None, "{} still runs", dir.display());
    }
}

/// An agent `decrypt` cannot ask to forget the key (stopped or stuck) is named, with the way
/// to end it, which `lock` cannot reach either; the ledger is plain all the same.
#[test]
fn decrypt_names_an_agent_it_cannot_ask_to_forget_the_key() {
    use std::io::Write;
    let (v, folder) = Vault::encrypted_beside_agent_folder(0o700);
    let _silent = std::os::unix::net::UnixListener::bind(folder.join("agent.sock")).unwrap();
    let mut lock = std::fs::File::create(folder.join("agent.lock")).unwrap();
    writeln!(lock, "{}", std::process::id()).unwrap();
    lock.lock().unwrap();
    // No agent of the runtime folder's to be asked too.
    let out = v
        .cmd(&["decrypt", "--yes"])
        .env_remove("XDG_RUNTIME_DIR")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let pid = std::process::id();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "trustladder: note: the agent on {} did not answer within 5 s, stopped or stuck, so it may still hold the key of {}, now plain: `kill {pid}` ends it and the keys it holds (`kill -KILL {pid}` if it is still there)\n",
            folder.join("agent.sock").display(),
            v.path.display()
        )
    );
    assert!(!v.bytes().starts_with(b"age-encryption.org/v1"));
}

/// A restore of an encrypted ledger names the promises it drops by their text and whose they
/// are, as for a plain one (a number alone said nothing of which promise goes).
#[test]
fn a_restore_of_an_encrypted_ledger_names_the_promise_it_drops() {
    let v = Vault::encrypted_team();
    v.ok(&["promise", "add", "priya", "Share the rota"]);
    let out = v.ok(&["restore-backup", "1"]);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "it holds what the backup does not: #3, added since")
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(
        lines[at + 1],
        "  #3: \"Share the rota\" (priya-raman, theirs)",
        "{out}"
    );
    assert!(
        !v.bytes()
            .windows(SECRET.len())
            .any(|w| w == SECRET.as_bytes())
    );
}

/// A `recover` that made a new main key leaves the old one in the agent that held it, which
/// `lock` then called another ledger's: a key not this ledger's is called no more than that.
#[test]
fn lock_after_a_recover_with_a_new_key_calls_the_old_one_no_other_ledgers() {
    let v = Vault::new();
    v.team();
    let recovery = recovery_line(&v.ok(&["encrypt"]));
    v.ok(&["unlock", "--for", "10m"]);
    std::fs::remove_file(v.key_file()).unwrap();
    let key_path = v.dir.path().join("recovery.txt");
    std::fs::write(&key_path, format!("{recovery}\n")).unwrap();
    let mut recover = v.bare(&["recover", "--key", key_path.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo fresh");
    let out = recover.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("sealed to the new key"));
    assert_eq!(
        v.ok(&["lock"]),
        "Locked: the agent forgot 1 key, not this ledger's; this one was not unlocked. A \
         terminal UI open now keeps its own until it locks itself (after its idle time) or quits.\n"
    );
}

/// `lock` locks the whole agent, as `ssh-add -D` does, and says what it forgot: how many
/// keys, and whether this ledger's was among them (it said "this ledger's and any other" even
/// when it held another ledger's alone).
#[test]
fn lock_says_how_many_keys_it_forgot_and_whether_this_ledgers_was_one() {
    let (first, second, shared) = two_ledgers_on_one_agent();
    let on_shared = |v: &Vault, cmd: Command| on_agent(&shared, v, cmd);
    const UI: &str = " A terminal UI open now keeps its own until it locks itself (after its idle time) or quits.\n";
    assert_eq!(
        on_shared(&first, first.bare(&["lock"])),
        format!("Locked: the agent forgot 2 keys: this ledger's and 1 other.{UI}")
    );
    let mut list = second.bare(&["list"]);
    list.env("TRUSTLADDER_AGENT_DIR", &shared);
    second.fails(list, "encrypted and locked");
    on_shared(&second, second.cmd(&["unlock", "--for", "10m"]));
    assert_eq!(
        on_shared(&first, first.bare(&["lock"])),
        format!(
            "Locked: the agent forgot 1 key, not this ledger's; this one was not unlocked.{UI}"
        )
    );
    // Run on a plain ledger, which has no key to tell: only how many.
    let plain = Vault::new();
    plain.team();
    on_shared(&second, second.cmd(&["unlock", "--for", "10m"]));
    assert_eq!(
        on_shared(&plain, plain.bare(&["lock"])),
        format!("Locked: the agent forgot the 1 key it held.{UI}")
    );
    assert_eq!(
        on_shared(&first, first.bare(&["lock"])),
        "Nothing was unlocked.\n"
    );
}

/// An agent that does not answer (stopped, or stuck) is waited for once by `lock`, which
/// names it, exit 1: asking first whether it held this ledger's key, then to lock, waited its
/// five seconds twice.
#[test]
fn lock_waits_for_an_agent_that_does_not_answer_once() {
    let (v, folder) = Vault::encrypted_beside_agent_folder(0o700);
    // Listens, and never answers: connections wait in its backlog.
    let _silent = std::os::unix::net::UnixListener::bind(folder.join("agent.sock")).unwrap();
    let started = std::time::Instant::now();
    let said = v.fails(v.bare(&["lock"]), "did not answer");
    let waited = started.elapsed();
    // Twice would be ten seconds; once, with a loaded machine's slow start, may be near eight.
    assert!(
        waited < std::time::Duration::from_secs(10),
        "waited {waited:?}: {said}"
    );
    assert_eq!(said.matches("did not answer").count(), 1, "{said}");
}

/// `unlock` with an agent there that does not answer says so before the passphrase is asked
/// for, once: it waited for the agent, asked, then waited again and failed.
#[test]
fn unlock_names_an_agent_that_does_not_answer_before_it_asks() {
    let (v, folder) = Vault::encrypted_beside_agent_folder(0o700);
    let _silent = std::os::unix::net::UnixListener::bind(folder.join("agent.sock")).unwrap();
    let asked = v.agent.path().join("asked");
    let mut unlock = v.bare(&["unlock"]);
    unlock.env(
        "TRUSTLADDER_PASSPHRASE_COMMAND",
        format!(
            "touch '{}'; printf '%s' '{}'",
            asked.display(),
            v.passphrase
        ),
    );
    let started = std::time::Instant::now();
    let said = v.fails(unlock, "did not answer");
    // Twice would be ten seconds; once, with a loaded machine's slow start, may be near eight.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{said}"
    );
    assert_eq!(
        said,
        format!(
            "trustladder: the agent did not answer on {} within 5 s, stopped or stuck: end the process that listens there, then `trustladder unlock` starts a new one\n",
            folder.join("agent.sock").display()
        )
    );
    assert!(!asked.exists(), "the passphrase was asked for in vain");
}

/// An agent that does not answer is said with the way to end it, which `lock` cannot: its
/// process, named by the folder's lock (it said only that it did not answer). A process id
/// left in a lock nobody holds is not named, as it may be another program's by now.
#[test]
fn an_agent_that_does_not_answer_is_said_with_the_process_that_ends_it() {
    use std::io::Write;
    let (v, folder) = Vault::encrypted_beside_agent_folder(0o700);
    let _silent = std::os::unix::net::UnixListener::bind(folder.join("agent.sock")).unwrap();
    let mut lock = std::fs::File::create(folder.join("agent.lock")).unwrap();
    writeln!(lock, "{}", std::process::id()).unwrap();
    let unheld = v.fails(v.bare(&["lock"]), "did not answer");
    assert!(
        unheld.contains("end the process that listens there") && !unheld.contains("`kill"),
        "{unheld}"
    );
    // Held, as a running agent holds it: its process is named.
    lock.lock().unwrap();
    let pid = std::process::id();
    let said = v.fails(v.bare(&["lock"]), "did not answer");
    assert_eq!(
        said,
        format!(
            "trustladder: could not look for an agent to lock: the agent did not answer on {} within 5 s, stopped or stuck: `kill {pid}` ends it and the keys it holds (`kill -KILL {pid}` if it is still there), then `trustladder unlock` starts a new one; a key may still be held there\n",
            folder.join("agent.sock").display()
        )
    );
}

/// `decrypt` asks for the passphrase before it takes the lock, as `passphrase` does: while
/// its user types, another command on the ledger (the UI saving, a cron job) goes on. Here
/// the passphrase command itself makes a change through the agent before it answers.
#[test]
fn decrypt_asks_for_the_passphrase_before_it_holds_the_ledger() {
    let v = Vault::encrypted_team();
    v.ok(&["unlock", "--for", "10m"]);
    let mut decrypt = v.bare(&["decrypt", "--yes"]);
    decrypt.env(
        "TRUSTLADDER_PASSPHRASE_COMMAND",
        format!(
            "'{}' --file '{}' promise add bo 'Made while asked' >/dev/null && printf '%s' '{}'",
            env!("CARGO_BIN_EXE_trustladder"),
            v.path.display(),
            v.passphrase
        ),
    );
    let out = decrypt.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plain = String::from_utf8(v.bytes()).unwrap();
    assert!(plain.contains("Made while asked"), "{plain}");
}

#[test]
fn unlocked_by_the_agent_every_command_works_and_locked_each_fails_at_once() {
    let v = Vault::encrypted_team();
    v.fails(
        v.bare(&["list"]),
        "encrypted and locked: run `trustladder unlock` first",
    );
    v.fails(
        v.bare(&["keep", "1"]),
        "TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints the passphrase",
    );
    // The commands that exist to take the passphrase do not send the user to `unlock`.
    for command in [&["unlock"][..], &["passphrase"]] {
        let stderr = v.fails(
            v.bare(command),
            "could not read the passphrase: no terminal to ask on; run it in a terminal, or set \
             TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints it",
        );
        assert!(!stderr.contains("unlock` first"), "{command:?}: {stderr}");
    }

    let printed = v.ok(&["unlock", "--for", "10m"]);
    assert!(
        printed.contains("until it has gone unused for 10m"),
        "{printed}"
    );
    let bare = |args: &[&str]| {
        let out = v.bare(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(bare(&["list"]).contains(SECRET));
    bare(&[
        "promise",
        "add",
        "priya",
        "Draft the offsite agenda",
        "--due",
        "dec 15",
    ]);
    bare(&["keep", "1"]);
    bare(&["person", "edit", "bo", "--role", "Platform"]);
    assert!(bare(&["agenda"]).contains("Draft the offsite agenda"));
    assert!(bare(&["review", "priya"]).contains("Priya Raman"));
    assert!(bare(&["prep", "priya"]).contains(SECRET));
    assert!(bare(&["export", "--format", "csv"]).contains(SECRET));
    let check = bare(&["check"]);
    assert!(check.contains("encrypted: to 2 keys"), "{check}");
    assert!(
        check.contains("unlocked, so the files were checked inside"),
        "{check}"
    );
    assert!(bare(&["status"]).len() > 1);
    // Undo through a backup: restore-backup keeps the file encrypted.
    bare(&["restore-backup", "1"]);
    assert!(v.bytes().starts_with(b"age-encryption.org/v1\n"));

    // An export to a file is the one plain copy, private and said to be plain.
    let exported = v.dir.path().join("out").join("ledger.csv");
    std::fs::create_dir_all(exported.parent().unwrap()).unwrap();
    let out = v
        .bare(&[
            "export",
            "--format",
            "csv",
            "--output",
            exported.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is plain text (mode 0600)"));
    std::fs::remove_dir_all(exported.parent().unwrap()).unwrap();
    // A device or a pipe keeps no copy and has no such mode: nothing is said of it.
    for device in ["/dev/null", "/dev/stderr"] {
        let out = v
            .bare(&["export", "--format", "csv", "--output", device])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("is plain text"),
            "{device}: {out:?}"
        );
    }

    // Nothing plain anywhere: the data folder, the backups, the temporary folder.
    assert_nowhere(SECRET, &[v.dir.path()]);
    assert_nowhere("Draft the offsite agenda", &[v.dir.path()]);

    assert_eq!(
        v.ok(&["lock"]),
        "Locked: the agent forgot this ledger's key, the only one it held. A terminal UI open now keeps its own until it locks itself (after its idle time) or quits.\n"
    );
    v.fails(v.bare(&["list"]), "encrypted and locked");
    assert_eq!(v.ok(&["lock"]), "Nothing was unlocked.\n");
}

/// With no XDG_RUNTIME_DIR each data folder has an agent of its own: `lock` finding nothing
/// in this one names it, as another folder's may still hold a key (it said "Nothing was
/// unlocked" while another ledger's key was held).
#[test]
fn lock_with_an_agent_per_folder_names_the_folder_it_looked_in() {
    let v = Vault::new();
    let out = v
        .bare(&["lock"])
        .env_remove("TRUSTLADDER_AGENT_DIR")
        .env_remove("XDG_RUNTIME_DIR")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let agent = v.dir.path().join(".trustladder-agent");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "Nothing was unlocked in {}: with no XDG_RUNTIME_DIR (unset, or not an absolute path), the ledgers of each folder have an agent of their own, which `trustladder --file FILE lock` locks.\n",
            agent.display()
        )
    );
    assert!(!agent.exists(), "looking starts no agent");
}

/// The agent a command starts keeps none of the passphrase commands in its environment: it
/// lives for hours, and `TRUSTLADDER_PASSPHRASE_COMMAND=echo …` holds the passphrase itself.
/// Read through /proc, where the agent (not dumpable) shows its environment only to root.
#[test]
fn the_agent_is_started_without_the_passphrase_commands() {
    let v = Vault::encrypted_team();
    let mut unlock = v.cmd(&["unlock", "--for", "1m"]);
    unlock
        .env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo pw4")
        .env("TRUSTLADDER_SEEN_BY_THE_AGENT", "yes");
    assert!(unlock.output().unwrap().status.success());
    let lock_file = v.agent.path().join("agent").join("agent.lock");
    let pid = std::fs::read_to_string(&lock_file).unwrap();
    // Only root reads the environment of an agent that cannot be dumped: for anyone else the
    // refusal is that, said, and nothing more is checked here.
    let environ = match std::fs::read(format!("/proc/{}/environ", pid.trim())) {
        Ok(environ) => environ,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            eprintln!("the agent's environment is not readable by this user: not checked");
            return;
        }
        Err(e) => panic!("the agent's environment: {e}"),
    };
    let vars: Vec<String> = environ
        .split(|&b| b == 0)
        .map(|var| String::from_utf8_lossy(var).into_owned())
        .collect();
    assert!(
        vars.iter()
            .any(|var| var == "TRUSTLADDER_SEEN_BY_THE_AGENT=yes"),
        "the environment read is the agent's"
    );
    let kept: Vec<&String> = vars
        .iter()
        .filter(|var| var.contains("PASSPHRASE_COMMAND"))
        .collect();
    assert!(kept.is_empty(), "{kept:?}");
}

/// An agent's folder no agent could start in (open to other users, or another user's) is
/// named by the command that finds the ledger locked, by `unlock` before it asks for the
/// passphrase in vain, and by `lock`, which could not look there (it said "Nothing was
/// unlocked", and `list` only that the ledger was locked).
#[test]
fn an_agent_folder_open_to_others_is_named_by_list_unlock_and_lock() {
    let (v, folder) = Vault::encrypted_beside_agent_folder(0o755);
    let fault = format!(
        "the agent's folder {} is open to other users (mode 755): make it 0700 or choose another folder",
        folder.display()
    );
    let said = v.fails(v.bare(&["list"]), "encrypted and locked");
    assert!(
        said.starts_with(&format!("trustladder: {fault}; going on without it\n")),
        "{said}"
    );
    let said = v.fails(v.cmd(&["unlock"]), "open to other users");
    assert_eq!(said, format!("trustladder: {fault}\n"));
    let said = v.fails(v.bare(&["lock"]), "open to other users");
    assert_eq!(
        said,
        format!(
            "trustladder: could not look for an agent to lock: {fault}; a key may still be held there\n"
        )
    );
}

/// A file, or a link to a folder, where the agent's folder goes is named with what it is and
/// the way past it: "is not a folder" alone said nothing of what to do, and read as wrong of
/// a link to a folder, which the agent refuses all the same.
#[test]
fn an_agent_folder_that_is_no_folder_says_what_is_there_and_what_to_do() {
    let v = Vault::encrypted_team();
    let folder = v.agent.path().join("agent");
    let real = v.agent.path().join("real");
    std::fs::create_dir(&real).unwrap();
    for kind in ["a regular file", "a symbolic link"] {
        if kind == "a regular file" {
            std::fs::write(&folder, "").unwrap();
        } else {
            std::os::unix::fs::symlink(&real, &folder).unwrap();
        }
        let fault = format!(
            "the agent's folder {} is {kind}, not a folder: move it aside, or set TRUSTLADDER_AGENT_DIR to another folder",
            folder.display()
        );
        let said = v.fails(v.bare(&["list"]), "encrypted and locked");
        assert!(
            said.starts_with(&format!("trustladder: {fault}; going on without it\n")),
            "{said}"
        );
        let said = v.fails(v.cmd(&["unlock"]), "not a folder");
        assert_eq!(said, format!("trustladder: {fault}\n"));
        // No agent starts in such a place, so `lock` says what is there, and that nothing
        // was unlocked, where it failed saying a key may still be held there.
        let out = v.cmd(&["lock"]).output().unwrap();
        assert!(out.status.success(), "{kind}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("trustladder: note: {fault}\n")
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).starts_with("Nothing was unlocked"),
            "{kind}: {out:?}"
        );
        std::fs::remove_file(&folder).unwrap();
    }
}

/// An agent started with no XDG_RUNTIME_DIR (over ssh, from cron, after `su`) lives in the
/// data folder: `lock` run with XDG_RUNTIME_DIR set looks there too and stops it (it said
/// "Nothing was unlocked" while that agent still gave the key to every command).
#[test]
fn lock_with_xdg_runtime_dir_also_stops_the_agent_of_the_data_folder() {
    let v = Vault::encrypted_team();
    let without_runtime = |args: &[&str]| {
        let mut cmd = v.cmd(args);
        cmd.env_remove("TRUSTLADDER_AGENT_DIR")
            .env_remove("XDG_RUNTIME_DIR");
        cmd
    };
    /// Stops the data folder's agent however the test ends, as the vault stops its own.
    struct Stops(Command);
    impl Drop for Stops {
        fn drop(&mut self) {
            let _ = self.0.output();
        }
    }
    let _stops = Stops(without_runtime(&["lock"]));
    let out = without_runtime(&["unlock", "--for", "2m"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let runtime = v.agent.path().join("runtime");
    std::fs::create_dir(&runtime).unwrap();
    let with_runtime = || {
        let mut cmd = v.bare(&["lock"]);
        cmd.env_remove("TRUSTLADDER_AGENT_DIR")
            .env("XDG_RUNTIME_DIR", &runtime);
        cmd.output().unwrap()
    };
    let out = with_runtime();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Locked: the agent forgot this ledger's key, the only one it held. A terminal UI open now keeps its own until it locks itself (after its idle time) or quits.\n"
    );
    let mut list = without_runtime(&["list"]);
    list.env_remove("TRUSTLADDER_PASSPHRASE_COMMAND");
    v.fails(list, "encrypted and locked");
    let out = with_runtime();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Nothing was unlocked.\n"
    );
    // With the agents' folder named outright, as with XDG_RUNTIME_DIR.
    let out = without_runtime(&["unlock", "--for", "2m"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let named = v.agent.path().join("named");
    std::fs::create_dir(&named).unwrap();
    std::fs::set_permissions(&named, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let out = v
        .bare(&["lock"])
        .env("TRUSTLADDER_AGENT_DIR", &named)
        .env_remove("XDG_RUNTIME_DIR")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("Locked: "),
        "{out:?}"
    );
    let mut list = without_runtime(&["list"]);
    list.env_remove("TRUSTLADDER_PASSPHRASE_COMMAND");
    v.fails(list, "encrypted and locked");
}

/// A key file damaged, or gone, fails `check` (exit 1, naming it and the way back) even
/// while the agent holds the key, when nothing else would read it until the passphrase is
/// next typed.
#[test]
fn check_fails_on_a_key_file_damaged_or_missing_even_while_unlocked() {
    let v = Vault::encrypted_team();
    v.ok(&["unlock"]);
    let key = v.key_file();
    let good = std::fs::read_to_string(&key).unwrap();
    assert!(v.bare(&["check"]).output().unwrap().status.success());
    let at = good.find("-----BEGIN AGE ENCRYPTED FILE-----\n").unwrap() + 60;
    let mut bad = good.clone().into_bytes();
    bad[at] = if bad[at] == b'!' { b'A' } else { b'!' };
    // Cut inside the block the passphrase opens. (Cut at half its length, the file ended
    // now and then just after that block: a key file without the part sealed to the recovery
    // key, sound, as every key file written before that part was, and this test failed once
    // in about a hundred runs, as age's headers vary in length.)
    let cut = good.as_bytes()[..at + 40].to_vec();
    for (damage, said) in [
        (bad, "is damaged (a sealed block does not read"),
        (cut, "is damaged ("),
    ] {
        std::fs::write(&key, &damage).unwrap();
        let out = v.bare(&["check"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(said), "{stderr}");
        assert!(
            stderr.contains("`trustladder recover --key FILE`"),
            "{stderr}"
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("DAMAGED: "));
    }
    std::fs::remove_file(&key).unwrap();
    let out = v.bare(&["check", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["encryption"]["key_file_found"], false);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is missing"));
    std::fs::write(&key, good).unwrap();
    let out = v.bare(&["check", "--json"]).output().unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["encryption"]["key_file_damage"],
        serde_json::Value::Null
    );
}

/// A key file with a byte that is not text in it is damaged, said with the way back, as other
/// damage is (it said only "stream did not contain valid UTF-8").
#[test]
fn a_key_file_with_bytes_that_are_not_text_is_named_damaged_with_the_way_back() {
    let v = Vault::encrypted_team();
    let key = v.key_file();
    let mut bytes = std::fs::read(&key).unwrap();
    bytes.push(0xff);
    std::fs::write(&key, bytes).unwrap();
    let said = v.fails(v.bare(&["list"]), "is damaged");
    assert!(
        said.contains(&format!(
            "the key file {} is damaged (it holds bytes that are not text)",
            key.display()
        )),
        "{said}"
    );
    assert!(said.contains("`trustladder recover --key FILE`"), "{said}");
}

/// A key file with more after its last sealed block (garbage an editor left, here) is
/// damaged, named by the line it begins on with the way back, by a command that would save
/// (which then writes nothing) and by `check` alike: it read as sound before.
///
/// `recover` over it keeps the main key the part before those bytes holds: it made a new one,
/// which every other machine would have had to take with `sync clone`.
#[test]
fn a_key_file_with_more_after_its_last_block_is_named_damaged_by_its_line() {
    let mut v = Vault::new();
    v.team();
    let recovery = recovery_line(&v.ok(&["encrypt"]));
    let key = v.key_file();
    let mut text = std::fs::read_to_string(&key).unwrap();
    let line = text.lines().count() + 2;
    text.push_str("\n:wq\n");
    std::fs::write(&key, &text).unwrap();
    let data = v.bytes();
    let why = format!(
        "line {line} holds more after its last sealed block: two key files joined into one, or bytes a crashed editor or a bad copy left; delete from that line on, and its passphrase opens what is left"
    );
    let said = v.fails(
        v.cmd(&["promise", "add", "priya", "Another promise"]),
        "is damaged",
    );
    assert!(
        said.contains(&format!(
            "the key file {} is damaged ({why}): put it back from a backup or another machine, or run `trustladder recover --key FILE` with the recovery key",
            key.display()
        )),
        "{said}"
    );
    assert_eq!(v.bytes(), data, "the data file changed");
    let out = v.bare(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains(&format!("DAMAGED: {why}; ")), "{report}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("is damaged ({why})")),
        "{out:?}"
    );
    assert_eq!(v.bytes(), data, "check changed the data file");

    let key_path = v.dir.path().join("recovery.txt");
    std::fs::write(&key_path, format!("{recovery}\n")).unwrap();
    let mut recover = v.bare(&["recover", "--key", key_path.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo mended");
    let out = recover.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("a new passphrase is set on the same main key (from the key file here, read up to the bytes after its sealed blocks, now left out)"),
        "{said}"
    );
    assert_eq!(
        v.bytes(),
        data,
        "the same main key: the data file as it was"
    );
    assert!(!std::fs::read_to_string(&key).unwrap().contains(":wq"));
    v.passphrase = "mended".to_string();
    assert!(v.ok(&["list"]).contains(SECRET));
}

/// Something not a file in the key file's place is named damaged, at once and with the way
/// back: a named pipe there blocked every command forever (`status` in a shell's prompt too),
/// and a folder was said in the system's words alone; `recover`, which cannot write the key
/// file there, says to move it aside before it asks for anything.
#[test]
fn a_folder_or_a_pipe_in_the_key_file_s_place_is_named_at_once_with_the_way_back() {
    let v = Vault::new();
    v.team();
    let recovery = v.dir.path().join("recovery.txt");
    std::fs::write(&recovery, recovery_line(&v.ok(&["encrypt"])) + "\n").unwrap();
    let key = v.key_file();
    std::fs::remove_file(&key).unwrap();
    let limit = std::time::Duration::from_secs(20);
    for kind in ["a folder", "a named pipe"] {
        if kind == "a folder" {
            std::fs::create_dir(&key).unwrap();
        } else {
            nix::unistd::mkfifo(&key, nix::sys::stat::Mode::S_IRWXU).unwrap();
        }
        let before = snapshot(v.dir.path());
        let damaged = format!(
            "the key file {} is damaged ({kind} is in its place, not a file; move it aside first): put it back from a backup or another machine, or run `trustladder recover --key FILE`",
            key.display()
        );
        for (args, code) in [
            (&["list"][..], 1),
            (&["status"], 2),
            (&["unlock"], 1),
            (&["passphrase"], 1),
            (&["decrypt", "--yes"], 1),
            (&["check"], 1),
        ] {
            let out = store_support::output_within(&mut v.cmd(args), limit);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(code), "{kind} {args:?}: {stderr}");
            assert!(stderr.contains(&damaged), "{kind} {args:?}: {stderr}");
        }
        let check = store_support::output_within(&mut v.bare(&["check"]), limit);
        assert!(
            String::from_utf8_lossy(&check.stdout).contains(&format!(
                "(DAMAGED: {kind} is in its place, not a file; move it aside first;"
            )),
            "{kind}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let mut recover = v.cmd(&["recover", "--key", recovery.to_str().unwrap()]);
        recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
        let out = store_support::output_within(&mut recover, limit);
        assert_eq!(out.status.code(), Some(1), "{kind}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "trustladder: the key file {} is {kind}, not a file, so no key file can be written there; move it aside, then run `trustladder recover --key FILE` again\n",
                key.display()
            )
        );
        assert_eq!(snapshot(v.dir.path()), before, "{kind}: a file changed");
        if kind == "a folder" {
            std::fs::remove_dir(&key).unwrap();
        } else {
            std::fs::remove_file(&key).unwrap();
        }
    }
}

/// `encrypt` with a folder where the key file goes says so before it asks for the passphrase
/// or shows a recovery key: it showed one, which opened nothing, then failed in the system's
/// words ("Is a directory") as it wrote the key file.
#[test]
fn encrypt_with_a_folder_in_the_key_file_s_place_shows_no_recovery_key() {
    let v = Vault::new();
    v.team();
    std::fs::create_dir(v.key_file()).unwrap();
    let mut encrypt = v.cmd(&["encrypt"]);
    let out = encrypt.output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let said = v.fails(encrypt, "not a file");
    assert_eq!(
        said,
        format!(
            "trustladder: the key file {} is a folder, not a file, so no key file can be written there; move it aside, then run `trustladder encrypt` again\n",
            v.key_file().display()
        )
    );
    // `check` called it what a stopped encrypt leaves, and sent the user to run `encrypt`
    // again, which refuses it as above.
    let check = v.ok(&["check"]);
    assert!(
        check.contains(&format!(
            "key file: {} is a folder, not a file, where an encrypt would write the key file: no encrypt or decrypt leaves one, and `trustladder encrypt` needs it moved aside first\n",
            v.key_file().display()
        )),
        "{check}"
    );
    assert!(!check.contains("stopped half-way"), "{check}");
}

/// An encrypted ledger or backup whose first byte is damaged is said to have a damaged
/// encryption header, whatever the byte (it was called JSON broken at line 1); such a backup
/// is not called plain text, and `encrypt` does not seal it again.
#[test]
fn an_encrypted_file_with_a_damaged_first_byte_is_not_called_broken_json() {
    let v = Vault::encrypted_team();
    v.ok(&["promise", "add", "priya", "One more"]);
    let good = std::fs::read(&v.path).unwrap();
    let key_file = std::fs::read(v.key_file()).unwrap();
    let mut damaged: Vec<Vec<u8>> = [b'A', b'{', b't', b' ', b'1']
        .into_iter()
        .map(|byte| [&[byte][..], &good[1..]].concat())
        .collect();
    // A byte dropped, and a byte-order mark put in front.
    damaged.push(good[1..].to_vec());
    damaged.push([&b"\xef\xbb\xbf"[..], &good].concat());
    for bytes in &damaged {
        std::fs::write(&v.path, bytes).unwrap();
        // `decrypt` took such a file for plain, said so and removed the key file of a
        // ledger still sealed; the others took it for JSON, or for one not encrypted.
        for args in [
            &["list"][..],
            &["decrypt", "--yes"],
            &["encrypt"],
            &["passphrase"],
        ] {
            let said = v.fails(v.bare(args), "not a trustladder file");
            assert!(
                said.contains(
                    "(`age-encryption.org/v1`), but not quite: its encryption header is damaged"
                ),
                "{args:?} {:?}: {said}",
                &bytes[..4]
            );
        }
        assert_eq!(&std::fs::read(&v.path).unwrap(), bytes, "nothing changed");
        assert_eq!(
            std::fs::read(v.key_file()).unwrap(),
            key_file,
            "the key file stays"
        );
    }
    std::fs::write(&v.path, &good).unwrap();
    let backup = std::fs::read_dir(v.path.parent().unwrap().join("backups"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .expect("a backup");
    let bytes = std::fs::read(&backup).unwrap()[1..].to_vec();
    std::fs::write(&backup, &bytes).unwrap();
    v.ok(&["unlock"]);
    let out = v.bare(&["check"]).output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    let line = report
        .lines()
        .find(|l| l.contains("its encryption header is damaged"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(!line.contains("PLAIN TEXT"), "{line}");
    let out = v.bare(&["encrypt"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!said.contains("now encrypted too"), "{said}");
    assert_eq!(std::fs::read(&backup).unwrap(), bytes, "not sealed again");
}

/// A key file cut off inside the part the passphrase opens, with no key at hand: every command
/// names it damaged before anything is asked (it said "encrypted and locked: run `trustladder
/// unlock` first", and `unlock` asked for a passphrase that could open nothing), and `check`
/// does not send the user to `unlock` on the line that says DAMAGED.
#[test]
fn a_key_file_cut_off_is_named_damaged_before_any_passphrase_is_asked() {
    let v = Vault::encrypted_team();
    let key = v.cut_key_file();
    let damaged = format!(
        "trustladder: {}: the key file {} is damaged (a sealed block does not read: ",
        v.path.display(),
        key.display()
    );
    for args in [&["list"][..], &["unlock"], &["decrypt", "--yes"]] {
        let said = v.fails(v.bare(args), "is damaged");
        assert!(said.starts_with(&damaged), "{args:?}: {said}");
        assert!(
            said.ends_with("): put it back from a backup or another machine, or run `trustladder recover --key FILE` with the recovery key\n"),
            "{args:?}: {said}"
        );
    }
    // With the passphrase command too: nothing is asked of it.
    let mut asked = v.bare(&["list"]);
    asked.env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo asked >&2; exit 1");
    let said = v.fails(asked, "is damaged");
    assert!(!said.contains("asked"), "{said}");
    let out = v.bare(&["status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with(&damaged),
        "{out:?}"
    );
    let out = v.bare(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report = String::from_utf8_lossy(&out.stdout);
    let line = report
        .lines()
        .find(|l| l.starts_with("encrypted: "))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        line.contains("DAMAGED: a sealed block does not read"),
        "{line}"
    );
    assert!(
        line.ends_with("; `trustladder recover --key FILE` sets a new one); locked: no passphrase opens the files inside while the key file is damaged"),
        "{line}"
    );
    assert!(!line.contains("trustladder unlock"), "{line}");
}

/// `check` on an encrypted ledger whose key file is missing: its `encrypted:` line said the
/// missing file and `recover` twice, its part on the key file and its `locked:` part the whole
/// error, which the exit error then said a third time. Now the line says it once, and why it is
/// locked in a few words, with the passphrase command set or not.
#[test]
fn check_says_a_missing_key_file_once_on_its_line() {
    let v = Vault::encrypted_team();
    std::fs::remove_file(v.key_file()).unwrap();
    for mut cmd in [v.bare(&["check"]), v.cmd(&["check"])] {
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let report = String::from_utf8_lossy(&out.stdout);
        let line = report
            .lines()
            .find(|l| l.starts_with("encrypted: "))
            .unwrap_or_else(|| panic!("{report}"));
        assert!(
            line.ends_with("(MISSING: put it back from a backup or another machine, or `trustladder recover --key FILE` sets a new one); locked: no passphrase opens the files inside while the key file is missing"),
            "{line}"
        );
        assert_eq!(line.matches("recover").count(), 1, "{line}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("is missing: put it back"), "{said}");
    }
}

/// An encrypted ledger whose data file is deleted or emptied: `check`, with the key at hand,
/// opens each sealed backup with the key file left beside it, so a backup cut off is told
/// from the sound ones (as with the data file there), when which one to restore matters most.
#[test]
fn check_looks_inside_the_backups_of_an_encrypted_ledger_whose_data_file_is_gone() {
    let v = Vault::encrypted_team();
    let backups = |cmd: &mut Command| -> Vec<serde_json::Value> {
        let out = cmd.output().unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["backups"].as_array().unwrap().clone()
    };
    let listed = backups(&mut v.cmd(&["check", "--json"]));
    assert!(listed.len() >= 3, "{listed:?}");
    let newest = v
        .dir
        .path()
        .join("backups")
        .join(listed[0]["name"].as_str().unwrap());
    let bytes = std::fs::read(&newest).unwrap();
    std::fs::write(&newest, &bytes[..bytes.len() - 100]).unwrap();

    for gone in ["emptied", "deleted"] {
        if gone == "emptied" {
            std::fs::write(&v.path, b"").unwrap();
        } else {
            std::fs::remove_file(&v.path).unwrap();
        }
        // With the passphrase command, every backup is opened: the cut one is damaged.
        let listed = backups(&mut v.cmd(&["check", "--json"]));
        assert_eq!(listed[0]["health"], "damaged", "{gone}: {listed:?}");
        assert!(
            listed[1..].iter().all(|b| b["health"] == "ok"),
            "{gone}: {listed:?}"
        );
        let text = String::from_utf8(v.cmd(&["check"]).output().unwrap().stdout).unwrap();
        let first = text
            .lines()
            .find(|l| l.starts_with("    1  "))
            .unwrap_or("");
        assert!(first.contains("  damaged ("), "{text}");
        // Locked, nothing is claimed of what they hold, and the way to look is named.
        let listed = backups(&mut v.bare(&["check", "--json"]));
        assert!(
            listed[1..].iter().all(|b| b["health"] == "locked"
                && b["detail"]
                    .as_str()
                    .is_some_and(|d| d.contains("`trustladder unlock` lets check look inside"))),
            "{gone}: {listed:?}"
        );
        // A wrong passphrase is named beside each backup it would have opened.
        let mut wrong = v.bare(&["check"]);
        wrong.env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo guess");
        let said = String::from_utf8(wrong.output().unwrap().stdout).unwrap();
        assert!(said.contains("it printed a wrong passphrase"), "{said}");
    }
    // The sound backup check names is the one restore puts back.
    v.ok(&["restore-backup", "2"]);
    assert!(v.bytes().starts_with(b"age-encryption.org/v1\n"));
    let out = v.cmd(&["check", "--json"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// An age header reads without the key: a locked `check` lists a file cut inside it (a
/// backup, the data file) as damaged, as pruning takes it, not as merely locked, and exits
/// with 1 when it is the data file.
#[test]
fn a_locked_check_finds_an_age_header_cut_off() {
    let v = Vault::encrypted_team();
    let report = |cmd: &mut Command| -> (bool, serde_json::Value) {
        let out = cmd.output().unwrap();
        (
            out.status.success(),
            serde_json::from_slice(&out.stdout).unwrap(),
        )
    };
    let (_, before) = report(&mut v.bare(&["check", "--json"]));
    let newest = v
        .dir
        .path()
        .join("backups")
        .join(before["backups"][0]["name"].as_str().unwrap());
    let bytes = std::fs::read(&newest).unwrap();
    std::fs::write(&newest, &bytes[..40]).unwrap();

    let (ok, found) = report(&mut v.bare(&["check", "--json"]));
    assert!(ok, "{found}");
    assert_eq!(found["file"]["health"], "locked", "{found}");
    let backups = found["backups"].as_array().unwrap();
    assert_eq!(backups[0]["health"], "damaged", "{found}");
    assert!(
        backups[0]["detail"]
            .as_str()
            .unwrap()
            .contains("encryption header is cut off"),
        "{found}"
    );
    assert!(
        backups[1..].iter().all(|b| b["health"] == "locked"),
        "{found}"
    );

    let bytes = v.bytes();
    std::fs::write(&v.path, &bytes[..30]).unwrap();
    let (ok, found) = report(&mut v.bare(&["check", "--json"]));
    assert!(!ok, "{found}");
    assert_eq!(found["file"]["health"], "damaged", "{found}");
    let out = v.bare(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("state: damaged (its encryption header is cut off"),
        "{text}"
    );
    // With the key, the same files are damaged too.
    let (ok, found) = report(&mut v.cmd(&["check", "--json"]));
    assert!(!ok, "{found}");
    assert_eq!(found["file"]["health"], "damaged", "{found}");
    assert_eq!(found["backups"][0]["health"], "damaged", "{found}");
}

/// `check` on a locked ledger whose agent could not be asked says why, in its text and its
/// JSON: it sent the user to `unlock`, which then failed on that agent.
#[test]
fn check_says_why_the_agent_could_not_be_asked() {
    let (v, folder) = Vault::encrypted_beside_agent_folder(0o755);
    let fault = format!(
        "the agent's folder {} is open to other users (mode 755): make it 0700 or choose another folder",
        folder.display()
    );
    let out = v.bare(&["check", "--json"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["encryption"]["unlocked"], false);
    assert_eq!(report["encryption"]["agent_error"], fault.as_str());
    assert_eq!(
        report["encryption"]["unlock_error"],
        serde_json::Value::Null
    );
    let text = String::from_utf8(v.bare(&["check"]).output().unwrap().stdout).unwrap();
    // The key file untried, as nothing asked for the passphrase.
    assert!(
        text.contains(&format!(
            "(found; what it seals opens only with the passphrase or the recovery key, untried here); locked: {fault}\n"
        )),
        "{text}"
    );
}

/// `status`, which asks nothing, on a locked ledger whose agent could not be asked says why
/// after its error: "run `trustladder unlock` first" alone sent the user to an `unlock` that
/// fails on that agent.
#[test]
fn status_says_why_the_agent_could_not_be_asked() {
    let (v, folder) = Vault::encrypted_beside_agent_folder(0o755);
    let out = v.bare(&["status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "trustladder: {}: encrypted and locked: run `trustladder unlock` first, or set TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints the passphrase\ntrustladder: note: the agent's folder {} is open to other users (mode 755): make it 0700 or choose another folder\n",
            v.path.display(),
            folder.display()
        )
    );
}

#[test]
fn check_says_how_the_file_is_encrypted_without_the_key() {
    let v = Vault::encrypted_team();
    let out = v.bare(&["check", "--json"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["encryption"]["recipients"], 2);
    assert_eq!(report["encryption"]["key_file_found"], true);
    assert_eq!(report["encryption"]["unlocked"], false);
    assert_eq!(
        report["encryption"]["unlock_error"],
        serde_json::Value::Null
    );
    assert_eq!(report["file"]["health"], "locked");
    // Found, and no more is claimed: what the key file seals is not opened by check.
    let text = String::from_utf8(v.bare(&["check"]).output().unwrap().stdout).unwrap();
    assert!(
        text.contains("(found; what it seals opens only with the passphrase or the recovery key, untried here)"),
        "{text}"
    );
    // A passphrase command that gives a wrong one is named as such, not as "locked" alone.
    let mut wrong = v.bare(&["check"]);
    wrong.env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo guess");
    let out = wrong.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    // Without "nothing was changed", which check never does.
    assert!(
        said.contains(
            "locked: the passphrase command in TRUSTLADDER_PASSPHRASE_COMMAND printed a wrong \
             passphrase (a passphrase changed on another machine"
        ),
        "{said}"
    );
    assert!(!said.contains("nothing was changed"), "{said}");
    // Tried, so not "untried here"; and a header cut short counts no keys.
    assert!(said.contains("(found); locked"), "{said}");
    let whole = std::fs::read(&v.path).unwrap();
    std::fs::write(&v.path, &whole[..40]).unwrap();
    let said = String::from_utf8(v.bare(&["check"]).output().unwrap().stdout).unwrap();
    assert!(said.contains("encrypted: damaged; key file"), "{said}");
    std::fs::write(&v.path, &whole).unwrap();
    assert!(
        report["backups"]
            .as_array()
            .unwrap()
            .iter()
            .all(|b| b["health"] == "locked")
    );
    let out = v.cmd(&["check", "--json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["encryption"]["unlocked"], true);
    assert_eq!(report["file"]["health"], "ok");
    assert_eq!(report["file"]["counts"]["promises"], 2);

    // With the data file gone, its sealed backups are not taken for those of a plain ledger.
    let aside = v.path.with_extension("aside");
    std::fs::rename(&v.path, &aside).unwrap();
    let out = v.cmd(&["check", "--json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let backups = report["backups"].as_array().unwrap();
    assert!(!backups.is_empty());
    assert!(backups.iter().all(|b| b["sealed"] == false), "{report}");
    std::fs::rename(&aside, &v.path).unwrap();

    // A key file damaged by hand is named, with the way back, as a missing one is.
    let key = v.path.with_file_name("ledger.json.key");
    let text = std::fs::read_to_string(&key).unwrap();
    let begin = text.find("-----BEGIN AGE ENCRYPTED FILE-----\n").unwrap() + 35;
    let mut damaged = text.clone().into_bytes();
    damaged[begin + 10] = if damaged[begin + 10] == b'A' {
        b'B'
    } else {
        b'A'
    };
    std::fs::write(&key, &damaged).unwrap();
    let said = v.fails(v.cmd(&["list"]), "is damaged");
    assert!(
        said.contains(&format!("the key file {} is damaged (", key.display()))
            && said.contains("`trustladder recover --key FILE`"),
        "{said}"
    );
    std::fs::write(&key, &text).unwrap();

    // A cut-off encrypted file is refused as damaged, naming restore-backup.
    let bytes = v.bytes();
    std::fs::write(&v.path, &bytes[..bytes.len() - 40]).unwrap();
    v.fails(v.cmd(&["list"]), "restore-backup");
}

/// The data file of an encrypted ledger gone while its backups are not: every command that
/// reads it names `restore-backup 1`, as for a plain ledger, where it sent the user to put
/// the data file back from somewhere without naming the backups beside it.
#[test]
fn an_encrypted_ledger_gone_with_its_backups_left_names_restore_backup() {
    let v = Vault::encrypted_team();
    v.ok(&["person", "add", "Someone New"]);
    std::fs::remove_file(&v.path).unwrap();
    for args in [
        &["list"][..],
        &["review"],
        &["export", "--format", "json"],
        &["agenda"],
        &["person", "add", "Another One"],
    ] {
        let said = v.fails(v.cmd(args), "there is no data file");
        assert!(
            said.contains("`trustladder restore-backup 1` puts the newest back"),
            "{args:?}: {said}"
        );
    }
    assert!(!v.path.exists());
}

/// The data file of an encrypted ledger gone with its backups, its key file left: a change does
/// not start a plain ledger beside the key file, which a sync would take for this one.
#[test]
fn a_key_file_with_no_data_file_beside_it_starts_no_plain_ledger() {
    let v = Vault::encrypted_team();
    std::fs::remove_file(&v.path).unwrap();
    std::fs::remove_dir_all(v.dir.path().join("backups")).unwrap();
    let said = v.fails(
        v.cmd(&["person", "add", "Someone New"]),
        "there is no data file",
    );
    assert!(
        said.contains("but the key file of an encrypted ledger is beside where it was")
            && said.contains("move the key file aside to start a new ledger"),
        "{said}"
    );
    assert!(!v.path.exists());
    // A command that reads fails the same way, where it read an empty ledger with a note
    // (`status` said "nothing overdue", exit 0); `status` fails with its own code for an
    // error, 2. And `check` names the key file and fails.
    let refused = format!(
        "trustladder: {}: there is no data file, but the key file of an encrypted ledger is beside where it was ({}). Nothing was changed; put the data file back (from a backup, another machine or git), or move the key file aside to start a new ledger\n",
        v.path.display(),
        v.key_file().display()
    );
    for args in [
        &["list"][..],
        &["review"],
        &["export", "--format", "json"],
        &["agenda"],
    ] {
        assert_eq!(v.fails(v.cmd(args), "there is no data file"), refused);
    }
    let before = snapshot(v.dir.path());
    let out = v.cmd(&["status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), refused);
    assert!(out.stdout.is_empty(), "{out:?}");
    assert_eq!(snapshot(v.dir.path()), before);
    let out = v.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("is here without its data file"),
        "{out:?}"
    );
}

/// A key file for other keys than the ledger's (as a `recover` making new keys leaves one when
/// stopped half-way): the message says running `recover` again finishes it, and it does.
#[test]
fn a_ledger_sealed_to_other_keys_than_its_key_files_names_recover() {
    let v = Vault::new();
    v.team();
    let recovery = recovery_line(&v.ok(&["encrypt"]));
    let other = Vault::new();
    other.team();
    other.ok(&["encrypt"]);
    std::fs::copy(other.key_file(), v.key_file()).unwrap();
    let said = v.fails(v.cmd(&["list"]), "not encrypted to this key");
    assert!(
        said.contains(
            "`trustladder recover --key FILE` stopped half-way is finished by running it again"
        ),
        "{said}"
    );
    // A byte flipped where the header wraps a key reads the same to age: both ways back are
    // named (it sent the user to `recover` alone, which then said the file was damaged).
    assert!(
        said.contains("or its header is damaged (`trustladder check` lists the backups"),
        "{said}"
    );
    let key_path = v.dir.path().join("recovery.txt");
    std::fs::write(&key_path, format!("{recovery}\n")).unwrap();
    let mut recover = v.bare(&["recover", "--key", key_path.to_str().unwrap()]);
    recover.env(
        "TRUSTLADDER_NEW_PASSPHRASE_COMMAND",
        format!("echo {}", v.passphrase),
    );
    let out = recover.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(v.ok(&["list"]).contains(SECRET));
}

/// A decrypt stopped just before its end leaves the key file beside the plain ledger: `check`
/// says so and what finishes it, and `decrypt` run again removes it.
#[test]
fn a_key_file_a_stopped_decrypt_left_is_named_and_removed_by_decrypt() {
    let v = Vault::encrypted_team();
    let key = v.path.with_file_name("ledger.json.key");
    let kept = std::fs::read(&key).unwrap();
    v.ok(&["decrypt", "--yes"]);
    std::fs::write(&key, &kept).unwrap();
    let checked = v.ok(&["check"]);
    assert!(
        checked.contains("is here beside a plain data file")
            && checked.contains("`trustladder decrypt` a decrypt"),
        "{checked}"
    );
    let said = v.ok(&["decrypt", "--yes"]);
    assert!(said.contains("was already plain"), "{said}");
    assert!(!key.exists());
    assert!(!v.ok(&["check"]).contains("key file:"));
}

/// The recovery key is shown before anything is sealed to it: where it cannot be (standard
/// output on a full disk), nothing is encrypted.
#[test]
fn encrypt_that_cannot_show_the_recovery_key_encrypts_nothing() {
    let v = Vault::new();
    v.team();
    let before = snapshot(v.dir.path());
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = v.cmd(&["encrypt"]).stdout(full).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("the recovery key could not be shown")
            && said.contains("so nothing was encrypted")
            && said.contains("--recovery-out FILE"),
        "{said}"
    );
    assert_eq!(snapshot(v.dir.path()), before, "nothing changed");
}

/// A data file reached through a link (as dotfile managers place them): `encrypt` and
/// `decrypt` act on the file it points to, its key file and its backups, as every save does,
/// and leave the link a link.
#[test]
fn encrypt_through_a_link_seals_the_ledger_it_points_to() {
    let v = Vault::new();
    v.team();
    let links = v.dir.path().join("links");
    std::fs::create_dir(&links).unwrap();
    let link = links.join("ledger.json");
    std::os::unix::fs::symlink("../ledger.json", &link).unwrap();
    let through_link = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
            .env_remove("TRUSTLADDER_FILE")
            .env(
                "TRUSTLADDER_PASSPHRASE_COMMAND",
                format!("printf '%s' '{}'", v.passphrase),
            )
            .env("TRUSTLADDER_KDF_WORK_FACTOR", "4")
            .env("TRUSTLADDER_AGENT_DIR", v.agent.path().join("agent"))
            .arg("--file")
            .arg(&link)
            .args(["--today", "2026-11-24"])
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };

    through_link(&["encrypt"]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(v.bytes().starts_with(b"age-encryption.org/v1\n"));
    assert!(v.key_file().exists());
    assert!(!links.join("ledger.json.key").exists());
    assert_nowhere(SECRET, &[v.dir.path()]);
    assert!(through_link(&["list"]).contains(SECRET));

    through_link(&["decrypt", "--yes"]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(String::from_utf8(v.bytes()).unwrap().contains(SECRET));
}

/// A backup left in plain text in an encrypted ledger (kept from before `encrypt`, or arrived
/// so by sync): `check` names it, and restoring it encrypts it as it is put back, so a restore
/// never decrypts the ledger.
#[test]
fn a_plain_backup_is_named_by_check_and_sealed_when_restored() {
    let v = Vault::new();
    v.team();
    let plain = v.bytes();
    v.ok(&["encrypt"]);
    // A change since, so the backup is not what the file already holds.
    v.ok(&["person", "add", "Zed Later"]);
    let backups = v.dir.path().join("backups");
    let name = "ledger.json.000099.20261101T000000Z";
    std::fs::write(backups.join(name), &plain).unwrap();

    let out = v.cmd(&["check", "--json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let of = |wanted: &str| {
        report["backups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["name"] == wanted)
            .map(|b| b["plain_text"].clone())
    };
    assert_eq!(of(name), Some(serde_json::Value::Bool(true)), "{report}");
    let sealed: Vec<_> = report["backups"].as_array().unwrap().iter().collect();
    assert!(
        sealed
            .iter()
            .filter(|b| b["name"] != name)
            .all(|b| b["plain_text"] == false),
        "{report}"
    );
    assert!(
        v.ok(&["check"])
            .contains("PLAIN TEXT: `trustladder encrypt` seals it")
    );

    // Locked, with no way to ask: refused, nothing changed.
    let before = v.bytes();
    v.fails(v.bare(&["restore-backup", name]), "unlock");
    assert_eq!(v.bytes(), before);

    let said = v.ok(&["restore-backup", name]);
    assert!(
        said.contains("it was encrypted as it was put back"),
        "{said}"
    );
    assert!(v.bytes().starts_with(b"age-encryption.org/v1\n"));
    assert!(
        v.ok(&["list"]).contains("Send the Q3 numbers"),
        "the backup's promises"
    );

    // With the data file damaged, or gone, which is what a restore is for: sealed all the same,
    // the key file beside it telling the ledger is encrypted.
    for damage in [Some(&b"garbage"[..]), None] {
        match damage {
            Some(bytes) => std::fs::write(&v.path, bytes).unwrap(),
            None => std::fs::remove_file(&v.path).unwrap(),
        }
        let said = v.ok(&["restore-backup", name]);
        assert!(
            said.contains("it was encrypted as it was put back"),
            "{said}"
        );
        assert!(v.bytes().starts_with(b"age-encryption.org/v1\n"));
    }
}

/// A file-sync tool kept the plain file and put the copy encrypted on the other machine
/// beside it (the key file came along): the merge keeps the ledger encrypted, says so, and
/// leaves no plain text in the data file.
#[test]
fn a_conflict_copy_encrypted_elsewhere_keeps_the_ledger_encrypted() {
    let v = Vault::new();
    v.team();
    let plain_before = v.bytes();
    v.ok(&["encrypt"]);
    v.ok(&["log", "bo", "From the encrypted side"]);
    let copy = v
        .path
        .with_file_name("ledger.sync-conflict-20261124-101010-ABCDEFG.json");
    std::fs::rename(&v.path, &copy).unwrap();
    std::fs::write(&v.path, &plain_before).unwrap();
    let out = v
        .cmd(&["log", "priya", "From the plain side"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.ends_with(
            "trustladder: note:   the copy was encrypted, so the ledger is encrypted again (`trustladder decrypt` makes it plain)\n"
        ),
        "{said}"
    );
    assert!(
        v.bytes().starts_with(b"age-encryption.org/v1\n"),
        "the data file is sealed"
    );
    // The plain file the tool put in place is kept as the backup of the save that replaced
    // it, and `check` names it, as any plain backup of an encrypted ledger.
    assert!(
        v.ok(&["check"])
            .contains("PLAIN TEXT: `trustladder encrypt` seals it")
    );
    let listed = v.ok(&["list"]);
    for what in ["From the encrypted side", "From the plain side", SECRET] {
        assert!(listed.contains(what), "{what}: {listed}");
    }
}

/// The opposite: a plain copy the tool left beside an encrypted data file is merged in and
/// sealed as it is put away with the backups; moved as it was, it was the one file of the
/// ledger in plain text, and no command named it again.
#[test]
fn a_plain_conflict_copy_beside_an_encrypted_ledger_is_put_away_sealed() {
    let v = Vault::new();
    v.team();
    v.ok(&["log", "bo", "Only in the plain copy"]);
    let plain = v.bytes();
    v.ok(&["encrypt"]);
    let name = "ledger.sync-conflict-20261124-101010-ABCDEFG.json";
    std::fs::write(v.path.with_file_name(name), &plain).unwrap();
    v.ok(&["log", "priya", "After the copy came"]);
    let put_away = v.dir.path().join("backups").join(name);
    let bytes = std::fs::read(&put_away).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "sealed");
    assert!(!v.path.with_file_name(name).exists());
    for entry in walk(v.dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Only in the plain copy"),
            "plain text in {}",
            entry.display()
        );
    }
    assert!(v.ok(&["list"]).contains("Only in the plain copy"));
}

/// A conflict copy put away while the ledger was plain is one of its backups from then on:
/// `check` lists it, `encrypt` seals it as it seals the numbered ones, and `decrypt` makes
/// it plain again. Filed under its own name, it was once listed by none of them, and stayed
/// the one file of an encrypted ledger in plain text.
#[test]
fn a_conflict_copy_put_away_before_encrypt_is_sealed_by_it_and_listed_by_check() {
    let v = Vault::new();
    v.team();
    v.ok(&["log", "bo", "Only before the copy was put away"]);
    let name = "ledger (Hal's conflicted copy 2026-12-03).json";
    std::fs::copy(&v.path, v.path.with_file_name(name)).unwrap();
    v.ok(&["log", "priya", "After the copy came"]);
    let put_away = v.dir.path().join("backups").join(name);
    assert!(
        !std::fs::read(&put_away)
            .unwrap()
            .starts_with(b"age-encryption.org/v1\n")
    );

    let report: serde_json::Value = serde_json::from_str(&v.ok(&["check", "--json"])).unwrap();
    let listed = report["backups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == name)
        .unwrap_or_else(|| panic!("listed: {report}"));
    assert_eq!(listed["kind"], "conflict_copy");
    assert_eq!(listed["number"], serde_json::Value::Null);
    assert_eq!(listed["health"], "ok");

    let backups = std::fs::read_dir(v.dir.path().join("backups"))
        .unwrap()
        .count();
    let printed = v.ok(&["encrypt"]);
    assert!(
        printed.contains(&format!("and {backups} backups")),
        "{printed}"
    );
    assert!(
        std::fs::read(&put_away)
            .unwrap()
            .starts_with(b"age-encryption.org/v1\n")
    );
    for entry in walk(v.dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Only before the copy"),
            "plain text in {}",
            entry.display()
        );
    }

    v.ok(&["decrypt", "--yes"]);
    let plain = std::fs::read_to_string(&put_away).unwrap();
    assert!(plain.contains("Only before the copy"), "{plain}");
}

/// A key file this user may not read (left root's by a `sudo`, or its read permission taken)
/// is whole: `check` and every command say it cannot be read and how to give it back, never
/// that it is damaged, nor `recover`, whose new main key every other machine would have to
/// take. As root, the commands run as another user, for whom the key file is root's.
#[test]
fn a_key_file_this_user_may_not_read_is_named_with_its_fix_not_as_damaged() {
    let v = Vault::encrypted_team();
    let root = key_file_unreadable(&v);
    let as_user = |cmd: Command| as_that_user(cmd, &v, root);
    for args in [&["check"][..], &["list"]] {
        let out = as_user(v.cmd(args)).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stdout}{stderr}");
        assert!(
            stderr.contains("cannot be read by this user") && stderr.contains("not damaged"),
            "{args:?}: {stderr}"
        );
        let fix = if root { "sudo chown " } else { "chmod u+r " };
        assert!(stderr.contains(fix), "{args:?}: {stderr}");
        assert!(!stderr.contains("recover"), "{args:?}: {stderr}");
        assert!(!stdout.contains("DAMAGED"), "{args:?}: {stdout}");
    }
    let out = as_user(v.cmd(&["check", "--json"])).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let encryption = &report["encryption"];
    assert_eq!(encryption["key_file_damage"], serde_json::Value::Null);
    assert!(
        encryption["key_file_unreadable"]
            .as_str()
            .is_some_and(|why| why.contains("not damaged")),
        "{report}"
    );
}

/// `recover` over a key file this user may not read refuses it with its fix, as every command
/// does, and changes nothing: it passed it over as one damaged, made a new main key and sealed
/// every file to it, which every other machine would have had to take with `sync clone`,
/// where a `chown` was all it took. As root, it runs as another user, for whom the key file
/// is root's.
#[test]
fn recover_over_a_key_file_this_user_may_not_read_says_its_fix_and_makes_no_new_key() {
    let v = Vault::new();
    v.team();
    let recovery = v.dir.path().join("recovery.txt");
    std::fs::write(&recovery, recovery_line(&v.ok(&["encrypt"])) + "\n").unwrap();
    let root = key_file_unreadable(&v);
    let mut recover = v.cmd(&["recover", "--key", recovery.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
    let said = v.fails(
        as_that_user(recover, &v, root),
        "cannot be read by this user",
    );
    let fix = if root { "sudo chown " } else { "chmod u+r " };
    assert!(
        said.contains("it is not damaged") && said.contains(fix),
        "{said}"
    );
}

/// Makes the key file one this user may not read: as root, the vault's folders are handed to
/// another user (run commands as them with [`as_that_user`]) and the key file kept root's;
/// otherwise its mode is 000. Says whether it runs as root.
fn key_file_unreadable(v: &Vault) -> bool {
    let root = nix::unistd::geteuid().is_root();
    if root {
        for dir in [v.dir.path(), v.agent.path()] {
            let chown = Command::new("chown")
                .args(["-R", "65534:65534"])
                .arg(dir)
                .status()
                .unwrap();
            assert!(chown.success());
        }
        std::os::unix::fs::chown(v.key_file(), Some(0), Some(0)).unwrap();
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(v.key_file(), std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    root
}

/// `cmd`, as root run as the user [`key_file_unreadable`] handed the vault to.
fn as_that_user(mut cmd: Command, v: &Vault, root: bool) -> Command {
    use std::os::unix::process::CommandExt;
    if root {
        cmd.uid(65534).gid(65534).env("HOME", v.dir.path());
    }
    cmd
}

/// Every file under `dir`, in every folder.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A passphrase command that takes its time (one that asks someone, or hangs) is said to be
/// waited for after two seconds, on stderr, and the command goes on once it prints; a quick
/// one is not mentioned.
#[test]
fn a_slow_passphrase_command_is_said_to_be_waited_for() {
    let v = Vault::encrypted_team();
    let quick = v.cmd(&["list"]).output().unwrap();
    assert!(quick.status.success());
    assert!(
        !String::from_utf8_lossy(&quick.stderr).contains("waiting for"),
        "{}",
        String::from_utf8_lossy(&quick.stderr)
    );
    let mut slow = v.bare(&["list"]);
    slow.env(
        "TRUSTLADDER_PASSPHRASE_COMMAND",
        format!("sleep 3; printf '%s' '{}'", v.passphrase),
    );
    let out = slow.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "trustladder: waiting for TRUSTLADDER_PASSPHRASE_COMMAND to print the passphrase…"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains(&v.passphrase), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("#1"));
}

/// Flips a byte near the end of `path`: the sealed file no longer opens (its last chunk's tag
/// fails), as a disk error or a bad copy leaves it.
fn damage(path: &std::path::Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let at = bytes.len() - 5;
    bytes[at] ^= 0x40;
    std::fs::write(path, bytes).unwrap();
}

/// A damaged backup stops neither `decrypt` half-way nor `recover`: `decrypt` opens every file
/// before writing any, and refuses naming the one that does not open, nothing changed (it
/// wrote some files plain, then said "nothing was changed", and a second run stopped there
/// again); `recover` making a new main key leaves it as it is, says so, and seals every other
/// file to the new key (it stopped there, the rest sealed to a key it had thrown away).
#[test]
fn a_damaged_backup_stops_neither_decrypt_nor_recover_half_way() {
    let mut v = Vault::new();
    v.team();
    let recovery = recovery_line(&v.ok(&["encrypt"]));
    let backups: Vec<std::path::PathBuf> = {
        let mut all: Vec<_> = std::fs::read_dir(v.dir.path().join("backups"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        all.sort();
        all
    };
    assert!(backups.len() >= 3, "{backups:?}");
    damage(&backups[1]);
    let name = backups[1]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let stderr = v.fails(v.cmd(&["decrypt", "--yes"]), "does not open (the encrypted file is damaged or cut off); nothing was changed: move it out of the backups folder");
    assert!(stderr.contains(&name), "{stderr}");

    let key_path = v.dir.path().join("recovery.txt");
    // A comment in another encoding than UTF-8 beside the key hides nothing.
    let mut text = b"# caf\xe9, kept in the safe\n".to_vec();
    text.extend(format!("{recovery}\n").into_bytes());
    std::fs::write(&key_path, text).unwrap();
    std::fs::remove_file(v.key_file()).unwrap();
    let mut recover = v.bare(&["recover", "--key", key_path.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo fresh");
    let out = recover.output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(
        said.contains("sealed to the new key")
            && said.contains("Left as it was: ")
            && said.contains(&name)
            && said.contains("(the encrypted file is damaged or cut off)"),
        "{said}"
    );
    v.passphrase = "fresh".to_string();
    // Every other backup opens with the new key: the ledger and its history are whole.
    let listed = v.ok(&["check"]);
    for (i, backup) in backups.iter().enumerate() {
        let n = backup.file_name().unwrap().to_string_lossy().into_owned();
        let line = listed
            .lines()
            .find(|l| l.contains(&n))
            .unwrap_or_else(|| panic!("{listed}"));
        assert_eq!(line.contains("  ok, "), i != 1, "{line}");
    }
    std::fs::remove_file(&backups[1]).unwrap();
    v.ok(&["decrypt", "--yes"]);
    assert!(String::from_utf8(v.bytes()).unwrap().contains(SECRET));
}

/// A `recover` that made a new main key and stopped half-way leaves backups sealed to the old
/// one; running it again finishes it, as docs/PRIVACY.md says: those backups are sealed to the
/// main key too (it set a new passphrase and rewrote nothing, leaving them to the recovery key
/// and the `age` tool alone).
#[test]
fn recover_run_again_finishes_one_stopped_half_way() {
    let mut v = Vault::new();
    v.team();
    let recovery = recovery_line(&v.ok(&["encrypt"]));
    let backups = v.dir.path().join("backups");
    let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let old = std::fs::read(&names[0]).unwrap();
    let key_path = v.dir.path().join("recovery.txt");
    std::fs::write(&key_path, format!("{recovery}\n")).unwrap();
    std::fs::remove_file(v.key_file()).unwrap();
    let mut recover = v.bare(&["recover", "--key", key_path.to_str().unwrap()]);
    recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo fresh");
    assert!(recover.output().unwrap().status.success());
    // As a recover stopped before it reached this backup leaves it: sealed to the old key.
    std::fs::write(&names[0], &old).unwrap();
    v.passphrase = "fresh".to_string();
    let n = names[0].file_name().unwrap().to_string_lossy().into_owned();
    let line = |listed: &str| {
        listed
            .lines()
            .find(|l| l.contains(&n))
            .unwrap_or_else(|| panic!("{listed}"))
            .to_string()
    };
    assert!(line(&v.ok(&["check"])).contains("not encrypted to this key"));
    assert!(line(&v.ok(&["check"])).contains("opens with the recovery key of that time"));

    let mut again = v.bare(&["recover", "--key", key_path.to_str().unwrap()]);
    again.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo fresh");
    let out = again.output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(
        said.contains(
            "and 1 backup a recover stopped half-way left sealed to the old key is sealed to it now"
        ),
        "{said}"
    );
    assert!(line(&v.ok(&["check"])).contains("  ok, "));
}

/// A ledger cut inside the age header's first line is an encrypted file cut off, said as such
/// ("damaged or cut off"), not a JSON error at line 1, column 1.
#[test]
fn a_file_cut_inside_the_header_line_is_said_to_be_cut_off() {
    let v = Vault::encrypted_team();
    for cut in ["age-encryption.org/v1", "age-encryp"] {
        std::fs::write(&v.path, cut).unwrap();
        let said = v.fails(v.cmd(&["list"]), "the encrypted file is damaged or cut off");
        assert!(!said.contains("expected value"), "{said}");
    }
}

/// `decrypt` of a data file damaged or cut off says what every command says of it (`check`,
/// then `restore-backup`), not to move it out of the backups folder, where it is not.
#[test]
fn decrypt_of_a_damaged_data_file_names_restore_backup() {
    let v = Vault::encrypted_team();
    let sealed = v.bytes();
    std::fs::write(&v.path, &sealed[..sealed.len() / 2]).unwrap();
    let said = v.fails(v.cmd(&["decrypt", "--yes"]), "restore-backup");
    assert!(said.contains("damaged or cut off"), "{said}");
    assert!(!said.contains("backups folder"), "{said}");
}

/// An encrypted ledger whose data file was emptied or overwritten with what is no ledger (not
/// sealed, so not read as a sealed file cut off) is damaged, not plain: `decrypt` had taken
/// it for one a stopped decrypt left, opened every backup and removed the key file, saying
/// "the ledger was already" plain, and left the file no command reads; `passphrase` and
/// `recover` said it was not encrypted, sending to `encrypt`, which refuses it.
#[test]
fn decrypt_of_an_emptied_data_file_beside_its_key_file_changes_nothing() {
    for (emptied, said) in [
        (&b""[..], "the file is empty"),
        (&b"{"[..], "not a trustladder file I can read"),
    ] {
        let v = Vault::new();
        v.team();
        let printed = v.ok(&["encrypt"]);
        let key = v.dir.path().join("recovery.txt");
        std::fs::write(&key, recovery_line(&printed)).unwrap();
        std::fs::write(&v.path, emptied).unwrap();
        let mut change = v.cmd(&["passphrase"]);
        change.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
        let mut recover = v.cmd(&["recover", "--key", key.to_str().unwrap()]);
        recover.env("TRUSTLADDER_NEW_PASSPHRASE_COMMAND", "echo second");
        for cmd in [v.cmd(&["decrypt", "--yes"]), change, recover] {
            let told = v.fails(cmd, said);
            assert!(told.contains("restore-backup"), "{told}");
            assert!(!told.contains("already"), "{told}");
            assert!(!told.contains("not encrypted"), "{told}");
        }
        assert!(v.key_file().exists());
    }
    // With no backup either, it says there is none.
    let v = Vault::new();
    v.ok(&["person", "add", "Priya Raman"]);
    v.ok(&["encrypt"]);
    std::fs::write(&v.path, b"").unwrap();
    let told = v.fails(v.cmd(&["decrypt", "--yes"]), "the file is empty");
    assert!(told.contains("no backup"), "{told}");
}

/// The key file's part for the recovery key, damaged, is read by `recover` alone: every
/// command still opens the ledger, and says once that the key file is damaged, as `check`
/// does, so the damage is not first seen on the day the recovery key is needed.
#[test]
fn a_key_file_damaged_in_its_recovery_part_is_said_by_every_command() {
    let v = Vault::encrypted_team();
    let key = v.key_file();
    let text = std::fs::read_to_string(&key).unwrap();
    let begin = "-----BEGIN AGE ENCRYPTED FILE-----\n";
    let at = text.rfind(begin).unwrap() + begin.len();
    assert!(text.find(begin).unwrap() + begin.len() < at, "two blocks");
    let mut damaged = text.clone().into_bytes();
    damaged[at] = if damaged[at] == b'Y' { b'Z' } else { b'Y' };
    std::fs::write(&key, &damaged).unwrap();
    let out = v.cmd(&["list"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        said.matches("trustladder: note: the ledger opens, but the key file ")
            .count(),
        1,
        "{said}"
    );
    assert!(said.contains("is damaged ("), "{said}");
    assert!(v.ok(&["list"]).contains(SECRET));
}

/// A path with no ledger (mistyped) is refused before anything is made there: no lock file,
/// no folder.
#[test]
fn encrypt_without_a_data_file_makes_nothing_there() {
    let v = Vault::new();
    v.fails(v.cmd(&["encrypt"]), "there is no data file");
    let lock = trustladder::store::lock_path(&v.path);
    assert!(!lock.exists(), "a lock file was made: {}", lock.display());
    // Each names the path and asks whether it is right: it said "nothing to encrypt or
    // decrypt" to `unlock`, `passphrase` and `recover` too.
    let key = v.dir.path().join("recovery.txt");
    for args in [
        &["encrypt"][..],
        &["decrypt", "--yes"],
        &["passphrase"],
        &["recover", "--key", key.to_str().unwrap()],
        &["unlock"],
    ] {
        let said = v.fails(v.cmd(args), "there is no data file");
        assert_eq!(
            said,
            format!(
                "trustladder: there is no data file at {} (is --file or TRUSTLADDER_FILE right?)\n",
                v.path.display()
            ),
            "{args:?}"
        );
    }
}

/// On a terminal, a new passphrase left empty or typed differently the second time is asked
/// again, three times in all, as unlocking asks again (it ended `encrypt` with exit 1); why
/// is said as the prompt's other lines are, after `trustladder:` (it stood alone, as if
/// another program had said it).
#[test]
fn encrypt_on_a_terminal_asks_again_after_an_empty_or_a_mistyped_passphrase() {
    use tmux_support::Tmux;
    let v = Vault::new();
    v.team();
    let command = format!("exec {} encrypt", v.shell_line(&[]),);
    let tmux = Tmux::start("encrypt-again", &command);
    // Waits for the `n`th time `what` is on the screen.
    let nth = |what: &str, n: usize| {
        for _ in 0..200 {
            if tmux.screen().matches(what).count() >= n {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("'{what}' not {n} times; the screen:\n{}", tmux.screen());
    };
    // Types `text` (nothing, for an empty one) and Enter.
    let answer = |text: &str| {
        if !text.is_empty() {
            tmux.text(text);
        }
        tmux.keys(&["Enter"]);
    };
    nth("New passphrase:", 1);
    answer("");
    nth(
        "trustladder: an empty passphrase protects nothing; try again",
        1,
    );
    nth("New passphrase:", 2);
    answer("one");
    nth("The same again:", 1);
    answer("two");
    nth("trustladder: the two passphrases differ; try again", 1);
    nth("New passphrase:", 3);
    answer("right");
    nth("The same again:", 2);
    answer("right");
    assert_eq!(tmux.wait_exit(), "0", "{}", tmux.screen());
    assert!(v.bytes().starts_with(b"age-encryption.org/v1\n"));
}

/// `encrypt` and `recover` given their passphrase by its command, from a script run in a
/// terminal, handed the key to an agent for an hour, unasked, where every other command given
/// it so starts none; nothing typed, nothing is handed now, and the ledger stays locked.
#[test]
fn a_passphrase_a_command_gave_in_a_terminal_goes_to_no_agent() {
    use std::path::Path;
    use tmux_support::{Tmux, quoted};
    let v = Vault::new();
    v.team();
    let recovery = v.dir.path().join("recovery.txt");
    let run = |args: &str| {
        format!(
            "{} {args}; echo exit=$?",
            v.shell_line(&[
                ("TRUSTLADDER_PASSPHRASE_COMMAND", &v.passphrase_command()),
                (
                    "TRUSTLADDER_NEW_PASSPHRASE_COMMAND",
                    &v.passphrase_command()
                ),
            ]),
        )
    };
    let command = format!(
        "{}; {}; echo done; sleep 60",
        run(&format!("encrypt --recovery-out {}", quoted(&recovery))),
        run(&format!("recover --key {}", quoted(&recovery))),
    );
    let tmux = Tmux::start(
        "command-in-a-terminal",
        &format!("sh -c {}", quoted(Path::new(&command))),
    );
    tmux.wait_for("done");
    let said = tmux.history_joined();
    assert_eq!(said.matches("exit=0").count(), 2, "{said}");
    assert!(said.contains("Recovered"), "{said}");
    v.fails(v.bare(&["list"]), "encrypted and locked");
}

/// A Ctrl-c at the passphrase prompt ends the command as SIGINT does, and gives the terminal
/// back as it was: it was left with echo, line editing and Ctrl-c itself off, so in `sh`, or a
/// script that went on, nothing typed showed. Nothing is encrypted.
#[test]
fn ctrl_c_at_the_passphrase_prompt_gives_the_terminal_back() {
    use std::path::Path;
    use tmux_support::{Tmux, quoted};
    let v = Vault::new();
    v.team();
    let before = snapshot(v.dir.path());
    let modes = "$(stty -a | tr ' ;' '\\n\\n' | grep -x -e -echo -e echo -e -icanon -e icanon -e -isig -e isig)";
    let command = format!(
        "{} encrypt; echo exit=$? modes: {modes}; sleep 60",
        v.shell_line(&[]),
    );
    let tmux = Tmux::start(
        "encrypt-ctrl-c",
        &format!("sh -c {}", quoted(Path::new(&command))),
    );
    tmux.wait_for("New passphrase:");
    tmux.text("half typed");
    tmux.keys(&["C-c"]);
    let screen = tmux.wait_for("exit=");
    assert!(
        screen.contains("exit=130 modes: isig icanon echo"),
        "{screen}"
    );
    assert_eq!(snapshot(v.dir.path()), before);
}

/// The terminal is quiet (no echo, no signal keys) before the passphrase prompt shows: made
/// so only after, a Ctrl-c typed as the prompt showed was the terminal's and ended the shell
/// that ran the command as well, and the first keys of a passphrase typed at once were
/// echoed. Output held by Ctrl-s keeps the prompt waiting to be written, and the terminal is
/// quiet by then.
#[test]
fn the_terminal_is_quiet_before_the_passphrase_prompt_shows() {
    use std::path::Path;
    use tmux_support::{Tmux, quoted};
    let v = Vault::new();
    v.team();
    let before = snapshot(v.dir.path());
    let command = format!(
        "echo ready; read x; {} encrypt; echo exit=$?; sleep 60",
        v.shell_line(&[]),
    );
    let tmux = Tmux::start(
        "encrypt-quiet",
        &format!("sh -c {}", quoted(Path::new(&command))),
    );
    tmux.wait_for("ready");
    let tty = tmux.flag("pane_tty");
    tmux.keys(&["C-s"]);
    tmux.keys(&["Enter"]);
    let modes = || {
        let out = std::process::Command::new("stty")
            .args(["-a", "-F", &tty])
            .output()
            .unwrap();
        let all = String::from_utf8_lossy(&out.stdout).replace(';', " ");
        let mut modes: Vec<String> = all
            .split_whitespace()
            .filter(|m| ["echo", "-echo", "isig", "-isig"].contains(m))
            .map(str::to_string)
            .collect();
        modes.sort();
        modes
    };
    let started = std::time::Instant::now();
    while modes() != ["-echo", "-isig"] && started.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(modes(), ["-echo", "-isig"], "the prompt waits to be shown");
    tmux.keys(&["C-q"]);
    tmux.wait_for("New passphrase:");
    tmux.keys(&["C-c"]);
    let screen = tmux.wait_for("exit=");
    assert!(screen.contains("exit=130"), "{screen}");
    assert_eq!(snapshot(v.dir.path()), before);
}

/// The modes of echo and the signal keys the terminal `tty` has, as `stty` says them, sorted.
fn terminal_modes(tty: &str) -> Vec<String> {
    let out = Command::new("stty")
        .args(["-a", "-F", tty])
        .output()
        .expect("stty runs");
    let all = String::from_utf8_lossy(&out.stdout).replace(';', " ");
    let mut modes: Vec<String> = all
        .split_whitespace()
        .filter(|m| ["echo", "-echo", "isig", "-isig"].contains(m))
        .map(str::to_string)
        .collect();
    modes.sort();
    modes
}

/// A [`Vault::team`] encrypted with a key file whose passphrase takes a moment to try (a work
/// factor above the tests' own), for what is typed while it is tried.
fn slow_to_try() -> Vault {
    let v = Vault::new();
    v.team();
    let out = v
        .cmd(&["encrypt"])
        .env("TRUSTLADDER_KDF_WORK_FACTOR", "13")
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{out:?}");
    v
}

/// What is typed ahead while a wrong passphrase is tried, the next try often, is not shown:
/// echo came back on between the tries. Typed after the last try, it is dropped, not left for
/// the shell to read and show once the command ends. Echo is on again at the end, whether the
/// last try opens the key or is wrong.
#[test]
fn what_is_typed_ahead_while_a_passphrase_is_tried_is_never_shown() {
    use std::path::Path;
    use tmux_support::{Tmux, quoted};
    let v = slow_to_try();
    let before = snapshot(v.dir.path());
    let modes = "$(stty -a | tr ' ;' '\\n\\n' | grep -x -e -echo -e echo)";
    for (last, exit) in [(v.passphrase.as_str(), "0"), ("third wrong", "1")] {
        let _ = v.bare(&["lock"]).output();
        let command = format!(
            "{} unlock; echo exit=$? modes: {modes}; read x; echo read=[$x]; sleep 60",
            v.shell_line(&[]),
        );
        let tmux = Tmux::start(
            "typed-ahead",
            &format!("sh -c {}", quoted(Path::new(&command))),
        );
        tmux.wait_for("Passphrase for");
        let tty = tmux.flag("pane_tty");
        tmux.text("first wrong");
        tmux.keys(&["Enter"]);
        // Typed while the passphrase is tried: the prompt's signal keys are back, or it was
        // said to be wrong.
        tmux.wait_until("the first try being tried", |screen| {
            terminal_modes(&tty).contains(&"isig".to_string())
                || screen.contains("wrong passphrase")
        });
        tmux.text("TYPED-AHEAD");
        tmux.keys(&["Enter"]);
        tmux.wait_until("the third prompt", |screen| {
            screen.matches("Passphrase for").count() == 3
        });
        // The last try and what is typed after it, sent at once.
        tmux.text(&format!("{last}\rLEFT-OVER\r"));
        let screen = tmux.wait_for("exit=");
        assert!(
            screen.contains(&format!("exit={exit} modes: echo")),
            "{screen}"
        );
        tmux.text("after\r");
        tmux.wait_for("read=");
        let said = tmux.history_joined();
        assert!(!said.contains("TYPED-AHEAD"), "{said}");
        assert!(!said.contains("LEFT-OVER"), "{said}");
        assert!(said.contains("read=[after]"), "{said}");
    }
    let _ = v.bare(&["lock"]).output();
    assert_eq!(snapshot(v.dir.path()), before);
}

/// A Ctrl-c while a wrong passphrase is tried, echo off, ends the command as it would
/// anywhere, and gives the terminal back echoing.
#[test]
fn ctrl_c_while_a_passphrase_is_tried_gives_the_terminal_back() {
    use std::path::Path;
    use tmux_support::{Tmux, quoted};
    let v = slow_to_try();
    let before = snapshot(v.dir.path());
    let modes = "$(stty -a | tr ' ;' '\\n\\n' | grep -x -e -echo -e echo -e -isig -e isig)";
    // The shell goes on after a Ctrl-c ends the command, to say how it ended.
    let command = format!(
        "trap : INT; {} unlock; echo exit=$? modes: {modes}; sleep 60",
        v.shell_line(&[]),
    );
    let tmux = Tmux::start(
        "ctrl-c-tried",
        &format!("sh -c {}", quoted(Path::new(&command))),
    );
    tmux.wait_for("Passphrase for");
    let tty = tmux.flag("pane_tty");
    tmux.text("first wrong");
    tmux.keys(&["Enter"]);
    tmux.wait_until("echo off and the signal keys on", |_| {
        terminal_modes(&tty) == ["-echo", "isig"]
    });
    tmux.keys(&["C-c"]);
    let screen = tmux.wait_for("exit=");
    assert!(screen.contains("exit=130 modes: isig echo"), "{screen}");
    assert_eq!(snapshot(v.dir.path()), before);
}

/// A Ctrl-d at the passphrase prompt is said as such, on a line of its own: the error was
/// written on after the prompt, as "unexpected end of file".
#[test]
fn ctrl_d_at_the_passphrase_prompt_is_said_on_a_line_of_its_own() {
    use tmux_support::Tmux;
    let v = Vault::encrypted_team();
    let before = snapshot(v.dir.path());
    let command = format!("exec {} unlock", v.shell_line(&[]),);
    let tmux = Tmux::start("unlock-ctrl-d", &command);
    tmux.wait_for("Passphrase for");
    tmux.keys(&["C-d"]);
    assert_eq!(tmux.wait_exit(), "1", "{}", tmux.screen());
    let said = tmux.history_joined();
    // The lines the program wrote, not tmux's own about the pane.
    let lines: Vec<&str> = said
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with("Pane is dead"))
        .collect();
    assert_eq!(
        lines,
        [
            format!("Passphrase for {}:", v.path.display()).as_str(),
            format!(
                "trustladder: {}: could not read the passphrase: the input ended (Ctrl-d) before a passphrase was typed",
                v.path.display()
            )
            .as_str(),
        ],
        "{said}"
    );
    assert_eq!(snapshot(v.dir.path()), before);
}

/// A command with a terminal for its input but none of its own (started by `setsid`, or by a
/// service) failed at the prompt with "No such device or address", naming neither `unlock`
/// nor the passphrase command; it is now said as a script's command says it, at once.
#[test]
fn a_command_with_no_terminal_of_its_own_names_unlock_and_the_variable() {
    use std::path::Path;
    use tmux_support::{Tmux, quoted};
    let v = Vault::encrypted_team();
    v.ok(&["lock"]);
    let before = snapshot(v.dir.path());
    let command = format!(
        "for c in list unlock; do setsid -w {} $c; echo exit=$?; done; echo done; sleep 60",
        v.shell_line(&[]),
    );
    let tmux = Tmux::start(
        "no-own-terminal",
        &format!("sh -c {}", quoted(Path::new(&command))),
    );
    tmux.wait_for("done");
    let said = tmux.history_joined();
    let lines: Vec<&str> = said
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect();
    let path = v.path.display();
    assert_eq!(
        lines,
        [
            format!("trustladder: {path}: encrypted and locked: run `trustladder unlock` first, or set TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints the passphrase").as_str(),
            "exit=1",
            format!("trustladder: {path}: could not read the passphrase: no terminal to ask on; run it in a terminal, or set TRUSTLADDER_PASSPHRASE_COMMAND to a command that prints it").as_str(),
            "exit=1",
            "done",
        ],
        "{said}"
    );
    assert_eq!(snapshot(v.dir.path()), before);
}

/// A key file whose sealed block has one character changed reads without the passphrase, and
/// shows its damage only once the passphrase opens it: `check` with the passphrase at hand
/// names it damaged and fails, where it called the ledger locked and exited 0.
#[test]
fn check_fails_on_a_key_file_whose_damage_only_the_passphrase_shows() {
    let v = Vault::encrypted_team();
    let key = v.key_file();
    let good = std::fs::read_to_string(&key).unwrap();
    let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
    // A character of the payload the passphrase opens, past the age header that is read
    // without it: a whole line two before the end of the main key's armour.
    let end = lines
        .iter()
        .position(|l| l == "-----END AGE ENCRYPTED FILE-----")
        .expect("the armoured main key");
    let line = &mut lines[end - 2];
    let flipped = if line.as_bytes()[10] == b'A' {
        "B"
    } else {
        "A"
    };
    line.replace_range(10..11, flipped);
    std::fs::write(&key, lines.join("\n") + "\n").unwrap();
    // Without the passphrase the damage does not show: the key file's outer part reads.
    let locked = v.bare(&["check"]).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&locked.stdout).contains("DAMAGED"),
        "{locked:?}"
    );
    let out = v.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report = String::from_utf8_lossy(&out.stdout);
    let line = report
        .lines()
        .find(|l| l.starts_with("encrypted: "))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(line.contains("DAMAGED: "), "{line}");
    let out = v.cmd(&["check", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["encryption"]["key_file_damage"].is_string(), "{json}");
}

/// `encrypt` of a ledger saved once, with no backup yet, names the file alone: it said
/// "and 0 backups".
#[test]
fn encrypt_of_a_ledger_without_backups_names_the_file_alone() {
    let v = Vault::new();
    v.ok(&["person", "add", "Priya Raman"]);
    let said = v.ok(&["encrypt"]);
    assert!(
        said.contains(&format!(
            "\nEncrypted {}; the key file is {}.key.\n",
            v.path.display(),
            v.path.display()
        )),
        "{said}"
    );
    v.ok(&["person", "add", "Bo Lindqvist"]);
    v.ok(&["decrypt", "--yes"]);
    let said = v.ok(&["encrypt"]);
    assert!(
        said.contains(&format!("\nEncrypted {} and 1 backup;", v.path.display())),
        "{said}"
    );
}

/// A ledger with no backups yet (one save, then `encrypt`) is said to be plain again alone:
/// "and 0 backups are plain JSON again" counted what is not there.
#[test]
fn decrypt_of_a_ledger_without_backups_names_the_file_alone() {
    let v = Vault::new();
    v.ok(&["person", "add", "Priya Raman"]);
    v.ok(&["encrypt"]);
    let said = v.ok(&["decrypt", "--yes"]);
    assert_eq!(
        said,
        format!(
            "{} is plain JSON again; the key file is removed.\n",
            v.path.display()
        )
    );
}

/// The commands that read, change, unlock or restore an encrypted ledger, each with what it
/// is run with.
const EVERY_KIND: [&[&str]; 5] = [
    &["list"],
    &["person", "add", "Sam Okafor"],
    &["unlock"],
    &["restore-backup", "1", "--force"],
    &["status"],
];

/// Runs `args` on `v` with `passphrase_command` as its passphrase command, and checks it
/// fails as `status` fails (exit 2) or as every other command does (exit 1), saying `needle`,
/// with every file byte for byte as it was.
fn refused(v: &Vault, args: &[&str], passphrase_command: &str, needle: &str) {
    let before = snapshot(v.dir.path());
    let out = v
        .bare(args)
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", passphrase_command)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = if args[0] == "status" { 2 } else { 1 };
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
    assert_eq!(snapshot(v.dir.path()), before, "{args:?} changed a file");
}

/// A wrong passphrase says so to every kind of command and changes nothing, byte for byte;
/// `decrypt` and `passphrase` are tested so above. `unlock`, which changes no file anyway,
/// says what it leaves instead (below).
#[test]
fn a_wrong_passphrase_is_said_by_every_command_and_changes_nothing() {
    let v = Vault::encrypted_team();
    for args in EVERY_KIND {
        let leaves = if args == ["unlock"] {
            "the ledger stays locked"
        } else {
            "nothing was changed"
        };
        refused(
            &v,
            args,
            "echo guess",
            &format!("it printed a wrong passphrase; {leaves}"),
        );
    }
}

/// What a wrong passphrase leaves `unlock` with: it said "nothing was changed", which an
/// `unlock` never changes, so it told nothing. It now says what is missing (the ledger stays
/// locked, and every command will ask for the passphrase) and what to do (`unlock` again, or
/// `recover` for a passphrase forgotten), typed at the terminal as printed by the passphrase
/// command; every file stays byte for byte as it was, and the ledger locked.
#[test]
fn a_wrong_passphrase_at_unlock_says_the_ledger_stays_locked_and_what_to_do() {
    use tmux_support::Tmux;
    const LEAVES: &str = "the ledger stays locked, so every command will ask for the passphrase: run `trustladder unlock` again (a passphrase changed on another machine is the one here too once synced; forgotten, `trustladder recover --key FILE` sets a new one)";
    let v = Vault::encrypted_team();
    v.ok(&["lock"]);
    let before = snapshot(v.dir.path());
    let mut guessed = v.bare(&["unlock"]);
    guessed.env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo guess");
    let said = v.fails(guessed, LEAVES);
    assert_eq!(
        said,
        format!(
            "trustladder: {}: the passphrase command in TRUSTLADDER_PASSPHRASE_COMMAND: it printed a wrong passphrase; {LEAVES}\n",
            v.path.display()
        )
    );

    let command = format!("exec {} unlock", v.shell_line(&[]));
    let tmux = Tmux::start("unlock-wrong", &command);
    for asked in 1..=3 {
        tmux.wait_until("the prompt again", |screen| {
            screen.matches("Passphrase for").count() == asked
        });
        tmux.text("guess");
        tmux.keys(&["Enter"]);
    }
    assert_eq!(tmux.wait_exit(), "1", "{}", tmux.screen());
    let said = tmux.history_joined();
    let lines: Vec<&str> = said
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with("Pane is dead"))
        .collect();
    let prompt = format!("Passphrase for {}:", v.path.display());
    let last = format!(
        "trustladder: {}: wrong passphrase; {LEAVES}",
        v.path.display()
    );
    assert_eq!(
        lines,
        [
            prompt.as_str(),
            "trustladder: wrong passphrase",
            prompt.as_str(),
            "trustladder: wrong passphrase",
            prompt.as_str(),
            last.as_str(),
        ],
        "{said}"
    );
    assert_eq!(snapshot(v.dir.path()), before);
    v.fails(v.bare(&["list"]), "encrypted and locked");
}

/// A sealed data file with a byte changed inside its payload, or cut short at its end, is
/// refused as a damaged JSON file is, by every command, naming `check` and
/// `restore-backup`, which puts a backup back.
#[test]
fn a_sealed_data_file_changed_or_cut_short_names_restore_backup() {
    let v = Vault::encrypted_team();
    let whole = v.bytes();
    let mut changed = whole.clone();
    let at = whole.len() - 100;
    changed[at] ^= 1;
    for damaged in [changed, whole[..whole.len() - 40].to_vec()] {
        std::fs::write(&v.path, &damaged).unwrap();
        for args in [&["list"][..], &["person", "add", "Sam Okafor"]] {
            refused(
                &v,
                args,
                &v.passphrase_command(),
                "the encrypted file is damaged or cut off. Nothing was changed; run `trustladder check` to see the backups that can be restored with `trustladder restore-backup`",
            );
        }
        v.ok(&["restore-backup", "1", "--force"]);
        assert!(v.ok(&["list"]).contains("Send the Q3 numbers"));
        std::fs::write(&v.path, &whole).unwrap();
    }
}

/// `encrypt` on an encrypted ledger whose data file is damaged said only that it is encrypted
/// already, and that `passphrase` changes its passphrase. It now says that the file cannot be
/// read and why, as `check` finds it (looked inside with the key where it is at hand, else by
/// its age header alone), with `check` and `restore-backup` to follow; every file stays byte
/// for byte as it was.
#[test]
fn encrypt_over_a_damaged_encrypted_file_says_it_cannot_be_read() {
    let v = Vault::encrypted_team();
    let whole = v.bytes();
    let mut changed = whole.clone();
    changed[whole.len() / 2] ^= 1;
    let inside = "the encrypted file is damaged or cut off";
    for (bytes, encrypt, why) in [
        (changed, v.cmd(&["encrypt"]), inside),
        (
            whole[..whole.len() - 40].to_vec(),
            v.cmd(&["encrypt"]),
            inside,
        ),
        // Cut inside its age header: seen without the key, as a locked `check` sees it.
        (
            whole[..100].to_vec(),
            v.bare(&["encrypt"]),
            "its encryption header is cut off or damaged: no key opens it",
        ),
    ] {
        std::fs::write(&v.path, &bytes).unwrap();
        let said = v.fails(encrypt, why);
        assert_eq!(
            said,
            format!(
                "trustladder: {} is already encrypted, but it cannot be read ({why}); nothing was changed: `trustladder check` lists its backups, which its key opens, and `trustladder restore-backup N` puts one back\n",
                v.path.display()
            )
        );
    }
    std::fs::write(&v.path, &whole).unwrap();
    v.fails(
        v.cmd(&["encrypt"]),
        "is already encrypted; `trustladder passphrase` changes its passphrase",
    );
}

/// `encrypt` over an encrypted data file that is damaged, with backups left in plain text (an
/// `encrypt` stopped before it sealed them), sealed the backups and said so, the damage
/// unsaid. It now refuses before it changes anything, naming the damage as `check` finds it,
/// with `check` and `restore-backup` to follow: where the key is at hand, where it is not and
/// the header shows the damage, and where it shows only once the passphrase is typed.
#[test]
fn encrypt_over_a_damaged_data_file_with_backups_left_plain_seals_nothing() {
    use tmux_support::Tmux;
    let v = Vault::new();
    v.team();
    let plain: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(v.dir.path().join("backups"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    assert!(plain.len() >= 3, "{} backups", plain.len());
    v.ok(&["encrypt"]);
    for (path, bytes) in &plain {
        std::fs::write(path, bytes).unwrap();
    }
    let whole = v.bytes();
    let mut changed = whole.clone();
    changed[whole.len() / 2] ^= 1;
    let said = |why: &str| {
        format!(
            "trustladder: {} is encrypted, but it cannot be read ({why}); its backups left in plain text were not sealed, and nothing was changed: `trustladder check` lists the backups and `trustladder restore-backup N` puts one back, then `trustladder encrypt` seals those left plain\n",
            v.path.display()
        )
    };
    let inside = "the encrypted file is damaged or cut off";
    let header = "its encryption header is cut off or damaged: no key opens it";
    for (bytes, locked, why) in [
        (changed.clone(), false, inside),
        (whole[..whole.len() - 40].to_vec(), false, inside),
        // Cut inside its age header: seen without the key, before anything is asked.
        (whole[..100].to_vec(), true, header),
    ] {
        std::fs::write(&v.path, &bytes).unwrap();
        let run = |args: &[&str]| if locked { v.bare(args) } else { v.cmd(args) };
        assert_eq!(v.fails(run(&["encrypt"]), why), said(why));
        let check = run(&["check"]).output().unwrap();
        assert_eq!(check.status.code(), Some(1));
        let check = String::from_utf8_lossy(&check.stdout).into_owned();
        assert!(
            check.contains(&format!("state: damaged ({why})")),
            "{check}"
        );
    }
    // Locked, at a terminal: the damage inside shows once the typed passphrase opens the key,
    // and nothing is sealed then either.
    std::fs::write(&v.path, &changed).unwrap();
    let before = snapshot(v.dir.path());
    let tmux = Tmux::start(
        "encrypt-damaged-typed",
        &format!("exec {} encrypt", v.shell_line(&[])),
    );
    tmux.wait_for("Passphrase for");
    tmux.text(&v.passphrase);
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), "1", "{}", tmux.screen());
    let history = tmux.history_joined();
    assert!(history.contains(said(inside).trim_end()), "{history}");
    assert_eq!(snapshot(v.dir.path()), before);
    // Whole again, the backups left plain are sealed, as an `encrypt` stopped half-way is
    // finished.
    std::fs::write(&v.path, &whole).unwrap();
    let done = v.ok(&["encrypt"]);
    assert!(
        done.contains(&format!(
            "{} backups left in plain text are now encrypted too",
            plain.len()
        )),
        "{done}"
    );
}

/// A missing key file is named by every kind of command, with the way back through the
/// recovery key, and nothing is changed.
#[test]
fn a_missing_key_file_is_named_by_every_command_with_the_way_back() {
    let v = Vault::encrypted_team();
    std::fs::rename(v.key_file(), v.dir.path().join("key-aside")).unwrap();
    let named = format!(
        "the key file {} is missing: put it back from a backup or another machine, or run `trustladder recover --key FILE` with the recovery key",
        v.key_file().display()
    );
    for args in EVERY_KIND {
        refused(&v, args, &v.passphrase_command(), &named);
    }
}

/// A vault holding a plain ledger large enough for the agent to keep its text (1,200
/// promises, over 256 KiB), one of them the secret, not encrypted yet; and the file's length.
fn large_plain_vault() -> (Vault, u64) {
    let v = Vault::new();
    let mut ledger = store_support::sample(40, 1_200);
    ledger.promises[7].what = crypt_support::SECRET.to_string();
    let plain = trustladder::store::encode(&ledger);
    std::fs::write(&v.path, &plain).unwrap();
    assert!(plain.len() > 256 * 1024);
    (v, plain.len() as u64)
}

/// A large encrypted ledger's plain text is kept by the agent for the commands after the one
/// that opened it (docs/PRIVACY.md, "The agent"), and a file changed since, by a save or by
/// damage, is never read from it.
#[test]
fn the_agent_keeps_a_large_ledger_s_text_for_the_next_command_and_never_a_changed_file_s() {
    use trustladder::crypt::agent::Agent;
    let (v, len) = large_plain_vault();
    // Kept only within the limit of locked memory, less a MiB left to the keys: where that
    // is too low, the agent keeps no text and every command opens the file itself.
    let kept = usize::from(crypt_support::texts_may_be_kept(len));
    v.ok(&["encrypt"]);
    v.ok(&["unlock", "--for", "10m"]);
    let agent = Agent::new(v.agent.path().join("agent"));
    let texts = || agent.status().unwrap().expect("the agent runs").texts;
    let run = |args: &[&str]| v.agent_ok(args);

    // The agent answers in order: asked after `unlock`, it has opened the file.
    assert_eq!(texts(), kept, "the text of the file unlocked is kept");
    // `check` says so (and opens the file itself all the same).
    let says_kept = |check: &[u8]| {
        String::from_utf8_lossy(check).contains(
            "unlocked, so the files were checked inside; the agent keeps its plain text in locked memory",
        )
    };
    let checked = run(&["check"]);
    assert_eq!(
        says_kept(&checked),
        kept == 1,
        "{}",
        String::from_utf8_lossy(&checked)
    );
    let json: serde_json::Value = serde_json::from_slice(&run(&["check", "--json"])).unwrap();
    assert_eq!(json["encryption"]["text_kept"], kept == 1, "{json}");
    let listed = run(&["list", "--json"]);
    assert_eq!(texts(), kept, "one text for one file");
    assert!(String::from_utf8_lossy(&listed).contains(crypt_support::SECRET));
    assert_eq!(
        run(&["list", "--json"]),
        listed,
        "read from the text, the same"
    );

    // #6 is open (every fifth promise of the sample is), and its due day is long past.
    let status = |listed: &str| {
        let sixth = &listed[listed.find("\"id\": 6,").unwrap()..];
        let status = &sixth[sixth.find("\"status\": \"").unwrap() + 11..];
        status[..status.find('"').unwrap()].to_string()
    };
    assert_eq!(status(&String::from_utf8_lossy(&listed)), "open");
    run(&["keep", "6"]);
    let kept = String::from_utf8(run(&["list", "--json"])).unwrap();
    assert_eq!(status(&kept), "kept_late");
    assert_eq!(
        run(&["list", "--json"]),
        kept.as_bytes(),
        "the saved file's text"
    );

    // Damaged in its last chunk, the file is refused, not read from a text kept for it, and
    // `check` says no text is kept for it.
    let mut sealed = v.bytes();
    *sealed.last_mut().unwrap() ^= 1;
    std::fs::write(&v.path, &sealed).unwrap();
    v.fails(v.bare(&["list"]), "damaged");
    let checked = v.bare(&["check"]).output().unwrap();
    assert!(!checked.status.success());
    assert!(!says_kept(&checked.stdout), "{checked:?}");
    v.ok(&["lock"]);
    crypt_support::assert_nowhere(crypt_support::SECRET, &[v.dir.path()]);
}

/// A large encrypted ledger replaced by another program (here a copy changed on another
/// machine, copied over it) is opened by the agent as soon as it is written (docs/PRIVACY.md,
/// "The agent"): the next command finds its text kept, and reads from it what the file holds.
#[test]
fn the_agent_opens_a_ledger_written_from_outside_for_the_next_command() {
    use trustladder::crypt::agent::Agent;
    let (v, len) = large_plain_vault();
    if !crypt_support::texts_may_be_kept(2 * len) {
        return;
    }
    v.ok(&["encrypt"]);
    v.ok(&["unlock", "--for", "10m"]);
    let agent = Agent::new(v.agent.path().join("agent"));
    let texts = || agent.status().unwrap().expect("the agent runs").texts;
    assert_eq!(texts(), 1, "the text of the file unlocked is kept");

    // Changed on another machine (a copy with no agent), then copied back over the ledger.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("ledger.json");
    std::fs::copy(&v.path, &copy).unwrap();
    std::fs::copy(v.key_file(), elsewhere.path().join("ledger.json.key")).unwrap();
    let kept = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env_remove("TRUSTLADDER_FILE")
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", v.passphrase_command())
        .env("TRUSTLADDER_AGENT_DIR", elsewhere.path().join("no-agent"))
        .arg("--file")
        .arg(&copy)
        .args(["--today", "2026-11-24", "keep", "6"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(kept.status.success(), "{kept:?}");
    std::fs::write(&v.path, std::fs::read(&copy).unwrap()).unwrap();

    // Asked by the new file's hash, as a command that only reads asks (no memory is lent to
    // fill): only the agent's watch can have opened it.
    let keys = trustladder::crypt::keyfile::KeyFile::read(&v.path)
        .unwrap()
        .expect("the key file")
        .unwrap(&secrecy::SecretString::from(v.passphrase.clone()))
        .unwrap();
    let written = v.bytes();
    let opened = || {
        agent
            .text(
                &keys.key_id(),
                || trustladder::crypt::agent::sealed_hash(&written),
                Some(trustladder::crypt::agent::Lease::Read),
            )
            .unwrap()
            .is_some()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !opened() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(opened(), "the file written from outside is opened");
    assert_eq!(texts(), 1, "into the memory of the text it replaces");
    let json: serde_json::Value =
        serde_json::from_slice(&v.agent_ok(&["check", "--json"])).unwrap();
    assert_eq!(json["encryption"]["text_kept"], true, "{json}");
    let listed = String::from_utf8(v.agent_ok(&["list", "--json"])).unwrap();
    assert!(listed.contains(crypt_support::SECRET));
    let sixth = &listed[listed.find("\"id\": 6,").unwrap()..];
    assert!(sixth.contains("\"status\": \"kept_late\""), "{sixth}");
    v.ok(&["lock"]);
}

/// A change to a large encrypted ledger whose text the agent keeps writes the saved file's
/// text over the one it read (docs/PRIVACY.md, "The agent"): the next command, however soon
/// after, finds the saved file's text kept, and reads from it exactly what the file holds,
/// as the age tool opens it.
#[test]
fn a_change_leaves_the_agent_the_saved_file_s_text_and_it_is_the_file_s() {
    let (v, len) = large_plain_vault();
    let kept = crypt_support::texts_may_be_kept(2 * len);
    let printed = v.ok(&["encrypt"]);
    let key_path = v.dir.path().join("recovery.txt");
    std::fs::write(&key_path, format!("{}\n", recovery_line(&printed))).unwrap();
    v.ok(&["unlock", "--for", "10m"]);
    let run = |args: &[&str]| v.agent_ok(args);
    let opened_by_age = || crypt_support::opened_by_age(&key_path, &v.path);
    // #6, #11, #16 and #21 are open (every fifth promise of the sample is).
    for change in [
        &["keep", "6"][..],
        &[
            "edit",
            "11",
            "--what",
            "Book the room for the offsite, and the train",
        ],
        &["edit", "16", "--what", "Call"],
        &["break", "21"],
    ] {
        run(change);
        let json: serde_json::Value = serde_json::from_slice(&run(&["check", "--json"])).unwrap();
        assert_eq!(
            json["encryption"]["text_kept"], kept,
            "{change:?}: the saved file's text is kept at once"
        );
        let exported = run(&["export", "--format", "json"]);
        assert!(
            exported == opened_by_age(),
            "{change:?}: what the next command reads is what the file holds"
        );
    }
    // Changed elsewhere (a version put back as another machine's sync would): the agent's
    // text is of another file, whose memory the next change decrypts this one into.
    let before = v.bytes();
    run(&["keep", "26"]);
    std::fs::write(&v.path, &before).unwrap();
    run(&["keep", "31"]);
    let json: serde_json::Value = serde_json::from_slice(&run(&["check", "--json"])).unwrap();
    assert_eq!(
        json["encryption"]["text_kept"], kept,
        "a change to a file changed elsewhere leaves its text kept at once"
    );
    let exported = run(&["export", "--format", "json"]);
    assert!(exported == opened_by_age(), "and it is the file's");
    let listed = String::from_utf8(run(&["list", "--json"])).unwrap();
    assert!(listed.contains("Book the room for the offsite, and the train"));
    assert!(listed.contains(crypt_support::SECRET));
    std::fs::remove_file(&key_path).unwrap();
    v.ok(&["lock"]);
    crypt_support::assert_nowhere(crypt_support::SECRET, &[v.dir.path()]);
}
