//! Every command through the built binary, on a temporary data file, with `--today` fixed to
//! Tuesday 2026-11-24: what it prints, what it writes, and how it refuses bad input (exit code,
//! one-line message naming the fault, file byte-for-byte unchanged).

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const TODAY: &str = "2026-11-24";

struct Env {
    _dir: TempDir,
    path: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.json");
        Env { _dir: dir, path }
    }

    /// The binary on this file, as if today were [`TODAY`] unless `args` give a `--today`.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_remove("TRUSTLADDER_FILE")
            .arg("--file")
            .arg(&self.path);
        if !args.contains(&"--today") {
            cmd.args(["--today", TODAY]);
        }
        cmd.args(args);
        cmd
    }

    /// Runs a command that must succeed silently on stderr, but for the note that it started
    /// the ledger where it made the data file; returns its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let new = self.bytes().is_none();
        let out = self.cmd(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        let said = match self.bytes() {
            Some(_) if new => started(&self.path),
            _ => String::new(),
        };
        assert_eq!(stderr, said, "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must succeed; returns its stdout and its stderr.
    fn noted(&self, args: &[&str]) -> (String, String) {
        let out = self.cmd(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
        (text(out.stdout), text(out.stderr))
    }

    /// Runs a `person add` that must succeed noting on stderr, alone, whom its name shares a
    /// first name with (`already`, as `handle (Name)`); returns its stdout.
    fn added_beside(&self, args: &[&str], already: &str) -> String {
        let out = self.cmd(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        assert!(
            stderr.starts_with(&format!(
                "trustladder: note: already in the ledger by that first name: {already}; "
            )) && stderr.lines().count() == 1,
            "{args:?}: {stderr}"
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail with `code`, print nothing on stdout, name the fault
    /// (`needle`) on stderr, and leave the file exactly as it was.
    fn fails(&self, args: &[&str], code: i32, needle: &str) -> String {
        let before = self.bytes();
        let out = self.cmd(args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{args:?}");
        assert!(
            stderr.contains(needle),
            "{args:?}: {stderr:?} lacks {needle:?}"
        );
        if code == 1 {
            assert!(stderr.starts_with("trustladder: "), "{stderr:?}");
            assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
        }
        assert_eq!(self.bytes(), before, "{args:?} changed the file");
        stderr
    }

    fn bytes(&self) -> Option<Vec<u8>> {
        std::fs::read(&self.path).ok()
    }

    fn ledger(&self) -> Value {
        serde_json::from_slice(&self.bytes().expect("the file exists")).unwrap()
    }

    fn promise(&self, id: u64) -> Value {
        self.ledger()["promises"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no promise {id}"))
    }

    fn person(&self, handle: &str) -> Value {
        self.ledger()["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["handle"] == handle)
            .cloned()
            .unwrap_or_else(|| panic!("no person {handle}"))
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

/// The note on stderr of the change that made the data file at `path`.
fn started(path: &std::path::Path) -> String {
    format!(
        "trustladder: note: started a new ledger at {}\n",
        path.display()
    )
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

/// Two colleagues and a few promises: Priya (#1 open task due Friday, #2 kept), Pat (#3 mine,
/// open, overdue).
fn team() -> Env {
    let env = Env::new();
    assert_eq!(
        env.ok(&["person", "add", "Priya Raman", "--role", "Backend"]),
        "priya-raman\n"
    );
    assert_eq!(env.ok(&["person", "add", "Pat Lee"]), "pat-lee\n");
    assert_eq!(
        env.ok(&["promise", "add", "priya", "Send the deck", "--due", "fri"]),
        "1\n"
    );
    assert_eq!(
        env.ok(&["log", "priya", "Review PR 412", "--on", "yesterday"]),
        "2\n"
    );
    // Overdue from the start, which is noted.
    let (stdout, stderr) = env.noted(&[
        "promise",
        "add",
        "pat",
        "Pair on the migration",
        "--mine",
        "--due",
        "2026-11-20",
    ]);
    assert_eq!(stdout, "3\n");
    assert!(stderr.contains("overdue already"), "{stderr}");
    env
}

#[test]
fn person_add_prints_the_handle_and_saves_the_person() {
    let env = Env::new();
    assert_eq!(
        env.ok(&[
            "person",
            "add",
            "  Priya Raman ",
            "--role",
            "Backend",
            "--note",
            "Met at onboarding"
        ]),
        "priya-raman\n"
    );
    // The same name again is refused unless another person is meant.
    env.fails(
        &["person", "add", "PRIYA  raman"],
        1,
        "Priya Raman is already here as priya-raman; to add another person of that name, say so (--again)",
    );
    assert_eq!(
        env.ok(&["person", "add", "priya raman", "--again"]),
        "priya-raman-2\n"
    );
    // A third is asked about knowing of both.
    env.fails(
        &["person", "add", "Priya Raman"],
        1,
        "Priya Raman is already here as priya-raman and priya-raman-2; to add another person of that name, say so (--again)",
    );
    assert_eq!(env.ok(&["person", "add", "王芳"]), "王芳\n");
    let p = env.person("priya-raman");
    assert_eq!(p["id"], 1);
    assert_eq!(p["name"], "Priya Raman");
    assert_eq!(p["role"], "Backend");
    assert_eq!(p["note"], "Met at onboarding");
    assert_eq!(p["created"], TODAY);
    assert_eq!(p["archived"], false);
    let l = env.ledger();
    assert_eq!(l["format"], "trustladder");
    assert_eq!(l["version"], 2);
    assert_eq!(l["next_person_id"], 4);
}

/// A name that looks like one here but for a character that draws nothing (a zero-width
/// space, a byte-order mark, a word joiner, a soft hyphen) is that name: the ends are trimmed
/// as spaces are, and one inside is left out when names are compared.
#[test]
fn a_name_with_an_invisible_character_is_the_name_without_it() {
    let env = Env::new();
    assert_eq!(
        env.ok(&["person", "add", "\u{feff}Priya Raman\u{200b}"]),
        "priya-raman\n"
    );
    assert_eq!(env.person("priya-raman")["name"], "Priya Raman");
    for name in ["Priya Raman", "Pri\u{ad}ya Raman", "Priya\u{2060} Raman"] {
        env.fails(
            &["person", "add", name],
            1,
            "trustladder: Priya Raman is already here as priya-raman; to add another person of that name, say so (--again)\n",
        );
    }
    assert_eq!(env.ok(&["person", "add", "Ana\u{200b}"]), "ana\n");
    env.fails(&["person", "add", "Ana"], 1, "Ana is already here as ana");
    assert_eq!(env.ok(&["person", "add", "Ana", "--again"]), "ana-2\n");
    // Both are Ana now, and the handle names the first.
    assert_eq!(env.json(&["review", "ana", "--json"])["handle"], "ana");
}

/// `#2` names the person numbered 2 (`id` in `person list --json`), but a colleague whose
/// whole name is `#1` is named by it.
#[test]
fn a_whole_name_wins_over_a_persons_number() {
    let env = Env::new();
    assert_eq!(env.ok(&["person", "add", "Priya Raman"]), "priya-raman\n");
    assert_eq!(env.ok(&["person", "add", "#1"]), "1\n");
    assert_eq!(env.ok(&["promise", "add", "#1", "Send the deck"]), "1\n");
    assert_eq!(env.promise(1)["person"], 2);
    assert_eq!(env.ok(&["promise", "add", "#2", "Ship it"]), "2\n");
    assert_eq!(env.promise(2)["person"], 2);
    // `#` and digits alone: `#+1` and `##1` are no one's number.
    for odd in ["#+1", "##1"] {
        env.fails(
            &["promise", "add", odd, "Odd"],
            1,
            &format!("no person matches '{odd}'"),
        );
    }
}

#[test]
fn person_list_text_json_and_all() {
    let env = team();
    let text = env.ok(&["person", "list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("HANDLE"), "{text}");
    assert!(
        lines[1].starts_with("priya-raman  Priya Raman  Backend  none"),
        "{text}"
    );
    assert!(lines[2].starts_with("pat-lee      Pat Lee"), "{text}");

    let people = env.json(&["person", "list", "--json"]);
    let people = people.as_array().unwrap();
    assert_eq!(people.len(), 2);
    assert_eq!(
        keys(&people[0]),
        [
            "archived",
            "changed",
            "contact_logged",
            "created",
            "handle",
            "id",
            "last_contact",
            "level",
            "my_level",
            "my_record",
            "name",
            "note",
            "notes",
            "open",
            "overdue",
            "role",
            "scores",
            "trend",
            "uid"
        ]
    );
    assert_eq!(people[1]["handle"], "pat-lee");
    assert_eq!(people[0]["level"], "none");
    assert_eq!(
        people[0]["scores"][2],
        serde_json::Value::Null,
        "no evidence is null"
    );

    env.ok(&["person", "archive", "pat"]);
    assert_eq!(
        env.json(&["person", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let all = env.json(&["person", "list", "--all", "--json"]);
    assert_eq!(all[1]["archived"], true);
    let text = env.ok(&["person", "list", "--all"]);
    assert!(text.lines().nth(2).unwrap().ends_with("yes"), "{text}");
}

#[test]
fn person_edit_changes_fields_but_not_the_handle() {
    let env = team();
    assert_eq!(
        env.ok(&[
            "person", "edit", "priya", "--name", "Priya R.", "--role", "", "--note", "Lead"
        ]),
        "priya-raman edited\n"
    );
    let p = env.person("priya-raman");
    assert_eq!(
        (p["name"].as_str(), p["role"].as_str(), p["note"].as_str()),
        (Some("Priya R."), Some(""), Some("Lead"))
    );
}

#[test]
fn archive_and_restore() {
    let env = team();
    assert_eq!(
        env.ok(&["person", "archive", "pat-lee"]),
        "pat-lee archived; 1 open promise left the agenda (`list pat-lee` still shows it)\n"
    );
    assert_eq!(env.person("pat-lee")["archived"], true);
    // An archived colleague's promises leave lists and the agenda, unless named.
    let ids: Vec<Value> = env
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].clone())
        .collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(
        env.json(&["list", "pat", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        env.json(&["list", "--all", "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        env.json(&["agenda", "--json"])["overdue"],
        Value::Array(vec![])
    );
    // Their review gives no advice to act on, on either side, as their prep does: only how
    // they come back.
    // One sentence, as every other advice: a capital, and a closing full stop.
    let archived = "Archived, so nothing new is promised until restored \
                    (`trustladder person restore pat-lee`).";
    let review = env.json(&["review", "pat", "--json"]);
    assert_eq!(review["advice"], archived);
    assert_eq!(review["my_credibility"]["advice"], archived);
    let text = env.ok(&["review", "pat"]);
    assert_eq!(
        text.matches(&format!("Advice: {archived}\n")).count(),
        2,
        "{text}"
    );
    assert_eq!(env.ok(&["person", "restore", "pat"]), "pat-lee restored\n");
    assert_eq!(env.person("pat-lee")["archived"], false);
}

/// Someone archived with a record ready for more is not offered the step up: the review
/// says they are ready once restored, as nothing new is promised to them before.
#[test]
fn an_archived_colleague_ready_for_more_is_ready_once_restored() {
    let env = Env::new();
    env.ok(&["person", "add", "Ana Ruiz"]);
    for i in 1..=6 {
        env.ok(&["log", "ana", &format!("Task {i}"), "--on", "2026-11-24"]);
    }
    assert!(
        env.ok(&["review", "ana"])
            .contains("Ready for results: yes\n")
    );
    env.ok(&["person", "archive", "ana"]);
    let text = env.ok(&["review", "ana"]);
    assert!(
        text.contains("Ready for results: yes, once restored"),
        "{text}"
    );
    // The JSON keeps the record's answer, beside the advice that says how they come back.
    let json = env.json(&["review", "ana", "--json"]);
    assert_eq!(json["ready"], true);
    assert!(json["advice"].as_str().unwrap().starts_with("Archived"));
}

/// The line a delete ends with: the restore of the newest backup, the file before the delete,
/// by its name.
fn undone_by_newest(env: &Env) -> String {
    let check = env.json(&["check", "--json"]);
    let name = check["backups"][0]["name"].as_str().unwrap_or_default();
    assert!(!name.is_empty(), "{check}");
    format!("`trustladder restore-backup {name}` undoes it\n")
}

/// `rm` and `person rm` were undone by `restore-backup 1`, run next; a change saved
/// meanwhile (another shell, a sync) made a new backup 1, and the restore then put back the
/// file without the promise. Each names its backup by the name no save moves, and that
/// restore brings the promise back after other saves too, naming what it drops.
#[test]
fn a_delete_names_the_backup_that_undoes_it_by_a_name_no_save_moves() {
    let env = team();
    let said = env.ok(&["rm", "1"]);
    let name = said
        .lines()
        .nth(1)
        .and_then(|line| line.strip_prefix("`trustladder restore-backup "))
        .and_then(|rest| rest.strip_suffix("` undoes it"))
        .unwrap_or_else(|| panic!("{said}"))
        .to_string();
    env.ok(&["keep", "3"]);
    env.ok(&["person", "add", "Zoe Quinn"]);
    assert_ne!(
        env.json(&["check", "--json"])["backups"][0]["name"],
        name.as_str()
    );
    let restored = env.ok(&["restore-backup", &name]);
    assert!(
        restored.contains(&format!("from backup 3, {name}, made ")),
        "{restored}"
    );
    assert!(
        restored.contains(
            "it holds what the backup does not: zoe-quinn, added since; the latest change to #3"
        ),
        "{restored}"
    );
    assert_eq!(env.promise(1)["what"], "Send the deck");
    assert_eq!(env.promise(3)["status"], "open");
}

#[test]
fn person_rm_with_and_without_promises() {
    let env = team();
    env.ok(&["person", "add", "Sam Idle"]);
    assert_eq!(
        env.ok(&["person", "rm", "sam"]),
        format!("sam-idle deleted\n{}", undone_by_newest(&env))
    );
    env.fails(
        &["person", "rm", "pat"],
        1,
        "pat-lee has 1 promise; `trustladder person archive pat-lee` keeps their record and promises, off the lists, or `trustladder person rm pat-lee --force` deletes them",
    );
    // Archived already: not told to archive them.
    env.ok(&["person", "archive", "pat"]);
    env.fails(
        &["person", "rm", "pat"],
        1,
        "pat-lee has 1 promise; they are archived already (their record kept, off the lists); or `trustladder person rm pat-lee --force` deletes them with their promises",
    );
    assert_eq!(
        env.ok(&["person", "rm", "pat", "--force"]),
        format!(
            "pat-lee deleted, with 1 promise\n{}",
            undone_by_newest(&env)
        )
    );
    let l = env.ledger();
    assert_eq!(l["people"].as_array().unwrap().len(), 1);
    assert_eq!(l["promises"].as_array().unwrap().len(), 2);
    // Ids are never reused.
    assert_eq!(env.ok(&["person", "add", "Pat Lee"]), "pat-lee\n");
    assert_eq!(env.person("pat-lee")["id"], 4);
}

#[test]
fn promise_add_defaults_and_flags() {
    let env = team();
    let p = env.promise(1);
    assert_eq!(p["person"], 1);
    assert_eq!(p["direction"], "theirs");
    assert_eq!(p["level"], "task");
    assert_eq!(p["what"], "Send the deck");
    assert_eq!(p["made"], TODAY);
    assert_eq!(p["due"], "2026-11-27");
    assert_eq!(p["status"], "open");
    assert_eq!(p["resolved"], Value::Null);
    assert_eq!(p["note"], "");
    assert_eq!(
        env.ok(&[
            "promise",
            "add",
            "PRI",
            "Cut p95 below 200 ms",
            "--level",
            "result",
            "--due",
            "eom",
            "--mine"
        ]),
        "4\n"
    );
    let p = env.promise(4);
    assert_eq!(
        (
            p["level"].as_str(),
            p["direction"].as_str(),
            p["due"].as_str()
        ),
        (Some("result"), Some("mine"), Some("2026-11-30"))
    );
    env.ok(&[
        "promise",
        "add",
        "priya",
        "Own on-call",
        "--level",
        "impact",
        "--due",
        "+2w",
    ]);
    assert_eq!(env.promise(5)["due"], "2026-12-08");
    env.ok(&["promise", "add", "priya", "No date"]);
    assert_eq!(env.promise(6)["due"], Value::Null);
}

#[test]
fn log_records_a_kept_promise_in_one_step() {
    let env = team();
    let p = env.promise(2);
    assert_eq!(
        (
            p["status"].as_str(),
            p["made"].as_str(),
            p["resolved"].as_str()
        ),
        (Some("kept"), Some("2026-11-23"), Some("2026-11-23"))
    );
    assert_eq!(p["due"], Value::Null);
    assert_eq!(
        env.ok(&[
            "log",
            "pat",
            "Hiring loop",
            "--level",
            "impact",
            "--mine",
            "--late",
            "--on",
            "-1w"
        ]),
        "4\n"
    );
    let p = env.promise(4);
    assert_eq!(
        (
            p["status"].as_str(),
            p["direction"].as_str(),
            p["level"].as_str(),
            p["resolved"].as_str()
        ),
        (
            Some("kept_late"),
            Some("mine"),
            Some("impact"),
            Some("2026-11-17")
        )
    );
    env.ok(&["log", "pat", "Today"]);
    assert_eq!(env.promise(5)["resolved"], TODAY);
}

#[test]
fn keep_break_release_reopen() {
    let env = team();
    assert_eq!(
        env.ok(&[
            "--today",
            "2026-11-26",
            "keep",
            "#1",
            "--on",
            "yesterday",
            "--note",
            "early!"
        ]),
        "#1 kept: \"Send the deck\" (priya-raman, theirs)\n"
    );
    let p = env.promise(1);
    assert_eq!(
        (
            p["status"].as_str(),
            p["resolved"].as_str(),
            p["note"].as_str()
        ),
        (Some("kept"), Some("2026-11-25"), Some("early!"))
    );
    // Reopened on a day it had its outcome (on the 24th it was still open); its note goes
    // with the outcome, and is said.
    let (stdout, stderr) = env.noted(&["--today", "2026-11-26", "reopen", "1"]);
    assert_eq!(
        stdout,
        "#1 reopened (was kept on 2026-11-25): \"Send the deck\" (priya-raman, theirs)\n"
    );
    assert_eq!(
        stderr,
        "trustladder: note: #1 keeps its note (`trustladder edit 1 --note ''` clears it): early!\n"
    );
    let p = env.promise(1);
    assert_eq!(
        (p["status"].as_str(), p["resolved"].clone()),
        (Some("open"), Value::Null)
    );
    assert_eq!(
        env.ok(&["keep", "1", "--late"]),
        "#1 kept late: \"Send the deck\" (priya-raman, theirs)\n"
    );
    assert_eq!(env.promise(1)["status"], "kept_late");
    assert_eq!(env.promise(1)["resolved"], TODAY);
    assert_eq!(
        env.ok(&[
            "--today",
            "2026-11-27",
            "break",
            "3",
            "--on",
            "-1d",
            "--note",
            "I was ill"
        ]),
        "#3 broken: \"Pair on the migration\" (pat-lee, mine)\n"
    );
    let p = env.promise(3);
    assert_eq!(
        (
            p["status"].as_str(),
            p["resolved"].as_str(),
            p["note"].as_str()
        ),
        (Some("broken"), Some("2026-11-26"), Some("I was ill"))
    );
    env.cmd(&["--today", "2026-11-27", "reopen", "#3"])
        .assert()
        .success()
        .stderr("trustladder: note: #3 keeps its note (`trustladder edit 3 --note ''` clears it): I was ill\n");
    assert_eq!(
        env.ok(&["release", "3", "--note", "Moved to Q1"]),
        "#3 released: \"Pair on the migration\" (pat-lee, mine)\n"
    );
    let p = env.promise(3);
    assert_eq!(
        (
            p["status"].as_str(),
            p["resolved"].as_str(),
            p["note"].as_str()
        ),
        (Some("released"), Some(TODAY), Some("Moved to Q1"))
    );
    // Agreed on an earlier day (an import names a task deleted in Taskwarrior so): dated then.
    // Reopened, the outcome forgotten and its day are said, which give it back.
    env.cmd(&["reopen", "#3"])
        .assert()
        .success()
        .stdout("#3 reopened (was released on 2026-11-24): \"Pair on the migrati…\" (pat-lee, mine)\n")
        .stderr("trustladder: note: #3 keeps its note (`trustladder edit 3 --note ''` clears it): Moved to Q1\n");
    assert_eq!(
        env.ok(&[
            "--today",
            "2026-11-27",
            "release",
            "3",
            "--on",
            "2026-11-25"
        ]),
        "#3 released: \"Pair on the migration\" (pat-lee, mine)\n"
    );
    assert_eq!(env.promise(3)["resolved"].as_str(), Some("2026-11-25"));
}

/// A due date edited to before the promise was made is kept, as `promise add` keeps one
/// before today (a promise written down late), and noted on stderr naming the day it was
/// made: it went in without a word, and the promise read overdue longer than it was made.
#[test]
fn edit_notes_a_due_date_before_the_promise_was_made() {
    let env = Env::new();
    env.ok(&["person", "add", "Ana Ruiz"]);
    env.ok(&[
        "--today",
        "2026-10-01",
        "promise",
        "add",
        "ana",
        "Send deck",
    ]);
    let (stdout, stderr) =
        env.noted(&["--today", "2026-11-01", "edit", "1", "--due", "2026-09-01"]);
    assert_eq!(stdout, "#1 edited: \"Send deck\" (ana-ruiz, theirs)\n");
    assert_eq!(
        stderr,
        "trustladder: note: #1 is due 2026-09-01, before it was made (2026-10-01): it was overdue from the start\n"
    );
    assert_eq!(env.promise(1)["due"], "2026-09-01");
    // On the day it was made or after, nothing is noted.
    assert_eq!(
        env.ok(&["--today", "2026-11-01", "edit", "1", "--due", "2026-10-01"]),
        "#1 edited: \"Send deck\" (ana-ruiz, theirs)\n"
    );
}

#[test]
fn edit_and_rm_a_promise() {
    let env = team();
    assert_eq!(
        env.ok(&[
            "edit",
            "1",
            "--what",
            "Send the final deck",
            "--level",
            "result",
            "--due",
            "mon"
        ]),
        "#1 edited: \"Send the final deck\" (priya-raman, theirs)\n"
    );
    let p = env.promise(1);
    assert_eq!(
        (p["what"].as_str(), p["level"].as_str(), p["due"].as_str()),
        (
            Some("Send the final deck"),
            Some("result"),
            Some("2026-11-30")
        )
    );
    env.ok(&["edit", "#1", "--due", "none"]);
    assert_eq!(env.promise(1)["due"], Value::Null);
    // Again: nothing to change, and said so, the file as it was; the text cut so the line
    // fits 80 columns.
    let bytes = std::fs::read(&env.path).unwrap();
    assert_eq!(
        env.ok(&["edit", "#1", "--due", "none", "--level", "result"]),
        "#1 reads so already: \"Send the final de…\" (priya-raman, theirs); nothing changed\n"
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), bytes);
    assert_eq!(
        env.ok(&["rm", "#1"]),
        format!(
            "#1 deleted: \"Send the final deck\" (priya-raman, theirs)\n{}",
            undone_by_newest(&env)
        )
    );
    assert_eq!(env.ledger()["promises"].as_array().unwrap().len(), 2);
    // Never reused.
    assert_eq!(env.ok(&["promise", "add", "pat", "Next"]), "4\n");
    env.fails(&["rm", "1"], 1, "no promise #1");
}

#[test]
fn list_filters_and_json_fields() {
    let env = team();
    env.ok(&[
        "promise",
        "add",
        "priya",
        "Own latency",
        "--level",
        "result",
    ]);
    let ids = |args: &[&str]| -> Vec<u64> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        env.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(ids(&[]), [1, 2, 3, 4]);
    assert_eq!(ids(&["priya"]), [1, 2, 4]);
    assert_eq!(ids(&["--open"]), [1, 3, 4]);
    assert_eq!(ids(&["--mine"]), [3]);
    assert_eq!(ids(&["--theirs"]), [1, 2, 4]);
    assert_eq!(ids(&["--level", "result"]), [4]);
    assert_eq!(
        ids(&["priya", "--open", "--theirs", "--level", "task"]),
        [1]
    );
    let list = env.json(&["list", "--json"]);
    assert_eq!(
        keys(&list[0]),
        [
            "changed",
            "direction",
            "due",
            "id",
            "level",
            "made",
            "note",
            "person",
            "resolved",
            "status",
            "uid",
            "what"
        ]
    );
    assert_eq!(list[1], env.promise(2), "exactly the file's record");

    let text = env.ok(&["list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "ID  PERSON       WHOSE   LEVEL   STATUS   MADE        DUE         RESOLVED    WHAT"
    );
    assert_eq!(
        lines[2],
        "#2  priya-raman  theirs  task    kept     2026-11-23  -           2026-11-23  Review PR 412"
    );
    assert_eq!(
        lines[3],
        "#3  pat-lee      mine    task    overdue  2026-11-24  2026-11-20  -           Pair on the migration"
    );
    assert_eq!(
        env.ok(&["list", "--level", "impact"]),
        "No promises match.\n"
    );
    // A ledger with no promise at all has none yet; it is not a filter that left them out.
    let empty = Env::new();
    empty.ok(&["person", "add", "Priya Raman"]);
    assert_eq!(empty.ok(&["list"]), "No promises yet.\n");
    // Where only archived colleagues' promises are left, a list that asked for nothing, or
    // for what only theirs hold, says they are left out, as `person list` says of them, not
    // that nothing matched.
    env.ok(&["person", "archive", "priya"]);
    env.ok(&["person", "archive", "pat"]);
    assert_eq!(
        env.ok(&["list"]),
        "No promises match among active colleagues; 4 of archived colleagues are left out (--all includes them).\n"
    );
    assert_eq!(
        env.ok(&["list", "--mine"]),
        "No promises match among active colleagues; 1 of an archived colleague is left out (--all includes it).\n"
    );
    assert_eq!(
        env.ok(&["list", "--level", "impact"]),
        "No promises match.\n"
    );
    assert_eq!(ids(&["--all", "--mine"]), [3]);
}

/// A due date before today is kept, a promise written down late, and said on stderr; today's
/// is not.
#[test]
fn a_due_date_before_today_is_kept_and_noted() {
    let env = team();
    let (stdout, stderr) =
        env.noted(&["promise", "add", "pat", "Late entry", "--due", "2026-11-20"]);
    assert_eq!(stdout, "4\n");
    assert_eq!(
        stderr,
        "trustladder: note: #4 is due 2026-11-20, before today: it is overdue already\n"
    );
    assert_eq!(env.ledger()["promises"][3]["due"], "2026-11-20");
    env.ok(&["promise", "add", "pat", "Today thing", "--due", "today"]);
}

#[test]
fn agenda_groups_and_json() {
    let env = team();
    env.ok(&["promise", "add", "pat", "Today thing", "--due", "today"]);
    env.ok(&["promise", "add", "pat", "Later thing", "--due", "+1m"]);
    env.ok(&["promise", "add", "pat", "Someday"]);
    let a = env.json(&["agenda", "--json"]);
    assert_eq!(
        keys(&a),
        [
            "archived_open",
            "keep_in_touch",
            "later",
            "no_date",
            "overdue",
            "this_week",
            "today"
        ]
    );
    assert_eq!(
        a["keep_in_touch"],
        serde_json::json!([]),
        "nobody has a cadence"
    );
    assert_eq!(a["archived_open"], 0, "nobody is archived");
    let ids = |k: &str| -> Vec<u64> {
        a[k].as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(ids("overdue"), [3]);
    assert_eq!(ids("today"), [4]);
    assert_eq!(ids("this_week"), [1]);
    assert_eq!(ids("later"), [5]);
    assert_eq!(ids("no_date"), [6]);
    assert_eq!(a["overdue"][0]["handle"], "pat-lee");
    assert_eq!(a["overdue"][0]["direction"], "mine");

    let text = env.ok(&["agenda"]);
    let headings: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        headings,
        [
            "Overdue (0 theirs, 1 mine)",
            "Today (1 theirs, 0 mine)",
            "This week (1 theirs, 0 mine)",
            "Later (1 theirs, 0 mine)",
            "No date (1 theirs, 0 mine)"
        ]
    );
    assert!(
        text.contains(
            "  #3  mine   pat-lee  task   2026-11-20  4 days overdue  Pair on the migration"
        ),
        "{text}"
    );
}

#[test]
fn review_text_and_json() {
    let env = team();
    // #2 (kept yesterday) and two more kept 2 days ago would not do: with decay,
    // 0.5^(1/180) + 2 × 0.5^(2/180) ≈ 0.9962 + 1.9847 = 2.981 < 3. Priya gets 3 kept today on top of #2 kept yesterday:
    // evidence ≈ 3.996, well held.
    for what in ["A", "B", "C"] {
        env.ok(&["log", "priya", what]);
    }
    let r = env.json(&["review", "priya", "--json"]);
    for key in [
        "handle",
        "name",
        "trust_level",
        "rungs",
        "slipping",
        "ready",
        "focus",
        "open",
        "overdue",
        "my_credibility",
        "advice",
        "explanation",
        "trend",
        "slipping_rungs",
        "ready_for",
        "notes",
    ] {
        assert!(r.get(key).is_some(), "review --json lacks {key}");
        assert!(
            r["my_credibility"].get(key).is_some()
                || ["handle", "name", "open", "overdue", "my_credibility"].contains(&key),
            "my_credibility lacks {key}"
        );
    }
    assert_eq!(r["trust_level"], "task");
    assert_eq!(r["rungs"].as_array().unwrap().len(), 3);
    assert_eq!(
        keys(&r["rungs"][0]),
        [
            "counts",
            "evidence",
            "held",
            "kept",
            "level",
            "open",
            "reliability",
            "resolved",
            "verdict"
        ]
    );
    assert_eq!(r["rungs"][0]["held"], true);
    assert_eq!(r["rungs"][1]["level"], "result");
    assert_eq!(r["focus"], Value::Null);
    assert_eq!(r["open"], 1);
    assert_eq!(r["my_credibility"]["trust_level"], "none");
    assert_eq!(r["my_credibility"]["rungs"].as_array().unwrap().len(), 3);
    assert!(
        r["explanation"][0]
            .as_str()
            .unwrap()
            .starts_with("Level task")
    );

    let all = env.json(&["review", "--json"]);
    let handles: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["handle"].as_str().unwrap())
        .collect();
    assert_eq!(handles, ["priya-raman", "pat-lee"]);
    assert_eq!(all[1]["overdue"], 1);

    let text = env.ok(&["review", "priya"]);
    for needle in [
        "Priya Raman (priya-raman), Backend",
        "Trust level: task",
        "SCORE  EVIDENCE  HELD  OPEN",
        "Advice: ",
        "Why:",
        "My credibility with them: nothing resolved yet, from the promises I made to them",
        "How the figures are made",
        "(kept+1)/(evidence+2)",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn read_only_commands_never_create_the_file() {
    let env = Env::new();
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["agenda"],
        &["agenda", "--json"],
        &["review"],
        &["review", "--json"],
        &["person", "list"],
        &["person", "list", "--json"],
    ] {
        let (_, stderr) = env.noted(args);
        // A mistyped --file must not pass for an empty ledger without a word.
        assert!(
            stderr.starts_with("trustladder: note: there is no data file at ")
                && stderr.contains("ledger.json yet"),
            "{args:?}: {stderr}"
        );
        let folder = env.path.parent().unwrap();
        let left: Vec<_> = std::fs::read_dir(folder).unwrap().collect();
        assert!(left.is_empty(), "{args:?} wrote into the folder: {left:?}");
    }
    assert_eq!(env.noted(&["review", "--json"]).0, "[]\n");
}

/// A change refused where there is no file yet (a mistyped `--file`, a person not there)
/// makes nothing: not the folders the path names, not a lock file. One that holds makes them.
#[test]
fn a_refused_change_on_a_new_path_makes_nothing() {
    let env = Env::new();
    let root = env.path.parent().unwrap();
    let file = root.join("not").join("yet").join("ledger.json");
    let exports = tempfile::tempdir().unwrap();
    let export = |name: &str, text: &str| {
        let path = exports.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let bad = export(
        "bad.json",
        "oops\n{\"uuid\":\"44444444-4444-4444-8444-444444444444\",\"description\":\"x\",\"status\":\"pending\",\"entry\":\"20261101T090000Z\",\"project\":\"Ann\"}\n",
    );
    let empty = export("empty.json", "[]\n");
    let on_new = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_trustladder"))
            .env_remove("TRUSTLADDER_FILE")
            .arg("--file")
            .arg(&file)
            .args(["--today", TODAY])
            .args(args)
            .output()
            .unwrap()
    };
    for (args, needle) in [
        (
            &["promise", "add", "nobody", "Send the notes"][..],
            "no person matches 'nobody'",
        ),
        (&["keep", "5"], "no promise #5"),
        (&["person", "rm", "ann"], "no person matches 'ann'"),
        (
            &["import", "taskwarrior", &bad, "--person-from", "project"][..],
            "1 bad task, nothing imported: line 1: not JSON",
        ),
    ] {
        let out = on_new(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        let left: Vec<_> = std::fs::read_dir(root).unwrap().collect();
        assert!(left.is_empty(), "{args:?} left {left:?}");
    }
    // An import with nothing to add makes nothing either.
    let out = on_new(&["import", "taskwarrior", &empty, "--person-from", "project"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("the export holds no tasks.\n"));
    let left: Vec<_> = std::fs::read_dir(root).unwrap().collect();
    assert!(left.is_empty(), "the empty import left {left:?}");
    assert!(on_new(&["person", "add", "Ann"]).status.success());
    assert!(file.exists() && file.with_extension("json.lock").exists());
}

#[test]
fn read_only_commands_leave_an_existing_file_alone() {
    let env = team();
    let before = env.bytes();
    for args in [
        &["list"][..],
        &["agenda"],
        &["review"],
        &["person", "list", "--all"],
    ] {
        env.ok(args);
    }
    assert_eq!(env.bytes(), before);
}

#[test]
fn the_file_can_come_from_the_environment() {
    let env = Env::new();
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env("TRUSTLADDER_FILE", &env.path)
        .args(["--today", TODAY, "person", "add", "Env Person"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(env.person("env-person")["name"], "Env Person");

    // --file wins; an empty variable names nothing (it was "a value is required for
    // '--file <PATH>'", a flag no one typed); neither shows in a usage message.
    let other = env.path.with_file_name("other.json");
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env("TRUSTLADDER_FILE", &env.path)
        .arg("--file")
        .arg(&other)
        .args(["--today", TODAY, "person", "add", "Other"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(other.exists());
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env("TRUSTLADDER_FILE", "")
        .env("HOME", env.path.parent().unwrap())
        .env_remove("XDG_DATA_HOME")
        .args(["check"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("--file"), "{stderr}");
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env("TRUSTLADDER_FILE", &env.path)
        .args(["keep", "--late"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Usage: trustladder keep --late <ID>"),
        "{stderr}"
    );
}

#[test]
fn help_on_every_command_lists_date_words_where_a_date_is_taken() {
    let env = Env::new();
    let with_due: [&[&str]; 2] = [&["promise", "add"], &["edit"]];
    for cmd in with_due {
        let mut args = cmd.to_vec();
        args.push("--help");
        let help = env.ok(&args);
        for word in [
            "2026-12-01",
            "tomorrow",
            "fri",
            "dec 15",
            "eow",
            "eom-1d",
            "every word",
        ] {
            assert!(help.contains(word), "{cmd:?} --help lacks {word}:\n{help}");
        }
    }
    // A day that has passed is offered only words for days that have.
    let with_on: [&[&str]; 3] = [&["log"], &["keep"], &["break"]];
    for cmd in with_on {
        let mut args = cmd.to_vec();
        args.push("--help");
        let help = env.ok(&args);
        for word in [
            "2026-12-01",
            "yesterday",
            "fri",
            "dec 15",
            "som",
            "-3d",
            "lists every",
        ] {
            assert!(help.contains(word), "{cmd:?} --help lacks {word}:\n{help}");
        }
        for word in ["tomorrow", "eow", "2w"] {
            assert!(
                !help.contains(word),
                "{cmd:?} --help offers {word}:\n{help}"
            );
        }
    }
    let without: [&[&str]; 16] = [
        &[],
        &["person"],
        &["person", "add"],
        &["person", "list"],
        &["person", "edit"],
        &["person", "archive"],
        &["person", "restore"],
        &["person", "rm"],
        &["release"],
        &["reopen"],
        &["rm"],
        &["list"],
        &["agenda"],
        &["review"],
        &["check"],
        &["restore-backup"],
    ];
    for cmd in without {
        let mut args = cmd.to_vec();
        args.push("--help");
        assert!(env.ok(&args).contains("Usage: trustladder"), "{cmd:?}");
    }
    assert!(!env.path.exists());
}

/// Help is the program's own text, not something typed to quote back cut short: its
/// apostrophes (`task's`, `don't`) once read as quotes, so the words between two of them, over
/// sixty characters, were cut to "adds noth… (94 characters)". Every command's help, however
/// deep, is whole.
#[test]
fn no_help_is_cut_as_a_quote_of_something_typed() {
    let env = Env::new();
    let help = env.ok(&["import", "taskwarrior", "--help"]);
    assert!(
        help.contains("importing the same export again adds nothing"),
        "{help}"
    );
    let mut todo: Vec<Vec<String>> = vec![vec![]];
    let mut seen = 0;
    while let Some(cmd) = todo.pop() {
        let mut args: Vec<&str> = cmd.iter().map(String::as_str).collect();
        args.push("--help");
        let help = env.ok(&args);
        seen += 1;
        assert!(
            !help.contains(" characters)"),
            "{cmd:?} --help is cut:\n{help}"
        );
        let Some((_, listed)) = help.split_once("\nCommands:\n") else {
            continue;
        };
        for line in listed.lines().take_while(|l| !l.is_empty()) {
            if let Some(name) = line
                .strip_prefix("  ")
                .and_then(|l| l.split_whitespace().next())
                && !line.starts_with("   ")
                && name != "help"
            {
                let mut sub = cmd.clone();
                sub.push(name.to_string());
                todo.push(sub);
            }
        }
    }
    assert!(seen > 40, "only {seen} help pages found");
}

#[test]
fn a_commands_help_lists_its_own_options_before_the_global_ones() {
    let env = Env::new();
    for cmd in [&["person", "add"][..], &["keep"], &["export"]] {
        let mut args = cmd.to_vec();
        args.push("--help");
        let help = env.ok(&args);
        let own = help.find("\nOptions:\n").expect("its own options");
        let global = help.find("\nGlobal options:\n").expect("the global ones");
        assert!(own < global, "{cmd:?}:\n{help}");
        let (mine, globals) = help.split_at(global);
        for flag in ["--file <PATH>", "--config <FILE>", "--today <YYYY-MM-DD>"] {
            assert!(globals.contains(flag), "{cmd:?} {flag}:\n{help}");
            assert!(
                !mine.contains(flag),
                "{cmd:?} {flag} among its own:\n{help}"
            );
        }
    }
}

/// `rm` and `person rm` delete for good, and nothing said how to get a record deleted by
/// mistake back: their help now names the `restore-backup NAME` each names last (and
/// `restore-backup 1`, run next, the same backup), and that brings back the very record, its
/// number and note.
#[test]
fn a_deletes_help_names_the_restore_that_takes_it_back() {
    let env = Env::new();
    for cmd in [&["rm"][..], &["person", "rm"]] {
        let mut args = cmd.to_vec();
        args.push("--help");
        let help = env.ok(&args);
        assert!(
            help.contains("The way back is the `trustladder restore-backup NAME` it names last"),
            "{cmd:?}:\n{help}"
        );
    }
    env.ok(&["person", "add", "Ann Lee"]);
    env.ok(&["promise", "add", "ann", "first"]);
    env.ok(&["promise", "add", "ann", "second"]);
    env.ok(&["edit", "1", "--note", "kept in mind"]);
    let before = env.ledger();
    env.ok(&["rm", "1"]);
    env.ok(&["restore-backup", "1"]);
    assert_eq!(env.ledger()["promises"], before["promises"]);
    env.ok(&["person", "rm", "ann", "--force"]);
    env.ok(&["restore-backup", "1"]);
    assert_eq!(env.ledger()["people"], before["people"]);
    assert_eq!(env.ledger()["promises"], before["promises"]);
}

// ---- bad input: exit 1 (2 for usage), a message naming the fault, the file unchanged ----

#[test]
fn unknown_person() {
    let env = team();
    let needle = "no person matches 'zed'";
    env.fails(&["promise", "add", "zed", "x"], 1, needle);
    env.fails(&["log", "zed", "x"], 1, needle);
    env.fails(&["person", "edit", "zed", "--name", "Z"], 1, needle);
    env.fails(&["person", "archive", "zed"], 1, needle);
    env.fails(&["person", "rm", "zed"], 1, needle);
    env.fails(&["list", "zed"], 1, needle);
    env.fails(&["review", "zed"], 1, needle);
}

/// A blank PERSON (an empty variable in a script) is said to name no one: it was "no person
/// matches ''", as if a search for someone had found nobody.
#[test]
fn a_blank_person_names_no_one() {
    let env = team();
    let needle = "trustladder: a blank names no one: give a handle or a name (see `trustladder person list --all`)\n";
    for blank in ["", "  "] {
        for args in [
            &["list", blank][..],
            &["review", blank],
            &["prep", blank],
            &["promise", "add", blank, "x"],
            &["person", "edit", blank, "--role", "Lead"],
            &["person", "restore", blank],
            &["person", "rm", blank],
        ] {
            assert_eq!(env.fails(args, 1, needle), needle, "{args:?}");
        }
        env.fails(&["--today", "2020-01-01", "list", blank], 1, needle);
    }
}

#[test]
fn ambiguous_prefix_lists_the_candidates() {
    let env = team();
    let needle = "could mean priya-raman (Priya Raman), pat-lee (Pat Lee); type more of the name, or the handle";
    env.fails(&["promise", "add", "p", "x"], 1, needle);
    env.fails(&["log", "P", "x"], 1, needle);
    env.fails(&["review", "p"], 1, needle);
}

#[test]
fn bad_dates() {
    let env = team();
    env.fails(
        &["promise", "add", "priya", "x", "--due", "soon"],
        1,
        "--due: 'soon' is not a date: try fri, +3d, eow or 2026-12-01 (`trustladder dates` lists them all)",
    );
    env.fails(
        &["log", "priya", "x", "--on", "2026-13-01"],
        1,
        "--on: '2026-13-01' is not a day any year has: a year has 12 months",
    );
    env.fails(
        &["keep", "1", "--on", "tomorrow"],
        1,
        "--on: 2026-11-25 is after today (2026-11-24); an outcome cannot be recorded in the future: give --on 2026-11-24 or an earlier day\n",
    );
    env.fails(
        &["break", "1", "--on", "someday"],
        1,
        "--on: 'someday' means no date, and this needs a day",
    );
    env.fails(
        &["edit", "1", "--due", "31/12"],
        1,
        "--due: '31/12' is not a date; did you mean dec 31?",
    );
    env.fails(
        &["keep", "2", "--on", "2026-01-01"],
        1,
        "promise #2 is already kept",
    );
    // Named after the flag, as every date typed is, with the days it takes.
    for verb in ["keep", "break"] {
        env.fails(
            &[verb, "1", "--on", "2026-01-01"],
            1,
            "trustladder: --on: promise #1 cannot be resolved on 2026-01-01, before it was made (2026-11-24); give --on 2026-11-24 or a later day\n",
        );
    }
    env.fails(
        &["--today", "2026-02-30", "list"],
        1,
        "trustladder: --today: '2026-02-30' is not a day any year has: February 2026 has 28 days",
    );
}

/// Reopening keeps the note, as whether its outcome gave it or an edit before is not known,
/// and one written before would be lost (the command line has no undo); it is said, with the
/// way to clear it, so a later outcome is not read with the first one's words unawares.
#[test]
fn reopen_keeps_the_note_and_says_how_to_clear_it() {
    let env = Env::new();
    env.ok(&["person", "add", "Ana Ruiz"]);
    env.ok(&["promise", "add", "ana", "Send deck", "--due", "2026-11-30"]);
    env.ok(&["edit", "1", "--note", "for the board, v3 of the slides"]);
    env.ok(&["keep", "1"]);
    let (stdout, stderr) = env.noted(&["reopen", "1"]);
    assert_eq!(
        stdout,
        "#1 reopened (was kept on 2026-11-24): \"Send deck\" (ana-ruiz, theirs)\n"
    );
    assert_eq!(
        stderr,
        "trustladder: note: #1 keeps its note (`trustladder edit 1 --note ''` clears it): for the board, v3 of the slides\n"
    );
    assert_eq!(env.promise(1)["note"], "for the board, v3 of the slides");
    env.ok(&["edit", "1", "--note", ""]);
    env.ok(&["break", "1"]);
    let p = env.promise(1);
    assert_eq!(
        (p["status"].as_str(), p["note"].as_str()),
        (Some("broken"), Some(""))
    );
    // Nothing to say of a promise without a note.
    assert_eq!(
        env.ok(&["reopen", "1"]),
        "#1 reopened (was broken on 2026-11-24): \"Send deck\" (ana-ruiz, theirs)\n"
    );
}

/// `edit` sets a promise's note and whose it is, as the UI's form does: a script had no way to
/// either, and a promise written down the wrong way round counted on the wrong ladder.
#[test]
fn edit_sets_the_note_and_whose_promise_it_is() {
    let env = Env::new();
    env.ok(&["person", "add", "Ana Ruiz"]);
    env.ok(&["promise", "add", "ana", "Send deck", "--due", "2026-11-30"]);
    assert_eq!(
        env.ok(&["edit", "1", "--note", "waiting on legal", "--mine"]),
        "#1 edited: \"Send deck\" (ana-ruiz, mine)\n"
    );
    let p = env.promise(1);
    assert_eq!(
        (p["note"].as_str(), p["direction"].as_str()),
        (Some("waiting on legal"), Some("mine"))
    );
    assert_eq!(
        env.ok(&["edit", "1", "--note", "", "--theirs"]),
        "#1 edited: \"Send deck\" (ana-ruiz, theirs)\n"
    );
    let p = env.promise(1);
    assert_eq!(
        (p["note"].as_str(), p["direction"].as_str()),
        (Some(""), Some("theirs"))
    );
    assert_eq!(
        env.ok(&["edit", "1", "--theirs"]),
        "#1 reads so already: \"Send deck\" (ana-ruiz, theirs); nothing changed\n"
    );
    // Refused, each leaves the file as it was (`fails` checks).
    env.fails(
        &["edit", "1", "--mine", "--theirs"],
        2,
        "cannot be used with",
    );
    env.fails(&["edit", "1", "--note", "a\nb"], 1, "control character");
}

/// Looking back (`--today` on a past day), a promise made after that day, or resolved after
/// it, was open then: `reopen` is refused, naming the days, as `keep` is, and the file stays
/// as it was (it erased an outcome recorded later).
#[test]
fn reopen_on_a_day_before_the_promise_was_made_or_resolved_is_refused() {
    let env = Env::new();
    env.ok(&["person", "add", "Ana Ruiz"]);
    env.ok(&[
        "--today",
        "2026-10-01",
        "promise",
        "add",
        "ana",
        "Send deck",
    ]);
    env.ok(&["--today", "2026-11-01", "keep", "1", "--late"]);
    env.fails(
        &["--today", "2026-09-15", "reopen", "1"],
        1,
        "trustladder: promise #1 cannot be reopened on 2026-09-15, before it was made (2026-10-01); with --today 2026-10-01 or a later day it can be\n",
    );
    env.fails(
        &["--today", "2026-10-15", "reopen", "1"],
        1,
        "trustladder: promise #1 cannot be reopened on 2026-10-15: it was kept late on 2026-11-01, so it was still open then; with --today 2026-11-01 or a later day it can be\n",
    );
    assert_eq!(
        env.ok(&["--today", "2026-11-01", "reopen", "1"]),
        "#1 reopened (was kept late on 2026-11-01): \"Send deck\" (ana-ruiz, theirs)\n"
    );
}

/// A promise made, or resolved, on a day after today here (by a machine whose clock or time
/// zone is ahead, synced here): keeping, breaking, releasing or reopening it today is
/// refused naming the `--today` that takes it, which then works; the file stays as it was
/// meanwhile.
#[test]
fn a_promise_dated_after_today_names_the_today_that_takes_it() {
    let env = Env::new();
    env.ok(&["person", "add", "Ana Ruiz"]);
    env.ok(&[
        "--today",
        "2026-11-25",
        "promise",
        "add",
        "ana",
        "Send deck",
    ]);
    for verb in ["keep", "break", "release"] {
        env.fails(
            &[verb, "1"],
            1,
            "trustladder: promise #1 cannot be resolved on 2026-11-24, before it was made (2026-11-25); with --today 2026-11-25 or a later day it can be\n",
        );
    }
    env.ok(&["--today", "2026-11-25", "break", "1"]);
    env.fails(
        &["reopen", "1"],
        1,
        "trustladder: promise #1 cannot be reopened on 2026-11-24, before it was made (2026-11-25); with --today 2026-11-25 or a later day it can be\n",
    );
    assert_eq!(
        env.ok(&["--today", "2026-11-25", "reopen", "1"]),
        "#1 reopened (was broken on 2026-11-25): \"Send deck\" (ana-ruiz, theirs)\n"
    );
    env.ok(&["--today", "2026-11-20", "promise", "add", "ana", "Call Sam"]);
    env.ok(&["--today", "2026-11-25", "break", "2"]);
    env.fails(
        &["reopen", "2"],
        1,
        "trustladder: promise #2 cannot be reopened on 2026-11-24: it was broken on 2026-11-25, so it was still open then; with --today 2026-11-25 or a later day it can be\n",
    );
}

/// `rm 201`, typed from memory after a sync gave #201 to another promise (`#201 here is now
/// #214`), deleted that one and said only `#201 deleted`. Each command that acts on a promise
/// by number now names it, its text and whose it is, the text cut so the line fits 80 columns
/// where no terminal gives a width; an archived colleague's promise is named the same way.
#[test]
fn a_command_by_number_names_the_promise_it_acted_on() {
    let env = Env::new();
    env.ok(&["person", "add", "Bo Chen"]);
    env.ok(&["person", "add", "王芳"]);
    let long = "Send the Q3 draft of the budget review to finance and legal, with the appendix";
    env.ok(&["promise", "add", "bo", long]);
    env.ok(&["promise", "add", "王", "Review \"PR\" 412", "--mine"]);
    env.ok(&["person", "archive", "bo"]);
    let kept = env.ok(&["keep", "1"]);
    assert_eq!(
        kept,
        "#1 kept: \"Send the Q3 draft of the budget review to finance…\" (bo-chen, theirs)\n"
    );
    assert!(kept.trim_end().chars().count() <= 80, "{kept}");
    assert_eq!(
        env.ok(&["reopen", "1"]),
        "#1 reopened (was kept on 2026-11-24): \"Send the Q3 draft of…\" (bo-chen, theirs)\n"
    );
    assert_eq!(
        env.ok(&["break", "2"]),
        "#2 broken: \"Review \\\"PR\\\" 412\" (王芳, mine)\n"
    );
    assert_eq!(
        env.ok(&["rm", "2"]),
        format!(
            "#2 deleted: \"Review \\\"PR\\\" 412\" (王芳, mine)\n{}",
            undone_by_newest(&env)
        )
    );
    // A number that names nothing (deleted, or never handed out) is refused as before.
    for args in [["rm", "2"], ["keep", "2"], ["reopen", "7"]] {
        env.fails(&args, 1, "no promise #");
    }
}

/// A number given to a promise since deleted was refused as one never given (`no promise
/// #1`), read as a typo; each command that acts by number now says it was deleted, exit 1,
/// the file as it was, and a number never given says the last number given.
#[test]
fn a_deleted_promises_number_is_said_to_be_deleted() {
    let env = team();
    env.ok(&["rm", "1"]);
    let gone = "trustladder: no promise #1 any more: it was deleted, and its number is not given again (`trustladder list --all` lists the promises there are)\n";
    for args in [
        &["keep", "1"][..],
        &["break", "#1"],
        &["release", "1", "--on", "yesterday"],
        &["reopen", "1"],
        &["edit", "1", "--what", "x"],
        &["rm", "1"],
    ] {
        assert_eq!(env.fails(args, 1, gone), gone, "{args:?}");
    }
    let last = "trustladder: no promise #4: the last number given is #3 (`trustladder list --all` lists the promises there are)\n";
    assert_eq!(env.fails(&["keep", "4"], 1, last), last);
}

/// `person edit --handle`, which a user tries to rename a handle: clap's bare "unexpected
/// argument" left it to be guessed whether it was spelled otherwise. It says a handle stays
/// as it was made, and that `--name` changes the name; exit 2, the file as it was.
#[test]
fn a_handle_given_to_person_edit_is_said_to_stay() {
    let env = team();
    for args in [
        &["person", "edit", "pat", "--handle", "patty"][..],
        &["person", "edit", "pat", "--handle=patty"],
        &[
            "person", "edit", "pat", "--name", "Pat Li", "--handle", "patty",
        ],
    ] {
        let said = env.fails(
            args,
            2,
            "error: unexpected argument '--handle' found: a handle stays as it was made when they were added, as scripts, exports and other machines name them by it\n\n  tip: --name changes their name\n",
        );
        assert!(said.contains("Usage: trustladder person edit"), "{said}");
    }
}

/// A remote given to `sync init` bare, as `sync clone` and `git remote add` take one: clap's
/// bare "unexpected argument" said neither that a remote is taken nor how. It says the remote
/// goes after `--remote`, with the line to run (quoted for the shell, `--join` kept); a word
/// after a remote given is left to clap. Exit 2, nothing set up.
#[test]
fn a_remote_given_bare_to_sync_init_is_shown_its_flag() {
    let env = team();
    for (args, remote) in [
        (
            &["sync", "init", "me@server:trust.git"][..],
            "me@server:trust.git",
        ),
        (
            &["sync", "init", "my remote", "--join"],
            "'my remote' --join",
        ),
    ] {
        let said = env.fails(
            args,
            2,
            &format!(
                "error: unexpected argument '{}' found: the remote goes after --remote\n\n  tip: trustladder --file {} --today {TODAY} sync init --remote {remote}\n",
                args[2],
                env.path.display()
            ),
        );
        assert!(said.contains("Usage: trustladder sync init"), "{said}");
    }
    let said = env.fails(
        &["sync", "init", "--remote", "x", "y"],
        2,
        "error: unexpected argument 'y' found\n",
    );
    assert!(!said.contains("goes after --remote"), "{said}");
    assert!(!env.path.with_file_name(".git").exists());
}

/// A subcommand clap finds no likeness to (`config show`) got a bare "unrecognized
/// subcommand", where one left out lists those there are: it lists them too; and a file given
/// to `import` where its tool goes gets the command that reads it. Exit 2, the file as it was.
#[test]
fn an_unknown_subcommand_lists_those_there_are() {
    let env = team();
    for (args, listed) in [
        (
            &["config", "show"][..],
            "  [subcommands: init, check, help]\n\n",
        ),
        (
            &["person", "show", "pat"],
            "  [subcommands: add, list, edit, archive, restore, rm, help]\n\n",
        ),
        (
            &["import", "ics"],
            "  [subcommands: taskwarrior, help]\n\nUsage: ",
        ),
        (
            &["import", "my tasks.json"],
            "  [subcommands: taskwarrior, help]\n\n  tip: the tool goes first: trustladder import taskwarrior 'my tasks.json' --person-from tag:PREFIX\n\nUsage: ",
        ),
    ] {
        let said = env.fails(args, 2, listed);
        let unknown = args[1];
        assert!(
            said.starts_with(&format!("error: unrecognized subcommand '{unknown}'\n  [")),
            "{said}"
        );
    }
    // Where clap finds a likeness, its tip is enough; at the top, --help lists them.
    let said = env.fails(
        &["config", "chek"],
        2,
        "a similar subcommand exists: 'check'",
    );
    assert!(!said.contains("[subcommands"), "{said}");
    let said = env.fails(&["shw"], 2, "unrecognized subcommand 'shw'");
    assert!(!said.contains("[subcommands"), "{said}");
    // `help` given no command listed the top level's with the hidden ones git runs.
    let said = env.fails(&["help", "shw"], 2, "unrecognized subcommand 'shw'");
    assert!(!said.contains("[subcommands"), "{said}");
    assert!(!said.contains("merge-driver"), "{said}");
}

/// A command of another typed as the program's own (`archive pat`, as `person archive` is
/// meant) was offered what it is spelt like, a command of another kind (`recover` for
/// `archive`, `config` for `clone`), or nothing (`add`): the tip now names the commands it
/// belongs to, as lines to run, and keeps the program's own that begin so; the program's
/// own typed under another (`promise list`) is named as such. Exit 2, the file as it was.
#[test]
fn a_command_typed_at_the_wrong_level_names_where_it_is() {
    let env = team();
    for (args, tip) in [
        (
            &["archive", "pat"][..],
            "archive is a command of person: trustladder person archive",
        ),
        (
            &["add", "Priya"],
            "add is a command of person and promise: trustladder person add or trustladder promise add",
        ),
        (
            &["clone", "me@server:trust.git"],
            "clone is a command of sync: trustladder sync clone",
        ),
        (
            &["init"],
            "init is a command of sync and config: trustladder sync init or trustladder config init",
        ),
        (
            &["restore", "pat"],
            "restore is a command of person: trustladder person restore; did you mean restore-backup?",
        ),
    ] {
        let said = env.fails(args, 2, "");
        assert!(
            said.starts_with(&format!(
                "error: unrecognized subcommand '{}'\n\n  tip: {tip}\n\nUsage: trustladder [OPTIONS] [COMMAND]\n",
                args[0]
            )),
            "{said}"
        );
        assert_eq!(said.matches("tip:").count(), 1, "{said}");
    }
    // Asked `help` for, the help of the commands it belongs to.
    let said = env.fails(&["help", "archive"], 2, "");
    assert!(
        said.contains(
            "\n\n  tip: archive is a command of person: trustladder help person archive\n\n"
        ),
        "{said}"
    );
    // Typed as a command of its own, clap's likeness stays.
    env.fails(
        &["person", "archiv", "pat"],
        2,
        "a similar subcommand exists: 'archive'",
    );
    // The program's own typed under another (`promise list`, `promise keep 1`), after the
    // subcommands there are.
    for (args, tip) in [
        (
            &["promise", "list"][..],
            "list is a command of its own: trustladder list",
        ),
        (
            &["promise", "keep", "1"],
            "keep is a command of its own: trustladder keep",
        ),
        (
            &["person", "review", "pat"],
            "review is a command of its own: trustladder review",
        ),
    ] {
        let said = env.fails(args, 2, "");
        assert!(
            said.contains(&format!(
                "]\n\n  tip: {tip}\n\nUsage: trustladder {} ",
                args[0]
            )),
            "{said}"
        );
    }
    // `sync status` is not the promises' `status`: the tip says where the sync's state is.
    let said = env.fails(&["sync", "status"], 2, "");
    assert!(
        said.contains("]\n\n  tip: sync has no status of its own: `trustladder sync` says what it committed, merged and pushed, and `git status` in the data file's folder what is not synced yet; `trustladder status` is the promises' line for a prompt\n\n"),
        "{said}"
    );
    assert!(!said.contains("is a command of its own"), "{said}");
}

/// A flag that answers a question (`rm 1 --yes`) given to a command that asks none is told
/// so, with what to type: only decrypt asks, and takes --yes; a --force the command has for
/// something else is named with what it does, never offered as the answer. Nothing is
/// deleted.
#[test]
fn an_answer_to_no_question_is_told_the_command_never_asks() {
    let env = team();
    for (args, first, tip, usage) in [
        (
            &["rm", "1", "--yes"][..],
            "'--yes' found: trustladder rm never asks before it acts, on a terminal or not",
            "leave --yes out",
            "trustladder rm <ID>",
        ),
        (
            &["rm", "1", "-y"],
            "'-y' found: trustladder rm never asks before it acts, on a terminal or not",
            "leave -y out",
            "trustladder rm [OPTIONS] <ID>",
        ),
        (
            &["rm", "1", "-yes"],
            "'-yes' found: trustladder rm never asks before it acts, on a terminal or not",
            "leave -yes out",
            "trustladder rm [OPTIONS] <ID>",
        ),
        (
            &["rm", "--force", "1"],
            "'--force' found: trustladder rm never asks before it acts, on a terminal or not",
            "leave --force out",
            "trustladder rm [OPTIONS] <ID>",
        ),
        (
            &["person", "rm", "pat", "--yes"],
            "'--yes' found: trustladder person rm never asks before it acts, on a terminal or not",
            "leave --yes out; --force is no answer to a question: also delete every promise between you and them",
            "trustladder person rm <PERSON>",
        ),
        (
            &["person", "rm", "pat", "-f"],
            "'-f' found",
            "the flag is --force: also delete every promise between you and them",
            "trustladder person rm [OPTIONS] <PERSON>",
        ),
        (
            &["decrypt", "-y"],
            "'-y' found",
            "trustladder decrypt skips its question with --yes",
            "trustladder decrypt [OPTIONS]",
        ),
    ] {
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unexpected argument {first}\n\n  tip: {tip}\n\nUsage: {usage}\n\nFor more information, try '--help'.\n"
            ),
            "{args:?}"
        );
    }
    // Other letters after one dash are no answer: clap's word stands.
    let said = env.fails(&["rm", "1", "-fx"], 2, "");
    assert!(!said.contains("tip:"), "{said}");
    // Without it, as the tip says, the promise is deleted at once.
    assert!(env.ok(&["rm", "1"]).starts_with("#1 deleted"));
}

/// `list --help` says which statuses have a filter and which have none, and it is so: only
/// open promises, overdue ones among them, are listed by `--open`, and a flag for any other
/// status is refused. Nothing is changed.
#[test]
fn list_help_says_which_statuses_have_no_filter() {
    let env = team();
    let help = env.ok(&["list", "--help"]);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        "Open promises (overdue ones among them) are the one status with a filter, --open. Kept, \
         kept late, broken and released promises have none: they are listed among the others, \
         each named in STATUS (in --json, status); `agenda` lists the overdue ones first.",
        "--open Only open promises, overdue ones among them (kept, kept late, broken and released \
         ones have no filter of their own)",
    ] {
        assert!(help.contains(said), "{help}");
    }
    let open = env.json(&["list", "--open", "--json"]);
    let statuses: Vec<&str> = (open.as_array().unwrap().iter())
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert!(
        !statuses.is_empty() && statuses.iter().all(|s| *s == "open"),
        "{open}"
    );
    for flag in ["--kept", "--kept-late", "--broken", "--released"] {
        env.fails(&["list", flag], 2, "unexpected argument");
    }
}

/// A status asked of `list` by a flag it lacks (`--status open`, `--broken`) is told that
/// only open promises have a filter, with the line that lists them (`--open`), or, for a
/// status with none, that it has none and where it shows, where clap said only "unexpected
/// argument" or offered `--open` for `--broken`, the opposite. Nothing is changed.
#[test]
fn a_status_asked_of_list_is_told_the_flag_it_has_or_that_there_is_none() {
    let env = team();
    let why = |flag: &str| {
        format!("'{flag}' found: list takes no {flag}: only open promises have a filter, --open")
    };
    for (args, flag, tip) in [
        (
            &["list", "--status", "open"][..],
            "--status",
            "trustladder list --open",
        ),
        (
            &["list", "priya", "--status=Open", "--mine"],
            "--status",
            "trustladder list priya --mine --open",
        ),
        (
            &["list", "--status", "kept"],
            "--status",
            "kept promises have no filter: trustladder list shows them among the others, kept in STATUS",
        ),
        (
            &["list", "--state", "late"],
            "--state",
            "kept late promises have no filter: trustladder list shows them among the others, kept late in STATUS",
        ),
        (
            &["list", "--broken"],
            "--broken",
            "broken promises have no filter: trustladder list shows them among the others, broken in STATUS",
        ),
        (
            &["list", "--status", "released"],
            "--status",
            "released promises have no filter: trustladder list shows them among the others, released in STATUS",
        ),
        (
            &["list", "--status", "overdue"],
            "--status",
            "overdue promises have no filter in list: trustladder agenda lists them first",
        ),
        (
            &["list", "--status"],
            "--status",
            "kept, kept late, broken and released promises have no filter: trustladder list shows each promise's STATUS",
        ),
    ] {
        // A line retyped keeps the ledger and the day typed: run, it lists the same file.
        let tip = match tip.strip_prefix("trustladder list") {
            Some(rest) => format!(
                "trustladder --file {} --today {TODAY} list{rest}",
                env.path.display()
            ),
            None => tip.to_string(),
        };
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unexpected argument {}\n\n  tip: {tip}\n\nUsage: trustladder list [OPTIONS] [PERSON]\n\nFor more information, try '--help'.\n",
                why(flag)
            ),
            "{args:?}"
        );
    }
}

/// A flag cut short or mistyped (`keep 1 --lat`) is offered the flag meant, and the usage
/// shown is the command's own, where clap wrote the flag it offered into it (`trustladder
/// keep --late <ID>`) as if it were needed. Nothing is changed.
#[test]
fn a_flag_offered_for_a_mistyped_one_is_not_written_into_the_usage() {
    let env = team();
    for (args, typed, meant, usage) in [
        (
            &["keep", "1", "--lat"][..],
            "--lat",
            "--late",
            "trustladder keep [OPTIONS] <ID>",
        ),
        (
            &["promise", "add", "pat", "Ship it", "--du", "fri"],
            "--du",
            "--due",
            "trustladder promise add [OPTIONS] <PERSON> <WHAT>",
        ),
        (
            &["list", "--jsn"],
            "--jsn",
            "--json",
            "trustladder list [OPTIONS] [PERSON]",
        ),
    ] {
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unexpected argument '{typed}' found\n\n  tip: a similar argument exists: '{meant}'\n\nUsage: {usage}\n\nFor more information, try '--help'.\n"
            ),
            "{args:?}"
        );
    }
}

/// A flag typed before the command (`--yes rm 1`), which clap reads as the program's own, is
/// shown the command's usage, where clap gave the program's, with the options typed
/// (`trustladder --file <PATH> --today <YYYY-MM-DD>`). Nothing is deleted.
#[test]
fn a_flag_before_the_command_is_shown_the_command_usage() {
    let env = team();
    for (args, first, tip, usage) in [
        (
            &["--yes", "rm", "1"][..],
            "'--yes' found: trustladder rm never asks before it acts, on a terminal or not",
            "leave --yes out",
            "trustladder rm [OPTIONS] <ID>",
        ),
        (
            &["-yes", "rm", "1"],
            "'-yes' found: trustladder rm never asks before it acts, on a terminal or not",
            "leave -yes out",
            "trustladder rm [OPTIONS] <ID>",
        ),
        (
            &["--yes", "person", "rm", "pat"],
            "'--yes' found: trustladder person rm never asks before it acts, on a terminal or not",
            "leave --yes out; --force is no answer to a question: also delete every promise between you and them",
            "trustladder person rm [OPTIONS] <PERSON>",
        ),
        (
            &["--lat", "keep", "1"],
            "'--lat' found",
            "'keep --late' exists",
            "trustladder keep [OPTIONS] <ID>",
        ),
    ] {
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unexpected argument {first}\n\n  tip: {tip}\n\nUsage: {usage}\n\nFor more information, try '--help'.\n"
            ),
            "{args:?}"
        );
    }
}

/// A command's own flag typed before it (`--json list`) is told it exists after the
/// command, never that the command takes no such flag; a flag of another command typed
/// there (`--since list`) is told whose it is, without clap's likeness (`'list --mine'
/// exists`) beside it. Nothing is changed.
#[test]
fn a_flag_before_its_command_is_not_said_to_be_another_commands() {
    let env = team();
    for (args, first, tip) in [
        (
            &["--json", "list"][..],
            "'--json' found",
            "'list --json' exists",
        ),
        (
            &["--open", "list", "priya"],
            "'--open' found",
            "'list --open' exists",
        ),
        (
            &["--since", "list"],
            "'--since' found: trustladder list takes no --since",
            "--since is a flag of prep",
        ),
    ] {
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unexpected argument {first}\n\n  tip: {tip}\n\nUsage: trustladder list [OPTIONS] [PERSON]\n\nFor more information, try '--help'.\n"
            ),
            "{args:?}"
        );
    }
}

/// A command's flag that takes a value, typed before the command (`--note x keep 1`), is told
/// it goes after the command, with the commands that take it and the line typed with the flag
/// moved there, where clap took its value for the command and gave the program's usage with
/// the options typed; with no command, or no value to move, the commands alone. Nothing is
/// changed.
#[test]
fn a_flag_with_a_value_before_the_command_is_told_it_goes_after() {
    let env = team();
    let options = format!("--file {} --today {TODAY}", env.path.display());
    let note = "--note goes after the command, as a flag of person add, person edit, keep, \
                break, release and edit";
    for (args, why, tip, usage) in [
        (
            &["--note", "on time", "keep", "1"][..],
            note,
            Some(format!("trustladder {options} keep 1 --note 'on time'")),
            "trustladder keep [OPTIONS] <ID>",
        ),
        (
            &["--note=x", "keep", "1", "--late"],
            note,
            Some(format!("trustladder {options} keep 1 --late --note x")),
            "trustladder keep [OPTIONS] <ID>",
        ),
        (
            &["--due", "fri", "promise", "add", "priya", "Ship it"],
            "--due goes after the command, as a flag of promise add and edit",
            Some(format!(
                "trustladder {options} promise add priya 'Ship it' --due fri"
            )),
            "trustladder promise add [OPTIONS] <PERSON> <WHAT>",
        ),
        (
            &["--note", "keep", "1"],
            note,
            None,
            "trustladder keep [OPTIONS] <ID>",
        ),
        (
            &["--note", "x"],
            note,
            None,
            "trustladder [OPTIONS] [COMMAND]",
        ),
    ] {
        let tip = tip.map_or_else(String::new, |line| format!("\n\n  tip: {line}"));
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unexpected argument '{}' found: {why}{tip}\n\nUsage: {usage}\n\nFor more information, try '--help'.\n",
                args[0].split('=').next().unwrap()
            ),
            "{args:?}"
        );
    }
}

/// A flag typed with no command is told in one line what it is, with the program's usage as
/// its `--help` gives it, where clap wrote the options typed into the usage (`trustladder
/// --file <PATH> --today <YYYY-MM-DD>`) and said nothing of the flag: one no command takes,
/// that none does (a flag spelt alike still offered), and a command's, that it goes after
/// the command. Nothing is changed.
#[test]
fn a_flag_with_no_command_is_named_with_the_programs_usage() {
    let env = team();
    let none = "neither trustladder nor any of its commands takes it";
    for (args, first, tip) in [
        (&["--bogus"][..], format!("'--bogus' found: {none}"), ""),
        (&["--bogus=3"], format!("'--bogus' found: {none}"), ""),
        (
            &["--demo", "--bogus"],
            format!("'--bogus' found: {none}"),
            "",
        ),
        (&["-x"], format!("'-x' found: {none}"), ""),
        (
            &["--fil", "x.json"],
            format!("'--fil' found: {none}"),
            "\n\n  tip: a similar argument exists: '--file'",
        ),
        (
            &["--force"],
            "'--force' found: --force goes after the command, as a flag of person rm, export \
             and restore-backup"
                .to_string(),
            "",
        ),
    ] {
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unexpected argument {first}{tip}\n\nUsage: trustladder [OPTIONS] [COMMAND]\n\nFor more information, try '--help'.\n"
            ),
            "{args:?}"
        );
    }
}

/// Several ids given to a command that takes one (`keep 1 2`) are told it takes one at a
/// time, with a shell loop that runs it on each, its options kept (`--file` among them, so
/// the loop changes this ledger), where clap said only "unexpected argument '2'". Nothing
/// is changed.
#[test]
fn several_ids_are_told_one_at_a_time_with_a_loop() {
    let env = team();
    let options = format!("--file {} --today {TODAY}", env.path.display());
    for (args, ids, run) in [
        (&["keep", "1", "2"][..], "1 2", "keep $id"),
        (
            &["break", "1", "#3", "--note", "no time"],
            "1 '#3'",
            "break $id --note 'no time'",
        ),
        (&["release", "1", "3"], "1 3", "release $id"),
        (&["rm", "1", "2", "3"], "1 2 3", "rm $id"),
    ] {
        let command = args[0];
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unexpected argument '{}' found: trustladder {command} takes one promise id at a time\n\n  tip: for id in {ids}; do trustladder {options} {run}; done\n\nUsage: trustladder {command} [OPTIONS] <ID>\n\nFor more information, try '--help'.\n",
                args[2]
            ),
            "{args:?}"
        );
    }
    // A word that is no id is no second promise: clap's word stands.
    assert!(!env.fails(&["keep", "1", "soon"], 2, "").contains("tip:"));
}

/// The colleague given by a flag (`list --person priya`) to a command that takes them as an
/// argument is told so, with the line typed put right, where clap offered `--json`, alike
/// in spelling only, and wrote it into the usage.
#[test]
fn a_colleague_given_by_a_flag_is_told_it_is_an_argument() {
    let env = team();
    for (args, tip, usage) in [
        (
            &["list", "--person", "priya"][..],
            "trustladder list priya",
            "trustladder list [OPTIONS] [PERSON]",
        ),
        (
            &["list", "--open", "--person=priya"][..],
            "trustladder list priya --open",
            "trustladder list [OPTIONS] [PERSON]",
        ),
        (
            &["log", "Sent it", "--with", "pat", "--on", "yesterday"][..],
            "trustladder log pat 'Sent it' --on yesterday",
            "trustladder log [OPTIONS] <PERSON> <WHAT>",
        ),
        (
            &["review", "--person", "priya"][..],
            "trustladder review priya",
            "trustladder review [OPTIONS] [PERSON]",
        ),
        (
            &["promise", "add", "--who"][..],
            "trustladder promise add PERSON WHAT",
            "trustladder promise add [OPTIONS] <PERSON> <WHAT>",
        ),
    ] {
        let said = env.fails(args, 2, "");
        let flag = args
            .iter()
            .find(|a| a.starts_with("--p") || a.starts_with("--w"))
            .unwrap();
        let flag = flag.split('=').next().unwrap();
        // The line retyped keeps the ledger and the day typed: run, it acts on the same file.
        let tip = tip.replacen(
            "trustladder",
            &format!("trustladder --file {} --today {TODAY}", env.path.display()),
            1,
        );
        assert_eq!(
            said,
            format!(
                "error: unexpected argument '{flag}' found: the colleague is an argument, not a flag\n\n  tip: {tip}\n\nUsage: {usage}\n\nFor more information, try '--help'.\n"
            ),
            "{args:?}"
        );
    }
    // The line the tip gives reads.
    assert!(env.ok(&["list", "priya"]).contains("priya-raman"));
    // A command that takes no colleague is left as clap says it.
    let said = env.fails(&["keep", "1", "--person", "priya"], 2, "");
    assert!(!said.contains("tip:"), "{said}");
}

/// A flag of other commands given to one that lacks it is told so, with the commands that
/// take it, where clap offered a flag alike in spelling only (`--mine` for `--since`) and
/// wrote it into the usage; `--theirs` where a promise is recorded is told it is the default.
#[test]
fn a_flag_of_another_command_is_named_with_the_commands_that_take_it() {
    let env = team();
    for (args, why, tip, usage) in [
        (
            &["list", "--since", "2026-11-01"][..],
            "'--since' found: trustladder list takes no --since",
            "--since is a flag of prep",
            "trustladder list [OPTIONS] [PERSON]",
        ),
        (
            &["log", "priya", "Sent it", "--due", "fri"][..],
            "'--due' found: trustladder log takes no --due",
            "--due is a flag of promise add and edit",
            "trustladder log [OPTIONS] <PERSON> <WHAT>",
        ),
        (
            &["status", "--json"][..],
            "'--json' found: trustladder status takes no --json",
            "--json is a flag of person list, list, agenda, review, check and keys",
            "trustladder status [OPTIONS]",
        ),
        (
            &["promise", "add", "priya", "--theirs"][..],
            "'--theirs' found: trustladder promise add takes no --theirs, as a promise is theirs unless --mine says it is mine",
            "leave --theirs out",
            "trustladder promise add [OPTIONS] <PERSON> <WHAT>",
        ),
    ] {
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unexpected argument {why}\n\n  tip: {tip}\n\nUsage: {usage}\n\nFor more information, try '--help'.\n"
            ),
            "{args:?}"
        );
    }
    // A flag no command has keeps clap's likeness, where there is one.
    env.fails(
        &["keep", "1", "--lat"],
        2,
        "a similar argument exists: '--late'",
    );
}

/// A command typed by a word other tools use for it is told the command that does it, where
/// clap offered one spelt alike that does another thing (`release` for `delete`, `archive`
/// for `person unarchive`, the opposite); nothing is changed.
#[test]
fn a_command_typed_by_another_word_is_told_the_one_that_does_it() {
    let env = team();
    let top = "trustladder [OPTIONS] [COMMAND]";
    let person = "trustladder person [OPTIONS] <COMMAND>";
    for (args, word, tip, usage) in [
        (
            &["delete", "1"][..],
            "delete",
            "rm here: trustladder rm",
            top,
        ),
        (
            &["done", "1"][..],
            "done",
            "keep here: trustladder keep",
            top,
        ),
        (
            &["Cancel", "1"][..],
            "Cancel",
            "release here: trustladder release",
            top,
        ),
        (
            &["help", "delete"][..],
            "delete",
            "rm here: trustladder help rm",
            top,
        ),
        (
            &["person", "unarchive", "pat"][..],
            "unarchive",
            "person restore here: trustladder person restore",
            person,
        ),
        (
            &["person", "remove", "pat"][..],
            "remove",
            "person rm here: trustladder person rm",
            person,
        ),
    ] {
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unrecognized subcommand '{word}'\n\n  tip: {word} is {tip}\n\nUsage: {usage}\n\nFor more information, try '--help'.\n"
            ),
            "{args:?}"
        );
    }
}

#[test]
fn bad_ids() {
    let env = team();
    for cmd in ["keep", "break", "release", "reopen", "rm"] {
        env.fails(&[cmd, "99"], 1, "no promise #99");
        env.fails(&[cmd, "abc"], 2, "'abc' is not a promise id");
        // A negative number is a wrong id, not an unknown flag.
        env.fails(&[cmd, "-1"], 2, "'-1' is not a promise id");
    }
    env.fails(
        &["edit", "-3", "--what", "x"],
        2,
        "'-3' is not a promise id",
    );
    env.fails(&["edit", "#99", "--what", "x"], 1, "no promise #99");
    env.fails(&["keep", "#0"], 2, "'#0' is not a promise id");
}

/// A script run twice asks for the same outcome twice: the second `keep`, `break`, `release`
/// or `reopen` finds it there, says nothing changed and succeeds, leaving the file byte for
/// byte as it was, as `person archive` does on someone archived; another outcome on a
/// resolved promise (a `keep` of a broken one), or the same on another day or with another
/// note, is still refused, naming `reopen`.
#[test]
fn the_same_outcome_again_changes_nothing_and_succeeds() {
    let env = team();
    env.ok(&["promise", "add", "pat", "Fix the build"]);
    env.ok(&[
        "--today",
        "2026-11-20",
        "promise",
        "add",
        "pat",
        "Write the notes",
    ]);
    env.ok(&["keep", "1", "--note", "early"]);
    env.ok(&["break", "4"]);
    env.ok(&["release", "5", "--on", "yesterday"]);
    let again = |args: &[&str], said: &str| {
        let before = env.bytes();
        assert_eq!(env.ok(args), said, "{args:?}");
        assert_eq!(env.bytes(), before, "{args:?} changed the file");
    };
    let kept = "#1 was kept already: \"Send the deck\" (priya-raman, theirs); nothing changed\n";
    again(&["keep", "1"], kept);
    again(&["keep", "1", "--note", "early", "--on-time"], kept);
    again(
        &["break", "4"],
        "#4 was broken already: \"Fix the build\" (pat-lee, theirs); nothing changed\n",
    );
    // With no --on, on whatever day it was recorded: a script run again the next day.
    let released =
        "#5 was released already: \"Write the notes\" (pat-lee, theirs); nothing changed\n";
    again(&["--today", "2026-11-25", "release", "5"], released);
    again(&["release", "5", "--on", "yesterday"], released);
    again(
        &["reopen", "3"],
        "#3 is open already: \"Pair on the migration\" (pat-lee, mine); nothing changed\n",
    );
    // Another outcome, or the same one otherwise, is a change the core refuses.
    env.fails(
        &["keep", "4"],
        1,
        "trustladder: promise #4 is already broken on 2026-11-24; `trustladder reopen 4` forgets that outcome first\n",
    );
    env.fails(
        &["break", "1"],
        1,
        "promise #1 is already kept on 2026-11-24; `trustladder reopen 1` forgets that outcome first",
    );
    env.fails(&["keep", "1", "--late"], 1, "promise #1 is already kept");
    env.fails(
        &["keep", "1", "--note", "late"],
        1,
        "promise #1 is already kept",
    );
    // Another day than the one it has is refused naming the one it has.
    env.fails(
        &["release", "5", "--on", "2026-11-22"],
        1,
        "promise #5 is already released on 2026-11-23;",
    );
    env.fails(&["release", "4"], 1, "promise #4 is already broken");
}

#[test]
fn empty_text() {
    let env = team();
    // Each says what goes there, with an example.
    let name = "trustladder: name is empty; give the colleague's name, quoted if it has a space, as in \"Priya Raman\"\n";
    let what = "trustladder: what is empty; say what was promised, quoted, as in \"send the Q3 deck by Friday\"\n";
    env.fails(&["person", "add", "   "], 1, name);
    env.fails(&["person", "add", ""], 1, name);
    env.fails(&["person", "edit", "priya", "--name", ""], 1, name);
    env.fails(&["promise", "add", "priya", " "], 1, what);
    env.fails(&["promise", "add", "priya", ""], 1, what);
    env.fails(&["log", "priya", ""], 1, what);
    env.fails(&["edit", "1", "--what", ""], 1, what);
    // Nothing visible is as empty.
    env.fails(
        &["promise", "add", "priya", "\u{200b}"],
        1,
        "what has no visible characters; say what was promised",
    );
}

#[test]
fn control_characters() {
    let env = team();
    let needle = "contains a control character";
    env.fails(
        &["person", "add", "Eve\u{1b}[31m"],
        1,
        "name contains a control character (\\u{1b})",
    );
    env.fails(
        &["person", "add", "Eve", "--role", "a\nb"],
        1,
        "role contains a control character (\\n)",
    );
    env.fails(
        &["person", "edit", "priya", "--role", "Back\tend"],
        1,
        "role contains a control character (\\t)",
    );
    env.fails(&["promise", "add", "priya", "x\u{7}"], 1, needle);
    env.fails(
        &["keep", "1", "--note", "line\nbreak"],
        1,
        "note contains a control character (\\n)",
    );
    // An odd query is echoed back escaped, on one line.
    env.fails(
        &["review", "a\nb\u{1b}"],
        1,
        "no person matches 'a\\nb\\u{1b}'",
    );
}

#[test]
fn archived_person_takes_no_new_promises() {
    let env = team();
    env.ok(&["person", "archive", "pat"]);
    env.fails(
        &["promise", "add", "pat", "x"],
        1,
        "trustladder: pat-lee is archived, and takes no new promises; `trustladder person restore pat-lee` brings them back first\n",
    );
    env.fails(&["log", "pat", "x"], 1, "pat-lee is archived");
}

#[test]
fn person_rm_needs_force() {
    let env = team();
    env.fails(
        &["person", "rm", "priya"],
        1,
        "trustladder: priya-raman has 2 promises; `trustladder person archive priya-raman` keeps their record and promises, off the lists, or `trustladder person rm priya-raman --force` deletes them with their promises\n",
    );
}

#[test]
fn usage_errors_exit_2() {
    let env = team();
    env.fails(&["list", "--mine", "--theirs"], 2, "cannot be used with");
    env.fails(
        &["promise", "add", "priya", "x", "--level", "epic"],
        2,
        "invalid value 'epic'",
    );
    env.fails(&["edit", "1"], 2, "required arguments were not provided");
    env.fails(
        &["person", "edit", "priya"],
        2,
        "required arguments were not provided",
    );
    env.fails(&["promise", "add", "priya"], 2, "<WHAT>");
    env.fails(&["frobnicate"], 2, "unrecognized subcommand");
    env.fails(&["--demo", "list"], 2, "--demo");
}

/// A flag typed by its alias and refused (`list --rung bogus`) was named by the flag's own
/// name, `'--level <LEVEL>'`, which the user never typed: the error names both now, the alias
/// first. Every alias the command line has is tried, and the file is left as it was.
#[test]
fn a_flag_typed_by_its_alias_is_refused_by_that_name() {
    use clap::CommandFactory;
    let env = team();
    let cases: [(&[&str], &str); 7] = [
        (
            &["list", "--rung", "bogus"],
            "error: invalid value 'bogus' for '--rung/--level <LEVEL>'",
        ),
        (
            &["log", "priya", "x", "--rung=bogus"],
            "error: invalid value 'bogus' for '--rung/--level <LEVEL>'",
        ),
        (
            &["promise", "add", "priya", "x", "--rung", "bogus"],
            "error: invalid value 'bogus' for '--rung/--level <LEVEL>'",
        ),
        (
            &["edit", "1", "--rung", "bogus"],
            "error: invalid value 'bogus' for '--rung/--level <LEVEL>'",
        ),
        (
            &[
                "import",
                "taskwarrior",
                "-",
                "--person-from",
                "project",
                "--rung",
                "bogus",
            ],
            "error: invalid value 'bogus' for '--rung/--level <LEVEL>'",
        ),
        (
            &["log", "priya", "x", "--kept-late=yes"],
            "error: unexpected value 'yes' for '--kept-late/--late' found; no more were expected",
        ),
        (
            &["keep", "1", "--kept-late", "--on-time"],
            "error: the argument '--kept-late/--late' cannot be used with '--on-time'",
        ),
    ];
    for (args, first) in cases {
        let said = env.fails(args, 2, first);
        assert_eq!(said.lines().next(), Some(first), "{args:?}");
    }
    // Typed by its own name, a flag is named as before.
    let said = env.fails(&["list", "--level", "bogus"], 2, "");
    assert!(
        said.starts_with("error: invalid value 'bogus' for '--level <LEVEL>'\n"),
        "{said}"
    );
    // Every command with a flag that has an alias is among the cases above.
    fn aliased(command: &clap::Command, path: &str, into: &mut Vec<String>) {
        for arg in command.get_arguments() {
            for alias in arg.get_all_aliases().unwrap_or_default() {
                into.push(format!("{path} --{alias}"));
            }
        }
        for sub in command.get_subcommands() {
            aliased(sub, format!("{path} {}", sub.get_name()).trim(), into);
        }
    }
    let mut all = Vec::new();
    aliased(&trustladder::cli::Cli::command(), "", &mut all);
    for typed in all {
        assert!(
            cases.iter().any(|(args, _)| {
                let line = args.join(" ");
                let (path, alias) = typed.rsplit_once(' ').expect("a path and a flag");
                line.starts_with(path) && line.contains(alias)
            }),
            "no case types {typed}"
        );
    }
}

#[test]
fn a_damaged_file_is_named_and_never_overwritten() {
    let env = Env::new();
    std::fs::write(&env.path, b"{\"format\": \"trustladder\", oops").unwrap();
    let err = env.fails(
        &["person", "add", "Priya"],
        1,
        "not a trustladder file I can read",
    );
    assert!(err.contains("ledger.json"), "{err}");
    env.fails(&["list"], 1, "ledger.json");
}

/// A change refused where there is no data file at all names the file too: a mistyped
/// `--file` is the likelier fault than a missing promise. The note comes first, as a
/// command that reads says it, and the error last, where it is looked for.
#[test]
fn a_refused_change_where_there_is_no_file_names_the_file() {
    let env = Env::new();
    let out = env.cmd(&["keep", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "trustladder: note: there is no data file at {} yet (is --file or TRUSTLADDER_FILE right?)\ntrustladder: no promise #1\n",
            env.path.display()
        )
    );
    assert!(!env.path.exists());
    // Where the file is, the refusal is said alone.
    env.ok(&["person", "add", "Priya"]);
    let alone = "trustladder: no promise #1\n";
    assert_eq!(env.fails(&["keep", "1"], 1, alone), alone);
}

/// The change that makes the data file says so on stderr, naming it as given, so a mistyped
/// `--file` or `TRUSTLADDER_FILE` is seen to start a second ledger: the file and its missing
/// folders were made without a word. Stdout, which scripts read, is the handle alone.
#[test]
fn the_first_change_says_it_started_a_new_ledger() {
    let env = Env::new();
    let path = env.path.with_file_name("nu").join("x").join("l.json");
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env_remove("TRUSTLADDER_FILE")
        .arg("--file")
        .arg(&path)
        .args(["--today", TODAY, "person", "add", "Ada"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ada\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), started(&path));
    assert!(path.exists());
    // Named through TRUSTLADDER_FILE, relative to the working folder, as it was given.
    let folder = env.path.parent().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env("TRUSTLADDER_FILE", "team.json")
        .current_dir(folder)
        .args(["--today", TODAY, "person", "add", "Ada"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ada\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trustladder: note: started a new ledger at team.json\n"
    );
}

/// Only the change that made the file says it started a ledger: the next one on it, and a
/// refused first change (which makes nothing), say nothing of it.
#[test]
fn a_later_change_says_nothing_of_a_new_ledger() {
    let env = Env::new();
    let out = env.cmd(&["person", "add", ""]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("started a new ledger"), "{stderr}");
    assert!(!env.path.exists());
    // `ok` holds its stderr to the note that the ledger was started where the file is new,
    // and to nothing after.
    env.ok(&["person", "add", "Ada"]);
    for args in [
        &["person", "add", "Bo"][..],
        &["promise", "add", "ada", "Send the deck"],
        &["keep", "1"],
    ] {
        env.ok(args);
    }
}

/// `review --json` gives my side's advice in the sentence `review` prints, capital and full
/// stop, as it gives theirs: it gave my side's as a clause (`keep your next promise to Pat: …`).
#[test]
fn my_sides_advice_is_one_sentence_in_json_as_in_text() {
    let env = team();
    let text = env.ok(&["review", "pat"]);
    let json = env.json(&["review", "pat", "--json"]);
    let mine = json["my_credibility"]["advice"].as_str().unwrap();
    assert_eq!(
        mine,
        "Keep your next promise to Pat: \"Pair on the migration\" is 4 days overdue."
    );
    let said: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Advice: "))
        .collect();
    assert_eq!(said, [json["advice"].as_str().unwrap(), mine]);
}

/// What a command naming a colleague says when the ledger holds no one at all.
const NOBODY: &str = "trustladder: no person matches 'priya': no one is in the ledger yet; add them first with `trustladder person add NAME`\n";

/// A new user's first `promise add` or `log`, before any `person add`, is told to add the
/// person first (`person list --all`, which it named, lists no one), makes no data file, and
/// fails; once someone is there, a name that matches no one names the list again.
#[test]
fn a_first_promise_before_anyone_is_added_says_to_add_them() {
    let env = Env::new();
    for args in [
        &[
            "promise",
            "add",
            "priya",
            "Migrate the billing tables",
            "--due",
            "fri",
        ][..],
        &["log", "priya", "Review PR 412"][..],
    ] {
        let out = env.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        // After the note that there is no data file: the error last.
        assert!(
            String::from_utf8_lossy(&out.stderr).ends_with(NOBODY),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!env.path.exists(), "{args:?}");
    }
    env.ok(&["person", "add", "Bo Chen"]);
    let nobody = "trustladder: no person matches 'priya' (see `trustladder person list --all`)\n";
    assert_eq!(
        env.fails(
            &["promise", "add", "priya", "Migrate the billing tables"],
            1,
            nobody
        ),
        nobody
    );
}

/// A command that shows the ledger where there is no data file says so once, whether it then
/// succeeds or fails: a failing one said it twice, in two ways ("the first change makes it",
/// then "is --file right?").
#[test]
fn a_read_where_there_is_no_file_notes_it_once() {
    let env = Env::new();
    let note = format!(
        "trustladder: note: there is no data file at {} yet (is --file or TRUSTLADDER_FILE right?); the first change makes it\n",
        env.path.display()
    );
    for (args, code, error) in [
        (&["list"][..], 0, ""),
        (&["review", "priya"][..], 1, NOBODY),
        (&["list", "priya"][..], 1, NOBODY),
        (&["prep", "priya"][..], 1, NOBODY),
    ] {
        let out = env.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("{note}{error}"),
            "{args:?}"
        );
    }
    assert!(!env.path.exists());
}

/// Git's conflict markers in a file with no backup: the message says how to undo the merge
/// and that there is no backup, without first offering `restore-backup 1` (it said both).
#[test]
fn conflict_markers_with_no_backup_do_not_offer_one() {
    let env = Env::new();
    std::fs::write(
        &env.path,
        "<<<<<<< HEAD\n{\"format\": \"trustladder\"}\n=======\n{}\n>>>>>>> other\n",
    )
    .unwrap();
    let stderr = env.fails(
        &["list"],
        1,
        "`git merge --abort` undoes a merge under way. Nothing was changed; there is no backup of it to put back",
    );
    assert!(!stderr.contains("restore-backup"), "{stderr}");
}

/// Restoring the backup the data file already holds writes nothing and keeps nothing aside:
/// the same restore run again and again filled the backups with copies of one ledger, until
/// the one that held what came before it was rotated out and lost.
#[test]
fn restoring_what_the_file_already_holds_changes_nothing() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann Lee"]);
    env.ok(&["promise", "add", "ann", "first"]);
    env.ok(&["promise", "add", "ann", "important"]);
    env.ok(&["restore-backup", "2"]);
    env.ok(&["restore-backup", "1"]);
    let backups = env.path.parent().unwrap().join("backups");
    let count = || std::fs::read_dir(&backups).unwrap().count();
    let (before, bytes) = (count(), env.bytes());
    for _ in 0..12 {
        let out = env.ok(&["restore-backup", "1"]);
        assert!(
            out.contains("already holds what backup ledger.json.")
                && out.ends_with(" holds; nothing was changed\n"),
            "{out}"
        );
    }
    assert_eq!((count(), env.bytes()), (before, bytes));
    let kept = std::fs::read_dir(&backups).unwrap().any(|f| {
        std::fs::read_to_string(f.unwrap().path())
            .unwrap()
            .contains("important")
    });
    assert!(kept, "what came before the restores is still kept");
    // A file of a newer version with the same records read here is not taken as holding the
    // backup: it holds what this version cannot read, and stayed read-only for good.
    let newer = String::from_utf8(env.bytes().unwrap()).unwrap().replacen(
        "\"version\": 2,",
        "\"version\": 99,",
        1,
    );
    std::fs::write(&env.path, newer).unwrap();
    let out = env.ok(&["restore-backup", "1"]);
    assert!(out.starts_with("restored "), "{out}");
    env.ok(&["person", "add", "Bo Chen"]);
}

/// `restore-backup` is the one way back from `rm` on the command line; restoring the backup
/// from before the delete after a second shell added a promise and kept another dropped both
/// without a word. It now names what the file it replaced holds that the backup does not,
/// and a restore that drops nothing says nothing of it.
#[test]
fn a_restore_names_what_the_file_it_replaced_holds_that_the_backup_does_not() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann Lee"]);
    env.ok(&["promise", "add", "ann", "first"]);
    env.ok(&["promise", "add", "ann", "second"]);
    env.ok(&["rm", "1"]);
    // Undone at once: the backup holds all the file does, and #1 too.
    let out = env.ok(&["restore-backup", "1"]);
    assert!(!out.contains("does not"), "{out}");
    env.ok(&["rm", "1"]);
    // Another shell, meanwhile.
    env.ok(&["keep", "2"]);
    env.ok(&["promise", "add", "ann", "third"]);
    env.ok(&["person", "add", "Bo Chen"]);
    let before = env.ledger();
    let out = env.ok(&["restore-backup", "4"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[2],
        "it holds what the backup does not: bo-chen and #3, added since; the latest change to #2",
        "{out}"
    );
    // The few promises it names, by more than a number, as `rm` names one.
    assert_eq!(lines[3], "  #3: \"third\" (ann-lee, theirs)", "{out}");
    assert_eq!(lines[4], "  #2: \"second\" (ann-lee, theirs)", "{out}");
    assert!(
        lines[5].starts_with("`trustladder restore-backup ledger.json.replaced."),
        "{out}"
    );
    let open: Vec<u64> = (env.ledger()["promises"].as_array().unwrap().iter())
        .map(|p| p["id"].as_u64().unwrap())
        .collect();
    assert_eq!(open, [1, 2]);
    // The way back it names puts back all it dropped.
    let name = lines[5]
        .split('`')
        .nth(1)
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap();
    env.ok(&["restore-backup", name]);
    let after = env.ledger();
    for records in ["people", "promises"] {
        assert_eq!(after[records], before[records], "{records}");
    }
}

/// The promises a restore drops are named with their text cut to fit 80 columns where the
/// output goes to no terminal, and whose they are; past three, by their numbers alone.
#[test]
fn a_restore_names_the_few_promises_it_drops_by_their_text_cut_to_fit() {
    let env = Env::new();
    env.ok(&["person", "add", "Bo Chen"]);
    env.ok(&["promise", "add", "bo", "first"]);
    env.ok(&["rm", "1"]);
    let long = "Send the Q3 draft of the migration plan to the whole platform team for review";
    env.ok(&["promise", "add", "bo", long, "--mine"]);
    let out = env.ok(&["restore-backup", "1"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[2], "it holds what the backup does not: #2, added since",
        "{out}"
    );
    assert_eq!(
        lines[3],
        "  #2: \"Send the Q3 draft of the migration plan to the whole pl…\" (bo-chen, mine)",
        "{out}"
    );
    assert!(lines[3].chars().count() <= 80, "{out}");
    assert!(
        lines[4].starts_with("`trustladder restore-backup "),
        "{out}"
    );

    // Four dropped: the numbers alone, on the one line.
    let env = Env::new();
    env.ok(&["person", "add", "Bo Chen"]);
    env.ok(&["promise", "add", "bo", "first"]);
    env.ok(&["rm", "1"]);
    for what in ["a", "b", "c", "d"] {
        env.ok(&["promise", "add", "bo", what]);
    }
    let out = env.ok(&["restore-backup", "4"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[2], "it holds what the backup does not: #2, #3, #4 and #5, added since",
        "{out}"
    );
    assert!(
        lines[3].starts_with("`trustladder restore-backup "),
        "{out}"
    );
}

/// A promise resolved before it was made (a file edited by hand) loads, as every command
/// can still put it right, but `check` says so with what to do, in its text and its JSON;
/// once reopened, nothing is said.
#[test]
fn check_warns_of_a_promise_resolved_before_it_was_made() {
    let env = Env::new();
    env.ok(&["person", "add", "Ana Ruiz"]);
    env.ok(&["promise", "add", "ana", "Send deck"]);
    env.ok(&["keep", "1"]);
    let mut ledger = env.ledger();
    ledger["promises"][0]["resolved"] = Value::from("2026-11-01");
    std::fs::write(&env.path, serde_json::to_vec_pretty(&ledger).unwrap()).unwrap();
    let said = "promise #1 was kept on 2026-11-01, before it was made (2026-11-24), which no command records (a file edited by hand?): `trustladder reopen 1`, then give it its outcome again on a day from 2026-11-24 on";
    let report = env.ok(&["check"]);
    assert!(report.contains(&format!("\nwarning: {said}\n")), "{report}");
    let json = env.json(&["check", "--json"]);
    assert_eq!(json["warnings"], serde_json::json!([said]));
    assert_eq!(
        env.ok(&["reopen", "1"]),
        "#1 reopened (was kept on 2026-11-01): \"Send deck\" (ana-ruiz, theirs)\n"
    );
    let json = env.json(&["check", "--json"]);
    assert_eq!(json["warnings"], serde_json::json!([]));
    assert!(!env.ok(&["check"]).contains("warning"));
}

#[test]
fn check_and_restore_backup() {
    let env = Env::new();
    let report = env.ok(&["check"]);
    // Said as a ledger not begun, as the reading commands' note says it, not as a fault.
    assert!(
        report.contains("\nstate: missing (no data file here yet; the first change makes it)\n"),
        "{report}"
    );
    assert!(!env.path.exists(), "check created the file");

    env.ok(&["person", "add", "Priya"]);
    env.ok(&["person", "add", "Pat"]);
    let report = env.ok(&["check"]);
    assert!(
        report.contains("state: ok, format version 2: 2 people, 0 promises, 0 open"),
        "{report}"
    );
    assert!(report.contains("    1  ledger.json.000001."), "{report}");
    // Through a symbolic link to the file, the backups are named where they are: beside the
    // file the link names.
    let linked = Env::new();
    std::os::unix::fs::symlink(&env.path, &linked.path).unwrap();
    let real = std::fs::canonicalize(env.path.parent().unwrap()).unwrap();
    let report = linked.ok(&["check"]);
    assert!(
        report.contains(&format!("backups in {} (", real.join("backups").display())),
        "{report}"
    );
    env.fails(&["restore-backup", "9"], 1, "no backup '9'");
    // A number below 1 is a backup that is not there, with the numbers there are, not a
    // flag clap does not know.
    env.fails(
        &["restore-backup", "-1"],
        1,
        "no backup '-1' (there is 1, numbered 1)",
    );
    let out = env.ok(&["restore-backup", "1"]);
    assert!(out.starts_with("restored "), "{out}");
    let people = env.ledger()["people"].as_array().unwrap().len();
    assert_eq!(people, 1, "the backup from before Pat was added");
    // It says how to undo it, and that does.
    let undo = out
        .lines()
        .find_map(|l| {
            l.strip_prefix("`trustladder restore-backup ")?
                .strip_suffix("` puts it back")
        })
        .unwrap_or_else(|| panic!("{out}"));
    assert!(undo.starts_with("ledger.json.replaced."), "{out}");
    env.ok(&["restore-backup", undo]);
    assert_eq!(env.ledger()["people"].as_array().unwrap().len(), 2);
    env.ok(&["restore-backup", "1"]);

    // A damaged file: the report still prints, then exit 1 with one line on stderr, and the
    // file is left exactly as it was.
    std::fs::write(&env.path, b"{\"format\": \"trustladder\",").unwrap();
    let before = env.bytes();
    let out = env.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("state: damaged"), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("not a trustladder file I can read"),
        "{stderr}"
    );
    assert_eq!(env.bytes(), before);
}

#[test]
fn a_newer_file_is_shown_but_never_changed() {
    let env = Env::new();
    std::fs::write(
        &env.path,
        br#"{"format": "trustladder", "version": 99, "future_field": true,
            "people": [{"id": 1, "uid": "0b5a3e0e-0000-4000-8000-000000000001", "handle": "ana",
                        "name": "Ana", "created": "2026-11-01", "changed": "2026-11-01T09:00:00Z"}]}"#,
    )
    .unwrap();
    let (stdout, stderr) = env.noted(&["person", "list"]);
    assert!(stdout.contains("ana"), "{stdout}");
    assert!(stderr.starts_with("trustladder: note: "), "{stderr}");
    assert!(stderr.contains("format version 99"), "{stderr}");
    env.fails(&["person", "add", "Bo"], 1, "format version 99");
    env.fails(&["log", "ana", "x"], 1, "format version 99");
}

#[test]
fn date_words_on_the_command_line() {
    let env = team();
    // A due date of `someday` or `later` is no date; `dec 15` and `eom-1d` are days.
    let id = env.ok(&["promise", "add", "priya", "Plan Q1", "--due", "someday"]);
    assert_eq!(env.promise(id.trim().parse().unwrap())["due"], Value::Null);
    let id = env.ok(&["promise", "add", "priya", "Draft", "--due", "dec 15"]);
    let id: u64 = id.trim().parse().unwrap();
    assert_eq!(env.promise(id)["due"], "2026-12-15");
    env.ok(&["edit", &id.to_string(), "--due", "eom-1d"]);
    assert_eq!(env.promise(id)["due"], "2026-11-29");
    env.ok(&["edit", &id.to_string(), "--due", "later"]);
    assert_eq!(env.promise(id)["due"], Value::Null);
    // An outcome's weekday is the last one: on Tuesday 24 November, `fri` is the 20th.
    let id = env.ok(&["log", "priya", "Sent notes", "--on", "fri"]);
    let promise = env.promise(id.trim().parse().unwrap());
    assert_eq!(promise["resolved"], "2026-11-20", "{promise}");
    env.fails(
        &["promise", "add", "priya", "x", "--due", "tomorow"],
        1,
        "--due: 'tomorow' is not a date; did you mean tomorrow?",
    );
    env.fails(
        &["promise", "add", "priya", "x", "--due", "9am"],
        1,
        "--due: '9am' is a time; trustladder keeps days, not times",
    );
    env.fails(
        &["promise", "add", "priya", "x", "--due", "ju"],
        1,
        "'ju' could mean june or july; type more of it",
    );
}

#[test]
fn dates_reads_words_and_lists_the_table() {
    let env = Env::new();
    assert_eq!(
        env.ok(&["dates", "fri", "dec 15", "eom-1d", "someday", "2026-W49-2"]),
        "2026-11-27\n2026-12-15\n2026-11-29\nnone\n2026-12-01\n"
    );
    assert_eq!(
        env.ok(&["dates", "--past", "fri", "tue", "15th"]),
        "2026-11-20\n2026-11-24\n2026-11-15\n"
    );
    // A day to come looking back is refused as `--on` refuses it, not printed as valid.
    env.fails(
        &["dates", "--past", "today", "next fri"],
        1,
        "'next fri' looking back is 2026-11-27, after today (2026-11-24): a day something happened (--on, --since) cannot be one to come",
    );
    // The words of one date typed apart, as the shell splits them: told to quote them.
    env.fails(
        &["dates", "end", "of", "month"],
        1,
        "'end' is no date alone: each word is read as a date of its own, so quote the words of one (trustladder dates 'end of month')",
    );
    env.fails(&["dates", "fri", "bogus"], 1, "'bogus' is not a date");
    let table = env.ok(&["dates"]);
    assert!(
        table.starts_with("Date words, each read on Tuesday 24 November 2026:"),
        "{table}"
    );
    // Each word read: names of one day together, the others one by one, a day never cut.
    assert!(
        table.contains("  today, tod, now, sod, eod\n      today\n      each → Tue 2026-11-24\n"),
        "{table}"
    );
    assert!(
        table.contains("      mon → Mon 2026-11-30 · tues → Tue 2026-12-01\n"),
        "{table}"
    );
    assert!(
        table.contains("today+3d → Fri 2026-11-27 · eom-1d → Sun 2026-11-29"),
        "{table}"
    );
    assert!(
        table.contains("      e.g. 2026-12-01 → Tue 2026-12-01\n"),
        "{table}"
    );
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
    // `dates --help` and `help dates` print the same table, for the day asked.
    let help = env.ok(&["dates", "--help"]);
    assert!(help.contains("eom-1d → Sun 2026-11-29"), "{help}");
    let (help, _) = env.noted(&["--today", "2026-11-29", "help", "dates"]);
    assert!(
        help.contains("each read on Sunday 29 November 2026"),
        "{help}"
    );
    assert!(help.contains("fri → Fri 2026-12-04"), "{help}");
    env.fails(
        &["dates", "fri", "fridy"],
        1,
        "'fridy' is not a date; did you mean friday?",
    );
    // --past after the words, as the README's synopsis writes it; the table read back.
    assert_eq!(
        env.ok(&["dates", "fri", "tue", "--past"]),
        "2026-11-20\n2026-11-24\n"
    );
    let past = env.ok(&["dates", "--past"]);
    assert!(
        past.starts_with(
            "Date words, each read on Tuesday 24 November 2026 looking back, as for an\noutcome's day:\n"
        ),
        "{past}"
    );
    assert!(
        past.contains("      mon → Mon 2026-11-23 · tues → Tue 2026-11-24\n"),
        "{past}"
    );
    // Another flag after the words is named as such, not read as a date.
    env.fails(
        &["dates", "fri", "--help"],
        1,
        "'--help' comes after the date words, where it reads as one of them; put it before them",
    );
    env.fails(
        &["dates", "fri", "-h"],
        1,
        "'-h' comes after the date words, where it reads as one of them; put it before them",
    );
    // One that dates does not take at all, before its words or after them, is said to be no
    // option of it, where "put it before them" sent the user round again.
    for args in [&["dates", "--pats", "fri"][..], &["dates", "fri", "--pats"]] {
        env.fails(
            args,
            1,
            "'--pats' is no option of dates (it takes --past, and --file, --config and --today before its words); did you mean --past?",
        );
    }
    env.fails(
        &["dates", "--foo=1"],
        1,
        "'--foo=1' is no option of dates (it takes --past, and --file, --config and --today before its words)\n",
    );
}

/// The words of one date typed apart, as the shell splits them, are refused naming all of
/// them to quote, the longest run first: never printed as the days each word means alone.
#[test]
fn dates_refuses_the_words_of_one_date_typed_apart() {
    let env = team();
    let on_sunday = |words: &[&'static str]| {
        let mut args = vec!["--today", "2026-11-29", "dates"];
        args.extend(words);
        args
    };
    // Each word a date alone, the two together another: both readings named, the one day
    // and how to ask for each word's own, a comma after each word but the last.
    for (words, quoted, day, apart) in [
        (
            &["december", "15th"][..],
            "december 15th",
            "2026-12-15",
            "december, 15th",
        ),
        (&["dec", "15th"][..], "dec 15th", "2026-12-15", "dec, 15th"),
        (
            &["eom", "-1d", "fri"][..],
            "eom -1d",
            "2026-11-29",
            "eom, -1d",
        ),
    ] {
        env.fails(
            &on_sunday(words),
            1,
            &format!("trustladder: '{quoted}' reads both as one date ({day}) and word by word: quote the words of one (trustladder dates '{quoted}'), or put a comma after each word of its own (trustladder dates {apart})\n"),
        );
    }
    // One word no date alone, named with all the words of the date, those before it too.
    for (words, alone, quoted) in [
        (&["dec", "15"][..], "15", "dec 15"),
        (&["fri", "next", "week"][..], "next", "fri next week"),
        (&["today", "+", "3d"][..], "+", "today + 3d"),
    ] {
        env.fails(
            &on_sunday(words),
            1,
            &format!("trustladder: '{alone}' is no date alone: each word is read as a date of its own, so quote the words of one (trustladder dates '{quoted}')\n"),
        );
    }
    // A blank word, an empty variable in a script, is said to be blank, not one date with
    // the word beside it.
    for words in [&["", "fri"][..], &["fri", " "][..]] {
        env.fails(
            &on_sunday(words),
            1,
            "trustladder: a blank is not a date: try fri, +3d, eow or 2026-12-06, or none for no date (`trustladder dates` lists them all)\n",
        );
    }
    // The words that message offers, a comma after each word of its own, are each read
    // as the day it is alone, as are the words quoted as one: so both readings are there.
    env.fails(
        &on_sunday(&["fri", "eom", "+3d"]),
        1,
        "trustladder: 'eom +3d' reads both as one date (2026-12-03) and word by word: quote the words of one (trustladder dates 'eom +3d'), or put a comma after each word of its own (trustladder dates eom, +3d)\n",
    );
    assert_eq!(
        env.ok(&on_sunday(&["fri", "eom,", "+3d"])),
        "2026-12-04\n2026-11-30\n2026-12-02\n"
    );
    assert_eq!(
        env.ok(&on_sunday(&["fri,", "eom,", "+3d"])),
        "2026-12-04\n2026-11-30\n2026-12-02\n"
    );
    assert_eq!(
        env.ok(&on_sunday(&["fri", "eom +3d"])),
        "2026-12-04\n2026-12-03\n"
    );
    assert_eq!(
        env.ok(&on_sunday(&["--past", "dec,", "15th"])),
        "2025-12-01\n2026-11-15\n"
    );
    // A year after a comma is no date alone: the words are one date typed apart.
    env.fails(
        &on_sunday(&["dec", "15,", "2027"]),
        1,
        "trustladder: '15,' is no date alone: each word is read as a date of its own, so quote the words of one (trustladder dates 'dec 15, 2027')\n",
    );
    // Words that are no date together are read one by one; a time is told of as one.
    assert_eq!(
        env.ok(&on_sunday(&["fri", "mon", "dec 15"])),
        "2026-12-04\n2026-11-30\n2026-12-15\n"
    );
    env.fails(
        &on_sunday(&["tomorrow", "9am"]),
        1,
        "trustladder: '9am' is a time; trustladder keeps days, not times (try today or fri)\n",
    );
    env.fails(
        &on_sunday(&["tomorrow", "at", "9am"]),
        1,
        "trustladder: 'at' is no date alone: each word is read as a date of its own, so quote the words of one (trustladder dates 'tomorrow at 9am')\n",
    );
    // A typo of a date word is told as one, not to be quoted with the rest, which would be
    // refused again.
    env.fails(
        &on_sunday(&["tomorow", "12/01", "9am"]),
        1,
        "trustladder: 'tomorow' is not a date; did you mean tomorrow?\n",
    );
    // Words each past the calendar's end are told so, not to be quoted together.
    env.fails(
        &["--today", "9999-12-31", "dates", "fri", "+3d"],
        1,
        "trustladder: 'fri' (+10000-01-07) is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)\n",
    );
    // Words too long for a date are that, not a date typed apart.
    let long = "a".repeat(100);
    env.fails(
        &["dates", &long, "x"],
        1,
        "is too long for a date word (at most 64 characters)",
    );
}

/// A date word with a character in it that draws nothing is quoted with the character shown,
/// as a bidi control is: `'fri'` refused would look like a word that reads.
#[test]
fn a_date_word_with_an_invisible_character_is_quoted_with_it_shown() {
    let env = team();
    env.fails(
        &["--today", "2026-11-29", "dates", "fri\u{200b}"],
        1,
        "trustladder: 'fri\\u{200b}' is not a date; did you mean friday?\n",
    );
    env.fails(
        &["promise", "add", "priya", "x", "--due", "fri\u{ad}"],
        1,
        "trustladder: --due: 'fri\\u{ad}' is not a date; did you mean friday?\n",
    );
    env.fails(
        &["dates", "dec\u{feff}", "15"],
        1,
        "trustladder: 'dec\\u{feff}' is not a date",
    );
}

/// What a command prints goes to a full disk (`> file` on a full one): the command fails with
/// 1 and says so, so a script never takes a cut-off export for a whole one. A reader that
/// closes the pipe early (`| head -1`) is no failure.
#[test]
fn output_that_cannot_be_written_fails_but_a_closed_pipe_does_not() {
    let env = team();
    let plain = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_remove("TRUSTLADDER_FILE")
            .arg("--file")
            .arg(&env.path)
            .args(["--today", TODAY])
            .args(args);
        cmd
    };
    for args in [
        &["export", "--format", "json"][..],
        &["list"][..],
        &["review"][..],
        &["--help"][..],
        &["keep", "--help"][..],
        &["--version"][..],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = plain(args).stdout(full).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("could not write the output"), "{stderr}");
    }
    // A change that could not print: saved all the same, and said so. A prep that could not
    // be printed is not recorded.
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let before = std::fs::read(&env.path).unwrap();
    // `prep --save` printing to `out` fails with 1, says `said`, and records nothing.
    let unrecorded = |out: std::process::Stdio, said: &str| {
        let out = plain(&["prep", "priya", "--save"])
            .stdout(out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(said), "{stderr}");
        assert_eq!(
            std::fs::read(&env.path).unwrap(),
            before,
            "no prep recorded"
        );
    };
    unrecorded(full().into(), "could not write the output");
    // Nor one whose reader went away (a closed pipe): nobody saw it.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    unrecorded(writer.into(), "the prep was not recorded");
    let out = plain(&["person", "add", "Dana Whitfield"])
        .stdout(full())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "trustladder: the change was saved, but its output could not be written: No space left on device (os error 28)"
    );
    assert!(String::from_utf8_lossy(&std::fs::read(&env.path).unwrap()).contains("Dana Whitfield"));
    for args in [
        &["export", "--format", "json"][..],
        &["man"][..],
        &["completions", "bash"][..],
        &["list"][..],
        &["review"][..],
    ] {
        let mut child = plain(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: a closed pipe is the reader's choice: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A change saved whose report finds no reader (a pipe whose reader has gone, `| head -c0`)
/// or no standard output at all (closed, `>&-`) says on stderr that it was saved and exits
/// with 1, as one whose report meets a full disk: it used to exit 0 without a word, so nobody
/// could tell a change saved from one never made. A read-only command to a reader gone stays
/// quiet and succeeds (the reader's choice); one with stdout closed fails as to a full disk.
#[test]
fn a_change_whose_report_has_no_reader_says_it_was_saved() {
    let env = team();
    let saved = |stdout: std::process::Stdio, args: &[&str]| {
        let before = std::fs::read(&env.path).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"))
            .env_remove("TRUSTLADDER_FILE")
            .arg("--file")
            .arg(&env.path)
            .args(["--today", TODAY])
            .args(args)
            .stdout(stdout)
            .output()
            .unwrap();
        assert_ne!(std::fs::read(&env.path).unwrap(), before, "{args:?} saved");
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let gone = || {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        std::process::Stdio::from(writer)
    };
    assert_eq!(
        saved(gone(), &["promise", "add", "pat", "Fix the build"]),
        (
            Some(1),
            "trustladder: the change was saved, but its output could not be written: Broken pipe (os error 32)\n".to_string()
        )
    );
    assert_eq!(env.promise(4)["what"], "Fix the build");
    // Closed: the runtime puts /dev/null in its place before main, where writing succeeds.
    let closed = |args: &[&str]| {
        use std::os::unix::process::CommandExt;
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_remove("TRUSTLADDER_FILE")
            .arg("--file")
            .arg(&env.path)
            .args(["--today", TODAY])
            .args(args);
        // SAFETY: close(2) is async-signal-safe, and nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::close(1) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        let out = cmd.output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let before = std::fs::read(&env.path).unwrap();
    assert_eq!(
        closed(&["keep", "4"]),
        (
            Some(1),
            "trustladder: the change was saved, but its output could not be written: standard output is closed\n".to_string()
        )
    );
    assert_ne!(std::fs::read(&env.path).unwrap(), before, "kept");
    assert_eq!(env.promise(4)["status"], "kept");
    assert_eq!(
        closed(&["list"]),
        (
            Some(1),
            "trustladder: could not write the output: standard output is closed\n".to_string()
        )
    );
}

/// A standard error that cannot be written (`2>` on a full disk) loses its notes, never the
/// exit code or a change's output: a promise added past its due date still prints its id,
/// and an error still exits with 1 (`status` with 2).
#[test]
fn notes_that_cannot_be_written_lose_nothing_else() {
    let env = team();
    let run = |args: &[&str]| {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_remove("TRUSTLADDER_FILE")
            .arg("--file")
            .arg(&env.path);
        if !args.contains(&"--today") {
            cmd.args(["--today", TODAY]);
        }
        cmd.args(args).stderr(full).output().unwrap()
    };
    let out = run(&[
        "promise",
        "add",
        "priya",
        "Late from the start",
        "--due",
        "2026-11-01",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(env.ok(&["list"]).contains(&format!("#{id}")), "{id:?}");
    let before = std::fs::read(&env.path).unwrap();
    assert_eq!(run(&["keep", "99"]).status.code(), Some(1));
    assert_eq!(run(&["log", "zed", "x"]).status.code(), Some(1));
    assert_eq!(
        run(&["status", "--today", "2026-13-01"]).status.code(),
        Some(2)
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
}

/// The binary on the data file at `path`, on [`TODAY`], with `args`.
fn on_file(path: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env_remove("TRUSTLADDER_FILE")
        .arg("--file")
        .arg(path)
        .args(["--today", TODAY])
        .args(args)
        .output()
        .unwrap()
}

/// A data path that begins with a `~` the shell did not expand (`--file=~/tl.json`, or the
/// variable set in quotes, or in a crontab) is refused, saying so and how to write it, where the first change
/// made a folder named `~` in the working directory; a folder of that name there is taken as
/// meant.
#[test]
fn a_tilde_the_shell_did_not_expand_is_refused_before_anything_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let said = "trustladder: ~/tl.json: begins with a ~ the shell did not expand (it does not \
                after --file= or in quotes), so it names a file or folder called ~ here. \
                Nothing was changed; give the path where the shell expands it (--file ~/tl.json, \
                with a space) or whole ($HOME/tl.json)\n";
    let run = |file: Option<&str>, variable: Option<&str>, args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_remove("TRUSTLADDER_FILE").current_dir(dir.path());
        if let Some(file) = file {
            cmd.arg(file);
        }
        if let Some(variable) = variable {
            cmd.env("TRUSTLADDER_FILE", variable);
        }
        cmd.args(["--today", TODAY]).args(args).output().unwrap()
    };
    // Set in the variable, the advice is how to set it: `--file` was never typed.
    let in_variable = "trustladder: ~/tl.json: TRUSTLADDER_FILE begins with a ~ nothing \
                       expanded (a shell does not in quotes, and cron and service files never \
                       do), so it names a file or folder called ~ here. Nothing was changed; \
                       set it to the whole path (TRUSTLADDER_FILE=$HOME/tl.json), or in a shell \
                       with the ~ outside quotes\n";
    for (file, variable, said) in [
        (Some("--file=~/tl.json"), None, said),
        (None, Some("~/tl.json"), in_variable),
    ] {
        for args in [&["person", "add", "Ann"][..], &["list"]] {
            let out = run(file, variable, args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert_eq!(String::from_utf8_lossy(&out.stderr), said, "{args:?}");
            assert!(out.stdout.is_empty(), "{args:?}");
        }
    }
    // A `~` alone (a file named ~ here, a trap for `rm -r ~`), a `~user` and a `~/` too.
    for (file, head, rest) in [
        ("--file=~", "~", "trustladder.json"),
        ("--file=~/", "~", "trustladder.json"),
        ("--file=~ann/x.json", "~ann", "x.json"),
    ] {
        let out = run(Some(file), None, &["person", "add", "Ann"]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains(&format!("begins with a {head} the shell did not expand"))
                && said.contains(&format!("(--file {head}/{rest}, with a space)")),
            "{said}"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing made"
    );
    std::fs::create_dir(dir.path().join("~")).unwrap();
    let out = run(Some("--file=~/tl.json"), None, &["person", "add", "Ann"]);
    assert!(out.status.success(), "{out:?}");
    assert!(dir.path().join("~/tl.json").is_file());
}

/// `check --json` on a data file whose path is not UTF-8 gives its report, the path with `�`
/// for the byte that is not, as the text report shows it.
#[test]
fn check_json_reports_a_path_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9"));
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("t.json");
    let run = |args: &[&str]| on_file(&path, args);
    assert!(run(&["person", "add", "Ann"]).status.success());
    let out = run(&["check", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let shown = report["file"]["path"].as_str().unwrap();
    assert!(shown.ends_with("/caf\u{fffd}/t.json"), "{shown}");
    assert_eq!(report["file"]["health"], "ok");
}

/// `check --json` on a damaged file gives the version the file names where it reads as JSON
/// that far (a promise of no one here), and `null` where it does not (cut off).
#[test]
fn check_json_gives_the_version_of_a_damaged_file_that_names_one() {
    let env = team();
    let mut damaged = env.ledger();
    damaged["promises"][0]["person"] = 99.into();
    std::fs::write(&env.path, serde_json::to_vec_pretty(&damaged).unwrap()).unwrap();
    let check = |args: &[&str]| {
        let out = env.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let report: Value = serde_json::from_str(&check(&["check", "--json"])).unwrap();
    assert_eq!(report["file"]["health"], "damaged");
    assert_eq!(report["file"]["version"], 2);
    assert_eq!(
        report["file"]["detail"],
        "$.promises[0].person: 99 is not the id of any person"
    );
    assert!(check(&["check"]).contains(
        "state: damaged, format version 2 ($.promises[0].person: 99 is not the id of any person)"
    ));
    std::fs::write(&env.path, b"{\"format\": \"trustladder\", \"version\": 2,").unwrap();
    let report: Value = serde_json::from_str(&check(&["check", "--json"])).unwrap();
    assert_eq!(report["file"]["health"], "damaged");
    assert_eq!(report["file"]["version"], Value::Null);
}

/// A data file whose own name is not UTF-8 is refused, naming it, with nothing made: its
/// backups are named after it, and two such ledgers in one folder (`\xff.json`,
/// `\xfe.json`) shared them, so one was restored from the other's.
#[test]
fn a_data_file_named_in_bytes_that_are_not_utf8_is_refused() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(std::ffi::OsStr::from_bytes(b"\xff.json"));
    for (args, code) in [
        (&["person", "add", "Ann"][..], 1),
        (&["list"][..], 1),
        (&["status"][..], 2),
    ] {
        let out = on_file(&path, args);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("\u{fffd}.json: the data file's name is not UTF-8 text"),
            "{stderr}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // Nor through a link of a name that is: the backups are named after the file it names.
    std::fs::write(&path, b"").unwrap();
    let link = dir.path().join("team.json");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let out = on_file(&link, &["person", "add", "Ann"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not UTF-8 text"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"");
    // Nor through a link to such a name with no file there yet: nothing is made.
    let fresh = tempfile::tempdir().unwrap();
    let dangling = fresh.path().join("good.json");
    std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(b"\xfe.json"), &dangling).unwrap();
    let out = on_file(&dangling, &["person", "add", "Ann"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("\u{fffd}.json: the data file's name is not UTF-8 text"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_dir(fresh.path()).unwrap().count(),
        1,
        "the link alone"
    );
}

/// A data file's name that leaves its backups no room is refused before anything is made: a
/// 232-byte name was made, then never saved again (its first backup's name was too long).
/// One of the longest name taken is saved, backed up and restored.
#[test]
fn a_data_file_name_too_long_for_its_backups_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join(format!("{}.json", "a".repeat(227)));
    let out = on_file(&long, &["person", "add", "Ann"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the data file's name is 232 bytes long")
            && stderr.contains("a name of at most 200 bytes leaves them room"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let longest = dir.path().join(format!("{}.json", "a".repeat(195)));
    for args in [
        &["person", "add", "Ann"][..],
        &["person", "add", "Bo"][..],
        &["restore-backup", "1"][..],
        &["person", "add", "Cy"][..],
    ] {
        let out = on_file(&longest, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A name that fits an archived and an active person: `restore` means the archived one,
/// `rm` means neither and asks for more (it deleted the active one), and an exact handle wins
/// in any case.
#[test]
fn a_shared_prefix_never_deletes_or_restores_the_wrong_person() {
    let env = Env::new();
    for name in ["Bob Stone", "Bobby Tables", "Ann", "Anna Lee"] {
        env.ok(&["person", "add", name]);
    }
    env.ok(&["promise", "add", "bobby", "Quarterly plan"]);
    env.ok(&["person", "archive", "bob-stone"]);
    env.ok(&["person", "archive", "ann"]);
    env.fails(&["person", "rm", "bob", "--force"], 1, "could mean");
    assert_eq!(
        env.ok(&["person", "restore", "bob"]),
        "bob-stone restored\n"
    );
    assert_eq!(env.ok(&["person", "restore", "ANN"]), "ann restored\n");
    let people = env.ok(&["person", "list", "--all", "--json"]);
    let people: Value = serde_json::from_str(&people).unwrap();
    let archived: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["archived"] == true)
        .map(|p| p["handle"].as_str().unwrap())
        .collect();
    assert!(archived.is_empty(), "{archived:?}");
}

/// `person restore Ann`, `ann` the handle of an active colleague since renamed Bob Ray and
/// `Ann` the start of the archived Ann Lee's name, said ann was not archived and exited 0,
/// Ann Lee left archived: it now names both and restores neither, the file as it was, and the
/// handle it gives restores Ann Lee.
#[test]
fn a_restore_by_an_active_handle_that_begins_an_archived_name_names_both() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann"]);
    env.added_beside(&["person", "add", "Ann Lee"], "ann (Ann)");
    env.ok(&["person", "archive", "ann-lee"]);
    env.ok(&["person", "edit", "ann", "--name", "Bob Ray"]);
    let said = env.fails(&["person", "restore", "Ann"], 1, "could mean");
    assert_eq!(
        said,
        "trustladder: 'Ann' could mean ann (Bob Ray), ann-lee (Ann Lee); it is the handle of the \
         first, who is not archived, and the start of the other's name or handle: type ann-lee \
         to restore them\n"
    );
    assert_eq!(
        env.ok(&["person", "restore", "ann-lee"]),
        "ann-lee restored\n"
    );
}

/// `person archive Ann`, `ann` the handle of a colleague archived already and `Ann` the start
/// of the active Ann Lee's name, said ann was archived already and exited 0, Ann Lee left
/// active: it now names both and archives neither, the file as it was.
#[test]
fn an_archive_by_an_archived_handle_that_begins_an_active_name_names_both() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann"]);
    env.added_beside(&["person", "add", "Ann Lee"], "ann (Ann)");
    env.ok(&["person", "archive", "ann"]);
    let said = env.fails(&["person", "archive", "Ann"], 1, "could mean");
    assert_eq!(
        said,
        "trustladder: 'Ann' could mean ann (Ann), ann-lee (Ann Lee); it is the handle of the \
         first, who is archived already, and the start of the other's name or handle: type \
         ann-lee to archive them\n"
    );
    assert_eq!(
        env.ok(&["person", "archive", "ann-lee"]),
        "ann-lee archived\n"
    );
}

/// `--demo` on a day so near an end of the calendar that its sample team's year of promises
/// falls outside it failed naming its throwaway file: it now says what is wrong with the day
/// and which days it takes, before it looks for a terminal; the first and last of them pass
/// on to that.
#[test]
fn a_demo_on_a_day_its_team_cannot_fit_names_the_days_it_can() {
    let env = Env::new();
    for day in ["0001-01-05", "0002-02-04", "9999-12-02", "9999-12-31"] {
        let said = env.fails(&["--demo", "--today", day], 1, "--demo");
        assert_eq!(
            said,
            format!(
                "trustladder: --demo: the sample team spans the 400 days before today and 30 \
                 after, which {day} puts outside the years 1 to 9999 (0001-01-01 to 9999-12-31); \
                 give a --today from 0002-02-05 to 9999-12-01\n"
            )
        );
    }
    for day in ["0002-02-05", "9999-12-01"] {
        env.fails(&["--demo", "--today", day], 1, "needs a terminal");
    }
    assert_eq!(env.bytes(), None, "the demo never touches the data file");
}

/// `status` on a data file that is not there (a mistyped `TRUSTLADDER_FILE` in a prompt) says
/// so on stderr, as every command that reads does, rather than reading as nothing overdue.
#[test]
fn status_names_a_data_file_that_is_not_there() {
    let env = Env::new();
    let (_, stderr) = env.noted(&["status"]);
    assert!(
        stderr.starts_with("trustladder: note: there is no data file at"),
        "{stderr}"
    );
    assert!(!env.path.exists(), "reading made no file");
}

/// A data file gone while its backups are not: `status` is an error (exit 2), not "nothing
/// overdue" of a ledger that is lost, and `check` exits 1 after its report lists the backups;
/// neither makes a file.
#[test]
fn status_and_check_fail_on_a_data_file_gone_while_its_backups_are_not() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann"]);
    env.ok(&["promise", "add", "ann", "Send the deck"]);
    std::fs::remove_file(&env.path).unwrap();

    let stderr = env.fails(
        &["status"],
        2,
        "there is no data file, but 1 backup of one is in",
    );
    assert!(
        stderr.contains("`trustladder restore-backup 1` puts the newest back"),
        "{stderr}"
    );

    let out = env.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("state: missing") && stdout.contains("    1  "),
        "{stdout}"
    );
    assert!(!env.path.exists(), "reading made no file");
}

/// A data file gone while its backups are not: every command that reads it fails (exit 1),
/// naming `restore-backup 1`, rather than printing an empty ledger (an export written over
/// last night's with nothing, "no colleagues yet"); nothing is written.
#[test]
fn reading_commands_fail_on_a_data_file_gone_while_its_backups_are_not() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann"]);
    env.ok(&["promise", "add", "ann", "Send the deck"]);
    std::fs::remove_file(&env.path).unwrap();
    let off = env.path.with_file_name("off.json");
    let off_arg = off.to_str().unwrap();
    for args in [
        &["export", "--format", "json", "--output", off_arg][..],
        &["review"],
        &["person", "list"],
        &["list"],
        &["agenda"],
    ] {
        let stderr = env.fails(args, 1, "there is no data file, but 1 backup of one is in");
        assert!(
            stderr.contains("`trustladder restore-backup 1` puts the newest back"),
            "{args:?}: {stderr}"
        );
    }
    assert!(!off.exists(), "no empty export written");
    assert!(!env.path.exists(), "reading made no file");
}

/// A new user, with no data file and no backups, reads an empty ledger with a note.
#[test]
fn reading_commands_show_an_empty_ledger_where_there_never_was_one() {
    let env = Env::new();
    let (stdout, stderr) = env.noted(&["person", "list"]);
    assert!(stdout.contains("No colleagues yet"), "{stdout}{stderr}");
}

/// With only a file a restore set aside left (no numbered backup), what is said of a data
/// file gone names that file to put back, and it works; `restore-backup 1` says there is no
/// numbered one, where it said there were none at all.
#[test]
fn a_data_file_gone_with_only_a_file_set_aside_names_it_to_put_back() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann"]);
    env.ok(&["person", "add", "Bo"]);
    env.ok(&["restore-backup", "1"]);
    let folder = env.path.parent().unwrap().join("backups");
    let mut aside = String::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.contains(".replaced.") {
            aside = name;
        } else {
            std::fs::remove_file(folder.join(&name)).unwrap();
        }
    }
    assert!(!aside.is_empty());
    std::fs::remove_file(&env.path).unwrap();

    env.fails(
        &["status"],
        2,
        &format!("`trustladder restore-backup {aside}` puts the newest back"),
    );
    env.fails(
        &["restore-backup", "1"],
        1,
        "no backup '1' (there are no numbered ones, and 1 kept by its name)",
    );
    // Putting the ledger back starts none: no note that one was started.
    assert_eq!(env.noted(&["restore-backup", &aside]).1, "");
    assert!(env.ok(&["person", "list"]).contains("Bo"));
}

/// Archiving someone archived, restoring someone active, or an edit that changes nothing says
/// that nothing changed, with the handle first as always, and leaves the file as it was.
#[test]
fn a_person_change_that_changes_nothing_says_so() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann"]);
    env.ok(&["promise", "add", "ann", "Send the deck"]);
    env.ok(&["person", "archive", "ann"]);
    let before = env.bytes();
    assert_eq!(
        env.ok(&["person", "archive", "ann"]),
        "ann was archived already; nothing changed\n"
    );
    assert_eq!(env.bytes(), before);
    env.ok(&["person", "restore", "ann"]);
    assert_eq!(
        env.ok(&["person", "restore", "ann"]),
        "ann was not archived; nothing changed\n"
    );
}

/// `status` with something overdue prints its line as every command prints its output: to a
/// full disk it exits 2 (its code for an error), to a reader that stopped early still 1 (it
/// panicked with 101 in both).
#[test]
fn status_with_something_overdue_handles_its_output_like_every_command() {
    let env = team();
    let overdue = |stdout: std::process::Stdio| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_remove("TRUSTLADDER_FILE")
            .arg("--file")
            .arg(&env.path)
            .args(["--today", "2027-06-01", "status"])
            .stdout(stdout)
            .stderr(std::process::Stdio::piped());
        cmd
    };
    let out = overdue(std::process::Stdio::piped()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "something is overdue");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = overdue(full.into()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not write the output"));
    let mut child = overdue(std::process::Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

/// In a large team a new name is a letter or two from many: the note names the nearest first,
/// eight of them, and counts the rest, where it named everyone, in the order they were added.
#[test]
fn a_name_close_to_many_names_the_nearest_eight_and_counts_the_rest() {
    let env = Env::new();
    // Two letters from "Xu Nanfena", added first; then ten a letter from it.
    let mut added = vec!["Hu Wanfena".to_string()];
    added.extend("bcdefghijk".chars().map(|c| format!("Xu Nanfen{c}")));
    for name in &added {
        env.noted(&["person", "add", name]);
    }
    assert_eq!(
        env.noted(&["person", "add", "Xu Nanfena"]).1,
        "trustladder: note: the name is close to xu-nanfenb (Xu Nanfenb), xu-nanfenc (Xu Nanfenc), \
         xu-nanfend (Xu Nanfend), xu-nanfene (Xu Nanfene), xu-nanfenf (Xu Nanfenf), \
         xu-nanfeng (Xu Nanfeng), xu-nanfenh (Xu Nanfenh), xu-nanfeni (Xu Nanfeni) and 3 more; \
         if that is who you meant, `trustladder person rm xu-nanfena` takes the new one back\n"
    );
}

/// Two letters apart is a typo of a long name only: `Xu Nan` beside `Wu Yan`, two letters of
/// five apart, was said to be close to them; a letter from a short name still is.
#[test]
fn a_short_name_two_letters_from_another_gets_no_note() {
    let env = Env::new();
    assert_eq!(env.ok(&["person", "add", "Wu Yan"]), "wu-yan\n");
    assert_eq!(env.ok(&["person", "add", "Xu Nan"]), "xu-nan\n");
    assert_eq!(
        env.noted(&["person", "add", "Wu Yann"]).1,
        "trustladder: note: the name is close to wu-yan (Wu Yan); if that is who you meant, `trustladder person rm wu-yann` takes the new one back\n"
    );
}

/// A person added by a first name alone that a colleague's name begins with (`priya` beside
/// Priya Raman), in any case, or by a whole name beginning with a colleague's one word, is
/// added, as names may differ, with a note on standard error naming whoever goes by that
/// first name and how to take the new one back; two whole names that begin alike (Priya
/// Shah) are two people, and say nothing. The handle is on standard output as ever.
#[test]
fn a_name_that_is_a_colleagues_first_name_is_added_with_a_note() {
    let env = team();
    assert_eq!(env.ok(&["person", "add", "Priya Shah"]), "priya-shah\n");
    for (name, handle, who) in [
        (
            "priya",
            "priya",
            "priya-raman (Priya Raman) and priya-shah (Priya Shah)",
        ),
        ("PAT", "pat", "pat-lee (Pat Lee)"),
    ] {
        let (stdout, stderr) = env.noted(&["person", "add", name]);
        assert_eq!(stdout, format!("{handle}\n"));
        assert_eq!(
            stderr,
            format!(
                "trustladder: note: already in the ledger by that first name: {who}; if that is who you meant, `trustladder person rm {handle}` takes the new one back\n"
            )
        );
        assert_eq!(env.person(handle)["name"], name);
    }
    // A whole name that begins with one someone goes by alone names them too.
    assert_eq!(
        env.added_beside(&["person", "add", "Pat Quinn"], "pat (PAT)"),
        "pat-quinn\n"
    );
}

/// A person added under a name one typo from a colleague's is added, as asked: the handle on
/// standard output as ever, and a note on standard error naming whom they may be and how to
/// take them back. A name as far as another person's says nothing.
#[test]
fn a_name_close_to_a_colleagues_is_added_with_a_note() {
    let env = team();
    assert_eq!(
        env.noted(&["person", "add", "Priya Rmaan"]),
        (
            "priya-rmaan\n".into(),
            "trustladder: note: the name is close to priya-raman (Priya Raman); if that is who you meant, `trustladder person rm priya-rmaan` takes the new one back\n".into()
        )
    );
    assert_eq!(env.person("priya-rmaan")["name"], "Priya Rmaan");
    assert_eq!(env.ok(&["person", "add", "Priyanka Rao"]), "priyanka-rao\n");
    // Renamed to a name a typo away from someone else's, the same is said.
    assert_eq!(
        env.noted(&["person", "edit", "pat", "--name", "Priya Ramn"]),
        (
            "pat-lee edited\n".into(),
            "trustladder: note: the new name is close to priya-raman (Priya Raman) or priya-rmaan (Priya Rmaan)\n".into()
        )
    );
    // Renamed to a first name alone that a colleague's name begins with, that is said too,
    // naming everyone who goes by it but the renamed one.
    assert_eq!(
        env.noted(&["person", "edit", "priyanka-rao", "--name", "priya"]),
        (
            "priyanka-rao edited\n".into(),
            "trustladder: note: already in the ledger by that first name: priya-raman (Priya Raman), pat-lee (Priya Ramn) and priya-rmaan (Priya Rmaan)\n".into()
        )
    );
    // The same name again, or in other capitals, is no new name: nothing to say of it.
    for name in ["Priya Ramn", "PRIYA RAMN"] {
        let (_, said) = env.noted(&["person", "edit", "pat", "--name", name, "--role", "Ops"]);
        assert_eq!(said, "", "{name}");
    }
}

/// A mistyped name is answered with the one person it is near, and nothing is done with the
/// guess: the command fails and the file is as it was.
#[test]
fn a_mistyped_name_is_answered_with_the_person_it_is_near() {
    let env = team();
    let stderr = env.fails(
        &["promise", "add", "priyaa", "Book the room"],
        1,
        "did you mean",
    );
    assert_eq!(
        stderr.trim_end(),
        "trustladder: no person matches 'priyaa'; did you mean priya-raman (Priya Raman)?"
    );
}

/// A kept promise given a new due date is kept late, or kept on time, as the new date says,
/// and `edit` says which, so the record never contradicts its own dates.
#[test]
fn a_new_due_date_makes_a_kept_promise_late_or_on_time_and_edit_says_so() {
    let env = Env::new();
    env.ok(&["person", "add", "Fay Wong"]);
    env.ok(&[
        "promise",
        "add",
        "fay",
        "Send the deck",
        "--due",
        "2026-12-20",
    ]);
    assert_eq!(
        env.ok(&["keep", "1"]),
        "#1 kept: \"Send the deck\" (fay-wong, theirs)\n"
    );
    let status = |env: &Env| {
        let listed = env.json(&["list", "--json"]);
        listed[0]["status"].as_str().unwrap().to_string()
    };
    assert_eq!(
        env.ok(&["edit", "1", "--due", "2026-11-23"]),
        "#1 edited: \"Send the deck\" (fay-wong, theirs); now kept late: it was kept on 2026-11-24, after its new due date, 2026-11-23\n"
    );
    assert_eq!(status(&env), "kept_late");
    assert_eq!(
        env.ok(&["edit", "1", "--due", "none"]),
        "#1 edited: \"Send the deck\" (fay-wong, theirs); now kept: it was kept on 2026-11-24, and it has no due date now\n"
    );
    assert_eq!(status(&env), "kept");
    assert_eq!(
        env.ok(&["edit", "1", "--due", "2026-11-30"]),
        "#1 edited: \"Send the deck\" (fay-wong, theirs)\n"
    );
    assert_eq!(status(&env), "kept");

    // Kept on time by choice: a due date that says otherwise leaves it so, and says so.
    env.ok(&["reopen", "1"]);
    // Open again, and now due before it was made: noted.
    let (_, stderr) = env.noted(&["edit", "1", "--due", "2026-11-20"]);
    assert!(
        stderr.ends_with("it was overdue from the start\n"),
        "{stderr}"
    );
    assert_eq!(
        env.ok(&["keep", "1", "--on-time"]),
        "#1 kept: \"Send the deck\" (fay-wong, theirs)\n"
    );
    assert_eq!(
        env.ok(&["edit", "1", "--due", "2026-11-10"]),
        "#1 edited: \"Send the deck\" (fay-wong, theirs); still kept on time, as chosen, though kept on 2026-11-24, after its new due date, 2026-11-10\n"
    );
    assert_eq!(status(&env), "kept");
}

/// A rename to the name of someone archived says they are archived, as `person add` does: it
/// named only the handle, of someone `person list` does not show.
#[test]
fn a_rename_to_an_archived_colleagues_name_says_they_are_archived() {
    let env = Env::new();
    env.ok(&["person", "add", "Anna"]);
    env.added_beside(&["person", "add", "Anna Fang"], "anna (Anna)");
    env.ok(&["person", "archive", "anna-fang"]);
    let said = env.fails(
        &["person", "edit", "anna", "--name", "Anna Fang"],
        1,
        "anna-fang",
    );
    assert_eq!(
        said,
        "trustladder: Anna Fang is already the name of anna-fang (archived); give a name that tells them apart (an initial, say)\n"
    );
}

/// A rename to the name someone else has is refused, as lookups by name could no longer tell
/// the two apart; the same name in another case is the same name.
#[test]
fn a_rename_to_someone_elses_name_is_refused() {
    let env = Env::new();
    env.ok(&["person", "add", "Anna"]);
    env.added_beside(&["person", "add", "Anna Fang"], "anna (Anna)");
    let said = env.fails(
        &["person", "edit", "anna", "--name", "anna fang"],
        1,
        "anna-fang",
    );
    assert_eq!(
        said,
        "trustladder: Anna Fang is already the name of anna-fang; give a name that tells them apart (an initial, say)\n"
    );
    // Their own name in another case is theirs to take, even where another has it too.
    assert_eq!(
        env.ok(&["person", "edit", "anna-fang", "--name", "ANNA FANG"]),
        "anna-fang edited\n"
    );
    env.ok(&["person", "add", "Chen Li"]);
    env.ok(&["person", "add", "Chen Li", "--again"]);
    assert_eq!(
        env.ok(&["person", "edit", "chen-li-2", "--name", "chen li"]),
        "chen-li-2 edited\n"
    );
}

/// A rename to someone else's very name is refused though it is the person's own name in
/// another spelling (accents): it went through, and two people were named exactly alike.
#[test]
fn a_rename_to_another_spelling_of_ones_own_name_that_someone_else_has_is_refused() {
    let env = Env::new();
    assert_eq!(env.ok(&["person", "add", "José Álvarez"]), "josé-álvarez\n");
    assert_eq!(
        env.ok(&["person", "add", "Jose Alvarez", "--again"]),
        "jose-alvarez\n"
    );
    let said = env.fails(
        &["person", "edit", "jose-alvarez", "--name", "José Álvarez"],
        1,
        "josé-álvarez",
    );
    assert_eq!(
        said,
        "trustladder: José Álvarez is already the name of josé-álvarez; give a name that tells them apart (an initial, say)\n"
    );
    // Another spelling no one else has is theirs to take.
    assert_eq!(
        env.ok(&["person", "edit", "jose-alvarez", "--name", "José Alvarez"]),
        "jose-alvarez edited\n"
    );
}

/// A whole handle that is someone else's whole name names neither (the README's Zora rule),
/// and the refusal says what names each: it told to type the handle, which was what failed.
#[test]
fn a_handle_that_is_another_s_name_is_refused_saying_what_names_each() {
    let env = Env::new();
    assert_eq!(env.ok(&["person", "add", "Zed 2"]), "zed-2\n");
    assert_eq!(env.noted(&["person", "add", "zed-2"]).0, "zed-2-2\n");
    assert_eq!(
        env.fails(&["review", "zed-2"], 1, "zed-2"),
        "trustladder: 'zed-2' could mean zed-2 (Zed 2), zed-2-2 (zed-2); it is the handle of the first and the whole name of the other: type 'Zed 2' for the first, or zed-2-2\n"
    );
    // What it says to type works.
    assert!(env.ok(&["review", "Zed 2"]).starts_with("Zed 2 (zed-2)\n"));
    assert!(
        env.ok(&["review", "zed-2-2"])
            .starts_with("zed-2 (zed-2-2)\n")
    );
}

/// The commands the messages about someone archived give to be copied find them where their
/// handle is someone else's whole name (the README's Zora): `list zora` and `person restore
/// zora`, as given, were refused as fitting both.
#[test]
fn the_commands_given_for_someone_archived_find_them_where_their_handle_is_anothers_name() {
    let env = Env::new();
    env.ok(&["person", "add", "Zora"]);
    env.ok(&["promise", "add", "zora", "write the doc"]);
    env.ok(&["person", "edit", "zora", "--name", "Zora Quinn"]);
    assert_eq!(
        env.added_beside(&["person", "add", "Zora"], "zora (Zora Quinn)"),
        "zora-2\n"
    );
    assert_eq!(
        env.ok(&["person", "archive", "zora quinn"]),
        "zora archived; 1 open promise left the agenda (`list 'Zora Quinn'` still shows it)\n"
    );
    let restore = "(`trustladder person restore 'Zora Quinn'`)";
    let review = env.ok(&["review", "zora quinn"]);
    assert!(review.contains(restore), "{review}");
    let json = env.ok(&["review", "zora quinn", "--json"]);
    assert!(json.contains(restore), "{json}");
    let prep = env.ok(&["prep", "zora quinn"]);
    assert!(prep.contains(restore), "{prep}");
    let report = env.ok(&["export", "--format", "md", "zora quinn"]);
    assert!(report.contains(restore), "{report}");
    // What they say works: the handle alone does not.
    env.fails(&["person", "restore", "zora"], 1, "could mean");
    assert!(env.ok(&["list", "Zora Quinn"]).contains("write the doc"));
    // A person of their name, refused, is told the same.
    assert_eq!(
        env.fails(&["person", "add", "Zora Quinn"], 1, "zora"),
        "trustladder: Zora Quinn is already here as zora (archived): `trustladder person restore 'Zora Quinn'` brings them back; to add another person of that name, say so (--again)\n"
    );
    assert_eq!(
        env.ok(&["person", "restore", "Zora Quinn"]),
        "zora restored\n"
    );
}

/// A name an archived colleague has is refused saying they are archived and how to bring them
/// back: the refusal named only the handle, and `person list` does not show them.
#[test]
fn adding_an_archived_colleagues_name_says_they_are_archived_and_how_to_restore_them() {
    let env = Env::new();
    env.ok(&["person", "add", "Chen Li B"]);
    env.ok(&["person", "archive", "chen-li-b"]);
    assert_eq!(
        env.fails(&["person", "add", "chen li b"], 1, "archived"),
        "trustladder: Chen Li B is already here as chen-li-b (archived): `trustladder person restore chen-li-b` brings them back; to add another person of that name, say so (--again)\n"
    );
    env.ok(&["person", "add", "Chen Li B", "--again"]);
    assert_eq!(
        env.fails(&["person", "add", "Chen Li B"], 1, "archived"),
        "trustladder: Chen Li B is already here as chen-li-b (archived) and chen-li-b-2: `trustladder person restore chen-li-b` brings them back; to add another person of that name, say so (--again)\n"
    );
    env.ok(&["person", "archive", "chen-li-b-2"]);
    assert_eq!(
        env.fails(&["person", "add", "Chen Li B"], 1, "archived"),
        "trustladder: Chen Li B is already here as chen-li-b (archived) and chen-li-b-2 (archived): `trustladder person restore HANDLE` brings one back; to add another person of that name, say so (--again)\n"
    );
}

/// A file-sync tool's conflict copy is merged in by the next change, which says so on stderr
/// after its own output, naming the copy and every number that moved, so that a number quoted
/// on the other machine is not taken for another promise here without a word.
#[test]
fn a_conflict_copy_merged_in_is_named_with_the_numbers_it_moved() {
    let env = Env::new();
    env.ok(&["person", "add", "Al Bo"]);
    env.ok(&["promise", "add", "al", "one"]);
    let copy = env.path.with_file_name("other.json");
    std::fs::copy(&env.path, &copy).unwrap();
    let mut other = Command::new(env!("CARGO_BIN_EXE_trustladder"));
    other
        .env_remove("TRUSTLADDER_FILE")
        .arg("--file")
        .arg(&copy)
        .args([
            "--today",
            TODAY,
            "promise",
            "add",
            "al",
            "from the other machine",
        ])
        .assert()
        .success();
    assert_eq!(env.ok(&["promise", "add", "al", "here"]), "2\n");
    let name = "ledger.sync-conflict-20261124-101010-ABCDEFG.json";
    std::fs::rename(&copy, env.path.with_file_name(name)).unwrap();
    let (stdout, said) = env.noted(&["promise", "add", "al", "next"]);
    assert_eq!(stdout, "4\n");
    let head = format!(
        "trustladder: note: merged {name}, a file-sync tool's conflict copy, and moved it to backups/:\n\
         trustladder: note:   took 1 promise added from the copy\n"
    );
    // Made the same day, #2 stays with the promise whose uid sorts first: either one moves.
    assert!(
        [
            "trustladder: note:   #2 in the data file is now #3\n",
            "trustladder: note:   #2 from the copy is now #3\n"
        ]
        .iter()
        .any(|moved| said == format!("{head}{moved}")),
        "{said}"
    );
    // Said once: the copy is put away.
    assert_eq!(env.ok(&["promise", "add", "al", "last"]), "5\n");
}

/// Conflict copies put away rotate: with eleven put away in 2001 and a twelfth merged in now
/// (its own time from 2001 too, as the tool wrote it), the change that puts it away times it
/// now and removes the two oldest, which neither are among the newest ten nor younger than
/// ninety days; the one just merged, and the nine newest before it, stay.
#[test]
fn conflict_copies_put_away_past_the_newest_ten_and_ninety_days_are_removed() {
    use std::time::{Duration, SystemTime};
    let env = Env::new();
    env.ok(&["person", "add", "Al Bo"]);
    let backups = env.path.with_file_name("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let bytes = std::fs::read(&env.path).unwrap();
    // 2001-01-01, and a day later for each copy after.
    let in_2001 = |day: u64| SystemTime::UNIX_EPOCH + Duration::from_secs((11_323 + day) * 86_400);
    let aged = |path: &std::path::Path, day: u64| {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(in_2001(day))
            .unwrap();
    };
    let old = |day: u64| format!("ledger.sync-conflict-200101{:02}-000000-OLD.json", day + 1);
    for day in 0..11 {
        let copy = backups.join(old(day));
        std::fs::write(&copy, &bytes).unwrap();
        aged(&copy, day);
    }
    let name = "ledger.sync-conflict-20261124-101010-NEW.json";
    let copy = env.path.with_file_name(name);
    std::fs::write(&copy, &bytes).unwrap();
    aged(&copy, 20);
    merging(&env, &["promise", "add", "al", "one"]);
    let put_away = backups.join(name);
    assert!(put_away.exists(), "the copy just merged is put away");
    assert!(
        std::fs::metadata(&put_away).unwrap().modified().unwrap() > in_2001(365),
        "timed when it was put away"
    );
    for day in 0..11 {
        assert_eq!(backups.join(old(day)).exists(), day >= 2, "{}", old(day));
    }
}

/// Puts `from`'s data file beside `to`'s as a file-sync tool's conflict copy (`device` tells
/// two apart), as the tool does when both changed the file out of touch.
fn conflict_copy(from: &Env, to: &Env, device: &str) {
    let name = format!("ledger.sync-conflict-20261124-101010-{device}.json");
    std::fs::copy(&from.path, to.path.with_file_name(name)).unwrap();
}

/// Runs a change that merges a conflict copy in: it succeeds, and says so on stderr, which
/// it returns.
fn merging(env: &Env, args: &[&str]) -> String {
    let (_, said) = env.noted(args);
    assert!(said.contains("a file-sync tool's conflict copy"), "{said}");
    said
}

/// What each promise says and its outcome.
fn promises_of(env: &Env) -> Vec<(String, String)> {
    env.ledger()["promises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["what"].to_string(), p["status"].to_string()))
        .collect()
}

/// Both machines merged the first conflict, each with a change of its own; then one sets a
/// promise back as it was before the first (reopens a keep, rewords it back). The second
/// conflict is merged against the first merge, which each machine saved as a save of its
/// own, so those changes stand: merged against an older common save, they looked like no
/// change at all and the other side's values came back.
#[test]
fn a_second_conflict_is_merged_against_the_first_merge() {
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["person", "add", "Al Bo"]);
    a.ok(&["promise", "add", "al", "Ship the report"]);
    a.ok(&["promise", "add", "al", "Review A"]);
    std::fs::copy(&a.path, &b.path).unwrap();
    a.ok(&["person", "edit", "al", "--role", "Design"]);
    b.ok(&["release", "1"]);
    b.ok(&["edit", "2", "--what", "Review B"]);
    // Each side merges the other's file, with a change of its own.
    let a_before = std::fs::read(&a.path).unwrap();
    conflict_copy(&b, &a, "BBBBBBB");
    merging(&a, &["edit", "1", "--level", "result"]);
    let elsewhere = Env::new();
    std::fs::write(&elsewhere.path, a_before).unwrap();
    conflict_copy(&elsewhere, &b, "AAAAAAA");
    merging(&b, &["person", "edit", "al", "--note", "from b"]);
    // A takes back what B did; then B changes other fields of the same promises, so that
    // going by the later change alone would take B's whole records.
    a.ok(&["reopen", "1"]);
    a.ok(&["edit", "2", "--what", "Review A"]);
    b.ok(&["edit", "1", "--due", "2026-12-30"]);
    b.ok(&["edit", "2", "--level", "impact"]);
    conflict_copy(&b, &a, "BBBBBBB");
    merging(&a, &["promise", "add", "al", "next"]);
    let shown: Vec<Vec<String>> = a.ledger()["promises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            ["what", "status", "level", "due"]
                .iter()
                .map(|k| p[k].as_str().unwrap_or("-").to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        shown,
        [
            ["Ship the report", "open", "result", "2026-12-30"],
            ["Review A", "open", "impact", "-"],
            ["next", "open", "task", "-"],
        ]
    );
    let al = &a.ledger()["people"][0];
    assert_eq!(
        (&al["role"], &al["note"]),
        (&Value::from("Design"), &Value::from("from b"))
    );
}

/// A conflict copy that cannot be read (here cut short) is left where it is, and said, with
/// why, after the change's own output; `check` lists it apart from the copies the next change
/// merges in.
#[test]
fn a_conflict_copy_that_cannot_be_read_is_said_and_listed_apart() {
    let env = Env::new();
    env.ok(&["person", "add", "Al Bo"]);
    let bytes = std::fs::read(&env.path).unwrap();
    let name = "ledger (Bo's conflicted copy 2026-11-24).json";
    let copy = env.path.with_file_name(name);
    std::fs::write(&copy, &bytes[..bytes.len() / 2]).unwrap();
    let (stdout, said) = env.noted(&["promise", "add", "al", "one"]);
    assert_eq!(stdout, "1\n");
    assert!(
        said.starts_with(&format!(
            "trustladder: note: left {name}, a file-sync tool's conflict copy, where it is: it cannot be read ("
        )) && said.ends_with("), so nothing of it is merged in; `trustladder check` lists it\n"),
        "{said}"
    );
    assert!(copy.exists(), "the copy stays where it is");
    let report = env.json(&["check", "--json"]);
    assert_eq!(report["conflict_copies"], Value::Array(Vec::new()));
    let unread = &report["unreadable_copies"][0];
    assert_eq!(
        unread["path"],
        Value::from(copy.to_string_lossy().into_owned())
    );
    assert!(
        unread["why"]
            .as_str()
            .unwrap()
            .contains("EOF while parsing"),
        "{unread}"
    );
    let text = env.ok(&["check"]);
    assert!(
        text.contains("conflict copies that cannot be read (left where they are; nothing of them is merged in):\n"),
        "{text}"
    );
}

/// A restore over a data file damaged or gone hands out no number it can know of twice: the
/// counters come from what is left of that file's head and from every backup that reads.
#[test]
fn a_restore_over_a_damaged_file_hands_out_no_number_it_can_know_of_twice() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann Alpha"]);
    for n in 1..=5 {
        assert_eq!(env.ok(&["log", "ann", &format!("p{n}")]), format!("{n}\n"));
    }
    // Cut short, the file still states its counters at its head.
    let bytes = std::fs::read(&env.path).unwrap();
    std::fs::write(&env.path, &bytes[..bytes.len() / 2]).unwrap();
    env.ok(&["restore-backup", "3"]);
    assert_eq!(env.ok(&["log", "ann", "new"]), "6\n");
    // Damaged beyond that, with an old backup restored: the highest counters of the backups
    // (the newest knows #7, made before the last save).
    env.ok(&["log", "ann", "more"]);
    env.ok(&["person", "edit", "ann", "--role", "Design"]);
    std::fs::write(&env.path, "{\"format\":").unwrap();
    env.ok(&["restore-backup", "5"]);
    assert_eq!(env.ok(&["log", "ann", "newer"]), "8\n");
}

/// A backup from before a merge that moved one of its promises to another number is put back
/// with the number the merge gave it, and says so: its old number names the copy's promise
/// by then (here and wherever the copy came from), and must not come to name another. Which
/// promise moves goes by their uids, so the case is tried until it comes.
#[test]
fn a_restored_backup_keeps_the_number_a_merge_moved_its_promise_to() {
    for _ in 0..40 {
        let (a, b) = (Env::new(), Env::new());
        a.ok(&["person", "add", "Al Bo"]);
        a.ok(&["promise", "add", "al", "Shared"]);
        std::fs::copy(&a.path, &b.path).unwrap();
        a.ok(&["promise", "add", "al", "Mine"]);
        b.ok(&["promise", "add", "al", "From the copy"]);
        conflict_copy(&b, &a, "BBBBBBB");
        let said = merging(&a, &["person", "edit", "al", "--note", "merged"]);
        if !said.contains("#2 in the data file is now #3") {
            continue;
        }
        // Backup 2 is the file before the merge: "Mine" at #2.
        let text = a.ok(&["restore-backup", "2"]);
        assert!(
            text.contains("#2 in the backup is now #3, the number the file it replaced gave it\n"),
            "{text}"
        );
        let numbered: Vec<(String, u64)> = a.ledger()["promises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["what"].to_string(), p["id"].as_u64().unwrap()))
            .collect();
        assert_eq!(
            numbered,
            [("\"Shared\"".to_string(), 1), ("\"Mine\"".to_string(), 3)]
        );
        assert_eq!(a.ok(&["log", "al", "next"]), "4\n");
        return;
    }
    panic!("the merge never moved this file's promise in 40 tries");
}

/// A command names a promise by the number the user read in the data file; when that change
/// first merges a conflict copy in, and the merge gives the number to the copy's promise,
/// the command still acts on the promise the user read it on. Which of two promises made the
/// same day keeps a number goes by their uids, so the case is tried until both orders came.
#[test]
fn a_number_read_before_a_conflict_copy_is_merged_names_the_promise_read() {
    let mut orders = std::collections::HashSet::new();
    for _ in 0..40 {
        let (a, b) = (Env::new(), Env::new());
        a.ok(&["person", "add", "Al Bo"]);
        a.ok(&["promise", "add", "al", "Shared"]);
        std::fs::copy(&a.path, &b.path).unwrap();
        a.ok(&["promise", "add", "al", "Mine here, to delete"]);
        b.ok(&["promise", "add", "al", "From the copy, to keep"]);
        conflict_copy(&b, &a, "BBBBBBB");
        merging(&a, &["rm", "2"]);
        let whats: Vec<String> = promises_of(&a).into_iter().map(|(what, _)| what).collect();
        assert_eq!(whats, ["\"Shared\"", "\"From the copy, to keep\""]);
        // The copy's promise kept #2, or moved to #3: both must come up.
        let theirs = a.ledger()["promises"][1]["id"].clone();
        orders.insert(theirs.to_string());
        if orders.len() == 2 {
            return;
        }
    }
    panic!("only one order of the uids came up in 40 tries: {orders:?}");
}

/// Two conflict copies of one name, merged at two changes (Dropbox names a day's copies
/// alike), are both kept in `backups/`: the second gets a number after its name.
#[test]
fn a_copy_put_away_under_a_name_already_there_replaces_nothing() {
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["person", "add", "Al Bo"]);
    std::fs::copy(&a.path, &b.path).unwrap();
    let name = "ledger (Bo's conflicted copy 2026-11-24).json";
    for what in ["first", "second"] {
        b.ok(&["promise", "add", "al", what]);
        std::fs::copy(&b.path, a.path.with_file_name(name)).unwrap();
        merging(&a, &["person", "edit", "al", "--note", what]);
    }
    let backups = a.path.with_file_name("backups");
    let first = std::fs::read_to_string(backups.join(name)).unwrap();
    let second = std::fs::read_to_string(backups.join(format!("{name}.2"))).unwrap();
    assert!(first.contains("\"first\"") && !first.contains("\"second\""));
    assert!(second.contains("\"second\""));
}

/// A due date typed without its year that lands most of a year away (`dec 20` on 29
/// December) is said on stderr, as an overdue one is; one whose word names the year, or a
/// count of years, is not.
#[test]
fn a_due_date_most_of_a_year_away_named_without_its_year_is_said() {
    let env = Env::new();
    env.ok(&["person", "add", "Sam Lee"]);
    let (stdout, stderr) = env.noted(&[
        "--today",
        "2026-12-29",
        "promise",
        "add",
        "sam",
        "one",
        "--due",
        "dec 20",
    ]);
    assert_eq!(stdout, "1\n");
    assert_eq!(
        stderr,
        "trustladder: note: #1 is due 2027-12-20, 356 days from today\n"
    );
    for word in ["2027-12-20", "+1y", "in 2 years", "jan 5"] {
        env.ok(&[
            "--today",
            "2026-12-29",
            "promise",
            "add",
            "sam",
            "x",
            "--due",
            word,
        ]);
    }
    // `edit --due` says it as `promise add` does (and the UI's edit form), a changed due date
    // only.
    let edit = |word: &str| env.noted(&["--today", "2026-12-29", "edit", "1", "--due", word]);
    let (stdout, stderr) = edit("dec 21");
    assert_eq!(stdout, "#1 edited: \"one\" (sam-lee, theirs)\n");
    assert_eq!(
        stderr,
        "trustladder: note: #1 is due 2027-12-21, 357 days from today\n"
    );
    for word in ["2027-12-20", "jan 5"] {
        assert_eq!(edit(word).1, "", "{word}");
    }
    assert_eq!(
        edit("jan 5"),
        (
            "#1 reads so already: \"one\" (sam-lee, theirs); nothing changed\n".to_string(),
            String::new()
        )
    );
}

/// A change refused while a conflict copy waits writes nothing, the merge of the copy
/// included: the file stays byte for byte as it was and the copy where it is, for the next
/// change that holds. A promise the merge renumbered is then named by its number now.
#[test]
fn a_refused_change_leaves_a_waiting_conflict_copy_unmerged() {
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["person", "add", "Al Bo"]);
    a.ok(&["promise", "add", "al", "Shared"]);
    std::fs::copy(&a.path, &b.path).unwrap();
    b.ok(&["log", "al", "From the copy", "--on", "2026-11-20"]);
    a.ok(&["promise", "add", "al", "Here"]);
    conflict_copy(&b, &a, "BBBBBBB");
    let copy = a
        .path
        .with_file_name("ledger.sync-conflict-20261124-101010-BBBBBBB.json");
    for (refused, fault) in [
        (
            &["promise", "add", "nobody", "x"][..],
            "no person matches 'nobody'",
        ),
        (&["keep", "99"][..], "no promise #99"),
        (
            &["keep", "1", "--on", "2026-11-25"][..],
            "2026-11-25 is after today",
        ),
    ] {
        a.fails(refused, 1, fault);
        assert!(copy.exists(), "{refused:?} put the copy away");
    }
    // The copy's promise, made on an earlier day, keeps #2; the one read here as #2 is kept
    // and named by its number now.
    let (stdout, stderr) = a.noted(&["keep", "2"]);
    assert_eq!(stdout, "#3 kept: \"Here\" (al-bo, theirs)\n");
    assert!(stderr.contains("#2 in the data file is now #3"), "{stderr}");
    assert_eq!(a.promise(3)["what"], "Here");
    assert_eq!(a.promise(3)["status"], "kept");
}

/// A restore is a change like any other: a conflict copy made before it, holding what the
/// restore took back, does not bring that back.
#[test]
fn a_restore_stands_against_a_conflict_copy_made_before_it() {
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["person", "add", "Al Bo"]);
    a.ok(&["promise", "add", "al", "Ship the report"]);
    a.ok(&["promise", "add", "al", "Review the RFC"]);
    a.ok(&["edit", "1", "--what", "Oops, wrong"]);
    std::fs::copy(&a.path, &b.path).unwrap();
    a.ok(&["restore-backup", "1"]);
    b.ok(&["keep", "2"]);
    conflict_copy(&b, &a, "BBBBBBB");
    merging(&a, &["promise", "add", "al", "next"]);
    assert_eq!(
        promises_of(&a),
        [
            ("\"Ship the report\"".to_string(), "\"open\"".to_string()),
            ("\"Review the RFC\"".to_string(), "\"kept\"".to_string()),
            ("\"next\"".to_string(), "\"open\"".to_string()),
        ]
    );
}

/// A conflict copy is merged against the last save it and the file both come from (kept in
/// `backups/`), so a promise kept on one machine and reworded later on the other is both kept
/// and reworded: with no common ancestor, the later rewording took the whole promise as the
/// other machine had it, open, and the keep was gone.
#[test]
fn a_conflict_copy_merged_against_the_save_both_come_from_loses_no_keep() {
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["person", "add", "Al Bo"]);
    a.ok(&["promise", "add", "al", "Ship the report"]);
    a.ok(&["promise", "add", "al", "Book the room"]);
    std::fs::copy(&a.path, &b.path).unwrap();
    // Here #1 is kept, there reworded; there #2 is kept, here reworded, each later.
    a.ok(&["keep", "1"]);
    b.ok(&["edit", "1", "--what", "Ship the final report"]);
    b.ok(&["keep", "2"]);
    a.ok(&["edit", "2", "--what", "Book the big room"]);
    conflict_copy(&b, &a, "ABCDEFG");
    let said = merging(&a, &["promise", "add", "al", "next"]);
    assert!(
        said.ends_with("trustladder: note:   took 1 kept, 1 promise edited from the copy\n"),
        "{said}"
    );
    let want = [
        ("Ship the final report", "kept"),
        ("Book the big room", "kept"),
        ("next", "open"),
    ]
    .map(|(what, status)| (format!("{what:?}"), format!("{status:?}")));
    assert_eq!(promises_of(&a), want);
}

/// A relative `$HOME` names no data folder (as a relative `$XDG_DATA_HOME` names none): it
/// would be another folder from every working directory, so each `cd` would start a new
/// ledger. The command refuses, naming `--file`, and makes nothing.
#[test]
fn a_relative_home_is_refused_rather_than_read_from_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .current_dir(dir.path())
        .env_remove("TRUSTLADDER_FILE")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("TRUSTLADDER_CONFIG")
        .env("HOME", "relhome")
        .args(["--today", TODAY, "person", "add", "In Cwd"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no data folder could be found") && stderr.contains("--file"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // What never reads the ledger needs no data folder.
    for args in [&["man"][..], &["dates", "fri"], &["completions", "bash"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
            .current_dir(dir.path())
            .env_remove("TRUSTLADDER_FILE")
            .env_remove("XDG_DATA_HOME")
            .env("HOME", "relhome")
            .args(["--today", TODAY])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Text that starts with `-` is taken as it is after the options that take text, and as WHAT
/// after `--`; a mistyped flag where WHAT goes is refused, never saved as a promise.
#[test]
fn text_that_starts_with_a_hyphen_is_taken_where_text_goes() {
    let env = Env::new();
    env.ok(&["person", "add", "Ana Sousa", "--role", "-lead-"]);
    env.ok(&["promise", "add", "ana", "--due", "fri", "--", "-x dash"]);
    env.ok(&["log", "ana", "--late", "--", "- sent"]);
    env.ok(&["keep", "1", "--note", "-1 day late"]);
    env.ok(&["edit", "2", "--what", "-y"]);
    env.ok(&["person", "edit", "ana", "--name", "-Ana", "--note", "-n"]);
    let before = std::fs::read(&env.path).unwrap();
    // Text that begins with - without -- before it is named whole, with the way to give it
    // (clap named its first flag, '- ', and its tip `-- - ` saved a promise of that alone).
    for (typed, quoted) in [
        ("- sent the notes", "'- sent the notes'"),
        ("-it's done", r"'-it'\''s done'"),
    ] {
        let head = format!(
            "error: unexpected argument '{typed}' found: text that begins with - reads as flags\n\n  tip: to pass it as text, put -- before it: -- {quoted}\n"
        );
        let said = env.fails(&["log", "ana", typed], 2, &head);
        assert!(said.starts_with(&head), "{said}");
    }
    // One that begins with -h read as the help flag: the help, exit 0 and nothing saved.
    let help = "error: unexpected argument '-hi there, will send' found: a word that begins with - reads as flags, and -h asks for help\n\n  tip: to pass it as text, put -- before it: -- '-hi there, will send'\n\nFor more information, try '--help'.\n";
    assert_eq!(
        env.fails(&["promise", "add", "ana", "-hi there, will send"], 2, help),
        help
    );
    env.noted(&["promise", "add", "-h"]);
    // Where the command takes no text, no tip sends it after -- (it would fail again).
    let said = env.fails(&["keep", "1", "-hello"], 2, "'-hello'");
    assert!(!said.contains("put -- before it"), "{said}");
    assert!(!said.contains("as a value, use '--"), "{said}");
    // A long flag typed with one dash is named whole, with the flag it meant (clap named
    // `-n` and said to pass it after --, where `keep` takes no text).
    for (typed, meant) in [
        (
            &["keep", "1", "-note", "done"][..],
            "-note' found: a flag's long name takes two dashes\n\n  tip: a similar argument exists: '--note'\n",
        ),
        (
            &["review", "-json"][..],
            "-json' found: a flag's long name takes two dashes\n\n  tip: a similar argument exists: '--json'\n",
        ),
        (
            &["person", "edit", "ana", "-role=lead"][..],
            "-role=lead' found: a flag's long name takes two dashes\n\n  tip: a similar argument exists: '--role=lead'\n",
        ),
    ] {
        let said = env.fails(typed, 2, meant);
        assert!(said.starts_with("error: unexpected argument '"), "{said}");
    }
    // Where text goes and is still to come, the flag is named first and the way to give
    // text second; once WHAT is given, the flag alone, as `-- '-on'` would be a word too many.
    for (typed, tip) in [
        (
            &["log", "ana", "-on", "today"][..],
            "'--on'; text that begins with - goes after --: -- '-on'\n",
        ),
        (&["log", "ana", "sent it", "-on", "today"][..], "'--on'\n"),
    ] {
        let head = format!(
            "error: unexpected argument '-on' found: a flag's long name takes two dashes\n\n  tip: a similar argument exists: {tip}"
        );
        let said = env.fails(typed, 2, &head);
        assert!(said.starts_with(&head), "{said}");
    }
    // A flag the command lacks, after its text, is no text: no tip sends it after --,
    // where it would be a word too many; before the text, it may be text, and is told so.
    for (typed, usage) in [
        (
            &["log", "ana", "sent it", "--deadline", "fri"][..],
            "log <PERSON> <WHAT>",
        ),
        (
            &[
                "promise", "add", "ana", "--level", "result", "the deck", "--when", "fri",
            ],
            "promise add --level <LEVEL> <PERSON> <WHAT>",
        ),
        (
            &["person", "add", "Bo Chen", "--email", "bo@x"],
            "person add <NAME>",
        ),
    ] {
        let flag = typed.iter().rev().nth(1).unwrap();
        let said = format!(
            "error: unexpected argument '{flag}' found\n\nUsage: trustladder {usage}\n\nFor more information, try '--help'.\n"
        );
        assert_eq!(env.fails(typed, 2, &said), said, "{typed:?}");
    }
    env.fails(
        &["log", "ana", "--sent"],
        2,
        "tip: to pass '--sent' as a value, use '-- --sent'\n",
    );
    // Text that begins with -- and holds a space is quoted in the tip.
    env.fails(
        &["log", "ana", "--sent notes"],
        2,
        "tip: to pass it as text, put -- before it: -- '--sent notes'\n",
    );
    env.fails(&["log", "ana", "--lat"], 2, "unexpected argument '--lat'");
    // A note forgotten before a flag: the flag is not taken for the note.
    env.fails(
        &["keep", "2", "--note", "--late"],
        2,
        "'--late' is a flag, not text; the option before it was given none",
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
    // Attached with `=`, the text is the option's beyond doubt, flag-like or not.
    let attached = Env::new();
    attached.ok(&["person", "add", "Ana"]);
    attached.ok(&["promise", "add", "ana", "Ship it"]);
    assert_eq!(
        attached.ok(&["keep", "1", "--note=--late"]),
        "#1 kept: \"Ship it\" (ana, theirs)\n"
    );
    assert_eq!(attached.promise(1)["note"], "--late");
    assert_eq!(
        attached.ok(&["edit", "1", "--what=--help"]),
        "#1 edited: \"--help\" (ana, theirs)\n"
    );
    assert_eq!(attached.promise(1)["what"], "--help");

    let ledger: Value = serde_json::from_slice(&before).unwrap();
    let person = &ledger["people"][0];
    assert_eq!(
        (&person["name"], &person["role"], &person["note"]),
        (
            &Value::from("-Ana"),
            &Value::from("-lead-"),
            &Value::from("-n")
        )
    );
    let promises: Vec<(&Value, &Value)> = ledger["promises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (&p["what"], &p["note"]))
        .collect();
    assert_eq!(
        promises,
        [
            (&Value::from("-x dash"), &Value::from("-1 day late")),
            (&Value::from("-y"), &Value::from("")),
        ]
    );
}

/// A text option followed by a flag of another command only (`person edit NAME --role
/// --again`, `--again` being `person add`'s) is refused as no flag of the command typed: it
/// said "'--again' is a flag", as if `person edit` took it. Its own flags, and the global
/// ones, are still said to be flags; nothing is saved.
#[test]
fn a_flag_of_another_command_after_a_text_option_is_said_to_be_none_of_this_one() {
    let env = Env::new();
    env.ok(&["person", "add", "Ana Sousa"]);
    let before = std::fs::read(&env.path).unwrap();
    let said = |args: &[&str]| env.fails(args, 2, "the option before it was given none");
    assert!(
        said(&["person", "edit", "ana", "--role", "--again"]).starts_with(
            "error: invalid value '--again' for '--role <ROLE>': person edit takes no --again, nor is it text; the option before it was given none\n"
        )
    );
    assert!(said(&["keep", "1", "--note", "--mine"]).contains(
        "': keep takes no --mine, nor is it text; the option before it was given none\n"
    ));
    for (args, flag) in [
        (&["person", "add", "Bo", "--role", "--again"][..], "--again"),
        (&["person", "edit", "ana", "--role", "--name"], "--name"),
        (&["person", "edit", "ana", "--role", "--file"], "--file"),
    ] {
        assert!(
            said(args).contains(&format!(
                "'{flag}' is a flag, not text; the option before it was given none\n"
            )),
            "{args:?}"
        );
    }
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
}

/// Words of one name typed apart, unquoted (`person add Priya Raman`, as the README's first
/// command without its quotes), are refused with a tip to quote them as one: clap said only
/// "unexpected argument 'Raman' found". Where a command takes two texts, which words are
/// whose is a guess, so the tip names the arguments; an ID is never several words.
#[test]
fn words_of_one_name_typed_apart_are_refused_with_a_tip_to_quote_them() {
    let env = Env::new();
    let said = env.fails(
        &["person", "add", "Priya", "Raman", "--role", "Backend"],
        2,
        "Raman",
    );
    assert!(
        said.starts_with(
            "error: unexpected argument 'Raman' found\n\n  tip: a NAME of several words is quoted as one: 'Priya Raman'\n\nUsage: "
        ),
        "{said}"
    );
    env.ok(&["person", "add", "Priya Raman"]);
    let said = env.fails(
        &["person", "edit", "priya", "raman", "--role", "QA"],
        2,
        "raman",
    );
    assert!(
        said.contains("tip: a PERSON of several words is quoted as one: 'priya raman'\n"),
        "{said}"
    );
    let said = env.fails(&["log", "priya", "sent", "the", "notes"], 2, "the");
    assert!(
        said.contains(
            "tip: PERSON and WHAT are one argument each: quote one of several words as one\n"
        ),
        "{said}"
    );
    // Two ids are two promises, never one id to quote (their tip is a loop).
    let said = env.fails(&["keep", "1", "2"], 2, "'2'");
    assert!(!said.contains("quoted as one"), "{said}");
    // A flag's value of several words typed apart, the word too many right after it, is
    // the flag's to quote, never the argument's (`--every 2 weeks` was told to quote
    // 'priya weeks' as the PERSON).
    for (args, cut, tip, usage) in [
        (
            &["person", "edit", "priya", "--every", "2", "weeks"][..],
            "weeks",
            "--every '2 weeks'",
            "trustladder person edit <PERSON> <--name|--role|--note|--every>...",
        ),
        (
            &[
                "promise", "add", "priya", "the deck", "--due", "in", "a", "week", "--mine",
            ],
            "a",
            "--due 'in a week'",
            "trustladder promise add [OPTIONS] <PERSON> <WHAT>",
        ),
        (
            &["log", "priya", "sent it", "--on", "last", "fri"],
            "fri",
            "--on 'last fri'",
            "trustladder log [OPTIONS] <PERSON> <WHAT>",
        ),
    ] {
        assert_eq!(
            env.fails(args, 2, ""),
            format!(
                "error: unexpected argument '{cut}' found\n\n  tip: a value of several words is quoted as one: {tip}\n\nUsage: {usage}\n\nFor more information, try '--help'.\n"
            ),
            "{args:?}"
        );
    }
    // Where a word fills WHAT first, the words after it are the text's, as before.
    let said = env.fails(&["log", "priya", "--on", "fri", "sent", "notes"], 2, "");
    assert!(
        said.contains(
            "tip: PERSON and WHAT are one argument each: quote one of several words as one\n"
        ),
        "{said}"
    );
    // A blank and a word are no name typed apart: no tip to quote `' x'`.
    let said = env.fails(&["export", "--format", "md", "", "x"], 2, "'x'");
    assert!(!said.contains("quoted as one"), "{said}");
}

/// With everyone archived, `review` and the Markdown report say so, not "add one": told to,
/// a user would add again someone who is here.
#[test]
fn with_everyone_archived_review_says_so_rather_than_to_add_someone() {
    let env = Env::new();
    env.ok(&["person", "add", "Ana Sousa"]);
    env.ok(&["person", "archive", "ana"]);
    assert_eq!(
        env.ok(&["review"]),
        "No active colleagues to review (1 archived; `trustladder review PERSON` reviews one of them).\n"
    );
    assert!(env.ok(&["review", "ana"]).contains("Ana Sousa"));
    assert!(
        env.ok(&["export", "--format", "md"])
            .ends_with("\nNo active colleagues (1 archived).\n")
    );
}

/// A data path from `TRUSTLADDER_FILE` that names a folder (as it is, or ending in `/`) is
/// refused with advice on the variable, not on `--file`, which was never typed; given with
/// `--file`, the advice stays on `--file`.
#[test]
fn a_bad_data_path_in_the_variable_is_said_to_be_the_variable_s() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("afolder")).unwrap();
    let run = |file: Option<&str>, variable: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"));
        cmd.env_remove("TRUSTLADDER_FILE").current_dir(dir.path());
        if let Some(file) = file {
            cmd.args(["--file", file]);
        }
        if let Some(variable) = variable {
            cmd.env("TRUSTLADDER_FILE", variable);
        }
        let out = cmd
            .args(["--today", TODAY, "person", "add", "X"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(
        run(None, Some("afolder")),
        "trustladder: afolder: not a regular file but a folder, so trustladder neither reads \
         nor writes it. Nothing was changed; set TRUSTLADDER_FILE to the path of a ledger file\n"
    );
    assert_eq!(
        run(None, Some("newdir/")),
        "trustladder: newdir/: ends with /, so it names a folder, not a data file. Nothing was \
         changed; set TRUSTLADDER_FILE to the path of a ledger file, such as \
         newdir/trustladder.json\n"
    );
    // `--file` wins over the variable, and its advice names it.
    assert!(
        run(Some("afolder"), Some("elsewhere.json"))
            .ends_with("Nothing was changed; pass --file with the path of a ledger file\n")
    );
    assert!(
        run(Some("newdir/"), None).contains("pass --file with the path of a ledger file, such as")
    );
}

/// A backup given as the data file, by a path relative to the working folder: the commands
/// that read it work (`list`, `agenda`, `check`), and a change is refused (exit 1), naming
/// the backup and the `restore-backup` that puts it back, with the backup's bytes as they
/// were and nothing made beside it.
#[test]
fn a_backup_given_as_the_data_file_is_read_but_never_changed() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann"]);
    env.ok(&["promise", "add", "ann", "Send the deck"]);
    env.ok(&["promise", "add", "ann", "Book the room"]);
    let folder = env.path.with_file_name("backups");
    let name = "ledger.json.000002.";
    let backup = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.starts_with(name))
        .unwrap();
    let bytes = std::fs::read(folder.join(&backup)).unwrap();
    let relative = format!("backups/../backups/{backup}");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_trustladder"))
            .env_remove("TRUSTLADDER_FILE")
            .current_dir(env.path.parent().unwrap())
            .args(["--file", &relative, "--today", TODAY])
            .args(args)
            .output()
            .unwrap()
    };
    for args in [&["list"][..], &["agenda"], &["check"]] {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    assert!(String::from_utf8_lossy(&run(&["list"]).stdout).contains("Send the deck"));
    let checked: Value = serde_json::from_slice(&run(&["check", "--json"]).stdout).unwrap();
    assert_eq!(checked["file"]["health"], "read_only", "{checked}");
    assert!(
        checked["file"]["detail"]
            .as_str()
            .unwrap()
            .starts_with("it is a backup of "),
        "{checked}"
    );
    for args in [
        &["keep", "1"][..],
        &["person", "add", "Bo"],
        &["restore-backup", "1"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "{backup}: this is a backup of {}, and a backup is kept as it was, so nothing was changed. To work from it, `trustladder --file {} restore-backup 1` puts it back in place of the data file",
                env.path.display(),
                env.path.display()
            )) && stderr.contains("or copy it elsewhere and give the copy with --file"),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            std::fs::read(folder.join(&backup)).unwrap(),
            bytes,
            "{args:?}"
        );
    }
    let beside: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with("ledger.json.00000"))
        .collect();
    assert_eq!(
        beside,
        Vec::<String>::new(),
        "no lock file, no backups of it"
    );
}

/// `check` gives each backup's time in the local time zone as well as the UTC stamp of its
/// name, and `check --json` as RFC 3339 with the offset; a conflict copy put away, whose name
/// is the file-sync tool's, has none.
#[test]
fn check_gives_each_backups_time_in_local_time() {
    let env = Env::new();
    env.ok(&["person", "add", "Ann"]);
    let folder = env.path.with_file_name("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let named = "ledger.json.000007.20261124T114600Z";
    std::fs::copy(&env.path, folder.join(named)).unwrap();
    let copy = "ledger.sync-conflict-20261124-114600-ABCDEFG.json";
    std::fs::copy(&env.path, folder.join(copy)).unwrap();
    let run = |args: &[&str]| {
        let out = env.cmd(args).env("TZ", "Asia/Kolkata").output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&["check"]);
    // The names padded as wide as the copy's with its tag, and the copy's missing time as
    // wide as a time: every time, and every state, starts in one column.
    let tagged = format!("       {copy} [conflict copy, merged in]");
    let pad = " ".repeat(tagged.len() - format!("    1  {named}").len());
    assert!(
        text.contains(&format!(
            "\n    1  {named}{pad}  2026-11-24 17:16:00 +05:30  ok, format version 2"
        )),
        "{text}"
    );
    let time = " ".repeat("2026-11-24 17:16:00 +05:30  ".len());
    assert!(text.contains(&format!("\n{tagged}  {time}ok,")), "{text}");
    let json: Value = serde_json::from_str(&run(&["check", "--json"])).unwrap();
    let backups = json["backups"].as_array().unwrap();
    assert_eq!(backups[0]["name"], named);
    assert_eq!(backups[0]["time"], "2026-11-24T17:16:00+05:30");
    assert_eq!(backups[1]["name"], copy);
    assert_eq!(backups[1]["time"], Value::Null);
}
