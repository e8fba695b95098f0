//! Every key of the text editor, typed in a real terminal (tmux) into the "what" field of a
//! new promise that holds `Fix José's 👩‍💻 🇳🇴` (the é typed as an `e` and a combining accent),
//! then saved with Enter: the saved text is what a person would expect, each cluster moved
//! over, deleted and put back whole, and the text kept composed (NFC).
//!
//! tmux must be installed (CI installs it); without it this test fails and says so.

mod tmux_support;

use std::path::Path;
use std::process::Command;

use tmux_support::{Tmux, quoted};

/// What is typed: `é` as `e` and U+0301, a woman technologist (a ZWJ sequence) and a flag.
const TYPED: &str = "Fix Jose\u{301}'s 👩\u{200d}💻 🇳🇴";

/// Keys pressed after the text (the cursor then at its end), text typed after them, and the
/// text saved.
const CASES: &[(&[&str], &str, &str)] = &[
    (&["Left"], "X", "Fix José's 👩‍💻 X🇳🇴"),
    (&["Left", "Left", "Left"], "X", "Fix José's X👩‍💻 🇳🇴"),
    (&["C-b", "C-b"], "X", "Fix José's 👩‍💻X 🇳🇴"),
    (
        &[
            "Home", "Right", "Right", "Right", "Right", "Right", "Right", "Right", "Right",
        ],
        "X",
        "Fix JoséX's 👩‍💻 🇳🇴",
    ),
    (
        &["C-a", "C-f", "C-f", "C-f", "C-f", "C-f", "C-f", "C-f"],
        "X",
        "Fix JosXé's 👩‍💻 🇳🇴",
    ),
    (&["Home"], "X", "XFix José's 👩‍💻 🇳🇴"),
    (&["C-a", "C-e"], "!", "Fix José's 👩‍💻 🇳🇴!"),
    (&["Home", "End"], "!", "Fix José's 👩‍💻 🇳🇴!"),
    (&["BSpace"], "!", "Fix José's 👩‍💻 !"),
    (&["BSpace", "BSpace", "BSpace"], "!", "Fix José's !"),
    // What a terminal set to send ^H for Backspace sends.
    (&["C-h", "C-h", "C-h"], "!", "Fix José's !"),
    (&["Home", "DC"], "f", "fix José's 👩‍💻 🇳🇴"),
    (
        &[
            "Home", "Right", "Right", "Right", "Right", "Right", "Right", "Right", "DC",
        ],
        "",
        "Fix Jos's 👩‍💻 🇳🇴",
    ),
    (&["C-a", "C-d"], "f", "fix José's 👩‍💻 🇳🇴"),
    (&["C-w"], "🇸🇪", "Fix José's 👩‍💻 🇸🇪"),
    (&["C-w", "C-w"], "done", "Fix José's done"),
    (&["M-BSpace"], "🇸🇪", "Fix José's 👩‍💻 🇸🇪"),
    (&["M-b", "M-b"], "X", "Fix José's X👩‍💻 🇳🇴"),
    (&["C-Left", "C-Left", "C-Left"], "X", "Fix XJosé's 👩‍💻 🇳🇴"),
    (&["Home", "M-f"], "X", "FixX José's 👩‍💻 🇳🇴"),
    (&["Home", "C-Right", "C-Right"], "X", "Fix José'sX 👩‍💻 🇳🇴"),
    (&["Home", "M-d"], "Mend", "Mend José's 👩‍💻 🇳🇴"),
    (&["Home", "M-f", "M-d"], "", "Fix 👩‍💻 🇳🇴"),
    (&["C-u"], "New", "New"),
    (&["M-b", "C-u"], "X", "X🇳🇴"),
    (&["Home", "C-k"], "Ok", "Ok"),
    (&["M-b", "M-b", "C-k"], "", "Fix José's"),
    (&["C-w", "C-y"], "", "Fix José's 👩‍💻 🇳🇴"),
    (&["M-b", "C-k", "C-a", "C-y"], "", "🇳🇴Fix José's 👩‍💻"),
];

#[test]
fn every_editor_key_on_a_field_with_combining_marks_emoji_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    let bin = Path::new(env!("CARGO_BIN_EXE_trustladder"));
    let added = Command::new(bin)
        .args(["--today", "2026-11-24", "person", "add", "Priya Raman"])
        .arg("--file")
        .arg(&file)
        .output()
        .unwrap();
    assert!(added.status.success(), "{added:?}");

    let command = format!(
        "exec {} --file {} --today 2026-11-24",
        quoted(bin),
        quoted(&file)
    );
    let tmux = Tmux::start("editor", &command);
    tmux.wait_for("Priya Raman");
    for (i, (keys, after, _)) in CASES.iter().enumerate() {
        tmux.keys(&["n"]);
        tmux.wait_for("New promise");
        tmux.text(TYPED);
        tmux.keys(keys);
        if !after.is_empty() {
            tmux.text(after);
        }
        tmux.keys(&["Enter"]);
        tmux.wait_for(&format!("#{} added for Priya Raman", i + 1));
    }
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");

    let list = Command::new(bin)
        .args(["--today", "2026-11-24", "list", "--json"])
        .arg("--file")
        .arg(&file)
        .output()
        .unwrap();
    assert!(list.status.success(), "{list:?}");
    let promises: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let saved: Vec<&str> = promises
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| p["what"].as_str().unwrap())
        .collect();
    let mut wrong = Vec::new();
    for ((keys, after, want), got) in CASES.iter().zip(&saved) {
        if got != want {
            wrong.push(format!(
                "{keys:?} then {after:?}: saved {got:?}, expected {want:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(saved.len(), CASES.len());
}
