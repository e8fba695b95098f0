use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::config::{Diagnostic, KeySetting, Severity};

use Context as C;

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn setting(section: Option<&str>, action: &str, keys: &[&str], line: usize) -> KeySetting {
    KeySetting {
        section: section.map(str::to_string),
        action: action.to_string(),
        keys: keys.iter().map(|k| (k.to_string(), line)).collect(),
        line,
        section_line: line,
    }
}

fn messages(found: &[Diagnostic]) -> Vec<String> {
    found.iter().map(|d| format!("{:?} {d}", d.line)).collect()
}

#[test]
fn the_same_key_means_what_its_context_says() {
    let map = Keymap::default();
    let enter = press(KeyCode::Enter, NONE);
    assert_eq!(
        map.action_for(&enter, &[C::Form, C::Everywhere]),
        Some(Action::Save)
    );
    assert_eq!(
        map.action_for(&enter, &[C::People, C::Views, C::Everywhere]),
        Some(Action::Open)
    );
    let ctrl_c = press(KeyCode::Char('c'), CTRL);
    assert_eq!(
        map.action_for(&ctrl_c, &[C::Form, C::Everywhere]),
        Some(Action::ForceQuit)
    );
    let shift_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(map.action_for(&shift_g, &[C::Views]), Some(Action::Bottom));
    let ctrl_r = press(KeyCode::Char('r'), CTRL);
    assert_eq!(
        map.action_for(&ctrl_r, &[C::Person, C::Views]),
        Some(Action::Redo)
    );
    let r = press(KeyCode::Char('r'), NONE);
    assert_eq!(
        map.action_for(&r, &[C::Person, C::Views]),
        Some(Action::Release)
    );
    assert_eq!(
        map.action_for(&r, &[C::People, C::Views]),
        Some(Action::PickPromise)
    );
}

#[test]
fn the_defaults_pass_every_check() {
    let (map, found) = Keymap::configured(&[]);
    assert_eq!(found, vec![]);
    assert_eq!(map, Keymap::default());
}

#[test]
fn every_action_has_one_name_and_every_default_is_named() {
    let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Action::ALL.len());
    for b in defaults::DEFAULTS {
        assert_eq!(Action::from_name(b.action.name()), Some(b.action));
        assert!(Action::ALL.contains(&b.action), "{:?}", b.action);
    }
    for action in Action::ALL {
        assert!(
            defaults::DEFAULTS.iter().any(|b| b.action == action),
            "{action:?} has no binding"
        );
    }
    assert_eq!(Action::from_name("Undo"), None);
    for ctx in Context::ALL {
        assert_eq!(Action::from_name(ctx.name()), None, "{}", ctx.name());
    }
}

#[test]
fn labels_are_made_from_the_keys() {
    let map = Keymap::default();
    let label = |action: Action, ctx: Context| map.keys_of(action, &[ctx]);
    assert_eq!(label(Action::Down, C::Views).as_deref(), Some("j/↓"));
    assert_eq!(label(Action::Top, C::Views).as_deref(), Some("g/Home"));
    assert_eq!(label(Action::Redo, C::Views).as_deref(), Some("Ctrl-r"));
    assert_eq!(
        label(Action::PrevView, C::Views).as_deref(),
        Some("Shift-Tab")
    );
    assert_eq!(
        label(Action::PickPromise, C::People).as_deref(),
        Some("d/D/b/r/o")
    );
    assert_eq!(label(Action::Save, C::Views), None);
}

#[test]
fn the_hint_bar_comes_from_the_map() {
    let h = Keymap::default().hints(&[C::People, C::Views]);
    let labels: Vec<String> = h.iter().map(Hint::label).collect();
    let pairs: Vec<(&str, &str)> = labels
        .iter()
        .map(String::as_str)
        .zip(h.iter().map(|h| h.word))
        .collect();
    assert_eq!(
        pairs[..4],
        [
            ("Enter", "open"),
            ("/", "filter"),
            ("n", "promise"),
            ("L", "log kept")
        ]
    );
    assert!(pairs.contains(&("p", "add person")));
    assert_eq!(pairs.last(), Some(&("?", "help")));
}

/// Each view's order of use names only actions bound there, each once, so no entry is dead.
#[test]
fn the_order_of_use_names_each_action_of_its_view_once() {
    let map = Keymap::default();
    for (ctx, order) in defaults::BY_USE {
        let screen = [*ctx, C::Views, C::Everywhere];
        for (i, action) in order.iter().enumerate() {
            assert!(!order[..i].contains(action), "{ctx:?}: {action:?} twice");
            assert!(
                map.hints(&screen).iter().any(|h| h.action == *action),
                "{ctx:?}: {action:?} has no hint there"
            );
        }
    }
}

/// `P` and `c` on People (the prep of the one selected, where the chart is) give way to a
/// config that gives those keys to another action there, as it could before they worked on
/// the list: no clash, the config's action takes the key, and a person's page keeps them.
#[test]
fn p_and_c_on_people_give_way_to_the_configs_keys_there() {
    let (map, found) = Keymap::configured(&[
        setting(Some("people"), "sort", &["c"], 2),
        setting(Some("people"), "filter", &["P", "/"], 3),
    ]);
    assert_eq!(found, vec![]);
    let people = [C::People, C::Views, C::Everywhere];
    let person = [C::Person, C::Views, C::Everywhere];
    let c = press(KeyCode::Char('c'), NONE);
    let p = press(KeyCode::Char('P'), KeyModifiers::SHIFT);
    assert_eq!(map.action_for(&c, &people), Some(Action::Sort));
    assert_eq!(map.action_for(&p, &people), Some(Action::Filter));
    assert_eq!(map.action_for(&c, &person), Some(Action::Chart));
    // By default they act on People.
    let map = Keymap::default();
    assert_eq!(map.action_for(&c, &people), Some(Action::Chart));
    assert_eq!(map.action_for(&p, &people), Some(Action::Prep));
}

/// `o` in the agenda (which only says where a resolved promise is reopened) gives way to a
/// config that gives it to another action there, as `P` and `c` do on People: the README's
/// `open = ["o", "enter"]` written for the agenda was an error that kept the whole file from
/// applying. On a person's page, where `o` reopens, the same key is still a clash.
#[test]
fn o_in_the_agenda_gives_way_to_the_configs_keys_there() {
    let (map, found) = Keymap::configured(&[setting(Some("agenda"), "open", &["o", "enter"], 2)]);
    assert_eq!(found, vec![]);
    let agenda = [C::Agenda, C::Views, C::Everywhere];
    let person = [C::Person, C::Views, C::Everywhere];
    let o = press(KeyCode::Char('o'), NONE);
    assert_eq!(map.action_for(&o, &agenda), Some(Action::Open));
    assert_eq!(map.action_for(&o, &person), Some(Action::Reopen));
    // By default it says where to reopen.
    assert_eq!(
        Keymap::default().action_for(&o, &agenda),
        Some(Action::Reopen)
    );
    let (_, found) = Keymap::configured(&[setting(None, "open", &["o", "enter"], 2)]);
    let said: Vec<String> = found.iter().map(|d| d.message.clone()).collect();
    assert_eq!(
        said,
        vec![
            "o is bound to both open (line 2) and reopen (a default) in the person view; \
             give one of them another key"
                .to_string()
        ]
    );
}

/// The issue's example: three actions rebound, each seen in dispatch, hints and help.
#[test]
fn three_rebound_actions_show_everywhere_keys_show() {
    let (map, found) = Keymap::configured(&[
        setting(None, "undo", &["U"], 3),
        setting(None, "help", &["f1", "?"], 4),
        setting(Some("people"), "open", &["o", "enter"], 6),
    ]);
    assert_eq!(found, vec![]);
    let people = [C::People, C::Views, C::Everywhere];
    let u = press(KeyCode::Char('U'), KeyModifiers::SHIFT);
    assert_eq!(map.action_for(&u, &people), Some(Action::Undo));
    let lower_u = press(KeyCode::Char('u'), NONE);
    assert_eq!(
        map.action_for(&lower_u, &people),
        None,
        "u no longer undoes"
    );
    let o = press(KeyCode::Char('o'), NONE);
    assert_eq!(map.action_for(&o, &people), Some(Action::Open));
    // Only in the people view: o still reopens a promise on a person's page.
    let person = [C::Person, C::Views, C::Everywhere];
    assert_eq!(map.action_for(&o, &person), Some(Action::Reopen));
    // And o is no longer one of the keys the people view says need a promise.
    assert_eq!(
        map.keys_of(Action::PickPromise, &people).as_deref(),
        Some("d/D/b/r")
    );
    let hints = map.hints(&people);
    let labels: Vec<String> = hints.iter().map(Hint::label).collect();
    let pairs: Vec<(&str, &str)> = labels
        .iter()
        .map(String::as_str)
        .zip(hints.iter().map(|h| h.word))
        .collect();
    assert!(pairs.contains(&("o/Enter", "open")), "{pairs:?}");
    assert!(pairs.contains(&("U", "undo")), "{pairs:?}");
    assert!(pairs.contains(&("F1/?", "help")), "{pairs:?}");
    let help = map.help_sections();
    let lines = |title: &str| -> Vec<(String, &str)> {
        help.iter()
            .find(|(t, _)| *t == title)
            .map(|(_, lines)| lines.clone())
            .unwrap_or_default()
    };
    assert!(lines("People").contains(&("o/Enter".to_string(), "open the selected person")));
    assert!(lines("In every view").contains(&(
        "U".to_string(),
        "undo the last change (the cursor goes to what it set back, on its person's page)"
    )));
    let changed: Vec<(Action, Option<usize>)> = map
        .bound()
        .iter()
        .filter(|b| b.set_at.is_some())
        .map(|b| (b.action, b.set_at))
        .collect();
    assert_eq!(
        changed,
        vec![
            (Action::Open, Some(6)),
            (Action::Undo, Some(3)),
            (Action::Help, Some(4)),
            // F1 closes the help too, because line 4 gave it to the help.
            (Action::Cancel, Some(4))
        ]
    );
}

#[test]
fn a_view_table_wins_over_keys_for_every_view_wherever_written() {
    let (map, found) = Keymap::configured(&[
        setting(Some("agenda"), "down", &["n"], 2),
        setting(None, "down", &["ctrl-n"], 5),
        setting(Some("agenda"), "new_promise", &["N"], 3),
    ]);
    assert_eq!(found, vec![]);
    let label = |ctx: Context| map.keys_of(Action::Down, &[ctx]);
    assert_eq!(label(C::Agenda).as_deref(), Some("n"));
    assert_eq!(label(C::People).as_deref(), Some("Ctrl-n"));
    assert_eq!(label(C::Help).as_deref(), Some("Ctrl-n"));
    let n = press(KeyCode::Char('n'), NONE);
    assert_eq!(
        map.action_for(&n, &[C::Agenda, C::Views, C::Everywhere]),
        Some(Action::Down)
    );
    assert_eq!(
        map.action_for(&n, &[C::People, C::Views, C::Everywhere]),
        Some(Action::NewPromise)
    );
}

#[test]
fn an_empty_list_unbinds() {
    let (map, found) = Keymap::configured(&[setting(None, "sort", &[], 2)]);
    assert_eq!(found, vec![]);
    let s = press(KeyCode::Char('s'), NONE);
    assert_eq!(map.action_for(&s, &[C::People, C::Views]), None);
    assert!(
        !map.hints(&[C::People, C::Views])
            .iter()
            .any(|h| h.word == "sort")
    );
    assert!(
        !map.help_sections()
            .iter()
            .flat_map(|(_, lines)| lines)
            .any(|(_, help)| help.starts_with("sort by"))
    );
}

/// The prep's `s` said "(undo takes it back)" with undo unbound, which nothing then did.
#[test]
fn the_prep_record_names_undo_only_while_undo_has_a_key() {
    let help_of = |map: &Keymap| {
        map.bound()
            .iter()
            .find(|b| b.action == Action::SavePrep)
            .map(|b| b.help)
    };
    let record =
        "record that the 1:1 happened today, the prep kept open: the next prep starts here";
    assert_eq!(
        help_of(&Keymap::default()),
        Some(format!("{record} (undo takes it back)").as_str())
    );
    let (map, found) = Keymap::configured(&[setting(None, "undo", &["U"], 2)]);
    assert_eq!(found, vec![]);
    assert_eq!(
        help_of(&map),
        Some(format!("{record} (undo takes it back)").as_str())
    );
    let (map, found) = Keymap::configured(&[setting(None, "undo", &[], 2)]);
    assert_eq!(found, vec![]);
    assert_eq!(help_of(&map), Some(record));
    assert!(
        map.help_sections()
            .iter()
            .flat_map(|(_, lines)| lines)
            .all(|(_, help)| !help.contains("undo takes"))
    );
}

#[test]
fn a_clash_is_an_error_naming_both_and_the_line() {
    let (_, found) = Keymap::configured(&[setting(None, "undo", &["x"], 7)]);
    assert_eq!(
        messages(&found),
        [
            "Some(7) error: x is bound to both delete (a default) and undo (line 7) in the people view, the person view and the agenda view; give one of them another key"
        ]
    );
    let (_, found) = Keymap::configured(&[
        setting(None, "undo", &["U"], 4),
        setting(Some("person"), "chart", &["U"], 9),
    ]);
    assert_eq!(
        messages(&found),
        [
            "Some(9) error: U is bound to both chart (line 9) and undo (line 4) in the person view; give one of them another key"
        ]
    );
    assert_eq!(found[0].severity, Severity::Error);
}

/// A choice field's own `↑`/`↓` come before the form's next and previous field, which take
/// them in a text field: no clash while the form's action keeps a key that works on a choice
/// too, and one when the arrows are all it has.
#[test]
fn a_choice_keeps_its_arrows_before_the_forms_keys() {
    let map = Keymap::default();
    let down = press(KeyCode::Down, NONE);
    assert_eq!(
        map.action_for(&down, &[C::Form, C::Everywhere]),
        Some(Action::NextField)
    );
    let choice = [C::Choice, C::Form, C::Everywhere];
    assert_eq!(map.action_for(&down, &choice), Some(Action::Choose));
    assert_eq!(
        map.label_of(Action::NextField, &choice).as_deref(),
        Some("Tab")
    );
    assert_eq!(
        map.label_of(Action::NextField, &[C::Form, C::Everywhere])
            .as_deref(),
        Some("Tab/↓")
    );
    let (_, found) = Keymap::configured(&[setting(Some("form"), "prev_field", &["F2", "up"], 3)]);
    assert_eq!(found, vec![]);
    let (_, found) = Keymap::configured(&[setting(Some("form"), "next_field", &["down"], 5)]);
    assert_eq!(
        messages(&found),
        [
            "Some(5) error: down is bound to both choose (a default) and next_field (line 5) in a form; give one of them another key"
        ]
    );
}

/// The help's key closes the help too: a key that works everywhere given to it clashed there
/// as well, a second error blamed on a cancel the file never set.
#[test]
fn a_help_key_that_works_everywhere_is_one_clash() {
    for (action, key, other) in [
        ("help", "ctrl-c", "force_quit"),
        ("messages", "ctrl-z", "suspend"),
    ] {
        let (map, found) = Keymap::configured(&[setting(None, action, &[key], 2)]);
        let (first, second) = if action < other {
            (format!("{action} (line 2)"), format!("{other} (a default)"))
        } else {
            (format!("{other} (a default)"), format!("{action} (line 2)"))
        };
        assert_eq!(
            messages(&found),
            [format!(
                "Some(2) error: {key} is bound to both {first} and {second} in the people view, the person view and the agenda view; give one of them another key"
            )]
        );
        assert!(
            map.bound()
                .iter()
                .filter(|b| b.action == Action::Cancel)
                .all(|b| b.set_at.is_none()),
            "{action}"
        );
    }
}

#[test]
fn a_key_taken_from_typing_is_an_error() {
    let (_, found) = Keymap::configured(&[
        setting(Some("form"), "save", &["s"], 3),
        setting(None, "force_quit", &["ctrl-c", "ctrl-a"], 5),
        setting(None, "clear_filter", &["alt-x", "backspace"], 6),
    ]);
    assert_eq!(
        messages(&found),
        [
            "Some(3) error: s for save (line 3) would be taken from typing in a form, where it types text; give it a key with ctrl or alt that text fields leave alone, or a function key",
            "Some(5) error: ctrl-a for force_quit (line 5) would be taken from typing in a form, where it edits the text; give it a key with ctrl or alt that text fields leave alone, or a function key",
            "Some(5) error: ctrl-a for force_quit (line 5) would be taken from typing in the filter, where it edits the text; give it a key with ctrl or alt that text fields leave alone, or a function key",
            "Some(5) error: ctrl-a for force_quit (line 5) would be taken from typing in the help's search, where it edits the text; give it a key with ctrl or alt that text fields leave alone, or a function key",
            "Some(6) error: backspace for clear_filter (line 6) would be taken from typing in the filter, where it edits the text; give it a key with ctrl or alt that text fields leave alone, or a function key",
            "Some(6) error: backspace for clear_filter (line 6) would be taken from typing in the help's search, where it edits the text; give it a key with ctrl or alt that text fields leave alone, or a function key",
        ]
    );
}

#[test]
fn a_config_with_no_way_to_quit_or_open_help_is_an_error() {
    let (_, found) = Keymap::configured(&[
        setting(None, "quit", &[], 2),
        setting(None, "force_quit", &[], 3),
        setting(Some("agenda"), "help", &[], 8),
    ]);
    assert_eq!(
        messages(&found),
        [
            "Some(3) error: nothing quits the people view, the person view and the agenda view: keep a key for quit or force_quit",
            "Some(3) error: nothing quits at once from a form: keep a key for force_quit",
            "Some(8) error: nothing opens the help in the agenda view: keep a key for help",
        ]
    );
    // Ctrl-c alone is a way out.
    let (_, found) = Keymap::configured(&[setting(None, "quit", &[], 2)]);
    assert_eq!(found, vec![]);
}

/// force_quit is what quits a form, and a window too small for it, where quit would be typed
/// into the form: it may move to another key, but not be left without one.
#[test]
fn force_quit_without_a_key_is_an_error_and_another_key_is_not() {
    let (_, found) = Keymap::configured(&[setting(None, "force_quit", &[], 4)]);
    assert_eq!(
        messages(&found),
        ["Some(4) error: nothing quits at once from a form: keep a key for force_quit"]
    );
    let (map, found) = Keymap::configured(&[setting(None, "force_quit", &["ctrl-q"], 4)]);
    assert_eq!(found, vec![]);
    assert_eq!(
        map.key_of(Action::ForceQuit, &[C::Form, C::Everywhere]),
        Some("Ctrl-q".to_string())
    );
}

#[test]
fn what_cannot_apply_is_a_warning_and_the_rest_applies() {
    let (map, found) = Keymap::configured(&[
        setting(None, "quitt", &["Q"], 2),
        setting(None, "undo", &["ctrl-rr", "U"], 3),
        setting(None, "redo", &["hyper-r"], 4),
        setting(Some("peeple"), "open", &["o"], 6),
        setting(Some("peeple"), "edit", &["i"], 7),
        setting(Some("people"), "save", &["ctrl-s"], 9),
        setting(None, "pick_promise", &["z"], 10),
        setting(None, "choose", &["z"], 11),
        setting(Some("form"), "force_quit", &["ctrl-q"], 12),
        setting(Some("form"), "next_view", &["ctrl-n"], 13),
    ]);
    assert_eq!(
        messages(&found),
        [
            "Some(2) warning: quitt is not an action (`trustladder keys` lists them; did you mean quit?); it is left out",
            "Some(3) warning: 'ctrl-rr' is not a key name: use a character, a name (enter, esc, tab, space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24), with ctrl-, alt- or shift- before it; it is left out",
            "Some(4) warning: 'hyper-r' is not a key name: use a character, a name (enter, esc, tab, space, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24), with ctrl-, alt- or shift- before it; it is left out",
            "Some(6) warning: [keys.peeple] is not a table of keys (people, person, agenda, form, question, filtering, help_screen, help_search, prep_popup and messages_popup are; did you mean people?); its keys are left out",
            "Some(9) warning: save has no keys in [keys.people] to change (it works in form); it is left out",
            "Some(10) warning: pick_promise takes the keys of mark_kept, mark_kept_late, mark_broken, release and reopen: set those; it is left out",
            "Some(11) warning: choose is the form's own arrows, Space and letters, and is not rebound; it is left out",
            "Some(12) warning: force_quit works everywhere, so its keys are set under [keys] alone, not [keys.form]; it is left out",
            "Some(13) warning: next_view has no keys in [keys.form] to change (it works in people, person and agenda); it is left out",
        ]
    );
    let people = [C::People, C::Views, C::Everywhere];
    assert_eq!(map.keys_of(Action::Undo, &people).as_deref(), Some("U"));
    assert_eq!(
        map.keys_of(Action::Redo, &people).as_deref(),
        Some("Ctrl-r"),
        "redo keeps its key when every name given is wrong"
    );
    assert_eq!(map.keys_of(Action::Open, &people).as_deref(), Some("Enter"));
}

/// Without a key for cancel, a form whose fields do not check out, the question before a
/// delete and the 1:1 prep could only be left by saving, answering yes or recording a prep,
/// and the messages not at all.
#[test]
fn a_config_with_no_way_to_leave_a_popup_is_an_error() {
    let (_, found) = Keymap::configured(&[setting(None, "cancel", &[], 4)]);
    assert_eq!(
        messages(&found),
        [
            "Some(4) error: nothing leaves a form, the question before a delete, the 1:1 prep and the messages: keep a key for cancel"
        ]
    );
}

/// The keys that open the messages close them too, as the help's does: `m` and the form's
/// `Ctrl-t` by default, and the key the config gives the messages instead, named by its line.
#[test]
fn the_key_that_opens_the_messages_closes_them() {
    let m = press(KeyCode::Char('m'), NONE);
    let map = Keymap::default();
    assert_eq!(
        map.action_for(&m, &[C::People, C::Views, C::Everywhere]),
        Some(Action::Messages)
    );
    for key in [m, press(KeyCode::Char('t'), CTRL)] {
        assert_eq!(
            map.action_for(&key, &[C::Messages, C::Everywhere]),
            Some(Action::Cancel)
        );
    }
    assert_eq!(
        map.keys_of(Action::Cancel, &[C::Messages]).as_deref(),
        Some("Esc/q/m/Ctrl-t")
    );
    let (map, found) = Keymap::configured(&[setting(None, "messages", &["f2"], 6)]);
    assert_eq!(messages(&found), Vec::<String>::new());
    assert_eq!(
        map.keys_of(Action::Cancel, &[C::Messages]).as_deref(),
        Some("Esc/q/Ctrl-t/F2")
    );
    let close = map
        .bound()
        .iter()
        .find(|b| b.action == Action::Cancel && b.contexts == [C::Messages]);
    assert_eq!(close.and_then(|b| b.set_at), Some(6));
}

/// `m` means one thing on every screen it works on: free in the views, the popups and the
/// forms, where it types (the messages' key is the views' alone).
#[test]
fn the_messages_key_clashes_with_nothing() {
    let m = press(KeyCode::Char('m'), NONE);
    let map = Keymap::default();
    for screen in Context::SCREENS {
        let actions: Vec<Action> = map
            .bound()
            .iter()
            .filter(|b| b.applies_in(screen) && b.keys.contains(&Keystroke::of(&m)))
            .map(|b| b.action)
            .collect();
        let expected: &[Action] = match screen[0] {
            C::People | C::Person | C::Agenda => &[Action::Messages],
            C::Messages => &[Action::Cancel],
            _ => &[],
        };
        assert_eq!(actions, expected, "{screen:?}");
    }
}

/// A form that nothing saves, whose later fields nothing reaches, or a question nothing
/// answers yes to cannot do what it is for: each is an error, not "no problems".
#[test]
fn a_config_that_leaves_a_form_unsaveable_or_a_question_unanswerable_is_an_error() {
    let (_, found) = Keymap::configured(&[setting(None, "save", &[], 2)]);
    assert_eq!(
        messages(&found),
        ["Some(2) error: nothing saves a form: keep a key for save"]
    );
    let (_, found) = Keymap::configured(&[
        setting(None, "next_field", &[], 2),
        setting(None, "prev_field", &[], 3),
    ]);
    assert_eq!(
        messages(&found),
        [
            "Some(3) error: nothing moves between the fields of a form: keep a key for next_field or prev_field"
        ]
    );
    let (_, found) = Keymap::configured(&[setting(None, "next_field", &[], 2)]);
    assert_eq!(messages(&found), Vec::<String>::new());
    let (_, found) = Keymap::configured(&[setting(None, "confirm", &[], 5)]);
    assert_eq!(
        messages(&found),
        [
            "Some(5) error: nothing answers yes to the question before a delete: keep a key for confirm"
        ]
    );
}

/// The filter, the help's search and the help itself need a way out too: with none, only
/// Ctrl-c left them (and the screen went on naming Esc).
#[test]
fn a_config_with_no_way_out_of_the_filter_or_the_help_is_an_error() {
    let (_, found) = Keymap::configured(&[
        setting(Some("filtering"), "clear_filter", &[], 3),
        setting(Some("filtering"), "apply_filter", &[], 4),
    ]);
    assert_eq!(
        messages(&found),
        ["Some(4) error: nothing leaves the filter: keep a key for apply_filter or clear_filter"]
    );
    let (_, found) = Keymap::configured(&[
        setting(Some("help_screen"), "cancel", &[], 7),
        setting(Some("help_screen"), "back", &[], 8),
    ]);
    assert_eq!(
        messages(&found),
        ["Some(8) error: nothing closes the help: keep a key for cancel or back"]
    );
}

#[test]
fn the_keys_that_open_the_help_close_it() {
    let (map, found) = Keymap::configured(&[setting(None, "help", &["f1", "?"], 3)]);
    assert_eq!(messages(&found), Vec::<String>::new());
    let f1 = press(KeyCode::F(1), NONE);
    assert_eq!(map.action_for(&f1, &[C::Views]), Some(Action::Help));
    assert_eq!(map.action_for(&f1, &[C::Help]), Some(Action::Cancel));
    assert_eq!(
        map.keys_of(Action::Cancel, &[C::Help]).as_deref(),
        Some("q/?/F1")
    );
    // Not when the help screen uses that key for something else.
    let (map, found) = Keymap::configured(&[
        setting(None, "help", &["f1"], 3),
        setting(Some("help_screen"), "filter", &["f1"], 5),
    ]);
    assert_eq!(messages(&found), Vec::<String>::new());
    assert_eq!(map.action_for(&f1, &[C::Help]), Some(Action::Filter));
    assert_eq!(
        map.keys_of(Action::Cancel, &[C::Help]).as_deref(),
        Some("q")
    );
    // The help given F1 alone, `?` opens it no more and closes it no more: free for the
    // help screen's search, with no clash.
    let (map, found) = Keymap::configured(&[
        setting(None, "help", &["f1"], 2),
        setting(None, "filter", &["?"], 3),
    ]);
    assert_eq!(messages(&found), Vec::<String>::new());
    assert_eq!(
        map.keys_of(Action::Cancel, &[C::Help]).as_deref(),
        Some("q/F1")
    );
    let question = press(KeyCode::Char('?'), NONE);
    assert_eq!(map.action_for(&question, &[C::Help]), Some(Action::Filter));
}

/// `?` closes the help as any key that opens it does: by default, and not where the help
/// screen gives it another job (it was a default of the help's cancel, so that was a clash).
#[test]
fn the_help_screen_can_give_the_default_help_key_another_job() {
    let question = press(KeyCode::Char('?'), NONE);
    let map = Keymap::default();
    assert_eq!(
        map.action_for(&question, &[C::Help, C::Everywhere]),
        Some(Action::Cancel)
    );
    assert_eq!(
        map.keys_of(Action::Cancel, &[C::Help]).as_deref(),
        Some("q/?")
    );
    let (map, found) =
        Keymap::configured(&[setting(Some("help_screen"), "down", &["j", "down", "?"], 2)]);
    assert_eq!(messages(&found), Vec::<String>::new());
    assert_eq!(
        map.action_for(&question, &[C::Help, C::Everywhere]),
        Some(Action::Down)
    );
    assert_eq!(
        map.keys_of(Action::Cancel, &[C::Help]).as_deref(),
        Some("q")
    );
    assert_eq!(
        map.action_for(&question, &[C::People, C::Views, C::Everywhere]),
        Some(Action::Help)
    );
}

#[test]
fn close_keys_set_for_the_help_are_kept_as_set() {
    let (map, _) = Keymap::configured(&[
        setting(None, "help", &["f1"], 3),
        setting(Some("help_screen"), "cancel", &["x"], 4),
    ]);
    let f1 = press(KeyCode::F(1), NONE);
    assert_eq!(map.action_for(&f1, &[C::Help]), None);
    assert_eq!(
        map.keys_of(Action::Cancel, &[C::Help]).as_deref(),
        Some("x")
    );
}

/// A key listed twice for one action (or under two of its names) is said, once per repeat,
/// and the action keeps each key once.
#[test]
fn a_key_listed_twice_is_a_warning() {
    let (map, found) = Keymap::configured(&[setting(None, "undo", &["U", "U", "shift-u", "u"], 2)]);
    assert_eq!(
        messages(&found),
        [
            "Some(2) warning: 'U' repeats U in the list of undo; once is enough",
            "Some(2) warning: 'shift-u' repeats U in the list of undo; once is enough",
        ]
    );
    let views = [C::People, C::Views, C::Everywhere];
    assert_eq!(map.keys_of(Action::Undo, &views).as_deref(), Some("U/u"));
}

/// The config names the tables of keys in a message of its own (a table that takes an
/// action's name): its list is the key map's.
#[test]
fn the_config_names_the_tables_of_keys_the_key_map_reads() {
    let names: Vec<&str> = super::build::SECTIONS.iter().map(|c| c.name()).collect();
    assert_eq!(names, crate::config::KEY_TABLES);
}

/// A table of keys misnamed is said to be at its header, where the fault is (it was said at
/// the line of its first key), and a dotted name in [keys] at its own line.
#[test]
fn a_misnamed_table_of_keys_is_said_at_its_header() {
    for (text, line) in [
        ("[keys.peple]\nopen = \"o\"\n", 1),
        ("\n[keys.peple]\n\nopen = \"o\"\nedit = \"i\"\n", 2),
        ("[keys]\nundo = \"u\"\npeple.open = \"o\"\n", 3),
    ] {
        let (config, parsed) = crate::config::parse(text);
        assert_eq!(parsed, vec![], "{text}");
        let (_, found) = Keymap::configured(&config.keys);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].line, Some(line), "{text}");
        assert!(
            found[0]
                .message
                .starts_with("[keys.peple] is not a table of keys")
        );
    }
}

/// The form opens the messages by a key that types no text, an action of its own:
/// `messages = "M"` under `[keys]` is the views' alone and no error, the form keeping
/// Ctrl-t, which `form_messages` sets.
#[test]
fn a_letter_for_the_messages_leaves_the_form_its_own_key() {
    let form = [C::Form, C::Everywhere];
    let people = [C::People, C::Views, C::Everywhere];
    let (map, found) = Keymap::configured(&[setting(None, "messages", &["M"], 2)]);
    assert_eq!(messages(&found), Vec::<String>::new());
    assert_eq!(map.keys_of(Action::Messages, &people).as_deref(), Some("M"));
    assert_eq!(
        map.keys_of(Action::FormMessages, &form).as_deref(),
        Some("Ctrl-t")
    );
    let (map, found) = Keymap::configured(&[setting(None, "form_messages", &["f5"], 3)]);
    assert_eq!(messages(&found), Vec::<String>::new());
    assert_eq!(
        map.keys_of(Action::FormMessages, &form).as_deref(),
        Some("F5")
    );
    assert_eq!(map.keys_of(Action::Messages, &people).as_deref(), Some("m"));
}
