//! Reading Taskwarrior tasks and matching them to a ledger, one rule per test.

use chrono::{DateTime, NaiveDate, Utc};

use super::taskwarrior::read;
use super::*;
use crate::core::Moment;
use crate::core::dates::parse_iso;

fn d(s: &str) -> NaiveDate {
    parse_iso(s).unwrap()
}

/// Days in UTC+2, so a UTC time late in the evening is the next day.
fn east(at: DateTime<Utc>) -> NaiveDate {
    (at + chrono::Duration::hours(2)).date_naive()
}

/// The one record `json` holds, read; a task whose colleague could not be read as the bad
/// task an import makes of it when it is not here already.
fn one(json: &str, from: &PersonFrom) -> Read {
    let mut reads = read(json.as_bytes(), from, &east).unwrap();
    assert_eq!(reads.len(), 1);
    match reads.remove(0) {
        Read::Task(Task {
            at,
            uid,
            unnamed: Some(reason),
            ..
        }) => Read::Bad {
            at: super::taskwarrior::with_short_uuid_of(&at, uid),
            reason,
            copy_of: None,
        },
        read => read,
    }
}

fn who() -> PersonFrom {
    PersonFrom::Uda("who".into())
}

const UUID: &str = "5e2d9c71-8a4b-4f3e-b6d2-1c9a8e7f6b5a";

#[test]
fn places_for_the_colleague_read_and_print_back() {
    for text in ["tag:with_", "project", "uda:who"] {
        assert_eq!(text.parse::<PersonFrom>().unwrap().to_string(), text);
    }
    for (bad, why) in [
        ("tag:", "no prefix after tag:"),
        ("uda:", "no name after uda:"),
        ("projects", "not one of these forms"),
        ("who", "not one of these forms"),
        ("", "not one of these forms"),
    ] {
        assert_eq!(bad.parse::<PersonFrom>(), Err(why.to_string()), "{bad}");
    }
}

/// The form's word is read in any case; the prefix or name after it keeps its own, as
/// Taskwarrior's tags and attribute names are told apart by case.
#[test]
fn the_form_is_read_in_any_case_and_what_follows_as_typed() {
    for (typed, read) in [
        ("TAG:with_", PersonFrom::Tag("with_".into())),
        ("Tag:With_", PersonFrom::Tag("With_".into())),
        ("Project", PersonFrom::Project),
        ("PROJECT", PersonFrom::Project),
        ("UDA:Who", PersonFrom::Uda("Who".into())),
        ("uda:WHO", PersonFrom::Uda("WHO".into())),
    ] {
        assert_eq!(typed.parse::<PersonFrom>(), Ok(read), "{typed}");
    }
    for (bad, why) in [
        ("TAG:", "no prefix after tag:"),
        ("Uda:", "no name after uda:"),
        ("Projects", "not one of these forms"),
        ("Project:x", "not one of these forms"),
        ("TAGS:with_", "not one of these forms"),
    ] {
        assert_eq!(bad.parse::<PersonFrom>(), Err(why.to_string()), "{bad}");
    }
}

#[test]
fn a_completed_task_is_kept_or_kept_late_by_local_day() {
    // Due 22:00 UTC on the 19th is midnight on the 20th here; ended 21:30 UTC on the 20th is
    // 23:30 on the 20th here: on time.
    let json = format!(
        r#"[{{"uuid":"{UUID}","description":"  Send\tthe deck ","status":"completed",
        "entry":"20261101T090000Z","due":"20261119T220000Z","end":"20261120T213000Z",
        "who":"Priya","annotations":[{{"entry":"20261105T230000Z","description":"asked"}},
        {{"description":"again"}}]}}]"#
    );
    let Read::Task(task) = one(&json, &who()) else {
        panic!("a task");
    };
    assert_eq!(task.at, "task 1");
    assert_eq!(task.what, "Send the deck");
    assert_eq!(task.person, "Priya");
    assert_eq!(task.made, d("2026-11-01"));
    assert_eq!(task.due, Some(d("2026-11-20")));
    assert_eq!(task.outcome, Some((Status::Kept, d("2026-11-20"))));
    assert_eq!(task.note, "2026-11-06: asked; again");
    // Half an hour later it is the 21st here: late.
    let late = json.replace("20261120T213000Z", "20261120T223000Z");
    let Read::Task(task) = one(&late, &who()) else {
        panic!("a task");
    };
    assert_eq!(task.outcome, Some((Status::KeptLate, d("2026-11-21"))));
}

#[test]
fn statuses_map_to_outcomes() {
    let base = |status: &str, extra: &str| {
        format!(
            r#"{{"uuid":"{UUID}","description":"x","status":"{status}","entry":"20261101T090000Z","who":"P"{extra}}}"#
        )
    };
    let outcome = |line: String| match one(&line, &who()) {
        Read::Task(t) => Ok(t.outcome),
        Read::Skip { reason, .. } => Err(format!("skip: {reason}")),
        Read::Bad { reason, .. } => Err(reason),
    };
    assert_eq!(outcome(base("pending", "")), Ok(None));
    assert_eq!(outcome(base("waiting", "")), Ok(None));
    assert_eq!(
        outcome(base("deleted", r#","end":"20261103T090000Z""#)),
        Ok(Some((Status::Released, d("2026-11-03"))))
    );
    assert_eq!(
        outcome(base("deleted", r#","modified":"20261104T090000Z""#)),
        Ok(Some((Status::Released, d("2026-11-04")))),
        "no end: the last modification"
    );
    assert_eq!(
        outcome(base("completed", "")),
        Err("a completed task without an end date".into())
    );
    assert_eq!(
        outcome(base("recurring", "")),
        Err("skip: the template of a recurring task (its instances are imported)".into())
    );
    // A deleted series deletes its template too, which keeps its `recur` and has no parent;
    // a deleted instance has one.
    let template = r#","end":"20261103T090000Z","recur":"weekly","mask":"--X""#;
    assert_eq!(
        outcome(base("deleted", template)),
        Err("skip: the template of a recurring task (its instances are imported)".into())
    );
    let instance = r#","end":"20261103T090000Z","recur":"weekly","parent":"f6a3b1f4-3d43-4b5a-9b0e-0c1f7c2a9e11""#;
    assert_eq!(
        outcome(base("deleted", instance)),
        Ok(Some((Status::Released, d("2026-11-03"))))
    );
    assert_eq!(
        outcome(base("someday", "")),
        Err("unknown status 'someday'".into())
    );
}

/// Two tags naming one colleague in other cases or accents (`with_Priya`, `with_priya`) name
/// one, as the import finds people ignoring both: the first is the name taken.
#[test]
fn one_colleague_tagged_twice_in_another_case_or_accent_is_one() {
    let tag = PersonFrom::Tag("with_".into());
    let ok = format!(r#""uuid":"{UUID}","status":"pending","entry":"20261101T090000Z""#);
    for (tags, name) in [
        (r#"["with_Priya","with_priya"]"#, "Priya"),
        (r#"["with_jose","other","with_JOSÉ"]"#, "jose"),
    ] {
        match one(
            &format!(r#"{{{ok},"description":"x","tags":{tags}}}"#),
            &tag,
        ) {
            Read::Task(task) => assert_eq!(task.person, name, "{tags}"),
            other => panic!("{tags}: not a task: {other:?}"),
        }
    }
}

#[test]
fn a_task_that_cannot_be_read_says_why() {
    let reason = |line: &str, from: &PersonFrom| match one(line, from) {
        Read::Bad { at, reason, .. } => format!("{at}: {reason}"),
        other => panic!("not bad: {other:?}"),
    };
    let tag = PersonFrom::Tag("with_".into());
    let ok = format!(r#""uuid":"{UUID}","status":"pending","entry":"20261101T090000Z""#);
    // What the record is instead is named.
    for (json, what) in [
        ("[1]", "a number"),
        ("[[{}]]", "an array"),
        (r#"["just a string"]"#, "a string"),
        ("[null]", "null"),
        ("[true]", "true"),
    ] {
        assert_eq!(
            reason(json, &who()),
            format!("task 1: not a task: a task is a JSON object, this is {what}")
        );
    }
    assert_eq!(
        reason(
            &format!(r#"{{{ok},"description":"x","tags":["other"]}}"#),
            &tag
        ),
        "line 1 (5e2d9c71): no tag starting with 'with_'"
    );
    // Two colleagues: whose it is would be a guess. One named twice is one.
    assert_eq!(
        reason(
            &format!(r#"{{{ok},"description":"x","tags":["with_dana","other","with_priya"]}}"#),
            &tag
        ),
        "line 1 (5e2d9c71): the tags 'with_dana', 'with_priya' each name a colleague"
    );
    assert!(matches!(
        one(
            &format!(r#"{{{ok},"description":"x","tags":["with_dana","with_dana"]}}"#),
            &tag
        ),
        Read::Task(_)
    ));
    assert_eq!(
        reason(
            &format!(r#"{{{ok},"description":"x"}}"#),
            &PersonFrom::Project
        ),
        "line 1 (5e2d9c71): no project"
    );
    // There but blank is said so, not taken for missing.
    assert_eq!(
        reason(&format!(r#"{{{ok},"description":"x","who":" "}}"#), &who()),
        "line 1 (5e2d9c71): the 'who' attribute is empty"
    );
    // A number is no name, in an attribute as in the project or a date.
    for field in ["who", "project", "due"] {
        let from = if field == "project" {
            PersonFrom::Project
        } else {
            who()
        };
        let named = if field == "due" { r#","who":"P""# } else { "" };
        assert_eq!(
            reason(
                &format!(r#"{{{ok},"description":"x"{named},"{field}":42}}"#),
                &from
            ),
            format!("line 1 (5e2d9c71): '{field}' is not text")
        );
    }
    assert_eq!(
        reason(
            &format!(r#"{{{ok},"description":"x","project":""}}"#),
            &PersonFrom::Project
        ),
        "line 1 (5e2d9c71): the project is empty"
    );
    assert_eq!(
        reason(&format!(r#"{{{ok},"who":"P"}}"#), &who()),
        "line 1 (5e2d9c71): no description"
    );
    assert_eq!(
        reason(
            r#"{"uuid":"nope","status":"pending","description":"x","who":"P"}"#,
            &who()
        ),
        "line 1: uuid 'nope' is not a UUID"
    );
    assert_eq!(
        reason(
            &format!(r#"{{{ok},"description":"x","who":"P","due":"tomorrow"}}"#),
            &who()
        ),
        "line 1 (5e2d9c71): 'due' is not a time: 'tomorrow'"
    );
    // Read from a file, not typed: no advice to type plain text.
    assert_eq!(
        reason(
            &format!(r#"{{{ok},"description":"x\u202ey","who":"P"}}"#),
            &who()
        ),
        "line 1 (5e2d9c71): description contains a character that reorders or breaks the text on screen (\\u{202e})"
    );
    assert_eq!(
        reason(
            &format!(r#"{{{ok},"description":"clear \u001b[2J","who":"P"}}"#),
            &who()
        ),
        "line 1 (5e2d9c71): description contains a control character (\\u{1b})"
    );
    assert_eq!(
        reason(
            &format!(r#"{{{ok},"description":"x","tags":["with_\u001b[31mevil"]}}"#),
            &tag
        ),
        "line 1 (5e2d9c71): the colleague's name contains a control character (\\u{1b})"
    );
    assert_eq!(
        reason(
            &format!(
                r#"{{{ok},"description":"x","who":"P","annotations":[{{"entry":"20261101T090000Z","description":"a\u202eb"}}]}}"#
            ),
            &who()
        ),
        "line 1 (5e2d9c71): the annotations' text contains a character that reorders or breaks the text on screen (\\u{202e})"
    );
    // An annotation's own fields are named as its: the task's `entry` and `description`
    // are fine here, and a reason naming them alone sent the user to the wrong place.
    for (annotations, why) in [
        (
            r#"[{"entry":"20261101T090000Z","description":"fine"},{"entry":"2026-11-02","description":"b"}]"#,
            "annotation 2: 'entry' is not a time: '2026-11-02'",
        ),
        (
            r#"[{"entry":"20261101T090000Z","description":5}]"#,
            "annotation 1: 'description' is not text",
        ),
        (r#"["asked"]"#, "annotation 1: not an object"),
    ] {
        assert_eq!(
            reason(
                &format!(r#"{{{ok},"description":"x","who":"P","annotations":{annotations}}}"#),
                &who()
            ),
            format!("line 1 (5e2d9c71): {why}")
        );
    }
    let long = "x".repeat(301);
    assert_eq!(
        reason(
            &format!(r#"{{{ok},"description":"{long}","who":"P"}}"#),
            &who()
        ),
        "line 1 (5e2d9c71): description is too long (301 characters, at most 300)"
    );
    // Nothing, or blank lines, hold no tasks, as `[]` does; a cut array is not an export.
    for empty in ["", "\n\n", " \r\n", "[]", "\u{feff}"] {
        assert_eq!(
            read(empty.as_bytes(), &who(), &east),
            Ok(Vec::new()),
            "{empty:?}"
        );
    }
    assert!(read(b"[1, 2", &who(), &east).is_err());
}

/// `with_priya` and `with_priya-shah` are two colleagues, each task imported to its own. Typed
/// as `+with_priya-shah`, Taskwarrior 2.6 keeps the word in the description and tags nothing
/// (a `-` ends a tag there): the task is bad, and the reason names the word, that it is no
/// tag, and the command that tags the task so that it imports.
#[test]
fn tags_with_priya_and_with_priya_shah_are_two_people_and_one_left_as_text_is_named() {
    let export = r#"[
{"uuid":"1cfebf10-951c-4ea7-b74e-cd6fe334cc37","status":"pending","entry":"20261120T100000Z","description":"Review the plan","tags":["with_priya"]}
{"uuid":"4987e150-a242-4bb1-a49c-2480fd0f7fd9","status":"pending","entry":"20261120T100000Z","description":"Ship billing","tags":["with_priya-shah"]}
{"uuid":"bf10fc26-bbc6-437d-a198-8dda2d804ff5","status":"pending","entry":"20261120T100000Z","description":"Send the deck","tags":["with_priya"]}
]"#;
    let tag = PersonFrom::Tag("with_".into());
    let reads = read(export.as_bytes(), &tag, &east).unwrap();
    let plan = plan(&Ledger::default(), reads, options());
    assert_eq!(plan.bad, Vec::<(String, String)>::new());
    assert_eq!(plan.new_people, ["priya", "priya-shah"]);
    let Change::Import { promises, .. } = &plan.change else {
        panic!("an import");
    };
    let whom: Vec<(&str, &Who)> = promises
        .iter()
        .map(|p| (p.what.as_str(), &p.person))
        .collect();
    assert_eq!(
        whom,
        [
            ("Review the plan", &Who::New(0)),
            ("Ship billing", &Who::New(1)),
            ("Send the deck", &Who::New(0)),
        ]
    );

    // As `task add Ship billing +with_priya-shah` exports it.
    let typed = r#"{"uuid":"4987e150-a242-4bb1-a49c-2480fd0f7fd9","status":"pending","entry":"20261120T100000Z","description":"Ship billing +with_priya-shah"}"#;
    match one(typed, &tag) {
        Read::Bad { at, reason, .. } => {
            assert_eq!(at, "line 1 (4987e150)");
            assert_eq!(
                reason,
                "'+with_priya-shah' is in its description, not a tag: Taskwarrior takes a word \
                 with '-', '/', '+' or ':' after its + as text; tag the task with one it reads: \
                 `task 4987e150 modify +with_priya_shah`"
            );
            assert_eq!(
                super::taskwarrior::fault_of(&reason),
                super::taskwarrior::Fault::Other,
                "not a --person-from that looks in the wrong place"
            );
        }
        other => panic!("not bad: {other:?}"),
    }
    // With another tag, or none typed at all, the reason stays the plain one.
    for description in ["Ship billing +urgent", "Ship billing with_priya"] {
        let task = typed.replace("Ship billing +with_priya-shah", description);
        match one(&task, &tag) {
            Read::Bad { reason, .. } => assert_eq!(reason, "no tag starting with 'with_'"),
            other => panic!("not bad: {other:?}"),
        }
    }
}

/// Tags that differ only in their punctuation can name different people (`Priya Shah` and
/// `Priya-Shah` are two here, and an import of `with_priya.shah`, `with_priya-shah` and
/// `with_priya_shah` adds three): a name that is someone's whole name is them, though it is
/// someone else's handle, so the same tag is the same person in the import that added them
/// and in every one after it; a handle names its person only when no one has that name.
#[test]
fn a_tag_is_the_person_of_that_whole_name_before_another_whose_handle_it_is() {
    let tag = PersonFrom::Tag("with_".into());
    let export = r#"[
{"uuid":"1cfebf10-951c-4ea7-b74e-cd6fe334cc37","status":"pending","entry":"20261120T100000Z","description":"A","tags":["with_priya.shah"]}
{"uuid":"4987e150-a242-4bb1-a49c-2480fd0f7fd9","status":"pending","entry":"20261120T100000Z","description":"B","tags":["with_priya-shah"]}
{"uuid":"bf10fc26-bbc6-437d-a198-8dda2d804ff5","status":"pending","entry":"20261120T100000Z","description":"C","tags":["with_priya_shah"]}
]"#;
    let reads = read(export.as_bytes(), &tag, &east).unwrap();
    let first = plan(&Ledger::default(), reads, options());
    assert_eq!(first.new_people, ["priya.shah", "priya-shah", "priya_shah"]);
    let mut l = Ledger::default();
    l.apply(&first.change, &Moment::fixed(d("2026-11-24"), "import"))
        .unwrap();
    let handles: Vec<(&str, &str)> = l
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.handle.as_str()))
        .collect();
    assert_eq!(
        handles,
        [
            ("priya.shah", "priya-shah"),
            ("priya-shah", "priya-shah-2"),
            ("priya_shah", "priya-shah-3"),
        ]
    );
    let of = |name: &str| {
        let p = l.people.iter().find(|p| p.name == name).unwrap();
        Who::Here(Target::exact(p.id, p.uid))
    };
    // A later task with each tag goes to the person that tag added.
    let later = export
        .replace("1cfebf10", "2cfebf10")
        .replace("4987e150", "5987e150")
        .replace("bf10fc26", "cf10fc26");
    let reads = read(later.as_bytes(), &tag, &east).unwrap();
    let again = plan(&l, reads, options());
    assert_eq!(again.new_people, Vec::<String>::new());
    assert_eq!(again.bad, Vec::<(String, String)>::new());
    let Change::Import { promises, .. } = &again.change else {
        panic!("an import");
    };
    let whom: Vec<&Who> = promises.iter().map(|p| &p.person).collect();
    assert_eq!(
        whom,
        [&of("priya.shah"), &of("priya-shah"), &of("priya_shah")]
    );

    // Priya Shah and Priya-Shah here: each tag is the one whose whole name it is, and a tag
    // that is Priya Shah's handle and no one's name is her.
    let m = Moment::fixed(d("2026-11-01"), "plan");
    let mut l = Ledger::default();
    let shah = l.add_person("Priya Shah", "", "", m).unwrap();
    let hyphen = l.add_person("Priya-Shah", "", "", m).unwrap();
    let here = |l: &Ledger, id| Who::Here(Target::exact(id, l.person(id).unwrap().uid));
    let reads = vec![t(1, "priya-shah", None), t(2, "Priya Shah", None)];
    let both = plan(&l, reads, options());
    let Change::Import { promises, .. } = &both.change else {
        panic!("an import");
    };
    let whom: Vec<&Who> = promises.iter().map(|p| &p.person).collect();
    assert_eq!(whom, [&here(&l, hyphen), &here(&l, shah)]);
    let mut l = Ledger::default();
    let shah = l.add_person("Priya Shah", "", "", m).unwrap();
    let alone = plan(&l, vec![t(1, "priya-shah", None)], options());
    let Change::Import { promises, .. } = &alone.change else {
        panic!("an import");
    };
    assert_eq!(promises[0].person, here(&l, shah));
}

/// The tag a bad task's advice names is the person the tag typed named: `+with_priya-shah`,
/// kept as text by Taskwarrior, is Priya Shah by her handle, and so is the `+with_priya_shah`
/// the advice gives, since a handle never holds `_` and a tag cannot hold `-`; following the
/// advice and importing again adds no one.
#[test]
fn the_tag_the_advice_names_is_the_person_the_typed_tag_named() {
    let tag = PersonFrom::Tag("with_".into());
    let m = Moment::fixed(d("2026-11-01"), "plan");
    let mut l = Ledger::default();
    let shah = l.add_person("Priya Shah", "", "", m).unwrap();
    let typed = r#"{"uuid":"4987e150-a242-4bb1-a49c-2480fd0f7fd9","status":"pending","entry":"20261120T100000Z","description":"Ship billing +with_priya-shah"}"#;
    let Read::Bad { reason, .. } = one(typed, &tag) else {
        panic!("a bad task");
    };
    let advised = reason
        .split("modify +")
        .nth(1)
        .and_then(|rest| rest.strip_suffix('`'))
        .expect("the advice names a tag");
    assert_eq!(advised, "with_priya_shah");
    let tagged = typed.replace(
        r#""Ship billing +with_priya-shah""#,
        &format!(r#""Ship billing","tags":["{advised}"]"#),
    );
    let again = plan(&l, vec![one(&tagged, &tag)], options());
    assert_eq!(again.bad, Vec::<(String, String)>::new());
    assert_eq!(again.new_people, Vec::<String>::new());
    let Change::Import { promises, .. } = &again.change else {
        panic!("an import");
    };
    let whom: Vec<&Who> = promises.iter().map(|p| &p.person).collect();
    assert_eq!(
        whom,
        [&Who::Here(Target::exact(shah, l.person(shah).unwrap().uid))]
    );
}

/// The reads of an export that reads, each as one line ([`place`]).
fn places_in(bytes: &[u8]) -> Vec<String> {
    read(bytes, &who(), &east)
        .unwrap()
        .iter()
        .map(place)
        .collect()
}

/// A read as one line: its place, and what it is.
fn place(r: &Read) -> String {
    match r {
        Read::Task(Task {
            at,
            uid,
            unnamed: Some(reason),
            ..
        }) => format!(
            "{}: bad: {reason}",
            super::taskwarrior::with_short_uuid_of(at, *uid)
        ),
        Read::Task(t) => format!("{}: {}", t.at, t.what),
        Read::Bad { at, reason, .. } => format!("{at}: bad: {reason}"),
        Read::Skip { at, .. } => format!("{at}: skipped"),
    }
}

fn t(uid: u128, person: &str, outcome: Option<(Status, &str)>) -> Read {
    Read::Task(Task {
        at: format!("task {uid}"),
        uid: Uid(uuid::Uuid::from_u128(uid)),
        what: format!("Task {uid}"),
        person: person.into(),
        made: d("2026-11-01"),
        due: None,
        outcome: outcome.map(|(s, on)| (s, d(on))),
        note: String::new(),
        note_cut: false,
        unnamed: None,
    })
}

/// An open task entered the day after [`options`]' today.
fn future(uid: u128) -> Read {
    let Read::Task(mut task) = t(uid, "Priya", None) else {
        unreachable!("t makes a task")
    };
    task.made = d("2026-11-25");
    Read::Task(task)
}

fn options() -> Options {
    Options {
        direction: Direction::Theirs,
        level: Level::Task,
        today: d("2026-11-24"),
    }
}

#[test]
fn the_plan_finds_people_by_handle_or_name_and_adds_each_new_name_once() {
    let m = Moment::fixed(d("2026-11-01"), "plan");
    let mut l = Ledger::default();
    let priya = l.add_person("Priya Raman", "", "", m).unwrap();
    let jose = l.add_person("José Álvarez", "", "", m).unwrap();
    l.add_person("Sam Lee", "", "", m).unwrap();
    l.add_person("Sam Ortiz", "", "", m).unwrap();
    let reads = vec![
        t(1, "priya-raman", None),
        t(2, "jose alvarez", Some((Status::Kept, "2026-11-20"))),
        t(3, "Pat", None),
        t(4, "pat", Some((Status::Released, "2026-11-21"))),
        t(5, "Priya", Some((Status::KeptLate, "2026-11-22"))),
        Read::Skip {
            at: "task 6".into(),
            reason: "template".into(),
            uid: Uid(uuid::Uuid::from_u128(6)),
        },
        t(7, "priya", None),
        t(8, "Josee", None),
        t(9, "sam", None),
    ];
    let plan = plan(&l, reads, options());
    assert_eq!(plan.records, 9);
    assert_eq!(plan.new_people, ["Pat", "Josee"]);
    assert_eq!(
        plan.matched,
        [("Priya".to_string(), "priya-raman (Priya Raman)".to_string())],
        "the start of a name is whom a command's PERSON finds, said once"
    );
    assert_eq!(
        plan.near,
        [(
            "Josee".to_string(),
            "josé-álvarez (José Álvarez)".to_string()
        )]
    );
    assert_eq!(
        plan.bad,
        [(
            "task 9 (00000000)".to_string(),
            "'sam' could be sam-lee (Sam Lee), sam-ortiz (Sam Ortiz); name one by handle"
                .to_string()
        )]
    );
    assert_eq!(
        (plan.open, plan.kept, plan.kept_late, plan.released),
        (4, 1, 1, 1)
    );
    assert_eq!(
        plan.skipped,
        [("task 6".to_string(), "template".to_string())]
    );
    let Change::Import { people, promises } = &plan.change else {
        panic!("an import");
    };
    assert_eq!(people, &["Pat", "Josee"]);
    let whom: Vec<&Who> = promises.iter().map(|p| &p.person).collect();
    let priya = Who::Here(Target::exact(priya, l.person(priya).unwrap().uid));
    assert_eq!(
        whom,
        [
            &priya,
            &Who::Here(Target::exact(jose, l.person(jose).unwrap().uid)),
            &Who::New(0),
            &Who::New(0),
            &priya,
            &priya,
            &Who::New(1),
        ]
    );
}

/// A name that starts several people's names, and is none of them in whole words, is someone
/// new too, not a task to refuse as ambiguous: `ines-chen-1` beside ines-chen-10 and -11.
/// Names no one here has are matched among themselves as a person here would be, whichever
/// task comes first: one import of a file adds the people two imports of its halves add.
#[test]
fn new_names_are_matched_among_themselves_whatever_their_order() {
    let l = Ledger::default();
    for reads in [
        vec![
            t(1, "PRIYA", None),
            t(2, "Priya Raman", None),
            t(3, "Pri", None),
        ],
        vec![
            t(1, "Pri", None),
            t(2, "Priya Raman", None),
            t(3, "PRIYA", None),
        ],
    ] {
        let plan = plan(&l, reads, options());
        let mut people = plan.new_people.clone();
        people.sort();
        assert_eq!(people, ["Pri", "Priya Raman"]);
        assert_eq!(
            plan.matched,
            [("PRIYA".to_string(), "new 'Priya Raman'".to_string())]
        );
        assert_eq!(
            plan.near,
            [("Pri".to_string(), "new 'Priya Raman'".to_string())]
        );
        let Change::Import { promises, .. } = &plan.change else {
            panic!("an import")
        };
        let priya = plan.new_people.iter().position(|n| n == "Priya Raman");
        let whose: Vec<bool> = promises
            .iter()
            .map(|p| matches!(p.person, Who::New(i) if Some(i) == priya))
            .collect();
        assert_eq!(whose.iter().filter(|w| **w).count(), 2, "{whose:?}");
    }
    // A note of someone here close to the name is about the name the person is added
    // under, whichever task came first ("Ann" is close to Anna Fang, "Ann Lee" is not).
    let mut anna = Ledger::default();
    anna.add_person("Anna Fang", "", "", Moment::fixed(d("2026-11-01"), "plan"))
        .unwrap();
    for reads in [
        vec![t(1, "Ann", None), t(2, "Ann Lee", None)],
        vec![t(1, "Ann Lee", None), t(2, "Ann", None)],
    ] {
        let plan = plan(&anna, reads, options());
        assert_eq!(plan.new_people, ["Ann Lee"]);
        assert_eq!(plan.near, Vec::<(String, String)>::new());
    }
    let plan = plan(
        &l,
        vec![
            t(1, "Sam", None),
            t(2, "Sam Lee", None),
            t(3, "Sam Okafor", None),
        ],
        options(),
    );
    assert_eq!(
        plan.bad,
        [(
            "task 1 (00000000)".to_string(),
            "'Sam' could be 'Sam Lee', 'Sam Okafor', each new here; name one in full".to_string()
        )]
    );
}

/// A name that fits many people, here or new, names the first eight of them and how many
/// more, as a command's PERSON does: a bad task's line stays a line however many it fits.
#[test]
fn a_name_that_fits_many_names_eight_and_how_many_more() {
    let m = Moment::fixed(d("2026-11-01"), "plan");
    let mut l = Ledger::default();
    let letters = [
        "Ames", "Bell", "Cole", "Diaz", "Eng", "Fox", "Gray", "Hale", "Ito", "Jay",
    ];
    for surname in letters {
        l.add_person(&format!("Priya {surname}"), "", "", m)
            .unwrap();
    }
    let mut reads = vec![t(1, "priya", None), t(2, "Sam", None)];
    for (i, surname) in letters.iter().enumerate() {
        reads.push(t(3 + i as u128, &format!("Sam {surname}"), None));
    }
    let plan = plan(&l, reads, options());
    let here: Vec<String> = letters[..8]
        .iter()
        .map(|s| format!("priya-{} (Priya {s})", s.to_lowercase()))
        .collect();
    let new: Vec<String> = letters[..8].iter().map(|s| format!("'Sam {s}'")).collect();
    assert_eq!(
        plan.bad,
        [
            (
                "task 1 (00000000)".to_string(),
                format!(
                    "'priya' could be {} and 2 more; name one by handle",
                    here.join(", ")
                )
            ),
            (
                "task 2 (00000000)".to_string(),
                format!(
                    "'Sam' could be {} and 2 more, each new here; name one in full",
                    new.join(", ")
                )
            )
        ]
    );
}

/// A new name that holds someone's whole name here in whole words is them, as it would be
/// were both new: importing a file in halves adds the people one import of it adds, and a
/// shorter new name it holds goes with it.
#[test]
fn a_name_holding_someones_whole_name_is_them_as_were_both_new() {
    let whole = plan(
        &Ledger::default(),
        vec![
            t(1, "PRIYA", None),
            t(2, "Priya Raman", None),
            t(3, "Raman", None),
        ],
        options(),
    );
    assert_eq!(whole.new_people, ["Priya Raman"]);
    let m = Moment::fixed(d("2026-11-01"), "plan");
    let mut l = Ledger::default();
    let first = plan(&l, vec![t(1, "PRIYA", None)], options());
    assert_eq!(first.new_people, ["PRIYA"]);
    l.apply(&first.change, &m).unwrap();
    let priya = l.people[0].id;
    let second = plan(
        &l,
        vec![
            t(2, "Priya Raman", None),
            t(3, "Raman", None),
            t(4, "Pri", None),
        ],
        options(),
    );
    assert_eq!(second.new_people, ["Pri"]);
    assert_eq!(
        second.holding,
        [
            Holding {
                name: "Priya Raman".into(),
                whom: "priya (PRIYA)".into(),
                through: None,
            },
            Holding {
                name: "Raman".into(),
                whom: "priya (PRIYA)".into(),
                through: Some("Priya Raman".into()),
            },
        ]
    );
    assert_eq!(
        second.near,
        [("Pri".to_string(), "priya (PRIYA)".to_string())]
    );
    let Change::Import { promises, .. } = &second.change else {
        panic!("an import");
    };
    let here = Who::Here(Target::exact(priya, l.person(priya).unwrap().uid));
    let whom: Vec<&Who> = promises.iter().map(|p| &p.person).collect();
    assert_eq!(whom, [&here, &here, &Who::New(0)]);
    // Holding two names here, or an archived one's: not guessed, as for a shorter name.
    l.add_person("Priya Raman", "", "", m).unwrap();
    let third = plan(&l, vec![t(5, "Priya Raman Iyer", None)], options());
    assert_eq!(
        third.bad,
        [(
            "task 5 (00000000)".to_string(),
            "'Priya Raman Iyer' could be priya (PRIYA), priya-raman (Priya Raman); name one by handle"
                .to_string()
        )]
    );
    // Held at its end or between its words too: `Leo Ann Lee` holds Ann Lee as well as Leo.
    let mut two = Ledger::default();
    two.add_person("Leo", "", "", m).unwrap();
    two.add_person("Ann Lee", "", "", m).unwrap();
    let held = plan(
        &two,
        vec![t(7, "Leo Ann Lee", None), t(8, "Dr Ann Lee", None)],
        options(),
    );
    assert_eq!(
        held.bad,
        [(
            "task 7 (00000000)".to_string(),
            "'Leo Ann Lee' could be leo (Leo), ann-lee (Ann Lee); name one by handle".to_string()
        )]
    );
    assert_eq!(
        held.holding,
        [Holding {
            name: "Dr Ann Lee".into(),
            whom: "ann-lee (Ann Lee)".into(),
            through: None,
        }]
    );
    l.set_archived(priya, true, m).unwrap();
    let fourth = plan(&l, vec![t(6, "Priya Iyer", None)], options());
    assert_eq!(
        fourth.bad,
        [(
            "task 6 (00000000)".to_string(),
            "priya is archived, and takes no new promises; `trustladder person restore priya` brings them back first".to_string()
        )]
    );
}

#[test]
fn a_name_that_starts_several_names_but_is_none_of_them_is_someone_new() {
    let m = Moment::fixed(d("2026-11-01"), "plan");
    let mut l = Ledger::default();
    l.add_person("Ines Chen 10", "", "", m).unwrap();
    l.add_person("Ines Chen 11", "", "", m).unwrap();
    let plan = plan(
        &l,
        vec![t(1, "ines-chen-1", None), t(2, "ines chen", None)],
        options(),
    );
    assert_eq!(plan.new_people, ["ines-chen-1"]);
    assert!(plan.matched.is_empty(), "{:?}", plan.matched);
    assert_eq!(
        plan.bad,
        [(
            "task 2 (00000000)".to_string(),
            "'ines chen' could be ines-chen-10 (Ines Chen 10), ines-chen-11 (Ines Chen 11); name one by handle"
                .to_string()
        )]
    );
}

/// A name from another tool is someone here only by whole words of their name or handle: one
/// that is part of a word here ("Ann" for Anna Fang, `ines-chen-1` for ines-chen-19) is a new
/// colleague, noted as close to that person, never filed under them.
#[test]
fn a_name_that_is_part_of_a_word_here_is_someone_new() {
    let m = Moment::fixed(d("2026-11-01"), "plan");
    let mut l = Ledger::default();
    let anna = l.add_person("Anna Fang", "", "", m).unwrap();
    l.add_person("Ines Chen 19", "", "", m).unwrap();
    let reads = vec![
        t(1, "Ann", None),
        t(2, "ines-chen-1", None),
        t(3, "fang", None),
        t(4, "ines-chen", None),
        t(5, "Anna F", None),
    ];
    let plan = plan(&l, reads, options());
    assert_eq!(plan.new_people, ["Ann", "ines-chen-1", "Anna F"]);
    assert_eq!(
        plan.matched,
        [
            ("fang".to_string(), "anna-fang (Anna Fang)".to_string()),
            (
                "ines-chen".to_string(),
                "ines-chen-19 (Ines Chen 19)".to_string()
            ),
        ]
    );
    assert_eq!(
        plan.near,
        [
            ("Ann".to_string(), "anna-fang (Anna Fang)".to_string()),
            (
                "ines-chen-1".to_string(),
                "ines-chen-19 (Ines Chen 19)".to_string()
            ),
            ("Anna F".to_string(), "anna-fang (Anna Fang)".to_string()),
        ]
    );
    let Change::Import { promises, .. } = &plan.change else {
        panic!("an import");
    };
    let whom: Vec<&Who> = promises.iter().map(|p| &p.person).collect();
    let anna = Who::Here(Target::exact(anna, l.person(anna).unwrap().uid));
    assert_eq!(whom[0], &Who::New(0));
    assert_eq!(whom[2], &anna);
}

#[test]
fn the_plan_leaves_out_what_is_here_and_names_what_cannot_land() {
    let m = Moment::fixed(d("2026-11-01"), "plan");
    let mut l = Ledger::default();
    l.add_person("Priya", "", "", m).unwrap();
    let old = l.add_person("Old", "", "", m).unwrap();
    l.add_person("Sam Lee", "", "", m).unwrap();
    l.add_person("sam lee", "", "", m).unwrap();
    let first = plan(
        &l,
        vec![t(1, "Priya", None), t(2, "Priya", None)],
        options(),
    );
    l.apply(&first.change, &m).unwrap();
    let id = l.promises[1].id;
    l.apply(
        &Change::DeletePromise {
            promise: Target::id(id),
            seen: None,
        },
        &m,
    )
    .unwrap();
    l.set_archived(old, true, m).unwrap();
    // A task whose uuid is a person's uid here is not "here already": it is bad.
    let priyas_uid = match t(7, "Priya", None) {
        Read::Task(task) => Read::Task(Task {
            uid: l.people[0].uid,
            ..task
        }),
        other => other,
    };
    let again = plan(
        &l,
        vec![
            t(1, "Priya", None),
            t(2, "Priya", None),
            t(3, "Old", None),
            t(4, "Sam  LEE", None),
            t(5, "Priya", Some((Status::Kept, "2026-11-25"))),
            t(5, "Priya", None),
            future(6),
            priyas_uid.clone(),
        ],
        options(),
    );
    assert_eq!((again.already, again.deleted_here, again.adds()), (1, 1, 0));
    let bad: Vec<String> = again
        .bad
        .iter()
        .map(|(at, why)| format!("{at}: {why}"))
        .collect();
    assert_eq!(
        bad,
        [
            // Named with the start of the uuid, as a task that could not be read is.
            "task 3 (00000000): old is archived, and takes no new promises; `trustladder person restore old` brings them back first",
            "task 4 (00000000): 'Sam  LEE' could be sam-lee, sam-lee-2; name one by handle",
            "task 5 (00000000): it ended on 2026-11-25, after today (2026-11-24)",
            "task 5 (00000000): the same uuid as task 5, 00000000-0000-0000-0000-000000000005",
            "task 6 (00000000): it was entered on 2026-11-25, after today (2026-11-24)",
            &format!(
                "task 7 ({}): its uuid {} is the uid of a person here (priya), not of a promise",
                &l.people[0].uid.to_string()[..8],
                l.people[0].uid
            ),
        ]
    );
}

#[test]
fn tasks_over_several_lines_are_tasks_and_a_trustladder_file_is_named() {
    let task = |n: u32| {
        format!(
            "{{\n  \"uuid\": \"{n}e2d9c71-8a4b-4f3e-b6d2-1c9a8e7f6b5a\",\n  \"description\": \"Task {n}\",\n  \"status\": \"pending\",\n  \"entry\": \"20261101T090000Z\",\n  \"who\": \"Priya\"\n}}"
        )
    };
    // As `jq '.[]'` prints an export: one task after another, each over several lines.
    let reads = read(
        format!("{}\n{}\n", task(1), task(2)).as_bytes(),
        &who(),
        &east,
    )
    .unwrap();
    let places: Vec<String> = reads
        .iter()
        .map(|r| match r {
            Read::Task(t) => format!("{}: {}", t.at, t.what),
            other => panic!("not a task: {other:?}"),
        })
        .collect();
    assert_eq!(places, ["task 1: Task 1", "task 2: Task 2"]);
    assert_eq!(
        read(b"age-encryption.org/v1\n-> X25519 abc\n", &who(), &east).map(|r| r.len()),
        Err(
            "an encrypted file (an encrypted trustladder data file, or another age file), not a \
             Taskwarrior export (a ledger opens with --file)"
                .into()
        )
    );
    let ledger = "{\n  \"format\": \"trustladder\",\n  \"version\": 2,\n  \"people\": []\n}\n";
    assert_eq!(
        read(ledger.as_bytes(), &who(), &east).map(|r| r.len()),
        Err("a trustladder data file, not a Taskwarrior export (open it with --file)".into())
    );
    // Over several lines, a line that is not JSON, or a task broken inside, is one bad task
    // named by its line; the tasks after it are read.
    let broken_inside = task(3).replacen(",\n  \"description\"", "\n  \"description\"", 1);
    let stream = format!(
        "{}\noops\n{}\n{broken_inside}\n{}\n",
        task(1),
        task(2),
        task(4)
    );
    let places = places_in(stream.as_bytes());
    assert_eq!(
        places,
        [
            "task 1: Task 1",
            "task 2 (line 8): bad: not JSON: expected value at column 1",
            "task 3: Task 2",
            "task 4 (3e2d9c71, line 18): bad: not JSON: expected `,` or `}` at column 3",
            "task 5: Task 4"
        ]
    );
    // A task cut off inside a string: the line break is named at the end of its line, with
    // the uuid's start, and the task opening on the next line is read.
    let cut = task(3)[..task(3).find("Task 3").unwrap()].to_string();
    let stream = format!("{cut}\n{}\n{}\n", task(4), task(5));
    let places = places_in(stream.as_bytes());
    assert_eq!(
        places,
        [
            "task 1 (3e2d9c71, line 3): bad: not JSON: a line break or other control \
             character inside a string (cut off there?) at the end of the line",
            "task 2: Task 4",
            "task 3: Task 5"
        ]
    );
    // One line that is not JSON among tasks one per line is a bad task, the others read.
    let lines = format!(
        "{}\nnot json\n{}\n",
        task(1).replace('\n', ""),
        task(2).replace('\n', "")
    );
    let reads = read(lines.as_bytes(), &who(), &east).unwrap();
    assert_eq!(reads.len(), 3);
    assert_eq!(
        reads[1],
        Read::Bad {
            at: "line 2".into(),
            reason: "not JSON: expected a value, not a bare word at column 2".into(),
            copy_of: None,
        },
        "the place in the line, not serde's 'line 1' of it"
    );
    // Taskwarrior's own array, a task on each line, with one damaged: that line is a bad
    // task, the others read (the whole array failed to parse, naming no task).
    let array = format!(
        "[\n{},\n{{\"uuid\": \"x\" \"status\": \"pending\"}},\n{}\n]\n",
        task(1).replace('\n', ""),
        task(2).replace('\n', "")
    );
    let places = places_in(array.as_bytes());
    assert_eq!(
        places,
        [
            "line 2: Task 1",
            "line 3: bad: not JSON: expected `,` or `}` at column 14",
            "line 4: Task 2"
        ]
    );
    // A line that is not UTF-8 text is a bad task at its place, the others read.
    let mut bytes = lines.replace("not json", "").into_bytes();
    let blank = task(1).replace('\n', "").len() + 1;
    bytes.splice(blank..blank, *b"{\"description\": \"\xff\"}");
    let reads = read(&bytes, &who(), &east).unwrap();
    let places: Vec<String> = reads.iter().map(place).collect();
    assert_eq!(
        places,
        [
            "line 1: Task 1",
            "line 2: bad: not UTF-8 text",
            "line 3: Task 2"
        ]
    );
    // A line that is not JSON but holds a uuid is named with its start.
    let cut_line = format!(
        "{}\n{}\n",
        &task(1).replace('\n', "")[..60],
        task(2).replace('\n', "")
    );
    let reads = read(cut_line.as_bytes(), &who(), &east).unwrap();
    assert_eq!(
        place(&reads[0]),
        "line 1 (1e2d9c71): bad: not JSON: EOF while parsing a string at column 60"
    );
    // In an array, or where no line is JSON, the whole is refused, naming the place.
    assert_eq!(
        read(b"[\n  {\"a\": \"\xff\"}]", &who(), &east),
        Err("not a Taskwarrior export: line 2, column 10 is not UTF-8 text".into())
    );
    // But for an array as `task export` prints it, a task on each line: read line by line.
    let mut array = format!("[\n{},\n", task(1).replace('\n', "")).into_bytes();
    array.extend_from_slice(b"{\"description\": \"caf\xe9\"},\n");
    array.extend_from_slice(format!("{}\n]\n", task(2).replace('\n', "")).as_bytes());
    let places = places_in(&array);
    assert_eq!(
        places,
        [
            "line 2: Task 1",
            "line 3: bad: not UTF-8 text",
            "line 4: Task 2"
        ]
    );
    assert_eq!(
        read(b"hello\nworld\n", &who(), &east),
        Err(
            "not a Taskwarrior export (a JSON array of tasks, or one task per line): line 1 is \
             not JSON: expected value at column 1"
                .into()
        )
    );
}

/// Tasks over several lines, as `jq '.[]'` prints them, with a byte that is not UTF-8 text in
/// one: that task is bad, named by its place, uuid and line, and the others read. Read line
/// by line, each line of every task was a bad task, and the file was refused as no export.
#[test]
fn a_task_over_several_lines_with_a_byte_that_is_not_text_is_one_bad_task() {
    let task = |n: u32, what: &[u8]| {
        let mut bytes = format!(
            "{{\n  \"uuid\": \"{n}e2d9c71-8a4b-4f3e-b6d2-1c9a8e7f6b5a\",\n  \"description\": \""
        )
        .into_bytes();
        bytes.extend_from_slice(what);
        bytes.extend_from_slice(
            b"\",\n  \"status\": \"pending\",\n  \"entry\": \"20261101T090000Z\",\n  \"who\": \"Priya\"\n}\n",
        );
        bytes
    };
    let stream = [
        task(1, b"Task 1"),
        task(2, b"Caf\xe9 order"),
        task(3, b"Task 3"),
    ]
    .concat();
    assert_eq!(
        places_in(&stream),
        [
            "task 1: Task 1",
            "task 2 (2e2d9c71, line 10): bad: not UTF-8 text",
            "task 3: Task 3"
        ]
    );
    // Where the byte stops the JSON too (outside a string), and on a line between tasks, it
    // is named all the same, and the tasks after it are read.
    let mut key = task(2, b"Task 2");
    let at = key.windows(6).position(|w| w == b"status").unwrap();
    key[at] = 0xff;
    let stream = [
        task(1, b"Task 1"),
        key,
        b"\xfe\n".to_vec(),
        task(3, b"Task 3"),
    ]
    .concat();
    assert_eq!(
        places_in(&stream),
        [
            "task 1: Task 1",
            "task 2 (2e2d9c71, line 11): bad: not UTF-8 text",
            "task 3 (line 15): bad: not UTF-8 text",
            "task 4: Task 3"
        ]
    );
}

/// Each reason the reader gives for a task without a colleague where `--person-from` looks is
/// known as such, and a record that is no task as that.
#[test]
fn a_bad_task_is_known_by_its_fault() {
    let task = r#"{"uuid":"8a1c4f0e-1b9e-4c55-9b3f-1d2e3f4a5b6c","status":"pending","description":"x","entry":"20261101T100000Z"}"#;
    let reason = |from: PersonFrom| match one(task, &from) {
        Read::Bad { reason, .. } => reason,
        other => panic!("{other:?}"),
    };
    for from in [
        PersonFrom::Tag("with_".into()),
        PersonFrom::Project,
        PersonFrom::Uda("owner".into()),
    ] {
        let why = reason(from);
        assert_eq!(
            taskwarrior::fault_of(&why),
            taskwarrior::Fault::PersonFrom,
            "{why}"
        );
    }
    let blank = task.replace(
        r#""x""#,
        r#""x","project":" ","tags":["with_ "],"owner":" ""#,
    );
    for from in [
        PersonFrom::Tag("with_".into()),
        PersonFrom::Project,
        PersonFrom::Uda("owner".into()),
    ] {
        let Read::Bad { reason, .. } = one(&blank, &from) else {
            panic!("{from:?}");
        };
        assert_eq!(
            taskwarrior::fault_of(&reason),
            taskwarrior::Fault::PersonFrom,
            "{reason}"
        );
    }
    for (json, fault) in [
        ("[1]", taskwarrior::Fault::Shape),
        (r#"{"status":"pending"}"#, taskwarrior::Fault::Shape),
        (
            r#"{"uuid":"x","status":"pending","description":"x"}"#,
            taskwarrior::Fault::Shape,
        ),
        (
            r#"{"uuid":"8a1c4f0e-1b9e-4c55-9b3f-1d2e3f4a5b6c","status":"done","description":"x","who":"Ann","entry":"20261101T100000Z"}"#,
            taskwarrior::Fault::Shape,
        ),
    ] {
        let Read::Bad { reason, .. } = one(json, &who()) else {
            panic!("{json}");
        };
        assert_eq!(taskwarrior::fault_of(&reason), fault, "{reason}");
    }
    assert_eq!(
        taskwarrior::fault_of("it ended on 2026-12-03, after today (2026-12-01)"),
        taskwarrior::Fault::Other
    );
}

/// trustladder's own JSON (`list --json`, `person list --json`, `review --json`) is refused
/// whole, saying what it is and how a ledger moves: it was one "no uuid" per record.
#[test]
fn trustladder_s_own_json_is_refused_whole_saying_what_it_is() {
    let east = |at: chrono::DateTime<chrono::Utc>| at.date_naive();
    let promises =
        br#"[{"id":1,"uid":"c07fca51-e0a8-5033-b196-5c5805053d8b","person":1,"what":"x"}]"#;
    let people = br#"[{"id":1,"handle":"ann","name":"Ann","trust_level":"none"}]"#;
    let one_per_line = b"{\"id\":1,\"uid\":\"c07fca51-e0a8-5033-b196-5c5805053d8b\"}\n{\"id\":2,\"uid\":\"26e7a6fe-78fa-538d-8d1e-ddf6a0017b0a\"}\n";
    let agenda = br#"{"overdue":[],"today":[],"this_week":[],"later":[],"no_date":[]}"#;
    for bytes in [&promises[..], &people[..], &one_per_line[..], &agenda[..]] {
        let err = read(bytes, &who(), &east).unwrap_err();
        assert!(
            err.starts_with("trustladder's own JSON (`list --json`")
                && err.ends_with("writes one that opens with --file"),
            "{err}"
        );
    }
    // A task among them is an export with bad records, read task by task as ever.
    let mixed = br#"[{"uid":"c07fca51-e0a8-5033-b196-5c5805053d8b"},{"uuid":"26e7a6fe-78fa-538d-8d1e-ddf6a0017b0a"}]"#;
    assert!(read(mixed, &who(), &east).is_ok());
}

/// A note in decomposed form (an accent as a letter and a combining mark, as some systems
/// write it) is measured as stored, composed: 1,100 accented letters fit in a note of 2,000,
/// where they counted as 2,200 and were cut to half.
#[test]
fn a_decomposed_note_is_measured_composed() {
    let decomposed = "e\u{301}".repeat(1100);
    let json = format!(
        r#"[{{"uuid":"{UUID}","description":"x","status":"pending","entry":"20261101T090000Z","who":"P","annotations":[{{"description":"{decomposed}"}}]}}]"#
    );
    let Read::Task(task) = one(&json, &who()) else {
        panic!("a task");
    };
    assert!(!task.note_cut);
    assert_eq!(task.note, "\u{e9}".repeat(1100));
    let over = json.replace(&decomposed, &"e\u{301}".repeat(2001));
    let Read::Task(task) = one(&over, &who()) else {
        panic!("a task");
    };
    assert!(task.note_cut);
    assert_eq!(task.note.chars().count(), crate::core::text::MAX_NOTE);
    assert!(task.note.ends_with("\u{e9}\u{e9}\u{2026}"));
}

/// An export saved as UTF-16 (as Windows PowerShell's `>` writes it), with its byte-order mark
/// or without, is named as such with the command that converts it, where it was "line 1 is
/// not UTF-8 text" or not JSON; a short export of UTF-8 is read as before.
#[test]
fn an_export_in_utf16_is_named_with_how_to_convert_it() {
    let json = format!(
        r#"[{{"uuid":"{UUID}","status":"pending","entry":"20261101T090000Z","who":"Pat"}}]"#
    );
    let le: Vec<u8> = json.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = json.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, encoding) in [
        ([&[0xff, 0xfe][..], &le].concat(), "UTF-16"),
        ([&[0xfe, 0xff][..], &be].concat(), "UTF-16"),
        (le, "UTF-16LE"),
        (be, "UTF-16BE"),
    ] {
        let why = read(&bytes, &who(), &east).unwrap_err();
        assert!(
            why.starts_with(&format!(
                "not a Taskwarrior export as it is: it looks like {encoding} text"
            )),
            "{why}"
        );
        assert!(
            why.ends_with(&format!("iconv -f {encoding} -t UTF-8 FILE > export.json")),
            "{why}"
        );
    }
    for short in ["", "[", "[]", "{}\n", "\n\n", "[\n]"] {
        let why = read(short.as_bytes(), &who(), &east).err();
        assert!(!why.is_some_and(|why| why.contains("UTF-")), "{short:?}");
    }
}

/// An export saved as UTF-32 is named so, with the command that converts it, where with its
/// byte-order mark it was named UTF-16 (whose mark begins UTF-32's little-endian one, `FF FE
/// 00 00`, as iconv writes it) and without one refused as not JSON.
#[test]
fn an_export_in_utf32_is_named_utf32() {
    let json = format!(
        r#"[{{"uuid":"{UUID}","status":"pending","entry":"20261101T090000Z","who":"Pat"}}]"#
    );
    let le: Vec<u8> = json
        .chars()
        .flat_map(|c| u32::from(c).to_le_bytes())
        .collect();
    let be: Vec<u8> = json
        .chars()
        .flat_map(|c| u32::from(c).to_be_bytes())
        .collect();
    for (bytes, encoding) in [
        ([&[0xff, 0xfe, 0, 0][..], &le].concat(), "UTF-32"),
        ([&[0, 0, 0xfe, 0xff][..], &be].concat(), "UTF-32"),
        (le, "UTF-32LE"),
        (be, "UTF-32BE"),
    ] {
        let why = read(&bytes, &who(), &east).unwrap_err();
        assert_eq!(
            why,
            format!(
                "not a Taskwarrior export as it is: it looks like {encoding} text, where an \
                 export is UTF-8; convert it and import that: \
                 iconv -f {encoding} -t UTF-8 FILE > export.json"
            )
        );
    }
}

/// Exports joined with `cat a.json b.json` (two arrays one after the other) are read as one
/// list of tasks, named by their place in it, where they were refused as "trailing
/// characters", no export; anything else after an array is refused as before.
#[test]
fn arrays_one_after_another_are_one_list_of_tasks() {
    let task = |uuid: &str| {
        format!(
            r#"{{"uuid":"{uuid}","description":"Ship","status":"pending","entry":"20261101T090000Z","who":"Pat"}}"#
        )
    };
    let (a, b) = (task(UUID), task("0159489f-24e1-4939-9845-58e39939b97f"));
    for text in [
        format!("[\n{a}\n]\n[\n{b}\n]\n"),
        format!("[{a}][{b}]"),
        format!("[{a}]\n[]\n[{b}]\n"),
    ] {
        let reads = read(text.as_bytes(), &who(), &east).unwrap();
        let uuids: Vec<String> = reads
            .iter()
            .map(|r| match r {
                Read::Task(t) => t.uid.to_string(),
                other => panic!("not a task: {other:?}"),
            })
            .collect();
        assert_eq!(
            uuids,
            [UUID, "0159489f-24e1-4939-9845-58e39939b97f"],
            "{text}"
        );
    }
    // An array of anything but tasks, cut short or not, is no export.
    for text in [
        format!("[{a}]\n{b}\n"),
        format!("[{a}] x"),
        "[1, 2".to_string(),
    ] {
        let why = read(text.as_bytes(), &who(), &east).unwrap_err();
        assert!(
            why.starts_with("not a Taskwarrior export (a JSON array of tasks): "),
            "{text}: {why}"
        );
    }
}

/// A task given twice, as exports joined where they overlap hold it, is read once and counted
/// when it reads alike both times (its `urgency` and `id`, worked out anew at each export, and
/// the order of its fields aside), where the second copy was a bad task that stopped the
/// import; given twice reading otherwise, the second is bad as before.
#[test]
fn a_task_given_twice_alike_is_read_once_and_otherwise_is_bad() {
    let a = format!(
        r#"{{"id":1,"uuid":"{UUID}","description":"Ship","status":"pending","entry":"20261101T090000Z","who":"Pat","urgency":1.2}}"#
    );
    let again = format!(
        r#"{{"who":"Pat","entry":"20261101T090000Z","status":"pending","description":"Ship","uuid":"{UUID}","urgency":3.4,"id":7}}"#
    );
    let other = "0159489f-24e1-4939-9845-58e39939b97f";
    let b = format!(
        r#"{{"uuid":"{other}","description":"Book","status":"pending","entry":"20261101T090000Z","who":"Pat"}}"#
    );
    let reads = |text: String| read(text.as_bytes(), &who(), &east).unwrap();
    let joined = plan(
        &Ledger::default(),
        reads(format!("[{a},{b}]\n[{again},{b}]\n")),
        options(),
    );
    assert_eq!(
        (joined.records, joined.adds(), joined.repeated),
        (4, 2, 2),
        "{:?}",
        joined.bad
    );
    assert!(joined.bad.is_empty(), "{:?}", joined.bad);
    // One task per line, the same line twice.
    let lines = plan(&Ledger::default(), reads(format!("{a}\n{a}\n")), options());
    assert_eq!((lines.adds(), lines.repeated, lines.bad.len()), (1, 1, 0));
    // Another description, day, status, colleague or note under the same uuid: which is the
    // task would be a guess.
    for changed in [
        again.replace("Ship", "Ship it"),
        again.replace("20261101T090000Z", "20261102T090000Z"),
        again.replace(
            r#""status":"pending""#,
            r#""status":"completed","end":"20261110T090000Z""#,
        ),
        again.replace(r#""who":"Pat""#, r#""who":"Sam""#),
        again.replace(
            r#""id":7"#,
            r#""id":7,"annotations":[{"description":"asked"}]"#,
        ),
        again.replace(r#""id":7"#, r#""id":7,"due":"20261120T090000Z""#),
    ] {
        let twice = plan(
            &Ledger::default(),
            reads(format!("[{a}]\n[{changed}]\n")),
            options(),
        );
        assert_eq!(twice.repeated, 0, "{changed}");
        let bad: Vec<String> = twice
            .bad
            .iter()
            .map(|(at, why)| format!("{at}: {why}"))
            .collect();
        assert_eq!(
            bad,
            [format!(
                "task 2 (5e2d9c71): the same uuid as task 1, {UUID}"
            )],
            "{changed}"
        );
    }
}

#[test]
fn a_bad_task_given_twice_as_it_was_is_listed_once_and_otherwise_each_time() {
    let bad = format!(
        r#"{{"id":1,"uuid":"{UUID}","description":"Ship","status":"pending","entry":"soon","who":"Pat","urgency":1.2}}"#
    );
    // Taken later: its urgency and id worked out anew, its keys in another order.
    let again = format!(
        r#"{{"who":"Pat","entry":"soon","status":"pending","description":"Ship","uuid":"{UUID}","urgency":3.4,"id":7}}"#
    );
    let other = "0159489f-24e1-4939-9845-58e39939b97f";
    let good = format!(
        r#"{{"uuid":"{other}","description":"Book","status":"pending","entry":"20261101T090000Z","who":"Pat"}}"#
    );
    let planned = |text: String, from: &PersonFrom| {
        let plan = plan(
            &Ledger::default(),
            read(text.as_bytes(), from, &east).unwrap(),
            options(),
        );
        let bad: Vec<String> = plan.bad.iter().map(|(at, _)| at.clone()).collect();
        (plan.records, plan.adds(), plan.repeated, bad)
    };
    let first = || vec!["task 1 (5e2d9c71)".to_string()];
    assert_eq!(
        planned(format!("[{bad},{good}]\n[{again},{good}]\n"), &who()),
        (4, 1, 2, first())
    );
    // One task per line, the same line twice.
    assert_eq!(
        planned(format!("{bad}\n{bad}\n"), &who()),
        (2, 0, 1, vec!["line 1 (5e2d9c71)".to_string()])
    );
    // A tag typed in the description, which Taskwarrior keeps as text: bad, with a hint.
    let typed = format!(
        r#"{{"uuid":"{UUID}","description":"Ship +with_priya-shah","status":"pending","entry":"20261101T090000Z","urgency":1}}"#
    );
    let tag = PersonFrom::Tag("with_".into());
    assert_eq!(
        planned(
            format!("[{typed}]\n[{}]\n", typed.replace("1}", "2,\"id\":4}")),
            &tag
        ),
        (2, 0, 1, first())
    );
    // Anything else that differs, read by the import or not, and a bad task with no uuid to
    // tell it by: each is listed.
    let no_uuid = bad.replace(&format!(r#""uuid":"{UUID}","#), "");
    for (first_copy, second) in [
        (bad.clone(), again.replace("Ship", "Ship it")),
        (
            bad.clone(),
            again.replace(r#""id":7"#, r#""id":7,"modified":"20261102T090000Z""#),
        ),
        (no_uuid.clone(), no_uuid.clone()),
    ] {
        let (records, adds, repeated, listed) =
            planned(format!("[{first_copy}]\n[{second}]\n"), &who());
        assert_eq!((records, adds, repeated), (2, 0, 0), "{second}");
        assert_eq!(listed.len(), 2, "{second}: {listed:?}");
    }
}

#[test]
fn a_template_given_twice_is_skipped_once_and_the_copy_counted_as_repeated() {
    let template = format!(
        r#"{{"id":0,"uuid":"{UUID}","description":"Weekly 1:1","status":"recurring","entry":"20261101T090000Z","recur":"weekly","mask":"-","who":"Pat","urgency":1.2}}"#
    );
    // Taken a week later: an instance made since, so its mask and modified have moved on.
    let later = template.replace(
        r#""mask":"-""#,
        r#""mask":"--","modified":"20261108T090000Z""#,
    );
    let other = "0159489f-24e1-4939-9845-58e39939b97f";
    let another = template.replace(UUID, other);
    let good = r#"{"uuid":"7c0a4b52-52c4-4d1f-8f0e-3b2b8b8d6a10","description":"Book","status":"pending","entry":"20261101T090000Z","who":"Pat"}"#;
    let planned = |text: String| {
        let plan = plan(
            &Ledger::default(),
            read(text.as_bytes(), &who(), &east).unwrap(),
            options(),
        );
        let skipped: Vec<String> = plan.skipped.iter().map(|(at, _)| at.clone()).collect();
        (plan.records, plan.adds(), plan.repeated, skipped)
    };
    let first = || vec!["task 1".to_string()];
    // Two exports joined, the same template in both, the second taken later.
    assert_eq!(
        planned(format!("[{template},{good}]\n[{later},{good}]\n")),
        (4, 1, 2, first())
    );
    // One task per line, the same line twice.
    assert_eq!(
        planned(format!("{template}\n{template}\n")),
        (2, 0, 1, vec!["line 1".to_string()])
    );
    // Two templates of their own are each skipped.
    assert_eq!(
        planned(format!("[{template},{another}]")),
        (2, 0, 0, vec!["task 1".to_string(), "task 2".to_string()])
    );
}

/// A new name is noted as close to someone here by the rule a name added by hand is: two
/// letters apart only where both names are long. `Xu Nan` was noted as close to Wu Yan, two
/// letters of five apart; `Wu Yann`, a letter away, and `Jon Smyth`, two from a long name,
/// still are.
#[test]
fn a_new_name_two_letters_from_a_short_one_here_is_not_noted_as_close() {
    let m = Moment::fixed(d("2026-11-01"), "plan");
    let mut l = Ledger::default();
    l.add_person("Wu Yan", "", "", m).unwrap();
    l.add_person("John Smith", "", "", m).unwrap();
    let plan = plan(
        &l,
        vec![
            t(1, "Xu Nan", None),
            t(2, "Wu Yann", None),
            t(3, "Jon Smyth", None),
        ],
        options(),
    );
    assert_eq!(plan.new_people, ["Xu Nan", "Wu Yann", "Jon Smyth"]);
    assert_eq!(
        plan.near,
        [
            ("Wu Yann".to_string(), "wu-yan (Wu Yan)".to_string()),
            (
                "Jon Smyth".to_string(),
                "john-smith (John Smith)".to_string()
            ),
        ]
    );
}

/// An export as `task export` prints it, stopped part way (in a task, or at the end of a line
/// before the closing `]`; or the second of two joined), is refused whole, `--skip-bad` or
/// not, as one cut short, naming where it ends, where it was called "not a Taskwarrior
/// export"; the tasks after the cut are not in it to be named.
#[test]
fn an_array_cut_short_is_refused_whole_as_cut_short() {
    let task = |uuid: &str| {
        format!(
            r#"{{"uuid":"{uuid}","description":"Ship","status":"pending","entry":"20261101T090000Z","who":"Pat"}}"#
        )
    };
    let (a, b) = (task(UUID), task("0159489f-24e1-4939-9845-58e39939b97f"));
    let whole = format!("[\n{a},\n{b}\n]\n");
    assert_eq!(read(whole.as_bytes(), &who(), &east).unwrap().len(), 2);
    let in_a_task = format!("[\n{a},\n{}", &b[..b.find("Ship").unwrap()]);
    let at_a_line = format!("[\n{a},\n{b}\n");
    let second = format!("[{a}]\n[{b}");
    for (text, end) in [
        (
            in_a_task,
            format!("at line 3, column {}", b.find("Ship").unwrap()),
        ),
        (at_a_line, "after line 3".to_string()),
        (second, format!("at line 2, column {}", b.len() + 1)),
    ] {
        let why = read(text.as_bytes(), &who(), &east).unwrap_err();
        assert_eq!(
            why,
            format!(
                "a Taskwarrior export cut short: it ends {end}, before the closing ] of its \
                 array of tasks, so the tasks after the cut are not in it; nothing is imported \
                 (not even with --skip-bad): export it again whole (task export > FILE)"
            ),
            "{text}"
        );
    }
}
