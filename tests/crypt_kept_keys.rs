//! Backups sealed with older keys kept in the backups folder, each with the passphrase of its
//! time (docs/PRIVACY.md, "Several machines"), opened by `decrypt` typed at a terminal or
//! from a script: the passphrase given for the ledger's own key is tried on them first, and
//! each other is asked for by its own prompt, or by the passphrase command run again with
//! `TRUSTLADDER_PASSPHRASE_FOR` naming it.

mod crypt_support;
mod tmux_support;

use std::path::{Path, PathBuf};

use crypt_support::Vault;
use tmux_support::{Tmux, quoted};

/// Runs a command on `v` that must succeed, its passphrase command printing `passphrase`;
/// returns what it printed.
fn run_with(v: &Vault, passphrase: &str, args: &[&str]) -> String {
    let out = v
        .bare(args)
        .env(
            "TRUSTLADDER_PASSPHRASE_COMMAND",
            format!("printf '%s' '{passphrase}'"),
        )
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Moves every backup of `v` (the kept keys are not backups) into `to`.
fn move_backups(v: &Vault, to: &Path) {
    let backups = v.dir.path().join("backups");
    for entry in std::fs::read_dir(&backups).expect("the backups folder") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("ledger.json.0") {
            std::fs::rename(&path, to.join(&name)).expect("a backup is moved");
        }
    }
}

/// A ledger sealed with a third key (passphrase `now`), its backups sealed with two older
/// keys kept in the backups folder, with the passphrases `first` and `second`: what a
/// `decrypt` taken in from another machine, an `encrypt` here, then the same again leave
/// (`tests/crypt_sync.rs`, `a_second_decrypt_taken_in_keeps_the_first_keys_copy_for_its_backups`,
/// which shows sync doing it). Here the files are moved by hand, where sync would keep them.
/// Returns the two kept copies, the first key's, then the second's.
fn sealed_with_two_kept_keys(v: &Vault, first: &str, second: &str, now: &str) -> [PathBuf; 2] {
    sealed_with_two_kept_keys_saying(v, first, second, now).0
}

/// [`sealed_with_two_kept_keys`], and what the last `encrypt` said.
fn sealed_with_two_kept_keys_saying(
    v: &Vault,
    first: &str,
    second: &str,
    now: &str,
) -> ([PathBuf; 2], String) {
    let backups = v.dir.path().join("backups");
    let aside = v.dir.path().join("aside");
    std::fs::create_dir(&aside).unwrap();
    let mut kept = Vec::new();
    for (passphrase, promise) in [(first, "Under the first key"), (second, "Under the second")] {
        if kept.is_empty() {
            run_with(v, passphrase, &["person", "add", "Priya Raman"]);
        }
        run_with(v, passphrase, &["encrypt"]);
        run_with(v, passphrase, &["promise", "add", "priya", promise]);
        run_with(v, passphrase, &["promise", "add", "priya", "And one more"]);
        // Decrypted elsewhere: the ledger is plain, its backups here stay sealed, and a
        // copy of the key file is kept for them.
        let key = std::fs::read_to_string(v.key_file()).unwrap();
        move_backups(v, &aside);
        let kept_before: Vec<PathBuf> = kept
            .iter()
            .map(|(path, _): &(PathBuf, String)| {
                let to = aside.join(path.file_name().unwrap());
                std::fs::rename(path, &to).unwrap();
                to
            })
            .collect();
        run_with(v, passphrase, &["decrypt", "--yes"]);
        for ((path, _), from) in kept.iter().zip(&kept_before) {
            std::fs::rename(from, path).unwrap();
        }
        for entry in std::fs::read_dir(&aside).unwrap() {
            let path = entry.unwrap().path();
            std::fs::rename(&path, backups.join(path.file_name().unwrap())).unwrap();
        }
        let path = trustladder::crypt::keyfile::kept_copy_path(&v.path, &key);
        std::fs::write(&path, &key).unwrap();
        kept.push((path, key));
    }
    let said = run_with(v, now, &["encrypt"]);
    let [(first, _), (second, _)] = <[_; 2]>::try_from(kept).unwrap();
    assert_ne!(first, second, "each key kept under a name of its own");
    ([first, second], said)
}

/// How many times `what` is in everything the terminal printed.
fn printed(tmux: &Tmux, what: &str) -> usize {
    tmux.history_joined().matches(what).count()
}

/// Waits until `what` was printed `n` times.
fn wait_printed(tmux: &Tmux, what: &str, n: usize) {
    for _ in 0..200 {
        if printed(tmux, what) >= n {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!(
        "'{what}' not printed {n} times; the terminal:\n{}",
        tmux.history_joined()
    );
}

/// Types `text`, then Enter.
fn answer(tmux: &Tmux, text: &str) {
    tmux.text(text);
    tmux.keys(&["Enter"]);
}

/// The prompt for the key kept in `path`.
fn prompt_for(path: &Path) -> String {
    format!("Passphrase of the older key kept in {} for", path.display())
}

/// Every backup plain, and the kept keys gone: what a `decrypt` that opened them all leaves.
fn assert_all_plain(v: &Vault, kept: &[PathBuf]) {
    for entry in std::fs::read_dir(v.dir.path().join("backups")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"{"), "{} is not plain", path.display());
    }
    assert!(std::fs::read(&v.path).unwrap().starts_with(b"{"));
    for path in kept {
        assert!(!path.exists(), "{} is left", path.display());
    }
}

/// The ledger's passphrase is that of the first kept key (set again when it was encrypted
/// again), the second's another: the passphrase typed for the ledger opens the first without
/// a word, as docs/PRIVACY.md says, and only the second is asked for. The first was asked for
/// again at a prompt of its own, which named no passphrase the user would tell from the
/// ledger's.
#[test]
fn decrypt_opens_a_kept_key_with_the_passphrase_typed_and_asks_for_the_others() {
    let v = Vault::new();
    let [first, second] = sealed_with_two_kept_keys(&v, "same old", "the second", "same old");
    let command = format!("exec {} decrypt --yes", v.shell_line(&[]));
    let tmux = Tmux::start("kept-typed", &command);
    wait_printed(&tmux, "Current passphrase for", 1);
    answer(&tmux, "same old");
    wait_printed(&tmux, &prompt_for(&second), 1);
    answer(&tmux, "the second");
    assert_eq!(tmux.wait_exit(), "0", "{}", tmux.history_joined());
    assert_eq!(
        printed(&tmux, &prompt_for(&first)),
        0,
        "{}",
        tmux.history_joined()
    );
    assert_all_plain(&v, &[first, second]);
}

/// Three passphrases, one a key: the second key's typed at the first key's prompt opens the
/// second, says so and costs the first no try; the first is asked for again where a backup
/// needs it, and its own passphrase opens it. It was a wrong try of the first, and three such
/// left the first unopened for the rest of the run, so `decrypt` changed nothing.
#[test]
fn a_kept_key_s_passphrase_typed_at_another_s_prompt_opens_it_and_costs_no_try() {
    let v = Vault::new();
    let [first, second] =
        sealed_with_two_kept_keys(&v, "the first", "the second", "the ledger now");
    let command = format!("exec {} decrypt --yes", v.shell_line(&[]));
    let tmux = Tmux::start("kept-mixed", &command);
    wait_printed(&tmux, "Current passphrase for", 1);
    answer(&tmux, "the ledger now");
    wait_printed(&tmux, &prompt_for(&first), 1);
    answer(&tmux, "the second");
    wait_printed(
        &tmux,
        &format!(
            "trustladder: that passphrase opens the older key kept in {}, not this one",
            second.display()
        ),
        1,
    );
    wait_printed(&tmux, &prompt_for(&first), 2);
    answer(&tmux, "the first");
    assert_eq!(tmux.wait_exit(), "0", "{}", tmux.history_joined());
    let history = tmux.history_joined();
    assert!(!history.contains("wrong passphrase"), "{history}");
    assert_eq!(printed(&tmux, &prompt_for(&second)), 0, "{history}");
    assert_all_plain(&v, &[first, second]);
}

/// Echo stays off from the ledger's prompt to the kept key's, while `decrypt` waits for the
/// lock another process holds between them (or tries the ledger's passphrase on the kept
/// key): each prompt's round had a guard of its own, the first giving the terminal back
/// echoing, and what was typed ahead meanwhile showed. It is read by the next prompt, as
/// between two tries, and the terminal echoes again once the command ends.
#[test]
fn what_is_typed_between_the_ledgers_prompt_and_a_kept_keys_is_never_shown() {
    let v = Vault::new();
    let kept = plain_with_one_kept_key(&v, "the old one");
    run_with(&v, "now", &["encrypt"]);
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(trustladder::store::lock_path(&v.path))
        .expect("the lock file");
    lock.lock().expect("the lock is taken");
    let modes = "$(stty -a | tr ' ;' '\\n\\n' | grep -x -e -echo -e echo)";
    let command = format!(
        "{} decrypt --yes; echo exit=$? modes: {modes}; sleep 60",
        v.shell_line(&[])
    );
    let tmux = Tmux::start(
        "kept-typed-ahead",
        &format!("sh -c {}", quoted(Path::new(&command))),
    );
    wait_printed(&tmux, "Current passphrase for", 1);
    answer(&tmux, "now");
    wait_printed(&tmux, "waiting for another trustladder process", 1);
    tmux.text("TYPED-AHEAD");
    tmux.keys(&["Enter"]);
    // tmux has written the keys to the terminal once it answers a later command.
    tmux.flag("pane_tty");
    lock.unlock().expect("the lock is let go");
    wait_printed(&tmux, "trustladder: wrong passphrase", 1);
    wait_printed(&tmux, &prompt_for(&kept), 2);
    answer(&tmux, "the old one");
    tmux.wait_for("exit=");
    let said = tmux.history_joined();
    assert!(said.contains("exit=0 modes: echo"), "{said}");
    assert!(!said.contains("TYPED-AHEAD"), "{said}");
    assert_all_plain(&v, &[kept]);
}

/// `encrypt` says which of the older keys kept the passphrase just set opens: it said of them
/// all that the passphrase of their time opens them, "not this one", where it opened the
/// first, or of them all that it opened them, where it opened one.
#[test]
fn encrypt_says_which_kept_key_the_passphrase_just_set_opens() {
    let v = Vault::new();
    let ([first, second], said) =
        sealed_with_two_kept_keys_saying(&v, "same old", "the second", "same old");
    assert!(
        said.contains(&format!(
            "stay sealed with the older keys kept in {}, {}: the passphrase just set opens the one in {} too; the one in {} opens with the passphrase the ledger had then, not this one: `trustladder decrypt` and `trustladder restore-backup`, run in a terminal, ask for it after this one",
            first.display(),
            second.display(),
            first.display(),
            second.display()
        )),
        "{said}"
    );
    let v = Vault::new();
    let (_, said) = sealed_with_two_kept_keys_saying(&v, "one", "two", "three");
    assert!(
        said.contains("the passphrases the ledger had then open them, not this one: `trustladder decrypt` and `trustladder restore-backup`, run in a terminal, ask for each after this one"),
        "{said}"
    );
}

/// A passphrase command that answers by `TRUSTLADDER_PASSPHRASE_FOR`, as a script keeping a
/// passphrase per key would: `ledger`'s for the ledger's own key (the variable set to
/// `ledger`), and each of `kept` (a kept key's file, its passphrase) for that file. Each
/// value it is asked for is written to `log`, a line each. The script is written in `dir`.
fn answering_script(dir: &Path, ledger: &str, kept: &[(&Path, &str)], log: &Path) -> String {
    let mut script = format!(
        "printf '%s\\n' \"${{TRUSTLADDER_PASSPHRASE_FOR-unset}}\" >> '{}'\ncase \"$TRUSTLADDER_PASSPHRASE_FOR\" in\n",
        log.display()
    );
    for (path, passphrase) in kept {
        script.push_str(&format!("  '{}') echo '{passphrase}' ;;\n", path.display()));
    }
    script.push_str(&format!(
        "  ledger) echo '{ledger}' ;;\n  *) exit 9 ;;\nesac\n"
    ));
    let path = dir.join("answer.sh");
    std::fs::write(&path, script).unwrap();
    format!("sh '{}'", path.display())
}

/// From a script, a kept key whose passphrase is not the ledger's opened with nothing: the
/// command printed one passphrase, and `decrypt` changed nothing, naming a terminal as the
/// only way. The command is now run again for that key, the variable naming its file, and
/// `decrypt` ends with every backup plain and the kept keys gone; the kept key the ledger's
/// passphrase opens is not asked for, nor is the command run for it.
#[test]
fn a_script_answers_for_each_kept_key_by_the_variable_that_names_it() {
    let v = Vault::new();
    let [first, second] = sealed_with_two_kept_keys(&v, "same old", "the second", "same old");
    let aside = tempfile::tempdir().unwrap();
    let log = aside.path().join("asked");
    let command = answering_script(
        aside.path(),
        "same old",
        &[(&first, "not this one"), (&second, "the second")],
        &log,
    );
    let out = v
        .bare(&["decrypt", "--yes"])
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", &command)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        format!("ledger\n{}\n", second.display())
    );
    assert_all_plain(&v, &[first, second]);
}

/// A script that prints a wrong passphrase for a kept key: `decrypt` names that key's file
/// and the variable, and every file stays byte for byte as it was.
#[test]
fn a_wrong_passphrase_a_script_prints_for_a_kept_key_names_it_and_changes_nothing() {
    let v = Vault::new();
    let [_, second] = sealed_with_two_kept_keys(&v, "same old", "the second", "same old");
    let aside = tempfile::tempdir().unwrap();
    let command = answering_script(
        aside.path(),
        "same old",
        &[(&second, "not the second")],
        &aside.path().join("asked"),
    );
    let mut decrypt = v.bare(&["decrypt", "--yes"]);
    decrypt.env("TRUSTLADDER_PASSPHRASE_COMMAND", &command);
    let said = v.fails(
        decrypt,
        &format!(
            "may be to an older one kept in {} for the backups sealed with it, which the passphrase TRUSTLADDER_PASSPHRASE_COMMAND printed for it does not open",
            second.display()
        ),
    );
    assert!(said.contains("TRUSTLADDER_PASSPHRASE_FOR"), "{said}");
}

/// `check` with two kept keys, the passphrase given opening the first and not the second:
/// each backup the second seals said, in a paragraph of its own, that the file was not
/// sealed to this ledger's key and may be to an older one, which the passphrase did not open,
/// and every way to open it. Now each such backup says that no key open here opens it, and a
/// line per kept key says its file, how many backups it seals and whether it is open, or why
/// not and what opens it. A script answering for each key opens both.
#[test]
fn check_says_each_kept_key_on_a_line_of_its_own() {
    let v = Vault::new();
    let [first, second] = sealed_with_two_kept_keys(&v, "same old", "the second", "same old");
    let checked = run_with(&v, "same old", &["check"]);
    let name = |path: &Path| path.file_name().unwrap().to_string_lossy().into_owned();
    let (a, b) = (name(&first), name(&second));
    let w = a.len().max(b.len());
    let kept_lines = |second_state: &str| {
        format!(
            "kept keys in {} (older keys of this ledger, each for the backups sealed with it; `trustladder decrypt` asks for each one's passphrase in a terminal, and a script's TRUSTLADDER_PASSPHRASE_COMMAND is run for each with TRUSTLADDER_PASSPHRASE_FOR set to its file):\n    {a:<w$}  seals 2 backups; open\n    {b:<w$}  seals 2 backups; {second_state}\n",
            v.dir.path().join("backups").display()
        )
    };
    assert!(
        checked.ends_with(&kept_lines("not open: TRUSTLADDER_PASSPHRASE_COMMAND printed a wrong passphrase for it; the passphrase the ledger had then opens it, or the recovery key of that time with the `age` tool")),
        "{checked}"
    );
    let shut: Vec<&str> = checked
        .lines()
        .filter(|line| line.contains("ledger.json.0") && !line.contains(" ok, "))
        .collect();
    assert_eq!(shut.len(), 2, "{checked}");
    for line in shut {
        assert!(
            line.ends_with(
                "encrypted (not looked inside: none of the keys open here opens it; see the kept keys below)"
            ),
            "{line}"
        );
    }
    let aside = tempfile::tempdir().unwrap();
    let command = answering_script(
        aside.path(),
        "same old",
        &[(&second, "the second")],
        &aside.path().join("asked"),
    );
    let out = v
        .bare(&["check"])
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", &command)
        .output()
        .unwrap();
    let checked = String::from_utf8(out.stdout).unwrap();
    assert!(checked.ends_with(&kept_lines("open")), "{checked}");
}

/// Two kept keys, neither open (the ledger's passphrase is neither's): each line said it
/// "seals some of the 4 backups no open key opens", and nothing said why not which. No file
/// tells which key it is sealed to without that key (age's X25519 stanza names no recipient),
/// so each line now says that only its passphrase tells, and why. `check` exits 0 and changes
/// nothing.
#[test]
fn check_says_only_a_kept_key_s_passphrase_tells_which_backups_it_seals() {
    let v = Vault::new();
    let [first, second] = sealed_with_two_kept_keys(&v, "first", "second", "now");
    let before = crypt_support::snapshot(v.dir.path());
    let out = v
        .bare(&["check"])
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", "printf '%s' now")
        .output()
        .unwrap();
    let checked = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{checked}");
    assert_eq!(shut_backups(&checked).len(), 4, "{checked}");
    let name = |path: &Path| path.file_name().unwrap().to_string_lossy().into_owned();
    let mut names = [name(&first), name(&second)];
    names.sort();
    let w = names.iter().map(String::len).max().unwrap();
    let line = |name: &str| {
        format!(
            "    {name:<w$}  seals some of the 4 backups no open key opens (which ones, only its passphrase tells: a sealed file does not name the key it is sealed to); not open: TRUSTLADDER_PASSPHRASE_COMMAND printed a wrong passphrase for it; the passphrase the ledger had then opens it, or the recovery key of that time with the `age` tool\n"
        )
    };
    assert!(
        checked.ends_with(&format!("{}{}", line(&names[0]), line(&names[1]))),
        "{checked}"
    );
    assert_eq!(crypt_support::snapshot(v.dir.path()), before);
}

/// `check --json`'s kept keys, each as `(open, backups, backups_shared)`, by the name of its
/// file, sorted, the passphrase command printing `passphrase`; it exits 0.
fn kept_keys_json(v: &Vault, passphrase: &str) -> Vec<(String, bool, u64, bool)> {
    let out = v
        .bare(&["check", "--json"])
        .env(
            "TRUSTLADDER_PASSPHRASE_COMMAND",
            format!("printf '%s' '{passphrase}'"),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys: Vec<(String, bool, u64, bool)> = report["kept_keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| {
            let path = Path::new(key["path"].as_str().unwrap());
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                key["open"].as_bool().unwrap(),
                key["backups"].as_u64().unwrap(),
                key["backups_shared"].as_bool().unwrap(),
            )
        })
        .collect();
    keys.sort();
    keys
}

/// Where two or more keys are not open (kept ones, and the ledger's own), the text line of
/// each says it seals some of the backups no open key opens, but `check --json` gave each the
/// same count with nothing to say it is shared, so a script adding them counted those backups
/// twice. `backups_shared` says it: true for each key not open of two or more, false for one
/// open and for the only key not open.
#[test]
fn check_json_says_where_the_backups_no_open_key_opens_are_shared() {
    let name = |path: &Path| path.file_name().unwrap().to_string_lossy().into_owned();
    // Two kept keys, neither open, the ledger's own open.
    let v = Vault::new();
    let [first, second] = sealed_with_two_kept_keys(&v, "first", "second", "now");
    let before = crypt_support::snapshot(v.dir.path());
    let mut two = vec![
        (name(&first), false, 4, true),
        (name(&second), false, 4, true),
    ];
    two.sort();
    assert_eq!(kept_keys_json(&v, "now"), two);
    assert_eq!(crypt_support::snapshot(v.dir.path()), before);
    // One kept key beside a plain ledger: open, or the only one not open, its count its own.
    let v = Vault::new();
    let kept = name(&plain_with_one_kept_key(&v, "the old one"));
    assert_eq!(
        kept_keys_json(&v, "the old one"),
        [(kept.clone(), true, 2, false)]
    );
    assert_eq!(kept_keys_json(&v, "wrong"), [(kept, false, 2, false)]);
    // One kept key not open beside an encrypted ledger whose own key is not open either.
    let v = Vault::new();
    let kept = name(&plain_with_one_kept_key(&v, "the old one"));
    run_with(&v, "now", &["encrypt"]);
    run_with(&v, "now", &["promise", "add", "priya", "Under the new key"]);
    assert_eq!(kept_keys_json(&v, "wrong"), [(kept, false, 3, true)]);
}

/// A plain ledger (passphrase `then`) decrypted elsewhere: its two backups here stay sealed,
/// with a copy of its key kept for them in the backups folder. Returns that copy.
fn plain_with_one_kept_key(v: &Vault, then: &str) -> PathBuf {
    let aside = v.dir.path().join("aside");
    std::fs::create_dir(&aside).unwrap();
    run_with(v, then, &["person", "add", "Priya Raman"]);
    run_with(v, then, &["encrypt"]);
    run_with(v, then, &["promise", "add", "priya", "Under the old key"]);
    run_with(v, then, &["promise", "add", "priya", "And one more"]);
    let key = std::fs::read_to_string(v.key_file()).unwrap();
    move_backups(v, &aside);
    run_with(v, then, &["decrypt", "--yes"]);
    for entry in std::fs::read_dir(&aside).unwrap() {
        let path = entry.unwrap().path();
        let to = v.dir.path().join("backups").join(path.file_name().unwrap());
        std::fs::rename(&path, to).unwrap();
    }
    let path = trustladder::crypt::keyfile::kept_copy_path(&v.path, &key);
    std::fs::write(&path, &key).unwrap();
    path
}

/// The lines of `checked` on backups that were not looked inside.
fn shut_backups(checked: &str) -> Vec<&str> {
    checked
        .lines()
        .filter(|line| line.contains("ledger.json.0") && !line.contains(" ok, "))
        .collect()
}

/// A plain ledger's one kept key, and a script printing a wrong passphrase for it: each backup
/// it seals said the command's whole error, "nothing was changed" and the way to recover
/// included, and no line named the kept key. Now each says it is not looked inside and points
/// to the kept keys, whose line says the passphrase printed does not open it and what does,
/// once; the command is run once, the key unwrapped once.
#[test]
fn a_wrong_passphrase_for_a_plain_ledgers_kept_key_is_said_once_on_its_line() {
    let v = Vault::new();
    let kept = plain_with_one_kept_key(&v, "the old one");
    let aside = tempfile::tempdir().unwrap();
    let log = aside.path().join("asked");
    let command = answering_script(aside.path(), "x", &[(&kept, "not the old one")], &log);
    let out = v
        .bare(&["check"])
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", &command)
        .output()
        .unwrap();
    let checked = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{checked}");
    assert!(!checked.contains("nothing was changed"), "{checked}");
    let shut = shut_backups(&checked);
    assert_eq!(shut.len(), 2, "{checked}");
    for line in shut {
        assert!(
            line.ends_with(
                "encrypted (not looked inside: none of the keys open here opens it; see the kept keys below)"
            ),
            "{line}"
        );
    }
    assert!(
        checked.ends_with(
            "\n    ledger.json.key  seals 2 backups; not open: TRUSTLADDER_PASSPHRASE_COMMAND printed a wrong passphrase for it; the passphrase the ledger had then opens it, or the recovery key of that time with the `age` tool\n"
        ),
        "{checked}"
    );
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        format!("{}\n", kept.display())
    );
}

/// An encrypted ledger (passphrase `now`) whose backups before its encrypt are sealed with a
/// kept key, and a passphrase command printing a wrong passphrase: the ledger's line says so,
/// the kept key's says it of that key, and the kept key was said to seal every backup, the
/// newest too, which the ledger's own key seals. Now it seals some of them, as no key is open
/// to tell which.
#[test]
fn a_wrong_passphrase_for_an_encrypted_ledger_with_a_kept_key_claims_no_backup_for_it() {
    let v = Vault::new();
    plain_with_one_kept_key(&v, "the old one");
    run_with(&v, "now", &["encrypt"]);
    run_with(&v, "now", &["promise", "add", "priya", "Under the new key"]);
    let checked = run_with(&v, "wrong", &["check"]);
    assert_eq!(shut_backups(&checked).len(), 3, "{checked}");
    assert_eq!(
        checked.matches("printed a wrong passphrase").count(),
        2,
        "{checked}"
    );
    assert!(
        checked.ends_with(
            "\n    ledger.json.key  seals some of the 3 backups no open key opens (which ones, only its passphrase tells: a sealed file does not name the key it is sealed to); not open: TRUSTLADDER_PASSPHRASE_COMMAND printed a wrong passphrase for it; the passphrase the ledger had then opens it, or the recovery key of that time with the `age` tool\n"
        ),
        "{checked}"
    );
}

/// A script that logs `TRUSTLADDER_PASSPHRASE_FOR` (or `unset`) to `log`, then prints
/// `passphrase`: what a new passphrase's command sees of the variable.
fn logging_script(dir: &Path, passphrase: &str, log: &Path) -> String {
    let path = dir.join("new.sh");
    std::fs::write(
        &path,
        format!(
            "printf '%s\\n' \"${{TRUSTLADDER_PASSPHRASE_FOR-unset}}\" >> '{}'\necho '{passphrase}'\n",
            log.display()
        ),
    )
    .unwrap();
    format!("sh '{}'", path.display())
}

/// `TRUSTLADDER_NEW_PASSPHRASE_COMMAND` was run with whatever `TRUSTLADDER_PASSPHRASE_FOR` the
/// environment held, so a script that answers by it could print a kept key's passphrase, or
/// fail, for the new one. Now `passphrase` and `recover` run it without the variable, and
/// `encrypt` runs the passphrase command for the ledger's new key with it set to `ledger`,
/// as for the ledger's own key everywhere else.
#[test]
fn the_new_passphrase_command_runs_without_the_variable_naming_a_key() {
    let v = Vault::new();
    let aside = tempfile::tempdir().unwrap();
    let asked = aside.path().join("asked");
    let now = answering_script(aside.path(), "first", &[], &asked);
    run_with(&v, "first", &["person", "add", "Priya Raman"]);
    let recovery = aside.path().join("recovery.txt");
    let encrypt = v
        .bare(&["encrypt", "--recovery-out", recovery.to_str().unwrap()])
        .env("TRUSTLADDER_PASSPHRASE_COMMAND", &now)
        .env("TRUSTLADDER_PASSPHRASE_FOR", "left over")
        .output()
        .unwrap();
    assert!(
        encrypt.status.success(),
        "{}",
        String::from_utf8_lossy(&encrypt.stderr)
    );
    assert_eq!(std::fs::read_to_string(&asked).unwrap(), "ledger\n");
    let log = aside.path().join("new");
    for (args, passphrase) in [
        (vec!["passphrase"], "second"),
        (
            vec!["recover", "--key", recovery.to_str().unwrap()],
            "third",
        ),
    ] {
        let out = v
            .bare(&args)
            .env("TRUSTLADDER_PASSPHRASE_COMMAND", &now)
            .env(
                "TRUSTLADDER_NEW_PASSPHRASE_COMMAND",
                logging_script(aside.path(), passphrase, &log),
            )
            .env("TRUSTLADDER_PASSPHRASE_FOR", "left over")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The current passphrase is the new one from now on.
        std::fs::write(
            aside.path().join("answer.sh"),
            format!("echo '{passphrase}'\n"),
        )
        .unwrap();
    }
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "unset\nunset\n");
    run_with(&v, "third", &["check"]);
}

/// `restore-backup` of a backup sealed with a plain ledger's one kept key, the passphrase
/// command printing a wrong passphrase: it said the generic wrong passphrase, whose way out,
/// `recover --key FILE`, has no key file of a plain ledger to set one in. Now it names the
/// kept key and what opens it, as where several are kept, and changes nothing.
#[test]
fn a_wrong_passphrase_for_a_plain_ledgers_one_kept_key_names_it_in_a_restore() {
    let v = Vault::new();
    let kept = plain_with_one_kept_key(&v, "the old one");
    let mut restore = v.bare(&["restore-backup", "1", "--force"]);
    restore.env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo wrong");
    let said = v.fails(
        restore,
        &format!(
            "may be to an older one kept in {} for the backups sealed with it, which the passphrase TRUSTLADDER_PASSPHRASE_COMMAND printed for it does not open: that key opens with the passphrase the ledger had when it was encrypted with it",
            kept.display()
        ),
    );
    assert!(!said.contains("recover --key"), "{said}");
}

/// `decrypt` beside a plain ledger whose one kept key the passphrase command's passphrase does
/// not open: it said the generic wrong passphrase, sending the user to `recover --key FILE`,
/// which has no key file of a plain ledger to set one in. Now it names the kept key and what
/// opens it, and changes nothing.
#[test]
fn a_wrong_passphrase_for_a_plain_ledgers_kept_key_names_it_in_a_decrypt() {
    let v = Vault::new();
    let kept = plain_with_one_kept_key(&v, "the old one");
    let mut decrypt = v.bare(&["decrypt", "--yes"]);
    decrypt.env("TRUSTLADDER_PASSPHRASE_COMMAND", "echo wrong");
    let said = v.fails(
        decrypt,
        &format!(
            "the backups still sealed open with the older key kept in {}, which the passphrase TRUSTLADDER_PASSPHRASE_COMMAND printed for it does not open: it opens with the passphrase the ledger had when it was encrypted with it",
            kept.display()
        ),
    );
    assert!(!said.contains("recover --key"), "{said}");
}
