//! The terminal UI and the command line in two panes on one file, driven through `update` with
//! the shell's changes made by a second store as another process would: a stale form never
//! overwrites what it did not touch, undo never overwrites what changed since, numbers are
//! never handed out twice, and both front ends refuse the same things with the same words.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use trustladder::core::change::{NewPromise, OnConflict, PersonPatch, PromisePatch, Set, Target};
use trustladder::core::dates::parse_iso;
use trustladder::core::merge::merge;
use trustladder::core::{Change, Ledger, Level, Moment, PromiseId, Status};
use trustladder::store::{self, Store};
use trustladder::tui::app::{Popup, View};
use tui_support::{Fixture, empty_fixture, today};

use KeyCode::{Backspace, Char, End, Enter, Esc, Tab};

/// Priya with two open promises, #1 and #2; the UI on Priya's page with #1 selected.
fn two_promises() -> Fixture {
    let mut f = empty_fixture();
    f.add_person("Priya Raman");
    for what in ["Send the deck", "Review PR 412"] {
        f.add_promise(what);
    }
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
    f.app.promises.select(PromiseId(1));
    f
}

/// Moves the agenda's selection to promise `id`; the row it is on.
fn select_in_agenda(f: &mut Fixture, id: PromiseId) -> usize {
    let row = (f.app.agenda.items.iter())
        .position(|(_, shown)| *shown == id)
        .unwrap_or_else(|| panic!("{id:?} is not in the agenda"));
    f.app.agenda.select_row(row);
    row
}

/// Asserts the file holds `before` to the byte.
#[track_caller]
fn nothing_written(f: &Fixture, before: &[u8]) {
    assert_eq!(std::fs::read(&f.path).unwrap(), before, "nothing written");
}

/// The shell: one change from another process, as the command line makes it.
fn shell(f: &Fixture, change: Change) {
    let mut other = Store::open(&f.path).expect("the file opens");
    other
        .apply(&change, today())
        .expect("the shell's change is saved");
}

/// [`with_zoe_quinn`], on Priya Raman's page.
fn on_priyas_page_beside_zoe() -> Fixture {
    let mut f = with_zoe_quinn();
    f.select_person("Priya Raman");
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
    f
}

/// The shell archives `name`, and the UI sees it.
fn archive_elsewhere(f: &mut Fixture, name: &str) {
    let person = f.person_id(name);
    shell_person(
        f,
        person,
        PersonPatch {
            archived: Some(Set::from(false, true)),
            ..PersonPatch::default()
        },
    );
    f.tick();
}

/// [`archive_elsewhere`], and `Esc` goes back from their page.
fn archive_elsewhere_and_go_back(f: &mut Fixture, name: &str) {
    archive_elsewhere(f, name);
    f.press(Esc);
}

/// From a person's page back to People, where `name` is added and their page opened.
fn open_the_page_of_someone_new(f: &mut Fixture, name: &str) {
    f.press(Esc);
    f.add_person(name);
    f.select_person(name);
    f.press(Enter);
}

/// [`two_promises`] on People, with Zoe Quinn added after Priya Raman.
fn with_zoe_quinn() -> Fixture {
    let mut f = two_promises();
    f.press(Esc);
    f.add_person("Zoe Quinn");
    f
}

/// The shell edits a person.
fn shell_person(f: &Fixture, person: trustladder::core::PersonId, patch: PersonPatch) {
    shell(
        f,
        Change::EditPerson {
            person: Target::id(person),
            patch,
            on_conflict: OnConflict::Refuse,
        },
    );
}

fn shell_edit(f: &Fixture, id: u64, patch: PromisePatch) {
    shell(
        f,
        Change::EditPromise {
            promise: Target::id(PromiseId(id)),
            patch,
            on_conflict: OnConflict::Refuse,
        },
    );
}

/// The shell changes what promise `id` says, from `was` to `now`.
fn shell_reword(f: &Fixture, id: u64, was: &str, now: &str) {
    shell_edit(
        f,
        id,
        PromisePatch {
            what: Some(Set::from(was.to_string(), now.to_string())),
            ..PromisePatch::default()
        },
    );
}

/// The shell renames a person, whatever their name was before.
fn shell_renames(f: &Fixture, person: trustladder::core::PersonId, name: &str) {
    shell_person(
        f,
        person,
        PersonPatch {
            name: Some(Set::to(name.to_string())),
            ..PersonPatch::default()
        },
    );
}

/// What a promise says set to `now`, whatever it said before.
fn reworded(now: &str) -> PromisePatch {
    PromisePatch {
        what: Some(Set::to(now.to_string())),
        ..PromisePatch::default()
    }
}

/// The shell sets what promise `id` says, whatever it said before.
fn shell_rewords_to(f: &Fixture, id: u64, now: &str) {
    shell_edit(f, id, reworded(now));
}

/// The shell sets promise `id`'s due date, whatever it was before.
fn shell_moves_due_to(f: &Fixture, id: u64, due: Option<chrono::NaiveDate>) {
    shell_edit(
        f,
        id,
        PromisePatch {
            due: Some(Set::to(due)),
            ..PromisePatch::default()
        },
    );
}

/// The shell sets a person's role, whatever it was before.
fn shell_sets_role(f: &Fixture, person: trustladder::core::PersonId, role: &str) {
    shell_person(
        f,
        person,
        PersonPatch {
            role: Some(Set::to(role.to_string())),
            ..PersonPatch::default()
        },
    );
}

/// The shell deletes promise `id`, whatever it holds.
fn shell_deletes_promise(f: &Fixture, id: PromiseId) {
    shell(
        f,
        Change::DeletePromise {
            promise: Target::id(id),
            seen: None,
        },
    );
}

/// The shell marks promise `id` with `status`, today.
fn shell_resolves(f: &Fixture, id: PromiseId, status: Status) {
    shell(
        f,
        Change::Resolve {
            promise: Target::id(id),
            status,
            on: today(),
            note: None,
        },
    );
}

/// Adding `name` with no role or note, as `person add NAME` does.
fn someone_new(name: &str) -> Change {
    Change::AddPerson {
        name: name.into(),
        role: String::new(),
        note: String::new(),
        cadence_days: None,
        again: false,
    }
}

/// The shell deletes the `n`th person with their promises; the file as it then is.
fn delete_elsewhere(f: &Fixture, n: usize) -> Vec<u8> {
    let person = f.saved().people[n].id;
    shell(
        f,
        Change::DeletePerson {
            person: Target::id(person),
            force: true,
            promises: None,
        },
    );
    std::fs::read(&f.path).expect("the file is there")
}

fn form_field<'a>(f: &'a Fixture, label: &str) -> &'a trustladder::tui::forms::Field {
    match &f.app.popup {
        Some(Popup::Form(form)) => form
            .fields
            .iter()
            .find(|x| x.label == label)
            .unwrap_or_else(|| panic!("no field {label}")),
        other => panic!("expected a form, got {other:?}"),
    }
}

/// [`two_promises`] with #1's edit form open, the shell then saving `elsewhere` to #1, and
/// `typed` added here at the end of What: its save meets a change it never saw.
fn edited_here_and_elsewhere(elsewhere: PromisePatch, typed: &str) -> Fixture {
    let mut f = two_promises();
    f.press(Char('e'));
    shell_edit(&f, 1, elsewhere);
    f.press(End);
    f.typed(typed);
    f
}

/// [`edited_here_and_elsewhere`] with What typed " v2" here and "Send the board deck" in the
/// shell, the direction set to mine too, and Enter refused: the form shows both values of What.
fn what_and_direction_refused_as_changed_on_both_sides() -> Fixture {
    let mut f = edited_here_and_elsewhere(reworded("Send the board deck"), " v2");
    f.press(Tab);
    f.press(Char(' ')); // mine
    f.press(Enter);
    f
}

/// The title of the form open, failing the test where none is.
fn form_title(f: &Fixture) -> &str {
    match &f.app.popup {
        Some(Popup::Form(form)) => &form.title,
        other => panic!("expected a form, got {other:?}"),
    }
}

/// The status line's row at 60x16, where a person's page leaves it one, with the whole
/// screen to show when the row is not as it should be.
fn status_row_at_60x16(f: &Fixture) -> (String, String) {
    let screen = f.screen(60, 16);
    let row = screen.lines().nth(14).unwrap_or_default().to_string();
    (row, screen)
}

/// A keep redone after the shell moved its due date past the day it was kept is saved kept
/// late, and the status line names what was saved, not the keep as first made.
#[test]
fn a_keep_redone_after_its_due_date_moved_names_the_outcome_saved() {
    let mut f = two_promises();
    f.press(Char('d'));
    assert_eq!(f.app.status.text, "#1 kept. u undoes");
    f.press(Char('u'));
    assert_eq!(f.saved().promises[0].status, Status::Open);
    shell_moves_due_to(&f, 1, Some(today() - chrono::Days::new(3)));
    f.tick();
    f.ctrl('r');
    assert_eq!(f.saved().promises[0].status, Status::KeptLate);
    assert_eq!(f.app.status.text, "Redid: #1 kept late. u undoes");
}

#[test]
fn a_stale_edit_form_keeps_the_level_and_due_date_the_shell_set() {
    let mut f = edited_here_and_elsewhere(
        PromisePatch {
            level: Some(Set::to(Level::Impact)),
            due: Some(Set::to(parse_iso("2027-01-15"))),
            ..PromisePatch::default()
        },
        " today",
    );
    // Within a second the form shows what the shell set, in the fields not being edited.
    f.tick();
    assert_eq!(form_field(&f, "Rung").shown(), "impact (ongoing impact)");
    assert_eq!(form_field(&f, "Due").shown(), "2027-01-15");
    assert_eq!(form_field(&f, "What").shown(), "Send the deck today");
    f.press(Enter);
    assert_eq!(f.app.popup, None);
    assert_eq!(
        f.app.status.text,
        "#1 saved (merged with a change saved elsewhere, which set Rung and Due). u undoes"
    );
    let p = f.saved().promises[0].clone();
    assert_eq!(p.what, "Send the deck today");
    assert_eq!((p.level, p.due), (Level::Impact, parse_iso("2027-01-15")));
    // Its undo sets back only the text.
    f.press(Char('u'));
    let p = f.saved().promises[0].clone();
    assert_eq!(p.what, "Send the deck");
    assert_eq!(p.level, Level::Impact);
    // Redone, then reworded in the shell: undo leaves the shell's text and says so.
    f.ctrl('r');
    shell_rewords_to(&f, 1, "Send the deck on Friday");
    f.press(Char('u'));
    assert_eq!(f.saved().promises[0].what, "Send the deck on Friday");
    assert_eq!(
        f.app.status.text,
        "Undo skipped: the what of #1 was changed elsewhere since."
    );
}

#[test]
fn a_stale_person_form_keeps_the_role_the_shell_set() {
    let mut f = two_promises();
    f.press(Char('E'));
    let priya = f.app.ledger().people[0].clone();
    shell_sets_role(&f, priya.id, "Backend lead");
    f.press(End);
    for _ in 0.."Raman".len() {
        f.press(Backspace);
    }
    f.typed("Iyer");
    f.press(Enter);
    let saved = &f.saved().people[0];
    assert_eq!(
        (saved.name.as_str(), saved.role.as_str()),
        ("Priya Iyer", "Backend lead")
    );
    assert_eq!(
        f.app.status.text,
        "Saved Priya Iyer (merged with a change saved elsewhere, which set Role). u undoes"
    );
}

/// A field the person edited, then typed back to what it held, while the shell changed it:
/// Enter shows both values, as for any field changed on both sides, where the form closed
/// saying "Nothing changed." and the text it showed was lost under the shell's, never shown.
#[test]
fn a_field_typed_back_while_the_shell_changed_it_shows_both() {
    let mut f = two_promises();
    f.press(Char('E'));
    f.press(End);
    f.press(Backspace);
    let priya = f.app.ledger().people[0].clone();
    shell_renames(&f, priya.id, "Priya Iyer");
    f.tick();
    f.typed("n");
    assert_eq!(form_field(&f, "Name").shown(), "Priya Raman");
    f.press(Enter);
    assert_eq!(f.saved().people[0].name, "Priya Iyer", "nothing saved yet");
    assert_eq!(
        form_field(&f, "Name").theirs.as_deref(),
        Some("Priya Iyer"),
        "{:?}",
        f.app.status.text
    );
    f.press(Enter);
    assert_eq!(f.app.popup, None);
    assert_eq!(f.saved().people[0].name, "Priya Raman", "Enter saves mine");
}

#[test]
fn a_save_without_a_tick_is_merged_and_says_so() {
    let mut f = edited_here_and_elsewhere(
        PromisePatch {
            level: Some(Set::to(Level::Result)),
            ..PromisePatch::default()
        },
        "!",
    );
    f.press(Enter);
    assert_eq!(
        f.app.status.text,
        "#1 saved (merged with a change saved elsewhere, which set Rung). u undoes"
    );
    let p = f.saved().promises[0].clone();
    assert_eq!(
        (p.what.as_str(), p.level),
        ("Send the deck!", Level::Result)
    );
}

/// On the smallest screen a long value from elsewhere wraps rather than being cut: it is
/// what the choice between Enter and Esc is about.
#[test]
fn a_long_value_from_elsewhere_is_shown_whole_at_60_columns() {
    let mut f = edited_here_and_elsewhere(
        reworded("Their text set from the command line in the meantime, at length"),
        " v2",
    );
    f.press(Enter);
    let narrow = f.screen(60, 16);
    let joined: String = narrow
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        joined
            .contains("elsewhere: Their text set from the command line in the meantime, at length"),
        "{narrow}"
    );
}

#[test]
fn a_field_changed_on_both_sides_shows_both_and_enter_saves_mine() {
    let mut f = what_and_direction_refused_as_changed_on_both_sides();
    // The form stays, with the other value at the field, and nothing was saved.
    assert_eq!(
        form_field(&f, "What").theirs.as_deref(),
        Some("Send the board deck")
    );
    assert_eq!(f.saved().promises[0].what, "Send the board deck");
    assert!(f.screen(80, 24).contains("elsewhere: Send the board deck"));

    assert!(f.screen(80, 24).contains("Enter  save mine"));
    // The hint bar says the same, not "Esc cancel".
    let bar = f
        .screen(80, 24)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(
        bar.contains("Enter save mine") && bar.contains("Esc keep theirs"),
        "{bar}"
    );
    f.press(Enter);
    assert_eq!(f.app.popup, None);
    let p = f.saved().promises[0].clone();
    assert_eq!(p.what, "Send the deck v2");
    assert_eq!(p.direction, trustladder::core::Direction::Mine);
}

#[test]
fn esc_on_a_conflict_keeps_theirs_and_saves_the_rest() {
    let mut f = what_and_direction_refused_as_changed_on_both_sides();
    assert!(form_field(&f, "What").theirs.is_some());
    f.press(Esc);
    assert_eq!(f.app.popup, None);
    assert_eq!(
        f.app.status.text,
        "#1 saved (merged with a change saved elsewhere, which set What). u undoes"
    );
    let p = f.saved().promises[0].clone();
    assert_eq!(p.what, "Send the board deck", "theirs kept");
    assert_eq!(
        p.direction,
        trustladder::core::Direction::Mine,
        "mine saved"
    );
}

/// [`two_promises`] with #1's edit form showing What changed on both sides, typed " v2"
/// here and "Send the board deck" in the shell, which then changes it again.
fn conflict_changed_again() -> Fixture {
    let mut f = two_promises();
    f.press(Char('e'));
    shell_reword(&f, 1, "Send the deck", "Send the board deck");
    f.press(End);
    f.typed(" v2");
    f.press(Enter);
    assert!(f.screen(80, 24).contains("elsewhere: Send the board deck"));
    shell_reword(&f, 1, "Send the board deck", "Send the final deck");
    f.tick();
    f
}

/// A field shown changed on both sides follows the file while the form stays open: changed
/// there again, it shows the new value; its record deleted there, it shows none (it showed the
/// first value from elsewhere to the end, of a promise no longer anywhere).
#[test]
fn a_conflict_shows_what_the_file_holds_now_and_nothing_once_deleted() {
    let mut f = conflict_changed_again();
    assert_eq!(
        form_field(&f, "What").theirs.as_deref(),
        Some("Send the final deck")
    );
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("elsewhere: Send the final deck") && !screen.contains("board"),
        "{screen}"
    );
    shell_deletes_promise(&f, PromiseId(1));
    f.tick();
    assert_eq!(form_field(&f, "What").theirs, None);
    assert_eq!(form_field(&f, "What").shown(), "Send the deck v2");
    for (width, height) in [(80, 24), (60, 16)] {
        let screen = f.screen(width, height);
        assert!(
            !screen.contains("elsewhere:") && screen.contains("deleted elsewhere"),
            "{screen}"
        );
    }
    assert_eq!(f.hint_bar(80).trim(), "Esc close");
}

/// Saving mine over a conflict changed again elsewhere sets it over the value shown, not
/// refused as changed on both sides once more.
#[test]
fn saving_mine_over_a_conflict_changed_again_sets_it_over_the_value_shown() {
    let mut f = conflict_changed_again();
    f.press(Enter);
    assert_eq!(f.app.popup, None);
    assert_eq!(f.saved().promises[0].what, "Send the deck v2");
}

/// Changed elsewhere to what was typed here, a field has nothing left to choose between: the
/// conflict and its words go.
#[test]
fn a_conflict_changed_elsewhere_to_mine_is_no_conflict() {
    let mut f = conflict_changed_again();
    shell_reword(&f, 1, "Send the final deck", "Send the deck v2");
    f.tick();
    assert_eq!(form_field(&f, "What").theirs, None);
    let Some(Popup::Form(form)) = &f.app.popup else {
        panic!("the form stays open");
    };
    assert_eq!(form.error, None);
    assert!(f.hint_bar(80).contains("Enter save "), "{}", f.hint_bar(80));
}

#[test]
fn undo_of_a_resolve_keeps_the_text_the_shell_changed_since() {
    let mut f = two_promises();
    f.press(Char('d'));
    assert_eq!(f.saved().promises[0].status, Status::Kept);
    shell_rewords_to(&f, 1, "Send the deck (sent)");
    f.press(Char('u'));
    let p = f.saved().promises[0].clone();
    assert_eq!(p.status, Status::Open);
    assert_eq!(p.what, "Send the deck (sent)");
    assert_eq!(
        f.app.status.text,
        "Undid: #1 kept (merged with a change saved elsewhere). Ctrl-r redoes"
    );
}

/// A promise marked before the UI saw that the shell deleted it: said as deleted elsewhere,
/// as every such case is ("#1 not saved: no promise #1" read as a slip of the program's).
#[test]
fn marking_a_promise_deleted_in_the_shell_before_the_reload_says_so() {
    let mut f = two_promises();
    shell_deletes_promise(&f, PromiseId(1));
    f.press(Char('d'));
    assert_eq!(
        f.app.status.text,
        "#1 was deleted elsewhere meanwhile; nothing was saved."
    );
    assert_eq!(f.saved().promises.len(), 1);
}

#[test]
fn undo_of_a_change_to_a_promise_deleted_in_the_shell_leaves_it_deleted() {
    let mut f = two_promises();
    f.press(Char('d'));
    shell_deletes_promise(&f, PromiseId(1));
    f.press(Char('u'));
    let saved = f.saved();
    assert_eq!(saved.promises.len(), 1);
    assert_eq!(saved.promises[0].id, PromiseId(2));
    assert_eq!(f.app.status.text, "Undo skipped: #1 was deleted elsewhere.");
}

#[test]
fn after_a_restored_backup_no_number_is_handed_out_twice_and_a_pending_undo_hits_nothing_else() {
    let mut f = two_promises();
    f.add_promise("Third");
    f.app.promises.select(PromiseId(3));
    f.press(Char('d')); // #3 kept; its undo is pending
    // Back to the file before #3 was added.
    let before_third = store::backups::list(&f.path).unwrap()[1].clone();
    store::restore_backup(
        &f.path,
        &before_third.path.file_name().unwrap().to_string_lossy(),
        &store::Patience::default(),
    )
    .unwrap();
    assert!(
        Store::open(&f.path)
            .unwrap()
            .ledger()
            .promise(PromiseId(3))
            .is_none()
    );
    // The shell adds a promise: it gets a new number, not #3.
    shell(
        &f,
        Change::AddPromise(trustladder::core::change::NewPromise::task(
            f.app.ledger().people[0].id,
            "After the restore",
            today(),
        )),
    );
    let saved = f.saved();
    let newest = saved.promises.last().unwrap();
    assert_eq!(
        (newest.id, newest.what.as_str()),
        (PromiseId(4), "After the restore")
    );
    // The UI's pending undo of "#3 kept" finds no #3 and leaves #4 alone.
    f.tick();
    f.press(Char('u'));
    let after = f.saved();
    assert_eq!(after.promise(PromiseId(4)), Some(newest));
    assert_eq!(f.app.status.text, "Undo skipped: #3 was deleted elsewhere.");
}

#[test]
fn the_resolve_form_refuses_a_future_day_with_the_command_lines_words() {
    let mut f = two_promises();
    f.press(Enter);
    f.press(Tab); // On
    for _ in 0.."today".len() {
        f.press(Backspace);
    }
    f.typed("+3d");
    f.press(Enter);
    assert_eq!(
        form_field(&f, "On").error.as_deref(),
        Some("2026-11-27 is after today (2026-11-24); an outcome cannot be recorded in the future")
    );
    assert_eq!(f.saved().promises[0].status, Status::Open);
}

/// A promise resolved elsewhere while its resolve form is open: the form says so at once
/// and what to do, and Enter changes nothing.
#[test]
fn the_resolve_form_says_when_its_promise_was_resolved_elsewhere() {
    let mut f = two_promises();
    f.press(Enter);
    let id = match &f.app.popup {
        Some(Popup::Form(form)) => form.title.trim_start_matches("Resolve #").to_string(),
        other => panic!("the resolve form, got {other:?}"),
    };
    let id: u64 = id.parse().unwrap();
    shell_resolves(&f, PromiseId(id), Status::Broken);
    f.tick();
    let said = format!(
        "#{id} was marked broken elsewhere meanwhile. Esc closes this form; to give it another \
         outcome, reopen it first."
    );
    match &f.app.popup {
        Some(Popup::Form(form)) => assert_eq!(form.error.as_deref(), Some(said.as_str())),
        other => panic!("the form stays open, got {other:?}"),
    }
    // Neither its border nor the hint bar offers to save what cannot be saved.
    let bar = f.hint_bar(80);
    assert_eq!(bar.trim(), "Esc close");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("Esc  close") && !screen.contains("Enter  save"),
        "{screen}"
    );
    f.press(Enter);
    let p = f.saved().promise(PromiseId(id)).cloned().unwrap();
    assert_eq!(p.status, Status::Broken);
}

/// Esc on a resolve form whose promise was marked elsewhere meanwhile: what was typed is kept
/// for the resolve form, which opens again only once the promise is reopened (Enter on it
/// opens the edit form meanwhile), and the status line says so (it said the form, opened
/// again, brings it back).
#[test]
fn esc_on_a_resolve_form_of_a_promise_marked_elsewhere_says_when_the_draft_comes_back() {
    let mut f = two_promises();
    f.press(Enter);
    f.tab_to("Note");
    f.typed("half done");
    shell_resolves(&f, PromiseId(1), Status::Kept);
    f.tick();
    f.press(Esc);
    assert_eq!(
        f.app.status.text,
        "Resolve #1: cancelled, nothing saved; #1 was marked kept elsewhere, so what you typed \
         comes back once it is reopened (o reopens it)."
    );
    f.app.promises.select(PromiseId(1));
    f.press(Enter);
    assert_eq!(form_title(&f), "Edit promise #1");
    f.press(Esc);
    f.press(Char('o'));
    assert_eq!(
        f.saved().promise(PromiseId(1)).map(|p| p.status),
        Some(Status::Open)
    );
    f.press(Enter);
    assert_eq!(
        f.app.status.text,
        "Resolve #1: what you typed before Esc is back."
    );
    assert_eq!(form_field(&f, "Note").shown(), "half done");
}

#[test]
fn a_form_waits_for_its_save_and_keys_meanwhile_change_nothing() {
    let mut f = two_promises();
    f.press(Char('e'));
    f.press(End);
    f.typed("!");
    let effects = f.send_only(tui_support::key(Enter));
    assert_eq!(effects.len(), 1, "one save is asked for");
    assert_eq!(f.app.saving, 1);
    f.send_only(tui_support::key(Char('x')));
    match &f.app.popup {
        Some(Popup::Form(form)) => {
            assert!(form.saving);
            assert_eq!(form.fields[0].shown(), "Send the deck!");
        }
        other => panic!("the form waits, got {other:?}"),
    }
    assert_eq!(f.saved().promises[0].what, "Send the deck", "not saved yet");
}

/// While a form's save is under way the hint bar offers none of the form's keys (save,
/// cancel, next field, the editor): pressed then, they only wait for the outcome. Once it is
/// back they are offered again where the form stays (a refusal), and the keys typed meanwhile
/// are still done in order.
#[test]
fn while_a_form_saves_the_hint_bar_offers_none_of_its_keys() {
    let mut f = two_promises();
    f.press(Char('e'));
    f.press(End);
    f.typed("!");
    let before = f.hint_bar(80);
    assert!(
        before.contains("Enter save") && before.contains("Esc cancel"),
        "{before}"
    );
    let effects = f.send_only(tui_support::key(Enter));
    for (width, height) in [(80, 24), (60, 16)] {
        let screen = f.screen(width, height);
        let bar = screen.lines().last().unwrap_or_default();
        for word in ["save", "cancel", "next field", "editor", "full message"] {
            assert!(!bar.contains(word), "{width}x{height}: {bar:?}");
        }
        // What does work then is said: the bar is never left empty.
        assert_eq!(bar.trim(), "Ctrl-c quit now", "{width}x{height}");
        assert!(screen.contains("saving…"), "{screen}");
    }
    let meanwhile = f.send_only(tui_support::key(Esc));
    assert!(
        meanwhile.is_empty(),
        "Esc waits for the save: {meanwhile:?}"
    );
    f.carry_out(effects);
    assert_eq!(f.saved().promises[0].what, "Send the deck!");
    assert_eq!(f.app.popup, None);
}

#[test]
fn a_new_day_reaches_a_ui_left_open_past_midnight() {
    let mut f = two_promises();
    let tomorrow = parse_iso("2026-11-25").unwrap();
    f.send(trustladder::tui::Message::Tick { today: tomorrow });
    assert_eq!(f.app.today, tomorrow);
    assert_eq!(f.app.status.text, "It is Wednesday 25 November now.");
}

/// A form left open over midnight reads its date words by the new day and dates what it
/// makes by it, as the header does: never made yesterday and due a day early.
#[test]
fn a_form_left_open_past_midnight_follows_the_new_day() {
    let mut f = two_promises();
    f.press(Char('n'));
    f.typed("Midnight test");
    for _ in 0..4 {
        f.press(Tab);
    }
    f.typed("tomorrow");
    let tomorrow = parse_iso("2026-11-25").unwrap();
    f.send(trustladder::tui::Message::Tick { today: tomorrow });
    match &f.app.popup {
        Some(Popup::Form(form)) => assert_eq!(
            form.date_preview(&form.fields[form.focus]),
            Some(Ok(parse_iso("2026-11-26").unwrap()))
        ),
        other => panic!("the form stays open, got {other:?}"),
    }
    f.press(Enter);
    let added = f.saved().promises.last().cloned().unwrap();
    assert_eq!(added.what, "Midnight test");
    assert_eq!((added.made, added.due), (tomorrow, parse_iso("2026-11-26")));
}

/// The shell moves promise 1's due date from `was` to `now`, and the UI takes it in.
fn shell_due(f: &mut Fixture, was: Option<chrono::NaiveDate>, now: Option<chrono::NaiveDate>) {
    shell_edit(
        f,
        1,
        PromisePatch {
            due: Some(Set::from(was, now)),
            ..PromisePatch::default()
        },
    );
    f.tick();
}

/// A resolve form left open past its promise's due date, on the day it was due: the
/// outcome it suggests follows the new day as it follows a day typed (kept late, on the day
/// after the due date), and the save says nothing of a change from elsewhere, none having
/// been made.
#[test]
fn a_resolve_form_open_past_midnight_suggests_kept_late_after_the_due_date() {
    let mut f = two_promises();
    shell_due(&mut f, None, Some(today()));
    f.press(Enter);
    assert_eq!(form_field(&f, "Outcome").shown(), "kept");
    let tomorrow = parse_iso("2026-11-25").unwrap();
    f.send(trustladder::tui::Message::Tick { today: tomorrow });
    assert_eq!(form_field(&f, "Outcome").shown(), "kept late");
    f.press(Enter);
    let p = f.saved().promises[0].clone();
    assert_eq!((p.status, p.resolved), (Status::KeptLate, Some(tomorrow)));
    f.status_lacks("elsewhere");
}

/// A due date moved elsewhere while a resolve form is open: the outcome it suggests follows
/// the new one (kept late once it is past, kept once it is not), without a word of a change
/// from elsewhere; the form had kept the first suggestion and saved a keep made early as
/// late.
#[test]
fn a_resolve_form_s_outcome_follows_a_due_date_moved_elsewhere() {
    let mut f = two_promises();
    let past = parse_iso("2026-11-20").unwrap();
    let later = parse_iso("2026-12-10").unwrap();
    shell_due(&mut f, None, Some(past));
    f.press(Enter);
    assert_eq!(form_field(&f, "Outcome").shown(), "kept late");
    shell_due(&mut f, Some(past), Some(later));
    assert_eq!(form_field(&f, "Outcome").shown(), "kept");
    f.press(Enter);
    let p = f.saved().promises[0].clone();
    assert_eq!((p.status, p.resolved), (Status::Kept, Some(today())));
    f.status_lacks("elsewhere");
}

/// An outcome chosen by hand before midnight stays as chosen after it, and is not taken
/// for one set elsewhere because the suggestion for the new day differs.
#[test]
fn a_resolve_form_keeps_the_outcome_chosen_by_hand_past_midnight() {
    let mut f = two_promises();
    shell_due(&mut f, None, Some(today()));
    f.press(Enter);
    f.press(Char(' '));
    f.press(Char(' '));
    f.press(Char(' '));
    f.press(Char(' '));
    assert_eq!(form_field(&f, "Outcome").shown(), "kept");
    f.send(trustladder::tui::Message::Tick {
        today: parse_iso("2026-11-25").unwrap(),
    });
    assert_eq!(form_field(&f, "Outcome").shown(), "kept");
    f.press(Enter);
    assert_eq!(f.saved().promises[0].status, Status::Kept);
    f.status_lacks("elsewhere");
}

/// Undo of each kind of change after the person it touched was deleted in the shell (with
/// their promises): the undo changes nothing and says in words what happened, never an
/// internal message about the file.
#[test]
fn undo_after_the_person_was_deleted_elsewhere_says_so_in_words() {
    type Case = (&'static str, fn(&mut Fixture), &'static str);
    let cases: [Case; 5] = [
        (
            "delete a promise",
            |f| {
                f.press(Char('x'));
                f.press(Char('y'));
            },
            "Undo skipped: #1 lost its person elsewhere.",
        ),
        (
            "mark it kept",
            |f| f.press(Char('d')),
            "Undo skipped: #1 was deleted elsewhere.",
        ),
        (
            "add a promise",
            |f| {
                f.add_promise("Book the room");
            },
            "Undo skipped: #3 was deleted elsewhere.",
        ),
        (
            "edit the person",
            |f| {
                f.press(Char('E'));
                f.press(Tab);
                f.typed("Backend");
                f.press(Enter);
            },
            "Undo skipped: the person was deleted elsewhere.",
        ),
        (
            "archive the person",
            |f| f.press(Char('a')),
            "Undo skipped: the person was deleted elsewhere.",
        ),
    ];
    for (what, change, words) in cases {
        let mut f = two_promises();
        change(&mut f);
        assert!(!f.app.status.error, "{what}: {}", f.app.status.text);
        let before = delete_elsewhere(&f, 0);
        f.press(Char('u'));
        assert_eq!(f.app.status.text, words, "{what}");
        assert!(!f.app.status.text.contains("read back"), "{what}");
        assert_eq!(
            std::fs::read(&f.path).unwrap(),
            before,
            "{what}: nothing written"
        );
        assert!(f.saved().people.is_empty(), "{what}: no one came back");
        assert!(
            f.saved().promises.is_empty(),
            "{what}: no promise came back"
        );
    }
}

/// The resolve form (Enter on an open promise) follows a note saved elsewhere while it is
/// open, and a note left as it was is not sent: marking the promise kept keeps that note.
#[test]
fn resolving_keeps_a_note_saved_elsewhere_while_the_form_was_open() {
    let mut f = two_promises();
    f.press(Enter);
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    shell_edit(
        &f,
        1,
        PromisePatch {
            note: Some(Set::to("blocked on legal, ask Sam".into())),
            ..PromisePatch::default()
        },
    );
    f.tick();
    f.press(Enter);
    let p = f.saved().promises[0].clone();
    assert_eq!(p.status, Status::Kept);
    assert_eq!(p.note, "blocked on legal, ask Sam");
}

/// An undo pressed while the file cannot be written is refused and stays in the history:
/// once the file can be written again, `u` undoes that change, not the one before it.
#[test]
fn an_undo_refused_on_a_read_only_file_stays_to_undo() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = two_promises();
    let path = f.path.clone();
    let mode =
        move |m| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(m)).unwrap();
    mode(0o400);
    f.tick();
    assert!(f.app.read_only.is_some());
    f.press(Char('u'));
    f.status_starts("Not saved");
    mode(0o600);
    f.tick();
    assert!(f.app.read_only.is_none());
    f.press(Char('u'));
    let whats: Vec<String> = f.saved().promises.iter().map(|p| p.what.clone()).collect();
    assert_eq!(whats, ["Send the deck"], "the undo took back #2");
}

/// What comes back when the save of #1's outcome, marked from a list, fails with `message`.
fn outcome_of_1_failed(message: &str) -> trustladder::tui::Message {
    use trustladder::tui::message::{Purpose, SaveError};
    trustladder::tui::Message::Failed {
        purpose: Purpose::Triage(PromiseId(1)),
        error: SaveError {
            refusal: None,
            message: message.to_string(),
        },
        ledger: None,
    }
}

/// `q` while a change waits to be saved, and the save then fails (it gave up waiting for
/// another process's lock): the status line is not drawn again, so the App keeps why, for the
/// UI to say once it has closed (and exit with 1). A save that fails before `q` is only shown.
#[test]
fn a_save_that_fails_after_q_is_kept_to_be_said_at_exit() {
    let mut f = two_promises();
    // Each `d` marks #1, from the list, and its save comes back failed.
    let _ = f.send_only(tui_support::key(Char('d')));
    assert_eq!(f.app.saving, 1);
    f.send(outcome_of_1_failed("before q"));
    assert!(f.app.unsaved_at_quit.is_empty());

    let _ = f.send_only(tui_support::key(Char('d')));
    let _ = f.send_only(tui_support::key(Char('q')));
    assert!(
        f.app.quit && f.app.saving == 1,
        "waiting for the save: quit {} saving {} status {}",
        f.app.quit,
        f.app.saving,
        f.app.status.text
    );
    f.send(outcome_of_1_failed("gave up waiting for the lock"));
    assert_eq!(f.app.saving, 0);
    // Named, since the screen that said which it was is gone when this is printed.
    assert_eq!(
        f.app.unsaved_at_quit,
        ["the outcome of #1: gave up waiting for the lock"]
    );
}

/// A save that fails is kept named until a key is pressed after it (the status line that said
/// so was then in sight): an idle lock that comes first puts the status line away, and the UI
/// says it again once unlocked, or on leaving the lock screen.
#[test]
fn a_failed_save_is_kept_named_until_a_key_is_pressed_after_it() {
    let mut f = two_promises();
    let _ = f.send_only(tui_support::key(Char('d')));
    f.send(outcome_of_1_failed("gave up waiting for the lock"));
    assert_eq!(
        f.app.unsaved_unseen,
        ["the outcome of #1: gave up waiting for the lock"]
    );
    assert!(f.app.unsaved_at_quit.is_empty(), "no quit was asked for");
    f.tick();
    assert_eq!(f.app.unsaved_unseen.len(), 1, "a tick is no one looking");
    f.press(Char('j'));
    assert!(f.app.unsaved_unseen.is_empty());
}

/// A change that gave up waiting for the lock while the next was still being saved: the
/// failure names its promise, and the next one's outcome says it again, so "#2 kept" does
/// not hide that #1 was not.
#[test]
fn a_failed_save_is_not_hidden_by_the_next_one_s_outcome() {
    use trustladder::tui::keeper::perform;
    let mut f = two_promises();
    let _ = f.send_only(tui_support::key(Char('d')));
    f.app.promises.select(PromiseId(2));
    let second = f.send_only(tui_support::key(Char('d')));
    assert_eq!(f.app.saving, 2);
    f.send(outcome_of_1_failed(
        "another trustladder process (PID 7) has held the lock for 10 s, so nothing was changed. \
         If it is stopped (Ctrl-Z), resume it (fg) or end it, then try again",
    ));
    f.status_starts("#1 not saved: another trustladder process (PID 7)");
    for effect in second {
        if let Some(outcome) = perform(&mut f.store, effect) {
            f.send(outcome);
        }
    }
    assert!(f.app.status.error);
    assert!(
        f.app.status.text.starts_with("#2 kept. u undoes. But")
            && f.app.status.text.ends_with(
                " But the outcome of #1 was not saved: another trustladder process (PID 7) has \
                 held the lock for 10 s."
            ),
        "{}",
        f.app.status.text
    );
    let statuses: Vec<Status> = f.saved().promises.iter().map(|p| p.status).collect();
    assert_eq!(statuses, [Status::Open, Status::Kept]);
}

/// `x` on People asks to delete the first person, in a question beginning `question`; the
/// shell then gives them a promise, and `y` is refused in `words`, writing nothing.
fn delete_refused_after_a_promise_added_elsewhere(f: &mut Fixture, question: &str, words: &str) {
    f.press(Char('x'));
    match &f.app.popup {
        Some(Popup::Confirm(c)) => assert!(c.question.starts_with(question), "{}", c.question),
        other => panic!("no question: {other:?}"),
    }
    let person = f.saved().people[0].id;
    shell(
        f,
        Change::AddPromise(NewPromise::task(person, "Added in the other pane", today())),
    );
    let before = std::fs::read(&f.path).unwrap();
    f.press(Char('y'));
    assert!(f.app.status.error, "{}", f.app.status.text);
    assert_eq!(f.app.status.text, words);
    nothing_written(f, &before);
}

/// The delete question says how many promises go with the person. One added elsewhere after
/// it was asked (before the UI reloads) refuses the delete, in words, so no promise goes
/// that the user was not told of.
#[test]
fn deleting_a_person_refuses_when_their_promises_changed_since_the_question() {
    let mut f = two_promises();
    f.press(Esc);
    assert_eq!(f.app.view, View::People);
    delete_refused_after_a_promise_added_elsewhere(
        &mut f,
        "Delete Priya Raman and their 2 promises?",
        "Not saved: Priya Raman has 3 promises now, not the 2 asked about (changed elsewhere); nothing was deleted.",
    );
    assert_eq!(f.saved().promises.len(), 3);
}

/// A person asked about with no promise, given one elsewhere before `y`, is not deleted, and
/// the refusal counts that one promise in the singular (it said `has 1 promises now`).
#[test]
fn deleting_a_person_given_their_first_promise_elsewhere_says_one_promise() {
    let mut f = empty_fixture();
    f.add_person("Aaron Ames");
    assert_eq!(f.app.view, View::People);
    delete_refused_after_a_promise_added_elsewhere(
        &mut f,
        "Delete Aaron Ames?",
        "Not saved: Aaron Ames has 1 promise now, not the 0 asked about (changed elsewhere); nothing was deleted.",
    );
    assert_eq!(f.saved().people.len(), 1);
}

/// The delete question is asked about the promise as shown. Kept elsewhere after it was asked,
/// `y` before the UI reloads deletes nothing and says why, so the keep made elsewhere is not
/// lost unseen (it used to be deleted with it); after, the question is closed already
/// (`a_delete_question_about_a_promise_changed_elsewhere_closes_and_says_so`), and `y`
/// deletes nothing either.
#[test]
fn deleting_a_promise_refuses_when_it_changed_since_the_question() {
    for reload in [false, true] {
        let mut f = two_promises();
        f.press(Char('x'));
        match &f.app.popup {
            Some(Popup::Confirm(c)) => {
                assert_eq!(c.question, "Delete promise #1 \"Send the deck\"?")
            }
            other => panic!("no question: {other:?}"),
        }
        shell_resolves(&f, PromiseId(1), Status::Kept);
        if reload {
            f.tick();
        }
        let before = std::fs::read(&f.path).unwrap();
        assert_eq!(f.app.popup.is_none(), reload, "{}", f.app.status.text);
        f.press(Char('y'));
        if !reload {
            assert!(f.app.status.error, "{}", f.app.status.text);
            assert_eq!(
                f.app.status.text,
                "Not saved: #1 was changed elsewhere since the delete was asked; nothing was \
                 deleted: look at it again, and delete it again if that is still meant."
            );
        }
        nothing_written(&f, &before);
        let kept = f.saved().promises[0].clone();
        assert_eq!((kept.id, kept.status), (PromiseId(1), Status::Kept));
    }
}

/// A promise's delete refused as it changed since the question: on a person's page at 60x16 the status line says first that nothing was deleted, where it cut the whole
/// before it ("Not saved: #1 was changed elsewhere since the delete was…").
#[test]
fn a_refused_delete_at_60_columns_says_nothing_was_deleted() {
    let mut f = two_promises();
    f.send(trustladder::tui::Message::Resize {
        width: 60,
        height: 16,
    });
    f.press(Char('x'));
    shell_resolves(&f, PromiseId(1), Status::Kept);
    f.press(Char('y'));
    assert!(
        f.app
            .status
            .text
            .starts_with("Not saved: #1 was changed elsewhere")
    );
    let screen = f.screen(60, 16);
    assert!(
        screen.contains("\n Not deleted: #1 changed elsewhere; look at it again."),
        "{screen}"
    );
}

/// An edit form whose promise is deleted elsewhere stays open when the file is reloaded, with
/// what was typed, saying why it cannot be saved; `Enter` then opens nothing else (it used to
/// close under the typing, and the next `Enter` opened the form of the row now selected).
#[test]
fn a_form_whose_record_is_deleted_elsewhere_stays_open_saying_so() {
    let mut f = two_promises();
    f.press(Char('e'));
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    f.typed(" for Q1");
    shell_deletes_promise(&f, PromiseId(1));
    let before = std::fs::read(&f.path).unwrap();
    f.tick();
    let said = "Edit promise #1: its record was deleted elsewhere, so this cannot be saved. Esc closes it.";
    let typed = |f: &Fixture| match &f.app.popup {
        Some(Popup::Form(form)) => {
            assert_eq!(form.error.as_deref(), Some(said));
            form.fields[0].shown().to_string()
        }
        other => panic!("the form stays open: {other:?}"),
    };
    assert_eq!(
        typed(&f),
        "Send the deck for Q1",
        "what was typed is still there"
    );
    let bar = f.hint_bar(80);
    assert_eq!(bar.trim(), "Esc close");
    let screen = f.screen(80, 24);
    assert!(
        !screen.contains("Enter  save") && screen.contains("Esc  close"),
        "{screen}"
    );
    assert!(f.app.status.error);
    assert_eq!(f.app.status.text, said);
    // Enter saves nothing and opens nothing else: the form is still the one on screen.
    f.press(Enter);
    assert_eq!(typed(&f), "Send the deck for Q1");
    assert_eq!(f.app.status.text, said);
    nothing_written(&f, &before);
    f.press(Esc);
    assert_eq!(f.app.popup, None);
    // Its draft is not kept: the form never opens again, and a draft of it took the place
    // of one that could (said to come back, it never did).
    assert_eq!(
        f.app.status.text,
        "Edit promise #1: closed, nothing saved, as its record was deleted elsewhere."
    );
}

/// A new promise for a person deleted elsewhere since the form opened is refused in words at
/// the form, which stays open (it said "no person with id 1", a number the UI shows nowhere).
/// (An undo that meets such a person: `undo_after_the_person_was_deleted_elsewhere_says_so_in_words`.)
#[test]
fn a_person_deleted_elsewhere_is_named_in_words_not_by_number() {
    let mut f = two_promises();
    f.press(Char('n'));
    f.typed("Book the room");
    let before = delete_elsewhere(&f, 0);
    f.press(Enter);
    let Some(Popup::Form(form)) = &f.app.popup else {
        panic!("the form stays open: {}", f.app.status.text);
    };
    assert_eq!(
        form.error.as_deref(),
        Some(
            "that person is no longer in the ledger (deleted elsewhere, or never added); `trustladder person list --all` lists everyone it holds, the archived too, and `trustladder person add NAME` adds them again"
        )
    );
    nothing_written(&f, &before);
    // Wrapped at 60 columns, not cut: the end of the message is on screen.
    let screen = f.screen(60, 16);
    assert!(screen.contains("never added)"), "{screen}");
}

/// Undos pressed while a save is under way wait their turn and follow, one per save back
/// (each was dropped with "Still saving; try again").
#[test]
fn undos_pressed_while_saving_follow_in_turn() {
    let mut f = two_promises();
    f.press(Char('d'));
    f.app.promises.select(PromiseId(2));
    f.press(Char('d'));
    assert!(f.saved().promises.iter().all(|p| p.status == Status::Kept));
    let first = f.send_only(tui_support::key(Char('u')));
    assert_eq!(first.len(), 1, "the first undo is sent");
    let second = f.send_only(tui_support::key(Char('u')));
    assert!(second.is_empty(), "the second waits");
    assert_eq!(
        f.app.status.text,
        "Still saving; the undo follows after it."
    );
    for effect in first {
        if let Some(message) = trustladder::tui::keeper::perform(&mut f.store, effect) {
            f.send(message);
        }
    }
    assert_eq!(f.app.saving, 0);
    assert!(
        f.saved().promises.iter().all(|p| p.status == Status::Open),
        "both undone"
    );
    assert!(f.app.queued_undos.is_empty());
}

/// An undo that fails while another waits its turn drops the one waiting, and says so in the
/// sentence of the failure, whose words from the store end with a full stop only after it,
/// as the status line ends its own sentences (not "… changed. (so the …)").
#[test]
fn an_undo_that_fails_names_the_one_dropped_after_its_reason() {
    use trustladder::tui::message::{Effect, Message, SaveError};
    let mut f = two_promises();
    f.press(Char('d'));
    f.app.promises.select(PromiseId(2));
    f.press(Char('d'));
    let first = f.send_only(tui_support::key(Char('u')));
    assert_eq!(first.len(), 1, "the first undo is sent");
    assert!(f.send_only(tui_support::key(Char('u'))).is_empty());
    let Some(Effect::Save { purpose, .. }) = first.into_iter().next() else {
        panic!("the undo is sent as a save");
    };
    // It gave up waiting for another process's lock, as the store words it.
    f.send(Message::Failed {
        purpose,
        error: SaveError {
            refusal: None,
            message: "another trustladder process held the lock for 10 s; nothing was changed"
                .to_string(),
        },
        ledger: None,
    });
    assert!(f.app.status.error, "{}", f.app.status.text);
    assert_eq!(
        f.app.status.text,
        "Could not undo: another trustladder process held the lock for 10 s; nothing was \
         changed (so the undo or redo pressed meanwhile was not done)."
    );
    assert!(f.app.queued_undos.is_empty());
}

/// Undoing a delete whose handle was taken elsewhere meanwhile brings the person back under
/// another handle, and says so (it said only "Undid: Deleted …").
#[test]
fn a_person_put_back_under_another_handle_is_told() {
    let mut f = two_promises();
    f.press(Esc);
    f.press(Char('x'));
    f.press(Char('y'));
    assert!(f.saved().people.is_empty(), "{}", f.app.status.text);
    shell(&f, someone_new("Priya Raman"));
    f.press(Char('u'));
    assert!(
        f.app.status.text.starts_with(
            "Undid: Deleted Priya Raman and 2 promises; Priya Raman is back as priya-raman-2, since priya-raman is taken"
        ),
        "{}",
        f.app.status.text
    );
    assert_eq!(f.saved().people.len(), 2);
}

/// A new promise's choice of person follows the people saved elsewhere while it is open: one
/// added is offered, one renamed shows the new name, the one chosen stays chosen; when the
/// one chosen is deleted elsewhere the field says so, and Enter is refused until the person
/// picks someone (the choice showing someone else would have saved the promise for them).
#[test]
fn a_new_promise_form_follows_the_people_saved_elsewhere() {
    let mut f = two_promises();
    f.press(Char('n'));
    f.typed("Book the room");
    let options = |f: &Fixture| match &form_field(f, "Person").value {
        trustladder::tui::forms::Value::Choice { options, index } => (options.clone(), *index),
        other => panic!("a choice: {other:?}"),
    };
    assert_eq!(options(&f), (vec!["Priya Raman".to_string()], 0));

    shell(&f, someone_new("Ana Lima"));
    let priya = f.saved().people[0].id;
    shell_renames(&f, priya, "Priya R. Raman");
    f.tick();
    assert_eq!(
        options(&f),
        (
            vec!["Ana Lima".to_string(), "Priya R. Raman".to_string()],
            1
        ),
        "Priya still chosen, by her new name, the names in order"
    );

    let before = delete_elsewhere(&f, 0);
    f.tick();
    let gone = "Priya R. Raman was deleted elsewhere; choose whom it is for";
    assert_eq!(form_field(&f, "Person").error.as_deref(), Some(gone));
    f.press(Enter);
    assert_eq!(form_field(&f, "Person").error.as_deref(), Some(gone));
    nothing_written(&f, &before);

    // The refusal put the cursor on the person; picking whom it is for (Ana, the only one
    // left) lets it save, for her.
    assert!(
        matches!(&f.app.popup, Some(Popup::Form(form)) if form.fields[form.focus].label == "Person")
    );
    f.press(KeyCode::Right);
    assert_eq!(form_field(&f, "Person").error, None);
    f.press(Enter);
    assert!(f.app.popup.is_none(), "{}", f.app.status.text);
    assert_eq!(booked_for(&f), "Ana Lima");
}

/// The name of whom the saved promise "Book the room" is for.
fn booked_for(f: &Fixture) -> String {
    let saved = f.saved();
    let booked = saved
        .promises
        .iter()
        .find(|p| p.what == "Book the room")
        .expect("saved");
    saved.person(booked.person).unwrap().name.clone()
}

/// The only person a new promise's form could be for, deleted elsewhere while it is open,
/// leaves no one to choose: the field says so, and what can be done instead (close the form,
/// then add a person, each key named from the key map), where it said to choose whom it is
/// for among no one. Closed, what was typed comes back in the next new promise, for the
/// person added, where it was kept for the one deleted and never came back.
#[test]
fn a_new_promise_form_whose_only_person_is_deleted_elsewhere_says_what_to_do() {
    let mut f = two_promises();
    f.press(Char('n'));
    f.typed("Book the room");
    let before = delete_elsewhere(&f, 0);
    f.tick();
    let gone = "Priya Raman was deleted elsewhere and no one is left: Esc closes this form, \
                keeping what you typed for the next new promise, then p adds a person";
    assert_eq!(form_field(&f, "Person").error.as_deref(), Some(gone));
    f.press(Enter);
    assert_eq!(form_field(&f, "Person").error.as_deref(), Some(gone));
    nothing_written(&f, &before);
    f.press(Esc);
    assert!(f.app.popup.is_none());
    assert_eq!(
        f.app.status.text,
        "New promise: cancelled, nothing saved; the next new promise, whoever it is for, brings \
         back what you typed."
    );
    f.add_person("Ana Lima");
    assert!(f.app.popup.is_none(), "{}", f.app.status.text);
    f.select_person("Ana Lima");
    f.press(Char('n'));
    assert_eq!(form_field(&f, "What").value.shown(), "Book the room");
    assert_eq!(form_field(&f, "Person").value.shown(), "Ana Lima");
    f.press(Enter);
    assert!(f.app.popup.is_none(), "{}", f.app.status.text);
    assert_eq!(booked_for(&f), "Ana Lima");
}

/// With no one left to choose, the person field is a choice of nothing: no key changes it, so
/// none clears what it says (an arrow cleared it and showed "←/→ or Space to change"), and
/// neither it nor the hint bar offers to choose.
#[test]
fn a_choice_of_no_one_offers_no_key_and_keeps_what_it_says() {
    let mut f = two_promises();
    f.press(Char('n'));
    f.typed("Book the room");
    delete_elsewhere(&f, 0);
    f.tick();
    let said = form_field(&f, "Person").error.clone();
    assert!(said.is_some());
    f.press(Tab);
    assert!(
        matches!(&f.app.popup, Some(Popup::Form(form)) if form.fields[form.focus].label == "Person")
    );
    for key in [KeyCode::Right, KeyCode::Left, Char(' '), Char('a')] {
        f.press(key);
        assert_eq!(form_field(&f, "Person").error, said, "{key:?}");
    }
    let screen = f.screen(80, 24);
    assert!(!screen.contains("to change"), "{screen}");
    let bar = screen.lines().last().unwrap_or_default();
    assert!(!bar.contains("choose"), "{bar}");
    assert_eq!(form_field(&f, "What").value.shown(), "Book the room");
}

/// The person a new promise's form is for, archived elsewhere while it is open, is said to
/// be archived, not "deleted or archived", with how to bring them back: restored, the form
/// closed meanwhile brings back what was typed, for them.
#[test]
fn a_new_promise_form_says_its_person_was_archived_elsewhere_and_how_back() {
    let mut f = on_priyas_page_beside_zoe();
    f.press(Char('n'));
    f.typed("Book the room");
    let priya = f.person_id("Priya Raman");
    let archived = |archived: bool| PersonPatch {
        archived: Some(Set::from(!archived, archived)),
        ..PersonPatch::default()
    };
    shell_person(&f, priya, archived(true));
    f.tick();
    let gone = "Priya Raman was archived elsewhere; choose whom it is for, or restore them on \
                People (closed, the form keeps this for them)";
    assert_eq!(form_field(&f, "Person").error.as_deref(), Some(gone));
    let before = std::fs::read(&f.path).unwrap();
    f.press(Enter);
    assert_eq!(form_field(&f, "Person").error.as_deref(), Some(gone));
    nothing_written(&f, &before);
    // Closed, then restored: their form has it back.
    f.press(Esc);
    assert!(f.app.popup.is_none());
    shell_person(&f, priya, archived(false));
    f.tick();
    f.press(Esc);
    assert_eq!(f.app.view, View::People);
    f.select_person("Priya Raman");
    f.press(Enter);
    f.press(Char('n'));
    assert_eq!(form_field(&f, "What").value.shown(), "Book the room");
    assert_eq!(form_field(&f, "Person").value.shown(), "Priya Raman");
}

/// The shell archives Priya Raman under a new promise's form for her: the reload marks its
/// Person field, and the status line speaks of no save refused, none having been tried.
fn archive_priya_marking_the_form_with_no_refusal(f: &mut Fixture) {
    archive_elsewhere(f, "Priya Raman");
    assert!(form_field(f, "Person").error.is_some());
    f.status_lacks("Not saved");
}

/// A reload that marks a field of the form open (its person archived elsewhere), with a
/// complaint on the status line that was no refused save (letters that begin no choice), says
/// nothing of a save: none was tried. It said "Not saved: Person needs fixing".
#[test]
fn a_field_marked_by_a_reload_is_no_save_refused() {
    let mut f = on_priyas_page_beside_zoe();
    f.press(Char('n'));
    f.tab_to("Person");
    f.press(Char('x'));
    assert!(f.app.status.error, "{}", f.app.status.text);
    archive_priya_marking_the_form_with_no_refusal(&mut f);
    assert_eq!(
        f.app.status.text,
        "Reloaded: the file was changed elsewhere."
    );
}

/// A refused save fixed, its field typed in, is refused no longer: a field a reload marks
/// after that is not said as a save refused.
#[test]
fn a_refusal_fixed_is_not_said_again_of_a_field_a_reload_marks() {
    let mut f = on_priyas_page_beside_zoe();
    f.press(Char('n'));
    f.press(Enter);
    assert!(form_field(&f, "What").error.is_some());
    f.status_starts("Not saved: What needs fixing");
    f.typed("Book the room");
    archive_priya_marking_the_form_with_no_refusal(&mut f);
}

/// A data file damaged elsewhere: the failed reload is said once, so a change refused
/// meanwhile keeps its message on the status line (the reload's, every second, wiped it out);
/// a data file deleted elsewhere is said to be, not just "reloaded".
#[test]
fn a_file_damaged_or_deleted_elsewhere_is_told_and_not_drowned() {
    let mut f = two_promises();
    std::fs::write(&f.path, b"garbage").unwrap();
    f.tick();
    f.status_starts("Could not reload (Ctrl-s writes the ledger shown to a new file beside it): ");
    f.press(Char('d'));
    let refused = f.app.status.text.clone();
    assert!(refused.starts_with("#1 not saved: "), "{refused}");
    f.tick();
    f.tick();
    assert_eq!(f.app.status.text, refused);
    assert_eq!(
        std::fs::read(&f.path).unwrap(),
        b"garbage",
        "never overwritten"
    );

    // Put right and saved to before the next look, then damaged the same way again: said
    // again (the failure it remembered had ended).
    let good_path = f.dir.path().join("good.json");
    let mut other = Store::open(&good_path).unwrap();
    other.apply(&someone_new("Priya Raman"), today()).unwrap();
    std::fs::write(&f.path, std::fs::read(&good_path).unwrap()).unwrap();
    f.add_person("Ana Lima");
    f.status_starts("Added Ana Lima");
    std::fs::write(&f.path, b"garbage").unwrap();
    f.tick();
    f.status_starts("Could not reload (Ctrl-s writes the ledger shown to a new file beside it): ");

    std::fs::remove_file(&f.path).unwrap();
    f.tick();
    assert_eq!(
        f.app.status.text,
        "The data file was deleted elsewhere; `trustladder restore-backup 1` puts the newest backup back (`trustladder check` lists them)."
    );
}

/// A data file damaged elsewhere while the UI shows the last good ledger: the failed reload
/// names the key that keeps it (the file's own words said only that no backup was there), the
/// hint bar offers it first, and it writes the ledger shown to a new file beside the data
/// file, leaving the damaged one as it is; a second press writes another, never over the first.
#[test]
fn a_file_damaged_elsewhere_can_be_kept_as_the_ui_shows_it() {
    let mut f = two_promises();
    let shown = trustladder::store::encode(&f.app.ledger);
    std::fs::write(&f.path, b"garbage").unwrap();
    f.tick();
    f.status_starts("Could not reload (Ctrl-s writes the ledger shown to a new file beside it): not a trustladder file I can read: ",
    );
    assert!(
        f.hint_bar(80).starts_with(" Ctrl-s keep a copy "),
        "{}",
        f.hint_bar(80)
    );
    f.ctrl('s');
    let copy = f.dir.path().join("ledger-as-shown.json");
    let said = copy.display().to_string();
    assert_eq!(
        f.app.status.text,
        format!(
            "Wrote the ledger shown to {said}; the data file is left as it is. Check the copy \
             (`trustladder --file {said} check`), then put it in place of the data file."
        )
    );
    assert_eq!(std::fs::read(&copy).unwrap(), shown);
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&copy).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(std::fs::read(&f.path).unwrap(), b"garbage", "left as it is");
    let read = Store::open(&copy).expect("the copy reads");
    assert_eq!(read.ledger().promises.len(), 2);
    f.ctrl('s');
    assert_eq!(
        std::fs::read(f.dir.path().join("ledger-as-shown-2.json")).unwrap(),
        shown
    );
}

/// With a data file that reads, the key keeps no copy and is not offered.
#[test]
fn a_copy_is_not_kept_of_a_file_that_reads() {
    let mut f = two_promises();
    assert!(!f.hint_bar(200).contains("keep a copy"));
    f.ctrl('s');
    assert_eq!(
        f.app.status.text,
        "The data file reads and holds every change saved: there is no need for a copy."
    );
    let files = std::fs::read_dir(f.dir.path()).unwrap().count();
    f.ctrl('s');
    assert_eq!(std::fs::read_dir(f.dir.path()).unwrap().count(), files);
}

/// A data file damaged elsewhere in a folder git syncs: the UI's failed reload names the
/// `git checkout` of the version last synced, in the words the command line's note gives for
/// the same damage (the UI said only the damage, sending the user to a backup, which would
/// take back on every machine what the last sync brought).
#[test]
fn a_file_damaged_in_a_synced_folder_names_the_version_git_holds() {
    let mut f = two_promises();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .arg("-C")
            .arg(f.dir.path())
            .args(args)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    let name = f.path.file_name().unwrap().to_str().unwrap().to_string();
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "--", &name]);
    git(&["commit", "-q", "-m", "ledger"]);
    std::fs::write(&f.path, b"garbage").unwrap();
    let note = trustladder::sync::damaged_note(
        &trustladder::store::Store::open(&f.path).unwrap_err(),
        &f.path,
    )
    .expect("a note for a synced folder");
    assert!(
        note.starts_with(&format!(
            "this folder is synced: `git -C {} checkout -- {name}` puts back the version last synced",
            f.dir.path().display()
        )),
        "{note}"
    );
    f.tick();
    f.status_starts("Could not reload (Ctrl-s writes the ledger shown to a new file beside it): not a trustladder file I can read: ",
    );
    assert!(
        f.app.status.text.ends_with(&format!(
            ". {}.",
            trustladder::core::text::capitalized(&note)
        )),
        "{}",
        f.app.status.text
    );
}

/// A file made read-only under the UI is said when the UI sees it, and so is its being
/// writable again, not first at the next change refused.
#[test]
fn a_file_made_read_only_under_the_ui_is_said_at_once() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = tui_support::demo_fixture();
    let path = f.path.clone();
    let mode = |m: u32| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(m));
    mode(0o444).unwrap();
    f.tick();
    assert!(f.app.status.error);
    assert_eq!(
        f.app.status.text,
        "Now read-only: the data file's owner may not write it (mode 0444), which trustladder takes as \"do not touch\"; make it writable (chmod u+w) to change it."
    );
    mode(0o600).unwrap();
    f.tick();
    assert_eq!(f.app.status.text, "The data file can be changed again.");
}

/// A newer trustladder's file copied over the one open (as a file-sync tool brings it) is
/// said to be read-only with the reload, where "Reloaded: the file was changed elsewhere."
/// hid it until a change was refused; the file put back is said writable again.
#[test]
fn a_newer_file_copied_over_the_one_open_is_said_read_only_with_the_reload() {
    let mut f = two_promises();
    let ours = std::fs::read_to_string(&f.path).unwrap();
    let newer = ours.replacen("\"version\": 2", "\"version\": 9", 1);
    assert_ne!(newer, ours);
    std::fs::write(&f.path, &newer).unwrap();
    f.tick();
    assert!(f.app.status.error);
    assert_eq!(
        f.app.status.text,
        "Reloaded: the file was changed elsewhere. Now read-only: written by a newer trustladder (format version 9; this one knows 2), so it is open read-only."
    );
    std::fs::write(&f.path, &ours).unwrap();
    f.tick();
    assert_eq!(
        f.app.status.text,
        "Reloaded: the file was changed elsewhere. The data file can be changed again."
    );
}

/// An undo that sets back one field and leaves another, changed in the shell since, says both
/// in sentences of their own.
#[test]
fn a_partial_undo_says_what_it_left_alone_in_a_sentence_of_its_own() {
    let mut f = two_promises();
    f.press(Char('e'));
    f.press(End);
    f.typed(" today");
    f.tab_to("Due");
    f.typed("2027-01-15");
    f.press(Enter);
    assert_eq!(f.app.popup, None, "{}", f.app.status.text);
    assert_eq!(f.saved().promises[0].due, parse_iso("2027-01-15"));
    shell_moves_due_to(&f, 1, parse_iso("2027-02-01"));
    f.tick();
    f.press(Char('u'));
    assert_eq!(f.saved().promises[0].what, "Send the deck");
    assert_eq!(
        f.app.status.text,
        "Undid: #1 saved. Ctrl-r redoes. Left alone: the due of #1 was changed elsewhere since."
    );
}

/// A file-sync tool's conflict copy merged in with a change from the UI: the status line says
/// what it brought, the number that moved included.
#[test]
fn a_conflict_copy_merged_in_with_a_change_is_said_on_the_status_line() {
    let mut f = two_promises();
    let copy = f.path.with_file_name("elsewhere.json");
    std::fs::copy(&f.path, &copy).unwrap();
    let priya = f.saved().people[0].id;
    Store::open(&copy)
        .unwrap()
        .apply(
            &Change::AddPromise(NewPromise::task(priya, "Made on the laptop", today())),
            today(),
        )
        .unwrap();
    shell(
        &f,
        Change::AddPromise(NewPromise::task(priya, "Made here", today())),
    );
    let stem = f.path.file_stem().unwrap().to_string_lossy().into_owned();
    std::fs::rename(
        &copy,
        f.path
            .with_file_name(format!("{stem}.sync-conflict-20261124-101010-ABCDEFG.json")),
    )
    .unwrap();
    f.press(Char('d'));
    let said = f.app.status.text.clone();
    assert!(
        said.starts_with(
            "#1 kept (merged with a change saved elsewhere). u undoes. Merged a file-sync tool's conflict copy: #3 "
        ) && said.ends_with(" is now #4; took 1 promise added from the copy."),
        "{said}"
    );
    assert_eq!(f.saved().promises.len(), 4);
    // Said once: the copy is put away.
    f.press(Char('d'));
    assert!(
        f.app.status.text.ends_with(" kept. u undoes"),
        "{}",
        f.app.status.text
    );
    // A copy that cannot be read is left where it is and said, once.
    let cut = f
        .path
        .with_file_name(format!("{stem}.sync-conflict-20261124-111111-ABCDEFG.json"));
    std::fs::write(&cut, "{\"format\": \"trustladder\", \"vers").unwrap();
    f.press(Char('u'));
    let said = f.app.status.text.clone();
    assert!(
        said.contains(&format!(
            " Left a file-sync tool's conflict copy that cannot be read where it is: {} (",
            cut.file_name().unwrap().to_string_lossy()
        )) && said.ends_with("); `trustladder check` lists it."),
        "{said}"
    );
    assert!(cut.exists());
    f.press(Char('u'));
    f.status_lacks("Left a");
}

/// The day before the tests' day: when machine B made what it syncs, so the merge gives B's
/// records the numbers both machines handed out and this machine's the next ones.
fn yesterday() -> chrono::NaiveDate {
    today().pred_opt().expect("a day before")
}

/// Machine B's sync, as `trustladder sync` here then merges it: B had the file as `base`,
/// made `changes` there the day before, and this machine's file becomes the merge of both,
/// written by another process while the UI is open.
fn synced_from_b(f: &Fixture, base: &Ledger, changes: &[Change]) {
    let mut theirs = base.clone();
    let moment = Moment::fixed(yesterday(), "machine B");
    for change in changes {
        theirs
            .apply(change, &moment)
            .expect("machine B's change applies");
    }
    let merged = merge(Some(base), &f.saved(), &theirs).expect("the two sides merge");
    Store::open(&f.path)
        .expect("the file opens")
        .update(|ledger| {
            *ledger = merged.ledger.clone();
            Ok(())
        })
        .expect("the merge is saved");
}

/// Machine B adds "B's own 3" for Priya, numbered #3 as this machine numbered its own.
fn b_takes_number_3(f: &Fixture, base: &Ledger) {
    let priya = base.people[0].id;
    synced_from_b(
        f,
        base,
        &[Change::AddPromise(NewPromise::task(
            priya,
            "B's own 3",
            yesterday(),
        ))],
    );
}

/// The row the cursor (▶) is on, on an 80x24 screen.
fn cursor_row(f: &Fixture) -> String {
    f.screen(80, 24)
        .lines()
        .find(|line| line.contains('▶'))
        .unwrap_or_default()
        .to_string()
}

/// The promise `what` says, in the file.
fn saved_promise(f: &Fixture, what: &str) -> trustladder::core::Promise {
    f.saved()
        .promises
        .into_iter()
        .find(|p| p.what == what)
        .unwrap_or_else(|| panic!("no promise {what:?} in the file"))
}

/// Priya's page with #3, "CLI on A while TUI open", selected, added here after `base` was
/// synced, and edited: both can be undone.
fn third_promise_edited() -> (Fixture, Ledger) {
    let mut f = two_promises();
    let base = f.saved();
    f.add_promise("CLI on A while TUI open");
    f.press(Char('e'));
    f.press(End);
    f.typed("!");
    f.press(Enter);
    assert_eq!(f.app.status.text, "#3 saved. u undoes");
    assert_eq!(f.app.promises.current(), Some(PromiseId(3)));
    (f, base)
}

/// [`third_promise_edited`], then [`b_takes_number_3`] before the UI has looked at the file.
fn third_renumbered_unseen() -> Fixture {
    let (f, base) = third_promise_edited();
    b_takes_number_3(&f, &base);
    f
}

/// [`third_promise_edited`] with `key` pressed on #3, then [`b_takes_number_3`] seen by the
/// UI while what the key opened is still open.
fn renumbered_while_open(key: KeyCode) -> Fixture {
    let (mut f, base) = third_promise_edited();
    f.press(key);
    b_takes_number_3(&f, &base);
    f.tick();
    f
}

/// Two machines each numbered a new promise #3; the sync kept B's as #3 and made this one #4.
/// The cursor stays on this machine's promise, the status line says its number moved, and
/// undo names it by its new number and leaves B's alone.
#[test]
fn a_promise_a_sync_renumbers_keeps_the_cursor_and_its_undo_names_the_new_number() {
    let mut f = third_renumbered_unseen();
    f.tick();
    assert_eq!(f.app.promises.current(), Some(PromiseId(4)));
    let row = cursor_row(&f);
    assert!(
        row.contains("#4") && row.contains("CLI on A while TUI open!"),
        "{row}"
    );
    assert_eq!(
        f.app.status.text,
        "Reloaded: the file was changed elsewhere; #3 is now #4."
    );
    // `d` now would keep this machine's promise, not B's.
    f.press(Char('u'));
    assert_eq!(f.app.status.text, "Undid: #4 saved. Ctrl-r redoes");
    assert_eq!(
        saved_promise(&f, "CLI on A while TUI open").id,
        PromiseId(4)
    );
    assert_eq!(saved_promise(&f, "B's own 3").id, PromiseId(3));
    f.press(Char('u'));
    assert_eq!(
        f.app.status.text,
        "Undid: #4 added for Priya Raman. Ctrl-r redoes"
    );
    let saved = f.saved();
    assert!(saved.promise(PromiseId(4)).is_none());
    assert_eq!(saved_promise(&f, "B's own 3").status, Status::Open);
    f.ctrl('r');
    assert_eq!(
        f.app.status.text,
        "Redid: #4 added for Priya Raman. u undoes"
    );
}

/// The same sync met by an undo before any reload: the undo's save merges it, acts on this
/// machine's promise, and says the number moved.
#[test]
fn an_undo_that_meets_the_renumbering_sync_says_the_number_moved() {
    let mut f = third_renumbered_unseen();
    f.press(Char('u'));
    assert_eq!(
        f.app.status.text,
        "Undid: #4 saved (merged with a change saved elsewhere); #3 is now #4. Ctrl-r redoes"
    );
    assert_eq!(
        saved_promise(&f, "CLI on A while TUI open").id,
        PromiseId(4)
    );
    assert_eq!(saved_promise(&f, "B's own 3").id, PromiseId(3));
    assert_eq!(f.app.promises.current(), Some(PromiseId(4)));
}

/// A mark from a list that meets the sync in its save: `d` on #3 keeps this machine's
/// promise, now #4, and says so.
#[test]
fn an_outcome_whose_save_meets_the_renumbering_sync_says_the_number_moved() {
    let mut f = third_renumbered_unseen();
    f.press(Char('d'));
    assert_eq!(
        f.app.status.text,
        "#4 kept (merged with a change saved elsewhere); #3 is now #4. u undoes"
    );
    assert_eq!(
        saved_promise(&f, "CLI on A while TUI open!").status,
        Status::Kept
    );
    assert_eq!(saved_promise(&f, "B's own 3").status, Status::Open);
}

/// The agenda's selection stays on the promise too.
#[test]
fn the_agenda_selection_follows_a_promise_a_sync_renumbers() {
    let (mut f, base) = third_promise_edited();
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    select_in_agenda(&mut f, PromiseId(3));
    b_takes_number_3(&f, &base);
    f.tick();
    assert_eq!(
        f.app.status.text,
        "Reloaded: the file was changed elsewhere; #3 is now #4."
    );
    assert_eq!(f.app.agenda.current().map(|(_, id)| id), Some(PromiseId(4)));
    let row = cursor_row(&f);
    assert!(
        row.contains("#4") && row.contains("CLI on A while TUI"),
        "{row}"
    );
}

/// Machine B adds Bob Ross, numbered as this machine numbered the colleague it added since
/// `base`.
fn b_takes_the_number_of_the_newest(f: &Fixture, base: &Ledger) {
    synced_from_b(f, base, &[someone_new("Bob Ross")]);
}

/// A colleague added here and on B took the same number: the person page stays on the one
/// shown, and so does the people table's selection.
#[test]
fn the_person_shown_and_selected_follows_a_person_a_sync_renumbers() {
    let mut f = two_promises();
    let base = f.saved();
    open_the_page_of_someone_new(&mut f, "Wang Fang");
    let wang = f.person_id("Wang Fang");
    assert_eq!(f.app.person, Some(wang));
    b_takes_the_number_of_the_newest(&f, &base);
    f.tick();
    let wang_now = f.person_id("Wang Fang");
    assert_ne!(wang_now, wang, "the sync gave Wang Fang another number");
    assert_eq!(f.person_id("Bob Ross"), wang);
    assert_eq!((f.app.view, f.app.person), (View::Person, Some(wang_now)));
    assert!(f.screen(80, 24).contains("Wang Fang"));
    assert_eq!(f.app.people.current(), Some(wang_now));
    f.press(Esc);
    assert_eq!(f.app.people.current(), Some(wang_now));
}

/// The 1:1 prep open on a colleague a sync renumbers stays theirs: written again from the
/// ledger, it would otherwise be the prep of whoever took their old number.
#[test]
fn an_open_prep_follows_its_colleague_a_sync_renumbers() {
    let mut f = two_promises();
    let base = f.saved();
    open_the_page_of_someone_new(&mut f, "Wang Fang");
    f.press(Char('P'));
    b_takes_the_number_of_the_newest(&f, &base);
    f.tick();
    match &f.app.popup {
        Some(Popup::Prep(prep)) => {
            assert_eq!(prep.person, f.person_id("Wang Fang"));
            assert!(prep.text.contains("# 1:1 with Wang Fang"), "{}", prep.text);
        }
        other => panic!("the prep stays open, got {other:?}"),
    }
}

/// An edit form open on a promise a sync renumbers: it shows the new number, the status line
/// says so, and the save lands on that promise, not on the one that took its old number.
#[test]
fn an_edit_form_follows_a_promise_a_sync_renumbers() {
    let mut f = renumbered_while_open(Char('e'));
    assert_eq!(form_title(&f), "Edit promise #4");
    assert_eq!(
        f.app.status.text,
        "Reloaded: the file was changed elsewhere; #3 is now #4."
    );
    assert!(f.screen(80, 24).contains("Edit promise #4"));
    f.press(End);
    f.typed("?");
    f.press(Enter);
    assert_eq!(f.app.status.text, "#4 saved. u undoes");
    assert_eq!(
        saved_promise(&f, "CLI on A while TUI open!?").id,
        PromiseId(4)
    );
    assert_eq!(saved_promise(&f, "B's own 3").id, PromiseId(3));
}

/// The resolve form too: its outcome goes to the promise it was opened on.
#[test]
fn a_resolve_form_follows_a_promise_a_sync_renumbers() {
    let mut f = renumbered_while_open(Enter);
    assert_eq!(form_title(&f), "Resolve #4");
    f.press(Enter);
    assert_eq!(f.app.status.text, "#4 kept. u undoes");
    assert_eq!(
        saved_promise(&f, "CLI on A while TUI open!").status,
        Status::Kept
    );
    assert_eq!(saved_promise(&f, "B's own 3").status, Status::Open);
}

/// The delete question asks about the promise by its new number, and `y` deletes that one.
#[test]
fn the_delete_question_follows_a_promise_a_sync_renumbers() {
    let mut f = renumbered_while_open(Char('x'));
    match &f.app.popup {
        Some(Popup::Confirm(confirm)) => assert_eq!(
            confirm.question,
            "Delete promise #4 \"CLI on A while TUI open!\"?"
        ),
        other => panic!("expected the question, got {other:?}"),
    }
    f.press(Char('y'));
    assert_eq!(f.app.status.text, "#4 deleted. u undoes");
    let saved = f.saved();
    assert!(
        saved
            .promises
            .iter()
            .all(|p| !p.what.starts_with("CLI on A"))
    );
    assert_eq!(saved_promise(&f, "B's own 3").id, PromiseId(3));
}

/// A promise whose due date another process changed moves to another group of the agenda:
/// the selection goes with it rather than staying at its row, on the promise that took it.
#[test]
fn the_agenda_selection_follows_a_promise_into_another_group() {
    let mut f = two_promises();
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let row = select_in_agenda(&mut f, PromiseId(2));
    shell_moves_due_to(&f, 2, parse_iso("2026-11-25"));
    f.tick();
    assert_eq!(f.app.agenda.current().map(|(_, id)| id), Some(PromiseId(2)));
    assert_ne!(
        f.app.agenda.selected, row,
        "the promise moved to another row of the agenda"
    );
}

/// An undo the ledger's rules now refuse (the name it would give back was taken elsewhere
/// since) is skipped and said so, in words that ask nothing of the person: the undos before it
/// can still be taken.
#[test]
fn an_undo_the_rules_now_refuse_is_skipped_and_the_earlier_ones_still_work() {
    let mut f = two_promises();
    shell(&f, someone_new("Leo Park"));
    f.tick();
    let leo = f.saved().people[1].id;
    // Priya renamed in the UI, on her page: the last change, so the first to undo.
    f.press(Char('E'));
    f.press(End);
    for _ in 0.."Raman".len() {
        f.press(Backspace);
    }
    f.typed("Iyer");
    f.press(Enter);
    assert_eq!(f.saved().people[0].name, "Priya Iyer");
    // The shell gives Leo the name Priya had.
    shell_renames(&f, leo, "Priya Raman");
    f.tick();
    f.press(Char('u'));
    f.status_starts("Undo skipped: Priya Raman is already the name of leo-park (");
    assert_eq!(f.saved().people[0].name, "Priya Iyer");
    // The undo before it, of adding #2, is taken next.
    f.press(Char('u'));
    f.status_starts("Undid: ");
    assert_eq!(f.saved().promises.len(), 1);
}

/// The redo of a promise added to someone the shell archived since is refused, as a new
/// promise to them is, and kept: once they are restored, it is redone.
#[test]
fn a_redo_that_would_promise_something_to_someone_archived_waits_for_their_restore() {
    let mut f = two_promises();
    let priya = f.saved().people[0].id;
    f.press(Char('u'));
    assert_eq!(f.saved().promises.len(), 1, "the add of #2 undone");
    let archive = |f: &Fixture, archived: bool| {
        shell_person(
            f,
            priya,
            PersonPatch {
                archived: Some(Set::to(archived)),
                ..PersonPatch::default()
            },
        );
    };
    archive(&f, true);
    f.tick();
    f.ctrl('r');
    f.status_starts("Not redone: Priya Raman is archived: ");
    assert_eq!(f.saved().promises.len(), 1);
    archive(&f, false);
    f.tick();
    f.ctrl('r');
    f.status_starts("Redid: ");
    assert_eq!(f.saved().promises.len(), 2);
}

/// [`two_promises`] back on People, where `a` archives Priya Raman; her id, to select her.
fn priya_archived_from_people() -> (Fixture, trustladder::core::PersonId) {
    let mut f = two_promises();
    let priya = f.saved().people[0].id;
    f.press(Esc);
    f.app.people.select(priya);
    f.press(Char('a'));
    (f, priya)
}

/// An archive redone says how many open promises leave the agenda as they are now, the shell
/// having added one since the archive was undone.
#[test]
fn an_archive_redone_counts_the_open_promises_as_they_are_now() {
    let (mut f, priya) = priya_archived_from_people();
    f.status_has("2 open promises left the agenda");
    f.press(Char('u'));
    // Undone, the promises are back in the agenda: not said to have left it.
    assert_eq!(
        f.app.status.text,
        "Undid: Archived Priya Raman. Ctrl-r redoes"
    );
    shell(
        &f,
        Change::AddPromise(NewPromise::task(priya, "One more", today())),
    );
    f.tick();
    f.ctrl('r');
    f.status_starts("Redid: Archived Priya Raman; 3 open promises left the agenda");
}

/// The undo of a restore names the restore it undid, as the undo of an archive names the
/// archive (it said "Undid: Archived Priya Raman" for both).
#[test]
fn the_undo_of_a_restore_names_the_restore() {
    let (mut f, priya) = priya_archived_from_people();
    f.press(Char('A'));
    f.app.people.select(priya);
    f.press(Char('a'));
    assert_eq!(f.app.status.text, "Restored Priya Raman. u undoes");
    f.press(Char('u'));
    assert_eq!(
        f.app.status.text,
        "Undid: Restored Priya Raman. Ctrl-r redoes"
    );
    assert!(f.saved().people[0].archived, "the undo archived her again");
    f.ctrl('r');
    assert_eq!(f.app.status.text, "Redid: Restored Priya Raman. u undoes");
    f.press(Char('u'));
    f.press(Char('u'));
    assert_eq!(
        f.app.status.text,
        "Undid: Archived Priya Raman. Ctrl-r redoes"
    );
    assert!(!f.saved().people[0].archived);
}

/// A redo that left the person alone (the shell gave them a new promise meanwhile) did less
/// than the delete it redid: from then on the step is named by what it did, so a later redo
/// does not say the person was deleted when they were not.
#[test]
fn a_redo_that_left_the_person_alone_is_named_by_what_it_did() {
    let mut f = two_promises();
    let priya = f.saved().people[0].id;
    f.press(Esc);
    f.press(Char('x'));
    f.press(Char('y'));
    assert!(f.saved().people.is_empty(), "{}", f.app.status.text);
    f.press(Char('u'));
    shell(
        &f,
        Change::AddPromise(NewPromise::task(priya, "Added after the undo", today())),
    );
    f.tick();
    f.ctrl('r');
    f.status_has("Left alone: ");
    f.press(Char('u'));
    f.ctrl('r');
    assert_eq!(f.saved().people.len(), 1, "Priya was never deleted");
    f.status_starts("Redid: Removed 2 promises");
}

/// The delete question about a promise, or a person, deleted elsewhere meanwhile closes and
/// says so; it stayed open, and `y` then said "no promise #1" (and `a`, for a person, "no
/// longer in the ledger").
#[test]
fn a_delete_question_about_a_record_deleted_elsewhere_closes_and_says_so() {
    let mut f = two_promises();
    f.press(Char('x'));
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
    shell_deletes_promise(&f, PromiseId(1));
    f.tick();
    assert!(f.app.popup.is_none(), "{:?}", f.app.popup);
    assert_eq!(
        f.app.status.text,
        "Promise #1 was deleted elsewhere meanwhile, so the question is closed."
    );

    f.press(Esc);
    assert_eq!(f.app.view, View::People);
    f.press(Char('x'));
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
    delete_elsewhere(&f, 0);
    f.tick();
    assert!(f.app.popup.is_none(), "{:?}", f.app.popup);
    assert_eq!(
        f.app.status.text,
        "Priya Raman was deleted elsewhere meanwhile, so the question is closed."
    );
    // A question about a record still there stays open.
    let mut f = two_promises();
    f.press(Char('x'));
    shell_deletes_promise(&f, PromiseId(2));
    f.tick();
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
}

/// The same two closings on a person's page at 60x16 with three promises, where the status
/// line has one row: each says what became of the promise and that the question closed, in
/// fewer words, where the whole was cut ("…, so the…").
#[test]
fn a_delete_question_closed_by_a_change_elsewhere_says_so_at_60_columns() {
    let mut f = two_promises();
    for what in ["Plan the offsite", "Book the room"] {
        f.add_promise(what);
    }
    f.press(Char('g'));
    let id = f.app.promises.current().expect("a promise selected");
    // `x` asks about the promise, `elsewhere` changes it, and the next look closes the
    // question, the status line's one row saying `said`.
    let closes_saying = |f: &mut Fixture, elsewhere: &dyn Fn(&Fixture), said: String| {
        f.press(Char('x'));
        elsewhere(f);
        f.tick();
        assert!(f.app.popup.is_none(), "{:?}", f.app.popup);
        let (row, screen) = status_row_at_60x16(f);
        assert_eq!(row.trim(), said, "{screen}");
    };
    closes_saying(
        &mut f,
        &|f| shell_rewords_to(f, id.0, "Reworded in the shell"),
        format!(
            "#{} changed elsewhere; question closed: look at it again.",
            id.0
        ),
    );
    closes_saying(
        &mut f,
        &|f| shell_deletes_promise(f, id),
        format!(
            "Promise #{} was deleted elsewhere; the question closed.",
            id.0
        ),
    );
}

/// A delete question about a promise changed elsewhere while it is open (kept, or reworded)
/// closes, saying so: it stayed open showing the promise as it was, and `y` was then refused
/// (the delete would take a change made elsewhere with it unseen). The file is left as the
/// shell wrote it.
#[test]
fn a_delete_question_about_a_promise_changed_elsewhere_closes_and_says_so() {
    let mut f = two_promises();
    f.press(Char('x'));
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
    let id = match &f.app.popup {
        Some(Popup::Confirm(confirm)) => match &confirm.change {
            Change::DeletePromise { promise, .. } => promise.id,
            other => panic!("a delete of a promise: {other:?}"),
        },
        other => panic!("the question: {other:?}"),
    };
    shell_rewords_to(&f, id.0, "Reworded in the shell");
    let written = std::fs::read(&f.path).unwrap();
    f.tick();
    assert!(f.app.popup.is_none(), "{:?}", f.app.popup);
    assert_eq!(
        f.app.status.text,
        format!(
            "Promise #{} was changed elsewhere meanwhile, so the question is closed: look at it \
             again, and delete it again if that is still meant.",
            id.0
        )
    );
    f.press(Char('y'));
    assert_eq!(std::fs::read(&f.path).unwrap(), written, "nothing deleted");
    assert!(f.saved().promises.iter().any(|p| p.id == id));
}

/// Back on People from the page of someone archived elsewhere meanwhile, the status line says
/// they are not listed and whom the cursor is on: it moved to the next person without a word,
/// and `a` then archived that one.
#[test]
fn back_from_someone_archived_elsewhere_says_where_the_cursor_is() {
    let mut f = on_priyas_page_beside_zoe();
    archive_elsewhere_and_go_back(&mut f, "Priya Raman");
    assert_eq!(f.app.view, View::People);
    assert_eq!(
        f.app.status.text,
        "Priya Raman is archived, so not listed (A lists the archived); the cursor is on Zoe Quinn."
    );
}

/// The person whose page is open deleted elsewhere: the page closes saying so and whom the
/// cursor is on (it said only "Reloaded: the file was changed elsewhere").
#[test]
fn a_page_whose_person_is_deleted_elsewhere_closes_saying_so() {
    let mut f = on_priyas_page_beside_zoe();
    delete_elsewhere(&f, 0);
    f.tick();
    assert_eq!(f.app.view, View::People);
    assert_eq!(
        f.app.status.text,
        "Priya Raman was deleted elsewhere, so their page closed; the cursor is on Zoe Quinn."
    );
}

/// The file replaced outright by another ledger (copied over it, as a file-sync tool does)
/// whose colleague has the number of the one whose page is open: the page closes saying so,
/// where it went on as the other colleague's page without a word, `d` marking their promises.
#[test]
fn a_file_replaced_by_another_ledger_closes_the_page_of_a_person_it_lacks() {
    let mut f = two_promises();
    let mut other = empty_fixture();
    other.add_person("Cy Dee");
    other.add_promise("Other stuff");
    assert_eq!(other.person_id("Cy Dee"), f.person_id("Priya Raman"));
    std::fs::copy(&other.path, &f.path).expect("the other ledger is copied over");
    f.tick();
    assert_eq!(f.app.view, View::People);
    assert_eq!(
        f.app.status.text,
        "Priya Raman was deleted elsewhere, so their page closed; the cursor is on Cy Dee."
    );
}

/// The colleague under the People cursor deleted elsewhere: the reload says so, and whom the
/// cursor is on now, as a promise list says of a promise that left it (it said only that the
/// file was changed, and the next key acted on someone else).
#[test]
fn a_colleague_deleted_elsewhere_from_under_the_people_cursor_is_said() {
    let mut f = empty_fixture();
    for name in ["Ana Lima", "Cy Dee"] {
        f.add_person(name);
    }
    assert_eq!(f.app.view, View::People);
    f.select_person("Ana Lima");
    let mut elsewhere = Store::open(&f.path).expect("the file opens");
    elsewhere
        .apply(
            &Change::DeletePerson {
                person: Target::id(f.person_id("Ana Lima")),
                force: false,
                promises: None,
            },
            today(),
        )
        .expect("Ana is deleted elsewhere");
    f.tick();
    assert_eq!(
        f.app.status.text,
        "Reloaded: Ana Lima was deleted elsewhere; the cursor is on Cy Dee."
    );
    // Archived elsewhere, hidden as the archived are: said so too.
    f.add_person("Bo Ek");
    f.select_person("Bo Ek");
    let mut elsewhere = Store::open(&f.path).expect("the file opens");
    elsewhere
        .apply(
            &Change::EditPerson {
                person: Target::id(f.person_id("Bo Ek")),
                patch: PersonPatch {
                    archived: Some(Set::to(true)),
                    ..PersonPatch::default()
                },
                on_conflict: OnConflict::Refuse,
            },
            today(),
        )
        .expect("Bo is archived elsewhere");
    f.tick();
    assert_eq!(
        f.app.status.text,
        "Reloaded: Bo Ek was archived elsewhere; the cursor is on Cy Dee."
    );
}

/// The file replaced outright by an older copy in which another promise took the number of
/// the one under the cursor: the cursor leaves it as it leaves a promise deleted elsewhere,
/// where it stayed on the number, now another promise's, saying "the cursor is on #2" of #2.
#[test]
fn a_promise_replaced_under_its_number_moves_the_cursor_off_it() {
    let mut f = empty_fixture();
    f.add_person("Priya Raman");
    f.add_promise("Send the deck");
    let copy = f.dir.path().join("copy.json");
    std::fs::copy(&f.path, &copy).expect("the file is copied");
    f.add_promise("Review PR 412");
    f.press(Enter);
    f.app.promises.select(PromiseId(2));
    let mut elsewhere = Store::open(&copy).expect("the copy opens");
    elsewhere
        .apply(
            &Change::AddPromise(NewPromise::task(
                f.person_id("Priya Raman"),
                "Book the room",
                today(),
            )),
            today(),
        )
        .expect("the copy's promise is saved");
    assert_eq!(elsewhere.ledger().promises[1].id, PromiseId(2));
    std::fs::copy(&copy, &f.path).expect("the copy is put over the file");
    f.tick();
    assert_eq!(f.app.selected_promise(), Some(PromiseId(1)));
    assert_eq!(
        f.app.status.text,
        "Reloaded: #2, under the cursor, was deleted elsewhere; the cursor is on #1."
    );
}

/// Back in the agenda from the page of someone archived elsewhere meanwhile: the status line
/// says their promises left it, and where the cursor is (it moved to another colleague's
/// promise without a word).
#[test]
fn back_in_the_agenda_from_someone_archived_elsewhere_says_so() {
    let mut f = with_zoe_quinn();
    f.add_promise("Plan the offsite");
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    select_in_agenda(&mut f, PromiseId(1));
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
    archive_elsewhere_and_go_back(&mut f, "Priya Raman");
    assert_eq!(f.app.view, View::Agenda);
    assert_eq!(
        f.app.status.text,
        "Priya Raman is archived, so their promises are not in the agenda (A shows them); the cursor is on #3."
    );
}

/// "Reloaded" is true where it was said: it goes with the next move to another view (it
/// stayed through view changes, a visit to someone and a whole prep).
#[test]
fn the_reload_note_goes_with_the_next_view() {
    let mut f = two_promises();
    shell_reword(&f, 2, "Review PR 412", "Review PR 413");
    f.tick();
    assert_eq!(
        f.app.status.text,
        "Reloaded: the file was changed elsewhere."
    );
    f.press(Tab);
    assert_ne!(f.app.view, View::Person);
    assert!(
        !f.app.status.text.starts_with("Reloaded"),
        "{}",
        f.app.status.text
    );
}

/// The same at 60x16, where a person's page with three promises keeps the status line to one
/// row and the whole would be cut ("… Abernathy's page is… Ctrl-r redoes"): it says a page
/// was opened, the page's first line saying whose, and the whole stays for `m`.
#[test]
fn an_undo_that_opens_another_persons_page_says_so_at_60_columns() {
    let mut f = two_promises();
    open_the_page_of_someone_new(&mut f, "Marguerite Abernathy");
    for what in ["Send the deck", "Book the room", "Call back"] {
        f.add_promise(what);
    }
    f.press(Char('d'));
    f.press(Esc);
    f.select_person("Priya Raman");
    f.press(Enter);
    f.press(Char('u'));
    assert_eq!(f.app.person, Some(f.person_id("Marguerite Abernathy")));
    f.status_has("Marguerite Abernathy's page is shown. Ctrl-r redoes");
    let screen = f.screen(60, 16);
    let line = screen
        .lines()
        .find(|line| line.starts_with(" Undid: "))
        .unwrap_or_default();
    assert!(
        line.contains("; their page is shown. Ctrl-r redoes"),
        "{screen}"
    );
}

/// An undo pressed on one person's page of a change to another's promise opens that other
/// page, to show what it set back: the status line names whose page it is now, as the next
/// key acts on it (it said only "Undid: #3 kept", and an `E` meant for Priya edited Zoe).
#[test]
fn an_undo_that_opens_another_persons_page_names_them() {
    let mut f = with_zoe_quinn();
    f.select_person("Zoe Quinn");
    f.press(Enter);
    f.add_promise("Call back");
    f.press(Char('d'));
    assert_eq!(
        f.saved().promise(PromiseId(3)).unwrap().status,
        Status::Kept
    );
    f.press(Esc);
    f.select_person("Priya Raman");
    f.press(Enter);
    let priya = f.person_id("Priya Raman");
    assert_eq!(f.app.person, Some(priya));
    f.press(Char('u'));
    assert_eq!(
        f.app.status.text,
        "Undid: #3 kept; Zoe Quinn's page is shown. Ctrl-r redoes"
    );
    assert_eq!(f.app.person, Some(f.person_id("Zoe Quinn")));
    assert_eq!(
        f.saved().promise(PromiseId(3)).unwrap().status,
        Status::Open
    );
    // An undo of a change on the page shown names no page.
    f.press(Char('d'));
    f.press(Char('u'));
    assert_eq!(f.app.status.text, "Undid: #3 kept. Ctrl-r redoes");
}

/// Zoe Quinn's edit form, her name typed over with Priya Raman's, who is here too, and saved.
fn rename_zoe_to_priya(f: &mut Fixture) {
    f.select_person("Zoe Quinn");
    f.press(Char('e'));
    for _ in 0.."Zoe Quinn".len() {
        f.press(Backspace);
    }
    f.typed("Priya Raman");
    f.press(Enter);
}

/// A name someone else has, refused on saving an edit: the status line names the field to
/// fix, as it does for a fault the form finds itself (it said only "see the form").
#[test]
fn a_name_taken_refused_on_save_is_named_on_the_status_line() {
    let mut f = with_zoe_quinn();
    let before = std::fs::read(&f.path).unwrap();
    rename_zoe_to_priya(&mut f);
    assert_eq!(
        f.app.status.text,
        "Not saved: Name needs fixing (see under it)."
    );
    assert!(form_field(&f, "Name").error.is_some());
    assert_eq!(std::fs::read(&f.path).unwrap(), before, "nothing saved");
}

/// A form refused on saving, its field still marked, stays said through a reload of a
/// change made elsewhere, and through the next: "Reloaded: the file was changed elsewhere."
/// alone read as if the form had been saved.
#[test]
fn a_form_refused_stays_said_through_a_reload() {
    let mut f = with_zoe_quinn();
    rename_zoe_to_priya(&mut f);
    assert_eq!(
        f.app.status.text,
        "Not saved: Name needs fixing (see under it)."
    );
    let other = f.saved().people[0].id;
    shell_sets_role(&f, other, "Lead");
    f.tick();
    assert!(form_field(&f, "Name").error.is_some());
    assert!(f.app.status.error);
    let said =
        "Reloaded: the file was changed elsewhere. Not saved: Name needs fixing (see under it).";
    assert_eq!(f.app.status.text, said);
    // A second reload says it once, as the first did: it said "Reloaded: …" twice.
    shell_sets_role(&f, other, "Staff");
    f.tick();
    assert_eq!(f.app.status.text, said);
}

/// On a person's page at 60x16, where the status line takes one row, a reload beside a
/// form's refusal shortens its own sentence to "Reloaded." rather than cut it mid-sentence
/// ("Reloaded: the… Not saved: …"); the messages keep the whole.
#[test]
fn a_reload_beside_a_refusal_gives_way_to_it_on_a_narrow_page() {
    let mut f = two_promises();
    for what in ["Book the room", "Plan the offsite"] {
        f.add_promise(what);
    }
    f.press(Char('n'));
    f.typed("Call the vendor");
    f.tab_to("Due");
    f.typed("blorp");
    f.press(Enter);
    let priya = f.person_id("Priya Raman");
    shell_sets_role(&f, priya, "Lead");
    f.tick();
    let whole =
        "Reloaded: the file was changed elsewhere. Not saved: Due needs fixing (see under it).";
    assert_eq!(f.app.status.text, whole);
    let (status, screen) = status_row_at_60x16(&f);
    assert_eq!(
        status.trim_end(),
        " Reloaded. Not saved: Due needs fixing (see under it).",
        "{screen}"
    );
    // Wide enough for the whole, the whole shows.
    let screen = f.screen(100, 16);
    assert!(screen.contains(whole), "{screen}");
}

/// The file written elsewhere each second, as a script might: Priya Raman's role set to
/// "Lead", then to "Staff", `check` run with the role once the UI has seen each.
fn priyas_role_set_elsewhere_twice(f: &mut Fixture, check: impl Fn(&Fixture, &str)) {
    let priya = f.person_id("Priya Raman");
    for role in ["Lead", "Staff"] {
        shell_sets_role(f, priya, role);
        f.tick();
        check(f, role);
    }
}

/// A change made here, then the file written elsewhere before the next key: the reload says
/// so after what the change said, where it had said over it before it could be read (a
/// script writing the file every second left "#3 added for Priya Raman." on screen for less
/// than that), and keeps it through the next reload; at 60 columns it shortens to
/// "Reloaded.". Once a key is pressed, a reload says only itself.
#[test]
fn a_reload_says_itself_after_what_the_last_change_said() {
    let mut f = two_promises();
    f.add_promise("Book the room");
    let own = f.app.status.text.clone();
    assert_eq!(own, "#3 added for Priya Raman. u undoes");
    priyas_role_set_elsewhere_twice(&mut f, |f, _| {
        assert_eq!(
            f.app.status.text,
            "#3 added for Priya Raman. u undoes. Reloaded: the file was changed elsewhere."
        );
    });
    let (status, screen) = status_row_at_60x16(&f);
    assert!(
        status.starts_with(" #3 added for Priya Raman. u undoes. Reloaded. "),
        "{screen}"
    );
    f.press(Char('j'));
    shell_sets_role(&f, f.person_id("Priya Raman"), "Eng");
    f.tick();
    assert_eq!(
        f.app.status.text,
        "Reloaded: the file was changed elsewhere."
    );
}

/// A form closed with what was typed kept, then the file written elsewhere, each second: at
/// 60 columns the reload follows the close's short form, through every reload, where it cut
/// the whole before what matters ("New promise: cancelled, nothing saved; opened…
/// Reloaded.").
#[test]
fn a_reload_after_a_cancelled_form_keeps_its_short_form_at_60_columns() {
    let mut f = two_promises();
    f.press(Char('n'));
    f.typed("Book the room");
    f.press(Esc);
    priyas_role_set_elsewhere_twice(&mut f, |f, role| {
        assert_eq!(
            f.app.status.text,
            "New promise: cancelled, nothing saved; opened again, it brings back what you \
             typed. Reloaded: the file was changed elsewhere."
        );
        let (status, screen) = status_row_at_60x16(f);
        assert_eq!(
            status.trim_end(),
            " New promise: cancelled; what you typed is kept. Reloaded.",
            "{role}: {screen}"
        );
    });
}

/// The same on a person's page at 60x16 with three promises, where the status line has one
/// row: it says which promise went and where the cursor is, without "under the cursor",
/// where the whole was cut before the cursor's row ("…; the…").
#[test]
fn a_reload_that_takes_the_row_under_the_cursor_says_where_the_cursor_is_at_60_columns() {
    let mut f = two_promises();
    f.add_promise("Plan the offsite");
    f.press(Char('g'));
    let gone = f.app.promises.current().expect("a promise selected");
    shell_deletes_promise(&f, gone);
    f.tick();
    let on = f.app.promises.current().expect("a promise selected");
    f.status_has(", under the cursor, ");
    let screen = f.screen(60, 16);
    assert!(
        screen.contains(&format!(
            " Reloaded: #{} was deleted elsewhere; the cursor is on #{}.",
            gone.0, on.0
        )),
        "{screen}"
    );
}

/// The promise under the cursor deleted elsewhere, or marked elsewhere so that it leaves the
/// agenda: the reload says so and which promise the cursor is on now, since the next key acts
/// on it (it said only "Reloaded: the file was changed elsewhere").
#[test]
fn a_reload_that_takes_the_row_under_the_cursor_says_so() {
    let mut f = two_promises();
    assert_eq!(f.app.promises.current(), Some(PromiseId(1)));
    shell_deletes_promise(&f, PromiseId(1));
    f.tick();
    assert_eq!(
        f.app.status.text,
        "Reloaded: #1, under the cursor, was deleted elsewhere; the cursor is on #2."
    );
    f.add_promise("Plan the offsite");
    for _ in 0..3 {
        if f.app.view == View::Agenda {
            break;
        }
        f.press(Tab);
    }
    assert_eq!(f.app.view, View::Agenda);
    select_in_agenda(&mut f, PromiseId(2));
    shell_resolves(&f, PromiseId(2), Status::Kept);
    f.tick();
    assert_eq!(
        f.app.status.text,
        "Reloaded: #2, under the cursor, was marked kept elsewhere, so it left the agenda; the cursor is on #3."
    );
    // A change elsewhere that leaves the row in place is said as before.
    shell_reword(&f, 3, "Plan the offsite", "Plan the retreat");
    f.tick();
    assert_eq!(
        f.app.status.text,
        "Reloaded: the file was changed elsewhere."
    );
}

/// A promise under the cursor that is still open but, reworded elsewhere, no longer matches
/// the filter: the reload says the filter hides it, in the agenda as on a person's page (it
/// said the promise left the agenda, as if it were resolved or gone).
#[test]
fn a_reload_that_hides_the_row_under_the_cursor_says_the_filter_hides_it() {
    for agenda in [true, false] {
        let mut f = empty_fixture();
        f.add_person("Priya Raman");
        for what in ["Task P1", "Task P2", "Task P3"] {
            f.add_promise(what);
        }
        f.press(Enter);
        assert_eq!(f.app.view, View::Person);
        if agenda {
            f.press(Tab);
            assert_eq!(f.app.view, View::Agenda);
        }
        f.press(Char('/'));
        f.typed("task p");
        f.press(Enter);
        match agenda {
            true => {
                select_in_agenda(&mut f, PromiseId(2));
            }
            false => f.app.promises.select(PromiseId(2)),
        }
        assert_eq!(f.app.selected_promise(), Some(PromiseId(2)));
        shell_reword(&f, 2, "Task P2", "Renamed two");
        f.tick();
        let on = f.app.selected_promise().expect("a row selected");
        assert_eq!(
            f.app.status.text,
            format!(
                "Reloaded: #2, under the cursor, no longer matches the filter (Esc clears it); \
                 the cursor is on #{}.",
                on.0
            ),
            "agenda {agenda}"
        );
        assert_eq!(
            f.saved().promise(PromiseId(2)).map(|p| p.status),
            Some(Status::Open)
        );
    }
}

/// Undone, an archive is named by the person's name as it is, whole: a name that holds "; "
/// was cut there ("Undid: Archived Smith").
#[test]
fn an_undone_archive_names_a_name_with_a_semicolon_whole() {
    let mut f = empty_fixture();
    f.press(Char('p'));
    f.typed("Smith; Jo");
    f.press(Enter);
    f.select_person("Smith; Jo");
    f.press(Char('a'));
    f.press(Char('u'));
    assert_eq!(
        f.app.status.text,
        "Undid: Archived Smith; Jo. Ctrl-r redoes"
    );
}

/// The sixth draft's message names the one it drops cut short where the name is long, so
/// the sentence ends on the two lines of an 80-column status line (it was cut before "is
/// dropped").
#[test]
fn the_dropped_draft_of_someone_with_a_long_name_leaves_the_sentence_whole() {
    let mut f = empty_fixture();
    let names: Vec<String> = (1..=6)
        .map(|n| format!("Aaaaaaaaaaaa Bbbbbbbbbbbbbbb Cccccccccccccc Ddddddd{n}"))
        .collect();
    for name in &names {
        f.add_person(name);
    }
    for name in &names {
        f.select_person(name);
        f.press(Char('n'));
        f.typed("x");
        f.press(Esc);
    }
    assert_eq!(
        f.app.status.text,
        "New promise: cancelled, nothing saved; what you typed comes back when it opens again \
         (5 drafts at most; dropped the oldest: New promise for Aaaaaaaaaaaa Bb…)."
    );
    let screen = f.screen(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[22].trim_end().ends_with("Bb…)."), "{screen}");
}

/// `d` typed fast past the last open promise, while the marks above are still saving: it
/// says so, as it does with nothing below, where it named a resolved promise further down
/// as "already kept" (typed slowly, the row under the cursor is named; neither marks one).
#[test]
fn a_d_typed_fast_past_the_open_promises_says_the_marks_are_still_saving() {
    let mut f = two_promises();
    f.add_promise("Third");
    f.app.promises.select(PromiseId(3));
    f.press(Char('d'));
    assert_eq!(
        f.saved().promise(PromiseId(3)).unwrap().status,
        Status::Kept
    );
    f.press(Char('g'));
    let mut sent = Vec::new();
    for _ in 0..3 {
        sent.extend(f.send_only(trustladder::tui::message::Message::Key(
            ratatui::crossterm::event::KeyEvent::from(Char('d')),
        )));
    }
    assert_eq!(sent.len(), 2, "two saves sent, none back yet");
    assert_eq!(
        f.app.status.text,
        "Still saving the promises marked from here down; nothing left to mark."
    );
    f.carry_out(sent);
    let saved = f.saved();
    assert!(saved.promises.iter().all(|p| p.status == Status::Kept));
    // The refusal stays in front of what the saves say when they come back, as every
    // refusal said while saves are under way does.
    assert!(
        f.app
            .status
            .text
            .starts_with("Still saving the promises marked from here down; nothing left to mark. "),
        "{}",
        f.app.status.text
    );
}

/// The "Same name" question, once the one of that name is deleted elsewhere, asks about no one:
/// it goes back to the form, what was typed kept, and says that Enter adds them (it went on
/// saying they were already here).
#[test]
fn the_same_name_question_closes_when_no_one_of_that_name_is_left() {
    let mut f = empty_fixture();
    f.add_person("Ana Lima");
    f.press(Char('p'));
    f.typed("Ana Lima");
    f.press(Tab);
    f.typed("Design");
    f.press(Enter);
    assert!(
        matches!(f.app.popup, Some(Popup::Confirm(_))),
        "{:?}",
        f.app.popup
    );
    shell(
        &f,
        Change::DeletePerson {
            person: Target::id(f.person_id("Ana Lima")),
            force: false,
            promises: None,
        },
    );
    f.tick();
    let Some(Popup::Form(form)) = &f.app.popup else {
        panic!("back to the form: {:?}", f.app.popup);
    };
    let typed: Vec<&str> = form
        .fields
        .iter()
        .map(|field| field.value.shown())
        .collect();
    assert_eq!(typed[..2], ["Ana Lima", "Design"]);
    assert_eq!(
        f.app.status.text,
        "No one named Ana Lima is here now (deleted or renamed elsewhere meanwhile): Enter \
         adds them."
    );
    f.press(Enter);
    assert_eq!(f.app.popup, None);
    let added: Vec<_> = f
        .saved()
        .people
        .iter()
        .map(|p| (p.name.clone(), p.role.clone()))
        .collect();
    assert_eq!(added, [("Ana Lima".to_string(), "Design".to_string())]);
}
