//! Every view and popup drawn on a test terminal at 80x24 and 140x40 on the demo team (fixed
//! today, 2026-11-24), compared with the stored snapshots, plus checks of the colours that
//! carry meaning and of the monochrome theme.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use trustladder::tui::app::View;
use trustladder::tui::keymap::Action;
use trustladder::tui::message::Message;
use tui_support::{Fixture, demo_fixture, empty_fixture, find, fixture, text_of, today};
use unicode_width::UnicodeWidthStr;

use KeyCode::{Char, Enter, Tab};

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

/// The dark theme's selection bar, which marks a match in the help too.
const BAR: Color = Color::Indexed(236);

/// Snapshots `f` at both sizes, and checks every line is exactly as wide as the screen (wide
/// characters included).
fn snap(name: &str, f: &Fixture) {
    snap_at(name, f, &SIZES);
}

/// [`snap`] at the `sizes` given.
fn snap_at(name: &str, f: &Fixture, sizes: &[(u16, u16)]) {
    for &(w, h) in sizes {
        let screen = f.screen(w, h);
        for line in screen.lines() {
            assert_eq!(
                trustladder::core::text::columns(line),
                usize::from(w),
                "{name} at {w}x{h}: misaligned line {line:?}"
            );
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

fn open(f: &mut Fixture, name: &str) {
    f.select_person(name);
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
}

#[test]
fn people() {
    snap("people", &demo_fixture());
}

/// On a wide screen the room the fixed columns leave goes where the text is: at 200 columns a
/// long role shows whole rather than cut beside a name column of blanks; at 140 and 120, with
/// no room for it whole, the names stay whole and the role and the next step share the rest,
/// each cut with `…`.
#[test]
fn people_wide_shows_a_long_role_whole() {
    const ROLE: &str = "Platform engineering lead with the on-call rota and the budget";
    let mut ledger = trustladder::core::demo::generate(today());
    let priya = ledger
        .people
        .iter_mut()
        .find(|p| p.name == "Priya Raman")
        .expect("Priya is in the demo");
    priya.role = ROLE.to_string();
    let f = fixture(Some(ledger), true);
    let row_of = |screen: &str, name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    let wide = f.screen(200, 50);
    let row = row_of(&wide, "Priya Raman");
    assert!(row.contains(ROLE), "{row:?}");
    assert!(row.contains("trusted with impact"), "{row:?}");
    insta::assert_snapshot!("people_long_role_200x50", wide);
    for (w, h) in [(140, 40), (120, 24)] {
        let screen = f.screen(w, h);
        let row = row_of(&screen, "Priya Raman");
        assert!(row.contains("Platform engin"), "{row:?}");
        assert!(!row.contains(ROLE) && row.contains('…'), "{row:?}");
        assert!(screen.contains("Kenji Watanabe "), "{screen}");
        insta::assert_snapshot!(format!("people_long_role_{w}x{h}"), screen);
    }
}

/// The wide table's columns are sized by everyone listed, not only the rows on screen, so they
/// stay put as the list scrolls to someone whose role is long.
#[test]
fn people_wide_columns_stay_put_as_the_list_scrolls() {
    let mut ledger = trustladder::core::demo::generate(today());
    let zoe = ledger
        .people
        .iter_mut()
        .find(|p| p.name == "王芳")
        .expect("王芳 is in the demo, last by name");
    zoe.role = "Design systems, research operations and the accessibility review".to_string();
    let mut f = fixture(Some(ledger), true);
    let header = |f: &Fixture| {
        f.screen(200, 16)
            .lines()
            .find(|l| l.contains("Role"))
            .unwrap_or_default()
            .to_string()
    };
    let top = header(&f);
    assert!(
        !f.screen(200, 16).contains("Design systems"),
        "off screen at first"
    );
    f.press(Char('G'));
    assert!(
        f.screen(200, 16).contains("accessibility review"),
        "{}",
        f.screen(200, 16)
    );
    assert_eq!(header(&f), top);
}

#[test]
fn people_empty() {
    snap("people_empty", &empty_fixture());
}

/// On the smallest screen the first words a new user reads are whole: the key to press wraps
/// onto a second line rather than being cut.
#[test]
fn people_empty_at_60_columns_says_it_all() {
    let screen = empty_fixture().screen(60, 16);
    assert!(
        screen.contains(
            "│ No one yet. Press p, type a name and Enter to add your   │\n│ first colleague."
        ),
        "{screen}"
    );
}

/// The agenda a new user tabs to says the key that adds a colleague whole at 60 columns too,
/// wrapped as the people list's words are, not cut after "p adds".
#[test]
fn agenda_empty_at_60_columns_says_it_all() {
    let mut f = empty_fixture();
    f.press(Tab);
    let screen = f.screen(60, 16);
    assert!(
        screen.contains(
            "│ Nothing open, and no one yet to promise anything: p adds │\n│ a colleague."
        ),
        "{screen}"
    );
}

#[test]
fn people_filtered() {
    let mut f = demo_fixture();
    f.press(Char('/'));
    f.typed("an");
    snap("people_filtered", &f);
}

#[test]
fn person_slipping() {
    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    snap("person_slipping", &f);
}

/// The ladder's title gives the bar to hold a rung as the file sets it, as `?` and `review`
/// do: at 72.5% it said "held at score ≥ 72%", above a row of 72% that was not held.
#[test]
fn the_ladder_title_gives_the_threshold_with_the_digits_it_was_set_with() {
    let mut ledger = trustladder::core::demo::generate(today());
    ledger.settings.hold_threshold = 0.725;
    let mut f = fixture(Some(ledger), false);
    open(&mut f, "Marcus Chen");
    let screen = f.screen(140, 40);
    assert!(
        screen.contains(" Ladder · held at score ≥ 72.5% with enough evidence"),
        "{screen}"
    );
}

/// Rows the promises would leave empty show the header's explanations instead: Marcus with
/// only his last nine promises has room at 80x30 for the Why line his full page has no room
/// for, every promise still shows, and neither a filter typed nor a status of two lines moves
/// the list.
#[test]
fn person_page_gives_rows_the_promises_leave_to_the_explanations() {
    let mut ledger = trustladder::core::demo::generate(today());
    let marcus = ledger
        .people
        .iter()
        .find(|p| p.name == "Marcus Chen")
        .expect("Marcus is in the demo")
        .id;
    let mut his: Vec<_> = ledger
        .promises
        .iter()
        .filter(|p| p.person == marcus)
        .map(|p| p.id)
        .collect();
    his.sort_unstable();
    let dropped: Vec<_> = his[..his.len() - 9].to_vec();
    ledger.promises.retain(|p| !dropped.contains(&p.id));
    let mut f = fixture(Some(ledger), true);
    open(&mut f, "Marcus Chen");
    let screen = f.screen(80, 30);
    assert!(screen.contains(" Why: "), "{screen}");
    let promises = screen
        .lines()
        .filter(|l| {
            l.split(" #")
                .nth(1)
                .is_some_and(|r| r.starts_with(char::is_numeric))
        })
        .count();
    assert_eq!(promises, 9, "every promise still shows:\n{screen}");
    let list_top = |screen: &str| screen.lines().position(|l| l.contains("┌ Promises"));
    let before = list_top(&screen);
    f.press(Char('/'));
    for c in "zzz".chars() {
        f.press(Char(c));
    }
    assert_eq!(
        list_top(&f.screen(80, 30)),
        before,
        "the filter moved the list"
    );
    // A status of two lines takes its row from the list's bottom, not from the header.
    f.press(KeyCode::Esc);
    f.send(Message::Resize {
        width: 80,
        height: 27,
    });
    let before = list_top(&f.screen(80, 27));
    f.app.say(
        "A status long enough to take two lines at eighty columns, so that the page under it \
         has one row less than it had a moment ago.",
    );
    assert_eq!(
        list_top(&f.screen(80, 27)),
        before,
        "a two-line status moved the list"
    );
    // His full page at the same size has no room for it.
    let f = demo_fixture_on("Marcus Chen");
    assert!(!f.screen(80, 30).contains(" Why: "));
}

/// A colleague with no promises yet: the list needs one line to say so, and the rows the
/// three promises of a fuller page would take show the whole advice on the smallest screen.
#[test]
fn a_person_with_no_promises_shows_the_whole_advice_on_a_small_screen() {
    let mut f = fixture(Some(demo_with_ann_lee()), true);
    open(&mut f, "Ann Lee");
    let screen = f.screen(60, 16);
    let joined = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("Building: entrust them with small tasks and log how they go."),
        "{screen}"
    );
    assert!(screen.contains("No promises yet."), "{screen}");
}

/// The chart of someone with nothing resolved says so rather than show an empty grid, and a
/// month alone, which makes no line, is a point that can be seen.
#[test]
fn the_chart_says_why_it_is_empty_and_shows_a_month_alone() {
    let mut f = fixture(Some(demo_with_ann_lee()), true);
    f.send(trustladder::tui::Message::Resize {
        width: 80,
        height: 24,
    });
    open(&mut f, "Ann Lee");
    f.press(Char('c'));
    let screen = f.screen(80, 24);
    let plot: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Trust over time"))
        .collect();
    assert!(
        plot.iter()
            .any(|l| l.contains("│50%    │ Nothing resolved in these twelve months.")),
        "{screen}"
    );
    f.press(Char('L'));
    f.typed("Sent the notes");
    f.press(Enter);
    assert!(f.app.popup.is_none(), "{}", f.app.status.text);
    let screen = f.screen(80, 24);
    assert!(!screen.contains("Nothing resolved in"), "{screen}");
    let points: usize = screen
        .lines()
        .skip_while(|l| !l.contains("Trust over time"))
        .map(|l| l.matches('•').count())
        .sum();
    assert_eq!(points, 1, "{screen}");
}

/// A month whose record has faded to evidence shown as 0.00 leaves a gap in the chart, as the
/// tables show its score as `–`: two tasks kept on 16 Feb 2022 weigh 0.01 until the end of
/// April 2026 and 0.00 from the end of May, so the tasks line runs from December to April and
/// stops there, where it ran on at 50% to November.
#[test]
fn the_chart_leaves_a_gap_where_the_record_has_faded_to_nothing_shown() {
    use trustladder::core::change::{NewPromise, Target};
    use trustladder::core::{Direction, Ledger, Level, Status};
    let kept = chrono::NaiveDate::from_ymd_opt(2022, 2, 16).expect("a date");
    let mut l = Ledger::default();
    let id = l.add_person("Old Timer", "", "", today()).unwrap();
    for what in ["The first thing", "The other thing"] {
        l.add_promise(
            NewPromise {
                person: Target::id(id),
                direction: Direction::Theirs,
                level: Level::Task,
                what: what.into(),
                made: kept,
                due: None,
                outcome: Some((Status::Kept, kept)),
            },
            today(),
        )
        .unwrap();
    }
    let mut f = fixture(Some(l), true);
    f.send(trustladder::tui::Message::Resize {
        width: 80,
        height: 24,
    });
    open(&mut f, "Old Timer");
    f.press(Char('c'));
    let screen = f.screen(80, 24);
    let row = screen
        .lines()
        .find(|l| l.starts_with("│50% "))
        .unwrap_or_else(|| panic!("no 50%:\n{screen}"));
    let drawn = row
        .chars()
        .filter(|c| ('\u{2801}'..='\u{28ff}').contains(c))
        .count();
    // December to April is 4 of the 11 months' spans, some 25 of the plot's 69 columns.
    assert!((20..35).contains(&drawn), "{drawn}:\n{screen}");
    insta::assert_snapshot!("person_chart_faded_80x24", screen);
}

/// The demo team and Ann Lee, just added: someone with nothing at all yet.
fn demo_with_ann_lee() -> trustladder::core::Ledger {
    let mut ledger = trustladder::core::demo::generate(today());
    ledger
        .add_person(
            "Ann Lee",
            "",
            "",
            trustladder::core::change::Moment::fixed(today(), "new"),
        )
        .unwrap();
    ledger
}

fn demo_fixture_on(name: &str) -> Fixture {
    let mut f = demo_fixture();
    open(&mut f, name);
    f
}

#[test]
fn person_ready_with_a_cjk_name() {
    let mut f = demo_fixture();
    open(&mut f, "王芳");
    snap("person_ready_cjk", &f);
}

/// A person's own note shows on their page, under their level, from 20 rows high; on a
/// shorter screen it is left out, so that their advice and three promises still show.
#[test]
fn person_page_shows_their_note() {
    let mut f = demo_fixture();
    open(&mut f, "Priya Raman");
    for (w, h) in [(60, 20), (80, 24), (200, 50)] {
        let screen = f.screen(w, h);
        let note = screen.lines().nth(3).unwrap_or_default();
        assert_eq!(
            note.trim_end(),
            " Note: Owns the billing platform.",
            "{w}x{h}:\n{screen}"
        );
    }
    let small = f.screen(60, 16);
    assert!(!small.contains("Owns the billing"), "{small}");
    let trust = small.lines().nth(2).unwrap_or_default();
    assert!(trust.starts_with(" Trust ▮▮▮ impact"), "{small}");
    let rows = small.lines().filter(|l| l.contains(" #")).count();
    assert!(rows >= 3, "fewer than three promises at 60x16:\n{small}");
    snap_at("person_note", &f, &[(80, 24), (60, 16), (200, 50)]);
}

/// The `/` filter on a person's page finds promises by their note; the selected one's note
/// shows on the border under the list, so the row found says why, at every size, and moving
/// the selection moves the note with it.
#[test]
fn person_page_shows_the_selected_promises_note() {
    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    assert!(
        !f.screen(80, 24).contains("Note on #"),
        "the open #62 has no note"
    );
    f.press(Char('/'));
    f.typed("without warning");
    f.press(Enter);
    let screen = f.screen(80, 24);
    let border = screen
        .lines()
        .find(|l| l.starts_with("└ Note on #"))
        .unwrap_or_else(|| panic!("no note under the promises:\n{screen}"));
    assert!(
        border.starts_with("└ Note on #56: Missed without warning. ─"),
        "{border:?}"
    );
    f.press(Char('j'));
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("└ Note on #57: Missed without warning. ─"),
        "{screen}"
    );
    snap_at("person_promise_note", &f, &[(80, 24), (60, 16), (200, 50)]);
}

/// A note too long for its line is cut with `…` at the width of the screen, by display width
/// (wide characters whole), the person's under their level and the promise's on the border,
/// where it keeps the space before the corner that a whole note ends with (`ask… ─┘`, as a
/// top title cut so does; it ran into the border: `ask…──┘`).
#[test]
fn long_notes_are_cut_to_the_width_of_the_screen() {
    const NOTE: &str = "Owns the billing platform and the invoices 🚀; ask her first before any \
                        change to refunds, the ledger export or the tax tables (税表)";
    let mut ledger = trustladder::core::demo::generate(today());
    let priya = ledger
        .people
        .iter()
        .find(|p| p.name == "Priya Raman")
        .map(|p| p.id)
        .expect("Priya is in the demo");
    for person in ledger.people.iter_mut().filter(|p| p.id == priya) {
        person.note = NOTE.to_string();
    }
    for promise in ledger.promises.iter_mut().filter(|p| p.person == priya) {
        promise.note = format!("About #{}: {NOTE}", promise.id);
    }
    let mut f = fixture(Some(ledger), true);
    open(&mut f, "Priya Raman");
    for (w, h) in [(80, 24), (60, 16)] {
        let screen = f.screen(w, h);
        let border = screen
            .lines()
            .find(|l| l.starts_with("└ Note on #"))
            .unwrap_or_else(|| panic!("{w}x{h}: no note under the promises:\n{screen}"));
        assert!(
            border.contains("… ─") && border.ends_with("─┘"),
            "{w}x{h}: {border:?}"
        );
    }
    let note = f
        .screen(80, 24)
        .lines()
        .nth(3)
        .unwrap_or_default()
        .to_string();
    assert!(
        note.starts_with(" Note: Owns the billing platform"),
        "{note:?}"
    );
    assert!(note.trim_end().ends_with('…'), "{note:?}");
    let wide = f.screen(200, 50);
    assert!(wide.contains(&format!(" Note: {NOTE}")), "{wide}");
    assert!(
        wide.contains(&format!("└ Note on #32: About #32: {NOTE} ─")),
        "{wide}"
    );
    snap_at("notes_long", &f, &[(80, 24), (60, 16), (200, 50)]);
}

/// The agenda shows the selected promise's note on the border under it, then the count of
/// archived people's promises it hides: in full where it fits, in short where only that
/// fits, and in full again on a row without a note.
#[test]
fn agenda_shows_the_selected_promises_note() {
    const NOTE: &str = "Waiting on the vendor";
    let mut ledger = trustladder::core::demo::generate(today());
    for person in ledger.people.iter_mut().filter(|p| p.name == "Diego Ruiz") {
        person.archived = true;
    }
    for (n, promise) in ledger
        .promises
        .iter_mut()
        .filter(|p| p.status == trustladder::core::Status::Open)
        .enumerate()
    {
        if n % 2 == 0 {
            promise.note = NOTE.to_string();
        }
    }
    let mut f = fixture(Some(ledger), true);
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let bottom = |f: &Fixture, w: u16, h: u16| {
        let screen = f.screen(w, h);
        screen
            .lines()
            .rfind(|l| l.starts_with('└'))
            .unwrap_or_default()
            .to_string()
    };
    let full = "2 open promises of archived people hidden · A shows them";
    let mut seen = [false; 2];
    for _ in 0..4 {
        let id = f.app.agenda.items[f.app.agenda.selected].1;
        let noted = !f
            .app
            .ledger()
            .promise(id)
            .is_some_and(|p| p.note.is_empty());
        seen[usize::from(noted)] = true;
        let border = bottom(&f, 80, 24);
        if noted {
            let note = format!("└ Note on #{id}: {NOTE} · 2 hidden · A shows them ─");
            assert!(border.starts_with(&note), "{border:?}");
            assert!(bottom(&f, 140, 40).contains(&format!("{NOTE} · {full} ─")));
            let narrow = bottom(&f, 60, 16);
            assert!(
                narrow.contains("└ Note on #") && !narrow.contains("hidden"),
                "{narrow:?}"
            );
            snap_at("agenda_note", &f, &[(80, 24), (60, 16), (140, 40)]);
        } else {
            assert!(border.starts_with(&format!("└ {full} ─")), "{border:?}");
        }
        f.press(Char('j'));
    }
    assert_eq!(seen, [true, true], "rows with and without a note were seen");
}

#[test]
fn person_chart_on_a_short_screen() {
    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    assert!(!f.screen(80, 24).contains("Trust over time"));
    f.send(trustladder::tui::Message::Resize {
        width: 80,
        height: 24,
    });
    f.press(Char('c'));
    assert_eq!(f.app.status.text, "Chart shown; c hides it.");
    let screen = f.screen(80, 24);
    assert!(screen.contains("Trust over time"), "{screen}");
    assert!(!screen.contains("Promises ·"), "{screen}");
    insta::assert_snapshot!("person_chart_80x24", screen);
    // No promise shows, so none is acted on unseen, and the hint bar offers no promise key.
    let hints = screen.lines().last().unwrap_or_default().to_string();
    for key in ["d kept", "Enter", "e edit", "x delete"] {
        assert!(!hints.contains(key), "{hints}");
    }
    let before = f.app.ledger().clone();
    for key in ['d', 'b', 'r', 'x', 'e', 'o'] {
        f.press(Char(key));
        assert_eq!(
            f.app.status.text,
            "The chart is in the promises' place: c shows them again."
        );
    }
    f.press(Enter);
    assert!(f.app.popup.is_none());
    assert_eq!(*f.app.ledger(), before, "nothing was changed");
    f.press(Char('c'));
    assert_eq!(f.app.status.text, "Chart hidden; c shows it.");
    assert!(!f.screen(80, 24).contains("Trust over time"));
    // Said of this page, it goes when another view is shown.
    f.press(Tab);
    assert!(
        !f.screen(80, 24).contains("Chart hidden"),
        "{}",
        f.screen(80, 24)
    );
}

/// On a tall screen the chart shows under the promises, and `c` really hides it: the promises
/// take its rows; `c` again brings it back.
#[test]
fn person_chart_on_a_tall_screen_hides_and_shows() {
    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    f.send(trustladder::tui::Message::Resize {
        width: 80,
        height: 40,
    });
    let rows = |screen: &str| screen.lines().filter(|l| l.contains(" #")).count();
    let with_chart = f.screen(80, 40);
    assert!(with_chart.contains("Trust over time"), "{with_chart}");
    f.press(Char('c'));
    assert_eq!(f.app.status.text, "Chart hidden; c shows it.");
    let without = f.screen(80, 40);
    assert!(!without.contains("Trust over time"), "{without}");
    assert_eq!(rows(&without), rows(&with_chart) + 11, "{without}");
    f.press(Char('c'));
    assert_eq!(f.app.status.text, "Chart shown; c hides it.");
    let status = |screen: &str| screen.lines().nth(38).unwrap_or_default().to_string();
    let again = f.screen(80, 40);
    assert_eq!(
        again.replace(&status(&again), ""),
        with_chart.replace(&status(&with_chart), "")
    );
}

/// The sizes the short person page is checked at: the usual 80x24, one row below the 20 where
/// the header has all its rows, and the smallest screen.
const SHORT_SIZES: [(u16, u16); 3] = [(80, 24), (80, 19), (60, 16)];

/// How many promises a screen lists: the rows of a table that start with a promise's number.
fn promise_rows(screen: &str) -> usize {
    screen
        .lines()
        .filter(|l| {
            let row = l.trim_start_matches(['│', '▶', ' ']);
            row.starts_with('#') && row[1..].starts_with(|c: char| c.is_ascii_digit())
        })
        .count()
}

/// However short the screen, the person page keeps the line of advice that matters most right
/// under their level: mine where I owe them something overdue (王芳's 🚀 checklist is two days
/// late), theirs where my side is not urgent (Marcus is failing at results), cut with `…` to
/// one line where there is no room for more; and three promises still show. Below 20 rows
/// it once kept only the name and the trust lines.
#[test]
fn a_short_person_page_keeps_the_most_urgent_advice() {
    let mut f = demo_fixture();
    open(&mut f, "王芳");
    let me = " Me: keep your next promise to 王芳";
    for (w, h) in SHORT_SIZES {
        let screen = f.screen(w, h);
        let head: Vec<&str> = screen
            .lines()
            .skip(1)
            .take_while(|l| !l.starts_with('┌'))
            .collect();
        assert!(
            head.iter().any(|l| l.starts_with(me)),
            "{w}x{h}: no advice of mine:\n{screen}"
        );
        assert!(promise_rows(&screen) >= 3, "{w}x{h}:\n{screen}");
    }
    let small = f.screen(60, 16);
    let line = small.lines().nth(3).unwrap_or_default();
    assert!(
        line.starts_with(me) && line.trim_end().ends_with('…'),
        "{small}"
    );
    snap_at("person_short_mine_urgent", &f, &SHORT_SIZES);

    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    for (w, h) in SHORT_SIZES {
        let screen = f.screen(w, h);
        let line = screen.lines().nth(3).unwrap_or_default();
        assert!(
            line.starts_with(" Results failing: 0 of the last 2"),
            "{w}x{h}:\n{screen}"
        );
        assert!(promise_rows(&screen) >= 3, "{w}x{h}:\n{screen}");
    }
    snap_at("person_short_theirs", &f, &SHORT_SIZES);
}

/// At every height from the smallest screen to one with the chart under the promises, with
/// a note or without, the header holds my urgent advice and the page three promises.
#[test]
fn every_height_keeps_my_urgent_advice_and_three_promises() {
    let mut f = demo_fixture();
    open(&mut f, "王芳");
    let with_note = f.screen(80, 24);
    assert!(with_note.contains(" Note: "), "{with_note}");
    let mut ledger = f.app.ledger().clone();
    for person in ledger.people.iter_mut().filter(|p| p.name == "王芳") {
        person.note.clear();
    }
    let mut without = fixture(Some(ledger), true);
    open(&mut without, "王芳");
    for f in [&f, &without] {
        for w in [60, 80] {
            for h in 16..=40 {
                let screen = f.screen(w, h);
                assert!(
                    screen.contains(" Me: keep your next promise"),
                    "{w}x{h}:\n{screen}"
                );
                assert!(promise_rows(&screen) >= 3, "{w}x{h}:\n{screen}");
            }
        }
    }
}

/// The chart's scale is drawn on the rows that hold its figures: 100% on the plot's top row,
/// 0% on its bottom one and 50% half way between, at every size `c` shows it in place of the
/// ladder and the promises. At 60x16 it once had two rows, labelled 100% and 50%, and drew a
/// score of 53% on the row labelled 100%.
#[test]
fn the_chart_s_scale_sits_on_the_rows_it_names() {
    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    f.press(Char('c'));
    for (w, h) in SHORT_SIZES {
        let screen = f.screen(w, h);
        let lines: Vec<&str> = screen.lines().collect();
        let row_of = |label: &str| {
            lines
                .iter()
                .position(|l| l.starts_with(&format!("│{label} ")))
                .unwrap_or_else(|| panic!("{w}x{h}: no {label}:\n{screen}"))
        };
        let (top, middle, bottom) = (row_of("100%"), row_of("50%"), row_of("0%"));
        let axis = lines
            .iter()
            .position(|l| l.contains('└') && l.starts_with('│'))
            .unwrap_or_else(|| panic!("{w}x{h}: no x axis:\n{screen}"));
        assert_eq!(
            bottom + 1,
            axis,
            "{w}x{h}: 0% is not the bottom row:\n{screen}"
        );
        assert_eq!(
            middle - top,
            bottom - middle,
            "{w}x{h}: 50% is not half way:\n{screen}"
        );
        assert!(bottom - top >= 4, "{w}x{h}: too short to read:\n{screen}");
        // Amara's scores are all above 60%: nothing is drawn in the lower half.
        for line in &lines[middle + 1..=bottom] {
            assert!(
                !line.contains(|c: char| ('\u{2801}'..='\u{28ff}').contains(&c)),
                "{w}x{h}: a score drawn under 50%:\n{screen}"
            );
        }
        assert!(!screen.contains("Ladder ·"), "{w}x{h}:\n{screen}");
    }
    snap_at("person_chart_short", &f, &SHORT_SIZES);
}

#[test]
fn agenda() {
    let mut f = demo_fixture();
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    snap("agenda", &f);
}

/// Two colleagues of one name are told apart by their handles in the Agenda, as in People and
/// the Person tab's title; an archived one's mark stays whole, the name cut instead.
#[test]
fn the_agenda_tells_two_people_of_one_name_apart_and_keeps_the_archived_mark() {
    use trustladder::core::change::{NewPromise, Target};
    use trustladder::core::{Direction, Ledger, Level};
    let mut l = Ledger::default();
    let promise = |l: &mut Ledger, name: &str, what: &str| {
        let id = l.add_person(name, "", "", today()).unwrap();
        l.add_promise(
            NewPromise {
                person: Target::id(id),
                direction: Direction::Theirs,
                level: Level::Task,
                what: what.into(),
                made: today(),
                due: None,
                outcome: None,
            },
            today(),
        )
        .unwrap();
        id
    };
    promise(&mut l, "Chen Li", "The first thing");
    promise(&mut l, "Chen Li", "The other thing");
    let gone = promise(&mut l, "Maximiliana Featherstonehaugh", "An old thing");
    l.set_archived(gone, true, today()).unwrap();
    let mut f = fixture(Some(l), false);
    f.press(Tab);
    f.press(Tab);
    f.press(Char('A'));
    assert_eq!(f.app.view, View::Agenda);
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("chen-li ") && screen.contains("chen-li-2"),
        "{screen}"
    );
    let wide = f.screen(140, 40);
    assert!(
        wide.contains("Chen Li (chen-li)") && wide.contains("Chen Li (chen-li-2)"),
        "{wide}"
    );
    assert!(wide.contains("… (archived)"), "{wide}");
    // In People, where the name column is narrow, the mark is shortened, never cut.
    f.press(Tab);
    assert_eq!(f.app.view, View::People);
    for (w, h) in [(80, 24), (60, 16)] {
        let screen = f.screen(w, h);
        let row = screen
            .lines()
            .find(|l| l.contains("Maxim"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(
            row.contains(" (arch)") || row.contains(" (archived)"),
            "{w}: {screen}"
        );
    }
}

/// Two colleagues of one long name, the second with the handle `-2`: at every width each row
/// names them in the same form (both with the name, or both by handle alone), and the `-2`
/// that tells them apart is never cut off.
#[test]
fn two_people_of_one_long_name_look_alike_but_for_the_number_at_every_width() {
    use trustladder::core::change::{NewPromise, Target};
    use trustladder::core::{Direction, Ledger, Level};
    let mut l = Ledger::default();
    for what in ["The first thing", "The other thing"] {
        let id = l
            .add_person("Priyanka Ramanathan", "", "", today())
            .unwrap();
        l.add_promise(
            NewPromise {
                person: Target::id(id),
                direction: Direction::Theirs,
                level: Level::Task,
                what: what.into(),
                made: today(),
                due: None,
                outcome: None,
            },
            today(),
        )
        .unwrap();
    }
    let mut f = fixture(Some(l), false);
    for tabs in [0, 2] {
        for _ in 0..tabs {
            f.press(Tab);
        }
        for width in [60, 80, 100, 120, 140] {
            let screen = f.screen(width, 24);
            let rows: Vec<&str> = screen
                .lines()
                .filter(|l| {
                    l.starts_with('│') && (l.contains("priyanka") || l.contains("Priyanka"))
                })
                .collect();
            assert_eq!(rows.len(), 2, "{screen}");
            let with_name = rows.iter().filter(|r| r.contains("Priya")).count();
            assert!(with_name == 0 || with_name == 2, "{width}: {screen}");
            assert!(
                rows.iter().any(|r| r.contains("-2")),
                "{width}: the -2 is cut off: {screen}"
            );
        }
    }
    assert_eq!(f.app.view, View::Agenda);
}

#[test]
fn new_promise_form_with_a_date_preview() {
    let mut f = demo_fixture();
    open(&mut f, "王芳");
    f.press(Char('n'));
    f.typed("Draft the 🚀 launch plan");
    for _ in 0..4 {
        f.press(Tab);
    }
    f.typed("fri");
    snap("form_new_promise", &f);
    // A day before today is kept (written down late), and said to be overdue already, in a
    // shorter wording where the form is narrow, the day still in it.
    for _ in 0..3 {
        f.press(KeyCode::Backspace);
    }
    f.typed("yesterday");
    assert!(
        f.screen(80, 24)
            .contains("→ Mon 23 Nov 2026: before today, overdue already"),
        "{}",
        f.screen(80, 24)
    );
    assert!(
        f.screen(60, 16).contains("→ Mon 23 Nov: overdue already"),
        "{}",
        f.screen(60, 16)
    );
}

/// A What longer than its field shows its end with `…` in the field's first column, so it
/// never reads as if it began there; the cursor stays after the text, and Home shows the
/// start again, unmarked.
#[test]
fn a_long_field_marks_the_text_cut_off_at_its_left() {
    let mut f = demo_fixture();
    open(&mut f, "王芳");
    f.press(Char('n'));
    f.typed("Draft the launch plan for the new onboarding flow with the design and the data teams");
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "What: ").unwrap_or_else(|| panic!("{}", text_of(&buffer)));
    let line = text_of(&buffer)
        .lines()
        .nth(usize::from(y))
        .unwrap_or_default()
        .to_string();
    assert!(line.contains("What: …"), "{line}");
    assert!(
        line.contains("with the design and the data teams "),
        "{line}"
    );
    let (end, row) = find(&buffer, "data teams").expect("the end in sight");
    assert_eq!(f.cursor(80, 24), Some((end + 10, row)), "after the text");
    assert!(end > x, "{line}");
    f.press(KeyCode::Home);
    let buffer = f.draw(80, 24);
    let line = text_of(&buffer)
        .lines()
        .nth(usize::from(y))
        .unwrap_or_default()
        .to_string();
    assert!(line.contains("What: Draft the launch plan"), "{line}");
    assert!(!line.contains('…'), "{line}");
}

#[test]
fn person_form_with_an_error() {
    let mut f = demo_fixture();
    f.press(Char('p'));
    f.press(Tab);
    f.typed("Design");
    f.press(Enter);
    snap("form_person_error", &f);
}

#[test]
fn resolve_form() {
    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    // The selected promise is overdue, so the form starts at "kept late".
    f.press(Enter);
    snap("form_resolve", &f);
}

/// The resolve form names the promise it resolves after its number, cut with `…` to the
/// form's width when long, never past its corner.
#[test]
fn the_resolve_form_names_its_promise_cut_to_fit() {
    let mut f = empty_fixture();
    f.press(Char('p'));
    f.typed("Priya Raman");
    f.press(Enter);
    f.press(Char('n'));
    f.typed("Write up the findings of the quarterly security review for the whole team");
    f.press(Enter);
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
    f.press(Enter);
    let screen = f.screen(60, 16);
    let title = screen
        .lines()
        .find(|l| l.contains("Resolve #1"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        title.contains("┌ Resolve #1 · Write up the findings of the quarterly s… ┐"),
        "{title}"
    );
    // The form is no wider on a wide screen: there too it is cut at its corner.
    let screen = f.screen(140, 40);
    assert!(
        screen.contains("┌ Resolve #1 · Write up the findings of the quarterly security review… ┐"),
        "{screen}"
    );
}

/// Priya Raman with one open task, "Send the deck", made on `made` and due on `due`.
fn one_promise_made(made: &str, due: &str) -> trustladder::core::Ledger {
    use trustladder::core::change::NewPromise;
    let day = |d: &str| trustladder::core::dates::parse_iso(d).expect("a date");
    let mut l = trustladder::core::Ledger::default();
    let priya = l.add_person("Priya Raman", "", "", day(made)).unwrap();
    let new = NewPromise {
        due: Some(day(due)),
        ..NewPromise::task(priya, "Send the deck", day(made))
    };
    l.add_promise(new, day(made)).unwrap();
    l
}

/// The resolve form on Priya's one promise with `typed` in its day: what the preview under
/// the day says at `width` x `height` (borders and margin left out), and the form.
fn resolving_on(
    ledger: &trustladder::core::Ledger,
    typed: &str,
    width: u16,
    height: u16,
) -> (String, Fixture) {
    let mut f = fixture(Some(ledger.clone()), false);
    open(&mut f, "Priya Raman");
    f.press(Enter);
    f.tab_to("On");
    f.ctrl('u');
    f.typed(typed);
    let screen = f.screen(width, height);
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(&format!("On: {typed}")))
        .unwrap_or_else(|| panic!("no day field:\n{screen}"));
    let preview = lines[at + 1]
        .trim_matches(|c: char| {
            c == '│' || c == '┌' || c == '┐' || c == '└' || c == '┘' || c.is_whitespace()
        })
        .to_string();
    (preview, f)
}

/// The preview under a resolve form's day and the refusal `Enter` marks there read one
/// judgement, at 80x24 and 60x16: for a promise made on 10 Nov and due on 20 Nov, on 24 Nov,
/// the day before it was made and tomorrow are refused by both for the same rule, and the
/// day it was made, its due day (kept) and today (kept late, past the due day) pass both.
/// Looking back at a day before a promise was made, the preview said "before it was made" of
/// today, where `Enter` refused every day (the promise was made after the day shown).
#[test]
fn the_resolve_forms_preview_and_enter_judge_a_day_alike() {
    use trustladder::core::{PromiseId, Status};
    use trustladder::tui::app::Popup;
    use trustladder::tui::forms::Key;
    let error = |f: &Fixture| match &f.app.popup {
        Some(Popup::Form(form)) => form
            .fields
            .iter()
            .find(|field| field.key == Key::On)
            .and_then(|field| field.error.clone()),
        _ => None,
    };
    let ledger = one_promise_made("2026-11-10", "2026-11-20");
    let refused = [
        (
            "2026-11-09",
            "before it was made (2026-11-10)",
            "before it was made (2026-11-10)",
        ),
        (
            "tomorrow",
            "cannot be after today",
            "2026-11-25 is after today (2026-11-24)",
        ),
    ];
    let passed = [
        (
            "2026-11-10",
            "→ Tuesday 10 November 2026",
            Status::Kept,
            "2026-11-10",
        ),
        (
            "2026-11-20",
            "→ Friday 20 November 2026",
            Status::Kept,
            "2026-11-20",
        ),
        (
            "today",
            "→ Tuesday 24 November 2026",
            Status::KeptLate,
            "2026-11-24",
        ),
    ];
    for (width, height) in [(80, 24), (60, 16)] {
        for (typed, preview_says, enter_says) in refused {
            let (preview, mut f) = resolving_on(&ledger, typed, width, height);
            assert!(
                preview.ends_with(preview_says),
                "{typed} at {width}: {preview}"
            );
            f.press(Enter);
            let said = error(&f).unwrap_or_else(|| panic!("{typed} is refused"));
            assert!(said.contains(enter_says), "{typed}: {said}");
        }
        for (typed, preview_says, outcome, on) in passed {
            let (preview, mut f) = resolving_on(&ledger, typed, width, height);
            assert_eq!(preview, preview_says, "{typed} at {width}");
            f.press(Enter);
            assert_eq!(error(&f), None, "{typed}");
            let saved = f.saved();
            let p = saved.promise(PromiseId(1)).expect("the promise");
            assert_eq!(
                (p.status, p.resolved.map(|d| d.to_string())),
                (outcome, Some(on.to_string())),
                "{typed}"
            );
        }
    }

    // Made on the day after the day shown: no day fits, and both say why.
    let ledger = one_promise_made("2026-11-25", "2026-11-30");
    for typed in ["today", "2026-11-25"] {
        let (preview, mut f) = resolving_on(&ledger, typed, 60, 16);
        assert_eq!(preview, "made after the day shown (2026-11-25)", "{typed}");
        if typed == "today" {
            snap_at("form_resolve_made_after_the_day_shown", &f, &[(60, 16)]);
        }
        f.press(Enter);
        let said = error(&f).unwrap_or_else(|| panic!("{typed} is refused"));
        assert!(said.contains("after the day shown (2026-11-24)"), "{said}");
        assert!(
            said.contains("quit and start the UI again with --today 2026-11-25"),
            "{said}"
        );
    }
    let (preview, _) = resolving_on(&ledger, "today", 80, 24);
    assert_eq!(
        preview,
        "→ Tue 24 Nov 2026: made after the day shown (2026-11-25)"
    );
}

#[test]
fn edit_promise_form() {
    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Char('e'));
    snap("form_edit_promise", &f);
}

#[test]
fn log_kept_form() {
    let mut f = demo_fixture();
    f.select_person("Seán O'Brien");
    f.press(Char('L'));
    f.typed("Rotated the certificates");
    snap("form_log_kept", &f);
}

/// On a short screen a form too tall spaced out closes its fields up, leaving the top bar,
/// the status line and the hint bar in sight, the cursor still in its field.
#[test]
fn a_tall_form_closes_up_on_a_short_screen() {
    let mut f = demo_fixture();
    f.select_person("Seán O'Brien");
    f.press(Char('L'));
    for _ in 0..5 {
        f.press(Tab);
    }
    let screen = f.screen(60, 16);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].contains("trustladder"), "{screen}");
    assert!(lines[15].contains("Tab/↓ next field"), "{screen}");
    assert!(screen.contains("Outcome: ‹ kept ›"), "{screen}");
    let cursor = f.cursor(60, 16).expect("a cursor");
    assert!(
        lines[usize::from(cursor.1)].contains("On: today"),
        "{screen}"
    );
    snap_at("form_log_kept_short", &f, &[(60, 16)]);

    // The new promise's form and a promise's edit form too, at 16 rows and at 17: never over
    // the top bar, the status line or the hint bar.
    for (keys, title) in [
        (&[Char('n')][..], "New promise"),
        (&[Enter, Char('e')], "Edit promise"),
    ] {
        for height in [16, 17] {
            let mut f = demo_fixture();
            f.select_person("Seán O'Brien");
            for key in keys {
                f.press(*key);
            }
            let screen = f.screen(60, height);
            let lines: Vec<&str> = screen.lines().collect();
            assert!(lines[0].contains("trustladder"), "{title}: {screen}");
            assert!(lines[1..].iter().any(|l| l.contains(title)), "{screen}");
            let last = usize::from(height) - 1;
            assert!(lines[last].contains("Tab/↓ next field"), "{screen}");
        }
    }
}

#[test]
fn delete_question() {
    let mut f = demo_fixture();
    f.press(Char('x'));
    snap("confirm_delete", &f);
}

/// A key the question before a delete does not take, on a person's page at 60x16: the
/// question covers the promises, so the status line takes two rows and says it all, the keys
/// it takes and the key that closes it, where one row cut it ("… below; n…") and the question
/// has no key to show it whole.
#[test]
fn a_key_the_delete_question_does_not_take_names_its_way_out_at_60_columns() {
    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    f.press(Char('x'));
    f.press(Char('z'));
    let screen = f.screen(60, 16);
    assert!(
        screen.contains(" z does nothing in the question: it takes the keys below; n"),
        "{screen}"
    );
    assert!(screen.contains(" closes it."), "{screen}");
    snap_at("confirm_delete_key_it_does_not_take", &f, &[(60, 16)]);
}

/// A key a form does not take, on a person's page at 60x16, where the status line keeps one
/// row for the promises: the keys the form takes, cut there, give way to its way out, whole.
/// It said nothing, as if the key had not been pressed.
#[test]
fn a_key_a_form_does_not_take_names_its_way_out_at_60_columns() {
    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    f.press(Char('n'));
    f.press(KeyCode::PageDown);
    let screen = f.screen(60, 16);
    assert!(
        screen.contains(" PgDn does nothing in the form: Esc cancel. "),
        "{screen}"
    );
    snap_at("form_key_it_does_not_take", &f, &[(60, 16), (80, 24)]);
}

/// On a person's page at 60x16 the status line keeps one row for the promises: the question
/// a quit key asks while forms closed with Esc hold what was typed, and what a form whose
/// record was deleted elsewhere says, were cut there before the way out ("… in New promise
/// for…", "its record was deleted… Esc closes it."); each is said whole in fewer words.
#[test]
fn a_quit_asked_and_a_form_without_its_record_are_read_at_60x16() {
    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    f.press(Char('n'));
    f.typed("Send the deck");
    f.press(KeyCode::Esc);
    f.press(Char('q'));
    assert!(!f.app.quit);
    let screen = f.screen(60, 16);
    assert!(
        screen.contains("\n q again quits, dropping what you typed; reopen to keep it. "),
        "{screen}"
    );
    snap_at("person_quit_asked", &f, &[(60, 16)]);

    f.press(Char('j'));
    f.press(Char('e'));
    let id = f.app.selected_promise().expect("a promise is selected");
    let mut other = trustladder::store::Store::open(&f.path).expect("the file opens");
    other
        .apply(
            &trustladder::core::Change::DeletePromise {
                promise: trustladder::core::change::Target::id(id),
                seen: None,
            },
            today(),
        )
        .expect("the promise is deleted elsewhere");
    f.tick();
    let said = format!("\n Edit promise #{id}: deleted elsewhere. Esc closes it. ");
    assert!(f.screen(60, 16).contains(&said), "{}", f.screen(60, 16));
    f.press(Enter);
    let screen = f.screen(60, 16);
    assert!(screen.contains(&said), "{screen}");
    snap_at("form_record_deleted_elsewhere", &f, &[(60, 16)]);
}

/// The hint bar names a form's own keys from the list its border names them by: `save mine`
/// and `keep theirs` over a field changed on both sides, and `close` alone once the record is
/// deleted elsewhere, the same words in the bar as on the border, at 80x24 and at 60x16.
#[test]
fn a_form_s_hint_bar_names_its_keys_as_its_border_does() {
    use trustladder::core::Change;
    use trustladder::core::change::{OnConflict, PromisePatch, Set, Target};
    use trustladder::tui::app::Popup;

    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    f.press(Char('j'));
    f.press(Char('e'));
    let id = f.app.selected_promise().expect("a promise is selected");
    let elsewhere = |f: &Fixture, change: Change| {
        trustladder::store::Store::open(&f.path)
            .expect("the file opens")
            .apply(&change, today())
            .expect("the change is saved elsewhere");
    };
    elsewhere(
        &f,
        Change::EditPromise {
            promise: Target::id(id),
            patch: PromisePatch {
                what: Some(Set::to("Halve the support queue by March".into())),
                ..PromisePatch::default()
            },
            on_conflict: OnConflict::Refuse,
        },
    );
    f.press(KeyCode::End);
    f.typed(" for good");
    f.press(Enter);
    // Each of the form's own keys in the bar (`Enter save mine`) and on the border (`Enter
    // save mine`, its keys set apart), in the same words, and no `cancel` where it closes.
    let reads_as_border = |f: &Fixture, w: u16, h: u16, words: &[&str]| {
        let Some(Popup::Form(form)) = &f.app.popup else {
            panic!("the form is open");
        };
        let own: Vec<&str> = form
            .own_keys(f.app.ledger())
            .iter()
            .map(|(_, word)| *word)
            .collect();
        assert_eq!(own, words);
        let screen = f.screen(w, h);
        let lines: Vec<&str> = screen.lines().collect();
        let bar = lines[lines.len() - 1];
        let border = lines
            .iter()
            .find(|l| l.contains("└ Enter") || l.contains("└ Esc"))
            .unwrap_or_else(|| panic!("the form's border at {w}x{h}:\n{screen}"));
        for word in words {
            assert!(bar.contains(&format!(" {word} ")), "{w}x{h}: {bar:?}");
            assert!(border.contains(&format!(" {word} ")), "{w}x{h}: {border:?}");
        }
        assert!(!bar.contains("cancel"), "{w}x{h}: {bar:?}");
    };
    for (w, h) in [(80, 24), (60, 16)] {
        reads_as_border(&f, w, h, &["save mine", "keep theirs"]);
    }
    snap_at("form_in_conflict_keys", &f, &[(80, 24), (60, 16)]);

    elsewhere(
        &f,
        Change::DeletePromise {
            promise: Target::id(id),
            seen: None,
        },
    );
    f.tick();
    for (w, h) in [(80, 24), (60, 16)] {
        reads_as_border(&f, w, h, &["close"]);
        let screen = f.screen(w, h);
        let bar = screen.lines().last().unwrap_or_default().to_string();
        assert!(bar.trim_end().ends_with("Esc close"), "{w}x{h}: {bar:?}");
        assert!(!bar.contains("next field"), "{w}x{h}: {bar:?}");
    }
    snap_at("form_deleted_elsewhere_keys", &f, &[(80, 24), (60, 16)]);
}

/// A reload that failed while the question before a delete is open, on a person's page at
/// 60x16: the question covers the promises, so the error takes the rows it needs to be read
/// whole, where it was cut to one row ("… to a new…") and the messages' key, which would show
/// it, does nothing in the question.
#[test]
fn an_error_under_the_delete_question_at_60x16_is_read_whole() {
    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    f.press(Char('x'));
    f.send(Message::ReloadFailed(
        "not a trustladder file I can read: key must be a string at line 1 column 2".into(),
    ));
    let screen = f.screen(60, 16);
    let said: String = screen
        .lines()
        .skip(12)
        .take(3)
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        said,
        "Could not reload (Ctrl-s writes the ledger shown to a new file beside it): not a \
         trustladder file I can read: key must be a string at line 1 column 2",
        "{screen}"
    );
    assert!(screen.contains("Delete promise #147"), "{screen}");
    snap_at("confirm_delete_reload_failed", &f, &[(60, 16)]);
}

/// The question before a delete keeps a column clear inside each side of its border, as the
/// other popups do: its text, wrapped, ran from border to border.
#[test]
fn the_delete_question_keeps_a_margin_inside_its_border() {
    let mut ledger = trustladder::core::demo::generate(today());
    let amara = ledger
        .people
        .iter()
        .find(|p| p.name == "Amara Okafor")
        .map(|p| p.id)
        .expect("Amara is in the demo");
    let promise = ledger
        .promises
        .iter_mut()
        .find(|p| p.person == amara && p.status == trustladder::core::Status::Open)
        .expect("Amara has an open promise");
    promise.what = "Write the migration plan for the billing tables and share it".to_string();
    let mut f = fixture(Some(ledger), true);
    open(&mut f, "Amara Okafor");
    f.press(Char('x'));
    for (width, height) in [(80, 24), (60, 16)] {
        let buffer = f.draw(width, height);
        let screen = text_of(&buffer);
        let (left, top) = find(&buffer, "┌ Delete?").expect("the question");
        let right = (left..width)
            .find(|x| buffer[(*x, top)].symbol() == "┐")
            .expect("its top-right corner");
        let bottom = (top..height)
            .find(|y| buffer[(left, *y)].symbol() == "└")
            .expect("its bottom-left corner");
        for y in top + 1..bottom {
            for x in [left + 1, right - 1] {
                assert_eq!(
                    buffer[(x, y)].symbol(),
                    " ",
                    "{width}x{height} row {y}:\n{screen}"
                );
            }
        }
        assert!(screen.contains("share it\"?"), "{screen}");
    }
}

#[test]
fn help() {
    let mut f = demo_fixture();
    f.press(Char('?'));
    snap("help", &f);
}

/// `/` in the help: only the entries that match, each under its heading, the matches marked,
/// and the search line at the bottom of the help; a search that finds nothing says so.
#[test]
fn help_search() {
    let mut f = demo_fixture();
    f.press(Char('?'));
    f.press(Char('/'));
    f.typed("undo");
    let screen = f.screen(80, 24);
    insta::assert_snapshot!("help_search_80x24", screen);
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "undone").expect("the redo line");
    assert_eq!(buffer[(x, y)].bg, BAR, "the match is marked");
    assert_eq!(buffer[(x + 3, y)].bg, BAR);
    assert_eq!(buffer[(x + 4, y)].bg, Color::Reset, "and only the match");
    // The smallest screen keeps the search line in sight.
    let small = f.screen(60, 16);
    assert!(small.contains("│ Search: undo"), "{small}");

    f.ctrl('u');
    f.typed("xyzzy");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("Nothing in the help matches 'xyzzy'."),
        "{screen}"
    );
    assert!(screen.contains("Esc clears the search."), "{screen}");
    assert!(screen.contains("nothing found"), "{screen}");
    // A search too long for the line is cut inside its quotes, which stay.
    f.typed(&"q".repeat(60));
    let small = f.screen(60, 16);
    let line = small
        .lines()
        .find(|l| l.contains("Nothing in the help matches"))
        .unwrap_or_else(|| panic!("{small}"));
    assert!(line.contains("q…'."), "{line}");

    // A heading that matches brings its whole section: "form" finds "In a form".
    f.ctrl('u');
    f.typed("in a form");
    let screen = f.screen(80, 40);
    assert!(screen.contains(" In a form"), "{screen}");
    assert!(screen.contains("Tab"), "the section's keys: {screen}");

    // The people table's columns are explained: a search for one finds them.
    f.ctrl('u');
    f.typed("mine");
    let screen = f.screen(120, 40);
    assert!(
        screen.contains("The people table's columns: Trust is their level"),
        "{screen}"
    );
    assert!(
        screen.contains("Open and Over count the open and the overdue promises"),
        "{screen}"
    );
    assert!(
        !screen.contains("score    "),
        "no run of spaces in the line: {screen}"
    );
}

/// The text fields' keys in `?` include each the editor acts on: Ctrl-d deletes under the
/// cursor, as Delete does, and says so.
#[test]
fn help_lists_the_text_fields_delete_keys() {
    let mut f = demo_fixture();
    f.press(Char('?'));
    f.press(Char('/'));
    f.typed("delete the character");
    let screen = f.screen(80, 24);
    insta::assert_snapshot!("help_text_field_deletes_80x24", screen);
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Delete Ctrl-d")
                && l.contains("delete the character under the cursor")),
        "{screen}"
    );
}

/// `?` explains the People view's note marks with the very words of the view's legend (the
/// core's legend of the marks), so the two cannot drift apart.
#[test]
fn help_explains_the_note_marks_as_the_people_legend_does() {
    use trustladder::core::ladder::words::NOTE_MARKS;
    let mut f = demo_fixture();
    for w in [60, 80, 140] {
        let screen = f.screen(w, 24);
        let bottom = screen
            .lines()
            .find(|l| l.starts_with('└'))
            .unwrap_or_default();
        // At 80 columns the last mark's "above" gives way (`?` says what "tried" is).
        let marks = if w < 140 {
            NOTE_MARKS.trim_end_matches(" above")
        } else {
            NOTE_MARKS
        };
        assert!(
            bottom.contains(&format!("Notes: {marks} ")) || w < 80,
            "the legend at {w}: {bottom}"
        );
    }
    f.press(Char('?'));
    f.press(Char('/'));
    f.typed("tried above");
    let screen = f.screen(80, 24);
    insta::assert_snapshot!("help_note_marks_80x24", screen);
    let wide = f.screen(140, 24);
    assert!(
        wide.contains(&format!("The people table marks the notes: {NOTE_MARKS}.")),
        "{wide}"
    );
}

/// On a person's page, `?` starts with every figure and rule behind their level and advice,
/// in the words `review` uses.
#[test]
fn help_on_a_person_explains_their_ladder() {
    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Char('?'));
    snap("help_person", &f);
    let screen = f.screen(140, 40);
    for needle in [
        "Why Marcus Chen's ladder reads so",
        "Advice: Results failing: 0 of the last 2 kept since 24 Oct.",
        "Recent results since 2026-08-26: 0 of 2 kept, 2 broken, plain score 25% < 60% →",
    ] {
        assert!(screen.contains(needle), "{needle:?} not in:\n{screen}");
    }
    // What is behind their level comes first, before the help's opening paragraph.
    let first = screen.lines().nth(2).unwrap_or_default();
    assert!(
        first.contains("Why Marcus Chen's ladder reads so"),
        "{screen}"
    );
}

/// The help's sentences are wrapped to the popup, never cut at its border: every word of the
/// opening paragraph is on screen whole, down to the smallest size the UI draws at.
#[test]
fn help_text_wraps_inside_the_popup() {
    let mut f = demo_fixture();
    f.press(Char('?'));
    for (w, h) in [(80, 24), (60, 16)] {
        let screen = f.screen(w, h);
        let words: String = screen
            .lines()
            .map(|line| line.replace(['│', '┌', '┐', '└', '┘', '─'], " "))
            .collect::<Vec<_>>()
            .join(" ");
        let words: Vec<&str> = words.split_whitespace().collect();
        for word in [
            "earned",
            "bottom-up:",
            "rung",
            "held",
            "evidence",
            "saves",
            "undoes",
        ] {
            assert!(
                words.contains(&word),
                "'{word}' is not whole on the {w}x{h} help:\n{screen}"
            );
        }
    }
}

/// The help's date words say that a day something happened looks back, as the forms'
/// On fields read it.
#[test]
fn help_says_a_day_that_happened_looks_back() {
    let mut f = demo_fixture();
    f.press(Char('?'));
    f.press(Char('/'));
    f.typed("looks back");
    let screen = f.screen(140, 40);
    assert!(screen.contains("Dates"), "{screen}");
    assert!(
        screen.contains("A day something happened (an outcome's On, --on, --since) looks back"),
        "{screen}"
    );
}

/// The help's text keeps a blank column inside its border on the right, as on the left, on a
/// person's page (whose reasons are long sentences) at every size: no line runs into the
/// border.
#[test]
fn help_text_keeps_off_its_right_border() {
    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Char('?'));
    for (w, h) in [(60, 16), (80, 24), (140, 40)] {
        let mut pages = 0;
        while pages < 20 {
            let screen = f.screen(w, h);
            for line in screen.lines().skip(2).take(usize::from(h) - 5) {
                let cells: Vec<char> = line.chars().collect();
                // The help's right border is the third cell from the end (the view's border
                // and a margin follow it); the cell before it stays blank.
                let border = cells.len().saturating_sub(3);
                assert_eq!(cells.get(border), Some(&'│'), "{w}x{h}:\n{screen}");
                assert_eq!(
                    cells.get(border - 1),
                    Some(&' '),
                    "a line runs into the border at {w}x{h}:\n{screen}"
                );
            }
            f.press(KeyCode::PageDown);
            pages += 1;
        }
        f.press(Char('g'));
    }
}

/// The heading of a person's reasons holds their name, as long as it is: it wraps as the
/// sentences under it do, every word whole and off the border, where it ran into the border
/// and was cut there (`…'s ladder read`) at 60 columns.
#[test]
fn help_heading_with_a_long_name_wraps_whole() {
    const NAME: &str = "Marcus Wolfeschlegelsteinhausenberger-Chen";
    let mut ledger = trustladder::core::demo::generate(today());
    ledger
        .people
        .iter_mut()
        .find(|p| p.name == "Marcus Chen")
        .expect("Marcus is in the demo")
        .name = NAME.to_string();
    let mut f = fixture(Some(ledger), true);
    open(&mut f, NAME);
    f.press(Char('?'));
    for (w, h) in [(60, 16), (80, 24)] {
        let screen = f.screen(w, h);
        let lines: Vec<&str> = screen.lines().skip(2).take(usize::from(h) - 5).collect();
        for line in &lines {
            let cells: Vec<char> = line.chars().collect();
            let border = cells.len().saturating_sub(3);
            assert_eq!(cells.get(border), Some(&'│'), "{w}x{h}:\n{screen}");
            assert_eq!(
                cells.get(border - 1),
                Some(&' '),
                "a line runs into the border at {w}x{h}:\n{screen}"
            );
        }
        // The heading's lines, read in order, say it whole before the advice under it.
        let heading: Vec<String> = lines
            .iter()
            .map(|line| line.replace(['│', '┌', '┐', '└', '┘', '─'], " "))
            .take_while(|line| !line.contains("Advice:"))
            .collect();
        let said = heading.join(" ");
        let said: Vec<&str> = said.split_whitespace().collect();
        assert_eq!(
            said.join(" "),
            format!("Why {NAME}'s ladder reads so"),
            "{w}x{h}:\n{screen}"
        );
    }
}

/// `G` in the help reaches its last line (the date words) at every size, however much the
/// text wraps.
#[test]
fn help_scrolls_to_its_end_at_every_size() {
    for (w, h) in [(60, 16), (80, 24), (140, 40)] {
        let mut f = demo_fixture();
        f.press(Char('?'));
        f.press(Char('G'));
        let screen = f.screen(w, h);
        assert!(
            screen.contains("just gone)."),
            "the end of the help is out of reach at {w}x{h}:\n{screen}"
        );
    }
    // Where the help is longer than the screen, `k` after `G` moves at once: the scroll stops
    // at the real end instead of running past it.
    let mut f = demo_fixture();
    f.press(Char('?'));
    f.press(Char('G'));
    let bottom = f.screen(60, 16);
    f.press(Char('k'));
    assert_ne!(f.screen(60, 16), bottom, "k after G did not move");
}

#[test]
fn too_small_says_so_and_never_panics() {
    let f = demo_fixture();
    insta::assert_snapshot!("too_small_40x10", f.screen(40, 10));
    for (w, h) in [(0, 0), (1, 1), (0, 24), (80, 0), (59, 24), (80, 15)] {
        let screen = f.screen(w, h);
        if w > 20 && h > 3 {
            assert!(screen.contains("Terminal too small"), "{w}x{h}: {screen}");
        }
    }
    assert!(!f.screen(60, 16).contains("Terminal too small"));
}

/// Whatever the size below the minimum, the one key that works is named on screen, whole.
#[test]
fn too_small_always_shows_how_to_quit() {
    let f = demo_fixture();
    for w in 15..60 {
        for h in 1..16 {
            let screen = f.screen(w, h);
            // In a sentence, or alone at the smallest sizes.
            assert!(
                screen.to_lowercase().contains("press q to quit") || screen.contains("q quits."),
                "{w}x{h}:\n{screen}"
            );
        }
    }
    assert!(
        f.screen(20, 5).starts_with("Too small (20x5,"),
        "{}",
        f.screen(20, 5)
    );
}

#[test]
fn level_badges_are_coloured_by_rung() {
    let f = demo_fixture();
    let buffer = f.draw(80, 24);
    for (badge, color) in [
        ("▮▮▮ impact", Color::Green),
        ("▮▮· result", Color::Cyan),
        ("▮·· task", Color::Yellow),
        ("··· none", Color::DarkGray),
    ] {
        let (x, y) = find(&buffer, badge).unwrap_or_else(|| panic!("{badge} not on screen"));
        assert_eq!(buffer[(x, y)].fg, color, "{badge}");
    }
}

#[test]
fn the_selection_is_a_dark_grey_bar() {
    let f = demo_fixture();
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "▶ Amara Okafor").expect("the first row is selected");
    assert_eq!(buffer[(x + 2, y)].bg, BAR);
    let (x, y) = find(&buffer, "Diego Ruiz").expect("the second row");
    assert_eq!(buffer[(x, y)].bg, Color::Reset);
}

/// The day the app acts on stays at the right of the top bar where the file's name gives way
/// to a long name in the Person tab.
#[test]
fn the_top_bar_keeps_the_day_where_the_file_name_does_not_fit() {
    let mut f = demo_fixture();
    let top = |f: &Fixture, w| {
        f.screen(w, 24)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        top(&f, 80).ends_with("· Tue 2026-11-24 "),
        "{}",
        top(&f, 80)
    );
    open(&mut f, "Amara Okafor");
    let bar = top(&f, 80);
    assert!(bar.contains("Person: Amara Okafor"), "{bar}");
    assert!(bar.ends_with("   Tue 2026-11-24 "), "{bar}");
    assert!(
        top(&f, 140).ends_with("· Tue 2026-11-24 "),
        "{}",
        top(&f, 140)
    );
    // A name too long for the bar gives way to the day, down to a few letters of itself.
    let mut ledger = trustladder::core::demo::generate(today());
    let amara = ledger
        .people
        .iter_mut()
        .find(|p| p.name == "Amara Okafor")
        .expect("Amara is in the demo");
    amara.name = "Amara Wolfeschlegelsteinhausenberger-Okafor".to_string();
    let mut f = fixture(Some(ledger), true);
    open(&mut f, "Amara Wolfeschlegelsteinhausenberger-Okafor");
    let bar = top(&f, 80);
    assert!(bar.contains("Person: Amara Wolfeschleg"), "{bar}");
    assert!(bar.contains("…   Agenda"), "{bar}");
    assert!(bar.ends_with("   Tue 2026-11-24 "), "{bar}");
    // Narrower, the day without its year, the name keeping twelve columns; narrower still,
    // the name alone.
    let bar = top(&f, 70);
    assert!(bar.contains("Person: Amara Wolfesc"), "{bar}");
    assert!(bar.ends_with("   Tue 11-24 "), "{bar}");
    let bar = top(&f, 60);
    assert!(bar.contains("Person: Amara Wolf"), "{bar}");
    assert!(!bar.contains("11-24"), "{bar}");
    // Looking back at a past day (`--today`), the day stays even there, the name giving way
    // down to five letters.
    f.app.looking_back = true;
    let bar = top(&f, 60);
    assert!(bar.contains("Person: Amara…"), "{bar}");
    assert!(bar.ends_with("   Tue 11-24 "), "{bar}");
}

#[test]
fn overdue_dates_and_counts_are_light_red() {
    let mut f = demo_fixture();
    let buffer = f.draw(80, 24);
    // Marcus has one overdue promise: the Late column.
    let (_, y) = find(&buffer, "Marcus Chen").unwrap();
    let late = (0..80)
        .map(|x| &buffer[(x, y)])
        .filter(|c| c.symbol() == "1" && c.fg == Color::LightRed)
        .count();
    assert_eq!(late, 1, "{}", text_of(&buffer));

    open(&mut f, "Marcus Chen");
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "2026-11-21").expect("the overdue due date");
    assert_eq!(buffer[(x, y)].fg, Color::LightRed);
    let (x, y) = find(&buffer, "2026-11-24 open").expect("the date due today");
    assert_eq!(buffer[(x, y)].fg, Color::Reset, "due today is not overdue");

    f.press(Tab);
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "Overdue").expect("the overdue group");
    assert_eq!(buffer[(x, y + 1)].fg, Color::Reset);
    let (x2, y2) = find(&buffer, "Sat 11-14").expect("the oldest overdue date");
    assert_eq!((x2 > x, y2), (true, y));
    assert_eq!(buffer[(x, y)].fg, Color::LightRed);
    assert_eq!(buffer[(x2, y2)].fg, Color::LightRed);
}

#[test]
fn no_color_is_monochrome_with_a_visible_selection() {
    let f = fixture(Some(trustladder::core::demo::generate(today())), false);
    let buffer = f.draw(80, 24);
    for cell in &buffer.content {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let (x, y) = find(&buffer, "▶ Amara Okafor").expect("the selected row");
    assert!(buffer[(x + 2, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find(&buffer, "Diego Ruiz").unwrap();
    assert!(!buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    // The same words as in colour: only the styling differs.
    assert_eq!(text_of(&buffer), demo_fixture().screen(80, 24));
}

#[test]
fn user_text_is_sanitised_before_drawing() {
    let mut ledger = trustladder::core::Ledger::default();
    let id = ledger.add_person("Eve", "", "", today()).expect("a person");
    let mut f = fixture(Some(ledger.clone()), true);
    // A name can carry escapes neither through input nor through the file's checks, so the
    // views' own sanitizing is tested on one planted in the model.
    ledger.people[0].name = "Eve\u{1b}[31m\u{202e}".to_string();
    f.app.ledger = std::sync::Arc::new(ledger);
    f.app.rebuild();
    let screen = f.screen(140, 40);
    assert!(screen.contains("Eve\\u{1b}[31m\\u{202e}"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
    assert_eq!(f.app.people.current(), Some(id));
}

#[test]
fn help_shows_every_binding_of_the_key_map() {
    let mut f = demo_fixture();
    f.press(Char('?'));
    let mut seen = String::new();
    for _ in 0..12 {
        seen.push_str(&f.screen(140, 40));
        f.press(KeyCode::PageDown);
    }
    for b in f.app.keys.bound() {
        assert!(
            seen.contains(b.help),
            "help lacks '{}' ({})",
            b.help,
            b.label()
        );
    }
}

/// The hint bar in each view at 60, 80 and 100 columns: the keys used most there, in the key
/// map's order of use, as many as fit from the front, and always `? help` last, since the
/// help lists every key.
#[test]
fn the_hint_bar_shows_the_most_used_keys_that_fit_and_always_help() {
    let mut f = demo_fixture();
    let mut bars = Vec::new();
    for view in [View::People, View::Person, View::Agenda] {
        match view {
            View::People => {}
            View::Person => open(&mut f, "Marcus Chen"),
            View::Agenda => f.press(Tab),
        }
        assert_eq!(f.app.view, view);
        // On a promise not yet due, where `d` marks it kept and `D` late (on an overdue one the
        // bar words `d` as kept late and leaves `D` out).
        for _ in 0..20 {
            let overdue = f
                .app
                .selected_promise()
                .and_then(|id| f.app.ledger().promise(id))
                .is_some_and(|p| p.is_overdue(today()));
            if !overdue {
                break;
            }
            f.press(Char('j'));
        }
        // With nothing done yet there is nothing to undo or redo, and the bar leaves them out.
        let hints: Vec<_> = f
            .app
            .keys
            .hints(&f.app.contexts())
            .into_iter()
            .filter(|h| !matches!(h.action, Action::Undo | Action::Redo))
            .collect();
        let cell = |h: &trustladder::tui::keymap::Hint| format!(" {} {} ", h.label(), h.word);
        assert_eq!(hints.last().map(|h| h.word), Some("help"));
        for w in [60, 80, 100] {
            let screen = f.screen(w, 24);
            let bar = screen
                .lines()
                .last()
                .unwrap_or_default()
                .trim_end()
                .to_string();
            assert!(bar.ends_with(" ? help"), "{view:?} at {w}: {bar:?}");
            // The bar is the hints in their order of use, each that fits in the room the ones
            // before it and help leave, a wider one passed over for the narrower after it.
            let (help, rest) = hints.split_last().expect("help");
            let mut room = usize::from(w) - cell(help).width();
            let mut expected = String::new();
            for hint in rest {
                if cell(hint).width() <= room {
                    room -= cell(hint).width();
                    expected.push_str(&cell(hint));
                }
            }
            expected.push_str(&cell(help));
            assert_eq!(bar, expected.trim_end(), "{view:?} at {w}");
            bars.push(format!("{view:?} {w}:{bar}"));
        }
    }
    assert_eq!(
        bars,
        [
            "People 60: Enter open  / filter  n promise  L log kept  ? help",
            "People 80: Enter open  / filter  n promise  L log kept  p add person  e edit  ? help",
            "People 100: Enter open  / filter  n promise  L log kept  p add person  e edit  s sort  Tab view  ? help",
            "Person 60: d kept  Enter resolve  D late  b broken  r release  ? help",
            "Person 80: d kept  Enter resolve  D late  b broken  r release  n promise  e edit  ? help",
            "Person 100: d kept  Enter resolve  D late  b broken  r release  n promise  L log kept  e edit  q quit  ? help",
            "Agenda 60: d kept  Enter open  D late  b broken  r release  ? help",
            "Agenda 80: d kept  Enter open  D late  b broken  r release  / filter  e edit  ? help",
            "Agenda 100: d kept  Enter open  D late  b broken  r release  / filter  e edit  n promise  Esc back  ? help",
        ]
    );
}

#[test]
fn text_too_long_for_its_column_ends_in_an_ellipsis_not_mid_word() {
    let mut f = demo_fixture();
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let screen = f.screen(80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("#147"))
        .expect("the overdue promise #147 is on the first screen");
    assert!(
        row.contains("Amara Okafor "),
        "the name fits at 80: {row:?}"
    );
    assert!(
        row.contains("Own the on-call rotat… "),
        "text cut bare: {row:?}"
    );
    let narrow = f.screen(60, 16);
    assert!(
        narrow.lines().any(|l| l.contains("Kenji Watan… ")),
        "person cut bare at 60:\n{narrow}"
    );

    let mut f = demo_fixture();
    f.select_person("Kenji Watanabe");
    // At the narrowest width that shows the role, it is cut with an ellipsis, not bare.
    let screen = f.screen(110, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("Kenji"))
        .expect("Kenji's row");
    let role_shown = [
        "Infrastructure ",
        "Infrastructu… ",
        "Infrastruct… ",
        "Infrastruc… ",
    ]
    .iter()
    .any(|r| row.contains(r));
    assert!(role_shown, "role cut bare: {row:?}");
}

#[test]
fn the_person_tab_names_the_person_tab_opens() {
    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    f.press(KeyCode::Esc);
    f.select_person("Diego Ruiz");
    let title = f
        .screen(80, 24)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(title.contains("Person: Diego Ruiz"), "{title}");
    f.press(Tab);
    assert_eq!(f.app.person, Some(f.person_id("Diego Ruiz")));
}

#[test]
fn the_agenda_filter_being_typed_shows_at_the_smallest_size() {
    let mut f = demo_fixture();
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    f.press(Char('/'));
    f.typed("王");
    let screen = f.screen(60, 16);
    let title = screen.lines().nth(1).unwrap_or_default();
    assert!(title.contains("filter: 王"), "{title}");
}

/// The `/` filter puts the terminal's own cursor at the insertion point in every view, not a
/// mark after the whole text: after `pri`, Left and `y` the text is `pryi` and the cursor
/// sits after the `y`; Ctrl-a takes it to the start; a kept filter gives it back to the
/// selected row's marker.
#[test]
fn the_filter_s_cursor_is_the_terminal_s_at_the_insertion_point() {
    let mut f = demo_fixture();
    let views = [
        (View::People, vec![]),
        (View::Person, vec![Enter]),
        (View::Agenda, vec![Tab]),
    ];
    for (view, keys) in views {
        for key in keys {
            f.press(key);
        }
        assert_eq!(f.app.view, view);
        f.press(Char('/'));
        f.typed("pri");
        f.press(KeyCode::Left);
        f.typed("y");
        let buffer = f.draw(80, 24);
        let (x, y) = find(&buffer, "filter: pryi ")
            .unwrap_or_else(|| panic!("{view:?}: no filter in the title:\n{}", text_of(&buffer)));
        assert!(
            !text_of(&buffer).contains('▏'),
            "{view:?}: a drawn mark instead of the cursor"
        );
        let text = x + "filter: ".len() as u16;
        assert_eq!(
            f.cursor(80, 24),
            Some((text + 3, y)),
            "{view:?}: after the y"
        );
        f.ctrl('a');
        assert_eq!(f.cursor(80, 24), Some((text, y)), "{view:?}: at the start");
        f.press(Enter);
        // `pryi` matches nothing: the cursor starts the text that says so, under the title.
        let cursor = f.cursor(80, 24);
        assert!(
            cursor.is_some_and(|(_, row)| row == y + 1),
            "{view:?}: a kept filter gives the cursor back to the list, at {cursor:?}"
        );
        f.press(KeyCode::Esc);
    }
}

/// A character shown as its escape (a bidi override) takes the escape's width, and the
/// cursor after it stands after the escape.
#[test]
fn the_filter_s_cursor_follows_what_is_drawn() {
    let mut f = demo_fixture();
    f.press(Char('/'));
    f.typed("a\u{202e}b");
    f.press(KeyCode::Left);
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "filter: a\\u{202e}b ").expect("the escape drawn");
    let after = x + "filter: a\\u{202e}".len() as u16;
    assert_eq!(f.cursor(80, 24), Some((after, y)));
}

/// A filter longer than the title's room scrolls: the insertion point stays in sight at the
/// smallest size, wide characters are never split at the edge, and going to the start shows
/// the start.
#[test]
fn a_long_filter_scrolls_with_the_insertion_point_in_sight() {
    let mut f = demo_fixture();
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    f.press(Char('/'));
    f.typed("the quarterly board deck for 王芳王芳王芳王芳 ends here");
    let screen = f.screen(60, 16);
    insta::assert_snapshot!("agenda_long_filter_60x16", screen);
    let title = screen.lines().nth(1).unwrap_or_default();
    assert_eq!(title.width(), 60, "{title}");
    assert!(
        title.contains("filter: …王芳 ends here … ─┐"),
        "the end is in sight, its start marked as cut: {title}"
    );
    let (x, y) = f.cursor(60, 16).expect("the cursor shows");
    let buffer = f.draw(60, 16);
    let (end, row) = find(&buffer, "ends here").expect("the end of the filter");
    assert_eq!(
        (x, y),
        (end + 9, row),
        "the cursor after the last character"
    );
    assert!(x < 59, "inside the border");

    f.ctrl('a');
    let title = f
        .screen(60, 16)
        .lines()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    assert!(title.contains("filter: the quarterly"), "{title}");
    let buffer = f.draw(60, 16);
    let (start, _) = find(&buffer, "the quarterly").expect("the start of the filter");
    assert_eq!(f.cursor(60, 16), Some((start, y)));
    // In the middle of the wide characters, each is whole at either edge.
    for _ in 0..6 {
        f.ctrl('f');
    }
    f.ctrl('e');
    for _ in 0..12 {
        f.press(KeyCode::Left);
        let screen = f.screen(60, 16);
        let title = screen.lines().nth(1).unwrap_or_default();
        assert_eq!(title.width(), 60, "{title}");
        assert!(f.cursor(60, 16).is_some_and(|(x, _)| x < 59), "{title}");
    }
}

/// The People box's title is cut with `…` under a long filter, as the Agenda's is: it was
/// cut mid-word with none (`· s┐`), or left a separator with nothing after it (`です ·┐`).
#[test]
fn the_people_title_ends_in_an_ellipsis_under_a_long_filter() {
    let z = |n| "z".repeat(n);
    let cases = [
        (z(52), format!("┌ People · 0 · filter: {} … ─┐", z(52))),
        (z(49), format!("┌ People · 0 · filter: {} · so… ┐", z(49))),
        (
            "です".repeat(30),
            format!("┌ People · 0 · filter: …す{} … ──┐", "です".repeat(12)),
        ),
    ];
    for (typed, title) in cases {
        let mut f = demo_fixture();
        f.press(Char('/'));
        f.typed(&typed);
        let screen = f.screen(80, 24);
        assert_eq!(screen.lines().nth(1), Some(title.as_str()));
    }
    // Kept, the filter shows its start, cut with `…`, and nothing after it.
    let mut f = demo_fixture();
    f.press(Char('/'));
    f.typed(&"です".repeat(30));
    f.press(Enter);
    let screen = f.screen(80, 24);
    assert_eq!(
        screen.lines().nth(1),
        Some(format!("┌ People · 0 · filter: {}で… ┐", "です".repeat(13)).as_str())
    );
}

/// On a narrow person page my side of the header stays whole: "failing at ongoing impact"
/// shrinks to "failing" (the advice under it names the rung) rather than cutting "Me: 4/6"
/// to "M"; with room, the rung is named. The last contact shows whole or not at all.
#[test]
fn the_person_header_keeps_my_side_whole_on_a_narrow_screen() {
    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    let trust_line = |screen: String| screen.lines().nth(2).unwrap_or_default().to_string();
    let narrow = f.screen(60, 16);
    let who = narrow.lines().nth(1).unwrap_or_default();
    assert!(
        who.trim_end().ends_with("2 open, 1 overdue"),
        "the last contact goes whole, not cut: {who:?}"
    );
    let narrow = trust_line(narrow);
    assert!(narrow.contains("· failing   Me: 4/6"), "{narrow:?}");
    let wide = trust_line(f.screen(80, 24));
    assert!(
        wide.contains("· failing at ongoing impact   Me: 4/6"),
        "{wide:?}"
    );
}

/// Each view as the terminal narrows: columns go by use, the name last, and a 60x16 person
/// page still lists three promises.
/// At 60 columns What has the room first: a person's page drops the rung, and the agenda the
/// due day and the rung (its group says how near it is), keeping the number the status line
/// names promises by. What had 13 columns on the page and 15 in the agenda; the agenda
/// dropped the number but kept both the group's title and the due day.
#[test]
fn what_has_the_room_first_at_60_columns() {
    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    let screen = f.screen(60, 16);
    let row = |screen: &str, number: &str| {
        screen
            .lines()
            .find(|l| l.contains(number))
            .unwrap_or_else(|| panic!("no {number}:\n{screen}"))
            .to_string()
    };
    let launch = row(&screen, "#62 ");
    assert!(launch.contains(" Launch the self-ser… "), "{screen}");
    assert!(!screen.contains("Rung"), "{screen}");
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let screen = f.screen(60, 16);
    let on_call = row(&screen, "#147");
    assert!(on_call.contains(" Own the on-call ro… "), "{screen}");
    assert!(
        !screen.contains("Due") && !screen.contains("11-14"),
        "{screen}"
    );
}

#[test]
fn every_view_at_60_70_80_and_120_columns() {
    let mut f = demo_fixture();
    let mut shots = vec![("people", f.screen(60, 16))];
    for w in [60, 70, 80, 120] {
        shots.push(("people", f.screen(w, 24)));
    }
    open(&mut f, "Marcus Chen");
    let small = f.screen(60, 16);
    let rows = small.lines().filter(|l| l.contains(" #")).count();
    assert!(rows >= 3, "fewer than three promises at 60x16:\n{small}");
    shots.push(("person", small));
    for w in [60, 70, 80, 120] {
        shots.push(("person", f.screen(w, 24)));
    }
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    shots.push(("agenda", f.screen(60, 16)));
    for w in [60, 70, 80, 120] {
        shots.push(("agenda", f.screen(w, 24)));
    }
    for (view, screen) in shots {
        let w = screen
            .lines()
            .next()
            .map_or(0, unicode_width::UnicodeWidthStr::width);
        let h = screen.lines().count();
        // Who it is about is never cut to nothing.
        assert!(
            screen.contains("Marcus") || screen.contains("Amara"),
            "{view} at {w}x{h} shows no name:\n{screen}"
        );
        insta::assert_snapshot!(format!("narrow_{view}_{w}x{h}"), screen);
    }
}

/// A form open when the window turns too small: `q` (a letter the form may be typing) does
/// not quit and lose it; the screen names Ctrl-c, which does, and that the form goes unsaved,
/// naming the form at every size; back at size, the form is as it was, with the `q` not in it.
#[test]
fn too_small_with_a_form_open_quits_only_on_ctrl_c() {
    let mut f = demo_fixture();
    f.press(Char('n'));
    for c in "typed".chars() {
        f.press(Char(c));
    }
    f.send(trustladder::tui::Message::Resize {
        width: 50,
        height: 12,
    });
    // What Ctrl-c costs is said, and alone the way on is a sentence, as in the longer one.
    let text = |w, h| -> String {
        let screen = f.screen(w, h);
        screen.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert_eq!(
        text(50, 12),
        "Terminal too small (50x12): trustladder needs at least 60x16. Make the window bigger to go on with the form, or press Ctrl-c to quit without saving it."
    );
    // Shorter, the form is named where quitting is: "it" named nothing there.
    assert_eq!(
        text(40, 3),
        "Too small (40x3, needs 60x16). Press Ctrl-c to quit without saving the form."
    );
    assert_eq!(
        text(20, 5),
        "Too small (20x5, needs 60x16). Press Ctrl-c to quit without saving the form."
    );
    f.press(Char('q'));
    assert!(!f.app.quit, "q quit with a form open");
    f.send(trustladder::tui::Message::Resize {
        width: 80,
        height: 24,
    });
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("typed") && !screen.contains("typedq"),
        "{screen}"
    );
    f.send(trustladder::tui::Message::Resize {
        width: 50,
        height: 12,
    });
    f.ctrl('c');
    assert!(f.app.quit);
}

/// With a form open, however narrow the window, the screen that names the key which quits
/// says too that quitting does not save the form: below 20 columns, where "Press Ctrl-c to
/// quit" no longer fits on a line, it had said only "Ctrl-c quits.", as if quitting were safe.
/// The rest is shortened first, the warning wrapped rather than dropped.
#[test]
fn too_small_with_a_form_open_says_the_form_is_not_saved_at_every_width() {
    let mut f = demo_fixture();
    f.press(Char('n'));
    f.typed("typed");
    let text = |w, h| -> String {
        let screen = f.screen(w, h);
        screen.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    for w in 13..60 {
        for h in 2..16 {
            let said = text(w, h);
            assert!(said.contains("Ctrl-c"), "{w}x{h}: {said}");
            assert!(
                [
                    "without saving the form",
                    "without saving it",
                    "form unsaved"
                ]
                .iter()
                .any(|warning| said.contains(warning)),
                "{w}x{h}: {said}"
            );
        }
    }
    assert_eq!(text(18, 4), "Ctrl-c quits without saving the form.");
    assert_eq!(text(18, 2), "Ctrl-c quits, form unsaved.");
    assert_eq!(text(13, 2), "Ctrl-c quits, form unsaved.");
}

/// The "Same name" question over a new person's form holds the form's typing as the form
/// does: when the window turns too small, `q` does not quit and lose it, the screen names
/// Ctrl-c, and back at size the question is still there, `n` going back to the form.
#[test]
fn too_small_with_the_same_name_question_quits_only_on_ctrl_c() {
    let mut f = demo_fixture();
    f.press(Char('p'));
    f.typed("Marcus Chen");
    f.press(Tab);
    f.typed("Tester");
    f.press(Tab);
    f.typed("kept typing");
    f.press(Enter);
    assert!(
        f.screen(80, 24).contains("Same name"),
        "{}",
        f.screen(80, 24)
    );
    f.send(trustladder::tui::Message::Resize {
        width: 50,
        height: 14,
    });
    let small = f.screen(50, 14);
    assert!(small.contains("press Ctrl-c to quit"), "{small}");
    assert!(!small.contains("press q to quit"), "{small}");
    f.press(Char('q'));
    assert!(!f.app.quit, "q quit with the question over a form open");
    f.send(trustladder::tui::Message::Resize {
        width: 80,
        height: 24,
    });
    assert!(
        f.screen(80, 24).contains("Same name"),
        "{}",
        f.screen(80, 24)
    );
    f.press(Char('n'));
    let screen = f.screen(80, 24);
    assert!(screen.contains("kept typing"), "{screen}");
    f.send(trustladder::tui::Message::Resize {
        width: 50,
        height: 14,
    });
    f.ctrl('c');
    assert!(f.app.quit);
}

/// What a form field says is never cut off at 80 columns: a day an outcome cannot have is
/// said before Enter refuses it, and a bad cadence's message is wrapped whole, with its
/// range and `none`.
#[test]
fn form_messages_are_whole_and_say_what_enter_would_refuse() {
    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Enter);
    f.press(Tab);
    f.press(KeyCode::End);
    for _ in 0.."today".len() {
        f.press(KeyCode::Backspace);
    }
    f.typed("tomorrow");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("→ Wed 25 Nov 2026: an outcome cannot be after today"),
        "{screen}"
    );
    // Narrow, the day read from the word stays, which the field above does not show, and
    // the rule whole in fewer words.
    let narrow = f.screen(60, 16);
    assert!(
        narrow.contains("→ Wed 25 Nov: cannot be after today") && !narrow.contains("afte…"),
        "{narrow}"
    );
    // A day before the promise was made, too.
    for _ in 0.."tomorrow".len() {
        f.press(KeyCode::Backspace);
    }
    f.typed("2020-01-01");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("→ Wed 1 Jan 2020: before it was made (20"),
        "{screen}"
    );
    // At 60 columns the day it was made stays whole, and the day read without its year.
    let screen = f.screen(60, 16);
    let Some(trustladder::tui::app::Popup::Form(form)) = &f.app.popup else {
        panic!("the resolve form");
    };
    let trustladder::tui::forms::FormKind::Resolve(target) = form.kind else {
        panic!("the resolve form, not {:?}", form.kind);
    };
    let made = f.app.ledger().promise(target.id).unwrap().made;
    assert!(
        screen.contains(&format!("→ Wed 1 Jan: before it was made ({made})")),
        "{screen}"
    );

    let mut f = demo_fixture();
    f.press(Char('e'));
    let every = loop {
        let Some(trustladder::tui::app::Popup::Form(form)) = &f.app.popup else {
            panic!("a form");
        };
        if form.fields[form.focus].label == "Every" {
            break form.focus;
        }
        f.press(Tab);
    };
    assert!(every > 0);
    f.typed("0d");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("'0d' is no time at all: a cadence is 1d to 3650d, or none"),
        "{screen}"
    );
    // Too long for the field, the message says what to type in few words.
    f.press(KeyCode::Backspace);
    f.press(KeyCode::Backspace);
    f.typed("9999d");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("at most 3650d (ten years), or none"),
        "{screen}"
    );
    assert!(!screen.contains("more than the longest"), "{screen}");
}

/// A long name never pushes the other tabs off the title bar, and the person's header line
/// is cut with `…`, not in the middle of a word without a sign, and not past its counts.
#[test]
fn a_long_name_leaves_the_tabs_whole_and_is_cut_with_an_ellipsis() {
    let mut f = empty_fixture();
    f.press(Char('p'));
    f.typed("Dana Okafor-Smithsonian-Wellington the Third");
    f.press(Tab);
    f.typed("Principal Staff Engineer");
    f.press(Enter);
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
    for width in [60, 80] {
        let screen = f.screen(width, 24);
        let mut lines = screen.lines();
        let tabs = lines.next().unwrap_or_default();
        assert!(tabs.contains(" Agenda "), "{width}: {tabs}");
        assert!(tabs.contains("Person: Dana"), "{width}: {tabs}");
        assert!(tabs.contains('…'), "{width}: {tabs}");
        let header = lines.next().unwrap_or_default();
        // Cut where it is too long, before the counts of what is owed, which stay.
        assert!(header.contains('…'), "{width}: {header}");
        assert!(
            header.trim_end().ends_with("0 open, 0 overdue"),
            "{width}: {header}"
        );
        assert_eq!(header.width(), usize::from(width), "{header}");
    }
}

/// A key entry of the help whose key name is wider in bytes than on screen (`←/→/Space`)
/// wraps under its own text.
#[test]
fn help_entries_wrap_under_their_text_whatever_the_key_name() {
    let mut f = demo_fixture();
    f.press(Char('?'));
    f.press(Char('/'));
    f.typed("change the choice");
    f.press(Enter);
    let screen = f.screen(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("change the choice"))
        .unwrap_or_else(|| panic!("{screen}"));
    let column = |line: &str, word: &str| line[..line.find(word).unwrap()].width();
    // The continuation starts under the text, and the first line is used to its width (the
    // room was counted in bytes too, which wrapped it early).
    let next = lines[at + 1].trim_start_matches(['│', ' ']);
    let word = next.split_whitespace().next().unwrap();
    assert_eq!(
        column(lines[at + 1], word),
        column(lines[at], "change the choice"),
        "{}\n{}",
        lines[at],
        lines[at + 1]
    );
    assert!(lines[at].contains("letters typed"), "{}", lines[at]);
}

/// A page is what the screen shows, less a line kept in sight: PageDown moves the people list
/// by its visible rows at 60x16 and the help by its visible lines at 120x40 (both moved 10,
/// whatever the screen).
#[test]
fn page_down_moves_by_what_the_screen_shows() {
    let mut f = demo_fixture();
    let _ = f.screen(60, 16);
    let rows = f
        .app
        .regions
        .page
        .get()
        .expect("the list recorded its rows");
    assert!(rows > 2 && rows < 11, "{rows}");
    f.press(KeyCode::PageDown);
    assert_eq!(f.app.people.selected, usize::from(rows - 1));

    f.press(Char('?'));
    let _ = f.screen(120, 40);
    let lines = f
        .app
        .regions
        .page
        .get()
        .expect("the help recorded its lines");
    assert!(lines > 20, "{lines}");
    let before = f.screen(120, 40);
    f.press(KeyCode::PageDown);
    let after = f.screen(120, 40);
    // The last line in sight before is the first one after.
    let text = |screen: &str, n: usize| screen.lines().nth(n).unwrap_or_default().to_string();
    let top = (0..40)
        .find(|n| text(&before, *n).contains("Keys ·"))
        .unwrap()
        + 1;
    assert_eq!(
        text(&after, top),
        text(&before, top + usize::from(lines) - 1),
        "{before}\n{after}"
    );
}

/// Titles too long for their box end in `…`, like every other cut text (the promises' and
/// the chart's were cut mid-word at 60 columns).
#[test]
fn titles_too_long_for_their_box_end_in_an_ellipsis() {
    let mut f = demo_fixture();
    open(&mut f, "Amara Okafor");
    f.press(Char('/'));
    f.typed("the");
    f.press(Enter);
    let screen = f.screen(60, 16);
    let title = screen
        .lines()
        .find(|l| l.contains("Promises ·"))
        .unwrap_or_else(|| panic!("{screen}"));
    // Its top border is the ladder's bottom one on a screen this short. What is cut after
    // "mine" is marked apart from it, the separator before it dropped.
    assert!(title.contains("theirs and mine … ┤"), "{title}");
    // The chart's title is a shorter one where the whole does not fit, so its legend is
    // never cut (it was cut to `im…`, the impact line left unnamed).
    f.press(Char('c'));
    let screen = f.screen(60, 16);
    let title = screen
        .lines()
        .find(|l| l.contains("Trust by month · ⠒ tasks • results █ impact ─"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(!title.contains('…'), "{title}");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("Trust over time: their score by month · ⠒ tasks • results █ impact"),
        "{screen}"
    );
}

/// The help never breaks a word at its hyphen (`2026-` / `W49-2`, `Ctrl-` / `o`).
#[test]
fn the_help_never_breaks_a_word_at_a_hyphen() {
    let mut f = demo_fixture();
    f.press(Char('?'));
    let mut seen = Vec::new();
    for _ in 0..200 {
        let screen = f.screen(80, 24);
        for line in screen.lines() {
            let inner = line.trim_matches(|c| c == '│' || c == ' ');
            let mut ending = inner.chars().rev();
            if ending.next() == Some('-') && ending.next().is_some_and(char::is_alphanumeric) {
                seen.push(inner.to_string());
            }
        }
        let before = screen;
        f.press(KeyCode::PageDown);
        if f.screen(80, 24) == before {
            break;
        }
    }
    assert_eq!(seen, Vec::<String>::new());
}

/// With a search kept in the help, the hint bar says what Esc does there (clears it), as the
/// help's title does; with none, Esc, q and ? all close it, and the bar names them in one
/// entry, as the title does, where it named two entries that both closed (`Esc close  q/?
/// close`) under a title naming Esc alone.
#[test]
fn the_help_s_hint_bar_says_esc_clears_a_kept_search() {
    let title_and_bar = |f: &Fixture, width: u16, height: u16| {
        let screen = f.screen(width, height);
        let lines: Vec<String> = screen.lines().map(str::to_string).collect();
        let title = lines.iter().find(|l| l.contains("Keys")).cloned();
        (
            title.unwrap_or_default(),
            lines.last().cloned().unwrap_or_default(),
        )
    };
    let mut f = demo_fixture();
    f.press(Char('?'));
    f.press(Char('/'));
    f.typed("undo");
    f.press(Enter);
    for (width, height) in [(80, 24), (60, 16)] {
        let (title, bar) = title_and_bar(&f, width, height);
        assert!(
            title.contains("Keys · Esc clears the search · q/? closes"),
            "{title}"
        );
        assert_eq!(bar.trim_end(), " / search  Esc clear search  q/? close");
    }
    f.press(KeyCode::Esc);
    for (width, height) in [(80, 24), (60, 16)] {
        let (title, bar) = title_and_bar(&f, width, height);
        assert!(
            title.contains("Keys · Esc/q/? closes · / searches · j/k scroll"),
            "{title}"
        );
        assert_eq!(bar.trim_end(), " / search  Esc/q/? close");
    }
}

/// The hint bar offers only keys that can work: no key adding a promise before anyone is
/// there to make it with, and none changing a file that may not be written.
#[test]
fn the_hint_bar_offers_no_key_that_could_only_refuse() {
    let hints = |f: &tui_support::Fixture| {
        f.screen(100, 24)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    let mut f = tui_support::empty_fixture();
    // With no one in the ledger, nothing to filter, sort or show archived.
    let bar = hints(&f);
    for idle in [" / filter", " s sort", " A archived"] {
        assert!(!bar.contains(idle), "{idle}: {bar}");
    }
    assert!(bar.contains(" p add person"), "{bar}");
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let bar = hints(&f);
    assert!(!bar.contains(" promise"), "{bar}");
    for idle in [" / filter", " A archived"] {
        assert!(!bar.contains(idle), "{idle}: {bar}");
    }
    let mut f = demo_fixture();
    f.press(Tab);
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    assert!(hints(&f).contains(" d kept"), "{}", hints(&f));
    f.app.read_only = Some("the file is read-only".into());
    let bar = hints(&f);
    for change in [" d kept", " n promise", " e edit", " r release"] {
        assert!(!bar.contains(change), "{change}: {bar}");
    }
    assert!(bar.contains(" / filter"), "{bar}");
    // On a person's page Enter resolves: not offered, and refused at once, not after a form.
    f.press(Tab);
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
    let bar = hints(&f);
    assert!(!bar.contains("Enter resolve"), "{bar}");
    // The mark that says so stays whole beside a long name, at 60 columns too.
    let top = f.screen(60, 16);
    assert!(
        top.lines()
            .next()
            .unwrap_or_default()
            .contains(" read-only "),
        "{top}"
    );
    f.press(Enter);
    assert!(f.app.popup.is_none());
    assert_eq!(f.app.status.text, "Not saved: the file is read-only.");
    // Nor does the 1:1 prep offer to record the 1:1, on its border or the bottom line.
    f.press(Char('P'));
    assert!(f.app.popup.is_some());
    let screen = f.screen(100, 30);
    assert!(!screen.contains("record"), "{screen}");
    assert!(screen.contains("write"), "{screen}");
}

/// Numbers of six digits and more show whole on a person's page and in the agenda: a cut
/// `#100001` would read as `#10000`, another promise.
#[test]
fn a_six_digit_number_is_never_cut() {
    use trustladder::core::change::{NewPromise, Target};
    use trustladder::core::{Direction, Ledger, Level, PromiseId};
    let mut l = Ledger::default();
    let id = l.add_person("Olu Alvarez", "", "", today()).unwrap();
    l.next_promise_id = PromiseId(100_001);
    for what in ["Six digits", "Six digits too"] {
        l.add_promise(
            NewPromise {
                person: Target::id(id),
                direction: Direction::Theirs,
                level: Level::Task,
                what: what.into(),
                made: today(),
                due: Some(today()),
                outcome: None,
            },
            today(),
        )
        .unwrap();
    }
    let mut f = fixture(Some(l), false);
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
    for width in [60, 80, 200] {
        let screen = f.screen(width, 24);
        assert!(
            screen.contains("#100001 ") && screen.contains("#100002 "),
            "{width}: {screen}"
        );
    }
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    let screen = f.screen(100, 24);
    assert!(
        screen.contains("#100001") && screen.contains("#100002"),
        "{screen}"
    );
}

/// My word failing with someone shows on their row: the Mine column in the failing colour,
/// where it is otherwise the colour of my side.
#[test]
fn my_failing_word_is_marked_in_the_people_table() {
    use trustladder::core::change::{NewPromise, Target};
    use trustladder::core::{Direction, Ledger, Level, Status};
    let mut l = Ledger::default();
    let mia = l.add_person("Mia Berg", "", "", today()).unwrap();
    let leo = l.add_person("Leo Park", "", "", today()).unwrap();
    for (person, status) in [(mia, Status::Broken), (leo, Status::Kept)] {
        for what in ["One", "Two", "Three"] {
            l.add_promise(
                NewPromise {
                    person: Target::id(person),
                    direction: Direction::Mine,
                    level: Level::Task,
                    what: what.into(),
                    made: today() - chrono::Duration::days(10),
                    due: Some(today() - chrono::Duration::days(5)),
                    outcome: Some((status, today() - chrono::Duration::days(5))),
                },
                today(),
            )
            .unwrap();
        }
    }
    let f = fixture(Some(l), true);
    let buffer = f.draw(80, 24);
    let colour_of = |name: &str, record: &str| {
        let (_, y) = find(&buffer, name).unwrap_or_else(|| panic!("{name}"));
        let x = (0..80u16)
            .find(|&x| {
                (0..record.chars().count() as u16)
                    .map(|i| buffer[(x + i, y)].symbol().to_string())
                    .collect::<String>()
                    == record
            })
            .unwrap_or_else(|| panic!("{record} on {name}'s row"));
        buffer[(x, y)].fg
    };
    assert_eq!(colour_of("Mia Berg", "0/3"), Color::LightRed);
    assert_ne!(colour_of("Leo Park", "3/3"), Color::LightRed);
}

/// My record with someone of three digits each way shows whole in the ladder's Me column, at
/// every width: a cut "220/2" would be another figure.
#[test]
fn a_long_record_of_mine_is_never_cut_to_another_figure() {
    use trustladder::core::change::{NewPromise, Target};
    use trustladder::core::{Direction, Ledger, Level, Status};
    let mut l = Ledger::default();
    let id = l.add_person("Aiko Adeyemi", "", "", today()).unwrap();
    for i in 0..252 {
        let status = if i < 220 {
            Status::Kept
        } else {
            Status::Broken
        };
        let day = today() - chrono::Duration::days(400 - i64::from(i));
        l.add_promise(
            NewPromise {
                person: Target::id(id),
                direction: Direction::Mine,
                level: Level::Task,
                what: format!("Task {i}"),
                made: day,
                due: Some(day),
                outcome: Some((status, day)),
            },
            today(),
        )
        .unwrap();
    }
    let mut f = fixture(Some(l), false);
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
    for width in [60, 80, 140] {
        let screen = f.screen(width, 30);
        let task_row = screen
            .lines()
            .find(|l| l.starts_with("│task "))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(task_row.contains("220/252"), "{width}: {task_row}");
    }
}

/// An emoji written with U+FE0F (✔️) is drawn two columns wide, and the advice on a person's
/// page is wrapped so: every word of it shows inside the box, none lost past its edge. The
/// name's first word has a letter, so the advice calls them by it, emoji and all.
#[test]
fn wrapped_text_counts_emoji_as_drawn() {
    let mut f = empty_fixture();
    f.press(Char('p'));
    f.typed("Q✔️✔️✔️✔️✔️✔️✔️✔️✔️✔️✔️✔️ Checks");
    f.press(Tab);
    f.typed("QA");
    f.press(Enter);
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
    let screen = f.screen(60, 16);
    assert!(screen.contains("and keep"), "{screen}");
    insta::assert_snapshot!("person_emoji_name_60x16", screen);
}

/// On a person's page at 80 columns, "kept late" in the Status column keeps a blank before
/// the right border, as every other column keeps one before the next (it touched it).
#[test]
fn kept_late_keeps_a_blank_before_the_border() {
    let mut f = demo_fixture();
    let ledger = f.saved();
    let late = ledger
        .promises
        .iter()
        .find(|p| p.status == trustladder::core::Status::KeptLate)
        .expect("a promise kept late in the demo");
    let name = ledger.person(late.person).unwrap().name.clone();
    open(&mut f, &name);
    f.app.promises.select(late.id);
    let screen = f.screen(80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains(&format!("#{} ", late.id)) && l.contains("kept late"))
        .unwrap_or_else(|| panic!("the row of #{}:\n{screen}", late.id));
    assert!(row.ends_with("kept late │"), "{row:?}");
}

/// The help's first text row on `screen`: the line under its title, its borders and margins
/// trimmed.
fn help_first_row(screen: &str) -> String {
    let mut lines = screen.lines();
    lines
        .find(|l| l.contains(" Keys · "))
        .expect("the help's title");
    lines
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| c == '│' || c == ' ')
        .to_string()
}

/// A resize keeps the help where it was (it kept a count of wrapped lines, which at another
/// width lands elsewhere): at its bottom, the bottom stays in sight; scrolled to an entry, that
/// entry stays first.
#[test]
fn a_resize_keeps_the_help_where_it_was() {
    let mut f = demo_fixture();
    let resize = |f: &mut Fixture, width: u16, height: u16| {
        f.send(Message::Resize { width, height });
        f.draw(width, height)
    };
    f.press(Char('?'));
    resize(&mut f, 80, 24);
    f.press(Char('G'));
    resize(&mut f, 80, 24);
    let bottom = f.app.help_max.get();
    assert_eq!(f.app.help_first_line(), Some(bottom));
    for (width, height) in [(60, 16), (120, 40), (80, 24)] {
        resize(&mut f, width, height);
        assert_eq!(
            f.app.help_first_line(),
            Some(f.app.help_max.get()),
            "at the bottom at {width}x{height}"
        );
        assert!(f.app.help_max.get() > 0);
    }

    // Scrolled to the start of an entry of keys: the same entry is first at another width.
    f.press(Char('g'));
    resize(&mut f, 80, 24);
    let mut first = String::new();
    for _ in 0..200 {
        f.press(Char('j'));
        let screen = f.screen(80, 24);
        first = help_first_row(&screen);
        if first.starts_with("Tab") {
            break;
        }
    }
    assert!(first.starts_with("Tab"), "{first}");
    let shown = f.app.help_first_line();
    let wide = text_of(&resize(&mut f, 120, 40));
    assert_eq!(
        help_first_row(&wide).split_whitespace().next(),
        Some("Tab"),
        "{wide}"
    );
    assert_ne!(f.app.help_first_line(), shown, "a line count would differ");
    let narrow = text_of(&resize(&mut f, 60, 16));
    assert_eq!(
        help_first_row(&narrow).split_whitespace().next(),
        Some("Tab"),
        "{narrow}"
    );

    // Where it all fits (a search), a key that would move it leaves it at its top, and it
    // stays there at a size where it no longer fits (it went to its end).
    let mut f = demo_fixture();
    f.press(Char('?'));
    f.press(Char('/'));
    f.typed("undo");
    f.press(Enter);
    resize(&mut f, 100, 60);
    assert_eq!(f.app.help_max.get(), 0, "all of it fits");
    f.press(Char('j'));
    resize(&mut f, 80, 16);
    assert!(f.app.help_max.get() > 0);
    assert_eq!(f.app.help_first_line(), Some(0));
}

/// An Arabic name and role with "لا" (lam and alef, which a terminal draws in two columns
/// though a whole-string width counts one) are drawn whole and in line: the top bar keeps
/// the name's last letter, the People table's role is whole where it fits, and a promise's
/// note on the border keeps its last letter too.
#[test]
fn lam_alef_is_drawn_in_two_columns() {
    const NAME: &str = "سلام علاء";
    const ROLE: &str = "مدير العلاقات";
    let mut ledger = trustladder::core::demo::generate(today());
    let priya = ledger
        .people
        .iter_mut()
        .find(|p| p.name == "Priya Raman")
        .expect("Priya is in the demo");
    priya.name = NAME.to_string();
    priya.role = ROLE.to_string();
    let id = priya.id;
    for promise in ledger.promises.iter_mut().filter(|p| p.person == id) {
        promise.note = "ملاحظة END".to_string();
    }
    let mut f = fixture(Some(ledger), true);
    let people = f.screen(140, 40);
    let row = people
        .lines()
        .find(|l| l.contains(NAME))
        .unwrap_or_default();
    assert!(row.contains(&format!("{NAME}  ")), "{row:?}");
    assert!(row.contains(&format!("{ROLE} ")), "{row:?}");
    open(&mut f, NAME);
    snap_at("lam_alef", &f, &SIZES);
    let page = f.screen(80, 24);
    let top = page.lines().next().unwrap_or_default();
    assert!(
        top.contains(&format!(" Person: {NAME}   Agenda ")),
        "{top:?}"
    );
    assert!(
        page.contains("└ Note on #32: ملاحظة END ─"),
        "no whole note under the promises:\n{page}"
    );
}

/// Without colour the People table still says what its colours say: `m` in the Notes while
/// my word to them is failing (the Mine column's red, bold and underline alone), and a `!`
/// after Last past their keep-in-touch cadence (its red alone).
#[test]
fn people_marks_in_text_what_colour_says() {
    let mut ledger = trustladder::core::demo::generate(today());
    for person in ledger.people.iter_mut().filter(|p| p.name == "Lena Novak") {
        person.cadence_days = Some(5);
    }
    let f = fixture(Some(ledger), false);
    let people = &f.app.ledger().people;
    let failing = |name: &str| {
        people
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| f.app.cache.reviews.get(&p.id))
            .is_some_and(|r| r.mine.slipping)
    };
    assert!(failing("Hannah Weiss"), "Hannah's 3/5 is my word failing");
    // A word of nothing but note marks with an `m` among them.
    let marked = |line: &str| {
        line.split_whitespace()
            .any(|w| w.contains('m') && w.chars().all(|c| "qrlotm".contains(c)))
    };
    for (w, h) in [(80, 24), (140, 40)] {
        let screen = f.screen(w, h);
        for person in people {
            let Some(row) = screen.lines().find(|l| l.contains(&person.name)) else {
                continue;
            };
            assert_eq!(failing(&person.name), marked(row), "{w}x{h}: {row:?}");
        }
        let legend = screen.lines().rev().find(|l| l.starts_with('└'));
        assert!(
            legend.is_some_and(|l| l.contains("m mine failing")),
            "{w}x{h}: {legend:?}"
        );
    }
    let wide = f.screen(140, 40);
    let lena = wide.lines().find(|l| l.contains("Lena Novak"));
    assert!(lena.is_some_and(|l| l.contains(" 7d ago! ")), "{lena:?}");
    let kenji = wide.lines().find(|l| l.contains("Kenji Watanabe"));
    assert!(kenji.is_some_and(|l| l.contains(" 5d ago ")), "{kenji:?}");
}

/// The terminal's own cursor, which screen readers and magnifiers follow, stands on the
/// selected row's `▶` in every list (it was hidden, leaving them nowhere), moves with the
/// selection, and stays at the top of a list scrolled down to its selection.
#[test]
fn the_cursor_stands_on_the_selected_row_of_every_list() {
    let mut f = demo_fixture();
    for (view, keys) in [
        (View::People, vec![]),
        (View::Person, vec![Enter]),
        (View::Agenda, vec![Tab]),
    ] {
        for key in keys {
            f.press(key);
        }
        assert_eq!(f.app.view, view);
        for (width, height) in [(80, 24), (60, 16)] {
            f.press(Char('g'));
            let top = find(&f.draw(width, height), "▶").expect("a row selected");
            assert_eq!(
                f.cursor(width, height),
                Some(top),
                "{view:?} {width}x{height}"
            );
            f.press(Char('j'));
            f.press(Char('j'));
            assert_eq!(
                f.cursor(width, height),
                Some((top.0, top.1 + 2)),
                "{view:?} {width}x{height}: two rows down"
            );
            // At the bottom of a list longer than the screen, on its last row shown.
            f.press(Char('G'));
            let buffer = f.draw(width, height);
            let marker = find(&buffer, "▶").expect("a row selected");
            assert_eq!(
                f.cursor(width, height),
                Some(marker),
                "{view:?} {width}x{height}"
            );
            assert_eq!(marker.0, top.0, "{view:?}: in the marker's column");
        }
    }
}

/// With nothing to select, the help and the 1:1 prep put the cursor at the top-left of
/// their text (inside the border, two columns in from the screen's edge, under the top bar);
/// the help's search, while typed, keeps it at its insertion point.
#[test]
fn the_cursor_starts_the_text_of_the_help_and_the_prep() {
    let mut f = demo_fixture();
    f.press(Char('?'));
    assert_eq!(f.cursor(80, 24), Some((3, 2)), "help");
    f.press(Char('j'));
    assert_eq!(f.cursor(80, 24), Some((3, 2)), "help scrolled");
    f.press(Char('/'));
    f.typed("undo");
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "Search: undo").expect("the search line");
    assert_eq!(
        f.cursor(80, 24),
        Some((x + "Search: undo".len() as u16, y)),
        "while the search is typed"
    );
    f.press(KeyCode::Esc);
    f.press(KeyCode::Esc);
    f.press(KeyCode::Esc);
    assert!(f.app.popup.is_none());

    open(&mut f, "Marcus Chen");
    f.press(Char('P'));
    let buffer = f.draw(80, 24);
    assert!(
        text_of(&buffer).contains("1:1 prep"),
        "{}",
        text_of(&buffer)
    );
    assert_eq!(f.cursor(80, 24), Some((3, 2)), "prep");
}

/// A question's cursor is on its first answer's keys (`y/Enter`), and a
/// form's on the choice of a choice field being changed, after its `‹ `: a magnifier
/// following the cursor was left on the list under them, or on nothing.
#[test]
fn the_cursor_stands_on_the_choice_of_a_question_or_a_choice_field() {
    let mut f = demo_fixture();
    f.press(Char('x'));
    for (width, height) in [(80, 24), (60, 16)] {
        let buffer = f.draw(width, height);
        let answer = find(&buffer, "y/Enter  delete").expect("the answers");
        assert_eq!(f.cursor(width, height), Some(answer), "{width}x{height}");
    }
    f.press(Char('n'));
    assert!(f.app.popup.is_none());

    f.press(Char('L'));
    f.tab_to("Outcome");
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "Outcome: ‹ kept ›").expect("the choice");
    let choice = x + "Outcome: ‹ ".chars().count() as u16;
    assert_eq!(f.cursor(80, 24), Some((choice, y)), "on the choice");
    f.press(KeyCode::Right);
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "Outcome: ‹ kept late ›").expect("the choice changed");
    assert_eq!(
        f.cursor(80, 24),
        Some((choice, y)),
        "{x}: on the new choice"
    );
}

/// At 60x16 a person's page shows three promises whatever the status line says: a message
/// or an error too long for one line takes one there, cut with `…`, where its second line
/// took the third promise's row. On a taller screen it takes two as before.
#[test]
fn a_long_status_leaves_three_promises_on_a_person_s_page_at_60x16() {
    let mut f = demo_fixture();
    f.send(Message::Resize {
        width: 60,
        height: 16,
    });
    open(&mut f, "Marcus Chen");
    assert!(f.app.promises.items.len() >= 5);
    // Recording the 1:1 from the prep says so, and how to undo it, in more than a line of
    // 60; said here on the page (closing the prep takes it with it).
    let said = "Recorded the 1:1 prep with Marcus Chen. u undoes once Esc closes the prep";
    f.app.say(said);
    let screen = f.screen(60, 16);
    assert_eq!(promise_rows(&screen), 3, "{screen}");
    let status = screen.lines().nth(14).unwrap_or_default();
    assert!(
        status.starts_with(" Recorded the 1:1 prep")
            && status.contains("… u undoes once Esc closes the prep"),
        "cut before what to press next, which stays whole: {screen}"
    );
    snap_at("person_long_status", &f, &[(60, 16)]);

    f.app.complain(
        "Could not save: the disk is full. Nothing was changed; free some space, then press the key again",
    );
    let screen = f.screen(60, 16);
    assert_eq!(promise_rows(&screen), 3, "{screen}");
    let status = screen.lines().nth(14).unwrap_or_default();
    assert!(status.starts_with(" Could not save"), "{screen}");

    // With room for a promise more, the message takes its two lines.
    f.send(Message::Resize {
        width: 60,
        height: 24,
    });
    f.app.say(said);
    let screen = f.screen(60, 24);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[21].starts_with(" Recorded the 1:1 prep"), "{screen}");
    assert!(lines[22].contains("closes the prep"), "{screen}");
    assert!(promise_rows(&screen) >= 3, "{screen}");
}

/// What `Ctrl-s` says once it kept a copy: longer than a status line of 80 columns holds.
fn kept_copy() -> Message {
    Message::KeptCopy {
        path: Ok(std::path::PathBuf::from(
            "/home/ana/team/ledger-as-shown-2.json",
        )),
        plain_of_encrypted: false,
    }
}

/// [`kept_copy`]'s words, as the status line is given them.
const KEPT_COPY: &str = "Wrote the ledger shown to /home/ana/team/ledger-as-shown-2.json; the data file is left as it is. Check the copy (`trustladder --file /home/ana/team/ledger-as-shown-2.json check`), then put it in place of the data file.";

/// A refusal too long for the status line of a person's page at 60x16.
const REFUSED: &str = "Not saved: #2 was changed elsewhere since the delete was asked; nothing was deleted: look at it again, and delete it again if that is still meant.";

/// The text inside the popup's borders, its lines joined by spaces: a message wrapped whole
/// reads whole in it.
fn popup_text(screen: &str) -> String {
    screen
        .lines()
        .filter(|line| line.matches('│').count() >= 2)
        .filter_map(|line| line.split('│').max_by_key(|part| part.len()))
        .map(str::trim)
        .filter(|inner| !inner.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// While the status line cuts what it says, the hint bar offers the key that shows it whole
/// first; with a message that fits, it does not.
#[test]
fn the_hint_bar_offers_the_full_message_while_the_status_line_cuts_it() {
    let mut f = demo_fixture();
    f.send(kept_copy());
    for (w, h) in [(80, 24), (60, 16)] {
        let screen = f.screen(w, h);
        assert!(screen.contains('…'), "cut at {w}x{h}: {screen}");
        assert!(!screen.contains("then put it in place"), "{screen}");
        let bar = screen.lines().last().unwrap_or_default();
        assert!(bar.starts_with(" m full message "), "{w}x{h}: {bar:?}");
    }
    snap_at("messages_hint", &f, &[(80, 24), (60, 16)]);
    // Wide enough for it all, nothing is cut, and the bar is as it always was.
    let screen = f.screen(200, 40);
    assert!(screen.contains("place of the data file."), "{screen}");
    assert!(
        !f.hint_bar(200).contains("full message"),
        "{}",
        f.hint_bar(200)
    );
    f.press(Char('s'));
    assert!(
        !f.hint_bar(60).contains("full message"),
        "{}",
        f.hint_bar(60)
    );
}

/// `m` shows the status line's messages newest first, each wrapped whole to the popup, what
/// the status line cut too; an error in the status line's colour, a message said again once
/// with how many times; at 80x24 and at the smallest screen.
#[test]
fn the_messages_show_what_the_status_line_cut_in_full() {
    let mut f = demo_fixture();
    f.app.complain(REFUSED);
    f.press(Char('u'));
    f.press(Char('u'));
    f.send(kept_copy());
    f.press(Char('m'));
    for (w, h) in [(80, 24), (60, 16)] {
        let screen = f.screen(w, h);
        let text = popup_text(&screen);
        assert!(text.contains(KEPT_COPY), "{w}x{h}: {screen}");
        assert!(text.contains("Nothing to undo. (×2)"), "{w}x{h}: {screen}");
    }
    snap_at("messages", &f, &[(80, 24), (60, 16)]);
    // The refusal, further down, is whole too, in the colour the status line gives errors.
    f.press(Char('G'));
    let screen = f.screen(60, 16);
    assert!(popup_text(&screen).contains(REFUSED), "{screen}");
    let buffer = f.draw(60, 16);
    let (x, y) = find(&buffer, "Not saved: #2").expect("the refusal shows");
    assert_eq!(buffer[(x, y)].fg, Color::LightRed);
    let (x, y) = find(&buffer, "Nothing to undo.").expect("the repeat shows");
    assert_eq!(buffer[(x, y)].fg, Color::Reset);
    f.press(KeyCode::Esc);
    assert_eq!(f.app.popup, None);
}

/// An error the status line gives four rows (a paste that names no one, listing everyone a
/// form's Person can be) is not covered by the form open over the view: the form closes up
/// between the top bar and the message, which shows from its first word, where at 60x16 the
/// form hid its first two lines and the message began in the middle of a name.
#[test]
fn a_form_keeps_off_a_long_error_on_the_status_line() {
    let mut f = demo_fixture();
    f.press(Char('n'));
    f.press(Tab);
    f.send(Message::Paste("nobody".to_string()));
    assert!(f.app.status.error, "{}", f.app.status.text);
    for (w, h) in [(60, 16), (80, 24)] {
        let screen = f.screen(w, h);
        let lines: Vec<&str> = screen.lines().collect();
        let status = lines
            .iter()
            .position(|line| line.starts_with(" Not pasted: 'nobody' is not one of the choices"))
            .unwrap_or_else(|| panic!("the message's start is hidden at {w}x{h}:\n{screen}"));
        // The form's bottom border is above the message, and nothing of the form below it.
        let bottom = lines
            .iter()
            .rposition(|line| line.contains("└ Enter  save"))
            .unwrap_or_else(|| panic!("no form at {w}x{h}:\n{screen}"));
        assert!(
            bottom < status,
            "the form covers the message at {w}x{h}:\n{screen}"
        );
        for line in &lines[status..] {
            assert!(
                !line.contains('│'),
                "the form runs into the status line at {w}x{h}:\n{screen}"
            );
        }
        // The message is there whole: its last words on the row above the hint bar.
        assert!(
            lines[lines.len() - 2].trim_end().ends_with(").")
                || lines[lines.len() - 2].trim_end().ends_with('…'),
            "{w}x{h}:\n{screen}"
        );
    }
}
