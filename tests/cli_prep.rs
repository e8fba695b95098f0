//! `prep` on a fixed ledger and day gives the expected agenda; after `--save` the next prep
//! carries the open promises forward and lists only what happened since. Keep-in-touch: the
//! agenda lists a colleague past their cadence and not one within it.

mod cli_support;

use cli_support::Env;
use serde_json::Value;

fn on(env: &Env, day: &str, args: &[&str]) -> String {
    let mut all = vec!["--today", day];
    all.extend_from_slice(args);
    let out = env.cmd(&all).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Priya, from 2 November: #1 theirs, due 20 Nov, open; #2 theirs, kept on 5 Nov; #3 mine,
/// due 30 Nov, open.
fn before_the_first_prep() -> Env {
    let env = Env::new("2026-11-10");
    let d = "2026-11-02";
    on(
        &env,
        d,
        &["person", "add", "Priya Raman", "--role", "Backend"],
    );
    on(
        &env,
        d,
        &[
            "promise",
            "add",
            "priya",
            "Migrate the *billing* tables",
            "--due",
            "2026-11-20",
        ],
    );
    on(&env, d, &["promise", "add", "priya", "Review PR 412"]);
    on(&env, "2026-11-05", &["keep", "2"]);
    on(
        &env,
        "2026-11-03",
        &[
            "promise",
            "add",
            "priya",
            "Feedback on the mockups",
            "--mine",
            "--due",
            "2026-11-30",
        ],
    );
    env
}

const FIRST: &str = "\
# 1:1 with Priya Raman, Tuesday 10 November 2026

No prep saved yet: the last 30 days, since Sunday 11 October 2026.

## They owe me

- [ ] #1 Migrate the \\*billing\\* tables · task · due Fri 2026-11-20

## I owe them

- [ ] #3 Feedback on the mockups · task · due Mon 2026-11-30

## Since 2026-10-11

- kept, 2026-11-05: #2 Review PR 412 (theirs, task)

## Ladder

- Trust: none (building). Building: entrust them with small tasks and log how they go.
- My word: nothing resolved yet; building: keep your open promise to Priya.

## Next

Another small task: a concrete task with a due date, and log how it goes.
";

const SECOND: &str = "\
# 1:1 with Priya Raman, Tuesday 24 November 2026

Since the last prep, Tuesday 10 November 2026.

## They owe me

- [ ] #1 Migrate the \\*billing\\* tables · task · **4 days overdue** (due 2026-11-20) · carried forward
- [ ] #4 Draft the plan · result · due Fri 2026-11-27

## I owe them

- [ ] #3 Feedback on the mockups · task · due Mon 2026-11-30 · carried forward

## Since the last prep

- kept, 2026-11-15: #5 Fix the login bug (theirs, task)
- broken, 2026-11-18: #6 Write the runbook (theirs, task)

## Ladder

- Trust: none (building). Building: entrust them with small tasks and log how they go.
- My word: nothing resolved yet; building: keep your open promise to Priya.

## Next

Another small task: a concrete task with a due date, and log how it goes.
";

#[test]
fn a_second_prep_after_save_carries_open_items_forward_and_lists_only_what_is_new() {
    let env = before_the_first_prep();
    // Without --save, nothing is recorded.
    let before = std::fs::read(&env.path).unwrap();
    assert_eq!(env.ok(&["prep", "pri"]), FIRST);
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
    assert_eq!(env.ok(&["prep", "priya", "--save"]), FIRST);
    assert_eq!(env.ledger()["people"][0]["last_prep"], "2026-11-10");

    on(
        &env,
        "2026-11-12",
        &[
            "promise",
            "add",
            "priya",
            "Draft the plan",
            "--level",
            "result",
            "--due",
            "2026-11-27",
        ],
    );
    on(&env, "2026-11-15", &["log", "priya", "Fix the login bug"]);
    on(
        &env,
        "2026-11-12",
        &[
            "promise",
            "add",
            "priya",
            "Write the runbook",
            "--due",
            "2026-11-14",
        ],
    );
    on(&env, "2026-11-18", &["break", "6"]);
    assert_eq!(on(&env, "2026-11-24", &["prep", "priya"]), SECOND);

    // --since looks further back than the last prep.
    let since = on(
        &env,
        "2026-11-24",
        &["prep", "priya", "--since", "2026-11-01"],
    );
    assert!(
        since.contains("Since Sunday 1 November 2026, as asked."),
        "{since}"
    );
    assert!(
        since.contains("- kept, 2026-11-05: #2 Review PR 412"),
        "{since}"
    );
    assert!(since.contains("\n## Since 2026-11-01\n"), "{since}");
}

/// A second prep on the day one was saved starts that day (the file keeps only the day of
/// the last prep), so it lists nothing the first listed from before it: said on stderr, with
/// the `--since` that looks further back, where it came silently, as if nothing had happened.
#[test]
fn a_second_prep_on_the_day_one_was_saved_says_it_starts_there() {
    let env = before_the_first_prep();
    assert_eq!(env.ok(&["prep", "priya", "--save"]), FIRST);
    let note = "trustladder: note: a prep with Priya Raman was saved on this day already \
                (Tuesday 10 November 2026), so this one starts there and leaves out what that \
                one listed from before it; `trustladder prep priya-raman --since DATE` looks \
                further back\n";
    for save in [&[][..], &["--save"][..]] {
        let before = std::fs::read(&env.path).unwrap();
        let mut args = vec!["prep", "priya"];
        args.extend_from_slice(save);
        let out = env.cmd(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), note, "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Since the last prep, Tuesday 10 November 2026.")
                && !text.contains("#2 Review PR 412"),
            "{text}"
        );
        assert_eq!(std::fs::read(&env.path).unwrap(), before, "{args:?}");
    }
    // Asked for a window, or on a later day, there is nothing to say.
    env.ok(&["prep", "priya", "--since", "2026-11-01"]);
    let out = env
        .cmd(&["--today", "2026-11-11", "prep", "priya"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// A prep saved twice on the day of a 1:1 leaves the next one, on a later day, starting on
/// that day, as the last 1:1's: the second save changes nothing, and what happened on that
/// day is listed again rather than missed.
#[test]
fn a_prep_saved_twice_on_one_day_starts_the_next_one_on_that_day() {
    let env = before_the_first_prep();
    env.ok(&["prep", "priya", "--save"]);
    on(&env, "2026-11-24", &["keep", "1"]);
    on(&env, "2026-11-24", &["prep", "priya", "--save"]);
    let before = std::fs::read(&env.path).unwrap();
    let out = env
        .cmd(&["--today", "2026-11-24", "prep", "priya", "--save"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read(&env.path).unwrap(), before);
    assert_eq!(env.ledger()["people"][0]["last_prep"], "2026-11-24");
    let next = on(&env, "2026-12-08", &["prep", "priya"]);
    assert!(
        next.contains("Since the last prep, Tuesday 24 November 2026.")
            && next.contains("- kept late, 2026-11-24: #1 Migrate the \\*billing\\* tables"),
        "{next}"
    );
}

#[test]
fn the_suggestion_follows_the_ladder() {
    let env = Env::new("2026-11-24");
    env.ok(&["person", "add", "Amara Okafor"]);
    for what in ["One", "Two", "Three", "Four", "Five", "Six"] {
        env.ok(&["log", "amara", what]);
    }
    let text = env.ok(&["prep", "amara"]);
    assert!(
        text.contains(
            "- Trust: tasks. Ready for results: entrust them with an outcome to own end to end."
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "## Next\n\nEntrust them with an outcome to own end to end (a promise at results).\n"
        ),
        "{text}"
    );
}

#[test]
fn prep_refuses_an_unknown_person_and_a_bad_day() {
    let env = before_the_first_prep();
    env.fails(&["prep", "nobody", "--save"], "no person matches 'nobody'");
    env.fails(&["prep", "priya", "--since", "someday"], "--since");
    // A day still to come: nothing has happened since it.
    for (word, day) in [("2027-05-01", "2027-05-01"), ("tomorrow", "2026-11-11")] {
        env.fails(
            &["prep", "priya", "--since", word, "--save"],
            &format!(
                "--since: {day} is after today (2026-11-10); a prep lists what has already happened: give --since 2026-11-10 or an earlier day\n"
            ),
        );
    }
    assert!(
        env.ok(&["prep", "priya", "--since", "today"])
            .contains("Priya")
    );
}

/// A file that cannot be saved refuses `--save` before the prep is printed: a script writing
/// it to a file is not left with a prep that was never recorded.
#[test]
fn prep_save_on_a_file_that_cannot_be_saved_prints_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let env = before_the_first_prep();
    let writable = std::fs::metadata(&env.path).unwrap().permissions();
    std::fs::set_permissions(&env.path, std::fs::Permissions::from_mode(0o444)).unwrap();
    env.fails(
        &["prep", "priya", "--save"],
        "it has no write permission for its owner (mode 0444), which trustladder takes as \"do not touch\". Nothing was changed; make it writable (chmod u+w) to change it",
    );
    std::fs::set_permissions(&env.path, writable).unwrap();
    let mut newer = env.ledger();
    newer["version"] = 99.into();
    std::fs::write(&env.path, serde_json::to_vec_pretty(&newer).unwrap()).unwrap();
    env.fails(
        &["prep", "priya", "--save"],
        "written by a newer trustladder (format version 99; this one knows 2), so it is open read-only. Nothing was changed; update trustladder to change it",
    );
}

/// The agenda's last section, from its title on.
fn keep_in_touch(env: &Env) -> String {
    let text = env.ok(&["agenda"]);
    let at = text.find("Keep in touch").expect("the section");
    text[at..].to_string()
}

#[test]
fn keep_in_touch_lists_a_colleague_past_their_cadence_and_not_one_within_it() {
    // Priya: last logged 1 Nov, every 14 days; Pat: last logged 20 Nov, every 14 days; Wang:
    // nothing logged, added 1 Nov, no cadence.
    let env = Env::new("2026-11-24");
    let d = "2026-11-01";
    on(&env, d, &["person", "add", "Priya Raman"]);
    on(&env, d, &["person", "add", "Pat Lee"]);
    on(&env, d, &["person", "add", "王芳"]);
    on(&env, d, &["promise", "add", "priya", "Deck"]);
    on(&env, "2026-11-20", &["log", "pat", "Review"]);
    env.ok(&["person", "edit", "priya", "--every", "2w"]);
    env.ok(&["person", "edit", "pat", "--every", "14d"]);
    assert_eq!(env.ledger()["people"][0]["cadence_days"], 14);
    assert_eq!(
        keep_in_touch(&env),
        "Keep in touch (1)\n  \
         PERSON       LAST        EVERY    SINCE\n  \
         priya-raman  2026-11-01  14 days  23 days (9 days over)\n"
    );
    let json: Value = serde_json::from_str(&env.ok(&["agenda", "--json"])).unwrap();
    let touch = json["keep_in_touch"].as_array().unwrap();
    assert_eq!(touch.len(), 1);
    assert_eq!(touch[0]["handle"], "priya-raman");
    assert_eq!(touch[0]["cadence_days"], 14);
    assert_eq!(touch[0]["last_contact"], "2026-11-01");
    assert_eq!(touch[0]["contact_logged"], true);
    assert_eq!(
        (&touch[0]["days"], &touch[0]["over"]),
        (&Value::from(23), &Value::from(9))
    );

    // Clearing the cadence leaves the list; one of 0 days is refused.
    env.fails(
        &["person", "edit", "pat", "--every", "0d"],
        "--every: '0d' is no time at all: a cadence is 1d to 3650d, or none",
    );
    // A negative one is the cadence's to refuse, not taken for a flag.
    env.fails(
        &["person", "edit", "pat", "--every", "-1d"],
        "--every: '-1d' is not a cadence",
    );
    // An empty value (a script's empty variable) is refused, not read as `none`.
    env.fails(
        &["person", "edit", "pat", "--every", ""],
        "--every: '' is not a cadence",
    );
    env.ok(&["person", "edit", "priya", "--every", "none"]);
    assert!(env.ledger()["people"][0].get("cadence_days").is_none());
    let text = env.ok(&["agenda"]);
    assert!(
        text.contains("Keep in touch (0)\n  nobody past their cadence\n"),
        "{text}"
    );

    // person list shows the last contact, and sorts by it.
    let list = env.ok(&["person", "list", "--sort", "last"]);
    let handles: Vec<&str> = list
        .lines()
        .skip(1)
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(handles, ["priya-raman", "王芳", "pat-lee"], "{list}");
    assert!(
        list.contains("~23d ago"),
        "nothing logged with Wang: {list}"
    );
    let json: Value = serde_json::from_str(&env.ok(&["person", "list", "--json"])).unwrap();
    assert_eq!(json[1]["last_contact"], "2026-11-20");
    assert_eq!(json[2]["contact_logged"], false);
}

/// `person add --every` gives a colleague their cadence as they are added, read as `person
/// edit --every` reads it, and the agenda lists them once it has passed since the day they
/// were added; a cadence that does not read, or an empty one, is refused and nobody is added.
#[test]
fn a_colleague_added_with_every_has_the_cadence_from_the_start() {
    let env = Env::new("2026-11-24");
    on(&env, "2026-11-01", &["person", "add", "Priya Raman"]);
    assert_eq!(
        on(
            &env,
            "2026-11-01",
            &[
                "person",
                "add",
                "Pat Lee",
                "--role",
                "SRE",
                "--every",
                "every other week"
            ]
        ),
        "pat-lee\n"
    );
    let people = &env.ledger()["people"];
    assert_eq!(people[1]["cadence_days"], 14);
    assert_eq!(people[1]["role"], "SRE");
    assert!(people[0].get("cadence_days").is_none());
    assert_eq!(
        keep_in_touch(&env),
        "Keep in touch (1)\n  \
         PERSON   LAST                      EVERY    SINCE\n  \
         pat-lee  never (added 2026-11-01)  14 days  23 days (9 days over)\n"
    );
    for (every, message) in [
        (
            "biweekly",
            "--every: 'biweekly' means every two weeks to some and twice a week to others",
        ),
        (
            "0d",
            "--every: '0d' is no time at all: a cadence is 1d to 3650d, or none",
        ),
        ("", "--every: '' is not a cadence"),
    ] {
        env.fails(&["person", "add", "Ann", "--every", every], message);
    }
    env.ok(&["person", "add", "Ann", "--every", "none"]);
    assert!(env.ledger()["people"][2].get("cadence_days").is_none());
}

/// Looking back at a day before the last recorded prep, that prep had not happened: the prep
/// covers the thirty days before, not "since a day still to come", and says that any prep
/// before the last one is not on record (it said "no prep saved yet", untrue of a colleague
/// met every week); `--save` on that day says it does not move the record back, changing
/// nothing.
/// A cadence is taken as people say a meeting's rhythm, and as the agenda writes it back
/// (`every 14 days`); `biweekly`, which means every two weeks to some and twice a week to
/// others, is refused naming both and what types each, the file untouched.
#[test]
fn a_cadence_said_with_every_is_taken_and_biweekly_is_asked_which() {
    let env = Env::new("2026-12-01");
    env.ok(&["person", "add", "Ann"]);
    for (every, days) in [
        ("every 2 weeks", 14),
        ("every week", 7),
        ("every other week", 14),
        ("every 30 days", 30),
        ("fortnightly", 14),
        ("quarterly", 90),
        ("annually", 365),
    ] {
        env.ok(&["person", "edit", "ann", "--every", every]);
        assert_eq!(env.ledger()["people"][0]["cadence_days"], days, "{every}");
    }
    // The agenda's own words for it read back as it.
    env.ok(&["person", "edit", "ann", "--every", "every 14 days"]);
    assert_eq!(env.ledger()["people"][0]["cadence_days"], 14);
    for (every, message) in [
        (
            "biweekly",
            "trustladder: --every: 'biweekly' means every two weeks to some and twice a week to others: type 2w for every two weeks, or 3d for twice a week\n",
        ),
        (
            "bi-monthly",
            "trustladder: --every: 'bi-monthly' means every two months to some and twice a month to others: type 2m for every two months, or 2w for twice a month\n",
        ),
        (
            "every now and then",
            "trustladder: --every: 'every now and then' is not a cadence: type a length such as 14d, 2w, 2 weeks or every 2 weeks, or weekly, fortnightly, monthly, quarterly or yearly (a month is 30 days, a year 365; 1d to 3650d), or none\n",
        ),
    ] {
        assert_eq!(
            env.fails(&["person", "edit", "ann", "--every", every], ""),
            message
        );
    }
    assert_eq!(env.ledger()["people"][0]["cadence_days"], 14);
}

#[test]
fn looking_back_before_the_last_recorded_prep_sees_none_and_does_not_move_it_back() {
    let env = before_the_first_prep();
    on(&env, "2026-12-10", &["prep", "priya", "--save"]);
    let back = on(&env, "2026-11-10", &["prep", "priya"]);
    assert!(
        back.contains("No prep by then is on record (the ledger keeps only the last one, on Thursday 10 December 2026): the last 30 days, since Sunday 11 October 2026."),
        "{back}"
    );
    assert!(!back.contains("still to come"), "{back}");

    let before = std::fs::read(&env.path).unwrap();
    let out = env
        .cmd(&["--today", "2026-11-20", "prep", "priya", "--save"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trustladder: note: this prep was not recorded: the last one recorded with Priya Raman is on Thursday 10 December 2026, after Friday 20 November 2026\n"
    );
    assert_eq!(std::fs::read(&env.path).unwrap(), before);

    // Nor was Priya there before she was added, with nothing logged for a day before; named,
    // she is said to have been added later, not to be no one, with the --today that shows her.
    let listed = on(&env, "2026-11-01", &["person", "list"]);
    assert_eq!(
        listed,
        "No colleagues yet on 2026-11-01: the one here was added later.\n"
    );
    // Reviewed or reported on that day, everyone says the same, not "add one".
    assert_eq!(on(&env, "2026-11-01", &["review"]), listed);
    assert_eq!(
        on(&env, "2026-11-01", &["export", "--format", "md"]),
        format!("# trustladder report, Sunday 1 November 2026\n\n{listed}")
    );
    assert!(on(&env, "2026-11-02", &["person", "list"]).contains("Priya Raman"));
    for args in [
        &["prep", "priya"][..],
        &["review", "priya"],
        &["export", "--format", "md", "priya"],
    ] {
        let mut all = vec!["--today", "2026-11-01"];
        all.extend_from_slice(args);
        let out = env.cmd(&all).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "trustladder: Priya Raman was added on 2026-11-02, after the day shown (2026-11-01): nothing of theirs is there to show then; --today 2026-11-02 or a later day shows them\n",
            "{args:?}"
        );
    }
}

/// Looking back at a day before anyone was added, the count of those added later is of the
/// people the command lists: with one of three archived, `person list` said "the 3 here"
/// where it lists two, as did `review` and the report; the archived are counted apart, and
/// `person list --all`, which lists them, counts them with the rest.
#[test]
fn looking_back_before_anyone_counts_the_archived_apart_from_those_listed() {
    let env = Env::new("2026-11-10");
    for name in ["Ann Bell", "Cy Dunn", "Eve Fox"] {
        on(&env, "2026-11-02", &["person", "add", name]);
    }
    on(&env, "2026-11-02", &["person", "archive", "eve"]);
    let listed = on(&env, "2026-11-01", &["person", "list"]);
    assert_eq!(
        listed,
        "No colleagues yet on 2026-11-01: the 2 here were added later, as was the one archived.\n"
    );
    assert_eq!(on(&env, "2026-11-01", &["review"]), listed);
    assert!(
        on(&env, "2026-11-01", &["export", "--format", "md"]).ends_with(&format!("\n\n{listed}"))
    );
    assert_eq!(
        on(&env, "2026-11-01", &["person", "list", "--all"]),
        "No colleagues yet on 2026-11-01: the 3 here were added later.\n"
    );
    // Everyone archived: none is here to list, and the count says whose it is.
    for handle in ["ann", "cy"] {
        on(&env, "2026-11-02", &["person", "archive", handle]);
    }
    assert_eq!(
        on(&env, "2026-11-01", &["person", "list"]),
        "No colleagues yet on 2026-11-01: the 3 here, archived, were added later.\n"
    );
}

/// Looking back at a day before any of the people a name fits were added, the name is
/// ambiguous as it is now: the candidates are named, each said to be added after the day
/// shown, not "no person matches".
#[test]
fn looking_back_a_name_that_fits_several_added_later_names_them_all() {
    let env = Env::new("2020-12-10");
    on(&env, "2020-10-01", &["person", "add", "Sam Lee"]);
    on(&env, "2020-12-01", &["person", "add", "Sam Ortiz"]);
    for args in [
        &["prep", "sam"][..],
        &["review", "sam"],
        &["export", "--format", "md", "sam"],
    ] {
        let mut all = vec!["--today", "2020-09-01"];
        all.extend_from_slice(args);
        let out = env.cmd(&all).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "trustladder: 'sam' could mean sam-lee (Sam Lee), sam-ortiz (Sam Ortiz), each added after the day shown (2020-09-01): nothing of theirs is there to show then; --today 2020-10-01 or a later day shows the first of them\n",
            "{args:?}"
        );
    }
    // A name Sam Lee alone had on the day looked at is theirs.
    assert!(on(&env, "2020-11-01", &["review", "sam"]).contains("Sam Lee"));
}

/// An outcome logged after the last prep with an earlier day (`keep --on`) is listed by the
/// next prep, said to be recorded later; looking back at a day before it was recorded, it
/// is not. (The file's `changed` stamps are the clock's, so the test sets the one it needs.)
#[test]
fn an_outcome_recorded_after_the_last_prep_with_an_earlier_day_is_listed_as_recorded_later() {
    let env = before_the_first_prep();
    env.ok(&["prep", "priya", "--save"]);
    on(&env, "2026-11-24", &["keep", "1", "--on", "2026-11-08"]);
    let mut ledger = env.ledger();
    let promise = ledger["promises"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["id"] == 1)
        .unwrap();
    promise["changed"] = "2026-11-24T09:30:00Z".into();
    std::fs::write(&env.path, serde_json::to_vec_pretty(&ledger).unwrap()).unwrap();

    let prep = on(&env, "2026-11-24", &["prep", "priya"]);
    assert!(
        prep.contains(
            "## Since the last prep\n\n- kept, 2026-11-08 (recorded later): #1 Migrate the \\*billing\\* tables (theirs, task)\n"
        ),
        "{prep}"
    );
    let back = on(&env, "2026-11-22", &["prep", "priya"]);
    assert!(!back.contains("#1 Migrate"), "{back}");
}
