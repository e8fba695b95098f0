//! Snapshots of the human output (`person list`, `list`, `agenda`, `review`) on a small team
//! with CJK and emoji names, so a change in layout or alignment shows up as a reviewed diff.

mod cli_support;

use std::path::Path;

use cli_support::run;

/// A team with wide names: a record that holds results for Priya, a mixed one for 王芳, an
/// emoji in Sam's name, an archived colleague, and open promises in every agenda group.
fn team(dir: &Path) -> std::path::PathBuf {
    let f = dir.join("team.json");
    let today = "2026-11-24";
    let add = |args: &[&str]| run(&f, today, args);
    add(&["person", "add", "Priya Raman", "--role", "Backend"]);
    add(&["person", "add", "王芳", "--role", "デザイン"]);
    add(&["person", "add", "Sam 🚀 Okafor", "--role", "SRE"]);
    add(&["person", "add", "Old Colleague"]);
    for on in ["-60d", "-30d", "-20d", "-10d", "-2d"] {
        add(&["log", "priya", "Ship a task", "--on", on]);
    }
    for on in ["-40d", "-15d", "-5d"] {
        add(&[
            "log",
            "priya",
            "Own an outcome",
            "--level",
            "result",
            "--on",
            on,
        ]);
    }
    add(&["log", "priya", "Review her PR", "--mine", "--on", "-3d"]);
    for on in ["-50d", "-9d", "-1d"] {
        add(&["log", "王", "デザインレビュー", "--on", on]);
    }
    let id = run(
        &f,
        "2026-11-01",
        &["promise", "add", "王", "User study", "--due", "2026-11-10"],
    );
    add(&["break", id.trim(), "--on", "-3d"]);
    add(&[
        "promise",
        "add",
        "sam",
        "Fix the 🔥 alert",
        "--due",
        "2026-11-20",
    ]);
    add(&[
        "promise",
        "add",
        "sam",
        "Pair on the runbook",
        "--mine",
        "--due",
        "today",
    ]);
    add(&["promise", "add", "王", "Icon set", "--due", "fri"]);
    add(&[
        "promise",
        "add",
        "priya",
        "Cut p95 below 200 ms",
        "--level",
        "result",
        "--due",
        "+1m",
    ]);
    add(&["promise", "add", "priya", "Write up the design", "--mine"]);
    add(&["log", "old", "Handover"]);
    add(&["person", "archive", "old"]);
    f
}

#[test]
fn human_tables() {
    let dir = tempfile::tempdir().unwrap();
    let f = team(dir.path());
    let today = "2026-11-24";
    insta::assert_snapshot!("person_list", run(&f, today, &["person", "list", "--all"]));
    insta::assert_snapshot!("list", run(&f, today, &["list"]));
    insta::assert_snapshot!("agenda", run(&f, today, &["agenda"]));
    insta::assert_snapshot!("review_priya", run(&f, today, &["review", "priya"]));
    insta::assert_snapshot!("review_everyone", run(&f, today, &["review"]));
}
