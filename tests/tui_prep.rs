//! The UI's part of issue 13: `P` on a person's page shows the same 1:1 prep as `prep`, which
//! `w` writes to a new file, `y` copies through the terminal and `s` records (an ordinary
//! change, so `u` undoes it); the agenda lists who is past their keep-in-touch cadence; the
//! person form edits the cadence.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use trustladder::core::change::{Change, Moment, NewPromise, OnConflict, PersonPatch, Set, Target};
use trustladder::core::dates::parse_iso;
use trustladder::core::prep::{markdown::markdown, prep};
use trustladder::core::{Ledger, Status, demo};
use trustladder::store::Store;
use trustladder::tui::app::{Popup, View};
use trustladder::tui::message::Effect;
use tui_support::{Fixture, fixture, key, today};

use KeyCode::{Char, Enter, Esc, Tab};

/// The demo team with cadences: Tomás Silva, last logged with 20 days ago, every 14 days; 王芳
/// (12 days ago) and Marcus Chen (6 days ago) every 7; Diego Ruiz (15 days ago) every 30.
fn with_cadences() -> Fixture {
    with_cadences_of(|name| match name {
        "Tomás Silva" => Some(14),
        "王芳" | "Marcus Chen" => Some(7),
        "Diego Ruiz" => Some(30),
        _ => None,
    })
}

/// The demo team, each colleague with the cadence `of` their name gives, if any.
fn with_cadences_of(of: impl Fn(&str) -> Option<u32>) -> Fixture {
    let mut ledger = demo::generate(today());
    let m = Moment::fixed(today(), "cadences");
    let cadences: Vec<_> = ledger
        .people
        .iter()
        .filter_map(|p| of(&p.name).map(|days| (p.id, days)))
        .collect();
    for (id, days) in cadences {
        let change = Change::EditPerson {
            person: Target::id(id),
            patch: PersonPatch {
                cadence_days: Some(Set::to(Some(days))),
                ..PersonPatch::default()
            },
            on_conflict: OnConflict::Refuse,
        };
        ledger.apply(&change, &m).unwrap();
    }
    fixture(Some(ledger), true)
}

fn open(f: &mut Fixture, name: &str) {
    f.select_person(name);
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
}

fn expected_prep(ledger: &Ledger, name: &str) -> String {
    let id = ledger.people.iter().find(|p| p.name == name).unwrap().id;
    markdown(&prep(ledger, id, today(), None).unwrap())
}

#[test]
fn p_shows_the_same_prep_as_the_command_line() {
    let mut f = tui_support::demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Char('P'));
    let Some(Popup::Prep(popup)) = &f.app.popup else {
        panic!("no prep popup: {:?}", f.app.popup);
    };
    assert_eq!(popup.text, expected_prep(f.app.ledger(), "Marcus Chen"));
    assert_eq!(popup.stem, "prep-marcus-chen-2026-11-24");
    let screen = f.screen(80, 24);
    assert!(screen.contains("1:1 prep: Marcus Chen"), "{screen}");
    assert!(
        screen.contains("# 1:1 with Marcus Chen, Tuesday 24 November 2026"),
        "{screen}"
    );
    insta::assert_snapshot!("prep_80x24", screen);
    insta::assert_snapshot!("prep_140x40", f.screen(140, 40));

    // It scrolls, and Esc closes it.
    f.screen(80, 24);
    f.press(Char('G'));
    let bottom = f.screen(80, 24);
    assert!(bottom.contains("## Next"), "{bottom}");
    f.press(Esc);
    assert!(f.app.popup.is_none());
    assert_eq!(f.app.view, View::Person);
}

/// On People, `P` opens the prep of the colleague under the cursor, as their page does, and
/// `c` says the chart is on a person's page and which key opens it; both said nothing there.
/// With no one listed, both say so as the other keys on a person do.
#[test]
fn p_on_people_preps_the_selected_colleague_and_c_says_where_the_chart_is() {
    let mut f = tui_support::demo_fixture();
    f.select_person("Marcus Chen");
    f.press(Char('c'));
    assert_eq!(
        f.app.status.text,
        "The chart is on a person's page: Enter opens Marcus Chen's."
    );
    assert_eq!(f.app.view, View::People);
    f.press(Char('P'));
    let Some(Popup::Prep(popup)) = &f.app.popup else {
        panic!("no prep popup: {:?}", f.app.popup);
    };
    assert_eq!(popup.text, expected_prep(f.app.ledger(), "Marcus Chen"));
    assert_eq!(popup.person, f.person_id("Marcus Chen"));
    f.press(Esc);
    assert!(f.app.popup.is_none());
    assert_eq!(f.app.view, View::People);

    let mut f = tui_support::empty_fixture();
    f.press(Char('P'));
    assert!(f.app.popup.is_none());
    assert_eq!(
        f.app.status.text,
        "No one to prepare a 1:1 with: p adds a person."
    );
    f.press(Char('c'));
    assert_eq!(
        f.app.status.text,
        "No one's chart to show: p adds a person."
    );
}

/// A promise kept in another terminal while the prep is open shows as kept in it, so `w`
/// writes and `y` copies the prep as the file now is; a rename there shows in its title; the
/// colleague deleted there closes it.
#[test]
fn the_open_prep_follows_changes_saved_elsewhere() {
    let mut f = tui_support::demo_fixture();
    open(&mut f, "Marcus Chen");
    let id = f.person_id("Marcus Chen");
    f.press(Char('P'));
    let owed = f
        .saved()
        .promises
        .iter()
        .find(|p| p.person == id && p.status == Status::Open)
        .map(|p| (p.id, p.what.clone()))
        .expect("Marcus owes something");
    let line = format!("- [ ] #{} {}", owed.0.0, owed.1);
    let text = |f: &Fixture| match &f.app.popup {
        Some(Popup::Prep(popup)) => popup.text.clone(),
        other => panic!("no prep popup: {other:?}"),
    };
    assert!(text(&f).contains(&line), "{}", text(&f));
    let mut other = Store::open(&f.path).unwrap();
    let keep = Change::Resolve {
        promise: Target::id(owed.0),
        status: Status::Kept,
        on: today(),
        note: None,
    };
    other.apply(&keep, today()).unwrap();
    f.tick();
    let now = text(&f);
    assert!(!now.contains(&line), "{now}");
    assert_eq!(now, expected_prep(&f.saved(), "Marcus Chen"));
    assert!(
        now.contains(&format!("kept, 2026-11-24: #{}", owed.0.0)),
        "{now}"
    );

    let rename = Change::EditPerson {
        person: Target::id(id),
        patch: PersonPatch {
            name: Some(Set::to("Marcus Chen-Okafor".to_string())),
            ..PersonPatch::default()
        },
        on_conflict: OnConflict::Refuse,
    };
    other.apply(&rename, today()).unwrap();
    f.tick();
    match &f.app.popup {
        Some(Popup::Prep(popup)) => assert_eq!(popup.name, "Marcus Chen-Okafor"),
        other => panic!("no prep popup: {other:?}"),
    }
    let screen = f.screen(100, 30);
    assert!(screen.contains("1:1 prep: Marcus Chen-Okafor"), "{screen}");

    let delete = Change::DeletePerson {
        person: Target::id(id),
        force: true,
        promises: None,
    };
    other.apply(&delete, today()).unwrap();
    f.tick();
    assert!(f.app.popup.is_none());
    assert_eq!(
        f.app.status.text,
        "Marcus Chen-Okafor was deleted elsewhere meanwhile, so the 1:1 prep is closed."
    );
}

/// The file replaced outright by another ledger (copied over it, as a file-sync tool does)
/// whose colleague has the number of the one prepped: the prep closes saying so, where it
/// went on as the other colleague's prep, `s` recording it on them.
#[test]
fn a_prep_whose_colleague_a_replaced_file_lacks_closes() {
    let mut f = tui_support::empty_fixture();
    let mut other = tui_support::empty_fixture();
    for (g, name) in [(&mut f, "Priya Raman"), (&mut other, "Cy Dee")] {
        g.press(Char('p'));
        g.typed(name);
        g.press(Enter);
        g.press(Char('n'));
        g.typed("Send the deck");
        g.press(Enter);
    }
    assert_eq!(other.person_id("Cy Dee"), f.person_id("Priya Raman"));
    f.press(Enter);
    f.press(Char('P'));
    assert!(matches!(f.app.popup, Some(Popup::Prep(_))));
    std::fs::copy(&other.path, &f.path).unwrap();
    f.tick();
    assert_eq!(f.app.popup, None);
    assert_eq!(
        f.app.status.text,
        "Priya Raman was deleted elsewhere meanwhile, so the 1:1 prep is closed."
    );
}

/// The prep left open past midnight is of the new day: its heading, what is due and
/// overdue, and the name of the file `w` writes.
#[test]
fn the_open_prep_follows_the_new_day() {
    let mut f = tui_support::demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Char('P'));
    let tomorrow = parse_iso("2026-11-25").unwrap();
    f.send(trustladder::tui::Message::Tick { today: tomorrow });
    let Some(Popup::Prep(popup)) = &f.app.popup else {
        panic!("no prep popup: {:?}", f.app.popup);
    };
    let id = f.person_id("Marcus Chen");
    let ledger = f.saved();
    let expected = trustladder::core::prep::prep_since(&ledger, id, tomorrow, popup.since)
        .map(|p| markdown(&p))
        .unwrap();
    assert_eq!(popup.text, expected);
    assert!(
        popup
            .text
            .contains("# 1:1 with Marcus Chen, Wednesday 25 November 2026"),
        "{}",
        popup.text
    );
    assert_eq!(popup.stem, "prep-marcus-chen-2026-11-25");
    assert_eq!(f.app.status.text, "It is Wednesday 25 November now.");
    // As a prep opened on the new day has it, window and all.
    let fresh = trustladder::core::prep::prep(&ledger, id, tomorrow, None)
        .map(|p| markdown(&p))
        .unwrap();
    assert_eq!(popup.text, fresh);
}

#[test]
fn w_writes_a_new_file_each_time() {
    let mut f = tui_support::demo_fixture();
    f.app.out_dir = f.dir.path().to_path_buf();
    open(&mut f, "Marcus Chen");
    f.press(Char('P'));
    f.press(Char('w'));
    let first = f.dir.path().join("prep-marcus-chen-2026-11-24.md");
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        expected_prep(f.app.ledger(), "Marcus Chen")
    );
    assert_eq!(f.app.status.text, format!("Wrote {}", first.display()));
    f.press(Char('w'));
    assert!(
        f.dir
            .path()
            .join("prep-marcus-chen-2026-11-24-2.md")
            .exists()
    );
    assert!(matches!(f.app.popup, Some(Popup::Prep(_))), "stays open");

    // A folder that cannot be written says so on the status line.
    f.app.out_dir = f.dir.path().join("missing");
    f.press(Char('w'));
    assert!(f.app.status.error, "{:?}", f.app.status);
    assert!(
        f.app
            .status
            .text
            .starts_with("Not written: could not write"),
        "{:?}",
        f.app.status
    );
}

/// A colleague whose long name is in a script of three bytes a letter has a prep `w` writes:
/// its file's name, with the handle whole, was longer than a file's name may be, and the
/// write failed with "File name too long".
#[test]
fn w_writes_the_prep_of_a_long_name_in_three_byte_letters() {
    let name = "王芳".repeat(40);
    let mut ledger = demo::generate(today());
    ledger.add_person(&name, "", "", today()).unwrap();
    let mut f = fixture(Some(ledger), true);
    f.app.out_dir = f.dir.path().to_path_buf();
    open(&mut f, &name);
    f.press(Char('P'));
    f.press(Char('w'));
    assert!(
        f.app.status.text.starts_with("Wrote "),
        "{:?}",
        f.app.status
    );
    let written: Vec<String> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("prep-"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(written[0].starts_with("prep-王芳王芳"), "{written:?}");
    assert!(written[0].ends_with("-2026-11-24.md"), "{written:?}");
    assert!(written[0].len() <= 255 - "-100".len(), "{written:?}");
    assert_eq!(
        std::fs::read_to_string(f.dir.path().join(&written[0])).unwrap(),
        expected_prep(f.app.ledger(), &name)
    );
}

#[test]
fn y_copies_through_the_terminal() {
    let mut f = tui_support::demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Char('P'));
    let effects = f.send_only(key(Char('y')));
    assert_eq!(
        effects,
        vec![Effect::Copy {
            text: expected_prep(f.app.ledger(), "Marcus Chen")
        }]
    );
    assert!(
        f.app.status.text.starts_with("Copied the prep"),
        "{:?}",
        f.app.status
    );
}

/// `s` records the prep and leaves it open, as `w` and `y` do (it closed it, so the `q` meant
/// to close it, as the hint bar says, quit the UI); `u` undoes once it is closed.
#[test]
fn s_records_the_prep_and_u_undoes_it() {
    let mut f = tui_support::demo_fixture();
    open(&mut f, "Marcus Chen");
    let id = f.person_id("Marcus Chen");
    f.press(Char('P'));
    f.press(Char('s'));
    assert!(matches!(f.app.popup, Some(Popup::Prep(_))), "still open");
    assert_eq!(
        f.app.status.text,
        "Recorded the 1:1 prep with Marcus Chen. u undoes once Esc closes the prep"
    );
    assert_eq!(f.saved().person(id).unwrap().last_prep, Some(today()));
    f.press(Char('q'));
    assert_eq!(f.app.popup, None);
    assert!(!f.app.quit, "q closed the prep, and did not quit");
    // The next prep starts today.
    f.press(Char('P'));
    let Some(Popup::Prep(popup)) = &f.app.popup else {
        panic!("no prep popup");
    };
    assert!(
        popup
            .text
            .contains("Since the last prep, Tuesday 24 November 2026.")
    );
    f.press(Esc);
    f.press(Char('u'));
    assert_eq!(f.saved().person(id).unwrap().last_prep, None);
    assert!(
        f.app
            .status
            .text
            .starts_with("Undid: Recorded the 1:1 prep"),
        "{:?}",
        f.app.status
    );
}

/// `s` again once the prep is recorded today says so, the prep staying open: it said
/// "Nothing changed.", as if the key had missed.
#[test]
fn s_again_says_the_prep_is_recorded_already() {
    let mut f = tui_support::demo_fixture();
    open(&mut f, "Marcus Chen");
    let id = f.person_id("Marcus Chen");
    f.press(Char('P'));
    f.press(Char('s'));
    f.press(Char('s'));
    assert_eq!(
        f.app.status.text,
        "The 1:1 prep with Marcus Chen is recorded for today already."
    );
    assert!(matches!(f.app.popup, Some(Popup::Prep(_))), "still open");
    assert_eq!(f.saved().person(id).unwrap().last_prep, Some(today()));
    f.press(Esc);
    f.press(Char('u'));
    assert_eq!(
        f.saved().person(id).unwrap().last_prep,
        None,
        "the first s undone"
    );
}

/// A prep opened after one recorded the same day starts there, leaving out what that one
/// listed: the status line says so, as `trustladder prep` notes it on stderr, with the
/// command that looks further back, left out where the line is too short for it.
#[test]
fn a_prep_after_one_recorded_that_day_says_it_starts_there() {
    let mut f = tui_support::demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Char('P'));
    assert_eq!(f.app.status.text, "", "no prep recorded yet");
    f.press(Char('s'));
    f.press(Esc);
    f.press(Char('P'));
    assert!(matches!(f.app.popup, Some(Popup::Prep(_))));
    let short =
        "A prep with Marcus Chen was recorded on this day already, so this one starts there";
    assert_eq!(
        f.app.status.text,
        format!("{short}; `trustladder prep marcus-chen --since DATE` looks further back.")
    );
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("`trustladder prep marcus-chen --since DATE` looks further back."),
        "{screen}"
    );
    let screen = f.screen(60, 16);
    // Beside it, the undo depth.
    let status: Vec<&str> = screen.lines().skip(13).take(2).map(str::trim).collect();
    assert_eq!(
        status.join(" "),
        format!("{short}.             1 to undo, 0 to redo"),
        "{screen}"
    );
    f.press(Esc);
    assert_eq!(f.app.status.text, "", "said of the prep, it goes with it");
}

/// What the status line says over the prep goes when it closes: "u undoes once Esc closes
/// the prep" and "Copied the prep" stayed on the person's page under it, stale.
#[test]
fn closing_the_prep_takes_what_was_said_over_it() {
    let mut f = tui_support::demo_fixture();
    open(&mut f, "Marcus Chen");
    for key in [Char('s'), Char('y')] {
        f.press(Char('P'));
        f.press(key);
        assert!(!f.app.status.text.is_empty());
        f.press(Esc);
        assert_eq!(f.app.popup, None);
        assert_eq!(f.app.status.text, "", "after {key:?}");
    }
    // Said as it closes (the colleague deleted elsewhere), it stays.
    f.press(Char('P'));
    f.app.popup = None;
    f.app
        .complain("Marcus Chen was deleted elsewhere meanwhile, so the 1:1 prep is closed.");
    assert_eq!(
        f.app.status.text,
        "Marcus Chen was deleted elsewhere meanwhile, so the 1:1 prep is closed."
    );
}

/// Looking back at a day before the last prep recorded, `s` records nothing and says why, as
/// the command line does, rather than "Nothing changed."
#[test]
fn s_on_a_day_before_the_last_recorded_prep_says_why_it_records_nothing() {
    let mut f = tui_support::demo_fixture();
    let id = f.person_id("Marcus Chen");
    let later = parse_iso("2026-12-10").unwrap();
    let mut other = Store::open(&f.path).unwrap();
    let recorded = Change::EditPerson {
        person: Target::id(id),
        patch: PersonPatch {
            last_prep: Some(Set::to(Some(later))),
            ..PersonPatch::default()
        },
        on_conflict: OnConflict::Refuse,
    };
    other.apply(&recorded, today()).unwrap();
    f.tick();
    open(&mut f, "Marcus Chen");
    f.press(Char('P'));
    f.press(Char('s'));
    assert_eq!(
        f.app.status.text,
        "Not recorded: the last 1:1 prep recorded with Marcus Chen is on Thu 10 Dec 2026, after Tue 24 Nov 2026; it stays."
    );
    assert!(matches!(f.app.popup, Some(Popup::Prep(_))));
    assert_eq!(f.saved().person(id).unwrap().last_prep, Some(later));
}

#[test]
fn the_agenda_lists_who_is_past_their_cadence() {
    let mut f = with_cadences();
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let past = past_their_cadence(&f);
    assert_eq!(
        past,
        ["Tomás Silva", "王芳"],
        "longest past the cadence first"
    );
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("Tomás Silva · 6 days over · every 14 days · last Wed 11-04"),
        "{screen}"
    );
    assert!(screen.contains("Keep in touch"), "{screen}");
    for name in &past {
        assert!(screen.contains(name.as_str()), "{name} not in:\n{screen}");
    }
    insta::assert_snapshot!("agenda_keep_in_touch_80x24", screen);
}

/// On a narrow screen with a filter on, the Keep-in-touch title is cut with `…` where the box
/// ends it, as the agenda's own title is, never mid-word unmarked, and keeps the space before
/// its corner that a whole title ends with.
#[test]
fn the_keep_in_touch_title_is_cut_with_an_ellipsis() {
    let mut f = with_cadences();
    f.press(Tab);
    f.press(Tab);
    f.press(Char('/'));
    f.typed("tomás");
    f.press(Enter);
    let screen = f.screen(60, 16);
    assert!(
        screen.contains("┌ Keep in touch · 1 of 2 past their cadence match the fil… ┐"),
        "{screen}"
    );
    insta::assert_snapshot!("agenda_keep_in_touch_filtered_60x16", screen);
}

/// A long name in the Keep-in-touch box is cut before how far past the cadence they are,
/// which is what the list is in order of: it pushed it out (`… · 6 days o…`).
#[test]
fn a_long_name_to_keep_in_touch_with_is_cut_before_how_far_past_it_is() {
    const LONG: &str = "Tomás Silva-Hernández de la Cruz y Montenegro Vasconcelos de Albuquerque";
    let mut f = with_cadences();
    let id = f.person_id("Tomás Silva");
    let mut ledger = f.saved();
    for person in ledger.people.iter_mut().filter(|p| p.id == id) {
        person.name = LONG.to_string();
    }
    f = fixture(Some(ledger), true);
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    for (width, line) in [
        (
            80,
            "│ Tomás Silva-Hernández de la Cruz y Montenegro Vasconcelos de… · 6 days over  │",
        ),
        (
            61,
            "│ Tomás Silva-Hernández de la Cruz y Montene… · 6 days over │",
        ),
    ] {
        let screen = f.screen(width, 24);
        let shown = screen.lines().find(|l| l.starts_with("│ Tomás"));
        assert_eq!(shown, Some(line), "{screen}");
    }
}

/// A line too long for the Keep-in-touch box drops its last parts whole, a column clear of
/// the border: cut where it ended, it left a bare `·…` against it.
#[test]
fn a_keep_in_touch_line_too_long_drops_whole_parts() {
    const NAME: &str = "Alexandra Pemberton-Wade";
    let mut f = with_cadences();
    let id = f.person_id("Tomás Silva");
    let mut ledger = f.saved();
    for person in ledger.people.iter_mut().filter(|p| p.id == id) {
        person.name = NAME.to_string();
    }
    f = fixture(Some(ledger), true);
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    for (width, line) in [
        (
            60,
            "│ Alexandra Pemberton-Wade · 6 days over · every 14 days   │",
        ),
        (
            80,
            "│ Alexandra Pemberton-Wade · 6 days over · every 14 days · last Wed 11-04      │",
        ),
    ] {
        let screen = f.screen(width, 16);
        let shown = screen.lines().find(|l| l.starts_with("│ Alexandra"));
        assert_eq!(shown, Some(line), "{screen}");
    }
}

/// One day over a cadence of one day is said in the singular, as the command line says it.
#[test]
fn one_day_over_a_cadence_of_a_day_is_said_in_the_singular() {
    let mut f = with_cadences_of(|name| (name == "Tomás Silva").then_some(19));
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("Tomás Silva · 1 day over · every 19 days · last Wed 11-04"),
        "{screen}"
    );
}

/// The names of the colleagues past their cadence, longest past it first.
fn past_their_cadence(f: &Fixture) -> Vec<String> {
    f.app
        .cache
        .touch
        .iter()
        .map(|o| f.app.ledger().person(o.person).unwrap().name.clone())
        .collect()
}

/// Everyone past a cadence of a day: the keep-in-touch box lists them all where the promises
/// leave the rows, and on a short screen as many as fit, the last line saying how many more
/// and where they are all listed.
#[test]
fn the_keep_in_touch_box_takes_the_rows_the_promises_leave() {
    let mut f = with_cadences_of(|_| Some(1));
    f.press(Tab);
    f.press(Tab);
    let past = past_their_cadence(&f);
    assert!(past.len() > 4, "{past:?}");
    let tall = f.screen(100, 60);
    for name in &past {
        assert!(tall.contains(name.as_str()), "{name} not in:\n{tall}");
    }
    assert!(!tall.contains("more (`trustladder agenda`"), "{tall}");
    let short = f.screen(100, 24);
    let more = format!(
        "and {} more (`trustladder agenda` lists them all)",
        past.len() - 3
    );
    assert!(short.contains(&more), "{short}");
    // The filter the promises are listed by picks the colleagues too.
    f.press(Char('/'));
    f.typed("marcus");
    f.press(Enter);
    let filtered = f.screen(100, 40);
    assert!(
        filtered.contains(&format!(
            "Keep in touch · 1 of {} past their cadence match the filter",
            past.len()
        )),
        "{filtered}"
    );
    assert!(filtered.contains("Marcus Chen ·"), "{filtered}");
    assert!(!filtered.contains(&format!("{} ·", past[0])), "{filtered}");
}

/// A last contact wider than its column keeps its days whole and drops " ago": `~400d`, never
/// `~400d a…`.
#[test]
fn a_last_contact_long_ago_keeps_its_days_whole() {
    let mut ledger = demo::generate(today());
    let long_ago = today() - chrono::Days::new(400);
    ledger
        .add_person("Quiet Quentin", "", "", Moment::fixed(long_ago, "then"))
        .unwrap();
    let f = fixture(Some(ledger), true);
    for width in [100, 200] {
        let screen = f.screen(width, 40);
        let row = screen
            .lines()
            .find(|l| l.contains("Quiet Quentin"))
            .unwrap_or_default();
        assert!(row.contains(" ~400d "), "{width}: {row}");
        assert!(!row.contains("~400d a"), "{width}: {row}");
    }
}

/// The people table says when anything was last logged with each colleague where there is
/// room: beside the other columns from 87 columns, dropped first below that; sorted by last
/// contact it stays down to 70 columns, the longest ago first. Past their cadence, it is red and
/// ends in `!`, so it is said without colour too.
#[test]
fn the_people_table_shows_the_last_contact_where_there_is_room() {
    let mut f = with_cadences();
    let header = |screen: &str| screen.lines().nth(2).unwrap_or_default().to_string();
    let row = |screen: &str, name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    let screen = f.screen(100, 24);
    assert!(header(&screen).contains(" Tr Last     Notes"), "{screen}");
    assert!(
        row(&screen, "Tomás Silva").contains(" 20d ago! "),
        "{screen}"
    );
    assert!(row(&screen, "Priya Raman").contains(" 6d ago "), "{screen}");
    for w in [80, 70, 60] {
        let screen = f.screen(w, 24);
        assert!(!header(&screen).contains("Last"), "at {w}:\n{screen}");
    }
    // Red past the cadence (Tomás, 20 days of 14), dim within it (Diego, 15 of 30).
    let buffer = f.draw(100, 24);
    let cell = |name: &str, text: &str| {
        let (_, y) = tui_support::find(&buffer, name).expect("the row");
        let line: String = (0..100)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        let at = line.find(text).expect("the last contact");
        let x = line[..at].chars().count() as u16;
        buffer[(x, y)].fg
    };
    assert_eq!(
        cell("Tomás Silva", "20d ago"),
        f.app.theme.overdue().fg.unwrap()
    );
    assert_eq!(cell("Diego Ruiz", "15d ago"), f.app.theme.dim().fg.unwrap());

    for _ in 0..3 {
        f.press(Char('s'));
    }
    let screen = f.screen(80, 24);
    insta::assert_snapshot!("people_by_last_contact_80x24", screen);
    assert!(screen.contains("sorted by last contact"), "{screen}");
    assert!(header(&screen).contains("Last"), "{screen}");
    // Longest ago first: Hannah, 22 days; then Ravi and Tomás, 20 days each, by name.
    let order: Vec<&str> = screen.lines().skip(3).take(3).collect();
    assert!(
        order[0].contains("Hannah Weiss") && order[0].contains("22d ago"),
        "{screen}"
    );
    assert!(
        order[1].contains("Ravi Iyer") && order[1].contains("20d ago"),
        "{screen}"
    );
    assert!(
        order[2].contains("Tomás Silva") && order[2].contains("20d ago"),
        "{screen}"
    );
    assert!(header(&f.screen(70, 24)).contains("Last"));
    assert!(!header(&f.screen(60, 24)).contains("Last"));

    // `?` says what it means, with the sort key in force.
    f.press(Char('?'));
    f.press(Char('/'));
    f.typed("people table's last");
    let help = f.screen(100, 30);
    for words in [
        "The people table's Last says when",
        "counted from the day",
        "red and marked ! past their keep-in-touch",
        "longest ago first",
    ] {
        assert!(help.contains(words), "{words:?} not in the help:\n{help}");
    }
}

#[test]
fn the_person_form_sets_and_clears_the_cadence() {
    let mut f = tui_support::demo_fixture();
    open(&mut f, "Marcus Chen");
    let id = f.person_id("Marcus Chen");
    f.press(Char('E'));
    for _ in 0..3 {
        f.press(Tab);
    }
    f.typed("2x");
    let screen = f.screen(80, 24);
    // Too long for the field, the message is said in its few words.
    assert!(
        screen.contains("not a cadence: try 14d, 2w, 1m"),
        "{screen}"
    );
    f.press(Enter);
    assert!(
        matches!(f.app.popup, Some(Popup::Form(_))),
        "refused at the field"
    );
    f.press(KeyCode::Backspace);
    f.typed("w");
    assert!(f.screen(80, 24).contains("→ every 14 days"));
    insta::assert_snapshot!("form_edit_person_80x24", f.screen(80, 24));
    f.press(Enter);
    assert_eq!(f.saved().person(id).unwrap().cadence_days, Some(14));
    let header = f.screen(120, 24);
    assert!(header.contains("every 14d"), "{header}");
    // Where the cadence does not fit beside the last contact, the last contact stays.
    let narrow = f.screen(80, 24);
    let first = narrow.lines().nth(1).unwrap_or_default();
    assert!(
        first.contains("· last ") && !first.contains("every"),
        "{narrow}"
    );
    f.press(Char('u'));
    assert_eq!(f.saved().person(id).unwrap().cadence_days, None);
}

/// The agenda reads unambiguously: a due date in another year shows its year (`Wed 12-01`
/// could be this year's), and a colleague past their cadence whose name another shares
/// carries the handle, as in the people table.
#[test]
fn the_agenda_shows_the_year_of_a_far_date_and_the_handle_of_a_shared_name() {
    let mut ledger = demo::generate(today());
    let m = Moment::fixed(today(), "far");
    let tomas = ledger
        .people
        .iter()
        .find(|p| p.name == "Tomás Silva")
        .unwrap()
        .clone();
    ledger
        .apply(
            &Change::AddPromise(NewPromise {
                due: Some(parse_iso("2027-12-01").unwrap()),
                ..NewPromise::task(
                    tomas.id,
                    "Next year's review",
                    parse_iso("2026-11-01").unwrap(),
                )
            }),
            &m,
        )
        .unwrap();
    let again = ledger
        .apply(
            &Change::AddPerson {
                name: "Tomás Silva".into(),
                role: String::new(),
                note: String::new(),
                cadence_days: None,
                again: true,
            },
            &m,
        )
        .unwrap();
    assert!(again.person().is_some());
    ledger
        .apply(
            &Change::EditPerson {
                person: Target::id(tomas.id),
                patch: PersonPatch {
                    cadence_days: Some(Set::to(Some(14))),
                    ..PersonPatch::default()
                },
                on_conflict: OnConflict::Refuse,
            },
            &m,
        )
        .unwrap();
    let mut f = fixture(Some(ledger), true);
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let screen = f.screen(100, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("Next year's review"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("2027-12-01"), "{row}");
    let touch = screen
        .lines()
        .find(|l| l.contains(&format!("Tomás Silva ({}) · ", tomas.handle)))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(touch.contains("· last Wed 11-04"), "{touch}");

    // The Due column is as wide for the whole list, whichever rows are in sight: scrolling
    // to the row with a year and back never shifts the columns after it.
    let columns = |f: &Fixture| {
        let text = f.screen(100, 16);
        let header = text
            .lines()
            .find(|l| l.contains("When") && l.contains("Due"))
            .unwrap_or_else(|| panic!("{text}"))
            .to_string();
        (header, text)
    };
    f.press(Char('g'));
    let (top, text) = columns(&f);
    assert!(
        !text.contains("2027-12-01"),
        "the far row is out of sight: {text}"
    );
    f.press(Char('G'));
    let (bottom, text) = columns(&f);
    assert!(text.contains("2027-12-01"), "{text}");
    assert_eq!(top, bottom);
    assert!(top.contains("Due        Whose"), "{top}");
}

/// Looking back at a past day (`--today`), the prep and the level are the ledger's as it stood
/// then: a promise kept after that day is still owed in the prep, as `prep` prints it.
#[test]
fn looking_back_the_prep_shows_what_was_owed_that_day() {
    let mut ledger = Ledger::default();
    let later = Moment::fixed(parse_iso("2026-12-05").unwrap(), "later");
    let ann = ledger.add_person("Ann Lee", "", "", later).unwrap();
    let new = NewPromise {
        outcome: Some((Status::Kept, parse_iso("2026-12-03").unwrap())),
        ..NewPromise::task(ann, "Ship the fix", parse_iso("2026-11-20").unwrap())
    };
    ledger.add_promise(new, later).unwrap();
    // Added after the day, with nothing logged before it: the lists show people as they are.
    let bo = ledger.add_person("Bo Lind", "", "", later).unwrap();
    let mut f = fixture(Some(ledger), true);
    f.app.looking_back = true;
    f.app.rebuild();
    let screen = f.screen(100, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("Bo Lind"))
        .unwrap_or_else(|| panic!("{screen}"));
    // Their last contact is later than the day shown, never "~today".
    assert!(row.contains("later"), "{row}");
    assert!(!row.contains("today"), "{row}");
    assert_eq!(f.app.cache.reviews[&bo].open, 0);
    open(&mut f, "Ann Lee");
    f.press(Char('P'));
    let Some(Popup::Prep(popup)) = &f.app.popup else {
        panic!("no prep popup");
    };
    assert!(
        popup
            .text
            .contains("## They owe me\n\n- [ ] #1 Ship the fix"),
        "{}",
        popup.text
    );
    assert_eq!(f.app.cache.reviews[&ann].open, 1);
}

/// The prep's text keeps a column clear inside each border, as the help's does: a line of
/// Chinese, which may wrap after any character, ran into the right border, and every line
/// started against the left one.
#[test]
fn the_prep_keeps_a_margin_inside_its_borders() {
    let mut ledger = Ledger::default();
    let at = Moment::fixed(today(), "test");
    let who = ledger.add_person("王芳", "", "", at).unwrap();
    let what = "写下发布计划的所有步骤并与团队分享".repeat(4);
    ledger
        .add_promise(NewPromise::task(who, &what, today()), at)
        .unwrap();
    let mut f = fixture(Some(ledger), false);
    f.press(Enter);
    f.press(Char('P'));
    assert!(matches!(f.app.popup, Some(Popup::Prep(_))));
    for (w, h) in [(80, 24), (60, 16)] {
        let screen = f.screen(w, h);
        let inside: Vec<&str> = screen
            .lines()
            .filter(|line| line.matches('│').count() >= 2)
            .filter_map(|line| line.split('│').max_by_key(|part| part.len()))
            .filter(|inner| !inner.trim().is_empty())
            .collect();
        assert!(inside.iter().any(|l| l.contains("写下")), "{screen}");
        for line in inside {
            assert!(
                line.starts_with(' ') && line.ends_with(' '),
                "{w}x{h}: {line:?} in {screen}"
            );
        }
    }
}

/// A wrapped line of the prep never begins with a separator: `— note:` was left alone at the
/// start of a line, and `· due …` too; each stays with the word before it.
#[test]
fn no_line_of_the_prep_begins_with_a_separator() {
    let mut f = tui_support::demo_fixture();
    let names: Vec<String> = f
        .app
        .ledger()
        .people
        .iter()
        .map(|p| p.name.clone())
        .collect();
    let mut notes = 0;
    for name in names {
        f.select_person(&name);
        f.press(Char('P'));
        assert!(matches!(f.app.popup, Some(Popup::Prep(_))), "{name}");
        for width in [60, 72, 80, 100] {
            let screen = f.screen(width, 120);
            notes += screen.matches("— note:").count();
            for line in screen.lines() {
                let inside = line.trim_matches(|c| c == ' ' || c == '│').trim_start();
                assert!(
                    !inside.starts_with('—') && !inside.starts_with('·'),
                    "{name} at {width}: {line:?}\n{screen}"
                );
            }
        }
        f.press(Esc);
    }
    assert!(notes > 0, "the demo's preps hold notes");
}

/// Scrolled to its end, the prep keeps its end in sight when the window is made smaller: the
/// line it was scrolled to was kept, and the end fell out of sight below it.
#[test]
fn scrolled_to_its_end_the_prep_keeps_it_in_sight_through_a_resize() {
    let mut f = tui_support::demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Char('P'));
    let Some(Popup::Prep(popup)) = &f.app.popup else {
        panic!("no prep popup");
    };
    let last = popup
        .text
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_string();
    f.screen(80, 24);
    f.press(Char('G'));
    assert!(f.screen(80, 24).contains(&last), "{}", f.screen(80, 24));
    let small = f.screen(60, 16);
    assert!(small.contains(&last), "{last:?} in {small}");
    // From there, `k` scrolls up from the end as drawn.
    f.press(Char('k'));
    assert_ne!(f.screen(60, 16), small);
}

/// An open promise's item wraps under its text, past its `- [ ] `, as `prep` wraps it on a
/// terminal: its later lines began under the box, two columns in.
#[test]
fn an_open_item_of_the_prep_wraps_under_its_text() {
    let mut f = tui_support::demo_fixture();
    f.select_person("Priya Raman");
    f.press(Char('P'));
    let screen = f.screen(60, 120);
    let inside: Vec<&str> = screen
        .lines()
        .filter(|line| line.matches('│').count() >= 2)
        .filter_map(|line| line.split('│').max_by_key(|part| part.len()))
        .collect();
    let mut wrapped = 0;
    for pair in inside.windows(2) {
        let next = pair[1].trim_end();
        if pair[0].starts_with(" - [ ] ") && !next.trim().is_empty() && !next.starts_with(" - ") {
            wrapped += 1;
            assert!(
                next.starts_with("       ") && !next.starts_with("        "),
                "{pair:?}\n{screen}"
            );
        }
    }
    assert!(wrapped > 0, "an item wraps at 60 columns:\n{screen}");
}
