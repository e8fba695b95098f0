//! Properties of the ladder engine that must hold for any record, checked on generated ones:
//! a new kept promise never lowers a level (nor a rung's score), a broken one never raises
//! them, no rung is held above one that is not, the explanation never contradicts its own
//! comparisons, and scoring does not depend on the order of the record.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use trustladder::core::ladder::{Note, Standing, standing, words};
use trustladder::core::{
    Direction, Level, PersonId, Promise, PromiseId, Settings, Status, Timestamp, Uid,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// One more promise of person 1, made and resolved `age` days before today.
fn resolved(direction: Direction, level: Level, status: Status, age: u64) -> Promise {
    let on = today() - Days::new(age);
    Promise {
        id: PromiseId(1000),
        uid: Uid::derived("the added promise"),
        changed: Timestamp::start_of(on),
        person: PersonId(1),
        direction,
        level,
        what: status.label().into(),
        made: on,
        due: None,
        status,
        resolved: Some(on),
        note: String::new(),
    }
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(vec![
        Status::Open,
        Status::Kept,
        Status::KeptLate,
        Status::Released,
        Status::Broken,
    ])
}

fn direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(vec![Direction::Theirs, Direction::Mine])
}

/// A promise resolved (or, open, due) `age` days before today; a few are dated after today,
/// which scoring must ignore.
fn promise() -> impl Strategy<Value = Promise> {
    (level(), status(), direction(), -5i64..900).prop_map(|(level, status, direction, age)| {
        let on = if age >= 0 {
            today() - Days::new(age as u64)
        } else {
            today() + Days::new(age.unsigned_abs())
        };
        Promise {
            id: PromiseId(0),
            uid: Uid::derived("a promise"),
            changed: Timestamp::start_of(on),
            person: PersonId(1),
            direction,
            level,
            what: "p".into(),
            made: on - Days::new(3),
            // An open promise was due `age` days ago: overdue when that is in the past.
            due: Some(on),
            status,
            resolved: status.is_resolved().then_some(on),
            note: String::new(),
        }
    })
}

fn record() -> impl Strategy<Value = Vec<Promise>> {
    prop::collection::vec(promise(), 0..40).prop_map(|mut v| {
        for (i, p) in v.iter_mut().enumerate() {
            p.id = PromiseId(i as u64 + 1);
            p.uid = Uid::derived(&format!("promise {i}"));
        }
        v
    })
}

/// Settings anywhere in their valid ranges, so the properties do not lean on the defaults.
fn settings() -> impl Strategy<Value = Settings> {
    (
        (30.0f64..720.0, 30.0f64..1500.0, 30.0f64..3000.0),
        (0.0f64..8.0, 0.0f64..6.0, 0.0f64..=1.0, 0.0f64..=1.0),
        (0u32..400, 1u32..4, 0.0f64..=1.0, 0u32..30),
        (0.0f64..8.0, 0.0f64..=1.0, 0.0f64..2.0, 0u32..400),
    )
        .prop_map(
            |(
                (task_life, result_life, impact_life),
                (task_evidence, upper_evidence, hold_threshold, kept_late_value),
                (slip_window_days, min_broken, slip_threshold, grace),
                (ready_evidence, ready_threshold, bad_record_evidence, trend_days),
            )| Settings {
                half_life_days_task: task_life,
                half_life_days_result: result_life,
                half_life_days_impact: impact_life,
                hold_evidence_task: task_evidence,
                hold_evidence_result: upper_evidence,
                hold_evidence_impact: upper_evidence,
                hold_threshold,
                kept_late_value,
                slip_window_days,
                slip_min_broken_task: min_broken + 1,
                slip_min_broken_result: min_broken,
                slip_min_broken_impact: min_broken,
                slip_threshold,
                overdue_grace_days: grace,
                ready_evidence_task: ready_evidence,
                ready_evidence_result: ready_evidence,
                ready_threshold,
                bad_record_evidence,
                trend_days,
                ..Settings::default()
            },
        )
}

/// The figures and verdicts of two standings agree, up to float rounding of sums.
fn same_standing(a: &Standing, b: &Standing) -> Result<(), TestCaseError> {
    for (x, y) in a.rungs.iter().zip(&b.rungs) {
        prop_assert!((x.evidence - y.evidence).abs() < 1e-9);
        prop_assert!((x.kept - y.kept).abs() < 1e-9);
        prop_assert_eq!(
            (x.resolved, x.counts, x.held),
            (y.resolved, y.counts, y.held)
        );
    }
    prop_assert_eq!(a.trust_level, b.trust_level);
    prop_assert_eq!(&a.slipping_rungs, &b.slipping_rungs);
    prop_assert_eq!(a.ready_for, b.ready_for);
    let kinds = |s: &Standing| s.notes.iter().map(Note::kind).collect::<Vec<_>>();
    prop_assert_eq!(kinds(a), kinds(b));
    prop_assert_eq!(a.trend, b.trend);
    prop_assert_eq!(a.open_at, b.open_at);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn a_new_kept_promise_never_lowers_a_level_or_a_score(
        record in record(),
        settings in settings(),
        dir in direction(),
        level in level(),
        age in 0u64..900,
    ) {
        let before = standing(&record, dir, &settings, today());
        let mut more = record.clone();
        more.push(resolved(dir, level, Status::Kept, age));
        let after = standing(&more, dir, &settings, today());
        prop_assert!(after.trust_level >= before.trust_level);
        for (b, a) in before.rungs.iter().zip(&after.rungs) {
            prop_assert!(
                a.reliability >= b.reliability - 1e-12,
                "{}: {} fell to {}", b.level, b.reliability, a.reliability
            );
            // It counts at its own rung and every rung below, and nowhere else.
            let counted = b.level <= level;
            prop_assert_eq!(a.resolved, b.resolved + usize::from(counted));
        }
    }

    #[test]
    fn a_new_broken_promise_never_raises_a_score(
        record in record(),
        settings in settings(),
        dir in direction(),
        level in level(),
        age in 0u64..900,
    ) {
        let before = standing(&record, dir, &settings, today());
        let mut more = record.clone();
        more.push(resolved(dir, level, Status::Broken, age));
        let after = standing(&more, dir, &settings, today());
        for (b, a) in before.rungs.iter().zip(&after.rungs) {
            prop_assert!(a.reliability <= b.reliability + 1e-12);
            // It counts only at its own rung.
            prop_assert_eq!(a.resolved, b.resolved + usize::from(b.level == level));
        }
    }

    #[test]
    fn a_new_broken_promise_never_raises_a_level(
        record in record(),
        settings in settings(),
        dir in direction(),
        level in level(),
        age in 0u64..900,
    ) {
        let before = standing(&record, dir, &settings, today());
        let mut more = record.clone();
        more.push(resolved(dir, level, Status::Broken, age));
        let after = standing(&more, dir, &settings, today());
        prop_assert!(after.trust_level <= before.trust_level);
        for (b, a) in before.rungs.iter().zip(&after.rungs) {
            prop_assert!(a.held <= b.held, "{} came to be held", b.level);
        }
    }

    #[test]
    fn explanations_never_contradict_their_own_comparisons(
        record in record(),
        settings in settings(),
        dir in direction(),
    ) {
        // Every "a < b" and "a ≥ b" between two numbers in the explanation holds as printed:
        // rounding must never show "85% < 85%" or "3.00 < 3.0".
        let s = standing(&record, dir, &settings, today());
        let number = |t: &str| t.trim_end_matches([',', '.', ')', '%', ';']).parse::<f64>().ok();
        for line in words::explain(&s, &settings) {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            for (i, w) in tokens.iter().enumerate().filter(|(_, w)| ["<", "≥"].contains(w)) {
                let (Some(a), Some(b)) = (
                    i.checked_sub(1).and_then(|j| number(tokens[j])),
                    tokens.get(i + 1).and_then(|t| number(t)),
                ) else {
                    continue;
                };
                if *w == "<" {
                    prop_assert!(a < b, "{}", line);
                } else {
                    prop_assert!(a >= b, "{}", line);
                }
            }
        }
    }

    #[test]
    fn no_rung_is_held_above_one_that_is_not(
        record in record(),
        settings in settings(),
        dir in direction(),
    ) {
        let s = standing(&record, dir, &settings, today());
        for pair in s.rungs.windows(2) {
            prop_assert!(!pair[1].held || pair[0].held, "{} held above {}", pair[1].level, pair[0].level);
        }
        // The level is the highest held rung, and everything up to it is held.
        let held: Vec<Level> = s.rungs.iter().filter(|r| r.held).map(|r| r.level).collect();
        prop_assert_eq!(s.trust_level, held.last().copied());
        prop_assert_eq!(held.len(), s.trust_level.map_or(0, |l| l.index() + 1));
        // Slipping is checked up to one rung above the level; ready is for the rung above a
        // held one, and never while anything slips.
        let highest = s.trust_level.map_or(0, |l| (l.index() + 1).min(2));
        prop_assert!(s.slipping_rungs.iter().all(|l| l.index() <= highest));
        prop_assert!(!(s.ready && s.slipping));
        prop_assert_eq!(s.ready_for.map(Level::index), s.trust_level.and_then(Level::up).filter(|_| s.ready).map(Level::index));
    }

    #[test]
    fn scoring_does_not_depend_on_the_order_of_the_record(
        record in record(),
        settings in settings(),
        dir in direction(),
        seed in any::<u64>(),
    ) {
        let first = standing(&record, dir, &settings, today());
        let again = standing(&record.clone(), dir, &settings, today());
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(words::explain(&first, &settings), words::explain(&again, &settings));

        let mut shuffled = record.clone();
        let n = shuffled.len();
        if n > 1 {
            let mut state = seed;
            for i in (1..n).rev() {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (state >> 33) as usize % (i + 1));
            }
        }
        let other = standing(&shuffled, dir, &settings, today());
        same_standing(&first, &other)?;
    }
}
