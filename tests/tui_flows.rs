//! Every flow of the terminal UI, driven through `update` with key presses exactly as the run
//! loop sends them, checked on the model and on the file.

mod tui_support;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use trustladder::core::change::NewPromise;
use trustladder::core::dates::parse_iso;
use trustladder::core::{Direction, Ledger, LedgerError, Level, Moment, PromiseId, Status};
use trustladder::store::Store;
use trustladder::tui::Message;
use trustladder::tui::app::{Confirm, Popup, View};
use trustladder::tui::forms::{Form, FormKind};
use tui_support::{Fixture, demo_fixture, empty_fixture, fixture, today};

use KeyCode::{BackTab, Char, Enter, Esc, PageDown, Tab};

/// An empty file, then Priya Raman added with `p`: the one colleague most flows need.
fn with_priya() -> Fixture {
    let mut f = empty_fixture();
    f.add_person("Priya Raman");
    f
}

/// Priya Raman, then Bo Chen, added: the second save leaves a backup of the file as the
/// first left it.
fn with_a_backup() -> Fixture {
    let mut f = with_priya();
    f.add_person("Bo Chen");
    f
}

/// `e` on the person selected, named `from`: their name emptied, `to` typed, `Enter`.
fn rename_selected(f: &mut Fixture, from: &str, to: &str) {
    f.press(Char('e'));
    f.press(KeyCode::End);
    for _ in 0..from.len() {
        f.press(KeyCode::Backspace);
    }
    f.typed(to);
    f.press(Enter);
}

/// Enter on the row selected: the page of its person must open, or the keys after it act
/// elsewhere.
#[track_caller]
fn open_page(f: &mut Fixture) {
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
}

/// `/` and `text`: the filter of the list shown, live as it is typed.
fn type_filter(f: &mut Fixture, text: &str) {
    f.press(Char('/'));
    f.typed(text);
}

/// `/`, `text`, `Enter`: the filter of the list shown, kept.
fn keep_filter(f: &mut Fixture, text: &str) {
    type_filter(f, text);
    f.press(Enter);
}

/// The window resized, as the run loop reports it, so the App lays out for that size.
fn resize(f: &mut Fixture, width: u16, height: u16) {
    f.send(Message::Resize { width, height });
}

/// The App looking back at `day`, as started with `--today`: the UI has no key for it.
fn look_back(f: &mut Fixture, day: &str) {
    f.app.today = parse_iso(day).unwrap();
    f.app.looking_back = true;
    f.app.rebuild();
}

/// Tab until `view` shows, three Tabs at most: one more would go round again.
#[track_caller]
fn tab_to_view(f: &mut Fixture, view: View) {
    for _ in 0..3 {
        if f.app.view == view {
            return;
        }
        f.press(Tab);
    }
    assert_eq!(f.app.view, view);
}

/// The form on screen; with none, the test fails saying what is there instead.
#[track_caller]
fn open_form(f: &Fixture) -> &Form {
    match &f.app.popup {
        Some(Popup::Form(form)) => form,
        other => panic!("a form should be open, got {other:?}"),
    }
}

/// The question on screen; with none, the test fails saying what is there instead.
#[track_caller]
fn question(f: &Fixture) -> &Confirm {
    match &f.app.popup {
        Some(Popup::Confirm(confirm)) => confirm,
        other => panic!("a question should be open, got {other:?}"),
    }
}

/// The person selected, named `from`, renamed `to`, which is refused: the form stays open
/// with `error` under the name, and the file is left as it was.
#[track_caller]
fn rename_is_refused(f: &mut Fixture, from: &str, to: &str, error: &str) {
    let before = std::fs::read(&f.path).unwrap();
    rename_selected(f, from, to);
    assert_eq!(open_form(f).fields[0].error.as_deref(), Some(error));
    assert_eq!(std::fs::read(&f.path).unwrap(), before, "nothing saved");
}

/// Each of `keys` pressed in turn says `said` and opens nothing: keys with nothing to act
/// on all give the same reason.
#[track_caller]
fn each_key_says(f: &mut Fixture, keys: &[KeyCode], said: &str) {
    for &key in keys {
        f.press(key);
        assert_eq!(f.app.status.text, said, "{key:?}");
        assert_eq!(f.app.popup, None, "{key:?}");
    }
}

/// `key` on a file the UI may not write is refused at once, opening no form, rather than
/// after a record typed whole. The status line is cleared first, so what is read is this
/// key's own refusal.
#[track_caller]
fn refused_at_once(f: &mut Fixture, key: char, start: &str) {
    f.app.status = Default::default();
    f.press(Char(key));
    assert_eq!(f.app.popup, None, "{key} opened a form");
    assert!(
        f.app.status.text.starts_with(start),
        "{key}: {}",
        f.app.status.text
    );
}

/// The names on the People list, in the order shown.
fn people_listed(f: &Fixture) -> Vec<String> {
    (f.app.people.items.iter())
        .map(|id| f.app.ledger().person(*id).unwrap().name.clone())
        .collect()
}

/// What the promises on a person's page say, in the order shown.
fn promises_listed(f: &Fixture) -> Vec<String> {
    (f.app.promises.items.iter())
        .map(|id| f.app.ledger().promise(*id).unwrap().what.clone())
        .collect()
}

/// Changes the file as another process would, behind the App's back: the App sees it only
/// at its next tick or save.
fn save_elsewhere<T>(f: &Fixture, change: impl FnOnce(&mut Ledger) -> Result<T, LedgerError>) {
    Store::open(&f.path).unwrap().update(change).unwrap();
}

/// The fixture with its App started afresh on its file, as a new run of the UI would find
/// the file as the test left it.
fn restarted(f: Fixture) -> Fixture {
    let store = Store::open(&f.path).unwrap();
    Fixture {
        app: trustladder::tui::App::new(&store, today(), trustladder::tui::Theme::default()),
        store,
        ..f
    }
}

#[test]
fn p_a_name_and_enter_adds_a_colleague() {
    let f = with_priya();
    assert_eq!(f.app.popup, None);
    let saved = f.saved();
    assert_eq!(saved.people.len(), 1);
    assert_eq!(saved.people[0].name, "Priya Raman");
    assert_eq!(saved.people[0].handle, "priya-raman");
    assert_eq!(saved.people[0].created, today());
    assert_eq!(f.app.people.current(), Some(saved.people[0].id));
    f.status_is("Added Priya Raman. u undoes");
    assert!(!f.app.status.error);
}

/// A name one typo from a colleague's is added, as asked, and the status line says whose
/// name it is close to, so a typo is noticed while undo is one key away.
#[test]
fn a_name_close_to_a_colleagues_is_added_and_said_to_be_close() {
    let mut f = with_priya();
    f.add_person("Priya Rmaan");
    assert_eq!(f.saved().people.len(), 2);
    f.status_is("Added Priya Rmaan; the name is close to Priya Raman, already here. u undoes");
    f.add_person("Bo Chen");
    f.status_is("Added Bo Chen. u undoes");
    // Renamed to a name a typo away from someone else's, the same is said.
    rename_selected(&mut f, "Bo Chen", "Priya Ramn");
    f.status_is("Saved Priya Ramn; the new name is close to Priya Raman or Priya Rmaan, already here. u undoes",
    );
}

/// Renamed to a first name alone that a colleague's name begins with, someone is saved, as
/// asked, and the status line says who goes by that first name, as it does for a person
/// added so; a role changed later says nothing of the name.
#[test]
fn a_rename_to_a_colleagues_first_name_is_saved_and_said_to_be_theirs() {
    let mut f = with_priya();
    f.add_person("Bo Chen");
    rename_selected(&mut f, "Bo Chen", "PRIYA");
    f.status_is("Saved PRIYA; Priya Raman, already here, goes by that first name. u undoes");
    assert!(f.saved().people.iter().any(|p| p.name == "PRIYA"));
}

/// A first name alone that a colleague's name begins with (`priya` beside Priya Raman), in
/// any case, or a whole name beginning with a colleague's one word, is added, as asked, and
/// the status line says who goes by that first name, as `person add` does, while undo is one
/// key away; two whole names that begin alike are two people, and say nothing.
#[test]
fn a_name_that_is_a_colleagues_first_name_is_added_and_said_to_be_theirs() {
    let mut f = with_priya();
    f.add_person("Priya Shah");
    f.status_is("Added Priya Shah. u undoes");
    f.add_person("priya");
    assert_eq!(f.saved().people.len(), 3);
    f.status_is(
        "Added priya; Priya Raman and Priya Shah, already here, go by that first name. u undoes",
    );
    f.press(Char('u'));
    f.status_is("Undid: Added priya. Ctrl-r redoes");
    assert_eq!(f.saved().people.len(), 2);
    f.add_person("PAT");
    f.add_person("Pat Quinn");
    f.status_is("Added Pat Quinn; PAT, already here, goes by that first name. u undoes");
    // A typo away as well is said once, as close.
    f.add_person("Priy");
    f.add_person("Priya");
    f.status_is(
        "Added Priya; the name is close to Priy, already here; Priya Raman and Priya Shah, \
         already here, go by that first name. u undoes",
    );
}

/// Renamed to the very name someone else has, the form keeps the new name and says at the
/// field whose name it is; nothing is saved.
#[test]
fn a_rename_to_someone_elses_name_is_refused_at_the_field() {
    let mut f = empty_fixture();
    f.add_person("Anna Fang");
    f.add_person("Bo Chen");
    rename_is_refused(
        &mut f,
        "Bo Chen",
        "anna fang",
        "Anna Fang is already the name of anna-fang; give a name that tells them apart (an initial, say)",
    );
}

/// The person form refuses a rename to someone else's very name, though it is the person's
/// own name with accents: two people were left named exactly alike.
#[test]
fn a_rename_to_someone_elses_spelling_of_ones_own_name_is_refused_at_the_field() {
    let mut f = empty_fixture();
    f.add_person("José Álvarez");
    f.add_person("Jose Alvarez");
    f.press(Char('y')); // another person of that name
    assert_eq!(f.saved().people.len(), 2);
    rename_is_refused(
        &mut f,
        "Jose Alvarez",
        "José Álvarez",
        "José Álvarez is already the name of josé-álvarez; give a name that tells them apart (an initial, say)",
    );
}

/// Adding the name of someone archived asks first, saying they are archived: they are not on
/// the list, and restoring them may be what was meant.
#[test]
fn adding_an_archived_colleagues_name_asks_saying_they_are_archived() {
    let mut f = empty_fixture();
    f.add_person("Chen Li B");
    f.press(Char('a'));
    assert!(f.saved().people[0].archived);
    f.add_person("chen li b");
    let c = question(&f);
    assert_eq!(
        c.question,
        "Chen Li B is already here as chen-li-b (archived). Add another person of that name?"
    );
}

/// A name that is someone's in capitals, with ss for ß and σ for ς (full case folding), is
/// the same name: adding it asks first, and the `/` filter finds its person.
#[test]
fn a_name_in_capitals_is_the_same_name_with_full_case_folding() {
    let mut f = empty_fixture();
    f.add_person("Straße Meißner");
    f.add_person("Νίκος Παπαδόπουλος");
    for name in ["STRASSE MEISSNER", "ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ"] {
        f.add_person(name);
        let confirm = question(&f);
        assert_eq!(confirm.title, "Same name", "{name}");
        f.press(Esc);
        f.press(Esc);
        assert_eq!(f.app.popup, None, "{name}");
        // The name typed comes back in the next form, dropped with Esc.
        f.press(Char('p'));
        f.press(Esc);
    }
    assert_eq!(f.saved().people.len(), 2);
    for (typed, found) in [("MEISSNER", "Straße Meißner"), ("ΝΙΚΟΣ", "Νίκος")] {
        type_filter(&mut f, typed);
        let screen = f.screen(80, 24);
        assert!(
            screen.contains("People · 1 ") && screen.contains(found),
            "{typed}:\n{screen}"
        );
        f.press(Esc);
    }
}

/// An empty name is refused under its field, saying what goes there with an example, as the
/// command line does (without the shell's quotes), whole on a small screen too.
#[test]
fn an_empty_name_is_refused_at_the_field_and_nothing_is_saved() {
    let mut f = empty_fixture();
    f.press(Char('p'));
    f.press(Enter);
    let form = open_form(&f);
    assert_eq!(
        form.fields[0].error.as_deref(),
        Some("name is empty; give the colleague's name, as in: Priya Raman")
    );
    let screen = f.screen(60, 16);
    assert!(screen.contains("give the colleague's name,"), "{screen}");
    assert!(screen.contains("as in: Priya Raman"), "{screen}");
    assert!(!f.path.exists(), "nothing may be written");
    f.press(Esc);
    assert_eq!(f.app.popup, None);
    f.status_is("New person: cancelled, nothing saved.");
    assert!(!f.path.exists());
}

#[test]
fn a_new_promise_takes_a_date_word_and_defaults_to_theirs_task_selected_person() {
    let mut f = with_priya();
    f.add_person("Marcus Chen");
    f.select_person("Priya Raman");
    f.press(Char('n'));
    f.typed("Send the deck");
    tab_to_due(&mut f);
    f.typed("fri");
    let form = open_form(&f);
    let due = &form.fields[form.focus];
    assert_eq!(due.label, "Due");
    assert_eq!(
        form.date_preview(due),
        Some(Ok(parse_iso("2026-11-27").unwrap()))
    );
    f.press(Enter);
    let saved = f.saved();
    assert_eq!(saved.promises.len(), 1);
    let p = &saved.promises[0];
    assert_eq!(p.what, "Send the deck");
    assert_eq!(p.person, f.person_id("Priya Raman"));
    assert_eq!(
        (p.direction, p.level, p.status),
        (Direction::Theirs, Level::Task, Status::Open)
    );
    assert_eq!(p.due, parse_iso("2026-11-27"));
    assert_eq!(p.made, today());
    f.status_is("#1 added for Priya Raman. u undoes");
}

/// A due date before today is kept (a promise written down late), and the status line says
/// it is overdue from the start.
#[test]
fn a_promise_added_with_a_past_due_date_is_said_to_be_overdue() {
    let mut f = with_priya();
    f.press(Char('n'));
    f.typed("Send the deck");
    tab_to_due(&mut f);
    f.typed("2026-11-20");
    f.press(Enter);
    assert_eq!(f.saved().promises[0].due, parse_iso("2026-11-20"));
    f.status_is("#1 added for Priya Raman; overdue already. u undoes");
    // Undone, the promise is gone and is not said to be overdue (it was); redone, it is.
    f.press(Char('u'));
    f.status_is("Undid: #1 added for Priya Raman. Ctrl-r redoes");
    f.ctrl('r');
    f.status_is("Redid: #1 added for Priya Raman; overdue already. u undoes");
}

/// The undo of a name close to a colleague's names the add alone: the name it was close to
/// is no longer here to be close to (it said "Undid: Added Priya Rmaan; the name is close to
/// Priya Raman, already here").
#[test]
fn the_undo_of_a_name_close_to_a_colleagues_names_the_add_alone() {
    let mut f = with_priya();
    f.add_person("Priya Rmaan");
    f.press(Char('u'));
    f.status_is("Undid: Added Priya Rmaan. Ctrl-r redoes");
    f.ctrl('r');
    f.status_is(
        "Redid: Added Priya Rmaan; the name is close to Priya Raman, already here. u undoes",
    );
}

/// A due date edited to before the promise was made is kept (as a new promise's before today
/// is), and said under the field and on the status line: it went in without a word and the
/// promise read overdue for longer than it had been made.
#[test]
fn a_due_date_edited_to_before_the_promise_was_made_is_said_to_be_overdue_from_the_start() {
    let mut f = one_open_promise();
    edit_due(&mut f, "2026-11-20");
    let screen = f.screen(100, 30);
    let said = "→ Fri 20 Nov: before it was made (2026-11-24)";
    assert!(screen.contains(said), "{screen}");
    f.press(Enter);
    assert_eq!(f.saved().promises[0].due, parse_iso("2026-11-20"));
    f.status_is("#1 saved; due 2026-11-20, before it was made (2026-11-24): overdue from the start. u undoes",
    );
}

#[test]
fn shift_tab_and_choices_pick_mine_and_a_higher_rung() {
    let mut f = with_priya();
    f.press(Char('n'));
    f.typed("Review the budget");
    f.press(BackTab); // wraps to Due
    f.press(BackTab); // Rung
    f.press(KeyCode::Right);
    f.press(KeyCode::Right);
    f.press(BackTab); // Who
    f.press(Char(' '));
    f.press(Enter);
    let p = &f.saved().promises[0];
    assert_eq!(
        (p.direction, p.level, p.due),
        (Direction::Mine, Level::Impact, None)
    );
}

#[test]
fn capital_l_a_sentence_and_enter_logs_a_kept_promise() {
    let mut f = with_priya();
    f.press(Char('L'));
    f.typed("Shipped the migration");
    f.press(Enter);
    let p = &f.saved().promises[0];
    assert_eq!(p.what, "Shipped the migration");
    assert_eq!((p.status, p.resolved), (Status::Kept, Some(today())));
    f.status_is("#1 logged as kept for Priya Raman. u undoes");
    let review = &f.app.cache.reviews[&p.person];
    assert_eq!(review.theirs.rungs[0].resolved, 1);
}

/// An emptied On in the log form is refused, as in the form that resolves a promise: the
/// field says it needs a day, before Enter and after, and a day nobody chose is not saved.
#[test]
fn the_log_form_with_its_day_emptied_saves_nothing() {
    let mut f = with_priya();
    let before = f.saved();
    f.press(Char('L'));
    f.typed("Shipped the migration");
    f.tab_to("On");
    f.ctrl('u');
    // The words to try fit a narrow form whole, the date written out left out.
    let narrow = f.screen(60, 16);
    assert!(
        narrow.contains("needs a day (try yesterday, fri, -3d) "),
        "{narrow}"
    );
    let wide = f.screen(100, 30);
    assert!(
        wide.contains("needs a day (try yesterday, fri, -3d, 2026-11-17)"),
        "{wide}"
    );
    f.press(Enter);
    assert_eq!(f.saved(), before, "nothing saved");
    let form = open_form(&f);
    let on = form
        .fields
        .iter()
        .find(|field| field.label == "On")
        .unwrap();
    assert_eq!(on.error.as_deref(), Some("needs a day"));
    // Under the field, the words it showed before Enter, as the status line points there (it
    // said "the day it was resolved is needed" then).
    let wide = f.screen(100, 30);
    assert!(
        wide.contains("needs a day (try yesterday, fri, -3d, 2026-11-17)"),
        "{wide}"
    );
    f.status_is("Not saved: On needs fixing (see under it).");
}

/// An outcome's day in the future is named with an empty What on the first Enter, in the
/// command line's words, where it was refused only once What was filled in.
#[test]
fn the_log_form_names_a_future_day_with_the_other_faults() {
    let mut f = with_priya();
    let before = f.saved();
    f.press(Char('L'));
    f.tab_to("On");
    f.ctrl('u');
    f.typed("tomorrow");
    f.press(Enter);
    assert_eq!(f.saved(), before, "nothing saved");
    f.status_is("Not saved: What and On need fixing (see under each).");
    let form = open_form(&f);
    let on = form.fields.iter().find(|x| x.label == "On").unwrap();
    assert_eq!(
        on.error.as_deref(),
        Some("2026-11-25 is after today (2026-11-24); an outcome cannot be recorded in the future")
    );
}

/// Two text fields over their length are both marked on the first Enter, where the core,
/// which stops at the first fault, named one per Enter; so is a cadence that does not read.
#[test]
fn every_text_fault_of_a_form_is_shown_at_once() {
    let mut f = empty_fixture();
    f.press(Char('p'));
    f.typed("Role Test");
    f.press(KeyCode::Tab);
    f.typed(&"r".repeat(600));
    f.press(KeyCode::Tab);
    f.typed(&"n".repeat(2500));
    f.press(KeyCode::Tab);
    f.typed("biweekly");
    f.press(Enter);
    let form = open_form(&f);
    let errors: Vec<(&str, Option<&str>)> = form
        .fields
        .iter()
        .map(|field| (field.label, field.error.as_deref()))
        .collect();
    assert_eq!(
        errors,
        [
            ("Name", None),
            (
                "Role",
                Some("role is too long (600 characters, at most 80)")
            ),
            (
                "Note",
                Some("note is too long (2500 characters, at most 2000)")
            ),
            (
                "Every",
                Some(
                    "'biweekly' means every two weeks to some and twice a week to others: type \
                     2w for every two weeks, or 3d for twice a week"
                )
            ),
        ]
    );
    assert_eq!(form.fields[form.focus].label, "Role", "the first bad field");
    assert!(f.saved().people.is_empty());
}

/// A due date most of a year ahead from a word that named no year (`nov 20` on 24
/// November) is said under the field, as `promise add` notes it; with its year, it is not.
#[test]
fn a_due_date_most_of_a_year_ahead_is_said_under_the_field() {
    let mut f = with_priya();
    f.press(Char('n'));
    f.typed("Send the deck");
    f.tab_to("Due");
    f.typed("nov 20");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("→ Saturday 20 November 2027, 361 days from today"),
        "{screen}"
    );
    f.ctrl('u');
    f.typed("2027-11-20");
    let screen = f.screen(80, 24);
    assert!(screen.contains("→ Saturday 20 November 2027 "), "{screen}");
    assert!(!screen.contains("days from today"), "{screen}");
}

/// The new-person form has the edit form's Every field: a colleague added with a cadence has
/// it from the start, as `person add --every` gives it, where it took an edit after the add.
/// Left empty, they have none of their own.
#[test]
fn a_person_added_with_a_cadence_has_it_from_the_start() {
    let mut f = empty_fixture();
    f.press(Char('p'));
    f.typed("Sam Okafor");
    f.tab_to("Every");
    f.typed("every other week");
    f.press(Enter);
    f.press(Char('p'));
    f.typed("Ana Lima");
    f.press(Enter);
    let saved = f.saved();
    let cadence = |name: &str| {
        let person = saved.people.iter().find(|p| p.name == name);
        person.map(|p| p.cadence_days)
    };
    assert_eq!(cadence("Sam Okafor"), Some(Some(14)));
    assert_eq!(cadence("Ana Lima"), Some(None));
}

/// A text longer than its field shows its end while typed (the cursor is there) and its
/// start once the cursor has moved on.
#[test]
fn a_long_field_not_being_typed_in_shows_its_start() {
    let mut f = empty_fixture();
    f.press(Char('p'));
    f.typed("Sam Okafor");
    f.press(KeyCode::Tab);
    f.typed("Staff engineer, platform reliability and developer experience");
    let screen = f.screen(60, 16);
    assert!(screen.contains("developer experience"), "{screen}");
    f.press(KeyCode::BackTab);
    let screen = f.screen(60, 16);
    assert!(
        screen.contains("Role: Staff engineer, platform"),
        "{screen}"
    );
    assert!(!screen.contains("developer experience"), "{screen}");
}

/// `↓` and `↑` move between a form's fields from a text field, as `Tab` and `Shift-Tab` do;
/// on a choice they change it, as before, and the hint bar then names `Tab` alone for the
/// next field.
#[test]
fn down_and_up_move_between_fields_from_a_text_field() {
    let mut f = empty_fixture();
    f.add_person("Ana Lima");
    f.add_person("Priya Raman");
    f.select_person("Ana Lima");
    f.press(Char('n'));
    let focus = |f: &Fixture| {
        let form = open_form(f);
        (
            form.fields[form.focus].label,
            form.fields[1].value.shown().to_string(),
        )
    };
    f.typed("Send the deck");
    assert!(
        f.hint_bar(80).starts_with(" Tab/↓ next field"),
        "{}",
        f.hint_bar(80)
    );
    f.press(KeyCode::Down);
    assert_eq!(focus(&f), ("Person", "Ana Lima".to_string()));
    assert!(
        f.hint_bar(80).starts_with(" Tab next field"),
        "{}",
        f.hint_bar(80)
    );
    assert!(
        f.hint_bar(80).contains("←/→/Space choose"),
        "{}",
        f.hint_bar(80)
    );
    f.press(KeyCode::Down);
    assert_eq!(focus(&f), ("Person", "Priya Raman".to_string()));
    f.tab_to("Due");
    f.press(KeyCode::Up);
    assert_eq!(focus(&f).0, "Rung");
    f.tab_to("What");
    f.press(KeyCode::Up);
    assert_eq!(focus(&f).0, "Due", "wrapping as Shift-Tab does");
    f.press(Enter);
    assert_eq!(f.saved().promises[0].what, "Send the deck");
}

/// Four Tabs from the new promise form's first field, What → Person → Who → Rung → Due,
/// as a user counts them.
fn tab_to_due(f: &mut Fixture) {
    for _ in 0..4 {
        f.press(Tab);
    }
}

/// `e` on the promise selected, three Tabs to its Due, and `due` typed there: the form stays
/// open, to be looked at or sent.
fn edit_due(f: &mut Fixture, due: &str) {
    f.press(Char('e'));
    for _ in 0..3 {
        f.press(Tab);
    }
    f.typed(due);
}

/// `?`, `/` and `text`: the help's search, as typed.
fn search_help(f: &mut Fixture, text: &str) {
    f.press(Char('?'));
    f.press(Char('/'));
    f.typed(text);
}

/// One person with one open promise, shown in the person view.
fn one_open_promise() -> Fixture {
    let mut f = with_priya();
    f.add_promise("Send the deck");
    open_page(&mut f);
    f
}

#[test]
fn d_marks_kept_u_undoes_and_ctrl_r_redoes() {
    let mut f = one_open_promise();
    assert_eq!(f.app.cache.person_open, 1);
    f.press(Char('d'));
    assert_eq!(f.saved().promises[0].status, Status::Kept);
    assert_eq!(f.saved().promises[0].resolved, Some(today()));
    assert_eq!(f.app.cache.person_open, 0);
    f.status_is("#1 kept. u undoes");

    f.press(Char('u'));
    assert_eq!(f.saved().promises[0].status, Status::Open);
    assert_eq!(f.saved().promises[0].resolved, None);
    f.status_is("Undid: #1 kept. Ctrl-r redoes");
    assert_eq!(f.app.ledger().promises[0].status, Status::Open);

    f.ctrl('r');
    assert_eq!(f.saved().promises[0].status, Status::Kept);
    f.status_is("Redid: #1 kept. u undoes");

    // Undo all the way back to an empty file, then nothing more.
    for _ in 0..3 {
        f.press(Char('u'));
    }
    assert!(f.saved().people.is_empty() && f.saved().promises.is_empty());
    f.press(Char('u'));
    f.status_is("Nothing to undo.");
    assert_eq!(f.app.view, View::People);
}

/// A quit pressed while a save is on its way, before the save begins to wait for another
/// process, still shows it was taken once the waiting line comes.
#[test]
fn a_quit_taken_during_a_save_still_shows_once_the_save_waits() {
    let mut f = one_open_promise();
    f.send_only(tui_support::key(Char('d')));
    f.send_only(tui_support::key(Char('q')));
    assert!(f.app.quit);
    f.status_is("Quitting once the change is saved; Ctrl-c quits now.");
    f.send_only(Message::Waiting { pid: Some(42) });
    f.status_is(
        "Waiting for another trustladder process (PID 42), at most 10 s… then quitting; \
         Ctrl-c quits now.",
    );
}

/// A kept promise given a due date before the day it was kept is kept late, and the status
/// line says so; undo puts both back.
#[test]
fn a_new_due_date_before_the_day_kept_makes_it_kept_late_and_says_so() {
    let mut f = one_open_promise();
    f.press(Char('d'));
    assert_eq!(f.saved().promises[0].status, Status::Kept);
    edit_due(&mut f, "2026-11-20");
    f.press(Enter);
    assert_eq!(f.app.popup, None, "saved: {}", f.app.status.text);
    assert_eq!(f.saved().promises[0].status, Status::KeptLate);
    f.status_is("#1 saved; now kept late by its due date. u undoes");
    f.press(Char('u'));
    assert_eq!(f.saved().promises[0].status, Status::Kept);
    assert_eq!(f.saved().promises[0].due, None);
}

/// The hint bar offers undo only with something to undo, and redo only with something to
/// redo, as the depth on the status line counts them; while a save is under way undo is
/// offered, since it waits for that change.
#[test]
fn the_hint_bar_offers_undo_and_redo_only_when_they_can_act() {
    let bar = |f: &Fixture| f.hint_bar(200);
    let mut f = demo_fixture();
    f.press(Enter);
    assert_eq!(f.app.history.depth(), (0, 0));
    let nothing = bar(&f);
    assert!(!nothing.contains(" u undo"), "{nothing}");
    assert!(!nothing.contains(" Ctrl-r redo"), "{nothing}");

    let effects = f.send_only(tui_support::key(Char('d')));
    assert!(!effects.is_empty() && f.app.saving > 0);
    let saving = bar(&f);
    assert!(saving.contains(" u undo"), "{saving}");
    let mut f = demo_fixture();
    f.press(Enter);
    f.press(Char('d'));
    let done = bar(&f);
    assert!(done.contains(" u undo"), "{done}");
    assert!(!done.contains(" Ctrl-r redo"), "{done}");
    f.press(Char('u'));
    assert_eq!(f.app.history.depth(), (0, 1));
    let undone = bar(&f);
    assert!(!undone.contains(" u undo"), "{undone}");
    assert!(undone.contains(" Ctrl-r redo"), "{undone}");
}

#[test]
fn b_breaks_r_releases_o_reopens_and_a_resolved_promise_is_not_resolved_twice() {
    let mut f = one_open_promise();
    f.press(Char('b'));
    assert_eq!(f.saved().promises[0].status, Status::Broken);
    f.press(Char('d'));
    assert!(f.app.status.error);
    f.status_is("#1 is already broken: o reopens it.");
    f.press(Char('o'));
    assert_eq!(f.saved().promises[0].status, Status::Open);
    f.press(Char('r'));
    assert_eq!(f.saved().promises[0].status, Status::Released);
}

/// `o` keeps the note, as `reopen` does (which outcome or edit gave it is not known), and
/// says so; `u` brings the outcome back.
#[test]
fn o_reopens_keeping_the_note_and_says_so() {
    let mut f = one_open_promise();
    f.press(Enter);
    f.press(Tab);
    f.press(Tab);
    f.typed("done a day early");
    f.press(Enter);
    assert_eq!(f.saved().promises[0].note, "done a day early");
    f.press(Char('o'));
    let p = &f.saved().promises[0];
    assert_eq!(
        (p.status, p.note.as_str()),
        (Status::Open, "done a day early")
    );
    f.status_starts("#1 reopened; it keeps its note");
    f.press(Char('u'));
    let p = &f.saved().promises[0];
    assert_eq!(
        (p.status, p.note.as_str()),
        (Status::Kept, "done a day early")
    );
}

/// Looking back at a day before a promise was made, or before its outcome, `o` says it was
/// open then, as `reopen` does, and the file is left as it was (it erased the outcome).
#[test]
fn looking_back_o_does_not_reopen_what_was_open_then() {
    let mut ledger = Ledger::default();
    let made = parse_iso("2026-10-01").unwrap();
    let at = Moment::fixed(made, "test");
    let who = ledger.add_person("Ana Ruiz", "", "", at).unwrap();
    let promise = NewPromise {
        outcome: Some((Status::KeptLate, parse_iso("2026-11-01").unwrap())),
        due: Some(parse_iso("2026-10-20").unwrap()),
        ..NewPromise::task(who, "Send deck", made)
    };
    let now = Moment::fixed(today(), "test");
    ledger.add_promise(promise, now).unwrap();
    let mut f = fixture(Some(ledger), false);
    let before = std::fs::read(&f.path).unwrap();
    f.press(Enter);
    for (day, said) in [
        (
            "2026-10-15",
            "Promise #1 cannot be reopened on 2026-10-15: it was kept late on 2026-11-01, so it was still open then; with --today 2026-11-01 or a later day it can be.",
        ),
        (
            "2026-09-15",
            "Promise #1 cannot be reopened on 2026-09-15, before it was made (2026-10-01); with --today 2026-10-01 or a later day it can be.",
        ),
    ] {
        look_back(&mut f, day);
        f.press(Char('o'));
        assert!(f.app.status.error);
        f.status_is(said);
        assert_eq!(std::fs::read(&f.path).unwrap(), before);
    }
}

#[test]
fn enter_on_an_open_promise_resolves_it_with_an_outcome_and_a_note() {
    let mut f = one_open_promise();
    f.press(Enter);
    let form = open_form(&f);
    assert!(
        matches!(form.kind, FormKind::Resolve(t) if t.id == PromiseId(1)),
        "{form:?}"
    );
    f.press(KeyCode::Right); // kept late
    f.press(Tab);
    f.press(Tab);
    f.typed("a day late, warned ahead");
    f.press(Enter);
    let p = &f.saved().promises[0];
    assert_eq!(p.status, Status::KeptLate);
    assert_eq!(p.note, "a day late, warned ahead");
    f.status_is("#1 kept late. u undoes");
}

/// A promise made today can only be resolved today: its emptied On suggests that alone, not
/// days before it was made, which the form would refuse.
#[test]
fn an_emptied_outcome_day_suggests_only_days_since_the_promise_was_made() {
    let mut f = one_open_promise();
    f.press(Enter);
    f.tab_to("On");
    f.ctrl('u');
    let screen = f.screen(80, 24);
    assert!(screen.contains("needs a day (try today)"), "{screen}");
    assert!(!screen.contains("yesterday"), "{screen}");
}

#[test]
fn delete_asks_first_and_no_keeps_everything() {
    let mut f = one_open_promise();
    f.press(Char('x'));
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
    f.press(Char('n'));
    assert_eq!(f.app.popup, None);
    assert_eq!(f.saved().promises.len(), 1);
    f.press(Char('x'));
    f.press(Char('y'));
    assert!(f.saved().promises.is_empty());
    f.status_is("#1 deleted. u undoes");
    f.press(Char('u'));
    assert_eq!(f.saved().promises.len(), 1);
}

#[test]
fn deleting_a_person_takes_their_promises_and_undo_brings_them_back() {
    let mut f = one_open_promise();
    f.press(Esc);
    assert_eq!(f.app.view, View::People);
    f.press(Char('x'));
    let c = question(&f);
    assert!(
        c.question
            .starts_with("Delete Priya Raman and their 1 promise?"),
        "{}",
        c.question
    );
    f.press(Enter);
    let saved = f.saved();
    assert!(saved.people.is_empty() && saved.promises.is_empty());
    f.status_is("Deleted Priya Raman and 1 promise. u undoes");
    f.press(Char('u'));
    let saved = f.saved();
    assert_eq!((saved.people.len(), saved.promises.len()), (1, 1));
    assert_eq!(f.app.people.items.len(), 1);
}

/// The question before deleting a person offers to archive them instead, and `a` does it:
/// the same change as the archive key, undone the same way; a promise's question offers
/// nothing, and `a` there leaves it open.
#[test]
fn a_in_the_delete_question_archives_the_person_instead() {
    let mut f = demo_fixture();
    f.select_person("Lena Novak");
    let lena = f.person_id("Lena Novak");
    let promises = f.saved().promises.len();
    f.press(Char('x'));
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("a  archive instead, keeping the record"),
        "{screen}"
    );
    f.press(Char('a'));
    assert_eq!(f.app.popup, None);
    let saved = f.saved();
    assert!(saved.person(lena).unwrap().archived);
    assert_eq!(saved.promises.len(), promises, "nothing deleted");
    f.status_is(
        "Archived Lena Novak; 2 open promises left the agenda (A there shows them). u undoes",
    );
    f.press(Char('u'));
    assert!(!f.saved().person(lena).unwrap().archived);

    f.select_person("Lena Novak");
    open_page(&mut f);
    f.press(Char('x'));
    assert!(!f.screen(80, 24).contains("archive instead"));
    f.press(Char('a'));
    assert!(
        matches!(f.app.popup, Some(Popup::Confirm(_))),
        "still asking"
    );
    assert!(!f.saved().person(lena).unwrap().archived);
    f.press(Esc);
    assert_eq!(f.saved().promises.len(), promises);
}

/// With no one archived there is no `A archived` on the bar, though the archived were shown
/// before the last one was restored: it offered a key that showed nothing more.
#[test]
fn no_a_archived_hint_once_no_one_is_archived_though_they_are_shown() {
    let mut f = empty_fixture();
    f.add_person("Ana Ruiz");
    f.add_person("Bo Chen");
    f.select_person("Bo Chen");
    f.press(Char('a'));
    assert!(
        f.hint_bar(200).contains(" A archived"),
        "{}",
        f.hint_bar(200)
    );
    f.press(Char('A'));
    assert!(f.app.show_archived);
    f.select_person("Bo Chen");
    f.press(Char('a'));
    assert!(f.saved().people.iter().all(|p| !p.archived));
    assert!(f.app.show_archived);
    let bar = f.hint_bar(200);
    assert!(!bar.contains(" A archived"), "{bar}");
    assert!(bar.contains(" ? help"), "the whole bar: {bar}");
}

#[test]
fn archive_hides_a_person_and_capital_a_shows_them_to_restore() {
    let mut f = demo_fixture();
    let total = f.app.people.items.len();
    f.select_person("Lena Novak");
    let lena = f.person_id("Lena Novak");
    f.press(Char('a'));
    assert!(f.saved().person(lena).unwrap().archived);
    assert_eq!(f.app.people.items.len(), total - 1);
    assert!(!f.app.people.items.contains(&lena));
    f.status_is(
        "Archived Lena Novak; 2 open promises left the agenda (A there shows them). u undoes",
    );
    // Archived people's promises leave the agenda too.
    assert!(
        f.app
            .agenda
            .items
            .iter()
            .all(|(_, id)| { f.app.ledger().promise(*id).unwrap().person != lena })
    );
    f.press(Char('A'));
    assert_eq!(f.app.people.items.len(), total);
    f.status_is("Showing archived people too (a restores one).");
    // In the agenda, her promises say she is archived, as the people table does.
    tab_to_view(&mut f, View::Agenda);
    let screen = f.screen(140, 40);
    let hers: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("Lena Novak"))
        .collect();
    assert_eq!(hers.len(), 2, "{screen}");
    assert!(
        hers.iter().all(|l| l.contains("Lena Novak (archived)")),
        "{screen}"
    );
    // And its title says archived people are shown, as the people list's does.
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Agenda") && l.contains("· with archived")),
        "{screen}"
    );
    tab_to_view(&mut f, View::People);
    f.select_person("Lena Novak");
    f.press(Char('a'));
    assert!(!f.saved().person(lena).unwrap().archived);
}

/// On an archived person `n` and `L` only say to restore them first, so the hint bar offers
/// `a restore` in their place, on the People row and on their page; back among the active,
/// the bar offers `n promise` again.
#[test]
fn the_hint_bar_offers_restore_not_a_promise_for_an_archived_person() {
    let bar = |f: &Fixture| f.hint_bar(100);
    let mut f = demo_fixture();
    f.select_person("Lena Novak");
    assert!(bar(&f).contains(" n promise"), "{}", bar(&f));
    f.press(Char('a'));
    f.press(Char('A'));
    f.select_person("Lena Novak");
    let row = bar(&f);
    for key in [" n promise", " L log kept", " a archive"] {
        assert!(!row.contains(key), "{key} on an archived row: {row}");
    }
    assert!(row.contains(" a restore"), "{row}");
    open_page(&mut f);
    let page = bar(&f);
    for key in [" n promise", " L log kept", " a archive"] {
        assert!(!page.contains(key), "{key} on an archived page: {page}");
    }
    assert!(page.contains(" a restore"), "{page}");
    f.press(Char('n'));
    f.status_is("Lena Novak is archived: a restores them first.");
    f.press(Char('a'));
    assert!(
        !f.saved()
            .person(f.person_id("Lena Novak"))
            .unwrap()
            .archived
    );
    let page = bar(&f);
    assert!(page.contains(" n promise"), "{page}");
    assert!(!page.contains(" a restore"), "{page}");
}

#[test]
fn slash_filters_live_enter_keeps_and_esc_clears() {
    let mut f = demo_fixture();
    type_filter(&mut f, "ma");
    let names = people_listed(&f);
    // Accents do not count: Tomás has "ma" too.
    assert_eq!(
        names,
        ["Amara Okafor", "Marcus Chen", "Priya Raman", "Tomás Silva"]
    );
    f.typed("rc");
    assert_eq!(f.app.people.items.len(), 1, "only Marcus has 'marc'");
    f.press(KeyCode::Backspace);
    f.press(KeyCode::Backspace);
    assert_eq!(f.app.people.items.len(), 4);
    f.press(Enter);
    assert!(!f.app.filtering);
    assert_eq!(f.app.people.items.len(), 4);
    // The selection stayed on Marcus through the typing; keys move it again.
    assert_eq!(f.app.people.current(), Some(f.person_id("Marcus Chen")));
    f.press(Char('j'));
    assert_eq!(f.app.people.current(), Some(f.person_id("Priya Raman")));
    f.press(Esc);
    assert_eq!(f.app.filter, "");
    assert_eq!(f.app.people.items.len(), 12);
}

/// `trustladder review obrien` finds Seán O'Brien, the marks left out, but `/obrien` showed
/// no one: the filters now find a name or a word begun with its marks left out too, on
/// People, in the agenda and among a person's promises, keeping what matches as typed.
#[test]
fn slash_finds_a_name_typed_without_its_marks() {
    let mut f = demo_fixture();
    type_filter(&mut f, "obrien");
    assert_eq!(people_listed(&f), ["Seán O'Brien"]);
    let sean = f.person_id("Seán O'Brien");
    assert!(!f.app.agenda.items.is_empty());
    for (_, id) in &f.app.agenda.items {
        assert_eq!(f.app.ledger().promise(*id).unwrap().person, sean);
    }
    // Each key narrows what is shown: `o b` as typed begins no one's name, but O'Brien's
    // with the blank left out.
    f.press(Esc);
    type_filter(&mut f, "o b");
    assert_eq!(people_listed(&f), ["Seán O'Brien"]);
    f.press(Esc);
    // A person's promises: `oncall` finds the on-call rotation.
    keep_filter(&mut f, "amara");
    open_page(&mut f);
    type_filter(&mut f, "oncall");
    let whats = promises_listed(&f);
    assert!(!whats.is_empty());
    assert!(whats.iter().all(|w| w.contains("on-call")), "{whats:?}");
}

/// A person added, renamed or brought back by an undo where the filter hides them is said
/// to be hidden, not only added: the cursor could not go to them and stays on someone the
/// filter shows, whom `e` would edit. Clearing the filter puts the cursor on them.
#[test]
fn a_person_the_filter_hides_once_changed_is_said_to_be_hidden_and_esc_finds_them() {
    let mut f = demo_fixture();
    keep_filter(&mut f, "marc");
    let marcus = f.person_id("Marcus Chen");
    assert_eq!(f.app.people.current(), Some(marcus));
    f.add_person("Zed Quill");
    let zed = f.person_id("Zed Quill");
    f.status_is("Added Zed Quill; the filter hides them (Esc clears it). u undoes");
    assert_eq!(f.app.people.current(), Some(marcus), "Zed is not listed");
    f.press(Esc);
    assert_eq!(f.app.filter, "");
    assert_eq!(f.app.people.current(), Some(zed));
    // Renamed out of the filter, and the rename undone: each says so.
    // (The handle stays zed-quill, which the filter searches too, as typed and with its
    // hyphen left out: `zed q` would find it, `d q` does not.)
    keep_filter(&mut f, "d q");
    rename_selected(&mut f, "Zed Quill", "Ada Quill");
    f.status_is("Saved Ada Quill; the filter hides them (Esc clears it). u undoes");
    f.press(Char('u'));
    assert_eq!(f.app.people.current(), Some(zed), "Zed Quill again, shown");
    f.status_starts("Undid: Saved Ada Quill. ");
    // Shown, or with no filter, nothing more is said.
    f.press(Esc);
    f.add_person("Bo Quill");
    f.status_is("Added Bo Quill. u undoes");
}

/// A promise added on a person's page whose filter hides it is said to be hidden, and
/// clearing the filter puts the cursor on it rather than leave it on the row a key would
/// then mark; in the agenda likewise.
#[test]
fn a_promise_the_filter_hides_once_added_is_said_to_be_hidden_and_esc_finds_it() {
    let saved_id = |f: &Fixture, what: &str| {
        let saved = f.saved();
        saved.promises.iter().find(|p| p.what == what).map(|p| p.id)
    };
    let mut f = one_open_promise();
    let deck = f.app.promises.current();
    keep_filter(&mut f, "deck");
    f.add_promise("Call the vendor");
    let call = saved_id(&f, "Call the vendor");
    assert_eq!(
        f.app.status.text,
        format!(
            "#{} added for Priya Raman; the filter hides it (Esc clears it). u undoes",
            call.unwrap().0
        )
    );
    assert_eq!(
        f.app.promises.current(),
        deck,
        "the new promise is not listed"
    );
    f.press(Esc);
    assert_eq!(f.app.promises.current(), call);
    // The agenda, filtered by the lists' filter.
    f.press(Esc);
    tab_to_view(&mut f, View::Agenda);
    keep_filter(&mut f, "deck");
    f.add_promise("Book the room");
    let room = saved_id(&f, "Book the room");
    assert!(
        f.app
            .status
            .text
            .ends_with("; the filter hides it (Esc clears it). u undoes"),
        "{}",
        f.app.status.text
    );
    assert_eq!(f.app.selected_promise(), deck);
    f.press(Esc);
    assert_eq!(f.app.selected_promise(), room);
}

/// The demo team on a `width` x `height` screen, on Marcus Chen's page: at 80x24 or less,
/// short enough that the chart `c` shows stands in the promises' place.
fn marcus_page(width: u16, height: u16) -> Fixture {
    let mut f = demo_fixture();
    resize(&mut f, width, height);
    f.select_person("Marcus Chen");
    f.press(Enter);
    f
}

/// Where the chart stands in the promises' place, the keys and the wheel that move the
/// selection leave it where it was and say why, as the keys that act on it do: it never
/// lands on a promise the person did not see.
#[test]
fn moving_under_the_chart_that_hides_the_promises_is_refused() {
    let mut f = marcus_page(80, 24);
    let first = f.app.promises.current();
    f.press(Char('c'));
    assert!(f.screen(80, 24).contains("Trust over time"));
    for key in [Char('j'), Char('k'), Char('G'), Char('g'), PageDown] {
        f.press(key);
        assert_eq!(f.app.promises.current(), first, "{key:?}");
        f.status_is("The chart is in the promises' place: c shows them again.");
    }
    f.press(Char('c'));
    f.press(Char('j'));
    assert_ne!(f.app.promises.current(), first, "shown again, they move");
}

/// `/` and Enter with nothing typed closes the filter line and says nothing: there is no
/// filter to clear.
#[test]
fn an_empty_filter_kept_says_nothing() {
    let mut f = demo_fixture();
    f.press(Char('/'));
    f.press(Enter);
    assert!(!f.app.filtering);
    assert_eq!(f.app.filter, "");
    f.status_is("");
    assert!(f.screen(80, 24).contains("People · 12 ·"));
}

/// `/` on a person's page filters their promises as the lists' filter does (live, accents
/// and case aside; Enter keeps, Esc clears), apart from the lists' filter: a person opened
/// from a filtered list shows every promise, and Esc goes back to the list still filtered.
#[test]
fn slash_filters_a_persons_promises_apart_from_the_lists_filter() {
    let mut f = demo_fixture();
    keep_filter(&mut f, "marc");
    f.status_is("Filter 'marc'. Esc clears it.");
    open_page(&mut f);
    // On the person's page Esc goes back: the list's words on clearing its filter are gone.
    f.status_is("");
    assert_eq!(f.app.promises.items.len(), 30, "every promise of Marcus");

    f.press(Char('/'));
    assert!(f.app.filtering);
    f.typed("SHÄRE");
    assert_eq!(promises_listed(&f), ["Share the interview feedback"; 3]);
    assert_eq!(f.app.cache.person_open, 0);
    assert_eq!(f.app.filter, "marc", "the list's filter is left alone");
    f.press(Enter);
    assert!(!f.app.filtering);
    f.status_is("Filter 'SHÄRE'. Esc clears it.");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("Promises · 3 · 0 open · filter: SHÄRE ·"),
        "{screen}"
    );
    // Keys act on the rows shown.
    f.press(Char('j'));
    assert_eq!(
        promises_listed(&f)[f.app.promises.selected],
        "Share the interview feedback"
    );

    type_filter(&mut f, "zzz");
    assert!(f.app.promises.items.is_empty());
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("No promise matches. Esc clears the filter."),
        "{screen}"
    );
    f.press(Esc);
    assert!(!f.app.filtering);
    assert_eq!(f.app.promises.items.len(), 30, "Esc while typing clears");

    keep_filter(&mut f, "launch");
    assert_eq!(promises_listed(&f), ["Launch the self-serve onboarding"; 4]);
    assert_eq!(f.app.cache.person_open, 1);
    f.press(Esc);
    assert_eq!(f.app.view, View::Person, "Esc first clears the filter");
    f.status_is("Filter cleared.");
    assert_eq!(f.app.promises.items.len(), 30);

    keep_filter(&mut f, "launch");
    f.press(Esc);
    f.press(Esc);
    assert_eq!(f.app.view, View::People);
    assert_eq!(f.app.filter, "marc");
    assert_eq!(f.app.people.items.len(), 1);
    // Another person's page starts unfiltered.
    f.press(Esc);
    f.select_person("Amara Okafor");
    f.press(Enter);
    keep_filter(&mut f, "on-call");
    assert_eq!(f.app.promises.items.len(), 6);
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::People);
    f.select_person("Diego Ruiz");
    f.press(Enter);
    assert_eq!(f.app.promise_filter.text(), "");
    assert_eq!(
        f.app.promises.items.len(),
        f.app.cache.person_promises.len()
    );
}

/// A list emptied by its filter says so, and that the back key clears it, wherever a key
/// finds nothing to act on; one emptied by archiving says how to show the archived; only an
/// empty ledger says no one is here yet.
#[test]
fn a_filter_that_matches_nothing_is_named_as_the_reason() {
    let mut f = demo_fixture();
    keep_filter(&mut f, "zz");
    assert!(f.app.people.items.is_empty());
    let screen = f.screen(80, 24);
    assert!(screen.contains("No one matches. Esc clears the filter."));
    // No legend of the notes under a list with no one, and so no notes, in it.
    assert!(!screen.contains("Notes:"), "{screen}");
    // Every key on a person says it alike (`x` and `a` said nothing selected, in other words).
    each_key_says(
        &mut f,
        &[Enter, Char('e'), Char('x'), Char('a')],
        "No one matches the filter; Esc clears it.",
    );
    f.press(Esc);
    f.select_person("Marcus Chen");
    f.press(Enter);
    keep_filter(&mut f, "zzz");
    for key in [Enter, Char('d'), Char('e')] {
        f.press(key);
        assert_eq!(
            f.app.status.text, "No promise matches the filter; Esc clears it.",
            "{key:?}"
        );
    }
    f.press(Esc);
    tab_to_view(&mut f, View::Agenda);
    keep_filter(&mut f, "zzz");
    for key in [Char('d'), Char('e')] {
        f.press(key);
        assert_eq!(
            f.app.status.text, "Nothing matches the filter; Esc clears it.",
            "{key:?}"
        );
    }

    let mut f = empty_fixture();
    for (key, does) in [
        (Enter, "open"),
        (Char('e'), "edit"),
        (Char('x'), "delete"),
        (Char('a'), "archive"),
    ] {
        f.press(key);
        assert_eq!(
            f.app.status.text,
            format!("No one to {does}: p adds a person."),
            "{key:?}"
        );
        assert_eq!(f.app.popup, None, "{key:?}");
    }
    f.add_person("Priya Raman");
    f.press(Char('a'));
    assert!(f.app.people.items.is_empty());
    assert!(
        f.screen(80, 24)
            .contains("Everyone here is archived. A shows them.")
    );
    each_key_says(
        &mut f,
        &[Enter, Char('e'), Char('x'), Char('a')],
        "Everyone here is archived: A shows them.",
    );
    assert!(f.saved().people[0].archived);
}

/// The status line's one row on a person's page at 60x16, its blanks at the end left out,
/// and the whole screen, to show when the row is not as expected.
fn status_at_60x16(f: &Fixture) -> (String, String) {
    let screen = f.screen(60, 16);
    let line = screen
        .lines()
        .nth(14)
        .unwrap_or_default()
        .trim_end()
        .to_string();
    (line, screen)
}

/// On a person's page at 60x16, `/` over the chart said `Chart hidde… Type to filter; …`,
/// cut inside a word: it says what to do, the promises back in sight saying the rest.
#[test]
fn slash_over_the_chart_at_60_columns_is_not_cut_inside_a_word() {
    let mut f = marcus_page(60, 16);
    f.press(Char('c'));
    f.press(Char('/'));
    f.status_starts("Chart hidden");
    let (status, screen) = status_at_60x16(&f);
    assert_eq!(
        status, " Type to filter; Enter keeps it, Esc clears it.",
        "{screen}"
    );
}

/// On a short screen where `c` put the chart in the promises' place, `/` brings the promises
/// back: the filter shows in their title as it is typed, and what it keeps is in sight.
#[test]
fn slash_over_the_chart_shows_the_promises_it_filters() {
    let mut f = marcus_page(80, 24);
    f.press(Char('c'));
    let screen = f.screen(80, 24);
    assert!(screen.contains("Trust over time"), "{screen}");
    assert!(!screen.contains("Promises ·"), "{screen}");

    type_filter(&mut f, "share");
    f.status_is(
        "Chart hidden to show the promises. Type to filter; Enter keeps it, Esc clears it.",
    );
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("Promises · 3 · 0 open · filter: share ·"),
        "{screen}"
    );
    assert!(!screen.contains("Trust over time"), "{screen}");
    f.press(Enter);
    let screen = f.screen(80, 24);
    assert!(screen.contains("filter: share"), "{screen}");
    assert!(screen.contains("Share the interview feedback"), "{screen}");
    // Clearing the filter brings the chart back, as the person had it: after Enter kept it
    // (Esc), or while it is typed (Esc).
    f.press(Esc);
    f.status_is("Filter cleared; the chart is back.");
    assert!(f.screen(80, 24).contains("Trust over time"));
    type_filter(&mut f, "share");
    assert!(!f.screen(80, 24).contains("Trust over time"));
    f.press(Esc);
    f.status_is("Filter cleared; the chart is back.");
    assert!(f.screen(80, 24).contains("Trust over time"));
    // Enter with nothing typed keeps no filter: the chart is back at once.
    f.press(Char('/'));
    assert!(!f.screen(80, 24).contains("Trust over time"));
    f.press(Enter);
    f.status_is("The chart is back.");
    assert!(f.screen(80, 24).contains("Trust over time"));
    // Once `c` hid it meanwhile, clearing the filter leaves it hidden.
    keep_filter(&mut f, "share");
    f.press(Char('c'));
    assert!(f.screen(80, 24).contains("Trust over time"));
    f.press(Char('c'));
    f.press(Esc);
    f.status_is("Filter cleared.");
    assert!(!f.screen(80, 24).contains("Trust over time"));
    // `c` shows the chart again, as before.
    f.press(Char('c'));
    assert!(f.screen(80, 24).contains("Trust over time"));

    // Where the chart sits under the promises, `/` leaves it there. Shown with `c` on the
    // short screen, it stays shown on the tall one.
    resize(&mut f, 100, 40);
    assert!(f.screen(100, 40).contains("Trust over time"));
    f.press(Char('/'));
    f.status_is("Type to filter; Enter keeps it, Esc clears it.");
    let screen = f.screen(100, 40);
    assert!(screen.contains("Trust over time"), "{screen}");
    assert!(screen.contains("Promises ·"), "{screen}");
}

#[test]
fn sort_cycles_name_level_overdue_and_last_contact() {
    let mut f = demo_fixture();
    f.press(Char('s'));
    let first = f.app.people.items[0];
    let level = f.app.cache.reviews[&first].theirs.trust_level;
    assert_eq!(level, Some(Level::Impact));
    f.press(Char('s'));
    let overdue: Vec<usize> = f
        .app
        .people
        .items
        .iter()
        .map(|id| f.app.cache.reviews[id].overdue)
        .collect();
    assert!(overdue.windows(2).all(|w| w[0] >= w[1]), "{overdue:?}");
    f.press(Char('s'));
    f.status_is("Sorted by last contact.");
    let last: Vec<_> = f
        .app
        .people
        .items
        .iter()
        .map(|id| f.app.cache.contacts[id].day)
        .collect();
    assert!(last.windows(2).all(|w| w[0] <= w[1]), "{last:?}");
    assert!(
        last.first() < last.last(),
        "the demo team differs: {last:?}"
    );
    f.press(Char('s'));
    f.status_is("Sorted by name.");
}

#[test]
fn tab_moves_through_the_views_and_enter_in_the_agenda_opens_the_person() {
    let mut f = demo_fixture();
    assert_eq!(f.app.view, View::People);
    f.press(Tab);
    assert_eq!(f.app.view, View::Person);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    f.press(BackTab);
    assert_eq!(f.app.view, View::Person);
    f.press(Tab);
    f.press(Char('G'));
    let (_, last) = f.app.agenda.current().unwrap();
    open_page(&mut f);
    assert_eq!(f.app.promises.current(), Some(last));
    f.press(Esc);
    assert_eq!(f.app.view, View::Agenda);
}

#[test]
fn q_quits_from_a_view_but_is_typed_in_a_form_and_ctrl_c_quits_anywhere() {
    let mut f = empty_fixture();
    f.press(Char('p'));
    f.typed("q");
    assert!(!f.app.quit);
    f.ctrl('c');
    assert!(f.app.quit);
    let mut f = empty_fixture();
    f.press(Char('q'));
    assert!(f.app.quit);
}

/// Ctrl-l asks the run loop to draw the whole screen again, wherever it is pressed, and does
/// nothing else: a form keeps its text (no `l` typed), a view its selection.
#[test]
fn ctrl_l_asks_for_a_whole_redraw_and_changes_nothing_else() {
    let mut f = demo_fixture();
    f.press(Char('j'));
    let selected = f.app.people.current();
    f.ctrl('l');
    assert!(f.app.redraw);
    assert_eq!(f.app.people.current(), selected);
    f.app.redraw = false;
    f.press(Char('p'));
    f.typed("Ada");
    f.ctrl('l');
    assert!(f.app.redraw);
    let form = open_form(&f);
    assert_eq!(form.fields[0].shown(), "Ada");
}

/// Ctrl-z asks the run loop to suspend the UI, wherever it is pressed (a form, the filter, the
/// help, a screen below the minimum), and changes nothing else: a form keeps its text (no `z`
/// typed) and stays open for when the UI is back. Where no shell could bring it back, the
/// loop says so, and the status line names the key.
#[test]
fn ctrl_z_asks_to_suspend_anywhere_and_changes_nothing_else() {
    use trustladder::tui::message::Effect;
    let mut f = demo_fixture();
    f.press(Char('j'));
    let selected = f.app.people.current();
    assert_eq!(f.send_only(tui_support::ctrl('z')), vec![Effect::Suspend]);
    assert_eq!(f.app.people.current(), selected);
    assert!(!f.app.quit);
    f.press(Char('p'));
    f.typed("Ada");
    assert_eq!(f.send_only(tui_support::ctrl('z')), vec![Effect::Suspend]);
    let form = open_form(&f);
    assert_eq!(form.fields[0].shown(), "Ada");
    f.press(Esc);
    for open in [Char('/'), Char('?')] {
        f.press(open);
        assert_eq!(f.send_only(tui_support::ctrl('z')), vec![Effect::Suspend]);
        f.press(Esc);
    }
    resize(&mut f, 20, 5);
    assert_eq!(f.send_only(tui_support::ctrl('z')), vec![Effect::Suspend]);
    f.send(Message::NotSuspended);
    assert!(f.app.status.error);
    f.status_is("Not suspended: Ctrl-z suspends only a UI started from a shell with job control, which brings it back with fg.",
    );
}

#[test]
fn help_lists_the_keys_and_closes_with_esc() {
    let mut f = empty_fixture();
    f.press(Char('?'));
    assert_eq!(f.app.help_first_line(), Some(0));
    f.press(Char('j'));
    assert_eq!(f.app.help_first_line(), Some(1));
    f.press(Esc);
    assert_eq!(f.app.popup, None);
}

#[test]
fn an_outside_change_is_picked_up_and_the_selection_stays_on_the_same_person() {
    let mut f = demo_fixture();
    f.select_person("Zoë Park");
    let zoe = f.person_id("Zoë Park");
    let before = f.app.people.selected;
    save_elsewhere(&f, |l| l.add_person("Aaron Abbott", "", "", today()));
    f.tick();
    assert_eq!(f.app.people.items.len(), 13);
    assert_eq!(f.app.people.current(), Some(zoe));
    assert_eq!(f.app.people.selected, before + 1, "Aaron sorts first");
    f.status_is("Reloaded: the file was changed elsewhere.");
}

#[test]
fn a_save_after_an_outside_change_keeps_both_and_says_so() {
    let mut f = with_priya();
    save_elsewhere(&f, |l| l.add_person("Marcus Chen", "", "", today()));
    // No tick in between: the UI still shows the old file when it saves.
    f.add_person("Zoë Park");
    let names: Vec<String> = f.saved().people.into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Priya Raman", "Marcus Chen", "Zoë Park"]);
    f.status_is("Added Zoë Park (merged with a change saved elsewhere). u undoes");
    // Undo removes only what this UI added.
    f.press(Char('u'));
    let names: Vec<String> = f.saved().people.into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Priya Raman", "Marcus Chen"]);
}

#[test]
fn editing_a_person_keeps_the_handle() {
    let mut f = with_priya();
    f.press(Char('e'));
    for _ in 0.."Raman".len() {
        f.press(KeyCode::Backspace);
    }
    f.typed("Iyer");
    f.press(Tab);
    f.typed("Backend");
    f.press(Enter);
    let p = &f.saved().people[0];
    assert_eq!(
        (p.name.as_str(), p.role.as_str(), p.handle.as_str()),
        ("Priya Iyer", "Backend", "priya-raman")
    );
}

#[test]
fn a_promise_needs_a_person_first() {
    let mut f = empty_fixture();
    f.press(Char('n'));
    assert_eq!(f.app.popup, None);
    assert!(f.app.status.error);
    f.status_is("Add a person first: p.");
}

/// With the only colleague archived, `n` and `L` do not ask for a person to be added: one is
/// here, archived. On their page `a` restores them; elsewhere `A` lists them.
#[test]
fn a_promise_with_everyone_archived_says_so_not_to_add_a_person() {
    let mut f = with_priya();
    f.press(Enter);
    f.press(Char('a'));
    assert!(f.saved().people[0].archived);
    assert_eq!(f.app.view, View::People);
    for key in [Char('n'), Char('L')] {
        f.press(key);
        assert_eq!(f.app.popup, None, "{key:?}");
        assert!(f.app.status.error, "{key:?}");
        assert_eq!(
            f.app.status.text, "Everyone here is archived: A shows them.",
            "{key:?}"
        );
    }
    tab_to_view(&mut f, View::Agenda);
    f.press(Char('n'));
    f.status_is("Everyone here is archived: A shows them.");
    // Back through her page, which the tabs passed.
    f.press(Esc);
    f.press(Esc);
    assert_eq!(f.app.view, View::People);
    f.press(Char('A'));
    for _ in 0..2 {
        for key in [Char('n'), Char('L')] {
            f.press(key);
            assert_eq!(f.app.popup, None, "{key:?}");
            assert_eq!(
                f.app.status.text, "Priya Raman is archived: a restores them first.",
                "{key:?} in {:?}",
                f.app.view
            );
        }
        open_page(&mut f);
    }
}

#[test]
fn undoing_an_add_refuses_when_the_person_gained_promises_elsewhere() {
    let mut f = with_priya();
    let id = f.person_id("Priya Raman");
    save_elsewhere(&f, |l| {
        l.add_promise(
            NewPromise::task(id, "from the other pane", today()),
            today(),
        )
    });
    f.press(Char('u'));
    f.status_is("Undo skipped: priya-raman has new promises.");
    let saved = f.saved();
    assert_eq!((saved.people.len(), saved.promises.len()), (1, 1));
}

#[test]
fn a_file_from_a_newer_version_is_shown_read_only_and_never_written() {
    let f = demo_fixture();
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&f.path).unwrap()).unwrap();
    doc["version"] = serde_json::json!(3);
    let bytes = serde_json::to_vec_pretty(&doc).unwrap();
    std::fs::write(&f.path, &bytes).unwrap();
    let mut f = restarted(f);
    assert!(f.app.status.error);
    assert!(
        f.app.status.text.contains("open read-only"),
        "{}",
        f.app.status.text
    );
    assert!(f.screen(80, 24).contains("read-only"));
    assert_eq!(f.app.people.items.len(), 12, "the team still shows");
    // Every key that opens a form or a question to change the file says at once that nothing
    // can be saved, rather than after a record typed whole or a delete confirmed; so does an
    // outcome key on a resolved promise, which would otherwise send to the reopen key, refused
    // too. The status line is cleared before each, so each key's own refusal is what is read.
    for key in ['p', 'n', 'L', 'e', 'x'] {
        refused_at_once(&mut f, key, "Not saved: written by a newer trustladder");
        assert!(f.app.status.error, "{key}: {}", f.app.status.text);
    }
    f.press(Enter);
    let resolved = f
        .app
        .ledger()
        .promises
        .iter()
        .find(|p| p.status.is_resolved() && Some(p.person) == f.app.selected_person())
        .map(|p| p.id)
        .expect("a resolved promise of the person opened");
    f.app.promises.select(resolved);
    f.app.status = Default::default();
    f.press(Char('d'));
    assert!(
        f.app.status.error
            && f.app
                .status
                .text
                .starts_with("Not saved: written by a newer trustladder"),
        "{}",
        f.app.status.text
    );
    assert_eq!(
        std::fs::read(&f.path).unwrap(),
        bytes,
        "the file is untouched"
    );
}

/// A data file gone while its backups are not: the UI opens read-only, saying so from the
/// start with how to get it back in place of "No one yet. Press p", and the keys that would
/// add someone are refused at once, writing nothing.
#[test]
fn a_missing_file_with_backups_says_how_to_get_it_back() {
    let f = with_a_backup();
    assert_eq!(trustladder::store::backups::list(&f.path).unwrap().len(), 1);
    std::fs::remove_file(&f.path).unwrap();
    let mut f = restarted(f);
    assert!(f.app.status.error, "{}", f.app.status.text);
    assert!(
        f.app
            .status
            .text
            .starts_with("Read-only: there is no data file, but 1 backup of one is in ")
            && f.app
                .status
                .text
                .contains("quit and run `trustladder restore-backup 1` to put the newest back"),
        "{}",
        f.app.status.text
    );
    let screen = f.screen(120, 24);
    assert!(screen.contains("read-only"), "{screen}");
    assert!(!screen.contains("No one yet"), "{screen}");
    assert!(screen.contains("restore-backup 1"), "{screen}");
    for key in ['p', 'L'] {
        refused_at_once(
            &mut f,
            key,
            "Not saved: there is no data file, but 1 backup of one is in",
        );
    }
    assert!(!f.path.exists(), "nothing written");
}

/// A backup opened as the data file: the UI opens read-only, saying it is a backup and how to
/// work from it, and the keys that would change it are refused at once, the backup's bytes
/// as they were.
#[test]
fn a_backup_opened_as_the_data_file_is_shown_read_only() {
    let f = with_a_backup();
    let backup = trustladder::store::backups::list(&f.path).unwrap()[0].clone();
    let bytes = std::fs::read(&backup.path).unwrap();
    let data = f.path.clone();
    let mut f = restarted(Fixture {
        path: backup.path.clone(),
        ..f
    });
    assert!(f.app.status.error, "{}", f.app.status.text);
    assert_eq!(
        f.app.status.text,
        format!(
            "Read-only: it is a backup of {}, kept as it was; to work from it, quit and run `trustladder --file {} restore-backup 1`, or copy it elsewhere and open the copy. Look around freely; changes are refused.",
            data.display(),
            data.display()
        )
    );
    assert!(f.screen(120, 24).contains("read-only"));
    for key in ['p', 'L'] {
        refused_at_once(&mut f, key, "Not saved: it is a backup of ");
    }
    assert_eq!(
        std::fs::read(&backup.path).unwrap(),
        bytes,
        "nothing written"
    );
}

/// A backups folder this user may not write in: every save would fail there, so the UI opens
/// read-only, naming the folder, and offers no change.
#[test]
fn a_backups_folder_that_cannot_be_written_shows_the_file_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let f = with_a_backup();
    // Root may write in any folder: the case is a user's who may not.
    if nix::unistd::geteuid().is_root() {
        return;
    }
    let backups = trustladder::store::backups::folder(&f.path);
    std::fs::set_permissions(&backups, std::fs::Permissions::from_mode(0o500)).unwrap();
    let mut f = restarted(f);
    f.status_starts("Read-only: this user may not write in its backups folder ");
    f.app.status = Default::default();
    f.press(Char('p'));
    assert_eq!(f.app.popup, None, "p opened a form");
    assert!(
        f.app
            .status
            .text
            .starts_with("Not saved: this user may not write in its backups folder")
    );
    std::fs::set_permissions(&backups, std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn promise_keys_in_the_people_view_say_where_to_go() {
    let mut f = demo_fixture();
    f.press(Char('d'));
    f.status_is("d, D, b, r and o act on a promise: Enter opens the person, Shift-Tab the agenda.");
    assert_eq!(f.saved(), f.app.ledger().clone());
    // Tab goes to the person of the row; the agenda is the view before.
    f.press(Tab);
    assert_eq!(f.app.view, View::Person);
    f.press(Esc);
    f.press(KeyCode::BackTab);
    assert_eq!(f.app.view, View::Agenda);
    // Where it was told to go, the advice to go there is gone.
    f.press(Esc);
    f.press(Char('d'));
    assert!(f.screen(80, 24).contains("act on a promise"));
    f.press(KeyCode::BackTab);
    assert_eq!(f.app.view, View::Agenda);
    let screen = f.screen(80, 24);
    assert!(!screen.contains("act on a promise"), "{screen}");
}

/// With no one listed there is no person for Enter to open, nor a promise in the agenda: the
/// promise keys say what brings someone to the list instead.
#[test]
fn promise_keys_with_no_one_listed_say_what_brings_someone() {
    let mut f = empty_fixture();
    f.press(Char('d'));
    f.status_is("d, D, b, r and o act on a promise. No one here yet: p adds a person.");
    f.add_person("Priya Raman");
    keep_filter(&mut f, "zzz");
    f.press(Char('b'));
    f.status_is("d, D, b, r and o act on a promise. No one matches the filter; Esc clears it.");
    f.press(Esc);
    f.press(Char('a'));
    f.press(Char('o'));
    f.status_is("d, D, b, r and o act on a promise. Everyone here is archived: A shows them.");
}

/// The hint bar and the messages offer only what works: an empty ledger offers no key that
/// needs a person, an empty or filtered-out agenda no Enter, and a filter with no match says
/// so rather than "nothing open"; reopening an open promise says it is open, not "not saved".
#[test]
fn the_hints_and_messages_offer_only_what_works() {
    let bar = |f: &Fixture| f.hint_bar(100);
    let mut f = empty_fixture();
    let hints = bar(&f);
    for key in ["Enter", "n promise", "L log", "e edit"] {
        assert!(!hints.contains(key), "{key} in {hints}");
    }
    tab_to_view(&mut f, View::Agenda);
    assert!(!bar(&f).contains("Enter"), "{}", bar(&f));

    let mut f = demo_fixture();
    tab_to_view(&mut f, View::Agenda);
    assert!(bar(&f).contains("Enter open"), "{}", bar(&f));
    keep_filter(&mut f, "no such promise anywhere");
    assert!(!bar(&f).contains("Enter open"), "{}", bar(&f));
    f.press(Enter);
    f.status_is("Nothing matches the filter; Esc clears it.");
    f.press(Esc);

    // The agenda holds open promises only: reopen is neither offered nor bound there.
    assert!(!bar(&f).contains("reopen"), "{}", bar(&f));
    let before = f.saved();
    f.press(Char('o'));
    assert_eq!(f.app.view, View::Agenda);
    assert_eq!(f.saved(), before);
}

/// People sorted by name read accents as the filter does: Álvarez among the As.
#[test]
fn people_sorted_by_name_ignore_accents() {
    let mut f = empty_fixture();
    for name in ["Lena Park", "Lena Álvarez", "Lena Chen", "Ana Zu"] {
        f.add_person(name);
    }
    let names = people_listed(&f);
    assert_eq!(names, ["Ana Zu", "Lena Álvarez", "Lena Chen", "Lena Park"]);
}

#[test]
fn undo_and_redo_select_what_they_brought_back() {
    let mut f = demo_fixture();
    f.select_person("Priya Raman");
    f.press(Enter);
    let first = f.app.promises.current().unwrap();
    assert!(f.app.promises.items.len() > 1);
    f.press(Char('x'));
    f.press(Char('y'));
    assert_ne!(f.app.promises.current(), Some(first));
    f.press(Char('u'));
    assert_eq!(f.app.promises.current(), Some(first), "undo of a delete");

    // An archived person comes back selected, not wherever the cursor moved to.
    f.press(Esc);
    f.select_person("Lena Novak");
    let lena = f.person_id("Lena Novak");
    f.press(Char('a'));
    assert_ne!(f.app.people.current(), Some(lena));
    f.press(Char('u'));
    assert_eq!(f.app.people.current(), Some(lena), "undo of an archive");
}

#[test]
fn saving_an_edit_that_changes_nothing_leaves_nothing_to_undo() {
    let mut f = demo_fixture();
    f.select_person("Lena Novak");
    f.press(Char('e'));
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    f.press(Enter);
    assert_eq!(f.app.popup, None);
    f.status_is("Nothing changed.");
    assert_eq!(f.app.history.depth(), (0, 0));
    f.press(Char('u'));
    f.status_is("Nothing to undo.");
}

/// Terminals that report key releases and repeats send more than one event per key; only the
/// press may act, or every key would act twice.
#[test]
fn only_key_presses_act() {
    use ratatui::crossterm::event::{KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
    let mut f = empty_fixture();
    let p = |kind| {
        Message::Key(KeyEvent {
            code: KeyCode::Char('p'),
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        })
    };
    f.send(p(KeyEventKind::Release));
    f.send(p(KeyEventKind::Repeat));
    assert_eq!(f.app.popup, None, "a release or repeat opened a form");
    f.send(p(KeyEventKind::Press));
    assert!(
        matches!(&f.app.popup, Some(Popup::Form(form)) if form.kind == FormKind::NewPerson),
        "{:?}",
        f.app.popup
    );
}

/// A paste of several lines goes into the form's field as one line and saves nothing; on a
/// choice it picks the option it names, or says why not; elsewhere (a view, a question) it
/// changes nothing at all.
#[test]
fn a_paste_is_text_in_a_field_and_nothing_elsewhere() {
    let mut f = with_priya();
    let before = f.saved();
    let paste = |f: &mut Fixture, text: &str| f.send(Message::Paste(text.to_string()));

    // In a view: `x` and `y` would delete, `b` mark broken, `e` open a form.
    let status = f.app.status.clone();
    paste(&mut f, "x\ny\nb\ne");
    assert_eq!(f.app.popup, None);
    assert_eq!(f.app.status, status);
    assert_eq!(f.saved(), before);

    // In the delete question: a pasted `y` is not an answer.
    f.press(Char('x'));
    let question = f.app.popup.clone();
    paste(&mut f, "y");
    assert_eq!(f.app.popup, question);
    f.press(Esc);

    // In a form: into the focused text field, line breaks as spaces; Enter then saves it.
    f.press(Char('e'));
    f.press(Tab);
    paste(&mut f, "Backend\nb e x y\r\n");
    assert!(
        matches!(f.app.popup, Some(Popup::Form(_))),
        "the form is still open"
    );
    assert_eq!(f.saved(), before, "nothing saved at the pasted line break");
    f.press(Enter);
    assert_eq!(f.saved().people[0].role, "Backend b e x y");

    // On a choice field, a paste that names no option changes nothing, and says so; one
    // that names one picks it.
    f.press(Char('n'));
    f.press(Tab);
    let form = f.app.popup.clone();
    paste(&mut f, "mine");
    assert_eq!(f.app.popup, form);
    assert!(f.app.status.error, "{:?}", f.app.status);
    f.status_is("Not pasted: 'mine' is not one of the choices for Person (Priya Raman).");
    f.press(Tab);
    paste(&mut f, "mine");
    let form = open_form(&f);
    assert_eq!(form.fields[2].shown(), "mine (I promised them)");

    // The filter being typed takes a paste too.
    f.press(Esc);
    f.press(Char('/'));
    paste(&mut f, "pri\nya");
    assert_eq!(f.app.filter, "pri ya");
    // A line copied whole, its line break with it: no space after it to match nothing.
    f.press(Esc);
    f.press(Char('/'));
    paste(&mut f, "Priya\r\n");
    assert_eq!(f.app.filter, "Priya");
    assert_eq!(f.app.people.items.len(), 1);
}

/// Below the minimum size only a message is drawn, so only quitting (and resizing) works:
/// a key that would mark a promise kept or open a form does nothing, unseen or not.
#[test]
fn below_the_minimum_size_only_quit_works() {
    let mut f = demo_fixture();
    open_page(&mut f);
    let before = f.saved();
    let small = Message::Resize {
        width: 20,
        height: 5,
    };
    f.send(small.clone());
    for key in ['d', 'b', 'x', 'y', 'e', 'n', 'p', 'u', '/'] {
        f.press(Char(key));
    }
    f.press(Enter);
    f.send(Message::Paste("x\ny".to_string()));
    assert_eq!(f.app.popup, None);
    assert!(!f.app.filtering);
    assert_eq!(f.app.view, View::Person);
    assert_eq!(f.saved(), before, "nothing was saved");
    let screen = f.screen(20, 5);
    assert!(screen.contains("Press q to quit"), "{screen}");

    // Back at a usable size the keys work again.
    resize(&mut f, 80, 24);
    f.press(Char('?'));
    assert!(matches!(f.app.popup, Some(Popup::Help(_))));
    f.press(Esc);

    // Small again, with a form open: q is neither typed nor quits (it may have been meant
    // for the form); Ctrl-c quits.
    f.press(Char('e'));
    f.send(small);
    f.press(Char('q'));
    assert!(!f.app.quit);
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    f.ctrl('c');
    assert!(f.app.quit && f.app.quit_now);
    let mut f = demo_fixture();
    resize(&mut f, 59, 24);
    f.ctrl('c');
    assert!(f.app.quit && f.app.quit_now);
}

/// The hint bar of a person's page offers only keys that do something to the promise
/// selected: with none, no outcome keys; on a resolved one, reopening and not marking.
#[test]
fn the_hint_bar_offers_what_applies_to_the_selected_promise() {
    let bar = |f: &Fixture| f.hint_bar(100);
    let mut f = with_priya();
    open_page(&mut f);
    // What marks an outcome; reopening is asked for on its own.
    let outcomes = [
        " d kept",
        "Enter resolve",
        " D late",
        " b broken",
        " r release",
    ];
    let none = bar(&f);
    for key in outcomes.iter().chain([&" o reopen"]) {
        assert!(!none.contains(key), "{key} with no promise: {none}");
    }
    assert!(none.contains(" n promise"), "{none}");
    let mut f = one_open_promise();
    let open = bar(&f);
    assert!(
        open.contains(" d kept") && open.contains("Enter resolve"),
        "{open}"
    );
    assert!(!open.contains(" o reopen"), "{open}");
    f.press(Char('d'));
    let kept = bar(&f);
    assert!(kept.contains(" o reopen"), "{kept}");
    for key in outcomes {
        assert!(!kept.contains(key), "{key} on a kept promise: {kept}");
    }
}

/// Two colleagues of one name are told apart by their handles in a form's choice of person.
#[test]
fn a_shared_name_carries_its_handle_in_the_choice_of_person() {
    let mut f = empty_fixture();
    for (name, again) in [("Chen Li", false), ("Ana Ruiz", false), ("Chen Li", true)] {
        let change = trustladder::core::Change::AddPerson {
            name: name.into(),
            role: String::new(),
            note: String::new(),
            cadence_days: None,
            again,
        };
        Store::open(&f.path)
            .unwrap()
            .apply(&change, today())
            .unwrap();
    }
    f.tick();
    f.press(Char('n'));
    let form = open_form(&f);
    let options = form
        .fields
        .iter()
        .find_map(|field| match &field.value {
            trustladder::tui::forms::Value::Choice { options, .. } => Some(options.clone()),
            _ => None,
        })
        .unwrap();
    let mut options = options;
    options.sort();
    assert_eq!(
        options,
        ["Ana Ruiz", "Chen Li (chen-li)", "Chen Li (chen-li-2)"]
    );
    f.press(Esc);
    let screen = f.screen(100, 24);
    assert!(screen.contains("Chen Li (chen-li-2)"), "{screen}");
    assert!(!screen.contains("Ana Ruiz ("), "{screen}");
    // Where name and handle do not both fit, the handle alone still tells them apart.
    let narrow = f.screen(60, 16);
    assert!(narrow.contains("│  chen-li-2 "), "{narrow}");
    assert!(narrow.contains("chen-li "), "{narrow}");
    // The question before a delete says which of the two it means.
    let second = f
        .app
        .ledger()
        .people
        .iter()
        .find(|p| p.handle == "chen-li-2")
        .unwrap()
        .id;
    f.app.people.select(second);
    f.press(Char('x'));
    let c = question(&f);
    assert!(
        c.question.starts_with("Delete Chen Li (chen-li-2)"),
        "{}",
        c.question
    );
}

/// Enter on a form with a field that does not check out says so on the status line too (it
/// kept whatever it said before, which read as the answer).
#[test]
fn enter_on_a_form_with_a_bad_field_says_why_nothing_happened() {
    let mut f = demo_fixture();
    f.press(Char('n'));
    f.typed("Book the room");
    f.tab_to("Due");
    f.typed("soonish");
    f.press(Enter);
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    f.status_is("Not saved: Due needs fixing (see under it).");
    assert!(f.app.status.error);
    // Two faults at once are both named (what was typed, brought back, dropped first).
    f.press(Esc);
    f.press(Char('n'));
    f.press(Esc);
    f.press(Char('n'));
    f.tab_to("Due");
    f.typed("soonish");
    f.press(Enter);
    f.status_is("Not saved: What and Due need fixing (see under each).");
}

/// The archive key in the question before a promise's delete, which offers no archive (a
/// person's does), does nothing and says so, as any other key the question does not take,
/// where it said nothing and seemed not to have been pressed; the question stays.
#[test]
fn the_archive_key_in_a_promise_delete_question_says_it_does_nothing() {
    let mut f = demo_fixture();
    f.select_person("Amara Okafor");
    f.press(Enter);
    f.press(Char('x'));
    f.press(Char('a'));
    f.status_is("a does nothing in the question: it takes the keys below; n closes it.");
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
}

/// The first line names where the keys are; on an empty ledger it says how to begin. No
/// to the delete question says what was not done, in a sentence ("Nothing changed." read as
/// if the key had missed), for a promise and for a person.
#[test]
fn the_welcome_fits_the_ledger_and_no_says_nothing_was_deleted() {
    let f = empty_fixture();
    f.status_is("Welcome. p adds a person, ? lists every key.");
    let mut f = demo_fixture();
    f.status_is("? lists every key.");
    f.press(Char('x'));
    // A key the question does not take says so, and which keys it takes, where it said
    // nothing and seemed not to have been pressed; the question stays.
    f.press(Char('z'));
    f.status_is("z does nothing in the question: it takes the keys below; n closes it.");
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
    f.press(Char('n'));
    f.status_is("Not deleted.");
    let before = f.app.ledger().people.len();
    f.select_person("Lena Novak");
    f.press(Char('x'));
    f.press(Esc);
    f.status_is("Not deleted.");
    assert_eq!(f.app.ledger().people.len(), before);
}

/// Someone archived, with no promises of theirs: their page says how to restore them rather
/// than offering keys that are refused, and gives no advice on what to entrust them with.
/// With no one active, the Agenda says to add a colleague first.
#[test]
fn an_archived_person_s_page_and_an_empty_agenda_offer_only_what_works() {
    let mut f = empty_fixture();
    tab_to_view(&mut f, View::Agenda);
    assert!(
        f.screen(80, 24)
            .contains("Nothing open, and no one yet to promise anything: p adds a colleague."),
        "{}",
        f.screen(80, 24)
    );
    tab_to_view(&mut f, View::People);
    f.add_person("Priya Raman");
    f.press(Char('a'));
    assert!(f.saved().people[0].archived);
    f.press(Char('A'));
    open_page(&mut f);
    let page = f.screen(80, 24);
    assert!(
        page.contains("Archived: kept for the record, off the lists; a restores them.")
            && page.contains("No promises. Archived: a restores them, to add one."),
        "{page}"
    );
    assert!(!page.contains("entrust"), "{page}");
}

/// `n` on an archived colleague's promise in the Agenda names where restoring is: not a
/// key the Agenda has.
#[test]
fn a_new_promise_for_someone_archived_from_the_agenda_names_the_people_view() {
    let mut f = empty_fixture();
    f.add_person("Bo Chen");
    f.add_person("Priya Raman");
    f.add_promise("Draft the plan");
    f.press(Char('a'));
    assert!(f.saved().people[1].archived);
    tab_to_view(&mut f, View::Agenda);
    f.press(Char('A'));
    f.press(Char('n'));
    f.status_is("Priya Raman is archived: the People view restores them first.");
}

/// A name already in the ledger asks whether to add another; the status line does not send
/// the user to a form that is not on screen.
#[test]
fn a_name_already_here_asks_and_the_status_line_points_to_no_form() {
    let mut f = with_priya();
    f.add_person("Priya Raman");
    assert!(
        matches!(f.app.popup, Some(Popup::Confirm(_))),
        "{:?}",
        f.app.popup
    );
    assert!(
        !f.app.status.text.contains("see the form"),
        "{}",
        f.app.status.text
    );
    // Nor keeps what it said of the form before: an empty name sent first (the name typed
    // before Esc, brought back, dropped with a second Esc).
    f.press(Char('n'));
    f.press(Esc);
    f.press(Char('p'));
    f.press(Esc);
    f.press(Char('p'));
    f.press(Enter);
    assert!(
        f.app.status.text.contains("needs fixing"),
        "{}",
        f.app.status.text
    );
    f.typed("Priya Raman");
    f.press(Enter);
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
    f.status_is("Not added yet: someone of that name is here.");
}

/// "Filter cleared." is about the list it was said on: it goes when a person is opened.
#[test]
fn words_about_a_list_s_filter_go_when_a_person_is_opened() {
    let mut f = demo_fixture();
    keep_filter(&mut f, "marc");
    f.press(Esc);
    f.status_is("Filter cleared.");
    open_page(&mut f);
    f.status_is("");
}

/// My notes show on my line of a person's page, as `review` lists them under my word, but
/// for those the advice already says: mostly late, mine says so after the advice.
#[test]
fn my_notes_show_on_my_line_of_the_person_page() {
    let mut f = empty_fixture();
    f.add_person("Rae Holm");
    let rae = f.person_id("Rae Holm");
    let (made, due, late) = (
        parse_iso("2026-10-01").unwrap(),
        parse_iso("2026-10-20").unwrap(),
        parse_iso("2026-11-20").unwrap(),
    );
    save_elsewhere(&f, |l| {
        for (i, (status, on)) in [(Status::Kept, due); 3]
            .into_iter()
            .chain([(Status::KeptLate, late); 6])
            .enumerate()
        {
            let kept = NewPromise {
                direction: Direction::Mine,
                due: Some(due),
                outcome: Some((status, on)),
                ..NewPromise::task(rae, &format!("mine {i}"), made)
            };
            l.add_promise(kept, today())?;
        }
        Ok(())
    });
    f.tick();
    open_page(&mut f);
    let screen = f.screen(120, 30);
    assert!(
        screen.contains(
            "Me: your word holds at tasks; 3 of the last 3 came late: keep the dates you give · delivers 9 of 9, on time 3"
        ),
        "{screen}"
    );
}

/// The People table's next step, from 110 columns, says what the person page's advice says
/// first: here an open promise long overdue, while building.
#[test]
fn the_people_table_s_next_step_follows_the_advice() {
    let mut f = empty_fixture();
    f.add_person("Bea Lund");
    let bea = f.person_id("Bea Lund");
    let (made, due) = (
        parse_iso("2026-10-01").unwrap(),
        parse_iso("2026-10-25").unwrap(),
    );
    save_elsewhere(&f, |l| {
        let late = NewPromise {
            due: Some(due),
            ..NewPromise::task(bea, "Send the plan", made)
        };
        l.add_promise(late, today())?;
        Ok(())
    });
    f.tick();
    let screen = f.screen(140, 20);
    assert!(screen.contains("settle one 30d overdue"), "{screen}");
}

/// A chart hidden with `c` on a tall screen stays hidden when the window is made short, and
/// one shown on a short screen stays shown when it is made tall: `c` is a choice, not a
/// flip of whatever the height gives.
#[test]
fn the_chart_stays_as_c_left_it_when_the_window_is_resized() {
    let mut f = demo_fixture();
    let size = |f: &mut Fixture, width, height| f.send(Message::Resize { width, height });
    size(&mut f, 120, 40);
    open_page(&mut f);
    assert!(f.screen(120, 40).contains("Trust over time"));
    f.press(Char('c'));
    assert!(!f.screen(120, 40).contains("Trust over time"));
    size(&mut f, 80, 24);
    assert!(
        !f.screen(80, 24).contains("Trust over time"),
        "still hidden"
    );
    f.press(Char('c'));
    assert!(f.screen(80, 24).contains("Trust over time"));
    size(&mut f, 120, 40);
    assert!(f.screen(120, 40).contains("Trust over time"), "still shown");
}

/// The help lists the date words as people say them, so its search finds them.
#[test]
fn the_help_s_search_finds_the_date_words_people_say() {
    let mut f = demo_fixture();
    search_help(&mut f, "two weeks");
    let screen = f.screen(100, 30);
    assert!(screen.contains("Said as people say them"), "{screen}");
    // Only what matches shows: not the figures' legend, nor the short forms' line.
    assert!(!screen.contains("(kept+1)/(evidence+2)"), "{screen}");
    assert!(!screen.contains("eoww"), "{screen}");
}

/// The help's search counts the entries it found, not their lines: `eow` finds one entry,
/// wrapped to more than one line at 80 columns (it said "1 line" beside them).
#[test]
fn the_help_s_search_counts_entries() {
    let mut f = demo_fixture();
    search_help(&mut f, "eow");
    let screen = f.screen(80, 24);
    // The entry's lines, indented under its heading.
    let shown = screen
        .lines()
        .filter(|line| {
            line.split("│ │   ")
                .nth(1)
                .is_some_and(|rest| !rest.starts_with(' '))
        })
        .count();
    assert_eq!(shown, 3, "the entry wraps: {screen}");
    let search = screen
        .lines()
        .find(|line| line.contains("Search: eow"))
        .unwrap_or_default();
    assert!(search.ends_with(" 1 entry │ │"), "{screen}");
}

/// At 200 columns the ladder's counts show whole past the 44 columns they took at most, as
/// `review` prints them: the room beside the rule stood empty while they were cut ("10 of 10
/// kept (10 late, 6 from above), 3 re…").
#[test]
fn a_wide_screen_shows_the_ladder_s_counts_whole() {
    let mut ledger = Ledger::default();
    let ana = ledger.add_person("Ana Lee", "", "", today()).unwrap();
    let days_ago = |n: i64| today() - chrono::Duration::days(n);
    let mut add = |level: Level, what: String, outcome: Option<(Status, NaiveDate)>| {
        let new = NewPromise {
            level,
            outcome,
            ..NewPromise::task(ana, &what, today())
        };
        let made = outcome.map_or(today(), |(_, on)| on);
        ledger
            .add_promise(NewPromise { made, ..new }, today())
            .unwrap();
    };
    for i in 1..=6 {
        add(
            Level::Result,
            format!("Result {i}"),
            Some((Status::KeptLate, days_ago(i * 10))),
        );
    }
    for i in 1..=2 {
        add(
            Level::Result,
            format!("Rel {i}"),
            Some((Status::Released, today())),
        );
    }
    for i in 1..=4 {
        add(
            Level::Task,
            format!("Task {i}"),
            Some((Status::KeptLate, days_ago(i * 10 + 5))),
        );
    }
    for i in 1..=3 {
        add(
            Level::Task,
            format!("TRel {i}"),
            Some((Status::Released, today())),
        );
    }
    let mut f = fixture(Some(ledger), false);
    open_page(&mut f);
    let screen = f.screen(200, 50);
    assert!(
        screen.contains("10 of 10 kept (10 late, 6 from above), 3 released "),
        "{screen}"
    );
    // At 120 columns the counts keep to their limit, the rule beside them whole.
    let screen = f.screen(120, 50);
    assert!(
        screen.contains("10 of 10 kept (10 late, 6 from above), 3 re…"),
        "{screen}"
    );
}

/// The agenda's last column keeps a space before the border after a five-digit number, as
/// after a shorter one (it read `#10001│` under `#9883 │`).
#[test]
fn a_five_digit_number_in_the_agenda_keeps_a_space_before_the_border() {
    let mut ledger = Ledger::default();
    let ana = ledger.add_person("Ana Lee", "", "", today()).unwrap();
    for id in [9883, 10001] {
        ledger.next_promise_id = PromiseId(id);
        ledger
            .add_promise(
                NewPromise::task(ana, &format!("Task {id}"), today()),
                today(),
            )
            .unwrap();
    }
    let mut f = fixture(Some(ledger), false);
    tab_to_view(&mut f, View::Agenda);
    let screen = f.screen(80, 24);
    let row = |id: &str| {
        screen
            .lines()
            .find(|line| line.contains(id))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("#10001").ends_with("#10001 │"), "{screen}");
    assert!(row("#9883").ends_with("#9883  │"), "{screen}");
}

/// Someone archived with a record ready for more is offered no step up on their page, which
/// says how they come back instead.
#[test]
fn an_archived_colleague_s_page_offers_no_step_up() {
    let mut f = empty_fixture();
    f.add_person("Ana Ruiz");
    let ana = f.person_id("Ana Ruiz");
    let made = parse_iso("2026-10-01").unwrap();
    save_elsewhere(&f, |l| {
        for i in 0..6 {
            let kept = NewPromise {
                outcome: Some((Status::Kept, today())),
                ..NewPromise::task(ana, &format!("task {i}"), made)
            };
            l.add_promise(kept, today())?;
        }
        Ok(())
    });
    f.tick();
    f.press(Enter);
    assert!(f.screen(120, 30).contains("ready for results"));
    f.press(Char('a'));
    // Archiving leaves for the people list; the person's tab is still there.
    f.press(Tab);
    assert_eq!(f.app.view, View::Person);
    let screen = f.screen(120, 30);
    assert!(screen.contains("archived"), "{screen}");
    assert!(!screen.contains("ready for results"), "{screen}");
}

/// Two archived colleagues of one name are told apart on the People table at any width: the
/// handle's number stays beside the archived mark.
#[test]
fn archived_colleagues_of_one_name_keep_their_handles_numbers() {
    let mut f = empty_fixture();
    save_elsewhere(&f, |l| {
        for _ in 0..2 {
            let id = l.add_person("Sam Lee", "", "", today())?;
            l.apply(
                &trustladder::core::Change::EditPerson {
                    person: trustladder::core::change::Target::id(id),
                    patch: trustladder::core::change::PersonPatch {
                        archived: Some(trustladder::core::change::Set::to(true)),
                        ..Default::default()
                    },
                    on_conflict: trustladder::core::change::OnConflict::Refuse,
                },
                &today().into(),
            )?;
        }
        Ok(())
    });
    f.tick();
    f.press(Char('A'));
    for width in [80, 100, 140] {
        let screen = f.screen(width, 20);
        let rows: Vec<&str> = screen
            .lines()
            .filter(|l| l.to_lowercase().contains("sam"))
            .collect();
        assert_eq!(rows.len(), 2, "{screen}");
        assert!(rows.iter().any(|r| r.contains("-2")), "{width}: {screen}");
        assert!(
            rows.iter().all(|r| r.contains("(arch")),
            "{width}: {screen}"
        );
    }
}

/// The status line tells two people of one name apart by the handle, as the tables do:
/// "Added Sam Lee (sam-lee-2)", not a name that could be either.
#[test]
fn the_status_line_tells_two_people_of_one_name_apart() {
    let mut f = empty_fixture();
    f.add_person("Sam Lee");
    f.status_is("Added Sam Lee. u undoes");
    f.add_person("Sam Lee");
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
    f.press(Char('y'));
    f.status_starts("Added Sam Lee (sam-lee-2)");
    // So does the title of their 1:1 prep.
    open_page(&mut f);
    f.press(Char('P'));
    let screen = f.screen(100, 30);
    assert!(screen.contains("1:1 prep: Sam Lee (sam-lee"), "{screen}");
}

/// The undo depth stands apart from what the status line says, or is left out: a message
/// that ended one column before it read as one with it ("u undoes 1 to undo").
#[test]
fn the_undo_depth_never_runs_into_the_message_beside_it() {
    let mut f = demo_fixture();
    f.press(Enter);
    f.press(Char('d'));
    assert_eq!(f.app.history.depth(), (1, 0));
    let depth = " 1 to undo, 0 to redo ";
    let mut shown = 0;
    for said in 50..=60 {
        let text = format!("{} u undoes.", "x".repeat(said - 10));
        f.app.say_here(text.clone());
        let screen = f.screen(80, 24);
        let row = screen
            .lines()
            .find(|l| l.contains(&text))
            .unwrap_or_else(|| panic!("{screen}"));
        if let Some(at) = row.find(depth) {
            assert!(row[..at].ends_with("  "), "{said} columns: {row:?}");
            shown += 1;
        }
    }
    // Beside the shorter messages the depth shows (so the gap is checked), beside the
    // longest it gives way.
    assert!((1..11).contains(&shown), "shown beside {shown} of 11");
}

/// A promise made, then resolved, on a day after today here (by a machine whose clock or
/// time zone is ahead, synced here): `d` and `o` say which `--today` takes it, and the
/// resolve form says it under the day; the file stays as it was.
#[test]
fn a_promise_dated_after_today_names_the_today_that_takes_it() {
    let mut ledger = Ledger::default();
    let tomorrow = parse_iso("2026-11-25").unwrap();
    let at = Moment::fixed(today(), "test");
    let who = ledger.add_person("Ana Ruiz", "", "", at).unwrap();
    let ahead = Moment::fixed(tomorrow, "test");
    ledger
        .add_promise(NewPromise::task(who, "Send deck", tomorrow), ahead)
        .unwrap();
    let promise = NewPromise {
        outcome: Some((Status::Broken, tomorrow)),
        ..NewPromise::task(who, "Call Sam", today())
    };
    ledger.add_promise(promise, ahead).unwrap();
    let mut f = fixture(Some(ledger), false);
    let before = std::fs::read(&f.path).unwrap();
    f.press(Enter);
    f.app.promises.select(PromiseId(1));
    f.press(Char('d'));
    f.status_is("#1 cannot be resolved on 2026-11-24, the day shown: it was made later, on 2026-11-25; to resolve it, quit and start the UI again with --today 2026-11-25 or a later day.",
    );
    f.press(Enter);
    f.press(Enter);
    let form = open_form(&f);
    assert_eq!(
        form.fields[1].error.as_deref(),
        Some(
            "2026-11-24 is before #1 was made (2026-11-25), and a day from 2026-11-25 on is after the day shown (2026-11-24); to resolve it, quit and start the UI again with --today 2026-11-25 or a later day, then give a day from 2026-11-25 on"
        )
    );
    f.press(Esc);
    f.app.promises.select(PromiseId(2));
    f.press(Char('o'));
    f.status_is("Promise #2 cannot be reopened on 2026-11-24: it was broken on 2026-11-25, so it was still open then; with --today 2026-11-25 or a later day it can be.",
    );
    assert_eq!(std::fs::read(&f.path).unwrap(), before);
}

/// Looking back (`--today`) at a day before a promise was made, the resolve form names the
/// day typed and the day the promise was made, and what to do in the UI: no day typed can
/// resolve it, so start it again on a later day. It named the day shown as the day refused
/// whatever was typed, and said to pass `--today`, which cannot be done from the UI.
#[test]
fn the_resolve_form_looking_back_names_the_day_typed_and_the_day_made() {
    let mut f = one_open_promise();
    look_back(&mut f, "2026-11-10");
    let before = f.saved();
    f.press(Enter);
    f.press(Enter);
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    let on_error = |f: &Fixture| {
        (open_form(f).fields.iter())
            .find(|field| field.label == "On")
            .and_then(|field| field.error.clone())
    };
    for (typed, said) in [
        (
            "2026-11-05",
            "2026-11-05 is before #1 was made (2026-11-24), and a day from 2026-11-24 on is after the day shown (2026-11-10); to resolve it, quit and start the UI again with --today 2026-11-24 or a later day, then give a day from 2026-11-24 on",
        ),
        (
            "2026-11-24",
            "2026-11-24 is after the day shown (2026-11-10), and #1 was made on 2026-11-24; to resolve it, quit and start the UI again with --today 2026-11-24 or a later day, then give a day from 2026-11-24 on",
        ),
    ] {
        f.tab_to("On");
        f.ctrl('u');
        f.typed(typed);
        f.press(Enter);
        assert_eq!(on_error(&f).as_deref(), Some(said), "{typed}");
    }
    assert_eq!(f.saved(), before, "nothing saved");
}

/// Open promises due on one day are in one order on a person's page and in the agenda: the
/// oldest first (the page listed them newest first).
#[test]
fn promises_due_on_one_day_are_in_the_agenda_s_order_on_the_person_s_page() {
    let mut ledger = Ledger::default();
    let at = Moment::fixed(today(), "test");
    let who = ledger.add_person("Ana Ruiz", "", "", at).unwrap();
    let due = parse_iso("2026-11-26").unwrap();
    for what in ["First", "Second", "Third"] {
        let promise = NewPromise {
            due: Some(due),
            ..NewPromise::task(who, what, today())
        };
        ledger.add_promise(promise, at).unwrap();
    }
    let mut f = fixture(Some(ledger), false);
    open_page(&mut f);
    let oldest_first = [PromiseId(1), PromiseId(2), PromiseId(3)];
    assert_eq!(f.app.promises.items, oldest_first);
    let agenda: Vec<PromiseId> = f.app.agenda.items.iter().map(|(_, id)| *id).collect();
    assert_eq!(agenda, oldest_first);
}

/// Looking back at a day before a promise was made, `d` says that no outcome can be given
/// then, as the command line does; it said the made day was "after today", a day never chosen.
#[test]
fn looking_back_a_promise_made_later_is_not_resolved_and_says_why() {
    let mut f = one_open_promise();
    look_back(&mut f, "2026-11-01");
    f.press(Char('d'));
    assert_eq!(f.saved().promises[0].status, Status::Open);
    assert!(f.app.status.error);
    f.status_is("#1 cannot be resolved on 2026-11-01, the day shown: it was made later, on 2026-11-24; to resolve it, quit and start the UI again with --today 2026-11-24 or a later day.",
    );
}

/// On an empty list of promises every key on a promise says what Enter says there, with
/// what adds one; `x` said "Nothing selected to delete." and the others "No promise
/// selected.", each in other words.
#[test]
fn keys_on_an_empty_list_of_promises_say_what_enter_says() {
    let mut f = empty_fixture();
    f.add_person("Karin Lind");
    open_page(&mut f);
    each_key_says(
        &mut f,
        &[
            Enter,
            Char('d'),
            Char('D'),
            Char('b'),
            Char('r'),
            Char('o'),
            Char('e'),
            Char('x'),
        ],
        "No promises yet. n adds one; L logs one already kept.",
    );
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    each_key_says(
        &mut f,
        &[Enter, Char('d'), Char('b'), Char('e'), Char('x')],
        "Nothing open. n adds a promise.",
    );
    assert!(f.saved().promises.is_empty());
}

/// A key of another view, pressed where it does nothing, says where it works (it said
/// nothing, as if not pressed) and changes nothing; a key no view binds says it does nothing
/// there.
#[test]
fn a_key_of_another_view_says_where_it_works() {
    let mut f = demo_fixture();
    let before = f.saved();
    // On People the person selected is edited by another key, which it names.
    f.press(Char('E'));
    f.status_is("E (edit person) works on a person's page, not on People; e edits the selected person here.",
    );
    f.press(BackTab);
    assert_eq!(f.app.view, View::Agenda);
    for (key, said) in [
        (
            'E',
            "E (edit person) works on a person's page, not in the agenda.",
        ),
        (
            'a',
            "a (archive) works on People and on a person's page, not in the agenda.",
        ),
        (
            'P',
            "P (1:1 prep) works on People and on a person's page, not in the agenda.",
        ),
        (
            'c',
            "c (chart) works on a person's page, not in the agenda.",
        ),
        ('s', "s (sort) works on People, not in the agenda."),
    ] {
        f.press(Char(key));
        assert_eq!(f.app.status.text, said, "{key}");
        assert_eq!(f.app.popup, None, "{key}");
    }
    open_page(&mut f);
    f.press(Char('A'));
    f.status_is("A (archived) works on People and in the agenda, not on a person's page.");
    f.press(Char('z'));
    f.status_is("z does nothing on a person's page; ? lists every key.");
    assert_eq!(f.saved(), before);
}

/// On a person's page at 60x16, what a key that does nothing in the help, the 1:1 prep or the
/// messages says is read whole in two rows, as over the other views: the page, whose
/// promises kept the status line to one row there, is covered by the popup, and the line was
/// cut before the key that closes it, with no key to read it in full there.
#[test]
fn a_key_that_does_nothing_in_a_popup_over_a_person_s_page_is_read_whole() {
    let mut f = demo_fixture();
    open_page(&mut f);
    for (open, close, said) in [
        (
            Char('?'),
            Esc,
            [
                " z does nothing in the help: it takes the keys below, and",
                " j/k to scroll; Esc closes it.",
            ],
        ),
        (
            Char('P'),
            Esc,
            [
                " z does nothing in the 1:1 prep: it takes the keys below,",
                " and j/k to scroll; Esc closes it.",
            ],
        ),
        (
            Char('m'),
            Esc,
            [
                " z does nothing in the messages: they take the keys below,",
                " and j/k to scroll; Esc closes them.",
            ],
        ),
    ] {
        f.press(open);
        f.press(Char('z'));
        let screen = f.screen(60, 16);
        let rows: Vec<&str> = screen.lines().map(str::trim_end).collect();
        assert!(rows.windows(2).any(|two| two == said), "{screen}");
        f.press(close);
        assert_eq!(f.app.popup, None);
        assert_eq!(f.app.view, View::Person);
    }
}

/// A key that does nothing in the 1:1 prep, the help or the messages says so, and which keys
/// they take (it said nothing, as if not pressed), changing nothing; their own keys do what
/// they did, and what it said goes when the window closes.
#[test]
fn a_key_that_does_nothing_in_a_popup_says_which_keys_it_takes() {
    let mut f = demo_fixture();
    let before = f.saved();
    let said = |f: &Fixture| f.app.status.text.clone();
    f.press(Char('P'));
    assert!(matches!(f.app.popup, Some(Popup::Prep(_))));
    for key in [Char('d'), Enter, Tab] {
        f.press(key);
        assert!(matches!(f.app.popup, Some(Popup::Prep(_))), "{key:?}");
    }
    assert_eq!(
        said(&f),
        "Tab does nothing in the 1:1 prep: it takes the keys below, and j/k to scroll; Esc \
         closes it."
    );
    f.press(Char('j'));
    assert!(matches!(&f.app.popup, Some(Popup::Prep(p)) if p.scroll == 1));
    f.press(Esc);
    assert_eq!(f.app.popup, None);
    assert_eq!(said(&f), "", "said of the prep, it goes with it");

    f.press(Char('?'));
    f.press(Char('z'));
    assert_eq!(
        said(&f),
        "z does nothing in the help: it takes the keys below, and j/k to scroll; Esc closes it."
    );
    // Typing a search, every key edits it; with one kept, Esc clears it and q closes.
    f.press(Char('/'));
    f.typed("undo");
    assert!(matches!(&f.app.popup, Some(Popup::Help(h)) if h.search.text() == "undo"));
    f.press(Enter);
    f.press(Char('z'));
    assert_eq!(
        said(&f),
        "z does nothing in the help: it takes the keys below, and j/k to scroll; q closes it."
    );
    f.press(Char('q'));
    assert_eq!(f.app.popup, None);
    assert_eq!(said(&f), "");

    f.press(Char('m'));
    f.press(BackTab);
    assert!(matches!(f.app.popup, Some(Popup::Messages(_))));
    // The longest of them, with a key of the longest name, whole in two rows at 60x16.
    let screen = f.screen(60, 16);
    let rows: Vec<&str> = screen.lines().map(str::trim_end).collect();
    assert!(
        rows.windows(2).any(|two| two
            == [
                " Shift-Tab does nothing in the messages: they take the keys",
                " below, and j/k to scroll; Esc closes them."
            ]),
        "{screen}"
    );
    assert_eq!(
        said(&f),
        "Shift-Tab does nothing in the messages: they take the keys below, and j/k to scroll; \
         Esc closes them."
    );
    f.press(Char('m'));
    assert_eq!(f.app.popup, None);
    assert_eq!(said(&f), "");
    assert_eq!(f.saved(), before);
}

/// Esc on People with no filter set has nothing to go back to or clear: it says so, and
/// which key quits, as a key that cannot act elsewhere does, where it said nothing and
/// seemed unheard; with a filter set it still clears it, saying nothing of the kind.
#[test]
fn esc_on_people_with_nothing_to_clear_says_so() {
    let mut f = demo_fixture();
    let before = f.saved();
    assert_eq!(f.app.view, View::People);
    f.press(Esc);
    assert_eq!(f.app.view, View::People);
    f.status_is("Nothing to go back to, and no filter to clear (q quits).");
    assert!(!f.app.quit);
    keep_filter(&mut f, "amara");
    f.press(Esc);
    assert!(f.app.filter.is_empty());
    assert_ne!(
        f.app.status.text,
        "Nothing to go back to, and no filter to clear (q quits)."
    );
    assert_eq!(f.saved(), before);
}

/// Looking back at a past day, the Promises title counts the promises open then, as the
/// header above it does: one resolved after that day was still open, one made after it was
/// not there yet. The title counted those open now (3 open, under a header saying 2).
#[test]
fn looking_back_the_promises_title_counts_those_open_then_as_the_header_does() {
    let mut ledger = Ledger::default();
    let recorded = Moment::fixed(parse_iso("2026-11-30").unwrap(), "test");
    let who = ledger.add_person("Pat Doe", "", "", recorded).unwrap();
    let day = |s: &str| parse_iso(s).unwrap();
    for (what, made, kept) in [
        ("Kept later", "2026-11-20", Some("2026-11-28")),
        ("Still open", "2026-11-20", None),
        ("Made later", "2026-11-26", None),
        ("Made later too", "2026-11-27", None),
    ] {
        let promise = NewPromise {
            outcome: kept.map(|on| (Status::Kept, day(on))),
            ..NewPromise::task(who, what, day(made))
        };
        ledger.add_promise(promise, recorded).unwrap();
    }
    let mut f = fixture(Some(ledger), false);
    look_back(&mut f, "2026-11-24");
    open_page(&mut f);
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("Pat Doe  @pat-doe · 2 open, 0 overdue"),
        "{screen}"
    );
    assert!(screen.contains("Promises · 4 · 2 open"), "{screen}");
    // On the day itself the records are as they are: three open.
    f.app.today = day("2026-11-30");
    f.app.looking_back = false;
    f.app.rebuild();
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("Pat Doe  @pat-doe · 3 open, 0 overdue"),
        "{screen}"
    );
    assert!(screen.contains("Promises · 4 · 3 open"), "{screen}");
}

/// Looking back, `Last` says `later` only for someone added after the day shown with nothing
/// logged by then; one imported after it with older promises shows the last of those, as
/// `person list` does (it said `later` for every colleague an import added).
#[test]
fn looking_back_last_contact_counts_promises_older_than_the_person() {
    let mut ledger = Ledger::default();
    let added = Moment::fixed(parse_iso("2026-11-30").unwrap(), "test");
    let imported = ledger.add_person("Ada Imported", "", "", added).unwrap();
    ledger.add_person("Bo New", "", "", added).unwrap();
    let made = parse_iso("2026-11-14").unwrap();
    ledger
        .add_promise(NewPromise::task(imported, "Old task", made), added)
        .unwrap();
    let mut f = fixture(Some(ledger), false);
    look_back(&mut f, "2026-11-24");
    let screen = f.screen(100, 24);
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{screen}"))
            .to_string()
    };
    assert!(row("Ada Imported").contains("10d ago"), "{screen}");
    assert!(row("Bo New").contains("later"), "{screen}");
}

/// Typing a filter that hides the selected promise selects the first match, as a search finds
/// it; one that still matches stays selected (the selection kept its row, and a shorter list
/// put it on the last match).
#[test]
fn a_filter_that_hides_the_selection_selects_the_first_match() {
    let mut f = empty_fixture();
    f.add_person("Karin Lind");
    for what in ["alpha one", "beta", "alpha two", "alpha three"] {
        f.add_promise(what);
    }
    open_page(&mut f);
    f.app.promises.select(PromiseId(2));
    type_filter(&mut f, "alpha");
    assert_eq!(f.app.promises.items.len(), 3);
    assert_eq!(f.app.promises.current(), Some(f.app.promises.items[0]));
    // Still matching, it stays.
    f.app.promises.select(PromiseId(3));
    f.typed(" t");
    assert_eq!(f.app.promises.current(), Some(PromiseId(3)));
}

/// `d d d` typed faster than the saves come back, looking back: the third promise, made
/// after the day shown, is refused, and that refusal stays on the status line in front of
/// what the second save says when it comes back after it (it was said over, without a word).
#[test]
fn a_refusal_said_while_a_save_is_under_way_is_not_said_over() {
    let mut ledger = Ledger::default();
    let day = parse_iso("2026-11-20").unwrap();
    let at = Moment::fixed(day, "test");
    let who = ledger.add_person("Pat Doe", "", "", at).unwrap();
    for (what, made, due) in [
        ("A", "2026-11-20", "2026-11-21"),
        ("B", "2026-11-20", "2026-11-22"),
        ("C", "2026-11-30", "2026-12-05"),
    ] {
        let made = parse_iso(made).unwrap();
        let at = Moment::fixed(made, "test");
        let promise = NewPromise {
            due: Some(parse_iso(due).unwrap()),
            ..NewPromise::task(who, what, made)
        };
        ledger.add_promise(promise, at).unwrap();
    }
    let mut f = fixture(Some(ledger), false);
    look_back(&mut f, "2026-11-24");
    f.press(Enter);
    let first = f.send_only(tui_support::key(Char('d')));
    let second = f.send_only(tui_support::key(Char('d')));
    f.send_only(tui_support::key(Char('d')));
    let refused = "#3 cannot be resolved on 2026-11-24, the day shown: it was made later, on 2026-11-30; to resolve it, quit and start the UI again with --today 2026-11-30 or a later day.";
    f.status_is(refused);
    f.carry_out(first);
    assert!(f.app.status.error);
    f.status_starts(&format!("{refused} #1 kept late"));
    f.carry_out(second);
    f.status_starts(&format!("{refused} #2 kept late"));
    let statuses: Vec<Status> = f.saved().promises.iter().map(|p| p.status).collect();
    assert_eq!(statuses, [Status::KeptLate, Status::KeptLate, Status::Open]);
    // Said once: the next change says only itself.
    f.press(Char('k'));
    f.press(Char('u'));
    assert!(
        !f.app.status.text.contains("cannot be resolved"),
        "{}",
        f.app.status.text
    );
}

/// A form opens with nothing said under it, and a refused Enter's message goes once the
/// field is fixed and the form is sent: "cancelled, nothing saved" stood under the next
/// form, and "On needs fixing" beside the save of the fixed one.
#[test]
fn a_form_opens_and_saves_without_an_older_message_under_it() {
    let mut f = one_open_promise();
    f.press(Char('e'));
    f.press(Esc);
    f.status_is("Edit promise #1: cancelled, nothing saved.");
    f.press(Char('e'));
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    f.status_is("");
    f.press(Esc);
    // The question before a delete too.
    f.press(Char('x'));
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
    f.status_is("");
    f.press(Esc);

    f.press(Enter);
    f.press(Tab);
    f.ctrl('u');
    f.typed("yesterdy");
    f.press(Enter);
    f.status_is("Not saved: On needs fixing (see under it).");
    f.ctrl('u');
    f.typed("today");
    let effects = f.send_only(tui_support::key(Enter));
    assert!(!effects.is_empty(), "the change is sent");
    f.status_is("");
}

/// The help and the 1:1 prep open with nothing said under them that was said of the page
/// they cover ("Nothing to go back to" stood under the prep), but an error stays, as does
/// what was said while a change is still saving.
#[test]
fn the_help_and_the_prep_open_without_an_older_message_under_them() {
    let mut f = one_open_promise();
    f.press(Esc);
    assert_eq!(f.app.view, View::People);
    f.press(Esc);
    assert!(f.app.status.text.starts_with("Nothing to go back to"));
    f.press(Char('?'));
    assert!(matches!(f.app.popup, Some(Popup::Help(_))));
    f.status_is("");
    f.press(Esc);
    f.press(Esc);
    assert!(f.app.status.text.starts_with("Nothing to go back to"));
    f.press(Char('P'));
    assert!(matches!(f.app.popup, Some(Popup::Prep(_))));
    f.status_is("");
    f.press(Esc);

    // A refusal is still true under them.
    f.press(Enter);
    f.press(Char('o'));
    f.status_is("#1 is already open.");
    f.press(Char('?'));
    assert!(matches!(f.app.popup, Some(Popup::Help(_))));
    f.status_is("#1 is already open.");
    f.press(Esc);
    f.press(Char('P'));
    assert!(matches!(f.app.popup, Some(Popup::Prep(_))));
    f.status_is("#1 is already open.");
    f.press(Esc);

    // Said while a change is saving: it stays under the help.
    f.send_only(tui_support::key(Char('d')));
    f.send_only(tui_support::key(Char('q')));
    let said = f.app.status.text.clone();
    assert!(
        said.starts_with("Quitting once the change is saved"),
        "{said}"
    );
    f.send_only(tui_support::key(Char('?')));
    assert!(matches!(f.app.popup, Some(Popup::Help(_))));
    f.status_is(&said);
}

/// A long name, handle and role on a person's page give way, the role first and the name
/// last, to the counts of what is owed: an 80-character name pushed "1 open, 0 overdue" off
/// the line at any width.
#[test]
fn a_long_name_and_role_leave_room_for_what_is_owed() {
    let mut ledger = Ledger::default();
    let name = format!("Bartholomew {}", "x".repeat(68));
    let at = Moment::fixed(today(), "test");
    let who = ledger.add_person(&name, &"R".repeat(60), "", at).unwrap();
    ledger
        .add_promise(NewPromise::task(who, "Send the deck", today()), at)
        .unwrap();
    let mut f = fixture(Some(ledger), false);
    open_page(&mut f);
    for width in [200, 80, 60] {
        let screen = f.screen(width, 24);
        let first = screen.lines().nth(1).unwrap_or_default();
        assert!(first.contains(" · 1 open, 0 overdue"), "{width}: {first:?}");
        assert!(
            first.starts_with("│ Bartholomew") || first.starts_with(" Bartholomew"),
            "{width}: {first:?}"
        );
    }
    let narrow = f.screen(80, 24);
    let first = narrow.lines().nth(1).unwrap_or_default();
    assert!(first.contains("@barthol… · RRRRRRR…"), "{first:?}");
}

/// A choice too long for its field is cut inside its arrows, so the `›` that says it is a
/// choice stays: a long name lost it.
#[test]
fn a_long_choice_keeps_both_its_arrows() {
    let mut f = empty_fixture();
    f.add_person(&format!("Bartholomew {}", "x".repeat(68)));
    f.press(Char('n'));
    let screen = f.screen(80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("‹ Bartholomew"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("…›") || row.contains("… ›"), "{row}");
}

/// The agenda filtered by a promise's text, its person opened and left: clearing the filter
/// puts the People cursor (and the Person tab) on them, as leaving their page does without a
/// filter; it went back to the row it was on before the filter.
#[test]
fn clearing_the_filter_after_a_visit_keeps_the_person_visited() {
    let mut ledger = Ledger::default();
    let at = Moment::fixed(today(), "test");
    ledger.add_person("Ann Lee", "", "", at).unwrap();
    let bo = ledger.add_person("Bo Lind", "", "", at).unwrap();
    ledger
        .add_promise(NewPromise::task(bo, "Quarterly zebra report", today()), at)
        .unwrap();
    let mut f = fixture(Some(ledger), false);
    tab_to_view(&mut f, View::Agenda);
    keep_filter(&mut f, "zebra");
    open_page(&mut f);
    assert_eq!(f.app.person, Some(bo));
    f.press(Esc);
    assert_eq!(f.app.view, View::Agenda);
    f.press(Esc);
    assert!(f.app.filter.is_empty());
    assert_eq!(f.app.people.current(), Some(bo));
}

/// With the chart in the promises' place, the hint bar begins with the key that brings them
/// back: it was left out at 100 columns, where less used keys fit.
#[test]
fn with_the_chart_over_the_promises_the_hint_bar_begins_with_its_key() {
    let mut f = marcus_page(80, 24);
    f.press(Char('c'));
    assert!(f.screen(80, 24).contains("Trust over time"));
    let bar = f.hint_bar(100);
    assert!(bar.trim_start().starts_with("c "), "{bar}");
}

/// With the filter hiding everyone there is no one to make a promise with: `n` says so, as
/// the other keys that need a person do, where it opened a form for the first person by
/// name, whom the filter hid; the hint bar leaves it out.
#[test]
fn n_with_the_filter_hiding_everyone_says_so() {
    let mut f = demo_fixture();
    keep_filter(&mut f, "zzz");
    assert!(
        !f.hint_bar(200).contains(" n promise"),
        "{}",
        f.hint_bar(200)
    );
    f.press(Char('n'));
    assert_eq!(f.app.popup, None);
    f.status_is("No one matches the filter; Esc clears it.");
}

/// In the agenda too, a filter that hides every promise hides everyone: `n` and `L` say so
/// where they opened a form for the first person by name, whom the filter hid, and the hint
/// bar leaves them out.
#[test]
fn n_in_the_agenda_with_the_filter_hiding_everything_says_so() {
    let mut f = demo_fixture();
    tab_to_view(&mut f, View::Agenda);
    assert!(
        f.hint_bar(200).contains(" n promise"),
        "{}",
        f.hint_bar(200)
    );
    keep_filter(&mut f, "nomatch");
    let bar = f.hint_bar(200);
    assert!(!bar.contains(" n promise"), "{bar}");
    assert!(!bar.contains(" L log kept"), "{bar}");
    for key in ['n', 'L'] {
        f.press(Char(key));
        assert_eq!(f.app.popup, None);
        f.status_is("Nothing matches the filter; Esc clears it.");
    }
}

/// The hint bar shows as many keys as fit: one too wide for the room left is passed over for
/// narrower ones after it (at 80 columns on a person's page with an open promise selected,
/// `L log kept` does not fit, and `e edit` after it, which does, was left out too).
#[test]
fn the_hint_bar_passes_over_a_key_too_wide_for_the_narrower_after_it() {
    let mut f = demo_fixture();
    f.press(Char('j'));
    f.press(Enter);
    let bar = f.hint_bar(80);
    assert!(
        bar.starts_with(
            " d kept  Enter resolve  D late  b broken  r release  n promise  e edit  ? help"
        ),
        "{bar}"
    );
}

/// Esc on a form with something typed keeps it: the same form opened again brings it back
/// (a reflexive Esc, as in an editor's insert mode, lost the typing for good); closed again
/// unchanged, it is dropped, and the form after that opens empty. A form opened otherwise (for
/// another person) opens as it would.
#[test]
fn esc_keeps_what_was_typed_until_the_same_form_opens_again() {
    let what = |f: &Fixture| -> String { open_form(f).fields[0].shown().to_string() };
    let mut f = demo_fixture();
    f.press(Char('n'));
    f.typed("Send the deck");
    f.tab_to("Due");
    f.typed("fri");
    f.press(Esc);
    assert_eq!(f.app.popup, None);
    f.status_is(
        "New promise: cancelled, nothing saved; opened again, it brings back what you typed.",
    );
    // Another person's form opens empty, and leaves the draft where it was.
    f.press(Char('j'));
    f.press(Char('n'));
    assert_eq!(what(&f), "");
    f.press(Esc);
    f.status_is("New promise: cancelled, nothing saved.");
    f.press(Char('k'));
    f.press(Char('n'));
    assert_eq!(what(&f), "Send the deck");
    f.status_is("New promise: what you typed before Esc is back.");
    let form = open_form(&f);
    let due = form.fields.iter().find(|x| x.label == "Due").unwrap();
    assert_eq!(due.shown(), "fri");
    f.press(Esc);
    f.status_is("New promise: cancelled, nothing saved; what was typed is dropped.");
    f.press(Char('n'));
    assert_eq!(what(&f), "");
    assert!(f.saved().promises.iter().all(|p| p.what != "Send the deck"));
    f.press(Esc);

    // Someone added meanwhile (the choice of people is longer now): it still comes back, for
    // the person it was typed for.
    f.press(Char('n'));
    f.typed("Book the room");
    f.press(Esc);
    let selected = f.app.people.current();
    f.add_person("Dana Wu");
    for _ in 0..40 {
        if f.app.people.current() == selected {
            break;
        }
        f.press(Char('k'));
    }
    assert_eq!(f.app.people.current(), selected);
    f.press(Char('n'));
    assert_eq!(what(&f), "Book the room");
}

/// Two forms closed with Esc each keep their own typing: a person's note typed and Esc'd, then
/// a new promise typed and Esc'd, and the person's form brings back its note, the promise form
/// its text (the second Esc threw the first form's typing away, though the status line had said
/// it would come back). Past a handful of drafts the oldest goes, and the status line says so.
#[test]
fn each_form_closed_with_esc_brings_back_its_own_typing() {
    let field = |f: &Fixture, label: &str| -> String {
        open_form(f)
            .fields
            .iter()
            .find(|x| x.label == label)
            .unwrap()
            .shown()
            .to_string()
    };
    let mut f = demo_fixture();
    f.press(Char('e'));
    f.tab_to("Note");
    f.typed("Long note about Amara");
    f.press(Esc);
    f.press(Char('n'));
    f.typed("Quick");
    f.press(Esc);
    f.status_is(
        "New promise: cancelled, nothing saved; opened again, it brings back what you typed.",
    );
    f.press(Char('e'));
    assert_eq!(field(&f, "Note"), "Long note about Amara");
    f.status_is("Edit person: what you typed before Esc is back.");
    f.typed("!");
    f.press(Esc);
    f.press(Char('n'));
    assert_eq!(field(&f, "What"), "Quick");
    f.typed("!");
    f.press(Esc);

    // Amara's form and the promise's are kept; three people's more make five, a sixth drops
    // the oldest (Amara's), by name.
    let mut last = String::new();
    for _ in 0..4 {
        f.press(Char('j'));
        f.press(Char('e'));
        f.tab_to("Role");
        f.typed(" x");
        f.press(Esc);
        last = f.app.status.text.clone();
    }
    assert_eq!(
        last,
        "Edit person: cancelled, nothing saved; what you typed comes back when it opens again \
         (5 drafts at most; dropped the oldest: Edit person of Amara Okafor)."
    );
    for _ in 0..4 {
        f.press(Char('k'));
    }
    f.press(Char('e'));
    assert_eq!(field(&f, "Note"), "");
    f.press(Esc);
    f.press(Char('n'));
    assert_eq!(field(&f, "What"), "Quick!");
}

/// Esc in the agenda goes back to where it was entered from, as the help says: the person's
/// page it was tabbed to from (it always went to People), and People from People. Back in the
/// agenda from a page opened from it, Esc goes to People rather than round in a circle.
#[test]
fn esc_in_the_agenda_goes_back_to_where_it_was_entered_from() {
    let mut f = demo_fixture();
    f.press(Char('j'));
    f.press(Char('j'));
    f.press(Enter);
    let shown = f.app.person.expect("a person's page");
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    f.press(Esc);
    assert_eq!((f.app.view, f.app.person), (View::Person, Some(shown)));
    f.press(Esc);
    assert_eq!(f.app.view, View::People);

    // From People, back to People.
    f.press(BackTab);
    assert_eq!(f.app.view, View::Agenda);
    f.press(Esc);
    assert_eq!(f.app.view, View::People);

    // A page opened from the agenda, the agenda again by Tab: Esc goes to the page, Esc to
    // the agenda, Esc to People.
    f.press(BackTab);
    f.press(Enter);
    let opened = f
        .app
        .person
        .expect("the page of the selected promise's person");
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    f.press(Esc);
    assert_eq!((f.app.view, f.app.person), (View::Person, Some(opened)));
    f.press(Esc);
    assert_eq!(f.app.view, View::Agenda);
    f.press(Esc);
    assert_eq!(f.app.view, View::People);
}

/// While a filter is set, the hint bar names the key that clears it first, so an 80-column
/// bar shows it too (it came last and was left out there), on People, on a person's page and
/// in the agenda.
#[test]
fn the_hint_to_clear_the_filter_shows_at_80_columns() {
    let clear_first = |f: &Fixture| {
        let bar = f.hint_bar(80);
        assert!(bar.starts_with(" Esc clear filter "), "{bar}");
    };
    let mut f = demo_fixture();
    keep_filter(&mut f, "a");
    clear_first(&f);
    open_page(&mut f);
    keep_filter(&mut f, "e");
    clear_first(&f);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    clear_first(&f);
}

/// While a filter is set, Esc clears it, and the hint bar says so ("Esc back" said where it
/// would go instead), on People, on a person's page and in the agenda; without one it says
/// back again.
#[test]
fn the_hint_bar_says_esc_clears_the_filter_while_one_is_set() {
    let mut f = demo_fixture();
    keep_filter(&mut f, "a");
    let bar = f.hint_bar(200);
    assert!(bar.contains(" Esc clear filter "), "{bar}");
    assert!(!bar.contains(" Esc back "), "{bar}");
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let bar = f.hint_bar(200);
    assert!(bar.contains(" Esc clear filter "), "{bar}");
    f.press(Esc);
    assert!(f.app.filter.is_empty());
    let bar = f.hint_bar(200);
    assert!(bar.contains(" Esc back "), "{bar}");

    // Back to the page the agenda was entered from.
    f.press(Esc);
    assert_eq!(f.app.view, View::Person);
    keep_filter(&mut f, "e");
    let bar = f.hint_bar(200);
    assert!(bar.contains(" Esc clear filter "), "{bar}");
    f.press(Esc);
    assert_eq!(f.app.view, View::Person, "Esc cleared the filter");
    let bar = f.hint_bar(200);
    assert!(bar.contains(" Esc back "), "{bar}");
}

/// On an empty ledger the help's hint bar offers its search, which works there (it dropped
/// it, as the people list's filter has no one to filter).
#[test]
fn the_help_s_hint_bar_offers_search_on_an_empty_ledger() {
    let mut f = empty_fixture();
    f.press(Char('?'));
    assert!(matches!(f.app.popup, Some(Popup::Help(_))));
    let bar = f.hint_bar(60);
    assert!(bar.starts_with(" / search "), "{bar}");
}

/// On a promise past its due date, `d` records it kept late, and the hint bar says so; on one
/// not yet due it says kept.
#[test]
fn the_hint_bar_says_d_marks_an_overdue_promise_kept_late() {
    let mut f = demo_fixture();
    let ledger = f.saved();
    let overdue = ledger
        .promises
        .iter()
        .find(|p| p.is_overdue(today()))
        .expect("an overdue promise in the demo");
    f.select_person(&ledger.person(overdue.person).unwrap().name);
    f.press(Enter);
    f.app.promises.select(overdue.id);
    let bar = f.hint_bar(200);
    assert!(bar.starts_with(" d kept late "), "{bar}");
    assert!(!bar.contains(" D late "), "the same as d there: {bar}");
    f.press(Char('d'));
    assert_eq!(
        f.saved().promise(overdue.id).unwrap().status,
        Status::KeptLate
    );
    // An open promise not yet due: `d` keeps it on time, and the bar says so.
    let on_time = ledger
        .promises
        .iter()
        .find(|p| p.status == Status::Open && !p.is_overdue(today()))
        .expect("an open promise not overdue in the demo");
    let mut f = demo_fixture();
    f.select_person(&ledger.person(on_time.person).unwrap().name);
    f.press(Enter);
    f.app.promises.select(on_time.id);
    let bar = f.hint_bar(200);
    assert!(bar.starts_with(" d kept "), "{bar}");
    assert!(!bar.starts_with(" d kept late "), "{bar}");
    assert!(bar.contains(" D late "), "{bar}");
}

/// An error too long for two lines of the status line takes the lines it needs, four at most,
/// so that what to do about it is read (at 60x16 it was cut after "Nothing w…"); but on a
/// person's page under 24 rows, whose promises would then leave the screen, two as before, and
/// one where two would leave fewer than three promises (at 60x18, whose page shares its rows
/// out for three).
#[test]
fn a_long_error_takes_the_lines_it_needs_on_the_status_line() {
    let said = "Could not reload: not a trustladder file I can read: EOF while parsing a string at line 47110 column 19. Nothing was changed; there is no backup of it to put back (a sync remote, or a copy of your own, may hold one)";
    for (width, height, person, shown) in [
        (80, 24, true, 3),
        (60, 24, true, 4),
        (60, 16, false, 4),
        (60, 22, true, 2),
        (60, 18, true, 1),
    ] {
        let mut f = demo_fixture();
        resize(&mut f, width, height);
        f.select_person("Marcus Chen");
        if person {
            f.press(Enter);
        }
        f.app.complain(said);
        let screen = f.screen(width, height);
        let lines: Vec<&str> = screen.lines().collect();
        let status: Vec<&str> = lines[lines.len() - 1 - shown..lines.len() - 1]
            .iter()
            .map(|l| l.trim())
            .collect();
        let read = status.join(" ");
        if shown <= 2 {
            assert!(
                read.starts_with("Could not reload") && read.ends_with('…'),
                "{width}x{height}:\n{screen}"
            );
        } else {
            assert_eq!(read, said, "{width}x{height}:\n{screen}");
        }
        assert!(
            screen.contains("│▶ "),
            "the selection stays in sight at {width}x{height}:\n{screen}"
        );
        if person {
            let rows = screen
                .lines()
                .filter(|l| l.starts_with("│▶ #") || l.starts_with("│  #"))
                .count();
            assert!(
                rows >= 4,
                "three promises and the column names at {width}x{height}:\n{screen}"
            );
        }
    }
}

/// The key that lets the quit question go takes it off the status line, where it went on
/// saying `q again quits` while `q` only asked again; a key that says something says it.
#[test]
fn a_key_that_lets_the_quit_question_go_takes_it_off_the_status_line() {
    let mut f = demo_fixture();
    f.press(Char('n'));
    f.typed("Send the deck");
    f.press(Esc);
    f.press(Char('q'));
    f.status_starts("q again quits");
    f.press(Char('j'));
    assert!(!f.app.quit);
    assert_eq!(f.app.status.text, "", "the question stays after j");
    // Asked again, then let go by a key that says something: that is what shows.
    f.press(Char('q'));
    f.status_starts("q again quits");
    f.press(Char('s'));
    f.status_starts("Sorted by");
    // A message said over the question is left alone by the next key.
    f.press(Char('q'));
    f.press(Char('j'));
    f.press(Char('s'));
    let sorted = f.app.status.text.clone();
    f.press(Char('j'));
    f.status_is(&sorted);
    assert!(!f.app.quit);
    // Let go while the window is too small to show anything, it is gone once it is bigger.
    f.press(Char('q'));
    f.status_starts("q again quits");
    resize(&mut f, 50, 12);
    f.press(Char('j'));
    resize(&mut f, 80, 24);
    assert_eq!(f.app.status.text, "", "the question stays after j");
    assert!(!f.app.quit);
}

/// `q` with forms closed by Esc still holding what was typed says what would go and quits
/// only when pressed again: the drafts live in the UI alone, and a `q` a moment after the
/// Esc that promised to bring them back lost them without a word. Another key in between
/// lets the question go; with nothing typed, `q` quits at once.
#[test]
fn q_with_drafts_kept_by_esc_says_so_and_quits_when_pressed_again() {
    let mut f = demo_fixture();
    f.press(Char('q'));
    assert!(f.app.quit, "nothing typed: quits at once");
    let mut f = demo_fixture();
    f.press(Char('n'));
    f.typed("Send the deck");
    f.press(Esc);
    let named = match &f.app.status.text {
        text if text.starts_with("New promise") => "New promise for",
        text => panic!("{text}"),
    };
    f.press(Char('q'));
    assert!(!f.app.quit);
    let said = f.app.status.text.clone();
    assert!(
        said.starts_with("q again quits, dropping what you typed in ")
            && said.contains(named)
            && said.ends_with(" (closed with Esc); opened again, a form brings it back."),
        "{said}"
    );
    f.press(Char('j'));
    f.press(Char('q'));
    assert!(!f.app.quit, "another key between lets the question go");
    f.press(Char('q'));
    assert!(f.app.quit);
    // A window too small draws nothing but how to quit, so no question it could not show.
    let mut f = demo_fixture();
    f.press(Char('n'));
    f.typed("Send the deck");
    f.press(Esc);
    resize(&mut f, 50, 12);
    f.press(Char('q'));
    assert!(f.app.quit);
}

/// A new promise typed for someone and kept with Esc comes back on their form after they are
/// renamed (here with `E`, as elsewhere): the draft is theirs as a record, where it was kept
/// for their old name, never to open again, while `q` still named it to be dropped.
#[test]
fn a_new_promise_s_draft_comes_back_after_its_person_is_renamed() {
    let mut f = empty_fixture();
    f.press(Char('p'));
    f.typed("Zoe Quinn");
    f.press(Enter);
    open_page(&mut f);
    f.press(Char('n'));
    f.typed("Send the slides");
    f.press(Esc);
    f.press(Char('E'));
    f.ctrl('u');
    f.typed("Zoe Q");
    f.press(Enter);
    assert_eq!(f.saved().people[0].name, "Zoe Q");
    f.press(Char('n'));
    let form = open_form(&f);
    assert_eq!(
        form.fields[0].shown(),
        "Send the slides",
        "the draft is back"
    );
    let person = form.fields.iter().find(|f| f.label == "Person").unwrap();
    assert_eq!(person.shown(), "Zoe Q");
}

/// On a person's page at 60x16 the status line has one row: a form cancelled with what was
/// typed kept says so in its short form there (`m` keeps the whole), where it was cut
/// mid-word ("…; opened again, it br…"); and a message with no short form is cut between
/// words, the rest read with `m`, where it ended in half a word.
#[test]
fn the_status_line_at_60_columns_is_cut_between_words() {
    let mut f = marcus_page(60, 16);
    assert_eq!(f.app.view, View::Person);
    f.press(KeyCode::Char('n'));
    f.typed("Call the vendor");
    f.press(KeyCode::Esc);
    f.status_is(
        "New promise: cancelled, nothing saved; opened again, it brings back what you typed.",
    );
    let (status, screen) = status_at_60x16(&f);
    assert_eq!(
        status, " New promise: cancelled; what you typed is kept.",
        "{screen}"
    );
    assert!(screen.contains("m full message"), "{screen}");
    f.app
        .say("Reloaded: the file was changed elsewhere; Marcus Chen's role is now Staff Engineer.");
    let (status, screen) = status_at_60x16(&f);
    assert_eq!(
        status, " Reloaded: the file was changed elsewhere; Marcus Chen's…",
        "{screen}"
    );
}

/// On a person's page at 60x16, where the status line has one row, the refusals and
/// cancellations too long for it say what matters in their short form (`m` keeps the whole):
/// a form closed unchanged after it came back said `what was typed is…`, not whether it was
/// kept; the question over a new person of a name already here, `close the form to add no…`;
/// a change typed while an undo waits, `there is nothing of it…`, not what to do; a key of
/// other views, `…, not on a…`, where it works whole; Ctrl-z where it cannot suspend,
/// `…started from a…`, what it needs.
#[test]
fn refusals_and_cancellations_at_60_columns_say_their_short_form() {
    let mut f = marcus_page(60, 16);
    assert_eq!(f.app.view, View::Person);
    // The whole message the status line keeps, and the short form the line at 60 shows.
    let says = |f: &Fixture, whole: &str, short: &str| {
        f.status_is(whole);
        let (line, screen) = status_at_60x16(f);
        assert_eq!(line, short, "{screen}");
        screen
    };
    f.press(KeyCode::Char('n'));
    f.typed("Call the vendor");
    f.press(KeyCode::Esc);
    f.press(KeyCode::Char('n'));
    f.press(KeyCode::Esc);
    let screen = says(
        &f,
        "New promise: cancelled, nothing saved; what was typed is dropped.",
        " New promise: cancelled; what was typed is dropped.",
    );
    assert!(screen.contains("m full message"), "{screen}");

    f.press(KeyCode::Char('p'));
    f.typed("Marcus Chen");
    f.press(KeyCode::Enter);
    assert!(
        matches!(f.app.popup, Some(Popup::Confirm(_))),
        "{}",
        f.app.status.text
    );
    f.press(KeyCode::Char('n'));
    says(
        &f,
        "Not added: change the name, or close the form to add no one.",
        " Not added: change the name, or close the form.",
    );
    f.press(KeyCode::Esc);
    assert_eq!(f.app.popup, None, "{}", f.app.status.text);

    // `d u d` before the first save is back: the second `d` waits on the undo.
    let mut sent = Vec::new();
    for c in ['d', 'u', 'd'] {
        sent.extend(f.send_only(tui_support::key(KeyCode::Char(c))));
    }
    f.status_starts("Not yet: ");
    let (line, screen) = status_at_60x16(&f);
    assert!(
        line.starts_with(" Not yet: try again in a moment. "),
        "{screen}"
    );
    f.carry_out(sent);

    // A key of other views, `…, not on a…`.
    f.press(KeyCode::Char('A'));
    says(
        &f,
        "A (archived) works on People and in the agenda, not on a person's page.",
        " A (archived) works on People and in the agenda.",
    );

    // Ctrl-z in a UI no shell with job control started, `…started from a…`.
    f.send(Message::NotSuspended);
    let (line, screen) = status_at_60x16(&f);
    assert_eq!(
        line, " Not suspended: Ctrl-z needs a shell with job control.",
        "{screen}"
    );
}

/// An empty name's or promise's example under the field keeps together on one line where
/// the message wraps: at 80 columns it was split after "as in: Priya", "Raman" alone below.
#[test]
fn a_fields_example_is_never_split_over_two_lines() {
    for (width, height) in [(80, 24), (60, 16)] {
        let mut f = demo_fixture();
        resize(&mut f, width, height);
        f.press(KeyCode::Char('p'));
        f.press(KeyCode::Enter);
        let screen = f.screen(width, height);
        assert!(
            screen.contains("│           as in: Priya Raman "),
            "{width}x{height}:\n{screen}"
        );
        f.press(KeyCode::Esc);
        f.press(KeyCode::Enter);
        f.press(KeyCode::Char('n'));
        f.press(KeyCode::Enter);
        let screen = f.screen(width, height);
        assert!(
            screen.contains("│           as in: send the Q3 deck by Friday "),
            "{width}x{height}:\n{screen}"
        );
    }
}

/// Letters typed on a choice that begin none of its options (`zz` on a resolve form's
/// Outcome) changed nothing and said nothing, as if the form stopped listening: the status
/// line says what the field takes, by the options' names, whole at 60 columns too.
#[test]
fn letters_that_begin_no_option_say_what_the_choice_takes() {
    for (width, height) in [(80, 24), (60, 16)] {
        let mut f = marcus_page(width, height);
        f.press(KeyCode::Enter);
        let form = open_form(&f);
        let before = form.fields[0].shown().to_string();
        f.typed("zz");
        let form = open_form(&f);
        assert_eq!(form.fields[0].shown(), before, "the choice as it was");
        f.status_is(
            "No choice begins with 'zz': Outcome takes kept, kept late, broken or released.",
        );
        let screen = f.screen(width, height);
        let line = if width == 80 {
            " No choice begins with 'zz': Outcome takes kept, kept late, broken or released."
        } else {
            " Outcome takes kept, kept late, broken or released."
        };
        assert!(
            screen.lines().any(|l| l.trim_end() == line),
            "{width}x{height}:\n{screen}"
        );
        // A letter that then picks an option takes the message back.
        f.typed("b");
        let form = open_form(&f);
        assert_eq!(form.fields[0].shown(), "broken");
        assert_eq!(f.app.status.text, "", "{width}x{height}");
    }
}
