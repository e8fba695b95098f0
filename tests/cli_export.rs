//! `export` in each format, parsed back: the JSON loads as a ledger again, the CSV reads back
//! through the `csv` crate with commas, quotes and CJK intact (no text in a ledger holds a
//! line break: input and loading both refuse one), and the calendar
//! through an iCalendar parser, with one event per open dated promise and the same UID on
//! every export. `--output` writes atomically and never replaces a file without `--force`.

mod cli_support;

use std::io::BufReader;

use cli_support::Env;
use serde_json::{Value, json};

const TODAY: &str = "2026-11-24";

/// A note with what a CSV must quote: commas, quotes, a semicolon, CJK.
const NOTE: &str = "line one, with \"quotes\"; then 王芳 ✓";

/// Priya (#1 open, due 27 Nov; #2 kept), 王芳 (#3 mine, open, due 20 Nov; #4 open, no date),
/// and Pat, archived, with #5 open and due. Then #1 is given an awkward text and note.
fn team() -> Env {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman", "--role", "Backend"]);
    env.ok(&["person", "add", "王芳"]);
    env.ok(&["person", "add", "Pat Lee"]);
    env.ok(&[
        "promise",
        "add",
        "priya",
        "Send the deck, v2",
        "--due",
        "fri",
    ]);
    env.ok(&["log", "priya", "Review PR 412", "--on", "yesterday"]);
    env.noted(
        &[
            "promise",
            "add",
            "王",
            "Feedback on the *mockups* | [draft]",
            "--mine",
            "--due",
            "2026-11-20",
        ],
        "overdue already",
    );
    env.ok(&["promise", "add", "王", "Someday"]);
    env.ok(&[
        "promise",
        "add",
        "pat",
        "Pair on the migration",
        "--due",
        "tue",
    ]);
    env.ok(&["person", "archive", "pat"]);
    let mut ledger = env.ledger();
    ledger["promises"][0]["what"] = json!("Send the deck, \"final\"; v2 — 王芳's copy");
    ledger["promises"][0]["note"] = json!(NOTE);
    std::fs::write(&env.path, serde_json::to_vec_pretty(&ledger).unwrap()).unwrap();
    env
}

#[test]
fn json_loads_again_as_the_same_ledger() {
    let env = team();
    let out = env.ok(&["export", "--format", "json"]);
    let exported: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(exported, env.ledger());

    // Written to a file, it is a data file the program reads with --file.
    env.ok(&["export", "--format", "json", "--output", "all.json"]);
    let copy = Env {
        path: env.dir.path().join("all.json"),
        ..Env::new(TODAY)
    };
    assert_eq!(
        copy.ok(&["list", "--all", "--json"]),
        env.ok(&["list", "--all", "--json"])
    );

    // One colleague's part is a ledger of its own.
    env.ok(&["export", "--format", "json", "--output", "wang.json", "王"]);
    let wang = Env {
        path: env.dir.path().join("wang.json"),
        ..Env::new(TODAY)
    };
    let people: Value = serde_json::from_str(&wang.ok(&["person", "list", "--json"])).unwrap();
    assert_eq!(people.as_array().unwrap().len(), 1);
    assert_eq!(people[0]["name"], "王芳");
    let promises: Value = serde_json::from_str(&wang.ok(&["list", "--json"])).unwrap();
    let ids: Vec<&Value> = promises
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["id"])
        .collect();
    assert_eq!(ids, [&json!(3), &json!(4)]);
}

#[test]
fn csv_reads_back_field_for_field() {
    let env = team();
    let bytes = env
        .cmd(&["export", "--format", "csv"])
        .output()
        .unwrap()
        .stdout;
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for spreadsheets"
    );
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "person",
            "handle",
            "direction",
            "rung",
            "what",
            "made",
            "due",
            "status",
            "resolved",
            "note",
            "uid",
            "person_uid"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5, "every promise, archived colleagues' too");
    let ledger = env.ledger();
    let first = &rows[0];
    assert_eq!(&first[0], "1");
    assert_eq!(&first[1], "Priya Raman");
    assert_eq!(&first[2], "priya-raman");
    assert_eq!(&first[3], "theirs");
    assert_eq!(&first[4], "task");
    assert_eq!(&first[5], "Send the deck, \"final\"; v2 — 王芳's copy");
    assert_eq!(&first[6], TODAY);
    assert_eq!(&first[7], "2026-11-27");
    assert_eq!(&first[8], "open");
    assert_eq!(&first[9], "");
    assert_eq!(&first[10], NOTE);
    assert_eq!(first[11], ledger["promises"][0]["uid"]);
    assert_eq!(first[12], ledger["people"][0]["uid"]);
    let kept = &rows[1];
    assert_eq!((&kept[8], &kept[9]), ("kept", "2026-11-23"));
    let mine = &rows[2];
    assert_eq!((&mine[1], &mine[2], &mine[3]), ("王芳", "王芳", "mine"));
    assert_eq!(&mine[5], "Feedback on the *mockups* | [draft]");

    // One colleague: only their rows.
    let bytes = env
        .cmd(&["export", "--format", "csv", "pri"])
        .output()
        .unwrap()
        .stdout;
    let rows = csv::Reader::from_reader(bytes.as_slice()).records().count();
    assert_eq!(rows, 2);
}

/// The value of a property of a parsed event.
fn property(event: &ical::parser::ical::component::IcalEvent, name: &str) -> String {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("no {name}"))
}

/// Reverses RFC 5545 text escaping (the parser unfolds lines but leaves escapes).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[test]
fn ics_parses_back_with_one_event_per_open_dated_promise() {
    let env = team();
    let text = env.ok(&["export", "--format", "ics"]);
    assert!(text.ends_with("END:VCALENDAR\r\n"), "CRLF line ends");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line:?}");
    }
    let calendars: Vec<_> = ical::IcalParser::new(BufReader::new(text.as_bytes()))
        .map(Result::unwrap)
        .collect();
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    // #1 and #3: open with a due date; not #2 (kept), #4 (no date) or #5 (archived colleague).
    assert_eq!(events.len(), 2, "{text}");
    let ledger = env.ledger();
    let first = &events[0];
    assert_eq!(
        property(first, "UID"),
        format!(
            "{}@trustladder",
            ledger["promises"][0]["uid"].as_str().unwrap()
        )
    );
    assert_eq!(
        unescape(&property(first, "SUMMARY")),
        "Priya Raman owes me: Send the deck, \"final\"; v2 — 王芳's copy"
    );
    assert_eq!(property(first, "DTSTART"), "20261127");
    assert_eq!(
        property(first, "DTEND"),
        "20261128",
        "all day: ends the next day"
    );
    let start = first
        .properties
        .iter()
        .find(|p| p.name == "DTSTART")
        .unwrap();
    let params = start.params.clone().unwrap_or_default();
    assert!(
        params
            .iter()
            .any(|(k, v)| k == "VALUE" && v == &vec!["DATE".to_string()]),
        "{params:?}"
    );
    let description = unescape(&property(first, "DESCRIPTION"));
    assert_eq!(
        description,
        format!(
            "#1 · task · theirs · made {TODAY}\n{}",
            NOTE.replace('\n', " ")
        )
    );
    assert_eq!(
        unescape(&property(&events[1], "SUMMARY")),
        "I owe 王芳: Feedback on the *mockups* | [draft]"
    );
    // The same ledger gives the same file: importing it again updates the same events.
    assert_eq!(env.ok(&["export", "--format", "ics"]), text);

    // One colleague: only theirs, archived or not.
    let pat = env.ok(&["export", "--format", "ics", "pat"]);
    let calendars: Vec<_> = ical::IcalParser::new(BufReader::new(pat.as_bytes()))
        .map(Result::unwrap)
        .collect();
    assert_eq!(calendars[0].events.len(), 1);
    assert_eq!(
        unescape(&property(&calendars[0].events[0], "SUMMARY")),
        "Pat Lee owes me: Pair on the migration"
    );
}

#[test]
fn markdown_reports_each_active_colleague() {
    let env = team();
    let md = env.ok(&["export", "--format", "md"]);
    assert!(
        md.starts_with("# trustladder report, Tuesday 24 November 2026\n"),
        "{md}"
    );
    assert!(
        md.contains("\n## Priya Raman (priya-raman), Backend\n"),
        "{md}"
    );
    assert!(md.contains("\n## 王芳 (王芳)\n"), "{md}");
    assert!(
        !md.contains("Pat Lee"),
        "archived colleagues are left out:\n{md}"
    );
    assert!(
        md.contains("| tasks | 1 of 1 kept | 67% | 1.00 | no |"),
        "{md}"
    );
    assert!(
        md.contains(
            "- #3 Feedback on the \\*mockups\\* \\| \\[draft\\] · task · due 2026-11-20, overdue"
        ),
        "markup in texts is escaped:\n{md}"
    );
    assert!(
        md.contains("- kept, 2026-11-23: #2 Review PR 412 (theirs, task)"),
        "{md}"
    );
    // My word, with my side's advice, ends with a full stop as in their prep.
    let my_word = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("- My word: "))
            .map(str::to_string)
    };
    let priya = env.ok(&["export", "--format", "md", "priya"]);
    let line = my_word(&priya).expect("a My word line");
    assert!(line.contains("; ") && line.ends_with('.'), "{priya}");
    assert_eq!(Some(line), my_word(&env.ok(&["prep", "priya"])));
    let pat = env.ok(&["export", "--format", "md", "pat"]);
    assert!(pat.contains("## Pat Lee (pat-lee)"), "{pat}");
    // Archived: no advice to entrust them with anything, as in their prep.
    assert!(
        pat.contains(
            "- Advice: Archived, so nothing new is promised until restored (`trustladder person restore pat-lee`).\n- My word: nothing resolved yet.\n"
        ),
        "{pat}"
    );
    assert!(!pat.contains("entrust"), "{pat}");
    // An outcome with its note, as the prep shows it.
    env.ok(&["promise", "add", "priya", "Ship it", "--due", "fri"]);
    env.ok(&["keep", "6", "--note", "a day early"]);
    let md = env.ok(&["export", "--format", "md"]);
    assert!(
        md.contains("- kept, 2026-11-24: #6 Ship it (theirs, task) — note: a day early\n"),
        "{md}"
    );
}

#[test]
fn output_is_never_replaced_without_force() {
    let env = team();
    let out = env.dir.path().join("out.csv");
    std::fs::write(&out, "mine, keep it").unwrap();
    env.fails(
        &["export", "--format", "csv", "--output", "out.csv"],
        "out.csv already exists (--force replaces it)",
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine, keep it");
    assert_eq!(
        env.ok(&[
            "export", "--format", "csv", "--output", "out.csv", "--force"
        ]),
        "",
        "nothing on stdout"
    );
    let written = std::fs::read(&out).unwrap();
    assert!(written.starts_with(b"\xEF\xBB\xBFid,person"));
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert_eq!(names, Vec::<String>::new(), "no temp file left");
    // The file asked for is named, with the folder that is missing, and not the temp file.
    let stderr = env.fails(
        &[
            "export",
            "--format",
            "md",
            "--output",
            "no/such/folder/r.md",
        ],
        "could not write",
    );
    assert_eq!(
        stderr.trim_end(),
        "trustladder: could not write no/such/folder/r.md: there is no folder no/such/folder to \
         write it in; make the folder first or name another path"
    );
    env.fails(
        &["export", "--format", "md", "nobody"],
        "no person matches 'nobody'",
    );
}

/// `--force` replaces a file the user chose, never one of the ledger's own (under any name),
/// nor a folder or a device; a symbolic link is followed, as the shell's `>` follows it.
#[test]
fn force_never_replaces_the_ledgers_own_files_or_anything_but_a_file() {
    let env = team();
    let dir = env.dir.path();
    std::os::unix::fs::symlink(&env.path, dir.join("link.json")).unwrap();
    std::fs::hard_link(&env.path, dir.join("hard.json")).unwrap();
    let backups = trustladder::store::backups::folder(&env.path);
    std::fs::create_dir_all(&backups).unwrap();
    let in_backups = backups.join("a.csv");
    let in_backups = in_backups.to_str().unwrap();
    // Spelt through `..`, a linked folder or a link to the file, each is still refused.
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink(dir, dir.join("elink")).unwrap();
    std::os::unix::fs::symlink(backups.join("b.csv"), dir.join("bk.csv")).unwrap();
    for (path, what) in [
        ("sub/../ledger.json.key", "is the ledger's key file"),
        ("sub/../ledger.json.lock", "is the ledger's lock file"),
        ("elink/ledger.json.lock", "is the ledger's lock file"),
        ("elink/backups/b.csv", "is in the ledger's backups"),
        ("sub/../backups/b.csv", "is in the ledger's backups"),
        ("bk.csv", "is in the ledger's backups"),
        ("ledger.json", "is the ledger's data file"),
        ("./ledger.json", "is the ledger's data file"),
        ("link.json", "is the ledger's data file"),
        ("hard.json", "is the ledger's data file"),
        ("ledger.json.key", "is the ledger's key file"),
        (in_backups, "is in the ledger's backups"),
    ] {
        env.fails(
            &["export", "--format", "csv", "--output", path, "--force"],
            what,
        );
    }
    assert_eq!(env.ledger()["people"].as_array().map(Vec::len), Some(3));
    std::fs::create_dir(dir.join("out")).unwrap();
    env.fails(
        &["export", "--format", "csv", "--output", "out", "--force"],
        "out is a folder, not a file",
    );
    // A name as long as the file system allows is written (its temp file's name is not).
    let long = format!("{}.csv", "x".repeat(251));
    env.ok(&["export", "--format", "csv", "--output", &long]);
    assert!(dir.join(&long).exists());
    // `-` is standard output, not a file of that name.
    let csv = env.ok(&["export", "--format", "csv", "--output", "-"]);
    assert!(csv.starts_with("\u{feff}id,person"), "{csv}");
    assert!(!dir.join("-").exists());
    // So is /dev/stdout, through a pipe (env.ok reads one).
    assert_eq!(
        env.ok(&["export", "--format", "csv", "--output", "/dev/stdout"]),
        csv
    );
    // A pipe or a device is written to as `>` writes to one: /dev/stderr, /dev/null.
    let out = env
        .cmd(&["export", "--format", "csv", "--output", "/dev/stderr"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        (String::from_utf8_lossy(&out.stderr), out.stdout.len()),
        (csv.clone().into(), 0)
    );
    env.ok(&["export", "--format", "csv", "--output", "/dev/null"]);
    // A link to a file of the user's: the file is written, the link stays a link.
    std::fs::write(dir.join("target.csv"), "old").unwrap();
    std::os::unix::fs::symlink("target.csv", dir.join("sheet.csv")).unwrap();
    env.ok(&[
        "export",
        "--format",
        "csv",
        "--output",
        "sheet.csv",
        "--force",
    ]);
    assert!(
        std::fs::symlink_metadata(dir.join("sheet.csv"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read(dir.join("target.csv"))
            .unwrap()
            .starts_with(b"\xEF\xBB\xBFid,person")
    );
}

/// A path ending in `/` names a folder, said as such with or without `--force` (it said
/// "already exists", then "Not a directory"); a write that fails names the file asked for,
/// not the hidden temp file beside it, and leaves neither.
#[test]
fn a_folder_path_and_a_failed_write_are_said_by_the_path_given() {
    use std::os::unix::process::CommandExt;
    let env = team();
    let dir = env.dir.path();
    env.ok(&["export", "--format", "csv", "--output", "a.csv"]);
    let before = std::fs::read(dir.join("a.csv")).unwrap();
    for args in [
        &["export", "--format", "csv", "--output", "a.csv/"][..],
        &["export", "--format", "csv", "--output", "a.csv/", "--force"],
        &["export", "--format", "csv", "--output", "new/"],
    ] {
        env.fails(args, "ends with /, so it names a folder");
    }
    assert_eq!(std::fs::read(dir.join("a.csv")).unwrap(), before);
    assert!(!dir.join("new").exists());

    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"));
    cmd.env_remove("TRUSTLADDER_FILE")
        .current_dir(dir)
        .arg("--file")
        .arg(&env.path)
        .args([
            "--today", TODAY, "export", "--format", "csv", "--output", "b.csv",
        ]);
    // SAFETY: only async-signal-safe calls on the child's own limits, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let rl = libc::rlimit {
                rlim_cur: 16,
                rlim_max: 16,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rl) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not write") && stderr.contains("b.csv: File too large"),
        "{stderr}"
    );
    assert!(!stderr.contains(".tmp-"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("b.csv"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// An `--output` path beginning with a `~` the shell did not expand (`--output=~/x.csv`, or in
/// quotes) is refused as a data path is, where it failed with the system's words or wrote
/// into a folder named `~`; a folder of that name there is taken as meant, as for `--file`.
#[test]
fn an_output_path_with_a_tilde_the_shell_did_not_expand_is_refused() {
    let env = team();
    let said = env.fails(
        &["export", "--format", "csv", "--output=~/x.csv"],
        "begins with a ~",
    );
    assert_eq!(
        said,
        "trustladder: ~/x.csv: begins with a ~ the shell did not expand (it does not after \
         --output= or in quotes), so it names a file or folder called ~ here. Nothing was \
         written; give the path where the shell expands it (--output ~/x.csv, with a space) or \
         whole ($HOME/x.csv)\n"
    );
    for (output, head, rest) in [
        ("--output=~", "~", "FILE"),
        ("--output=~ann/x.csv", "~ann", "x.csv"),
    ] {
        let said = env.fails(&["export", "--format", "csv", output], "begins with a ~");
        assert!(
            said.contains(&format!("(--output {head}/{rest}, with a space)")),
            "{said}"
        );
    }
    assert!(!env.dir.path().join("~").exists());
    std::fs::create_dir(env.dir.path().join("~")).unwrap();
    env.ok(&["export", "--format", "csv", "--output=~/x.csv"]);
    assert!(env.dir.path().join("~/x.csv").is_file());
}

/// A promise due on the calendar's last day is an event without an end (which RFC 5545 reads
/// as one day), not one ending in a year of five digits.
#[test]
fn an_event_on_the_last_day_of_the_calendar_has_no_end() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Priya Raman"]);
    env.ok(&["promise", "add", "priya", "Far off", "--due", "9999-12-31"]);
    let text = env.ok(&["export", "--format", "ics"]);
    let calendars: Vec<_> = ical::IcalParser::new(BufReader::new(text.as_bytes()))
        .map(Result::unwrap)
        .collect();
    let event = &calendars[0].events[0];
    assert_eq!(property(event, "DTSTART"), "99991231");
    assert!(event.properties.iter().all(|p| p.name != "DTEND"), "{text}");
}

/// Two colleagues of one name are told apart by their handles in a calendar's events, as in
/// the Markdown report and prep: two "I owe Leo Park" read as one person's.
#[test]
fn namesakes_are_told_apart_by_their_handles_in_events() {
    let env = Env::new(TODAY);
    env.ok(&["person", "add", "Leo Park"]);
    env.ok(&["person", "add", "LEO  park", "--again"]);
    env.ok(&["person", "add", "Priya Raman"]);
    env.ok(&[
        "promise", "add", "leo-park", "First", "--mine", "--due", "fri",
    ]);
    env.ok(&[
        "promise",
        "add",
        "leo-park-2",
        "Second",
        "--mine",
        "--due",
        "fri",
    ]);
    env.ok(&["promise", "add", "priya", "Third", "--due", "fri"]);
    let text = env.ok(&["export", "--format", "ics"]);
    let calendars: Vec<_> = ical::IcalParser::new(BufReader::new(text.as_bytes()))
        .map(Result::unwrap)
        .collect();
    let summaries: Vec<_> = calendars[0]
        .events
        .iter()
        .map(|e| property(e, "SUMMARY"))
        .collect();
    assert_eq!(
        summaries,
        [
            "I owe Leo Park (leo-park): First",
            "I owe LEO  park (leo-park-2): Second",
            "Priya Raman owes me: Third"
        ]
    );
}

/// A calendar without events says so on stderr, with why and what gives it one: the open
/// promises without a due date (the commands that list them and date one), and the archived
/// colleagues' dated ones, which only their own calendar holds. It is still iCalendar, which
/// holds at least one component (RFC 5545, 3.4): the UTC time zone stands in for the events.
#[test]
fn an_ics_export_without_events_says_so_on_stderr() {
    let env = team();
    let out = env
        .cmd(&["export", "--format", "ics", "王"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let parsed = |text: &str| {
        let calendars: Vec<_> = ical::IcalParser::new(BufReader::new(text.as_bytes()))
            .map(Result::unwrap)
            .collect();
        assert_eq!(calendars.len(), 1, "{text}");
        calendars.into_iter().next().unwrap()
    };
    assert!(
        parsed(&String::from_utf8(out.stdout).unwrap())
            .timezones
            .is_empty()
    );
    let dated = "`trustladder edit ID --due DATE` gives one a date";

    // 王芳's dated promise kept: only one without a date left to put on a calendar.
    env.ok(&["keep", "3"]);
    let out = env
        .cmd(&["export", "--format", "ics", "王"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"),
        "{text}"
    );
    let calendar = parsed(&text);
    assert!(calendar.events.is_empty(), "{text}");
    assert_eq!(calendar.timezones.len(), 1, "{text}");
    let handle = env.ledger()["people"][1]["handle"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "trustladder: note: no open promise of 王芳 has a due date; the calendar has no events; 1 open promise has no due date (`trustladder list --open {handle}` lists them): {dated}\n"
        )
    );

    // Priya's kept too: the whole calendar has no events, Pat's dated one left out, as Pat is
    // archived.
    env.ok(&["keep", "1"]);
    let out = env.cmd(&["export", "--format", "ics"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        parsed(&String::from_utf8(out.stdout).unwrap())
            .events
            .is_empty()
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "trustladder: note: no open promise of an active colleague has a due date; the calendar has no events; 1 open promise has no due date (`trustladder list --open` lists them): {dated}; archived colleagues, whom it leaves out, have 1 open promise with a due date: `trustladder export --format ics HANDLE` exports one colleague's, archived or not\n"
        )
    );

    // Nothing open: nothing to date, and nothing more said.
    env.ok(&["keep", "4"]);
    let out = env
        .cmd(&["export", "--format", "ics", "王"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trustladder: note: no open promise of 王芳 has a due date; the calendar has no events\n"
    );
}

/// A file from a newer version is read for what this version knows of it: its JSON export
/// here would drop the rest under the newer version's number, so it is refused, naming what
/// to do; the formats made from the ledger (csv) still work. The file stays as it was.
#[test]
fn a_json_export_of_a_newer_file_is_refused_and_the_others_work() {
    let env = team();
    let mut ledger = env.ledger();
    ledger["version"] = json!(99);
    ledger["from_the_future"] = json!({"kept": true});
    std::fs::write(&env.path, serde_json::to_vec_pretty(&ledger).unwrap()).unwrap();
    let before = std::fs::read(&env.path).unwrap();
    for args in [
        &["export", "--format", "json"][..],
        &["export", "--format", "json", "priya"][..],
    ] {
        let out = env.cmd(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{args:?}");
        // One line, why JSON is refused: not the note that the file is shown for what this
        // version knows, nor the words of a failed write.
        assert_eq!(
            stderr,
            format!(
                "trustladder: {}: written by a newer trustladder (format version 99; this one knows 2), so a JSON export here would leave out what this version does not know. Nothing was exported; copy the file itself, or export with the program that wrote it (csv, md and ics work here)\n",
                env.path.display()
            ),
            "{args:?}"
        );
    }
    let out = env.cmd(&["export", "--format", "csv"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Priya Raman"));
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
}

/// The ledger's folder mounted a second time elsewhere (a bind mount) is the same folder:
/// its key file and backups are refused there too, though no path there names them. Where
/// this process may not mount (not root, or in a container that forbids it), it says so and
/// checks nothing.
#[test]
fn the_ledgers_folder_mounted_twice_is_still_the_ledgers() {
    let env = team();
    let elsewhere = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .arg("--bind")
        .arg(env.dir.path())
        .arg(elsewhere.path())
        .output();
    if !mounted.is_ok_and(|out| out.status.success()) {
        eprintln!("mount --bind is not allowed here; skipped");
        return;
    }
    /// Unmounts when the test ends, passed or not.
    struct Mounted<'a>(&'a std::path::Path);
    impl Drop for Mounted<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _mounted = Mounted(elsewhere.path());
    std::fs::create_dir_all(trustladder::store::backups::folder(&env.path)).unwrap();
    let there = |name: &str| elsewhere.path().join(name).display().to_string();
    for (path, what) in [
        (there("ledger.json.key"), "is the ledger's key file"),
        (there("ledger.json.lock"), "is the ledger's lock file"),
        (there("backups/b.csv"), "is in the ledger's backups"),
    ] {
        env.fails(
            &["export", "--format", "csv", "--output", &path, "--force"],
            what,
        );
        assert!(!std::path::Path::new(&path).exists() || path.ends_with(".lock"));
    }
}

/// A link named bare, in the working folder, names its target bare too: the refusal of an
/// existing file said `./target.csv`, and a data file given as such a link had its key file
/// said as `./ledger.json.key`.
#[test]
fn a_link_in_the_working_folder_names_its_target_without_a_dot_slash() {
    let env = team();
    let dir = env.dir.path();
    std::fs::write(dir.join("target.csv"), "old").unwrap();
    std::os::unix::fs::symlink("target.csv", dir.join("sheet.csv")).unwrap();
    let said = env.fails(
        &["export", "--format", "csv", "--output", "sheet.csv"],
        "already exists",
    );
    assert_eq!(
        said,
        "trustladder: target.csv already exists (--force replaces it)\n"
    );
    assert_eq!(std::fs::read(dir.join("target.csv")).unwrap(), b"old");
    // The data file through a link named bare, to a file not made yet: the note names it
    // bare.
    std::os::unix::fs::symlink("gone.json", dir.join("link.json")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env_remove("TRUSTLADDER_FILE")
        .current_dir(dir)
        .args(["--file", "link.json", "--today", TODAY, "list"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("there is no data file at gone.json yet"),
        "{stderr}"
    );
}
