//! `import taskwarrior` on a real `task export` (tests/fixtures/taskwarrior, made by
//! Taskwarrior 2.6.2 in Berlin time): the right people, statuses, days and notes; the task's
//! uuid kept, so a second import changes nothing; bad records named by their place and
//! imported around only with `--skip-bad`.

mod cli_support;

use std::path::PathBuf;

use cli_support::Env;
use serde_json::Value;

/// After every task in the fixture was entered and ended.
const TODAY: &str = "2026-11-30";

fn fixture(name: &str) -> String {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests/fixtures/taskwarrior",
        name,
    ]
    .iter()
    .collect();
    path.to_string_lossy().into_owned()
}

/// The import in Berlin time, where the fixture was made.
fn import(env: &Env, file: &str, from: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["import", "taskwarrior", file, "--person-from", from];
    args.extend_from_slice(extra);
    env.cmd(&args)
        .env("TZ", "Europe/Berlin")
        .output()
        .expect("the binary runs")
}

/// [`import`] that must succeed, with nothing on stderr but the note that it started the
/// ledger where it made the data file; its stdout.
fn imported(env: &Env, file: &str, from: &str, extra: &[&str]) -> String {
    let new = !env.path.exists();
    let out = import(env, file, from, extra);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "failed: {stderr}");
    let said = if new && env.path.exists() {
        cli_support::started(&env.path)
    } else {
        String::new()
    };
    assert_eq!(stderr, said);
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn ok(out: std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "failed: {stderr}");
    assert_eq!(stderr, "");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// (what, status, made, due, resolved, note) of the promise with this uid.
fn fields(env: &Env, uid: &str) -> (String, String, String, String, String, String) {
    let p = env.promise_by_uid(uid);
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    (
        text(&p["what"]),
        text(&p["status"]),
        text(&p["made"]),
        text(&p["due"]),
        text(&p["resolved"]),
        text(&p["note"]),
    )
}

fn row(what: &str, status: &str, made: &str, due: &str, resolved: &str, note: &str) -> Fields {
    (
        what.into(),
        status.into(),
        made.into(),
        due.into(),
        resolved.into(),
        note.into(),
    )
}

type Fields = (String, String, String, String, String, String);

/// Every task of the fixture as it should land, by its uuid.
fn expected() -> Vec<(&'static str, &'static str, Fields)> {
    vec![
        (
            "80febd19-bb6d-431e-a9ea-b5183ffa6d1a",
            "Priya Raman",
            row(
                "Send the deck",
                "open",
                "2026-11-16",
                "2026-12-04",
                "",
                "2026-11-29: Asked for the numbers first; 2026-11-29: Numbers arrive Monday",
            ),
        ),
        (
            // Waiting until 10 December: still open.
            "0159489f-24e1-4939-9845-58e39939b97f",
            "王芳",
            row(
                "Draft the Q1 roadmap",
                "open",
                "2026-11-05",
                "2026-12-20",
                "",
                "",
            ),
        ),
        (
            // An instance of the recurring task, still pending.
            "50d5392a-d006-4b70-b4d0-0ac6770842a6",
            "Priya Raman",
            row(
                "Weekly status mail",
                "open",
                "2026-11-29",
                "2026-12-04",
                "",
                "",
            ),
        ),
        (
            // Completed three days after its due day.
            "ff0c03cd-0000-0000-0000-000000000000",
            "Priya Raman",
            row(
                "Migrate the billing tables",
                "kept_late",
                "2026-11-02",
                "2026-11-20",
                "2026-11-23",
                "",
            ),
        ),
        (
            "a512e932-0000-0000-0000-000000000000",
            "Pat Lee",
            row(
                "Review PR 412, \"quickly\"; then merge",
                "kept",
                "2026-11-10",
                "2026-11-25",
                "2026-11-24",
                "",
            ),
        ),
        (
            // Deleted: released, with its annotation as the note.
            "67e9332c-0000-0000-0000-000000000000",
            "Pat Lee",
            row(
                "Fix the flaky test",
                "released",
                "2026-11-01",
                "",
                "2026-11-21",
                "2026-11-29: Not ours after the reorg",
            ),
        ),
        (
            // Completed at 23:30 on its due day, Berlin time: on time. Taskwarrior made this
            // instance of the recurring task (its entry) only on the 29th, after it was done:
            // it was promised by the day it ended.
            "c13eec6d-0000-0000-0000-000000000000",
            "Priya Raman",
            row(
                "Weekly status mail",
                "kept",
                "2026-11-27",
                "2026-11-27",
                "2026-11-27",
                "",
            ),
        ),
    ]
}

/// The fixture's full uuids, found by their first eight characters.
fn full_uuid(short: &str) -> String {
    let text = std::fs::read_to_string(fixture("export.json")).unwrap();
    let tasks: Vec<Value> = serde_json::from_str(&text).unwrap();
    let prefix = &short[..8];
    tasks
        .iter()
        .filter_map(|t| t["uuid"].as_str())
        .find(|u| u.starts_with(prefix))
        .unwrap_or_else(|| panic!("no task {prefix}"))
        .to_string()
}

fn check_landed(env: &Env) {
    let ledger = env.ledger();
    let names: Vec<&str> = ledger["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Priya Raman", "王芳", "Pat Lee"]);
    assert_eq!(ledger["promises"].as_array().unwrap().len(), 7);
    for (uuid, person, want) in expected() {
        let uuid = full_uuid(uuid);
        assert_eq!(fields(env, &uuid), want, "{uuid}");
        let promise = env.promise_by_uid(&uuid);
        let owner = ledger["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == promise["person"])
            .unwrap();
        assert_eq!(owner["name"], person, "{uuid}");
        assert_eq!(promise["direction"], "theirs");
        assert_eq!(promise["level"], "task");
    }
}

#[test]
fn a_real_export_imports_with_its_people_statuses_and_notes() {
    let env = Env::new(TODAY);
    let out = imported(&env, &fixture("export.json"), "uda:who", &[]);
    assert_eq!(
        out,
        "8 records in the export\n  \
         promises to add: 7: 3 open, 2 kept, 1 kept late, 1 released\n  \
         people to add: 3 (Priya Raman, 王芳, Pat Lee)\n  \
         skipped task 3: the template of a recurring task (its instances are imported)\n\
         Imported 7 promises and added 3 people.\n"
    );
    check_landed(&env);

    // The same export again adds nothing and leaves the file as it was.
    let before = std::fs::read(&env.path).unwrap();
    let again = imported(&env, &fixture("export.json"), "uda:who", &[]);
    assert!(
        again.ends_with(
            "  already here: 7 (imported before)\n  \
             skipped task 3: the template of a recurring task (its instances are imported)\n\
             Nothing to import: every task is here already.\n"
        ),
        "{again}"
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
    // And so does the same tasks one per line, as older versions print them.
    imported(&env, &fixture("export.jsonl"), "uda:who", &[]);
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
}

#[test]
fn one_task_per_line_reads_the_same() {
    let env = Env::new(TODAY);
    let out = imported(&env, &fixture("export.jsonl"), "uda:who", &[]);
    assert!(out.contains("skipped line 3: the template"), "{out}");
    check_landed(&env);
}

/// How many promises of `ledger` are with person number `person`.
fn promises_of(ledger: &Value, person: u64) -> usize {
    ledger["promises"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["person"] == person)
        .count()
}

#[test]
fn the_colleague_can_come_from_a_tag_or_the_project_and_match_people_here() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Pat"]);
    let out = imported(&env, &fixture("export.json"), "tag:with_", &[]);
    assert!(out.contains("people to add: 2 (priya, wang)"), "{out}");
    let by_tag = env.ledger();
    let handles: Vec<&str> = by_tag["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["handle"].as_str().unwrap())
        .collect();
    assert_eq!(handles, ["pat", "priya", "wang"]);
    assert_eq!(
        promises_of(&by_tag, 1),
        2,
        "the tasks tagged with_pat went to Pat, who was here"
    );

    // A tag naming someone here by the start of their name is theirs, as `review priya` would
    // be, and the summary says whom it took; a new name a typo away from someone is noted.
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman"]);
    env.ok(&["person", "add", "Wong Li"]);
    let out = imported(&env, &fixture("export.json"), "tag:with_", &[]);
    assert!(out.contains("people to add: 2 (wang, pat)"), "{out}");
    assert!(
        out.contains(
            "  'priya' taken as priya-raman (Priya Raman), whose name holds it in whole words\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "  note: new 'wang' is close to wong-li (Wong Li), and was not taken as them\n"
        ),
        "{out}"
    );
    assert_eq!(
        promises_of(&env.ledger(), 1),
        4,
        "the tasks tagged with_priya went to Priya Raman"
    );

    let env = Env::new(TODAY);
    let out = imported(
        &env,
        &fixture("export.json"),
        "project",
        &["--mine", "--level", "result"],
    );
    assert!(out.contains("people to add: 3 (priya, wang, pat)"), "{out}");
    let p = &env.ledger()["promises"][0];
    assert_eq!(
        (&p["direction"], &p["level"]),
        (&Value::from("mine"), &Value::from("result"))
    );
}

#[test]
fn local_days_decide_on_time_and_late() {
    // In UTC the weekly mail was due on 26 November and completed on the 27th: late.
    let env = Env::new(TODAY);
    let out = env
        .cmd(&[
            "import",
            "taskwarrior",
            &fixture("export.json"),
            "--person-from",
            "uda:who",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mail = env.promise_by_uid(&full_uuid("c13eec6d"));
    assert_eq!(
        (&mail["status"], &mail["due"]),
        (&Value::from("kept_late"), &Value::from("2026-11-26"))
    );
}

#[test]
fn a_dry_run_shows_and_changes_nothing() {
    let env = Env::new(TODAY);
    let out = import(&env, &fixture("export.json"), "uda:who", &["--dry-run"]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no data file"), "{stderr}");
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains("promises to add: 7"), "{out}");
    assert!(out.ends_with("Dry run: nothing changed.\n"), "{out}");
    assert!(!env.path.exists(), "no data file was made");
}

/// Four tasks, one per line: good, without the attribute, not JSON, good.
const SOME_BAD: &str = r#"{"uuid":"11111111-1111-4111-8111-111111111111","description":"Ship it","status":"pending","entry":"20261101T090000Z","who":"Priya"}
{"uuid":"22222222-2222-4222-8222-222222222222","description":"Nobody's","status":"pending","entry":"20261101T090000Z"}
{"uuid": oops
{"uuid":"33333333-3333-4333-8333-333333333333","description":"Done","status":"waiting","entry":"20261101T090000Z","who":"Priya"}
"#;

/// A dry run of an import that would be refused: the summary on stdout, the refusal on
/// stderr, exit 1, and the data file as it was. Returns the summary.
fn refused_dry_run(env: &Env, cmd: &mut assert_cmd::Command) -> String {
    let before = std::fs::read(&env.path).ok();
    let out = cmd.output().unwrap();
    assert_eq!(
        std::fs::read(&env.path).ok(),
        before,
        "the data file as it was"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nothing imported"), "{stderr}");
    // It was a dry run: not told to run one.
    assert!(!stderr.contains("--dry-run"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.ends_with("Dry run: nothing changed.\n"), "{stdout}");
    stdout
}

#[test]
fn bad_records_stop_the_import_unless_skipped() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya"]);
    let file = env.dir.path().join("tasks.jsonl");
    std::fs::write(&file, SOME_BAD).unwrap();
    let file = file.to_string_lossy().into_owned();
    let line = env.fails(
        &["import", "taskwarrior", &file, "--person-from", "uda:who"],
        "2 bad tasks, nothing imported: line 2 (22222222): no 'who' attribute; line 3: not JSON",
    );
    assert!(
        line.contains("(--dry-run lists them, --skip-bad imports the rest)"),
        "{line}"
    );

    let dry_run = [
        "import",
        "taskwarrior",
        &file,
        "--person-from",
        "uda:who",
        "--dry-run",
    ];
    let dry = refused_dry_run(&env, &mut env.cmd(&dry_run));
    assert!(
        dry.contains("  bad line 2 (22222222): no 'who' attribute\n"),
        "{dry}"
    );
    assert!(dry.contains("  bad line 3: not JSON"), "{dry}");
    // With --skip-bad the dry run passes, as the import would.
    let dry = env.ok(&[&dry_run[..], &["--skip-bad"]].concat());
    assert!(dry.ends_with("Dry run: nothing changed.\n"), "{dry}");

    let out = env.ok(&[
        "import",
        "taskwarrior",
        &file,
        "--person-from",
        "uda:who",
        "--skip-bad",
    ]);
    assert!(out.ends_with("Imported 2 promises.\n"), "{out}");
    let ledger = env.ledger();
    assert_eq!(
        ledger["people"].as_array().unwrap().len(),
        1,
        "Priya was found by name"
    );
    assert_eq!(ledger["promises"].as_array().unwrap().len(), 2);

    env.fails(
        &[
            "import",
            "taskwarrior",
            "missing.json",
            "--person-from",
            "project",
        ],
        "missing.json",
    );
    std::fs::write(env.dir.path().join("not.json"), "[1, 2").unwrap();
    env.fails(
        &[
            "import",
            "taskwarrior",
            "not.json",
            "--person-from",
            "project",
        ],
        "not a Taskwarrior export",
    );
    // An export cut short (no closing `]`) is one, refused whole even with --skip-bad: the
    // tasks after the cut are not in it.
    let whole = std::fs::read_to_string(&file).unwrap();
    let cut: String = whole.lines().take(2).collect::<Vec<_>>().join(",\n");
    std::fs::write(env.dir.path().join("cut.json"), format!("[\n{cut},\n")).unwrap();
    for extra in [&[][..], &["--skip-bad"], &["--skip-bad", "--dry-run"]] {
        let line = env.fails(
            &[
                &[
                    "import",
                    "taskwarrior",
                    "cut.json",
                    "--person-from",
                    "uda:who",
                ][..],
                extra,
            ]
            .concat(),
            "cut.json: a Taskwarrior export cut short: it ends after line 3, before the closing ]",
        );
        assert!(line.contains("(not even with --skip-bad)"), "{line}");
    }
}

/// A mistyped `--person-from` leaves every task bad: refused even with `--skip-bad`, where
/// the export holds the template of a recurring task too (left out on purpose, so no task
/// is imported either), and the refusal points at `--person-from`, not at the file.
#[test]
fn an_export_whose_every_task_lacks_the_colleague_is_refused_pointing_at_person_from() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman"]);
    let before = std::fs::read(&env.path).unwrap();
    for extra in [&["--skip-bad"][..], &["--skip-bad", "--dry-run"], &[]] {
        let out = import(&env, &fixture("export.json"), "tag:wiht_", extra);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{extra:?}: {stderr}");
        assert!(
            stderr.contains(
                "every task is bad (7; 1 template of recurring tasks left out), nothing imported: task 1 (80febd19): no tag starting with 'wiht_'"
            ),
            "{extra:?}: {stderr}"
        );
        assert!(
            stderr.ends_with("(does --person-from say where these tasks name the colleague?)\n"),
            "{extra:?}: {stderr}"
        );
        assert_eq!(std::fs::read(&env.path).unwrap(), before, "{extra:?}");
    }
}

/// `--person-from`'s form is read in any case (`TAG:with_` imports as `tag:with_` does), but
/// the prefix after it keeps its case, as Taskwarrior's tags do: `Tag:With_` finds no tag
/// `with_priya`, and is refused with the data file as it was, as is `TAG:` with no prefix.
#[test]
fn the_person_from_form_is_read_in_any_case_and_its_prefix_as_typed() {
    let import_with = |from: &str| {
        let env = Env::new(TODAY);
        let out = imported(&env, &fixture("export.json"), from, &[]);
        assert!(
            out.contains("Imported 7 promises and added 3 people."),
            "{from}: {out}"
        );
        let ledger = env.ledger();
        let promises: Vec<(String, String)> = ledger["promises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["uid"].to_string(), p["person"].to_string()))
            .collect();
        let people: Vec<(String, String)> = ledger["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["id"].to_string(), p["handle"].to_string()))
            .collect();
        (people, promises)
    };
    assert_eq!(import_with("TAG:with_"), import_with("tag:with_"));

    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman"]);
    let before = std::fs::read(&env.path).unwrap();
    let out = import(&env, &fixture("export.json"), "Tag:With_", &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no tag starting with 'With_'"), "{stderr}");
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
    let out = import(&env, &fixture("export.json"), "TAG:", &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(
            "error: invalid value 'TAG:' for '--person-from <tag:PREFIX|project|uda:NAME>': no prefix after tag:\n"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
}

/// A task bad for another reason too (no description) does not hide that every task lacks
/// the colleague where `--person-from` looks.
#[test]
fn a_task_bad_twice_still_asks_whether_person_from_looks_in_the_right_place() {
    let env = Env::new(TODAY);
    let file = env.dir.path().join("tasks.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"uuid":"a0febd19-0000-4000-8000-000000000001","status":"pending","entry":"20261101T100000Z","description":"one"}"#,
            "\n",
            r#"{"uuid":"a0febd19-0000-4000-8000-000000000002","status":"pending","entry":"20261101T100000Z"}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = import(&env, file.to_str().unwrap(), "uda:who", &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.ends_with("(does --person-from say where these tasks name the colleague?)\n"),
        "{stderr}"
    );
}

/// A dry run fails where the import would for the file too: one without write permission,
/// or one from a newer trustladder.
#[test]
fn a_dry_run_fails_where_the_file_cannot_take_the_import() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman"]);
    let args = ["--dry-run"];
    std::fs::set_permissions(&env.path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let out = import(&env, &fixture("export.json"), "uda:who", &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no write permission"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("promises to add: 7"), "{stdout}");
    let real = import(&env, &fixture("export.json"), "uda:who", &[]);
    assert_eq!(real.status.code(), Some(1));

    std::fs::set_permissions(&env.path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut newer: Value = serde_json::from_slice(&std::fs::read(&env.path).unwrap()).unwrap();
    newer["version"] = Value::from(99);
    std::fs::write(&env.path, serde_json::to_vec(&newer).unwrap()).unwrap();
    let before = std::fs::read(&env.path).unwrap();
    let out = import(&env, &fixture("export.json"), "uda:who", &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("newer"), "{stderr}");
    assert_eq!(
        import(&env, &fixture("export.json"), "uda:who", &[])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let env = Env::new(TODAY);
    let out = env
        .cmd(&[
            "import",
            "taskwarrior",
            "-",
            "--person-from",
            "uda:who",
            "--skip-bad",
        ])
        .write_stdin(SOME_BAD)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.ledger()["promises"].as_array().unwrap().len(), 2);
    let usage = env
        .cmd(&["import", "taskwarrior", "-", "--person-from", "who"])
        .output()
        .unwrap();
    assert_eq!(
        usage.status.code(),
        Some(2),
        "a place that is not one of the three"
    );
}

/// A `--person-from` that is none of its forms is told what is wrong with it after the flag
/// and its forms, not those again: the line stays short enough to read, and the ledger is
/// left as it was.
#[test]
fn a_wrong_person_from_is_told_briefly() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya"]);
    let before = std::fs::read(&env.path).unwrap();
    for (place, why) in [
        ("who", "not one of these forms"),
        ("tag:", "no prefix after tag:"),
        ("uda:", "no name after uda:"),
    ] {
        let out = env
            .cmd(&["import", "taskwarrior", "-", "--person-from", place])
            .write_stdin(SOME_BAD)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{place}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.lines().next(),
            Some(
                format!(
                    "error: invalid value '{place}' for '--person-from <tag:PREFIX|project|uda:NAME>': {why}"
                )
                .as_str()
            ),
            "{place}"
        );
        assert_eq!(std::fs::read(&env.path).unwrap(), before, "{place}");
    }
}

/// A task whose text the ledger would refuse (a character that reorders text on screen, a
/// name of invisible characters) is a bad task in the plan, named by its line, like any other:
/// the dry run shows it, the import stops on it, and `--skip-bad` imports the rest.
#[test]
fn text_the_ledger_refuses_is_a_bad_task_named_in_the_plan() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya"]);
    let file = env.dir.path().join("tasks.jsonl");
    let tasks = [
        r#"{"uuid":"11111111-1111-4111-8111-111111111111","description":"Ship it","status":"pending","entry":"20261101T090000Z","who":"Priya"}"#,
        r#"{"uuid":"22222222-2222-4222-8222-222222222222","description":"Pay \u202eevil","status":"pending","entry":"20261101T090000Z","who":"Priya"}"#,
        r#"{"uuid":"33333333-3333-4333-8333-333333333333","description":"Fine","status":"pending","entry":"20261101T090000Z","who":"\u200b"}"#,
    ];
    std::fs::write(&file, tasks.join("\n")).unwrap();
    let file = file.to_string_lossy().into_owned();
    let args = ["import", "taskwarrior", &file, "--person-from", "uda:who"];
    let dry = refused_dry_run(&env, &mut env.cmd(&[&args[..], &["--dry-run"]].concat()));
    assert!(
        dry.contains("  bad line 2 (22222222): description contains a character that reorders"),
        "{dry}"
    );
    assert!(
        dry.contains("  bad line 3 (33333333): the colleague's name has no visible characters"),
        "{dry}"
    );
    env.fails(
        &args,
        "2 bad tasks, nothing imported: line 2 (22222222): description contains",
    );
    let out = env.ok(&[&args[..], &["--skip-bad"]].concat());
    assert!(out.ends_with("Imported 1 promise.\n"), "{out}");
}

/// A time at the calendar's edge that falls outside the years 1 to 9999 in the local time
/// zone (the first midnight of year 1, UTC, is still year 0 in New York) is a bad task in the
/// plan, named by its line, and `--skip-bad` imports the rest.
#[test]
fn a_day_outside_the_calendar_here_is_a_bad_task() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya"]);
    let file = env.dir.path().join("tasks.jsonl");
    let tasks = [
        r#"{"uuid":"11111111-1111-4111-8111-111111111111","description":"Ship it","status":"pending","entry":"20261101T090000Z","who":"Priya"}"#,
        r#"{"uuid":"22222222-2222-4222-8222-222222222222","description":"Ancient","status":"pending","entry":"00010101T000000Z","who":"Priya"}"#,
    ];
    std::fs::write(&file, tasks.join("\n")).unwrap();
    let file = file.to_string_lossy().into_owned();
    let run = |extra: &[&str]| {
        let mut args = vec!["import", "taskwarrior", &file, "--person-from", "uda:who"];
        args.extend_from_slice(extra);
        let mut cmd = env.cmd(&args);
        cmd.env("TZ", "America/New_York");
        cmd
    };
    let dry = refused_dry_run(&env, &mut run(&["--dry-run"]));
    assert!(
        dry.contains(
            "  bad line 2 (22222222): 'entry' falls on 0000-12-31 here, outside the years 1 to 9999"
        ),
        "{dry}"
    );
    let out = ok(run(&["--skip-bad"]).output().unwrap());
    assert!(out.ends_with("Imported 1 promise.\n"), "{out}");
}

/// The closing line says what happened: an empty export holds no tasks, and an export whose
/// tasks are all skipped imports nothing (it is not "every task is here already").
#[test]
fn the_closing_line_says_why_nothing_was_imported() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya"]);
    let empty = env.dir.path().join("empty.json");
    std::fs::write(&empty, "[]\n").unwrap();
    let empty = empty.to_string_lossy().into_owned();
    let out = env.ok(&["import", "taskwarrior", &empty, "--person-from", "project"]);
    assert!(
        out.ends_with("Nothing to import: the export holds no tasks.\n"),
        "{out}"
    );
    // What Taskwarrior prints when no task matches (nothing), or blank lines, the same.
    for nothing in ["", "\n\n"] {
        std::fs::write(env.dir.path().join("empty.json"), nothing).unwrap();
        let out = env.ok(&["import", "taskwarrior", &empty, "--person-from", "project"]);
        assert!(
            out.ends_with("Nothing to import: the export holds no tasks.\n"),
            "{nothing:?}: {out}"
        );
    }
    let template = env.dir.path().join("template.json");
    std::fs::write(
        &template,
        r#"[{"uuid":"44444444-4444-4444-8444-444444444444","description":"Weekly report","status":"deleted","entry":"20261101T090000Z","end":"20261102T090000Z","project":"Priya","recur":"weekly","mask":"-"}]"#,
    )
    .unwrap();
    let template = template.to_string_lossy().into_owned();
    let out = env.ok(&[
        "import",
        "taskwarrior",
        &template,
        "--person-from",
        "project",
    ]);
    assert!(
        out.contains("  skipped task 1: the template of a recurring task"),
        "{out}"
    );
    assert!(out.ends_with("Nothing imported.\n"), "{out}");
}

/// A line that is not UTF-8 text is a bad task at its place, like a line that is not JSON:
/// it stops the import, the file as it was, and `--skip-bad` imports around it.
#[test]
fn a_line_that_is_not_text_is_a_bad_task() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya"]);
    let before = std::fs::read(&env.path).unwrap();
    let file = env.dir.path().join("mixed.jsonl");
    let mut bytes = SOME_BAD.lines().next().unwrap().as_bytes().to_vec();
    bytes.extend_from_slice(
        b"\n{\"uuid\":\"55555555-5555-4555-8555-555555555555\",\"description\":\"caf\xe9\"}\n",
    );
    std::fs::write(&file, bytes).unwrap();
    let file = file.to_string_lossy().into_owned();
    let args = ["import", "taskwarrior", &file, "--person-from", "uda:who"];
    env.fails(
        &args,
        "1 bad task, nothing imported: line 2: not UTF-8 text",
    );
    assert_eq!(
        std::fs::read(&env.path).unwrap(),
        before,
        "the file as it was"
    );
    let out = env.ok(&[&args[..], &["--skip-bad"]].concat());
    assert!(out.contains("  bad line 2: not UTF-8 text\n"), "{out}");
    assert!(out.ends_with("Imported 1 promise.\n"), "{out}");
}

/// A file in which nothing is a task (a compressed export, random bytes, JSON of another
/// shape) is no export: refused as one, even with `--skip-bad`, which imports around bad
/// tasks, never in place of all of them, and the file stays as it was.
#[test]
fn a_file_in_which_no_task_reads_is_refused_even_with_skip_bad() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya"]);
    let binary = env.dir.path().join("tasks.json.gz");
    std::fs::write(&binary, b"\x1f\x8b\x08\x00\xff\xfe\n\x00\xc3\x28\n\x80\x81").unwrap();
    let shape = env.dir.path().join("shape.json");
    std::fs::write(&shape, "[{\"a\": 1}, [1, 2]]\n").unwrap();
    for skip in [&[][..], &["--skip-bad"][..]] {
        let args = |file: &std::path::Path| {
            let mut args = vec![
                "import".to_string(),
                "taskwarrior".to_string(),
                file.to_string_lossy().into_owned(),
                "--person-from".to_string(),
                "project".to_string(),
            ];
            args.extend(skip.iter().map(|s| s.to_string()));
            args
        };
        let binary_args = args(&binary);
        let binary_args: Vec<&str> = binary_args.iter().map(String::as_str).collect();
        env.fails(
            &binary_args,
            "not a Taskwarrior export (a JSON array of tasks, or one task per line): line 1 is not UTF-8 text",
        );
        let shape_args = args(&shape);
        let shape_args: Vec<&str> = shape_args.iter().map(String::as_str).collect();
        let said = env.fails(
            &shape_args,
            "every task is bad (2), nothing imported: task 1: ",
        );
        assert!(said.ends_with("(is it a Taskwarrior export?)\n"), "{said}");
    }
}

/// A file imported in two halves adds the people one import of it adds: a new name holding
/// the whole name of someone imported before is them, and the summary says so.
#[test]
fn a_file_imported_in_halves_adds_the_people_it_adds_whole() {
    let task = |n: u8, project: &str| {
        format!(
            r#"{{"uuid":"{n}{n}{n}{n}{n}{n}{n}{n}-1111-4111-8111-111111111111","description":"Task {n}","status":"pending","entry":"20261101T090000Z","project":"{project}"}}"#
        ) + "\n"
    };
    let whole = Env::new(TODAY);
    let path = whole.dir.path().join("whole.json");
    std::fs::write(&path, task(1, "PRIYA") + &task(2, "Priya Raman")).unwrap();
    let out = imported(&whole, path.to_str().unwrap(), "project", &[]);
    assert!(out.contains("people to add: 1 (Priya Raman)\n"), "{out}");

    let halves = Env::new(TODAY);
    let path = halves.dir.path().join("half.json");
    std::fs::write(&path, task(1, "PRIYA")).unwrap();
    imported(&halves, path.to_str().unwrap(), "project", &[]);
    std::fs::write(&path, task(2, "Priya Raman")).unwrap();
    let out = imported(&halves, path.to_str().unwrap(), "project", &[]);
    assert_eq!(
        out,
        "1 record in the export\n  \
         promises to add: 1: 1 open\n  \
         'Priya Raman' taken as priya (PRIYA), whose name it holds in whole words\n\
         Imported 1 promise.\n"
    );
    assert_eq!(halves.ledger()["people"].as_array().unwrap().len(), 1);
    assert_eq!(promises_of(&halves.ledger(), 1), 2);
}

/// Three tasks imported open, then ended in Taskwarrior: one completed after its due day,
/// one completed on time, one deleted. Importing the new export changes none of them (the
/// import never changes a record it brought in before) but names each, with the command
/// that records what Taskwarrior says, and the file stays as it was.
#[test]
fn tasks_ended_in_taskwarrior_since_an_import_are_named_with_the_command_that_records_them() {
    let env = Env::new(TODAY);
    let task = |n: u8, status: &str, end: &str| {
        let end = if end.is_empty() {
            String::new()
        } else {
            format!(r#","end":"{end}""#)
        };
        format!(
            r#"{{"uuid":"{n}{n}{n}{n}{n}{n}{n}{n}-1111-4111-8111-111111111111","description":"Task {n}","status":"{status}","entry":"20261101T090000Z","due":"20261120T120000Z","who":"Priya"{end}}}"#
        )
    };
    let first = [1, 2, 3].map(|n| task(n, "pending", "")).join("\n") + "\n";
    let path = env.dir.path().join("first.json");
    std::fs::write(&path, first).unwrap();
    imported(&env, path.to_str().unwrap(), "uda:who", &[]);
    let later = [
        task(1, "completed", "20261125T120000Z"),
        task(2, "completed", "20261119T120000Z"),
        task(3, "deleted", "20261126T120000Z"),
    ]
    .join("\n")
        + "\n";
    std::fs::write(&path, later).unwrap();
    let before = std::fs::read(&env.path).unwrap();
    let out = imported(&env, path.to_str().unwrap(), "uda:who", &[]);
    assert_eq!(
        out,
        "3 records in the export\n  \
         promises to add: 0\n  \
         already here: 3 (imported before)\n  \
         ended in Taskwarrior, open here: #1 completed on 2026-11-25 (not changed here; `keep 1 --on 2026-11-25` records it)\n  \
         ended in Taskwarrior, open here: #2 completed on 2026-11-19 (not changed here; `keep 2 --on 2026-11-19` records it)\n  \
         ended in Taskwarrior, open here: #3 deleted on 2026-11-26 (not changed here; `release 3 --on 2026-11-26` records it)\n\
         Nothing to import: every task is here already.\n"
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);

    // A due date moved here after the import: the command keeps Taskwarrior's word.
    env.cmd(&["edit", "1", "--due", "2026-11-30"])
        .assert()
        .success();
    env.cmd(&["keep", "2", "--on", "2026-11-19"])
        .assert()
        .success();
    let out = imported(&env, path.to_str().unwrap(), "uda:who", &[]);
    assert!(
        out.contains("#1 completed on 2026-11-25 (not changed here; `keep 1 --on 2026-11-25 --late` records it)"),
        "{out}"
    );
    assert!(
        !out.contains("#2 "),
        "a promise resolved here is not named: {out}"
    );

    // Ended there on a day still to come here: named all the same (it was left out, without
    // a word), with the day from which the command records it: run today, it is refused.
    let ahead = task(3, "completed", "20261215T120000Z") + "\n";
    std::fs::write(&path, ahead).unwrap();
    let out = imported(&env, path.to_str().unwrap(), "uda:who", &[]);
    assert!(
        out.contains("ended in Taskwarrior, open here: #3 completed on 2026-12-15, after today (not changed here; on or after 2026-12-15, `keep 3 --on 2026-12-15` records it)\n"),
        "{out}"
    );

    // Ended there before the day it was made here: the command records it on that day, as
    // one dated before is refused.
    let before_made = task(3, "deleted", "20261020T120000Z") + "\n";
    std::fs::write(&path, before_made).unwrap();
    let out = imported(&env, path.to_str().unwrap(), "uda:who", &[]);
    assert!(
        out.contains("ended in Taskwarrior, open here: #3 deleted on 2026-10-20 (not changed here; `release 3 --on 2026-11-01` records it, on the day it was made here)"),
        "{out}"
    );
    env.cmd(&["release", "3", "--on", "2026-11-01"])
        .assert()
        .success();
}

/// What to give in place of a path that is no export.
const GIVE_AN_EXPORT: &str = "give the file `task export > tasks.json` writes, or pipe it in: `task export | trustladder import taskwarrior - …`";

/// A device is not an export: `/dev/zero` would be read without end. It is refused at once,
/// and nothing is made; so is a path to nothing, in words ("No such file or directory (os
/// error 2)" was the system's). Each says what to give instead.
#[test]
fn a_device_or_a_folder_is_refused_without_reading_it() {
    let env = Env::new(TODAY);
    for (path, kind) in [("/dev/zero", "a character device"), ("/", "a folder")] {
        let out = import(&env, path, "project", &[]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("trustladder: {path} is {kind}, not an export; {GIVE_AN_EXPORT}\n")
        );
        assert!(!env.path.exists());
    }
    let missing = env.dir.path().join("tasks.json");
    let out = import(&env, missing.to_str().unwrap(), "project", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "trustladder: {}: no such file; check the path, or {GIVE_AN_EXPORT}\n",
            missing.display()
        )
    );
    assert!(!env.path.exists());
    // On standard input too, but for /dev/null, which holds nothing, as an empty export.
    let from_stdin = |path: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"))
            .env_remove("TRUSTLADDER_FILE")
            .arg("--file")
            .arg(&env.path)
            .args(["--today", TODAY, "import", "taskwarrior", "-"])
            .args(["--person-from", "project"])
            .stdin(std::fs::File::open(path).unwrap())
            .output()
            .unwrap()
    };
    for (path, kind) in [("/dev/zero", "a character device"), ("/", "a folder")] {
        let out = from_stdin(path);
        assert_eq!(out.status.code(), Some(1), "{path}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("trustladder: standard input is {kind}, not an export; {GIVE_AN_EXPORT}\n")
        );
        assert!(!env.path.exists());
    }
    let out = from_stdin("/dev/null");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("the export holds no tasks"),
        "{out:?}"
    );
}

/// Annotations longer than a note holds are cut, and the summary names the task so cut.
#[test]
fn a_note_cut_to_fit_is_named_in_the_summary() {
    let env = Env::new(TODAY);
    let long = "x".repeat(2100);
    let short = r#"{"uuid":"11111111-1111-4111-8111-111111111111","description":"Short","status":"pending","entry":"20261101T090000Z","who":"Priya","annotations":[{"entry":"20261102T090000Z","description":"fine"}]}"#;
    let tasks = format!(
        "{short}\n{{\"uuid\":\"22222222-2222-4222-8222-222222222222\",\"description\":\"Long\",\"status\":\"pending\",\"entry\":\"20261101T090000Z\",\"who\":\"Priya\",\"annotations\":[{{\"entry\":\"20261102T090000Z\",\"description\":\"{long}\"}}]}}\n"
    );
    let path = env.dir.path().join("long.json");
    std::fs::write(&path, tasks).unwrap();
    let out = imported(&env, path.to_str().unwrap(), "uda:who", &[]);
    assert!(
        out.contains("  notes cut to 2000 characters, the most a note holds: line 2\n"),
        "{out}"
    );
    let note = env.promise_by_uid("22222222-2222-4222-8222-222222222222")["note"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(note.chars().count(), 2000);
    assert!(
        note.starts_with("2026-11-02: xxx") && note.ends_with('…'),
        "{note}"
    );
}

/// A real export saved as UTF-16, with its byte-order mark (as Windows PowerShell's `>`
/// writes it) or without, is refused naming the encoding and the command that converts it,
/// where it said "line 1 is not UTF-8 text"; exit 1 and the data file as it was. So is one
/// saved as UTF-32, which with its mark was named UTF-16.
#[test]
fn an_export_in_utf16_is_refused_with_how_to_convert_it() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman"]);
    for name in ["export.json", "export.jsonl"] {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        // UTF-32 as iconv writes it, its little-endian mark (FF FE 00 00) beginning with
        // UTF-16's, and without a mark: named so, not as UTF-16 or as not JSON.
        let le32: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        let be32: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        for (bytes, encoding) in [
            ([&[0xff, 0xfe][..], &le].concat(), "UTF-16"),
            (le, "UTF-16LE"),
            (be, "UTF-16BE"),
            ([&[0xff, 0xfe, 0, 0][..], &le32].concat(), "UTF-32"),
            (le32, "UTF-32LE"),
            (be32, "UTF-32BE"),
        ] {
            let file = env.dir.path().join("utf16.json");
            std::fs::write(&file, bytes).unwrap();
            let line = env.fails(
                &[
                    "import",
                    "taskwarrior",
                    "utf16.json",
                    "--person-from",
                    "uda:who",
                ],
                &format!(
                    "trustladder: utf16.json: not a Taskwarrior export as it is: it looks like \
                     {encoding} text"
                ),
            );
            assert!(
                line.ends_with(&format!(
                    "convert it and import that: iconv -f {encoding} -t UTF-8 FILE > export.json\n"
                )),
                "{name}: {line}"
            );
        }
    }
}

/// Two exports joined with `cat a.json b.json`, two JSON arrays one after the other, are read
/// as one list of tasks, where they were refused as "trailing characters at line 11 column 1",
/// not a Taskwarrior export; a task in both is read once where it reads alike in both, and
/// bad the second time where it does not, as in one export.
#[test]
fn exports_joined_one_after_the_other_are_read_as_one() {
    let env = Env::new(TODAY);
    let export = std::fs::read_to_string(fixture("export.json")).unwrap();
    let other = "[\n{\"id\":9,\"description\":\"Book the venue\",\"entry\":\"20261120T090000Z\",\
                 \"modified\":\"20261120T090000Z\",\"status\":\"pending\",\
                 \"uuid\":\"9d0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b\",\"who\":\"Pat Lee\",\
                 \"urgency\":1}\n]\n";
    std::fs::write(
        env.dir.path().join("joined.json"),
        format!("{export}{other}"),
    )
    .unwrap();
    let out = imported(&env, "joined.json", "uda:who", &[]);
    assert!(
        out.starts_with("9 records in the export\n  promises to add: 8: 4 open,"),
        "{out}"
    );
    assert!(
        out.ends_with("Imported 8 promises and added 3 people.\n"),
        "{out}"
    );
    assert_eq!(env.ledger()["promises"].as_array().unwrap().len(), 8);
    assert_eq!(
        env.promise_by_uid(&full_uuid("80febd19"))["what"],
        "Send the deck"
    );
    assert_eq!(
        env.promise_by_uid("9d0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b")["what"],
        "Book the venue"
    );

    // The same export twice, the second taken later (each task's urgency worked out anew):
    // each task is read once and the copies counted, where each was a bad task that stopped
    // the import, as a second import of it goes on with the tasks already here.
    let later = export.replace("\"urgency\":9.69888", "\"urgency\":9.71");
    assert_ne!(later, export);
    let fresh = Env::new(TODAY);
    std::fs::write(
        fresh.dir.path().join("twice.json"),
        format!("{export}{later}"),
    )
    .unwrap();
    // (Run before there is a data file, the dry run notes on stderr that there is none.)
    let out = import(&fresh, "twice.json", "uda:who", &["--dry-run"]);
    let dry = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{dry}");
    // The recurring task's template in both is skipped once, its copy counted with the rest.
    assert!(
        dry.contains("\n  repeated in the export: 8 (the same task again; read once)\n"),
        "{dry}"
    );
    assert_eq!(dry.matches("  skipped ").count(), 1, "{dry}");
    assert!(!dry.contains("  bad "), "{dry}");
    assert!(dry.ends_with("Dry run: nothing changed.\n"), "{dry}");
    let out = imported(&fresh, "twice.json", "uda:who", &[]);
    assert!(
        out.starts_with("16 records in the export\n  promises to add: 7:"),
        "{out}"
    );
    assert!(
        out.ends_with("Imported 7 promises and added 3 people.\n"),
        "{out}"
    );
    assert_eq!(fresh.ledger()["promises"].as_array().unwrap().len(), 7);
    let again = imported(&fresh, "twice.json", "uda:who", &[]);
    assert!(
        again.contains("  already here: 7 (imported before)\n  repeated in the export: 8"),
        "{again}"
    );
    assert!(
        again.ends_with("Nothing to import: every task is here already.\n"),
        "{again}"
    );

    // Every task bad, each given twice: still no export that reads, refused with --skip-bad.
    let early = Env::new("2026-10-01");
    std::fs::write(
        early.dir.path().join("twice.json"),
        format!("{export}{later}"),
    )
    .unwrap();
    let out = import(&early, "twice.json", "uda:who", &["--skip-bad"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!early.path.exists());
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with(
            "trustladder: every task is bad (7; 1 template of recurring tasks left out)"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A task given twice that reads otherwise the second time (its description edited in
    // between) is bad then, named by its place, and stops the import.
    let edited = export.replace("Send the deck", "Send the slides");
    std::fs::write(
        env.dir.path().join("edited.json"),
        format!("{export}{edited}"),
    )
    .unwrap();
    let before = std::fs::read(&env.path).unwrap();
    let out = import(&env, "edited.json", "uda:who", &["--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("  bad task 9 (80febd19): the same uuid as task 1, 80febd19-"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  repeated in the export: 7 (the same task again; read once)\n"),
        "{stdout}"
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);

    // A bad task (a due date that is no date) given twice as it was, but for the urgency
    // worked out anew: the same task again, listed once as bad, and the copy counted.
    let broken = export.replace(
        "\"due\":\"20261203T230000Z\",\"entry\":\"20261115T230000Z\"",
        "\"due\":\"someday\",\"entry\":\"20261115T230000Z\"",
    );
    assert_ne!(broken, export);
    let broken_later = broken.replace("\"urgency\":9.69888", "\"urgency\":9.71");
    assert_ne!(broken_later, broken);
    std::fs::write(
        env.dir.path().join("broken.json"),
        format!("{broken}{broken_later}"),
    )
    .unwrap();
    let out = import(&env, "broken.json", "uda:who", &["--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let bad: Vec<&str> = stdout.lines().filter(|l| l.starts_with("  bad ")).collect();
    assert_eq!(bad.len(), 1, "{stdout}");
    assert!(bad[0].starts_with("  bad task 1 (80febd19): "), "{stdout}");
    assert!(
        stdout.contains("  repeated in the export: 8 (the same task again; read once)\n"),
        "{stdout}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 bad task, nothing imported: task 1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
}

/// A task imported before whose colleague can no longer be read (the attribute taken off in
/// Taskwarrior since, or another --person-from) is here already, as it is said of any other,
/// with what it ended as there: it was refused as a bad task, which stopped the import and
/// lost the notice. One not here is still bad.
#[test]
fn a_task_here_already_whose_colleague_is_no_longer_read_is_here_already() {
    let env = Env::new(TODAY);
    let task = |n: u8, status: &str, who: &str| {
        let end = if status == "completed" {
            r#","end":"20261119T120000Z""#
        } else {
            ""
        };
        format!(
            r#"{{"uuid":"{n}{n}{n}{n}{n}{n}{n}{n}-1111-4111-8111-111111111111","description":"Task {n}","status":"{status}","entry":"20261101T090000Z","due":"20261120T120000Z"{who}{end}}}"#
        )
    };
    let path = env.dir.path().join("tasks.json");
    let who = r#","who":"Priya""#;
    std::fs::write(
        &path,
        [task(1, "pending", who), task(2, "pending", who)].join("\n"),
    )
    .unwrap();
    imported(&env, path.to_str().unwrap(), "uda:who", &[]);
    let before = std::fs::read(&env.path).unwrap();

    // Another --person-from: every task is here already, as before.
    let out = imported(&env, path.to_str().unwrap(), "project", &[]);
    assert!(
        out.ends_with("Nothing to import: every task is here already.\n"),
        "{out}"
    );

    // The attribute taken off the first, done since: here already, and ended there.
    std::fs::write(
        &path,
        [task(1, "completed", ""), task(2, "pending", who)].join("\n"),
    )
    .unwrap();
    let out = imported(&env, path.to_str().unwrap(), "uda:who", &[]);
    assert_eq!(
        out,
        "2 records in the export\n  \
         promises to add: 0\n  \
         already here: 2 (imported before)\n  \
         ended in Taskwarrior, open here: #1 completed on 2026-11-19 (not changed here; `keep 1 --on 2026-11-19` records it)\n\
         Nothing to import: every task is here already.\n"
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);

    // A new task without it is bad, as before.
    std::fs::write(
        &path,
        [task(1, "pending", who), task(3, "pending", "")].join("\n"),
    )
    .unwrap();
    let out = import(&env, path.to_str().unwrap(), "uda:who", &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 bad task, nothing imported: line 2 (33333333): no 'who' attribute"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
}

/// A calendar (the one `export --format ics` writes, with events or none) and trustladder's
/// own CSV are named as what they are, with what to give instead, on a file and on standard
/// input: read as tasks, each was "line 1 is not JSON", which said neither.
#[test]
fn a_calendar_or_our_own_csv_is_named_as_what_it_is() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya"]);
    let empty = env.noted(&["export", "--format", "ics"], "the calendar has no events");
    env.ok(&["promise", "add", "priya", "Send the deck", "--due", "fri"]);
    let events = env.ok(&["export", "--format", "ics"]);
    let csv = env.ok(&["export", "--format", "csv"]);
    let calendar = "an iCalendar file (as `export --format ics` writes), not a Taskwarrior export";
    let own_csv = "trustladder's own CSV (`export --format csv`), not a Taskwarrior export";
    for (name, text, said) in [
        ("empty.ics", &empty, calendar),
        ("events.ics", &events, calendar),
        ("ledger.csv", &csv, own_csv),
    ] {
        let path = env.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let path = path.to_string_lossy().into_owned();
        for extra in [&[][..], &["--skip-bad"][..], &["--dry-run"][..]] {
            let mut args = vec!["import", "taskwarrior", &path, "--person-from", "project"];
            args.extend_from_slice(extra);
            let stderr = env.fails(&args, &format!("{name}: {said}"));
            assert!(
                stderr.contains("`trustladder export --format json --output FILE`"),
                "{stderr}"
            );
        }
        let out = env
            .cmd(&["import", "taskwarrior", "-", "--person-from", "project"])
            .write_stdin(text.as_bytes())
            .output()
            .expect("the binary runs");
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!("trustladder: standard input: {said}")),
            "{stderr}"
        );
    }
}
