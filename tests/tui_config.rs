//! The UI with a config file: rebound keys act and show in the help and the hint bar, the
//! mouse picks tabs and rows and scrolls, Ctrl-o sends a field to the editor and takes its
//! text back, NO_COLOR keeps the selection, held rungs and the chart's lines apart, and each
//! theme's colours at 80x24.

mod tui_support;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::style::{Color, Modifier, Style};
use trustladder::config::{Loaded, parse};
use trustladder::tui::app::{Popup, View};
use trustladder::tui::forms::{Key, Value};
use trustladder::tui::message::{Effect, NotEdited};
use trustladder::tui::{Message, Setup};
use tui_support::{Fixture, demo_fixture, find, text_of};

use KeyCode::{Char, Enter, Tab};

/// The demo team with `text` as the config file.
fn configured(text: &str, no_color: bool) -> Fixture {
    let (config, diagnostics) = parse(text);
    let loaded = Loaded {
        path: "config.toml".into(),
        found: true,
        config,
        diagnostics,
    };
    let setup = Setup::of(&loaded, no_color);
    assert_eq!(setup.diagnostics, vec![], "{text}");
    let mut f = demo_fixture();
    f.app.configure(setup.keys, setup.defaults);
    f.app.theme = setup.theme;
    f.app.mouse = setup.mouse;
    f
}

fn open(f: &mut Fixture, name: &str) {
    f.select_person(name);
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
}

const THREE_KEYS: &str = r#"[keys]
undo = "U"
help = ["f1", "?"]

[keys.people]
open = ["o", "enter"]
"#;

#[test]
fn three_rebound_actions_act_and_show_in_the_help_and_the_hint_bar() {
    let mut f = configured(THREE_KEYS, false);
    let bar = |f: &Fixture| f.hint_bar(140);
    let hints = bar(&f);
    for hint in [" o/Enter open ", " F1/? help "] {
        assert!(hints.contains(hint), "{hint:?} not in {hints:?}");
    }

    // o opens the selected person; in the person view o still reopens.
    f.press(Char('o'));
    assert_eq!(f.app.view, View::Person);
    let hints = bar(&f);
    assert!(hints.contains(" Enter resolve "), "{hints}");

    // U undoes, u does nothing; the bar offers U once there is something to undo.
    f.press(Char('d'));
    let undo_depth = f.app.history.depth().0;
    assert_eq!(undo_depth, 1, "{}", f.app.status.text);
    let hints = bar(&f);
    assert!(hints.contains(" U undo "), "{hints}");
    assert!(!hints.contains(" u undo "), "{hints}");
    f.press(Char('u'));
    assert_eq!(f.app.history.depth().0, 1, "u no longer undoes");
    f.send(Message::Key(KeyEvent::new(Char('U'), KeyModifiers::SHIFT)));
    assert_eq!(f.app.history.depth(), (0, 1), "{}", f.app.status.text);

    // F1 opens the help, which lists the keys in force.
    f.press(KeyCode::F(1));
    assert!(matches!(f.app.popup, Some(Popup::Help(_))));
    let mut seen = String::new();
    for _ in 0..12 {
        seen.push_str(&f.screen(140, 40));
        f.press(KeyCode::PageDown);
    }
    for line in [
        "   o/Enter    open the selected person",
        "   U          undo the last change",
        "   F1/?       this help",
        "   Enter      resolve the selected open promise",
    ] {
        assert!(seen.contains(line), "the help lacks {line:?}");
    }
    assert!(!seen.contains("   u          undo"), "the old key is gone");
}

/// A help line that named its default key (`d d d` beside mark_kept) went on naming it after
/// the key was rebound: the help says what the key does in words that hold for any key.
#[test]
fn a_rebound_key_s_help_names_the_key_in_force_and_no_other() {
    let mut f = configured("[keys]\nmark_kept = \"K\"\n", false);
    f.press(Char('?'));
    let mut seen = String::new();
    for _ in 0..12 {
        seen.push_str(&f.screen(140, 40));
        f.press(KeyCode::PageDown);
    }
    assert!(
        seen.contains("   K          mark the selected promise kept"),
        "{seen}"
    );
    assert!(seen.contains("repeating it works down a list"), "{seen}");
    assert!(!seen.contains("d d d"), "the default key is named: {seen}");
}

/// The ladder's title names the help key in force (it always said `?`).
#[test]
fn the_ladder_title_names_the_help_key_in_force() {
    let mut f = configured("[keys]\nhelp = [\"f1\", \"h\"]\n", false);
    open(&mut f, "Marcus Chen");
    let screen = f.screen(120, 40);
    assert!(screen.contains("F1 explains every figure"), "{screen}");
    assert!(!screen.contains("? explains"), "{screen}");
}

#[test]
fn messages_that_name_a_key_name_the_key_in_force() {
    let mut f = configured("[keys]\nundo = \"U\"\nredo = \"ctrl-y\"\n", false);
    open(&mut f, "Marcus Chen");
    f.press(Char('d'));
    assert!(
        f.app.status.text.ends_with(". U undoes"),
        "{}",
        f.app.status.text
    );
    f.send(Message::Key(KeyEvent::new(Char('U'), KeyModifiers::SHIFT)));
    assert!(
        f.app.status.text.contains("Ctrl-y redoes"),
        "{}",
        f.app.status.text
    );
}

/// Archiving someone with open promises says how to see them in the agenda again, with the
/// agenda's key in force, and redoing it after an undo says that sentence the same way (the
/// undo, which puts them back, does not).
#[test]
fn archiving_names_the_agenda_s_key_in_force_for_archived_promises() {
    let mut f = configured("[keys.agenda]\nshow_archived = \"H\"\n", false);
    f.select_person("Amara Okafor");
    f.press(Char('a'));
    assert_eq!(
        f.app.status.text,
        "Archived Amara Okafor; 2 open promises left the agenda (H there shows them). u undoes"
    );
    f.press(Char('u'));
    assert_eq!(
        f.app.status.text,
        "Undid: Archived Amara Okafor. Ctrl-r redoes"
    );
    f.ctrl('r');
    assert!(
        f.app.status.text.contains("(H there shows them)"),
        "{}",
        f.app.status.text
    );
}

fn click(f: &mut Fixture, column: u16, row: u16) {
    f.send(Message::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

fn wheel(f: &mut Fixture, down: bool) {
    f.send(Message::Mouse(MouseEvent {
        kind: if down {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        },
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
}

#[test]
fn a_click_picks_a_row_or_a_tab_and_the_wheel_moves() {
    let mut f = configured("mouse = true\n", false);
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "Marcus Chen").expect("Marcus is listed");
    click(&mut f, x, y);
    assert_eq!(f.app.people.current(), Some(f.person_id("Marcus Chen")));
    let at = f.app.people.selected;
    assert!(
        at + 1 < f.app.people.items.len(),
        "Marcus is not the last row"
    );
    wheel(&mut f, true);
    assert_eq!(f.app.people.selected, at + 1);
    wheel(&mut f, false);
    assert_eq!(f.app.people.current(), Some(f.person_id("Marcus Chen")));

    // The Agenda tab, then a row of it.
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, " Agenda ").expect("the agenda tab");
    click(&mut f, x + 2, y);
    assert_eq!(f.app.view, View::Agenda);
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, "Sat 11-14").expect("an overdue row");
    click(&mut f, x, y);
    let picked = f.app.agenda.current().map(|(_, id)| id);
    assert_eq!(
        picked
            .and_then(|id| f.app.ledger().promise(id))
            .map(|p| p.due),
        Some(trustladder::core::dates::parse_iso("2026-11-14"))
    );
    // Open that promise's person, go back to the agenda by its tab, and to the person by
    // theirs.
    f.press(Enter);
    assert_eq!(f.app.view, View::Person);
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, " Agenda ").expect("the agenda tab");
    click(&mut f, x + 2, y);
    assert_eq!(f.app.view, View::Agenda);
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, " Person: ").expect("the person tab");
    click(&mut f, x + 3, y);
    assert_eq!(f.app.view, View::Person);

    // Below the rows, on a border, or with a form open, a click does nothing.
    let before = (f.app.view, f.app.promises.selected);
    click(&mut f, 0, 23);
    assert_eq!((f.app.view, f.app.promises.selected), before);
    f.press(Char('e'));
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, " Agenda ").expect("the agenda tab");
    click(&mut f, x + 2, y);
    assert_eq!(f.app.view, View::Person);
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
}

#[test]
fn with_the_mouse_off_clicks_and_the_wheel_are_ignored() {
    // The default: a terminal another program left reporting the mouse still sends them.
    let mut f = configured("", false);
    let buffer = f.draw(80, 24);
    let before = f.app.people.selected;
    let (x, y) = find(&buffer, "Marcus Chen").expect("Marcus is listed");
    click(&mut f, x, y);
    assert_eq!(f.app.people.selected, before);
    wheel(&mut f, true);
    assert_eq!(f.app.people.selected, before);
    let (x, y) = find(&buffer, " Agenda ").expect("the agenda tab");
    click(&mut f, x + 2, y);
    assert_eq!(f.app.view, View::People);
    f.press(Char('?'));
    f.draw(80, 24);
    wheel(&mut f, true);
    assert_eq!(f.app.help_first_line(), Some(0));
}

#[test]
fn the_wheel_scrolls_the_help() {
    let mut f = configured("mouse = true\n", false);
    f.press(Char('?'));
    f.draw(80, 24);
    wheel(&mut f, true);
    wheel(&mut f, true);
    assert_eq!(f.app.help_first_line(), Some(2));
    wheel(&mut f, false);
    assert_eq!(f.app.help_first_line(), Some(1));
}

/// The wheel scrolls the messages as `j` and `k` do, as it scrolls the help and the prep.
#[test]
fn the_wheel_scrolls_the_messages() {
    let mut f = configured("mouse = true\n", false);
    for _ in 0..12 {
        f.press(Char('s'));
    }
    f.press(Char('m'));
    let top = f.screen(60, 16);
    wheel(&mut f, true);
    let scrolled = f.screen(60, 16);
    assert_ne!(scrolled, top);
    f.press(Char('k'));
    assert_eq!(f.screen(60, 16), top);
    f.press(Char('j'));
    assert_eq!(f.screen(60, 16), scrolled);
    wheel(&mut f, false);
    assert_eq!(f.screen(60, 16), top);
    assert!(matches!(f.app.popup, Some(Popup::Messages(_))));
}

/// The form's focused text field, as typed.
fn focused_text(f: &Fixture) -> Option<(Key, String)> {
    match &f.app.popup {
        Some(Popup::Form(form)) => {
            form.fields
                .get(form.focus)
                .and_then(|field| match &field.value {
                    Value::Text(editor) => Some((field.key, editor.text().to_string())),
                    Value::Choice { .. } => None,
                })
        }
        _ => None,
    }
}

#[test]
fn ctrl_o_sends_the_field_to_the_editor_and_takes_its_text_back() {
    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Enter);
    // The resolve form: outcome, day, note. To the note.
    f.press(Tab);
    f.press(Tab);
    f.typed("shipped");
    let (key, text) = focused_text(&f).expect("the note has the cursor");
    assert_eq!(key, Key::Note);
    let effects = f.send_only(Message::Key(KeyEvent::new(
        Char('o'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(
        effects,
        vec![Effect::Edit {
            field: Key::Note,
            text: text.clone()
        }]
    );
    // The editor's text comes back on one line, without the final line break.
    f.send(Message::Edited {
        field: Key::Note,
        text: Ok(format!("{text}\nafter two reviews\n")),
    });
    assert_eq!(
        focused_text(&f),
        Some((Key::Note, format!("{text} after two reviews")))
    );
    assert_eq!(f.app.status.text, "The text is back from the editor.");
    // An editor that failed leaves the field as it was, and says why.
    f.send(Message::Edited {
        field: Key::Note,
        text: Err(NotEdited::Other("vi ended with exit status: 1".into())),
    });
    assert_eq!(
        focused_text(&f),
        Some((Key::Note, format!("{text} after two reviews")))
    );
    assert!(f.app.status.error);
    assert_eq!(
        f.app.status.text,
        "The editor: vi ended with exit status: 1; the field is as it was."
    );
    // Saved as any typed note.
    f.press(Enter);
    let saved = f.saved();
    assert!(
        saved
            .promises
            .iter()
            .any(|p| p.note == format!("{text} after two reviews")),
        "{}",
        f.app.status.text
    );
}

#[test]
fn ctrl_o_on_a_choice_asks_for_a_text_field() {
    let mut f = demo_fixture();
    open(&mut f, "Marcus Chen");
    f.press(Enter);
    assert_eq!(
        focused_text(&f),
        None,
        "the outcome, a choice, has the cursor"
    );
    let effects = f.send_only(Message::Key(KeyEvent::new(
        Char('o'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(effects, vec![]);
    assert_eq!(f.app.status.text, "Only a text field opens in the editor.");
    // A text coming back after the form closed changes nothing.
    f.press(KeyCode::Esc);
    f.send(Message::Edited {
        field: Key::Note,
        text: Ok("late".into()),
    });
    assert_eq!(f.app.popup, None);
}

/// The cell where `needle` starts in row `y`.
fn in_row(buffer: &Buffer, y: u16, needle: &str) -> ratatui::buffer::Cell {
    let mut line = String::new();
    let mut starts = Vec::new();
    for x in 0..buffer.area.width {
        starts.push((line.len(), x));
        line.push_str(buffer[(x, y)].symbol());
    }
    let byte = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in row {y}: {line}"));
    let x = starts
        .iter()
        .rev()
        .find(|(b, _)| *b <= byte)
        .map_or(0, |(_, x)| *x);
    buffer[(x, y)].clone()
}

/// The cell at the start of `needle`.
fn cell_after<'a>(buffer: &'a Buffer, needle: &str) -> &'a ratatui::buffer::Cell {
    let (x, y) = find(buffer, needle).unwrap_or_else(|| panic!("{needle} not on screen"));
    &buffer[(x, y)]
}

#[test]
fn the_selection_s_text_has_a_colour_whatever_the_terminal_s() {
    // The terminal's own text colour on the bar was black on dark grey on a light terminal.
    for theme in ["dark", "light"] {
        let f = configured(&format!("theme = \"{theme}\"\n"), false);
        let buffer = f.draw(80, 24);
        let selection = f.app.theme.selection();
        let on_bar: Vec<_> = buffer
            .content
            .iter()
            .filter(|cell| Some(cell.bg) == selection.bg)
            .collect();
        assert!(on_bar.len() >= 80, "{theme}: the selected row and tab");
        for cell in &on_bar {
            assert_ne!(cell.fg, Color::Reset, "{theme}: {cell:?}");
        }
        let (x, y) = find(&buffer, "Amara Okafor").expect("the first row");
        assert_eq!(Some(buffer[(x, y)].bg), selection.bg, "{theme}: selected");
        assert_eq!(Some(buffer[(x, y)].fg), selection.fg, "{theme}: the name");
        let badge = cell_after(&buffer, "▮");
        assert_eq!(
            Some(badge.bg),
            selection.bg,
            "{theme}: the badge is on the bar"
        );
        assert_ne!(
            Some(badge.fg),
            selection.fg,
            "{theme}: and keeps its colour"
        );
    }
}

/// The bar's text colour is the selected row's alone: another element given the bar's
/// background keeps the text colour it was given (none, here: the terminal's).
#[test]
fn the_selection_s_text_colour_stays_on_the_selection() {
    let f = configured(
        "theme = \"terminal\"\n[colors]\nselection = { fg = \"white\", bg = \"blue\" }\nkey = \"blue\"\n",
        false,
    );
    let buffer = f.draw(80, 24);
    let hints = buffer.area.height - 1;
    let keys: Vec<_> = (0..buffer.area.width)
        .map(|x| &buffer[(x, hints)])
        .filter(|cell| cell.bg == Color::Blue)
        .collect();
    assert!(!keys.is_empty(), "the hint bar's keys are on blue");
    for cell in keys {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
    }
    let (x, y) = find(&buffer, "Amara Okafor").expect("the first row");
    assert_eq!(buffer[(x, y)].bg, Color::Blue, "selected");
    assert_eq!(buffer[(x, y)].fg, Color::White, "the selection's text");
}

/// What colour says is said another way too, in every theme: a failing `Mine` is bold and
/// underlined (it differed from a normal one only by its colour), and the chart's three lines
/// have their own marks, which its title names.
#[test]
fn every_theme_says_without_colour_what_colour_says() {
    for theme in ["dark", "light", "terminal", "mono"] {
        let mut f = configured(&format!("theme = \"{theme}\"\n"), false);
        let buffer = f.draw(80, 24);
        let (_, y) = find(&buffer, "Hannah Weiss").expect("Hannah is listed");
        let failing = in_row(&buffer, y, "3/5");
        assert!(
            failing
                .modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED),
            "{theme}: {failing:?}"
        );
        open(&mut f, "Marcus Chen");
        f.press(Char('c'));
        let screen = text_of(&f.draw(80, 24));
        assert!(
            screen.contains("Trust over time: their score by month · ⠒ tasks • results █ impact"),
            "{theme}: {screen}"
        );
        assert!(
            screen.contains('█') && screen.contains('•'),
            "{theme}: {screen}"
        );
    }
}

#[test]
fn no_color_tells_held_rungs_and_the_chart_s_lines_apart() {
    let mut f = configured("theme = \"light\"\n[colors]\nheading = \"blue\"\n", true);
    assert_eq!(
        f.app.theme,
        trustladder::tui::theme::Theme::mono(),
        "NO_COLOR beats the file"
    );
    open(&mut f, "Marcus Chen");
    let buffer = f.draw(140, 40);
    for cell in &buffer.content {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    // Held rungs are bold, a rung not held is dim.
    let (_, result_row) = find(&buffer, "result 14 of 16").expect("the results rung");
    let (_, impact_row) = find(&buffer, "impact nothing").expect("the impact rung");
    let held = in_row(&buffer, result_row, "held (evidence");
    assert!(held.modifier.contains(Modifier::BOLD), "{held:?}");
    let not_held = in_row(&buffer, impact_row, "not held: no evidence");
    assert!(not_held.modifier.contains(Modifier::DIM), "{not_held:?}");
    assert!(!not_held.modifier.contains(Modifier::BOLD));
    let (bar_x, _) = find(&buffer, "███████").expect("a score bar");
    assert!(
        buffer[(bar_x, result_row)]
            .modifier
            .contains(Modifier::BOLD)
    );
    assert!(buffer[(bar_x, impact_row)].modifier.contains(Modifier::DIM));
    // The selected promise is in reverse video.
    let selected = cell_after(&buffer, "▶ #62");
    assert!(selected.modifier.contains(Modifier::REVERSED));

    // Someone with all three rungs: three lines, three kinds of mark.
    let mut f = configured("", true);
    open(&mut f, "Amara Okafor");
    let buffer = f.draw(140, 40);
    let (_, title) = find(&buffer, "Trust over time").expect("the chart");
    let plot: String = (title + 1..buffer.area.height)
        .flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)))
        .map(|(x, y)| buffer[(x, y)].symbol().to_string())
        .collect();
    let braille = plot.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c));
    assert!(braille, "tasks drawn in braille:\n{}", text_of(&buffer));
    assert!(
        plot.contains('•'),
        "results drawn in dots:\n{}",
        text_of(&buffer)
    );
    assert!(
        plot.contains('█'),
        "impact drawn in blocks:\n{}",
        text_of(&buffer)
    );
    let legend = text_of(&buffer);
    assert!(legend.contains("⠒ tasks • results █ impact"), "{legend}");
}

/// The colours of a screen: each distinct style and the first few pieces of text drawn in
/// it, so a snapshot shows what each element looks like.
fn palette(buffer: &Buffer) -> String {
    let mut styles: Vec<(Style, Vec<String>)> = Vec::new();
    for y in 0..buffer.area.height {
        let mut run = String::new();
        let mut style = None;
        let mut flush = |style: Option<Style>, run: &mut String| {
            let text = run.trim().to_string();
            run.clear();
            let Some(style) = style else { return };
            if text.is_empty() {
                return;
            }
            match styles.iter_mut().find(|(s, _)| *s == style) {
                Some((_, texts)) if texts.len() < 3 && !texts.contains(&text) => texts.push(text),
                Some(_) => {}
                None => styles.push((style, vec![text])),
            }
        };
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let here = Style::new()
                .fg(cell.fg)
                .bg(cell.bg)
                .add_modifier(cell.modifier);
            if style != Some(here) {
                flush(style, &mut run);
                style = Some(here);
            }
            run.push_str(cell.symbol());
        }
        flush(style, &mut run);
    }
    styles
        .iter()
        .map(|(s, texts)| {
            let texts: Vec<String> = texts.iter().map(|t| t.chars().take(24).collect()).collect();
            format!(
                "fg {:?} bg {:?} {:?}: {}",
                s.fg.unwrap_or(Color::Reset),
                s.bg.unwrap_or(Color::Reset),
                s.add_modifier,
                texts.join(" | ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn each_theme_s_colours_at_80x24() {
    for theme in ["dark", "light", "terminal", "mono"] {
        let mut f = configured(&format!("theme = \"{theme}\"\n"), false);
        let mut shots = vec![format!("people:\n{}", palette(&f.draw(80, 24)))];
        open(&mut f, "Marcus Chen");
        // The ladder's colours, which the chart takes the place of at this size.
        shots.push(format!("person:\n{}", palette(&f.draw(80, 24))));
        f.press(Char('c'));
        shots.push(format!(
            "person with the chart:\n{}",
            palette(&f.draw(80, 24))
        ));
        f.press(Tab);
        shots.push(format!("agenda:\n{}", palette(&f.draw(80, 24))));
        f.press(Char('e'));
        shots.push(format!("a form:\n{}", palette(&f.draw(80, 24))));
        insta::assert_snapshot!(format!("theme_{theme}_80x24"), shots.join("\n\n"));
    }
}

/// Quit given another key in one view only: below the minimum size, the screen names that
/// key, and it quits there (the views' shared binding was split, and none was found).
#[test]
fn a_quit_key_set_for_one_view_quits_on_a_screen_too_small() {
    let mut f = configured("[keys.people]\nquit = \"Q\"\n", false);
    f.send(Message::Resize {
        width: 40,
        height: 10,
    });
    assert!(
        f.screen(40, 10).contains("press Q to quit"),
        "{}",
        f.screen(40, 10)
    );
    f.press(Char('q'));
    assert!(!f.app.quit, "q is not the people view's quit key any more");
    f.send(Message::Key(KeyEvent::new(Char('Q'), KeyModifiers::SHIFT)));
    assert!(f.app.quit);
}

/// Undo unbound in the person view: a change made there does not name the people view's
/// undo key, which would do nothing here.
#[test]
fn the_status_line_names_no_undo_key_the_view_lacks() {
    let mut f = configured("[keys.person]\nundo = []\n", false);
    open(&mut f, "Priya Raman");
    f.press(Char('d'));
    let status = f.app.status.text.clone();
    assert!(status.contains("kept"), "{status}");
    assert!(!status.contains("undoes"), "{status}");
    // The agenda keeps its undo key, and names it.
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    f.press(Char('d'));
    assert!(
        f.app.status.text.ends_with(". u undoes"),
        "{}",
        f.app.status.text
    );
}

/// Reopen and undo unbound: the status line and the delete question name no key for them
/// ("reopen reopens it", "(undo undoes it too)").
#[test]
fn messages_name_no_key_for_an_action_nothing_binds() {
    let mut f = configured(
        "[keys]
reopen = []
undo = []
",
        false,
    );
    open(&mut f, "Priya Raman");
    // The last promise listed is an old one kept.
    f.press(Char('G'));
    f.press(Char('d'));
    let status = f.app.status.text.clone();
    assert!(status.ends_with("is already kept."), "{status}");
    f.press(Char('x'));
    let screen = f.screen(80, 24);
    assert!(screen.contains("n/Esc  keep"), "{screen}");
    assert!(!screen.contains("undoes it too"), "{screen}");
    let mut f = configured("", false);
    open(&mut f, "Priya Raman");
    f.press(Char('G'));
    f.press(Char('d'));
    assert!(
        f.app
            .status
            .text
            .ends_with("is already kept: o reopens it."),
        "{}",
        f.app.status.text
    );
}

/// The keys a popup's border lists and the filter's messages leave out an action the config
/// left without a key, rather than name it as if it were one ("next_field  next field",
/// "back clears it").
#[test]
fn popups_and_the_filter_name_no_key_for_an_action_nothing_binds() {
    let mut f = configured(
        "[keys]
next_field = []
write_prep = []
back = []
",
        false,
    );
    open(&mut f, "Priya Raman");
    f.press(Char('n'));
    let screen = f.screen(80, 24);
    assert!(screen.contains("Enter  save"), "{screen}");
    assert!(!screen.contains("next_field"), "{screen}");
    f.press(KeyCode::Esc);
    f.press(Char('P'));
    let screen = f.screen(80, 24);
    assert!(screen.contains("copy"), "{screen}");
    assert!(!screen.contains("write_prep"), "{screen}");
    f.press(KeyCode::Esc);
    f.press(Char('/'));
    for c in "zzq".chars() {
        f.press(Char(c));
    }
    f.press(Enter);
    let status = f.app.status.text.clone();
    assert_eq!(status, "Filter 'zzq'.");
}

/// Every line of the `?` help, paged through on a wide screen, its words joined by single
/// spaces so a sentence reads whole across the lines it wraps onto.
fn whole_help(f: &mut Fixture) -> String {
    f.press(Char('?'));
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&f.screen(300, 60));
        f.press(KeyCode::PageDown);
    }
    // The borders left out, so a sentence wrapped onto the next row reads on.
    seen.replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Adding a person unbound: an empty ledger's welcome, list and `n` name no key for it, and
/// the list says how to add one from the command line.
#[test]
fn an_empty_ledger_names_no_key_to_add_a_person_nothing_binds() {
    let (config, diagnostics) = parse("[keys]\nnew_person = []\n");
    assert_eq!(diagnostics, vec![]);
    let loaded = Loaded {
        path: "config.toml".into(),
        found: true,
        config,
        diagnostics,
    };
    let setup = Setup::of(&loaded, false);
    let mut f = tui_support::empty_fixture();
    f.app.configure(setup.keys, setup.defaults);
    assert_eq!(f.app.status.text, "Welcome. ? lists every key.");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("No one yet: `trustladder person add NAME` adds your first colleague."),
        "{screen}"
    );
    assert!(!screen.contains("new_person"), "{screen}");
    // Nor does `n`, asking for a person first.
    f.press(Char('n'));
    assert_eq!(f.app.status.text, "Add a person first.");
}

/// Undo and sort unbound: the help leaves out the clauses that would name their keys, rather
/// than name the action as if it were a key ("and undo undoes it", "sort sorts by it").
#[test]
fn the_help_names_no_key_for_an_action_nothing_binds() {
    let mut f = configured("[keys]\nsort = []\nundo = []\n", false);
    let seen = whole_help(&mut f);
    assert!(
        seen.contains("a high enough kept rate; every change saves at once."),
        "{seen}"
    );
    assert!(
        seen.contains("counted from the day they were added. "),
        "{seen}"
    );
    assert!(!seen.contains("undo undoes"), "{seen}");
    assert!(!seen.contains("sorts by it"), "{seen}");
    // Bound, they are named.
    let mut f = configured("[keys]\nsort = \"S\"\n", false);
    let seen = whole_help(&mut f);
    assert!(
        seen.contains("every change saves at once and u undoes it."),
        "{seen}"
    );
    assert!(seen.contains("S sorts by it, longest ago first."), "{seen}");
}

/// Several keys rebound to one action widen the help's key column to fit them, and keys
/// wider still keep a space before what they do: never "Ctrl-b/PgUpone page up".
#[test]
fn the_help_keeps_a_space_after_keys_rebound_to_many() {
    let mut f = configured(
        "[keys]\npage_up = [\"ctrl-b\", \"pageup\"]\nundo = [\"ctrl-alt-u\", \"shift-f12\", \"alt-backspace\"]\n",
        false,
    );
    f.press(Char('?'));
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&f.screen(120, 60));
        f.press(KeyCode::PageDown);
    }
    let line_of = |needle: &str| {
        seen.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not in {seen}"))
            .to_string()
    };
    let page_up = line_of("Ctrl-b/PgUp");
    assert!(page_up.contains("Ctrl-b/PgUp "), "{page_up}");
    let undo = line_of("Ctrl-Alt-u/Shift-F12/Alt-Backspace");
    assert!(
        undo.contains("Ctrl-Alt-u/Shift-F12/Alt-Backspace undo"),
        "{undo}"
    );
    // The others keep one column, as wide as the widest keys that fit it need.
    let text_at = |line: &str, keys: &str| {
        let after = line.find(keys).expect("keys") + keys.len();
        after + line[after..].find(|c: char| c != ' ').expect("text")
    };
    let help = line_of(" ?  ");
    assert_eq!(
        text_at(&page_up, "Ctrl-b/PgUp"),
        text_at(&help, "?"),
        "{page_up}\n{help}"
    );
}

/// Keys unbound on the help screen alone are left out of its title, not answered with the
/// keys they have in the views behind it.
#[test]
fn the_help_title_names_no_key_unbound_there() {
    let mut f = configured(
        "[keys.help_screen]\nfilter = []\ndown = []\nup = []\n",
        false,
    );
    f.press(Char('?'));
    let screen = f.screen(100, 30);
    let title = screen
        .lines()
        .find(|l| l.contains("Keys"))
        .expect("the help's title")
        .to_string();
    assert!(title.contains("Esc/q/? closes"), "{title}");
    assert!(!title.contains("searches"), "{title}");
    assert!(!title.contains("scroll"), "{title}");
    let mut f = configured("[keys.help_screen]\ndown = \"J\"\n", false);
    f.press(Char('?'));
    let screen = f.screen(100, 30);
    assert!(screen.contains("/ searches · J/k scroll"), "{screen}");
}

/// With archiving unbound, the question before deleting someone offers no archiving instead,
/// for no key would do it there.
#[test]
fn the_delete_question_offers_no_archiving_nothing_binds() {
    let mut f = configured("[keys]\narchive = []\n", false);
    f.select_person("Lena Novak");
    f.press(Char('x'));
    let screen = f.screen(80, 24);
    assert!(matches!(f.app.popup, Some(Popup::Confirm(_))), "{screen}");
    assert!(!screen.to_lowercase().contains("archiv"), "{screen}");
}

/// A click on a tab while the filter is typed keeps the filter, as Enter does, and no longer
/// says "Type to filter": the next letter, read as a key, opened a form under it.
#[test]
fn a_click_on_a_tab_while_filtering_keeps_the_filter_and_says_so() {
    let mut f = configured("mouse = true\n", false);
    f.press(Char('/'));
    f.typed("e");
    assert!(f.app.filtering);
    let buffer = f.draw(80, 24);
    let (x, y) = find(&buffer, " People ").expect("the people tab");
    click(&mut f, x + 2, y);
    assert!(!f.app.filtering);
    assert_eq!(f.app.filter, "e");
    assert_eq!(f.app.status.text, "Filter 'e'. Esc clears it.");
}

/// With undo left without a key, the status line counts no undos: nothing could undo them.
#[test]
fn undo_without_a_key_shows_no_undo_count() {
    let mut f = configured("[keys]\nundo = []\n", false);
    f.press(Enter);
    f.press(Char('d'));
    assert_eq!(f.app.history.depth().0, 1);
    let screen = f.screen(80, 24);
    assert!(!screen.contains("to undo"), "{screen}");
    let mut f = configured("", false);
    f.press(Enter);
    f.press(Char('d'));
    assert!(f.screen(80, 24).contains("1 to undo, 0 to redo"));
}

/// Open unbound on the people view: pressing a key that acts on a promise there says how to
/// reach one with the keys that do, not "open opens the person" as if the action were a key.
#[test]
fn a_key_for_a_promise_on_the_people_view_names_no_key_for_open_unbound() {
    let mut f = configured("[keys.people]\nopen = []\n", false);
    assert_eq!(f.app.view, View::People);
    f.press(Char('d'));
    assert_eq!(
        f.app.status.text,
        "d, D, b, r and o act on a promise: Shift-Tab opens the agenda."
    );
    // With open bound, both ways are named.
    let mut f = configured("", false);
    f.press(Char('d'));
    assert_eq!(
        f.app.status.text,
        "d, D, b, r and o act on a promise: Enter opens the person, Shift-Tab the agenda."
    );
}

/// A key map left with no force_quit (the config check refuses one, so this map is built
/// past it): below the minimum size with a form open, where quit would be typed into the
/// form, the screen names no key ("press force_quit to quit") and says what works.
#[test]
fn too_small_a_window_over_a_form_names_no_key_when_force_quit_has_none() {
    use trustladder::config::{Defaults, KeySetting};
    use trustladder::tui::keymap::Keymap;
    let (keys, found) = Keymap::configured(&[KeySetting {
        section: None,
        action: "force_quit".to_string(),
        keys: vec![],
        line: 2,
        section_line: 2,
    }]);
    let mut f = demo_fixture();
    f.app.configure(keys, Defaults::default());
    f.press(Char('n'));
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    f.send(Message::Resize {
        width: 40,
        height: 10,
    });
    let screen = f.screen(40, 10);
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.ends_with("Make the window bigger to go on with the form."),
        "{screen}"
    );
    assert!(!screen.contains("force_quit"), "{screen}");
    assert!(!screen.contains("press"), "{screen}");
    assert_eq!(
        found.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["error: nothing quits at once from a form: keep a key for force_quit"]
    );
    // The default map names Ctrl-c there.
    let mut f = configured("", false);
    f.press(Char('n'));
    f.send(Message::Resize {
        width: 40,
        height: 10,
    });
    let screen = f.screen(40, 10);
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Press Ctrl-c to quit without saving the form."),
        "{screen}"
    );
}

/// With a keep-in-touch cadence in the config file, a colleague's empty `Every` field says
/// that cadence applies to them, as their page does ("every 14 days"); it said they had none.
#[test]
fn an_empty_cadence_field_names_the_config_file_s() {
    let mut f = configured("[defaults]\nkeep_in_touch = \"2w\"\n", false);
    f.select_person("Diego Ruiz");
    f.press(Char('e'));
    f.tab_to("Every");
    let screen = f.screen(80, 24);
    assert!(
        screen.contains("every 14 days, from the config file"),
        "{screen}"
    );
    assert!(!screen.contains("no keep-in-touch cadence"), "{screen}");
    let mut plain = demo_fixture();
    plain.select_person("Diego Ruiz");
    plain.press(Char('e'));
    plain.tab_to("Every");
    assert!(plain.screen(80, 24).contains("no keep-in-touch cadence"));
}

/// With cancel rebound, the form brought back after it says so with its key, as every other
/// sentence names a key: it named Esc, which no longer cancels.
#[test]
fn a_form_brought_back_names_the_key_that_cancelled_it() {
    let mut f = configured("[keys.form]\ncancel = \"ctrl-x\"\n", false);
    f.press(Char('n'));
    f.typed("Send the deck");
    f.ctrl('x');
    assert_eq!(f.app.popup, None);
    f.press(Char('n'));
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    assert_eq!(
        f.app.status.text,
        "New promise: what you typed before Ctrl-x is back."
    );
}

/// The keys that add a person, save a form and cancel one, rebound.
const FORM_KEYS: &str =
    "[keys]\nnew_person = \"+\"\n\n[keys.form]\nsave = \"ctrl-s\"\ncancel = \"ctrl-g\"\n";

/// One change from another process, as the command line makes it.
fn elsewhere(f: &Fixture, change: trustladder::core::Change) {
    let mut other = trustladder::store::Store::open(&f.path).expect("the file opens");
    other
        .apply(&change, tui_support::today())
        .expect("the change is saved");
    drop(other);
}

/// The message under the open form.
fn form_error(f: &Fixture) -> Option<String> {
    match &f.app.popup {
        Some(Popup::Form(form)) => form.error.clone(),
        other => panic!("expected a form, got {other:?}"),
    }
}

/// README and docs/STORE.md name `Enter` and `Esc` in a conflict as the defaults of the
/// form's save and cancel keys, which the config rebinds, the form naming the keys in force
/// (`a_form_s_messages_name_the_keys_the_config_binds`); they named them as if fixed.
#[test]
fn the_docs_name_a_conflict_s_keys_as_the_defaults() {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let readme = flat(include_str!("../README.md"));
    assert!(readme.contains(
        "`Enter` again saves yours, `Esc` keeps theirs and saves the rest (the form's save and \
         cancel keys, `Enter` and `Esc` by default: the status line and the hint bar name the \
         keys in force)"
    ));
    let store = flat(include_str!("../docs/STORE.md"));
    assert!(store.contains(
        "(its save key saves yours, its cancel key keeps theirs and saves the rest: Enter and \
         Esc by default, the config file can rebind them, and the form names the keys in force)"
    ));
}

/// With adding a person, saving and cancelling rebound, a form's messages name the keys in
/// force, as its border and the hint bar do: they named p, Enter and Esc whatever the config
/// bound (a conflict, a promise resolved elsewhere, no one left to choose, the quit that drops
/// what a form closed by cancel kept).
#[test]
fn a_form_s_messages_name_the_keys_the_config_binds() {
    use trustladder::core::change::{OnConflict, PromisePatch, Set, Target};
    use trustladder::core::{Change, PromiseId, Status};
    let (config, diagnostics) = parse(FORM_KEYS);
    let loaded = Loaded {
        path: "config.toml".into(),
        found: true,
        config,
        diagnostics,
    };
    let setup = Setup::of(&loaded, false);
    assert_eq!(setup.diagnostics, vec![]);
    let mut f = tui_support::empty_fixture();
    f.app.configure(setup.keys, setup.defaults);
    f.press(Char('+'));
    f.typed("Priya Raman");
    f.ctrl('s');
    f.press(Enter);
    assert_eq!(f.app.view, View::Person, "{}", f.app.status.text);
    f.press(Char('n'));
    f.typed("Send the deck");
    f.ctrl('s');
    assert_eq!(f.saved().promises.len(), 1, "{}", f.app.status.text);

    // Edited on both sides.
    f.press(Char('e'));
    f.typed(" v2");
    elsewhere(
        &f,
        Change::EditPromise {
            promise: Target::id(PromiseId(1)),
            patch: PromisePatch {
                what: Some(Set::to("Send the board deck".into())),
                ..PromisePatch::default()
            },
            on_conflict: OnConflict::Refuse,
        },
    );
    f.ctrl('s');
    assert_eq!(
        form_error(&f).as_deref(),
        Some("Changed elsewhere meanwhile: Ctrl-s saves yours, Ctrl-g keeps theirs.")
    );
    let screen = f.screen(100, 30);
    let bar = screen.lines().last().unwrap_or_default();
    assert!(
        bar.contains("Ctrl-s save mine") && bar.contains("Ctrl-g keep theirs"),
        "{bar}"
    );
    f.ctrl('g');
    assert_eq!(f.app.popup, None, "{}", f.app.status.text);

    // Resolved elsewhere while its resolve form is open.
    f.press(Enter);
    elsewhere(
        &f,
        Change::Resolve {
            promise: Target::id(PromiseId(1)),
            status: Status::Broken,
            on: tui_support::today(),
            note: None,
        },
    );
    f.tick();
    assert_eq!(
        form_error(&f).as_deref(),
        Some(
            "#1 was marked broken elsewhere meanwhile. Ctrl-g closes this form; to give it \
             another outcome, reopen it first."
        )
    );
    f.ctrl('g');

    // No one left to choose: the person deleted elsewhere, and no key changes the choice of
    // no one, so the field keeps saying what to do, with the keys in force.
    f.press(Char('n'));
    f.typed("Review PR 412");
    let priya = f.person_id("Priya Raman");
    elsewhere(
        &f,
        Change::DeletePerson {
            person: Target::id(priya),
            force: true,
            promises: None,
        },
    );
    f.tick();
    f.tab_to("Person");
    f.press(KeyCode::Right);
    f.ctrl('s');
    match &f.app.popup {
        Some(Popup::Form(form)) => {
            let person = form.fields.iter().find(|x| x.label == "Person");
            assert_eq!(
                person.and_then(|x| x.error.as_deref()),
                Some(
                    "Priya Raman was deleted elsewhere and no one is left: Ctrl-g closes this \
                     form, keeping what you typed for the next new promise, then + adds a person"
                )
            );
        }
        other => panic!("expected a form, got {other:?}"),
    }

    // Closed by cancel, what was typed is kept; quitting says it drops it, closed so.
    f.ctrl('g');
    f.press(Char('q'));
    assert!(!f.app.quit, "{}", f.app.status.text);
    assert!(
        f.app
            .status
            .text
            .ends_with("(closed with Ctrl-g); opened again, a form brings it back."),
        "{}",
        f.app.status.text
    );
}

/// The 1:1 prep's border and the question before a delete name every key of each answer,
/// as the hint bar under them does (`Esc/q close`, `y/Enter delete`): they named the first
/// alone (`Esc close`), rebound or not.
#[test]
fn a_popup_names_the_keys_the_hint_bar_names() {
    let rebound = "[keys.prep_popup]\ncancel = [\"ctrl-g\", \"x\"]\n\n[keys.question]\nconfirm = [\"Y\", \"enter\"]\n";
    for (config, close, yes) in [("", "Esc/q", "y/Enter"), (rebound, "Ctrl-g/x", "Y/Enter")] {
        let mut f = configured(config, false);
        f.select_person("Priya Raman");
        f.press(Char('P'));
        assert!(matches!(f.app.popup, Some(Popup::Prep(_))), "{config}");
        let bar = f.hint_bar(80);
        assert!(bar.contains(&format!(" {close} close")), "{bar}");
        let screen = f.screen(80, 24);
        assert!(screen.contains(&format!(" {close}  close ")), "{screen}");

        f.app.popup = None;
        open(&mut f, "Priya Raman");
        f.press(Char('x'));
        assert!(matches!(f.app.popup, Some(Popup::Confirm(_))), "{config}");
        let bar = f.hint_bar(80);
        assert!(bar.contains(&format!("{yes} delete")), "{bar}");
        let screen = f.screen(80, 24);
        assert!(screen.contains(&format!("│ {yes}  delete ")), "{screen}");
    }
}

/// A key no view binds, the quit key the config unbound among them, says in a view that it
/// does nothing there and which key lists every key, as a popup says of a key that does
/// nothing in it: it said nothing, as if not pressed.
#[test]
fn a_key_that_does_nothing_in_a_view_says_so() {
    let mut f = configured("[keys]\nquit = []\n", false);
    f.press(Char('q'));
    assert!(!f.app.quit);
    assert_eq!(
        f.app.status.text,
        "q does nothing on People; ? lists every key."
    );
    f.press(Tab);
    assert_eq!(f.app.view, View::Person);
    f.press(KeyCode::F(5));
    assert_eq!(
        f.app.status.text,
        "F5 does nothing on a person's page; ? lists every key."
    );
    // Said only where it is true: gone once the view changes.
    f.press(Tab);
    assert_eq!(f.app.view, View::Agenda);
    assert!(
        !f.app.status.text.contains("does nothing"),
        "{}",
        f.app.status.text
    );
    f.press(Char('z'));
    assert_eq!(
        f.app.status.text,
        "z does nothing in the agenda; ? lists every key."
    );
}

/// A key a form does not take (`PgDn`, `F5`, `Insert`) says so and names the keys the form
/// takes, as its border names them from the key map: it said nothing, as if not pressed. The
/// keys are those in force, rebound ones as bound, and on a choice its next field's alone
/// (`↓` changes the choice there); what was typed stays as it was.
#[test]
fn a_key_a_form_does_not_take_names_the_keys_it_takes() {
    let mut f = configured("", false);
    f.press(Char('n'));
    f.typed("Call");
    f.press(KeyCode::PageDown);
    assert_eq!(
        f.app.status.text,
        "PgDn does nothing in the form: Enter save, Esc cancel, Tab/↓ next field."
    );
    assert_eq!(
        f.app.status.short.as_deref(),
        Some("PgDn does nothing in the form: Esc cancel.")
    );
    f.press(Tab);
    f.press(KeyCode::F(5));
    assert_eq!(
        f.app.status.text,
        "F5 does nothing in the form: Enter save, Esc cancel, Tab next field."
    );
    match &f.app.popup {
        Some(Popup::Form(form)) => assert_eq!(form.fields[0].shown(), "Call"),
        other => panic!("the form stays open: {other:?}"),
    }

    let mut f = configured(
        "[keys.form]\nsave = \"ctrl-s\"\ncancel = [\"esc\", \"ctrl-g\"]\nnext_field = \"f2\"\n",
        false,
    );
    f.press(Char('n'));
    f.press(KeyCode::Insert);
    assert_eq!(
        f.app.status.text,
        "Insert does nothing in the form: Ctrl-s save, Esc/Ctrl-g cancel, F2 next field."
    );
    assert_eq!(
        f.app.status.short.as_deref(),
        Some("Insert does nothing in the form: Esc/Ctrl-g cancel.")
    );
    // Tab, no longer the next field's, is now a key the form does not take.
    f.press(Tab);
    assert!(
        f.app
            .status
            .text
            .starts_with("Tab does nothing in the form: "),
        "{}",
        f.app.status.text
    );
}

/// A form's save key rebound to so many keys that they alone do not fit its bottom border at
/// 60 columns: ratatui cut them at the corner (`… next fi┘`), then they were cut as a top
/// title is, with `…`. They are named by the first, with what it does, beside the others.
#[test]
fn a_forms_keys_too_many_for_its_border_are_named_by_the_first() {
    let mut f = configured(
        "[keys.form]\nsave = [\"alt-enter\", \"f10\", \"ctrl-x\", \"f11\", \"f12\", \"shift-f9\", \"alt-s\", \"alt-w\"]\n",
        false,
    );
    f.send(Message::Resize {
        width: 60,
        height: 16,
    });
    f.press(Char('p'));
    let screen = f.screen(60, 16);
    assert!(
        screen.contains("└ Alt-Enter  save   Esc  cancel   Tab/↓  next field ─"),
        "{screen}"
    );
    assert!(!screen.contains('…'), "{screen}");
}

/// A form's keys rebound to more keys than its border holds at 60 columns: the border showed
/// `Tab/↓/Ctrl-…` cut, without what it does, then left next field out. An action whose keys
/// do not all fit is named by its first key, with its word, on the border as on the hint bar
/// under it; the help lists every one.
#[test]
fn a_form_s_rebound_keys_show_with_what_they_do_at_80_and_60_columns() {
    let mut f = configured(
        "[keys.form]\nsave = [\"enter\", \"ctrl-s\"]\ncancel = [\"esc\", \"ctrl-g\"]\n\
         next_field = [\"tab\", \"down\", \"ctrl-n\"]\nprev_field = [\"shift-tab\", \"up\", \"ctrl-p\"]\n",
        false,
    );
    f.press(Char('n'));
    assert!(matches!(f.app.popup, Some(Popup::Form(_))));
    let border = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains(" save "))
            .unwrap_or_else(|| panic!("no line of keys in {screen}"))
            .to_string()
    };
    let screen = f.screen(80, 24);
    assert!(
        border(&screen)
            .contains(" Enter/Ctrl-s  save   Esc/Ctrl-g  cancel   Tab/↓/Ctrl-n  next field ─"),
        "{screen}"
    );
    let screen = f.screen(60, 16);
    let keys = border(&screen);
    assert!(
        keys.contains("└ Enter  save   Esc/Ctrl-g  cancel   Tab  next field ─"),
        "{screen}"
    );
    assert!(!keys.contains('…'), "{screen}");
    let bar = screen.lines().last().unwrap_or_default();
    assert!(bar.contains(" Tab next field "), "{screen}");

    f.ctrl('g');
    assert_eq!(f.app.popup, None, "{}", f.app.status.text);
    let help = whole_help(&mut f);
    for line in [
        "Tab/↓/Ctrl-n next field",
        "Shift-Tab/↑/Ctrl-p previous field",
        "Enter/Ctrl-s save",
        "Esc/Ctrl-g cancel",
    ] {
        assert!(help.contains(line), "the help lacks {line:?}");
    }
}

/// With save, cancel and next field each rebound to several keys, a form's hint bar at 60
/// columns showed next field, save and the editor, and passed cancel over: the way out of a
/// form is kept on the bar, as the help's key is, at 80x24 and 60x16, on a choice and on a
/// text field, by its first key where all of them would leave another action no room; the
/// form's border names save, cancel and next field, each by its first key where all of them
/// do not fit, cancel's first named whole.
#[test]
fn a_forms_hint_bar_keeps_cancel_with_keys_rebound_to_several() {
    let config = "[keys.form]\nsave = [\"enter\", \"ctrl-s\", \"f2\"]\ncancel = [\"esc\", \"ctrl-g\", \"f10\"]\nnext_field = [\"tab\", \"down\", \"ctrl-n\"]\n";
    for (width, height, cancel, border) in [
        (
            80,
            24,
            " Esc/Ctrl-g/F10 cancel",
            "└ Enter/Ctrl-s/F2  save   Esc/Ctrl-g/F10  cancel   Tab  next field ─",
        ),
        (
            60,
            16,
            " Esc cancel",
            "└ Enter  save   Esc/Ctrl-g/F10  cancel   Tab  next field ┘",
        ),
    ] {
        let mut f = configured(config, false);
        f.send(Message::Resize { width, height });
        open(&mut f, "Marcus Chen");
        f.press(Enter);
        assert!(
            matches!(f.app.popup, Some(Popup::Form(_))),
            "{width}x{height}"
        );
        // On the Outcome choice, then on the Note, a text field that offers the editor.
        for _ in 0..2 {
            let screen = f.screen(width, height);
            let bar = screen.lines().last().unwrap_or_default();
            assert!(
                bar.contains(cancel) || bar.contains(" Esc/Ctrl-g/F10 cancel"),
                "{width}x{height}:\n{screen}"
            );
            assert!(bar.contains(" next field"), "{width}x{height}:\n{screen}");
            assert!(screen.contains(border), "{width}x{height}:\n{screen}");
            f.press(Tab);
            f.press(Tab);
        }
    }
}

/// With the question's and the 1:1 prep's keys each rebound to several, the hint bar at 60
/// columns showed yes alone under the question and write, copy and record under the prep,
/// and passed over the way out of them both (the prep's at 80 columns too): their cancel is
/// kept as a form's is, whole, and the keys before it are named by their first key where
/// all of them leave it no room (`y delete`), the popup naming every key.
#[test]
fn the_question_and_the_prep_keep_their_way_out_on_the_hint_bar() {
    let config = "[keys.question]\nconfirm = [\"y\", \"enter\", \"ctrl-y\", \"f2\", \"f12\", \"f9\"]\ncancel = [\"n\", \"esc\", \"ctrl-g\", \"f10\", \"f11\", \"f8\"]\n\n[keys.prep_popup]\nwrite_prep = [\"w\", \"ctrl-w\", \"f4\"]\ncopy_prep = [\"y\", \"ctrl-y\", \"f5\"]\nsave_prep = [\"s\", \"ctrl-s\", \"f6\"]\ncancel = [\"esc\", \"q\", \"ctrl-g\", \"f10\"]\n";
    let mut shots = Vec::new();
    for (width, height) in [(80, 24), (60, 16)] {
        let mut f = configured(config, false);
        f.send(Message::Resize { width, height });
        open(&mut f, "Priya Raman");
        f.press(Char('x'));
        assert!(matches!(f.app.popup, Some(Popup::Confirm(_))));
        let screen = f.screen(width, height);
        let bar = screen.lines().last().unwrap_or_default();
        assert!(
            bar.contains(" n/Esc/Ctrl-g/F10/F11/F8 keep"),
            "{width}: {bar}"
        );
        assert!(bar.contains(" delete"), "{width}: {bar}");
        shots.push(screen.clone());
        f.press(Char('n'));
        f.press(Char('P'));
        assert!(matches!(f.app.popup, Some(Popup::Prep(_))));
        let screen = f.screen(width, height);
        let bar = screen.lines().last().unwrap_or_default();
        assert!(bar.contains(" Esc/q/Ctrl-g/F10 close"), "{width}: {bar}");
        for word in [" write", " copy", " record"] {
            assert!(bar.contains(word), "{width}: {bar}");
        }
        shots.push(screen.clone());
    }
    insta::assert_snapshot!("way_out_kept_with_keys_rebound", shots.join("\n\n"));
}

/// The 1:1 prep's border with its keys each rebound to several: at 60 columns it named write
/// and copy alone, and at 80 left out close, an action whose keys did not all fit being left
/// out. Each is named by its first key where all of them leave another no room, as on the hint
/// bar, and the way out is kept whatever the width.
#[test]
fn the_prep_s_border_names_every_action_by_its_first_key_where_all_do_not_fit() {
    let config = "[keys.prep_popup]\nwrite_prep = [\"w\", \"ctrl-w\", \"f4\"]\ncopy_prep = [\"y\", \"ctrl-y\", \"f5\"]\nsave_prep = [\"s\", \"ctrl-s\", \"f6\"]\ncancel = [\"esc\", \"q\", \"ctrl-g\", \"f10\"]\n";
    for (width, height, border) in [
        (
            80,
            24,
            "└ w/Ctrl-w/F4  write   y  copy   s  record   Esc/q/Ctrl-g/F10  close ─",
        ),
        (60, 16, "└ w  write   y  copy   s  record   Esc  close ─"),
    ] {
        let mut f = configured(config, false);
        f.send(Message::Resize { width, height });
        open(&mut f, "Priya Raman");
        f.press(Char('P'));
        assert!(matches!(f.app.popup, Some(Popup::Prep(_))));
        let screen = f.screen(width, height);
        assert!(screen.contains(border), "{width}x{height}:\n{screen}");
        if width == 60 {
            insta::assert_snapshot!("prep_border_keys_rebound_60x16", screen);
        }
    }
}
