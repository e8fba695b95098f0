//! The "done when" scenario of the command line: a new user adds three colleagues, logs
//! promises both ways over back-dated days (`--today` to act on a past day, `--on` to date an
//! outcome), and `review --json` gives exactly the levels and figures the ladder's rules give
//! by hand.
//!
//! The outcomes are placed 0, 180 and 360 days before the review day (2026-11-24), so with the
//! default half-life of tasks, 180 days, their weights are exactly 1, 0.5 and 0.25:
//! 2026-11-24 → w = 1, 2026-05-28 → w = 0.5, 2025-11-29 → w = 0.25. A result fades with the
//! results half-life, 365 days: one kept on 2026-05-28 weighs 0.5^(180/365) ≈ 0.7107, at
//! results and, since a kept promise counts at every rung below, at tasks too.

mod cli_support;

use std::path::Path;

use serde_json::Value;

const REVIEW_DAY: &str = "2026-11-24";

/// The command's output without its final newline.
fn run(file: &Path, today: &str, args: &[&str]) -> String {
    cli_support::run(file, today, args).trim_end().to_string()
}

fn close(got: &Value, want: f64, what: &str) {
    let got = got
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number"));
    assert!((got - want).abs() < 1e-9, "{what}: got {got}, want {want}");
}

/// Checks a rung's evidence E, kept K, reliability R and held flag.
fn rung(v: &Value, level: &str, e: f64, k: f64, r: f64, held: bool) {
    assert_eq!(v["level"], level);
    close(&v["evidence"], e, &format!("{level} evidence"));
    close(&v["kept"], k, &format!("{level} kept"));
    close(&v["reliability"], r, &format!("{level} reliability"));
    assert_eq!(v["held"], held, "{level} held");
}

#[test]
fn three_colleagues_a_year_of_promises_and_the_levels_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    let f = &file;

    // Three colleagues, added a year ago.
    assert_eq!(
        run(
            f,
            "2025-11-01",
            &["person", "add", "Priya Raman", "--role", "Backend"]
        ),
        "priya-raman"
    );
    assert_eq!(
        run(
            f,
            "2025-11-01",
            &["person", "add", "王芳", "--role", "Design"]
        ),
        "王芳"
    );
    assert_eq!(
        run(f, "2025-11-01", &["person", "add", "Ana Souza"]),
        "ana-souza"
    );

    // Priya, theirs, tasks:
    // a promise made on 2025-11-20 and kept on 2025-11-29 (360 days before: w = 0.25)
    let id = run(
        f,
        "2025-11-20",
        &[
            "promise",
            "add",
            "priya",
            "Migrate the billing tables",
            "--due",
            "2025-11-28",
        ],
    );
    // A day after its due date: recorded as kept on time only because we say so.
    run(f, "2025-11-29", &["keep", &id, "--on-time"]);
    // logged the day it happened, 2026-05-28 (w = 0.5)
    run(f, "2026-05-28", &["log", "priya", "Review PR 412"]);
    // two kept today (one dated with an explicit --on), and one kept late today
    run(
        f,
        REVIEW_DAY,
        &["log", "priya", "Send the deck", "--on", "today"],
    );
    run(f, REVIEW_DAY, &["log", "pri", "Fix the flaky test"]);
    let id = run(
        f,
        "2026-11-01",
        &[
            "promise",
            "add",
            "priya",
            "Write the runbook",
            "--due",
            "2026-11-20",
        ],
    );
    run(
        f,
        REVIEW_DAY,
        &[
            "keep",
            &format!("#{id}"),
            "--late",
            "--note",
            "four days late",
        ],
    );
    // Priya, theirs, results: two kept today, one kept 180 days ago.
    run(
        f,
        REVIEW_DAY,
        &["log", "priya", "Cut p95 below 200 ms", "--level", "result"],
    );
    run(
        f,
        REVIEW_DAY,
        &["log", "priya", "Ship search v2", "--level", "result"],
    );
    run(
        f,
        "2026-06-30",
        &[
            "log",
            "priya",
            "Launch billing",
            "--level",
            "result",
            "--on",
            "2026-05-28",
        ],
    );
    // Mine to Priya: a task I broke on 2026-05-28 (w = 0.5).
    let id = run(
        f,
        "2026-05-01",
        &[
            "promise",
            "add",
            "priya",
            "Review the design doc",
            "--mine",
            "--due",
            "2026-05-15",
        ],
    );
    run(f, "2026-05-28", &["break", &id, "--note", "forgot"]);

    // 王芳, theirs: three tasks kept and one broken, all today.
    for what in ["Mockups", "Icon set", "Style guide"] {
        run(f, REVIEW_DAY, &["log", "王", what]);
    }
    let id = run(
        f,
        "2026-11-10",
        &["promise", "add", "王", "User study", "--due", "2026-11-20"],
    );
    run(f, REVIEW_DAY, &["break", &id]);
    // Mine to 王芳: three tasks I kept today.
    for what in ["Feedback on mockups", "Book the room", "Intro to legal"] {
        run(f, REVIEW_DAY, &["log", "王芳", what, "--mine"]);
    }

    // Ana: one result kept today, and a task still open since it was due on 2026-11-20.
    run(
        f,
        REVIEW_DAY,
        &["log", "ana", "Hire a data engineer", "--level", "result"],
    );
    run(
        f,
        "2026-11-16",
        &[
            "promise",
            "add",
            "ana",
            "Draft the Q1 plan",
            "--due",
            "2026-11-20",
        ],
    );

    let all: Value = serde_json::from_str(&run(f, REVIEW_DAY, &["list", "--json"])).unwrap();
    assert_eq!(
        all.as_array().unwrap().len(),
        18,
        "eighteen promises, both ways"
    );

    let review: Value = serde_json::from_str(&run(f, REVIEW_DAY, &["review", "--json"])).unwrap();
    let review = review.as_array().unwrap();
    assert_eq!(review.len(), 3);

    // The weight of the result kept 180 days ago, at results and at tasks.
    let wr = 0.5_f64.powf(180.0 / 365.0);

    // ---- Priya ----
    let p = &review[0];
    assert_eq!(p["handle"], "priya-raman");
    // tasks, her own: kept w .25, kept w .5, kept w 1, kept w 1, kept late w 1 (value .75)
    //   and her three kept results counting here too: w 1, 1 and wr
    //   E = .25 + .5 + 1 + 1 + 1 + 1 + 1 + wr = 5.75 + wr ≈ 6.4607
    //   K = .25 + .5 + 1 + 1 + .75 + 1 + 1 + wr = 5.5 + wr ≈ 6.2107
    //   R = (K + 1) / (E + 2) ≈ 7.2107 / 8.4607 ≈ 0.8523: held
    rung(
        &p["rungs"][0],
        "task",
        5.75 + wr,
        5.5 + wr,
        (6.5 + wr) / (7.75 + wr),
        true,
    );
    assert_eq!(
        p["rungs"][0]["counts"],
        serde_json::json!({"kept": 4, "kept_late": 1, "broken": 0, "released": 0})
    );
    assert_eq!(
        p["rungs"][0]["resolved"], 8,
        "five of hers and three results"
    );
    // results: kept w 1, kept w 1, kept wr
    //   E = 2 + wr ≈ 2.7107 ≥ 2.0, R = (3 + wr) / (4 + wr) ≈ 0.7877 ≥ 0.70: held
    rung(
        &p["rungs"][1],
        "result",
        2.0 + wr,
        2.0 + wr,
        (3.0 + wr) / (4.0 + wr),
        true,
    );
    assert_eq!(p["rungs"][1]["verdict"], "held");
    // impact: no evidence, R = 1/2 (shown as "–").
    rung(&p["rungs"][2], "impact", 0.0, 0.0, 0.5, false);
    assert_eq!(p["trust_level"], "result");
    // Slipping is checked at tasks, results and impact (one above the level), each on its
    // own promises of the last 90 days: tasks 1, 1, .75 of 3 → (2.75 + 1) / 5 = 0.75 and
    // results 2 of 2 → 3/4, with nothing broken.
    assert_eq!(p["slipping"], false);
    assert_eq!(p["slipping_rungs"], serde_json::json!([]));
    let checks = p["slip_checks"].as_array().unwrap();
    assert_eq!(checks.len(), 3);
    close(&checks[0]["reliability"], 0.75, "priya recent tasks");
    // `recent` is the check at the top held rung, results.
    assert_eq!(p["recent"]["level"], "result");
    assert_eq!(p["recent"]["resolved"], 2);
    close(&p["recent"]["reliability"], 0.75, "priya recent results");
    assert_eq!(p["focus"], Value::Null);
    // Ready for impact needs E ≥ 4.0 and R ≥ 0.80 at results: 2.71 and 0.79 are not enough.
    assert_eq!(
        (p["ready"].clone(), p["ready_for"].clone()),
        (false.into(), Value::Null)
    );
    let blockers: Vec<&str> = p["ready_check"]["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    assert_eq!(blockers, ["evidence", "score"]);
    // Ninety days ago (2026-08-26) her tasks had evidence 0.5^(270/180) + 0.5^(90/180) +
    // 0.5^(90/365) ≈ 0.354 + 0.707 + 0.843 = 1.90 < 3.0, so she was at none: up.
    assert_eq!(p["trend"], "up");
    assert_eq!(p["notes"], serde_json::json!([]));
    assert_eq!(
        (p["open"].clone(), p["overdue"].clone()),
        (0.into(), 0.into())
    );
    // Mine: one broken task with w .5: E = .5, K = 0, R = 1 / 2.5 = 0.4.
    let mine = &p["my_credibility"];
    assert_eq!(mine["trust_level"], "none");
    rung(&mine["rungs"][0], "task", 0.5, 0.0, 0.4, false);
    assert_eq!(
        mine["record"],
        serde_json::json!({"kept": 0, "kept_late": 0, "broken": 1, "released": 0})
    );

    // ---- 王芳 ----
    let w = &review[1];
    assert_eq!(
        (w["handle"].as_str(), w["name"].as_str()),
        (Some("王芳"), Some("王芳"))
    );
    // tasks: 3 kept + 1 broken, all w 1: E = 4, K = 3, R = 4/6 ≈ 0.667 < 0.70 → not held.
    rung(&w["rungs"][0], "task", 4.0, 3.0, 4.0 / 6.0, false);
    assert_eq!(w["rungs"][0]["verdict"], "too_unreliable");
    assert_eq!(w["trust_level"], "none");
    // One broken task is not failing: tasks need 2 broken in the window.
    assert_eq!(w["slipping"], false);
    assert_eq!(w["trend"], "flat");
    // Mine: 3 kept tasks, w 1: E = 3, K = 3, R = 4/5 = 0.80 → my credibility is `task`,
    // held since today: up.
    let mine = &w["my_credibility"];
    rung(&mine["rungs"][0], "task", 3.0, 3.0, 0.8, true);
    assert_eq!(mine["trust_level"], "task");
    assert_eq!(mine["ready"], false, "E = 3 < 5");
    assert_eq!(mine["trend"], "up");

    // ---- Ana ----
    let a = &review[2];
    // One kept result and no tasks: the result counts at results and at tasks, E = 1 and
    // R = 2/3 at both; tasks need 3.0 and results 2.0, so none.
    rung(&a["rungs"][0], "task", 1.0, 1.0, 2.0 / 3.0, false);
    rung(&a["rungs"][1], "result", 1.0, 1.0, 2.0 / 3.0, false);
    assert_eq!(
        a["rungs"][0]["counts"]["kept"], 0,
        "the counts are the rung's own"
    );
    assert_eq!(a["trust_level"], "none");
    assert_eq!(
        (a["open"].clone(), a["overdue"].clone()),
        (1.into(), 1.into())
    );
    // Her draft was due 2026-11-20: 4 days overdue, within the week's grace, so a note and
    // nothing more.
    assert_eq!(
        a["notes"],
        serde_json::json!([{"kind": "overdue", "count": 1, "days": 4, "promise": 18,
            "what": "Draft the Q1 plan", "text": "1 overdue, 4 days"}])
    );

    // The text review explains the same figures.
    let text = run(f, REVIEW_DAY, &["review", "priya"]);
    for needle in [
        "Trust level: result",
        "tasks           8 of 8 kept (1 late, 3 from above)    85%      6.46  yes      0",
        "tasks: 8 of 8 kept (1 late, 3 from above); score 85%, evidence 6.46 → held (evidence 6.46 ≥ 3.0 and score 85% ≥ 70%)",
        "results: 3 of 3 kept; score 79%, evidence 2.71 → held (evidence 2.71 ≥ 2.0 and score 79% ≥ 70%)",
        "Not yet ready for ongoing impact: evidence 2.71 < 4.0 at results, score 79% < 80% at results.",
        "Recent tasks since 2026-08-26: 3 of 3 kept, 0 broken, plain score 75% ≥ 60% → not failing: none broken.",
        "My credibility with them: 0 of 1 kept, from the promises I made to them",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

/// A past day (`--today`) sees the ledger as it stood then: a promise resolved after that day
/// is open on it (and so blocks being ready for its rung, as the rules say), and one made
/// after it is not there, in `review`, `agenda`, `status`, `person list`, `prep` and the
/// Markdown report alike.
#[test]
fn a_past_day_sees_the_ledger_as_it_stood_then() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ledger.json");
    run(&file, "2026-02-01", &["person", "add", "Pat Past"]);
    for day in 2..=7 {
        let on = format!("2026-02-0{day}");
        run(&file, &on, &["log", "pat", &format!("Task {day}")]);
    }
    let result = &[
        "promise",
        "add",
        "pat",
        "Own checkout conversion",
        "--level",
        "result",
        "--due",
        "2026-03-31",
    ];
    assert_eq!(run(&file, "2026-03-01", result), "7");
    assert_eq!(
        run(
            &file,
            "2026-03-20",
            &["promise", "add", "pat", "Later task"]
        ),
        "8"
    );
    run(&file, "2026-04-01", &["keep", "7"]);

    let review: Value =
        serde_json::from_str(&run(&file, "2026-03-15", &["review", "pat", "--json"])).unwrap();
    assert_eq!(review["open"], 1, "#7 open that day, #8 not made yet");
    assert_eq!(review["rungs"][1]["open"], 1);
    assert_eq!(review["record"]["kept"], 6);
    assert_eq!(
        review["ready"], false,
        "a promise open at results blocks ready"
    );
    let agenda: Value =
        serde_json::from_str(&run(&file, "2026-03-15", &["agenda", "--json"])).unwrap();
    let ids: Vec<&Value> = ["overdue", "today", "this_week", "later", "no_date"]
        .iter()
        .flat_map(|group| agenda[group].as_array().unwrap())
        .map(|p| &p["id"])
        .collect();
    assert_eq!(ids, [7]);
    assert_eq!(
        run(&file, "2026-03-31", &["status"]),
        "overdue: 0 theirs, 0 mine; 1 due today"
    );
    let people: Value =
        serde_json::from_str(&run(&file, "2026-03-15", &["person", "list", "--json"])).unwrap();
    assert_eq!(people[0]["open"], 1);
    let report = run(&file, "2026-03-15", &["export", "--format", "md", "pat"]);
    assert!(report.contains("Own checkout conversion"), "{report}");
    assert!(!report.contains("Ready for results: entrust"), "{report}");
    let prep = run(&file, "2026-03-15", &["prep", "pat"]);
    assert!(prep.contains("#7 Own checkout conversion"), "{prep}");
    assert!(!prep.contains("Later task"), "{prep}");
    // On the day of the last record, the ledger is as it is.
    let now: Value =
        serde_json::from_str(&run(&file, "2026-04-01", &["review", "pat", "--json"])).unwrap();
    assert_eq!(now["open"], 1, "#8 open, #7 kept late");
    assert_eq!(now["record"]["kept_late"], 1);
}
