use chrono::{Datelike, NaiveDate};
use proptest::strategy::Strategy;

use super::*;
use crate::core::ladder::scoring::{Counts, RungScore, Verdict};
use crate::core::model::Level;
use crate::core::settings::Settings;

/// The advice for someone archived is one sentence like every other advice on its own
/// line, with the way back or without (the UI's, where nothing binds restoring).
#[test]
fn the_advice_for_someone_archived_is_a_sentence() {
    assert_eq!(
        archived_advice(Some("`trustladder person restore pat-lee`")),
        "Archived, so nothing new is promised until restored (`trustladder person restore pat-lee`)."
    );
    assert_eq!(
        archived_advice(None),
        "Archived, so nothing new is promised until restored."
    );
}

/// The advice names someone by first name, or whole beside another colleague of that
/// first name (any case, accents aside).
#[test]
fn a_first_name_two_colleagues_share_is_said_whole() {
    let m = crate::core::Moment::fixed(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), "t");
    let mut l = crate::core::Ledger::default();
    for name in ["Sam Lindqvist", "sám Okafor", "Priya Raman"] {
        l.add_person(name, "", "", m).unwrap();
    }
    let names = FirstNames::of(&l.people);
    let called: Vec<String> = l.people.iter().map(|p| names.called(p)).collect();
    assert_eq!(called, ["Sam Lindqvist", "sám Okafor", "Priya"]);
}

/// A name listed "Last, First" is called by the first name after the comma, and one
/// that starts with a title or an initial is said whole.
#[test]
fn the_advice_calls_a_colleague_by_the_name_they_go_by() {
    for (name, called) in [
        ("Priya Raman", "Priya"),
        ("Raman, Priya", "Priya"),
        ("O'Brien, Seán Patrick", "Seán"),
        ("Raman,", "Raman"),
        ("Priya Raman, PhD", "Priya"),
        ("Martin Luther King, Jr.", "Martin"),
        ("King, Martin Luther, Jr.", "Martin"),
        ("Dr. Small", "Dr. Small"),
        ("Dr Who", "Dr Who"),
        ("prof Jane Roe", "prof Jane Roe"),
        ("Sir Tim Lee", "Sir Tim Lee"),
        ("Drew Barr", "Drew"),
        ("J. Okafor", "J. Okafor"),
        ("Okafor, J.", "Okafor, J."),
        ("Okafor, J. K.", "Okafor, J. K."),
        ("Ann.", "Ann."),
        ("王芳", "王芳"),
    ] {
        assert_eq!(called_word(name), called, "{name}");
    }
    let m = crate::core::Moment::fixed(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), "t");
    let mut l = crate::core::Ledger::default();
    for name in ["Raman, Priya", "Priya Okafor", "Sam Lee", "Sam Lee"] {
        l.add_person(name, "", "", m).unwrap();
    }
    let names = FirstNames::of(&l.people);
    let called: Vec<String> = l.people.iter().map(|p| names.called(p)).collect();
    assert_eq!(
        called,
        [
            "Raman, Priya",
            "Priya Okafor",
            "Sam Lee (sam-lee)",
            "Sam Lee (sam-lee-2)"
        ]
    );
}

/// Only a word with a letter or a digit names someone: dashes, punctuation and emoji
/// before it are passed over, quotes and brackets around it left out, and a name with no
/// such word is said whole.
#[test]
fn the_advice_calls_a_colleague_by_a_word_that_names_them() {
    for (name, called) in [
        ("- Dash", "Dash"),
        ("-- Dash Rivera", "Dash"),
        ("• Bullet", "Bullet"),
        ("🚀 Rocket Ren", "Rocket"),
        ("... Ellis", "Ellis"),
        ("Smith, \"Jo\"", "Jo"),
        ("Smith, “Jo”", "Jo"),
        ("Smith, ‘Jo’", "Jo"),
        ("'Jo' Smith", "Jo"),
        ("(Jo) Smith", "Jo"),
        ("Smith, (Jo)", "Jo"),
        ("Smith, \"Jo,\" Ann", "Jo"),
        ("«Jo» Smith", "Jo"),
        ("Smith, - Jo", "Jo"),
        ("Raman, -", "Raman"),
        ("- Dr. Small", "Dr. Small"),
        ("– J. Okafor", "J. Okafor"),
        ("O'Brien", "O'Brien"),
        ("R2 Unit", "R2"),
        ("007", "007"),
        ("-", "-"),
        (" 🚀 ✨ ", "🚀 ✨"),
        ("\"\"", "\"\""),
    ] {
        assert_eq!(called_word(name), called, "{name}");
    }
    let m = crate::core::Moment::fixed(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), "t");
    let mut l = crate::core::Ledger::default();
    for name in ["- Dash", "Smith, \"Jo\"", "⁂ 🚀"] {
        l.add_person(name, "", "", m).unwrap();
    }
    let names = FirstNames::of(&l.people);
    let called: Vec<String> = l.people.iter().map(|p| names.called(p)).collect();
    assert_eq!(called, ["Dash", "Jo", "⁂ 🚀"]);
    // "- Sam" and "Sam Lee" share the word they are called by.
    let mut l = crate::core::Ledger::default();
    for name in ["- Sam", "Sam Lee"] {
        l.add_person(name, "", "", m).unwrap();
    }
    let names = FirstNames::of(&l.people);
    let called: Vec<String> = l.people.iter().map(|p| names.called(p)).collect();
    assert_eq!(called, ["- Sam", "Sam Lee"]);
}

fn rung(reliability: f64, threshold: f64) -> RungScore {
    RungScore {
        level: Level::Result,
        evidence: 4.0,
        kept: 3.0,
        delivered: 3.0,
        reliability,
        held: reliability >= threshold,
        resolved: 4,
        from_above: 0,
        late_from_above: 0,
        counts: Counts::default(),
        own_evidence: 4.0,
        own_kept: 3.0,
        verdict: if reliability >= threshold {
            Verdict::Held
        } else {
            Verdict::TooUnreliable
        },
    }
}

#[test]
fn a_score_never_shows_on_the_other_side_of_the_threshold() {
    let cases = [
        (0.697, 0.7, "69%"),
        (0.6951, 0.7, "69%"),
        (0.694, 0.7, "69%"),
        (0.7, 0.7, "70%"),
        (0.704, 0.7, "70%"),
        (0.65, 0.7, "65%"),
        (0.9996, 1.0, "99%"),
        (0.7249, 0.725, "72%"),
        (0.7251, 0.725, "73%"),
        // Held at exactly the threshold, which rounds (half to even) to 72%.
        (0.725, 0.725, "73%"),
        (0.7201, 0.725, "72%"),
        // Below 70.51%, which rounding would show as 71%.
        (0.7050, 0.7051, "70%"),
    ];
    for (reliability, threshold, shown) in cases {
        let settings = Settings {
            hold_threshold: threshold,
            ready_threshold: threshold,
            ..Settings::default()
        };
        assert_eq!(
            score(&rung(reliability, threshold), &settings),
            shown,
            "{reliability} against {threshold}"
        );
    }
    let mut none = rung(0.5, 0.7);
    none.evidence = 0.0;
    none.resolved = 0;
    assert_eq!(score(&none, &Settings::default()), NONE);
    // A record faded to evidence that shows as 0.00 (two tasks kept four years ago) has
    // the score of nothing known, and shows as nothing known; at 0.01 it is a figure.
    for (evidence, shown) in [(0.0049, NONE), (0.0072, "50%")] {
        let faded = RungScore {
            evidence,
            resolved: 2,
            ..rung(0.5018, 0.7)
        };
        assert_eq!(score(&faded, &Settings::default()), shown, "{evidence}");
    }
    // Nor of the score to be ready for the next rung (80%), held or not.
    let settings = Settings::default();
    assert_eq!(score(&rung(0.7998, 0.7), &settings), "79%");
    assert_eq!(score(&rung(0.8, 0.7), &settings), "80%");
    assert_eq!(score(&rung(0.7998, 0.85), &settings), "79%");
    // Two thresholds within a point: no whole number is on both sides, so one digit more.
    let close = Settings {
        hold_threshold: 0.795,
        ready_threshold: 0.8,
        ..Settings::default()
    };
    assert_eq!(score(&rung(0.797, 0.795), &close), "79.7%");
    assert_eq!(score(&rung(0.81, 0.795), &close), "81%");
}

/// A rung's line as [`explain`] gives it.
fn rung_line(r: &RungScore, settings: &Settings) -> String {
    let mut line = String::new();
    push_rung_line(&mut line, &Shown::new(r, settings), &reason(r, settings));
    line
}

#[test]
fn a_rungs_line_shows_the_digits_that_keep_its_score_beside_every_threshold() {
    let settings = Settings::default();
    let line = rung_line(&rung(0.7998, settings.hold_threshold), &settings);
    assert!(line.contains("; score 79.98%, evidence"), "{line}");
    let line = rung_line(&rung(0.8123, settings.hold_threshold), &settings);
    assert!(line.contains("; score 81%, evidence"), "{line}");
}

#[test]
fn evidence_never_shows_on_the_other_side_of_its_thresholds() {
    let settings = Settings::default();
    let at = |level: Level, evidence: f64| {
        let r = RungScore {
            level,
            evidence,
            resolved: if evidence > 0.0 { 4 } else { 0 },
            ..rung(0.9, 0.7)
        };
        super::evidence(&r, &settings)
    };
    let hold = settings.hold_evidence_task;
    assert_eq!(at(Level::Task, hold - 0.004), format!("{:.2}", hold - 0.01));
    assert_eq!(at(Level::Task, hold), format!("{hold:.2}"));
    assert_eq!(at(Level::Task, hold + 0.004), format!("{hold:.2}"));
    let ready = settings.ready_evidence_task;
    assert_eq!(
        at(Level::Task, ready - 0.001),
        format!("{:.2}", ready - 0.01)
    );
    let hold = settings.hold_evidence_result;
    assert_eq!(
        at(Level::Result, hold - 0.003),
        format!("{:.2}", hold - 0.01)
    );
    // Away from every threshold, as usual.
    assert_eq!(at(Level::Task, 1.236), "1.24");
    assert_eq!(at(Level::Impact, 0.0), NONE);
}

/// A rung's own record just under the `tried` note's evidence shows under it (0.74927,
/// not a 0.75 beside a record that is not "tried"); with kept promises from above in it,
/// or at tasks, the shown evidence is not the one the note compares, and rounds as usual.
#[test]
fn evidence_of_a_record_of_its_own_keeps_its_side_of_the_tried_threshold() {
    let settings = Settings::default();
    let bar = settings.bad_record_evidence;
    let own = |level: Level, evidence: f64, from_above: usize| {
        let r = RungScore {
            level,
            evidence,
            from_above,
            ..rung(0.36, 0.7)
        };
        super::evidence(&r, &settings)
    };
    let just_under = bar - 0.00073;
    assert_eq!(
        own(Level::Result, just_under, 0),
        format!("{:.2}", bar - 0.01)
    );
    assert_eq!(own(Level::Result, bar, 0), format!("{bar:.2}"));
    // Kept promises from above in it, or tasks (never the rung a note is about).
    assert_eq!(own(Level::Result, just_under, 1), format!("{bar:.2}"));
    assert_eq!(own(Level::Task, just_under, 0), format!("{bar:.2}"));
    let score = settings.bad_record_threshold - 0.0004;
    let r = RungScore {
        evidence: 1.0,
        own_evidence: 1.0,
        ..rung(score, 0.7)
    };
    assert_eq!(super::score(&r, &settings), "49%");
}

#[test]
fn a_rungs_record_says_what_was_late_and_what_came_from_above() {
    let record = |kept_late, late_from_above, from_above, released| {
        rung_record(&RungScore {
            counts: Counts {
                kept: 3,
                kept_late,
                broken: 1,
                released,
            },
            resolved: 4 + kept_late + from_above,
            from_above,
            late_from_above,
            ..rung(0.8, 0.7)
        })
    };
    assert_eq!(record(0, 0, 0, 0), "3 of 4 kept");
    assert_eq!(record(2, 0, 0, 0), "5 of 6 kept (2 late)");
    assert_eq!(record(0, 0, 10, 0), "13 of 14 kept (10 from above)");
    assert_eq!(record(1, 2, 3, 0), "7 of 8 kept (3 late, 3 from above)");
    assert_eq!(record(0, 0, 0, 12), "3 of 4 kept, 12 released");
    assert_eq!(
        record(1, 0, 2, 1),
        "6 of 7 kept (1 late, 2 from above), 1 released"
    );
}

#[test]
fn a_rungs_line_agrees_with_its_rule() {
    let settings = Settings::default();
    let line = rung_line(&rung(0.697, settings.hold_threshold), &settings);
    assert!(line.contains("; score 69.7%, evidence"), "{line}");
    assert!(line.ends_with("not held: score 69.7% < 70%"), "{line}");
    // A threshold set with a decimal is shown with it.
    let settings = Settings {
        hold_threshold: 0.725,
        ..Settings::default()
    };
    let line = rung_line(&rung(0.7249, 0.725), &settings);
    assert!(line.ends_with("not held: score 72% < 72.5%"), "{line}");
    let line = rung_line(&rung(0.725, 0.725), &settings);
    assert!(
        line.ends_with("held (evidence 4.00 ≥ 2.0 and score 72.5% ≥ 72.5%)"),
        "{line}"
    );
}

proptest::proptest! {
    /// A record shows nothing where its evidence is written as 0.00, whatever its
    /// thresholds (set as small as a setting may be): what `shows_nothing` skips writing
    /// out, evidence of a hundredth or more, never is.
    #[test]
    fn a_record_shows_nothing_only_where_its_evidence_reads_zero(
        evidence in 0.0f64..0.03,
        bar in 0.0f64..0.03,
        level in 0usize..3,
    ) {
        let settings = Settings {
            hold_evidence_task: bar,
            ready_evidence_task: bar,
            hold_evidence_result: bar,
            ready_evidence_result: bar,
            hold_evidence_impact: bar,
            bad_record_evidence: bar,
            ..Settings::default()
        };
        let r = RungScore {
            level: Level::ALL[level],
            evidence,
            own_evidence: evidence,
            ..rung(0.5, 0.7)
        };
        let written = super::evidence(&r, &settings);
        proptest::prop_assert_eq!(
            shows_nothing(&r, &settings),
            written.parse::<f64>() == Ok(0.0),
            "evidence {} written {}", evidence, written
        );
    }
}

/// Days are said by hand, not by chrono's formatter: every day of years around today's, and
/// years far off, reads as `%-d %b` (and ` %Y` in another year) writes it.
#[test]
fn a_short_date_reads_as_chrono_writes_it() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a day");
    let mut day = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a day");
    let far =
        [1, 9, 99, 999, 1000, 9999].map(|year| NaiveDate::from_ymd_opt(year, 3, 7).expect("a day"));
    while day.year() < 2029 {
        for day in std::iter::once(day).chain(far) {
            let chrono = if day.year() == today.year() {
                day.format("%-d %b").to_string()
            } else {
                day.format("%-d %b %Y").to_string()
            };
            assert_eq!(short_date(day, today), chrono);
        }
        day = day.succ_opt().expect("a day after");
    }
}

proptest::proptest! {
    /// The decimals a threshold is quoted with, worked out in integers, are those it is
    /// written with, near a half of its last digit too.
    #[test]
    fn a_settings_decimals_are_those_it_is_written_with(
        v in proptest::prop_oneof![0.0f64..2.0, (0u32..20_000).prop_map(|n| f64::from(n) / 10_000.0 + 0.000_05)],
    ) {
        let written = setting_digits(v);
        let decimals = written.split_once('.').map_or(0, |(_, d)| d.len());
        proptest::prop_assert_eq!(setting_decimals(v), decimals, "{}", written);
    }
}
