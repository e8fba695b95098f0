use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::core::change::{NewPromise, PromisePatch, Set};
use crate::core::dates::parse_iso;
use crate::core::{Change, Ledger, LedgerError};

fn today() -> NaiveDate {
    parse_iso("2026-11-24").unwrap()
}

/// The keys a form's messages name in the default key map, on People.
fn keys() -> FormKeys {
    FormKeys::of(&Keymap::default(), Context::SCREENS[0])
}

fn typed(form: &mut Form, s: &str) {
    for c in s.chars() {
        form.edit(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// Archived elsewhere with no one else to choose, the person field says to restore them,
/// not to choose whom it is for among no one.
#[test]
fn archived_with_no_one_else_says_only_to_restore_them() {
    let mut l = Ledger::default();
    let priya = l.add_person("Priya", "", "", today()).unwrap();
    let mut archived = l.clone();
    archived.people[0].archived = true;
    let mut form = Form::new_promise(&l, Some(priya), false, today());
    form.follow(&archived, &keys());
    assert_eq!(
        form.field(Key::Person).unwrap().error.as_deref(),
        Some(
            "Priya was archived elsewhere and no one else is here: restore them on People \
             (closed, the form keeps this for them)"
        )
    );
}

/// With no one left to choose, the person field names the keys in force to close the
/// form and add a person, and none where nothing binds one; a form logging a kept
/// promise names its own kind.
#[test]
fn no_one_left_to_choose_names_the_keys_in_force() {
    let mut l = Ledger::default();
    let priya = l.add_person("Priya", "", "", today()).unwrap();
    let nobody = Ledger::default();
    let rebound = FormKeys {
        save: "F3".to_string(),
        cancel: "F2".to_string(),
        new_person: Some("P".to_string()),
    };
    let mut form = Form::new_promise(&l, Some(priya), false, today());
    form.follow(&nobody, &rebound);
    assert_eq!(
        form.field(Key::Person).unwrap().error.as_deref(),
        Some(
            "Priya was deleted elsewhere and no one is left: F2 closes this form, keeping \
             what you typed for the next new promise, then P adds a person"
        )
    );
    let unbound = FormKeys {
        new_person: None,
        ..rebound
    };
    let mut form = Form::new_promise(&l, Some(priya), true, today());
    form.follow(&nobody, &unbound);
    assert_eq!(
        form.field(Key::Person).unwrap().error.as_deref(),
        Some(
            "Priya was deleted elsewhere and no one is left: F2 closes this form, keeping \
             what you typed for the next promise logged as kept"
        )
    );
}

#[test]
fn a_paste_goes_into_the_focused_text_field_on_one_line() {
    let l = Ledger::default();
    let mut form = Form::person(&l, None, today());
    typed(&mut form, "Pr");
    form.paste("iya\r\nRaman\tx\u{1b}\u{7}y\nb");
    assert_eq!(form.fields[0].shown(), "Priya Raman xy b");
    // A CR LF a terminal sent as two CRs, and a blank line, are one break: one space.
    form.paste(" c\r\rd\n\n\ne");
    assert_eq!(form.fields[0].shown(), "Priya Raman xy b c d e");
    form.edit(&KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
    form.paste("Dr ");
    assert_eq!(form.fields[0].shown(), "Dr Priya Raman xy b c d e");
    assert_eq!(form.focus, 0, "the paste moved no focus");
}

/// A paste on a choice picks the option it names, whole, by the name before its gloss,
/// or by the start of one option; one that names none, or more than one, is refused
/// saying why, the choice as it was (it was dropped without a word).
#[test]
fn a_paste_on_a_choice_picks_the_option_it_names_or_says_why_not() {
    let mut l = Ledger::default();
    for name in ["Priya Raman", "Chen Li", "Chen Wu"] {
        l.add_person(name, "", "", today()).unwrap();
    }
    let mut form = Form::new_promise(&l, None, false, today());
    let at = |form: &Form, key: Key| form.fields.iter().position(|f| f.key == key).unwrap();
    form.focus = at(&form, Key::Rung);
    assert_eq!(form.paste("result\n"), None);
    assert_eq!(form.field(Key::Rung).unwrap().shown(), "result (results)");
    assert_eq!(form.paste("Impact (ongoing impact)"), None);
    assert_eq!(form.choice_of(Key::Rung), 2);
    assert_eq!(
        form.paste("urgent"),
        Some(
            "Not pasted: 'urgent' is not one of the choices for Rung (task, result or impact)."
                .to_string()
        )
    );
    assert_eq!(form.choice_of(Key::Rung), 2, "the choice as it was");
    assert_eq!(
        form.paste(" \n"),
        Some("Not pasted: it held no text to choose by.".to_string())
    );
    form.focus = at(&form, Key::Whose);
    assert_eq!(form.paste("MINE"), None);
    assert_eq!(form.choice_of(Key::Whose), 1);
    form.focus = at(&form, Key::Person);
    assert_eq!(form.paste("pri"), None);
    assert_eq!(form.field(Key::Person).unwrap().shown(), "Priya Raman");
    assert_eq!(
        form.paste("chen"),
        Some("Not pasted: 'chen' could be Chen Li or Chen Wu; paste more of one.".to_string())
    );
    assert_eq!(form.paste("chen wu"), None);
    assert_eq!(form.field(Key::Person).unwrap().shown(), "Chen Wu");

    // Two people of one name are listed told apart, as the choice shows them, where the
    // list said `Zed, Zed`.
    let mut twins = Ledger::default();
    twins.add_person("Zed", "", "", today()).unwrap();
    let again = twins.add_person("Zed", "", "", today()).unwrap();
    assert_ne!(twins.person(again).unwrap().handle, "zed");
    let mut form = Form::new_promise(&twins, None, false, today());
    form.focus = at(&form, Key::Person);
    assert_eq!(
        form.paste("nobody"),
        Some(
            "Not pasted: 'nobody' is not one of the choices for Person (Zed (zed) or Zed \
             (zed-2))."
                .to_string()
        )
    );

    // With no one to choose, nothing to list.
    let mut alone = Form::new_promise(&Ledger::default(), None, false, today());
    alone.focus = at(&alone, Key::Person);
    assert_eq!(
        alone.paste("Priya"),
        Some("Not pasted: Person has nothing to choose from yet.".to_string())
    );

    // An outcome chosen by a paste is chosen by hand: it no longer follows the day.
    let mut form = resolving_one_due_friday();
    form.focus = 0;
    assert_eq!(form.paste("kept_late"), None);
    assert_eq!(form.fields[0].shown(), "kept late");
    form.focus = 1;
    typed(&mut form, "thu");
    assert_eq!(outcome(&mut form), Status::KeptLate);
}

#[test]
fn the_choice_of_person_is_in_the_people_view_s_order_by_name() {
    let mut l = Ledger::default();
    for name in ["Zoë Ng", "王芳", "chen li", "José Álvarez", "Priya"] {
        l.add_person(name, "", "", today()).unwrap();
    }
    let chen = l.people[2].id;
    let mut form = Form::new_promise(&l, Some(chen), false, today());
    let Some(Value::Choice { options, index }) = form.field(Key::Person).map(|f| f.value.clone())
    else {
        panic!("a choice of person")
    };
    assert_eq!(
        options,
        ["chen li", "José Álvarez", "Priya", "Zoë Ng", "王芳"]
    );
    assert_eq!(index, 0, "the person it was opened on");
    typed(&mut form, "Send the deck");
    match form.submit(&keys()) {
        Some(Change::AddPromise(new)) => assert_eq!(new.person.id, chen),
        other => panic!("expected a new promise, got {other:?}"),
    }
}

#[test]
fn letters_typed_in_a_row_pick_the_person_they_begin() {
    let mut l = Ledger::default();
    for name in [
        "Wang Fang",
        "Anna Fang",
        "Walter White",
        "Zoë Adeyemi",
        "Zoë Berg",
        "Sean Murphy",
        "Seán O'Brien",
    ] {
        l.add_person(name, "", "", today()).unwrap();
    }
    let mut form = Form::new_promise(&l, None, false, today());
    form.focus = form
        .fields
        .iter()
        .position(|f| f.key == Key::Person)
        .unwrap();
    let chosen = |form: &Form| form.field(Key::Person).unwrap().shown().to_string();
    typed(&mut form, "wan");
    assert_eq!(chosen(&form), "Wang Fang");
    form.edit(&KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    typed(&mut form, "wal");
    assert_eq!(chosen(&form), "Walter White", "another key starts again");
    // One letter again goes round the options it begins, accents as typed or not.
    typed(&mut form, "z");
    assert_eq!(chosen(&form), "Zoë Adeyemi");
    typed(&mut form, "z");
    assert_eq!(chosen(&form), "Zoë Berg");
    typed(&mut form, "zoe a");
    assert_eq!(chosen(&form), "Zoë Adeyemi");
    typed(&mut form, "zoë b");
    assert_eq!(
        chosen(&form),
        "Zoë Berg",
        "a space within the letters is one of them"
    );
    form.edit(&KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    typed(&mut form, " ");
    assert_eq!(chosen(&form), "Zoë Berg", "Space alone changes the choice");
    typed(&mut form, "q");
    assert_eq!(
        chosen(&form),
        "Zoë Berg",
        "a letter that begins nothing changes nothing"
    );
    // Marks and blanks left out where nothing begins as typed, as a name is looked up.
    typed(&mut form, "zoeb");
    assert_eq!(chosen(&form), "Zoë Berg", "without the blank");
    form.edit(&KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    typed(&mut form, "seano");
    assert_eq!(
        chosen(&form),
        "Seán O'Brien",
        "without the blank and the mark"
    );
    // After a pause, a letter starts a new run: `w` then, two seconds on, `a` is Anna,
    // not `wa`.
    typed(&mut form, "w");
    assert_eq!(chosen(&form), "Walter White");
    form.tick();
    form.tick();
    typed(&mut form, "a");
    assert_eq!(chosen(&form), "Anna Fang");
}

#[test]
fn a_bad_date_is_refused_at_its_field() {
    let mut l = Ledger::default();
    let p = l.add_person("Priya", "", "", today()).unwrap();
    let mut form = Form::new_promise(&l, Some(p), false, today());
    typed(&mut form, "Send the deck");
    form.focus = 4;
    typed(&mut form, "soon");
    assert_eq!(form.submit(&keys()), None);
    assert_eq!(form.focus, 4);
    assert_eq!(
        form.fields[4].error.as_deref(),
        Some(
            "'soon' is not a date: try fri, +3d, eow or 2026-12-01 (`trustladder dates` lists them all)"
        )
    );
    form.edit(&KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
    for _ in 0..4 {
        form.edit(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    typed(&mut form, "fri");
    let preview = form.date_preview(&form.fields[4]).unwrap();
    assert_eq!(preview, Ok(parse_iso("2026-11-27").unwrap()));
    match form.submit(&keys()) {
        Some(Change::AddPromise(new)) => {
            assert_eq!(new.due, parse_iso("2026-11-27"));
            assert_eq!(new.what, "Send the deck");
            assert_eq!(new.person.id, p);
            assert_eq!(new.outcome, None);
        }
        other => panic!("expected a new promise, got {other:?}"),
    }
}

/// A form that cannot be sent for one fault shows every other at once: an empty What
/// beside a bad Due, not after the Due is put right.
#[test]
fn every_fault_is_shown_at_once() {
    let mut l = Ledger::default();
    let p = l.add_person("Priya", "", "", today()).unwrap();
    let mut form = Form::new_promise(&l, Some(p), false, today());
    form.focus = 4;
    typed(&mut form, "soon");
    assert_eq!(form.submit(&keys()), None);
    let what = form.fields.iter().position(|f| f.key == Key::What).unwrap();
    assert_eq!(
        form.fields[what].error.as_deref(),
        Some("what is empty; say what was promised, as in: send the Q3 deck by Friday")
    );
    assert!(form.fields[4].error.is_some());
    assert_eq!(form.focus, what.min(4), "the first fault has the focus");
}

#[test]
fn a_date_past_9999_is_refused_at_its_field_naming_the_range() {
    let last = parse_iso("9999-12-31").unwrap();
    let mut l = Ledger::default();
    let p = l.add_person("Priya", "", "", last).unwrap();
    let mut form = Form::new_promise(&l, Some(p), false, last);
    typed(&mut form, "Ship it");
    form.focus = 4;
    typed(&mut form, "tomorrow");
    assert_eq!(form.submit(&keys()), None);
    assert_eq!(
        form.fields[4].error.as_deref(),
        Some(
            "'tomorrow' (+10000-01-01) is outside the years 1 to 9999 that a date may fall in (0001-01-01 to 9999-12-31)"
        )
    );
}

#[test]
fn an_edit_sets_only_the_fields_changed_with_the_values_seen() {
    let mut l = Ledger::default();
    let p = l.add_person("Priya", "", "", today()).unwrap();
    let id = l
        .add_promise(NewPromise::task(p, "Send the deck", today()), today())
        .unwrap();
    let mut form = Form::edit_promise(&l, id, today()).unwrap();
    typed(&mut form, " now");
    form.focus = 3;
    typed(&mut form, "none");
    match form.submit(&keys()) {
        Some(Change::EditPromise { patch, .. }) => assert_eq!(
            patch,
            PromisePatch {
                what: Some(Set::from(
                    "Send the deck".to_string(),
                    "Send the deck now".to_string()
                )),
                ..PromisePatch::default()
            },
            "`none` is the empty due date it already had"
        ),
        other => panic!("expected an edit, got {other:?}"),
    }
}

/// A resolve form on a promise due last Friday, with the cursor in its day field cleared.
fn resolving_one_due_friday() -> Form {
    one_due_friday().1
}

/// The ledger of [`resolving_one_due_friday`], and its form.
fn one_due_friday() -> (Ledger, Form) {
    let mut l = Ledger::default();
    let p = l.add_person("Priya", "", "", today()).unwrap();
    let new = NewPromise {
        due: parse_iso("2026-11-20"),
        ..NewPromise::task(p, "Send the deck", parse_iso("2026-11-10").unwrap())
    };
    let id = l.add_promise(new, today()).unwrap();
    let mut form = Form::resolve(&l, id, today()).unwrap();
    form.focus = 1;
    form.edit(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    (l, form)
}

fn outcome(form: &mut Form) -> Status {
    match form.submit(&keys()) {
        Some(Change::Resolve { status, .. }) => status,
        other => panic!("expected an outcome, got {other:?}"),
    }
}

#[test]
fn the_outcome_follows_the_day_typed_until_it_is_chosen() {
    let mut form = resolving_one_due_friday();
    typed(&mut form, "thu");
    assert_eq!(
        form.fields[0].shown(),
        "kept",
        "Thursday is before the due date"
    );
    assert_eq!(outcome(&mut form), Status::Kept);
    form.edit(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut form, "mon");
    assert_eq!(form.fields[0].shown(), "kept late", "Monday is after it");
    form.edit(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    form.paste("2026-11-20");
    assert_eq!(form.fields[0].shown(), "kept", "on the due date is on time");

    // Chosen by hand, the outcome stays whatever day is typed.
    form.focus = 0;
    form.edit(&KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    assert_eq!(form.fields[0].shown(), "kept late");
    form.focus = 1;
    form.edit(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut form, "thu");
    assert_eq!(outcome(&mut form), Status::KeptLate);
}

/// The outcome follows the day by the core's rule of lateness whatever becomes of the due
/// date elsewhere: taken away and set again while the form is open, the outcome is the one
/// `keep` would record for the day typed, where the form stopped following once the due
/// date went and kept "kept" after the new one.
#[test]
fn the_outcome_follows_a_due_date_taken_away_and_set_again_elsewhere() {
    let (l, mut form) = one_due_friday();
    typed(&mut form, "thu");
    assert_eq!(form.fields[0].shown(), "kept");
    let thursday = parse_iso("2026-11-19").unwrap();
    let mut undated = l.clone();
    undated.promises[0].due = None;
    form.follow(&undated, &keys());
    assert_eq!(form.fields[0].shown(), "kept");
    let mut earlier = l.clone();
    earlier.promises[0].due = parse_iso("2026-11-18");
    form.follow(&earlier, &keys());
    assert_eq!(earlier.promises[0].kept_on(thursday), Status::KeptLate);
    assert_eq!(
        form.fields[0].shown(),
        "kept late",
        "Thursday is after the new due date"
    );
    assert_eq!(outcome(&mut form), Status::KeptLate);
}

#[test]
fn a_broken_outcome_is_not_turned_into_kept_by_the_day() {
    let mut form = resolving_one_due_friday();
    form.focus = 0;
    typed(&mut form, "b");
    assert_eq!(form.fields[0].shown(), "broken");
    form.focus = 1;
    typed(&mut form, "thu");
    assert_eq!(outcome(&mut form), Status::Broken);
}

#[test]
fn an_empty_name_is_named_at_its_field_and_so_is_a_refusal_of_the_core() {
    let l = Ledger::default();
    let mut form = Form::person(&l, None, today());
    assert_eq!(form.submit(&keys()), None, "nothing is sent");
    let empty = "name is empty; give the colleague's name, as in: Priya Raman";
    assert_eq!(form.fields[0].error.as_deref(), Some(empty));
    form.fields[0].error = None;
    let refusal = LedgerError::Text(text::TextError::Empty { field: "name" });
    form.refused(Some(&refusal), &refusal.to_string(), &l, &keys());
    assert_eq!(form.fields[0].error.as_deref(), Some(empty));
    assert_eq!(form.focus, 0);
}

/// A key no field takes (`PgDn` on text, `F5` on a choice, `Ctrl-x` on either) changes
/// nothing and says so, that the form can name the keys it takes: it kept the day suggested
/// no longer suggested (the next letter typed after it, not replacing `today`) and the
/// errors shown cleared, as if a key had edited the field.
#[test]
fn a_key_no_field_takes_changes_nothing_and_says_so() {
    let mut form = resolving_one_due_friday();
    form.fields[1] = Field::outcome_day();
    form.set_error(Key::On, "needs a day".to_string());
    let before = form.clone();
    for key in [
        KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Insert, KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL),
    ] {
        assert_eq!(form.edit(&key), Edited::NotTaken, "{key:?}");
        assert_eq!(form, before, "{key:?}");
    }
    form.focus = 0;
    typed(&mut form, "b");
    let before = form.clone();
    for key in [
        KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Home, KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('k'), KeyModifiers::ALT),
    ] {
        assert_eq!(form.edit(&key), Edited::NotTaken, "{key:?}");
        assert_eq!(form, before, "{key:?}");
    }
    // The letters typed before it still make one run with those after it.
    typed(&mut form, "r");
    assert_eq!(form.fields[0].shown(), "broken");
    assert_eq!(
        form.edit(&KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)),
        Edited::Done
    );
}
