//! The terminal UI on an encrypted ledger, in tmux: it asks for the passphrase in a masked
//! field before showing anything, counts wrong tries, hands the key to the agent, and locks
//! itself again (the ledger hidden behind the prompt) after the idle time.
//!
//! tmux must be installed (CI installs it); without it these tests fail and say so.

mod crypt_support;
mod store_support;
mod tmux_support;

use std::path::Path;

use crypt_support::{SECRET, Vault};
use tmux_support::{Tmux, quoted};

/// An encrypted team, and the UI started on it with no passphrase command, so only its own
/// prompt can unlock it; it locks after `lock_after`. Its standard error goes to a file in
/// the agent's folder.
fn ui_on_locked_team(name: &str, lock_after: &str) -> (Vault, Tmux) {
    let vault = Vault::encrypted_team();
    let tmux = ui_on(&vault, name, lock_after);
    (vault, tmux)
}

/// The UI started on `vault` as it is, with no passphrase command; it locks after
/// `lock_after` once the ledger is encrypted.
fn ui_on(vault: &Vault, name: &str, lock_after: &str) -> Tmux {
    let env = |var: &str, value: &Path| format!("{var}={}", quoted(value));
    let command = format!(
        "exec env -u TRUSTLADDER_PASSPHRASE_COMMAND -u TRUSTLADDER_FILE TRUSTLADDER_KDF_WORK_FACTOR=4 TRUSTLADDER_LOCK_AFTER={lock_after} {} {} {} --file {} --today 2026-11-24 2>{}",
        env("TRUSTLADDER_AGENT_DIR", &vault.agent.path().join("agent")),
        env("TMPDIR", &vault.dir.path().join("tmp")),
        quoted(Path::new(env!("CARGO_BIN_EXE_trustladder"))),
        quoted(&vault.path),
        quoted(&vault.agent.path().join("stderr")),
    );
    Tmux::start(name, &command)
}

/// `list` on `vault` with no passphrase command and the agent's folder `agent`: on a terminal,
/// it asks for the passphrase.
fn list_on(vault: &Vault, agent: &Path) -> String {
    format!(
        "{} list",
        vault.shell_line(&[("TRUSTLADDER_AGENT_DIR", &agent.to_string_lossy())]),
    )
}

#[test]
fn the_ui_asks_in_a_masked_field_then_locks_again_when_left_alone() {
    let (vault, tmux) = ui_on_locked_team("unlock", "4s");
    let screen = tmux.wait_for("This ledger is encrypted.");
    assert!(!screen.contains("Priya"), "{screen}");

    tmux.text("not it");
    let screen = tmux.wait_for("Passphrase: ••••••");
    assert!(!screen.contains("not it"), "{screen}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Wrong passphrase; 2 tries left.");

    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    // Bo comes first; Priya's page holds the promise.
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for(&SECRET[..15]);

    // Left alone, it locks: the promise leaves the screen for the prompt.
    tmux.wait_for_all_without(&["Locked after 4s unused."], &[&SECRET[..15], "Priya"]);

    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    // The key went to the agent before the ledger was drawn (starting the agent first, which
    // a loaded machine may take a while to do): its idle time is counted from no later than here.
    let unlocked = std::time::Instant::now();
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");

    // The agent held the key for the UI's own idle time: once that has passed unused, quitting
    // and starting again is no way around the passphrase.
    std::thread::sleep(std::time::Duration::from_secs(5).saturating_sub(unlocked.elapsed()));
    let out = vault.bare(&["list"]).output().expect("the binary runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("encrypted and locked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The messages `m` lists name colleagues and what was promised them: they go with the ledger
/// when the UI locks, and the popup open then with them; once unlocked, `m` lists only what
/// was said since.
#[test]
fn the_messages_go_with_the_ledger_when_the_ui_locks() {
    let (vault, tmux) = ui_on_locked_team("lock-messages", "4s");
    tmux.wait_for("This ledger is encrypted.");
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for(&SECRET[..15]);
    // Filtering Priya's promises by what one says: the status line says the words.
    tmux.keys(&["/"]);
    tmux.text("pipeline");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Filter 'pipeline'.");
    tmux.keys(&["m"]);
    // The popup's title is drawn before its lines.
    let screen = tmux.wait_until("the filter's words in the popup", |s| {
        s.contains("Messages, newest first") && s.matches("Filter 'pipeline'.").count() >= 2
    });
    assert_eq!(
        screen.matches("Filter 'pipeline'.").count(),
        2,
        "in the popup and on the status line: {screen}"
    );

    tmux.wait_for_all_without(
        &["Locked after 4s unused."],
        &["pipeline", "Messages", "Priya"],
    );
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Priya Raman");
    assert!(!screen.contains("Messages, newest first"), "{screen}");
    tmux.keys(&["m"]);
    let screen = tmux.wait_for("Messages, newest first");
    assert!(!screen.contains("pipeline"), "{screen}");
    assert!(!screen.contains("Filter"), "{screen}");
    tmux.keys(&["m", "q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// The UI hands the key it was given to the agent, as a command that asked would: the next
/// command needs no passphrase.
#[test]
fn the_ui_hands_the_key_to_the_agent() {
    let (vault, tmux) = ui_on_locked_team("handoff", "1h");
    tmux.wait_for("This ledger is encrypted.");
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    let out = vault.bare(&["list"]).output().expect("the binary runs");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(SECRET),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Unlocked in the UI, a large ledger's text is kept by the agent, as after `unlock`: a
/// command run beside the UI is handed it rather than decrypting the file.
#[test]
fn the_ui_has_the_agent_keep_a_large_ledger_s_text() {
    let vault = Vault::new();
    let mut ledger = store_support::sample(40, 1_200);
    ledger.promises[7].what = SECRET.to_string();
    std::fs::write(&vault.path, trustladder::store::encode(&ledger)).expect("written");
    let len = std::fs::metadata(&vault.path).expect("written").len();
    vault.ok(&["encrypt"]);
    let tmux = ui_on(&vault, "keeps", "1h");
    tmux.wait_for("This ledger is encrypted.");
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("People");
    let agent = trustladder::crypt::agent::Agent::new(vault.agent.path().join("agent"));
    let texts = || {
        agent
            .status()
            .expect("status")
            .expect("the agent runs")
            .texts
    };
    // The agent opens the file a moment after the prompt, once the UI has started.
    let want = usize::from(crypt_support::texts_may_be_kept(len));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while texts() != want && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(texts(), want);
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    vault.ok(&["lock"]);
}

#[test]
fn three_wrong_passphrases_end_the_ui_and_change_nothing() {
    let (vault, tmux) = ui_on_locked_team("wrong", "1h");
    tmux.wait_for("This ledger is encrypted.");
    let before = vault.bytes();
    for left in ["2 tries left", "one try left"] {
        tmux.text("wrong");
        tmux.keys(&["Enter"]);
        tmux.wait_for(left);
    }
    tmux.text("wrong");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), "1");
    let stderr = std::fs::read_to_string(vault.agent.path().join("stderr")).unwrap_or_default();
    // The ledger is named, as a command names it.
    assert_eq!(
        stderr,
        format!(
            "trustladder: {}: wrong passphrase; nothing was changed (a passphrase changed on \
             another machine is the one here too once synced; forgotten, `trustladder recover \
             --key FILE` sets a new one)\n",
            vault.path.display()
        )
    );
    assert_eq!(vault.bytes(), before);
    // Nothing reached the agent.
    vault.fails(vault.bare(&["list"]), "locked");
}

#[test]
fn esc_on_the_prompt_leaves_without_opening_anything() {
    let (vault, tmux) = ui_on_locked_team("esc", "1h");
    tmux.wait_for("This ledger is encrypted.");
    let before = vault.bytes();
    tmux.keys(&["Escape"]);
    assert_eq!(tmux.wait_exit(), "0");
    assert_eq!(vault.bytes(), before);
}

/// A UI open on a plain ledger that another terminal encrypts: the UI takes it as encrypted
/// from then on, and locks itself when left alone, as one opened on it would.
/// A plain ledger encrypted in another terminal while the UI is open, with no key at hand to
/// read it: the UI asks for the passphrase at once, as at its start (not after the idle time,
/// every reload failing meanwhile), and goes on with the ledger once it is given.
#[test]
fn a_ledger_encrypted_while_the_ui_is_open_asks_for_its_passphrase() {
    let vault = Vault::new();
    vault.team();
    let tmux = ui_on(&vault, "encrypted-while-open", "1h");
    tmux.wait_for("Priya Raman");
    vault.ok(&["encrypt"]);
    tmux.wait_for_all_without(&["This ledger is encrypted."], &["Priya Raman"]);
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    // Decrypted, then encrypted again (a new key): asked again, not left on an old copy.
    vault.ok(&["decrypt", "--yes"]);
    vault.ok(&["person", "add", "Zed New"]);
    tmux.wait_for("Zed New");
    vault.ok(&["encrypt"]);
    tmux.wait_for_all_without(&["This ledger is encrypted."], &["Priya Raman"]);
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Zed New");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// The encrypted data file cut off under an unlocked UI (a copy or a sync stopped half-way):
/// the UI dropped the ledger shown and asked for the passphrase, as for a ledger encrypted
/// elsewhere, then ended naming the damage; it now says so on the status line, as for a
/// plain ledger, the ledger shown kept with the key that writes it to a new file.
#[test]
fn a_sealed_file_cut_off_under_the_ui_is_said_and_the_ledger_shown_kept() {
    let (vault, tmux) = ui_on_locked_team("cut-under-ui", "1h");
    tmux.wait_for("This ledger is encrypted.");
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    let sealed = vault.bytes();
    std::fs::write(&vault.path, &sealed[..sealed.len() - 40]).unwrap();
    tmux.wait_for("Could not reload");
    // A tick later, still so: no prompt. The screen read is a frame drawn after the tick,
    // where one read after the wait alone may be one the UI had not come back to.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    tmux.wait_redrawn();
    let screen = tmux.wait_for_all(&["Priya Raman", "Could not reload"]);
    assert!(!screen.contains("This ledger is encrypted."), "{screen}");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0", "{}", tmux.screen());
}

/// The UI on a backup of an encrypted ledger (read-only) looked for a key file beside the
/// backup and ended saying it was missing; it asks for the passphrase, which its ledger's key
/// file opens, as on the data file.
#[test]
fn the_ui_on_a_sealed_backup_asks_for_its_ledger_s_passphrase() {
    let vault = Vault::encrypted_team();
    let newest = trustladder::store::backups::list(&vault.path).unwrap()[0]
        .path
        .clone();
    let command = format!(
        "exec env -u TRUSTLADDER_PASSPHRASE_COMMAND -u TRUSTLADDER_FILE TRUSTLADDER_KDF_WORK_FACTOR=4 TRUSTLADDER_AGENT_DIR={} {} --file {} --today 2026-11-24",
        quoted(&vault.agent.path().join("agent")),
        quoted(Path::new(env!("CARGO_BIN_EXE_trustladder"))),
        quoted(&newest),
    );
    let tmux = Tmux::start("sealed-backup", &command);
    tmux.wait_for("This ledger is encrypted.");
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0", "{}", tmux.screen());
}

/// A passphrase command still running as the UI opens an encrypted ledger (one that asks
/// someone, or hangs) left the terminal blank without a word for as long as it ran; the UI
/// says on stderr what it waits for, naming the variable, as a command does, before it takes
/// the screen.
#[test]
fn the_ui_says_what_it_waits_for_while_the_passphrase_command_runs() {
    let vault = Vault::encrypted_team();
    let command = format!(
        "exec {}",
        vault.shell_line(&[(
            "TRUSTLADDER_PASSPHRASE_COMMAND",
            &format!("sleep 3; {}", vault.passphrase_command())
        )]),
    );
    let tmux = Tmux::start("slow-command", &command);
    tmux.wait_for(
        "trustladder: waiting for TRUSTLADDER_PASSPHRASE_COMMAND to print the passphrase…",
    );
    tmux.wait_for("Priya Raman");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0", "{}", tmux.screen());
}

/// Encrypted elsewhere while the Same name question stands over a new person's form: the
/// prompt waits until the form is closed, as it waits for a form, so what was typed is not
/// dropped with the rest.
#[test]
fn a_ledger_encrypted_under_the_same_name_question_waits_for_its_form() {
    let vault = Vault::new();
    vault.team();
    let tmux = ui_on(&vault, "encrypted-under-question", "1h");
    tmux.wait_for("Priya Raman");
    tmux.keys(&["p"]);
    tmux.text("Priya Raman");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Same name");
    vault.ok(&["encrypt"]);
    // The reload that found the file encrypted is said under the question: the prompt would
    // have come with it, where a wait of fixed length could end before the UI looked.
    let screen = tmux.wait_for_all(&["Could not reload", "encrypted and locked", "Same name"]);
    assert!(!screen.contains("This ledger is encrypted."), "{screen}");
    tmux.keys(&["n"]);
    tmux.wait_for("Priya Raman");
    tmux.keys(&["Escape"]);
    tmux.wait_for("This ledger is encrypted.");
    tmux.keys(&["C-c"]);
    tmux.wait_exit();
}

/// A command that asked for the passphrase on a terminal, whose agent cannot start (its folder
/// open to other users), says why the next command will ask again.
#[test]
fn a_command_whose_agent_cannot_start_says_the_next_one_asks_again() {
    use std::os::unix::fs::PermissionsExt;
    let vault = Vault::encrypted_team();
    let open = vault.agent.path().join("open-to-all");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    let tmux = Tmux::start("open-agent", &list_on(&vault, &open));
    tmux.wait_for("Passphrase for");
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    // The list printed after the note: the note is whole by then, wrapped where the
    // terminal wraps it (the folder's name sets where, even mid-word), so it is read with
    // the blanks left out.
    let screen = tmux.wait_for(&SECRET[..15]);
    let letters: String = screen.split_whitespace().collect();
    assert!(
        letters.contains("isopentootherusers")
            && letters.contains("thenextcommandasksforthepassphraseagain"),
        "{screen}"
    );
}

/// The UI's prompt says why the agent did not help, as a command says it on its error
/// stream: it went on without an agent it could not ask (its folder open to others, or one
/// that did not answer, for which it had waited five seconds) without a word.
#[test]
fn the_ui_s_prompt_says_why_the_agent_did_not_help() {
    let (vault, _open) = Vault::encrypted_beside_agent_folder(0o755);
    let tmux = ui_on(&vault, "agent-fault", "1h");
    // Wrapped where the folder's name falls: read with the blanks left out.
    let screen = tmux.wait_for("the ledger without it.");
    let letters: String = screen.split(['│', ' ', '\n']).collect();
    assert!(
        letters.contains("Theagent'sfolder")
            && letters.contains("isopentootherusers(mode755):makeit0700orchooseanotherfolder;thepassphraseopenstheledgerwithoutit."),
        "{screen}"
    );
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// Opened by the passphrase command past an agent it could not ask, the UI asks for nothing,
/// and its prompt at the idle lock says nothing of that agent: it said it then, long after it
/// was last looked at, as though it had just been.
#[test]
fn the_idle_lock_says_nothing_of_an_agent_met_at_the_start() {
    let (vault, open) = Vault::encrypted_beside_agent_folder(0o755);
    let command = format!(
        "exec {}",
        vault.shell_line(&[
            ("TRUSTLADDER_LOCK_AFTER", "3s"),
            (
                "TRUSTLADDER_PASSPHRASE_COMMAND",
                &vault.passphrase_command()
            ),
            ("TRUSTLADDER_AGENT_DIR", &open.to_string_lossy()),
        ]),
    );
    let tmux = Tmux::start("agent-fault-later", &command);
    tmux.wait_for("Priya Raman");
    let screen = tmux.wait_for("Locked after 3s unused.");
    assert!(!screen.contains("agent"), "{screen}");
    tmux.keys(&["Escape"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// In a shell on a terminal, with the ledger locked, neither the completion of a handle nor
/// `status` (which a prompt runs) asks for the passphrase: the one completes nothing, the
/// other says to unlock and exits with 2. Unlocked, the completion offers the handles.
#[test]
fn a_shell_s_completion_and_status_never_ask_for_the_passphrase() {
    let vault = Vault::encrypted_team();
    let script = vault.dir.path().join("trustladder.bash");
    std::fs::write(&script, vault.ok(&["completions", "bash"])).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_trustladder"));
    let env = |var: &str, value: &Path| format!("{var}={}", quoted(value));
    let command = format!(
        "exec env -u TRUSTLADDER_PASSPHRASE_COMMAND {} {} PATH={}:/usr/bin:/bin PS1='$ ' bash --norc --noprofile",
        env("TRUSTLADDER_AGENT_DIR", &vault.agent.path().join("agent")),
        env("TRUSTLADDER_FILE", &vault.path),
        quoted(bin.parent().expect("the binary's folder")),
    );
    let tmux = Tmux::start("shell", &command);
    tmux.text(&format!("source {}", quoted(&script)));
    tmux.keys(&["Enter"]);
    tmux.text("trustladder status; echo \"rc=$?\"");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("rc=2");
    let joined: String = screen.split_whitespace().collect();
    assert!(joined.contains("`trustladderunlock`first"), "{screen}");
    assert!(!screen.contains("Passphrase"), "{screen}");

    tmux.keys(&["C-l"]);
    tmux.text("trustladder review pr");
    tmux.keys(&["Tab"]);
    // A letter typed after the Tab shows once the completion is over (keys are read in order),
    // right after what was typed: nothing completed, and no prompt took it. A look after a set
    // time could come before the completion was over.
    tmux.text("X");
    let screen = tmux.wait_for("trustladder review prX");
    assert!(!screen.contains("Passphrase"), "{screen}");
    assert!(!screen.contains("priya-raman"), "{screen}");
    tmux.keys(&["C-u"]);

    vault.ok(&["unlock"]);
    tmux.text("trustladder review pr");
    tmux.keys(&["Tab"]);
    tmux.wait_for("trustladder review priya-raman");
    tmux.keys(&["C-u"]);
    tmux.text("exit");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// A key file gone is no passphrase's to fix: a UI that locks itself once it is gone asks
/// for none, and ends saying what is wrong and the way back, exit 1, every file as it was.
#[test]
fn a_ui_whose_key_file_went_ends_saying_so_rather_than_ask() {
    // The key file is changed once the page shows, long enough before the idle lock for a
    // loaded machine.
    let (vault, tmux) = ui_on_locked_team("nokey", "6s");
    tmux.wait_for("This ledger is encrypted.");
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    let key = vault.key_file();
    let kept = vault.agent.path().join("kept.key");
    std::fs::rename(&key, &kept).unwrap();
    let before = crypt_support::snapshot(vault.dir.path());
    assert_eq!(tmux.wait_exit(), "1");
    assert!(!tmux.screen().contains("Passphrase"), "{}", tmux.screen());
    let stderr = std::fs::read_to_string(vault.agent.path().join("stderr")).unwrap();
    let joined: String = stderr.split_whitespace().collect();
    assert!(joined.contains("ismissing"), "{stderr}");
    assert!(joined.contains("`trustladderrecover--keyFILE`"), "{stderr}");
    assert_eq!(crypt_support::snapshot(vault.dir.path()), before);
    std::fs::rename(&kept, &key).unwrap();
}

/// The 1:1 prep written with `w` from an encrypted ledger is plain text, and the status line
/// says so, as `export --output` does.
#[test]
fn a_prep_written_from_an_encrypted_ledger_is_said_to_be_plain() {
    let vault = Vault::encrypted_team();
    vault.ok(&["unlock"]);
    let out = vault.dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let command = format!(
        "cd {} && exec env -u TRUSTLADDER_PASSPHRASE_COMMAND TRUSTLADDER_AGENT_DIR={} {} --file {} --today 2026-11-24",
        quoted(&out),
        quoted(&vault.agent.path().join("agent")),
        quoted(Path::new(env!("CARGO_BIN_EXE_trustladder"))),
        quoted(&vault.path),
    );
    let tmux = Tmux::start("prepw", &command);
    tmux.wait_for("Priya Raman");
    // Bo comes first; Priya's page, her prep, written.
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for(&SECRET[..15]);
    tmux.keys(&["P"]);
    tmux.wait_for("1:1 prep");
    tmux.keys(&["w"]);
    // The message may take two lines, the second drawn after the first.
    tmux.wait_until("the prep said to be plain text", |s| {
        let joined: String = s.split_whitespace().collect();
        joined.contains("plaintext(mode0600);theledgerisencrypted,thisfileisnot.")
    });
    let written = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(written, 1);
    tmux.keys(&["Escape"]);
    tmux.wait_gone("1:1 prep");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
}

/// At a command's passphrase prompt, an Enter with nothing typed is asked again and is no
/// wrong try: three passphrases may still be typed after it.
#[test]
fn an_empty_enter_at_the_prompt_is_no_wrong_try() {
    let vault = Vault::encrypted_team();
    let tmux = Tmux::start(
        "empty-enter",
        &list_on(&vault, &vault.agent.path().join("agent")),
    );
    tmux.wait_for("Passphrase for");
    tmux.keys(&["Enter"]);
    tmux.wait_for("nothing typed; type the passphrase, then Enter");
    for _ in 0..2 {
        tmux.text("not it");
        tmux.keys(&["Enter"]);
    }
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for(&SECRET[..15]);
    assert_eq!(screen.matches("wrong passphrase").count(), 2, "{screen}");
    assert_eq!(tmux.wait_exit(), "0");
}

/// A key file whose sealed key was changed after it was sealed (which only the passphrase can
/// tell): the UI ends once the passphrase is typed, naming the key file and the way back,
/// rather than ask again for a passphrase that cannot help.
#[test]
fn a_ui_whose_key_file_does_not_open_whole_ends_naming_it() {
    let vault = Vault::encrypted_team();
    let key = vault.key_file();
    let text = std::fs::read_to_string(&key).unwrap();
    let begin = text.find("-----BEGIN AGE ENCRYPTED FILE-----").unwrap();
    let end = text[begin..].find("-----END AGE").unwrap() + begin;
    // A letter of the block's last line of payload, changed for another.
    let last = text[begin..end].trim_end().rfind('\n').unwrap() + begin + 1 + 5;
    let mut bytes = text.into_bytes();
    bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
    std::fs::write(&key, &bytes).unwrap();
    let tmux = ui_on(&vault, "damaged-key", "1h");
    tmux.wait_for("This ledger is encrypted.");
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), "1");
    let stderr = std::fs::read_to_string(vault.agent.path().join("stderr")).unwrap();
    let joined: String = stderr.split_whitespace().collect();
    assert!(
        joined.contains("isdamaged(asealedblockdoesnotopenwhole)"),
        "{stderr}"
    );
    assert!(joined.contains("`trustladderrecover--keyFILE`"), "{stderr}");
}

/// A key file cut off while the UI is unlocked: once it locks itself, it ends naming the key
/// file damaged, exit 1, and asks for no passphrase (it asked, for one that could open nothing).
#[test]
fn a_ui_whose_key_file_was_cut_off_ends_saying_so_rather_than_ask() {
    // The key file is changed once the page shows, long enough before the idle lock for a
    // loaded machine.
    let (vault, tmux) = ui_on_locked_team("cutkey", "6s");
    tmux.wait_for("This ledger is encrypted.");
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    let key = vault.cut_key_file();
    let before = crypt_support::snapshot(vault.dir.path());
    assert_eq!(tmux.wait_exit(), "1");
    assert!(!tmux.screen().contains("Passphrase"), "{}", tmux.screen());
    let stderr = std::fs::read_to_string(vault.agent.path().join("stderr")).unwrap();
    let joined: String = stderr.split_whitespace().collect();
    assert!(
        joined.contains(&format!(
            "thekeyfile{}isdamaged(asealedblockdoesnotread:",
            key.display()
        )),
        "{stderr}"
    );
    assert!(joined.contains("`trustladderrecover--keyFILE`"), "{stderr}");
    assert_eq!(crypt_support::snapshot(vault.dir.path()), before);
}

/// A key file cut off inside the part the passphrase opens, which shows without the
/// passphrase: the UI ends at once naming it, exit 1, and asks for nothing (it asked for the
/// passphrase, which could never open it).
#[test]
fn a_ui_on_a_key_file_cut_off_ends_naming_it_without_asking() {
    let vault = Vault::encrypted_team();
    vault.cut_key_file();
    let before = crypt_support::snapshot(vault.dir.path());
    let tmux = ui_on(&vault, "cut-key", "1h");
    assert_eq!(tmux.wait_exit(), "1", "{}", tmux.screen());
    assert!(!tmux.screen().contains("encrypted."), "{}", tmux.screen());
    let stderr = std::fs::read_to_string(vault.agent.path().join("stderr")).unwrap();
    let joined: String = stderr.split_whitespace().collect();
    assert!(
        joined.contains("isdamaged(asealedblockdoesnotread:"),
        "{stderr}"
    );
    assert!(joined.contains("`trustladderrecover--keyFILE`"), "{stderr}");
    assert_eq!(crypt_support::snapshot(vault.dir.path()), before);
}

/// The UI unlocked on Priya's page with `d` pressed while this test holds the file's lock:
/// the save gives up after 10 s, and the UI, idle for longer than `lock_after` (5s), locks at
/// once, saying on its lock screen that a change was not saved. Returns the lock held. The
/// idle time is half the save's wait: the UI is still open for a `d` that a loaded machine
/// sends seconds after the promise shows, and locks all the same as the save gives up.
fn locked_with_a_change_given_up(name: &str) -> (Vault, Tmux, std::fs::File) {
    let (vault, tmux) = ui_on_locked_team(name, "5s");
    tmux.wait_for("This ledger is encrypted.");
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Priya Raman");
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for(&SECRET[..15]);
    let mut lock_file = vault.path.as_os_str().to_owned();
    lock_file.push(".lock");
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(lock_file)
        .expect("the lock file of the saves so far");
    held.lock().expect("the test holds the lock");
    tmux.keys(&["d"]);
    tmux.wait_for("Waiting for another trustladder process");
    // It gives up after 10 s.
    tmux.wait_until_within(
        std::time::Duration::from_secs(30),
        "the lock screen after the save gave up",
        |s| {
            s.contains("Locked after 5s unused.")
                && s.contains("1 change was not saved before the lock")
                && !s.contains(&SECRET[..15])
                && !s.contains("Priya")
        },
    );
    (vault, tmux, held)
}

/// A change whose save gave up (another process held the lock) just before the idle lock is
/// not lost with the UI put away: once unlocked again, the status line names it (it was
/// dropped unseen, and the lock screen said nothing).
#[test]
fn a_change_given_up_before_the_idle_lock_is_said_once_unlocked() {
    let (vault, tmux, held) = locked_with_a_change_given_up("lock-gave-up");
    let before = vault.bytes();
    drop(held);
    tmux.text(&vault.passphrase);
    tmux.keys(&["Enter"]);
    // The message takes three lines of the status bar, which reach tmux one after another: a
    // screen read as soon as the first shows may not hold the second yet.
    tmux.wait_for_all(&[
        "Before the lock, a change was not saved: the outcome of #1:",
        "held the lock for 10 s",
    ]);
    // Seen, it is not said again at quit.
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    assert_eq!(vault.bytes(), before, "nothing was saved");
}

/// Left from the lock screen, the UI names the change whose save gave up before it locked and
/// exits with 1, as a quit with a change not saved does (it exited with 0, saying nothing).
#[test]
fn a_change_given_up_before_the_idle_lock_is_named_on_leaving_the_lock_screen() {
    let (vault, tmux, held) = locked_with_a_change_given_up("lock-gave-up-esc");
    let before = vault.bytes();
    tmux.keys(&["Escape"]);
    assert_eq!(tmux.wait_exit(), "1");
    drop(held);
    let stderr = std::fs::read_to_string(vault.agent.path().join("stderr")).unwrap_or_default();
    assert!(
        stderr.starts_with(
            "trustladder: quit with a change not saved: the outcome of #1: another trustladder \
             process held the lock for 10 s"
        ),
        "{stderr}"
    );
    assert_eq!(vault.bytes(), before, "nothing was saved");
}
