//! What a week of daily use asked of the terminal UI: late deliveries recorded as late, past
//! days read backwards, names found as people type them, a second person of the same name only
//! on purpose, archived people's open promises accounted for, and quick triage.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use trustladder::core::change::{NewPromise, OnConflict, PersonPatch, Set, Target};
use trustladder::core::dates::parse_iso;
use trustladder::core::{Change, Ledger, PromiseId, Status};
use trustladder::tui::app::{Popup, View};
use tui_support::{Fixture, fixture, key, today};

use KeyCode::{Backspace, Char, Enter, Esc, Tab};

/// José and Priya; José with three open promises, one of them (#1) due last Friday.
fn team() -> Fixture {
    let mut l = Ledger::default();
    let jose = l.add_person("José Álvarez", "Design", "", today()).unwrap();
    l.add_person("Priya Raman", "Backend", "", today()).unwrap();
    for (what, due) in [
        ("Mockups", Some("2026-11-20")),
        ("Review copy", Some("2026-11-26")),
        ("Icons", None),
    ] {
        let new = NewPromise {
            due: due.and_then(parse_iso),
            ..NewPromise::task(jose, what, parse_iso("2026-11-10").unwrap())
        };
        l.add_promise(new, today()).unwrap();
    }
    fixture(Some(l), true)
}

fn open_jose(f: &mut Fixture) {
    f.select_person("José Álvarez");
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
}

#[test]
fn d_on_an_overdue_promise_records_kept_late_and_capital_d_always_does() {
    let mut f = team();
    open_jose(&mut f);
    f.app.promises.select(PromiseId(1));
    f.press(Char('d'));
    assert_eq!(
        f.saved().promise(PromiseId(1)).unwrap().status,
        Status::KeptLate
    );
    assert_eq!(f.app.status.text, "#1 kept late. u undoes");
    f.app.promises.select(PromiseId(3));
    f.press(Char('D'));
    assert_eq!(
        f.saved().promise(PromiseId(3)).unwrap().status,
        Status::KeptLate
    );
}

#[test]
fn the_resolve_form_starts_at_kept_late_when_overdue_and_reads_weekdays_backwards() {
    let mut f = team();
    open_jose(&mut f);
    f.app.promises.select(PromiseId(1));
    f.press(Enter);
    let Some(Popup::Form(form)) = &f.app.popup else {
        panic!("the resolve form");
    };
    assert_eq!(form.fields[0].shown(), "kept late");
    f.press(Tab);
    for _ in 0.."today".len() {
        f.press(Backspace);
    }
    f.typed("mon");
    let Some(Popup::Form(form)) = &f.app.popup else {
        panic!("the resolve form");
    };
    assert_eq!(
        form.date_preview(&form.fields[1]),
        Some(Ok(parse_iso("2026-11-23").unwrap())),
        "last Monday, not next"
    );
    f.press(Enter);
    let p = f.saved().promise(PromiseId(1)).unwrap().clone();
    assert_eq!(
        (p.status, p.resolved),
        (Status::KeptLate, parse_iso("2026-11-23"))
    );
}

#[test]
fn d_d_d_works_down_the_list() {
    let mut f = team();
    open_jose(&mut f);
    f.press(Char('g'));
    let first = f.app.promises.current().expect("the top row is selected");
    for _ in 0..3 {
        f.press(Char('d'));
    }
    let saved = f.saved();
    assert!(
        saved.promises.iter().all(|p| p.status != Status::Open),
        "every promise was resolved: {:?}",
        saved.promises.iter().map(|p| p.status).collect::<Vec<_>>()
    );
    let marked = saved.promise(first).map(|p| (p.status, p.resolved));
    assert!(
        matches!(marked, Some((Status::Kept | Status::KeptLate, Some(_)))),
        "the first d marked the top row kept: {marked:?}"
    );
}

/// Keys typed faster than a save (a burst, as a terminal delivers `d d d` typed quickly) each
/// mark the next promise down, in the person view and the agenda, never the same one twice.
#[test]
fn d_d_d_typed_before_any_save_is_back_marks_three_promises() {
    for agenda in [false, true] {
        let mut f = team();
        open_jose(&mut f);
        if agenda {
            f.press(Tab);
            assert_eq!(f.app.view, View::Agenda);
        }
        f.press(Char('g'));
        let mut sent = Vec::new();
        for _ in 0..3 {
            sent.extend(f.send_only(key(Char('d'))));
        }
        assert_eq!(sent.len(), 3, "three saves sent, none back yet");
        f.carry_out(sent);
        assert!(
            !f.app.status.text.to_lowercase().contains("not saved"),
            "{}",
            f.app.status.text
        );
        let saved = f.saved();
        assert!(
            saved.promises.iter().all(|p| p.status != Status::Open),
            "agenda {agenda}: {:?}",
            saved.promises.iter().map(|p| p.status).collect::<Vec<_>>()
        );
        assert!(f.app.triaging.is_empty());
        // A fourth d, with nothing open left below, says so as ever.
        f.press(Char('d'));
        assert!(!f.app.status.text.to_lowercase().contains("not saved"));
    }
}

/// `d j d` marks the same two promises whether the first save lands before `j`, between `j`
/// and the second `d`, or after both: `j` counts the rows as they stand once the marks under
/// way are saved (the promise marked leaves its row, and the next takes it), and the cursor
/// moved off the promise marked stays on the promise it was moved to when the save lands.
/// Typed fast, `j` stepped onto the row about to move up, and the second `d` marked the
/// promise that typed slowly is skipped.
#[test]
fn d_j_d_marks_the_same_promises_at_any_speed() {
    #[derive(Clone, Copy, Debug)]
    enum Lands {
        AtTheEnd,
        BeforeTheSecondD,
        BeforeJ,
    }
    for agenda in [false, true] {
        let mut outcomes = Vec::new();
        for lands in [Lands::AtTheEnd, Lands::BeforeTheSecondD, Lands::BeforeJ] {
            let mut f = team();
            open_jose(&mut f);
            if agenda {
                f.press(Tab);
            }
            f.press(Char('g'));
            let first = f.app.selected_promise().expect("a promise");
            let mut sent = f.send_only(key(Char('d')));
            if let Lands::BeforeJ = lands {
                f.carry_out(std::mem::take(&mut sent));
            }
            sent.extend(f.send_only(key(Char('j'))));
            let second = f.app.selected_promise().expect("a promise");
            if let Lands::BeforeTheSecondD = lands {
                f.carry_out(std::mem::take(&mut sent));
                assert_eq!(f.app.selected_promise(), Some(second), "agenda {agenda}");
            }
            sent.extend(f.send_only(key(Char('d'))));
            f.carry_out(sent);
            let saved = f.saved();
            let marked: Vec<_> = saved
                .promises
                .iter()
                .filter(|p| p.status != Status::Open)
                .map(|p| p.id)
                .collect();
            assert!(marked.contains(&first), "agenda {agenda}, {lands:?}");
            outcomes.push((marked, second, lands));
        }
        for (marked, second, lands) in &outcomes {
            assert_eq!(marked, &outcomes[0].0, "agenda {agenda}, {lands:?}");
            assert_eq!(second, &outcomes[0].1, "agenda {agenda}, {lands:?}");
        }
        assert!(outcomes[0].0.contains(&outcomes[0].1), "agenda {agenda}");
    }
}

/// `d j d` on a person's last open promise: the promise marked goes below the open ones,
/// where the selection then is, so `j` moves nowhere and the second `d` marks nothing,
/// typed fast or slowly (typed fast, `j` went up to the open promise above, and `d` marked it).
#[test]
fn d_j_d_on_the_last_open_promise_marks_it_alone_at_any_speed() {
    let mut outcomes = Vec::new();
    for slow in [false, true] {
        let mut f = team();
        open_jose(&mut f);
        let open: Vec<PromiseId> = f
            .app
            .promises
            .items
            .iter()
            .copied()
            .filter(|id| f.app.ledger().promise(*id).unwrap().status == Status::Open)
            .collect();
        let last_open = *open.last().expect("an open promise");
        f.app.promises.select(last_open);
        let mut sent = f.send_only(key(Char('d')));
        if slow {
            f.carry_out(std::mem::take(&mut sent));
        }
        sent.extend(f.send_only(key(Char('j'))));
        sent.extend(f.send_only(key(Char('d'))));
        f.carry_out(sent);
        let marked: Vec<PromiseId> = f
            .saved()
            .promises
            .iter()
            .filter(|p| open.contains(&p.id) && p.status != Status::Open)
            .map(|p| p.id)
            .collect();
        assert_eq!(marked, [last_open], "slow {slow}");
        outcomes.push(marked);
    }
    assert_eq!(outcomes[0], outcomes[1]);
}

/// `d u d u` typed before the first save is back: the second `d` is refused (the undo waits
/// for the save), and so is the second `u`, which would have undone an older change never
/// aimed at rather than that refused `d`.
#[test]
fn an_undo_after_a_refused_change_does_not_reach_past_the_burst() {
    let mut f = team();
    open_jose(&mut f);
    f.press(Char('g'));
    // An older change of the session, on another promise.
    f.press(Char('G'));
    let older = f.app.selected_promise().expect("a promise");
    f.press(Char('b'));
    assert_ne!(f.saved().promise(older).unwrap().status, Status::Open);
    f.press(Char('g'));
    let mut sent = Vec::new();
    for c in ['d', 'u', 'd', 'u'] {
        sent.extend(f.send_only(key(Char(c))));
    }
    f.carry_out(sent);
    let saved = f.saved();
    assert_ne!(
        saved.promise(older).unwrap().status,
        Status::Open,
        "the older change stays: {}",
        f.app.status.text
    );
    assert!(
        f.app
            .status
            .text
            .starts_with("2 keys pressed while the undo waited did nothing"),
        "{}",
        f.app.status.text
    );
}

#[test]
fn the_filter_finds_names_without_their_accents() {
    let mut f = team();
    f.press(Char('/'));
    f.typed("jose");
    assert_eq!(f.app.people.items.len(), 1);
    f.press(Enter);
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    assert_eq!(
        f.app.agenda.items.len(),
        3,
        "José's promises, found by his name"
    );
    f.press(Esc);
    f.press(Char('/'));
    f.typed("zzz");
    assert!(
        f.screen(80, 24)
            .contains("No open promise matches 'zzz'. Esc clears the filter.")
    );
}

#[test]
fn adding_a_name_that_is_here_asks_first() {
    let mut f = team();
    f.press(Char('p'));
    f.typed("priya  RAMAN");
    f.press(Enter);
    match &f.app.popup {
        Some(Popup::Confirm(c)) => assert_eq!(
            c.question,
            "Priya Raman is already here as priya-raman. Add another person of that name?"
        ),
        other => panic!("expected the question, got {other:?}"),
    }
    assert_eq!(f.saved().people.len(), 2, "nothing added yet");
    // The bar under the question says what its keys do here, as the question does.
    let screen = f.screen(80, 24);
    let bar = screen.lines().last().unwrap_or_default();
    assert!(
        bar.contains("y/Enter add another") && bar.contains("n/Esc edit the name"),
        "{bar:?}"
    );
    assert!(!bar.contains("delete"), "{bar:?}");
    // At 60 columns the question's keys keep a column clear of its border: what undoes the
    // answer, not fitting after them, begins a row of its own, whole.
    let screen = f.screen(60, 16);
    let keys = screen
        .lines()
        .find(|l| l.contains("add another"))
        .unwrap_or_default();
    assert!(keys.contains("n/Esc  edit the name  "), "{screen}");
    let undo = screen
        .lines()
        .find(|l| l.contains("undoes"))
        .unwrap_or_default();
    assert!(undo.contains("(u undoes it too)  "), "{screen}");
    // No: back to the form with all that was typed, the name to change.
    f.press(Char('n'));
    match &f.app.popup {
        Some(Popup::Form(form)) => {
            assert_eq!(form.fields[0].shown(), "priya  RAMAN");
            assert_eq!(form.focus, 0);
        }
        other => panic!("expected the form again, got {other:?}"),
    }
    assert_eq!(
        f.app.status.text,
        "Not added: change the name, or close the form to add no one."
    );
    assert_eq!(f.saved().people.len(), 2, "nothing added");
    f.press(Enter);
    f.press(Char('y'));
    let saved = f.saved();
    assert_eq!(saved.people.len(), 3);
    assert_eq!(saved.people[2].handle, "priya-raman-2");
}

#[test]
fn archiving_says_how_many_open_promises_leave_the_agenda_and_the_agenda_counts_them() {
    let mut f = team();
    f.select_person("José Álvarez");
    f.press(Char('a'));
    assert_eq!(
        f.app.status.text,
        "Archived José Álvarez; 3 open promises left the agenda (A there shows them). u undoes"
    );
    // Whole on a 90-column status line: the undo depth gives way to it.
    let screen = f.screen(90, 24);
    let status = screen.lines().nth(22).unwrap_or_default();
    assert!(
        status.contains("left the agenda (A there shows them). u undoes"),
        "{status:?}"
    );
    assert!(!status.contains("to undo"), "{status:?}");
    // Too long for an 80-column line, it takes two, whole, above the hint bar.
    let screen = f.screen(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(
        (lines[21].trim_end(), lines[22].trim_end()),
        (
            " Archived José Álvarez; 3 open promises left the agenda (A there shows them).",
            // The undo depth where the second line leaves room for it.
            " u undoes                                                  1 to undo, 0 to redo"
        ),
        "{screen}"
    );
    while f.app.view != View::Agenda {
        f.press(Tab);
    }
    assert!(f.app.agenda.items.is_empty());
    assert!(
        f.screen(100, 24)
            .contains("3 open promises of archived people hidden · A shows them")
    );
    f.press(Char('A'));
    assert_eq!(f.app.agenda.items.len(), 3);
    // The agenda has no restore key, so it names where restoring is.
    assert_eq!(
        f.app.status.text,
        "Showing archived people too (the People view restores one)."
    );
}

#[test]
fn capital_l_logs_a_promise_kept_late_on_a_past_day() {
    let mut f = team();
    f.select_person("Priya Raman");
    f.press(Char('L'));
    f.typed("Fixed the build");
    // What → Person → Who → Rung → Outcome → On
    for _ in 0..4 {
        f.press(Tab);
    }
    f.press(Char(' ')); // kept late
    f.press(Tab);
    for _ in 0.."today".len() {
        f.press(Backspace);
    }
    f.typed("fri");
    f.press(Enter);
    let saved = f.saved();
    let p = saved.promises.last().unwrap();
    assert_eq!(p.what, "Fixed the build");
    assert_eq!(
        (p.status, p.resolved),
        (Status::KeptLate, parse_iso("2026-11-20"))
    );
    assert_eq!(p.made, parse_iso("2026-11-20").unwrap());
}

#[test]
fn a_person_renamed_elsewhere_is_found_by_the_new_name() {
    let mut f = team();
    let mut other = trustladder::store::Store::open(&f.path).unwrap();
    let change = Change::EditPerson {
        person: Target::id(f.person_id("Priya Raman")),
        patch: PersonPatch {
            name: Some(Set::to("Priya Iyer".into())),
            ..PersonPatch::default()
        },
        on_conflict: OnConflict::Refuse,
    };
    other.apply(&change, today()).unwrap();
    f.tick();
    f.press(Char('/'));
    f.typed("iyer");
    assert_eq!(f.app.people.items.len(), 1);
}

/// A long name in a two-line status is cut at the end of the first line, not moved whole to
/// the second, where it pushed out what to do next; a cut sentence ends in `…`, not `….`.
#[test]
fn a_long_name_in_a_two_line_status_leaves_what_to_do_next() {
    let mut f = tui_support::empty_fixture();
    let name = "Maximilian Alexander Bartholomew Featherstonehaugh-Wolfeschlegelsteinhausen";
    f.press(Char('p'));
    f.typed(name);
    f.press(Enter);
    f.press(Char('n'));
    f.typed("Ship it");
    f.press(Enter);
    f.select_person(name);
    f.press(Char('a'));
    let screen = f.screen(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let both = format!("{}{}", lines[21].trim_end(), lines[22].trim());
    assert!(
        both.ends_with("left the agenda (A there shows them). u undoes"),
        "{}\n{}",
        lines[21],
        lines[22]
    );
    let screen = f.screen(60, 16);
    let second = screen
        .lines()
        .nth(14)
        .unwrap_or_default()
        .trim_end()
        .to_string();
    assert!(second.ends_with("… u undoes"), "{screen}");
}

/// `o` in the agenda, where every promise is open, says where a resolved one is reopened
/// rather than doing nothing, and changes nothing.
#[test]
fn o_in_the_agenda_says_where_promises_are_reopened() {
    let mut f = team();
    open_jose(&mut f);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let before = f.saved();
    f.press(Char('o'));
    assert_eq!(
        f.app.status.text,
        "The agenda lists open promises only: reopen a resolved one on its person's page (Enter opens that page)."
    );
    assert_eq!(f.saved(), before);
    // With nothing open, Enter opens no page from the agenda: the people are a Tab away.
    let mut l = Ledger::default();
    let jose = l.add_person("José Álvarez", "Design", "", today()).unwrap();
    let id = l
        .add_promise(
            NewPromise::task(jose, "Mockups", parse_iso("2026-11-10").unwrap()),
            today(),
        )
        .unwrap();
    l.resolve_promise(
        id,
        Status::Kept,
        parse_iso("2026-11-12").unwrap(),
        None,
        today(),
    )
    .unwrap();
    let mut f = fixture(Some(l), true);
    while f.app.view != View::Agenda {
        f.press(Tab);
    }
    f.press(Char('o'));
    assert_eq!(
        f.app.status.text,
        "The agenda lists open promises only: reopen a resolved one on its person's page (Tab shows the people)."
    );
    f.press(Tab);
    assert_eq!(f.app.view, View::People);
}

/// The text of the open form's focused field, or `None` with no form open.
fn focused_text(f: &Fixture) -> Option<String> {
    match &f.app.popup {
        Some(Popup::Form(form)) => Some(form.fields[form.focus].shown().to_string()),
        _ => None,
    }
}

/// Keys typed after a form's Enter, before its save is back (at 100k promises a save takes
/// a tenth of a second), are done in order once it is: `n` opens the next form and the
/// letters after it go into that form, none lost and none run as commands.
#[test]
fn keys_typed_while_a_form_saves_are_done_once_it_is_saved() {
    let mut f = team();
    open_jose(&mut f);
    f.press(Char('n'));
    f.typed("Buy milk");
    let effects = f.send_only(key(Enter));
    assert_eq!(effects.len(), 1, "the save is under way");
    for c in "nCall".chars() {
        assert!(
            f.send_only(key(Char(c))).is_empty(),
            "nothing done before the save is back"
        );
    }
    f.carry_out(effects);
    assert!(
        f.saved().promises.iter().any(|p| p.what == "Buy milk"),
        "the first form saved"
    );
    assert_eq!(
        focused_text(&f).as_deref(),
        Some("Call"),
        "{:?}",
        f.app.popup
    );
    assert!(f.app.typed_meanwhile.is_empty());
}

/// A paste after a form's Enter waits for the save as keys do, and a quit among the keys
/// typed meanwhile ends them: nothing after it is done.
#[test]
fn a_paste_waits_for_the_save_and_a_quit_typed_meanwhile_ends_the_rest() {
    use trustladder::tui::message::Message;
    let mut f = team();
    open_jose(&mut f);
    f.press(Char('n'));
    f.typed("Buy milk");
    let effects = f.send_only(key(Enter));
    assert!(f.send_only(key(Char('n'))).is_empty());
    assert!(
        f.send_only(Message::Paste("Call Bob".to_string()))
            .is_empty()
    );
    f.carry_out(effects);
    assert_eq!(focused_text(&f).as_deref(), Some("Call Bob"));
    f.press(Esc);

    f.press(Char('g'));
    f.press(Char('n'));
    f.typed("Second");
    let effects = f.send_only(key(Enter));
    for c in "qb".chars() {
        f.send_only(key(Char(c)));
    }
    f.carry_out(effects);
    assert!(f.app.quit);
    assert!(
        f.saved()
            .promises
            .iter()
            .all(|p| p.status != Status::Broken),
        "the b after the q was not done"
    );
}

/// A form whose save fails stays open, and the keys typed meanwhile (meant for after it) are
/// dropped and said, never typed into the form or run as commands.
#[test]
fn keys_typed_while_a_form_saves_are_dropped_and_said_when_it_fails() {
    use trustladder::tui::message::{Message, Purpose, SaveError};
    let mut f = team();
    open_jose(&mut f);
    f.press(Char('n'));
    f.typed("Buy milk");
    let effects = f.send_only(key(Enter));
    assert_eq!(effects.len(), 1);
    for c in "ex".chars() {
        f.send_only(key(Char(c)));
    }
    f.send(Message::Failed {
        purpose: Purpose::Form,
        error: SaveError {
            refusal: None,
            message: "no space left on the disk".to_string(),
        },
        ledger: None,
    });
    assert_eq!(focused_text(&f).as_deref(), Some("Buy milk"));
    assert_eq!(
        f.app.status.text,
        "Not saved: see the form (the 2 keys typed meanwhile were not used)."
    );
    assert!(f.app.typed_meanwhile.is_empty());
    assert_eq!(f.saved().promises.len(), 3);
}

/// A `next wed` typed on a Tuesday could be either Wednesday: the form's preview names both
/// days, as the command line does, not only the words that would pick one.
#[test]
fn the_due_preview_of_a_two_day_word_names_both_days() {
    let mut f = team();
    open_jose(&mut f);
    f.press(Char('n'));
    f.tab_to("Due");
    f.typed("next wed");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("Wed 25 Nov or Wed 2 Dec? wed this week or wed next week"),
        "{screen}"
    );
    // Where that is cut, what to type is what shows.
    let narrow = f.screen(60, 16);
    assert!(
        narrow.contains("wed this week or wed next week?"),
        "{narrow}"
    );
}

/// On a choice the hint bar offers changing it, not the editor (which opens only a text
/// field's text), so at 60 columns the key that works there is the one shown.
#[test]
fn the_hint_bar_on_a_choice_offers_the_choice_not_the_editor() {
    let mut f = team();
    open_jose(&mut f);
    f.press(Char('n'));
    assert!(f.hint_bar(60).contains("Ctrl-o editor"), "on What");
    f.tab_to("Person");
    let bar = f.hint_bar(60);
    assert!(!bar.contains("Ctrl-o"), "{bar}");
    assert!(bar.contains("choose"), "{bar}");
}

/// An outcome's `On` starts as `today`, which the first character typed replaces (`fri`, not
/// `todayfri`), as a paste does; a key that edits keeps it, and edits it as usual.
#[test]
fn typing_over_the_suggested_today_replaces_it() {
    use trustladder::tui::message::Message;
    let mut f = team();
    f.select_person("Priya Raman");
    f.press(Char('L'));
    f.typed("Fixed the build");
    f.tab_to("On");
    assert_eq!(focused_text(&f).as_deref(), Some("today"));
    f.typed("fri");
    assert_eq!(focused_text(&f).as_deref(), Some("fri"));
    // Esc keeps what was typed for the form opened again; Esc on it unchanged drops it.
    f.press(Esc);
    f.press(Char('L'));
    f.press(Esc);

    f.press(Char('L'));
    f.tab_to("On");
    f.send(Message::Paste("2026-11-02".to_string()));
    assert_eq!(focused_text(&f).as_deref(), Some("2026-11-02"));
    f.press(Esc);
    f.press(Char('L'));
    f.press(Esc);

    f.press(Char('L'));
    f.tab_to("On");
    f.press(Backspace);
    f.typed("y");
    assert_eq!(
        focused_text(&f).as_deref(),
        Some("today"),
        "edited as usual"
    );
}

/// `d u d` typed faster than the save: the second `d`, refused while the undo waits, is said
/// again once the undo is done, as the status line has moved on and nothing shows it.
#[test]
fn a_key_refused_behind_an_undo_is_said_once_the_undo_is_done() {
    let mut f = team();
    open_jose(&mut f);
    f.press(Char('g'));
    let mut sent = f.send_only(key(Char('d')));
    assert_eq!(sent.len(), 1);
    sent.extend(f.send_only(key(Char('u'))));
    sent.extend(f.send_only(key(Char('d'))));
    assert!(
        f.app.status.text.starts_with("Not yet"),
        "{}",
        f.app.status.text
    );
    f.carry_out(sent);
    assert!(f.saved().promises.iter().all(|p| p.status == Status::Open));
    let status = f.app.status.text.clone();
    assert!(
        status.starts_with(
            "1 key pressed while the undo waited did nothing; press it again. Undid: "
        ),
        "{status}"
    );
    assert_eq!(f.app.refused_behind_undo, 0);
}

/// An undo pressed while a save is under way waits for it, and a change made before it has
/// run is refused rather than sent: the undo would have undone that change instead of the
/// one it was pressed after.
#[test]
fn a_change_waits_for_an_undo_pressed_meanwhile() {
    let mut f = team();
    open_jose(&mut f);
    f.app.promises.select(PromiseId(3));
    let kept = f.send_only(key(Char('d')));
    assert_eq!(kept.len(), 1);
    assert!(f.send_only(key(Char('u'))).is_empty(), "queued");
    f.press(Char('n'));
    f.typed("Buy milk");
    f.press(Enter);
    assert!(
        matches!(&f.app.popup, Some(Popup::Form(form)) if form.error.as_deref().is_some_and(|e| e.starts_with("Not yet"))),
        "{:?}",
        f.app.popup
    );
    f.carry_out(kept);
    let saved = f.saved();
    assert_eq!(
        saved.promise(PromiseId(3)).unwrap().status,
        Status::Open,
        "undone"
    );
    assert!(saved.promises.iter().all(|p| p.what != "Buy milk"));
    // Once the undo has run, the form saves.
    f.press(Enter);
    assert!(f.saved().promises.iter().any(|p| p.what == "Buy milk"));
}

/// One person with ten open promises, none due, so each row stays open until marked.
fn ten_open() -> Fixture {
    let mut l = Ledger::default();
    let ana = l.add_person("Ana Silva", "", "", today()).unwrap();
    for n in 1..=10 {
        let made = parse_iso("2026-11-10").unwrap();
        l.add_promise(NewPromise::task(ana, &format!("Task {n}"), made), today())
            .unwrap();
    }
    fixture(Some(l), true)
}

/// The promises `keys` mark from the top of Ana's page (or of the agenda), as the rows stood
/// before the first key: typed in one burst, every save back only after the last key, or
/// slowly, each save back before the next key.
fn marked_by(keys: &str, agenda: bool, burst: bool) -> Vec<usize> {
    let mut f = ten_open();
    f.select_person("Ana Silva");
    f.press(Enter);
    if agenda {
        f.press(Tab);
        assert_eq!(f.app.view, View::Agenda);
    }
    f.press(Char('g'));
    let rows: Vec<PromiseId> = match agenda {
        true => f.app.agenda.items.iter().map(|(_, id)| *id).collect(),
        false => f.app.promises.items.clone(),
    };
    let mut sent = Vec::new();
    for c in keys.chars().filter(|c| !c.is_whitespace()) {
        sent.extend(f.send_only(key(Char(c))));
        if !burst {
            f.carry_out(std::mem::take(&mut sent));
        }
    }
    f.carry_out(sent);
    assert!(f.app.triaging.is_empty());
    let saved = f.saved();
    (0..rows.len())
        .filter(|&row| saved.promise(rows[row]).unwrap().status != Status::Open)
        .collect()
}

/// With promises marked above the cursor still being saved, `j` and `k` count from where the
/// cursor's row will be once they are saved (each of them leaves the rows above it), so a
/// burst marks what the same keys typed slowly mark: `d j d j d` the first, third and fifth
/// rows, not the sixth in place of the fifth.
#[test]
fn d_j_d_j_d_marks_the_same_rows_in_a_burst_as_typed_slowly() {
    for agenda in [false, true] {
        for (keys, rows) in [
            ("d j d j d", vec![0, 2, 4]),
            ("d j d j d k k d", vec![0, 1, 2, 4]),
        ] {
            assert_eq!(
                marked_by(keys, agenda, false),
                rows,
                "slowly, agenda {agenda}"
            );
            assert_eq!(
                marked_by(keys, agenda, true),
                rows,
                "a burst, agenda {agenda}"
            );
        }
    }
}
