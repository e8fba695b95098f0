//! The prep's window, order and suggestion, on small ledgers with fixed days.

use chrono::NaiveDate;

use super::markdown::markdown;
use super::*;
use crate::core::change::{Moment, NewPromise};
use crate::core::dates::parse_iso;

fn d(s: &str) -> NaiveDate {
    parse_iso(s).unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-24")
}

fn m() -> Moment {
    Moment::fixed(today(), "prep tests")
}

/// A promise of `level`, made on `made`, due on `due`, resolved as `outcome`, recorded on the
/// day of its outcome (else on the day it was made).
fn add(
    l: &mut Ledger,
    person: PersonId,
    level: Level,
    made: &str,
    due: Option<&str>,
    outcome: Option<(Status, &str)>,
) -> u64 {
    let new = NewPromise {
        level,
        due: due.map(d),
        outcome: outcome.map(|(s, on)| (s, d(on))),
        ..NewPromise::task(person, &format!("{level} made {made}"), d(made))
    };
    let recorded = outcome.map_or(made, |(_, on)| on);
    l.add_promise(new, Moment::fixed(d(recorded), "prep tests"))
        .unwrap()
        .0
}

#[test]
fn the_window_starts_at_the_last_prep_and_open_items_made_before_it_carry_forward() {
    let mut l = Ledger::default();
    let p = l.add_person("Priya", "", "", m()).unwrap();
    let t = Level::Task;
    let undated = add(&mut l, p, t, "2026-11-02", None, None);
    let later = add(&mut l, p, t, "2026-11-12", Some("2026-11-30"), None);
    let soon = add(&mut l, p, t, "2026-11-02", Some("2026-11-26"), None);
    let overdue = add(&mut l, p, t, "2026-11-02", Some("2026-11-20"), None);
    add(
        &mut l,
        p,
        t,
        "2026-11-02",
        None,
        Some((Status::Kept, "2026-11-09")),
    );
    let on_the_day = add(
        &mut l,
        p,
        t,
        "2026-11-02",
        None,
        Some((Status::Broken, "2026-11-10")),
    );
    let released = add(
        &mut l,
        p,
        t,
        "2026-11-02",
        None,
        Some((Status::Released, "2026-11-11")),
    );
    l.apply(&saved(&l.people[0].clone(), d("2026-11-10")), &m())
        .unwrap();

    let agenda = prep(&l, p, today(), None).unwrap();
    assert_eq!(agenda.since, Since::LastPrep(d("2026-11-10")));
    let order: Vec<(u64, bool)> = agenda
        .theirs
        .iter()
        .map(|o| (o.promise.id.0, o.carried))
        .collect();
    assert_eq!(
        order,
        [
            (overdue, true),
            (soon, true),
            (later, false),
            (undated, true)
        ],
        "overdue first, then by due date, undated last"
    );
    let outcomes: Vec<u64> = agenda.outcomes.iter().map(|o| o.promise.id.0).collect();
    assert_eq!(
        outcomes,
        [on_the_day, released],
        "from the day of the last prep on, released ones included, by day"
    );
    // Asked for, the window starts earlier.
    let asked = prep(&l, p, today(), Some(d("2026-11-01"))).unwrap();
    assert_eq!(asked.outcomes.len(), 3);
    assert!(asked.theirs.iter().all(|o| !o.carried));
    assert!(prep(&l, PersonId(99), today(), None).is_none());
}

#[test]
fn failing_results_look_one_rung_down_at_the_open_tasks() {
    let mut l = Ledger::default();
    let p = l.add_person("Marcus", "", "", m()).unwrap();
    for _ in 0..3 {
        add(
            &mut l,
            p,
            Level::Task,
            "2026-11-01",
            None,
            Some((Status::Kept, "2026-11-10")),
        );
    }
    add(
        &mut l,
        p,
        Level::Result,
        "2026-09-01",
        None,
        Some((Status::Kept, "2026-10-01")),
    );
    for _ in 0..3 {
        add(
            &mut l,
            p,
            Level::Result,
            "2026-09-01",
            None,
            Some((Status::Broken, "2026-11-01")),
        );
    }
    let open = add(&mut l, p, Level::Task, "2026-11-20", None, None);
    let agenda = prep(&l, p, today(), None).unwrap();
    assert_eq!(
        agenda.next,
        Next::LookDown {
            failing: Level::Result,
            below: Level::Task,
            open: vec![open],
        }
    );
    assert!(
        markdown(&agenda).ends_with(&format!(
            "## Next\n\nResults failing: look one rung down first, at how their tasks are \
             delivered (open: #{open}); hold off new results.\n"
        )),
        "{}",
        markdown(&agenda)
    );
}

#[test]
fn failing_tasks_mean_talk_and_an_overdue_promise_comes_first() {
    let mut l = Ledger::default();
    let p = l.add_person("Tom", "", "", m()).unwrap();
    for _ in 0..2 {
        add(
            &mut l,
            p,
            Level::Task,
            "2026-11-01",
            None,
            Some((Status::Broken, "2026-11-10")),
        );
    }
    assert_eq!(
        prep(&l, p, today(), None).unwrap().next,
        Next::TalkAndNarrow
    );

    let mut l = Ledger::default();
    let p = l.add_person("Lena", "", "", m()).unwrap();
    for _ in 0..6 {
        add(
            &mut l,
            p,
            Level::Task,
            "2026-11-01",
            None,
            Some((Status::Kept, "2026-11-20")),
        );
    }
    add(
        &mut l,
        p,
        Level::Task,
        "2026-11-01",
        Some("2026-11-10"),
        None,
    );
    assert_eq!(
        prep(&l, p, today(), None).unwrap().next,
        Next::SettleFirst {
            what: "task made 2026-11-01".into(),
            level: Level::Task,
            failing: None
        }
    );
}

/// An overdue promise beside a failing rung is settled first, and then the failing rung's
/// own advice follows, not the "another promise" of someone doing fine.
#[test]
fn an_overdue_promise_beside_failing_tasks_is_settled_then_talked_about() {
    let mut l = Ledger::default();
    let p = l.add_person("Dev", "", "", m()).unwrap();
    for outcome in [Status::Kept, Status::Broken, Status::Broken, Status::Broken] {
        add(
            &mut l,
            p,
            Level::Task,
            "2026-09-01",
            None,
            Some((outcome, "2026-09-20")),
        );
    }
    add(
        &mut l,
        p,
        Level::Task,
        "2026-09-01",
        Some("2026-10-10"),
        None,
    );
    let agenda = prep(&l, p, today(), None).unwrap();
    assert_eq!(
        agenda.next,
        Next::SettleFirst {
            what: "task made 2026-09-01".into(),
            level: Level::Task,
            failing: Some(Level::Task)
        }
    );
    assert!(
        markdown(&agenda).contains(
            "Settle \"task made 2026-09-01\" first, then talk about what got in the way of \
             their tasks, then agree one small, clear task with a near due date."
        ),
        "{}",
        markdown(&agenda)
    );
}

#[test]
fn an_archived_colleague_is_told_restore_first_whatever_their_standing() {
    let mut l = Ledger::default();
    let p = l.add_person("Ana Silva", "", "", m()).unwrap();
    for _ in 0..6 {
        add(
            &mut l,
            p,
            Level::Task,
            "2026-11-01",
            None,
            Some((Status::Kept, "2026-11-20")),
        );
    }
    let open = add(
        &mut l,
        p,
        Level::Task,
        "2026-11-02",
        Some("2026-11-30"),
        None,
    );
    let active = prep(&l, p, today(), None).unwrap().next;
    assert_ne!(active, Next::Restore);

    l.set_archived(p, true, m()).unwrap();
    let agenda = prep(&l, p, today(), None).unwrap();
    assert_eq!(agenda.next, Next::Restore);
    let text = markdown(&agenda);
    assert!(
        text.contains(
            "\n\nAna is archived: hidden from everyday lists, with nothing new promised until \
             restored (`trustladder person restore ana-silva`).\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "## Next\n\nRestore them before entrusting them with anything new; until then, \
             settle what is still open.\n"
        ),
        "{text}"
    );
    assert!(text.contains(&format!("- [ ] #{open} ")), "{text}");
    // No advice to entrust them with more, which could not be acted on.
    assert!(
        text.contains("## Ladder\n\n- Trust: tasks.\n- My word: nothing resolved yet.\n"),
        "{text}"
    );

    // With nothing open, nothing is left to settle.
    let keep = crate::core::change::Change::Resolve {
        promise: crate::core::change::Target::id(crate::core::PromiseId(open)),
        status: Status::Kept,
        on: d("2026-11-20"),
        note: None,
    };
    l.apply(&keep, &m()).unwrap();
    let text = markdown(&prep(&l, p, today(), None).unwrap());
    assert!(
        text.ends_with("## Next\n\nRestore them before entrusting them with anything new.\n"),
        "{text}"
    );
}

/// The line saying someone is archived begins with their name: a name that begins as a list
/// item does ("- Dash", "1. Jo") made the line one, so the prep showed a bullet or a number
/// where the name was. Beside a colleague called by the same word, "- Dash" is named whole.
#[test]
fn an_archived_name_that_looks_like_a_list_item_stays_text() {
    let mut l = Ledger::default();
    for name in ["Dash Rivera", "Plus Okafor"] {
        l.add_person(name, "", "", m()).unwrap();
    }
    for (name, line) in [
        ("- Dash", "\\- Dash is archived: "),
        ("+ Plus", "\\+ Plus is archived: "),
        ("1. Jo", "1\\. Jo is archived: "),
        ("2) Two", "2 is archived: "),
        ("* Cleo", "Cleo is archived: "),
    ] {
        let p = l.add_person(name, "", "", m()).unwrap();
        l.set_archived(p, true, m()).unwrap();
        let text = markdown(&prep(&l, p, today(), None).unwrap());
        assert!(
            text.contains(&format!("\n\n{line}hidden")),
            "{name}: {text}"
        );
    }
}

/// The note given with an outcome is what a 1:1 talks about: the agenda carries it.
#[test]
fn an_outcome_carries_its_note() {
    let mut l = Ledger::default();
    let p = l.add_person("Priya", "", "", m()).unwrap();
    let t = Level::Task;
    let broken = add(&mut l, p, t, "2026-11-02", None, None);
    add(&mut l, p, t, "2026-11-03", None, None);
    let resolve = crate::core::change::Change::Resolve {
        promise: crate::core::change::Target::id(crate::core::PromiseId(broken)),
        status: Status::Broken,
        on: d("2026-11-20"),
        note: Some("the vendor *never* answered".to_string()),
    };
    l.apply(&resolve, &m()).unwrap();
    let text = markdown(&prep(&l, p, today(), None).unwrap());
    assert!(
        text.contains(
            ": #1 task made 2026-11-02 (theirs, task) — note: the vendor \\*never\\* answered\n"
        ),
        "{text}"
    );
    assert_eq!(
        text.matches("note:").count(),
        1,
        "only the promise with one: {text}"
    );
}

/// A prep saved on a later day than today (another machine's clock or time zone ahead)
/// starts the window today, and saving today keeps the later day.
#[test]
fn a_prep_saved_after_today_starts_the_window_today_and_is_never_moved_back() {
    let mut l = Ledger::default();
    let p = l.add_person("Priya", "", "", m()).unwrap();
    l.apply(&saved(&l.people[0].clone(), d("2026-11-25")), &m())
        .unwrap();
    let agenda = prep(&l, p, today(), None).unwrap();
    assert_eq!(
        agenda.since,
        Since::Ahead {
            saved: d("2026-11-25"),
            today: today()
        }
    );
    assert_eq!(agenda.since.day(), today());
    let text = markdown(&agenda);
    assert!(
        text.contains(
            "Since today, Tuesday 24 November 2026: the last prep was saved for Wednesday 25 \
             November 2026, a day still to come."
        ),
        "{text}"
    );
    let again = saved(&l.people[0].clone(), today());
    l.apply(&again, &m()).unwrap();
    assert_eq!(l.people[0].last_prep, Some(d("2026-11-25")));
}

/// Building a record while releasing many: the suggestion is fewer, firmer promises, as for
/// someone holding a rung with the same habit, and the page's advice says it too (both said
/// only "another small task").
#[test]
fn building_while_releasing_many_asks_for_fewer_firmer_promises() {
    let mut l = Ledger::default();
    let jo = l.add_person("Jo", "", "", m()).unwrap();
    for (status, n) in [(Status::Kept, 2), (Status::Released, 3)] {
        for _ in 0..n {
            add(
                &mut l,
                jo,
                Level::Task,
                "2026-11-01",
                None,
                Some((status, "2026-11-20")),
            );
        }
    }
    let prep = prep(&l, jo, today(), None).unwrap();
    assert_eq!(
        prep.next,
        Next::Fewer {
            released: 3,
            total: 5
        }
    );
    // The section above the advice lists the releases it speaks of.
    let text = markdown(&prep);
    assert_eq!(
        text.matches("\n- released, 2026-11-20: #").count(),
        3,
        "{text}"
    );
    assert_eq!(text.matches("\n- kept, 2026-11-20: #").count(), 2, "{text}");
    assert!(!text.contains("Nothing kept"), "{text}");
    let promises: Vec<&crate::core::Promise> = l.promises.iter().collect();
    let review = crate::core::ladder::review(jo, &promises, &l.settings, today());
    assert_eq!(
        crate::core::ladder::words::advice(&review.theirs, "Jo", &l.settings),
        "Building: 3 of 5 released lately: ask for fewer, firmer promises, small tasks they can keep."
    );
}

/// The suggestion says what the review's advice says: fewer, firmer promises for someone who
/// releases many; on-time delivery for someone whose streak is late; an overdue promise first
/// even at the top.
#[test]
fn the_suggestion_follows_the_advice_on_releases_dates_and_overdue_promises() {
    let next = |l: &Ledger, p: PersonId| prep(l, p, today(), None).unwrap().next;
    let t = Level::Task;
    let mut l = Ledger::default();
    let ana = l.add_person("Ana", "", "", m()).unwrap();
    for _ in 0..7 {
        add(
            &mut l,
            ana,
            t,
            "2026-11-01",
            None,
            Some((Status::Kept, "2026-11-24")),
        );
    }
    for _ in 0..3 {
        add(
            &mut l,
            ana,
            t,
            "2026-11-01",
            None,
            Some((Status::Released, "2026-11-24")),
        );
    }
    assert_eq!(
        next(&l, ana),
        Next::Fewer {
            released: 3,
            total: 10
        }
    );
    let sam = l.add_person("Sam", "", "", m()).unwrap();
    for _ in 0..7 {
        add(
            &mut l,
            sam,
            t,
            "2026-10-01",
            None,
            Some((Status::Kept, "2026-10-20")),
        );
    }
    for _ in 0..3 {
        add(
            &mut l,
            sam,
            t,
            "2026-11-01",
            Some("2026-11-10"),
            Some((Status::KeptLate, "2026-11-20")),
        );
    }
    assert_eq!(
        next(&l, sam),
        Next::OnTime {
            level: t,
            next: Level::Result
        }
    );
    let lee = l.add_person("Lee", "", "", m()).unwrap();
    for _ in 0..4 {
        add(
            &mut l,
            lee,
            Level::Impact,
            "2026-11-01",
            None,
            Some((Status::Kept, "2026-11-20")),
        );
    }
    add(
        &mut l,
        lee,
        Level::Impact,
        "2026-09-01",
        Some("2026-10-05"),
        None,
    );
    assert_eq!(
        next(&l, lee),
        Next::SettleFirst {
            what: "impact made 2026-09-01".to_string(),
            level: Level::Impact,
            failing: None
        }
    );
    let text = markdown(&prep(&l, ana, today(), None).unwrap());
    assert!(
        text.contains("Ask for fewer, firmer promises: 3 of 10 released lately."),
        "{text}"
    );
    // Three impact promises kept a few days ago: one more kept promise holds tasks.
    let ivy = l.add_person("Ivy", "", "", m()).unwrap();
    for _ in 0..3 {
        add(
            &mut l,
            ivy,
            Level::Impact,
            "2026-11-01",
            None,
            Some((Status::Kept, "2026-11-20")),
        );
    }
    assert_eq!(next(&l, ivy), Next::HoldTasks { more: 1 });
    // A failing rung with a promise long overdue: settled first, as the advice says.
    let fay = l.add_person("Fay", "", "", m()).unwrap();
    for _ in 0..6 {
        add(
            &mut l,
            fay,
            t,
            "2026-11-01",
            None,
            Some((Status::Kept, "2026-11-20")),
        );
    }
    add(
        &mut l,
        fay,
        Level::Result,
        "2026-11-01",
        Some("2026-11-10"),
        Some((Status::Broken, "2026-11-16")),
    );
    add(&mut l, fay, t, "2026-10-01", Some("2026-10-20"), None);
    assert_eq!(
        next(&l, fay),
        Next::SettleFirst {
            what: "task made 2026-10-01".to_string(),
            level: t,
            failing: Some(Level::Result)
        }
    );
    let fay_prep = prep(&l, fay, today(), None).unwrap();
    assert!(
        markdown(&fay_prep).contains(
            "Settle \"task made 2026-10-01\" first, then look one rung down, at how their \
             tasks are delivered; hold off new results."
        ),
        "{}",
        markdown(&fay_prep)
    );
    // Late at every rung: dates come first, as the advice says, not one more promise.
    let lea = l.add_person("Lea", "", "", m()).unwrap();
    for level in [t, t, t, t, Level::Result] {
        add(
            &mut l,
            lea,
            level,
            "2026-11-01",
            Some("2026-11-10"),
            Some((Status::KeptLate, "2026-11-24")),
        );
    }
    assert_eq!(next(&l, lea), Next::TasksOnTime);
    assert!(
        markdown(&prep(&l, lea, today(), None).unwrap())
            .contains("Another small task with a due date they can meet, kept by its date")
    );
    // Some record, no rung held, nothing else to say: more small tasks, not a start.
    let eli = l.add_person("Eli", "", "", m()).unwrap();
    add(
        &mut l,
        eli,
        t,
        "2026-11-01",
        None,
        Some((Status::Kept, "2026-11-20")),
    );
    assert_eq!(next(&l, eli), Next::SmallTasks);
    // A record that faded (quiet): a start again, as the advice says.
    let old = l.add_person("Ola", "", "", m()).unwrap();
    for _ in 0..4 {
        add(
            &mut l,
            old,
            t,
            "2026-03-01",
            None,
            Some((Status::Kept, "2026-03-10")),
        );
    }
    assert_eq!(next(&l, old), Next::Start);
    // No record at all: a start; one already owed shows how it goes first.
    let new = l.add_person("Neo", "", "", m()).unwrap();
    assert_eq!(next(&l, new), Next::Start);
    add(&mut l, new, t, "2026-11-20", Some("2026-11-27"), None);
    assert_eq!(next(&l, new), Next::SeeOpen { open: 1 });
    assert!(
        markdown(&prep(&l, new, today(), None).unwrap())
            .contains("Let the promise they owe now show how they deliver")
    );
    // Two promises open one rung up are named as two.
    let wes = l.add_person("Wes", "", "", m()).unwrap();
    for _ in 0..6 {
        add(
            &mut l,
            wes,
            t,
            "2026-11-01",
            None,
            Some((Status::Kept, "2026-11-20")),
        );
    }
    for _ in 0..2 {
        add(
            &mut l,
            wes,
            Level::Result,
            "2026-11-20",
            Some("2026-12-20"),
            None,
        );
    }
    let text = markdown(&prep(&l, wes, today(), None).unwrap());
    assert!(
        text.contains("Let the promises already open at results show how they do there"),
        "{text}"
    );
}

/// The title names a colleague whose name another has with their handle too, so two preps
/// for two Sam Lees are told apart; one alone is named by name.
#[test]
fn the_title_tells_two_colleagues_of_one_name_apart() {
    let mut l = Ledger::default();
    let first = l.add_person("Sam Lee", "", "", m()).unwrap();
    let title = |l: &Ledger, p| {
        let text = markdown(&prep(l, p, today(), None).unwrap());
        text.lines().next().unwrap().to_string()
    };
    assert_eq!(
        title(&l, first),
        "# 1:1 with Sam Lee, Tuesday 24 November 2026"
    );
    let second = l.add_person("sam lee", "", "", m()).unwrap();
    assert_eq!(
        title(&l, first),
        "# 1:1 with Sam Lee (sam-lee), Tuesday 24 November 2026"
    );
    assert_eq!(
        title(&l, second),
        "# 1:1 with sam lee (sam-lee-2), Tuesday 24 November 2026"
    );
}

/// A first prep on the calendar's first days starts its window on 1 January of the year 1,
/// a day that can be written, where it went back to the year 0 ("since Saturday 2 December
/// 0000").
#[test]
fn a_first_window_reaching_past_the_calendar_starts_on_its_first_day() {
    let first = d("0001-01-01");
    assert_eq!(first_window(first), first);
    assert_eq!(first_window(d("0001-01-10")), first);
    assert_eq!(first_window(today()), d("2026-10-25"));
}

#[test]
fn an_outcome_a_machine_ahead_dated_tomorrow_is_among_the_news() {
    let mut l = Ledger::default();
    let p = l.add_person("Priya", "", "", m()).unwrap();
    let ahead = Moment::fixed(d("2026-11-25"), "a machine a day ahead");
    let new = NewPromise {
        outcome: Some((Status::Kept, d("2026-11-25"))),
        ..NewPromise::task(p, "kept tomorrow", d("2026-11-20"))
    };
    let kept = l.add_promise(new, ahead).unwrap().0;

    let agenda = prep(&l, p, today(), None).unwrap();
    let outcomes: Vec<u64> = agenda.outcomes.iter().map(|o| o.promise.id.0).collect();
    assert_eq!(outcomes, [kept]);
    assert_eq!(agenda.review.theirs.rungs[0].resolved, 1);
}

/// An outcome logged days after it happened (`keep 3 --on` an earlier day) once a prep was
/// saved is news to the next 1:1, though its day is before the window: it is listed, said to
/// be recorded later. One recorded before the prep, or only on a day after the one shown, is
/// not; nor, over a window asked for by its day, is any.
#[test]
fn an_outcome_recorded_after_the_last_prep_with_an_earlier_day_is_listed() {
    let mut l = Ledger::default();
    let p = l.add_person("Priya", "", "", m()).unwrap();
    let mut kept_on = |on: &str, recorded: &str| {
        let new = NewPromise {
            outcome: Some((Status::Kept, d(on))),
            ..NewPromise::task(
                p,
                &format!("kept {on}, recorded {recorded}"),
                d("2026-11-02"),
            )
        };
        let at = Moment::fixed(d(recorded), "prep tests");
        l.add_promise(new, at).unwrap().0
    };
    let before_the_prep = kept_on("2026-11-12", "2026-11-17");
    let the_day_before = kept_on("2026-11-13", "2026-11-19");
    let after = kept_on("2026-11-16", "2026-11-22");
    let in_the_window = kept_on("2026-11-21", "2026-11-21");
    let only_later = kept_on("2026-11-14", "2026-11-26");
    l.apply(&saved(&l.people[0].clone(), d("2026-11-20")), &m())
        .unwrap();

    let agenda = prep(&l, p, today(), None).unwrap();
    let listed: Vec<(u64, bool)> = agenda
        .outcomes
        .iter()
        .map(|o| (o.promise.id.0, o.recorded_later))
        .collect();
    assert_eq!(
        listed,
        [
            (the_day_before, true),
            (after, true),
            (in_the_window, false)
        ],
        "by day; the day before the prep is taken as in it (times are UTC, days local)"
    );
    assert!(
        ![before_the_prep, only_later]
            .iter()
            .any(|id| listed.iter().any(|(l, _)| l == id))
    );
    let text = markdown(&agenda);
    assert!(
        text.contains(&format!(
            "- kept, 2026-11-16 (recorded later): #{after} kept 2026-11-16, recorded 2026-11-22 (theirs, task)"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("- kept, 2026-11-21: #{in_the_window} ")),
        "{text}"
    );

    let asked = prep(&l, p, today(), Some(d("2026-11-20"))).unwrap();
    let listed: Vec<u64> = asked.outcomes.iter().map(|o| o.promise.id.0).collect();
    assert_eq!(listed, [in_the_window], "a window asked for by its day");
}
